// ds3 math from real runs: the first metrics line of the Appendix C configuration must be the
// paper's table C.2, and a default run must show the paper's Figure 3 mechanism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraining } from '../../../server/src/training/runner.js';
import { readMetrics } from '../../../server/src/training/runDir.js';
import { ds3Defaults, ds3Gradients, resolveDs3Config, type Ds3Logits } from '../../../server/src/training/ds3.js';

type Metrics = Record<string, unknown> & {
  step: number;
  p: number;
  delta2: number;
  theta: Ds3Logits;
  push: Ds3Logits;
  drag: Ds3Logits;
  net: Ds3Logits;
  ratio: { surrogate: number | null; kl: number | null };
  refReset: boolean;
};

// Each run's temporary folder (the tests remove its run/ inside; the folder itself goes here).
const roots: string[] = [];
test.after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function train(config: Record<string, unknown>): Promise<{ dir: string; metrics: Metrics[] }> {
  const root = mkdtempSync(join(tmpdir(), 'ds3-'));
  roots.push(root);
  const dir = join(root, 'run');
  const done = await runTraining({ config: [{ policy: 'ds3', ...config }], out: dir, signal: new AbortController().signal, onEvent() {} });
  assert.equal(done.state, 'completed', done.error);
  const { records, bad } = readMetrics(dir);
  assert.deepEqual(bad, []);
  return { dir, metrics: records as Metrics[] };
}

