// Phrasing family "markdown-bold": markdown-formatted solutions (headings, bullet lists, tables of
// partial products, **bold** intermediate results and a **bold** final answer) to multiplications
// and short word problems. Gold labels follow docs/annotation-guide.md: a candidate is the first
// statement of a value for the asked quantity in each attempt (the result line of the final sum /
// final step, or the "**Answer:**" line when the derivation never states the total); restatements
// with no new work merge into it; re-adding or another method that reaches the value again is a
// new candidate (echo). Bold partial products, sub-totals, numbers from the question, estimates,
// and division checks are never candidates.
//
// Every phrasing pool below is split in two disjoint halves: split 'dev' draws only from the first
// half of each pool, 'heldout' only from the second half. Structural cases (echoes, corrections,
// wrong finals, implicit totals, tables with a total row, checks) are drawn independently of the
// split, so both halves cover them.

import type { PhrasingRecord } from './types.js';

export const family = 'markdown-bold';

type Split = 'dev' | 'heldout';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashStr(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Rng {
  private readonly f: () => number;
  constructor(seed: number) {
    this.f = mulberry32(seed);
  }
  next(): number {
    return this.f();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.f() * (hi - lo + 1));
  }
  pick<T>(a: readonly T[]): T {
    if (a.length === 0) throw new Error('empty pool');
    return a[Math.floor(this.f() * a.length)];
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.f() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }
}

function half<T>(pool: readonly T[], split: Split): readonly T[] {
  const m = Math.ceil(pool.length / 2);
  return split === 'dev' ? pool.slice(0, m) : pool.slice(m);
}

// ---------------------------------------------------------------------------------------------
// Body builder: templates use {name} placeholders; {V} is the candidate value. put(..., true)
// records the offset of the first {V}.

type Vars = Record<string, string>;

function fill(tpl: string, vars: Vars): string {
  return tpl.replace(/\{(\w+)\}/g, (_m, k: string) => {
    const v = vars[k];
    if (v === undefined) throw new Error(`template var ${k} missing in: ${tpl}`);
    return v;
  });
}

class Body {
  text = '';
  cands: { value: string; offset: number }[] = [];
  add(s: string): void {
    this.text += s;
  }
  put(tpl: string, vars: Vars, record = false): void {
    const re = /\{(\w+)\}/g;
    let last = 0;
    let recorded = false;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tpl)) !== null) {
      this.text += tpl.slice(last, m.index);
      const k = m[1];
      const v = vars[k];
      if (v === undefined) throw new Error(`template var ${k} missing in: ${tpl}`);
      if (k === 'V' && record && !recorded) {
        this.cands.push({ value: v, offset: this.text.length });
        recorded = true;
      }
      this.text += v;
      last = re.lastIndex;
    }
    this.text += tpl.slice(last);
    if (record && !recorded) throw new Error(`no {V} in recorded template: ${tpl}`);
  }
}

function commas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function trailingZeros(n: number): number {
  let k = 0;
  while (n !== 0 && n % 10 === 0) {
    n /= 10;
    k++;
  }
  return k;
}

/** A plausible arithmetic slip: one digit off by 1 or 2 (carry errors, dropped digits). */
function slip(rng: Rng, v: number, minPow: number): number {
  const len = String(v).length;
  for (let tries = 0; tries < 50; tries++) {
    const k = rng.int(Math.min(minPow, len - 1), len - 1);
    const d = rng.pick([1, 1, 1, -1, -1, 2, -2, 10]) * 10 ** k;
    const w = v + d;
    if (w > 0 && String(w).length === len) return w;
  }
  return v + 10 ** Math.min(minPow, len - 1);
}

