// Calibration as the processes exchange it: the result the engine computes (the CLI prints it as
// JSON, the language server answers it, the webview and the offline report chart it), the trace
// filters behind a click in the view, and the one grouping vocabulary. docs/design.md section 8.
// Plain types and constants: the engine, the server, the client and the webviews all import it.

/** A point estimate with its interval. Fractions in [0,1] for rates (the training experiment's Wald interval, the paper's, may exceed it). */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
}

export interface Transitions {
  TT: number;
  TF: number;
  FT: number;
  /** F->F with the same wrong answer repeated. */
  FFecho: number;
  /** F->F with a different wrong answer. */
  FFnew: number;
}

export interface CalibrationGroup {
  model: string;
  task: string;
  /** Training step, when grouping by step (verl rollout dirs, run evaluations). */
  step?: number;
  /** Traces in the group (with ground truth and an answer). */
  n: number;
  /** Final-answer accuracy, Wilson interval (within [0, 1]). */
  accuracy: Estimate;
  p: Estimate;
  delta1: Estimate;
  delta2: Estimate;
  /** Predicted accuracy: infinite horizon, and with at most K attempts (last answer stands). */
  predicted: Estimate;
  predictedK: Estimate & { K: number };
  transitions: Transitions;
  /** FFecho / (FFecho + FFnew), NaN when no F->F transition. */
  echoRate: number;
  /** Raw counts behind the rates, so consumers can re-aggregate. */
  counts: {
    correctFinal: number;
    firstCorrect: number;
    stopAfterCorrect: number;
    decisionsAfterCorrect: number;
    resampleAfterWrong: number;
    decisionsAfterWrong: number;
    /** Records with no candidate answer (counted wrong). */
    noAnswer: number;
    /**
     * Forced STOPs left out of the decisions above: records whose `forced_stop: true` header says
     * their last STOP was not the policy's choice (an attempt cap: tiny-lm's maxAttempts-th attempt).
     */
    forcedStops: number;
  };
  /** Against the corpus's own verdicts (`source_verdict` headers), when its records carry them. */
  agreement?: VerdictAgreement;
}

/** How often the source's correctness verdict and the engine's final-answer check agree (analysis/agreement.ts). */
export interface VerdictAgreement {
  /** Records with both verdicts. */
  compared: number;
  agree: number;
  /** agree / compared (NaN when none compared). */
  rate: number;
  /** The source says correct, the engine wrong (the engine missed or misread the answer). */
  sourceOnly: number;
  /** The engine says correct, the source wrong. */
  engineOnly: number;
  /** Records whose source gave no verdict (null, partial credit). */
  noVerdict: number;
  /** The disagreeing records (the first 1000 by file and line); `line` 1-based (JSONL line, Parquet row, .eval sample). */
  disagreements: { file: string; line: number; id: string; source: boolean; engine: boolean }[];
  unlisted: number;
}

export interface CalibrationResult {
  groups: CalibrationGroup[];
  /**
   * Files or records that could not be used, with why; `line` is 1-based, as printed; `count`: how
   * many records or lines an entry stands for when more than one ("N more ... not listed").
   */
  skipped: { file: string; line?: number; reason: string; count?: number }[];
  bootstrap: { B: number; seed: number };
  /**
   * Warnings met while reading (the records and lines are still used: a malformed step, an unknown
   * finish_reason, unusable log-probs, ...): how many of each code, and the first of them (the
   * first 10 per file, 100 in all; `line` and `column` 1-based, as segment prints them). The CLI's
   * calibrate fills it; absent elsewhere.
   */
  warnings?: {
    total: number;
    counts: Record<string, number>;
    listed: { file: string; line: number; column: number; code: string; message: string; record?: string }[];
  };
}

/**
 * How traces are grouped: by model and task, by training step, or `auto` (by step when the traces
 * span several steps: `step:` headers, verl rollout files named by step; else by model and task).
 * The one vocabulary of the CLI's `--by`, the `reflectionLens.calibration.by` setting and the
 * calibrate request.
 */
export const GROUPINGS = ['auto', 'model-task', 'step'] as const;
export type GroupingChoice = (typeof GROUPINGS)[number];
/** A grouping the engine applies (`auto` resolved). */
export type CalibrationGrouping = Exclude<GroupingChoice, 'auto'>;

/** A grouping from user input; `task` is read as `model-task` (the setting's value before 0.2). Undefined when unknown. */
export function parseGrouping(value: unknown): GroupingChoice | undefined {
  if (value === 'task') return 'model-task';
  return (GROUPINGS as readonly unknown[]).includes(value) ? (value as GroupingChoice) : undefined;
}

/**
 * Whether a folder walk skips an entry of this name: hidden names (`.git`, `.reflection-lens` with
 * the training runs, `.venv`) and `node_modules`. The CLI's walk (`calibrate DIR`) and the
 * workspace calibration view skip the same entries, so both read the same files of a folder.
 */
export function walkSkipsName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Whether a path relative to a walked folder (`a/b/c.trace`, `/` or `\\` separated) lies outside what the walk reads. */
export function walkSkipsPath(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).some((seg) => seg !== '' && walkSkipsName(seg));
}

/**
 * Which traces of a group to list: all; firstWrong (first attempt wrong, lowers p);
 * abandonedCorrect (a correct answer followed by RESAMPLE, lowers delta1); missedCorrection (STOP
 * on a wrong answer, lowers delta2); finalWrong; or traces with a given transition between
 * consecutive answers.
 */
export const TRACE_FILTERS = [
  'all',
  'firstWrong',
  'abandonedCorrect',
  'missedCorrection',
  'finalWrong',
  'TT',
  'TF',
  'FT',
  'FFecho',
  'FFnew',
] as const;
export type TraceFilter = (typeof TRACE_FILTERS)[number];

export function isTraceFilter(value: unknown): value is TraceFilter {
  return (TRACE_FILTERS as readonly unknown[]).includes(value);
}

/** The filter that lists the traces lowering each calibrated rate. */
export const RATE_FILTERS = { p: 'firstWrong', delta1: 'abandonedCorrect', delta2: 'missedCorrection' } as const satisfies Record<
  string,
  TraceFilter
>;

export interface TraceQuery {
  model: string;
  task: string;
  step?: number;
  filter: TraceFilter;
}

/** Request `reflectionLens/calibrate`: calibrate the traces under `uris` (files or folders; `.trace` and `.jsonl`). */
export interface CalibrateParams {
  /** File or folder URIs (`file:` scheme). */
  uris: string[];
  bootstrap: number;
  seed: number;
  /** K of the K-attempt predicted accuracy. */
  horizon: number;
  /** Default `model-task`. */
  by?: GroupingChoice;
  /** Segmentation settings (`reflectionLens.markers`, `reflectionLens.answerPatterns`); defaults when absent. */
  markers?: string[];
  answerPatterns?: string[];
  /** `reflectionLens.reader`: the rules alone or with the learned candidate stage; the engine's default when absent. */
  reader?: 'rules' | 'learned';
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

/** Request `reflectionLens/calibrationTraces`: the traces behind one group and one finding (what a click in the view opens). */
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
