import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTrace } from '../../../server/src/trace/format.js';
import { parseRecordText, parseTrace, recordRanges, inferTask } from '../../../server/src/trace/parse.js';

const codes = (ds: { code: string }[]): string[] => ds.map((d) => d.code);

test('parses headers, body, known keys and defaults', () => {
  const text =
    '=== 17\nquery: Calculate 347 * 8261. Think step by step.\nanswer: 2866567\nmodel: grpo-400\nseed: 3\n---\nline one\nline two\n=== \nanswer: 5\n---\nx\n';
  const { records, diagnostics } = parseTrace(text, { fileName: '/runs/sft.trace' });
  assert.deepEqual(diagnostics, []);
  assert.equal(records.length, 2);
  const [a, b] = records;
  assert.equal(a.id, '17');
  assert.equal(a.task, '3x4');
  assert.equal(a.answer, '2866567');
  assert.equal(a.model, 'grpo-400');
  assert.equal(a.group, 'Calculate 347 * 8261. Think step by step.');
  assert.equal(a.headers.seed, '3');
  assert.equal(a.startLine, 0);
  assert.equal(a.separatorLine, 5);
  assert.equal(a.bodyStartLine, 6);
  assert.equal(a.endLine, 7);
  assert.equal(a.body, 'line one\nline two');
  assert.deepEqual(a.bodyLineOffsets, [0, 9]);
  assert.equal(b.id, '2', 'empty id falls back to the 1-based ordinal');
  assert.equal(b.model, 'sft', 'model defaults to the file name');
  assert.equal(b.task, '');
  assert.equal(b.group, '2', 'no query: the id groups');
  assert.equal(b.startLine, 8);
  assert.deepEqual(b.diagnostics, []);
});

test('task inference from a multiplication query', () => {
  assert.equal(inferTask('What is 12 * 3456?'), '2x4');
  assert.equal(inferTask('Compute 1,234 × 56'), '4x2');
  assert.equal(inferTask('Prove Fermat'), '');
  assert.equal(inferTask(undefined), '');
  // The project's own prompts, bare and inside a chat template (verl's input field).
  assert.equal(inferTask('Calculate 98753 * 49858. Think step by step.'), '5x5');
  assert.equal(inferTask('system\nYou are Qwen.\nuser\nCalculate 7 * 8. Think step by step.\nassistant\n'), '1x1');
  assert.equal(inferTask('<|im_start|>user\nCalculate 12 * 345.<|im_end|>\n<|im_start|>assistant\n'), '2x3');
  assert.equal(inferTask('12 * 34 = ?'), '2x2');
});

test('task inference through chat templates flattened to one line, as a .trace header holds them (cli33, README)', () => {
  // A JSONL prompt becomes one header line: the role words after the template tokens stay.
  assert.equal(inferTask('<|im_start|>user Calculate 12 * 34. Think step by step.<|im_end|> <|im_start|>assistant '), '2x2');
  assert.equal(
    inferTask('<|im_start|>system You are helpful.<|im_end|> <|im_start|>user Calculate 12 * 34.<|im_end|> <|im_start|>assistant '),
    '2x2',
  );
  assert.equal(inferTask('<s>[INST] Calculate 12 * 345. Think step by step. [/INST]'), '2x3');
  assert.equal(inferTask('[INST] <<SYS>> Be brief. <</SYS>> What is 6 * 7? [/INST]'), '1x1');
  assert.equal(inferTask('<|start_header_id|>user<|end_header_id|> Calculate 12 * 34.<|eot_id|>'), '2x2');
  assert.equal(inferTask('<start_of_turn>user Calculate 12 * 34.<end_of_turn> <start_of_turn>model '), '2x2');
  // "Think step by step." may follow; it is not required (README).
  assert.equal(inferTask('Calculate 6 * 7.'), '1x1');
  // A role word without a template token is the question's.
  assert.equal(inferTask('user Calculate 12 * 34.'), '');
  assert.equal(inferTask('<|im_start|>user Calculate 12 * 34 and then add 5.<|im_end|>'), '');
});

