import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrateGroups, CalibrationAccumulator } from '../../../server/src/analysis/calibrate.js';
import {
  modifiedWilsonInterval,
  predictedAccuracy,
  predictedAccuracyK,
  waldInterval,
  wilsonInterval,
} from '../../../server/src/analysis/predicted.js';
import { logFactorial, Rng } from '../../../server/src/analysis/random.js';
import { bootstrapPatterns, PatternTable } from '../../../server/src/analysis/bootstrap.js';
import { traceSummary, emptyTransitions } from '../../../server/src/analysis/summary.js';
import type { TraceSummary } from '../../../server/src/analysis/types.js';
import { generateMultiplicationTraces, type GeneratedTrace } from '../../../server/src/trace/generate.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import type { SegmentedRecord, Step, TraceRecord } from '../../../server/src/trace/types.js';

function summaryOf(model: string, task: string, finalCorrect: boolean, extra: Partial<TraceSummary> = {}): TraceSummary {
  return {
    model,
    task,
    file: 'f.trace',
    line: 1,
    id: '1',
    firstCorrect: finalCorrect,
    finalCorrect,
    stopAfterCorrect: finalCorrect ? 1 : 0,
    decisionsAfterCorrect: finalCorrect ? 1 : 0,
    resampleAfterWrong: 0,
    decisionsAfterWrong: finalCorrect ? 0 : 1,
    transitions: emptyTransitions(),
    ...extra,
  };
}

test("waldInterval reproduces rows of the paper's Table 1 (unclipped); calibrate shows modified Wilson, within [0, 1]", () => {
  // [correct out of 100, printed lo, printed hi] from Table 1 (Base, SFT (reflection), RL rows).
  const rows: [number, number, number][] = [
    [74, 65.4, 82.6],
    [34, 24.7, 43.3],
    [5, 0.7, 9.3],
    [1, -1.0, 3.0],
    [4, 0.2, 7.8],
    [3, -0.3, 6.3],
    [96, 92.2, 99.8],
    [92, 86.7, 97.3],
    [94, 89.3, 98.7],
    [49, 39.2, 58.8],
    [0, 0.0, 0.0],
    [98, 95.3, 100.7],
    [91, 85.4, 96.6],
    [90, 84.1, 95.9],
    [72, 63.2, 80.8],
    [53, 43.2, 62.8],
  ];
  for (const [k, lo, hi] of rows) {
    // The paper's interval, kept for the training experiment's comparison with Table 1.
    const w = waldInterval(k, 100);
    assert.equal(Math.round(w.lo * 1000) / 10, lo, `${k}/100 Wald lo`);
    assert.equal(Math.round(w.hi * 1000) / 10, hi, `${k}/100 Wald hi`);
    // What calibrate shows: the modified Wilson interval of the same count, Wilson's except within
    // 3 of 0 or 100 (n > 50), where the bound next to the edge is the one-sided Poisson bound.
    const summaries = Array.from({ length: 100 }, (_, i) => summaryOf('m', 't', i < k));
    const g = calibrateGroups(summaries, { bootstrap: 10 }).groups[0];
    assert.equal(g.n, 100);
    assert.equal(g.accuracy.value, k / 100);
    assert.deepEqual({ lo: g.accuracy.lo, hi: g.accuracy.hi }, modifiedWilsonInterval(k, 100));
    const w0 = wilsonInterval(k, 100);
    if (k >= 1 && k <= 3) assert.ok(g.accuracy.lo < w0.lo && g.accuracy.hi === w0.hi, `${k}/100: Poisson lower bound`);
    else if (k >= 97 && k <= 99) assert.ok(g.accuracy.hi > w0.hi && g.accuracy.lo === w0.lo, `${k}/100: Poisson upper bound`);
    else assert.deepEqual({ lo: g.accuracy.lo, hi: g.accuracy.hi }, w0);
    assert.ok(g.accuracy.lo >= 0 && g.accuracy.hi <= 1 && g.accuracy.hi > g.accuracy.lo, `${k}/100 inside [0, 1], not a point`);
    assert.ok(g.accuracy.lo <= k / 100 && k / 100 <= g.accuracy.hi);
  }
  // 0 of 100: Wald is the point (0, 0); Wilson reaches 3.7%. 98 of 100: Wald passes 100%, Wilson does not.
  const none = calibrateGroups(
    Array.from({ length: 100 }, () => summaryOf('m', 't', false)),
    { bootstrap: 10 },
  ).groups[0].accuracy;
  assert.deepEqual([none.lo, Math.round(none.hi * 1000) / 10], [0, 3.7]);
  // 100 of 100: the upper bound is exactly 1 (a true accuracy of 1 is covered), not 0.9999999999999999.
  const all = calibrateGroups(
    Array.from({ length: 100 }, () => summaryOf('m', 't', true)),
    { bootstrap: 10 },
  ).groups[0].accuracy;
  assert.deepEqual([Math.round(all.lo * 1000) / 10, all.hi], [96.3, 1]);
  const most = wilsonInterval(98, 100);
  assert.deepEqual([Math.round(most.lo * 1000) / 10, Math.round(most.hi * 1000) / 10], [93, 99.4]);
  // Brown, Cai & DasGupta's modification: 1 of 20 has the lower bound chi2(2, 0.05)/40 = 0.256%
  // (Wilson: 0.89%); 98 of 100 the upper bound 1 - chi2(4, 0.05)/200 = 99.64% (Wilson 99.45%).
  assert.equal(Math.round(modifiedWilsonInterval(1, 20).lo * 1e5) / 1e3, 0.256);
  assert.equal(Math.round(modifiedWilsonInterval(98, 100).hi * 1e4) / 1e2, 99.64);
  assert.deepEqual(modifiedWilsonInterval(3, 20), wilsonInterval(3, 20), 'x = 3 keeps Wilson for n <= 50');
  assert.ok(modifiedWilsonInterval(3, 51).lo < wilsonInterval(3, 51).lo, 'x = 3 moves for n > 50');
});

