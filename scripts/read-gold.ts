// Every labelled real set read by the engine, per set and pooled, by the rules and by the default
// (learned) reader: the numbers docs/segmentation-eval.md quotes, from one command.
//
//   node --import tsx scripts/read-gold.ts            the development sets (REAL_DEV_SETS) only
//   node --import tsx scripts/read-gold.ts --held     the held-out sets only: read them at a stop's
//                                                     start and end, never while writing rules
//   ... --families [--held]                           the phrasing families instead (exact attempt
//                                                     sequences per family, 300 records each)
//   ... --derived                                     also p / delta1 / delta2 derived from the learned
//                                                     reading beside the same from the gold labels, and
//                                                     engine - gold paired over the records with its 95%
//                                                     interval (* where it excludes 0): how far the reading
//                                                     moves the numbers calibrate reports, beyond chance
//   ... --corrected                                   the corrected rates (eval-segmentation's "corrected with the
//                                                     labels") on real labels: each set, and all sets pooled, split
//                                                     at random into labelled (10, 20, 40 records) and unlabelled
//                                                     (the engine's reading only), 1,000 splits each; how often the
//                                                     corrected interval covers the labels' rate over all records,
//                                                     beside the engine's reading alone and the labelled records alone
//   ... --flat                                        every body read with each line break replaced by
//                                                     spaces (one per character, offsets kept), as a
//                                                     harness storing text.replace('\n', ' ') leaves it
//
// Held-out sets are listed here and nowhere in the training data (scripts/readerData.ts).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { correctedPredictedAccuracy, predictionPoweredRate } from '../server/src/analysis/predictionPowered.js';
import { predictedAccuracy } from '../server/src/analysis/predicted.js';
import { Rng } from '../server/src/analysis/random.js';
import { engineReading, evaluateSegmentation, type EvalInput } from '../server/src/analysis/segmentationEval.js';
import { pooledRateInterval, type Difference, type Interval, type RecordCounts } from '../server/src/analysis/segmentationIntervals.js';
import { parseGoldFile } from '../server/src/trace/gold.js';
import { jsonlRecordToTrace, jsonlToRecords } from '../server/src/trace/jsonl.js';
import { defaultSegmentOptions } from '../server/src/trace/options.js';
import { cutOffReason, segmentAttempts } from '../server/src/trace/segment.js';
import { parseTrace } from '../server/src/trace/parse.js';
import * as C from '../test/phrasing/corpus.js';
import { DEV_FAMILY_GROUPS, REAL_DEV_SETS, SHARED_DATA } from './readerData.js';

const G = fileURLToPath(new URL('../test/fixtures/gold/', import.meta.url));
const batch = (n: string, file = `${n}-traces`): string[][] => [[`${G}${n}/${file}.jsonl`, `${G}${n}/${file}.gold.jsonl`]];

/** The held-out real sets (docs/segmentation-eval.md): read at a stop's start and end only. */
const HELD_OUT_SETS: readonly [string, string[][]][] = [
  [
    'skyt1-heldout',
    [
      [`${SHARED_DATA}skyt1-reflection-0.5-amc23.jsonl`, `${G}skyt1/skyt1-reflection-0.5.heldout.gold.jsonl`],
      [`${SHARED_DATA}skyt1-short-amc23.jsonl`, `${G}skyt1/skyt1-short.heldout.gold.jsonl`],
    ],
  ],
  ['fresh-heldout', [[`${G}fresh/fresh-traces.jsonl`, `${G}fresh/fresh-traces.heldout.gold.jsonl`]]],
  ...[
    'fresh18',
    'fresh19',
    'fresh21',
    'fresh23',
    'fresh24',
    'fresh25',
    'fresh26',
    'fresh27',
    'fresh38',
    'fresh39',
    'fresh40',
    'fresh41',
    'fresh42',
    'fresh43',
    'fresh44',
    'fresh45',
    'fresh46',
    'fresh47',
    'fresh48',
    'fresh49',
    'fresh50',
    'fresh51',
  ].map((n): [string, string[][]] => [n, batch(n)]),
  ['probe31', batch('probe31', 'probe-traces')],
  ['probe39', batch('probe39', 'probe-traces')],
];

