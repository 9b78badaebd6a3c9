// Writes files so that readers (and the user, after a failure or Ctrl-C) see either the old
// content or the whole new one, never a torn or empty file: the bytes go to a temp file beside
// the target, renamed over it only when complete (atomic on POSIX).
//
// - A symlinked output is written through: the temp file is made in the directory of the link's
//   final target and renamed over the target, so the link stays a link (resolveOutputTarget).
// - A directory, FIFO, device or socket is refused with an OutputPathError before anything is written.
// - An existing target keeps its permission bits.
// - Unfinished temp files are removed on failure, on exit and on SIGINT/SIGTERM/SIGHUP; after a
//   signal the process then dies of that same signal (the shell reports 128+N: 130, 143, 129).
import {
  chmodSync,
  closeSync,
  createWriteStream,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { resolveOutputTarget } from './outputPath.js';

export { OutputPathError, checkOutputs, resolveOutputTarget, sameFileAs } from './outputPath.js';

/** `.NAME.`: the start of every temp file's name for `target` (kept under NAME_MAX for long names). */
export const tempPrefixFor = (target: string): string => `.${basename(target).slice(0, 200)}.`;

/** `.NAME.<pid>.<unique>.tmp` beside `target` (dot-file: corpus scans skip it). */
function tempPathFor(target: string): string {
  return join(dirname(target), `${tempPrefixFor(target)}${process.pid}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}.tmp`);
}

// ---- temp files of this process, removed on failure, exit and signals ----------------------

const liveTemps = new Set<string>();
const liveFiles = new Set<AtomicFile>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type CleanupSignal = (typeof SIGNALS)[number];
const handlers = new Map<CleanupSignal, () => void>();
let exitHooked = false;

function removeLiveTemps(): number {
  let n = 0;
  for (const f of [...liveFiles]) {
    f.abort();
    n++;
  }
  for (const t of [...liveTemps]) {
    try {
      rmSync(t, { force: true });
      n++;
    } catch {
      /* nothing more to do on the way out */
    }
    liveTemps.delete(t);
  }
  return n;
}

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  // process.exit() (an EPIPE on stdout, an error path) and the normal end: nothing half-written stays.
  process.on('exit', removeLiveTemps);
}

/**
 * While streamed outputs are open, SIGINT/SIGTERM/SIGHUP remove their temp files and then end the
 * process with the same signal. The handlers stay installed (a signal arriving as the last file
 * commits is not lost): with no temp file open, they only re-raise. A command that handles the
 * signal itself (train's graceful stop) keeps that: its own listener decides, and the exit hook
 * still removes whatever is left when the process ends.
 */
function hookSignals(): void {
  hookExit();
  if (handlers.size > 0) return;
  for (const sig of SIGNALS) {
    const handler = (): void => {
      if (process.listenerCount(sig) > 1) return;
      const n = removeLiveTemps();
      if (n > 0) process.stderr.write(`\ninterrupted (${sig}): unfinished output removed; existing files left as they were\n`);
      for (const [s, h] of handlers) process.off(s, h);
      handlers.clear();
      process.kill(process.pid, sig);
      // Should the signal not end the process (someone ignores it), exit with the shell's code for it.
      setTimeout(() => process.exit(128 + constants.signals[sig]), 1000);
    };
    handlers.set(sig, handler);
    process.on(sig, handler);
  }
}

/**
 * For a CLI command about to write with writeFileAtomic: from now on SIGINT/SIGTERM/SIGHUP remove
 * this process's temp files and end it by that signal. Not for long-lived processes (the language
 * server): the handler runs on the event loop, so a busy loop would delay the signal's effect.
 */
export function cleanUpOnSignals(): void {
  hookSignals();
}

// ---- whole-buffer writes --------------------------------------------------------------------

/**
 * Writes `data` to `path` atomically (temp file + rename), through a symlink to its target.
 * Throws OutputPathError for a directory/FIFO/device/socket/symlink loop; the target is then untouched.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: { createFolders?: boolean } = {}): void {
  const { target, stats } = resolveOutputTarget(path);
  if (opts.createFolders !== false) mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  hookExit();
  liveTemps.add(tmp);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    if (stats) chmodSync(tmp, stats.mode & 0o7777);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    liveTemps.delete(tmp);
  }
}

// ---- streamed writes ------------------------------------------------------------------------

/**
 * A file written as a stream to a temp file beside its target and renamed into place by commit().
 * Until then the target (and, for a symlink, the link) is untouched; abort(), an error, the end
 * of the process or a signal removes the temp file.
 */
export class AtomicFile {
  /** The absolute path the content is published to (the end of `path`'s symlink chain). */
  readonly target: string;
  readonly tmp: string;
  private readonly stream: WriteStream;
  private error: Error | undefined;
  private state: 'open' | 'finished' | 'committed' | 'aborted' = 'open';

