// What the CLI tests that run dist/cli.js in a child share: the run, a scratch folder removed after
// the file's tests, and the check that a bad input neither hung nor printed a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { timeout?: number; input?: string | Buffer } = {}): CliRun {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    encoding: 'utf8',
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 64 << 20,
    input: opts.input,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder for one test file (removed after its tests) and a writer of files in it. */
export function scratchDir(prefix: string): { dir: string; write: (name: string, data: string | Buffer) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  test.after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: string | Buffer): string => {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
    return p;
  };
  return { dir, write };
}

export function assertNoStack(r: CliRun, what: string): void {
  assert.equal(r.signal, null, `${what}: killed (hang?)`);
  assert.doesNotMatch(r.stderr, /\n\s+at .*:\d+:\d+\)?/, `${what}: a stack trace on stderr`);
}
