// One optimizer update of the tiny-lm policy: loss, gradients, global-norm clipping, Adam.
// Shared by the training loop and the benchmark, so the benchmark times exactly what training runs.
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../backend.js';
import type { Adam } from './adam.js';
import type { Model, Params } from './model.js';
import { dftLoss, grpoLoss, sftLoss, tokenLogp, type Constants, type GrpoBatch, type GrpoKnobs } from './objectives.js';

type Tensor = tfjs.Tensor;

export interface Learner {
  tf: Tf;
  model: Model;
  params: Params;
  adam: Adam;
  consts: Constants;
  gradClip: number;
}

/** Scales gradients so their global norm is at most maxNorm (on the device: no read-back). */
function clipGradients(tf: Tf, grads: Record<string, Tensor>, maxNorm: number): Record<string, Tensor> {
  if (maxNorm <= 0) return grads;
  const sq = Object.values(grads).map((g) => tf.sum(tf.square(g)));
  const scale = tf.minimum(1, tf.div(maxNorm, tf.add(tf.sqrt(tf.addN(sq)), 1e-6)));
  return Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)]));
}

/** Runs loss(), applies the update, returns [loss, ...extra] as one small tensor (read it back when needed). */
function step(L: Learner, loss: () => { loss: Tensor; extra?: Tensor[] }): Tensor {
  const { tf } = L;
  return tf.tidy(() => {
    let extra: Tensor | null = null;
    const { value, grads } = tf.variableGrads(() => {
      const out = loss();
      if (out.extra?.length) extra = tf.keep(tf.stack(out.extra));
      return out.loss as tfjs.Scalar;
    }, [...L.params.values()]);
    const clipped = clipGradients(tf, grads, L.gradClip);
    // variableGrads keys gradients by tfjs variable name; Adam keys its moments by parameter name.
    L.adam.apply(L.params, Object.fromEntries([...L.params].map(([n, v]) => [n, clipped[v.name]])));
    const parts = [tf.reshape(value, [1])];
    if (extra) parts.push(extra);
    const out = tf.concat(parts);
    (extra as Tensor | null)?.dispose();
    return out;
  });
}

/** Supervised update (SFT or DFT) on token ids [B, T] with loss mask [B, T-1]; returns [loss]. */
export function supervisedUpdate(L: Learner, objective: 'sft' | 'dft', tokens: Tensor, mask: Tensor, count: number): Tensor {
  return step(L, () => ({
    loss: (objective === 'sft' ? sftLoss : dftLoss)(L.tf, tokenLogp(L.tf, L.model, L.params, tokens, L.consts, mask), mask, count),
  }));
}

/** GRPO update on one mini-batch; returns [loss, kl, clipFrac]. */
export function grpoUpdate(L: Learner, batch: GrpoBatch, knobs: GrpoKnobs): Tensor {
  return step(L, () => {
    const out = grpoLoss(L.tf, tokenLogp(L.tf, L.model, L.params, batch.tokens, L.consts, batch.mask), batch, knobs);
    return { loss: out.loss, extra: [out.kl, out.clipFrac] };
  });
}
