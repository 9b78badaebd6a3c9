// Malformed inputs that used to be read silently wrong (stop 31): a JSON number a double cannot
// hold as the answer, an answer of the wrong type, ids repeated in a file (after the rollout
// numbering of duplicateIds.ts), gold offsets beyond the body. Each gets a diagnostic at its line
// and column; every other record still reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldWithinBody, parseGoldFile } from '../../../server/src/trace/gold.js';
import { jsonFieldSpan } from '../../../server/src/trace/jsonError.js';
import { jsonlToRecords } from '../../../server/src/trace/jsonl.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { streamTraceFile } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic } from '../../../server/src/trace/types.js';

const answers = (text: string) => jsonlToRecords(text).records.map((r) => [r.id, r.headers.answer]);

test('an answer number a double cannot hold reads as written; exact numbers read as before', () => {
  const text = [
    '{"id": "inf", "response": "x", "answer": 1e999}',
    `{"id": "zeros", "response": "x", "answer": 1${'0'.repeat(400)}}`,
    '{"id": "big", "response": "x", "answer": 12345678901234567890123}',
    '{"id": "safe", "response": "x", "answer": 9007199254740991}',
    '{"id": "trail", "response": "x", "answer": 2.50}',
    '{"id": "exp", "response": "x", "answer": 1e3}',
    '{"id": "neg", "response": "x", "answer": -0.0}',
    '{"id": "tenth", "response": "x", "answer": 0.1}',
  ].join('\n');
  assert.deepEqual(answers(text), [
    ['inf', '1e999'],
    ['zeros', `1${'0'.repeat(400)}`],
    ['big', '12345678901234567890123'],
    ['safe', '9007199254740991'],
    ['trail', '2.5'],
    ['exp', '1000'],
    ['neg', '0'],
    ['tenth', '0.1'],
  ]);
  assert.deepEqual(jsonlToRecords(text).diagnostics, []);
});

test('an answer that is a list or an object: a warning at the field, the record read without that ground truth', () => {
  const text = [
    '{"id": "1", "response": "Answer: 3", "answer": "3"}',
    '{"id": "2", "response": "Answer: {1,2,3}", "answer": [1, 2, 3]}',
    '{"id": "3", "response": "Answer: 3", "answer": {"x": 1}}',
    '{"id": "4", "response": "Answer: 5", "answer": ["5", "5"]}',
    '{"id": "5", "response": "Answer: 5", "answer": [1, 2], "solution": "so \\\\boxed{5}"}',
  ].join('\n');
  const { records, diagnostics } = jsonlToRecords(text);
  assert.deepEqual(
    records.map((r) => [r.id, r.headers.answer, r.body]),
    [
      ['1', '3', 'Answer: 3'],
      ['2', undefined, 'Answer: {1,2,3}'],
      ['3', undefined, 'Answer: 3'],
      ['4', '5', 'Answer: 5'],
      ['5', '5', 'Answer: 5'],
    ],
  );
  const at = (d: TraceDiagnostic) => [d.line, d.column, d.endColumn, d.severity, d.code];
  assert.deepEqual(diagnostics.map(at), [
    [1, 53, 62, 'warning', 'bad-answer'],
    [2, 47, 55, 'warning', 'bad-answer'],
    [4, 47, 53, 'warning', 'bad-answer'],
  ]);
  assert.equal(
    diagnostics[0].message,
    'Expected a string or number for "answer", got an array of 3 values: the record is read without this ground truth. Store the answer as one string.',
  );
  assert.match(diagnostics[1].message, /^Expected a string or number for "answer", got an object:/);
  const lines = text.split('\n');
  assert.equal(lines[1].slice(53, 62), '[1, 2, 3]');
  assert.equal(lines[2].slice(47, 55), '{"x": 1}');
});

test('jsonFieldSpan finds a top-level value (the last of a repeated key), not a nested one', () => {
  const line = '{"a": {"answer": 1}, "answer" : [1, "]"], "b": "answer", "answer": 7}';
  const s = jsonFieldSpan(line, 'answer');
  assert.deepEqual(s && line.slice(s.start, s.end), '7');
  const t = '{"a": {"answer": 1}, "answer" : [1, "]"], "b": 2}';
  const u = jsonFieldSpan(t, 'answer');
  assert.deepEqual(u && t.slice(u.start, u.end), '[1, "]"]');
  assert.equal(jsonFieldSpan(t, 'c'), undefined);
});

