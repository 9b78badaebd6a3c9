// Training runs as the processes exchange them: the trainer's events (the trainer child process
// prints them as JSON lines, the extension forwards them to the training view), a run folder's
// status and listing, and the run requests the extension asks the language server (methods.ts),
// so that reading run folders, checking configs and building the verl launch never run on the
// extension host. docs/training.md.

export type RunState = 'running' | 'completed' | 'stopped' | 'failed';

/** A run folder's `status.json`. */
export interface RunStatus {
  state: RunState;
  /** Steps completed (the next step to run). */
  step: number;
  pid?: number;
  startedAt: string;
  updatedAt: string;
  error?: string;
}

export interface RunSummary {
  dir: string;
  name: string;
  policy: string;
  status: RunStatus | null;
  /** Logged metric lines. */
  metrics: number;
  lastCheckpoint: number | null;
  rollouts: string[];
}

/** One `metrics.jsonl` line. */
export type MetricsRecord = Record<string, unknown> & { step: number };

export type TrainerEvent =
  | { type: 'start'; runDir: string; config: Record<string, unknown>; resumedAt: number | null }
  | { type: 'metrics'; metrics: MetricsRecord }
  | { type: 'log'; message: string }
  | { type: 'done'; state: Exclude<RunState, 'running'>; runDir: string; step: number; steps: number; error?: string };

/** Request `reflectionLens/listRuns`: the run folders directly under `root`, newest first. */
export interface ListRunsParams {
  /** A local folder path. */
  root: string;
}

/** Request `reflectionLens/readRun`: one run folder, for reopening it in the training view. */
export interface ReadRunParams {
  dir: string;
  /** false: config and status only (`records` and `bad` empty). Default true. */
  metrics?: boolean;
}

export interface ReadRunResult {
  config: Record<string, unknown>;
  status: RunStatus | null;
  records: MetricsRecord[];
  /** Lines that are not a JSON object with a numeric step (1-based line numbers, with why). */
  bad: { line: number; reason: string }[];
}

/**
 * Request `reflectionLens/checkRunConfig`: the run config the trainer would start from, after
 * the same checks (layers merged left to right: `file` first, then `layers`), or why not.
 */
export interface CheckRunConfigParams {
  /** A run config JSON file (a path). */
  file?: string;
  /** Config objects, or JSON text typed by the user, merged after the file. */
  layers?: (Record<string, unknown> | string)[];
}

export type CheckRunConfigResult = { ok: true; config: Record<string, unknown> } | { ok: false; error: string };

export type VerlLaunchMode = 'local' | 'ray';

/** Request `reflectionLens/verlLaunch`: the launch command of an export folder's `verl-config.json`. */
export interface VerlLaunchParams {
  /** The export folder (holds verl-config.json). */
  dir: string;
  /** Absent: the config's own Ray address and no mode (the result then only reads the config). */
  mode?: VerlLaunchMode;
  rayAddress?: string;
}

export interface VerlLaunchResult {
  /** The shell command line (empty when no mode was given). */
  command: string;
  /** The config's Ray dashboard address. */
  rayAddress: string;
  /** Where verl dumps the rollouts (trainer.rollout_data_dir). */
  rollouts: string;
}
