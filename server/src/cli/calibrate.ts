// `reflection-lens calibrate`: p, delta1, delta2, observed and predicted accuracy per model and
// task (or per training step) of a corpus of traces, with intervals (docs/design.md sections 4 and 8).
import { goldPathFor } from '../trace/gold.js';
import { existsSync } from 'node:fs';
import { defaultCalibrationOptions, MAX_BOOTSTRAP } from '../analysis/calibrate.js';
import { listTraceFiles, skippedCount, type Skipped } from '../analysis/corpus.js';
import { calibrateFiles, type CalibrateFilesOptions } from '../analysis/parallel.js';
import type { CalibrationGroup, CalibrationResult, Estimate } from '../analysis/types.js';
import { renderCalibrationHtml } from '../report/html.js';
import { checkOutputs, cleanUpOnSignals, OutputPathError, writeFileAtomic } from '../util/atomicWrite.js';
import { numberFlag, parseArgs, stringFlag, UsageError } from '../util/args.js';
import { segmentFlagNames, segmentFlagsUsage, segmentOptionsFromArgs } from './segmentFlags.js';
import { mappingLine, sourceFlagNames, sourceFlagsUsage, sourceOptionsFromArgs } from './sourceFlags.js';
import { peekMapping } from '../trace/stream.js';
import { pooledModelWarnings } from '../trace/formats/source.js';
import { ProgressLine } from './progress.js';
import { escapeInline } from './terminal.js';
import { tokenLimitFromArgs } from './tokenLimit.js';
import { parseGrouping } from '../../../protocol/calibration.js';

