// Shared by the CLI writer tests (writers.test.ts, writersProperty.test.ts): run the built
// dist/cli.js as users do (optionally under a file-size limit, or killed by a signal once its
// temp file exists), fingerprint files and links, and find leftover temp files.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fakeRolloutLines } from '../../server/src/training/verl/fakeRollouts.js';

export const CLI = resolve('dist/cli.js');

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js ARGS`; `fileSizeKB` runs it under `ulimit -f` so a write fails midway (EFBIG: Node ignores SIGXFSZ). */
export function cli(args: string[], opts: { fileSizeKB?: number; timeout?: number } = {}): Run {
  const r =
    opts.fileSizeKB === undefined
      ? spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: opts.timeout ?? 120_000, maxBuffer: 64 << 20 })
      : spawnSync('bash', ['-c', `ulimit -f ${opts.fileSizeKB} && exec "$0" "$@"`, process.execPath, CLI, ...args], {
          encoding: 'utf8',
          timeout: opts.timeout ?? 120_000,
          maxBuffer: 64 << 20,
        });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Spawns the CLI, waits until a temp file (".*.tmp") appears in one of `watchDirs` (or `afterMs`
 * passes, whichever is first when both are given), waits `delayMs` more, then sends `signal`.
 * A CLI still running `timeoutMs` (120 s) after its start is killed and the call fails saying so.
 */
export function cliKilled(
  args: string[],
  signal: NodeJS.Signals,
  watchDirs: string[],
  opts: { delayMs?: number; afterMs?: number; timeoutMs?: number } = {},
): Promise<Run & { killed: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const started = Date.now();
    const kill = (): void => {
      clearInterval(poll);
      setTimeout(() => {
        killed = child.exitCode === null && child.signalCode === null && child.kill(signal);
      }, opts.delayMs ?? 0);
    };
    const poll = setInterval(() => {
      if (opts.afterMs !== undefined && Date.now() - started >= opts.afterMs) return kill();
      if (opts.afterMs === undefined && watchDirs.some((d) => tempFiles(d).length > 0)) kill();
    }, 2);
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const deadline = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      fail(
        new Error(
          `timed out after ${timeoutMs} ms waiting for \`cli ${args.join(' ')}\` to exit (${signal} sent: ${killed}); stderr: ${stderr.slice(-2000)}`,
        ),
      );
    }, timeoutMs);
    child.on('exit', (status, sig) => {
      clearTimeout(deadline);
      clearInterval(poll);
      // Let the stdio pipes drain.
      setTimeout(() => done({ status, signal: sig, stdout, stderr, killed }), 20);
    });
  });
}

/** Temp files a writer may leave: dot-files ending in .tmp, searched recursively. */
export function tempFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tmp$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** What a path is: missing, a symlink (with its text), or a file kind with a content hash. */
export function fingerprint(path: string): string {
  if (!existsSync(path) && !isLink(path)) return 'missing';
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return `link -> ${readlinkSync(path)}`;
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'char-device';
  if (st.isDirectory()) return 'directory';
  return `file ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

export function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The HTML report's CSP nonces are random per run: blank them to compare two reports. */
export const normalizeHtml = (html: string): string => html.replace(/nonce-[A-Za-z0-9+/=]+|nonce="[A-Za-z0-9+/=]+"/g, 'NONCE');

/** A stack trace printed to the user instead of a message. */
export const STACK = /\n\s+at .*:\d+:\d+\)?/;

/** JSONL rollouts with per-token log-probs (so import writes the sidecar too). */
export function writeRollouts(
  path: string,
  rollouts: number,
  opts: { outputBytes?: number; logprobs?: boolean; garbageAfter?: number } = {},
): number {
  const lines: string[] = [];
  for (const line of fakeRolloutLines(3, { rollouts, tasks: ['3x3', '3x4'], outputBytes: opts.outputBytes })) {
    const rec = JSON.parse(line) as Record<string, unknown>;
    // Both lists, and enough tokens for every attempt (import leaves unusable ones out of the sidecar).
    if (opts.logprobs) {
      rec.logprobs = Array.from({ length: 64 }, (_, i) => -0.01 * (i + 1));
      rec.ref_logprobs = Array.from({ length: 64 }, (_, i) => -0.02 * (i + 1));
    }
    lines.push(JSON.stringify(rec));
    if (opts.garbageAfter !== undefined && lines.length === opts.garbageAfter) lines.push('{"input": "cut off', 'not json at all');
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return rollouts;
}
