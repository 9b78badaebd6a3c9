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
