// Calibration of the two-stage model per group (docs/design.md section 4): observed accuracy with its
// modified Wilson interval; p, delta1, delta2 with the hull of the Wilson interval and the seeded
// percentile bootstrap over traces; the predicted accuracies with the hull of the bootstrap and
// a Jeffreys-posterior interval of the formula; transitions and the echo rate. Traces arrive one
// summary at a time and are kept only as pattern counts, so memory does not grow with the corpus.
import { AgreementTally, type AgreementState } from './agreement.js';
import { bootstrapPatterns, PatternTable, percentileInterval } from './bootstrap.js';
import { modifiedWilsonInterval, predictedAccuracy, predictedAccuracyK, wilsonInterval } from './predicted.js';
import { Rng } from './random.js';
import { emptyTransitions } from './summary.js';
import type { CalibrationGroup, CalibrationOptions, CalibrationResult, Estimate, TraceSummary, Transitions } from './types.js';

/**
 * The most bootstrap resamples a request, a flag or a setting may ask for. The Monte Carlo error of
 * a 2.5% percentile from B resamples is about sqrt(0.025 * 0.975 / B): 0.05 percentage points of
 * rank at 100,000, far below what a corpus's own sampling error allows anyone to read; beyond it
 * the time and memory grow with B (B values per statistic per group) and buy nothing.
 */
export const MAX_BOOTSTRAP = 100_000;

export const defaultCalibrationOptions: CalibrationOptions = { bootstrap: 1000, seed: 1, horizon: 4, by: 'model-task' };

/** Columns of a trace's pattern row (what the bootstrap resamples). */
const FIRST_CORRECT = 0;
const STOP_AFTER_CORRECT = 1;
const DECISIONS_AFTER_CORRECT = 2;
const RESAMPLE_AFTER_WRONG = 3;
const DECISIONS_AFTER_WRONG = 4;
/** Records with no candidate answer (counted wrong; not resampled as a statistic of its own). */
const NO_ANSWER = 5;
const COLUMNS = 6;

interface GroupState {
  model: string;
  tasks: Set<string>;
  step?: number;
  /** The step all of the group's traces carry, null when they carry none or several: part of the group's identity, which seeds its bootstrap. */
  traceStep: number | null;
  patterns: PatternTable;
  correctFinal: number;
  /** Forced STOPs left out of the decisions (summary.ts: a `forced_stop: true` header); not resampled, only reported. */
  forcedStops: number;
  transitions: Transitions;
  /** Against the corpus's own verdicts; created at the first record that carries one. */
  agreement?: AgreementTally;
}

export interface AccumulatorState {
  by: CalibrationOptions['by'];
  groups: {
    key: string;
    model: string;
    tasks: string[];
    step?: number;
    traceStep: number | null;
    rows: number[][];
    weights: number[];
    correctFinal: number;
    /** Absent in a state written before forced STOPs were counted: 0. */
    forcedStops?: number;
    transitions: Transitions;
    agreement?: AgreementState;
  }[];
  /** Per file and reason; `firstLine` 1-based. */
  unusable: { key: string; count: number; firstLine: number }[];
}

interface Unusable {
  count: number;
  firstLine: number;
}

export class CalibrationAccumulator {
  private readonly groups = new Map<string, GroupState>();
  private readonly unusable = new Map<string, Unusable>();
  private last: { model: string; task: string; step?: number; group: GroupState } | undefined;

  constructor(readonly by: CalibrationOptions['by'] = 'model-task') {}

  add(s: TraceSummary): void {
    if (s.unusable) {
      const key = `${s.file}\u0000${s.unusable}`;
      const u = this.unusable.get(key);
      if (u) u.count++;
      else this.unusable.set(key, { count: 1, firstLine: s.line });
      return;
    }
    // By step: one group per step and task (a training run's time axis, per difficulty).
    // Corpora come in runs of one group: skip building the key while the group repeats.
    const repeat = s.model === this.last?.model && s.task === this.last.task && (this.by !== 'step' || s.step === this.last.step);
    let g = repeat ? this.last?.group : undefined;
    // A trace without a step has the model-task key under either grouping (the bootstrap's seed
    // comes from the group's identity, seedKey, not from this key).
    const key = g
      ? ''
      : this.by === 'step' && s.step !== undefined
        ? `${s.model}\u0000${s.step}\u0000${s.task}`
        : `${s.model}\u0000${s.task}`;
    g ??= this.groups.get(key);
    if (!g) {
      g = {
        model: s.model,
        tasks: new Set(),
        traceStep: s.step ?? null,
        patterns: new PatternTable(COLUMNS),
        correctFinal: 0,
        forcedStops: 0,
        transitions: emptyTransitions(),
      };
      if (this.by === 'step' && s.step !== undefined) g.step = s.step;
      this.groups.set(key, g);
    }
    this.last = { model: s.model, task: s.task, step: s.step, group: g };
    if (g.traceStep !== (s.step ?? null)) g.traceStep = null;
    g.tasks.add(s.task);
    g.patterns.add([
      s.firstCorrect ? 1 : 0,
      s.stopAfterCorrect,
      s.decisionsAfterCorrect,
      s.resampleAfterWrong,
      s.decisionsAfterWrong,
      s.noAnswer ? 1 : 0,
    ]);
    if (s.finalCorrect) g.correctFinal++;
    if (s.forcedStop) g.forcedStops++;
    addTransitions(g.transitions, s.transitions);
    if (s.sourceVerdict !== undefined) (g.agreement ??= new AgreementTally()).add(s);
  }

