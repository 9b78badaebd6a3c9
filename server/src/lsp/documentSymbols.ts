// Outline: one symbol per record, its attempts inside (each with the decision that followed it).
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import { toRange } from './positions.js';
import { analyseEntry } from './recordAnalysis.js';
import type { SegmentedRecord, TraceRecord } from '../trace/types.js';
import type { LensSettings } from './settings.js';
import type { TraceDocument } from './traceDocument.js';

const judge = (c: boolean | null): string => (c === true ? '✓' : c === false ? '✗' : '?');

export function documentSymbols(doc: TraceDocument, settings: LensSettings, key: string): DocumentSymbol[] {
  return doc.entries.map((entry) => {
    const r = entry.record;
    const range: Range = {
      start: { line: entry.base + r.startLine, character: 0 },
      end: { line: entry.base + r.endLine, character: doc.lineLength(entry.base + r.endLine) },
    };
    const selectionRange: Range = { start: range.start, end: { line: range.start.line, character: 3 } };
    const { seg } = analyseEntry(entry, settings, key);
    const children: DocumentSymbol[] = [];
    if (seg) {
      seg.steps.forEach((s, i) => {
        if (s.kind !== 'sample') return;
        const sRange = toRange(s.span, entry.base);
        children.push({
          ...attemptLabel(seg, i),
          kind: SymbolKind.Event,
          range: sRange,
          selectionRange: s.answerSpan ? clip(toRange(s.answerSpan, entry.base), sRange) : { start: sRange.start, end: sRange.start },
        });
      });
    }
    return {
      name: `=== ${r.id}`,
      detail: recordDetail(r, seg, children.length),
      kind: SymbolKind.Module,
      range,
      selectionRange,
      children,
    };
  });
}

/** LSP requires a child's selection range inside its range. */
function clip(inner: Range, outer: Range): Range {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  if (before(inner.start, outer.start) || before(outer.end, inner.end)) return { start: outer.start, end: outer.start };
  return inner;
}

/** Name and detail of the symbol of sample step `i`: its answer, verdict and the decision that followed. */
export function attemptLabel(seg: SegmentedRecord, i: number): { name: string; detail: string } {
  const s = seg.steps[i];
  if (s.kind !== 'sample') throw new Error(`step ${i} is not a sample`);
  const next = seg.steps[i + 1];
  return {
    name: `attempt ${s.attempt + 1}: ${s.answer ?? 'no answer'} ${judge(s.correct)}`,
    detail: next?.kind === 'decision' ? `→ ${next.action}${next.echo ? ' (echo)' : ''}` : '',
  };
}

export function recordDetail(r: TraceRecord, seg: SegmentedRecord | null, attempts: number): string {
  return [
    r.model,
    r.task,
    seg?.final != null ? `final ${seg.final} ${judge(seg.correct)}` : 'no answer',
    `${attempts} attempt${attempts === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(' · ');
}
