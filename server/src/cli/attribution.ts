// `reflection-lens attribution`: per-step KL Q-values, surrogate Q-values and gradient
// contributions of traces (docs/design.md sections 5 and 8), or the paper's Appendix C example;
// with --objective, one objective's per-step contribution beside them (Appendix D).
import {
  alignLogProbs,
  attributeAppendixC,
  attributeSegmented,
  appendixC,
  defaultAttributionOptions,
  MAX_BETA,
  MAX_EPS,
} from '../analysis/attribution.js';
import { groupAdvantages, outcomeReward } from '../analysis/grpo.js';
import {
  attributeObjective,
  OBJECTIVES,
  segmentedSteps,
  threeLogitSteps,
  type ObjectiveAttribution,
  type ObjectiveName,
} from '../analysis/objectives.js';
import type { AttributionOptions, KlEstimator, KlMode, TraceAttribution } from '../analysis/types.js';
import { segmentRecord } from '../trace/segment.js';
import { logprobSidecarPath, SidecarReader } from '../trace/sidecar.js';
import { streamTraceFile } from '../trace/stream.js';
import type { SegmentedRecord, TraceDiagnostic, TraceRecord } from '../trace/types.js';
import { numberFlag, parseArgs, stringFlag, UsageError } from '../util/args.js';
import { segmentFlagNames, segmentFlagsUsage, segmentOptionsFromArgs } from './segmentFlags.js';
import { mappingLine, sourceFlagNames, sourceFlagsUsage, sourceOptionsFromArgs } from './sourceFlags.js';
import { writeOut } from './output.js';
import { ProgressLine } from './progress.js';
import { formatDiagnostic } from './segment.js';
import { inputFiles } from './inputs.js';

const recordsText = (n: number): string => `${n} record${n === 1 ? '' : 's'}`;

/** Skipped records listed per file and kind (malformed; no candidate answer); the rest are counted in one entry. */
export const LISTED_SKIPPED = 100;

export const summary = "KL vs surrogate gradient attribution per trace (or the paper's Appendix C example)";
export const usage = `reflection-lens attribution FILE... [options]
reflection-lens attribution --example appendix-c [options]

For every trace and action: the KL term r = -beta * (KL estimate summed over the action's
tokens), the GRPO surrogate Q-value gamma^(T-t)*A (Theorem 3.1, A from the trace's rollout
group), the KL's gradient contribution (Q + pathwise) x d log pi/d theta, and the attribution
ratio |KL drag on sampling| / |KL drag on decisions| beside the surrogate's ratio.
Where the KL sits (--kl-mode):
  loss    beside the policy loss, as verl's use_kl_loss (the paper's experiments): no Q-value;
          pathwise = -beta * (sum of dk/dlogp over the action's tokens). k1 as a loss has zero
          expected gradient; k2 drags toward the reference by KL(pi||ref), k3 by KL(ref||pi).
  reward  in the reward (Theorem 3.2, Appendix C): the KL Q-value sums the penalties from the
          action on; pathwise is kept for k2 and k3 (for k1 it is zero in expectation and the
          paper leaves it out), so the expected drag is the exact gradient of the penalty.
Without per-token log-probs each token is assumed to diverge by --eps (a decision is one token),
and every action's score d log pi/d theta is taken as 1 (no model of the policy is assumed).

Options:
  --example appendix-c  the paper's worked example (three-logit policy, beta=1, L=7.8, A=0.5,
                        KL in the reward with k1), with the per-parameter push/drag/net table
  --beta B              KL coefficient, 0 to ${MAX_BETA} (default ${defaultAttributionOptions.beta}, verl's kl_loss_coef; the example: 1)
  --eps E               per-token log(pi/pi_ref) when a trace has no log-probs, 0 to ${MAX_EPS} (default ${defaultAttributionOptions.eps})
  --gamma G             discount (default ${defaultAttributionOptions.gamma})
  --kl k1|k2|k3         KL estimator (k3 = verl low_var_kl; default ${defaultAttributionOptions.kl})
  --kl-mode loss|reward where the KL sits (default ${defaultAttributionOptions.klMode}; the example: reward)
  --objective NAME      also each action's contribution under one objective (Appendix D):
                        surrogate (GRPO's reward term), kl (the KL as --kl-mode places it),
                        sft (implicit reward 1/pi per token; needs per-token log-probs) or
                        dft (SFT scaled by pi: a constant 1 per token); with its sampling vs
                        decision sums, ratio and the measured balanced/improved/imbalanced verdict
  --json                {options, traces, skipped} on stdout
  --jsonl               one trace per line on stdout (skipped records on stderr)
${segmentFlagsUsage}${sourceFlagsUsage}
FILE: a .trace file or any file import reads (JSONL, Parquet, chat transcripts, lm-eval samples,
Inspect .eval/.json logs, completion dumps; README "What it reads"); - (standard input) or a pipe. A rollout group (for the advantage A) is a run of
consecutive records with the same model and group (prompt), as rollout dumps write them.
Output is streamed trace by trace, so a corpus of any size runs in bounded memory; skipped
records are listed (the first ${LISTED_SKIPPED} per file and kind, then counted); so are a file given
twice (or through a link: read once) and a device or socket (/dev/zero: not read).
Exit status: 0 when a trace was attributed or every file was read (an empty file has no
record), 1 when nothing was attributed and a file could not be read, was a device or socket, or
not one record could be read from it (every line malformed), 2 on bad usage.
`;

