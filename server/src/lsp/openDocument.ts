// One model of an open document for the server: a .trace file (traceDocument.ts) or a JSONL
// rollout file (jsonlDocument.ts), each with the same features. The format is decided once, when
// the document opens; server.ts asks `featuresOf(doc)` and never looks at the format again.
import type {
  CodeAction,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Position,
  Range,
  SemanticTokens,
} from 'vscode-languageserver';
import type { LabelArgs } from '../../../protocol/labels.js';
import { capDiagnostics } from './diagnosticCap.js';
import { publishedDiagnostics, syntaxDiagnostics } from './diagnostics.js';
import { documentSymbols } from './documentSymbols.js';
import { foldingRanges } from './folding.js';
import {
  applyLabelCommand,
  goldDiagnostics,
  goldHover,
  goldInlayHints,
  labelCodeActions,
  withGoldHover,
  type LabelClient,
} from './goldLabels.js';
import { hover } from './hover.js';
import { inlayHints } from './inlayHints.js';
import { JsonlDocument } from './jsonlDocument.js';
import { jsonlDiagnostics, jsonlHover, jsonlInlayHints, jsonlSymbols, jsonlSyntaxDiagnostics } from './jsonlFeatures.js';
import { semanticTokens } from './semanticTokens.js';
import type { LensSettings } from './settings.js';
import { TraceDocument } from './traceDocument.js';

export type OpenDocument = TraceDocument | JsonlDocument;

/** What the server shows for a document, whatever its format. */
export interface DocumentFeatures {
  /** Malformed input and engine findings, at most `max` (diagnosticCap.ts; analyses every record not analysed yet). */
  diagnostics(settings: LensSettings, key: string, max: number): Diagnostic[];
  /** Malformed input only: what a large file shows while it is analysed. */
  syntaxDiagnostics(): Diagnostic[];
  semanticTokens(settings: LensSettings, key: string, range?: Range): SemanticTokens;
  hover(position: Position, settings: LensSettings, key: string): Hover | null;
  /** The labelling actions at `range` (goldLabels.ts); `client` says what the client supports. */
  codeActions(range: Range, settings: LensSettings, key: string, client?: LabelClient): CodeAction[];
  /** Writes a gold label beside the trace (goldLabels.ts); resolves to the gold file's path, rejects with a message for the user. */
  label(args: LabelArgs, settings: LensSettings, key: string): Promise<string>;
  symbols(settings: LensSettings, key: string): DocumentSymbol[];
  foldingRanges(settings: LensSettings, key: string): FoldingRange[];
  inlayHints(range: Range, settings: LensSettings, key: string): InlayHint[];
}

const extensionOf = (uri: string): string => /\.([^./\\]*)$/.exec(uri.replace(/[?#].*$/, ''))?.[1]?.toLowerCase() ?? '';

/**
 * How the server reads a document: `.jsonl` files (whatever their language id: VS Code's client
 * sends them by file pattern) and documents in language `jsonl` as rollouts, `.trace` files and
 * documents in language `trace` as traces; undefined for the rest (another editor's client may
 * attach the server to documents of other languages: they are not read, nothing is published).
 */
export function formatOf(uri: string, languageId?: string): 'jsonl' | 'trace' | undefined {
  const ext = extensionOf(uri);
  if (ext === 'jsonl' || languageId === 'jsonl') return 'jsonl';
  if (ext === 'trace' || languageId === 'trace' || languageId === undefined) return 'trace';
  return undefined;
}

/** The model of a newly opened document (formatOf), or undefined for a document the server does not read. */
export function openDocument(uri: string, version: number, text: string, languageId?: string): OpenDocument | undefined {
  const format = formatOf(uri, languageId);
  if (format === undefined) return undefined;
  return format === 'jsonl' ? new JsonlDocument(uri, version, text) : new TraceDocument(uri, version, text);
}

const noTokens: SemanticTokens = { data: [] };

export function featuresOf(doc: OpenDocument): DocumentFeatures {
  if (doc instanceof JsonlDocument) {
    return {
      diagnostics: (s, key, max) => capDiagnostics(jsonlDiagnostics(doc, s, key), max),
      syntaxDiagnostics: () => jsonlSyntaxDiagnostics(doc),
      // A JSON line has no positions inside its response text: no tokens, folds or label actions there.
      semanticTokens: () => noTokens,
      hover: (position, s, key) => jsonlHover(doc, position, s, key),
      codeActions: () => [],
      label: () => Promise.reject(new Error('labelling JSONL rollouts is not supported yet; import them to .trace first')),
      symbols: (s, key) => jsonlSymbols(doc, s, key),
      foldingRanges: () => [],
      inlayHints: (range, s, key) => jsonlInlayHints(doc, range, s, key),
    };
  }
  return {
    diagnostics: (s, key, max) => publishedDiagnostics(doc, s, key, max, goldDiagnostics(doc, s, key)),
    syntaxDiagnostics: () => syntaxDiagnostics(doc),
    semanticTokens: (s, key, range) => semanticTokens(doc, s, key, range),
    hover: (position, s, key) => withGoldHover(hover(doc, position, s, key), goldHover(doc, position)),
    codeActions: (range, s, key, client) => labelCodeActions(doc, range, s, key, client),
    label: (args, s, key) => applyLabelCommand(doc, args, s, key),
    symbols: (s, key) => documentSymbols(doc, s, key),
    foldingRanges: (s, key) => foldingRanges(doc, s, key),
    inlayHints: (range, s, key) => [...inlayHints(doc, range, s, key), ...goldInlayHints(doc, range)],
  };
}
