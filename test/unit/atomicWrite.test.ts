// server/src/util/atomicWrite.ts and outputPath.ts: atomic writes go through symlinks to their
// target (the link stays), keep an existing file's mode, refuse directories/FIFOs/devices/loops
// without touching them, leave no temp file; outputs that are an input (same path, symlink, hard
// link, symlinked folder) are recognised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as atomic from '../../server/src/util/atomicWrite.js';

const { writeFileAtomic } = atomic;
const root = mkdtempSync(join(tmpdir(), 'rl-atomic-'));
test.after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const d = join(root, `t${++n}`);
  mkdirSync(d);
  return d;
};
const temps = (dir: string): string[] =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.tmp'));

test('writeFileAtomic through a symlink chain writes the final target and keeps every link', () => {
  const dir = fresh();
  mkdirSync(join(dir, 'real'));
  writeFileSync(join(dir, 'real', 'report.html'), 'old');
  symlinkSync('real/report.html', join(dir, 'a.html'));
  symlinkSync(join(dir, 'a.html'), join(dir, 'b.html'));
  writeFileAtomic(join(dir, 'b.html'), 'new');
  assert.equal(readlinkSync(join(dir, 'b.html')), join(dir, 'a.html'));
  assert.equal(readlinkSync(join(dir, 'a.html')), 'real/report.html');
  assert.equal(readFileSync(join(dir, 'real', 'report.html'), 'utf8'), 'new');
  assert.deepEqual(temps(dir), []);
  // A dangling link names the file to create.
  symlinkSync('real/later.html', join(dir, 'c.html'));
  writeFileAtomic(join(dir, 'c.html'), 'created');
  assert.equal(readlinkSync(join(dir, 'c.html')), 'real/later.html');
  assert.equal(readFileSync(join(dir, 'real', 'later.html'), 'utf8'), 'created');
});

test('writeFileAtomic keeps the permission bits of the file it replaces', () => {
  const dir = fresh();
  const p = join(dir, 'secret.json');
  writeFileSync(p, '{}');
  chmodSync(p, 0o600);
  writeFileAtomic(p, '{"a":1}');
  assert.equal(statSync(p).mode & 0o777, 0o600);
  assert.equal(readFileSync(p, 'utf8'), '{"a":1}');
});

test('writeFileAtomic refuses a directory, a FIFO, a device and a symlink loop, and leaves them as they were', () => {
  const dir = fresh();
  mkdirSync(join(dir, 'adir'));
  spawnSync('mkfifo', [join(dir, 'fifo')]);
  const device = spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status === 0;
  symlinkSync('loop2', join(dir, 'loop1'));
  symlinkSync('loop1', join(dir, 'loop2'));
  symlinkSync('fifo', join(dir, 'to-fifo'));
  const cases: [string, RegExp, () => boolean][] = [
    ['adir', /is a directory/, () => lstatSync(join(dir, 'adir')).isDirectory()],
    ['fifo', /FIFO/, () => lstatSync(join(dir, 'fifo')).isFIFO()],
    [
      'to-fifo',
      /to-fifo \(-> .*fifo\).*FIFO/,
      () => lstatSync(join(dir, 'to-fifo')).isSymbolicLink() && lstatSync(join(dir, 'fifo')).isFIFO(),
    ],
    ['loop1', /symbolic links/, () => lstatSync(join(dir, 'loop1')).isSymbolicLink()],
    ...(device
      ? [['null', /character device/, () => lstatSync(join(dir, 'null')).isCharacterDevice()] as [string, RegExp, () => boolean]]
      : []),
  ];
  for (const [name, message, unchanged] of cases) {
    assert.throws(
      () => writeFileAtomic(join(dir, name), 'x'),
      (err: Error) => err.name === 'OutputPathError' && message.test(err.message) && /refusing|cannot write/.test(err.message),
      name,
    );
    assert.ok(unchanged(), `${name} is unchanged`);
  }
  assert.deepEqual(temps(dir), []);
});

test('resolveOutputTarget: a real device (/dev/null) is refused, never replaced', () => {
  assert.throws(() => atomic.resolveOutputTarget('/dev/null'), /\/dev\/null: it is a character device/);
  assert.ok(lstatSync('/dev/null').isCharacterDevice());
});

test('checkOutputs: the same path, a symlink, a hard link, a symlinked folder and a relative spelling are the input; a sibling is not', () => {
  const dir = fresh();
  const input = join(dir, 'in.trace');
  writeFileSync(input, 'x');
  symlinkSync('in.trace', join(dir, 'sym.trace'));
  linkSync(input, join(dir, 'hard.trace'));
  symlinkSync(dir, join(root, `via${n}`));
  const refused: [string, RegExp][] = [
    [input, /is the same path/],
    [join(dir, 'sym.trace'), /is a symbolic link to it/],
    [join(dir, 'hard.trace'), /is a hard link to it/],
    [join(root, `via${n}`, 'in.trace'), /symlinked folder/],
    [join(dir, '..', `t${n}`, '.', 'in.trace'), /is the same path/],
  ];
  for (const [out, how] of refused) {
    assert.throws(
      () => atomic.checkOutputs([{ what: '--html', path: out }], [input]),
      (err: Error) =>
        err instanceof atomic.OutputPathError &&
        how.test(err.message) &&
        err.message.startsWith(`refusing to overwrite the input file ${input}: --html ${out} `),
      out,
    );
  }
  // The input named through the link is protected the same way.
  assert.throws(() => atomic.checkOutputs([{ what: '-o', path: input }], [join(dir, 'sym.trace')]), /is where it links to/);
  atomic.checkOutputs(
    [
      { what: '--html', path: join(dir, 'report.html') },
      { what: '-o', path: join(dir, 'new', 'deep.trace') },
    ],
    [input, dir],
  );
  // An output only written in some runs is checked against the inputs, not for its kind.
  mkdirSync(join(dir, 'side.logprobs.jsonl'));
  atomic.checkOutputs([{ what: 'sidecar', path: join(dir, 'side.logprobs.jsonl'), onlyIfWritten: true }], [input]);
});

test('AtomicFile: nothing is visible until commit; abort removes the temp file and leaves the target; a symlink is written through', async () => {
  const dir = fresh();
  const target = join(dir, 'out.trace');
  writeFileSync(target, 'old');
  symlinkSync('out.trace', join(dir, 'link.trace'));
  const a = new atomic.AtomicFile(join(dir, 'link.trace'));
  await a.write('half');
  assert.equal(readFileSync(target, 'utf8'), 'old');
  assert.equal(temps(dir).length, 1);
  a.abort();
  a.abort();
  assert.equal(readFileSync(target, 'utf8'), 'old');
  assert.deepEqual(temps(dir), []);
  const b = new atomic.AtomicFile(join(dir, 'link.trace'));
  for (let i = 0; i < 1000; i++) await b.write(`line ${i}\n`.repeat(100));
  await b.commit();
  assert.equal(readlinkSync(join(dir, 'link.trace')), 'out.trace');
  assert.equal(readFileSync(target, 'utf8').split('\n').length, 100_001);
  assert.deepEqual(temps(dir), []);
  assert.throws(() => new atomic.AtomicFile(dir), /is a directory/);
  assert.deepEqual(temps(dir), []);
});
