// Every override key the export writes is a key of the configured verl release's config, checked
// against key lists taken from verl's published configuration (test/fixtures/verl/verl-*.json,
// written by test/fixtures/verl/extract_keys.py from verl/trainer/config/_generated_ppo_trainer.yaml
// at each release tag): verl 0.7.0 (top-level custom_reward_function.*), 0.7.1 (the first release
// with reward.custom_reward_function.*) and 0.9.0. From 0.7.1 on, the export writes none of the
// legacy keys verl only migrates (legacy_reward_impl.yaml).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { exportVerlBundle } from '../../../server/src/training/verl/exportBundle.js';
import {
  compareVerlVersions,
  MICRO_BATCH_KEYS,
  overrideArgs,
  parseLaunchConfig,
  REWARD_SECTION_SINCE,
  rewardFunctionPrefix,
  shellQuote,
} from '../../../server/src/training/verl/launchConfig.js';

interface VerlKeys {
  verl: string;
  source: string;
  generatedBy: string;
  keys: string[];
  legacy: string[];
}

const fixtures = fileURLToPath(new URL('../../fixtures/verl/', import.meta.url));
// Every verl-v*.json there, oldest release first: a fixture added for a newer release is checked too.
const releases: VerlKeys[] = readdirSync(fixtures)
  .filter((f) => /^verl-v[\d.]+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as VerlKeys)
  .sort((a, b) => compareVerlVersions(a.verl, b.verl));
const source = { kind: 'multiplication', trainTasks: ['2x3'], testTasks: ['3x4'], nTrain: 8, nTestPerTask: 2, seed: 1 } as const;
const keyOf = (arg: string): string => arg.slice(0, arg.indexOf('='));

test("the key fixtures: verl 0.7.0, 0.7.1 and 0.9.0 at least, each from its release's generated config", () => {
  for (const v of ['0.7.0', '0.7.1', '0.9.0'])
    assert.ok(
      releases.some((r) => r.verl === v),
      `no fixture for verl ${v}`,
    );
  for (const r of releases) {
    assert.match(
      r.source,
      new RegExp(
        `^verl v${r.verl.replaceAll('.', '\\.')} \\([0-9a-f]{40}, \\d{4}-\\d{2}-\\d{2}\\): verl/trainer/config/_generated_ppo_trainer\\.yaml`,
      ),
    );
    assert.deepEqual(r.keys, [...r.keys].sort(), `${r.verl}: keys sorted`);
    assert.ok(r.keys.length > 500, `${r.verl}: only ${r.keys.length} keys`);
    for (const k of ['trainer.rollout_data_dir', 'trainer.validation_data_dir', 'actor_rollout_ref.rollout.n', 'data.train_files'])
      assert.ok(r.keys.includes(k), `${r.verl} lacks ${k}`);
    // Where the reward function lives: the layout change this export follows.
    const newLayout = compareVerlVersions(r.verl, REWARD_SECTION_SINCE) >= 0;
    assert.equal(r.keys.includes('reward.custom_reward_function.path'), newLayout, r.verl);
    assert.equal(r.legacy.includes('custom_reward_function.path'), newLayout, r.verl);
  }
});

for (const release of releases) {
  test(`verl ${release.verl}: every key the export writes is in verl's config, none is a legacy key, the reward function is where verl ${release.verl} reads it`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-verl-keys-'));
    try {
      const result = exportVerlBundle({ outDir: dir, source, verlVersion: release.verl });
      const config = parseLaunchConfig(readFileSync(result.files.config, 'utf8'));
      assert.equal(config.verlVersion, release.verl);
      const args = overrideArgs(config);
      const keys = new Set(release.keys);
      const legacy = new Set(release.legacy);
      for (const k of args.map(keyOf)) {
        assert.ok(keys.has(k), `${k} is not a key of verl ${release.verl} (${release.source})`);
        assert.ok(!legacy.has(k), `${k} is a legacy key verl ${release.verl} only migrates`);
      }
      const reward = rewardFunctionPrefix(release.verl);
      assert.equal(reward, compareVerlVersions(release.verl, '0.7.1') >= 0 ? 'reward.custom_reward_function.' : 'custom_reward_function.');
      assert.ok(args.includes(`${reward}path=${result.files.reward}`));
      assert.ok(args.includes(`${reward}name=compute_score`));
      // The scripts carry exactly these overrides.
      for (const file of [result.files.runScript, result.files.rayScript]) {
        const script = readFileSync(file, 'utf8');
        for (const a of args) assert.ok(script.includes(`  ${shellQuote(a)} \\\n`), `${file} lacks ${a}`);
        assert.ok(script.includes(`# Overrides written for verl ${release.verl}`));
      }
      // The micro-batch sizes the config asks for with use_dynamic_bsz off exist too.
      for (const [section, key, old] of MICRO_BATCH_KEYS) {
        assert.ok(keys.has(`${section}.${key}`), `${section}.${key} is not a key of verl ${release.verl}`);
        assert.ok(keys.has(`${section}.${old}`), `${section}.${old} is not a key of verl ${release.verl}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("an edited verlVersion moves the reward function's keys into that release's layout, both ways", () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-keys-'));
  try {
    const first = exportVerlBundle({ outDir: dir, source });
    assert.equal(first.config.verlVersion, '0.7.0');
    assert.match(readFileSync(first.files.runScript, 'utf8'), /\n {2}custom_reward_function\.path=/);
    const edited = JSON.parse(readFileSync(first.files.config, 'utf8'));
    edited.verlVersion = '0.9.0';
    writeFileSync(first.files.config, JSON.stringify(edited, null, 2));
    const second = exportVerlBundle({ outDir: dir, source });
    assert.equal(second.configKept, true);
    const v090 = releases.find((r) => r.verl === '0.9.0')!;
    const args = overrideArgs(second.config);
    for (const k of args.map(keyOf)) assert.ok(v090.keys.includes(k) && !v090.legacy.includes(k), `${k} for verl 0.9.0`);
    const script = readFileSync(second.files.runScript, 'utf8');
    assert.match(script, /\n {2}reward\.custom_reward_function\.path=/);
    assert.doesNotMatch(script, /\n {2}custom_reward_function\./);

    // And back: a config in the new layout run on 0.7.0.
    const fresh = exportVerlBundle({ outDir: join(dir, 'new'), source, verlVersion: '0.9.0' });
    const back = { ...fresh.config, verlVersion: '0.7.0' };
    const v070 = releases.find((r) => r.verl === '0.7.0')!;
    for (const k of overrideArgs(back).map(keyOf)) assert.ok(v070.keys.includes(k), `${k} for verl 0.7.0`);
    // Hydra's + prefix is kept.
    assert.ok(
      overrideArgs({ ...back, overrides: { '+reward.custom_reward_function.reward_kwargs.x': 1 } }).includes(
        '+custom_reward_function.reward_kwargs.x=1',
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
