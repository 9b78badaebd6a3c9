// LSP base-protocol framing on stdin (`--stdio`): `Content-Length: N\r\n` (other `Key: value`
// headers allowed), a blank line, then N bytes of body. vscode-jsonrpc's reader, on a frame it
// cannot read (garbage bytes, a missing or non-numeric Content-Length), reports an error nobody
// sees and keeps its buffer out of step, so every later message is lost: the server stays alive
// but deaf. This guard follows the same bytes (headers only; bodies are skipped by length) and
// reports the first framing error, so the server can exit and its client restart it. A body that
// is not valid JSON is not a framing error: the stream stays in step.

/** A header block longer than this without its blank line is garbage, not a header. */
export const MAX_HEADER_BYTES = 64 * 1024;

const TERMINATOR = Buffer.from('\r\n\r\n', 'latin1');

export class FramingGuard {
  /** Header bytes of the message being read, before its blank line (copied: chunks are not kept). */
  private header: Buffer[] = [];
  private headerLength = 0;
  /** The last (up to 3) bytes of `header`, where a blank line split by a chunk boundary starts. */
  private tail: Buffer = Buffer.alloc(0);
  /** Body bytes still to skip; -1 while reading a header. */
  private bodyLeft = -1;
  /** The first framing error; once set, the stream cannot be trusted again. */
  error: string | undefined;

  /** Follows `chunk`; returns the framing error, if this chunk (or an earlier one) broke the framing. */
  feed(chunk: Buffer): string | undefined {
    let at = 0;
    while (this.error === undefined && at < chunk.length) {
      if (this.bodyLeft >= 0) {
        const skip = Math.min(this.bodyLeft, chunk.length - at);
        at += skip;
        this.bodyLeft -= skip;
        if (this.bodyLeft === 0) this.bodyLeft = -1;
        continue;
      }
      const rest = chunk.subarray(at);
      // Where the blank line ends in `rest` (it may begin in the held tail), or -1.
      const probe = this.tail.length > 0 ? Buffer.concat([this.tail, rest.subarray(0, 3)]).indexOf(TERMINATOR) : -1;
      const found = probe >= 0 ? probe + TERMINATOR.length - this.tail.length : rest.indexOf(TERMINATOR);
      const end = probe >= 0 ? found : found < 0 ? -1 : found + TERMINATOR.length;
      if (end < 0) {
        if (this.headerLength + rest.length > MAX_HEADER_BYTES) {
          this.error = `no header end (a blank line) in the first ${MAX_HEADER_BYTES} bytes of a message: not an LSP frame`;
          return this.error;
        }
        const copy = Buffer.from(rest);
        this.header.push(copy);
        this.headerLength += copy.length;
        this.tail = Buffer.concat([this.tail, copy]).subarray(-3);
        return undefined;
      }
      const block = Buffer.concat([...this.header, rest.subarray(0, end)]);
      this.header = [];
      this.headerLength = 0;
      this.tail = Buffer.alloc(0);
      const length = this.contentLength(block.toString('latin1', 0, block.length - TERMINATOR.length));
      if (length === undefined) return this.error;
      at += end;
      this.bodyLeft = length > 0 ? length : -1;
    }
    return this.error;
  }

  /** The Content-Length of a header block (lines `Key: value`), or undefined with `error` set. */
  private contentLength(block: string): number | undefined {
    let value: string | undefined;
    for (const line of block.split('\r\n')) {
      const colon = line.indexOf(':');
      // vscode-jsonrpc reads the key up to the colon as it is (lower-cased), the value trimmed.
      if (colon < 0) {
        this.error = `header line without "key: value": ${JSON.stringify(line.slice(0, 80))}`;
        return undefined;
      }
      if (line.slice(0, colon).toLowerCase() === 'content-length') value = line.slice(colon + 1).trim();
    }
    if (value === undefined) {
      this.error = `header without Content-Length: ${JSON.stringify(block.slice(0, 120))}`;
      return undefined;
    }
    if (!/^\d{1,15}$/.test(value)) {
      this.error = `Content-Length is not a byte count: ${JSON.stringify(value.slice(0, 40))}`;
      return undefined;
    }
    return Number(value);
  }
}

/**
 * Watches `input` (the server's stdin, read by the connection as well) and calls `onError` once,
 * on the first framing error.
 */
export function guardFraming(input: NodeJS.ReadableStream, onError: (message: string) => void): void {
  const guard = new FramingGuard();
  const onData = (chunk: Buffer | string): void => {
    const error = guard.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    if (error !== undefined) {
      input.off('data', onData);
      onError(error);
    }
  };
  input.on('data', onData);
}

/** For `--stdio`: exit with status 1 on a framing error, so the client restarts the server. */
export function exitOnStdioFramingError(argv: readonly string[] = process.argv): void {
  if (!argv.includes('--stdio')) return;
  guardFraming(process.stdin, (message) => {
    const exit = (): never => process.exit(1);
    // Stdout may be out of step too: the reason goes to stderr (the client's output channel).
    process.stderr.write(
      `reflection-lens: LSP framing error on stdin (${message}); the message stream cannot be resynchronised, exiting so the client restarts the server\n`,
      exit,
    );
    setTimeout(exit, 1000).unref();
  });
}