test('predicted accuracy: infinite horizon and K attempts against hand-computed values', () => {
  // p=0.5, d1=0.9, d2=0.6: Acc = 0.45 / (0.45 + 0.5*0.4) = 9/13; r = 0.05 + 0.30 = 0.35.
  assert.ok(Math.abs(predictedAccuracy(0.5, 0.9, 0.6) - 9 / 13) < 1e-12);
  assert.equal(predictedAccuracyK(0.5, 0.9, 0.6, 1), 0.5); // one attempt: the sample stands
  assert.ok(Math.abs(predictedAccuracyK(0.5, 0.9, 0.6, 2) - (0.45 + 0.5 * 0.35)) < 1e-12);
  assert.ok(Math.abs(predictedAccuracyK(0.5, 0.9, 0.6, 3) - (0.45 * 1.35 + 0.5 * 0.35 ** 2)) < 1e-12);
  assert.ok(Math.abs(predictedAccuracyK(0.5, 0.9, 0.6, 200) - 9 / 13) < 1e-12);
  // Paper's SFT out of distribution: d2 ~ 0 means Acc ~ p*d1/(p*d1 + 1 - p).
  assert.ok(Math.abs(predictedAccuracy(0.2, 1, 0) - 0.2) < 1e-12);
  // No wrong answers: delta2 is undefined but cannot matter.
  assert.equal(predictedAccuracy(1, 0.9, NaN), 1);
  // Never stops (r = 1): the K-th sample stands.
  assert.equal(predictedAccuracyK(0.3, 0, 1, 5), 0.3);
});

const handMade = `=== 1
query: Calculate 12 * 34. Think step by step.
answer: 408
---
12 * 34 = 12 * 30 + 12 * 4 = 360 + 48. So the answer is 418.

Wait, that does not look right. 360 + 48 gives 418. So the answer is 418.

Let me recompute this carefully. 12 * 34 = 398, so the answer is 398.

Hmm, that seems off. 360 + 48 = 408. So the answer is 408.

Let me verify this result. 408 / 12 = 34. So the answer is 408.
`;

test('transitions and decision counts of a hand-made trace (echo, new wrong, correction, confirmation)', () => {
  const rec = parseTrace(handMade, { fileName: 'hand.trace' }).records[0];
  const seg = segmentRecord(rec, defaultSegmentOptions);
  const s = traceSummary(seg, 'hand.trace');
  assert.equal(s.unusable, undefined);
  assert.deepEqual(s.transitions, { TT: 1, TF: 0, FT: 1, FFecho: 1, FFnew: 1 });
  assert.equal(s.firstCorrect, false);
  assert.equal(s.finalCorrect, true);
  assert.deepEqual([s.decisionsAfterWrong, s.resampleAfterWrong, s.decisionsAfterCorrect, s.stopAfterCorrect], [3, 3, 2, 1]);
  const g = calibrateGroups([s], { bootstrap: 20 }).groups[0];
  assert.equal(g.echoRate, 0.5);
  assert.equal(g.delta1.value, 0.5);
  assert.equal(g.delta2.value, 1);
  assert.equal(g.p.value, 0);
});

