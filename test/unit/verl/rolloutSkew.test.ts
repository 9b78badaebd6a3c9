// `verl watch` on storage whose clock disagrees with ours (NFS: a file's mtime comes from the
// server's clock), and a step file truncated while it is being read. The watcher's own
// observation decides when a file is at rest, never the file's mtime; a reading that did not get
// the bytes the watcher saw (the file shrank, or changed size while it was read) is not complete,
// and the file is read again once it settles. That a file was not read again is checked once a
// later step file has been read (the follower looks at the files in step order), never after a sleep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { watchRolloutDir, type StepFile } from '../../../server/src/trace/rolloutDir.js';
import { followRolloutSteps, stepFileSummaries, type StepSummary } from '../../../server/src/training/verl/liveSteps.js';
import { fakeRolloutLines } from '../../../server/src/training/verl/fakeRollouts.js';
import { waitUntil } from '../../deadline.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fake = { rollouts: 64, tasks: ['2x3', '3x4'], groupSize: 8 };

/** Writes step `step` in one piece: a file the follower reads after the files before it. */
function writeLaterStep(dir: string, step: number): void {
  writeFileSync(join(dir, `${step}.jsonl`), [...fakeRolloutLines(step, fake)].map((l) => l + '\n').join(''));
}

/** Follows `dir` in the background; `stop` ends it and returns every summary. */
function follow(dir: string, opts: Parameters<typeof followRolloutSteps>[1] = {}) {
  const summaries: StepSummary[] = [];
  const controller = new AbortController();
  const done = (async () => {
    for await (const s of followRolloutSteps(dir, { pollMs: 20, settleMs: 300, bootstrap: 20, ...opts, signal: controller.signal }))
      summaries.push(s);
  })();
  return {
    summaries,
    stop: async () => {
      controller.abort();
      await done;
      return summaries;
    },
  };
}

/**
 * A step file written the way verl 0.8+ writes it (line-aligned pieces, each ending in a newline)
 * in `pieces` pieces `gapMs` apart, each write stamped with `mtime(now)`, as a file server with
 * a skewed clock stamps it.
 */
async function writeInPieces(path: string, pieces: number, gapMs: number, mtime: (now: number) => number): Promise<number> {
  const lines = [...fakeRolloutLines(1, fake)].map((l) => l + '\n');
  const per = Math.ceil(lines.length / pieces);
  writeFileSync(path, '');
  for (let k = 0; k < pieces; k++) {
    appendFileSync(path, lines.slice(k * per, (k + 1) * per).join(''));
    const t = new Date(mtime(Date.now()));
    utimesSync(path, t, t);
    if (k < pieces - 1) await sleep(gapMs);
  }
  return lines.length;
}

