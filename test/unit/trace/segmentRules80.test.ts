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

// 80g (segment.ts RESTATED_CONDITIONS_GAP 600 -> 1000; statements.ts optionReadOutRe): a re-check that
// restates the conditions and then goes over them at more length (700 characters) is still one; an
// option's content quoted right after "option 3 is" is the option read out, no pick.
const LONG_CHECK =
  'Mia sat to the left of Noah. Zoe sat at the right end. Both hold for that order. I want to be careful here, because seating puzzles are easy to get wrong when one reads a clue too quickly or mixes up left and right, or forgets that between means directly between in a row of four, so I will walk through the order one seat at a time from the left: the first seat holds the person with nobody to the left, the second seat holds the person right after, the third the next one, and the fourth is the right end where the clue puts Zoe, which leaves only three people for the first three seats, each of them placed by the clues about who sits left of whom.\n\nTherefore, the person at the left end is Mia.';

test('80g: a longer re-check that restates two of the conditions still makes the answer after it an echo', () => {
  assert.deepEqual(values(QR, `${FIRST}${LONG_CHECK}`), ['Mia', 'Mia']);
});

test('80g: an option\'s content quoted after "option 3 is" is the option read out, no pick', () => {
  assert.deepEqual(
    values(
      QF,
      "Let me consider the relationships again:\n\n- Ruth is Omar's parent\n\n- Omar is Lena's parent\n\nSo, Lena is Omar's child, and Omar is Ruth's child.\n\nTherefore, Lena is Ruth's grandchild.\n\nBut looking back at the options, option 3 is \"Lena is Ruth's great grandchild.\"\n\nWait, that seems similar but not quite. None of the options fits exactly, so I will pick the closest.\n\n<ANSWER>1</ANSWER>",
    ),
    ['1'],
  );
});

test('negative 80g: the option chosen with its content quoted after a cue still chooses it', () => {
  assert.deepEqual(
    values(
      QF,
      "So, Lena is Omar's child, and Omar is Ruth's child, two generations below.\n\nTherefore, the answer is option 3: \"Lena is Ruth's great grandchild.\"",
    ),
    ['3'],
  );
});

// 80h (segment.ts testsCaseInWords): a case tested in words, followed to a consequence and ruled out,
// is new work (the guide's re-check in words that tests a case), after a marker or not.
const PICK =
  'Liam sits between Mia and Noah, and Zoe takes the right end, so the order is Mia, Liam, Noah, Zoe. So the person at the left end is Mia.';

test('80h: the answer stated again after a case tested and ruled out (after a marker) is an echo', () => {
  assert.deepEqual(
    values(
      QR,
      `${PICK}\n\nWait, let me check the other seats. If Noah were at the left end, then Mia could not sit to his left, so that is impossible.\n\nSo the person at the left end is Mia.`,
    ),
    ['Mia', 'Mia'],
  );
});

test('80h: also without a marker', () => {
  assert.deepEqual(
    values(
      QR,
      `${PICK} If Noah sat first, then Mia would have no seat to his left, which is impossible. So the person at the left end is Mia.`,
    ),
    ['Mia', 'Mia'],
  );
});

test('negative 80h: a case dismissed on a condition already known (no consequence followed) merges', () => {
  assert.deepEqual(
    values(
      QR,
      `${PICK}\n\nWait, let me check the other seats. If Noah were at the left end, that is impossible by the second clue.\n\nSo the person at the left end is Mia.`,
    ),
    ['Mia'],
  );
});
