import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersEqual } from '../../../server/src/trace/answers.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';

// Stop 36's leftovers (docs/segmentation-eval.md, "Stop 36: the judge on benchmark answers",
// "Leftovers"): what the outsiders judge36 and judge36b still found. Texts written for these tests.

function lastSample(reference: string, body: string, query = 'Solve the problem.') {
  const rec = parseTrace(`=== r\nquery: ${query}\nanswer: ${reference}\n---\n${body}\n`).records[0];
  const seg = segmentRecord(rec, defaultSegmentOptions);
  const samples = seg.steps.filter((s) => s.kind === 'sample');
  return samples[samples.length - 1];
}

test("a boxed degree value is read without the box's closing brace", () => {
  for (const [body, read] of [
    ['The final answer is \\boxed{30^\\circ}.', '30^\\circ'],
    ['So the angle is \\boxed{76^\\circ}', '76^\\circ'],
    ['The final answer is \\boxed{30^{\\circ}}.', '30^{\\circ}'],
  ] as const) {
    const s = lastSample('30^\\circ', body);
    assert.equal(s?.answer, read, body);
  }
  assert.equal(lastSample('30^\\circ', 'The final answer is \\boxed{30^\\circ}.')?.correct, true);
  assert.equal(lastSample('30^\\circ', 'The final answer is \\boxed{31^\\circ}.')?.correct, false);
});

test('a letter after a number is a unit only where the question or the other side makes it one', () => {
  const box = (v: string) => `The final answer is \\boxed{${v}}.`;
  // No unit in sight: m is the question's variable, and 6m is not 6.
  for (const [ref, cand] of [
    ['6m', '6'],
    ['$6m$', '6'],
    ['6', '6m'],
    ['12 g', '12'],
  ]) {
    assert.equal(
      lastSample(ref, box(cand), 'Let m be a positive integer. Express the answer in terms of m.')?.correct,
      false,
      `${ref} | ${cand}`,
    );
  }
  // The question names the unit or writes it after a number, or the other side states it.
  for (const [ref, cand, query] of [
    ['6m', '6', 'How long is the rope, in meters?'],
    ['6 m', '6', 'A 3 m pole casts a shadow. How long is the shadow?'],
    ['6', '6m', 'How long is the rope in metres?'],
    ['12', '12 g', 'How many grams of salt are left?'],
    ['5 h', '5', 'How many hours does the trip take?'],
    ['6m', '6 \\text{ m}', 'Solve the problem.'],
    ['6m', '6m', 'Solve the problem.'],
  ]) {
    assert.equal(lastSample(ref, box(cand), query)?.correct, true, `${ref} | ${cand} | ${query}`);
  }
  // Not a unit inside an expression: "2m+3" does not make m a unit.
  assert.equal(lastSample('6m', box('6'), 'If $2m+3=15$, find $m$ times 1.')?.correct, false);
});

test('expressions in several letters are compared as functions of all of them', () => {
  for (const [a, b] of [
    ['(a+5)(b+2)', '(b+2)(a+5)'],
    ['2k', 'k \\cdot 2'],
    ['a+b', 'b+a'],
    ['2a+3b', '3b+2a'],
    ['a^2+b^2', 'b^2+a^2'],
    ['xy', 'yx'],
    ['\\frac{a+b}{2}', '\\frac{b+a}{2}'],
    ['\\frac{1}{x}', 'x^{-1}'],
    ['\\frac{1}{x+1}', '(x+1)^{-1}'],
    ['-\\frac{b}{a}', '\\frac{-b}{a}'],
    ['2x \\times 3y', '6xy'],
  ]) {
    assert.equal(answersEqual(a, b), true, `${a} | ${b}`);
    assert.equal(answersEqual(b, a), true, `${b} | ${a}`);
  }
  for (const [a, b] of [
    ['a+b', 'a-b'],
    ['2a+3b', '3a+2b'],
    ['x+y', 'x \\times y'],
    ['no', 'on'],
    ['dog', 'god'],
    ['10^{20}x', '10^{20}x+1'],
    ['a+b', 'a+c'],
  ]) {
    assert.equal(answersEqual(a, b), false, `${a} | ${b}`);
    assert.equal(answersEqual(b, a), false, `${b} | ${a}`);
  }
  // A letter read as a variable: "6m" is m·6 where nothing makes m a unit.
  assert.equal(lastSample('$6m$', 'The final answer is \\boxed{m \\cdot 6}.')?.correct, true);
});

