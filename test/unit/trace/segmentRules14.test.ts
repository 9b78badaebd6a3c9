// The fourteenth pass's rules (docs/segmentation-eval.md), one short hand-written example each: every
// one of them read differently before its rule. The pass's one target is the first candidate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record, values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases, QUESTION_14 } from '../../../bench/adversarial.js';

test('the asked noun is narrowed where the question asks ("what is the perimeter, in inches, of the regular hexagon?"), not where a given names it', () => {
  const q =
    'A regular hexagon can be divided into six equilateral triangles. If the perimeter of one of the triangles is 21 inches, what is the perimeter, in inches, of the regular hexagon?';
  assert.deepEqual(analyzeQuestion(q).nounOf?.get('perimeter'), ['regul', 'hexag']);
  const body =
    'The perimeter of one triangle is 21 inches, so each side of the triangle is 21/3 = 7 inches. Hmm, how do these triangles sit in the hexagon?\n\nEach side of the hexagon is a side of one triangle, so the perimeter of the hexagon is 6 * 7 = 42 inches.';
  // Before the rule the sentence about the triangle's perimeter named the asked one: 7 was a first candidate.
  assert.deepEqual(values(q, body), ['42']);
  // The given's perimeter is still no qualifier when the question asks with one occurrence only.
  assert.deepEqual(analyzeQuestion('What is the perimeter of the square?').nounOf?.get('perimeter'), ['squar']);
  // A given named again after the asking word narrows nothing it does not narrow there.
  assert.deepEqual(analyzeQuestion('If the area of the square is 9, what is the area of the circle?').nounOf?.get('area'), ['circl']);
  // A statement of the asked perimeter itself is still about it.
  assert.deepEqual(values(q, 'Six sides of 7 inches each: the perimeter of the regular hexagon is 42 inches.'), ['42']);
});

test('a compound of two asked nouns ("the units digit of the sum") is narrowed after its second word: "the units digit of 2^{2023}" is a sub-result', () => {
  const q = 'Each row is formed from the one above it. What is the units digits of the sum of the 2023 numbers in the 2023rd row?';
  assert.deepEqual(analyzeQuestion(q).nounOf?.get('unit'), ['sum']);
  const body =
    'The sum of row n is 2^n - n. Since 2023 = 4 * 505 + 3, the units digit of 2^{2023} is the same as that of 2^3, which is 8.\n\nNext, the units digit of 2023 is 3.\n\nSo the units digit of the sum is 8 - 3 = 5.\n\nWait, let me double-check that: 2^n - n for n = 3 is 5, fine. So the units digit of the sum is 5.';
  // Before the rule "the units digit of 2^{2023} ... is 8" named the asked units digit: a first candidate 8.
  assert.ok(!values(q, body).includes('8'));
  assert.equal(values(q, body)[0], '5');
  // A units digit asked of nothing in particular is still named by any units digit.
  const bare = 'What is the units digit?';
  assert.equal(analyzeQuestion(bare).nounOf?.get('unit'), undefined);
  // Nouns that are not both asked do not make a compound: "the sum digits of" keeps "sum" narrowed by its own "of".
  assert.deepEqual(analyzeQuestion('What is the sum of the digits of 2023?').nounOf?.get('sum'), ['digit']);
});

test('in a list of assignments ("a=2, b=3, c=π, d=1") each value has its own left side: "d=1" is not the asked c', () => {
  const q =
    'The graph of $y = a \\sin (bx + c) + d$ has its midline at height 1 for positive constants $a,$ $b,$ $c,$ and $d.$ Find the smallest possible value of $c.$';
  const body =
    'We need the smallest possible value of c. The drawn graph suggests a=2, b=3, c=π, d=1\n\nBut the shift could be different; let me think. The graph crosses the midline going down at x = 0, so c = π + 2πk, and the smallest positive c is π.\n\nSo the smallest possible value of c is π.';
  // Before the rule "d=1" took the line\'s first left side, which named the asked smallest value: a first candidate 1.
  assert.ok(!values(q, body).includes('1'));
  const listed = segmentAttempts(record(q, body), defaultSegmentOptions).statements.find((st) => st.value === '1');
  assert.ok(listed !== undefined && listed.strength < 3);
  // A chain keeps its first left side: "the smallest value = 2 * 3 = 6" states it.
  const chain = 'We need the smallest value of n. So the smallest value = 2 * 3 = 6.\n\nHmm, let me think again about n.';
  assert.deepEqual(values('Find the smallest value of n.', chain), ['6']);
  // A value before a sentence is no list: "= 4605800. Okay. Finally, 4605800 + 1710 = 4607510" still reads its line.
  const s = segmentAttempts(
    record('Calculate 570 * 8083.', 'Partial products: 4560000 + 45800 = 4605800. Okay. Finally, 4605800 + 1710 = 4607510.'),
    defaultSegmentOptions,
  );
  assert.ok(s.statements.some((st) => st.value === '4607510'));
});

