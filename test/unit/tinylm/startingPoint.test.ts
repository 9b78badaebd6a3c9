// The tiny-lm keys the Table 1 experiment stands on: the compact layout, re-check data
// (retryRate), training-task mixtures, starting from another run's weights (initFrom), and the
// rollouts' model name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Layout, Rng, TOK, decodeAttempts, reflectionSequence, sampleProblem } from '../../../server/src/training/multiplication.js';
import { learningRateAt, parseConfig } from '../../../server/src/training/tinylm/config.js';
import { maskWrongAttempts, responseMask } from '../../../server/src/training/tinylm/objectives.js';
import { resolveTinyLmConfig, trainTinyLm } from '../../../server/src/training/tinylm/train.js';
import { createRunDir } from '../../../server/src/training/runDir.js';
import { parseTrace } from '../../../server/src/trace/parse.js';

test('compact layout: each operand padded to its own width, answers to the longest product', () => {
  const square = new Layout(['1x1', '7x1'], 3),
    compact = new Layout(['1x1', '7x1'], 3, true);
  assert.deepEqual([square.promptLength, square.answerDigits, square.seqLength], [17, 14, 62]);
  assert.deepEqual([compact.widthA, compact.widthB, compact.promptLength, compact.answerDigits, compact.seqLength], [7, 1, 11, 8, 38]);
  const p = { a: 1234567, b: 9, product: 11111103, task: '7x1' };
  const seq = reflectionSequence(compact, p, { firstCorrect: 1, echo: 0 }, new Rng(1));
  assert.deepEqual(seq.slice(0, compact.promptLength), [TOK.BOS, 1, 2, 3, 4, 5, 6, 7, TOK.TIMES, 9, TOK.EQUALS]);
  assert.deepEqual(decodeAttempts(compact, seq).answers, [11111103]);
  assert.throws(() => compact.prompt({ a: 5, b: 12, product: 60, task: '1x2' }), /exceeds the operand widths 7, 1/);
});

test('retryRate: a correct answer is re-checked (RESAMPLE, the same answer) at that rate; 0 draws nothing extra', () => {
  const L = new Layout(['2x1'], 3);
  const rng = new Rng(3);
  let retries = 0,
    decisions = 0;
  for (let i = 0; i < 4000; i++) {
    const answers = decodeAttempts(
      L,
      reflectionSequence(L, sampleProblem('2x1', rng), { firstCorrect: 1, echo: 0, retryRate: 0.25 }, rng),
    ).answers;
    assert.ok(
      answers.every((a) => a === answers[0]),
      'every attempt is the correct answer',
    );
    retries += answers.length - 1;
    decisions += Math.min(answers.length, L.maxAttempts - 1);
  }
  assert.ok(Math.abs(retries / decisions - 0.25) < 0.02, `re-check rate ${retries / decisions}`);
  // Without retryRate the data stream is the one existing configs have always drawn.
  const a = new Rng(9),
    b = new Rng(9);
  const p = sampleProblem('2x1', new Rng(1));
  assert.deepEqual(
    reflectionSequence(L, p, { firstCorrect: 0.5, echo: 0.2 }, a),
    reflectionSequence(L, p, { firstCorrect: 0.5, echo: 0.2, retryRate: 0 }, b),
  );
  assert.equal(a.state, b.state);
});

test("lossOnWrongAttempts false: a wrong attempt's digits leave the loss, its RESAMPLE and the correction stay", () => {
  const L = new Layout(['2x1'], 3);
  const p = { a: 12, b: 7, product: 84, task: '2x1' };
  const rng = new Rng(1);
  let seq: number[] = [];
  while (decodeAttempts(L, seq).answers.length !== 2) seq = reflectionSequence(L, p, { firstCorrect: 0, echo: 0 }, rng);
  const tokens = Int32Array.from(seq);
  const mask = maskWrongAttempts(L, tokens, 1, [p.product], responseMask(L, tokens, 1));
  const at = (pos: number) => mask[pos - 1];
  for (let pos = L.attemptStart(0); pos < L.decisionPos(0); pos++) assert.equal(at(pos), 0, `wrong digit at ${pos}`);
  assert.equal(at(L.decisionPos(0)), 1, 'the RESAMPLE after it is trained');
  for (let pos = L.attemptStart(1); pos <= L.decisionPos(1); pos++) assert.equal(at(pos), 1, `correction at ${pos}`);
  assert.equal(parseConfig({ lossOnWrongAttempts: false }).lossOnWrongAttempts, false);
  assert.throws(() => parseConfig({ lossOnWrongAttempts: 0 }), /"lossOnWrongAttempts" must be true or false/);
});

