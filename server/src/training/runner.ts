// Runs one training run (new or resumed) against a run directory: resolves the config, writes the
// directory, dispatches to the policy, keeps status.json current. The trainer child process and
// `reflection-lens train` both call this, so the CLI and the editor produce identical runs.
//
// A resume checks everything first (config.json, the newest checkpoint: types, shapes, finite
// values) and writes nothing until then; what it would change in metrics.jsonl (lines the
// checkpoint does not cover, corrupt lines moved to metrics.corrupt.jsonl) is carried out, and
// reported, only once the resumed run makes progress. A resume that fails before that leaves the
// run directory exactly as it was.
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { checkDs3Checkpoint, resolveDs3Config, trainDs3 } from './ds3.js';
import { checkKnownKeys } from './configKeys.js';
import { ConfigError, mergeRunConfig } from './runConfig.js';
import {
  applyMetricsResume,
  createRunDir,
  describeMetricsResume,
  latestCheckpoint,
  MetricsWriter,
  newRunDirName,
  planMetricsResume,
  readConfig,
  readStatus,
  RunDirError,
  writeConfig,
  writeStatus,
} from './runDir.js';
import type { PolicyName, TrainPolicy, RunIO } from './types.js';
import type { RunState, TrainerEvent } from '../../../protocol/runs.js';
import { processAlive } from '../util/processAlive.js';

/** What a run reports while it runs; the trainer streams these as JSON (stdout lines or IPC). */
export type { TrainerEvent };

export interface RunRequest {
  /** Config layers (file, JSON, flags), merged left to right over the policy defaults. Ignored on resume except `steps`. */
  config?: Record<string, unknown>[];
  /** Resume this run directory from its last checkpoint. */
  resume?: string;
  /** Exact directory for a new run (must not hold a run). */
  out?: string;
  /** Folder under which a new run gets a fresh `<policy>-<time>` directory (when `out` is absent). */
  runsRoot?: string;
  signal: AbortSignal;
  onEvent(event: TrainerEvent): void;
}

interface PolicyModule {
  train: TrainPolicy;
  resolveConfig?(config: Record<string, unknown>): Record<string, unknown>;
  /** Validates the run's newest checkpoint (throws a RunDirError naming file, field and expectation); reads only. */
  checkCheckpoint?(runDir: string, config: Record<string, unknown>): void;
}

async function loadPolicy(policy: PolicyName): Promise<PolicyModule> {
  if (policy === 'ds3')
    return { train: trainDs3, resolveConfig: (c) => ({ ...c, ...resolveDs3Config(c) }), checkCheckpoint: (dir) => checkDs3Checkpoint(dir) };
  // Loaded on demand: tiny-lm pulls in TensorFlow.js, which ds3 runs must not pay for. The
  // template path lets the bundler include the tinylm folder without a static import.
  const entry = 'train';
  const mod = (await import(`./tinylm/${entry}.ts`)) as {
    trainTinyLm?: TrainPolicy;
    resolveTinyLmConfig?: PolicyModule['resolveConfig'];
    checkTinyLmCheckpoint?: PolicyModule['checkCheckpoint'];
  };
  if (typeof mod.trainTinyLm !== 'function')
    throw new Error('tiny-lm policy is not available in this build (tinylm/train does not export trainTinyLm)');
  return { train: mod.trainTinyLm, resolveConfig: mod.resolveTinyLmConfig, checkCheckpoint: mod.checkTinyLmCheckpoint };
}

