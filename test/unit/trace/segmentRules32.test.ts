// The thirty-second pass's rules (the next weakest development phrasing families;
// docs/segmentation-eval.md "Stop 27: pass 32"), one short hand-written example each, with what each
// rule must leave as it was. The pass's development data: the dev families and the real dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { values } from './segmentRuleHelpers.js';

test('32a: "So 61 numbers are divisible by 2 or 7": the counted subject is what the clause states, not the quoted divisor', () => {
  const q = 'How many integers from 1 to 100 are divisible by 2 or 7?';
  const body =
    'Multiples of 2: 50. Multiples of 7: 14. Multiples of 14: 7. So 50 + 14 - 7 = 57.\n\nLet me check with the complement. The odd numbers that are not multiples of 7 number 50 - 7 = 43, and the rest are the ones we want. So 57 numbers are divisible by 2 or 7.';
  assert.deepEqual(values(q, body), ['57', '57']);
  // A value tested, with no counted noun before the copula, stays a check of that value.
  const tested =
    'Multiples of 2: 50. Multiples of 7: 14. Multiples of 14: 7. So 50 + 14 - 7 = 57.\n\nA quick look at one case: 14 itself. So 14 is divisible by 2 or 7.';
  assert.deepEqual(values(q, tested), ['57']);
});
