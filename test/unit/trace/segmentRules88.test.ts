// Pass 88's rules (docs/segmentation-eval.md, "Stop 40: pass 88"), on short hand-written texts (not
// taken from the development sets), each with a negative case for its limits.
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

// 88f (segment.ts opensWithReread, quotesQuestion): the answer's format template read back after a
// marker ('the problem says "Answer: <answer>"') is talk about the format, no condition re-read: the
// answer stated after it merges. A condition of the question quoted there is still a re-read.
const QR =
  'Five runners finish a race. Ben finishes right before Dan, and Dan is not first. Who finished in position 2? End your reply with a line of the form "Answer: <answer>".';
const RACE = (mid: string): string =>
  `<think>\nBen cannot be last, and Dan is not first, so Ben is first and Dan second. Therefore, position 2 is Dan.\n\n${mid} So the answer is Dan.\n</think>\n\nAnswer: Dan`;

test('88f: the format template quoted after a marker is no re-read; the answer after it merges', () => {
  assert.deepEqual(values(QR, RACE('But wait, the problem says "Answer: <answer>" and the choices are the five runners.')), ['Dan']);
});

test('negative 88f: a condition of the question quoted after a marker is still a re-read', () => {
  assert.deepEqual(
    values(
      QR,
      RACE('But wait, the problem says "Ben finishes right before Dan, and Dan is not first." and that holds for the order we found.'),
    ),
    ['Dan', 'Dan'],
  );
});

// 88a (segment.ts announcedRecheck, in the walk back and the restatement test): a re-check announced at
// a sentence's start ("Let me make sure ...", "Let's double-check: ...") and carried out before a strong
// statement of the same value goes back over the reasoning: the statement after it is an echo (the
// guide's re-check in words). A bare "Let me make sure. Yes.", a check that only assumes the value and a
// check of one step merge (multiple choice is left out: docs/segmentation-eval.md, pass 88).
const QM = 'A bakery packs 6 muffins in each box. How many muffins are in 9 boxes?';
const MUFFINS = '9 boxes of 6 muffins each gives 9 * 6 = 54. So the number of muffins is 54.\n\n';

test('88a: a re-check announced and carried out in words ends in an echo', () => {
  const check =
    'Let me make sure I read the packing right: every box holds the same number of muffins, none of the boxes is half full, and all the boxes are counted from the first to the last. So the answer is 54.';
  assert.deepEqual(values(QM, MUFFINS + check), ['54', '54']);
});

test('negative 88a: a bare "Let me make sure. Yes." re-examines nothing and merges', () => {
  assert.deepEqual(values(QM, `${MUFFINS}Let me make sure. Yes, that is right. So the answer is 54.`), ['54']);
});

test('negative 88a: a check that only assumes the value (no other number) merges', () => {
  const check =
    'Let me check once more. Suppose there are 54 muffins in all. Then the boxes hold 54 muffins between them, and 54 muffins is just what we found before. So the answer is 54.';
  assert.deepEqual(values(QM, MUFFINS + check), ['54']);
});

test('negative 88a: a check announced of one step (the guide: a confirmed sub-step) merges', () => {
  const q = 'A bakery fills 9 boxes with 6 muffins each, and 4 muffins break. How many whole muffins are left?';
  const body =
    '9 * 6 = 54 muffins, and 54 - 4 = 50. So the number of whole muffins left is 50.\n\nLet me just double-check one step: every one of the nine boxes was full, so none of the muffins were missing before four of them broke on the way. So the answer is 50.';
  assert.deepEqual(values(q, body), ['50']);
});
