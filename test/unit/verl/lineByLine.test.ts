// verl 0.8 and later dump a step file line by line from a background thread (one buffered
// f.write per rollout), so the file grows in ~8 KB pieces that each end at a line boundary: a file
// being written ends in a newline just like a finished one. Following such a file: a steady
// writer is read once, when done; a writer that stalls past the settle time gets its first lines
// read, then the grown file is read again as `changed`, and the numbers end up those of the whole
// file. That a file was not read again is checked once a later step file has been read (the
// follower looks at the files in step order), never after a sleep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { endsWithNewline, type StepFile } from '../../../server/src/trace/rolloutDir.js';
import { followRolloutSteps, type StepSummary } from '../../../server/src/training/verl/liveSteps.js';
import { writeFakeRolloutStep, writeFakeRolloutStepLineByLine } from '../../../server/src/training/verl/fakeRollouts.js';

const fake = { rollouts: 640, tasks: ['2x3', '4x4'], groupSize: 8 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Follows `dir` in the background, recording summaries and the file versions read. */
function follow(dir: string, settleMs: number) {
  const summaries: StepSummary[] = [];
  const reads: StepFile[] = [];
  const controller = new AbortController();
  const done = (async () => {
    for await (const s of followRolloutSteps(dir, {
      signal: controller.signal,
      pollMs: 20,
      settleMs,
      bootstrap: 50,
      onFileRead: (f) => reads.push(f),
    }))
      summaries.push(s);
  })();
  const waitFor = async (pred: () => boolean, what: string, ms = 30_000): Promise<void> => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms)
        throw new Error(
          `timed out waiting for ${what}; summaries: ${JSON.stringify(summaries.map((s) => [s.step, s.records, s.changed]))}`,
        );
      await sleep(10);
    }
  };
  return {
    summaries,
    reads,
    waitFor,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

/** The numbers of the finished step file, read once at rest. */
async function wholeFile(dir: string, step: number): Promise<StepSummary> {
  const out: StepSummary[] = [];
  for await (const s of followRolloutSteps(dir, { once: true, settleMs: 0, bootstrap: 50 })) if (s.step === step) out.push(s);
  assert.equal(out.length, 1);
  return out[0];
}

test("line by line: a steady writer's file ends in a newline after every piece, yet is read once, when the writer is done", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-lines-'));
  // Settle time twice the default: a loaded machine must not stall this process past it mid-write.
  const f = follow(dir, 2000);
  try {
    const endings: boolean[] = [];
    const w = await writeFakeRolloutStepLineByLine(dir, 1, {
      ...fake,
      afterFlush: async (bytes) => {
        endings.push(endsWithNewline(join(dir, '1.jsonl'), bytes));
        await sleep(1);
      },
    });
    assert.ok(w.flushes >= 20, `only ${w.flushes} pieces`);
    assert.ok(endings.every(Boolean), "every piece verl's buffered writer hands on ends at a line boundary");
    // A read before the writer was done would come out before the whole file's.
    await f.waitFor(() => f.summaries.some((x) => x.records === 640), 'the whole of step 1');
    // Step 2 comes out of a look that went over step 1 first: a second read of it would be out by then.
    writeFakeRolloutStep(dir, 2, fake);
    await f.waitFor(() => f.summaries.some((x) => x.step === 2), 'step 2');
    assert.deepEqual(
      f.summaries.map((x) => [x.step, x.records]),
      [
        [1, 640],
        [2, 640],
      ],
      'step 1 was read before it was done, or twice',
    );
    const [s] = f.summaries;
    assert.deepEqual([s.step, s.records, s.bytes, s.changed, s.partial, s.complete], [1, 640, w.bytes, false, false, true]);
    assert.deepEqual(s.skipped, []);
    assert.deepEqual(s.groups, (await wholeFile(dir, 1)).groups);
  } finally {
    await f.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("line by line: a writer stalling past the settle time gets its first lines read, then the grown file is read again as changed, with the whole file's numbers", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-lines-'));
  const f = follow(dir, 150);
  try {
    let stalledAt: { bytes: number; lines: number } | undefined;
    const w = await writeFakeRolloutStepLineByLine(dir, 3, {
      ...fake,
      afterFlush: async (bytes, lines) => {
        // Up to the stall the pieces go out without yielding to the event loop, so the follower
        // cannot look in between; then the dump thread stalls (or a network file system shows no
        // growth) at a line boundary until the follower has taken what is there.
        if (!stalledAt && lines >= 200) {
          stalledAt = { bytes, lines };
          await f.waitFor(() => f.summaries.length >= 1, 'the early read of the stalled file');
        } else if (stalledAt) await sleep(2);
      },
    });
    assert.ok(stalledAt && stalledAt.lines < w.lines);
    await f.waitFor(() => f.summaries.at(-1)?.records === w.lines, 'the re-read of the grown file');
    // Step 4 comes out of a look that went over step 3 first: another read of it would be out by then.
    writeFakeRolloutStep(dir, 4, fake);
    await f.waitFor(() => f.summaries.some((x) => x.step === 4), 'step 4');
    assert.equal(f.summaries.at(-1)!.step, 4, 'step 3 was read again after step 4');

    const [first, ...later] = f.summaries.filter((x) => x.step === 3);
    // The early read: correct numbers for the lines that were there, no torn line.
    assert.deepEqual(
      [first.step, first.records, first.bytes, first.changed, first.partial, first.complete],
      [3, stalledAt.lines, stalledAt.bytes, false, false, true],
    );
    assert.deepEqual(first.skipped, []);
    assert.ok(later.length >= 1);
    for (const s of later) {
      assert.equal(s.step, 3);
      assert.equal(s.changed, true, 'a re-read of the grown file is marked changed');
      assert.equal(s.partial, false);
    }
    const last = later.at(-1)!;
    assert.deepEqual([last.records, last.bytes], [w.lines, statSync(w.path).size]);
    assert.deepEqual(last.skipped, []);
    assert.deepEqual(last.groups, (await wholeFile(dir, 3)).groups, "the last reading is the whole file's");
    assert.equal(
      last.groups.reduce((n, g) => n + g.n, 0),
      640,
    );
    // Each version of the file read once.
    const versions = f.reads.map((r) => `${r.path}|${r.size}|${r.mtimeMs}`);
    assert.equal(new Set(versions).size, versions.length, 'a file version was read twice');
  } finally {
    await f.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