const held = process.argv.includes('--held');
const flat = process.argv.includes('--flat');
const withDerived = process.argv.includes('--derived');
const withCorrected = process.argv.includes('--corrected');
/** Per metric, over the sets: the engine-minus-gold difference, and whether its paired interval excludes 0. */
const correctedSplits: [string, EvalInput[]][] = [];
type Metric = 'p' | 'delta1' | 'delta2' | 'accuracy';
const METRICS: readonly Metric[] = ['p', 'delta1', 'delta2', 'accuracy'];
const derivedGaps = new Map<string, { biased: number; sets: number; gaps: number[] }>();
/** The record as read: with --flat, its body's line breaks replaced by as many spaces (the question is kept). */
const asRead = <T extends { body: string }>(rec: T): T =>
  flat ? { ...rec, body: rec.body.replace(/\r?\n|\r/g, (m) => ' '.repeat(m.length)) } : rec;
const readers = [
  ['rules', { ...defaultSegmentOptions, reader: 'rules' as const }],
  ['learned', defaultSegmentOptions],
] as const;
const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(1) : '-');

if (process.argv.includes('--families')) {
  await readFamilies();
  process.exit(0);
}

/** The phrasing families' development or held-out halves (as scripts/readerData.ts and test/phrasing/phrasing.test.ts split them). */
async function readFamilies(): Promise<void> {
  const groups: readonly [string, string, number, 'dev' | 'heldout'][] = held
    ? [
        [C.HELDOUT_FAMILIES_DIR, 'd', 2, 'heldout'],
        [C.FIFTH_FAMILIES_DIR, 'e-held', 2, 'heldout'],
        [C.SIXTH_FAMILIES_DIR, 'f-held', 2, 'heldout'],
        [C.SEVENTH_FAMILIES_DIR, 'g-held', 2, 'heldout'],
        [C.EIGHTH_FAMILIES_DIR, 'h-held', 2, 'heldout'],
        [C.NINTH_FAMILIES_DIR, 'i-held', 2, 'heldout'],
      ]
    : DEV_FAMILY_GROUPS;
  const rates: number[] = [];
  console.log(
    `${held ? 'HELD-OUT' : 'DEVELOPMENT'}${flat ? ' (flattened)' : ''} phrasing families: exact attempt sequences, precision, recall (rules | learned)`,
  );
  for (const [dir, tag, seed, split] of groups) {
    for (const f of await C.loadFamilies(dir)) {
      const { text, gold } = C.familyCorpus(f, seed, 300, split);
      const byId = new Map(gold.map((g) => [g.id, g]));
      const recs = parseTrace(text, { fileName: `${f.family}.trace` }).records.map(asRead);
      const line = [`${tag}:${f.family}`.padEnd(28)];
      for (const [name, options] of readers) {
        const e = evaluateSegmentation(
          recs.map((rec) => ({
            id: rec.id,
            truth: rec.answer,
            gold: byId.get(rec.id)!,
            ...engineReading(segmentAttempts(rec, options), rec.query),
          })),
        );
        line.push(
          `${name} ${pct(e.exactSequence.agree, e.exactSequence.of).padStart(5)} ${pct(e.matched, e.predicted).padStart(5)} ${pct(e.matched, e.gold).padStart(5)}`,
        );
        if (name === 'learned') rates.push(e.exactSequence.agree / e.exactSequence.of);
      }
      console.log(line.join('  |  '));
    }
  }
  console.log(
    `${rates.length} families, learned exact: mean ${pct(
      rates.reduce((a, b) => a + b, 0),
      rates.length,
    )}, min ${pct(Math.min(...rates), 1)}, max ${pct(Math.max(...rates), 1)}`,
  );
}

