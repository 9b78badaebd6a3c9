// The shared vocabulary of the trace engine. Everything outside server/src/trace (analysis,
// training, the language server, the CLI) speaks in these types, so they change only with care.
// Positions are 0-based (line, UTF-16 column) like LSP; the CLI adds 1 when it prints them.

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a trace file: malformed input or a finding about the reasoning. */
export interface TraceDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  /** Stable machine code, e.g. "bad-header", "missing-separator", "missed-correction". */
  code: string;
  /** Human text that says what was found and, for malformed input, what was expected. */
  message: string;
  /**
   * A row's record (JSONL): the column in its source line of the field the problem is in, where
   * known (a `tokens` / `truncated` value). The other positions are those of the .trace text.
   */
  sourceColumn?: number;
  /** With `sourceColumn`: the field's line in the source when it is not the record's (a JSON document's element spans lines). */
  sourceLine?: number;
}

/** One `=== id` record of a `.trace` file, as parsed (no analysis yet). */
export interface TraceRecord {
  /** Ordinal of the record in its file (0-based). */
  index: number;
  /** Text after `=== ` on the record line; the ordinal (1-based) as a string when empty. */
  id: string;
  /** Line of the `===` line. */
  startLine: number;
  /** Line of the `---` separator, or -1 when it is missing. */
  separatorLine: number;
  /** Last line of the record (inclusive). */
  endLine: number;
  /** Every header `key: value` in order (keys lower-cased); unknown keys are kept as metadata. */
  headers: Record<string, string>;
  query: string | undefined;
  /** Ground truth; undefined when the record has none. */
  answer: string | undefined;
  /** Difficulty / grouping key (explicit, or `<digits a>x<digits b>` for an a*b query, or ""). */
  task: string;
  /** Model name (explicit, or the file name given to the parser). */
  model: string;
  /** Rollout group (explicit, or the query). */
  group: string;
  /** First line of the body (the line after `---`). */
  bodyStartLine: number;
  /** Body text as the model wrote it: the `\===` escape removed, lines joined with "\n". */
  body: string;
  /**
   * Start offset in `body` of each body line, so body offsets map back to document positions:
   * body line k is document line bodyStartLine + k. Escaped lines lose one leading character.
   */
  bodyLineOffsets: number[];
  /** Per-line count of characters removed by unescaping (0 or 1), parallel to bodyLineOffsets. */
  bodyLineShift: number[];
  /** Malformed-input diagnostics that belong to this record. */
  diagnostics: TraceDiagnostic[];
  /** For a record read from JSONL: the 0-based line of its JSON object in that file. */
  sourceLine?: number;
  /** For a record read from a row: the columns in its source line of the fields some headers came from (finish_reason, tokens, ...), where known. */
  sourceColumns?: Record<string, number>;
  /** Of those, the fields on another line than `sourceLine`: their 0-based lines. */
  sourceLines?: Record<string, number>;
  /** Fields with no text position (Parquet): "row 3, column meta.flag". */
  sourceNames?: Record<string, string>;
  /** Per-token log-probs of the response under the policy and the reference (JSONL rollouts that carry them). */
  logprobs?: number[];
  refLogprobs?: number[];
}

export interface ParsedTraceFile {
  records: TraceRecord[];
  /** Diagnostics outside any record (text before the first `===`, binary content, ...). */
  diagnostics: TraceDiagnostic[];
}

/** A reference into the document: where something was found. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A candidate answer the model reached in one attempt. */
export interface SampleStep {
  kind: 'sample';
  /** 0-based attempt number within the record. */
  attempt: number;
  /** The candidate answer as written, or null when the attempt has none (only the last may). */
  answer: string | null;
  /** The rule that found the candidate (boxed, final-answer, conclusion, equals, bold, pattern, last-number). */
  rule: string;
  /** How often candidates of this rule are real answers (measured against gold labels), 0..1; with the learned reader, for a candidate it judged (not the last, not an explicit answer), the model's probability that it is one (docs/segmentation-eval.md, "Stop 26"). */
  confidence: number;
  /** Normalized form used for comparison (commas, spaces, trailing .0, simple LaTeX removed). */
  normalized: string | null;
  /** Against the record's ground truth; null when there is no ground truth or no answer. */
  correct: boolean | null;
  /** Token count of the attempt (L_t): exact when log-probs are known, else estimated. */
  tokens: number;
  /** Where the attempt's text runs (first to last line of the segment). */
  span: Span;
  /** Where its candidate answer is written; null when none. */
  answerSpan: Span | null;
}

export type DecisionAction = 'STOP' | 'RESAMPLE';

/** The decision after an attempt: accept it, or reflect and try again. */
export interface DecisionStep {
  kind: 'decision';
  attempt: number;
  action: DecisionAction;
  /** The marker phrase that opened the next attempt (RESAMPLE), null for STOP. */
  marker: string | null;
  /** RESAMPLE whose next answer equals this attempt's answer. */
  echo: boolean;
  /** The marker's position (RESAMPLE) or the end of the last attempt (STOP). */
  span: Span;
}

export type Step = SampleStep | DecisionStep;

/** A record split into alternating sampling and decision actions. */
export interface SegmentedRecord {
  record: TraceRecord;
  /** sample 0, decision 0, sample 1, decision 1, ..., the last decision is STOP. Empty if no answer. */
  steps: Step[];
  /** Final answer (a thinking block's summary answer, else the last sample's), null when no candidate answer was found. */
  final: string | null;
  /** Where the final answer is written (the summary's statement, or the last candidate). */
  finalSpan: Span | null;
  /** Final answer against ground truth; null without ground truth or final answer. */
  correct: boolean | null;
  /** Every decision marker found in the body, including ones inside merged segments. */
  markers: { phrase: string; span: Span }[];
  /** Analysis findings (missed correction, echo, no answer, no ground truth). */
  diagnostics: TraceDiagnostic[];
}

/** User-configurable lexicon and extraction settings (the `reflectionLens.*` settings). */
export interface SegmentOptions {
  /** Decision marker phrases, matched case-insensitively; on a word boundary at a side where the phrase has a word character (CJK phrases need none). */
  markers: string[];
  /** Extra answer patterns (regular expression sources; group 1, else the whole match, is the answer). */
  answerPatterns: string[];
  /**
   * How each attempt's candidate is chosen: 'rules' (the hand-written rules alone) or 'learned'
   * (the rules, then the learned stage that vetoes candidates annotators would merge;
   * docs/segmentation-eval.md, "Stop 26"). Absent means the default (options.ts, defaultReader).
   */
  reader?: ReaderKind;
}

export type ReaderKind = 'rules' | 'learned';
