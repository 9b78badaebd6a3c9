// The families-i generators' labels against two annotators who labelled the first 10 records of each
// family and split from the guide alone (test/fixtures/gold/families-i-sample/README.md): the
// generators' labels are only worth measuring the engine against if careful readers agree with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { evaluateSegmentation, type EvalInput } from '../../server/src/analysis/segmentationEval.js';
import { parseGoldFile } from '../../server/src/trace/gold.js';
import { loadFamilies, NINTH_FAMILIES_DIR, toGold } from './corpus.js';

const annotators = parseGoldFile(
  readFileSync(new URL('../fixtures/gold/families-i-sample/annotators.gold.jsonl', import.meta.url), 'utf8'),
).records;

for (const [split, seed] of [
  ['dev', 1],
  ['heldout', 2],
] as const) {
  test(`families-i (${split}): the generators' labels agree with the annotators' on the first 10 records of each family`, async () => {
    const inputs: EvalInput[] = [];
    for (const f of await loadFamilies(NINTH_FAMILIES_DIR)) {
      f.generate(seed, 300, split)
        .slice(0, 10)
        .forEach((r, i) => {
          const id = `${f.family}-${split}-${i + 1}`;
          const theirs = annotators.get(id);
          assert.ok(theirs, `${id} labelled`);
          const generated = toGold({ ...r, id });
          inputs.push({ id, truth: r.headers.answer, gold: generated, predicted: theirs.candidates, predictedFinal: theirs.final });
        });
    }
    const e = evaluateSegmentation(inputs);
    console.log(
      `  ${split}: annotators ${e.matched}/${e.predicted} of the generators' ${e.gold} candidates, exact ${e.exactSequence.agree}/${e.exactSequence.of}`,
    );
    assert.equal(inputs.length, 40);
    assert.ok(e.precision >= 0.95 && e.recall >= 0.95, `precision ${e.precision}, recall ${e.recall}`);
    assert.ok(e.exactSequence.agree >= 38, `exact ${e.exactSequence.agree}/40`);
  });
}
