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
