// Percentile bootstrap over traces that resamples counts, not traces. Every statistic the
// calibration needs is a function of column sums over traces (first-correct, decisions after
// correct, ...), and traces with equal columns are interchangeable, so a corpus compresses to its
// distinct patterns with multiplicities w_i. Drawing n traces with replacement is then one
// multinomial(n, w/n) draw over the patterns (sequential conditional binomials): the same
// distribution as resampling traces, at a cost independent of n.
import type { Rng } from './random.js';

/** Distinct rows of a table with how many traces share each. */
export class PatternTable {
  private readonly index = new Map<number | string, number>();
  readonly rows: number[][] = [];
  readonly weights: number[] = [];
  total = 0;

  constructor(readonly columns: number) {}

  add(row: readonly number[], weight = 1): void {
    if (row.length !== this.columns) throw new RangeError(`row has ${row.length} columns, expected ${this.columns}`);
    const key = patternKey(row);
    const at = this.index.get(key);
    if (at === undefined) {
      this.index.set(key, this.rows.length);
      this.rows.push(Array.from(row));
      this.weights.push(weight);
    } else this.weights[at] += weight;
    this.total += weight;
  }

  /** The same table with rows in lexicographic order. */
  sorted(): PatternTable {
    const order = this.rows
      .map((_, i) => i)
      .sort((a, b) => {
        const ra = this.rows[a];
        const rb = this.rows[b];
        for (let c = 0; c < ra.length; c++) if (ra[c] !== rb[c]) return ra[c] - rb[c];
        return 0;
      });
    const t = new PatternTable(this.columns);
    for (const i of order) t.add(this.rows[i], this.weights[i]);
    return t;
  }

  /** Column sums of the whole table. */
  sums(): number[] {
    const s = new Array<number>(this.columns).fill(0);
    this.rows.forEach((r, i) => r.forEach((v, c) => (s[c] += v * this.weights[i])));
    return s;
  }
}

/** Rows of small non-negative integers (the usual case) pack into one number: a cheap map key. */
function patternKey(row: readonly number[]): number | string {
  if (row.length <= 5) {
    let key = 0;
    let packed = true;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (!(Number.isInteger(v) && v >= 0 && v < 1024)) {
        packed = false;
        break;
      }
      key = key * 1024 + v;
    }
    if (packed) return key;
  }
  return row.join(',');
}

/**
 * B bootstrap replicates of `statistics(columnSums, n)`; returns, per statistic, the B values
 * (NaN where a replicate leaves it undefined).
 */
export function bootstrapPatterns(
  table: PatternTable,
  B: number,
  rng: Rng,
  statistics: (sums: Float64Array, n: number) => number[],
): Float64Array[] {
  const n = table.total;
  const rows = table.rows;
  const m = rows.length;
  const cols = table.columns;
  let out: Float64Array[] | undefined;
  const sums = new Float64Array(cols);
  for (let b = 0; b < B; b++) {
    sums.fill(0);
    let remaining = n;
    let massLeft = n;
    for (let i = 0; i < m && remaining > 0; i++) {
      const w = table.weights[i];
      const k = i === m - 1 ? remaining : rng.binomial(remaining, w / massLeft);
      remaining -= k;
      massLeft -= w;
      if (k === 0) continue;
      const row = rows[i];
      for (let c = 0; c < cols; c++) sums[c] += k * row[c];
    }
    const values = statistics(sums, n);
    out ??= values.map(() => new Float64Array(B));
    for (let s = 0; s < values.length; s++) out[s][b] = values[s];
  }
  return out ?? [];
}

/** Percentile interval (linear interpolation between order statistics) over the finite values. */
export function percentileInterval(values: Float64Array, level = 0.95): { lo: number; hi: number } {
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  if (finite.length === 0) return { lo: NaN, hi: NaN };
  const alpha = (1 - level) / 2;
  return { lo: quantile(finite, alpha), hi: quantile(finite, 1 - alpha) };
}

function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
