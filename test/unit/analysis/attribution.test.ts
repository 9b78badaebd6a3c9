import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alignLogProbs,
  attributeAppendixC,
  attributeSegmented,
  attributeThreeLogit,
  appendixC,
} from '../../../server/src/analysis/attribution.js';
import { advantagesOf, groupAdvantages, outcomeReward } from '../../../server/src/analysis/grpo.js';
import { klToken } from '../../../server/src/analysis/kl.js';
import { segmented } from './segmentedFixture.js';

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

test('Appendix C worked example is reproduced to 4 decimals', () => {
  const a = attributeAppendixC();
  assert.deepEqual(
    a.steps.map((s) => s.action),
    ['sample', 'RESAMPLE', 'sample', 'STOP'],
  );
  assert.deepEqual(
    a.steps.map((s) => round4(s.r)),
    [0.4704, -0.0429, -0.332, -0.0218],
  );
  assert.deepEqual(
    a.steps.map((s) => round4(s.q)),
    [0.0737, -0.3967, -0.3538, -0.0218],
  );
  assert.deepEqual(
    a.steps.map((s) => round4(s.contribution)),
    [-0.0441, -0.0785, -0.142, -0.0022],
  );
  assert.deepEqual(
    a.steps.map((s) => s.qSurrogate),
    [0.5, 0.5, 0.5, 0.5],
  );
  const p = a.parameters;
  assert.ok(p);
  assert.deepEqual([round4(p.theta_s.push), round4(p.theta_s.drag), round4(p.theta_s.net)], [-0.0987, -0.1861, -0.2848]);
  assert.deepEqual([round4(p.theta_resample.push), round4(p.theta_resample.drag), round4(p.theta_resample.net)], [0.0989, -0.0785, 0.0204]);
  assert.deepEqual([round4(p.theta_stop.push), round4(p.theta_stop.drag), round4(p.theta_stop.net)], [0.0499, -0.0022, 0.0477]);
  // The paper: sampling drag is "more than double" the RESAMPLE drag and "over 80 times" the STOP drag.
  assert.ok(Math.abs(p.theta_s.drag) > 2 * Math.abs(p.theta_resample.drag));
  assert.ok(Math.abs(p.theta_s.drag) > 80 * Math.abs(p.theta_stop.drag));
  assert.equal(round4(a.ratio), round4(0.18612219 / 0.08065189));
});

test('the round reference guess (0.3, L=8) is off in the sampling rows, as docs/design.md notes', () => {
  const a = attributeThreeLogit(
    appendixC.outcomes,
    appendixC.logits,
    { ...appendixC.reference, theta_s: 0.3 },
    {
      advantage: 0.5,
      beta: 1,
      gamma: 1,
      kl: 'k1',
      tokens: { correct: 8, wrong: 8 },
    },
  );
  assert.notEqual(round4(a.steps[0].r), 0.4704);
  assert.ok(Math.abs(a.steps[2].contribution - -0.142) < 0.003);
});

test('beta scales the KL side only; gamma discounts both Q kinds', () => {
  const base = attributeAppendixC();
  const half = attributeAppendixC({ beta: 0.5 });
  base.steps.forEach((s, i) => {
    assert.ok(Math.abs(half.steps[i].q - s.q / 2) < 1e-12);
    assert.equal(half.steps[i].qSurrogate, s.qSurrogate);
  });
  const g = attributeAppendixC({ gamma: 0.9 });
  assert.deepEqual(
    g.steps.map((s) => round4(s.qSurrogate)),
    [0.45, 0.45, 0.5, 0.5],
  );
  assert.ok(Math.abs(g.steps[2].q - (g.steps[2].r + 0.9 * g.steps[3].q)) < 1e-12);
});

test('KL estimators: k1 log ratio, k2 half square, k3 verl low_var_kl with clamps', () => {
  assert.equal(klToken('k1', -1, -1.5), 0.5);
  assert.equal(klToken('k2', -1, -1.5), 0.125);
  assert.ok(Math.abs(klToken('k3', -1, -1.5) - (Math.exp(-0.5) + 0.5 - 1)) < 1e-15);
  assert.equal(klToken('k3', -50, 0), 10); // k clamped to 20, exp(20) - 21 clamped to 10
  assert.equal(klToken('k3', 0, -50), 10); // k clamped to -20, exp(-20) + 19 clamped to 10
  assert.ok(Math.abs(klToken('k3', 0, -3) - (Math.exp(-3) + 2)) < 1e-15);
});

test('GRPO advantages: unbiased std like verl, group of one is (R-0)/(1+1e-6), unknown rewards get 0', () => {
  const a = groupAdvantages([1, 0, 0, 1]);
  const std = Math.sqrt((4 * 0.25) / 3);
  assert.ok(Math.abs(a[0] - 0.5 / (std + 1e-6)) < 1e-12);
  assert.ok(Math.abs(a[1] + 0.5 / (std + 1e-6)) < 1e-12);
  assert.deepEqual(groupAdvantages([1]), [1 / (1 + 1e-6)]);
  assert.deepEqual(groupAdvantages([1, 1, 1]), [0, 0, 0]);
  const b = groupAdvantages([1, null, 0]);
  assert.equal(b[1], 0);
  assert.ok(b[0] > 0 && b[2] < 0);
});

