// The engine's full pass (parse, segment, correctness, GRPO advantage and KL/surrogate attribution
// per record; no per-record output) over a generated corpus drawn from every phrasing family
// (test/phrasing/families: terse arithmetic, verbose prose, markdown, LaTeX, R1 thinking blocks,
// checks and echoes, both halves of their phrasings; families-b to families-g: twenty-six more by
// six other sets of authors) and the project's own generator, beside
// `grep -c -F -i -f markers FILE` on the same file in the same run. Prints MB/s of each, the
// ratio, and the engine's peak RSS (it runs in a child process, so the RSS is its own). Then the
// same comparison on the real responses of the gold fixtures, repeated to the same size.
// Size: BENCH_ENGINE_MB (default 500). The corpus is written once to bench/.data/ and reused:
// unique generated records up to 64 MB, that block repeated to the size (same text as far as
// grep and the engine are concerned; it keeps generation to about a minute).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defaultAttributionOptions } from '../server/src/analysis/attribution.js';
import { formatTrace } from '../server/src/trace/format.js';
import { generateMultiplicationTraces } from '../server/src/trace/generate.js';
import { jsonlToRecords } from '../server/src/trace/jsonl.js';
import {
  EIGHTH_FAMILIES_DIR,
  FAMILIES_DIR,
  familyCorpus,
  FIFTH_FAMILIES_DIR,
  HELDOUT_FAMILIES_DIR,
  loadFamilies,
  NINTH_FAMILIES_DIR,
  SECOND_FAMILIES_DIR,
  SEVENTH_FAMILIES_DIR,
  SIXTH_FAMILIES_DIR,
  THIRD_FAMILIES_DIR,
} from '../test/phrasing/corpus.js';
import { defaultMarkers, defaultSegmentOptions } from '../server/src/trace/options.js';
import { scanFile } from '../server/src/trace/scan.js';
import { sidecarUnlistedLine } from '../server/src/trace/sidecar.js';

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else await main();

async function main(): Promise<void> {
  const mb = Number(process.env.BENCH_ENGINE_MB ?? 500);
  const dataDir = 'bench/.data';
  mkdirSync(dataDir, { recursive: true });
  const markers = join(dataDir, 'markers.txt');
  writeFileSync(markers, defaultMarkers.join('\n') + '\n');
  console.log(`${availableParallelism()} cores`);
  // v5: all nine authors' sets of phrasing families (stop 37; v4, stop 26, held the first seven, v3
  // the first three); the name keeps older corpora apart.
  const mixed = join(dataDir, `engine-mixed-v5-${mb}mb.trace`);
  if (!existsSync(mixed)) await writeCorpus(mixed, mb * 1e6);
  compare('phrasing families and generator (the target)', mixed, markers);
  // Real responses are long (1.5-30 KB), so the engine's cost per record weighs less than in the
  // short synthetic records above: this second ratio is what a corpus of real rollouts sees.
  // v2: the fixtures of stop 37 (dev37, fresh44) too.
  const real = join(dataDir, `engine-real-v2-${mb}mb.trace`);
  if (!existsSync(real)) writeRealCorpus(real, mb * 1e6);
  compare('real responses from the gold fixtures', real, markers);
}

