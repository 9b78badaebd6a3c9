// `reflectionLens/followRollouts`: follows a running verl job's rollout directory and pushes one
// `reflectionLens/rolloutStep` notification per step summary (interim and complete) as the job
// writes `{step}.jsonl` files. The engine (followRolloutSteps) reads each completed file version
// exactly once; this counts those reads per file so the client and the tests can see it.
// A subscription ends on `reflectionLens/unfollowRollouts`, or when the connection to the client
// is gone (a notification cannot be delivered; the server process also exits with its client).
import { MAX_BOOTSTRAP } from '../analysis/calibrate.js';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { basename, resolve } from 'node:path';
import { followRolloutSteps } from '../training/verl/liveSteps.js';
import type { SummaryOptions } from '../analysis/summary.js';
import { editorSkipReason } from './calibrationCorpus.js';
import { segmentOptionsOfParams, segmentParamProblems } from './segmentParams.js';
import {
  followRolloutsRequest,
  rolloutFollowEndedNotification,
  rolloutStepNotification,
  unfollowRolloutsRequest,
} from '../../../protocol/methods.js';
import type {
  FollowRolloutsParams,
  FollowRolloutsResult,
  RolloutFollowEndedParams,
  RolloutStepParams,
  UnfollowRolloutsResult,
} from '../../../protocol/rollouts.js';

interface Subscription {
  dir: string;
  controller: AbortController;
  reads: Map<string, number>;
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${followRolloutsRequest.method}: ${message}`);
}

function checkParams(p: FollowRolloutsParams): string {
  const problems: string[] = [];
  let dir = '';
  try {
    if (typeof p?.dir !== 'string') throw new Error();
    dir = fileURLToPath(p.dir);
  } catch {
    problems.push('dir must be a file: URI');
  }
  if (!(Number.isInteger(p?.bootstrap) && p.bootstrap >= 1 && p.bootstrap <= MAX_BOOTSTRAP))
    problems.push(
      `bootstrap must be a whole number from 1 to ${MAX_BOOTSTRAP} (the limit on resamples), got ${JSON.stringify(p?.bootstrap)}`,
    );
  if (!Number.isFinite(p?.seed)) problems.push('seed must be a number');
  if (p?.horizon !== undefined && !(Number.isInteger(p.horizon) && p.horizon >= 1)) problems.push('horizon must be a positive integer');
  for (const k of ['partialEveryMs', 'pollMs', 'settleMs', 'quietMs'] as const) {
    if (p?.[k] !== undefined && !(Number.isFinite(p[k]) && p[k]! >= 0)) problems.push(`${k} must be a non-negative number`);
  }
  problems.push(...segmentParamProblems(p));
  if (problems.length > 0) throw invalid(problems.join('; '));
  return dir;
}

/**
 * Answers the follow/unfollow requests on `connection`. `summarySettings`: which records cut off
 * at the generation limit count (the server's `reflectionLens.includeTruncated` and `.tokenLimit`
 * for the followed directory), read once per subscription; defaults when absent.
 */
export function registerRolloutFollow(
  connection: Connection,
  summarySettings: (uris: readonly string[]) => Promise<SummaryOptions> = () => Promise.resolve({}),
): void {
  const subscriptions = new Map<string, Subscription>();
  let next = 0;

  async function follow(id: string, dir: string, p: FollowRolloutsParams, sub: Subscription, summary: SummaryOptions): Promise<void> {
    const segment = segmentOptionsOfParams(p);
    const steps = followRolloutSteps(dir, {
      signal: sub.controller.signal,
      bootstrap: p.bootstrap,
      seed: p.seed,
      horizon: p.horizon,
      segment,
      summary,
      partialEveryMs: p.partialEveryMs,
      pollMs: p.pollMs,
      settleMs: p.settleMs,
      quietMs: p.quietMs,
      onFileRead: (file) => sub.reads.set(file.path, (sub.reads.get(file.path) ?? 0) + 1),
    });
    for await (const step of steps) {
      const shown = { ...step, skipped: step.skipped.map((s) => ({ ...s, reason: editorSkipReason(s.reason) })) };
      const params: RolloutStepParams = { id, summary: shown, reads: sub.reads.get(step.file) ?? 0 };
      // A notification that cannot be delivered means the client is gone: stop reading.
      await connection.sendNotification(rolloutStepNotification, params).catch(() => sub.controller.abort());
    }
  }

  connection.onRequest(followRolloutsRequest, async (p): Promise<FollowRolloutsResult> => {
    const dir = checkParams(p);
    const summary = await summarySettings([p.dir]);
    const id = `rollouts-${++next}`;
    const sub: Subscription = { dir, controller: new AbortController(), reads: new Map() };
    connection.console.log(`following ${dir} (${id})`);
    subscriptions.set(id, sub);
    // Started after this answer is written, so the client knows the id before its first step arrives.
    setImmediate(() =>
      follow(id, dir, p, sub, summary).catch((e: unknown) => {
        if (sub.controller.signal.aborted) return;
        const ended: RolloutFollowEndedParams = { id, error: (e as Error)?.message ?? String(e) };
        connection.console.error(`reflection-lens: following ${dir} failed: ${(e as Error)?.stack ?? String(e)}`);
        void connection.sendNotification(rolloutFollowEndedNotification, ended).catch(() => undefined);
      }),
    );
    return { id, run: basename(resolve(dir)) };
  });

  connection.onRequest(unfollowRolloutsRequest, (p): UnfollowRolloutsResult => {
    const sub = typeof p?.id === 'string' ? subscriptions.get(p.id) : undefined;
    if (!sub)
      throw new ResponseError(ErrorCodes.InvalidParams, `${unfollowRolloutsRequest.method}: no subscription ${JSON.stringify(p?.id)}`);
    sub.controller.abort();
    subscriptions.delete(p.id);
    const reads = [...sub.reads.values()].reduce((a, b) => a + b, 0);
    connection.console.log(`stopped following ${sub.dir} (${p.id}): ${sub.reads.size} step files, ${reads} reads`);
    return { reads: Object.fromEntries(sub.reads) };
  });
}
