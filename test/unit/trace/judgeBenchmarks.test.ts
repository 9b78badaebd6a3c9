import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answersEqual,
  exactRational,
  normalizeAnswer,
  normalizedEqual,
  normalizedEqualInOrder,
} from '../../../server/src/trace/answers.js';
import { jsonlRecordToTrace, jsonlToRecords } from '../../../server/src/trace/jsonl.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';

// Stop 36 (docs/segmentation-eval.md, "Stop 36: the judge on benchmark answers"): benchmark-style
// references and answers an outsider (judge36) found misjudged. Texts written for these tests.

const solution = 'Tom has 3 bags of 12 apples: 3 * 12 = <<3*12=36>>36 apples.\nHe eats 4, so 36 - 4 = <<36-4=32>>32.\n#### 32';

test('a GSM8K solution in a flat JSONL row is reduced to its "#### x" (answer, gt, gts, ground_truth, label)', () => {
  for (const field of ['answer', 'gt', 'gts', 'ground_truth', 'label']) {
    const line = JSON.stringify({ question: 'How many apples are left?', [field]: solution, response: 'So he has 32 apples left.' });
    const { records } = jsonlToRecords(line + '\n');
    assert.equal(records[0].headers.answer, '32', field);
    const seg = segmentRecord(jsonlRecordToTrace(records[0], 0, 0), defaultSegmentOptions);
    assert.equal(seg.correct, true, field);
  }
  // ZeroEval's whole "# 18" and a worked solution ending "A: 18".
  for (const answer of ['# 18', 'First 9 + 9 = 18.\nA: 18']) {
    const { records } = jsonlToRecords(JSON.stringify({ question: 'q?', answer, response: 'It is 18.' }) + '\n');
    assert.equal(records[0].headers.answer, '18', answer);
  }
});

test('a .trace answer header holding a GSM8K solution is its value', () => {
  const text = `=== g1\nquery: How many apples are left?\nanswer: Tom has 36 apples. He eats 4: 36 - 4 = 32. #### 32\n---\nSo he has 32 apples left.\n`;
  const rec = parseTrace(text).records[0];
  assert.equal(rec.answer, '32');
  assert.equal(segmentRecord(rec, defaultSegmentOptions).correct, true);
});

test('a response whose last line is "#### 32" gives 32 as its explicit final answer', () => {
  for (const body of ['#### 32', 'He has 36 - 4 = 32 apples left.\n#### 32', 'Left: 32.\n\n#### 32\n']) {
    const rec = parseTrace(`=== h\nquery: How many apples are left?\nanswer: 32\n---\n${body}\n`).records[0];
    const seg = segmentRecord(rec, defaultSegmentOptions);
    assert.equal(seg.final, '32', body);
    assert.equal(seg.correct, true, body);
  }
});

// Pairs of one value (each direction is checked).
const EQUAL: [string, string][] = [
  // Braced one-character exponents.
  ['x^2', 'x^{2}'],
  ['x^2+1', 'x^{2}+1'],
  ['6x^2', '6x^{2}'],
  ['2^n', '2^{n}'],
  ['e^x', 'e^{x}'],
  ['x^3-3x', 'x^{3}-3x'],
  ['\\frac{x^2}{2}', '\\frac{x^{2}}{2}'],
  ['4x^2+4x+1', '(2x+1)^{2}'],
  // Solutions in another order or in words.
  ['2, 3', '3, 2'],
  ['-1, 2, 3', '3, 2, -1'],
  ['\\frac{1}{2}, -3', '-3, \\frac{1}{2}'],
  ['(1, 1), (2, 4)', '(2, 4), (1, 1)'],
  ['2, 3', '2 \\text{ and } 3'],
  ['2, 3', 'x = 2 \\text{ or } x = 3'],
  ['-3, 2', 'x=-3 \\text{ and } x=2'],
  ['-3, 2', 'x \\in \\{-3, 2\\}'],
  ['3, 5, 7', '3, 5, \\text{and } 7'],
  // Matrices and vectors.
  ['\\begin{pmatrix} 2 \\\\ -1 \\end{pmatrix}', '\\begin{pmatrix}2\\\\-1\\end{pmatrix}'],
  ['\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}'],
  ['\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}'],
  ['\\begin{pmatrix} 1/2 & 0 \\\\ 0 & 1 \\end{pmatrix}', '\\begin{pmatrix} 0.5 & 0 \\\\ 0 & 1.0 \\end{pmatrix}'],
  ['\\begin{pmatrix} 2 \\\\ 3 \\end{pmatrix}', '(2, 3)'],
  // Exact integers and rationals.
  ['2^{30}-1', '1073741823'],
  ['3^{10}', '59049'],
  ['\\binom{10}{3}', '120'],
  ['10!', '3628800'],
  ['\\frac{10!}{2}', '1814400'],
  ['5!', '120'],
  ['5 \\times 10^{-10}', '\\frac{1}{2 \\cdot 10^{9}}'],
  // Repeating decimals.
  ['\\frac{1}{3}', '0.\\overline{3}'],
  ['\\frac{1}{3}', '0.\\bar{3}'],
  ['\\frac{4}{33}', '0.\\overline{12}'],
  ['\\frac{14}{11}', '1.\\overline{27}'],
  ['\\frac{100}{3}', '33.\\overline{3}'],
  // Count nouns, scale words, named left sides, an option with its content.
  ['18', '18 cookies'],
  ['5', '5 people'],
  ['3000000', '3 million'],
  ['3000000', '3 \\text{ million}'],
  ['36', '3 dozen'],
  ['5', 'AB = 5'],
  ['5', 'f(3) = 5'],
  ['5', 'a_{10} = 5'],
  ['5', '\\angle A = 5'],
  ['5', '5 = x'],
  ['5', 'x = 3 + 2 = 5'],
  ['\\textbf{(C) }4', 'C'],
  ['\\textbf{(C) }4', '4'],
  ['B) 70°', 'B'],
  ['\\text{(B) }70^\\circ', '(B)'],
];

