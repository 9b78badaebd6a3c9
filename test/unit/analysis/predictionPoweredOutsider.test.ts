// An outsider's adversarial check of predictionPoweredRate (server/src/analysis/predictionPowered.ts),
// written from its contract alone (the exported signature and doc comment), without reading how it
// works or how its author tested it. The contract: theta = E[k_gold] / E[n_gold] over i.i.d. records;
// the 95% interval should cover theta about 95% of the time whatever the reader's bias, provided the
// labelled records are a uniformly random sample; NaN with fewer than two labelled records or no
// labelled trial (sum of gold n = 0).
//
// Each design below draws i.i.d. records (gold and reader counts together), hands the reader's counts
// on `unlabelled` records and both counts on `labelled` records to the function, and counts how often
// the interval holds the true theta (computed analytically, and checked against a large Monte Carlo
// in the first test). Designs are chosen to be hard: reader error tied to difficulty or to n, readers
// that drop records or invent trials, heavy-tailed n, theta near 0 and near 1, records whose trials
// are all-or-nothing, a perfect reader, a constant reader, a reader of pure noise, one that reads the
// opposite. For comparison, a naive interval of the labelled records alone: Wilson's on the pooled
// gold counts (it treats every trial as independent, so it is expected to under-cover where records
// cluster).
//
// NaN answers are not counted as covering or missing: coverage is over the replications with a
// finite answer, and the number of NaN answers is printed (each is also checked to be one the
// contract allows: sum of gold n = 0). The naive interval is counted the same way.
//
// Found (8,000 replications each, PPI_OUTSIDER_REPS=8000; the cells are marked todo in SHORT):
// heavy-tailed n (1-128) covers 67-78% at 10-60 labelled; a reader that fails only on rare records
// (2% of records, holding 39% of the trials) covers 79.8% at 60 labelled, because the 30% of
// labelled sets that hold none of them show a perfect reader (no labelled-only interval can see
// those records either: Wilson's on the labelled records alone covers 81.5% in that design);
// bimodal n within 0-8 covers 90.8% at 60 labelled and all-or-nothing records 90.5% at 10, both
// borderline. Every other cell covers 94.1-99.5%.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { predictionPoweredRate } from '../../../server/src/analysis/predictionPowered.js';
import type { RecordCounts } from '../../../server/src/analysis/segmentationIntervals.js';
import { Rng } from '../../../server/src/analysis/random.js';

const REPS = Number(process.env.PPI_OUTSIDER_REPS) || 800;
const LABELLED = [10, 20, 40, 60];
/** With 800 replications a 95% coverage has a Monte Carlo sd of 0.8 points: 91% is 5 sd below. */
const FLOOR = 0.91;

/** One record: [gold k, gold n, reader k, reader n]. */
type Rec = [number, number, number, number];

interface Design {
  name: string;
  unlabelled: number;
  /** The population's pooled gold rate E[k_gold] / E[n_gold], worked out by hand (see each design). */
  truth: number;
  draw(rng: Rng): Rec;
}

const bern = (rng: Rng, p: number): number => (rng.next() < p ? 1 : 0);
const binom = (rng: Rng, n: number, p: number): number => rng.binomial(n, Math.min(1, Math.max(0, p)));
/** E[f(u)] for u ~ Uniform(0, 1), by the midpoint rule (f is a low-degree polynomial here: exact enough). */
const integrate = (f: (u: number) => number): number => {
  const m = 20_000;
  let s = 0;
  for (let i = 0; i < m; i++) s += f((i + 0.5) / m);
  return s / m;
};

// Heavy-tailed n for one design: n = 2^j, j = 0..7, P(j) proportional to 2^(-0.75 j) (the largest
// records are rare, about 1 in 90, but hold over a fifth of all trials); their rate falls with n.
const heavyJ = [0, 1, 2, 3, 4, 5, 6, 7];
const heavyW = heavyJ.map((j) => 2 ** (-0.75 * j));
const heavyZ = heavyW.reduce((a, b) => a + b, 0);
const heavyP = heavyW.map((w) => w / heavyZ);
const heavyRate = (j: number): number => 0.8 - 0.1 * j;
const drawHeavyJ = (rng: Rng): number => {
  let u = rng.next();
  for (let j = 0; j < heavyP.length - 1; j++) {
    if (u < heavyP[j]) return j;
    u -= heavyP[j];
  }
  return heavyP.length - 1;
};

