// eval-segmentation's intervals (server/src/analysis/segmentationIntervals.ts): simulated gold sets
// whose records differ in how well the engine reads them (candidates cluster in records), with a
// known population rate; the interval must cover it at its nominal rate, where the Wilson interval
// of the pooled count alone, which treats candidates as independent, covers 73-95%.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  pairedDifferenceInterval,
  pooledRateInterval,
  studentT975,
  type RecordCounts,
} from '../../../server/src/analysis/segmentationIntervals.js';
import { wilsonInterval } from '../../../server/src/analysis/predicted.js';
import { Rng } from '../../../server/src/analysis/random.js';

/** A gold set of `records` records: each has 1-8 candidates, read right with its own rate (one of `rates`, equally likely). */
function simulate(rng: Rng, records: number, rates: readonly number[]): RecordCounts {
  const c: RecordCounts = { k: [], n: [] };
  for (let i = 0; i < records; i++) {
    const n = rng.range(1, 8);
    const q = rng.pick(rates);
    let k = 0;
    for (let j = 0; j < n; j++) if (rng.bernoulli(q)) k++;
    c.k.push(k);
    c.n.push(n);
  }
  return c;
}

test('the interval of a pooled rate covers the truth at its nominal rate when records cluster; Wilson alone does not', () => {
  const rng = new Rng(7);
  const sets = 1000;
  for (const rates of [[0.3, 0.8, 1], [0.5, 0.95], [0.9, 1], [0.8], [0.05, 0.3]]) {
    // Candidate counts are independent of the record's rate, so the pooled rate's limit is the mean rate.
    const truth = rates.reduce((a, b) => a + b, 0) / rates.length;
    for (const records of [10, 20, 50]) {
      let covered = 0;
      let wilsonCovered = 0;
      for (let s = 0; s < sets; s++) {
        const c = simulate(rng, records, rates);
        const i = pooledRateInterval(c);
        if (i.lo <= truth && truth <= i.hi) covered++;
        const w = wilsonInterval(
          c.k.reduce((a, b) => a + b, 0),
          c.n.reduce((a, b) => a + b, 0),
        );
        if (w.lo <= truth && truth <= w.hi) wilsonCovered++;
      }
      console.log(
        `rates ${rates.join('/')}, ${records} records: coverage ${((100 * covered) / sets).toFixed(1)}% (Wilson alone ${((100 * wilsonCovered) / sets).toFixed(1)}%)`,
      );
      assert.ok(covered / sets >= 0.93, `coverage ${covered / sets}`);
      assert.ok(covered >= wilsonCovered);
    }
  }
});

test("Student's t quantile: exact for few records, within 0.3% beyond", () => {
  for (const [nu, t] of [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [9, 2.262],
    [19, 2.093],
    [99, 1.984],
  ])
    assert.ok(Math.abs(studentT975(nu) / t - 1) < 0.003, `nu ${nu}: ${studentT975(nu)}`);
});

test('every record agreeing is not certainty; clustered errors widen the interval beyond Wilson; no denominator gives no interval', () => {
  const all: RecordCounts = { k: [2, 3, 1, 4, 2, 2], n: [2, 3, 1, 4, 2, 2] };
  const i = pooledRateInterval(all);
  assert.equal(i.hi, 1);
  // 14 of 14 over six records: Wilson's 78.5-100 widened by t for 5 degrees of freedom.
  assert.ok(i.lo > 0.6 && i.lo < wilsonInterval(14, 14).lo, `14 of 14: ${i.lo}`);
  const mixed: RecordCounts = { k: [0, 3, 1, 4, 0, 2], n: [2, 3, 2, 4, 3, 2] };
  const m = pooledRateInterval(mixed);
  const w = wilsonInterval(10, 16);
  assert.ok(m.lo < w.lo && m.hi > w.hi, 'wider than Wilson: the misses sit in three records');
  const none = pooledRateInterval({ k: [0, 0], n: [0, 0] });
  assert.ok(Number.isNaN(none.lo) && Number.isNaN(none.hi));
});

