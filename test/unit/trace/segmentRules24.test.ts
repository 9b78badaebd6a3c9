// The twenty-fourth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets (precision: the candidates annotators did not mark) and the
// dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { values } from './segmentRuleHelpers.js';

test('a noun the question writes of two quantities ("the sum of the items is 30 ... the sum of the squares") names the asked one only narrowed', () => {
  const q =
    'A list of positive integers has the following properties: the sum of the items in the list is 30, the unique mode of the list is 9, and the median is a positive integer that does not appear in the list. Find the sum of the squares of all the items in the list.';
  assert.deepEqual([...(analyzeQuestion(q).nounShared ?? [])], ['sum']);
  const body =
    'If 9 appears twice, that accounts for 18 of the sum. So, the remaining sum is 30 - 18 = 12.\n\nWait, the other numbers must be distinct. Take 5 and 7: the median is 8, which is not in the list. Sum is 5 + 7 + 9 + 9 = 30.\n\nSo the sum of the squares is 25 + 49 + 81 + 81 = 236.';
  // Before the rule "the remaining sum" and "Sum is" named the asked sum: 12 and the question's 30 were attempts.
  assert.deepEqual(values(q, body), ['236']);
  // A question that writes the noun once: the bare noun still names the asked quantity.
  const once = 'A list of positive integers is 5, 7, 9, 9. Find the sum of the squares of all the items in the list.';
  assert.equal(analyzeQuestion(once).nounShared, undefined);
  assert.deepEqual(values(once, 'The squares are 25, 49, 81 and 81.\n\nSo the sum is 25 + 49 + 81 + 81 = 236.'), ['236']);
});

test('a value that ends a relative clause of the asked noun ("the number of triples where at least one variable is 100") is a condition, not the count', () => {
  const q =
    'Find the number of triples of nonnegative integers $(a,b,c)$ satisfying $a + b + c = 300$ and $a^2b + a^2c + b^2a + b^2c + c^2a + c^2b = 6,000,000$.';
  const body =
    'The condition factors as $(a - 100)(b - 100)(c - 100) = 0$. Therefore, the number of triples we want is the number of triples where at least one variable is 100.\n\nWait, let me count them. With $a = 100$ there are 201 choices, and so for $b$ and $c$; inclusion-exclusion gives $3 \\cdot 201 - 3 + 1 = 601$.\n\nSo the number of triples is 601.';
  // Before the rule the sentence's "number of triples" made 100 a conclusion about the asked count.
  assert.deepEqual(values(q, body), ['601']);
  // The asked noun's own copula after the clause still concludes it.
  assert.deepEqual(
    values(
      'How many positive integers less than 100 are multiples of 7?',
      'The multiples are 7, 14, ..., 98, one for each of 1 to 14.\n\nSo the number of positive integers such that 7 divides them is 14.',
    ),
    ['14'],
  );
});

test('a LaTeX operator ("\\sum_{a \\in A} 2^{a-1} = 2024") does not name the asked noun ("the sum of the elements of A")', () => {
  const q =
    "Alice chooses a set $A$ of positive integers. Then Bob lists all finite nonempty sets $B$ of positive integers with the property that the maximum element of $B$ belongs to $A$. Bob's list has 2024 sets. Find the sum of the elements of A.";
  const body =
    'For each a in A there are 2^{a-1} sets B with maximum a. So, we have:\n\n\\[\n\\sum_{a \\in A} 2^{a-1} = 2024\n\\]\n\nWait, 2024 in binary is 11111101000, so A = {4, 6, 7, 8, 9, 10, 11}.\n\nSo the sum of the elements of A is 4 + 6 + 7 + 8 + 9 + 10 + 11 = 55.';
  // Before the rule "\\sum" named the asked sum: the question's 2024 was an attempt.
  assert.deepEqual(values(q, body), ['55']);
});

test('"I need to find ..., add 1 to each exponent" is a plan, not a conclusion; "the club needs to sell 39 tickets" still concludes', () => {
  const q =
    "Alice chooses a set $A$ of positive integers. Then Bob lists all finite nonempty sets $B$ of positive integers with the property that the maximum element of $B$ belongs to $A$. Bob's list has 2024 sets. Find the sum of the elements of A.";
  const body =
    'So, to find the sum of the elements of A, I need to find the binary representation of 2024, identify the exponents, add 1 to each exponent to get the elements, and then sum them.\n\nWait, let me write 2024 in binary first: it is 11111101000, with ones in positions 10, 9, 8, 7, 6, 5 and 3.\n\nSo the sum of the elements of A is 11 + 10 + 9 + 8 + 7 + 6 + 4 = 55.';
  // Before the rule "need" was read as a copula and 1 concluded the plan's sentence about the asked sum.
  assert.deepEqual(values(q, body), ['55']);
  assert.deepEqual(
    values(
      'A club needs to raise $2,600 selling tickets at $66 each. What is the minimum number of tickets it must sell?',
      'We need 66 × n ≥ 2,600, and 2,600 / 66 is about 39.39, so 39 tickets bring in $2,574, not enough. So the club needs to sell 40 tickets.',
    ),
    ['40'],
  );
});

test('a box that gives an option\'s value and its letter in brackets ("\\boxed{-\\frac{1}{21}\\text{（选A）}}") gives that option', () => {
  const q =
    'Choose a point uniformly from the 63 points of U other than P(1,1,1), where U is the set of 64 points with coordinates in {-2,-1,1,2}. What is the expected value of the sum of its coordinates? A. -\\frac{1}{21} B. -\\frac{1}{63} C. 0 D. \\frac{1}{21}';
  const body =
    'The 64 points have coordinate sum 0 in total, and P has sum 3, so the 63 others sum to -3 and the mean is -3/63 = -1/21. That is option A.\n\nWait, let me make sure the sample space excludes P. Yes, the complement of P in U has 63 points.\n\nI will write the final line as \\boxed{-\\frac{1}{21}\\text{（选A）}}.';
  // Before the rule the box was a value of its own, not option A: a second candidate.
  assert.deepEqual(values(q, body), ['A']);
});
