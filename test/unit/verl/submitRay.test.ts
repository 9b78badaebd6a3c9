// submit_ray.sh, executed by bash with a stand-in `ray` on PATH that records its argv: Ray's own
// options from RAY_SUBMIT_ARGS go before `--`, split into words the way bash splits a command
// line and never expanded or run; an unclosed quote stops the script before Ray is called; paths
// the job opens that this machine cannot see are warned about (they must be on storage every node
// of the cluster sees).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { exportVerlBundle, type ExportResult } from '../../../server/src/training/verl/exportBundle.js';
import { verlCommand } from '../../../server/src/training/verl/launchConfig.js';

const skip = spawnSync('bash', ['--version']).status === 0 ? false : 'no bash';
const source = { kind: 'multiplication', trainTasks: ['2x3'], testTasks: ['3x4'], nTrain: 8, nTestPerTask: 2, seed: 1 } as const;

interface Bundle {
  dir: string;
  bin: string;
  record: string;
  result: ExportResult;
}

/** An export in a fresh folder and a stand-in `ray` that writes its argv, NUL-separated, to `record`. */
function bundle(): Bundle {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-ray-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const record = join(dir, 'ray-argv');
  writeFileSync(join(bin, 'ray'), `#!/usr/bin/env bash\nprintf '%s\\0' "$@" > ${JSON.stringify(record)}\n`);
  chmodSync(join(bin, 'ray'), 0o755);
  return { dir, bin, record, result: exportVerlBundle({ outDir: join(dir, 'run'), source }) };
}

function submit(b: Bundle, env: Record<string, string | undefined>, args: string[] = []) {
  rmSync(b.record, { force: true });
  const r = spawnSync('bash', [b.result.files.rayScript, ...args], {
    cwd: b.dir,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${b.bin}:${process.env.PATH}`, RAY_ADDRESS: 'http://head:8265', RAY_SUBMIT_ARGS: undefined, ...env },
  });
  const argv = existsSync(b.record) ? readFileSync(b.record, 'utf8').split('\0').slice(0, -1) : undefined;
  return { status: r.status, stderr: r.stderr, argv };
}

/** How bash itself splits a (trusted, expansion-free) command line into words. */
function bashWords(line: string): string[] {
  const r = spawnSync('bash', ['-c', 'eval "set -- $1"; printf "%s\\0" "$@"', 'bash', line], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

test(
  'submit_ray.sh: without RAY_SUBMIT_ARGS, ray gets exactly `job submit --address URL -- python3 -m ...` plus the extra overrides',
  { skip },
  () => {
    const b = bundle();
    try {
      const r = submit(b, {}, ['trainer.total_epochs=1']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.argv, [...verlCommand(b.result.config, 'ray', 'http://head:8265').slice(1), 'trainer.total_epochs=1']);
      // Every path of the export exists here: nothing to warn about.
      assert.equal(r.stderr, '');
    } finally {
      rmSync(b.dir, { recursive: true, force: true });
    }
  },
);

test('submit_ray.sh: RAY_SUBMIT_ARGS go before `--`, split the way bash splits words', { skip }, () => {
  const b = bundle();
  try {
    const lines = [
      '--no-wait --runtime-env=verl/trainer/runtime_env.yaml',
      `  --runtime-env-json='{"env_vars": {"PYTHONUNBUFFERED": "1", "A": "b c"}}'\t--submission-id grpo-7 `,
      String.raw`--metadata-json="{\"run\": \"it's \\ here\"}" --working-dir a\ b 'it'\''s' "" x"y z"w --entrypoint-num-cpus=1`,
    ];
    for (const line of lines) {
      const r = submit(b, { RAY_SUBMIT_ARGS: line });
      assert.equal(r.status, 0, r.stderr);
      const words = bashWords(line);
      assert.ok(words.length >= 2);
      assert.deepEqual(
        r.argv,
        ['job', 'submit', '--address', 'http://head:8265', ...words, '--', ...verlCommand(b.result.config, 'local')],
        line,
      );
    }
  } finally {
    rmSync(b.dir, { recursive: true, force: true });
  }
});

