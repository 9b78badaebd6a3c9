// The eighth pass's rules (docs/segmentation-eval.md), one short hand-written example each: every
// one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineReading, evaluateSegmentation } from '../../../server/src/analysis/segmentationEval.js';
import { answersEqual, closedFormValue, normalizeAnswer } from '../../../server/src/trace/answers.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string, answer?: string) {
  return parseTrace(`=== 1\nquery: ${query}\n${answer !== undefined ? `answer: ${answer}\n` : ''}---\n${body}\n`).records[0];
}

/** Each candidate's value and offset in the body of one record with this question and body. */
function attempts(query: string, body: string): { value: string; start: number }[] {
  return segmentAttempts(record(query, body), defaultSegmentOptions).attempts.map((a) => ({
    value: a.candidate.value,
    start: a.candidate.start,
  }));
}

test('answers equal in value but written differently are equal: a closed form evaluated as a fallback', { timeout: 120_000 }, () => {
  assert.ok(answersEqual('\\sqrt{\\frac{11}{6}}', '\\frac{\\sqrt{66}}{6}'));
  assert.ok(answersEqual('sqrt(11/6)', '\\frac{\\sqrt{66}}{6}'));
  assert.ok(answersEqual('\\sqrt[3]{1.5}', '\\sqrt[3]{\\frac{3}{2}}'));
  assert.ok(answersEqual('2\\sqrt{3}', '\\sqrt{12}'));
  assert.ok(answersEqual('\\dfrac{\\pi}{2}', '\\pi/2'));
  assert.ok(answersEqual('2^{10}', '1024'));
  assert.ok(answersEqual('3 \\cdot 2 + 1', '7'));
  // Different values, and anything the evaluator does not fully read, stay different.
  assert.ok(!answersEqual('\\sqrt{13}', '2\\sqrt{3}'));
  assert.ok(!answersEqual('\\sqrt[3]{1.33}', '\\sqrt[3]{4/3}'));
  assert.ok(!answersEqual('2x', '2\\cdot x'));
  // (Stop 35: e and \\log are read now, test/unit/trace/answers.test.ts; a variable and an unknown command are not.)
  assert.ok(Number.isNaN(closedFormValue('\\sqrt{2}+x')));
  assert.ok(Number.isNaN(closedFormValue('\\lg{2}')));
  assert.ok(Number.isNaN(closedFormValue('(1+2')));
  assert.ok(Number.isNaN(closedFormValue('1/0')));
  // Bounded: a long or deeply nested text is refused (the test's timeout is a hang guard, not a measurement).
  assert.ok(Number.isNaN(closedFormValue('('.repeat(50_000) + '1' + ')'.repeat(50_000))));
  assert.ok(Number.isNaN(closedFormValue('('.repeat(60) + '1' + ')'.repeat(60))));
  // The engine judges its candidates with it.
  const body = 'So e = \\sqrt{11/6}.\nWait, rationalize: e = \\frac{\\sqrt{66}}{6}.\nSo the eccentricity is \\frac{\\sqrt{66}}{6}.';
  const s = segmentAttempts(record('Find the eccentricity of 5x^2 - 6y^2 = 1.', body, '\\frac{\\sqrt{66}}{6}'), defaultSegmentOptions);
  assert.ok(s.correct.length > 0 && s.correct.every((c) => c === true), JSON.stringify(s.normalized));
});

test('a multi-part answer equals another when its parts’ right-hand sides agree in order', () => {
  assert.ok(answersEqual('\\theta = \\frac{3\\pi}{2}, f(\\frac{2\\pi}{3}) = 1', '\\frac{3\\pi}{2}, 1'));
  assert.ok(answersEqual('x = 2, y = \\sqrt{4}', '2, 2'));
  assert.ok(!answersEqual('\\theta = \\frac{3\\pi}{2}, f(\\frac{2\\pi}{3}) = 2', '\\frac{3\\pi}{2}, 1'));
  // (Stop 36: a bare list in another order is one answer, as solutions are: ordered only where the
  // question asks for an order, normalizedEqualInOrder.)
  assert.ok(answersEqual('1, \\frac{3\\pi}{2}', '\\frac{3\\pi}{2}, 1'));
  assert.ok(!answersEqual('2, \\frac{3\\pi}{2}', '\\frac{3\\pi}{2}, 1'));
  assert.ok(!answersEqual('(1, 2)', '1, 2'));
});

