// Limits the built CLI (dist/cli.js) holds against input that could hang it or inflate its
// numbers: a catastrophic --answer-patterns pattern and a huge --bootstrap are usage errors naming
// what is wrong; a device among the paths is skipped with the reason (a FIFO is still read, as
// documented); a file given twice is counted once; `import` of a ZIP that is not an Inspect log
// fails and writes nothing; a calibrate run that calibrates nothing says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipBuffer } from '../../scripts/fixture-writers.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-cli-limits-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const cliPath = join(process.cwd(), 'dist/cli.js');
const skip = existsSync(cliPath) ? undefined : 'dist/cli.js is not built (npm run build)';

// A hang guard only (a run that never ends fails with status null), not a timing assertion.
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    input,
    env: { ...process.env, REFLECTION_LENS_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const record = (id: number) =>
  `=== ${id}\nquery: Calculate 12 * 34. Think step by step.\nanswer: 408\nmodel: m\ntask: 2x2\n---\n${'a'.repeat(40)}!\n12 * 34 = 408. The answer is 408.\n`;
const trace = join(dir, 'one.trace');
writeFileSync(trace, [1, 2, 3].map(record).join(''));

test('--answer-patterns with a catastrophic pattern is a usage error naming it', { skip }, () => {
  const pat = join(dir, 'redos.pat');
  writeFileSync(pat, '(a+)+b\nRESULT=(\\d+)\n');
  const r = cli(['calibrate', trace, '--answer-patterns', pat, '--json']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--answer-patterns: "\(a\+\)\+b": a repeated group holds another quantifier \(nested quantifiers\)/);
  assert.doesNotMatch(r.stderr, /RESULT/, 'the safe pattern is not blamed');
  const ok = join(dir, 'ok.pat');
  writeFileSync(ok, 'RESULT=(\\d+)\n');
  assert.equal(cli(['calibrate', trace, '--answer-patterns', ok, '--json']).status, 0);
});

test('--bootstrap above 100,000 is a usage error naming the limit', { skip }, () => {
  const r = cli(['calibrate', trace, '--bootstrap', '1000000000', '--json']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--bootstrap must be a whole number from 1 to 100000 \(the limit on resamples\), got 1000000000/);
});

test(
  'a device among the paths is skipped with the reason; nothing calibrated says why',
  { skip: skip ?? (existsSync('/dev/zero') ? undefined : 'no /dev/zero') },
  () => {
    const r = cli(['calibrate', '/dev/zero', '--json']);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { skipped: { file: string; reason: string }[] };
    assert.deepEqual(
      out.skipped.map((s) => s.file),
      ['/dev/zero'],
    );
    assert.match(out.skipped[0].reason, /a character device, not a regular file/);
    assert.match(r.stderr, /reflection-lens calibrate: nothing calibrated: no trace file among the paths given; 1 skipped/);
  },
);

test('a file with no record: exit 1 with a message', { skip }, () => {
  const plain = join(dir, 'plain.trace');
  writeFileSync(plain, 'just some text\n');
  const r = cli(['calibrate', plain]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /nothing calibrated: no usable record in 1 file/);
});

test('the same file given twice, and through a symlink, is read once, with a note', { skip }, () => {
  const link = join(dir, 'link.trace');
  symlinkSync(trace, link);
  const r = cli(['calibrate', trace, trace, link, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { groups: { n: number }[]; skipped: { file: string; reason: string }[] };
  assert.equal(
    out.groups.reduce((s, g) => s + g.n, 0),
    3,
  );
  assert.equal(out.skipped.length, 2, JSON.stringify(out.skipped));
  assert.match(out.skipped[0].reason, /given more than once: read once/);
  assert.match(out.skipped[1].reason, /the same file as .*one\.trace: read once/);
});

test('import of a ZIP that is not an Inspect log: an error naming what was expected, exit 1, no file written', { skip }, () => {
  const zip = join(dir, 'notinspect.eval');
  writeFileSync(
    zip,
    zipBuffer([
      { name: 'a.txt', data: 'hello\n' },
      { name: 'header.json', data: '{"x":1}' },
    ]),
  );
  const out = join(dir, 'notinspect.trace');
  const r = cli(['import', zip, '-o', out]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /not an Inspect log: expected samples\/<id>_epoch_<n>\.json entries .*the archive holds a\.txt, header\.json/);
  assert.ok(!existsSync(out), 'no .trace written');
});

test('calibrate - with one long line and no record: read to its end, nothing calibrated, said so', { skip }, () => {
  const r = cli(['calibrate', '-', '--json', '--workers', '0'], 'a'.repeat(4_000_000));
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /nothing calibrated: no usable record in 1 file/);
});

test('calibrate with records but none with a ground truth: nothing calibrated says the first skip, the missing answers', () => {
  const d = mkdtempSync(join(tmpdir(), 'rl-noanswer-'));
  const f = join(d, 'chat.trace');
  writeFileSync(f, '=== 1\n---\nThe answer is 4.\n=== 2\n---\nThe answer is 5.\n');
  const r = spawnSync(process.execPath, ['dist/cli.js', 'calibrate', f], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /nothing calibrated: no usable record in 1 file .*; 1 skipped \(listed in the output; the first: .*chat\.trace:1: 2 records without ground truth/,
  );
  rmSync(d, { recursive: true, force: true });
});
