// Coalesces a trainer's metrics lines into batches for the training webview. ds3 logs hundreds of
// steps per second; one webview message (and one progress update) per line floods the webview's
// message queue, so the view falls minutes behind the trainer. Lines are collected in O(1) each
// and handed over at most once per interval; flush() hands over what is pending right now, so a
// message that must come after the last line (the run's final state) can be ordered behind it.
// No vscode import: tested with node:test.

export interface BatcherTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: BatcherTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class MetricsBatcher<T> {
  private pending: T[] = [];
  private timer: unknown;
  private disposed = false;

  constructor(
    private readonly deliver: (batch: T[]) => void,
    private readonly intervalMs = 150,
    private readonly timers: BatcherTimers = realTimers,
  ) {}

  push(item: T): void {
    if (this.disposed) return;
    this.pending.push(item);
    // The first line after a quiet spell waits at most one interval, so the view stays live.
    this.timer ??= this.timers.set(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
  }

  /** Delivers every pending line now (nothing when none is pending). */
  flush(): void {
    if (this.timer !== undefined) {
      this.timers.clear(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.deliver(batch);
  }

  /** Delivers what is pending and accepts nothing more. */
  dispose(): void {
    this.flush();
    this.disposed = true;
  }
}
