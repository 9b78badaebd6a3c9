// The `.trace` v1 parser (DESIGN.md section 3). Never throws on any input: every malformed line
// becomes a diagnostic with its line, column and what was expected, and every record that can be
// read is kept. Line breaks are \n, \r\n and a lone \r (as LSP counts them), so line numbers
// agree with the editor's.
import type { ParsedTraceFile, TraceDiagnostic, TraceRecord } from './types.js';

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
const separatorRe = /^---[ \t]*$/;

/** A record starts at a line `===` alone or `=== ` + id (a body line `===...` is written `\===...`). */
export function isRecordStart(line: string): boolean {
  if (line.charCodeAt(0) === BOM) line = line.slice(1);
  if (!line.startsWith('===')) return false;
  const c = line.charCodeAt(3);
  return line.length === 3 || c === 32 || c === 9;
}

/** Splits text into lines at \n, \r\n and lone \r. A final line break ends the last line (no empty line after it). */
export function splitLines(text: string): string[] {
  const lines = text.indexOf('\r') < 0 ? text.split('\n') : text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line indices (0-based) of every record start in the lines of a document. */
export function findRecordStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].charCodeAt(0) === 61 || i === 0) { if (isRecordStart(lines[i])) starts.push(i); }
  return starts;
}

export interface RecordRange {
  /** Line of the `===` line. */
  startLine: number;
  /** Last line of the record (inclusive). */
  endLine: number;
}

/** Line ranges of every record, so a caller can re-parse one record alone (`parseRecordText`). */
export function recordRanges(lines: readonly string[]): RecordRange[] {
  const starts = findRecordStarts(lines);
  return starts.map((s, i) => ({ startLine: s, endLine: (i + 1 < starts.length ? starts[i + 1] : lines.length) - 1 }));
}

export function parseTrace(text: string, opts: ParseOptions = {}): ParsedTraceFile {
  const lines = text.length === 0 ? [] : splitLines(text);
  const ranges = recordRanges(lines);
  const diagnostics = preambleDiagnostics(lines, ranges.length > 0 ? ranges[0].startLine : lines.length);
  const records = ranges.map((r, index) => parseRecordLines(lines, r.startLine, r.endLine, index, opts.fileName));
  return { records, diagnostics };
}

/**
 * Parses one record given its own text (from its `===` line up to, not including, the next
 * record's). With `startLine` the positions are those of the whole document: this is how the
 * language server re-analyses only the record an edit touched.
 */
export function parseRecordText(text: string, opts: RecordParseOptions = {}): TraceRecord {
  const lines = splitLines(text);
  const startLine = opts.startLine ?? 0;
  const rec = parseRecordLines(lines, 0, lines.length - 1, opts.index ?? 0, opts.fileName);
  return startLine === 0 ? rec : shiftRecord(rec, startLine);
}

function shiftRecord(rec: TraceRecord, by: number): TraceRecord {
  rec.startLine += by;
  if (rec.separatorLine >= 0) rec.separatorLine += by;
  rec.endLine += by;
  rec.bodyStartLine += by;
  for (const d of rec.diagnostics) { d.line += by; d.endLine += by; }
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
    out.push(diag(i, col + offset, i, lines[i].length, 'warning', 'text-before-record',
      `Text outside any record is ignored: expected a record line "=== <id>" before it (lines ${i + 1}-${firstRecordLine}).`));
    out.push(...contentDiagnostics(lines, i, firstRecordLine - 1));
    break;
  }
  return out;
}

function diag(line: number, column: number, endLine: number, endColumn: number, severity: TraceDiagnostic['severity'], code: string, message: string): TraceDiagnostic {
  return { line, column, endLine, endColumn, severity, code, message };
}

/** NUL bytes (binary data) and U+FFFD (bytes that were not valid UTF-8): one diagnostic each per record. */
function contentDiagnostics(lines: readonly string[], from: number, to: number): TraceDiagnostic[] {
  const out: TraceDiagnostic[] = [];
  let nul = false;
  let bad = false;
  for (let i = from; i <= to && !(nul && bad); i++) {
    const line = lines[i];
    if (!nul) {
      const c = line.indexOf('\u0000');
      if (c >= 0) {
        nul = true;
        out.push(diag(i, c, i, c + 1, 'error', 'binary-content', 'NUL byte: this looks like binary data, expected UTF-8 text.'));
      }
    }
    if (!bad) {
      const c = line.indexOf('\ufffd');
      if (c >= 0) {
        bad = true;
        out.push(diag(i, c, i, c + 1, 'warning', 'invalid-utf8', 'Invalid UTF-8 (or a U+FFFD replacement character): expected UTF-8 text.'));
      }
    }
  }
  return out;
}

