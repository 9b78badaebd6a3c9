// Pass 92's rules (docs/segmentation-eval.md, "Stop 41: pass 92"), on short hand-written texts (not
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

const QT = 'A farmer plants 8 rows of 7 trees each. How many trees does he plant?';
const TREES = '8 rows of 7 trees each gives 8 * 7 = 56. So the number of trees is 56.\n\n';
// A paragraph of talk about the reply (no number, no re-check), 538 characters.
const TALK =
  'Now I should think about how to present this. The reply should be short and clear, with the reasoning first and the result at the end, written in plain words so that a reader can follow it without effort. I will keep the sentences simple and avoid any unneeded detail, since the reader only wants to see how the result comes about and what it is. I also want the layout to be tidy: one short paragraph for the setting, one for the reasoning and one line for the result, nothing more than that. The reader should not have to search for anything.\n\n';
const ROWS =
  'there are 8 rows, every row holds the same number of trees, no row is only half planted, and each row is counted once from the first to the last.';

// 92a (segment.ts announcedRecheck, ANNOUNCED_GAP): a re-check announced and carried out after a
// paragraph of other talk (a gap longer than 600 characters) still ends in an echo; the pattern reads
// the gap's last ANNOUNCED_GAP characters, so an announcement further back is not read.
test('92a: an announced re-check after a paragraph of other talk ends in an echo', () => {
  assert.deepEqual(values(QT, `${TREES}${TALK}Let me make sure I read the rows right: ${ROWS} So the answer is 56.`), ['56', '56']);
});

test('negative 92a: an announcement more than ANNOUNCED_GAP characters back is not read', () => {
  assert.deepEqual(values(QT, `${TREES}Let me make sure I read the rows right: ${ROWS}\n\n${TALK.repeat(6)}So the answer is 56.`), ['56']);
});

// 92b (segment.ts announcedRecheckRe, recalledWorkRe): the announcement opened by "To" ("But to make
// sure, ...") or after two opening words ("But wait, let me double-check ..."); a check that recalls
// earlier work ("as computed earlier ..., we already found ...") re-examines nothing and merges.
test('92b: "But to make sure, ..." announces a re-check; the answer after it is an echo', () => {
  assert.deepEqual(values(QT, `${TREES}But to make sure, I go over the rows again: ${ROWS} So the answer is 56.`), ['56', '56']);
});

test('92b: "But wait, let me double-check ..." announces a re-check; the answer after it is an echo', () => {
  assert.deepEqual(values(QT, `${TREES}But wait, let me double-check the rows: ${ROWS} So the answer is 56.`), ['56', '56']);
});

test('negative 92b: a check that recalls earlier work merges', () => {
  const check =
    'But wait, let me double-check the rows: as computed earlier there are 8 rows of 7 trees, and we already found that this gives the total, so nothing changes from before. So the answer is 56.';
  assert.deepEqual(values(QT, TREES + check), ['56']);
});

// 92c (segment.ts announcedRecheckRe): a check named as a heading ("Check the rows again: ...") announces
// a re-check as "Let me check again" does; a heading about the format ("Check the answer format: ...")
// is format talk and merges.
test('92c: a check named as a heading and carried out ends in an echo', () => {
  assert.deepEqual(values(QT, `${TREES}Check the rows again: ${ROWS} So the answer is 56.`), ['56', '56']);
});

test('negative 92c: a heading about the format merges', () => {
  const check =
    'Check the answer format: the reply should give the number of trees as a plain whole number, with no units after it and no words around it, on a line of its own at the very end. So the answer is 56.';
  assert.deepEqual(values(QT, TREES + check), ['56']);
});
