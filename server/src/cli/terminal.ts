// Everything the CLI prints passes through one escaping helper: trace content (a `model:` header,
// a record id, a broken JSONL line quoted in a diagnostic, a file name) can hold escape sequences
// that retitle, recolour or rewrite the user's terminal (OSC `ESC ] 0;...BEL`, CSI `ESC [ 31m`,
// the one-character C1 CSI U+009B, a carriage return that overwrites the line). They are shown as
// `\u001b` instead, the way JSON writes them, so --json output stays valid JSON and parses back
// to the exact text. `guardTerminalOutput` applies the helper to every string written to stdout
// and stderr (tables, diagnostics, skipped lists, --findings, error messages, and any print path
// added later); the progress line's own cursor control goes through `writeTerminalControl`.

/** Control characters a terminal acts on: C0 except tab and line feed, DEL, C1. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** The same plus tab and line feed: for text that must stay on one line (a table cell). */
// eslint-disable-next-line no-control-regex
const CONTROL_INLINE = /[\u0000-\u001f\u007f-\u009f]/g;

const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control character a terminal acts on written as `\uXXXX`; tabs and line breaks kept. */
export function escapeControl(text: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text) ? text.replace(CONTROL, escapeChar) : text;
}

/** `text` as one line: every control character, tabs and line breaks too, written as `\uXXXX` (table cells, names). */
export function escapeInline(text: string): string {
  CONTROL_INLINE.lastIndex = 0;
  return CONTROL_INLINE.test(text) ? text.replace(CONTROL_INLINE, escapeChar) : text;
}

/** Whether raw bytes hold a control character (C1 as its UTF-8 form C2 80..9F). */
function bytesNeedEscaping(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f || (c === 0xc2 && i + 1 < b.length && b[i + 1] >= 0x80 && b[i + 1] <= 0x9f))
      return true;
  }
  return false;
}

type Write = NodeJS.WriteStream['write'];
const originals = new Map<NodeJS.WriteStream, Write>();

/**
 * Makes every later write to stdout and stderr go through `escapeControl` (idempotent: escaped
 * text has no control characters left). Strings are escaped; bytes are decoded as UTF-8 and
 * escaped only when they hold a control character.
 */
export function guardTerminalOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (originals.has(stream)) continue;
    const write = stream.write.bind(stream) as Write;
    originals.set(stream, write);
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      let safe = chunk;
      if (typeof chunk === 'string') safe = escapeControl(chunk);
      else if (chunk instanceof Uint8Array && bytesNeedEscaping(chunk))
        safe = escapeControl(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8'));
      return (write as (...args: unknown[]) => boolean)(safe, ...rest);
    }) as Write;
  }
}

/** Writes the CLI's own terminal control (the progress line's `\r` and erase-line) past the guard. */
export function writeTerminalControl(sequence: string, stream: NodeJS.WriteStream = process.stderr): void {
  (originals.get(stream) ?? stream.write.bind(stream))(sequence);
}
