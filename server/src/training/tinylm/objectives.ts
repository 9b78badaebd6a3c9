// Losses of the tiny-lm policy: per-token log-probabilities under the position-constrained
// distribution, supervised (SFT, DFT) and GRPO (clipped ratio + KL loss, verl's estimators).
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../backend.js';
import { Layout, TOK, VOCAB_SIZE } from '../multiplication.js';
import type { KlType } from './config.js';
import type { Model, Params } from './model.js';

type Tensor = tfjs.Tensor;

/** Constant tensors shared by every step of a run (kept; disposed with the run). */
export interface Constants {
  /** Additive logit bias [1, T-1, V]: 0 where the target token may stand, -1e9 elsewhere. */
  targetBias: Tensor;
}

export function makeConstants(tf: Tf, layout: Layout): Constants {
  const allowed = layout.allowedMask();
  const T = layout.seqLength;
  const bias = new Float32Array((T - 1) * VOCAB_SIZE);
  for (let i = 0; i < bias.length; i++) bias[i] = allowed[i + VOCAB_SIZE] ? 0 : -1e9;
  return { targetBias: tf.keep(tf.tensor3d(bias, [1, T - 1, VOCAB_SIZE])) };
}

/**
 * Loss mask [B, T-1] over next-token targets: 1 for the response tokens a trajectory actually
 * wrote (answer digits and decisions up to and including its STOP), 0 for prompt and padding.
 */
export function responseMask(layout: Layout, tokens: Int32Array, rows: number): Float32Array {
  const T = layout.seqLength;
  const mask = new Float32Array(rows * (T - 1));
  for (let b = 0; b < rows; b++) {
    for (let k = 0; k < layout.maxAttempts; k++) {
      for (let pos = layout.attemptStart(k); pos <= layout.decisionPos(k); pos++) mask[b * (T - 1) + pos - 1] = 1;
      if (tokens[b * T + layout.decisionPos(k)] !== TOK.RESAMPLE) break;
    }
  }
  return mask;
}

/**
 * log pi(token_t | tokens_<t) for t = 1..T-1: [B, T-1], times `mask`: PAD targets after STOP
 * get a -1e9 bias and would otherwise leak huge values into ratios and KL terms.
 */
export function tokenLogp(tf: Tf, model: Model, params: Params, tokens: Tensor, c: Constants, mask: Tensor): Tensor {
  const [B, T] = tokens.shape as [number, number];
  const logits = tf.slice(model.logits(params, tokens), [0, 0, 0], [B, T - 1, VOCAB_SIZE]);
  const logp = tf.logSoftmax(tf.add(logits, c.targetBias));
  const targets = tf.oneHot(tf.reshape(tf.slice(tokens, [0, 1], [B, T - 1]), [-1]), VOCAB_SIZE);
  return tf.mul(tf.reshape(tf.sum(tf.mul(tf.reshape(logp, [B * (T - 1), VOCAB_SIZE]), targets), -1), [B, T - 1]), mask);
}

/**
 * Takes the answer digits of wrong attempts out of a loss mask (in place): supervised data whose
 * wrong attempts are there to be rejected, not imitated. The decision after a wrong attempt stays
 * in the loss. `products[b]` is row b's correct answer.
 */
export function maskWrongAttempts(
  layout: Layout,
  tokens: Int32Array,
  rows: number,
  products: readonly number[],
  mask: Float32Array,
): Float32Array {
  const T = layout.seqLength;
  for (let b = 0; b < rows; b++) {
    const row = tokens.subarray(b * T, (b + 1) * T);
    for (let k = 0; k < layout.maxAttempts; k++) {
      if (layout.readAnswer(row, k) !== products[b])
        for (let pos = layout.attemptStart(k); pos < layout.decisionPos(k); pos++) mask[b * (T - 1) + pos - 1] = 0;
      if (row[layout.decisionPos(k)] !== TOK.RESAMPLE) break;
    }
  }
  return mask;
}

