// Messages between the training panel (extension host) and the training view (webview).
// The host forwards the trainer's events; the view asks to stop or resume.
import type { MetricsRecord } from '../runs.js';

export type RunState = 'starting' | 'running' | 'completed' | 'stopped' | 'failed';

export interface RunInfo {
  runDir: string;
  name: string;
  policy: string;
  /** Total steps of the run. */
  steps: number;
  /** Live: a trainer is attached; false when a finished run is reopened from metrics.jsonl. */
  live: boolean;
}

export type { MetricsRecord };

export type HostToView =
  /** A new run (or a reopened one): clears the charts. */
  | { type: 'run'; run: RunInfo }
  /** Metric lines in step order (one live, or a whole metrics.jsonl when reopening). */
  | { type: 'metrics'; records: MetricsRecord[] }
  /** resumable false: a run that failed before completing a step has nothing to resume (no Resume button). */
  | { type: 'state'; state: RunState; message?: string; resumable?: boolean }
  | { type: 'log'; message: string };

export type ViewToHost = { type: 'ready' } | { type: 'stop' } | { type: 'resume' };
