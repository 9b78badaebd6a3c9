// Where a writer's output really goes, and whether it may go there: an output path that is a
// symlink is written through to its target (the link stays), a directory, FIFO, device or socket
// is refused, and an output that is one of the command's inputs (the same path, a symlink to it,
// a hard link to it: compared by device and inode) is refused before anything is read or written.
import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** An output path that must not be written; the message names the path and says why. */
export class OutputPathError extends Error {
  override name = 'OutputPathError';
}

const MAX_LINKS = 40; // as Linux's ELOOP limit

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'is a character device';
  if (st.isBlockDevice()) return 'is a block device';
  if (st.isSocket()) return 'is a socket';
  return 'is not a regular file';
}

const shown = (path: string, target: string): string => (resolve(path) === target ? path : `${path} (-> ${target})`);

export interface OutputTarget {
  /** The absolute path the bytes go to: `path` itself, or the end of its symlink chain. */
  target: string;
  /** The existing regular file there, if any (its mode is kept). */
  stats?: Stats;
}

/**
 * Follows `path` through symlinks (a dangling link names the file to create) to the file a writer
 * replaces. Throws OutputPathError for a directory, FIFO, device or socket, a symlink loop, or a
 * parent that is not a directory.
 */
export function resolveOutputTarget(path: string): OutputTarget {
  let p = resolve(path);
  for (let hops = 0; ; hops++) {
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch (err) {
      if (code(err) === 'ENOENT') return { target: p };
      if (code(err) === 'ELOOP')
        throw new OutputPathError(`cannot write ${shown(path, p)}: too many levels of symbolic links (a symlink loop)`);
      if (code(err) === 'ENOTDIR') throw new OutputPathError(`cannot write ${shown(path, p)}: a parent of it is not a directory`);
      throw err;
    }
    if (st.isSymbolicLink()) {
      if (hops >= MAX_LINKS) throw new OutputPathError(`cannot write ${path}: too many levels of symbolic links (a symlink loop)`);
      p = resolve(dirname(p), readlinkSync(p));
      continue;
    }
    const kind = kindOf(st);
    if (kind) throw new OutputPathError(`refusing to write over ${shown(path, p)}: it ${kind}; give the path of a regular file`);
    return { target: p, stats: st };
  }
}

/** Device and inode of the file `path` names (symlinks followed), or undefined when there is none. */
function fileId(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

const isLink = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

const realpathSafe = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

const isDirectory = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * How `output` is the same file as `input` ("is the same path", "is a symbolic link to it", "is a
 * hard link to it", ...), or undefined when writing `output` cannot touch `input`. Existing files
 * are compared by device and inode, which covers every spelling, symlink and hard link; an output
 * that does not exist yet cannot be an input (only the identical path is refused, as a mistake).
 */
export function sameFileAs(output: string, input: string, outputId = fileId(output)): string | undefined {
  if (resolve(output) === resolve(input)) return 'is the same path';
  if (outputId === undefined || fileId(input) !== outputId) return undefined;
  if (isLink(output)) return 'is a symbolic link to it';
  if (isLink(input)) return 'is where it links to';
  if (realpathSafe(output) === realpathSafe(input)) return 'is the same file (through a symlinked folder)';
  return 'is a hard link to it (the same inode)';
}

export interface OutputSpec {
  /** How the user named it: "--html", "-o", "the log-prob sidecar of -o". */
  what: string;
  path: string;
  /** Written only in some runs (a sidecar): checked against the inputs now, for its kind when written. */
  onlyIfWritten?: boolean;
}

/**
 * Checks a command's outputs before it starts: each must be a regular file or absent (symlinks
 * followed) and none may be one of `inputs`. Throws OutputPathError with a precise message.
 */
export function checkOutputs(outputs: readonly OutputSpec[], inputs: readonly string[]): void {
  for (const o of outputs) {
    const id = fileId(o.path);
    // The input named by the very same path first, then any other name of the same file.
    const exact = inputs.find((input) => resolve(input) === resolve(o.path));
    for (const input of exact !== undefined ? [exact, ...inputs] : inputs) {
      const how = sameFileAs(o.path, input, id);
      if (how)
        throw new OutputPathError(
          `refusing to overwrite the input ${isDirectory(input) ? 'folder' : 'file'} ${input}: ${o.what} ${o.path} ${how}; choose another output path`,
        );
    }
    if (!o.onlyIfWritten) resolveOutputTarget(o.path);
  }
}
