// reflectionLens/followRollouts over a real JSON-RPC connection to the built server
// (dist/server.js): a fake verl run (the project's generator: `verl simulate`, then step files
// written while the subscription runs, one of them torn mid-write for a while) drives the live
// notifications; each step's numbers equal `calibrate DIR --by step --json` for that step, and the
// server's read counter shows every step file read exactly once.
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
import {
  FOLLOW_ROLLOUTS_METHOD, ROLLOUT_STEP_NOTIFICATION, UNFOLLOW_ROLLOUTS_METHOD,
  type FollowRolloutsParams, type FollowRolloutsResult, type RolloutStepParams, type UnfollowRolloutsResult,
} from '../../server/src/lsp/rolloutFollowProtocol.js';
import { LiveCalibration } from '../../client/src/calibration/liveResult.js';
import { LspSession } from './lspSession.js';

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
const numbers = (g: CalibrationGroup) => [g.model, g.step, g.task, g.n, g.counts, g.transitions, g.accuracy, g.p, g.delta1, g.delta2, g.predicted, g.predictedK];

describe('following a verl rollout dir over JSON-RPC', { skip }, () => {
  let root: string;
  let dir: string;
  let lsp: LspSession;
  const received: RolloutStepParams[] = [];
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'rl-follow-'));
    dir = join(root, 'grpo-live');
    lsp = new LspSession();
    lsp.conn.onNotification(ROLLOUT_STEP_NOTIFICATION, (p: RolloutStepParams) => { received.push(p); });
    await lsp.initialize();
  });
  after(async () => {
    await lsp?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const stepsOf = (id: string, complete = true) => received.filter((p) => p.id === id && (!complete || p.summary.complete)).map((p) => p.summary.step);
  async function waitForStep(id: string, step: number): Promise<void> {
    while (!received.some((p) => p.id === id && p.summary.step === step && p.summary.complete)) {
      if (lsp.exited) throw new Error(`server exited: ${lsp.stderr.slice(-2000)}`);
      await sleep(20);
    }
  }

  test('new step files become notifications with the batch numbers; each file read once', async () => {
    // The job has already dumped two steps when the view starts following.
    runCli(['verl', 'simulate', dir, '--steps', '2', '--rollouts', '96', '--every-ms', '0', '--tasks', TASKS.join(',')]);
    const params: FollowRolloutsParams = { dir: pathToFileURL(dir).href, bootstrap: 100, seed: 3, pollMs: 25, settleMs: 150, partialEveryMs: 0 };
    const { id, run } = await lsp.conn.sendRequest<FollowRolloutsResult>(FOLLOW_ROLLOUTS_METHOD, params);
    assert.equal(run, 'grpo-live');
    await waitForStep(id, 2);
    assert.deepEqual(stepsOf(id), [1, 2]);

    // Step 3 is being written: nothing may come out of it until it is complete.
    const torn = writeFakeRolloutStep(dir, 3, { ...fake, stopAfterBytes: 20_000 });
    await sleep(800);
    assert.deepEqual(stepsOf(id, false).filter((s) => s === 3), [], 'step 3 was read while still being written');
    appendRest(torn.path, torn.rest!);
    await waitForStep(id, 3);
    for (const step of [4, 5]) {
      writeFakeRolloutStep(dir, step, fake);
      await waitForStep(id, step);
    }
    await sleep(500); // a file read twice would show up as another notification by now
    const { reads } = await lsp.conn.sendRequest<UnfollowRolloutsResult>(UNFOLLOW_ROLLOUTS_METHOD, { id });
    assert.deepEqual(reads, Object.fromEntries([1, 2, 3, 4, 5].map((s) => [join(dir, `${s}.jsonl`), 1])));

    const mine = received.filter((p) => p.id === id);
    assert.deepEqual(stepsOf(id), [1, 2, 3, 4, 5], 'one complete summary per step, in order');
    assert.ok(mine.every((p) => p.reads === 1));
    for (const step of [1, 2, 3, 4, 5]) {
      const ofStep = mine.filter((p) => p.summary.step === step);
      // partialEveryMs 0: an interim summary after 64 of the 96 rollouts, then the complete one.
      assert.deepEqual(ofStep.map((p) => [p.summary.complete, p.summary.records]), [[false, 64], [true, 96]], `step ${step}`);
    }

    // After unfollowing, a new step is not read.
    writeFakeRolloutStep(dir, 6, fake);
    await sleep(600);
    assert.equal(received.filter((p) => p.summary.step === 6).length, 0);

    const batch = JSON.parse(runCli(['calibrate', dir, '--by', 'step', '--json', '--bootstrap', '100', '--seed', '3'])) as CalibrationResult;
    for (const step of [1, 2, 3, 4, 5]) {
      const live = mine.find((p) => p.summary.step === step && p.summary.complete)!.summary;
      assert.deepEqual(live.skipped, []);
      assert.deepEqual(live.groups.map(numbers), batch.groups.filter((g) => g.step === step).map(numbers), `step ${step}`);
      assert.deepEqual(live.groups.map((g) => g.task), TASKS);
    }
    // The panel's merge of the same notifications (interim ones replaced by complete ones) is the batch result.
    const merged = new LiveCalibration({ B: 100, seed: 3 });
    for (const p of mine) merged.apply(p.summary, p.reads);
    assert.deepEqual(merged.result().groups.map(numbers), batch.groups.filter((g) => g.step! <= 5).map(numbers));
    assert.deepEqual(merged.meta(), { steps: 5, lastStep: 5, reading: [], files: 5, reads: 5 });
  });

  test('bad parameters are InvalidParams; an unknown subscription too', async () => {
    await assert.rejects(lsp.conn.sendRequest(FOLLOW_ROLLOUTS_METHOD, { dir: 'untitled:x', bootstrap: 10, seed: 1 }),
      (e: ResponseError) => e.code === ErrorCodes.InvalidParams && /file: URI/.test(e.message));
    await assert.rejects(lsp.conn.sendRequest(FOLLOW_ROLLOUTS_METHOD, { dir: pathToFileURL(dir).href, bootstrap: 0, seed: 1, pollMs: -1 }),
      (e: ResponseError) => e.code === ErrorCodes.InvalidParams && /bootstrap/.test(e.message) && /pollMs/.test(e.message));
    await assert.rejects(lsp.conn.sendRequest(UNFOLLOW_ROLLOUTS_METHOD, { id: 'nope' }), (e: ResponseError) => e.code === ErrorCodes.InvalidParams);
  });

  test('a directory that does not exist yet is followed until the job creates it', async () => {
    const later = join(root, 'not-yet');
    const { id } = await lsp.conn.sendRequest<FollowRolloutsResult>(FOLLOW_ROLLOUTS_METHOD, { dir: pathToFileURL(later).href, bootstrap: 50, seed: 1, pollMs: 25, settleMs: 100 });
    await sleep(200);
    writeFakeRolloutStep(later, 7, fake);
    await waitForStep(id, 7);
    const { reads } = await lsp.conn.sendRequest<UnfollowRolloutsResult>(UNFOLLOW_ROLLOUTS_METHOD, { id });
    assert.deepEqual(reads, { [join(later, '7.jsonl')]: 1 });
  });

  test('the server ends (and its subscriptions with it) when the client disconnects', async () => {
    const other = new LspSession();
    await other.initialize();
    await other.conn.sendRequest<FollowRolloutsResult>(FOLLOW_ROLLOUTS_METHOD, { dir: pathToFileURL(dir).href, bootstrap: 50, seed: 1, pollMs: 25, settleMs: 100 });
    const exited = new Promise<void>((resolve) => { if (other.exited) resolve(); else other.child.once('exit', () => resolve()); });
    other.child.stdin.end();
    await exited;
    assert.equal(other.exited, true);
    other.conn.dispose();
  });
});