const designs: Design[] = [
  {
    // p (n = 1). A perfect reader, but only 100 unlabelled records: the unlabelled mean is itself
    // uncertain, and an interval that treats it as known would be too narrow.
    name: 'p: perfect reader, 100 unlabelled',
    unlabelled: 100,
    truth: 0.6,
    draw(rng) {
      const k = bern(rng, 0.6);
      return [k, 1, k, 1];
    },
  },
  {
    // p near 1: 98% correct; the reader calls a wrong answer correct 60% of the time (and a correct
    // one wrong 3%): biased toward 1, and the labelled sets often hold no wrong answer at all.
    name: 'p: theta 0.98, reader biased up',
    unlabelled: 5000,
    truth: 0.98,
    draw(rng) {
      const k = bern(rng, 0.98);
      return [k, 1, k ? bern(rng, 0.97) : bern(rng, 0.6), 1];
    },
  },
  {
    // A constant reader: "correct" on every record. No information; zero variance.
    name: 'p: constant reader (always 1 of 1)',
    unlabelled: 1000,
    truth: 0.3,
    draw(rng) {
      return [bern(rng, 0.3), 1, 1, 1];
    },
  },
  {
    // p: right on easy records, a coin on hard ones (its error tied to difficulty u);
    // P(correct | u) = 1 - 0.9 u, so theta = 1 - 0.45.
    name: 'p: reader a coin on hard records',
    unlabelled: 200,
    truth: 0.55,
    draw(rng) {
      const u = rng.next();
      const k = bern(rng, 1 - 0.9 * u);
      return [k, 1, u < 0.5 ? k : bern(rng, 0.5), 1];
    },
  },
  {
    // delta1 with difficulty u: gold n ~ Bin(8, 1 - 0.8u) correct answers, stops ~ Bin(n, 0.7 - 0.5u).
    // The reader invents correct answers on hard records (u > 0.6) and stops among the trials it
    // did not see as stops at a rate 0.3u: its bias grows with difficulty, and its n differs.
    name: 'delta1: bias grows with difficulty',
    unlabelled: 1000,
    truth: integrate((u) => 8 * (1 - 0.8 * u) * (0.7 - 0.5 * u)) / integrate((u) => 8 * (1 - 0.8 * u)),
    draw(rng) {
      const u = rng.next();
      const n = binom(rng, 8, 1 - 0.8 * u);
      const k = binom(rng, n, 0.7 - 0.5 * u);
      const ne = n + (u > 0.6 ? binom(rng, 8 - n, 0.4) : 0);
      const ke = k + binom(rng, ne - k, 0.3 * u);
      return [k, n, ke, ne];
    },
  },
  {
    // delta2 near 0: gold n ~ Bin(8, 0.15 u^2) wrong answers (most records have none), resamples
    // ~ Bin(n, 0.01 + 0.04u): theta = (0.01/3 + 0.04/4) / (1/3) = 0.04. The reader drops (n = 0) half
    // the records with a resample and a tenth of the others, and invents a resample now and then.
    name: 'delta2: theta 0.04, reader drops records',
    unlabelled: 3000,
    truth: integrate((u) => u * u * (0.01 + 0.04 * u)) / integrate((u) => u * u),
    draw(rng) {
      const u = rng.next();
      const n = binom(rng, 8, 0.15 * u * u);
      const k = binom(rng, n, 0.01 + 0.04 * u);
      if (rng.next() < (k > 0 ? 0.5 : 0.1)) return [k, n, 0, 0];
      return [k, n, k + binom(rng, n - k, 0.02), n];
    },
  },
  {
    // p near 0: 2% of first answers correct; the reader misses half of them and calls 1% of the
    // wrong ones correct. Most labelled sets of 10-40 hold no correct answer at all.
    name: 'p: theta 0.02, reader misses half',
    unlabelled: 2000,
    truth: 0.02,
    draw(rng) {
      const k = bern(rng, 0.02);
      return [k, 1, k ? bern(rng, 0.5) : bern(rng, 0.01), 1];
    },
  },
  {
    // delta2 with n in the range the tool sees (0-8), but bimodal: 70% of records have no wrong
    // answer, 25% one (resampled 60% of the time), 5% eight (the model is lost: resampled 10%).
    // The rare n = 8 records hold 62% of all trials, so a labelled set without one reads theta
    // near 0.6: theta = (0.25 * 0.6 + 0.05 * 8 * 0.1) / (0.25 + 0.05 * 8) = 0.19 / 0.65. The reader
    // gets n right and reads each trial right 90% of the time.
    name: 'delta2: bimodal n (0, 1 or 8), good reader',
    unlabelled: 1000,
    truth: 0.19 / 0.65,
    draw(rng) {
      const v = rng.next();
      const n = v < 0.7 ? 0 : v < 0.95 ? 1 : 8;
      const r = n === 8 ? 0.1 : 0.6;
      let k = 0;
      let ke = 0;
      for (let t = 0; t < n; t++) {
        const x = bern(rng, r);
        k += x;
        ke += rng.next() < 0.9 ? x : 1 - x;
      }
      return [k, n, ke, n];
    },
  },
  {
    // The same shape of n, and a reader that fails only where it is rare: perfect on records with
    // 0 or 1 wrong answer, but on the 2% of lost records (8 wrong answers, resampled 10%) it sees 2
    // wrong answers and reads each as resampled 60% of the time (a long, rambling transcript is where
    // a reader is likeliest to break). theta = (0.25 * 0.6 + 0.02 * 8 * 0.1) / (0.25 + 0.02 * 8).
    // Most labelled sets of 10-60 hold no lost record, and there the reader looks perfect.
    name: 'delta2: reader fails on rare lost records',
    unlabelled: 1000,
    truth: (0.25 * 0.6 + 0.02 * 8 * 0.1) / (0.25 + 0.02 * 8),
    draw(rng) {
      const v = rng.next();
      if (v < 0.73) return [0, 0, 0, 0];
      if (v < 0.98) {
        const k = bern(rng, 0.6);
        return [k, 1, k, 1];
      }
      return [binom(rng, 8, 0.1), 8, binom(rng, 2, 0.6), 2];
    },
  },
  {
    // Heavy-tailed n (1 to 128, see heavyP) with the rate falling as n grows; the reader miscounts
    // n by up to 40% either way and reads every rate 15 points high.
    name: 'delta1: heavy-tailed n (1-128), reader miscounts',
    unlabelled: 500,
    truth: heavyJ.reduce((s, j) => s + heavyP[j] * 2 ** j * heavyRate(j), 0) / heavyJ.reduce((s, j) => s + heavyP[j] * 2 ** j, 0),
    draw(rng) {
      const j = drawHeavyJ(rng);
      const n = 2 ** j;
      const ne = Math.round(n * (0.6 + 0.8 * rng.next()));
      return [binom(rng, n, heavyRate(j)), n, binom(rng, ne, heavyRate(j) + 0.15), ne];
    },
  },
  {
    // A reader of pure noise, independent of the record, with a heavy-tailed (log-normal) n.
    name: 'delta1: pure-noise reader, log-normal n',
    unlabelled: 2000,
    truth: 0.35,
    draw(rng) {
      const n = binom(rng, 8, 0.6);
      const ne = Math.floor(Math.exp(1.5 * rng.normal()));
      return [binom(rng, n, 0.35), n, binom(rng, ne, 0.5), ne];
    },
  },
  {
    // The reader invents 0-4 trials per record, and reads every invented one as a stop.
    name: 'delta1: reader invents stop trials',
    unlabelled: 500,
    truth: 0.4,
    draw(rng) {
      const n = binom(rng, 8, 0.5);
      const k = binom(rng, n, 0.4);
      const extra = binom(rng, 4, 0.25);
      return [k, n, k + extra, n + extra];
    },
  },
  {
    // The reader reads the opposite: every resample as none and every non-resample as one.
    name: 'delta2: reader reads the opposite',
    unlabelled: 300,
    truth: 0.3,
    draw(rng) {
      const n = binom(rng, 8, 0.2 + 0.3 * rng.next());
      const k = binom(rng, n, 0.3);
      return [k, n, n - k, n];
    },
  },
  {
    // All-or-nothing records: in 30% of records every correct answer is followed by a stop, in the
    // others none is (trials within a record perfectly correlated). The reader gets the record
    // right 80% of the time and reads it the other way otherwise.
    name: 'delta1: all-or-nothing records',
    unlabelled: 1000,
    truth: 0.3,
    draw(rng) {
      const n = binom(rng, 8, 0.5);
      const k = rng.next() < 0.3 ? n : 0;
      return [k, n, rng.next() < 0.8 ? k : n - k, n];
    },
  },
];

