// A training run is a directory that outlives the process that wrote it:
//   config.json     the resolved run config (every default filled in, so the run is reproducible)
//   status.json     state (running/completed/stopped/failed), last step, pid, times
//   metrics.jsonl   one JSON object per logged step, appended and flushed line by line
//   checkpoints/step-000050/   one folder per checkpoint, published by an atomic rename
//   rollouts/*.trace           sampled trajectories as .trace records (open them in the calibration view)
// Everything except the append-only metrics is written atomically, so a killed run never leaves a
// torn file; a line torn by a hard kill at the end of metrics.jsonl is skipped on reading. A resume
// never deletes a line silently: lines that are not metrics records go to metrics.corrupt.jsonl
// with their line numbers, and what was moved or dropped is reported (planMetricsResume).
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunStatus, RunSummary } from '../../../protocol/runs.js';
import { writeFileAtomic } from '../util/atomicWrite.js';

const CHECKPOINTS = 'checkpoints';
const ROLLOUTS = 'rollouts';
const stepName = (step: number): string => `step-${String(step).padStart(6, '0')}`;

/** A fresh, unused run directory under `parent`: `<policy>-<UTC time>` (suffixed if it exists). */
export function newRunDirName(parent: string, policy: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let dir = resolve(parent, `${policy}-${stamp}`);
  for (let i = 2; existsSync(dir); i++) dir = resolve(parent, `${policy}-${stamp}-${i}`);
  return dir;
}

export function createRunDir(dir: string, config: Record<string, unknown>): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`${dir} exists and is not a directory; pick another --out`);
  if (existsSync(join(dir, 'config.json')))
    throw new Error(`${dir} already holds a run (config.json exists); resume it or pick another --out`);
  mkdirSync(join(dir, CHECKPOINTS), { recursive: true });
  mkdirSync(join(dir, ROLLOUTS), { recursive: true });
  writeConfig(dir, config);
}