  constructor(readonly path: string) {
    const { target, stats } = resolveOutputTarget(path);
    this.target = target;
    mkdirSync(dirname(target), { recursive: true });
    this.tmp = tempPathFor(target);
    // The signal handlers first: a signal that comes as soon as the temp file exists must find them.
    hookSignals();
    // Opened here (not lazily by the stream) so that abort() always finds the file it removes.
    const fd = openSync(this.tmp, 'wx', 0o666);
    liveFiles.add(this);
    try {
      if (stats) chmodSync(this.tmp, stats.mode & 0o7777);
    } catch (err) {
      closeSync(fd);
      this.abort();
      throw err;
    }
    this.stream = createWriteStream(this.tmp, { fd });
    // A write error (disk full, file size limit) fails the next write() or finish(): never an
    // unhandled 'error' event that kills the process with the temp file left behind.
    this.stream.on('error', (err) => {
      this.error ??= err;
    });
  }

  write(text: string | Uint8Array): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    if (this.state !== 'open') return Promise.reject(new Error(`${this.path}: write after ${this.state}`));
    if (this.stream.write(text)) return Promise.resolve();
    return new Promise((res, rej) => {
      const settle = (): void => {
        this.stream.off('drain', settle);
        this.stream.off('close', settle);
        if (this.error) rej(this.error);
        else if (this.state === 'aborted') rej(new Error(`${this.path}: aborted`));
        else res();
      };
      this.stream.on('drain', settle);
      this.stream.on('close', settle);
    });
  }

  /** Flushes and closes the temp file; throws the first write error. Does not publish. */
  async finish(): Promise<void> {
    if (this.state === 'finished') return;
    if (this.state !== 'open') throw new Error(`${this.path}: finish after ${this.state}`);
    if (!this.error) {
      await new Promise<void>((res) => {
        this.stream.once('close', () => res());
        this.stream.end();
      });
    }
    if (this.error) throw this.error;
    if (this.state !== 'open') throw new Error(`${this.path}: aborted`);
    this.state = 'finished';
  }

  /** Renames the finished temp file over the target (synchronous: a signal cannot split two publishes). */
  publish(): void {
    if (this.state !== 'finished') throw new Error(`${this.path}: publish before finish`);
    renameSync(this.tmp, this.target);
    this.state = 'committed';
    liveFiles.delete(this);
  }

  async commit(): Promise<void> {
    await this.finish();
    this.publish();
  }

  /** Drops the temp file; the target stays as it was. Safe to call more than once. */
  abort(): void {
    if (this.state === 'committed' || this.state === 'aborted') return;
    this.state = 'aborted';
    liveFiles.delete(this);
    this.stream?.destroy();
    rmSync(this.tmp, { force: true });
  }
}

// ---- streams that cannot be replaced --------------------------------------------------------

/** Paths that name this process's standard output. */
const STDOUT_PATHS = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/**
 * What `path` is when it is a pipe, FIFO or character device ("a FIFO (named pipe)", "standard
 * output (a pipe)"), else undefined. Such an output cannot be replaced by a rename (a temp file
 * beside /proc/self/fd/1 is ENOENT when standard output is a pipe), so it is written directly.
 */
export function streamOutputKind(path: string): string | undefined {
  const stdout = STDOUT_PATHS.has(path);
  let st;
  try {
    st = stdout ? fstatSync(1) : statSync(path);
  } catch {
    return undefined;
  }
  const what = st.isFIFO() ? 'a pipe' : st.isCharacterDevice() ? 'a character device' : st.isSocket() ? 'a socket' : undefined;
  if (!what) return undefined;
  if (stdout) return `standard output (${what})`;
  return st.isSocket() ? undefined : what === 'a pipe' ? 'a FIFO (named pipe)' : what;
}

/**
 * An output written straight through, for a pipe, FIFO or device (streamOutputKind): what was
 * written is there at once, so a failure cannot leave the old content; `written` says whether
 * anything went out. Standard output (also as /dev/stdout) is process.stdout itself, left open.
 */
export class DirectFile {
  written = false;
  private readonly stream: NodeJS.WritableStream;
  private readonly own: boolean;
  private error: Error | undefined;

  constructor(readonly path: string) {
    this.own = !STDOUT_PATHS.has(path);
    this.stream = this.own ? createWriteStream(path, { flags: 'w' }) : process.stdout;
    this.stream.on('error', (err: Error) => {
      this.error ??= err;
    });
  }

  write(text: string | Uint8Array): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    this.written = true;
    if (this.stream.write(text)) return Promise.resolve();
    return new Promise((res, rej) => {
      const settle = (): void => {
        this.stream.off('drain', settle);
        this.stream.off('close', settle);
        if (this.error) rej(this.error);
        else res();
      };
      this.stream.on('drain', settle);
      this.stream.on('close', settle);
    });
  }

  /** Flushes (and closes what it opened); throws the first write error. */
  async finish(): Promise<void> {
    if (!this.error)
      await new Promise<void>((res) => {
        if (this.own) {
          this.stream.once('close', () => res());
          this.stream.end();
        } else this.stream.write('', () => res());
      });
    if (this.error) throw this.error;
  }

  /** Nothing to rename: the bytes are already there. */
  publish(): void {}

  abort(): void {
    if (this.own) (this.stream as WriteStream).destroy();
  }
}
