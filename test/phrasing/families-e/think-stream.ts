// Phrasing family "think-stream": long <think> ... </think> monologues of an R1/QwQ-like model,
// followed by a short answer summary. Many "Wait", "Hmm", "Actually", "Let me double-check",
// "Alternatively" both in the middle of derivations (before any answer) and after answers.
// Candidates live only inside the thinking block; the summary's answer is the final.
//
// Labels follow docs/annotation-guide.md:
// - the first statement of a value as the asked quantity's result in an attempt is the candidate
//   (a result line "21 + 20 = 41" that the model moves on from; the sentence restating it right
//   after merges into it);
// - a re-computation, another method, a substitution check or a re-check in words that re-reads
//   the question and then states the answer is a new candidate (an echo when the value is equal);
// - bare confirmations ("Yes, that's right"), restatements and drafts of the final answer with no
//   new work since the last candidate merge (no new candidate);
// - intermediate values (partial costs, sub-totals), numbers quoted from the question and tried
//   values are never candidates;
// - a sub-step check ("7 × 3 = 21, correct") is not a candidate unless it ends by stating the
//   answer again (then it is an echo).
// Self-contained: no imports.

export interface PhrasingCandidate {
  value: string; // the value as written in the body
  offset: number; // index in body of the first character of the value
}

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>;
  body: string;
  candidates: PhrasingCandidate[];
  final: string | null;
}

export const family = 'think-stream';

