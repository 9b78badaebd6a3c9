// `verl export` is all-or-nothing: everything is checked first and written into a staging folder,
// then published; on any failure the previous bundle stays byte for byte as it was and no
// staging folder is left behind (issue 12, item 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as bundle from '../../../server/src/training/verl/exportBundle.js';

const { exportVerlBundle } = bundle;

const source = (seed: number) =>
  ({ kind: 'multiplication', trainTasks: ['2x3'], testTasks: ['3x4'], nTrain: 30, nTestPerTask: 4, seed }) as const;

/** Every entry under dir (recursively): path -> mode and SHA-256 of the bytes, `dir`, or `-> link target`. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name),
        r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[r] = `-> ${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[r] = 'dir';
        walk(p, r);
      } else out[r] = `${(st.mode & 0o777).toString(8)} sha256:${createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16)}`;
    }
  };
  walk(dir, '');
  return out;
}

const editConfig = (dir: string, edit: (overrides: Record<string, unknown>) => void): void => {
  const file = join(dir, 'verl-config.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  edit(config.overrides);
  writeFileSync(file, JSON.stringify(config, null, 2));
};

test('verl export with an invalid kept verl-config.json writes nothing: train.parquet and every other file stay as they were', () => {
  const root = mkdtempSync(join(tmpdir(), 'rl-verl-atomic-'));
  try {
    const dir = join(root, 'bundle');
    exportVerlBundle({ outDir: dir, source: source(1) });
    editConfig(dir, (o) => {
      o['actor_rollout_ref.actor.use_dynamic_bsz'] = false;
    });
    const before = snapshot(dir);
    // Another seed: a successful export would write a different train.parquet.
    assert.throws(
      () => exportVerlBundle({ outDir: dir, source: source(2) }),
      /verl-config\.json: "actor_rollout_ref\.actor\.use_dynamic_bsz" is false/,
    );
    assert.deepEqual(snapshot(dir), before, 'the bundle is untouched');
    assert.deepEqual(readdirSync(root), ['bundle'], 'no staging folder left beside it');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('verl export failing late (rollout folder blocked by a file, a script path taken by a folder) leaves the previous bundle intact', () => {
  const root = mkdtempSync(join(tmpdir(), 'rl-verl-atomic-'));
  try {
    const dir = join(root, 'bundle');
    const blocked: [string, (dir: string) => void, RegExp][] = [
      [
        'rollout folder is a file',
        (d) => {
          writeFileSync(join(d, 'blocker'), 'not a folder\n');
          editConfig(d, (o) => {
            o['trainer.rollout_data_dir'] = join(d, 'blocker');
            o['trainer.total_epochs'] = 7;
          });
        },
        /trainer\.rollout_data_dir.*blocker.*not a folder/,
      ],
      [
        'submit_ray.sh is a folder',
        (d) => {
          rmSync(join(d, 'submit_ray.sh'));
          mkdirSync(join(d, 'submit_ray.sh'));
          writeFileSync(join(d, 'submit_ray.sh', 'keep.txt'), 'mine\n');
        },
        /submit_ray\.sh.*not a regular file/,
      ],
    ];
    for (const [what, block, message] of blocked) {
      rmSync(dir, { recursive: true, force: true });
      exportVerlBundle({ outDir: dir, source: source(1) });
      block(dir);
      const before = snapshot(dir);
      assert.throws(() => exportVerlBundle({ outDir: dir, source: source(2) }), message, what);
      assert.deepEqual(snapshot(dir), before, `${what}: the bundle is untouched`);
      assert.deepEqual(readdirSync(root), ['bundle'], `${what}: no staging folder left`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a successful re-export replaces every file, keeps a symlinked train.parquet a link (written through), leaves no staging folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'rl-verl-atomic-'));
  try {
    const dir = join(root, 'bundle');
    const first = exportVerlBundle({ outDir: dir, source: source(1) });
    const firstTrain = readFileSync(first.files.train);
    // The dataset lives elsewhere (a shared disk); the bundle links to it.
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(root, 'shared', 'train.parquet'), firstTrain);
    rmSync(first.files.train);
    symlinkSync(join(root, 'shared', 'train.parquet'), first.files.train);
    writeFileSync(join(dir, 'rollouts', '1.jsonl'), '{"step": 1}\n');
    chmodSync(first.files.test, 0o600);
    chmodSync(first.files.runScript, 0o700);
    const second = exportVerlBundle({ outDir: dir, source: source(2) });
    assert.ok(lstatSync(second.files.train).isSymbolicLink(), 'the link is kept');
    const secondTrain = readFileSync(join(root, 'shared', 'train.parquet'));
    assert.notDeepEqual(secondTrain, firstTrain, "the new dataset went to the link's target");
    assert.equal(readFileSync(join(dir, 'rollouts', '1.jsonl'), 'utf8'), '{"step": 1}\n', 'rollouts are not touched');
    assert.equal(lstatSync(second.files.test).mode & 0o777, 0o600, 'an existing file keeps its permissions');
    assert.equal(lstatSync(second.files.runScript).mode & 0o777, 0o700, 'a script keeps its permissions');
    assert.equal(lstatSync(second.files.rayScript).mode & 0o777, 0o755, 'and stays executable');
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('.')),
      [],
      'no staging folder inside',
    );
    assert.deepEqual(readdirSync(root).sort(), ['bundle', 'shared']);
    // A fresh folder (nested, not there yet) is published whole.
    const fresh = exportVerlBundle({ outDir: join(root, 'a', 'b'), source: source(1) });
    assert.deepEqual(readFileSync(fresh.files.train), firstTrain);
    assert.deepEqual(readdirSync(join(root, 'a')), ['b']);
    mkdirSync(join(root, 'plain'));
    assert.equal(
      lstatSync(join(root, 'a', 'b')).mode,
      lstatSync(join(root, 'plain')).mode,
      'a new export folder gets the usual permissions',
    );
    assert.ok(existsSync(fresh.rolloutDir) && existsSync(fresh.validationDir));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('publishStaged: a failure midway puts back every file it had already replaced', () => {
  const root = mkdtempSync(join(tmpdir(), 'rl-verl-publish-'));
  try {
    const out = join(root, 'out'),
      staging = join(out, '.staging');
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(out, 'a.txt'), 'old a\n');
    writeFileSync(join(staging, 'a.txt'), 'new a\n');
    writeFileSync(join(staging, 'b.txt'), 'new b\n');
    // c.txt was never staged: its rename fails after a.txt and b.txt were published.
    const { publishStaged } = bundle as unknown as { publishStaged: (staging: string, files: [string, string][]) => void };
    assert.equal(typeof publishStaged, 'function', 'exportBundle.ts exports publishStaged');
    assert.throws(
      () =>
        publishStaged(staging, [
          ['a.txt', join(out, 'a.txt')],
          ['b.txt', join(out, 'b.txt')],
          ['c.txt', join(out, 'c.txt')],
        ]),
      /c\.txt/,
    );
    assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'old a\n');
    assert.ok(!existsSync(join(out, 'b.txt')), 'a file that did not exist before is removed again');
    assert.ok(!existsSync(join(out, 'c.txt')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
