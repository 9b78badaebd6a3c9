// Four objectives on one trajectory (paper Appendix D): Q-values against independent closed
// forms on the Appendix C trajectory, and the Appendix D table measured, not copied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendixC, attributeAppendixC, sigmoid } from '../../../server/src/analysis/attribution.js';
import {
  attributeObjectives,
  threeLogitSteps,
  type ObjectiveAttribution,
  type ObjectiveStep,
} from '../../../server/src/analysis/objectives.js';

const options = { advantage: appendixC.advantage, beta: 1, gamma: 1, kl: 'k1' as const, eps: 0.05 };
const steps = threeLogitSteps(appendixC.outcomes, appendixC.logits, appendixC.reference, {
  correct: appendixC.tokens,
  wrong: appendixC.tokens,
});
const byName = (rows: ObjectiveAttribution[]): Record<string, ObjectiveAttribution> =>
  Object.fromEntries(rows.map((r) => [r.objective, r]));

test('surrogate and KL columns equal the attribution engine on the Appendix C trajectory', () => {
  const o = byName(attributeObjectives(steps, options));
  const ref = attributeAppendixC();
  o.kl.steps.forEach((s, i) => assert.ok(Math.abs(s.q - ref.steps[i].q) < 1e-12, `kl q ${i}`));
  assert.deepEqual(
    o.kl.steps.map((s) => Number(s.contribution.toFixed(4))),
    [-0.0441, -0.0785, -0.142, -0.0022],
  );
  assert.equal(Number(o.kl.sampling.toFixed(4)), -0.1861);
  assert.deepEqual(
    o.surrogate.steps.map((s) => s.q),
    [0.5, 0.5, 0.5, 0.5],
  );
  assert.ok(Math.abs(o.surrogate.sampling - ref.push.sampling) < 1e-12);
  assert.ok(Math.abs(o.surrogate.decision - ref.push.decision) < 1e-12);
});

test('SFT and DFT Q-values follow Appendix D: 1/pi per token vs a constant per token, summed backwards', () => {
  const o = byName(attributeObjectives(steps, options));
  const L = appendixC.tokens;
  const p = sigmoid(appendixC.logits.theta_s);
  const d1 = sigmoid(appendixC.logits.theta_stop);
  const d2 = sigmoid(appendixC.logits.theta_resample);
  // Actions: Sample W, RESAMPLE, Sample C, STOP.
  const sftStop = 1 / d1;
  const sftC = L / p + sftStop;
  const sftR = 1 / d2 + sftC;
  const sftW = L / (1 - p) + sftR;
  o.sft.steps.forEach((s, i) => assert.ok(Math.abs(s.q - [sftW, sftR, sftC, sftStop][i]) < 1e-9, `sft ${i}`));
  assert.deepEqual(
    o.dft.steps.map((s) => Number(s.q.toFixed(10))),
    [2 * L + 2, L + 2, L + 1, 1],
  );
  // DFT: the decision's credit is its future length (L + 2), not its one token.
  assert.ok(o.dft.meanAbsQ.decision > 4);
});

test('the Appendix D table, measured on the trajectory', () => {
  const o = byName(attributeObjectives(steps, options));
  const row = (n: string): unknown[] => [
    o[n].dependence.decisionQOnSamplingPolicy,
    o[n].dependence.samplingQOnDecisionPolicy,
    o[n].dependence.decisionQOnFutureLengths,
    o[n].attribution,
  ];
  assert.deepEqual(row('surrogate'), [false, false, false, 'balanced']);
  assert.deepEqual(row('sft'), [true, true, true, 'imbalanced']);
  assert.deepEqual(row('dft'), [false, false, true, 'improved']);
  assert.deepEqual(row('kl'), [true, true, true, 'imbalanced']);
});

test('without log-probs: SFT is unavailable (with why), KL falls back to eps, dependence is not guessed', () => {
  const bare: ObjectiveStep[] = [
    { action: 'sample', tokens: 40, logp: null, ref: null, score: 1 },
    { action: 'RESAMPLE', tokens: 1, logp: null, ref: null, score: 1 },
    { action: 'sample', tokens: 25, logp: null, ref: null, score: 1 },
    { action: 'STOP', tokens: 1, logp: null, ref: null, score: 1 },
  ];
  const o = byName(attributeObjectives(bare, options));
  assert.equal(o.sft.available, false);
  assert.match(o.sft.reason ?? '', /log-probs/);
  assert.deepEqual(
    o.kl.steps.map((s) => Number(s.r.toFixed(10))),
    [-2, -0.05, -1.25, -0.05],
  );
  assert.equal(o.kl.dependence.decisionQOnSamplingPolicy, null);
  assert.equal(o.kl.attribution, 'unknown');
  assert.equal(o.dft.dependence.decisionQOnFutureLengths, true);
  // A single attempt has no future to depend on.
  const one = byName(attributeObjectives([bare[0], bare[3]], options));
  assert.equal(one.dft.dependence.decisionQOnFutureLengths, null);
  assert.throws(() => attributeObjectives([bare[0]], options), /alternates sample and decision/);
  assert.throws(() => attributeObjectives([bare[0], bare[1]], options), /expected STOP/);
});

test('per-token log-prob arrays: KL sums the tokens, SFT sums 1/pi per token', () => {
  const s: ObjectiveStep[] = [
    { action: 'sample', tokens: 3, logp: [-0.1, -0.5, -2], ref: [-0.2, -0.5, -1], score: 1 },
    { action: 'STOP', tokens: 1, logp: [-0.05], ref: [-0.1], score: 1 },
  ];
  const o = byName(attributeObjectives(s, { ...options, beta: 0.5 }));
  assert.ok(Math.abs(o.kl.steps[0].r - -0.5 * (0.1 + 0 - 1)) < 1e-12);
  assert.ok(Math.abs(o.sft.steps[0].r - (Math.exp(0.1) + Math.exp(0.5) + Math.exp(2))) < 1e-12);
  assert.ok(Math.abs(o.sft.steps[0].q - (o.sft.steps[0].r + Math.exp(0.05))) < 1e-12);
});
