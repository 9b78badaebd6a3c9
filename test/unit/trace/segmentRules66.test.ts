// Pass 66's rule (docs/segmentation-eval.md, "Stop 33: pass 66"), on short hand-written texts: a bare
// result line of arithmetic that a correction right after it calls a mistake was adopted and then
// corrected, a candidate; with a negative case for each of its limits.
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

const Q = 'A baker fills 7 trays with 13 rolls each and then sells 12 rolls. How many rolls are left?';

test('a result line that the next sentence calls a mistake is a candidate, then the corrected value', () => {
  const body =
    "Rolls baked: 7 × 13 = 91. Left after selling:\n91 - 12 = 89\n\nWait, that's not right. 91 minus 12 is 79, I slipped on the tens.\n\nSo the number of rolls left is 79.";
  assert.deepEqual(values(Q, body), ['89', '79']);
  const body2 =
    'Rolls baked: 7 × 13 = 91. Left after selling:\n91 - 12 = 89\n\nActually, no, I made an error in the subtraction: 91 - 12 = 79.\n\nSo the number of rolls left is 79.';
  assert.deepEqual(values(Q, body2), ['89', '79']);
});

test('negative: a result doubted and then found right is a step the work goes on with', () => {
  const body =
    "Rolls baked: 7 × 13 = 91. Left after selling:\n91 - 12 = 89\n\nWait, that's not right? Let me redo it... yes, same thing.\n\nSo the number of rolls left is 79.";
  assert.deepEqual(values(Q, body), ['79']);
});

test('negative: a doubted value the work writes again is not left behind', () => {
  const body =
    'Rolls per tray times trays:\n7 × 13 = 91\n\nHmm, that seems off. Checking: 13 + 13 + 13 + 13 + 13 + 13 + 13 is 91, fine.\n\nSo the number of rolls left is 91 - 12 = 79.';
  assert.deepEqual(values(Q, body), ['79']);
});

test("negative: a variable's value before a correction is a step toward the asked quantity", () => {
  const q = 'If x = y + 4 and 2x + 2y = 20, what is x + y?';
  const body =
    "Substituting, 4y + 8 = 20, so 4y = 12.\n$y = 12/4 = 4$\n\nWait, that's not right: y = 3. Then x = 7, and x + y = 10.\n\nSo the answer is 10.";
  assert.deepEqual(values(q, body), ['10']);
});

test('negative: a bare interjection that doubts nothing leaves the result line a step', () => {
  const body =
    'Rolls baked: 7 × 13 = 91. Left after selling:\n91 - 12 = 89\n\nWait, the baker also sold 10 more in the afternoon.\n\nSo the number of rolls left is 79.';
  assert.deepEqual(values(Q, body), ['79']);
});

const Q2 = 'A hall has 24 rows of 35 seats. How many seats does the hall have?';

test("a check's arithmetic that reaches the answer again mid-line is an echo", () => {
  const body =
    'Each row holds 35 seats: 24 × 35 = 840. So the answer is 840 seats.\n\nLet me verify by splitting the rows: 20 rows give 700 and 4 rows give 140, and 700 + 140 = 840, so the count holds.';
  assert.deepEqual(values(Q2, body), ['840', '840']);
});

test('negative: a recall of the earlier result after a check marker merges', () => {
  const body =
    'Each row holds 35 seats: 24 × 35 = 840. So the answer is 840 seats.\n\nLet me verify the setup: the rows are all the same length, and I already found 24 × 35 = 840 earlier, so nothing changes.';
  assert.deepEqual(values(Q2, body), ['840']);
});

test('negative: the value as an operand or as a case rejected is no result', () => {
  const body =
    'Each row holds 35 seats: 24 × 35 = 840. So the answer is 840 seats.\n\nLet me verify with halves: 12 rows are 12 × 35 = 420, and 2 × 420 = 840 / 1 rows, which is the same table.';
  assert.deepEqual(values(Q2, body), ['840']);
  const body2 =
    'Each row holds 35 seats: 24 × 35 = 840. So the answer is 840 seats.\n\nLet me check another reading: if the stage takes a row, 23 × 35 = 840 is not what we get, so that reading is out.';
  assert.deepEqual(values(Q2, body2), ['840']);
});
