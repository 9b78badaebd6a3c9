// The development data the learned candidate stage is trained and cross-validated on
// (docs/segmentation-eval.md, "Stop 26"): the real development sets (scripts/read-gold.ts reads
// them) and the dev phrasing families, each record read by the rules with its examples.
// Held-out sets are not listed here and must never be (docs/segmentation-eval.md).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engineReading, type EvalInput } from '../server/src/analysis/segmentationEval.js';
import { readerExamples, type ReaderExamples } from '../server/src/analysis/readerTraining.js';
import { parseGoldFile, type GoldRecord } from '../server/src/trace/gold.js';
import { jsonlRecordToTrace, jsonlToRecords } from '../server/src/trace/jsonl.js';
import { defaultSegmentOptions } from '../server/src/trace/options.js';
import { parseTrace } from '../server/src/trace/parse.js';
import { readerInputOf, type ReaderInput } from '../server/src/trace/readerFeatures.js';
import { segmentAttempts } from '../server/src/trace/segment.js';
import type { TraceRecord } from '../server/src/trace/types.js';
import * as C from '../test/phrasing/corpus.js';

export interface ReaderRecord {
  /** The set it belongs to ("fresh3", or "families" for every dev phrasing family). */
  set: string;
  /** The phrasing family's corpus name ("a:latex-boxed"), for the families' per-family report. */
  corpus?: string;
  /** The rules' reading, as the evaluation takes it. */
  input: EvalInput;
  examples: ReaderExamples;
  /** What the features read (the rules' attempts, statements, markers, question). */
  reading: ReaderInput;
}

const G = fileURLToPath(new URL('../test/fixtures/gold/', import.meta.url));
/** The Sky-T1 responses live outside the repository, in ../shared/data (the main checkout's), else /work/shared/data. */
const besideRepo = fileURLToPath(new URL('../../shared/data/', import.meta.url));
export const SHARED_DATA = existsSync(besideRepo) ? besideRepo : '/work/shared/data/';
const sky = (): string[][] => [
  [`${SHARED_DATA}skyt1-reflection-0.5-amc23.jsonl`, `${G}skyt1/skyt1-reflection-0.5.dev.gold.jsonl`, 'r05#'],
  [`${SHARED_DATA}skyt1-short-amc23.jsonl`, `${G}skyt1/skyt1-short.dev.gold.jsonl`, 'short#'],
];
const batch = (n: string): string[][] => [[`${G}${n}/${n}-traces.jsonl`, `${G}${n}/${n}-traces.gold.jsonl`, '']];

/** The thirty-eight development sets (the cross-validation's folds; fresh2, 4, 9, 10 and 11 held out until stop 28; fresh20, multiple choice, and fresh22 new at stop 28; fresh12, 14, 15 and 17 held out until stop 30; fresh28, chosen for corrections, new at stop 30; fresh29 and fresh30, yes/no and numbered options, held out until stop 31; probe30, the synthetic format probe, development data from stop 31; fresh31, fresh32 and fresh33, real multiple choice, held out until stop 32; fresh35, fresh36 and fresh37, real multiple choice, held out until stop 33; dev36, choices inside thinking and closed-form derivations, new at stop 36; dev37, multiple choice by an R1 distill and code-output prediction, new at stop 37; dev38, GSM8K by a Qwen2.5-1.5B SFT and its RL (PPO) counterpart, new at stop 38; dev39, Japanese and Swahili by Qwen3, new at stop 39; probe39d, a multilingual probe written at stop 39; probe40d, a second one written at stop 40 as pass 89's carry partner; dev41, GPQA multiple choice and MATH-500 by R1 distills, and dev41j, LLM judges' pairwise verdicts (JudgeBench), new at stop 41). */
export const REAL_DEV_SETS: readonly [string, string[][]][] = [
  ['skyt1-dev', sky()],
  ['fresh-dev', [[`${G}fresh/fresh-traces.jsonl`, `${G}fresh/fresh-traces.dev.gold.jsonl`, '']]],
  ['fresh3', batch('fresh3')],
  ['fresh5', batch('fresh5')],
  ['fresh6', batch('fresh6')],
  ['fresh7', batch('fresh7')],
  ['fresh8', batch('fresh8')],
  ['fresh13', batch('fresh13')],
  ['fresh16', batch('fresh16')],
  ['fresh2', batch('fresh2')],
  ['fresh4', batch('fresh4')],
  ['fresh9', batch('fresh9')],
  ['fresh10', batch('fresh10')],
  ['fresh11', batch('fresh11')],
  ['fresh20', batch('fresh20')],
  ['fresh22', batch('fresh22')],
  ['fresh12', batch('fresh12')],
  ['fresh14', batch('fresh14')],
  ['fresh15', batch('fresh15')],
  ['fresh17', batch('fresh17')],
  ['fresh28', batch('fresh28')],
  ['fresh29', batch('fresh29')],
  ['fresh30', batch('fresh30')],
  ['fresh31', batch('fresh31')],
  ['fresh32', batch('fresh32')],
  ['fresh33', batch('fresh33')],
  ['fresh35', batch('fresh35')],
  ['fresh36', batch('fresh36')],
  ['fresh37', batch('fresh37')],
  ['dev36', batch('dev36')],
  ['dev37', batch('dev37')],
  ['dev38', batch('dev38')],
  ['dev39', batch('dev39')],
  ['dev41', batch('dev41')],
  ['dev41j', batch('dev41j')],
  ['probe30', [[`${G}probe30/probe-traces.jsonl`, `${G}probe30/probe-traces.gold.jsonl`, '']]],
  ['probe39d', [[`${G}probe39d/probe-traces.jsonl`, `${G}probe39d/probe-traces.gold.jsonl`, '']]],
  ['probe40d', [[`${G}probe40d/probe-traces.jsonl`, `${G}probe40d/probe-traces.gold.jsonl`, '']]],
];

