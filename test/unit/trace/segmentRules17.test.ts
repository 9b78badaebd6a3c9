// The seventeenth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

test("a weak result right before a marker is its segment's candidate over an earlier conclusion of a sub-result", () => {
  const q = 'A farm packs 25 boxes of 50 apples each and 6 bags of 5 apples each. How many apples does it pack?';
  const work = 'So the boxes hold 25 * 50 = 1250 apples.\n\nThe bags add 6 * 5 = 30 more: 1250 + 30 = 1280.\n\n';
  const check = 'Wait, let me check the bags again: 5 + 5 + 5 + 5 + 5 + 5 = 30, so 1250 + 30 = 1280 again.';
  // Before the rule the sub-total's conclusion ("So the boxes hold ... 1250") outranked the result
  // line, which then was no segment's last word: the first 1280 was lost and the check's was the only one.
  assert.deepEqual(values(q, `${work}${check}\n\nSo the answer is 1280.`), ['1280', '1280']);
  // A value the record never concludes explicitly stays a step there.
  assert.deepEqual(values(q, work + check), ['1280']);
});

test('arithmetic on numbers inside a conclusion ("there are 1 + 6 = 7 solutions") works out its own value, not another quantity', () => {
  const q = 'How many complex numbers satisfy the equation $z^5=\\overline{z}$?';
  const body =
    'For r = 0 we get z = 0, one solution.\n\nFor r = 1 we need 6 theta = 2 pi k, so theta = k pi / 3 for k = 0, 1, 2, 3, 4, 5: six points on the unit circle.\n\n' +
    'Therefore, in total, there are \\( 1 + 6 = 7 \\) solutions.\n\n' +
    'Wait a minute, let me check z = 0 again: 0^5 = 0, and the conjugate of 0 is 0, so it works, and the six unit-circle points are distinct.\n\n' +
    'Therefore, there are 7 complex numbers that satisfy the equation.\n\nThe answer is 7.';
  // Before the rule "1 + 6" read as another quantity's left side: the first 7 closed another equation.
  assert.deepEqual(values(q, body), ['7', '7']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test("the pass's patterns on 100 KB runs of their own pieces: segmentation completes", { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules17);
});
