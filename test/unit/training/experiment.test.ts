// The Table 1 experiment's engine on a CI-sized plan (a tiny model, a few steps, a few problems):
// the runs are ordinary training runs, the arms start from their seed's base, a cancelled
// experiment resumes where it stopped without redoing finished runs, another plan in the same
// folder is refused, and the report has the documented shape. Asserts the pipeline, not the
// scientific outcome (docs/experiment.md has the measured one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARMS, PlanError, resolvePlan, runConfig, type Table1Plan } from '../../../server/src/training/experiment/plan.js';
import { runExperiment, type ExperimentEvent } from '../../../server/src/training/experiment/runner.js';
import { runTrainingInChild } from '../../../server/src/training/experiment/childRun.js';
import { buildTable1Report } from '../../../server/src/training/experiment/report.js';
import type { ArmResult, TaskResult } from '../../../server/src/training/experiment/results.js';
import { designChecks, verdicts } from '../../../server/src/training/experiment/verdicts.js';
import { waldInterval, wilsonInterval } from '../../../server/src/analysis/predicted.js';
import { readConfig, readMetrics, readStatus } from '../../../server/src/training/runDir.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { resolveTinyLmConfig } from '../../../server/src/training/tinylm/train.js';
import { learningRateAt, parseConfig } from '../../../server/src/training/tinylm/config.js';

export const TINY_PLAN = {
  base: { steps: 6, batchSize: 16 },
  post: { steps: 3, promptsPerStep: 2, groupSize: 4, miniBatches: 2 },
  model: { dModel: 16, heads: 2, layers: 1 },
  evalSize: 6,
  bootstrap: 50,
};

const tiny = (seeds = 1): Table1Plan => resolvePlan({ config: TINY_PLAN, seeds, backend: 'wasm' });

test('the plan: defaults meet the issue (>= 3 seeds, 4 arms, >= 6 tasks, 100 problems at temperature 1); bad keys are named', () => {
  const p = resolvePlan();
  assert.ok(p.seeds >= 3);
  assert.ok(p.idTasks.length + p.oodTasks.length >= 6 && p.oodTasks.length >= 5);
  assert.equal(p.evalSize, 100);
  assert.equal(p.evalTemperature, 1);
  assert.equal(resolvePlan({ quick: true }).seeds, 1);
  assert.throws(
    () => resolvePlan({ config: { post: { stepz: 3 } } }),
    (e: unknown) => e instanceof PlanError && /unknown key "post.stepz"/.test(e.message),
  );
  assert.throws(() => resolvePlan({ config: { base: { weights: [1, 2] } } }), /"base.weights" must be 7 numbers/);
  assert.throws(() => resolvePlan({ config: { oodTasks: ['3x1', '3x1'] } }), /tasks that appear once/);
  // Every arm's config is a valid tiny-lm config; the post-training arms are compute-matched.
  const configs = ARMS.map((arm) => resolveTinyLmConfig(runConfig(p, 1, arm, '/base')));
  const [, noRefl, refl, rl] = configs;
  assert.equal(noRefl.steps, rl.steps);
  assert.equal(refl.batchSize, Number(rl.promptsPerStep) * Number(rl.groupSize), 'SFT batch = RL rollouts per step');
  assert.equal(rl.warmupSteps, 0, 'RL starts from the base, as the paper does');
  assert.equal(rl.klType, 'low_var_kl');
  assert.equal(rl.klLossCoef, 0.001);
  assert.equal(rl.groupSize, 8);
  assert.deepEqual(
    configs.map((c) => c.initFrom),
    [null, '/base', '/base', '/base'],
  );
  // The post-training arms warm their learning rate up linearly from the base's weights, GRPO included.
  assert.equal(p.post.lrWarmupSteps, 15);
  for (const [c, lr] of [
    [noRefl, p.post.sftLr],
    [refl, p.post.sftLr],
    [rl, p.post.rlLr],
  ] as const) {
    assert.equal(c.lrWarmupSteps, p.post.lrWarmupSteps);
    const cfg = parseConfig(c);
    assert.ok(Math.abs(learningRateAt(cfg, 1) - lr / 15) < 1e-15, `${String(c.objective)}: step 1 at lr/15`);
    assert.equal(learningRateAt(cfg, 15), lr);
    assert.equal(learningRateAt(cfg, Number(c.steps)), lr, 'constant after the warm-up');
  }
  assert.ok(resolvePlan({ quick: true }).post.lrWarmupSteps < p.post.lrWarmupSteps);
  assert.throws(() => resolvePlan({ config: { post: { lrWarmupSteps: -1 } } }), /"post.lrWarmupSteps" must be an integer >= 0/);
  assert.throws(() => resolvePlan({ config: { post: { lrWarmupSteps: 1.5 } } }), /"post.lrWarmupSteps" must be an integer >= 0/);
});

