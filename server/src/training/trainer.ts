// dist/trainer.js: the training child process. The editor forks it (never trains on the
// extension host); scripts may spawn it. Events go out as JSON: over IPC when forked with a
// channel, else one JSON object per stdout line.
//
//   node dist/trainer.js [--config FILE] [--config-json JSON] [--out DIR] [--runs-root DIR]
//                        [--resume DIR] [--steps N] [--backend NAME]
//
// Stop: SIGTERM, SIGINT or an IPC message {type: "stop"}: the current step finishes, a checkpoint
// is written, the process exits 0 with a "done" event whose state is "stopped".
import { parseArgs, numberFlag, stringFlag, UsageError } from '../util/args.js';
import { parseConfigJson, readConfigFile } from './runConfig.js';
import { runTraining, type TrainerEvent } from './runner.js';

/** Set when the reader of stdout went away (`| head`): events have nowhere to go, and the run stops. */
let stdoutClosed = false;

function send(event: TrainerEvent): void {
  if (process.send && process.connected) process.send(event);
  else if (!stdoutClosed && !process.stdout.destroyed) process.stdout.write(JSON.stringify(event) + '\n');
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['config', 'config-json', 'out', 'runs-root', 'resume', 'steps', 'backend']);
  if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
  const file = stringFlag(args, 'config');
  const json = stringFlag(args, 'config-json');
  const flags: Record<string, unknown> = {};
  if (args.flags.has('steps')) flags.steps = numberFlag(args, 'steps', 0);
  if (args.flags.has('backend')) flags.backend = stringFlag(args, 'backend');

  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('message', (m: unknown) => {
    if ((m as { type?: string })?.type === 'stop') stop();
  });
  // The parent went away (editor closed): stop cleanly instead of training for nobody.
  process.on('disconnect', stop);
  // Likewise when stdout's reader has gone (`trainer.js ... | head`): finish the step, write a
  // checkpoint and mark the run stopped, instead of dying on EPIPE with the run left "running".
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    if (!stdoutClosed) process.stderr.write('trainer: stdout was closed; stopping after the current step\n');
    stdoutClosed = true;
    stop();
  });

  const done = await runTraining({
    config: [file ? readConfigFile(file) : undefined, json ? parseConfigJson(json) : undefined, flags].filter(
      (c): c is Record<string, unknown> => c !== undefined,
    ),
    resume: stringFlag(args, 'resume'),
    out: stringFlag(args, 'out'),
    runsRoot: stringFlag(args, 'runs-root'),
    signal: controller.signal,
    onEvent: send,
  });
  return done.state === 'failed' ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Let queued IPC messages drain, then leave even if the channel keeps the loop alive.
    if (process.send) process.disconnect?.();
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    send({ type: 'log', message: `trainer: ${message}` });
    process.stderr.write(`trainer: ${message}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
    if (process.send) process.disconnect?.();
  },
);
