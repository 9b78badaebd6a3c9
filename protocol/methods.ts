// Every custom method between the extension and the language server, typed once (as
// rust-analyzer's lsp_ext.ts): the client sends and the server registers these objects, so the
// method name, the parameters and the result cannot drift apart. The messages themselves are in
// calibration.ts, rollouts.ts and runs.ts.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { CalibrateParams, CalibrateResponse, CalibrationTracesParams, TraceLocation } from './calibration.js';
import type {
  FollowRolloutsParams,
  FollowRolloutsResult,
  RolloutFollowEndedParams,
  RolloutStepParams,
  UnfollowRolloutsParams,
  UnfollowRolloutsResult,
} from './rollouts.js';
import type {
  CheckRunConfigParams,
  CheckRunConfigResult,
  ListRunsParams,
  ReadRunParams,
  ReadRunResult,
  RunSummary,
  VerlLaunchParams,
  VerlLaunchResult,
} from './runs.js';

/** Calibrate the traces under some files or folders (the calibration view; work-done progress, cancellable). */
export const calibrateRequest = new RequestType<CalibrateParams, CalibrateResponse, void>('reflectionLens/calibrate');
/** The traces behind one group and one finding (what a click in the calibration view opens). */
export const calibrationTracesRequest = new RequestType<CalibrationTracesParams, TraceLocation[], void>('reflectionLens/calibrationTraces');

/** Start following a verl rollout directory; step summaries then arrive as `rolloutStepNotification`. */
export const followRolloutsRequest = new RequestType<FollowRolloutsParams, FollowRolloutsResult, void>('reflectionLens/followRollouts');
/** Stop a subscription; answers its read counts. */
export const unfollowRolloutsRequest = new RequestType<UnfollowRolloutsParams, UnfollowRolloutsResult, void>(
  'reflectionLens/unfollowRollouts',
);
/** Server to client: one step summary, interim or complete. */
export const rolloutStepNotification = new NotificationType<RolloutStepParams>('reflectionLens/rolloutStep');
/** Server to client: a subscription ended by itself (an error), not by unfollow. */
export const rolloutFollowEndedNotification = new NotificationType<RolloutFollowEndedParams>('reflectionLens/rolloutFollowEnded');

/** The run folders under a folder, newest first (Resume / Open Training Run). */
export const listRunsRequest = new RequestType<ListRunsParams, RunSummary[], void>('reflectionLens/listRuns');
/** One run folder's config, status and metrics (Open Training Run). */
export const readRunRequest = new RequestType<ReadRunParams, ReadRunResult, void>('reflectionLens/readRun');
/** A run config checked as the trainer checks it ("Run GRPO" settings as they are typed). */
export const checkRunConfigRequest = new RequestType<CheckRunConfigParams, CheckRunConfigResult, void>('reflectionLens/checkRunConfig');
/** The verl launch command of an export folder (Run GRPO on verl). */
export const verlLaunchRequest = new RequestType<VerlLaunchParams, VerlLaunchResult, void>('reflectionLens/verlLaunch');

/** How much work an open document's last change caused: tests check incrementality by these counts, the LSP benchmark reads the timings. */
export interface DocumentStats {
  records: number;
  lineCount: number;
  textLength: number;
  /** Records re-parsed by the last change. */
  reparsedByLastChange: number;
  /** Record analyses (segmentation + attribution) since the server started. */
  analysesSoFar: number;
  /** The last change's document update and the last diagnostics run: wall and CPU milliseconds. */
  updateMs: number;
  updateCpuMs: number;
  publishMs: number;
  publishCpuMs: number;
}
export const documentStatsRequest = new RequestType<{ uri: string }, DocumentStats | null, void>('reflectionLens/documentStats');
