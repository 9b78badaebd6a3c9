// `reflection-lens train`: headless training runs, the same runner the editor's trainer process uses.
import { lstatSync } from 'node:fs';
import { parseArgs, numberFlag, stringFlag, UsageError } from '../util/args.js';
import { ProgressLine } from './progress.js';
import { ConfigError, parseConfigJson, readConfigFile } from '../training/runConfig.js';
import { runTraining } from '../training/runner.js';
import { listRuns, RunDirError } from '../training/runDir.js';
import { processAlive } from '../util/processAlive.js';

export const summary = "train a policy with GRPO (ds3: the paper's three-logit model; tiny-lm: a small transformer)";

export const usage = `Usage:
  reflection-lens train --policy ds3|tiny-lm [--steps N] [--out DIR] [--backend NAME] [--config FILE] [--config-json JSON]
                        [--seed S] [--json]
  reflection-lens train --resume DIR [--steps N] [--json]
  reflection-lens train --list DIR [--json]

Trains in this process and writes a run directory: config.json, status.json, metrics.jsonl,
checkpoints/, rollouts/*.trace. Ctrl-C (or SIGTERM) finishes the current step, writes a
checkpoint and exits 0; during a tiny-lm evaluation it stops within one sampled position (the
step is checkpointed, its rollouts and metrics line not written, the run "stopped" even at its
last step). --resume continues from the last checkpoint, running such an evaluation first.

Options:
  --policy NAME     ds3 (default) or tiny-lm
  --steps N         total steps, 1 to 1,000,000 (with --resume: raise it to continue a finished run)
  --out DIR         run directory (default: runs/<policy>-<UTC time>)
  --backend NAME    tiny-lm: auto, tfjs-node-gpu, tfjs-node, webgpu, wasm, cpu
  --config FILE     a JSON run config (any policy key, e.g. {"policy":"ds3","lr":0.2,"example":"appendix-c"});
                    a key the policy does not read is refused with the list of known keys
  --config-json JSON  the same as JSON text
  --seed S          random seed
  --resume DIR      continue the run in DIR from its last checkpoint
  --list DIR        list the runs in DIR (or DIR itself if it is a run)
  --json            print the result as JSON on stdout (progress stays on stderr)
`;

const fmt = (v: unknown, digits = 3): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '-');

function progressText(m: Record<string, unknown>, steps: number): string {
  // A metrics line's step is the 0-based index of the update it reports.
  const parts = [`step ${Number(m.step) + 1}/${steps}`];
  if (m.p !== undefined) parts.push(`p ${fmt(m.p)} d1 ${fmt(m.delta1)} d2 ${fmt(m.delta2)}`);
  if (m.reward !== undefined) parts.push(`reward ${fmt(m.reward)}`);
  const ratio = m.ratio as { kl?: number; surrogate?: number } | undefined;
  if (ratio) parts.push(`ratio kl ${fmt(ratio.kl, 2)} surrogate ${fmt(ratio.surrogate, 2)}`);
  if (m.loss !== undefined) parts.push(`loss ${fmt(m.loss, 4)}`);
  if (m.backend !== undefined) parts.push(String(m.backend));
  return parts.join('  ');
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function list(dir: string, json: boolean): number {
  // lstat, not exists: a link loop is there and gets listRuns' own message.
  if (!lstatExists(dir)) {
    process.stderr.write(`reflection-lens train: --list ${dir}: no such folder\n`);
    return 1;
  }
  // A run whose status says "running" but whose process is gone (killed: SIGKILL, a crash the
  // runner could not record) is said so, not listed as running.
  const runs = listRuns(dir).map((r) =>
    r.status?.state === 'running' && r.status.pid !== undefined && r.status.pid !== process.pid && !processAlive(r.status.pid)
      ? { ...r, processGone: true }
      : r,
  );
  if (json) {
    print(JSON.stringify({ runs }, null, 2) + '\n');
    return 0;
  }
  if (runs.length === 0) {
    print(`no runs in ${dir}\n`);
    return 0;
  }
  for (const r of runs) {
    const s = r.status;
    print(
      `${r.name}  ${r.policy}  ${s ? `${s.state}${'processGone' in r ? ` (process ${s.pid} is gone; --resume continues)` : ''} at step ${s.step}` : 'no status'}  metrics ${r.metrics}  checkpoint ${r.lastCheckpoint ?? '-'}  rollouts ${r.rollouts.length}\n    ${r.dir}\n`,
    );
  }
  return 0;
}

/** Set when stdout's reader has gone (`train ... | head`): nothing more is printed there. */
let stdoutClosed = false;
/** Stops the run in progress, if any (a closed stdout stops it like Ctrl-C). */
let stopRun: (() => void) | undefined;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  stdoutClosed = true;
  stopRun?.();
});

