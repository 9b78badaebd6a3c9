// A rate the labels would give over every record, estimated from the engine's reading of all
// records corrected with a few labelled ones (docs/segmentation-eval.md, "Numbers corrected with a
// few labels"). The reading is biased on text it was not written on (delta2 read 0.48 where
// annotators read 0.67), so its own interval covers the wrong value however many records there
// are; the labelled records alone are unbiased but few. Prediction-powered inference (Angelopoulos
// et al. 2023) adds to the reading's rate over the unlabelled records the reading's error measured
// on the labelled ones; PPI++'s weight lambda (Angelopoulos, Duchi and Zrnic 2023) scales the
// reading's share by how well it predicts the labels, so a poor reading falls back to the labels
// alone instead of adding its noise. Valid when the labelled records are a random sample of the
// records: labels put where the reading looked wrong estimate something else.
import { predictedAccuracy, wilsonInterval } from './predicted.js';
import { studentT975, type Difference, type RecordCounts } from './segmentationIntervals.js';

export interface Corrected extends Difference {
  /** The reading's weight in [0, 1]: 0 uses the labelled records alone. NaN with the value. */
  lambda: number;
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const covariance = (xs: readonly number[], ys: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const mx = mean(xs);
  const my = mean(ys);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - mx) * (ys[i] - my);
  return s / (xs.length - 1);
};

/**
 * The labels' pooled rate sum(k) / sum(n) over records like these, with a 95% interval, from the
 * engine's counts on the unlabelled records and the engine's and the labels' counts on the
 * labelled ones (record i of `engine` and of `gold` is the same record). NaN with fewer than two
 * labelled records or where they hold no trial (n = 0: no wrong attempt, for delta2).
 */
export function predictionPoweredRate(unlabelled: RecordCounts, engine: RecordCounts, gold: RecordCounts): Corrected {
  const n = gold.k.length;
  const big = unlabelled.k.length;
  const none: Corrected = { value: NaN, lo: NaN, hi: NaN, lambda: NaN };
  if (n !== engine.k.length) throw new Error('predictionPoweredRate: engine and gold cover different labelled records');
  const trials = gold.n.reduce((s, x) => s + x, 0);
  // The labelled records hold no trial of this rate (no wrong attempt, for delta2): they say nothing of it.
  if (n < 2 || trials === 0) return none;
  const [uk, un, fk, fn, gk, gn] = [unlabelled.k, unlabelled.n, engine.k, engine.n, gold.k, gold.n].map(mean);
  // Each record's share of the ratio's error, linearized at theta.
  const linear = (k: readonly number[], c: readonly number[], theta: number): number[] => k.map((x, i) => x - theta * c[i]);
  const varianceOfMean = (xs: readonly number[]): number => covariance(xs, xs) / xs.length;
  // The labelled records alone (lambda 0): the ratio estimator and its linearized variance.
  const labelledRate = gk / gn;
  const labelledVariance = varianceOfMean(linear(gold.k, gold.n, labelledRate)) / gn ** 2;
  let [lambda, theta, variance] = [0, labelledRate, labelledVariance];
  if (big > 0) {
    const at = (weight: number): { theta: number; denominator: number } => {
      const denominator = weight * un + gn - weight * fn;
      return { theta: (weight * uk + gk - weight * fk) / denominator, denominator };
    };
    // PPI++'s variance-minimizing weight, cov(a, b) / ((1 + n / N) var(a)) with the reading's (a)
    // and the labels' (b) shares at the untuned estimate, var(a) over every record.
    const start = at(1);
    const point = start.denominator > 0 ? start.theta : labelledRate;
    const a = linear(engine.k, engine.n, point);
    const all = [...linear(unlabelled.k, unlabelled.n, point), ...a];
    const spread = covariance(all, all);
    const l = spread > 0 ? Math.min(1, Math.max(0, covariance(a, linear(gold.k, gold.n, point)) / ((1 + n / big) * spread))) : 0;
    const tuned = at(l);
    if (tuned.denominator > 0) {
      const aTuned = linear(engine.k, engine.n, tuned.theta);
      const rectifier = linear(gold.k, gold.n, tuned.theta).map((x, i) => x - l * aTuned[i]);
      const v =
        (l * l * varianceOfMean(linear(unlabelled.k, unlabelled.n, tuned.theta)) + varianceOfMean(rectifier)) / tuned.denominator ** 2;
      // The reading helps only where it leaves less variance than the labelled records alone have
      // (the weight is estimated from the same few records: a reading that seems to help by chance
      // would only widen the interval).
      if (v < labelledVariance) [lambda, theta, variance] = [l, tuned.theta, v];
    }
  }
  // A Wald interval theta +- t sd misses near 0 and 1 (delta1 0.98 was covered 60% of the time in
  // simulation: a sample with no failure has no variance). So the estimate is given as a number of
  // trials and Wilson's interval taken of it, as pooledRateInterval does: the labelled records'
  // trials, shrunk by their design effect (records differ) and grown by how much less variance the
  // reading's help leaves; never more trials than all records hold.
  const binomial = (labelledRate * (1 - labelledRate)) / trials;
  const designEffect = binomial > 0 ? Math.max(1, labelledVariance / binomial) : 1;
  const gain = lambda > 0 && variance > 0 ? labelledVariance / variance : 1;
  const most = trials + unlabelled.n.reduce((s, x) => s + x, 0);
  const effective = Math.min(most, (trials / designEffect) * gain);
  const value = Math.min(1, Math.max(0, theta));
  // Student's t for the labelled records that hold a trial, less one: the others add nothing to
  // the variance (with t for every labelled record, delta2 was covered 92.4% on the development labels).
  const informative = gold.n.filter((x, i) => x > 0 || engine.n[i] > 0).length;
  let { lo, hi } = wilsonInterval(value * effective, effective, studentT975(Math.max(1, informative - 1)));
  // The reading's help with no labelled record read apart: the sample cannot show a bias that up
  // to 3 in n records carry (the rule of three), so the interval keeps that width.
  const apart = gold.k.some((k, i) => k !== engine.k[i] || gold.n[i] !== engine.n[i]);
  if (lambda > 0 && !apart) {
    const half = 3 / Math.max(1, trials);
    lo = Math.min(lo, Math.max(0, value - half));
    hi = Math.max(hi, Math.min(1, value + half));
  }
  return { value, lo, hi, lambda };
}

/**
 * The paper's predicted accuracy from the corrected p, delta1 and delta2 (predicted.ts
 * predictedAccuracy), with an interval: the formula increases in each rate, so the image of the
 * box of their 95% intervals, [Acc(lo, lo, lo), Acc(hi, hi, hi)], holds the accuracy of every
 * triple inside it (conservative by construction; docs/segmentation-eval.md, "Stop 44: a
 * departure"). A bound the formula leaves undefined (0/0, or a rate without a corrected value
 * that the formula needs) is 0 below and 1 above; NaN where the formula has no value at the estimate.
 */
export function correctedPredictedAccuracy(p: Difference, delta1: Difference, delta2: Difference): Difference {
  const value = predictedAccuracy(p.value, delta1.value, delta2.value);
  if (Number.isNaN(value)) return { value: NaN, lo: NaN, hi: NaN };
  const or = (x: number, fallback: number): number => (Number.isNaN(x) ? fallback : x);
  return {
    value,
    lo: or(predictedAccuracy(p.lo, delta1.lo, delta2.lo), 0),
    hi: or(predictedAccuracy(p.hi, delta1.hi, delta2.hi), 1),
  };
}