function placeParts(n: number): number[] {
  const s = String(n);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    if (d !== 0) out.push(d * 10 ** (s.length - 1 - i));
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Phrasing pools. Each array is split: first half -> dev, second half -> heldout.

const POOLS = {
  mulQuery: [
    'Calculate {a} * {b}.',
    'What is {a} × {b}? Show your work.',
    'Compute the product of {a} and {b}.',
    'Multiply {a} by {b}.',
    'Find {a} × {b}.',
    'What is the product {a} * {b}? Explain step by step.',
    'Evaluate {a} × {b} using partial products.',
    'Please work out {a} times {b}.',
  ],
  mulIntro: [
    'We need to compute **{a} {x} {b}**.',
    "## Solution\n\nTo multiply **{a}** by **{b}**, I'll break the problem into partial products.",
    "Let's calculate {a} {x} {b} step by step.",
    "# Multiplying {a} {x} {b}\n\nI'll use the distributive property.",
    "Sure! Let's work through **{a} {x} {b}**.",
    'To find **{a} {x} {b}**, split one factor by place value and multiply piece by piece.',
    "Here's a step-by-step calculation of {a} {x} {b}.",
    "**Problem:** {a} {x} {b}\n\nWe'll use long multiplication with partial products.",
    '### Setting up\n\nThe task is to multiply **{a}** and **{b}**.',
    'Let me solve {a} {x} {b} by breaking it into easier multiplications.',
  ],
  decomp: [
    'Write {n} = {parts}.',
    'Break {n} into its place values: {n} = {parts}.',
    'Split **{n}** as {parts}.',
    'Decompose {n} as {parts}.',
    'Expand {n} by place value: {parts}.',
    'Express {n} as a sum: {n} = {parts}.',
  ],
  headings: [
    ['Step 1: Break down the number', 'Step 2: Multiply each part', 'Step 3: Add the partial products'],
    ['Step 1: Decompose', 'Step 2: Partial products', 'Step 3: Sum'],
    ['Step 1 – Place values', 'Step 2 – Multiply', 'Step 3 – Add'],
    ['Step 1: Expand by place value', 'Step 2: Compute each product', 'Step 3: Combine'],
    ['1. Split', '2. Multiply', '3. Add up'],
    ['Breaking it down', 'Partial products', 'Adding everything'],
  ],
  tableCols: [
    ['Part', 'Product'],
    ['Multiplication', 'Result'],
    ['Term', 'Value'],
    ['Partial product', 'Value'],
  ],
  totalLabel: ['Total', 'Sum', 'Product', 'Grand total'],
  multiplyLead: ['Multiply {m} by each part:', 'Now the partial products:', 'Compute each piece:', 'Work out each product:'],
  sumLead: [
    'Now add them up:',
    'Adding the partial products:',
    'Add them together:',
    'Summing everything:',
    'Combine the results:',
    'Putting it all together:',
  ],
  implicitSum: [
    'Adding all the partial products gives the final product.',
    'Summing these partial products gives the result.',
    'Adding these together gives the answer.',
    'Combining the partial products gives the final result.',
  ],
  answerLine: [
    '**Answer:** {pre}{V}{post}',
    '**Final Answer:** {pre}{V}{post}',
    '### Final Answer\n\n$$\\boxed{{V}}$$',
    'Therefore, **{res} = {pre}{V}{post}**.',
    '**Answer: {pre}{V}{post}**',
    '## Answer\n\n**{pre}{V}{post}**',
    'So the result is **{pre}{V}{post}**.',
    '\\[\n\\boxed{{V}}\n\\]',
  ],
  reuseIntro: [
    '### Verification\n\nRe-adding the partial products:',
    'Let me double-check the addition:',
    'Let me re-check the sum once more:',
    '**Double-check:** adding the partial products in reverse order:',
    'Let me re-add to be safe:',
    'Quick re-check of the addition:',
  ],
  altIntro: [
    '### Verification\n\nLet me verify by splitting {n} instead: {n} = {parts}.',
    'Let me double-check with a different decomposition, {n} = {parts}:',
    'Hmm, let me confirm this another way. Split {n} = {parts}:',
    '**Cross-check** using {n} = {parts}:',
    'Let me confirm with another split, {n} = {parts}:',
    '### Checking the result\n\nThis time break up {n} = {parts}.',
  ],
  roundIntro: [
    'Let me verify using a rounding trick: {b} = {R} − {d}.',
    'Alternatively, note that {b} = {R} − {d}, so {a} {x} {b} = {a} {x} {R} − {a} {x} {d}.',
    '**Another way:** {b} is close to {R}, so use {b} = {R} − {d}.',
    'Cross-check: write {b} as {R} − {d}.',
  ],
  fixNote: [
    'Wait, let me re-check Step 2. {label} = **{ok}**, not {bad}. I made an error there.',
    'Hmm, looking back at the partial products, {label} is actually **{ok}** (I wrote {bad}).',
    'Wait — I need to correct one line: {label} should be **{ok}**, not {bad}.',
    '**Correction:** {label} = {ok}, not {bad}.',
    'Hold on — {label} should be **{ok}**; I slipped a digit and wrote {bad}.',
    '> **Note:** I made an arithmetic slip above. {label} = **{ok}** (not {bad}).',
  ],
  fixFinNote: [
    'Wait, let me redo the addition more carefully — I think I made a carrying error.',
    'Hmm, I may have added incorrectly. Let me redo the sum.',
    'Let me look at the last step again; the addition looks off.',
    'Hold on, the final addition needs another look.',
    '**Correction:** the sum above has a carry error. Redoing it:',
    'Actually, I slipped in the last addition. Recomputing:',
  ],
  redoLead: [
    'Redoing the sum:',
    'So the corrected total is:',
    'With the corrected value:',
    'Updated sum:',
    'Recomputing with the fixed value:',
    'Now the addition becomes:',
  ],
  mismatch: [
    "This doesn't match the earlier result of {P}.",
    "That's different from what I got before ({P}).",
    'So my first answer, {P}, was wrong.',
    'The two results disagree ({P} vs. {N}).',
    'Hmm, {P} ≠ {N}, so one of the calculations has an error.',
    'That differs from the previous value ({P}).',
  ],
  agree: [
    'Both ways give the same result. ✓',
    'The result matches. ✓',
    'Same as before, so the calculation holds.',
    '✅ Same answer.',
    'Consistent with the previous calculation.',
    'It checks out — both computations agree.',
  ],
  pickLater: [
    "I'll go with the second calculation.",
    'Going with the more careful computation.',
    'I trust the recomputation more.',
    "The second pass is more careful, so I'll use it.",
  ],
  digitTrigger: [
    'Quick sanity check on the last digit: {la} × {lb} = {lp}, so the product should end in {d}, but {P} ends in {e}. Something is off.',
    'Wait — the units digit should be {d} (from {la} × {lb}), yet my result ends in {e}. Let me look for the mistake.',
    'Hmm, the units digit should be {d} ({la} × {lb} = {lp}), yet {P} ends in {e}.',
    "Checking the last digit: {la} × {lb} = {lp} ends in {d}, but {P} ends in {e} — there's an error somewhere.",
  ],
  divCheck: [
    '*Check:* {V} ÷ {a} = {b} ✓',
    '**Check:** {V} ÷ {b} = {a}, as expected.',
    'Verification: {V} / {a} = {b}. ✓',
    '> Check: dividing {V} by {b} gives back {a}. ✓',
  ],
  estCheck: [
    '**Sanity check:** {a} ≈ {ra} and {b} ≈ {rb}, so the product should be near {est}. ✓',
    '*Estimate:* {ra} × {rb} = {est}, which is in the right ballpark.',
    'Estimate: {ra} × {rb} ≈ {est}, which is close. ✓',
    '> Rough check: about {ra} × {rb} = {est}, so the size is right.',
  ],
  digitCheck: [
    '*Last-digit check:* {la} × {lb} = {lp}, and the answer ends in {d}. ✓',
    '(Units digit check: {la} × {lb} ends in {d}, matching.)',
    'The last digit works out too: {la} × {lb} = {lp} → {d}. ✓',
    '✓ Units digit: {d}, as expected from {la} × {lb}.',
  ],
  // ---- word problems
  given: ['### Given\n\nThe numbers in the problem: ', '**What we know:** ', '**Given:** ', '### Known values\n\n'],
  solHeading: ['### Solution\n', '**Solution:**\n', '### Working\n', '**Steps:**\n'],
  stepWord: ['Step', 'Step', 'Part', 'Stage'],
  wordIntro: [
    "Let's solve this step by step.",
    "Let's break this problem down.",
    'We can solve this in a few steps.',
    "Here's how to work it out.",
    'Let me work through this carefully.',
    'Breaking the problem into parts:',
  ],
  wordRecheckIntro: [
    '### Verification\n\nLet me recompute each step.',
    'Let me go over the numbers again.',
    'Let me verify by redoing it from the start.',
    '**Double-check**, step by step:',
  ],
  wordReuseIntro: [
    'Let me double-check the arithmetic:',
    'Let me recheck the last step:',
    'Re-checking the calculation:',
    '**Double-check** of the final step:',
  ],
  wordFixNote: [
    'Wait, {label} is {expr} = **{ok}**, not {bad}. Let me fix that.',
    'Hmm, I made a mistake: {expr} = {ok}, not {bad}.',
    'Wait — I need to correct {lclabel}: {expr} = **{ok}**.',
    '**Correction:** {expr} = {ok} (I wrote {bad}).',
    'Hold on, {expr} is actually **{ok}**, not {bad}.',
    '> Oops: {lclabel} should be {ok}, not {bad}.',
  ],
  wordFinFix: [
    'Wait, let me redo that last calculation.',
    'Hmm, the last step looks off. Recomputing:',
    'Let me recheck the final arithmetic.',
    'Actually, that final step has an arithmetic error:',
    'Hold on — I mis-computed the last step.',
    '**Correction** to the last line:',
  ],
  wordTailCheck: [
    '*Check:* {check} ✓',
    '**Check:** {check}. ✓',
    'Quick check: {check}, which is consistent.',
    '> Sanity check: {check}. ✓',
  ],
  hr: ['', '\n---\n', '', '\n***\n'],
  fixedRemark: [
    'So the correct result is **{N}**, not {P}.',
    'That means {P} was wrong.',
    'The earlier value {P} came from that slip.',
    'So {P} was off; the corrected value is **{N}**.',
  ],
};

// ---------------------------------------------------------------------------------------------
// Problems: a problem offers methods; a method has intermediate items and a final combination.

interface Item {
  label: string; // e.g. "347 × 8000" or "Cost of the notebooks"
  expr: string; // what is computed, e.g. "4 × $3" (same as label for multiplication)
  ok: number;
  pre: string;
  post: string;
}

interface Method {
  kind: 'splitA' | 'splitB' | 'round' | 'word';
  n: number; // the number split (multiplication)
  items: Item[];
  combine: (v: number[]) => number;
  finalExpr: (vs: string[]) => string;
  finalLabel: string;
  isSum: boolean;
}

interface Problem {
  task: string;
  query: string;
  answer: number;
  isMul: boolean;
  a: number;
  b: number;
  pre: string;
  post: string;
  fmt: (n: number) => string;
  methods: Method[];
  res: string; // "{a} × {b}" or a subject for "Therefore, **res = V**"
  tailCheck?: (v: string) => string; // word-problem non-recomputing check text
}

interface Work {
  method: Method;
  vals: number[];
  finDelta: number;
  finStep: number; // for sums: index of the addition (1..items-1) where the slip happened
  fin: number;
  slipItem: number; // -1 if none
}

function makeWork(rng: Rng, m: Method, slipP: number): Work {
  const vals = m.items.map((it) => it.ok);
  let slipItem = -1;
  let finDelta = 0;
  let finStep = 0;
  if (rng.chance(slipP)) {
    if (rng.chance(0.55) && m.items.length > 0) {
      slipItem = rng.int(0, m.items.length - 1);
      vals[slipItem] = slip(rng, vals[slipItem], trailingZeros(vals[slipItem]));
    } else {
      const base = m.combine(vals);
      finDelta = slip(rng, base, 0) - base;
      finStep = m.isSum ? rng.int(1, Math.max(1, m.items.length - 1)) : 0;
    }
  }
  return { method: m, vals, finDelta, finStep, fin: m.combine(vals) + finDelta, slipItem };
}

function reuseWork(rng: Rng, w: Work): Work {
  // Re-add the same items; a repeated carry slip sometimes reproduces the same wrong sum.
  const repeat = w.finDelta !== 0 && rng.chance(0.4);
  const finDelta = repeat ? w.finDelta : 0;
  return { ...w, vals: [...w.vals], finDelta, fin: w.method.combine(w.vals) + finDelta };
}

function fixedWork(w: Work): Work {
  const vals = w.method.items.map((it) => it.ok);
  return { method: w.method, vals, finDelta: 0, finStep: 0, fin: w.method.combine(vals), slipItem: -1 };
}

function mulProblem(rng: Rng, P: Pools, sym: string): Problem {
  const da = rng.weighted([
    [2, 2],
    [3, 4],
    [4, 3],
  ] as const);
  const db = rng.weighted([
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 2],
  ] as const);
  const gen = (d: number): number => {
    for (;;) {
      const v = rng.int(10 ** (d - 1), 10 ** d - 1);
      if (placeParts(v).length >= 2) return v;
    }
  };
  const a = gen(da);
  const b = gen(db);
  const useComma = rng.chance(0.6);
  const fmt = (n: number): string => (useComma ? commas(n) : String(n));
  const split = (n: number, other: number, nFirst: boolean): Method => ({
    kind: nFirst ? 'splitA' : 'splitB',
    n,
    items: placeParts(n).map((p) => {
      const label = nFirst ? `${fmt(p)} ${sym} ${fmt(other)}` : `${fmt(other)} ${sym} ${fmt(p)}`;
      return { label, expr: label, ok: p * other, pre: '', post: '' };
    }),
    combine: (v) => v.reduce((s, x) => s + x, 0),
    finalExpr: (vs) => vs.join(' + '),
    finalLabel: 'Sum',
    isSum: true,
  });
  const methods: Method[] = [split(b, a, false), split(a, b, true)];
  if (rng.chance(0.5)) methods.reverse();
  // rounding method when b is just below a round number
  for (const R of [10, 100, 1000, 10000, 100000]) {
    const R2 = Math.ceil(b / R) * R;
    const d = R2 - b;
    if (d > 0 && d <= Math.max(3, R / 10) && R2 >= 10 * d && R >= 100) {
      methods.push({
        kind: 'round',
        n: R2,
        items: [
          { label: `${fmt(a)} ${sym} ${fmt(R2)}`, expr: `${fmt(a)} ${sym} ${fmt(R2)}`, ok: a * R2, pre: '', post: '' },
          { label: `${fmt(a)} ${sym} ${d}`, expr: `${fmt(a)} ${sym} ${d}`, ok: a * d, pre: '', post: '' },
        ],
        combine: (v) => v[0] - v[1],
        finalExpr: (vs) => `${vs[0]} − ${vs[1]}`,
        finalLabel: 'Difference',
        isSum: false,
      });
      break;
    }
  }
  return {
    task: `${da}x${db}`,
    query: fill(rngPick(rng, P.mulQuery), { a: String(a), b: String(b) }),
    answer: a * b,
    isMul: true,
    a,
    b,
    pre: '',
    post: '',
    fmt,
    methods,
    res: `${fmt(a)} ${sym} ${fmt(b)}`,
  };
}

