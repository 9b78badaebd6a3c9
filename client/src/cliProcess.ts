// The bundled CLI (`dist/cli.js`) as a child process: engine work that would block the extension
// host (an import, a verl export) runs there, so every other extension in the window stays
// responsive. Free of `vscode` so it is tested on its own.
import { spawn } from 'node:child_process';

export interface CliResult {
  code: number | null;
  cancelled: boolean;
  stdout: string;
  /** The last 8,000 characters of stderr. */
  stderr: string;
  pid: number | undefined;
}

/** Runs `node CLI ...args`; `onStderr` sees each chunk (the CLI's progress lines); `signal` kills it. */
export function runCli(cli: string, args: readonly string[], onStderr: (chunk: string) => void, signal: AbortSignal): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Inside VS Code the executable is Electron: run it as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const chunk = d.toString();
      // The tail: a usage error is its message, then the command's whole help (import's is 8 KB
      // since fx42 added a format, which pushed the message out of an 8,000-character tail).
      stderr = (stderr + chunk).slice(-32000);
      onStderr(chunk);
    });
    const cancel = () => {
      cancelled = true;
      child.kill('SIGTERM');
    };
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
    let done = false;
    const finish = (code: number | null) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', cancel);
      resolve({ code, cancelled, stdout, stderr, pid: child.pid });
    };
    child.on('exit', finish);
    child.on('error', (err) => {
      stderr += err.message;
      finish(-1);
    });
  });
}
