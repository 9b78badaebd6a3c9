// The fourth pass's segmentation rules (docs/segmentation-eval.md, "Fourth pass"), one short
// hand-written example each: every one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

/** Each candidate's value and offset in the body of one record with this question and body. */
function attempts(query: string, body: string): { value: string; start: number }[] {
  const rec = parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
  return segmentAttempts(rec, defaultSegmentOptions).attempts.map((a) => ({ value: a.candidate.value, start: a.candidate.start }));
}
const values = (query: string, body: string): string[] => attempts(query, body).map((a) => a.value);

const DE = 'Suppose $\\sin D = 0.7$ in the right triangle DEF. What is $DE$?';

test('a target named by letters ("DE") names the quantity only as a word: not inside "side", "DEF" or "degrees"', () => {
  // "the side DF is 10" held "de" once blanks were dropped: it read as a conclusion about DE.
  const body = [
    'From 7 / DF = 0.7, so the side DF is 10.',
    'Wait, DF is the hypotenuse, not the asked side. DE = \\sqrt{100 - 49} = \\sqrt{51}.',
    'So \\boxed{\\sqrt{51}}.',
  ].join('\n');
  assert.deepEqual(values(DE, body), ['\\sqrt{51}']);
});

test('a value whose own subject is another named segment is that segment, even in a sentence that names the asked one', () => {
  const body = [
    'By Pythagoras, DE = \\sqrt{51}.',
    'Let me check the sides again: DE² is 51 and EF² is 49, so DF is indeed 10.',
    'Wait, the asked side is DE: \\boxed{\\sqrt{51}}.',
  ].join('\n');
  assert.deepEqual(values(DE, body), ['\\sqrt{51}', '\\sqrt{51}']);
});

test("a point's first coordinate is a coordinate, not a result", () => {
  const body = [
    'So the length of the segment ends at D, which is at (12,5).',
    'Wait, let me compute it: E is at (0,5), and 12 - 0 = 12, so the length is 12.',
    'So \\boxed{12}.',
  ].join('\n');
  const got = attempts('What is the length of the segment DE?', body);
  assert.deepEqual(
    got.map((a) => a.value),
    ['12'],
  );
  assert.equal(got[0].start, body.indexOf('length is 12') + 10);
});

test('an answer boxed as \\pi is found again where the prose writes it "π"', () => {
  const q = 'Find the smallest possible value of $c.$';
  const body = [
    'The graph crosses its midline going up at x = -π/3, so c = π + 2πk, and the smallest positive c is π.',
    'Thus \\boxed{\\pi}.',
  ].join('\n');
  const got = attempts(q, body);
  // Where the prose first concludes it, not the box; a "π" that is a term ("-π/3", "2πk", "π + 2πk") is not it.
  assert.deepEqual(
    got.map((a) => a.value),
    ['π'],
  );
  assert.equal(got[0].start, body.indexOf('is π.') + 3);
});