type JsonTrace = Omit<TraceAttribution, 'parameters'> & Record<string, unknown>;
/** An objective's attribution as the output carries it: `name` first, then the engine's fields. */
type JsonObjective = Omit<ObjectiveAttribution, 'objective'> & { name: ObjectiveName };
interface Skipped {
  file: string;
  line?: number;
  reason: string;
}
type Format = 'json' | 'jsonl' | 'table';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    ['example', 'beta', 'eps', 'gamma', 'kl', 'kl-mode', 'objective', ...segmentFlagNames, ...sourceFlagNames],
    ['json', 'jsonl'],
  );
  const source = sourceOptionsFromArgs(args);
  const segmentOptions = segmentOptionsFromArgs(args);
  const kl = stringFlag(args, 'kl') ?? defaultAttributionOptions.kl;
  if (kl !== 'k1' && kl !== 'k2' && kl !== 'k3') throw new UsageError(`--kl expects k1, k2 or k3, got "${kl}"`);
  const klModeFlag = stringFlag(args, 'kl-mode');
  if (klModeFlag !== undefined && klModeFlag !== 'loss' && klModeFlag !== 'reward')
    throw new UsageError(`--kl-mode expects loss or reward, got "${klModeFlag}"`);
  const objective = stringFlag(args, 'objective');
  if (objective !== undefined && !(OBJECTIVES as readonly string[]).includes(objective))
    throw new UsageError(`--objective expects ${OBJECTIVES.join(', ')}, got "${objective}"`);
  const objectiveName = objective as ObjectiveName | undefined;
  const gamma = numberFlag(args, 'gamma', defaultAttributionOptions.gamma);
  if (gamma < 0 || gamma > 1) throw new UsageError('--gamma must be in [0, 1]');
  if (args.flags.has('json') && args.flags.has('jsonl')) throw new UsageError('choose one of --json, --jsonl');
  const format: Format = args.flags.has('json') ? 'json' : args.flags.has('jsonl') ? 'jsonl' : 'table';
  const example = stringFlag(args, 'example');

  if (example !== undefined) {
    if (example !== 'appendix-c') throw new UsageError(`unknown example "${example}" (known: appendix-c)`);
    if (args.positionals.length > 0) throw new UsageError('give either FILE... or --example, not both');
    if (args.flags.has('eps'))
      process.stderr.write('reflection-lens attribution: --eps is not used by the example (its log ratios come from the logits)\n');
    const beta = numberFlag(args, 'beta', 1);
    checkRange('--beta', beta, MAX_BETA);
    const klMode: KlMode = klModeFlag ?? 'reward';
    const a = attributeAppendixC({ beta, gamma, kl, klMode });
    const o =
      objectiveName &&
      objectiveJson(
        attributeObjective(
          objectiveName,
          threeLogitSteps(appendixC.outcomes, appendixC.logits, appendixC.reference, {
            correct: appendixC.tokens,
            wrong: appendixC.tokens,
          }),
          {
            advantage: appendixC.advantage,
            beta,
            gamma,
            kl,
            klMode,
            eps: defaultAttributionOptions.eps,
          },
        ),
      );
    const trace = toJson(a, { id: 'appendix-c' }, o);
    if (format === 'json')
      await writeOut(
        JSON.stringify({ options: { beta, gamma, kl, klMode, ...(o ? { objective: o.name } : {}) }, traces: [trace] }, null, 2) + '\n',
      );
    else if (format === 'jsonl') await writeOut(JSON.stringify(trace) + '\n');
    else await writeOut(renderExample(a, { beta, gamma, kl, klMode }, o));
    return 0;
  }

  if (args.positionals.length === 0) throw new UsageError('give at least one FILE, or --example appendix-c');
  const options: AttributionOptions = {
    beta: numberFlag(args, 'beta', defaultAttributionOptions.beta),
    eps: numberFlag(args, 'eps', defaultAttributionOptions.eps),
    gamma,
    kl,
    klMode: klModeFlag ?? defaultAttributionOptions.klMode,
  };
  checkRange('--beta', options.beta, MAX_BETA);
  checkRange('--eps', options.eps, MAX_EPS);

  // Output goes out trace by trace; what is held is the current rollout group and the
  // (bounded) lists of skipped records.
  const out = new TraceWriter(format, options, objectiveName);
  const skipped: Skipped[] = [];
  const progress = new ProgressLine('attribution');
  // A file given twice is read once, a device or socket not at all: listed with the skipped records.
  const { files, repeats, notRead } = inputFiles(args.positionals, false);
  for (const s of [...repeats, ...notRead]) {
    skipped.push(s);
    out.skipped(s);
  }
  let failed = notRead.length > 0;
  for (const file of files) {
    const malformed = new SkipList(file, 'malformed records or lines');
    const unanswered = new SkipList(file, 'records without a candidate answer');
    // GRPO advantages are relative to the other rollouts of the same prompt: a run of consecutive
    // records with the same model and group (rollouts of one prompt are adjacent in dumps).
    let group: SegmentedRecord[] = [];
    let badLogprobs = 0;
    const flush = async (): Promise<void> => {
      if (group.length === 0) return;
      const g = group;
      group = [];
      const adv = groupAdvantages(g.map((s) => outcomeReward(s.correct)));
      for (let i = 0; i < g.length; i++) {
        const s = g[i];
        if (s.steps.length === 0) {
          unanswered.add({ file, line: recordLine(s.record), reason: `record ${s.record.id}: no candidate answer, nothing to attribute` });
          continue;
        }
        // Log-probs the split cannot use are said (a bad-logprobs finding of the record) and the
        // trace says which KL it got: never a silent switch to the estimate.
        for (const d of s.diagnostics)
          if (d.code === 'bad-logprobs' && ++badLogprobs <= LISTED_SKIPPED)
            process.stderr.write(`${file}:${recordLine(s.record)}: warning: ${d.message} [bad-logprobs]\n`);
        const lp = alignLogProbs(s);
        const a = attributeSegmented(s, adv[i], options, lp);
        const o =
          objectiveName &&
          objectiveJson(attributeObjective(objectiveName, segmentedSteps(s, undefined, lp), { advantage: adv[i], ...options }));
        await out.trace(
          toJson(
            a,
            {
              file,
              line: recordLine(s.record),
              id: s.record.id,
              model: s.record.model,
              task: s.record.task,
              group: s.record.group,
              correct: s.correct,
              klFrom: lp ? 'log-probs' : 'estimate',
            },
            o,
          ),
        );
      }
    };
    let records = 0;
    let read = 0;
    let badHeaders = 0;
    // The log-prob sidecar import wrote beside a .trace, read in step with its records.
    const sidecar = /\.trace$/i.test(file)
      ? await SidecarReader.open(file, (p) => {
          if (++badLogprobs <= LISTED_SKIPPED)
            process.stderr.write(`${logprobSidecarPath(file)}:${p.line + 1}: warning: ${p.message} [bad-logprobs]\n`);
        })
      : undefined;
    try {
      const onDiagnostic = (d: TraceDiagnostic): void => {
        if (d.severity === 'error') malformed.add({ file, line: d.line + 1, reason: d.message });
        // Log-probs that cannot be used change what is computed (the estimate stands in): said on
        // stderr at their line and column, the first LISTED_SKIPPED per file, then a count.
        else if (d.code === 'bad-logprobs' && ++badLogprobs <= LISTED_SKIPPED) process.stderr.write(formatDiagnostic(file, d));
      };
      for await (const record of streamTraceFile(file, {
        onDiagnostic,
        source,
        onMapping: (m) => process.stderr.write(mappingLine(file, m)),
      })) {
        read++;
        await sidecar?.attach(record);
        // A malformed header value (`tokens: 12a`) is reported but does not skip the record: its
        // header is not used (the split falls back to characters), as in segment and the editor,
        // so the record stays in its group's statistics on every surface.
        for (const d of record.diagnostics)
          if (d.code === 'bad-header-value' && ++badHeaders <= LISTED_SKIPPED)
            process.stderr.write(`${file}:${recordLine(record)}: ${d.severity}: record ${record.id}: ${d.message} [bad-header-value]\n`);
        const errors = record.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'bad-header-value');
        if (errors.length > 0) {
          malformed.add({ file, line: recordLine(record), reason: `record ${record.id}: ${errors.map((d) => d.message).join('; ')}` });
          continue;
        }
        const last = group.at(-1)?.record;
        if (last && (last.model !== record.model || last.group !== record.group)) await flush();
        group.push(segmentRecord(record, segmentOptions));
        ++records;
        progress.update(`${file}: ${recordsText(records)}`);
      }
      await flush();
      await sidecar?.finish();
      // As segment and import: a file of which not one record could be read failed (an empty file did not).
      if (read === 0 && malformed.size > 0) failed = true;
    } catch (err) {
      failed = true;
      group = [];
      sidecar?.abort();
      malformed.add({ file, reason: err instanceof Error ? err.message : String(err) });
    }
    // The throttled line may stop short of the end (without a terminal it showed "1 records" of
    // 192): its last state is the file's final count.
    progress.done(`${file}: ${recordsText(records)}`);
    if (badHeaders > LISTED_SKIPPED)
      process.stderr.write(
        `${file}: ${badHeaders - LISTED_SKIPPED} more malformed header values (not used), not listed [bad-header-value]\n`,
      );
    if (badLogprobs > LISTED_SKIPPED)
      process.stderr.write(
        `${file}: ${badLogprobs - LISTED_SKIPPED} more lines with log-probs that are not used, not listed [bad-logprobs]\n`,
      );
    // Listed as the in-memory command did: the file's malformed input, then its unanswered records.
    for (const s of [...malformed.entries(), ...unanswered.entries()]) {
      skipped.push(s);
      out.skipped(s);
    }
  }
  progress.done();
  await out.end(skipped);
  return failed && out.count === 0 ? 1 : 0;
}

