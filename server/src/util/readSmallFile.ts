// Reading a whole option file (--markers, --answer-patterns, --config, --gold, a verl config)
// under the check the main inputs have (analysis/corpus.ts InputCheck): a device or socket
// (/dev/zero, /dev/urandom: endless) is not read, and no file is read past a size bound, so a
// wrong path fails at once with the reason instead of filling memory. A FIFO or pipe given by name
// (`--config <(echo ...)`) is read, up to the same bound.
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { fileKind } from './fileKind.js';

/** The bound for a settings file (markers, patterns, run configs): far above any real one. */
export const OPTION_FILE_MAX_BYTES = 16 << 20;
/** The bound for a gold-label file, read whole. */
export const GOLD_FILE_MAX_BYTES = 256 << 20;

/** Why a file was not read (a device, a directory, too large); the message says which and why. */
export class SmallFileError extends Error {
  override name = 'SmallFileError';
}

function notRegular(st: Stats): string | undefined {
  if (st.isFile() || st.isFIFO()) return undefined;
  if (st.isDirectory()) return 'a directory, not a file';
  const kind = fileKind(st);
  return kind === 'not a regular file' ? 'not a regular file: not read' : `${kind}, not a regular file: not read (it can be endless)`;
}

const mib = (n: number): string => `${Math.round(n / (1 << 20))} MiB`;

/**
 * The text of `path` (UTF-8), at most `maxBytes`; throws SmallFileError for a device, socket or
 * directory and for a file larger than the bound (a pipe: once the bound is passed), and the
 * system's error (ENOENT, EACCES) otherwise. The device check is made on the opened descriptor, so
 * a link swapped between check and read cannot slip a device through.
 */
export function readSmallFile(path: string, maxBytes = OPTION_FILE_MAX_BYTES): string {
  // O_NONBLOCK is not used: a FIFO blocks until its writer opens it, as a read of it should.
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const why = notRegular(st);
    if (why !== undefined) throw new SmallFileError(why);
    if (st.isFile() && st.size > maxBytes)
      throw new SmallFileError(`${st.size} bytes: larger than the ${mib(maxBytes)} such a file may have`);
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, maxBytes + 1 - total), null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new SmallFileError(`more than the ${mib(maxBytes)} such a file may have: not read further`);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The message for a read failure: SmallFileError's reason, or the system error's message. */
export const readFailure = (err: unknown): string => (err instanceof Error ? err.message : String(err));
