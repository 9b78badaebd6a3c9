// `reflection-lens calibrate ROLLOUT_DIR --by step --json` (the built CLI, spawned) on a
// verl-format directory: one group per step and task, named after the run's folder, agreeing
// with the live per-step summaries of the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeFakeRolloutStep } from '../../../server/src/training/verl/fakeRollouts.js';
import { followRolloutSteps } from '../../../server/src/training/verl/liveSteps.js';
import type { CalibrationResult } from '../../../server/src/analysis/types.js';

const cli = join(process.cwd(), 'dist', 'cli.js');

test(
  'calibrate --by step on a verl rollout dir: one group per step and task',
  { skip: existsSync(cli) ? false : 'dist/cli.js not built (run npm test, which builds first)' },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'rl-verl-cal-'));
    const dir = join(root, 'grpo-qwen7b');
    try {
      for (const step of [1, 5, 12]) writeFakeRolloutStep(dir, step, { rollouts: 96, tasks: ['2x3', '3x4', '5x5'], groupSize: 8 });
      const r = spawnSync(process.execPath, [cli, 'calibrate', dir, '--by', 'step', '--json', '--bootstrap', '100'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const result = JSON.parse(r.stdout) as CalibrationResult;
      assert.deepEqual(
        result.groups.map((g) => [g.model, g.step, g.task, g.n]),
        [1, 5, 12].flatMap((step) => ['2x3', '3x4', '5x5'].map((task) => ['grpo-qwen7b', step, task, 32])),
      );
      assert.deepEqual(result.skipped, []);

      const live = [];
      for await (const s of followRolloutSteps(dir, { once: true, settleMs: 0, bootstrap: 100 })) live.push(...s.groups);
      assert.deepEqual(
        live.map((g) => [g.model, g.step, g.task, g.n, g.counts, g.p.value, g.delta1.value, g.delta2.value, g.accuracy]),
        result.groups.map((g) => [g.model, g.step, g.task, g.n, g.counts, g.p.value, g.delta1.value, g.delta2.value, g.accuracy]),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);
