// Runs the Table 1 experiment's training runs in plan order: per seed the base, then the three
// arms from its final weights; with `jobs` > 1 that many at once, each in a child process, an arm
// never before its seed's base. Each run is an ordinary training run (runTraining, the same runner
// as `reflection-lens train`), so a run directory opens in every existing view. Resumable: a finished
// run is skipped, a stopped or killed one resumed from its last checkpoint, so re-running with the
// same folder picks up where it stopped. Cancellation (the signal) stops the current run after its
// current step, with a checkpoint. `experiment.json` records the plan and the time spent per run.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { latestCheckpoint, readConfig, readStatus } from '../runDir.js';
// config.ts only: the tiny-lm checks, without TensorFlow.js.
import { resolveTinyLmConfig } from '../tinylm/config.js';
import { runTraining, type RunRequest, type TrainerEvent } from '../runner.js';
import { runTrainingInChild } from './childRun.js';
import { ARMS, PlanError, runConfig, runPath, type ArmName, type Table1Plan } from './plan.js';

export const EXPERIMENT_FILE = 'experiment.json';
const FORMAT = 'reflection-lens/experiment-table1@1';

export interface RunRecord {
  seed: number;
  arm: ArmName;
  dir: string;
  /** Wall-clock seconds this run has taken, over every invocation that worked on it. */
  seconds: number;
  state: 'completed' | 'stopped' | 'failed' | 'pending';
}

export interface ExperimentState {
  format: typeof FORMAT;
  plan: Table1Plan;
  createdAt: string;
  runs: Record<string, { seconds: number; state: RunRecord['state'] }>;
  /** Every invocation that worked on the folder: when, how long (wall clock), how many runs at once, how it ended. */
  invocations?: { startedAt: string; seconds: number; jobs: number; state: ExperimentOutcome['state'] }[];
}

export type ExperimentEvent =
  /** A run handed to the trainer (in this process or a child), before it has loaded: `run` follows once it starts. */
  | { type: 'launch'; seed: number; arm: ArmName; runDir: string }
  | { type: 'run'; seed: number; arm: ArmName; runDir: string; action: 'new' | 'resume' | 'skip'; resumedAt?: number }
  | {
      type: 'step';
      seed: number;
      arm: ArmName;
      step: number;
      steps: number;
      fraction: number;
      etaSeconds: number | null;
      metrics: Record<string, unknown>;
    }
  | { type: 'run-done'; seed: number; arm: ArmName; state: string; seconds: number; step: number; steps: number }
  | { type: 'log'; message: string };

export interface ExperimentRequest {
  plan: Table1Plan;
  /** The experiment's folder (created if absent). */
  out: string;
  signal: AbortSignal;
  onEvent(e: ExperimentEvent): void;
  /**
   * Runs trained at once (default 1: in this process). Above 1 each run trains in its own child
   * process (the trainer entry): TensorFlow.js's wasm backend uses one core per process.
   */
  jobs?: number;
}

export interface ExperimentOutcome {
  state: 'completed' | 'stopped' | 'failed';
  error?: string;
  out: string;
  runs: RunRecord[];
  /** Wall-clock seconds of this invocation. */
  seconds: number;
}

/** The plan keys that must match to continue an experiment folder (seeds may grow). */
function planDifferences(a: Table1Plan, b: Table1Plan): string[] {
  const flat = (o: unknown, prefix = ''): Map<string, string> => {
    const m = new Map<string, string>();
    if (typeof o === 'object' && o !== null && !Array.isArray(o))
      for (const [k, v] of Object.entries(o)) for (const [kk, vv] of flat(v, `${prefix}${k}.`)) m.set(kk, vv);
    else m.set(prefix.slice(0, -1), JSON.stringify(o));
    return m;
  };
  const fa = flat({ ...a, seeds: 0 }),
    fb = flat({ ...b, seeds: 0 });
  return [...new Set([...fa.keys(), ...fb.keys()])]
    .filter((k) => fa.get(k) !== fb.get(k))
    .map((k) => `${k}: ${fa.get(k) ?? '-'} there, ${fb.get(k) ?? '-'} now`);
}

/** The runs in `out` (a config.json there) whose config the new plan would change. */
function boundRuns(out: string, before: Table1Plan, now: Table1Plan): string[] {
  const bound: string[] = [];
  const seeds = Math.max(before.seeds, now.seeds);
  for (let seed = 1; seed <= seeds; seed++)
    for (const arm of ARMS) {
      const rel = runPath(seed, arm);
      const dir = join(out, rel);
      if (!existsSync(join(dir, 'config.json'))) continue;
      let stored: Record<string, unknown>;
      try {
        stored = readConfig(dir);
      } catch {
        bound.push(rel);
        continue;
      }
      const wanted = resolveTinyLmConfig(runConfig(now, seed, arm, join(out, runPath(seed, 'base'))));
      if (Object.keys(wanted).some((k) => JSON.stringify(wanted[k]) !== JSON.stringify(stored[k]))) bound.push(rel);
    }
  return bound;
}

