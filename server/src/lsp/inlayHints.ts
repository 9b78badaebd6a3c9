// An inlay hint per decision: RESAMPLE before its marker, STOP after the answer that stands,
// each saying whether the answer it follows was correct, and flagging echoes.
import { InlayHintKind, type InlayHint, type Position, type Range } from 'vscode-languageserver';
import type { SegmentedRecord } from '../trace/types.js';
import { analyseEntry } from './recordAnalysis.js';
import type { LensSettings } from './settings.js';
import type { TraceDocument } from './traceDocument.js';

export function inlayHints(doc: TraceDocument, range: Range, settings: LensSettings, key: string): InlayHint[] {
  const out: InlayHint[] = [];
  for (let i = Math.max(doc.entryAt(range.start.line), 0); i < doc.entries.length && doc.startOf(i) <= range.end.line; i++) {
    const entry = doc.entries[i];
    const { seg } = analyseEntry(entry, settings, key);
    seg?.steps.forEach((s, k) => {
      if (s.kind !== 'decision') return;
      const resample = s.action === 'RESAMPLE';
      const line = entry.base + (resample ? s.span.line : s.span.endLine);
      const position = { line, character: resample ? s.span.column : s.span.endColumn };
      if (!inRange(position, range)) return;
      const { after, mark } = decisionVerdict(seg, k);
      out.push({
        position,
        label: `${s.action} ${mark}${s.echo ? ' echo' : ''}`,
        kind: InlayHintKind.Type,
        paddingLeft: !resample,
        paddingRight: resample,
        tooltip: `${s.action} after a ${after} answer (attempt ${s.attempt + 1})${s.echo ? '; the next attempt repeats the same answer' : ''}`,
      });
    });
  }
  return out;
}

/** Whether `p` lies in `range`, both ends included (a hint at the range's end is shown). */
export const inRange = (p: Position, range: Range): boolean =>
  (p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character)) &&
  (p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character));

/** Whether the answer that decision step `k` follows was correct, in words and as a mark. */
export function decisionVerdict(seg: SegmentedRecord, k: number): { after: 'correct' | 'wrong' | 'unjudged'; mark: '✓' | '✗' | '?' } {
  const sample = seg.steps[k - 1];
  const after =
    sample?.kind === 'sample' ? (sample.correct === true ? 'correct' : sample.correct === false ? 'wrong' : 'unjudged') : 'unjudged';
  return { after, mark: after === 'correct' ? '✓' : after === 'wrong' ? '✗' : '?' };
}