function rngPick<T>(rng: Rng, a: readonly T[]): T {
  return rng.pick(a);
}

const NAMES = ['Maya', 'Liam', 'Priya', 'Carlos', 'Aisha', 'Tom', 'Mei', 'Jonah', 'Sofia', 'Ravi', 'Elena', 'Noah'];
const SHOP = [
  ['notebooks', 'notebook', 'pens', 'pen'],
  ['shirts', 'shirt', 'caps', 'cap'],
  ['books', 'book', 'bookmarks', 'bookmark'],
  ['plants', 'plant', 'pots', 'pot'],
  ['tickets', 'ticket', 'programs', 'program'],
];
const FRUIT = ['apples', 'oranges', 'pumpkins', 'melons', 'pears'];

interface WordDef {
  task: string;
  build: (rng: Rng, split: Split) => Omit<Problem, 'isMul' | 'a' | 'b' | 'fmt'> & { fmt?: (n: number) => string };
}

// Each word type carries its own query/label variants; the first half of each list is dev, the
// second heldout (index 0 -> dev, 1 -> heldout).
const WORD: WordDef[] = [
  {
    task: 'word-shop',
    build: (rng, split) => {
      const name = rng.pick(NAMES);
      const [ia, ia1, ib, ib1] = rng.pick(SHOP);
      const a = rng.int(3, 18);
      const p = rng.int(3, 29);
      const b = rng.int(2, 14);
      const q = rng.int(2, 12);
      const query = rng.pick(
        half(
          [
            `${name} buys ${a} ${ia} at $${p} each and ${b} ${ib} at $${q} each. How much does ${name} spend in total?`,
            `A store sells ${ia} for $${p} each and ${ib} for $${q} each. What is the cost of ${a} ${ia} and ${b} ${ib}?`,
            `A ${ia1} costs $${p} and a ${ib1} costs $${q}. ${name} buys ${a} ${ia} and ${b} ${ib}. What is the total cost?`,
            `How much do ${a} ${ia} at $${p} apiece and ${b} ${ib} at $${q} apiece cost altogether?`,
          ],
          split,
        ),
      );
      const [lA, lB, fl] = rng.pick(
        half(
          [
            [`Cost of the ${ia}`, `Cost of the ${ib}`, 'Total cost'],
            [`${cap(ia)}`, `${cap(ib)}`, 'Total'],
            [`${cap(ia)} subtotal`, `${cap(ib)} subtotal`, 'Amount spent'],
            [`Spent on ${ia}`, `Spent on ${ib}`, 'Total spent'],
          ],
          split,
        ),
      );
      return {
        task: 'word-shop',
        query,
        answer: a * p + b * q,
        pre: '$',
        post: '',
        res: fl,
        methods: [
          {
            kind: 'word',
            n: 0,
            isSum: true,
            finalLabel: fl,
            items: [
              { label: lA, expr: `${a} × $${p}`, ok: a * p, pre: '$', post: '' },
              { label: lB, expr: `${b} × $${q}`, ok: b * q, pre: '$', post: '' },
            ],
            combine: (v) => v[0] + v[1],
            finalExpr: (vs) => `${vs[0]} + ${vs[1]}`,
          },
        ],
        tailCheck: (v) => `$${v} − $${a * p} = $${b * q}, the cost of the ${ib}`,
      };
    },
  },
  {
    task: 'word-remaining',
    build: (rng, split) => {
      const fr = rng.pick(FRUIT);
      const h = rng.int(400, 2400);
      const s1 = rng.int(60, Math.floor(h * 0.4));
      const s2 = rng.int(40, Math.floor(h * 0.35));
      const query = rng.pick(
        half(
          [
            `A farm harvested ${h} ${fr}. It sold ${s1} on Saturday and ${s2} on Sunday. How many ${fr} are left?`,
            `There were ${h} ${fr} in storage. ${s1} were shipped in the morning and ${s2} in the afternoon. How many ${fr} remain?`,
            `A market stall starts the weekend with ${h} ${fr}. It sells ${s1} on the first day and ${s2} on the second. How many ${fr} does it have left?`,
            `Out of ${h} ${fr}, ${s1} are sold and then another ${s2} are given away. How many ${fr} are left?`,
          ],
          split,
        ),
      );
      const [l1, fl] = rng.pick(
        half(
          [
            ['Total sold', 'Remaining'],
            [`${cap(fr)} taken out`, 'Left over'],
            ['Removed in total', `${cap(fr)} remaining`],
            ['Both days together', 'What is left'],
          ],
          split,
        ),
      );
      return {
        task: 'word-remaining',
        query,
        answer: h - s1 - s2,
        pre: '',
        post: ` ${fr}`,
        res: fl,
        methods: [
          {
            kind: 'word',
            n: 0,
            isSum: false,
            finalLabel: fl,
            items: [{ label: l1, expr: `${s1} + ${s2}`, ok: s1 + s2, pre: '', post: '' }],
            combine: (v) => h - v[0],
            finalExpr: (vs) => `${h} − ${vs[0]}`,
          },
        ],
        tailCheck: (v) => `${v} + ${s1} + ${s2} = ${h}`,
      };
    },
  },
  {
    task: 'word-carpet',
    build: (rng, split) => {
      const l = rng.int(9, 26);
      const w = rng.int(7, 19);
      const c = rng.int(3, 14);
      const query = rng.pick(
        half(
          [
            `A rectangular room measures ${l} ft by ${w} ft. Carpet costs $${c} per square foot. How much will it cost to carpet the room?`,
            `Flooring costs $${c} per square foot. What is the cost to cover a ${l} ft × ${w} ft floor?`,
            `A hall is ${l} feet long and ${w} feet wide. If tiles cost $${c} per square foot, what is the total cost of tiling the hall?`,
            `How much does it cost to carpet a ${l}-by-${w}-foot room at $${c} per square foot?`,
          ],
          split,
        ),
      );
      const [l1, fl] = rng.pick(
        half(
          [
            ['Area of the room', 'Total cost'],
            ['Area', 'Cost'],
            ['Floor area', 'Cost of carpeting'],
            ['Square footage', 'Total price'],
          ],
          split,
        ),
      );
      return {
        task: 'word-carpet',
        query,
        answer: l * w * c,
        pre: '$',
        post: '',
        res: fl,
        methods: [
          {
            kind: 'word',
            n: 0,
            isSum: false,
            finalLabel: fl,
            items: [{ label: l1, expr: `${l} × ${w}`, ok: l * w, pre: '', post: ' sq ft' }],
            combine: (v) => v[0] * c,
            finalExpr: (vs) => `${vs[0]} × $${c}`,
          },
        ],
        tailCheck: (v) => `$${v} ÷ $${c} = ${l * w} sq ft, which is ${l} × ${w}`,
      };
    },
  },
  {
    task: 'word-trip',
    build: (rng, split) => {
      const v1 = rng.int(35, 95);
      const t1 = rng.int(2, 7);
      const v2 = rng.int(30, 90);
      const t2 = rng.int(2, 6);
      const query = rng.pick(
        half(
          [
            `A car travels at ${v1} km/h for ${t1} hours and then at ${v2} km/h for ${t2} hours. How far does it travel in total?`,
            `A cyclist rides ${t1} hours at ${v1} km/h, then ${t2} hours at ${v2} km/h. What total distance does she cover?`,
            `A bus drives for ${t1} hours at an average of ${v1} km/h, then for ${t2} hours at ${v2} km/h. What is the total distance?`,
            `Find the total distance for a trip of ${t1} h at ${v1} km/h followed by ${t2} h at ${v2} km/h.`,
          ],
          split,
        ),
      );
      const [lA, lB, fl] = rng.pick(
        half(
          [
            ['First part', 'Second part', 'Total distance'],
            ['Distance in the first leg', 'Distance in the second leg', 'Total'],
            ['Leg 1', 'Leg 2', 'Distance covered'],
            ['First stretch', 'Second stretch', 'Whole trip'],
          ],
          split,
        ),
      );
      return {
        task: 'word-trip',
        query,
        answer: v1 * t1 + v2 * t2,
        pre: '',
        post: ' km',
        res: fl,
        methods: [
          {
            kind: 'word',
            n: 0,
            isSum: true,
            finalLabel: fl,
            items: [
              { label: lA, expr: `${v1} × ${t1}`, ok: v1 * t1, pre: '', post: ' km' },
              { label: lB, expr: `${v2} × ${t2}`, ok: v2 * t2, pre: '', post: ' km' },
            ],
            combine: (v) => v[0] + v[1],
            finalExpr: (vs) => `${vs[0]} + ${vs[1]}`,
          },
        ],
        tailCheck: (v) => `${v} − ${v1 * t1} = ${v2 * t2} km for the second leg`,
      };
    },
  },
  {
    task: 'word-crates',
    build: (rng, split) => {
      const per = rng.int(12, 48);
      const n = rng.int(14, 65);
      const br = rng.int(3, 45);
      const query = rng.pick(
        half(
          [
            `A factory packs ${per} bottles per crate. It fills ${n} crates, but ${br} bottles break. How many unbroken bottles are there?`,
            `Each crate holds ${per} bottles. After filling ${n} crates, workers find ${br} broken bottles. How many bottles are intact?`,
            `There are ${n} crates with ${per} bottles in each. If ${br} bottles are damaged, how many good bottles are there?`,
            `${n} crates are loaded with ${per} bottles apiece; ${br} of the bottles are cracked. How many bottles are not cracked?`,
          ],
          split,
        ),
      );
      const [l1, fl] = rng.pick(
        half(
          [
            ['Total bottles', 'Unbroken bottles'],
            ['Bottles packed', 'Good bottles'],
            ['Bottles in all crates', 'Intact bottles'],
            ['All bottles', 'Bottles left'],
          ],
          split,
        ),
      );
      return {
        task: 'word-crates',
        query,
        answer: per * n - br,
        pre: '',
        post: ' bottles',
        res: fl,
        methods: [
          {
            kind: 'word',
            n: 0,
            isSum: false,
            finalLabel: fl,
            items: [{ label: l1, expr: `${per} × ${n}`, ok: per * n, pre: '', post: '' }],
            combine: (v) => v[0] - br,
            finalExpr: (vs) => `${vs[0]} − ${br}`,
          },
        ],
        tailCheck: (v) => `${v} + ${br} = ${per * n} = ${per} × ${n}`,
      };
    },
  },
  {
    task: 'word-wages',
    build: (rng, split) => {
      const name = rng.pick(NAMES);
      const r = rng.int(12, 38);
      const h = rng.int(4, 9);
      const d = rng.int(5, 24);
      const query = rng.pick(
        half(
          [
            `${name} earns $${r} per hour and works ${h} hours a day. How much does ${name} earn in ${d} days?`,
            `A worker is paid $${r} an hour for ${h}-hour shifts. What does the worker earn over ${d} shifts?`,
            `${name} works ${h} hours per day for ${d} days at $${r} per hour. What are ${name}'s total earnings?`,
            `At $${r}/hour, ${h} hours a day, how much is earned in ${d} working days?`,
          ],
          split,
        ),
      );
      const [l1, fl] = rng.pick(
        half(
          [
            ['Daily earnings', 'Total earnings'],
            ['Pay per day', 'Total pay'],
            ['Earnings per shift', 'Total earned'],
            ["One day's pay", 'Earnings overall'],
          ],
          split,
        ),
      );
      return {
        task: 'word-wages',
        query,
        answer: r * h * d,
        pre: '$',
        post: '',
        res: fl,
        methods: [
          {
            kind: 'word',
            n: 0,
            isSum: false,
            finalLabel: fl,
            items: [{ label: l1, expr: `$${r} × ${h}`, ok: r * h, pre: '$', post: '' }],
            combine: (v) => v[0] * d,
            finalExpr: (vs) => `${vs[0]} × ${d}`,
          },
        ],
        tailCheck: (v) => `$${v} ÷ ${d} = $${r * h} per day`,
      };
    },
  },
];

