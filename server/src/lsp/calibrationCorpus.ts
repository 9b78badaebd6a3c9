// The corpus behind the calibration view: the trace files under some paths, each reduced to
// per-trace summaries once (analysis/corpus.ts) and cached by path + mtime + size + segmentation
// settings, so a new request (a changed file, another bootstrap seed) re-reads only the files
// that changed. No LSP types here: the request handler and the unit tests drive it directly.
import { stat } from 'node:fs/promises';
import { CalibrationAccumulator } from '../analysis/calibrate.js';
import { listTraceFiles, summarizeFile, type Skipped } from '../analysis/corpus.js';
import type { CalibrationGrouping, CalibrationResult, TraceSummary } from '../analysis/types.js';
import type { SegmentOptions } from '../trace/types.js';

export type { Skipped };

/** What one file contributes: its traces' summaries and what could not be used. */
export interface FileSummaries {
  summaries: TraceSummary[];
  skipped: Skipped[];
}

/** Reads one file (streaming, any size) into summaries. Never throws for bad content; throws when aborted. */
export async function readFileSummaries(file: string, segment: SegmentOptions, signal?: AbortSignal): Promise<FileSummaries> {
  const summaries: TraceSummary[] = [];
  const { skipped } = await summarizeFile(file, (s) => summaries.push(s), { segment, signal });
  return { summaries, skipped };
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
  private readonly cache = new Map<string, { key: string; value: FileSummaries }>();

  constructor(private readonly read: typeof readFileSummaries = readFileSummaries) {}

  /** Summaries of every trace file under `paths`; unchanged files come from the cache. */
  async load(paths: readonly string[], segment: SegmentOptions, opts: { signal?: AbortSignal; progress?: CorpusProgress } = {}): Promise<CorpusSnapshot> {
    const { files, skipped: missing } = listTraceFiles(paths);
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
        missing.push({ file, reason: `could not be read: ${(e as Error).message}` });
        continue;
      }
      const hit = this.cache.get(file);
      if (hit && hit.key === key) {
        perFile.set(file, hit.value);
        continue;
      }
      const value = await this.read(file, segment, opts.signal);
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
