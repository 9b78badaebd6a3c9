// reflectionLens.includeTruncated and reflectionLens.tokenLimit over a real JSON-RPC connection to
// the built server (dist/server.js), sent the way an editor sends settings (workspace/configuration
// answers, didChangeConfiguration): with the defaults a `truncated: true` record is left out of
// calibration and listed as skipped; with includeTruncated it is counted; with a lower tokenLimit a
// long record is cut off too; bad values fall back to the defaults (with a warning). Each change
// re-reads the files (the corpus cache keys on these settings). The live rollout-folder
// calibration (reflectionLens/followRollouts) applies the same settings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CalibrationResult } from '../../server/src/analysis/types.js';
import { LspSession } from './lspSession.js';
import { waitUntil } from '../deadline.js';
import {
  calibrateRequest,
  calibrationTracesRequest,
  followRolloutsRequest,
  rolloutStepNotification,
  unfollowRolloutsRequest,
} from '../../protocol/methods.js';
import type { CalibrateParams } from '../../protocol/calibration.js';
import type { RolloutStepParams } from '../../protocol/rollouts.js';

const skip = existsSync('dist/server.js') ? undefined : 'dist/server.js is not built (npm run build)';
if (skip) console.log(`# skipping calibration settings tests: ${skip}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function record(id: number, body: string, extraHeaders = ''): string {
  return `=== ${id}\nquery: Calculate 12 * 34. Think step by step.\nanswer: 408\nmodel: m\ntask: 2x2\n${extraHeaders}---\n${body}\n`;
}
const SHORT = '12 * 34 = 408. The answer is 408.';
// About 2,300 characters: some 580 tokens by the engine's estimate (4 characters a token).
const LONG = `${'First I multiply the tens, and then the units, carefully. '.repeat(40)}So the answer is 408.`;

/** Groups' sizes and the truncation lines of `skipped`. */
function counted(r: CalibrationResult): number {
  return r.groups.reduce((s, g) => s + g.n, 0);
}
const cutOff = (r: CalibrationResult) => r.skipped.filter((s) => /cut off at the generation limit/.test(s.reason));

describe('calibration truncation settings over JSON-RPC', { skip }, () => {
  let dir: string;
  let file: string;
  let truncatedLine: number;
  let longLine: number;
  let lsp: LspSession;
  let params: CalibrateParams;
  const warnings: string[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rl-caltrunc-'));
    file = join(dir, 'cut.trace');
    const text = [record(1, SHORT), record(2, SHORT), record(3, SHORT), record(4, SHORT, 'truncated: true\n'), record(5, LONG)].join('');
    writeFileSync(file, text);
    const lines = text.split('\n');
    truncatedLine = lines.indexOf('=== 4') + 1;
    longLine = lines.indexOf('=== 5') + 1;
    params = { uris: [pathToFileURL(dir).href], bootstrap: 50, seed: 1, horizon: 4 };
    lsp = new LspSession();
    // showWarningMessage is window/showMessageRequest (it could offer actions).
    lsp.conn.onRequest('window/showMessageRequest', (m: { message: string }) => {
      warnings.push(m.message);
      return null;
    });
    await lsp.initialize();
  });
  after(async () => {
    await lsp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const calibrate = () => lsp.conn.sendRequest(calibrateRequest, params);
  const ids = async () =>
    (await lsp.conn.sendRequest(calibrationTracesRequest, { ...params, query: { model: 'm', task: '2x2', filter: 'all' } }))
      .map((l) => l.id)
      .sort();

  test('defaults: the truncated: true record is left out and listed as skipped; the long one (under 8,192 tokens) counts', async () => {
    const r = await calibrate();
    assert.deepEqual(r.truncation, { includeTruncated: false, tokenLimit: 8192 });
    assert.equal(r.filesRead, 1);
    assert.equal(counted(r.result), 4);
    const cut = cutOff(r.result);
    assert.equal(cut.length, 1, JSON.stringify(r.result.skipped));
    assert.equal(cut[0].file, file);
    assert.equal(cut[0].line, truncatedLine);
    assert.match(cut[0].reason, /^1 record cut off at the generation limit/);
    assert.match(cut[0].reason, /reflectionLens\.includeTruncated/, 'the editor names its setting, not the CLI flag');
    assert.deepEqual(await ids(), ['1', '2', '3', '5'], 'a click lists only counted records');
    assert.ok(
      lsp.configRequests.some((c) => c.section === 'reflectionLens' && c.scopeUri === params.uris[0]),
      'settings pulled for the calibrated folder',
    );
  });

  test('includeTruncated: true counts it (and re-reads the file)', async () => {
    await lsp.changeSettings({ includeTruncated: true });
    const r = await calibrate();
    assert.deepEqual(r.truncation, { includeTruncated: true, tokenLimit: 8192 });
    assert.equal(r.filesRead, 1, 'a changed setting is a cache miss');
    assert.equal(counted(r.result), 5);
    assert.deepEqual(cutOff(r.result), []);
    assert.deepEqual(await ids(), ['1', '2', '3', '4', '5']);
    assert.equal((await calibrate()).filesRead, 0, 'unchanged settings: served from the cache');
  });

  test('a lower tokenLimit makes the long record cut off as well', async () => {
    await lsp.changeSettings({ tokenLimit: 100 });
    const r = await calibrate();
    assert.deepEqual(r.truncation, { includeTruncated: false, tokenLimit: 100 });
    assert.equal(r.filesRead, 1);
    assert.equal(counted(r.result), 3);
    const cut = cutOff(r.result);
    assert.equal(cut.length, 1);
    assert.match(cut[0].reason, /^2 records cut off at the generation limit .* \(first at line \d+\)$/);
    assert.equal(cut[0].line, Math.min(truncatedLine, longLine));
    assert.deepEqual(await ids(), ['1', '2', '3']);

    // Both settings together: everything counts again, whatever the limit.
    await lsp.changeSettings({ tokenLimit: 100, includeTruncated: true });
    assert.equal(counted((await calibrate()).result), 5);
  });

  test('bad values fall back to the defaults, with a warning', async () => {
    await lsp.changeSettings({ includeTruncated: 'yes', tokenLimit: 0 });
    const r = await calibrate();
    assert.deepEqual(r.truncation, { includeTruncated: false, tokenLimit: 8192 });
    assert.equal(counted(r.result), 4);
    assert.equal(cutOff(r.result).length, 1);
    const expected = [/reflectionLens\.includeTruncated: expected true or false/, /reflectionLens\.tokenLimit: expected a number >= 1/];
    await waitUntil('a warning about each bad setting', () => expected.every((re) => warnings.some((w) => re.test(w))), {
      timeoutMs: 10_000,
      detail: () => `warnings: ${warnings.join(' | ')}`,
    });
  });

  test('the live rollout-folder calibration uses the same settings', async () => {
    const runDir = join(dir, 'grpo-run');
    mkdirSync(runDir);
    const line = (idx: number, output: string, extra = '') =>
      `{"input": "Calculate 12 * 34. Think step by step.", "output": ${JSON.stringify(output)}, "gts": "408", "score": 1.0, "step": 1, "idx": ${idx}, "task": "2x2"${extra}}\n`;
    writeFileSync(join(runDir, '1.jsonl'), line(1, SHORT) + line(2, SHORT) + line(3, SHORT, ', "finish_reason": "length"') + line(4, LONG));
    const received: RolloutStepParams[] = [];
    lsp.conn.onNotification(rolloutStepNotification, (p: RolloutStepParams) => {
      received.push(p);
    });
    const follow = async () => {
      const { id } = await lsp.conn.sendRequest(followRolloutsRequest, {
        dir: pathToFileURL(runDir).href,
        bootstrap: 20,
        seed: 1,
        pollMs: 20,
        settleMs: 50,
      });
      const deadline = Date.now() + 30_000;
      let step: RolloutStepParams | undefined;
      while (!(step = received.find((p) => p.id === id && p.summary.complete))) {
        if (lsp.exited || Date.now() > deadline) throw new Error(`no step summary; stderr: ${lsp.stderr.slice(-2000)}`);
        await sleep(20);
      }
      await lsp.conn.sendRequest(unfollowRolloutsRequest.method, { id });
      return step.summary;
    };
    const n = (s: RolloutStepParams['summary']) => s.groups.reduce((t, g) => t + g.n, 0);
    const cut = (s: RolloutStepParams['summary']) => s.skipped.filter((k) => /cut off at the generation limit/.test(k.reason));

    await lsp.changeSettings({});
    const plain = await follow();
    assert.equal(n(plain), 3, 'finish_reason: length is left out by default');
    assert.equal(cut(plain).length, 1);
    assert.match(cut(plain)[0].reason, /^1 record cut off .*reflectionLens\.includeTruncated/);

    await lsp.changeSettings({ includeTruncated: true });
    assert.equal(n(await follow()), 4);

    await lsp.changeSettings({ tokenLimit: 100 });
    const low = await follow();
    assert.equal(n(low), 2);
    assert.match(cut(low)[0].reason, /^2 records cut off/);
  });
});