const gaokao =
  '设U为64个点构成的集合，则X的数学期望值为（ ） A. -\\frac{1}{21} B. -\\frac{1}{63} C. 0 D. \\frac{1}{7}  请将答案放在 \\boxed{} 中。';

test('an option’s value written out (not a plain number) is that option, in Gaokao questions too', () => {
  const body =
    'The sum over the set is 0 - 3 = -3 and there are 63 points.\nMean = -3/63 = -1/21.\nWait, let me recheck the count: 64 - 1 = 63, and 3 * 16 * 0 = 0, so -3/63.\nSo the answer is A.';
  const a = attempts(gaokao, body);
  assert.equal(a[0]?.value, '-1/21', JSON.stringify(a));
  const s = segmentAttempts(record(gaokao, body, 'A'), defaultSegmentOptions);
  assert.equal(s.correct[0], true);
  // The evaluation judges an option's value as its letter, for the engine and the gold alike.
  const e = evaluateSegmentation([
    {
      id: '1',
      truth: 'A',
      gold: { id: '1', candidates: [{ value: '-1/21', offset: body.indexOf('-1/21') }], final: 'A' } as never,
      ...engineReading(s, gaokao),
    },
  ]);
  assert.equal(e.derived.gold.p.k, 1);
  assert.equal(e.derived.engine.p.k, 1);
  // A plain number that is an option ("C. 0") stays a step: it turns up in every derivation.
  assert.ok(!attempts(gaokao, 'The total is 3 * 16 * 0 = 0.\nSo the sum is 0.\nHmm, then 0 - 3 = -3.').some((x) => x.value === '0'));
});

test('a letter that is not an option of the question is not a chosen option', () => {
  const body = 'The expected value is $E[X] = \\frac{1}{63}\\sum X(A)$.\nWait, the sum is -3, so the mean is -1/21, which is option A.';
  const a = attempts(gaokao, body);
  assert.ok(!a.some((x) => x.value === 'E'), JSON.stringify(a));
});

const multi =
  '请解答以下数学题（多选题）。 已知直线l与圆相交，则（ ） A. k可以取任意实数 B. 满足条件的直线共有3条 C. 弦长之和的最大值为3 D. 当b=0时，s的最大值为2';

test('where several options may be right, the committed set is the candidate and a verdict on one option is not', () => {
  assert.equal(analyzeQuestion(multi).multiSelect, true);
  assert.equal(analyzeQuestion('Which of the following statements are correct? A. 1 B. 2 C. 3 D. 4').multiSelect, true);
  assert.equal(analyzeQuestion(gaokao).multiSelect, undefined);
  assert.equal(normalizeAnswer('B, C, and D'), 'bcd');
  assert.equal(normalizeAnswer('D、B'), 'bd');
  assert.ok(answersEqual('A, C and D', 'ACD'));
  const body =
    'We need to evaluate options A, B, C, and D.\nFor A: k cannot be any real number, so A is wrong.\nSo B is correct.\nChecking C again, so C is correct.\nOption D: the maximum is 2, so D is correct.\nSo B, C, and D could all be correct.\nFinal Answer: BCD';
  const a = attempts(multi, body);
  assert.deepEqual(
    a.map((x) => normalizeAnswer(x.value)),
    ['bcd'],
    JSON.stringify(a),
  );
  // A single-choice question keeps today's reading: the letters are candidates.
  const single = multi.replace('（多选题）', '');
  assert.ok(attempts(single, body).some((x) => x.value === 'B'));
});
