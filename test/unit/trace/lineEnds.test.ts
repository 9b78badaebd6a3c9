// Line ends and byte-order marks the readers once got wrong (stop 34 fuzz): a JSONL file whose lines
// end with a lone \r (old Mac) was one broken line and lost every record; a .trace file that starts
// with two BOMs lost its first record as "text before any record". Every reader (streamed in any
// chunk size, whole text, the editor's parse) must now agree, with the lines the editor counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonlToRecords } from '../../../server/src/trace/jsonl.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { streamTraceFile } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic } from '../../../server/src/trace/types.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-lineends-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const row = (i: number): string =>
  JSON.stringify({ idx: i, input: 'Calculate 12 * 34.', output: `The answer is ${400 + i}.`, gts: String(400 + i) });

test('JSONL lines end at \\n, \\r\\n or a lone \\r, in every chunk size; a broken line keeps its line number', async () => {
  const text = `${row(1)}\r${row(2)}\r\n${row(3)}\n{"idx": 4,, "output": "x"}\r${row(5)}\r\r${row(6)}\r`;
  // 0-based lines as the editor counts them: 1, 2, 3, the broken line 3, 5, an empty line, 6.
  const expected = [
    ['1', 0],
    ['2', 1],
    ['3', 2],
    ['5', 4],
    ['6', 6],
  ];
  const whole = jsonlToRecords(text);
  assert.deepEqual(
    whole.records.map((r) => [String(r.id), r.sourceLine]),
    expected,
  );
  assert.deepEqual(
    whole.diagnostics.map((d) => [d.line, d.code]),
    [[3, 'bad-json']],
  );
  const file = join(dir, 'mixed.jsonl');
  writeFileSync(file, text);
  for (const chunkSize of [1, 2, 3, 7, 50, 51, 52, 53, 1 << 20]) {
    const diags: TraceDiagnostic[] = [];
    const got: [string, number | undefined][] = [];
    for await (const r of streamTraceFile(file, { chunkSize, onDiagnostic: (d) => diags.push(d) })) got.push([r.id, r.sourceLine]);
    assert.deepEqual(got, expected, `chunk ${chunkSize}`);
    assert.deepEqual(
      diags.map((d) => [d.line, d.code]),
      [[3, 'bad-json']],
      `chunk ${chunkSize}`,
    );
  }
});

test('a .trace file that starts with two BOMs: the record is read, with a warning at the second BOM', async () => {
  const text = '\ufeff\ufeff=== 1\nanswer: 408\n---\n12*34 = 408. The answer is 408.\n=== 2\nanswer: 5\n---\nx = 5\n';
  const parsed = parseTrace(text);
  assert.deepEqual(
    parsed.records.map((r) => r.id),
    ['1', '2'],
  );
  assert.deepEqual(parsed.diagnostics, []);
  assert.deepEqual(
    parsed.records[0].diagnostics.map((d) => [d.line, d.column, d.severity, d.code, d.message.slice(0, 50)]),
    [[0, 1, 'warning', 'extra-bom', 'A second byte-order mark (U+FEFF) after the first:']],
  );
  const file = join(dir, 'bom2.trace');
  writeFileSync(file, text);
  for (const chunkSize of [1, 2, 3, 4, 5, 6, 7, 1 << 20]) {
    const diags: TraceDiagnostic[] = [];
    const recs = [];
    for await (const r of streamTraceFile(file, { chunkSize, onDiagnostic: (d) => diags.push(d) })) recs.push(r);
    assert.deepEqual(
      recs.map((r) => [r.id, r.startLine, r.diagnostics.map((d) => d.code)]),
      [
        ['1', 0, ['extra-bom']],
        ['2', 4, []],
      ],
      `chunk ${chunkSize}`,
    );
    assert.deepEqual(diags, [], `chunk ${chunkSize}`);
  }
  // One BOM is no finding; three are two more.
  assert.deepEqual(parseTrace(text.slice(1)).records[0].diagnostics, []);
  assert.match(parseTrace(`\ufeff${text}`).records[0].diagnostics[0].message, /^2 more byte-order marks/);
});
