// The Table 1 experiment as a child process (`dist/cli.js experiment table1`): hours of training
// must never run on the extension host. Free of `vscode` so it is tested on its own. Cancelling
// sends SIGTERM: the CLI finishes the current training step, writes a checkpoint and exits, and
// the next run of the same command resumes.
import { runCli, type CliResult } from './cliProcess.js';

export interface ExperimentLaunch {
  /** The experiment folder (resumed when it holds one). */
  out: string;
  quick: boolean;
  /** tiny-lm backend; absent or "auto": the fastest that loads. */
  backend?: string;
  seeds?: number;
  /** A JSON file over the plan (`--config`). */
  config?: string;
}

export interface ExperimentProgress {
  /** Share of the experiment's training done, 0-100. */
  percent: number;
  /** What runs now, e.g. "seed 1/3, rl step 40/150, ETA 12 min". */
  message: string;
}

/** The arguments of the CLI call for a launch. */
export function experimentArgs(l: ExperimentLaunch): string[] {
  const args = ['experiment', 'table1', '--out', l.out, '--json'];
  if (l.quick) args.push('--quick');
  if (l.backend && l.backend !== 'auto') args.push('--backend', l.backend);
  if (l.seeds !== undefined) args.push('--seeds', String(l.seeds));
  if (l.config !== undefined) args.push('--config', l.config);
  return args;
}

/**
 * The newest progress in a chunk of the CLI's stderr: lines such as
 * "experiment: 37%  seed 1/3  rl step 40/150  ETA 12 min  reward 0.81  loss 0.12".
 */
export function parseExperimentProgress(chunk: string): ExperimentProgress | undefined {
  // The terminal's cursor control (ESC [ K) is not part of the text.
  const ESC = String.fromCharCode(27);
  const lines = chunk.split(/[\r\n]+/).map((l) => l.split(ESC + '[K').join(''));
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /experiment: (\d+)%\s+seed (\d+)\/(\d+)\s+(\S+) step (\d+)\/(\d+)(?:\s+ETA ([\d.]+ (?:s|min)))?/.exec(lines[i]);
    if (m) return { percent: Number(m[1]), message: `seed ${m[2]}/${m[3]}, ${m[4]} step ${m[5]}/${m[6]}${m[7] ? `, ETA ${m[7]}` : ''}` };
  }
  return undefined;
}

export function runExperimentCli(
  cli: string,
  launch: ExperimentLaunch,
  onProgress: (p: ExperimentProgress) => void,
  signal: AbortSignal,
): Promise<CliResult> {
  return runCli(
    cli,
    experimentArgs(launch),
    (chunk) => {
      const p = parseExperimentProgress(chunk);
      if (p) onProgress(p);
    },
    signal,
  );
}

/** The report's verdict lines from the CLI's --json output (empty when it did not complete). */
export function reportVerdicts(stdout: string): { verdict: string; claim: string }[] {
  try {
    const r = JSON.parse(stdout) as { verdicts?: { verdict: string; claim: string }[] };
    return Array.isArray(r.verdicts) ? r.verdicts : [];
  } catch {
    return [];
  }
}
