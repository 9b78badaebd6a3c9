// The third pass's segmentation rules (docs/segmentation-eval.md, "Third pass"), one short
// hand-written example each: every one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

/** The candidate answers (values, in order) of one record with this question and body. */
function candidates(query: string, body: string): string[] {
  return attempts(query, body).map((a) => a.value);
}

/** Each candidate's value, rule and offset in the body. */
function attempts(query: string, body: string): { value: string; rule: string; start: number }[] {
  const rec = parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
  return segmentAttempts(rec, defaultSegmentOptions).attempts.map((a) => ({
    value: a.candidate.value,
    rule: a.candidate.rule,
    start: a.candidate.start,
  }));
}

test('after a marker, a re-check that works on new numbers in words is new work: an echo', () => {
  const body = [
    'The smallest cube that is a multiple of 3 is 27, so 27 is the answer.',
    'But wait, is there a smaller one? The cubes are 1, 8, 27, 64, 125 and only 27 is a multiple of 3 below 100.',
    'So 27 is the answer.',
  ].join('\n');
  assert.deepEqual(candidates('What is the smallest positive perfect cube that is a multiple of 3?', body), ['27', '27']);
  // Quoting nothing new ("Yes, 27 is right") stays one candidate.
  assert.deepEqual(
    candidates(
      'What is the smallest positive perfect cube that is a multiple of 3?',
      'So 27 is the answer.\nWait, let me double-check. Yes, 27 is the answer.',
    ),
    ['27'],
  );
});

test('the last item of an enumeration is listed, not concluded', () => {
  const body = 'Four-digit numbers: we have 2000, 2020, 2200, 2220.\nOnly 2220 has a digit sum divisible by 3, so the answer is 2220.';
  const got = attempts('What is the least multiple of 30 written with only the digits 0 and 2?', body);
  assert.deepEqual(
    got.map((a) => a.value),
    ['2220'],
  );
  assert.equal(got[0].start, body.lastIndexOf('2220'), 'the answer, not the list');
});

test('"even if" concedes a case; it does not try a value', () => {
  const body = 'So, even if we allow negative integers, the smallest cube is still 27.\nThus \\boxed{27}.';
  assert.deepEqual(
    attempts('What is the smallest positive perfect cube that is the sum of three consecutive integers?', body).map((a) => a.rule),
    ['conclusion'],
  );
});

test('a bound is not a value stated ("between 0 and 90", "at least 1 + 2 + 3 = 6")', () => {
  const body = [
    'The angle between two lines is between 0 and 90 degrees.',
    'The direction vectors are (3, 2, -6) and (2, -12, -3); their dot product is 6 - 24 + 18 = 0.',
    'So the angle is 90 degrees.',
  ].join('\n');
  assert.deepEqual(candidates('Find the angle between these lines, in degrees.', body), ['90']);
  const sum =
    'So 1 is too small, because the sum of three positive integers would be at least 1 + 2 + 3 = 6\nThe smallest cube that works is 27.';
  assert.deepEqual(candidates('What is the smallest positive perfect cube that is the sum of three consecutive positive integers?', sum), [
    '27',
  ]);
});

test('a value as the subject after "So indeed" / "So, it seems that" is concluded', () => {
  const body = 'Only multiples of 3 work.\nSo indeed 2220 is the smallest.';
  assert.deepEqual(
    attempts('What is the least multiple of 30 written with only the digits 0 and 2?', body).map((a) => `${a.value} ${a.rule}`),
    ['2220 conclusion'],
  );
  const seems = 'So, it seems that 27 is indeed the smallest.';
  assert.deepEqual(
    attempts('What is the smallest positive perfect cube that is the sum of three consecutive integers?', seems).map((a) => a.rule),
    ['conclusion'],
  );
});

test('a root in plain text is a value', () => {
  const body = '36 + 81 = 117 = 9 * 13, so it simplifies to 3*sqrt(13).\n**Final Answer** \\boxed{3\\sqrt{13}}';
  assert.deepEqual(candidates('What is the distance between the points $(2, -6)$ and $(-4, 3)$?', body), ['3*sqrt(13)']);
});

