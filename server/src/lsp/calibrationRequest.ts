// `reflectionLens/calibrate` and `reflectionLens/calibrationTraces`: corpus calibration for the
// calibration view, run here in the language server rather than on the editor's extension host.
// Per-file summaries are cached (CalibrationCorpus), progress goes out as LSP work-done progress
// on the client's token, and a cancelled request stops reading at the next chunk. Which records
// cut off at the generation limit count (`reflectionLens.includeTruncated`, `.tokenLimit`) is read
// here from the server's settings, not sent with the request.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  WorkDoneProgress,
  type CancellationToken,
  type Connection,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver';
import type { CalibrationGrouping, TraceSummary } from '../analysis/types.js';
import { DEFAULT_TOKEN_LIMIT, type SummaryOptions } from '../analysis/summary.js';
import type { SegmentOptions } from '../trace/types.js';
import { segmentOptionsOfParams, segmentParamProblems } from './segmentParams.js';
import { MAX_BOOTSTRAP } from '../analysis/calibrate.js';
import { CalibrationCorpus, calibrateSnapshot, type CorpusSnapshot, type Skipped } from './calibrationCorpus.js';
import {
  isTraceFilter,
  parseGrouping,
  type CalibrateParams,
  type CalibrateResponse,
  type GroupingChoice,
  type TraceFilter,
  type TraceLocation,
  type TraceQuery,
} from '../../../protocol/calibration.js';
import { calibrateRequest, calibrationTracesRequest } from '../../../protocol/methods.js';

/** Local paths of `file:` URIs; other schemes are reported as skipped. */
function pathsOf(uris: readonly string[]): { paths: string[]; skipped: Skipped[] } {
  const paths: string[] = [];
  const skipped: Skipped[] = [];
  for (const uri of uris) {
    try {
      paths.push(fileURLToPath(uri));
    } catch {
      skipped.push({ file: uri, reason: 'not a local file (only file: URIs can be calibrated)' });
    }
  }
  return { paths, skipped };
}

function checkParams(p: CalibrateParams): { segment: SegmentOptions; by: GroupingChoice } {
  const problems: string[] = [];
  if (!Array.isArray(p?.uris) || !p.uris.every((u) => typeof u === 'string')) problems.push('uris must be an array of URI strings');
  if (!(Number.isInteger(p?.bootstrap) && p.bootstrap >= 1 && p.bootstrap <= MAX_BOOTSTRAP))
    problems.push(
      `bootstrap must be a whole number from 1 to ${MAX_BOOTSTRAP} (the limit on resamples), got ${JSON.stringify(p?.bootstrap)}`,
    );
  if (!Number.isFinite(p?.seed)) problems.push('seed must be a number');
  if (!(Number.isInteger(p?.horizon) && p.horizon >= 1)) problems.push('horizon must be a positive integer');
  const by = p?.by === undefined ? 'model-task' : parseGrouping(p.by);
  if (by === undefined) problems.push('by must be "auto", "model-task" or "step"');
  problems.push(...segmentParamProblems(p));
  if (problems.length > 0) throw new ResponseError(ErrorCodes.InvalidParams, `${calibrateRequest.method}: ${problems.join('; ')}`);
  return { segment: segmentOptionsOfParams(p), by: by ?? 'model-task' };
}

/** `auto` grouping: by step when the usable traces carry more than one step. */
function resolveGrouping(by: GroupingChoice, snap: CorpusSnapshot): CalibrationGrouping {
  if (by !== 'auto') return by;
  const steps = new Set<number>();
  for (const f of snap.perFile.values()) {
    for (const s of f.summaries) {
      if (s.unusable) continue;
      if (s.step === undefined) return 'model-task';
      steps.add(s.step);
    }
  }
  return steps.size > 1 ? 'step' : 'model-task';
}

/** An AbortSignal that fires when the LSP request is cancelled. */
function signalOf(token: CancellationToken): AbortSignal {
  const ctl = new AbortController();
  if (token.isCancellationRequested) ctl.abort();
  else token.onCancellationRequested(() => ctl.abort());
  return ctl.signal;
}

function failure(e: unknown, signal: AbortSignal): ResponseError<void> {
  if (e instanceof ResponseError) return e;
  if (signal.aborted) return new ResponseError(LSPErrorCodes.RequestCancelled, 'calibration cancelled');
  if (e instanceof RangeError) return new ResponseError(ErrorCodes.InvalidParams, e.message);
  return new ResponseError(ErrorCodes.InternalError, `calibration failed: ${(e as Error)?.message ?? String(e)}`);
}

/** Does trace `s` belong to the group of `q` and show its finding? */
export function matchesQuery(s: TraceSummary, q: TraceQuery): boolean {
  if (s.unusable || s.model !== q.model || s.task !== q.task) return false;
  if (q.step !== undefined && s.step !== q.step) return false;
  return FILTERS[q.filter](s);
}

