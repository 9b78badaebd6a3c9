// Phrasing family "checks-echoes": plain-text solutions with confirmations and plug-back checks
// after answers, echoes (a re-derivation reaching the same value, right or wrong), corrections,
// numbers with separators (2,866,567 / 2 866 567) and units ($1,250, 45 km, 12.5%).
//
// Gold labels follow docs/annotation-guide.md:
// - one candidate per attempt, at the first statement of the asked quantity's value (the result of
//   the final computation, or the concluding sentence when the derivation never states it);
// - a restatement with no new work ("So the total is $1,285. Therefore, the answer is $1,285.")
//   merges into that candidate; so does a bare "Yes, that seems right.";
// - a plug-back check that does not recompute the asked quantity ("Check: 2866567 / 347 = 8261.
//   Correct.", "12.5% of 120 = 15 ✓") is not a candidate, and the response never restates the value
//   as a conclusion right after such a check;
// - a check that recomputes the asked quantity (another split, re-adding, another method) is a new
//   candidate even with the same value (an echo), including a wrong value reproduced by repeating
//   the same slip;
// - the value is recorded as written, separators included, without currency sign or unit
//   ("$1,250" -> "1,250", "45 km" -> "45", "12.5%" -> "12.5").
//
// Every phrasing pool is split in two disjoint halves: 'dev' uses the first half of each pool,
// 'heldout' the second. Structural cases are drawn independently of the split.

import type { PhrasingRecord } from './types.js';

export const family = 'checks-echoes';

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
// Body builder ({V} = candidate value; put(..., true) records the offset of the first {V})

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

