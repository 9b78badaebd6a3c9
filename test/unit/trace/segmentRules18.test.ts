// The eighteenth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the sixth authors' dev phrasings (chat answers with units and times, long
// monologues, thinking-block contest math, multiple choice) and the real dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAnswer } from '../../../server/src/trace/answers.js';
import { values } from './segmentRuleHelpers.js';

test('a clock time with AM/PM is one value ("**9:20 AM**"), not the hour alone', () => {
  const q = 'The train leaves at 7:50 AM and the trip takes 90 minutes. When does it arrive?';
  // Before the rule the value stopped at the colon: the answer read as "9".
  assert.deepEqual(values(q, '7:50 AM + 1 h 30 min = **9:20 AM**\n\n**Answer:** 9:20 AM'), ['9:20 AM']);
  assert.deepEqual(values(q, 'Adding the 90 minutes, the answer is 9:20 a.m.'), ['9:20 a.m.']);
  assert.equal(normalizeAnswer('09:20 a.m.'), normalizeAnswer('9:20 AM'));
  // Without AM/PM a colon is no clock: a ratio stays as it was read.
  assert.deepEqual(values('What is the ratio of boys to girls?', 'So the answer is 3:4.'), ['3']);
});

test('a temperature keeps its scale letter ("**25 °C**"): the value is the number', () => {
  const q = 'What is 77 °F in Celsius?';
  // Before the rule "°C" ended no value: the bold result and the equation were no statements.
  assert.deepEqual(values(q, '77 − 32 = 45, and 45 × 5/9 = **25 °C**.\n\nSo 77 °F is 25 °C.'), ['25 °C']);
  assert.equal(normalizeAnswer('25 °C'), '25');
  assert.equal(normalizeAnswer('-4°F'), '-4');
});

test('"≈" after a number with decimals or a fraction rounds a computed result ("12 × 2.54 = 30.48 ≈ **30.5 cm**"); it is no estimate', () => {
  const q = 'Convert 12 inches to centimeters, to one decimal place.';
  const body =
    '12 × 2.54 = 30.48 ≈ **30.5 cm**\n\nLet me double-check that another way: 10 × 2.54 = 25.4 and 2 × 2.54 = 5.08; 25.4 + 5.08 = 30.48 ≈ **30.5 cm**.\n\n**Answer:** 30.5 cm';
  // Before the rule the first result read as an estimate ("≈ X" sizes an answer): one candidate, not two.
  assert.deepEqual(values(q, body), ['30.5', '30.5']);
  // A size guessed in words is still an estimate, and so is a quotient of whole numbers still to be rounded.
  assert.deepEqual(values(q, 'Roughly 12 × 2.5 ≈ **30 cm**, so let me compute: 12 × 2.54 = **30.48 cm**, which is **30.5 cm**.'), ['30.5']);
  assert.deepEqual(
    values(
      'What is the fewest number of buses needed for 250 students if each holds 44?',
      'We need 250 ÷ 44 ≈ 5.68. Rounding up, we need **6** buses.',
    ),
    ['6'],
  );
});

test('"should be (C)" / "would be (B)" commit an option letter, as "is (C)" does', () => {
  const q = 'A shirt costs $40 and is 25% off. What is the sale price? (A) $10 (B) $30 (C) $35 (D) $50';
  const body =
    'So the answer is (A).\n\nWait, I should re-read the question: it asks for the sale price, not the discount. 40 − 10 = 30, so the answer should be (B) instead.';
  // Before the rule the corrected choice was no statement: one candidate, the first.
  assert.deepEqual(values(q, body), ['A', 'B']);
  assert.deepEqual(values(q, body.replace('so the answer should be (B) instead', 'then it would be (B); I will go with that')), ['A', 'B']);
  // A hedge still tries the letter rather than choosing it.
  assert.deepEqual(values(q, body.replace('so the answer should be (B) instead', 'maybe it could be (B)')), ['A']);
});

test('other options examined by their values ("Option A ($10) is the discount") are no new work: the answer restated after them merges', () => {
  const q = 'A shirt costs $40 and is 25% off. What is the sale price? (A) $10 (B) $30 (C) $35 (D) $50';
  const body =
    '25% of 40 is 10, and 40 − 10 = 30, so the answer is (B).\n\nChecking the others: Option A ($10) is only the discount. Option C ($35) takes off $5. Option D ($50) adds instead.\n\nSo the answer is (B).';
  // Before the rule the distractors' values read as new numbers: the restatement was a second candidate.
  assert.deepEqual(values(q, body), ['B']);
  // The chosen option's own value plugged back in is a check that recomputes: a second candidate.
  const check = '25% of 40 is 10, and 40 − 10 = 30, so the answer is (B).\n\nCheck: $30 is 75 percent of the $40 price ✓. So (B).';
  assert.deepEqual(values(q, check), ['B', 'B']);
});

test('a recall of earlier work ("I already found that 360 = 2^3 × 3^2 × 5, so ...") is no new work: the answer stated after it merges', () => {
  const q = 'How many positive divisors does 360 have?';
  const body =
    '360 = 2^3 × 3^2 × 5, so (3+1)(2+1)(1+1) = 24.\n\nWait, is that right? I already found that 360 = 2^3 × 3^2 × 5, so the number of divisors is 24.\n\nSo the answer is 24.';
  // Before the rule the recalled factorization read as new numbers: the answer restated after it was a second candidate.
  assert.deepEqual(values(q, body), ['24']);
  // Working it out again is new work: an echo.
  assert.deepEqual(values(q, body.replace('I already found that', 'Let me redo it:')), ['24', '24']);
});

test('a check of one step confirmed in a word ("Let me double-check one step: 7 × 8 = 56. Yes.") is no new work: the box after it merges', () => {
  const q = 'A garden has 7 rows of 8 plants and 5 more plants by the gate. How many plants are there?';
  const body =
    '7 × 8 = 56, and 56 + 5 = 61. So there are 61 plants.\n\nLet me double-check one step: 7 × 8 = 56. Yes.\n\n**Final Answer**\n\\boxed{61}';
  // Before the rule the step's arithmetic read as new work: the box was a second candidate.
  assert.deepEqual(values(q, body), ['61']);
  // A check that works out the answer itself is new work, and so is one that names no scope.
  assert.deepEqual(values(q, body.replace('7 × 8 = 56. Yes.', '56 + 5 = 61. Yes.')), ['61', '61']);
  assert.deepEqual(values(q, body.replace('Let me double-check one step:', 'Wait, check:')), ['61', '61']);
});
