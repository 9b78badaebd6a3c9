// The seventeenth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repeatTo, slowestSegmentationMs, values } from './segmentRuleHelpers.js';

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

test("the pass's patterns stay linear on long runs of their own pieces", () => {
  const q = 'How many apples does the farm pack?';
  const pieces = ['1 + ', '1.', ' 1', '= ', '7.\n\nWait', ' '];
  const worst = slowestSegmentationMs(
    q,
    pieces,
    (piece) => repeatTo('So there are 2 + 3 = 5 apples. ' + repeatTo(piece, 100_000), 100_000) + ' = 7.',
  );
  assert.ok(worst < 3000, `segmentation took ${worst} ms on 100 KB`);
});