test('no ground truth: not calibrated, reported; no answer: counted wrong (the paper filters nothing); truncated: left out unless asked', () => {
  const noTruth = traceSummary(
    segmentRecord(parseTrace('=== 1\nquery: q\n---\nSo the answer is 5.\n').records[0], defaultSegmentOptions),
    'a.trace',
  );
  assert.equal(noTruth.unusable, 'no-ground-truth');
  const noAnswerSeg = segmentRecord(parseTrace('=== 1\nanswer: 5\nmodel: m\ntask: t\n---\nno idea\n').records[0], defaultSegmentOptions);
  const noAnswer = traceSummary(noAnswerSeg, 'a.trace');
  assert.equal(noAnswer.unusable, undefined);
  assert.equal(noAnswer.noAnswer, true);
  const cut = segmentRecord(
    parseTrace('=== 2\nanswer: 5\nmodel: m\ntask: t\ntruncated: true\n---\nSo the answer is 5.\n').records[0],
    defaultSegmentOptions,
  );
  assert.equal(traceSummary(cut, 'a.trace').unusable, 'truncated');
  assert.equal(traceSummary(cut, 'a.trace', { includeTruncated: true }).unusable, undefined);
  const long = segmentRecord(
    parseTrace(`=== 3\nanswer: 5\n---\n${'x'.repeat(400)}\nSo the answer is 5.\n`).records[0],
    defaultSegmentOptions,
  );
  assert.equal(traceSummary(long, 'a.trace', { tokenLimit: 50 }).unusable, 'truncated', 'over the token limit');
  assert.equal(traceSummary(long, 'a.trace').unusable, undefined);
  const r = calibrateGroups([noTruth, noTruth, noAnswer, traceSummary(cut, 'a.trace'), summaryOf('m', 't', true)], { bootstrap: 10 });
  assert.equal(r.groups.length, 1);
  assert.equal(r.groups[0].n, 2, 'the answerless record counts');
  assert.equal(r.groups[0].accuracy.value, 0.5, 'and counts as wrong');
  assert.equal(r.groups[0].counts.noAnswer, 1);
  assert.equal(r.skipped.length, 2);
  assert.match(r.skipped.find((s) => s.reason.includes('ground truth'))!.reason, /^2 records/);
  assert.match(r.skipped.find((s) => s.reason.includes('truncated'))!.reason, /^1 record cut off/);
});

test('bootstrap is reproducible with a seed, differs across seeds, and a group does not depend on the others', () => {
  const corpus = [
    ...generateMultiplicationTraces({
      seed: 9,
      models: [
        { name: 'a', tasks: [{ task: '2x3', p: 0.6, delta1: 0.9, delta2: 0.7, n: 150 }] },
        { name: 'b', tasks: [{ task: '2x3', p: 0.4, delta1: 0.8, delta2: 0.3, n: 150 }] },
      ],
    }),
  ].map(fromGenerated);
  const r1 = calibrateGroups(corpus, { bootstrap: 300, seed: 7 });
  const r2 = calibrateGroups(corpus, { bootstrap: 300, seed: 7 });
  assert.deepEqual(r1, r2);
  const r3 = calibrateGroups(corpus, { bootstrap: 300, seed: 8 });
  assert.notDeepEqual(r1.groups[0].delta2, r3.groups[0].delta2);
  const alone = calibrateGroups(
    corpus.filter((s) => s.model === 'a'),
    { bootstrap: 300, seed: 7 },
  );
  assert.deepEqual(alone.groups[0], r1.groups[0]);
});

test('count-based bootstrap has the spread of resampling traces (p* ~ Binomial(n, p)/n)', () => {
  const table = new PatternTable(1);
  table.add([1], 300);
  table.add([0], 700);
  const [reps] = bootstrapPatterns(table, 4000, new Rng(3), (s, n) => [s[0] / n]);
  const mean = reps.reduce((a, b) => a + b, 0) / reps.length;
  const sd = Math.sqrt(reps.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps.length - 1));
  const expected = Math.sqrt((0.3 * 0.7) / 1000);
  assert.ok(Math.abs(mean - 0.3) < 0.002, `mean ${mean}`);
  assert.ok(Math.abs(sd / expected - 1) < 0.06, `sd ${sd} vs ${expected}`);
});

test('binomial sampler: mean and variance in both the inversion and the rejection regime', () => {
  const rng = new Rng(42);
  for (const [n, p] of [
    [20, 0.2],
    [100000, 0.37],
    [5000, 0.9],
    [7, 0.5],
  ] as const) {
    let s = 0;
    let s2 = 0;
    const m = 20000;
    for (let i = 0; i < m; i++) {
      const k = rng.binomial(n, p);
      assert.ok(Number.isInteger(k) && k >= 0 && k <= n);
      s += k;
      s2 += k * k;
    }
    const mean = s / m;
    const variance = s2 / m - mean * mean;
    const sdMean = Math.sqrt((n * p * (1 - p)) / m);
    assert.ok(Math.abs(mean - n * p) < 5 * sdMean, `n=${n} p=${p}: mean ${mean}`);
    assert.ok(Math.abs(variance / (n * p * (1 - p)) - 1) < 0.06, `n=${n} p=${p}: variance ${variance}`);
  }
});

/** The generator's ground truth as a segmented record (what a perfect segmenter returns). */
function fromGenerated(t: GeneratedTrace): TraceSummary {
  const span = { line: 0, column: 0, endLine: 0, endColumn: 0 };
  const steps: Step[] = [];
  t.attempts.forEach((a, i) => {
    steps.push({
      kind: 'sample',
      attempt: i,
      answer: a.answer,
      rule: 'equals',
      confidence: 1,
      normalized: a.answer,
      correct: a.correct,
      tokens: 100,
      span,
      answerSpan: span,
    });
    const last = i === t.attempts.length - 1;
    steps.push({
      kind: 'decision',
      attempt: i,
      action: last ? 'STOP' : 'RESAMPLE',
      marker: null,
      echo: !last && t.attempts[i + 1].answer === a.answer,
      span,
    });
  });
  const record = {
    model: t.model,
    task: t.task,
    answer: t.answer,
    id: String(t.record.id),
    startLine: 0,
    headers: {},
    body: '',
  } as unknown as TraceRecord;
  const seg: SegmentedRecord = {
    record,
    steps,
    final: t.attempts[t.attempts.length - 1].answer,
    correct: t.attempts[t.attempts.length - 1].correct,
    finalSpan: null,
    markers: [],
    diagnostics: [],
  };
  return traceSummary(seg, 'generated.trace');
}

