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