test('a times sign inside another question names no task (fmt32 P1)', () => {
  // test/fixtures/formats/eval-outputs/task-times-sign.jsonl and skyt1-amc23-grid.jsonl
  assert.equal(inferTask('Compute $7 \\times 8$.'), '');
  assert.equal(inferTask('What is 4 x 4?'), '');
  assert.equal(
    inferTask('You are playing a game. A $2 \\times 1$ rectangle covers two adjacent squares of a $3 \\times 3$ grid of squares.'),
    '',
  );
  assert.equal(inferTask('A 3 * 3 grid has how many squares?'), '');
  assert.equal(inferTask('Calculate 12 * 34 and then add 5.'), '');
});

test('escaped body lines lose the backslash and keep their columns', () => {
  const rec = parseTrace('=== 1\n---\nabc\n\\=== not a record\n').records[0];
  assert.equal(rec.body, 'abc\n=== not a record');
  assert.deepEqual(rec.bodyLineShift, [0, 1]);
  assert.deepEqual(rec.bodyLineOffsets, [0, 4]);
});

test('round trip: formatTrace -> parseTrace', () => {
  const inputs = [
    {
      id: 1,
      headers: { query: 'Calculate 12 * 34.', answer: '408', task: '2x2', model: 'm' },
      body: 'step\n=== tricky\n\\=== trickier\nend',
    },
    { id: 'b', headers: { answer: '7', note: 'multi\nline' }, body: '' },
    { id: 3, headers: {}, body: 'x' },
  ];
  const { records, diagnostics } = parseTrace(formatTrace(inputs));
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    records.map((r) => r.id),
    ['1', 'b', '3'],
  );
  assert.deepEqual(
    records.map((r) => r.body),
    ['step\n=== tricky\n\\=== trickier\nend', '', 'x'],
  );
  assert.equal(records[1].headers.note, 'multi line');
  assert.deepEqual(
    records.flatMap((r) => r.diagnostics),
    [],
  );
});

test('bad header line: error at the line with what was expected; the record is kept', () => {
  const text = '=== 1\nanswer: 3\n  this is not a header\n---\nbody 3\n';
  const rec = parseTrace(text).records[0];
  assert.equal(rec.answer, '3');
  assert.equal(rec.body, 'body 3');
  assert.equal(rec.diagnostics.length, 1);
  const d = rec.diagnostics[0];
  assert.equal(d.code, 'bad-header');
  assert.equal(d.severity, 'error');
  assert.deepEqual([d.line, d.column, d.endLine, d.endColumn], [2, 2, 2, 22]);
  assert.match(d.message, /expected "key: value"/);
});

test('missing separator: diagnostic at the first body line, headers still read', () => {
  const text = '=== 1\nanswer: 42\nmodel: m\nSo the answer is 42.\nDone.\n=== 2\n---\nok\n';
  const { records } = parseTrace(text);
  const [a, b] = records;
  assert.equal(a.separatorLine, -1);
  assert.equal(a.answer, '42');
  assert.equal(a.model, 'm');
  assert.equal(a.bodyStartLine, 3);
  assert.equal(a.body, 'So the answer is 42.\nDone.');
  assert.deepEqual(codes(a.diagnostics), ['missing-separator']);
  const d = a.diagnostics[0];
  assert.deepEqual([d.line, d.column, d.endLine, d.endColumn], [3, 0, 3, 20]);
  assert.match(d.message, /expected "---"/);
  assert.deepEqual(b.diagnostics, [], 'the next record is unaffected');
  assert.equal(b.body, 'ok');
});

test('missing separator with headers only: diagnostic just past the last header', () => {
  const rec = parseTrace('=== 1\nanswer: 42\n').records[0];
  const d = rec.diagnostics[0];
  assert.equal(d.code, 'missing-separator');
  assert.deepEqual([d.line, d.column], [1, 10]);
  assert.equal(rec.body, '');
});

test('empty record and text before the first record', () => {
  const { records, diagnostics } = parseTrace('\nnotes about the run\n=== 1\n=== 2\n---\nx\n');
  assert.deepEqual(codes(diagnostics), ['text-before-record']);
  assert.deepEqual([diagnostics[0].line, diagnostics[0].column, diagnostics[0].endColumn], [1, 0, 19]);
  assert.deepEqual(codes(records[0].diagnostics), ['empty-record']);
  assert.equal(records[0].startLine, 2);
  assert.equal(records[1].body, 'x');
});

