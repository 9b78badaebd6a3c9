// Calibration benchmarks, each beside its baseline in the same run:
//  1. bootstrap B=1000 over >= 100k traces: count-based (multinomial over distinct trace patterns,
//     what the product does) vs naive per-trace resampling; prints the speed-up.
//  2. a generated corpus calibrated in one streaming pass (child process, so its peak RSS is its
//     own), on one thread and on worker threads: MB/s beside the engine's raw streaming parse of
//     the same file, and peak memory.
// Size: BENCH_CORPUS_MB (default 50; the 1 GB run: BENCH_CORPUS_MB=1000). Run:
//   node --import tsx bench/calibrate.bench.ts
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentileInterval } from '../server/src/analysis/bootstrap.js';
import { calibrateGroups } from '../server/src/analysis/calibrate.js';
import { calibrateFiles } from '../server/src/analysis/parallel.js';
import { summarizeFile } from '../server/src/analysis/corpus.js';
import { predictedAccuracy, predictedAccuracyK } from '../server/src/analysis/predicted.js';
import { Rng } from '../server/src/analysis/random.js';
import type { TraceSummary } from '../server/src/analysis/types.js';
import { generateMultiplicationTraces, type GenerateModelSpec } from '../server/src/trace/generate.js';
import { streamTraceFile } from '../server/src/trace/stream.js';

const B = 1000;
const K = 4;

if (process.argv[2] === '--child-calibrate') await childCalibrate(process.argv[3], Number(process.argv[4]));
else await main();