for (const [skew, offsetMs] of [
  ['past (server clock 1 hour behind)', -3_600_000],
  ['future (server clock 1 hour ahead)', 3_600_000],
] as const) {
  test(`verl watch with mtimes in the ${skew}: a step written in 8 pieces comes out once, complete, with every record`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-verl-skew-'));
    const f = follow(dir);
    try {
      // Pieces 100 ms apart: less than settleMs (300), so the file is never at rest until the end.
      const records = await writeInPieces(join(dir, '1.jsonl'), 8, 100, (now) => now + offsetMs);
      const seen = () => JSON.stringify(f.summaries.map((s) => [s.step, s.records, s.complete, s.changed]));
      await waitUntil(
        `the complete summary of step 1 (${records} records)`,
        () => f.summaries.some((s) => s.complete && s.records === records),
        { timeoutMs: 10_000, detail: () => `summaries: ${seen()}` },
      );
      // Step 2 comes out of a look that went over step 1 first: another reading of it would be out by then.
      writeLaterStep(dir, 2);
      await waitUntil('the summary of step 2', () => f.summaries.some((s) => s.step === 2), {
        timeoutMs: 10_000,
        detail: () => `summaries: ${seen()}`,
      });
      const got = (await f.stop()).filter((s) => s.step === 1);
      const shown = got.map((s) => `${s.records}${s.complete ? '' : ' (partial)'}${s.changed ? ' (changed)' : ''}`);
      assert.deepEqual(shown, [String(records)], `one summary of the whole file expected, got ${JSON.stringify(shown)}`);
      assert.equal(got[0].changed, false);
    } finally {
      await f.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('watchRolloutDir: a file with an old mtime that is still growing is not at rest (once mode waits for it too)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-skew-'));
  try {
    const path = join(dir, '3.jsonl');
    const writing = writeInPieces(path, 6, 100, (now) => now - 86_400_000);
    const events: StepFile[] = [];
    for await (const e of watchRolloutDir(dir, { once: true, pollMs: 20, settleMs: 300 })) events.push(e);
    await writing;
    assert.deepEqual(
      events.map((e) => [e.step, e.size, e.changed]),
      [[3, statSync(path).size, false]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a step file truncated while it is read is not complete, and is read again (changed) once it settles', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-trunc-'));
  try {
    const path = join(dir, '5.jsonl');
    const lines = [...fakeRolloutLines(5, { ...fake, rollouts: 10_240 })].map((l) => l + '\n');
    writeFileSync(path, lines.join(''));
    const size = statSync(path).size;
    assert.ok(size > 4 << 20, `${size} bytes: bigger than the reader's 1 MB chunks`);
    // Where the file will be cut: a line boundary at about 57%.
    const kept = 5_844;
    const cut = Buffer.byteLength(lines.slice(0, kept).join(''));

    // The read the watcher hands out: truncated after its first interim summary (64 records in).
    const st = statSync(path);
    const file: StepFile = { step: 5, path, size: st.size, mtimeMs: st.mtimeMs, changed: false, partial: false };
    const summaries: StepSummary[] = [];
    for await (const s of stepFileSummaries(file, 'rollouts', { bootstrap: 20, partialEveryMs: 0 })) {
      if (summaries.length === 0) truncateSync(path, cut);
      summaries.push(s);
    }
    const last = summaries.at(-1)!;
    assert.ok(last.records < 10_240, `${last.records} records`);
    assert.equal(last.complete, false, `a reading of ${last.records} of 10,240 records, cut short, came out complete`);
    assert.ok(
      last.skipped.some((s) => /changed while it was read|shrank/.test(s.reason)),
      JSON.stringify(last.skipped),
    );

    // Following the folder: the cut file is read again and that reading is complete.
    writeFileSync(path, lines.join(''));
    const f = follow(dir, { partialEveryMs: 0, settleMs: 150 });
    let truncated = false;
    const seen = () => JSON.stringify(f.summaries.map((s) => [s.step, s.records, s.complete, s.changed]));
    await waitUntil(
      `a complete reading of the ${kept} records left after the cut`,
      () => {
        if (!truncated && f.summaries.length > 0) {
          truncateSync(path, cut);
          truncated = true;
        }
        return f.summaries.some((s) => s.complete && s.records === kept);
      },
      { timeoutMs: 20_000, everyMs: 5, detail: () => `truncated: ${truncated}; summaries: ${seen()}` },
    );
    // Step 6 comes out of a look that went over step 5 first: another reading of it would be out by then.
    writeLaterStep(dir, 6);
    await waitUntil('the summary of step 6', () => f.summaries.some((s) => s.step === 6 && s.complete), {
      timeoutMs: 20_000,
      detail: () => `summaries: ${seen()}`,
    });
    const got = (await f.stop()).filter((s) => s.step === 5);
    const finals = got.filter((s) => s.complete);
    assert.ok(truncated);
    assert.deepEqual(
      finals.map((s) => [s.records, s.changed, s.bytes]),
      [[kept, true, cut]],
      JSON.stringify(got.map((s) => [s.records, s.complete, s.changed])),
    );
    assert.equal(readFileSync(path).length, cut);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
