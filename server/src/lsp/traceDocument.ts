// One open .trace document kept as one text chunk per record (plus the text before the first
// record), each parsed on its own: an edit rebuilds only the chunks it touches, so its cost does
// not grow with the file (no whole-document string is rebuilt, re-indexed or re-parsed). Positions
// inside a record are relative to the entry's `base` line; when an edit above adds or removes
// lines, later records only move their base and keep their parse and analysis.
import { fileURLToPath } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { DuplicateIds } from '../trace/duplicateIds.js';
import { idEndColumn, parseTrace } from '../trace/parse.js';
import { attachSidecarEntry, readSidecarSync, unmatchedLinesMessage, type SidecarEntry, type SidecarProblem } from '../trace/sidecar.js';
import type { TraceDiagnostic, TraceRecord } from '../trace/types.js';
import type { EntryCache } from './entryCache.js';
import { MAX_PATCH, type EntryChange } from './rolloutGroups.js';

/** Changes kept for changesSince: consumers (analysisQueue.ts) catch up at every publish. */
const MAX_LOG = 64;

export interface RecordEntry {
  /** Document line of the record's relative line 0. */
  base: number;
  /** Parsed record; its positions are relative to `base`. */
  record: TraceRecord;
  /** The document text from this record's `===` line up to the next record's, line breaks included. */
  text: string;
  /** The record line has no id, so its id is its ordinal and follows renumbering. */
  autoId: boolean;
  /** Per-feature caches owned by the analysis layer; dropped with the entry when it is re-parsed. */
  cache: EntryCache;
}

export class TraceDocument {
  readonly fileName: string;
  entries: RecordEntry[] = [];
  /** Text before the first record, and its diagnostics (document positions). */
  private preambleText = '';
  preamble: TraceDiagnostic[] = [];
  /** Line breaks in the document (LSP line count minus one). */
  private breaks = 0;
  /** Counts changes to `entries`, so derived indexes know when to rebuild. */
  revision = 0;
  /** The last change to `entries` (what it removed and added) when small, so derived indexes can patch themselves. */
  lastChange?: EntryChange;
  /** The small changes since revision `logFrom`, oldest first (changesSince). */
  private log: EntryChange[] = [];
  private logFrom = 0;
  /** Entries held by `log` (removed and added). */
  private logged = 0;
  /** Length of the document's text (UTF-16 code units). */
  private length = 0;
  /** Records parsed by the last update (the incremental path's work). */
  lastReparsed = 0;
  /** Repeated-id warnings of the whole document, for `revision` (fileDiagnostics). */
  private ids: { revision: number; value: TraceDiagnostic[] } = { revision: -1, value: [] };
  /**
   * How many records carry each id, and how many ids more than one record carries, kept by every
   * change: a document without repeats (the usual case) needs no pass over its records per edit.
   */
  private idCounts = new Map<string, number>();
  private repeatedIds = 0;
  /**
   * The log-prob sidecar import wrote beside this file (`X.trace.logprobs.jsonl`), read when the
   * document opens: its entries by record id, given to the records as they are parsed.
   */
  private sidecar?: { path: string; entries: Map<string, SidecarEntry>; problems: SidecarProblem[] };
  private sidecarNotes: { revision: number; value: TraceDiagnostic[] } = { revision: -1, value: [] };

