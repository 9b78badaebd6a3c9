// The sixth pass's segmentation rules (docs/segmentation-eval.md), one short hand-written example
// each: every one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

/** Each candidate's value and offset in the body of one record with this question and body. */
function attempts(query: string, body: string): { value: string; start: number }[] {
  const rec = parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
  return segmentAttempts(rec, defaultSegmentOptions).attempts.map((a) => ({ value: a.candidate.value, start: a.candidate.start }));
}

const cubic =
  'Let $a$ be a positive real number such that all the roots of $x^3 + ax^2 + ax + 1 = 0$ are real. Find the smallest possible value of $a.$';

test('a value the question writes only as an exponent is not a quoted value: naming the asked quantity with it concludes', () => {
  const q = analyzeQuestion(cubic);
  assert.ok(q.formulaOnly?.has('3'), '3 stands only in x^3');
  assert.ok(!q.formulaOnly?.has('1'), '1 is a term of the cubic');
  const body = [
    'The discriminant is nonnegative when a <= -1 or a >= 3. Since a is positive, a >= 3. Therefore, the smallest possible value of a is 3.',
    '',
    'Wait, let me make sure. At a = 3 the cubic is (x + 1)^3, so all roots are real. So the smallest possible value of a is 3.',
  ].join('\n');
  assert.deepEqual(
    attempts(cubic, body).map((a) => a.start),
    [body.indexOf('is 3.') + 3, body.lastIndexOf('is 3.') + 3],
  );
});

test('a value the question quotes as a quantity is still the question restated', () => {
  // "1" is the cubic's constant term: naming the asked quantity with it restates the question, as before.
  const body = 'The constant term is 1. So the smallest possible value of a is 1.';
  assert.ok(!attempts(cubic, body).some((a) => a.value === '1'));
});

test('a draft of the response in a thinking block re-presents the derivation: its arithmetic is not new work', () => {
  const q = 'Which is the median of 6, 8, 4, 5, 12? A. 5 B. 6 C. 8 D. 9';
  const body = [
    '<think>',
    'Sorted: 4, 5, 6, 8, 12. The middle one is 6. So the answer is B.',
    '',
    'Let me draft the response:',
    '```',
    'Sorted: 4 < 5 < 6 < 8 < 12, the 3rd of 5 values, (5 + 1)/2 = 3.',
    'So the answer is B.',
    '```',
    'Good.',
    '</think>',
    '',
    'The median is 6. \\boxed{B}',
  ].join('\n');
  assert.deepEqual(
    attempts(q, body).map((a) => a.start),
    [body.indexOf('is B.') + 3],
  );
});
