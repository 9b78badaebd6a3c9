// What a path that is not a regular file is, in words, for the notes that say why it was not read
// (input checks, option files, rollout folders).

/** The file-type tests of node's Stats (and Dirent). */
export interface FileTypeTests {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

/** "a directory", "a FIFO or pipe", "a character device", "a block device", "a socket", else "not a regular file". */
export function fileKind(st: FileTypeTests): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO or pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}
