// The full pass over a corpus without per-record output: parse, segment, judge correctness and
// attribute every record, keeping only totals. This is what `npm run bench` times against grep.
// A file is split into byte ranges, one per worker thread (each range owns the records that
// start in it, see stream.ts); totals are summed. Memory stays at one chunk, one record and one
// rollout group per worker, whatever the file size.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { attributeSegmented, type AttributableRecord } from '../analysis/attribution.js';
import { advantagesOf, outcomeReward } from '../analysis/grpo.js';
import type { AttributionOptions } from '../analysis/types.js';
import { logprobSidecarPath, sidecarProblemLine, SidecarReader } from './sidecar.js';
import { forEachFinding, isEcho, segmentAttempts, type Segmentation } from './segment.js';
import { STDIN, streamTraceFile } from './stream.js';
import type { SegmentOptions, TraceDiagnostic } from './types.js';

export interface ScanOptions {
  segment: SegmentOptions;
  attribution: AttributionOptions;
  /** Worker threads (default: the cores, at most 4; 0 runs on the calling thread). */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /**
   * Read import's log-prob sidecar (`X.trace.logprobs.jsonl`) with the records, as attribution
   * does (lines matched to records by id); scanFile sets it for a whole .trace that has one (read
   * on one thread: one reader indexes the sidecar once). Its problems count as `bad-logprobs`.
   */
  sidecar?: boolean;
}

export interface ScanSummary {
  bytes: number;
  records: number;
  samples: number;
  resamples: number;
  echoes: number;
  withTruth: number;
  correctFinal: number;
  noAnswer: number;
  /** Diagnostics by code (malformed input and findings). */
  diagnostics: Record<string, number>;
  /** Summed over attributed traces. */
  drag: { sampling: number; decision: number };
  push: { sampling: number; decision: number };
  attributed: number;
  /** Problems of the log-prob sidecar (each also counted as `bad-logprobs`): how many, and the first LISTED_SIDECAR_PROBLEMS as segment prints them. */
  sidecarProblems: { count: number; listed: string[] };
}

/** Sidecar problems listed by the full pass; the rest are counted. */
export const LISTED_SIDECAR_PROBLEMS = 100;

export function emptySummary(): ScanSummary {
  return {
    bytes: 0,
    records: 0,
    samples: 0,
    resamples: 0,
    echoes: 0,
    withTruth: 0,
    correctFinal: 0,
    noAnswer: 0,
    diagnostics: {},
    drag: { sampling: 0, decision: 0 },
    push: { sampling: 0, decision: 0 },
    attributed: 0,
    sidecarProblems: { count: 0, listed: [] },
  };
}

export function mergeSummaries(parts: readonly ScanSummary[]): ScanSummary {
  const out = emptySummary();
  for (const p of parts) {
    for (const k of ['bytes', 'records', 'samples', 'resamples', 'echoes', 'withTruth', 'correctFinal', 'noAnswer', 'attributed'] as const)
      out[k] += p[k];
    for (const [code, n] of Object.entries(p.diagnostics)) out.diagnostics[code] = (out.diagnostics[code] ?? 0) + n;
    out.drag.sampling += p.drag.sampling;
    out.drag.decision += p.drag.decision;
    out.push.sampling += p.push.sampling;
    out.push.decision += p.push.decision;
    out.sidecarProblems.count += p.sidecarProblems.count;
    for (const l of p.sidecarProblems.listed)
      if (out.sidecarProblems.listed.length < LISTED_SIDECAR_PROBLEMS) out.sidecarProblems.listed.push(l);
  }
  return out;
}

/** One byte range on the calling thread (end Infinity: to the end, the only range of a pipe). */
export async function scanRange(path: string, start: number, end: number, opts: Omit<ScanOptions, 'workers'>): Promise<ScanSummary> {
  const sum = emptySummary();
  sum.bytes = end - start;
  let bytesRead = 0;
  const onProgress = (done: number, total: number): void => {
    bytesRead = done;
    opts.onProgress?.(done, total);
  };
  const count = (d: TraceDiagnostic): void => {
    sum.diagnostics[d.code] = (sum.diagnostics[d.code] ?? 0) + 1;
  };
  const countFinding = (code: string): void => {
    sum.diagnostics[code] = (sum.diagnostics[code] ?? 0) + 1;
  };
  // Rollouts of one prompt are adjacent in rollout dumps; the GRPO advantage needs the whole group.
  let group: Scanned[] = [];
  let groupModel: string | undefined;
  let groupName: string | undefined;
  const flush = (): void => {
    if (group.length === 0) return;
    // groupAdvantages(outcomeReward of each) in typed arrays: one element kind whatever the
    // group holds, so that the optimized pass is not deoptimized by each new kind (grpo.ts).
    const rewards = new Float64Array(group.length);
    for (let i = 0; i < group.length; i++) rewards[i] = outcomeReward(group[i].correct) ?? NaN;
    const adv = advantagesOf(rewards);
    for (let i = 0; i < group.length; i++) {
      const s = group[i];
      if (s.steps.length === 0) continue;
      const a = attributeSegmented(s, adv[i], opts.attribution);
      sum.drag.sampling += a.drag.sampling;
      sum.drag.decision += a.drag.decision;
      sum.push.sampling += a.push.sampling;
      sum.push.decision += a.push.decision;
      sum.attributed++;
    }
    group = [];
  };
  const sidecar = opts.sidecar
    ? await SidecarReader.open(path, (p) => {
        countFinding('bad-logprobs');
        if (++sum.sidecarProblems.count <= LISTED_SIDECAR_PROBLEMS) sum.sidecarProblems.listed.push(sidecarProblemLine(path, p));
      })
    : undefined;
  try {
    for await (const rec of streamTraceFile(path, { start, end, signal: opts.signal, onDiagnostic: count, onProgress })) {
      await sidecar?.attach(rec);
      // segmentRecord's decisions without its positions and messages, which nothing here reads.
      const seg = segmentAttempts(rec, opts.segment);
      const n = seg.attempts.length;
      sum.records++;
      rec.diagnostics.forEach(count);
      forEachFinding(rec, seg, countFinding);
      sum.samples += n;
      if (n > 0) sum.resamples += n - 1;
      for (let k = 0; k + 1 < n; k++) if (isEcho(seg, k)) sum.echoes++;
      const correct = seg.finalCorrect;
      if (rec.answer !== undefined) sum.withTruth++;
      if (correct === true) sum.correctFinal++;
      if (n === 0) sum.noAnswer++;
      if (rec.model !== groupModel || rec.group !== groupName) {
        flush();
        groupModel = rec.model;
        groupName = rec.group;
      }
      group.push({ record: rec, correct, steps: attributableSteps(seg) });
    }
  } catch (err) {
    sidecar?.abort();
    throw err;
  }
  await sidecar?.finish();
  flush();
  if (end === Infinity) sum.bytes = bytesRead;
  return sum;
}

