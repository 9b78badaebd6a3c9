// `reflection-lens experiment table1` as users run it (the built dist/cli.js), CI-sized: two seeds
// of a tiny plan. Asserts the pipeline (files, the --json shape, arms, intervals well-formed),
// not the scientific outcome; a second invocation only rebuilds the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latestCheckpoint, readMetrics, readStatus } from '../../server/src/training/runDir.js';
import { processAlive } from '../../server/src/util/processAlive.js';
import { waitUntil, withDeadline } from '../deadline.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-cli-experiment-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 });

const TINY = {
  base: { steps: 5, batchSize: 16 },
  post: { steps: 2, promptsPerStep: 2, groupSize: 4, miniBatches: 2 },
  model: { dModel: 16, heads: 2, layers: 1 },
  evalSize: 5,
  bootstrap: 40,
};

interface Est {
  value: number | null;
  lo: number | null;
  hi: number | null;
}

test('experiment table1 --json: four arms x every task, pooled statistics with per-seed values, verdicts, the files', () => {
  const config = join(dir, 'tiny.json');
  writeFileSync(config, JSON.stringify(TINY));
  const out = join(dir, 'exp');
  const r = cli(['experiment', 'table1', '--seeds', '2', '--config', config, '--out', out, '--backend', 'wasm', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /experiment: seed 2 rl: completed/);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(
    report.arms.map((a: { name: string }) => a.name),
    ['base', 'sft-no-reflection', 'sft-reflection', 'rl'],
  );
  const tasks = [...report.plan.idTasks, ...report.plan.oodTasks];
  assert.ok(tasks.length >= 6 && report.plan.oodTasks.length >= 5);
  for (const arm of report.arms) {
    assert.deepEqual(
      arm.tasks.map((t: { task: string }) => t.task),
      tasks,
    );
    for (const t of arm.tasks) {
      assert.equal(typeof t.ood, 'boolean');
      assert.equal(t.n, 2 * TINY.evalSize, 'pooled over both seeds');
      for (const k of ['accuracy', 'p', 'delta1', 'delta2', 'predicted']) {
        const e = t[k] as Est;
        assert.deepEqual(Object.keys(e).slice(0, 3), ['value', 'lo', 'hi'], `${arm.name} ${t.task} ${k}`);
        if (e.value !== null) assert.ok(e.lo! <= e.value + 1e-12 && e.value <= e.hi! + 1e-12);
      }
      assert.deepEqual(
        t.perSeed.map((s: { seed: number }) => s.seed),
        [1, 2],
      );
    }
  }
  assert.equal(report.verdicts.length, 5);
  for (const v of report.verdicts)
    assert.ok(
      typeof v.claim === 'string' &&
        typeof v.text === 'string' &&
        ['holds', 'does not hold', 'partly', 'inconclusive', 'cannot be decided'].includes(v.verdict),
    );
  assert.equal(report.paper.rows.find((x: { arm: string }) => x.arm === 'rl').cells[6].value, 34, "the paper's Table 1 beside ours");

  for (const f of ['report.html', 'report.json', 'table1.csv', 'per-seed.csv', 'experiment.json']) assert.ok(existsSync(join(out, f)), f);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /Content-Security-Policy/);
  assert.doesNotMatch(html, /<script/, 'the report runs no script');
  assert.equal((html.match(/<svg /g) ?? []).length, 6, 'two Table 1 charts and four Figure 1 panels');
  const csv = readFileSync(join(out, 'table1.csv'), 'utf8').trim().split('\n');
  assert.equal(csv.length, 1 + 4 * tasks.length);
  assert.match(csv[0], /^arm,task,ood,n,accuracy,accuracy_lo,accuracy_hi,p,/);
  assert.equal(readFileSync(join(out, 'per-seed.csv'), 'utf8').trim().split('\n').length, 1 + 4 * tasks.length * 2);

  // Calibrate reads the runs' rollouts: one model per arm.
  const cal = cli(['calibrate', out, '--json', '--bootstrap', '20']);
  assert.equal(cal.status, 0, cal.stderr);
  const models = new Set(JSON.parse(cal.stdout).groups.map((g: { model: string }) => g.model));
  assert.deepEqual([...models].sort(), ['base', 'rl', 'sft-no-reflection', 'sft-reflection']);
  // Stop 38: the forced last STOP (all K attempts used) is marked in the rollouts and left out of the
  // decisions, by calibrate and the report alike: every arm x task's counts agree exactly, and the
  // report says how many were left out.
  const K = report.plan.model.maxAttempts;
  const same = cli(['calibrate', out, '--json', '--horizon', String(K), '--bootstrap', String(report.plan.bootstrap)]);
  type Counts = Record<string, number>;
  const calGroups = JSON.parse(same.stdout).groups as { model: string; task: string; counts: Counts; delta2: Est }[];
  let forced = 0;
  for (const arm of report.arms) {
    let armForced = 0;
    for (const t of arm.tasks) {
      const g = calGroups.find((x) => x.model === arm.name && x.task === t.task);
      assert.deepEqual(t.counts, g?.counts, `${arm.name} ${t.task}: report and calibrate count alike`);
      assert.deepEqual(t.delta2, g?.delta2);
      armForced += t.counts.forcedStops;
    }
    assert.equal(arm.forcedStops, armForced, `${arm.name}: forcedStops summed over tasks`);
    forced += armForced;
  }
  assert.ok(forced > 0, 'a tiny model uses all K attempts on some problems');
  assert.match(readFileSync(join(out, 'seed-1', 'rl', 'rollouts', `step-${TINY.post.steps}-ood.trace`), 'utf8'), /^forced_stop: true$/m);
  assert.match(html, /forced_stop: true/);

  // Running it again trains nothing: every run is finished; the report is rebuilt.
  const again = cli(['experiment', 'table1', '--seeds', '2', '--config', config, '--out', out, '--backend', 'wasm']);
  assert.equal(again.status, 0, again.stderr);
  assert.equal((again.stderr.match(/finished already/g) ?? []).length, 8);
  assert.match(again.stdout, /Table 1: accuracy % \(Wald 95%\)/);
  assert.match(again.stdout, /Verdicts:/);
  assert.match(again.stdout, /Forced STOPs left out of the decisions \(a trajectory that used all K = 3 attempts/);
});

// Outsider report, round 33: with --jobs 1 a signal was never delivered while tiny-lm trained (its
// loop did not yield to the event loop), so the whole experiment ran to its end; with --jobs 2 the
// parent passed SIGTERM on, but the trainer child did not see it either and trained on.
for (const [jobs, signal] of [
  [1, 'SIGTERM'],
  [1, 'SIGINT'],
  [2, 'SIGTERM'],
] as const) {
  test(`experiment --jobs ${jobs}: ${signal} stops the run in training after its current step (checkpoint, "stopped", exit 0) and writes experiment.json, no report`, async () => {
    const config = join(dir, `long-${jobs}-${signal}.json`);
    writeFileSync(config, JSON.stringify({ ...TINY, base: { steps: 300, batchSize: 16 } }));
    const out = join(dir, `stop-${jobs}-${signal}`);
    const base = join(out, 'seed-1', 'base');
    const child = spawn(
      process.execPath,
      [
        'dist/cli.js',
        'experiment',
        'table1',
        '--seeds',
        '1',
        '--config',
        config,
        '--out',
        out,
        '--backend',
        'wasm',
        '--jobs',
        String(jobs),
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const logged = (): number => (readStatus(base) ? readMetrics(base).records.length : 0);
    await waitUntil(
      'the base run to log three steps',
      () => {
        if (child.exitCode !== null) throw new Error(`experiment exited early (${child.exitCode}): ${stderr}`);
        return logged() >= 3;
      },
      { timeoutMs: 60_000, detail: () => stderr },
    );
    const seen = logged();
    child.kill(signal);
    assert.equal(await withDeadline(exit, 60_000, `the experiment to stop on ${signal}`, () => child.kill('SIGKILL')), 0, stderr);

    const status = readStatus(base);
    assert.equal(status?.state, 'stopped', stderr);
    assert.equal(latestCheckpoint(base)?.step, status?.step, 'a checkpoint of the last finished step');
    assert.ok(status!.step >= seen && status!.step <= seen + 5, `${seen} steps logged at the signal, stopped at step ${status!.step}`);
    // With --jobs 2 the base trained in a child process: it has exited too.
    if (jobs === 2) assert.ok(status!.pid !== child.pid && !processAlive(status!.pid!), 'the trainer child has exited');
    assert.match(stderr, new RegExp(`experiment: seed 1 base: stopped at step ${status!.step}/300 \\(`));
    assert.match(stderr, /experiment: stopped; run the same command again to resume/);

    // What a stop writes: experiment.json (each run's state, this invocation "stopped"), and with
    // --json the runs' states on stdout; no report until every run is finished.
    const state = JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8'));
    assert.deepEqual(state.runs['seed-1/base'].state, 'stopped');
    assert.deepEqual(
      state.invocations.map((i: { state: string; jobs: number }) => [i.state, i.jobs]),
      [['stopped', jobs]],
    );
    const printed = JSON.parse(stdout);
    assert.equal(printed.state, 'stopped');
    assert.deepEqual(
      printed.runs.map((r: { arm: string; state: string }) => `${r.arm} ${r.state}`),
      ['base stopped', 'sft-no-reflection pending', 'sft-reflection pending', 'rl pending'],
    );
    for (const f of ['report.html', 'report.json', 'table1.csv', 'per-seed.csv']) assert.ok(!existsSync(join(out, f)), `no ${f}`);
  });
}

test('experiment: usage errors exit 2 with the reason', () => {
  const r = cli(['experiment', 'table2']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown experiment "table2"/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ post: { steps: -1 } }));
  const b = cli(['experiment', 'table1', '--config', bad, '--out', join(dir, 'never')]);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /"post.steps" must be an integer >= 1/);
  assert.ok(!existsSync(join(dir, 'never')), 'nothing written for a bad plan');
});
