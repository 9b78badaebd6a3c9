// The header values the engine reads as numbers or flags (docs/design.md section 3): `tokens`
// (the response's length in tokens), `truncated` (cut off at the generation limit), `step`
// (the training step, calibrate --by step) and `forced_stop` (the record's last STOP was forced by
// an attempt cap, not chosen: calibration does not count it as a decision). A value
// that is neither is a diagnostic at its column, never read as something else: `tokens: 1e400`
// was Infinity and ignored, `tokens: 0x20000` read as 131072, `truncated: maybe` as "not said".

/** `tokens`: a whole number in digits, optionally with thousands separators ("1532", "1,532"). */
const TOKENS_RE = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;
const TRUE_RE = /^(?:true|yes|1)$/i;
const FALSE_RE = /^(?:false|no|0)$/i;

/** The token count a `tokens` header states, or undefined when it states none (absent or malformed). */
export function tokenCount(value: string | undefined): number | undefined {
  if (value === undefined || !TOKENS_RE.test(value)) return undefined;
  const n = Number(value.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** What a `truncated` header says: true, false, or undefined when it says neither. */
export function truncatedValue(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (TRUE_RE.test(value)) return true;
  if (FALSE_RE.test(value)) return false;
  return undefined;
}

/** What a `forced_stop` header says: true, false, or undefined when it says neither (read as not said). */
export const forcedStopValue = truncatedValue;

/** The training step a `step` header states (a whole number in digits), undefined when it states none. */
export function stepValue(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * How a malformed value of header `key` is reported: `tokens` and `truncated` change what is
 * computed (an error: calibration leaves the record out, attribution reads it without the header); a `step` only labels
 * the record (a warning: the record is read, its step taken from the file name as when it has none);
 * a malformed `forced_stop` is a warning too: the record is read as one without the mark (every
 * decision counted, as before the header existed).
 */
export const headerValueSeverity = (key: string): 'error' | 'warning' => (key === 'step' || key === 'forced_stop' ? 'warning' : 'error');

/** The finish reasons of the APIs and engines the engine knows; of these only "length" means cut off (summary.ts isTruncated). */
export const KNOWN_FINISH_REASONS = /^(?:stop|length|eos|end_turn|stop_sequence|tool_calls|tool_use|function_call|content_filter|abort)$/i;

const quoted = (v: string): string => (v === '' ? 'nothing' : JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v));

/**
 * What is wrong with the value of header `key` (lower case), or undefined when it is fine or the
 * header is not one the engine reads as a number or flag. `bodyLength` is the response's length
 * in characters (a non-empty response has at least one token).
 */
export function headerValueProblem(key: string, value: string, bodyLength: number): string | undefined {
  if (key === 'tokens') {
    const n = tokenCount(value);
    if (n === undefined)
      return `Malformed "tokens" value: expected the response's length in tokens, a whole number in digits (1532, or 1,532 with thousands separators), got ${quoted(value)}; it is not used.`;
    if (n === 0 && bodyLength > 0)
      return `"tokens: 0" for a response of ${bodyLength} characters: expected its length in tokens, at least 1; it is not used.`;
    return undefined;
  }
  if (key === 'step' && stepValue(value) === undefined)
    return `Malformed "step" value: expected the training step, a whole number in digits (400), got ${quoted(value)}; it is not used: the step comes from the file name when that is a number (400.trace), else the record has none.`;
  if (key === 'truncated' && truncatedValue(value) === undefined)
    return `Malformed "truncated" value: expected true or false (also yes/no, 1/0), got ${quoted(value)}; it is not used.`;
  if (key === 'forced_stop' && forcedStopValue(value) === undefined)
    return `Malformed "forced_stop" value: expected true or false (also yes/no, 1/0), got ${quoted(value)}; it is not used: the record's last STOP counts as a decision.`;
  return undefined;
}

/**
 * `finish_reason` values the engine does not know, counted over a file and said once, at the first
 * (import and calibrate): only "length" is read as cut off, so `max_tokens` or Gemini's
 * `MAX_TOKENS` pass as complete. Not counted where the record says whether it is cut off itself (a
 * `truncated` value), unless that value came from the mapping's `finish_reason == "length"`.
 */
export class UnknownFinishReasons {
  count = 0;
  first: { line: number; column: number; value: string; where?: string } | undefined;

  /** Counts a record's headers; `finishDecides`: its `truncated` was read from finish_reason == "length". */
  /** `where`: the row and field, for a source without text positions (Parquet: "row 3, column finish_reason"). */
  note(headers: Readonly<Record<string, unknown>>, finishDecides: boolean, line: number, column: number, where?: string): void {
    const finish = headers.finish_reason;
    const truncatedSaid = headers.truncated !== undefined && headers.truncated !== null && !finishDecides;
    if (finish === undefined || finish === null || truncatedSaid || KNOWN_FINISH_REASONS.test(String(finish))) return;
    this.count++;
    this.first ??= { line, column, value: String(finish), ...(where !== undefined ? { where } : {}) };
  }

  /** Adds the count of another part of the same file (a byte range, run of row groups) read after this one; `shift` moves its lines. */
  merge(other: Pick<UnknownFinishReasons, 'count' | 'first'>, shift = 0): void {
    this.count += other.count;
    if (other.first) this.first ??= { ...other.first, line: other.first.line + shift };
  }

  /** The warning (0-based position of the first), or undefined when none was counted; `tail` ends the message ("; written as is"). */
  diagnostic(
    tail = '',
  ): { line: number; column: number; endLine: number; endColumn: number; severity: 'warning'; code: string; message: string } | undefined {
    if (!this.first) return undefined;
    const { line, column, value, where } = this.first;
    const n = this.count;
    return {
      line,
      column,
      endLine: line,
      endColumn: column + 1,
      severity: 'warning',
      code: 'unknown-finish-reason',
      message: `${where !== undefined ? `${where}: ` : ''}${n} record${n === 1 ? ' has' : 's have'} a "finish_reason" the engine does not know (the first here: ${quoted(value)}); expected one of stop, length, eos, end_turn, stop_sequence, tool_calls, tool_use, function_call, content_filter, abort: only "length" is read as cut off, so ${n === 1 ? 'it is read as a complete response' : 'they are read as complete responses'} (give --map truncated=... to say which are cut off)${tail}.`,
    };
  }
}
