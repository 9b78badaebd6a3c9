// Self-check of the phrasing families mc-harmony and verdict-lists (helper famI1).
// Run: cd /work/main && node --import tsx --test /tmp/famI37/selfcheck-famI1.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as mc from './families-i/mc-harmony.js';
import * as vl from './families-i/verdict-lists.js';

type Split = 'dev' | 'heldout';
interface Cand {
  value: string;
  offset: number;
}
interface Rec {
  id: string;
  headers: Record<string, string>;
  body: string;
  candidates: Cand[];
  final: string | null;
}
interface Det {
  record: Rec;
  scenario: string;
  truncated: boolean;
  merges: number;
  problemStrings: string[];
}
interface Fam {
  family: string;
  generate(seed: number, count: number, split: Split): Rec[];
  generateDetailed(seed: number, count: number, split: Split): Det[];
  templateBank(split: Split): string[];
}
const FAMS: Fam[] = [mc as unknown as Fam, vl as unknown as Fam];
const N = 300;
const SEEDS = [1, 2];
const SPLITS: Split[] = ['dev', 'heldout'];

const norm = (s: string) => s.trim().toLowerCase();

function checkLabels(r: Rec): void {
  let end = 0;
  for (const c of r.candidates) {
    assert.ok(c.value.length > 0, `${r.id}: empty value`);
    assert.equal(r.body.slice(c.offset, c.offset + c.value.length), c.value, `${r.id}: offset ${c.offset} does not hold ${c.value}`);
    assert.ok(c.offset >= end, `${r.id}: candidates out of order or overlapping at ${c.offset}`);
    end = c.offset + c.value.length;
  }
  const last = r.candidates.length > 0 ? r.candidates[r.candidates.length - 1].value : null;
  assert.equal(r.final, last, `${r.id}: final is not the last candidate`);
  for (const line of r.body.split('\n')) assert.ok(!line.startsWith('==='), `${r.id}: body line starts with ===`);
  for (const h of ['query', 'answer', 'task']) assert.ok((r.headers[h] ?? '').length > 0, `${r.id}: header ${h}`);
  assert.ok(!/\n/.test(r.headers.answer) && !/\n/.test(r.headers.task));
}

interface Mix {
  n: number;
  rightFirstStop: number; // one candidate, right, complete
  corrected: number; // at least one change of value and ends right
  twoCorrections: number; // two or more changes of value
  echoes: number; // records with a candidate equal to the previous one
  endWrong: number; // final not null and wrong
  noAnswer: number; // no candidate at all
  cutAfter: number; // truncated with candidates
  merges: number; // records with a restatement / draft / bare confirmation (not labelled)
  firstWrong: number;
}
function mix(ds: Det[]): Mix {
  const m: Mix = {
    n: ds.length,
    rightFirstStop: 0,
    corrected: 0,
    twoCorrections: 0,
    echoes: 0,
    endWrong: 0,
    noAnswer: 0,
    cutAfter: 0,
    merges: 0,
    firstWrong: 0,
  };
  for (const d of ds) {
    const r = d.record;
    const vals = r.candidates.map((c) => norm(c.value));
    const ans = norm(r.headers.answer);
    let changes = 0;
    let echo = false;
    for (let i = 1; i < vals.length; i++) {
      if (vals[i] !== vals[i - 1]) changes++;
      else echo = true;
    }
    if (vals.length === 0) m.noAnswer++;
    if (d.truncated && vals.length > 0) m.cutAfter++;
    if (vals.length === 1 && vals[0] === ans && !d.truncated) m.rightFirstStop++;
    if (changes >= 1 && vals[vals.length - 1] === ans) m.corrected++;
    if (changes >= 2) m.twoCorrections++;
    if (echo) m.echoes++;
    if (r.final !== null && norm(r.final) !== ans) m.endWrong++;
    if (d.merges > 0) m.merges++;
    if (vals.length > 0 && vals[0] !== ans) m.firstWrong++;
  }
  return m;
}

const mixes: Record<string, Mix> = {};

