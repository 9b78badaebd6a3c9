// Self-check of the phrasing-family generators terse-arithmetic, verbose-prose and latex-boxed:
// labels must be exact (each candidate's offset points at its value as written), final must be
// the last candidate, the mix must contain wrong first attempts, corrections and echoes, and no
// body line may start with "===" (the trace record separator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PhrasingFamily, PhrasingRecord } from './families/types.js';
import * as terse from './families/terse-arithmetic.js';
import * as verbose from './families/verbose-prose.js';
import * as latex from './families/latex-boxed.js';

const FAMILIES: PhrasingFamily[] = [terse, verbose, latex];
const SPLITS = ['dev', 'heldout'] as const;
const N = 200;

/** Loose normalisation, enough to compare the values these families write with their ground truth. */
function norm(v: string): string {
  return v
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\\left|\\right|\\!|\\,|\\;|\$|\s/g, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/\.$/, '');
}

function checkRecord(r: PhrasingRecord, where: string): void {
  assert.equal(typeof r.id, 'string', `${where}: id`);
  for (const h of ['query', 'answer', 'task']) assert.ok(r.headers[h], `${where}: header ${h} missing`);
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
      for (const r of recs) {
        checkRecord(r, `${fam.family}/${split}/${r.id}`);
        const cs = r.candidates;
        if (!cs.length) continue;
        const ok = (v: string): boolean => norm(v) === norm(r.headers.answer);
        if (ok(cs[0].value)) firstRight++;
        else firstWrong++;
        if (!ok(cs[0].value) && r.final !== null && ok(r.final)) corrected++;
        if (r.final !== null && !ok(r.final)) uncorrected++;
        if (cs.length > 1) multi++;
        for (let i = 1; i < cs.length; i++) if (norm(cs[i].value) === norm(cs[i - 1].value)) echoes++;
      }
      assert.ok(firstWrong >= N * 0.1, `some first attempts are wrong (${firstWrong})`);
      assert.ok(firstRight >= N * 0.3, `most first attempts are right (${firstRight})`);
      assert.ok(corrected >= N * 0.05, `some wrong first answers are corrected (${corrected})`);
      assert.ok(uncorrected >= N * 0.03, `some responses end on a wrong answer (${uncorrected})`);
      assert.ok(echoes >= N * 0.05, `some re-derivations reach the same value (${echoes})`);
      assert.ok(multi >= N * 0.3, `many responses have several attempts (${multi})`);
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
