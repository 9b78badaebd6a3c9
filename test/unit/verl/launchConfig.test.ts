// The launch config carries the paper's Table E.3 knobs under verl's exact Hydra keys, the
// generated scripts are valid bash that pass every override (and extra ones) to verl, an edited
// config survives a re-export, and a broken config (micro-batch sizes missing with dynamic
// batching off, an unknown verlVersion) gets a precise error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { exportVerlBundle } from '../../../server/src/training/verl/exportBundle.js';
import {
  launchConfigProblems,
  launchScript,
  MICRO_BATCH_KEYS,
  overrideArgs,
  paperGrpoConfig,
  parseLaunchConfig,
  shellCommandLine,
  verlCommand,
} from '../../../server/src/training/verl/launchConfig.js';

const paths = {
  trainFiles: '/d/train.parquet',
  valFiles: '/d/test.parquet',
  rewardPath: '/d/reflection_lens_reward.py',
  rolloutDir: '/d/rollouts',
  validationDir: '/d/validation',
};

test("paper GRPO config: Table E.3 values under verl's keys", () => {
  const o = paperGrpoConfig(paths).overrides;
  const expected: Record<string, unknown> = {
    'algorithm.adv_estimator': 'grpo',
    'data.train_batch_size': 512,
    'actor_rollout_ref.actor.ppo_mini_batch_size': 128,
    'actor_rollout_ref.rollout.n': 8,
    'actor_rollout_ref.actor.use_kl_loss': true,
    'actor_rollout_ref.actor.kl_loss_coef': 0.001,
    'actor_rollout_ref.actor.kl_loss_type': 'low_var_kl',
    'data.max_prompt_length': 1024,
    'data.max_response_length': 8192,
    'trainer.total_epochs': 2,
    'actor_rollout_ref.model.enable_gradient_checkpointing': true,
    'actor_rollout_ref.model.path': 'Qwen/Qwen2.5-7B-Instruct',
    'custom_reward_function.path': paths.rewardPath,
    'custom_reward_function.name': 'compute_score',
    'trainer.rollout_data_dir': paths.rolloutDir,
    'trainer.validation_data_dir': paths.validationDir,
    'data.train_files': paths.trainFiles,
    'data.val_files': paths.valFiles,
  };
  for (const [k, v] of Object.entries(expected)) assert.equal(o[k], v, k);
  // Dynamic batching needs room for one full sequence.
  assert.ok(Number(o['actor_rollout_ref.actor.ppo_max_token_len_per_gpu']) >= 1024 + 8192);
  const args = overrideArgs(paperGrpoConfig(paths));
  assert.ok(args.includes('actor_rollout_ref.actor.use_kl_loss=True'));
  assert.ok(args.includes('algorithm.use_kl_in_reward=False'));
  assert.ok(args.includes('actor_rollout_ref.actor.optim.lr=0.000001'));
});

test('commands: local and ray job submit, shell-quoted', () => {
  const c = paperGrpoConfig(paths);
  const local = verlCommand(c, 'local');
  assert.deepEqual(local.slice(0, 3), ['python3', '-m', 'verl.trainer.main_ppo']);
  const ray = verlCommand(c, 'ray', 'http://head:8265');
  assert.deepEqual(ray.slice(0, 6), ['ray', 'job', 'submit', '--address', 'http://head:8265', '--']);
  assert.deepEqual(ray.slice(6), local);
  const line = shellCommandLine(local);
  assert.ok(line.includes(` 'trainer.logger=['\\''console'\\'']' `), line);
});