test('submit_ray.sh: RAY_SUBMIT_ARGS is never expanded or run; an unclosed quote stops before ray is called', { skip }, () => {
  const b = bundle();
  try {
    const marker = join(b.dir, 'pwned');
    const r = submit(b, { RAY_SUBMIT_ARGS: `--no-wait $(touch ${marker}) \`touch ${marker}\` * ~ $HOME "$HOME" ;touch ${marker}` });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(existsSync(marker), false, 'RAY_SUBMIT_ARGS was run');
    assert.deepEqual(r.argv!.slice(4, r.argv!.indexOf('--')), [
      '--no-wait',
      '$(touch',
      `${marker})`,
      '`touch',
      `${marker}\``,
      '*',
      '~',
      '$HOME',
      '$HOME',
      ';touch',
      marker,
    ]);

    for (const bad of [`--no-wait --runtime-env-json='{"a": 1}`, '--metadata-json="{\\"a\\": 1}']) {
      const e = submit(b, { RAY_SUBMIT_ARGS: bad });
      assert.equal(e.status, 2);
      assert.match(e.stderr, /submit_ray\.sh: RAY_SUBMIT_ARGS has an unclosed ['"] quote/);
      assert.equal(e.argv, undefined, 'ray was called anyway');
    }
  } finally {
    rmSync(b.dir, { recursive: true, force: true });
  }
});

test(
  'submit_ray.sh: paths the job opens that this machine cannot see, or that are relative, are warned about; the job is still submitted',
  { skip },
  () => {
    const b = bundle();
    try {
      const config = JSON.parse(readFileSync(b.result.files.config, 'utf8'));
      // Places only the cluster has (a file system not mounted here), under the test's folder.
      const elsewhere = join(b.dir, 'not-mounted-here');
      config.overrides['data.train_files'] = `[${b.result.files.train}, '${elsewhere}/train2.parquet']`;
      config.overrides['actor_rollout_ref.model.path'] = './checkpoints/sft-model';
      config.overrides['trainer.rollout_data_dir'] = `${elsewhere}/rollouts`;
      writeFileSync(b.result.files.config, JSON.stringify(config, null, 2));
      const again = exportVerlBundle({ outDir: b.result.outDir, source });
      assert.equal(again.configKept, true);
      rmSync(elsewhere, { recursive: true }); // the export made the rollout folder; the cluster's is not here
      const r = submit(b, {});
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.argv!.includes(`trainer.rollout_data_dir=${elsewhere}/rollouts`));
      const warnings = r.stderr.trimEnd().split('\n');
      assert.deepEqual(warnings.slice(0, -1), [
        `submit_ray.sh: warning: data.train_files=${elsewhere}/train2.parquet does not exist on this machine`,
        'submit_ray.sh: warning: actor_rollout_ref.model.path=./checkpoints/sft-model is a relative path: the Ray job resolves it in its own working directory on the cluster; use an absolute path on shared storage',
        'submit_ray.sh: warning: actor_rollout_ref.model.path=./checkpoints/sft-model does not exist on this machine',
        `submit_ray.sh: warning: trainer.rollout_data_dir=${elsewhere}/rollouts does not exist on this machine`,
      ]);
      assert.match(warnings.at(-1)!, /they must be at the same path on storage every node sees/);
      // A Hugging Face model id (the default) is not a path: not checked.
      assert.doesNotMatch(readFileSync(again.files.runScript, 'utf8'), /check_path/);
      assert.doesNotMatch(
        readFileSync(exportVerlBundle({ outDir: join(b.dir, 'hf'), source }).files.rayScript, 'utf8'),
        /check_path actor_rollout_ref\.model\.path/,
      );
    } finally {
      rmSync(b.dir, { recursive: true, force: true });
    }
  },
);
