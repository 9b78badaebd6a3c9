// A training run is a directory that outlives the process that wrote it:
//   config.json     the resolved run config (every default filled in, so the run is reproducible)
//   status.json     state (running/completed/stopped/failed), last step, pid, times
//   metrics.jsonl   one JSON object per logged step, appended and flushed line by line
//   checkpoints/step-000050/   one folder per checkpoint, published by an atomic rename
//   rollouts/*.trace           sampled trajectories as .trace records (open them in the calibration view)
// Everything except the append-only metrics is written atomically, so a killed run never leaves a
// torn file; a line torn by a hard kill at the end of metrics.jsonl is dropped on reading.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';

export type RunState = 'running' | 'completed' | 'stopped' | 'failed';

export interface RunStatus {
  state: RunState;
  /** Steps completed (the next step to run). */
  step: number;
  pid?: number;
  startedAt: string;
  updatedAt: string;
  error?: string;
}

export interface RunSummary {
  dir: string;
  name: string;
  policy: string;
  status: RunStatus | null;
  /** Logged metric lines. */
  metrics: number;
  lastCheckpoint: number | null;
  rollouts: string[];
}

const CHECKPOINTS = 'checkpoints';
const ROLLOUTS = 'rollouts';
const stepName = (step: number): string => `step-${String(step).padStart(6, '0')}`;

/** A fresh, unused run directory under `parent`: `<policy>-<UTC time>` (suffixed if it exists). */
export function newRunDirName(parent: string, policy: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let dir = resolve(parent, `${policy}-${stamp}`);
  for (let i = 2; existsSync(dir); i++) dir = resolve(parent, `${policy}-${stamp}-${i}`);
  return dir;
}

export function createRunDir(dir: string, config: Record<string, unknown>): void {
  if (existsSync(join(dir, 'config.json'))) throw new Error(`${dir} already holds a run (config.json exists); resume it or pick another --out`);
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
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
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

/** Appends metric lines to metrics.jsonl; each line reaches the file (and the disk) before `append` returns. */
export class MetricsWriter {
  private fd: number;
  constructor(dir: string) {
    this.fd = openSync(join(dir, 'metrics.jsonl'), 'a');
  }
  append(record: Record<string, unknown>): void {
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

/** Parses metrics.jsonl text; a bad line is reported and skipped, never fatal. */
export function parseMetrics(text: string): MetricsRead {
  const records: MetricsRead['records'] = [];
  const bad: MetricsRead['bad'] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const v: unknown = JSON.parse(line);
      if (typeof v === 'object' && v !== null && typeof (v as { step?: unknown }).step === 'number') records.push(v as MetricsRead['records'][number]);
      else bad.push({ line: i + 1, reason: 'not a JSON object with a numeric "step"' });
    } catch (err) {
      bad.push({ line: i + 1, reason: `not JSON (${(err as Error).message})` });
    }
  });
  return { records, bad };
}

export function readMetrics(dir: string): MetricsRead {
  const file = join(dir, 'metrics.jsonl');
  return existsSync(file) ? parseMetrics(readFileSync(file, 'utf8')) : { records: [], bad: [] };
}

/**
 * Before resuming from a checkpoint that completed `step` steps: drop metric lines of steps the
 * checkpoint does not cover (a hard kill between a metrics line and the next checkpoint) and any
 * torn line, so the resumed run appends a consistent history.
 */
export function truncateMetricsTo(dir: string, step: number): number {
  const file = join(dir, 'metrics.jsonl');
  if (!existsSync(file)) return 0;
  const { records } = parseMetrics(readFileSync(file, 'utf8'));
  const kept = records.filter((r) => r.step < step);
  writeFileAtomic(file, kept.map((r) => JSON.stringify(r) + '\n').join(''));
  return records.length - kept.length;
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
  return existsSync(root) ? readdirSync(root).filter((f) => f.endsWith('.trace')).sort().map((f) => join(root, f)) : [];
}

export function isRunDir(dir: string): boolean {
  return existsSync(join(dir, 'config.json')) && existsSync(join(dir, CHECKPOINTS));
}

export function summarizeRun(dir: string): RunSummary {
  const config = readConfig(dir);
  return {
    dir: resolve(dir),
    name: basename(dir),
    policy: String(config.policy ?? 'unknown'),
    status: readStatus(dir),
    metrics: readMetrics(dir).records.length,
    lastCheckpoint: latestCheckpoint(dir)?.step ?? null,
    rollouts: rolloutsOf(dir).map((f) => basename(f)),
  };
}

/** Runs directly inside `parent` (and `parent` itself when it is a run), newest first. */
export function listRuns(parent: string): RunSummary[] {
  if (!existsSync(parent)) return [];
  const dirs = isRunDir(parent) ? [parent] : readdirSync(parent).map((n) => join(parent, n)).filter((d) => statSync(d).isDirectory() && isRunDir(d));
  const runs: RunSummary[] = [];
  for (const d of dirs) {
    try {
      runs.push(summarizeRun(d));
    } catch {
      // A folder with an unreadable config.json is not a run we can show; skip it.
    }
  }
  return runs.sort((a, b) => (b.status?.startedAt ?? '').localeCompare(a.status?.startedAt ?? '') || b.name.localeCompare(a.name));
}
