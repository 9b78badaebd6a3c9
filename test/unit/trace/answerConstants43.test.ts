import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersEqual, normalizeAnswer, normalizedEqual } from '../../../server/src/trace/answers.js';

// Stop 43 (fx43): pi spelled with or without its backslash, or as "π", is one constant
// (docs/segmentation-eval.md, "Stop 43: fx43", fix 1).
const EQUAL: [string, string][] = [
  ['\\pi/6', 'pi/6'],
  ['-\\dfrac{\\pi}{6}', '-pi/6'],
  ['π/6', 'pi/6'],
  ['\\frac{\\pi}{6}', 'pi / 6'],
  ['2\\pi', '2pi'],
  ['2 pi', '2π'],
  ['\\pi', 'pi'],
  ['\\frac{3\\pi}{4}', '3*pi/4'],
  ['\\sqrt{2}\\pi', 'sqrt(2)*pi'],
  ['(0, \\pi)', '(0, pi)'],
  ['\\{\\pi/2, 3\\pi/2\\}', '{pi/2, 3pi/2}'],
];

// Not the constant: "pi" inside a word, or another value.
const DIFFERENT: [string, string][] = [
  ['spin', 's\\pi n'],
  ['pie', '\\pi e'],
  ['api', 'a\\pi'],
  ['\\pi/6', 'pi/3'],
  ['-\\pi/6', 'pi/6'],
  ['pi/6', '0.5236'],
];

test('fx43: pi with or without its backslash is the same value', () => {
  for (const [a, b] of EQUAL) {
    assert.ok(answersEqual(a, b), `${a} = ${b}`);
    assert.ok(answersEqual(b, a), `${b} = ${a}`);
    assert.ok(normalizedEqual(normalizeAnswer(a), normalizeAnswer(b)), `normalizedEqual ${a} = ${b}`);
  }
});

test('fx43: a word holding "pi", or another value, is not pi', () => {
  for (const [a, b] of DIFFERENT) {
    assert.ok(!answersEqual(a, b), `${a} != ${b}`);
    assert.ok(!answersEqual(b, a), `${b} != ${a}`);
  }
});

test('fx43: normalizeAnswer itself is unchanged (the reader reads values as before)', () => {
  assert.equal(normalizeAnswer('pi/6'), 'pi/6');
  assert.equal(normalizeAnswer('\\pi/6'), '\\pi/6');
});
