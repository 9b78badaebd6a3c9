// One training run in a child process (the trainer entry, dist/trainer.js or its source), so
// that an experiment can train several runs at once, one per core: TensorFlow.js's wasm backend
// runs on one thread per process. Events come back as the trainer's JSON lines on stdout; the
// signal stops the child the way Ctrl-C stops a run (it finishes its step and checkpoints).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRequest, TrainerEvent } from '../runner.js';

type Done = Extract<TrainerEvent, { type: 'done' }>;

/** The trainer entry beside this code: dist/trainer.js next to the bundled CLI, or training/trainer.ts in the sources. */
export function trainerEntry(): { script: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'trainer.js');
  if (existsSync(bundled)) return { script: bundled, execArgv: [] };
  const source = join(here, '..', 'trainer.ts');
  if (existsSync(source)) return { script: source, execArgv: ['--import', 'tsx'] };
  throw new Error(`the trainer entry is not built (looked for ${bundled} and ${source}); run npm run build`);
}

/** runTraining's contract, in a child process: a new run (one config layer) or a resume. */
export function runTrainingInChild(req: Pick<RunRequest, 'config' | 'resume' | 'out' | 'signal' | 'onEvent'>): Promise<Done> {
  const { script, execArgv } = trainerEntry();
  const args = req.resume
    ? ['--resume', req.resume]
    : ['--out', req.out ?? '', '--config-json', JSON.stringify(Object.assign({}, ...(req.config ?? [])))];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...execArgv, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    let done: Done | undefined;
    const stop = (): void => {
      child.kill('SIGTERM');
    };
    if (req.signal.aborted) stop();
    else req.signal.addEventListener('abort', stop, { once: true });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let event: TrainerEvent;
        try {
          event = JSON.parse(line) as TrainerEvent;
        } catch {
          continue;
        }
        if (event.type === 'done') done = event;
        else req.onEvent(event);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const finish = (code: number | null, error?: string): void => {
      req.signal.removeEventListener('abort', stop);
      const dir = req.resume ?? req.out ?? '';
      // Stopped before its handler for the signal was in place (while it loaded): the run was
      // stopped, not failed; whatever it checkpointed is resumed like any stopped run.
      const killedByStop = error === undefined && req.signal.aborted;
      resolve(
        done ??
          (killedByStop
            ? { type: 'done', state: 'stopped', runDir: dir, step: 0, steps: 0 }
            : {
                type: 'done',
                state: 'failed',
                runDir: dir,
                step: 0,
                steps: 0,
                error: error ?? (stderr.trim().split('\n').pop() || `the trainer exited with code ${code}`),
              }),
      );
    };
    child.on('error', (err) => finish(null, err.message));
    child.on('close', (code) => finish(code));
  });
}
