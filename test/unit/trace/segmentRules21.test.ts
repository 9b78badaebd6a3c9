// The twenty-first pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets (fresh3 and fresh5, gaokao questions answered partly in
// Chinese) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAnswer } from '../../../server/src/trace/answers.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { sentenceBoundaries } from '../../../server/src/trace/statements.js';
import { record, values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

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

// Known limitation (stop 33): an explicit answer elsewhere in the record ("答案为 2", read since
// stop 33; "the answer is 2" in English alike) makes a weak conclusion of another value a step
// (segment.ts concludesByCue, answerLike), so an attempt corrected after "Wait, ... not 12" is lost.
// Kept as a todo so the case stays visible until the rule that tells a corrected conclusion from an
// intermediate value lands (docs/segmentation-eval.md, "Stop 33: what happened").
test('a conclusion corrected after a marker survives an explicit answer elsewhere', { todo: true }, () => {
  const q = '已知等差数列的首项为 3，第 5 项为 11，求公差 d。';
  assert.deepEqual(
    values(q, '由 3 + 4d = 12 得 4d = 9，所以 d=9/4。\n\nWait, the fifth term is 11, not 12. 3 + 4d = 11, 4d = 8.\n\n故 d=2，答案为 2。'),
    ['9/4', '2'],
  );
  assert.deepEqual(
    values(
      q,
      'From 3 + 4d = 12 we get 4d = 9, so d=9/4.\n\nWait, the fifth term is 11, not 12. 3 + 4d = 11, 4d = 8.\n\nThus d=2, the answer is 2.',
    ),
    ['9/4', '2'],
  );
});

test('a Chinese conclusion cue (所以, 因此, 故, 综上所述) concludes its clause, up to "，" or "。"', () => {
  const q = '已知等差数列的首项为 3，第 5 项为 11，求公差 d。';
  // Before the rule only the last "= X" line was read: the corrected first attempt (9/4) was lost.
  assert.deepEqual(
    values(q, '由 3 + 4d = 12 得 4d = 9，所以 d=9/4。\n\nWait, the fifth term is 11, not 12. 3 + 4d = 11, 4d = 8.\n\n故 d=2。'),
    ['9/4', '2'],
  );
  // A re-check that recomputes, then a conclusion in Chinese: an echo.
  assert.deepEqual(
    values(q, '第 5 项 = 3 + 4d = 11，所以 d=2。\n\nWait, let me re-check: 11 - 3 = 8, and 8 / 4 = 2.\n\n因此 d 的值为 2。'),
    ['2', '2'],
  );
  const q2 = 'What is the smallest positive integer n such that n^2 > 150?';
  assert.deepEqual(
    values(
      q2,
      '12^2 = 144 < 150, 13^2 = 169 > 150。所以最小的 n 是 13。\n\nWait, let me check 12 again: 144 < 150, so 12 fails.\n\n综上所述，n=13。',
    ),
    ['13', '13'],
  );
});

test('。！？ end a sentence with no blank after them, as Chinese writes them', () => {
  const t = '所以 d=4。验证：成立！对吗？是的';
  const { starts, ends } = sentenceBoundaries(t, 0, t.length);
  // Before the rule the text was one sentence.
  assert.deepEqual([...ends], [t.indexOf('。'), t.indexOf('！'), t.indexOf('？')]);
  assert.deepEqual([...starts], [t.indexOf('。') + 1, t.indexOf('！') + 1, t.indexOf('？') + 1]);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('the Chinese cues and clause marks on 200 KB runs of them: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules21);
});

test('a question asking which of the names it offers is the greatest: a name judged so, or concluded, is a candidate', () => {
  const q =
    'Four runners finished a race. Alice ran 10 km in 50 minutes, Bianca ran 8 km in 32 minutes, Chloe ran 12 km in 72 minutes, and Dora ran 6 km in 40 minutes. Which runner has the greatest average speed?';
  const body =
    'Speeds in km per minute:\n\nAlice: 10/50 = 0.2\nBianca: 8/32 = 0.25\nChloe: 12/72 = 0.1667\nDora: 6/40 = 0.15\n\nSo Bianca has the greatest average speed.\n\nWait, let me double-check Chloe: 12/72 = 1/6 = 0.1667, less than 0.25. And Dora has the lowest speed.\n\nThus answer: Bianca.';
  // Before the rule no name was read: the record had no candidate but a number.
  assert.deepEqual(values(q, body), ['Bianca', 'Bianca']);
  // The least asked: the name judged the least, not one judged the greatest.
  const least = body.replace('So Bianca has the greatest', 'So Dora has the smallest').replace('answer: Bianca', 'answer: Dora');
  assert.deepEqual(values(q.replace('greatest', 'smallest'), least), ['Dora', 'Dora']);
});

test('a "how many" question: a count in words after a conclusion cue is the count ("there are no integers" is 0), a comparison is not', () => {
  const q = 'For how many integers $n$ with $n > 3$ is $n \\le 2$?';
  const body =
    'We need n > 3 and n ≤ 2 at once, which is impossible.\n\nTherefore, there are no integers n that satisfy both conditions.\n\nWait, let me check n = 3: 3 > 3 fails, and n = 4: 4 ≤ 2 fails. So there is one more case to rule out, n = 2: 2 > 3 fails.\n\nHence, there are no integers n that satisfy both.';
  // Before the rule the record had no candidate; "one more case" is no count.
  assert.deepEqual(values(q, body), ['0']);
  const q2 = 'How many values can be obtained from the expression $2\\cdot 3\\cdot 4\\cdot 5+1$ by inserting parentheses?';
  const body2 =
    "The values are 121, 144, 126, 130, 140, 125, 160.\n\nSo, that's seven different values.\n\nWait, I missed one: 2·(3·4·5+1) = 122 is new: 121, 122, 125, 126, 130, 140, 144, 160.\n\nSo the answer is 8.";
  // Before the rule the first attempt, in words, was lost.
  assert.deepEqual(values(q2, body2), ['seven', '8']);
  const s = segmentAttempts(record(q2, body2), defaultSegmentOptions);
  assert.equal(s.attempts[0].candidate.normalized, '7');
});
