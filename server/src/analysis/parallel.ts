// Calibration of many files, or of one big file, on worker threads. Segmenting is the costly part
// (parse + markers + answers per record), and records are independent, so files, byte ranges of
// large `.trace` files and row groups of large Parquet files are shared out to workers; each returns an accumulator of pattern
// counts, merged here in a fixed order. Results do not depend on the number of workers: line
// numbers of ranges are made absolute, and the bootstrap draws in a canonical row order.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CalibrationAccumulator, type AccumulatorState } from './calibrate.js';
import { mergeWarnings, summarizeFile, type Skipped, type SummarizeResult, type WarningTally } from './corpus.js';
import type { CalibrationOptions, CalibrationResult } from './types.js';
import type { SummaryOptions } from './summary.js';
import { STDIN } from '../trace/stream.js';
import { UnknownFinishReasons } from '../trace/headerValues.js';
import type { SegmentOptions } from '../trace/types.js';
import type { ResolvedSource, SourceOptions } from '../trace/formats/source.js';

export interface CalibrateFilesOptions extends Partial<CalibrationOptions> {
  segment?: SegmentOptions;
  summary?: SummaryOptions;
  /** Worker threads (default: the cores, at most 8, and none for corpora under 8 MB; 0 = on the calling thread). */
  workers?: number;
  /** `.trace` files above this size are split into byte ranges of about this size, Parquet files into runs of row groups (default 32 MB). */
  rangeBytes?: number;
  /** How rows of non-`.trace` files are read (--format, --map). */
  source?: SourceOptions;
  /** The mapping chosen for a file read on this thread (standard input); worker threads do not report theirs. */
  onMapping?: (file: string, resolved: ResolvedSource) => void;
  signal?: AbortSignal;
  onProgress?: (p: { bytesDone: number; bytesTotal: number; records: number }) => void;
}

/** One unit of work: a file, or a byte range of a `.trace` file. */
export interface CalibrationTask {
  id: number;
  file: string;
  start?: number;
  end?: number;
  /** Parquet row groups [from, to). */
  rowGroups?: [number, number];
  by: CalibrationOptions['by'];
  segment?: SegmentOptions;
  summary?: SummaryOptions;
  source?: SourceOptions;
}

type TaskResult = SummarizeResult & { state: AccumulatorState };

const RANGE_BYTES = 32 << 20;
const FINISH_CODE = 'unknown-finish-reason';
/** Warnings listed in a result (the first WARNINGS_LISTED_PER_FILE of each file); the rest are counted. */
const WARNINGS_LISTED = 100;
/** Below this in all, threads cost more than they save. */
const MIN_PARALLEL_BYTES = 8 << 20;

