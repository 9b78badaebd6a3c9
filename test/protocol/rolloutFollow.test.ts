// reflectionLens/followRollouts over a real JSON-RPC connection to the built server
// (dist/server.js): a fake verl run (the project's generator: `verl simulate`, then step files
// written while the subscription runs, one of them torn mid-write for a while) drives the live
// notifications; each step's numbers equal `calibrate DIR --by step --json` for that step, and the
// server's read counter shows every step file read exactly once. What must not happen is checked
// after an event that shows it would have by then (a later step handed out), never after a sleep.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, type ResponseError } from 'vscode-languageserver-protocol/node';
import type { CalibrationGroup, CalibrationResult } from '../../server/src/analysis/types.js';
import { appendRest, writeFakeRolloutStep } from '../../server/src/training/verl/fakeRollouts.js';
import { LiveCalibration } from '../../client/src/calibration/liveResult.js';
import { LspSession } from './lspSession.js';
import { waitUntil, withDeadline } from '../deadline.js';
import { followRolloutsRequest, rolloutStepNotification, unfollowRolloutsRequest } from '../../protocol/methods.js';
import type { FollowRolloutsParams, RolloutStepParams } from '../../protocol/rollouts.js';

const cli = join(process.cwd(), 'dist', 'cli.js');
const skip = existsSync('dist/server.js') && existsSync(cli) ? undefined : 'dist/server.js or dist/cli.js is not built (npm run build)';
if (skip) console.log(`# skipping rollout follow tests: ${skip}`);

