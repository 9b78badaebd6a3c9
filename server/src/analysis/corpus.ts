// Calibration input from files: expands directories into trace files and streams each one through
// parse -> segment -> summary, so a corpus of any size costs one record of memory at a time.
// Unreadable files and malformed records are reported (bounded per file), never fatal.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { defaultSegmentOptions } from '../trace/options.js';
import { isGoldPath } from '../trace/gold.js';
import { segmentRecord } from '../trace/segment.js';
import { STDIN, streamTraceFile } from '../trace/stream.js';
import { rolloutRunName } from '../trace/rolloutDir.js';
import type { SegmentOptions, TraceDiagnostic, TraceRecord } from '../trace/types.js';
import { UnknownFinishReasons } from '../trace/headerValues.js';
import type { ResolvedSource, SourceOptions } from '../trace/formats/source.js';
import { traceSummary, type SummaryOptions } from './summary.js';
import type { TraceSummary } from './types.js';
import { fileKind } from '../util/fileKind.js';
import { walkSkipsName } from '../../../protocol/calibration.js';

export interface Skipped {
  file: string;
  line?: number;
  reason: string;
  /** How many records or lines this entry stands for, when more than one ("N more ... not listed"). */
  count?: number;
}

/**
 * A warning met while calibrating (the record or line is still read: a malformed step, an unknown
 * finish_reason, unusable log-probs, ...), at the place segment and import print it: 1-based, a
 * row's record at its source line (and the field's column where known).
 */
export interface CorpusWarning {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  /** The record's id, for a warning that belongs to one. */
  record?: string;
}

/** The warnings of a file (or part): counts per code, and the first WARNINGS_LISTED_PER_FILE of them. */
export interface WarningTally {
  counts: Record<string, number>;
  listed: CorpusWarning[];
}

/** Warnings kept per file (and per part of a file) for the summary; the rest are counted. */
export const WARNINGS_LISTED_PER_FILE = 10;

/** Adds `b`'s counts and listed warnings to `a`; `shift` moves b's lines (a byte range of a .trace file). */
export function mergeWarnings(a: WarningTally, b: WarningTally, shift = 0, listedMax = Infinity): void {
  for (const [code, n] of Object.entries(b.counts)) a.counts[code] = (a.counts[code] ?? 0) + n;
  for (const w of b.listed) {
    // The parts of one file (byte ranges) list as many as the whole file read at once would.
    const ofFile = a.listed.filter((x) => x.file === w.file).length;
    if (a.listed.length < listedMax && ofFile < WARNINGS_LISTED_PER_FILE) a.listed.push(shift ? { ...w, line: w.line + shift } : w);
  }
}

/** How many records and lines a skipped list stands for: one each, and N for an "N more ... not listed" entry. */
export const skippedCount = (skipped: readonly Skipped[]): number => skipped.reduce((n, s) => n + (s.count ?? 1), 0);

/**
 * Files a directory walk takes: traces, JSONL, Parquet datasets and Inspect `.eval` logs. A
 * `.json` file is read when named (a folder holds many that are not traces: configs, results).
 */
const TRACE_FILE = /\.(trace|jsonl|parquet|eval)$/i;
/** Malformed records listed one by one per file; beyond that they are counted. */
const LISTED_PER_FILE = 100;

/**
 * The input check every command that reads files shares: a file reached twice (the same path given
 * again, a link to it, a folder and a file in it) is read once, by real path, and the repeat is
 * listed with a note: counting it twice would shrink every interval (calibrate) or print it twice.
 * Devices and sockets (/dev/zero, /dev/urandom: endless) are not read, with the reason; a pipe or
 * FIFO given by name (`segment <(zcat x.gz)`) is read like a file unless `regularOnly`.
 */
class InputCheck {
  readonly files: string[] = [];
  /** Repeats (read once) and paths not read (devices, sockets, missing paths), in order. */
  readonly skipped: Skipped[] = [];
  /** Of `skipped`, the repeats: the file was read, under its first name. */
  readonly repeats = new Set<Skipped>();
  private readonly seen = new Map<string, string>();

  constructor(private readonly regularOnly = false) {}