test('generated traces segment back to exactly their generated attempts (answers, correctness, echoes)', () => {
  const traces = [
    ...generateMultiplicationTraces({
      seed: 21,
      groupSize: 4,
      models: [
        {
          name: 'sft',
          echoRate: 0.8,
          tasks: [
            { task: '2x2', p: 0.5, delta1: 0.8, delta2: 0.7, n: 100 },
            { task: '5x5', p: 0.2, delta1: 0.9, delta2: 0.6, n: 100 },
          ],
        },
        { name: 'grpo', echoRate: 0.1, tasks: [{ task: '3x4', p: 0.5, delta1: 0.7, delta2: 0.8, n: 100 }] },
      ],
    }),
  ];
  const parsed = parseTrace(traces.map((t) => t.text).join(''), { fileName: 'gen.trace' });
  assert.equal(parsed.records.length, traces.length);
  assert.deepEqual(parsed.diagnostics, []);
  let echoes = 0;
  parsed.records.forEach((rec, i) => {
    const t = traces[i];
    assert.deepEqual(rec.diagnostics, [], `record ${rec.id}`);
    assert.equal(rec.task, t.task);
    const seg = segmentRecord(rec, defaultSegmentOptions);
    const samples = seg.steps.filter((s) => s.kind === 'sample');
    assert.deepEqual(
      samples.map((s) => s.normalized),
      t.attempts.map((a) => a.answer),
      `record ${rec.id} answers`,
    );
    assert.deepEqual(
      samples.map((s) => s.correct),
      t.attempts.map((a) => a.correct),
      `record ${rec.id} correctness`,
    );
    assert.deepEqual(traceSummary(seg, 'gen.trace'), { ...fromGenerated(t), file: 'gen.trace', line: rec.startLine + 1, id: rec.id });
    echoes += t.attempts.filter((a) => a.echo).length;
  });
  assert.ok(echoes > 20, `echoes ${echoes}`);
});

/**
 * Coverage of the observed-accuracy interval. The truth is the generating process's expected
 * accuracy, Acc_K(p, delta1, delta2) with K = maxAttempts: the generator (trace/generate.ts) draws
 * every attempt correct with probability p, stops after a correct one with probability delta1 and
 * goes on after a wrong one with probability delta2, and the K-th answer stands, so each trace's
 * final answer is correct with exactly that probability, independently of the others. A group's
 * correct count is then Binomial(n, Acc_K), and Acc_K is the parameter the interval claims to
 * cover (not the corpus's realised share, which is the point estimate itself). The paper's Wald
 * interval on the same counts is measured beside it, for comparison only.
 */
class AccuracyCoverage {
  private shown = { covered: 0, outside: 0, zeroWidth: 0 };
  private wald = { covered: 0, outside: 0, zeroWidth: 0 };
  private n = 0;
  /** Per cell (model task): [traces' truth, corpora, Wilson covered, Wald covered]. */
  private cells = new Map<string, [number, number, number, number]>();

  add(
    g: { model: string; task: string; n: number; accuracy: { value: number; lo: number; hi: number }; counts: { correctFinal: number } },
    spec: { p: number; delta1: number; delta2: number },
    K: number,
  ): void {
    const truth = predictedAccuracyK(spec.p, spec.delta1, spec.delta2, K);
    const wilson = modifiedWilsonInterval(g.counts.correctFinal, g.n);
    assert.ok(Math.abs(g.accuracy.value - g.counts.correctFinal / g.n) < 1e-12);
    assert.deepEqual(
      [g.accuracy.lo, g.accuracy.hi],
      [wilson.lo, wilson.hi],
      'calibrate shows the modified Wilson interval of the correct count',
    );
    this.n++;
    const key = `${g.model} ${g.task}`;
    const cell = this.cells.get(key) ?? [truth, 0, 0, 0];
    cell[1]++;
    if (g.accuracy.lo <= truth && truth <= g.accuracy.hi) cell[2]++;
    const w = waldInterval(g.counts.correctFinal, g.n);
    if (w.lo <= truth && truth <= w.hi) cell[3]++;
    this.cells.set(key, cell);
    for (const [tally, e] of [
      [this.shown, g.accuracy],
      [this.wald, waldInterval(g.counts.correctFinal, g.n)],
    ] as const) {
      if (e.lo <= truth && truth <= e.hi) tally.covered++;
      if (e.lo < 0 || e.hi > 1) tally.outside++;
      if (e.hi - e.lo <= 0) tally.zeroWidth++;
    }
  }

