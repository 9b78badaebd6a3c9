// The forty-ninth pass's rules (echoes the engine merged: a re-read of the question between two
// strong statements of one value with no marker between them, 49a; a segment that opens by
// re-reading the question after any marker, 49b; docs/segmentation-eval.md "Stop 30: pass 49"),
// one short hand-written example each, with what each rule must leave as it was. The pass's
// development data: the 16 tuning sets and the dev families; the four validation sets were read
// through their pooled lines only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('49a: a question raised with a "?" and answered with a reason, then the answer again, closes the block as an echo', () => {
  const q =
    'Two lines pass through the origin with direction vectors (1, 2, 2) and (2, 1, -2). Find the angle between the lines, in degrees.';
  const body =
    '<think>\nThe dot product is 1*2 + 2*1 + 2*(-2) = 0. Since the dot product is zero, the angle between the lines is 90 degrees.\n\n' +
    'Should we also worry that the two lines might not meet at all, or meet somewhere other than expected? The angle between ' +
    'two lines is defined by their direction vectors regardless of where the lines lie in space, so even a pair of skew lines ' +
    'has this angle between them. So the answer is 90.\n\nFinal answer: \\boxed{90}.\n</think>\nThe angle is 90 degrees.';
  assert.deepEqual(rules(q, body), ['90', '90']);
  // No question raised (no "?"): a remark in passing, merged as before.
  const remark = body.replace(
    'Should we also worry that the two lines might not meet at all, or meet somewhere other than expected?',
    'We might also worry that the two lines might not meet at all, or meet somewhere other than expected.',
  );
  assert.deepEqual(rules(q, remark), ['90']);
  // The question dismissed in one breath, no reason given: merged.
  const dismissed = body.replace(
    'The angle between two lines is defined by their direction vectors regardless of where the lines lie in space, so even a pair of skew lines has this angle between them.',
    'No.',
  );
  assert.deepEqual(rules(q, dismissed), ['90']);
});

test('49a: a condition of the question quoted in full, then the answer again, closes the block as an echo', () => {
  const q =
    'A right prism of glass has index of refraction $n=1.5$. A beam enters one leg at normal incidence. Compute the critical angle for the light to be internally reflected at $H$. Give the answer in degrees.';
  const body =
    '<think>\nThe critical angle satisfies sin(theta) = 1/1.5 = 2/3, so theta = arcsin(2/3), about 41.8 degrees. Therefore, the critical angle is 41.8 degrees.\n\n' +
    'But the problem says "A beam enters one leg at normal incidence." The light travels inside the glass toward the hypotenuse and ' +
    'meets the glass-to-air surface there, so the relevant ratio is air over glass. So the answer is 41.8 degrees.\n\n' +
    'Final answer: \\boxed{41.8}\n</think>\nThe critical angle is 41.8 degrees.';
  assert.deepEqual(rules(q, body), ['41.8', '41.8']);
  // A phrase of the question taken up in passing (the quote stops inside one of its sentences): merged.
  const phrase = body.replace(
    'But the problem says "A beam enters one leg at normal incidence."',
    'The beam "enters one leg at normal," as said.',
  );
  assert.deepEqual(rules(q, phrase), ['41.8']);
  // The same words, not quoted: merged.
  const unquoted = body.replace(
    'But the problem says "A beam enters one leg at normal incidence."',
    'A beam enters one leg at normal incidence.',
  );
  assert.deepEqual(rules(q, unquoted), ['41.8']);
});

test("49a: a quote that drops the question's math delimiters is still the question's words", () => {
  const q = 'For how many integers $n$ with $1 \\le n \\le 9$ is $n^2 + 1$ prime? Count each such $n$ once.';
  const body =
    '<think>\nCheck each n: n = 1 gives 2, prime; n = 2 gives 5, prime; n = 4 gives 17, prime; n = 6 gives 37, prime. The odd n above 1 give even values. ' +
    'So the answer is 4.\n\nBut the problem says "Count each such n once." The list above has no repeats, and the values left out ' +
    'give even sums, never primes, because squaring an odd number keeps it odd and adding one makes it even. ' +
    'So the answer is 4.\n\nFinal answer: \\boxed{4}\n</think>\nThe answer is 4.';
  assert.deepEqual(rules(q, body), ['4', '4']);
});

test('49b: a segment that opens by re-reading the question, after a bare "Wait", ends on an echo', () => {
  const q =
    'Two trains leave the same station. On the first day each travels 80 miles west, and on the second day each travels 150 miles north. What distance does each train cover in the two days?';
  const first =
    'On the first day each train covers 80 miles, and on the second day 150 miles, so the distance is 80 + 150 = 230 miles.\n\n';
  // Text between the first answer and the marker: a long paragraph, or talk about the format.
  const chatter =
    'Picture the route on a map: one leg heads toward the coast and the other toward the hills, and each train ends far from where it set out, so the shape of the trip matters less than how far it goes, which is what the question asks about.\n\n';
  const boxTalk = 'I will put the final answer in a box at the end of the reply.\n\n';
  const reread = 'Wait, but the problem says each train makes the trip on its own, not that the two share it. ';
  const weak =
    'So yes, each one covers 80 miles on the first day and 150 on the second, totaling 230 miles each.\n\nHmm, is that all there is? I think so.';
  const strong = 'So each one covers the whole route by itself, and the answer is 230 miles.\n\nHmm, is that all there is? I think so.';
  // A weak statement after the re-read, with work of its own (the conditions gone over again).
  assert.deepEqual(rules(q, first + chatter + reread + weak), ['230', '230']);
  // A strong statement after the re-read: the answer it reached.
  assert.deepEqual(rules(q, first + boxTalk + reread + strong), ['230', '230']);
  // A bare "Wait" that re-reads nothing: merged as before.
  const bare = 'Wait, that is just what was added up before, nothing new at all. ';
  assert.deepEqual(rules(q, first + chatter + bare + weak), ['230']);
  assert.deepEqual(rules(q, first + boxTalk + bare + strong), ['230']);
  // "The problem says so": a bare confirmation, no condition re-read: merged.
  assert.deepEqual(rules(q, first + boxTalk + 'Wait, the problem says so. ' + strong), ['230']);
  // The re-read mentioned later, not what the marker opens: merged.
  const later = 'Wait, I was about to go on, and the problem says each train makes the trip on its own. ';
  assert.deepEqual(rules(q, first + boxTalk + later + strong), ['230']);
  // A condition re-read and granted in one breath, then a weak statement with no work: merged.
  const breath = 'Wait, but the problem says each train makes the trip on its own, and that holds. That gives 230 miles.';
  assert.deepEqual(rules(q, first + chatter + breath), ['230']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('49a, 49b: 20 KB runs of quotes, raised questions and re-reads: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules49);
});
