// Pass 85's rules (docs/segmentation-eval.md, "Stop 39: pass 85"), on short hand-written texts (not
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

// 85a (segment.ts rereadWithoutMarker, the walk back from the segment's candidate): a check raised in
// words without a "?" ("let's check if ...", "we must make sure that ...") and answered with a reason
// ("the problem states", a sentence opening "Since") goes back over the reasoning for the asked
// quantity: the conclusion after it is an echo (the guide's re-check in words), not a restatement.
const QA = 'A garden has 7 rows of 8 tulips. How many tulips are in the garden?';
const OPEN =
  '<think>\n7 rows of 8 tulips each gives 7 * 8 = 56. So the number of tulips in the garden is 56.\n\nTherefore, the answer is 56. ';
const CLOSE =
  '\n\nTherefore, the number of tulips in the garden is 56.\n\n**Final Answer**\n\\boxed{56}\n</think>\n\nThe garden has 7 * 8 = 56 tulips.';

test('85a: a check raised with "check if" and answered by what the problem states ends in an echo', () => {
  const check =
    "But let's check if the question could be read differently. Suppose some rows were planted twice over the seasons. But no, the problem states that the garden has rows of tulips, and a tulip in the ground is counted once. So each row holds its own tulips, and no row is counted twice.";
  assert.deepEqual(values(QA, OPEN + check + CLOSE), ['56', '56']);
});

test('85a: a check raised with "make sure that" and answered by a sentence opening "Since" ends in an echo', () => {
  const check =
    'We must make sure that no tulip is counted twice over the seasons. Since every tulip stands in exactly one row and the rows do not overlap, none of them is counted twice.';
  assert.deepEqual(values(QA, OPEN + check + CLOSE), ['56', '56']);
});

test('negative 85a: a check raised and waved through without a reason merges', () => {
  const check =
    'We must make sure that no tulip is counted twice over the seasons. That is fine here, nothing else to worry about for the tulips in this garden.';
  assert.deepEqual(values(QA, OPEN + check + CLOSE), ['56']);
});