test('"simplifies to" states a result', () => {
  const body =
    '36 + 81 = 117 = 9 * 13, and sqrt(9) is 3, so it simplifies to $3\\sqrt{13}$.\nWait, let me double-check: 6^2 + 9^2 = 117, yes.\nThe distance is \\boxed{3\\sqrt{13}}';
  assert.deepEqual(
    attempts('What is the distance between the points $(2, -6)$ and $(-4, 3)$?', body).map((a) => a.rule),
    ['conclusion', 'boxed'],
  );
});

test('a term of an expression said in words ("3 times the square root of 13") is not a value', () => {
  const body =
    '36 + 81 = 117 = 9 * 13, so the distance is $3\\sqrt{13}$. So the distance is 3 times the square root of 13.\n**Final Answer** \\boxed{3\\sqrt{13}}';
  // Placed where it was first concluded: the "13" of the words no longer stands between.
  assert.deepEqual(
    attempts('What is the distance between the points $(2, -6)$ and $(-4, 3)$?', body).map((a) => a.rule),
    ['conclusion'],
  );
});

test('"a total of" states a result', () => {
  const body = '243 has 3 digits, and multiplying by 10^15 adds 15 zeros, making it a total of 18 digits.';
  assert.deepEqual(
    attempts('How many digits are in the base-ten representation of $8^5 \\cdot 5^{10} \\cdot 15^5$?', body).map(
      (a) => `${a.value} ${a.rule}`,
    ),
    ['18 conclusion'],
  );
});

const CHOICE = 'Which set is A ∩ B? A. {1} B. {2} C. {-1/2, 1} D. {3}';

test('multiple choice: a letter judged wrong is not chosen', () => {
  const body =
    'The intersection is {-1/2, 1}, which is option C.\nCheck the others: So A is wrong, it misses -1/2.\nFinal answer: \\boxed{C}';
  // One candidate, where C was first chosen: "So A" no longer stands between as another choice.
  assert.deepEqual(
    attempts(CHOICE, body).map((a) => `${a.value} ${a.rule}`),
    ['C conclusion'],
  );
});

test('multiple choice: a box that leads with a letter and spells its option out is that option', () => {
  const body = 'The intersection is {-1/2, 1}.\nFinal: \\boxed{\\text{C }\\{-\\frac12,1\\}}';
  assert.deepEqual(candidates(CHOICE, body), ['C']);
});

test('"What is the value of x + 2y?" asks for x + 2y', () => {
  assert.deepEqual(analyzeQuestion('If 2x + y = 44 and x - y = 7, what is the value of x + 2y?').targets, ['x+2y']);
  const body =
    'From the second equation, x = y + 7, so 3y + 14 = 44 and y = 10, x = 17.\nSo x + 2y = 17 + 2*10 = 47.\nWait, that is not right: 17 + 20 = 37.\nSo x + 2y = 37.';
  assert.deepEqual(candidates('If 2x + y = 44 and x - y = 7, what is the value of x + 2y?', body), ['47', '37']);
});

test('a how-many question is answered by "the count"', () => {
  const count =
    'Multiples of 3: 100/3 = 33. Multiples of 11: 9. The overlap: 3.\nSo the count is 33 + 9 - 3 = 39.\nWait, let me recount: 100 - 62 = 38.\nThe answer is 38.';
  assert.deepEqual(candidates('How many integers from 1 to 100 are multiples of 3 or 11?', count), ['39', '38']);
});

test('an asked sum is named by "the sum"', () => {
  const sum =
    'The LCD is 24: $\\frac{5}{12} = \\frac{10}{24}$ and $\\frac{3}{8} = \\frac{7}{24}$. Therefore the sum is $\\frac{17}{24}$.\n\nWait, $\\frac{3}{8} = \\frac{9}{24}$, so the sum is $\\frac{19}{24}$.\n\nThe answer is $\\boxed{\\frac{19}{24}}$.';
  assert.deepEqual(candidates('Compute $\\dfrac{5}{12} + \\dfrac{3}{8}$.', sum), ['\\frac{17}{24}', '\\frac{19}{24}']);
});

