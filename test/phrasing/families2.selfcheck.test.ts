// Self-check of the phrasing families markdown-bold, thinking-block and checks-echoes:
// exact offsets, final values, a mix of right and wrong answers, no "===" line starts,
// determinism, disjoint dev/heldout phrasing.
// Run: node --import tsx --test test/phrasing/families2.selfcheck.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PhrasingRecord } from './families/types.js';
import * as markdownBold from './families/markdown-bold.js';
import * as thinkingBlock from './families/thinking-block.js';
import * as checksEchoes from './families/checks-echoes.js';

interface Family {
  family: string;
  generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[];
}

const FAMILIES: Family[] = [markdownBold, thinkingBlock, checksEchoes];
const SPLITS = ['dev', 'heldout'] as const;
const N = 200;

/** Digits (and decimal point) of a value, for comparing with the ground truth. */
function norm(v: string): string {
  const s = v.replace(/[\s,]/g, '');
  return s.includes('.') ? String(Number(s)) : s;
}

for (const fam of FAMILIES) {
  for (const split of SPLITS) {
    test(`${fam.family} ${split}: ${N} records are well formed`, () => {
      const recs = fam.generate(1234, N, split);
      assert.equal(recs.length, N);
      const ids = new Set<string>();
      let finalRight = 0;
      let finalWrong = 0;
      let firstWrongThenRight = 0;
      let echoes = 0;
      let multi = 0;
      let truncated = 0;
      for (const r of recs) {
        assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
        ids.add(r.id);
        assert.ok(r.headers.query && !r.headers.query.includes('\n'), `${r.id}: query header`);
        assert.ok(r.headers.answer && !r.headers.answer.includes('\n'), `${r.id}: answer header`);
        assert.ok(r.headers.task, `${r.id}: task header`);
        for (const line of r.body.split('\n')) assert.ok(!line.startsWith('==='), `${r.id}: line starts with ===`);
        let prevEnd = 0;
        for (const c of r.candidates) {
          assert.ok(c.value.length > 0, `${r.id}: empty candidate`);
          assert.equal(r.body.slice(c.offset, c.offset + c.value.length), c.value, `${r.id}: candidate offset ${c.offset}`);
          assert.ok(c.offset >= prevEnd, `${r.id}: candidates out of order`);
          prevEnd = c.offset + c.value.length;
        }
        const isTrunc = r.headers.truncated === 'true';
        if (fam.family === 'thinking-block') {
          if (isTrunc) {
            truncated++;
            assert.equal(r.final, null, `${r.id}: truncated record has a final`);
            assert.ok(!r.body.includes('</think>'), `${r.id}: truncated record closes its thinking block`);
            assert.match(r.body, /[A-Za-z]$/, `${r.id}: truncated record should end mid-word`);
          } else {
            assert.ok(r.body.startsWith('<think>'), `${r.id}: no <think>`);
            const close = r.body.indexOf('</think>');
            assert.ok(close > 0, `${r.id}: no </think>`);
            assert.ok(r.final !== null, `${r.id}: no summary answer`);
            const summary = r.body.slice(close);
            assert.ok(summary.includes(r.final as string), `${r.id}: summary does not state ${r.final}`);
            for (const c of r.candidates) assert.ok(c.offset < close, `${r.id}: candidate in the summary`);
            assert.ok(r.candidates.length > 0, `${r.id}: complete thinking record without candidates`);
          }
        } else {
          assert.ok(!isTrunc, `${r.id}: unexpected truncation`);
          assert.ok(r.candidates.length > 0, `${r.id}: no candidates`);
          assert.equal(r.final, r.candidates[r.candidates.length - 1].value, `${r.id}: final is not the last candidate`);
        }
        const vals = r.candidates.map((c) => norm(c.value));
        const truth = norm(r.headers.answer);
        if (r.final !== null) {
          if (norm(r.final) === truth) finalRight++;
          else finalWrong++;
        }
        if (vals.length >= 2) multi++;
        if (vals.length >= 2 && vals[0] !== truth && vals.includes(truth)) firstWrongThenRight++;
        for (let i = 1; i < vals.length; i++) if (vals[i] === vals[i - 1]) echoes++;
      }
      assert.ok(finalRight >= N * 0.3, `too few right finals: ${finalRight}`);
      assert.ok(finalWrong >= N * 0.05, `too few wrong finals: ${finalWrong}`);
      assert.ok(firstWrongThenRight >= N * 0.05, `too few corrections: ${firstWrongThenRight}`);
      assert.ok(echoes >= N * 0.1, `too few echoes: ${echoes}`);
      assert.ok(multi >= N * 0.3, `too few multi-attempt records: ${multi}`);
      if (fam.family === 'thinking-block') assert.ok(truncated >= N * 0.08, `too few truncated records: ${truncated}`);
    });
  }

  test(`${fam.family}: deterministic, prefix-stable and seed-dependent`, () => {
    const a = fam.generate(77, 30, 'dev');
    const b = fam.generate(77, 30, 'dev');
    assert.deepEqual(a, b);
    assert.deepEqual(fam.generate(77, 10, 'dev'), a.slice(0, 10));
    const c = fam.generate(78, 30, 'dev');
    assert.notDeepEqual(
      a.map((r) => r.body),
      c.map((r) => r.body),
    );
  });

  test(`${fam.family}: dev and heldout phrasing differ`, () => {
    // Lines (with digits masked) that occur in many dev records should be rare in heldout and
    // vice versa: the two halves share structure and notation, not sentence templates.
    const mask = (s: string): string => s.replace(/\d[\d,. ]*/g, '#').trim();
    const lines = (recs: PhrasingRecord[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const r of recs)
        for (const l of new Set(r.body.split(/\n|(?<=[.!?]) /).map(mask))) if (l.length > 25) m.set(l, (m.get(l) ?? 0) + 1);
      return m;
    };
    const dev = lines(fam.generate(5, 300, 'dev'));
    const held = lines(fam.generate(5, 300, 'heldout'));
    const frequentDev = [...dev].filter(([, n]) => n >= 15).map(([l]) => l);
    const shared = frequentDev.filter((l) => (held.get(l) ?? 0) >= 15);
    assert.ok(frequentDev.length > 0);
    assert.ok(shared.length <= frequentDev.length * 0.1, `shared frequent lines: ${JSON.stringify(shared.slice(0, 10))}`);
  });
}
