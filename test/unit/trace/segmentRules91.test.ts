// Pass 91's rule (docs/segmentation-eval.md, "Stop 40: pass 91"), on short hand-written texts (not
// taken from the development sets), with a negative case for its limits.
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

// 91a (segment.ts computesWith, in readAttempts): the segment's last word, a result whose own sentence
// computes with the value the segment concluded before it ("... = 1300. / Therefore, taking one from
// the other, we get 1250 - 1300 = -50."), is the segment's conclusion: the earlier value was an
// intermediate quantity (docs/annotation-guide.md). A later statement that does not compute with it
// leaves the segment as it was.
const Q = 'Find the sum 2 - 4 + 6 - 8 + ... + 98 - 100 of the first 50 even numbers with alternating signs.';
const SUM = (last: string): string =>
  'Split the terms. The positive terms are 2, 6, ..., 98: 25 terms, and their Sum = 25/2 * (2 + 98) = 1250.\n' +
  'The negative terms are 4, 8, ..., 100: Sum = 25/2 * (4 + 100) = 25 * 52 = 1300.\n\n' +
  `Therefore, taking one from the other, we get ${last}.\n\n` +
  'Wait, let me try small cases: 2 - 4 = -2, and 2 - 4 + 6 - 8 = -4, so each pair adds -2 and 25 pairs give -50. So the sum is -50.';

test('91a: a result computed with the value concluded before it is the segment conclusion', () => {
  assert.deepEqual(values(Q, SUM('1250 - 1300 = -50')), ['-50', '-50']);
});

test('negative 91a: a later result that does not compute with the earlier value changes nothing', () => {
  assert.deepEqual(values(Q, SUM('a difference of -50')), ['1300', '-50']);
});
