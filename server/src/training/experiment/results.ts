// The Table 1 / Figure 1 numbers of a finished experiment, read back from its runs' final
// evaluation rollouts (.trace files) through the calibration engine, exactly as
// `reflection-lens calibrate` reads them: per arm and task, pooled over seeds (the Wald interval for
// accuracy, not calibrate's Wilson: these numbers are set beside the paper's Table 1, which reports
// Wald, and a comparison with the paper must use the paper's interval; the Wilson/bootstrap hull for p, delta1, delta2, the bootstrap/posterior hull for
// the predicted accuracy) and per seed, with the seed-to-seed spread, echo rates and transitions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CalibrationAccumulator } from '../../analysis/calibrate.js';
import { summarizeFile } from '../../analysis/corpus.js';
import { waldInterval, wilsonInterval } from '../../analysis/predicted.js';
import type { CalibrationGroup, Estimate, Transitions } from '../../analysis/types.js';
import { readMetrics } from '../runDir.js';
import { ARM_LABELS, ARMS, runPath, type ArmName, type Table1Plan } from './plan.js';
import type { RunRecord } from './runner.js';

export interface SeedValues {
  seed: number;
  n: number;
  accuracy: Estimate;
  p: Estimate;
  delta1: Estimate;
  delta2: Estimate;
  predicted: Estimate;
  echoRate: number | null;
}

export interface Spread {
  mean: number;
  /** Sample SD over the seeds; null with one seed (no spread to measure). */
  sd: number | null;
  min: number;
  max: number;
}

export interface TaskResult {
  task: string;
  ood: boolean;
  /** Problems, all seeds together. */
  n: number;
  accuracy: Estimate;
  p: Estimate;
  delta1: Estimate;
  delta2: Estimate;
  /** Predicted accuracy with the tiny-lm's attempt budget K (the K-th answer stands): the model this experiment runs. */
  predicted: Estimate & { K: number };
  /** The paper's infinite-horizon formula p*d1 / (p*d1 + (1-p)(1-d2)), beside it. */
  predictedInfinite: Estimate;
  echoRate: number | null;
  transitions: Transitions;
  counts: CalibrationGroup['counts'];
  perSeed: SeedValues[];
  /** Over seeds: the per-seed point values' mean, standard deviation (n-1), min and max. */
  spread: { accuracy: Spread | null; p: Spread | null; delta1: Spread | null; delta2: Spread | null };
}

export interface ArmResult {
  name: ArmName;
  label: string;
  tasks: TaskResult[];
  /** Pooled over the out-of-distribution tasks (counts summed): accuracy and delta2, Wilson intervals. */
  ood: { n: number; accuracy: Estimate; p: Estimate; delta1: Estimate; delta2: Estimate; echoRate: number | null; forcedStops: number };
  /** Forced STOPs (a trajectory that used all K attempts) left out of the decisions, all tasks and seeds (calibrate's counts.forcedStops summed). */
  forcedStops: number;
}

export interface RunTiming {
  seed: number;
  arm: ArmName;
  dir: string;
  steps: number;
  /** Wall-clock seconds (experiment.json; every invocation). */
  seconds: number;
  /** Seconds inside training steps, from metrics.jsonl (evaluation and checkpoints excluded). */
  stepSeconds: number;
  /** Training tokens per second inside steps (sequence tokens through the model per update, as metrics.jsonl counts them). */
  tokensPerSec: number | null;
  backend: string | null;
}

export interface Table1Numbers {
  seeds: number[];
  arms: ArmResult[];
  timing: RunTiming[];
}

