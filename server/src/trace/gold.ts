// Gold labels for segmentation (docs/segmentation-eval.md): per record, the candidate answers a
// person marked, in order, each with its value and its offset in the record's body. They live in
// a file beside the traces (`NAME.trace.gold.jsonl`), never in the traces, so labelling never
// touches a user's data. One JSON object per line; a malformed line is a diagnostic and every
// other line still counts.
import { jsonElementSpan, jsonErrorOffset, jsonFieldSpan } from './jsonError.js';
import type { TraceDiagnostic } from './types.js';
import type { LabelOp } from '../../../protocol/labels.js';

export interface GoldCandidate {
  value: string;
  /** Offset of the value's first character in the record's body (UTF-16 code units). */
  offset: number;
  /** Text around the value as the annotator quoted it (kept for review, not used to match). */
  quote?: string;
  /**
   * The text at `offset` when the label was written in the editor (the value itself, or the text
   * the engine read it from: "1,000" for 1000). A label whose text is
   * no longer at its offset is stale: the record changed since it was labelled (staleCandidates).
   */
  text?: string;
  /**
   * Copied from the engine's reading when the record was first labelled in the editor, and not
   * yet confirmed by a person: eval-segmentation leaves a record holding one out (gold-unconfirmed).
   */
  unconfirmed?: true;
}

export interface GoldRecord {
  id: string;
  candidates: GoldCandidate[];
  /** The answer the response ends on (a thinking block's summary answer); null when none. */
  final: string | null;
  /** The response was cut off (at the generation limit). */
  truncated?: boolean;
  /** Who or what wrote the label (annotator name, "editor"). */
  source?: string;
  notes?: string;
}

export interface GoldFile {
  records: Map<string, GoldRecord>;
  diagnostics: TraceDiagnostic[];
  /** 0-based line of each record's label (the later line, for an id labelled twice). */
  lines: Map<string, number>;
}

const GOLD_SUFFIX = '.gold.jsonl';

/** The gold file beside a trace file. */
export const goldPathFor = (tracePath: string): string => tracePath + GOLD_SUFFIX;

export const isGoldPath = (path: string): boolean => path.toLowerCase().endsWith(GOLD_SUFFIX);

export function parseGoldFile(text: string): GoldFile {
  const records = new Map<string, GoldRecord>();
  const diagnostics: TraceDiagnostic[] = [];
  const at = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, n) => {
    // A BOM before the first line is no part of its JSON (columns still count it, as the editor does).
    const shift = n === 0 && raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    const line = shift ? raw.slice(1) : raw;
    if (line.trim() === '') return;
    /** A diagnostic at the part of the line that is wrong (its column), else the whole line. */
    const fail = (message: string, span?: { start: number; end: number }): void => {
      const column = (span?.start ?? line.search(/\S/)) + shift;
      const endColumn = span ? Math.max(span.end, span.start + 1) + shift : raw.length;
      diagnostics.push({ line: n, column, endLine: n, endColumn, severity: 'error', code: 'bad-gold', message });
    };
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (err) {
      const bad = jsonErrorOffset(line);
      const col = bad < 0 ? line.length : bad;
      fail(
        `Invalid JSON (${err instanceof Error ? err.message : String(err)}). Expected one gold record per line: {"id", "candidates": [{"value", "offset"}], "final"}.`,
        { start: col, end: col + 1 },
      );
      return;
    }
    const rec = toGoldRecord(o);
    if ('problem' in rec) {
      fail(rec.problem, problemSpan(line, rec));
      return;
    }
    if (records.has(rec.id)) fail(`Record id "${rec.id}" is labelled twice; the later line wins.`, jsonFieldSpan(line, 'id'));
    // Two candidates at one offset are one place read twice (a quote found inside the previous
    // one when quotes became offsets): no reading can match both.
    const twice = rec.candidates.findIndex((c, k) => k > 0 && c.offset === rec.candidates[k - 1].offset);
    if (twice > 0) {
      const span = problemSpan(line, { problem: '', field: 'candidates', candidate: twice, candidateField: 'offset' });
      diagnostics.push({
        line: n,
        column: (span?.start ?? 0) + shift,
        endLine: n,
        endColumn: (span ? Math.max(span.end, span.start + 1) : raw.length) + shift,
        severity: 'warning',
        code: 'gold-same-offset',
        message: `candidates[${twice}]: offset ${rec.candidates[twice].offset} is also candidates[${twice - 1}]'s: one place labelled twice; no reading can match both.`,
      });
    }
    records.set(rec.id, rec);
    at.set(rec.id, n);
  });
  return { records, diagnostics, lines: at };
}

/** What is wrong with a gold line, and where: a top-level field, or a field of candidates[k]. */
interface GoldProblem {
  problem: string;
  field?: string;
  candidate?: number;
  candidateField?: string;
}

