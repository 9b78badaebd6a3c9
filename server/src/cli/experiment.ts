// `reflection-lens experiment table1`: the paper's Table 1 / Figure 1 with tiny-lm, four arms and
// several seeds, as ordinary training runs in one folder, then the report (docs/experiment.md).
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { numberFlag, parseArgs, stringFlag, UsageError } from '../util/args.js';
import { ProgressLine } from './progress.js';
// A reader of stdout that stops early (`| head`) ends the output, not the command with an error:
// the table is printed after the report files are written.
import './output.js';
import { escapeInline } from './terminal.js';
import { ConfigError, readConfigFile } from '../training/runConfig.js';
import { RunDirError } from '../training/runDir.js';
import { ARM_LABELS, DEFAULT_PLAN, PlanError, QUICK_OVERRIDES, resolvePlan } from '../training/experiment/plan.js';
import { runExperiment, type ExperimentEvent } from '../training/experiment/runner.js';
import { buildTable1Report, type Table1Report } from '../training/experiment/report.js';
import { perSeedCsv, table1Csv } from '../report/experimentCsv.js';
import { renderExperimentHtml } from '../report/experimentHtml.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import type { Estimate } from '../analysis/types.js';

export const summary = "reproduce the paper's Table 1 / Figure 1 with tiny-lm: four arms, several seeds, one report";

export const usage = `Usage:
  reflection-lens experiment table1 [--seeds N] [--quick] [--out DIR] [--jobs N] [--backend NAME] [--config FILE] [--json]

Trains, per seed, a tiny-lm base ("pre-trained" on the whole task ladder: ${DEFAULT_PLAN.idTasks.join(', ')} in
distribution, ${DEFAULT_PLAN.oodTasks.join(', ')} out of distribution) and from it three compute-matched arms:
SFT (no reflection), SFT (reflection) and RL (GRPO with the paper's knobs, Appendix E.3). The base
is the fourth arm. Every run is an ordinary training run in DIR/seed-<s>/<arm>/ (open it with Open
Training Run; its evaluation rollouts are .trace files that reflection-lens calibrate reads). Then
it evaluates every arm on ${DEFAULT_PLAN.evalSize} problems per task and seed at temperature 1 and writes
DIR/report.html, report.json, table1.csv and per-seed.csv: Table 1's analog (accuracy with Wald
intervals, the paper's interval, because it is set beside the paper's; calibrate shows Wilson)
beside the paper's, Figure 1's analog (p, delta1, delta2, predicted vs observed with bootstrap
intervals), the seed-to-seed spread, echo rates, transitions, and one verdict per claim.

Ctrl-C (or SIGTERM) stops after the current training step with a checkpoint (exit 0), or during an
evaluation within one sampled position (that step checkpointed, its evaluation left for the resume);
running the same command again resumes: finished runs are skipped, a stopped one continues from
its checkpoint (first running an interrupted evaluation).
A finished experiment only rebuilds its report. A progress line goes to stderr.

Options:
  --seeds N        seeds 1..N (default ${DEFAULT_PLAN.seeds}; more seeds later extend the same folder)
  --quick          the same pipeline reduced: ${QUICK_OVERRIDES.seeds} seed, ${QUICK_OVERRIDES.base.steps} base steps, ${QUICK_OVERRIDES.post.steps} post-training steps,
                   ${QUICK_OVERRIDES.evalSize} problems per task (a few minutes on a laptop CPU)
  --out DIR        the experiment folder (default experiments/table1, with --quick experiments/table1-quick)
  --jobs N         runs trained at once, each in its own process (default 2, or 1 on a one-core
                   machine; the wasm backend uses one core per process; 1 trains in this process)
  --backend NAME   tiny-lm backend: auto (default), tfjs-node-gpu, tfjs-node, webgpu, wasm, cpu
  --config FILE    JSON overriding plan keys, e.g. {"post": {"steps": 300}, "oodTasks": [...], "base": {"weights": [...]}}
                   (docs/experiment.md lists them); a folder keeps the plan it was started with
  --json           print the report (report.json) on stdout
`;

