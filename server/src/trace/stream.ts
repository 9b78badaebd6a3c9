// Reads a `.trace` or JSONL file of any size as a stream of parsed records, in chunks, holding
// at most one record (plus one chunk) in memory. Record boundaries are found in the bytes (a
// line `===` + space/end); since a boundary is always right after a line break, a record's bytes
// never split a UTF-8 sequence, and each record is decoded on its own (invalid bytes become
// U+FFFD, which the parser reports). A byte range (`start`/`end`) lets several workers share a
// file: a range owns the records whose `===` line starts inside it.
import { open } from 'node:fs/promises';
import { jsonlLineToRecords, jsonlRecordToTrace, type JsonlRecord } from './jsonl.js';
import { parseRecordText, preambleDiagnostics, splitLines } from './parse.js';
import type { TraceDiagnostic, TraceRecord } from './types.js';

export interface StreamOptions {
  /** Model name for records without a `model:` header (default: the path). */
  fileName?: string;
  /** Default: `jsonl` for .jsonl/.json files, else `trace`. */
  format?: 'trace' | 'jsonl';
  signal?: AbortSignal;
  /** Called after each chunk with the bytes consumed so far and the bytes to read in all. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Diagnostics outside any record: text before the first record, broken JSON lines. */
  onDiagnostic?: (d: TraceDiagnostic) => void;
  chunkSize?: number;
  /** Byte range to read: records whose first byte lies in [start, end). Lines then count from the range's first record. */
  start?: number;
  end?: number;
}

const NL = 0x0a;
const CR = 0x0d;

export const detectFormat = (path: string): 'trace' | 'jsonl' => (/\.jsonl?$/i.test(path) ? 'jsonl' : 'trace');

export async function* streamTraceFile(path: string, opts: StreamOptions = {}): AsyncGenerator<TraceRecord> {
  const format = opts.format ?? detectFormat(path);
  if (format === 'jsonl') yield* streamJsonl(path, opts);
  else yield* streamTrace(path, opts);
}

/**
 * Reads a byte range chunk by chunk straight into the queue (no per-chunk buffer); the first
 * read starts one byte early (when it can) so the caller sees the byte before the range.
 */
