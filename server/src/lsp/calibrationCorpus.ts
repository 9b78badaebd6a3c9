// The corpus behind a calibration: the trace files under some paths, each reduced to per-trace
// summaries once and cached by path + mtime + size + segmentation settings, so a new request
// (a changed file, another bootstrap seed) re-reads only the files that changed. No LSP types
// here: the request handler and the unit tests drive it directly.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CalibrationAccumulator } from '../analysis/calibrate.js';
import { traceSummary } from '../analysis/summary.js';
import type { CalibrationGrouping, CalibrationResult, TraceSummary } from '../analysis/types.js';
import { segmentRecord } from '../trace/segment.js';
import { streamTraceFile } from '../trace/stream.js';
import type { SegmentOptions, TraceDiagnostic } from '../trace/types.js';

export type Skipped = CalibrationResult['skipped'][number];

/** What one file contributes: its traces' summaries and what could not be read. */
export interface FileSummaries {
  summaries: TraceSummary[];
  /** Malformed input (grouped by diagnostic code), or why the file could not be read at all. */
  skipped: Skipped[];
}

interface CacheEntry {
  key: string;
  value: FileSummaries;
}

const TRACE_FILE = /\.(trace|jsonl)$/i;
/** Folders that never hold a user's traces and can be huge. */
const IGNORED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

/** Trace files (`.trace`, `.jsonl`) among `paths` and, recursively, in the folders among them; sorted, unique. */
export async function listTraceFiles(paths: readonly string[], signal?: AbortSignal): Promise<{ files: string[]; missing: Skipped[] }> {
  const files = new Set<string>();
  const missing: Skipped[] = [];
  async function walk(dir: string): Promise<void> {
    signal?.throwIfAborted();
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      missing.push({ file: dir, reason: `cannot read folder: ${(e as Error).message}` });
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!IGNORED_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(p);
      } else if (e.isFile() && TRACE_FILE.test(e.name)) files.add(p);
    }
  }
  for (const p of paths) {
    try {
      const s = await stat(p);
      if (s.isDirectory()) await walk(p);
      else files.add(p);
    } catch (e) {
      missing.push({ file: p, reason: `cannot read: ${(e as Error).message}` });
    }
  }
  return { files: [...files].sort(), missing };
}

/** Malformed-input diagnostics of a file as skipped entries: one per code, with its first line and count. */
function diagnosticsAsSkipped(file: string, diagnostics: TraceDiagnostic[]): Skipped[] {
  const byCode = new Map<string, { first: TraceDiagnostic; count: number }>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const seen = byCode.get(d.code);
    if (seen) seen.count++;
    else byCode.set(d.code, { first: d, count: 1 });
  }
  return [...byCode.values()].map(({ first, count }) => ({
    file,
    line: first.line + 1,
    reason: `${first.code}: ${first.message}${count > 1 ? ` (${count} times in this file)` : ''}`,
  }));
}

/** Reads one file (streaming, any size) into trace summaries. Never throws for bad content. */
export async function summarizeFile(path: string, segment: SegmentOptions, signal?: AbortSignal): Promise<FileSummaries> {
  const summaries: TraceSummary[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  try {
    for await (const rec of streamTraceFile(path, { signal, onDiagnostic: (d) => diagnostics.push(d) })) {
      diagnostics.push(...rec.diagnostics);
      const s = traceSummary(segmentRecord(rec, segment), path);
      // A JSONL record's place in its file is its JSON line, not the line of the imported text.
      if (rec.sourceLine !== undefined) s.line = rec.sourceLine + 1;
      summaries.push(s);
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    return { summaries, skipped: [...diagnosticsAsSkipped(path, diagnostics), { file: path, reason: `cannot read: ${(e as Error).message}` }] };
  }
  return { summaries, skipped: diagnosticsAsSkipped(path, diagnostics) };
}

export interface CorpusProgress {
  (done: number, total: number, file: string): void;
}

export interface CorpusSnapshot {
  files: string[];
  /** Files read for this snapshot (the rest came from the cache). */
  filesRead: number;
  perFile: Map<string, FileSummaries>;
  missing: Skipped[];
}

/** Per-file summary cache over any number of requests. */
export class CalibrationCorpus {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly summarize: typeof summarizeFile = summarizeFile) {}

  /** Summaries of every trace file under `paths`; unchanged files come from the cache. */
  async load(paths: readonly string[], segment: SegmentOptions, opts: { signal?: AbortSignal; progress?: CorpusProgress } = {}): Promise<CorpusSnapshot> {
    const { files, missing } = await listTraceFiles(paths, opts.signal);
    const settingsKey = JSON.stringify([segment.markers, segment.answerPatterns]);
    const perFile = new Map<string, FileSummaries>();
    let filesRead = 0;
    for (const [i, file] of files.entries()) {
      opts.signal?.throwIfAborted();
      opts.progress?.(i, files.length, file);
      let key: string;
      try {
        const s = await stat(file);
        key = `${s.mtimeMs}\u0000${s.size}\u0000${settingsKey}`;
      } catch (e) {
        missing.push({ file, reason: `cannot read: ${(e as Error).message}` });
        continue;
      }
      const hit = this.cache.get(file);
      if (hit && hit.key === key) {
        perFile.set(file, hit.value);
        continue;
      }
      const value = await this.summarize(file, segment, opts.signal);
      filesRead++;
      this.cache.set(file, { key, value });
      perFile.set(file, value);
    }
    opts.progress?.(files.length, files.length, '');
    return { files, filesRead, perFile, missing };
  }
}

/** Calibrates a snapshot: every usable trace, plus what was skipped and why. */
export function calibrateSnapshot(
  snap: CorpusSnapshot,
  opts: { bootstrap: number; seed: number; horizon: number; by: CalibrationGrouping },
): CalibrationResult {
  const acc = new CalibrationAccumulator(opts.by);
  const skipped: Skipped[] = [...snap.missing];
  for (const file of snap.files) {
    const f = snap.perFile.get(file);
    if (!f) continue;
    for (const s of f.summaries) acc.add(s);
    skipped.push(...f.skipped);
  }
  const result = acc.result({ bootstrap: opts.bootstrap, seed: opts.seed, horizon: opts.horizon });
  result.skipped.unshift(...skipped);
  return result;
}