// ---------------------------------------------------------------------------------------------
// PRNG

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
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  f(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Text builder with exact candidate offsets

class Out {
  s = '';
  cands: PhrasingCandidate[] = [];
  t(x: string): void {
    this.s += x;
  }
  /** `tpl` with "@@" = the candidate (exactly one) and "{V}" = restatements of the same value. */
  c(tpl: string, v: string): void {
    const i = tpl.indexOf('@@');
    if (i < 0 || tpl.indexOf('@@', i + 2) >= 0) throw new Error('candidate template needs exactly one @@: ' + tpl);
    this.s += tpl.slice(0, i).replace(/\{V\}/g, v);
    this.cands.push({ value: v, offset: this.s.length });
    this.s += v + tpl.slice(i + 2).replace(/\{V\}/g, v);
  }
  /** The same kind of template, but no candidate (a restatement / quote). */
  r(tpl: string, v: string): void {
    this.s += tpl.replace(/@@/g, v).replace(/\{V\}/g, v);
  }
}

// ---------------------------------------------------------------------------------------------
// Problems

interface Step {
  subj: string; // "the pens cost"
  lab: string; // "the pens"
  expr: string; // "7 × 3"
  val: number; // value as computed (possibly slipped)
  ok: number; // correct value of this expression
  u: string; // unit of the intermediate, " dollars"
}

interface Calc {
  steps: Step[]; // intermediates
  fin: { expr: string; val: number; ok: number };
}

class Calculator {
  steps: Step[] = [];
  private k = 0;
  constructor(private slip?: { i: number; d: number }) {}
  st(subj: string, lab: string, expr: string, ok: number, u = ''): number {
    let v = ok;
    if (this.slip && this.slip.i === this.k) v += this.slip.d;
    this.k++;
    this.steps.push({ subj, lab, expr, val: v, ok, u });
    return v;
  }
  fin(expr: string, ok: number): Calc {
    let v = ok;
    if (this.slip && this.slip.i === this.k) v += this.slip.d;
    return { steps: this.steps, fin: { expr, val: v, ok } };
  }
}

type Params = Record<string, number>;

interface Misread {
  key: string;
  wrong: number;
  fact: number; // index in facts() of the phrase that quotes this number
}

interface ProblemType {
  task: string;
  make(R: Rng): { P: Params; names: Record<string, string> };
  query(P: Params, n: Record<string, string>): string;
  noun(n: Record<string, string>): string; // the asked quantity
  pre: string;
  post: string;
  facts(P: Params, n: Record<string, string>): string[];
  calc(P: Params, n: Record<string, string>, slip?: { i: number; d: number }): Calc;
  alt(P: Params, n: Record<string, string>, sp: Split): { intro: string; calc: Calc };
  slips(P: Params): Array<{ i: number; d: number }>;
  misreads(P: Params, R: Rng): Misread[];
  /** A substitution check of a candidate (for "find x" problems), without stating it as the answer. */
  verify?(P: Params, n: Record<string, string>, v: number): string;
  /** Values tried before solving (never the answer). */
  tries?(P: Params, n: Record<string, string>, R: Rng, sp: Split): string;
  /** Custom error (e.g. fencepost): its wrong calc, the fix text and the doubt text. */
  custom?(P: Params, n: Record<string, string>, sp: Split): { calc: Calc; fix: string; doubt: string } | null;
}

type Split = 'dev' | 'heldout';

const NAMES = ['Maria', 'Lena', 'Priya', 'Sofia', 'Aisha', 'Emma', 'Grace', 'Nadia', 'Julia', 'Hana'];
const MALE = ['Tom', 'Omar', 'Ben', 'Kenji', 'Lucas', 'Diego', 'Sam', 'Ivan'];

const shop: ProblemType = {
  task: 'shopping-total',
  make(R) {
    const items = R.pick([
      ['pens', 'notebooks'],
      ['apples', 'melons'],
      ['stickers', 'posters'],
      ['cupcakes', 'pies'],
      ['socks', 'scarves'],
      ['markers', 'sketchbooks'],
    ]);
    return {
      P: { p: R.int(3, 14), pa: R.int(2, 9), q: R.int(2, 9), pb: R.int(4, 19) },
      names: { who: R.pick(NAMES), i1: items[0], i2: items[1] },
    };
  },
  query: (P, n) =>
    `${n.who} buys ${P.p} ${n.i1} at $${P.pa} each and ${P.q} ${n.i2} at $${P.pb} each. How much does she spend in total, in dollars?`,
  noun: () => 'the total cost',
  pre: '$',
  post: '',
  facts: (P, n) => [`${P.p} ${n.i1} at $${P.pa} each`, `${P.q} ${n.i2} at $${P.pb} each`],
  calc(P, n, slip) {
    const c = new Calculator(slip);
    const a = c.st(`the ${n.i1} cost`, `the ${n.i1}`, `${P.p} × ${P.pa}`, P.p * P.pa, ' dollars');
    const b = c.st(`the ${n.i2} cost`, `the ${n.i2}`, `${P.q} × ${P.pb}`, P.q * P.pb, ' dollars');
    return c.fin(`${a} + ${b}`, a + b);
  },
  alt(P, n, sp) {
    const c = new Calculator();
    const b = c.st(`the ${n.i2} cost`, `the ${n.i2}`, `${P.q} × ${P.pb}`, P.q * P.pb, ' dollars');
    const a = c.st(`the ${n.i1} cost`, `the ${n.i1}`, `${P.p} × ${P.pa}`, P.p * P.pa, ' dollars');
    return {
      intro:
        sp === 'dev'
          ? `Alternatively, start from the ${n.i2} and add the ${n.i1} after.`
          : `Another way: do the ${n.i2} first, then the ${n.i1}.`,
      calc: c.fin(`${b} + ${a}`, a + b),
    };
  },
  slips: () => [
    { i: 0, d: 1 },
    { i: 0, d: -2 },
    { i: 1, d: 10 },
    { i: 1, d: -1 },
    { i: 2, d: 10 },
    { i: 2, d: -10 },
    { i: 2, d: 1 },
  ],
  misreads: (P) => [
    { key: 'pa', wrong: P.pa + 1, fact: 0 },
    { key: 'pb', wrong: P.pb > 5 ? P.pb - 1 : P.pb + 2, fact: 1 },
    { key: 'q', wrong: P.q + 1, fact: 1 },
  ],
};

const travel: ProblemType = {
  task: 'two-leg-distance',
  make(R) {
    return {
      P: {
        v1: R.pick([40, 45, 50, 55, 60, 65, 70, 75, 80]),
        t1: R.int(2, 5),
        v2: R.pick([30, 35, 48, 52, 62, 64, 72, 85, 90]),
        t2: R.int(2, 6),
      },
      names: { who: R.pick(['A train', 'A bus', 'A truck', 'A car']) },
    };
  },
  query: (P, n) =>
    `${n.who} travels at ${P.v1} km/h for ${P.t1} hours and then at ${P.v2} km/h for ${P.t2} hours. What is the total distance it covers, in km?`,
  noun: () => 'the total distance',
  pre: '',
  post: ' km',
  facts: (P) => [`${P.v1} km/h for ${P.t1} hours`, `${P.v2} km/h for ${P.t2} hours`],
  calc(P, _n, slip) {
    const c = new Calculator(slip);
    const a = c.st('the first leg covers', 'the first leg', `${P.v1} × ${P.t1}`, P.v1 * P.t1, ' km');
    const b = c.st('the second leg covers', 'the second leg', `${P.v2} × ${P.t2}`, P.v2 * P.t2, ' km');
    return c.fin(`${a} + ${b}`, a + b);
  },
  alt(P, _n, sp) {
    const c = new Calculator();
    const b = c.st('the second leg covers', 'the second leg', `${P.t2} × ${P.v2}`, P.v2 * P.t2, ' km');
    const a = c.st('the first leg covers', 'the first leg', `${P.t1} × ${P.v1}`, P.v1 * P.t1, ' km');
    return {
      intro:
        sp === 'dev'
          ? 'Alternatively, hours times speed, second leg first.'
          : 'Another way to organise it: time × speed for each leg, in reverse order.',
      calc: c.fin(`${b} + ${a}`, a + b),
    };
  },
  slips: () => [
    { i: 0, d: 10 },
    { i: 1, d: -10 },
    { i: 1, d: 2 },
    { i: 2, d: 10 },
    { i: 2, d: -1 },
  ],
  misreads: (P) => [
    { key: 't1', wrong: P.t1 + 1, fact: 0 },
    { key: 't2', wrong: P.t2 - 1, fact: 1 },
    { key: 'v2', wrong: P.v2 + 5, fact: 1 },
  ],
};

const apples: ProblemType = {
  task: 'stock-remaining',
  make(R) {
    const k = R.int(3, 9);
    const c = R.int(6, 15);
    return {
      P: { N: k * c + R.int(20, 200), k, c, m: R.int(11, 60) },
      names: {
        who: R.pick(['A farmer', 'A grocer', 'An orchard owner', 'A shopkeeper']),
        thing: R.pick(['apples', 'oranges', 'pears', 'lemons']),
      },
    };
  },
  query: (P, n) =>
    `${n.who} has ${P.N} ${n.thing}. He sells ${P.k} crates with ${P.c} ${n.thing} in each crate, and then picks ${P.m} more ${n.thing}. How many ${n.thing} does he have now?`,
  noun: (n) => `the number of ${n.thing} he has now`,
  pre: '',
  post: '',
  facts: (P, n) => [`${P.N} ${n.thing} to start`, `${P.k} crates of ${P.c}`, `${P.m} more picked`],
  calc(P, n, slip) {
    const c = new Calculator(slip);
    const sold = c.st(`he sells`, `the sold ${n.thing}`, `${P.k} × ${P.c}`, P.k * P.c, ` ${n.thing}`);
    const left = c.st(`after selling he has`, `what is left after selling`, `${P.N} - ${sold}`, P.N - sold, ` ${n.thing}`);
    return c.fin(`${left} + ${P.m}`, left + P.m);
  },
  alt(P, n, sp) {
    const c = new Calculator();
    const sold = c.st(`he sells`, `the sold ${n.thing}`, `${P.k} × ${P.c}`, P.k * P.c, ` ${n.thing}`);
    const up = c.st(`with the picked ones he would have`, `start plus picked`, `${P.N} + ${P.m}`, P.N + P.m, ` ${n.thing}`);
    return {
      intro:
        sp === 'dev'
          ? 'Alternatively, add the picked ones first and subtract the sold ones at the end.'
          : 'Another way: everything he ever had, minus what he sold.',
      calc: c.fin(`${up} - ${sold}`, up - sold),
    };
  },
  slips: () => [
    { i: 0, d: 10 },
    { i: 0, d: -1 },
    { i: 1, d: 10 },
    { i: 1, d: -2 },
    { i: 2, d: -10 },
    { i: 2, d: 1 },
  ],
  misreads: (P) => [
    { key: 'k', wrong: P.k + 1, fact: 1 },
    { key: 'c', wrong: P.c - 1, fact: 1 },
    { key: 'm', wrong: P.m + 10, fact: 2 },
  ],
};

const wages: ProblemType = {
  task: 'wages-left',
  make(R) {
    const h = R.int(12, 25);
    const e = R.int(4, 9);
    const d = R.int(3, 6);
    return { P: { h, e, d, s: R.int(5, Math.floor((h * e * d) / 20)) * 10 }, names: { who: R.pick(NAMES) } };
  },
  query: (P, n) =>
    `${n.who} earns $${P.h} per hour. She works ${P.e} hours a day for ${P.d} days, and then spends $${P.s} on a new bike. How many dollars does she have left from her earnings?`,
  noun: () => 'the amount left',
  pre: '$',
  post: '',
  facts: (P) => [`$${P.h} per hour`, `${P.e} hours a day for ${P.d} days`, `$${P.s} on the bike`],
  calc(P, _n, slip) {
    const c = new Calculator(slip);
    const day = c.st('she makes per day', 'one day', `${P.h} × ${P.e}`, P.h * P.e, ' dollars');
    const all = c.st('she earns in total', 'all the days', `${day} × ${P.d}`, day * P.d, ' dollars');
    return c.fin(`${all} - ${P.s}`, all - P.s);
  },
  alt(P, _n, sp) {
    const c = new Calculator();
    const hours = c.st('she works', 'the hours', `${P.e} × ${P.d}`, P.e * P.d, ' hours');
    const pay = c.st('she earns', 'the pay', `${hours} × ${P.h}`, hours * P.h, ' dollars');
    return {
      intro: sp === 'dev' ? 'Alternatively, count the total hours first.' : 'Another way: total hours, then pay, then subtract the bike.',
      calc: c.fin(`${pay} - ${P.s}`, pay - P.s),
    };
  },
  slips: () => [
    { i: 0, d: 10 },
    { i: 0, d: -2 },
    { i: 1, d: -10 },
    { i: 1, d: 20 },
    { i: 2, d: 10 },
    { i: 2, d: -1 },
  ],
  misreads: (P) => [
    { key: 'e', wrong: P.e + 1, fact: 1 },
    { key: 'd', wrong: P.d - 1, fact: 1 },
    { key: 'h', wrong: P.h + 2, fact: 0 },
  ],
};

const linear: ProblemType = {
  task: 'find-the-number',
  make(R) {
    const x = R.int(5, 30);
    const a = R.int(3, 9);
    const b = R.int(4, 40);
    return { P: { x, a, b, c: a * x + b }, names: {} };
  },
  query: (P) => `When a number is multiplied by ${P.a} and then increased by ${P.b}, the result is ${P.c}. What is the number?`,
  noun: () => 'the number',
  pre: '',
  post: '',
  facts: (P) => [`multiplied by ${P.a}`, `increased by ${P.b}`, `the result is ${P.c}`],
  calc(P, _n, slip) {
    const c = new Calculator(slip);
    const ax = c.st(`${P.a} times the number is`, `${P.a}x`, `${P.c} - ${P.b}`, P.c - P.b);
    return c.fin(`${ax} ÷ ${P.a}`, ax / P.a);
  },
  alt(P, _n, sp) {
    const c = new Calculator();
    const ax = c.st('undoing the addition leaves', 'undoing the addition', `${P.c} - ${P.b}`, P.c - P.b);
    return {
      intro: sp === 'dev' ? 'Alternatively, work backwards from the result.' : 'Another way is to undo the operations in reverse order.',
      calc: c.fin(`${ax} ÷ ${P.a}`, ax / P.a),
    };
  },
  slips: (P) => [
    { i: 1, d: 1 },
    { i: 1, d: -1 },
    { i: 0, d: P.a },
  ],
  misreads: (P) => [{ key: 'b', wrong: P.b > P.a ? P.b - P.a : P.b + P.a, fact: 1 }],
  verify: (P, _n, v) => `${P.a} × ${v} + ${P.b} = ${P.a * v} + ${P.b} = ${P.a * v + P.b}`,
  tries(P, _n, R, sp) {
    const lo = P.x - R.int(2, 4);
    const hi = P.x + R.int(1, 3);
    const f = (t: number) => `${P.a} × ${t} + ${P.b} = ${P.a * t + P.b}`;
    return sp === 'dev'
      ? `Let me just try a value first. Suppose the number is ${lo}: ${f(lo)}. Too small. What about ${hi}? ${f(hi)}, too big. So it is somewhere in between. Let me solve it properly.`
      : `Maybe guess and check first. Try ${hi}: ${f(hi)}. That overshoots ${P.c}. Try ${lo}: ${f(lo)}, which falls short. Okay, guessing is slow, let me just solve for it.`;
  },
};

const series: ProblemType = {
  task: 'consecutive-sum',
  make(R) {
    const a = R.int(1, 40);
    const b = a + 2 * R.int(6, 30);
    return { P: { a, b }, names: {} };
  },
  query: (P) => `What is the sum of all the integers from ${P.a} to ${P.b}, inclusive?`,
  noun: () => 'the sum',
  pre: '',
  post: '',
  facts: (P) => [`the integers from ${P.a} to ${P.b}`, `both ends included`],
  calc(P, _n, slip) {
    const c = new Calculator(slip);
    const n = c.st('the number of terms is', 'the number of terms', `${P.b} - ${P.a} + 1`, P.b - P.a + 1);
    const s = c.st('each pair adds to', 'first plus last', `${P.a} + ${P.b}`, P.a + P.b);
    const pr = c.st('the product is', 'the product', `${n} × ${s}`, n * s);
    return c.fin(`${pr} ÷ 2`, pr / 2);
  },
  alt(P, _n, sp) {
    const c = new Calculator();
    const avg = c.st('the average term is', 'the average term', `(${P.a} + ${P.b}) ÷ 2`, (P.a + P.b) / 2);
    const n = c.st('the count is', 'the count', `${P.b} - ${P.a} + 1`, P.b - P.a + 1);
    return {
      intro:
        sp === 'dev' ? 'Alternatively, average times count.' : 'Another way: the mean of an arithmetic sequence times the number of terms.',
      calc: c.fin(`${avg} × ${n}`, avg * n),
    };
  },
  slips: () => [
    { i: 2, d: 10 },
    { i: 2, d: -20 },
    { i: 3, d: 1 },
    { i: 3, d: -10 },
  ],
  misreads: () => [],
  custom(P, _n, sp) {
    const c = new Calculator();
    const n = c.st('the number of terms is', 'the number of terms', `${P.b} - ${P.a}`, P.b - P.a);
    const s = c.st('each pair adds to', 'first plus last', `${P.a} + ${P.b}`, P.a + P.b);
    const pr = c.st('the product is', 'the product', `${n} × ${s}`, n * s);
    return {
      calc: c.fin(`${pr} ÷ 2`, pr / 2),
      fix:
        sp === 'dev'
          ? `Wait, from ${P.a} to ${P.b} inclusive there are ${P.b} - ${P.a} + 1 = ${P.b - P.a + 1} integers, not ${P.b - P.a}. I dropped an endpoint.`
          : `Hmm, hold on. Both ${P.a} and ${P.b} are included, so the count is ${P.b - P.a + 1}, not ${P.b - P.a}. Classic fencepost mistake.`,
      doubt:
        sp === 'dev'
          ? `Hmm, wait. Actually, how many terms are there? ${P.b} - ${P.a} = ${P.b - P.a}. So ${P.b - P.a} terms, I think I counted one too many.`
          : `Wait, actually, is the count ${P.b - P.a + 1}? Hmm, ${P.b} minus ${P.a} is ${P.b - P.a}, so it should be ${P.b - P.a} numbers. I added one for no reason.`,
    };
  },
};

const ages: ProblemType = {
  task: 'ages',
  make(R) {
    const ann = R.int(6, 40);
    const x = R.int(2, 12);
    const y = R.int(2, 10);
    return { P: { ann, x, y, S: 2 * ann + x + 2 * y }, names: { older: R.pick(MALE), younger: R.pick(NAMES) } };
  },
  query: (P, n) =>
    `${n.older} is ${P.x} years older than ${n.younger}. In ${P.y} years, the sum of their ages will be ${P.S}. How old is ${n.younger} now?`,
  noun: (n) => `${n.younger}'s age`,
  pre: '',
  post: '',
  facts: (P, n) =>
    [`${P.x} years older`, `in ${P.y} years`, `the sum will be ${P.S}`].map((f) => f.replace('older', `older than ${n.younger}`)),
  calc(P, n, slip) {
    const c = new Calculator(slip);
    const now = c.st('their ages now add up to', 'the sum now', `${P.S} - 2 × ${P.y}`, P.S - 2 * P.y);
    const two = c.st(`twice ${n.younger}'s age is`, `twice ${n.younger}'s age`, `${now} - ${P.x}`, now - P.x);
    return c.fin(`${two} ÷ 2`, two / 2);
  },
  alt(P, n, sp) {
    const c = new Calculator();
    const two = c.st(`twice ${n.younger}'s future age is`, `twice the future age`, `${P.S} - ${P.x}`, P.S - P.x);
    const fut = c.st(`in ${P.y} years ${n.younger} will be`, 'the future age', `${two} ÷ 2`, two / 2);
    return {
      intro:
        sp === 'dev'
          ? `Alternatively, work with the ages in ${P.y} years.`
          : `Another way: find ${n.younger}'s age in ${P.y} years and go back.`,
      calc: c.fin(`${fut} - ${P.y}`, fut - P.y),
    };
  },
  slips: () => [
    { i: 0, d: 2 },
    { i: 1, d: -2 },
    { i: 2, d: 1 },
    { i: 2, d: -1 },
  ],
  misreads: (P) => [
    { key: 'y', wrong: P.y + 1, fact: 1 },
    { key: 'x', wrong: P.x + 2, fact: 0 },
  ],
  verify: (P, n, v) => `${n.younger} ${v}, ${n.older} ${v + P.x}; in ${P.y} years ${v + P.y} + ${v + P.x + P.y} = ${2 * v + P.x + 2 * P.y}`,
  tries(P, n, R, sp) {
    const lo = P.ann - R.int(2, 5);
    const hi = P.ann + R.int(1, 4);
    const f = (t: number) => `${t + P.y} + ${t + P.x + P.y} = ${2 * t + P.x + 2 * P.y}`;
    return sp === 'dev'
      ? `Let me try a number. If ${n.younger} were ${lo}, ${n.older} would be ${lo + P.x}, and in ${P.y} years: ${f(lo)}. Not ${P.S}, too small. If ${hi}: ${f(hi)}, too big. Let me just set up an equation.`
      : `Guess: ${n.younger} is ${hi}? Then in ${P.y} years ${f(hi)}, more than ${P.S}. ${lo}? ${f(lo)}, less. Hmm, better to do it algebraically.`;
  },
};

const TYPES = [shop, travel, apples, wages, linear, series, ages];

// ---------------------------------------------------------------------------------------------
// Phrasing pools: even indices are the 'dev' half, odd indices the 'heldout' half.

type Ctx = { noun: string; pre: string; post: string };
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function half<T>(xs: readonly T[], sp: Split): T[] {
  return xs.filter((_, i) => i % 2 === (sp === 'dev' ? 0 : 1));
}

const OPENERS: Array<(x: Ctx, restate: string) => string> = [
  (x, r) => `Okay, so I need to find ${x.noun}. Let me parse the problem first.\n\n${r}`,
  (x, r) => `Alright, let's see. The question is asking for ${x.noun}.\n\n${r}`,
  (x, r) => `Okay, let me think about this. ${r}`,
  (x, r) => `Hmm, so this is asking for ${x.noun}. ${r}`,
  (x, r) => `Let me start by writing down what we know.\n\n${r}\n\nWe want ${x.noun}.`,
  (x, r) => `First, let me understand the setup. ${r} And I need ${x.noun}.`,
  (x, r) => `Okay. So, the problem. ${r}\n\nGoal: ${x.noun}.`,
  (x, r) => `Alright, I'll go step by step here. ${r}`,
];

const RESTATE: Array<(f: string[]) => string> = [
  (f) => `So we have ${f.slice(0, -1).join(', ')} and ${f[f.length - 1]}.`,
  (f) => `The given information: ${f.join('; ')}.`,
  (f) => `The numbers are: ${f.join(', ')}.`,
  (f) => `We're told ${f.join(', and ')}.`,
];

const HESIT: Array<(x: Ctx, fact: string) => string> = [
  (_x, f) => `Hmm, wait, let me make sure: ${f}? Yes, that's what it says.`,
  (_x, f) => `Wait, is it ${f}? Let me look again. Okay, yes.`,
  () => `Actually, let me be careful here and not rush.`,
  () => `Hmm, okay.`,
  () => `Alternatively I could set up an equation for everything at once, but going step by step is simpler.`,
  () => `Let me think... actually, it's easier to do it piece by piece.`,
  () => `Hmm, so far so good.`,
  (x) => `Wait, what exactly does the question want? ${cap(x.noun)}. Okay.`,
  () => `Wait, let me double-check I'm reading this right before going on.`,
  () => `Actually, hold on, I'll keep track of the intermediate results.`,
  () => `Hmm, let me organise this.`,
  () => `Okay, hmm, that part is straightforward.`,
];

const STEP: Array<(s: Step) => string> = [
  (s) => `${cap(s.subj)} ${s.expr} = ${s.val}${s.u}.`,
  (s) => `${cap(s.lab)}: ${s.expr} = ${s.val}${s.u}.`,
  (s) => `Now ${s.lab}: ${s.expr}, that's ${s.val}.`,
  (s) => `${s.expr} gives ${s.val} for ${s.lab}.`,
  (s) => `So ${s.subj} ${s.val}${s.u} (${s.expr}).`,
  (s) => `Okay, ${s.subj} ${s.expr}, which is ${s.val}.`,
  (s) => `Computing ${s.lab}: ${s.expr} = ${s.val}.`,
  (s) => `Next, ${s.lab}. ${s.expr}... ${s.val}.`,
];

// Result lines of the asked quantity: exactly one @@ (the candidate), {V} = restatement (merges).
const FINAL: Array<(e: string, x: Ctx) => string> = [
  (e, x) => `So ${x.noun} is ${e} = ${x.pre}@@${x.post}.`,
  (e, x) => `That gives ${x.noun}: ${e} = ${x.pre}@@${x.post}.`,
  (e, x) => `${e} = @@. So ${x.noun} comes to ${x.pre}{V}${x.post}.`,
  (e, x) => `Then ${e} = @@, which means ${x.noun} is {V}.`,
  (e, x) => `Putting it together: ${e} = @@.\n\nTherefore ${x.noun} is ${x.pre}{V}${x.post}.`,
  (e, x) => `Combining, ${x.noun} should be ${e}, which is ${x.pre}@@${x.post}.`,
  (e, x) => `And ${e} = @@.\n\nSo ${x.noun} is ${x.pre}{V}${x.post}.`,
  (e, x) => `Now ${e}... that's @@. So ${x.noun} = {V}.`,
  (e, x) => `Finally, ${e} = ${x.pre}@@${x.post}. That's ${x.noun}.`,
  (e, x) => `${cap(x.noun)}: ${e} = @@.`,
];

// Restatements / drafts with no new work (merge into the previous candidate).
const RESTATE_ANS: Array<(x: Ctx) => string> = [
  (x) => `So the answer is ${x.pre}{V}${x.post}.`,
  () => `So the answer should be {V}.`,
  (x) => `Therefore, ${x.noun} is ${x.pre}{V}${x.post}.`,
  () => `So I'll go with {V}.`,
  () => `Final answer: \\boxed{{V}}.`,
  (x) => `I'll write: ${x.noun} = ${x.pre}{V}${x.post}.`,
  (x) => `Which makes ${x.noun} equal to {V}.`,
  () => `Answer: {V}.`,
];

const BARE: string[] = [
  'Wait, is that right? Yes, I think so.',
  'Hmm, that seems reasonable.',
  "Yes, that's right.",
  'That makes sense.',
  'Hmm, wait. Is that right? ... Yes.',
  'Okay, that seems plausible.',
  'Actually, yes, that looks fine.',
  'Hmm. Seems fine.',
  'Let me see... yes, that checks out.',
  "Okay, I'm fairly confident in that.",
];

const RECOMP_INTRO: string[] = [
  'Wait, let me double-check the arithmetic.',
  'Let me verify by redoing the computation.',
  'Hmm, let me recompute to be safe.',
  'Actually, let me go through the numbers once more.',
  'Let me double-check.',
  "Just to be sure, I'll redo it.",
  'Wait, let me recheck every step.',
  'Hmm, let me make sure. Going through it again:',
];

const RECOMP_END: string[] = [
  'Same as before.',
  'Okay, it matches.',
  'Yes, consistent.',
  'Good, same answer.',
  'Same result.',
  'Okay, that agrees.',
];

const WORDS_INTRO: string[] = [
  'Hmm, wait. Let me re-read the question to make sure I used the right numbers.',
  'Wait, did I read the problem correctly?',
  "Actually, let me make sure I didn't misread anything.",
  'Hmm, let me go back to the problem statement.',
  'Wait, let me re-read the problem once more.',
  'Let me double-check the setup against the question.',
];

const WORDS_BODY: Array<(f: string[]) => string> = [
  (f) => `It says ${f.join(', and ')}.`,
  (f) => `The problem gives ${f.join(' and ')}.`,
  (f) => `${cap(f.join('; '))}. Yes.`,
  (f) => `Right: ${f.join(', ')}.`,
];

const WORDS_END: Array<(x: Ctx) => string> = [
  (x) => `Those are exactly the numbers I used, so ${x.noun} is indeed ${x.pre}@@${x.post}.`,
  (x) => `That's what I used. So ${x.noun} really is @@.`,
  (x) => `Yes, I used those correctly. So it's ${x.pre}@@${x.post}.`,
  () => `Right, and I plugged in exactly those. So the answer stays @@.`,
  (x) => `Everything matches what I did, so ${x.noun} is @@.`,
  (x) => `Good, nothing misread. ${cap(x.noun)} is ${x.pre}@@${x.post}.`,
];

const VERIFY_INTRO: string[] = [
  'Let me check by plugging it back in:',
  'Wait, let me verify:',
  'Hmm, let me substitute back to be sure.',
  'Check:',
];
const VERIFY_END: Array<(x: Ctx) => string> = [
  (x) => `That matches. So ${x.noun} is @@.`,
  () => `Yes, it works, so the answer has to be @@.`,
  (x) => `Correct, so ${x.noun} must be @@.`,
  () => `It works, so it's @@.`,
];

const SUB_CHECK: Array<(s: Step) => string> = [
  (s) => `Let me double-check ${s.expr}: it's ${s.val}. Yes.`,
  (s) => `Quick check on ${s.expr}... ${s.val}, correct.`,
  (s) => `Wait, ${s.expr}, is that ${s.val}? Yes, ${s.val}.`,
  (s) => `Hmm, ${s.lab} again: ${s.expr} = ${s.val}. Right.`,
];
const SUB_ECHO: Array<(x: Ctx) => string> = [
  (x) => `So ${x.noun} stays ${x.pre}@@${x.post}.`,
  () => `So the answer remains @@.`,
  (x) => `So yes, ${x.noun} is @@.`,
  () => `So it's still @@.`,
];
const FORMAT_TALK: string[] = [
  "Okay, I'm fairly confident. Let me write it up.",
  "I think that's it. I'll present the steps clearly.",
  'Alright, time to write the answer neatly.',
  'I should box the answer at the end.',
];

const ARITH_FIX: Array<(s: { expr: string; val: number; ok: number }) => string> = [
  (s) => `Wait, hold on. ${s.expr} is ${s.ok}, not ${s.val}. I made an arithmetic slip.`,
  (s) => `Hmm, wait. ${s.expr}... that's ${s.ok}, not ${s.val}. Let me fix that.`,
  (s) => `Actually, wait. I think ${s.expr} = ${s.ok}, not ${s.val}.`,
  (s) => `Hold on, ${s.expr} isn't ${s.val}. It's ${s.ok}.`,
];
// A slip in the final line: the corrected value is stated right there (candidate @@).
const ARITH_FIX_FIN: Array<(e: string, wrong: number) => string> = [
  (e, w) => `Wait, hold on. ${e} is @@, not ${w}. I made an arithmetic slip.`,
  (e, w) => `Hmm, wait. ${e}... that's @@, not ${w}.`,
  (e, w) => `Actually, wait. ${e} = @@, not ${w}.`,
  (e, w) => `Hold on, ${e} isn't ${w}. It's @@.`,
];
const MIS_FIX: Array<(right: string, wrong: string) => string> = [
  (r, w) => `Hmm, wait. Let me re-read the problem. It says ${r}, not ${w}. I misread that.`,
  (r, w) => `Hang on. I think I misread: the problem has ${r}, and I used ${w}.`,
  (r, w) => `Actually, wait. Looking at the question again, it's ${r}. I had ${w}. Let me redo it.`,
  (r, w) => `Hmm, no. Re-reading: "${r}". I wrote ${w} above.`,
];
const MIS_DOUBT: Array<(wrong: string) => string> = [
  (w) => `Hmm, wait. Actually, did it say ${w}? Let me reconsider... I think it's ${w}. Let me redo it with that.`,
  (w) => `Wait, actually, maybe I misread. ${cap(w)}? Yes, I think it says ${w}. Redoing it:`,
  (w) => `Hmm, hold on. Actually I think the problem says ${w}. Let me recompute.`,
  (w) => `Wait. Actually, it's ${w}, isn't it? Let me redo this.`,
];
const REDO_LEAD: string[] = ['So:', 'Redoing it:', 'Let me recompute.', 'Okay, again:', 'Then:', 'Starting over with that:'];
const ALT_MISMATCH: Array<(w: number) => string> = [
  (w) => `Hmm, that doesn't match ${w}. Something's off. Let me look at the first computation.`,
  (w) => `Wait, that's different from ${w}. One of them is wrong.`,
  (w) => `Hmm. Before I got ${w}. Let me find the mistake.`,
  (w) => `That disagrees with my earlier ${w}, so let me recheck the first way.`,
];
const ALT_AGREE: string[] = ['Both methods agree.', 'Same result either way.', 'Okay, the two ways agree.', 'Good, consistent.'];

const SUMMARY: Array<(x: Ctx, steps: string) => string> = [
  (x, s) => `${s}\n\n${cap(x.noun)} is **${x.pre}{V}${x.post}**.`,
  (x) => `**Answer:** ${x.pre}{V}${x.post}`,
  (x) => `Therefore, ${x.noun} is $\\boxed{{V}}$.`,
  (x, s) => `${s}\n\nHence ${x.noun} equals ${x.pre}{V}${x.post}.`,
  () => `The answer is {V}.`,
  (x, s) => `${s}\n\n\\[\n\\boxed{{V}}\n\\]`,
  (x, s) => `**Solution.** ${s.replace(/\n/g, ' ')}\n\nFinal answer: ${x.pre}{V}${x.post}`,
  (x) => `${cap(x.noun)}: **{V}**`,
];

// ---------------------------------------------------------------------------------------------
// Generation

type Scenario =
  | 'R-accept'
  | 'R-recomp'
  | 'R-words'
  | 'R-alt'
  | 'R-subcheck'
  | 'R-doubt-wrong'
  | 'W-arith-fix'
  | 'W-mis-fix'
  | 'W-alt-fix'
  | 'W-kept-echo'
  | 'W-kept-bare';

const SCEN: Array<[Scenario, number]> = [
  ['R-accept', 14],
  ['R-recomp', 14],
  ['R-words', 12],
  ['R-alt', 9],
  ['R-subcheck', 7],
  ['R-doubt-wrong', 6],
  ['W-arith-fix', 15],
  ['W-mis-fix', 10],
  ['W-alt-fix', 4],
  ['W-kept-echo', 5],
  ['W-kept-bare', 4],
];

function pickScenario(R: Rng): Scenario {
  const tot = SCEN.reduce((a, [, w]) => a + w, 0);
  let x = R.f() * tot;
  for (const [s, w] of SCEN) {
    if ((x -= w) < 0) return s;
  }
  return SCEN[0][0];
}

function fmt(n: number, commas: boolean): string {
  const s = String(n);
  if (!commas || Math.abs(n) < 1000) return s;
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function genOne(R: Rng, sp: Split, idx: number): PhrasingRecord {
  const T = R.pick(TYPES);
  const { P, names } = T.make(R);
  const x: Ctx = { noun: T.noun(names), pre: T.pre, post: T.post };
  const commas = R.chance(0.5);
  const F = (n: number) => fmt(n, commas);
  const right = T.calc(P, names);
  const answer = right.fin.ok;
  const facts = T.facts(P, names);

  let sc = pickScenario(R);
  // Problems without a usable misread fall back to their custom error or an arithmetic slip.
  const mis = T.misreads(P, R);
  const custom = T.custom ? T.custom(P, names, sp) : null;

  const o = new Out();
  const pool = <U>(xs: readonly U[]) => R.pick(half(xs, sp));
  const sep = () => (R.chance(0.45) ? '\n\n' : ' ');
  const hes = (p: number) => {
    if (R.chance(p)) o.t(pool(HESIT)(x, R.pick(facts)) + sep());
  };

  // One derivation (steps then the result line, which is the candidate).
  const derive = (c: Calc, from = 0, hesP = 0.35) => {
    for (let i = from; i < c.steps.length; i++) {
      o.t(pool(STEP)(c.steps[i]) + sep());
      hes(hesP);
    }
    o.c(pool(FINAL)(c.fin.expr, x), F(c.fin.val));
  };
  const compact = (c: Calc) => {
    const parts = c.steps.map((s) => `${s.expr} = ${s.val}`);
    if (sp === 'dev') o.t((parts.length ? parts.join(', ') + ', and ' : '') + `${c.fin.expr} = `);
    else o.t((parts.length ? parts.join('; then ') + '; so ' : '') + `${c.fin.expr} gives `);
    o.c('@@.', F(c.fin.val));
  };
  const recheckRecompute = (c: Calc) => {
    o.t(pool(RECOMP_INTRO) + sep());
    compact(c);
    o.t(' ' + pool(RECOMP_END));
  };
  const recheckWords = (v: number) => {
    o.t(pool(WORDS_INTRO) + ' ');
    o.t(pool(WORDS_BODY)(facts.slice(0, Math.max(2, facts.length - R.int(0, 1)))) + ' ');
    o.c(pool(WORDS_END)(x), F(v));
  };
  const verify = (v: number) => {
    o.t(pool(VERIFY_INTRO) + ' ' + T.verify!(P, names, v) + '. ');
    o.c(pool(VERIFY_END)(x), F(v));
  };
  let lastRestate = -1;
  const maybeRestate = (v: number, p: number) => {
    if (!R.chance(p)) return;
    const opts = half(RESTATE_ANS, sp);
    let k = R.int(0, opts.length - 1);
    if (k === lastRestate) k = (k + 1) % opts.length;
    lastRestate = k;
    o.r(sep() + opts[k](x), F(v));
  };
  const bare = (v: number, pRestate: number) => {
    o.t(sep() + pool(BARE));
    maybeRestate(v, pRestate);
  };

  // Choose the wrong first attempt where the scenario needs one.
  let wrong: Calc | null = null;
  let wrongKind: 'arith' | 'mis' | 'custom' = 'arith';
  let misUsed: Misread | null = null;
  let slipUsed: { i: number; d: number } | null = null;
  const wantsWrong = sc.startsWith('W-') || sc === 'R-doubt-wrong';
  if (wantsWrong) {
    const kinds: Array<'arith' | 'mis' | 'custom'> = [];
    if (sc !== 'W-kept-echo' && sc !== 'R-doubt-wrong') kinds.push('arith');
    if (mis.length && sc !== 'W-arith-fix' && sc !== 'W-alt-fix') kinds.push('mis');
    if (custom && sc !== 'W-arith-fix' && sc !== 'W-alt-fix') kinds.push('custom');
    if (sc === 'W-mis-fix' && !mis.length && !custom) kinds.push('arith');
    if (!kinds.length) sc = sc === 'R-doubt-wrong' ? 'R-accept' : 'W-arith-fix';
    const kind = kinds.length ? R.pick(kinds) : 'arith';
    wrongKind = kind;
    if (kind === 'arith') {
      slipUsed = R.pick(T.slips(P));
      wrong = T.calc(P, names, slipUsed);
    } else if (kind === 'mis') {
      misUsed = R.pick(mis);
      wrong = T.calc({ ...P, [misUsed.key]: misUsed.wrong }, names);
    } else {
      wrong = custom!.calc;
    }
    if (sc === 'R-accept') wrong = null;
  }

  // ---- the thinking block
  o.t('<think>\n');
  o.t(pool(OPENERS)(x, pool(RESTATE)(facts)));
  o.t('\n\n');
  hes(0.4);
  // Tried values bracket the true answer; a record whose reasoning lands on a wrong value skips them
  // (trying that value first and then adopting it would contradict itself).
  if (T.tries && !wrong && R.chance(0.6)) o.t(T.tries(P, names, R, sp) + '\n\n');

  let finalVal = answer;
  let finalCalc: Calc = right;
  const misFacts = () => {
    const wf = T.facts({ ...P, [misUsed!.key]: misUsed!.wrong }, names)[misUsed!.fact];
    return { rf: facts[misUsed!.fact], wf };
  };

  switch (sc) {
    case 'R-accept': {
      derive(right);
      if (R.chance(0.75)) bare(answer, 0.6);
      else maybeRestate(answer, 1);
      break;
    }
    case 'R-recomp': {
      derive(right);
      if (R.chance(0.4)) bare(answer, 0);
      o.t('\n\n');
      recheckRecompute(right);
      maybeRestate(answer, 0.5);
      break;
    }
    case 'R-words': {
      derive(right);
      o.t('\n\n');
      if (T.verify && R.chance(0.6)) verify(answer);
      else recheckWords(answer);
      if (R.chance(0.3)) {
        o.t('\n\n');
        recheckRecompute(right);
      }
      maybeRestate(answer, 0.5);
      break;
    }
    case 'R-alt': {
      derive(right);
      if (R.chance(0.3)) bare(answer, 0);
      o.t('\n\n');
      const alt = T.alt(P, names, sp);
      o.t(alt.intro + ' ');
      for (const s of alt.calc.steps) o.t(pool(STEP)(s) + ' ');
      o.c(pool(FINAL)(alt.calc.fin.expr, x), F(alt.calc.fin.val));
      o.t(' ' + pool(ALT_AGREE));
      maybeRestate(answer, 0.5);
      break;
    }
    case 'R-subcheck': {
      derive(right);
      o.t('\n\n');
      o.t(pool(SUB_CHECK)(R.pick(right.steps)));
      if (R.chance(0.5)) {
        o.t(' ');
        o.c(pool(SUB_ECHO)(x), F(answer));
        maybeRestate(answer, 0.4);
      } else if (R.chance(0.6)) o.t(sep() + pool(FORMAT_TALK));
      break;
    }
    case 'R-doubt-wrong': {
      // right first, then a second-guess (a misread of the question) that ends wrong
      derive(right);
      if (R.chance(0.5)) bare(answer, 0.3);
      o.t('\n\n');
      if (wrongKind === 'custom') o.t(custom!.doubt + '\n\n');
      else o.t(pool(MIS_DOUBT)(misFacts().wf) + '\n\n');
      derive(wrong!, 0, 0.15);
      finalVal = wrong!.fin.val;
      finalCalc = wrong!;
      if (R.chance(0.5)) bare(finalVal, 0.5);
      else maybeRestate(finalVal, 0.6);
      break;
    }
    case 'W-arith-fix':
    case 'W-mis-fix': {
      derive(wrong!);
      if (R.chance(0.35)) o.t(sep() + pool(BARE.slice(0, 6)));
      o.t('\n\n');
      hes(0.2);
      if (wrongKind === 'arith') {
        const i = slipUsed!.i;
        if (i >= wrong!.steps.length) {
          o.c(pool(ARITH_FIX_FIN)(right.fin.expr, wrong!.fin.val), F(answer));
          maybeRestate(answer, 0.5);
        } else {
          o.t(pool(ARITH_FIX)(wrong!.steps[i]) + ' ' + pool(REDO_LEAD) + ' ');
          derive(right, i + 1, 0.1);
        }
      } else {
        if (wrongKind === 'custom') o.t(custom!.fix);
        else {
          const { rf, wf } = misFacts();
          o.t(pool(MIS_FIX)(rf, wf));
        }
        o.t('\n\n' + pool(REDO_LEAD) + ' ');
        derive(right, wrongKind === 'custom' ? 1 : 0, 0.1);
      }
      const r = R.f();
      if (r < 0.3) {
        o.t('\n\n');
        recheckRecompute(right);
        maybeRestate(answer, 0.4);
      } else if (r < 0.45) {
        o.t('\n\n');
        if (T.verify) verify(answer);
        else recheckWords(answer);
        maybeRestate(answer, 0.4);
      } else if (r < 0.8) bare(answer, 0.5);
      else maybeRestate(answer, 0.5);
      break;
    }
    case 'W-alt-fix': {
      derive(wrong!);
      o.t('\n\n');
      const alt = T.alt(P, names, sp);
      o.t(alt.intro + ' ');
      for (const s of alt.calc.steps) o.t(pool(STEP)(s) + ' ');
      o.c(pool(FINAL)(alt.calc.fin.expr, x), F(alt.calc.fin.val));
      o.t('\n\n' + pool(ALT_MISMATCH)(wrong!.fin.val) + ' ');
      const i = slipUsed!.i;
      if (i < wrong!.steps.length) {
        o.t(pool(ARITH_FIX)(wrong!.steps[i]) + ' ');
        compact({ steps: right.steps.slice(i + 1), fin: right.fin });
      } else {
        o.c(pool(ARITH_FIX_FIN)(right.fin.expr, wrong!.fin.val), F(answer));
      }
      o.t(
        ' ' +
          pool([
            ' Now they agree.',
            'Those two now agree.',
            'Good, that matches the second method.',
            'Now both ways give the same thing.',
          ]).trim(),
      );
      maybeRestate(answer, 0.5);
      break;
    }
    case 'W-kept-echo': {
      derive(wrong!);
      o.t('\n\n');
      recheckRecompute(wrong!);
      finalVal = wrong!.fin.val;
      finalCalc = wrong!;
      maybeRestate(finalVal, 0.5);
      break;
    }
    case 'W-kept-bare': {
      derive(wrong!);
      finalVal = wrong!.fin.val;
      finalCalc = wrong!;
      bare(finalVal, 0.6);
      break;
    }
  }
  o.t('\n</think>\n\n');

  // ---- the summary (not labelled; its value is the final)
  const stepLines =
    sp === 'dev'
      ? finalCalc.steps
          .map((s) => `- ${cap(s.lab)}: ${s.expr} = ${s.val}`)
          .concat(`- ${cap(x.noun)}: ${finalCalc.fin.expr} = {V}`)
          .join('\n')
      : finalCalc.steps
          .map((s, i) => `${i + 1}. ${s.expr} = ${s.val} (${s.lab})`)
          .concat(`${finalCalc.steps.length + 1}. ${finalCalc.fin.expr} = {V} (${x.noun})`)
          .join('\n');
  o.r(pool(SUMMARY)(x, stepLines), F(finalVal));
  o.t('\n');

  return {
    id: `think-stream-${sp}-${idx + 1}`,
    headers: { query: T.query(P, names), answer: String(answer), task: T.task },
    body: o.s,
    candidates: o.cands,
    final: F(finalVal),
  };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const R = new Rng(Math.imul(seed | 0, 0x9e3779b1) ^ (split === 'dev' ? 0x5eed : 0xbeef));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(genOne(R, split, i));
  return out;
}
