import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersEqual, exactDecimal, normalizeAnswer, normalizedEqual } from '../../../server/src/trace/answers.js';

// Pairs of one value written two ways (docs/segmentation-eval.md, "Stop 29: answer equivalence").
const EQUAL: [string, string][] = [
  // Already equal before stop 29 (kept).
  ['0.5', '\\frac{1}{2}'],
  ['\\sqrt{\\frac{11}{6}}', '\\frac{\\sqrt{66}}{6}'],
  ['2\\sqrt{3}', '\\sqrt{12}'],
  ['10^{-3}', '0.001'],
  ['45°', '45'],
  ['1,000', '1000'],
  ['x=2, y=-3', '2, -3'],
  ['\\dfrac{3}{4}', '\\tfrac34'],
  // Sets in another order, with or without backslashes, as a list of their elements.
  ['\\{2,5,3\\}', '\\{2,3,5\\}'],
  ['{2,3,5}', '\\{2, 5, 3\\}'],
  ['\\left\\{ 3, 2, 5 \\right\\}', '2, 3, 5'],
  ['\\{-1/2, 1\\}', '{1, -0.5}'],
  ['\\{\\frac{1}{2}, \\sqrt{2}\\}', '\\{\\sqrt2, 0.5\\}'],
  ['\\emptyset', '\\varnothing'],
  ['\\emptyset', '\\{\\}'],
  // Intervals and the inequalities that say them.
  ['[-2, 1)', '-2 \\leq x < 1'],
  ['{x|-2\\le x<1}', '-2 \\leq x < 1'],
  ['\\{x \\mid -2 \\leq x < 1\\}', '[-2,1)'],
  ['x > 3', '(3, \\infty)'],
  ['3 < x', '(3,\\infty)'],
  ['x \\geq 2', '[2,\\infty)'],
  ['x \\ge 2', '[2, +\\infty)'],
  ['x \\leqslant -1', '(-\\infty, -1]'],
  ['x<5', '(-∞, 5)'],
  ['1 > x \\geq -2', '[-2, 1)'],
  ['x \\in [2, 5)', '[2,5)'],
  ['x \\in [2, 5)', '2 \\le x < 5'],
  ['(-\\infty, -2) \\cup (2, \\infty)', 'x < -2 \\text{ or } x > 2'],
  ['(-\\infty,-2)\\cup(2,\\infty)', '(2,\\infty) ∪ (-\\infty,-2)'],
  ['x<-2 \\lor x>2', '(-\\infty,-2)\\cup(2,\\infty)'],
  ['\\left[\\frac{1}{2}, 3\\right]', '0.5 \\leq x \\leq 3'],
  ['(-\\infty, \\infty)', '\\mathbb{R}'],
  ['[-\\sqrt{2}, \\sqrt{2}]', '-\\sqrt2 \\le x \\le \\sqrt{2}'],
  // Ordered pairs and tuples: the assignment, parts written differently.
  ['(2,-3)', 'x=2, y=-3'],
  ['(2, -3)', '(x, y) = (2, -3)'],
  ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3, π/2)'],
  ['(0.5, 1)', '\\left(\\frac12, 1\\right)'],
  ['\\langle 1, 2 \\rangle', '(1, 2)'],
  ['x=2, y=-3', 'y=-3, x=2'],
  // Scientific notation.
  ['1.388 \\times 10^{26}', '1.388e26'],
  ['1.388 \\cdot 10^{26}', '1.388E+26'],
  ['1.388e26', '138800000000000000000000000'],
  ['4.5e33', '4.5 * 10^33'],
  ['6.2 × 10^2', '620'],
  ['1e-3', '10^{-3}'],
  ['5.9 \\times 10^{-3}', '0.0059'],
  ['1e-3', '\\frac{1}{1000}'],
  ['.5', '0.5'],
  // Option letters, degrees, percent, infinity, thin spaces, thousands.
  ['\\text{(B)}', 'B'],
  ['\\textbf{(C)}', 'C'],
  ['(D)', 'D'],
  ['45 degrees', '45^\\circ'],
  ['50 percent', '50\\%'],
  ['\\infty', '∞'],
  ['+\\infty', '\\infty'],
  ['-\\infty', '-∞'],
  ['10{,}000', '10000'],
  ['10\\,000', '10000'],
  ['1\\!000', '1000'],
  ['x = 2,\\quad y = 3', '(2, 3)'],
  // Mixed numbers, "\\pm", an approximate value stated.
  ['2\\frac{1}{2}', '\\frac{5}{2}'],
  ['-3\\frac14', '-3.25'],
  ['x = \\pm 2', '2, -2'],
  ['\\pm\\sqrt{3}', '\\{-\\sqrt3, \\sqrt{3}\\}'],
  ['1 \\pm \\sqrt{2}', '1 - \\sqrt{2}, 1 + \\sqrt2'],
  ['\\approx 3.14', '3.14'],
  ['x \\approx 0.25', '\\frac14'],
  // An answer written as "variable = value".
  ['x = 5', '5'],
  ['y=\\frac{e}{4}x+\\frac{e}{4}', '\\frac{e}{4}x+\\frac{e}{4}'],
  ['f(x) = 2x', '2x'],
  // Complex numbers: i before or after its coefficient.
  ['1+\\sqrt{3}i', '1 + i \\sqrt{3}'],
  ['\\frac{1}{2} + \\frac{\\sqrt{3}}{2}i', '0.5 + i\\frac{\\sqrt3}{2}'],
  ['6 - 5i', '6-5i'],
  ['-i', '0 - i'],
];

