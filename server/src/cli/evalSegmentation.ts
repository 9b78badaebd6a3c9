// `reflection-lens eval-segmentation TRACES... --gold LABELS`: the engine's reading of candidate
// answers measured against gold labels (docs/segmentation-eval.md). Records without a label count
// only into the rates corrected with the labels; a label whose record is missing is reported.
import {
  engineReading,
  evaluateSegmentation,
  type EvalInput,
  type CorrectedRates,
  type SegmentationEval,
  readCounts,
  type ReadCounts,
} from '../analysis/segmentationEval.js';
import type { Difference, Interval } from '../analysis/segmentationIntervals.js';
import { goldPathFor, goldWithinBody, parseGoldFile, staleCandidates, type GoldRecord } from '../trace/gold.js';
import { forcedStopValue } from '../trace/headerValues.js';
import { bodyPosition, cutOffReason, segmentAttempts } from '../trace/segment.js';
import { streamTraceFile } from '../trace/stream.js';
import { numberFlag, parseArgs, UsageError } from '../util/args.js';
import { Reservoir, Rng } from '../analysis/random.js';
import { writeOut } from './output.js';
import { ProgressLine } from './progress.js';
import { segmentFlagNames, segmentFlagsUsage, segmentOptionsFromArgs } from './segmentFlags.js';
import { inputFiles } from './inputs.js';
import { listTraceFiles } from '../analysis/corpus.js';
import { rolloutRunName } from '../trace/rolloutDir.js';
import { sourceFlagNames, sourceFlagsUsage, sourceOptionsFromArgs } from './sourceFlags.js';
import { statSync } from 'node:fs';
import { escapeInline } from './terminal.js';
import { tokenLimitFromArgs } from './tokenLimit.js';
import { GOLD_FILE_MAX_BYTES, readFailure, readSmallFile } from '../util/readSmallFile.js';

