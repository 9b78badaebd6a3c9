// The thirty-eighth pass's rules (multiple choice; docs/segmentation-eval.md "Stop 28: pass 38"),
// one short hand-written example each, with what each rule must leave as it was. The pass's
// development data: the real dev sets (fresh20's MMLU-Pro above all) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string): string[] => read(query, body).attempts.map((a) => a.candidate.value);

// Ten options, A to J, as MMLU-Pro lists them.
const tenOptions =
  'Which habit best protects a wooden deck from rot? Options: A. Painting it black. B. Washing it daily. C. Covering it with carpet. D. Adding more nails. E. Leaving it wet. F. Sealing it every two years. G. Sanding it monthly. H. Planting vines on it. I. Keeping furniture off it. J. Storing firewood on it.';

test('38a: a question listing options past E (A-J) reads them all: "So the answer is G." chooses G', () => {
  const body =
    'Water gets into the grain and the wood decays. Sealing keeps water out. So the answer is F.\n\nHmm, sanding opens the grain, though. No, sealing is what matters. So the answer is F.';
  assert.deepEqual(rules(tenOptions, 'Sealing keeps water out of the wood. So the answer is F.'), ['F']);
  const s = read(tenOptions, `<think>\n${body}\n</think>\n\nThe answer is (F).`);
  assert.equal(s.final?.value, 'F');
  assert.equal(s.optionOf?.get(normalized('Storing firewood on it.')), 'j');
  // A letter the question does not list is still no choice ("So the answer is K.").
  assert.deepEqual(rules(tenOptions, 'Sealing keeps water out of the wood. So the answer is K.'), []);
  // Five options: F is not one of them.
  const five = tenOptions.replace(/ F\.[^]*$/, '');
  assert.deepEqual(rules(five, 'Sealing keeps water out of the wood. So the answer is F.'), []);
});

test('38b: "So B might be the answer" guesses an option, it does not commit to it', () => {
  const body =
    'Carpet traps moisture, so C is bad. So F might be the answer.\n\nLet me think about sanding. It does not keep water out. So the answer is F.';
  assert.deepEqual(rules(tenOptions, body), ['F']);
  assert.deepEqual(rules(tenOptions, body.replace('So F might be the answer', 'So D could be right')), ['F']);
  // Committed, the same sentence is the candidate (the later one restates it).
  const committed = body.replace('So F might be the answer.', 'So F is the answer.');
  const first = read(tenOptions, committed).attempts[0].candidate;
  assert.equal(first.value, 'F');
  assert.ok(first.start < committed.indexOf('Let me'));
});

test('38c: where "I" is an option, "So I think" and "So I and II" are the pronoun and the numeral, not option I', () => {
  const body = 'Keeping furniture off spreads the load, but it is not about rot. So I think it is sealing. So the answer is F.';
  assert.deepEqual(rules(tenOptions, body), ['F']);
  assert.deepEqual(
    rules(tenOptions, 'Statements I and II both hold here. So I and II are true, which is about sealing. So the answer is F.'),
    ['F'],
  );
  assert.deepEqual(rules(tenOptions, "Furniture is not the point. So I'm going with sealing: so the answer is F."), ['F']);
  // The letter itself: "option I (keeping furniture off)", "So the answer is I."
  assert.deepEqual(rules(tenOptions, 'Rot needs water trapped under objects, so the answer is option I (keeping furniture off).'), ['I']);
  assert.deepEqual(rules(tenOptions, 'Rot needs water trapped under objects. So the answer is I.'), ['I']);
});

function normalized(s: string): string {
  return s.toLowerCase().replace(/[\s.]/g, '');
}

test('38e: "the answer is E or G" leaves two options open and commits to neither', () => {
  const letters = (b: string) => read(tenOptions, b).statements.map((st) => st.value);
  const body = 'Sealing and sanding both touch the surface. So the answer is F or G. Sanding removes wood, sealing keeps water out.';
  assert.deepEqual(letters(body), []);
  assert.deepEqual(letters(body.replace('F or G', '(F) or maybe option G')), []);
  // One option, then another clause with "or": the first is chosen ("F, or so it seems" is no second option).
  assert.deepEqual(letters(body.replace('F or G', 'F, or so it seems')), ['F']);
  assert.deepEqual(letters(body.replace('F or G', 'F, clearly')), ['F']);
});
