// The corrected rates (server/src/analysis/predictionPowered.ts) on simulated corpora: responses
// drawn from the paper's two-stage model with known p, delta1 and delta2 (records differ in
// difficulty), read by a reader that loses wrong attempts before a resample (delta2 read low, as
// on the held-out labels), misses first candidates, adds wrong ones and reads nothing in some
// responses. A few records are labelled at random; the corrected interval must cover the truth at
// its nominal rate where the reading's own interval does not, and be narrower than the labelled
// records' alone when the reading is good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctedPredictedAccuracy, predictionPoweredRate, type Corrected } from '../../../server/src/analysis/predictionPowered.js';
import { predictedAccuracy } from '../../../server/src/analysis/predicted.js';
import { pooledRateInterval, type RecordCounts } from '../../../server/src/analysis/segmentationIntervals.js';
import { Rng } from '../../../server/src/analysis/random.js';

interface Setting {
  p: number;
  delta1: number;
  delta2: number;
  /** A resampled attempt's chance to be right after a wrong one. */
  recover: number;
  /** The reader: a wrong attempt followed by another lost (merged into it), a first candidate lost, a wrong one added before a right one, nothing read. */
  merge: number;
  loseFirst: number;
  addWrong: number;
  none: number;
}

const SETTINGS: Record<string, Setting> = {
  'biased reader (delta2 read low)': {
    p: 0.65,
    delta1: 0.8,
    delta2: 0.65,
    recover: 0.4,
    merge: 0.35,
    loseFirst: 0.03,
    addWrong: 0.05,
    none: 0.03,
  },
  'accurate reader': { p: 0.65, delta1: 0.8, delta2: 0.65, recover: 0.4, merge: 0.02, loseFirst: 0.01, addWrong: 0.02, none: 0.01 },
  'extreme cells': { p: 0.84, delta1: 0.98, delta2: 0.06, recover: 0.3, merge: 0.2, loseFirst: 0.02, addWrong: 0.03, none: 0.02 },
  'poor reader': { p: 0.5, delta1: 0.7, delta2: 0.5, recover: 0.4, merge: 0.6, loseFirst: 0.1, addWrong: 0.3, none: 0.1 },
};

/** One response's attempts (true: right), at most 8. Half the problems are 15 points harder than p, half easier. */
function respond(rng: Rng, s: Setting): boolean[] {
  const p = Math.min(0.999, Math.max(0.001, rng.bernoulli(0.5) ? s.p - 0.15 : s.p + 0.15));
  const attempts = [rng.bernoulli(p)];
  while (attempts.length < 8) {
    const right = attempts[attempts.length - 1];
    if (right ? rng.bernoulli(s.delta1) : !rng.bernoulli(s.delta2)) break;
    attempts.push(rng.bernoulli(right ? 0.9 : s.recover));
  }
  return attempts;
}

function misread(rng: Rng, attempts: boolean[], s: Setting): boolean[] {
  if (rng.bernoulli(s.none)) return [];
  const read: boolean[] = [];
  attempts.forEach((right, i) => {
    if (i === 0 && rng.bernoulli(s.loseFirst)) return;
    if (!right && i < attempts.length - 1 && rng.bernoulli(s.merge)) return;
    if (right && rng.bernoulli(s.addWrong)) read.push(false);
    read.push(right);
  });
  return read;
}

type Metric = 'p' | 'delta1' | 'delta2';
const METRICS: readonly Metric[] = ['p', 'delta1', 'delta2'];

/** The paper's counts of one response (written here apart from segmentationEval.ts's). */
function countsOf(attempts: boolean[], metric: Metric): [number, number] {
  if (attempts.length === 0) return [0, 0];
  if (metric === 'p') return [attempts[0] ? 1 : 0, 1];
  let k = 0;
  let n = 0;
  attempts.forEach((right, i) => {
    const stop = i === attempts.length - 1;
    if (metric === 'delta1' && right) {
      n++;
      if (stop) k++;
    } else if (metric === 'delta2' && !right) {
      n++;
      if (!stop) k++;
    }
  });
  return [k, n];
}

const column = (responses: boolean[][], metric: Metric): RecordCounts => {
  const c: RecordCounts = { k: [], n: [] };
  for (const r of responses) {
    const [k, n] = countsOf(r, metric);
    c.k.push(k);
    c.n.push(n);
  }
  return c;
};
const pooled = (c: RecordCounts): number => c.k.reduce((a, b) => a + b, 0) / c.n.reduce((a, b) => a + b, 0);