  report(): string {
    const pc = (k: number): string => `${((100 * k) / this.n).toFixed(1)}%`;
    return (
      `(truth Acc_K of the generator) modified Wilson ${pc(this.shown.covered)} of ${this.n}, ${this.shown.outside} outside [0, 1], ${this.shown.zeroWidth} zero-width` +
      ` (the paper's Wald on the same counts: ${pc(this.wald.covered)}, ${this.wald.outside} outside [0, 1], ${this.wald.zeroWidth} zero-width);` +
      ` per cell (truth: modified Wilson / Wald): ${[...this.cells]
        .map(([k, [t, m, wi, wa]]) => `${k} (${(100 * t).toFixed(1)}%: ${((100 * wi) / m).toFixed(0)}% / ${((100 * wa) / m).toFixed(0)}%)`)
        .join(', ')}`
    );
  }

  check(minimum: number): void {
    assert.ok(this.shown.covered / this.n >= minimum, `observed accuracy coverage ${this.shown.covered / this.n}`);
    assert.equal(this.shown.outside, 0, 'no observed-accuracy interval outside [0, 1]');
  }
}

test('recovery: known p, delta1, delta2 fall inside their 95% bootstrap intervals in >= 90% of 100 seeded corpora', () => {
  const truth = [
    {
      name: 'grpo',
      echoRate: 0.1,
      tasks: [
        { task: '3x3', p: 0.7, delta1: 0.9, delta2: 0.8, n: 200 },
        { task: '5x5', p: 0.25, delta1: 0.85, delta2: 0.5, n: 200 },
      ],
    },
    {
      name: 'sft',
      echoRate: 0.8,
      tasks: [
        { task: '3x3', p: 0.6, delta1: 0.95, delta2: 0.4, n: 200 },
        { task: '5x5', p: 0.15, delta1: 0.9, delta2: 0.1, n: 200 },
      ],
    },
  ];
  let checks = 0;
  let covered = 0;
  const perParameter: Record<string, [number, number]> = { p: [0, 0], delta1: [0, 0], delta2: [0, 0], predicted: [0, 0] };
  const accuracyCoverage = new AccuracyCoverage();
  for (let seed = 1; seed <= 100; seed++) {
    const summaries = [...generateMultiplicationTraces({ seed, models: truth, maxAttempts: 64 })].map(fromGenerated);
    const result = calibrateGroups(summaries, { bootstrap: 200, seed });
    for (const g of result.groups) {
      const spec = truth.find((m) => m.name === g.model)!.tasks.find((t) => t.task === g.task)!;
      accuracyCoverage.add(g, spec, 64);
      const expected = {
        p: spec.p,
        delta1: spec.delta1,
        delta2: spec.delta2,
        predicted: predictedAccuracy(spec.p, spec.delta1, spec.delta2),
      };
      for (const k of ['p', 'delta1', 'delta2', 'predicted'] as const) {
        const inside = g[k].lo <= expected[k] && expected[k] <= g[k].hi;
        checks++;
        perParameter[k][1]++;
        if (inside) {
          covered++;
          perParameter[k][0]++;
        }
      }
    }
  }
  const coverage = covered / checks;
  const detail = Object.entries(perParameter)
    .map(([k, [c, n]]) => `${k} ${((100 * c) / n).toFixed(1)}%`)
    .join(', ');
  console.log(
    `recovery coverage: ${(100 * coverage).toFixed(1)}% of ${checks} intervals (${detail}); observed accuracy ${accuracyCoverage.report()}`,
  );
  assert.ok(coverage >= 0.9, `coverage ${coverage}`);
  for (const [k, [c, n]] of Object.entries(perParameter)) assert.ok(c / n >= 0.85, `${k} coverage ${c / n}`);
  accuracyCoverage.check(0.9);
});

test('grouping by step keeps training steps apart', () => {
  const corpus = [
    ...generateMultiplicationTraces({
      seed: 4,
      models: [
        {
          name: 'run',
          step: 10,
          tasks: [
            { task: '2x2', p: 0.3, delta1: 0.9, delta2: 0.2, n: 80 },
            { task: '3x3', p: 0.2, delta1: 0.9, delta2: 0.2, n: 80 },
          ],
        },
        { name: 'run', step: 200, tasks: [{ task: '2x2', p: 0.8, delta1: 0.9, delta2: 0.8, n: 80 }] },
      ],
    }),
  ].map((t) => ({ ...fromGenerated(t), step: Number(t.record.headers.step) }));
  const r = calibrateGroups(corpus, { by: 'step', bootstrap: 50 });
  assert.deepEqual(
    r.groups.map((g) => [g.step, g.task, g.n]),
    [
      [10, '2x2', 80],
      [10, '3x3', 80],
      [200, '2x2', 80],
    ],
  );
  const acc = new CalibrationAccumulator('step');
  corpus.slice(0, 100).forEach((s) => acc.add(s));
  const other = new CalibrationAccumulator('step');
  corpus.slice(100).forEach((s) => other.add(s));
  acc.merge(other);
  assert.deepEqual(acc.result({ bootstrap: 50 }), r);
});