  /** Adds everything another accumulator saw (per-file caches, worker shards). */
  merge(other: CalibrationAccumulator): void {
    if (other.by !== this.by) throw new RangeError('cannot merge accumulators grouped differently');
    for (const [key, o] of other.groups) {
      let g = this.groups.get(key);
      if (!g) {
        g = {
          model: o.model,
          tasks: new Set(),
          traceStep: o.traceStep,
          patterns: new PatternTable(COLUMNS),
          correctFinal: 0,
          forcedStops: 0,
          transitions: emptyTransitions(),
        };
        if (o.step !== undefined) g.step = o.step;
        this.groups.set(key, g);
      } else if (g.traceStep !== o.traceStep) g.traceStep = null;
      for (const t of o.tasks) g.tasks.add(t);
      o.patterns.rows.forEach((row, i) => g.patterns.add(row, o.patterns.weights[i]));
      g.correctFinal += o.correctFinal;
      g.forcedStops += o.forcedStops;
      addTransitions(g.transitions, o.transitions);
      if (o.agreement) (g.agreement ??= new AgreementTally()).merge(o.agreement.state());
    }
    for (const [key, u] of other.unusable) {
      const mine = this.unusable.get(key);
      if (mine) {
        mine.count += u.count;
        mine.firstLine = Math.min(mine.firstLine, u.firstLine);
      } else this.unusable.set(key, { ...u });
    }
  }

  /** Plain data (structured-clone safe) to send between threads; `fromState` rebuilds it. */
  state(): AccumulatorState {
    return {
      by: this.by,
      groups: [...this.groups.entries()].map(([key, g]) => ({
        key,
        model: g.model,
        tasks: [...g.tasks],
        step: g.step,
        traceStep: g.traceStep,
        rows: g.patterns.rows,
        weights: g.patterns.weights,
        correctFinal: g.correctFinal,
        forcedStops: g.forcedStops,
        transitions: g.transitions,
        ...(g.agreement ? { agreement: g.agreement.state() } : {}),
      })),
      unusable: [...this.unusable.entries()].map(([key, u]) => ({ key, ...u })),
    };
  }

  static fromState(s: AccumulatorState): CalibrationAccumulator {
    const acc = new CalibrationAccumulator(s.by);
    for (const g of s.groups) {
      const patterns = new PatternTable(COLUMNS);
      g.rows.forEach((row, i) => patterns.add(row, g.weights[i]));
      const state: GroupState = {
        model: g.model,
        tasks: new Set(g.tasks),
        traceStep: g.traceStep,
        patterns,
        correctFinal: g.correctFinal,
        forcedStops: g.forcedStops ?? 0,
        transitions: { ...g.transitions },
      };
      if (g.step !== undefined) state.step = g.step;
      if (g.agreement) state.agreement = AgreementTally.fromState(g.agreement);
      acc.groups.set(g.key, state);
    }
    for (const u of s.unusable) acc.unusable.set(u.key, { count: u.count, firstLine: u.firstLine });
    return acc;
  }

  /**
   * The group's identity, (model, step, task) or (model, task) when its traces carry no single step,
   * whichever --by formed it: the same traces grouped the same way get the same bootstrap (ds3 and
   * tiny-lm rollouts, one model per step, give the same intervals with --by step as without).
   */
  private seedKey(key: string, g: GroupState): string {
    if (this.by === 'step' || g.traceStep === null) return key;
    return `${g.model}\u0000${g.traceStep}\u0000${key.slice(g.model.length + 1)}`;
  }

