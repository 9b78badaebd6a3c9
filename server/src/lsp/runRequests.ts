// The training requests of the extension (protocol/methods.ts): listing and reading run folders,
// checking a run config, building the verl launch command. They read files and load engine
// modules, so they run here and not on the extension host (docs/editor.md, "Walls").
import { readSmallFile } from '../util/readSmallFile.js';
import { join, resolve } from 'node:path';
import { ErrorCodes, ResponseError, type Connection, type RequestHandler, type RequestType } from 'vscode-languageserver';
import { checkRunConfigRequest, listRunsRequest, readRunRequest, verlLaunchRequest } from '../../../protocol/methods.js';
import type { CheckRunConfigResult, ReadRunResult, VerlLaunchResult } from '../../../protocol/runs.js';
import { ConfigError, mergeRunConfig, parseConfigJson, readConfigFile } from '../training/runConfig.js';
import { listRunsAsync, readConfig, readMetricsAsync, readStatus } from '../training/runDir.js';
import { parseLaunchConfig, shellCommandLine, verlCommand } from '../training/verl/launchConfig.js';
import { resolveDs3Config } from '../training/ds3.js';
import { unknownKeysError } from '../training/configKeys.js';
import { MAX_STEPS } from '../training/runConfig.js';
// config.ts only: the tiny-lm checks, without TensorFlow.js.
import { resolveTinyLmConfig } from '../training/tinylm/config.js';

/** The most steps the Custom… box takes: the largest run docs/training.md says the Training panel charts (a million steps); the trainer's own limit. */
export const MAX_CUSTOM_STEPS = MAX_STEPS;

/**
 * What the trainers let pass but a typed Custom… setting should not: a key no trainer reads
 * (`stepz`, silently ignored), and steps outside 1..MAX_CUSTOM_STEPS (0 runs nothing; 1e9 never ends).
 */
function checkTyped(policy: string, typed: Record<string, unknown>): string | undefined {
  const unknown = unknownKeysError(policy, typed);
  if (unknown) return unknown;
  const steps = typed.steps;
  if (steps !== undefined && !(typeof steps === 'number' && Number.isInteger(steps) && steps >= 1 && steps <= MAX_CUSTOM_STEPS))
    return `steps must be an integer from 1 to ${MAX_CUSTOM_STEPS.toLocaleString('en-US')}, got ${JSON.stringify(steps)}`;
  return undefined;
}

function needString(method: string, name: string, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${name} must be a non-empty string`);
  return v;
}

/** A thrown error as the request's failure: its message reaches the user as it is. */
function failed(method: string, err: unknown): ResponseError<void> {
  if (err instanceof ResponseError) return err;
  return new ResponseError(ErrorCodes.InternalError, `${method}: ${err instanceof Error ? err.message : String(err)}`);
}

/**
 * The merged config, checked as the trainer checks it before a run starts: the keys every run has
 * (mergeRunConfig), then the policy's own keys with the trainer's own validators (ds3's `lr must be
 * a number >= 0`; tiny-lm's). The config returned is the merged one, not the resolved one: the
 * policy's defaults still apply to the keys not given.
 */
function checkRunConfig(file: string | undefined, layers: readonly unknown[]): CheckRunConfigResult {
  let merged: ReturnType<typeof mergeRunConfig>;
  let typed: Record<string, unknown>[];
  try {
    const parsed = layers.map((l) => (typeof l === 'string' ? parseConfigJson(l) : (l as Record<string, unknown>)));
    // The layers given as JSON text: what the user typed (Custom…), checked more strictly than files.
    typed = parsed.filter((_, i) => typeof layers[i] === 'string');
    merged = mergeRunConfig(file === undefined ? undefined : readConfigFile(file), ...parsed);
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, error: err.message };
    throw err;
  }
  for (const t of typed) {
    const error = checkTyped(merged.policy, t);
    if (error) return { ok: false, error };
  }
  try {
    if (merged.policy === 'ds3') resolveDs3Config(merged);
    else resolveTinyLmConfig(merged);
  } catch (err) {
    // The policies' validators throw plain Errors (tiny-lm) or ConfigErrors (ds3): either is a bad value.
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  return { ok: true, config: merged };
}

export function registerRunRequests(connection: Connection): void {
  /** Registers a handler whose thrown errors become the request's failure, named by its method. */
  const handle = <P, R>(type: RequestType<P, R, void>, fn: (p: P, method: string) => R | Promise<R>): void => {
    const handler = async (p: P): Promise<R> => {
      try {
        return await fn(p, type.method);
      } catch (err) {
        throw failed(type.method, err);
      }
    };
    // R is generic here, so the library's conditional result type needs the cast (as languageClient.ts).
    connection.onRequest(type, handler as RequestHandler<P, R, void>);
  };

  handle(listRunsRequest, (p, method) => listRunsAsync(needString(method, 'root', p?.root)));

  handle(readRunRequest, async (p, method): Promise<ReadRunResult> => {
    const dir = needString(method, 'dir', p?.dir);
    const config = readConfig(dir);
    const { records, bad } = p.metrics === false ? { records: [], bad: [] } : await readMetricsAsync(dir);
    return { config, status: readStatus(dir), records, bad };
  });

  handle(checkRunConfigRequest, (p, method): CheckRunConfigResult => {
    const layers = p?.layers ?? [];
    if (!Array.isArray(layers) || (p?.file !== undefined && typeof p.file !== 'string')) {
      throw new ResponseError(ErrorCodes.InvalidParams, `${method}: file must be a path and layers an array`);
    }
    return checkRunConfig(p.file, layers);
  });

  handle(verlLaunchRequest, async (p, method): Promise<VerlLaunchResult> => {
    const dir = needString(method, 'dir', p?.dir);
    if (p.mode !== undefined && p.mode !== 'local' && p.mode !== 'ray')
      throw new ResponseError(ErrorCodes.InvalidParams, `${method}: mode must be "local" or "ray"`);
    const file = join(dir, 'verl-config.json');
    const config = parseLaunchConfig(readSmallFile(file), file);
    return {
      command: p.mode ? shellCommandLine(verlCommand(config, p.mode, p.rayAddress ?? config.rayAddress)) : '',
      rayAddress: config.rayAddress,
      rollouts: String(config.overrides['trainer.rollout_data_dir'] ?? resolve(dir, 'rollouts')),
    };
  });
}
