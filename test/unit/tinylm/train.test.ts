// tiny-lm training end to end on the CPU (wasm) backend, through trainTinyLm itself with a real
// run directory: learning, tensor hygiene, cancel and resume. All runs are seeded, so each
// assertion's margin is what the seed gives on every machine (wasm arithmetic is deterministic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { trainTinyLm, resolveTinyLmConfig } from '../../../server/src/training/tinylm/train.js';
import { createRunDir, latestCheckpoint } from '../../../server/src/training/runDir.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { calibrateGroups } from '../../../server/src/analysis/calibrate.js';
import { traceSummary } from '../../../server/src/analysis/summary.js';

type Line = Record<string, unknown> & { step: number };
interface EvalSplit {
  reward: number;
  p: number;
  delta1: number | null;
  delta2: number | null;
  file: string;
}

async function run(
  config: Record<string, unknown>,
  dir?: string,
  stopAfterLine?: (l: Line) => boolean,
): Promise<{ dir: string; lines: Line[]; logs: string[] }> {
  const runDir = dir ?? mkdtempSync(join(tmpdir(), 'tinylm-test-'));
  if (!dir) createRunDir(runDir, resolveTinyLmConfig({ policy: 'tiny-lm', ...config }));
  const ac = new AbortController();
  const lines: Line[] = [],
    logs: string[] = [];
  await trainTinyLm(config, {
    runDir,
    signal: ac.signal,
    log: (m) => logs.push(m),
    emit: (m) => {
      lines.push(JSON.parse(JSON.stringify(m)) as Line);
      if (stopAfterLine?.(m)) ac.abort();
    },
  });
  return { dir: runDir, lines, logs };
}

const evalOf = (l: Line | undefined) => l?.eval as { id: EvalSplit; ood: EvalSplit | null } | undefined;