function groupDigits(n: number, sep: string): string {
  const [i, d] = String(n).split('.');
  const g = i.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return d === undefined ? g : `${g}.${d}`;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** A quotient as a model would write it: exact when integral, else enough decimals to differ. */
function approx(x: number): string {
  if (Number.isInteger(x)) return String(x);
  for (const d of [2, 3, 4, 5]) {
    const s = x.toFixed(d);
    if (Number(s) !== Math.round(x)) return s;
  }
  return x.toFixed(6);
}

function trailingZeros(n: number): number {
  let k = 0;
  while (n !== 0 && n % 10 === 0) {
    n /= 10;
    k++;
  }
  return k;
}

function slipInt(rng: Rng, v: number, minPow: number): number {
  const len = String(v).length;
  for (let tries = 0; tries < 50; tries++) {
    const k = rng.int(Math.min(minPow, len - 1), len - 1);
    const d = rng.pick([1, 1, -1, -1, 2, -2, 10]) * 10 ** k;
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

// ---------------------------------------------------------------------------------------------
// Phrasing pools: first half dev, second half heldout

const POOLS = {
  mulQuery: [
    'Calculate {a} * {b}.',
    'What is {a} × {b}?',
    'Compute {a} times {b} and check your answer.',
    'Multiply {a} by {b}.',
    'Find the product {a} × {b}.',
    'What does {a} * {b} equal?',
  ],
  mulIntro: [
    "Let's compute {a} × {b} by splitting {n} into place values.",
    'We need {a} × {b}. Break {n} into {parts}.',
    'Split {n} = {parts} and multiply each part by {o}.',
    "I'll multiply {o} by each part of {n} = {parts}.",
    'Write {n} as {parts}, then distribute.',
    'To multiply {a} by {b}, split {n} by place value: {parts}.',
    'Computing {a} × {b}: first, {n} = {parts}.',
    'Using the distributive property with {n} = {parts}:',
  ],
  itemLead: ['', '', 'Partial products:', 'The pieces:'],
  sumWord: [
    'Adding: {terms} = {V}.',
    'Sum: {terms} = {V}',
    'Adding them up gives {V}.',
    'Total: {terms} = {V}',
    'Adding these partial products: {terms} = {V}.',
    'Now add: {terms} = {V}',
    'Sum of the partial products: {V}.',
    'Putting them together: {terms} = {V}.',
  ],
  conclude: [
    'So the answer is {pre}{V}{post}.',
    'So {res} is {pre}{V}{post}.',
    'Therefore, {res} = {pre}{V}{post}.',
    'This gives {pre}{V}{post}.',
    'So we get {pre}{V}{post}.',
    'Hence {res} = {pre}{V}{post}.',
    'That gives {pre}{V}{post}.',
    'Result: {pre}{V}{post}.',
  ],
  restate: [
    'Therefore, the answer is {pre}{V}{post}.',
    'So the final answer is {pre}{V}{post}.',
    'Answer: {pre}{V}{post}',
    'Thus the answer is {pre}{V}{post}.',
    'Final answer: {pre}{V}{post}.',
    "So it's {pre}{V}{post}.",
    'That is, {pre}{V}{post}.',
    'In other words, {pre}{V}{post}.',
  ],
  bare: [
    'Yes, that seems right.',
    'That makes sense.',
    'This looks reasonable.',
    'Seems fine.',
    'That looks right.',
    'Makes sense.',
    'Looks good.',
    'That seems plausible.',
  ],
  checkOk: ['Correct.', '✓', 'That checks out.', 'Good.', 'Confirmed.', 'Yes.', 'Matches.', 'Correct!'],
  checkLead: [
    'Check: ',
    'Check: ',
    'Verification: ',
    'Let me verify: ',
    'Double-check: ',
    'Plugging back in: ',
    'Checking: ',
    'Quick check: ',
  ],
  checkFail: [
    "That doesn't match, so something is off.",
    "That's not right, so there's an error somewhere.",
    "Hmm, that doesn't work out.",
    'That fails, so I made a mistake.',
    "So the answer can't be right.",
    'Hmm, mismatch.',
    "That's inconsistent.",
    'Something went wrong then.',
  ],
  recheckLead: [
    'Let me check by computing it another way.',
    'Let me verify with a different method.',
    "To double-check, I'll redo it differently.",
    'Check by redoing it from scratch:',
    'Let me confirm this a second way.',
    'Verifying by another route:',
    'Let me make sure by recomputing it differently.',
    'Cross-check:',
  ],
  reuseLead: [
    'Let me re-add to be sure:',
    'Let me redo the calculation:',
    'Recomputing:',
    'Let me go through it again.',
    'Doing it again carefully:',
    'Re-doing the arithmetic:',
    'Let me recalculate.',
    'Once more:',
  ],
  doubt: [
    'Wait, let me double-check that.',
    'Hmm, let me recheck.',
    'Actually, let me verify that.',
    'Wait, I should check this.',
    'Hold on, let me recheck the arithmetic.',
    "Hmm, I'm not sure about that. Let me recheck.",
    'Let me look at that again.',
    'Wait, is that right?',
  ],
  fixItem: [
    'Wait, {label} is {ok}, not {bad}.',
    'I see the mistake: {label} = {ok}, not {bad}.',
    'Actually {label} = {ok}; I wrote {bad} before.',
    'Correction: {label} = {ok} (not {bad}).',
    'Oops, {label} should be {ok}, not {bad}.',
    'The error: {label} is {ok}, I had {bad}.',
    'Found it: {label} = {ok}, not {bad}.',
    'My mistake, {label} equals {ok}, not {bad}.',
  ],
  fixFin: [
    'I think I added wrong. Redoing the sum:',
    'The final step was off. Redoing it:',
    'I slipped in the last step. Correcting:',
    'The last calculation is wrong. Again:',
    'Let me redo the last step carefully:',
    'The final arithmetic needs fixing:',
    'I made an error in the final step:',
    'Redo the last line:',
  ],
  echo: [
    'Same result.',
    'Same answer as before.',
    'It matches.',
    'Both agree.',
    'Consistent.',
    'Same value again.',
    'Agrees with the first calculation.',
    'That matches my first answer.',
  ],
  differ: [
    "That's different from {P}.",
    'So {P} was wrong.',
    'This disagrees with the earlier {P}.',
    'Not {P} then.',
    'Hmm, {P} vs {N}.',
    'So the earlier {P} was a mistake.',
    'So my first answer of {P} was off.',
    "That's not {P}.",
  ],
  // ---- word problems
  moneyQuery: [
    'A school buys {n} tickets at ${p} each and pays a ${fee} booking fee. What is the total cost?',
    'A caterer charges ${p} per guest plus a ${fee} service fee. How much does a party of {n} guests cost?',
    'A club orders {n} jerseys at ${p} each, plus ${fee} for shipping. What is the total?',
    '{n} people each pay ${p} for a trip, and the organizer adds ${fee} for insurance. How much money is collected in total?',
  ],
  distQuery: [
    'A cyclist rides at {v} km/h for {h}.5 hours. How far does she travel?',
    'A car drives {h}.5 hours at {v} km/h. What distance does it cover?',
    'How far does a train go in {h}.5 hours at a constant {v} km/h?',
    'A boat moves at {v} km/h for {h} and a half hours. How many kilometres does it travel?',
  ],
  distQuery2: [
    'A hiker walks {t1} hours at {v1} km/h and then {t2} hours at {v2} km/h. How far does she walk in total?',
    'A bus travels {t1} h at {v1} km/h, then {t2} h at {v2} km/h. What is the total distance?',
    'A delivery van drives for {t1} hours at {v1} km/h and {t2} hours at {v2} km/h. Find the total distance.',
    'Someone cycles {t1} hours at {v1} km/h, then {t2} hours at {v2} km/h. Total distance?',
  ],
  pctQuery: [
    'What percent of {B} is {A}?',
    '{A} is what percentage of {B}?',
    'Express {A} as a percentage of {B}.',
    'In a class of {B} students, {A} got an A. What percent of the class got an A?',
  ],
  moneyIntro: [
    'First the main cost, then add the fee.',
    'Multiply, then add the fee.',
    'Compute the per-item total first.',
    'Two parts: the items and the fee.',
  ],
  halfIntro: [
    '{h}.5 hours is {h} hours plus half an hour.',
    'Split the time: {h} h + 0.5 h.',
    'Distance = speed × time = {v} × {h}.5.',
    'Break {h}.5 h into {h} h and 30 min.',
  ],
  legsIntro: [
    'Distance for each part, then add.',
    'Compute each leg separately.',
    'Two legs: distance = speed × time for each.',
    'Add the two distances.',
  ],
  pctIntro: [
    'Percent = part ÷ whole × 100.',
    'Divide, then multiply by 100.',
    'Fraction of the whole, times 100%.',
    'Percentage = (part / whole) × 100%.',
  ],
  discIntro: [
    'First the discount: {pct}% of ${P}.',
    'Find the discount, then subtract it.',
    'The discount is {pct}% of the price.',
    'Subtract the discount from the original price.',
  ],
  moneyPlug: [
    '(${V} − ${fee}) ÷ {n} = ${per}{tail}',
    '${V} minus the ${fee} fee leaves ${rest}, and ${rest} ÷ {n} = ${per}{tail}',
    '${V} − ${fee} = ${rest}; ${rest} / {n} = ${per}{tail}',
    'without the fee it is ${rest}, and ${rest} ÷ {n} = ${per}{tail}',
  ],
  halfPlug: [
    '{V} km ÷ {v} km/h = {t} h{tail}',
    'time = {V} / {v} = {t} h{tail}',
    '{V} / {v} = {t} hours{tail}',
    'at {v} km/h, {V} km takes {t} h{tail}',
  ],
  legsPlug: [
    '{V} − {d1} = {rest} km for the second leg, and {rest} ÷ {t2} = {sp} km/h{tail}',
    'second leg: {V} − {d1} = {rest}, {rest}/{t2} = {sp} km/h{tail}',
    'taking away the first leg ({d1} km) leaves {rest} km, i.e. {sp} km/h over {t2} h{tail}',
    '{rest} = {V} − {d1}, and {rest} ÷ {t2} = {sp}{tail}',
  ],
  pctPlug: [
    '{V}% of {B} = {part}{tail}',
    '{V}/100 × {B} = {part}{tail}',
    '{B} × {V}% = {part}{tail}',
    '{V} percent of {B} is {part}{tail}',
  ],
  discPlug: [
    '${V} ÷ ${P} = {frac}{tail}',
    '${V}/${P} = {frac}{tail}',
    'sale price over original: {frac}{tail}',
    '{frac} = ${V} ÷ ${P}{tail}',
  ],
  discQuery: [
    'A jacket costs ${P} and is on sale for {pct}% off. What is the sale price?',
    'A ${P} bike is discounted by {pct}%. How much does it cost now?',
    'What is the price of a ${P} item after a {pct}% discount?',
    'A store marks down a ${P} lamp by {pct}%. What is the new price?',
  ],
};

type Pools = { [K in keyof typeof POOLS]: (typeof POOLS)[K] };

function splitPools(split: Split): Pools {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(POOLS)) out[k] = half(v as readonly unknown[], split);
  return out as Pools;
}

// ---------------------------------------------------------------------------------------------
// Problems as methods: intermediate items and a final combination

interface Item {
  label: string; // the computation, e.g. "347 × 8,000" or "250 × $45"
  ok: number;
  pre: string;
  post: string;
  slip?: (rng: Rng, v: number) => number;
}

interface Method {
  name: string;
  intro: string; // method-specific opening line (already filled)
  items: Item[];
  combine: (v: number[]) => number;
  finalExpr: (vs: string[]) => string;
  isSum: boolean;
  finSlip?: (rng: Rng, vals: number[], base: number) => number;
}

interface Problem {
  task: string;
  query: string;
  answer: number;
  res: string; // what "So {res} is ..." refers to
  pre: string;
  post: string;
  num: (n: number) => string; // intermediate numbers
  fin: (n: number) => string; // the concluded value as written
  methods: Method[];
  /** A check that does not recompute the asked quantity; passes iff value is right (or falsely). */
  plug: (v: number, fv: string) => { text: string; pass: boolean };
  /** Lines of a recomputation as a check (value recorded by the caller). */
}

interface Work {
  method: Method;
  vals: number[];
  finDelta: number;
  slipItem: number;
  fin: number;
}

const same = (x: number, y: number): boolean => Math.abs(x - y) < 1e-9;

function makeWork(rng: Rng, m: Method, slipP: number): Work {
  const vals = m.items.map((it) => it.ok);
  let slipItem = -1;
  let finDelta = 0;
  if (rng.chance(slipP)) {
    if (rng.chance(0.55)) {
      slipItem = rng.int(0, m.items.length - 1);
      const it = m.items[slipItem];
      vals[slipItem] = it.slip ? it.slip(rng, vals[slipItem]) : slipInt(rng, vals[slipItem], trailingZeros(vals[slipItem]));
    } else {
      const base = m.combine(vals);
      finDelta = round4((m.finSlip ? m.finSlip(rng, vals, base) : slipInt(rng, base, 0)) - base);
    }
  }
  return { method: m, vals, finDelta, slipItem, fin: round4(m.combine(vals) + finDelta) };
}

function reuseWork(rng: Rng, w: Work): Work {
  const repeat = w.finDelta !== 0 && rng.chance(0.4);
  const finDelta = repeat ? w.finDelta : 0;
  return { ...w, vals: [...w.vals], finDelta, fin: round4(w.method.combine(w.vals) + finDelta) };
}

function fixedWork(w: Work): Work {
  const vals = w.method.items.map((it) => it.ok);
  return { method: w.method, vals, finDelta: 0, slipItem: -1, fin: round4(w.method.combine(vals)) };
}

type SepStyle = 'comma' | 'space' | 'plain' | 'mixed';

function sepFns(style: SepStyle): { num: (n: number) => string; fin: (n: number) => string } {
  const comma = (n: number): string => (Math.abs(n) >= 1000 ? groupDigits(n, ',') : String(n));
  const space = (n: number): string => (Math.abs(n) >= 10000 ? groupDigits(n, ' ') : String(n));
  if (style === 'comma') return { num: comma, fin: comma };
  if (style === 'space') return { num: space, fin: space };
  if (style === 'mixed') return { num: String, fin: (n) => (n >= 1000 ? groupDigits(n, ',') : String(n)) };
  return { num: String, fin: String };
}

function mulProblem(rng: Rng, P: Pools): Problem {
  const da = rng.weighted([
    [3, 4],
    [4, 3],
    [2, 1],
  ] as const);
  const db = rng.weighted([
    [3, 2],
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
  const style = rng.weighted([
    ['comma', 4],
    ['space', 2],
    ['plain', 2],
    ['mixed', 2],
  ] as const);
  const { num, fin } = sepFns(style);
  const method = (n: number, o: number): Method => {
    const parts = placeParts(n);
    return {
      name: n === b ? 'splitB' : 'splitA',
      intro: fill(rng.pick(P.mulIntro), { a: num(a), b: num(b), n: num(n), o: num(o), parts: parts.map(num).join(' + ') }),
      items: parts.map((p) => ({ label: n === b ? `${num(a)} × ${num(p)}` : `${num(p)} × ${num(b)}`, ok: p * o, pre: '', post: '' })),
      combine: (v) => v.reduce((s, x) => s + x, 0),
      finalExpr: (vs) => vs.join(' + '),
      isSum: true,
    };
  };
  const methods = [method(b, a), method(a, b)];
  if (rng.chance(0.4)) methods.reverse();
  return {
    task: `${da}x${db}`,
    query: fill(rng.pick(P.mulQuery), { a: String(a), b: String(b) }),
    answer: a * b,
    res: rng.pick([`${num(a)} × ${num(b)}`, 'the product']),
    pre: '',
    post: '',
    num,
    fin,
    methods,
    plug: (v, fv) => {
      const q = v / a;
      const pass = same(v, a * b);
      const div = rng.chance(0.5);
      const qq = div ? q : v / b;
      const shown = Number.isInteger(qq) ? num(qq) : approx(qq);
      const text = `${fv} ${rng.pick(['/', '÷'])} ${div ? num(a) : num(b)} ${Number.isInteger(qq) ? '=' : '≈'} ${shown}`;
      return { text: pass ? text : `${text}, not ${div ? num(b) : num(a)}`, pass };
    },
  };
}

function moneyProblem(rng: Rng, P: Pools): Problem {
  const n = rng.int(20, 400);
  const p = rng.int(12, 95);
  const fee = rng.int(2, 30) * 5;
  const style = rng.weighted([
    ['comma', 6],
    ['plain', 2],
    ['mixed', 2],
  ] as const);
  const { num, fin } = sepFns(style);
  const m: Method = {
    name: 'money',
    intro: rng.pick(P.moneyIntro),
    items: [{ label: `${n} × $${p}`, ok: n * p, pre: '$', post: '' }],
    combine: (v) => v[0] + fee,
    finalExpr: (vs) => `${vs[0]} + $${fee}`,
    isSum: true,
  };
  return {
    task: 'money',
    query: fill(rng.pick(P.moneyQuery), { n: String(n), p: String(p), fee: String(fee) }),
    answer: n * p + fee,
    res: 'the total cost',
    pre: '$',
    post: '',
    num,
    fin,
    methods: [m],
    plug: (v, fv) => {
      const per = (v - fee) / n;
      const pass = same(v, n * p + fee);
      const shown = Number.isInteger(per) ? String(per) : approx(per);
      return {
        text: fill(rng.pick(P.moneyPlug), {
          V: fv,
          fee: String(fee),
          n: String(n),
          rest: num(v - fee),
          per: shown,
          tail: pass ? '' : `, not $${p}`,
        }),
        pass,
      };
    },
  };
}

function distProblem(rng: Rng, P: Pools): Problem {
  const twoLeg = rng.chance(0.5);
  const { num, fin } = sepFns('comma');
  if (!twoLeg) {
    const v = rng.int(6, 48) * 2;
    const h = rng.int(1, 7);
    const m: Method = {
      name: 'half',
      intro: fill(rng.pick(P.halfIntro), { h: String(h), v: String(v) }),
      items: [
        { label: `${v} × ${h}`, ok: v * h, pre: '', post: ' km' },
        { label: `${v} × 0.5`, ok: v / 2, pre: '', post: ' km' },
      ],
      combine: (x) => x[0] + x[1],
      finalExpr: (vs) => vs.join(' + '),
      isSum: true,
    };
    return {
      task: 'distance',
      query: fill(rng.pick(P.distQuery), { v: String(v), h: String(h) }),
      answer: v * h + v / 2,
      res: 'the distance',
      pre: '',
      post: ' km',
      num,
      fin,
      methods: [m],
      plug: (val, fv) => {
        const t = val / v;
        const pass = same(val, v * h + v / 2);
        return {
          text: fill(rng.pick(P.halfPlug), {
            V: fv,
            v: String(v),
            t: Number.isInteger(t * 100) ? String(t) : approx(t),
            tail: pass ? '' : `, not ${h}.5`,
          }),
          pass,
        };
      },
    };
  }
  const v1 = rng.int(3, 95);
  const t1 = rng.int(2, 6);
  const v2 = rng.int(3, 95);
  const t2 = rng.int(2, 5);
  const m: Method = {
    name: 'legs',
    intro: rng.pick(P.legsIntro),
    items: [
      { label: `${v1} × ${t1}`, ok: v1 * t1, pre: '', post: ' km' },
      { label: `${v2} × ${t2}`, ok: v2 * t2, pre: '', post: ' km' },
    ],
    combine: (x) => x[0] + x[1],
    finalExpr: (vs) => vs.join(' + '),
    isSum: true,
  };
  return {
    task: 'distance',
    query: fill(rng.pick(P.distQuery2), { v1: String(v1), t1: String(t1), v2: String(v2), t2: String(t2) }),
    answer: v1 * t1 + v2 * t2,
    res: 'the total distance',
    pre: '',
    post: ' km',
    num,
    fin,
    methods: [m],
    plug: (val, fv) => {
      const rest = val - v1 * t1;
      const pass = same(val, v1 * t1 + v2 * t2);
      return {
        text: fill(rng.pick(P.legsPlug), {
          V: fv,
          d1: String(v1 * t1),
          rest: String(rest),
          t2: String(t2),
          sp: approx(rest / t2),
          tail: pass ? '' : `, not ${v2}`,
        }),
        pass,
      };
    },
  };
}

function pctProblem(rng: Rng, P: Pools): Problem {
  let j: number;
  let mm: number;
  do {
    j = rng.int(1, 39);
    mm = rng.int(1, 12);
  } while (j % 4 === 0 && !rng.chance(0.3)); // whole percentages are less frequent
  const B = 40 * mm;
  const A = j * mm;
  const pct = 2.5 * j;
  const dec = round4(A / B);
  const f = (x: number): string => String(round4(x));
  const m: Method = {
    name: 'pct',
    intro: rng.pick(P.pctIntro),
    items: [
      {
        label: `${A} ÷ ${B}`,
        ok: dec,
        pre: '',
        post: '',
        slip: (r, v) => {
          for (;;) {
            const w = round4(v + r.pick([0.01, -0.01, 0.025, -0.025, 0.05, 0.1]));
            if (w > 0 && !same(w, v)) return w;
          }
        },
      },
    ],
    combine: (v) => round4(v[0] * 100),
    finalExpr: (vs) => `${vs[0]} × 100`,
    isSum: false,
    finSlip: (r, vals) => round4(vals[0] * r.pick([10, 1000])),
  };
  return {
    task: 'percent',
    query: fill(rng.pick(P.pctQuery), { A: String(A), B: String(B) }),
    answer: pct,
    res: 'the percentage',
    pre: '',
    post: '%',
    num: f,
    fin: f,
    methods: [m],
    plug: (val, fv) => {
      const part = round4((val / 100) * B);
      const pass = same(val, pct);
      return { text: fill(rng.pick(P.pctPlug), { V: fv, B: String(B), part: String(part), tail: pass ? '' : `, not ${A}` }), pass };
    },
  };
}

function discProblem(rng: Rng, P: Pools): Problem {
  const Pr = rng.int(2, 60) * 20;
  const pct = rng.int(1, 9) * 5;
  const D = (Pr * pct) / 100;
  const style = rng.weighted([
    ['comma', 6],
    ['plain', 3],
  ] as const);
  const { num, fin } = sepFns(style);
  const m: Method = {
    name: 'disc',
    intro: fill(rng.pick(P.discIntro), { pct: String(pct), P: num(Pr) }),
    items: [
      { label: `${pct}% of $${num(Pr)}`, ok: D, pre: '$', post: '', slip: (r, v) => (v >= 10 ? slipInt(r, v, 0) : v + r.pick([1, 2, 10])) },
    ],
    combine: (v) => Pr - v[0],
    finalExpr: (vs) => `$${num(Pr)} − ${vs[0]}`,
    isSum: false,
  };
  return {
    task: 'discount',
    query: fill(rng.pick(P.discQuery), { P: String(Pr), pct: String(pct) }),
    answer: Pr - D,
    res: 'the sale price',
    pre: '$',
    post: '',
    num,
    fin,
    methods: [m],
    plug: (val, fv) => {
      const pass = same(val, Pr - D);
      const frac = round4(val / Pr);
      const want = round4((100 - pct) / 100);
      return {
        text: fill(rng.pick(P.discPlug), {
          V: fv,
          P: num(Pr),
          frac: String(frac),
          tail: pass ? `, which is 1 − ${round4(pct / 100)}` : `, not ${want}`,
        }),
        pass,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Ctx {
  rng: Rng;
  P: Pools;
  b: Body;
  prob: Problem;
}

function itemStr(ctx: Ctx, it: Item, v: number): string {
  return `${it.pre}${ctx.prob.num(v)}${it.post}`;
}

function ansVars(ctx: Ctx, v: number): Vars {
  return { V: ctx.prob.fin(v), pre: ctx.prob.pre, post: ctx.prob.post, res: ctx.prob.res };
}

/**
 * Render a derivation ending in its value (recorded). `showItems` false reuses items stated
 * before (re-adding). Returns nothing; the candidate is recorded exactly once.
 */
function renderWork(ctx: Ctx, w: Work, showItems: boolean, order?: number[]): void {
  const { b, rng, P, prob } = ctx;
  const m = w.method;
  const idx = order ?? w.vals.map((_, i) => i);
  const lineStyle = rng.pick(['lines', 'inline']);
  if (showItems) {
    const lead = m.name.startsWith('split') ? rng.pick(P.itemLead) : '';
    if (lead) b.add(lead + '\n');
    if (lineStyle === 'lines') for (const i of idx) b.add(`${m.items[i].label} = ${itemStr(ctx, m.items[i], w.vals[i])}\n`);
    else b.add(idx.map((i) => `${m.items[i].label} = ${itemStr(ctx, m.items[i], w.vals[i])}`).join(', ') + '.\n');
  }
  const vs = idx.map((i) => (m.items[i].post.trim() === 'km' ? prob.num(w.vals[i]) : itemStr(ctx, m.items[i], w.vals[i])));
  const A = ansVars(ctx, w.fin);
  // without the items shown again, the work is the final computation itself: show its terms
  const r = showItems ? rng.next() : 0.65;
  if (m.isSum && m.name.startsWith('split') && r < 0.6) {
    b.put(rng.pick(P.sumWord), { terms: m.finalExpr(vs), V: A.V }, true);
    b.add('\n');
    return;
  }
  if (r < 0.8) {
    // result line of the final computation
    b.put(`${m.finalExpr(vs)} = {pre}{V}{post}\n`, A, true);
    return;
  }
  // the concluding sentence is the first statement of the value
  b.put(rng.pick(P.conclude), A, true);
  b.add('\n');
}

function genRecord(seed: number, split: Split, index: number, P: Pools): PhrasingRecord {
  const rng = new Rng(hashStr(`${family}|${split}|${seed}|${index}`));
  const kind = rng.weighted([
    ['mul', 5],
    ['money', 2],
    ['dist', 2],
    ['pct', 2],
    ['disc', 2],
  ] as const);
  const prob =
    kind === 'mul'
      ? mulProblem(rng, P)
      : kind === 'money'
        ? moneyProblem(rng, P)
        : kind === 'dist'
          ? distProblem(rng, P)
          : kind === 'pct'
            ? pctProblem(rng, P)
            : discProblem(rng, P);
  const b = new Body();
  const ctx: Ctx = { rng, P, b, prob };
  const fv = (n: number): string => prob.fin(n);

  // attempt 1
  const works: Work[] = [makeWork(rng, prob.methods[0], 0.5)];
  b.add(prob.methods[0].intro + '\n');
  renderWork(ctx, works[0], true);

  let n = rng.weighted([
    [1, 28],
    [2, 36],
    [3, 24],
    [4, 12],
  ] as const);
  let lastHow = '';
  for (let k = 0; ; k++) {
    const cur = works[works.length - 1];
    const ok = same(cur.fin, prob.answer);
    const more = works.length < n && !(ok && works.length >= 2 && same(works[works.length - 2].fin, cur.fin));
    // what follows the candidate: restatement, bare confirmation, plug-back check
    const follow = rng.weighted([
      ['restate', 3],
      ['bare', 1.5],
      ['plug', 3],
      ['none', 2],
    ] as const);
    let plugFailed = false;
    if (follow === 'restate') {
      b.put(rng.pick(P.restate), ansVars(ctx, cur.fin));
      b.add('\n');
    } else if (follow === 'bare') {
      b.add(rng.pick(P.bare) + '\n');
    } else if (follow === 'plug') {
      const { text, pass } = prob.plug(cur.fin, fv(cur.fin));
      // a wrong value either fails its check (prompting another attempt) or, when the response
      // ends here, is "confirmed" by a careless check
      if (pass) b.add(`${rng.pick(P.checkLead)}${text}. ${rng.pick(P.checkOk)}\n`);
      else if (more || works.length < 4) {
        b.add(`${rng.pick(P.checkLead)}${text}. ${rng.pick(P.checkFail)}\n`);
        plugFailed = true;
        if (!more) n = works.length + 1;
      }
    }
    const goOn = works.length < n && !(ok && works.length >= 2 && same(works[works.length - 2].fin, cur.fin));
    if (!goOn) break;
    b.add('\n');
    let how: 'reuse' | 'alt' | 'fix';
    if (!ok)
      how = rng.weighted([
        ['fix', plugFailed ? 6 : 4],
        ['reuse', lastHow === 'reuse' || plugFailed ? 0 : 3],
        ['alt', 3],
      ] as const);
    else
      how = rng.weighted([
        ['reuse', lastHow === 'reuse' ? 0 : 4],
        ['alt', 6],
      ] as const);
    lastHow = how;
    let w: Work;
    if (how === 'fix') {
      w = fixedWork(cur);
      if (!plugFailed && rng.chance(0.6)) b.add(rng.pick(P.doubt) + ' ');
      if (cur.slipItem >= 0) {
        const it = cur.method.items[cur.slipItem];
        b.put(rng.pick(P.fixItem), { label: it.label, ok: itemStr(ctx, it, it.ok), bad: itemStr(ctx, it, cur.vals[cur.slipItem]) });
        b.add('\n');
        renderWork(ctx, w, false);
      } else {
        b.add(rng.pick(P.fixFin) + '\n');
        renderWork(ctx, w, false);
      }
    } else if (how === 'reuse') {
      w = reuseWork(rng, cur);
      if (rng.chance(0.4)) b.add(rng.pick(P.doubt) + ' ');
      b.add(rng.pick(P.reuseLead) + '\n');
      const order = w.vals.map((_, i) => i);
      if (w.method.isSum && rng.chance(0.5)) order.reverse();
      renderWork(ctx, w, w.vals.length > 1 && rng.chance(0.5), order);
    } else {
      const others = prob.methods.length > 1 ? prob.methods.filter((mm) => mm !== cur.method) : prob.methods;
      const m = rng.pick(others);
      w = makeWork(rng, m, ok ? 0.2 : 0.3);
      b.add(rng.pick(P.recheckLead) + '\n');
      if (m !== cur.method) b.add(m.intro + '\n');
      renderWork(ctx, w, true);
    }
    works.push(w);
    if (same(w.fin, cur.fin)) {
      if (rng.chance(0.6)) b.add(rng.pick(P.echo) + '\n');
    } else {
      if (rng.chance(0.6)) {
        b.put(rng.pick(P.differ), { P: fv(cur.fin), N: fv(w.fin) });
        b.add('\n');
      }
      // an unresolved disagreement usually makes the model try once more
      if (works.length === n && n < 4 && rng.chance(0.6)) n++;
    }
    if (k > 8) break;
  }

  const body = b.text.replace(/\n{3,}/g, '\n\n').trimEnd();
  if (body !== b.text.trimEnd()) throw new Error('unexpected blank-line run');
  const cands = b.cands;
  return {
    id: `${family}-${split}-${seed}-${index}`,
    headers: { query: prob.query, answer: String(prob.answer), task: prob.task },
    body,
    candidates: cands,
    final: cands.length ? cands[cands.length - 1].value : null,
  };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const P = splitPools(split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(genRecord(seed, split, i, P));
  return out;
}
