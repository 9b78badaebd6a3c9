import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { answersEqual } from '../../../server/src/trace/answers.js';
import { jsonErrorOffset } from '../../../server/src/trace/jsonError.js';
import { jsonlLineToRecords, jsonlRecordToTrace, jsonlToRecords } from '../../../server/src/trace/jsonl.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';

test('verl rollout dump: input/output/gts/score/step, log-probs kept', () => {
  const line = JSON.stringify({
    input: 'Calculate 12 * 34.',
    output: '12 * 34 = 408',
    gts: '408',
    score: 1,
    step: 40,
    logprobs: [-0.1, -0.2, -0.3],
    ref_logprobs: [-0.1, -0.25, -0.35],
  });
  const { records, diagnostics } = jsonlToRecords(line + '\n');
  assert.deepEqual(diagnostics, []);
  assert.equal(records.length, 1);
  const r = records[0];
  assert.equal(r.headers.query, 'Calculate 12 * 34.');
  assert.equal(r.headers.answer, '408');
  assert.equal(r.headers.score, '1');
  assert.equal(r.headers.step, '40');
  assert.equal(r.headers.tokens, 3);
  assert.deepEqual(r.logprobs, [-0.1, -0.2, -0.3]);
  assert.deepEqual(r.refLogprobs, [-0.1, -0.25, -0.35]);
  const rec = jsonlRecordToTrace(r, 0, 0, 'rollouts.jsonl');
  assert.equal(rec.task, '2x2');
  assert.equal(rec.model, 'rollouts');
  assert.deepEqual(rec.logprobs, [-0.1, -0.2, -0.3]);
  assert.equal(rec.sourceLine, 0);
});

test('eval output: one record per response, group = idx, per-response pred/score', () => {
  const line = JSON.stringify({
    idx: 7,
    question: 'q?',
    gt: '5',
    answer: 5.0,
    code: ['so \\boxed{5}', 'so \\boxed{4}'],
    pred: ['5', '4'],
    score: [true, false],
    gt_cot: 'None',
  });
  const { records } = jsonlToRecords(line);
  assert.deepEqual(
    records.map((r) => [r.id, r.headers.group, r.headers.pred, r.headers.score, r.headers.answer]),
    [
      ['7.1', '7', '5', 'true', '5'],
      ['7.2', '7', '4', 'false', '5'],
    ],
  );
  assert.equal(records[0].headers.gt_cot, 'None', 'short scalar fields are kept as metadata');
});

test('field variants: prompt/response/ground_truth, chat prompts, solution with \\boxed, numbers', () => {
  const lines = [
    { prompt: [{ role: 'user', content: 'Hi' }], response: 'x', ground_truth: 3.5 },
    { problem: 'p', completion: 'y', solution: 'Work... so \\boxed{\\frac{1}{2}}' },
    { query: 'q', responses: ['a', 'b', 'c'], label: 'L' },
  ]
    .map((o) => JSON.stringify(o))
    .join('\n');
  const { records, diagnostics } = jsonlToRecords(lines);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    records.map((r) => [r.headers.query, r.headers.answer, r.body]),
    [
      ['Hi', '3.5', 'x'],
      ['p', '\\frac{1}{2}', 'y'],
      ['q', 'L', 'a'],
      ['q', 'L', 'b'],
      ['q', 'L', 'c'],
    ],
  );
});

test('a broken JSON line: diagnostic with line and column; the other lines keep working', () => {
  const text = [
    '{"input": "a", "output": "x = 1"}',
    '{"input": "b", "output": oops}',
    '[1,2]',
    '{"input": "c"}',
    '',
    '{"input": "d", "output": "y"}',
  ].join('\n');
  const { records, diagnostics } = jsonlToRecords(text);
  assert.deepEqual(
    records.map((r) => r.headers.query),
    ['a', 'd'],
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.line]),
    [
      ['bad-json', 1],
      ['not-an-object', 2],
      ['no-response', 3],
    ],
  );
  assert.equal(diagnostics[0].column, 25, 'column of the unexpected token');
  assert.match(diagnostics[0].message, /Invalid JSON/);
  assert.match(diagnostics[2].message, /expected one of output, response, completion, code, responses/);
});

const DATA = '../shared/data/skyt1-reflection-0.5-amc23.jsonl';

