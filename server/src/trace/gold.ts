// Gold labels for segmentation (docs/segmentation-eval.md): per record, the candidate answers a
// person marked, in order, each with its value and its offset in the record's body. They live in
// a file beside the traces (`NAME.trace.gold.jsonl`), never in the traces, so labelling never
// touches a user's data. One JSON object per line; a malformed line is a diagnostic and every
// other line still counts.
import type { TraceDiagnostic } from './types.js';
import type { LabelOp } from '../../../protocol/labels.js';

export interface GoldCandidate {
  value: string;
  /** Offset of the value's first character in the record's body (UTF-16 code units). */
  offset: number;
  /** Text around the value as the annotator quoted it (kept for review, not used to match). */
  quote?: string;
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
  lines.forEach((line, n) => {
    if (line.trim() === '') return;
    const fail = (message: string): void => {
      diagnostics.push({ line: n, column: 0, endLine: n, endColumn: line.length, severity: 'error', code: 'bad-gold', message });
    };
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (err) {
      fail(
        `Invalid JSON (${err instanceof Error ? err.message : String(err)}). Expected one gold record per line: {"id", "candidates": [{"value", "offset"}], "final"}.`,
      );
      return;
    }
    const rec = toGoldRecord(o);
    if (typeof rec === 'string') {
      fail(rec);
      return;
    }
    if (records.has(rec.id)) fail(`Record id "${rec.id}" is labelled twice; the later line wins.`);
    records.set(rec.id, rec);
    at.set(rec.id, n);
  });
  return { records, diagnostics, lines: at };
}

/** A gold record from parsed JSON, or what is wrong with it. */
function toGoldRecord(o: unknown): GoldRecord | string {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return 'Expected a JSON object with "id" and "candidates".';
  const r = o as Record<string, unknown>;
  if (typeof r.id !== 'string' && typeof r.id !== 'number')
    return 'Expected "id" (string or number): the record id after "===", or the JSONL idx.';
  if (!Array.isArray(r.candidates)) return 'Expected "candidates": an array of {"value", "offset"}.';
  const candidates: GoldCandidate[] = [];
  for (const [k, c] of r.candidates.entries()) {
    const cc = c as Record<string, unknown> | null;
    if (!cc || typeof cc !== 'object') return `candidates[${k}]: expected an object {"value", "offset"}.`;
    if (typeof cc.value !== 'string' && typeof cc.value !== 'number') return `candidates[${k}]: expected "value" (string).`;
    if (typeof cc.offset !== 'number' || !Number.isInteger(cc.offset) || cc.offset < 0)
      return `candidates[${k}]: expected "offset" (a non-negative integer: the value's offset in the body).`;
    if (k > 0 && cc.offset < candidates[k - 1].offset) return `candidates[${k}]: offsets must not decrease (candidates are in order).`;
    candidates.push({ value: String(cc.value), offset: cc.offset, ...(typeof cc.quote === 'string' ? { quote: cc.quote } : {}) });
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
    return same ? { ...same, ...c, value: same.value } : c;
  });
  const merged = { ...was, ...rec, id: was.id, candidates };
  lines[at] = (old.startsWith('\ufeff') ? '\ufeff' : '') + JSON.stringify(merged) + cr;
  return lines.join('\n');
}

export type { LabelOp } from '../../../protocol/labels.js';

/**
 * A record's gold label after one labelling action in the editor. A record labelled for the first
 * time starts from the engine's reading (`engine`), so one action on one candidate keeps the
 * others as read; later actions edit the label as it stands.
 * - `not-answer`: the candidate at `offset` is not an answer (removed from the label);
 * - `answer`: the candidate at `offset` answers the question here (kept, or added);
 * - `mark`: any value at `offset` is a candidate answer (added, in order).
 */
export function applyLabel(
  current: GoldRecord | undefined,
  engine: { id: string; candidates: GoldCandidate[]; final: string | null },
  op: LabelOp,
  at: GoldCandidate,
): GoldRecord {
  const base: GoldRecord = current ?? {
    id: engine.id,
    candidates: engine.candidates.map((c) => ({ value: c.value, offset: c.offset })),
    final: engine.final,
    source: 'editor',
  };
  const others = base.candidates.filter((c) => c.offset !== at.offset);
  const candidates = op === 'not-answer' ? others : [...others, { value: at.value, offset: at.offset }].sort((a, b) => a.offset - b.offset);
  const lastChanged = candidates.at(-1) !== base.candidates.at(-1);
  return { ...base, candidates, final: lastChanged ? (candidates.at(-1)?.value ?? null) : base.final, source: base.source ?? 'editor' };
}
