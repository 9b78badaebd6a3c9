// `reflection-lens attribution`: per-step KL Q-values, surrogate Q-values and gradient
// contributions of traces (docs/design.md sections 5 and 8), or the paper's Appendix C example.
import { attributeAppendixC, attributeSegmented, appendixC, defaultAttributionOptions } from '../analysis/attribution.js';
import { groupAdvantages, outcomeReward } from '../analysis/grpo.js';
import type { AttributionOptions, KlEstimator, TraceAttribution } from '../analysis/types.js';
import { segmentRecord } from '../trace/segment.js';
import { streamTraceFile } from '../trace/stream.js';
import type { SegmentedRecord, TraceDiagnostic, TraceRecord } from '../trace/types.js';
import { numberFlag, parseArgs, stringFlag, UsageError } from './args.js';
import { segmentFlagNames, segmentFlagsUsage, segmentOptionsFromArgs } from './segmentFlags.js';
import { writeOut } from './output.js';
import { ProgressLine } from './progress.js';

/** Skipped records listed per file and kind (malformed; no candidate answer); the rest are counted in one entry. */
export const LISTED_SKIPPED = 100;

export const summary = 'KL vs surrogate gradient attribution per trace (or the paper\'s Appendix C example)';
export const usage = `reflection-lens attribution FILE... [options]
reflection-lens attribution --example appendix-c [options]

For every trace: the immediate KL penalty r of each action, its KL Q-value (Theorem 3.2), the
GRPO surrogate Q-value gamma^(T-t)*A (Theorem 3.1, A from the trace's rollout group), the
gradient contribution Q x d log pi/d theta, and the attribution ratio
|KL drag on sampling| / |KL drag on decisions| beside the surrogate's ratio.
Without per-token log-probs each token is assumed to diverge by --eps (a decision is one token),
and every action's score d log pi/d theta is taken as 1 (no model of the policy is assumed).

Options:
  --example appendix-c  the paper's worked example (three-logit policy, beta=1, L=7.8, A=0.5),
                        with the per-parameter push/drag/net table
  --beta B              KL coefficient (default ${defaultAttributionOptions.beta}; the example: 1)
  --eps E               per-token log(pi/pi_ref) when a trace has no log-probs (default ${defaultAttributionOptions.eps})
  --gamma G             discount (default ${defaultAttributionOptions.gamma})
  --kl k1|k2|k3         KL estimator (k3 = verl low_var_kl; default k1)
  --json                {options, traces, skipped} on stdout
  --jsonl               one trace per line on stdout (skipped records on stderr)
${segmentFlagsUsage}
FILE may be - (standard input) or a pipe. A rollout group (for the advantage A) is a run of
consecutive records with the same model and group (prompt), as rollout dumps write them.
Output is streamed trace by trace, so a corpus of any size runs in bounded memory; skipped
records are listed (the first ${LISTED_SKIPPED} per file and kind, then counted).
`;

type JsonTrace = Omit<TraceAttribution, 'parameters'> & Record<string, unknown>;
interface Skipped { file: string; line?: number; reason: string }
type Format = 'json' | 'jsonl' | 'table';