test(
  'SkyThought AMC23 outputs: the engine agrees with the harness pred/score on >= 95% of responses',
  { skip: existsSync(DATA) ? false : `${DATA} is absent` },
  () => {
    const { records, diagnostics } = jsonlToRecords(readFileSync(DATA, 'utf8'), { fileName: DATA });
    // The only diagnostics: three responses whose <|begin_of_thought|> block never closes (89-113 KB,
    // cut off at the generation limit; thinking.ts unclosedThinking, the definition import shares).
    assert.deepEqual(
      diagnostics.map((d) => `${d.line} ${d.code}`),
      ['6 unclosed-think', '7 unclosed-think', '31 unclosed-think'],
    );
    assert.ok(diagnostics.every((d) => d.severity === 'warning' && /<\|begin_of_thought\|>\) is never closed/.test(d.message)));
    let sameAnswer = 0;
    let sameCorrect = 0;
    const disagreements: string[] = [];
    records.forEach((r, i) => {
      const s = segmentRecord(jsonlRecordToTrace(r, i, 0, DATA), defaultSegmentOptions);
      const pred = String(r.headers.pred);
      const score = r.headers.score === 'true';
      // A response cut off before any answer has none (the annotators' reading too, test/fixtures/gold);
      // the harness falls back to the last number of the text: both call it wrong.
      const a = s.final === null ? !score : answersEqual(s.final, pred);
      const c = (s.correct === true) === score;
      if (a) sameAnswer++;
      if (c) sameCorrect++;
      if (!a || !c)
        disagreements.push(
          `idx ${r.id}: ground truth ${r.headers.answer}, harness pred ${pred} (score ${score}), engine final ${s.final} (correct ${s.correct}), ${s.steps.length / 2} attempts`,
        );
    });
    const n = records.length;
    console.log(
      `skyt1-reflection-0.5-amc23: final answer equal to the harness pred on ${sameAnswer}/${n} (${((100 * sameAnswer) / n).toFixed(1)}%), correctness equal to its score on ${sameCorrect}/${n} (${((100 * sameCorrect) / n).toFixed(1)}%)`,
    );
    for (const d of disagreements) console.log(`  disagreement: ${d}`);
    assert.equal(n, 40);
    assert.ok(sameAnswer / n >= 0.95, `answer agreement ${sameAnswer}/${n}`);
    assert.ok(sameCorrect / n >= 0.95, `correctness agreement ${sameCorrect}/${n}`);
  },
);

test('jsonErrorOffset agrees with JSON.parse on valid and mutated lines, and points at the error', () => {
  assert.equal(jsonErrorOffset('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}'), -1);
  assert.equal(jsonErrorOffset('{"a": tru}'), 9);
  assert.equal(jsonErrorOffset('{"a": 1} x'), 9);
  assert.equal(jsonErrorOffset('{"a": "unterminated'), 19);
  let seed = 5;
  const rnd = (k: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k;
  const base = JSON.stringify({ idx: 1, question: 'q "x"', code: ['a\nb', 'c'], score: [true, false], v: -1.5e-3, n: null });
  const pieces = ['"', ',', '}', ']', '{', '[', ':', '\\', 'x', '1', ' ', '-', 'e'];
  for (let k = 0; k < 2000; k++) {
    let s = base;
    for (let m = rnd(3) + 1; m > 0; m--) {
      const at = rnd(s.length + 1);
      s = rnd(2) ? s.slice(0, at) + pieces[rnd(pieces.length)] + s.slice(at) : s.slice(0, at) + s.slice(at + 1);
    }
    let valid = true;
    try {
      JSON.parse(s);
    } catch {
      valid = false;
    }
    assert.equal(jsonErrorOffset(s) === -1, valid, s);
  }
});

test('jsonErrorOffset on deep nesting: no stack overflow, the exact column at any depth (it once stopped at 10,001)', () => {
  for (const n of [10_000, 20_000, 200_000]) {
    assert.equal(jsonErrorOffset('['.repeat(n)), n);
    assert.equal(jsonErrorOffset('{"a":'.repeat(n)), 5 * n);
    assert.equal(jsonErrorOffset('['.repeat(n) + ']'.repeat(n)), -1);
    assert.equal(jsonErrorOffset('{"a":'.repeat(n) + '1' + '}'.repeat(n)), -1);
    assert.equal(jsonErrorOffset('['.repeat(n) + '}'), n);
  }
  const deep = `${JSON.stringify({ idx: 1, output: 'x' })}\n${'['.repeat(100_000)}`;
  const r = jsonlLineToRecords(deep.split('\n')[1], 1);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.line, d.column]),
    [['bad-json', 1, 100_000]],
  );
});

test('JSONL groups: rollouts of one prompt share a GRPO group (verl dumps carry no id), an id or explicit group wins', () => {
  const verl = [
    JSON.stringify({ input: 'Calculate 12 * 34.', output: 'The answer is 408.', gts: '408', score: 1, step: 3 }),
    JSON.stringify({ input: 'Calculate 12 * 34.', output: 'The answer is 418.', gts: '408', score: 0, step: 3 }),
    JSON.stringify({ input: 'Calculate 56 * 78.', output: 'The answer is 4368.', gts: '4368', score: 1, step: 3 }),
    JSON.stringify({ idx: 7, question: 'Calculate 56 * 78.', code: ['4368', '4369'], gt: '4368' }),
    JSON.stringify({ group: 'g1', input: 'Calculate 56 * 78.', output: '4368', gts: '4368' }),
  ].join('\n');
  const groups = jsonlToRecords(verl).records.map((r) => r.headers.group);
  assert.deepEqual(groups, ['Calculate 12 * 34.', 'Calculate 12 * 34.', 'Calculate 56 * 78.', '7', '7', 'g1']);
});
