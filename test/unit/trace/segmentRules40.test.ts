// The fortieth pass's rules (approximate values, docs/segmentation-eval.md "Stop 28: pass 40"), one
// short hand-written example each, with what each rule must leave as it was. The pass's development
// data: the real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('40a: "So, approximately 41.4 degrees." after the computation states the rounded result', () => {
  const q =
    'A ladder of length 8 m leans against a wall with its foot 6 m from the wall. What angle does it make with the ground, in degrees?';
  const body =
    'The cosine of the angle is 6/8 = 0.75.\n\nThe arccos of 0.75 is 41.41 degrees, and rounding that: 41.4.\n\nSo, approximately 41.4 degrees.\n\nLet me double-check with the sine: the height is sqrt(64 - 36) = sqrt(28) = 5.29, and 5.29/8 = 0.661, whose arcsin is 41.4.\n\nSo, approximately 41.4 degrees.';
  assert.deepEqual(rules(q, body), ['41.4', '41.4']);
  // "roughly" and "about" lead it the same way.
  assert.deepEqual(rules(q, body.replace(/So, approximately/g, 'Thus, roughly')), ['41.4', '41.4']);
  // Mid-paragraph, after the sentence that computes it, as at the start of a line.
  const inline = 'The cosine of the angle is 6/8 = 0.75, whose arccos is 41.41 degrees. So approximately 41.4 degrees. That is the angle.';
  assert.deepEqual(rules(q, inline), ['41.4']);
});

test('40a: a whole number after "so about", or an estimate not led by the conclusion word, still sizes', () => {
  const q =
    'A ladder of length 8 m leans against a wall with its foot 6 m from the wall. What angle does it make with the ground, in degrees?';
  // "So about 40 degrees" guesses a size before the work: no candidate there.
  const guess =
    'So about 40 degrees, I expect. The cosine of the angle is 6/8 = 0.75, and its arccos is 41.41, so the angle is 41.41 degrees.';
  assert.deepEqual(rules(q, guess), ['41.41']);
  // A decimal estimate that no conclusion word leads is still an estimate.
  const rough =
    'The angle should come out roughly 41.5 degrees or so, let me compute. The cosine is 6/8 = 0.75, and its arccos is 41.41, so the angle is 41.41 degrees.';
  assert.deepEqual(rules(q, rough), ['41.41']);
});

test('40b: "≈" right after a decimal operand closes a result line as "=" does', () => {
  const q = 'A recipe uses 2.75 cups of flour for 12 muffins. How many cups of flour are needed for 17 muffins?';
  const body =
    'Scale factor: 17 ÷ 12 = 1.4167\nFlour: 2.75 × 1.4167 ≈ 3.896\n\nLet me check another way: per muffin 2.75 ÷ 12 = 0.22917.\nFor 17 muffins: 17 × 0.22917 ≈ 3.896';
  assert.deepEqual(rules(q, body), ['3.896', '3.896']);
  assert.deepEqual(rules(q, body.replace(/≈/g, '\\approx')), ['3.896', '3.896']);
});

test('40b: a rough product, or a whole number after "≈", is no result line', () => {
  const q = 'A recipe uses 2.75 cups of flour for 12 muffins. How many cups of flour are needed for 17 muffins?';
  // "Roughly ... ≈ 4.1" sizes the answer before the work.
  const rough = 'Roughly 2.75 × 1.5 ≈ 4.1\nExactly: 2.75 × 17 = 46.75, and 46.75 ÷ 12 = 3.896 cups.';
  assert.deepEqual(rules(q, rough), ['3.896']);
  // A whole number after "≈" (a product checked against a round figure) is not read.
  const check = 'Scale factor: 17 ÷ 12 = 1.4167\nAs a check, 12 × 1.4167 ≈ 17\nFlour: 2.75 × 17 = 46.75, and 46.75 ÷ 12 = 3.896 cups.';
  assert.deepEqual(rules(q, check), ['3.896']);
});

test('40c: "magnitude" names a quantity (a star\'s, a vector\'s); only "order of magnitude" sizes a result', () => {
  const q = 'A star of absolute magnitude 2 is 250 parsecs away. What is its apparent magnitude?';
  const steps = 'Use m = M + 5 log10(d/10).\nThe ratio: 250/10 = 25, and log10(25) ≈ 1.3979.\nTimes 5: 1.3979 × 5 ≈ 6.9897.\n';
  const check = '\n\nLet me double-check the logarithm: 10^1.3979 ≈ 25.0, good.';
  assert.deepEqual(rules(q, `${steps}Now add the absolute magnitude: 2 + 6.9897 ≈ 8.9897${check}`), ['8.9897']);
  // "to within an order of magnitude" still says the result is rough.
  assert.deepEqual(rules(q, `${steps}To within an order of magnitude: 2 + 6.9897 ≈ 8.9897${check}`), []);
});