/** The first LISTED_SKIPPED entries of one kind, then a count. */
class SkipList {
  private readonly listed: Skipped[] = [];
  private more = 0;
  constructor(
    private readonly file: string,
    private readonly what: string,
  ) {}
  add(s: Skipped): void {
    if (this.listed.length < LISTED_SKIPPED) this.listed.push(s);
    else this.more++;
  }
  get size(): number {
    return this.listed.length + this.more;
  }
  entries(): Skipped[] {
    return this.more > 0
      ? [...this.listed, { file: this.file, reason: `${this.more} more ${this.what} skipped, not listed` }]
      : this.listed;
  }
}

const indent = (json: string, spaces: number): string => json.replace(/\n/g, '\n' + ' '.repeat(spaces));

/**
 * Writes traces as they come: --json the document `{options, traces, skipped}` exactly as
 * JSON.stringify(..., null, 2) would print it, --jsonl one trace per line (skipped records on
 * stderr), else the table.
 */
class TraceWriter {
  count = 0;
  constructor(
    private readonly format: Format,
    private readonly options: AttributionOptions,
    private readonly objective?: ObjectiveName,
  ) {}

  private async begin(): Promise<void> {
    const printed = this.objective ? { ...this.options, objective: this.objective } : this.options;
    if (this.format === 'json') await writeOut(`{\n  "options": ${indent(JSON.stringify(printed, null, 2), 2)},\n  "traces": [`);
    else if (this.format === 'table') {
      const o = this.options;
      const head = `${'trace'.padEnd(28)}${'steps'.padStart(6)}${'A'.padStart(9)}${'drag samp.'.padStart(12)}${'drag dec.'.padStart(12)}${'KL ratio'.padStart(10)}${'surr. ratio'.padStart(12)}${'KL'.padStart(4)}`;
      await writeOut(
        [
          `beta=${o.beta}  eps=${o.eps}  gamma=${o.gamma}  kl=${o.kl}  kl-mode=${o.klMode}${this.objective ? `  objective=${this.objective}` : ''}`,
          '',
          this.objective ? `${head}${'obj. samp.'.padStart(12)}${'obj. dec.'.padStart(12)}${'obj. ratio'.padStart(11)}` : head,
          '',
        ].join('\n'),
      );
    }
  }
  private started = false;

