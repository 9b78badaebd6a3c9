// The twenty-ninth pass's rules (docs/segmentation-eval.md "Stop 27: pass 29"), one short
// hand-written example each, with what each rule must leave as it was. The pass's development
// data: the real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

/** Each candidate's value and where it starts. */
function read(query: string, body: string): [string, number][] {
  return segmentAttempts(record(query, body), defaultSegmentOptions).attempts.map((a) => [a.candidate.value, a.candidate.start]);
}

test('29a: a value after a strict inequality sign is a bound, not a value stated', () => {
  const q = 'Positive reals a and b, both greater than 1, satisfy $a^2 b^2 = 400$. Find $ab$.';
  const body =
    'Taking the square root, b = 20/a.\n\nSo, since b = 20/a and b > 1, that implies a < 20. But a > 1 too, so 1 < a < 20.\n\nNow I want ab without finding a and b. Since b = 20/a, then ab = a * 20/a = 20.\n\nWait, is that really it? It seems too easy. Let me check with a = 4: b = 5, and ab = 4 * 5 = 20.\n\nSo ab = 20.';
  // Before the rule the first candidate was the bound "a < 20".
  assert.deepEqual(read(q, body), [
    ['20', body.indexOf('= 20.\n\nWait') + 2],
    // The check recomputes it (an echo); "So ab = 20." restates the echo.
    ['20', body.indexOf('4 * 5 = 20') + 8],
  ]);
});

test('29a: a range "from A to B" bounds a variable; it states no value', () => {
  const q = 'How many positive perfect squares below 300 are multiples of 4?';
  const body =
    'The squares are (2k)^2 = 4k^2 with 4k^2 < 300, so k^2 < 75. Since 8^2 = 64 and 9^2 = 81, so k can be from -8 to 8.\n\nBut only positive squares count, and k and -k give the same square, so only the positive values of k count.\n\nSo there are 8 such squares.\n\nWait, let me list them: 4, 16, 36, 64, 100, 144, 196, 256. That is 8 squares, all below 300.\n\nSo the answer is 8.';
  // Before the rule the first candidate was the range's end, "from -8 to 8".
  assert.deepEqual(read(q, body), [
    ['8', body.indexOf('8 such')],
    ['8', body.lastIndexOf('8')],
  ]);
});

test('29a must not: an implication arrow and a change of a count still give results', () => {
  assert.deepEqual(
    read('What is 6 times 7 minus 2?', '6 * 7 = 42 => 42 - 2 => 40.\n\nSo the answer is 40.').map(([v]) => v),
    ['40'],
  );
  const q = 'A shop had 40 tickets and printed some more. How many tickets does it have now?';
  const body =
    'It printed 5 more, so the number of tickets went from 40 to 45.\n\nWait, let me re-check the printing log: one batch of 5. 40 + 5 = 45.\n\nSo the shop has 45 tickets now.';
  assert.deepEqual(
    read(q, body).map(([v]) => v),
    ['45'],
  );
});

const setQ = 'Let A = {1, 2, 3} and B = {2, 3, 4}. Which set is A ∩ B? A. {1, 2} B. {2, 3} C. {3, 4} D. {1, 4}';

test('29c: in a single-answer multiple-choice question, an option judged "Correct" in a list of the options is chosen', () => {
  const body =
    'The intersection holds the elements in both sets: 2 and 3.\n\nChecking the options:\n*   A. {1, 2} -> Incorrect (1 is not in B).\n*   B. {2, 3} -> Correct.\n*   C. {3, 4} -> Incorrect (4 is not in A).\n\nWait, let me look at 3 once more: it is in A and in B. Yes.\n\nSo the answer is B.';
  // Before the rule the list's verdict was an option described, and only "So the answer is B" concluded.
  assert.deepEqual(read(setQ, body), [['B', body.indexOf('B. {2, 3}')]]);
});

test('29c must not: a verdict asked, not given, or several options judged correct in a multi-select question', () => {
  const asked =
    'Checking the options:\n*   A. {1, 2} -> Correct? No, 1 is not in B.\n*   B. {2, 3} -> both elements are in A and B.\n\nSo the answer is B.';
  assert.deepEqual(read(setQ, asked), [['B', asked.lastIndexOf('B')]]);
  const multiQ =
    'Let A = {1, 2, 3} and B = {2, 3, 4}. Which of the following statements are correct? A. 2 is in A ∩ B B. 3 is in A ∩ B C. 4 is in A ∩ B D. 1 is in A ∩ B';
  const multi =
    'Checking each statement:\n*   A. 2 is in both -> Correct.\n*   B. 3 is in both -> Correct.\n*   C. 4 is not in A -> Incorrect.\n*   D. 1 is not in B -> Incorrect.\n\nSo the answer is AB.';
  assert.deepEqual(read(multiQ, multi), [['AB', multi.indexOf('AB')]]);
});

const diceQ =
  'Two fair dice are rolled. The probability that their sum is 11 is m/n, where m and n are relatively prime positive integers. Find $m + n$.';

test('29d: "m + n is 19" states the asked expression as "m + n = 19" does', () => {
  const body =
    'There are 36 outcomes, and the sum is 11 for (5, 6) and (6, 5): 2 outcomes. So the probability is 2/36 = 1/18, and m + n = 1 + 18 = 19.\n\nWait, let me make sure the outcomes are right. A sum of 11 needs a 5 and a 6, in either order, so there are exactly 2 of the 36 outcomes, and 2/36 reduces to 1/18. Since 1 and 18 are coprime, m + n is 19.\n\nBut let me double-check the count of outcomes once more.\n\nSo the answer is 19.';
  // The re-check's echo is where it concludes, "m + n is 19"; before the rule that sentence stated
  // nothing and the echo was placed at the closing restatement.
  assert.deepEqual(read(diceQ, body), [
    ['19', body.indexOf('= 19') + 2],
    ['19', body.indexOf('is 19') + 3],
  ]);
});

test('29d must not: a bare "yes" restating it merges; a value concluded nowhere else is not read', () => {
  const bare =
    'There are 36 outcomes and 2 of them sum to 11, so the probability is 1/18 and m + n = 1 + 18 = 19.\n\nWait, is that right? Yes, m + n is 19.\n\nSo the answer is 19.';
  assert.deepEqual(read(diceQ, bare), [['19', bare.indexOf('= 19') + 2]]);
  const other =
    'There are 36 outcomes and 2 of them sum to 11, so the probability is 1/18 and m + n = 1 + 18 = 19.\n\nWait, if n were 36, then m + n is 38, but 2/36 is not in lowest terms.\n\nSo the answer is 19.';
  assert.ok(!read(diceQ, other).some(([v]) => v === '38'));
  // An operand after "is" works the value out on the line: the result is the candidate.
  const worked = 'From the equations, y = 1 and x = 13.\n\nTherefore xy is 13 · 1 = 13.';
  assert.deepEqual(read('Suppose 6x + 2y = 80 and x − y = 12. What is $xy$?', worked), [['13', worked.lastIndexOf('13')]]);
});
