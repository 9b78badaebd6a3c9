// Reads a `.trace` or JSONL file of any size as a stream of parsed records, in chunks, holding
// at most one record (plus one chunk) in memory. Record boundaries are found in the bytes (a
// line `===` + space/end); since a boundary is always right after a line break, a record's bytes
// never split a UTF-8 sequence, and each record is decoded on its own (invalid bytes become
// U+FFFD, which the parser reports). A byte range (`start`/`end`) lets several workers share a
// file: a range owns the records whose `===` line starts inside it. A pipe, FIFO or `-` (standard
// input) is read front to back to its end (never by its fstat size, which is 0); ranges need a
// regular file. Other containers (Parquet, Inspect `.eval` archives, JSON documents) and JSONL
// files in a preset's schema go through formats/source.ts, which maps their rows to records.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import { DuplicateIds } from './duplicateIds.js';
import { FileIds, jsonlRecordToTrace, type JsonlRecord } from './jsonl.js';
import { isJsonDocumentHead } from './formats/jsonDocument.js';
import {
  containerOf,
  createLineConverter,
  containerByMagic,
  type Container,
  streamContainer,
  type ContainerOptions,
  type ResolvedSource,
  type SourceOptions,
} from './formats/source.js';
import { idEndColumn, parseRecordText, preambleDiagnostics, splitLines } from './parse.js';
import type { TraceDiagnostic, TraceRecord } from './types.js';

export interface StreamOptions {
  /** Model name for records without a `model:` header (default: the path). */
  fileName?: string;
  /** Default: `jsonl` for .jsonl/.json files, else `trace`; a pipe without either extension: `jsonl` when its first non-blank character is `{`. */
  format?: 'trace' | 'jsonl';
  signal?: AbortSignal;
  /** Called after each chunk with the bytes consumed so far and the bytes to read in all (0 when unknown: a pipe). */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Diagnostics outside any record: text before the first record, broken JSON lines. */
  onDiagnostic?: (d: TraceDiagnostic) => void;
  chunkSize?: number;
  /** Byte range to read: records whose first byte lies in [start, end). Lines then count from the range's first record. Regular files only (a pipe throws). */
  start?: number;
  end?: number;
  /** How to read rows of a non-`.trace` file: a preset, mapping overrides (formats/source.ts). */
  source?: SourceOptions;
  /** Called once per file with the mapping chosen for its rows (not for `.trace` files or flat JSONL rollouts). */
  onMapping?: (resolved: ResolvedSource) => void;
  /** After a whole file: where its rows' options came from, when not all from the field the mapping named (formats/source.ts ContainerOptions). */
  onMappingNote?: (note: string) => void;
  /** Parquet: the row groups [from, to) to read (workers share a file by row groups). */
  rowGroups?: [number, number];
  /**
   * Called once per file read as a container (Parquet, `.eval`, a JSON document) before its rows,
   * also when the name did not say it (Parquet through a pipe or `-`, found by its magic bytes):
   * what a diagnostic's position counts (rows, entries) is the container's.
   */
  onContainer?: (container: Exclude<Container, 'jsonl'>) => void;
}

const NL = 0x0a;
const CR = 0x0d;

export const detectFormat = (path: string): 'trace' | 'jsonl' => (/\.jsonl?$/i.test(path) ? 'jsonl' : 'trace');

export async function* streamTraceFile(path: string, opts: StreamOptions = {}): AsyncGenerator<TraceRecord> {
  const container = opts.format === undefined && path !== STDIN ? await containerOf(path) : undefined;
  if (container) {
    opts.onContainer?.(container);
    yield* asTraceRecords(streamContainer(path, container, containerOptions(path, opts)), opts.fileName ?? defaultFileName(path));
    return;
  }
  const source = await openSource(path, opts);
  try {
    const piped = await pipedContainer(source, path, opts);
    if (piped) {
      opts.onContainer?.(piped.container);
      yield* asTraceRecords(
        streamContainer(path, piped.container, { ...containerOptions(path, opts), bytes: piped.bytes }),
        opts.fileName ?? defaultFileName(path),
      );
      return;
    }
    const format = opts.format ?? (source.regular || KNOWN_EXTENSION.test(path) ? detectFormat(path) : await source.sniff());
    if (format === 'jsonl') yield* streamJsonl(source, path, opts);
    else yield* streamTrace(source, path, opts);
  } finally {
    await source.close();
  }
}

