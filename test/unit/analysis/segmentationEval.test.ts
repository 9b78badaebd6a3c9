// The evaluator's matching (docs/segmentation-eval.md): candidates match when they give the same
// answer to the question, so an option's value and its letter are one answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignCandidates, engineReading, evaluateSegmentation } from '../../../server/src/analysis/segmentationEval.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

const body = 'The distance is sqrt(65)/2, which is option D.\nWait, let me check: 16 + 1/4 = 65/4. Yes, D.';
const options = new Map([
  ['12', 'a'],
  ['\\sqrt{65}/2', 'd'],
]);
const gold = { id: 'r', candidates: [{ value: 'D', offset: body.indexOf('D') }], final: 'D' };
const predicted = [{ value: 'sqrt(65)/2', offset: body.indexOf('sqrt') }];

test('a gold letter and the engine reading its option value align, only with the question options', () => {
  assert.deepEqual(alignCandidates(gold.candidates, predicted, options), [[0, 0]]);
  assert.deepEqual(alignCandidates(gold.candidates, predicted), []);
  // Another option's value is another answer.
  assert.deepEqual(alignCandidates(gold.candidates, [{ value: '12', offset: 5 }], options), []);
});

test('precision, recall, first value and final answer count an option value as its letter', () => {
  const e = evaluateSegmentation([
    { id: 'r', truth: 'D', gold: gold as never, predicted, predictedFinal: 'sqrt(65)/2', optionOf: options },
  ]);
  assert.equal(e.matched, 1);
  assert.deepEqual(e.firstValue, { agree: 1, of: 1 });
  assert.deepEqual(e.finalAnswer, { agree: 1, of: 1 });
  const without = evaluateSegmentation([{ id: 'r', truth: 'D', gold: gold as never, predicted, predictedFinal: 'sqrt(65)/2' }]);
  assert.equal(without.matched, 0);
});

test('a record with no candidate answer counts as a wrong first attempt in p, as calibrate counts it', () => {
  const answered = { id: 'a', candidates: [{ value: '7', offset: 0 }], final: '7' };
  const e = evaluateSegmentation([
    { id: 'a', truth: '7', gold: answered as never, predicted: [{ value: '7', offset: 0 }], predictedFinal: '7' },
    // The engine reads nothing where the annotators read the right answer.
    { id: 'b', truth: '7', gold: { ...answered, id: 'b' } as never, predicted: [], predictedFinal: null },
  ]);
  assert.deepEqual(e.derived.engine.p, { k: 1, n: 2, value: 0.5 });
  assert.deepEqual(e.derived.gold.p, { k: 2, n: 2, value: 1 });
  // No decision follows a missing answer: delta1 counts the one answered record only.
  assert.equal(e.derived.engine.delta1.n, 1);
});

test("the labels are judged by the engine's judge, and the engine's candidates as the engine judged them (calibrate's correctness)", () => {
  const query = "What does f return for f('banana')?  def f(s):     return s.upper()";
  const text = [
    '=== c',
    `query: ${query}`,
    "answer: 'BANANA'",
    '---',
    "Upper-casing every letter gives 'BANANA'.",
    "So f('banana') returns 'BANANA'.",
    '',
  ].join('\n');
  const [rec] = parseTrace(text).records;
  const reading = engineReading(segmentAttempts(rec, defaultSegmentOptions), rec.query);
  assert.deepEqual(reading.correct, [true]);
  // An annotator's label of a lower-case string: another Python value, wrong, where normalized equality alone read it right.
  const lower = { id: 'c', candidates: [{ value: "'banana'", offset: 0 }], final: "'banana'" };
  const e = evaluateSegmentation([{ id: 'c', truth: rec.answer, gold: lower as never, ...reading }]);
  assert.deepEqual(e.derived.gold.p, { k: 0, n: 1, value: 0 });
  assert.deepEqual(e.derived.engine.p, { k: 1, n: 1, value: 1 });
});

test('a forced STOP (forced_stop: true) is no decision of the policy: left out of delta1 and delta2, as calibrate leaves it out', () => {
  const label = { id: 'f', candidates: [{ value: '3', offset: 0 }], final: '3' };
  const input = { id: 'f', truth: '4', gold: label as never, predicted: [{ value: '3', offset: 0 }], predictedFinal: '3' };
  const free = evaluateSegmentation([input]);
  assert.equal(free.derived.engine.delta2.n, 1, 'a STOP after a wrong answer');
  const forced = evaluateSegmentation([{ ...input, forcedStop: true }]);
  assert.equal(forced.derived.engine.delta2.n, 0);
  assert.equal(forced.derived.gold.delta2.n, 0);
  assert.deepEqual(forced.derived.engine.p, { k: 0, n: 1, value: 0 }, 'the answer still stands');
  assert.deepEqual(forced.derived.engine.accuracy, { k: 0, n: 1, value: 0 });
});
