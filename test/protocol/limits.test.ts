// Limits on what a settings file or a request can make the built server do (dist/server.js, over a
// real JSON-RPC connection): a user answer pattern that backtracks catastrophically is refused
// with a message naming the setting and the pattern, and the server keeps answering; bootstrap B
// is capped; the calibrate request reads only regular files, and a file given twice once; an
// empty markers setting falls back to the default lexicon (no finding names a marker "null"); a
// second initialize is refused; a JSONL line with many responses gets a capped hover and inlay
// label.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification,
  InitializeRequest,
  type Diagnostic,
  type Hover,
  type InlayHint,
} from 'vscode-languageserver-protocol/node';
import { LspSession } from './lspSession.js';
import { waitUntil } from '../deadline.js';
import { calibrateRequest } from '../../protocol/methods.js';
import type { CalibrateParams } from '../../protocol/calibration.js';

const msgOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const skip = existsSync('dist/server.js') ? undefined : 'dist/server.js is not built (npm run build)';

function record(id: number, body: string): string {
  return `=== ${id}\nquery: Calculate 12 * 34. Think step by step.\nanswer: 408\nmodel: m\ntask: 2x2\n---\n${body}\n`;
}

describe('limits over JSON-RPC', { skip }, () => {
  let dir: string;
  let file: string;
  let lsp: LspSession;
  const warnings: string[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rl-limits-'));
    file = join(dir, 'a.trace');
    writeFileSync(file, [1, 2, 3].map((i) => record(i, '12 * 34 = 408. The answer is 408.')).join(''));
    lsp = new LspSession();
    lsp.conn.onRequest('window/showMessageRequest', (m: { message: string }) => {
      warnings.push(m.message);
      return null;
    });
    lsp.conn.onNotification('window/showMessage', (m: { message: string }) => {
      warnings.push(m.message);
    });
    lsp.settings.set('*', { answerPatterns: ['(a+)+b', 'RESULT=(\\d+)'] });
    await lsp.initialize();
  });
  after(async () => {
    await lsp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a catastrophic answer pattern is refused with a message naming the setting and the pattern; the server keeps answering', async () => {
    const uri = pathToFileURL(join(dir, 'redos.trace')).href;
    await lsp.open(uri, record(1, `${'a'.repeat(40)}!\nRESULT=408`));
    const diags = await lsp.diagnosticsFor(uri, 1, 20_000);
    assert.ok(Array.isArray(diags));
    const hover = (await lsp.conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 7, character: 8 },
    })) as Hover | null;
    assert.ok(hover, 'hover answered');
    await waitUntil('a warning about the pattern', () => warnings.some((w) => w.includes('(a+)+b')), {
      timeoutMs: 10_000,
      detail: () => JSON.stringify(warnings),
    });
    const w = warnings.find((m) => m.includes('(a+)+b'))!;
    assert.match(w, /reflectionLens\.answerPatterns/);
    assert.match(w, /nested quantifiers/);
  });

  test('the calibrate request caps bootstrap B, naming the limit', async () => {
    const params: CalibrateParams = { uris: [pathToFileURL(file).href], bootstrap: 1e9, seed: 1, horizon: 4 };
    await assert.rejects(lsp.conn.sendRequest(calibrateRequest, params), (e: Error) =>
      /bootstrap must be a whole number from 1 to 100000/.test(e.message),
    );
    const ok = await lsp.conn.sendRequest(calibrateRequest, { ...params, bootstrap: 100_000 / 1000 });
    assert.equal(ok.result.groups.length, 1);
  });

  test('the calibrate request refuses a catastrophic answer pattern', async () => {
    const params: CalibrateParams = { uris: [pathToFileURL(file).href], bootstrap: 20, seed: 1, horizon: 4, answerPatterns: ['(x|x)*y'] };
    await assert.rejects(lsp.conn.sendRequest(calibrateRequest, params), (e: Error) =>
      /answerPatterns: "\(x\|x\)\*y" is not accepted/.test(e.message),
    );
  });

  test('calibrate reads only regular files (a device is skipped with the reason) and a file given twice once', async () => {
    const uri = pathToFileURL(file).href;
    const r = await lsp.conn.sendRequest(calibrateRequest, {
      uris: [uri, uri, uri, 'file:///dev/zero'],
      bootstrap: 20,
      seed: 1,
      horizon: 4,
    });
    assert.equal(r.files, 1);
    assert.equal(
      r.result.groups.reduce((s, g) => s + g.n, 0),
      3,
      'the three records counted once',
    );
    const dev = r.result.skipped.find((s) => s.file === '/dev/zero');
    assert.ok(dev, JSON.stringify(r.result.skipped));
    assert.match(dev.reason, /character device, not a regular file/);
    assert.equal(r.result.skipped.filter((s) => /given more than once: read once/.test(s.reason)).length, 2);
  });

  test('an empty markers setting falls back to the default lexicon with a warning; no finding names a marker "null"', async () => {
    const text = readFileSync('examples/grpo.trace', 'utf8');
    await lsp.changeSettings({ markers: [] });
    await waitUntil('a warning about the empty lexicon', () => warnings.some((w) => /reflectionLens\.markers: no phrase given/.test(w)), {
      timeoutMs: 10_000,
      detail: () => JSON.stringify(warnings),
    });
    const uri = pathToFileURL(join(dir, 'grpo.trace')).href;
    await lsp.open(uri, text);
    const diags = await lsp.diagnosticsFor(uri, 1, 30_000);
    assert.ok(
      diags.some((d) => /RESAMPLE after a correct answer .*: "\w/.test(msgOf(d))),
      'markers found: the default lexicon applies',
    );
    assert.ok(!diags.some((d) => msgOf(d).includes('"null"')));
    await lsp.changeSettings({});
  });

  test('a second initialize is refused', async () => {
    await assert.rejects(
      lsp.conn.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} }),
      (e: Error & { code?: number }) => e.code === -32600 && /already/.test(e.message),
    );
  });

  test('a JSONL line with 300 responses: hover shows the first 20 and counts the rest; the inlay label is capped', async () => {
    const R = 300;
    const line = JSON.stringify({
      question: 'Calculate 6 * 7',
      responses: Array.from({ length: R }, (_, i) => `6*7=${40 + (i % 3)}. Wait, let me recompute. The answer is ${41 + (i % 2)}.`),
      gt: '42',
    });
    const uri = pathToFileURL(join(dir, 'many.jsonl')).href;
    await lsp.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'jsonl', version: 1, text: `${line}\n` },
    });
    await lsp.diagnosticsFor(uri, 1, 30_000);
    const hover = (await lsp.conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 5 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /and 280 more responses on this line/);
    assert.ok(!value.includes('Response 21 '), 'response 21 is not shown');
    const hints = (await lsp.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
    })) as InlayHint[];
    const label = String(hints[0].label);
    assert.ok(label.length < 400, `label of ${label.length} characters`);
    assert.match(label, /\+292 more$/);
  });
});
