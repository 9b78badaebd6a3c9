// The thirty-sixth pass's rules (recall on the real development sets; docs/segmentation-eval.md
// "Stop 28: pass 36"), one short hand-written example each, with what each rule must leave as it
// was. Decided on the rules alone (the learned stage is retrained after the merge).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts;
const rules = (query: string, body: string): string[] => read(query, body).map((a) => a.candidate.value);
/** Each candidate as its value and the eight characters of the body before it. */
const where = (query: string, body: string): string[] =>
  read(query, body).map((a) => `${body.slice(Math.max(0, a.candidate.start - 8), a.candidate.start)}|${a.candidate.value}`);

test('36a: "plus 24 minutes, totaling 204 minutes" states the sum, as "totals" does', () => {
  const q = 'Lena reads for 3 hours and then for 24 more minutes. For how many minutes does she read in all?';
  const body =
    '3 hours is 3 × 60 = 180 minutes, plus 24 minutes, totaling 204 minutes.\n\nWait, let me recount: 180 + 24 = 204. So she reads for 204 minutes in all.';
  assert.deepEqual(rules(q, body), ['204', '204']);
  assert.deepEqual(rules(q, body.replace('totaling', 'totalling')), ['204', '204']);
  // Without the word, the first sum is no statement and the re-count is the only candidate.
  assert.deepEqual(rules(q, body.replace(', totaling 204 minutes', '')), ['204']);
  // A sub-total named in passing stays a step: the answer is what the work concludes.
  const apples = 'A shop fills 2 crates with 15 apples each and sells 12 apples from a third crate of 20. How many apples are left?';
  const applesBody =
    'The two full crates, totaling 30 apples, stay. The third crate has 20 - 12 = 8 left. So the shop has 30 + 8 = 38 apples left.';
  assert.deepEqual(rules(apples, applesBody), ['38']);
});

test('36b: a value the question quotes, worked out by a computation ("240 divided by 3 is 80"), is that computation\'s result', () => {
  const q = 'Three friends guess how many marbles are in a jar. Ann says 80, Ben says 60 and Cy says 100. What is their average guess?';
  const body =
    'Adding the guesses gives 80 + 60 + 100 = 240, so the average guess is 240 / 3 = 80.\n\nWait, let me double-check the sum: 80 + 60 = 140, and 140 + 100 = 240. Then 240 divided by 3 is 80. That checks out.\n\nWait, is an average allowed to equal one of the guesses? Yes, nothing forbids it. So the final answer is \\boxed{80}.';
  // The first result and the re-check's result (an echo, the guide's re-derivation), the box merged.
  assert.deepEqual(where(q, body), ['0 / 3 = |80', 'by 3 is |80']);
  // No computation gives the value ("the mean is 80"), or one on quoted and one-digit numbers only
  // ("80 + 0 is 80"): the value is the question's, and the re-check concludes nothing of its own.
  assert.deepEqual(where(q, body.replace('240 divided by 3 is 80', 'the mean is 80')), ['0 / 3 = |80', ' \\boxed{|80']);
  assert.deepEqual(where(q, body.replace('240 divided by 3 is 80', '80 + 0 is 80')), ['0 / 3 = |80', ' \\boxed{|80']);
  // A value the record never concludes explicitly stays the question's: with no box, no candidate of it.
  const unboxed = body.replace(/So the final answer is \\boxed\{80\}\./, 'I am not sure what is asked.');
  assert.ok(!rules(q, unboxed).includes('80'));
});

test('36c: "Let\'s review our work", "Upon reviewing" open a re-check as "Let\'s verify" does', () => {
  const q = 'What is 6 × 7?';
  const body = "6 × 7 = 42, so the product is 42.\n\nLet's review our work: 6 × 7 = 42 again. So the product is 42.";
  // The re-check recomputes the question's own expression after the marker: an echo.
  assert.deepEqual(rules(q, body), ['42', '42']);
  assert.deepEqual(rules(q, body.replace("Let's review", 'Upon reviewing')), ['42', '42']);
  // "Let's recall our work" announces no check: the same product restated merges.
  assert.deepEqual(rules(q, body.replace('review', 'recall')), ['42']);
});

test('36d: an explicit answer before new work is a candidate of its own, as for another value, whatever the cue of the result after it', () => {
  const q = 'Janet has 16 eggs a day. She eats 3 and sells the rest at $2 each. How many dollars does she make a day?';
  const body =
    '16 - 3 = 13 eggs remain, so 13 * 2 = 26. So, the answer is $26.\n\nAlternatively, maybe the muffins use eggs. No, the problem says nothing of that. So the remaining eggs are 16 - 3 = 13, and 13 * 2 = 26. So, the answer is $26.\n\nTherefore, I think the answer is $26. Let me just go over it once more. Remaining eggs: 16 - 3 = 13. Sold at $2 each: 13 * 2 = 26. Yep, that is right.\n\n**Final Answer**\nShe makes \\boxed{26} dollars.';
  // The first answer, the one after "Alternatively" and the re-count's result: the re-count is new
  // work after an explicit answer (the guide's echo), as it is without "I think the answer is $26".
  assert.deepEqual(rules(q, body), ['26', '26', '26']);
  assert.deepEqual(rules(q, body.replace('Therefore, I think the answer is $26.', 'Hmm, fine.')), ['26', '26', '26']);
  // No new work after the explicit answer: the later statement is a restatement that merges.
  const restated = body.replace(
    'Remaining eggs: 16 - 3 = 13. Sold at $2 each: 13 * 2 = 26.',
    'Nothing else is used, so she still sells them all for 26.',
  );
  assert.deepEqual(rules(q, restated), ['26', '26']);
});
