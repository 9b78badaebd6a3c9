// The twenty-third pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets (Sky-T1 dev, fresh dev, fresh3, fresh5-8) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repeatTo, slowestSegmentationMs, values } from './segmentRuleHelpers.js';

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

test("the pass's pieces stay linear: long re-checks and long arithmetic lines before a marker", () => {
  const q = 'How many miles from City A will they be when they meet?';
  const pieces = ['Just to be thorough, ', '6 + 1 = 7', 'summar', 'getting too ', ' = 7.\n\nWait'];
  const ms = slowestSegmentationMs(
    q,
    pieces,
    (piece) => `<think>\nSo they meet 27 miles from City A.\n\n${repeatTo(piece, 60_000)}\n\nSo 27 miles.\n</think>\n\n27`,
  );
  assert.ok(ms < 2000, `slowest segmentation ${ms.toFixed(0)} ms`);
});
