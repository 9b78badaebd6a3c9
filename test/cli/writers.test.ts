// The CLI's file writers (`calibrate --html`, `import -o` and its log-prob sidecar) as users run
// them (dist/cli.js in a child process): an output that is one of the inputs is refused, a failed
// run leaves the old output intact, a symlinked output is written through to its target (the link
// stays), a directory/FIFO/device is refused (import writes into a FIFO or device directly), and SIGINT/SIGTERM leave no temp file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cli, cliKilled, fingerprint, STACK, tempFiles, writeRollouts } from './writerHarness.js';
import { writeFakeRolloutStep } from '../../server/src/training/verl/fakeRollouts.js';
import { parseTrace } from '../../server/src/trace/parse.js';

const root = mkdtempSync(join(tmpdir(), 'rl-writers-'));
test.after(() => rmSync(root, { recursive: true, force: true }));
let cases = 0;
const fresh = (): string => {
  const d = join(root, `case${++cases}`);
  mkdirSync(d, { recursive: true });
  return d;
};
const OLD = 'an earlier output the user wants to keep\n'.repeat(2000);

// --- Item 3: an output that is one of the inputs is refused -----------------------------------

test('calibrate --html refuses an output that is one of its inputs (same path, ./ spelling, symlink, hard link, file inside an input directory)', () => {
  const dir = fresh();
  const input = join(dir, 'in.trace');
  copyFileSync('examples/grpo.trace', input);
  symlinkSync('in.trace', join(dir, 'link.trace'));
  linkSync(input, join(dir, 'hard.trace'));
  mkdirSync(join(dir, 'sub'));
  const before = fingerprint(input);
  const attempts: [string[], string][] = [
    [[input, '--html', input], 'same path'],
    [[input, '--html', join(dir, 'sub', '..', '.', 'in.trace')], 'another spelling'],
    [[input, '--html', join(dir, 'link.trace')], 'a symlink to the input'],
    [[input, '--html', join(dir, 'hard.trace')], 'a hard link to the input'],
    [[join(dir, 'hard.trace'), '--html', input], 'the input through its hard link'],
    [[dir, '--html', input], 'a file found in an input directory'],
    [['--html', relative(process.cwd(), input), input], 'relative vs absolute'],
  ];
  for (const [args, what] of attempts) {
    const r = cli(['calibrate', ...args]);
    assert.notEqual(r.status, 0, `${what}: must fail, got exit ${r.status}\n${r.stderr}`);
    assert.match(r.stderr, /refusing to (over)?write .*input/i, `${what}: a precise message\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, STACK, `${what}: a message, not a stack trace`);
    assert.equal(fingerprint(input), before, `${what}: the input is untouched`);
    assert.equal(fingerprint(join(dir, 'link.trace')), 'link -> in.trace', `${what}: the link is untouched`);
    assert.deepEqual(tempFiles(dir), [], `${what}: no temp file`);
  }
  // A report beside the inputs (not one of them) is still written.
  const ok = cli(['calibrate', dir, '--html', join(dir, 'report.html')]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /<\/html>\s*$/);
});

test('import refuses an output or sidecar that is the input through a hard link', () => {
  const dir = fresh();
  const input = join(dir, 'r.jsonl');
  writeRollouts(input, 20, { logprobs: true });
  linkSync(input, join(dir, 'hard.trace'));
  linkSync(input, join(dir, 'x.trace.logprobs.jsonl'));
  const before = fingerprint(input);
  for (const out of ['hard.trace', 'x.trace']) {
    const r = cli(['import', input, '-o', join(dir, out)]);
    assert.notEqual(r.status, 0, `-o ${out}: must fail\n${r.stderr}`);
    assert.match(r.stderr, /refusing to (over)?write .*input/i, r.stderr);
    assert.equal(fingerprint(input), before);
    assert.equal(lstatSync(join(dir, out === 'x.trace' ? 'x.trace.logprobs.jsonl' : out)).nlink, 3, `-o ${out}: the hard link is kept`);
  }
  assert.deepEqual(tempFiles(dir), []);
});

// --- Item 4: a failed import leaves the old output intact -------------------------------------

test('a failed import (no valid record) leaves an existing output and sidecar intact', () => {
  const dir = fresh();
  const garbage = join(dir, 'garbage.jsonl');
  writeFileSync(garbage, 'garbage\n{"half": \n\x00\x01\x02\n');
  const keep = join(dir, 'keep.trace');
  writeFileSync(keep, OLD);
  writeFileSync(`${keep}.logprobs.jsonl`, '{"id":"1","logprobs":[-1]}\n');
  const before = [fingerprint(keep), fingerprint(`${keep}.logprobs.jsonl`)];
  const r = cli(['import', garbage, '-o', keep]);
  assert.deepEqual(
    [fingerprint(keep), fingerprint(`${keep}.logprobs.jsonl`)],
    before,
    `keep.trace and its sidecar are untouched (keep.trace: ${statSync(keep).size} bytes, was ${OLD.length})`,
  );
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /bad-json/);
  assert.match(r.stderr, /unchanged|not written|left as it was/i, `say that the output was not replaced\n${r.stderr}`);
  assert.deepEqual(tempFiles(dir), []);
  // With no earlier output, a failed import creates none (an empty .trace is not a result).
  const r2 = cli(['import', garbage, '-o', join(dir, 'new.trace')]);
  assert.equal(r2.status, 1);
  assert.equal(fingerprint(join(dir, 'new.trace')), 'missing');
});

test('an import that fails midway (disk limit reached) leaves the old trace and sidecar intact and no temp file', () => {
  const dir = fresh();
  const input = join(dir, 'r.jsonl');
  writeRollouts(input, 400, { logprobs: true, outputBytes: 2000 });
  const keep = join(dir, 'keep.trace');
  writeFileSync(keep, OLD);
  writeFileSync(`${keep}.logprobs.jsonl`, '{"id":"1","logprobs":[-1]}\n');
  const before = [fingerprint(keep), fingerprint(`${keep}.logprobs.jsonl`)];
  const r = cli(['import', input, '-o', keep], { fileSizeKB: 200 });
  assert.equal(r.status, 1, `the write must fail (EFBIG)\n${r.stderr}`);
  assert.match(r.stderr, /EFBIG|too large/i);
  assert.deepEqual([fingerprint(keep), fingerprint(`${keep}.logprobs.jsonl`)], before);
  assert.deepEqual(tempFiles(dir), []);
});

// --- Item 5: symlinked outputs are written through; directories, FIFOs, devices refused -------

test('import -o LINK and calibrate --html LINK write through to the link target and keep the link', () => {
  const dir = fresh();
  mkdirSync(join(dir, 'real'));
  mkdirSync(join(dir, 'work'));
  const input = join(dir, 'work', 'r.jsonl');
  writeRollouts(input, 30, { logprobs: true });
  writeFileSync(join(dir, 'real', 'out.trace'), OLD);
  symlinkSync('../real/out.trace', join(dir, 'work', 'out.trace'));
  // A chain: link2 -> link -> real file.
  symlinkSync('out.trace', join(dir, 'work', 'chain.trace'));

  const r = cli(['import', input, '-o', join(dir, 'work', 'chain.trace'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readlinkSync(join(dir, 'work', 'chain.trace')), 'out.trace', 'chain link kept');
  assert.equal(readlinkSync(join(dir, 'work', 'out.trace')), '../real/out.trace', 'link kept');
  const written = readFileSync(join(dir, 'real', 'out.trace'), 'utf8');
  assert.equal(parseTrace(written).records.length, 30, 'the target holds the new trace');
  assert.equal(
    fingerprint(join(dir, 'work', 'chain.trace.logprobs.jsonl')).slice(0, 4),
    'file',
    'the sidecar sits beside the named output',
  );

  // calibrate --html through a link whose target does not exist yet (dangling): created there.
  symlinkSync('../real/report.html', join(dir, 'work', 'report.html'));
  const c = cli(['calibrate', 'examples/grpo.trace', '--html', join(dir, 'work', 'report.html')]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal(readlinkSync(join(dir, 'work', 'report.html')), '../real/report.html');
  assert.match(readFileSync(join(dir, 'real', 'report.html'), 'utf8'), /<\/html>\s*$/);
  // ... and over an existing target, through an absolute link.
  symlinkSync(join(dir, 'real', 'report.html'), join(dir, 'work', 'abs.html'));
  const c2 = cli(['calibrate', 'examples/sft.trace', '--html', join(dir, 'work', 'abs.html')]);
  assert.equal(c2.status, 0, c2.stderr);
  assert.equal(readlinkSync(join(dir, 'work', 'abs.html')), join(dir, 'real', 'report.html'));
  assert.match(readFileSync(join(dir, 'real', 'report.html'), 'utf8'), /sft\.trace/);
  assert.deepEqual(tempFiles(dir), []);
});

test('a directory, a FIFO, a device or a symlink loop as output is refused with a message (import: a directory or loop); nothing is replaced', () => {
  const dir = fresh();
  const input = join(dir, 'r.jsonl');
  writeRollouts(input, 10);
  mkdirSync(join(dir, 'adir'));
  spawnSync('mkfifo', [join(dir, 'fifo')]);
  const device = spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status === 0;
  symlinkSync('loop2', join(dir, 'loop1'));
  symlinkSync('loop1', join(dir, 'loop2'));
  symlinkSync('fifo', join(dir, 'fifolink'));
  const targets: [string, RegExp][] = [
    ['adir', /is a directory/],
    ['fifo', /FIFO/],
    ['fifolink', /FIFO/],
    ['loop1', /symbolic links|symlink loop/],
    ...(device ? [['null', /device/] as [string, RegExp]] : []),
  ];
  for (const [name, message] of targets) {
    const before = fingerprint(join(dir, name));
    // import writes into a FIFO or device directly (badInputLeftovers.test.ts): a report is a file.
    const stream = name === 'fifo' || name === 'fifolink' || name === 'null';
    for (const args of [
      ...(stream ? [] : [['import', input, '-o', join(dir, name)]]),
      ['calibrate', 'examples/grpo.trace', '--html', join(dir, name)],
    ]) {
      const r = cli(args, { timeout: 30_000 });
      assert.equal(r.signal, null, `${args.join(' ')}: hung`);
      assert.equal(r.status, 1, `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
      assert.match(r.stderr, message, `${args.join(' ')}\n${r.stderr}`);
      assert.match(r.stderr, /refusing|cannot write/i);
      assert.doesNotMatch(r.stderr, STACK, `${args.join(' ')}: a message, not a stack trace`);
      assert.equal(fingerprint(join(dir, name)), before, `${name} is unchanged`);
    }
  }
  assert.equal(fingerprint(join(dir, 'fifo')), 'fifo');
  assert.deepEqual(tempFiles(dir), []);
});

