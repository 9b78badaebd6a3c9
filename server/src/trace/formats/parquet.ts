// Parquet datasets read row group by row group with hyparquet: memory holds one row group of the
// columns the mapping reads (plus short scalar columns kept as headers), never the file. Nested
// types (lists of strings, lists of structs, lists of lists) arrive as plain JS arrays and objects.
// A row group that cannot be decoded is a diagnostic for its rows; the other groups still load.
import * as zlib from 'node:zlib';
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
  type AsyncBuffer,
  type Compressors,
  type FileMetaData,
} from 'hyparquet';

export interface ParquetRowItem {
  row: Record<string, unknown>;
  /** 0-based row number in the file. */
  position: number;
}

export interface ParquetFile {
  file: AsyncBuffer;
  metadata: FileMetaData;
  /** Top-level columns, and which hold a single value (not a list or struct): those can ride along as headers. */
  columns: string[];
  scalarColumns: Set<string>;
  /** Rows of each row group, its compressed bytes (for progress) and uncompressed bytes (what decoding it costs). */
  groups: { start: number; rows: number; bytes: number; uncompressed: number }[];
}

/**
 * Codecs hyparquet leaves to the caller (it decodes SNAPPY itself): GZIP and BROTLI from node:zlib,
 * ZSTD where this Node.js has it (22.15+). LZ4 files are reported as unsupported by hyparquet.
 */
const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Buffer }).zstdDecompressSync;
const compressors: Compressors = {
  GZIP: (input) => new Uint8Array(zlib.gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(zlib.brotliDecompressSync(input)),
  ...(zstd ? { ZSTD: (input: Uint8Array) => new Uint8Array(zstd(input)) } : {}),
};

/**
 * What is wrong with a Parquet file's tail, in words, or undefined when it looks whole: the last
 * 8 bytes are the footer's length and "PAR1"; a length of 0, or one past the file's start, is a
 * cut or damaged file (hyparquet's own message for those is a TypeError about `map`).
 */
async function footerProblem(file: AsyncBuffer): Promise<string | undefined> {
  const size = file.byteLength;
  if (size < 12) return `${size} bytes: too short for a Parquet file (at least 12)`;
  const tail = new DataView(await file.slice(size - 8, size));
  const magic = String.fromCharCode(tail.getUint8(4), tail.getUint8(5), tail.getUint8(6), tail.getUint8(7));
  if (magic !== 'PAR1') return `it does not end in "PAR1" (cut, or not Parquet)`;
  const length = tail.getUint32(0, true);
  if (length === 0) return `the footer's length is 0 (the file's metadata is missing: cut or damaged)`;
  if (length > size - 12) return `the footer's length, ${length} bytes, is more than the file holds (${size} bytes: cut or damaged)`;
  return undefined;
}

/** A Parquet file held in memory (read through a pipe) as hyparquet reads a file. */
function bufferFile(bytes: Buffer): AsyncBuffer {
  const whole = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { byteLength: whole.byteLength, slice: (start, end) => whole.slice(start, end) };
}

/** The file at `path`, or the bytes already read from it (a pipe: `-`, a FIFO). */
export async function openParquet(path: string, bytes?: Buffer): Promise<ParquetFile> {
  const file = bytes ? bufferFile(bytes) : await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  let tree: ReturnType<typeof parquetSchema>;
  try {
    const problem = await footerProblem(file);
    if (problem !== undefined) throw new Error(problem);
    metadata = await parquetMetadataAsync(file);
    if (!Array.isArray(metadata.row_groups) || !Array.isArray(metadata.schema)) throw new Error('its metadata has no row groups or schema');
    tree = parquetSchema(metadata);
  } catch (err) {
    throw new Error(`not a readable Parquet file: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const columns = tree.children.map((c) => c.element.name);
  const scalarColumns = new Set(
    tree.children.filter((c) => c.children.length === 0 && c.element.repetition_type !== 'REPEATED').map((c) => c.element.name),
  );
  let start = 0;
  const groups = metadata.row_groups.map((g) => {
    const rows = Number(g.num_rows);
    const bytes = g.columns.reduce((a, c) => a + Number(c.meta_data?.total_compressed_size ?? 0n), 0);
    const out = { start, rows, bytes, uncompressed: Number(g.total_byte_size) };
    start += rows;
    return out;
  });
  return { file, metadata, columns, scalarColumns, groups };
}

/**
 * The first row with every column, to detect the format and build the mapping from: the first
 * row of the first row group that can be decoded (a damaged first group costs its own rows, as
 * any other group's damage does, not the file). Throws, naming the row group, when none can.
 */
export async function firstParquetRow(pq: ParquetFile): Promise<Record<string, unknown> | undefined> {
  if (pq.groups.every((g) => g.rows === 0)) return undefined;
  let first: string | undefined;
  for (const [g, { start, rows }] of pq.groups.entries()) {
    if (rows === 0) continue;
    try {
      const [row] = await parquetReadObjects({ file: pq.file, metadata: pq.metadata, rowStart: start, rowEnd: start + 1, compressors });
      if (row) return row;
    } catch (err) {
      first ??= `row group ${g + 1} (rows ${start + 1}-${start + rows}) cannot be decoded: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  throw new Error(`no row group can be decoded; the first: ${first ?? 'no rows'}`);
}

export interface ParquetRowsOptions {
  /** Columns to read (undefined: all). */
  columns?: string[];
  /** Row groups [from, to) to read (default: all), so workers can share a file. */
  groups?: [number, number];
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** A row group that cannot be decoded: its first row and the reason. */
  onGroupError?: (group: number, firstRow: number, rows: number, message: string) => void;
}

export async function* parquetRows(pq: ParquetFile, opts: ParquetRowsOptions = {}): AsyncGenerator<ParquetRowItem> {
  const [from, to] = opts.groups ?? [0, pq.groups.length];
  const total = pq.groups.slice(from, to).reduce((a, g) => a + g.bytes, 0);
  let done = 0;
  for (let g = from; g < Math.min(to, pq.groups.length); g++) {
    opts.signal?.throwIfAborted();
    const { start, rows, bytes } = pq.groups[g];
    let data: Record<string, unknown>[];
    try {
      data =
        rows === 0
          ? []
          : await parquetReadObjects({
              file: pq.file,
              metadata: pq.metadata,
              columns: opts.columns,
              rowStart: start,
              rowEnd: start + rows,
              compressors,
            });
    } catch (err) {
      opts.onGroupError?.(g, start, rows, err instanceof Error ? err.message : String(err));
      data = [];
    }
    for (let j = 0; j < data.length; j++) yield { row: data[j], position: start + j };
    done += bytes;
    opts.onProgress?.(done, total);
  }
}