test('config: training-task mixtures, initFrom, layout and modelName are checked', () => {
  const c = parseConfig({
    tasks: ['1x1'],
    oodTasks: ['2x1', '3x1'],
    trainTasks: ['1x1', '3x1'],
    trainWeights: [3, 1],
    layout: 'compact',
    modelName: 'rl',
    initFrom: '/runs/base',
    evalAtStart: false,
    retryRate: 0.2,
  });
  assert.deepEqual(
    [c.trainTasks, c.trainWeights, c.layout, c.modelName, c.initFrom, c.evalAtStart, c.retryRate],
    [['1x1', '3x1'], [3, 1], 'compact', 'rl', '/runs/base', false, 0.2],
  );
  assert.throws(
    () => parseConfig({ trainTasks: ['4x1'] }),
    /"trainTasks" must be tasks from "tasks" or "oodTasks" \("4x1" is in neither\)/,
  );
  assert.throws(() => parseConfig({ trainWeights: [1, 2] }), /"trainWeights" must be one weight per training task \(1\)/);
  assert.throws(() => parseConfig({ trainWeights: [0] }), /"trainWeights" must be an array of numbers >= 0 \(not all 0\)/);
  assert.throws(() => parseConfig({ layout: 'round' }), /"layout" must be "square" or "compact"/);
  assert.throws(() => parseConfig({ modelName: 'a b' }), /"modelName" must be a name/);
  assert.throws(() => parseConfig({ evalAtStart: 'yes' }), /"evalAtStart" must be true or false/);
  const d = parseConfig({});
  assert.deepEqual(
    [d.trainTasks, d.trainWeights, d.initFrom, d.layout, d.evalAtStart, d.modelName, d.retryRate],
    [null, null, null, 'square', true, null, 0],
    'defaults leave existing runs as they were',
  );
});

test('learning-rate schedule: per phase, a linear rise and a cosine decay to a tenth; the defaults keep it constant', () => {
  const d = parseConfig({});
  assert.deepEqual(
    [1, 300, 301, 360].map((s) => learningRateAt(d, s)),
    [d.warmupLr, d.warmupLr, d.lr, d.lr],
    'default: warm-up rate, then lr',
  );
  const c = parseConfig({ objective: 'sft', steps: 1000, lr: 0.003, lrWarmupSteps: 100, lrSchedule: 'cosine' });
  assert.ok(Math.abs(learningRateAt(c, 50) - 0.003 * 0.5 * (0.1 + 0.45 * (1 + Math.cos(Math.PI * 0.05)))) < 1e-12);
  assert.ok(Math.abs(learningRateAt(c, 500) - 0.003 * 0.55) < 1e-12);
  assert.ok(Math.abs(learningRateAt(c, 1000) - 0.0003) < 1e-12);
  const g = parseConfig({ steps: 20, warmupSteps: 10, lrWarmupSteps: 5 });
  assert.deepEqual(
    [1, 5, 10, 11, 15, 20].map((s) => learningRateAt(g, s)),
    [g.warmupLr / 5, g.warmupLr, g.warmupLr, g.lr / 5, g.lr, g.lr],
    'each phase rises again',
  );
  assert.throws(() => parseConfig({ lrSchedule: 'linear' }), /"lrSchedule" must be "constant" or "cosine"/);
});

async function train(dir: string, config: Record<string, unknown>): Promise<string[]> {
  createRunDir(dir, resolveTinyLmConfig({ policy: 'tiny-lm', ...config }));
  const logs: string[] = [];
  await trainTinyLm(config, { runDir: dir, signal: new AbortController().signal, log: (m) => logs.push(m), emit: () => undefined });
  return logs;
}

test("initFrom: a run starts from another run's final weights (its first evaluation is the other's last, sample for sample)", async () => {
  const root = mkdtempSync(join(tmpdir(), 'tinylm-init-'));
  try {
    const common = {
      backend: 'wasm',
      seed: 4,
      tasks: ['1x1'],
      oodTasks: ['2x1'],
      layout: 'compact',
      dModel: 16,
      heads: 2,
      layers: 1,
      evalSize: 12,
      checkpointEvery: 100,
    };
    await train(join(root, 'base'), {
      ...common,
      objective: 'sft',
      steps: 8,
      evalEvery: 8,
      trainTasks: ['1x1', '2x1'],
      trainWeights: [1, 3],
      firstCorrect: 1,
      retryRate: 0.3,
      modelName: 'base',
      evalAtStart: false,
    });
    const logs = await train(join(root, 'arm'), { ...common, objective: 'sft', steps: 0, initFrom: join(root, 'base'), modelName: 'arm' });
    assert.ok(
      logs.some((l) => l.startsWith(`tiny-lm: parameters from ${join(root, 'base', 'checkpoints')}`)),
      logs.join('\n'),
    );
    for (const split of ['id', 'ood']) {
      const last = parseTrace(readFileSync(join(root, 'base', 'rollouts', `step-8-${split}.trace`), 'utf8')).records;
      const first = parseTrace(readFileSync(join(root, 'arm', 'rollouts', `step-0-${split}.trace`), 'utf8')).records;
      assert.deepEqual(
        first.map((r) => r.body),
        last.map((r) => r.body),
      );
      assert.equal(last[0].model, 'base');
      assert.equal(first[0].model, 'arm', 'a run of 0 steps: its step-0 evaluation is its final one');
    }
    assert.equal(parseTrace(readFileSync(join(root, 'base', 'rollouts', 'step-8-ood.trace'), 'utf8')).records[0].headers.task, '2x1');
    await assert.rejects(
      train(join(root, 'wide'), { ...common, dModel: 32, objective: 'sft', steps: 1, initFrom: join(root, 'base') }),
      /"initFrom": .*shape/,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