/** Writes to stdout unless its reader has gone. */
const print = (text: string): void => {
  if (!stdoutClosed && !process.stdout.destroyed) process.stdout.write(text);
};

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['policy', 'steps', 'out', 'backend', 'config', 'config-json', 'seed', 'resume', 'list'], ['json']);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const json = args.flags.has('json');
  const listDir = stringFlag(args, 'list');
  if (listDir) return list(listDir, json);

  const resume = stringFlag(args, 'resume');
  const flags: Record<string, unknown> = {};
  if (args.flags.has('policy')) flags.policy = stringFlag(args, 'policy');
  if (args.flags.has('steps')) flags.steps = numberFlag(args, 'steps', 0);
  if (args.flags.has('seed')) flags.seed = numberFlag(args, 'seed', 0);
  if (args.flags.has('backend')) flags.backend = stringFlag(args, 'backend');
  if (resume && (flags.policy !== undefined || args.flags.has('config') || args.flags.has('config-json') || args.flags.has('out'))) {
    throw new UsageError('--resume continues a run with its own config; only --steps may change');
  }
  const layers: Record<string, unknown>[] = [];
  try {
    const file = stringFlag(args, 'config');
    const text = stringFlag(args, 'config-json');
    if (file) layers.push(readConfigFile(file));
    if (text) layers.push(parseConfigJson(text));
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  layers.push(flags);

  const controller = new AbortController();
  const onSignal = (): void => {
    process.stderr.write('\ntrain: stopping after the current step...\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  stopRun = () => {
    if (controller.signal.aborted) return;
    process.stderr.write('\ntrain: stdout was closed; stopping after the current step...\n');
    controller.abort();
  };
  const progress = new ProgressLine('train');
  let steps = 0;
  let last: Record<string, unknown> | undefined;
  try {
    const done = await runTraining({
      config: layers,
      resume,
      out: stringFlag(args, 'out'),
      signal: controller.signal,
      onEvent(e) {
        if (e.type === 'start') {
          steps = Number(e.config.steps ?? 0);
          progress.done(`${e.resumedAt !== null ? `resuming at step ${e.resumedAt}` : 'new run'}: ${e.runDir}`);
        } else if (e.type === 'metrics') {
          last = e.metrics;
          progress.update(progressText(e.metrics, steps));
        } else if (e.type === 'log') {
          progress.done(e.message);
        }
      },
    });
    // The run's one closing line (the policies do not log their stop): steps completed, of the total.
    const note = done.state === 'stopped' ? '; checkpoint saved, --resume continues' : done.error ? `: ${done.error}` : '';
    progress.done(`${done.state} at step ${done.step}/${done.steps}${note}  ${done.runDir}`);
    if (json) print(JSON.stringify({ ...done, type: undefined, last }, null, 2) + '\n');
    return done.state === 'failed' ? 1 : 0;
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    if (err instanceof RunDirError) {
      // A damaged checkpoint or config.json: nothing was written; the message names file and field.
      progress.done();
      process.stderr.write(`reflection-lens train: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    stopRun = undefined;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
