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
