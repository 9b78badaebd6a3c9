// A running verl job's rollout directory, followed live: the directory's layout (one
// `{step}.jsonl` per step, written in place while the job runs) and the messages of the
// follow requests (methods.ts). The layout helpers read the file system, so webviews do not
// import this file; the client and the server do.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { CalibrationGroup } from './calibration.js';

/** A verl step dump: `trainer.rollout_data_dir/{step}.jsonl`. */
export const STEP_FILE = /^(\d+)\.jsonl$/;

/** The run a verl step dump belongs to: `run7/rollouts/12.jsonl` -> "rollouts" (its folder); undefined for other files. */
export function rolloutRunName(path: string): string | undefined {
  return STEP_FILE.test(basename(path)) ? basename(dirname(resolve(path))) : undefined;
}

/** A folder holding verl step dumps. */
export function isRolloutDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && readdirSync(dir).some((n) => STEP_FILE.test(n));
  } catch {
    return false;
  }
}

/** Whether the file's last byte (at `size`) is a newline: a verl step file still being written is not. */
export function endsWithNewline(path: string, size: number): boolean {
  if (size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, size - 1);
    return b[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

/** One step file's calibration, pushed by the server as the job writes it. */
export interface StepSummary {
  /** The run's name (the `model` of its groups): the rollout directory's name unless given. */
  run: string;
  step: number;
  file: string;
  /** The step file was summarized before and has been rewritten since (a resumed job). */
  changed: boolean;
  /** The file ended in a torn line (reported in `skipped`). */
  partial: boolean;
  bytes: number;
  /**
   * false for an interim summary of the records read so far (see `partialEveryMs`); the step's
   * final summary follows. Also false for the last summary of a reading that did not get the
   * bytes the watcher saw (the file shrank, or changed while it was read; said in `skipped`):
   * the watcher hands the file out again once it is at rest, and that reading replaces this one.
   */
  complete: boolean;
  /** Rollouts read (JSON lines with a response). */
  records: number;
  /** Wall time to read and summarize the file. */
  seconds: number;
  /** One group per task, each with `step` set. */
  groups: CalibrationGroup[];
  /** Lines that could not be used (broken JSON, no ground truth, no answer), with why. */
  skipped: { file: string; line?: number; reason: string }[];
}

/** Request `reflectionLens/followRollouts`: start following a rollout directory. */
export interface FollowRolloutsParams {
  /** The rollout directory (trainer.rollout_data_dir / validation_data_dir): a `file:` URI. */
  dir: string;
  bootstrap: number;
  seed: number;
  /** K of the K-attempt predicted accuracy. */
  horizon?: number;
  markers?: string[];
  answerPatterns?: string[];
  /** `reflectionLens.reader`: the rules alone or with the learned candidate stage; the engine's default when absent. */
  reader?: 'rules' | 'learned';
  /** Interim summaries of a big step file this often while it is read (ms); none when absent. */
  partialEveryMs?: number;
  /** Watcher timing (ms): how often to look, how long a file must rest before it is read. */
  pollMs?: number;
  settleMs?: number;
  quietMs?: number;
}

export interface FollowRolloutsResult {
  /** The subscription. */
  id: string;
  /** The run's name: the model name of its groups (the directory's name). */
  run: string;
}

/** Notification `reflectionLens/rolloutStep` (server to client): one step summary, interim or complete. */
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

/** Notification `reflectionLens/rolloutFollowEnded` (server to client): a subscription ended by itself (an error), not by unfollow. */
export interface RolloutFollowEndedParams {
  id: string;
  error: string;
}
