// Settings are pulled per resource (workspace/configuration with the document as scopeUri) and
// applied live on workspace/didChangeConfiguration: open documents are analysed again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { LspSession } from './lspSession.js';
import { documentStatsRequest } from '../../protocol/methods.js';

// The fixture plus a record whose reading hangs on a marker: without "Wait" its weak "= 408" is one
// more step of the same attempt (an explicit answer with another value would be an attempt anyway).
const text = `${readFileSync('test/fixtures/lsp/multi.trace', 'utf8')}=== w1\nquery: Calculate 12 * 34.\nanswer: 408\n---\n12 * 34 = 418\nWait, 12 * 30 = 360 and 12 * 4 = 48.\n360 + 48 = 408\n`;
const lines = text.split('\n');
const a2 = lines.indexOf('=== a2');
const attemptsOf = (symbols: DocumentSymbol[], name: string) => symbols.find((x) => x.name === name)!.children!.length;

describe('configuration', () => {
  let s: LspSession;
  const docA = 'file:///work/a/multi.trace';
  const docB = 'file:///work/b/multi.trace';
  before(async () => {
    s = new LspSession();
    // Folder b has its own lexicon without "Wait".
    s.settings.set(docB, { markers: ['Let me double-check', 'Hmm'] });
    await s.initialize();
    await s.open(docA, text);
    await s.open(docB, text);
    await s.diagnosticsFor(docA, 1);
    await s.diagnosticsFor(docB, 1);
  });
  after(() => s.close());

  test('settings are read per resource (scopeUri)', async () => {
    const symA: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: docA } });
    const symB: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: docB } });
    assert.equal(attemptsOf(symA, '=== w1'), 2);
    assert.equal(attemptsOf(symB, '=== w1'), 1, 'without "Wait" record w1 is a single attempt');
    assert.deepEqual(new Set(s.configRequests.map((c) => c.scopeUri)), new Set([docA, docB]));
  });

  test('removing a marker changes segmentation live, in every open document', async () => {
    const before = s.configRequests.length;
    await s.changeSettings({ markers: ['Let me double-check', 'Hmm', 'let me verify'] });
    const symA: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: docA } });
    assert.equal(attemptsOf(symA, '=== w1'), 1);
    assert.ok(s.configRequests.length > before, 'settings pulled again after the change');
    // The re-analysis is pushed without any edit: b1's "Hmm" still follows a correct answer.
    const pushed = await s.diagnostics(docB, (p) => p.diagnostics.some((d) => d.code === 'resample-after-correct'));
    assert.ok(pushed.diagnostics.length > 0);
    // Back to the defaults: "Wait" splits w1 again.
    await s.changeSettings({});
    const again: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: docA } });
    assert.equal(attemptsOf(again, '=== w1'), 2);
  });

  test('attribution settings change the hover numbers and the summary threshold', async () => {
    const line = lines.findIndex((l, i) => i > a2 && l.includes('answer is 408'));
    const read = async () => {
      const h: Hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: docA }, position: { line, character: 1 } });
      return Number((h.contents as { value: string }).value.match(/\| immediate KL penalty r \| ([^|]+) \|/)![1]);
    };
    const r1 = await read();
    await s.changeSettings({ beta: 0.002 });
    const r2 = await read();
    assert.ok(Math.abs(r2 - 2 * r1) < 1e-4 * Math.abs(r1) + 1e-7, `doubling beta doubles r: ${r1} -> ${r2}`);
    // A high threshold silences the attribution summaries; the lowest shows one per group with steps (g1, b1, c1).
    await s.changeSettings({ ratioThreshold: 1e6 });
    await s.change(docA, 2, []);
    const quiet = await s.diagnosticsFor(docA, 2);
    assert.ok(!quiet.some((d) => d.code === 'unbalanced-attribution'));
    await s.changeSettings({ ratioThreshold: 1 });
    await s.change(docA, 3, []);
    const loud = await s.diagnosticsFor(docA, 3);
    assert.ok(loud.filter((d) => d.code === 'unbalanced-attribution').length >= 2);
  });

  test('invalid values fall back to defaults and the server keeps working', async () => {
    await s.changeSettings({ beta: 'lots', markers: 'Wait', klEstimator: 'k9', answerPatterns: ['(unclosed'] });
    await s.change(docA, 4, []);
    const d = await s.diagnosticsFor(docA, 4);
    assert.ok(d.some((x) => x.code === 'missed-correction'));
    const symA: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: docA } });
    assert.equal(attemptsOf(symA, '=== a2'), 2, 'default lexicon in use');
  });
});

describe('maxDiagnostics', () => {
  const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
  // multi.trace plus a broken header: one error among the findings (warnings and an information).
  const broken = text.replace('=== a2', '=== a2\nnot a header line');
  const uri = 'file:///work/cap/multi.trace';
  let s: LspSession;
  before(async () => {
    s = new LspSession();
    await s.initialize();
  });
  after(() => s.close());

  test('caps what is published, most severe first, with a note; raising it shows all without re-analysis', async () => {
    s.settings.set('*', { maxDiagnostics: 3 });
    await s.open(uri, broken);
    const capped = await s.diagnosticsFor(uri, 1);
    assert.equal(capped.length, 3);
    assert.equal(capped[0].severity, 1, 'the malformed line is kept first');
    assert.match(messageOf(capped[0]), /header/i);
    assert.equal(capped[2].code, 'diagnostics-capped');
    const hidden = Number(/^(\d+) further diagnostics not shown/.exec(messageOf(capped[2]))?.[1]);

    const analysed = (await s.conn.sendRequest(documentStatsRequest, { uri }))!.analysesSoFar;
    await s.changeSettings({ maxDiagnostics: 1000 });
    await s.change(uri, 2, []);
    const all = await s.diagnosticsFor(uri, 2);
    assert.equal(all.length, 2 + hidden, 'the note counted exactly what was left out');
    assert.ok(!all.some((d) => d.code === 'diagnostics-capped'));
    assert.deepEqual(all.filter((d) => capped.some((c) => c.message === d.message && c.range.start.line === d.range.start.line)).length, 2);
    const after = (await s.conn.sendRequest(documentStatsRequest, { uri }))!.analysesSoFar;
    assert.equal(after, analysed, 'the cap is not an analysis setting: no record was analysed again');
  });
});
