// One open .trace document split into records, each parsed on its own, so an edit re-parses and
// re-analyses only the records it touches. Positions inside a record are kept relative to the
// entry's `base` line: when an edit above adds or removes lines, later records only move their
// base and keep their parse and analysis.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parseTrace } from '../trace/parse.js';
import type { TraceDiagnostic, TraceRecord } from '../trace/types.js';

export interface RecordEntry {
  /** Document line of the record's relative line 0. */
  base: number;
  /** Parsed record; its positions are relative to `base`. */
  record: TraceRecord;
  /** The record line has no id, so its id is its ordinal and follows renumbering. */
  autoId: boolean;
  /** Diagnostics outside any record that the region parse found (e.g. binary content), relative to `base`. */
  loose: TraceDiagnostic[];
  /** Per-feature caches owned by the analysis layer; dropped whenever the record is re-parsed. */
  cache: Map<string, unknown>;
}

export class TraceDocument {
  private doc: TextDocument;
  readonly fileName: string;
  entries: RecordEntry[] = [];
  /** Diagnostics of the text before the first record (document positions). */
  preamble: TraceDiagnostic[] = [];
  /** Records parsed by the last update (the incremental path's work). */
  lastReparsed = 0;

  constructor(uri: string, languageId: string, version: number, text: string) {
    this.doc = TextDocument.create(uri, languageId, version, text);
    this.fileName = decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);
    this.reparse(0, this.doc.lineCount - 1, 0, this.entries.length - 1, 0);
  }

  get uri(): string {
    return this.doc.uri;
  }

  get version(): number {
    return this.doc.version;
  }

  get text(): TextDocument {
    return this.doc;
  }

  /** Applies LSP content changes in order; ranged changes re-parse only the records they touch. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    this.lastReparsed = 0;
    for (const change of changes) {
      if (!('range' in change)) {
        this.doc = TextDocument.update(this.doc, [change], version);
        this.entries = [];
        this.preamble = [];
        this.reparse(0, this.doc.lineCount - 1, 0, -1, 0);
        continue;
      }
      const { start, end } = change.range;
      const lineCount = this.doc.lineCount;
      const startLine = Math.min(start.line, lineCount - 1);
      const endLine = Math.min(end.line, lineCount - 1);
      // The region runs from the start of the record before the edit (an edit on a record line
      // can merge it into the previous record) to the end of the record holding the edit's end.
      let first = this.entryAt(startLine);
      if (first >= 0 && this.startOf(first) === startLine) first--;
      const last = this.entryAt(endLine);
      const regionStart = first >= 0 ? this.startOf(first) : 0;
      // Up to the next record's line (or the end): the parser drops a final empty line, so a
      // record's endLine can stop short of lines an edit reaches.
      const regionEndOld = last + 1 < this.entries.length ? this.startOf(last + 1) - 1 : lineCount - 1;
      this.doc = TextDocument.update(this.doc, [change], version);
      // Counted on the result, not the inserted text: "\n" typed after a "\r" joins one line break.
      const lineDelta = this.doc.lineCount - lineCount;
      const regionEnd = Math.min(regionEndOld + lineDelta, this.doc.lineCount - 1);
      this.reparse(regionStart, regionEnd, Math.max(first, 0), last, lineDelta);
    }
    // The version moves even when a change list is empty.
    this.doc = TextDocument.update(this.doc, [], version);
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

  /** Length of a document line without its line break. */
  lineLength(line: number): number {
    if (line >= this.doc.lineCount) return 0;
    const start = this.doc.offsetAt({ line, character: 0 });
    const end = line + 1 < this.doc.lineCount ? this.doc.offsetAt({ line: line + 1, character: 0 }) : this.doc.getText().length;
    const text = this.doc.getText();
    let e = end;
    while (e > start && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
    return e - start;
  }

  startOf(i: number): number {
    return this.entries[i].base + this.entries[i].record.startLine;
  }

  endOf(i: number): number {
    return this.entries[i].base + this.entries[i].record.endLine;
  }

  /**
   * Re-parses document lines [fromLine, toLine] (new coordinates) and puts the result in place
   * of entries [firstOld, lastOld]; entries after them move by `lineDelta` lines.
   */
  private reparse(fromLine: number, toLine: number, firstOld: number, lastOld: number, lineDelta: number): void {
    const text = this.lineText(fromLine, toLine);
    const parsed = parseTrace(text, { fileName: this.fileName });
    const fresh: RecordEntry[] = parsed.records.map((record) => ({
      base: fromLine,
      record,
      autoId: /^===[ \t]*$/.test(this.doc.getText({ start: { line: fromLine + record.startLine, character: 0 }, end: { line: fromLine + record.startLine + 1, character: 0 } }).replace(/\r?\n$/, '')),
      loose: [],
      cache: new Map(),
    }));
    if (fromLine === 0) this.preamble = parsed.diagnostics;
    else if (fresh.length) fresh[0].loose = parsed.diagnostics;
    const removed = lastOld >= firstOld ? lastOld - firstOld + 1 : 0;
    const after = this.entries.slice(firstOld + removed);
    for (const e of after) e.base += lineDelta;
    this.entries = this.entries.slice(0, firstOld).concat(fresh, after);
    for (let i = firstOld; i < this.entries.length; i++) {
      const r = this.entries[i].record;
      r.index = i;
      if (this.entries[i].autoId) r.id = String(i + 1);
    }
    this.lastReparsed += fresh.length;
  }

  /**
   * Text of lines [from, to] with the line break after `to`: the parser drops one final break,
   * so a blank last line stays a line of its record, exactly as in a whole-document parse.
   */
  private lineText(from: number, to: number): string {
    if (to < from) return '';
    const startOff = this.doc.offsetAt({ line: from, character: 0 });
    const endOff = to + 1 < this.doc.lineCount ? this.doc.offsetAt({ line: to + 1, character: 0 }) : this.doc.getText().length;
    return this.doc.getText().slice(startOff, endOff);
  }
}
