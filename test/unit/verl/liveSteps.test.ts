// A fake verl job writes its rollout directory step by step (the project's generator, known
// p/delta1/delta2 per step and task) while followRolloutSteps drives the live numbers: each new
// step appears, a step still being written waits, the numbers move with the run, and no file
// version is read twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { followRolloutSteps, type StepSummary } from '../../../server/src/training/verl/liveSteps.js';
import { appendRest, writeFakeRolloutStep, type StepParameters } from '../../../server/src/training/verl/fakeRollouts.js';

// Early steps: poor sampling, few corrections; late steps: the RL picture (delta2 high).
const truth = (step: number, task: string): StepParameters => {
  const late = step >= 3;
  const easy = task === '2x3';
  return { p: (late ? 0.6 : 0.3) * (easy ? 1 : 0.7), delta1: late ? 0.95 : 0.8, delta2: late ? 0.9 : 0.2, echoRate: late ? 0 : 0.4 };
};
const fake = { rollouts: 800, tasks: ['2x3', '4x4'], groupSize: 8, parameters: truth };

test('live steps: each step file summarized once per task, numbers follow the run, torn files wait', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'rl-verl-live-')), 'grpo-run');
  const summaries: StepSummary[] = [];
  const controller = new AbortController();
  writeFakeRolloutStep(dir, 1, fake);
  writeFakeRolloutStep(dir, 2, fake);
  const following = (async () => {
    for await (const s of followRolloutSteps(dir, { signal: controller.signal, pollMs: 20, settleMs: 60, bootstrap: 100 }))
      summaries.push(s);
  })();
  const waitFor = async (n: number): Promise<void> => {
    const t0 = Date.now();
    while (summaries.length < n) {
      if (Date.now() - t0 > 60_000) throw new Error(`timed out waiting for ${n} steps, have ${summaries.map((s) => s.step)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await waitFor(2);
    assert.deepEqual(
      summaries.map((s) => s.step),
      [1, 2],
    );

    // Step 3 is still being written when step 4 is complete. Files are looked at in step order and
    // step 4 comes out only once it has rested settleMs, so the look that handed it out went over
    // the torn step 3, which had rested at least as long: step 4's summary shows it was looked at.
    const torn = writeFakeRolloutStep(dir, 3, { ...fake, stopAfterBytes: 40_000 });
    writeFakeRolloutStep(dir, 4, fake);
    await waitFor(3);
    assert.deepEqual(
      summaries.map((s) => s.step),
      [1, 2, 4],
      'step 3 was read while still being written',
    );
    appendRest(torn.path, torn.rest!);
    await waitFor(4);
    // Step 5 comes out of a look that went over steps 1-4 first: a file read twice would be out by then.
    writeFakeRolloutStep(dir, 5, fake);
    await waitFor(5);
    assert.deepEqual(
      summaries.map((s) => s.step),
      [1, 2, 4, 3, 5],
      'a step file was read twice',
    );

    for (const s of summaries) {
      assert.equal(s.run, 'grpo-run');
      assert.equal(s.records, 800, `step ${s.step}: every rollout read exactly once`);
      assert.equal(s.partial, false);
      assert.deepEqual(s.skipped, []);
      assert.deepEqual(
        s.groups.map((g) => [g.model, g.step, g.task, g.n]),
        [
          ['grpo-run', s.step, '2x3', 400],
          ['grpo-run', s.step, '4x4', 400],
        ],
      );
      for (const g of s.groups) {
        const t = truth(s.step, g.task);
        for (const k of ['p', 'delta1', 'delta2'] as const) {
          assert.ok(Math.abs(g[k].value - t[k]) < 0.1, `step ${s.step} ${g.task} ${k}: ${g[k].value.toFixed(3)} vs true ${t[k]}`);
          assert.ok(g[k].lo <= g[k].value && g[k].value <= g[k].hi);
        }
      }
    }
    // The numbers move with the run: delta2 jumps between step 2 and step 3 on both tasks.
    const d2 = (step: number, task: string) => summaries.find((s) => s.step === step)!.groups.find((g) => g.task === task)!.delta2;
    for (const task of ['2x3', '4x4']) assert.ok(d2(3, task).lo > d2(2, task).hi, `${task}: delta2 intervals of steps 2 and 3 overlap`);

    // A resumed job rewrites step 4: summarized again, flagged as changed.
    writeFakeRolloutStep(dir, 4, { ...fake, seed: 9 });
    await waitFor(6);
    assert.equal(summaries[5].step, 4);
    assert.equal(summaries[5].changed, true);
  } finally {
    controller.abort();
    await following;
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});

test('live steps: broken lines are reported with their line, the other rollouts still count', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-live-'));
  try {
    const { path } = writeFakeRolloutStep(dir, 5, { ...fake, rollouts: 40 });
    const { appendFileSync } = await import('node:fs');
    appendFileSync(path, '{"input": "Calculate 12 * 34.", "output": \n{"not": "a rollout"}\n');
    const out: StepSummary[] = [];
    for await (const s of followRolloutSteps(dir, { once: true, settleMs: 0, bootstrap: 50 })) out.push(s);
    assert.equal(out.length, 1);
    assert.equal(out[0].records, 40);
    assert.equal(out[0].run, basename(dir));
    assert.deepEqual(
      out[0].skipped.map((s) => s.line),
      [40, 41],
    );
    assert.match(out[0].skipped[0].reason, /Invalid JSON/);
    assert.match(out[0].skipped[1].reason, /No response field/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('live steps: interim summaries of a big step come before its final one, which equals the plain summary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-live-'));
  try {
    writeFakeRolloutStep(dir, 1, { ...fake, rollouts: 1024 });
    const out: StepSummary[] = [];
    for await (const s of followRolloutSteps(dir, { once: true, settleMs: 0, bootstrap: 50, partialEveryMs: 0 })) out.push(s);
    const interim = out.filter((s) => !s.complete);
    assert.ok(interim.length >= 2, `only ${interim.length} interim summaries`);
    assert.equal(out.at(-1)!.complete, true);
    assert.equal(out.filter((s) => s.complete).length, 1);
    const counts = out.map((s) => s.records);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => a - b),
      'records read must only grow',
    );
    assert.ok(counts[0] < 1024 && counts.at(-1) === 1024);
    const plain: StepSummary[] = [];
    for await (const s of followRolloutSteps(dir, { once: true, settleMs: 0, bootstrap: 50 })) plain.push(s);
    assert.equal(plain.length, 1);
    assert.deepEqual(plain[0].groups, out.at(-1)!.groups);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
