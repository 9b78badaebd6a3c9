// Phrasing family "helpdesk-chat": a friendly chat assistant answering everyday word problems
// (shopping, bills, recipes, travel, savings) with currency signs, thousands separators, units,
// light markdown (bold, bullets, short headers), rare emojis, a recap at the end, and polite
// corrections ("Oops, let me fix that"). Labels follow docs/annotation-guide.md:
//  - the candidate is the FIRST statement of a value as the answer (a result line of the asked
//    quantity, or a concluding sentence); restatements right after, confirmations without new work
//    ("Yes, that's right") and the recap merge into it / are not candidates;
//  - a second method or a re-check in words that goes back over the asked quantity and then states
//    the answer is a new candidate (an echo when the value is the same);
//  - intermediates (subtotals, per-serving amounts, tips), numbers quoted from the question, tried
//    values ("After 12 weeks: ...") and sub-step checks are not candidates.
// Values are labelled without the currency sign or unit ("$1,234.50" -> "1,234.50", "450 g" -> "450").
// Self-contained: no imports.

export const family = 'helpdesk-chat';

export interface PhrasingCandidate {
  value: string; // the value as written in the body
  offset: number; // index in body of the first character of the value
}

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>; // query, answer (ground truth), task; truncated when cut off
  body: string;
  candidates: PhrasingCandidate[];
  final: string | null;
}

type Split = 'dev' | 'heldout';

// ---------------------------------------------------------------- PRNG

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

class Rng {
  constructor(private f: () => number) {}
  next(): number {
    return this.f();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.f() * (hi - lo + 1));
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.f() * a.length)];
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
}

// ---------------------------------------------------------------- formatting

interface Style {
  sym: string; // currency sign
  cents: boolean; // always show .00
  sep: boolean; // thousands separators
  bullet: '- ' | '* ' | '• ' | '1. ';
  boldLabels: boolean;
  emoji: boolean;
}

function group(i: string, sep: boolean): string {
  return sep ? i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : i;
}

function fmtNum(x: number, sep: boolean): string {
  const r = Math.round(x * 100) / 100;
  const s = Number.isInteger(r) ? String(r) : r.toFixed(2).replace(/0$/, '');
  const [i, d] = s.split('.');
  return group(i, sep) + (d ? '.' + d : '');
}

