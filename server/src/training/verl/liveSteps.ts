// Live calibration of a running verl job: follows its rollout directory (watchRolloutDir) and
// turns each completed `{step}.jsonl` into per-task calibration groups for that step, streaming
// the file record by record (only pattern counts are kept, never the text), so a step of 4096
// rollouts x 20 KB costs one read and bounded memory. This is the engine side of the calibration
// view's time axis: the CLI (`verl watch --json`) and the language server consume the same
// iterator.
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { watchRolloutDir, type StepFile } from '../../trace/rolloutDir.js';
import { streamTraceFile } from '../../trace/stream.js';
import { segmentRecord } from '../../trace/segment.js';
import { defaultSegmentOptions } from '../../trace/options.js';
import { traceSummary, type SummaryOptions } from '../../analysis/summary.js';
import { CalibrationAccumulator } from '../../analysis/calibrate.js';
import type { SegmentOptions } from '../../trace/types.js';
import type { StepSummary } from '../../../../protocol/rollouts.js';

export type { StepSummary };

export interface StepSummaryOptions {
  run?: string;
  /** Bootstrap resamples per group (live view: fewer than the corpus default keeps steps fast). */
  bootstrap?: number;
  seed?: number;
  horizon?: number;
  segment?: SegmentOptions;
  /** Which records cut off at the generation limit count (analysis/summary.ts): none by default. */
  summary?: SummaryOptions;
  signal?: AbortSignal;
  /**
   * Also yield an interim summary (complete: false) this often while a step file is read, so a
   * big step shows numbers before it is fully read. Off when absent.
   */
  partialEveryMs?: number;
}

export interface FollowOptions extends StepSummaryOptions {
  /** Summarize what is there and stop, instead of following the running job. */
  once?: boolean;
  pollMs?: number;
  settleMs?: number;
  quietMs?: number;
  /** Called as each step file version starts being read (one read per call): lets a caller count reads. */
  onFileRead?: (file: StepFile) => void;
  /** A step file not read (a directory or device by that name, an unreadable file): rolloutDir.ts WatchRolloutOptions. */
  onSkip?: (path: string, reason: string) => void;
}

/** Broken lines reported individually before the rest are only counted. */
const MAX_LINE_REPORTS = 20;

/**
 * Reads one step file once, up to the size the watcher saw, and calibrates it per task: interim
 * summaries (with `partialEveryMs`), then the final one.
 */
export async function* stepFileSummaries(file: StepFile, run: string, opts: StepSummaryOptions = {}): AsyncGenerator<StepSummary> {
  const t0 = performance.now();
  const acc = new CalibrationAccumulator('step');
  const segment = opts.segment ?? defaultSegmentOptions;
  const skipped: StepSummary['skipped'] = [];
  let brokenLines = 0;
  let records = 0;
  let bytesRead = 0;
  const stream = streamTraceFile(file.path, {
    format: 'jsonl',
    fileName: run,
    end: file.size,
    signal: opts.signal,
    onProgress: (done) => {
      bytesRead = Math.max(bytesRead, done);
    },
    onDiagnostic: (d) => {
      if (brokenLines++ < MAX_LINE_REPORTS) skipped.push({ file: file.path, line: d.line, reason: d.message });
    },
  });
  const summary = (complete: boolean, last = complete, cut: StepSummary['skipped'] = []): StepSummary => {
    const result = acc.result({ bootstrap: opts.bootstrap ?? 200, seed: opts.seed ?? 1, horizon: opts.horizon });
    const more =
      last && brokenLines > MAX_LINE_REPORTS ? [{ file: file.path, reason: `${brokenLines - MAX_LINE_REPORTS} more unusable lines` }] : [];
    return {
      run,
      step: file.step,
      file: file.path,
      changed: file.changed,
      partial: file.partial,
      bytes: file.size,
      complete,
      records,
      seconds: (performance.now() - t0) / 1000,
      groups: result.groups,
      skipped: [...cut, ...skipped, ...more, ...result.skipped],
    };
  };
  let nextPartial = opts.partialEveryMs === undefined ? Infinity : t0 + opts.partialEveryMs;
  for await (const rec of stream) {
    // A verl line always has `step`; a foreign file named `{step}.jsonl` may not.
    if (rec.headers.step === undefined) rec.headers.step = String(file.step);
    acc.add(traceSummary(segmentRecord(rec, segment), file.path, opts.summary));
    records++;
    if ((records & 63) === 0 && performance.now() >= nextPartial) {
      yield summary(false);
      nextPartial = performance.now() + opts.partialEveryMs!;
    }
  }
  const changed = await changedWhileRead(file, bytesRead);
  yield changed ? summary(false, true, [{ file: file.path, reason: changed }]) : summary(true);
}

/**
 * Why a reading of `file` does not stand for the version the watcher handed out, or undefined
 * when it does: fewer bytes read than the watcher saw (the file shrank: truncated, or replaced
 * by a shorter one), or a size or mtime now different from the watcher's (written to while read).
 */
async function changedWhileRead(file: StepFile, bytesRead: number): Promise<string | undefined> {
  let now: { size: number; mtimeMs: number } | undefined;
  try {
    now = await stat(file.path);
  } catch {
    now = undefined;
  }
  const was = `${file.size} bytes when it was at rest, ${bytesRead} read`;
  if (!now) return `removed while it was read (${was}): read again if it comes back`;
  if (now.size < file.size) return `shrank while it was read (${was}, ${now.size} now): read again once it is at rest`;
  if (now.size !== file.size || now.mtimeMs !== file.mtimeMs)
    return `changed while it was read (${was}, ${now.size} now): read again once it is at rest`;
  // Same size and mtime now, yet the read came up short: cut and written again in between.
  if (bytesRead < file.size) return `shrank while it was read (${was}): read again once it is at rest`;
  return undefined;
}

/**
 * Per-step summaries of a verl rollout directory, in the order the steps complete: everything
 * already there first (in step order), then each new or rewritten step file as the job writes it.
 * Each file version is read exactly once; with `partialEveryMs` a step's interim summaries
 * (complete: false) come before its final one. Ends when `signal` aborts (or with `once`).
 */
export async function* followRolloutSteps(dir: string, opts: FollowOptions = {}): AsyncGenerator<StepSummary> {
  const run = opts.run ?? basename(resolve(dir));
  for await (const file of watchRolloutDir(dir, opts)) {
    try {
      opts.onFileRead?.(file);
      yield* stepFileSummaries(file, run, opts);
    } catch (err) {
      if (opts.signal?.aborted) return;
      // A file removed or truncated under us: report it as a step with nothing read, keep following.
      yield {
        run,
        step: file.step,
        file: file.path,
        changed: file.changed,
        partial: file.partial,
        bytes: file.size,
        complete: true,
        records: 0,
        seconds: 0,
        groups: [],
        skipped: [{ file: file.path, reason: `could not be read: ${err instanceof Error ? err.message : String(err)}` }],
      };
    }
  }
}