/**
 * The bound on a JSON document read through a pipe, FIFO or standard input. A file is read element
 * by element (any size); a pipe cannot be read twice (to tell a document from JSON Lines, then to
 * read it), so the document is held in memory, up to this bound (as a single-object file is).
 */
export const PIPED_JSON_MAX_BYTES = 256 << 20;

/**
 * A JSON document (a list, an Inspect log, a pretty-printed object) arriving through a pipe, FIFO
 * or `-`, read whole up to PIPED_JSON_MAX_BYTES; undefined when the source is a regular file, is
 * named .trace/.jsonl, or is not a JSON document (it is then read as before, nothing consumed).
 * Such a document was read as JSON Lines (every line of a pretty-printed list a bad-json error)
 * or, from `-`, as a .trace file.
 */
async function pipedJsonDocument(source: ByteSource, path: string, opts: StreamOptions): Promise<Buffer | undefined> {
  if (opts.format !== undefined || source.regular || (KNOWN_EXTENSION.test(path) && !/\.json$/i.test(path))) return undefined;
  const { bytes, ended } = await source.head(1 << 16);
  if (!isJsonDocumentHead(bytes, ended)) return undefined;
  return readWhole(
    source,
    opts,
    PIPED_JSON_MAX_BYTES,
    'a JSON document read through a pipe is held in memory to be read, and this one is larger than %: not read further (save it to a file, which is read element by element, or convert it to JSON Lines)',
  );
}

/**
 * The bound on a Parquet file or `.eval` archive read through a pipe, FIFO or standard input: its
 * footer (a ZIP's directory), at the end, says where its rows are, so it is held in memory whole
 * (a file is read row group by row group, entry by entry).
 */
export const PIPED_PARQUET_MAX_BYTES = 1 << 30;

/**
 * A Parquet file or an Inspect `.eval` archive (by their magic bytes, "PAR1" and a ZIP's "PK\3\4",
 * whatever the name says) or a JSON document arriving through a pipe, FIFO or `-`, read whole;
 * undefined otherwise (nothing consumed). A Parquet file from `-` was read as JSONL, every line of
 * its bytes a bad-json error (stop 40).
 */
async function pipedContainer(
  source: ByteSource,
  path: string,
  opts: StreamOptions,
): Promise<{ container: 'json' | 'parquet' | 'eval'; bytes: Buffer } | undefined> {
  if (opts.format === undefined && !source.regular) {
    const container = containerByMagic((await source.head(4)).bytes);
    if (container)
      return {
        container,
        bytes: await readWhole(
          source,
          opts,
          PIPED_PARQUET_MAX_BYTES,
          container === 'parquet'
            ? 'a Parquet file read through a pipe is held in memory to be read (its footer, at the end, says where its rows are), and this one is larger than %: not read further (save it to a file, which is read row group by row group)'
            : 'an Inspect .eval archive read through a pipe is held in memory to be read (its directory is at its end), and this one is larger than %: not read further (save it to a file)',
        ),
      };
  }
  const document = await pipedJsonDocument(source, path, opts);
  return document ? { container: 'json', bytes: document } : undefined;
}

/** The rest of a source, up to `max` bytes (`tooLarge`, its % the bound in MiB, is the error beyond). */
async function readWhole(source: ByteSource, opts: StreamOptions, max: number, tooLarge: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    opts.signal?.throwIfAborted();
    const n = await source.read(buf, 0);
    if (n === 0) break;
    total += n;
    if (total > max) throw new Error(tooLarge.replace('%', `${max >> 20} MiB`));
    parts.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(parts, total);
}

