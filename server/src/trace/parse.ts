// The `.trace` v1 parser (docs/design.md section 3). Never throws on any input: every malformed line
// becomes a diagnostic with its line, column and what was expected, and every record that can be
// read is kept. Line breaks are \n, \r\n and a lone \r (as LSP counts them), so line numbers
// agree with the editor's.
import { DuplicateIds } from './duplicateIds.js';
import { headerValueProblem, headerValueSeverity } from './headerValues.js';
import type { ParsedTraceFile, TraceDiagnostic, TraceRecord } from './types.js';
import { solutionReference } from './referenceAnswer.js';

export interface ParseOptions {
  /** Used as the model name of records without a `model:` header. */
  fileName?: string;
}

export interface RecordParseOptions extends ParseOptions {
  /** Document line of the record's first (`===`) line, so positions are document positions. */
  startLine?: number;
  /** Ordinal of the record in its file (0-based); also its id when the `===` line has none. */
  index?: number;
}

const BOM = 0xfeff;
const headerRe = /^([A-Za-z_][\w.-]*)[ \t]*:[ \t]?(.*)$/;

/** Lines of a text (\n, \r\n and lone \r end a line; a final line break adds no empty line). */
export function splitLines(text: string): string[] {
  const idx = indexLines(text);
  return linesOf(text, idx, 0, idx.count);
}

export interface RecordRange {
  /** Line of the `===` line. */
  startLine: number;
  /** Last line of the record (inclusive). */
  endLine: number;
}

/** Line ranges of every record in a document, so a caller can re-parse one record alone (`parseRecordText`). */
export function recordRanges(text: string): RecordRange[] {
  const idx = indexLines(text);
  const starts = recordStartLines(text, idx);
  return starts.map((s, i) => ({ startLine: s, endLine: (i + 1 < starts.length ? starts[i + 1] : idx.count) - 1 }));
}

/** End column of a record's `=== id` line, for diagnostics about its id. */
export const idEndColumn = (rec: TraceRecord): number => 4 + rec.id.length;

export function parseTrace(text: string, opts: ParseOptions = {}): ParsedTraceFile {
  const idx = indexLines(text);
  const starts = recordStartLines(text, idx);
  const diagnostics: TraceDiagnostic[] =
    starts.length > 0 && starts[0] === 0
      ? []
      : preambleDiagnostics(linesOf(text, idx, 0, starts.length > 0 ? starts[0] : idx.count), starts.length > 0 ? starts[0] : idx.count);
  // A .trace file's ids are as written: a repeated one is a warning on the later record (duplicateIds.ts).
  const ids = new DuplicateIds();
  const records = starts.map((s, index) => {
    const e = index + 1 < starts.length ? idx.starts[starts[index + 1]] : text.length;
    // A slice of a flat string is a cheap view in V8: each record is parsed as its own text.
    const rec = parseRecordText(text.slice(idx.starts[s], e), { startLine: s, index, fileName: opts.fileName });
    const dup = ids.check(rec.id, rec.startLine, 0, idEndColumn(rec));
    if (dup) diagnostics.push(dup);
    return rec;
  });
  return { records, diagnostics };
}

/** Line structure of a text: where each line starts and where its content ends (before the line break). */
export interface LineIndex {
  starts: number[];
  ends: number[];
  /** Lines, not counting the empty one after a final line break. */
  count: number;
}

