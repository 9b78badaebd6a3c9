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

export async function openParquet(path: string): Promise<ParquetFile> {
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw new Error(`not a readable Parquet file: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const tree = parquetSchema(metadata);
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

/** The first row with every column, to detect the format and build the mapping from. */
export async function firstParquetRow(pq: ParquetFile): Promise<Record<string, unknown> | undefined> {
  if (pq.groups.every((g) => g.rows === 0)) return undefined;
  const [row] = await parquetReadObjects({ file: pq.file, metadata: pq.metadata, rowStart: 0, rowEnd: 1, compressors });
  return row;
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
