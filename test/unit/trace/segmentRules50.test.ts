// The fiftieth pass's rules (changed values: corrections, the values they replace, and values of
// another quantity read as a change; docs/segmentation-eval.md "Stop 30: pass 50"), one short
// hand-written example each, with what each rule must leave as it was. The pass's development
// data: the 16 real tuning sets, fresh28 and the dev phrasing families; fresh12, 14, 15 and 17 read
// only through their pooled line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('50a: "would be 3 times Maple\'s" is a factor relating two quantities, not a value of either', () => {
  const q = 'Oak Street has three times as many trees as Maple Street, which has 15 trees. How many trees are on the two streets together?';
  const body =
    "Okay, Maple Street has 15 trees. Oak Street has three times as many. So, Oak Street's number of trees would be 3 times Maple's. That would be 3 * 15, which is 45. So, Oak has 45 trees. Now, to find the total, I add them: 15 + 45 is 60. So, the total should be 60 trees.";
  assert.deepEqual(rules(q, body), ['60']);
  // "times a ...": "the cube must be 3 times a perfect cube" is a formula.
  const cube = 'What is the smallest positive perfect cube that can be written as the sum of three consecutive integers?';
  const cubeBody =
    'The sum of three consecutive integers is 3(n + 1), a multiple of 3. So, the cube must be 3 times a perfect cube. Wait, no. A cube divisible by 3 is divisible by 27, so the smallest is 27 = 8 + 9 + 10. So the answer is 27.';
  assert.deepEqual(rules(cube, cubeBody), ['27']);
});

test('50a: not where the question asks how many times, nor a comparison ("times as many", "times that of")', () => {
  // Asked: how many times. "3 times Maple's" is then the answer.
  const times = 'Oak Street has 45 trees and Maple Street has 15. How many times as many trees does Oak Street have?';
  assert.deepEqual(rules(times, "So, Oak Street has 3 times Maple's trees. Check: 3 * 15 = 45, as given."), ['3']);
  // A comparison that may be an asked ratio ("15,625 times that of the Sun") stays read.
  const star = 'A star is 25 times as wide as the Sun and equally hot. Find its luminosity in units of the luminosity of the Sun.';
  assert.deepEqual(
    rules(star, 'Luminosity grows as the square of the radius, 25^2 = 625. So, the luminosity is 625 times that of the Sun.'),
    ['625'],
  );
});

test('50b: "So, theta ≈ 74.2 degrees." (a conclusion word, a symbol, "≈", a worked-out decimal) states the result just computed', () => {
  const q = 'Two lines have direction vectors (1, 2, 2) and (2, 1, -1). Find the angle between the lines, in degrees.';
  const body =
    'The dot product is 2 + 2 - 2 = 2 and the lengths are 3 and sqrt(6), so cos(theta) = 2 / 7.348 ≈ 0.2722 and the angle between the lines is 74.2 degrees.\n\nBut perhaps a whole number is expected, so 74 degrees.\n\nWait, let me recompute the lengths: sqrt(1 + 4 + 4) = 3 and sqrt(4 + 1 + 1) = sqrt(6) ≈ 2.449, so cos(theta) = 2 / 7.348 ≈ 0.2722. So, theta ≈ 74.2 degrees.\n\nAlternatively, the answer they expect may be 74 degrees.';
  assert.deepEqual(rules(q, body), ['74', '74.2']);
  // A whole number after "≈" sizes the answer (an estimate), and a hedge before the symbol keeps it
  // tentative: the recomputation's last step stays its result, as before.
  assert.deepEqual(rules(q, body.replace('So, theta ≈ 74.2 degrees.', 'So, theta ≈ 74 degrees.')), ['74', '0.2722']);
  assert.deepEqual(rules(q, body.replace('So, theta ≈ 74.2 degrees.', 'So, roughly, theta ≈ 74.2 degrees.')), ['74', '0.2722']);
});