/** grep and the engine's full pass on one file, in the same run; prints the ratio. */
function compare(name: string, file: string, markers: string): void {
  const size = statSync(file).size;
  console.log(`\ncorpus: ${name}, ${file}: ${(size / 1e6).toFixed(0)} MB`);
  // Warm the page cache so neither side pays for the disk.
  spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] });
  // grep: best of 3 (the favourable baseline on a shared machine). CPU seconds come from GNU time
  // when it is installed: on a loaded machine they compare the work done better than wall time.
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  let grepS = Infinity;
  let grepCpu = NaN;
  let matches = '';
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const args = ['-c', '-F', '-i', '-f', markers, file];
    const g = timeBin
      ? spawnSync(timeBin, ['-f', 'cpu %U %S', 'grep', ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
      : spawnSync('grep', args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    const s = (performance.now() - t0) / 1000;
    if (g.status !== 0 && g.status !== 1) throw new Error(`grep failed: ${g.stderr}`);
    matches = g.stdout.trim();
    const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(g.stderr);
    if (s < grepS) {
      grepS = s;
      grepCpu = cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN;
    }
  }

  const workers = Math.min(availableParallelism(), 4);
  const e = spawnSync(process.execPath, ['--import', 'tsx', 'bench/engine.bench.ts', '--child', file, String(workers)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (e.status !== 0) throw new Error(`engine child failed: ${e.stderr}`);
  const r = JSON.parse(e.stdout.trim().split('\n').pop()!) as {
    seconds: number;
    cpuSeconds: number;
    maxRssKB: number;
    records: number;
    samples: number;
    resamples: number;
    echoes: number;
    correctFinal: number;
    ratio: number;
  };

  const rate = (sec: number): string => `${(size / 1e6 / sec).toFixed(0)} MB/s`;
  console.log(
    `grep -c -F -i -f markers (LC_ALL=C), best of 3: ${grepS.toFixed(2)} s wall, ${rate(grepS)}; ${grepCpu.toFixed(2)} CPU s (${matches} matching lines)`,
  );
  console.log(
    `engine full pass (${workers} workers): ${r.seconds.toFixed(2)} s wall, ${rate(r.seconds)}; ${r.cpuSeconds.toFixed(2)} CPU s, ${rate(r.cpuSeconds)} per core; ${r.records} records, ${r.samples} samples, ${r.resamples} resamples (${r.echoes} echoes), ${r.correctFinal} correct; KL drag ratio sampling/decision ${r.ratio.toFixed(1)}`,
  );
  console.log(
    `ratio engine/grep: ${(r.seconds / grepS).toFixed(1)}x wall time (target: within 8x), ${(r.cpuSeconds / grepCpu).toFixed(1)}x CPU time`,
  );
  console.log(`engine peak RSS: ${(r.maxRssKB / 1024).toFixed(0)} MB for a ${(size / 1e6).toFixed(0)} MB file`);
}

async function child(file: string, workers: number): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const s = await scanFile(file, { segment: defaultSegmentOptions, attribution: defaultAttributionOptions, workers });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0); // this process and its worker threads
  // The sidecar's problems, listed as segment lists them (the first 100, then a count).
  const sp = s.sidecarProblems;
  for (const l of sp.listed) process.stderr.write(`${l}\n`);
  if (sp.count > sp.listed.length) process.stderr.write(`${sidecarUnlistedLine(file, sp.count - sp.listed.length)}\n`);
  process.stdout.write(
    `${JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKB: process.resourceUsage().maxRSS, records: s.records, samples: s.samples, resamples: s.resamples, echoes: s.echoes, correctFinal: s.correctFinal, ratio: Math.abs(s.drag.sampling) / Math.abs(s.drag.decision) })}\n`,
  );
}

async function writeCorpus(file: string, bytes: number): Promise<void> {
  const t0 = performance.now();
  const tasks = ['2x2', '3x3', '3x4', '4x4', '5x5', '6x6'].map((task, i) => ({
    task,
    p: 0.9 - i * 0.12,
    delta1: 0.8,
    delta2: 0.6,
    n: 1_000_000,
  }));
  const models = [
    { name: 'grpo', tasks, echoRate: 0.1 },
    { name: 'sft', tasks, echoRate: 0.6 },
  ];
  // One block of unique records, a share from each source in turn: the project's generator and
  // every phrasing family, so no single writing style sets the engine's speed.
  const blockLimit = Math.min(bytes, 64e6);
  const families = (
    await Promise.all(
      [
        FAMILIES_DIR,
        SECOND_FAMILIES_DIR,
        THIRD_FAMILIES_DIR,
        HELDOUT_FAMILIES_DIR,
        FIFTH_FAMILIES_DIR,
        SIXTH_FAMILIES_DIR,
        SEVENTH_FAMILIES_DIR,
        EIGHTH_FAMILIES_DIR,
        NINTH_FAMILIES_DIR,
      ].map((d) => loadFamilies(d)),
    )
  ).flat();
  const generated = generateMultiplicationTraces({
    seed: 1,
    models: models.map((m) => ({ ...m, tasks: m.tasks.map((x) => ({ ...x, n: Math.ceil(blockLimit / 1200 / 12) })) })),
    groupSize: 8,
  });
  const parts: string[] = [];
  let length = 0;
  let seed = 1;
  while (length < blockLimit) {
    for (const f of families) {
      const { text } = familyCorpus(f, seed, 200, seed % 2 ? 'dev' : 'heldout');
      parts.push(text);
      length += text.length;
    }
    let own = '';
    for (let k = 0; k < 200; k++) {
      const t = generated.next();
      if (t.done) break;
      own += t.value.text;
    }
    parts.push(own);
    length += own.length;
    seed++;
  }
  const block = parts.join('');
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  let written = 0;
  while (written < bytes) {
    const piece = written + block.length <= bytes ? block : block.slice(0, cutAtRecord(block, bytes - written));
    if (piece.length === 0) break;
    if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
    written += Buffer.byteLength(piece);
  }
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  renameSync(tmp, file);
  console.log(`wrote ${file} (${(written / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** Length of the longest prefix of whole records not longer than max. */
function cutAtRecord(text: string, max: number): number {
  const i = text.lastIndexOf('\n=== ', max);
  return i < 0 ? 0 : i + 1;
}

/**
 * The real responses of the gold fixtures (every `*-traces.jsonl` under test/fixtures/gold) as
 * `.trace` records, that block repeated to the size. Repeated questions hit the question cache
 * after the first copy, as the rollouts of one prompt do in a real dump.
 */
function writeRealCorpus(file: string, bytes: number): void {
  const goldDir = 'test/fixtures/gold';
  const block = readdirSync(goldDir)
    .flatMap((d) => readdirSync(join(goldDir, d)).map((f) => join(goldDir, d, f)))
    .filter((f) => f.endsWith('-traces.jsonl'))
    .sort()
    .map((f) => formatTrace(jsonlToRecords(readFileSync(f, 'utf8'), { fileName: f }).records))
    .join('');
  const repeats = Math.max(1, Math.floor(bytes / block.length));
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, block.repeat(repeats));
  renameSync(tmp, file);
  console.log(
    `wrote ${file} (${((repeats * block.length) / 1e6).toFixed(0)} MB: ${repeats} copies of ${(block.length / 1e6).toFixed(2)} MB of real responses)`,
  );
}