test('advantagesOf (the full pass: typed arrays, NaN for unknown) gives exactly groupAdvantages', () => {
  let seed = 7;
  const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let n = 0; n < 2000; n++) {
    const correct = Array.from({ length: Math.floor(rand() * 9) }, () => (rand() < 0.3 ? null : rand() < 0.5));
    const rewards = correct.map(outcomeReward);
    const typed = advantagesOf(Float64Array.from(rewards, (r) => (r === null ? NaN : r)));
    assert.deepEqual(Array.from(typed), groupAdvantages(rewards));
  }
});

test('real trace without log-probs: r = -beta*eps*L per sample, -beta*eps per decision', () => {
  const seg = segmented([
    { correct: false, tokens: 200 },
    { correct: true, tokens: 300 },
  ]);
  const a = attributeSegmented(seg, 1, { beta: 0.01, eps: 0.05, gamma: 1, kl: 'k1' });
  assert.deepEqual(
    a.steps.map((s) => round4(s.r)),
    [-0.1, -0.0005, -0.15, -0.0005],
  );
  assert.ok(Math.abs(a.steps[0].q - (-0.1 - 0.0005 - 0.15 - 0.0005)) < 1e-12);
  assert.equal(a.parameters, undefined); // no policy given: unit scores
  // RESAMPLE's Q carries the next attempt's sampling penalty: drag = (-0.251 - 0.1505) vs (-0.151 - 0.0005).
  assert.ok(Math.abs(a.drag.sampling - -0.4015) < 1e-12 && Math.abs(a.drag.decision - -0.1515) < 1e-12);
  assert.ok(Math.abs(a.ratio - 0.4015 / 0.1515) < 1e-12);
  assert.equal(a.surrogateRatio, 1); // balanced: same Q, same unit score
  // One attempt of L tokens: the ratio is exactly (L + 1) / 1.
  const one = attributeSegmented(segmented([{ correct: true, tokens: 400 }]), 1, { beta: 0.001, eps: 0.05, gamma: 1, kl: 'k1' });
  assert.ok(Math.abs(one.ratio - 401) < 1e-9);
});

test('real trace with log-probs uses them exactly, and a policy fills the per-parameter table', () => {
  const seg = segmented([{ correct: true, tokens: 3 }]);
  const lp = { samples: [{ logp: [-0.1, -0.2, -0.3], ref: [-0.2, -0.2, -0.5] }], decisions: [{ logp: [-0.05], ref: [-0.1] }] };
  const a = attributeSegmented(seg, 0.5, { beta: 1, eps: 99, gamma: 1, kl: 'k1', policy: { p: 0.6, delta1: 0.9, delta2: 0.8 } }, lp);
  assert.deepEqual(
    a.steps.map((s) => round4(s.r)),
    [-0.3, -0.05],
  );
  assert.ok(a.parameters);
  assert.ok(Math.abs(a.parameters.theta_s.push - 0.5 * 0.4) < 1e-12);
  assert.ok(Math.abs(a.parameters.theta_stop.drag - -0.05 * 0.1) < 1e-12);
  assert.equal(a.parameters.theta_resample.push, 0);
});

test('response-level log-probs are split over the actions: every token used once, decisions one token each', () => {
  const seg = segmented([
    { correct: false, tokens: 30 },
    { correct: true, tokens: 10 },
  ]);
  const N = 40;
  seg.record = {
    ...seg.record,
    logprobs: Array.from({ length: N }, (_, i) => -0.01 * i),
    refLogprobs: Array.from({ length: N }, () => -0.2),
  };
  const lp = alignLogProbs(seg);
  assert.ok(lp);
  assert.deepEqual(
    lp.decisions.map((d) => d.logp.length),
    [1, 1],
  );
  const lengths = [lp.samples[0].logp.length, lp.decisions[0].logp.length, lp.samples[1].logp.length, lp.decisions[1].logp.length];
  assert.equal(
    lengths.reduce((a, b) => a + b, 0),
    N,
  );
  // L = 30 and 10 do not add up to 40 with the two decision tokens: the samples share 38 by
  // cumulative rounding (trace/tokenSplit.ts splitTokens): round(38 * 30/40) = 29, then 9.
  assert.deepEqual(lengths, [29, 1, 9, 1]);
  // RESAMPLE is the first token of attempt 2, STOP the last token.
  assert.equal(lp.decisions[0].logp[0], -0.01 * 29);
  assert.equal(lp.decisions[1].logp[0], -0.01 * 39);
  // attributeSegmented uses them by default: r = -beta * sum(logp - ref).
  const a = attributeSegmented(seg, 1, { beta: 1, eps: 0, gamma: 1, kl: 'k1' });
  const expected = -Array.from({ length: 29 }, (_, i) => -0.01 * i + 0.2).reduce((x, y) => x + y, 0);
  assert.ok(Math.abs(a.steps[0].r - expected) < 1e-12);
  // Steps whose L (segment's split of the record's tokens) add up with their decisions to the
  // log-probs are sliced exactly so: what segment and the hover show is what is summed.
  const shown = segmented([
    { correct: false, tokens: 28 },
    { correct: true, tokens: 10 },
  ]);
  shown.record = seg.record;
  const exact = alignLogProbs(shown)!;
  assert.deepEqual(
    [exact.samples[0].logp.length, exact.decisions[0].logp.length, exact.samples[1].logp.length, exact.decisions[1].logp.length],
    [28, 1, 10, 1],
  );
  // Mismatched or missing reference: no alignment, eps is used instead.
  seg.record = { ...seg.record, refLogprobs: [0] };
  assert.equal(alignLogProbs(seg), undefined);
});