export function writeConfig(dir: string, config: Record<string, unknown>): void {
  writeFileAtomic(join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
}

export function readConfig(dir: string): Record<string, unknown> {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) throw new Error(`${dir} is not a run directory (no config.json)`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file}: expected a JSON object`);
  return value as Record<string, unknown>;
}

export function writeStatus(dir: string, status: RunStatus): void {
  writeFileAtomic(join(dir, 'status.json'), JSON.stringify(status, null, 2) + '\n');
}

export function readStatus(dir: string): RunStatus | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')) as RunStatus;
  } catch {
    return null;
  }
}

/**
 * Appends metric lines to metrics.jsonl; each line reaches the file (and the disk) before `append`
 * returns. The file is opened (created) at the first line, so a run that never logs writes nothing.
 */
export class MetricsWriter {
  private fd = -1;
  constructor(private readonly dir: string) {}
  append(record: Record<string, unknown>): void {
    if (this.fd < 0) this.fd = openSync(join(this.dir, 'metrics.jsonl'), 'a');
    writeSync(this.fd, JSON.stringify(record) + '\n');
    fsyncSync(this.fd);
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

export interface MetricsRead {
  records: (Record<string, unknown> & { step: number })[];
  /** Lines that are not a JSON object with a numeric step (1-based line numbers, with why). */
  bad: { line: number; reason: string }[];
}

/** One metrics.jsonl line: the record, or why it is not one. */
function parseMetricsLine(line: string): MetricsRead['records'][number] | string {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { step?: unknown }).step === 'number')
      return v as MetricsRead['records'][number];
    return 'not a JSON object with a numeric "step"';
  } catch (err) {
    return `not JSON (${(err as Error).message})`;
  }
}

/** Parses metrics.jsonl text; a bad line is reported and skipped, never fatal. */
export function parseMetrics(text: string): MetricsRead {
  const records: MetricsRead['records'] = [];
  const bad: MetricsRead['bad'] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseMetricsLine(line);
    if (typeof parsed === 'string') bad.push({ line: i + 1, reason: parsed });
    else records.push(parsed);
  });
  return { records, bad };
}

export function readMetrics(dir: string): MetricsRead {
  const file = join(dir, 'metrics.jsonl');
  return existsSync(file) ? parseMetrics(readFileSync(file, 'utf8')) : { records: [], bad: [] };
}

/**
 * readMetrics, streamed: the event loop turns between chunks, so a long run's metrics do not
 * freeze the editor's extension host while they are read (bench/extensionHost.bench.ts).
 */
export async function readMetricsAsync(dir: string): Promise<MetricsRead> {
  const file = join(dir, 'metrics.jsonl');
  const records: MetricsRead['records'] = [];
  const bad: MetricsRead['bad'] = [];
  if (!existsSync(file)) return { records, bad };
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    n++;
    if (line.trim() === '') continue;
    const parsed = parseMetricsLine(line);
    if (typeof parsed === 'string') bad.push({ line: n, reason: parsed });
    else records.push(parsed);
  }
  return { records, bad };
}

export const CORRUPT_METRICS = 'metrics.corrupt.jsonl';

/** What a resume from a checkpoint of `step` completed steps does to metrics.jsonl (planMetricsResume). */
export interface MetricsResumePlan {
  dir: string;
  /** The checkpoint's step: lines of steps at or after it are not covered. */
  step: number;
  /** metrics.jsonl as it will be: the good lines the checkpoint covers, byte for byte, each ending in a newline. */
  kept: string;
  /** Lines that are not a metrics record (a torn last line, an edit gone wrong): moved to metrics.corrupt.jsonl. */
  corrupt: { line: number; reason: string; text: string }[];
  /** Lines of steps the checkpoint does not cover (a hard kill between a line and the next checkpoint): the resumed run logs them again. */
  uncovered: { line: number; step: number }[];
  /** Whether metrics.jsonl changes at all. */
  changes: boolean;
}

/**
 * Plans the metrics side of a resume from a checkpoint that completed `step` steps, reading only:
 * the lines of steps the checkpoint does not cover are dropped (the resumed run logs them again)
 * and lines that are not metrics records are set aside for metrics.corrupt.jsonl, so the resumed
 * run appends to a consistent history. `applyMetricsResume` carries the plan out.
 */
export function planMetricsResume(dir: string, step: number): MetricsResumePlan {
  const file = join(dir, 'metrics.jsonl');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept: string[] = [];
  const corrupt: MetricsResumePlan['corrupt'] = [];
  const uncovered: MetricsResumePlan['uncovered'] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseMetricsLine(line);
    if (typeof parsed === 'string') corrupt.push({ line: i + 1, reason: parsed, text: line });
    else if (parsed.step >= step) uncovered.push({ line: i + 1, step: parsed.step });
    else kept.push(line + '\n');
  });
  const out = kept.join('');
  return { dir, step, kept: out, corrupt, uncovered, changes: out !== text };
}

const lineList = (lines: number[]): string =>
  lines.length <= 10 ? lines.join(', ') : `${lines.slice(0, 10).join(', ')} and ${lines.length - 10} more`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What carrying out the plan does, one message per kind of change (empty when nothing changes). */
export function describeMetricsResume(plan: MetricsResumePlan): string[] {
  const out: string[] = [];
  if (plan.corrupt.length > 0) {
    const lines = plan.corrupt.map((c) => c.line);
    out.push(
      `metrics.jsonl: moved ${plural(lines.length, 'corrupt line')} (${lines.length === 1 ? 'line' : 'lines'} ${lineList(lines)}) to ${join(plan.dir, CORRUPT_METRICS)}, each with its line number and what is wrong with it`,
    );
  }
  if (plan.uncovered.length > 0) {
    const steps = plan.uncovered.map((u) => u.step);
    const [lo, hi] = [Math.min(...steps), Math.max(...steps)];
    out.push(
      `metrics.jsonl: dropped ${plural(steps.length, 'line')} of ${lo === hi ? `step ${lo}` : `steps ${lo}-${hi}`}, which the checkpoint at step ${plan.step} does not cover (the resumed run logs them again)`,
    );
  }
  return out;
}

/**
 * Carries out a resume plan: corrupt lines are appended to metrics.corrupt.jsonl first (and
 * synced), then metrics.jsonl is replaced atomically, so a crash in between duplicates a line at
 * worst and never loses one.
 */
export function applyMetricsResume(plan: MetricsResumePlan, now = new Date()): void {
  if (plan.corrupt.length > 0) {
    const fd = openSync(join(plan.dir, CORRUPT_METRICS), 'a');
    try {
      const at = now.toISOString();
      writeSync(
        fd,
        plan.corrupt
          .map((c) => JSON.stringify({ file: 'metrics.jsonl', line: c.line, reason: c.reason, text: c.text, at }) + '\n')
          .join(''),
      );
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  if (plan.changes) writeFileAtomic(join(plan.dir, 'metrics.jsonl'), plan.kept);
}

/**
 * Before resuming from a checkpoint that completed `step` steps: drops the metric lines of steps
 * the checkpoint does not cover and moves lines that are not records to metrics.corrupt.jsonl
 * (planMetricsResume, applyMetricsResume). Returns how many record lines were dropped.
 */
export function truncateMetricsTo(dir: string, step: number): number {
  const plan = planMetricsResume(dir, step);
  applyMetricsResume(plan);
  return plan.uncovered.length;
}

/** A run directory whose content cannot be used as it is (a damaged checkpoint, an invalid config.json on resume). */
export class RunDirError extends Error {}

/**
 * The error for a damaged file of the checkpoint `latest`: `<file>: <problem>`, plus the previous
 * checkpoint, if there is one, that a resume could start from instead.
 */
export function checkpointError(runDir: string, latest: { step: number; dir: string }, file: string, problem: string): RunDirError {
  let previous: { step: number; name: string } | null = null;
  const root = join(runDir, CHECKPOINTS);
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    const m = /^step-(\d+)$/.exec(name);
    const step = m ? Number(m[1]) : NaN;
    if (step < latest.step && (previous === null || step > previous.step)) previous = { step, name };
  }
  const hint = previous
    ? `; ${join(root, previous.name)} is the previous checkpoint: move ${basename(latest.dir)} away to resume from it`
    : '';
  return new RunDirError(`${join(latest.dir, file)}: ${problem}${hint}`);
}

/** A value as an error message shows it: JSON where it can, `Infinity`/`NaN`/`undefined` as such, cut at 60 characters. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Writes a checkpoint of `step` completed steps: files go to a hidden folder that is renamed into
 * place, so `checkpoints/step-N/` either holds every file or does not exist.
 */
export function writeCheckpoint(dir: string, step: number, files: Record<string, string | Uint8Array>): string {
  const root = join(dir, CHECKPOINTS);
  const final = join(root, stepName(step));
  const tmp = join(root, `.${stepName(step)}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileAtomic(join(tmp, name), data);
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
  return final;
}

