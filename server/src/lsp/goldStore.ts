// The file side of labelling in the editor: reading and writing NAME.trace.gold.jsonl beside a
// trace without ever touching anything else, and without blocking the server.
//
// - Nothing that is not a regular file is opened: every path is stat'ed first, and opened with
//   O_NONBLOCK (so a FIFO swapped in after the stat cannot block a read either) and fstat'ed again.
// - The gold file is written only where it is a regular file beside the trace, or does not exist
//   yet in the trace's folder; a symlink is written through only when it resolves to a regular
//   file in the trace's folder that is not the trace. Folders are never created.
// - A write is util/atomicWrite.ts's: a temp file `.NAME.gold.jsonl.<pid>.<unique>.tmp` beside the
//   gold file renamed over it. A process killed between the two leaves its temp file; the next label written on this
//   machine removes those of processes that no longer run.
// - Writers serialise on a lock file `NAME.gold.jsonl.lock` created with O_EXCL beside the gold
//   file (two windows, two servers): retried with backoff, broken when its process is gone (same
//   host) or when it is older than STALE_MS.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { tempPrefixFor, writeFileAtomic } from '../util/atomicWrite.js';

/** A refusal or failure to show the user as it is (its message names the path). */
export class GoldFileError extends Error {}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const reason = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, '')}` : String((e as Error)?.message ?? e);
};

/**
 * The bytes of a regular file, or undefined when it does not exist. Throws GoldFileError for
 * anything else (a directory, FIFO, device), without opening it.
 */
export function readRegularFile(path: string, what: string): Buffer | undefined {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new GoldFileError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  if (!st.isFile()) throw new GoldFileError(`${what} ${path} is ${kindOf(st)}, not a regular file`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new GoldFileError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  try {
    const now = fstatSync(fd);
    if (!now.isFile()) throw new GoldFileError(`${what} ${path} is ${kindOf(now)}, not a regular file`);
    const buf = Buffer.allocUnsafe(now.size);
    let n = 0;
    while (n < buf.length) {
      const k = readSync(fd, buf, n, buf.length - n, n);
      if (k === 0) break;
      n += k;
    }
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof GoldFileError) throw e;
    throw new GoldFileError(`cannot read ${what} ${path}: ${reason(e)}`);
  } finally {
    closeSync(fd);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The gold file's text ('' when there is none); throws GoldFileError when it is not a regular file or not UTF-8. */
export function readGoldText(path: string): string {
  const buf = readRegularFile(path, 'the gold file');
  if (!buf) return '';
  try {
    return utf8.decode(buf);
  } catch {
    throw new GoldFileError(`the gold file ${path} is not valid UTF-8; it is left as it is (labels are JSON Lines text)`);
  }
}

/**
 * Where a label for `tracePath` may be written: the gold path itself, or, for a symlink, the
 * regular file beside the trace it resolves to. Throws GoldFileError naming the path otherwise.
 */
export function goldWriteTarget(tracePath: string, goldPath: string): string {
  let traceSt: Stats;
  try {
    traceSt = statSync(tracePath);
  } catch (e) {
    throw new GoldFileError(`the trace ${tracePath} is not on disk (${reason(e)}); save it before labelling`);
  }
  let lst: Stats;
  try {
    lst = lstatSync(goldPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return goldPath;
    throw new GoldFileError(`cannot write the gold file ${goldPath}: ${reason(e)}`);
  }
  const sameAsTrace = (st: Stats): boolean => st.ino === traceSt.ino && st.dev === traceSt.dev;
  if (lst.isSymbolicLink()) {
    let real: string;
    let st: Stats;
    try {
      real = realpathSync(goldPath);
      st = statSync(real);
    } catch (e) {
      throw new GoldFileError(`the gold file ${goldPath} is a symlink that does not resolve (${reason(e)}); not written`);
    }
    if (!st.isFile()) throw new GoldFileError(`the gold file ${goldPath} is a symlink to ${kindOf(st)} (${real}); not written`);
    if (sameAsTrace(st)) throw new GoldFileError(`the gold file ${goldPath} is a symlink to the trace itself; not written`);
    if (dirname(real) !== realpathSync(dirname(tracePath)))
      throw new GoldFileError(`the gold file ${goldPath} is a symlink to ${real}, outside the trace's folder; not written`);
    return real;
  }
  if (!lst.isFile()) throw new GoldFileError(`the gold file ${goldPath} is ${kindOf(lst)}, not a regular file; not written`);
  if (sameAsTrace(lst)) throw new GoldFileError(`the gold file ${goldPath} is the trace itself (a hard link); not written`);
  return goldPath;
}

/** Writes `text` to `target` atomically (util/atomicWrite.ts: temp file beside it, renamed over it; its mode kept); never creates a folder. */
export function writeGoldText(target: string, text: string): void {
  try {
    writeFileAtomic(target, text, { createFolders: false });
  } catch (e) {
    throw new GoldFileError(`could not write the gold file ${target}: ${reason(e)}`);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes temp files of `target` left by processes of this machine that no longer run (call with the lock held). */
export function removeStaleTemps(target: string): void {
  const prefix = tempPrefixFor(target);
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(/^(\d+)\./.exec(name.slice(prefix.length))?.[1]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) rmSync(join(dirname(target), name), { force: true });
  }
}

/** A lock older than this is broken whoever holds it (a label write takes well under a second). */
export const STALE_MS = 30_000;
/** How long a label waits for another writer's lock before giving up with a message. */
const WAIT_MS = 15_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether the lock at `lock` was left by a process that is gone, or is older than STALE_MS. */
function isStale(lock: string): boolean {
  let st: Stats;
  let owner: { pid?: unknown; host?: unknown } = {};
  try {
    st = statSync(lock);
    owner = JSON.parse(readFileSync(lock, 'utf8')) as typeof owner;
  } catch {
    // Being written (empty) or just removed: look again next time.
    return false;
  }
  if (Date.now() - st.mtimeMs > STALE_MS) return true;
  return owner.host === hostname() && typeof owner.pid === 'number' && !alive(owner.pid);
}

/**
 * Runs `fn` holding `GOLD.lock` (created with O_EXCL beside the gold file). Waits with backoff
 * while another writer holds it; breaks a stale lock; throws GoldFileError after WAIT_MS.
 */
export async function withGoldLock<T>(goldPath: string, fn: () => T): Promise<T> {
  const lock = `${goldPath}.lock`;
  const t0 = Date.now();
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx', 0o644);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new GoldFileError(`cannot lock the gold file ${goldPath} (${lock}): ${reason(e)}`);
    }
    if (fd !== undefined) {
      try {
        writeFileSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      } finally {
        closeSync(fd);
      }
      try {
        return fn();
      } finally {
        rmSync(lock, { force: true });
      }
    }
    if (isStale(lock)) {
      // Renamed away first, so that of two processes breaking it at once only one removes it.
      const aside = `${lock}.${process.pid}.${randomBytes(3).toString('hex')}.stale`;
      try {
        renameSync(lock, aside);
        rmSync(aside, { force: true });
      } catch {
        // Someone else broke it: try again at once.
      }
      continue;
    }
    if (Date.now() - t0 > WAIT_MS)
      throw new GoldFileError(
        `the gold file ${goldPath} is locked by another writer (${lock}); try again, or remove the lock file if no Reflection Lens is labelling`,
      );
    await sleep(delay + Math.random() * delay);
  }
}
