// The training requests of the extension (protocol/methods.ts): listing and reading run folders,
// checking a run config, building the verl launch command. They read files and load engine
// modules, so they run here and not on the extension host (docs/editor.md, "Walls").
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { checkRunConfigRequest, listRunsRequest, readRunRequest, verlLaunchRequest } from '../../../protocol/methods.js';
import type { CheckRunConfigResult, ReadRunResult, VerlLaunchResult } from '../../../protocol/runs.js';
import { ConfigError, mergeRunConfig, parseConfigJson, readConfigFile } from '../training/runConfig.js';
import { listRunsAsync, readConfig, readMetricsAsync, readStatus } from '../training/runDir.js';
import { parseLaunchConfig, shellCommandLine, verlCommand } from '../training/verl/launchConfig.js';

function needString(method: string, name: string, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${name} must be a non-empty string`);
  return v;
}

/** A thrown error as the request's failure: its message reaches the user as it is. */
function failed(method: string, err: unknown): ResponseError<void> {
  if (err instanceof ResponseError) return err;
  return new ResponseError(ErrorCodes.InternalError, `${method}: ${err instanceof Error ? err.message : String(err)}`);
}

function checkRunConfig(file: string | undefined, layers: readonly unknown[]): CheckRunConfigResult {
  try {
    const parsed = layers.map((l) => (typeof l === 'string' ? parseConfigJson(l) : (l as Record<string, unknown>)));
    return { ok: true, config: mergeRunConfig(file === undefined ? undefined : readConfigFile(file), ...parsed) };
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, error: err.message };
    throw err;
  }
}

export function registerRunRequests(connection: Connection): void {
  connection.onRequest(listRunsRequest, async (p) => {
    try {
      return await listRunsAsync(needString(listRunsRequest.method, 'root', p?.root));
    } catch (err) {
      throw failed(listRunsRequest.method, err);
    }
  });

  connection.onRequest(readRunRequest, async (p): Promise<ReadRunResult> => {
    try {
      const dir = needString(readRunRequest.method, 'dir', p?.dir);
      const config = readConfig(dir);
      const { records, bad } = p.metrics === false ? { records: [], bad: [] } : await readMetricsAsync(dir);
      return { config, status: readStatus(dir), records, bad };
    } catch (err) {
      throw failed(readRunRequest.method, err);
    }
  });

  connection.onRequest(checkRunConfigRequest, (p): CheckRunConfigResult => {
    const layers = p?.layers ?? [];
    if (!Array.isArray(layers) || (p?.file !== undefined && typeof p.file !== 'string')) {
      throw new ResponseError(ErrorCodes.InvalidParams, `${checkRunConfigRequest.method}: file must be a path and layers an array`);
    }
    return checkRunConfig(p.file, layers);
  });

  connection.onRequest(verlLaunchRequest, async (p): Promise<VerlLaunchResult> => {
    try {
      const dir = needString(verlLaunchRequest.method, 'dir', p?.dir);
      if (p.mode !== undefined && p.mode !== 'local' && p.mode !== 'ray')
        throw new ResponseError(ErrorCodes.InvalidParams, `${verlLaunchRequest.method}: mode must be "local" or "ray"`);
      const file = join(dir, 'verl-config.json');
      const config = parseLaunchConfig(await readFile(file, 'utf8'), file);
      return {
        command: p.mode ? shellCommandLine(verlCommand(config, p.mode, p.rayAddress ?? config.rayAddress)) : '',
        rayAddress: config.rayAddress,
        rollouts: String(config.overrides['trainer.rollout_data_dir'] ?? resolve(dir, 'rollouts')),
      };
    } catch (err) {
      throw failed(verlLaunchRequest.method, err);
    }
  });
}
