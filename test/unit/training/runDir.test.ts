// Run directories: what a finished run leaves on disk, torn metrics lines, atomic checkpoints,
// listing. Uses real ds3 runs, not hand-written fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraining } from '../../../server/src/training/runner.js';
import {
  latestCheckpoint,
  listRuns,
  listRunsAsync,
  readConfig,
  readMetrics,
  readMetricsAsync,
  readStatus,
  truncateMetricsTo,
  writeCheckpoint,
} from '../../../server/src/training/runDir.js';

const REQUIRED = ['step', 'backend', 'p', 'delta1', 'delta2', 'reward', 'theta', 'push', 'drag', 'ratio'];

test('a finished ds3 run directory holds config, status, every metrics line, checkpoints and parseable rollouts', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rundir-'));
  try {
    const dir = join(root, 'run');
    const done = await runTraining({
      config: [{ policy: 'ds3', steps: 25, groups: 4, n: 4, evalEvery: 10, checkpointEvery: 10 }],
      out: dir,
      signal: new AbortController().signal,
      onEvent() {},
    });
    assert.equal(done.state, 'completed');
    const config = readConfig(dir);
    // Every default is written, so the run can be reproduced from config.json alone.
    assert.equal(config.lr, 0.2);
    assert.deepEqual(config.init, { s: 0.4, stop: 2.2, resample: 1.4 });
    assert.equal(readStatus(dir)?.state, 'completed');
    assert.equal(readStatus(dir)?.step, 25);
    const { records, bad } = readMetrics(dir);
    assert.deepEqual(bad, []);
    assert.deepEqual(
      records.map((r) => r.step),
      Array.from({ length: 25 }, (_, i) => i),
    );
    for (const r of records) for (const k of REQUIRED) assert.ok(k in r, `step ${r.step} lacks ${k}`);
    for (const k of ['theta', 'push', 'drag']) assert.deepEqual(Object.keys(records[0][k] as object).sort(), ['resample', 's', 'stop']);
    assert.deepEqual(Object.keys(records[0].ratio as object).sort(), ['kl', 'surrogate']);
    assert.deepEqual(readdirSync(join(dir, 'checkpoints')).sort(), ['step-000010', 'step-000020', 'step-000025']);
    const state = JSON.parse(readFileSync(join(dir, 'checkpoints', 'step-000025', 'state.json'), 'utf8'));
    assert.equal(state.step, 25);
    assert.deepEqual(readdirSync(join(dir, 'rollouts')).sort(), [
      'step-000000.trace',
      'step-000010.trace',
      'step-000020.trace',
      'step-000024.trace',
    ]);
    // Rollouts: one record per trajectory (4 groups x 4), each attempt a line ending "= answer",
    // one marker line per RESAMPLE.
    const text = readFileSync(join(dir, 'rollouts', 'step-000010.trace'), 'utf8');
    const recs = text.split(/^=== /m).slice(1);
    assert.equal(recs.length, 16);
    for (const rec of recs) {
      const [head, body] = rec.split('\n---\n');
      assert.match(head, /^query: Calculate 7 \* 8\. Think step by step\.$/m);
      assert.match(head, /^answer: 56$/m);
      assert.match(head, /^model: run@step-10$/m);
      const attempts = body
        .trim()
        .split('\n')
        .filter((l) => /= \d+$/.test(l)).length;
      const markers = body
        .trim()
        .split('\n')
        .filter((l) => /^(Let me recompute|I'll go back and check|I made a mistake|Wait)/.test(l)).length;
      assert.ok(attempts >= 1);
      assert.equal(markers, attempts - 1);
    }
    // The mean reward logged for step 10 is the fraction of rollouts whose last answer is 56.
    const lastCorrect = recs.filter((rec) => /= 56\s*$/.test(rec.split('\n---\n')[1])).length;
    assert.equal(records[10].reward, lastCorrect / 16);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('rollouts segment into the sampled actions when the trace engine is present', async (t) => {
  const segPath = new URL('../../../server/src/trace/segment.ts', import.meta.url);
  const parsePath = new URL('../../../server/src/trace/parse.ts', import.meta.url);
  if (!existsSync(segPath) || !existsSync(parsePath)) {
    t.skip('server/src/trace/segment.ts or parse.ts not built yet');
    return;
  }
  const { parseTrace } = await import(parsePath.href);
  const { segmentRecord } = await import(segPath.href);
  const { defaultSegmentOptions } = await import(new URL('../../../server/src/trace/options.ts', import.meta.url).href);
  const root = mkdtempSync(join(tmpdir(), 'rundir-seg-'));
  try {
    const dir = join(root, 'run');
    await runTraining({
      config: [{ policy: 'ds3', steps: 1, groups: 8, n: 8 }],
      out: dir,
      signal: new AbortController().signal,
      onEvent() {},
    });
    const text = readFileSync(join(dir, 'rollouts', 'step-000000.trace'), 'utf8');
    const parsed = parseTrace(text, { fileName: 'step-000000.trace' });
    assert.equal(parsed.records.length, 64);
    let correctFinal = 0;
    for (const rec of parsed.records) {
      assert.deepEqual(rec.diagnostics, []);
      const seg = segmentRecord(rec, defaultSegmentOptions);
      const samples = seg.steps.filter((s: { kind: string }) => s.kind === 'sample');
      const resamples = seg.steps.filter((s: { kind: string; action?: string }) => s.kind === 'decision' && s.action === 'RESAMPLE');
      assert.equal(resamples.length, samples.length - 1, rec.body);
      if (seg.correct) correctFinal++;
    }
    assert.equal(readMetrics(dir).records[0].reward, correctFinal / 64);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a torn last metrics line is reported, not fatal; truncateMetricsTo drops uncovered steps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
  try {
    const lines = [0, 1, 2, 3].map((step) => JSON.stringify({ step, p: 0.5 }));
    writeFileSync(join(dir, 'metrics.jsonl'), lines.join('\n') + '\n{"step": 4, "p": 0.');
    const read = readMetrics(dir);
    assert.equal(read.records.length, 4);
    assert.equal(read.bad.length, 1);
    assert.equal(read.bad[0].line, 5);
    assert.equal(truncateMetricsTo(dir, 2), 2);
    assert.deepEqual(
      readMetrics(dir).records.map((r) => r.step),
      [0, 1],
    );
    appendFileSync(join(dir, 'metrics.jsonl'), 'not json\n');
    assert.deepEqual(readMetrics(dir).bad, [{ line: 3, reason: readMetrics(dir).bad[0].reason }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('checkpoints appear whole or not at all; listing finds runs and ignores other folders', async () => {
  const root = mkdtempSync(join(tmpdir(), 'list-'));
  try {
    // A half-written checkpoint (hidden temp folder) is not a checkpoint.
    const dir = join(root, 'a');
    await runTraining({
      config: [{ policy: 'ds3', steps: 3, groups: 2, n: 2 }],
      out: dir,
      signal: new AbortController().signal,
      onEvent() {},
    });
    mkdirSync(join(dir, 'checkpoints', '.step-000009.123.tmp'), { recursive: true });
    assert.equal(latestCheckpoint(dir)?.step, 3);
    writeCheckpoint(dir, 7, { 'state.json': '{}', 'weights.bin': new Uint8Array([1, 2, 3]) });
    assert.equal(latestCheckpoint(dir)?.step, 7);
    assert.deepEqual([...readFileSync(join(dir, 'checkpoints', 'step-000007', 'weights.bin'))], [1, 2, 3]);
    await runTraining({
      config: [{ policy: 'ds3', steps: 2, groups: 2, n: 2 }],
      runsRoot: root,
      signal: new AbortController().signal,
      onEvent() {},
    });
    mkdirSync(join(root, 'not-a-run'));
    writeFileSync(join(root, 'stray.txt'), 'x');
    const runs = listRuns(root);
    assert.equal(runs.length, 2);
    assert.ok(runs.every((r) => r.policy === 'ds3' && r.status?.state === 'completed'));
    assert.ok(runs.some((r) => r.name === 'a' && r.metrics === 3));
    assert.ok(runs.some((r) => /^ds3-\d{8}T\d{6}Z/.test(r.name) && r.lastCheckpoint === 2));
    // A second run into the same directory is refused rather than mixing two runs.
    await assert.rejects(
      runTraining({ config: [{ policy: 'ds3', steps: 1 }], out: dir, signal: new AbortController().signal, onEvent() {} }),
      /already holds a run/,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("calibrating a ds3 run's rollouts recovers the policy it logged (p, delta1, delta2 within 4 standard errors)", async () => {
  const root = mkdtempSync(join(tmpdir(), 'rundir-cal-'));
  try {
    const dir = join(root, 'run');
    await runTraining({
      config: [{ policy: 'ds3', steps: 61, evalEvery: 30 }],
      out: dir,
      signal: new AbortController().signal,
      onEvent() {},
    });
    const cli = new URL('../../../dist/cli.js', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [cli, 'calibrate', join(dir, 'rollouts'), '--json', '--bootstrap', '50'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { groups, skipped } = JSON.parse(r.stdout) as {
      groups: {
        model: string;
        n: number;
        p: { value: number };
        delta1: { value: number };
        delta2: { value: number };
        counts: Record<string, number>;
      }[];
      skipped: unknown[];
    };
    assert.deepEqual(skipped, []);
    const metrics = readMetrics(dir).records as unknown as { step: number; p: number; delta1: number; delta2: number }[];
    assert.deepEqual(groups.map((g) => g.model).sort(), ['run@step-0', 'run@step-30', 'run@step-60']);
    for (const g of groups) {
      const step = Number(g.model.split('@step-')[1]);
      const m = metrics[step];
      assert.equal(g.n, 512);
      const close = (name: string, value: number, truth: number, n: number): void => {
        const se = Math.sqrt((truth * (1 - truth)) / n);
        assert.ok(Math.abs(value - truth) < 4 * se, `${g.model} ${name}: calibrated ${value}, policy ${truth}, n ${n}`);
      };
      close('p', g.p.value, m.p, g.n);
      close('delta1', g.delta1.value, m.delta1, g.counts.decisionsAfterCorrect);
      close('delta2', g.delta2.value, m.delta2, g.counts.decisionsAfterWrong);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("listRunsAsync and readMetricsAsync (the editor's non-blocking reads) give what listRuns and readMetrics give, bad lines included", async () => {
  const parent = mkdtempSync(join(tmpdir(), 'rl-runs-async-'));
  try {
    for (let i = 0; i < 3; i++) {
      const d = join(parent, `run-${i}`);
      mkdirSync(join(d, 'checkpoints'), { recursive: true });
      writeFileSync(join(d, 'config.json'), JSON.stringify({ policy: 'ds3', steps: 10 }));
      writeFileSync(join(d, 'status.json'), JSON.stringify({ state: 'completed', step: 10, startedAt: `2026-01-0${i + 1}T00:00:00Z` }));
      const lines = Array.from({ length: 5 + i }, (_, s) => JSON.stringify({ step: s, p: 0.5 }));
      if (i === 1) lines.splice(2, 0, '{"step": "x"}', 'not json');
      writeFileSync(join(d, 'metrics.jsonl'), lines.join('\r\n') + (i === 2 ? '' : '\n'));
    }
    mkdirSync(join(parent, 'not-a-run'));
    assert.deepEqual(await listRunsAsync(parent), listRuns(parent));
    for (let i = 0; i < 3; i++) assert.deepEqual(await readMetricsAsync(join(parent, `run-${i}`)), readMetrics(join(parent, `run-${i}`)));
    assert.deepEqual(
      (await readMetricsAsync(join(parent, 'run-1'))).bad.map((b) => b.line),
      [3, 4],
    );
    assert.deepEqual(await listRunsAsync(join(parent, 'absent')), []);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
