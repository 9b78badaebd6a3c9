// `reflection-lens segment FILE...`: every record of .trace or JSONL files split into sampling and
// decision steps (docs/design.md section 8). Files are streamed, so any size works; a malformed record
// is reported on stderr (file:line:col) and the other records are still printed.
import { ProgressLine } from './progress.js';
import { parseArgs, UsageError } from '../util/args.js';
import { segmentFlagNames, segmentFlagsUsage, segmentOptionsFromArgs } from './segmentFlags.js';
import {
  containerUnit,
  countOf,
  ListedDiagnostics,
  mappingLine,
  sourceFlagNames,
  sourceFlagsUsage,
  sourceOptionsFromArgs,
} from './sourceFlags.js';
import { segmentRecord } from '../trace/segment.js';
import { sidecarProblemLine, SidecarReader, sidecarUnlistedLine } from '../trace/sidecar.js';
import { LISTED_SIDECAR_PROBLEMS } from '../trace/scan.js';
import { streamTraceFile } from '../trace/stream.js';
import { UnknownFinishReasons } from '../trace/headerValues.js';
import type { SegmentedRecord, TraceDiagnostic, TraceRecord } from '../trace/types.js';
import { writeOut } from './output.js';
import { escapeInline } from './terminal.js';
import { tokenLimitFromArgs } from './tokenLimit.js';
import { inputFiles } from './inputs.js';

export const summary = 'split traces into sampling and decision steps (STOP / RESAMPLE, echoes)';
export const usage = `Usage: reflection-lens segment FILE... [--json] [--findings] [--max-tokens N] [--format NAME] [--map key=path,...]

Splits every record of each file into attempts (candidate answers) and the decisions between
them (RESAMPLE at a reflection marker, STOP after the last attempt). FILE: .trace, JSONL
rollouts, Parquet datasets (OpenR1-Math-220k schema), chat transcripts, lm-evaluation-harness
samples, Inspect AI logs (.eval, .json), OpenAI-compatible completion dumps or FastChat /
LiveBench model answers (choices[].turns[]); for those the field mapping chosen is printed on
stderr (README "What it reads"). A file given twice (or through a link) is read once, with a
note; a device or socket (/dev/zero) is not read, with the reason (exit 1, as an unreadable file).

  --json       one JSON array on stdout: per record {file, id, model, task, answer, final,
               correct, steps: [{kind: "sample", answer, rule, confidence, correct, tokens,
               line, endLine} |
               {kind: "decision", action, marker, echo, line}]} (lines are 1-based)
  --findings   also print findings on stderr (missed correction, echo, resample after a
               correct answer, no answer, no ground truth); malformed input is always reported
  --max-tokens N          the generation limit (default 8192, as calibrate): the no-answer
                          finding of a response with more tokens (its tokens header, else 4
                          characters a token), truncated: true, finish_reason: length or an
                          unclosed thinking block says it was cut off
${segmentFlagsUsage}${sourceFlagsUsage}
Without --json a table is printed (its first column: the .trace or JSONL line, the Parquet row,
the .eval entry, headed line, row or entry). Broken lines, rows and entries are reported with their position (the first 100
of each kind in each file, then a count). Exit status: 0 when every file was read (malformed records are
reported and skipped over; an empty file has none), 1 when a file could not be read or not one
record could be read from it (every line reported, as import), 2 on bad usage.
`;

export interface SegmentJson {
  file: string;
  id: string;
  model: string;
  task: string;
  answer: string | null;
  final: string | null;
  correct: boolean | null;
  steps: (
    | {
        kind: 'sample';
        answer: string | null;
        rule: string;
        confidence: number;
        correct: boolean | null;
        tokens: number;
        line: number;
        endLine: number;
      }
    | { kind: 'decision'; action: 'STOP' | 'RESAMPLE'; marker: string | null; echo: boolean; line: number }
  )[];
}

export function toJson(file: string, seg: SegmentedRecord): SegmentJson {
  const r = seg.record;
  return {
    file,
    id: r.id,
    model: r.model,
    task: r.task,
    answer: r.answer ?? null,
    final: seg.final,
    correct: seg.correct,
    steps: seg.steps.map((s) =>
      s.kind === 'sample'
        ? {
            kind: 'sample' as const,
            answer: s.answer,
            rule: s.rule,
            confidence: s.confidence,
            correct: s.correct,
            tokens: s.tokens,
            line: s.span.line + 1,
            endLine: s.span.endLine + 1,
          }
        : { kind: 'decision' as const, action: s.action, marker: s.marker, echo: s.echo, line: s.span.line + 1 },
    ),
  };
}

/** `file:line:col: severity: message [code]`, 1-based. A JSONL record's findings point at its JSON line. */
export function formatDiagnostic(file: string, d: TraceDiagnostic, record?: TraceRecord): string {
  const where =
    record?.sourceLine !== undefined && d.line >= record.startLine
      ? `${file}:${(d.sourceLine ?? record.sourceLine) + 1}:${(d.sourceColumn ?? 0) + 1}`
      : `${file}:${d.line + 1}:${d.column + 1}`;
  const rec = record ? ` (record ${record.id})` : '';
  // One line, whatever the file name, record id or quoted content holds (cli/terminal.ts).
  return `${escapeInline(where)}: ${d.severity}: ${escapeInline(d.message)} [${d.code}]${escapeInline(rec)}\n`;
}

const cell = (s: string | null | undefined, w: number): string => {
  // Escaped before it is cut to width, so the columns stay aligned.
  const v = escapeInline(s ?? '-');
  return (v.length > w ? v.slice(0, w - 1) + '\u2026' : v).padEnd(w);
};
const mark = (c: boolean | null): string => (c === null ? '?' : c ? '\u2713' : '\u2717');