const sets = held ? HELD_OUT_SETS : REAL_DEV_SETS;
const pooled = new Map<string, EvalInput[]>(readers.map(([r]) => [r, []]));
console.log(
  `${held ? 'HELD-OUT' : 'DEVELOPMENT'}${flat ? ' (flattened)' : ''} sets: precision (matched/predicted), recall (/gold), first-candidate correctness`,
);
for (const [set, files] of sets) {
  const inputs = new Map<string, EvalInput[]>(readers.map(([r]) => [r, []]));
  for (const [data, goldFile] of files) {
    if (!existsSync(data)) {
      console.log(`${set}: skipped, ${data} is absent`);
      continue;
    }
    const labels = parseGoldFile(readFileSync(goldFile, 'utf8')).records;
    for (const [i, row] of jsonlToRecords(readFileSync(data, 'utf8')).records.entries()) {
      const rec = asRead(jsonlRecordToTrace(row, i, 0));
      const gold = labels.get(rec.id);
      if (!gold) continue;
      for (const [name, options] of readers)
        inputs.get(name)!.push({
          id: rec.id,
          truth: rec.answer,
          gold,
          ...engineReading(segmentAttempts(rec, options), rec.query),
          // Left out of the derived and corrected rates, as calibrate leaves it out.
          cutOff: cutOffReason(rec) !== undefined,
        });
    }
  }
  const line = [set.padEnd(14)];
  for (const [name] of readers) {
    const e = evaluateSegmentation(inputs.get(name)!);
    pooled.get(name)!.push(...inputs.get(name)!);
    line.push(
      `${name} ${pct(e.matched, e.predicted)} (${e.matched}/${e.predicted}) / ${pct(e.matched, e.gold)} / ${pct(e.firstCorrectness.agree, e.firstCorrectness.of)}`,
    );
  }
  console.log(line.join('   '));
  if (withDerived) derivedLine(set, evaluateSegmentation(inputs.get('learned')!));
  if (withCorrected) correctedSplits.push([set, inputs.get('learned')!]);
}
if (withCorrected) correctedCoverage(correctedSplits);
if (withDerived) {
  derivedSummary();
  const all = evaluateSegmentation(pooled.get('learned')!);
  console.log(
    `DERIVED pooled (learned, ${all.records} responses, ${all.cutOff} cut off at the generation limit left out as calibrate leaves them out): ${(
      ['p', 'delta1', 'delta2'] as const
    )
      .map((m) => {
        const d = all.derivedDifference[m];
        return `${m} ${all.derived.engine[m].value?.toFixed(3)} vs gold ${all.derived.gold[m].value?.toFixed(3)}, ${d.value >= 0 ? '+' : ''}${d.value.toFixed(3)} [${d.lo.toFixed(3)}, ${d.hi.toFixed(3)}]`;
      })
      .join('; ')}`,
  );
}
for (const [name] of readers) {
  const e = evaluateSegmentation(pooled.get(name)!);
  console.log(
    `POOLED ${name}: ${e.records} responses, precision ${pct(e.matched, e.predicted)} (${e.matched}/${e.predicted}), recall ${pct(e.matched, e.gold)} (${e.matched}/${e.gold}), first ${pct(e.firstCorrectness.agree, e.firstCorrectness.of)}`,
  );
}

/**
 * How often the corrected interval covers the labels' rate when only some records of a set are
 * labelled (chosen at random) and the engine reads the rest: per set (those with at least 20
 * records, 10 labelled) and over all sets pooled (10, 20, 40 labelled). Beside it, the engine's
 * reading of every record alone and the labelled records alone, with their mean widths.
 */