/** The checkpoint with the most completed steps, or null. Half-written (hidden) folders are ignored. */
export function latestCheckpoint(dir: string): { step: number; dir: string } | null {
  const root = join(dir, CHECKPOINTS);
  if (!existsSync(root)) return null;
  let best: { step: number; dir: string } | null = null;
  for (const name of readdirSync(root)) {
    const m = /^step-(\d+)$/.exec(name);
    if (!m) continue;
    const step = Number(m[1]);
    if (!best || step > best.step) best = { step, dir: join(root, name) };
  }
  return best;
}

/** Writes `rollouts/<name>.trace` atomically; returns its path. */
export function writeRollouts(dir: string, name: string, text: string): string {
  const file = join(dir, ROLLOUTS, `${name}.trace`);
  writeFileAtomic(file, text);
  return file;
}

export function rolloutsOf(dir: string): string[] {
  const root = join(dir, ROLLOUTS);
  return existsSync(root)
    ? readdirSync(root)
        .filter((f) => f.endsWith('.trace'))
        .sort()
        .map((f) => join(root, f))
    : [];
}

export function isRunDir(dir: string): boolean {
  return existsSync(join(dir, 'config.json')) && existsSync(join(dir, CHECKPOINTS));
}

export function summarizeRun(dir: string, metrics = readMetrics(dir)): RunSummary {
  const config = readConfig(dir);
  return {
    dir: resolve(dir),
    name: basename(dir),
    policy: String(config.policy ?? 'unknown'),
    status: readStatus(dir),
    metrics: metrics.records.length,
    lastCheckpoint: latestCheckpoint(dir)?.step ?? null,
    rollouts: rolloutsOf(dir).map((f) => basename(f)),
  };
}

/** Runs directly inside `parent` (and `parent` itself when it is a run), newest first. */
export function listRuns(parent: string): RunSummary[] {
  const runs: RunSummary[] = [];
  for (const d of runDirsIn(parent)) {
    try {
      runs.push(summarizeRun(d));
    } catch {
      // A folder with an unreadable config.json is not a run we can show; skip it.
    }
  }
  return sortRuns(runs);
}

/** listRuns without blocking: the event loop turns between runs and while each run's metrics are read (the editor's run pickers). */
export async function listRunsAsync(parent: string): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  for (const d of runDirsIn(parent)) {
    await new Promise((r) => setImmediate(r));
    try {
      runs.push(summarizeRun(d, await readMetricsAsync(d)));
    } catch {
      // As listRuns: not a run we can show.
    }
  }
  return sortRuns(runs);
}

const sortRuns = (runs: RunSummary[]): RunSummary[] =>
  runs.sort((a, b) => (b.status?.startedAt ?? '').localeCompare(a.status?.startedAt ?? '') || b.name.localeCompare(a.name));

/** The run directories directly inside `parent` (or `parent` itself when it is one); [] when it does not exist. */
function runDirsIn(parent: string): string[] {
  try {
    if (!statSync(parent).isDirectory()) throw new Error(`${parent} is not a directory (give a run directory or a folder of runs)`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ELOOP') throw new Error(`${parent}: too many levels of symbolic links (a symlink loop)`, { cause: err });
    throw err;
  }
  // Entries that cannot be followed (a dangling link, a symlink loop, no permission) are not runs.
  const isDir = (d: string): boolean => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  };
  return isRunDir(parent)
    ? [parent]
    : readdirSync(parent)
        .map((n) => join(parent, n))
        .filter((d) => isDir(d) && isRunDir(d));
}
