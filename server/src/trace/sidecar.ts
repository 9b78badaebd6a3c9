// The log-prob sidecar `import` writes beside a `.trace` (`OUT.trace.logprobs.jsonl`, one line
// `{id, logprobs, ref_logprobs}` per record that had per-token log-probs, in the records' order),
// read back for attribution (CLI and editor). Its lines get the checks of JSONL log-probs
// (jsonl.ts logprobProblem): numbers from -10^6 to 0, two lists of one length, as many as the
// record's `tokens` header; a line that fails them, or that matches no record (a stale sidecar,
// from another import), is a `bad-logprobs` warning at its line and its log-probs are not used.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { tokenCount } from './headerValues.js';
import { logprobProblem } from './jsonl.js';
import type { TraceRecord } from './types.js';

export const logprobSidecarPath = (tracePath: string): string => `${tracePath}.logprobs.jsonl`;

/** One line of a sidecar: its record id and, when they pass the checks, the two lists. */
export interface SidecarEntry {
  /** 0-based line in the sidecar. */
  line: number;
  id: string;
  logprobs?: number[];
  refLogprobs?: number[];
  /** Why the log-probs are not used (then absent). */
  problem?: string;
}

/** A problem with a sidecar line, at its 0-based line. */
export interface SidecarProblem {
  line: number;
  message: string;
}

/** Parses a sidecar line; undefined for a blank one. */
export function parseSidecarLine(text: string, line: number): SidecarEntry | SidecarProblem | undefined {
  if (text.trim() === '') return undefined;
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return { line, message: 'not a JSON object {id, logprobs, ref_logprobs}' };
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return { line, message: 'not a JSON object {id, logprobs, ref_logprobs}' };
  const r = o as Record<string, unknown>;
  if (typeof r.id !== 'string' && typeof r.id !== 'number') return { line, message: 'no record id ("id")' };
  const id = String(r.id);
  for (const f of ['logprobs', 'ref_logprobs']) {
    const p = logprobProblem(f, r[f], 0, 1);
    if (p) return { line, id, problem: p.message };
  }
  const logprobs = r.logprobs as number[];
  const refLogprobs = r.ref_logprobs as number[];
  if (logprobs.length !== refLogprobs.length)
    return { line, id, problem: `"logprobs" has ${logprobs.length} entries but "ref_logprobs" ${refLogprobs.length}` };
  return { line, id, logprobs, refLogprobs };
}

/**
 * Gives a record the sidecar entry meant for it, or says why not: the entry's log-probs when they
 * passed the checks and their count is the record's `tokens` header (a sidecar of another import
 * has other counts); the message of a problem otherwise. The record is changed in place.
 */
export function attachSidecarEntry(record: TraceRecord, entry: SidecarEntry): string | undefined {
  if (entry.problem) return entry.problem;
  const n = entry.logprobs!.length;
  const tokens = tokenCount(record.headers.tokens);
  if (tokens !== undefined && tokens !== n)
    return `${n} log-probs for record ${record.id}, whose "tokens" header says ${record.headers.tokens}: the sidecar does not match the trace (written by another import?)`;
  record.logprobs = entry.logprobs;
  record.refLogprobs = entry.refLogprobs;
  return undefined;
}

const isEntry = (x: SidecarEntry | SidecarProblem): x is SidecarEntry => 'id' in x;

/**
 * Reads a sidecar beside a `.trace` in step with the records streamed from it: both are in
 * import's order, so only the next unmatched line is held (bounded memory for any size). A record
 * whose id is not the next line's has no log-probs (import writes a line only for records with
 * them); the lines no record matched are reported by `finish`.
 */
export class SidecarReader {
  private pending: SidecarEntry | undefined;
  private done = false;
  private line = -1;
  private constructor(
    readonly path: string,
    private readonly lines: AsyncIterator<string>,
    private readonly close: () => void,
    private readonly report: (p: SidecarProblem) => void,
  ) {}

  /** The reader of `tracePath`'s sidecar, undefined when there is none (or the trace is not a regular file). */
  static async open(tracePath: string, report: (p: SidecarProblem) => void): Promise<SidecarReader | undefined> {
    const path = logprobSidecarPath(tracePath);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const stream = createReadStream(path, { encoding: 'utf8' });
    const rl = createInterface({ input: stream, crlfDelay: Infinity });
    return new SidecarReader(path, rl[Symbol.asyncIterator](), () => (rl.close(), stream.destroy()), report);
  }

  private async next(): Promise<SidecarEntry | undefined> {
    while (!this.done) {
      const r = await this.lines.next();
      if (r.done) {
        this.done = true;
        break;
      }
      const parsed = parseSidecarLine(r.value, ++this.line);
      if (!parsed) continue;
      if (isEntry(parsed)) return parsed;
      this.report(parsed);
    }
    return undefined;
  }

  /** Attaches the record's log-probs when the next sidecar line is its own. */
  async attach(record: TraceRecord): Promise<void> {
    this.pending ??= await this.next();
    const e = this.pending;
    if (!e || e.id !== record.id) return;
    this.pending = undefined;
    const problem = attachSidecarEntry(record, e);
    if (problem)
      this.report({
        line: e.line,
        message: `${problem}; the log-probs of record ${record.id} are not used: attribution estimates its KL terms (--eps per token)`,
      });
  }

  /** Closes the file without a report (the trace could not be read to its end). */
  abort(): void {
    this.done = true;
    this.close();
  }

  /** Reports the lines no record matched, then closes the file. */
  async finish(): Promise<void> {
    let unmatched = 0;
    let first: SidecarEntry | undefined;
    for (let e = this.pending ?? (await this.next()); e; e = await this.next()) {
      first ??= e;
      unmatched++;
    }
    this.pending = undefined;
    this.close();
    if (first)
      this.report({
        line: first.line,
        message: `${unmatched} line${unmatched === 1 ? '' : 's'} of the log-prob sidecar match${unmatched === 1 ? 'es' : ''} no record of the trace in order (the first: id ${first.id}): the sidecar does not match the trace (written by another import, or records removed or reordered); those log-probs are not used`,
      });
  }
}

/** Largest sidecar the editor reads (it holds one whole: a document's records are all in memory too). */
export const MAX_EDITOR_SIDECAR_BYTES = 256 << 20;

/**
 * A whole sidecar by record id, for the editor (records are looked up by id as a document is
 * edited), with its lines' problems; undefined when there is none.
 */
export function readSidecarSync(
  tracePath: string,
): { path: string; entries: Map<string, SidecarEntry>; problems: SidecarProblem[] } | undefined {
  const path = logprobSidecarPath(tracePath);
  let text: string;
  try {
    const info = statSync(path);
    if (!info.isFile()) return undefined;
    if (info.size > MAX_EDITOR_SIDECAR_BYTES)
      return {
        path,
        entries: new Map(),
        problems: [
          {
            line: 0,
            message: `the log-prob sidecar is ${info.size} bytes, more than the editor reads (${MAX_EDITOR_SIDECAR_BYTES}): its log-probs are not used here (reflection-lens attribution reads it)`,
          },
        ],
      };
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const entries = new Map<string, SidecarEntry>();
  const problems: SidecarProblem[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    const parsed = parseSidecarLine(l, i);
    if (!parsed) return;
    if (isEntry(parsed)) entries.set(parsed.id, parsed);
    else problems.push(parsed);
  });
  return { path, entries, problems };
}