function correctedCoverage(perSet: [string, EvalInput[]][]): void {
  type Counts = Record<Metric, RecordCounts>;
  const empty = (): Counts => ({ p: { k: [], n: [] }, delta1: { k: [], n: [] }, delta2: { k: [], n: [] }, accuracy: { k: [], n: [] } });
  // Each record's counts, read once (the splits only regroup them).
  const counted = perSet.map(([set, inputs]): [string, { engine: Counts; gold: Counts }] => {
    const c = { engine: empty(), gold: empty() };
    for (const input of inputs) {
      const d = evaluateSegmentation([input]).derived;
      for (const m of METRICS)
        for (const side of ['engine', 'gold'] as const) {
          c[side][m].k.push(d[side][m].k);
          c[side][m].n.push(d[side][m].n);
        }
    }
    return [set, c];
  });
  const pick = (c: RecordCounts, at: readonly number[]): RecordCounts => ({ k: at.map((i) => c.k[i]), n: at.map((i) => c.n[i]) });
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const rng = new Rng(44);
  const splits = 1000;
  const tally = new Map<string, { covered: number; width: number; runs: number; none: number }>();
  const add = (key: string, i: Interval, truth: number): void => {
    const t = tally.get(key) ?? { covered: 0, width: 0, runs: 0, none: 0 };
    t.runs++;
    if (Number.isNaN(i.hi)) t.none++;
    if (i.lo <= truth && truth <= i.hi) t.covered++;
    t.width += Number.isNaN(i.hi) ? 1 : i.hi - i.lo;
    tally.set(key, t);
  };
  /** A random sample of `size` of the records in `order` (a partial Fisher-Yates shuffle), and the rest. */
  const split = (order: number[], size: number): { labelled: number[]; rest: number[] } => {
    for (let i = 0; i < size; i++) {
      const j = i + rng.int(order.length - i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return { labelled: order.slice(0, size), rest: order.slice(size) };
  };
  const study = (scope: string, c: { engine: Counts; gold: Counts }, sizes: readonly number[]): void => {
    const records = c.gold.p.k.length;
    const order = Array.from({ length: records }, (_, i) => i);
    for (const m of METRICS) {
      const truthN = sum(c.gold[m].n);
      if (truthN === 0) continue;
      const truth = sum(c.gold[m].k) / truthN;
      const alone = pooledRateInterval(c.engine[m]);
      for (const size of sizes) {
        if (records < 2 * size) continue;
        for (let s = 0; s < splits; s++) {
          const { labelled, rest } = split(order, size);
          const corrected = predictionPoweredRate(pick(c.engine[m], rest), pick(c.engine[m], labelled), pick(c.gold[m], labelled));
          add(`${scope} ${size} ${m} corrected`, corrected, truth);
          add(`${scope} ${size} ${m} engine`, alone, truth);
          add(`${scope} ${size} ${m} labels`, pooledRateInterval(pick(c.gold[m], labelled)), truth);
        }
      }
    }
  };
  for (const [, c] of counted) study('each set', c, [10]);
  const all = { engine: empty(), gold: empty() };
  for (const side of ['engine', 'gold'] as const)
    for (const m of METRICS)
      for (const [, c] of counted) {
        all[side][m].k.push(...c[side][m].k);
        all[side][m].n.push(...c[side][m].n);
      }
  study('pooled', all, [10, 20, 40]);
  // The paper's predicted accuracy from the three corrected rates of one split (its own splits,
  // drawn after the rates' so that theirs stay as they were): the image of their intervals' box,
  // beside the same box of the engine's rates alone and of the labelled records' alone.
  const rateOf = (c: RecordCounts): Difference => ({ value: sum(c.k) / sum(c.n), ...pooledRateInterval(c) });
  const studyPredicted = (scope: string, c: { engine: Counts; gold: Counts }, sizes: readonly number[]): void => {
    const records = c.gold.p.k.length;
    const order = Array.from({ length: records }, (_, i) => i);
    const truth = predictedAccuracy(
      ...((['p', 'delta1', 'delta2'] as const).map((m) => sum(c.gold[m].k) / sum(c.gold[m].n)) as [number, number, number]),
    );
    if (Number.isNaN(truth)) return;
    const alone = correctedPredictedAccuracy(rateOf(c.engine.p), rateOf(c.engine.delta1), rateOf(c.engine.delta2));
    for (const size of sizes) {
      if (records < 2 * size) continue;
      for (let s = 0; s < splits; s++) {
        const { labelled, rest } = split(order, size);
        const [p, d1, d2] = (['p', 'delta1', 'delta2'] as const).map((m) =>
          predictionPoweredRate(pick(c.engine[m], rest), pick(c.engine[m], labelled), pick(c.gold[m], labelled)),
        );
        add(`${scope} ${size} predicted corrected`, correctedPredictedAccuracy(p, d1, d2), truth);
        add(`${scope} ${size} predicted engine`, alone, truth);
        const [lp, l1, l2] = (['p', 'delta1', 'delta2'] as const).map((m) => rateOf(pick(c.gold[m], labelled)));
        add(`${scope} ${size} predicted labels`, correctedPredictedAccuracy(lp, l1, l2), truth);
      }
    }
  };
  for (const [, c] of counted) studyPredicted('each set', c, [10]);
  studyPredicted('pooled', all, [10, 20, 40]);
  console.log(
    `CORRECTED (learned reading; ${splits} random splits per set and size; coverage of the labels' rate, mean width; a labelled sample holding no trial counts as not covering, width 1)`,
  );
  for (const [scope, sizes] of [
    ['each set', [10]],
    ['pooled', [10, 20, 40]],
  ] as const)
    for (const size of sizes)
      for (const m of [...METRICS, 'predicted']) {
        const cell = (what: string): string => {
          const t = tally.get(`${scope} ${size} ${m} ${what}`);
          return t ? `${pct(t.covered, t.runs)}% (width ${(t.width / t.runs).toFixed(3)})` : '-';
        };
        const t = tally.get(`${scope} ${size} ${m} corrected`);
        if (t)
          console.log(
            `  ${scope.padEnd(8)} ${String(size).padStart(2)} labelled  ${m.padEnd(6)}  corrected ${cell('corrected')}  engine alone ${cell('engine')}  labels alone ${cell('labels')}  (${t.runs} splits, ${t.none} with no trial labelled; covered ${pct(t.covered, t.runs - t.none)}% of the others)`,
          );
      }
}

function derivedLine(set: string, e: ReturnType<typeof evaluateSegmentation>): void {
  const parts: string[] = [];
  for (const metric of ['p', 'delta1', 'delta2'] as const) {
    const engine = e.derived.engine[metric];
    const gold = e.derived.gold[metric];
    const d = e.derivedDifference[metric];
    if (engine.value === null || gold.value === null) {
      parts.push(`${metric} -`);
      continue;
    }
    const biased = d.lo > 0 || d.hi < 0;
    const g = derivedGaps.get(metric) ?? { biased: 0, sets: 0, gaps: [] };
    g.sets++;
    if (biased) g.biased++;
    g.gaps.push(d.value);
    derivedGaps.set(metric, g);
    parts.push(
      `${metric} ${engine.value.toFixed(2)} (${engine.k}/${engine.n}) gold ${gold.value.toFixed(2)} (${gold.k}/${gold.n}) ${d.value >= 0 ? '+' : ''}${d.value.toFixed(2)} [${d.lo.toFixed(2)}, ${d.hi.toFixed(2)}]${biased ? ' *' : ''}`,
    );
  }
  console.log(`  derived ${set}: ${parts.join('; ')}`);
}

function derivedSummary(): void {
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  for (const [metric, g] of derivedGaps)
    console.log(
      `DERIVED ${metric}: engine - gold median ${median(g.gaps).toFixed(3)}, median |engine - gold| ${median(g.gaps.map(Math.abs)).toFixed(3)}; the paired interval excludes 0 on ${g.biased}/${g.sets} sets (${g.gaps.filter((x) => x < 0).length} below, ${g.gaps.filter((x) => x > 0).length} above)`,
    );
}
