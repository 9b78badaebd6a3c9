// The learned candidate stage (docs/segmentation-eval.md, "Stop 26"): a veto merges an attempt into
// the next, the last candidate stays, the features are finite, and readerWeights.ts is what
// scripts/train-reader.ts writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fitReader } from '../../../server/src/analysis/readerTraining.js';
import { segmentFlagNames, segmentOptionsFromArgs } from '../../../server/src/cli/segmentFlags.js';
import { parseArgs, UsageError } from '../../../server/src/util/args.js';
import { applyLearnedReader, isExplicitRule, vetoes, type ReaderWeights } from '../../../server/src/trace/learnedReader.js';
import { candidateFeatures, READER_FEATURES, readerInputOf, type ReaderInput } from '../../../server/src/trace/readerFeatures.js';
import { READER_TRAINING, READER_WEIGHTS } from '../../../server/src/trace/readerWeights.js';
import { generateMultiplicationTraces } from '../../../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts, segmentRecord, type Segmentation } from '../../../server/src/trace/segment.js';
import type { SampleStep, TraceRecord } from '../../../server/src/trace/types.js';
import { familyCorpus, loadFamilies, SECOND_FAMILIES_DIR } from '../../phrasing/corpus.js';
import { loadFamiliesDev, loadRealDev, REAL_DEV_SETS, SHARED_DATA } from '../../../scripts/readerData.js';
import { WEIGHTS_MODULE, weightsModuleSource } from '../../../scripts/readerModel.js';

// (The first candidate is a conclusion, "So the product is": "So 347 * 8261 = 2866667" states the
// asked computation's result, which the stage never vetoes since stop 37, statesAskedComputation.)
const TRACE = [
  '=== 17',
  'query: Calculate 347 * 8261.',
  'answer: 2866567',
  '---',
  '347 * 8000 = 2776000',
  'So the product is 2866667',
  'Wait, let me recompute 2776000 + 90567.',
  'No idea yet.',
  'Let me check: 2776000 + 90567 = 2866567',
  'Let me verify: 2866567 / 347 = 8261, so the answer is 2866567.',
].join('\n');

const rules = { ...defaultSegmentOptions, reader: 'rules' as const };
const learned = { ...defaultSegmentOptions, reader: 'learned' as const };
const inputOf = (record: TraceRecord, s: Segmentation): ReaderInput => readerInputOf(record.body, s);
/** Weights that give every candidate the same probability, sigmoid(bias). */
const flat = (bias: number, vetoFirst: boolean): ReaderWeights => ({
  features: READER_FEATURES,
  mean: READER_FEATURES.map(() => 0),
  scale: READER_FEATURES.map(() => 1),
  weights: READER_FEATURES.map(() => 0),
  bias,
  threshold: 0.5,
  vetoFirst,
});

test('a vetoed candidate merges its attempt into the next one; the last candidate is never vetoed', () => {
  const record = parseTrace(TRACE).records[0];
  const read = () => {
    const s = segmentAttempts(record, rules);
    return { s, original: s.attempts.map((a) => ({ start: a.start, end: a.end, value: a.candidate.value })) };
  };
  {
    const { s, original } = read();
    assert.deepEqual(
      original.map((a) => a.value),
      ['2866667', '2866567', '2866567'],
    );
    // Everything vetoable vetoed, the first included: only the last attempt is left, spanning the body.
    const all = applyLearnedReader(inputOf(record, s), s.attempts, flat(-20, true));
    assert.deepEqual(
      all.attempts.map((a) => [a.start, a.end, a.candidate.value]),
      [[0, record.body.length, '2866567']],
    );
    assert.equal(all.confidence.length, 1);
  }
  {
    // The first kept (vetoFirst false): the middle attempt merges into the last, which starts where it started.
    const { s, original } = read();
    const some = applyLearnedReader(inputOf(record, s), s.attempts, flat(-20, false));
    assert.deepEqual(
      some.attempts.map((a) => [a.start, a.end, a.candidate.value]),
      [
        [original[0].start, original[0].end, '2866667'],
        [original[1].start, original[2].end, '2866567'],
      ],
    );
  }
  {
    // Nothing below the threshold: the rules' attempts unchanged, each judged one with the model's
    // probability; the last and the explicit ones ("so the answer is"), never judged, with none.
    const { s, original } = read();
    const none = applyLearnedReader(inputOf(record, s), s.attempts, flat(20, true));
    assert.deepEqual(
      none.attempts.map((a) => ({ start: a.start, end: a.end, value: a.candidate.value })),
      original,
    );
    none.confidence.forEach((p, k) =>
      isExplicitRule(s.attempts[k].candidate.rule) || k === s.attempts.length - 1 ? assert.equal(p, undefined) : assert.ok(p! > 0.99),
    );
    assert.ok(none.confidence.some((p) => p !== undefined));
  }
});

test('an explicit answer ("the answer is", \\boxed) is never vetoed: a corrected wrong answer stays an attempt', () => {
  const record = parseTrace(
    [
      '=== 18',
      'query: Calculate 347 * 8261.',
      'answer: 2866567',
      '---',
      '347 * 8000 = 2776000, 347 * 261 = 90667, so the answer is 2866667.',
      'Hold on, the sum seems off. 347 * 261 = 90567.',
      '2776000 + 90567 = 2866567',
      'Let me verify: 2866567 / 347 = 8261, so the answer is \\boxed{2866567}.',
    ].join('\n'),
  ).records[0];
  const s = segmentAttempts(record, rules);
  const explicit = s.attempts.map((a) => isExplicitRule(a.candidate.rule));
  assert.ok(explicit[0], `first candidate's rule: ${s.attempts[0].candidate.rule}`);
  // Weights that veto everything they may: the explicit wrong answer and the last candidate stay.
  const kept = applyLearnedReader(inputOf(record, s), s.attempts, flat(-20, true)).attempts;
  assert.equal(kept[0].candidate.value, '2866667');
  assert.equal(kept.at(-1)?.candidate.value, s.attempts.at(-1)?.candidate.value);
  assert.deepEqual(vetoes([0, 0, 0, 0], [true, false, true, false], { threshold: 0.5, vetoFirst: true }), [false, true, false, false]);
});