/**
 * One record's decisions after a wrong candidate, as the labels and as a reading read them: the labels
 * count n (0-6) with k resamples (each 0.65); a record the reading reads badly (share `bad`) loses
 * each of its decisions with 0.6 and reads a kept resample as a stop with `stopped`: the engine's
 * delta2 under-read, clustered in records.
 */
function readRecord(rng: Rng, gold: RecordCounts, read: RecordCounts, bad: number, stopped: number): void {
  const n = rng.range(0, 6);
  const badly = rng.bernoulli(bad);
  let k = 0;
  let kr = 0;
  let nr = 0;
  for (let j = 0; j < n; j++) {
    const resample = rng.bernoulli(0.65);
    if (resample) k++;
    if (badly && rng.bernoulli(0.6)) continue;
    nr++;
    if (resample && !(badly && rng.bernoulli(stopped))) kr++;
  }
  gold.k.push(k);
  gold.n.push(n);
  read.k.push(kr);
  read.n.push(nr);
}

test('the paired difference of a reading and the labels covers the population difference at about its nominal rate (10-100 records)', () => {
  const rng = new Rng(43);
  for (const [bad, stopped] of [
    [0.35, 0.3],
    [0.6, 0.5],
  ]) {
    // The population difference, from 400,000 records.
    const G: RecordCounts = { k: [], n: [] };
    const R: RecordCounts = { k: [], n: [] };
    for (let i = 0; i < 400_000; i++) readRecord(rng, G, R, bad, stopped);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const truth = sum(R.k) / sum(R.n) - sum(G.k) / sum(G.n);
    for (const records of [10, 20, 40, 100]) {
      let covered = 0;
      let valid = 0;
      let excludesZero = 0;
      for (let run = 0; run < 1000; run++) {
        const g: RecordCounts = { k: [], n: [] };
        const r: RecordCounts = { k: [], n: [] };
        for (let i = 0; i < records; i++) readRecord(rng, g, r, bad, stopped);
        const d = pairedDifferenceInterval(r, g);
        if (Number.isNaN(d.lo)) continue;
        valid++;
        if (truth >= d.lo && truth <= d.hi) covered++;
        if (d.hi < 0) excludesZero++;
      }
      console.log(
        `bad ${bad}, stopped ${stopped}: difference ${truth.toFixed(3)}; ${records} records: covered ${((100 * covered) / valid).toFixed(1)}% of ${valid}, 0 excluded in ${((100 * excludesZero) / valid).toFixed(1)}%`,
      );
      // Measured 91.4-96.0% (the jackknife; linearization alone 91.4-94.5%): a ratio's interval from ten records runs a little short.
      assert.ok(covered / valid >= 0.9, `${records} records: ${covered}/${valid}`);
      // The larger under-read is found as one (the interval excludes 0) in most sets of 40 records or more.
      if (bad === 0.6 && records >= 40) assert.ok(excludesZero / valid > 0.5, `${records} records: 0 excluded in ${excludesZero}/${valid}`);
    }
  }
});

test('a paired difference: readings alike keep a width, never a point; unequal record lists are refused; no denominator gives none', () => {
  const same: RecordCounts = { k: [1, 0, 2, 1], n: [2, 1, 2, 1] };
  const d = pairedDifferenceInterval(same, { k: [...same.k], n: [...same.n] });
  assert.equal(d.value, 0);
  assert.ok(d.lo < 0 && d.hi > 0, JSON.stringify(d));
  // Each of 30 records: the labels 2 of 2 resamples, the reading 1 of 2: a bias, not chance.
  const labels: RecordCounts = { k: Array(30).fill(2), n: Array(30).fill(2) };
  const read: RecordCounts = { k: Array(30).fill(1), n: Array(30).fill(2) };
  const b = pairedDifferenceInterval(read, labels);
  assert.equal(b.value, -0.5);
  assert.ok(b.hi < 0, JSON.stringify(b));
  assert.throws(() => pairedDifferenceInterval(same, labels), /different records/);
  assert.ok(Number.isNaN(pairedDifferenceInterval({ k: [0], n: [0] }, { k: [1], n: [1] }).lo));
});
