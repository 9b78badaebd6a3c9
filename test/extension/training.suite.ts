// Run GRPO inside the real extension host: the trainer is a forked child process (never the
// host), its run directory is complete, Stop Training stops it cleanly and Resume finishes it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMetrics, readStatus } from '../../server/src/training/runDir.js';
import { EXTENSION_ID, waitFor } from './util.js';

interface Outcome {
  state: string;
  runDir: string;
  step: number;
  error?: string;
}

describe('Run GRPO (training) in the extension host', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('runs ds3 in a forked trainer and leaves a complete run directory', async () => {
    const runsRoot = mkdtempSync(join(tmpdir(), 'rl-ext-train-'));
    const outcome = await vscode.commands.executeCommand<Outcome>('reflectionLens.runGrpo', {
      config: { policy: 'ds3', steps: 30, groups: 8 },
      runsRoot,
    });
    assert.equal(outcome.state, 'completed', outcome.error);
    assert.equal(outcome.step, 30);
    const { records, bad } = readMetrics(outcome.runDir);
    assert.deepEqual(bad, []);
    assert.equal(records.length, 30);
    assert.equal(records[0].backend, 'js-exact');
    const status = readStatus(outcome.runDir);
    assert.equal(status?.state, 'completed');
    assert.notEqual(status?.pid, process.pid, 'trained in a child process, not on the extension host');
    assert.ok(readdirSync(join(outcome.runDir, 'rollouts')).some((f) => f.endsWith('.trace')));
  });

  it('Stop Training stops after a step with a checkpoint; Resume Training Run finishes the run', async () => {
    const runsRoot = mkdtempSync(join(tmpdir(), 'rl-ext-train-'));
    const running = vscode.commands.executeCommand<Outcome>('reflectionLens.runGrpo', {
      config: { policy: 'ds3', steps: 300, groups: 64 },
      runsRoot,
    });
    const dir = await waitFor('a run directory with 3 metrics lines', () => {
      const d = existsSync(runsRoot) ? readdirSync(runsRoot)[0] : undefined;
      return d && readMetrics(join(runsRoot, d)).records.length >= 3 ? join(runsRoot, d) : undefined;
    });
    await vscode.commands.executeCommand('reflectionLens.stopTraining');
    const stopped = await running;
    assert.equal(stopped.state, 'stopped');
    assert.equal(stopped.runDir, dir);
    assert.ok(stopped.step > 0 && stopped.step < 300, `stopped at ${stopped.step}`);
    assert.equal(readMetrics(dir).records.length, stopped.step);
    const resumed = await vscode.commands.executeCommand<Outcome>('reflectionLens.resumeTraining', vscode.Uri.file(dir));
    assert.equal(resumed.state, 'completed', resumed.error);
    assert.deepEqual(
      readMetrics(dir).records.map((r) => r.step),
      Array.from({ length: 300 }, (_, i) => i),
    );
  });
});