test('an approximate value of the asked quantity, worked out to decimals, is a conclusion; a rounded size is not', () => {
  const body =
    'cos(theta) = 36 / (7 * sqrt(157)) = 0.410.\nTherefore, the angle is approximately 65.8 degrees.\nWait, let me recompute: arccos(0.4105) = 65.76, so the angle is approximately 65.8 degrees.';
  assert.deepEqual(candidates('Find the angle between these lines, in degrees.', body), ['65.8', '65.8']);
  const estimate = 'The product should be around 2,900,000.\n347 * 8000 = 2776000\n347 * 261 = 90567\nSo 347 * 8261 = 2866567';
  assert.deepEqual(candidates('Calculate 347 * 8261.', estimate), ['2866567']);
});

test('a restated answer that is itself given a number ("p - q is 0.278") is not a conclusion', () => {
  const body =
    'Therefore the double sum equals \\boxed{p - q}.\nWait, let me check numerically with 1.4636 - 1.1856: so p - q is 0.278, and the partial sum 0.2996 approaches it.';
  assert.deepEqual(candidates('Find a way to write the double sum in terms of $p$ and $q$.', body), ['p - q']);
});

test('"= X$ is the product": the result named as the asked quantity right after it', () => {
  const body =
    'Write $85 = 80 + 5$: $80 \\times 18 = 1440$ and $5 \\times 18 = 90$. Working it out, $1440 + 90 = 1530$ is the product. Hmm, let me recompute that to be safe. $5 \\times 18 = 90$ ✓, so the product is $\\boxed{1530}$.';
  assert.deepEqual(candidates('What is 85 × 18?', body), ['1530', '1530']);
});

test('"That makes m + n equal to X" concludes', () => {
  const body =
    'So $m = 7$ and $n = 8$. Putting it together, $m + n = \\boxed{15}$.\n\nLet me confirm this another way: $S_7 = 1 - \\frac{1}{8} = \\frac{7}{8}$. That makes $m + n$ equal to $15$. Both agree.';
  assert.deepEqual(candidates('Write the sum as $\\frac{m}{n}$ in lowest terms. What is $m+n$?', body), ['15', '15']);
});

test('a remainder is smaller than its divisor: a reduction step is not a candidate', () => {
  assert.equal(analyzeQuestion('Compute 16210 mod 7.').modulus, 7);
  assert.equal(analyzeQuestion('What is the remainder when 525105 is divided by 19?').modulus, 19);
  const body = '7×2000 = 14000\n16210 - 14000 = 2210\nWait, 7×316 = 2212 > 2210, so 315.\n7×315 = 2205\n2210 - 2205 = 5';
  assert.deepEqual(candidates('Compute 16210 mod 7.', body), ['5']);
});

test('one term of an asked sum or difference worked out is a sub-result', () => {
  assert.deepEqual(analyzeQuestion('What is 39² − 36²?').terms, ['39^2', '36^2']);
  const body = '95^2 = 9015. Wait, 95^2 = 9025, not 9015; 51^2 = 2601; Subtract: 9025 - 2601 = 6424';
  assert.deepEqual(candidates('What is 95² − 51²?', body), ['6424']);
});

test('for a percentage question, a value with a % sign is of the asked kind', () => {
  const body =
    '74 ÷ 80 = 0.95.\n0.95 × 100 = 95%\nCheck: 95/100 × 80 = 76, not 74. That fails.\n\nActually 74 ÷ 80 = 0.925.\n0.925 × 100 = 92.5%\nSo the final answer is 92.5%.';
  assert.deepEqual(candidates('74 is what percentage of 80?', body), ['95%', '92.5%']);
});

test('a product that is one term of the asked expression is not the asked quantity', () => {
  const q = analyzeQuestion('What is 64×64 + 64×26?');
  assert.deepEqual(q.targets, ['64*64+64*26']);
  assert.equal(q.nouns.includes('product'), false);
  const body =
    '64 × 64 = 64 × 60 + 64 × 4 = 3940 + 256 = 4196\n64 × 26 = 1664\nAdd: 4196 + 1664 = 5860\nWait, 64 × 64 is off.\n64 × 64 = 3840 + 256 = 4096\n4096 + 1664 = 5760';
  assert.deepEqual(candidates('What is 64×64 + 64×26?', body), ['5860', '5760']);
});

test('"Difference:" labels the result of an asked difference', () => {
  const body = '39^2 = 1521\n36^2 = 1296\nDifference: 225\nHmm, let me verify.\nRe-add: 1521 - 1296 = 215';
  assert.deepEqual(candidates('What is 39² − 36²?', body), ['225', '215']);
});
