// Labelling in the editor (docs/segmentation-eval.md): code actions on a candidate answer ("Not
// an answer", "Answer the question here") and on any number ("Mark as candidate answer") write
// the record's gold label to NAME.trace.gold.jsonl beside the trace, never to the trace itself,
// atomically. Labelled records carry an information diagnostic on their `===` line saying what
// the label holds and whether the engine's reading agrees, so a researcher sees the engine's
// error on their own model family while they label.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import { alignCandidates } from '../analysis/segmentationEval.js';
import { applyLabel, goldPathFor, parseGoldFile, withGoldRecord, type GoldCandidate, type GoldRecord } from '../trace/gold.js';
import { analyzeQuestion } from '../trace/question.js';
import { bodyOffset } from '../trace/segment.js';
import type { SampleStep, SegmentedRecord } from '../trace/types.js';
import { LABEL_COMMAND, type LabelArgs, type LabelOp } from '../../../protocol/labels.js';
import {
  GoldFileError,
  goldWriteTarget,
  readGoldText,
  readRegularFile,
  removeStaleTemps,
  withGoldLock,
  writeGoldText,
} from './goldStore.js';
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
  ino: number;
  records: Map<string, GoldRecord>;
  /** Why the gold file could not be read (shown as one warning on the trace). */
  error?: string;
}
const loaded = new Map<string, Loaded>();

/** The gold labels beside a trace, re-read when the file changed on disk; `error` when it cannot be read. */
function goldLabelsOf(uri: string): { records: Map<string, GoldRecord>; error?: string } {
  const path = goldPathOf(uri);
  if (!path) return { records: new Map() };
  // One stat per publish (it runs on every edit); no gold file is the common case.
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { records: new Map() };
    return { records: new Map(), error: `cannot read the gold file ${path}: ${code ?? String(e)}` };
  }
  const hit = loaded.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.ino === st.ino) return hit;
  let next: Loaded;
  try {
    // Not opened unless it is a regular file (a FIFO would block the server), and only UTF-8.
    next = { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, records: parseGoldFile(readGoldText(path)).records };
  } catch (e) {
    next = { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, records: new Map(), error: (e as Error).message };
  }
  loaded.set(path, next);
  return next;
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
  // Only a file on disk has a gold file beside it (untitled:, fugitive:, zipfile: ... are not labelled).
  if (!goldPathOf(doc.uri)) return [];
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

const OPS: readonly LabelOp[] = ['not-answer', 'answer', 'mark'];

/**
 * A trace's text as the reader sees it, for comparing the file on disk with the editor's buffer:
 * without a leading BOM, with every line break (\r\n, \r, \n: the parser's breaks) as \n, and
 * without a final line break. Editors change these without any unsaved edit (Emacs reads CRLF
 * into LF, Vim drops the BOM), and none of them moves a gold offset: offsets count in a record's
 * body, whose lines the parser joins with \n whatever the file's breaks.
 */
export const readerText = (text: string): string =>
  (text.startsWith('\ufeff') ? text.slice(1) : text).replace(/\r\n?/g, '\n').replace(/\n$/, '');

/**
 * Applies one labelling action: checks it against the document and the file on disk, then, holding
 * the gold file's lock, reads the gold file, changes the record's label and writes it (goldStore.ts).
 * Returns the gold path; throws GoldFileError with a message for the user when it refuses or fails.
 */
export async function applyLabelCommand(doc: TraceDocument, args: LabelArgs, settings: LensSettings, key: string): Promise<string> {
  const path = goldPathOf(doc.uri);
  if (!path) throw new GoldFileError(`cannot label ${doc.uri}: only files on disk have a gold file beside them`);
  const tracePath = fileURLToPath(doc.uri);
  const { id, op, value, offset } = args;
  if (!OPS.includes(op))
    throw new GoldFileError(`unknown label operation ${JSON.stringify(op)}: expected ${OPS.join(', ')}; nothing written`);
  if (typeof id !== 'string' || typeof value !== 'string' || value === '' || !Number.isSafeInteger(offset))
    throw new GoldFileError('a label needs a record id, a non-empty value and an integer offset; nothing written');
  // A trace deleted (or its folder) is not labelled: nothing is created, not even the lock.
  if (!existsSync(tracePath)) throw new GoldFileError(`the trace ${tracePath} is no longer on disk; nothing written`);
  return withGoldLock(path, () => {
    // The gold offsets are those of the file on disk (eval-segmentation reads it): label only what is saved.
    const disk = readRegularFile(tracePath, 'the trace');
    if (!disk) throw new GoldFileError(`the trace ${tracePath} is no longer on disk; nothing written`);
    if (readerText(disk.toString('utf8')) !== readerText(doc.getText()))
      throw new GoldFileError(
        `${tracePath} has unsaved changes: save it before labelling (gold offsets are those of the file on disk); nothing written`,
      );
    const entries = doc.entries.filter((e) => e.record.id === id);
    if (entries.length === 0) throw new GoldFileError(`record ${id} is no longer in ${tracePath}; nothing written`);
    if (entries.length > 1)
      throw new GoldFileError(
        `record id ${id} appears ${entries.length} times in ${tracePath}; gold labels are keyed by id, so give the records distinct ids before labelling; nothing written`,
      );
    const [entry] = entries;
    const body = entry.record.body;
    if (offset < 0 || offset >= body.length)
      throw new GoldFileError(`offset ${offset} is outside record ${id}'s body (0 to ${body.length - 1}); nothing written`);
    const { seg } = analyseEntry(entry, settings, key);
    const engine = seg ? { id, candidates: engineCandidates(seg), final: seg.final } : { id, candidates: [], final: null };
    const target = goldWriteTarget(tracePath, path);
    removeStaleTemps(target);
    const text = readGoldText(target);
    const current = parseGoldFile(text).records.get(id);
    // The value is the text at the offset, or a candidate read (or labelled) there: the engine's
    // values may be normalised ("1,000" read as 1000).
    const here = (c: GoldCandidate): boolean => c.offset === offset && c.value === value;
    if (body.slice(offset, offset + value.length) !== value && !engine.candidates.some(here) && !current?.candidates.some(here))
      throw new GoldFileError(
        `"${value}" is not at offset ${offset} of record ${id} (the text there is ${JSON.stringify(body.slice(offset, offset + Math.max(value.length, 1)))}); nothing written`,
      );
    const next = applyLabel(current, engine, op, { value, offset });
    writeGoldText(target, withGoldRecord(text, next));
    return path;
  });
}

/** One information diagnostic per labelled record: the label, and where the engine's reading differs. */
export function goldDiagnostics(doc: TraceDocument, settings: LensSettings, key: string): Diagnostic[] {
  const { records: labels, error } = goldLabelsOf(doc.uri);
  const out: Diagnostic[] = [];
  if (error) {
    // One warning for the file; the trace's own diagnostics are published as usual.
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: 'reflection-lens',
      code: 'gold-unreadable',
      message: `Gold labels not shown: ${error}.`,
    });
  }
  if (labels.size === 0) return out;
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
