// Pass 73's rules (docs/segmentation-eval.md, "Stop 36: pass 73"), on short hand-written texts (not
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

// 73a (segment.ts readAttempts, otherOptionChecked): in a multiple-choice question, another option
// checked again and judged after a marker ("Let me check option A again ... So A is invalid") is new
// work: the pick stated after it is an echo.
const QM =
  'Which bird cannot fly? (A) Sparrow, it migrates each autumn (B) Eagle, it hunts from above (C) Penguin, it swims in cold seas (D) Crow, it nests in tall trees';

test('73a: the pick stated again after another option is re-checked and ruled invalid: an echo', () => {
  assert.deepEqual(
    values(
      QM,
      'Penguins have flippers instead of wings that can lift them. So the answer is C.\n\nWait, let me check option A again, just to be sure. Sparrows flap and glide over long distances. So A is invalid.\n\nSo the answer is C.',
    ),
    ['C', 'C'],
  );
});

test('negative 73a: other options explained as distractors (no judgement of them) merge', () => {
  assert.deepEqual(
    values(
      QM,
      "Penguins have flippers instead of wings that can lift them. So the answer is C.\n\nChecking the other options:\n(A) Sparrow is what you get by mixing up migration with flight.\n(D) Crow doesn't match anything I read.\n\nSo the answer is C.",
    ),
    ['C'],
  );
});

test('negative 73a: the same pick judged against itself is no check of another option', () => {
  assert.deepEqual(
    values(
      QM,
      'Penguins have flippers instead of wings that can lift them. So the answer is C.\n\nWait, let me look at option C again. Option C is correct.\n\nSo the answer is C.',
    ),
    ['C'],
  );
});

// 73c (segment.ts readAttempts, conditionChecked): outside multiple choice, a re-check after a marker
// that tests the question's conditions and judges them ("Clue 2 ... that works", "All clues are
// satisfied", "this case is invalid") is new work: the answer stated after it is an echo (the guide:
// checking each clue of a puzzle re-examines the answer).
const QP =
  'Four runners, Pia, Omar, Lena and Raj, finish a race. Omar finishes right after Pia. Lena is not first. Raj finishes last. Who finishes second?';

test('73c: the answer stated again after the clues are re-checked and judged: an echo', () => {
  assert.deepEqual(
    values(
      QP,
      'Raj is fourth. Lena is not first, so Pia is first and Omar is second, leaving Lena third. So the answer is Omar.\n\nWait, let me check the clues again. Omar right after Pia: Pia first, Omar second, that works. Lena third, not first. Raj last. All clues are satisfied. So the answer is Omar.',
    ),
    ['Omar', 'Omar'],
  );
});

test('negative 73c: a bare "is that right? Yes." re-examines nothing: merged', () => {
  assert.deepEqual(
    values(
      QP,
      'Raj is fourth. Lena is not first, so Pia is first and Omar is second, leaving Lena third. So the answer is Omar.\n\nWait, is that right? Yes. So the answer is Omar.',
    ),
    ['Omar'],
  );
});

test('negative 73c: a condition only asked about ("does this satisfy every clue?") judges nothing: merged', () => {
  assert.deepEqual(
    values(
      QP,
      'Raj is fourth. Lena is not first, so Pia is first and Omar is second, leaving Lena third. So the answer is Omar.\n\nWait, does this satisfy every clue? So the answer is Omar.',
    ),
    ['Omar'],
  );
});
