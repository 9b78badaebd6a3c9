// Self-check of the eighth authors' families (code-output-cot, code-output-terse; CRUXEval-style
// output prediction): labels must be exact (each candidate's offset points at its value as
// written), final must be the last candidate (null without one), the mix must contain wrong
// first attempts, corrections and echoes, records that end right must end on the ground truth,
// and no body line may start with "===" (the trace record separator). Checks labels only.
// Run: node --import tsx --test test/phrasing/families-h.selfcheck.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PhrasingFamily, PhrasingRecord } from './families/types.js';
import * as cot from './families-h/code-output-cot.js';
import * as terse from './families-h/code-output-terse.js';

const FAMILIES: PhrasingFamily[] = [cot, terse];
const SPLITS = ['dev', 'heldout'] as const;
const N = 200;

/** The families write Python reprs, sometimes JSON-like (double quotes): the same value. */
const norm = (v: string): string => v.replace(/"/g, "'").trim();

function checkRecord(r: PhrasingRecord, where: string): void {
  assert.equal(typeof r.id, 'string', `${where}: id`);
  for (const h of ['query', 'answer', 'task']) assert.ok(r.headers[h], `${where}: header ${h} missing`);
  assert.equal(r.headers.task, 'code-output', `${where}: task`);
  let prevEnd = 0;
  for (const [i, c] of r.candidates.entries()) {
    assert.ok(c.value.length > 0, `${where}: candidate ${i} is empty`);
    assert.equal(r.body.slice(c.offset, c.offset + c.value.length), c.value, `${where}: candidate ${i} offset ${c.offset}`);
    assert.ok(c.offset >= prevEnd, `${where}: candidate ${i} overlaps or precedes the previous one`);
    prevEnd = c.offset + c.value.length;
  }
  assert.equal(r.final, r.candidates.length ? r.candidates[r.candidates.length - 1].value : null, `${where}: final`);
  for (const line of r.body.split(/\r?\n/)) assert.ok(!line.startsWith('==='), `${where}: a body line starts with "===": ${line}`);
}

for (const fam of FAMILIES) {
  for (const split of SPLITS) {
    test(`${fam.family} (${split}): ${N} records with exact labels and a realistic mix`, () => {
      const recs = fam.generate(1, N, split);
      assert.equal(recs.length, N);
      assert.equal(new Set(recs.map((r) => r.id)).size, N, 'ids are unique');
      let firstWrong = 0;
      let firstRight = 0;
      let corrected = 0;
      let uncorrected = 0;
      let echoes = 0;
      let multi = 0;
      let numeric = 0;
      let empties = 0;
      const kinds = new Set<string>();
      for (const r of recs) {
        checkRecord(r, `${fam.family}/${split}/${r.id}`);
        const a = r.headers.answer;
        if (/^-?\d+$/.test(a)) numeric++;
        if (["''", '[]', '{}'].includes(a)) empties++;
        kinds.add(
          /^'/.test(a)
            ? 'str'
            : /^\[\[/.test(a)
              ? 'nested'
              : a[0] === '['
                ? 'list'
                : a[0] === '{'
                  ? 'dict'
                  : a[0] === '('
                    ? 'tuple'
                    : /^(True|False)$/.test(a)
                      ? 'bool'
                      : a === 'None'
                        ? 'none'
                        : 'num',
        );
        const cs = r.candidates;
        if (!cs.length) continue;
        const ok = (v: string): boolean => norm(v) === norm(a);
        if (ok(cs[0].value)) firstRight++;
        else firstWrong++;
        if (!ok(cs[0].value) && r.final !== null && ok(r.final)) corrected++;
        if (r.final !== null && !ok(r.final)) uncorrected++;
        if (cs.length > 1) multi++;
        for (let i = 1; i < cs.length; i++) if (norm(cs[i].value) === norm(cs[i - 1].value)) echoes++;
      }
      console.log(
        `${fam.family} ${split}: first wrong ${firstWrong}, first right ${firstRight}, corrected ${corrected}, end wrong ${uncorrected}, echoes ${echoes}, multi ${multi}, numeric answers ${numeric}, empty answers ${empties}, kinds ${[...kinds].sort().join(' ')}`,
      );
      assert.ok(firstWrong >= N * 0.3, `about 40% of first attempts are wrong (${firstWrong})`);
      assert.ok(firstRight >= N * 0.4, `most first attempts are right (${firstRight})`);
      assert.ok(corrected >= N * 0.15, `wrong first answers are corrected (${corrected})`);
      assert.ok(uncorrected >= N * 0.05, `some responses end on a wrong answer (${uncorrected})`);
      assert.ok(echoes >= N * 0.05, `some re-derivations reach the same value (${echoes})`);
      assert.ok(multi >= N * 0.3, `many responses have several attempts (${multi})`);
      assert.ok(numeric >= N * 0.08 && numeric <= N * 0.25, `about 15% numeric answers (${numeric})`);
      assert.ok(empties >= N * 0.03, `some empty string / list / dict answers (${empties})`);
      assert.equal(kinds.size, 8, `every answer kind appears (${[...kinds].join(' ')})`);
    });
  }

  test(`${fam.family}: deterministic from the seed; dev and heldout differ`, () => {
    assert.deepEqual(fam.generate(7, 30, 'dev'), fam.generate(7, 30, 'dev'));
    assert.deepEqual(fam.generate(7, 30, 'heldout'), fam.generate(7, 30, 'heldout'));
    assert.notDeepEqual(fam.generate(7, 30, 'dev'), fam.generate(8, 30, 'dev'));
    const dev = new Set(fam.generate(3, 50, 'dev').map((r) => r.body));
    assert.ok(fam.generate(3, 50, 'heldout').every((r) => !dev.has(r.body)));
  });
}
