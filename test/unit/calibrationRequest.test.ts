// reflectionLens/calibrate and reflectionLens/calibrationTraces over a real JSON-RPC connection
// to the built server (dist/server.js): results, work-done progress, the file cache seen from
// the client, trace locations for clicks, bad parameters, and cancellation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  LSPErrorCodes,
  ErrorCodes,
  WorkDoneProgress,
  type ResponseError,
} from 'vscode-languageserver-protocol/node';
import { generateMultiplicationTraces } from '../../server/src/trace/generate.js';
import { LspSession } from '../protocol/lspSession.js';
import { calibrateRequest, calibrationTracesRequest } from '../../protocol/methods.js';
import type { CalibrateParams } from '../../protocol/calibration.js';

const skip = existsSync('dist/server.js') ? undefined : 'dist/server.js is not built (npm run build)';
if (skip) console.log(`# skipping calibration request tests: ${skip}`);

describe('calibration request over JSON-RPC', { skip }, () => {
  let dir: string;
  let lsp: LspSession;
  let params: CalibrateParams;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rl-calreq-'));
    for (const [i, model] of ['grpo', 'sft'].entries()) {
      for (const step of [10, 20, 30]) {
        const traces = generateMultiplicationTraces({
          seed: 10 * i + step,
          models: [
            {
              name: model,
              step,
              echoRate: 0.5,
              tasks: [
                { task: '3x3', p: 0.6, delta1: 0.9, delta2: 0.5, n: 30 },
                { task: '3x4', p: 0.4, delta1: 0.9, delta2: 0.5, n: 30 },
              ],
            },
          ],
        });
        writeFileSync(join(dir, `${model}-${step}.trace`), [...traces].map((t) => t.text).join(''));
      }
    }
    params = { uris: [pathToFileURL(dir).href], bootstrap: 200, seed: 5, horizon: 4 };
    lsp = new LspSession();
    await lsp.initialize();
  });
  after(async () => {
    await lsp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('calibrates a folder with progress; a second request reads no file', async () => {
    const reports: unknown[] = [];
    const done = lsp.conn.onProgress(WorkDoneProgress.type, 'cal-1', (v) => {
      reports.push(v);
    });
    const first = await lsp.conn.sendRequest(calibrateRequest, { ...params, workDoneToken: 'cal-1' });
    done.dispose();
    assert.equal(first.files, 6);
    assert.equal(first.filesRead, 6);
    assert.deepEqual(
      first.result.groups.map((g) => `${g.model}/${g.task}/${g.n}`),
      ['grpo/3x3/90', 'grpo/3x4/90', 'sft/3x3/90', 'sft/3x4/90'],
    );
    assert.deepEqual(first.result.bootstrap, { B: 200, seed: 5 });
    const kinds = reports.map((r) => (r as { kind: string }).kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.ok(kinds.includes('report'));

    const second = await lsp.conn.sendRequest(calibrateRequest, params);
    assert.equal(second.filesRead, 0);
    assert.deepEqual(second.result, first.result);
  });

  test('by step (and auto, since the files span steps) gives one group per model, task and step', async () => {
    for (const by of ['step', 'auto'] as const) {
      const r = await lsp.conn.sendRequest(calibrateRequest, { ...params, by });
      assert.equal(r.result.groups.length, 12, by);
      assert.deepEqual([...new Set(r.result.groups.map((g) => g.step))].sort(), [10, 20, 30]);
      assert.ok(r.result.groups.every((g) => g.n === 30));
    }
  });

  test('trace locations open each record at its === line', async () => {
    const locs = await lsp.conn.sendRequest(calibrationTracesRequest, {
      ...params,
      query: { model: 'sft', task: '3x4', filter: 'missedCorrection' },
    });
    const group = (await lsp.conn.sendRequest(calibrateRequest, params)).result.groups.find((g) => g.model === 'sft' && g.task === '3x4')!;
    assert.equal(locs.length, group.n - group.counts.correctFinal, 'one location per wrong final answer');
    for (const l of locs) {
      const lines = readFileSync(fileURLToPath(l.uri), 'utf8').split('\n');
      assert.equal(lines[l.line], `=== ${l.id}`);
      assert.match(l.detail, /final wrong/);
    }
  });

  test('bad parameters are an InvalidParams error, and the server keeps serving', async () => {
    await assert.rejects(
      lsp.conn.sendRequest(calibrateRequest.method, { ...params, bootstrap: 0 }),
      (e: ResponseError) => e.code === ErrorCodes.InvalidParams && /bootstrap/.test(e.message),
    );
    await assert.rejects(
      lsp.conn.sendRequest(calibrateRequest.method, { uris: 'x' }),
      (e: ResponseError) => e.code === ErrorCodes.InvalidParams,
    );
    const r = await lsp.conn.sendRequest(calibrateRequest, { ...params, uris: [...params.uris, 'untitled:Untitled-1'] });
    assert.ok(r.result.skipped.some((s) => s.file === 'untitled:Untitled-1' && /not a local file/.test(s.reason)));
  });

  test('a cancelled request answers RequestCancelled', async () => {
    const bigDir = mkdtempSync(join(tmpdir(), 'rl-calreq-big-'));
    try {
      for (let f = 0; f < 12; f++) {
        const traces = generateMultiplicationTraces({
          seed: f,
          models: [{ name: `m${f}`, tasks: [{ task: '5x5', p: 0.3, delta1: 0.9, delta2: 0.6, n: 300 }] }],
        });
        writeFileSync(join(bigDir, `m${f}.trace`), [...traces].map((t) => t.text).join(''));
      }
      const cts = new CancellationTokenSource();
      // Cancel once the first file is done ("1 of 12 files"): the server is then inside its file
      // loop with something already cached (cancelling at the very first report raced it).
      const sub = lsp.conn.onProgress(WorkDoneProgress.type, 'cal-cancel', (v) => {
        if (v.kind === 'report' && /^[1-9]\d* of /.test(v.message ?? '')) cts.cancel();
      });
      await assert.rejects(
        lsp.conn.sendRequest(
          calibrateRequest.method,
          { ...params, uris: [pathToFileURL(bigDir).href], workDoneToken: 'cal-cancel' },
          cts.token,
        ),
        (e: ResponseError) => e.code === LSPErrorCodes.RequestCancelled,
      );
      sub.dispose();
      const after = await lsp.conn.sendRequest(calibrateRequest, { ...params, uris: [pathToFileURL(bigDir).href] });
      assert.equal(after.files, 12);
      assert.ok(after.filesRead < 12, `files read before the cancel stay cached (read again: ${after.filesRead})`);
    } finally {
      rmSync(bigDir, { recursive: true, force: true });
    }
  });
});