const TASKS = ['2x3', '3x4'];
const fake = { rollouts: 96, tasks: TASKS, groupSize: 8 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runCli(args: string[]): string {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** What must agree between the live summary and the batch CLI for one group. */
const numbers = (g: CalibrationGroup) => [
  g.model,
  g.step,
  g.task,
  g.n,
  g.counts,
  g.transitions,
  g.accuracy,
  g.p,
  g.delta1,
  g.delta2,
  g.predicted,
  g.predictedK,
];

describe('following a verl rollout dir over JSON-RPC', { skip }, () => {
  let root: string;
  let dir: string;
  let lsp: LspSession;
  const received: RolloutStepParams[] = [];
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'rl-follow-'));
    dir = join(root, 'grpo-live');
    lsp = new LspSession();
    lsp.conn.onNotification(rolloutStepNotification, (p: RolloutStepParams) => {
      received.push(p);
    });
    await lsp.initialize();
  });
  after(async () => {
    await lsp?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const stepsOf = (id: string, complete = true) =>
    received.filter((p) => p.id === id && (!complete || p.summary.complete)).map((p) => p.summary.step);
  async function waitForStep(id: string, step: number): Promise<void> {
    await waitUntil(
      `the complete summary of step ${step} (${id})`,
      () => {
        if (lsp.exited) throw new Error(`server exited: ${lsp.stderr.slice(-2000)}`);
        return received.some((p) => p.id === id && p.summary.step === step && p.summary.complete);
      },
      {
        timeoutMs: 60_000,
        detail: () => `complete steps so far: ${JSON.stringify(stepsOf(id))}; server stderr: ${lsp.stderr.slice(-1000)}`,
      },
    );
  }

  test('new step files become notifications with the batch numbers; each file read once', async () => {
    // The job has already dumped two steps when the view starts following.
    runCli(['verl', 'simulate', dir, '--steps', '2', '--rollouts', '96', '--every-ms', '0', '--tasks', TASKS.join(',')]);
    const params: FollowRolloutsParams = {
      dir: pathToFileURL(dir).href,
      bootstrap: 100,
      seed: 3,
      pollMs: 25,
      settleMs: 150,
      partialEveryMs: 0,
    };
    const { id, run } = await lsp.conn.sendRequest(followRolloutsRequest, params);
    assert.equal(run, 'grpo-live');
    await waitForStep(id, 2);
    assert.deepEqual(stepsOf(id), [1, 2]);

    // Step 3 is still being written when step 4 is complete: step 4 comes out, nothing comes out of
    // step 3 until it is complete. The watcher looks at the files in step order and hands step 4
    // out only once it has rested settleMs, so the look that handed it out went over the torn
    // step 3, which had rested at least as long: step 4's summary shows step 3 was looked at.
    const torn = writeFakeRolloutStep(dir, 3, { ...fake, stopAfterBytes: 20_000 });
    writeFakeRolloutStep(dir, 4, fake);
    await waitForStep(id, 4);
    assert.deepEqual(
      stepsOf(id, false).filter((s) => s === 3),
      [],
      'step 3 was read while still being written',
    );
    appendRest(torn.path, torn.rest!);
    await waitForStep(id, 3);
    // Step 6 comes out of a look that went over steps 1-5 first: a file read twice would be out by then.
    for (const step of [5, 6]) {
      writeFakeRolloutStep(dir, step, fake);
      await waitForStep(id, step);
    }
    const steps = [1, 2, 3, 4, 5, 6];
    const { reads } = await lsp.conn.sendRequest(unfollowRolloutsRequest, { id });
    assert.deepEqual(reads, Object.fromEntries(steps.map((s) => [join(dir, `${s}.jsonl`), 1])));

    const mine = received.filter((p) => p.id === id);
    assert.deepEqual(stepsOf(id), [1, 2, 4, 3, 5, 6], 'one complete summary per step, as each step file was complete');
    assert.ok(mine.every((p) => p.reads === 1));
    for (const step of steps) {
      const ofStep = mine.filter((p) => p.summary.step === step);
      // partialEveryMs 0: an interim summary after 64 of the 96 rollouts, then the complete one.
      assert.deepEqual(
        ofStep.map((p) => [p.summary.complete, p.summary.records]),
        [
          [false, 64],
          [true, 96],
        ],
        `step ${step}`,
      );
    }

    // After unfollowing, a new step is not read. A second subscription on the folder, with the same
    // timing and steps 1-6 to read first, shows when the first would have reported it.
    const { id: witness } = await lsp.conn.sendRequest(followRolloutsRequest, params);
    writeFakeRolloutStep(dir, 7, fake);
    await waitForStep(witness, 7);
    await lsp.conn.sendRequest(unfollowRolloutsRequest, { id: witness });
    assert.deepEqual(
      received.filter((p) => p.id === id && p.summary.step === 7),
      [],
      'an unfollowed subscription read a new step',
    );

    const batch = JSON.parse(
      runCli(['calibrate', dir, '--by', 'step', '--json', '--bootstrap', '100', '--seed', '3']),
    ) as CalibrationResult;
    for (const step of steps) {
      const live = mine.find((p) => p.summary.step === step && p.summary.complete)!.summary;
      assert.deepEqual(live.skipped, []);
      assert.deepEqual(live.groups.map(numbers), batch.groups.filter((g) => g.step === step).map(numbers), `step ${step}`);
      assert.deepEqual(
        live.groups.map((g) => g.task),
        TASKS,
      );
    }
    // The panel's merge of the same notifications (interim ones replaced by complete ones) is the batch result.
    const merged = new LiveCalibration({ B: 100, seed: 3 });
    for (const p of mine) merged.apply(p.summary, p.reads);
    assert.deepEqual(merged.result().groups.map(numbers), batch.groups.filter((g) => g.step! <= 6).map(numbers));
    assert.deepEqual(merged.meta(), { steps: 6, lastStep: 6, reading: [], files: 6, reads: 6 });
  });

  test('bad parameters are InvalidParams; an unknown subscription too', async () => {
    await assert.rejects(
      lsp.conn.sendRequest(followRolloutsRequest.method, { dir: 'untitled:x', bootstrap: 10, seed: 1 }),
      (e: ResponseError) => e.code === ErrorCodes.InvalidParams && /file: URI/.test(e.message),
    );
    await assert.rejects(
      lsp.conn.sendRequest(followRolloutsRequest.method, { dir: pathToFileURL(dir).href, bootstrap: 0, seed: 1, pollMs: -1 }),
      (e: ResponseError) => e.code === ErrorCodes.InvalidParams && /bootstrap/.test(e.message) && /pollMs/.test(e.message),
    );
    await assert.rejects(
      lsp.conn.sendRequest(unfollowRolloutsRequest.method, { id: 'nope' }),
      (e: ResponseError) => e.code === ErrorCodes.InvalidParams,
    );
  });

  test('a directory that does not exist yet is followed until the job creates it', async () => {
    const later = join(root, 'not-yet');
    const { id } = await lsp.conn.sendRequest(followRolloutsRequest, {
      dir: pathToFileURL(later).href,
      bootstrap: 50,
      seed: 1,
      pollMs: 25,
      settleMs: 100,
    });
    await sleep(200);
    writeFakeRolloutStep(later, 7, fake);
    await waitForStep(id, 7);
    const { reads } = await lsp.conn.sendRequest(unfollowRolloutsRequest, { id });
    assert.deepEqual(reads, { [join(later, '7.jsonl')]: 1 });
  });

  test('the server ends (and its subscriptions with it) when the client disconnects', async () => {
    const other = new LspSession();
    await other.initialize();
    await other.conn.sendRequest(followRolloutsRequest, {
      dir: pathToFileURL(dir).href,
      bootstrap: 50,
      seed: 1,
      pollMs: 25,
      settleMs: 100,
    });
    const exited = new Promise<void>((resolve) => {
      if (other.exited) resolve();
      else other.child.once('exit', () => resolve());
    });
    other.child.stdin.end();
    await withDeadline(exited, 30_000, 'the server to exit after its client closed stdin', () => other.child.kill('SIGKILL'));
    assert.equal(other.exited, true);
    other.conn.dispose();
  });
});
