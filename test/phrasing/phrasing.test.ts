// Segmentation measured on every phrasing family. Five sets, reported separately
// (docs/segmentation-eval.md): the first half of each first-author family's phrasings ("dev"), the
// second half ("second half": held out until stop 18), the second and third authors' families
// (test/phrasing/families-b, families-c: each held out when written, development data once the
// next set came) and the families by later authors that nobody tuned on (test/phrasing/families-d:
// "held-out").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineReading, evaluateSegmentation, type EvalInput } from '../../server/src/analysis/segmentationEval.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';
import { parseTrace } from '../../server/src/trace/parse.js';
import { segmentAttempts } from '../../server/src/trace/segment.js';
import {
  familyCorpus,
  FAMILIES_DIR,
  FIFTH_FAMILIES_DIR,
  HELDOUT_FAMILIES_DIR,
  NINTH_FAMILIES_DIR,
  loadFamilies,
  SECOND_FAMILIES_DIR,
  SEVENTH_FAMILIES_DIR,
  SIXTH_FAMILIES_DIR,
  THIRD_FAMILIES_DIR,
} from './corpus.js';
import type { PhrasingSplit } from './families/types.js';

const tuned = await loadFamilies(FAMILIES_DIR);
const secondAuthors = await loadFamilies(SECOND_FAMILIES_DIR);
const thirdAuthors = await loadFamilies(THIRD_FAMILIES_DIR);
const fifthAuthors = await loadFamilies(FIFTH_FAMILIES_DIR);
const sixthAuthors = await loadFamilies(SIXTH_FAMILIES_DIR);
const seventhAuthors = await loadFamilies(SEVENTH_FAMILIES_DIR);
const ninthAuthors = await loadFamilies(NINTH_FAMILIES_DIR);
const heldOut = await loadFamilies(HELDOUT_FAMILIES_DIR);
const RECORDS = 300;

// Floors sit under today's measurement (docs/segmentation-eval.md), so a regression fails; the
// goal (99% exact) is reported beside them, not assumed.
const SETS = [
  { name: 'dev', families: tuned, seed: 1, split: 'dev', floor: 0.83 },
  { name: 'second half', families: tuned, seed: 2, split: 'heldout', floor: 0.6 },
  { name: 'second authors', families: secondAuthors, seed: 2, split: 'heldout', floor: 0.3 },
  { name: 'third authors', families: thirdAuthors, seed: 2, split: 'heldout', floor: 0.3 },
  // Stop 22, first read (before any rule saw them): 41.7 / 52.0 / 72.0 / 62.0% exact; after the
  // fifteenth pass, tuned on them: 80.0 / 68.3 / 77.3 / 86.3%.
  { name: 'fifth authors', families: fifthAuthors, seed: 1, split: 'dev', floor: 0.6 },
  // Stop 23, first read (rules after the sixteenth pass, before any rule saw them), exact:
  // long-monologue 60.7, mcq-reasoning 70.3, olympiad-think 74.3, tutor-chat 48.0% (dev phrasings);
  // 55.7 / 29.3 / 53.3 / 43.3% on their heldout phrasings. After the eighteenth and nineteenth
  // passes, tuned on them: 78.3 / 94.0 / 81.7 / 79.3% (heldout phrasings, read once: 57.3 / 31.7 /
  // 54.0 / 57.0).
  { name: 'sixth authors', families: sixthAuthors, seed: 1, split: 'dev', floor: 0.75 },
  // Stop 24, held out (both splits; no rule was tuned on them). First read (rules of 29efa69),
  // exact dev / heldout phrasings: bilingual-exam 34.7 / 31.7, r1-competition 69.0 / 62.0,
  // symbolic-answers 50.7 / 38.0, word-answers 13.0 / 20.3; after passes 20-23 (tuned on real dev
  // responses only): 45.3 / 43.3, 65.0 / 63.0, 63.0 / 46.0, 24.0 / 28.3. Stop 25: their dev
  // phrasings became development data (the twenty-seventh pass was tuned on them), their heldout
  // phrasings stay held out. Before the stop's passes (383135b): 45.3 / 43.3, 70.0 / 63.0,
  // 62.0 / 45.3, 24.0 / 28.3; after passes 24-27: 76.7 / 43.3, 77.0 / 63.0, 73.7 / 50.3, 88.3 / 51.3.
  { name: 'seventh authors', families: seventhAuthors, seed: 1, split: 'dev', floor: 0.7 },
  { name: 'seventh authors, heldout phrasings', families: seventhAuthors, seed: 2, split: 'heldout', floor: 0.4 },
  // Stop 37 (test/phrasing/families-i: mc-harmony, verdict-lists, closed-form-derivation,
  // units-and-words), written from the guide and the interface only. First read (0d8fe42), learned
  // exact dev / heldout phrasings: 47.0 / 53.0, 48.7 / 32.3, 62.0 / 50.3, 55.3 / 38.7; after passes
  // 76-79 (pass 78 tuned on the dev phrasings): 94.0 / 67.7, 79.3 / 58.3, 76.7 / 59.0, 76.0 / 47.7.
  { name: 'ninth authors', families: ninthAuthors, seed: 1, split: 'dev', floor: 0.7 },
  { name: 'ninth authors, heldout phrasings', families: ninthAuthors, seed: 2, split: 'heldout', floor: 0.4 },
  { name: 'held-out', families: heldOut, seed: 2, split: 'heldout', floor: 0.2 },
] as const satisfies readonly { name: string; families: unknown; seed: number; split: PhrasingSplit; floor: number }[];

for (const set of SETS) {
  test(`phrasing families (${set.name}): exact attempt sequences, candidate precision and recall`, () => {
    const rows: string[] = [];
    for (const f of set.families) {
      const { text, gold } = familyCorpus(f, set.seed, RECORDS, set.split);
      const parsed = parseTrace(text, { fileName: `${f.family}.trace` });
      assert.equal(parsed.records.length, RECORDS, `${f.family}: every generated record parses`);
      const byId = new Map(gold.map((g) => [g.id, g]));
      const inputs: EvalInput[] = parsed.records.map((rec) => ({
        id: rec.id,
        truth: rec.answer,
        gold: byId.get(rec.id)!,
        ...engineReading(segmentAttempts(rec, defaultSegmentOptions), rec.query),
      }));
      const e = evaluateSegmentation(inputs);
      const exact = e.exactSequence.agree / e.exactSequence.of;
      rows.push(
        `${f.family.padEnd(18)} exact ${(100 * exact).toFixed(1).padStart(5)}%  precision ${(100 * e.precision).toFixed(1)}%  recall ${(100 * e.recall).toFixed(1)}%  first-correct ${e.firstCorrectness.agree}/${e.firstCorrectness.of}  final ${e.finalAnswer.agree}/${e.finalAnswer.of}  p ${fmt(e.derived.engine.p.value)} vs ${fmt(e.derived.gold.p.value)}  d1 ${fmt(e.derived.engine.delta1.value)} vs ${fmt(e.derived.gold.delta1.value)}  d2 ${fmt(e.derived.engine.delta2.value)} vs ${fmt(e.derived.gold.delta2.value)}`,
      );
      assert.ok(exact >= set.floor, `${f.family} (${set.name}): exact sequences ${(100 * exact).toFixed(1)}%`);
    }
    console.log(`segmentation on phrasing families (${set.name}, ${RECORDS} records each):\n${rows.join('\n')}`);
  });
}

const fmt = (v: number | null): string => (v === null ? '-' : v.toFixed(3));
