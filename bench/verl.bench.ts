// verl rollout directory at scale: a fake run (the project's generator, verl's dump format) of
// STEPS x ROLLOUTS rollouts of ~KB kilobytes each, followed by the live per-step calibration
// (followRolloutSteps: watch, stream, segment, summarize, bootstrap per step and task, interim
// numbers every 500 ms while a step is read).
// Measured in child processes (so peak RSS is each pass's own), beside two baselines on the same
// files in the same run: the raw read speed of the files, and JSON.parse of every line (the least
// any JSONL consumer pays). Prints time to the first step's numbers, MB/s, peak RSS and ratios.
// Size: VERL_BENCH_STEPS (default 4), VERL_BENCH_ROLLOUTS (default 1024), VERL_BENCH_KB (default
// 20); the full size is VERL_BENCH_STEPS=50 VERL_BENCH_ROLLOUTS=4096 (about 4 GB).
// Data is generated once under bench/.data/ (git-ignored) and reused. Run:
//   node --import tsx bench/verl.bench.ts
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeFakeRolloutStep } from '../server/src/training/verl/fakeRollouts.js';
import { followRolloutSteps } from '../server/src/training/verl/liveSteps.js';

const STEPS = Number(process.env.VERL_BENCH_STEPS ?? 4);
const ROLLOUTS = Number(process.env.VERL_BENCH_ROLLOUTS ?? 1024);
const KB = Number(process.env.VERL_BENCH_KB ?? 20);
const TASKS = ['2x3', '3x3', '3x4', '4x4', '4x5', '5x5', '5x6', '6x6'];

interface ChildResult {
  seconds: number;
  firstSeconds: number;
  maxRssMB: number;
  bytes: number;
  records: number;
  steps: number;
  maxStepSeconds?: number;
  firstNumbersSeconds?: number;
}

const mode = process.argv[2];
if (mode === '--child') await child(process.argv[3], process.argv[4]);
else await main();

async function main(): Promise<void> {
  const dir = join('bench', '.data', `verl-${STEPS}x${ROLLOUTS}x${KB}kb`, 'rollouts');
  const stamp = join(dir, '..', 'complete.json');
  if (!existsSync(stamp)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const t0 = performance.now();
    let bytes = 0;
    for (let step = 1; step <= STEPS; step++) {
      bytes += writeFakeRolloutStep(dir, step, { rollouts: ROLLOUTS, tasks: TASKS, groupSize: 8, outputBytes: KB * 1000, seed: 1 }).bytes;
      process.stderr.write(`\rgenerating: step ${step}/${STEPS}, ${(bytes / 1e6).toFixed(0)} MB`);
    }
    process.stderr.write('\n');
    writeFileSync(stamp, JSON.stringify({ bytes, seconds: (performance.now() - t0) / 1000 }));
  }
  const bytes = readdirSync(dir).reduce((s, n) => s + statSync(join(dir, n)).size, 0);
  const mb = bytes / 1e6;
  console.log(`rollout dir: ${STEPS} steps x ${ROLLOUTS} rollouts x ~${KB} KB = ${mb.toFixed(0)} MB (${dir})`);

  const run = (what: string): ChildResult => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/verl.bench.ts', '--child', what, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
  };
  const raw = run('raw');
  const json = run('json');
  const live = run('live');
  const line = (label: string, r: ChildResult): string =>
    `${label.padEnd(44)} ${r.seconds.toFixed(2).padStart(8)} s  ${(mb / r.seconds).toFixed(1).padStart(7)} MB/s  first step ${r.firstSeconds.toFixed(2).padStart(6)} s  peak RSS ${r.maxRssMB.toFixed(0).padStart(5)} MB`;
  console.log(line('baseline: raw read (1 MB chunks, count lines)', raw));
  console.log(line('baseline: JSON.parse of every line', json));
  console.log(line('live per-step calibration (followRolloutSteps)', live));
  console.log(
    `ratios: live / raw read time ${(live.seconds / raw.seconds).toFixed(1)}x, live / JSON.parse time ${(live.seconds / json.seconds).toFixed(1)}x; first numbers (interim, every 500 ms while a step is read) after ${live.firstNumbersSeconds!.toFixed(2)} s, first complete step after ${live.firstSeconds.toFixed(2)} s (slowest step ${live.maxStepSeconds!.toFixed(2)} s); ${live.records} rollouts in ${live.steps} steps; peak RSS ${live.maxRssMB.toFixed(0)} MB for ${mb.toFixed(0)} MB of rollouts`,
  );
}

async function child(what: string, dir: string): Promise<void> {
  const files = readdirSync(dir)
    .filter((n) => /^\d+\.jsonl$/.test(n))
    .sort((a, b) => parseInt(a) - parseInt(b))
    .map((n) => join(dir, n));
  const t0 = performance.now();
  let firstSeconds = 0;
  let bytes = 0;
  let records = 0;
  let steps = 0;
  let maxStepSeconds = 0;
  let firstNumbersSeconds: number | undefined;
  if (what === 'raw') {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (const f of files) {
      const fd = openSync(f, 'r');
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) {
        bytes += n;
        for (let i = buf.indexOf(10); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) records++;
      }
      closeSync(fd);
      if (++steps === 1) firstSeconds = (performance.now() - t0) / 1000;
    }
  } else if (what === 'json') {
    for (const f of files) {
      for await (const l of createInterface({ input: createReadStream(f), crlfDelay: Infinity })) {
        if (l) {
          JSON.parse(l);
          records++;
          bytes += l.length + 1;
        }
      }
      if (++steps === 1) firstSeconds = (performance.now() - t0) / 1000;
    }
  } else {
    for await (const s of followRolloutSteps(dir, { once: true, settleMs: 0, bootstrap: 200, partialEveryMs: 500 })) {
      if (firstNumbersSeconds === undefined) firstNumbersSeconds = (performance.now() - t0) / 1000;
      if (!s.complete) continue;
      if (++steps === 1) firstSeconds = (performance.now() - t0) / 1000;
      bytes += s.bytes;
      records += s.records;
      maxStepSeconds = Math.max(maxStepSeconds, s.seconds);
      if (s.skipped.length > 0) throw new Error(`step ${s.step}: ${JSON.stringify(s.skipped)}`);
    }
  }
  const result: ChildResult = {
    seconds: (performance.now() - t0) / 1000,
    firstSeconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    bytes,
    records,
    steps,
    maxStepSeconds,
    firstNumbersSeconds,
  };
  console.log(JSON.stringify(result));
}