// Different values, however close in writing.
const NOT_EQUAL: [string, string][] = [
  // A tuple is not a set; tuples keep their order.
  ['(2, 3, 5)', '\\{2, 3, 5\\}'],
  ['(2, -3)', '(-3, 2)'],
  ['(2,-3)', 'x=-3, y=2'],
  // (Stop 36: a list of solutions in another order is one answer, judgeBenchmarks.test.ts; other values are not.)
  ['2, -3', '2, 3'],
  ['\\{2, 3\\}', '\\{2, 3, 5\\}'],
  ['\\{2, 3\\}', '2, 3, 5'],
  ['\\{2, 3, 5\\}', '[2, 5]'],
  ['\\{1, 2\\}', '(1, 2)'],
  // Open is not closed; strict is not loose.
  ['(3, \\infty)', '[3, \\infty)'],
  ['x > 3', 'x \\geq 3'],
  ['x > 3', '[3, \\infty)'],
  ['x \\geq 3', '(3, \\infty)'],
  ['x < 3', 'x > 3'],
  ['[-2, 1)', '[-2, 1]'],
  ['[-2, 1)', '-2 < x < 1'],
  ['(-\\infty, -2) \\cup (2, \\infty)', '(-\\infty, -2)'],
  ['(-\\infty, -2) \\cup (2, \\infty)', 'x < -2 \\text{ or } x \\geq 2'],
  ['(-\\infty, \\infty)', '(0, \\infty)'],
  ['-2 \\leq x < 1', '1 \\le x < -2'],
  ['x \\neq 3', 'x < 3'],
  // Different numbers, however many digits agree.
  ['2003700027', '2003700026'],
  ['2.003700027 \\times 10^{9}', '2003700026'],
  ['2.0037000027e9', '2003700026'],
  ['20.3855', '20.39'],
  ['0.33333333333', '0.3333333333'],
  ['4.5e33', '4.45 * 10^33'],
  ['1.388e26', '1.388e25'],
  ['1e-3', '1e3'],
  ['8.7e8', '8.79 \\times 10^{10}'],
  ['0.006', '5.9 \\times 10^{-3}'],
  // Infinity's sign; option letters; values and their variables.
  ['\\infty', '-\\infty'],
  ['\\infty', '1000000'],
  ['\\text{(B)}', 'C'],
  ['(B)', '(C)'],
  ['x = 5', '6'],
  ['x^2 + y^2 = 1', '1'],
  ['45 degrees', '46'],
  // A mixed number is not its digits run together; "\\pm" is two values.
  ['2\\frac{1}{2}', '10.5'],
  ['2\\frac{1}{2}', '1'],
  ['2\\frac12', '21/2'],
  ['\\pm 2', '2'],
  ['\\pm 2', '2, 2'],
  ['\\approx 3.14', '\\pi'],
  // Complex numbers.
  ['1+\\sqrt{3}i', '1 - i\\sqrt{3}'],
  ['1+\\sqrt{3}i', '\\sqrt{3}+i'],
  ['2i', '2'],
  ['6 - 5i', '6 - 5'],
  // Words and symbols that are no value.
  ['\\text{sufficient}', 'necessary but not sufficient condition'],
  ['x', 'y'],
  ['', ''],
];

const eq = (a: string, b: string): boolean => normalizedEqual(normalizeAnswer(a), normalizeAnswer(b));

test('one value written two ways is one answer, both ways round', () => {
  for (const [a, b] of EQUAL) {
    assert.equal(eq(a, b), true, `${a} = ${b}`);
    assert.equal(eq(b, a), true, `${b} = ${a}`);
    assert.equal(answersEqual(a, b), true, `answersEqual(${a}, ${b})`);
  }
});

