// Pass 83's rules (docs/segmentation-eval.md, "Stop 38: pass 83"), on short hand-written texts (not
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

// 83a (segment.ts, the walk back from the segment's candidate): a conclusion about the asked quantity
// followed by new work (a recap that recomputes) that ends in a weaker result line writing the same
// value is a candidate of its own, and the result line an echo (the guide: the same value reached
// again through new work is a new candidate).
const QA = 'A library has 12 shelves with 45 books each. It buys 138 more books. How many books are in the library now?';
const CHECKED =
  '12 times 45 is 540, and 540 plus 138 is 678. So the library has 678 books. Hmm.\n\nLet me check that again. 540 + 138, column by column: 0 + 8 = 8, 4 + 3 = 7, 5 + 1 = 6. So that would be 678. Yes, that seems right.\n\nSo the total number of books in the library now is 678.';

test('83a: a recap that recomputes the value after its conclusion ends in an echo', () => {
  assert.deepEqual(
    values(QA, `${CHECKED} Let me just recap all the steps.\n\nShelves: 12 * 45 = 540. Bought: 540 + 138 = 678. Seems okay.`),
    ['678', '678', '678'],
  );
});

test('negative 83a: a result line that only restates the conclusion merges into it', () => {
  assert.deepEqual(values(QA, `${CHECKED} In short:\n\nTotal = 678`), ['678', '678']);
});
