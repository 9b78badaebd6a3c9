// Self-check of the later authors' phrasing families (test/phrasing/families-b, families-c,
// families-d, families-e, families-f and families-g): exact
// offsets, the final value, a realistic mix of right and wrong answers, corrections and echoes,
// no "===" line starts, determinism. It checks the generators' own bookkeeping, not the engine.
// Run: node --import tsx --test test/phrasing/familiesHeldout.selfcheck.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import {
  FIFTH_FAMILIES_DIR,
  HELDOUT_FAMILIES_DIR,
  loadFamilies,
  SECOND_FAMILIES_DIR,
  SEVENTH_FAMILIES_DIR,
  SIXTH_FAMILIES_DIR,
  THIRD_FAMILIES_DIR,
} from './corpus.js';

// FAMILIES_SELFCHECK_DIR: another folder of families (a new family's author checks theirs there).
const dir = process.env.FAMILIES_SELFCHECK_DIR;
const families = dir
  ? await loadFamilies(resolve(dir) + '/')
  : (
      await Promise.all(
        [SECOND_FAMILIES_DIR, THIRD_FAMILIES_DIR, FIFTH_FAMILIES_DIR, SIXTH_FAMILIES_DIR, SEVENTH_FAMILIES_DIR, HELDOUT_FAMILIES_DIR].map(
          (d) => loadFamilies(d),
        ),
      )
    ).flat();
const N = 300;

/** Loose normalisation, enough to compare a generator's values with its own ground truth. */
function norm(v: string): string {
  const s = v
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\\left|\\right|\\!|\\,|\\;|\$|\s|\*\*/g, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/\.$/, '');
  return /^-?\d+\.\d+$/.test(s) ? String(Number(s)) : s;
}

if (families.length === 0) test('held-out phrasing families', { skip: 'no family in the folder yet' }, () => {});

for (const fam of families) {
  test(`${fam.family} (later authors' family): ${N} records with exact labels and a realistic mix`, () => {
    const recs = fam.generate(11, N, 'heldout');
    assert.equal(recs.length, N);
    assert.equal(new Set(recs.map((r) => r.id)).size, N, 'ids are unique');
    let firstWrong = 0;
    let firstRight = 0;
    let corrected = 0;
    let finalWrong = 0;
    let echoes = 0;
    let multi = 0;
    for (const r of recs) {
      const where = `${fam.family}/${r.id}`;
      for (const h of ['query', 'answer', 'task']) assert.ok(r.headers[h] && !r.headers[h].includes('\n'), `${where}: header ${h}`);
      for (const line of r.body.split('\n')) assert.ok(!line.startsWith('==='), `${where}: a body line starts with "==="`);
      let prevEnd = 0;
      for (const [i, c] of r.candidates.entries()) {
        assert.ok(c.value.length > 0, `${where}: candidate ${i} is empty`);
        assert.equal(r.body.slice(c.offset, c.offset + c.value.length), c.value, `${where}: candidate ${i} offset ${c.offset}`);
        assert.ok(c.offset >= prevEnd, `${where}: candidate ${i} overlaps or precedes the previous one`);
        prevEnd = c.offset + c.value.length;
      }
      const close = Math.max(r.body.indexOf('</think>'), r.body.indexOf('<|end_of_thought|>'));
      if (r.headers.truncated === 'true') assert.equal(r.final, null, `${where}: a truncated record has no final`);
      else if (close >= 0) {
        // Thinking block: candidates inside it, the summary's answer is the final.
        for (const c of r.candidates) assert.ok(c.offset < close, `${where}: a candidate in the summary`);
        assert.ok(r.final !== null && r.body.slice(close).includes(r.final), `${where}: the summary does not state the final ${r.final}`);
      } else if (r.candidates.length)
        assert.equal(r.final, r.candidates[r.candidates.length - 1].value, `${where}: final is not the last candidate`);
      const vals = r.candidates.map((c) => norm(c.value));
      const truth = norm(r.headers.answer);
      if (!vals.length) continue;
      if (vals[0] === truth) firstRight++;
      else firstWrong++;
      if (vals[0] !== truth && r.final !== null && norm(r.final) === truth) corrected++;
      if (r.final !== null && norm(r.final) !== truth) finalWrong++;
      if (vals.length > 1) multi++;
      for (let i = 1; i < vals.length; i++) if (vals[i] === vals[i - 1]) echoes++;
    }
    assert.ok(firstWrong >= N * 0.1, `some first attempts are wrong (${firstWrong})`);
    assert.ok(firstRight >= N * 0.3, `most first attempts are right (${firstRight})`);
    assert.ok(corrected >= N * 0.05, `some wrong first answers are corrected (${corrected})`);
    assert.ok(finalWrong >= N * 0.03, `some responses end on a wrong answer (${finalWrong})`);
    assert.ok(echoes >= N * 0.05, `some re-derivations reach the same value (${echoes})`);
    assert.ok(multi >= N * 0.3, `many responses have several attempts (${multi})`);
  });

  test(`${fam.family} (later authors' family): deterministic from the seed`, () => {
    assert.deepEqual(fam.generate(7, 30, 'heldout'), fam.generate(7, 30, 'heldout'));
    assert.notDeepEqual(
      fam.generate(7, 30, 'heldout').map((r) => r.body),
      fam.generate(8, 30, 'heldout').map((r) => r.body),
    );
  });
}
