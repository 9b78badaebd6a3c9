// The forty-second pass's rules (multiple choice, second round; docs/segmentation-eval.md "Stop 28:
// pass 42"), one short hand-written example each, with what each rule must leave as it was. The
// pass's development data: the real dev sets (fresh20's MMLU-Pro, fresh4's Gaokao) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// Ten options, A to J, as MMLU-Pro lists them.
const tenOptions =
  'Which habit best protects a wooden deck from rot? Options: A. Painting it black. B. Washing it daily. C. Covering it with carpet. D. Adding more nails. E. Leaving it wet. F. Sealing it every two years. G. Sanding it monthly. H. Planting vines on it. I. Keeping furniture off it. J. Storing firewood on it.';

test('42a: an option letter followed by what the option is about ("Option H is to plant vines") reads it out, it chooses nothing', () => {
  const body =
    'Sealing keeps water out of the grain. Option H is to plant vines on it, which keeps it damp.\n\nWait, vines trap water. So the answer is F.';
  assert.deepEqual(rules(tenOptions, body), ['F']);
  assert.deepEqual(rules(tenOptions, body.replace('Option H is to plant vines on it', 'So H is about planting vines')), ['F']);
  assert.deepEqual(rules(tenOptions, body.replace('Option H is to plant vines on it', 'Option H refers to climbing plants')), ['F']);
  assert.deepEqual(rules(tenOptions, body.replace('Option H is to plant vines on it', 'Option H mentions vines')), ['F']);
});

test('42a, negative: the option read out and given a verdict in its line, or committed to, still chooses it', () => {
  // A verdict in the rest of the line (as pass 35b reads "Option A says ... Correct.").
  assert.deepEqual(rules(tenOptions, 'Water is the enemy of wood. Option F is to seal it every two years, which is correct.'), ['F']);
  // "is" with a letter, not a description: the answer named.
  assert.deepEqual(rules(tenOptions, 'Water is the enemy of wood, and sealing keeps it out. So the answer is F.'), ['F']);
  // "is to" after the answer cue, not after the letter, is untouched.
  assert.deepEqual(rules(tenOptions, 'Sealing keeps water out. The best choice is F.'), ['F']);
});

test('42b: "option X" after a preposition or "look at" is examined, not chosen ("In option C, ...", "Look at option G.")', () => {
  const body =
    'Carpet traps water. In option C, the carpet holds water against the boards.\n\nWait, sealing keeps water out. So the answer is F.';
  assert.deepEqual(rules(tenOptions, body), ['F']);
  assert.deepEqual(rules(tenOptions, body.replace('In option C, the carpet', 'Look at option C. The carpet')), ['F']);
  assert.deepEqual(rules(tenOptions, body.replace('In option C, the carpet', 'The point of option C is that the carpet')), ['F']);
  assert.deepEqual(rules(tenOptions, body.replace('In option C, the carpet', 'Consider option C: the carpet')), ['F']);
});

test('42b, negative: an examined option given a verdict in its line, and "corresponds to option F", still choose', () => {
  assert.deepEqual(rules(tenOptions, 'Water is what rots wood. For option F, sealing keeps it out: correct.'), ['F']);
  assert.deepEqual(rules(tenOptions, 'Water is what rots wood, and sealing keeps it out, which corresponds to option F.'), ['F']);
  assert.deepEqual(rules(tenOptions, 'Water is what rots wood, and sealing keeps it out. So the answer is option F.'), ['F']);
});