type Pools = { [K in keyof typeof POOLS]: (typeof POOLS)[K] };

function splitPools(split: Split): Pools {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(POOLS)) out[k] = half(v as readonly unknown[], split);
  return out as Pools;
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Ctx {
  rng: Rng;
  P: Pools;
  b: Body;
  prob: Problem;
  sym: string;
}

function fv(ctx: Ctx, n: number): string {
  return ctx.prob.fmt(n);
}

function itemVal(ctx: Ctx, it: Item, v: number): string {
  return `${it.pre}${fv(ctx, v)}${it.post}`;
}

/** An item's value as an operand of the final expression (currency kept, unit words dropped). */
function operand(ctx: Ctx, it: Item, v: number): string {
  return it.post.trim().includes(' ') || /[a-z]/.test(it.post) ? `${it.pre}${fv(ctx, v)}` : itemVal(ctx, it, v);
}

function ansVars(ctx: Ctx, v: number): Vars {
  return { V: fv(ctx, v), pre: ctx.prob.pre, post: ctx.prob.post, res: ctx.prob.res };
}

/** Running sums of a sum-method work, honouring a carry slip at finStep. */
function runningSums(w: Work): number[] {
  const s: number[] = [w.vals[0]];
  for (let i = 1; i < w.vals.length; i++) s.push(s[i - 1] + w.vals[i] + (i === w.finStep ? w.finDelta : 0));
  if (w.vals.length === 1) s[0] += w.finDelta;
  return s;
}

