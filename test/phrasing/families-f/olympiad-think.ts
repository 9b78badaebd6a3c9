// Phrasing family "olympiad-think": distilled competition-math reasoning ("think-stream").
// A thinking block (<|begin_of_thought|> ... <|end_of_thought|> in the dev split, <think> ... </think>
// in the held-out split) full of "Wait", "Hmm", "Alternatively", sub-results that are not the asked
// quantity, re-derivations by another method, drafts of the final answer; then a written solution
// (<|begin_of_solution|> ... <|end_of_solution|> in dev, plain prose with \boxed{} in held-out).
// Problems are AMC/AIME-like, built from random parameters, with the answers computed for real.
// Self-contained: no imports.

export const family = 'olympiad-think';

export interface PhrasingCandidate {
  value: string;
  offset: number;
}

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>;
  body: string;
  candidates: PhrasingCandidate[];
  final: string | null;
}

type Split = 'dev' | 'heldout';

// ---------------------------------------------------------------------------------------------
// PRNG and small helpers

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(private readonly f: () => number) {}
  next(): number {
    return this.f();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.f() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.f() * a.length)];
  }
}

interface Ctx {
  r: Rng;
  h: boolean; // held-out phrasing half
  comma: boolean; // thousands separators in this record
}

/** One phrasing from the split's half. */
function w(c: Ctx, dev: readonly string[], held: readonly string[]): string {
  return c.r.pick(c.h ? held : dev);
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function choose(n: number, k: number): number {
  let x = 1;
  for (let i = 0; i < k; i++) x = (x * (n - i)) / (i + 1);
  return Math.round(x);
}

function falling(n: number, k: number): number {
  let x = 1;
  for (let i = 0; i < k; i++) x *= n - i;
  return x;
}

function commas(s: string): string {
  const neg = s.startsWith('-');
  const d = neg ? s.slice(1) : s;
  return (neg ? '-' : '') + d.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fmt(c: Ctx, n: number | bigint): string {
  const s = String(n);
  return c.comma ? commas(s) : s;
}

function par(n: number): string {
  return n < 0 ? `(${n})` : `${n}`;
}

function ord(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return n + (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
}

// Candidate markers: stripped when the body is finalised, their positions become offsets.
const OPEN = '\u27ea';
const CLOSE = '\u27eb';

/** {V}: the candidate (marked); {v}: the same value again, unmarked (a merging restatement). */
function mk(t: string, v: string): string {
  return t
    .replace('{V}', OPEN + v + CLOSE)
    .split('{v}')
    .join(v);
}

/** The same template with nothing marked (restatements, summaries). */
function plain(t: string, v: string): string {
  return t.split('{V}').join(v).split('{v}').join(v);
}

function finalise(raw: string): { body: string; candidates: PhrasingCandidate[] } {
  let body = '';
  const candidates: PhrasingCandidate[] = [];
  let i = 0;
  while (i < raw.length) {
    const o = raw.indexOf(OPEN, i);
    if (o < 0) {
      body += raw.slice(i);
      break;
    }
    body += raw.slice(i, o);
    const e = raw.indexOf(CLOSE, o);
    const value = raw.slice(o + 1, e);
    candidates.push({ value, offset: body.length });
    body += value;
    i = e + 1;
  }
  return { body, candidates };
}

// ---------------------------------------------------------------------------------------------
// Problems

interface Sec {
  paras: string[];
  concl?: string[]; // conclusion templates with {V}; absent: the problem's default ones
}

interface Prob {
  kind: string;
  level: string;
  query: string;
  truth: number;
  wrong: number; // a plausible wrong answer, reached by wrongSec
  restate: string;
  derive: Sec;
  wrongSec: Sec;
  fix: Sec; // after "Wait": what was wrong, and the correct redo
  alt: Sec; // another method, after the main derivation
  altAfterFix?: Sec; // another method when the fix already used alt's method
  recheck: Sec; // a re-check in words that goes back over the reasoning
  subcheck: string; // a check of a sub-step (not a candidate)
  subAt?: number; // where it goes in derive.paras (default 1; -1: at the end)
  calc?: string; // LaTeX expression whose value is the answer (for arithmetic slips)
  concl: string[];
  summary: string[];
  wrongSummary: string[];
  finalLine: string[]; // templates with {v}
}

// ---- 1. urn probability, m/n -> m + n -------------------------------------------------------
function pUrn(c: Ctx): Prob {
  const { r } = c;
  const f = (x: number) => fmt(c, x);
  const [c1, c2] = r.pick([
    ['red', 'blue'],
    ['white', 'black'],
    ['green', 'yellow'],
    ['orange', 'purple'],
  ]);
  const [obj, obj1] = r.pick([
    ['marbles', 'marble'],
    ['balls', 'ball'],
    ['chips', 'chip'],
  ]);
  let R = 0,
    B = 0,
    k = 2,
    j = 1,
    N = 0,
    T = 0,
    F = 0,
    g = 1,
    m = 0,
    n = 0,
    Fw = 0,
    Tw = 0,
    mw = 0,
    nw = 0;
  let wt: 'a' | 'b' | 'c' = 'a';
  for (;;) {
    R = r.int(3, 10);
    B = r.int(3, 10);
    k = r.chance(0.6) ? 3 : 2;
    j = k === 2 ? 1 : r.int(1, 2);
    N = R + B;
    T = choose(N, k);
    F = choose(R, j) * choose(B, k - j);
    g = gcd(F, T);
    m = F / g;
    n = T / g;
    wt = r.pick<'a' | 'b' | 'c'>(g > 1 ? ['a', 'a', 'b', 'c'] : ['b', 'c']);
    if (wt === 'a') {
      Fw = F;
      Tw = T;
    } else if (wt === 'b') {
      Fw = choose(k, j) * R ** j * B ** (k - j);
      Tw = N ** k;
    } else {
      Fw = falling(R, j) * falling(B, k - j);
      Tw = falling(N, k);
    }
    const gw = wt === 'a' ? 1 : gcd(Fw, Tw);
    mw = Fw / gw;
    nw = Tw / gw;
    if (mw + nw !== m + n) break;
  }
  const K = k === 2 ? 'Two' : 'Three';
  const ckj = choose(k, j);
  const A = falling(R, j) * falling(B, k - j);
  const D = falling(N, k);
  const binExp = k === 2 ? `\\frac{${N} \\cdot ${N - 1}}{2}` : `\\frac{${N} \\cdot ${N - 1} \\cdot ${N - 2}}{6}`;
  const seq: string[] = [];
  for (let i = 0; i < j; i++) seq.push(`\\frac{${R - i}}{${N - i}}`);
  for (let t = 0; t < k - j; t++) seq.push(`\\frac{${B - t}}{${N - j - t}}`);
  const seqExpr = seq.join(' \\cdot ');
  const red = (a: number, b: number) => {
    const gg = gcd(a, b);
    return gg > 1 ? ` = \\frac{${f(a / gg)}}{${f(b / gg)}}` : '';
  };
  const total = w(
    c,
    [
      `First, the total number of ways to draw ${k} ${obj} from ${N} is $\\binom{${N}}{${k}} = ${binExp} = ${f(T)}$.`,
      `Total outcomes: we're choosing ${k} out of ${N}, so $\\binom{${N}}{${k}} = ${f(T)}$.`,
    ],
    [
      `Count the unordered draws first: $\\binom{${N}}{${k}} = ${binExp} = ${f(T)}$.`,
      `There are $\\binom{${N}}{${k}}$ equally likely ${k}-element subsets, and $\\binom{${N}}{${k}} = ${f(T)}$.`,
    ],
  );
  const fav = w(
    c,
    [
      `Now the favorable outcomes: exactly ${j} ${c1} means choosing ${j} of the ${R} ${c1} ${obj} and ${k - j} of the ${B} ${c2} ones. That's $\\binom{${R}}{${j}} \\cdot \\binom{${B}}{${k - j}} = ${choose(R, j)} \\cdot ${choose(B, k - j)} = ${f(F)}$.`,
    ],
    [
      `For the event, pick the ${c1} ones and the ${c2} ones separately: $\\binom{${R}}{${j}}\\binom{${B}}{${k - j}} = ${choose(R, j)} \\cdot ${choose(B, k - j)} = ${f(F)}$ favorable subsets.`,
    ],
  );
  const reduce =
    g > 1
      ? w(
          c,
          [` Let me simplify: both are divisible by ${g}, so it's $\\frac{${f(m)}}{${f(n)}}$.`],
          [` Dividing numerator and denominator by $\\gcd = ${g}$ gives $\\frac{${f(m)}}{${f(n)}}$.`],
        )
      : w(
          c,
          [` Is that reduced? ${f(F)} and ${f(T)} have no common factor, so yes.`],
          [` This is already in lowest terms since $\\gcd(${f(F)}, ${f(T)}) = 1$.`],
        );
  const frac = w(c, [`So the probability is $\\frac{${f(F)}}{${f(T)}}$.`], [`Hence $P = \\frac{${f(F)}}{${f(T)}}$.`]) + reduce;
  const mn = w(c, [`So $m = ${f(m)}$ and $n = ${f(n)}$.`], [`Thus $m = ${f(m)}$, $n = ${f(n)}$.`]);
  const conclFor = (a: number, b: number) =>
    c.h
      ? [`Therefore $m+n = ${f(a)}+${f(b)} = {V}$.`, `and $m + n$ is {V}.`]
      : [`Then $m + n = ${f(a)} + ${f(b)} = {V}$.`, `So $m + n = {V}$.`];
  const countPath = [total, fav, frac, mn];
  const seqPath = [
    w(
      c,
      [
        `Think of drawing the ${obj} one at a time. One specific order, say the ${c1} ones first, has probability $${seqExpr} = \\frac{${f(A)}}{${f(D)}}$.`,
      ],
      [`Sequentially: the probability of the order with all ${c1} ${obj} first is $${seqExpr} = \\frac{${f(A)}}{${f(D)}}$.`],
    ),
    w(
      c,
      [
        `There are $\\binom{${k}}{${j}} = ${ckj}$ orders, each equally likely, so $P = \\frac{${f(ckj * A)}}{${f(D)}} = \\frac{${f(m)}}{${f(n)}}$.`,
      ],
      [
        `Any of the $\\binom{${k}}{${j}} = ${ckj}$ arrangements has that same probability, so $P = ${ckj} \\cdot \\frac{${f(A)}}{${f(D)}} = \\frac{${f(m)}}{${f(n)}}$.`,
      ],
    ),
  ];
  let wrongSec: Sec, fix: Sec, wrongSummary: string[];
  let altAfterFix: Sec | undefined;
  if (wt === 'a') {
    wrongSec = {
      paras: [
        total,
        fav,
        w(
          c,
          [`So the probability is $\\frac{${f(F)}}{${f(T)}}$, which means $m = ${f(F)}$ and $n = ${f(T)}$.`],
          [`That gives $P = \\frac{${f(F)}}{${f(T)}}$, so $m = ${f(F)}$, $n = ${f(T)}$.`],
        ),
      ],
      concl: conclFor(F, T),
    };
    fix = {
      paras: [
        w(
          c,
          [
            `m and n have to be relatively prime, and I never reduced $\\frac{${f(F)}}{${f(T)}}$. The gcd of ${f(F)} and ${f(T)} is ${g}, so the fraction is $\\frac{${f(m)}}{${f(n)}}$, giving $m = ${f(m)}$, $n = ${f(n)}$.`,
          ],
          [
            `The fraction $\\frac{${f(F)}}{${f(T)}}$ isn't in lowest terms: $\\gcd(${f(F)}, ${f(T)}) = ${g}$. Reduced, it's $\\frac{${f(m)}}{${f(n)}}$, so $m = ${f(m)}$ and $n = ${f(n)}$.`,
          ],
        ),
      ],
    };
    wrongSummary = c.h
      ? [`Favorable draws: ${f(F)}; total: ${f(T)}. So $\\frac{m}{n} = \\frac{${f(F)}}{${f(T)}}$ with $m = ${f(F)}$, $n = ${f(T)}$.`]
      : [
          `There are $\\binom{${N}}{${k}} = ${f(T)}$ draws and $\\binom{${R}}{${j}}\\binom{${B}}{${k - j}} = ${f(F)}$ favorable ones, so the probability is $\\frac{${f(F)}}{${f(T)}}$, i.e. $m = ${f(F)}$, $n = ${f(T)}$.`,
        ];
  } else if (wt === 'b') {
    const p2 = w(
      c,
      [
        `Each ${obj1} drawn is ${c1} with probability $\\frac{${R}}{${N}}$ and ${c2} with probability $\\frac{${B}}{${N}}$. The ${j} ${c1} draws can be placed in $\\binom{${k}}{${j}} = ${ckj}$ ways, so $P = ${ckj} \\cdot \\left(\\frac{${R}}{${N}}\\right)^{${j}} \\left(\\frac{${B}}{${N}}\\right)^{${k - j}} = \\frac{${f(Fw)}}{${f(Tw)}}${red(Fw, Tw)}$.`,
      ],
      [
        `This is binomial: ${k} draws, each ${c1} with chance $\\frac{${R}}{${N}}$. So $P = \\binom{${k}}{${j}} \\left(\\frac{${R}}{${N}}\\right)^{${j}} \\left(\\frac{${B}}{${N}}\\right)^{${k - j}} = \\frac{${f(Fw)}}{${f(Tw)}}${red(Fw, Tw)}$.`,
      ],
    );
    wrongSec = {
      paras: [p2, w(c, [`So $m = ${f(mw)}$, $n = ${f(nw)}$.`], [`That makes $m = ${f(mw)}$ and $n = ${f(nw)}$.`])],
      concl: conclFor(mw, nw),
    };
    fix = {
      paras: [
        w(
          c,
          [
            `But the draws are without replacement, so they aren't independent: after a ${c1} ${obj1} comes out the chances change. I should count subsets instead.`,
          ],
          [`The ${obj} are not put back, so a binomial model is wrong here. Count subsets instead.`],
        ),
        ...countPath,
      ],
    };
    wrongSummary = c.h
      ? [`Treating the draws as independent with success chance $\\frac{${R}}{${N}}$ gives $P = \\frac{${f(mw)}}{${f(nw)}}$.`]
      : [
          `Each draw is ${c1} with probability $\\frac{${R}}{${N}}$, so $P = \\binom{${k}}{${j}}\\left(\\frac{${R}}{${N}}\\right)^{${j}}\\left(\\frac{${B}}{${N}}\\right)^{${k - j}} = \\frac{${f(mw)}}{${f(nw)}}$.`,
        ];
  } else {
    wrongSec = {
      paras: [
        w(
          c,
          [
            `Think of drawing one at a time. The probability that the first ${j} are ${c1} and the rest ${c2} is $${seqExpr} = \\frac{${f(A)}}{${f(D)}}${red(A, D)}$.`,
          ],
          [`Draw sequentially: ${c1} first, then ${c2}. That's $${seqExpr} = \\frac{${f(A)}}{${f(D)}}${red(A, D)}$.`],
        ),
        w(c, [`So $m = ${f(mw)}$ and $n = ${f(nw)}$.`], [`Hence $m = ${f(mw)}$, $n = ${f(nw)}$.`]),
      ],
      concl: conclFor(mw, nw),
    };
    fix = {
      paras: [
        w(
          c,
          [
            `That's only one particular order. The ${j} ${c1} ${obj} can occupy any ${j} of the ${k} positions: $\\binom{${k}}{${j}} = ${ckj}$ orders, each with the same probability. So $P = ${ckj} \\cdot \\frac{${f(A)}}{${f(D)}} = \\frac{${f(ckj * A)}}{${f(D)}} = \\frac{${f(m)}}{${f(n)}}$.`,
          ],
          [
            `I only counted the order with the ${c1} ones first. There are $\\binom{${k}}{${j}} = ${ckj}$ orders, so multiply: $P = \\frac{${f(ckj * A)}}{${f(D)}} = \\frac{${f(m)}}{${f(n)}}$.`,
          ],
        ),
        mn,
      ],
    };
    altAfterFix = { paras: countPath };
    wrongSummary = c.h
      ? [`Multiplying the draw probabilities in order gives $${seqExpr} = \\frac{${f(mw)}}{${f(nw)}}$.`]
      : [`Drawing in order, $P = ${seqExpr} = \\frac{${f(mw)}}{${f(nw)}}$.`];
  }
  return {
    kind: 'probability',
    level: k === 3 ? 'medium' : 'easy',
    query: `A bag contains ${R} ${c1} ${obj} and ${B} ${c2} ${obj}. ${K} ${obj} are drawn at random without replacement. The probability that exactly ${j} of them ${j === 1 ? 'is' : 'are'} ${c1} is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.`,
    truth: m + n,
    wrong: mw + nw,
    restate: w(
      c,
      [
        `So there are ${R} ${c1} and ${B} ${c2} ${obj}, ${N} in total, and we draw ${k} without replacement. We want the probability of exactly ${j} ${c1}, written as m/n in lowest terms, and then m + n.`,
      ],
      [
        `The setup: ${N} ${obj} total (${R} ${c1}, ${B} ${c2}), choose ${k} of them without replacement, and find P(exactly ${j} ${c1}) = m/n in lowest terms; the answer is m + n.`,
      ],
    ),
    derive: { paras: countPath },
    wrongSec,
    fix,
    alt: {
      paras: seqPath,
      concl: c.h ? [`Same fraction, so $m+n = {V}$ again.`] : [`The same $\\frac{${f(m)}}{${f(n)}}$, so $m + n = {V}$.`],
    },
    altAfterFix,
    recheck: {
      paras: [
        w(
          c,
          [
            `Re-reading the problem: exactly ${j} ${c1}, so the other ${k - j} must be ${c2}. That's what $\\binom{${R}}{${j}}\\binom{${B}}{${k - j}}$ counts. And is $\\frac{${f(m)}}{${f(n)}}$ fully reduced? $\\gcd(${f(m)}, ${f(n)}) = 1$, yes.`,
          ],
          [
            `Going back to the wording, "exactly ${j}" rules out drawing more ${c1} ones, and the favorable count $${choose(R, j)} \\cdot ${choose(B, k - j)}$ handles that. The fraction $\\frac{${f(m)}}{${f(n)}}$ has no common factor left.`,
          ],
        ),
      ],
    },
    subcheck: w(
      c,
      [
        `Let me double-check $\\binom{${N}}{${k}}$: $${N} \\cdot ${N - 1}${k === 3 ? ` \\cdot ${N - 2}` : ''} = ${f(falling(N, k))}$, divided by ${k === 2 ? 2 : 6} is ${f(T)}. Okay.`,
      ],
      [`(Check: $${f(falling(N, k))} / ${k === 2 ? 2 : 6} = ${f(T)}$, fine.)`],
    ),
    calc: `${f(m)} + ${f(n)}`,
    concl: conclFor(m, n),
    summary: c.h
      ? [
          `Out of $\\binom{${N}}{${k}} = ${f(T)}$ equally likely draws, $\\binom{${R}}{${j}}\\binom{${B}}{${k - j}} = ${f(F)}$ have exactly ${j} ${c1} ${j === 1 ? obj1 : obj}.`,
          `The probability $\\frac{${f(F)}}{${f(T)}}$ reduces to $\\frac{${f(m)}}{${f(n)}}$, so $m = ${f(m)}$, $n = ${f(n)}$.`,
        ]
      : [
          `There are $\\binom{${N}}{${k}} = ${f(T)}$ ways to draw ${k} ${obj}, of which $\\binom{${R}}{${j}}\\binom{${B}}{${k - j}} = ${f(F)}$ contain exactly ${j} ${c1}.`,
          `So the probability is $\\frac{${f(F)}}{${f(T)}} = \\frac{${f(m)}}{${f(n)}}$ in lowest terms, giving $m = ${f(m)}$ and $n = ${f(n)}$.`,
        ],
    wrongSummary,
    finalLine: c.h ? [`Therefore $m + n = \\boxed{{v}}$.`] : [`$m + n = \\boxed{{v}}$`],
  };
}

// ---- 2. remainder of a power ------------------------------------------------------------------
function pPow(c: Ctx): Prob {
  const { r } = c;
  const f = (x: number | bigint) => fmt(c, x);
  let a = 2,
    m = 7,
    k = 10,
    L = 1;
  let xs: number[] = [];
  const small = r.chance(0.4);
  for (;;) {
    m = r.pick([7, 11, 13, 17, 19, 23, 29, 31]);
    a = r.int(2, 15);
    if (a % m === 0 || a % m === 1) continue;
    xs = [1];
    let x = a % m;
    while (x !== 1) {
      xs.push(x);
      x = (x * a) % m;
    }
    L = xs.length; // xs[i] = a^i mod m, xs[0] = 1
    if (L < 3 || L > 12) continue;
    k = small ? r.int(7, 16) : r.chance(0.5) ? r.pick([2023, 2024, 2025, 2026]) : r.int(100, 999);
    if (k % L === 0) continue;
    break;
  }
  const q = Math.floor(k / L);
  const s = k % L;
  const truth = xs[s];
  const s2 = s + 1 <= L - 1 ? s + 1 : s - 1;
  const wrong = xs[s2];
  const table = xs
    .slice(1)
    .concat([1])
    .map((v, i) => `$${a}^{${i + 1}} \\equiv ${v}$`)
    .join(', ');
  const tableList = xs.slice(1).concat([1]).join(', ');
  const conclAt = (e: number) =>
    c.h
      ? [`Reading off the table, the remainder is {V}.`, `and $${a}^{${e}} \\equiv {V}$, which is the remainder.`]
      : [`Looking back at the list, $${a}^{${e}} \\equiv {V} \\pmod{${m}}$, so the remainder is {v}.`, `From the table, that's {V}.`];
  const tablePara = w(
    c,
    [`Let me look at the powers of ${a} modulo ${m}: ${table}. So the powers repeat with period ${L}.`],
    [`Compute successive powers mod ${m}: ${table}. The order of ${a} is ${L}.`],
  );
  const reducePara = (e: number) =>
    w(
      c,
      [
        `Now $${k} = ${L} \\cdot ${q} + ${e}$, so $${a}^{${k}} = (${a}^{${L}})^{${q}} \\cdot ${a}^{${e}} \\equiv ${a}^{${e}} \\pmod{${m}}$.`,
      ],
      [`Write $${k} = ${L} \\cdot ${q} + ${e}$. Then $${a}^{${k}} \\equiv (${a}^{${L}})^{${q}} \\cdot ${a}^{${e}} \\equiv ${a}^{${e}}$.`],
    );
  let alt: Sec;
  if (small) {
    const big = BigInt(a) ** BigInt(k);
    const qb = big / BigInt(m);
    alt = {
      paras: [
        w(
          c,
          [`Since the exponent is small, I can also just compute the power directly: $${a}^{${k}} = ${f(big)}$.`],
          [`The exponent is only ${k}, so brute force works too: $${a}^{${k}} = ${f(big)}$.`],
        ),
      ],
      concl: c.h
        ? [`Dividing by ${m}: $${f(big)} = ${m} \\cdot ${f(qb)} + {V}$. Same remainder.`]
        : [`And $${f(big)} = ${m} \\cdot ${f(qb)} + {V}$, so the remainder is {v}, which agrees.`],
    };
  } else {
    const e = k % (m - 1);
    const q2 = Math.floor(k / (m - 1));
    const pw: string[] = [];
    const fac: number[] = [];
    const bits: number[] = [];
    let sq = a % m;
    for (let b = 1; b <= e; b *= 2) {
      pw.push(`$${a}^{${b}} \\equiv ${sq}$`);
      if (e & b) {
        fac.push(sq);
        bits.push(b);
      }
      sq = (sq * sq) % m;
    }
    const P = fac.reduce((x, y) => x * y, 1);
    const single = fac.length === 1;
    alt = {
      paras: [
        w(
          c,
          [
            `Alternatively, by Fermat's little theorem $${a}^{${m - 1}} \\equiv 1 \\pmod{${m}}$. Since $${k} = ${m - 1} \\cdot ${q2} + ${e}$, we get $${a}^{${k}} \\equiv ${a}^{${e}}$.`,
          ],
          [
            `Cross-check with Fermat: ${m} is prime, so $${a}^{${m - 1}} \\equiv 1$, and $${k} \\bmod ${m - 1} = ${e}$. So I need $${a}^{${e}} \\bmod ${m}$.`,
          ],
        ),
        `${w(c, ['Repeated squaring:', 'Squaring repeatedly mod ' + m + ':'], ['By squaring:', 'Powers of two:'])} ${pw.join(', ')}.${single ? '' : c.h ? ` In binary, $${e} = ${bits.join(' + ')}$.` : ` And $${e} = ${bits.join(' + ')}$.`}`,
      ],
      concl: single
        ? c.h
          ? [`So $${a}^{${e}} \\equiv {V}$, matching the table.`]
          : [`So $${a}^{${e}} \\equiv {V}$, consistent with the cycle.`]
        : c.h
          ? [`Then $${fac.join(' \\cdot ')} = ${f(P)}$, which is $\\equiv {V} \\pmod{${m}}$; matches.`]
          : [`Multiplying: $${fac.join(' \\cdot ')} = ${f(P)} \\equiv {V} \\pmod{${m}}$. Same as before.`],
    };
  }
  const xl = xs[L - 1];
  return {
    kind: 'modular',
    level: small ? 'easy' : 'hard',
    query: `What is the remainder when $${a}^{${k}}$ is divided by $${m}$?`,
    truth,
    wrong,
    restate: w(
      c,
      [`We need ${a}^${k} mod ${m}.`, `So the question is ${a}^{${k}} modulo ${m}.`],
      [`Goal: compute $${a}^{${k}} \\bmod ${m}$.`, `We want the residue of ${a} to the power ${k} modulo ${m}.`],
    ),
    derive: { paras: [tablePara, reducePara(s)] },
    wrongSec: {
      paras: [
        tablePara,
        w(
          c,
          [`Now $${k} = ${L} \\cdot ${q} + ${s2}$, so $${a}^{${k}} \\equiv ${a}^{${s2}} \\pmod{${m}}$.`],
          [`Write $${k} = ${L} \\cdot ${q} + ${s2}$. Then $${a}^{${k}} \\equiv ${a}^{${s2}}$.`],
        ),
      ],
      concl: conclAt(s2),
    },
    fix: {
      paras: [
        w(
          c,
          [
            `Let me recheck that division. $${L} \\cdot ${q} = ${L * q}$, and $${k} - ${L * q} = ${s}$, not ${s2}. So $${a}^{${k}} \\equiv ${a}^{${s}}$.`,
          ],
          [
            `The division was off: $${L} \\cdot ${q} = ${L * q}$, so the remainder of ${k} mod ${L} is ${s}, not ${s2}. Hence $${a}^{${k}} \\equiv ${a}^{${s}}$.`,
          ],
        ),
      ],
      concl: conclAt(s),
    },
    alt,
    recheck: {
      paras: [
        w(
          c,
          [
            `Let me re-verify the cycle: $${a}^{${L - 1}} \\equiv ${xl}$ and $${xl} \\cdot ${a} = ${xl * a} = ${m} \\cdot ${(xl * a - 1) / m} + 1$, so $${a}^{${L}} \\equiv 1$ ✓. And $${L} \\cdot ${q} + ${s} = ${k}$ ✓. So the exponent really reduces to ${s}.`,
          ],
          [
            `Going back over it: the cycle closes because $${xl} \\cdot ${a} = ${xl * a} \\equiv 1 \\pmod{${m}}$, and $${L * q} + ${s} = ${k}$, so the exponent reduces to ${s}, the ${ord(s)} entry of the list.`,
          ],
        ),
      ],
      concl: c.h ? [`So $${a}^{${k}} \\equiv {V}$ and the remainder is {v}.`] : [`So the remainder really is {V}.`],
    },
    subcheck: w(
      c,
      [`(Check: $${xs[1]} \\cdot ${a} = ${xs[1] * a} = ${m} \\cdot ${Math.floor((xs[1] * a) / m)} + ${xs[2]}$, good.)`],
      [`Quick check of one entry: $${xs[1] * a} - ${m * Math.floor((xs[1] * a) / m)} = ${xs[2]}$, right.`],
    ),
    concl: conclAt(s),
    summary: c.h
      ? [
          `The residues of ${a}^i modulo ${m} run through ${tableList} and then repeat (period ${L}).`,
          `As $${k} \\equiv ${s} \\pmod{${L}}$, $${a}^{${k}} \\equiv ${a}^{${s}} \\equiv ${truth}$.`,
        ]
      : [
          `Modulo ${m}, the powers of ${a} are ${tableList}, so they repeat every ${L} steps.`,
          `Since $${k} = ${L} \\cdot ${q} + ${s}$, we have $${a}^{${k}} \\equiv ${a}^{${s}} \\equiv ${truth} \\pmod{${m}}$.`,
        ],
    wrongSummary: c.h
      ? [
          `The residues of ${a}^i modulo ${m} run through ${tableList} and then repeat (period ${L}).`,
          `Taking $${k} \\equiv ${s2} \\pmod{${L}}$, we get $${a}^{${k}} \\equiv ${a}^{${s2}} \\equiv ${wrong}$.`,
        ]
      : [
          `Modulo ${m}, the powers of ${a} are ${tableList}, with period ${L}.`,
          `Reducing the exponent, $${a}^{${k}} \\equiv ${a}^{${s2}} \\equiv ${wrong} \\pmod{${m}}$.`,
        ],
    finalLine: c.h ? [`The remainder is $\\boxed{{v}}$.`] : [`The remainder is \\(\\boxed{{v}}\\).`],
  };
}

// ---- 3. inclusion-exclusion count ------------------------------------------------------------
function pIncl(c: Ctx): Prob {
  const { r } = c;
  const f = (x: number) => fmt(c, x);
  let N = 0,
    a = 0,
    b = 0,
    L = 0,
    A = 0,
    B = 0,
    C = 0,
    truth = 0,
    wrong = 0;
  let kind: 'or' | 'neither' | 'exactly' = 'or';
  let wt: 'lcm' | 'forgot' = 'forgot';
  let Cw = 0;
  for (;;) {
    N = r.chance(0.3) ? r.pick([100, 500, 1000, 2000, 2024, 2025]) : r.int(100, 3000);
    a = r.int(2, 12);
    b = r.int(a + 1, 15);
    if (b % a === 0) continue;
    L = (a * b) / gcd(a, b);
    A = Math.floor(N / a);
    B = Math.floor(N / b);
    C = Math.floor(N / L);
    if (C < 1) continue;
    kind = r.pick<'or' | 'neither' | 'exactly'>(['or', 'or', 'neither', 'exactly']);
    truth = kind === 'or' ? A + B - C : kind === 'neither' ? N - (A + B - C) : A + B - 2 * C;
    Cw = Math.floor(N / (a * b));
    wt = gcd(a, b) > 1 && Cw !== C && r.chance(0.6) ? 'lcm' : 'forgot';
    if (wt === 'lcm') wrong = kind === 'or' ? A + B - Cw : kind === 'neither' ? N - (A + B - Cw) : A + B - 2 * Cw;
    else wrong = kind === 'or' ? A + B : kind === 'neither' ? N - A - B : A + B - C;
    if (wrong !== truth) break;
  }
  const U = A + B - C;
  const query =
    kind === 'or'
      ? `How many positive integers less than or equal to ${f(N)} are divisible by ${a} or ${b}?`
      : kind === 'neither'
        ? `How many integers from 1 to ${f(N)} are divisible by neither ${a} nor ${b}?`
        : `How many positive integers not exceeding ${f(N)} are divisible by exactly one of ${a} and ${b}?`;
  const pa = w(
    c,
    [`Multiples of ${a} up to ${f(N)}: $\\lfloor ${N}/${a} \\rfloor = ${f(A)}$.`],
    [`There are $\\lfloor ${N}/${a} \\rfloor = ${f(A)}$ multiples of ${a}.`],
  );
  const pb = w(
    c,
    [`Multiples of ${b}: $\\lfloor ${N}/${b} \\rfloor = ${f(B)}$.`],
    [`And $\\lfloor ${N}/${b} \\rfloor = ${f(B)}$ multiples of ${b}.`],
  );
  const pc = (cc: number, lcmOk: boolean) =>
    lcmOk
      ? w(
          c,
          [`Numbers divisible by both are multiples of $\\operatorname{lcm}(${a}, ${b}) = ${L}$: $\\lfloor ${N}/${L} \\rfloor = ${cc}$.`],
          [`Common multiples: $\\operatorname{lcm}(${a},${b}) = ${L}$, and $\\lfloor ${N}/${L} \\rfloor = ${cc}$.`],
        )
      : w(
          c,
          [`Numbers divisible by both are multiples of $${a} \\cdot ${b} = ${a * b}$: $\\lfloor ${N}/${a * b} \\rfloor = ${cc}$.`],
          [`Divisible by both means divisible by $${a}\\cdot${b} = ${a * b}$, giving $\\lfloor ${N}/${a * b} \\rfloor = ${cc}$.`],
        );
  const expr = (cc: number) =>
    kind === 'or' ? `${f(A)} + ${f(B)} - ${cc}` : kind === 'neither' ? `${f(N)} - ${f(A + B - cc)}` : `${f(A)} + ${f(B)} - 2 \\cdot ${cc}`;
  const combine = (cc: number) =>
    kind === 'or'
      ? w(
          c,
          [`By inclusion-exclusion, the count is $${f(A)} + ${f(B)} - ${cc}$.`],
          [`Inclusion-exclusion: $|A \\cup B| = ${f(A)} + ${f(B)} - ${cc}$.`],
        )
      : kind === 'neither'
        ? w(
            c,
            [`Divisible by at least one: $${f(A)} + ${f(B)} - ${cc} = ${f(A + B - cc)}$. The rest are divisible by neither.`],
            [`So $${f(A + B - cc)}$ numbers are divisible by ${a} or ${b}; take the complement in ${f(N)}.`],
          )
        : w(
            c,
            [`Exactly one: $(${f(A)} - ${cc}) + (${f(B)} - ${cc})$.`],
            [`Only-${a} plus only-${b}: $(${f(A)} - ${cc}) + (${f(B)} - ${cc})$.`],
          );
  const conclE = (cc: number) =>
    c.h
      ? [`So the count is $${expr(cc)} = {V}$.`, `which makes {V} integers.`]
      : [`So there are $${expr(cc)} = {V}$ such integers.`, `That's {V} numbers.`];
  let wrongSec: Sec, fix: Sec, wrongSummary: string[];
  if (wt === 'lcm') {
    wrongSec = { paras: [pa, pb, pc(Cw, false), combine(Cw)], concl: conclE(Cw) };
    fix = {
      paras: [
        w(
          c,
          [
            `${a} and ${b} share the factor ${gcd(a, b)}, so multiples of both are multiples of $\\operatorname{lcm}(${a}, ${b}) = ${L}$, not of ${a * b}. $\\lfloor ${N}/${L} \\rfloor = ${C}$.`,
          ],
          [
            `The common multiples are multiples of the lcm, which is ${L} because $\\gcd(${a}, ${b}) = ${gcd(a, b)}$; using ${a * b} misses some. Recount: $\\lfloor ${N}/${L} \\rfloor = ${C}$.`,
          ],
        ),
        combine(C),
      ],
    };
    wrongSummary = c.h
      ? [
          `Counts: ${f(A)} (multiples of ${a}), ${f(B)} (multiples of ${b}), ${Cw} (multiples of ${a * b}).`,
          `Result: $${expr(Cw)} = ${f(wrong)}$.`,
        ]
      : [
          `${f(A)} multiples of ${a}, ${f(B)} of ${b}, and ${Cw} of $${a}\\cdot${b} = ${a * b}$.`,
          `Combining: $${expr(Cw)} = ${f(wrong)}$.`,
        ];
  } else {
    const wExpr = kind === 'or' ? `${f(A)} + ${f(B)}` : kind === 'neither' ? `${f(N)} - ${f(A)} - ${f(B)}` : `${f(A)} + ${f(B)} - ${C}`;
    const wPara =
      kind === 'exactly'
        ? w(c, [`${pc(C, true)} So the count is $${wExpr}$.`], [`${pc(C, true)} Subtracting the overlap: $${wExpr}$.`])
        : w(c, [`So the count is $${wExpr}$.`], [`Combining these: $${wExpr}$.`]);
    wrongSec = { paras: [pa, pb, wPara], concl: c.h ? [`This yields $${wExpr} = {V}$.`] : [`So that's $${wExpr} = {V}$.`] };
    fix = {
      paras: [
        kind === 'exactly'
          ? w(
              c,
              [
                `Subtracting the overlap once gives "at least one", but the ${C} common multiples must be excluded entirely, so subtract them from both counts.`,
              ],
              [`"Exactly one" excludes the ${C} numbers divisible by both; $${wExpr}$ still includes them once.`],
            )
          : w(
              c,
              [`Numbers divisible by both ${a} and ${b} were counted twice. I need to correct for them.`],
              [`The multiples of both got double-counted; inclusion-exclusion needs the overlap term.`],
            ),
        ...(kind === 'exactly' ? [] : [pc(C, true)]),
        combine(C),
      ],
    };
    wrongSummary = c.h
      ? [`Multiples of ${a}: ${f(A)}; multiples of ${b}: ${f(B)}.`, `Result: $${wExpr} = ${f(wrong)}$.`]
      : [
          `There are ${f(A)} multiples of ${a} and ${f(B)} multiples of ${b} up to ${f(N)}.`,
          `Therefore the count is $${wExpr} = ${f(wrong)}$.`,
        ];
  }
  const full = Math.floor(N / L);
  const rem = N % L;
  const per = kind === 'or' ? L / a + L / b - 1 : kind === 'neither' ? L - (L / a + L / b - 1) : L / a + L / b - 2;
  const remCount =
    kind === 'or'
      ? Math.floor(rem / a) + Math.floor(rem / b)
      : kind === 'neither'
        ? rem - Math.floor(rem / a) - Math.floor(rem / b)
        : Math.floor(rem / a) + Math.floor(rem / b);
  const condWord =
    kind === 'or' ? `divisible by ${a} or ${b}` : kind === 'neither' ? `divisible by neither` : `divisible by exactly one of them`;
  return {
    kind: 'counting',
    level: kind === 'or' ? 'easy' : 'medium',
    query,
    truth,
    wrong,
    restate: w(
      c,
      [
        `So we're looking at 1 through ${f(N)} and counting numbers ${condWord}.`,
        `Okay, the range is 1 to ${f(N)}, and the divisors involved are ${a} and ${b}.`,
      ],
      [`Range: 1..${f(N)}. Condition: ${condWord}.`, `We count integers up to ${f(N)} with a divisibility condition on ${a} and ${b}.`],
    ),
    derive: { paras: [pa, pb, pc(C, true), combine(C)] },
    wrongSec,
    fix,
    alt: {
      paras: [
        w(
          c,
          [
            `Divisibility by ${a} and ${b} repeats every ${L} numbers. In one block of ${L} there are ${L / a} multiples of ${a}, ${L / b} of ${b}, and 1 of both, so ${per} numbers ${condWord} per block. Since $${N} = ${L} \\cdot ${full} + ${rem}$, the ${full} full blocks give $${f(full * per)}$, and the leftover 1..${rem} contributes ${remCount}.`,
          ],
          [
            `Count by blocks of ${L}: each block has ${per} numbers ${condWord}. There are ${full} full blocks (${f(full * L)} numbers) plus ${rem} leftover numbers, of which ${remCount} qualify.`,
          ],
        ),
      ],
      concl: c.h
        ? [`So the count is $${f(full * per)} + ${remCount} = {V}$, same as before.`]
        : [`Total: $${full} \\cdot ${per} + ${remCount} = {V}$. Matches.`],
    },
    recheck: {
      paras: [
        kind === 'or'
          ? w(
              c,
              [
                `Re-reading: "divisible by ${a} or ${b}" includes numbers divisible by both, but each should be counted once. The ${C} multiples of ${L} were in both ${f(A)} and ${f(B)}, so subtracting them once is right.`,
              ],
              [
                `The word "or" is inclusive, so a multiple of ${L} counts once; it sits in both lists, hence the single subtraction of ${C}.`,
              ],
            )
          : kind === 'neither'
            ? w(
                c,
                [
                  `Re-reading: "neither" is the complement of "${a} or ${b}". I computed the union as ${f(U)} with the overlap ${C} subtracted once, then took ${f(N)} minus that.`,
                ],
                [`Neither = total minus union, and the union was ${f(U)} after removing the ${C} double-counted multiples of ${L}.`],
              )
            : w(
                c,
                [
                  `Re-reading: exactly one means divisible by ${a} but not ${b}, or by ${b} but not ${a}. That's ${f(A - C)} and ${f(B - C)} respectively.`,
                ],
                [`Only-${a}: ${f(A)} - ${C} = ${f(A - C)}; only-${b}: ${f(B)} - ${C} = ${f(B - C)}; those are disjoint.`],
              ),
      ],
    },
    subcheck: w(
      c,
      [
        `Quick check on the first one: $${a} \\cdot ${A} = ${f(a * A)} \\le ${f(N)}$ and $${a} \\cdot ${A + 1} = ${f(a * (A + 1))} > ${f(N)}$, good.`,
      ],
      [`(Sanity: $${b} \\cdot ${B} = ${f(b * B)}$, the last multiple of ${b} before ${f(N)}.)`],
    ),
    calc: expr(C),
    subAt: 2,
    concl: conclE(C),
    summary: c.h
      ? [
          `Counting multiples up to ${f(N)}: ${f(A)} of ${a}, ${f(B)} of ${b}, ${C} of ${L} (the lcm).`,
          `By inclusion-exclusion the answer is $${expr(C)} = ${f(truth)}$.`,
        ]
      : [
          `Up to ${f(N)} there are $\\lfloor ${N}/${a} \\rfloor = ${f(A)}$ multiples of ${a}, $\\lfloor ${N}/${b} \\rfloor = ${f(B)}$ multiples of ${b}, and $\\lfloor ${N}/${L} \\rfloor = ${C}$ multiples of $\\operatorname{lcm}(${a},${b}) = ${L}$.`,
          `Hence the count is $${expr(C)} = ${f(truth)}$.`,
        ],
    wrongSummary,
    finalLine: c.h ? [`There are $\\boxed{{v}}$ such integers.`] : [`The answer is $\\boxed{{v}}$.`],
  };
}

// ---- 4. arithmetic sequence sum --------------------------------------------------------------
function pSeq(c: Ctx): Prob {
  const { r } = c;
  const f = (x: number) => fmt(c, x);
  const a1 = r.int(-12, 30);
  let d = r.int(-3, 9);
  if (d === 0) d = 4;
  const p = r.int(2, 8);
  const q = r.int(p + 2, 16);
  const n = r.int(Math.max(q, 12), 80);
  const X = a1 + (p - 1) * d;
  const Y = a1 + (q - 1) * d;
  const an = a1 + (n - 1) * d;
  const S = (n * (a1 + an)) / 2;
  const a1w = X - p * d;
  const anw = a1w + (n - 1) * d;
  const Sw = (n * (a1w + anw)) / 2;
  const sumPara = (x1: number, xn: number) =>
    w(
      c,
      [
        `The ${ord(n)} term is $a_{${n}} = ${x1} + ${n - 1} \\cdot ${par(d)} = ${f(xn)}$, and $S_{${n}} = \\frac{${n}(a_1 + a_{${n}})}{2} = \\frac{${n} \\cdot ${par(x1 + xn)}}{2}$.`,
      ],
      [
        `Last term needed: $a_{${n}} = ${x1} + ${n - 1}\\cdot ${par(d)} = ${f(xn)}$. Sum $= \\frac{n}{2}(a_1 + a_n) = \\frac{${n}}{2} \\cdot ${par(x1 + xn)}$.`,
      ],
    );
  const dPara = w(
    c,
    [`Subtracting the two equations: $${q - p}d = ${Y} - ${par(X)} = ${Y - X}$, so $d = ${d}$.`],
    [`The gap between the terms is ${q - p} steps, so $d = \\frac{${Y} - ${par(X)}}{${q - p}} = ${d}$.`],
  );
  const conclS = c.h ? [`So the sum is {V}.`, `which is {V}.`] : [`So $S_{${n}} = {V}$.`, `That comes to {V}.`];
  return {
    kind: 'sequences',
    level: 'easy',
    query: `In an arithmetic sequence, the ${ord(p)} term is ${X} and the ${ord(q)} term is ${Y}. What is the sum of the first ${n} terms?`,
    truth: S,
    wrong: Sw,
    restate: w(
      c,
      [`We know $a_{${p}} = ${X}$ and $a_{${q}} = ${Y}$, and we want $S_{${n}}$.`],
      [`Given: term ${p} is ${X}, term ${q} is ${Y}. Wanted: the sum of terms 1 through ${n}.`],
    ),
    derive: {
      paras: [
        w(
          c,
          [`Let the first term be $a_1$ and the common difference $d$. Then $a_1 + ${p - 1}d = ${X}$ and $a_1 + ${q - 1}d = ${Y}$.`],
          [`Write $a_k = a_1 + (k-1)d$. The data say $a_1 + ${p - 1}d = ${X}$, $a_1 + ${q - 1}d = ${Y}$.`],
        ),
        dPara,
        w(c, [`Then $a_1 = ${X} - ${p - 1} \\cdot ${par(d)} = ${a1}$.`], [`Back-substituting, $a_1 = ${X} - ${(p - 1) * d} = ${a1}$.`]),
        sumPara(a1, an),
      ],
    },
    wrongSec: {
      paras: [
        w(
          c,
          [`Let the first term be $a_1$ and difference $d$, so $a_{${p}} = a_1 + ${p}d = ${X}$ and $a_{${q}} = a_1 + ${q}d = ${Y}$.`],
          [`Terms: $a_{${p}} = a_1 + ${p}d = ${X}$ and $a_{${q}} = a_1 + ${q}d = ${Y}$.`],
        ),
        dPara,
        w(c, [`Then $a_1 = ${X} - ${p} \\cdot ${par(d)} = ${a1w}$.`], [`So $a_1 = ${X} - ${p * d} = ${a1w}$.`]),
        sumPara(a1w, anw),
      ],
      concl: conclS,
    },
    fix: {
      paras: [
        w(
          c,
          [`The ${ord(p)} term is $a_1 + ${p - 1}d$, not $a_1 + ${p}d$. So $a_1 = ${X} - ${p - 1} \\cdot ${par(d)} = ${a1}$.`],
          [`I shifted the index: $a_k = a_1 + (k-1)d$, so $a_1 = ${X} - ${(p - 1) * d} = ${a1}$, not ${a1w}.`],
        ),
        sumPara(a1, an),
      ],
    },
    alt: {
      paras: [
        w(
          c,
          [
            `Using $S_n = n a_1 + \\frac{n(n-1)}{2} d$ instead: $${n} \\cdot ${par(a1)} + ${f((n * (n - 1)) / 2)} \\cdot ${par(d)} = ${f(n * a1)} + ${par((n * (n - 1) * d) / 2)}$.`,
          ],
          [`Other formula: $S_n = na_1 + d\\binom{n}{2} = ${f(n * a1)} + ${par(d)} \\cdot ${f((n * (n - 1)) / 2)}$.`],
        ),
      ],
      concl: c.h ? [`$= {V}$. Both formulas agree.`] : [`That's $${f(n * a1)} + ${par((n * (n - 1) * d) / 2)} = {V}$, same as before.`],
    },
    recheck: {
      paras: [
        w(
          c,
          [
            `Check the given terms with $a_1 = ${a1}$, $d = ${d}$: $a_{${p}} = ${a1} + ${(p - 1) * d} = ${X}$ ✓ and $a_{${q}} = ${a1} + ${(q - 1) * d} = ${Y}$ ✓. The average of the first ${n} terms is $\\frac{${a1} + ${par(an)}}{2}$, times ${n}.`,
          ],
          [
            `Plugging back: $${a1} + ${p - 1}\\cdot${par(d)} = ${X}$ and $${a1} + ${q - 1}\\cdot${par(d)} = ${Y}$, both as given. And the sum is ${n} times the average of the first and ${ord(n)} terms.`,
          ],
        ),
      ],
      concl: c.h ? [`So the sum of the first ${n} terms is {V}.`] : [`So $S_{${n}}$ is {V}.`],
    },
    subcheck: w(
      c,
      [`Let me double-check $d$: $${q - p} \\cdot ${par(d)} = ${(q - p) * d}$. Yes.`],
      [`($${q - p}\\times${par(d)} = ${(q - p) * d}$, consistent.)`],
    ),
    calc: `\\frac{${n} \\cdot ${par(a1 + an)}}{2}`,
    concl: conclS,
    summary: c.h
      ? [
          `Solving the two term equations gives $d = ${d}$, $a_1 = ${a1}$; the ${ord(n)} term is ${f(an)}.`,
          `The sum is $\\frac{${n}}{2}(${a1} + ${par(an)}) = ${f(S)}$.`,
        ]
      : [
          `From $a_1 + ${p - 1}d = ${X}$ and $a_1 + ${q - 1}d = ${Y}$ we get $d = ${d}$ and $a_1 = ${a1}$, so $a_{${n}} = ${f(an)}$.`,
          `Then $S_{${n}} = \\frac{${n}(${a1} + ${par(an)})}{2} = ${f(S)}$.`,
        ],
    wrongSummary: c.h
      ? [
          `Taking $a_{${p}} = a_1 + ${p}d$: $d = ${d}$, $a_1 = ${a1w}$, and the ${ord(n)} term is ${f(anw)}.`,
          `The sum is $\\frac{${n}}{2}(${a1w} + ${par(anw)}) = ${f(Sw)}$.`,
        ]
      : [
          `With $a_{${p}} = a_1 + ${p}d$ we get $d = ${d}$, $a_1 = ${a1w}$, and $a_{${n}} = ${f(anw)}$.`,
          `So $S_{${n}} = \\frac{${n}(${a1w} + ${par(anw)})}{2} = ${f(Sw)}$.`,
        ],
    finalLine: c.h ? [`The sum of the first ${n} terms is $\\boxed{{v}}$.`] : [`$S_{${n}} = \\boxed{{v}}$`],
  };
}

// ---- 5. floor of a triangle's area -----------------------------------------------------------
function pTri(c: Ctx): Prob {
  const { r } = c;
  let x1 = 0,
    y1 = 0,
    x2 = 0,
    y2 = 0,
    x3 = 0,
    y3 = 0,
    t1 = 0,
    t2 = 0,
    t3 = 0,
    s = 0,
    D = 0,
    Dw = 0,
    sw = 0;
  let wt: 'ceil' | 'sign' = 'ceil';
  for (;;) {
    [x1, y1, x2, y2, x3, y3] = [r.int(-6, 9), r.int(-6, 9), r.int(-6, 12), r.int(-6, 12), r.int(-6, 12), r.int(-6, 12)];
    t1 = x1 * (y2 - y3);
    t2 = x2 * (y3 - y1);
    t3 = x3 * (y1 - y2);
    s = t1 + t2 + t3;
    D = Math.abs(s);
    if (D % 2 === 0 || D < 9) continue;
    sw = t1 - t2 + t3;
    Dw = Math.abs(sw);
    wt = t2 !== 0 && Math.floor(Dw / 2) !== Math.floor(D / 2) && Dw > 2 && r.chance(0.5) ? 'sign' : 'ceil';
    break;
  }
  const fl = Math.floor(D / 2);
  const dec = (x: number) => (x / 2).toFixed(1);
  const shoe = (tt2: number, ss: number) =>
    w(
      c,
      [
        `Plugging in: $${x1}(${y2} - ${par(y3)}) + ${par(x2)}(${y3} - ${par(y1)}) + ${par(x3)}(${y1} - ${par(y2)}) = ${t1} + ${par(tt2)} + ${par(t3)} = ${ss}$.`,
      ],
      [
        `The three terms: $${x1}\\cdot${par(y2 - y3)} = ${t1}$, $${x2}\\cdot${par(y3 - y1)} = ${tt2}$, $${x3}\\cdot${par(y1 - y2)} = ${t3}$. Sum: ${ss}.`,
      ],
    );
  const areaPara = (dd: number, ss: number) =>
    w(
      c,
      [`So the area is $\\frac{|${ss}|}{2} = \\frac{${dd}}{2} = ${dec(dd)}$.`],
      [`Area $= \\frac{1}{2}|${ss}| = ${dec(dd)}$, i.e. $\\frac{${dd}}{2}$.`],
    );
  const formula = w(
    c,
    [`Use the shoelace formula: $\\text{Area} = \\frac{1}{2}\\left|x_1(y_2 - y_3) + x_2(y_3 - y_1) + x_3(y_1 - y_2)\\right|$.`],
    [`Shoelace: twice the area is $|x_1(y_2-y_3) + x_2(y_3-y_1) + x_3(y_1-y_2)|$.`],
  );
  const conclF = (dd: number) =>
    c.h
      ? [`Taking the floor of ${dec(dd)}: {V}.`, `so the integer part is {V}.`]
      : [`The greatest integer less than or equal to ${dec(dd)} is {V}.`, `So $\\lfloor ${dec(dd)} \\rfloor = {V}$.`];
  const u1 = x2 - x1,
    v1 = y2 - y1,
    u2 = x3 - x1,
    v2 = y3 - y1;
  let wrongSec: Sec, fix: Sec, wrong: number, wrongSummary: string[];
  if (wt === 'ceil') {
    wrong = fl + 1;
    wrongSec = {
      paras: [formula, shoe(t2, s), areaPara(D, s)],
      concl: c.h ? [`Rounding ${dec(D)} gives {V}.`] : [`Rounding ${dec(D)}, I get {V}.`],
    };
    fix = {
      paras: [
        w(
          c,
          [
            `The question asks for the greatest integer less than or equal to the area, not the nearest integer. I need the floor of ${dec(D)}, and ${dec(D)} is not an integer.`,
          ],
          [`"Greatest integer less than or equal to" is the floor, not rounding, so the .5 gets dropped, not rounded up.`],
        ),
      ],
    };
    wrongSummary = c.h
      ? [`The shoelace formula gives an area of ${dec(D)}; to the nearest integer that is ${wrong}.`]
      : [`By the shoelace formula the area is $\\frac{${D}}{2} = ${dec(D)}$, which rounds to ${wrong}.`];
  } else {
    wrong = Math.floor(Dw / 2);
    wrongSec = {
      paras: [
        formula,
        w(
          c,
          [
            `Plugging in: $${x1}(${y2} - ${par(y3)}) + ${par(x2)}(${y3} - ${par(y1)}) + ${par(x3)}(${y1} - ${par(y2)}) = ${t1} + ${par(-t2)} + ${par(t3)} = ${sw}$.`,
          ],
          [
            `The three terms: $${x1}\\cdot${par(y2 - y3)} = ${t1}$, $${x2}\\cdot${par(y3 - y1)} = ${-t2}$, $${x3}\\cdot${par(y1 - y2)} = ${t3}$. Sum: ${sw}.`,
          ],
        ),
        areaPara(Dw, sw),
      ],
      concl: conclF(Dw),
    };
    fix = {
      paras: [
        w(
          c,
          [
            `Let me recompute the middle term: $${x2} \\cdot (${y3} - ${par(y1)}) = ${x2} \\cdot ${par(y3 - y1)} = ${t2}$, not ${-t2}. So the sum is $${t1} + ${par(t2)} + ${par(t3)} = ${s}$.`,
          ],
          [`The sign of the second term is wrong: $${x2}\\cdot${par(y3 - y1)} = ${t2}$. Then the total is ${s}.`],
        ),
        areaPara(D, s),
      ],
      concl: conclF(D),
    };
    wrongSummary = c.h
      ? [`The shoelace sum comes out to ${sw}, so the area is ${dec(Dw)} and its floor is ${wrong}.`]
      : [`By the shoelace formula, twice the area is ${Dw}, so the area is ${dec(Dw)}, whose floor is ${wrong}.`];
  }
  return {
    kind: 'geometry',
    level: r.chance(0.5) ? 'easy' : 'medium',
    query: `Triangle $ABC$ has vertices $A=(${x1},${y1})$, $B=(${x2},${y2})$, and $C=(${x3},${y3})$. What is the greatest integer less than or equal to the area of triangle $ABC$?`,
    truth: fl,
    wrong,
    restate: w(
      c,
      [`The vertices are (${x1}, ${y1}), (${x2}, ${y2}), (${x3}, ${y3}), and we need the floor of the area.`],
      [`Points: A(${x1},${y1}), B(${x2},${y2}), C(${x3},${y3}). We want $\\lfloor \\text{Area} \\rfloor$.`],
    ),
    derive: { paras: [formula, shoe(t2, s), areaPara(D, s)] },
    wrongSec,
    fix,
    alt: {
      paras: [
        w(
          c,
          [
            `Using vectors: $\\vec{AB} = (${u1}, ${v1})$ and $\\vec{AC} = (${u2}, ${v2})$. The area is $\\frac12 |${u1} \\cdot ${par(v2)} - ${par(u2)} \\cdot ${par(v1)}| = \\frac12 |${u1 * v2} - ${par(u2 * v1)}| = \\frac{${D}}{2}$.`,
          ],
          [
            `Cross product check: $AB = (${u1}, ${v1})$, $AC = (${u2}, ${v2})$, so $|AB \\times AC| = |${u1 * v2} - ${par(u2 * v1)}| = ${D}$ and the area is ${dec(D)}.`,
          ],
        ),
      ],
      concl: c.h ? [`Same area, so the floor is again {V}.`] : [`Again the area is ${dec(D)}, so the answer is {V}.`],
    },
    recheck: {
      paras: [
        w(
          c,
          [
            `Re-reading: the question wants the greatest integer not exceeding the area, i.e. the floor. The area $\\frac{${D}}{2}$ has a fractional part of one half, so the floor just drops it.`,
          ],
          [
            `Going back to the wording: "greatest integer less than or equal to" is the floor function, and $\\frac{${D}}{2}$ is not a whole number, so I drop the half.`,
          ],
        ),
      ],
      concl: c.h ? [`That gives {V}.`] : [`So the answer is {V}.`],
    },
    subcheck: w(
      c,
      [`Let me double-check the first term: $${x1} \\cdot ${par(y2 - y3)} = ${t1}$. Yes.`],
      [`(First term: $${x1}\\times${par(y2 - y3)} = ${t1}$, fine.)`],
    ),
    concl: conclF(D),
    summary: c.h
      ? [`Shoelace gives twice the area as $|${t1} + ${par(t2)} + ${par(t3)}| = ${D}$, so $[ABC] = ${dec(D)}$.`, `Its floor is ${fl}.`]
      : [
          `By the shoelace formula, $2[ABC] = |${t1} + ${par(t2)} + ${par(t3)}| = ${D}$, so the area is $\\frac{${D}}{2} = ${dec(D)}$.`,
          `The greatest integer not exceeding ${dec(D)} is ${fl}.`,
        ],
    wrongSummary,
    finalLine: c.h ? [`So the answer is $\\boxed{{v}}$.`] : [`The answer is $\\boxed{{v}}$.`],
  };
}

// ---- 6. sum of squares modulo m --------------------------------------------------------------
function pSq(c: Ctx): Prob {
  const { r } = c;
  const f = (x: number) => fmt(c, x);
  let n = 0,
    m = 0,
    S = 0,
    S3 = 0;
  for (;;) {
    n = r.int(15, 150);
    m = r.pick([7, 9, 11, 13, 17, 19, 23, 100, 1000]);
    S = (n * (n + 1) * (2 * n + 1)) / 6;
    S3 = ((n * (n + 1)) / 2) ** 2;
    if (S % m !== S3 % m && S > m) break;
  }
  const prod = n * (n + 1) * (2 * n + 1);
  const q = Math.floor(S / m);
  const truth = S % m;
  const tri = (n * (n + 1)) / 2;
  const q3 = Math.floor(S3 / m);
  const wrong = S3 % m;
  const fac = [n, n + 1, 2 * n + 1];
  const i2 = fac[0] % 2 === 0 ? 0 : 1;
  fac[i2] /= 2;
  const i3 = fac.findIndex((x) => x % 3 === 0);
  fac[i3] /= 3;
  const rs = fac.map((x) => x % m);
  const P = rs[0] * rs[1] * rs[2];
  const formPara = w(
    c,
    [
      `The sum of the first n squares is $\\frac{n(n+1)(2n+1)}{6}$. With $n = ${n}$: $\\frac{${n} \\cdot ${n + 1} \\cdot ${2 * n + 1}}{6} = \\frac{${f(prod)}}{6} = ${f(S)}$.`,
    ],
    [`Use $\\sum_{i=1}^{n} i^2 = \\frac{n(n+1)(2n+1)}{6}$. For $n = ${n}$ that's $\\frac{${f(prod)}}{6} = ${f(S)}$.`],
  );
  const divPara = (big: number, qq: number) =>
    w(
      c,
      [`Now divide ${f(big)} by ${m}: $${m} \\cdot ${f(qq)} = ${f(m * qq)}$.`],
      [`Largest multiple of ${m} not exceeding ${f(big)}: $${m} \\times ${f(qq)} = ${f(m * qq)}$.`],
    );
  const conclR = (big: number, qq: number) =>
    c.h
      ? [
          `The difference $${f(big)} - ${f(m * qq)}$ is {V}, which is less than ${m}, so that's the remainder.`,
          `Hence the remainder equals {V}.`,
        ]
      : [`and $${f(big)} - ${f(m * qq)} = {V}$, so the remainder is {v}.`, `So the remainder is {V}.`];
  return {
    kind: 'modular',
    level: m >= 100 ? 'easy' : 'medium',
    query: `Find the remainder when $1^2 + 2^2 + 3^2 + \\cdots + ${n}^2$ is divided by ${m}.`,
    truth,
    wrong,
    restate: w(
      c,
      [`We need the sum of squares from 1 to ${n}, mod ${m}.`],
      [`Target: $\\left(\\sum_{i=1}^{${n}} i^2\\right) \\bmod ${m}$.`],
    ),
    derive: { paras: [formPara, divPara(S, q)] },
    wrongSec: {
      paras: [
        w(
          c,
          [
            `The sum of the first n squares is $\\left(\\frac{n(n+1)}{2}\\right)^2$, so with $n = ${n}$ it's $\\left(\\frac{${n} \\cdot ${n + 1}}{2}\\right)^2 = ${f(tri)}^2 = ${f(S3)}$.`,
          ],
          [`Sum of squares $= \\left(\\frac{n(n+1)}{2}\\right)^2 = ${f(tri)}^2 = ${f(S3)}$.`],
        ),
        divPara(S3, q3),
      ],
      concl: conclR(S3, q3),
    },
    fix: {
      paras: [
        w(
          c,
          [
            `$\\left(\\frac{n(n+1)}{2}\\right)^2$ is the formula for the sum of cubes, not squares. For squares it's $\\frac{n(n+1)(2n+1)}{6}$.`,
          ],
          [`I used the sum-of-cubes formula. The squares formula is $\\frac{n(n+1)(2n+1)}{6}$.`],
        ),
        formPara,
        divPara(S, q),
      ],
    },
    alt: {
      paras: [
        w(
          c,
          [
            `Alternatively, reduce mod ${m} before multiplying. $\\frac{${n} \\cdot ${n + 1} \\cdot ${2 * n + 1}}{6} = ${fac[0]} \\cdot ${fac[1]} \\cdot ${fac[2]}$, and mod ${m} these are ${rs[0]}, ${rs[1]}, ${rs[2]}.`,
          ],
          [
            `Another route: cancel the 6 first, $${fac[0]} \\cdot ${fac[1]} \\cdot ${fac[2]}$, then reduce each factor mod ${m}: ${rs.join(', ')}.`,
          ],
        ),
      ],
      concl:
        P < m
          ? [`So the sum is $\\equiv ${rs[0]} \\cdot ${rs[1]} \\cdot ${rs[2]} = {V} \\pmod{${m}}$, same as before.`]
          : c.h
            ? [`Product: $${rs.join(' \\cdot ')} = ${f(P)} \\equiv {V} \\pmod{${m}}$. Matches.`]
            : [`So the sum is $\\equiv ${rs.join(' \\cdot ')} = ${f(P)} \\equiv {V} \\pmod{${m}}$, same as before.`],
    },
    recheck: {
      paras: [
        w(
          c,
          [
            `Let me make sure the formula is right with a small case: $1 + 4 + 9 = 14$ and $\\frac{3 \\cdot 4 \\cdot 7}{6} = 14$ ✓. And $${m} \\cdot ${f(q)} = ${f(m * q)}$ does not exceed ${f(S)}, while $${m} \\cdot ${f(q + 1)} = ${f(m * (q + 1))}$ does.`,
          ],
          [
            `Test the formula at n = 4: $1+4+9+16 = 30 = \\frac{4\\cdot5\\cdot9}{6}$ ✓. Then ${f(S)} lies between ${f(m * q)} and ${f(m * (q + 1))}, consecutive multiples of ${m}.`,
          ],
        ),
      ],
      concl: c.h ? [`Therefore the remainder is {V}.`] : [`So the remainder is indeed {V}.`],
    },
    subcheck: w(
      c,
      [`($${n} \\cdot ${n + 1} = ${f(n * (n + 1))}$, times ${2 * n + 1} is ${f(prod)}. Good.)`],
      [`Let me double-check the product: $${f(n * (n + 1))} \\times ${2 * n + 1} = ${f(prod)}$. Yes.`],
    ),
    calc: `${f(S)} - ${f(m * q)}`,
    concl: conclR(S, q),
    summary: c.h
      ? [
          `By the formula, the sum is $\\frac{${n} \\cdot ${n + 1} \\cdot ${2 * n + 1}}{6} = ${f(S)}$.`,
          `Dividing by ${m} leaves remainder ${truth}, because $${m} \\times ${f(q)} = ${f(m * q)}$.`,
        ]
      : [
          `$1^2 + 2^2 + \\cdots + ${n}^2 = \\frac{${n} \\cdot ${n + 1} \\cdot ${2 * n + 1}}{6} = ${f(S)}$.`,
          `Since $${f(S)} = ${m} \\cdot ${f(q)} + ${truth}$, the remainder is ${truth}.`,
        ],
    wrongSummary: c.h
      ? [`Using $\\left(\\frac{n(n+1)}{2}\\right)^2$, the sum is ${f(S3)}.`, `Dividing by ${m} leaves ${wrong}.`]
      : [
          `$1^2 + \\cdots + ${n}^2 = \\left(\\frac{${n}\\cdot${n + 1}}{2}\\right)^2 = ${f(S3)}$.`,
          `Since $${f(S3)} = ${m} \\cdot ${f(q3)} + ${wrong}$, the remainder is ${wrong}.`,
        ],
    finalLine: c.h ? [`Remainder: $\\boxed{{v}}$`] : [`The remainder is therefore $\\boxed{{v}}$.`],
  };
}

// ---- 7. spending exactly T dollars (linear Diophantine count) --------------------------------
function pCoin(c: Ctx): Prob {
  const { r } = c;
  const [it1, it2] = r.pick([
    ['pens', 'notebooks'],
    ['apples', 'melons'],
    ['stickers', 'posters'],
    ['muffins', 'pies'],
  ]);
  const who = r.pick(['Maya', 'Omar', 'Lena', 'Theo', 'Priya']);
  let p = 0,
    q = 0,
    T = 0,
    pos = false;
  let sols: [number, number][] = [];
  let solsW: [number, number][] = [];
  let wt: 'gap' | 'cond' = 'gap';
  const solve = (mn: number) => {
    const out: [number, number][] = [];
    for (let y = mn; q * y <= T - p * mn; y++) if ((T - q * y) % p === 0) out.push([(T - q * y) / p, y]);
    return out;
  };
  for (;;) {
    p = r.int(2, 9);
    q = r.int(2, 13);
    if (p === q || gcd(p, q) !== 1) continue;
    T = r.int(30, 220);
    pos = r.chance(0.4);
    sols = solve(pos ? 1 : 0);
    if (sols.length < 2 || sols.length > 12) continue;
    solsW = solve(pos ? 0 : 1);
    wt = solsW.length >= 1 && solsW.length !== sols.length && r.chance(0.5) ? 'cond' : 'gap';
    break;
  }
  const K = sols.length;
  const ymin = pos ? 1 : 0;
  const y0 = sols[0][1];
  const ymax = sols[K - 1][1];
  const list = (ss: [number, number][]) => ss.map(([x, y]) => `(${x}, ${y})`).join(', ');
  const tries = (mn: number, yy0: number) => {
    const out: string[] = [];
    for (let y = mn; y < yy0; y++)
      out.push(c.h ? `y = ${y} gives ${T - q * y}, not a multiple of ${p}` : `y = ${y}: ${T - q * y} left, not divisible by ${p}`);
    out.push(
      c.h
        ? `y = ${yy0} gives $${T - q * yy0} = ${p} \\cdot ${(T - q * yy0) / p}$, which works`
        : `y = ${yy0}: $${T - q * yy0} = ${p} \\cdot ${(T - q * yy0) / p}$ ✓`,
    );
    return out;
  };
  const setup = (mn: number) =>
    w(
      c,
      [`Let x be the number of ${it1} and y the number of ${it2}. We need $${p}x + ${q}y = ${T}$ with $x, y \\ge ${mn}$.`],
      [`Set up $${p}x + ${q}y = ${T}$, where x counts ${it1}, y counts ${it2}, and $x, y \\ge ${mn}$.`],
    );
  const tryPara = (mn: number, yy0: number) => {
    return (
      w(c, [`Try small y. `, `Let me find the first y that works. `], [`Search for the smallest valid y. `, `Testing values of y: `]) +
      tries(mn, yy0).join('; ') +
      '.'
    );
  };
  const stepPara = w(
    c,
    [`Each time y goes up by ${p}, x goes down by ${q}, so the solutions are spaced ${p} apart in y.`],
    [`Since $\\gcd(${p}, ${q}) = 1$, the y-values of solutions differ by multiples of ${p} (and x by multiples of ${q}).`],
  );
  const listPara = (ss: [number, number][]) => w(c, [`So the solutions are $(x, y) = ${list(ss)}$.`], [`Listing them: ${list(ss)}.`]);
  const conclK = c.h
    ? [`So there are {V} ways.`, `which makes {V} pairs in total.`]
    : [`Counting them: {V} ways.`, `That's {V} solutions, so {v} ways.`];
  let wrongSec: Sec, fix: Sec, wrong: number, wrongSummary: string[], altAfterFix: Sec | undefined;
  const gapExpr = `\\frac{${ymax} - ${y0}}{${p}}`;
  const prog = K === 2 ? `${y0} and ${ymax}` : K === 3 ? `${y0}, ${y0 + p}, ${ymax}` : `${y0}, ${y0 + p}, …, ${ymax}`;
  const formulaPara = w(
    c,
    [`Alternatively, count with a formula: y runs over ${prog}, an arithmetic progression with difference ${p}.`],
    [`Or directly: the valid y form the progression ${prog} with step ${p}.`],
  );
  if (wt === 'gap') {
    wrong = K - 1;
    wrongSec = {
      paras: [
        setup(ymin),
        tryPara(ymin, y0),
        stepPara,
        w(
          c,
          [`The largest y keeping $x \\ge ${ymin}$ is ${ymax}. So the valid y are ${prog}.`],
          [`The last valid y is ${ymax}, so y ranges over ${prog}.`],
        ),
      ],
      concl: c.h ? [`so the number of ways is $${gapExpr} = {V}$.`] : [`So the count is $${gapExpr} = {V}$.`],
    };
    fix = {
      paras: [
        w(
          c,
          [
            `That formula counts the gaps between consecutive values, not the values themselves. From ${y0} to ${ymax} in steps of ${p} there is one more value than gaps.`,
          ],
          [`Off by one: $${gapExpr}$ is the number of steps, and the number of terms is one more.`],
        ),
      ],
      concl: c.h ? [`The count is $${gapExpr} + 1 = {V}$.`] : [`So it's $${gapExpr} + 1 = {V}$.`],
    };
    altAfterFix = {
      paras: [w(c, [`Let me list them to be sure: $(x, y) = ${list(sols)}$.`], [`Explicitly: ${list(sols)}.`])],
      concl: c.h ? [`{V} pairs, consistent.`] : [`That's {V}, matching.`],
    };
    wrongSummary = c.h
      ? [`With $${p}x + ${q}y = ${T}$, y must be one of ${prog}; that is $${gapExpr} = ${wrong}$ options.`]
      : [`We need $${p}x + ${q}y = ${T}$. The valid y are ${prog}, which gives $${gapExpr} = ${wrong}$ choices.`];
  } else {
    wrong = solsW.length;
    const ywmin = pos ? 0 : 1;
    wrongSec = { paras: [setup(ywmin), tryPara(ywmin, solsW[0][1]), stepPara, listPara(solsW)], concl: conclK };
    fix = {
      paras: [
        pos
          ? w(
              c,
              [`Re-reading the problem: ${who} buys at least one of each, so pairs with $x = 0$ or $y = 0$ are not allowed.`],
              [`The problem says at least one of each item, so a zero in either coordinate is out.`],
            )
          : w(
              c,
              [`Re-reading the problem: nothing says ${who} must buy at least one of each, so $x = 0$ or $y = 0$ is allowed.`],
              [`The problem doesn't require one of each, so solutions with a zero count too.`],
            ),
        listPara(sols),
      ],
    };
    wrongSummary = c.h
      ? [`Solving $${p}x + ${q}y = ${T}$ with $x, y \\ge ${ywmin}$ gives ${list(solsW)}.`]
      : [`We need $${p}x + ${q}y = ${T}$ with $x, y \\ge ${ywmin}$: the solutions are ${list(solsW)}.`];
  }
  return {
    kind: 'counting',
    level: 'easy',
    query: `${it1[0].toUpperCase() + it1.slice(1)} cost $${p} each and ${it2} cost $${q} each. In how many ways can ${who} spend exactly $${T} on ${it1} and ${it2}${pos ? ', buying at least one of each' : ''}?`,
    truth: K,
    wrong,
    restate: w(
      c,
      [`So each of the ${it1} is ${p} dollars, each of the ${it2} is ${q} dollars, and the total has to be exactly ${T} dollars.`],
      [`Prices: ${p} and ${q} dollars; budget exactly ${T} dollars${pos ? '; at least one of each' : ''}.`],
    ),
    derive: { paras: [setup(ymin), tryPara(ymin, y0), stepPara, listPara(sols)] },
    wrongSec,
    fix,
    alt: {
      paras: [formulaPara],
      concl: c.h ? [`Number of terms: $${gapExpr} + 1 = {V}$. Same.`] : [`So the count is $${gapExpr} + 1 = {V}$, matching.`],
    },
    altAfterFix,
    recheck: {
      paras: [
        w(
          c,
          [
            `Let me re-check the endpoints: the smallest y is ${y0} (x = ${sols[0][0]}) and the largest is ${ymax} (x = ${sols[K - 1][0]}), and both satisfy the condition $x, y \\ge ${ymin}$. Also $${p} \\cdot ${sols[0][0]} + ${q} \\cdot ${y0} = ${T}$ ✓.`,
          ],
          [
            `Going back over the condition: x and y must be at least ${ymin}. The extreme pairs (${sols[0][0]}, ${y0}) and (${sols[K - 1][0]}, ${ymax}) both qualify, and one more step in either direction makes a coordinate too small.`,
          ],
        ),
      ],
      concl: c.h ? [`So the count stays at {V}.`] : [`So {V} ways.`],
    },
    subcheck: w(
      c,
      [`(Check: $${p} \\cdot ${sols[K - 1][0]} + ${q} \\cdot ${ymax} = ${T}$, yes.)`],
      [`Checking the last pair: $${p * sols[K - 1][0]} + ${q * ymax} = ${T}$. Good.`],
    ),
    calc: `${gapExpr} + 1`,
    subAt: -1,
    concl: conclK,
    summary: c.h
      ? [`Solve $${p}x + ${q}y = ${T}$ in ${pos ? 'positive' : 'nonnegative'} integers.`, `The pairs are ${list(sols)}: ${K} in all.`]
      : [
          `We need nonnegative${pos ? ' (in fact positive)' : ''} integers with $${p}x + ${q}y = ${T}$.`,
          `The solutions are ${list(sols)}, so there are ${K} of them.`,
        ],
    wrongSummary,
    finalLine: c.h ? [`Number of ways: $\\boxed{{v}}$`] : [`The answer is $\\boxed{{v}}$.`],
  };
}

const MAKERS = [pUrn, pPow, pIncl, pSeq, pTri, pSq, pCoin];

// ---------------------------------------------------------------------------------------------
// Phrasing pools: [dev half, held-out half], disjoint.

type Pool = readonly [readonly string[], readonly string[]];
const POOL: Record<string, Pool> = {
  opener: [
    [
      'Okay, so I need to solve this problem.',
      "Alright, let's tackle this problem step by step.",
      'Okay, let me try to figure this out.',
      'So I have this problem here. Let me read it carefully.',
      "Let me start by understanding what's being asked.",
    ],
    [
      'Let me work through this.',
      "Okay, let's see what the problem gives us.",
      'Let me think about how to approach this one.',
      'First, let me parse the question.',
      'Alright. Setting things up.',
    ],
  ],
  plan: [
    [
      'My rough guess is that the answer is somewhere around {G}, but I need the exact value.',
      "Before computing, I'd expect something on the order of {G}.",
    ],
    [
      "Ballpark, maybe near {G}? Let's actually compute it.",
      "I suspect it's in the vicinity of {G}, but that's just a guess; let me do it properly.",
    ],
  ],
  hmmMid: [
    [
      "Hmm, let me make sure I'm setting this up correctly.",
      'Hmm, wait. Let me be careful here.',
      'Hold on, let me think about the next step.',
    ],
    [
      'Hmm, okay, keep going.',
      'Wait, careful with the bookkeeping here.',
      'Let me pause and make sure this is the right approach. I think it is.',
    ],
  ],
  concl: [
    ['So the answer is {V}.', 'Therefore, the answer should be {V}.', 'So that gives {V}.', 'Thus, the answer is {V}.'],
    ['That means the answer is {V}.', 'Hence the result is {V}.', 'So we get {V} as the answer.', 'Which gives an answer of {V}.'],
  ],
  draft: [
    ['So the final answer is \\boxed{{V}}.', 'Final answer: \\boxed{{V}}', '**Final Answer**\n\\boxed{{V}}'],
    ["I'll write the answer as \\boxed{{V}}.", "So I'd answer $\\boxed{{V}}$.", 'Answer to report: $\\boxed{{V}}$.'],
  ],
  formatTalk: [
    ['I should put the answer in a box.', 'The problem just wants the number, so I will box it.'],
    ['The answer should go in \\boxed{}.', "I'll present just the final number, boxed."],
  ],
  bareConfirm: [
    ['Yes, that seems right.', 'That makes sense.', 'Okay, that seems consistent.'],
    ['Looks reasonable.', 'Fine.', 'Okay, that checks out at a glance.'],
  ],
  restate: [
    ['So the answer is {v}.', 'Therefore, the answer is {v}.'],
    ['The answer is {v}.', 'So, {v}.'],
  ],
  bareCheck: [
    ['Wait, is that right? Yes.', 'Is that correct? I believe so.'],
    ['Hmm, did I get that right? Yeah.', 'Right? Right.'],
  ],
  dismiss: [
    ["Could I have missed a case? No, everything is covered. So it's {v}.", 'Does the order of the steps matter here? No. So {v}.'],
    ["Is there a trick in the wording? I don't think so. So {v}.", 'Any edge case? Not really. {v} it is.'],
  ],
  recall: [
    ['We already verified the intermediate values above, so {v} stands.', 'Since each step was already checked, the answer is {v}.'],
    ['The earlier steps already handled that, so the answer remains {v}.', 'Nothing above needs revisiting; {v}.'],
  ],
  wait: [
    ["Wait, that doesn't seem right.", 'Wait a second.', 'Hmm, wait, I think I made a mistake.'],
    ["Hold on — something's off.", 'Hmm, no. Let me look at that again.', "Actually, hmm, that can't be right."],
  ],
  secondGuess: [
    ['Hmm, wait. Maybe I set this up wrong. Let me redo it.', "But let me double-check the setup, because I'm not sure about one step."],
    ['Hmm, actually, let me reconsider the setup.', "On second thought, I'm not sure the approach was right. Redoing it:"],
  ],
  altIntro: [
    [
      'Alternatively, let me solve this another way to confirm.',
      'Let me verify with a different approach.',
      'But let me double-check using another method.',
    ],
    ['Another way to see this:', 'Let me cross-check with a second method.', 'As a sanity check, a different route:'],
  ],
  recheckIntro: [
    ['But let me double-check.', 'Let me verify this.', 'Let me go back and check the reasoning.'],
    ['Let me go over this once more.', 'Just to be safe, let me re-examine the setup.', 'Hmm, let me re-read the question and make sure.'],
  ],
  echoConcl: [
    ['Same result, so the answer is {V}.', 'Okay, that matches: {V}.'],
    ['Both methods agree on {V}.', 'Again {V}, consistent.'],
  ],
  redo: [
    ['Let me recompute carefully to be sure.', 'Let me redo the computation step by step.'],
    ['Redoing the computation from scratch:', 'One more pass through the numbers:'],
  ],
  slip: [
    ['So the answer is ${C} = {V}$.', 'That gives ${C} = {V}$.'],
    ['Evaluating, ${C} = {V}$.', 'Numerically, ${C} = {V}$, and that is the answer.'],
  ],
  slipFix: [
    ['Wait, let me redo that arithmetic: ${C} = {V}$, not {S}.', 'Hmm, wait, that last step is off. ${C} = {V}$.'],
    ['Hold on, recompute: ${C} = {V}$ (I slipped above, it is not {S}).', 'Let me redo the final arithmetic: ${C}$ is actually {V}.'],
  ],
  finalLine: [
    ['The final answer is $\\boxed{{v}}$.', 'Therefore, the answer is $\\boxed{{v}}$.', 'Thus, the final answer is \\(\\boxed{{v}}\\).'],
    ['**Answer:** $\\boxed{{v}}$', 'Hence the answer is $\\boxed{{v}}$.', '$$\\boxed{{v}}$$'],
  ],
  solIntro: [
    ['To solve the problem, we proceed as follows.', 'The solution is as follows:', ''],
    ['**Solution.**', '## Solution', ''],
  ],
};

function g(c: Ctx, key: string): string {
  return c.r.pick(POOL[key][c.h ? 1 : 0]);
}
function gAll(c: Ctx, key: string): readonly string[] {
  return POOL[key][c.h ? 1 : 0];
}

// ---------------------------------------------------------------------------------------------
// Scenarios

type Scen =
  | 'right'
  | 'rightDraft'
  | 'echoAlt'
  | 'echoWords'
  | 'echoBoth'
  | 'wrongFix'
  | 'wrongFixEcho'
  | 'slip'
  | 'wrongStay'
  | 'wrongEchoStay'
  | 'rightThenWrong'
  | 'wrongSlipRight'
  | 'truncAfter'
  | 'truncBefore';

const WEIGHTS: [Scen, number][] = [
  ['right', 24],
  ['rightDraft', 5],
  ['echoAlt', 11],
  ['echoWords', 7],
  ['echoBoth', 3],
  ['wrongFix', 12],
  ['wrongFixEcho', 6],
  ['slip', 5],
  ['wrongStay', 6],
  ['wrongEchoStay', 2],
  ['rightThenWrong', 3],
  ['wrongSlipRight', 3],
  ['truncAfter', 5],
  ['truncBefore', 3],
];

function pickScen(r: Rng): Scen {
  const tot = WEIGHTS.reduce((s, [, x]) => s + x, 0);
  let u = r.next() * tot;
  for (const [s, x] of WEIGHTS) {
    if ((u -= x) < 0) return s;
  }
  return 'right';
}

function slipOf(r: Rng, truth: number, avoid: number): number {
  for (;;) {
    const d = r.pick([1, -1, 2, -2, 10, -10]);
    const s = truth + d;
    if ((truth < 0 || s >= 0) && s !== truth && s !== avoid) return s;
  }
}

/** Cut a paragraph mid-sentence. */
function cut(r: Rng, s: string): string {
  const lo = Math.floor(s.length * 0.35);
  const hi = Math.floor(s.length * 0.8);
  const sp: number[] = [];
  for (let i = lo; i < hi; i++) if (s[i] === ' ') sp.push(i);
  const at = sp.length ? r.pick(sp) : hi;
  return s.slice(0, at).replace(/[.,;:]$/, '');
}

interface Built {
  raw: string;
  final: string | null;
  truncated: boolean;
}

function build(c: Ctx, p: Prob, scen: Scen): Built {
  const { r } = c;
  const T = fmt(c, p.truth);
  const W = fmt(c, p.wrong);
  const parts: string[] = [];
  const add = (s: string) => parts.push(s);
  const addInline = (s: string) => {
    const lower = /^[a-z]/.test(s);
    const prev = parts.length ? parts[parts.length - 1] : '';
    if (prev && (lower || r.chance(0.5))) {
      // a clause starting in lower case continues the previous sentence
      parts[parts.length - 1] = lower ? prev.replace(/\.$/, ',') + ' ' + s : prev + ' ' + s;
    } else parts.push(lower ? s[0].toUpperCase() + s.slice(1) : s);
  };
  const conc = (sec: Sec | null, v: string, echo = false) => {
    let pool: readonly string[];
    if (sec?.concl && r.chance(0.75)) pool = sec.concl;
    else if (echo) pool = gAll(c, 'echoConcl');
    else pool = v === T && r.chance(0.6) ? p.concl : gAll(c, 'concl');
    addInline(mk(r.pick(pool), v));
  };
  const emit = (sec: Sec, opts: { hmm?: boolean; sub?: boolean } = {}) => {
    const paras = sec.paras.slice();
    if (opts.sub && r.chance(0.4)) paras.splice(p.subAt === undefined ? 1 : p.subAt < 0 ? paras.length : p.subAt, 0, p.subcheck);
    if (opts.hmm && paras.length >= 2 && r.chance(0.55)) paras.splice(r.int(1, paras.length - 1), 0, g(c, 'hmmMid'));
    for (const x of paras) add(x);
  };
  const tail = (v: string) => {
    const k = r.int(0, 7);
    if (k === 1) add(g(c, 'bareConfirm') + ' ' + plain(g(c, 'restate'), v));
    else if (k === 2) add(g(c, 'bareCheck') + ' ' + plain(g(c, 'restate'), v));
    else if (k === 3) add(plain(g(c, 'dismiss'), v));
    else if (k === 4) add(plain(g(c, 'recall'), v));
    else if (k === 5) add(plain(g(c, 'draft'), v));
    else if (k === 6) add(g(c, 'formatTalk') + ' ' + plain(g(c, 'draft'), v));
    else if (k === 7) add(g(c, 'bareConfirm'));
  };
  const slipLine = (calc: string, v: string) => addInline(mk(g(c, 'slip').replace('{C}', calc), v));
  const slipFix = (calc: string, v: string, s: string) => add(mk(g(c, 'slipFix').replace('{C}', calc).replace('{S}', s), v));

  // Opening
  add(g(c, 'opener') + ' ' + p.restate);
  if (p.truth >= 60 && r.chance(0.25)) {
    const mag = 10 ** Math.max(1, Math.floor(Math.log10(p.truth)));
    add(g(c, 'plan').replace('{G}', fmt(c, Math.round(p.truth / mag) * mag)));
  }

  let final: string | null = null;
  let truncated = false;
  const altAfter = (afterFix: boolean) => (afterFix && p.altAfterFix ? p.altAfterFix : p.alt);

  switch (scen) {
    case 'right':
      emit(p.derive, { hmm: true, sub: true });
      conc(p.derive, T);
      tail(T);
      final = T;
      break;
    case 'rightDraft':
      emit(p.derive, { hmm: true, sub: true });
      if (r.chance(0.4)) add(g(c, 'formatTalk'));
      add(mk(g(c, 'draft'), T));
      final = T;
      break;
    case 'echoAlt':
      emit(p.derive, { hmm: true, sub: true });
      conc(p.derive, T);
      if (r.chance(0.3)) add(g(c, 'bareConfirm'));
      add(g(c, 'altIntro'));
      emit(p.alt);
      conc(p.alt, T, true);
      tail(T);
      final = T;
      break;
    case 'echoWords':
      emit(p.derive, { hmm: true, sub: true });
      conc(p.derive, T);
      add(g(c, 'recheckIntro'));
      emit(p.recheck);
      conc(p.recheck, T);
      tail(T);
      final = T;
      break;
    case 'echoBoth':
      emit(p.derive, { hmm: true });
      conc(p.derive, T);
      add(g(c, 'altIntro'));
      emit(p.alt);
      conc(p.alt, T, true);
      add(g(c, 'recheckIntro'));
      emit(p.recheck);
      conc(p.recheck, T);
      if (r.chance(0.5)) add(plain(g(c, 'draft'), T));
      final = T;
      break;
    case 'wrongFix':
    case 'wrongFixEcho':
      emit(p.wrongSec, { hmm: true });
      conc(p.wrongSec, W);
      if (r.chance(0.25)) add(g(c, 'bareCheck').split('?')[0] + '?');
      add(g(c, 'wait'));
      emit(p.fix);
      conc(p.fix, T);
      if (scen === 'wrongFixEcho') {
        add(g(c, 'altIntro'));
        const a = altAfter(true);
        emit(a);
        conc(a, T, true);
      }
      tail(T);
      final = T;
      break;
    case 'slip': {
      const calc = p.calc as string;
      const S = fmt(c, slipOf(r, p.truth, p.wrong));
      emit(p.derive, { hmm: true, sub: true });
      slipLine(calc, S);
      slipFix(calc, T, S);
      tail(T);
      final = T;
      break;
    }
    case 'wrongSlipRight': {
      const calc = p.calc as string;
      const S = fmt(c, slipOf(r, p.truth, p.wrong));
      emit(p.wrongSec);
      conc(p.wrongSec, W);
      add(g(c, 'wait'));
      emit(p.fix);
      slipLine(calc, S);
      slipFix(calc, T, S);
      if (r.chance(0.5)) add(plain(g(c, 'draft'), T));
      final = T;
      break;
    }
    case 'wrongStay':
      emit(p.wrongSec, { hmm: true });
      conc(p.wrongSec, W);
      tail(W);
      final = W;
      break;
    case 'wrongEchoStay':
      emit(p.wrongSec);
      conc(p.wrongSec, W);
      add(g(c, 'redo'));
      emit({ paras: p.wrongSec.paras.length >= 3 ? p.wrongSec.paras.slice(1) : p.wrongSec.paras });
      conc(p.wrongSec, W);
      if (r.chance(0.5)) add(plain(g(c, 'draft'), W));
      final = W;
      break;
    case 'rightThenWrong':
      emit(p.derive);
      conc(p.derive, T);
      add(g(c, 'secondGuess'));
      emit(p.wrongSec);
      conc(p.wrongSec, W);
      tail(W);
      final = W;
      break;
    case 'truncAfter': {
      const k = r.int(0, 2);
      if (k === 1) {
        emit(p.wrongSec, { hmm: true });
        conc(p.wrongSec, W);
        add(g(c, 'wait'));
        add(cut(r, p.fix.paras[0]));
      } else {
        emit(p.derive, { hmm: true, sub: true });
        conc(p.derive, T);
        if (k === 2) {
          add(g(c, 'altIntro'));
          emit(p.alt);
          conc(p.alt, T, true);
          add(g(c, 'recheckIntro'));
          add(cut(r, p.recheck.paras[0]));
        } else {
          add(g(c, 'altIntro'));
          add(cut(r, p.alt.paras[0]));
        }
      }
      truncated = true;
      break;
    }
    case 'truncBefore': {
      const n = r.int(1, Math.max(1, p.derive.paras.length - 1));
      for (const x of p.derive.paras.slice(0, n - 1)) add(x);
      add(cut(r, p.derive.paras[n - 1]));
      truncated = true;
      break;
    }
  }

  const open = c.h ? '<think>\n' : '<|begin_of_thought|>\n\n';
  let raw = open + parts.join('\n\n');
  if (truncated) return { raw, final: null, truncated };

  const v = final as string;
  const right = v === T;
  const sum = (right ? p.summary : p.wrongSummary).slice();
  const fl = plain(r.chance(0.5) ? r.pick(p.finalLine) : g(c, 'finalLine'), v);
  const intro = g(c, 'solIntro');
  if (c.h) {
    raw += '\n</think>\n\n' + (intro ? intro + '\n\n' : '') + sum.join('\n\n') + '\n\n' + fl;
  } else {
    const body = r.chance(0.5) ? sum.map((x, i) => `${i + 1}. ${x}`).join('\n') : sum.join('\n\n');
    raw +=
      '\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n' +
      (intro ? intro + '\n\n' : '') +
      body +
      '\n\n' +
      fl +
      '\n\n<|end_of_solution|>';
  }
  return { raw, final: v, truncated };
}

// ---------------------------------------------------------------------------------------------

export function generate(seed: number, count: number, split: Split): PhrasingRecord[] {
  const r = new Rng(mulberry32((Math.imul(seed, 0x9e3779b1) ^ (split === 'dev' ? 0x1234567 : 0x7654321)) >>> 0));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const c: Ctx = { r, h: split === 'heldout', comma: r.chance(0.6) };
    const p = r.pick(MAKERS)(c);
    let scen = pickScen(r);
    if ((scen === 'slip' || scen === 'wrongSlipRight') && !p.calc) scen = 'wrongFix';
    const b = build(c, p, scen);
    const { body, candidates } = finalise(b.raw);
    const headers: Record<string, string> = { query: p.query, answer: String(p.truth), task: `${p.kind}/${p.level}` };
    if (b.truncated) headers.truncated = 'true';
    out.push({ id: `${family}-${split}-${seed}-${i}`, headers, body, candidates, final: b.final });
  }
  return out;
}