test('different values are different answers, both ways round', () => {
  for (const [a, b] of NOT_EQUAL) {
    assert.equal(eq(a, b), false, `${a} != ${b}`);
    assert.equal(eq(b, a), false, `${b} != ${a}`);
  }
});

test('symmetry over every pair of the tables', () => {
  const all = [...new Set([...EQUAL, ...NOT_EQUAL].flat())];
  for (const a of all) for (const b of all) assert.equal(eq(a, b), eq(b, a), `${a} | ${b}`);
});

test('exactDecimal: scientific notation as an exact decimal, no float round trip', () => {
  assert.equal(exactDecimal('1.388e26'), '138800000000000000000000000');
  assert.equal(exactDecimal('10^{-3}'), '0.001');
  assert.equal(exactDecimal('-4.5\\times10^{-2}'), '-0.045');
  assert.equal(exactDecimal('2.0037000027e9'), '2003700002.7');
  assert.equal(exactDecimal('007.50'), '7.5');
  assert.equal(exactDecimal('1.388e26x'), undefined);
  assert.equal(exactDecimal('e26'), undefined);
});

// The timeout is a hang guard, not a measurement.
test('long and nested inputs are refused or read: the verdicts', { timeout: 120_000 }, () => {
  const letters = Array.from({ length: 130 }, (_, k) => 'abcdefghijklmnopqrstuvwxyz'[k % 26]);
  const nested = (x: string): string => `${'\\{'.repeat(95)}${x}${'\\}'.repeat(95)}`;
  const tuples = Array.from({ length: 60 }, (_, k) => `(${k % 7},x)`);
  const cases: [string, string, boolean][] = [
    // Nested sets in another order at the bottom: equal.
    [nested('a,b'), nested('b,a'), true],
    [nested('a,b'), nested('a,c'), false],
    // Past the comparison budget (130 elements compared pairwise), called different.
    [`\\{${letters.join(',')}\\}`, `\\{${[...letters].reverse().join(',')}\\}`, false],
    [`\\{${tuples.join(',')}\\}`, `\\{${[...tuples].reverse().join(',')}\\}`, false],
    [`${'x<'.repeat(130)}1`, '(-\\infty,1)', false],
    // Over 400 characters: not read as a form at all.
    [
      `\\{${Array.from({ length: 5000 }, (_, k) => k).join(',')}\\}`,
      `\\{${Array.from({ length: 5000 }, (_, k) => 4999 - k).join(',')}\\}`,
      false,
    ],
    ['('.repeat(20000), ')'.repeat(20000), false],
    [`${'1'.repeat(200000)}e5`, '1e5', false],
    ['2\\frac{1}{2}'.repeat(50000), '1', false],
    ['\\pm'.repeat(100000), '1', false],
  ];
  for (const [a, b, want] of cases) {
    assert.equal(eq(a, b), want, `${a.slice(0, 40)} | ${b.slice(0, 40)}`);
    assert.equal(eq(b, a), want);
  }
});

test("a printed string with or without its quotes is one value; '1' is still not 1", () => {
  // docs/annotation-guide.md: quotes are notation ("same value in another notation").
  assert.ok(answersEqual("'ll'", 'll'));
  assert.ok(answersEqual('"Hello World"', "'Hello World'"));
  assert.ok(answersEqual('"abc"', 'abc'));
  assert.ok(!answersEqual("'1'", '1'));
  assert.ok(!answersEqual("'True'", 'True'));
  assert.ok(!answersEqual("'ab'", 'abc'));
  assert.equal(normalizeAnswer("'it\\'s'"), "'it\\'s'");
});

// Stop 40: two annotators wrote the same answer as "3√13 units" and "3√13"; a number took its unit
// word off ("12 units" is 12) but a closed form kept it, so the two differed and the reference
// 3\sqrt{13} judged the first wrong.
test('a closed form followed by a unit word is the closed form; a single letter after it stays', () => {
  assert.ok(answersEqual('3√13 units', '3\\sqrt{13}'));
  assert.ok(answersEqual('2\\sqrt{5} cm', '2\\sqrt{5}'));
  assert.ok(answersEqual('4π square units', '4\\pi'));
  assert.ok(answersEqual('\\frac{\\pi}{3} radians', '\\frac{\\pi}{3}'));
  assert.ok(!answersEqual('2√3 m', '2\\sqrt{3}'), 'one letter could be a variable');
  assert.ok(!answersEqual('3√13 units', '3\\sqrt{12}'));
  assert.ok(!answersEqual('Evelyn units', 'Evelyn'), 'a word is no closed form');
});
