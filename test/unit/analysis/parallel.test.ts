import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrateFiles } from '../../../server/src/analysis/parallel.js';
import { generateMultiplicationTraceText } from '../../../server/src/trace/generate.js';

test('worker threads over byte ranges give exactly the single-thread result, line numbers included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-parallel-'));
  try {
    const text = generateMultiplicationTraceText({
      seed: 5,
      models: [
        { name: 'grpo', echoRate: 0.1, tasks: [{ task: '3x3', p: 0.6, delta1: 0.9, delta2: 0.7, n: 800 }] },
        { name: 'sft', echoRate: 0.8, tasks: [{ task: '4x4', p: 0.3, delta1: 0.95, delta2: 0.2, n: 800 }] },
      ],
    });
    // A record without ground truth and a malformed header deep inside the file (in a later range).
    const at = text.indexOf('=== 1500\n');
    const body = `${text.slice(0, at)}=== no-truth\nquery: Calculate 2 * 3.\n---\nSo the answer is 6.\n=== broken\nthis is not a header\n---\nSo the answer is 1.\n${text.slice(at)}`;
    const big = join(dir, 'big.trace');
    writeFileSync(big, body);
    writeFileSync(
      join(dir, 'small.trace'),
      generateMultiplicationTraceText({
        seed: 6,
        models: [{ name: 'grpo', tasks: [{ task: '3x3', p: 0.6, delta1: 0.9, delta2: 0.7, n: 50 }] }],
      }),
    );
    const files = [big, join(dir, 'small.trace')];
    const single = await calibrateFiles(files, { workers: 0, bootstrap: 100, seed: 3 });
    const parallel = await calibrateFiles(files, { workers: 2, rangeBytes: 100_000, bootstrap: 100, seed: 3 });
    assert.equal(single.records, 1652);
    assert.equal(parallel.records, single.records);
    assert.deepEqual(parallel.result, single.result);
    const noTruthLine = body.slice(0, body.indexOf('=== no-truth')).split('\n').length;
    assert.ok(
      single.result.skipped.some((s) => s.file === big && s.line === noTruthLine && /without ground truth/.test(s.reason)),
      JSON.stringify(single.result.skipped),
    );
    assert.ok(
      single.result.skipped.some((s) => s.file === big && s.line === noTruthLine + 5 && /column 1: Malformed header/.test(s.reason)),
      JSON.stringify(single.result.skipped),
    );
    assert.deepEqual(
      single.result.groups.map((g) => [g.model, g.task, g.n]),
      [
        ['grpo', '3x3', 850],
        ['sft', '4x4', 800],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a .trace read in byte ranges says its unknown finish_reason values once, with the file's count, as read at once (tail36 leftover)", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-parallel-finish-'));
  try {
    const text = generateMultiplicationTraceText({
      seed: 7,
      models: [{ name: 'grpo', tasks: [{ task: '3x3', p: 0.6, delta1: 0.9, delta2: 0.7, n: 400 }] }],
    });
    // Every 50th record says a finish_reason the engine does not know: 8 records, in several ranges.
    let k = 0;
    const body = text.replace(/^(=== [^\n]*\n)/gm, (m: string) => (k++ % 50 === 0 ? `${m}finish_reason: max_tokens\n` : m));
    const file = join(dir, 'finish.trace');
    writeFileSync(file, body);
    const single = await calibrateFiles([file], { workers: 0, bootstrap: 10, seed: 1 });
    const parallel = await calibrateFiles([file], { workers: 2, rangeBytes: 20_000, bootstrap: 10, seed: 1 });
    assert.ok(body.length > 4 * 20_000, `${body.length} bytes: several ranges`);
    const finish = (r: typeof single): string[] =>
      (r.result.warnings?.listed ?? []).filter((w) => w.code === 'unknown-finish-reason').map((w) => `${w.line}:${w.column} ${w.message}`);
    assert.equal(single.result.warnings?.counts['unknown-finish-reason'], 8);
    assert.equal(finish(single).length, 1);
    assert.match(finish(single)[0], /^1:1 8 records have a "finish_reason" the engine does not know \(the first here: "max_tokens"\)/);
    // Each range listed its own (one per range that had one, with that range's count).
    assert.deepEqual(finish(parallel), finish(single));
    assert.deepEqual(parallel.result.warnings, single.result.warnings);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
