// The twenty-seventh pass's rules (answers that are words; docs/segmentation-eval.md,
// docs/annotation-guide.md), one short hand-written example each: every one of them read
// differently before its rule. The pass's development data: the real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMarkers } from '../../../server/src/trace/markers.js';
import { defaultMarkers } from '../../../server/src/trace/options.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { values } from './segmentRuleHelpers.js';

test('a weekday asked for is read after an answer cue and in a concluding clause', () => {
  const q = 'Today is Monday. What day of the week will it be 10 days from now?';
  assert.ok(analyzeQuestion(q).words);
  const body =
    '10 = 7 × 1 + 3, so count 3 from Monday: Tuesday (1), Wednesday (2), Thursday (3).\n\nSo the day 10 days from now is a Thursday.\n\nWait, let me check with 7 days: Monday again, plus 3 is Thursday. The answer should be Thursday.';
  assert.deepEqual(values(q, body), ['Thursday', 'Thursday']);
});

test('a yes-or-no question is answered by "yes" or "no" given as the answer', () => {
  const q = 'Is 91 a prime number?';
  assert.ok(analyzeQuestion(q).words);
  assert.equal(analyzeQuestion('What is 91 + 2?').words, undefined);
  const body = '91 is odd, and 91 ÷ 7 = 13 exactly.\n\nTherefore no: 91 is not prime.';
  assert.deepEqual(values(q, body), ['no']);
  assert.deepEqual(values('Is 97 prime? Answer yes or no.', 'No divisor up to 9 divides 97.\n\n**Answer:** Yes, 97 is prime.'), ['Yes']);
});

test('a name the question offers, asked "who", is read where it is concluded', () => {
  const q =
    'Ana and Ben take turns removing 1 to 3 coins from a pile of 20 coins; whoever takes the last coin wins. Ana moves first. Who wins with perfect play?';
  const body = 'The losing positions are the multiples of 4, and 20 is one of them.\n\nTherefore the winner is Ben.';
  assert.deepEqual(values(q, body), ['Ben']);
  // A name opening the question counts when the question writes it again.
  assert.deepEqual(values(q, 'Ana takes 2 first, leaving 18, and then mirrors.\n\nSo Ana wins.'), ['Ana']);
});

test('a labelled item ("Plan B") asked "which" is read by its letter', () => {
  const q = 'Plan A costs $10 a month plus 5¢ per minute and Plan B is a flat $30 a month. For 300 minutes, which plan is cheaper?';
  const body = '- Plan A: $10 + 300 × $0.05 = $25.00\n- Plan B: $30.00\n\nSo the cheaper plan is Plan A.\n\n**Answer:** Plan A';
  assert.deepEqual(values(q, body), ['A']);
});

test('where several options may be right, one letter given as the answer is the set of one', () => {
  const q = 'Which of the following statements are correct? (A) 2 + 2 = 5. (B) 9 is prime. (C) 10 is even. (D) 7 > 8.';
  assert.equal(analyzeQuestion(q).multiSelect, true);
  const body = 'A is false, B is false (9 = 3 × 3), C is true, D is false.\n\n**Answer:** C';
  assert.deepEqual(values(q, body), ['C']);
});

test('where the answer is a word, a number is a step: no number concludes, not even the last one', () => {
  const q = 'Is 91 a prime number?';
  // Cut off before any answer: its last computation is no candidate.
  assert.deepEqual(values(q, '√91 ≈ 9.5, so I only need primes up to 7.\n- 91 ÷ 3 ≈ 30.33\n- 91 ÷ 7 = 13 exactly'), []);
});

test('"yes" or "no" opening a sentence that restates the question\'s claim is the answer; "Yes, that seems right" is not', () => {
  const q = 'Is 97 prime? Answer yes or no.';
  const body = 'None of 2, 3, 5, 7 divides 97.\n\nYes, 97 is prime.\n\nYes, that seems right.';
  assert.deepEqual(values(q, body), ['Yes']);
});

test('"That lands on a Friday": where a count of days ends is its result', () => {
  const q = 'Today is Friday. What day of the week was it 14 days ago?';
  assert.deepEqual(values(q, '14 = 7 × 2, a whole number of weeks.\n\nThat lands on a Friday.'), ['Friday']);
});