test('a JSONL id still repeated after the numbering: a warning at the later id field pointing at the first; all records read', () => {
  // The second "a" is numbered a.2; the third line's own id is a.2 as well.
  const text = ['{"id": "a", "response": "one"}', '{"id": "a", "response": "two"}', '{"id": "a.2", "response": "three"}'].join('\n');
  const { records, diagnostics } = jsonlToRecords(text);
  assert.deepEqual(
    records.map((r) => [r.id, r.body]),
    [
      ['a', 'one'],
      ['a.2', 'two'],
      ['a.2', 'three'],
    ],
  );
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0];
  assert.deepEqual([d.line, d.column, d.endColumn, d.severity, d.code], [2, 7, 12, 'warning', 'duplicate-id']);
  assert.match(d.message, /^Duplicate id "a.2", first at line 2:/);
});

const dupTrace = ['=== 1', '---', 'first', '=== 2', '---', 'second', '=== 1', '---', 'third', ''].join('\n');

test('a repeated .trace id (as its author wrote it): a warning on the later record line pointing at the first; all records read', () => {
  const { records, diagnostics } = parseTrace(dupTrace);
  assert.deepEqual(
    records.map((r) => [r.id, r.body]),
    [
      ['1', 'first'],
      ['2', 'second'],
      ['1', 'third'],
    ],
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.line, d.column, d.endColumn, d.severity, d.code, d.message.split(':')[0]]),
    [[6, 0, 5, 'warning', 'duplicate-id', 'Duplicate id "1", first at line 1']],
  );
});

test('streamed reads report repeated ids too, .trace and JSONL', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-dupid-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'd.trace'), dupTrace);
  writeFileSync(join(dir, 'd.jsonl'), '{"id": 7, "response": "a"}\n{"id": 7, "response": "b"}\n{"id": "7.2", "response": "c"}\n');
  for (const [name, line, column, ids] of [
    ['d.trace', 6, 0, ['1', '2', '1']],
    ['d.jsonl', 2, 7, ['7', '7.2', '7.2']],
  ] as const) {
    const diags: TraceDiagnostic[] = [];
    const got: string[] = [];
    for await (const rec of streamTraceFile(join(dir, name), { onDiagnostic: (d) => diags.push(d) })) got.push(rec.id);
    assert.deepEqual(got, ids, name);
    assert.deepEqual(
      diags.map((d) => [d.line, d.column, d.code]),
      [[line, column, 'duplicate-id']],
      name,
    );
  }
});

test('gold candidates beyond the body are dropped from matching and listed; the rest of the label stays', () => {
  const text = [
    JSON.stringify({
      id: 'r',
      candidates: [
        { value: '1', offset: 3 },
        { value: '2', offset: 1e12 },
      ],
      final: '2',
    }),
    `{"id": "s", "candidates": [{"value": "1", "offset": ${2 ** 53 + 1}}, {"value": "2", "offset": 1e300}]}`,
  ].join('\n');
  const { records, lines } = parseGoldFile(text);
  assert.deepEqual([lines.get('r'), lines.get('s')], [0, 1]);
  const r = goldWithinBody(records.get('r')!, 10);
  assert.deepEqual(r.gold.candidates, [{ value: '1', offset: 3 }]);
  assert.equal(r.gold.final, '2');
  assert.deepEqual(r.beyond, [{ index: 1, offset: 1e12 }]);
  const s = goldWithinBody(records.get('s')!, 10);
  assert.deepEqual(s.gold.candidates, []);
  assert.deepEqual(
    s.beyond.map((b) => b.index),
    [0, 1],
  );
  // A label inside the body comes back as it is.
  assert.equal(goldWithinBody(records.get('r')!, 1e13).gold, records.get('r'));
});

test('a file that repeats ids throughout: the first 100 warnings, one line for the rest, every record read', () => {
  const text = Array.from({ length: 300 }, () => '=== same\n---\nx\n').join('');
  const { records, diagnostics } = parseTrace(text);
  assert.equal(records.length, 300);
  assert.equal(diagnostics.length, 101);
  assert.match(diagnostics[100].message, /more than 100 ids repeat in this file: the rest are not listed \(every record is read\)/);
  assert.deepEqual([diagnostics[0].line, diagnostics[100].line], [3, 303]);
});

test('two gold candidates at one offset are a warning at the second offset (one place labelled twice), the record kept', () => {
  // dev36's qwen37p-ambig-item1 and fresh42's ib-dsr-uk-605 had this: a quote found inside the previous one.
  const text = '{"id":"r","candidates":[{"value":"C","offset":5},{"value":"C","offset":5},{"value":"B","offset":9}]}\n';
  const { records, diagnostics } = parseGoldFile(text);
  assert.equal(records.get('r')?.candidates.length, 3);
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0];
  assert.equal(d.severity, 'warning');
  assert.equal(d.code, 'gold-same-offset');
  assert.equal(d.column, text.indexOf('5}', text.indexOf('5}') + 1));
  assert.match(d.message, /candidates\[1\]: offset 5 is also candidates\[0\]'s/);
  assert.equal(parseGoldFile('{"id":"s","candidates":[{"value":"C","offset":5},{"value":"C","offset":6}]}\n').diagnostics.length, 0);
});
