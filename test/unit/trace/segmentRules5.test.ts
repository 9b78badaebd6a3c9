// The fifth pass's segmentation rules (docs/segmentation-eval.md), one short hand-written example
// each: every one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { findStatements } from '../../../server/src/trace/statements.js';

/** Each candidate's value and offset in the body of one record with this question and body. */
function attempts(query: string, body: string): { value: string; start: number }[] {
  const rec = parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
  return segmentAttempts(rec, defaultSegmentOptions).attempts.map((a) => ({ value: a.candidate.value, start: a.candidate.start }));
}
const values = (query: string, body: string): string[] => attempts(query, body).map((a) => a.value);

test("a result line reached again by a re-check that recomputes it is an echo, whatever the lines' cue strength", () => {
  const body = ['11 * 359', '= 11 * 300 + 11 * 59', '= 3300 + 649', '= 3949', 'Adding again: 3300 + 649 = 3949. Same result.'].join('\n');
  assert.deepEqual(
    attempts('11*359 = ?', body).map((a) => a.start),
    [body.indexOf('= 3949') + 2, body.lastIndexOf('3949')],
  );
});

test('naming the asked quantity on its own line after the result is a restatement, not a re-derivation', () => {
  // "xy is 13 · 1 = 13" computes on the line that names xy; the earlier "x = 13" is not an echo of it.
  const body = ['So y = 1. And x = 13.', '', 'Therefore xy is 13 · 1 = 13.'].join('\n');
  assert.deepEqual(
    attempts('Suppose 6x + 2y = 80 and x − y = 12. What is $xy$?', body).map((a) => a.start),
    [body.lastIndexOf('13')],
  );
});

test('a superscript power in the question and "^" in the response are one expression', () => {
  const q = analyzeQuestion('What is 39² − 36²?');
  const body = '39^2 - 36^2 = 225';
  const st = findStatements(body, { question: q }).find((s) => s.value === '225');
  assert.ok(st?.aboutTarget, 'the equation names the asked quantity');
  assert.equal(st.strength, 3);
});

test("a superscript power quotes its exponent: restating the question's expression is no new work", () => {
  assert.ok(analyzeQuestion('What is 52² − 36²?').values.has('2'));
  const body = ['52^2 = 2704', '36^2 = 1296', '2704 - 1296 = 1408', '52^2 - 36^2 = 1408'].join('\n');
  assert.deepEqual(
    attempts('What is 52² − 36²?', body).map((a) => a.start),
    [body.indexOf('1408')],
  );
});

test('a result line followed by a heading that opens a re-check or another method ends an attempt, without a marker', () => {
  const body = [
    '185 x 658 = 100 x 658 + 85 x 658',
    '= 63800 + 55930',
    '= 119730',
    'Makes sense.',
    '',
    'Doing it again, splitting 658:',
    '185 x 600 = 111000',
    '185 x 58 = 10730',
    'Total 111000 + 10730 = 121730',
  ].join('\n');
  assert.deepEqual(values('Multiply 185 by 658.', body), ['119730', '121730']);
  // The next step of the same method is not such a heading.
  const steps = ['Total bottles: 35 × 16 = **560**.', '', 'Unbroken bottles: 560 − 30 = **530**.'].join('\n');
  assert.deepEqual(
    values('Each crate holds 35 bottles. After filling 16 crates, workers find 30 broken bottles. How many bottles are intact?', steps),
    ['530'],
  );
});

test('an arrow after a computation, ending its line, gives its result as "=" does', () => {
  const body = ['483·500 = 241500', '483·18 = 8694', '241500 + 8694 → 250194'].join('\n');
  assert.deepEqual(values('483*518 = ?', body), ['250194']);
  // Not an arrow of notation: "y → 1" with no computation before it.
  assert.deepEqual(
    findStatements('so y → 1', { question: analyzeQuestion('What is y?') }).map((s) => s.value),
    [],
  );
});

test('an answer named as a past one ("my first answer of 452 was off") is set aside, not given', () => {
  const body = ['10% of $280 = $28.', '$280 − $28 = $252', 'So my first answer of 452 was off.', 'That is, $252.'].join('\n');
  assert.deepEqual(values('What is the price of a $280 item after a 10% discount?', body), ['252']);
});

test('for a percentage question, a conclusion that gives a percentage is about the asked quantity', () => {
  const body = [
    '203 ÷ 280 = 0.7, so 0.7 × 100 = 70%',
    '',
    'Let me make sure by recomputing it differently.',
    '203 ÷ 280 = 0.725.',
    'That gives 72.5%.',
  ].join('\n');
  assert.deepEqual(values('In a class of 280 students, 203 got an A. What percent of the class got an A?', body), ['70%', '72.5%']);
});
