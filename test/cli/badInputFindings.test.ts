// An outsider's bad-input findings (stop 34), each through the CLI as users run it (dist/cli.js in a
// child with a timeout): nothing may hang, crash or lose the records that are fine; every
// malformed one gets a diagnostic with line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { dir, write } = scratchDir('rl-badinput-');
const cli = runCli;
const noStack = assertNoStack;

const trace = write('one.trace', '=== 1\nanswer: 6\n---\nSo x = 6.\n');

test('option files go through the input check: a device is not read (it once read /dev/zero until memory ran out)', () => {
  const cases: [string[], number, RegExp][] = [
    [
      ['segment', trace, '--markers', '/dev/zero'],
      2,
      /--markers: cannot read \/dev\/zero: a character device, not a regular file: not read/,
    ],
    [['segment', trace, '--answer-patterns', '/dev/zero'], 2, /--answer-patterns: cannot read \/dev\/zero: a character device/],
    [['train', '--config', '/dev/zero'], 2, /cannot read run config \/dev\/zero: a character device/],
    [['experiment', 'table1', '--config', '/dev/zero'], 2, /cannot read run config \/dev\/zero: a character device/],
    [['eval-segmentation', trace, '--gold', '/dev/zero'], 1, /\/dev\/zero: cannot read gold labels: a character device/],
    [
      ['eval-segmentation', trace, '--gold', trace, '--against', '/dev/zero'],
      1,
      /\/dev\/zero: cannot read gold labels: a character device/,
    ],
  ];
  for (const [args, status, message] of cases) {
    const r = cli(args, { timeout: 20_000 });
    noStack(r, args.join(' '));
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('an option file larger than its bound is refused with the size, not read whole', () => {
  const big = write('big-markers.txt', 'wait\n'.repeat((17 << 20) / 5));
  const r = cli(['segment', trace, '--markers', big]);
  noStack(r, 'big markers');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--markers: cannot read .*big-markers\.txt: \d+ bytes: larger than the 16 MiB such a file may have/);
});

test('a gold file beside the trace that is a device is said, not read', () => {
  const sub = join(dir, 'gold-device');
  mkdirSync(sub);
  const t = join(sub, 'a.trace');
  writeFileSync(t, '=== 1\nanswer: 6\n---\nSo x = 6.\n');
  spawnSync('ln', ['-s', '/dev/zero', join(sub, 'a.trace.gold.jsonl')]);
  const r = cli(['eval-segmentation', t], { timeout: 20_000 });
  noStack(r, 'beside gold device');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /a\.trace\.gold\.jsonl: cannot read gold labels: a character device/);
});

test('a JSONL line of 10,000 "[" (or {"a": nesting) is one bad-json line at its column; every other line is read', () => {
  const good = (i: number): string => JSON.stringify({ idx: i, input: 'Calculate 12 * 34.', output: 'The answer is 408.', gts: '408' });
  const deep = '['.repeat(10_000);
  const nested = '{"a":'.repeat(20_000);
  const valid = `{"idx": 5, "input": "Calculate 12 * 34.", "output": "The answer is 408.", "gts": "408", "meta": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
  const file = write('deep.jsonl', [good(1), deep, good(3), nested, valid, good(6)].join('\n') + '\n');
  const seg = cli(['segment', file, '--json']);
  noStack(seg, 'segment');
  assert.equal(seg.status, 0, seg.stderr);
  assert.match(seg.stderr, /deep\.jsonl:2:10001: error: Invalid JSON: .*\[bad-json\]/);
  assert.match(seg.stderr, /deep\.jsonl:4:100001: error: Invalid JSON: .*\[bad-json\]/);
  assert.doesNotMatch(seg.stderr, /call stack/);
  assert.deepEqual(
    (JSON.parse(seg.stdout) as { id: string }[]).map((r) => r.id),
    ['1', '3', '5', '6'],
  );
  const out = join(dir, 'deep.trace');
  const imp = cli(['import', file, '-o', out]);
  noStack(imp, 'import');
  assert.match(imp.stdout + imp.stderr, /4 records written/);
  assert.match(imp.stderr, /deep\.jsonl:2:10001: error/);
  const cal = cli(['calibrate', file, '--json']);
  noStack(cal, 'calibrate');
  assert.equal(cal.status, 0, cal.stderr);
  assert.equal((JSON.parse(cal.stdout) as { groups: { n: number }[] }).groups[0].n, 4);
  const att = cli(['attribution', file, '--json']);
  noStack(att, 'attribution');
  assert.equal(att.status, 0, att.stderr);
  assert.doesNotMatch(att.stderr, /call stack/);
});

test('verl watch: a directory (or device) named like a step file is skipped with a note; the other steps are read', () => {
  const rollouts = join(dir, 'rollouts');
  mkdirSync(rollouts);
  writeFileSync(join(rollouts, '1.jsonl'), '{"input":"Calculate 12 * 34.","output":"The answer is 408.","gts":"408","score":1,"step":1}\n');
  mkdirSync(join(rollouts, '2.jsonl'));
  writeFileSync(join(rollouts, '3.jsonl'), '{"input":"Calculate 12 * 34.","output":"The answer is 407.","gts":"408","score":0,"step":3}\n');
  spawnSync('ln', ['-s', '/dev/zero', join(rollouts, '4.jsonl')]);
  const r = cli(['verl', 'watch', rollouts, '--once', '--json'], { timeout: 30_000 });
  noStack(r, 'verl watch');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /2\.jsonl: a directory, not a regular file: not read/);
  assert.match(r.stderr, /4\.jsonl: a character device, not a regular file: not read/);
  assert.deepEqual(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { step: number; records: number }).step),
    [1, 3],
  );
});

test('flags: an empty number, a token limit that is no positive integer, a missing run folder are refused', () => {
  const cases: [string[], number, RegExp][] = [
    [['calibrate', trace, '--bootstrap', ''], 2, /--bootstrap expects a number, got ""/],
    [['calibrate', trace, '--max-tokens', '0'], 2, /--max-tokens must be a positive integer, got 0/],
    [['calibrate', trace, '--max-tokens', '-1'], 2, /--max-tokens must be a positive integer/],
    [['calibrate', trace, '--max-tokens', '1.5'], 2, /--max-tokens must be a positive integer/],
    [['train', '--list', join(dir, 'no-such-folder')], 1, /no such folder/],
  ];
  for (const [args, status, message] of cases) {
    const r = cli(args);
    noStack(r, args.join(' '));
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
});
