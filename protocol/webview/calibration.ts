// Messages between the calibration webview and the extension (VS Code's postMessage channel).
import type { CalibrationResult, TraceQuery } from '../calibration.js';

export type ExportKind = 'png' | 'csv' | 'json';

export type ViewToHost =
  /** The page is ready to receive a result. */
  | { type: 'ready' }
  /** Save `data` (text, or base64 for PNG) under a name the user picks, proposing `name`. */
  | { type: 'save'; kind: ExportKind; name: string; data: string }
  /** Show the traces behind a table cell or chart point. */
  | { type: 'openTraces'; query: TraceQuery }
  | { type: 'refresh' };

export interface ResultMeta {
  files: number;
  filesRead: number;
  /** What was calibrated, for the header ("workspace", "3 selected items"). */
  source: string;
  /** Set while a running verl job's rollout directory is followed (the numbers grow step by step). */
  live?: LiveMeta;
}

/** A followed run: complete steps, the newest step, steps still being read, and the server's read counts. */
export interface LiveMeta {
  steps: number;
  lastStep?: number;
  reading: number[];
  /** Step files read so far, and reads of them (equal unless a rewritten file was read again). */
  files: number;
  reads: number;
}

export type HostToView =
  | { type: 'result'; result: CalibrationResult; meta?: ResultMeta }
  | { type: 'progress'; message: string }
  | { type: 'error'; message: string };