test('duplicate header: warning, last value wins', () => {
  const rec = parseTrace('=== 1\nanswer: 1\nanswer: 2\n---\n').records[0];
  assert.equal(rec.answer, '2');
  assert.deepEqual(codes(rec.diagnostics), ['duplicate-header']);
  assert.equal(rec.diagnostics[0].line, 2);
});

test('CRLF, lone CR and a BOM give the same records and editor line numbers', () => {
  const lf = '=== 1\nanswer: 5\n---\nx = 5\n=== 2\n---\ny\n';
  const crlf = '\ufeff' + lf.replace(/\n/g, '\r\n');
  const cr = lf.replace(/\n/g, '\r');
  const a = parseTrace(lf).records;
  for (const variant of [crlf, cr]) {
    const { records, diagnostics } = parseTrace(variant);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      records.map((r) => [r.id, r.startLine, r.bodyStartLine, r.endLine, r.body, r.answer]),
      a.map((r) => [r.id, r.startLine, r.bodyStartLine, r.endLine, r.body, r.answer]),
    );
  }
});

test('NUL bytes and invalid UTF-8: diagnostics at the exact place, no crash', () => {
  const bytes = Buffer.concat([
    Buffer.from('=== 1\nanswer: 2\n---\nok\nab'),
    Buffer.from([0x00, 0x41]),
    Buffer.from('\nc'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('d\n=== 2\n---\nfine\n'),
  ]);
  const { records } = parseTrace(bytes.toString('utf8'));
  assert.equal(records.length, 2);
  const [bin, bad] = records[0].diagnostics;
  assert.equal(bin.code, 'binary-content');
  assert.deepEqual([bin.line, bin.column], [4, 2]);
  assert.equal(bad.code, 'invalid-utf8');
  assert.deepEqual([bad.line, bad.column], [5, 1]);
  assert.deepEqual(records[1].diagnostics, []);
  assert.equal(records[1].body, 'fine');
});

test('a 1 MB line parses', () => {
  const long = 'x'.repeat(1 << 20);
  const rec = parseTrace(`=== 1\n---\n${long} so the answer is 5.\n`).records[0];
  assert.equal(rec.body.length, (1 << 20) + 20);
});

test('parseRecordText with startLine gives document positions (incremental re-parse)', () => {
  const text = '=== 1\n---\na\n=== 2\nanswer: 3\nbroken header line\n---\nb\n';
  const whole = parseTrace(text).records[1];
  const ranges = recordRanges(text);
  assert.deepEqual(ranges, [
    { startLine: 0, endLine: 2 },
    { startLine: 3, endLine: 7 },
  ]);
  const lines = text.split('\n');
  const alone = parseRecordText(lines.slice(3, 8).join('\n'), { startLine: 3, index: 1 });
  assert.deepEqual(alone, whole);
  assert.equal(alone.diagnostics[0].line, 5);
});

test('random input never throws', () => {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const alphabet = ['=', '=== ', '---', '\n', '\r', ':', 'a', ' ', '\\===', '\u0000', '\ufffd', 'answer: 1', '\\boxed{', '}', 'Wait', '**'];
  for (let k = 0; k < 300; k++) {
    let s = '';
    const n = Math.floor(rnd() * 60);
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    const { records } = parseTrace(s);
    for (const r of records)
      for (const d of r.diagnostics)
        assert.ok(d.line >= r.startLine && d.line <= r.endLine, `diagnostic inside its record for ${JSON.stringify(s)}`);
  }
});

test('header names that are Object.prototype members are not mistaken for duplicates', () => {
  const { records } = parseTrace('=== 1\nconstructor: x\ntostring: y\nanswer: 4\n---\nThe answer is 4.\n');
  assert.equal(records[0].headers.constructor, 'x');
  assert.deepEqual(
    records[0].diagnostics.filter((d) => d.code === 'duplicate-header'),
    [],
  );
});
