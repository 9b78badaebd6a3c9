// Checkpoints are validated (types, shapes, finiteness, step) before a resume trains on them
// (issue 12, item 9): a damaged one is refused with the file, the field and what was expected,
// and the run directory is left exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTraining } from '../../../server/src/training/runner.js';
import { readMetrics } from '../../../server/src/training/runDir.js';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name),
        r = rel ? `${rel}/${name}` : name;
      if (lstatSync(p).isDirectory()) {
        out[r] = 'dir';
        walk(p, r);
      } else out[r] = createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16);
    }
  };
  walk(dir, '');
  return out;
}

type Damage = [what: string, damage: (checkpoint: string) => void, message: RegExp];

/** Copies the finished run, damages its last checkpoint, resumes with more steps: must be refused with `message`, changing nothing. */
async function assertRefused(source: string, checkpoint: string, steps: number, [what, damage, message]: Damage): Promise<void> {
  const dir = `${source}-${what.replace(/\W+/g, '-')}`;
  cpSync(source, dir, { recursive: true });
  damage(join(dir, 'checkpoints', checkpoint));
  const before = snapshot(dir);
  let error: unknown;
  let done: Awaited<ReturnType<typeof runTraining>> | undefined;
  try {
    done = await runTraining({ config: [{ steps }], resume: dir, signal: new AbortController().signal, onEvent() {} });
  } catch (err) {
    error = err;
  }
  const last = readMetrics(dir).records.at(-1);
  assert.ok(
    error instanceof Error,
    `${what}: the resume must be refused, but it ran: ${done?.state} at step ${done?.step}${done?.error ? ` (${done.error})` : ''}, last metrics line p=${String(last?.p)}, loss=${String(last?.loss)}`,
  );
  assert.match(error.message, message, what);
  assert.deepEqual(snapshot(dir), before, `${what}: the run directory is unchanged`);
}

const editJson = (file: string, edit: (o: Record<string, unknown>) => void): void => {
  const o = JSON.parse(readFileSync(file, 'utf8'));
  edit(o);
  writeFileSync(file, JSON.stringify(o));
};

