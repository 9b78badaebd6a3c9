// Training the learned candidate stage (docs/segmentation-eval.md, "Stop 26"): examples are the
// rules' candidates with a label each (does a gold candidate match it, by the alignment the
// evaluation uses, alignCandidates), the model an L2-regularized logistic regression fitted by
// Newton's method (deterministic: no sampling, no seed to fix), the output a TS module.
import { READER_FEATURES, candidateFeatures, type ReaderInput } from '../trace/readerFeatures.js';
import type { GoldRecord } from '../trace/gold.js';
import { neverVetoed, type ReaderWeights } from '../trace/learnedReader.js';
import { alignCandidates } from './segmentationEval.js';

export interface ReaderExamples {
  /** One row per rules candidate (READER_FEATURES order). */
  rows: number[][];
  /** 1 when a gold candidate matches it. */
  labels: number[];
  /** Per row: whether the stage never vetoes it (its record's last candidate, an explicit answer or the asked computation's result: learnedReader.ts, neverVetoed), so it is not trained on. */
  fixed: boolean[];
}

/** The rules' candidates of one record as labelled examples. */
export function readerExamples(input: ReaderInput, gold: GoldRecord, optionOf?: ReadonlyMap<string, string>): ReaderExamples {
  const rows = candidateFeatures(input);
  const predicted = input.attempts.map((a) => ({ value: a.candidate.value, offset: a.candidate.start }));
  const matched = new Set(alignCandidates(gold.candidates, predicted, optionOf).map(([, j]) => j));
  const never = neverVetoed(input, input.attempts);
  return {
    rows,
    labels: rows.map((_, j) => (matched.has(j) ? 1 : 0)),
    fixed: rows.map((_, j) => j === rows.length - 1 || never[j]),
  };
}

export interface FitOptions {
  /** L2 penalty on the standardized weights (the bias is not penalized). */
  lambda: number;
  /** Per-example weights (default 1). */
  sampleWeights?: readonly number[];
  iterations?: number;
  /** Row length, when the rows are not READER_FEATURES vectors (scripts/reader-additions.ts). */
  dimension?: number;
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      if (f !== 0) for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

/** Fits the logistic regression; threshold and vetoFirst are the caller's (left at 0.5 / false). */
export function fitReader(rows: readonly number[][], labels: readonly number[], options: FitOptions): ReaderWeights {
  const d = options.dimension ?? READER_FEATURES.length;
  const n = rows.length;
  const sw = options.sampleWeights ?? rows.map(() => 1);
  const total = sw.reduce((s, v) => s + v, 0) || 1;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  rows.forEach((r, i) => r.forEach((v, f) => (mean[f] += (sw[i] * v) / total)));
  rows.forEach((r, i) => r.forEach((v, f) => (scale[f] += (sw[i] * (v - mean[f]) ** 2) / total)));
  for (let f = 0; f < d; f++) scale[f] = scale[f] > 1e-12 ? Math.sqrt(scale[f]) : 1;
  const x = rows.map((r) => [1, ...r.map((v, f) => (v - mean[f]) / scale[f])]);
  // theta[0] is the bias.
  let theta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < (options.iterations ?? 25); it++) {
    const grad = theta.map((t, f) => (f > 0 ? options.lambda * t : 0));
    const hess = Array.from({ length: d + 1 }, (_, i) =>
      Array.from({ length: d + 1 }, (_, j) => (i === j && i > 0 ? options.lambda : i === j ? 1e-9 : 0)),
    );
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      let z = 0;
      for (let f = 0; f <= d; f++) z += theta[f] * xi[f];
      const p = 1 / (1 + Math.exp(-z));
      const g = sw[i] * (p - labels[i]);
      const h = sw[i] * p * (1 - p);
      for (let f = 0; f <= d; f++) {
        grad[f] += g * xi[f];
        if (xi[f] === 0) continue;
        const hf = h * xi[f];
        for (let k = f; k <= d; k++) hess[f][k] += hf * xi[k];
      }
    }
    for (let f = 0; f <= d; f++) for (let k = 0; k < f; k++) hess[f][k] = hess[k][f];
    const step = solve(hess, grad);
    theta = theta.map((t, f) => t - step[f]);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return {
    features: d === READER_FEATURES.length ? [...READER_FEATURES] : Array.from({ length: d }, (_, f) => `x${f}`),
    mean,
    scale,
    weights: theta.slice(1),
    bias: theta[0],
    threshold: 0.5,
    vetoFirst: false,
  };
}

const num = (v: number): string => String(Number(v.toPrecision(6)));

/** How the weights were trained (so they can be trained again and compared). */
export interface ReaderTraining {
  lambda: number;
  /** Whether the dev phrasing families were trained on. */
  families: boolean;
}

/** The weights as the source of readerWeights.ts (numbers to six significant digits). */
export function renderWeightsModule(w: ReaderWeights, header: string, training: ReaderTraining): string {
  const list = (xs: readonly number[]): string => `[${xs.map(num).join(', ')}]`;
  return [
    ...header.split('\n').map((l) => `// ${l}`.trimEnd()),
    "import type { ReaderWeights } from './learnedReader.js';",
    '',
    `export const READER_TRAINING = { lambda: ${num(training.lambda)}, families: ${training.families} };`,
    '',
    'export const READER_WEIGHTS: ReaderWeights = {',
    `  features: ${JSON.stringify(w.features)},`,
    `  mean: ${list(w.mean)},`,
    `  scale: ${list(w.scale)},`,
    `  weights: ${list(w.weights)},`,
    `  bias: ${num(w.bias)},`,
    `  threshold: ${num(w.threshold)},`,
    `  vetoFirst: ${w.vetoFirst},`,
    '};',
    '',
  ].join('\n');
}