test('subscript braces, a negative denominator and number words', () => {
  for (const [a, b] of [
    ['52_8', '52_{8}'],
    ['a_1', 'a_{1}'],
    ['-\\frac{3}{4}', '\\frac{3}{-4}'],
    ['\\frac{3}{4}', '\\frac{-3}{-4}'],
    ['2', 'two'],
    ['12', 'Twelve'],
    ['40', 'forty'],
  ]) {
    assert.equal(answersEqual(a, b), true, `${a} | ${b}`);
    assert.equal(answersEqual(b, a), true, `${b} | ${a}`);
  }
  for (const [a, b] of [
    ['52_8', '52_{9}'],
    ['\\frac{3}{4}', '\\frac{3}{-4}'],
    ['3', 'two'],
    ['a_{12}', 'a_1'],
    ['52_8', '52'],
  ]) {
    assert.equal(answersEqual(a, b), false, `${a} | ${b}`);
    assert.equal(answersEqual(b, a), false, `${b} | ${a}`);
  }
});

test('a number in base b is its digits where the question asks for base b', () => {
  const box = (v: string) => `The final answer is \\boxed{${v}}.`;
  const q = 'Find the product of $6_8 \\cdot 7_8.$ Express your answer in base $8.$';
  assert.equal(lastSample('52_8', box('52'), q)?.correct, true);
  assert.equal(lastSample('52', box('52_8'), q)?.correct, true);
  assert.equal(lastSample('52_8', box('42'), q)?.correct, false);
  assert.equal(lastSample('52_8', box('52'), 'Solve the problem.')?.correct, false);
  assert.equal(lastSample('52_8', box('52'), 'Express your answer in base 9.')?.correct, false);
});

test('T and F are True and False where the other side is that word', () => {
  for (const [a, b] of [
    ['True', 'T'],
    ['False', 'F'],
    ['False, True', 'F, T'],
  ]) {
    assert.equal(answersEqual(a, b), true, `${a} | ${b}`);
    assert.equal(answersEqual(b, a), true, `${b} | ${a}`);
  }
  for (const [a, b] of [
    ['True', 'F'],
    ['False', 'T'],
    ['True, False', 'F, T'],
    ['T', 't+1'],
  ]) {
    assert.equal(answersEqual(a, b), false, `${a} | ${b}`);
    assert.equal(answersEqual(b, a), false, `${b} | ${a}`);
  }
});

test('where the question shows options, a letter is the option it labels, not True or False', () => {
  // Options A to F: the reference "F" is option F ("Cannot be determined"), so "False" (option B) is
  // another answer; without options shown the verdict letter stands for the word (the test above).
  const query = 'Is the statement true? A) True B) False C) Both D) Neither E) Sometimes F) Cannot be determined';
  // "False" is read as the option it is (B), so the T / F rule never meets option F.
  assert.equal(lastSample('F', 'So the answer is False.', query)?.answer, 'B');
  assert.equal(lastSample('F', 'So the answer is False.', query)?.correct, false);
  assert.equal(lastSample('B', 'So the answer is False.', query)?.correct, true);
  assert.equal(lastSample('F', 'So the answer is F.', query)?.correct, true);
  assert.equal(lastSample('F', 'So the answer is False.', 'Is the statement true or false?')?.correct, true);
});

test("a variable's case is part of its name; an option letter's is not, and an option letter is no number", () => {
  const box = (v: string) => `The final answer is \\boxed{${v}}.`;
  assert.equal(lastSample('2X+1', box('2x+1'))?.correct, false);
  assert.equal(lastSample('S', box('s'))?.correct, false);
  assert.equal(lastSample('E', box('2.718281828459045'))?.correct, false);
  assert.equal(lastSample('2x+1', box('2x+1'))?.correct, true);
  assert.equal(lastSample('C', box('(c)'))?.correct, true);
  assert.equal(lastSample('e', box('2.718281828459045'))?.correct, true);
  assert.equal(lastSample('x+y', box('y+x'))?.correct, true);
});

test('a quoted string of blanks keeps its length (stop 37, dev37: code-output answers of spaces)', () => {
  const query = 'What does f(" ", ["  ", "   "]) return? Complete the assertion: assert f(...) == ??';
  assert.equal(answersEqual("'     '", "'     '", query), true);
  assert.equal(answersEqual("'     '", "'           '", query), false);
  assert.equal(answersEqual('"   "', "'   '", query), true);
});