export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['example', 'beta', 'eps', 'gamma', 'kl', ...segmentFlagNames], ['json', 'jsonl']);
  const segmentOptions = segmentOptionsFromArgs(args);
  const kl = stringFlag(args, 'kl') ?? defaultAttributionOptions.kl;
  if (kl !== 'k1' && kl !== 'k2' && kl !== 'k3') throw new UsageError(`--kl expects k1, k2 or k3, got "${kl}"`);
  const gamma = numberFlag(args, 'gamma', defaultAttributionOptions.gamma);
  if (gamma < 0 || gamma > 1) throw new UsageError('--gamma must be in [0, 1]');
  if (args.flags.has('json') && args.flags.has('jsonl')) throw new UsageError('choose one of --json, --jsonl');
  const format: Format = args.flags.has('json') ? 'json' : args.flags.has('jsonl') ? 'jsonl' : 'table';
  const example = stringFlag(args, 'example');

  if (example !== undefined) {
    if (example !== 'appendix-c') throw new UsageError(`unknown example "${example}" (known: appendix-c)`);
    if (args.positionals.length > 0) throw new UsageError('give either FILE... or --example, not both');
    if (args.flags.has('eps')) process.stderr.write('reflection-lens attribution: --eps is not used by the example (its log ratios come from the logits)\n');
    const beta = numberFlag(args, 'beta', 1);
    const a = attributeAppendixC({ beta, gamma, kl });
    if (format === 'json') await writeOut(JSON.stringify({ traces: [toJson(a, { id: 'appendix-c' })] }, null, 2) + '\n');
    else if (format === 'jsonl') await writeOut(JSON.stringify(toJson(a, { id: 'appendix-c' })) + '\n');
    else await writeOut(renderExample(a, beta, gamma, kl));
    return 0;
  }

  if (args.positionals.length === 0) throw new UsageError('give at least one FILE, or --example appendix-c');
  const options: AttributionOptions = { beta: numberFlag(args, 'beta', defaultAttributionOptions.beta), eps: numberFlag(args, 'eps', defaultAttributionOptions.eps), gamma, kl };
  if (options.beta < 0 || options.eps < 0) throw new UsageError('--beta and --eps must be non-negative');

  // Output goes out trace by trace; what is held is the current rollout group and the
  // (bounded) lists of skipped records.
  const out = new TraceWriter(format, options);
  const skipped: Skipped[] = [];
  const progress = new ProgressLine('attribution');
  let failed = false;
  for (const file of args.positionals) {
    const malformed = new SkipList(file, 'malformed records or lines');
    const unanswered = new SkipList(file, 'records without a candidate answer');
    // GRPO advantages are relative to the other rollouts of the same prompt: a run of consecutive
    // records with the same model and group (rollouts of one prompt are adjacent in dumps).
    let group: SegmentedRecord[] = [];
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
        const a = attributeSegmented(s, adv[i], options);
        await out.trace(toJson(a, { file, line: recordLine(s.record), id: s.record.id, model: s.record.model, task: s.record.task, group: s.record.group, correct: s.correct }));
      }
    };
    let records = 0;
    try {
      const onDiagnostic = (d: TraceDiagnostic): void => {
        if (d.severity === 'error') malformed.add({ file, line: d.line + 1, reason: d.message });
      };
      for await (const record of streamTraceFile(file, { onDiagnostic })) {
        const errors = record.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) {
          malformed.add({ file, line: recordLine(record), reason: `record ${record.id}: ${errors.map((d) => d.message).join('; ')}` });
          continue;
        }
        const last = group.at(-1)?.record;
        if (last && (last.model !== record.model || last.group !== record.group)) await flush();
        group.push(segmentRecord(record, segmentOptions));
        progress.update(`${file}: ${++records} records`);
      }
      await flush();
    } catch (err) {
      failed = true;
      group = [];
      malformed.add({ file, reason: err instanceof Error ? err.message : String(err) });
    }
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
  constructor(private readonly file: string, private readonly what: string) {}
  add(s: Skipped): void {
    if (this.listed.length < LISTED_SKIPPED) this.listed.push(s);
    else this.more++;
  }
  entries(): Skipped[] {
    return this.more > 0 ? [...this.listed, { file: this.file, reason: `${this.more} more ${this.what} skipped, not listed` }] : this.listed;
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
  constructor(private readonly format: Format, private readonly options: AttributionOptions) {}

  private async begin(): Promise<void> {
    if (this.format === 'json') await writeOut(`{\n  "options": ${indent(JSON.stringify(this.options, null, 2), 2)},\n  "traces": [`);
    else if (this.format === 'table') {
      const o = this.options;
      await writeOut([`beta=${o.beta}  eps=${o.eps}  gamma=${o.gamma}  kl=${o.kl}`, '', `${'trace'.padEnd(28)}${'steps'.padStart(6)}${'A'.padStart(9)}${'drag samp.'.padStart(12)}${'drag dec.'.padStart(12)}${'KL ratio'.padStart(10)}${'surr. ratio'.padStart(12)}`, ''].join('\n'));
    }
  }
  private started = false;

  async trace(t: JsonTrace): Promise<void> {
    if (!this.started) { this.started = true; await this.begin(); }
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
    if (!this.started) { this.started = true; await this.begin(); }
    if (this.format === 'json') await writeOut(`${this.count === 0 ? ']' : '\n  ]'},\n  "skipped": ${indent(JSON.stringify(skipped, null, 2), 2)}\n}\n`);
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

function toJson(a: TraceAttribution, head: Record<string, unknown>): JsonTrace {
  const { parameters, ...rest } = a;
  return { ...head, ...rest, ...(parameters ?? {}) };
}

const sgn = (x: number): string => (Number.isFinite(x) ? (x >= 0 ? '+' : '') + x.toFixed(4) : String(x));
const ratio = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : x > 0 ? 'inf' : 'n/a');

function renderExample(a: TraceAttribution, beta: number, gamma: number, kl: KlEstimator): string {
  const labels = ['Sample W', 'RESAMPLE', 'Sample C', 'STOP'];
  const out = [
    `Appendix C: Sample W, RESAMPLE, Sample C, STOP  (beta=${beta}, gamma=${gamma}, kl=${kl}, A=${appendixC.advantage}, L=${appendixC.tokens})`,
    '',
    `${'step'.padEnd(6)}${'action'.padEnd(10)}${'r (KL)'.padStart(10)}${'Q (KL)'.padStart(10)}${'Q (surr.)'.padStart(11)}${'contrib.'.padStart(10)}`,
  ];
  a.steps.forEach((s, i) => out.push(`${String(Math.floor(i / 2) + 1).padEnd(6)}${labels[i].padEnd(10)}${sgn(s.r).padStart(10)}${sgn(s.q).padStart(10)}${sgn(s.qSurrogate).padStart(11)}${sgn(s.contribution).padStart(10)}`));
  if (a.parameters) {
    out.push('', `${'parameter'.padEnd(16)}${'push'.padStart(10)}${'drag'.padStart(10)}${'net'.padStart(10)}`);
    for (const [name, g] of [['theta_s', a.parameters.theta_s], ['theta_resample', a.parameters.theta_resample], ['theta_stop', a.parameters.theta_stop]] as const) {
      out.push(`${name.padEnd(16)}${sgn(g.push).padStart(10)}${sgn(g.drag).padStart(10)}${sgn(g.net).padStart(10)}`);
    }
  }
  out.push('', `KL attribution ratio |drag sampling| / |drag decisions| = ${ratio(a.ratio)}; surrogate ratio = ${ratio(a.surrogateRatio)}`, '');
  return out.join('\n');
}

function tableRow(t: JsonTrace): string {
  const name = `${t.file}:${t.line} #${t.id}`;
  return `${name.length > 27 ? '…' + name.slice(-26) : name.padEnd(28)}${String(t.steps.length / 2).padStart(6)}${sgn(t.advantage).padStart(9)}${t.drag.sampling.toExponential(2).padStart(12)}${t.drag.decision.toExponential(2).padStart(12)}${ratio(t.ratio).padStart(10)}${ratio(t.surrogateRatio).padStart(12)}`;
}