export function readExperimentState(out: string): ExperimentState | null {
  const file = join(out, EXPERIMENT_FILE);
  if (!existsSync(file)) return null;
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PlanError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || (v as ExperimentState).format !== FORMAT)
    throw new PlanError(`${file}: not a Table 1 experiment file (format ${FORMAT})`);
  return v as ExperimentState;
}

function writeState(out: string, state: ExperimentState): void {
  writeFileAtomic(join(out, EXPERIMENT_FILE), JSON.stringify(state, null, 2) + '\n');
}

/** Relative cost of one step of each arm (an SFT step of the base's batch = 1; a GRPO step also samples its rollouts). */
function stepCost(plan: Table1Plan, arm: ArmName): number {
  const rollouts = plan.post.promptsPerStep * plan.post.groupSize;
  if (arm === 'base') return plan.base.batchSize / 64;
  return arm === 'rl' ? (3 * rollouts) / 64 : rollouts / 64;
}

const stepsOf = (plan: Table1Plan, arm: ArmName): number => (arm === 'base' ? plan.base.steps : plan.post.steps);

/** True when the run in `dir` finished all its steps. */
export function runCompleted(dir: string, steps: number): boolean {
  return readStatus(dir)?.state === 'completed' && (latestCheckpoint(dir)?.step ?? -1) >= steps;
}