test('step 0 of the Appendix C configuration reproduces table C.2 (push, drag, net per parameter)', async () => {
  const { dir, metrics } = await train({ example: 'appendix-c', steps: 2 });
  try {
    const m = metrics[0];
    assert.equal(m.step, 0);
    assert.equal(m.backend, 'js-exact');
    assert.deepEqual(m.theta, { s: 0.4, stop: 2.2, resample: 1.4 });
    const expected = {
      s: { push: -0.0987, drag: -0.1861, net: -0.2848 },
      resample: { push: 0.0989, drag: -0.0785, net: 0.0204 },
      stop: { push: 0.0499, drag: -0.0022, net: 0.0477 },
    };
    for (const [k, e] of Object.entries(expected) as [keyof Ds3Logits, typeof expected.s][]) {
      assert.equal(Number(m.push[k].toFixed(4)), e.push, `push ${k} = ${m.push[k]}`);
      assert.equal(Number(m.drag[k].toFixed(4)), e.drag, `drag ${k} = ${m.drag[k]}`);
      assert.equal(Number(m.net[k].toFixed(4)), e.net, `net ${k} = ${m.net[k]}`);
    }
    // "more than double the first decision parameter and over 80 times the second"
    assert.ok(Math.abs(m.drag.s) > 2 * Math.abs(m.drag.resample));
    assert.ok(Math.abs(m.drag.s) > 80 * Math.abs(m.drag.stop));
    assert.ok((m.ratio.kl ?? 0) > 2);
    // Step 1 samples from the updated policy: theta moved by lr * net.
    const lr = ds3Defaults.lr;
    assert.ok(Math.abs(metrics[1].theta.s - (0.4 + lr * m.net.s)) < 1e-12);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a default run: KL drag ratio > 2 and above the surrogate ratio at every logged step; delta2 rises more than p', async () => {
  const { dir, metrics } = await train({});
  try {
    assert.equal(metrics.length, ds3Defaults.steps);
    let minKl = Infinity;
    const surrogate: number[] = [];
    for (const m of metrics) {
      const resetStep = m.step > 0 && m.step % ds3Defaults.refResetEvery === 0;
      assert.equal(m.refReset, resetStep, `step ${m.step}`);
      if (resetStep) {
        // Reference == policy: no KL at all, so no drag and no ratio.
        assert.deepEqual(m.drag, { s: 0, stop: 0, resample: 0 }, `step ${m.step}`);
        assert.equal(m.ratio.kl, null);
        continue;
      }
      const kl = m.ratio.kl;
      assert.ok(kl !== null && kl > 2, `step ${m.step}: KL ratio ${kl}`);
      minKl = Math.min(minKl, kl);
      if (m.ratio.surrogate !== null) {
        surrogate.push(m.ratio.surrogate);
        assert.ok(kl > m.ratio.surrogate, `step ${m.step}: KL ratio ${kl} <= surrogate ratio ${m.ratio.surrogate}`);
      }
    }
    const first = metrics[0];
    const last = metrics[metrics.length - 1];
    const dp = last.p - first.p;
    const dd2 = last.delta2 - first.delta2;
    assert.ok(dd2 > dp, `delta2 rose ${dd2}, p rose ${dp}`);
    surrogate.sort((a, b) => a - b);
    const median = surrogate[Math.floor(surrogate.length / 2)];
    console.log(
      `default ds3 run: min KL ratio ${minKl.toFixed(2)}; surrogate ratio median ${median.toFixed(2)} (range ${surrogate[0].toFixed(2)}-${surrogate[surrogate.length - 1].toFixed(2)}, ${surrogate.length} steps with a push); p ${first.p.toFixed(3)} -> ${last.p.toFixed(3)} (+${dp.toFixed(3)}), delta2 ${first.delta2.toFixed(3)} -> ${last.delta2.toFixed(3)} (+${dd2.toFixed(3)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('push and drag are the exact derivatives: finite differences of Q-weighted log-probs (gamma < 1, k1)', () => {
  const theta = { s: 0.3, stop: 1.7, resample: -0.4 };
  const reference = { s: 0.1, stop: 2.0, resample: 0.2 };
  const c = { beta: 0.7, gamma: 0.9, kl: 'k1' as const, tokens: 5 };
  const traj = { outcomes: [false, false, true], truncated: false };
  const sig = (x: number): number => 1 / (1 + Math.exp(-x));
  // W, RESAMPLE, W, RESAMPLE, C, STOP: log pi of each action, its attempt (1-based) and its token count.
  const actions = (t: Ds3Logits): { logp: number; attempt: number; tokens: number }[] => [
    { logp: Math.log(1 - sig(t.s)), attempt: 1, tokens: c.tokens },
    { logp: Math.log(sig(t.resample)), attempt: 1, tokens: 1 },
    { logp: Math.log(1 - sig(t.s)), attempt: 2, tokens: c.tokens },
    { logp: Math.log(sig(t.resample)), attempt: 2, tokens: 1 },
    { logp: Math.log(sig(t.s)), attempt: 3, tokens: c.tokens },
    { logp: Math.log(sig(t.stop)), attempt: 3, tokens: 1 },
  ];
  // Independent Q-values: r = -beta * tokens * log(pi/pi_ref); Q backwards with gamma; surrogate gamma^(T-t) A.
  const pol = actions(theta);
  const ref = actions(reference);
  const r = pol.map((a, i) => -c.beta * a.tokens * (a.logp - ref[i].logp));
  const q: number[] = [];
  for (let i = r.length - 1; i >= 0; i--) q[i] = r[i] + (i === r.length - 1 ? 0 : c.gamma * q[i + 1]);
  const A = 1.3;
  const qs = pol.map((a) => c.gamma ** (3 - a.attempt) * A);
  const weighted = (t: Ds3Logits, w: number[]): number => actions(t).reduce((s, a, i) => s + w[i] * a.logp, 0);
  const g = ds3Gradients([traj], [A], theta, reference, c);
  const h = 1e-6;
  for (const k of ['s', 'stop', 'resample'] as const) {
    const up = { ...theta, [k]: theta[k] + h };
    const down = { ...theta, [k]: theta[k] - h };
    assert.ok(Math.abs(g.push[k] - (weighted(up, qs) - weighted(down, qs)) / (2 * h)) < 1e-7, `push ${k}`);
    assert.ok(Math.abs(g.drag[k] - (weighted(up, q) - weighted(down, q)) / (2 * h)) < 1e-7, `drag ${k}`);
  }
  // Drag at theta == reference is exactly zero for every estimator.
  for (const kl of ['k1', 'k2', 'k3'] as const) {
    const z = ds3Gradients([traj], [A], theta, theta, { ...c, kl });
    assert.deepEqual([z.drag.s, z.drag.stop, z.drag.resample].map(Math.abs), [0, 0, 0]);
  }
});

test('bad ds3 configs are rejected with the key named', () => {
  assert.throws(() => resolveDs3Config({ lr: -1 }), /lr must be a number >= 0/);
  assert.throws(() => resolveDs3Config({ kl: 'k4' }), /kl must be k1, k2 or k3/);
  assert.throws(() => resolveDs3Config({ init: { s: 'x' } }), /init\.s must be a finite number/);
  assert.throws(() => resolveDs3Config({ n: 0 }), /n must be a positive integer/);
  assert.equal(resolveDs3Config({ kl: 'k3' }).kl, 'k3');
});

test('k2 and k3 (low_var_kl) runs: finite metrics, ratio still reported', async () => {
  for (const kl of ['k2', 'k3']) {
    const { dir, metrics } = await train({ kl, steps: 12, groups: 8 });
    try {
      for (const m of metrics)
        for (const v of [m.p, m.delta2, m.push.s, m.drag.s, m.drag.resample]) assert.ok(Number.isFinite(v), `${kl} step ${m.step}`);
      assert.ok((metrics[0].ratio.kl ?? 0) > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a stopped ds3 run logs no stop line of its own: the done event carries the step (the CLI prints the one stop line)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ds3-stop-'));
  try {
    const controller = new AbortController();
    const logs: string[] = [];
    let progress = 0;
    const done = await runTraining({
      config: [{ policy: 'ds3', steps: 1000, logEvery: 1 }],
      out: join(root, 'run'),
      signal: controller.signal,
      onEvent(e) {
        if (e.type === 'log') logs.push(e.message);
        else if (e.type === 'metrics' && ++progress === 3) controller.abort();
      },
    });
    assert.equal(done.state, 'stopped');
    assert.ok(done.step >= 3 && done.step < 1000, `stopped at ${done.step}`);
    assert.deepEqual(
      logs.filter((m) => /stopped/.test(m)),
      [],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