  async trace(t: JsonTrace): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.begin();
    }
    if (this.format === 'json') await writeOut(`${this.count === 0 ? '\n' : ',\n'}    ${indent(JSON.stringify(t, null, 2), 4)}`);
    else if (this.format === 'jsonl') await writeOut(JSON.stringify(t) + '\n');
    else await writeOut(tableRow(t) + '\n');
    this.count++;
  }

  /** A skipped record: on stderr at once for --jsonl; the others list them at the end. */
  skipped(s: Skipped): void {
    if (this.format === 'jsonl') process.stderr.write(`${s.file}${s.line !== undefined ? `:${s.line}` : ''}: ${s.reason}\n`);
  }

  async end(skipped: Skipped[]): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.begin();
    }
    if (this.format === 'json')
      await writeOut(`${this.count === 0 ? ']' : '\n  ]'},\n  "skipped": ${indent(JSON.stringify(skipped, null, 2), 2)}\n}\n`);
    else if (this.format === 'table') {
      const out: string[] = [];
      if (skipped.length > 0) {
        out.push('', `skipped (${skipped.length}):`);
        for (const s of skipped) out.push(`  ${s.file}${s.line !== undefined ? `:${s.line}` : ''}: ${s.reason}`);
      }
      out.push('');
      await writeOut(out.join('\n'));
    }
  }
}

