// Labelling in the editor (docs/segmentation-eval.md): code actions on a candidate answer ("Not
// an answer", "Answer the question here") and on any number ("Mark as candidate answer") write
// the record's gold label to NAME.trace.gold.jsonl beside the trace, never to the trace itself,
// atomically. Labelled records carry an information diagnostic on their `===` line saying what
// the label holds and whether the engine's reading agrees, so a researcher sees the engine's
// error on their own model family while they label.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import { alignCandidates } from '../analysis/segmentationEval.js';
import { applyLabel, goldPathFor, parseGoldFile, withGoldRecord, type GoldCandidate, type GoldRecord } from '../trace/gold.js';
import { analyzeQuestion } from '../trace/question.js';
import { bodyOffset } from '../trace/segment.js';
import type { SampleStep, SegmentedRecord } from '../trace/types.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { LABEL_COMMAND, type LabelArgs, type LabelOp } from '../../../protocol/labels.js';
import { analyseEntry } from './recordAnalysis.js';
import type { LensSettings } from './settings.js';
import type { TraceDocument } from './traceDocument.js';

/** The gold file of a trace document, or undefined for documents that are not files. */
function goldPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return goldPathFor(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

interface Loaded {
  mtimeMs: number;
  size: number;
  records: Map<string, GoldRecord>;
}
const loaded = new Map<string, Loaded>();

/** The gold labels beside a trace, re-read when the file changed on disk. */
function goldLabelsOf(uri: string): Map<string, GoldRecord> {
  const path = goldPathOf(uri);
  if (!path) return new Map();
  // One stat per publish (it runs on every edit); no gold file is the common case.
  let st;
  try {
    st = statSync(path);
  } catch {
    return new Map();
  }
  const hit = loaded.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.records;
  const { records } = parseGoldFile(readFileSync(path, 'utf8'));
  loaded.set(path, { mtimeMs: st.mtimeMs, size: st.size, records });
  return records;
}

const samplesOf = (seg: SegmentedRecord): SampleStep[] => seg.steps.filter((s): s is SampleStep => s.kind === 'sample');

/** The engine's candidates as gold candidates (body offsets). */
function engineCandidates(seg: SegmentedRecord): GoldCandidate[] {
  return samplesOf(seg).flatMap((s) =>
    s.answer !== null && s.answerSpan ? [{ value: s.answer, offset: bodyOffset(seg.record, s.answerSpan.line, s.answerSpan.column) }] : [],
  );
}

const numberRe = /[-\u2212]?\d[\d,]*(?:\.\d+)?/g;

export function labelCodeActions(doc: TraceDocument, range: Range, settings: LensSettings, key: string): CodeAction[] {
  const i = doc.entryAt(range.start.line);
  if (i < 0) return [];
  const entry = doc.entries[i];
  const { seg } = analyseEntry(entry, settings, key);
  if (!seg) return [];
  const rec = seg.record;
  const line = range.start.line - entry.base;
  const col = range.start.character;
  const actions: CodeAction[] = [];
  const action = (title: string, op: LabelOp, value: string, offset: number): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    command: { title, command: LABEL_COMMAND, arguments: [{ uri: doc.uri, id: rec.id, op, value, offset } satisfies LabelArgs] },
  });
  let onCandidate = false;
  for (const s of samplesOf(seg)) {
    const a = s.answerSpan;
    if (!a || s.answer === null) continue;
    const inside =
      (line > a.line || (line === a.line && col >= a.column)) && (line < a.endLine || (line === a.endLine && col <= a.endColumn));
    if (!inside) continue;
    onCandidate = true;
    const offset = bodyOffset(rec, a.line, a.column);
    actions.push(action(`Reflection Lens: "${s.answer}" is not an answer (gold label)`, 'not-answer', s.answer, offset));
    actions.push(action(`Reflection Lens: "${s.answer}" answers the question here (gold label)`, 'answer', s.answer, offset));
  }
  if (!onCandidate) {
    const k = line - rec.bodyStartLine;
    if (k >= 0 && k < rec.bodyLineOffsets.length) {
      const text = rec.body.slice(
        rec.bodyLineOffsets[k],
        k + 1 < rec.bodyLineOffsets.length ? rec.bodyLineOffsets[k + 1] : rec.body.length,
      );
      const c = col - rec.bodyLineShift[k];
      for (const m of text.matchAll(numberRe)) {
        if (c >= m.index! && c <= m.index! + m[0].length) {
          const value = m[0].replace(/[.,]$/, '');
          actions.push(
            action(`Reflection Lens: mark "${value}" as a candidate answer (gold label)`, 'mark', value, rec.bodyLineOffsets[k] + m.index!),
          );
        }
      }
    }
  }
  return actions;
}

/** Applies one labelling action: reads the gold file, changes the record's label, writes it atomically. Returns the gold path. */
export function applyLabelCommand(doc: TraceDocument, args: LabelArgs, settings: LensSettings, key: string): string {
  const path = goldPathOf(doc.uri);
  if (!path) throw new Error(`cannot label ${doc.uri}: only files on disk have a gold file beside them`);
  const entry = doc.entries.find((e) => e.record.id === args.id);
  if (!entry) throw new Error(`record ${args.id} is no longer in ${doc.fileName}`);
  const { seg } = analyseEntry(entry, settings, key);
  const engine = seg ? { id: args.id, candidates: engineCandidates(seg), final: seg.final } : { id: args.id, candidates: [], final: null };
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const current = parseGoldFile(text).records.get(args.id);
  const next = applyLabel(current, engine, args.op, { value: args.value, offset: args.offset });
  writeFileAtomic(path, withGoldRecord(text, next));
  return path;
}

/** One information diagnostic per labelled record: the label, and where the engine's reading differs. */
export function goldDiagnostics(doc: TraceDocument, settings: LensSettings, key: string): Diagnostic[] {
  const labels = goldLabelsOf(doc.uri);
  if (labels.size === 0) return [];
  const out: Diagnostic[] = [];
  for (const entry of doc.entries) {
    const gold = labels.get(entry.record.id);
    if (!gold) continue;
    const { seg } = analyseEntry(entry, settings, key);
    const engine = seg ? engineCandidates(seg) : [];
    // Options as eval-segmentation matches them: a labelled letter and the engine's option value
    // at the same place are one answer (docs/segmentation-eval.md).
    const matched = alignCandidates(
      gold.candidates,
      engine.map((c) => ({ value: c.value, offset: c.offset })),
      analyzeQuestion(entry.record.query).optionOf,
    ).length;
    const agrees = matched === gold.candidates.length && matched === engine.length;
    const values = gold.candidates.map((c) => c.value).join(', ') || 'none';
    const line = entry.base + entry.record.startLine;
    out.push({
      range: { start: { line, character: 0 }, end: { line, character: 3 } },
      severity: DiagnosticSeverity.Information,
      source: 'reflection-lens',
      code: agrees ? 'gold-label' : 'gold-disagrees',
      message: agrees
        ? `Labelled (gold): candidates ${values}; the engine reads the same.`
        : `Labelled (gold): candidates ${values}; the engine reads ${engine.map((c) => c.value).join(', ') || 'none'} (${matched} of ${gold.candidates.length} labelled candidates found, ${engine.length - matched} extra).`,
    });
  }
  return out;
}