/** `-` is standard input (as in most Unix tools). */
export const STDIN = '-';
/** Paths that name this process's standard input. */
const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);
const KNOWN_EXTENSION = /\.(trace|jsonl?)$/i;

/** The model name for records read from standard input without a `model:` header. */
const defaultFileName = (path: string): string => (path === STDIN ? 'stdin' : path);

/**
 * Where the bytes come from. A regular file is read by position (so a byte range can be read
 * alone, and its size is known); anything else (a pipe, `-`, a FIFO, a character device, a
 * socket) is read front to back until its end, whatever fstat says its size is.
 */
interface ByteSource {
  readonly regular: boolean;
  /** Bytes in all (a regular file's size at open); undefined when unknown until the end. */
  readonly size: number | undefined;
  /** Reads up to `target.length` bytes at `position` (regular files) or next; 0 at the end. */
  read(target: Buffer, position: number): Promise<number>;
  /** `trace` or `jsonl` from the first bytes (a JSON object opens a JSONL line); they are still read afterwards. */
  sniff(): Promise<'trace' | 'jsonl'>;
  /** The first bytes, until a line break after the first non-blank one or `max` bytes (`ended`: that is all there is); still read afterwards. */
  head(max: number): Promise<{ bytes: Buffer; ended: boolean }>;
  close(): Promise<void>;
}

async function openSource(path: string, opts: StreamOptions): Promise<ByteSource> {
  // Byte ranges (worker threads) need positions: only a regular file has them.
  const ranged = (opts.start ?? 0) > 0 || (opts.end !== undefined && opts.end !== Infinity);
  const noRange = new Error(`${path}: a byte range can only be read from a regular file, not from a pipe or device`);
  if (path === STDIN) {
    if (ranged) throw noRange;
    return isMainThread ? stdinSource() : fileSource(await open('/dev/stdin', 'r'));
  }
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    // /dev/stdin cannot be reopened when standard input is a socket (a parent's spawn pipe).
    if (!ranged && isMainThread && STDIN_PATHS.has(path) && (err as NodeJS.ErrnoException).code === 'ENXIO') return stdinSource();
    throw err;
  }
  const source = await fileSource(fh);
  if (ranged && !source.regular) {
    await source.close();
    throw noRange;
  }
  return source;
}

async function fileSource(fh: FileHandle): Promise<ByteSource> {
  let stat;
  try {
    stat = await fh.stat();
  } catch (err) {
    await fh.close();
    throw err;
  }
  if (stat.isFile()) {
    return {
      regular: true,
      size: stat.size,
      read: async (target, position) => (await fh.read(target, 0, target.length, position)).bytesRead,
      sniff: async () => {
        const buf = Buffer.allocUnsafe(4096);
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        return sniffFormat(buf.subarray(0, bytesRead)) ?? 'trace';
      },
      head: async (max) => {
        const buf = Buffer.allocUnsafe(max);
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        return { bytes: buf.subarray(0, bytesRead), ended: bytesRead < max };
      },
      close: () => fh.close(),
    };
  }
  return sequentialSource(
    async () => {
      const buf = Buffer.allocUnsafe(1 << 16);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      return bytesRead === 0 ? undefined : buf.subarray(0, bytesRead);
    },
    () => fh.close(),
  );
}

/** Standard input as a Node stream (it may be a pipe, a socket, a terminal or a file). */
function stdinSource(): ByteSource {
  const it = process.stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let ended = false;
  return sequentialSource(
    async () => {
      if (ended) return undefined;
      const r = await it.next();
      if (r.done) {
        ended = true;
        return undefined;
      }
      return typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    },
    async () => {
      if (!ended) await it.return?.();
    },
  );
}