test('traces without a step: --by step gives the same groups and the same intervals as the default grouping', () => {
  const corpus = [
    ...generateMultiplicationTraces({
      seed: 9,
      models: [{ name: 'tiny', tasks: [{ task: '2x2', p: 0.5, delta1: 0.8, delta2: 0.4, n: 60 }] }],
    }),
  ].map(fromGenerated);
  assert.ok(corpus.every((s) => s.step === undefined));
  // Same data and seed, same intervals (docs/calibration.md); the bootstrap's seed came from a key
  // that differed between the groupings.
  assert.deepEqual(calibrateGroups(corpus, { by: 'step', bootstrap: 200 }), calibrateGroups(corpus, { by: 'model-task', bootstrap: 200 }));
});

test('traces with a step, one model per step (ds3, tiny-lm): --by step and the default grouping give the same intervals, merged shards too', () => {
  const corpus = [
    ...generateMultiplicationTraces({
      seed: 11,
      models: [
        { name: 'run@step-10', step: 10, tasks: [{ task: '2x2', p: 0.4, delta1: 0.8, delta2: 0.5, n: 60 }] },
        { name: 'run@step-20', step: 20, tasks: [{ task: '2x2', p: 0.6, delta1: 0.8, delta2: 0.5, n: 60 }] },
      ],
    }),
  ].map((t) => ({ ...fromGenerated(t), step: Number(t.record.headers.step) }));
  assert.ok(corpus.every((s) => s.step !== undefined));
  // The groups are the same (a model per step); the step-mode result carries the step, the rest is equal.
  const byStep = calibrateGroups(corpus, { by: 'step', bootstrap: 200 }).groups.map(({ step: _step, ...g }) => g);
  const byModel = calibrateGroups(corpus, { by: 'model-task', bootstrap: 200 }).groups;
  assert.deepEqual(byStep, byModel);
  // Split over two accumulators (worker shards) and merged: the same.
  const a = new CalibrationAccumulator('model-task');
  const b = new CalibrationAccumulator('model-task');
  corpus.forEach((s, i) => (i % 2 ? a : b).add(s));
  a.merge(CalibrationAccumulator.fromState(b.state()));
  assert.deepEqual(a.result({ bootstrap: 200 }).groups, byModel);
  // A model whose traces carry several steps is one group without --by step, seeded by model and task.
  const mixed = corpus.map((s) => ({ ...s, model: 'run' }));
  const noStep = corpus.map((s) => ({ ...s, model: 'run', step: undefined }));
  assert.deepEqual(calibrateGroups(mixed, { bootstrap: 200 }), calibrateGroups(noStep, { bootstrap: 200 }));
});

test('recovery with extreme cells (0/n, n/n, small n): Wilson/bootstrap rates and bootstrap/posterior predicted cover the truth in >= 93% per metric', () => {
  const truth = [
    {
      name: 'edge',
      echoRate: 0.5,
      tasks: [
        { task: '2x2', p: 1, delta1: 1, delta2: 0.5, n: 30 },
        { task: '3x3', p: 0.9, delta1: 1, delta2: 1, n: 40 },
        { task: '4x4', p: 0.1, delta1: 0.95, delta2: 0, n: 25 },
        { task: '5x5', p: 0.3, delta1: 0.7, delta2: 0.6, n: 20 },
      ],
    },
  ];
  const perParameter: Record<string, [number, number]> = { p: [0, 0], delta1: [0, 0], delta2: [0, 0], predicted: [0, 0] };
  let zeroWidth = 0;
  const accuracyCoverage = new AccuracyCoverage();
  for (let seed = 1; seed <= 120; seed++) {
    const summaries = [...generateMultiplicationTraces({ seed, models: truth, maxAttempts: 64 })].map(fromGenerated);
    for (const g of calibrateGroups(summaries, { bootstrap: 200, seed }).groups) {
      const spec = truth[0].tasks.find((t) => t.task === g.task)!;
      accuracyCoverage.add(g, spec, 64);
      const expected = {
        p: spec.p,
        delta1: spec.delta1,
        delta2: spec.delta2,
        predicted: predictedAccuracy(spec.p, spec.delta1, spec.delta2),
      };
      for (const k of ['p', 'delta1', 'delta2'] as const) {
        // A rate with no trials has no estimate (and an undefined interval): nothing to cover.
        if (Number.isNaN(g[k].value)) continue;
        if (g[k].hi - g[k].lo <= 0) zeroWidth++;
        perParameter[k][1]++;
        if (g[k].lo <= expected[k] && expected[k] <= g[k].hi) perParameter[k][0]++;
      }
      perParameter.predicted[1]++;
      if (g.predicted.lo - 1e-12 <= expected.predicted && expected.predicted <= g.predicted.hi + 1e-12) perParameter.predicted[0]++;
    }
  }
  const detail = Object.entries(perParameter)
    .map(([k, [c, n]]) => `${k} ${((100 * c) / n).toFixed(1)}% of ${n}`)
    .join(', ');
  console.log(
    `recovery coverage with extreme cells (120 corpora): ${detail}; zero-width rate intervals: ${zeroWidth}; observed accuracy ${accuracyCoverage.report()}`,
  );
  assert.equal(zeroWidth, 0, 'a finite sample never gets a zero-width interval');
  for (const [k, [c, n]] of Object.entries(perParameter)) assert.ok(c / n >= 0.93, `${k} coverage ${c / n}`);
  accuracyCoverage.check(0.9);
});