/** Wilson's 95% interval for k of n; NaN where n = 0. The naive comparison, labelled records alone. */
function wilson(k: number, n: number): { lo: number; hi: number } {
  if (!(n > 0)) return { lo: NaN, hi: NaN };
  const z = 1.959964;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return { lo: Math.max(0, c - h), hi: Math.min(1, c + h) };
}

function sample(design: Design, rng: Rng, count: number, withGold: boolean): { eng: RecordCounts; gold: RecordCounts } {
  const eng: RecordCounts = { k: new Array<number>(count), n: new Array<number>(count) };
  const gold: RecordCounts = { k: new Array<number>(withGold ? count : 0), n: new Array<number>(withGold ? count : 0) };
  for (let i = 0; i < count; i++) {
    const [kg, ng, ke, ne] = design.draw(rng);
    eng.k[i] = ke;
    eng.n[i] = ne;
    if (withGold) {
      gold.k[i] = kg;
      gold.n[i] = ng;
    }
  }
  return { eng, gold };
}

interface Row {
  design: string;
  truth: number;
  unlabelled: number;
  labelled: number;
  finite: number;
  nan: number;
  coverage: number;
  width: number;
  missLow: number;
  missHigh: number;
  meanLambda: number;
  naiveCoverage: number;
  naiveWidth: number;
}
const rows: Row[] = [];

