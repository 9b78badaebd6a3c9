// `reflection-lens experiment table1` as users run it (the built dist/cli.js), CI-sized: two seeds
// of a tiny plan. Asserts the pipeline (files, the --json shape, arms, intervals well-formed),
// not the scientific outcome; a second invocation only rebuilds the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
      typeof v.claim === 'string' && typeof v.text === 'string' && ['holds', 'does not hold', 'partly', 'inconclusive'].includes(v.verdict),
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

  // Running it again trains nothing: every run is finished; the report is rebuilt.
  const again = cli(['experiment', 'table1', '--seeds', '2', '--config', config, '--out', out, '--backend', 'wasm']);
  assert.equal(again.status, 0, again.stderr);
  assert.equal((again.stderr.match(/finished already/g) ?? []).length, 8);
  assert.match(again.stdout, /Table 1: accuracy % \(Wald 95%\)/);
  assert.match(again.stdout, /Verdicts:/);
});

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
