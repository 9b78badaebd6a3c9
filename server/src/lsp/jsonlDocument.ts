// One open JSONL rollout file (verl `{step}.jsonl` dumps, evaluation outputs), read with the
// engine's JSONL reader: each line gives zero or more trace records (one per response) and its own
// malformed-input diagnostics. A record's positions are those of its formatted `.trace` text, not
// of the JSON line (the body is a JSON string with escapes), so every feature places what it
// shows on the record's source line. Lines keep their parse while their text and line number do
// not change, so an edit re-reads only the lines it touches (and the ones it moves).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileIds, jsonlLineToRecords, jsonlRecordToTrace, type JsonlLineResult } from '../trace/jsonl.js';
import type { TraceDiagnostic } from '../trace/types.js';
import type { RecordEntry } from './traceDocument.js';

export interface JsonlLine {
  /** Records of this line, in `entries` order; `base` is the line (the record's own positions are virtual). */
  entries: RecordEntry[];
  /** Malformed-input diagnostics of the line (document positions). */
  diagnostics: TraceDiagnostic[];
  /** Length of the line without its line break. */
  length: number;
}

export class JsonlDocument {
  readonly fileName: string;
  private doc: TextDocument;
  lines: JsonlLine[] = [];
  entries: RecordEntry[] = [];
  /** Counts changes to `entries`, so derived indexes (rollout groups) know when to rebuild. */
  revision = 0;
  /** Lines read again by the last update. */
  lastReparsed = 0;
  /** A line's parse (its records with the ids the line gives alone), and its entries under the ids the file gave them. */
  private parsedByLine = new Map<string, { raw: JsonlLineResult; ids: string; line: JsonlLine }>();

  constructor(
    readonly uri: string,
    version: number,
    text: string,
  ) {
    this.fileName = decodeURIComponent(
      uri
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() ?? uri,
    );
    this.doc = TextDocument.create(uri, 'jsonl', version, text);
    this.read();
  }

  get version(): number {
    return this.doc.version;
  }

  get lineCount(): number {
    return this.doc.lineCount;
  }

  get textLength(): number {
    return this.doc.getText().length;
  }

  getText(): string {
    return this.doc.getText();
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.doc = TextDocument.update(this.doc, [...changes], version);
    this.read();
  }

  /** Index in `lines` of a document line (same numbering); undefined outside the document. */
  lineAt(line: number): JsonlLine | undefined {
    return this.lines[line];
  }

  private read(): void {
    const text = this.doc.getText();
    // Lines end at \n, \r\n or a lone \r: LSP positions count a lone \r as a line break too.
    const raw = text.split(/\r\n?|\n/);
    const previous = this.parsedByLine;
    this.parsedByLine = new Map();
    this.lines = [];
    this.entries = [];
    this.lastReparsed = 0;
    // The rollouts of a group are numbered in file order, as every reader of the file numbers them
    // (duplicateIds.ts): a line's ids depend on the lines before it, so they are part of its entries' key.
    const fileIds = new FileIds();
    for (let i = 0; i < raw.length; i++) {
      const lineText = raw[i];
      // Line numbers are part of a line's parse (default ids, diagnostics), so they are part of the key.
      const key = `${i}\n${lineText}`;
      const before = previous.get(key);
      let parsedRaw = before?.raw;
      if (!parsedRaw) {
        this.lastReparsed++;
        parsedRaw = jsonlLineToRecords(lineText, i, { fileName: this.fileName });
      }
      const records = parsedRaw.records.map((r) => ({ ...r }));
      const repeated = fileIds.number(lineText, records);
      const ids = records.map((r) => String(r.id)).join('\n');
      let parsed = before && before.raw === parsedRaw && before.ids === ids && repeated.length === 0 ? before.line : undefined;
      if (!parsed) {
        parsed = {
          entries: records.map((r) => ({
            base: i,
            record: jsonlRecordToTrace(r, 0, 0, this.fileName),
            text: lineText,
            autoId: false,
            cache: {},
          })),
          diagnostics: repeated.length === 0 ? parsedRaw.diagnostics : [...parsedRaw.diagnostics, ...repeated],
          length: lineText.length,
        };
      }
      this.parsedByLine.set(key, { raw: parsedRaw, ids, line: parsed });
      this.lines.push(parsed);
      for (const e of parsed.entries) {
        e.record.index = this.entries.length;
        this.entries.push(e);
      }
    }
    this.revision++;
  }
}
