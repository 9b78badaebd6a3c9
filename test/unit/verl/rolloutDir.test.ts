// The rollout directory watcher against real files written the way verl writes them: complete
// step files come out once, a file still being written waits, a rewritten file comes out again
// as changed, and a torn file is handed out (partial) only after the quiet period. That a file
// was not handed out is checked once a later step has been (the watcher looks at the files in step
// order), never after a sleep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { listStepFiles, isRolloutDir, watchRolloutDir, type StepFile } from '../../../server/src/trace/rolloutDir.js';
import { appendRest, writeFakeRolloutStep } from '../../../server/src/training/verl/fakeRollouts.js';

const fake = { rollouts: 16, tasks: ['2x3', '3x4'], groupSize: 8 };

/** Collects events (and when each came, on performance.now()'s clock) in the background until stopped. */
function collect(dir: string, opts: Parameters<typeof watchRolloutDir>[1]) {
  const events: StepFile[] = [];
  const times: number[] = [];
  const controller = new AbortController();
  const done = (async () => {
    for await (const e of watchRolloutDir(dir, { ...opts, signal: controller.signal })) {
      events.push(e);
      times.push(performance.now());
    }
  })();
  const waitFor = async (pred: () => boolean, what: string, ms = 5000): Promise<void> => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms)
        throw new Error(`timed out waiting for ${what}; events: ${JSON.stringify(events.map((e) => [e.step, e.changed, e.partial]))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    events,
    times,
    waitFor,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('listStepFiles sorts numerically and ignores other files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-'));
  try {
    for (const n of ['10.jsonl', '2.jsonl', 'notes.txt', '3.jsonl.tmp', 'x1.jsonl']) writeFileSync(join(dir, n), '{}\n');
    assert.deepEqual(
      listStepFiles(dir).map((f) => f.step),
      [2, 10],
    );
    assert.equal(isRolloutDir(dir), true);
    assert.equal(isRolloutDir(join(dir, 'missing')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('watcher: new step files appear, a file being written waits, a rewrite comes out once as changed, none twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-'));
  const w = collect(dir, { pollMs: 20, settleMs: 80, quietMs: 60_000 });
  try {
    writeFakeRolloutStep(dir, 1, fake);
    await w.waitFor(() => w.events.length === 1, 'step 1');
    assert.deepEqual([w.events[0].step, w.events[0].changed, w.events[0].partial], [1, false, false]);

    // Step 2 is "being written" (cut mid-line) when step 3 is complete: step 3 comes out, step 2
    // must not while torn. Step 3 comes out only once it has rested settleMs, so the look that
    // handed it out went over step 2 first, at rest at least as long.
    const half = writeFakeRolloutStep(dir, 2, { ...fake, stopAfterBytes: 3000 });
    assert.ok(half.rest && half.rest.length > 0);
    writeFakeRolloutStep(dir, 3, fake);
    await w.waitFor(() => w.events.some((e) => e.step === 3), 'step 3');
    assert.deepEqual(
      w.events.map((e) => e.step),
      [1, 3],
      'a torn step file was handed out',
    );
    appendRest(half.path, half.rest!);
    await w.waitFor(() => w.events.length >= 3, 'step 2 after completion');
    assert.equal(w.events[2].step, 2);
    assert.equal(w.events[2].partial, false);
    assert.equal(w.events[2].size, half.bytes + half.rest!.length);

    // A resumed job rewrites step 1: it comes out again, flagged.
    writeFakeRolloutStep(dir, 1, { ...fake, seed: 2 });
    await w.waitFor(() => w.events.length >= 4, 'rewritten step 1');
    assert.deepEqual([w.events[3].step, w.events[3].changed], [1, true]);

    // Step 4 comes out of a look that went over steps 1-3 first: a version handed out twice would be out by then.
    writeFakeRolloutStep(dir, 4, fake);
    await w.waitFor(() => w.events.some((e) => e.step === 4), 'step 4');
    assert.deepEqual(
      w.events.map((e) => [e.step, e.changed]),
      [
        [1, false],
        [3, false],
        [2, false],
        [1, true],
        [4, false],
      ],
      'a file version was handed out twice',
    );
    const versions = w.events.map((e) => `${e.path}|${e.size}|${e.mtimeMs}`);
    assert.equal(new Set(versions).size, versions.length);
  } finally {
    await w.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('watcher: a file at rest without a final newline is handed out after the quiet period, marked partial', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-'));
  const w = collect(dir, { pollMs: 20, settleMs: 50, quietMs: 400 });
  try {
    // The watcher cannot see the file before it is written, so it is at rest quietMs after this at the earliest.
    const written = performance.now();
    const torn = writeFakeRolloutStep(dir, 7, { ...fake, stopAfterBytes: 2500 });
    assert.ok(torn.rest);
    await w.waitFor(() => w.events.length >= 1, 'torn step after quiet period');
    assert.deepEqual(
      w.events.map((e) => [e.step, e.partial]),
      [[7, true]],
    );
    const after = w.times[0] - written;
    assert.ok(after >= 400, `handed out ${after.toFixed(0)} ms after it was written, before the quiet period (400 ms)`);
  } finally {
    await w.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('watcher: once mode hands out what is there and ends; a missing dir is waited for when following', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-'));
  try {
    for (const s of [5, 1, 3]) writeFakeRolloutStep(dir, s, fake);
    // Old mtimes do not settle a file: it is at rest settleMs after the watcher first saw it as it is.
    for (const s of [1, 3, 5]) utimesSync(join(dir, `${s}.jsonl`), new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
    writeFileSync(join(dir, '9.jsonl'), ''); // opened by verl, nothing written yet
    const steps: number[] = [];
    for await (const e of watchRolloutDir(dir, { once: true, settleMs: 1000 })) steps.push(e.step);
    assert.deepEqual(steps, [1, 3, 5]);

    const later = join(dir, 'not-yet');
    const w = collect(later, { pollMs: 20, settleMs: 50 });
    await sleep(100);
    writeFakeRolloutStep(later, 1, fake);
    await w.waitFor(() => w.events.length === 1, 'step in a directory created later');
    await w.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
