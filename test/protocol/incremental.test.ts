// Incremental sync: an edit re-parses and re-analyses only the record it touches, other records
// keep their diagnostics (moved with the text), and after any sequence of edits the incremental
// model says exactly what a fresh parse of the same text says.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DocumentSymbol, FoldingRange, SemanticTokens } from 'vscode-languageserver-protocol';
import { Rng } from '../../server/src/analysis/random.js';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { LspSession } from './lspSession.js';
import { documentStatsRequest, type DocumentStats } from '../../protocol/methods.js';

const fixture = readFileSync('test/fixtures/lsp/multi.trace', 'utf8');
const lines = fixture.split('\n');
const rec = (id: string) => lines.indexOf(`=== ${id}`);
const key = (d: Diagnostic) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;

describe('incremental edits', () => {
  let s: LspSession;
  const uri = 'file:///inc/multi.trace';
  let version = 1;
  let before0: Diagnostic[];
  const stats = async (): Promise<DocumentStats> => (await s.conn.sendRequest(documentStatsRequest, { uri }))!;
  const edit = async (range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string) => {
    await s.change(uri, ++version, [{ range, text }]);
    return s.diagnosticsFor(uri, version);
  };

  before(async () => {
    s = new LspSession();
    await s.initialize();
    await s.open(uri, fixture, version);
    before0 = await s.diagnosticsFor(uri, version);
  });
  after(() => s.close());

  test('a one-character edit inside a record re-analyses that record only and changes only its diagnostics', async () => {
    const line = lines.findIndex((l, i) => i > rec('a3') && l.includes('answer is 418'));
    const col = lines[line].indexOf('418') + 1;
    const s0 = await stats();
    // 418 -> 408: a3's first attempt becomes correct, so its echo finding disappears.
    const after1 = await edit({ start: { line, character: col }, end: { line, character: col + 1 } }, '0');
    const s1 = await stats();
    assert.equal(s1.reparsedByLastChange, 1);
    assert.equal(s1.analysesSoFar - s0.analysesSoFar, 1, 'only the touched record was analysed again');
    const inside = (d: Diagnostic) => d.range.start.line >= rec('a3') && d.range.start.line < rec('b1');
    assert.deepEqual(after1.filter((d) => !inside(d)).map(key), before0.filter((d) => !inside(d)).map(key));
    assert.deepEqual(
      before0
        .filter(inside)
        .map((d) => d.code)
        .sort(),
      ['echo', 'missed-correction'],
    );
    assert.deepEqual(
      after1
        .filter(inside)
        .map((d) => d.code)
        .sort(),
      ['missed-correction', 'resample-after-correct'],
    );
  });

  test('a malformed header line gets a precise error while every other record keeps its diagnostics', async () => {
    const current = await s.diagnosticsFor(uri, version);
    const at = rec('b1') + 1;
    const after2 = await edit({ start: { line: at, character: 0 }, end: { line: at, character: 0 } }, 'this line is not a header\n');
    const bad = after2.filter((d) => d.severity === 1);
    assert.equal(bad.length, 1, JSON.stringify(after2));
    assert.deepEqual(bad[0].range, { start: { line: at, character: 0 }, end: { line: at, character: 'this line is not a header'.length } });
    assert.equal(bad[0].code, 'bad-header');
    assert.match(String(bad[0].message), /expected "key: value"/);
    // Everything outside b1 is unchanged, lines after it moved down by one.
    const shift = (d: Diagnostic) =>
      d.range.start.line > at
        ? {
            ...d,
            range: { start: { ...d.range.start, line: d.range.start.line - 1 }, end: { ...d.range.end, line: d.range.end.line - 1 } },
          }
        : d;
    const outside = (d: Diagnostic, extra: number) => d.range.start.line < rec('b1') || d.range.start.line >= rec('c1') + extra;
    assert.deepEqual(
      after2
        .filter((d) => outside(d, 1))
        .map(shift)
        .map(key),
      current.filter((d) => outside(d, 0)).map(key),
    );
    assert.equal((await stats()).reparsedByLastChange, 1);
    // Undo: the record is whole again.
    const undone = await edit({ start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } }, '');
    assert.deepEqual(undone.map(key), current.map(key));
  });

  test('typing a record line splits a record; deleting it merges them back', async () => {
    const current = await s.diagnosticsFor(uri, version);
    const at = rec('d1') + 4;
    const split = await edit({ start: { line: at, character: 0 }, end: { line: at, character: 0 } }, '=== e1\n');
    assert.equal((await stats()).records, 7);
    const missing = split.find((d) => d.code === 'missing-separator');
    assert.equal(missing?.range.start.line, at + 1, 'the new record has no --- separator before its text');
    assert.equal(missing?.severity, 1);
    const merged = await edit({ start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } }, '');
    assert.equal((await stats()).records, 6);
    assert.deepEqual(merged.map(key), current.map(key));
  });
});

