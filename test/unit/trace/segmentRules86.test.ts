// Pass 86's rule (docs/segmentation-eval.md, "Stop 39: pass 86"), precision: a case tried is no
// candidate. Short hand-written texts (not taken from the development sets), with a negative case for
// its limits.
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

// 86g (statements.ts tentative, caseAnswered, otherCaseAfterRe): an explicit answer given for a case the
// sentence supposes ("if ..., then the answer would be X" / "Assuming ..., then the answer is X") and
// followed at once by the other case ("otherwise ...", "Alternatively, if ...", "If ...") is a case
// tried, not a candidate.
test('86g: an answer for one case, the other case right after it, is no candidate', () => {
  assert.deepEqual(
    values(
      'How many ways are there to arrange 3 of 5 books on a shelf?',
      'If order did not matter, then the answer would be 10. Alternatively, if order matters, we need permutations.\n\nWait, on a shelf order matters: 5 * 4 * 3 = 60. So the answer is 60.',
    ),
    ['60'],
  );
  assert.deepEqual(
    values(
      'How many distinct values can 2 * 3 + 4 * 5 take when parentheses are inserted?',
      'There are 5 ways to insert parentheses. If all 5 values are distinct, then the answer is 5. If some coincide, the answer is less.\n\nWait, let me compute them: (2*3)+(4*5) = 26, 2*(3+4)*5 = 70, 2*(3+4*5) = 46, (2*3+4)*5 = 50, ((2*3)+4)*5 = 50. So there are 4 distinct values, and the answer is 4.',
    ),
    ['4'],
  );
});

test('negative 86g: an answer under an assumption the model holds, no other case after it, stays a candidate', () => {
  assert.deepEqual(
    values(
      'How many ways are there to arrange 3 of 5 books on a shelf?',
      'Assuming order matters, then the answer would be 60. On a shelf the order does matter.\n\nWait, let me double-check: 5 * 4 * 3 = 60. So the answer is 60.',
    ),
    ['60', '60'],
  );
});
