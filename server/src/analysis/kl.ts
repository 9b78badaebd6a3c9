// Per-token KL estimators between the policy and its reference, as verl computes them
// (verl/trainer/ppo/core_algos.py kl_penalty): k1 "kl", k2 "mse", k3 "low_var_kl".
import type { KlEstimator } from './types.js';

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

/** Sum of per-token estimates over one action's tokens. */
export function klSum(kl: KlEstimator, logp: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (logp.length !== ref.length) throw new RangeError(`log-prob arrays differ in length (${logp.length} vs ${ref.length})`);
  let s = 0;
  for (let i = 0; i < logp.length; i++) s += klToken(kl, logp[i], ref[i]);
  return s;
}

/** KL of `tokens` tokens that each carry the same log ratio log(pi/pi_ref) = `logRatio`. */
export function klUniform(kl: KlEstimator, logRatio: number, tokens: number): number {
  return tokens * klToken(kl, logRatio, 0);
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
