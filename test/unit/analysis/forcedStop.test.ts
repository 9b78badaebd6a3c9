// Stop 38 (exp37's finding): tiny-lm cannot RESAMPLE after its maxAttempts-th attempt, so that STOP
// is not the policy's choice and the paper's K-attempt model takes no decision there. The rollout
// writer marks it (`forced_stop: true`), calibrate leaves it out of the decision counts (accuracy
// unchanged) and says how many (counts.forcedStops); a record without the mark reads as before, and
// the training loop's own counters (DecisionStats) agree with calibrate on the same rollouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrateGroups, CalibrationAccumulator } from '../../../server/src/analysis/calibrate.js';
import { traceSummary } from '../../../server/src/analysis/summary.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { DecisionStats, Rng, corruptAnswer, Layout, renderTrace, sampleProblem } from '../../../server/src/training/multiplication.js';
import { renderRollouts } from '../../../server/src/training/ds3.js';
import { Rng as AnalysisRng } from '../../../server/src/analysis/random.js';

const summaries = (text: string) =>
  parseTrace(text).records.map((r) => traceSummary(segmentRecord(r, defaultSegmentOptions), 'f.trace', { includeTruncated: true }));

const record = (id: string, header: string | null, body: string[]): string =>
  [
    `=== ${id}`,
    'query: Calculate 12 * 7. Think step by step.',
    'answer: 84',
    ...(header === null ? [] : [header]),
    '---',
    ...body,
    '',
  ].join('\n');

const THREE = ['12 * 7 = 94', 'Wait, I made a mistake. Let me recompute.', '12 * 7 = 74', 'Let me recompute.', '12 * 7 = 84'];

test('forced_stop: true leaves the last STOP out of the decisions; without the mark (or with false) it counts as before', () => {
  const [forced, plain, no] = summaries(
    record('a', 'forced_stop: true', THREE) + record('b', null, THREE) + record('c', 'forced_stop: false', THREE),
  );
  assert.deepEqual(
    [plain.decisionsAfterWrong, plain.resampleAfterWrong, plain.decisionsAfterCorrect, plain.stopAfterCorrect, plain.forcedStop],
    [2, 2, 1, 1, undefined],
  );
  assert.deepEqual(
    [forced.decisionsAfterWrong, forced.resampleAfterWrong, forced.decisionsAfterCorrect, forced.stopAfterCorrect, forced.forcedStop],
    [2, 2, 0, 0, true],
  );
  assert.equal(forced.finalCorrect, true, 'the K-th answer stands: accuracy unchanged');
  assert.deepEqual(no, { ...plain, id: 'c', line: no.line });
  // A forced STOP after a wrong K-th answer: delta2's denominator loses it.
  const [wrong] = summaries(record('d', 'forced_stop: yes', [...THREE.slice(0, 4), '12 * 7 = 64']));
  assert.deepEqual([wrong.decisionsAfterWrong, wrong.resampleAfterWrong, wrong.forcedStop], [2, 2, true]);
});

test('a malformed forced_stop value is a warning and the record is read as one without the mark', () => {
  const parsed = parseTrace(record('a', 'forced_stop: maybe', THREE));
  const d = parsed.records[0].diagnostics.find((x) => x.code === 'bad-header-value');
  assert.equal(d?.severity, 'warning');
  assert.match(d!.message, /Malformed "forced_stop" value: expected true or false/);
  const [s] = summaries(record('a', 'forced_stop: maybe', THREE));
  assert.deepEqual([s.decisionsAfterCorrect, s.forcedStop], [1, undefined]);
});

test('calibrate counts forced STOPs per group (counts.forcedStops), through merge and worker state, rates without them', () => {
  const text = record('a', 'forced_stop: true', THREE) + record('b', null, THREE) + record('c', 'forced_stop: true', ['12 * 7 = 84']);
  const all = summaries(text);
  const g = calibrateGroups(all, { bootstrap: 20 }).groups[0];
  // c: one attempt marked forced (a cap of 1): its only STOP is left out too.
  assert.equal(g.counts.forcedStops, 2);
  assert.equal(g.counts.decisionsAfterCorrect, 1);
  assert.equal(g.counts.decisionsAfterWrong, 4);
  assert.equal(g.accuracy.value, 1);
  const a = new CalibrationAccumulator(),
    b = new CalibrationAccumulator();
  a.add(all[0]);
  b.add(all[1]);
  b.add(all[2]);
  a.merge(CalibrationAccumulator.fromState(b.state()));
  assert.deepEqual(a.result({ bootstrap: 20 }).groups[0].counts, g.counts);
  // A state written before the field existed reads as 0.
  const st = b.state();
  delete st.groups[0].forcedStops;
  assert.equal(CalibrationAccumulator.fromState(st).result({ bootstrap: 20 }).groups[0].counts.forcedStops, 0);
});

test('tiny-lm rollouts: renderTrace marks the trajectories that used all K attempts; DecisionStats(K) and calibrate agree', () => {
  const K = 3;
  const layout = new Layout(['2x1'], K);
  const rng = new Rng(38);
  const stats = new DecisionStats(K);
  let text = '',
    forced = 0;
  for (let i = 0; i < 300; i++) {
    const p = sampleProblem('2x1', rng);
    const answers: number[] = [];
    const n = 1 + Math.floor(rng.next() * K);
    for (let k = 0; k < n; k++) answers.push(rng.next() < 0.4 ? p.product : corruptAnswer(layout, p.product, rng));
    if (n === K) forced++;
    stats.add(p, { answers });
    text += renderTrace(p, { answers }, 'm', `r-${i}`, undefined, 5, K);
  }
  assert.equal((text.match(/^forced_stop: true$/gm) ?? []).length, forced);
  const g = calibrateGroups(summaries(text), { bootstrap: 20 }).groups[0];
  assert.equal(g.counts.forcedStops, forced);
  const s = stats.summary();
  assert.equal(g.delta1.value, s.delta1);
  assert.equal(g.delta2.value, s.delta2);
  assert.equal(g.p.value, s.p);
  assert.equal(g.accuracy.value, s.reward);
  // Without a cap nothing is marked (the format reads as it always did).
  assert.doesNotMatch(renderTrace(sampleProblem('2x1', rng), { answers: [1, 2, 3] }, 'm', 'x'), /forced_stop/);
});

test('ds3: a trajectory cut at maxAttempts is marked truncated and forced_stop; --include-truncated does not count its STOP', () => {
  const text = renderRollouts(
    [
      { outcomes: [false, false], truncated: true },
      { outcomes: [false, true], truncated: false },
    ],
    1,
    2,
    new AnalysisRng(1),
    'ds3',
  );
  const [cut, chosen] = summaries(text);
  assert.deepEqual([cut.forcedStop, cut.decisionsAfterWrong, cut.resampleAfterWrong], [true, 1, 1]);
  assert.deepEqual([chosen.forcedStop, chosen.decisionsAfterCorrect], [undefined, 1]);
});
