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

test('negative 73a: other options judged in turn before the marker (the walk-through that led to the pick) merge', () => {
  assert.deepEqual(
    values(
      QM,
      'Penguins have flippers instead of wings that can lift them. So the answer is C. Sparrows fly south each year, so A is invalid.\n\nWait, let me look at penguins once more: their wings are flippers.\n\nSo the answer is C.',
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
