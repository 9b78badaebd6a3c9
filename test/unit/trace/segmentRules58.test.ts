// The fifty-eighth pass's rules (docs/segmentation-eval.md "Stop 31: pass 58"): answers of a shape
// other than one number (docs/annotation-guide.md "Answers that are not a single number"): dates and
// clock times, inequalities and intervals, sets and lists, tuples, expressions (58a, shapes.ts via
// QuestionInfo.typed), and the equivalence of their notations (58b). The questions and responses
// are written for this test, with the cases the rules must leave alone (a numeric question whose
// working holds the same shapes, a value in the middle of working, an article "a").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersEqual, normalizeAnswer } from '../../../server/src/trace/answers.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string): string[] => read(query, body).attempts.map((a) => a.candidate.value);

test('58a: a date or a clock time is read where the question asks for one', () => {
  const q = 'Which date falls 30 days after June 10, 2024?';
  assert.notEqual(analyzeQuestion(q).typed, undefined);
  assert.deepEqual(
    rules(
      q,
      'June has 30 days, so 20 days remain in June. 30 - 20 = 10, so it is July 11.\n\nWait, June 10 + 20 days is June 30, then 10 more days: July 10. So the answer is July 10, 2024.',
    ),
    ['July 11', 'July 10, 2024'],
  );
  assert.deepEqual(rules(q, 'Counting on 30 days from 10 June lands on 10 July 2024.\n\nAnswer: 10 July 2024'), ['10 July 2024']);
  const t = 'A film starts at 9:50 PM and runs 1 hour 45 minutes. What time does it end?';
  // "23:35 (11:35 PM)": the time with its gloss; the number rules read "23" alone before.
  assert.deepEqual(rules(t, '9:50 PM + 1:45 is 11:35 PM.\n\nFinal answer: 23:35 (11:35 PM)'), ['23:35']);
});

test('58a: a numeric question whose working holds times and dates reads its number as before', () => {
  const q = 'A meeting runs from 9:15 to 11:40. How many minutes long is it?';
  assert.equal(analyzeQuestion(q).typed, undefined);
  assert.deepEqual(rules(q, 'From 9:15 to 11:15 is 120 minutes, and to 11:40 is 25 more. So the meeting is 145 minutes long.'), ['145']);
});

test('58a: an inequality or an interval is read where the question asks for one', () => {
  const q = 'Solve the inequality 3x + 2 < 11.';
  const s = read(q, 'Subtract 2: 3x < 9. Divide by 3, a positive number: x < 3.\n\nANSWER: x < 3');
  assert.equal(s.attempts[0]?.candidate.value, 'x < 3');
  assert.equal(s.final?.value, 'x < 3');
  const d = 'What is the domain of g(x) = \\sqrt{x - 5}?';
  assert.deepEqual(rules(d, 'We need x - 5 \u2265 0, i.e. x \u2265 5.\n\nIn interval notation the domain is [5, \u221e).'), ['x \u2265 5']);
  // The working's "3x < 9" (a coefficient before the letter) is no solution stated.
  assert.deepEqual(rules(q, 'Subtract 2: 3x < 9.'), []);
});

test('58a: a set or a list is read where the question asks for all the values', () => {
  const q = 'List all positive divisors of 18.';
  assert.deepEqual(rules(q, '18 = 2 \u00d7 3^2, so there are 6 divisors.\n\nSo the divisors are 1, 2, 3, 6, 9, 18.'), [
    '1, 2, 3, 6, 9, 18',
  ]);
  const r = 'Find all real roots of x^2 - 4 = 0.';
  assert.deepEqual(rules(r, 'x^2 = 4, so x = 2 or x = -2. So the solution set is {-2, 2}.'), ['{-2, 2}']);
  // A question for their sum reads the sum.
  assert.deepEqual(rules('What is the sum of all positive divisors of 18?', 'The divisors are 1, 2, 3, 6, 9, 18. So the sum is 39.'), [
    '39',
  ]);
});

test('58a: a tuple is read where the question asks for a cross product or an intersection point', () => {
  const q = 'Compute the cross product of (0, 1, 0) and (0, 0, 1).';
  assert.deepEqual(rules(q, 'j \u00d7 k = i, so the cross product is (1, 0, 0).\n\nFinal answer: (1, 0, 0)'), ['(1, 0, 0)']);
  const m = 'Find the midpoint of the segment from (2, 4) to (6, 0).';
  assert.deepEqual(rules(m, 'Average the coordinates: ((2 + 6)/2, (4 + 0)/2). So it is (4, 2).'), ['(4, 2)']);
});