function problemSpan(line: string, p: GoldProblem): { start: number; end: number } | undefined {
  if (p.field === undefined) return undefined;
  const span = jsonFieldSpan(line, p.field);
  if (!span || p.candidate === undefined) return span;
  const el = jsonElementSpan(line, span.start, p.candidate);
  if (!el || p.candidateField === undefined) return el ?? span;
  const inner = line[el.start] === '{' ? jsonFieldSpan(line.slice(el.start, el.end), p.candidateField) : undefined;
  return inner ? { start: el.start + inner.start, end: el.start + inner.end } : el;
}

/** A gold record from parsed JSON, or what is wrong with it. */
function toGoldRecord(o: unknown): GoldRecord | GoldProblem {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { problem: 'Expected a JSON object with "id" and "candidates".' };
  const r = o as Record<string, unknown>;
  if (typeof r.id !== 'string' && typeof r.id !== 'number')
    return {
      problem: 'Expected "id" (string or number): the record id after "===", or the JSONL idx.',
      field: r.id === undefined ? undefined : 'id',
    };
  if (!Array.isArray(r.candidates))
    return {
      problem: 'Expected "candidates": an array of {"value", "offset"}.',
      field: r.candidates === undefined ? undefined : 'candidates',
    };
  const candidates: GoldCandidate[] = [];
  for (const [k, c] of r.candidates.entries()) {
    const at = (problem: string, candidateField?: string): GoldProblem => ({ problem, field: 'candidates', candidate: k, candidateField });
    const cc = c as Record<string, unknown> | null;
    if (!cc || typeof cc !== 'object') return at(`candidates[${k}]: expected an object {"value", "offset"}.`);
    if (typeof cc.value !== 'string' && typeof cc.value !== 'number')
      return at(`candidates[${k}]: expected "value" (string).`, cc.value === undefined ? undefined : 'value');
    if (typeof cc.offset !== 'number' || !Number.isInteger(cc.offset) || cc.offset < 0)
      return at(
        `candidates[${k}]: expected "offset" (a non-negative integer: the value's offset in the body).`,
        cc.offset === undefined ? undefined : 'offset',
      );
    if (k > 0 && cc.offset < candidates[k - 1].offset)
      return at(`candidates[${k}]: offsets must not decrease (candidates are in order).`, 'offset');
    candidates.push({
      value: String(cc.value),
      offset: cc.offset,
      ...(typeof cc.quote === 'string' ? { quote: cc.quote } : {}),
      ...(typeof cc.text === 'string' && cc.text !== '' ? { text: cc.text } : {}),
      ...(cc.unconfirmed === true ? { unconfirmed: true as const } : {}),
    });
  }
  const final = r.final === undefined ? (candidates.at(-1)?.value ?? null) : r.final === null ? null : String(r.final);
  return {
    id: String(r.id),
    candidates,
    final,
    ...(r.truncated === true ? { truncated: true } : {}),
    ...(typeof r.source === 'string' ? { source: r.source } : {}),
    ...(typeof r.notes === 'string' && r.notes ? { notes: r.notes } : {}),
  };
}

export const goldLine = (r: GoldRecord): string => JSON.stringify(r);

/**
 * A label checked against its record's body: candidates whose offset is not inside the body (an
 * offset the annotator's tool got wrong, or one past 2^53 that JSON rounds) cannot be matched to
 * anything the engine reads, so they are dropped from matching and listed; the record keeps the rest.
 */
export function goldWithinBody(g: GoldRecord, bodyLength: number): { gold: GoldRecord; beyond: { index: number; offset: number }[] } {
  const beyond: { index: number; offset: number }[] = [];
  g.candidates.forEach((c, index) => {
    if (c.offset >= bodyLength) beyond.push({ index, offset: c.offset });
  });
  if (beyond.length === 0) return { gold: g, beyond };
  return { gold: { ...g, candidates: g.candidates.filter((c) => c.offset < bodyLength) }, beyond };
}

/**
 * The gold file's text with one record added or replaced. Only the record's own line changes: it
 * is the line that counts (the later one, for an id labelled twice), rewritten with the fields it
 * had that a GoldRecord does not hold kept (and, per candidate, those of a candidate at the same
 * offset and value); every other line (other records, blank lines, lines that do not parse, their
 * line endings) is kept byte for byte. A new record is appended, with the file's line ending.
 */