export function indexLines(text: string): LineIndex {
  const starts: number[] = [0];
  const ends: number[] = [];
  if (text.indexOf('\r') < 0) {
    let i = text.indexOf('\n');
    while (i >= 0) {
      ends.push(i);
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        ends.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }
  ends.push(text.length);
  let count = starts.length;
  if (count > 1 && starts[count - 1] === text.length) count--;
  return { starts, ends, count };
}

function linesOf(text: string, idx: LineIndex, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(text.slice(idx.starts[i], idx.ends[i]));
  return out;
}

/** Byte-order marks at the start of a text: one is usual; more come from converting to UTF-8 twice. */
/** The `extra-bom` warning for `bom` leading byte-order marks (more than one), before a record line or a JSONL line. */
export const extraBomMessage = (bom: number, what: 'record' | 'JSON'): string =>
  `${bom === 2 ? 'A second byte-order mark' : `${bom - 1} more byte-order marks`} (U+FEFF) after the first: ignored, the ${what === 'record' ? 'record line' : 'JSON line'} is read. Expected at most one, at the file's start (was the file converted to UTF-8 twice?).`;

export function leadingBoms(text: string): number {
  let n = 0;
  while (text.charCodeAt(n) === BOM) n++;
  return n;
}

function recordStartLines(text: string, idx: LineIndex): number[] {
  const out: number[] = [];
  for (let i = 0; i < idx.count; i++) {
    const s = idx.starts[i] + (i === 0 ? leadingBoms(text) : 0);
    if (text.charCodeAt(s) !== 61 || text.charCodeAt(s + 1) !== 61 || text.charCodeAt(s + 2) !== 61) continue;
    const next = s + 3;
    const c = text.charCodeAt(next);
    if (next === idx.ends[i] || c === 32 || c === 9) out.push(i);
  }
  return out;
}

/**
 * Parses one record given its own text (from its `===` line up to, not including, the next
 * record's). With `startLine` the positions are those of the whole document: this is how the
 * language server re-analyses only the record an edit touched.
 */
export function parseRecordText(text: string, opts: RecordParseOptions = {}): TraceRecord {
  const rec = parseRecord(text, indexLines(text), opts.index ?? 0, opts.fileName);
  const by = opts.startLine ?? 0;
  if (by !== 0) {
    rec.startLine += by;
    if (rec.separatorLine >= 0) rec.separatorLine += by;
    rec.endLine += by;
    rec.bodyStartLine += by;
    for (const d of rec.diagnostics) {
      d.line += by;
      d.endLine += by;
    }
  }
  return rec;
}

/** Text before the first record (outside any record) is ignored, with a warning. */
export function preambleDiagnostics(lines: readonly string[], firstRecordLine: number): TraceDiagnostic[] {
  const out: TraceDiagnostic[] = [];
  for (let i = 0; i < firstRecordLine; i++) {
    const line = lines[i].charCodeAt(0) === BOM ? lines[i].slice(1) : lines[i];
    const col = line.search(/\S/);
    if (col < 0) continue;
    const offset = line === lines[i] ? 0 : 1;
    out.push(
      diag(
        i,
        col + offset,
        i,
        lines[i].length,
        'warning',
        'text-before-record',
        `Text outside any record is ignored: expected a record line "=== <id>" before it (lines ${i + 1}-${firstRecordLine}).`,
      ),
    );
    const text = lines.slice(i, firstRecordLine).join('\n');
    out.push(...contentDiagnostics(text, indexLines(text), i));
    break;
  }
  return out;
}

function diag(
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  severity: TraceDiagnostic['severity'],
  code: string,
  message: string,
): TraceDiagnostic {
  return { line, column, endLine, endColumn, severity, code, message };
}

/** Line of an offset (binary search over line starts). */
function lineOfOffset(idx: LineIndex, offset: number): number {
  let lo = 0;
  let hi = idx.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (idx.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** NUL bytes (binary data) and U+FFFD (bytes that were not valid UTF-8): the first of each. */
function contentDiagnostics(text: string, idx: LineIndex, lineBase: number): TraceDiagnostic[] {
  const out: TraceDiagnostic[] = [];
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const l = lineOfOffset(idx, nul);
    const c = nul - idx.starts[l];
    out.push(
      diag(l + lineBase, c, l + lineBase, c + 1, 'error', 'binary-content', 'NUL byte: this looks like binary data, expected UTF-8 text.'),
    );
  }
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    const l = lineOfOffset(idx, bad);
    const c = bad - idx.starts[l];
    out.push(
      diag(
        l + lineBase,
        c,
        l + lineBase,
        c + 1,
        'warning',
        'invalid-utf8',
        'Invalid UTF-8 (or a U+FFFD replacement character): expected UTF-8 text.',
      ),
    );
  }
  return out;
}

/** A body line `\===...` (or `\\===...`: the writer escapes escapes too) written for one that starts with `===`. */
function isEscaped(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 92) return false;
  let k = at + 1;
  while (text.charCodeAt(k) === 92) k++;
  return text.startsWith('===', k);
}

