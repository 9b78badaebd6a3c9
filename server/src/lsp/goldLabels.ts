// Labelling in the editor (docs/segmentation-eval.md): code actions on a candidate answer ("Not
// an answer", "Answer the question here") and on any number ("Mark as candidate answer") write
// the record's gold label to NAME.trace.gold.jsonl beside the trace, never to the trace itself,
// atomically. Labelled records carry an information diagnostic on their `===` line saying what
// the label holds and whether the engine's reading agrees, so a researcher sees the engine's
// error on their own model family while they label.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type InlayHint,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { alignCandidates } from '../analysis/segmentationEval.js';
import {
  applyLabel,
  goldPathFor,
  isGoldPath,
  parseGoldFile,
  staleCandidates,
  withGoldRecord,
  withoutGoldRecord,
  type GoldCandidate,
  type GoldRecord,
} from '../trace/gold.js';
import { analyzeQuestion } from '../trace/question.js';
import { bodyOffset, bodyPosition } from '../trace/segment.js';
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
import { inRange } from './inlayHints.js';
import { analyseEntry } from './recordAnalysis.js';
import type { LensSettings } from './settings.js';
import type { RecordEntry, TraceDocument } from './traceDocument.js';

/** The gold file of a trace document, or undefined for documents that are not files. */
function goldPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return goldPathFor(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** The trace a gold file's URI is beside (`NAME.trace` of `NAME.trace.gold.jsonl`), as a path; undefined for other URIs. */
export function goldTraceUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const path = fileURLToPath(uri);
    return isGoldPath(path) ? path.slice(0, -'.gold.jsonl'.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an open document's URI is the file at `path` (URIs of one file may differ in encoding). */
export function sameFile(uri: string, path: string): boolean {
  if (!uri.startsWith('file:')) return false;
  try {
    return fileURLToPath(uri) === path;
  } catch {
    return false;
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

/** The engine's candidates as gold candidates (body offsets), each with the text it was read from. */
function engineCandidates(seg: SegmentedRecord): GoldCandidate[] {
  const rec = seg.record;
  return samplesOf(seg).flatMap((s) => {
    if (s.answer === null || !s.answerSpan) return [];
    const a = s.answerSpan;
    const offset = bodyOffset(rec, a.line, a.column);
    const end = bodyOffset(rec, a.endLine, a.endColumn);
    const text = end > offset ? rec.body.slice(offset, end) : '';
    return [{ value: s.answer, offset, ...(text ? { text } : {}) }];
  });
}

const numberRe = /[-\u2212]?\d[\d,]*(?:\.\d+)?/g;

/** The document position of body offset `offset` of `entry`'s record. */
function positionOf(entry: RecordEntry, offset: number): Position {
  const p = bodyPosition(entry.record, Math.min(offset, Math.max(entry.record.body.length - 1, 0)));
  return { line: entry.base + p.line, character: p.column };
}

/** What the client announced that the code actions depend on. */
export interface LabelClient {
  /** `textDocument.codeAction.disabledSupport`: an action that would be refused is offered disabled, with the reason. */
  disabledSupport: boolean;
}

// Whether the document's text is the file's on disk (modulo readerText), per document: checked on
// every code-action request (a cursor move), so kept until the document or the file changes.
const diskCheck = new Map<string, { version: number; mtimeMs: number; size: number; ino: number; reason: string | undefined }>();

/** Why labelling this document would be refused as it stands (unsaved, or gone from disk); undefined when it would not. */
function unsavedReason(doc: TraceDocument): string | undefined {
  const path = fileURLToPath(doc.uri);
  let st;
  try {
    st = statSync(path);
  } catch {
    return `${path} is not on disk: save it before labelling`;
  }
  const hit = diskCheck.get(doc.uri);
  if (hit && hit.version === doc.version && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.ino === st.ino) return hit.reason;
  let reason: string | undefined;
  try {
    const disk = readRegularFile(path, 'the trace');
    if (!disk) reason = `${path} is not on disk: save it before labelling`;
    else if (readerText(disk.toString('utf8')) !== readerText(doc.getText()))
      reason = `${path} has unsaved changes: save it before labelling (gold offsets are those of the file on disk)`;
  } catch (e) {
    reason = (e as Error).message;
  }
  diskCheck.set(doc.uri, { version: doc.version, mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, reason });
  return reason;
}

const duplicateReason = (doc: TraceDocument, id: string): string | undefined => {
  const n = doc.entries.reduce((k, e) => k + (e.record.id === id ? 1 : 0), 0);
  return n > 1
    ? `record id ${id} appears ${n} times: gold labels are keyed by id, so give the records distinct ids before labelling`
    : undefined;
};

const quoted = (v: string): string => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
const listed = (values: string[]): string =>
  values.length > 4 ? `${values.slice(0, 4).join(', ')}, ... (${values.length})` : values.join(', ');

/** A value under the cursor or selected that an action labels. */
interface Here {
  value: string;
  offset: number;
  text?: string;
  /** Where it comes from: read by the engine, held by the label, a number in the text, the selection. */
  kind: 'engine' | 'gold' | 'number' | 'selection';
}

/**
 * The labelling actions at `range`: on a value (a candidate the engine reads, a labelled value, a
 * number, a selection) the actions that change whether it is a candidate answer, and, on a
 * labelled record, "is the final answer"; on the record's header lines (`===` to `---`) the
 * record's own: truncated, and removing its label. Each carries the document version it was
 * offered at (refused after an edit); one that would be refused as things stand (unsaved changes,
 * a duplicate id) is offered disabled with the reason where the client supports it.
 */
export function labelCodeActions(
  doc: TraceDocument,
  range: Range,
  settings: LensSettings,
  key: string,
  client?: LabelClient,
): CodeAction[] {
  // Only a file on disk has a gold file beside it (untitled:, fugitive:, zipfile: ... are not labelled).
  const path = goldPathOf(doc.uri);
  if (!path) return [];
  const i = doc.entryAt(range.start.line);
  if (i < 0) return [];
  const entry = doc.entries[i];
  const { seg } = analyseEntry(entry, settings, key);
  if (!seg) return [];
  const rec = seg.record;
  const id = rec.id;
  const gold = goldLabelsOf(doc.uri).records.get(id);
  const line = range.start.line - entry.base;
  const col = range.start.character;
  const engine = engineCandidates(seg);
  const actions: CodeAction[] = [];
  const action = (title: string, op: LabelOp, value: string, offset: number): CodeAction => ({
    title: `Reflection Lens: ${title}`,
    kind: CodeActionKind.QuickFix,
    command: {
      title,
      command: LABEL_COMMAND,
      arguments: [{ uri: doc.uri, id, op, value, offset, version: doc.version } satisfies LabelArgs],
    },
  });
  // The first label of a record starts from the engine's reading: say so, and what is copied.
  const seeding = (offset?: number): string => {
    if (gold) return '';
    const others = engine.filter((c) => c.offset !== offset).map((c) => c.value);
    return others.length
      ? `; record ${id}'s first label: the engine's ${offset === undefined ? '' : 'other '}candidates (${listed(others)}) are copied as unconfirmed`
      : '';
  };

  if (line >= rec.startLine && line < rec.bodyStartLine) {
    if (gold)
      actions.push(
        action(`remove record ${id}'s gold label (unlabelled again: its line is deleted from ${basename(path)})`, 'remove', '', 0),
      );
    actions.push(
      gold?.truncated
        ? action(`record ${id} is not truncated (gold label)`, 'truncated', 'false', 0)
        : action(`record ${id} is truncated: cut off at the generation limit (gold label${seeding()})`, 'truncated', 'true', 0),
    );
  } else {
    const pos = bodyOffset(rec, line, col);
    const here: Here[] = [];
    const add = (h: Here): void => {
      if (!here.some((o) => o.offset === h.offset)) here.push(h);
    };
    if (pos >= 0) {
      for (const c of gold?.candidates ?? [])
        if (pos >= c.offset && pos <= c.offset + (c.text ?? c.value).length) add({ ...c, kind: 'gold' });
      for (const s of samplesOf(seg)) {
        const a = s.answerSpan;
        if (!a || s.answer === null) continue;
        const inside =
          (line > a.line || (line === a.line && col >= a.column)) && (line < a.endLine || (line === a.endLine && col <= a.endColumn));
        const offset = bodyOffset(rec, a.line, a.column);
        if (inside) add({ value: s.answer, offset, ...engine.find((c) => c.offset === offset), kind: 'engine' });
      }
      if (here.length === 0) {
        const k = line - rec.bodyStartLine;
        const text = rec.body.slice(
          rec.bodyLineOffsets[k],
          k + 1 < rec.bodyLineOffsets.length ? rec.bodyLineOffsets[k + 1] : rec.body.length,
        );
        const c = col - rec.bodyLineShift[k];
        for (const m of text.matchAll(numberRe))
          if (c >= m.index && c <= m.index + m[0].length) {
            const value = m[0].replace(/[.,]$/, '');
            add({ value, offset: rec.bodyLineOffsets[k] + m.index, text: value, kind: 'number' });
          }
      }
    }
    // A selection inside the body: a word, a letter, an expression ("No", "A", "\frac{3}{4}").
    const end = doc.entryAt(range.end.line) === i ? bodyOffset(rec, range.end.line - entry.base, range.end.character) : -1;
    if (pos >= 0 && end > pos) {
      const raw = rec.body.slice(pos, end);
      const value = raw.trim();
      const offset = pos + (raw.length - raw.trimStart().length);
      if (value && !value.includes('\n') && !here.some((h) => h.offset === offset && h.value === value))
        here.push({ value, offset, text: value, kind: 'selection' });
    }
    for (const h of here) {
      const labelled = gold?.candidates.find((c) => c.offset === h.offset);
      const v = quoted(labelled?.value ?? h.value);
      if (labelled) {
        // In the order of an unlabelled candidate's: "not an answer", then "answers the question here".
        actions.push(action(`${v} is not an answer (gold label)`, 'not-answer', labelled.value, h.offset));
        if (labelled.unconfirmed)
          actions.push(
            action(
              `${v} answers the question here (confirms the candidate copied from the engine; gold label)`,
              'answer',
              labelled.value,
              h.offset,
            ),
          );
      } else if (h.kind === 'engine') {
        if (!gold) actions.push(action(`${v} is not an answer (gold label${seeding(h.offset)})`, 'not-answer', h.value, h.offset));
        actions.push(action(`${v} answers the question here (gold label${seeding(h.offset)})`, 'answer', h.value, h.offset));
      } else {
        const what = h.kind === 'selection' ? `the selection ${v}` : v;
        actions.push(action(`mark ${what} as a candidate answer (gold label${seeding(h.offset)})`, 'mark', h.value, h.offset));
      }
      const value = labelled?.value ?? h.value;
      if (gold && gold.final !== value)
        actions.push(
          action(`${quoted(value)} is the final answer: the response ends on it (gold label's final)`, 'final', value, h.offset),
        );
    }
  }
  if (actions.length && client?.disabledSupport) {
    const reason = unsavedReason(doc) ?? duplicateReason(doc, id);
    if (reason) for (const a of actions) if (a.command?.arguments?.[0].op !== 'remove') a.disabled = { reason };
  }
  return actions;
}

const OPS: readonly LabelOp[] = ['not-answer', 'answer', 'mark', 'final', 'truncated', 'remove'];

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
  const { id, op, value, offset, version } = args;
  if (!OPS.includes(op))
    throw new GoldFileError(`unknown label operation ${JSON.stringify(op)}: expected ${OPS.join(', ')}; nothing written`);
  if (typeof id !== 'string') throw new GoldFileError('a label needs a record id; nothing written');
  const onValue = op !== 'truncated' && op !== 'remove';
  if (onValue && (typeof value !== 'string' || value === '' || !Number.isSafeInteger(offset)))
    throw new GoldFileError('a label needs a record id, a non-empty value and an integer offset; nothing written');
  if (op === 'truncated' && value !== 'true' && value !== 'false')
    throw new GoldFileError('a truncated label needs the value "true" or "false"; nothing written');
  // An action offered before an edit points where the text was then: refused, ask for it again.
  if (version !== undefined && version !== doc.version)
    throw new GoldFileError(
      `the document changed since this action was offered (version ${version}, now ${doc.version}): its offsets may no longer be the value's; ask for the action again; nothing written`,
    );
  // A trace deleted (or its folder) is not labelled: nothing is created, not even the lock.
  if (!existsSync(tracePath)) throw new GoldFileError(`the trace ${tracePath} is no longer on disk; nothing written`);
  return withGoldLock(path, () => {
    const target = goldWriteTarget(tracePath, path);
    removeStaleTemps(target);
    if (op === 'remove') {
      // Needs no offsets: allowed with unsaved changes and duplicate ids (the id's label goes).
      const text = readGoldText(target);
      if (!parseGoldFile(text).records.has(id)) throw new GoldFileError(`record ${id} has no gold label in ${path}; nothing written`);
      writeGoldText(target, withoutGoldRecord(text, id));
      return path;
    }
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
    if (onValue && (offset < 0 || offset >= body.length))
      throw new GoldFileError(`offset ${offset} is outside record ${id}'s body (0 to ${body.length - 1}); nothing written`);
    const { seg } = analyseEntry(entry, settings, key);
    const engine = { id, candidates: seg ? engineCandidates(seg) : [] };
    const text = readGoldText(target);
    const current = parseGoldFile(text).records.get(id);
    // The value is the text at the offset, or a candidate read (or labelled) there: the engine's
    // values may be normalised ("1,000" read as 1000). What is there is kept as the candidate's
    // text, so a later edit of the record shows the label stale.
    const here = (c: GoldCandidate): boolean => c.offset === offset && c.value === value;
    let at: GoldCandidate = { value, offset };
    if (onValue) {
      const known = engine.candidates.find(here) ?? current?.candidates.find(here);
      if (body.slice(offset, offset + value.length) === value) at = { value, offset, text: value };
      else if (known) at = { value, offset, ...(known.text !== undefined ? { text: known.text } : {}) };
      else
        throw new GoldFileError(
          `"${value}" is not at offset ${offset} of record ${id} (the text there is ${JSON.stringify(body.slice(offset, offset + Math.max(value.length, 1)))}); nothing written`,
        );
    }
    const next = applyLabel(current, engine, op, at);
    writeGoldText(target, withGoldRecord(text, next));
    return path;
  });
}

/** A labelled record's label checked against its record as it stands in the document. */
function labelOf(doc: TraceDocument, entry: RecordEntry, gold: GoldRecord, settings: LensSettings, key: string) {
  const { seg } = analyseEntry(entry, settings, key);
  const engine = seg ? engineCandidates(seg) : [];
  // Options as eval-segmentation matches them: a labelled letter and the engine's option value
  // at the same place are one answer (docs/segmentation-eval.md).
  const matched = alignCandidates(
    gold.candidates,
    engine.map((c) => ({ value: c.value, offset: c.offset })),
    analyzeQuestion(entry.record.query).optionOf,
  ).length;
  return { engine, matched, stale: staleCandidates(gold, entry.record.body), unconfirmed: gold.candidates.filter((c) => c.unconfirmed) };
}

/**
 * Per labelled record: one information diagnostic on its `===` line (the label, whether the
 * engine reads the same, which candidates were copied from the engine and are not confirmed), and
 * a warning on each labelled candidate whose text is no longer at its offset (the record changed
 * since it was labelled: relabel). These are published outside reflectionLens.maxDiagnostics.
 */
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
    const { engine, matched, stale, unconfirmed } = labelOf(doc, entry, gold, settings, key);
    const agrees = matched === gold.candidates.length && matched === engine.length;
    const values = gold.candidates.map((c) => c.value).join(', ') || 'none';
    const line = entry.base + entry.record.startLine;
    const extras = [
      ...(gold.final !== (gold.candidates.at(-1)?.value ?? null) ? [`final ${gold.final ?? 'none'}`] : []),
      ...(gold.truncated ? ['truncated'] : []),
    ];
    const copied = unconfirmed.length
      ? ` ${unconfirmed.length} of them copied from the engine's reading and not confirmed (${listed(unconfirmed.map((c) => c.value))}): confirm each ("answers the question here") or reject it ("not an answer"); eval-segmentation leaves the record out until then.`
      : '';
    const staleNote = stale.length
      ? ` ${stale.length} label${stale.length > 1 ? 's' : ''} no longer at ${stale.length > 1 ? 'their' : 'its'} text: relabel.`
      : '';
    out.push({
      range: { start: { line, character: 0 }, end: { line, character: 3 } },
      severity: DiagnosticSeverity.Information,
      source: 'reflection-lens',
      code: agrees ? 'gold-label' : 'gold-disagrees',
      message:
        (agrees
          ? `Labelled (gold): candidates ${values}${extras.length ? `; ${extras.join('; ')}` : ''}; the engine reads the same.`
          : `Labelled (gold): candidates ${values}${extras.length ? `; ${extras.join('; ')}` : ''}; the engine reads ${engine.map((c) => c.value).join(', ') || 'none'} (${matched} of ${gold.candidates.length} labelled candidates found, ${engine.length - matched} extra).`) +
        copied +
        staleNote,
    });
    for (const st of stale) {
      const at = positionOf(entry, st.offset);
      out.push({
        range: { start: at, end: { line: at.line, character: at.character + Math.max(1, Math.min(st.found.length, st.expected.length)) } },
        severity: DiagnosticSeverity.Warning,
        source: 'reflection-lens',
        code: 'gold-stale',
        message: `Gold label ${st.index + 1} of record ${entry.record.id} points at ${quoted(st.found)}, not ${quoted(st.expected)}: the record changed since it was labelled; relabel (remove the record's label on its === line, then label again). eval-segmentation leaves the record out.`,
      });
    }
  }
  return out;
}

/** The labelled candidate of a record whose text holds body offset `pos` (a hover on it). */
const labelledAt = (gold: GoldRecord, pos: number): number =>
  gold.candidates.findIndex((c) => pos >= c.offset && pos < c.offset + Math.max((c.text ?? c.value).length, 1));

/** Hover text on a labelled value (or on a labelled record's `===` line): what its gold label says. */
export function goldHover(doc: TraceDocument, position: Position): Hover | null {
  if (!goldPathOf(doc.uri)) return null;
  const i = doc.entryAt(position.line);
  if (i < 0) return null;
  const entry = doc.entries[i];
  const rec = entry.record;
  const gold = goldLabelsOf(doc.uri).records.get(rec.id);
  if (!gold) return null;
  const line = position.line - entry.base;
  const final = `final ${gold.final === null ? 'none' : `\`${gold.final}\``}${gold.truncated ? ', truncated' : ''}`;
  if (line === rec.startLine)
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: `**Gold label** (record ${rec.id}): candidates ${gold.candidates.map((c) => `\`${c.value}\`${c.unconfirmed ? ' (copied, not confirmed)' : ''}`).join(', ') || 'none'}; ${final}.`,
      },
    };
  const pos = bodyOffset(rec, line, position.character);
  if (pos < 0) return null;
  const k = labelledAt(gold, pos);
  if (k < 0) return null;
  const c = gold.candidates[k];
  const stale = staleCandidates(gold, rec.body).find((st) => st.index === k);
  const parts = [
    `**Gold label** (record ${rec.id}): candidate ${k + 1} of ${gold.candidates.length}, \`${c.value}\``,
    c.unconfirmed ? "copied from the engine's reading, not confirmed" : 'labelled',
    ...(gold.final === c.value ? ['the final answer'] : []),
    ...(stale ? [`**stale**: the text here is ${quoted(stale.found)}, not ${quoted(stale.expected)}; relabel`] : []),
  ];
  const start = positionOf(entry, c.offset);
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('; ') + '.' },
    range: { start, end: { line: start.line, character: start.character + (c.text ?? c.value).length } },
  };
}