/** 1-based line in the user's file: the `===` line, or the JSON line a JSONL record came from. */
export function recordLine(r: TraceRecord): number {
  return (r.sourceLine ?? r.startLine) + 1;
}

/**
 * What a ratio JSON prints as null is: `infinite` (x/0 with x > 0: all the drag on one side) or
 * `undefined` (0/0: no drag at all); absent for a finite ratio (docs/design.md section 8).
 */
export const ratioNote = (x: number): { [k: string]: 'infinite' | 'undefined' } | undefined =>
  Number.isFinite(x) ? undefined : Number.isNaN(x) ? { note: 'undefined' } : { note: 'infinite' };

/** `{[name]: v}` plus `{[name + "Is"]: "infinite" | "undefined"}` when v prints as null. */
function ratioFields(name: string, v: number): Record<string, unknown> {
  const n = ratioNote(v);
  return n ? { [name]: v, [`${name}Is`]: n.note } : { [name]: v };
}

function toJson(a: TraceAttribution, head: Record<string, unknown>, objective?: JsonObjective): JsonTrace {
  const { parameters, ratio, surrogateRatio, ...rest } = a;
  return {
    ...head,
    ...rest,
    ...ratioFields('ratio', ratio),
    ...ratioFields('surrogateRatio', surrogateRatio),
    ...(parameters ?? {}),
    ...(objective ? { objective } : {}),
  } as JsonTrace;
}

function objectiveJson(o: ObjectiveAttribution): JsonObjective {
  const { objective, ...rest } = o;
  const out: JsonObjective = { name: objective, ...rest };
  const n = o.available ? ratioNote(o.ratio) : undefined;
  return n ? ({ ...out, ratioIs: n.note } as JsonObjective) : out;
}

const sgn = (x: number): string => (Number.isFinite(x) ? (x >= 0 ? '+' : '') + x.toFixed(4) : String(x));
const ratio = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : x > 0 ? 'inf' : 'n/a');

