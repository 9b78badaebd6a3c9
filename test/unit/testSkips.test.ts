// scripts/test-skips.mjs, the skip list `npm test` ends with: node's test runner with the reporter
// on a scratch test file lists a skipped nested suite (which node's own count leaves out), a
// skipped test and a skip decided at run time, each with its reason and line; with CI set, only
// reasons .ci/run cannot fix are allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ciEnabled, ciMaySkip, parseSkips, skipReport, type Skip } from '../../scripts/test-skips.mjs';

const reporter = new URL('../../scripts/test-skips.mjs', import.meta.url).href;

test('the reporter lists skipped suites (nested too), skipped tests and run-time skips, with reasons and lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-skips-'));
  try {
    const file = join(dir, 'scratch.test.mjs');
    writeFileSync(
      file,
      [
        "import { describe, test } from 'node:test';",
        "describe('outer', () => {",
        "  describe('in Chromium', { skip: '/usr/bin/chromium is missing' }, () => { test('never runs', () => {}); });",
        "  test('runs', () => {});",
        '});',
        "describe('bare', { skip: true }, () => { test('x', () => {}); });",
        "test('gold', { skip: '../shared/data is absent' }, () => {});",
        "test('at run time', (t) => { t.skip('@tensorflow/tfjs-node-gpu is installed here, so the forced backend may load'); });",
        "test('todo is not a skip', { todo: 'later' }, () => {});",
        '',
      ].join('\n'),
    );
    // Without NODE_TEST_CONTEXT, which would make the inner runner report to this one instead.
    const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
    const r = spawnSync(process.execPath, ['--test', `--test-reporter=${reporter}`, file], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const skips = parseSkips(r.stdout);
    assert.deepEqual(
      skips.map((s) => [s.file, s.line, s.kind, s.path.join(' > '), s.reason]),
      [
        ['scratch.test.mjs', 3, 'suite', 'outer > in Chromium', '/usr/bin/chromium is missing'],
        ['scratch.test.mjs', 6, 'suite', 'bare', ''],
        ['scratch.test.mjs', 7, 'test', 'gold', '../shared/data is absent'],
        ['scratch.test.mjs', 8, 'test', 'at run time', '@tensorflow/tfjs-node-gpu is installed here, so the forced backend may load'],
      ],
    );

    const local = skipReport(skips, { ci: false });
    assert.equal(local.blocking, 0);
    assert.match(local.text, /^Skipped: 4 \(2 suites, 2 tests\)/);
    assert.match(local.text, /- suite "outer > in Chromium" \(scratch\.test\.mjs:3\): \/usr\/bin\/chromium is missing$/m);
    assert.match(local.text, /- suite "bare" \(scratch\.test\.mjs:6\): no reason given$/m);

    const ci = skipReport(skips, { ci: true });
    assert.equal(ci.blocking, 2, ci.text);
    assert.match(ci.text, /in Chromium.*must run with CI set/);
    assert.doesNotMatch(ci.text, /gold.*must run/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CI may skip only for reasons .ci/run cannot fix', () => {
  for (const reason of [
    '../shared/data is absent',
    '../shared/data/skyt1-reflection-0.5-amc23.jsonl is absent',
    '@tensorflow/tfjs-node-gpu is installed here, so the forced backend may load',
  ]) {
    assert.ok(ciMaySkip(reason), reason);
  }
  for (const reason of [
    '/usr/bin/chromium is missing (apt-get install -y chromium)',
    'code-server is not installed (run: node scripts/install-code-server.mjs)',
    'dist/server.js is not built (npm run build)',
    'no python interpreter (python3, python)',
    'no bash',
    '',
    undefined,
  ])
    assert.ok(!ciMaySkip(reason), String(reason));
  assert.deepEqual(
    ['1', 'true', 'yes', '', '0', 'false', 'FALSE', undefined].map((CI) => ciEnabled({ CI })),
    [true, true, true, false, false, false, false, false],
  );
  assert.deepEqual(skipReport([] as Skip[], { ci: true }), { text: 'Skipped: none', blocking: 0 });
});
