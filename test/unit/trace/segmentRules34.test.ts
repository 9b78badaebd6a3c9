// The thirty-fourth pass's rules (the development phrasing families; docs/segmentation-eval.md
// "Stop 27: pass 34, families"), one short hand-written example each, with what each rule must leave
// as it was. The pass's development data: the dev families and the real dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('34a: "Counting them: 3 ways." states the count a how-many question asks for', () => {
  const q = 'How many ordered pairs of positive integers (x, y) satisfy 4x + 7y = 100?';
  const body =
    'We need 7y divisible by 4, so y is a multiple of 4.\n\nSo the solutions are $(x, y) = (18, 4), (11, 8), (4, 12)$.\n\nCounting them: 3 ways.\n\nYes, that seems right.';
  assert.deepEqual(rules(q, body), ['3']);
  assert.deepEqual(rules(q, body.replace('Counting them', 'Counting the pairs')), ['3']);
  // Without the counting clause, or for a question that asks for no count, the colon states nothing.
  assert.deepEqual(rules(q, body.replace('Counting them', 'Looking at them')), []);
  const sum = 'What is the sum of x over the positive integer solutions (x, y) of 4x + 7y = 100?';
  assert.deepEqual(rules(sum, body), []);
});

test('34b: for the numbers divisible by neither divisor, "the count divisible by 2 or 13 is 1,128" is the complement, a sub-result', () => {
  const q = 'How many positive integers less than or equal to 500 are divisible by neither 3 nor 7?';
  const body =
    'Multiples of 3: 166. Multiples of 7: 71. Multiples of 21: 23.\n\nSo the count divisible by 3 or 7 is 166 + 71 - 23 = 214.\n\nHmm, let me recheck the multiples of 21: 21 × 23 = 483 and 21 × 24 = 504, so 23 it is.\n\nSo the count divisible by neither is 500 - 214 = 286.';
  assert.deepEqual(rules(q, body), ['286']);
  // For the numbers divisible by one of them, the same sentence states the asked count.
  const asked = 'How many positive integers less than or equal to 500 are divisible by 3 or 7?';
  assert.deepEqual(rules(asked, body.replace(/\n\nSo the count divisible by neither.*$/, '')), ['214']);
});

test('34c: "Rounding up to the next whole number, 80 boxes." states the whole number it rounds to', () => {
  const q = 'A shop packs 72 cups per box. How many boxes does it need for 5700 cups?';
  const body = 'The number needed is 5700 ÷ 72 ≈ 79.17. Rounding up to the next whole number, 80 boxes.\n\nThat seems right.';
  assert.deepEqual(rules(q, body), ['80']);
  assert.deepEqual(rules(q, body.replace('Rounding up to the next whole number,', 'Since a box is whole, we round up to')), ['80']);
  // Rounding an operand before computing rounds no result.
  const operand = 'The number needed is 5700 ÷ 72. Rounding up the cups to 5760 makes it even: 5760 ÷ 72 = 80 boxes.';
  assert.deepEqual(rules(q, operand), ['80']);
  assert.deepEqual(rules(q, 'Rounding up, the estimate is rough. The number needed is 5700 ÷ 72 ≈ 79.17, so 80 boxes.'), ['80']);
});

test('34d: "fix: 2548", "corrected amount: 21.72 kg": a label of the corrected result names it, as "Total:" does', () => {
  const q = 'What is 28 × 91?';
  const body = '28*90 = 2520\n28*1 = 18\nfinal: 2538\nwait, 28*1 is 28, not 18\nfix: 2548';
  assert.deepEqual(rules(q, body), ['2538', '2548']);
  const kg = 'How many kilograms is 21,720 g?';
  const kgBody =
    '1 kg = 100 g\n21720/100\nso the answer is 217.2 kg\nActually, 1 kg = 1000 g; I had 100 g.\ncorrected amount: 21.72 kg\nalright.';
  assert.deepEqual(rules(kg, kgBody), ['217.2', '21.72']);
  // A label that names no result ("note:", "Correction:" of a step) reads nothing of its own.
  assert.deepEqual(rules(q, body.replace('fix:', 'note:')), ['2538']);
  assert.deepEqual(rules(kg, kgBody.replace('corrected amount:', 'correction:')), ['217.2']);
});
