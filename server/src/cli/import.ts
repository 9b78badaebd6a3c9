// `reflection-lens import FILE -o OUT.trace`: JSONL rollouts (verl rollout dumps, evaluation
// outputs), Parquet datasets, chat transcripts, lm-eval samples, Inspect logs and completion dumps
// (trace/formats) written as a `.trace` file, streamed, with per-token log-probs in a sidecar
// `OUT.trace.logprobs.jsonl` when the rollouts carry them. Outputs appear atomically (temp files,
// renamed into place together only when the run succeeded), so a failed or interrupted import
// leaves an existing OUT as it was; a symlinked OUT is written through to its target; the input
// (also through a symlink or hard link) is never overwritten. A pipe, FIFO or device OUT
// (-o /dev/stdout) is written directly: there is nothing to rename over.
import { existsSync, statSync } from 'node:fs';
import { parseArgs, stringFlag, UsageError } from '../util/args.js';
import { ProgressLine } from './progress.js';
import { formatRecord } from '../trace/format.js';
import { headerValueProblem, headerValueSeverity, UnknownFinishReasons } from '../trace/headerValues.js';
import { jsonlRecordToTrace, type JsonlRecord } from '../trace/jsonl.js';
import { segmentRecord } from '../trace/segment.js';
import { logprobsProblem } from '../trace/tokenSplit.js';
import type { SegmentOptions, TraceDiagnostic } from '../trace/types.js';
import { segmentFlagNames, segmentFlagsUsage, segmentOptionsFromArgs } from './segmentFlags.js';
import { STDIN, streamJsonlRecords } from '../trace/stream.js';
import { formatDiagnostic } from './segment.js';
import {
  LISTED_DIAGNOSTICS,
  containerUnit,
  countOf,
  ListedDiagnostics,
  mappingLine,
  sourceFlagNames,
  sourceFlagsUsage,
  sourceOptionsFromArgs,
} from './sourceFlags.js';
import { AtomicFile, DirectFile, OutputPathError, checkOutputs, streamOutputKind } from '../util/atomicWrite.js';
import { inputFiles } from './inputs.js';