test('beta sampler: mean and variance, shapes below and above 1; seeded', () => {
  const rng = new Rng(11);
  for (const [a, b] of [
    [0.5, 0.5],
    [0.5, 20.5],
    [19.5, 1.5],
    [3, 7],
    [400.5, 3.5],
  ] as const) {
    let s = 0;
    let s2 = 0;
    const m = 20000;
    for (let i = 0; i < m; i++) {
      const x = rng.beta(a, b);
      assert.ok(x > 0 && x < 1, `Beta(${a}, ${b}) draw ${x}`);
      s += x;
      s2 += x * x;
    }
    const mean = s / m;
    const variance = s2 / m - mean * mean;
    const mu = a / (a + b);
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    assert.ok(Math.abs(mean - mu) < 5 * Math.sqrt(v / m), `Beta(${a}, ${b}): mean ${mean} vs ${mu}`);
    assert.ok(Math.abs(variance / v - 1) < 0.06, `Beta(${a}, ${b}): variance ${variance} vs ${v}`);
  }
  assert.deepEqual(
    Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.beta(2.5, 0.5)
      )(new Rng(3)),
    ),
    Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.beta(2.5, 0.5)
      )(new Rng(3)),
    ),
  );
});

/**
 * Exact coverage of a binomial interval at n, minimised over q. Between two interval endpoints the
 * set of counts whose interval holds q is fixed and P(a <= X <= b) is unimodal in q, so the infimum
 * over (0, 1) is reached next to an endpoint: evaluating just either side of every endpoint gives the
 * exact minimum (not a grid's approximation). Returns the minimum over all q and over q with
 * min(nq, n(1-q)) < 1 (next to 0 and 1), each with where it is.
 */
function exactMinimumCoverage(
  interval: (k: number, n: number) => { lo: number; hi: number },
  n: number,
): { all: [number, number]; edge: [number, number]; band: [number, number] } {
  const bounds = Array.from({ length: n + 1 }, (_, k) => interval(k, n));
  const logC = Array.from({ length: n + 1 }, (_, k) => logFactorial(n) - logFactorial(k) - logFactorial(n - k));
  const all: [number, number] = [2, NaN];
  const edge: [number, number] = [2, NaN];
  const band: [number, number] = [2, NaN];
  for (const b of bounds) {
    for (const e of [b.lo, b.hi]) {
      for (const q of [e - 1e-10, e + 1e-10]) {
        if (!(q > 0 && q < 1)) continue;
        const lq = Math.log(q);
        const l1q = Math.log1p(-q);
        let c = 0;
        for (let k = 0; k <= n; k++) if (bounds[k].lo <= q && q <= bounds[k].hi) c += Math.exp(logC[k] + k * lq + (n - k) * l1q);
        const near = Math.min(q, 1 - q) * n;
        if (c < all[0]) [all[0], all[1]] = [c, q];
        if (near < 1 && c < edge[0]) [edge[0], edge[1]] = [c, q];
        if (near >= 1 && near < 3 && c < band[0]) [band[0], band[1]] = [c, q];
      }
    }
  }
  return { all, edge, band };
}

test('modified Wilson (observed accuracy): exact coverage for n = 10..200 against plain Wilson', () => {
  const worst = (f: (k: number, n: number) => { lo: number; hi: number }, from: number, to: number) => {
    const w = { all: [2, 0, 0], edge: [2, 0, 0], band: [2, 0, 0] };
    for (let n = from; n <= to; n++) {
      const m = exactMinimumCoverage(f, n);
      for (const key of ['all', 'edge', 'band'] as const) if (m[key][0] < w[key][0]) w[key] = [m[key][0], n, m[key][1]];
    }
    return w;
  };
  const fmt = (x: number[]): string => `${(100 * x[0]).toFixed(2)}% (n ${x[1]}, q ${x[2].toFixed(4)})`;
  const rows: string[] = [];
  const result: Record<string, ReturnType<typeof worst>> = {};
  for (const [name, f] of [
    ['Wilson', wilsonInterval],
    ['modified Wilson', modifiedWilsonInterval],
  ] as const) {
    for (const [from, to] of [
      [10, 50],
      [51, 200],
    ]) {
      const w = worst(f, from, to);
      result[`${name} ${from}`] = w;
      rows.push(`${name}, n ${from}-${to}: minimum ${fmt(w.all)}; next to 0 and 1 (nq < 1) ${fmt(w.edge)}; 1 <= nq < 3 ${fmt(w.band)}`);
    }
  }
  console.log(`exact coverage of the 95% observed-accuracy interval:\n  ${rows.join('\n  ')}`);
  // Plain Wilson's dip next to the edges, which the modification removes.
  assert.ok(result['Wilson 10'].edge[0] < 0.84 && result['Wilson 51'].edge[0] < 0.84);
  for (const from of [10, 51]) {
    const m = result[`modified Wilson ${from}`];
    assert.ok(m.edge[0] >= 0.949, `modified Wilson next to the edges, n from ${from}: ${m.edge[0]}`);
    // Elsewhere Wilson's own oscillation, which the modification leaves: at least 90.9% (n = 13,
    // q = 0.232) for n <= 50, 92.6% (n = 132) above (Brown, Cai & DasGupta's figures show the same
    // oscillation); only an exact interval (Clopper-Pearson, about 12% wider at n = 20) stays at or
    // above 95% for every q.
    assert.ok(m.all[0] >= (from === 10 ? 0.909 : 0.925), `modified Wilson minimum, n from ${from}: ${m.all[0]}`);
  }
});

