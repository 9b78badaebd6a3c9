// Self-check of famI2's phrasing families (closed-form-derivation, units-and-words).
// Run: cd /work/main && node --import tsx --test /tmp/famI37/selfcheck-famI2.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as closed from './families-i/closed-form-derivation.js';
import * as units from './families-i/units-and-words.js';

type Split = 'dev' | 'heldout';
const FAMILIES = [closed, units];
const SPLITS: Split[] = ['dev', 'heldout'];
const SEEDS = [1, 2];
const N = 300;

// Same value in another notation (the splits write \dfrac, cm², PM, northeast).
function norm(v: string): string {
  return v
    .replace(/\\dfrac/g, '\\frac')
    .replace(/²/g, '^2')
    .replace(/\b(am|pm|AM|PM)\b/g, (x) => x.toLowerCase())
    .replace(/\b(north|south)-?(east|west)\b/g, '$1-$2')
    .replace(/\s+/g, '');
}

for (const fam of FAMILIES) {
  test(`${fam.family}: deterministic`, () => {
    for (const split of SPLITS) {
      const a = fam.generate(7, 40, split);
      const b = fam.generate(7, 40, split);
      assert.deepEqual(a, b);
      assert.notDeepEqual(
        a.map((r) => r.body),
        fam.generate(8, 40, split).map((r) => r.body),
      );
    }
  });

  for (const split of SPLITS) {
    for (const seed of SEEDS) {
      test(`${fam.family} ${split} seed ${seed}: labels exact`, () => {
        const recs = fam.generate(seed, N, split);
        assert.equal(recs.length, N);
        const ids = new Set<string>();
        for (const r of recs) {
          assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
          ids.add(r.id);
          for (const h of ['query', 'answer', 'task']) assert.ok(r.headers[h] && !r.headers[h].includes('\n'), `${r.id}: header ${h}`);
          assert.ok(!/^===/m.test(r.body), `${r.id}: a body line starts with ===`);
          let end = -1;
          for (const c of r.candidates) {
            assert.equal(r.body.slice(c.offset, c.offset + c.value.length), c.value, `${r.id}: value at offset`);
            assert.ok(c.offset >= end, `${r.id}: candidates out of order or overlapping`);
            assert.ok(c.value.length > 0 && c.value === c.value.trim(), `${r.id}: value trimmed`);
            end = c.offset + c.value.length;
          }
          assert.equal(r.final, r.candidates.length ? r.candidates[r.candidates.length - 1].value : null, `${r.id}: final`);
          const m = fam.meta.get(r);
          assert.ok(m, `${r.id}: meta`);
          const first = r.candidates[0]?.value;
          // scenario <-> labels
          switch (m.scenario) {
            case 'right-stop':
              assert.equal(r.candidates.length, 1, r.id);
              assert.equal(norm(first), norm(r.headers.answer), r.id);
              break;
            case 'right-echo':
              assert.equal(r.candidates.length, 2, r.id);
              assert.equal(norm(first), norm(r.headers.answer), r.id);
              assert.equal(r.candidates[1].value, first, r.id);
              break;
            case 'fix':
              assert.equal(r.candidates.length, 2, r.id);
              assert.notEqual(norm(first), norm(r.headers.answer), r.id);
              assert.equal(norm(r.final!), norm(r.headers.answer), r.id);
              break;
            case 'fix-echo':
              assert.equal(r.candidates.length, 3, r.id);
              assert.equal(r.candidates[1].value, r.candidates[2].value, r.id);
              assert.equal(norm(r.final!), norm(r.headers.answer), r.id);
              break;
            case 'fix2':
              assert.equal(r.candidates.length, 3, r.id);
              assert.equal(new Set(r.candidates.map((c) => c.value)).size, 3, r.id);
              assert.equal(norm(r.final!), norm(r.headers.answer), r.id);
              break;
            case 'wrong-stop':
              assert.equal(r.candidates.length, 1, r.id);
              assert.notEqual(norm(first), norm(r.headers.answer), r.id);
              break;
            case 'wrong-echo':
              assert.equal(r.candidates.length, 2, r.id);
              assert.equal(r.candidates[1].value, first, r.id);
              assert.notEqual(norm(first), norm(r.headers.answer), r.id);
              break;
            case 'right-to-wrong':
              assert.equal(r.candidates.length, 2, r.id);
              assert.equal(norm(first), norm(r.headers.answer), r.id);
              assert.notEqual(norm(r.final!), norm(r.headers.answer), r.id);
              break;
            case 'wrong-to-wrong':
              assert.equal(r.candidates.length, 2, r.id);
              assert.notEqual(first, r.final, r.id);
              assert.notEqual(norm(r.final!), norm(r.headers.answer), r.id);
              break;
            case 'cut-none':
              assert.equal(r.candidates.length, 0, r.id);
              break;
            case 'cut-after':
              assert.equal(r.candidates.length, 1, r.id);
              break;
          }
        }
      });

      test(`${fam.family} ${split} seed ${seed}: realistic mix`, () => {
        const recs = fam.generate(seed, N, split);
        const count = (f: (r: (typeof recs)[number]) => boolean): number => recs.filter(f).length;
        const ok = (r: (typeof recs)[number]): boolean => r.final !== null && norm(r.final) === norm(r.headers.answer);
        const mix = {
          rightFirstStop: count((r) => r.candidates.length === 1 && ok(r)),
          corrected: count((r) => r.candidates.length >= 2 && norm(r.candidates[0].value) !== norm(r.headers.answer) && ok(r)),
          twoCorrections: count((r) => {
            let ch = 0;
            for (let i = 1; i < r.candidates.length; i++) if (r.candidates[i].value !== r.candidates[i - 1].value) ch++;
            return ch >= 2;
          }),
          echoes: count((r) => r.candidates.some((c, i) => i > 0 && c.value === r.candidates[i - 1].value)),
          mergedRestatement: count((r) => fam.meta.get(r)!.merged > 0),
          plugBack: count((r) => fam.meta.get(r)!.plugs > 0),
          cutNoAnswer: count((r) => r.final === null),
          cutAfterAnswer: count((r) => fam.meta.get(r)!.scenario === 'cut-after'),
          endsWrong: count((r) => r.final !== null && !ok(r)),
          quotesQuestion: count((r) => {
            const nums = r.headers.query.match(/\d+(?:\.\d+)?/g) ?? [];
            return nums.some((x) => r.body.includes(x));
          }),
        };
        console.log(`${fam.family} ${split} seed ${seed}: ${JSON.stringify(mix)}`);
        assert.ok(mix.rightFirstStop >= 0.15 * N, 'right first answers that stop');
        assert.ok(mix.corrected >= 0.15 * N, 'wrong first answers corrected');
        assert.ok(mix.twoCorrections >= 0.03 * N, 'two corrections');
        assert.ok(mix.echoes >= 0.12 * N, 'echoes');
        assert.ok(mix.mergedRestatement >= 0.2 * N, 'restatements that merge');
        assert.ok(mix.plugBack >= 0.15 * N, 'plug-back checks');
        assert.ok(mix.cutNoAnswer >= 0.03 * N && mix.cutNoAnswer <= 0.12 * N, 'cut-offs with no answer');
        assert.ok(mix.cutAfterAnswer >= 0.02 * N, 'cut-offs after an answer');
        assert.ok(mix.endsWrong >= 0.18 * N && mix.endsWrong <= 0.33 * N, `about a quarter ending wrong (${mix.endsWrong})`);
        assert.ok(mix.quotesQuestion >= 0.9 * N, 'values quoted from the question');
      });
    }
  }

  test(`${fam.family}: dev and heldout share no template sentence`, () => {
    // Mask math, numbers and problem nouns' numbers; compare sentences of 3+ words.
    const sentences = (split: Split, seeds = SEEDS): Set<string> => {
      const out = new Set<string>();
      for (const seed of seeds) {
        for (const r of fam.generate(seed, N, split)) {
          const masked = r.body
            .replace(/\\\[[\s\S]*?\\\]/g, ' M ')
            .replace(/\\\([\s\S]*?\\\)/g, ' M ')
            .replace(/\$[^$\n]*\$/g, ' M ')
            .replace(/\$?\d+(?:[.,:]\d+)*/g, '#');
          for (const s of masked.split(/(?<=[.!?])\s+|\n+/)) {
            const t = s.trim().toLowerCase();
            if (t.split(/\s+/).length >= 3) out.add(t);
          }
        }
      }
      return out;
    };
    const dev = sentences('dev');
    const held = sentences('heldout');
    const shared = [...dev].filter((s) => held.has(s));
    assert.deepEqual(shared.slice(0, 20), [], `shared sentences: ${shared.length}`);
    // negative control: the masking does find shared template sentences within one split
    const a = sentences('dev', [1]);
    const sameSplit = [...sentences('dev', [2])].filter((s) => a.has(s)).length;
    assert.ok(sameSplit > 50, `control: dev seed 1 and 2 share ${sameSplit} sentences`);
  });
}