  constructor(
    readonly uri: string,
    public version: number,
    text: string,
  ) {
    this.fileName = decodeURIComponent(
      uri
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() ?? uri,
    );
    if (/^file:/i.test(uri) && /\.trace$/i.test(uri.replace(/[?#].*$/, '')))
      try {
        this.sidecar = readSidecarSync(fileURLToPath(uri.replace(/[?#].*$/, '')));
      } catch {
        this.sidecar = undefined;
      }
    this.replaceRegion(0, -1, 0, text, '');
  }

  /** Gives a freshly parsed record its sidecar log-probs, or a warning on its record line saying why not. */
  private attachLogprobs(record: TraceRecord): void {
    const entry = this.sidecar?.entries.get(record.id);
    if (!entry) return;
    const problem = attachSidecarEntry(record, entry);
    if (problem)
      record.diagnostics.push({
        line: record.startLine,
        column: 0,
        endLine: record.startLine,
        endColumn: idEndColumn(record),
        severity: 'warning',
        code: 'bad-logprobs',
        message: `Log-prob sidecar line ${entry.line + 1}: ${problem}; the log-probs of record ${record.id} are not used: attribution estimates its KL terms (eps per token).`,
      });
  }

  /** The sidecar's problems: lines that cannot be read, and entries no record of the document has (a stale sidecar). */
  private sidecarDiagnostics(): TraceDiagnostic[] {
    if (!this.sidecar) return [];
    if (this.sidecarNotes.revision === this.revision) return this.sidecarNotes.value;
    const at = (message: string): TraceDiagnostic => ({
      line: 0,
      column: 0,
      endLine: 0,
      endColumn: 0,
      severity: 'warning',
      code: 'bad-logprobs',
      message,
    });
    const name = this.sidecar.path.split(/[\\/]/).pop();
    const value = this.sidecar.problems.map((p) => at(`Log-prob sidecar ${name}, line ${p.line + 1}: ${p.message}; not used.`));
    let unmatched = 0;
    let first: SidecarEntry | undefined;
    for (const e of this.sidecar.entries.values())
      if (!this.idCounts.has(e.id)) {
        unmatched++;
        first ??= e;
      }
    if (first) value.push(at(`Log-prob sidecar ${name}: ${unmatchedLinesMessage(unmatched, first)}.`));
    this.sidecarNotes = { revision: this.revision, value };
    return value;
  }

  get lineCount(): number {
    return this.breaks + 1;
  }

  get textLength(): number {
    return this.length;
  }

  /** The changes to `entries` since `revision`, oldest first, when all were small and are still kept; else undefined. */
  changesSince(revision: number): readonly EntryChange[] | undefined {
    if (revision < this.logFrom || revision > this.revision) return undefined;
    return revision === this.revision ? [] : this.log.slice(revision - this.logFrom);
  }

  /**
   * Diagnostics about the file rather than one record (document positions): the text before the
   * first record, and the repeated ids (on the later record's id, as parseTrace gives them; over
   * the whole document, since an edit re-parses only a region).
   */
  fileDiagnostics(): TraceDiagnostic[] {
    if (this.ids.revision !== this.revision && this.repeatedIds === 0) this.ids = { revision: this.revision, value: [] };
    if (this.ids.revision !== this.revision) {
      const seen = new DuplicateIds();
      const value: TraceDiagnostic[] = [];
      for (const e of this.entries) {
        const d = seen.check(e.record.id, e.base + e.record.startLine, 0, idEndColumn(e.record));
        if (d) value.push(d);
      }
      this.ids = { revision: this.revision, value };
    }
    const sidecar = this.sidecarDiagnostics();
    if (sidecar.length > 0) return [...sidecar, ...this.preamble, ...this.ids.value];
    return this.ids.value.length === 0 ? this.preamble : [...this.preamble, ...this.ids.value];
  }

  getText(): string {
    return this.preambleText + this.entries.map((e) => e.text).join('');
  }

  /** Applies LSP content changes in order; ranged changes re-parse only the records they touch. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.lastReparsed = 0;
    for (const change of changes) {
      if (!('range' in change)) {
        this.replaceRegion(0, this.entries.length - 1, 0, change.text, this.getText());
        continue;
      }
      // A reversed range (end before start) is read with its ends swapped, as
      // vscode-languageserver-textdocument reads it.
      const r = change.range;
      const reversed = r.end.line < r.start.line || (r.end.line === r.start.line && r.end.character < r.start.character);
      const [start, end] = reversed ? [r.end, r.start] : [r.start, r.end];
      const startLine = Math.max(0, Math.min(start.line, this.breaks));
      const endLine = Math.max(startLine, Math.min(end.line, this.breaks));
      // From the record before the edit (an edit on a record line can merge it into the previous
      // record) to the record holding the edit's end; the text before the first record counts as one.
      let first = this.entryAt(startLine);
      if (first >= 0 && this.startOf(first) === startLine) first--;
      const last = this.entryAt(endLine);
      const regionStart = first >= 0 ? this.startOf(first) : 0;
      const from = Math.max(first, 0);
      const old =
        (first < 0 ? this.preambleText : '') +
        this.entries
          .slice(from, last + 1)
          .map((e) => e.text)
          .join('');
      // Positions outside the document clamp to its start or end, as LSP clients clamp them.
      const column = (p: { line: number; character: number }) => (p.line < 0 ? 0 : p.line > this.breaks ? Infinity : p.character);
      const a = offsetIn(old, regionStart, startLine, column(start));
      const b = Math.max(a, offsetIn(old, regionStart, endLine, column(end)));
      this.replaceRegion(regionStart, last, from, old.slice(0, a) + change.text + old.slice(b), old);
    }
    this.version = version;
  }

  /** Index of the entry holding `line`, -1 when the line is before the first record. */
  entryAt(line: number): number {
    let lo = 0;
    let hi = this.entries.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.startOf(mid) <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  startOf(i: number): number {
    return this.entries[i].base + this.entries[i].record.startLine;
  }

  private countId(id: string, sign: 1 | -1): void {
    const was = this.idCounts.get(id) ?? 0;
    const now = was + sign;
    if (now === 0) this.idCounts.delete(id);
    else this.idCounts.set(id, now);
    if (was < 2 && now >= 2) this.repeatedIds++;
    else if (was >= 2 && now < 2) this.repeatedIds--;
  }

  /** Length of a document line without its line break. */
  lineLength(line: number): number {
    const i = this.entryAt(line);
    const text = i >= 0 ? this.entries[i].text : this.preambleText;
    const first = i >= 0 ? this.startOf(i) : 0;
    const starts = lineStarts(text);
    const k = line - first;
    if (k < 0 || k >= starts.length) return 0;
    return lineEnd(text, starts, k) - starts[k];
  }

  /**
   * Puts the parse of `text` (document lines from `regionStart` on) in place of entries
   * [from, last] (and of the preamble when `regionStart` is 0); `old` is the text it replaces.
   */
  private replaceRegion(regionStart: number, last: number, from: number, text: string, old: string): void {
    const parsed = parseTrace(text, { fileName: this.fileName });
    const starts = lineStarts(text);
    const offsetOfLine = (l: number) => (l < starts.length ? starts[l] : text.length);
    const fresh: RecordEntry[] = parsed.records.map((record, k) => {
      this.attachLogprobs(record);
      const next = parsed.records[k + 1];
      const chunk = text.slice(offsetOfLine(record.startLine), next ? offsetOfLine(next.startLine) : text.length);
      return { base: regionStart, record, text: chunk, autoId: /^\uFEFF?===[ \t]*(?:\r\n|\r|\n|$)/.test(chunk), cache: {} };
    });
    if (regionStart === 0) {
      this.preambleText = text.slice(0, fresh.length ? offsetOfLine(fresh[0].record.startLine) : text.length);
      // Repeated ids are the whole document's (fileDiagnostics), not the region's.
      this.preamble = parsed.diagnostics.filter((d) => d.code !== 'duplicate-id');
    }
    const lineDelta = starts.length - 1 - countBreaks(old);
    this.breaks += lineDelta;
    if (lineDelta !== 0) for (let i = last + 1; i < this.entries.length; i++) this.entries[i].base += lineDelta;
    const removed = last - from + 1;
    for (let i = from; i <= last; i++) this.countId(this.entries[i].record.id, -1);
    for (const e of fresh) this.countId(e.record.id, 1);
    const small = removed + fresh.length <= MAX_PATCH;
    const gone = small ? this.entries.slice(from, last + 1) : [];
    // Spreading a whole file's records into splice() would overflow the argument stack.
    if (fresh.length < 10_000) this.entries.splice(from, removed, ...fresh);
    else this.entries = this.entries.slice(0, from).concat(fresh, this.entries.slice(last + 1));
    // Ordinals move only when the number of records changed.
    const renumberTo = fresh.length === removed ? from + fresh.length : this.entries.length;
    // A record with neither `group:` nor a query is a group of its own, named by its id: one
    // renumbered outside the change moves to another group, which a patch cannot say (rebuilt).
    let regrouped = false;
    for (let i = from; i < renumberTo; i++) {
      const r = this.entries[i].record;
      r.index = i;
      if (this.entries[i].autoId && r.id !== String(i + 1)) {
        this.countId(r.id, -1);
        if (r.group === r.id && r.headers.group === undefined && r.query === undefined) {
          r.group = String(i + 1);
          if (i >= from + fresh.length) regrouped = true;
        }
        r.id = String(i + 1);
        this.countId(r.id, 1);
      }
    }
    this.revision++;
    this.length += text.length - old.length;
    this.lastChange = small && !regrouped ? { revision: this.revision, removed: gone, added: fresh } : undefined;
    if (this.lastChange) {
      this.log.push(this.lastChange);
      this.logged += removed + fresh.length;
      // Consumers catch up on every publish: a short history is enough, and keeps few dead entries alive.
      while (this.log.length > MAX_LOG || this.logged > MAX_PATCH) {
        const dropped = this.log.shift()!;
        this.logged -= dropped.removed.length + dropped.added.length;
        this.logFrom++;
      }
    } else {
      this.log = [];
      this.logged = 0;
      this.logFrom = this.revision;
    }
    this.lastReparsed += fresh.length;
  }
}

/** Start offset of every line of `text` (LSP line breaks: \r\n, \r, \n); a final break starts one more, empty, line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

function countBreaks(text: string): number {
  return lineStarts(text).length - 1;
}

/** End offset of line k (before its line break). */
function lineEnd(text: string, starts: number[], k: number): number {
  if (k + 1 >= starts.length) return text.length;
  let e = starts[k + 1];
  const c = text.charCodeAt(e - 1);
  if (c === 10) {
    e--;
    if (e > starts[k] && text.charCodeAt(e - 1) === 13) e--;
  } else if (c === 13) e--;
  return e;
}

/** Offset in `text` (which starts at document line `firstLine`) of a position, clamped like LSP clamps. */
function offsetIn(text: string, firstLine: number, line: number, character: number): number {
  const starts = lineStarts(text);
  const k = line - firstLine;
  if (k >= starts.length) return text.length;
  return Math.min(starts[k] + Math.max(0, character), lineEnd(text, starts, k));
}
