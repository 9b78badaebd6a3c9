// The KL's gradient, every estimator in both placements, against exact enumeration at the paper's
// Appendix C point (logits 0.4 / 2.2 / 1.4, reference 0.29713 / 2.0 / 1.2, beta 1, L = 7.8):
//   expected drag  = sum over every trajectory of up to N attempts of pi(tau) * (the drag ds3 and
//                    `attribution` compute for tau: ds3Gradients -> attributeThreeLogit);
//   exact gradient = central differences of the objective, itself summed over the same
//                    trajectories (attempt by attempt) from the probabilities and kl.ts's
//                    per-token estimates alone:
//     reward  J(theta)  = E_{tau ~ pi_theta}[ -beta * sum_t L_t k(x_t(theta)) ]
//     loss    J(theta') = E_{tau ~ pi_theta}[ -beta * sum_t L_t k(x_t(theta')) ] at theta' = theta
//             (verl's use_kl_loss: the sampled tokens are data, the log-probs carry the gradient).
// x_t = log pi(a_t) - log pi_ref(a_t); a sample weighs L tokens, a decision one. Trajectories of
// more than N attempts carry probability rho^N (rho = P(RESAMPLE) = 0.38): the tolerance covers it.
// Then ds3 itself: with every estimator at beta > 0 the policy stays near its reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendixC, sigmoid, type ThreeLogits } from '../../../server/src/analysis/attribution.js';
import { klToken, klTokenGrad } from '../../../server/src/analysis/kl.js';
import type { KlEstimator, KlMode } from '../../../server/src/analysis/types.js';
import { ds3Gradients, type Ds3Logits } from '../../../server/src/training/ds3.js';
import { runTraining } from '../../../server/src/training/runner.js';
import { readMetrics } from '../../../server/src/training/runDir.js';

const ESTIMATORS: KlEstimator[] = ['k1', 'k2', 'k3'];
const MODES: KlMode[] = ['reward', 'loss'];
const PARAMS = ['s', 'stop', 'resample'] as const;
const N = 14;
const BETA = 1;
const L = appendixC.tokens;
const toDs3 = (t: ThreeLogits): Ds3Logits => ({ s: t.theta_s, stop: t.theta_stop, resample: t.theta_resample });
const theta = toDs3(appendixC.logits);
const reference = toDs3(appendixC.reference);

/** Every trajectory of 1..N attempts: its outcomes (true = correct); RESAMPLE between attempts, STOP after the last. */
function trajectories(n: number): boolean[][] {
  const out: boolean[][] = [];
  const grow = (prefix: boolean[]): void => {
    for (const c of [true, false]) {
      const t = [...prefix, c];
      out.push(t);
      if (t.length < n) grow(t);
    }
  };
  grow([]);
  return out;
}
const ALL = trajectories(N);

/** The six actions of the model: their probabilities under `t` and token counts. */
function actionTable(t: Ds3Logits): Record<'C' | 'W' | 'stopC' | 'resampleC' | 'stopW' | 'resampleW', { prob: number; tokens: number }> {
  const p = sigmoid(t.s);
  const d1 = sigmoid(t.stop);
  const d2 = sigmoid(t.resample);
  return {
    C: { prob: p, tokens: L },
    W: { prob: 1 - p, tokens: L },
    stopC: { prob: d1, tokens: 1 },
    resampleC: { prob: 1 - d1, tokens: 1 },
    stopW: { prob: 1 - d2, tokens: 1 },
    resampleW: { prob: d2, tokens: 1 },
  };
}

/** The actions of a trajectory in order, with their probabilities under `t`. */
function actionProbs(t: Ds3Logits, outcomes: boolean[]): { prob: number; tokens: number }[] {
  const a = actionTable(t);
  return outcomes.flatMap((correct, i) => {
    const stop = i === outcomes.length - 1;
    return correct ? [a.C, stop ? a.stopC : a.resampleC] : [a.W, stop ? a.stopW : a.resampleW];
  });
}

const trajectoryProb = (t: Ds3Logits, outcomes: boolean[]): number => actionProbs(t, outcomes).reduce((s, a) => s * a.prob, 1);

/**
 * The objective of the placement over every trajectory of up to N attempts, summed attempt by
 * attempt: reward differentiates the sampling distribution too, loss only the log-probs.
 */