/** A source read front to back: `pull` gives the next bytes, undefined at the end. */
function sequentialSource(pull: () => Promise<Buffer | undefined>, close: () => Promise<void>): ByteSource {
  /** Bytes pulled but not yet read (by sniff, or a chunk larger than the caller's room). */
  let rest: Buffer | undefined;
  return {
    regular: false,
    size: undefined,
    async read(target) {
      const chunk = rest && rest.length > 0 ? rest : await pull();
      if (!chunk) return 0;
      const n = chunk.copy(target, 0, 0, Math.min(target.length, chunk.length));
      rest = n < chunk.length ? chunk.subarray(n) : undefined;
      return n;
    },
    async sniff() {
      // Usually the first chunk decides; more are pulled only while all is white space.
      const parts: Buffer[] = rest ? [rest] : [];
      for (;;) {
        const seen = parts.length === 1 ? parts[0] : Buffer.concat(parts);
        const guess = sniffFormat(seen);
        const more = guess === undefined ? await pull() : undefined;
        if (!more) {
          rest = seen.length > 0 ? seen : undefined;
          return guess ?? 'trace';
        }
        parts.splice(0, parts.length, seen, more);
      }
    },
    async head(max) {
      let seen = rest ?? Buffer.alloc(0);
      let ended = false;
      for (;;) {
        const text = seen.toString('latin1');
        const first = text.search(/\S/);
        if (seen.length >= max || (first >= 0 && /[\r\n]/.test(text.slice(first)))) break;
        const more = await pull();
        if (!more) {
          ended = true;
          break;
        }
        seen = Buffer.concat([seen, more]);
      }
      rest = seen.length > 0 ? seen : undefined;
      return { bytes: seen.subarray(0, max), ended: ended && seen.length <= max };
    },
    close,
  };
}

/**
 * JSONL when the first character that is not white space (after a BOM) opens a JSON object (a
 * `.trace` file starts with `===` or text); undefined when the bytes are all white space so far.
 */
function sniffFormat(bytes: Buffer): 'trace' | 'jsonl' | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === NL || bytes[i] === CR)) i++;
  if (i >= bytes.length) return undefined;
  return bytes[i] === 0x7b ? 'jsonl' : 'trace';
}

interface Chunk {
  /** Absolute offset of the chunk's first byte. */
  at: number;
  n: number;
  /** No bytes follow this chunk. */
  eof: boolean;
  /** Bytes to read in all, for progress (0 when unknown: a pipe). */
  total: number;
  /** End of the byte range (Infinity: to the end). */
  rangeEnd: number;
}

/**
 * Reads a byte range chunk by chunk straight into the queue (no per-chunk buffer); the first
 * read starts one byte early (when it can) so the caller sees the byte before the range. A
 * source that is not a regular file is read to its end, and its last chunk may be empty.
 */
async function* chunks(source: ByteSource, opts: StreamOptions, queue: ByteQueue): AsyncGenerator<Chunk> {
  const chunkSize = opts.chunkSize ?? 1 << 20;
  if (source.size === undefined) {
    let pos = 0;
    for (;;) {
      opts.signal?.throwIfAborted();
      const target = queue.reserve(chunkSize);
      const n = await source.read(target, pos);
      queue.length += n;
      const eof = n === 0;
      yield { at: pos, n, eof, total: 0, rangeEnd: Infinity };
      if (eof) return;
      pos += n;
    }
  }
  const size = source.size;
  const rangeEnd = Math.min(opts.end ?? size, size);
  let pos = Math.max(0, (opts.start ?? 0) - 1);
  while (pos < size) {
    opts.signal?.throwIfAborted();
    const want = Math.min(chunkSize, size - pos);
    const target = queue.reserve(want);
    const bytesRead = await source.read(target, pos);
    if (bytesRead === 0) break;
    queue.length += bytesRead;
    yield { at: pos, n: bytesRead, eof: pos + bytesRead >= size, total: size, rangeEnd };
    pos += bytesRead;
  }
}

/**
 * Bytes read but not yet consumed. Appending copies only the new chunk (capacity doubles), and
 * dropping consumed bytes moves only what is left, so a record much larger than a chunk is not
 * copied again with every chunk.
 */
