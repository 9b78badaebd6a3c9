// The JSONL import as a child process (`dist/cli.js import`), so a large file never blocks the
// extension host; free of `vscode` so it is tested on its own. The CLI writes to a temp file and
// renames it when complete; a cancelled run is killed and its temp files removed, so neither the
// input nor an existing output is ever touched by a cancelled import.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface ImportResult {
  code: number | null;
  cancelled: boolean;
  stdout: string;
  stderr: string;
}

/** Runs `node CLI import INPUT -o OUT --json`; `signal` kills it and removes its partial output. */
export function runImport(cli: string, input: string, out: string, onProgress: (message: string) => void, signal: AbortSignal): Promise<ImportResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'import', input, '-o', out, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Inside VS Code the executable is Electron: run it as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8000);
      // The CLI's progress lines: "import FILE: 12 / 80 MB, 3400 records".
      const m = [...d.toString().matchAll(/(\d+) \/ (\d+) MB, (\d+) records/g)].pop();
      if (m) onProgress(`${m[1]} of ${m[2]} MB, ${m[3]} records`);
    });
    const cancel = () => {
      cancelled = true;
      child.kill('SIGTERM');
    };
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
    const finish = (code: number | null) => {
      signal.removeEventListener('abort', cancel);
      // A killed CLI leaves its temp files (".OUT.<pid>.<time>.tmp", also for the sidecar) behind; the target is untouched.
      if (cancelled && child.pid !== undefined) removeTempFiles(out, child.pid);
      resolve({ code, cancelled, stdout, stderr });
    };
    child.on('exit', finish);
    child.on('error', (err) => {
      stderr += err.message;
      finish(-1);
    });
  });
}

function removeTempFiles(out: string, pid: number): void {
  const dir = dirname(out);
  const prefixes = [basename(out), `${basename(out)}.logprobs.jsonl`].map((n) => `.${n}.${pid}.`);
  try {
    for (const f of readdirSync(dir)) if (f.endsWith('.tmp') && prefixes.some((p) => f.startsWith(p))) rmSync(join(dir, f), { force: true });
  } catch {
    // Nothing to clean up if the folder cannot be read.
  }
}

export function parseSummary(stdout: string): { records: number; diagnostics: number } | undefined {
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '');
  } catch {
    return undefined;
  }
}

