// Every field of verl-config.json that reaches run_grpo.sh / submit_ray.sh (python, rayAddress,
// verlVersion, override keys and values, the job paths the Ray script checks) holding shell
// metacharacters: the generated scripts are EXECUTED by bash with stand-in `python3` / `ray`
// executables first on PATH that record their argv. Nothing in a value may run (no marker file
// appears) and each program gets exactly the literal values as its arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { exportVerlBundle } from '../../../server/src/training/verl/exportBundle.js';
import type { OverrideValue } from '../../../server/src/training/verl/launchConfig.js';

const skip = spawnSync('bash', ['--version']).status === 0 ? false : 'no bash';
const source = { kind: 'multiplication', trainTasks: ['2x3'], testTasks: ['3x4'], nTrain: 8, nTestPerTask: 2, seed: 1 } as const;

/** Shell metacharacters, each payload trying to create a file in `markers` if the shell ever interprets it. */
function payloads(markers: string, tag: string): string[] {
  const m = (k: number): string => join(markers, `${tag}${k}`);
  return [
    `$(touch ${m(1)})`,
    `\`touch ${m(2)}\``,
    `x; touch ${m(3)}`,
    `x && touch ${m(4)} || touch ${m(4)}`,
    `x | touch ${m(5)}`,
    `x\ntouch ${m(6)}\n`,
    `'; touch ${m(7)}; '`,
    `"; touch ${m(8)}; "`,
    `\\'$(touch ${m(9)})`,
    `}"$(touch ${m(10)})`,
    `\${IFS}$(touch${'${IFS}'}${m(11)})`,
    `> ${m(12)}`,
    `<(touch ${m(13)})`,
    `* ? [a-z] {a,b} ~ ~root $HOME "$HOME" !! #not a comment\t&`,
    '',
  ];
}

/** A stand-in executable at `path` that writes its argv, NUL-separated, to `record`. */
function stub(path: string, record: string): void {
  writeFileSync(path, `#!/usr/bin/env bash\nprintf '%s\\0' "$@" > ${JSON.stringify(record)}\n`);
  chmodSync(path, 0o755);
}

const render = (v: OverrideValue): string => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));

interface Run {
  status: number | null;
  stderr: string;
  argv: string[] | undefined;
}

function execute(
  script: string,
  bin: string,
  record: string,
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Run {
  rmSync(record, { force: true });
  const r = spawnSync('bash', [script, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, RAY_ADDRESS: undefined, RAY_SUBMIT_ARGS: undefined, ...env },
  });
  const argv = existsSync(record) ? readFileSync(record, 'utf8').split('\0').slice(0, -1) : undefined;
  return { status: r.status, stderr: r.stderr, argv };
}

/**
 * Exports a bundle, rewrites its verl-config.json with `edit`, re-exports (the config is kept and
 * the scripts regenerated from it), then runs both scripts and checks argv and markers.
 */
