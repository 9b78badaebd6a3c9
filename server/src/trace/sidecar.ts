// The log-prob sidecar `import` writes beside a `.trace` (`OUT.trace.logprobs.jsonl`, one line
// `{id, logprobs, ref_logprobs}` per record that had per-token log-probs, in the records' order),
// read back for attribution (CLI and editor). Its lines get the checks of JSONL log-probs
// (jsonl.ts logprobProblem): numbers from -10^6 to 0, two lists of one length, as many as the
// record's `tokens` header; a line that fails them, or that matches no record (a stale sidecar,
// from another import), is a `bad-logprobs` warning at its line and its log-probs are not used.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tokenCount } from './headerValues.js';
import { logprobProblem } from './jsonl.js';
import type { TraceRecord } from './types.js';

export const logprobSidecarPath = (tracePath: string): string => `${tracePath}.logprobs.jsonl`;

/** A sidecar problem as `segment` and the full pass list it: `X.trace.logprobs.jsonl:LINE: warning: ... [bad-logprobs]`. */
export const sidecarProblemLine = (tracePath: string, p: { line: number; message: string }): string =>
  `${logprobSidecarPath(tracePath)}:${p.line + 1}: warning: ${p.message} [bad-logprobs]`;

/** After the first listed sidecar problems (`segment`, the full pass): how many more there were. */
export const sidecarUnlistedLine = (tracePath: string, n: number): string =>
  `${logprobSidecarPath(tracePath)}: ${n} more log-prob problem${n === 1 ? '' : 's'} not listed`;

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

/** The problem of a line naming a record an earlier line already named (the earlier line is used). */
export const duplicateIdProblem = (line: number, id: string, firstLine: number): SidecarProblem => ({
  line,
  message: `names record ${id} again (line ${firstLine + 1} has its log-probs, and is used)`,
});

/** The warning for sidecar lines that name no record of the trace, said alike by the CLI and the editor. */
export const unmatchedLinesMessage = (count: number, first: { line: number; id: string }): string =>
  `${count} line${count === 1 ? '' : 's'} of the log-prob sidecar name${count === 1 ? 's' : ''} no record of the trace (the first: line ${first.line + 1}, id ${first.id}): the sidecar does not match the trace (written by another import, or records removed or renamed); those log-probs are not used`;

/** Where one sidecar line lies in the file (bytes), by record id. */
interface IndexedLine {
  line: number;
  start: number;
  end: number;
}

/**
 * Reads the sidecar beside a `.trace` for the records streamed from it, matching lines to
 * records by id (as the editor does, so a sidecar left stale by edits - records removed,
 * reordered, an extra line - gives the same log-probs on both surfaces). One scan indexes
 * id -> byte range (the first line naming an id is used; a later one is a problem); each record's
 * line is read again when the record comes, so the log-probs are never all in memory. The lines
 * no record matched are reported by `finish`.
 */
export class SidecarReader {
  private readonly used = new Set<string>();
  private closed = false;
  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly index: Map<string, IndexedLine>,
    private readonly report: (p: SidecarProblem) => void,
  ) {}

  /** The reader of `tracePath`'s sidecar, undefined when there is none (or it is not a regular file). */
  static async open(tracePath: string, report: (p: SidecarProblem) => void): Promise<SidecarReader | undefined> {
    const path = logprobSidecarPath(tracePath);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return undefined;
    }
    const index = new Map<string, IndexedLine>();
    const onLine = (bytes: Buffer, line: number, start: number): void => {
      const parsed = parseSidecarLine(bytes.toString('utf8'), line);
      if (!parsed) return;
      if (!isEntry(parsed)) return report(parsed);
      const earlier = index.get(parsed.id);
      if (earlier) return report(duplicateIdProblem(line, parsed.id, earlier.line));
      index.set(parsed.id, { line, start, end: start + bytes.length });
    };
    // One pass over the file in chunks: a line's bytes are gathered until its line end.
    const chunk = Buffer.allocUnsafe(1 << 20);
    let pending: Buffer[] = [];
    let lineStart = 0;
    let pos = 0;
    let line = 0;
    try {
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, pos);
        if (n === 0) break;
        let from = 0;
        for (let i = chunk.indexOf(10, 0); i !== -1 && i < n; i = chunk.indexOf(10, i + 1)) {
          pending.push(Buffer.from(chunk.subarray(from, i)));
          let bytes = Buffer.concat(pending);
          if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
          onLine(bytes, line++, lineStart);
          pending = [];
          from = i + 1;
          lineStart = pos + from;
        }
        pending.push(Buffer.from(chunk.subarray(from, n)));
        pos += n;
        // Let the event loop breathe on a large file.
        await Promise.resolve();
      }
      const rest = Buffer.concat(pending);
      if (rest.length > 0) onLine(rest[rest.length - 1] === 13 ? rest.subarray(0, rest.length - 1) : rest, line, lineStart);
    } catch {
      closeSync(fd);
      return undefined;
    }
    return new SidecarReader(path, fd, index, report);
  }

  /** Attaches the record's log-probs when a sidecar line names its id. */
  async attach(record: TraceRecord): Promise<void> {
    const at = this.closed ? undefined : this.index.get(record.id);
    if (!at) return;
    this.used.add(record.id);
    const bytes = Buffer.allocUnsafe(at.end - at.start);
    readSync(this.fd, bytes, 0, bytes.length, at.start);
    const e = parseSidecarLine(bytes.toString('utf8'), at.line);
    if (!e || !isEntry(e)) return;
    const problem = attachSidecarEntry(record, e);
    if (problem)
      this.report({
        line: e.line,
        message: `${problem}; the log-probs of record ${record.id} are not used: attribution estimates its KL terms (--eps per token)`,
      });
  }

  /** Closes the file without a report (the trace could not be read to its end). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  /** Reports the lines no record matched, then closes the file. */
  async finish(): Promise<void> {
    if (this.closed) return;
    let unmatched = 0;
    let first: { line: number; id: string } | undefined;
    for (const [id, at] of this.index)
      if (!this.used.has(id)) {
        first ??= { line: at.line, id };
        unmatched++;
      }
    this.abort();
    if (first) this.report({ line: first.line, message: unmatchedLinesMessage(unmatched, first) });
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
    if (!isEntry(parsed)) problems.push(parsed);
    else {
      const earlier = entries.get(parsed.id);
      if (earlier) problems.push(duplicateIdProblem(i, parsed.id, earlier.line));
      else entries.set(parsed.id, parsed);
    }
  });
  return { path, entries, problems };
}