/** An engine hover with the gold label's line before it (either may be absent). */
export function withGoldHover(engine: Hover | null, gold: Hover | null): Hover | null {
  if (!gold) return engine;
  if (!engine) return gold;
  const text = (h: Hover): string => (typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : String(h.contents));
  return { contents: { kind: MarkupKind.Markdown, value: `${text(gold)}\n\n${text(engine)}` }, range: gold.range ?? engine.range };
}

/** An inlay hint after each labelled value in `range`: `gold` (confirmed) or `gold?` (copied from the engine, not confirmed). */
export function goldInlayHints(doc: TraceDocument, range: Range): InlayHint[] {
  if (!goldPathOf(doc.uri)) return [];
  const { records } = goldLabelsOf(doc.uri);
  if (records.size === 0) return [];
  const out: InlayHint[] = [];
  for (let i = Math.max(doc.entryAt(range.start.line), 0); i < doc.entries.length && doc.startOf(i) <= range.end.line; i++) {
    const entry = doc.entries[i];
    const gold = records.get(entry.record.id);
    if (!gold) continue;
    const stale = new Set(staleCandidates(gold, entry.record.body).map((st) => st.index));
    gold.candidates.forEach((c, k) => {
      if (c.offset >= entry.record.body.length) return;
      const end = bodyPosition(entry.record, c.offset + (c.text ?? c.value).length);
      const position = { line: entry.base + end.line, character: end.column };
      if (!inRange(position, range)) return;
      out.push({
        position,
        label: stale.has(k) ? 'gold (stale)' : c.unconfirmed ? 'gold?' : 'gold',
        paddingLeft: true,
        tooltip: stale.has(k)
          ? 'A gold label points here, but the text changed since it was labelled: relabel.'
          : c.unconfirmed
            ? "Gold candidate copied from the engine's reading when the record was first labelled; not confirmed."
            : `Gold candidate ${k + 1} of ${gold.candidates.length} (labelled).`,
      });
    });
  }
  return out;
}
