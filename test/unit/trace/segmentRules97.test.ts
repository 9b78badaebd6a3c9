// Pass 97's rules (docs/segmentation-eval.md, "Stop 42: pass 97"), on short hand-written texts (not
// taken from the development sets or families), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

const QB = 'A baker packs 156 rolls into boxes of 12. How many boxes does she fill?';
const BOXES = '156 rolls in boxes of 12 gives 156 / 12 = 13. So the number of boxes is 13.\n\n';

// 97a (segment.ts announcedRecheck, otherMethodCheckRe): a check announced as done another way
// re-derives the answer by that method, an echo even where the other method is short (fewer than
// ANNOUNCED_WORK characters after the announcement); a check that only looks for another reading
// ("check if there's a different unit") announces no method and merges.
test('97a: a check by another method, short, ends in an echo', () => {
  const check = 'Let me check it another way. Twelve boxes would hold only 144 rolls, too few. So the number of boxes is 13.';
  assert.deepEqual(values(QB, BOXES + check), ['13', '13']);
});

test('97a: "cross-check with a different approach" announces a re-check; the answer after it is an echo', () => {
  const check = 'Hmm, maybe I should cross-check with a different approach. Twelve boxes are short by a box. So the number of boxes is 13.';
  assert.deepEqual(values(QB, BOXES + check), ['13', '13']);
});

test('negative 97a: a check for a different reading, no other method, merges', () => {
  const check = 'But maybe I should check if there is a different unit here. No, boxes are boxes. So the number of boxes is 13.';
  assert.deepEqual(values(QB, BOXES + check), ['13']);
});

// 97b (segment.ts announcedRecheck, operationRe): an announced check shorter than ANNOUNCED_WORK that
// carries out an operation on a number ("× 12 ... =") is new work, and the answer after it an echo; a
// short check that only lists numbers ("1: first box, 2: second box") merges.
test('97b: a short announced check that multiplies again ends in an echo', () => {
  const check = 'Let me double-check. Thirteen boxes × 12 rolls each = all the rolls. So the number of boxes is 13.';
  assert.deepEqual(values(QB, BOXES + check), ['13', '13']);
});

test('negative 97b: a short announced check with numbers but no operation merges', () => {
  const check = 'Let me double-check. The rows again: 1: first box, 2: second box, all full. So the number of boxes is 13.';
  assert.deepEqual(values(QB, BOXES + check), ['13']);
});

// 97c (segment.ts announcedRecheckRe): the announcement with a modal ("I should make sure", "I should
// verify", "I need to double-check") and the verb "sanity-check", read as "Let me make sure" is; the
// check carried out after it must still be new work (a bare "Yes, it is right." merges).
const ROLLS = 'Twelve full boxes would hold only 144 rolls, which leaves some rolls without a box, so one more box is needed for them. ';

test('97c: "But wait, I should make sure." announces a re-check; the answer after it is an echo', () => {
  assert.deepEqual(values(QB, `${BOXES}But wait, I should make sure. ${ROLLS}So the number of boxes is 13.`), ['13', '13']);
});

test('97c: "Let me sanity-check this." announces a re-check; the answer after it is an echo', () => {
  assert.deepEqual(values(QB, `${BOXES}Let me sanity-check this. ${ROLLS}So the number of boxes is 13.`), ['13', '13']);
});

test('negative 97c: "I should make sure" with nothing re-examined merges', () => {
  assert.deepEqual(values(QB, `${BOXES}But wait, I should make sure. Yes, it is right. So the number of boxes is 13.`), ['13']);
});

// 97d (segment.ts mismatchAfterRe): a check's weak result followed at once by words saying it differs
// from the earlier answer ("— not the same!", "That disagrees with what I had.", "not matching", "not
// what I had") is an attempt of its own, a change, as pass 76d read "That is different from ...".
// Words of doubt further on ("are they not the same?" after a clause) are not read.
const QP = 'A price rose from 80 to 100 dollars. What was the percentage increase?';
const PRICE =
  'Dividing the rise by the new price: 20 ÷ 100 x 100 = **20%**\n\nAnswer: **20%**\n\n## Double-check\nTo be safe, I redo it with the ratio of the prices.\n* 100 ÷ 80 = 1.25.\n\nThen (1.25 - 1) x 100 = 25%';
const FIXED = '\n\nThe base must be the old price, 80.\n\n> Answer — 25%';

test('97d: "— not the same!" after a check\'s result makes it a change', () => {
  assert.deepEqual(values(QP, `${PRICE} — not the same!${FIXED}`), ['20%', '25%']);
});

test('97d: "That disagrees with what I had." after a check\'s result makes it a change', () => {
  assert.deepEqual(values(QP, `${PRICE}. That disagrees with what I had.${FIXED}`), ['20%', '25%']);
});

test('negative 97d: a question about the two ways a clause later is not read', () => {
  assert.deepEqual(values(QP, `${PRICE}. So the ratio way and the first way, are they not the same?${FIXED}`), ['20%']);
});

// The guards added after the unit folder (segmentRules13's "words alone re-examine nothing" and
// segmentRules46's ticked check lines failed at 087ce47): a short check whose operations are check
// lines closed by a tick confirms sub-steps (97b), and a modal announcement checked in words alone,
// no number, is a question waved off (97c). Both merge.
test('negative 97b: a short check of ticked lines merges', () => {
  const check = 'Let me verify.\nCheck: 13 × 12 = 156 \u2713; 156 − 144 = 12 \u2713.\nGood, so the number of boxes is 13.';
  assert.deepEqual(values(QB, BOXES + check), ['13']);
});

test('negative 97c: a modal announcement answered in words alone merges', () => {
  const check =
    'I should double-check: is there any catch in how the rolls go into the boxes? No, every box takes the same count of rolls. So the number of boxes is 13.';
  assert.deepEqual(values(QB, BOXES + check), ['13']);
});
