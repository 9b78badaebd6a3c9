// GRPO's group-relative advantage, computed the way verl does (compute_grpo_outcome_advantage):
// A = (R - mean) / (std + 1e-6) with the unbiased (n-1) std; a group of one gets mean 0, std 1.

export const GRPO_EPSILON = 1e-6;

/**
 * Advantages for one group of rollouts of the same prompt. `null` rewards (no ground truth or
 * no answer) take no part in the statistics and get advantage 0: nothing can be credited to them.
 */
export function groupAdvantages(rewards: readonly (number | null)[]): number[] {
  const known = rewards.filter((r): r is number => r !== null);
  let mean = 0;
  let std = 1;
  if (known.length > 1) {
    mean = known.reduce((s, r) => s + r, 0) / known.length;
    std = Math.sqrt(known.reduce((s, r) => s + (r - mean) ** 2, 0) / (known.length - 1));
  }
  return rewards.map((r) => (r === null ? 0 : (r - mean) / (std + GRPO_EPSILON)));
}

/**
 * groupAdvantages over rewards in a Float64Array, NaN for an unknown one (rewards are 0 or 1 here,
 * never NaN): the same numbers, in a typed array (attribution.test.ts compares the two). The full
 * pass (scan.ts) calls it once per rollout group: arrays of `number | null` and the arrays `map`
 * returns change element kind from one group to the next (small integers, doubles, objects), and
 * each new kind cost the optimized pass a "wrong map" deoptimization and a recompilation while
 * the engine warmed up (docs/engine.md, stop 27, fourth round).
 */
export function advantagesOf(rewards: Float64Array): Float64Array {
  const stats = rewardStats(rewards);
  const out = new Float64Array(rewards.length);
  for (let i = 0; i < rewards.length; i++) out[i] = advantageOf(rewards[i], stats);
  return out;
}

/** What a group's advantages depend on: the known rewards' count, mean and unbiased std (mean 0, std 1 below two). */
export interface RewardStats {
  known: number;
  /** The known rewards' sum (their mean is sum / known, also for a group of one). */
  sum: number;
  mean: number;
  std: number;
}

/** rewardStats over rewards in a Float64Array, NaN for an unknown one (see advantagesOf). */
export function rewardStats(rewards: Float64Array): RewardStats {
  let known = 0;
  let sum = 0;
  for (let i = 0; i < rewards.length; i++) {
    if (Number.isNaN(rewards[i])) continue;
    known++;
    sum += rewards[i];
  }
  let mean = 0;
  let std = 1;
  if (known > 1) {
    // Summed in order from 0, as a reduce over the known rewards adds them.
    mean = sum / known;
    let squares = 0;
    for (let i = 0; i < rewards.length; i++) if (!Number.isNaN(rewards[i])) squares += (rewards[i] - mean) ** 2;
    std = Math.sqrt(squares / (known - 1));
  }
  return { known, sum, mean, std };
}

/** One reward's advantage in a group with these statistics (0 for an unknown reward, NaN). */
export function advantageOf(reward: number, stats: RewardStats): number {
  return Number.isNaN(reward) ? 0 : (reward - stats.mean) / (stats.std + GRPO_EPSILON);
}

/** Outcome reward: 1 when the final answer is correct, 0 when wrong, null when unknown. */
export function outcomeReward(correct: boolean | null): number | null {
  return correct === null ? null : correct ? 1 : 0;
}