test('corrected with a few random labels, the interval covers the truth where the reading alone does not', () => {
  const rng = new Rng(44);
  const corpora = 400;
  const records = 400;
  for (const [name, s] of Object.entries(SETTINGS)) {
    // The population's rates, from 100,000 responses (the cap of 8 attempts moves them a little from the parameters).
    const population = Array.from({ length: 100_000 }, () => respond(rng, s));
    const truth = Object.fromEntries(METRICS.map((m) => [m, pooled(column(population, m))])) as Record<Metric, number>;
    const sizes = [20, 40];
    const zero = (): Record<Metric, number> => ({ p: 0, delta1: 0, delta2: 0 });
    const covered = sizes.map(() => ({ corrected: zero(), engine: zero(), labels: zero() }));
    const width = sizes.map(() => ({ corrected: zero(), labels: zero() }));
    // The predicted accuracy of the corrected rates (the paper's formula; the image of their intervals' box).
    const truthPredicted = predictedAccuracy(truth.p, truth.delta1, truth.delta2);
    const predicted = sizes.map(() => ({ covered: 0, width: 0, none: 0 }));
    for (let c = 0; c < corpora; c++) {
      const gold = Array.from({ length: records }, () => respond(rng, s));
      const read = gold.map((g) => misread(rng, g, s));
      const rates = sizes.map(() => ({}) as Record<Metric, Corrected>);
      for (const m of METRICS) {
        const alone = pooledRateInterval(column(read, m));
        const inside = (i: { lo: number; hi: number }): number => (i.lo <= truth[m] && truth[m] <= i.hi ? 1 : 0);
        sizes.forEach((labelled, j) => {
          // The first `labelled` responses are the random sample (responses are drawn independently).
          const corrected = predictionPoweredRate(
            column(read.slice(labelled), m),
            column(read.slice(0, labelled), m),
            column(gold.slice(0, labelled), m),
          );
          const labels = pooledRateInterval(column(gold.slice(0, labelled), m));
          rates[j][m] = corrected;
          if (!Number.isNaN(corrected.value)) {
            assert.ok(corrected.lambda >= 0 && corrected.lambda <= 1, `lambda ${corrected.lambda}`);
            assert.ok(corrected.lo <= corrected.value && corrected.value <= corrected.hi, JSON.stringify(corrected));
          }
          // A labelled sample with no trial (no wrong attempt: no delta2) gives no interval: counted as not covering.
          covered[j].corrected[m] += inside(corrected);
          covered[j].engine[m] += inside(alone);
          covered[j].labels[m] += inside(labels);
          width[j].corrected[m] += (Number.isNaN(corrected.hi) ? 1 : corrected.hi - corrected.lo) / corpora;
          width[j].labels[m] += (Number.isNaN(labels.hi) ? 1 : labels.hi - labels.lo) / corpora;
        });
      }
      sizes.forEach((_, j) => {
        const acc = correctedPredictedAccuracy(rates[j].p, rates[j].delta1, rates[j].delta2);
        if (Number.isNaN(acc.value)) predicted[j].none++;
        else {
          assert.ok(acc.lo <= acc.value && acc.value <= acc.hi, JSON.stringify(acc));
          if (acc.lo <= truthPredicted && truthPredicted <= acc.hi) predicted[j].covered++;
          predicted[j].width += acc.hi - acc.lo;
        }
      });
    }
    for (const [j, labelled] of sizes.entries()) {
      const pct = (x: number): string => `${((100 * x) / corpora).toFixed(1)}%`;
      console.log(
        `${name}, ${labelled} of ${records} labelled: ` +
          METRICS.map(
            (m) =>
              `${m} ${truth[m].toFixed(3)}: corrected ${pct(covered[j].corrected[m])} (width ${width[j].corrected[m].toFixed(3)}), reading alone ${pct(covered[j].engine[m])}, labels alone ${pct(covered[j].labels[m])} (width ${width[j].labels[m].toFixed(3)})`,
          ).join('; '),
      );
      const pr = predicted[j];
      console.log(
        `${name}, ${labelled} of ${records} labelled: predicted accuracy ${truthPredicted.toFixed(3)}: covered ${pct(pr.covered)} (width ${(pr.width / Math.max(1, corpora - pr.none)).toFixed(3)}; ${pr.none} corpora without an estimate, counted as not covering)`,
      );
      assert.ok(pr.covered / corpora >= 0.93, `${name}, ${labelled} labelled, predicted accuracy: coverage ${pct(pr.covered)}`);
      for (const m of METRICS)
        assert.ok(
          covered[j].corrected[m] / corpora >= 0.9,
          `${name}, ${labelled} labelled, ${m}: coverage ${pct(covered[j].corrected[m])}`,
        );
      if (name === 'accurate reader')
        for (const m of METRICS)
          assert.ok(width[j].corrected[m] < width[j].labels[m], `${m}: the reading's help should narrow the interval`);
      if (name.startsWith('biased')) assert.ok(covered[j].engine.delta2 / corpora < 0.6, 'the simulated reader should bias delta2');
    }
  }
});

test('corrected rate: edge cases', () => {
  const c = (k: number[], n: number[]): RecordCounts => ({ k, n });
  // Fewer than two labelled records: no estimate.
  assert.ok(Number.isNaN(predictionPoweredRate(c([1, 0], [1, 1]), c([1], [1]), c([1], [1])).value));
  assert.throws(() => predictionPoweredRate(c([], []), c([1, 0], [1, 1]), c([1], [1])), /different labelled records/);
  // No unlabelled record: the labelled records alone (weight 0), their rate.
  const alone = predictionPoweredRate(c([], []), c([0, 0, 1], [1, 1, 1]), c([1, 0, 1, 1].slice(0, 3), [1, 1, 1]));
  assert.equal(alone.lambda, 0);
  assert.ok(Math.abs(alone.value - 2 / 3) < 1e-12);
  // A reading equal to the labels on every labelled record: the unlabelled records' rate, never a point interval.
  const u = c(
    Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 0 : 1)),
    Array(200).fill(1),
  );
  const same = c([1, 1, 0, 1, 1, 1, 0, 1, 1, 1], Array(10).fill(1));
  const agree = predictionPoweredRate(u, same, same);
  assert.ok(Math.abs(agree.value - 0.75) < 0.05, `value ${agree.value}`);
  assert.ok(agree.hi - agree.lo >= 0.3, `the rule of three keeps the width of 3 in 10 records read apart: ${agree.lo}-${agree.hi}`);
  // A reading that reads every first candidate wrong where the labels read it right: corrected back to the labels.
  const wrong = c(Array(10).fill(0), Array(10).fill(1));
  const right = c(Array(10).fill(1), Array(10).fill(1));
  const fixed = predictionPoweredRate(c(Array(100).fill(0), Array(100).fill(1)), wrong, right);
  assert.equal(fixed.value, 1);
  assert.equal(fixed.hi, 1);
  assert.ok(fixed.lo < 1 && fixed.lo > 0.5, `lo ${fixed.lo}`);
});
