// CPU cost of the learned candidate stage (docs/segmentation-eval.md, "Stop 26"): one pass of
// segmentAttempts over the dev phrasing families' corpora (10,200 records) with the rules reader
// and with the learned one, each in its own process, alternated so drift in the shared machine
// falls on both. Prints per-run CPU (user + system) of the first (cold) pass and of a second
// (warm) pass, the medians, and the stage's overhead. Run:
//   node --import tsx bench/reader.bench.ts [ROUNDS]
//   node --import tsx bench/reader.bench.ts --stage   (the stage alone, on precomputed rules readings)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyLearnedReader } from '../server/src/trace/learnedReader.js';
import { defaultSegmentOptions } from '../server/src/trace/options.js';
import { readerInputOf, type ReaderAttempt } from '../server/src/trace/readerFeatures.js';
import { READER_WEIGHTS } from '../server/src/trace/readerWeights.js';
import { parseTrace } from '../server/src/trace/parse.js';
import { segmentAttempts } from '../server/src/trace/segment.js';
import type { ReaderKind, TraceRecord } from '../server/src/trace/types.js';
import * as C from '../test/phrasing/corpus.js';

async function familiesDevRecords(): Promise<TraceRecord[]> {
  const groups: [string, number, 'dev' | 'heldout'][] = [
    [C.FAMILIES_DIR, 1, 'dev'],
    [C.FAMILIES_DIR, 2, 'heldout'],
    [C.SECOND_FAMILIES_DIR, 2, 'heldout'],
    [C.THIRD_FAMILIES_DIR, 2, 'heldout'],
    [C.FIFTH_FAMILIES_DIR, 1, 'dev'],
    [C.SIXTH_FAMILIES_DIR, 1, 'dev'],
    [C.SEVENTH_FAMILIES_DIR, 1, 'dev'],
  ];
  const out: TraceRecord[] = [];
  for (const [dir, seed, split] of groups)
    for (const f of await C.loadFamilies(dir))
      out.push(...parseTrace(C.familyCorpus(f, seed, 300, split).text, { fileName: `${f.family}.trace` }).records);
  return out;
}

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

async function child(reader: ReaderKind): Promise<void> {
  const records = await familiesDevRecords();
  const options = { ...defaultSegmentOptions, reader };
  let candidates = 0;
  const pass = (): void => {
    candidates = 0;
    for (const r of records) candidates += segmentAttempts(r, options).attempts.length;
  };
  const cold = cpuMs(pass);
  const warm = cpuMs(pass);
  console.log(JSON.stringify({ reader, records: records.length, candidates, cold, warm }));
}

/** The stage alone, on the rules' readings computed beforehand, as segmentAttempts runs it (applyLearnedReader: features, probabilities, merges), cold then warm. */
async function stageAlone(): Promise<void> {
  const records = await familiesDevRecords();
  const options = { ...defaultSegmentOptions, reader: 'rules' as const };
  // As segmentAttempts runs it: only where there are two or more candidates.
  const inputs = records.map((r) => readerInputOf(r.body, segmentAttempts(r, options)));
  let sum = 0;
  // applyLearnedReader merges vetoed attempts into their successors in place: each pass reads copies made beforehand.
  const copies = (): ReaderAttempt[][] => inputs.map((input) => input.attempts.map((a) => ({ ...a })));
  const pass = (attempts: ReaderAttempt[][]): void => {
    inputs.forEach((input, i) => {
      if (input.attempts.length > 1) sum += applyLearnedReader(input, attempts[i], READER_WEIGHTS).attempts.length;
    });
  };
  const segment = cpuMs(() => {
    for (const r of records) segmentAttempts(r, options);
  });
  const first = copies();
  const cold = cpuMs(() => pass(first));
  const second = copies();
  const warm = cpuMs(() => pass(second));
  console.log(
    `stage alone: cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms, beside a warm rules pass of ${segment.toFixed(0)} ms (${sum > 0 ? 'ok' : ''})`,
  );
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(rounds: number): void {
  const self = fileURLToPath(import.meta.url);
  const runs: Record<ReaderKind, { cold: number[]; warm: number[] }> = { rules: { cold: [], warm: [] }, learned: { cold: [], warm: [] } };
  for (let i = 0; i < rounds; i++) {
    for (const reader of (i % 2 === 0 ? ['rules', 'learned'] : ['learned', 'rules']) as ReaderKind[]) {
      const out = spawnSync(process.execPath, [...process.execArgv, self, '--child', reader], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      const r = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { candidates: number; cold: number; warm: number };
      runs[reader].cold.push(r.cold);
      runs[reader].warm.push(r.warm);
      console.log(`${reader.padEnd(7)} candidates ${r.candidates} cold ${r.cold.toFixed(0)} ms warm ${r.warm.toFixed(0)} ms`);
    }
  }
  for (const pass of ['cold', 'warm'] as const) {
    const a = median(runs.rules[pass]);
    const b = median(runs.learned[pass]);
    console.log(`${pass}: median rules ${a.toFixed(0)} ms, learned ${b.toFixed(0)} ms, overhead ${((100 * (b - a)) / a).toFixed(1)}%`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as ReaderKind);
else if (process.argv[2] === '--stage') await stageAlone();
else main(Number(process.argv[2] ?? 6));
