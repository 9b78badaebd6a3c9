// One open JSONL rollout file (verl `{step}.jsonl` dumps, evaluation outputs), read with the
// engine's JSONL reader: each line gives zero or more trace records (one per response) and its own
// malformed-input diagnostics. A record's positions are those of its formatted `.trace` text, not
// of the JSON line (the body is a JSON string with escapes), so every feature places what it
// shows on the record's source line. Lines keep their parse while their text and line number do
// not change, so an edit re-reads only the lines it touches (and the ones it moves).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonlLineToRecords, jsonlRecordToTrace } from '../trace/jsonl.js';
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
  private parsedByLine = new Map<string, JsonlLine>();

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
    const raw = text.split('\n');
    const previous = this.parsedByLine;
    this.parsedByLine = new Map();
    this.lines = [];
    this.entries = [];
    this.lastReparsed = 0;
    for (let i = 0; i < raw.length; i++) {
      const lineText = raw[i].endsWith('\r') ? raw[i].slice(0, -1) : raw[i];
      // Line numbers are part of a line's parse (default ids, diagnostics), so they are part of the key.
      const key = `${i}\n${lineText}`;
      let parsed = previous.get(key);
      if (!parsed) {
        this.lastReparsed++;
        const { records, diagnostics } = jsonlLineToRecords(lineText, i, { fileName: this.fileName });
        parsed = {
          entries: records.map((r) => ({
            base: i,
            record: jsonlRecordToTrace(r, 0, 0, this.fileName),
            text: lineText,
            autoId: false,
            cache: {},
          })),
          diagnostics,
          length: lineText.length,
        };
      }
      this.parsedByLine.set(key, parsed);
      this.lines.push(parsed);
      for (const e of parsed.entries) {
        e.record.index = this.entries.length;
        this.entries.push(e);
      }
    }
    this.revision++;
  }
}