test('a ds3 checkpoint with wrong types, missing or non-finite values or the wrong step is refused before training, naming file, field and expectation', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ckpt-ds3-'));
  try {
    const run = join(tmp, 'run');
    const done = await runTraining({
      config: [{ policy: 'ds3', steps: 10, groups: 4, n: 4, checkpointEvery: 5 }],
      out: run,
      signal: new AbortController().signal,
      onEvent() {},
    });
    assert.equal(done.state, 'completed');
    const state = (ck: string) => join(ck, 'state.json');
    const file = /checkpoints\/step-000010\/state\.json: /;
    const damages: Damage[] = [
      [
        'theta.s is a string',
        (ck) =>
          editJson(state(ck), (o) => {
            (o.theta as Record<string, unknown>).s = 'x';
          }),
        /"theta\.s" must be a finite number, got "x"/,
      ],
      [
        'reference missing',
        (ck) =>
          editJson(state(ck), (o) => {
            delete o.reference;
          }),
        /"reference" must be an object \{s, stop, resample\} of finite numbers, got undefined/,
      ],
      [
        'theta.resample infinite',
        (ck) => writeFileSync(state(ck), readFileSync(state(ck), 'utf8').replace(/"resample": [^,\n}]+/, '"resample": 1e999')),
        /"theta\.resample" must be a finite number, got Infinity/,
      ],
      [
        'theta.stop null',
        (ck) =>
          editJson(state(ck), (o) => {
            (o.theta as Record<string, unknown>).stop = null;
          }),
        /"theta\.stop" must be a finite number, got null/,
      ],
      [
        'step disagrees with its folder',
        (ck) =>
          editJson(state(ck), (o) => {
            o.step = 9;
          }),
        /"step" is 9, expected 10 \(the checkpoint folder's step\)/,
      ],
      ['not an object', (ck) => writeFileSync(state(ck), '[1, 2]'), /expected a JSON object \{step, theta, reference\}, got an array/],
      ['torn JSON', (ck) => writeFileSync(state(ck), '{"step": 10, "theta": {'), /not valid JSON/],
      ['state.json missing', (ck) => rmSync(state(ck)), /cannot read it \(ENOENT\)/],
    ];
    for (const d of damages) {
      await assertRefused(run, 'step-000010', 20, [d[0], d[1], new RegExp(`${file.source}${d[2].source}`)]);
    }
    // The message also says which older checkpoint could be resumed instead.
    await assertRefused(run, 'step-000010', 20, [
      'hint',
      (ck) =>
        editJson(state(ck), (o) => {
          (o.theta as Record<string, unknown>).s = 'x';
        }),
      /checkpoints\/step-000005 is the previous checkpoint: move step-000010 away to resume from it/,
    ]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a tiny-lm checkpoint with NaN weights, a wrong tensor shape, a missing tensor or a bad loop state is refused before training', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ckpt-tinylm-'));
  try {
    const run = join(tmp, 'run');
    const config = {
      policy: 'tiny-lm',
      backend: 'wasm',
      seed: 3,
      tasks: ['1x1'],
      oodTasks: [],
      steps: 4,
      warmupSteps: 2,
      evalEvery: 2,
      evalSize: 4,
      logEvery: 1,
      checkpointEvery: 2,
      dModel: 16,
      heads: 2,
      layers: 1,
    };
    const done = await runTraining({ config: [config], out: run, signal: new AbortController().signal, onEvent() {} });
    assert.equal(done.state, 'completed', done.error);
    const manifest = (ck: string) => join(ck, 'tinylm.json');
    const tensors = (o: Record<string, unknown>) =>
      o.tensors as { name: string; file: string; shape: number[]; offset: number; length: number }[];
    const damages: Damage[] = [
      [
        'NaN weight',
        (ck) => {
          const m = tensors(JSON.parse(readFileSync(manifest(ck), 'utf8'))).find((t) => t.name === 'p/l0.q.w')!;
          const buf = readFileSync(join(ck, 'weights.bin'));
          buf.writeFloatLE(Number.NaN, (m.offset + 5) * 4);
          writeFileSync(join(ck, 'weights.bin'), buf);
        },
        /checkpoints\/step-000004\/weights\.bin: tensor "p\/l0\.q\.w" holds NaN at index 5 \(expected finite float32 values\)/,
      ],
      [
        'infinite reference weight',
        (ck) => {
          const buf = readFileSync(join(ck, 'reference.bin'));
          buf.writeFloatLE(Number.POSITIVE_INFINITY, 0);
          writeFileSync(join(ck, 'reference.bin'), buf);
        },
        /checkpoints\/step-000004\/reference\.bin: tensor "ref\/tokEmb" holds Infinity at index 0/,
      ],
      [
        'wrong shape',
        (ck) =>
          editJson(manifest(ck), (o) => {
            const t = tensors(o).find((x) => x.name === 'p/tokEmb')!;
            t.shape = [16, 8, 2];
          }),
        /tinylm\.json: "tensors\[\d+\]\.shape" of "p\/tokEmb" is \[16,8,2\], expected \[16,16\] \(from config\.json\)/,
      ],
      [
        'missing tensor',
        (ck) =>
          editJson(manifest(ck), (o) => {
            o.tensors = tensors(o).filter((x) => x.name !== 'p/head.w');
          }),
        /tinylm\.json: lacks tensor "p\/head\.w" \(shape \[16,16\]\)/,
      ],
      [
        'rng a string',
        (ck) =>
          editJson(manifest(ck), (o) => {
            (o.state as Record<string, unknown>).rng = 'x';
          }),
        /tinylm\.json: "state\.rng" must be an integer in \[0, 2\^32\), got "x"/,
      ],
      [
        'file outside the folder',
        (ck) =>
          editJson(manifest(ck), (o) => {
            tensors(o)[0].file = '../../config.json';
          }),
        /tinylm\.json: "tensors\[0\]\.file" must be a file name in the checkpoint folder, got "\.\.\/\.\.\/config\.json"/,
      ],
      [
        'weights.bin too short',
        (ck) => writeFileSync(join(ck, 'weights.bin'), readFileSync(join(ck, 'weights.bin')).subarray(0, 64)),
        /weights\.bin: holds 16 float32 values, but "p\/[\w.]+" needs/,
      ],
    ];
    for (const d of damages) await assertRefused(run, 'step-000004', 6, d);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test(
  'reflection-lens train --resume on a damaged checkpoint: exit 1, the message (file, field, expected) on stderr, no stack trace',
  { skip: existsSync(resolve('dist', 'cli.js')) ? false : 'dist/cli.js not built (npm run build)' },
  async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ckpt-cli-'));
    try {
      const run = join(tmp, 'run');
      await runTraining({
        config: [{ policy: 'ds3', steps: 4, groups: 2, n: 2 }],
        out: run,
        signal: new AbortController().signal,
        onEvent() {},
      });
      editJson(join(run, 'checkpoints', 'step-000004', 'state.json'), (o) => {
        (o.theta as Record<string, unknown>).s = 'x';
      });
      const before = snapshot(run);
      const r = spawnSync(process.execPath, [resolve('dist', 'cli.js'), 'train', '--resume', run, '--steps', '8'], { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.match(
        r.stderr,
        /reflection-lens train: .*checkpoints\/step-000004\/state\.json: "theta\.s" must be a finite number, got "x"\n/,
      );
      assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
      assert.deepEqual(snapshot(run), before);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);
