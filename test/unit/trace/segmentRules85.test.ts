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

// 85j (segment.ts derivationBetween, the walk back and the restatement test without a marker): arithmetic
// said in words ("24 divided by 3 is 8, and 8 times 8 is 64") between two statements of one value is new
// work, as the same arithmetic written with symbols is (the guide: the same value reached again through
// new work is a new candidate).
const QF = 'A fence has 8 equal sections. Three sections together measure 24 meters. How long is the whole fence?';
const FIRST = 'One section is 24 / 3 = 8 meters, so the whole fence is 8 * 8 = 64 meters long.\n\nI think that is solid. ';
const LAST = ' Yep, that is right.\n\nSo the whole fence is 64 meters long.';

test('85j: arithmetic said in words between two statements of the value makes the later one an echo', () => {
  assert.deepEqual(values(QF, `${FIRST}The math once more: 24 divided by 3 is 8, and 8 times 8 is 64.${LAST}`), ['64', '64']);
});

test('negative 85j: words without arithmetic between them merge', () => {
  assert.deepEqual(values(QF, `${FIRST}The fence really is that long, nothing is missing.${LAST}`), ['64']);
});
