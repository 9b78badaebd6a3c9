// Stop 36's `6m` rule outside the judge (left37): a number and one letter ("6m", "12 g") is that
// number in a unit only where the question makes the letter one (units.ts questionMakesUnit), for
// every caller that compares answers: answersEqual (given the question; cautious without one),
// the echo between attempts (the echo finding, calibrate's F->F echo) and eval-segmentation's
// matching and judge. normalizeAnswer itself still drops the letter: the reading's merges use it,
// and a cautious default there changes --families (f:mcq-reasoning 95.3 -> 95.0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersEqual, normalizeAnswer, normalizeAnswerIn } from '../../../server/src/trace/answers.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentRecord, segmentAttempts } from '../../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { engineReading, evaluateSegmentation } from '../../../server/src/analysis/segmentationEval.js';
import { traceSummary } from '../../../server/src/analysis/summary.js';

const variable = 'Simplify 2m + 4m + 2m.';
const meters = 'How long is the rope, in meters?';

test('normalizeAnswerIn and answersEqual read a letter after a number as the question does', () => {
  assert.equal(normalizeAnswerIn('6m', variable), '6m');
  assert.equal(normalizeAnswerIn('$6.50 m$', variable), '6.5m');
  assert.equal(normalizeAnswerIn('6m', meters), '6');
  assert.equal(normalizeAnswerIn('6m', undefined), '6m');
  assert.equal(normalizeAnswerIn('12 g', 'How many grams are left?'), '12');
  assert.equal(normalizeAnswerIn('\\frac{1}{2}', variable), normalizeAnswer('\\frac{1}{2}'));
  assert.equal(answersEqual('6m', '6', meters), true);
  assert.equal(answersEqual('6m', '6', variable), false);
  // No question known: the cautious reading (it was true).
  assert.equal(answersEqual('6m', '6'), false);
  assert.equal(answersEqual('12 g', '12'), false);
  assert.equal(answersEqual('6m', '6m'), true);
  assert.equal(answersEqual('6', '6.0'), true);
});

const rec = (query: string, answer: string, body: string) =>
  parseTrace(`=== r\nquery: ${query}\nanswer: ${answer}\n---\n${body}\n`).records[0];
const twice = (a: string, b: string) =>
  `2 + 4 + 2 = 6, so the answer is ${a}.\nWait, let me recompute: 2m + 4m = 6m. So the answer is ${b}.`;

test('a resample from 6 to 6m is no echo where m is a variable (the echo finding, calibrate F->F new)', () => {
  const s = segmentRecord(rec(variable, '8m', twice('6', '6m')), defaultSegmentOptions);
  const samples = s.steps.filter((x) => x.kind === 'sample');
  assert.deepEqual(
    samples.map((x) => [x.answer, x.correct]),
    [
      ['6', false],
      ['6m', false],
    ],
  );
  const decisions = s.steps.filter((x) => x.kind === 'decision');
  assert.equal(decisions[0].echo, false);
  assert.equal(
    s.diagnostics.some((d) => d.code === 'echo'),
    false,
  );
  const t = traceSummary(s, 'f.trace').transitions;
  assert.deepEqual([t.FFecho, t.FFnew], [0, 1]);
  // The same value twice is still an echo.
  const same = segmentRecord(rec(variable, '8m', twice('6m', '6m')), defaultSegmentOptions);
  assert.equal(same.steps.find((x) => x.kind === 'decision')?.echo, true);
});

test("eval-segmentation matches and judges with the record's question: 8m is not the engine's 8 where m is a variable", () => {
  const body = '2 + 4 + 2 = 8, so the answer is 8.';
  const offset = body.lastIndexOf('8');
  const evalOf = (query: string) => {
    const r = rec(query, '8m', body);
    return evaluateSegmentation([
      {
        id: 'r',
        truth: r.answer,
        gold: { id: 'r', candidates: [{ value: '8m', offset }], final: '8m' } as never,
        ...engineReading(segmentAttempts(r, defaultSegmentOptions), r.query),
      },
    ]);
  };
  assert.equal(evalOf(variable).matched, 0);
  assert.equal(evalOf('How long is the rope, in meters?').matched, 1);
});
