// The corpus behind the calibration view: the trace files under some paths, each reduced to
// per-trace summaries once (analysis/corpus.ts) and cached by path + mtime + size + segmentation
// settings + truncation settings (includeTruncated, tokenLimit), so a new request (a changed
// file, another bootstrap seed) re-reads only the files that changed, and a changed setting
// re-reads them all. No LSP types here: the request handler and the unit tests drive it directly.
import { stat } from 'node:fs/promises';
import { CalibrationAccumulator } from '../analysis/calibrate.js';
import { listTraceFiles, summarizeFile, type Skipped } from '../analysis/corpus.js';
import { DEFAULT_TOKEN_LIMIT, type SummaryOptions } from '../analysis/summary.js';
import type { CalibrationGrouping, CalibrationResult, TraceSummary } from '../analysis/types.js';
import type { SegmentOptions } from '../trace/types.js';
import { defaultReader } from '../trace/options.js';

export type { Skipped };

/** What one file contributes: its traces' summaries and what could not be used. */
export interface FileSummaries {
  summaries: TraceSummary[];
  skipped: Skipped[];
}

/**
 * Reads one file (streaming, any size) into summaries. Never throws for bad content; throws when
 * aborted. `summary`: which records cut off at the generation limit count (default: none, limit 8,192 tokens).
 */
export async function readFileSummaries(
  file: string,
  segment: SegmentOptions,
  signal?: AbortSignal,
  summary: SummaryOptions = {},
): Promise<FileSummaries> {
  const summaries: TraceSummary[] = [];
  const { skipped } = await summarizeFile(file, (s) => summaries.push(s), { segment, signal, summary });
  return { summaries, skipped };
}

/**
 * The settings part of a cached file's key: everything besides the file itself that changes its
 * summaries. Absent truncation options are keyed as their defaults, so `{}` and the explicit
 * defaults share cache entries.
 */
export function corpusSettingsKey(segment: SegmentOptions, summary: SummaryOptions = {}): string {
  return JSON.stringify([
    segment.markers,
    segment.answerPatterns,
    segment.reader ?? defaultReader,
    summary.includeTruncated === true,
    summary.tokenLimit ?? DEFAULT_TOKEN_LIMIT,
  ]);
}

/**
 * The engine's reason for left-out truncated records names the CLI flag; in the editor the
 * setting does that job.
 */
export function editorSkipReason(reason: string): string {
  return reason.replace('--include-truncated counts them', 'the reflectionLens.includeTruncated setting counts them');
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

  /**
   * Summaries of every trace file under `paths`; unchanged files read with the same settings
   * (segmentation and `summary`, the truncation options) come from the cache.
   */
  async load(
    paths: readonly string[],
    segment: SegmentOptions,
    opts: { signal?: AbortSignal; progress?: CorpusProgress; summary?: SummaryOptions } = {},
  ): Promise<CorpusSnapshot> {
    const { files, skipped: missing } = listTraceFiles(paths, { regularOnly: true });
    const settingsKey = corpusSettingsKey(segment, opts.summary);
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
      const value = await this.read(file, segment, opts.signal, opts.summary ?? {});
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
  for (const s of result.skipped) s.reason = editorSkipReason(s.reason);
  result.skipped.unshift(...skipped);
  return result;
}
