// exp37's finding, stop 38: Ctrl-C waited through a run's final evaluation (evalSize 400: 109 s) and
// the run then counted as completed. With the built dist/cli.js in a child process and a real
// SIGINT: `train` and `experiment --jobs 1` stop within one sampled position of the evaluation,
// the step is checkpointed, the run is "stopped" (also at its last step), no rollouts of the
// evaluation are written and no temporary file is left; `--resume` runs the evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestCheckpoint, readMetrics, readStatus } from '../../server/src/training/runDir.js';
import { waitUntil, withDeadline } from '../deadline.js';
import { runCli, scratchDir } from './cliScratch.js';

const { dir, write } = scratchDir('rl-cli-evalstop-');

/** Every file under `root` (relative paths). */
function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1));
}

/**
 * Starts `args`, waits for the tiny-lm backend line (the run is built; its one training step and
 * then the evaluation follow), waits `afterMs`, sends SIGINT; the exit code and the stderr. The
 * deadlines are hang guards: that the stop was prompt is what the run says it stopped in (the
 * evaluation, no rollouts of it written), not a time.
 */
async function interrupt(args: string[], afterMs = 1500): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['dist/cli.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  await waitUntil(
    'the tiny-lm backend line',
    () => {
      if (child.exitCode !== null) throw new Error(`exited early (${child.exitCode}): ${stderr}`);
      return /tiny-lm: backend/.test(stderr);
    },
    { timeoutMs: 60_000, detail: () => stderr },
  );
  await new Promise((r) => setTimeout(r, afterMs));
  assert.equal(child.exitCode, null, `still evaluating when the signal comes: ${stderr}`);
  child.kill('SIGINT');
  const code = await withDeadline(exit, 120_000, 'the run to stop on SIGINT', () => child.kill('SIGKILL'));
  return { code, stderr };
}

test('train: SIGINT during the final evaluation stops it there ("stopped", checkpoint, nothing half-written); --resume evaluates', async () => {
  const out = join(dir, 'train');
  // One supervised step, then an evaluation of 2 x 15000 problems (about 8 s on the 2-core
  // machines; 2 x 3000 took 1.6 s and the signal, 1.5 s after the backend line, once came after
  // it). A signal that comes early, during the step, stops the evaluation at its first position.
  const config = write(
    'train.json',
    JSON.stringify({
      policy: 'tiny-lm',
      objective: 'sft',
      steps: 1,
      evalSize: 15000,
      evalAtStart: false,
      dModel: 16,
      heads: 2,
      layers: 1,
      batchSize: 8,
      backend: 'wasm',
    }),
  );
  const r = await interrupt(['train', '--config', config, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /stopped during the evaluation of step 1; checkpoint of step 1 kept, no rollouts of it written/);
  assert.match(r.stderr, /train: stopped at step 1\/1; checkpoint saved, --resume continues/);
  const status = readStatus(out);
  assert.equal(status?.state, 'stopped');
  assert.equal(status?.step, 1);
  assert.equal(latestCheckpoint(out)?.step, 1);
  assert.deepEqual(
    files(out).sort(),
    ['checkpoints/step-000001/tinylm.json', 'checkpoints/step-000001/weights.bin', 'config.json', 'status.json'],
    'no rollouts, no metrics line, no temporary file',
  );

  const resumed = runCli(['train', '--resume', out, '--json'], { timeout: 300_000 });
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stderr, /running the evaluation of step 1 that a stop interrupted/);
  assert.equal(JSON.parse(resumed.stdout).state, 'completed');
  assert.equal(readStatus(out)?.state, 'completed');
  assert.deepEqual(readdirSync(join(out, 'rollouts')).sort(), ['step-1-id.trace', 'step-1-ood.trace']);
  const lines = readMetrics(out).records;
  assert.equal(lines.length, 1);
  assert.equal(lines[0].step, 0);
  assert.equal((lines[0].eval as { id: { n: number } }).id.n, 15000);
  assert.equal(JSON.parse(readFileSync(join(out, 'checkpoints', 'step-000001', 'tinylm.json'), 'utf8')).state.pendingEval, undefined);
});

test('experiment --jobs 1: SIGINT during the base run\'s final evaluation stops it there; the run and experiment.json say "stopped"', async () => {
  const out = join(dir, 'exp');
  const config = write(
    'exp.json',
    JSON.stringify({
      seeds: 1,
      base: { steps: 1, instructSteps: 1, lrWarmupSteps: 1, batchSize: 8 },
      post: { steps: 1, lrWarmupSteps: 1, promptsPerStep: 2, groupSize: 4, miniBatches: 2 },
      model: { dModel: 16, heads: 2, layers: 1 },
      evalSize: 1000,
      bootstrap: 20,
    }),
  );
  const r = await interrupt(['experiment', 'table1', '--jobs', '1', '--backend', 'wasm', '--config', config, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const base = join(out, 'seed-1', 'base');
  assert.equal(readStatus(base)?.state, 'stopped', r.stderr);
  assert.equal(latestCheckpoint(base)?.step, 1);
  assert.deepEqual(readdirSync(join(base, 'rollouts')), []);
  assert.match(r.stderr, /experiment: seed 1 base: stopped at step 1\/1/);
  assert.equal(JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8')).runs['seed-1/base'].state, 'stopped');
  assert.ok(!existsSync(join(out, 'report.json')));
});