/**
 * Render how the final value is obtained. Returns true when the candidate was recorded here,
 * false when the caller must record it in an answer line (the "implicit" style).
 */
function renderCombine(ctx: Ctx, w: Work, style: string, record: boolean): boolean {
  const { b, P, rng } = ctx;
  const m = w.method;
  const vs = w.vals.map((v, i) => operand(ctx, m.items[i], v));
  const V = fv(ctx, w.fin);
  const A = ansVars(ctx, w.fin);
  if (style === 'implicit') {
    b.put(rng.pick(P.implicitSum), {});
    return false;
  }
  if (m.isSum && m.kind !== 'word' && (style === 'chain' || style === 'bullets') && w.vals.length > 2) {
    const s = runningSums(w);
    if (style === 'chain') b.add(rng.pick(P.sumLead) + '\n\n');
    for (let i = 1; i < s.length; i++) {
      const last = i === s.length - 1;
      const lhs = `${fv(ctx, s[i - 1])} + ${fv(ctx, w.vals[i])}`;
      if (style === 'bullets') {
        if (last) b.put(`- ${lhs} = **{V}**\n`, { V }, record);
        else b.add(`- ${lhs} = **${fv(ctx, s[i])}**\n`);
      } else if (last) b.put(`${lhs} = **{V}**\n`, { V }, record);
      else b.add(`${lhs} = ${fv(ctx, s[i])}  \n`);
    }
    return true;
  }
  if (style === 'latex' && m.kind !== 'word') {
    b.add(rng.pick(P.sumLead) + '\n\n');
    b.put(`$$\n${m.finalExpr(vs)} = {V}\n$$\n`, { V }, record);
    return true;
  }
  // plain one-line combination
  if (m.kind === 'word') {
    b.put(`${m.finalExpr(vs)} = **${A.pre}{V}${A.post}**\n`, { V }, record);
  } else {
    b.add(rng.pick(P.sumLead) + '\n\n');
    b.put(`${m.finalExpr(vs)} = **{V}**\n`, { V }, record);
  }
  return true;
}

