// Folding: each record, and each attempt of more than one line inside it.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { analyseEntry } from './recordAnalysis.js';
import type { LensSettings } from './settings.js';
import type { TraceDocument } from './traceDocument.js';

export function foldingRanges(doc: TraceDocument, settings: LensSettings, key: string): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const entry of doc.entries) {
    const r = entry.record;
    if (r.endLine > r.startLine)
      out.push({
        startLine: entry.base + r.startLine,
        endLine: entry.base + r.endLine,
        kind: FoldingRangeKind.Region,
        collapsedText: `=== ${r.id}`,
      });
    const { seg } = analyseEntry(entry, settings, key);
    for (const s of seg?.steps ?? []) {
      if (s.kind === 'sample' && s.span.endLine > s.span.line)
        out.push({ startLine: entry.base + s.span.line, endLine: entry.base + s.span.endLine, kind: FoldingRangeKind.Region });
    }
  }
  return out;
}