export const summary = 'convert JSONL rollouts, Parquet datasets, chat/eval logs and API dumps to a .trace file';
export const usage = `Usage: reflection-lens import FILE -o OUT.trace [--format NAME] [--map key=path,...] [--json]

FILE is one of (README "What it reads"):
  .jsonl rollouts    verl dumps, evaluation outputs: the fields of each line are detected
                     (prompt: input|prompt|question|problem|query|instruction; response:
                     output|response|completion|code[]|responses[]|prediction|generated_answer,
                     one record per response; ground truth: gts|gt|answer|ground_truth|label|
                     solution|target; each name only where no earlier one is there; never the
                     response's own field as prompt or answer); score, step, pred and other
                     short fields are kept as headers; score[i] of booleans (Qwen2.5-Math eval)
                     and passed (human-eval) are the source verdict, task_id the group; a
                     harness's generic file name (test_..._seed0_t0.0_s0_e-1.jsonl) takes model
                     and task from its folders, as do evalscope's and OpenCompass's
                     predictions|reviews|results/<model>/<benchmark>.jsonl, llama-stack-evals'
                     <model>/<YYYYMMDD-HHMM-run>/<benchmark>.json and a generic name
                     (results.parquet: model <- its folder)
  .parquet           Hugging Face datasets in Parquet: OpenR1-Math-220k's schema (one record per
                     generation), or any of the schemas below, read row group by row group
  chat               messages or conversations of {role|from, content|value}, as JSONL, a
                     JSON list or Parquet (OpenThoughts, Mixture-of-Thoughts)
  lm-eval            samples_<task>_<date>.jsonl of lm-evaluation-harness
  .eval / .json      Inspect AI logs (archives are read entry by entry); a .json list of rows
                     (ids: the element's number) or an object keyed by id ({"1": {...}, ...}:
                     each value a row, its key the id)
  OpenAI             chat completions (vLLM dumps, batch API output): choices[].message
  fastchat           FastChat / LiveBench model answers: choices[0].turns[], one record per
                     turn (id <- question_id, model <- model_id)
  llama-stack-evals  its result files <model>/<run>/<benchmark>.json ({"result_data": [...],
                     "metrics", "topline_metric_name"}): each row of result_data a record
                     (prompt <- input_query, response <- generation, answer <- expected_answer,
                     source verdict <- score; id <- the row's number)
A flat row's generator and dataset (ZeroEval) are its model and task; a reference "# 18" or a
worked solution ending in a line "A: 18" is the answer 18; its options (else choices), a list of
strings or numbers beside the question, are appended to it as "A) ..." lines unless it shows each
option's text under its letter (an option index as the answer is its letter, options of text);
options whose text holds a label-like letter ("PD (A, I, J)") as "(A) ..." lines, and a query
holding such a letter inside a line is written with two blanks before each label that opened a
line, so the letter inside is not read as a label.
For every format but flat JSONL rollouts (those only when a verdict, task_id or folder applies)
the field mapping is detected from the first row and printed on stderr (e.g. "prompt <- problem,
response <- generations[i], answer <- answer, source verdict <- correctness_math_verify[i],
truncated <- finish_reasons[i] == "length""); --format and --map change it. Options are read row
by row: where rows took theirs from another field or none, a line after the file says how many
from each ("options row by row ...: options on 2 elements, none on 1 element (element 2)"). The
source's own verdict is kept as a "source_verdict" header (calibrate compares it with the
engine's). Per-token logprobs/ref_logprobs of JSONL rollouts go to OUT.trace.logprobs.jsonl.
Broken lines, rows and
entries are reported with their position (the first 100 of each kind, then a count; a shape problem
every row has is listed once, its other lines or rows counted); the rest is imported. A --map
path that matches nothing in any row is an unmatched-path warning; a mapped field of the wrong
type (a ground truth that is an object or a list of different values, options that are no list:
a string, an object, an empty list, in flat rows too; a prompt that is no text) is a warning at
its line and column, the record read without it; options the engine would read as another list
(a label inside an option, more than ten) are an options-misread warning there; a NaN or Infinity
(Python's json.dump) is read as missing, with a warning there.
FILE may be - (standard input) or a pipe (a Parquet file or .eval archive so is told by its magic
bytes and held in memory, up to 1 GiB); a device or socket (/dev/zero) is not read (exit 1).
Exit status: 0 when the file was read, 1 when it could not be or not one record could be read
from it (OUT is then not written), 2 on bad usage.

  -o, --out FILE          the .trace file to write (required; never the input file); a pipe,
                          FIFO or device (-o /dev/stdout) is written directly, not replaced,
                          and gets no log-prob sidecar (said on stderr)
  --json                  print {records, out, sidecar, diagnostics, mapping, messages} on
                          stdout (diagnostics: how many; messages: the first 100, {line,
                          column, severity, code, message}; mapping: {format, container,
                          description} or null); on exit 1 too, with out null and error
${sourceFlagsUsage}
The reading flags below (as attribution takes them) decide only which log-probs go to the sidecar:
a record's log-probs need a sample and a decision token per attempt (2T), and T is counted by the
reader given here, so give import the --markers, --answer-patterns and --reader that attribution
will get (the records themselves are written as they are).
${segmentFlagsUsage}`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['out', ...sourceFlagNames, ...segmentFlagNames], ['json']);
  const source = sourceOptionsFromArgs(args);
  // The reader attribution will use: it counts the attempts of the log-probs' 2T check.
  const segmentOptions = segmentOptionsFromArgs(args);
  const [input, ...rest] = args.positionals;
  const out = stringFlag(args, 'out');
  if (!input || rest.length > 0) throw new UsageError('expected exactly one input FILE');
  if (!out) throw new UsageError('expected -o OUT.trace');
  // A pipe, FIFO or device (-o /dev/stdout into a pipe) cannot be replaced by a rename: written directly.
  const direct = streamOutputKind(out);
  if (direct?.startsWith('standard output') && args.flags.has('json'))
    throw new UsageError(`-o ${out} is standard output, where --json prints its result too: choose one`);
  const sidecarPath = `${out}.logprobs.jsonl`;
  // What --json carries besides the counts: the mapping chosen and the first diagnostics, as stderr lists them.
  let mapping: { format: string; container: string; description: string } | null = null;
  const messages: { line: number; column: number; severity: string; code: string; message: string }[] = [];
  // Exit 1 under --json still answers on stdout: what was read, and why nothing was written.
  const failed = (error: string, records = 0, diagnostics = 0): number => {
    if (args.flags.has('json'))
      process.stdout.write(`${JSON.stringify({ records, out: null, sidecar: null, diagnostics, error, mapping, messages })}\n`);
    return 1;
  };
  try {
    checkOutputs(
      [
        { what: '-o', path: out, onlyIfWritten: direct !== undefined },
        ...(direct ? [] : [{ what: "-o's log-prob sidecar", path: sidecarPath, onlyIfWritten: true }]),
      ],
      [input],
    );
  } catch (err) {
    if (!(err instanceof OutputPathError)) throw err;
    process.stderr.write(`reflection-lens import: ${err.message}\n`);
    return failed(err.message);
  }
  // A device or socket (/dev/zero: endless) is not read, with the reason (the check every command shares).
  if (inputFiles([input]).notRead.length > 0) {
    process.stderr.write(`reflection-lens import: ${out} not written\n`);
    return 1;
  }
  try {
    // `-` is standard input; a pipe or FIFO is read to its end like a file.
    if (input !== STDIN && statSync(input).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (err) {
    const message = `${input}: cannot read: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`${message}\n`);
    return failed(message);
  }

  let trace: AtomicFile | DirectFile | undefined;
  let sidecar: AtomicFile | undefined;
  // Records whose log-probs have no sidecar to go to (a direct output has no file beside it).
  let logprobsDropped = 0;
  const progress = new ProgressLine(`import ${input}`);
  let records = 0;
  const unknownFinish = new UnknownFinishReasons();
  // The mapping reads truncated as finish_reason == "length" (a preset's default): an unknown
  // reason is then still read as complete, and said.
  let finishDecides = false;
  // Broken lines are listed up to a bound per kind (a corrupt file can hold millions); the rest are counted.
  const listed = new ListedDiagnostics(input, (d) => formatDiagnostic(input, d));
  const unlisted = (): void => {
    process.stderr.write(listed.unlistedLine());
  };
  /** A diagnostic on stderr (bounded per kind) and, the first LISTED_DIAGNOSTICS of them, in --json. */
  const report = (d: TraceDiagnostic): void => {
    if (messages.length < LISTED_DIAGNOSTICS)
      messages.push({ line: d.line + 1, column: d.column + 1, severity: d.severity, code: d.code, message: d.message });
    process.stderr.write(listed.line(d));
  };
  const fail = (message: string): number => {
    trace?.abort();
    sidecar?.abort();
    progress.done();
    unlisted();
    const state = direct
      ? trace instanceof DirectFile && trace.written
        ? `${records} records had already gone to ${out} (${direct}: written directly, not replaced)`
        : `nothing written to ${out}`
      : existsSync(out)
        ? `${out} left unchanged`
        : `${out} not written`;
    process.stderr.write(`reflection-lens import: ${message}; ${state}\n`);
    return failed(message, records, listed.reported);
  };
  try {
    trace = direct ? new DirectFile(out) : new AtomicFile(out);
    for await (const r of streamJsonlRecords(input, {
      source,
      onMapping: (m) => {
        mapping = { format: m.format, container: m.container, description: m.description };
        const eq = m.mapping.truncated?.equals;
        finishDecides = eq !== undefined && eq.length === 1 && eq[0] === 'length';
        process.stderr.write(mappingLine(input, m));
      },
      // The mapping is the first row's: where later rows' options came from, when it differs (stop 41).
      onMappingNote: (note) => {
        if (mapping) mapping.description += `; ${note}`;
        process.stderr.write(`${input}: ${note}\n`);
      },
      onDiagnostic: report,
      // A Parquet file through a pipe or `-` (its magic bytes, not its name) has rows (stop 40: "lines").
      onContainer: (c) => {
        listed.unit = containerUnit(c);
      },
      onProgress: (done, total) => {
        if (total > 32 << 20) progress.update(`${(done / 1e6).toFixed(0)} / ${(total / 1e6).toFixed(0)} MB, ${records} records`);
      },
    })) {
      // A header value the engine cannot read (tokens: 1e400, truncated: maybe) is written as the
      // source has it, and said here: the .trace file reports it as an error where it is read.
      for (const key of ['tokens', 'truncated', 'step', 'forced_stop']) {
        const v = r.headers[key as keyof typeof r.headers];
        const problem = v === undefined || v === null ? undefined : headerValueProblem(key, String(v), r.body.length);
        if (!problem) continue;
        const column = r.fieldColumns?.[key] ?? 0;
        const line = r.fieldLines?.[key] ?? r.sourceLine;
        const name = r.fieldNames?.[key] !== undefined ? `${r.fieldNames[key]}: ` : '';
        const d: TraceDiagnostic = {
          line,
          column,
          endLine: line,
          endColumn: column + 1,
          severity: 'warning',
          code: 'bad-header-value',
          message:
            headerValueSeverity(key) === 'error'
              ? `record ${r.id}: ${name}${problem.replace(/; it is not used\.$/, '')}; written as is (calibrate leaves the record out; segment, attribution and the editor do not use the header).`
              : `record ${r.id}: ${name}${problem.replace(/\.$/, '')}; written as is.`,
        };
        report(d);
      }
      // A finish_reason the engine does not know (max_tokens, MAX_TOKENS, ...) is not read as cut
      // off (only "length" is): said once per file, at its first row, with a count; not where the
      // record says itself whether it is cut off (a truncated field, or --map truncated=... other
      // than the presets' finish_reason == "length").
      unknownFinish.note(
        r.headers,
        finishDecides,
        r.fieldLines?.finish_reason ?? r.sourceLine,
        r.fieldColumns?.finish_reason ?? 0,
        r.fieldNames?.finish_reason,
      );
      await trace.write(formatRecord(r));
      const unusable = (r.logprobs || r.refLogprobs) && !direct ? unusableLogprobs(r, segmentOptions) : undefined;
      if (unusable) {
        // Log-probs attribution could not use (one list alone, fewer tokens than a sample and a
        // decision token per attempt) are left out of the sidecar, and said, as the reader's.
        // At the log-probs field where the row is JSON text; column 1 of the row otherwise.
        const column = r.fieldColumns?.logprobs ?? 0;
        const d: TraceDiagnostic = {
          line: r.sourceLine,
          column,
          endLine: r.sourceLine,
          endColumn: column + 1,
          severity: 'warning',
          code: 'bad-logprobs',
          message: `record ${r.id}: ${unusable}; its log-probs are not written to the log-prob sidecar: attribution estimates its KL terms (--eps per token), as for a response without them.`,
        };
        report(d);
      } else if ((r.logprobs || r.refLogprobs) && direct) logprobsDropped++;
      else if (r.logprobs || r.refLogprobs) {
        sidecar ??= new AtomicFile(sidecarPath);
        await sidecar.write(`${JSON.stringify({ id: String(r.id), logprobs: r.logprobs ?? null, ref_logprobs: r.refLogprobs ?? null })}\n`);
      }
      records++;
    }
    const finishWarning = unknownFinish.diagnostic('; written as is');
    if (finishWarning) report(finishWarning);
    // Decide before publishing: a run that read nothing valid is a failure, not an empty result.
    if (records === 0 && listed.reported > 0)
      return fail(`no record could be read from ${input} (${countOf(listed.reported, listed.unit)} reported)`);
    await trace.finish();
    await sidecar?.finish();
    // Both complete: publish them back to back (synchronous renames; no signal in between).
    sidecar?.publish();
    trace.publish();
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  progress.done();
  unlisted();
  if (logprobsDropped > 0)
    process.stderr.write(
      `import: the per-token log-probs of ${logprobsDropped} record${logprobsDropped === 1 ? '' : 's'} were not written: -o ${out} is ${direct}, with no ${sidecarPath} beside it; give -o a regular file to keep them\n`,
    );
  const result = { records, out, sidecar: sidecar ? sidecarPath : null, diagnostics: listed.reported, mapping, messages };
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else
    process.stderr.write(
      `import: ${records} records written to ${out}${sidecar ? ` (log-probs: ${sidecarPath})` : ''}${listed.reported ? `, ${countOf(listed.reported, listed.unit)} reported` : ''}\n`,
    );
  return 0;
}

/**
 * Why a record's log-probs cannot be used by attribution, undefined when they can: one list
 * without the other, or fewer tokens than a sample and a decision token per attempt (2T, the
 * attempts of the reader the user gave: --markers, --answer-patterns, --reader, as attribution
 * counts them).
 */
function unusableLogprobs(r: JsonlRecord, options: SegmentOptions): string | undefined {
  const alone = logprobsProblem(r, 0);
  if (alone) return alone;
  const n = r.logprobs?.length ?? 0;
  // Every attempt after the first starts at a marker: 1 + the marker phrases found bounds T, so
  // log-probs of at least twice that need no segmentation (which doubled import's time).
  if (n >= 2 && n >= 2 * (1 + markerCount(r.body, n / 2, options.markers))) return undefined;
  const attempts = segmentRecord(jsonlRecordToTrace(r, 0, 0), options).steps.filter((s) => s.kind === 'sample').length;
  return logprobsProblem(r, attempts);
}

// The lexicon's phrases, shortest first (so a phrase inside a longer one counts too), in any
// case, either apostrophe, any spacing: meant as an upper bound on T (should the reader start an
// attempt elsewhere, the log-probs are written and attribution's own check warns).
let markerRe: { markers: readonly string[]; re: RegExp } | undefined;
function markerCount(body: string, enough: number, markers: readonly string[]): number {
  if (markerRe?.markers !== markers) markerRe = { markers, re: markerPattern(markers) };
  const re = markerRe.re;
  re.lastIndex = 0;
  let count = 0;
  while (re.exec(body) && ++count < enough);
  return count;
}

function markerPattern(markers: readonly string[]): RegExp {
  return new RegExp(
    [...markers]
      .sort((a, b) => a.length - b.length)
      .map((m) =>
        m
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/['\u2019]/g, "['\u2019]")
          .replace(/\s+/g, '\\s+'),
      )
      .join('|'),
    'gi',
  );
}