test('a CI-sized run (SFT warm-up on reflection data, then GRPO) raises reward on 1x1 multiplication', async () => {
  const config = {
    backend: 'wasm',
    seed: 1,
    tasks: ['1x1'],
    oodTasks: [],
    steps: 330,
    warmupSteps: 300,
    evalEvery: 15,
    evalSize: 100,
    logEvery: 10,
    checkpointEvery: 1000,
  };
  const { dir, lines, logs } = await run(config);
  try {
    assert.match(logs[0], /^tiny-lm: backend wasm \(SIMD/);
    for (const l of lines)
      for (const k of ['step', 'backend', 'p', 'delta1', 'delta2', 'reward']) assert.ok(k in l, `metrics line ${l.step} has ${k}`);
    assert.deepEqual(lines[0].backendNotUsed, [], 'a forced backend skips nothing; the first line says so');
    assert.equal(lines[1].backendNotUsed, undefined);
    const init = evalOf(lines[0])!.id,
      sft = evalOf(lines.find((l) => l.step === 299))!.id,
      last = evalOf(lines[lines.length - 1])!.id;
    console.log(
      `eval reward: init ${init.reward}, SFT checkpoint ${sft.reward} (p ${sft.p}), after 30 GRPO steps ${last.reward} (p ${last.p})`,
    );
    assert.equal(init.reward, 0, 'an untrained model does not multiply');
    assert.ok(last.reward >= init.reward + 0.4, `reward ${init.reward} -> ${last.reward}`);
    assert.ok(last.reward > sft.reward, `GRPO improves on its SFT start: ${sft.reward} -> ${last.reward}`);
    assert.ok(last.p > sft.p + 0.05, `GRPO raises first-attempt accuracy: ${sft.p} -> ${last.p}`);
    // The rollouts compare the SFT checkpoint and the RL checkpoint in the calibration engine.
    const models = ['step-0-id', 'step-300-id', 'step-330-id'].map((f) => {
      const parsed = parseTrace(readFileSync(join(dir, 'rollouts', `${f}.trace`), 'utf8'));
      assert.equal(parsed.records.length, 100);
      const correct = parsed.records.filter((r) => segmentRecord(r, defaultSegmentOptions).correct).length / 100;
      return { model: parsed.records[0].model, correct };
    });
    // Named after the run and the step, as ds3's rollouts: two runs calibrated together stay apart.
    assert.deepEqual(
      models.map((m) => m.model),
      [0, 300, 330].map((s) => `${basename(dir)}@step-${s}`),
    );
    assert.deepEqual(
      models.map((m) => m.correct),
      [init.reward, sft.reward, last.reward],
      'the engine reads the same accuracy from the .trace files',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tensors do not leak across steps (tf.memory().numTensors constant within each phase)', async () => {
  const config = {
    backend: 'wasm',
    seed: 2,
    tasks: ['1x1'],
    oodTasks: ['2x1'],
    steps: 12,
    warmupSteps: 6,
    evalEvery: 3,
    evalSize: 5,
    logEvery: 1,
    checkpointEvery: 4,
    dModel: 32,
    heads: 2,
    layers: 1,
  };
  const { dir, lines } = await run(config);
  try {
    const count = (phase: string) => new Set(lines.filter((l) => l.phase === phase).map((l) => l.tensors));
    assert.equal(lines.filter((l) => l.phase === 'grpo').length, 6);
    assert.equal(count('sft').size, 1, `SFT steps: ${[...count('sft')]}`);
    assert.equal(count('grpo').size, 1, `GRPO steps: ${[...count('grpo')]}`);
    const [sft] = count('sft'),
      [grpo] = count('grpo');
    console.log(`numTensors: SFT ${sft}, GRPO ${grpo} (reference policy + fresh Adam moments)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cancelled run leaves a resumable run directory, and resuming gives the uninterrupted result', async () => {
  const config = {
    backend: 'wasm',
    seed: 3,
    tasks: ['1x1'],
    oodTasks: ['2x1'],
    steps: 10,
    warmupSteps: 5,
    evalEvery: 2,
    evalSize: 8,
    logEvery: 1,
    checkpointEvery: 100,
    dModel: 32,
    heads: 2,
    layers: 1,
  };
  const straight = await run(config);
  const cut = await run(config, undefined, (l) => l.step === 6);
  try {
    // Cancelled during step index 6: that step finishes, is checkpointed, and the run returns.
    assert.equal(cut.lines[cut.lines.length - 1].step, 6);
    assert.equal(latestCheckpoint(cut.dir)?.step, 7);
    const ck = join(cut.dir, 'checkpoints', 'step-000007');
    for (const f of ['tinylm.json', 'weights.bin', 'reference.bin']) assert.ok(existsSync(join(ck, f)), f);
    // The stop is reported once, by the runner's done event ("stopped at step 7/10"), not by the policy too.
    assert.ok(!cut.logs.some((l) => /stopped/.test(l)), cut.logs.join('\n'));
    assert.ok(existsSync(join(cut.dir, 'rollouts', 'step-5-ood.trace')), 'OOD rollouts written at the end of warm-up');

    const resumed = await run(config, cut.dir);
    assert.match(resumed.logs.join('\n'), /resumed after step 7 of 10/);
    assert.deepEqual(
      resumed.lines.map((l) => l.step),
      [7, 8, 9],
    );
    const strip = (ls: Line[]) => ls.map(({ step, loss, reward, p, kl }) => ({ step, loss, reward, p, kl }));
    assert.deepEqual(strip([...cut.lines, ...resumed.lines]), strip(straight.lines), 'same losses and rewards as without the interruption');
    const weights = (d: string) => readFileSync(join(d, 'checkpoints', 'step-000010', 'weights.bin'));
    assert.ok(weights(cut.dir).equals(weights(straight.dir)), 'bit-identical final weights');
    assert.deepEqual(evalOf(resumed.lines[2])!.ood, evalOf(straight.lines[straight.lines.length - 1])!.ood);
  } finally {
    rmSync(straight.dir, { recursive: true, force: true });
    rmSync(cut.dir, { recursive: true, force: true });
  }
});

test('two runs calibrated together stay apart: rollouts name the run and the step (model <run>@step-N, a step header)', async () => {
  const config = { steps: 2, warmupSteps: 1, evalEvery: 1, evalSize: 4, oodTasks: [], backend: 'wasm' };
  const a = await run(config);
  const b = await run(config);
  try {
    const groups = calibrateGroups(
      [a.dir, b.dir].flatMap((dir) =>
        ['step-0-id', 'step-1-id', 'step-2-id'].flatMap((f) =>
          parseTrace(readFileSync(join(dir, 'rollouts', `${f}.trace`), 'utf8')).records.map((r) => {
            assert.equal(r.headers.step, f.split('-')[1]);
            return traceSummary(segmentRecord(r, defaultSegmentOptions), f);
          }),
        ),
      ),
      { by: 'step', bootstrap: 10 },
    ).groups;
    const key = (g: unknown[]) => JSON.stringify(g);
    assert.deepEqual(
      groups.map((g) => [g.model, g.step, g.n]).sort((x, y) => key(x).localeCompare(key(y))),
      [a.dir, b.dir]
        .flatMap((dir) => [0, 1, 2].map((s) => [`${basename(dir)}@step-${s}`, s, 4]))
        .sort((x, y) => key(x).localeCompare(key(y))),
    );
  } finally {
    for (const { dir } of [a, b]) rmSync(dir, { recursive: true, force: true });
  }
});
