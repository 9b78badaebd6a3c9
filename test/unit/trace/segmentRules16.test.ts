// The sixteenth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets (fresh7 and fresh8 among them) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { values } from './segmentRuleHelpers.js';

test('when the question asks for m + n of integers, a fraction or a root is an intermediate value, not a candidate', () => {
  const q = 'The probability that she wins is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.';
  // Before the rule the probability itself (an explicit "answer", then the equation's result) was the candidate.
  const body =
    'P = (1/210) / (115/210) = 1/115.\n\nWait, let me check the denominator again: 90 + 24 + 1 = 115, so P = 1/115.\n\nTherefore, the answer is 1/115, and m + n = 116.';
  assert.deepEqual(values(q, body), ['116']);
  // An explicit box of a fraction is still the answer the model gives.
  assert.equal(values(q, 'So the probability is 1/115.\n\nFinal answer: \\boxed{\\frac{1}{115}}').length, 1);
  // A question that asks for the fraction itself keeps it.
  assert.deepEqual(values('What is the probability that she wins?', body), ['1/115', '1/115']);
});