const maskedMean = (tf: Tf, x: Tensor, mask: Tensor, count: number) => tf.div(tf.sum(tf.mul(x, mask)), Math.max(count, 1));

/** SFT: mean negative log-likelihood of the response tokens. */
export function sftLoss(tf: Tf, logp: Tensor, mask: Tensor, count: number): Tensor {
  return tf.neg(maskedMean(tf, logp, mask, count));
}

/** Identity whose gradient is zero (tfjs has no stop_gradient op). */
function stopGradient(tf: Tf, x: Tensor): Tensor {
  const custom = tf.customGrad as unknown as (
    f: (x: Tensor) => { value: Tensor; gradFunc: (dy: Tensor) => Tensor },
  ) => (x: Tensor) => Tensor;
  return custom((v) => ({ value: tf.clone(v), gradFunc: (dy) => tf.zerosLike(dy) }))(x);
}

/** DFT (Wu et al. 2025): each token's NLL scaled by its own probability, with the scale held constant. */
export function dftLoss(tf: Tf, logp: Tensor, mask: Tensor, count: number): Tensor {
  return tf.neg(maskedMean(tf, tf.mul(stopGradient(tf, tf.exp(logp)), logp), mask, count));
}

/** verl's kl_penalty estimators of KL(pi || pi_ref) per token. */
export function klEstimate(tf: Tf, logp: Tensor, refLogp: Tensor, type: KlType): Tensor {
  switch (type) {
    case 'k1':
      return tf.sub(logp, refLogp);
    case 'k2':
      return tf.mul(tf.square(tf.sub(logp, refLogp)), 0.5);
    case 'low_var_kl': {
      const k = tf.clipByValue(tf.sub(refLogp, logp), -20, 20);
      return tf.clipByValue(tf.sub(tf.sub(tf.exp(k), k), 1), -10, 10);
    }
  }
}

export interface GrpoBatch {
  tokens: Tensor; // [B, T] int32
  mask: Tensor; // [B, T-1]
  count: number; // response tokens in the batch
  advantages: Tensor; // [B, 1]
  oldLogp: Tensor; // [B, T-1]
  refLogp: Tensor; // [B, T-1]
}

export interface GrpoKnobs {
  clipRatio: number;
  klLossCoef: number;
  klType: KlType;
}

/** GRPO loss (token-mean): clipped-ratio policy loss + kl_loss_coef * KL estimate; also returns the mean KL and clip fraction. */
export function grpoLoss(tf: Tf, logp: Tensor, b: GrpoBatch, k: GrpoKnobs): { loss: Tensor; kl: Tensor; clipFrac: Tensor } {
  const ratio = tf.exp(tf.sub(logp, b.oldLogp));
  const unclipped = tf.mul(tf.neg(b.advantages), ratio);
  const clipped = tf.mul(tf.neg(b.advantages), tf.clipByValue(ratio, 1 - k.clipRatio, 1 + k.clipRatio));
  const pg = tf.maximum(unclipped, clipped);
  const klTok = klEstimate(tf, logp, b.refLogp, k.klType);
  const loss = maskedMean(tf, tf.add(pg, tf.mul(klTok, k.klLossCoef)), b.mask, b.count);
  const kl = maskedMean(tf, klTok, b.mask, b.count);
  const clipFrac = maskedMean(tf, tf.cast(tf.greater(clipped, unclipped), 'float32'), b.mask, b.count);
  return { loss, kl, clipFrac };
}

/** Group-normalised advantages (verl GRPO: unbiased std; a group of one gets mean 0, std 1). */
export function groupAdvantages(rewards: readonly number[], groupSize: number): Float32Array {
  const adv = new Float32Array(rewards.length);
  for (let g = 0; g < rewards.length; g += groupSize) {
    const r = rewards.slice(g, g + groupSize);
    const n = r.length;
    const mean = n > 1 ? r.reduce((a, b) => a + b, 0) / n : 0;
    const std = n > 1 ? Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 1;
    for (let i = 0; i < n; i++) adv[g + i] = (r[i] - mean) / (std + 1e-6);
  }
  return adv;
}
