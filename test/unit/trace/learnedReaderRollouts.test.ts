// The default (learned) reader reads the tool's own rollouts back exactly (docs/segmentation-eval.md,
// "Stop 37"; docs/tiny-lm.md): the tiny-lm rollouts `train` / `experiment` write (renderTrace), the
// ds3 rollouts (renderRollouts) and the generator's traces (generateMultiplicationTraces), every
// attempt one sample with its value. Before stop 37 the stage vetoed a correct first attempt
// ("8 * 5 = 40") when the final answer was an untrained policy's far-off number ("8 * 5 = 71302886"):
// the candidate's size beside the final answer (value:magnitudeToFinal) outweighed the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statesAskedComputation } from '../../../server/src/trace/learnedReader.js';
import { generateMultiplicationTraces } from '../../../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { Layout, Rng, corruptAnswer, renderTrace, sampleProblem } from '../../../server/src/training/multiplication.js';
import { renderRollouts, type Ds3Trajectory } from '../../../server/src/training/ds3.js';
import { Rng as AnalysisRng } from '../../../server/src/analysis/random.js';

const learned = { ...defaultSegmentOptions, reader: 'learned' as const };
const values = (text: string): string[] => {
  const record = parseTrace(text).records[0];
  return segmentAttempts(record, learned).attempts.map((a) => a.candidate.normalized);
};

test('the learned reader keeps a correct first attempt that a far-off final answer corrects (the outsider repro)', () => {
  const text = [
    '=== x-1',
    'query: Calculate 8 * 5. Think step by step.',
    'answer: 40',
    '---',
    '8 * 5 = 40',
    'Wait, I made a mistake. Let me recompute.',
    '8 * 5 = 71302886',
  ].join('\n');
  assert.deepEqual(values(text), ['40', '71302886']);
});

test('tiny-lm rollouts (renderTrace): every attempt read back by both readers, whatever the policy answers', () => {
  const tasks = ['1x1', '2x1', '3x1', '4x1', '5x1', '2x2', '3x3'];
  const layout = new Layout(tasks, 4);
  const rng = new Rng(37);
  let records = 0;
  for (let i = 0; i < 2400; i++) {
    const p = sampleProblem(tasks[i % tasks.length], rng);
    const n = rng.int(1, 4);
    const answers: number[] = [];
    for (let k = 0; k < n; k++) {
      const kind = rng.int(0, 2);
      // The product, a one-digit slip of it, or an untrained policy's number of any size (up to the layout's digits).
      answers.push(
        kind === 0 ? p.product : kind === 1 ? corruptAnswer(layout, p.product, rng) : rng.int(0, 10 ** rng.int(1, layout.answerDigits) - 1),
      );
    }
    const text = renderTrace(p, { answers }, i % 2 ? 'base' : 'sft-reflection', `r-${i}`, undefined, 10);
    assert.deepEqual(values(text), answers.map(String), text);
    const rules = segmentAttempts(parseTrace(text).records[0], { ...defaultSegmentOptions, reader: 'rules' });
    assert.deepEqual(
      rules.attempts.map((a) => a.candidate.normalized),
      answers.map(String),
      text,
    );
    records++;
  }
  assert.equal(records, 2400);
});

test('ds3 rollouts (renderRollouts): as many attempts as outcomes, each judged as drawn', () => {
  const rng = new AnalysisRng(37);
  const trajectories: Ds3Trajectory[] = [];
  for (let i = 0; i < 600; i++) {
    const outcomes: boolean[] = [];
    const n = 1 + Math.floor(rng.next() * 4);
    for (let k = 0; k < n; k++) outcomes.push(rng.next() < 0.5);
    trajectories.push({ outcomes, truncated: false });
  }
  const text = renderRollouts(trajectories, 3, 4, rng, 'ds3');
  const records = parseTrace(text).records;
  assert.equal(records.length, trajectories.length);
  records.forEach((record, i) => {
    const read = segmentAttempts(record, learned).attempts.map((a) => a.candidate.normalized === '56');
    assert.deepEqual(read, trajectories[i].outcomes, record.body);
  });
});

test('generated traces (generateMultiplicationTraces): every attempt read back with its value', () => {
  // (Seed 1 holds three records the stage misread before stop 37: a dropped carry's far-off answer,
  // worked out by "=" and then stated explicitly, "... = 74412. / The final answer is \\boxed{74412}.")
  const tasks = ['1x1', '2x1', '2x2', '3x4', '5x5'].map((task) => ({ task, p: 0.4, delta1: 0.5, delta2: 0.8, n: 300 }));
  const rules = { ...defaultSegmentOptions, reader: 'rules' as const };
  let n = 0;
  let operandAnswers = 0;
  for (const t of generateMultiplicationTraces({ seed: 1, models: [{ name: 'm', echoRate: 0.3, tasks }], groupSize: 2 })) {
    const record = parseTrace(t.text).records[0];
    const read = values(t.text);
    // A dropped carry of a 1x1 product can write one of the question's operands as the answer ("2 * 6 =
    // 12 / Carrying through, the total is 2. / So the answer is 2."): the rules may read that
    // attempt's "2 * 6 = 12" instead (a rules matter, docs/segmentation-eval.md "Stop 37"); every
    // other record is read exactly.
    const want = t.attempts.map((a) => a.answer);
    const operands = [String(t.a), String(t.b)];
    if (read.length === want.length && read.every((v, k) => v === want[k] || operands.includes(want[k]))) {
      if (read.some((v, k) => v !== want[k])) {
        operandAnswers++;
        // There the learned stage vetoes nothing: it reads what the rules read.
        assert.deepEqual(
          read,
          segmentAttempts(record, rules).attempts.map((a) => a.candidate.normalized),
          t.text,
        );
      }
    } else assert.deepEqual(read, want, t.text);
    n++;
  }
  assert.equal(n, 1500);
  assert.ok(operandAnswers <= 2, `${operandAnswers} records misread where an attempt answers an operand`);
});

test("statesAskedComputation: the asked arithmetic on the question's numbers, as the value's own left side", () => {
  const q = analyzeQuestion('Calculate 8 * 5. Think step by step.');
  const at = (body: string, value: string) => statesAskedComputation(body, { start: body.lastIndexOf(value) }, q);
  assert.ok(at('8 * 5 = 40', '40'));
  assert.ok(at('So 8 × 5 = 40', '40'));
  assert.ok(at('Seven eights: 8 * 5 = 41', '41'));
  // Another computation, a chain's later step, an unrelated left side, no "=": not the asked result.
  assert.ok(!at('2 + 8 * 5 = 42', '42'));
  assert.ok(!at('8 * 5 = 8 * 4 + 8 = 40', '40'));
  assert.ok(!at('8 * 4 = 32', '32'));
  assert.ok(!at('8 * 5 is 40', '40'));
  assert.ok(!statesAskedComputation('x = 40', { start: 4 }, analyzeQuestion('What is the value of x?')));
});
