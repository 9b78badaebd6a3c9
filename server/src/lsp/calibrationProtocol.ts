// Messages between the extension and the language server for corpus calibration. No imports
// with side effects: the client bundle, the server and the webview share these names and types.
import type { CalibrationResult } from '../analysis/types.js';

/** Request: calibrate the traces under `uris` (files or folders; `.trace` and `.jsonl`). */
export const CALIBRATE_METHOD = 'reflectionLens/calibrate';
/** Request: the traces behind one group and one finding (what a click in the view opens). */
export const CALIBRATION_TRACES_METHOD = 'reflectionLens/calibrationTraces';

export interface CalibrateParams {
  /** File or folder URIs (`file:` scheme). */
  uris: string[];
  bootstrap: number;
  seed: number;
  /** K of the K-attempt predicted accuracy. */
  horizon: number;
  /**
   * Group by model x task (default), also by training step, or `auto`: by step when the traces
   * span several steps (`step:` headers, verl rollout files named by step), else by task.
   */
  by?: 'task' | 'step' | 'auto';
  /** Segmentation settings (`reflectionLens.markers`, `reflectionLens.answerPatterns`); defaults when absent. */
  markers?: string[];
  answerPatterns?: string[];
  /** LSP work-done progress token; the server reports per-file progress on it. */
  workDoneToken?: string;
}

export interface CalibrateResponse {
  result: CalibrationResult;
  /** Trace files in the corpus. */
  files: number;
  /** Files actually read for this answer (the others came from the cache: unchanged path, mtime, size, settings). */
  filesRead: number;
  /**
   * Which records cut off at the generation limit were counted: the server's
   * `reflectionLens.includeTruncated` and `reflectionLens.tokenLimit` settings (not request
   * parameters). Left-out records are listed in `result.skipped`.
   */
  truncation: { includeTruncated: boolean; tokenLimit: number };
}

/**
 * Which traces of a group to list:
 * all; firstWrong (first attempt wrong, lowers p); abandonedCorrect (a correct answer followed by
 * RESAMPLE, lowers delta1); missedCorrection (STOP on a wrong answer, lowers delta2);
 * finalWrong; or traces with a given transition between consecutive answers.
 */
export type TraceFilter =
  | 'all' | 'firstWrong' | 'abandonedCorrect' | 'missedCorrection' | 'finalWrong'
  | 'TT' | 'TF' | 'FT' | 'FFecho' | 'FFnew';

export interface TraceQuery {
  model: string;
  task: string;
  step?: number;
  filter: TraceFilter;
}

export interface CalibrationTracesParams extends Omit<CalibrateParams, 'workDoneToken'> {
  query: TraceQuery;
}

export interface TraceLocation {
  /** `file:` URI of the trace file. */
  uri: string;
  /** 0-based line of the record (`=== id`, or the JSON line). */
  line: number;
  id: string;
  /** One-line description: first and final answers, correctness, attempts. */
  detail: string;
}
