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
  /** Aborted on Cancel/Stop: finish the current step, checkpoint, return. */
  signal: AbortSignal;
}

/** A policy's training loop. `config` is the parsed config.json; resumes from checkpoints in runDir when present. */
export type TrainPolicy = (config: Record<string, unknown>, io: RunIO) => Promise<void>;