function parseRecordLines(lines: readonly string[], start: number, end: number, index: number, fileName: string | undefined): TraceRecord {
  const diagnostics: TraceDiagnostic[] = [];
  const first = lines[start];
  const bom = first.charCodeAt(0) === BOM ? 1 : 0;
  const id = first.slice(bom + 3).trim() || String(index + 1);

  // Headers run to the `---` line. Look ahead for it first: without one, the first line that is
  // not a header opens the body, rather than every body line being reported as a bad header.
  let separatorLine = -1;
  for (let i = start + 1; i <= end; i++) if (separatorRe.test(lines[i])) { separatorLine = i; break; }
  const headers: Record<string, string> = {};
  const headerEnd = separatorLine >= 0 ? separatorLine : end + 1;
  let bodyStartLine = separatorLine >= 0 ? separatorLine + 1 : end + 1;
  for (let i = start + 1; i < headerEnd; i++) {
    const line = lines[i];
    const m = headerRe.exec(line);
    if (m) {
      const key = m[1].toLowerCase();
      if (key in headers) diagnostics.push(diag(i, 0, i, m[1].length, 'warning', 'duplicate-header', `Duplicate header "${key}": the last value is used.`));
      headers[key] = m[2].trim();
      continue;
    }
    if (line.trim() === '') continue;
    if (separatorLine >= 0) {
      const col = line.search(/\S/);
      diagnostics.push(diag(i, col, i, line.length, 'error', 'bad-header',
        `Malformed header line: expected "key: value" (a key of letters, digits, "_", "-" or ".", then ":") or the separator "---".`));
    } else {
      bodyStartLine = i;
      break;
    }
  }
  if (end === start) {
    diagnostics.push(diag(start, 0, start, first.length, 'warning', 'empty-record', 'Empty record: expected "key: value" headers, "---", then the response.'));
  } else if (separatorLine < 0) {
    // Point at the first body line, or just past the last header when there is no body.
    const hasBody = bodyStartLine <= end;
    const line = hasBody ? bodyStartLine : end;
    const column = hasBody ? 0 : lines[end].length;
    diagnostics.push(diag(line, column, line, hasBody ? lines[line].length : column, 'error', 'missing-separator',
      `Missing "---" line ${hasBody ? 'before the response text' : 'after the headers'}: expected "---" to separate the "key: value" headers from the response. The record is read as if it were there.`));
  }

  // Body: `\===` lines lose their escaping backslash.
  const parts: string[] = [];
  const bodyLineOffsets: number[] = [];
  const bodyLineShift: number[] = [];
  let offset = 0;
  for (let i = bodyStartLine; i <= end; i++) {
    let line = lines[i];
    let shift = 0;
    if (line.charCodeAt(0) === 92 && line.startsWith('\\===')) { line = line.slice(1); shift = 1; }
    bodyLineOffsets.push(offset);
    bodyLineShift.push(shift);
    parts.push(line);
    offset += line.length + 1;
  }
  diagnostics.push(...contentDiagnostics(lines, start, end));

  const query = headers.query;
  return {
    index,
    id,
    startLine: start,
    separatorLine,
    endLine: end,
    headers,
    query,
    answer: headers.answer !== undefined && headers.answer !== '' ? headers.answer : undefined,
    task: headers.task ?? inferTask(query),
    model: headers.model ?? modelFromFileName(fileName),
    group: headers.group ?? query ?? id,
    bodyStartLine,
    body: parts.join('\n'),
    bodyLineOffsets,
    bodyLineShift,
    diagnostics,
  };
}

const multiplicationRe = /(\d[\d,]*)\s*(?:\*|\u00d7|\\times|\bx\b)\s*(\d[\d,]*)/;

/** `a * b` in the query gives the task `<digits of a>x<digits of b>`, else "". */
export function inferTask(query: string | undefined): string {
  const m = query ? multiplicationRe.exec(query) : null;
  if (!m) return '';
  return `${m[1].replace(/,/g, '').length}x${m[2].replace(/,/g, '').length}`;
}

function modelFromFileName(fileName: string | undefined): string {
  if (!fileName) return 'unknown';
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return base.replace(/\.(trace|jsonl|json)$/i, '') || 'unknown';
}
