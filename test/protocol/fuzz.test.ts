// Bad input never takes the server down: random bytes, truncated records, a 1 MB line, CRLF and
// a BOM, invalid UTF-8 on the wire, edits outside the document. After each, the server still
// answers a request and reports diagnostics, and records before the damage keep theirs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { Rng } from '../../server/src/analysis/random.js';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { LspSession } from './lspSession.js';

const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code}`;

describe('fuzz: the server survives bad input and keeps reporting', () => {
  let s: LspSession;
  let n = 0;
  const nextUri = () => `file:///fuzz/f${++n}.trace`;
  /** Opens `text`, waits for its diagnostics, then checks that the server still answers. */
  const openAndCheck = async (text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> => {
    const uri = nextUri();
    await s.open(uri, text);
    const diagnostics = await s.diagnosticsFor(uri, 1, 60000);
    const symbols: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols));
    assert.ok(!s.exited, `server exited; stderr: ${s.stderr.slice(-2000)}`);
    return { uri, diagnostics };
  };

  before(async () => {
    s = new LspSession();
    await s.initialize();
  });
  after(async () => {
    assert.ok(!s.exited);
    assert.doesNotMatch(s.stderr, /uncaught|unhandled/i);
    await s.close();
  });

  test('random bytes (decoded with replacement), with record syntax sprinkled in', async () => {
    const rng = new Rng(7);
    const pieces = ['\n=== ', '\n---\n', 'answer: 1\n', 'Wait', '\\boxed{', '}', '\r', '\u0000', '\\===', ':'];
    for (let k = 0; k < 6; k++) {
      const bytes = Buffer.alloc(20000);
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
      let text = bytes.toString('utf8');
      for (let i = 0; i < 200; i++) {
        const at = rng.int(text.length);
        text = text.slice(0, at) + pieces[rng.int(pieces.length)] + text.slice(at);
      }
      const { diagnostics } = await openAndCheck(text);
      assert.ok(diagnostics.length > 0, 'binary garbage is reported');
      assert.ok(diagnostics.some((d) => d.code === 'binary-content' || d.code === 'invalid-utf8' || d.code === 'text-before-record'));
    }
  });

  test('truncated records: records before the cut keep exactly their diagnostics', async () => {
    const full = generateMultiplicationTraceText({
      seed: 11,
      groupSize: 1,
      models: [{ name: 'm', tasks: [{ task: '3x3', p: 0.5, delta1: 0.7, delta2: 0.7, n: 20 }] }],
    });
    const whole = await openAndCheck(full);
    const rng = new Rng(5);
    for (let k = 0; k < 8; k++) {
      const cut = rng.int(full.length);
      const truncated = full.slice(0, cut);
      const lastRecordLine =
        truncated
          .split('\n')
          .map((l, i) => (l.startsWith('=== ') ? i : -1))
          .filter((i) => i >= 0)
          .pop() ?? 0;
      const { diagnostics } = await openAndCheck(truncated);
      // Generated records name their model, so file names do not matter: compare records wholly before the cut one.
      const intact = (d: Diagnostic) => d.range.start.line < lastRecordLine;
      assert.deepEqual(diagnostics.filter(intact).map(key), whole.diagnostics.filter(intact).map(key), `cut at ${cut}`);
    }
  });

  test('a 1 MB single line, in a record and as a whole file without line breaks', async () => {
    const rng = new Rng(9);
    let line = '';
    while (line.length < 1_000_000) line += rng.next() < 0.01 ? ' Wait, ' : rng.next() < 0.01 ? ' the answer is 12. ' : 'abc def 12 + 7 ';
    const rec = await openAndCheck(`=== big\nanswer: 12\n---\n${line}\n=== small\nanswer: 5\n---\nthe answer is 5.\n`);
    assert.ok(!rec.diagnostics.some((d) => d.severity === 1), 'well-formed records: no errors');
    const h: Hover = await s.conn.sendRequest('textDocument/hover', {
      textDocument: { uri: rec.uri },
      position: { line: 3, character: 500_000 },
    });
    assert.match((h.contents as { value: string }).value, /Record `big`/);
    const bare = await openAndCheck(line);
    assert.ok(bare.diagnostics.some((d) => d.code === 'text-before-record'));
  });

  test('CRLF line breaks and a BOM give the same findings at the same lines', async () => {
    const lf = readFileSync('test/fixtures/lsp/multi.trace', 'utf8');
    const a = await openAndCheck(lf);
    const b = await openAndCheck('\ufeff' + lf.replace(/\n/g, '\r\n'));
    const brief = (d: Diagnostic) => `${d.range.start.line} ${d.code}`;
    assert.deepEqual(b.diagnostics.map(brief), a.diagnostics.map(brief));
  });

  test('invalid UTF-8 bytes on the wire: decoded with replacement and reported', async () => {
    const uri = nextUri();
    const json = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'trace', version: 1, text: '=== 1\nanswer: 4\n---\nthe answer is @@.\n' } },
    });
    const [head, tail] = json.split('@@');
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0xe2, 0x82, 0xc3]), Buffer.from(tail)]);
    // Between two complete messages, so the raw write cannot interleave with the writer's.
    await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///none.trace' } });
    s.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    const diagnostics = await s.diagnosticsFor(uri, 1);
    assert.ok(
      diagnostics.some((d) => d.code === 'invalid-utf8'),
      JSON.stringify(diagnostics),
    );
    const symbols: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
  });

  test('edits outside the document, for unknown documents, and malformed requests are survived', async () => {
    const { uri } = await openAndCheck('=== 1\nanswer: 4\n---\nthe answer is 4.\n');
    await s.change(uri, 2, [
      { range: { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } }, text: '=== 2\n---\nWait\n' },
    ]);
    await s.change('file:///never-opened.trace', 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
    ]);
    // A hover without a position is answered (null), not left hanging.
    assert.equal(await s.conn.sendRequest('textDocument/hover', { textDocument: { uri } }), null);
    const d = await s.diagnosticsFor(uri, 2);
    assert.ok(Array.isArray(d));
    const symbols: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((x) => x.name),
      ['=== 1', '=== 2'],
    );
  });

  test('JSONL lines of deep nesting: bad-json at the exact column however long the line (it once stopped at 10,001)', async () => {
    const good = (i: number): string => JSON.stringify({ idx: i, input: 'q', output: 'The answer is 5.', gts: '5' });
    for (const depth of [20_000, 100_000]) {
      const uri = `file:///fuzz/deep${depth}.jsonl`;
      await s.open(uri, `${good(1)}\n${'['.repeat(depth)}\n${good(3)}\n${'{"a":'.repeat(depth)}\n`);
      const d = await s.diagnosticsFor(uri, 1, 60000);
      assert.deepEqual(
        d.filter((x) => x.severity === 1).map((x) => [x.code, x.range.start.line, x.range.start.character]),
        [
          ['bad-json', 1, depth],
          ['bad-json', 3, 5 * depth],
        ],
      );
      assert.ok(!s.exited);
    }
  });
});
