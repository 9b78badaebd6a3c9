// Contract between the trainer process, the policies and their consumers (CLI, VS Code client,
// charts). A run is a directory: config.json, metrics.jsonl, checkpoints/, rollouts/*.trace.

export type PolicyName = 'ds3' | 'tiny-lm';
export type BackendName = 'tfjs-node-gpu' | 'tfjs-node' | 'webgpu' | 'wasm' | 'cpu';

/** What a policy gets from the trainer: where to write, how to report, when to stop. */
export interface RunIO {
  /** The run directory (exists; config.json already written). */
  runDir: string;
  /** Append one metrics record (a line of metrics.jsonl, also streamed to the UI). */
  emit(metrics: Record<string, unknown> & { step: number }): void;
  /** Human-readable progress/log line. */
  log(message: string): void;
  /** Aborted on Cancel/Stop: finish the current step (stop an evaluation within a sampled position), checkpoint, return. */
  signal: AbortSignal;
}

/**
 * A policy's training loop. `config` is the parsed config.json; resumes from checkpoints in runDir when present.
 *
 * How the runner (runner.ts) drives a policy, so policies agree on it:
 * - A new run: the runner merges the config layers, calls the policy module's optional
 *   `resolve<Policy>Config(config)` (tiny-lm: `resolveTinyLmConfig`, exported from tinylm/train.ts)
 *   to fill defaults and reject bad values, writes the result as config.json, then calls the policy.
 * - Checkpoints: `writeCheckpoint(runDir, stepsDone, files)` / `latestCheckpoint(runDir)` in runDir.ts
 *   (a folder checkpoints/step-N/ published atomically). The run counts as completed when the
 *   latest checkpoint's step >= config.steps, so checkpoint at the last step and on abort.
 * - Resume: the runner first validates config.json and the newest checkpoint (the policy module's
 *   optional `check<Policy>Checkpoint(runDir, config)`: ds3 `checkDs3Checkpoint`, tiny-lm
 *   `checkTinyLmCheckpoint`; a damaged one is a RunDirError naming file, field and expectation)
 *   and writes nothing until they pass. Metrics lines with step >= the latest checkpoint's step are
 *   dropped and lines that are not records moved to metrics.corrupt.jsonl (both reported), and a
 *   raised config.steps written, at the resumed run's first progress (its first `emit`, a new
 *   checkpoint, or a normal return); a resume that fails before that leaves the directory as it
 *   was. Rollouts: `writeRollouts(runDir, name, text)`.
 * - A stop (the signal) during an evaluation stops within one sampled position; the policy then
 *   checkpoints the step it was evaluating and returns `{ evaluationPending: true }`: the runner
 *   reports the run "stopped" (also at its last step), and the resume evaluates first.
 * - `emit` appends to metrics.jsonl (fsync'ed) and streams the line to the UI; `log` only streams.
 *   A line's `step` is the 0-based index of the update it reports (after it, step + 1 updates are done).
 */
export type TrainPolicy = (config: Record<string, unknown>, io: RunIO) => Promise<void | TrainOutcome>;

/**
 * What a policy may say when it returns: `evaluationPending` when a stop interrupted an evaluation
 * (tiny-lm) after the step it evaluates was checkpointed, so the run is "stopped" even at its last
 * step, and a resume runs the evaluation.
 */
export interface TrainOutcome {
  evaluationPending?: boolean;
}
