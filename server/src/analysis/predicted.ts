// The two-stage model's accuracy from its calibrated parameters (docs/design.md section 4).
// A product with a zero factor is zero even when the other factor is undefined (NaN): with p = 1
// there are no wrong answers, so delta2 cannot matter.

const times = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : a * b);

/** Probability of RESAMPLE from any attempt: r = p(1-d1) + (1-p)d2. */
export function resampleRate(p: number, d1: number, d2: number): number {
  return times(p, 1 - d1) + times(1 - p, d2);
}

/** Infinite horizon: Acc = p*d1 / (p*d1 + (1-p)(1-d2)). */
export function predictedAccuracy(p: number, d1: number, d2: number): number {
  const right = times(p, d1);
  const wrong = times(1 - p, 1 - d2);
  return right + wrong === 0 ? NaN : right / (right + wrong);
}

/**
 * At most K attempts, the K-th answer stands: Acc_K = p*d1*(1-r^(K-1))/(1-r) + p*r^(K-1).
 * (Stopping correctly at attempt k < K has probability r^(k-1)*p*d1.)
 */
export function predictedAccuracyK(p: number, d1: number, d2: number, K: number): number {
  if (!(K >= 1) || !Number.isInteger(K)) throw new RangeError(`K must be a positive integer, got ${K}`);
  const r = resampleRate(p, d1, d2);
  const rK = r ** (K - 1);
  const geometric = Math.abs(1 - r) < 1e-12 ? K - 1 : (1 - rK) / (1 - r);
  return times(times(p, d1), geometric) + p * rK;
}

/**
 * Observed accuracy with the Wald interval acc +- 1.96*sqrt(acc(1-acc)/n), not clipped: the paper's
 * Table 1 interval, used only where the training experiment is set beside that table (calibrate
 * shows Wilson: Wald passes [0, 1] and has zero width at 0/n and n/n).
 */
export function waldInterval(correct: number, n: number): { value: number; lo: number; hi: number } {
  if (n <= 0) return { value: NaN, lo: NaN, hi: NaN };
  const acc = correct / n;
  const half = 1.96 * Math.sqrt((acc * (1 - acc)) / n);
  return { value: acc, lo: acc - half, hi: acc + half };
}

/**
 * Wilson score interval for k successes in n trials (95%): never zero width for a finite sample,
 * and close to nominal coverage at the edges (10 of 10 gives (72.2, 100)), where the Wald and
 * bootstrap intervals collapse to a point. NaN bounds when n is 0.
 */
export function wilsonInterval(k: number, n: number, z = 1.96): { lo: number; hi: number } {
  if (!(n > 0)) return { lo: NaN, hi: NaN };
  const phat = k / n;
  const z2 = z * z;
  const centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((phat * (1 - phat)) / n + z2 / (4 * n * n));
  // At 0/n and n/n the bound is exactly 0 or 1 in exact arithmetic (centre -+ half); floating
  // point can land a hair inside (100 of 100: hi 0.9999999999999999), which would miss a true 1.
  return { lo: k <= 0 ? 0 : Math.max(0, centre - half), hi: k >= n ? 1 : Math.min(1, centre + half) };
}

/**
 * Half the 5% quantile of chi-square with 2x degrees of freedom, x = 1, 2, 3: the one-sided 95%
 * Poisson lower bound on the mean after x events (P(Poisson(lambda) >= x) = 0.05).
 */
const POISSON_LOWER_95 = [0, 0.05129329438755053, 0.35536151069866206, 0.8176914471639533];

/**
 * The modified Wilson interval of Brown, Cai & DasGupta (2001, "Interval estimation for a binomial
 * proportion", Statistical Science 16(2), section 4.1.1): the Wilson interval, with the bound next to
 * 0 replaced by the one-sided Poisson bound chi2(2x, 0.05)/(2n) for x = 1, 2 (n <= 50) or x = 1, 2, 3
 * (n > 50), and the bound next to 1 likewise for n - x. Plain Wilson's bound there is too tight: its
 * coverage falls to 83.5% at some q below 1/n (and above 1 - 1/n), for every n; the Poisson bound lifts
 * that to 95%. Exact minimum coverage over q (test/unit/analysis/calibrate.test.ts computes it):
 * 95.0% where nq or n(1-q) < 1; elsewhere Wilson's own oscillation, which the modification leaves:
 * 90.9% at its worst for n = 10..50 (n = 13, q = 0.232; 91.1% for 1 <= nq < 3), 92.6% for
 * n = 51..200. Never narrower than Wilson.
 * 95% only (the Poisson bounds are for that level); fractional counts get plain Wilson.
 */
export function modifiedWilsonInterval(k: number, n: number): { lo: number; hi: number } {
  const w = wilsonInterval(k, n);
  if (!(n > 0) || !Number.isInteger(k) || !Number.isInteger(n)) return w;
  const edge = n <= 50 ? 2 : 3;
  let { lo, hi } = w;
  if (k >= 1 && k <= edge) lo = Math.min(lo, POISSON_LOWER_95[k] / n);
  if (n - k >= 1 && n - k <= edge) hi = Math.max(hi, 1 - POISSON_LOWER_95[n - k] / n);
  return { lo, hi };
}