function check(name: string, edit: (config: Record<string, unknown>, markers: string, dir: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-inject-'));
  try {
    const markers = join(dir, 'markers');
    const bin = join(dir, 'bin');
    mkdirSync(markers);
    mkdirSync(bin);
    const first = exportVerlBundle({ outDir: join(dir, 'run'), source });
    const config = JSON.parse(readFileSync(first.files.config, 'utf8')) as Record<string, unknown>;
    const pythonPath = edit(config, markers, dir);
    writeFileSync(first.files.config, JSON.stringify(config, null, 2));
    const again = exportVerlBundle({ outDir: first.outDir, source });
    assert.equal(again.configKept, true, `${name}: the edited config was not kept`);

    const record = join(dir, 'argv');
    // python: a stand-in under its literal name on PATH (or at its literal path); ray: on PATH.
    stub(pythonPath.includes('/') ? pythonPath : join(bin, pythonPath), record);
    stub(join(bin, 'ray'), record);
    const overrides = Object.entries(config.overrides as Record<string, OverrideValue>).map(([k, v]) => `${k}=${render(v)}`);
    const extra = [`trainer.extra=$(touch ${join(markers, 'extra')})`];

    for (const script of [again.files.runScript, again.files.rayScript]) {
      assert.equal(spawnSync('bash', ['-n', script]).status, 0, `${name}: ${script} is not valid bash`);
    }
    // Run inside the markers folder, so a payload's relative `touch NAME` is caught too.
    const local = execute(again.files.runScript, bin, record, markers, extra);
    assert.equal(local.status, 0, `${name}: run_grpo.sh failed: ${local.stderr}`);
    assert.deepEqual(readdirSync(markers), [], `${name}: run_grpo.sh ran something from the config`);
    assert.deepEqual(local.argv, ['-m', 'verl.trainer.main_ppo', ...overrides, ...extra], `${name}: run_grpo.sh argv`);

    // RAY_ADDRESS unset: the config's rayAddress is the address.
    const ray = execute(again.files.rayScript, bin, record, markers, extra);
    assert.equal(ray.status, 0, `${name}: submit_ray.sh failed: ${ray.stderr}`);
    assert.deepEqual(readdirSync(markers), [], `${name}: submit_ray.sh ran something from the config`);
    assert.deepEqual(
      ray.argv,
      [
        'job',
        'submit',
        '--address',
        config.rayAddress as string,
        '--',
        config.python as string,
        '-m',
        'verl.trainer.main_ppo',
        ...overrides,
        ...extra,
      ],
      `${name}: submit_ray.sh argv`,
    );
    // RAY_ADDRESS set: it wins, taken literally too.
    const address = `http://h:1/$(touch ${join(markers, 'env')})`;
    const viaEnv = execute(again.files.rayScript, bin, record, markers, [], { RAY_ADDRESS: address });
    assert.equal(viaEnv.status, 0, viaEnv.stderr);
    assert.deepEqual(viaEnv.argv?.slice(0, 5), ['job', 'submit', '--address', address, '--']);
    assert.deepEqual(readdirSync(markers), [], `${name}: submit_ray.sh ran RAY_ADDRESS`);
    return { stderr: ray.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('launch scripts: rayAddress with shell metacharacters is passed to ray literally, never run', { skip }, () => {
  for (const [k, p] of payloads('MARKERS', 'ray').entries()) {
    if (p === '') continue; // rayAddress must be non-empty
    check(`rayAddress #${k}`, (c, markers) => {
      c.rayAddress = `http://head:8265/${p.replaceAll('MARKERS', markers)}`;
      return 'python3';
    });
  }
});

test(
  'launch scripts: override values (and the paths the Ray script checks) with shell metacharacters reach verl literally',
  { skip },
  () => {
    check('override values', (c, markers, dir) => {
      const o = c.overrides as Record<string, OverrideValue>;
      payloads(markers, 'value').forEach((p, k) => {
        o[`+trainer.payload_${k}`] = p;
      });
      // Keys verl accepts with Hydra's prefixes and odd characters.
      o['~trainer.removed-key'] = 'x';
      o['++trainer.forced+key'] = '$(x)';
      // Paths submit_ray.sh checks exist (check_path) with metacharacters in them.
      o['data.train_files'] =
        `[${join(dir, 'a $(touch ' + markers + '/p1).parquet')}, '${join(dir, '`touch ' + markers + '/p2`.parquet')}']`;
      o['trainer.rollout_data_dir'] = join(dir, `roll"outs'; touch ${markers}/p3`);
      o['trainer.validation_data_dir'] = `~/val $(touch ${markers}/p4)`;
      o['actor_rollout_ref.model.path'] = `./model $(touch ${markers}/p5)`;
      o['data.max_prompt_length'] = 1024;
      o['algorithm.use_kl_in_reward'] = false;
      return 'python3';
    });
  },
);

test('launch scripts: python (a name on PATH, an absolute path, or an assignment-looking word) is run literally', { skip }, () => {
  for (const [k, p] of payloads('MARKERS', 'py').entries()) {
    // A command name cannot hold "/" or be empty; every other byte can be a file name on PATH.
    if (p === '' || p.includes('/')) continue;
    check(`python #${k}`, (c, markers) => {
      c.python = `python3 ${p.replaceAll('MARKERS', markers)}`;
      return c.python as string;
    });
  }
  check('python that looks like an assignment', (c) => {
    c.python = 'PYTHON=python3';
    return c.python as string;
  });
  check('python at a path with metacharacters', (c, _markers, dir) => {
    // A folder name cannot hold "/": these payloads touch files in the working directory (markers).
    const folder = join(dir, 'py $(touch dir1) `touch dir2` ;touch dir3');
    mkdirSync(folder);
    c.python = join(folder, 'python3 \'x\' "y"');
    return c.python as string;
  });
});

test('launch scripts: a verlVersion with trailing blanks and a newline does not break the scripts', { skip }, () => {
  check('verlVersion', (c, markers) => {
    c.verlVersion = '0.7.0 \n\t';
    c.notes = { verlVersion: `$(touch ${markers}/notes)` };
    return 'python3';
  });
});