test('a conclusion naming the asked noun only of something else ("the sum of the remaining numbers is 12" for the sum of the squares) is a sub-result, not a candidate', () => {
  const q = 'The sum of the items in a list is $30$ and its unique mode is $9$. Find the sum of the squares of all the items in the list.';
  const body =
    'Suppose 9 appears twice. Then the 9s add to 18, so the sum of the remaining numbers is 30 - 18 = 12.\n\nWait, the median must not be in the list. Now the sum is a + b + 9 + 9 = 30, hence a + b = 12.\n\nWait, with a = 5 and b = 7 the list is 5, 7, 9, 9 and the sum of the squares is 25 + 49 + 81 + 81 = 236.\n\nSo the answer is 236.';
  const s = segmentAttempts(record(q, body), defaultSegmentOptions);
  // Before the rule the remaining numbers' sum was a first candidate, taken with the later 12s.
  assert.ok(!s.attempts.some((a) => a.candidate.start === body.indexOf('30 - 18 = 12') + 10));
  assert.equal(s.attempts.at(-1)!.candidate.value, '236');
  // The asked noun named of the asked thing still concludes it.
  const own = 'Suppose the list is 5, 7, 9, 9. Then the sum of the squares is 25 + 49 + 81 + 81 = 236.\n\nWait, is 9 the unique mode? Yes.';
  assert.deepEqual(values(q, own), ['236']);
  // A question that does not narrow its noun ("Find the sum.") has no other sum.
  const bare = segmentAttempts(
    record('The items are 5, 7, 9 and 9. Find their sum.', 'So the sum of the remaining numbers is 30.'),
    defaultSegmentOptions,
  );
  assert.ok(!bare.statements.some((st) => st.ofOther));
});

test('for a question asking a number of minutes, "= 2.4 hours" is a quantity in other units, not the asked one', () => {
  const q =
    'When she walks at s + 2 kilometers per hour, the walk takes her 2 hours and 24 minutes, including $t$ minutes spent in the coffee shop. Find the number of minutes the walk takes her at 3 kilometers per hour, including the $t$ minutes spent in the coffee shop.';
  const body =
    'Scenario 2:\n\n- Total time: walk time + t minutes = 9/(s + 2) + t/60 = 2.4 hours\n\nSolving gives s = 2.5 and t = 24.\n\nTotal time: walk time + t minutes = 3 hours + 24 minutes = 180 + 24 = 204 minutes\n\nWait, let me double-check the first scenario: 9/2.5 = 3.6 hours, plus 0.4 hours, is 4 hours. Good.\n\nTotal time: walk time + t minutes = 204 minutes';
  // Before the rule the given 2.4 hours was a first candidate: its line names the minutes.
  assert.deepEqual(values(q, body)[0], '204');
  const s = segmentAttempts(record(q, body), defaultSegmentOptions);
  assert.ok(s.statements.every((st) => st.value !== '2.4' || st.strength < 3));
  // In the asked unit the same line is about the asked quantity.
  const same = segmentAttempts(record(q, 'Total time: walk time + t minutes = 180 + 24 = 204 minutes'), defaultSegmentOptions);
  assert.ok(same.statements.some((st) => st.value === '204' && st.strength >= 3));
  // A question asking hours keeps "= 2.4 hours".
  const hours = segmentAttempts(
    record('Find the number of hours the walk takes.', 'Total time in hours = 2 + 0.4 = 2.4 hours'),
    defaultSegmentOptions,
  );
  assert.ok(hours.statements.some((st) => st.value === '2.4' && st.strength >= 3));
});

test('an equation of a value the question quotes, set as a condition ("find A such that the sum ... = 2024"), restates the question', () => {
  const q =
    "Bob lists all finite nonempty sets $B$ of positive integers whose maximum element belongs to $A$. Bob's list has 2024 sets. Find the sum of the elements of A.";
  const body =
    'Each a in A contributes 2^{a-1} sets. I need to find A such that sum_{a in A} 2^{a-1} = 2024.\n\nWait, how do I split it? In binary 2024 = 11111101000, so A = {4, 6, 7, 8, 9, 10, 11} and the sum is 55.\n\nWait, let me check: 8 + 32 + 64 + 128 + 256 + 512 + 1024 = 2024. Yes. So the sum is 55.';
  const s = segmentAttempts(record(q, body), defaultSegmentOptions);
  // Before the rule the quoted 2024 was a first candidate: an equation whose left side names the sum.
  assert.equal(s.attempts[0].candidate.value, '55');
  assert.ok(s.statements.some((st) => st.value === '2024' && st.tentative));
  // Without a condition word, the same equation of a quoted value stays a statement as before.
  const plain = segmentAttempts(record(q, 'The sum = 2024.'), defaultSegmentOptions);
  assert.ok(plain.statements.some((st) => st.value === '2024' && !st.tentative));
  // A value the question does not quote is not touched: "We need the sum = 55" still states 55.
  const own = segmentAttempts(record(q, 'We need the sum = 55.'), defaultSegmentOptions);
  assert.ok(own.statements.some((st) => st.value === '55' && !st.tentative));
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test(
  "the fourteenth pass's patterns on 100 KB adversarial bodies built from their own pieces: segmentation completes",
  { timeout: 120_000 },
  () => {
    assert.ok(analyzeQuestion(QUESTION_14).nouns.length > 0);
    runCase(segmentationCases.rules14);
  },
);
