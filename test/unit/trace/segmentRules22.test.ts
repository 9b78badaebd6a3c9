// The twenty-second pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets (precision: the candidates annotators did not mark) and the
// dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repeatTo, slowestSegmentationMs, values } from './segmentRuleHelpers.js';

test('a divisor ("must be divisible by 2^3 * 3 = 24") is the parameter of a property, not a result; a question about divisors keeps it', () => {
  const q =
    'In a tournament every player plays every other player once. There are twice as many right-handed as left-handed players, and left-handed players won 40% more games than right-handed players. How many games were played in total?';
  const body =
    'Let L be the number of left-handers, so there are 3L players and 3L(3L - 1)/2 games.\n\nThe wins must be whole numbers, so (3L)(3L - 1) must be divisible by 2^3 * 3 = 24.\n\nWait, let me test values. L = 3 gives 9 players and 36 games, and 36 * 0.4 works.\n\nSo the total number of games is 36.';
  // Before the rule the divisor 24, a conclusion before the marker, was an attempt.
  assert.deepEqual(values(q, body), ['36']);
  // A question that asks for a divisor is answered by one: without the guard the first 24 was no candidate.
  const divides = 'What is the largest integer that must divide the product of any four consecutive positive integers?';
  const first =
    'One of four consecutive integers is a multiple of 4, another is even, and one is a multiple of 3. So the product is always divisible by 24.\n\n';
  const check = 'Wait, could it be larger? 1 * 2 * 3 * 4 = 24 itself, so no larger integer works.\n\nSo the answer is 24.';
  assert.deepEqual(values(divides, first + check), ['24', '24']);
});

test('the divisor phrases stay linear on long runs', () => {
  const q = 'How many games were played in total?';
  const ms = slowestSegmentationMs(
    q,
    ['divisible by 2 * ', 'a multiple of 3 = ', 'divisibility by '],
    (p) => `So it is ${repeatTo(p, 40000)} 7.`,
  );
  assert.ok(ms < 2000, `${ms} ms`);
});