// Pairs of two values.
const DIFFERENT: [string, string][] = [
  // Exact integers: off by one is another answer, however large.
  ['2^{30}-1', '1073741824'],
  ['2^{64}', '18446744073709551617'],
  ['2^{64}+1', '18446744073709551616'],
  ['10^{18}+1', '10^{18}'],
  ['3^{20}+1', '3^{20}'],
  ['2^{40}', '1099511627777'],
  ['2^{100}', '1267650600228229401496703205377'],
  ['\\frac{10^{12}}{3}', '333333333333'],
  // Tiny values: relative, not absolute.
  ['\\frac{1}{10^{10}}', '0'],
  ['\\frac{1}{2^{40}}', '0'],
  ['\\frac{1.6}{10^{19}}', '\\frac{3.2}{10^{19}}'],
  ['5 \\times 10^{-10}', '\\frac{1}{10^{9}}'],
  ['\\sqrt{2} \\times 10^{-10}', '1.5 \\times 10^{-10}'],
  ['\\frac{1}{5000000000}', '\\frac{1}{2000000000}'],
  ['\\frac{1}{3 \\times 10^{9}}', '\\frac{1}{4 \\times 10^{9}}'],
  // Scale words change the value.
  ['3', '3 \\text{ million}'],
  ['2.5', '2.5 \\text{ billion}'],
  ['3', '3 \\text{ dozen}'],
  ['5', '5 \\text{ thousand}'],
  ['3', '3 squared'],
  // Two numbers are not one.
  ['12, 345', '12,345'],
  ['12345', '12, 345'],
  // Upper- and lower-case Greek letters are different symbols.
  ['\\Gamma', '\\gamma'],
  ['\\Delta', '\\delta'],
  // Order kept where it is the answer: tuples, verdicts, matrices.
  ['(3, -1)', '(-1, 3)'],
  ['False, True', 'True, False'],
  ['\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}'],
  ['\\begin{pmatrix} 1 \\\\ 2 \\\\ 3 \\end{pmatrix}', '\\begin{pmatrix} 1 \\\\ 3 \\\\ 2 \\end{pmatrix}'],
  ['2, 3', '2, 3, 4'],
  ['2, 3', '2'],
  // An option's letter with its content is that option, not another.
  ['\\textbf{(C) }4', 'D'],
  ['\\textbf{(C) }4', '5'],
  ['5', 'x + y = 5'],
  ['5', '2 + 2 = 5'],
];

test('stop 36: pairs of one value are equal (both ways)', () => {
  for (const [a, b] of EQUAL) {
    assert.equal(answersEqual(a, b), true, `${a} | ${b} (${normalizeAnswer(a)} | ${normalizeAnswer(b)})`);
    assert.equal(answersEqual(b, a), true, `${b} | ${a}`);
  }
});

test('stop 36: pairs of two values differ (both ways)', () => {
  for (const [a, b] of DIFFERENT) {
    assert.equal(answersEqual(a, b), false, `${a} | ${b} (${normalizeAnswer(a)} | ${normalizeAnswer(b)})`);
    assert.equal(answersEqual(b, a), false, `${b} | ${a}`);
  }
});

test('exactRational reads rational closed forms exactly and refuses the rest, bounded', () => {
  assert.deepEqual(exactRational('2^{30}-1'), [1073741823n, 1n]);
  assert.deepEqual(exactRational('(10^{12})/3'), [1000000000000n, 3n]);
  assert.deepEqual(exactRational('10^{-3}'), [1n, 1000n]);
  assert.deepEqual(exactRational('\\binom{10}{3}'), [120n, 1n]);
  assert.equal(exactRational('\\sqrt{2}'), undefined);
  assert.equal(exactRational('2\\pi'), undefined);
  assert.equal(exactRational('x+1'), undefined);
  // Past the bit bound: refused, not computed.
  assert.equal(exactRational('10^{99999}'), undefined);
  assert.equal(exactRational('2^{2^{20}}'), undefined);
  assert.equal(exactRational('3000!'), undefined);
});

test('a list in another order differs where the question asks for an order', () => {
  assert.equal(normalizedEqual(normalizeAnswer('2, 3'), normalizeAnswer('3, 2')), true);
  assert.equal(normalizedEqualInOrder(normalizeAnswer('2, 3'), normalizeAnswer('3, 2')), false);
  assert.equal(normalizedEqualInOrder(normalizeAnswer('2, 3'), normalizeAnswer('2,3')), true);
  const judged = (query: string, answer: string, stated: string): boolean | null =>
    segmentRecord(
      parseTrace(`=== o\nquery: ${query}\nanswer: ${answer}\n---\nThe final answer is \\boxed{${stated}}.\n`).records[0],
      defaultSegmentOptions,
    ).correct;
  assert.equal(judged('Arrange the events A, B, C, D in chronological order.', 'BDAC', 'ABCD'), false);
  assert.equal(judged('Arrange the events A, B, C, D in chronological order.', 'BDAC', 'BDAC'), true);
  assert.equal(judged('List the numbers from least to greatest.', '1, 2, 5', '5, 2, 1'), false);
  assert.equal(judged('Enter all the solutions, separated by commas.', '-3, 2', '2, -3'), true);
});
