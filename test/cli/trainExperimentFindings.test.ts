// exp37's findings on `train` and `experiment` (the built dist/cli.js): unknown config keys and
// steps 0 refused before anything is written; a closed stderr does not kill a run; an experiment
// plan whose RL arm config is invalid is refused before the base trains (nothing written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratchDir } from './cliScratch.js';

const { dir, write } = scratchDir('rl-cli-exp37-');

test('train refuses a key the policy does not read, with the known keys, and writes nothing', () => {
  for (const [policy, json, key] of [
    ['ds3', '{"lrr":0.2}', 'lrr'],
    ['ds3', '{"theta":{"s":1}}', 'theta'],
    ['tiny-lm', '{"learningRate":0.01}', 'learningRate'],
  ] as const) {
    const out = join(dir, `unknown-${key}`);
    const r = runCli(['train', '--policy', policy, '--steps', '2', '--config-json', json, '--out', out]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`unknown key "${key}" for ${policy}; known keys: .*\\blr\\b`));
    assert.equal(existsSync(out), false);
  }
  const r = runCli(['train', '--policy', 'ds3', '--config-json', '{"init":{"x":1}}', '--out', join(dir, 'init-x')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /init has the keys s, stop and resample, not "x"/);
});

test('train --steps 0 is refused (1 to 1,000,000), new or resumed', () => {
  const out = join(dir, 'steps0');
  const r = runCli(['train', '--policy', 'ds3', '--steps', '0', '--out', out]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /steps must be an integer from 1 to 1,000,000, got 0/);
  assert.equal(existsSync(out), false);
  const ok = join(dir, 'steps2');
  assert.equal(runCli(['train', '--policy', 'ds3', '--steps', '2', '--out', ok]).status, 0);
  const again = runCli(['train', '--resume', ok, '--steps', '0']);
  assert.equal(again.status, 2, again.stderr);
});

test('train --help names --config-json and --seed in its usage line', () => {
  const r = runCli(['train', '--help']);
  const usage = (r.stdout + r.stderr).split('\n\n')[0];
  assert.match(usage, /--config-json JSON/);
  assert.match(usage, /--seed S/);
});

test('a closed stderr (2>&1 | head -1) does not kill train: the run completes', () => {
  const out = join(dir, 'pipe');
  const r = spawnSync(
    'bash',
    ['-c', `node dist/cli.js train --policy ds3 --steps 60 --out '${out}' 2>&1 | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  assert.equal(r.stdout.trim(), '0', r.stderr);
  const status = JSON.parse(readFileSync(join(out, 'status.json'), 'utf8'));
  assert.equal(status.state, 'completed');
  assert.equal(status.step, 60);
});

test('experiment: an invalid value only the RL arm reads is refused before anything is written or trained', () => {
  for (const [name, plan, pattern] of [
    ['kl', { post: { klType: 'foo' } }, /the rl run's tiny-lm config is invalid: .*"klType"/],
    ['heads', { model: { heads: 3 } }, /"heads" must be a divisor of dModel/],
    ['temp0', { post: { temperature: 0 } }, /"post.temperature" must be a number > 0/],
  ] as const) {
    const out = join(dir, `exp-${name}`);
    const r = runCli(['experiment', 'table1', '--jobs', '1', '--config', write(`${name}.json`, JSON.stringify(plan)), '--out', out]);
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(existsSync(out), false, `${name}: nothing written`);
  }
  const out = join(dir, 'exp-backend');
  const r = runCli(['experiment', 'table1', '--backend', 'foo', '--out', out]);
  assert.equal(r.status, 2);
  assert.equal(existsSync(out), false);
});

test('experiment: closed output streams exit 0; a changed plan is taken only where no run was made with it', () => {
  const tiny = {
    seeds: 1,
    base: { steps: 4, batchSize: 16 },
    post: { steps: 2, promptsPerStep: 2, groupSize: 4, miniBatches: 2 },
    model: { dModel: 16, heads: 2, layers: 1 },
    evalSize: 4,
    bootstrap: 20,
  };
  const out = join(dir, 'exp-tiny');
  const config = write('tiny.json', JSON.stringify(tiny));
  const first = runCli(['experiment', 'table1', '--jobs', '1', '--backend', 'wasm', '--config', config, '--out', out], {
    timeout: 240_000,
  });
  assert.equal(first.status, 0, first.stderr);
  // Both streams closed while the table is printed (main: exit 1, an unhandled EPIPE on stdout).
  const piped = spawnSync(
    'bash',
    [
      '-c',
      `node dist/cli.js experiment table1 --jobs 1 --backend wasm --config '${config}' --out '${out}' 2>&1 | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(piped.stdout.trim(), '0', piped.stderr);
  // A report-only key: no run was made with it, the new plan is taken.
  const report = runCli(
    [
      'experiment',
      'table1',
      '--jobs',
      '1',
      '--backend',
      'wasm',
      '--config',
      write('b.json', JSON.stringify({ ...tiny, bootstrap: 30 })),
      '--out',
      out,
    ],
    { timeout: 120_000 },
  );
  assert.equal(report.status, 0, report.stderr);
  assert.match(report.stderr, /plan changed \(bootstrap: 20 there, 30 now\)/);
  // post.steps: every post-training run was made with the old value.
  const post = runCli([
    'experiment',
    'table1',
    '--jobs',
    '1',
    '--backend',
    'wasm',
    '--config',
    write('p.json', JSON.stringify({ ...tiny, bootstrap: 30, post: { ...tiny.post, steps: 3 } })),
    '--out',
    out,
  ]);
  assert.equal(post.status, 2);
  assert.match(
    post.stderr,
    /that these runs were made with: seed-1\/sft-no-reflection, seed-1\/sft-reflection, seed-1\/rl; .*remove those run folders/,
  );
});

test('train --list says when a "running" run\'s process is gone (killed), instead of listing it as running', () => {
  const out = join(dir, 'killed');
  assert.equal(runCli(['train', '--policy', 'ds3', '--steps', '2', '--out', out]).status, 0);
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const file = join(out, 'status.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), state: 'running', pid: Number(gone.stdout) }));
  const r = runCli(['train', '--list', out]);
  assert.match(r.stdout, new RegExp(`running \\(process ${gone.stdout} is gone; --resume continues\\) at step 2`));
  const json = JSON.parse(runCli(['train', '--list', out, '--json']).stdout);
  assert.equal(json.runs[0].processGone, true);
});