const FILTERS: Record<TraceFilter, (s: TraceSummary) => boolean> = {
  all: () => true,
  firstWrong: (s) => !s.firstCorrect,
  abandonedCorrect: (s) => s.decisionsAfterCorrect > s.stopAfterCorrect,
  missedCorrection: (s) => s.decisionsAfterWrong > s.resampleAfterWrong,
  finalWrong: (s) => !s.finalCorrect,
  TT: (s) => s.transitions.TT > 0,
  TF: (s) => s.transitions.TF > 0,
  FT: (s) => s.transitions.FT > 0,
  FFecho: (s) => s.transitions.FFecho > 0,
  FFnew: (s) => s.transitions.FFnew > 0,
};

const mark = (ok: boolean) => (ok ? 'correct' : 'wrong');

export function describeTrace(s: TraceSummary): string {
  // A forced last STOP (forced_stop header) is not among the decisions, but its attempt is one.
  const attempts = s.decisionsAfterCorrect + s.decisionsAfterWrong + (s.forcedStop ? 1 : 0);
  const parts = [`first ${mark(s.firstCorrect)}`, `final ${mark(s.finalCorrect)}`, `${attempts} attempt${attempts === 1 ? '' : 's'}`];
  if (s.transitions.FFecho > 0) parts.push(`${s.transitions.FFecho} echo${s.transitions.FFecho === 1 ? '' : 'es'}`);
  return parts.join(' · ');
}

/**
 * The truncation settings for a request over `uris`: `reflectionLens.includeTruncated` and
 * `reflectionLens.tokenLimit` as the server reads them (server.ts: workspace/configuration scoped
 * to the first URI, bad values replaced by their defaults). One setting per request: a corpus is
 * calibrated as a whole.
 */
export type SummarySettings = (uris: readonly string[]) => Promise<SummaryOptions>;

const defaultSummarySettings: SummarySettings = () => Promise.resolve({});

/** The options actually applied, for the response. */
function truncationOf(o: SummaryOptions): { includeTruncated: boolean; tokenLimit: number } {
  return { includeTruncated: o.includeTruncated === true, tokenLimit: o.tokenLimit ?? DEFAULT_TOKEN_LIMIT };
}

/** Answers both requests on `connection`, sharing one corpus cache. */
export function registerCalibrationRequest(
  connection: Connection,
  corpus = new CalibrationCorpus(),
  summarySettings: SummarySettings = defaultSummarySettings,
): void {
  connection.onRequest(calibrateRequest, async (params, token): Promise<CalibrateResponse> => {
    const signal = signalOf(token);
    const progressToken = params?.workDoneToken;
    const send = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
      if (progressToken !== undefined) connection.sendProgress(WorkDoneProgress.type, progressToken, value).catch(() => undefined);
    };
    try {
      const { segment, by } = checkParams(params);
      const { paths, skipped } = pathsOf(params.uris);
      send({ kind: 'begin', title: 'Calibrating traces', cancellable: true, percentage: 0 });
      const summary = await summarySettings(params.uris);
      let last = 0;
      const snap = await corpus.load(paths, segment, {
        signal,
        summary,
        progress: (done, total, file) => {
          const now = Date.now();
          if (done < total && now - last < 100) return;
          last = now;
          send({
            kind: 'report',
            message: total === 0 ? 'no trace files' : `${done} of ${total} files${file ? ` · ${file.split(/[\\/]/).pop()}` : ''}`,
            percentage: total === 0 ? 100 : Math.floor((100 * done) / total),
          });
        },
      });
      send({ kind: 'report', message: 'bootstrap intervals', percentage: 100 });
      snap.missing.unshift(...skipped);
      const result = calibrateSnapshot(snap, {
        bootstrap: params.bootstrap,
        seed: params.seed,
        horizon: params.horizon,
        by: resolveGrouping(by, snap),
      });
      return { result, files: snap.files.length, filesRead: snap.filesRead, truncation: truncationOf(summary) };
    } catch (e) {
      throw failure(e, signal);
    } finally {
      send({ kind: 'end' });
    }
  });

  connection.onRequest(calibrationTracesRequest, async (params, token): Promise<TraceLocation[]> => {
    const signal = signalOf(token);
    try {
      const { segment } = checkParams(params);
      if (!params.query || typeof params.query.model !== 'string' || !isTraceFilter(params.query.filter)) {
        throw new ResponseError(ErrorCodes.InvalidParams, `${calibrationTracesRequest.method}: query needs model, task and a known filter`);
      }
      // The same settings as the calibration the click came from, so its cached summaries serve.
      const snap = await corpus.load(pathsOf(params.uris).paths, segment, { signal, summary: await summarySettings(params.uris) });
      const out: TraceLocation[] = [];
      for (const file of snap.files) {
        for (const s of snap.perFile.get(file)?.summaries ?? []) {
          if (matchesQuery(s, params.query)) {
            out.push({ uri: pathToFileURL(file).href, line: s.line - 1, id: s.id, detail: describeTrace(s) });
          }
        }
      }
      return out;
    } catch (e) {
      throw failure(e, signal);
    }
  });
}