function isSeparator(text: string, from: number, to: number): boolean {
  if (to - from < 3 || text.charCodeAt(from) !== 45 || text.charCodeAt(from + 1) !== 45 || text.charCodeAt(from + 2) !== 45) return false;
  for (let k = from + 3; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

// The same few header names recur in every record: looking each up once gives a key V8 has
// already internalized, so the header object's property accesses stay on the fast path.
const headerKeys = new Map<string, string>();
function headerKey(name: string): string {
  let key = headerKeys.get(name);
  if (key === undefined) {
    key = name.toLowerCase();
    if (headerKeys.size < 1024) headerKeys.set(name, key);
  }
  return key;
}

function parseRecord(text: string, idx: LineIndex, index: number, fileName: string | undefined): TraceRecord {
  const diagnostics: TraceDiagnostic[] = [];
  const { starts, ends } = idx;
  const end = Math.max(0, idx.count - 1);
  const bom = leadingBoms(text);
  // A second BOM (bom_twice.trace) hid the record line: it read as text before any record.
  if (bom > 1) diagnostics.push(diag(0, 1, 0, bom, 'warning', 'extra-bom', extraBomMessage(bom, 'record')));
  const first = text.slice(0, ends[0]);
  // (Lines are sliced in place, not through a local closure: under tsx, which keeps function names,
  // each closure created costs a defineProperty call, about 0.7% of the bench.)
  const id = first.slice(bom + 3).trim() || String(index + 1);

  // Headers run to the `---` line. Look ahead for it first: without one, the first line that is
  // not a header opens the body, rather than every body line being reported as a bad header.
  let separatorLine = -1;
  for (let i = 1; i <= end; i++)
    if (isSeparator(text, starts[i], ends[i])) {
      separatorLine = i;
      break;
    }
  const headers: Record<string, string> = {};
  // The headers the record's fields come from, kept as they are read: a headers object's shape
  // depends on which headers a record has, and reading them back from it made these reads
  // polymorphic, a "wrong map" deoptimization of parseRecord for each new shape while the full
  // pass warmed up (docs/engine.md, stop 27, fourth round). A repeated header: the last value.
  let query: string | undefined;
  let answer: string | undefined;
  let task: string | undefined;
  let model: string | undefined;
  let group: string | undefined;
  // The `tokens` / `truncated` / `step` / `forced_stop` lines whose values are used (the last of each), checked once the body is known.
  let checked: { line: number; key: string; value: string; column: number }[] | undefined;
  const headerEnd = separatorLine >= 0 ? separatorLine : end + 1;
  let bodyStartLine = separatorLine >= 0 ? separatorLine + 1 : end + 1;
  for (let i = 1; i < headerEnd; i++) {
    const line = text.slice(starts[i], ends[i]);
    const m = headerRe.exec(line);
    if (m) {
      const key = headerKey(m[1]);
      if (Object.hasOwn(headers, key))
        diagnostics.push(diag(i, 0, i, m[1].length, 'warning', 'duplicate-header', `Duplicate header "${key}": the last value is used.`));
      const value = m[2].trim();
      headers[key] = value;
      if (key === 'query') query = value;
      // Stop 36: a GSM8K solution as the reference ("She sold ... 72 clips. #### 72") is its value (referenceAnswer.ts).
      else if (key === 'answer') answer = value.includes('#') ? (solutionReference(value) ?? value) : value;
      else if (key === 'task') task = value;
      else if (key === 'model') model = value;
      else if (key === 'group') group = value;
      else if (key === 'tokens' || key === 'truncated' || key === 'step' || key === 'forced_stop') {
        const raw = m[2];
        const column = line.length - raw.length + (raw.length - raw.trimStart().length);
        (checked ??= []).push({ line: i, key, value, column });
      }
      continue;
    }
    if (line.trim() === '') continue;
    if (separatorLine >= 0) {
      const col = line.search(/\S/);
      diagnostics.push(
        diag(
          i,
          col,
          i,
          line.length,
          'error',
          'bad-header',
          `Malformed header line: expected "key: value" (a key of letters, digits, "_", "-" or ".", then ":") or the separator "---".`,
        ),
      );
    } else {
      bodyStartLine = i;
      break;
    }
  }
  if (end === 0) {
    diagnostics.push(
      diag(0, 0, 0, first.length, 'warning', 'empty-record', 'Empty record: expected "key: value" headers, "---", then the response.'),
    );
  } else if (separatorLine < 0) {
    // Point at the first body line, or just past the last header when there is no body.
    const hasBody = bodyStartLine <= end;
    const line = hasBody ? bodyStartLine : end;
    const column = hasBody ? 0 : ends[end] - starts[end];
    diagnostics.push(
      diag(
        line,
        column,
        line,
        hasBody ? ends[line] - starts[line] : column,
        'error',
        'missing-separator',
        `Missing "---" line ${hasBody ? 'before the response text' : 'after the headers'}: expected "---" to separate the "key: value" headers from the response. The record is read as if it were there.`,
      ),
    );
  }

  // Body: `\===` lines lose their escaping backslash; line breaks become "\n".
  const n = Math.max(0, end - bodyStartLine + 1);
  const bodyLineOffsets = new Array<number>(n);
  const bodyLineShift = new Array<number>(n).fill(0);
  let body = '';
  if (n > 0) {
    let plain = text.indexOf('\r') < 0;
    for (let i = bodyStartLine; i <= end && plain; i++) if (isEscaped(text, starts[i])) plain = false;
    const base = starts[bodyStartLine];
    if (plain) {
      body = text.slice(base, ends[end]);
      for (let k = 0; k < n; k++) bodyLineOffsets[k] = starts[bodyStartLine + k] - base;
    } else {
      const parts: string[] = [];
      let offset = 0;
      for (let k = 0; k < n; k++) {
        let line = text.slice(starts[bodyStartLine + k], ends[bodyStartLine + k]);
        if (isEscaped(line, 0)) {
          line = line.slice(1);
          bodyLineShift[k] = 1;
        }
        bodyLineOffsets[k] = offset;
        parts.push(line);
        offset += line.length + 1;
      }
      body = parts.join('\n');
    }
  }
  if (checked)
    for (const c of checked) {
      if (checked.some((d) => d.key === c.key && d.line > c.line)) continue; // a later line's value is used
      const problem = headerValueProblem(c.key, c.value, body.length);
      if (problem)
        diagnostics.push(
          diag(c.line, c.column, c.line, c.column + c.value.length, headerValueSeverity(c.key), 'bad-header-value', problem),
        );
    }
  diagnostics.push(...contentDiagnostics(text, idx, 0));

  return {
    index,
    id,
    startLine: 0,
    separatorLine,
    endLine: end,
    headers,
    query,
    answer: answer !== undefined && answer !== '' ? answer : undefined,
    task: task ?? inferTask(query),
    model: model ?? modelFromFileName(fileName),
    group: group ?? query ?? id,
    bodyStartLine,
    body,
    bodyLineOffsets,
    bodyLineShift,
    diagnostics,
  };
}

// The project's own multiplication prompt ("Calculate 12 * 345. Think step by step.", generate.ts,
// multiplication.ts, exportBundle.ts, ds3.ts): one line that asks for one product of two integers
// and nothing else. A times sign inside another question ("$2 \times 1$ tiles of a $3 \times 3$
// grid", "a 4 x 4 board") names no task, nor does LaTeX or a letter x used as the sign.
const INTEGER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
const multiplicationLineRe = new RegExp(
  String.raw`^(?:(?:calculate|compute|evaluate|multiply|what is|what's)\s*:?\s+)?${INTEGER}\s*[*\u00d7]\s*${INTEGER}\s*(?:=\s*)?[.?]?(?:\s+think step by step\.?)?$`,
  'i',
);
// Chat-template tokens around a prompt (verl's input field): ChatML's "<|im_start|>user", Llama 3's
// "<|start_header_id|>user<|end_header_id|>", DeepSeek's "<｜User｜>", Mistral's and Llama 2's
// "<s>[INST] ... [/INST]" (with "<<SYS>>"), Gemma's "<start_of_turn>user". Each ends a piece of
// the prompt, like a line break (a .trace header holds the prompt on one line), and the role word
// right after one ("user", "assistant") is the template's, not the question's.
const chatTokenRe =
  /(?:<\|[^|>]*\|>|<\uff5c[^\uff5c>]*\uff5c>|\[\/?INST\]|<\/?s>|<<\/?SYS>>|<\/?(?:start|end)_of_turn>)(?:\s*(?:system|user|assistant|model)\b)?/gi;

/**
 * The task of a query that is the project's multiplication problem: `<digits of a>x<digits of b>`
 * when one line of it (chat-template tokens and their role words taken as line breaks) is exactly
 * "Calculate a * b." (or "Compute", "What is", "a × b", "a * b = ?"; "Think step by step." may
 * follow), else "".
 */
export function inferTask(query: string | undefined): string {
  if (!query) return '';
  for (const raw of query.replace(chatTokenRe, '\n').split('\n')) {
    const line = raw.trim();
    if (line.length > 120 || !/\d/.test(line)) continue;
    const m = multiplicationLineRe.exec(line);
    if (m) return `${m[1].replace(/,/g, '').length}x${m[2].replace(/,/g, '').length}`;
  }
  return '';
}

/** Model name for records without a `model:` header: the file's base name without extension. */
export function modelFromFileName(fileName: string | undefined): string {
  if (!fileName) return 'unknown';
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return base.replace(/\.(trace|jsonl|json)$/i, '') || 'unknown';
}
