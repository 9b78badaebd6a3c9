// Stop 38 (exp37's findings), in process with the wasm backend:
// - tensors: a process that trains runs one after the other (experiment --jobs 1) got 39 more live
//   tensors per finished run with the default shape (tf.variable does not take over the tensor it
//   is made from: one per parameter, again for the GRPO reference and for the Adam moments of a
//   resume); the count now returns to where it started after every kind of run;
// - a stop during an evaluation: the evaluated step is checkpointed with its metrics line pending,
//   no rollouts of it are written, and the resume evaluates it (the CLI test sends the real signal:
//   test/cli/evaluationStop.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runTraining } from '../../../server/src/training/runner.js';
import { readMetrics, readStatus } from '../../../server/src/training/runDir.js';

const dir = mkdtempSync(join(tmpdir(), 'tinylm-hygiene-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const TINY = {
  policy: 'tiny-lm',
  backend: 'wasm',
  tasks: ['1x1'],
  oodTasks: ['2x1'],
  steps: 3,
  warmupSteps: 2,
  evalSize: 4,
  dModel: 16,
  heads: 2,
  layers: 1,
  batchSize: 8,
  groupSize: 4,
  promptsPerStep: 2,
};

/** A signal that reads as aborted from its (n+1)-th read on: the loop reads it once per step, the evaluation once per position. */
const abortedAfterReads = (n: number): AbortSignal => {
  let reads = 0;
  return {
    get aborted() {
      return ++reads > n;
    },
  } as AbortSignal;
};

async function train(req: { config?: Record<string, unknown>; resume?: string; out?: string; signal?: AbortSignal }) {
  const logs: string[] = [];
  const done = await runTraining({
    ...(req.resume ? { resume: req.resume } : { out: req.out, config: [req.config ?? {}] }),
    ...(req.resume && req.config ? { config: [req.config] } : {}),
    signal: req.signal ?? new AbortController().signal,
    onEvent: (e) => {
      if (e.type === 'log') logs.push(e.message);
    },
  });
  return { done, logs };
}

test('tf.memory().numTensors returns to its start after each run: new (SFT then GRPO), supervised, initFrom, resumed', async () => {
  // The backend is loaded by the first run; count from after it.
  await train({ out: join(dir, 'warm'), config: { ...TINY, steps: 1, warmupSteps: 1 } });
  const runs: [string, () => Promise<unknown>][] = [
    ['sft then grpo', () => train({ out: join(dir, 'a'), config: TINY })],
    ['sft only', () => train({ out: join(dir, 'b'), config: { ...TINY, objective: 'sft', steps: 2 } })],
    ['initFrom', () => train({ out: join(dir, 'c'), config: { ...TINY, initFrom: join(dir, 'a') } })],
    ['resumed in grpo (reference, Adam moments from the checkpoint)', () => train({ resume: join(dir, 'a'), config: { steps: 5 } })],
  ];
  for (const [what, run] of runs) {
    const before = tf.memory().numTensors;
    await run();
    assert.equal(tf.memory().numTensors, before, `${what}: ${tf.memory().numTensors - before} tensors left behind`);
  }
  assert.equal(readStatus(join(dir, 'a'))?.state, 'completed');
  assert.equal(readStatus(join(dir, 'a'))?.step, 5);
});

test('a stop during the final evaluation: step checkpointed, "stopped", no rollouts of it; the resume evaluates it', async () => {
  const out = join(dir, 'stop-eval');
  const config = { ...TINY, objective: 'sft', steps: 1, evalAtStart: false, modelName: 'm' };
  const before = tf.memory().numTensors;
  // Read 1: the loop's check before step 1; reads 2-3: the evaluation's first two positions.
  const stopped = await train({ out, config, signal: abortedAfterReads(3) });
  assert.equal(tf.memory().numTensors, before, 'an interrupted evaluation leaves no tensor behind');
  assert.equal(stopped.done.state, 'stopped');
  assert.equal(stopped.done.step, 1);
  assert.equal(readStatus(out)?.state, 'stopped', 'status.json: stopped, not completed, at the last step');
  assert.deepEqual(readdirSync(join(out, 'rollouts')), [], 'no rollouts of the interrupted evaluation');
  assert.equal(readMetrics(out).records.length, 0, 'its metrics line waits for the evaluation');
  assert.ok(stopped.logs.some((l) => /stopped during the evaluation of step 1; checkpoint of step 1 kept/.test(l)));
  const manifest = join(out, 'checkpoints', 'step-000001', 'tinylm.json');
  assert.equal(JSON.parse(readFileSync(manifest, 'utf8')).state.pendingEval.step, 0);

  const resumed = await train({ resume: out });
  assert.equal(resumed.done.state, 'completed');
  assert.ok(resumed.logs.some((l) => /running the evaluation of step 1 that a stop interrupted/.test(l)));
  assert.deepEqual(readdirSync(join(out, 'rollouts')).sort(), ['step-1-id.trace', 'step-1-ood.trace']);
  const lines = readMetrics(out).records;
  assert.deepEqual(
    lines.map((l) => [l.step, l.phase, typeof l.eval]),
    [[0, 'sft', 'object']],
  );
  assert.equal(JSON.parse(readFileSync(manifest, 'utf8')).state.pendingEval, undefined, 'the mark is cleared');
  assert.equal(tf.memory().numTensors, before);

  // The same run uninterrupted: the same rollouts and evaluation.
  const plain = join(dir, 'plain-eval');
  await train({ out: plain, config });
  for (const f of ['step-1-id.trace', 'step-1-ood.trace'])
    assert.equal(readFileSync(join(out, 'rollouts', f), 'utf8'), readFileSync(join(plain, 'rollouts', f), 'utf8'), f);
  const strip = (l: Record<string, unknown>) => JSON.stringify({ ...l, tokensPerSec: 0, stepSeconds: 0, tensors: 0 });
  assert.equal(strip(readMetrics(plain).records[0]), strip(lines[0]));
});
