// Segmentation measured on every phrasing family, on the phrasings it was tuned on ("dev") and on
// a disjoint half of each family's templates it never saw ("heldout"), reported separately.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineReading, evaluateSegmentation, type EvalInput } from '../../server/src/analysis/segmentationEval.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';
import { parseTrace } from '../../server/src/trace/parse.js';
import { segmentAttempts } from '../../server/src/trace/segment.js';
import { familyCorpus, loadFamilies } from './corpus.js';

const families = await loadFamilies();
const RECORDS = 300;

for (const split of ['dev', 'heldout'] as const) {
  test(`phrasing families (${split}): exact attempt sequences, candidate precision and recall`, () => {
    const rows: string[] = [];
    const worst: { family: string; exact: number }[] = [];
    for (const f of families) {
      const { text, gold } = familyCorpus(f, split === 'dev' ? 1 : 2, RECORDS, split);
      const parsed = parseTrace(text, { fileName: `${f.family}.trace` });
      assert.equal(parsed.records.length, RECORDS, `${f.family}: every generated record parses`);
      const byId = new Map(gold.map((g) => [g.id, g]));
      const inputs: EvalInput[] = parsed.records.map((rec) => ({
        id: rec.id,
        truth: rec.answer,
        gold: byId.get(rec.id)!,
        ...engineReading(segmentAttempts(rec, defaultSegmentOptions)),
      }));
      const e = evaluateSegmentation(inputs);
      const exact = e.exactSequence.agree / e.exactSequence.of;
      worst.push({ family: f.family, exact });
      rows.push(
        `${f.family.padEnd(18)} exact ${(100 * exact).toFixed(1).padStart(5)}%  precision ${(100 * e.precision).toFixed(1)}%  recall ${(100 * e.recall).toFixed(1)}%  first-correct ${e.firstCorrectness.agree}/${e.firstCorrectness.of}  final ${e.finalAnswer.agree}/${e.finalAnswer.of}  p ${fmt(e.derived.engine.p.value)} vs ${fmt(e.derived.gold.p.value)}  d1 ${fmt(e.derived.engine.delta1.value)} vs ${fmt(e.derived.gold.delta1.value)}  d2 ${fmt(e.derived.engine.delta2.value)} vs ${fmt(e.derived.gold.delta2.value)}`,
      );
    }
    console.log(`segmentation on phrasing families (${split}, ${RECORDS} records each):\n${rows.join('\n')}`);
    // A floor under today's measurement (docs/segmentation-eval.md), so a regression fails; the
    // goal (99% exact) is reported beside it, not assumed.
    for (const w of worst) assert.ok(w.exact >= FLOOR[split], `${w.family} (${split}): exact sequences ${(100 * w.exact).toFixed(1)}%`);
  });
}

const fmt = (v: number | null): string => (v === null ? '-' : v.toFixed(3));
// Measured on 2026-12-02 (docs/segmentation-eval.md): dev 74-89%, held-out 49-70% exact per family;
// third pass: dev 86.7-98.7%, held-out 52.3-81.0%.
const FLOOR = { dev: 0.83, heldout: 0.5 };