export const summary = 'measure candidate-answer segmentation against gold labels';
export const usage = `Usage: reflection-lens eval-segmentation TRACES... [--gold LABELS] [--against LABELS2] [--json] [--all]
       reflection-lens eval-segmentation TRACES... --sample N [--seed S]

Reads every record of the trace files (.trace or .jsonl): compares the engine's candidate answers
with the labelled ones on the records that have a gold label (docs/segmentation-eval.md), and
corrects p / delta1 / delta2 over all records with them (below).

  --gold LABELS  gold labels (JSON Lines: {"id", "candidates": [{"value", "offset"}], "final"});
                 default: each trace file's gold file beside it (NAME.trace.gold.jsonl). One
                 file labels every trace file by record id (an id labelled in two trace files
                 is left out, with a warning), or give --gold once per trace file, in the same
                 order: the k-th labels the k-th
  --against LABELS2
                 a second annotator's labels scored against the gold ones in place of the
                 engine's reading, over the records both label: how far annotators agree with
                 each other, the ceiling for the engine on the same records (the engine's
                 numbers on those records are printed after them); once, or once per trace file
  --sample N     choose N records at random among all records of the traces and print them
                 (FILE:LINE: record ID, in file order; those already labelled marked) instead of
                 evaluating: the records to label, so that the corrected rates below hold
                 (records chosen by eye, such as the ones that look misread, bias them)
  --seed S       the sample's seed (default 1): the same traces and seed give the same records
  --include-truncated
                 count records cut off at the generation limit (truncated: true,
                 finish_reason: length, over --max-tokens, or an unclosed thinking block)
                 in p / delta1 / delta2 / accuracy; left out by default, as calibrate leaves
                 them out (their candidates still count in precision and recall)
  --max-tokens N the generation limit in tokens (default 8192, as calibrate)
  --json         the full result as JSON on stdout
  --all          list every disagreement (default: the first 40)
${segmentFlagsUsage}${sourceFlagsUsage}
TRACES may be folders (their trace files, as calibrate reads them). Records are read as calibrate reads
them: a verl {step}.jsonl is its folder's run, and a record with an error is not used (said on stderr).
Prints candidate precision and recall, the share of gold candidates some rule reads at all (a
candidate no rule reads needs an answer pattern, not a better choice), first-candidate agreement
(value, and correctness against the ground truth), candidate-count agreement, exact attempt
sequences, decision (STOP/RESAMPLE) agreement, final-answer agreement, and p / delta1 / delta2 /
accuracy derived from the engine's reading beside the same from the gold labels (an LLM judge's
pick is right where it picks the reference's side: "[[A>>B]]" against "A>B") and their difference,
paired over the records (counted as calibrate counts them: a record with no candidate answer has
its first attempt wrong), with a 95% interval (marked * where it excludes 0: the reading moves that
number beyond chance in which records were labelled); recall per kind
of gold candidate (a record's first, an echo of the previous value, a changed value). Where some
records are not labelled: p / delta1 / delta2 / accuracy over all records (and the paper's predicted
accuracy from the three), the engine's reading alone and
corrected with the labelled records, with a 95% interval (prediction-powered inference: the reading's
error on the labelled records corrects its reading of the rest; valid when the labelled records are
a random sample of the records: --sample, not the ones that look wrong), over all records and, where
the traces hold several models or tasks, per model and task with that group's labels (JSON
correctedByGroup). Rates carry a
95% interval (Wilson's, widened for candidates clustered in records: docs/segmentation-eval.md).
Then the precision of each rule that found candidates (what their confidence estimates) and the
disagreements (record, line:col, expected, got). A label is reported with its gold line and left
out when the record changed since it was labelled in the editor (gold-stale) or when it holds
candidates copied from the engine's reading and not confirmed (gold-unconfirmed). A trace file given twice (or through a link) is
read once, with a note; a device or socket is not read, with the reason. Exit status 0, 1 when a
file cannot be read (or is a device or socket), 2 on bad usage.
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    [...segmentFlagNames, ...sourceFlagNames, 'sample', 'seed', 'max-tokens'],
    ['json', 'all', 'include-truncated'],
    ['gold', 'against'],
  );
  const segmentOptions = segmentOptionsFromArgs(args);
  const source = sourceOptionsFromArgs(args);
  const tokenLimit = tokenLimitFromArgs(args);
  // Cut off at the generation limit: left out of the rates, as calibrate leaves it out by default.
  const cutOff = args.flags.has('include-truncated')
    ? (): boolean => false
    : (rec: Parameters<typeof cutOffReason>[0]): boolean => cutOffReason(rec, tokenLimit) !== undefined;
  // A STOP the rollout forced (the K-th attempt): not the policy's decision, left out as calibrate leaves it out.
  const forcedStop = (rec: { headers: Record<string, string | undefined> }): boolean => forcedStopValue(rec.headers.forced_stop) === true;
  if (args.positionals.length === 0) throw new UsageError('expected at least one TRACES file');
  const sampleSize = args.flags.has('sample') ? numberFlag(args, 'sample', 0) : undefined;
  if (sampleSize !== undefined && !(Number.isInteger(sampleSize) && sampleSize > 0))
    throw new UsageError(`--sample expects a whole number of records above 0, got "${String(args.flags.get('sample'))}"`);
  if (args.flags.has('seed') && sampleSize === undefined) throw new UsageError('--seed is the seed of --sample; give --sample N too');
  // The records to label: every record equally likely, in one pass.
  const sample = new Reservoir<{ order: number; at: string; id: string; labelled: boolean }>(
    new Rng(numberFlag(args, 'seed', 1)),
    sampleSize ?? 0,
  );
  const goldFlags = args.lists.get('gold') ?? [];
  const againstFlags = args.lists.get('against') ?? [];
  const engine: EvalInput[] = [];
  const second: EvalInput[] = [];
  // The records no one labelled, as the engine reads them: the corrected rates count them.
  const unlabelled: ReadCounts[] = [];
  // Each record's model and task (calibrate's groups): the corrected rates per group too.
  const groupOf = new Map<EvalInput | ReadCounts, string>();
  // A folder is read as calibrate reads it (its trace files, gold files aside); labels given once per
  // trace file need the trace files named.
  const folders = args.positionals.filter(isFolder);
  if (folders.length > 0 && (goldFlags.length > 1 || againstFlags.length > 1))
    throw new UsageError(`--gold or --against once per trace file needs the trace files named, not a folder (${folders[0]})`);
  const traces = folders.length > 0 ? listTraceFiles(args.positionals).files : args.positionals;
  // A file given twice is read once (its records counted once); a device or socket is not read.
  const { files, notRead } = inputFiles(traces);
  let status = notRead.length > 0 ? 1 : 0;
  const golds = await labelsPerTrace(goldFlags, 'gold', traces);
  const againsts = await labelsPerTrace(againstFlags, 'against', traces);
  // Labels whose record is in none of the traces they label: said at the end, with the label's
  // file:line (keyed by labels file and id: paired files may share ids).
  const unmatched = new Map<string, { id: string; where: string }>();
  for (const g of new Set([...golds.values(), ...againsts.values()]))
    for (const [id, line] of g.lines) unmatched.set(`${g.path}\0${id}`, { id, where: `${g.path}:${line + 1}` });
  // One file of labels for several trace files matches by id alone: where the same id labels a
  // record in two of them, the label belongs to one at most and scoring both would be wrong.
  const labelledIn = new Map<string, { gold: LoadedGold; files: string[]; inputs: EvalInput[] }>();
  for (const file of files) {
    let gold = golds.get(file);
    const against = againsts.get(file);
    let beside: LoadedGold | undefined;
    if (goldFlags.length === 0) {
      // The gold file beside the trace, when there is one; one that cannot be read is said (a
      // device is not read), not taken for no labels.
      const path = goldPathFor(file);
      try {
        gold = beside = await loadGold(path);
      } catch (err) {
        if (!(err instanceof GoldReadError && err.code === 'ENOENT')) {
          process.stderr.write(`${escapeInline(err instanceof Error ? err.message : String(err))}\n`);
          status = 1;
        }
      }
    }
    const besideUnmatched = new Map<string, string>();
    if (beside) for (const id of beside.records.keys()) besideUnmatched.set(id, `${beside.path}:${(beside.lines.get(id) ?? 0) + 1}`);
    const progress = new ProgressLine(`eval-segmentation ${file}`, 200, true);
    let labelled = 0;
    let records = 0;
    const counted = (): string => (sampleSize === undefined ? `${labelled} labelled of ${records} records` : `${records} records`);
    try {
      // Read as calibrate reads it: a verl dump `{step}.jsonl` is its folder's run, rows mapped by
      // --format / --map, and a record with an error is not used (said, as calibrate lists it).
      for await (const rec of streamTraceFile(file, { fileName: rolloutRunName(file) ?? file, source })) {
        const error = rec.diagnostics.find((d) => d.severity === 'error');
        if (error) {
          const line = rec.sourceLine !== undefined ? (error.sourceLine ?? rec.sourceLine) + 1 : error.line + 1;
          process.stderr.write(
            `${escapeInline(file)}:${line}: record ${escapeInline(rec.id)} not used (as calibrate): ${escapeInline(error.message)}\n`,
          );
          continue;
        }
        const g = gold && withinBody(gold, rec.id, rec.body);
        const h = against && withinBody(against, rec.id, rec.body);
        records++;
        for (const l of [gold, against]) if (l) unmatched.delete(`${l.path}\0${rec.id}`);
        besideUnmatched.delete(rec.id);
        if (sampleSize !== undefined) {
          sample.offer({
            order: sample.seen,
            at: `${file}:${(rec.sourceLine ?? rec.startLine) + 1}`,
            id: rec.id,
            labelled: !!gold?.records.has(rec.id),
          });
          progress.update(counted());
          continue;
        }
        if (!g || (against && !h)) {
          if (!againstFlags.length) {
            const counts = readCounts({
              truth: rec.answer,
              ...engineReading(segmentAttempts(rec, segmentOptions), rec.query),
              cutOff: cutOff(rec),
              forcedStop: forcedStop(rec),
            });
            unlabelled.push(counts);
            groupOf.set(counts, groupKey(rec.model, rec.task));
          }
          progress.update(counted());
          continue;
        }
        labelled++;
        const reading = engineReading(segmentAttempts(rec, segmentOptions), rec.query);
        const input: EvalInput = {
          id: files.length > 1 ? `${file}#${rec.id}` : rec.id,
          truth: rec.answer,
          ...reading,
          gold: g,
          cutOff: cutOff(rec),
          forcedStop: forcedStop(rec),
          where: (offset) => {
            if (rec.sourceLine !== undefined) return `@${offset}`;
            const p = bodyPosition(rec, offset);
            return `${p.line + 1}:${p.column + 1}`;
          },
        };
        engine.push(input);
        groupOf.set(input, groupKey(rec.model, rec.task));
        // The second annotator's candidates in the engine's place; the question's options (an
        // option's value judged as its letter) are the question's, whoever reads the answer.
        const theirs: EvalInput | undefined = h && {
          ...input,
          predicted: h.candidates.map((c) => ({ value: c.value, offset: c.offset })),
          predictedFinal: h.final,
          seen: undefined,
        };
        if (theirs) second.push(theirs);
        if (gold && !beside) {
          const key = `${gold.path}\0${rec.id}`;
          const seen = labelledIn.get(key) ?? { gold, files: [], inputs: [] };
          if (!seen.files.includes(file)) seen.files.push(file);
          seen.inputs.push(input, ...(theirs ? [theirs] : []));
          labelledIn.set(key, seen);
        }
        progress.update(counted());
      }
    } catch (err) {
      process.stderr.write(`${file}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
      status = 1;
    }
    // The throttled line may stop short of the end: its last state is the file's final count.
    progress.done(counted());
    for (const [id, where] of besideUnmatched)
      process.stderr.write(
        `${escapeInline(where)}: warning: gold label for record "${escapeInline(id)}" has no record in ${escapeInline(file)}\n`,
      );
  }
  if (sampleSize !== undefined) {
    const chosen = sample.items.sort((a, b) => a.order - b.order);
    const labelled = chosen.filter((c) => c.labelled).length;
    await writeOut(
      chosen.map((c) => `${escapeInline(c.at)}: record ${escapeInline(c.id)}${c.labelled ? ' (labelled)' : ''}\n`).join('') +
        `${chosen.length} of ${sample.seen} records chosen at random (seed ${numberFlag(args, 'seed', 1)})${labelled ? `, ${labelled} already labelled` : ''}: label these\n`,
    );
    return status;
  }
  const ambiguous = new Set<EvalInput>();
  for (const [key, { gold, files: where, inputs }] of labelledIn) {
    if (where.length < 2) continue;
    const id = key.slice(key.indexOf('\0') + 1);
    process.stderr.write(
      `${escapeInline(gold.path)}:${(gold.lines.get(id) ?? 0) + 1}: warning: gold label for record "${escapeInline(id)}" matches a record in each of ${where.map(escapeInline).join(', ')}; left out of the evaluation: give one --gold per trace file, in the same order [gold-ambiguous]\n`,
    );
    for (const i of inputs) ambiguous.add(i);
  }
  if (ambiguous.size) {
    for (const i of engine.filter((i) => ambiguous.has(i))) {
      const counts = readCounts(i);
      unlabelled.push(counts);
      groupOf.set(counts, groupOf.get(i)!);
    }
    for (const list of [engine, second]) list.splice(0, list.length, ...list.filter((i) => !ambiguous.has(i)));
  }
  for (const { id, where } of unmatched.values())
    process.stderr.write(`${escapeInline(where)}: warning: gold label for record "${escapeInline(id)}" has no record in the traces\n`);
  const limit = args.flags.has('all') ? Infinity : 40;
  if (againstFlags.length) {
    const agreement = evaluateSegmentation(second);
    const result = evaluateSegmentation(engine);
    if (args.flags.has('json')) await writeOut(JSON.stringify({ agreement, engine: result }, null, 2) + '\n');
    else
      await writeOut(
        `second annotator (${againstFlags.join(', ')}) against the gold labels, records both label\n` +
          formatEval(agreement, limit, 'second') +
          `\nthe engine on the same records\n` +
          formatEval(result, limit),
      );
    return status;
  }
  const result = evaluateSegmentation(engine, unlabelled);
  const groups = correctedPerGroup(engine, unlabelled, groupOf);
  if (args.flags.has('json'))
    await writeOut(JSON.stringify(groups.length ? { ...result, correctedByGroup: groups } : result, null, 2) + '\n');
  else await writeOut(formatEval(result, limit, 'engine', groups));
  return status;
}

const groupKey = (model: string, task: string): string => `${model}\u0000${task}`;

/** One model's records on one task, as calibrate groups them, with its corrected rates. */
export interface CorrectedGroup extends CorrectedRates {
  model: string;
  task: string;
}

/**
 * The corrected rates of each model and task (calibrate's rows) that has a labelled record, where
 * the traces hold more than one: a model's delta2 is corrected with that model's labels only (the
 * reading's error differs between models and tasks). Empty with one group (the pooled block is it).
 */
function correctedPerGroup(
  labelled: readonly EvalInput[],
  unlabelled: readonly ReadCounts[],
  groupOf: ReadonlyMap<EvalInput | ReadCounts, string>,
): CorrectedGroup[] {
  const keys = new Set(groupOf.values());
  if (keys.size < 2) return [];
  const collator = new Intl.Collator('en', { numeric: true });
  const out: CorrectedGroup[] = [];
  for (const key of [...keys].sort(collator.compare)) {
    const mine = labelled.filter((i) => groupOf.get(i) === key);
    if (mine.length === 0) continue;
    const corrected = evaluateSegmentation(
      mine,
      unlabelled.filter((i) => groupOf.get(i) === key),
    ).corrected!;
    const [model, task] = key.split('\u0000');
    out.push({ model, task, ...corrected });
  }
  return out;
}

class GoldReadError extends Error {
  override name = 'GoldReadError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface LoadedGold {
  path: string;
  records: Map<string, GoldRecord>;
  lines: Map<string, number>;
  text: string[];
}

/**
 * The labels each trace file is scored against: one file of labels for every trace file, or one per
 * trace file in the order they are given (the k-th labels the k-th); a file given for several is
 * loaded once.
 */
async function labelsPerTrace(paths: readonly string[], flag: string, traces: readonly string[]): Promise<Map<string, LoadedGold>> {
  const perTrace = new Map<string, LoadedGold>();
  if (paths.length === 0) return perTrace;
  if (paths.length > 1 && paths.length !== traces.length)
    throw new UsageError(
      `--${flag} given ${paths.length} times for ${traces.length} trace file${traces.length === 1 ? '' : 's'}: give one file of labels for all of them, or one per trace file in the same order`,
    );
  const loaded = new Map<string, LoadedGold>();
  for (const [k, trace] of traces.entries()) {
    const path = paths.length === 1 ? paths[0] : paths[k];
    let gold = loaded.get(path);
    if (!gold) loaded.set(path, (gold = await loadGold(path)));
    if (!perTrace.has(trace)) perTrace.set(trace, gold);
  }
  return perTrace;
}

async function loadGold(path: string): Promise<LoadedGold> {
  // A device (/dev/zero) is not read and the file is bounded (util/readSmallFile.ts).
  let text: string;
  try {
    text = readSmallFile(path, GOLD_FILE_MAX_BYTES);
  } catch (err) {
    throw new GoldReadError(`${path}: cannot read gold labels: ${readFailure(err)}`, (err as NodeJS.ErrnoException).code);
  }
  const { records, diagnostics, lines } = parseGoldFile(text);
  for (const d of diagnostics) process.stderr.write(`${path}:${d.line + 1}:${d.column + 1}: ${d.severity}: ${d.message} [${d.code}]\n`);
  return { path, records, lines, text: text.split(/\r?\n/) };
}

/**
 * A record's label with the candidates whose offset lies beyond the body dropped from matching,
 * each reported at its gold line and column (the k-th "offset" of the line). A label that cannot
 * be trusted is reported and left out (undefined): one whose text is no longer at its offset (the
 * record changed since it was labelled in the editor: `gold-stale`), and one holding candidates
 * copied from the engine's reading that no one confirmed (`gold-unconfirmed`: scoring the engine
 * against its own reading would only measure the copy).
 */
function withinBody(gold: LoadedGold, id: string, body: string): GoldRecord | undefined {
  const g = gold.records.get(id);
  if (!g) return undefined;
  const { gold: kept, beyond } = goldWithinBody(g, body.length);
  const line = gold.lines.get(id) ?? 0;
  const offsets = [...(gold.text[line] ?? '').matchAll(/"offset"\s*:\s*/g)].map((m) => m.index + m[0].length);
  const at = (k: number): string => `${gold.path}:${line + 1}:${(offsets[k] ?? 0) + 1}`;
  for (const b of beyond)
    process.stderr.write(
      `${at(b.index)}: warning: candidates[${b.index}]: offset ${b.offset} beyond the response's length ${body.length}; dropped from matching [gold-offset]\n`,
    );
  const stale = staleCandidates(g, body);
  for (const st of stale)
    process.stderr.write(
      `${at(st.index)}: warning: candidates[${st.index}]: record "${id}" has ${JSON.stringify(st.found)} at offset ${st.offset}, not the labelled ${JSON.stringify(st.expected)}: the record changed since it was labelled; relabel it; record left out of the evaluation [gold-stale]\n`,
    );
  const unconfirmed = g.candidates.flatMap((c, k) => (c.unconfirmed ? [k] : []));
  if (unconfirmed.length)
    process.stderr.write(
      `${at(unconfirmed[0])}: warning: record "${id}": ${unconfirmed.map((k) => `candidates[${k}] (${g.candidates[k].value})`).join(', ')} copied from the engine's reading and not confirmed: confirm or reject ${unconfirmed.length > 1 ? 'them' : 'it'} in the editor; record left out of the evaluation [gold-unconfirmed]\n`,
    );
  if (stale.length || unconfirmed.length) return undefined;
  return kept;
}

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}% (${a}/${b})`);
/** A percentage with its 95% interval ("78.3% (83/106), 95% 68.2-87.6"). */
const pctIn = (a: number, b: number, i: Interval, what = ''): string =>
  b === 0 ? '-' : `${pct(a, b)}${what}, 95% ${(100 * i.lo).toFixed(1)}-${(100 * i.hi).toFixed(1)}`;
const rate = (r: { k: number; n: number; value: number | null }, i?: Interval): string =>
  r.value === null ? '-' : `${r.value.toFixed(3)} (${r.k}/${r.n})${i ? ` ${i.lo.toFixed(2)}-${i.hi.toFixed(2)}` : ''}`;

/** "-0.556 [-0.85, -0.26]", marked where the interval excludes 0 (the reading moves the number beyond chance). */
const difference = (d: Difference): string =>
  Number.isNaN(d.value)
    ? '-'
    : `${d.value >= 0 ? '+' : ''}${d.value.toFixed(3)} [${d.lo.toFixed(2)}, ${d.hi.toFixed(2)}]${d.lo > 0 || d.hi < 0 ? ' *' : ''}`;

const RATES = ['p', 'delta1', 'delta2', 'accuracy'] as const;
const rateValue = (x: number | null): string => (x === null || Number.isNaN(x) ? '-' : x.toFixed(3));
/** "0.700 [0.55, 0.82]", or why there is none. */
const correctedValue = (r: { value: number; lo: number; hi: number }): string =>
  Number.isNaN(r.value) ? '- (no 2 labelled records with a trial)' : `${rateValue(r.value)} [${r.lo.toFixed(2)}, ${r.hi.toFixed(2)}]`;

/** The rates over every record, corrected with the labelled ones, beside the engine's reading alone. */
function correctedLines(c: CorrectedRates): string[] {
  return [
    `over all ${c.records} records (${c.labelled} labelled, the rest read by the engine only${c.cutOff ? `; ${c.cutOff} cut off at the generation limit left out` : ''}), corrected with the labels:`,
    `valid when the labelled records are a random sample of them (prediction-powered; docs/segmentation-eval.md)`,
    `               engine alone    corrected (95%)`,
    ...RATES.map((k) => `${k.padEnd(14)} ${rateValue(c[k].engine).padEnd(15)} ${correctedValue(c[k])}`),
    `${'predicted'.padEnd(14)} ${rateValue(c.predicted.engine).padEnd(15)} ${Number.isNaN(c.predicted.value) ? '-' : correctedValue(c.predicted)}   (the paper's formula of p / delta1 / delta2; its interval the image of theirs)`,
    '',
  ];
}