  result(options: Partial<Omit<CalibrationOptions, 'by'>> = {}): CalibrationResult {
    const B = options.bootstrap ?? defaultCalibrationOptions.bootstrap;
    const seed = options.seed ?? defaultCalibrationOptions.seed;
    const K = options.horizon ?? defaultCalibrationOptions.horizon;
    if (!(Number.isInteger(B) && B >= 1)) throw new RangeError(`bootstrap B must be a positive integer, got ${B}`);
    if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`horizon K must be a positive integer, got ${K}`);
    const groups = [...this.groups.entries()]
      .map(([key, g]) => calibrateGroup(g, B, new Rng(fnv1a(`${seed}\u0000${this.seedKey(key, g)}`)), K))
      .sort(compareGroups);
    const skipped = [...this.unusable.entries()].map(([key, u]) => {
      const [file, reason] = key.split('\u0000');
      const what =
        reason === 'no-ground-truth'
          ? 'without ground truth ("answer:" header)'
          : 'cut off at the generation limit (truncated; --include-truncated counts them)';
      return {
        file,
        line: u.firstLine,
        reason: `${u.count} record${u.count === 1 ? '' : 's'} ${what}, not calibrated${u.count > 1 ? ` (first at line ${u.firstLine})` : ''}`,
      };
    });
    return { groups, skipped, bootstrap: { B, seed } };
  }
}

/** Calibrates summaries in one call (see CalibrationAccumulator for streaming). */
export function calibrateGroups(summaries: Iterable<TraceSummary>, options: Partial<CalibrationOptions> = {}): CalibrationResult {
  const acc = new CalibrationAccumulator(options.by ?? defaultCalibrationOptions.by);
  for (const s of summaries) acc.add(s);
  return acc.result(options);
}

function addTransitions(into: Transitions, t: Transitions): void {
  into.TT += t.TT;
  into.TF += t.TF;
  into.FT += t.FT;
  into.FFecho += t.FFecho;
  into.FFnew += t.FFnew;
}

/** Point estimates from column sums: [p, delta1, delta2, predicted, predictedK]. */
function estimates(sums: ArrayLike<number>, n: number, K: number): number[] {
  const p = sums[FIRST_CORRECT] / n;
  const d1 = sums[STOP_AFTER_CORRECT] / sums[DECISIONS_AFTER_CORRECT];
  const d2 = sums[RESAMPLE_AFTER_WRONG] / sums[DECISIONS_AFTER_WRONG];
  return [p, d1, d2, predictedAccuracy(p, d1, d2), predictedAccuracyK(p, d1, d2, K)];
}

