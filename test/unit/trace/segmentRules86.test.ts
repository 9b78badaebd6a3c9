// Pass 86's rules (docs/segmentation-eval.md, "Stop 39: pass 86"), precision on multiple-choice
// records: options examined or ruled out are not picks. Short hand-written texts (not taken from the
// development sets), each with a negative case for its limits.
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

const QP =
  'Five crates P, Q, R, S, T are stacked one on another. R is directly above P. T is not at the bottom. Which order, from the bottom, is possible? (A) T, P, R, S, Q (B) P, Q, R, S, T (C) Q, P, R, T, S (D) P, R, Q, T, S (E) S, T, P, Q, R';

// 86a (statements.ts optionDeniedRe, notTheAnswerRe): an option ruled out with no verb ("So (A)
// fails.", "So (B) impossible.", "So (D) not correct.", "Thus (E) eliminated.") or judged and then
// called not the answer in its sentence ("So B is a property, not the answer") is no pick.
test('86a: options ruled out one by one without a verb are not picks', () => {
  assert.deepEqual(
    values(
      QP,
      'T is at the bottom in (A). So (A) fails.\n\nWait, check (B): R is not directly above P. So (B) impossible.\n\nWait, check (E): R is on top and P third. So (E) not correct.\n\nHmm, check (D): Q is third. Thus (D) eliminated.\n\nTherefore, the answer is (C).',
    ),
    ['C'],
  );
});

test('86a: an option judged and then called not the answer in its sentence is no pick', () => {
  assert.deepEqual(
    values(
      'Which of the following is NOT a property of cats? A. They purr B. They have whiskers C. They lay eggs D. They hunt mice',
      'A: cats purr. So A is a property, not the answer.\n\nWait, let me double-check B. Cats have whiskers. So B is a property, so not the answer.\n\nWait, let me look at C. Cats do not lay eggs. So the answer is C.',
    ),
    ['C'],
  );
});

test('negative 86a: "not" after a comma rules out the other option, the first stays picked', () => {
  assert.deepEqual(
    values(
      QP,
      'T is at the bottom in (A). So (A) fails.\n\nWait, check (C): P is second and R third, so R is directly above P, and T is fourth. So (C), not (A), is the answer.',
    ),
    ['C'],
  );
});

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
