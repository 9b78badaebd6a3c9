// 95% intervals for eval-segmentation's rates (docs/segmentation-eval.md, "Intervals"). A gold set
// built in an afternoon holds 20-50 records, and a precision of 78% on 38 of them is uncertain by
// more than ten points: the interval says how far a difference between two readings, or between a
// reading and a goal, can be trusted. Candidates cluster in records (one long response can hold
// ten spurious ones), so the Wilson interval of the pooled count, which treats every candidate as
// independent, is too narrow: it covered 73-90% on simulated gold sets whose records differ.
// Here the pooled count is shrunk by the design effect (the ratio of the variance between records,
// by linearization of the ratio estimator, to the binomial variance; never below 1) and the
// Wilson interval taken of what is left with Student's t for records - 1 degrees of freedom:
// 94-98% on the same simulations with 10-100 records (test/unit/analysis/segmentationIntervals.test.ts).
// Deterministic, and never a point from a finite sample (14 of 14 keeps Wilson's width).
import { wilsonInterval } from './predicted.js';

export interface Interval {
  lo: number;
  hi: number;
}

/** Per record, a rate's numerator and denominator (k of n), one column each. */
export interface RecordCounts {
  k: number[];
  n: number[];
}

/** The 95% interval of the pooled rate sum(k) / sum(n) over records; NaN bounds when no record has a denominator. */
export function pooledRateInterval(counts: RecordCounts): Interval {
  const records = counts.k.length;
  let k = 0;
  let n = 0;
  for (let i = 0; i < records; i++) {
    k += counts.k[i];
    n += counts.n[i];
  }
  if (n === 0) return { lo: NaN, hi: NaN };
  const rate = k / n;
  let squares = 0;
  for (let i = 0; i < records; i++) squares += (counts.k[i] - rate * counts.n[i]) ** 2;
  const betweenRecords = records > 1 ? ((records / (records - 1)) * squares) / (n * n) : 0;
  const binomial = (rate * (1 - rate)) / n;
  const designEffect = binomial > 0 ? Math.max(1, betweenRecords / binomial) : 1;
  return wilsonInterval(k / designEffect, n / designEffect, records > 1 ? studentT975(records - 1) : 1.96);
}

/** Student's t 0.975 quantile for nu degrees of freedom: exact for 1 to 3, else a Cornish-Fisher expansion about the normal (within 0.3%). */
export function studentT975(nu: number): number {
  if (nu < 1.5) return 12.7062;
  if (nu < 2.5) return 4.3027;
  if (nu < 3.5) return 3.1824;
  const z = 1.959964;
  return (
    z +
    (z ** 3 + z) / (4 * nu) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * nu ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * nu ** 3)
  );
}

/** A difference of two rates read from the same records, with its 95% interval. */
export interface Difference extends Interval {
  value: number;
}

/**
 * The difference a - b of two pooled rates over the same records (the engine's delta2 and the
 * labels' on each record), with a 95% interval for the difference the readings would have over
 * every record like these: how far the reading moves a number calibrate reports, and whether that
 * is more than which records were labelled. Paired: the jackknife over records (each record left
 * out in turn, both readings at once), so a record both readings count alike moves nothing and
 * one they read apart moves the difference by its share; Student's t for records - 1 degrees of
 * freedom. (Linearization, the jackknife's first-order form, covered 91.4-93.2% with 10-40 records
 * on the simulation in test/unit/analysis/segmentationIntervals.test.ts; this, 91.4-94.1%.) Where no record is read
 * apart the interval keeps the width of three decisions (the rule of three: a population in which
 * up to 3 of every `records` records are read apart could give this sample), never a point. NaN
 * where either side has no denominator.
 */
export function pairedDifferenceInterval(a: RecordCounts, b: RecordCounts): Difference {
  const records = a.k.length;
  if (records !== b.k.length) throw new Error('pairedDifferenceInterval: the two readings cover different records');
  const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
  const [ka, na, kb, nb] = [sum(a.k), sum(a.n), sum(b.k), sum(b.n)];
  if (na === 0 || nb === 0) return { value: NaN, lo: NaN, hi: NaN };
  const value = ka / na - kb / nb;
  let spread = 0;
  let apart = false;
  if (records > 1) {
    const left: number[] = [];
    for (let i = 0; i < records; i++) {
      if (a.k[i] !== b.k[i] || a.n[i] !== b.n[i]) apart = true;
      const ra = na - a.n[i] > 0 ? (ka - a.k[i]) / (na - a.n[i]) : ka / na;
      const rb = nb - b.n[i] > 0 ? (kb - b.k[i]) / (nb - b.n[i]) : kb / nb;
      left.push(ra - rb);
    }
    const mean = sum(left) / records;
    const variance = ((records - 1) / records) * left.reduce((s, d) => s + (d - mean) ** 2, 0);
    spread = studentT975(records - 1) * Math.sqrt(variance);
  }
  const half = Math.max(spread, apart ? 0 : 3 / Math.max(na, nb));
  return { value, lo: Math.max(-1, value - half), hi: Math.min(1, value + half) };
}
