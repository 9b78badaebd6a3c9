// The twenty-third pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets (Sky-T1 dev, fresh dev, fresh3, fresh5-8) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

test('a one-digit result of arithmetic right before a marker ("is 6 + 1 = 7. / Wait ... double-check") is a candidate when the record concludes it explicitly', () => {
  const q = 'How many complex numbers satisfy the equation $z^5=\\overline{z}$?';
  const body = (marker: string) =>
    `Writing z in polar form, r^5 = r, so r = 0 or r = 1. For r = 1 there are 6 distinct angles, giving 6 solutions.\n\nAdding the solution z = 0, the total number of solutions is 6 + 1 = 7.\n\n${marker}\n\nPlugging z = 0 into the equation: 0^5 = 0, which holds. So z = 0 is a valid solution.\n\nTherefore, there are 7 complex numbers that satisfy the equation.\n\nSo the answer is 7.`;
  // Before the rule the one-digit 7 was a step however it was reached, and only the conclusion after the check counted.
  assert.deepEqual(values(q, body("Wait a minute, but let's double-check if r = 0 is indeed a solution.")), ['7', '7']);
  // An assignment in a list of coefficients is not worked out on its line: still a step.
  const listed =
    'For n = 2: a_1 = 2, a_2 = -1\n\nFor n = 3: a_1 = 3, a_2 = -3, a_3 = -1\n\nWait, the pattern alternates.\n\nSo the answer is -1.';
  assert.deepEqual(values('In the identity for tan(2023x), what is a_2023?', listed), ['-1']);
});

const cities =
  'Cities A and B are 45 miles apart. Alicia lives in A and Beth lives in B. Alicia bikes towards B at 18 miles per hour. Leaving at the same time, Beth bikes toward A at 12 miles per hour. How many miles from City A will they be when they meet?';
const work =
  'Together they close 18 + 12 = 30 miles per hour, so they meet after 45 / 30 = 1.5 hours. Alicia covers 18 * 1.5 = 27 miles.\n\nSo they meet 27 miles from City A.\n\n';
const recheck =
  "Just to be thorough, let me consider if there's any other factor I might have missed. Do they start at the same time? Yes, the problem says they leave at the same time. Are they biking towards each other? Yes, that's clear. Do their speeds change? No, the speeds are constant.\n\n";
const think = (tail: string) => `<think>\n${work}${tail}\n</think>\n\nThey meet **27 miles** from City A.`;

test("the thinking block's closing statement after a paragraph of re-examination is an echo; a short dismissal, a recap or a re-check given up merges", () => {
  // Before the rule the closing statement merged into the first: no computation came between.
  assert.deepEqual(values(cities, think(`${recheck}I think 27 miles is the correct answer.`)), ['27', '27']);
  // After a marker too, and with a draft of the reply closing the block.
  assert.deepEqual(
    values(
      cities,
      think(`But wait, let me double-check by another route. ${recheck}So the answer is 27 miles.\n\n**Final Answer**\n\\boxed{27}`),
    ),
    ['27', '27'],
  );
  // A question raised and dismissed in one breath is no new work (the guide).
  assert.deepEqual(values(cities, think('Could the order matter? No.\n\nI think 27 miles is the correct answer.')), ['27']);
  // A recap of the work done, and a re-check given up, are no new work either.
  const recap =
    "Let me summarize what I did: I added the speeds, divided the distance by the combined speed to get the time, and multiplied Alicia's speed by that time to get her distance from City A.\n\n";
  assert.deepEqual(values(cities, think(`${recap}I think 27 miles is the correct answer.`)), ['27']);
  const givenUp =
    "Just to be thorough, let me consider if there's any other factor I might have missed. Do they start at the same time? Perhaps not. This is getting too complicated, and I'm getting confused about what else could matter. Maybe I should just accept that.\n\n";
  assert.deepEqual(values(cities, think(`${givenUp}I think 27 miles is the correct answer.`)), ['27']);
  // Only where the block ends on it: the same re-check in a response without a thinking block is
  // a re-check in words in the middle of the work, which the engine merges (docs/segmentation-eval.md).
  assert.deepEqual(values(cities, `${work}${recheck}I think 27 miles is the correct answer.`), ['27']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test(
  "the pass's pieces on 60 KB (long re-checks and long arithmetic lines before a marker): segmentation completes",
  { timeout: 120_000 },
  () => {
    runCase(segmentationCases.rules23);
  },
);
