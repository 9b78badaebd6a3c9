// The calibrate and attribution commands as users run them: the built dist/cli.js in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });

test("attribution --example appendix-c --json: the paper's numbers, per step and per parameter", () => {
  const r = cli('attribution', '--example', 'appendix-c', '--json');
  assert.equal(r.status, 0, r.stderr);
  const [t] = JSON.parse(r.stdout).traces;
  const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
  assert.deepEqual(
    t.steps.map((s: { action: string }) => s.action),
    ['sample', 'RESAMPLE', 'sample', 'STOP'],
  );
  assert.deepEqual(
    t.steps.map((s: { q: number }) => r4(s.q)),
    [0.0737, -0.3967, -0.3538, -0.0218],
  );
  assert.deepEqual([r4(t.theta_s.push), r4(t.theta_s.drag), r4(t.theta_s.net)], [-0.0987, -0.1861, -0.2848]);
  assert.deepEqual([r4(t.theta_resample.net), r4(t.theta_stop.net)], [0.0204, 0.0477]);
  assert.ok(t.push && t.drag && typeof t.ratio === 'number');
  const table = cli('attribution', '--example', 'appendix-c');
  assert.match(table.stdout, /theta_s\s+-0\.0987\s+-0\.1861\s+-0\.2848/);
  const k3 = JSON.parse(cli('attribution', '--example', 'appendix-c', '--kl', 'k3', '--json').stdout).traces[0];
  assert.ok(
    k3.steps.every((s: { r: number }) => s.r <= 0),
    'k3 penalties are never rewards',
  );
  assert.equal(cli('attribution', '--example', 'nope').status, 2);
});

test("attribution FILE --json: every trace attributed with its group's GRPO advantage", () => {
  const r = cli('attribution', 'examples/grpo.trace', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.traces.length, 192);
  const byGroup = new Map<string, number[]>();
  for (const t of out.traces) {
    assert.ok(t.steps.length >= 2 && t.steps[t.steps.length - 1].action === 'STOP');
    assert.ok(t.ratio > 1, 'KL drags sampling harder than decisions');
    byGroup.set(t.group, [...(byGroup.get(t.group) ?? []), t.advantage]);
  }
  for (const adv of byGroup.values()) assert.ok(Math.abs(adv.reduce((a, b) => a + b, 0)) < 1e-9, 'advantages are centred per group');
});

test('calibrate examples --json: one group per model and task, SFT delta2 collapses out of distribution', () => {
  const r = cli('calibrate', 'examples', '--json', '--bootstrap', '200');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.bootstrap, { B: 200, seed: 1 });
  assert.deepEqual(out.skipped, []);
  assert.equal(out.groups.length, 8);
  for (const g of out.groups) {
    assert.equal(g.n, 64);
    for (const k of ['accuracy', 'p', 'delta1', 'delta2', 'predicted']) {
      assert.ok(g[k].lo <= g[k].value && g[k].value <= g[k].hi, `${g.model} ${g.task} ${k}`);
    }
    assert.equal(g.predictedK.K, 4);
  }
  const d2 = (model: string, task: string): number =>
    out.groups.find((g: { model: string; task: string }) => g.model === model && g.task === task).delta2.value;
  assert.ok(d2('grpo', '5x5') > d2('sft', '5x5') + 0.2);
  assert.ok(d2('sft', '2x2') > d2('sft', '5x5'));
  // Reproducible: the same seed gives the same bytes.
  assert.equal(cli('calibrate', 'examples', '--json', '--bootstrap', '200').stdout, r.stdout);
});

test('calibrate keeps going past bad input and lists it: missing path, binary file, broken JSON line, record without truth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-cli-'));
  try {
    writeFileSync(join(dir, 'bin.trace'), Buffer.from([0, 1, 2, 0xff, 0xfe, 10]));
    writeFileSync(join(dir, 'roll.jsonl'), '{"prompt": "Calculate 2 * 3.", "response": "So the answer is 6.", "answer": "6"}\n{broken\n');
    writeFileSync(
      join(dir, 'a.trace'),
      '=== 1\nquery: Calculate 12 * 34.\nanswer: 408\n---\nSo the answer is 408.\n=== 2\nquery: Calculate 12 * 34.\n---\nSo the answer is 408.\n',
    );
    const r = cli('calibrate', dir, join(dir, 'missing.trace'), '--json', '--bootstrap', '50');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.groups.map((g: { n: number }) => g.n),
      [1, 1],
    );
    const reasons = out.skipped
      .map((s: { file: string; line?: number; reason: string }) => `${s.file.slice(dir.length + 1)}:${s.line ?? ''} ${s.reason}`)
      .join('\n');
    assert.match(reasons, /missing\.trace: no such file/);
    assert.match(reasons, /bin\.trace:1 .*binary/i);
    assert.match(reasons, /roll\.jsonl:2 .*JSON/);
    assert.match(reasons, /a\.trace:6 1 record without ground truth/);
    const csv = cli('calibrate', dir, '--csv', '--bootstrap', '50').stdout.split('\n');
    assert.match(csv[0], /^model,task,step,n,accuracy,accuracy_lo,accuracy_hi,p,/);
    assert.equal(csv.filter(Boolean).length, 3);
    assert.equal(cli('calibrate', join(dir, 'missing.trace')).status, 1, 'nothing to calibrate is an error');
    assert.equal(cli('calibrate', dir, '--bootstrap', 'x').status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('calibrate --html writes a self-contained report; the default output is a readable table', (t) => {
  if (!existsSync('dist/media/calibration.js')) return t.skip('calibration view bundle not built');
  const dir = mkdtempSync(join(tmpdir(), 'rl-cli-'));
  try {
    const out = join(dir, 'report.html');
    const r = cli('calibrate', 'examples', '--html', out, '--bootstrap', '100');
    assert.equal(r.status, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<html/i);
    assert.ok(html.includes('"sft"') && html.includes('5x5'));
    const table = cli('calibrate', 'examples', '--bootstrap', '100').stdout;
    assert.match(table, /^model\s+task\s+n\s+accuracy % \(mod\. Wilson 95%\)/);
    assert.match(table, /sft\s+5x5\s+64/);
    assert.match(table, /F->F echo/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