async function main(): Promise<void> {
  const targetMB = Number(process.env.BENCH_CORPUS_MB ?? 50);
  const dir = mkdtempSync(join(tmpdir(), 'rl-calibrate-bench-'));
  const file = join(dir, 'corpus.trace');
  try {
    const t0 = performance.now();
    const traces = writeCorpus(file, targetMB * 1e6);
    const bytes = statSync(file).size;
    const mb = bytes / 1e6;
    console.log(
      `corpus: ${traces.toLocaleString('en-US')} traces, ${mb.toFixed(0)} MB (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );

    // Baseline for the streaming pass: the engine's raw parse of the same file.
    let t = performance.now();
    let records = 0;
    for await (const _ of streamTraceFile(file)) records++;
    const parseS = (performance.now() - t) / 1000;
    console.log(
      `raw streaming parse (streamTraceFile):          ${parseS.toFixed(2)} s, ${(mb / parseS).toFixed(1)} MB/s (${records} records)`,
    );

    for (const workers of [0, availableParallelism()]) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'bench/calibrate.bench.ts', '--child-calibrate', file, String(workers)],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      if (child.status !== 0) throw new Error(`child calibration failed: ${child.stderr}`);
      const c = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
        seconds: number;
        maxRssMB: number;
        groups: number;
        records: number;
      };
      console.log(
        `streaming calibration, ${workers} worker threads (parse+segment+summary+B=${B}): ${c.seconds.toFixed(2)} s, ${(mb / c.seconds).toFixed(1)} MB/s = ${(parseS / c.seconds).toFixed(2)}x the raw parse speed; peak RSS ${c.maxRssMB.toFixed(0)} MB (limit 400 MB: ${c.maxRssMB < 400 ? 'ok' : 'EXCEEDED'}); ${c.records} records, ${c.groups} groups`,
      );
    }

    // Bootstrap over the first 100k traces (all when fewer), both ways.
    const summaries: TraceSummary[] = [];
    const enough = new AbortController();
    await summarizeFile(
      file,
      (s) => {
        if (summaries.push(s) >= 100_000) enough.abort();
      },
      { signal: enough.signal },
    ).catch((err) => {
      if (!enough.signal.aborted) throw err;
    });
    t = performance.now();
    const fast = calibrateGroups(summaries, { bootstrap: B, seed: 1, horizon: K });
    const fastS = (performance.now() - t) / 1000;
    t = performance.now();
    const naive = naiveBootstrap(summaries, B, new Rng(1));
    const naiveS = (performance.now() - t) / 1000;
    console.log(
      `bootstrap B=${B} over ${summaries.length.toLocaleString('en-US')} traces, ${fast.groups.length} groups: count-based ${fastS.toFixed(3)} s (target < 2 s: ${fastS < 2 ? 'ok' : 'MISSED'}), naive per-trace ${naiveS.toFixed(2)} s, ratio ${(naiveS / fastS).toFixed(1)}x`,
    );
    // Same statistic, two samplers: their intervals agree up to Monte Carlo noise.
    const g = fast.groups[0];
    const nd2 = naive.get(`${g.model}\u0000${g.task}`)!;
    console.log(
      `  check ${g.model} ${g.task} delta2 interval: count-based (${g.delta2.lo.toFixed(4)}, ${g.delta2.hi.toFixed(4)}) vs naive (${nd2.lo.toFixed(4)}, ${nd2.hi.toFixed(4)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Corpus shaped like an RL vs SFT comparison across difficulties; written in 4 MB pieces. */
function writeCorpus(path: string, targetBytes: number): number {
  const fd = openSync(path, 'w');
  let written = 0;
  let traces = 0;
  let buf = '';
  const models: GenerateModelSpec[] = [
    {
      name: 'grpo',
      echoRate: 0.1,
      tasks: [
        ['2x2', 0.9, 0.97, 0.85],
        ['3x3', 0.7, 0.95, 0.8],
        ['4x4', 0.45, 0.93, 0.7],
        ['5x5', 0.2, 0.9, 0.55],
      ].map(([task, p, delta1, delta2]) => ({
        task: task as string,
        p: p as number,
        delta1: delta1 as number,
        delta2: delta2 as number,
        n: 2000,
      })),
    },
    {
      name: 'sft',
      echoRate: 0.8,
      tasks: [
        ['2x2', 0.88, 0.97, 0.5],
        ['3x3', 0.6, 0.96, 0.3],
        ['4x4', 0.3, 0.95, 0.12],
        ['5x5', 0.08, 0.95, 0.05],
      ].map(([task, p, delta1, delta2]) => ({
        task: task as string,
        p: p as number,
        delta1: delta1 as number,
        delta2: delta2 as number,
        n: 2000,
      })),
    },
  ];
  for (let round = 0; written + buf.length < targetBytes; round++) {
    for (const t of generateMultiplicationTraces({ seed: round + 1, models, groupSize: 8, firstId: traces + 1 })) {
      buf += t.text;
      traces++;
      if (buf.length > 4e6) {
        written += writeSync(fd, buf);
        buf = '';
      }
      if (written + buf.length >= targetBytes) break;
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return traces;
}

/** The product's path (calibrateFiles), in its own process so that its peak RSS is its own. */
async function childCalibrate(file: string, workers: number): Promise<void> {
  const t = performance.now();
  const { result, records } = await calibrateFiles([file], { workers, bootstrap: B, seed: 1, horizon: K });
  const seconds = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, groups: result.groups.length, records }));
}

/** The baseline: resample traces one by one (n draws per replicate), per model x task group. */
function naiveBootstrap(summaries: TraceSummary[], B: number, rng: Rng): Map<string, { lo: number; hi: number }> {
  const groups = new Map<string, TraceSummary[]>();
  for (const s of summaries) {
    if (s.unusable) continue;
    const key = `${s.model}\u0000${s.task}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
  }
  const out = new Map<string, { lo: number; hi: number }>();
  for (const [key, traces] of groups) {
    const n = traces.length;
    const cols = [
      traces.map((s) => (s.firstCorrect ? 1 : 0)),
      traces.map((s) => s.stopAfterCorrect),
      traces.map((s) => s.decisionsAfterCorrect),
      traces.map((s) => s.resampleAfterWrong),
      traces.map((s) => s.decisionsAfterWrong),
    ].map((c) => Int32Array.from(c));
    const d2s = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      let fc = 0,
        sac = 0,
        dac = 0,
        raw = 0,
        daw = 0;
      for (let i = 0; i < n; i++) {
        const j = rng.int(n);
        fc += cols[0][j];
        sac += cols[1][j];
        dac += cols[2][j];
        raw += cols[3][j];
        daw += cols[4][j];
      }
      const p = fc / n,
        d1 = sac / dac,
        d2 = raw / daw;
      // The same statistics the product computes per replicate.
      predictedAccuracy(p, d1, d2);
      predictedAccuracyK(p, d1, d2, K);
      d2s[b] = d2;
    }
    out.set(key, percentileInterval(d2s));
  }
  return out;
}