test('where several options may be right, "the only correct statement is D" and "The true ones are ABC" commit a set', () => {
  const q = 'Which of the following statements are correct? (A) 2 + 2 = 5. (B) 9 is prime. (C) 10 is odd. (D) 7 < 8.';
  assert.deepEqual(values(q, 'A, B and C are false; D holds.\n\nSo the only correct statement is D.'), ['D']);
  assert.deepEqual(values(q, 'Checking each: A, B and C fail, D holds.\n\nThe true ones are D.\n\n**Answer:** D'), ['D']);
  const q2 = 'Which of the following statements are correct? (A) 2 + 2 = 4. (B) 9 is odd. (C) 10 is even. (D) 7 > 8.';
  assert.deepEqual(values(q2, 'A, B and C hold; D fails.\n\nThe true ones are ABC.'), ['ABC']);
  assert.deepEqual(values(q2, 'A, B and C hold; D fails.\n\n**Answer:** A, B, C'), ['A, B, C']);
});

test('a gaokao question\'s options right after its bracketed blank ("为（　　）A．…") are its options', () => {
  const q = '已知复数 $z$ 满足 $z(1+i)=2$，则 $z$ 的实部为（　　）A．$-1$　　B．$1$　　C．$2$　　D．$0$';
  assert.equal(analyzeQuestion(q).optionOf?.get('1'), 'b');
  const body = '$z=\\dfrac{2}{1+i}=1-i$，所以 $z$ 的实部为 $1$，故选 B。';
  assert.deepEqual(values(q, body), ['B']);
});

test('Chinese decisions ("等等，", "不对，", "再检查一下", "用另一种方法") are markers; "等等" for "and so on" and "不对称" are not', () => {
  const found = compileMarkers(defaultMarkers)
    .findAll('所以 S=9。\n等等，方差应除以 5。不对，再算一遍。我再检查一下题意。用另一种方法验证：1, 2, 3 等等。图形不对称。')
    .map((m) => m.phrase);
  assert.deepEqual(found, ['等等，', '不对，', '再算一遍', '再检查一下', '用另一种方法']);
  const q = '一组数据 10，3，3，7，7 的方差为______。';
  // The corrected value after "等等，" is a new candidate; before the rule the two merged into one attempt.
  const body = '平均数为 6，所以 $s^2=\\frac{1}{4}\\times 36=9$。\n等等，方差应除以 5，所以 $s^2=\\frac{36}{5}=7.2$。';
  assert.deepEqual(values(q, body), ['9', '7.2']);
});

test('where the question asks for all solutions, their list is one answer; complex conjugates may be written with ±', () => {
  const q = 'Find all real solutions of $x^3 - 2x^2 - 13x - 10 = 0$. Enter all the solutions, separated by commas.';
  const body =
    'Trying x = -1: -1 - 2 + 13 - 10 = 0, so (x + 1) is a factor, leaving x^2 - 3x - 10 = (x - 5)(x + 2).\nTherefore, the solutions are -2, -1, 5.';
  assert.deepEqual(values(q, body), ['-2, -1, 5']);
  const q2 = 'Find all complex solutions of $x^2 + 8x + 25 = 0$.';
  const body2 =
    'By the quadratic formula, $x = \\frac{-8 \\pm \\sqrt{64 - 100}}{2} = \\frac{-8 \\pm 6i}{2}$.\nSo the answer is $-4 \\pm 3i$.';
  assert.deepEqual(values(q2, body2), ['-4 \\pm 3i']);
});

test('"comes out to" states a result as "comes to" does', () => {
  const q = 'Find the remainder when $1^3 + 2^3 + \\cdots + 10^3$ is divided by 1000.';
  const body = 'The sum of cubes is (10 · 11 / 2)^2 = 55^2 = 3025.\n\nOkay, so the remainder comes out to 25.';
  assert.deepEqual(values(q, body), ['25']);
});

test('"I pick B." and "which is option D. OK" choose an option though a sentence follows the letter', () => {
  const q = '下列函数中，既是奇函数又在其定义域内单调递增的是（ ）A．$y=x^2$ B．$y=x^3$ C．$y=x+1$ D．$y=2^x$';
  assert.deepEqual(values(q, 'y=x^3 is both odd and increasing, so I pick B. That makes sense.'), ['B']);
  assert.deepEqual(values(q, 'Only y=x^3 is odd and increasing, which is option B. OK.'), ['B']);
});

test("an inequality's solution set is read as intervals; a set of solutions in braces is one answer", () => {
  const q = 'Solve the inequality $x^2 - 4 \\ge 0$.';
  const body = 'The roots are -2 and 2, and the parabola opens upward.\nSo the solution set is (-∞, -2] ∪ [2, ∞).';
  assert.deepEqual(values(q, body), ['(-∞, -2] ∪ [2, ∞)']);
  const q2 = 'Find all real solutions of $x^3 - 4x^2 + x + 6 = 0$. Enter all the solutions, separated by commas.';
  assert.deepEqual(values(q2, 'x = -1 is a root, and the rest factors as (x - 2)(x - 3).\n\nThe final answer is **{-1, 2, 3}**.'), [
    '{-1, 2, 3}',
  ]);
});
