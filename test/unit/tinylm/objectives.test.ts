import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectBackend } from '../../../server/src/training/backend.js';
import { Layout, Rng, sampleProblem } from '../../../server/src/training/multiplication.js';
import { Adam } from '../../../server/src/training/tinylm/adam.js';
import { initParams, makeMatmul, makeModel } from '../../../server/src/training/tinylm/model.js';
import {
  dftLoss,
  groupAdvantages,
  grpoLoss,
  klEstimate,
  makeConstants,
  responseMask,
  sftLoss,
  tokenLogp,
} from '../../../server/src/training/tinylm/objectives.js';
import { generate } from '../../../server/src/training/tinylm/rollout.js';

const { tf } = await selectBackend('wasm');

test('explicit-transpose matmul has the same value and gradients as tf.matMul (2-D and batched)', () => {
  const mm = makeMatmul(tf);
  for (const [sa, sb] of [
    [
      [5, 3],
      [3, 4],
    ],
    [
      [2, 5, 3],
      [2, 3, 4],
    ],
  ] as const) {
    const a = tf.randomNormal([...sa], 0, 1, 'float32', 1),
      b = tf.randomNormal([...sb], 0, 1, 'float32', 2);
    const f = (g: typeof mm) => tf.grads((x, y) => tf.sum(tf.mul(g(x, y), g(x, y))))([a, b]);
    const [ga, gb] = f(mm),
      [ra, rb] = f((x, y) => tf.matMul(x as never, y as never));
    assert.ok(tf.max(tf.abs(tf.sub(mm(a, b), tf.matMul(a as never, b as never)))).dataSync()[0] < 1e-5);
    assert.ok(tf.max(tf.abs(tf.sub(ga, ra))).dataSync()[0] < 1e-3);
    assert.ok(tf.max(tf.abs(tf.sub(gb, rb))).dataSync()[0] < 1e-3);
  }
});

test('both matmul modes (explicit transposes; native fused linear layers) give the same logits and gradients', () => {
  const layout = new Layout(['2x1'], 2);
  const shape = {
    vocab: 16,
    seqLength: layout.seqLength,
    slots: layout.slots(),
    segments: layout.segments(),
    dModel: 32,
    heads: 4,
    layers: 2,
    mlpRatio: 2,
  };
  const params = initParams(tf, shape, 6);
  const tokens = tf.randomUniform([3, layout.seqLength], 0, 16, 'int32', 2);
  const run = (mode: 'native' | 'explicit-transpose') => {
    const model = makeModel(tf, shape, mode);
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(model.logits(params, tokens))) as never, [...params.values()]);
    model.dispose();
    return { value: value.dataSync()[0], grads: [...params.values()].map((v) => grads[v.name]) };
  };
  const a = run('explicit-transpose'),
    b = run('native');
  assert.ok(Math.abs(a.value - b.value) < 1e-5 * Math.max(1, Math.abs(a.value)));
  a.grads.forEach((g, i) => assert.ok(tf.max(tf.abs(tf.sub(g, b.grads[i]))).dataSync()[0] < 1e-4, `gradient ${i}`));
  for (const v of params.values()) v.dispose();
});

test('KL estimators match verl: k1 = log ratio, k2 = half squared, low_var_kl = exp(k)-k-1 clamped', () => {
  const lp = tf.tensor1d([-1, -2, -0.5, -30]),
    ref = tf.tensor1d([-1.5, -1, -0.5, -1]);
  const d = [0.5, -1, 0, -29];
  const close = (t: ReturnType<typeof tf.tensor1d>, want: number[]) =>
    Array.from(t.dataSync()).forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-4, `${v} vs ${want[i]}`));
  close(klEstimate(tf, lp, ref, 'k1') as never, d);
  close(
    klEstimate(tf, lp, ref, 'k2') as never,
    d.map((x) => 0.5 * x * x),
  );
  close(
    klEstimate(tf, lp, ref, 'low_var_kl') as never,
    d.map((x) => {
      const k = Math.max(-20, Math.min(20, -x));
      return Math.min(10, Math.exp(k) - k - 1);
    }),
  );
});

