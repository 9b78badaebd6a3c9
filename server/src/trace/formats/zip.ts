// A ZIP archive read entry by entry (Inspect AI's `.eval` logs are ZIP archives of JSON entries):
// the central directory is read once (names, sizes, offsets; ZIP64 included), then each entry is
// read and inflated on its own when asked for, so an archive of any size costs one entry of memory,
// and a corrupt entry (bad header, failed inflate, CRC mismatch) is an error for that entry only.
// An archive whose central directory is missing or broken (a log cut short, even by one byte) is
// read from its local file headers, in order, with a note: every whole entry before the cut loads.
import { open, type FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate, 93 zstd (newer Inspect logs). */
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** An entry larger than this is refused (a JSON sample of 1 GB is a corrupt size field, or not a log). */
const MAX_ENTRY = 1 << 30;

export class ZipError extends Error {}

export class ZipReader {
  private constructor(
    private readonly fh: FileHandle,
    readonly size: number,
    readonly entries: ZipEntry[],
    /** Set when the entries come from the local headers (the central directory is missing or broken): why, and how many. */
    readonly note?: string,
  ) {}

  /** The archive at `path`, or the bytes already read from it (a pipe: `-`, a FIFO). */
  static async open(path: string, bytes?: Buffer): Promise<ZipReader> {
    const fh = bytes ? bufferHandle(bytes) : await open(path, 'r');
    try {
      const size = (await fh.stat()).size;
      try {
        return new ZipReader(fh, size, await readDirectory(fh, size));
      } catch (err) {
        if (!(err instanceof ZipError)) throw err;
        // A cut archive: the entries written before the cut are still there, each behind its local header.
        const local = await readLocalHeaders(fh, size);
        if (local.entries.length === 0) throw err;
        return new ZipReader(
          fh,
          size,
          local.entries,
          `${err.message}; ${local.entries.length} entries read from their local headers instead${local.stop ? ` (${local.stop})` : ''}`,
        );
      }
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  /** The entry's bytes, inflated and checked; throws a ZipError that says what is wrong with this entry. */
  async read(e: ZipEntry): Promise<Buffer> {
    if (e.size > MAX_ENTRY || e.compressedSize > MAX_ENTRY) throw new ZipError(`entry is ${e.size} bytes: larger than ${MAX_ENTRY} bytes`);
    const head = await readAt(this.fh, e.offset, 30);
    if (head.length < 30 || head.readUInt32LE(0) !== LOCAL)
      throw new ZipError(`no local header at byte ${e.offset} (expected the ZIP signature PK\\3\\4)`);
    const start = e.offset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (start + e.compressedSize > this.size)
      throw new ZipError(`entry data runs past the end of the archive (${start + e.compressedSize} > ${this.size} bytes)`);
    const raw = await readAt(this.fh, start, e.compressedSize);
    let data: Buffer;
    try {
      data = inflate(e, raw);
    } catch (err) {
      if (err instanceof ZipError) throw err;
      throw new ZipError(`cannot decompress: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (data.length !== e.size) throw new ZipError(`decompressed to ${data.length} bytes, the directory says ${e.size}`);
    const crc = zlib.crc32(data) >>> 0;
    if (crc !== e.crc32) throw new ZipError(`CRC-32 mismatch (${hex(crc)}, the directory says ${hex(e.crc32)}): the entry is corrupt`);
    return data;
  }
}

/** Bytes in memory with the file handle's calls the reader makes (read at a position, stat, close). */
function bufferHandle(bytes: Buffer): FileHandle {
  const handle = {
    read: async (target: Buffer, offset: number, length: number, position: number) => ({
      bytesRead: position >= bytes.length ? 0 : bytes.copy(target, offset, position, Math.min(bytes.length, position + length)),
      buffer: target,
    }),
    stat: async () => ({ size: bytes.length }),
    close: async () => {},
  };
  return handle as unknown as FileHandle;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

function inflate(e: ZipEntry, raw: Buffer): Buffer {
  if (e.method === 0) return raw;
  if (e.method === 8) return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(e.size, 1) });
  if (e.method === 93) {
    // zstd: in node:zlib from Node 22.15 / 23.8 on.
    const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer }).zstdDecompressSync;
    if (zstd) return zstd(raw);
    throw new ZipError(
      `compressed with zstd (method 93), which this Node.js ${process.version} cannot decompress (Node 22.15 or later can)`,
    );
  }
  throw new ZipError(`unsupported compression method ${e.method} (stored, deflate and zstd are read)`);
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/**
 * The entries of an archive found by walking its local file headers from the start (each header
 * gives its entry's sizes, so the next header follows the data). Stops at the central directory
 * (or anything else that is not a local header), at an entry whose sizes come after its data (a
 * data descriptor: its end cannot be known), and at the end of the file; an entry cut by the end
 * is kept, for read() to report.
 */
async function readLocalHeaders(fh: FileHandle, size: number): Promise<{ entries: ZipEntry[]; stop?: string }> {
  const entries: ZipEntry[] = [];
  let p = 0;
  while (p + 30 <= size) {
    const head = await readAt(fh, p, 30);
    if (head.readUInt32LE(0) !== LOCAL) return { entries };
    const flags = head.readUInt16LE(6);
    const nameLen = head.readUInt16LE(26);
    const extraLen = head.readUInt16LE(28);
    const meta = await readAt(fh, p + 30, nameLen + extraLen);
    const e: ZipEntry = {
      method: head.readUInt16LE(8),
      crc32: head.readUInt32LE(14),
      compressedSize: head.readUInt32LE(18),
      size: head.readUInt32LE(22),
      offset: p,
      name: meta.toString('utf8', 0, nameLen),
    };
    // ZIP64 extra field (id 1) in a local header: the uncompressed then the compressed size.
    for (let x = nameLen; x + 4 <= meta.length;) {
      const id = meta.readUInt16LE(x);
      const len = meta.readUInt16LE(x + 2);
      if (id === 1 && len >= 16 && x + 20 <= meta.length) {
        e.size = Number(meta.readBigUInt64LE(x + 4));
        e.compressedSize = Number(meta.readBigUInt64LE(x + 12));
      }
      x += 4 + len;
    }
    if (flags & 8) return { entries, stop: `entry ${e.name} has its sizes after its data: it and the entries after it are not read` };
    entries.push(e);
    p += 30 + nameLen + extraLen + e.compressedSize;
  }
  return { entries };
}

async function readDirectory(fh: FileHandle, size: number): Promise<ZipEntry[]> {
  // The end record is in the last 64 KiB + 22 bytes (its comment is at most 65535 bytes).
  const tailLen = Math.min(size, 65557);
  const tail = await readAt(fh, size - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  if (at < 0) throw new ZipError('not a ZIP archive: no end-of-central-directory record');
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  // ZIP64: the 32-bit fields hold 0xFFFF(FFFF) and the real values are in the ZIP64 end record.
  if (
    (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) &&
    at >= 20 &&
    tail.readUInt32LE(at - 20) === EOCD64_LOCATOR
  ) {
    const rec = await readAt(fh, Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
    if (rec.readUInt32LE(0) !== EOCD64) throw new ZipError('broken ZIP64 end record');
    count = Number(rec.readBigUInt64LE(32));
    dirSize = Number(rec.readBigUInt64LE(40));
    dirOffset = Number(rec.readBigUInt64LE(48));
  }
  if (dirOffset + dirSize > size)
    throw new ZipError(
      `the central directory (${dirSize} bytes at ${dirOffset}) runs past the end of the file (${size} bytes): truncated archive`,
    );
  const dir = await readAt(fh, dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL)
      throw new ZipError(`central directory entry ${k + 1} of ${count} is broken`);
    const nameLen = dir.readUInt16LE(p + 28);
    const extraLen = dir.readUInt16LE(p + 30);
    const commentLen = dir.readUInt16LE(p + 32);
    const e: ZipEntry = {
      method: dir.readUInt16LE(p + 10),
      crc32: dir.readUInt32LE(p + 16),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      offset: dir.readUInt32LE(p + 42),
      name: dir.toString('utf8', p + 46, p + 46 + nameLen),
    };
    // ZIP64 extra field (id 1): the 64-bit values, in order, of the fields that are saturated.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = dir.readUInt16LE(x);
      const len = dir.readUInt16LE(x + 2);
      if (id === 1) {
        let q = x + 4;
        if (e.size === 0xffffffff) {
          e.size = Number(dir.readBigUInt64LE(q));
          q += 8;
        }
        if (e.compressedSize === 0xffffffff) {
          e.compressedSize = Number(dir.readBigUInt64LE(q));
          q += 8;
        }
        if (e.offset === 0xffffffff) e.offset = Number(dir.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    entries.push(e);
    p = xEnd + commentLen;
  }
  return entries;
}
