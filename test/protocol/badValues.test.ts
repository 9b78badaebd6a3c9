// Header values, log-probs and ids the engine cannot read (the stop-34 fuzz leftovers), over a real
// JSON-RPC connection to dist/server.js: the editor shows exactly the diagnostics the CLI prints
// (line, column, message), and hover never shows null, Infinity or NaN.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspSession } from './lspSession.js';

const traceText = [
  ['1', 'tokens: 99999'],
  ['2', 'tokens: 1e400'],
  ['3', 'tokens: -99999'],
  ['4', 'tokens: 100,000'],
  ['5', 'tokens: 99999 tokens'],
  ['6', 'truncated: maybe'],
  ['7', 'tokens: 0'],
]
  .map(([id, header]) => `=== ${id}\nanswer: 3\n${header}\n---\nThe answer is 3.\n`)
  .join('');

const jsonlLines = [
  '{"idx": 1, "input": "q", "output": "The answer is 5.", "gts": "5", "logprobs": [-1, -1], "ref_logprobs": [-0.5, -0.5]}',
  '{"idx": 2, "input": "q", "output": "The answer is 5.", "gts": "5", "logprobs": [-1, -1, -1], "ref_logprobs": [-0.5, -0.5]}',
  '{"idx": 3, "input": "q", "output": "The answer is 5.", "gts": "5", "logprobs": ["-1", -1], "ref_logprobs": [-0.5, -0.5]}',
  '{"idx": 4, "input": "q", "output": "The answer is 5.", "gts": "5", "logprobs": [1e+308, 1e+308], "ref_logprobs": [-1e+308, -1e+308]}',
  '{"idx": {"a": 1}, "input": "q", "output": "The answer is 5.", "gts": "5", "truncated": "maybe"}',
];

/** The CLI's `file:line:col: severity: message [code]` lines of `segment` for one code, as [line, col, message]. */
function cliDiagnostics(name: string, text: string, code: string): [number, number, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'rl-badvalues-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, ['dist/cli.js', 'segment', file], { encoding: 'utf8', timeout: 60_000 });
    return r.stderr
      .split('\n')
      .filter((l) => l.includes(`[${code}]`))
      .map((l) => {
        const m = /:(\d+):(\d+): \w+: (.*) \[[\w-]+\]/.exec(l)!;
        return [Number(m[1]) - 1, Number(m[2]) - 1, m[3]];
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const lspOf = (ds: Diagnostic[], code: string): [number, number, string][] =>
  ds
    .filter((d) => d.code === code)
    .map((d) => [d.range.start.line, d.range.start.character, typeof d.message === 'string' ? d.message : d.message.value]);

describe('bad values: the editor shows the CLI diagnostics', () => {
  let s: LspSession;
  before(async () => {
    s = new LspSession();
    await s.initialize();
  });
  after(() => s.close());

  test('.trace: tokens / truncated values the engine cannot read, at the CLI line and column', async () => {
    const uri = 'file:///bad/headers.trace';
    await s.open(uri, traceText);
    const ds = await s.diagnosticsFor(uri, 1);
    const lsp = lspOf(ds, 'bad-header-value');
    assert.equal(lsp.length, 5, JSON.stringify(ds, null, 1));
    assert.deepEqual(lsp, cliDiagnostics('headers.trace', traceText, 'bad-header-value'));
    assert.ok(ds.filter((d) => d.code === 'bad-header-value').every((d) => d.severity === 1));
  });

  test('JSONL: malformed log-probs and an object id at the CLI columns; hover shows finite numbers', async () => {
    const uri = 'file:///bad/rows.jsonl';
    const text = jsonlLines.join('\n') + '\n';
    await s.open(uri, text);
    const ds = await s.diagnosticsFor(uri, 1);
    for (const code of ['bad-logprobs', 'bad-id', 'bad-header-value'])
      assert.deepEqual(lspOf(ds, code), cliDiagnostics('rows.jsonl', text, code), code);
    assert.equal(lspOf(ds, 'bad-logprobs').length, 3);
    assert.equal(lspOf(ds, 'bad-id').length, 1);
    // truncated: maybe, at its field (the record's own diagnostic, placed where the field is).
    assert.deepEqual(
      lspOf(ds, 'bad-header-value').map(([line, character]) => [line, character]),
      [[4, jsonlLines[4].indexOf('"maybe"')]],
    );
    for (let line = 0; line < jsonlLines.length; line++) {
      const h: Hover | null = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 5 } });
      assert.ok(h, `hover on line ${line + 1}`);
      const md = (h.contents as { value: string }).value;
      assert.doesNotMatch(md, /Infinity|NaN|null/, `line ${line + 1}: ${md}`);
    }
  });
  test('JSONL with lone \\r line ends and a .trace with two BOMs: every record is read, as by the CLI', async () => {
    const row = (i: number): string => JSON.stringify({ idx: i, input: 'q', output: `The answer is ${i}.`, gts: String(i) });
    const uri = 'file:///bad/cr_only.jsonl';
    await s.open(uri, `${row(1)}\r${row(2)}\r${row(3)}\r`);
    const ds = await s.diagnosticsFor(uri, 1);
    assert.deepEqual(
      ds.filter((d) => d.code === 'bad-json'),
      [],
    );
    const symbols: { name: string; range: { start: { line: number } } }[] = await s.conn.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.deepEqual(
      symbols.map((x) => x.range.start.line),
      [0, 1, 2],
    );
    const bom = 'file:///bad/bom_twice.trace';
    await s.open(bom, '\ufeff\ufeff=== 1\nanswer: 408\n---\n12*34 = 408. The answer is 408.\n');
    const bd = await s.diagnosticsFor(bom, 1);
    assert.deepEqual(
      bd
        .filter((d) => d.code === 'extra-bom' || d.code === 'text-before-record')
        .map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['extra-bom', 0, 1]],
    );
  });
});