test(
  'scripts are valid bash and hand every override, plus extra arguments, to verl',
  { skip: spawnSync('bash', ['--version']).status === 0 ? false : 'no bash' },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-verl-script-'));
    try {
      const c = paperGrpoConfig({ ...paths, rolloutDir: join(dir, 'roll outs'), validationDir: join(dir, "val'dir") });
      // A stand-in python3/ray on PATH that prints its argv, one per line.
      const bin = join(dir, 'bin');
      spawnSync('mkdir', [bin]);
      for (const name of ['python3', 'ray']) {
        writeFileSync(join(bin, name), `#!/usr/bin/env bash\necho "${name}"\nfor a in "$@"; do printf '%s\\n' "$a"; done\n`);
        chmodSync(join(bin, name), 0o755);
      }
      for (const mode of ['local', 'ray'] as const) {
        const script = join(dir, `${mode}.sh`);
        writeFileSync(script, launchScript(c, mode));
        assert.equal(spawnSync('bash', ['-n', script]).status, 0, `bash -n ${mode}`);
        const r = spawnSync('bash', [script, 'trainer.total_epochs=1'], {
          encoding: 'utf8',
          env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, RAY_ADDRESS: 'http://ray-head:8265' },
        });
        assert.equal(r.status, 0, r.stderr);
        const argv = r.stdout.trimEnd().split('\n');
        const expected = mode === 'local' ? verlCommand(c, 'local') : verlCommand(c, 'ray', 'http://ray-head:8265');
        assert.deepEqual(argv, [...expected, 'trainer.total_epochs=1']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('re-export keeps an edited verl-config.json and regenerates the scripts from it; --force resets it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-config-'));
  const source = { kind: 'multiplication', trainTasks: ['2x3'], testTasks: ['3x4'], nTrain: 10, nTestPerTask: 2, seed: 1 } as const;
  try {
    const first = exportVerlBundle({ outDir: dir, source });
    assert.equal(first.configKept, false);
    assert.ok(statSync(first.files.runScript).mode & 0o100, 'run_grpo.sh is executable');
    const edited = JSON.parse(readFileSync(first.files.config, 'utf8'));
    edited.overrides['trainer.total_epochs'] = 5;
    // (Elsewhere, e.g. a shared file system: under the test's folder, not a real /shared.)
    edited.overrides['trainer.rollout_data_dir'] = join(dir, 'shared', 'run7', 'rollouts');
    writeFileSync(first.files.config, JSON.stringify(edited));
    const second = exportVerlBundle({ outDir: dir, source });
    assert.equal(second.configKept, true);
    assert.equal(second.rolloutDir, join(dir, 'shared', 'run7', 'rollouts'));
    assert.match(readFileSync(second.files.runScript, 'utf8'), /trainer\.total_epochs=5 \\/);
    const third = exportVerlBundle({ outDir: dir, source, force: true });
    assert.equal(third.configKept, false);
    assert.match(readFileSync(third.files.runScript, 'utf8'), /trainer\.total_epochs=2 \\/);
    assert.equal(third.rolloutDir, join(dir, 'rollouts'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parseLaunchConfig: precise errors for broken configs', () => {
  const good = JSON.stringify(paperGrpoConfig(paths));
  assert.equal(parseLaunchConfig(good).overrides['actor_rollout_ref.rollout.n'], 8);
  assert.throws(() => parseLaunchConfig('{"python": "python3",', 'c.json'), /c\.json: not valid JSON/);
  assert.throws(() => parseLaunchConfig('[]', 'c.json'), /expected a JSON object/);
  assert.throws(
    () => parseLaunchConfig(JSON.stringify({ python: 'python3', rayAddress: 'x', overrides: { 'bad key': 1 } })),
    /"bad key" is not a Hydra key/,
  );
  assert.throws(
    () => parseLaunchConfig(JSON.stringify({ python: 'python3', rayAddress: 'x', overrides: { 'a.b': null } })),
    /override "a\.b" must be a string, number or boolean, got null/,
  );
  assert.throws(() => parseLaunchConfig(JSON.stringify({ rayAddress: 'x', overrides: {} })), /"python" must be a non-empty string/);
});

test('use_dynamic_bsz off: the config names the micro-batch sizes verl would assert, and takes them when set', () => {
  const base = paperGrpoConfig(paths);
  const withOverrides = (o: Record<string, unknown>, drop: string[] = []) => {
    const overrides: Record<string, unknown> = { ...base.overrides, ...o };
    for (const k of drop) delete overrides[k];
    return JSON.stringify({ ...base, overrides });
  };
  const all =
    /"actor_rollout_ref\.actor\.ppo_micro_batch_size_per_gpu", "actor_rollout_ref\.ref\.log_prob_micro_batch_size_per_gpu", "actor_rollout_ref\.rollout\.log_prob_micro_batch_size_per_gpu" are not set/;
  assert.throws(
    () => parseLaunchConfig(withOverrides({ 'actor_rollout_ref.actor.use_dynamic_bsz': false }), 'c.json'),
    (err: Error) => {
      assert.match(err.message, /^c\.json: "actor_rollout_ref\.actor\.use_dynamic_bsz" is false, so verl needs fixed micro-batch sizes/);
      assert.match(err.message, all);
      assert.match(err.message, /or set "actor_rollout_ref\.actor\.use_dynamic_bsz": true/);
      return true;
    },
  );
  // Hydra's spelling, and the key left out (verl's default is off).
  assert.throws(() => parseLaunchConfig(withOverrides({ 'actor_rollout_ref.actor.use_dynamic_bsz': 'False' })), all);
  assert.throws(
    () => parseLaunchConfig(withOverrides({}, ['actor_rollout_ref.actor.use_dynamic_bsz'])),
    /use_dynamic_bsz" is not set \(verl's default: false\)/,
  );
  // Only what is missing is named; the reference policy needs its size only when KL is used.
  assert.throws(
    () =>
      parseLaunchConfig(
        withOverrides({ 'actor_rollout_ref.actor.use_dynamic_bsz': false, 'actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu': 4 }),
      ),
    /"actor_rollout_ref\.ref\.log_prob_micro_batch_size_per_gpu", "actor_rollout_ref\.rollout\.log_prob_micro_batch_size_per_gpu" are not set/,
  );
  assert.throws(
    () =>
      parseLaunchConfig(withOverrides({ 'actor_rollout_ref.actor.use_dynamic_bsz': false, 'actor_rollout_ref.actor.use_kl_loss': false })),
    /"actor_rollout_ref\.actor\.ppo_micro_batch_size_per_gpu", "actor_rollout_ref\.rollout\.log_prob_micro_batch_size_per_gpu" are not set/,
  );
  // null is not a size.
  assert.throws(
    () =>
      parseLaunchConfig(
        withOverrides({
          'actor_rollout_ref.actor.use_dynamic_bsz': false,
          'actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu': 'null',
          'actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu': 4,
          'actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu': 4,
        }),
      ),
    /"actor_rollout_ref\.actor\.ppo_micro_batch_size_per_gpu" is not set/,
  );
  // The deprecated and the current key together: verl refuses that too.
  assert.throws(
    () =>
      parseLaunchConfig(
        withOverrides({
          'actor_rollout_ref.actor.use_dynamic_bsz': false,
          'actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu': 4,
          'actor_rollout_ref.actor.ppo_micro_batch_size': 32,
          'actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu': 4,
          'actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu': 4,
        }),
      ),
    /both "actor_rollout_ref\.actor\.ppo_micro_batch_size_per_gpu" and the deprecated "actor_rollout_ref\.actor\.ppo_micro_batch_size" are set/,
  );

  const sizes = {
    'actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu': 4,
    'actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu': 8,
    'actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu': 8,
  };
  const ok = parseLaunchConfig(withOverrides({ 'actor_rollout_ref.actor.use_dynamic_bsz': false, ...sizes }));
  assert.deepEqual(
    MICRO_BATCH_KEYS.map(([section, key]) => ok.overrides[`${section}.${key}`]),
    [4, 8, 8],
  );
  assert.deepEqual(launchConfigProblems(paperGrpoConfig(paths)), [], 'the defaults (dynamic batching on) need no sizes');
});

test('use_dynamic_bsz off in an edited verl-config.json: export stops with the message; with the sizes, the scripts pass them to verl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-bsz-'));
  const source = { kind: 'multiplication', trainTasks: ['2x3'], testTasks: ['3x4'], nTrain: 10, nTestPerTask: 2, seed: 1 } as const;
  try {
    const first = exportVerlBundle({ outDir: dir, source });
    const edited = JSON.parse(readFileSync(first.files.config, 'utf8'));
    edited.overrides['actor_rollout_ref.actor.use_dynamic_bsz'] = false;
    writeFileSync(first.files.config, JSON.stringify(edited, null, 2));
    assert.throws(
      () => exportVerlBundle({ outDir: dir, source }),
      /verl-config\.json: "actor_rollout_ref\.actor\.use_dynamic_bsz" is false, so verl needs fixed micro-batch sizes/,
    );
    Object.assign(edited.overrides, {
      'actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu': 4,
      'actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu': 8,
      'actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu': 8,
    });
    writeFileSync(first.files.config, JSON.stringify(edited, null, 2));
    const second = exportVerlBundle({ outDir: dir, source });
    const script = readFileSync(second.files.runScript, 'utf8');
    for (const arg of [
      'actor_rollout_ref.actor.use_dynamic_bsz=False',
      'actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=4',
      'actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu=8',
      'actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=8',
    ]) {
      assert.ok(script.includes(`  ${arg} \\\n`), `run_grpo.sh lacks ${arg}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verlVersion: defaults to 0.7.0 (also for configs written before it existed), is checked, and one setting in both layouts is refused', () => {
  const c = paperGrpoConfig(paths);
  assert.equal(c.verlVersion, '0.7.0');
  const { verlVersion: _omitted, ...old } = c;
  assert.equal(parseLaunchConfig(JSON.stringify(old)).verlVersion, '0.7.0');
  assert.equal(parseLaunchConfig(JSON.stringify({ ...c, verlVersion: 'v0.9.0' })).verlVersion, 'v0.9.0');
  assert.throws(
    () => parseLaunchConfig(JSON.stringify({ ...c, verlVersion: 'latest' }), 'c.json'),
    /c\.json: "verlVersion": "latest" is not a verl release number \(expected e\.g\. 0\.7\.0\)/,
  );
  assert.throws(() => parseLaunchConfig(JSON.stringify({ ...c, verlVersion: 7 }), 'c.json'), /"verlVersion" must be a string/);
  const both = { ...c, overrides: { ...c.overrides, 'reward.custom_reward_function.path': '/other.py' } };
  assert.throws(
    () => parseLaunchConfig(JSON.stringify(both)),
    /"custom_reward_function\.path" and "reward\.custom_reward_function\.path" are the same verl setting in two layouts/,
  );
});
