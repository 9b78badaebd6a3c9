// Pass 80's rules (docs/segmentation-eval.md, "Stop 38: pass 80"), on short hand-written texts (not
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

// 80a (segment.ts restatesConditions): after a check's marker, two or more of the question's
// conditions restated word for word without quotes re-read the conditions (the guide's re-check in
// words): the answer stated after them is an echo.
const QR =
  'Four friends sat in a row: Mia, Noah, Liam and Zoe. Mia sat to the left of Noah. Zoe sat at the right end. Liam sat between Mia and Noah. Who sat at the left end?';
const FIRST =
  'Liam sits between Mia and Noah, and Zoe takes the right end, so the order is Mia, Liam, Noah, Zoe. So the person at the left end is Mia.\n\nLet me double-check that.\n\n';

test('80a: the answer stated again after a check that restates two of the conditions is an echo', () => {
  assert.deepEqual(
    values(
      QR,
      `${FIRST}Mia sat to the left of Noah. Zoe sat at the right end. Both hold for that order.\n\nTherefore, the person at the left end is Mia.`,
    ),
    ['Mia', 'Mia'],
  );
});

test('negative 80a: one condition restated is no re-read, the answer after it merges', () => {
  assert.deepEqual(values(QR, `${FIRST}Mia sat to the left of Noah, as I said.\n\nTherefore, the person at the left end is Mia.`), ['Mia']);
});

// 80f (statements.ts namedOption, sharedBySome): a sentence that leaves out the word an option shares
// with some other options but not all ("great" of "great grandchild" and "great grandparent") names
// none of them: "Lena is Ruth's grandchild" is not option 3, "Lena is Ruth's great grandchild".
const QF =
  "Given the family relationships: * Ruth is Omar's parent. * Omar is Lena's parent. What is Lena's relationship to Ruth? Select the correct answer: 1. Lena is Ruth's niece or nephew. 2. Lena is Ruth's aunt or uncle. 3. Lena is Ruth's great grandchild. 4. Lena is Ruth's great grandparent. Enclose the selected answer number in the <ANSWER> tag, for example: <ANSWER>1</ANSWER>.";

test("80f: a relation without the option's telling word names no option", () => {
  assert.deepEqual(
    values(
      QF,
      "Ruth is Omar's parent and Omar is Lena's parent.\n\nTherefore, Lena is Ruth's grandchild.\n\nHmm, none of the options says that.",
    ),
    [],
  );
});

test('negative 80f: the option written with every word still names it', () => {
  assert.deepEqual(
    values(QF, "Ruth is Omar's parent and Omar is Lena's parent.\n\nTherefore, Lena is Ruth's great grandchild.\n\nSo I pick that one."),
    ['3'],
  );
});
