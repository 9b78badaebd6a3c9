// `reflection-lens verl`: the bridge to verl (Ray, GPUs) for runs that outgrow a laptop:
// export a dataset + reward function + launch config, print the launch command, and follow a
// running job's rollout directory step by step.
import { existsSync, statSync } from 'node:fs';
import { readFailure, readSmallFile } from '../util/readSmallFile.js';
import { join } from 'node:path';
import { numberFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from '../util/args.js';
import { ProgressLine } from './progress.js';
import { escapeInline } from './terminal.js';
import { writeOut } from './output.js';
import { DEFAULT_TEST_TASKS, DEFAULT_TRAIN_TASKS, exportVerlBundle, type ExportOptions } from '../training/verl/exportBundle.js';
import { parseLaunchConfig, rewardFunctionPrefix, shellCommandLine, verlCommand } from '../training/verl/launchConfig.js';
import { corpusPrompts } from '../training/verl/corpus.js';
import { rewardFunctionName } from '../training/verl/rewardFunction.js';
import { followRolloutSteps } from '../training/verl/liveSteps.js';
import { parseTaskSize } from '../training/multiplication.js';
import { writeFakeRolloutStep } from '../training/verl/fakeRollouts.js';
import { MAX_BOOTSTRAP } from '../analysis/calibrate.js';

export const summary =
  'verl at scale: export dataset + reward + launch config, print the launch command, follow (or simulate) a rollout dir';

export const usage = `Usage:
  reflection-lens verl export --out DIR [--task multiplication] [--train-tasks 2x3,3x3]
                              [--test-tasks 2x3,...,6x6] [--n 20000] [--n-test 100] [--seed 1]
                              [--model Qwen/Qwen2.5-7B-Instruct] [--force] [--json]
  reflection-lens verl export --out DIR --from CORPUS... [--test-fraction 0.1] [--seed 1] [--json]
  reflection-lens verl command [DIR | DIR/verl-config.json] [--ray [--address URL]] [--json]
  reflection-lens verl watch ROLLOUT_DIR [--once] [--partial-ms MS] [--bootstrap B] [--seed S] [--json]
  reflection-lens verl simulate ROLLOUT_DIR [--steps 20] [--rollouts 512] [--every-ms 2000]
                              [--tasks 2x3,3x4,5x5] [--kb 0] [--seed 1]

export   writes DIR/train.parquet and DIR/test.parquet (verl's GSM8K schema: data_source, prompt,
         ability, reward_model {style, ground_truth}, extra_info {split, index, ...}),
         DIR/reflection_lens_reward.py (compute_score: exact final-answer match, \\boxed{} aware),
         DIR/verl-config.json (the paper's GRPO knobs as verl Hydra overrides; edit it; its
         verlVersion, default 0.7.0, picks the key layout), and DIR/run_grpo.sh /
         DIR/submit_ray.sh generated from it (submit_ray.sh: Ray's own options from
         RAY_SUBMIT_ARGS). An existing verl-config.json is kept (the scripts are regenerated
         from it) unless --force.
         Multiplication: --n training problems (at most 1000000) split evenly over
         --train-tasks, --n-test per test task (at most 100000). --from: the prompts and ground truths of .trace/.jsonl corpora (one row per
         distinct prompt).
command  prints the launch command of DIR/verl-config.json: python -m verl.trainer.main_ppo
         with every override, or wrapped in \`ray job submit --address URL --\` with --ray.
watch    follows a verl trainer.rollout_data_dir / validation_data_dir: each {step}.jsonl is
         read once, when complete, and summarized per task (n, accuracy, p, delta1, delta2).
         --json: one JSON object per step on stdout. --partial-ms: also interim numbers
         every MS milliseconds while a big step file is read ("complete": false). Ends on
         Ctrl-C, or with --once when every file present has been read.
simulate writes a fake verl run into ROLLOUT_DIR, one {step}.jsonl every --every-ms, in
         verl's dump format (multiplication traces whose p, delta1, delta2 improve with the
         step like a GRPO run's), to try the live view without GPUs. --kb pads each output
         to about that many kilobytes.
`;

/** Bounds of a multiplication export: training problems in all, test problems per task. */
export const MAX_TRAIN_ROWS = 1_000_000;
export const MAX_TEST_ROWS_PER_TASK = 100_000;

const listFlag = (args: ParsedArgs, key: string, fallback: string[]): string[] => {
  const v = stringFlag(args, key);
  if (v === undefined) return fallback;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${key} needs at least one value`);
  return items;
};

function checkTasks(tasks: string[], key: string): string[] {
  for (const t of tasks) {
    try {
      parseTaskSize(t);
    } catch (err) {
      throw new UsageError(`--${key}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return tasks;
}

async function runExport(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    ['out', 'task', 'from', 'train-tasks', 'test-tasks', 'n', 'n-test', 'seed', 'model', 'test-fraction'],
    ['json', 'force'],
  );
  const out = stringFlag(args, 'out');
  if (!out) throw new UsageError('export needs --out DIR');
  const seed = numberFlag(args, 'seed', 1);
  const from = [stringFlag(args, 'from'), ...args.positionals].filter((p): p is string => p !== undefined);
  const task = stringFlag(args, 'task');
  if (task !== undefined && task !== 'multiplication')
    throw new UsageError(`--task: only "multiplication" is built in (got "${task}"); use --from CORPUS for other prompts`);
  if (task !== undefined && from.length > 0) throw new UsageError('--task and --from exclude each other');
  const progress = new ProgressLine('verl export');
  let source: ExportOptions['source'];
  if (from.length > 0) {
    const fraction = numberFlag(args, 'test-fraction', 0.1);
    if (!(fraction > 0 && fraction < 1)) throw new UsageError('--test-fraction must be between 0 and 1');
    const corpus = await corpusPrompts(from, (file, records) => progress.update(`${file}: ${records} records`));
    for (const s of corpus.skipped)
      process.stderr.write(`verl export: skipped ${s.file}${s.line !== undefined ? `:${s.line + 1}` : ''}: ${s.reason}\n`);
    source = { kind: 'corpus', items: corpus.items, testFraction: fraction, seed };
  } else {
    const n = numberFlag(args, 'n', 20000);
    const nTest = numberFlag(args, 'n-test', 100);
    if (!Number.isInteger(n) || !Number.isInteger(nTest)) throw new UsageError('--n and --n-test must be integers');
    // The rows are built in memory before they are written (about 1.7 KB each: 1e6 rows take
    // 1.7 GB and most of a minute), so a typo such as 1e9 is refused instead of exhausting memory.
    if (n < 1 || n > MAX_TRAIN_ROWS) throw new UsageError(`--n must be between 1 and ${MAX_TRAIN_ROWS} (got ${n})`);
    if (nTest < 1 || nTest > MAX_TEST_ROWS_PER_TASK)
      throw new UsageError(`--n-test must be between 1 and ${MAX_TEST_ROWS_PER_TASK} per test task (got ${nTest})`);
    source = {
      kind: 'multiplication',
      trainTasks: checkTasks(listFlag(args, 'train-tasks', [...DEFAULT_TRAIN_TASKS]), 'train-tasks'),
      testTasks: checkTasks(listFlag(args, 'test-tasks', [...DEFAULT_TEST_TASKS]), 'test-tasks'),
      nTrain: n,
      nTestPerTask: nTest,
      seed,
    };
  }
  progress.update('writing parquet', true);
  let result;
  try {
    result = exportVerlBundle({ outDir: out, source, model: stringFlag(args, 'model'), force: args.flags.has('force') });
  } catch (err) {
    // Bad input (an empty corpus, an unreadable edited config): a message, not a stack trace.
    progress.done();
    process.stderr.write(`verl export: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  progress.done();
  if (args.flags.has('json')) {
    process.stdout.write(
      JSON.stringify({ ...result, config: undefined, command: shellCommandLine(verlCommand(result.config, 'local')) }, null, 2) + '\n',
    );
    return 0;
  }
  const lines = [
    `wrote ${result.outDir}`,
    `  train.parquet  ${result.rows.train} rows`,
    `  test.parquet   ${result.rows.test} rows`,
    ...Object.entries(result.tasks).map(
      ([t, c]) => `    ${t.padEnd(12)} train ${String(c.train).padStart(6)}  test ${String(c.test).padStart(5)}`,
    ),
    `  reflection_lens_reward.py  (${rewardFunctionPrefix(result.config.verlVersion)}name=${rewardFunctionName})`,
    `  verl-config.json  ${result.configKept ? '(kept: your edited config; scripts regenerated from it)' : "(the paper's GRPO settings; edit, then re-run export)"}`,
    `  run_grpo.sh, submit_ray.sh  (overrides for verl ${result.config.verlVersion}: verlVersion in verl-config.json; Ray's own options: RAY_SUBMIT_ARGS)`,
    `verl dumps rollouts to ${result.rolloutDir} (validation: ${result.validationDir});`,
    `follow them with: reflection-lens verl watch ${result.rolloutDir}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

function runCommand(argv: string[]): number {
  const args = parseArgs(argv, ['address'], ['json', 'ray']);
  const target = args.positionals[0] ?? '.';
  const file = existsSync(target) && statSync(target).isDirectory() ? join(target, 'verl-config.json') : target;
  if (!existsSync(file)) throw new UsageError(`no verl config at ${file} (run \`reflection-lens verl export --out DIR\` first)`);
  let config;
  try {
    let text: string;
    try {
      // A device is not read and the file is bounded (util/readSmallFile.ts).
      text = readSmallFile(file);
    } catch (err) {
      throw new Error(`cannot read ${file}: ${readFailure(err)}`, { cause: err });
    }
    config = parseLaunchConfig(text, file);
  } catch (err) {
    // A config verl would reject (broken JSON, missing micro-batch sizes): a message, not a stack trace.
    process.stderr.write(`verl command: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const mode = args.flags.has('ray') ? 'ray' : 'local';
  const argvOut = verlCommand(config, mode, stringFlag(args, 'address') ?? config.rayAddress);
  if (args.flags.has('json')) process.stdout.write(JSON.stringify({ mode, argv: argvOut, command: shellCommandLine(argvOut) }) + '\n');
  else process.stdout.write(shellCommandLine(argvOut) + '\n');
  return 0;
}

async function runWatch(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['bootstrap', 'seed', 'partial-ms'], ['json', 'once']);
  const dir = args.positionals[0];
  if (!dir) throw new UsageError('watch needs ROLLOUT_DIR');
  if (!existsSync(dir) && args.flags.has('once')) throw new UsageError(`${dir} does not exist`);
  const json = args.flags.has('json');
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const B = numberFlag(args, 'bootstrap', 200);
    if (!(Number.isInteger(B) && B >= 1 && B <= MAX_BOOTSTRAP))
      throw new UsageError(`--bootstrap must be a whole number from 1 to ${MAX_BOOTSTRAP} (the limit on resamples), got ${B}`);
    // Refused before it says it follows anything.
    if (!json) process.stderr.write(`verl watch: following ${dir}${args.flags.has('once') ? '' : ' (Ctrl-C to stop)'}\n`);
    const partialEveryMs = args.flags.has('partial-ms') ? numberFlag(args, 'partial-ms', 1000) : undefined;
    for await (const s of followRolloutSteps(dir, {
      signal: controller.signal,
      once: args.flags.has('once'),
      bootstrap: B,
      seed: numberFlag(args, 'seed', 1),
      partialEveryMs,
      // A directory or device named like a step file is not read: a note, and the watch goes on.
      onSkip: (path, reason) => process.stderr.write(`verl watch: ${escapeInline(path)}: ${escapeInline(reason)}\n`),
    })) {
      // writeOut: backpressure, and a reader that stops early (`| head`) ends the run cleanly (EPIPE, exit 0).
      if (json) {
        await writeOut(JSON.stringify(s) + '\n');
        continue;
      }
      const pct = (e: { value: number }): string => (Number.isFinite(e.value) ? (100 * e.value).toFixed(1).padStart(5) : '    -');
      await writeOut(
        `step ${s.step}${s.changed ? ' (rewritten)' : ''}${s.complete ? '' : ' (reading, so far)'}: ${s.records} rollouts, ${(s.bytes / 1e6).toFixed(1)} MB, ${s.seconds.toFixed(2)} s${s.skipped.length ? `, ${s.skipped.length} skipped` : ''}\n`,
      );
      for (const g of s.groups)
        await writeOut(
          `  ${escapeInline(g.task).padEnd(10)} n ${String(g.n).padStart(6)}  acc ${pct(g.accuracy)}  p ${pct(g.p)}  d1 ${pct(g.delta1)}  d2 ${pct(g.delta2)}\n`,
        );
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}

async function runSimulate(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['steps', 'rollouts', 'every-ms', 'tasks', 'kb', 'seed'], ['json']);
  const dir = args.positionals[0];
  if (!dir) throw new UsageError('simulate needs ROLLOUT_DIR');
  const steps = numberFlag(args, 'steps', 20);
  const rollouts = numberFlag(args, 'rollouts', 512);
  const everyMs = numberFlag(args, 'every-ms', 2000);
  if (!(Number.isInteger(steps) && steps >= 1 && Number.isInteger(rollouts) && rollouts >= 1 && everyMs >= 0))
    throw new UsageError('--steps and --rollouts must be positive integers, --every-ms non-negative');
  const tasks = checkTasks(listFlag(args, 'tasks', ['2x3', '3x4', '5x5']), 'tasks');
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  try {
    for (let step = 1; step <= steps && !controller.signal.aborted; step++) {
      const w = writeFakeRolloutStep(dir, step, {
        rollouts,
        tasks,
        groupSize: 8,
        seed: numberFlag(args, 'seed', 1),
        outputBytes: numberFlag(args, 'kb', 0) * 1000,
      });
      if (args.flags.has('json')) process.stdout.write(JSON.stringify({ step, path: w.path, bytes: w.bytes, rollouts: w.lines }) + '\n');
      else process.stderr.write(`verl simulate: wrote ${w.path} (${rollouts} rollouts, ${(w.bytes / 1e6).toFixed(1)} MB)\n`);
      if (step < steps)
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, everyMs);
          controller.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              resolve();
            },
            { once: true },
          );
        });
    }
  } finally {
    process.off('SIGINT', stop);
  }
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'export':
      return runExport(rest);
    case 'command':
      return runCommand(rest);
    case 'watch':
      return runWatch(rest);
    case 'simulate':
      return runSimulate(rest);
    default:
      throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'needs a subcommand: export, command, watch or simulate');
  }
}