function objective(kl: KlEstimator, mode: KlMode, at: Ds3Logits): number {
  const sampling = actionTable(mode === 'reward' ? at : theta);
  const logits = actionTable(at);
  const ref = actionTable(reference);
  type Action = keyof typeof sampling;
  const cost = (a: Action): number => -BETA * logits[a].tokens * klToken(kl, Math.log(logits[a].prob), Math.log(ref[a].prob));
  // reach: probability of starting attempt t; so far: the penalty of the actions before it.
  const walk = (t: number, reach: number, soFar: number): number => {
    let sum = 0;
    for (const [sample, stop, resample] of [
      ['C', 'stopC', 'resampleC'],
      ['W', 'stopW', 'resampleW'],
    ] as const) {
      const at1 = reach * sampling[sample].prob;
      const before = soFar + cost(sample);
      sum += at1 * sampling[stop].prob * (before + cost(stop));
      if (t < N) sum += walk(t + 1, at1 * sampling[resample].prob, before + cost(resample));
    }
    return sum;
  };
  return walk(1, 1, 0);
}

function exactGradient(kl: KlEstimator, mode: KlMode): Ds3Logits {
  const h = 1e-5;
  const g = { s: 0, stop: 0, resample: 0 };
  for (const k of PARAMS)
    g[k] = (objective(kl, mode, { ...theta, [k]: theta[k] + h }) - objective(kl, mode, { ...theta, [k]: theta[k] - h })) / (2 * h);
  return g;
}

/** E[drag] of the estimator ds3 and `attribution` use; `qOnly` keeps just its Q-weighted score-function part. */
function expectedDrag(kl: KlEstimator, mode: KlMode): Ds3Logits {
  const e = { s: 0, stop: 0, resample: 0 };
  for (const outcomes of ALL) {
    const w = trajectoryProb(theta, outcomes);
    const g = ds3Gradients([{ outcomes, truncated: false }], [0], theta, reference, { beta: BETA, gamma: 1, kl, klMode: mode, tokens: L });
    for (const k of PARAMS) e[k] += w * g.drag[k];
  }
  return e;
}

const f = (x: number): string => (x >= 0 ? '+' : '') + x.toFixed(4);
const TOL = 2e-4;

test('tail beyond N attempts is below the tolerance', () => {
  const mass = ALL.reduce((s, o) => s + trajectoryProb(theta, o), 0);
  console.log(`enumerated ${ALL.length} trajectories of up to ${N} attempts, probability ${mass.toFixed(9)}`);
  assert.ok(1 - mass < 2e-6, `tail mass ${1 - mass}`);
});

test('every estimator, KL in the reward and as a loss: expected drag equals the exact gradient (Appendix C point)', () => {
  const rows: string[] = [
    `${'estimator'.padEnd(10)}${'mode'.padEnd(8)}${'param'.padEnd(16)}${'E[drag]'.padStart(10)}${'exact'.padStart(10)}${'|diff|'.padStart(10)}`,
  ];
  const exact: Record<string, Ds3Logits> = {};
  for (const mode of MODES) {
    for (const kl of ESTIMATORS) {
      const want = exactGradient(kl, mode);
      const got = expectedDrag(kl, mode);
      exact[`${kl}/${mode}`] = want;
      for (const k of PARAMS) {
        const diff = Math.abs(got[k] - want[k]);
        rows.push(
          `${kl.padEnd(10)}${mode.padEnd(8)}${`theta_${k}`.padEnd(16)}${f(got[k]).padStart(10)}${f(want[k]).padStart(10)}${diff.toExponential(1).padStart(10)}`,
        );
        assert.ok(diff < TOL, `${kl} ${mode} theta_${k}: E[drag] ${got[k]} vs exact ${want[k]}`);
      }
    }
  }
  console.log(rows.join('\n'));
  // k1 and k3 both estimate the KL without bias, so in the reward their exact gradients agree:
  // the gradient of -beta * KL(pi || pi_ref) over whole trajectories.
  for (const k of PARAMS) assert.ok(Math.abs(exact['k1/reward'][k] - exact['k3/reward'][k]) < TOL, `k1 and k3 in the reward, theta_${k}`);
  // Every placement but k1 as a loss drags every logit toward its reference (here all are above it).
  for (const [name, g] of Object.entries(exact)) {
    if (name === 'k1/loss') continue;
    for (const k of PARAMS) assert.ok(g[k] < 0 && theta[k] > reference[k], `${name} theta_${k}: ${g[k]}`);
  }
  // k1 as a loss: d(log pi - log pi_ref)/dtheta averages to 0 over the sampled actions.
  for (const k of PARAMS) assert.ok(Math.abs(exact['k1/loss'][k]) < TOL, `k1 as a loss theta_${k}: ${exact['k1/loss'][k]}`);
});

