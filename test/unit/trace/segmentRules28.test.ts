// The twenty-eighth pass's rules (re-derivations in SFT re-checking loops; docs/segmentation-eval.md
// "Pass 28", docs/annotation-guide.md "Restatements merge; re-derivations do not"), one short
// hand-written example each, with what each rule must leave as it was. The pass's development
// data: the real dev sets (fresh13 among them) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { values } from './segmentRuleHelpers.js';

test('28b: a value given to a precision after a bracket closes on a fraction or a decimal is a result', () => {
  const q = 'Light travels in glass of index of refraction 1.5 toward air. Compute the critical angle in degrees.';
  const body =
    'Snell: 1.5 sin(theta_c) = 1, so sin(theta_c) = 1 / 1.5 = 2/3.\n\nTherefore, theta_c = arcsin(2/3) ≈ 41.8 degrees.\n\nBut wait, let me check the definition again. The critical angle is where the refracted ray grazes the surface, so sin(theta_c) = n2 / n1 = 2/3 and theta_c = arcsin(2/3) ≈ 41.8 degrees.\n\nSo the critical angle is 41.8 degrees.';
  assert.deepEqual(values(q, body), ['41.8', '41.8']);
  // A size guessed in words stays an estimate: "roughly (0.3) ≈ 90" is no result.
  const rough = 'The product is roughly 300 × (0.3) ≈ 90, so about 90.\n\nExactly: 300 × 0.31 = 93.\n\nSo the answer is 93.';
  assert.deepEqual(values('What is 300 times 0.31?', rough), ['93']);
});