test('58a: an expression is read where the question asks for one, not a lone letter', () => {
  const q = 'Simplify (a^2 - 1)/(a + 1).';
  assert.deepEqual(rules(q, 'Factor the top: (a - 1)(a + 1). Cancel a + 1.\n\n#### a - 1'), ['a - 1']);
  const d = 'Find the derivative of g(t) = t^3 + 5t.';
  assert.deepEqual(rules(d, "By the power rule, g'(t) = 3t^2 + 5.\n\nThe answer is 3t^2 + 5"), ['3t^2 + 5']);
  // "a" the article after an answer cue is no expression.
  assert.deepEqual(rules(q, 'The answer is a simple one.'), []);
  // A question for the derivative's value at a point asks for a number.
  assert.equal(analyzeQuestion('Find the derivative of t^3 + 5t at t = 1.').typed, undefined);
});

test('58b: the same shaped value in another notation is the same value', () => {
  assert.ok(answersEqual('1:20 PM', '13:20'));
  assert.ok(answersEqual('13:20 (1:20 PM)', '1:20 p.m.'));
  assert.ok(answersEqual('08:05 a.m.', '8:05'));
  assert.ok(!answersEqual('8:05 PM', '8:05'));
  assert.ok(answersEqual('n\u00b2 + 1', 'n^2 + 1'));
  assert.ok(answersEqual('\\cos x - x\\sin x', 'cos(x) - x sin(x)'));
  assert.ok(answersEqual('t \u2208 [0, 2]', '[0, 2]'));
  assert.ok(answersEqual('x \\in (1, \\infty)', 'x > 1'));
  assert.ok(answersEqual('72 km/h', '72'));
  assert.ok(answersEqual('3.5 hours', '3.5'));
  assert.ok(answersEqual('12 cm^2', '12'));
  // Not units: a variable, a word of the working.
  assert.equal(normalizeAnswer('2 x'), '2x');
  // (Stop 36: a count noun after a number is the number, as GSM8K's graders read "18 cookies".)
  assert.equal(normalizeAnswer('5 apples'), '5');
  assert.ok(!answersEqual('x + 3', '3'));
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('58: the shaped patterns on runs of 4000 of their pieces: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules58);
});

test('58d: an expression concluded about what the question names, at its chain end', () => {
  const q = 'Find a closed-form expression for the sum of the first n even numbers.';
  const s = read(
    q,
    'Each term is 2k, so the sum is n(n + 1) = n^2 + n.\n\nCheck n = 2: 2 + 4 = 6 and 4 + 2 = 6. So the closed form is n^2 + n.',
  );
  // The chain's middle, "n(n + 1)", is not read; its end is.
  assert.equal(s.attempts[0]?.candidate.value, 'n^2 + n');
  assert.equal(s.final?.value, 'n^2 + n');
  // A step of the working that names nothing asked ("so we get u + 1") stays weak.
  const d = 'Find the derivative of h(x) = (x^2 + 1)^3.';
  assert.deepEqual(
    rules(d, "Let u = x^2 + 1, so we get u + 1 as a check of the inner part.\n\nBy the chain rule, so h'(x) = 6x(x^2 + 1)^2."),
    ['6x(x^2 + 1)^2'],
  );
});

test('58e: two expressions in one letter that are the same function are the same value', () => {
  assert.ok(answersEqual('t(t - 2) + 1', 't^2 - 2t + 1'));
  assert.ok(answersEqual('(y + 1)^2', 'y^2 + 2y + 1'));
  assert.ok(answersEqual('3x\\cos x', '3 x cos(x)'));
  assert.ok(answersEqual('k/2 + k/2', 'k'));
  // Different functions, other letters, and numbers are not.
  assert.ok(!answersEqual('t^2 - 2t + 1', 't^2 - 2t'));
  assert.ok(!answersEqual('2^m', 'm^2'));
  assert.ok(!answersEqual('p + q', 'q + p + 0*r'));
  assert.ok(!answersEqual('x', 'y'));
  // An expression read as the first candidate matches the same answer written expanded later.
  const q = 'Find a closed-form expression for the sum of the first n even numbers.';
  const s = read(q, 'So the sum is n(n + 1).\n\nCheck n = 3: 2 + 4 + 6 = 12 = 9 + 3. So the closed form is n^2 + n.');
  assert.ok(s.attempts.every((a) => answersEqual(a.candidate.value, 'n^2 + n')));
});