/** Runs at once by default: two where there are two cores (the wasm backend uses one per process). */
const DEFAULT_JOBS = Math.min(2, availableParallelism());

const pct = (x: number): string => (Number.isFinite(x) ? (100 * x).toFixed(1) : '-');
const interval = (e: Estimate): string => `${pct(e.value)} (${pct(e.lo)}, ${pct(e.hi)})`;
const minutes = (s: number): string => (s < 90 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`);

function progressText(e: Extract<ExperimentEvent, { type: 'step' }>, seeds: number): string {
  const m = e.metrics;
  const f = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '-');
  const parts = [`${Math.floor(100 * e.fraction)}%`, `seed ${e.seed}/${seeds}`, `${e.arm} step ${e.step}/${e.steps}`];
  if (e.etaSeconds !== null) parts.push(`ETA ${minutes(e.etaSeconds)}`);
  if (m.reward !== null && m.reward !== undefined) parts.push(`reward ${f(m.reward)}`);
  if (m.loss !== undefined) parts.push(`loss ${f(m.loss)}`);
  return parts.join('  ');
}

function table(r: Table1Report): string {
  const tasks = r.arms[0]?.tasks ?? [];
  const out: string[] = [];
  const grid = (title: string, rows: string[][], head: string[]) => {
    const widths = head.map((hh, c) => Math.max(hh.length, ...rows.map((row) => row[c].length)));
    const fmt = (cells: string[]) => cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
    out.push(title, fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt), '');
  };
  const head = ['arm', ...tasks.map((t) => `${t.task}${t.ood ? '' : ' (ID)'}`)];
  grid(
    `Table 1: accuracy % (Wald 95%), n = ${tasks[0]?.n ?? '-'} per task (${r.seeds.length} seed${r.seeds.length === 1 ? '' : 's'})`,
    r.arms.map((a) => [
      a.label,
      ...tasks.map((t) => interval(a.tasks.find((x) => x.task === t.task)?.accuracy ?? { value: NaN, lo: NaN, hi: NaN })),
    ]),
    head,
  );
  for (const name of ['rl', 'sft-reflection'] as const) {
    const a = r.arms.find((x) => x.name === name);
    if (!a) continue;
    grid(
      `Figure 1, ${ARM_LABELS[name]}: p / delta1 / delta2 / predicted (K=${r.plan.model.maxAttempts}) / observed, %`,
      a.tasks.map((t) => [
        `${t.task}${t.ood ? '' : ' (ID)'}`,
        interval(t.p),
        interval(t.delta1),
        interval(t.delta2),
        interval(t.predicted),
        interval(t.accuracy),
      ]),
      ['task', 'p', 'delta1', 'delta2', 'predicted', 'observed'],
    );
  }
  out.push('Pooled over the OOD tasks: delta2 / echo rate');
  for (const a of r.arms)
    out.push(`  ${a.label.padEnd(20)} delta2 ${interval(a.ood.delta2)}  echo ${a.ood.echoRate === null ? '-' : pct(a.ood.echoRate)}`);
  out.push('', forcedStopsLine(r));
  out.push('', 'Verdicts:');
  for (const v of r.verdicts) out.push(`  [${v.verdict}] ${v.claim}`, `      ${v.text}`);
  out.push('', 'Design checks:');
  for (const c of r.designChecks) out.push(`  [${c.ok ? 'ok' : 'not met'}] ${c.text}`);
  out.push(
    '',
    `${r.timing.wallSeconds !== null ? `Wall clock ${minutes(r.timing.wallSeconds)} (${r.timing.jobs} at once); t` : 'T'}raining runs: ${minutes(r.timing.trainingSeconds)} in all${r.timing.tokensPerSec !== null ? `, ${r.timing.tokensPerSec.toFixed(0)} training tokens/s` : ''}.`,
    '',
  );
  return out.map((l) => escapeInline(l)).join('\n');
}

/** How many forced last STOPs (all K attempts used) the decisions leave out, per arm. */
export function forcedStopsLine(r: Table1Report): string {
  const K = r.plan.model.maxAttempts;
  return `Forced STOPs left out of the decisions (a trajectory that used all K = ${K} attempts cannot RESAMPLE; as calibrate reads the forced_stop mark): ${r.arms.map((a) => `${a.label} ${a.forcedStops}`).join(', ')}.`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['seeds', 'out', 'backend', 'config', 'jobs'], ['quick', 'json']);
  const [which, ...rest] = args.positionals;
  if (which !== 'table1')
    throw new UsageError(which === undefined ? 'name the experiment: table1' : `unknown experiment "${which}" (only table1)`);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const quick = args.flags.has('quick');
  const json = args.flags.has('json');
  let plan;
  try {
    const file = stringFlag(args, 'config');
    plan = resolvePlan({
      quick,
      config: file ? readConfigFile(file) : undefined,
      seeds: args.flags.has('seeds') ? numberFlag(args, 'seeds', 0) : undefined,
      backend: stringFlag(args, 'backend'),
    });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PlanError) throw new UsageError(err.message);
    throw err;
  }
  const out = resolve(stringFlag(args, 'out') ?? join('experiments', quick ? 'table1-quick' : 'table1'));
  const jobs = numberFlag(args, 'jobs', DEFAULT_JOBS);
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError('--jobs must be a positive integer');

  const controller = new AbortController();
  const onSignal = (): void => {
    if (!controller.signal.aborted)
      process.stderr.write('\nexperiment: stopping after the current step (run the same command again to resume)...\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = new ProgressLine('experiment');
  try {
    const outcome = await runExperiment({
      plan,
      out,
      jobs,
      signal: controller.signal,
      onEvent(e) {
        if (e.type === 'step') progress.update(progressText(e, plan.seeds), e.step === e.steps);
        else if (e.type === 'run')
          progress.done(
            `seed ${e.seed} ${e.arm}: ${e.action === 'skip' ? 'finished already' : e.action === 'resume' ? `resuming at step ${e.resumedAt ?? 0}` : 'new run'}  ${e.runDir}`,
          );
        else if (e.type === 'run-done')
          progress.done(
            `seed ${e.seed} ${e.arm}: ${e.state}${e.state === 'stopped' ? ` at step ${e.step}/${e.steps}` : ''} (${minutes(e.seconds)})`,
          );
        else if (e.type === 'log') progress.done(e.message);
      },
    });
    if (outcome.state !== 'completed') {
      progress.done(outcome.state === 'stopped' ? `stopped; run the same command again to resume (${out})` : `failed: ${outcome.error}`);
      if (json)
        process.stdout.write(JSON.stringify({ state: outcome.state, out, error: outcome.error, runs: outcome.runs }, null, 2) + '\n');
      return outcome.state === 'failed' ? 1 : 0;
    }
    progress.done('evaluating the rollouts and writing the report...');
    const report = await buildTable1Report(out, plan, outcome.runs);
    writeFileAtomic(join(out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    writeFileAtomic(join(out, 'table1.csv'), table1Csv(report));
    writeFileAtomic(join(out, 'per-seed.csv'), perSeedCsv(report));
    writeFileAtomic(join(out, 'report.html'), renderExperimentHtml(report));
    progress.done(
      `wrote ${join(out, 'report.html')}, report.json, table1.csv, per-seed.csv (this invocation: ${minutes(outcome.seconds)})`,
    );
    process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : table(report));
    return 0;
  } catch (err) {
    if (err instanceof PlanError || err instanceof ConfigError) throw new UsageError(err.message);
    if (err instanceof RunDirError) {
      progress.done();
      process.stderr.write(`reflection-lens experiment: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
