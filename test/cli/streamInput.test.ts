// Trace input that is not a regular file: a pipe (`-` = stdin, `/dev/stdin`, bash's `<(...)`) or
// a named FIFO is read to its end by every command that reads trace files, and gives the same
// result as the file itself. (These used to read as empty: the size of a pipe is 0.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-pipes-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const cliPath = join(process.cwd(), 'dist/cli.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI with `input` on its stdin (a pipe). */
function cli(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    input: input ?? '',
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A bash command line (for `<(...)` and `cat f | ...`): the CLI is `$CLI`. */
function bash(script: string): Run {
  const r = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 << 20,
    env: { ...process.env, CLI: `${process.execPath} ${cliPath}` },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI reading a named FIFO that another process fills with `source` (in chunks, slowly). */
function viaFifo(source: string, name: string, args: (fifo: string) => string[]): Run {
  const fifo = join(dir, name);
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  // The writer sends the file in two parts with a pause, so a reader that stops at the first short read loses the rest.
  const writer = spawn('bash', ['-c', 'exec 3>"$2"; head -c 3000 "$1" >&3; sleep 0.3; tail -c +3001 "$1" >&3', 'writer', source, fifo], {
    stdio: 'ignore',
  });
  try {
    return cli(args(fifo));
  } finally {
    writer.kill();
    rmSync(fifo, { force: true });
  }
}

const traceText = generateMultiplicationTraceText({
  seed: 3,
  groupSize: 4,
  models: [{ name: 'piped', echoRate: 0.3, tasks: [{ task: '3x3', p: 0.6, delta1: 0.7, delta2: 0.6, n: 40 }] }],
});
const traceFile = join(dir, 'piped.trace');
writeFileSync(traceFile, traceText);
const jsonlText = [
  '{"prompt":"Calculate 12 * 34.","response":"12 * 34 = 418. Wait, 12 * 34 = 408. The answer is 408.","answer":"408","model":"piped"}',
  '{"prompt":"Calculate 7 * 8.","response":"7 * 8 = 56. The answer is 56.","answer":"56","model":"piped"}',
  '{"prompt":"Calculate 9 * 9.","response":"9 * 9 = 81","answer":"18","model":"piped"}',
  '',
].join('\n');
const jsonlFile = join(dir, 'piped.jsonl');
writeFileSync(jsonlFile, jsonlText);

/** `segment --json` rows without the file name (which names the pipe). */
const rows = (r: Run): unknown[] => (JSON.parse(r.stdout) as Record<string, unknown>[]).map(({ file: _file, ...rest }) => rest);

test('segment reads stdin (-), /dev/stdin, <(...) and a FIFO to the end: the same rows as the file', () => {
  const file = cli(['segment', traceFile, '--json']);
  assert.equal(file.status, 0, file.stderr);
  const expected = rows(file);
  assert.equal(expected.length, 40);

  const stdin = cli(['segment', '-', '--json'], traceText);
  assert.equal(stdin.status, 0, stdin.stderr);
  // Records from stdin have no file name to take a model name from; these name their model.
  assert.deepEqual(rows(stdin), expected, 'segment -');

  const devStdin = bash(`cat ${JSON.stringify(traceFile)} | $CLI segment /dev/stdin --json`);
  assert.equal(devStdin.status, 0, devStdin.stderr);
  assert.deepEqual(rows(devStdin), expected, 'segment /dev/stdin');

  const substituted = bash(`$CLI segment <(cat ${JSON.stringify(traceFile)}) --json`);
  assert.equal(substituted.status, 0, substituted.stderr);
  assert.deepEqual(rows(substituted), expected, 'segment <(cat f)');

  const fifo = viaFifo(traceFile, 'fifo.trace', (p) => ['segment', p, '--json']);
  assert.equal(fifo.status, 0, fifo.stderr);
  assert.deepEqual(rows(fifo), expected, 'segment FIFO');
});

test('JSONL on a pipe is recognised by its content; import - writes what importing the file writes', () => {
  const file = cli(['segment', jsonlFile, '--json']);
  assert.equal(file.status, 0, file.stderr);
  const stdin = cli(['segment', '-', '--json'], jsonlText);
  assert.equal(stdin.status, 0, stdin.stderr);
  assert.deepEqual(rows(stdin), rows(file));

  const fromFile = cli(['import', jsonlFile, '-o', join(dir, 'from-file.trace')]);
  assert.equal(fromFile.status, 0, fromFile.stderr);
  const fromStdin = cli(['import', '-', '-o', join(dir, 'from-stdin.trace')], jsonlText);
  assert.equal(fromStdin.status, 0, fromStdin.stderr);
  assert.equal(readFileSync(join(dir, 'from-stdin.trace'), 'utf8'), readFileSync(join(dir, 'from-file.trace'), 'utf8'));
  const fromFifo = viaFifo(jsonlFile, 'fifo.jsonl', (p) => ['import', p, '-o', join(dir, 'from-fifo.trace')]);
  assert.equal(fromFifo.status, 0, fromFifo.stderr);
  assert.equal(readFileSync(join(dir, 'from-fifo.trace'), 'utf8'), readFileSync(join(dir, 'from-file.trace'), 'utf8'));
});

const copyOf = (file: string): string => {
  const copy = `${file}.copy.trace`;
  copyFileSync(file, copy);
  return copy;
};

test('calibrate reads - and a FIFO (also with worker threads): the same groups as the file', () => {
  const groups = (r: Run): unknown => {
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { groups: unknown }).groups;
  };
  const expected = groups(cli(['calibrate', traceFile, '--json', '--bootstrap', '50']));
  assert.ok(Array.isArray(expected) && expected.length === 1);
  assert.deepEqual(groups(cli(['calibrate', '-', '--json', '--bootstrap', '50'], traceText)), expected, 'calibrate -');
  assert.deepEqual(
    groups(cli(['calibrate', '-', traceFile, '--json', '--bootstrap', '50', '--workers', '2'], traceText)),
    // A copy, not the same path twice: one file given twice is read once (by real path).
    groups(cli(['calibrate', traceFile, copyOf(traceFile), '--json', '--bootstrap', '50', '--workers', '2'])),
    'calibrate - FILE --workers 2',
  );
  assert.deepEqual(
    groups(viaFifo(traceFile, 'fifo-cal.trace', (p) => ['calibrate', p, '--json', '--bootstrap', '50'])),
    expected,
    'calibrate FIFO',
  );
});

test('attribution and eval-segmentation read - like the file', () => {
  const traces = (r: Run): unknown[] => {
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { traces: Record<string, unknown>[] }).traces.map(({ file: _file, ...rest }) => rest);
  };
  const expected = traces(cli(['attribution', traceFile, '--json']));
  assert.equal(expected.length > 30, true);
  assert.deepEqual(traces(cli(['attribution', '-', '--json'], traceText)), expected, 'attribution -');
  assert.deepEqual(traces(viaFifo(traceFile, 'fifo-attr.trace', (p) => ['attribution', p, '--json'])), expected, 'attribution FIFO');

  const gold = join(dir, 'gold.jsonl');
  writeFileSync(
    gold,
    '{"id":"1","candidates":[{"value":"418","offset":0}],"final":"408"}\n{"id":"2","candidates":[{"value":"56","offset":0}],"final":"56"}\n',
  );
  const evalFile = cli(['eval-segmentation', jsonlFile, '--gold', gold, '--json']);
  assert.equal(evalFile.status, 0, evalFile.stderr);
  const evalStdin = cli(['eval-segmentation', '-', '--gold', gold, '--json'], jsonlText);
  assert.equal(evalStdin.status, 0, evalStdin.stderr);
  assert.equal((JSON.parse(evalFile.stdout) as { records: number }).records, 2);
  assert.deepEqual(JSON.parse(evalStdin.stdout), JSON.parse(evalFile.stdout));
});