/** A file's bytes, or null when it does not exist (to put it back as it was). */
function readIfExists(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function runTraining(req: RunRequest): Promise<Extract<TrainerEvent, { type: 'done' }>> {
  let runDir: string;
  let config: Record<string, unknown>;
  let policy: PolicyModule;
  let resumedAt: number | null = null;
  /** Resume only: the changes to the run directory that wait for the resumed run's first progress. */
  let pending: (() => void) | null = null;
  let statusBefore: Buffer | null = null;
  if (req.resume) {
    // Checks first; nothing in the run directory is written until all of them pass.
    runDir = resolve(req.resume);
    config = readConfig(runDir);
    const current = readStatus(runDir);
    if (current?.state === 'running' && current.pid !== undefined && current.pid !== process.pid && processAlive(current.pid)) {
      throw new ConfigError(`${runDir} is being trained by process ${current.pid}; stop it before resuming`);
    }
    const extra = mergeRunConfig({ policy: config.policy }, ...(req.config ?? []));
    // A resume may only extend the run; every other key stays what the run was started with.
    const newSteps = typeof extra.steps === 'number' && extra.steps !== config.steps;
    if (newSteps) config = { ...config, steps: extra.steps };
    policy = await loadPolicy(mergeRunConfig({ policy: config.policy }).policy);
    try {
      policy.resolveConfig?.(config);
    } catch (err) {
      throw new RunDirError(`${join(runDir, 'config.json')}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    policy.checkCheckpoint?.(runDir, config);
    resumedAt = latestCheckpoint(runDir)?.step ?? 0;
    const plan = planMetricsResume(runDir, resumedAt);
    const resumed = config;
    const dir = runDir;
    pending = () => {
      pending = null;
      if (newSteps) writeConfig(dir, resumed);
      applyMetricsResume(plan);
      for (const message of describeMetricsResume(plan)) req.onEvent({ type: 'log', message });
    };
    statusBefore = readIfExists(join(runDir, 'status.json'));
  } else {
    const merged = mergeRunConfig(...(req.config ?? []));
    // A key the policy does not read would be ignored, yet written to config.json as if applied.
    checkKnownKeys(merged.policy, merged);
    policy = await loadPolicy(merged.policy);
    config = policy.resolveConfig ? policy.resolveConfig(merged) : merged;
    runDir = req.out ? resolve(req.out) : newRunDirName(req.runsRoot ?? 'runs', merged.policy);
    createRunDir(runDir, config);
  }
  const steps = Number(config.steps ?? 0);
  const startedAt = readStatus(runDir)?.startedAt ?? new Date().toISOString();
  const status = (state: RunState, error?: string): void =>
    writeStatus(runDir, {
      state,
      step: latestCheckpoint(runDir)?.step ?? 0,
      pid: process.pid,
      startedAt,
      updatedAt: new Date().toISOString(),
      ...(error ? { error } : {}),
    });
  const commit = (): void => pending?.();

  status('running');
  // A process that dies mid-run (an uncaught error, process.exit elsewhere) must not leave
  // status.json saying "running" with a dead pid: mark it failed on the way out (sync writes only).
  let finished = false;
  const onExit = (code: number): void => {
    if (finished) return;
    try {
      status('failed', `the process exited (code ${code}) during the run; --resume continues from the last checkpoint`);
    } catch {
      /* nothing more can be done while exiting */
    }
  };
  process.on('exit', onExit);
  req.onEvent({ type: 'start', runDir, config, resumedAt });
  const metrics = new MetricsWriter(runDir);
  const io: RunIO = {
    runDir,
    emit(m) {
      commit(); // the resumed run's first line: its history is made consistent before it
      metrics.append(m);
      req.onEvent({ type: 'metrics', metrics: m });
    },
    log(message) {
      req.onEvent({ type: 'log', message });
    },
    signal: req.signal,
  };
  let done: Extract<TrainerEvent, { type: 'done' }>;
  try {
    const outcome = await policy.train(config, io);
    commit();
    const step = latestCheckpoint(runDir)?.step ?? 0;
    // A stop during the final evaluation leaves the last step checkpointed but not evaluated: stopped.
    const state = step >= steps && !outcome?.evaluationPending ? 'completed' : 'stopped';
    status(state);
    done = { type: 'done', state, runDir, step, steps };
  } catch (err) {
    let error = err instanceof Error ? err.message : String(err);
    const step = latestCheckpoint(runDir)?.step ?? 0;
    if (pending && step !== resumedAt) commit(); // a new checkpoint is progress: keep the history consistent with it
    if (pending) {
      // The resume failed before it made progress: put status.json back as well, so the run
      // directory is exactly as it was (nothing else was written).
      pending = null;
      const file = join(runDir, 'status.json');
      if (statusBefore) writeFileAtomic(file, statusBefore);
      else rmSync(file, { force: true });
      error += ' (the run directory was left as it was)';
    } else {
      status('failed', error);
    }
    done = { type: 'done', state: 'failed', runDir, step, steps, error };
  } finally {
    finished = true;
    process.off('exit', onExit);
    metrics.close();
  }
  req.onEvent(done);
  return done;
}
