// Runs one training run (new or resumed) against a run directory: resolves the config, writes the
// directory, dispatches to the policy, keeps status.json current. The trainer child process and
// `reflection-lens train` both call this, so the CLI and the editor produce identical runs.
import { resolve } from 'node:path';
import { resolveDs3Config, trainDs3 } from './ds3.js';
import { ConfigError, mergeRunConfig } from './runConfig.js';
import {
  createRunDir, latestCheckpoint, MetricsWriter, newRunDirName, readConfig, readStatus, truncateMetricsTo, writeConfig, writeStatus,
  type RunState,
} from './runDir.js';
import type { PolicyName, TrainPolicy, RunIO } from './types.js';

/** What a run reports while it runs; the trainer streams these as JSON (stdout lines or IPC). */
export type TrainerEvent =
  | { type: 'start'; runDir: string; config: Record<string, unknown>; resumedAt: number | null }
  | { type: 'metrics'; metrics: Record<string, unknown> & { step: number } }
  | { type: 'log'; message: string }
  | { type: 'done'; state: Exclude<RunState, 'running'>; runDir: string; step: number; steps: number; error?: string };

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
}

/** Whether a process with this pid exists (signal 0 probes without signalling). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function loadPolicy(policy: PolicyName): Promise<PolicyModule> {
  if (policy === 'ds3') return { train: trainDs3, resolveConfig: (c) => ({ ...c, ...resolveDs3Config(c) }) };
  // Loaded on demand: tiny-lm pulls in TensorFlow.js, which ds3 runs must not pay for. The
  // template path lets the bundler include the tinylm folder without a static import.
  const entry = 'train';
  const mod = (await import(`./tinylm/${entry}.ts`)) as { trainTinyLm?: TrainPolicy; resolveTinyLmConfig?: PolicyModule['resolveConfig'] };
  if (typeof mod.trainTinyLm !== 'function') throw new Error('tiny-lm policy is not available in this build (tinylm/train does not export trainTinyLm)');
  return { train: mod.trainTinyLm, resolveConfig: mod.resolveTinyLmConfig };
}

export async function runTraining(req: RunRequest): Promise<Extract<TrainerEvent, { type: 'done' }>> {
  let runDir: string;
  let config: Record<string, unknown>;
  let resumedAt: number | null = null;
  if (req.resume) {
    runDir = resolve(req.resume);
    config = readConfig(runDir);
    const current = readStatus(runDir);
    if (current?.state === 'running' && current.pid !== undefined && current.pid !== process.pid && processAlive(current.pid)) {
      throw new ConfigError(`${runDir} is being trained by process ${current.pid}; stop it before resuming`);
    }
    const extra = mergeRunConfig({ policy: config.policy }, ...(req.config ?? []));
    // A resume may only extend the run; every other key stays what the run was started with.
    if (typeof extra.steps === 'number' && extra.steps !== config.steps) {
      config = { ...config, steps: extra.steps };
      writeConfig(runDir, config);
    }
    resumedAt = latestCheckpoint(runDir)?.step ?? 0;
    truncateMetricsTo(runDir, resumedAt);
  } else {
    const merged = mergeRunConfig(...(req.config ?? []));
    const policy = await loadPolicy(merged.policy);
    config = policy.resolveConfig ? policy.resolveConfig(merged) : merged;
    runDir = req.out ? resolve(req.out) : newRunDirName(req.runsRoot ?? 'runs', merged.policy);
    createRunDir(runDir, config);
  }
  const policyName = mergeRunConfig({ policy: config.policy }).policy;
  const policy = await loadPolicy(policyName);
  const steps = Number(config.steps ?? 0);
  const startedAt = readStatus(runDir)?.startedAt ?? new Date().toISOString();
  const status = (state: RunState, error?: string): void =>
    writeStatus(runDir, { state, step: latestCheckpoint(runDir)?.step ?? 0, pid: process.pid, startedAt, updatedAt: new Date().toISOString(), ...(error ? { error } : {}) });

  status('running');
  req.onEvent({ type: 'start', runDir, config, resumedAt });
  const metrics = new MetricsWriter(runDir);
  const io: RunIO = {
    runDir,
    emit(m) {
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
    await policy.train(config, io);
    const step = latestCheckpoint(runDir)?.step ?? 0;
    const state = step >= steps ? 'completed' : 'stopped';
    status(state);
    done = { type: 'done', state, runDir, step, steps };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    status('failed', error);
    done = { type: 'done', state: 'failed', runDir, step: latestCheckpoint(runDir)?.step ?? 0, steps, error };
  } finally {
    metrics.close();
  }
  req.onEvent(done);
  return done;
}
