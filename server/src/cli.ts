// `reflection-lens`: the engine for batch use. Each subcommand lives in server/src/cli/<name>.ts
// and exports `run(argv): Promise<number>` (the exit code) and `usage` (its --help text).
// First: V8's inlining budget, before the engine's code is compiled (trace/engineFlags.ts).
import './trace/engineFlags.js';
import { UsageError } from './util/args.js';
import { guardTerminalOutput } from './cli/terminal.js';

interface Command {
  run(argv: string[]): Promise<number>;
  usage: string;
  summary: string;
}

const commands: Record<string, () => Promise<Command>> = {
  segment: () => import('./cli/segment.js'),
  attribution: () => import('./cli/attribution.js'),
  calibrate: () => import('./cli/calibrate.js'),
  import: () => import('./cli/import.js'),
  train: () => import('./cli/train.js'),
  experiment: () => import('./cli/experiment.js'),
  verl: () => import('./cli/verl.js'),
  'eval-segmentation': () => import('./cli/evalSegmentation.js'),
};

/**
 * What an unexpected error prints: its message (a user's bad file or path is not a bug to debug);
 * the stack trace only with REFLECTION_LENS_DEBUG=1.
 */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const debug = process.env.REFLECTION_LENS_DEBUG;
  if (debug && debug !== '0') return err.stack ?? err.message;
  return err.message;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // The summaries start in one column, after the longest name (eval-segmentation).
    const width = Math.max(...Object.keys(commands).map((n) => n.length));
    const lines = await Promise.all(Object.entries(commands).map(async ([n, load]) => `  ${n.padEnd(width)}  ${(await load()).summary}`));
    process.stdout.write(
      `reflection-lens: read, calibrate and train self-reflection in reasoning traces\n\nUsage: reflection-lens <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command takes --json (result on stdout; progress and errors on stderr) and --help.\nErrors print a message; REFLECTION_LENS_DEBUG=1 adds the stack trace.\n`,
    );
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`reflection-lens: unknown command "${name}" (try --help)\n`);
    return 2;
  }
  const cmd = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`reflection-lens ${name}: ${err.message}\n\n${cmd.usage}`);
      return 2;
    }
    process.stderr.write(`reflection-lens ${name}: ${errorText(err)}\n`);
    return 1;
  }
}

// Trace content reaches tables, diagnostics and error messages: no escape sequence in it may act
// on the user's terminal (cli/terminal.ts).
guardTerminalOutput();
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