class ByteQueue {
  private buf = Buffer.allocUnsafe(1 << 16);
  length = 0;
  /** Room for n more bytes after the queued ones; the caller fills it and adds to `length`. */
  reserve(n: number): Buffer {
    if (this.length + n > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    return this.buf.subarray(this.length, this.length + n);
  }
  drop(n: number): void {
    if (n <= 0) return;
    this.buf.copyWithin(0, n, this.length);
    this.length -= n;
  }
  view(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** Whether the bytes before buf[i], at file offset `absolute`, are the file's first bytes and all byte-order marks. */
function onlyBomsBefore(buf: Buffer, i: number, absolute: number): boolean {
  if (absolute === 0 || absolute % 3 !== 0 || i < absolute) return false;
  for (let k = i - absolute; k < i; k += 3) if (buf[k] !== 0xef || buf[k + 1] !== 0xbb || buf[k + 2] !== 0xbf) return false;
  return true;
}

/** Whether bytes[i..] is a record line `===` (+ space, tab, line break or end); undefined when more bytes are needed to tell. */
function recordStartAt(buf: Buffer, i: number, absolute: number, eof: boolean): boolean | undefined {
  const before = absolute === 0 || onlyBomsBefore(buf, i, absolute) ? NL : buf[i - 1];
  if (before !== NL && before !== CR) return false;
  if (i + 3 >= buf.length) return eof && i + 3 === buf.length ? true : eof ? false : undefined;
  const c = buf[i + 3];
  return c === 0x20 || c === 0x09 || c === NL || c === CR;
}

async function* streamTrace(source: ByteSource, path: string, opts: StreamOptions): AsyncGenerator<TraceRecord> {
  const fileName = opts.fileName ?? defaultFileName(path);
  const rangeStart = opts.start ?? 0;
  const queue = new ByteQueue();
  let pending: Buffer = queue.view();
  let pendingAt = Math.max(0, rangeStart - 1); // absolute offset of pending[0]
  let recordAt = -1; // offset in pending of the open record's `===`, -1 before the first record
  let scanFrom = 0;
  let noBreakUntil = 0; // before the first record: pending[0, noBreakUntil) holds no line break
  let line = 0;
  let index = 0;
  let preambleReported = false;
  let preambleLine = 0;
  let done = false;

  // Repeated ids are checked on whole-file reads only (a range cannot see the others, and a
  // range read must report what the same range reads in a worker: scan.ts).
  const ids = opts.start === undefined && opts.end === undefined && opts.onDiagnostic ? new DuplicateIds() : undefined;
  const emit = (from: number, to: number): TraceRecord => {
    const rec = parseRecordText(pending.toString('utf8', from, to), { startLine: line, index: index++, fileName });
    line = rec.endLine + 1;
    const dup = ids?.check(rec.id, rec.startLine, 0, idEndColumn(rec));
    if (dup) opts.onDiagnostic?.(dup);
    return rec;
  };
  // Text before the first record: reported once (full-file reads only), lines counted.
  const preamble = (to: number): void => {
    if (to <= 0) return;
    const lines = splitLines(pending.toString('utf8', 0, to));
    if (rangeStart === 0 && !preambleReported) {
      const diags = preambleDiagnostics(lines, lines.length).map((d) => ({
        ...d,
        line: d.line + preambleLine,
        endLine: d.endLine + preambleLine,
      }));
      if (diags.length > 0) {
        preambleReported = true;
        diags.forEach((d) => opts.onDiagnostic?.(d));
      }
    }
    preambleLine += lines.length;
    line = preambleLine;
  };

  for await (const { at, n, eof, total, rangeEnd } of chunks(source, opts, queue)) {
    pending = queue.view();
    for (;;) {
      const i = pending.indexOf('===', scanFrom, 'latin1');
      if (i < 0) {
        scanFrom = Math.max(scanFrom, pending.length - 2);
        break;
      }
      const isStart = recordStartAt(pending, i, pendingAt + i, eof);
      if (isStart === undefined) {
        scanFrom = i;
        break;
      }
      scanFrom = i + 1;
      if (!isStart || pendingAt + i < rangeStart) continue;
      if (pendingAt + i >= rangeEnd) {
        done = true;
        break;
      }
      // BOMs before the very first record line belong to that line (the parser skips them).
      const at = recordAt < 0 && onlyBomsBefore(pending, i, pendingAt + i) ? i - (pendingAt + i) : i;
      if (recordAt >= 0) yield emit(recordAt, at);
      else preamble(at);
      opts.signal?.throwIfAborted();
      recordAt = at;
    }
    if (done) {
      // The open record ends where the next range's first record starts.
      const i = scanFrom - 1;
      if (recordAt >= 0) yield emit(recordAt, i);
      recordAt = -1;
      break;
    }
    // Keep only the open record (or, before the first record, the unfinished preamble line).
    // The line break is looked for only in bytes not searched before (noBreakUntil), so a long
    // preamble line with no break (`calibrate -` of one 160 MB line) costs linear time, not a scan
    // of everything pending per chunk.
    let keep = recordAt;
    if (recordAt < 0) {
      const to = Math.max(0, scanFrom);
      const nl = to > noBreakUntil ? pending.subarray(noBreakUntil, to).lastIndexOf(NL) : -1;
      keep = nl >= 0 ? noBreakUntil + nl + 1 : 0;
      noBreakUntil = Math.max(noBreakUntil, to);
    }
    if (recordAt < 0) preamble(keep);
    if (keep > 0) {
      queue.drop(keep);
      pending = queue.view();
      pendingAt += keep;
      scanFrom -= keep;
      noBreakUntil = Math.max(0, noBreakUntil - keep);
      if (recordAt >= 0) recordAt = 0;
    }
    opts.onProgress?.(Math.min(at + n, rangeEnd) - Math.max(0, rangeStart - 1), total === 0 ? 0 : rangeEnd - Math.max(0, rangeStart - 1));
  }
  if (!done) {
    if (recordAt >= 0) yield emit(recordAt, pending.length);
    else if (rangeStart === 0) preamble(pending.length);
  }
}

function streamJsonl(source: ByteSource, path: string, opts: StreamOptions): AsyncGenerator<TraceRecord> {
  return asTraceRecords(jsonlRecords(source, path, opts), opts.fileName ?? defaultFileName(path));
}

/** Records as they read in the `.trace` file `import` writes (positions in that file, sourceLine in the input). */
async function* asTraceRecords(records: AsyncIterable<JsonlRecord>, fileName: string): AsyncGenerator<TraceRecord> {
  let traceLine = 0;
  let index = 0;
  for await (const r of records) {
    const rec = jsonlRecordToTrace(r, index++, traceLine, fileName);
    traceLine = rec.endLine + 1;
    yield rec;
  }
}

const containerOptions = (path: string, opts: StreamOptions): ContainerOptions => ({
  ...opts.source,
  fileName: opts.fileName ?? defaultFileName(path),
  signal: opts.signal,
  onProgress: opts.onProgress,
  onDiagnostic: opts.onDiagnostic,
  onMapping: opts.onMapping,
  onMappingNote: opts.onMappingNote,
  rowGroups: opts.rowGroups,
});

/**
 * The responses of a JSONL file (or `-`, a pipe), Parquet dataset, `.eval` archive or JSON document
 * as `.trace` record inputs (what `import` writes), row by row.
 */
export async function* streamJsonlRecords(path: string, opts: StreamOptions = {}): AsyncGenerator<JsonlRecord> {
  const container = path !== STDIN ? await containerOf(path) : undefined;
  if (container) {
    opts.onContainer?.(container);
    yield* streamContainer(path, container, containerOptions(path, opts));
    return;
  }
  const source = await openSource(path, opts);
  try {
    const piped = await pipedContainer(source, path, opts);
    if (piped) {
      opts.onContainer?.(piped.container);
      yield* streamContainer(path, piped.container, { ...containerOptions(path, opts), bytes: piped.bytes });
    } else yield* jsonlRecords(source, path, opts);
  } finally {
    await source.close();
  }
}

async function* jsonlRecords(source: ByteSource, path: string, opts: StreamOptions): AsyncGenerator<JsonlRecord> {
  const fileName = opts.fileName ?? defaultFileName(path);
  const rangeStart = opts.start ?? 0;
  const queue = new ByteQueue();
  let lineNo = 0;
  let first = rangeStart > 0; // the first bytes up to a line break belong to the previous range
  let pendingAt = Math.max(0, rangeStart - 1);
  // Flat rollouts keep jsonl.ts's per-line detection; a preset's schema is mapped (formats/source.ts).
  const convert = createLineConverter(path, fileName, containerOptions(path, opts));
  // The rollouts of a group are numbered as jsonlToRecords numbers them (duplicateIds.ts). That
  // needs every line before, so only a read from the file's start gives the file's ids; like its
  // line numbers, a range's count from the range (no path splits JSONL files into ranges).
  const ids = new FileIds();
  const whole = opts.start === undefined && opts.end === undefined;

  const lineRecords = (bytes: Buffer): JsonlRecord[] => {
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const { records, diagnostics } = convert(text, lineNo++);
    diagnostics.forEach((d) => opts.onDiagnostic?.(d));
    const repeated = ids.number(text, records);
    if (whole) repeated.forEach((d) => opts.onDiagnostic?.(d));
    return records;
  };

  for await (const { at, n, eof, total, rangeEnd } of chunks(source, opts, queue)) {
    const pending = queue.view();
    let from = 0;
    // Lines end at \n, \r\n or a lone \r (old Mac files; the editor counts lines so too). The next
    // CR is looked up again only once it is passed, so a file without any costs one search a chunk.
    let cr = pending.indexOf(CR, from);
    for (;;) {
      if (cr >= 0 && cr < from) cr = pending.indexOf(CR, from);
      const nl = pending.indexOf(NL, from);
      let end: number;
      let next: number;
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        // Whether a \n follows needs the next byte: wait for it unless the input has ended.
        if (cr + 1 >= pending.length && !eof) break;
        end = cr;
        next = pending[cr + 1] === NL ? cr + 2 : cr + 1;
      } else if (nl >= 0) {
        end = nl;
        next = nl + 1;
      } else break;
      if (first) {
        first = false;
        from = next;
        continue;
      }
      if (pendingAt + from >= rangeEnd) return;
      yield* lineRecords(pending.subarray(from, end));
      opts.signal?.throwIfAborted();
      from = next;
    }
    queue.drop(from);
    pendingAt += from;
    opts.onProgress?.(Math.min(at + n, rangeEnd), total === 0 ? 0 : rangeEnd);
    if (eof && queue.length > 0 && !first && pendingAt < rangeEnd) yield* lineRecords(queue.view());
  }
  if (whole) convert.finish().forEach((d) => opts.onDiagnostic?.(d));
}

/**
 * The mapping a file's rows are read with, from its first rows only (the reader stops at the
 * first record): undefined for `.trace` files, flat JSONL rollouts, and files whose format cannot
 * be told (their readers report why). Lets a caller print it before sharing the file out to workers.
 */
export async function peekMapping(
  path: string,
  opts: Pick<StreamOptions, 'source' | 'fileName'> = {},
): Promise<ResolvedSource | undefined> {
  if (path === STDIN || !/\.(jsonl?|parquet|eval)$/i.test(path)) return undefined;
  // A FIFO or pipe is read once: peeking would consume what the real read then waits for forever
  // (calibrate on a FIFO named x.jsonl hung). Its mapping is reported when it is read.
  try {
    if (!(await stat(path)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  let found: ResolvedSource | undefined;
  let diagnostics = 0;
  const stop = new AbortController();
  try {
    for await (const _ of streamJsonlRecords(path, {
      ...opts,
      signal: stop.signal,
      onMapping: (m) => {
        found = m;
      },
      onDiagnostic: () => {
        if (++diagnostics >= 100) stop.abort();
      },
    }))
      break;
  } catch {
    // Unreadable, or stopped after many broken rows: the real read reports it.
  }
  return found;
}
