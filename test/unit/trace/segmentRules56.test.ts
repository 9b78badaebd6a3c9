// The fifty-sixth pass's rules (corrections written in words: "14, not 15", "14 instead of 15";
// docs/segmentation-eval.md "Stop 30: pass 56"), short hand-written examples, with what each rule
// must leave as it was. Development data: the 16 real tuning sets, fresh28 and the dev phrasing
// families; fresh12, 14, 15 and 17 read only through their pooled line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { findStatements } from '../../../server/src/trace/statements.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases, ROLLS_56 } from '../../../bench/adversarial.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

const q = ROLLS_56;
const wrong = 'The baker bakes 6 × 7 = 42 rolls. 42 - 27 = 16. So the number of rolls left is 16.\n\nWait, let me redo the subtraction. ';

test('56a: "X, not Y" after a candidate Y corrects it: X is the value concluded, a changed value', () => {
  for (const fix of [
    '42 - 27 = 15, not 16.',
    '42 - 27 is 15, not 16.',
    'So the number of rolls left is actually 15, not 16.',
    'So the total left is 15 and not 16.',
    'So the total left should be 15 rather than 16.',
    'So the total left is 15 instead of 16.',
    'So the total left is not 16 but 15.',
    "So it's 15 \u2014 not 16.",
    'So the answer is 15 (not 16).',
    'So the baker has 15 rolls, not 16 rolls.',
  ])
    assert.deepEqual(rules(q, wrong + fix), ['16', '15'], fix);
});

test("56a: the rejected value is never the statement's value", () => {
  const question = analyzeQuestion(q);
  for (const [text, value] of [
    ['So the total left is 15, not 16.', '15'],
    ['So the total left is not 16 but 15.', '15'],
    ['So x = 3, not x = -3.', '3'],
  ] as const) {
    const values = findStatements(text, { question }).map((st) => st.value);
    assert.ok(values.includes(value), `${text}: ${values.join()}`);
    assert.ok(!values.includes(value === '3' ? '-3' : '16'), `${text}: ${values.join()}`);
  }
});

test('56a: a rejection of a value that is no candidate checks a step: no candidate', () => {
  // "= 81, not 91" checks a step (91 was never concluded): the answer stays 16.
  assert.deepEqual(rules(q, 'The baker bakes 6 × 7 = 42 rolls, not 48.\n42 - 27 = 15. So the number of rolls left is 15.'), ['15']);
  assert.deepEqual(rules(q, wrong + 'Check: 27 + 16 = 43, not 42. So 42 - 27 is 15.\n\nSo the number of rolls left is 15.'), ['16', '15']);
  // A paragraph that goes on to conclude another value: the corrected value is a step toward it.
  assert.deepEqual(rules(q, wrong + 'Dividing, 42 = 2 × 16 + 10, so the remainder is 10, not 16. So the number of rolls left is 15.'), [
    '16',
    '15',
  ]);
});

test('56a: not a rejection: "not only X but also Y", "not counting", a method, a rejection with no new value', () => {
  // "rather than computing 16 directly" names a method, not a value.
  assert.deepEqual(rules(q, 'Rather than computing 16 directly, take 42 - 27 = 15. So the number of rolls left is 15.'), ['15']);
  // "the answer is not 16" alone gives no new value: no candidate 16.
  assert.deepEqual(rules(q, wrong + 'The answer is not 16.'), ['16']);
  // "15, not counting the 16 burnt ones" is a phrase, not a rejected value.
  const question = analyzeQuestion(q);
  const st = findStatements('So the number of rolls left is 15, not counting the 16 burnt ones.', { question });
  assert.ok(
    st.every((s) => !s.rejects),
    JSON.stringify(st.map((s) => s.rejects)),
  );
  const both = findStatements('So the number of rolls left is not only 15 but also 16.', { question });
  assert.ok(
    both.every((s) => !s.rejects),
    JSON.stringify(both.map((s) => s.rejects)),
  );
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('56a: the rejection patterns on 20 KB runs of their own pieces: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules56);
});

test('56b: with no conclusion cue ("It should be 15, not 16.", "it is 15, not 16") the rejection still corrects a candidate 16', () => {
  for (const fix of ['It should be 15, not 16.', 'I made a mistake: it is 15, not 16.', 'The number left is actually 15, not 16.'])
    assert.deepEqual(rules(q, wrong + fix), ['16', '15'], fix);
  // Rejecting a value that is no candidate, the same words check a step: no candidate.
  assert.deepEqual(rules(q, 'The trays hold 6 × 7 rolls; it should be 42, not 48. 42 - 27 = 15. So the number of rolls left is 15.'), [
    '15',
  ]);
});