export async function runExperiment(req: ExperimentRequest): Promise<ExperimentOutcome> {
  const { plan, signal, onEvent } = req;
  const jobs = Math.max(1, Math.floor(req.jobs ?? 1));
  const out = resolve(req.out);
  const started = Date.now();
  mkdirSync(out, { recursive: true });
  const previous = readExperimentState(out);
  let replaced = false;
  if (previous) {
    const diff = planDifferences(previous.plan, plan);
    if (diff.length) {
      // The plan binds only the runs it made: it may change where every run already in the folder
      // would get the same config under the new plan (a plan whose RL arm never started because
      // of a bad post.* value, a report-only key such as bootstrap).
      const bound = boundRuns(out, previous.plan, plan);
      if (bound.length)
        throw new PlanError(
          `${out} holds a Table 1 experiment with another plan (${diff.slice(0, 4).join('; ')}${diff.length > 4 ? `; and ${diff.length - 4} more` : ''}) that these runs were made with: ${bound.slice(0, 4).join(', ')}${bound.length > 4 ? ` and ${bound.length - 4} more` : ''}; re-run with the same options to resume it, remove those run folders to retrain them with the new plan, or choose another --out`,
        );
      replaced = true;
      onEvent({ type: 'log', message: `plan changed (${diff.slice(0, 4).join('; ')}); no run in the folder was made with what changed` });
    }
  }
  const state: ExperimentState =
    previous && !replaced
      ? { ...previous, plan: { ...previous.plan, seeds: Math.max(previous.plan.seeds, plan.seeds) } }
      : previous
        ? { ...previous, plan: { ...plan, seeds: Math.max(previous.plan.seeds, plan.seeds) } }
        : { format: FORMAT, plan, createdAt: new Date().toISOString(), runs: {} };
  writeState(out, state);

  interface Task {
    seed: number;
    arm: ArmName;
    rel: string;
    dir: string;
    steps: number;
    cost: number;
    status: 'waiting' | 'running' | RunRecord['state'];
    done: number;
    seconds: number;
  }
  const tasks: Task[] = [];
  for (let seed = 1; seed <= plan.seeds; seed++) {
    for (const arm of ARMS) {
      const rel = runPath(seed, arm);
      tasks.push({
        seed,
        arm,
        rel,
        dir: join(out, rel),
        steps: stepsOf(plan, arm),
        cost: stepCost(plan, arm),
        status: 'waiting',
        done: 0,
        seconds: state.runs[rel]?.seconds ?? 0,
      });
    }
  }
  const totalUnits = tasks.reduce((a, t) => a + t.steps * t.cost, 0);
  const doneUnits = (): number => tasks.reduce((a, t) => a + t.done * t.cost, 0);
  /** Units trained by this invocation (for the ETA: wall seconds per unit, whatever the parallelism). */
  let workedUnits = 0;
  let failure: string | undefined;

  for (const t of tasks) {
    if (runCompleted(t.dir, t.steps)) {
      t.status = 'completed';
      t.done = t.steps;
      onEvent({ type: 'run', seed: t.seed, arm: t.arm, runDir: t.dir, action: 'skip' });
    }
  }

  /** Runs one training run (in this process, or in a child when several run at once). */
  const execute = async (t: Task): Promise<void> => {
    onEvent({ type: 'launch', seed: t.seed, arm: t.arm, runDir: t.dir });
    const resume = existsSync(join(t.dir, 'config.json'));
    const runStart = Date.now();
    let last = 0;
    const runReq: RunRequest = {
      ...(resume ? { resume: t.dir } : { out: t.dir, config: [runConfig(plan, t.seed, t.arm, join(out, runPath(t.seed, 'base')))] }),
      signal,
      onEvent(e) {
        if (e.type === 'start') {
          last = t.done = e.resumedAt ?? 0;
          onEvent({
            type: 'run',
            seed: t.seed,
            arm: t.arm,
            runDir: t.dir,
            action: resume ? 'resume' : 'new',
            ...(e.resumedAt !== null ? { resumedAt: e.resumedAt } : {}),
          });
        } else if (e.type === 'metrics') {
          const step = Number(e.metrics.step) + 1;
          workedUnits += Math.max(0, step - last) * t.cost;
          last = t.done = step;
          const elapsed = (Date.now() - started) / 1000;
          const remaining = totalUnits - doneUnits();
          onEvent({
            type: 'step',
            seed: t.seed,
            arm: t.arm,
            step,
            steps: t.steps,
            fraction: doneUnits() / totalUnits,
            etaSeconds: workedUnits > 0 ? (elapsed / workedUnits) * remaining : null,
            metrics: e.metrics,
          });
        } else if (e.type === 'log') onEvent({ type: 'log', message: `${t.rel}: ${e.message}` });
      },
    };
    let result: Extract<TrainerEvent, { type: 'done' }>;
    try {
      result = jobs > 1 ? await runTrainingInChild(runReq) : await runTraining(runReq);
    } catch (err) {
      result = {
        type: 'done',
        state: 'failed',
        runDir: t.dir,
        step: 0,
        steps: t.steps,
        error: err instanceof Error ? err.message : String(err),
      };
    }
    t.seconds += (Date.now() - runStart) / 1000;
    t.done = Math.min(t.steps, Math.max(t.done, result.step));
    t.status = result.state === 'completed' ? 'completed' : result.state === 'failed' ? 'failed' : 'stopped';
    state.runs[t.rel] = { seconds: t.seconds, state: t.status };
    writeState(out, state);
    onEvent({ type: 'run-done', seed: t.seed, arm: t.arm, state: t.status, seconds: t.seconds, step: t.done, steps: t.steps });
    if (t.status === 'failed' && failure === undefined) failure = `${t.rel}: ${result.error ?? 'failed'}`;
  };

  // Up to `jobs` runs at once, in plan order; an arm waits for its seed's base. With several at
  // once a waiting base goes first: bases are the long runs that the arms wait for.
  const ready = (t: Task): boolean =>
    t.status === 'waiting' && (t.arm === 'base' || tasks.find((b) => b.seed === t.seed && b.arm === 'base')?.status === 'completed');
  const running = new Set<Promise<void>>();
  for (;;) {
    const stopped = signal.aborted || failure !== undefined || tasks.some((t) => t.status === 'stopped');
    while (!stopped && running.size < jobs) {
      const next = (jobs > 1 ? tasks.find((t) => t.arm === 'base' && ready(t)) : undefined) ?? tasks.find(ready);
      if (!next) break;
      next.status = 'running';
      const p: Promise<void> = execute(next).finally(() => running.delete(p));
      running.add(p);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }

  const records: RunRecord[] = tasks.map((t) => ({
    seed: t.seed,
    arm: t.arm,
    dir: t.dir,
    seconds: t.seconds,
    state: t.status === 'waiting' || t.status === 'running' ? 'pending' : t.status,
  }));
  const outcome: ExperimentOutcome['state'] =
    failure !== undefined ? 'failed' : records.every((r) => r.state === 'completed') ? 'completed' : 'stopped';
  state.invocations = [
    ...(state.invocations ?? []),
    { startedAt: new Date(started).toISOString(), seconds: (Date.now() - started) / 1000, jobs, state: outcome },
  ];
  writeState(out, state);
  return {
    state: outcome,
    ...(failure !== undefined ? { error: failure } : {}),
    out,
    runs: records,
    seconds: (Date.now() - started) / 1000,
  };
}