export const summary = 'calibrate p, delta1, delta2 and predicted accuracy per model and task, with intervals';
export const usage = `reflection-lens calibrate PATH... [options]

PATH: files or directories (searched recursively for .trace, .jsonl, .parquet and .eval files).
A file is a .trace file or anything import reads: JSONL rollouts, Parquet datasets (OpenR1-Math-
220k's schema), chat transcripts, lm-evaluation-harness samples, Inspect AI logs (.eval, .json),
OpenAI-compatible completion dumps, FastChat answers (README "What it reads"); the field mapping
chosen for each is printed on stderr. Files are streamed (Parquet row group by row group), so a
corpus of any size fits in memory. Records without ground truth, records cut off at the
generation limit (unless --include-truncated), malformed records and unreadable files are listed
under "skipped" (the first 100 malformed per file, then a line that counts the rest; "Skipped (N)"
counts them all); everything else is used. A response with no candidate answer counts as wrong.
The rates are the engine's reading of the responses; where trace files have gold labels beside
them (NAME.trace.gold.jsonl) stderr says so: eval-segmentation corrects p / delta1 / delta2 with
them (a random sample of labelled records: eval-segmentation --sample).
Warnings about what is read and still used (a malformed step, an unknown finish_reason, unusable
log-probs, ...) are summed up on stderr: the count per kind, the first 10 at file:line:col as
segment prints them, then how many more (--json: a "warnings" field with the counts and the
first 10 of each file); they do not change the exit status.

Per group: n (no-answer records included, as wrong); observed accuracy (final answer) with the
modified Wilson interval (Brown, Cai & DasGupta 2001: Wilson's, with the one-sided Poisson bound
within 3 of 0 or n; within [0, 1], and keeping its 95% coverage next to 0/n and n/n, where the
paper's Wald interval has zero width or passes 100%); p = first-attempt accuracy; delta1 = P(STOP | correct answer);
delta2 = P(RESAMPLE | wrong answer) (pooled over attempts; a record's last STOP is not counted
where a "forced_stop: true" header says an attempt cap forced it, and the groups say how many:
"counts.forcedStops", the "forced_stops" column); predicted accuracy
p*d1 / (p*d1 + (1-p)(1-d2)) (infinite horizon) and Acc_K (at most K attempts, the K-th answer
stands); for p, delta1, delta2 the hull of the Wilson interval and the percentile bootstrap over
traces; for the predicted accuracies the hull of the percentile bootstrap and a Jeffreys-posterior
interval of the formula (never zero width); transitions T->T, T->F,
F->T, F->F (echo: the same wrong answer again; new: another wrong answer) and the echo rate.
Where the records carry the corpus's own verdict (a dataset's correctness column, lm-eval's
metric, an Inspect scorer; the "source_verdict" header import writes), its agreement with the
engine's final-answer check per group; --json lists the disagreeing records (file, line, id).

Options:
  --bootstrap B        bootstrap resamples, and posterior draws (default ${defaultCalibrationOptions.bootstrap}, at most ${MAX_BOOTSTRAP})
  --include-truncated  count records cut off at the generation limit (truncated: true,
                       finish_reason: length, over --max-tokens, or an unclosed thinking
                       block); left out by default
  --max-tokens N       the generation limit in tokens (default 8192, the paper's Appendix E)
  --seed S             seed of the bootstrap and the posterior draws (default ${defaultCalibrationOptions.seed}); same data + seed = same intervals
  --horizon K          K of the K-attempt predicted accuracy (default ${defaultCalibrationOptions.horizon})
  --by model-task|step group by model and task (default), or by model and training step
                       (a record's "step" header, or a file named <step>.jsonl); files in
                       different folders that give one model name from their file names are
                       pooled, with a pooled-model warning naming them (--map model=@folder)
  --json               the result as JSON on stdout (fractions in [0,1])
  --csv                one CSV row per group on stdout
  --html FILE          write a self-contained HTML report (charts) to FILE (missing folders are created)
  --workers N          worker threads (default: the cores, at most 8; 0 = none). Files, byte
                       ranges of large .trace files and row groups of large Parquet files are
                       shared out; results do not depend on N. Each thread reading Parquet holds
                       one decoded row group, so by default only as many threads as fit 256 MB of
                       them run (a 1 GB OpenR1-shaped file: one); give N to use more
${segmentFlagsUsage}${sourceFlagsUsage}
Exit status: 0 when at least one group was calibrated (skipped records and unreadable files are
listed), 1 when nothing could be calibrated (no record with ground truth in any file: the
table is empty and "skipped" says why) or the --html report cannot be written, 2 on bad usage.
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    ['bootstrap', 'seed', 'horizon', 'by', 'html', 'workers', 'max-tokens', ...segmentFlagNames, ...sourceFlagNames],
    ['json', 'csv', 'include-truncated'],
  );
  const segment = segmentOptionsFromArgs(args);
  const source = sourceOptionsFromArgs(args);
  if (args.positionals.length === 0) throw new UsageError('give at least one PATH (a trace, JSONL, Parquet or log file, or a directory)');
  const B = numberFlag(args, 'bootstrap', defaultCalibrationOptions.bootstrap);
  const seed = numberFlag(args, 'seed', defaultCalibrationOptions.seed);
  const K = numberFlag(args, 'horizon', defaultCalibrationOptions.horizon);
  if (!(Number.isInteger(B) && B >= 1 && B <= MAX_BOOTSTRAP))
    throw new UsageError(`--bootstrap must be a whole number from 1 to ${MAX_BOOTSTRAP} (the limit on resamples), got ${B}`);
  if (!(Number.isInteger(K) && K >= 1)) throw new UsageError('--horizon must be a positive integer');
  const tokenLimit = tokenLimitFromArgs(args);
  const workers = args.flags.has('workers') ? numberFlag(args, 'workers', 0) : undefined;
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0))
    throw new UsageError('--workers must be a non-negative integer');
  const byFlag = stringFlag(args, 'by');
  const by = byFlag === undefined ? defaultCalibrationOptions.by : parseGrouping(byFlag);
  // `auto` (the editor's default) needs every summary before grouping; the CLI streams, so it asks.
  if (by === undefined || by === 'auto') throw new UsageError(`--by expects model-task or step, got "${byFlag}"`);
  const html = stringFlag(args, 'html');
  const formats = [args.flags.has('json'), args.flags.has('csv'), html !== undefined].filter(Boolean).length;
  if (formats > 1) throw new UsageError('choose one of --json, --csv, --html');

  const { files, skipped } = listTraceFiles(args.positionals);
  // Before hours of work: the report must not replace an input (also through a symlink or hard
  // link, or a file found in an input folder) nor a directory, FIFO or device.
  if (html !== undefined) {
    try {
      checkOutputs([{ what: '--html', path: html }], [...args.positionals, ...files]);
    } catch (err) {
      if (!(err instanceof OutputPathError)) throw err;
      process.stderr.write(`reflection-lens calibrate: ${err.message}\n`);
      return 1;
    }
  }
  // How each file's rows are read, said before the work is shared out to worker threads.
  // (A pipe or FIFO is not peeked, since that would consume it: its mapping is said as it is read.)
  const told = new Set<string>();
  // Files whose mapping reads the model from their rows: not pooled by their names (pooledModelWarnings).
  const named = new Set<string>();
  for (const file of files) {
    const m = await peekMapping(file, { source });
    if (m) {
      told.add(file);
      if (m.mapping.model) named.add(file);
      process.stderr.write(mappingLine(file, m));
    }
  }
  const result = await calibrateWithProgress(files, skipped, {
    bootstrap: B,
    seed,
    horizon: K,
    by,
    workers,
    segment,
    source,
    onMapping: (file, m) => {
      if (!told.has(file)) {
        told.add(file);
        process.stderr.write(mappingLine(file, m));
      }
    },
    summary: { includeTruncated: args.flags.has('include-truncated'), tokenLimit },
  });
  // Two models' files of one name pooled into one row: said, naming both.
  const pooled = pooledModelWarnings(files, named, new Set(result.groups.map((g) => g.model)));
  if (pooled.length) {
    const w = (result.warnings ??= { total: 0, counts: {}, listed: [] });
    w.total += pooled.length;
    w.counts['pooled-model'] = (w.counts['pooled-model'] ?? 0) + pooled.length;
    w.listed = [...pooled, ...w.listed];
  }

  if (html !== undefined) {
    try {
      cleanUpOnSignals();
      writeFileAtomic(html, renderCalibrationHtml(result, { title: `Calibration: ${args.positionals.join(', ')}` }));
    } catch (err) {
      // Disk full, file size limit, a path changed meanwhile: a message; the old report stays.
      const message =
        err instanceof OutputPathError ? err.message : `cannot write ${html}: ${err instanceof Error ? err.message : String(err)}`;
      process.stderr.write(
        `reflection-lens calibrate: ${message}; ${existsSync(html) ? `${html} left unchanged` : `${html} not written`}\n`,
      );
      return 1;
    }
    process.stderr.write(`calibrate: wrote ${html} (${result.groups.length} groups)\n`);
  } else if (args.flags.has('json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else if (args.flags.has('csv')) process.stdout.write(toCsv(result));
  else process.stdout.write(toTable(result, files.length));
  process.stderr.write(warningsSummary(result));
  process.stderr.write(labelledNote(files));
  if (result.groups.length === 0) {
    // Exit 1 (nothing calibrated) says why, not only through an empty table or `skipped: []`.
    const why =
      files.length === 0
        ? 'no trace file among the paths given'
        : `no usable record in ${files.length} file${files.length === 1 ? '' : 's'} (a record needs a "=== id" header, or a JSONL row a response; records with errors are skipped)`;
    // The first skip's reason says the likely cause (records without a ground truth, all cut off, ...).
    const first = result.skipped[0];
    process.stderr.write(
      `reflection-lens calibrate: nothing calibrated: ${why}${result.skipped.length > 0 ? `; ${skippedCount(result.skipped)} skipped (listed in the output; the first: ${escapeInline(first.file)}${first.line ? `:${first.line}` : ''}: ${escapeInline(first.reason)})` : ''}\n`,
    );
  }
  return result.groups.length > 0 ? 0 : 1;
}

/**
 * Trace files with gold labels beside them: the rates calibrate prints are the engine's reading, and
 * eval-segmentation corrects them with the labels (docs/segmentation-eval.md, "Numbers corrected
 * with a few labels"); said once, on stderr. Empty when no file has labels.
 */
export function labelledNote(files: readonly string[]): string {
  const labelled = files.filter((f) => existsSync(goldPathFor(f)));
  if (labelled.length === 0) return '';
  const shown = labelled.slice(0, 3).map((f) => escapeInline(f));
  return `calibrate: ${labelled.length} of the ${files.length} trace file${files.length === 1 ? '' : 's'} ${labelled.length === 1 ? 'has' : 'have'} gold labels beside ${labelled.length === 1 ? 'it' : 'them'}; p / delta1 / delta2 above are the engine's reading: \`reflection-lens eval-segmentation ${shown.join(' ')}${labelled.length > 3 ? ' ...' : ''}\` corrects them with the labels\n`;
}