function renderExample(
  a: TraceAttribution,
  o: { beta: number; gamma: number; kl: KlEstimator; klMode: KlMode },
  objective?: JsonObjective,
): string {
  const labels = ['Sample W', 'RESAMPLE', 'Sample C', 'STOP'];
  const obj = objective?.available ? objective : undefined;
  const out = [
    `Appendix C: Sample W, RESAMPLE, Sample C, STOP  (beta=${o.beta}, gamma=${o.gamma}, kl=${o.kl}, KL ${o.klMode === 'loss' ? 'as a loss' : 'in the reward'}, A=${appendixC.advantage}, L=${appendixC.tokens})`,
    '',
    `${'step'.padEnd(6)}${'action'.padEnd(10)}${'r (KL)'.padStart(10)}${'Q (KL)'.padStart(10)}${'pathwise'.padStart(10)}${'Q (surr.)'.padStart(11)}${'contrib.'.padStart(10)}${obj ? `${obj.name} contrib.`.padStart(18) : ''}`,
  ];
  a.steps.forEach((s, i) =>
    out.push(
      `${String(Math.floor(i / 2) + 1).padEnd(6)}${labels[i].padEnd(10)}${sgn(s.r).padStart(10)}${sgn(s.q).padStart(10)}${sgn(s.pathwise).padStart(10)}${sgn(s.qSurrogate).padStart(11)}${sgn(s.contribution).padStart(10)}${obj ? sgn(obj.steps[i].contribution).padStart(18) : ''}`,
    ),
  );
  if (a.parameters) {
    out.push('', `${'parameter'.padEnd(16)}${'push'.padStart(10)}${'drag'.padStart(10)}${'net'.padStart(10)}`);
    for (const [name, g] of [
      ['theta_s', a.parameters.theta_s],
      ['theta_resample', a.parameters.theta_resample],
      ['theta_stop', a.parameters.theta_stop],
    ] as const) {
      out.push(`${name.padEnd(16)}${sgn(g.push).padStart(10)}${sgn(g.drag).padStart(10)}${sgn(g.net).padStart(10)}`);
    }
  }
  out.push('', `KL attribution ratio |drag sampling| / |drag decisions| = ${ratio(a.ratio)}; surrogate ratio = ${ratio(a.surrogateRatio)}`);
  if (objective) out.push(objectiveLine(objective));
  out.push('');
  return out.join('\n');
}

/** One line: the objective's sampling and decision sums, ratio and verdict, or why it is unavailable. */
function objectiveLine(o: JsonObjective): string {
  if (!o.available) return `objective ${o.name}: not available (${o.reason ?? 'unknown reason'})`;
  return `objective ${o.name}: sampling ${sgn(o.sampling)}, decisions ${sgn(o.decision)}, ratio ${ratio(o.ratio)}, ${o.attribution}`;
}

const exp = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));

function tableRow(t: JsonTrace): string {
  const name = `${t.file}:${t.line} #${t.id}`;
  const row = `${name.length > 27 ? '…' + name.slice(-26) : name.padEnd(28)}${String(t.steps.length / 2).padStart(6)}${sgn(t.advantage).padStart(9)}${t.drag.sampling.toExponential(2).padStart(12)}${t.drag.decision.toExponential(2).padStart(12)}${ratio(t.ratio).padStart(10)}${ratio(t.surrogateRatio).padStart(12)}${(t.klFrom === 'log-probs' ? 'lp' : 'est').padStart(4)}`;
  const o = t.objective as JsonObjective | undefined;
  if (!o) return row;
  if (!o.available)
    return `${row}${'n/a'.padStart(12)}${'n/a'.padStart(12)}${'n/a'.padStart(11)}\n    ${o.name}: not available (${o.reason ?? 'unknown reason'})`;
  // The per-step contributions on a line of their own: sample, decision, sample, ..., STOP.
  const steps = o.steps.map((s) => `${s.action === 'sample' ? 'S' : s.action === 'STOP' ? 'STOP' : 'R'} ${exp(s.contribution)}`).join('  ');
  return `${row}${exp(o.sampling).padStart(12)}${exp(o.decision).padStart(12)}${ratio(o.ratio).padStart(11)}\n    ${o.name} per step: ${steps}  (${o.attribution})`;
}

/** A float flag outside [0, max] is refused (1e308 overflowed to Infinity, printed as null in JSON). */
function checkRange(flag: string, v: number, max: number): void {
  if (!(v >= 0 && v <= max)) throw new UsageError(`${flag} must be a number from 0 to ${max}, got ${v}`);
}