export async function calibrateFiles(
  files: readonly string[],
  options: CalibrateFilesOptions = {},
): Promise<{ result: CalibrationResult; records: number }> {
  const by = options.by ?? 'model-task';
  const sizes = files.map((f) => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  });
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  let workers = Math.max(0, Math.floor(options.workers ?? (bytesTotal < MIN_PARALLEL_BYTES ? 0 : Math.min(availableParallelism(), 8))));
  const rangeBytes = options.rangeBytes ?? RANGE_BYTES;
  // Each thread reading Parquet holds a decoded row group: unless the user chose the thread
  // count, no more threads than that many row groups fit in the budget.
  const parquet = new Map<string, ParquetLayout>();
  for (const file of files)
    if (/\.parquet$/i.test(file)) {
      const l = await parquetLayout(file);
      if (l) parquet.set(file, l);
    }
  const largestGroup = Math.max(0, ...[...parquet.values()].map((l) => l.largestGroup));
  if (options.workers === undefined && largestGroup > 0)
    workers = Math.min(workers, Math.floor(PARQUET_BUDGET / (largestGroup * PARQUET_COST)));

  const tasks: CalibrationTask[] = [];
  const common = { by, segment: options.segment, summary: options.summary, source: options.source };
  for (const [i, file] of files.entries()) {
    const parts = workers > 1 && /\.trace$/i.test(file) ? Math.ceil(sizes[i] / rangeBytes) : 1;
    const layout = parquet.get(file);
    const groups = workers > 1 && layout && sizes[i] > rangeBytes ? rowGroupRuns(layout, rangeBytes) : undefined;
    if (groups) for (const rowGroups of groups) tasks.push({ id: tasks.length, file, rowGroups, ...common });
    else if (parts <= 1) tasks.push({ id: tasks.length, file, ...common });
    else
      for (let k = 0; k < parts; k++)
        tasks.push({
          id: tasks.length,
          file,
          start: Math.floor((sizes[i] * k) / parts),
          end: Math.floor((sizes[i] * (k + 1)) / parts),
          ...common,
        });
  }

  const progress = new Array<number>(tasks.length).fill(0);
  let records = 0;
  const report = (): void => options.onProgress?.({ bytesDone: progress.reduce((a, b) => a + b, 0), bytesTotal, records });
  const results =
    workers <= 1 ? await runInline(tasks, options, progress, report) : await runShared(tasks, workers, options, progress, report);

  // Merge in task order; a range's lines continue where the previous range of its file ended.
  const acc = new CalibrationAccumulator(by);
  const skipped: Skipped[] = [];
  const warnings: WarningTally = { counts: {}, listed: [] };
  let lastFile = '';
  let nextLine = 0;
  // A file read in parts says its unknown finish_reason values once, with the file's count, at
  // the first (each part said its own); the counts per code are already the file's.
  let finish = new UnknownFinishReasons();
  tasks.forEach((task, i) => {
    const r = results[i];
    records += r.records;
    if (task.file !== lastFile) {
      lastFile = task.file;
      nextLine = 0;
    }
    const shift = task.start === undefined || r.firstLine < 0 ? 0 : nextLine - r.firstLine;
    if (r.lastLine >= 0) nextLine = r.lastLine + shift + 1;
    for (const s of r.skipped) skipped.push(s.line === undefined ? s : { ...s, line: s.line + shift });
    const split = tasks[i - 1]?.file === task.file || tasks[i + 1]?.file === task.file;
    if (split) {
      if (r.unknownFinish) finish.merge(r.unknownFinish, shift);
      r.warnings.listed = r.warnings.listed.filter((w) => w.code !== FINISH_CODE);
    }
    mergeWarnings(warnings, r.warnings, shift, WARNINGS_LISTED);
    const d = split && tasks[i + 1]?.file !== task.file ? finish.diagnostic() : undefined;
    if (d) {
      // Listed as the file read at once lists it: after its other warnings, within the bound.
      const w = { file: task.file, line: d.line + 1, column: d.column + 1, code: d.code, message: d.message };
      mergeWarnings(warnings, { counts: {}, listed: [w] }, 0, WARNINGS_LISTED);
    }
    if (tasks[i + 1]?.file !== task.file) finish = new UnknownFinishReasons();
    for (const u of r.state.unusable) u.firstLine += shift;
    acc.merge(CalibrationAccumulator.fromState(r.state));
  });
  report();
  const result = acc.result(options);
  result.skipped = [...skipped, ...result.skipped];
  result.warnings = { total: Object.values(warnings.counts).reduce((a, b) => a + b, 0), counts: warnings.counts, listed: warnings.listed };
  return { result, records };
}

/**
 * Memory for row groups decoded at the same time when the thread count is not given, and what a
 * decoded row group costs per byte of its uncompressed size (measured on OpenR1-shaped groups of
 * 1,000 rows, 30 MB: 185 MB of peak RSS for hyparquet's pages, the strings, the row objects and
 * the records made from them, so about 6x). A 1 GB file then calibrates under 400 MB by default.
 */
const PARQUET_BUDGET = 256 << 20;
const PARQUET_COST = 6;

interface ParquetLayout {
  /** Compressed bytes of each row group. */
  groups: number[];
  /** Uncompressed bytes of the largest row group. */
  largestGroup: number;
}

/** The row groups of a Parquet file, from its footer; undefined when it cannot be opened (its reader reports why). */
async function parquetLayout(file: string): Promise<ParquetLayout | undefined> {
  try {
    const { openParquet } = await import('../trace/formats/parquet.js');
    const { groups } = await openParquet(file);
    return { groups: groups.map((g) => g.bytes), largestGroup: Math.max(0, ...groups.map((g) => g.uncompressed)) };
  } catch {
    return undefined;
  }
}

