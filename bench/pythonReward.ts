// The generated Python reward function (reflection_lens_reward.py, the one verl calls) run by a
// Python driver, for the benches that time it: the interpreter found once, the module written to a
// temporary folder and loaded as `mod` before the driver's own code, the driver's JSON answer read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rewardFunctionSource } from '../server/src/training/verl/rewardFunction.js';

/** The first Python interpreter this machine has, or undefined. */
export const python: string | undefined = ['python3', 'python', '/usr/bin/python3'].find(
  (p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0,
);

/**
 * Runs `driver` (Python; the reward module is `mod`, `json`, `sys` and `time` are imported, `input`
 * arrives as JSON on stdin, `args` follow in sys.argv[2:]) and parses what it prints as JSON.
 */
export function runRewardDriver<T>(driver: string, input: unknown, args: string[] = [], timeoutMs = 600_000): T {
  if (!python) throw new Error('no python interpreter');
  const dir = mkdtempSync(join(tmpdir(), 'rl-bench-reward-'));
  try {
    const file = join(dir, 'reflection_lens_reward.py');
    writeFileSync(file, rewardFunctionSource);
    const prelude = [
      'import json, sys, time, importlib.util',
      'spec = importlib.util.spec_from_file_location("custom_module", sys.argv[1])',
      'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
      '',
    ].join('\n');
    const r = spawnSync(python, ['-c', prelude + driver, file, ...args], {
      input: JSON.stringify(input),
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      timeout: timeoutMs,
    });
    if (r.status !== 0) throw new Error(`python driver failed (${r.signal ?? r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
