// The input check of the commands that take FILE... (analysis/corpus.ts checkInputFiles, the one
// calibrate's listing applies): a file given twice (or through a link) is read once, with a note;
// a device or socket (/dev/zero: endless) is not read, with the reason.
import { checkInputFiles, type Skipped } from '../analysis/corpus.js';
import { escapeInline } from './terminal.js';

export interface InputFiles {
  /** The paths to read, in order, each file once. */
  files: string[];
  /** Devices and sockets left unread (the command fails on them as on an unreadable file). */
  notRead: Skipped[];
}

/** The files to read; each repeat and each path not read is said on stderr (`file: reason`). */
export function inputFiles(paths: readonly string[], report = true): InputFiles & { repeats: Skipped[] } {
  const { files, repeats, notRead } = checkInputFiles(paths);
  if (report) for (const s of [...repeats, ...notRead]) process.stderr.write(`${escapeInline(s.file)}: ${escapeInline(s.reason)}\n`);
  return { files, repeats, notRead };
}
