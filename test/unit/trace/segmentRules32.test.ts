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

test('32b: "Consequently", "It follows that", "All told" lead a count stated as the subject, as "So" does', () => {
  const q = 'How many integers from 1 to 200 are multiples of 6 or 15?';
  const body =
    'Multiples of 6: 33. Multiples of 15: 13. Multiples of 30: 6. So 33 + 13 - 6 = 40.\n\nWait, let me recount the multiples of 15 up to 200: 15, 30, ..., 195, that is 13 of them, and 6 multiples of 30 are in both lists. Consequently, exactly 40 of them qualify.';
  assert.deepEqual(values(q, body), ['40', '40']);
  for (const lead of ['It follows that exactly', 'All told, exactly', 'We conclude that exactly'])
    assert.deepEqual(values(q, body.replace('Consequently, exactly', lead)), ['40', '40'], lead);
  // A lead that is no conclusion ("Apparently") states nothing.
  assert.deepEqual(values(q, body.replace('Consequently, exactly', 'Apparently')), ['40']);
});
