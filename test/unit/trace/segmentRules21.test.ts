// The twenty-first pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets (fresh3 and fresh5, gaokao questions answered partly in
// Chinese) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAnswer } from '../../../server/src/trace/answers.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record, values } from './segmentRuleHelpers.js';

// A gaokao question whose options may be right together, though it does not say so.
const mcq = '设z = 3 + 2i，则（ ） A. \\bar{z} = 3 - 2i B. |z| = 5 C. z^2 = 5 + 12i D. \\frac{z+3}{z-i} \\in \\mathbf{R}';
const options =
  'A: the conjugate is 3 - 2i, so option A is correct.\n\nB: |z| = \\sqrt{13}, so B is wrong.\n\nC: z^2 = 9 + 12i - 4 = 5 + 12i, so C is correct.\n\nD: (6+2i)/(3+i) = 2, a real number, so D is correct.\n\nSo A, C, and D are all true.\n\nWait, let me double-check B again: |z|^2 = 9 + 4 = 13, so |z| is \\sqrt{13}, not 5.\n\nFinal Answer: ACD\n\n';

test("a multiple-choice question answered with a boxed set of options is read as a multi-select one: its sets are candidates, one option's verdict is not", () => {
  // Before the rule the question, unmarked, was single-answer: "So A, C, and D" read as "A".
  assert.deepEqual(values(mcq, `${options}\\boxed{ACD}`), ['A, C, and D', 'ACD']);
  // A box of one letter leaves the question single-answer.
  assert.deepEqual(values(mcq, 'Only A holds: the conjugate of 3 + 2i is 3 - 2i. So the answer is A.\n\n\\boxed{A}'), ['A']);
});

test('a set of options boxed as text ("\\boxed{\\text{A、C、D}}") is that set', () => {
  // Before the rule it normalized to "a、c、d", another answer than "ACD".
  assert.equal(normalizeAnswer('\\text{A、C、D}'), 'acd');
  const s = segmentAttempts(record(mcq, `${options}\\boxed{\\text{A、C、D}}`), defaultSegmentOptions);
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.normalized),
    ['acd', 'acd'],
  );
});
