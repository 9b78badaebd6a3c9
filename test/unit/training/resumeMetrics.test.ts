// `train --resume` never deletes a user's data silently (issue 12, item 8): the checkpoint is
// loaded and validated before anything is written, a failed resume leaves the run directory
// exactly as it was, and corrupt metrics lines are moved to metrics.corrupt.jsonl (with their
// line numbers), said on stderr, not dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTraining } from '../../../server/src/training/runner.js';
import { readMetrics, readStatus } from '../../../server/src/training/runDir.js';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const cli = join(root, 'dist', 'cli.js');
const skipCli = existsSync(cli) ? false : 'dist/cli.js not built (npm run build)';
const CONFIG = { policy: 'ds3', steps: 10, groups: 4, n: 4, seed: 3, checkpointEvery: 5, evalEvery: 5 };

/** Every entry under dir: path -> SHA-256 of the bytes (or `dir`). */
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

async function completedRun(dir: string): Promise<void> {
  const done = await runTraining({ config: [CONFIG], out: dir, signal: new AbortController().signal, onEvent() {} });
  assert.equal(done.state, 'completed');
}

/** metrics.jsonl with `insert` put in as line `at` (1-based). */
function insertMetricsLine(dir: string, at: number, insert: string): void {
  const file = join(dir, 'metrics.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.splice(at - 1, 0, insert);
  writeFileSync(file, lines.join('\n'));
}

test('a resume that fails (damaged checkpoint) leaves the run directory exactly as it was: corrupt metrics line kept, still "completed"', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'resume-fail-'));
  try {
    const dir = join(tmp, 'run');
    await completedRun(dir);
    insertMetricsLine(dir, 4, '{"step": 3, "p": 0.5'); // a line in the middle the user can still repair
    writeFileSync(join(dir, 'checkpoints', 'step-000010', 'state.json'), '{"step": 10, "theta": {');
    const before = snapshot(dir);
    const events: string[] = [];
    let error: unknown;
    let done: Awaited<ReturnType<typeof runTraining>> | undefined;
    try {
      done = await runTraining({
        config: [{ steps: 20 }],
        resume: dir,
        signal: new AbortController().signal,
        onEvent(e) {
          events.push(e.type);
        },
      });
    } catch (err) {
      error = err;
    }
    assert.deepEqual(snapshot(dir), before, 'a failed resume changes nothing in the run directory');
    assert.equal(readStatus(dir)?.state, 'completed');
    assert.equal(readMetrics(dir).bad[0]?.line, 4, 'the corrupt line is still where it was');
    assert.ok(error instanceof Error, `the resume is refused before it starts (got done: ${JSON.stringify(done)})`);
    assert.match(error.message, /checkpoints\/step-000010\/state\.json/);
    assert.deepEqual(events, [], 'nothing was started');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test(
  'train --resume moves corrupt metrics lines to metrics.corrupt.jsonl with their line numbers and says so on stderr',
  { skip: skipCli },
  async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'resume-quarantine-'));
    try {
      const dir = join(tmp, 'run');
      await completedRun(dir);
      const original = readFileSync(join(dir, 'metrics.jsonl'), 'utf8');
      insertMetricsLine(dir, 4, 'garbage {not json');
      insertMetricsLine(dir, 8, '{"p": 0.5}');
      // A line torn by a hard kill at the end.
      writeFileSync(join(dir, 'metrics.jsonl'), readFileSync(join(dir, 'metrics.jsonl'), 'utf8') + '{"step": 10, "p": 0.');
      const r = spawnSync(process.execPath, [cli, 'train', '--resume', dir, '--steps', '15', '--json'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).state, 'completed');
      assert.match(r.stderr, /metrics\.jsonl: moved 3 corrupt lines \(lines 4, 8, 13\) to .*metrics\.corrupt\.jsonl/);
      const quarantined = readFileSync(join(dir, 'metrics.corrupt.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.deepEqual(
        quarantined.map((q) => [q.line, q.text]),
        [
          [4, 'garbage {not json'],
          [8, '{"p": 0.5}'],
          [13, '{"step": 10, "p": 0.'],
        ],
      );
      for (const q of quarantined) {
        assert.equal(q.file, 'metrics.jsonl');
        assert.equal(typeof q.reason, 'string');
        assert.equal(typeof q.at, 'string');
      }
      const { records, bad } = readMetrics(dir);
      assert.deepEqual(bad, []);
      assert.deepEqual(
        records.map((x) => x.step),
        Array.from({ length: 15 }, (_, i) => i),
      );
      // The lines that were good are kept byte for byte.
      assert.ok(readFileSync(join(dir, 'metrics.jsonl'), 'utf8').startsWith(original));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);

test('train --resume says which metrics lines it drops because the checkpoint does not cover them', { skip: skipCli }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'resume-uncovered-'));
  try {
    const dir = join(tmp, 'run');
    await completedRun(dir);
    // A hard kill after step 9's metrics line but before its checkpoint: lines 5-9 are not covered.
    rmSync(join(dir, 'checkpoints', 'step-000010'), { recursive: true });
    const r = spawnSync(process.execPath, [cli, 'train', '--resume', dir, '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /metrics\.jsonl: dropped 5 lines of steps 5-9, which the checkpoint at step 5 does not cover \(the resumed run logs them again\)/,
    );
    assert.ok(!existsSync(join(dir, 'metrics.corrupt.jsonl')), 'nothing corrupt, nothing quarantined');
    assert.deepEqual(
      readMetrics(dir).records.map((x) => x.step),
      Array.from({ length: 10 }, (_, i) => i),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a resume that fails after it started but before any progress (its backend does not load here) puts everything back', async (t) => {
  let gpuLoads = false;
  try {
    await import('@tensorflow/tfjs-node-gpu' as string);
    gpuLoads = true;
  } catch {
    // Not installed here: a run started on a CUDA machine cannot resume on this one.
  }
  if (gpuLoads) {
    t.skip('@tensorflow/tfjs-node-gpu is installed here, so the forced backend may load');
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'resume-backend-'));
  try {
    const dir = join(tmp, 'run');
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
    const first = await runTraining({ config: [config], out: dir, signal: new AbortController().signal, onEvent() {} });
    assert.equal(first.state, 'completed', first.error);
    // The run was made on a machine with a CUDA GPU (as config.json says); this one has none.
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('"backend": "wasm"', '"backend": "tfjs-node-gpu"'));
    insertMetricsLine(dir, 2, 'garbage');
    const before = snapshot(dir);
    const logs: string[] = [];
    const done = await runTraining({
      config: [{ steps: 6 }],
      resume: dir,
      signal: new AbortController().signal,
      onEvent(e) {
        if (e.type === 'log') logs.push(e.message);
      },
    });
    assert.deepEqual(snapshot(dir), before, 'status.json, config.json and metrics.jsonl are as they were');
    assert.equal(done.state, 'failed');
    assert.match(done.error ?? '', /backend tfjs-node-gpu \(forced\) did not load.*\(the run directory was left as it was\)/);
    assert.equal(readStatus(dir)?.state, 'completed');
    assert.deepEqual(
      logs.filter((l) => /metrics\.jsonl/.test(l)),
      [],
      'nothing was moved, so nothing is reported',
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