// Random edits (seeded) applied incrementally must leave the server saying exactly what it says
// about the same text opened fresh: diagnostics, semantic tokens, symbols and folding.
describe('incremental model equals a fresh parse after random edits', () => {
  const snippets = [
    '',
    '\n',
    '\r',
    '=== x\n',
    '===',
    '---\n',
    'answer: 12\n',
    'Wait, ',
    'Hmm',
    'the answer is 12.',
    '\\boxed{7}',
    'query: 3 * 4\n',
    '\\===',
    'é',
    '\r\n',
    'x',
    ' = 5\n',
    '🙂',
  ];
  for (const eol of ['\n', '\r\n']) {
    test(`line breaks ${JSON.stringify(eol)}`, async () => {
      const base = generateMultiplicationTraceText({
        seed: 3,
        groupSize: 3,
        models: [{ name: 'm', echoRate: 0.5, tasks: [{ task: '2x3', p: 0.5, delta1: 0.6, delta2: 0.8, n: 12 }] }],
      }).replace(/\n/g, eol);
      const s = new LspSession();
      try {
        await s.initialize();
        const uri = 'file:///inc/random.trace';
        let doc = TextDocument.create(uri, 'trace', 1, base);
        await s.open(uri, base, 1);
        const rng = new Rng(eol.length);
        for (let step = 1; step <= 150; step++) {
          const changes = [];
          for (let k = 0, n = 1 + Math.floor(rng.next() * 3); k < n; k++) {
            const text = doc.getText();
            let a = Math.floor(rng.next() * (text.length + 1));
            let b = Math.min(text.length, a + Math.floor(rng.next() * (rng.next() < 0.2 ? 400 : 8)));
            // Editors never split a \r\n pair.
            if (text[a - 1] === '\r' && text[a] === '\n') a--;
            if (text[b - 1] === '\r' && text[b] === '\n') b++;
            const change = {
              range: { start: doc.positionAt(a), end: doc.positionAt(b) },
              text: snippets[Math.floor(rng.next() * snippets.length)],
            };
            doc = TextDocument.update(doc, [change], doc.version);
            changes.push(change);
          }
          doc = TextDocument.update(doc, [], step + 1);
          await s.change(uri, step + 1, changes);
          if (step % 10 !== 0) continue;
          const freshUri = `file:///fresh${step}/random.trace`;
          await s.open(freshUri, doc.getText(), 1);
          const st = (await s.conn.sendRequest(documentStatsRequest, { uri }))!;
          assert.deepEqual([st.lineCount, st.textLength], [doc.lineCount, doc.getText().length], 'the server holds the same text');
          const [inc, fresh] = await Promise.all([s.diagnosticsFor(uri, step + 1), s.diagnosticsFor(freshUri, 1)]);
          assert.deepEqual(inc.map(key), fresh.map(key), `diagnostics after ${step} edit batches`);
          for (const method of ['textDocument/semanticTokens/full', 'textDocument/documentSymbol', 'textDocument/foldingRange']) {
            const [x, y] = await Promise.all([
              s.conn.sendRequest<SemanticTokens | DocumentSymbol[] | FoldingRange[]>(method, { textDocument: { uri } }),
              s.conn.sendRequest<SemanticTokens | DocumentSymbol[] | FoldingRange[]>(method, { textDocument: { uri: freshUri } }),
            ]);
            const data = (v: unknown) => (v && typeof v === 'object' && 'data' in v ? (v as SemanticTokens).data : v);
            assert.deepEqual(data(x), data(y), `${method} after ${step} edit batches`);
          }
          for (let k = 0; k < 5; k++) {
            const position = doc.positionAt(Math.floor(rng.next() * doc.getText().length));
            const [x, y] = await Promise.all(
              [uri, freshUri].map((u) => s.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position })),
            );
            assert.deepEqual(x, y, `hover at ${JSON.stringify(position)} after ${step} edit batches`);
          }
        }
      } finally {
        await s.close();
      }
    });
  }
});