/** Runs one design at one labelled size; checks the basic properties of every answer on the way. */
function simulate(design: Design, labelled: number, seed: number): Row {
  const rng = new Rng(seed);
  let finite = 0;
  let nan = 0;
  let covered = 0;
  let width = 0;
  /** Intervals wholly below theta, and wholly above it. */
  let missLow = 0;
  let missHigh = 0;
  let lambdaSum = 0;
  let naiveFinite = 0;
  let naiveCovered = 0;
  let naiveWidth = 0;
  for (let r = 0; r < REPS; r++) {
    const u = sample(design, rng, design.unlabelled, false).eng;
    const { eng, gold } = sample(design, rng, labelled, true);
    const goldN = gold.n.reduce((a, b) => a + b, 0);
    const goldK = gold.k.reduce((a, b) => a + b, 0);
    const out = predictionPoweredRate(u, eng, gold);
    if (goldN === 0) {
      assert.ok(Number.isNaN(out.value), `${design.name}: no labelled trial must give NaN, got ${out.value}`);
    }
    if (Number.isNaN(out.value)) {
      assert.equal(goldN, 0, `${design.name}, ${labelled} labelled: NaN although the labelled records hold ${goldN} trials`);
      nan++;
    } else {
      assert.ok(
        0 <= out.lo && out.lo <= out.value && out.value <= out.hi && out.hi <= 1,
        `${design.name}: lo <= value <= hi in [0, 1], got ${out.lo} ${out.value} ${out.hi}`,
      );
      assert.ok(out.lambda >= 0 && out.lambda <= 1, `${design.name}: lambda ${out.lambda} outside [0, 1]`);
      finite++;
      width += out.hi - out.lo;
      lambdaSum += out.lambda;
      if (out.lo <= design.truth && design.truth <= out.hi) covered++;
      else if (out.hi < design.truth) missLow++;
      else missHigh++;
    }
    const w = wilson(goldK, goldN);
    if (goldN > 0) {
      naiveFinite++;
      naiveWidth += w.hi - w.lo;
      if (w.lo <= design.truth && design.truth <= w.hi) naiveCovered++;
    }
  }
  return {
    design: design.name,
    truth: design.truth,
    unlabelled: design.unlabelled,
    labelled,
    finite,
    nan,
    coverage: covered / finite,
    width: width / finite,
    missLow,
    missHigh,
    meanLambda: lambdaSum / finite,
    naiveCoverage: naiveCovered / naiveFinite,
    naiveWidth: naiveWidth / naiveFinite,
  };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
after(() => {
  const lines = [
    `predictionPoweredRate coverage, ${REPS} replications per row (coverage over finite answers; NaN = no labelled trial)`,
    `${'design'.padEnd(48)} ${'theta'.padStart(6)} ${'unlab'.padStart(5)} ${'lab'.padStart(3)}  cover  width  below  above  lambda  NaN | naive cover width`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.design.padEnd(48)} ${r.truth.toFixed(4)} ${String(r.unlabelled).padStart(5)} ${String(r.labelled).padStart(3)}  ${pct(r.coverage)}  ${pct(r.width)}  ${String(r.missLow).padStart(5)}  ${String(r.missHigh).padStart(5)}  ${r.meanLambda.toFixed(2).padStart(6)}  ${String(r.nan).padStart(3)} |       ${pct(r.naiveCoverage)} ${pct(r.naiveWidth)}`,
    );
  }
  console.log(lines.join('\n'));
});

test('each design draws records whose pooled gold rate is the theta worked out by hand (Monte Carlo, 200,000 records)', () => {
  const rng = new Rng(20261207);
  for (const d of designs) {
    const m = 200_000;
    let k = 0;
    let n = 0;
    let kk = 0;
    let nn = 0;
    let kn = 0;
    for (let i = 0; i < m; i++) {
      const [kg, ng, ke, ne] = d.draw(rng);
      assert.ok(Number.isInteger(kg) && Number.isInteger(ng) && 0 <= kg && kg <= ng, `${d.name}: gold ${kg} of ${ng}`);
      assert.ok(Number.isInteger(ke) && Number.isInteger(ne) && 0 <= ke && ke <= ne, `${d.name}: reader ${ke} of ${ne}`);
      k += kg;
      n += ng;
      kk += kg * kg;
      nn += ng * ng;
      kn += kg * ng;
    }
    const est = k / n;
    // Delta-method sd of the ratio of means.
    const mk = k / m;
    const mn = n / m;
    const varLin = (kk / m - 2 * est * (kn / m) + est * est * (nn / m) - (mk - est * mn) ** 2) / (mn * mn);
    const sd = Math.sqrt(varLin / m);
    assert.ok(Math.abs(est - d.truth) < 4 * sd + 1e-9, `${d.name}: Monte Carlo ${est} vs by hand ${d.truth} (sd ${sd})`);
  }
});

/**
 * Cells found short of the contract (coverage clearly under 95%), by design name and labelled
 * count, with the coverage of 8,000 replications (PPI_OUTSIDER_REPS=8000, same seeds): kept as
 * failures to fix, not weakened to pass.
 */
const SHORT: Record<string, string> = {
  'delta1: heavy-tailed n (1-128), reader miscounts|10':
    'covers 68.8% of 8,000 (intervals above theta 2,178 times, below 318): the rare n = 128 records are missing from most labelled sets',
  'delta1: heavy-tailed n (1-128), reader miscounts|20': 'covers 67.5% of 8,000 (above theta 2,328, below 268)',
  'delta1: heavy-tailed n (1-128), reader miscounts|40': 'covers 73.6% of 8,000 (above theta 1,882, below 234)',
  'delta1: heavy-tailed n (1-128), reader miscounts|60': 'covers 77.9% of 8,000 (above theta 1,566, below 200)',
  'delta2: reader fails on rare lost records|60':
    'covers 79.8% of 8,000 (above theta 1,413, below 205): a labelled set without a lost record (30% of them) shows a perfect reader',
  'delta2: bimodal n (0, 1 or 8), good reader|60': 'covers 90.8% of 8,000 (above theta 597, below 141), borderline',
  'delta1: all-or-nothing records|10': 'covers 90.5% of 8,000 (above theta 487, below 276), borderline',
};

for (const [di, d] of designs.entries()) {
  for (const [li, labelled] of LABELLED.entries()) {
    const todo = SHORT[`${d.name}|${labelled}`];
    test(`coverage: ${d.name}, ${labelled} labelled`, todo ? { todo } : {}, () => {
      const row = simulate(d, labelled, 1000 * (di + 1) + li);
      rows.push(row);
      assert.ok(
        row.coverage >= FLOOR,
        `${d.name} (theta ${d.truth.toFixed(4)}), ${labelled} labelled: coverage ${pct(row.coverage)}% under ${FLOOR * 100}% (width ${pct(row.width)}, ${row.missLow} intervals below theta, ${row.missHigh} above)`,
      );
    });
  }
}

test('NaN exactly where the contract says: fewer than two labelled records, or no labelled trial', () => {
  const u: RecordCounts = { k: [1, 0, 2], n: [1, 1, 3] };
  const none: RecordCounts = { k: [], n: [] };
  assert.ok(Number.isNaN(predictionPoweredRate(u, none, none).value), 'no labelled record');
  const one = predictionPoweredRate(u, { k: [1], n: [2] }, { k: [1], n: [2] });
  assert.ok(Number.isNaN(one.value) && Number.isNaN(one.lo) && Number.isNaN(one.hi), 'one labelled record');
  const noTrial = predictionPoweredRate(u, { k: [1, 2], n: [3, 2] }, { k: [0, 0], n: [0, 0] });
  assert.ok(Number.isNaN(noTrial.value) && Number.isNaN(noTrial.lo) && Number.isNaN(noTrial.hi), 'no gold trial');
  const two = predictionPoweredRate(u, { k: [0, 1], n: [0, 2] }, { k: [0, 1], n: [0, 2] });
  assert.ok(Number.isFinite(two.value) && Number.isFinite(two.lo) && Number.isFinite(two.hi), 'two records, one trial-holding');
});

test('degenerate readers still give a valid interval: reader n = 0 everywhere, no unlabelled record, all gold k = 0 or = n', () => {
  const rng = new Rng(77);
  const gold: RecordCounts = { k: [], n: [] };
  for (let i = 0; i < 20; i++) {
    const n = binom(rng, 8, 0.5);
    gold.n.push(n);
    gold.k.push(binom(rng, n, 0.3));
  }
  const zeros = (m: number): RecordCounts => ({ k: new Array<number>(m).fill(0), n: new Array<number>(m).fill(0) });
  const cases: [string, RecordCounts, RecordCounts, RecordCounts][] = [
    ['reader n = 0 everywhere', zeros(500), zeros(20), gold],
    ['no unlabelled record', zeros(0), gold, gold],
    ['all gold k = 0', { k: [0, 1, 0], n: [2, 2, 1] }, { k: [0, 0, 0, 0], n: [1, 2, 3, 1] }, { k: [0, 0, 0, 0], n: [1, 2, 3, 1] }],
    ['all gold k = n', { k: [1, 2, 0], n: [2, 2, 1] }, { k: [1, 2, 3, 1], n: [1, 2, 3, 1] }, { k: [1, 2, 3, 1], n: [1, 2, 3, 1] }],
  ];
  for (const [name, u, e, g] of cases) {
    const out = predictionPoweredRate(u, e, g);
    assert.ok(Number.isFinite(out.value), `${name}: finite value, got ${out.value}`);
    assert.ok(0 <= out.lo && out.lo <= out.value && out.value <= out.hi && out.hi <= 1, `${name}: ${out.lo} ${out.value} ${out.hi}`);
    assert.ok(out.lambda >= 0 && out.lambda <= 1, `${name}: lambda ${out.lambda}`);
    assert.ok(out.hi > out.lo, `${name}: an interval from a finite sample is never a point (${out.lo}, ${out.hi})`);
  }
});

test('deterministic, leaves its inputs alone, and does not depend on the order of the records', () => {
  const d = designs[4];
  const rng = new Rng(5);
  const u = sample(d, rng, 800, false).eng;
  const { eng, gold } = sample(d, rng, 30, true);
  const copy = (c: RecordCounts): RecordCounts => ({ k: [...c.k], n: [...c.n] });
  const [u0, e0, g0] = [copy(u), copy(eng), copy(gold)];
  const a = predictionPoweredRate(u, eng, gold);
  const b = predictionPoweredRate(u, eng, gold);
  assert.deepEqual(a, b);
  assert.deepEqual([u, eng, gold], [u0, e0, g0], 'inputs unchanged');
  // The same records in another order (labelled pairs kept together).
  const perm = (m: number): number[] => {
    const p = [...Array(m).keys()];
    for (let i = m - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  };
  const pu = perm(u.k.length);
  const pl = perm(eng.k.length);
  const pick = (c: RecordCounts, p: number[]): RecordCounts => ({ k: p.map((i) => c.k[i]), n: p.map((i) => c.n[i]) });
  const c = predictionPoweredRate(pick(u, pu), pick(eng, pl), pick(gold, pl));
  for (const key of ['value', 'lo', 'hi', 'lambda'] as const)
    assert.ok(Math.abs(a[key] - c[key]) < 1e-9, `${key}: ${a[key]} vs ${c[key]} after reordering`);
});