test('the Q-weighted term alone (what k2 and k3 in the reward used to be) points away from the reference', () => {
  // The score of the sampling action on theta_s: 1 - p for C, -p for W.
  const p = sigmoid(theta.s);
  const line: string[] = [];
  for (const kl of ESTIMATORS) {
    let qOnly = 0;
    for (const outcomes of ALL) {
      const pol = actionProbs(theta, outcomes);
      const ref = actionProbs(reference, outcomes);
      const r = pol.map((a, i) => -BETA * a.tokens * klToken(kl, Math.log(a.prob), Math.log(ref[i].prob)));
      let q = 0;
      let sum = 0;
      for (let i = r.length - 1; i >= 0; i--) {
        q += r[i];
        if (i % 2 === 0) sum += q * (outcomes[i / 2] ? 1 - p : -p);
      }
      qOnly += trajectoryProb(theta, outcomes) * sum;
    }
    line.push(`${kl} ${f(qOnly)}`);
    const exact = exactGradient(kl, 'reward').s;
    if (kl === 'k1') assert.ok(Math.abs(qOnly - exact) < TOL, 'for k1 the Q-weighted term is the whole expected gradient');
    else assert.ok(qOnly > 0 && exact < 0, `${kl}: Q-weighted term alone ${qOnly}, exact ${exact}`);
  }
  console.log(`E[Q-weighted term only] on theta_s, KL in the reward: ${line.join(', ')} (exact: ${f(exactGradient('k3', 'reward').s)})`);
});

test('dk/dlogp is the derivative of each estimator, clamps included (no gradient where verl clamps)', () => {
  const h = 1e-6;
  for (const kl of ESTIMATORS) {
    for (const [logp, ref] of [
      [-1, -1.5],
      [-0.2, -3],
      [-4, -0.1],
      [-0.7, -0.7],
    ]) {
      const fd = (klToken(kl, logp + h, ref) - klToken(kl, logp - h, ref)) / (2 * h);
      assert.ok(
        Math.abs(klTokenGrad(kl, logp, ref) - fd) < 1e-6,
        `${kl} at logp ${logp}, ref ${ref}: ${klTokenGrad(kl, logp, ref)} vs ${fd}`,
      );
    }
  }
  assert.equal(klTokenGrad('k3', -50, 0), 0); // k = 50 clamped to 20
  assert.equal(klTokenGrad('k3', 0, -50), 0); // exp(-20) + 19 clamped to 10
  assert.equal(klTokenGrad('k3', -0.3, -0.3), 0);
});

async function trainedThetaS(config: Record<string, unknown>): Promise<{ path: number[]; maxDistance: number }> {
  const root = mkdtempSync(join(tmpdir(), 'ds3-kl-'));
  try {
    const dir = join(root, 'run');
    const done = await runTraining({
      config: [{ policy: 'ds3', evalEvery: 0, checkpointEvery: 0, ...config }],
      out: dir,
      signal: new AbortController().signal,
      onEvent() {},
    });
    assert.equal(done.state, 'completed', done.error);
    const metrics = readMetrics(dir).records as unknown as { theta: Ds3Logits; reference: Ds3Logits }[];
    return { path: metrics.map((m) => m.theta.s), maxDistance: Math.max(...metrics.map((m) => Math.abs(m.theta.s - m.reference.s))) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('ds3 with every estimator at beta > 0 stays near the reference (fixed reference, 200 steps); k1 as a loss cannot', async () => {
  const base = { refResetEvery: 0, steps: 200, beta: 1 };
  const show = (path: number[]): string => [0, 50, 100, 150, path.length - 1].map((i) => `${i}: ${path[i].toFixed(2)}`).join(', ');
  const free = await trainedThetaS({ ...base, beta: 0 });
  console.log(`theta_s, reference ${reference.s}:`);
  console.log(`  beta 0 (no KL)      ${show(free.path)}`);
  const freeDrift = free.path[free.path.length - 1] - reference.s;
  assert.ok(freeDrift > 1, `without a KL the surrogate moves theta_s far (${freeDrift})`);
  for (const klMode of MODES) {
    for (const kl of ESTIMATORS) {
      const { path, maxDistance } = await trainedThetaS({ ...base, kl, klMode });
      console.log(`  ${kl} ${klMode.padEnd(7)}         ${show(path)}  (max |theta_s - ref| ${maxDistance.toFixed(3)})`);
      if (kl === 'k1' && klMode === 'loss') {
        // Zero expected KL gradient: theta_s goes where the surrogate alone takes it.
        assert.ok(maxDistance > 0.5 * freeDrift, `k1 as a loss: ${maxDistance}`);
        continue;
      }
      assert.ok(maxDistance < 0.2, `${kl} ${klMode}: theta_s strayed ${maxDistance} from the reference`);
    }
  }
});