// --- Item 6: signals during an import clean up their temp files --------------------------------

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const) {
  test(`${signal} during an import removes its temp files, keeps the old output, exits ${code} / by the signal`, async () => {
    const dir = fresh();
    const { path } = writeFakeRolloutStep(dir, 7, { rollouts: 6000, tasks: ['3x3', '3x4'], outputBytes: 8000 });
    const keep = join(dir, 'keep.trace');
    writeFileSync(keep, OLD);
    const inputBefore = fingerprint(path);
    const r = await cliKilled(['import', path, '-o', keep], signal, [dir]);
    assert.ok(r.killed, `the import ended before it could be signalled (exit ${r.status})`);
    assert.ok(r.signal === signal || r.status === code, `conventional status: got exit ${r.status}, signal ${r.signal}`);
    assert.deepEqual(tempFiles(dir), [], 'no temp file left');
    assert.equal(readFileSync(keep, 'utf8'), OLD, 'the old output is intact');
    assert.equal(fingerprint(path), inputBefore, 'the input is untouched');
    const repeat = cli(['import', path, '-o', keep]);
    assert.equal(repeat.status, 0, repeat.stderr);
    assert.equal(parseTrace(readFileSync(keep, 'utf8')).records.length, 6000, 'a later run completes');
  });
}