function pickCombineStyle(ctx: Ctx, m: Method, allowImplicit: boolean): string {
  const opts: [string, number][] = [['plain', 3]];
  if (m.kind !== 'word' && m.isSum && m.items.length > 2) opts.push(['chain', 3], ['bullets', 3]);
  if (m.kind !== 'word') opts.push(['latex', 1]);
  if (allowImplicit) opts.push(['implicit', 1.2]);
  return ctx.rng.weighted(opts);
}

/** First full attempt for a multiplication. */
function renderMulFirst(ctx: Ctx, w: Work): boolean {
  const { b, P, rng, sym } = ctx;
  const m = w.method;
  const prob = ctx.prob;
  const parts = placeParts(m.n)
    .map((p) => fv(ctx, p))
    .join(' + ');
  const nStr = fv(ctx, m.n);
  const other = m.kind === 'splitA' ? prob.b : prob.a;
  const layout = rng.weighted([
    ['steps', 3],
    ['table', 3],
    ['numbered', 2],
    ['inline', m.items.length <= 3 ? 2 : 0.3],
  ] as const);
  const decomp = fill(rng.pick(P.decomp), { n: nStr, parts });
  const style = pickCombineStyle(ctx, m, true);
  const boldPP = rng.chance(0.75);
  const ppLine = (it: Item, v: number): string => (boldPP ? `${it.label} = **${fv(ctx, v)}**` : `${it.label} = ${fv(ctx, v)}`);
  if (layout === 'steps') {
    const [h1, h2, h3] = rng.pick(P.headings);
    const hl = rng.pick(['##', '###']);
    b.add(`${hl} ${h1}\n\n${decomp}\n\n${hl} ${h2}\n\n`);
    const bullet = rng.pick(['-', '*']);
    m.items.forEach((it, i) => b.add(`${bullet} ${ppLine(it, w.vals[i])}\n`));
    b.add(`\n${hl} ${h3}\n\n`);
    return renderCombine(ctx, w, style, true);
  }
  if (layout === 'table') {
    const [c1, c2] = rng.pick(P.tableCols);
    b.add(`${decomp}\n\n| ${c1} | ${c2} |\n|---|---:|\n`);
    m.items.forEach((it, i) => b.add(`| ${it.label} | ${fv(ctx, w.vals[i])} |\n`));
    if (m.isSum && rng.chance(0.45)) {
      b.put(`| **${rng.pick(P.totalLabel)}** | **{V}** |\n`, { V: fv(ctx, w.fin) }, true);
      return true;
    }
    b.add('\n');
    return renderCombine(ctx, w, style, true);
  }
  if (layout === 'numbered') {
    b.add(`1. ${decomp}\n2. ${fill(rng.pick(P.multiplyLead), { m: fv(ctx, other) })}\n`);
    m.items.forEach((it, i) => b.add(`   - ${ppLine(it, w.vals[i])}\n`));
    b.add('3. ');
    if (style === 'implicit') {
      b.put(rng.pick(P.implicitSum), {});
      b.add('\n');
      return false;
    }
    const vs = w.vals.map((v) => fv(ctx, v));
    b.put(`${rng.pick(P.sumLead)} ${m.finalExpr(vs)} = **{V}**\n`, { V: fv(ctx, w.fin) }, true);
    return true;
  }
  // inline
  const vs = w.vals.map((v) => fv(ctx, v));
  const left = m.kind === 'splitA' ? `(${parts}) ${sym} ${fv(ctx, prob.b)}` : `${fv(ctx, prob.a)} ${sym} (${parts})`;
  b.put(`${prob.res} = ${left} = ${m.finalExpr(vs)} = **{V}**\n`, { V: fv(ctx, w.fin) }, true);
  return true;
}

/** A verification / re-derivation attempt for a multiplication. */
function renderMulRecheck(ctx: Ctx, w: Work, how: 'reuse' | 'alt' | 'fix', prev: Work): void {
  const { b, P, rng, sym, prob } = ctx;
  const m = w.method;
  if (how === 'fix') {
    if (prev.slipItem >= 0) {
      const it = m.items[prev.slipItem];
      b.put(rng.pick(P.fixNote), { label: it.label, ok: fv(ctx, it.ok), bad: fv(ctx, prev.vals[prev.slipItem]) });
    } else {
      b.put(rng.pick(P.fixFinNote), {});
    }
    b.add('\n\n' + rng.pick(P.redoLead) + '\n\n');
    const style = rng.pick(m.isSum && m.items.length > 2 ? ['plain', 'chain', 'bullets'] : ['plain']);
    renderCombineNoLead(ctx, w, style);
    return;
  }
  if (how === 'reuse') {
    b.add(rng.pick(P.reuseIntro) + '\n\n');
    const rev = rng.chance(0.5);
    const order = w.vals.map((_, i) => i);
    if (rev && m.isSum) order.reverse();
    const ww: Work = { ...w, vals: order.map((i) => w.vals[i]), finStep: w.finDelta ? 1 : 0 };
    const style = rng.pick(m.isSum && m.items.length > 2 ? ['plain', 'chain', 'bullets'] : ['plain']);
    renderCombineNoLead(ctx, ww, style);
    return;
  }
  // alt method
  if (m.kind === 'round') {
    const d = m.n - prob.b;
    b.put(rng.pick(P.roundIntro), { a: fv(ctx, prob.a), b: fv(ctx, prob.b), R: fv(ctx, m.n), d: String(d), x: sym });
    b.add('\n\n');
  } else {
    b.put(rng.pick(P.altIntro), {
      n: fv(ctx, m.n),
      parts: placeParts(m.n)
        .map((p) => fv(ctx, p))
        .join(' + '),
    });
    b.add('\n\n');
  }
  const bullet = rng.pick(['-', '*', '']);
  m.items.forEach((it, i) => b.add(`${bullet ? bullet + ' ' : ''}${it.label} = ${fv(ctx, w.vals[i])}${bullet ? '' : '  '}\n`));
  b.add('\n');
  const style = rng.pick(m.isSum && m.items.length > 2 ? ['plain', 'chain', 'bullets'] : ['plain']);
  renderCombineNoLead(ctx, w, style);
}