/** The final evaluation's rollouts of a run (written after its last step). */
export function finalRollouts(runDir: string, steps: number): string[] {
  return ['id', 'ood'].map((split) => join(runDir, 'rollouts', `step-${steps}-${split}.trace`)).filter((f) => existsSync(f));
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function spread(values: number[]): Spread | null {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return null;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  // One seed has no spread: null (undefined), not 0.
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : null;
  return { mean, sd, min: Math.min(...v), max: Math.max(...v) };
}

/** Observed accuracy with the paper's Table 1 interval (Wald, unclipped) in place of calibrate's Wilson. */
const paperAccuracy = (g: CalibrationGroup): Estimate => waldInterval(g.counts.correctFinal, g.n);

const rate = (k: number, n: number): Estimate => ({ value: n > 0 ? k / n : NaN, ...wilsonInterval(k, n) });

/** Reads and calibrates every finished run of the plan's seeds. */
export async function collectTable1(out: string, plan: Table1Plan, runs: readonly RunRecord[]): Promise<Table1Numbers> {
  const seeds = Array.from({ length: plan.seeds }, (_, i) => i + 1);
  const options = { bootstrap: plan.bootstrap, seed: 1, horizon: plan.model.maxAttempts };
  const pooled = new CalibrationAccumulator('model-task');
  const perSeed = new Map<number, CalibrationGroup[]>();
  for (const seed of seeds) {
    const acc = new CalibrationAccumulator('model-task');
    for (const arm of ARMS) {
      const steps = arm === 'base' ? plan.base.steps : plan.post.steps;
      for (const file of finalRollouts(join(out, runPath(seed, arm)), steps)) {
        await summarizeFile(file, (s) => {
          acc.add(s);
          pooled.add(s);
        });
      }
    }
    perSeed.set(seed, acc.result(options).groups);
  }
  const groups = pooled.result(options).groups;
  const ood = new Set(plan.oodTasks);
  const tasks = [...plan.idTasks, ...plan.oodTasks];
  const arms: ArmResult[] = ARMS.map((name) => {
    const rows: TaskResult[] = [];
    for (const task of tasks) {
      const g = groups.find((x) => x.model === name && x.task === task);
      if (!g) continue;
      const seedRows: SeedValues[] = [];
      for (const seed of seeds) {
        const s = perSeed.get(seed)?.find((x) => x.model === name && x.task === task);
        if (s)
          seedRows.push({
            seed,
            n: s.n,
            accuracy: paperAccuracy(s),
            p: s.p,
            delta1: s.delta1,
            delta2: s.delta2,
            predicted: s.predictedK,
            echoRate: finite(s.echoRate),
          });
      }
      const values = (k: 'accuracy' | 'p' | 'delta1' | 'delta2') => seedRows.map((r) => r[k].value);
      rows.push({
        task,
        ood: ood.has(task),
        n: g.n,
        accuracy: paperAccuracy(g),
        p: g.p,
        delta1: g.delta1,
        delta2: g.delta2,
        predicted: g.predictedK,
        predictedInfinite: g.predicted,
        echoRate: finite(g.echoRate),
        transitions: g.transitions,
        counts: g.counts,
        perSeed: seedRows,
        spread: {
          accuracy: spread(values('accuracy')),
          p: spread(values('p')),
          delta1: spread(values('delta1')),
          delta2: spread(values('delta2')),
        },
      });
    }
    const oodRows = rows.filter((r) => r.ood);
    const sum = (f: (r: TaskResult) => number) => oodRows.reduce((a, r) => a + f(r), 0);
    const n = sum((r) => r.n);
    const ffEcho = sum((r) => r.transitions.FFecho),
      ffNew = sum((r) => r.transitions.FFnew);
    return {
      name,
      label: ARM_LABELS[name],
      tasks: rows,
      ood: {
        n,
        accuracy: rate(
          sum((r) => r.counts.correctFinal),
          n,
        ),
        p: rate(
          sum((r) => r.counts.firstCorrect),
          n,
        ),
        delta1: rate(
          sum((r) => r.counts.stopAfterCorrect),
          sum((r) => r.counts.decisionsAfterCorrect),
        ),
        delta2: rate(
          sum((r) => r.counts.resampleAfterWrong),
          sum((r) => r.counts.decisionsAfterWrong),
        ),
        echoRate: ffEcho + ffNew > 0 ? ffEcho / (ffEcho + ffNew) : null,
        forcedStops: sum((r) => r.counts.forcedStops),
      },
      forcedStops: rows.reduce((a, r) => a + r.counts.forcedStops, 0),
    };
  });
  return { seeds, arms, timing: timings(plan, runs) };
}

function timings(plan: Table1Plan, runs: readonly RunRecord[]): RunTiming[] {
  return runs.map((r) => {
    const steps = r.arm === 'base' ? plan.base.steps : plan.post.steps;
    let stepSeconds = 0,
      tokens = 0,
      backend: string | null = null;
    for (const m of readMetrics(r.dir).records) {
      const s = Number(m.stepSeconds),
        t = Number(m.tokensPerSec);
      if (Number.isFinite(s) && Number.isFinite(t)) {
        stepSeconds += s;
        tokens += s * t;
      }
      if (typeof m.backend === 'string') backend = m.backend;
    }
    return {
      seed: r.seed,
      arm: r.arm,
      dir: r.dir,
      steps,
      seconds: r.seconds,
      stepSeconds,
      tokensPerSec: stepSeconds > 0 ? tokens / stepSeconds : null,
      backend,
    };
  });
}