for (const F of FAMS) {
  for (const split of SPLITS) {
    for (const seed of SEEDS) {
      test(`${F.family} ${split} seed ${seed}: labels exact`, () => {
        const ds = F.generateDetailed(seed, N, split);
        assert.equal(ds.length, N);
        const ids = new Set<string>();
        for (const d of ds) {
          checkLabels(d.record);
          assert.ok(!ids.has(d.record.id), 'duplicate id ' + d.record.id);
          ids.add(d.record.id);
          if (d.truncated === false && d.record.candidates.length === 0) assert.fail(`${d.record.id}: complete record without candidates`);
        }
      });
      test(`${F.family} ${split} seed ${seed}: deterministic, generate == generateDetailed`, () => {
        const a = F.generate(seed, N, split);
        const b = F.generate(seed, N, split);
        assert.deepEqual(a, b);
        assert.deepEqual(
          a,
          F.generateDetailed(seed, N, split).map((d) => d.record),
        );
        assert.notDeepEqual(a, F.generate(seed + 10, N, split));
      });
      test(`${F.family} ${split} seed ${seed}: mix`, () => {
        const m = mix(F.generateDetailed(seed, N, split));
        mixes[`${F.family} ${split} seed ${seed}`] = m;
        const share = (x: number) => x / m.n;
        assert.ok(share(m.rightFirstStop) >= 0.15, `right-first-stop ${m.rightFirstStop}`);
        assert.ok(share(m.corrected) >= 0.2, `corrected ${m.corrected}`);
        assert.ok(m.twoCorrections >= 10, `two corrections ${m.twoCorrections}`);
        assert.ok(share(m.echoes) >= 0.12, `echoes ${m.echoes}`);
        assert.ok(share(m.endWrong) >= 0.17 && share(m.endWrong) <= 0.33, `ending wrong ${m.endWrong}`);
        assert.ok(share(m.noAnswer) >= 0.03 && share(m.noAnswer) <= 0.12, `no answer ${m.noAnswer}`);
        assert.ok(share(m.cutAfter) >= 0.04, `cut after candidates ${m.cutAfter}`);
        assert.ok(share(m.merges) >= 0.25, `restatements ${m.merges}`);
      });
    }
  }

  test(`${F.family}: dev and heldout share no template sentence`, () => {
    const dev = F.templateBank('dev');
    const held = F.templateBank('heldout');
    // whole templates
    for (const t of dev) assert.ok(!held.includes(t), `shared template: ${t}`);
    // literal fragments of 3+ words between placeholders
    const frags = (ts: string[]) => {
      const out = new Set<string>();
      for (const t of ts)
        for (const f of t.split(/\{[A-Za-z0-9]+\}|[.:;!?"()*\n—-]/)) {
          const w = f.trim().toLowerCase().replace(/\s+/g, ' ');
          if (w.split(' ').length >= 3) out.add(w);
        }
      return out;
    };
    const fd = frags(dev);
    const shared = [...frags(held)].filter((f) => fd.has(f));
    assert.deepEqual(shared, [], 'shared template fragments');
    // generated bodies: after removing problem-derived text, no sentence of 3+ words in common
    const sentences = (split: Split) => {
      const out = new Set<string>();
      for (const seed of SEEDS)
        for (const d of F.generateDetailed(seed, N, split)) {
          let body = d.record.body;
          // a cut-off record ends inside a (possibly problem-derived) line: leave that line out
          if (d.truncated) body = body.slice(0, Math.max(0, body.lastIndexOf('\n')));
          const ps = [...d.problemStrings].filter((x) => x.length > 0).sort((a, b) => b.length - a.length);
          for (const p of ps) body = body.split(p).join(' | ');
          const parts = body.split(/[.!?\n:;*|]/);
          for (const s of parts) {
            const w = s.trim().toLowerCase().replace(/\s+/g, ' ');
            if (w.split(' ').length >= 3 && /[a-z]/.test(w)) out.add(w);
          }
        }
      return out;
    };
    const sd = sentences('dev');
    const sharedS = [...sentences('heldout')].filter((s) => sd.has(s));
    assert.deepEqual(sharedS, [], 'shared body sentences');
  });
}

test('print the mix', () => {
  for (const [k, m] of Object.entries(mixes)) console.log(k, JSON.stringify(m));
});
