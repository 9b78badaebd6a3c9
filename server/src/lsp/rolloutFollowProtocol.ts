// Messages between the extension and the language server for following a running verl job's
// rollout directory live. No imports with side effects: the client bundle and the server share
// these names and types.
import type { StepSummary } from '../training/verl/liveSteps.js';

export type { StepSummary };

/** Request: start following a rollout directory; answers a subscription id. */
export const FOLLOW_ROLLOUTS_METHOD = 'reflectionLens/followRollouts';
/** Request: stop a subscription; answers its read counts. */
export const UNFOLLOW_ROLLOUTS_METHOD = 'reflectionLens/unfollowRollouts';
/** Notification (server to client): one step summary, interim or complete. */
export const ROLLOUT_STEP_NOTIFICATION = 'reflectionLens/rolloutStep';
/** Notification (server to client): a subscription ended by itself (an error), not by unfollow. */
export const ROLLOUT_FOLLOW_ENDED_NOTIFICATION = 'reflectionLens/rolloutFollowEnded';

export interface FollowRolloutsParams {
  /** The rollout directory (trainer.rollout_data_dir / validation_data_dir): a `file:` URI. */
  dir: string;
  bootstrap: number;
  seed: number;
  /** K of the K-attempt predicted accuracy. */
  horizon?: number;
  markers?: string[];
  answerPatterns?: string[];
  /** Interim summaries of a big step file this often while it is read (ms); none when absent. */
  partialEveryMs?: number;
  /** Watcher timing (ms): how often to look, how long a file must rest before it is read. */
  pollMs?: number;
  settleMs?: number;
  quietMs?: number;
}

export interface FollowRolloutsResult {
  id: string;
  /** The run's name: the model name of its groups (the directory's name). */
  run: string;
}

export interface RolloutStepParams {
  id: string;
  summary: StepSummary;
  /** How many times this subscription has read `summary.file` (1 unless it was rewritten). */
  reads: number;
}

export interface UnfollowRolloutsParams {
  id: string;
}

export interface UnfollowRolloutsResult {
  /** Step file path -> times read by the subscription (a rewritten file counts once per version). */
  reads: Record<string, number>;
}

export interface RolloutFollowEndedParams {
  id: string;
  error: string;
}