function renderCombineNoLead(ctx: Ctx, w: Work, style: string): void {
  const { b } = ctx;
  const m = w.method;
  const V = fv(ctx, w.fin);
  if ((style === 'chain' || style === 'bullets') && m.isSum && w.vals.length > 2) {
    const s = runningSums(w);
    for (let i = 1; i < s.length; i++) {
      const last = i === s.length - 1;
      const lhs = `${fv(ctx, s[i - 1])} + ${fv(ctx, w.vals[i])}`;
      const pre = style === 'bullets' ? '- ' : '';
      if (last) b.put(`${pre}${lhs} = **{V}**\n`, { V }, true);
      else b.add(`${pre}${lhs} = ${fv(ctx, s[i])}${style === 'bullets' ? '' : '  '}\n`);
    }
    return;
  }
  const vs = w.vals.map((v, i) => operand(ctx, m.items[i], v));
  const A = ansVars(ctx, w.fin);
  b.put(`${m.finalExpr(vs)} = **${A.pre}{V}${A.post}**\n`, { V }, true);
}

/** First attempt for a word problem. */
function renderWordFirst(ctx: Ctx, w: Work): boolean {
  const { b, P, rng } = ctx;
  const m = w.method;
  const layout = rng.weighted([
    ['steps', 3],
    ['bullets', 3],
    ['sentences', 2],
  ] as const);
  const A = ansVars(ctx, w.fin);
  if (rng.chance(0.4)) {
    // restate the givens in bold: numbers from the question are not candidates
    const nums = ctx.prob.query.match(/\$?\d+(?:\.\d+)?/g) ?? [];
    b.add(rng.pick(P.given));
    b.add(nums.map((n) => `**${n}**`).join(', ') + '\n\n');
  }
  const implicit = rng.chance(0.15);
  if (layout === 'steps') {
    const sw = rng.pick(P.stepWord);
    m.items.forEach((it, i) => {
      b.add(`### ${sw} ${i + 1}: ${it.label}\n\n${it.expr} = **${itemVal(ctx, it, w.vals[i])}**\n\n`);
    });
    b.add(`### ${sw} ${m.items.length + 1}: ${m.finalLabel}\n\n`);
    if (implicit) {
      b.add(`${m.finalExpr(w.vals.map((v, i) => operand(ctx, m.items[i], v)))}\n`);
      return false;
    }
    return renderCombine(ctx, w, 'plain', true);
  }
  if (layout === 'bullets') {
    b.add(rng.pick(P.solHeading));
    m.items.forEach((it, i) => b.add(`- **${it.label}:** ${it.expr} = **${itemVal(ctx, it, w.vals[i])}**\n`));
    const vs = w.vals.map((v, i) => operand(ctx, m.items[i], v));
    if (implicit) {
      b.add(`- **${m.finalLabel}:** ${m.finalExpr(vs)}\n`);
      return false;
    }
    b.put(`- **${m.finalLabel}:** ${m.finalExpr(vs)} = **${A.pre}{V}${A.post}**\n`, { V: A.V }, true);
    return true;
  }
  m.items.forEach((it, i) => b.add(`${it.label}: ${it.expr} = **${itemVal(ctx, it, w.vals[i])}**.\n\n`));
  const vs = w.vals.map((v, i) => operand(ctx, m.items[i], v));
  if (implicit) {
    b.add(`${m.finalLabel}: ${m.finalExpr(vs)}.\n`);
    return false;
  }
  b.put(`${m.finalLabel}: ${m.finalExpr(vs)} = **${A.pre}{V}${A.post}**.\n`, { V: A.V }, true);
  return true;
}

function renderWordRecheck(ctx: Ctx, w: Work, how: 'reuse' | 'alt' | 'fix', prev: Work): void {
  const { b, P, rng } = ctx;
  const m = w.method;
  if (how === 'fix') {
    if (prev.slipItem >= 0) {
      const it = m.items[prev.slipItem];
      b.put(rng.pick(P.wordFixNote), {
        label: it.label,
        lclabel: it.label.charAt(0).toLowerCase() + it.label.slice(1),
        expr: it.expr,
        ok: itemVal(ctx, it, it.ok),
        bad: itemVal(ctx, it, prev.vals[prev.slipItem]),
      });
    } else {
      b.put(rng.pick(P.wordFinFix), {});
    }
    b.add('\n\n');
    renderCombineNoLead(ctx, w, 'plain');
    return;
  }
  b.add(rng.pick(how === 'alt' ? P.wordRecheckIntro : P.wordReuseIntro) + '\n\n');
  if (how === 'alt') {
    m.items.forEach((it, i) => b.add(`- ${it.expr} = ${itemVal(ctx, it, w.vals[i])}\n`));
    b.add('\n');
  }
  renderCombineNoLead(ctx, w, 'plain');
}

// ---------------------------------------------------------------------------------------------

