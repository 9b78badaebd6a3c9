// The twelfth pass's rules (docs/segmentation-eval.md), one short hand-written example each: every
// one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

test('the asked noun of something else ("the sum of the remaining numbers" when the sum of the squares is asked) is a sub-result', () => {
  const q = 'A list of positive integers has sum 30 and unique mode 9. Find the sum of the squares of all the items in the list.';
  assert.deepEqual(
    values(
      q,
      'Let 9 appear twice.\n\nThen the sum of the 9s is 18, so the sum of the remaining numbers is 30 - 18 = 12.\n\nWait, the other two must differ. Take 5 and 7: the list is 5, 7, 9, 9.\n\nSo the sum of the squares is 25 + 49 + 81 + 81 = 236.',
    ),
    ['236'],
  );
  // Not narrowed by a generic word: "the sum of all positive integers d" is "the sum of the divisors".
  assert.deepEqual(
    values(
      'Find the sum of all positive integers $d$ such that $d$ divides $363$.',
      'The divisors are 1, 3, 11, 33, 121, 363.\n\nWe conclude that the sum of the divisors is 532.',
    ),
    ['532'],
  );
});

test('a value rejected later in its own sentence ("which is too large, so that does not work") is not a candidate', () => {
  const q = 'A list of positive integers has sum 30 and unique mode 9. Find the sum of the squares of all the items in the list.';
  assert.deepEqual(
    values(
      q,
      "The list 5, 7, 9, 9 works, so the sum of the squares is 25 + 49 + 81 + 81 = 236.\n\nBut wait, suppose 9 appears four times. Then the sum of the items alone is 36, so the sum of the squares is 324, which is too large, so that doesn't work.\n\nSo the list is 5, 7, 9, 9.",
    ),
    ['236'],
  );
});

test('a box in talk about the format ("I can include \\boxed{B} at the end") repeating the candidate before it merges into it', () => {
  const q = 'The function f(x) = (x+2)/(e^x+a) has maximum value 1. Then a = ( ) A. 1/2 B. 1 C. 3/2 D. 2';
  const body =
    '<think>\nAt x = 0, f(0) = 2/(1+a) = 1 gives a = 1. So the answer is B.\n\nWait, check the derivative at 0: (e^0 + 1) - (0 + 2) = 2 - 2 = 0, so x = 0 is the maximum. Good.\n\nNow I can include \\boxed{B} at the end.\n</think>\n\nSo a = 1, \\boxed{B}';
  assert.deepEqual(values(q, body), ['B']);
  // A box that states a new value is still a candidate, format talk or not.
  assert.deepEqual(values(q, body.replace('include \\boxed{B}', 'include \\boxed{D}')), ['B', 'D']);
});

test('an option letter followed by its own content ("Option A 12 maybe if ...") or opening a bold heading ("**Option D:** Check") describes it', () => {
  const q =
    'The parabolas y^2 = 2px and x^2 = 2qy pass through (4,8). The distance between their foci is ( ) A. 12 B. 4\\sqrt{5} C. 6 D. \\frac{\\sqrt{65}}{2}';
  assert.deepEqual(
    values(
      q,
      'p = 8, q = 1. Foci (4,0) and (0,1/2). Distance = sqrt(16 + 1/4) = sqrt65/2. So D.\n\nWait, what about the traps. Option A 12 maybe if someone takes the foci as (8,0) and (0,1) instead.',
    ),
    ['D'],
  );
  assert.deepEqual(
    values(
      'Let z = 3 + 2i. Which is true? ( ) A. \\bar{z} = 3 - 2i B. |z| = 5 C. z^2 = 5 + 12i D. |z| = 13',
      'The conjugate of 3 + 2i is 3 - 2i, so the answer is A.\n\nBut wait, I should check every option.\n\n- **Option D:** Check if |z| = 13.\n\nHmm, |z| = \\sqrt{9 + 4} = \\sqrt{13}, so D is false.\n\nSo the answer is A.',
    ),
    ['A', 'A'],
  );
});

test('a unit written in LaTeX ("= 204 \\text{ minutes}") after a result ends its line as a plain unit does', () => {
  const q =
    'Aya walks 9 km at 3 km/h and spends t = 24 minutes in a coffee shop. Find the number of minutes the walk takes her, including the t minutes.';
  assert.deepEqual(
    values(
      q,
      'Walking takes 9/3 = 3 hours.\n\n\\[\n3 \\text{ hours} + 24 \\text{ minutes} = 180 + 24 = 204 \\text{ minutes}\n\\]\n\nWait, let me double-check the walking time: 9 km at 3 km/h is 3 hours.\n\n\\[\n3 \\times 60 + 24 = 204 \\,\\text{min}\n\\]\n\nSeems correct.',
    ),
    ['204', '204'],
  );
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test(
  "the twelfth pass's patterns on 100 KB adversarial bodies built from their own pieces: segmentation completes",
  { timeout: 120_000 },
  () => {
    runCase(segmentationCases.rules12);
  },
);
