// One trainer child process (dist/trainer.js), forked with an IPC channel: training never runs
// on the extension host. Events arrive as the trainer sends them; stop() asks for a clean stop
// (finish the step, checkpoint) and falls back to SIGTERM, which the trainer handles the same way.
import { fork, type ChildProcess } from 'node:child_process';
import type { TrainerEvent } from '../../../protocol/runs.js';

export interface TrainerLaunch {
  /** Path of dist/trainer.js. */
  trainer: string;
  /** A new run from config layers (JSON objects), or a resume of a run directory. */
  config?: Record<string, unknown>;
  resume?: string;
  runsRoot?: string;
  steps?: number;
}

export class TrainerProcess {
  private readonly child: ChildProcess;
  private stderr = '';
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  readonly exited: Promise<{ code: number | null; stderr: string }>;

  constructor(launch: TrainerLaunch, onEvent: (e: TrainerEvent) => void) {
    const args: string[] = [];
    if (launch.resume) args.push('--resume', launch.resume);
    if (launch.config) args.push('--config-json', JSON.stringify(launch.config));
    if (launch.runsRoot) args.push('--runs-root', launch.runsRoot);
    if (launch.steps !== undefined) args.push('--steps', String(launch.steps));
    this.child = fork(launch.trainer, args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Inside VS Code the executable is Electron: run it as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.child.on('message', (m) => onEvent(m as TrainerEvent));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code) => {
        if (this.stopTimer) clearTimeout(this.stopTimer);
        resolve({ code, stderr: this.stderr });
      });
      this.child.on('error', (err) => resolve({ code: -1, stderr: `${this.stderr}${err.message}` }));
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Clean stop: the trainer finishes its step and writes a checkpoint; SIGTERM if IPC is gone or it does not react. */
  stop(): void {
    if (!this.running) return;
    if (this.child.connected) this.child.send({ type: 'stop' });
    else this.child.kill('SIGTERM');
    this.stopTimer ??= setTimeout(() => {
      if (this.running) this.child.kill('SIGTERM');
    }, 15_000);
  }
}
