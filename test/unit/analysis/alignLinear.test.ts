// alignCandidates on inputs in offset order stores the alignment table only inside each gold
// candidate's attempt (docs/engine.md, stop 31): the same pairs as the full table, checked against
// it on random inputs, and work linear in the candidates (cells and value comparisons counted, not timed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignCandidates, evalCounts, evaluateSegmentation } from '../../../server/src/analysis/segmentationEval.js';
import { normalizeAnswer, normalizedEqual } from '../../../server/src/trace/answers.js';

/** alignCandidates before stop 31: every cell of the table, values compared first. */
function fullAlignment(
  gold: readonly { value: string; offset: number }[],
  predicted: readonly { value: string; offset: number }[],
): [number, number][] {
  const g = gold.map((c) => normalizeAnswer(c.value));
  const p = predicted.map((c) => normalizeAnswer(c.value));
  const ok = (i: number, j: number): boolean => {
    if (!normalizedEqual(g[i], p[j])) return false;
    const lo = i > 0 ? gold[i - 1].offset : -1;
    const hi = i + 1 < gold.length ? gold[i + 1].offset : Infinity;
    return predicted[j].offset > lo && predicted[j].offset < hi;
  };
  const n = g.length;
  const m = p.length;
  const dp = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) dp[i][j] = Math.max(dp[i + 1][j], dp[i][j + 1], ok(i, j) ? 1 + dp[i + 1][j + 1] : 0);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ok(i, j) && dp[i][j] === 1 + dp[i + 1][j + 1]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

test('alignCandidates gives the pairs the full table gives, in offset order or not', () => {
  const values = ['1', '2', '3', '1/2', '0.5', 'x'];
  let seed = 17;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (): string => values[Math.floor(next() * values.length)];
  for (let n = 0; n < 4000; n++) {
    const ordered = next() < 0.85;
    const offsets = (k: number, strict: boolean): number[] => {
      const out: number[] = [];
      let at = Math.floor(next() * 3) - 1;
      for (let i = 0; i < k; i++) {
        at += strict ? 1 + Math.floor(next() * 4) : Math.floor(next() * 4);
        out.push(ordered ? at : Math.floor(next() * 30));
      }
      return out;
    };
    const gold = offsets(Math.floor(next() * 9), true).map((offset) => ({ value: pick(), offset }));
    const predicted = offsets(Math.floor(next() * 11), false).map((offset) => ({ value: pick(), offset }));
    assert.deepEqual(alignCandidates(gold, predicted), fullAlignment(gold, predicted), JSON.stringify({ gold, predicted }));
  }
});

test('2,000 gold and 2,000 predicted candidates, all different: cells and comparisons linear in them', () => {
  const N = 2000;
  const gold = Array.from({ length: N }, (_, i) => ({ value: `apple${i}`, offset: 40 * i + 10 }));
  // Each predicted candidate a little after its gold one; every third one a different word.
  const predicted = gold.map((c, i) => ({ value: i % 3 === 0 ? `pear${i}` : c.value, offset: c.offset + 2 }));
  evalCounts.cells = 0;
  evalCounts.comparisons = 0;
  const e = evaluateSegmentation([
    {
      id: 'r',
      truth: 'apple',
      gold: { id: 'r', candidates: gold, final: gold[N - 1].value } as never,
      predicted,
      predictedFinal: predicted[N - 1].value,
      seen: predicted,
    },
  ]);
  assert.equal(e.matched, N - Math.ceil(N / 3));
  // The full table filled N * N = 4,000,000 cells and compared as many pairs of values.
  assert.ok(evalCounts.cells < 10 * N, `cells ${evalCounts.cells}`);
  assert.ok(evalCounts.comparisons < 10 * N, `comparisons ${evalCounts.comparisons}`);
});