test('generated traces, whose corrected wrong answers are stated explicitly, read the same with the learned stage', () => {
  const tasks = ['2x2', '3x4', '5x5', '7x7'].map((task) => ({ task, p: 0.5, delta1: 0.6, delta2: 0.7, n: 60 }));
  for (const t of generateMultiplicationTraces({ seed: 11, models: [{ name: 'm', echoRate: 0.4, tasks }], groupSize: 4 })) {
    const record = parseTrace(t.text).records[0];
    const value = (o: typeof rules | typeof learned) => segmentAttempts(record, o).attempts.map((a) => a.candidate.value);
    assert.deepEqual(value(learned), value(rules), t.text);
  }
});

test('the learned reader keeps a subsequence of the rules candidates, the last and the final answer; attempts stay contiguous; confidences are probabilities; features are finite', async () => {
  // The first authors' families are read with explicit answers the stage never vetoes; the second
  // authors' (r1-thoughts) give it candidates to veto.
  const families = [...(await loadFamilies()), ...(await loadFamilies(SECOND_FAMILIES_DIR))];
  let vetoed = 0;
  for (const f of families) {
    const { text } = familyCorpus(f, 1, 40, 'dev');
    for (const record of parseTrace(text, { fileName: `${f.family}.trace` }).records) {
      const r = segmentAttempts(record, rules);
      for (const row of candidateFeatures(inputOf(record, r))) {
        assert.equal(row.length, READER_FEATURES.length);
        assert.ok(row.every(Number.isFinite), `${f.family} ${record.id}: ${row}`);
      }
      const l = segmentAttempts(record, learned);
      const rv = r.attempts.map((a) => a.candidate.start);
      const lv = l.attempts.map((a) => a.candidate.start);
      let i = 0;
      for (const v of lv) {
        while (i < rv.length && rv[i] !== v) i++;
        assert.ok(i < rv.length, `${f.family} ${record.id}: not a subsequence`);
        i++;
      }
      vetoed += rv.length - lv.length;
      assert.equal(lv.at(-1), rv.at(-1));
      assert.equal(l.final?.value, r.final?.value);
      l.attempts.forEach((a, k) => assert.equal(a.start, k === 0 ? 0 : l.attempts[k - 1].end));
      const steps = segmentRecord(record, learned).steps.filter((x): x is SampleStep => x.kind === 'sample');
      assert.ok(steps.every((x) => x.confidence >= 0 && x.confidence <= 1));
    }
  }
  // Not a precision claim (docs/segmentation-eval.md has the measurement): the stage does veto something.
  assert.ok(vetoed > 0);
});

test('fitting is deterministic, and the weights module matches the reader features', () => {
  const rows = Array.from({ length: 60 }, (_, i) => READER_FEATURES.map((_, f) => ((i * 7 + f * 3) % 11) / 10));
  const labels = rows.map((r) => (r[0] + r[5] > 0.9 ? 1 : 0));
  const a = fitReader(rows, labels, { lambda: 1 });
  const b = fitReader(rows, labels, { lambda: 1 });
  assert.deepEqual(a, b);
  assert.ok([...a.weights, a.bias].every(Number.isFinite));
  assert.deepEqual([...READER_WEIGHTS.features], [...READER_FEATURES]);
  for (const v of [READER_WEIGHTS.mean, READER_WEIGHTS.scale, READER_WEIGHTS.weights]) assert.equal(v.length, READER_FEATURES.length);
  assert.ok(READER_WEIGHTS.scale.every((s) => s > 0));
});

test(
  'readerWeights.ts is what scripts/train-reader.ts --write writes from the development data',
  { skip: existsSync(SHARED_DATA) ? false : '../shared/data (the Sky-T1 responses) is absent' },
  async () => {
    const real = loadRealDev();
    const families = READER_TRAINING.families ? await loadFamiliesDev() : [];
    const choice = { lambda: READER_TRAINING.lambda, threshold: READER_WEIGHTS.threshold, vetoFirst: READER_WEIGHTS.vetoFirst };
    const source = await weightsModuleSource(
      real,
      families,
      choice,
      REAL_DEV_SETS.map(([s]) => s),
    );
    // The features are read from the rules' candidates: a rule change changes them, and the weights
    // are retrained with `node --import tsx scripts/train-reader.ts --families --write`.
    assert.equal(
      source,
      readFileSync(WEIGHTS_MODULE, 'utf8'),
      'readerWeights.ts is stale: rerun scripts/train-reader.ts --families --write',
    );
  },
);

test('--reader selects the reader on the command line; anything but rules or learned is a usage error', () => {
  const parse = (...argv: string[]) => segmentOptionsFromArgs(parseArgs(argv, segmentFlagNames));
  assert.equal(parse().reader, undefined);
  assert.equal(parse('--reader', 'learned').reader, 'learned');
  assert.equal(parse('--reader', 'rules').reader, 'rules');
  assert.deepEqual(parse('--reader', 'learned').markers, defaultSegmentOptions.markers);
  assert.throws(() => parse('--reader', 'neural'), UsageError);
});