export function withGoldRecord(text: string, rec: GoldRecord): string {
  const lines = text.split('\n');
  const at = parseGoldFile(text).lines.get(rec.id);
  if (at === undefined) {
    const eol = /\r\n/.test(text) ? '\r\n' : '\n';
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    return text + sep + goldLine(rec) + eol;
  }
  const old = lines[at];
  const cr = old.endsWith('\r') ? '\r' : '';
  const was = JSON.parse(old.slice(old.startsWith('\ufeff') ? 1 : 0, old.length - cr.length)) as Record<string, unknown>;
  const wasCandidates = Array.isArray(was.candidates) ? (was.candidates as Record<string, unknown>[]) : [];
  const candidates = rec.candidates.map((c) => {
    const same = wasCandidates.find((w) => w && typeof w === 'object' && w.offset === c.offset && String(w.value) === c.value);
    if (!same) return c;
    const m: Record<string, unknown> = { ...same, ...c, value: same.value };
    // Flags a candidate loses (a copied candidate confirmed) are not kept from the old line.
    if (!c.unconfirmed) delete m.unconfirmed;
    return m;
  });
  const merged: Record<string, unknown> = { ...was, ...rec, id: was.id, candidates };
  if (!rec.truncated) delete merged.truncated;
  lines[at] = (old.startsWith('\ufeff') ? '\ufeff' : '') + JSON.stringify(merged) + cr;
  return lines.join('\n');
}

export type { LabelOp } from '../../../protocol/labels.js';

/**
 * The gold file's text without record `id`'s label: every line whose record is `id` (an id
 * labelled twice has two) is removed; every other line is kept byte for byte.
 */
export function withoutGoldRecord(text: string, id: string): string {
  const lines = text.split('\n');
  const bom = text.startsWith('\ufeff');
  const kept = lines.filter((line, n) => {
    const body = (n === 0 && bom ? line.slice(1) : line).replace(/\r$/, '');
    if (body.trim() === '') return true;
    try {
      const rec = toGoldRecord(JSON.parse(body));
      return 'problem' in rec || rec.id !== id;
    } catch {
      return true;
    }
  });
  const out = kept.join('\n');
  return bom && !out.startsWith('\ufeff') && out !== '' ? '\ufeff' + out : out;
}

/** A labelled candidate whose text (GoldCandidate.text) is no longer at its offset: the record changed since. */
export interface StaleCandidate {
  index: number;
  offset: number;
  /** The text labelled there. */
  expected: string;
  /** The text there now. */
  found: string;
}

/**
 * The candidates of a label whose text is no longer at their offset in `body`. Only candidates
 * that carry their text (written by the editor) can be checked; an offset past the body is
 * goldWithinBody's.
 */
export function staleCandidates(g: GoldRecord, body: string): StaleCandidate[] {
  const out: StaleCandidate[] = [];
  g.candidates.forEach((c, index) => {
    if (c.text === undefined || c.offset >= body.length) return;
    const found = body.slice(c.offset, c.offset + c.text.length);
    if (found !== c.text) out.push({ index, offset: c.offset, expected: c.text, found });
  });
  return out;
}

/** Whether a label's final answer follows its last candidate (set by no one), rather than set on its own. */
const finalFollowsLast = (g: GoldRecord): boolean => g.final === (g.candidates.at(-1)?.value ?? null);

/**
 * A record's gold label after one labelling action in the editor (`remove` is withoutGoldRecord's).
 * A record labelled for the first time starts from the engine's reading (`engine`): its other
 * candidates are copied marked `unconfirmed` (a person has not judged them; eval-segmentation
 * leaves the record out until each is confirmed or rejected), its final answer is the last
 * candidate's. Later actions edit the label as it stands.
 * - `not-answer`: the candidate at `offset` is not an answer (removed from the label);
 * - `answer`, `mark`: the value at `offset` is a candidate answer (added, in order; confirmed);
 * - `final`: `value` is the answer the response ends on;
 * - `truncated`: `value` "true" or "false".
 * A final answer that followed the last candidate follows it still; one set with `final` stays.
 */
export function applyLabel(
  current: GoldRecord | undefined,
  engine: { id: string; candidates: GoldCandidate[] },
  op: Exclude<LabelOp, 'remove'>,
  at: GoldCandidate,
): GoldRecord {
  const seeded = engine.candidates.map((c) => ({ ...c, unconfirmed: true as const }));
  const base: GoldRecord = current ?? {
    id: engine.id,
    candidates: seeded,
    final: seeded.at(-1)?.value ?? null,
    source: 'editor',
  };
  const source = base.source ?? 'editor';
  if (op === 'truncated') {
    const { truncated: _, ...rest } = base;
    return { ...rest, ...(at.value === 'true' ? { truncated: true } : {}), source };
  }
  if (op === 'final') return { ...base, final: at.value, source };
  const others = base.candidates.filter((c) => c.offset !== at.offset);
  const added: GoldCandidate = { value: at.value, offset: at.offset, ...(at.text !== undefined ? { text: at.text } : {}) };
  const candidates = op === 'not-answer' ? others : [...others, added].sort((a, b) => a.offset - b.offset);
  const final = finalFollowsLast(base) ? (candidates.at(-1)?.value ?? null) : base.final;
  return { ...base, candidates, final, source };
}
