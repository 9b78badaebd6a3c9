// Pass 98's rules (docs/segmentation-eval.md, "Stop 42: pass 98"): multiple choice, an option examined
// and an option picked. Short hand-written texts (not taken from the development sets or families), each
// with a negative case for its limits.
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

// 98a (statements.ts findOptionLetters, headsItsLines, verdictInLine): an option read out under its
// heading is examined, not picked (the guide: a choice letter's description), also where the heading
// brackets its letter ("Option (B): ..."), where its content stands on the lines below ("Option A:⏎..."),
// and where the line's only verdict is denied ("That doesn't sound correct").
const QS =
  'Four hikers (Ana, Ben, Cy, Dee) walk in single file. Ben is not first; Dee is directly behind Ana. Which order works? (A) Ben, Ana, Dee, Cy (B) Ana, Ben, Dee, Cy (C) Ben, Cy, Ana, Dee (D) Cy, Dee, Ana, Ben';

test('98a: bracketed headings "Option (B): ..." read out each option; only the verdict picks', () => {
  const body =
    'I test each order.\n\nOption (A): Ben, Ana, Dee, Cy\nBen is first, which is not allowed. So (A) fails.\n\nOption (B): Ana, Ben, Dee, Cy\nDee is not right behind Ana. So (B) fails.\n\nOption (C): Ben, Cy, Ana, Dee\nBen is first again. So (C) fails.\n\nOption (D): Cy, Dee, Ana, Ben\nDee is ahead of Ana, not behind. So (D) fails too.\n\nHmm, every option fails? Recheck (A): Ben is first, so it fails. Then I must have misread: the rule says Ben is not LAST. Then (A) works: Ben first is allowed and Dee follows Ana. So the answer is A.';
  assert.deepEqual(values(QS, body), ['A']);
});

test('98a: a heading whose content stands on the lines below ("Option C:⏎...") is no pick', () => {
  const body =
    'Going through them.\n\nOption B:\nAna, Ben, Dee, Cy\nDee is not behind Ana here.\n\nWait, I should look at all of them first.\n\nMoving to option C:\n\nBen, Cy, Ana, Dee\nBen leads, which the rule forbids.\n\nHmm, and the last one.\n\nOption D:\nCy, Dee, Ana, Ben\nDee precedes Ana.\n\nWait, I misread the rule: Ben is not last. So the answer is A.';
  assert.deepEqual(values(QS, body), ['A']);
});

test('98a: a heading with a denied verdict in its line ("That doesn\'t sound correct") is no pick', () => {
  const q =
    'Which statement about vaccines is true? (A) Vaccines contain live bacteria only. (B) Vaccines train the immune system to recognise a pathogen. (C) Vaccines cure existing infections. (D) Vaccines work instantly.';
  const body =
    'Option A: "Vaccines contain live bacteria only." That doesn\'t sound correct, many use inactivated viruses or proteins.\n\nWait, let me read the others too.\n\nOption C: "Vaccines cure existing infections." That is not true either; they prevent.\n\nHmm, vaccines prime memory cells against a pathogen, so the answer is B.';
  assert.deepEqual(values(q, body), ['B']);
});

test('negative 98a: a conclusion ending its line in a colon still picks ("So the answer is option B:")', () => {
  const q =
    'Which statement about vaccines is true? (A) Vaccines contain live bacteria only. (B) Vaccines train the immune system to recognise a pathogen. (C) Vaccines cure existing infections. (D) Vaccines work instantly.';
  const body = 'Vaccines prime memory cells against a pathogen. So the answer is option B:\nit trains the immune system.';
  assert.deepEqual(values(q, body), ['B']);
});

test('negative 98a: a heading whose line gives it a verdict ("Check option B: ... Correct.") still picks', () => {
  const q = 'Solve 2x + 3 = 11. (A) x = 3 (B) x = 4 (C) x = 5 (D) x = 7';
  const body = 'Check option B: 2 * 4 + 3 = 11. Correct.';
  assert.deepEqual(values(q, body), ['B']);
});

// 98e (statements.ts optionComparedRe): an option set beside something else ("close to option E",
// "similar to option A", "less likely than option B") is compared, not chosen; the pick comes after.
const QP =
  'A coat costs 28% less after a sale, and Mia paid $2.10 more than half the original price. What was the original price? (A) $75.00 (B) $76.50 (C) $77.90 (D) $80.00 (E) $81.25';

test('98e: "which is close to option C" compares a rough value with an option; the pick comes later', () => {
  const body =
    '0.72P = 0.5P + 2.10, so 0.22P = 2.10 and P is about 9.55... that is close to option C if I slipped a digit.\n\nWait, I mixed up the figures. Redo: 0.72P - 0.5P = 0.22P... the setup itself is off. With the right setup, P = 80.00, so the answer is D.';
  assert.deepEqual(values(QP, body), ['D']);
});

test('98e: "similar to option A" reads one option against another, no pick', () => {
  const q =
    'Which action is best when a spec is ambiguous? (A) Guess the intent. (B) Ask the author to clarify the spec. (C) Write both versions. (D) Skip the feature.';
  const body =
    'Writing both versions is wasteful, and that is similar to option A in that it puts off the decision.\n\nHmm, let me think again about who decides. The author knows the intent, so asking the author is best: the answer is B.';
  assert.deepEqual(values(q, body), ['B']);
});

test('negative 98e: "the same as option D" is not a comparison the rule reads (my result may be that option)', () => {
  const body = 'Solving 0.72P = 0.5P + 2.10 again with the discount on the sale price gives $80.00, which is the same as option D.';
  assert.deepEqual(values(QP, body), ['D']);
});