function moneyNum(c: number, S: Style): string {
  const whole = Math.floor(c / 100);
  const rest = c % 100;
  if (!S.cents && rest === 0) return group(String(whole), S.sep);
  return group(String(whole), S.sep) + '.' + String(rest).padStart(2, '0');
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- problem kinds

interface Sol {
  lines: string[]; // intermediate steps (never the answer itself)
  expr: string | null; // the last operation, giving the answer (null: concluded in words)
  value: number; // cents for money, else the number
}

interface Slip<P> {
  P: P;
  note: string; // lower-case clause: what was wrong
  tag: 'arith' | 'misread';
  echoable: boolean; // the second method repeats the same mistake
}

interface Kind<P> {
  task: string;
  money: boolean;
  make(r: Rng): P;
  query(P: P, S: Style): string;
  facts(P: P, S: Style): string[];
  what(P: P): string; // noun phrase for the asked quantity
  label(P: P): string; // result-line label
  unit(P: P): string; // text after the number (non-money)
  solve(P: P, S: Style): Sol;
  alt(P: P, S: Style): Sol;
  words(P: P, S: Style): string; // a re-check in words that does NOT state the answer
  subcheck(P: P, S: Style): string;
  slips(P: P, S: Style, r: Rng): Slip<P>[];
}

const M = (S: Style) => (c: number) => S.sym + moneyNum(Math.round(c), S);
const N = (S: Style) => (x: number) => fmtNum(x, S.sep);

// 1. shopping with a coupon and shipping
interface Shop {
  item: string;
  n: number;
  p: number;
  d: number;
  ship: number;
  subErr: number;
  noShip: boolean;
}
const SHOP: Kind<Shop> = {
  task: 'shopping',
  money: true,
  make(r) {
    for (;;) {
      const item = r.pick([
        'concert tickets',
        'T-shirts',
        'notebooks',
        'bags of coffee',
        'phone cases',
        'board games',
        'yoga mats',
        'water bottles',
      ]);
      const n = r.int(2, 9);
      const p = r.int(6, 140) * 100 + (r.chance(0.35) ? r.pick([50, 25, 75]) : 0);
      const d = r.pick([10, 15, 20, 25, 30, 40]);
      const ship = r.chance(0.5) ? 0 : r.pick([350, 499, 599, 800, 1000]);
      if ((p * (100 - d)) % 100 !== 0) continue;
      return { item, n, p, d, ship, subErr: 0, noShip: false };
    }
  },
  query(P, S) {
    const m = M(S);
    return `I'm ordering ${P.n} ${P.item} that cost ${m(P.p)} each. I have a ${P.d}% off coupon for the whole order${P.ship ? `, and shipping is a flat ${m(P.ship)} (the coupon doesn't apply to shipping)` : ''}. How much will I pay in total?`;
  },
  facts(P, S) {
    const m = M(S);
    return [`${P.n} ${P.item} at ${m(P.p)} each`, `${P.d}% off coupon`, ...(P.ship ? [`${m(P.ship)} flat shipping`] : [])];
  },
  what: () => 'your total',
  label: () => 'Total',
  unit: () => '',
  solve(P, S) {
    const m = M(S);
    const sub = P.n * P.p + P.subErr;
    const disc = (sub * P.d) / 100;
    const lines = [`Subtotal: ${P.n} × ${m(P.p)} = ${m(sub)}`, `Coupon (${P.d}% off): ${P.d}% of ${m(sub)} = ${m(disc)}`];
    if (P.ship && !P.noShip) {
      lines.push(`After the coupon: ${m(sub)} − ${m(disc)} = ${m(sub - disc)}`);
      return { lines, expr: `${m(sub - disc)} + ${m(P.ship)} shipping`, value: sub - disc + P.ship };
    }
    return { lines, expr: `${m(sub)} − ${m(disc)}`, value: sub - disc };
  },
  alt(P, S) {
    const m = M(S);
    const per = (P.p * (100 - P.d)) / 100;
    const lines = [`Price per item after ${P.d}% off: ${m(P.p)} × ${fmtNum((100 - P.d) / 100, false)} = ${m(per)}`];
    if (P.ship && !P.noShip) {
      lines.push(`All ${P.n} items: ${P.n} × ${m(per)} = ${m(P.n * per)}`);
      return { lines, expr: `${m(P.n * per)} + ${m(P.ship)}`, value: P.n * per + P.ship };
    }
    return { lines, expr: `${P.n} × ${m(per)}`, value: P.n * per };
  },
  words(P, S) {
    const m = M(S);
    const sub = P.n * P.p;
    const after = sub - (sub * P.d) / 100;
    return P.ship
      ? `Working backwards: take off the ${m(P.ship)} shipping and you're left with ${m(after)}, which is ${100 - P.d}% of the ${m(sub)} subtotal, just as it should be with ${P.d}% off.`
      : `Working backwards: that amount is ${100 - P.d}% of the ${m(sub)} subtotal (${P.n} × ${m(P.p)}), exactly what ${P.d}% off should leave.`;
  },
  subcheck(P, S) {
    const m = M(S);
    return `${P.n} × ${m(P.p)} = ${m(P.n * P.p)}`;
  },
  slips(P, S, r) {
    const m = M(S);
    const out: Slip<Shop>[] = [];
    const d2 = P.d + r.pick([5, -5, 10]);
    if (d2 > 0 && (P.n * P.p * d2) % 100 === 0)
      out.push({
        P: { ...P, d: d2 },
        note: `the coupon is ${P.d}% off, not ${d2}%`,
        tag: 'misread',
        echoable: (P.p * (100 - d2)) % 100 === 0,
      });
    const e = r.chance(0.5) ? P.p : -P.p;
    out.push({
      P: { ...P, subErr: e },
      note: `${P.n} × ${m(P.p)} is ${m(P.n * P.p)}, not ${m(P.n * P.p + e)}`,
      tag: 'arith',
      echoable: false,
    });
    if (P.ship) out.push({ P: { ...P, noShip: true }, note: `I forgot to add the ${m(P.ship)} shipping`, tag: 'misread', echoable: true });
    return out;
  },
};

// 2. splitting a restaurant bill with a tip
interface Bill {
  k: number;
  B: number;
  t: number;
  tipErr: number;
  noTip: boolean;
}
const SPLIT: Kind<Bill> = {
  task: 'bill-split',
  money: true,
  make(r) {
    for (;;) {
      const k = r.int(2, 6);
      const t = r.pick([10, 15, 18, 20]);
      const B = r.int(30, 320) * 100 + (r.chance(0.3) ? 50 : 0);
      const tip = (B * t) / 100;
      if ((B * t) % 100 !== 0 || B % k !== 0 || tip % k !== 0) continue;
      return { k, B, t, tipErr: 0, noTip: false };
    }
  },
  query(P, S) {
    return `Dinner for ${P.k} of us came to ${M(S)(P.B)}. We want to leave a ${P.t}% tip and split everything evenly. How much does each person pay?`;
  },
  facts(P, S) {
    return [`bill: ${M(S)(P.B)}`, `tip: ${P.t}%`, `${P.k} people`];
  },
  what: () => "each person's share",
  label: () => 'Each person pays',
  unit: () => '',
  solve(P, S) {
    const m = M(S);
    if (P.noTip) return { lines: [`Bill: ${m(P.B)}, shared by ${P.k}`], expr: `${m(P.B)} ÷ ${P.k}`, value: Math.round(P.B / P.k) };
    const tip = (P.B * P.t) / 100 + P.tipErr;
    return {
      lines: [`Tip: ${P.t}% of ${m(P.B)} = ${m(tip)}`, `Total with tip: ${m(P.B)} + ${m(tip)} = ${m(P.B + tip)}`],
      expr: `${m(P.B + tip)} ÷ ${P.k}`,
      value: Math.round((P.B + tip) / P.k),
    };
  },
  alt(P, S) {
    const m = M(S);
    const tip = (P.B * P.t) / 100;
    const a = Math.round(P.B / P.k);
    const b = Math.round(tip / P.k);
    return {
      lines: [
        `Each person's part of the bill: ${m(P.B)} ÷ ${P.k} = ${m(a)}`,
        `Each person's part of the tip: ${m(tip)} ÷ ${P.k} = ${m(b)}`,
      ],
      expr: `${m(a)} + ${m(b)}`,
      value: a + b,
    };
  },
  words(P, S) {
    const m = M(S);
    const tip = (P.B * P.t) / 100;
    return `If all ${P.k} of you pay that, together you hand over ${m(P.B + tip)}, which is the ${m(P.B)} bill plus a ${m(tip)} tip, and ${m(tip)} is indeed ${P.t}% of ${m(P.B)}.`;
  },
  subcheck(P, S) {
    const m = M(S);
    return `${P.t}% of ${m(P.B)} = ${m((P.B * P.t) / 100)}`;
  },
  slips(P, S, r) {
    const m = M(S);
    const tip = (P.B * P.t) / 100;
    const out: Slip<Bill>[] = [{ P: { ...P, noTip: true }, note: `I forgot to include the ${P.t}% tip`, tag: 'misread', echoable: false }];
    const e = r.pick([500, -500, 1000, 100]);
    if (tip + e > 0)
      out.push({ P: { ...P, tipErr: e }, note: `${P.t}% of ${m(P.B)} is ${m(tip)}, not ${m(tip + e)}`, tag: 'arith', echoable: false });
    const k2 = P.k + 1;
    out.push({ P: { ...P, k: k2 }, note: `there are ${P.k} of you, not ${k2}`, tag: 'misread', echoable: true });
    return out;
  },
};

// 3. scaling a recipe
interface Recipe {
  ing: string;
  u: string;
  dish: string;
  s: number;
  per: number;
  t: number;
  perErr: number;
}
const RECIPE: Kind<Recipe> = {
  task: 'recipe',
  money: false,
  make(r) {
    for (;;) {
      const [ing, u] = r.pick([
        ['flour', 'g'],
        ['sugar', 'g'],
        ['butter', 'g'],
        ['milk', 'ml'],
        ['rice', 'g'],
        ['stock', 'ml'],
      ] as const);
      const dish = r.pick(['pancake', 'curry', 'cake', 'risotto', 'muffin', 'soup']);
      const s = r.pick([4, 6, 8, 10, 12]);
      const mult = r.pick([0.5, 1.5, 2, 2.5, 3, 4]);
      const t = s * mult;
      if (!Number.isInteger(t) || t < 2) continue;
      const per = r.int(8, 90);
      return { ing, u, dish, s, per, t, perErr: 0 };
    }
  },
  query(P) {
    return `My ${P.dish} recipe makes ${P.s} servings and calls for ${P.s * P.per} ${P.u} of ${P.ing}. I need ${P.t} servings. How much ${P.ing} should I use?`;
  },
  facts(P, S) {
    return [`recipe: ${P.s} servings`, `${fmtNum(P.s * P.per, S.sep)} ${P.u} of ${P.ing}`, `you need ${P.t} servings`];
  },
  what: (P) => `the amount of ${P.ing}`,
  label: (P) => cap(P.ing) + ' needed',
  unit: (P) => ' ' + P.u,
  solve(P, S) {
    const n = N(S);
    const a = P.s * P.per;
    const per = P.per + P.perErr;
    return {
      lines: [`${cap(P.ing)} per serving: ${n(a)} ${P.u} ÷ ${P.s} = ${per} ${P.u}`],
      expr: `${per} ${P.u} × ${P.t}`,
      value: per * P.t,
    };
  },
  alt(P, S) {
    const n = N(S);
    const a = P.s * P.per;
    return { lines: [`Scale factor: ${P.t} ÷ ${P.s} = ${n(P.t / P.s)}`], expr: `${n(a)} ${P.u} × ${n(P.t / P.s)}`, value: (a * P.t) / P.s };
  },
  words(P, S) {
    const n = N(S);
    return `Going backwards: that amount divided by ${P.t} servings gives ${P.per} ${P.u} per serving, the same rate as ${n(P.s * P.per)} ${P.u} for ${P.s} servings.`;
  },
  subcheck(P, S) {
    return `${fmtNum(P.s * P.per, S.sep)} ÷ ${P.s} = ${P.per}`;
  },
  slips(P, S, r) {
    const out: Slip<Recipe>[] = [];
    const e = r.pick([1, -1, 2, 5, -5, 10]);
    if (P.per + e > 0)
      out.push({
        P: { ...P, perErr: e },
        note: `${fmtNum(P.s * P.per, S.sep)} ÷ ${P.s} is ${P.per}, not ${P.per + e}`,
        tag: 'arith',
        echoable: false,
      });
    const t2 = P.t + r.pick([2, -2, 4]);
    if (t2 > 0 && t2 !== P.s)
      out.push({ P: { ...P, t: t2 }, note: `you need ${P.t} servings, not ${t2}`, tag: 'misread', echoable: false });
    return out;
  },
};

// 4. a multi-day road trip
interface Trip {
  d: number;
  h: number;
  v: number;
  hvErr: number;
}
const TRIP: Kind<Trip> = {
  task: 'travel-distance',
  money: false,
  make(r) {
    return { d: r.int(2, 6), h: r.int(3, 9), v: r.int(12, 24) * 5, hvErr: 0 };
  },
  query(P) {
    return `We're on a road trip for ${P.d} days, driving about ${P.h} hours a day at an average of ${P.v} km/h. How far will we travel in total?`;
  },
  facts(P) {
    return [`${P.d} days`, `${P.h} hours of driving per day`, `${P.v} km/h on average`];
  },
  what: () => 'the total distance',
  label: () => 'Total distance',
  unit: () => ' km',
  solve(P, S) {
    const n = N(S);
    const hv = P.h * P.v + P.hvErr;
    return { lines: [`Each day: ${P.h} h × ${P.v} km/h = ${n(hv)} km`], expr: `${n(hv)} km × ${P.d}`, value: hv * P.d };
  },
  alt(P) {
    return {
      lines: [`Total time behind the wheel: ${P.d} × ${P.h} h = ${P.d * P.h} h`],
      expr: `${P.d * P.h} h × ${P.v} km/h`,
      value: P.d * P.h * P.v,
    };
  },
  words(P, S) {
    const n = N(S);
    return `Dividing back: that distance over ${P.d} days is ${n(P.h * P.v)} km a day, and ${n(P.h * P.v)} km ÷ ${P.v} km/h = ${P.h} hours of driving per day, which matches the plan.`;
  },
  subcheck(P, S) {
    return `${P.h} × ${P.v} = ${fmtNum(P.h * P.v, S.sep)}`;
  },
  slips(P, S, r) {
    const e = r.pick([10, -10, 100, -100, 50]);
    const d2 = P.d + 1;
    return [
      {
        P: { ...P, hvErr: e },
        note: `${P.h} × ${P.v} is ${fmtNum(P.h * P.v, S.sep)}, not ${fmtNum(P.h * P.v + e, S.sep)}`,
        tag: 'arith',
        echoable: false,
      },
      { P: { ...P, d: d2 }, note: `the trip is ${P.d} days, not ${d2}`, tag: 'misread', echoable: true },
    ];
  },
};

// 5. fuel cost of a drive
interface Fuel {
  D: number;
  c: number;
  p: number;
  LErr: number;
}
const FUEL: Kind<Fuel> = {
  task: 'fuel-cost',
  money: true,
  make(r) {
    return { D: r.int(2, 18) * 100, c: r.int(5, 9), p: r.int(139, 219), LErr: 0 };
  },
  query(P, S) {
    return `I'm driving ${fmtNum(P.D, S.sep)} km and my car uses ${P.c} L per 100 km. Fuel is ${M(S)(P.p)} per litre. How much will the fuel cost me?`;
  },
  facts(P, S) {
    return [`distance: ${fmtNum(P.D, S.sep)} km`, `consumption: ${P.c} L/100 km`, `fuel price: ${M(S)(P.p)} per litre`];
  },
  what: () => 'the fuel cost',
  label: () => 'Fuel cost',
  unit: () => '',
  solve(P, S) {
    const L = (P.D / 100) * P.c + P.LErr;
    return { lines: [`Fuel needed: ${P.D / 100} × ${P.c} L = ${L} L`], expr: `${L} L × ${M(S)(P.p)}`, value: L * P.p };
  },
  alt(P, S) {
    const m = M(S);
    return {
      lines: [`Cost per 100 km: ${P.c} L × ${m(P.p)} = ${m(P.c * P.p)}`],
      expr: `${m(P.c * P.p)} × ${P.D / 100}`,
      value: P.c * P.p * (P.D / 100),
    };
  },
  words(P, S) {
    const L = (P.D / 100) * P.c;
    return `Going backwards: that cost divided by ${M(S)(P.p)} per litre is ${L} L, and ${L} L at ${P.c} L per 100 km covers exactly ${fmtNum(P.D, S.sep)} km.`;
  },
  subcheck(P) {
    return `${P.D / 100} × ${P.c} = ${(P.D / 100) * P.c} L`;
  },
  slips(P, S, r) {
    const e = r.pick([10, -10, 5, 20]);
    const L = (P.D / 100) * P.c;
    const out: Slip<Fuel>[] = [];
    if (L + e > 0) out.push({ P: { ...P, LErr: e }, note: `${P.D / 100} × ${P.c} is ${L}, not ${L + e}`, tag: 'arith', echoable: false });
    const c2 = P.c + r.pick([1, -1]);
    out.push({ P: { ...P, c: c2 }, note: `your car uses ${P.c} L per 100 km, not ${c2}`, tag: 'misread', echoable: true });
    return out;
  },
};

// 6. weeks of saving to reach a goal (rounding up; tried values in the check)
interface Save {
  G: number;
  a: number;
  w: number;
  floor: boolean;
  what: string;
}
function weeksOf(P: Save): number {
  const x = (P.G - P.a) / P.w;
  return P.floor ? Math.round(x) : Math.ceil(x);
}
const SAVE: Kind<Save> = {
  task: 'savings',
  money: false,
  make(r) {
    for (;;) {
      const w = r.int(2, 30) * 500;
      const a = r.int(0, 40) * 1000;
      const G = a + r.int(3, 30) * w + r.int(1, 9) * (w / 10);
      const frac = (G - a) / w - Math.floor((G - a) / w);
      if (frac < 0.1 || frac > 0.45) continue;
      return { G, a, w, floor: false, what: r.pick(['a new laptop', 'a bike', 'a weekend trip', 'a camera', 'concert tickets']) };
    }
  },
  query(P, S) {
    const m = M(S);
    return `I want to save ${m(P.G)} for ${P.what}. I already have ${m(P.a)} and I can put away ${m(P.w)} every week. How many weeks until I have enough?`;
  },
  facts(P, S) {
    const m = M(S);
    return [`goal: ${m(P.G)}`, `already saved: ${m(P.a)}`, `${m(P.w)} per week`];
  },
  what: () => 'the time you need',
  label: () => 'Weeks needed',
  unit: () => ' weeks',
  solve(P, S) {
    const m = M(S);
    const x = (P.G - P.a) / P.w;
    const xs = x.toFixed(1);
    return {
      lines: [
        `Still needed: ${m(P.G)} − ${m(P.a)} = ${m(P.G - P.a)}`,
        `${m(P.G - P.a)} ÷ ${m(P.w)} per week ≈ ${xs} weeks`,
        P.floor
          ? `That's about ${xs} weeks, so rounding to a whole number of weeks`
          : `A partial week still counts as a week, so round ${xs} up`,
      ],
      expr: null,
      value: weeksOf(P),
    };
  },
  alt(P, S) {
    const m = M(S);
    const V = Math.ceil((P.G - P.a) / P.w);
    return {
      lines: [
        `After ${V - 1} weeks: ${m(P.a)} + ${V - 1} × ${m(P.w)} = ${m(P.a + (V - 1) * P.w)}, still short of ${m(P.G)}`,
        `After ${V} weeks: ${m(P.a)} + ${V} × ${m(P.w)} = ${m(P.a + V * P.w)}, which covers it`,
      ],
      expr: null,
      value: V,
    };
  },
  words(P, S) {
    const m = M(S);
    const V = Math.ceil((P.G - P.a) / P.w);
    return `Check with one week less: ${V - 1} weeks gets you to ${m(P.a + (V - 1) * P.w)}, which is short of ${m(P.G)}. One more week brings you to ${m(P.a + V * P.w)}, which is enough.`;
  },
  subcheck(P, S) {
    const m = M(S);
    return `${m(P.G)} − ${m(P.a)} = ${m(P.G - P.a)}`;
  },
  slips(P, S) {
    const m = M(S);
    const V = Math.ceil((P.G - P.a) / P.w);
    const out: Slip<Save>[] = [
      {
        P: { ...P, floor: true },
        note: `after ${V - 1} weeks you'd only have ${m(P.a + (V - 1) * P.w)}, so you need one more week`,
        tag: 'arith',
        echoable: false,
      },
    ];
    const w2 = P.w + 500;
    if (Math.ceil((P.G - P.a) / w2) !== V)
      out.push({ P: { ...P, w: w2 }, note: `you save ${m(P.w)} a week, not ${m(w2)}`, tag: 'misread', echoable: true });
    return out;
  },
};

// 7. monthly bills over several months
interface Bills {
  R: number;
  U: number;
  I: number;
  mo: number;
  monErr: number;
  noI: boolean;
}
const BILLS: Kind<Bills> = {
  task: 'monthly-bills',
  money: true,
  make(r) {
    return {
      R: r.int(70, 260) * 1000 + (r.chance(0.4) ? 500 : 0),
      U: r.int(55, 260) * 100 + (r.chance(0.3) ? r.pick([50, 75, 25]) : 0),
      I: r.chance(0.5) ? r.int(25, 95) * 100 : r.int(25, 95) * 100 + 99,
      mo: r.pick([3, 6, 12]),
      monErr: 0,
      noI: false,
    };
  },
  query(P, S) {
    const m = M(S);
    return `My rent is ${m(P.R)} a month, utilities run about ${m(P.U)}, and internet is ${m(P.I)}. How much do I spend on these over ${P.mo} months?`;
  },
  facts(P, S) {
    const m = M(S);
    return [`rent: ${m(P.R)}/month`, `utilities: ${m(P.U)}/month`, `internet: ${m(P.I)}/month`, `${P.mo} months`];
  },
  what: (P) => `the total for ${P.mo} months`,
  label: (P) => `Total for ${P.mo} months`,
  unit: () => '',
  solve(P, S) {
    const m = M(S);
    const mon = P.R + P.U + (P.noI ? 0 : P.I) + P.monErr;
    const line = P.noI ? `Per month: ${m(P.R)} + ${m(P.U)} = ${m(mon)}` : `Per month: ${m(P.R)} + ${m(P.U)} + ${m(P.I)} = ${m(mon)}`;
    return { lines: [line], expr: `${m(mon)} × ${P.mo}`, value: mon * P.mo };
  },
  alt(P, S) {
    const m = M(S);
    const lines = [`Rent: ${m(P.R)} × ${P.mo} = ${m(P.R * P.mo)}`, `Utilities: ${m(P.U)} × ${P.mo} = ${m(P.U * P.mo)}`];
    if (!P.noI) lines.push(`Internet: ${m(P.I)} × ${P.mo} = ${m(P.I * P.mo)}`);
    return {
      lines,
      expr: `${m(P.R * P.mo)} + ${m(P.U * P.mo)}${P.noI ? '' : ` + ${m(P.I * P.mo)}`}`,
      value: (P.R + P.U + (P.noI ? 0 : P.I)) * P.mo,
    };
  },
  words(P, S) {
    const m = M(S);
    return `Dividing back: that total over ${P.mo} months is ${m(P.R + P.U + P.I)} a month, which is ${m(P.R)} rent + ${m(P.U)} utilities + ${m(P.I)} internet.`;
  },
  subcheck(P, S) {
    const m = M(S);
    return `${m(P.R)} + ${m(P.U)} + ${m(P.I)} = ${m(P.R + P.U + P.I)}`;
  },
  slips(P, S, r) {
    const m = M(S);
    const mon = P.R + P.U + P.I;
    const e = r.pick([1000, -1000, 10000, -10000]);
    return [
      { P: { ...P, monErr: e }, note: `${m(P.R)} + ${m(P.U)} + ${m(P.I)} is ${m(mon)}, not ${m(mon + e)}`, tag: 'arith', echoable: false },
      { P: { ...P, noI: true }, note: `I left out the ${m(P.I)} internet bill`, tag: 'misread', echoable: true },
    ];
  },
};

// 8. percent increase of a price
interface Pct {
  thing: string;
  A: number;
  pct: number;
  byNew: boolean;
  diffErr: number;
}
const PCT: Kind<Pct> = {
  task: 'percent-change',
  money: false,
  make(r) {
    for (;;) {
      const A = r.int(8, 400) * 100 + (r.chance(0.3) ? 50 : 0);
      const pct = r.pick([5, 8, 10, 12, 15, 20, 25, 30, 40, 50]);
      if ((A * pct) % 100 !== 0) continue;
      return {
        thing: r.pick(['gym membership', 'streaming subscription', 'monthly train pass', 'car insurance', 'phone plan']),
        A,
        pct,
        byNew: false,
        diffErr: 0,
      };
    }
  },
  query(P, S) {
    const m = M(S);
    return `My ${P.thing} went from ${m(P.A)} to ${m(P.A + (P.A * P.pct) / 100)}. By what percent did the price go up?`;
  },
  facts(P, S) {
    const m = M(S);
    return [`old price: ${m(P.A)}`, `new price: ${m(P.A + (P.A * P.pct) / 100)}`];
  },
  what: () => 'the increase',
  label: () => 'Percent increase',
  unit: () => '%',
  solve(P, S) {
    const m = M(S);
    const B = P.A + (P.A * P.pct) / 100;
    const diff = B - P.A + P.diffErr;
    const base = P.byNew ? B : P.A;
    return {
      lines: [`Increase: ${m(B)} − ${m(P.A)} = ${m(diff)}`],
      expr: `${m(diff)} ÷ ${m(base)} × 100`,
      value: Math.round((diff / base) * 10000) / 100,
    };
  },
  alt(P, S) {
    const m = M(S);
    const B = P.A + (P.A * P.pct) / 100;
    const ratio = B / P.A;
    return {
      lines: [`Ratio: ${m(B)} ÷ ${m(P.A)} = ${fmtNum(ratio, false)}`],
      expr: `(${fmtNum(ratio, false)} − 1) × 100`,
      value: Math.round((ratio - 1) * 10000) / 100,
    };
  },
  words(P, S) {
    const m = M(S);
    const diff = (P.A * P.pct) / 100;
    return `Plugging it back in: ${m(P.A)} raised by that percentage is ${m(P.A)} + ${m(diff)} = ${m(P.A + diff)}, which is exactly the new price.`;
  },
  subcheck(P, S) {
    const m = M(S);
    const B = P.A + (P.A * P.pct) / 100;
    return `${m(B)} − ${m(P.A)} = ${m(B - P.A)}`;
  },
  slips(P, S, r) {
    const m = M(S);
    const diff = (P.A * P.pct) / 100;
    const e = r.pick([100, -100, 1000, 500]);
    const out: Slip<Pct>[] = [
      {
        P: { ...P, byNew: true },
        note: `the increase should be divided by the original price ${m(P.A)}, not the new one`,
        tag: 'misread',
        echoable: false,
      },
    ];
    if (diff + e > 0)
      out.push({ P: { ...P, diffErr: e }, note: `the difference is ${m(diff)}, not ${m(diff + e)}`, tag: 'arith', echoable: false });
    return out;
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const KINDS: Kind<any>[] = [SHOP, SPLIT, RECIPE, TRIP, FUEL, SAVE, BILLS, PCT];

// ---------------------------------------------------------------- phrasing pools
// Each pool is split by index parity: even entries for 'dev', odd entries for 'heldout'.
// Placeholders: {V} the candidate (or restated) value, {WHAT}/{WHAT_C} the asked quantity,
// {EXPR} the last operation, {NOTE}/{NOTE_C} what was wrong, {W} the earlier value, {LBL} label,
// {FACTS} bullet list of the given numbers, {FACTS_IN} the same inline, {X} a sub-step.

interface Pool {
  e: string[]; // with {EXPR}
  n: string[]; // without
}

const OPENERS = [
  "Great question! Let's work it out step by step.",
  'Happy to help with that! 😊',
  "Sure thing, let's break it down.",
  "Good one! Here's how I'd figure it out.",
  'Of course! Let me walk you through it.',
  "No problem, here's the math.",
  "Let's do this together.",
  'Absolutely, this one is quick.',
  "Thanks for the details! Let's crunch the numbers.",
  "Sure! Here's a quick breakdown.",
  "Let's figure this out 🧮",
  "Glad you asked! Here's how it works out.",
];
const FACT_HEADS = [
  "Here's what we know:",
  '**What you told me:**',
  'From your message:',
  '### The numbers',
  '**Given:**',
  'Quick summary of the details:',
  'Let me list what we have:',
  '**The facts**',
];
const STEP_HEADS = [
  '### Step by step',
  '**Working it out:**',
  '### The calculation',
  "Let's crunch the numbers:",
  '**Steps**',
  '### How I got there',
  "Here's the breakdown:",
  '**The math**',
];
const CONCL: Pool = {
  e: [
    'So {WHAT} is {EXPR} = **{V}**.',
    'That makes {WHAT} {EXPR} = **{V}**.',
    "Putting it together: {EXPR} = **{V}**, and that's {WHAT}.",
    'Finally, {EXPR} = **{V}**, which is {WHAT}.',
    '{WHAT_C} works out to {EXPR} = {V}.',
    'Which gives {WHAT} as {EXPR} = **{V}**.',
    'All together, {EXPR} = {V}.',
    'And then {EXPR} = **{V}** for {WHAT}.',
  ],
  n: [
    'So {WHAT} comes to **{V}**.',
    'That means {WHAT} is **{V}**.',
    '**Answer: {V}**',
    '👉 {WHAT_C}: **{V}**',
    'So, {WHAT} would be {V}.',
    'In other words, {WHAT} is {V}.',
    'Final answer: **{V}**',
    'All in, {WHAT} is **{V}**.',
  ],
};
const RESULT_LINE = ['{LBL}: {EXPR} = {V}', '{LBL}: {EXPR} → {V}', '{LBL} = {EXPR} = {V}', '{EXPR} = {V} ({WHAT})'];
const RESTATE = [
  "So that's {V}.",
  "That's {WHAT}: **{V}**.",
  'So the answer is **{V}**.',
  'So {WHAT} is {V}.',
  'In short: **{V}**.',
  "That's your answer: {V}.",
  "So it's {V}.",
  'So: **{V}**.',
];
const CONFIRM = [
  "Does that look right? Yes, that's right.",
  'That makes sense. 👍',
  'Yes, {V} is right.',
  'Looks good to me.',
  'Yep, {V} sounds about right.',
  'That seems reasonable for these numbers.',
  "I'm confident in that.",
  "Yes, that's right.",
  'Seems correct!',
  'Sounds right to me ✅',
];
const SUBCHECK = [
  '(Quick check on one step: {X} ✔)',
  'Just to be safe: {X}. Correct.',
  'Double-checking that step: {X}, yes.',
  '(Sanity check: {X}, good.)',
  'I double-checked that {X}.',
  'One step verified: {X} ✔',
];
const CHECK_INTRO = [
  'Let me double-check that another way.',
  'Quick cross-check with a different approach:',
  "To be safe, here's a second way to get there:",
  'Let me verify by working it out differently.',
  'Double-checking 🔍',
  'Another way to see it:',
  "Just to make sure, I'll recompute it from a different angle.",
  'Let me re-run the numbers another way.',
  '**Double-check:**',
  'Let me verify that with a second method.',
];
const ECHO: Pool = {
  e: [
    '{EXPR} = **{V}**, same as before ✅',
    'That gives {EXPR} = {V}, which matches.',
    '{EXPR} = {V}. Same answer, good.',
    'So {EXPR} = **{V}**, matching the first calculation.',
    'Again {EXPR} = {V} 👍',
    'Result: {EXPR} = **{V}**. It agrees.',
    'And {EXPR} = {V}, the same figure.',
    'That comes to {EXPR} = **{V}** again.',
  ],
  n: [
    "So it's **{V}**, same as before ✅",
    'That again gives {V}, which matches.',
    'Same answer: {V}.',
    'So {WHAT} is **{V}**, matching the first calculation.',
    'Again {V} 👍',
    'Result: **{V}**. It agrees.',
    'Once more, {WHAT} is {V}.',
    'That confirms it: **{V}** again.',
  ],
};
const WORDS_INTRO = [
  "Does that make sense? Let's see.",
  'Let me sanity-check that against the question.',
  'Quick reality check:',
  "Hmm, let me make sure that's right by going back over it.",
  'Let me re-read the question to be sure.',
  'Is that reasonable? Let me check it backwards.',
  'Let me go back over it once more.',
  'One more look, to be safe:',
];
const WORDS_CONCL = [
  'So yes, **{V}** it is.',
  'So {WHAT} really is {V}.',
  'Everything lines up, so the answer stays **{V}**.',
  'Good, {V} holds up.',
  "So I'm sticking with **{V}**.",
  'That confirms {WHAT}: {V}.',
  'So {V} is correct.',
  'Yes, **{V}** checks out.',
];
const FIX_INTRO = [
  'Oops, let me fix that: {NOTE}.',
  'Hold on, I made a slip: {NOTE}. Let me redo it.',
  'Oops! Sorry about that, {NOTE}.',
  "Wait, that's not right. {NOTE_C}.",
  "Ah, my mistake: {NOTE}. Here's the corrected version:",
  'Hmm, I need to correct myself: {NOTE}.',
  'Sorry, small error above: {NOTE}.',
  'Let me fix one thing: {NOTE}.',
  'Oops, let me fix that. {NOTE_C}, so:',
  'Apologies, {NOTE}. Redoing it:',
];
const FIX_CONCL: Pool = {
  e: [
    'So {WHAT} is actually {EXPR} = **{V}**.',
    'That makes it {EXPR} = **{V}** instead.',
    'Corrected: {EXPR} = **{V}**.',
    'So the right figure is {EXPR} = **{V}**.',
    'Updated: {EXPR} = {V}.',
    'So it should be {EXPR} = **{V}**.',
  ],
  n: [
    'So {WHAT} is actually **{V}**.',
    'That makes it **{V}** instead.',
    'Corrected answer: **{V}**',
    'So the right figure is **{V}**.',
    'Updated: {WHAT} = {V}.',
    'So it should be **{V}**.',
  ],
};
const MISMATCH: Pool = {
  e: [
    "That gives {EXPR} = {V}, which doesn't match my first answer.",
    "Hmm, {EXPR} = {V}. That's different from before!",
    "{EXPR} = {V}. That's not what I got above.",
    "This way I get {EXPR} = {V}, so something's off.",
    'Now I get {EXPR} = {V}, not {W}.',
    'That comes to {EXPR} = {V}, which disagrees with {W}.',
  ],
  n: [
    "So it takes **{V}**, which doesn't match my first answer.",
    "Hmm, that means {V}. That's different from before!",
    "So it's {V}, not what I got above.",
    "This way {WHAT} is {V}, so something's off.",
    'So {WHAT} is {V}, not {W}.',
    'That makes it {V}, which disagrees with {W}.',
  ],
};
const MISMATCH_FIX = [
  'Oops, I see the problem: {NOTE}.',
  'Ah, found it: {NOTE}.',
  'My mistake, {NOTE}.',
  'Oops, let me fix that: {NOTE}.',
  'Sorry, I slipped up earlier: {NOTE}.',
  'I see what happened: {NOTE}.',
];
const AFTER_MISMATCH = [
  'So {WHAT} is really **{V}**.',
  'The correct answer is **{V}**.',
  "So it's {V}, not {W}.",
  'Corrected: **{V}**.',
  'So the right number is {V}.',
  'So the fixed answer is **{V}**.',
];
const BOGUS_INTRO = [
  'Oops, wait, let me re-read that and fix it.',
  'Hmm, actually I think I misread something. Let me redo it.',
  "Hold on, I don't think that's quite right. Let me redo it.",
  'Sorry, let me correct that.',
  'Oops, let me fix that, I think I mixed something up.',
  'Wait, let me redo that more carefully.',
];
const RECAP = [
  '**Recap:** {WHAT} = **{V}**.',
  '### Recap\n{FACTS}\n- **{LBL}: {V}**',
  '📝 **In short:** {V}.',
  '**Summary:** {FACTS_IN} → **{V}**',
  'To sum up, {WHAT} is **{V}**.',
  '**TL;DR:** {WHAT} is {V}.',
  '**Recap**\n- {WHAT_C}: **{V}**',
  'Bottom line: {V}.',
  '### Summary\n- {WHAT_C}: **{V}**',
  '**Quick recap:** {FACTS_IN}, so {WHAT} is {V}.',
];
const CLOSINGS = [
  'Hope that helps! 😊',
  "Let me know if you'd like me to break it down further.",
  'Enjoy!',
  'Feel free to ask if anything is unclear.',
  'Anything else I can help with?',
  'Have a great day!',
  'Happy to help with anything else.',
  'Good luck! 🙌',
];

function half<T>(a: readonly T[], split: Split): T[] {
  return a.filter((_, i) => i % 2 === (split === 'dev' ? 0 : 1));
}

// ---------------------------------------------------------------- body builder

interface Q {
  pre: string;
  num: string;
  post: string;
}

const EMOJI = /\s?(?:[\u{1F300}-\u{1FAFF}]|\u2705)/gu;
const noEmoji = (x: string): string => x.replace(/^(?:[\u{1F300}-\u{1FAFF}]|\u2705)\s*/u, '').replace(EMOJI, '');

class Builder {
  s = '';
  cands: PhrasingCandidate[] = [];
  private num = 0;
  constructor(
    private S: Style,
    private split: Split,
    private r: Rng,
    private vars: Record<string, string>,
  ) {}
  text(x: string): void {
    this.s += this.S.emoji ? x : noEmoji(x);
  }
  line(x: string): void {
    this.text(x);
    this.s += '\n';
  }
  blank(): void {
    if (!this.s.endsWith('\n\n') && this.s.length) this.s += this.s.endsWith('\n') ? '\n' : '\n\n';
  }
  /** Fill a template from this split's half of the pool; `q` fills {V}; `cand` labels it. */
  tpl(pool: readonly string[], extra: Record<string, string>, q: Q | null, cand: boolean): void {
    let t = this.r.pick(half(pool, this.split));
    const vars = { ...this.vars, ...extra };
    t = t.replace(/\{([A-Z_]+)\}/g, (m0, k: string) => (k === 'V' ? m0 : k in vars ? vars[k] : m0));
    if (!this.S.emoji) t = noEmoji(t);
    const i = t.indexOf('{V}');
    if (i < 0 || !q) {
      this.s += t;
      return;
    }
    this.s += t.slice(0, i) + q.pre;
    if (cand) this.cands.push({ value: q.num, offset: this.s.length });
    this.s += q.num + q.post + t.slice(i + 3);
  }
  pool(p: Pool, hasExpr: boolean): string[] {
    return hasExpr ? p.e : p.n;
  }
  bullets(lines: string[]): void {
    this.num = 0;
    for (const l of lines) this.line(this.bulletPrefix() + this.labelled(l));
  }
  bulletPrefix(): string {
    if (this.S.bullet === '1. ') return `${++this.num}. `;
    return this.S.bullet;
  }
  labelled(l: string): string {
    return this.S.boldLabels ? l.replace(/^([^:]{2,40}):/, '**$1:**') : l;
  }
}

// ---------------------------------------------------------------- record generation

type Scenario =
  | 'plain'
  | 'confirm'
  | 'subcheck'
  | 'echoCalc'
  | 'echoWords'
  | 'doubleEcho'
  | 'falseCorr'
  | 'fix'
  | 'checkFix'
  | 'keep'
  | 'keepEcho'
  | 'fixToWrong'
  | 'trunc';

function pickScenario(r: Rng): Scenario {
  const u = r.next();
  const table: [number, Scenario][] = [
    [0.02, 'trunc'],
    [0.19, 'fix'],
    [0.08, 'checkFix'],
    [0.05, 'keep'],
    [0.03, 'keepEcho'],
    [0.03, 'fixToWrong'],
    [0.1, 'plain'],
    [0.12, 'confirm'],
    [0.06, 'subcheck'],
    [0.13, 'echoCalc'],
    [0.11, 'echoWords'],
    [0.05, 'doubleEcho'],
    [0.03, 'falseCorr'],
  ];
  let acc = 0;
  for (const [p, s] of table) {
    acc += p;
    if (u < acc) return s;
  }
  return 'plain';
}

function genOne(r: Rng, split: Split, id: string): PhrasingRecord {
  const kind = r.pick(KINDS);
  const S: Style = {
    sym: r.chance(0.72) ? '$' : r.pick(['€', '£']),
    cents: r.chance(0.5),
    sep: r.chance(0.88),
    bullet: r.pick(['- ', '- ', '* ', '• ', '1. '] as const),
    boldLabels: r.chance(0.5),
    emoji: r.chance(0.25),
  };
  const P = kind.make(r);
  const truthSol = kind.solve(P, S);
  const T = truthSol.value;
  const q = (v: number): Q =>
    kind.money ? { pre: S.sym, num: moneyNum(Math.round(v), S), post: '' } : { pre: '', num: fmtNum(v, S.sep), post: kind.unit(P) };
  const show = (v: number): string => {
    const x = q(v);
    return x.pre + x.num + x.post;
  };
  const same = (a: number, b: number): boolean => q(a).num === q(b).num;
  const facts = kind.facts(P, S);
  const what = kind.what(P);
  const b = new Builder(S, split, r, {
    WHAT: what,
    WHAT_C: cap(what),
    LBL: kind.label(P),
    FACTS: facts.map((f) => '- ' + f).join('\n'),
    FACTS_IN: facts.join(', '),
  });
  const answer = kind.money ? (T / 100).toFixed(2) : String(T);
  const headers: Record<string, string> = { query: kind.query(P, S), answer, task: kind.task };

  let scen = pickScenario(r);
  // slips whose value differs from the truth
  const slips = kind.slips(P, S, r).filter((s) => !same(kind.solve(s.P, S).value, T));
  if (['fix', 'checkFix', 'keep', 'keepEcho', 'fixToWrong'].includes(scen) && !slips.length) scen = 'echoCalc';
  let slip1 = slips.length ? r.pick(slips) : null;
  let slip2: Slip<unknown> | null = null;
  if (scen === 'keepEcho') {
    const ok = slips.filter((s) => s.echoable && same(kind.alt(s.P, S).value, kind.solve(s.P, S).value));
    if (ok.length) slip1 = r.pick(ok);
    else scen = 'keep';
  }
  if (scen === 'fixToWrong') {
    const v1 = kind.solve(slip1!.P, S).value;
    const ok = slips.filter((s) => s.tag !== slip1!.tag && !same(kind.solve(s.P, S).value, v1));
    if (ok.length) slip2 = r.pick(ok);
    else scen = 'fix';
  }
  if (scen === 'falseCorr') {
    const ok = slips.filter((s) => s.tag === 'misread');
    if (ok.length) slip1 = r.pick(ok);
    else scen = 'confirm';
  }

  // ---- opening
  b.tpl(OPENERS, {}, null, false);
  b.blank();
  if (r.chance(0.55)) {
    b.tpl(FACT_HEADS, {}, null, false);
    b.text('\n');
    b.bullets(facts.map((f) => cap(f)));
    b.blank();
  }
  if (r.chance(0.5)) {
    b.tpl(STEP_HEADS, {}, null, false);
    b.text('\n');
  }

  // ---- an attempt: steps then the candidate (result line or concluding sentence)
  const attempt = (PP: unknown, concl: Pool, cand: boolean): number => {
    const sol = kind.solve(PP, S);
    // a corrected attempt shows its last operation, so the change is visible
    const form = sol.expr === null ? 'C' : r.pick(concl === FIX_CONCL ? ['A', 'B'] : ['A', 'B', 'B', 'C']);
    if (form === 'A') {
      b.bullets(sol.lines);
      const lbl = S.boldLabels ? `**${kind.label(P)}**` : kind.label(P);
      b.text(b.bulletPrefix());
      b.tpl(RESULT_LINE, { LBL: lbl, EXPR: sol.expr ?? '' }, q(sol.value), cand);
      b.text('\n');
      if (r.chance(0.5)) {
        b.blank();
        b.tpl(RESTATE, {}, q(sol.value), false);
        b.text('\n');
      }
    } else {
      b.bullets(sol.lines);
      b.blank();
      b.tpl(b.pool(concl, form === 'B'), { EXPR: sol.expr ?? '' }, q(sol.value), cand);
      if (r.chance(0.2) && /[.!]$/.test(b.s)) {
        b.text(' ');
        b.tpl(RESTATE, {}, q(sol.value), false);
      }
      b.text('\n');
    }
    return sol.value;
  };
  const echoCalc = (PP: unknown): number => {
    b.blank();
    b.tpl(CHECK_INTRO, {}, null, false);
    b.text('\n');
    const sol = kind.alt(PP, S);
    b.bullets(sol.lines);
    b.blank();
    b.tpl(b.pool(ECHO, sol.expr !== null), { EXPR: sol.expr ?? '' }, q(sol.value), true);
    b.text('\n');
    return sol.value;
  };
  const echoWords = (): number => {
    b.blank();
    b.tpl(WORDS_INTRO, {}, null, false);
    b.text(r.chance(0.5) ? '\n' : ' ');
    b.text(kind.words(P, S) + ' ');
    b.tpl(WORDS_CONCL, {}, q(T), true);
    b.text('\n');
    return T;
  };
  const confirm = (v: number): void => {
    b.blank();
    b.tpl(CONFIRM, {}, q(v), false);
    b.text('\n');
  };
  const fixNote = (s: Slip<unknown>) => ({ NOTE: s.note, NOTE_C: cap(s.note) });

  // ---- truncated before any answer
  if (scen === 'trunc') {
    b.bullets(truthSol.lines);
    const cut = Math.max(b.s.length - r.int(5, 25), Math.floor(b.s.length * 0.7));
    const body = b.s.slice(0, cut).replace(/\s+$/, '');
    return { id, headers: { ...headers, truncated: 'true' }, body, candidates: [], final: null };
  }

  let final: number;
  switch (scen) {
    case 'plain':
      final = attempt(P, CONCL, true);
      break;
    case 'confirm':
      final = attempt(P, CONCL, true);
      confirm(final);
      break;
    case 'subcheck':
      final = attempt(P, CONCL, true);
      b.blank();
      b.tpl(SUBCHECK, { X: kind.subcheck(P, S) }, null, false);
      b.text('\n');
      break;
    case 'echoCalc':
      attempt(P, CONCL, true);
      final = echoCalc(P);
      if (r.chance(0.25)) confirm(final);
      break;
    case 'echoWords':
      attempt(P, CONCL, true);
      final = echoWords();
      break;
    case 'doubleEcho':
      attempt(P, CONCL, true);
      echoCalc(P);
      final = echoWords();
      break;
    case 'falseCorr':
      attempt(P, CONCL, true);
      if (r.chance(0.4)) confirm(T);
      b.blank();
      b.tpl(BOGUS_INTRO, {}, null, false);
      b.text('\n');
      final = attempt(slip1!.P, FIX_CONCL, true);
      break;
    case 'fix': {
      attempt(slip1!.P, CONCL, true);
      b.blank();
      b.tpl(FIX_INTRO, fixNote(slip1!), null, false);
      b.text('\n');
      final = attempt(P, FIX_CONCL, true);
      const u = r.next();
      if (u < 0.2) final = echoCalc(P);
      else if (u < 0.35) final = echoWords();
      else if (u < 0.5) confirm(final);
      break;
    }
    case 'checkFix': {
      const w = attempt(slip1!.P, CONCL, true);
      b.blank();
      b.tpl(CHECK_INTRO, {}, null, false);
      b.text('\n');
      const sol = kind.alt(P, S);
      b.bullets(sol.lines);
      b.blank();
      b.tpl(b.pool(MISMATCH, sol.expr !== null), { EXPR: sol.expr ?? '', W: show(w) }, q(sol.value), true);
      b.text('\n\n');
      b.tpl(MISMATCH_FIX, fixNote(slip1!), null, false);
      b.text(' ');
      b.tpl(AFTER_MISMATCH, { W: show(w) }, q(sol.value), false);
      b.text('\n');
      final = sol.value;
      break;
    }
    case 'keep':
      final = attempt(slip1!.P, CONCL, true);
      if (r.chance(0.6)) confirm(final);
      break;
    case 'keepEcho':
      attempt(slip1!.P, CONCL, true);
      final = echoCalc(slip1!.P);
      break;
    case 'fixToWrong':
      attempt(slip1!.P, CONCL, true);
      b.blank();
      b.tpl(FIX_INTRO, fixNote(slip1!), null, false);
      b.text('\n');
      final = attempt(slip2!.P, FIX_CONCL, true);
      break;
    default:
      throw new Error(scen);
  }

  // ---- recap and closing: restatements of the final value, not candidates
  if (r.chance(0.8)) {
    b.blank();
    b.tpl(RECAP, {}, q(final), false);
    b.text('\n');
  }
  if (r.chance(0.5)) {
    b.blank();
    b.tpl(CLOSINGS, {}, null, false);
    b.text('\n');
  }
  const body = b.s.replace(/\s+$/, '');
  const cands = b.cands;
  return { id, headers, body, candidates: cands, final: cands.length ? cands[cands.length - 1].value : null };
}

export function generate(seed: number, count: number, split: Split): PhrasingRecord[] {
  const r = new Rng(mulberry32((Math.imul(seed, 2654435761) ^ (split === 'dev' ? 0x1234567 : 0x7654321)) >>> 0));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(genOne(r, split, `${family}-${split}-${seed}-${i + 1}`));
  return out;
}