function genRecord(seed: number, split: Split, index: number, P: Pools): PhrasingRecord {
  const rng = new Rng(hashStr(`${family}|${split}|${seed}|${index}`));
  const sym = rng.weighted([
    ['×', 6],
    ['*', 1],
    ['x', 1],
  ] as const);
  const isMul = rng.chance(0.6);
  let prob: Problem;
  if (isMul) prob = mulProblem(rng, P, sym);
  else {
    const def = rng.pick(WORD);
    const built = def.build(rng, split);
    const useComma = true;
    prob = { ...built, isMul: false, a: 0, b: 0, fmt: (n: number) => (useComma ? commas(n) : String(n)) };
  }
  const b = new Body();
  const ctx: Ctx = { rng, P, b, prob, sym };

  if (isMul) b.put(rng.pick(P.mulIntro), { a: fv(ctx, prob.a), b: fv(ctx, prob.b), x: sym });
  else b.add(rng.pick(P.wordIntro));
  b.add('\n\n');

  let nAttempts = rng.weighted([
    [1, 30],
    [2, 36],
    [3, 22],
    [4, 12],
  ] as const);
  const main = prob.methods[0];
  const works: Work[] = [makeWork(rng, main, 0.5)];
  // first attempt
  const recorded = isMul ? renderMulFirst(ctx, works[0]) : renderWordFirst(ctx, works[0]);
  b.add(rng.pick(P.hr));
  b.add('\n');
  if (!recorded || rng.chance(0.65)) {
    b.put(rng.pick(P.answerLine), ansVars(ctx, works[0].fin), !recorded);
    b.add('\n');
  }

  let lastHow = '';
  for (let k = 1; k < nAttempts; k++) {
    const prev = works[k - 1];
    const prevOk = prev.fin === prob.answer;
    // a correct value that was already confirmed once is where a model stops
    if (prevOk && k >= 2 && works[k - 2].fin === prev.fin) break;
    let how: 'reuse' | 'alt' | 'fix';
    if (!prevOk)
      how = rng.weighted([
        ['fix', 4],
        ['reuse', lastHow === 'reuse' ? 0 : 3],
        ['alt', 3],
      ] as const);
    else
      how = rng.weighted([
        ['reuse', lastHow === 'reuse' ? 0 : 4],
        ['alt', 6],
      ] as const);
    lastHow = how;
    let w: Work;
    if (how === 'fix') w = fixedWork(prev);
    else if (how === 'reuse') w = reuseWork(rng, prev);
    else {
      const others = prob.methods.length > 1 ? prob.methods.filter((mm) => mm !== prev.method) : prob.methods;
      w = makeWork(rng, rng.pick(others), prevOk ? 0.2 : 0.3);
    }
    b.add('\n');
    // a last-digit trigger sometimes precedes the fix of a wrong multiplication
    if (how === 'fix' && prob.isMul && prev.fin % 10 !== prob.answer % 10 && rng.chance(0.5)) {
      const la = prob.a % 10;
      const lb = prob.b % 10;
      b.put(rng.pick(P.digitTrigger), {
        la: String(la),
        lb: String(lb),
        lp: String(la * lb),
        d: String((la * lb) % 10),
        e: String(prev.fin % 10),
        P: fv(ctx, prev.fin),
      });
      b.add('\n\n');
    }
    if (prob.isMul) renderMulRecheck(ctx, w, how, prev);
    else renderWordRecheck(ctx, w, how, prev);
    works.push(w);
    b.add('\n');
    if (w.fin === prev.fin) {
      if (rng.chance(0.7)) b.add(rng.pick(P.agree) + '\n');
    } else if (how === 'fix') {
      if (rng.chance(0.5)) {
        b.put(rng.pick(P.fixedRemark), { P: fv(ctx, prev.fin), N: fv(ctx, w.fin) });
        b.add('\n');
      }
    } else {
      b.put(rng.pick(P.mismatch), { P: fv(ctx, prev.fin), N: fv(ctx, w.fin) });
      b.add('\n');
      // an unresolved disagreement usually makes the model try once more
      if (k === nAttempts - 1 && nAttempts < 4 && rng.chance(0.6)) nAttempts++;
      else if (k === nAttempts - 1 && rng.chance(0.5)) b.add(rng.pick(P.pickLater) + '\n');
    }
  }

  const last = works[works.length - 1];
  const lastOk = last.fin === prob.answer;
  // closing restatement (no new work: merges with the last candidate)
  if (works.length > 1 && rng.chance(0.7)) {
    b.add(rng.pick(P.hr));
    b.add('\n');
    b.put(rng.pick(P.answerLine), ansVars(ctx, last.fin));
    b.add('\n');
  }
  // non-recomputing checks (never restate the value as a conclusion afterwards)
  if (rng.chance(0.45)) {
    b.add('\n');
    if (prob.isMul) {
      const la = prob.a % 10;
      const lb = prob.b % 10;
      const kind = lastOk ? rng.pick(['div', 'est', 'digit']) : rng.pick(['est', last.fin % 10 === (la * lb) % 10 ? 'digit' : 'est']);
      if (kind === 'div') b.put(rng.pick(P.divCheck), { V: fv(ctx, last.fin), a: fv(ctx, prob.a), b: fv(ctx, prob.b) });
      else if (kind === 'digit')
        b.put(rng.pick(P.digitCheck), { la: String(la), lb: String(lb), lp: String(la * lb), d: String((la * lb) % 10) });
      else {
        const r = (n: number): number => {
          const p = 10 ** (String(n).length - 1);
          return Math.round(n / p) * p;
        };
        b.put(rng.pick(P.estCheck), {
          a: fv(ctx, prob.a),
          b: fv(ctx, prob.b),
          ra: fv(ctx, r(prob.a)),
          rb: fv(ctx, r(prob.b)),
          est: fv(ctx, r(prob.a) * r(prob.b)),
        });
      }
    } else if (lastOk && prob.tailCheck) {
      b.put(rng.pick(P.wordTailCheck), { check: prob.tailCheck(fv(ctx, last.fin)) });
    }
    b.add('\n');
  }

  const body = b.text.replace(/\n{3,}/g, '\n\n').trimEnd();
  // the normalisation above may shift offsets: recompute them by replaying (see fixOffsets)
  const cands = fixOffsets(b.text, body, b.cands);
  return {
    id: `${family}-${split}-${seed}-${index}`,
    headers: { query: prob.query, answer: String(prob.answer), task: prob.task },
    body,
    candidates: cands,
    final: cands.length ? cands[cands.length - 1].value : null,
  };
}

/** Map offsets from the raw text to the text with runs of blank lines collapsed and the end trimmed. */
function fixOffsets(raw: string, norm: string, cands: { value: string; offset: number }[]): { value: string; offset: number }[] {
  // build a position map raw -> norm
  const map = new Array<number>(raw.length + 1);
  let j = 0;
  let i = 0;
  while (i < raw.length) {
    if (raw[i] === '\n') {
      let k = i;
      while (k < raw.length && raw[k] === '\n') k++;
      const run = k - i;
      const keep = Math.min(run, 2);
      for (let t = 0; t < run; t++) map[i + t] = j + Math.min(t, keep - 1);
      j += keep;
      i = k;
    } else {
      map[i] = j;
      i++;
      j++;
    }
  }
  map[raw.length] = j;
  const out = cands.map((c) => ({ value: c.value, offset: map[c.offset] }));
  for (const c of out) {
    if (norm.slice(c.offset, c.offset + c.value.length) !== c.value) throw new Error('offset mapping failed');
  }
  return out;
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const P = splitPools(split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(genRecord(seed, split, i, P));
  return out;
}