test('an experiment runs four ordinary runs per seed, resumes after a cancel without redoing finished runs, and reports', async () => {
  const out = mkdtempSync(join(tmpdir(), 'rl-table1-'));
  try {
    const plan = tiny(1);
    // Cancel during the SFT (reflection) arm: base and SFT (no reflection) are done by then.
    const ac = new AbortController();
    const events: ExperimentEvent[] = [];
    const first = await runExperiment({
      plan,
      out,
      signal: ac.signal,
      onEvent(e) {
        events.push(e);
        if (e.type === 'step' && e.arm === 'sft-reflection' && e.step === 1) ac.abort();
      },
    });
    assert.equal(first.state, 'stopped');
    assert.equal(readStatus(join(out, 'seed-1', 'sft-reflection'))?.state, 'stopped');
    assert.ok(!existsSync(join(out, 'seed-1', 'rl')), 'nothing after the cancelled run started');
    const fractions = events.filter((e): e is Extract<ExperimentEvent, { type: 'step' }> => e.type === 'step').map((e) => e.fraction);
    assert.ok(
      fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1])),
      'progress only grows',
    );

    const again: ExperimentEvent[] = [];
    const second = await runExperiment({ plan, out, signal: new AbortController().signal, onEvent: (e) => again.push(e) });
    assert.equal(second.state, 'completed');
    const actions = again
      .filter((e): e is Extract<ExperimentEvent, { type: 'run' }> => e.type === 'run')
      .map((e) => `${e.arm}:${e.action}`);
    assert.deepEqual(actions, ['base:skip', 'sft-no-reflection:skip', 'sft-reflection:resume', 'rl:new']);

    for (const arm of ARMS) {
      const dir = join(out, 'seed-1', arm);
      const config = readConfig(dir);
      assert.equal(config.policy, 'tiny-lm');
      assert.equal(readStatus(dir)?.state, 'completed', arm);
      assert.ok(readMetrics(dir).records.length > 0);
      const steps = Number(config.steps);
      for (const split of ['id', 'ood']) {
        const records = parseTrace(readFileSync(join(dir, 'rollouts', `step-${steps}-${split}.trace`), 'utf8')).records;
        assert.equal(records.length, plan.evalSize * (split === 'id' ? plan.idTasks.length : plan.oodTasks.length));
        assert.equal(records[0].model, arm, 'the rollouts are named after the arm');
      }
      if (arm !== 'base') assert.equal(config.initFrom, join(out, 'seed-1', 'base'), `${arm} starts from the seed's base`);
    }

    const report = await buildTable1Report(out, plan, second.runs);
    assert.deepEqual(
      report.arms.map((a) => a.name),
      ['base', 'sft-no-reflection', 'sft-reflection', 'rl'],
    );
    for (const a of report.arms) {
      assert.deepEqual(
        a.tasks.map((t) => t.task),
        [...plan.idTasks, ...plan.oodTasks],
      );
      for (const t of a.tasks) {
        assert.equal(t.ood, plan.oodTasks.includes(t.task));
        assert.equal(t.n, plan.evalSize);
        assert.equal(t.perSeed.length, 1);
        for (const k of ['accuracy', 'p', 'delta1', 'delta2', 'predicted'] as const) {
          const e = t[k];
          if (!Number.isFinite(e.value)) continue;
          assert.ok(e.lo <= e.value + 1e-12 && e.value <= e.hi + 1e-12, `${a.name} ${t.task} ${k}: ${e.lo} <= ${e.value} <= ${e.hi}`);
          if (k !== 'accuracy') assert.ok(e.lo >= 0 && e.hi <= 1, `${k} interval inside [0, 1]`);
        }
        const w = 1.96 * Math.sqrt((t.accuracy.value * (1 - t.accuracy.value)) / t.n);
        assert.ok(Math.abs(t.accuracy.hi - t.accuracy.value - w) < 1e-12, 'accuracy: the Wald interval');
      }
    }
    assert.deepEqual(
      report.verdicts.map((v) => v.id),
      ['accuracy-ood', 'delta2-ood', 'delta1-ood', 'echo', 'predicted-vs-observed'],
    );
    for (const v of report.verdicts)
      assert.ok(['holds', 'does not hold', 'partly', 'inconclusive', 'cannot be decided'].includes(v.verdict) && v.text.length > 20);
    assert.equal(report.paper.rows.length, 4);
    assert.equal(report.timing.runs.length, 4);
    assert.ok(
      report.timing.wallSeconds !== null && report.timing.wallSeconds > 0 && report.timing.jobs === 1,
      "both invocations' wall clock, one run at a time",
    );
    assert.ok(report.timing.runs.every((r) => r.seconds > 0 && r.tokensPerSec !== null && r.tokensPerSec > 0));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('--jobs 2: runs train in child processes, two at a time; a cancel stops both, a re-run finishes the rest', async () => {
  const out = mkdtempSync(join(tmpdir(), 'rl-table1-jobs-'));
  try {
    const plan = tiny(2);
    const ac = new AbortController();
    let concurrent = 0,
      most = 0;
    const first = await runExperiment({
      plan,
      out,
      jobs: 2,
      signal: ac.signal,
      onEvent(e) {
        // Launched, not yet done: the scheduler's own count (a child's 'run' comes once it has
        // loaded, and on a loaded machine one child may finish before the other has loaded).
        if (e.type === 'launch') most = Math.max(most, ++concurrent);
        if (e.type === 'run-done') concurrent--;
        if (e.type === 'step' && e.arm !== 'base') ac.abort();
      },
    });
    assert.equal(first.state, 'stopped');
    assert.equal(most, 2, "both seeds' bases train at once");
    const second = await runExperiment({ plan, out, jobs: 2, signal: new AbortController().signal, onEvent: () => undefined });
    assert.equal(second.state, 'completed', second.error);
    assert.deepEqual(
      second.runs.map((r) => r.state),
      Array(8).fill('completed'),
    );
    for (const r of second.runs) assert.equal(readStatus(r.dir)?.state, 'completed');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a child stopped before it can stop itself (while it loads) is reported stopped, not failed', async () => {
  const out = mkdtempSync(join(tmpdir(), 'rl-child-stop-'));
  try {
    const ac = new AbortController();
    ac.abort();
    const plan = tiny(1);
    const done = await runTrainingInChild({
      out: join(out, 'run'),
      config: [runConfig(plan, 0, 'base', join(out, 'run'))],
      signal: ac.signal,
      onEvent: () => undefined,
    });
    assert.equal(done.state, 'stopped', done.error);
    assert.equal(done.error, undefined);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a folder keeps its plan where its runs were made with it: another plan is refused before anything runs', async () => {
  const out = mkdtempSync(join(tmpdir(), 'rl-table1-'));
  try {
    const ac = new AbortController();
    ac.abort();
    const first = await runExperiment({ plan: tiny(1), out, signal: ac.signal, onEvent: () => undefined });
    assert.equal(first.state, 'stopped');
    // No run was made: another plan is taken (exp37: a plan whose RL arm never started locked the folder).
    const other = resolvePlan({ config: { ...TINY_PLAN, evalSize: 7 }, backend: 'wasm' });
    const logs: string[] = [];
    await runExperiment({ plan: other, out, signal: ac.signal, onEvent: (e) => void (e.type === 'log' && logs.push(e.message)) });
    assert.match(logs.join('\n'), /plan changed \(evalSize: 6 there, 7 now\)/);
    assert.equal(JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8')).plan.evalSize, 7);
    // A run made with the plan (its config.json) binds it.
    mkdirSync(join(out, 'seed-1', 'base'), { recursive: true });
    writeFileSync(
      join(out, 'seed-1', 'base', 'config.json'),
      JSON.stringify(resolveTinyLmConfig(runConfig(other, 1, 'base', join(out, 'seed-1', 'base')))),
    );
    await assert.rejects(
      runExperiment({ plan: tiny(1), out, signal: ac.signal, onEvent: () => undefined }),
      /another plan \(evalSize: 7 there, 6 now\) that these runs were made with: seed-1\/base; .*remove those run folders/,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** An arm whose every OOD task has the given counts (100 problems per task, one seed). */
function arm(
  name: ArmResult['name'],
  c: { correct: number; first: number; d1: [number, number]; d2: [number, number]; echo: [number, number] },
): ArmResult {
  const rate = (k: number, n: number) => ({ value: k / n, ...wilsonInterval(k, n) });
  const task = (t: string, ood: boolean): TaskResult => {
    const accuracy = waldInterval(c.correct, 100),
      p = rate(c.first, 100),
      delta1 = rate(...c.d1),
      delta2 = rate(...c.d2);
    return {
      task: t,
      ood,
      n: 100,
      accuracy,
      p,
      delta1,
      delta2,
      predicted: { ...accuracy, K: 3 },
      predictedInfinite: accuracy,
      echoRate: c.echo[0] / c.echo[1],
      transitions: { TT: 0, TF: 0, FT: 0, FFecho: c.echo[0], FFnew: c.echo[1] - c.echo[0] },
      counts: {
        correctFinal: c.correct,
        firstCorrect: c.first,
        stopAfterCorrect: c.d1[0],
        decisionsAfterCorrect: c.d1[1],
        resampleAfterWrong: c.d2[0],
        decisionsAfterWrong: c.d2[1],
        noAnswer: 0,
        forcedStops: 0,
      },
      perSeed: [{ seed: 1, n: 100, accuracy, p, delta1, delta2, predicted: accuracy, echoRate: null }],
      spread: { accuracy: null, p: null, delta1: null, delta2: null },
    };
  };
  const tasks = [task('1x1', false), task('2x1', false), ...['3x1', '4x1', '5x1', '6x1', '7x1'].map((t) => task(t, true))];
  const sum = (k: keyof TaskResult['counts']) => tasks.filter((t) => t.ood).reduce((a, t) => a + t.counts[k], 0);
  return {
    name,
    label: name,
    tasks,
    ood: {
      n: 500,
      accuracy: rate(sum('correctFinal'), 500),
      p: rate(sum('firstCorrect'), 500),
      delta1: rate(sum('stopAfterCorrect'), sum('decisionsAfterCorrect')),
      delta2: rate(sum('resampleAfterWrong'), sum('decisionsAfterWrong')),
      echoRate: null,
      forcedStops: 0,
    },
    forcedStops: 0,
  };
}

test('verdicts state what the numbers show, whichever way; design checks name what is missing', () => {
  const strongRl = arm('rl', { correct: 70, first: 50, d1: [48, 50], d2: [30, 50], echo: [2, 20] });
  const collapsedSft = arm('sft-reflection', { correct: 40, first: 40, d1: [39, 40], d2: [3, 60], echo: [15, 20] });
  const byId = (v: ReturnType<typeof verdicts>) => Object.fromEntries(v.map((x) => [x.id, x.verdict]));
  assert.deepEqual(byId(verdicts([strongRl, collapsedSft])), {
    'accuracy-ood': 'holds',
    'delta2-ood': 'holds',
    'delta1-ood': 'holds',
    echo: 'holds',
    'predicted-vs-observed': 'holds',
  });
  // The same numbers with the arms' roles swapped: the run shows the opposite.
  const reversed = verdicts([
    { ...collapsedSft, name: 'rl', label: 'RL' },
    { ...strongRl, name: 'sft-reflection', label: 'SFT (reflection)' },
  ]);
  assert.equal(byId(reversed)['delta2-ood'], 'does not hold');
  assert.match(reversed.find((v) => v.id === 'delta2-ood')!.text, /opposite of the paper's pattern/);
  // Equal arms: nothing to tell apart.
  const same = verdicts([strongRl, { ...strongRl, name: 'sft-reflection' }]);
  assert.equal(byId(same)['delta2-ood'], 'inconclusive');
  assert.match(same.find((v) => v.id === 'delta2-ood')!.text, /intervals overlap/);
  const checks = designChecks([strongRl, collapsedSft]);
  assert.deepEqual(
    checks.map((c) => [c.id, c.ok]),
    [
      ['id-learned', false],
      ['ood-gradual', false],
      ['delta2-estimable', true],
      ['ood-gradual', false],
      ['delta2-estimable', true],
    ],
  );
  assert.match(checks[0].text, /rl 50.0%, sft-reflection 40.0%/);
});
