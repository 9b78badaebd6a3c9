// One self-overwriting progress line on stderr (only when stderr is a terminal; otherwise a
// plain line at most every few seconds, so CI logs stay readable). Its own cursor control is the
// only raw escape sequence the CLI writes; the label (a file name) and text are escaped.
import { escapeInline, writeTerminalControl } from './terminal.js';

// Progress is a courtesy: a reader of stderr that goes away (`train ... 2>&1 | head -1`) must not
// kill the command (an unhandled EPIPE there ended a training run with exit 1 and no checkpoint).
// Later writes to the closed stream are dropped; any other stderr error is still thrown.
let stderrClosed = false;
process.stderr.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  stderrClosed = true;
});

/** False once stderr's reader has gone: progress and messages there are dropped. */
export const stderrOpen = (): boolean => !stderrClosed && !process.stderr.destroyed;

export class ProgressLine {
  private last = 0;
  private readonly tty = process.stderr.isTTY === true;
  private shown = false;
  private readonly label: string;
  /**
   * `firstAfterInterval`: off a terminal, the first line only after the interval too, for a
   * command whose done() prints the final state (a short run then prints one line, not a first
   * state the final one contradicts: "1 labelled records", then "15 labelled records").
   */
  constructor(
    label: string,
    private readonly intervalMs = 200,
    firstAfterInterval = false,
  ) {
    this.label = escapeInline(label);
    if (firstAfterInterval && !this.tty) this.last = Date.now();
  }

  update(text: string, force = false): void {
    const now = Date.now();
    const every = this.tty ? this.intervalMs : 5000;
    if (!force && now - this.last < every) return;
    this.last = now;
    if (!stderrOpen()) return;
    this.shown = true;
    if (this.tty) {
      writeTerminalControl('\r\x1b[K');
      process.stderr.write(`${this.label}: ${escapeInline(text)}`);
    } else process.stderr.write(`${this.label}: ${escapeInline(text)}\n`);
  }

  done(text?: string): void {
    if (!stderrOpen()) return;
    if (this.tty && this.shown) writeTerminalControl('\r\x1b[K');
    if (text) process.stderr.write(`${this.label}: ${escapeInline(text)}\n`);
  }
}