function calibrateGroup(g: GroupState, B: number, rng: Rng, K: number): CalibrationGroup {
  const n = g.patterns.total;
  const sums = g.patterns.sums();
  const point = estimates(sums, n, K);
  // Canonical row order: the draws, hence the intervals, do not depend on the order traces arrived in.
  const reps = bootstrapPatterns(g.patterns.sorted(), B, rng, (s, m) => estimates(s, m, K));
  // Drawn after the bootstrap from the same generator: the bootstrap's draws, hence the rates'
  // intervals, are what they were before the posterior was added.
  const post = jeffreysPosterior(sums, n, B, rng, K);
  // Predicted accuracies: the hull of the paper's percentile bootstrap and the Jeffreys posterior.
  // Where p, delta1 or delta2 is estimated at 0 or 1 every resample has the same value and the
  // bootstrap collapses to a point (measured: 19% coverage at p = 0.99, n = 20; docs/analysis.md);
  // the posterior keeps a width there, and the bootstrap keeps the dependence between the decisions
  // of one trace that the posterior, counting decisions as independent, does not. Undefined
  // estimate (0/0), undefined interval.
  const est = (i: number, j: number): Estimate => {
    if (!Number.isFinite(point[i])) return { value: point[i], lo: NaN, hi: NaN };
    return { value: point[i], ...hull(percentileInterval(reps[i]), percentileInterval(post[j])) };
  };
  // Rates: the hull of the Wilson interval and the bootstrap over traces. Wilson keeps nominal
  // coverage at 0/n and n/n, where the bootstrap collapses to zero width; the bootstrap resamples
  // whole traces, so it carries the dependence between the decisions of one trace (delta1 and
  // delta2 pool several per trace), which Wilson, counting decisions as independent, does not
  // (measured: Wilson alone covered delta2 in 84.9% of small extreme corpora; docs/analysis.md).
  // Plain Wilson, not the modified one: next to 0/n and n/n the bootstrap's side already reaches 0
  // or 1 (at 1/n, P(no success in n draws) ~ 37%), and the Poisson bounds would only widen a rate
  // over one or two decisions (0 of 1: to 94.9% from 79.3%).
  const rate = (i: number, k: number, of: number): Estimate => {
    const w = wilsonInterval(k, of);
    const b = percentileInterval(reps[i]);
    return { value: k / of, lo: Math.min(w.lo, b.lo), hi: Math.max(w.hi, b.hi) };
  };
  const { FFecho, FFnew } = g.transitions;
  const group: CalibrationGroup = {
    model: g.model,
    task: g.tasks.size === 1 ? [...g.tasks][0] : 'all',
    n,
    // Observed accuracy: one Bernoulli outcome per trace, so a binomial interval alone: the modified
    // Wilson interval (predicted.ts), which stays in [0, 1] and keeps its coverage next to 0/n and
    // n/n, where plain Wilson's falls to 84% and Wald (the paper's Table 1, kept only where the
    // training experiment is set beside the paper) passes 100% or has zero width.
    accuracy: { value: n > 0 ? g.correctFinal / n : NaN, ...modifiedWilsonInterval(g.correctFinal, n) },
    p: rate(0, sums[FIRST_CORRECT], n),
    delta1: rate(1, sums[STOP_AFTER_CORRECT], sums[DECISIONS_AFTER_CORRECT]),
    delta2: rate(2, sums[RESAMPLE_AFTER_WRONG], sums[DECISIONS_AFTER_WRONG]),
    predicted: est(3, 0),
    predictedK: { ...est(4, 1), K },
    transitions: { ...g.transitions },
    echoRate: FFecho + FFnew === 0 ? NaN : FFecho / (FFecho + FFnew),
    counts: {
      correctFinal: g.correctFinal,
      firstCorrect: sums[FIRST_CORRECT],
      stopAfterCorrect: sums[STOP_AFTER_CORRECT],
      decisionsAfterCorrect: sums[DECISIONS_AFTER_CORRECT],
      resampleAfterWrong: sums[RESAMPLE_AFTER_WRONG],
      decisionsAfterWrong: sums[DECISIONS_AFTER_WRONG],
      noAnswer: sums[NO_ANSWER],
      forcedStops: g.forcedStops,
    },
  };
  if (g.step !== undefined) group.step = g.step;
  if (g.agreement && !g.agreement.empty) group.agreement = g.agreement.result();
  return group;
}

/** Lowest low and highest high of two intervals; a side undefined in one (NaN) is the other's. */
function hull(a: { lo: number; hi: number }, b: { lo: number; hi: number }): { lo: number; hi: number } {
  const lo = Number.isNaN(a.lo) ? b.lo : Number.isNaN(b.lo) ? a.lo : Math.min(a.lo, b.lo);
  const hi = Number.isNaN(a.hi) ? b.hi : Number.isNaN(b.hi) ? a.hi : Math.max(a.hi, b.hi);
  return { lo, hi };
}

/**
 * B draws of [predicted, predictedK] under the Jeffreys posterior of (p, delta1, delta2): each rate
 * independently Beta(k + 1/2, m - k + 1/2) from its counts (Beta(1/2, 1/2), the prior, where it has
 * no trials). Every draw is strictly inside (0, 1), so the formula's quantiles have a width for any
 * finite sample, also where a count is 0 or all.
 */
function jeffreysPosterior(sums: readonly number[], n: number, B: number, rng: Rng, K: number): Float64Array[] {
  const out = [new Float64Array(B), new Float64Array(B)];
  const p = [sums[FIRST_CORRECT], n - sums[FIRST_CORRECT]];
  const d1 = [sums[STOP_AFTER_CORRECT], sums[DECISIONS_AFTER_CORRECT] - sums[STOP_AFTER_CORRECT]];
  const d2 = [sums[RESAMPLE_AFTER_WRONG], sums[DECISIONS_AFTER_WRONG] - sums[RESAMPLE_AFTER_WRONG]];
  for (let b = 0; b < B; b++) {
    const pb = rng.beta(p[0] + 0.5, p[1] + 0.5);
    const d1b = rng.beta(d1[0] + 0.5, d1[1] + 0.5);
    const d2b = rng.beta(d2[0] + 0.5, d2[1] + 0.5);
    out[0][b] = predictedAccuracy(pb, d1b, d2b);
    out[1][b] = predictedAccuracyK(pb, d1b, d2b, K);
  }
  return out;
}

const collator = new Intl.Collator('en', { numeric: true });

function compareGroups(a: CalibrationGroup, b: CalibrationGroup): number {
  return collator.compare(a.model, b.model) || (a.step ?? -1) - (b.step ?? -1) || collator.compare(a.task, b.task);
}

/** FNV-1a: a stable per-group seed, so a group's interval does not depend on which other groups exist. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
