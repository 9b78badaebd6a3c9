// A generated Parquet dataset in OpenR1-Math-220k's schema (problem, solution, answer, uuid,
// generations[], correctness_math_verify[], finish_reasons[], messages[] ...; row groups of 1,000
// rows as Hugging Face `datasets` writes them, SNAPPY pages) read by the engine, beside the `.trace`
// path of the same records in the same run: the raw read (rows to records; .trace parse), `import`
// (Parquet to .trace), and `calibrate` of each on one thread and on worker threads. Every pass runs
// in its own child process, so the peak RSS printed is its own; MB/s is of the file read (the
// Parquet file is compressed: its text MB/s, the .trace bytes it holds, is printed beside).
// Size: BENCH_PARQUET_MB (default 1000, the issue's 1 GB). The dataset and its .trace are written
// once to bench/.data/ (git-ignored) and reused. Run: npm run bench formats
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileWriter } from 'hyparquet-writer';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { calibrateFiles } from '../server/src/analysis/parallel.js';
import { formatRecord } from '../server/src/trace/format.js';
import { streamJsonlRecords, streamTraceFile } from '../server/src/trace/stream.js';
import { openr1Columns, openr1Schema, parquetStream, type OpenR1Row } from '../scripts/fixture-writers.js';

const B = 200;
const ROWS_PER_GROUP = 1000;
const RSS_LIMIT_MB = 400;

type ChildResult = { seconds: number; maxRssMB: number; records: number; groups?: number; bytesOut?: number };

