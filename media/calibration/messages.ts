// Messages between the calibration webview and the extension (VS Code's postMessage channel).
import type { CalibrationResult } from '../../server/src/analysis/types.js';
import type { TraceQuery } from '../../server/src/lsp/calibrationProtocol.js';

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
  live?: { steps: number; lastStep?: number; reading: number[] };
}

export type HostToView =
  | { type: 'result'; result: CalibrationResult; meta?: ResultMeta }
  | { type: 'progress'; message: string }
  | { type: 'error'; message: string };
