// The forty-fifth pass's rules (changed values: corrections and the values they replace;
// docs/segmentation-eval.md "Stop 29: pass 45"), one short hand-written example each, with what
// each rule must leave as it was. The pass's development data: the 16 real dev sets and the dev
// phrasing families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { normalizeAnswer, normalizedEqual } from '../../../server/src/trace/answers.js';
import { alignCandidates } from '../../../server/src/analysis/segmentationEval.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

const jugs =
  'A jug holds 10 liters of juice that is two-thirds water, and a second jug holds 15 liters that is three-fifths water. How many liters of water are in the two jugs together?';
const answered = 'The first jug has 10 × 2/3 = 20/3 liters of water and the second 15 × 3/5 = 9 liters. So the answer is 47/3 liters.\n\n';

test('45a: "So, 47/3 is correct." after going back over the work states the value as its conclusion', () => {
  const body = `${answered}Wait, let me re-check the first jug: two-thirds of 10 is 20/3, and the second gives 9, which is 27/3, so together forty-seven thirds. So, 47/3 is correct.`;
  assert.deepEqual(rules(jugs, body), ['47/3', '47/3']);
  // A verdict with no value ("that is correct") states nothing.
  assert.deepEqual(rules(jugs, body.replace('So, 47/3 is correct.', 'So, that is correct.')), ['47/3']);
  // A confirmed sub-step ("So, 9 is correct.") is a step: its value is no answer the record gives.
  const step = `${answered}Wait, let me re-check the second jug: three-fifths of 15 is 9, and 9 is 27/3. So, 9 is correct. Then the total is unchanged.`;
  assert.deepEqual(rules(jugs, step), ['47/3']);
});

test('45b: a result the model then finds implausible ("But that seems odd.") was adopted: the attempt ends in it', () => {
  const q =
    'A machine fills 30 bottles a minute for 6 minutes, then spills 45 bottles, then fills 8 more. How many full bottles are there?';
  const body =
    'The spilled bottles were never filled. So, the full bottles would be 180 + 8 = 188. But that seems odd. Alternatively, the spill empties bottles already filled: 180 - 45 = 135, and 135 + 8 = 143. So the answer is 143.';
  assert.deepEqual(rules(q, body), ['188', '143']);
  assert.deepEqual(rules(q, body.replace('But that seems odd.', 'But wait, that seems way too high.')), ['188', '143']);
  // No doubt after it: the value is a step of the reasoning that goes on.
  assert.deepEqual(rules(q, body.replace('But that seems odd.', 'Then we add the rest.')), ['143']);
  // For m + n of integers, a fraction doubted is the value m and n are read from, not an answer.
  const m =
    'Two of eight coins are drawn. The probability that both are gold is m/n, where m and n are relatively prime positive integers. Find m + n.';
  const mBody =
    'There are 28 pairs and 3 gold pairs, so the probability is 25/28. But wait, this seems too high. Actually, only 3 of the 28 pairs are both gold, so the probability is 3/28, and m + n = 3 + 28 = 31. So the answer is 31.';
  assert.deepEqual(rules(m, mBody), ['31']);
});

test('45c (merged into the answer equivalence of stop 29: normalizedEqual, not normalizeAnswer): a set written out is the same answer in any order; a tuple or an interval keeps its order', () => {
  const same = (a: string, b: string): boolean => normalizedEqual(normalizeAnswer(a), normalizeAnswer(b));
  assert.ok(same('\\{2,5,3\\}', '{2, 3, 5}'));
  assert.ok(same('\\{1, -\\frac{1}{2}\\}', '\\{-1/2, 1\\}'));
  assert.ok(!same('(1, 2)', '(2, 1)'));
  assert.ok(!same('[-2, 1)', '[1, -2)'));
  assert.ok(!same('\\{1, 2\\}', '\\{1, 3\\}'));
  // So the union "= \\{2,5,3\\}" and its boxed "\\{2,3,5\\}" are one answer: a restatement merges into it.
  const q = 'Let U = {1,2,3,4,5}, M = {1,4}, N = {2,5}. Find N ∪ (complement of M in U).';
  const body =
    'The complement of M is {2,3,5}. Combining with N: $N \\cup \\overline{M} = \\{2,5,3\\}$.\n\nThe final answer is: $\\boxed{\\{2,3,5\\}}$';
  assert.deepEqual(rules(q, body).length, 1);
  assert.deepEqual(alignCandidates([{ value: '\\{2,5,3\\}', offset: 10 }], [{ value: '\\{2,3,5\\}', offset: 90, rule: 'boxed' }]), [
    [0, 0],
  ]);
});
