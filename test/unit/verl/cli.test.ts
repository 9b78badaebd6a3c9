// `reflection-lens verl` through the built CLI: export of the multiplication task and of trace
// corpora (one row per distinct prompt), the launch command, `watch --json --once`, and precise
// errors for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parquetReadObjects } from 'hyparquet';
import { generateMultiplicationTraceText } from '../../../server/src/trace/generate.js';
import { writeFakeRolloutStep } from '../../../server/src/training/verl/fakeRollouts.js';
import { waitUntil, withDeadline } from '../../deadline.js';

const cli = join(process.cwd(), 'dist', 'cli.js');
const skip = existsSync(cli) ? false : 'dist/cli.js not built (run npm test, which builds first)';
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'verl', ...args], { encoding: 'utf8' });
const rows = async (path: string) => {
  const b = readFileSync(path);
  return parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
};
const sharedData = join(process.cwd(), '..', 'shared', 'data', 'skyt1-short-amc23.jsonl');

test('verl export --json (multiplication) and verl command', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-cli-'));
  try {
    const r = run(
      'export',
      '--out',
      join(dir, 'x'),
      '--n',
      '40',
      '--n-test',
      '3',
      '--train-tasks',
      '1x2,2x2',
      '--test-tasks',
      '3x3,6x6',
      '--json',
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.rows, { train: 40, test: 6 });
    assert.deepEqual(out.tasks, {
      '1x2': { train: 20, test: 0 },
      '2x2': { train: 20, test: 0 },
      '3x3': { train: 0, test: 3 },
      '6x6': { train: 0, test: 3 },
    });
    assert.match(out.command, /^python3 -m verl\.trainer\.main_ppo algorithm\.adv_estimator=grpo /);
    const test6 = (await rows(out.files.test)).filter((row) => row.extra_info.task === '6x6');
    for (const row of test6) {
      const [, a, b] = /Calculate (\d+) \* (\d+)\./.exec(row.prompt[0].content)!;
      assert.equal(row.reward_model.ground_truth, String(BigInt(a) * BigInt(b)), 'products above 2^53 would be wrong');
    }

    const c = run('command', join(dir, 'x'), '--ray', '--address', 'http://head:8265', '--json');
    assert.equal(c.status, 0, c.stderr);
    const cmd = JSON.parse(c.stdout);
    assert.deepEqual(cmd.argv.slice(0, 9), [
      'ray',
      'job',
      'submit',
      '--address',
      'http://head:8265',
      '--',
      'python3',
      '-m',
      'verl.trainer.main_ppo',
    ]);
    assert.ok(cmd.argv.includes(`trainer.rollout_data_dir=${join(dir, 'x', 'rollouts')}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verl export --from a .trace corpus: one row per distinct prompt, ground truths kept, problems reported', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-cli-'));
  try {
    const corpus = join(dir, 'rollouts.trace');
    // 60 rollouts in groups of 4: 15 distinct prompts, plus one record without a ground truth.
    writeFileSync(
      corpus,
      generateMultiplicationTraceText({
        seed: 3,
        groupSize: 4,
        models: [{ name: 'm', tasks: [{ task: '3x4', p: 0.5, delta1: 0.9, delta2: 0.5, n: 60 }] }],
      }) + '=== orphan\nquery: Calculate 2 * 3. Think step by step.\n---\nThe answer is 6.\n',
    );
    const r = run('export', '--out', join(dir, 'out'), '--from', corpus, '--test-fraction', '0.2', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /rollouts\.trace:\d+: 1 record\(s\) without a ground truth/);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.rows, { train: 12, test: 3 });
    const all = [...(await rows(out.files.train)), ...(await rows(out.files.test))];
    assert.equal(new Set(all.map((row) => row.prompt[0].content)).size, 15);
    for (const row of all) {
      const [, a, b] = /Calculate (\d+) \* (\d+)\./.exec(row.prompt[0].content)!;
      assert.equal(row.reward_model.ground_truth, String(Number(a) * Number(b)));
      assert.equal(row.data_source, 'corpus_3x4');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'verl export --from the SkyThought evaluation outputs (../shared/data)',
  { skip: skip || (existsSync(sharedData) ? false : '../shared/data/skyt1-short-amc23.jsonl is absent') },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-verl-cli-'));
    try {
      const r = run('export', '--out', dir, '--from', sharedData, '--json');
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.rows.train + out.rows.test, 40);
      const src = readFileSync(sharedData, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { question: string; gt: string });
      const truth = new Map(src.map((s) => [s.question, s.gt]));
      for (const row of [...(await rows(out.files.train)), ...(await rows(out.files.test))])
        assert.equal(row.reward_model.ground_truth, truth.get(row.prompt[0].content));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('verl watch --json --once: one JSON object per step, per-task groups', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-cli-'));
  try {
    for (const s of [2, 10]) writeFakeRolloutStep(join(dir, 'rollouts'), s, { rollouts: 48, tasks: ['2x3', '4x4'] });
    const r = run('watch', join(dir, 'rollouts'), '--once', '--json', '--bootstrap', '50');
    assert.equal(r.status, 0, r.stderr);
    const steps = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      steps.map((s) => [s.step, s.records, s.groups.map((g: { task: string; n: number }) => `${g.task}:${g.n}`).join(',')]),
      [
        [2, 48, '2x3:24,4x4:24'],
        [10, 48, '2x3:24,4x4:24'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verl: bad input gets precise errors and exit codes', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-cli-'));
  try {
    let r = run('export');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /export needs --out DIR/);
    r = run('export', '--out', dir, '--train-tasks', '3by4');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--train-tasks: task "3by4" is not of the form <digits>x<digits>/);
    r = run('export', '--out', dir, '--from', join(dir, 'missing.jsonl'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /missing\.jsonl: cannot be read/);
    assert.match(r.stderr, /verl export: the corpus has 0 prompt\(s\) with a ground truth/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace for bad input');
    writeFileSync(join(dir, 'verl-config.json'), '{"python": ');
    r = run('command', dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /verl-config\.json: not valid JSON/);
    // A config verl would reject at start-up: dynamic batching off without micro-batch sizes.
    r = run('export', '--out', join(dir, 'bsz'), '--n', '4', '--n-test', '1', '--json');
    assert.equal(r.status, 0, r.stderr);
    const config = JSON.parse(readFileSync(join(dir, 'bsz', 'verl-config.json'), 'utf8'));
    config.overrides['actor_rollout_ref.actor.use_dynamic_bsz'] = false;
    writeFileSync(join(dir, 'bsz', 'verl-config.json'), JSON.stringify(config));
    for (const args of [
      ['command', join(dir, 'bsz')],
      ['export', '--out', join(dir, 'bsz'), '--n', '4', '--n-test', '1'],
    ]) {
      r = run(...args);
      assert.equal(r.status, 1, args[0]);
      assert.match(
        r.stderr,
        /verl-config\.json: "actor_rollout_ref\.actor\.use_dynamic_bsz" is false, so verl needs fixed micro-batch sizes/,
      );
      assert.doesNotMatch(r.stderr, /\n\s+at /, `${args[0]}: a stack trace for a bad config`);
    }
    r = run('frobnicate');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown subcommand "frobnicate"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verl simulate while verl watch --json follows: every step appears once, live', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-cli-'));
  const rollouts = join(dir, 'run', 'rollouts');
  const { spawn } = await import('node:child_process');
  const watch = spawn(process.execPath, [cli, 'verl', 'watch', rollouts, '--json', '--bootstrap', '50'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  watch.stdout.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => watch.on('exit', (code) => resolve(code)));
  try {
    const sim = spawnSync(
      process.execPath,
      [cli, 'verl', 'simulate', rollouts, '--steps', '3', '--rollouts', '40', '--every-ms', '300', '--json'],
      { encoding: 'utf8' },
    );
    assert.equal(sim.status, 0, sim.stderr);
    assert.equal(sim.stdout.trim().split('\n').length, 3);
    const lines = () => out.trim().split('\n').filter(Boolean);
    await waitUntil('three steps from verl watch', () => lines().length >= 3, {
      timeoutMs: 60_000,
      everyMs: 50,
      detail: () => `stdout: ${out}`,
    });
    // Step 4 comes out of a look that went over steps 1-3 first: a wrong second read would be out by then.
    writeFakeRolloutStep(rollouts, 4, { rollouts: 40, tasks: ['2x3'] });
    await waitUntil('step 4 from verl watch', () => lines().some((l) => JSON.parse(l).step === 4), {
      timeoutMs: 60_000,
      everyMs: 50,
      detail: () => `stdout: ${out}`,
    });
    watch.kill('SIGINT');
    assert.equal(await withDeadline(exited, 30_000, 'verl watch to exit on SIGINT'), 0, 'watch ends cleanly on Ctrl-C');
    const steps = lines().map((l) => JSON.parse(l));
    assert.deepEqual(
      steps.map((s) => [s.step, s.records, s.complete, s.run]),
      [1, 2, 3, 4].map((step) => [step, 40, true, 'rollouts']),
    );
  } finally {
    watch.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
