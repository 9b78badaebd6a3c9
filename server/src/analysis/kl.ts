// Per-token KL estimators between the policy and its reference, as verl computes them
// (verl/trainer/ppo/core_algos.py kl_penalty): k1 "kl", k2 "mse", k3 "low_var_kl"; and their
// derivatives with respect to the policy's log-prob, which the KL's gradient needs (docs/design.md
// section 5: in the reward the penalty also depends on theta; as a loss that is all there is).
import type { KlEstimator, KlMode } from './types.js';

/** Estimate of KL contributed by one token with log-probs `logp` (policy) and `ref` (reference). */
export function klToken(kl: KlEstimator, logp: number, ref: number): number {
  const x = logp - ref;
  switch (kl) {
    case 'k1':
      return x;
    case 'k2':
      return 0.5 * x * x;
    case 'k3': {
      // Schulman's unbiased low-variance estimator with verl's clamps (numerical safety).
      const k = clamp(ref - logp, -20, 20);
      return clamp(Math.exp(k) - k - 1, -10, 10);
    }
  }
}

/**
 * d klToken / d logp, the pathwise derivative autograd takes through verl's formula (a clamp that
 * is active passes no gradient, as torch.clamp): k1 1, k2 logp - ref, k3 1 - pi_ref/pi.
 */
export function klTokenGrad(kl: KlEstimator, logp: number, ref: number): number {
  switch (kl) {
    case 'k1':
      return 1;
    case 'k2':
      return logp - ref;
    case 'k3': {
      const k = ref - logp;
      if (k < -20 || k > 20) return 0;
      const e = Math.exp(k);
      const v = e - k - 1;
      return v < -10 || v > 10 ? 0 : 1 - e;
    }
  }
}

/** Sum of per-token estimates over one action's tokens. */
export function klSum(kl: KlEstimator, logp: ArrayLike<number>, ref: ArrayLike<number>): number {
  return sumTokens(klToken, kl, logp, ref);
}

/** Sum of per-token derivatives d k / d logp over one action's tokens. */
export function klGradSum(kl: KlEstimator, logp: ArrayLike<number>, ref: ArrayLike<number>): number {
  return sumTokens(klTokenGrad, kl, logp, ref);
}

/** KL of `tokens` tokens that each carry the same log ratio log(pi/pi_ref) = `logRatio`. */
export function klUniform(kl: KlEstimator, logRatio: number, tokens: number): number {
  return tokens * klToken(kl, logRatio, 0);
}

/** Summed derivative d k / d logp of `tokens` tokens that each carry the log ratio `logRatio`. */
export function klGradUniform(kl: KlEstimator, logRatio: number, tokens: number): number {
  return tokens * klTokenGrad(kl, logRatio, 0);
}

/**
 * Whether the gradient keeps the pathwise term -beta * dk/dlogp * d logp/d theta of the KL's own
 * dependence on theta. As a loss it is the whole gradient (verl differentiates the loss through
 * the sampled tokens' log-probs). In the reward it is kept for k2 and k3; for k1 it is
 * -beta * d log pi/d theta, zero in expectation at every state, and Theorem 3.2 (and Appendix C's
 * printed numbers) leave it out, so the estimator is the paper's.
 */
export function keepsPathwise(kl: KlEstimator, mode: KlMode): boolean {
  return mode === 'loss' || kl !== 'k1';
}

function sumTokens(
  f: (kl: KlEstimator, logp: number, ref: number) => number,
  kl: KlEstimator,
  logp: ArrayLike<number>,
  ref: ArrayLike<number>,
): number {
  if (logp.length !== ref.length) throw new RangeError(`log-prob arrays differ in length (${logp.length} vs ${ref.length})`);
  let s = 0;
  for (let i = 0; i < logp.length; i++) s += f(kl, logp[i], ref[i]);
  return s;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