function tableRow(seg: SegmentedRecord): string {
  const r = seg.record;
  const words = seg.steps.map((s) =>
    s.kind === 'sample'
      ? `${cell(s.answer, 16).trimEnd()}${mark(s.correct)}`
      : s.action === 'STOP'
        ? 'STOP'
        : `RESAMPLE${s.echo ? '(echo)' : ''}`,
  );
  // Long reflective traces have a hundred attempts: the table shows the start and the end.
  const flow =
    words.length <= 24
      ? words.join(' ')
      : `${words.slice(0, 12).join(' ')} \u2026 (${words.length - 24} steps) \u2026 ${words.slice(-12).join(' ')}`;
  // For JSONL input, the line of the JSON object.
  return `${String((r.sourceLine ?? r.startLine) + 1).padStart(7)}  ${cell(r.id, 10)} ${cell(r.model, 14)} ${cell(r.task, 6)} ${cell(r.answer, 12)} ${cell(seg.final, 12)} ${mark(seg.correct)}  ${flow}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['max-tokens', ...segmentFlagNames, ...sourceFlagNames], ['json', 'findings']);
  const segmentOptions = segmentOptionsFromArgs(args);
  const tokenLimit = tokenLimitFromArgs(args);
  const source = sourceOptionsFromArgs(args);
  if (args.positionals.length === 0) throw new UsageError('expected at least one FILE');
  const json = args.flags.has('json');
  const findings = args.flags.has('findings');
  // A file given twice is read once; a device or socket is not read (a note on stderr each).
  const { files, notRead } = inputFiles(args.positionals);
  let status = notRead.length > 0 ? 1 : 0;
  let first = true;
  if (json) await writeOut('[');
  for (const file of files) {
    const progress = new ProgressLine(`segment ${file}`);
    const listed = new ListedDiagnostics(file, (d) => formatDiagnostic(file, d));
    // The table's head names what its first column counts: written before the first row (or at
    // the file's end), once the container is known (a Parquet file through a pipe: rows, stop 40).
    let headed = json;
    const head = async (): Promise<void> => {
      if (headed) return;
      headed = true;
      await writeOut(
        `${escapeInline(file)}\n${listed.unit.padStart(7)}  ${cell('id', 10)} ${cell('model', 14)} ${cell('task', 6)} ${cell('truth', 12)} ${cell('final', 12)} ok steps\n`,
      );
    };
    let records = 0;
    // The log-prob sidecar import wrote beside a .trace, matched to its records by id (as
    // attribution reads it): its log-probs are what --findings checks (bad-logprobs).
    let sidecar: SidecarReader | undefined;
    // The first problems of the sidecar listed, the rest counted (as the full pass lists them).
    let sidecarProblems = 0;
    const sidecarUnlisted = (): void => {
      const more = sidecarProblems - LISTED_SIDECAR_PROBLEMS;
      if (more > 0) process.stderr.write(`${escapeInline(sidecarUnlistedLine(file, more))}\n`);
    };
    try {
      sidecar = /\.trace$/i.test(file)
        ? await SidecarReader.open(file, (p) => {
            if (++sidecarProblems <= LISTED_SIDECAR_PROBLEMS) process.stderr.write(`${escapeInline(sidecarProblemLine(file, p))}\n`);
          })
        : undefined;
      // A finish_reason the engine does not know: said once for the file, with a count (as import).
      const unknownFinish = new UnknownFinishReasons();
      let finishDecides = false;
      const stream = streamTraceFile(file, {
        source,
        onMapping: (m) => {
          const eq = m.mapping.truncated?.equals;
          finishDecides = eq !== undefined && eq.length === 1 && eq[0] === 'length';
          process.stderr.write(mappingLine(file, m));
        },
        onDiagnostic: (d) => {
          process.stderr.write(listed.line(d));
        },
        onContainer: (c) => {
          listed.unit = containerUnit(c);
        },
        onProgress: (done, total) => {
          if (total > 32 << 20) progress.update(`${(done / 1e6).toFixed(0)} / ${(total / 1e6).toFixed(0)} MB`);
        },
      });
      for await (const rec of stream) {
        records++;
        await sidecar?.attach(rec);
        await head();
        const seg = segmentRecord(rec, segmentOptions, { tokenLimit });
        unknownFinish.note(
          rec.headers,
          finishDecides,
          rec.sourceLines?.finish_reason ?? rec.sourceLine ?? rec.startLine,
          rec.sourceColumns?.finish_reason ?? 0,
          rec.sourceNames?.finish_reason,
        );
        for (const d of rec.diagnostics) process.stderr.write(formatDiagnostic(file, d, rec));
        if (findings) for (const d of seg.diagnostics) process.stderr.write(formatDiagnostic(file, d, rec));
        if (json) {
          await writeOut(`${first ? '\n' : ',\n'}${JSON.stringify(toJson(file, seg))}`);
          first = false;
        } else await writeOut(tableRow(seg));
      }
      await head();
      await sidecar?.finish();
      sidecarUnlisted();
      const finish = unknownFinish.diagnostic();
      if (finish) process.stderr.write(listed.line(finish));
      progress.done();
      process.stderr.write(listed.unlistedLine());
      // As import: a file of which not one record could be read is a failure, not an empty result.
      const { reported } = listed;
      if (records === 0 && reported > 0) {
        process.stderr.write(`${escapeInline(file)}: no record could be read (${countOf(reported, listed.unit)} reported)\n`);
        status = 1;
      }
    } catch (err) {
      await head();
      sidecar?.abort();
      progress.done();
      process.stderr.write(listed.unlistedLine());
      process.stderr.write(`${file}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
      status = 1;
    }
  }
  if (json) await writeOut('\n]\n');
  return status;
}
