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

/** Outcome reward: 1 when the final answer is correct, 0 when wrong, null when unknown. */
export function outcomeReward(correct: boolean | null): number | null {
  return correct === null ? null : correct ? 1 : 0;
}
