// The editor features on a JSONL rollout file, one line per rollout: diagnostics on the line
// (malformed JSON with its column; the engine's findings on the record), a hover with the
// record's steps and Q-values, an inlay hint at the line's end summarising its decisions, and a
// symbol per record. Analysis, verdicts and labels are the .trace features' own.
import {
  InlayHintKind,
  MarkupKind,
  SymbolKind,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type InlayHint,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { SegmentedRecord, TraceDiagnostic } from '../trace/types.js';
import { attributionSummaries } from './attributionSummary.js';
import { toLspDiagnostic } from './diagnostics.js';
import { attemptLabel, recordDetail } from './documentSymbols.js';
import { memo } from './entryCache.js';
import type { ObjectiveAttribution } from '../analysis/objectives.js';
import { attributedInGroup, code, fmt, judge, klFrom, objectiveLine, ratioLine, recordLine, selectedObjective } from './hover.js';
import { decisionVerdict, inRange } from './inlayHints.js';
import type { JsonlDocument } from './jsonlDocument.js';
import { analyseEntry } from './recordAnalysis.js';
import { attributionOptionsOf, type LensSettings } from './settings.js';
import type { RecordEntry } from './traceDocument.js';

const lineRange = (line: number, length: number): Range => ({ start: { line, character: 0 }, end: { line, character: length } });

/** Names a record among the responses of its line when the line has several. */
const responseOf = (entries: RecordEntry[], e: RecordEntry): string =>
  entries.length > 1 ? `Response ${entries.indexOf(e) + 1} (${e.record.id}): ` : '';

export function jsonlDiagnostics(doc: JsonlDocument, settings: LensSettings, key: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  doc.lines.forEach((line, n) => {
    for (const d of line.diagnostics) out.push(toLspDiagnostic(d, 0));
    for (const entry of line.entries) {
      const onLine = memo(entry.cache, 'jsonlDiagnostics', key, () => {
        // The record's own positions point into its formatted .trace text: the line stands for them.
        const place = (d: TraceDiagnostic): Diagnostic => ({
          ...toLspDiagnostic(d, 0),
          // From the field it came from when known (a tokens / truncated value), else the whole line.
          range:
            d.sourceColumn !== undefined
              ? { start: { line: n, character: d.sourceColumn }, end: { line: n, character: line.length } }
              : lineRange(n, line.length),
          message: responseOf(line.entries, entry) + d.message,
        });
        return analyseEntry(entry, settings, key).diagnostics.map(place);
      });
      for (const d of onLine) out.push(d);
    }
  });
  for (const { entry, diagnostic } of attributionSummaries(doc, settings, key)) {
    out.push({ ...toLspDiagnostic(diagnostic, 0), range: lineRange(entry.base, doc.lines[entry.base].length) });
  }
  return out;
}

/** Malformed-line diagnostics only, before analysis. */
export function jsonlSyntaxDiagnostics(doc: JsonlDocument): Diagnostic[] {
  return doc.lines.flatMap((l) => l.diagnostics.map((d) => toLspDiagnostic(d, 0)));
}

/** Responses of one line a hover shows (a line can hold thousands: the rest are counted). */
export const HOVER_RESPONSES = 20;
/** Responses of one line the inlay label summarises, and the label's length cap. */
export const INLAY_RESPONSES = 8;
export const INLAY_LABEL_CHARS = 300;

export function jsonlHover(doc: JsonlDocument, position: Position, settings: LensSettings, key: string): Hover | null {
  const line = doc.lineAt(position.line);
  if (!line || line.entries.length === 0) return null;
  const more = line.entries.length - HOVER_RESPONSES;
  const parts = line.entries.slice(0, HOVER_RESPONSES).map((entry) => {
    const a = attributedInGroup(doc, entry.record.index, settings, key);
    if (!a) return `${responseOf(line.entries, entry)}**Record \`${entry.record.id}\`** could not be analysed.`;
    const objective = a.attribution ? selectedObjective(a.seg, a.group, settings) : null;
    const steps = a.attribution
      ? stepsTable(a.seg, a.attribution.steps, objective)
      : '_No candidate answer was found, so there are no steps to attribute._';
    return [
      responseOf(line.entries, entry) + recordLine(a.seg, a.group),
      steps,
      a.attribution ? `KL from ${klFrom(a.seg, attributionOptionsOf(settings))}` : '',
      a.attribution ? ratioLine(a.attribution) : '',
      objective ? objectiveLine(objective) : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  });
  if (more > 0)
    parts.push(
      `_…and ${more} more response${more === 1 ? '' : 's'} on this line (the first ${HOVER_RESPONSES} of ${line.entries.length} are shown; the document symbols list them all)._`,
    );
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: lineRange(position.line, line.length) };
}

/** Every step of a record in one table: what it did, the answer and its verdict, the Q-values and the chosen objective's contribution. */
function stepsTable(
  seg: SegmentedRecord,
  attributed: { r: number; q: number; qSurrogate: number }[],
  objective: ObjectiveAttribution | null,
): string {
  const perStep = objective?.available ? objective.steps : undefined;
  const rows = seg.steps.map((s, i) => {
    const a = attributed[i];
    const what =
      s.kind === 'sample'
        ? `attempt ${s.attempt + 1}: ${code(s.answer)} (${judge(s.correct)}), L = ${s.tokens}`
        : `${s.action}${s.marker ? ` "${s.marker}"` : ''}${s.echo ? ' (echo)' : ''}`;
    const own = perStep ? ` ${perStep[i] ? fmt(perStep[i].contribution) : ''} |` : '';
    return `| ${i + 1} | ${what} | ${a ? fmt(a.r) : ''} | ${a ? fmt(a.q) : ''} | ${a ? fmt(a.qSurrogate) : ''} |${own}`;
  });
  const head = perStep ? ` ${objective!.objective} contribution |` : '';
  return `| step | | r | KL Q | surrogate Q |${head}\n|--:|:--|--:|--:|--:|${perStep ? '--:|' : ''}\n${rows.join('\n')}`;
}

export function jsonlInlayHints(doc: JsonlDocument, range: Range, settings: LensSettings, key: string): InlayHint[] {
  const out: InlayHint[] = [];
  for (let n = Math.max(0, range.start.line); n <= Math.min(range.end.line, doc.lines.length - 1); n++) {
    const line = doc.lines[n];
    const position = { line: n, character: line.length };
    if (!inRange(position, range)) continue;
    const labels = line.entries.slice(0, INLAY_RESPONSES).map((entry) => {
      const { seg } = analyseEntry(entry, settings, key);
      return seg ? decisionSummary(seg) : 'not analysed';
    });
    if (labels.length === 0) continue;
    const more = line.entries.length - labels.length;
    let label = labels.join(' | ');
    if (label.length > INLAY_LABEL_CHARS) label = `${label.slice(0, INLAY_LABEL_CHARS - 1)}…`;
    if (more > 0) label += ` | +${more} more`;
    out.push({ position, label, kind: InlayHintKind.Type, paddingLeft: true });
  }
  return out;
}

/** "3 attempts: RESAMPLE ✗ → RESAMPLE ✗ → STOP ✓" — each decision with the verdict on the answer it followed. */
export function decisionSummary(seg: SegmentedRecord): string {
  const attempts = seg.steps.filter((s) => s.kind === 'sample').length;
  const decisions = seg.steps.flatMap((s, k) =>
    s.kind === 'decision' ? [`${s.action} ${decisionVerdict(seg, k).mark}${s.echo ? ' echo' : ''}`] : [],
  );
  if (attempts === 0) return 'no answer';
  return `${attempts} attempt${attempts === 1 ? '' : 's'}: ${decisions.join(' → ')}`;
}

export function jsonlSymbols(doc: JsonlDocument, settings: LensSettings, key: string): DocumentSymbol[] {
  return doc.entries.map((entry) => {
    const n = entry.base;
    const range = lineRange(n, doc.lines[n].length);
    const { seg } = analyseEntry(entry, settings, key);
    const children: DocumentSymbol[] = [];
    seg?.steps.forEach((s, i) => {
      if (s.kind === 'sample') children.push({ ...attemptLabel(seg, i), kind: SymbolKind.Event, range, selectionRange: range });
    });
    return {
      name: `line ${n + 1}: ${entry.record.id}`,
      detail: recordDetail(entry.record, seg, children.length),
      kind: SymbolKind.Module,
      range,
      selectionRange: range,
      children,
    };
  });
}
