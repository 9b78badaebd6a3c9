// The calibration result of followed verl runs, built from per-step summaries as they arrive:
// each (run, step) holds the groups of its latest summary, so an interim summary is replaced by
// the next one and by the step's complete summary, and a rewritten step replaces the old one.
// No vscode imports: the panel and the tests use it alike.
import type { CalibrationGroup, CalibrationResult } from '../../../protocol/calibration.js';
import type { StepSummary } from '../../../protocol/rollouts.js';
import type { LiveMeta } from '../../../protocol/webview/calibration.js';

export class LiveCalibration {
  private readonly steps = new Map<string, { summary: StepSummary }>();
  /** The server's read count per step file. */
  private readonly reads = new Map<string, number>();

  constructor(private readonly bootstrap: { B: number; seed: number }) {}

  /**
   * Takes one summary (the server sends a file version's interim summaries before its complete
   * one) with how often the server has read its file.
   */
  apply(summary: StepSummary, reads: number): void {
    this.steps.set(JSON.stringify([summary.run, summary.step]), { summary });
    this.reads.set(summary.file, reads);
  }

  /** What the view's header shows about the followed run. */
  meta(): LiveMeta {
    let reads = 0;
    for (const n of this.reads.values()) reads += n;
    return { steps: this.completeSteps, lastStep: this.lastStep, reading: this.reading, files: this.reads.size, reads };
  }

  /** Step files with a complete summary. */
  private get completeSteps(): number {
    let n = 0;
    for (const e of this.steps.values()) if (e.summary.complete) n++;
    return n;
  }

  /** The latest step (any run), or undefined before the first summary. */
  private get lastStep(): number | undefined {
    let last: number | undefined;
    for (const e of this.steps.values()) last = Math.max(last ?? -Infinity, e.summary.step);
    return last;
  }

  /** Steps still being read (only interim numbers so far). */
  private get reading(): number[] {
    return [...this.steps.values()]
      .filter((e) => !e.summary.complete)
      .map((e) => e.summary.step)
      .sort((a, b) => a - b);
  }

  result(): CalibrationResult {
    const entries = [...this.steps.values()].sort((a, b) => a.summary.run.localeCompare(b.summary.run) || a.summary.step - b.summary.step);
    const groups: CalibrationGroup[] = [];
    const skipped: CalibrationResult['skipped'] = [];
    for (const { summary } of entries) {
      groups.push(...summary.groups);
      skipped.push(...summary.skipped);
    }
    return { groups, skipped, bootstrap: { ...this.bootstrap } };
  }

  clear(): void {
    this.steps.clear();
    this.reads.clear();
  }
}