/** One line per model and task: each rate as the engine reads it, then corrected with that group's labels. */
function correctedGroupLines(groups: readonly CorrectedGroup[]): string[] {
  if (groups.length === 0) return [];
  return [
    `per model and task with a labelled record, each corrected with its own labels (engine alone -> corrected, 95%; - where no 2 labelled records hold a trial):`,
    ...groups.map(
      (g) =>
        `  ${escapeInline(g.model)} / ${escapeInline(g.task || '-')} (${g.records} records, ${g.labelled} labelled): ${[...RATES, 'predicted' as const].map((k) => `${k} ${rateValue(g[k].engine)} -> ${Number.isNaN(g[k].value) ? '-' : correctedValue(g[k])}`).join('; ')}`,
    ),
    '',
  ];
}

/** The report; `who` names the reading scored against the gold labels (the engine's, or a second annotator's). */
export function formatEval(
  e: SegmentationEval,
  limit: number,
  who: 'engine' | 'second' = 'engine',
  groups: readonly CorrectedGroup[] = [],
): string {
  const kinds = (['first', 'echo', 'changed'] as const).map((k) => `${k} ${pct(e.recallByKind[k].found, e.recallByKind[k].of)}`);
  const lines = [
    `records labelled           ${e.records}`,
    `candidates                 gold ${e.gold}, ${who} ${e.predicted}, matched ${e.matched}`,
    `precision                  ${pctIn(e.matched, e.predicted, e.intervals.precision)}`,
    `recall                     ${pctIn(e.matched, e.gold, e.intervals.recall)}`,
    `recall by kind             ${kinds.join(', ')}`,
    ...(who === 'engine'
      ? [
          `read by some rule          ${pct(e.seen.found, e.seen.of)} of the gold candidates (the rest no rule reads: --answer-patterns can add them)`,
        ]
      : []),
    `first candidate correct    ${pctIn(e.firstCorrectness.agree, e.firstCorrectness.of, e.intervals.firstCorrectness, ' agree')}`,
    `first candidate value      ${pct(e.firstValue.agree, e.firstValue.of)} agree`,
    `candidate count            ${pct(e.countAgreement.agree, e.countAgreement.of)} agree`,
    `exact attempt sequence     ${pctIn(e.exactSequence.agree, e.exactSequence.of, e.intervals.exactSequence)}`,
    `decisions (STOP/RESAMPLE)  ${pct(e.decisions.agree, e.decisions.of)} agree`,
    `final answer               ${pct(e.finalAnswer.agree, e.finalAnswer.of)} agree`,
    '',
    `derived        ${who.padEnd(6)} (95%)                 gold (95%)                   ${who} - gold (95%, paired)`,
    ...(['p', 'delta1', 'delta2'] as const).map(
      (k) =>
        `${k.padEnd(14)} ${rate(e.derived.engine[k], e.intervals.engine[k]).padEnd(28)} ${rate(e.derived.gold[k], e.intervals.gold[k]).padEnd(28)} ${difference(e.derivedDifference[k])}`,
    ),
    `${'accuracy'.padEnd(14)} ${rate(e.derived.engine.accuracy).padEnd(28)} ${rate(e.derived.gold.accuracy)}`,
    ...(e.cutOff
      ? [
          `(${e.cutOff} labelled record${e.cutOff === 1 ? '' : 's'} cut off at the generation limit left out of these rates, as calibrate leaves them out; --include-truncated counts them)`,
        ]
      : []),
    '',
    ...(who === 'engine' && e.corrected && e.corrected.labelled > 0 && e.corrected.records > e.corrected.labelled
      ? correctedLines(e.corrected)
      : []),
    ...(who === 'engine' ? correctedGroupLines(groups) : []),
    ...(who === 'engine'
      ? [
          `precision per rule (what a candidate's confidence estimates)`,
          ...Object.entries(e.byRule)
            .sort((a, b) => b[1].found - a[1].found)
            .map(([rule, r]) => `  ${rule.padEnd(14)} ${pct(r.matched, r.found)}`),
          '',
        ]
      : []),
    `disagreements (${e.disagreements.length})`,
    ...e.disagreements
      .slice(0, limit)
      .map((d) => `  ${d.id.padEnd(8)} ${d.at.padEnd(10)} ${d.kind.padEnd(9)} expected ${d.expected ?? '-'}, got ${d.got ?? '-'}`),
  ];
  if (e.disagreements.length > limit) lines.push(`  ... ${e.disagreements.length - limit} more (--all)`);
  return lines.join('\n') + '\n';
}

/** A path that is a folder (a path that cannot be read is said when it is read). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