/** A record as attribution and the group advantage need it. */
interface Scanned extends AttributableRecord {
  correct: boolean | null;
}

/** The steps segmentRecord would give, reduced to what attribution reads. */
function attributableSteps(seg: Segmentation): AttributableRecord['steps'] {
  const n = seg.attempts.length;
  const steps: AttributableRecord['steps'][number][] = [];
  for (let k = 0; k < n; k++) {
    steps.push({ kind: 'sample', attempt: k, correct: seg.correct[k], tokens: seg.tokens[k] });
    steps.push({ kind: 'decision', attempt: k, action: k === n - 1 ? 'STOP' : 'RESAMPLE' });
  }
  return steps;
}

/**
 * The worker script: next to this module in the bundle (dist/scanWorker.js); when this module runs
 * from source (tests, benchmarks under tsx), the built dist/scanWorker.js, else the .ts source
 * with tsx loaded into the worker. The bundle runs with no options of its own (as childRun.ts
 * starts the bundled trainer): a worker inherits its parent's by default, and under tsx that
 * loaded tsx's hooks into every worker for a bundle that needs none (about 0.2 s wall and 0.4 s
 * CPU for two workers on the bench machine).
 */
function workerScript(): { url: URL; execArgv: string[] } {
  for (const rel of ['./scanWorker.js', '../../../dist/scanWorker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return { url, execArgv: [] };
  }
  return { url: new URL('./scanWorker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

/** Byte ranges of about equal size; stream.ts moves each cut to the next record start. */
export function splitRanges(size: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < parts; i++) out.push([Math.floor((size * i) / parts), Math.floor((size * (i + 1)) / parts)]);
  return out;
}

export async function scanFile(path: string, opts: ScanOptions): Promise<ScanSummary> {
  // A pipe (or `-`) has no size and no positions: read on this thread, to its end.
  const info = path === STDIN ? undefined : await stat(path);
  if (!info?.isFile()) return scanRange(path, 0, Infinity, opts);
  const size = info.size;
  // A .trace with a log-prob sidecar is read on one thread: one reader indexes the sidecar once.
  if (/\.trace$/i.test(path) && (await stat(logprobSidecarPath(path)).catch(() => undefined))?.isFile())
    return scanRange(path, 0, size, { ...opts, sidecar: true });
  // Threads pay only when there is enough to share (starting one costs tens of milliseconds).
  // Only .trace files are split: a JSONL line's id (a group's rollouts are numbered in file order,
  // duplicateIds.ts) and line number need the lines before it, which a range does not see.
  const workers = size < 8 << 20 || !/\.trace$/i.test(path) ? 0 : (opts.workers ?? Math.min(availableParallelism(), 4));
  if (workers <= 1) return scanRange(path, 0, size, opts);
  const done = new Array<number>(workers).fill(0);
  const parts = await Promise.all(
    splitRanges(size, workers).map(
      ([start, end], i) =>
        new Promise<ScanSummary>((resolve, reject) => {
          const script = workerScript();
          const w = new Worker(script.url, {
            execArgv: script.execArgv,
            workerData: { path, start, end, segment: opts.segment, attribution: opts.attribution },
          });
          const abort = (): void => {
            void w.terminate();
            reject(opts.signal!.reason);
          };
          opts.signal?.addEventListener('abort', abort, { once: true });
          w.on('message', (m: { progress?: number; summary?: ScanSummary }) => {
            if (m.progress !== undefined) {
              done[i] = m.progress;
              opts.onProgress?.(
                done.reduce((a, b) => a + b, 0),
                size,
              );
            }
            if (m.summary) {
              opts.signal?.removeEventListener('abort', abort);
              resolve(m.summary);
            }
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`scan worker ${i} exited with code ${code}`));
          });
        }),
    ),
  );
  return mergeSummaries(parts);
}