/** Consecutive row groups of about `bytes` compressed bytes each; undefined when that is one run. */
function rowGroupRuns(layout: ParquetLayout, bytes: number): [number, number][] | undefined {
  const runs: [number, number][] = [];
  let from = 0;
  let size = 0;
  layout.groups.forEach((g, k) => {
    size += g;
    if (size >= bytes || k === layout.groups.length - 1) {
      runs.push([from, k + 1]);
      from = k + 1;
      size = 0;
    }
  });
  return runs.length > 1 ? runs : undefined;
}

/** Worker threads for the files; standard input (`-`) on this thread, the only one that can read it. */
async function runShared(
  tasks: CalibrationTask[],
  count: number,
  options: CalibrateFilesOptions,
  progress: number[],
  report: () => void,
): Promise<TaskResult[]> {
  const here = tasks.filter((t) => t.file === STDIN);
  const there = tasks.filter((t) => t.file !== STDIN);
  const [inline, threaded] = await Promise.all([
    runInline(here, options, progress, report),
    there.length > 0 ? runOnWorkers(there, count, options, progress, report) : [],
  ]);
  const results = new Array<TaskResult>(tasks.length);
  here.forEach((t, i) => {
    results[t.id] = inline[i];
  });
  for (const t of there) results[t.id] = threaded[t.id];
  return results;
}

async function runInline(
  tasks: CalibrationTask[],
  options: CalibrateFilesOptions,
  progress: number[],
  report: () => void,
): Promise<TaskResult[]> {
  const out: TaskResult[] = [];
  for (const task of tasks) {
    const acc = new CalibrationAccumulator(task.by);
    const r = await summarizeFile(task.file, (s) => acc.add(s), {
      segment: task.segment,
      summary: task.summary,
      source: task.source,
      rowGroups: task.rowGroups,
      onMapping: options.onMapping && ((m) => options.onMapping!(task.file, m)),
      signal: options.signal,
      onProgress: (bytes) => {
        progress[task.id] = bytes;
        report();
      },
    });
    out.push({ ...r, state: acc.state() });
  }
  return out;
}

/** The built worker next to this bundle; from sources (tests, benchmarks under tsx), the .ts entry. */
function startWorker(): Worker {
  const js = new URL('./calibrateWorker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  // Node 20 workers do not inherit tsx's loader: register it in the worker, then load the entry.
  const ts = new URL('./calibrateWorker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); })`, {
    eval: true,
  });
}

function runOnWorkers(
  tasks: CalibrationTask[],
  count: number,
  options: CalibrateFilesOptions,
  progress: number[],
  report: () => void,
): Promise<TaskResult[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<TaskResult>(tasks.length);
    const pool: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const stop = (err: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(err);
    };
    const abort = (): void => stop(options.signal!.reason);
    if (options.signal?.aborted) return abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const retired = new Set<Worker>();
    const feed = (w: Worker): void => {
      if (next < tasks.length) w.postMessage(tasks[next++]);
      else {
        retired.add(w);
        void w.terminate();
      }
    };
    for (let i = 0; i < Math.min(count, tasks.length); i++) {
      const w = startWorker();
      pool.push(w);
      w.on('message', (m: { id: number; progress?: number; done?: TaskResult; error?: string }) => {
        if (m.progress !== undefined) {
          progress[m.id] = m.progress;
          report();
          return;
        }
        if (m.error !== undefined) return stop(new Error(`calibration of ${tasks[m.id].file} failed: ${m.error}`));
        results[m.id] = m.done!;
        if (++finished === tasks.length) {
          options.signal?.removeEventListener('abort', abort);
          for (const x of pool) {
            retired.add(x);
            void x.terminate();
          }
          resolve(results);
        } else feed(w);
      });
      w.on('error', stop);
      w.on('exit', (code) => {
        if (!retired.has(w) && finished < tasks.length) stop(new Error(`a calibration worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}