  /** Whether `p` is read (not a repeat); a repeat is listed. */
  once(p: string): boolean {
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      real = p;
    }
    const first = this.seen.get(real);
    if (first === undefined) {
      this.seen.set(real, p);
      return true;
    }
    const s = { file: p, reason: first === p ? 'given more than once: read once' : `the same file as ${first}: read once` };
    this.skipped.push(s);
    this.repeats.add(s);
    return false;
  }

  /** A path that is not a directory: taken, or listed with why not. */
  add(p: string, st: Stats): void {
    if (st.isFile() || (st.isFIFO() && !this.regularOnly)) {
      if (this.once(p)) this.files.push(p);
    } else
      this.skipped.push({
        file: p,
        reason: `${fileKind(st)}, not a regular file: not read${st.isFIFO() ? '' : ' (it can be endless)'}`,
      });
  }
}

/**
 * Trace files under the given paths (directories recursively, sorted); paths that do not exist
 * are reported. Repeats, devices and sockets as InputCheck says.
 */
export function listTraceFiles(paths: readonly string[], opts: { regularOnly?: boolean } = {}): { files: string[]; skipped: Skipped[] } {
  const check = new InputCheck(opts.regularOnly);
  const { files, skipped } = check;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (walkSkipsName(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      // Gold labels (NAME.trace.gold.jsonl, docs/segmentation-eval.md) sit beside traces but are not traces.
      else if (e.isFile() && TRACE_FILE.test(e.name) && !isGoldPath(e.name) && check.once(p)) files.push(p);
    }
  };
  for (const p of paths) {
    try {
      // `-`: standard input.
      if (p === STDIN) {
        files.push(p);
        continue;
      }
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else check.add(p, st);
    } catch (err) {
      skipped.push({
        file: p,
        reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String((err as Error).message),
      });
    }
  }
  return { files, skipped };
}

/**
 * The same check for commands that take FILE... and read each path named (segment, attribution,
 * import, eval-segmentation, verl export --from): repeats are read once (`repeats`, a note each) and
 * devices and sockets are not read (`notRead`, with the reason). Any other path (a directory, one
 * that does not exist or cannot be opened) stays in `files` for the command to read and report as
 * it does an unreadable file.
 */
export function checkInputFiles(paths: readonly string[]): { files: string[]; repeats: Skipped[]; notRead: Skipped[] } {
  const check = new InputCheck();
  for (const p of paths) {
    let st: Stats | undefined;
    try {
      if (p !== STDIN) st = statSync(p);
    } catch {
      // Reported by the command when it reads the path.
    }
    if (st === undefined || st.isDirectory()) check.files.push(p);
    else check.add(p, st);
  }
  return {
    files: check.files,
    repeats: check.skipped.filter((s) => check.repeats.has(s)),
    notRead: check.skipped.filter((s) => !check.repeats.has(s)),
  };
}

export interface SummarizeOptions {
  segment?: SegmentOptions;
  /** Truncated records: counted out by default (summary.ts). */
  summary?: SummaryOptions;
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Byte range of a `.trace` file (records starting in [start, end)); lines then count from the range (see stream.ts). */
  start?: number;
  end?: number;
  /** Parquet: the row groups [from, to) to read. */
  rowGroups?: [number, number];
  /** How rows of other formats are read (--format, --map), and where the mapping chosen is told. */
  source?: SourceOptions;
  onMapping?: (resolved: ResolvedSource) => void;
}

export interface SummarizeResult {
  records: number;
  skipped: Skipped[];
  /** Warnings (records and lines still read), counted and the first few listed. */
  warnings: WarningTally;
  /** 0-based lines of the first record's start and the last record's end (-1 when none), so a range's lines can be made absolute. */
  firstLine: number;
  lastLine: number;
  /** The unknown finish_reason values counted (the warning in `warnings` stands for them), so the parts of a file say them once. */
  unknownFinish?: Pick<UnknownFinishReasons, 'count' | 'first'>;
}

/**
 * Streams one file into `sink`, a summary per record. Records with error diagnostics are not
 * used; they, file-level errors and unreadable files come back in `skipped`.
 */
