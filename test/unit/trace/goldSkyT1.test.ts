// The engine's reading against the Sky-T1 gold labels (test/fixtures/gold/skyt1, docs/segmentation-eval.md):
// the development half (problems 0-19) and the held-out half (20-39, never used for tuning),
// reported separately. Floors sit under the measured values so a regression fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { engineReading, evaluateSegmentation, type EvalInput } from '../../../server/src/analysis/segmentationEval.js';
import { parseGoldFile } from '../../../server/src/trace/gold.js';
import { jsonlRecordToTrace, jsonlToRecords } from '../../../server/src/trace/jsonl.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { heldOutSkip } from './heldOutGate.js';

const DATA = new URL('../../../../shared/data/', import.meta.url);
const GOLD = new URL('../../fixtures/gold/skyt1/', import.meta.url);
const FILES = [
  ['skyt1-reflection-0.5-amc23.jsonl', 'skyt1-reflection-0.5'],
  ['skyt1-short-amc23.jsonl', 'skyt1-short'],
] as const;

function evaluate(half: 'dev' | 'heldout') {
  const inputs: EvalInput[] = [];
  for (const [data, gold] of FILES) {
    const labels = parseGoldFile(readFileSync(new URL(`${gold}.${half}.gold.jsonl`, GOLD), 'utf8'));
    assert.deepEqual(labels.diagnostics, []);
    const records = jsonlToRecords(readFileSync(new URL(data, DATA), 'utf8')).records.map((r, i) => jsonlRecordToTrace(r, i, 0));
    for (const rec of records) {
      const g = labels.records.get(rec.id);
      if (!g) continue;
      inputs.push({
        id: `${gold}#${rec.id}`,
        truth: rec.answer,
        gold: g,
        ...engineReading(segmentAttempts(rec, defaultSegmentOptions), rec.query),
      });
    }
  }
  return evaluateSegmentation(inputs);
}

// Measured 2026-12-02, first pass: dev precision 98.3%, recall 85.1%, first 97.4%; held-out 93.4%,
// 71.3%, 94.9%. Second pass (rules chosen on dev only): dev 98.4%, 91.0%, 97.4%; held-out 85.5%,
// 73.8%, 94.9% — held-out precision fell; docs/segmentation-eval.md keeps the history. Third pass:
// dev 98.4%, 91.0%, 97.4%; held-out 85.7%, 75.0%, 94.9%. Fourth pass: dev unchanged; held-out 88.2%,
// 75.0%, 94.9%. Stop 18 (tenth pass): held-out 89.9%, 77.5%, 94.9%. Stop 19 (eleventh pass, tuned
// on synthetic families only): held-out 90.1% (64/71), 80.0% (64/80), 94.9%. Stop 22: the labels
// audited under the current guide (six echoes added to three development records; held-out
// unchanged): dev 100.0% (61/61), 83.6% (61/73), 100.0%.
// Stop 23 (passes 16-19, tuned on the sixth authors' families and the real dev sets, fresh7 and
// fresh8 among them; read once after the freeze): dev unchanged; held-out 90.8% (69/76), 86.3%
// (69/80), 94.9%, all five labels found by the nineteenth pass.
// Stop 24 (passes 20-23, tuned on the real dev sets only; read once after the freeze): dev
// 100.0% (65/65), 89.0% (65/73), 100.0%; held-out 88.5% (69/78), 86.3% (69/80), 94.9%: two
// more candidates annotators did not mark (pass 21 added them), under the 90% goal again.
// Stop 25 (passes 24-27, tuned on the real dev sets and the dev families; read at each merge with
// the rules frozen): dev unchanged; held-out 87.3% (69/79), 86.3% (69/80), 94.9%: one more
// candidate annotators did not mark (pass 25 added it); the floor follows the measurement.
// Stop 26 (pass 28, tuned on the real dev sets; read at its merge): held-out 87.5% (70/80), 87.5%
// (70/80), 94.9%. Then the learned stage as the default reader (retrained on the stop's rules; the
// default decided by a rule written before that read): held-out 89.7% (70/78), 87.5%, 94.9%.
// Stop 28: the stage retrained on fourteen folds (five older held-out batches moved to development)
// vetoes three of the held-out half's matched candidates: 94.4% (67/71), 83.8% (67/80), 97.4%; the
// default kept by the rule written before the read (docs/segmentation-eval.md "Stop 28"). At the
// end of stop 28 (passes 35-43, the stage retrained on sixteen folds): 94.6% (70/74), 87.5%, 97.4%.
// Stop 30: the stage retrained on twenty-one folds (four older held-out batches and fresh28 added;
// passes 49-57) vetoes two of the held-out half's matched candidates: 91.9% (68/74), 85.0% (68/80),
// 97.4% (rules alone 86.4% (70/81), 87.5%); the default kept by the rule written before the read.
// Stop 31: the stage retrained on twenty-four folds (fresh29, fresh30 and the format probe added;
// passes 58-60) vetoes three: 91.8% (67/73), 83.8% (67/80), 97.4%, under the recall goal again (rules
// alone unchanged, 86.4% / 87.5%); the default kept by the same rule, the floor follows the measurement.
// Stop 33: the stage retrained on thirty folds (fresh35-37 added; passes 66 and 67, the fmt33 fixes),
// kept by a criterion with a margin written before the read: 92.0% (69/75), 86.3% (69/80), 97.4%,
// every one of the three goals met on this half (rules alone 86.6% (71/82), 88.8%, 94.9%).
for (const [half, floor] of [
  ['dev', { precision: 0.95, recall: 0.81, first: 0.95 }],
  ['heldout', { precision: 0.91, recall: 0.85, first: 0.95 }],
] as const) {
  test(
    `Sky-T1 gold labels (${half}): candidate precision, recall, first-candidate correctness`,
    { skip: existsSync(DATA) ? half === 'heldout' && heldOutSkip : '../shared/data is absent' },
    () => {
      const e = evaluate(half);
      const first = e.firstCorrectness.agree / e.firstCorrectness.of;
      console.log(
        `Sky-T1 ${half}: ${e.records} responses, precision ${(100 * e.precision).toFixed(1)}% (${e.matched}/${e.predicted}), recall ${(100 * e.recall).toFixed(1)}% (${e.matched}/${e.gold}), first-candidate correctness ${(100 * first).toFixed(1)}%, final ${e.finalAnswer.agree}/${e.finalAnswer.of}`,
      );
      assert.equal(e.records, 40);
      assert.ok(e.precision >= floor.precision, `precision ${e.precision}`);
      assert.ok(e.recall >= floor.recall, `recall ${e.recall}`);
      assert.ok(first >= floor.first, `first-candidate correctness ${first}`);
      assert.equal(e.finalAnswer.agree, e.finalAnswer.of, 'final answers');
    },
  );
}
