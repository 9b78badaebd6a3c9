// The thirty-third pass's rule (docs/segmentation-eval.md "Stop 27: pass 33"), short hand-written
// examples, with what the rule must leave as it was. The pass's development data: the real dev
// sets, read by the rules alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = { ...defaultSegmentOptions, reader: 'rules' as const };

/** Each candidate's value and where it starts. */
function read(query: string, body: string): [string, number][] {
  return segmentAttempts(record(query, body), rules).attempts.map((a) => [a.candidate.value, a.candidate.start]);
}

const ropeQ =
  'A rope is cut into pieces of equal length that are each longer than one meter. The rope is 12 meters long and there are 4 pieces. How long is each piece, in meters?';

test('33a: after a marker, a re-check that quotes a condition of the question and states the answer again is an echo', () => {
  const body =
    'Each piece is 12 / 4 = 3 meters. So the answer is 3.\n\nWait, the problem says "each longer than one meter", and 3 meters is longer than one meter. So the answer is 3.';
  assert.deepEqual(read(ropeQ, body), [
    ['3', body.indexOf('answer is 3') + 10],
    ['3', body.lastIndexOf('answer is 3') + 10],
  ]);
});

test('33a must not: a re-check with no quote of the question, or one that quotes only its ask, still merges', () => {
  const bare = 'Each piece is 12 / 4 = 3 meters. So the answer is 3.\n\nWait, is that right? Yes, that seems right. So the answer is 3.';
  assert.equal(read(ropeQ, bare).length, 1);
  const ask =
    'Each piece is 12 / 4 = 3 meters. So the answer is 3.\n\nWait, the problem asks "How long is each piece, in meters?" Yes, in meters. So the answer is 3.';
  assert.equal(read(ropeQ, ask).length, 1);
  // A quote of the model's own words, found nowhere in the question, is no re-read condition.
  const own =
    'Each piece is 12 / 4 = 3 meters. So the answer is 3.\n\nWait, I said "three pieces of rope each" before. So the answer is 3.';
  assert.equal(read(ropeQ, own).length, 1);
});

test('33a must not: a weak restatement after the quote (no "the answer is") still merges', () => {
  const body =
    'Each piece is 12 / 4 = 3 meters. So the answer is 3.\n\nWait, the problem says "each longer than one meter", and that holds. That gives 3.';
  assert.equal(read(ropeQ, body).length, 1);
});