async function main(): Promise<void> {
  const mb = Number(process.env.BENCH_PARQUET_MB ?? 1000);
  if (!(mb > 0)) throw new Error('BENCH_PARQUET_MB must be a positive number of megabytes');
  const dir = 'bench/.data';
  mkdirSync(dir, { recursive: true });
  const parquet = join(dir, `openr1-${mb}mb.parquet`);
  const trace = join(dir, `openr1-${mb}mb.trace`);
  if (!existsSync(parquet)) {
    const t = performance.now();
    const rows = writeDataset(parquet, mb * 1e6);
    console.log(`generated ${parquet}: ${rows.toLocaleString('en-US')} rows in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const pqMB = statSync(parquet).size / 1e6;
  const cores = availableParallelism();
  console.log(`dataset ${parquet}: ${pqMB.toFixed(0)} MB (OpenR1-Math-220k schema, ${ROWS_PER_GROUP}-row groups); ${cores} cores`);

  // import: Parquet -> .trace (also the .trace the other passes read).
  const imp = child(['--child-import', parquet, trace]);
  const traceMB = statSync(trace).size / 1e6;
  const ratio = traceMB / pqMB;
  const line = (what: string, fileMB: number, r: ChildResult, text = ''): void =>
    console.log(
      `BENCH ${what.padEnd(40)} ${(fileMB / r.seconds).toFixed(1).padStart(7)} MB/s${text}  ${Math.round(r.records / r.seconds)
        .toLocaleString('en-US')
        .padStart(
          9,
        )} records/s  peak RSS ${r.maxRssMB.toFixed(0).padStart(4)} MB${r.maxRssMB < RSS_LIMIT_MB ? '' : ` (over ${RSS_LIMIT_MB} MB)`}  (${r.seconds.toFixed(1)} s, ${r.records.toLocaleString('en-US')} records)`,
    );
  const textRate = (r: ChildResult): string => ` (${(traceMB / r.seconds).toFixed(1)} MB/s of text)`;
  console.log(`.trace written by import: ${traceMB.toFixed(0)} MB (${ratio.toFixed(2)}x the Parquet file)`);
  line('read parquet (rows -> records)', pqMB, child(['--child-read', parquet]), '');
  line('read .trace (streaming parse)', traceMB, child(['--child-read', trace]));
  line('import parquet -> .trace', pqMB, imp, textRate(imp));
  // 'default': the thread count calibrate picks itself (for Parquet, as many row groups as fit its budget).
  for (const workers of ['0', String(cores), 'default']) {
    const p = child(['--child-calibrate', parquet, workers]);
    line(`calibrate parquet, ${workers} workers`, pqMB, p, textRate(p));
    line(`calibrate .trace, ${workers} workers`, traceMB, child(['--child-calibrate', trace, workers]));
  }
}

function child(args: string[]): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/formats.bench.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

const report = (t: number, records: number, extra: Partial<ChildResult> = {}): void =>
  console.log(
    JSON.stringify({ seconds: (performance.now() - t) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, records, ...extra }),
  );

async function childRead(file: string): Promise<void> {
  const t = performance.now();
  let records = 0;
  if (file.endsWith('.trace')) for await (const _ of streamTraceFile(file)) records++;
  else for await (const _ of streamJsonlRecords(file, { onDiagnostic: () => undefined })) records++;
  report(t, records);
}

async function childImport(file: string, out: string): Promise<void> {
  const t = performance.now();
  const tmp = `${out}.tmp`;
  const w = createWriteStream(tmp);
  let records = 0;
  let pending = '';
  for await (const r of streamJsonlRecords(file, { onDiagnostic: () => undefined })) {
    pending += formatRecord(r);
    records++;
    if (pending.length > 1 << 22) {
      if (!w.write(pending)) await new Promise<void>((resolve) => w.once('drain', () => resolve()));
      pending = '';
    }
  }
  w.write(pending);
  await new Promise<void>((resolve, reject) => w.end((err?: Error | null) => (err ? reject(err) : resolve())));
  renameSync(tmp, out);
  report(t, records);
}

async function childCalibrate(file: string, workers: number | undefined): Promise<void> {
  const t = performance.now();
  const { result, records } = await calibrateFiles([file], { workers, bootstrap: B, seed: 1 });
  report(t, records, { groups: result.groups.length });
}

/** A small deterministic generator (the dataset is the same on every machine). */
class Lcg {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (Math.imul(this.s, 1664525) + 1013904223) >>> 0;
    return this.s / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

const OPENERS = [
  'Okay, so I need to find',
  'Let me work out',
  'Alright, I have to compute',
  'First, I want to figure out',
  'So the problem asks for',
];
const MARKERS = ['Wait,', 'Let me double-check:', 'Hmm,', 'Let me verify:', 'Alternatively,', 'Hold on,', 'Let me recompute:'];
/**
 * Words the prose is drawn from, so the text compresses about as real reasoning does (OpenR1's
 * files hold about 2.3 times their size in text); a few fixed sentences would compress 5x.
 */
const WORDS = (
  'the a of to and is in that it for this we so be as with on by at or if not are from then but can one two ' +
  'digit digits number numbers product sum carry carries tens units hundreds column row partial factor factors term terms ' +
  'multiply multiplied multiplying add added adding subtract subtracted check checked checking verify result results ' +
  'step steps first second third next last again also just only maybe perhaps probably clearly indeed actually exactly ' +
  'careful careful careful mistake mistakes error errors correct wrong right left value values estimate estimated round ' +
  'rounded rounding compare compared difference bigger smaller close closer far each every both all some most more less ' +
  'write writing written line lines part parts split splitting group grouping method approach way ways idea ideas think ' +
  'thinking thought see seems seemed looks looked makes made keep kept track tracking order ordered place places since ' +
  'because therefore hence thus which when where while until before after now here there other another same different'
).split(' ');

/** A sentence of random words and numbers. */
function prose(rng: Lcg): string {
  const n = 8 + rng.int(14);
  let out = '';
  for (let i = 0; i < n; i++) out += `${i ? ' ' : ''}${rng.next() < 0.12 ? String(rng.int(100000)) : rng.pick(WORDS)}`;
  return `${out[0].toUpperCase()}${out.slice(1)}. `;
}

/** One reasoning trace for a*b: attempts separated by reflection markers, a boxed answer unless cut off. */
function generation(rng: Lcg, a: number, b: number, target: number): { text: string; correct: boolean; finish: string } {
  const truth = a * b;
  let text = `<think>\n${rng.pick(OPENERS)} ${a} times ${b}.\n`;
  let answer = truth;
  const attempts = 1 + rng.int(4);
  for (let k = 0; k < attempts; k++) {
    if (k > 0) text += `${rng.pick(MARKERS)} `;
    const hi = Math.floor(b / 10) * 10;
    const lo = b - hi;
    answer = rng.next() < 0.7 || (k === attempts - 1 && rng.next() < 0.8) ? truth : truth + (1 + rng.int(9)) * 10 ** rng.int(3);
    text += `${a} * ${hi} = ${a * hi}. ${a} * ${lo} = ${a * lo}. Adding, ${a * hi} + ${a * lo} = ${answer}.\n`;
    // Prose until the generation reaches its length: OpenR1's traces run to thousands of tokens.
    while (text.length < ((k + 1) * target) / attempts) text += prose(rng);
    text += '\n';
  }
  if (rng.next() < 0.05) return { text, correct: false, finish: 'length' };
  text += `</think>\n\n${a} * ${b} = ${answer}, so the answer is $\\boxed{${answer}}$.`;
  return { text, correct: answer === truth, finish: 'stop' };
}

/** Writes OpenR1-shaped rows until the file reaches `bytes`; one row group per ROWS_PER_GROUP rows. */
function writeDataset(path: string, bytes: number): number {
  const tmp = `${path}.tmp`;
  // hyparquet-writer's file writer appends to the file as row groups are flushed.
  const out = parquetStream(openr1Schema, fileWriter(tmp));
  const rng = new Lcg(20250101);
  let rowsWritten = 0;
  try {
    while (statSync(tmp).size < bytes) {
      const rows: OpenR1Row[] = [];
      for (let i = 0; i < ROWS_PER_GROUP; i++) {
        const a = 10 + rng.int(990);
        const b = 10 + rng.int(90);
        const n = 2 + rng.int(3);
        const gens = Array.from({ length: n }, () => generation(rng, a, b, 3000 + rng.int(9000)));
        const problem = `Compute ${a} * ${b}. Show your reasoning and put the final answer in \\boxed{}.`;
        rows.push({
          problem,
          solution: `We split ${b} into tens and units: ${a} * ${b} = ${a * b}. The answer is $\\boxed{${a * b}}$.`,
          answer: String(a * b),
          problem_type: rng.pick(['Algebra', 'Number Theory', 'Combinatorics']),
          question_type: 'math-word-problem',
          source: rng.pick(['olympiads', 'amc_aime', 'cn_contest', 'aops_forum']),
          uuid: `${(rowsWritten + i).toString(16).padStart(8, '0')}-bench`,
          is_reasoning_complete: gens.map((g) => g.finish === 'stop'),
          generations: gens.map((g) => g.text),
          correctness_math_verify: gens.map((g) => (rng.next() < 0.03 ? null : g.correct)),
          correctness_llama: null,
          finish_reasons: gens.map((g) => g.finish),
          correctness_count: gens.filter((g) => g.correct).length,
          messages: [
            { role: 'user', content: problem },
            { role: 'assistant', content: gens[0].text },
          ],
        });
      }
      out.write(openr1Columns(rows), rows.length);
      rowsWritten += rows.length;
    }
    out.finish();
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return rowsWritten;
}

// Dispatched last: the generator's classes and tables above are initialized by now.
const mode = process.argv[2];
if (mode === '--child-read') await childRead(process.argv[3]);
else if (mode === '--child-import') await childImport(process.argv[3], process.argv[4]);
else if (mode === '--child-calibrate')
  await childCalibrate(process.argv[3], process.argv[4] === 'default' ? undefined : Number(process.argv[4]));
else await main();
