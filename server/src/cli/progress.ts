// One self-overwriting progress line on stderr (only when stderr is a terminal; otherwise a
// plain line at most every few seconds, so CI logs stay readable).

export class ProgressLine {
  private last = 0;
  private readonly tty = process.stderr.isTTY === true;
  private shown = false;
  constructor(private readonly label: string, private readonly intervalMs = 200) {}

  update(text: string, force = false): void {
    const now = Date.now();
    const every = this.tty ? this.intervalMs : 5000;
    if (!force && now - this.last < every) return;
    this.last = now;
    this.shown = true;
    if (this.tty) process.stderr.write(`\r\x1b[K${this.label}: ${text}`);
    else process.stderr.write(`${this.label}: ${text}\n`);
  }

  done(text?: string): void {
    if (this.tty && this.shown) process.stderr.write('\r\x1b[K');
    if (text) process.stderr.write(`${this.label}: ${text}\n`);
  }
}