test('group advantages: normalised within each group with the unbiased std', () => {
  const a = groupAdvantages([1, 0, 0, 0, 1, 1, 1, 1], 4);
  const sd = Math.sqrt((0.75 ** 2 + 3 * 0.25 ** 2) / 3);
  assert.ok(Math.abs(a[0] - 0.75 / (sd + 1e-6)) < 1e-6);
  assert.ok(Math.abs(a[1] + 0.25 / (sd + 1e-6)) < 1e-6);
  assert.deepEqual(Array.from(a.slice(4)), [0, 0, 0, 0], 'a group with one reward has no signal');
});

test('DFT gradient is the SFT gradient scaled token by token by the token probability', () => {
  const logits = tf.variable(tf.tensor1d([0.3, -1.2, 2]));
  const mask = tf.ones([3]);
  const g = (f: typeof sftLoss) =>
    tf.variableGrads(() => f(tf, tf.logSigmoid(logits), mask, 3) as never, [logits]).grads[logits.name].dataSync();
  const gs = g(sftLoss),
    gd = g(dftLoss);
  const p = Array.from(tf.sigmoid(logits).dataSync());
  p.forEach((pi, i) => assert.ok(Math.abs(gd[i] - pi * gs[i]) < 1e-6));
  logits.dispose();
});

test('a GRPO update raises the log-probability of positive-advantage rollouts and lowers the negative ones', async () => {
  const layout = new Layout(['1x1'], 3);
  const shape = {
    vocab: 16,
    seqLength: layout.seqLength,
    slots: layout.slots(),
    segments: layout.segments(),
    dModel: 32,
    heads: 2,
    layers: 1,
    mlpRatio: 2,
  };
  const model = makeModel(tf, shape),
    params = initParams(tf, shape, 4),
    c = makeConstants(tf, layout);
  const rng = new Rng(3);
  const B = 16,
    T = layout.seqLength;
  const roll = await generate(
    tf,
    model,
    params,
    layout,
    Array.from({ length: B }, () => sampleProblem('1x1', rng)),
    1,
    rng,
  );
  const maskData = responseMask(layout, roll.tokens, B);
  const tokens = tf.tensor2d(roll.tokens, [B, T], 'int32'),
    mask = tf.tensor2d(maskData, [B, T - 1]);
  const adv = tf.tensor2d(
    Array.from({ length: B }, (_, i) => (i < B / 2 ? 1 : -1)),
    [B, 1],
  );
  const seqLogp = () => tf.tidy(() => Array.from(tf.sum(tokenLogp(tf, model, params, tokens, c, mask), 1).dataSync()));
  const before = seqLogp();
  const old = tf.tidy(() => tokenLogp(tf, model, params, tokens, c, mask));
  const adam = new Adam(tf, 1e-3);
  for (let i = 0; i < 3; i++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () =>
          grpoLoss(
            tf,
            tokenLogp(tf, model, params, tokens, c, mask),
            { tokens, mask, count: maskData.reduce((x, y) => x + y, 0), advantages: adv, oldLogp: old, refLogp: old },
            { clipRatio: 0.2, klLossCoef: 0.001, klType: 'low_var_kl' },
          ).loss as never,
        [...params.values()],
      );
      adam.apply(params, Object.fromEntries([...params].map(([n, v]) => [n, grads[v.name]])));
    });
  }
  const after = seqLogp();
  // Rows share parameters, so single rows may move against their sign; the group means may not.
  const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const up = mean(after.slice(0, B / 2).map((v, i) => v - before[i]));
  const down = mean(after.slice(B / 2).map((v, i) => v - before[B / 2 + i]));
  assert.ok(up > 0.05, `positive-advantage rows gain log-probability (${up})`);
  assert.ok(down < -0.05, `negative-advantage rows lose log-probability (${down})`);
});
