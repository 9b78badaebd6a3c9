// The agreement between a corpus's own verdicts and the engine's does not depend on how the corpus
// is split (worker threads, Parquet row groups): counts add up, and the disagreements listed are
// the first ones by file and line, however many there are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgreementTally, LISTED_DISAGREEMENTS } from '../../../server/src/analysis/agreement.js';
import { CalibrationAccumulator } from '../../../server/src/analysis/calibrate.js';
import { calibrateFiles } from '../../../server/src/analysis/parallel.js';
import { emptyTransitions } from '../../../server/src/analysis/summary.js';
import type { TraceSummary } from '../../../server/src/analysis/types.js';

const summary = (i: number, source: boolean | null, engine: boolean): TraceSummary => ({
  model: 'm',
  task: 't',
  file: `f${i % 3}.parquet`,
  line: i + 1,
  id: String(i),
  sourceVerdict: source,
  firstCorrect: engine,
  finalCorrect: engine,
  stopAfterCorrect: engine ? 1 : 0,
  decisionsAfterCorrect: engine ? 1 : 0,
  resampleAfterWrong: 0,
  decisionsAfterWrong: engine ? 0 : 1,
  transitions: emptyTransitions(),
});

test('agreement counts and the listed disagreements are the same for any split of the corpus', () => {
  const all: TraceSummary[] = [];
  for (let i = 0; i < 3 * LISTED_DISAGREEMENTS; i++) all.push(summary(i, i % 7 === 0 ? null : i % 2 === 0, i % 3 === 0));
  const whole = new CalibrationAccumulator();
  all.forEach((s) => whole.add(s));
  const expected = whole.result({ bootstrap: 10 }).groups[0].agreement!;
  assert.equal(expected.compared + expected.noVerdict, all.length);
  assert.equal(expected.disagreements.length, LISTED_DISAGREEMENTS);
  assert.equal(expected.disagreements.length + expected.unlisted, expected.sourceOnly + expected.engineOnly);
  for (const parts of [2, 5, 17]) {
    const shards = Array.from({ length: parts }, () => new CalibrationAccumulator());
    // Round-robin in reverse: every shard sees records out of order.
    [...all].reverse().forEach((s, i) => shards[i % parts].add(s));
    const merged = new CalibrationAccumulator();
    for (const shard of shards) merged.merge(CalibrationAccumulator.fromState(shard.state()));
    assert.deepEqual(merged.result({ bootstrap: 10 }).groups[0].agreement, expected, `${parts} shards`);
  }
});

test('records without a verdict field are not counted; a null verdict is counted as "without a verdict"', () => {
  const t = new AgreementTally();
  const { sourceVerdict: _, ...plain } = summary(1, true, true);
  t.add(plain);
  assert.equal(t.empty, true);
  t.add(summary(2, null, true));
  t.add(summary(3, true, false));
  assert.deepEqual(
    { ...t.result(), disagreements: t.result().disagreements.map((d) => d.id) },
    { compared: 1, agree: 0, rate: 0, sourceOnly: 1, engineOnly: 0, noVerdict: 1, disagreements: ['3'], unlisted: 0 },
  );
});

test('a Parquet file shared out by row groups calibrates as on one thread', async () => {
  const file = 'test/fixtures/formats/openr1/train-00000-of-00001.parquet';
  const one = await calibrateFiles([file], { workers: 0, bootstrap: 50 });
  const shared = await calibrateFiles([file], { workers: 2, bootstrap: 50, rangeBytes: 1 });
  assert.equal(shared.records, one.records);
  assert.deepEqual(shared.result, one.result);
});