const rulesOnly = { ...defaultSegmentOptions, reader: 'rules' as const };

/** One record read by the rules, with its labelled examples. */
export function readRecord(set: string, id: string, rec: TraceRecord, gold: GoldRecord, corpus?: string): ReaderRecord {
  const s = segmentAttempts(rec, rulesOnly);
  const reading = readerInputOf(rec.body, s);
  const examples = readerExamples(reading, gold, s.optionOf);
  return { set, corpus, input: { id, truth: rec.answer, gold, ...engineReading(s, rec.query) }, examples, reading };
}

export function loadRealDev(): ReaderRecord[] {
  const out: ReaderRecord[] = [];
  for (const [set, files] of REAL_DEV_SETS) {
    for (const [data, goldFile, prefix] of files) {
      const labels = parseGoldFile(readFileSync(goldFile, 'utf8')).records;
      const recs = jsonlToRecords(readFileSync(data, 'utf8')).records.map((r, i) => jsonlRecordToTrace(r, i, 0));
      for (const rec of recs) {
        const g = labels.get(rec.id);
        if (g) out.push(readRecord(set, prefix + rec.id, rec, g));
      }
    }
  }
  return out;
}

/** The development phrasing families: [folder, tag, seed, split] (families-b and -c whole as their "heldout" phrasings, the rest their dev split). */
export const DEV_FAMILY_GROUPS: readonly [string, string, number, 'dev' | 'heldout'][] = [
  [C.FAMILIES_DIR, 'a', 1, 'dev'],
  [C.FAMILIES_DIR, 'a2', 2, 'heldout'],
  [C.SECOND_FAMILIES_DIR, 'b', 2, 'heldout'],
  [C.THIRD_FAMILIES_DIR, 'c', 2, 'heldout'],
  [C.FIFTH_FAMILIES_DIR, 'e', 1, 'dev'],
  [C.SIXTH_FAMILIES_DIR, 'f', 1, 'dev'],
  [C.SEVENTH_FAMILIES_DIR, 'g', 1, 'dev'],
  [C.EIGHTH_FAMILIES_DIR, 'h', 1, 'dev'],
  [C.NINTH_FAMILIES_DIR, 'i', 1, 'dev'],
];

/** The dev phrasing families the learned stage trains on: DEV_FAMILY_GROUPS less families-h and -i (not in the training data). */
export async function loadFamiliesDev(count = 300): Promise<ReaderRecord[]> {
  const groups = DEV_FAMILY_GROUPS.filter(([, tag]) => tag !== 'h' && tag !== 'i');
  const out: ReaderRecord[] = [];
  for (const [dir, tag, seed, split] of groups) {
    for (const f of await C.loadFamilies(dir)) {
      const { text, gold } = C.familyCorpus(f, seed, count, split);
      const byId = new Map(gold.map((g) => [g.id, g]));
      for (const rec of parseTrace(text, { fileName: `${f.family}.trace` }).records)
        out.push(readRecord('families', rec.id, rec, byId.get(rec.id)!, `${tag}:${f.family}`));
    }
  }
  return out;
}