export async function summarizeFile(
  file: string,
  sink: (s: TraceSummary) => void,
  options: SummarizeOptions = {},
): Promise<SummarizeResult> {
  const skipped: Skipped[] = [];
  let malformed = 0;
  let records = 0;
  let firstLine = -1;
  let lastLine = -1;
  const warnings: WarningTally = { counts: {}, listed: [] };
  const warn = (d: TraceDiagnostic, record?: TraceRecord): void => {
    warnings.counts[d.code] = (warnings.counts[d.code] ?? 0) + 1;
    if (warnings.listed.length >= WARNINGS_LISTED_PER_FILE) return;
    // As segment prints it: a row's record at its source line (the field's column where known).
    const inRow = record?.sourceLine !== undefined && d.line >= record.startLine;
    warnings.listed.push({
      file,
      line: inRow ? (d.sourceLine ?? record.sourceLine!) + 1 : d.line + 1,
      column: inRow ? (d.sourceColumn ?? 0) + 1 : d.column + 1,
      code: d.code,
      message: d.message,
      ...(record ? { record: record.id } : {}),
    });
  };
  const onDiagnostic = (d: TraceDiagnostic): void => {
    if (d.severity === 'error') report(d.line + 1, d.message);
    else if (d.severity === 'warning') warn(d);
  };
  // A finish_reason the engine does not know: once per file, with a count (as import says it).
  const unknownFinish = new UnknownFinishReasons();
  let finishDecides = false;
  const onMapping = (m: ResolvedSource): void => {
    const eq = m.mapping.truncated?.equals;
    finishDecides = eq !== undefined && eq.length === 1 && eq[0] === 'length';
    options.onMapping?.(m);
  };
  const report = (line: number, reason: string): void => {
    if (++malformed <= LISTED_PER_FILE) skipped.push({ file, line, reason });
  };
  try {
    // A verl dump `{step}.jsonl` belongs to the run named by its folder, not to a model "12".
    for await (const record of streamTraceFile(file, {
      fileName: rolloutRunName(file) ?? file,
      onDiagnostic,
      signal: options.signal,
      onProgress: options.onProgress,
      start: options.start,
      end: options.end,
      rowGroups: options.rowGroups,
      source: options.source,
      onMapping,
    })) {
      records++;
      if (firstLine < 0) firstLine = record.startLine;
      lastLine = record.endLine;
      for (const d of record.diagnostics) if (d.severity === 'warning') warn(d, record);
      unknownFinish.note(
        record.headers,
        finishDecides,
        record.sourceLines?.finish_reason ?? record.sourceLine ?? record.startLine,
        record.sourceLine !== undefined ? (record.sourceColumns?.finish_reason ?? 0) : 0,
        record.sourceNames?.finish_reason,
      );
      const errors = record.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        // Points at the first error (JSONL: the record's JSON line); the others are counted.
        const first = errors[0];
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''} in this record)` : '';
        // A row's record (JSONL, Parquet, ...) has the positions of the .trace import writes: its
        // column there is not the row's, so only the row's line is given.
        report(
          record.sourceLine !== undefined ? (first.sourceLine ?? record.sourceLine) + 1 : first.line + 1,
          `record ${record.id} not used: ${
            record.sourceLine === undefined
              ? `column ${first.column + 1}: `
              : first.sourceColumn !== undefined
                ? `column ${first.sourceColumn + 1}: `
                : ''
          }${first.message}${more}`,
        );
        continue;
      }
      sink(traceSummary(segmentRecord(record, options.segment ?? defaultSegmentOptions), file, options.summary));
    }
  } catch (err) {
    if (options.signal?.aborted) throw err;
    skipped.push({ file, reason: `could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  const finish = unknownFinish.diagnostic();
  if (finish) {
    // One warning that stands for `count` records.
    warn(finish);
    warnings.counts[finish.code] += unknownFinish.count - 1;
  }
  if (malformed > LISTED_PER_FILE)
    skipped.push({
      file,
      reason: `${malformed - LISTED_PER_FILE} more malformed records or lines not listed`,
      count: malformed - LISTED_PER_FILE,
    });
  return {
    records,
    skipped,
    warnings,
    firstLine,
    lastLine,
    ...(unknownFinish.first ? { unknownFinish: { count: unknownFinish.count, first: unknownFinish.first } } : {}),
  };
}
