// Bad input to the CLI gives `reflection-lens CMD: message` (a stack trace only with
// REFLECTION_LENS_DEBUG=1); bounds on sizes; a closed stdout (`| head`) stops a training run
// cleanly; `import` lists the first broken lines and counts the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'rl-errors-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const cliPath = join(process.cwd(), 'dist/cli.js');
const trainerPath = join(process.cwd(), 'dist/trainer.js');

function cli(
  args: string[],
  env: Record<string, string> = {},
  timeout = 60_000,
): { status: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    timeout,
    env: { ...process.env, REFLECTION_LENS_DEBUG: '', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

/** A line of a stack trace (`    at fn (file:line:col)`). */
const STACK = /^\s+at .+[(:]\d+/m;

/** Exit 1 (or `status`), one message line naming the command, no stack trace. */
function assertMessage(r: ReturnType<typeof cli>, command: string, pattern: RegExp, status = 1): void {
  assert.equal(r.status, status, `exit status; stderr: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, STACK, `no stack trace: ${r.stderr}`);
  assert.match(r.stderr, new RegExp(`^reflection-lens ${command}: `, 'm'), r.stderr);
  assert.match(r.stderr, pattern);
}

test('train: invalid config.json on --resume, --out at a file, --list on a file or a symlink loop give messages', () => {
  const run = join(dir, 'run1');
  const done = cli(['train', '--policy', 'ds3', '--steps', '2', '--out', run]);
  assert.equal(done.status, 0, done.stderr);
  writeFileSync(join(run, 'config.json'), '{bad');
  assertMessage(cli(['train', '--resume', run]), 'train', /config\.json.*not valid JSON/);

  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  assertMessage(cli(['train', '--policy', 'ds3', '--steps', '2', '--out', file]), 'train', /a-file.* not a directory/);
  assert.equal(readFileSync(file, 'utf8'), 'x');

  assertMessage(cli(['train', '--list', file]), 'train', /a-file.* not a directory/);
  const loop = join(dir, 'loop');
  symlinkSync(loop, loop);
  assertMessage(cli(['train', '--list', loop]), 'train', /symbolic links/);
  // A loop or a dangling link among the runs does not hide the others.
  const runs = join(dir, 'runs');
  mkdirSync(runs);
  assert.equal(cli(['train', '--policy', 'ds3', '--steps', '2', '--out', join(runs, 'good')]).status, 0);
  symlinkSync(join(runs, 'self'), join(runs, 'self'));
  symlinkSync(join(runs, 'nowhere'), join(runs, 'dangling'));
  const listed = cli(['train', '--list', runs, '--json']);
  assert.equal(listed.status, 0, listed.stderr);
  assert.deepEqual(
    (JSON.parse(listed.stdout) as { runs: { name: string }[] }).runs.map((r) => r.name),
    ['good'],
  );
});

test('verl command with a bad config and calibrate --html at a directory give messages; REFLECTION_LENS_DEBUG=1 adds the stack', () => {
  const v = join(dir, 'verl');
  mkdirSync(v);
  writeFileSync(join(v, 'verl-config.json'), '{"overrides": 5}');
  for (const target of [v, join(dir, 'vdir')]) {
    if (target !== v) mkdirSync(join(target, 'verl-config.json'), { recursive: true });
    const r = cli(['verl', 'command', target]);
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stderr, STACK);
    assert.match(r.stderr, /^verl command: .*(must be an object|cannot read .*verl-config\.json: a directory, not a file)/m);
  }

  const trace = join(dir, 'one.trace');
  writeFileSync(trace, '=== 1\nquery: Calculate 2 * 3.\nanswer: 6\n---\n2 * 3 = 6\n');
  const report = join(dir, 'report-dir');
  mkdirSync(report);
  const html = cli(['calibrate', trace, '--html', report]);
  assertMessage(html, 'calibrate', /report-dir/);
  assert.ok(existsSync(report));

  const run = join(dir, 'run-debug');
  assert.equal(cli(['train', '--policy', 'ds3', '--steps', '1', '--out', run]).status, 0);
  writeFileSync(join(run, 'config.json'), '{bad');
  const debug = cli(['train', '--resume', run], { REFLECTION_LENS_DEBUG: '1' });
  assert.equal(debug.status, 1);
  assert.match(debug.stderr, STACK);
});

test('verl export --n beyond the bound is refused at once, before anything is written', () => {
  const out = join(dir, 'huge');
  // The 20 s kill is a hang guard; "at once" is the refusal before anything is written.
  const r = cli(['verl', 'export', '--out', out, '--n', '1e9'], {}, 20_000);
  assert.equal(r.signal, null, 'finished, not killed');
  assertMessage(r, 'verl', /--n .*1000000/, 2);
  assert.ok(!existsSync(out), 'nothing written');
  assertMessage(cli(['verl', 'export', '--out', out, '--n-test', '1e7'], {}, 20_000), 'verl', /--n-test/, 2);
});

/** Runs `command` with its stdout closed after the first line (as `| head -1` does); resolves with its exit and stderr. */
function closeStdoutAfterFirstLine(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REFLECTION_LENS_DEBUG: '' } });
    let stderr = '';
    let seen = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes('\n')) child.stdout.destroy();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

test('a training run whose stdout is closed (| head) stops cleanly and is marked stopped, not left "running"', async () => {
  const run = join(dir, 'piped-run');
  const r = await closeStdoutAfterFirstLine([
    trainerPath,
    '--config-json',
    '{"policy":"ds3","steps":100000,"checkpointEvery":5}',
    '--out',
    run,
  ]);
  assert.doesNotMatch(r.stderr, /EPIPE|Unhandled 'error'/, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  const status = JSON.parse(readFileSync(join(run, 'status.json'), 'utf8')) as { state: string; step: number };
  assert.equal(status.state, 'stopped');
  assert.ok(status.step > 0 && status.step < 100000);

  // The CLI prints its --json result at the end: a reader that has gone away is not an error either.
  const cliRun = join(dir, 'piped-cli-run');
  const c = await closeStdoutAfterFirstLine([cliPath, 'train', '--policy', 'ds3', '--steps', '3', '--out', cliRun, '--json']);
  assert.doesNotMatch(c.stderr, /EPIPE|Unhandled 'error'|\n\s+at /, c.stderr);
  assert.equal(c.code, 0, c.stderr);
  assert.equal((JSON.parse(readFileSync(join(cliRun, 'status.json'), 'utf8')) as { state: string }).state, 'completed');
});

test('import lists the first 100 broken lines and counts the rest in one line', () => {
  const input = join(dir, 'broken.jsonl');
  const good = '{"prompt":"Calculate 2 * 3.","response":"2 * 3 = 6","answer":"6"}';
  writeFileSync(input, [good, ...Array.from({ length: 5000 }, (_, i) => `{"prompt": broken ${i}`), good, ''].join('\n'));
  const r = cli(['import', input, '-o', join(dir, 'broken.trace')]);
  assert.equal(r.status, 0, r.stderr.slice(0, 2000));
  const lines = r.stderr.trim().split('\n');
  assert.ok(lines.length <= 103, `${lines.length} lines on stderr`);
  assert.equal(lines.filter((l) => /broken\.jsonl:\d+:\d+: error: Invalid JSON/.test(l)).length, 100);
  assert.match(r.stderr, /4900 more lines? reported, not listed/);
  assert.match(r.stderr, /2 records written.*5000 lines reported/);
});

test('segment lists the first 100 broken lines of a file and counts the rest, as import does', () => {
  const input = join(dir, 'broken-seg.jsonl');
  const good = '{"prompt":"Calculate 2 * 3.","response":"2 * 3 = 6","answer":"6"}';
  writeFileSync(input, [good, ...Array.from({ length: 300 }, (_, i) => `{"prompt": broken ${i}`), ''].join('\n'));
  const r = cli(['segment', input]);
  assert.equal(r.status, 0, r.stderr.slice(0, 2000));
  assert.equal(r.stderr.split('\n').filter((l) => /broken-seg\.jsonl:\d+:\d+: error: Invalid JSON/.test(l)).length, 100);
  assert.match(r.stderr, /broken-seg\.jsonl: 200 more lines reported, not listed/);
});

test('segment exits 1 when not one record of a file could be read, as import (fmt32 P5)', () => {
  // test/fixtures/formats/eval-outputs/verl-dataset-row.jsonl: a verl dataset row (no response).
  const row = 'test/fixtures/formats/eval-outputs/verl-dataset-row.jsonl';
  const seg = cli(['segment', row]);
  assert.equal(seg.status, 1, seg.stderr);
  assert.match(seg.stderr, /verl-dataset-row\.jsonl:1:1: error: No response field/);
  assert.match(seg.stderr, /verl-dataset-row\.jsonl: no record could be read \(1 line reported\)/);
  const imp = cli(['import', row, '-o', join(dir, 'row.trace')]);
  assert.equal(imp.status, 1, imp.stderr);
  // An empty file is read (nothing to report): 0 for both.
  const empty = join(dir, 'empty.jsonl');
  writeFileSync(empty, '');
  assert.equal(cli(['segment', empty]).status, 0);
  // calibrate: 1 when nothing can be calibrated, and --help says so (segment's too).
  assert.equal(cli(['calibrate', row]).status, 1);
  assert.match(cli(['calibrate', '--help']).stdout, /Exit status: 0 when at least one group was calibrated/);
  assert.match(cli(['segment', '--help']).stdout, /1 when a file could not be read or not one\s+record could be read from it/);
});

test('a row of unknown shape: the error lists at most 12 keys, each cut at 40 characters', () => {
  const input = join(dir, 'long-keys.json');
  const row: Record<string, number> = {};
  for (let k = 0; k < 30; k++) row[`${'k'.repeat(300)}${k}`] = k;
  writeFileSync(input, JSON.stringify([row]));
  const r = cli(['import', input, '-o', join(dir, 'long-keys.trace')]);
  assert.equal(r.status, 1);
  const line = r.stderr.split('\n').find((l) => l.includes('cannot tell the format'))!;
  assert.ok(line.length < 1000, `${line.length} characters`);
  assert.match(line, new RegExp(`the first row has ${'k'.repeat(39)}…, (?:${'k'.repeat(39)}…, ){10}${'k'.repeat(39)}… and 18 more;`));
});