async function* chunks(path: string, opts: StreamOptions, queue: ByteQueue): AsyncGenerator<{ at: number; n: number; size: number; rangeEnd: number }> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const chunkSize = opts.chunkSize ?? 1 << 20;
    const rangeEnd = Math.min(opts.end ?? size, size);
    let pos = Math.max(0, (opts.start ?? 0) - 1);
    while (pos < size) {
      opts.signal?.throwIfAborted();
      const want = Math.min(chunkSize, size - pos);
      const target = queue.reserve(want);
      const { bytesRead } = await fh.read(target, 0, want, pos);
      if (bytesRead === 0) break;
      queue.length += bytesRead;
      yield { at: pos, n: bytesRead, size, rangeEnd };
      pos += bytesRead;
    }
  } finally {
    await fh.close();
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

/** Whether bytes[i..] is a record line `===` (+ space, tab, line break or end); undefined when more bytes are needed to tell. */
function recordStartAt(buf: Buffer, i: number, absolute: number, eof: boolean): boolean | undefined {
  const before = absolute === 0 || (absolute === 3 && buf[i - 3] === 0xef && buf[i - 2] === 0xbb && buf[i - 1] === 0xbf) ? NL : buf[i - 1];
  if (before !== NL && before !== CR) return false;
  if (i + 3 >= buf.length) return eof && i + 3 === buf.length ? true : eof ? false : undefined;
  const c = buf[i + 3];
  return c === 0x20 || c === 0x09 || c === NL || c === CR;
}

async function* streamTrace(path: string, opts: StreamOptions): AsyncGenerator<TraceRecord> {
  const fileName = opts.fileName ?? path;
  const rangeStart = opts.start ?? 0;
  const queue = new ByteQueue();
  let pending: Buffer = queue.view();
  let pendingAt = Math.max(0, rangeStart - 1); // absolute offset of pending[0]
  let recordAt = -1; // offset in pending of the open record's `===`, -1 before the first record
  let scanFrom = 0;
  let line = 0;
  let index = 0;
  let preambleReported = false;
  let preambleLine = 0;
  let done = false;

  const emit = (from: number, to: number): TraceRecord => {
    const rec = parseRecordText(pending.toString('utf8', from, to), { startLine: line, index: index++, fileName });
    line = rec.endLine + 1;
    return rec;
  };
  // Text before the first record: reported once (full-file reads only), lines counted.
  const preamble = (to: number): void => {
    if (to <= 0) return;
    const lines = splitLines(pending.toString('utf8', 0, to));
    if (rangeStart === 0 && !preambleReported) {
      const diags = preambleDiagnostics(lines, lines.length).map((d) => ({ ...d, line: d.line + preambleLine, endLine: d.endLine + preambleLine }));
      if (diags.length > 0) { preambleReported = true; diags.forEach((d) => opts.onDiagnostic?.(d)); }
    }
    preambleLine += lines.length;
    line = preambleLine;
  };

  for await (const { at, n, size, rangeEnd } of chunks(path, opts, queue)) {
    pending = queue.view();
    const eof = at + n >= size;
    for (;;) {
      const i = pending.indexOf('===', scanFrom, 'latin1');
      if (i < 0) { scanFrom = Math.max(scanFrom, pending.length - 2); break; }
      const isStart = recordStartAt(pending, i, pendingAt + i, eof);
      if (isStart === undefined) { scanFrom = i; break; }
      scanFrom = i + 1;
      if (!isStart || pendingAt + i < rangeStart) continue;
      if (pendingAt + i >= rangeEnd) { done = true; break; }
      // A BOM before the very first record line belongs to that line (the parser skips it).
      const at = pendingAt + i === 3 && recordAt < 0 && pending[i - 3] === 0xef ? i - 3 : i;
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
    const keep = recordAt >= 0 ? recordAt : Math.max(0, Math.min(scanFrom, pending.lastIndexOf(NL, Math.max(0, scanFrom - 1)) + 1));
    if (recordAt < 0) preamble(keep);
    if (keep > 0) {
      queue.drop(keep);
      pending = queue.view();
      pendingAt += keep;
      scanFrom -= keep;
      if (recordAt >= 0) recordAt = 0;
    }
    opts.onProgress?.(Math.min(at + n, rangeEnd) - Math.max(0, rangeStart - 1), rangeEnd - Math.max(0, rangeStart - 1));
  }
  if (!done) {
    if (recordAt >= 0) yield emit(recordAt, pending.length);
    else if (rangeStart === 0) preamble(pending.length);
  }
}

async function* streamJsonl(path: string, opts: StreamOptions): AsyncGenerator<TraceRecord> {
  const fileName = opts.fileName ?? path;
  let traceLine = 0;
  let index = 0;
  for await (const r of streamJsonlRecords(path, opts)) {
    const rec = jsonlRecordToTrace(r, index++, traceLine, fileName);
    traceLine = rec.endLine + 1;
    yield rec;
  }
}

/** The responses of a JSONL file as `.trace` record inputs (what `import` writes), line by line. */
export async function* streamJsonlRecords(path: string, opts: StreamOptions = {}): AsyncGenerator<JsonlRecord> {
  const fileName = opts.fileName ?? path;
  const rangeStart = opts.start ?? 0;
  const queue = new ByteQueue();
  let lineNo = 0;
  let first = rangeStart > 0; // the first bytes up to a line break belong to the previous range
  let pendingAt = Math.max(0, rangeStart - 1);

  const lineRecords = (bytes: Buffer): JsonlRecord[] => {
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const { records, diagnostics } = jsonlLineToRecords(text, lineNo++, { fileName });
    diagnostics.forEach((d) => opts.onDiagnostic?.(d));
    return records;
  };

  for await (const { at, n, size, rangeEnd } of chunks(path, opts, queue)) {
    const pending = queue.view();
    let from = 0;
    for (;;) {
      const nl = pending.indexOf(NL, from);
      if (nl < 0) break;
      if (first) { first = false; from = nl + 1; continue; }
      if (pendingAt + from >= rangeEnd) return;
      yield* lineRecords(pending.subarray(from, nl));
      opts.signal?.throwIfAborted();
      from = nl + 1;
    }
    queue.drop(from);
    pendingAt += from;
    opts.onProgress?.(Math.min(at + n, rangeEnd), rangeEnd);
    if (at + n >= size && queue.length > 0 && !first && pendingAt < rangeEnd) yield* lineRecords(queue.view());
  }
}