/** Warnings printed on stderr; --json lists the first 100 (10 per file) and counts them all. */
const WARNINGS_PRINTED = 10;

/**
 * The warnings of the records and lines calibrate read and used (a malformed step, an unknown
 * finish_reason, unusable log-probs, ...), bounded: the count per kind, the first few as segment
 * prints them, and how many more. Empty when there were none.
 */
export function warningsSummary(result: CalibrationResult): string {
  const w = result.warnings;
  if (!w || w.total === 0) return '';
  const kinds = Object.entries(w.counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const shown = w.listed.slice(0, WARNINGS_PRINTED);
  const out = [`calibrate: ${w.total} warning${w.total === 1 ? '' : 's'} in the input (${kinds}); the lines and records are still read:`];
  for (const x of shown)
    out.push(
      `  ${escapeInline(`${x.file}:${x.line}:${x.column}`)}: warning: ${escapeInline(x.message)} [${x.code}]${x.record !== undefined ? escapeInline(` (record ${x.record})`) : ''}`,
    );
  const more = w.total - shown.length;
  if (more > 0) out.push(`  ${more} more not listed (--json lists the first ${w.listed.length}; segment FILE lists each file's)`);
  return out.join('\n') + '\n';
}

async function calibrateWithProgress(files: string[], skipped: Skipped[], options: CalibrateFilesOptions): Promise<CalibrationResult> {
  const progress = new ProgressLine('calibrate');
  const started = Date.now();
  const { result, records } = await calibrateFiles(files, {
    ...options,
    onProgress: ({ bytesDone, bytesTotal }) => {
      const secs = (Date.now() - started) / 1000;
      // Quick runs stay quiet; long ones say how far they are.
      if (secs < 1) return;
      const mbps = bytesDone / 1e6 / secs;
      const rate = `, ${mbps.toFixed(mbps < 10 ? 1 : 0)} MB/s`;
      progress.update(
        `${files.length} file${files.length === 1 ? '' : 's'}, ${(bytesDone / 1e6).toFixed(1)}/${(bytesTotal / 1e6).toFixed(1)} MB${rate}`,
      );
    },
  });
  progress.done(
    Date.now() - started > 2000
      ? `${records.toLocaleString('en-US')} records from ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`
      : undefined,
  );
  result.skipped = [...skipped, ...result.skipped];
  return result;
}

const pct = (x: number): string => (Number.isFinite(x) ? (100 * x).toFixed(1) : '-');
const interval = (e: Estimate): string => `${pct(e.value)} (${pct(e.lo)}, ${pct(e.hi)})`;

function toTable(result: CalibrationResult, fileCount: number): string {
  // Names are escaped before the column widths are measured (cli/terminal.ts).
  const rows = result.groups.map((g) => [
    escapeInline(g.model),
    escapeInline(g.step !== undefined ? `${g.step} ${g.task}` : g.task),
    String(g.n),
    interval(g.accuracy),
    interval(g.predicted),
    interval(g.predictedK),
    interval(g.p),
    interval(g.delta1),
    interval(g.delta2),
    Number.isFinite(g.echoRate) ? pct(g.echoRate) : '-',
  ]);
  const byStep = result.groups.some((g) => g.step !== undefined);
  const K = result.groups[0]?.predictedK.K ?? defaultCalibrationOptions.horizon;
  const head = [
    'model',
    byStep ? 'step task' : 'task',
    'n',
    'accuracy % (mod. Wilson 95%)',
    'predicted % (K=inf)',
    `predicted % (K=${K})`,
    'p %',
    'delta1 %',
    'delta2 %',
    'echo %',
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push(
    '',
    `${result.groups.length} groups from ${fileCount} file${fileCount === 1 ? '' : 's'}. Intervals: modified Wilson (Brown, Cai & DasGupta) for observed accuracy; for p, delta1, delta2 the hull of Wilson and the percentile bootstrap over traces (lowest low, highest high); for predicted accuracy the hull of the bootstrap and a Jeffreys posterior of the formula (B=${result.bootstrap.B}, seed ${result.bootstrap.seed}).`,
    'p = first-attempt accuracy; delta1 = P(STOP | correct); delta2 = P(RESAMPLE | wrong); echo = share of wrong->wrong resamples that repeat the same answer.',
  );
  if (result.groups.length > 0) {
    out.push('', 'Transitions between consecutive attempts (T = correct, F = wrong):');
    const name = (g: CalibrationGroup): string => escapeInline(`${g.model} ${g.step !== undefined ? `${g.step} ${g.task}` : g.task}`);
    const tw = Math.max(...result.groups.map((g) => name(g).length));
    for (const g of result.groups) {
      const t = g.transitions;
      out.push(`  ${name(g).padEnd(tw)}  T->T ${t.TT}  T->F ${t.TF}  F->T ${t.FT}  F->F echo ${t.FFecho}  F->F new ${t.FFnew}`);
    }
  }
  const forced = result.groups.filter((g) => g.counts.forcedStops > 0);
  if (forced.length > 0) {
    const name = (g: CalibrationGroup): string => escapeInline(`${g.model} ${g.step !== undefined ? `${g.step} ${g.task}` : g.task}`);
    out.push(
      '',
      'Forced STOPs left out of the decisions (records marked "forced_stop: true": the last STOP came from an attempt cap, not the policy; accuracy unchanged):',
      ...forced.map((g) => `  ${name(g)}  ${g.counts.forcedStops}`),
    );
  }
  const compared = result.groups.filter((g) => g.agreement);
  if (compared.length > 0) {
    out.push('', "Agreement with the source's own verdicts (source_verdict) on the final answer:");
    const name = (g: CalibrationGroup): string => escapeInline(`${g.model} ${g.step !== undefined ? `${g.step} ${g.task}` : g.task}`);
    const tw = Math.max(...compared.map((g) => name(g).length));
    for (const g of compared) {
      const a = g.agreement!;
      const none = a.noVerdict ? `  (${a.noVerdict} without a verdict)` : '';
      out.push(
        `  ${name(g).padEnd(tw)}  ${a.agree}/${a.compared} agree (${pct(a.rate)}%)  source correct, engine wrong ${a.sourceOnly}  engine correct, source wrong ${a.engineOnly}${none}`,
      );
    }
    const listed = compared.flatMap((g) => g.agreement!.disagreements).slice(0, 10);
    if (listed.length > 0) {
      out.push('  First disagreements (--json lists them all):');
      for (const d of listed)
        out.push(
          `    ${escapeInline(d.file)}:${d.line} ${escapeInline(d.id)}: source ${d.source ? 'correct' : 'wrong'}, engine ${d.engine ? 'correct' : 'wrong'}`,
        );
    }
  }
  if (result.skipped.length > 0) {
    out.push('', `Skipped (${skippedCount(result.skipped)}):`);
    for (const s of result.skipped)
      out.push(`  ${escapeInline(s.file)}${s.line !== undefined ? `:${s.line}` : ''}: ${escapeInline(s.reason)}`);
  }
  out.push('');
  return out.join('\n');
}

const csvCell = (v: string | number | undefined): string => {
  const s = v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function toCsv(result: CalibrationResult): string {
  const metrics = ['accuracy', 'p', 'delta1', 'delta2', 'predicted', 'predictedK'] as const;
  const head = [
    'model',
    'task',
    'step',
    'n',
    ...metrics.flatMap((m) => [m, `${m}_lo`, `${m}_hi`]),
    'K',
    'TT',
    'TF',
    'FT',
    'FFecho',
    'FFnew',
    'forced_stops',
    'echoRate',
    'source_compared',
    'source_agree',
    'source_only',
    'engine_only',
  ];
  const row = (g: CalibrationGroup): (string | number | undefined)[] => [
    g.model,
    g.task,
    g.step,
    g.n,
    ...metrics.flatMap((m) => [g[m].value, g[m].lo, g[m].hi]),
    g.predictedK.K,
    g.transitions.TT,
    g.transitions.TF,
    g.transitions.FT,
    g.transitions.FFecho,
    g.transitions.FFnew,
    g.counts.forcedStops,
    g.echoRate,
    g.agreement?.compared,
    g.agreement?.agree,
    g.agreement?.sourceOnly,
    g.agreement?.engineOnly,
  ];
  return [head, ...result.groups.map(row)].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