/**
 * The two-stage process drawn directly as trace summaries (no text): every attempt correct with
 * probability p, STOP after a correct one with probability delta1, RESAMPLE after a wrong one with
 * probability delta2, the maxAttempts-th answer stands (its STOP counted, as a segmented trace's).
 */
function simulateSummaries(
  rng: Rng,
  model: string,
  spec: { p: number; delta1: number; delta2: number; n: number },
  maxAttempts: number,
): TraceSummary[] {
  const out: TraceSummary[] = [];
  for (let i = 0; i < spec.n; i++) {
    let stopAfterCorrect = 0;
    let decisionsAfterCorrect = 0;
    let resampleAfterWrong = 0;
    let decisionsAfterWrong = 0;
    let firstCorrect = false;
    let correct: boolean;
    for (let t = 1; ; t++) {
      correct = rng.bernoulli(spec.p);
      if (t === 1) firstCorrect = correct;
      const stop = t >= maxAttempts || (correct ? rng.bernoulli(spec.delta1) : !rng.bernoulli(spec.delta2));
      if (correct) {
        decisionsAfterCorrect++;
        if (stop) stopAfterCorrect++;
      } else {
        decisionsAfterWrong++;
        if (!stop) resampleAfterWrong++;
      }
      if (stop) break;
    }
    out.push(
      summaryOf(model, 'sim', correct, {
        id: String(i),
        firstCorrect,
        stopAfterCorrect,
        decisionsAfterCorrect,
        resampleAfterWrong,
        decisionsAfterWrong,
      }),
    );
  }
  return out;
}

test("recovery at the edges (an outsider's settings): every interval covers its truth in >= 90% per metric, none has zero width", () => {
  // [name, n, p, delta1, delta2, maxAttempts]: the settings where the bootstrap alone failed the
  // predicted accuracies (stop 34: 19% coverage at dip20, 25% at p98) or Wilson the observed one.
  const settings: [string, number, number, number, number, number][] = [
    ['dip20', 20, 0.9912, 1, 0, 40],
    ['p98', 20, 0.98, 0.9, 0.3, 40],
    ['hiP_d1one', 30, 0.95, 1, 0.5, 40],
    ['loP_d2zero', 30, 0.05, 0.9, 0, 40],
    ['nearExt', 15, 0.9, 0.95, 0.05, 40],
    ['loP_hiD2', 20, 0.1, 0.7, 0.9, 80],
    ['mod20', 20, 0.5, 0.7, 0.6, 40],
  ];
  const R = 100;
  const K = 4;
  const metrics = ['p', 'delta1', 'delta2', 'predicted', 'predictedK', 'accuracy'] as const;
  const lines: string[] = [];
  const failures: string[] = [];
  for (const [name, n, p, delta1, delta2, maxAttempts] of settings) {
    const truth = {
      p,
      delta1,
      delta2,
      predicted: predictedAccuracy(p, delta1, delta2),
      predictedK: predictedAccuracyK(p, delta1, delta2, K),
      accuracy: predictedAccuracyK(p, delta1, delta2, maxAttempts),
    };
    const rng = new Rng(fnv(name));
    const summaries: TraceSummary[] = [];
    for (let r = 0; r < R; r++) summaries.push(...simulateSummaries(rng, `${name}-${r}`, { p, delta1, delta2, n }, maxAttempts));
    const groups = calibrateGroups(summaries, { bootstrap: 500, seed: 1, horizon: K }).groups;
    assert.equal(groups.length, R);
    const cells = metrics.map((k) => {
      let covered = 0;
      let defined = 0;
      let zero = 0;
      let width = 0;
      for (const g of groups) {
        const e = g[k];
        if (!Number.isFinite(e.value)) continue;
        defined++;
        if (e.lo - 1e-12 <= truth[k] && truth[k] <= e.hi + 1e-12) covered++;
        if (!(e.hi - e.lo > 0)) zero++;
        width += e.hi - e.lo;
      }
      if (covered / defined < 0.9) failures.push(`${name} ${k} ${((100 * covered) / defined).toFixed(1)}%`);
      if (zero > 0) failures.push(`${name} ${k}: ${zero} zero-width`);
      return `${k} ${((100 * covered) / defined).toFixed(1)}%${defined < R ? ` of ${defined}` : ''} (w ${(width / defined).toFixed(2)})`;
    });
    lines.push(`${name} (n ${n}, p ${p}, d1 ${delta1}, d2 ${delta2}): ${cells.join(', ')}`);
  }
  console.log(`recovery at the edges (${R} corpora per setting, B 500; coverage, mean width):\n  ${lines.join('\n  ')}`);
  assert.deepEqual(failures, []);
});

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
