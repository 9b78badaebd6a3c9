// Phrasing family "symbolic-answers": long step-by-step / think-aloud solutions of MATH-competition
// style problems whose answers are not plain integers (complex numbers, multiples of pi, radicals,
// cube roots, expressions in the question's letters, ordered pairs, intervals, solution sets).
// Gold labels follow docs/annotation-guide.md. Self-contained: no imports.

export const family = 'symbolic-answers';

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

type Split = 'dev' | 'heldout';
type Nota = 'tex' | 'uni' | 'plain';

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
  private f: () => number;
  constructor(seed: number) {
    this.f = mulberry32(seed);
  }
  next(): number {
    return this.f();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.f() * (hi - lo + 1));
  }
  nz(lo: number, hi: number): number {
    for (;;) {
      const v = this.int(lo, hi);
      if (v !== 0) return v;
    }
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.f() * xs.length)];
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

const SUP: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

/** Notation-aware rendering of one record's mathematics. */
class Ctx {
  inl: '$' | '\\(';
  disp: '$$' | '\\[';
  constructor(
    public r: Rng,
    public split: Split,
    public n: Nota,
  ) {
    this.inl = r.chance(0.6) ? '$' : '\\(';
    this.disp = r.chance(0.5) ? '$$' : '\\[';
  }
  p<T>(dev: T, held: T): T {
    return this.split === 'dev' ? dev : held;
  }
  pk(dev: readonly string[], held: readonly string[]): string {
    return this.r.pick(this.split === 'dev' ? dev : held);
  }
  get open(): string {
    return this.n !== 'tex' ? '' : this.inl === '$' ? '$' : '\\(';
  }
  get close(): string {
    return this.n !== 'tex' ? '' : this.inl === '$' ? '$' : '\\)';
  }
  m(s: string): string {
    return this.open + s + this.close;
  }
  d(s: string): string {
    if (this.n !== 'tex') return `\n    ${s}\n`;
    return this.disp === '$$' ? `\n$$${s}$$\n` : `\n\\[${s}\\]\n`;
  }
  fr(a: string | number, b: string | number): string {
    if (this.n === 'tex') return `\\frac{${a}}{${b}}`;
    const w = (x: string | number) => (/^-?[\w√π∛()]+$/.test(String(x)) ? String(x) : `(${x})`);
    return `${w(a)}/${w(b)}`;
  }
  sq(x: string | number): string {
    if (this.n === 'tex') return `\\sqrt{${x}}`;
    if (this.n === 'uni') return /^\w+$/.test(String(x)) ? `√${x}` : `√(${x})`;
    return `sqrt(${x})`;
  }
  cb(x: string | number): string {
    if (this.n === 'tex') return `\\sqrt[3]{${x}}`;
    if (this.n === 'uni') return /^\w+$/.test(String(x)) ? `∛${x}` : `∛(${x})`;
    return `cbrt(${x})`;
  }
  pw(b: string, e: string | number): string {
    const s = String(e);
    if (this.n === 'uni' && /^-?\d+$/.test(s)) return b + [...s].map((ch) => SUP[ch]).join('');
    if (this.n === 'tex' && s.length > 1) return `${b}^{${s}}`;
    return `${b}^${s}`;
  }
  get pi(): string {
    return this.n === 'tex' ? '\\pi' : this.n === 'uni' ? 'π' : 'pi';
  }
  get dot(): string {
    return this.n === 'tex' ? '\\cdot' : this.n === 'uni' ? '·' : '*';
  }
  get pm(): string {
    return this.n === 'tex' ? '\\pm' : this.n === 'uni' ? '±' : '+/-';
  }
  get inf(): string {
    return this.n === 'tex' ? '\\infty' : this.n === 'uni' ? '∞' : 'inf';
  }
  get cup(): string {
    return this.n === 'tex' ? '\\cup' : this.n === 'uni' ? '∪' : 'U';
  }
  get imp(): string {
    return this.n === 'tex' ? '\\implies' : this.n === 'uni' ? '⇒' : '=>';
  }
  get ck(): string {
    return this.n === 'tex' ? '\\checkmark' : '✓';
  }
  set(inner: string): string {
    return this.n === 'tex' ? `\\{${inner}\\}` : `{${inner}}`;
  }
}

/** The response text being built, with its candidate labels. */
class Body {
  s = '';
  cands: PhrasingCandidate[] = [];
  kinds: string[] = [];
  t(x: string): this {
    this.s += x;
    return this;
  }
  c(v: string, kind: string): this {
    this.cands.push({ value: v, offset: this.s.length });
    this.kinds.push(kind);
    this.s += v;
    return this;
  }
}

/** A signed term: term(3,'x',false) = ' + 3x', term(-1,'x',true) = '-x'. */
function term(k: number, v: string, first: boolean): string {
  if (k === 0) return first ? '0' : '';
  const mag = Math.abs(k) === 1 && v ? v : `${Math.abs(k)}${v}`;
  if (first) return (k < 0 ? '-' : '') + mag;
  return (k < 0 ? ' - ' : ' + ') + mag;
}

function poly(c: Ctx, coeffs: number[], x = 'x'): string {
  const deg = coeffs.length - 1;
  let s = '';
  coeffs.forEach((k, i) => {
    if (k === 0) return;
    const e = deg - i;
    const v = e === 0 ? '' : e === 1 ? x : c.pw(x, e);
    s += term(k, v, s === '');
  });
  return s || '0';
}

function pn(v: number): string {
  return v < 0 ? `(${v})` : String(v);
}

function cx(re: number, im: number): string {
  if (im === 0) return String(re);
  if (re === 0) return term(im, 'i', true);
  return String(re) + term(im, 'i', false);
}

function piFrac(c: Ctx, num: number, den: number): string {
  const g = gcd(num, den);
  num /= g;
  den /= g;
  const neg = num < 0;
  num = Math.abs(num);
  const top = num === 1 ? c.pi : c.n === 'plain' ? `${num}pi` : `${num}${c.pi}`;
  const body = den === 1 ? top : c.fr(top, den);
  return (neg ? '-' : '') + body;
}

function simpRoot(n: number): [number, number] {
  let k = 1;
  let m = n;
  for (let f = 2; f * f <= m; f++)
    while (m % (f * f) === 0) {
      m /= f * f;
      k *= f;
    }
  return [k, m];
}

function kRoot(c: Ctx, k: number, m: number): string {
  if (m === 1) return String(k);
  const s = c.sq(m);
  return k === 1 ? s : c.n === 'plain' ? `${k}*${s}` : `${k}${s}`;
}

// ---------------------------------------------------------------------------------------------
// Problems. Each builds its parameters, the truth, a plausible wrong answer, and the texts of the
// derivations. A derivation stops just before its conclusion: the value the question asks for is
// first stated by the conclusion sentence the frame writes.

interface Prob {
  query: string;
  answer: string; // canonical, LaTeX
  task: string;
  given: string;
  goal: string;
  q: string; // noun phrase for the asked quantity
  lhs: string; // left-hand side for "lhs = value" statements ('' when none)
  right: string;
  wrong: string;
  alts: { s: string; approx: boolean }[]; // equivalent restatements of the right value (merge when no new work)
  altFirst?: string; // an equivalent but unsimplified form a model may conclude with first
  setup(b: Body): void;
  setupAlt?(b: Body): void;
  wrongSetup(b: Body): void;
  fix(b: Body): void;
  check(b: Body): void;
}

const MIDWAIT: readonly [string[], string[]] = [
  [
    'Wait, I should be careful with the signs here.',
    'Hmm, let me make sure I set this up right.',
    'Wait, let me write that line again more carefully.',
    'Hmm, okay.',
  ],
  [
    'Hold on, signs matter in this step.',
    'Hmm, careful here.',
    'Actually, wait, let me redo that line slowly.',
    'Hmm, let me not rush this.',
  ],
];

function mid(c: Ctx, b: Body, p = 0.35): void {
  if (c.r.chance(p)) b.t(c.pk(MIDWAIT[0], MIDWAIT[1]) + '\n');
}

function pComplexProduct(r: Rng, c: Ctx, _T: Ctx): Prob {
  const a = r.nz(-6, 7),
    bb = r.nz(-6, 6),
    cc = r.nz(-5, 7),
    d = r.nz(-6, 6);
  const re = a * cc - bb * d,
    im = a * d + bb * cc,
    wre = a * cc + bb * d;
  const e = `(${cx(a, bb)})(${cx(cc, d)})`;
  const i2 = c.pw('i', 2);
  const expand = `${a * cc}${term(a * d, 'i', false)}${term(bb * cc, 'i', false)}${term(bb * d, i2, false)}`;
  return {
    query: `Compute $${e}$. Express your answer in the form $a+bi$, where $a$ and $b$ are real numbers.`,
    answer: cx(re, im),
    task: 'complex-product/easy',
    given: c.p(`The two factors are ${c.m(cx(a, bb))} and ${c.m(cx(cc, d))}.`, `We multiply ${c.m(cx(a, bb))} by ${c.m(cx(cc, d))}.`),
    goal: `compute ${c.m(e)}`,
    q: 'the product',
    lhs: e,
    right: cx(re, im),
    wrong: cx(wre, im),
    alts: [],
    setup(b) {
      b.t(
        c.pk(
          ['Expand using FOIL:', 'Distribute term by term:'],
          ['Multiply it out with the distributive law:', 'Expanding the product, four terms:'],
        ),
      );
      b.t(c.d(`${e} = ${expand}`));
      mid(c, b);
      b.t(
        c.p(
          `Since ${c.m(i2 + ' = -1')}, the last term is ${c.m(String(-bb * d))}.\n`,
          `Using ${c.m(i2 + ' = -1')}, the ${c.m(i2)} term turns into ${c.m(String(-bb * d))}.\n`,
        ),
      );
      b.t(
        c.p(
          `Real part: ${c.m(`${a * cc} - (${bb * d}) = ${re}`)}. Imaginary part: ${c.m(`${a * d} + (${bb * cc}) = ${im}`)}.\n`,
          `Collecting: the real parts give ${c.m(`${a * cc} + (${-bb * d}) = ${re}`)}, and the ${c.m('i')} terms give ${c.m(`(${a * d} + (${bb * cc}))i = ${term(im, 'i', true)}`)}.\n`,
        ),
      );
    },
    wrongSetup(b) {
      b.t(c.pk(['FOIL:', 'Let me just expand it.'], ['Distributing:', 'Four products to add up:']));
      b.t(c.d(`${e} = ${expand}`));
      b.t(c.p(`The last term is ${c.m(`${bb * d}${i2} = ${bb * d}`)}.\n`, `The ${c.m(i2)} term just gives ${c.m(String(bb * d))}.\n`));
      b.t(
        c.p(
          `Real part: ${c.m(`${a * cc} + (${bb * d}) = ${wre}`)}; imaginary part: ${c.m(String(im))}.\n`,
          `So the real part is ${c.m(`${a * cc} + (${bb * d}) = ${wre}`)} and the imaginary part is ${c.m(String(im))}.\n`,
        ),
      );
    },
    fix(b) {
      b.t(
        c.p(
          `I used ${c.m(i2 + ' = 1')}. But ${c.m(i2 + ' = -1')}, so ${c.m(`${bb * d}${i2} = ${-bb * d}`)}, and the real part is ${c.m(`${a * cc} - (${bb * d}) = ${re}`)}. The imaginary part ${c.m(String(im))} is unaffected.\n`,
          `The ${c.m(i2)} term: I treated ${c.m(i2)} as ${c.m('+1')}, but it is ${c.m('-1')}. So that term is ${c.m(String(-bb * d))} and the real part becomes ${c.m(String(re))}; the imaginary part stays ${c.m(String(im))}.\n`,
        ),
      );
    },
    check(b) {
      b.t(
        c.p(
          `Distribute the other way: ${c.m(`(${cx(a, bb)})${c.dot}${cc} = ${cx(a * cc, bb * cc)}`)} and ${c.m(`(${cx(a, bb)})${c.dot}${term(d, 'i', true)} = ${cx(-bb * d, a * d)}`)}.\n`,
          `Multiply ${c.m(cx(a, bb))} by each part of the second factor separately: times ${c.m(String(cc))} gives ${c.m(cx(a * cc, bb * cc))}; times ${c.m(term(d, 'i', true))} gives ${c.m(cx(-bb * d, a * d))}.\n`,
        ),
      );
      b.t(
        c.p(`Adding: real ${c.m(`${a * cc} + (${-bb * d})`)}, imaginary ${c.m(`${bb * cc} + (${a * d})`)}.\n`, `Now add the two pieces.\n`),
      );
    },
  };
}

function pComplexRoots(r: Rng, c: Ctx, T: Ctx): Prob {
  const h = r.nz(-5, 5),
    k = r.int(1, 6);
  const B = -2 * h,
    C = h * h + k * k,
    D = B * B - 4 * C;
  const ki = k === 1 ? 'i' : `${k}i`;
  const val = (x: Ctx, hh: number) => `${hh} ${x.pm} ${ki}`;
  const eq = poly(c, [1, B, C]);
  return {
    query: `Find all complex solutions of $${poly(T, [1, B, C])} = 0$.`,
    answer: val(T, h),
    task: 'complex-roots/medium',
    given: c.p(
      `The quadratic is ${c.m(eq + ' = 0')}, with ${c.m(`a = 1, b = ${B}, c = ${C}`)}.`,
      `Here ${c.m(`a = 1`)}, ${c.m(`b = ${B}`)}, ${c.m(`c = ${C}`)}.`,
    ),
    goal: `solve ${c.m(eq + ' = 0')} over the complex numbers`,
    q: 'the solutions',
    lhs: 'x',
    right: val(c, h),
    wrong: val(c, -h),
    alts: [],
    setup(b) {
      b.t(
        c.pk(['Use the quadratic formula.', 'The quadratic formula gives'], ['Apply the quadratic formula:', 'By the quadratic formula,']),
      );
      b.t(c.d(`x = ${c.fr(`-(${B}) ${c.pm} ${c.sq(`${B * B} - ${4 * C}`)}`, 2)}`));
      b.t(
        c.p(
          `The discriminant is ${c.m(`${B * B} - ${4 * C} = ${D}`)}, negative, so the roots are complex.\n`,
          `Discriminant: ${c.m(`${c.pw(`(${B})`, 2)} - 4${c.dot}${C} = ${D} < 0`)}, so complex roots.\n`,
        ),
      );
      mid(c, b);
      b.t(
        `${c.m(`${c.sq(D)} = ${c.sq(-D)}${c.n === 'tex' ? '\\,' : ' · '}i = ${2 * k}i`)}, so ${c.m(`x = ${c.fr(`${-B} ${c.pm} ${2 * k}i`, 2)}`)}.\n`,
      );
    },
    wrongSetup(b) {
      b.t(
        c.pk(
          ['Quadratic formula with these coefficients:', 'Plug into the quadratic formula.'],
          ['Using the formula for the roots:', 'Quadratic formula again:'],
        ),
      );
      b.t(c.d(`x = ${c.fr(`${B} ${c.pm} ${c.sq(`${B * B} - ${4 * C}`)}`, 2)}`));
      b.t(
        `${c.p('The discriminant is', 'Under the root:')} ${c.m(`${B * B} - ${4 * C} = ${D}`)}, ${c.p('and', 'so')} ${c.m(`${c.sq(D)} = ${2 * k}i`)}. ${c.p('Then', 'This gives')} ${c.m(`x = ${c.fr(`${B} ${c.pm} ${2 * k}i`, 2)}`)}.\n`,
      );
    },
    fix(b) {
      b.t(
        c.p(
          `The formula has ${c.m('-b')} on top, and ${c.m(`b = ${B}`)}, so the numerator starts with ${c.m(String(-B))}, not ${c.m(String(B))}. So ${c.m(`x = ${c.fr(`${-B} ${c.pm} ${2 * k}i`, 2)}`)}.\n`,
          `I dropped the minus sign in ${c.m('-b')}: with ${c.m(`b = ${B}`)} we need ${c.m(`-b = ${-B}`)}. Redoing: ${c.m(`x = ${c.fr(`${-B} ${c.pm} ${2 * k}i`, 2)}`)}.\n`,
        ),
      );
    },
    check(b) {
      const z = cx(h, k);
      b.t(
        c.p(
          `Substitute ${c.m(`x = ${z}`)}: ${c.m(`x^2 = ${cx(h * h - k * k, 2 * h * k)}`)}, ${c.m(`${B}x = ${cx(B * h, B * k)}`)}.\n`,
          `Plugging ${c.m(z)} back in: its square is ${c.m(cx(h * h - k * k, 2 * h * k))} and ${c.m(`${B}(${z}) = ${cx(B * h, B * k)}`)}.\n`,
        ),
      );
      b.t(
        c.p(
          `Sum with ${c.m(String(C))}: real ${c.m(`${h * h - k * k} + (${B * h}) + ${C} = 0`)}, imaginary ${c.m(`${2 * h * k} + (${B * k}) = 0`)}. ${c.ck}\nThe conjugate is then a root too, since the coefficients are real.\n`,
          `Adding ${c.m(String(C))}: real part ${c.m(String(h * h - k * k + B * h + C))}, imaginary part ${c.m(String(2 * h * k + B * k))}. Both zero. The other root is the conjugate (real coefficients).\n`,
        ),
      );
    },
  };
}

function pPeriod(r: Rng, c: Ctx, T: Ctx): Prob {
  const fn = r.pick(['sin', 'cos', 'tan'] as const);
  const [bn, bd] = r.pick([
    [2, 1],
    [3, 1],
    [4, 1],
    [5, 1],
    [6, 1],
    [1, 2],
    [1, 3],
    [2, 3],
    [3, 4],
    [4, 3],
    [3, 2],
    [2, 5],
  ] as const);
  const A = r.pick([1, 2, 3, 4, 5, -2, -3]);
  const K = r.pick([0, 0, 1, 2, -1, 3]);
  const base = fn === 'tan' ? 1 : 2; // period in units of pi
  const bx = (x: Ctx) => (bd === 1 ? `${bn}x` : x.n === 'tex' ? `\\frac{${bn === 1 ? '' : bn}x}{${bd}}` : `${bn === 1 ? '' : bn}x/${bd}`);
  const f = (x: Ctx) => `y = ${A === 1 ? '' : A === -1 ? '-' : A}${x.n === 'tex' ? '\\' : ''}${fn}(${bx(x)})${K ? term(K, '', false) : ''}`;
  const wrongTan = r.chance(0.6);
  const wnum = wrongTan ? (fn === 'tan' ? 2 : 1) * bd : base * bn;
  const wden = wrongTan ? bn : bd;
  const bstr = bd === 1 ? String(bn) : c.fr(bn, bd);
  const basePer = piFrac(c, base, 1);
  const fnx = c.n === 'tex' ? `\\${fn}` : fn;
  return {
    query: `What is the period of $${f(T)}$?`,
    answer: piFrac(T, base * bd, bn),
    task: 'trig-period/easy',
    given: c.p(`The function is ${c.m(f(c))}.`, `We're looking at ${c.m(f(c))}.`),
    goal: `find the period of ${c.m(f(c))}`,
    q: 'the period',
    lhs: 'T',
    right: piFrac(c, base * bd, bn),
    wrong: wrongTan ? piFrac(c, wnum, wden) : piFrac(c, wnum, wden),
    alts: [],
    setup(b) {
      b.t(
        c.p(
          `${A !== 1 ? `The amplitude ${c.m(String(A))}${K ? ` and the vertical shift ${c.m(String(K))}` : ''} ${K ? "don't" : "doesn't"} change the period;` : K ? `The vertical shift ${c.m(String(K))} doesn't change the period;` : 'There is no amplitude or shift to worry about;'} only the coefficient of ${c.m('x')} matters.\n`,
          `Only the coefficient of ${c.m('x')} inside the ${fn} affects the period (${A !== 1 ? `the ${c.m(String(A))} in front${K ? ` and the ${c.m(String(K))}` : ''} just ${K ? 'stretch or move' : 'stretches'} the graph` : K ? `the ${c.m(String(K))} only moves the graph up or down` : 'there is nothing else in the formula anyway'}).\n`,
        ),
      );
      b.t(
        c.p(
          `The basic ${fn} has period ${c.m(basePer)}, and for ${c.m(`${fnx}(bx)`)} the period is ${c.m(c.fr(basePer, '|b|'))}.\n`,
          `For ${c.m(`${fnx}(bx)`)} one full cycle happens when ${c.m('bx')} runs through an interval of length ${c.m(basePer)}, i.e. ${c.m(`T = ${c.fr(basePer, '|b|')}`)}.\n`,
        ),
      );
      mid(c, b, 0.2);
      b.t(c.p(`Here ${c.m(`b = ${bstr}`)}.\n`, `In our function ${c.m(`b = ${bstr}`)}.\n`));
    },
    wrongSetup(b) {
      if (wrongTan)
        b.t(
          c.p(
            `The period of ${c.m(`${fnx}(bx)`)} is ${c.m(c.fr(piFrac(c, fn === 'tan' ? 2 : 1, 1), '|b|'))}, and here ${c.m(`b = ${bstr}`)}.\n`,
            `For ${c.m(`${fnx}(bx)`)}, the period is ${c.m(c.fr(piFrac(c, fn === 'tan' ? 2 : 1, 1), 'b'))}; we have ${c.m(`b = ${bstr}`)}.\n`,
          ),
        );
      else
        b.t(
          c.p(
            `The coefficient ${c.m(bstr)} scales the period, so I multiply the base period ${c.m(basePer)} by ${c.m(bstr)}.\n`,
            `The base period ${c.m(basePer)} gets multiplied by the coefficient ${c.m(bstr)}.\n`,
          ),
        );
    },
    fix(b) {
      if (wrongTan)
        b.t(
          c.p(
            `The basic period of ${fn} is ${c.m(basePer)}, not ${c.m(piFrac(c, fn === 'tan' ? 2 : 1, 1))}${fn === 'tan' ? ' (that is sine and cosine)' : ' (that is tangent)'}. So ${c.m(basePer)} has to be divided by ${c.m(bstr)}.\n`,
            `I mixed up the base periods: ${fn} repeats every ${c.m(basePer)}, and that is what gets divided by the coefficient ${c.m(bstr)}.\n`,
          ),
        );
      else
        b.t(
          c.p(
            `A larger coefficient makes the graph oscillate faster, so the period should shrink: divide ${c.m(basePer)} by ${c.m(bstr)}, don't multiply.\n`,
            `Multiplying is backwards; ${c.m(`${fnx}(bx)`)} completes a cycle when ${c.m(`bx`)} advances by ${c.m(basePer)}, i.e. when ${c.m('x')} advances by ${c.m(basePer)} divided by ${c.m(bstr)}.\n`,
          ),
        );
    },
    check(b) {
      b.t(
        c.p(
          `Check directly: ${c.m(`f(x+T)`)} has argument ${c.m(`${bx(c)} + ${bstr}T`)}, and we need ${c.m(`${bstr}T = ${basePer}`)} for the smallest shift that repeats the graph.\n`,
          `Verify: replacing ${c.m('x')} by ${c.m('x + T')} adds ${c.m(`${bstr}${c.dot}T`)} to the argument, and ${fn} first repeats after ${c.m(basePer)}, so ${c.m(`T = ${basePer} ${c.dot} ${c.fr(bd, bn)}`)}.\n`,
        ),
      );
    },
  };
}

function pPhase(r: Rng, c: Ctx, T: Ctx): Prob {
  const bcoef = r.pick([2, 3, 4]);
  const [cn, cd] = r.pick([
    [1, 2],
    [1, 3],
    [1, 4],
    [1, 6],
    [2, 3],
    [3, 4],
    [1, 1],
    [5, 6],
  ] as const);
  const minus = r.chance(0.6);
  const A = r.pick([2, 3, 4, 5]);
  const fn = r.pick(['sin', 'cos'] as const);
  const sgn = minus ? 1 : -1;
  const f = (x: Ctx) => `y = ${A}${x.n === 'tex' ? '\\' : ''}${fn}(${bcoef}x ${minus ? '-' : '+'} ${piFrac(x, cn, cd)})`;
  const slipB = r.chance(0.65);
  const right = (x: Ctx) => piFrac(x, sgn * cn, cd * bcoef);
  const deg = (180 * cn) / (cd * bcoef);
  return {
    query: `Find the phase shift of the graph of $${f(T)}$.`,
    answer: right(T),
    task: 'phase-shift/medium',
    given: c.p(`The graph is ${c.m(f(c))}.`, `We have ${c.m(f(c))}.`),
    goal: `find the phase shift of ${c.m(f(c))}`,
    q: 'the phase shift',
    lhs: '',
    right: right(c),
    wrong: slipB ? piFrac(c, sgn * cn, cd) : piFrac(c, -sgn * cn, cd * bcoef),
    alts: Number.isInteger(deg) ? [{ s: c.n === 'tex' ? `${sgn * deg}^\\circ` : `${sgn * deg}°`, approx: false }] : [],
    setup(b) {
      b.t(c.p(`Factor the coefficient of ${c.m('x')} out of the argument:`, `Write the argument in the form ${c.m('b(x - h)')}:`));
      b.t(
        c.d(
          `${bcoef}x ${minus ? '-' : '+'} ${piFrac(c, cn, cd)} = ${bcoef}\\left(x ${minus ? '-' : '+'} ${piFrac(c, cn, cd * bcoef)}\\right)`.replace(
            /\\left|\\right/g,
            c.n === 'tex' ? '$&' : '',
          ),
        ),
      );
      mid(c, b, 0.25);
      b.t(
        c.p(
          `So this is the graph of ${c.m(`y = ${A}${c.n === 'tex' ? '\\' : ''}${fn}(${bcoef}x)`)} moved horizontally, and the form ${c.m('x - h')} means a shift of ${c.m('h')} (right if positive).\n`,
          `This is ${c.m(`${A}${c.n === 'tex' ? '\\' : ''}${fn}(${bcoef}x)`)} slid sideways; the ${minus ? 'minus' : 'plus'} sign inside the parentheses means ${minus ? 'to the right' : 'to the left, which counts as negative'}.\n`,
        ),
      );
    },
    wrongSetup(b) {
      if (slipB)
        b.t(
          c.p(
            `The argument is ${c.m(`${bcoef}x ${minus ? '-' : '+'} ${piFrac(c, cn, cd)}`)}, and the constant term is what moves the graph ${minus ? 'right' : 'left'}.\n`,
            `The constant inside is ${c.m(`${minus ? '-' : '+'}${piFrac(c, cn, cd)}`)}, and that sets the horizontal shift (${minus ? 'rightward' : 'leftward'}).\n`,
          ),
        );
      else
        b.t(
          c.p(
            `Factoring: ${c.m(`${bcoef}(x ${minus ? '-' : '+'} ${piFrac(c, cn, cd * bcoef)})`)}. A ${minus ? 'minus' : 'plus'} inside means the shift is ${minus ? 'to the left' : 'to the right'}.\n`,
            `Factor out ${c.m(String(bcoef))}: ${c.m(`${bcoef}(x ${minus ? '-' : '+'} ${piFrac(c, cn, cd * bcoef)})`)}, so the graph moves ${minus ? 'left' : 'right'}.\n`,
          ),
        );
    },
    fix(b) {
      if (slipB)
        b.t(
          c.p(
            `The shift has to be read after factoring out the ${c.m(String(bcoef))}: the argument is ${c.m(`${bcoef}(x ${minus ? '-' : '+'} ${piFrac(c, cn, cd * bcoef)})`)}, ${minus ? 'a shift to the right' : 'a shift to the left'}.\n`,
            `I forgot to divide by the coefficient ${c.m(String(bcoef))}. The argument is really ${c.m(`${bcoef}(x ${minus ? '-' : '+'} ${piFrac(c, cn, cd * bcoef)})`)}, ${minus ? 'rightward' : 'leftward'}.\n`,
          ),
        );
      else
        b.t(
          c.p(
            `${c.m('x - h')} shifts right by ${c.m('h')}, so the direction was backwards: the shift is to the ${minus ? 'right' : 'left'}.\n`,
            `Sign convention: ${c.m(`f(x - h)`)} moves the graph right. So the direction flips: ${minus ? 'right, positive' : 'left, negative'}.\n`,
          ),
        );
    },
    check(b) {
      b.t(
        c.p(
          `The cycle starts where the argument is zero: ${c.m(`${bcoef}x ${minus ? '-' : '+'} ${piFrac(c, cn, cd)} = 0 ${c.imp} ${bcoef}x = ${minus ? '' : '-'}${piFrac(c, cn, cd)}`)}, and dividing by ${c.m(String(bcoef))} gives the new starting point.\n`,
          `Setting the argument to zero, ${c.m(`${bcoef}x = ${minus ? '' : '-'}${piFrac(c, cn, cd)}`)}; that ${c.m('x')} is where the cycle now starts, instead of ${c.m('0')}.\n`,
        ),
      );
    },
  };
}

function pDistance(r: Rng, c: Ctx, T: Ctx): Prob {
  for (;;) {
    const x1 = r.int(-7, -1),
      y1 = r.int(-6, 6),
      x2 = r.int(0, 8),
      y2 = r.int(-6, 6);
    const dx = x2 - x1,
      dy = y2 - y1;
    const n = dx * dx + dy * dy;
    const [k, m] = simpRoot(n);
    const wdx = x2 + x1; // sign slip on the negative coordinate
    const wn = wdx * wdx + dy * dy;
    if (m === 1 || dy === 0 || wn === n || wn === 0) continue;
    const [wk, wm] = simpRoot(wn);
    const P = `(${x1}, ${y1})`,
      Q = `(${x2}, ${y2})`;
    const simp = (kk: number, mm: number, nn: number) =>
      kk === 1 ? '' : `Since ${c.m(`${nn} = ${kk * kk} ${c.dot} ${mm}`)}, the square root simplifies.\n`;
    return {
      query: `Find the distance between the points $${P}$ and $${Q}$. Express your answer in simplest radical form.`,
      answer: kRoot(T, k, m),
      task: 'distance/easy',
      given: c.p(`The points are ${c.m(P)} and ${c.m(Q)}.`, `We need the distance from ${c.m(P)} to ${c.m(Q)}.`),
      goal: `find the distance between ${c.m(P)} and ${c.m(Q)}`,
      q: 'the distance',
      lhs: 'd',
      right: kRoot(c, k, m),
      wrong: kRoot(c, wk, wm),
      alts: [{ s: Math.sqrt(n).toFixed(3), approx: true }],
      setup(b) {
        b.t(
          c.p(
            `Differences: ${c.m(`\\Delta x = ${x2} - (${x1}) = ${dx}`.replace('\\Delta ', c.n === 'tex' ? '\\Delta ' : 'Δ'))}, ${c.m(`\\Delta y = ${y2} - (${y1}) = ${dy}`.replace('\\Delta ', c.n === 'tex' ? '\\Delta ' : 'Δ'))}.\n`,
            `Horizontal change ${c.m(`${x2} - (${x1}) = ${dx}`)}, vertical change ${c.m(`${y2} - (${y1}) = ${dy}`)}.\n`,
          ),
        );
        mid(c, b, 0.25);
        b.t(
          c.p(
            `Then ${c.m(`${c.pw('d', 2)} = ${c.pw(String(dx), 2)} + ${c.pw(`(${dy})`, 2)} = ${dx * dx} + ${dy * dy} = ${n}`)}.\n`,
            `By Pythagoras, ${c.m(`${c.pw('d', 2)} = ${dx * dx} + ${dy * dy} = ${n}`)}.\n`,
          ),
        );
        b.t(simp(k, m, n));
      },
      wrongSetup(b) {
        b.t(
          c.p(
            `${c.m(`\\Delta x = ${x2} - ${-x1} = ${wdx}`.replace('\\Delta ', c.n === 'tex' ? '\\Delta ' : 'Δ'))} and ${c.m(`\\Delta y = ${dy}`.replace('\\Delta ', c.n === 'tex' ? '\\Delta ' : 'Δ'))}.\n`,
            `The differences are ${c.m(`${x2} - ${-x1} = ${wdx}`)} and ${c.m(`${y2} - (${y1}) = ${dy}`)}.\n`,
          ),
        );
        b.t(`${c.m(`${c.pw('d', 2)} = ${wdx * wdx} + ${dy * dy} = ${wn}`)}.\n`);
        b.t(simp(wk, wm, wn));
      },
      fix(b) {
        b.t(
          c.p(
            `${c.m(`${x2} - (${x1})`)} is ${c.m(`${x2} + ${-x1} = ${dx}`)}, not ${c.m(String(wdx))}; I dropped the sign of the negative coordinate. So ${c.m(`${c.pw('d', 2)} = ${dx * dx} + ${dy * dy} = ${n}`)}.\n${simp(k, m, n)}`,
            `Subtracting ${c.m(String(x1))} means adding ${c.m(String(-x1))}: the horizontal change is ${c.m(String(dx))}. Redo: ${c.m(`${c.pw('d', 2)} = ${dx * dx} + ${dy * dy} = ${n}`)}.\n${simp(k, m, n)}`,
          ),
        );
      },
      check(b) {
        const g = gcd(dx, dy);
        if (g > 1)
          b.t(
            c.p(
              `Other way: the legs ${c.m(String(Math.abs(dx)))} and ${c.m(String(Math.abs(dy)))} share the factor ${c.m(String(g))}, so ${c.m(`d = ${g}\\sqrt{${(dx / g) ** 2} + ${(dy / g) ** 2}}`.replace(/\\sqrt\{([^}]*)\}/, (_s, x: string) => c.sq(x)))}.\n`,
              `Pulling out the common factor ${c.m(String(g))} of the legs: ${c.m(`d = ${g} ${c.dot} ${c.sq(`${(dx / g) ** 2} + ${(dy / g) ** 2}`)}`)}.\n`,
            ),
          );
        else
          b.t(
            c.p(
              `Recompute with the vector ${c.m(`(${dx}, ${dy})`)}: its length squared is ${c.m(`${dx * dx} + ${dy * dy} = ${n}`)}.\n`,
              `Again from scratch: the displacement vector is ${c.m(`(${dx}, ${dy})`)}, length squared ${c.m(String(n))}, and ${c.m(`${n} = ${k * k}${c.dot}${m}`)}.\n`,
            ),
          );
      },
    };
  }
}

function pRadical(r: Rng, c: Ctx, T: Ctx): Prob {
  const SF = [2, 3, 5, 6, 7, 10, 11, 13, 14, 15];
  let p = 0,
    qd = 0;
  do {
    p = r.pick(SF);
    qd = r.pick(SF);
  } while (gcd(p, qd) !== 1);
  const t = r.pick([1, 1, 2, 3, 4]);
  const a = qd * t,
    bb = p * t;
  const canon = (x: Ctx, num: number, den: number) => x.fr(x.sq(num * den), den);
  const unsimp = (x: Ctx, num: number, den: number) =>
    x.n === 'tex' ? `\\sqrt{\\frac{${num}}{${den}}}` : x.n === 'uni' ? `√(${num}/${den})` : `sqrt(${num}/${den})`;
  const x2 = c.pw('x', 2);
  const approx = Math.sqrt(p / qd);
  return {
    query: r.chance(0.5)
      ? `Find the positive real number $x$ such that $${a}x^2 = ${bb}$. Express your answer in simplest radical form.`
      : `Solve $${a}x^2 - ${bb} = 0$ for $x > 0$, rationalizing the denominator.`,
    answer: canon(T, p, qd),
    task: 'radical/medium',
    given: c.p(`The equation is ${c.m(`${a}${x2} = ${bb}`)}.`, `We need ${c.m(`x > 0`)} with ${c.m(`${a}${x2} = ${bb}`)}.`),
    goal: `solve ${c.m(`${a}${x2} = ${bb}`)} for positive ${c.m('x')}`,
    q: 'x',
    lhs: 'x',
    right: canon(c, p, qd),
    wrong: canon(c, qd, p),
    alts: [{ s: approx.toFixed(3), approx: true }],
    altFirst: unsimp(c, p, qd),
    setup(b) {
      b.t(
        c.p(
          `Divide both sides by ${c.m(String(a))}: ${c.m(`${x2} = ${c.fr(bb, a)}${t > 1 ? ` = ${c.fr(p, qd)}` : ''}`)}.\n`,
          `Isolating ${c.m(x2)}: ${c.m(`${x2} = ${c.fr(bb, a)}${t > 1 ? ` = ${c.fr(p, qd)}` : ''}`)}.\n`,
        ),
      );
      mid(c, b, 0.2);
      b.t(
        c.p(
          `To get a perfect square in the denominator, write ${c.m(`${c.fr(p, qd)} = ${c.fr(p * qd, qd * qd)}`)}.\n`,
          `Multiply top and bottom by ${c.m(String(qd))}: ${c.m(`${x2} = ${c.fr(p * qd, qd * qd)}`)}, and ${c.m(String(qd * qd))} is ${c.m(c.pw(String(qd), 2))}.\n`,
        ),
      );
    },
    setupAlt(b) {
      b.t(
        c.p(
          `Divide by ${c.m(String(a))}: ${c.m(`${x2} = ${c.fr(bb, a)}${t > 1 ? ` = ${c.fr(p, qd)}` : ''}`)}. Take the positive root.\n`,
          `${c.m(`${x2} = ${c.fr(bb, a)}${t > 1 ? ` = ${c.fr(p, qd)}` : ''}`)}, and since ${c.m('x > 0')} we take the positive square root.\n`,
        ),
      );
    },
    wrongSetup(b) {
      b.t(
        c.p(`Dividing, ${c.m(`${x2} = ${c.fr(qd, p)}`)}.\n`, `So ${c.m(`${x2} = ${c.fr(a, bb)}${t > 1 ? ` = ${c.fr(qd, p)}` : ''}`)}.\n`),
      );
      b.t(
        c.p(
          `Rationalize: ${c.m(`${c.fr(qd, p)} = ${c.fr(p * qd, p * p)}`)}.\n`,
          `Making the denominator a square: ${c.m(c.fr(p * qd, p * p))}.\n`,
        ),
      );
    },
    fix(b) {
      b.t(
        c.p(
          `I divided the wrong way round: from ${c.m(`${a}${x2} = ${bb}`)}, ${c.m(`${x2} = ${c.fr(bb, a)}`)}, not ${c.m(c.fr(a, bb))}. So ${c.m(`${x2} = ${c.fr(p, qd)} = ${c.fr(p * qd, qd * qd)}`)}.\n`,
          `The division is upside down. ${c.m(`${x2} = ${c.fr(bb, a)} = ${c.fr(p, qd)}`)}, which is ${c.m(c.fr(p * qd, qd * qd))}.\n`,
        ),
      );
    },
    check(b) {
      b.t(
        c.p(
          `Substitute back: ${c.m(`${a} ${c.dot} \\left(${c.fr(c.sq(p * qd), qd)}\\right)^2 = ${a} ${c.dot} ${c.fr(p * qd, qd * qd)} = ${c.fr(a * p * qd, qd * qd)} = ${bb}`.replace(/\\left|\\right/g, c.n === 'tex' ? '$&' : ''))} ${c.ck}\n`,
          `Plugging in: ${c.m(`${c.pw(`(${c.fr(c.sq(p * qd), qd)})`, 2)} = ${c.fr(p * qd, qd * qd)} = ${c.fr(p, qd)}`)}, times ${c.m(String(a))} gives ${c.m(String(bb))}. Good. Numerically ${c.m(`x ${c.n === 'tex' ? '\\approx' : '≈'} ${approx.toFixed(4)}`)} and ${c.m(`${a}(${approx.toFixed(4)})^2 ${c.n === 'tex' ? '\\approx' : '≈'} ${(a * approx * approx).toFixed(2)}`)}.\n`,
        ),
      );
    },
  };
}

function pCube(r: Rng, c: Ctx, T: Ctx): Prob {
  const m = r.pick([2, 3, 5, 6, 7, 10]);
  const k1 = r.int(2, 5);
  let k2 = r.int(1, 4);
  while (k2 === k1) k2 = r.int(1, 4);
  const minus = k1 > k2 && r.chance(0.3);
  const N1 = k1 ** 3 * m,
    N2 = k2 ** 3 * m;
  const op = minus ? '-' : '+';
  const kc = (x: Ctx, k: number, mm: number) => (k === 1 ? x.cb(mm) : x.n === 'plain' ? `${k}*${x.cb(mm)}` : `${k}${x.cb(mm)}`);
  const tot = minus ? k1 - k2 : k1 + k2;
  const e = (x: Ctx) => `${x.cb(N1)} ${op} ${x.cb(N2)}`;
  const t2 = (x: Ctx) =>
    k2 === 1 ? `${x.m(x.cb(N2))} is already simplified` : `${x.m(`${x.cb(N2)} = ${x.cb(`${k2 ** 3} ${x.dot} ${m}`)} = ${kc(x, k2, m)}`)}`;
  return {
    query: `Simplify $${e(T)}$.`,
    answer: kc(T, tot, m),
    task: 'cube-roots/medium',
    given: c.p(`The expression is ${c.m(e(c))}.`, `Two cube roots, of ${c.m(String(N1))} and of ${c.m(String(N2))}.`),
    goal: `simplify ${c.m(e(c))}`,
    q: 'the expression',
    lhs: e(c),
    right: kc(c, tot, m),
    wrong: `${kc(c, k1, k1 * m)} ${op} ${kc(c, k2, m)}`,
    alts: [{ s: (tot * Math.cbrt(m)).toFixed(3), approx: true }],
    setup(b) {
      b.t(
        c.p(
          `Look for perfect-cube factors. ${c.m(`${N1} = ${k1 ** 3} ${c.dot} ${m}`)}, and ${c.m(`${k1 ** 3} = ${c.pw(String(k1), 3)}`)}.\n`,
          `Factor out cubes: ${c.m(`${N1} = ${c.pw(String(k1), 3)} ${c.dot} ${m}`)}.\n`,
        ),
      );
      b.t(`${c.m(`${c.cb(N1)} = ${kc(c, k1, m)}`)}${c.p(', and ', '; also ')}${t2(c)}.\n`);
      mid(c, b, 0.2);
      b.t(c.p(`Both are multiples of ${c.m(c.cb(m))}, so they combine.\n`, `Like terms in ${c.m(c.cb(m))}.\n`));
    },
    wrongSetup(b) {
      b.t(
        c.p(
          `${c.m(`${N1} = ${k1 * k1} ${c.dot} ${k1 * m}`)}, so ${c.m(`${c.cb(N1)} = ${kc(c, k1, k1 * m)}`)}.\n`,
          `Pull a square out of ${c.m(String(N1))}: ${c.m(`${N1} = ${c.pw(String(k1), 2)} ${c.dot} ${k1 * m}`)} gives ${c.m(kc(c, k1, k1 * m))}.\n`,
        ),
      );
      b.t(
        `${c.p('And', 'Second term:')} ${t2(c)}. ${c.p('These have different radicands.', 'The radicands differ, so nothing combines.')}\n`,
      );
    },
    fix(b) {
      b.t(
        c.p(
          `${c.m(String(k1 * k1))} is a square, not a cube: only cube factors come out of a cube root. ${c.m(`${N1} = ${k1 ** 3} ${c.dot} ${m}`)}, so ${c.m(`${c.cb(N1)} = ${kc(c, k1, m)}`)}, which does combine with ${c.m(kc(c, k2, m))}.\n`,
          `Cube root, so I need a cube: ${c.m(`${N1} = ${c.pw(String(k1), 3)} ${c.dot} ${m}`)}, giving ${c.m(kc(c, k1, m))}. Now both terms are multiples of ${c.m(c.cb(m))}.\n`,
        ),
      );
    },
    check(b) {
      const v1 = Math.cbrt(N1),
        v2 = Math.cbrt(N2);
      b.t(
        c.p(
          `Numerically: ${c.m(`${c.cb(N1)} ${c.n === 'tex' ? '\\approx' : '≈'} ${v1.toFixed(3)}`)}, ${c.m(`${c.cb(N2)} ${c.n === 'tex' ? '\\approx' : '≈'} ${v2.toFixed(3)}`)}, ${minus ? 'difference' : 'sum'} ${c.m((minus ? v1 - v2 : v1 + v2).toFixed(3))}; and ${c.m(`${tot} ${c.dot} ${c.cb(m)} ${c.n === 'tex' ? '\\approx' : '≈'} ${tot} ${c.dot} ${Math.cbrt(m).toFixed(4)} = ${(tot * Math.cbrt(m)).toFixed(3)}`)}. ${c.ck}\n`,
          `Cube each piece back: ${c.m(`${c.pw(`(${kc(c, k1, m)})`, 3)} = ${k1 ** 3} ${c.dot} ${m} = ${N1}`)} and ${c.m(`${c.pw(`(${kc(c, k2, m)})`, 3)} = ${N2}`)}, so the two simplifications are right and the coefficients ${c.m(`${k1} ${op} ${k2} = ${tot}`)}.\n`,
        ),
      );
    },
  };
}

function pVieta(r: Rng, c: Ctx, T: Ctx): Prob {
  const [R, S, P, Q] = r.pick([
    ['r', 's', 'p', 'q'],
    ['r', 's', 'a', 'b'],
    ['r', 's', 'm', 'n'],
    ['u', 'v', 'p', 'q'],
    ['u', 'v', 's', 't'],
    ['u', 'v', 'b', 'c'],
  ] as const);
  const kind = r.pick(['sq', 'cube', 'recip', 'diff', 'mixed'] as const);
  const plus = kind === 'mixed' ? true : r.chance(0.4);
  const poly2 = (x: Ctx) => `${x.pw('x', 2)} ${plus ? '+' : '-'} ${P}x + ${Q}`;
  const sumS = plus ? `-${P}` : P;
  const pw = (x: Ctx, v: string, e: number) => x.pw(v, e);
  const targets: Record<
    typeof kind,
    {
      lhs: (x: Ctx) => string;
      right: (x: Ctx) => string;
      wrong: (x: Ctx) => string;
      ident: (x: Ctx) => string;
      num: (r0: number, s0: number) => number;
      f: (p: number, q: number) => number;
    }
  > = {
    sq: {
      lhs: (x) => `${pw(x, R, 2)} + ${pw(x, S, 2)}`,
      right: (x) => `${pw(x, P, 2)} - 2${Q}`,
      wrong: (x) => `${pw(x, P, 2)} + 2${Q}`,
      ident: (x) => `(${R} + ${S})^2 - 2${R}${S}`.replace('^2', x.n === 'uni' ? '²' : '^2'),
      num: (a, b) => a * a + b * b,
      f: (p, q) => p * p - 2 * q,
    },
    cube: {
      lhs: (x) => `${pw(x, R, 3)} + ${pw(x, S, 3)}`,
      right: (x) => (plus ? `3${P}${Q} - ${pw(x, P, 3)}` : `${pw(x, P, 3)} - 3${P}${Q}`),
      wrong: (x) => (plus ? `${pw(x, P, 3)} - 3${P}${Q}` : `${pw(x, P, 3)} - 3${Q}`),
      ident: (x) => `(${R} + ${S})^3 - 3${R}${S}(${R} + ${S})`.replace('^3', x.n === 'uni' ? '³' : '^3'),
      num: (a, b) => a ** 3 + b ** 3,
      f: (p, q) => (plus ? 3 * p * q - p ** 3 : p ** 3 - 3 * p * q),
    },
    recip: {
      lhs: (x) => `${x.fr(1, R)} + ${x.fr(1, S)}`,
      right: (x) => (plus ? '-' : '') + x.fr(P, Q),
      wrong: (x) => (plus ? x.fr(P, Q) : x.fr(Q, P)),
      ident: (x) => x.fr(`${R} + ${S}`, `${R}${S}`),
      num: (a, b) => 1 / a + 1 / b,
      f: (p, q) => (plus ? -p / q : p / q),
    },
    diff: {
      lhs: (x) => pw(x, `(${R} - ${S})`, 2),
      right: (x) => `${pw(x, P, 2)} - 4${Q}`,
      wrong: (x) => `${pw(x, P, 2)} - 2${Q}`,
      ident: (x) => `(${R} + ${S})^2 - 4${R}${S}`.replace('^2', x.n === 'uni' ? '²' : '^2'),
      num: (a, b) => (a - b) ** 2,
      f: (p, q) => p * p - 4 * q,
    },
    mixed: {
      lhs: (x) => `${pw(x, R, 2)}${S} + ${R}${pw(x, S, 2)}`,
      right: () => `-${P}${Q}`,
      wrong: () => `${P}${Q}`,
      ident: () => `${R}${S}(${R} + ${S})`,
      num: (a, b) => a * a * b + a * b * b,
      f: (p, q) => -p * q,
    },
  };
  const tg = targets[kind];
  const [r0, s0] = r.pick([
    [1, 2],
    [1, 3],
    [2, 3],
    [-1, 2],
  ] as const);
  const p0 = plus ? -(r0 + s0) : r0 + s0,
    q0 = r0 * s0;
  const numStr = (v: number) => {
    if (Number.isInteger(v)) return String(v);
    const den = [2, 3, 4, 6].find((d) => Math.abs(v * d - Math.round(v * d)) < 1e-9) ?? 6;
    return (v < 0 ? '-' : '') + c.fr(Math.abs(Math.round(v * den)), den);
  };
  return {
    query: `Let $${R}$ and $${S}$ be the roots of $${poly2(T)} = 0$. Express $${tg.lhs(T)}$ in terms of $${P}$ and $${Q}$.`,
    answer: tg.right(T),
    task: 'vieta-symbolic/medium',
    given: c.p(
      `${c.m(R)} and ${c.m(S)} are the roots of ${c.m(poly2(c) + ' = 0')}.`,
      `The quadratic is ${c.m(poly2(c))} with roots ${c.m(`${R}, ${S}`)}.`,
    ),
    goal: `write ${c.m(tg.lhs(c))} using only ${c.m(P)} and ${c.m(Q)}`,
    q: c.m(tg.lhs(c)),
    lhs: tg.lhs(c),
    right: tg.right(c),
    wrong: tg.wrong(c),
    alts: [],
    setup(b) {
      b.t(
        c.p(
          `By Vieta's formulas, ${c.m(`${R} + ${S} = ${sumS}`)} and ${c.m(`${R}${S} = ${Q}`)}.\n`,
          `Vieta: sum of roots ${c.m(`${R} + ${S} = ${sumS}`)}, product ${c.m(`${R}${S} = ${Q}`)}.\n`,
        ),
      );
      mid(c, b, plus ? 0.4 : 0.2);
      b.t(
        c.p(
          `Now rewrite the target with symmetric functions: ${c.m(`${tg.lhs(c)} = ${tg.ident(c)}`)}.\n`,
          `Express it through the sum and product: ${c.m(`${tg.lhs(c)} = ${tg.ident(c)}`)}.\n`,
        ),
      );
      b.t(
        c.p(
          `Substitute ${c.m(`${R} + ${S} = ${sumS}`)} and ${c.m(`${R}${S} = ${Q}`)}.\n`,
          `Plugging in the Vieta values and simplifying:\n`,
        ),
      );
    },
    wrongSetup(b) {
      b.t(
        c.p(
          `Vieta gives ${c.m(`${R} + ${S} = ${kind === 'cube' || kind === 'recip' || kind === 'mixed' ? P : sumS}`)} and ${c.m(`${R}${S} = ${Q}`)}.\n`,
          `Sum of roots ${c.m(kind === 'cube' || kind === 'recip' || kind === 'mixed' ? P : sumS)}, product ${c.m(Q)}.\n`,
        ),
      );
      const wi =
        kind === 'sq'
          ? `(${R} + ${S})^2 + 2${R}${S}`
          : kind === 'diff'
            ? `(${R} + ${S})^2 - 2${R}${S}`
            : kind === 'cube' && !plus
              ? `(${R} + ${S})^3 - 3${R}${S}`
              : kind === 'recip' && !plus
                ? c.fr(`${R}${S}`, `${R} + ${S}`)
                : tg.ident(c);
      b.t(
        c.p(
          `Then ${c.m(`${tg.lhs(c)} = ${wi.replace(/\^(\d)/g, (_s, d: string) => (c.n === 'uni' ? SUP[d] : '^' + d))}`)}.\n`,
          `Identity: ${c.m(`${tg.lhs(c)} = ${wi.replace(/\^(\d)/g, (_s, d: string) => (c.n === 'uni' ? SUP[d] : '^' + d))}`)}.\n`,
        ),
      );
    },
    fix(b) {
      if (kind === 'cube' || kind === 'recip' || kind === 'mixed') {
        if (plus || kind === 'mixed')
          b.t(
            c.p(
              `The sum of the roots of ${c.m(poly2(c))} is ${c.m(`-${P}`)}, not ${c.m(P)}: the linear coefficient is ${c.m(`+${P}`)}. Redo with ${c.m(`${R} + ${S} = -${P}`)}: ${c.m(`${tg.lhs(c)} = ${tg.ident(c)}`)}.\n`,
              `Sign error in Vieta. For ${c.m(`x^2 + ${P}x + ${Q}`)} the sum is ${c.m(`-${P}`)}. Redoing the substitution into ${c.m(tg.ident(c))} with that.\n`,
            ),
          );
        else if (kind === 'cube')
          b.t(
            c.p(
              `The identity is ${c.m(`(${R}+${S})^3 = ${pw(c, R, 3)} + ${pw(c, S, 3)} + 3${R}${S}(${R}+${S})`)}, so the subtracted term is ${c.m(`3${R}${S}(${R}+${S})`)}, not ${c.m(`3${R}${S}`)}.\n`,
              `I lost a factor: ${c.m(`${tg.lhs(c)} = ${tg.ident(c)}`)}. The last term carries ${c.m(`(${R}+${S})`)}.\n`,
            ),
          );
        else
          b.t(
            c.p(
              `${c.m(`${c.fr(1, R)} + ${c.fr(1, S)} = ${c.fr(`${R} + ${S}`, `${R}${S}`)}`)}: the sum is on top and the product at the bottom.\n`,
              `Common denominator: ${c.m(`${c.fr(S, `${R}${S}`)} + ${c.fr(R, `${R}${S}`)} = ${c.fr(`${R} + ${S}`, `${R}${S}`)}`)}, so I had it upside down.\n`,
            ),
          );
      } else
        b.t(
          c.p(
            `Check the identity: ${c.m(`(${R} + ${S})^2 = ${pw(c, R, 2)} + 2${R}${S} + ${pw(c, S, 2)}`)}. So the correct form is ${c.m(`${tg.lhs(c)} = ${tg.ident(c)}`)}.\n`,
            `Expanding ${c.m(`(${R} + ${S})^2`)} shows the identity I used is off. Correct: ${c.m(`${tg.lhs(c)} = ${tg.ident(c)}`)}.\n`,
          ),
        );
    },
    check(b) {
      b.t(
        c.p(
          `Test with actual numbers: take roots ${c.m(`${r0}`)} and ${c.m(`${s0}`)}, i.e. ${c.m(`${P} = ${p0}`)}, ${c.m(`${Q} = ${q0}`)}. Directly, ${c.m(`${tg.lhs(c)} = ${numStr(tg.num(r0, s0))}`)}; the formula gives ${c.m(numStr(tg.f(p0, q0)))}. ${c.ck}\n`,
          `Sanity test: the polynomial with roots ${c.m(`${r0}, ${s0}`)} has ${c.m(`${P} = ${p0}, ${Q} = ${q0}`)}. Then the target is ${c.m(numStr(tg.num(r0, s0)))} by direct computation, and the formula also gives ${c.m(numStr(tg.f(p0, q0)))}. They agree.\n`,
        ),
      );
    },
  };
}

function pSystem(r: Rng, c: Ctx, _T: Ctx): Prob {
  for (;;) {
    const x0 = r.int(-6, 7),
      y0 = r.nz(-5, 6),
      b1 = r.nz(-5, 5),
      a2 = r.int(2, 5),
      b2 = r.nz(-5, 5);
    const det = b2 - a2 * b1;
    if (det === 0 || Math.abs(b1) === 1) continue;
    const c1 = x0 + b1 * y0,
      c2 = a2 * x0 + b2 * y0;
    const wx = c1 + b1 * y0;
    const e1 = `x ${term(b1, 'y', false).trim()} = ${c1}`,
      e2 = `${a2}x ${term(b2, 'y', false).trim()} = ${c2}`;
    const pair = (x: number) => `(${x}, ${y0})`;
    return {
      query: `Solve the system $${e1}$, $${e2}$. Enter your answer as an ordered pair $(x, y)$.`,
      answer: pair(x0),
      task: 'linear-system/easy',
      given: c.p(`Equations: ${c.m(e1)} and ${c.m(e2)}.`, `Label them (1) ${c.m(e1)} and (2) ${c.m(e2)}.`),
      goal: `solve the system ${c.m(e1)}, ${c.m(e2)}`,
      q: 'the solution',
      lhs: '(x, y)',
      right: pair(x0),
      wrong: pair(wx),
      alts: [],
      setup(b) {
        b.t(
          c.p(
            `From the first equation, ${c.m(`x = ${c1}${term(-b1, 'y', false)}`)}.\n`,
            `Solve (1) for ${c.m('x')}: ${c.m(`x = ${c1}${term(-b1, 'y', false)}`)}.\n`,
          ),
        );
        b.t(
          c.p(
            `Substitute into the second: ${c.m(`${a2}(${c1}${term(-b1, 'y', false)})${term(b2, 'y', false)} = ${c2}`)}, so ${c.m(`${a2 * c1}${term(det, 'y', false)} = ${c2}`)}.\n`,
            `Into (2): ${c.m(`${a2 * c1}${term(-a2 * b1, 'y', false)}${term(b2, 'y', false)} = ${c2}`)}, i.e. ${c.m(`${term(det, 'y', true)} = ${c2 - a2 * c1}`)}.\n`,
          ),
        );
        mid(c, b, 0.3);
        b.t(
          c.p(
            `Hence ${c.m(`y = ${y0}`)}, and then ${c.m(`x = ${c1}${term(-b1, '', false)}(${y0}) = ${x0}`)}.\n`,
            `So ${c.m(`y = ${c2 - a2 * c1} / ${pn(det)} = ${y0}`)}. Back-substituting, ${c.m(`x = ${c1} - (${b1})(${y0}) = ${x0}`)}.\n`,
          ),
        );
      },
      wrongSetup(b) {
        b.t(
          c.p(
            `Substitution: ${c.m(`x = ${c1}${term(-b1, 'y', false)}`)} into the second equation gives ${c.m(`${term(det, 'y', true)} = ${c2 - a2 * c1}`)}, so ${c.m(`y = ${y0}`)}.\n`,
            `Eliminating ${c.m('x')} gives ${c.m(`${term(det, 'y', true)} = ${c2 - a2 * c1}`)}, ${c.m(`y = ${y0}`)}.\n`,
          ),
        );
        b.t(
          c.p(
            `Then ${c.m(`x = ${c1} + ${b1 * y0 < 0 ? `(${b1 * y0})` : b1 * y0} = ${wx}`)}.\n`,
            `And ${c.m(`x = ${c1} + (${b1})(${y0}) = ${wx}`)}.\n`,
          ),
        );
      },
      fix(b) {
        b.t(
          c.p(
            `Check in the second equation: ${c.m(`${a2}(${wx})${term(b2, `(${y0})`, false)} = ${a2 * wx + b2 * y0}`)}, not ${c.m(String(c2))}. The back-substitution has the wrong sign: ${c.m(`x = ${c1} - (${b1})(${y0}) = ${x0}`)}.\n`,
            `Plug into (1): ${c.m(`${wx}${term(b1, `(${y0})`, false)} = ${wx + b1 * y0}`)}, which should be ${c.m(String(c1))}. I added instead of subtracting; ${c.m(`x = ${c1} - (${b1 * y0}) = ${x0}`)}.\n`,
          ),
        );
      },
      check(b) {
        b.t(
          c.p(
            `Check: first equation ${c.m(`${x0}${term(b1, `(${y0})`, false)} = ${c1}`)} ${c.ck}; second ${c.m(`${a2}(${x0})${term(b2, `(${y0})`, false)} = ${c2}`)} ${c.ck}.\n`,
            `Verify both: (1) gives ${c.m(`${x0} + ${b1 * y0 < 0 ? `(${b1 * y0})` : b1 * y0} = ${c1}`)}, (2) gives ${c.m(`${a2 * x0} + ${b2 * y0 < 0 ? `(${b2 * y0})` : b2 * y0} = ${c2}`)}. Both hold.\n`,
          ),
        );
      },
    };
  }
}

function pIneq(r: Rng, c: Ctx, T: Ctx): Prob {
  const r1 = r.int(-6, 4),
    r2 = r1 + r.int(1, 7);
  const op = r.pick(['<', '\\le', '>', '\\ge'] as const);
  const inside = op === '<' || op === '\\le';
  const closed = op === '\\le' || op === '\\ge';
  const opx = (x: Ctx) =>
    x.n === 'tex' ? op : op === '\\le' ? (x.n === 'uni' ? '≤' : '<=') : op === '\\ge' ? (x.n === 'uni' ? '≥' : '>=') : op;
  const iv = (x: Ctx, ins: boolean, cl: boolean) =>
    ins
      ? `${cl ? '[' : '('}${r1}, ${r2}${cl ? ']' : ')'}`
      : `(-${x.inf}, ${r1}${cl ? ']' : ')'} ${x.cup} ${cl ? '[' : '('}${r2}, ${x.inf})`;
  const pl = (x: Ctx) => poly(x, [1, -(r1 + r2), r1 * r2]);
  const fac = `(x${term(-r1, '', false)})(x${term(-r2, '', false)})`.replace(/\(x\)/g, '(x)');
  const slipSide = r.chance(0.7);
  const t1 = r1 - 1,
    tm = (r1 + r2) / 2,
    t2 = r2 + 1;
  const val = (t: number) => (t - r1) * (t - r2);
  const fmtN = (t: number) => (Number.isInteger(t) ? String(t) : t.toFixed(1));
  return {
    query: `Solve the inequality $${pl(T)} ${op} 0$. Express your answer in interval notation.`,
    answer: iv(T, inside, closed),
    task: 'inequality/medium',
    given: c.p(`The inequality is ${c.m(`${pl(c)} ${opx(c)} 0`)}.`, `We need all ${c.m('x')} with ${c.m(`${pl(c)} ${opx(c)} 0`)}.`),
    goal: `solve ${c.m(`${pl(c)} ${opx(c)} 0`)}`,
    q: 'the solution set',
    lhs: '',
    right: iv(c, inside, closed),
    wrong: slipSide ? iv(c, !inside, closed) : iv(c, inside, !closed),
    alts: [],
    setup(b) {
      b.t(
        c.p(
          `Factor: ${c.m(`${pl(c)} = ${fac}`)}. The roots are ${c.m(`x = ${r1}`)} and ${c.m(`x = ${r2}`)}.\n`,
          `The quadratic factors as ${c.m(fac)}, with zeros at ${c.m(String(r1))} and ${c.m(String(r2))}.\n`,
        ),
      );
      mid(c, b, 0.25);
      b.t(
        c.p(
          `The parabola opens upward, so it is negative between the roots and positive outside them.${closed ? ' The endpoints are included since equality is allowed.' : ' The endpoints are excluded (strict inequality).'}\n`,
          `Upward parabola: below the axis strictly between ${c.m(String(r1))} and ${c.m(String(r2))}, above it outside.${closed ? ' Equality allowed, so closed endpoints.' : ' Strict, so open endpoints.'}\n`,
        ),
      );
    },
    wrongSetup(b) {
      b.t(
        c.p(
          `Factor: ${c.m(fac)}, roots ${c.m(`${r1}`)} and ${c.m(`${r2}`)}.\n`,
          `Zeros of the quadratic: ${c.m(String(r1))} and ${c.m(String(r2))}.\n`,
        ),
      );
      if (slipSide)
        b.t(
          c.p(
            `The product of the two factors is ${inside ? 'negative' : 'positive'} when both factors have the same sign, which happens ${inside ? 'outside' : 'between'} the roots.\n`,
            `Sign chart: ${inside ? 'negative' : 'positive'} ${inside ? 'outside' : 'between'} the roots.\n`,
          ),
        );
      else
        b.t(
          c.p(
            `It's ${inside ? 'negative' : 'positive'} ${inside ? 'between' : 'outside'} the roots${closed ? ', endpoints excluded' : ', endpoints included'}.\n`,
            `${inside ? 'Between' : 'Outside'} the roots the sign is right${closed ? '; the roots themselves give 0, which I leave out' : '; I include the roots'}.\n`,
          ),
        );
    },
    fix(b) {
      if (slipSide)
        b.t(
          c.p(
            `Test a point: at ${c.m(`x = ${fmtN(tm)}`)}, ${c.m(`${fac.replace(/x/g, `(${fmtN(tm)})`)} = ${fmtN(val(tm))}`)}, which is negative. So the quadratic is negative between the roots, and I had the sides reversed.\n`,
            `Plug in ${c.m(`x = ${fmtN(tm)}`)} (between the roots): the value is ${c.m(fmtN(val(tm)))} < 0. Same signs of the factors happen outside, which makes the product positive there. I mixed that up.\n`,
          ),
        );
      else
        b.t(
          c.p(
            `${closed ? `The inequality is ${c.m(opx(c))}, so the roots, where the expression is ${c.m('0')}, are included.` : `The inequality is strict, so the roots, where the expression is ${c.m('0')}, are excluded.`}\n`,
            `Endpoints: the quadratic is ${c.m('0')} at the roots, and ${c.m(`0 ${opx(c)} 0`)} is ${closed ? 'true, so they belong' : 'false, so they do not belong'}.\n`,
          ),
        );
    },
    check(b) {
      b.t(
        c.p(
          `Test points: ${c.m(`x = ${t1}`)} gives ${c.m(String(val(t1)))}, ${c.m(`x = ${fmtN(tm)}`)} gives ${c.m(fmtN(val(tm)))}, ${c.m(`x = ${t2}`)} gives ${c.m(String(val(t2)))}.${closed ? ` At the roots the value is ${c.m('0')}, allowed.` : ''}\n`,
          `Spot checks: ${c.m(`f(${t1}) = ${val(t1)}`)}, ${c.m(`f(${fmtN(tm)}) = ${fmtN(val(tm))}`)}, ${c.m(`f(${t2}) = ${val(t2)}`)}.${closed ? ` And ${c.m(`f(${r1}) = f(${r2}) = 0`)} satisfies the inequality.` : ''}\n`,
        ),
      );
    },
  };
}

function pCubic(r: Rng, c: Ctx, T: Ctx): Prob {
  for (;;) {
    const roots = [r.nz(-5, 6), r.nz(-5, 6), r.nz(-5, 6)];
    if (new Set(roots).size < 3) continue;
    const [ra, rb, rc] = roots; // ra found by trial
    if (Math.abs(ra) > 3 || rb === -rc) continue;
    const e1 = ra + rb + rc,
      e2 = ra * rb + ra * rc + rb * rc,
      e3 = ra * rb * rc;
    const wset = [ra, -rb, -rc];
    if (new Set(wset).size < 3) continue;
    const sorted = [...roots].sort((x, y) => x - y).join(', ');
    const wsorted = [...wset].sort((x, y) => x - y).join(', ');
    const coeffs = [1, -e1, e2, -e3];
    const f = (t: number) => t ** 3 - e1 * t * t + e2 * t - e3;
    const qs = rb + rc,
      qp = rb * rc; // quadratic x^2 - qs x + qp
    const trials = [1, -1, 2, -2, 3, -3].filter((t) => t !== ra && f(t) !== 0);
    const tried = trials.slice(0, r.int(0, 2));
    const fx = poly(c, coeffs);
    const quad = poly(c, [1, -qs, qp]);
    const fq = `(x${term(-rb, '', false)})(x${term(-rc, '', false)})`;
    const wq = `(x${term(rb, '', false)})(x${term(rc, '', false)})`;
    const braces = r.chance(0.3);
    const w = (s: string) => (braces ? c.set(s) : s);
    return {
      query: `Find all real solutions of $${poly(T, coeffs)} = 0$. Enter all the solutions, separated by commas.`,
      answer: sorted,
      task: 'cubic-roots/hard',
      given: c.p(`The cubic is ${c.m(fx + ' = 0')}.`, `We need the roots of ${c.m(fx)}.`),
      goal: `find all real roots of ${c.m(fx + ' = 0')}`,
      q: braces ? 'the solution set' : 'the solutions',
      lhs: braces ? '' : 'x',
      right: w(sorted),
      wrong: w(wsorted),
      alts: [],
      setup(b) {
        b.t(
          c.p(
            `Rational root theorem: any rational root divides ${c.m(String(-e3))}.\n`,
            `Candidates for rational roots are the divisors of the constant term ${c.m(String(-e3))}.\n`,
          ),
        );
        for (const t of tried)
          b.t(
            c.p(
              `Try ${c.m(`x = ${t}`)}: ${c.m(`f(${t}) = ${f(t)}`)}. No.\n`,
              `${c.m(`x = ${t}`)}? ${c.m(`f(${t}) = ${f(t)}`)}, not a root.\n`,
            ),
          );
        b.t(
          c.p(
            `Try ${c.m(`x = ${ra}`)}: ${c.m(`f(${ra}) = 0`)}. So ${c.m(`x${term(-ra, '', false)}`)} is a factor.\n`,
            `${c.m(`x = ${ra}`)}: ${c.m(`f(${ra}) = 0`)}, a root. Factor out ${c.m(`(x${term(-ra, '', false)})`)}.\n`,
          ),
        );
        b.t(c.p(`Synthetic division leaves ${c.m(quad)}.\n`, `Dividing, the quotient is ${c.m(quad)}.\n`));
        mid(c, b, 0.25);
        b.t(
          c.p(
            `${c.m(`${quad} = ${fq}`)}, giving ${c.m(`x = ${rb}`)} and ${c.m(`x = ${rc}`)}.\n`,
            `This factors as ${c.m(fq)}, roots ${c.m(String(rb))} and ${c.m(String(rc))}.\n`,
          ),
        );
      },
      wrongSetup(b) {
        b.t(
          c.p(
            `Testing small divisors of ${c.m(String(-e3))}: ${c.m(`f(${ra}) = 0`)}, so ${c.m(`x = ${ra}`)} is a root.\n`,
            `By trial, ${c.m(`x = ${ra}`)} works: ${c.m(`f(${ra}) = 0`)}.\n`,
          ),
        );
        b.t(
          c.p(
            `Dividing out ${c.m(`(x${term(-ra, '', false)})`)} gives ${c.m(quad)}, which factors as ${c.m(wq)}.\n`,
            `Quotient ${c.m(quad)} = ${c.m(wq)}.\n`,
          ),
        );
        b.t(
          c.p(
            `So the other roots are ${c.m(String(-rb))} and ${c.m(String(-rc))}.\n`,
            `Roots of the quadratic: ${c.m(`${-rb}`)}, ${c.m(`${-rc}`)}.\n`,
          ),
        );
      },
      fix(b) {
        b.t(
          c.p(
            `Expanding ${c.m(wq)} gives ${c.m(poly(c, [1, qs, qp]))}, not ${c.m(quad)}: the signs are flipped. It should be ${c.m(fq)}, so the quadratic's roots are ${c.m(String(rb))} and ${c.m(String(rc))}.\n`,
            `${c.m(wq)} multiplies out to ${c.m(poly(c, [1, qs, qp]))}, wrong middle sign. Correct factoring: ${c.m(fq)}, roots ${c.m(`${rb}`)} and ${c.m(`${rc}`)}.\n`,
          ),
        );
      },
      check(b) {
        b.t(
          c.p(
            `Vieta check: the roots should sum to ${c.m(String(e1))} and multiply to ${c.m(String(e3))}. ${c.m(`${ra} + ${pn(rb)} + ${pn(rc)} = ${e1}`)} ${c.ck}, ${c.m(`${ra} ${c.dot} ${pn(rb)} ${c.dot} ${pn(rc)} = ${e3}`)} ${c.ck}.\n`,
            `Plug the other two in: ${c.m(`f(${rb}) = ${f(rb)}`)}, ${c.m(`f(${rc}) = ${f(rc)}`)}. Both vanish.\n`,
          ),
        );
      },
    };
  }
}

const PROBLEMS = [pComplexProduct, pComplexRoots, pPeriod, pPhase, pDistance, pRadical, pCube, pVieta, pSystem, pIneq, pCubic];

// ---------------------------------------------------------------------------------------------
// Phrasing pools: [dev, heldout]. The two halves never share a template.

type Pool = readonly [string[], string[]];

const OPEN: Pool = [
  [
    'Let me work through this step by step.',
    'Okay, so I need to {goal}.',
    "Alright, let's see. {given}",
    'We need to {goal}. {given}',
    "I'll start from what we're given. {given}",
    'Okay. {given} Goal: {goal}.',
  ],
  [
    "Let's think about this carefully. {given}",
    'Hmm, so the problem asks me to {goal}.',
    'First, restating: we want to {goal}.',
    'So the task is to {goal}. {given}',
    'Right. {given} I have to {goal}.',
    'Let me set things up. {given}',
  ],
];

const CONCL: Pool = [
  [
    'So {Q} is {V}.',
    'Therefore, {Q} is {V}.',
    'That gives {E}.',
    'So the answer is {V}.',
    'Hence {E}.',
    'So {E}.',
    'Therefore {E}.',
    'So we get {Q} = {V}.',
  ],
  [
    'Thus {Q} comes out to {V}.',
    'This means {E}.',
    'Putting it together, {Q} is {V}.',
    'We end up with {V} for {Q}.',
    'Consequently {E}.',
    'Which leaves {E}.',
    'Final value: {V}.',
    'And so {Q} equals {V}.',
  ],
];

const ECHO_INTRO: Pool = [
  [
    'Let me verify this another way.',
    'Let me double-check.',
    'Wait, let me verify that.',
    'Let me make sure.',
    'Let me check this result.',
  ],
  [
    'To be safe, I will confirm it differently.',
    'Quick independent check.',
    'Hmm, let me confirm before committing.',
    'Actually, let me test this.',
    'Before finalizing, one more check.',
  ],
];

const ECHO_CONCL: Pool = [
  ['So yes, {E}.', 'That matches: {Q} is indeed {V}.', 'So {Q} is {V}, confirmed.', 'Good, so the answer is {V}.'],
  ['Confirmed: {Q} is {V}.', 'Consistent, so {E}.', 'Same result again, {V}.', 'It holds up: {E}.'],
];

const REALISE: Pool = [
  [
    "Wait, that's not right.",
    'Hmm, wait. I think I made a mistake.',
    'Wait, let me recheck that step.',
    'Hmm, hold on. Something seems off.',
  ],
  [
    'Hold on, something is off here.',
    'Actually, no. Let me look at that again.',
    'Hmm, that does not look right to me.',
    'Wait a second, I should revisit this.',
  ],
];

const CORR_CONCL: Pool = [
  ['So {Q} is actually {V}.', 'So the correct answer is {V}.', 'Therefore {E}.', 'That gives {E} instead.'],
  ['Corrected: {Q} is {V}.', 'So in fact {E}.', 'The right value is {V}.', 'Which makes {Q} equal to {V}.'],
];

const DOUBT: Pool = [
  ['Hmm, actually, let me redo this from scratch to be sure.', 'Wait, let me recompute everything once more.'],
  ['Actually, I am not fully convinced. Starting over:', 'Hmm, let me rework it completely, just in case.'],
];

const REVISE: Pool = [
  ['So actually {Q} is {V}.', "Hmm, so it's {V}, not what I had before."],
  ['Revised: {E}.', 'So the corrected value is {V}, I think.'],
];

const BARE: Pool = [
  ['Yes, that seems right.', 'That makes sense.', 'Okay.'],
  ['Looks consistent.', 'Seems reasonable.', 'Good.'],
];

const NOWORK: Pool = [
  ['Wait, is that right? Yes. So {Q} is {V}.', 'Could I have mixed up a sign? No. So {V}.'],
  ['Hmm, did I make a mistake? No, I do not think so. So {V}.', 'Any issue with that? No. It stays {V}.'],
];

const RECALL: Pool = [['We already simplified everything, so {V} stands.'], ['Everything above has been accounted for, so {V} it is.']];

const ALTSAY: Pool = [
  ['That is {A}.', 'Equivalently, {A}.'],
  ['In other words, {A}.', 'Same thing as {A}.'],
];

const APPROX: Pool = [
  ['Numerically that is about {A}.', 'As a decimal, roughly {A}.'],
  ['(About {A} in decimal form.)', 'That comes to approximately {A}.'],
];

const CHECK_END: Pool = [
  ['Everything checks out.', 'Good, consistent.'],
  ['All consistent.', 'The check passes.'],
];

const FINALBOX: Pool = [
  ['**Final Answer**\n\n{B}', 'The final answer is {B}.', '**Final Answer:** {B}'],
  ['Answer: {B}', 'So the final result:\n\n{B}', '**Answer.** {B}'],
];

const DRAFT: Pool = [
  ["So I'll write: {Q} = {V}.", 'Final answer: {B}'],
  ['I will present {V} as the answer.', 'Writing it up: {B}'],
];

const FORMAT_TALK: Pool = [
  ['I should put the answer in a box.', 'Let me write this up neatly.'],
  ['The answer should go in a box at the end.', 'Now to present the solution cleanly.'],
];

const GIVEUP: Pool = [
  ["I'm not sure how to finish this; I may have set something up wrong.", "I don't see how to finish from here."],
  ['I am stuck at this point and cannot see the next step.', 'Not sure where to go from here, so I will stop.'],
];

const SUMMARY: Pool = [
  ['We {goal}. Working through the computation step by step:\n\n', 'To {goal}, we proceed as follows. {given}\n\n'],
  ['**Solution.** We need to {goal}.\n\n', 'Approach: {goal}, carefully. {given}\n\n'],
];

const SUMMARY_END: Pool = [
  ['Therefore the answer is {B}', 'Hence {B}'],
  ['The result is {B}', 'Final: {B}'],
];

// ---------------------------------------------------------------------------------------------
// Frame: writes the statements around the derivations and records the labels.

/** Write a template; {V} / {E} / {B} carry the value (a candidate when kind is set). */
function say(c: Ctx, b: Body, tpl: string, p: Prob, v: string, kind: string | null): void {
  const t = tpl.replace(/\{Q\}/g, p.q).replace(/\{A\}/g, v);
  const m = /\{([VEB])\}/.exec(t);
  if (!m) {
    b.t(t);
    return;
  }
  b.t(t.slice(0, m.index));
  const mark = m[1];
  let pre = '';
  let post = '';
  if (mark === 'E') pre = p.lhs ? `${p.lhs} = ` : '';
  if (mark === 'B') {
    if (c.n === 'tex') {
      pre = '\\boxed{';
      post = '}';
    } else {
      pre = '**';
      post = '**';
    }
  }
  b.t(c.open + pre);
  if (kind) b.c(v, kind);
  else b.t(v);
  b.t(post + c.close + t.slice(m.index + 3));
}

function conclTpl(c: Ctx, p: Prob, pool: Pool): string {
  let ts = c.p(pool[0], pool[1]);
  if (!p.lhs) ts = ts.filter((x) => !x.includes('{E}'));
  if (p.q.includes('$') || p.q.includes('\\(')) ts = ts.filter((x) => !x.includes('{Q}') || x.includes('{E}'));
  if (!ts.length) ts = c.p(pool[0], pool[1]).filter((x) => x.includes('{V}') && !x.includes('{Q}'));
  if (!ts.length) ts = ['So the answer is {V}.'];
  return c.r.pick(ts);
}

/** Restatements that merge into the candidate just stated (no new work). */
function mergeTail(c: Ctx, b: Body, p: Prob, v: string, isRight: boolean, think: boolean, allowBox: boolean): void {
  const r = c.r;
  if (r.chance(0.35)) b.t(c.pk(BARE[0], BARE[1]) + '\n');
  if (r.chance(0.15)) {
    say(c, b, c.pk(NOWORK[0], NOWORK[1]), p, v, null);
    b.t('\n');
  } else if (r.chance(0.08)) {
    say(c, b, c.pk(RECALL[0], RECALL[1]), p, v, null);
    b.t('\n');
  }
  if (isRight && p.alts.length && r.chance(0.35)) {
    const alt = r.pick(p.alts);
    say(c, b, (alt.approx ? c.pk(APPROX[0], APPROX[1]) : c.pk(ALTSAY[0], ALTSAY[1])).replace('{A}', '{V}'), p, alt.s, null);
    b.t('\n');
  }
  if (think) {
    if (r.chance(0.25)) b.t(c.pk(FORMAT_TALK[0], FORMAT_TALK[1]) + '\n');
    if (r.chance(0.3)) {
      say(c, b, c.pk(DRAFT[0], DRAFT[1]), p, v, null);
      b.t('\n');
    }
  } else if (allowBox && r.chance(0.55)) {
    b.t('\n');
    say(c, b, c.pk(FINALBOX[0], FINALBOX[1]), p, v, null);
    b.t('\n');
  }
}

function conclude(c: Ctx, b: Body, p: Prob, pool: Pool, v: string, kind: string): void {
  say(c, b, conclTpl(c, p, pool), p, v, kind);
  b.t('\n');
}

type Scenario = 'right' | 'rightCheckOnly' | 'echo' | 'corrected' | 'correctedEcho' | 'wrong' | 'rightThenWrong' | 'altFirst' | 'boxFirst';

function pickScenario(r: Rng): Scenario {
  const x = r.next();
  if (x < 0.22) return 'right';
  if (x < 0.3) return 'rightCheckOnly';
  if (x < 0.45) return 'echo';
  if (x < 0.6) return 'corrected';
  if (x < 0.66) return 'correctedEcho';
  if (x < 0.76) return 'wrong';
  if (x < 0.82) return 'rightThenWrong';
  if (x < 0.9) return 'altFirst';
  return 'boxFirst';
}

function buildOne(seed: number, split: Split, i: number): PhrasingRecord {
  const r = new Rng((seed * 1000003 + i * 7919 + (split === 'dev' ? 17 : 71)) >>> 0);
  const nx = r.next();
  const nota: Nota = nx < 0.76 ? 'tex' : nx < 0.9 ? 'uni' : 'plain';
  const c = new Ctx(r, split, nota);
  const T = new Ctx(new Rng(1), split, 'tex');
  const p = r.pick(PROBLEMS)(r, c, T);
  let sc = pickScenario(r);
  if (sc === 'altFirst' && !p.altFirst) sc = 'echo';
  const special = r.next(); // truncated / answerless
  const think = r.chance(0.3) && special <= 0.975;
  const b = new Body();
  const [tOpen, tClose] = c.p(
    ['<think>\n', '\n</think>\n\n'],
    ['<|begin_of_thought|>\n\n', '\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n'],
  );
  if (think) b.t(tOpen);
  b.t(c.pk(OPEN[0], OPEN[1]).replace('{goal}', p.goal).replace('{given}', p.given) + '\n\n');

  if (special > 0.975) {
    // Answerless: the derivation stops and no value is ever stated.
    if (r.chance(0.5)) p.setup(b);
    else p.wrongSetup(b);
    b.t('\n' + c.pk(GIVEUP[0], GIVEUP[1]) + '\n');
    return finish(seed, split, i, p, b, '', null, false, c);
  }

  let lastV = '';
  switch (sc) {
    case 'right':
    case 'rightCheckOnly':
    case 'echo':
    case 'boxFirst': {
      p.setup(b);
      if (sc === 'boxFirst' && !think) {
        b.t('\n');
        say(c, b, c.pk(FINALBOX[0], FINALBOX[1]), p, p.right, 'R');
        b.t('\n');
        lastV = p.right;
        break;
      }
      conclude(c, b, p, CONCL, p.right, 'R');
      lastV = p.right;
      if (sc === 'right') mergeTail(c, b, p, p.right, true, think, true);
      else if (sc === 'rightCheckOnly') {
        if (r.chance(0.4)) b.t(c.pk(BARE[0], BARE[1]) + '\n');
        b.t('\n' + c.pk(ECHO_INTRO[0], ECHO_INTRO[1]) + '\n');
        p.check(b);
        b.t(c.pk(CHECK_END[0], CHECK_END[1]) + '\n');
      } else {
        if (r.chance(0.3)) b.t(c.pk(BARE[0], BARE[1]) + '\n');
        b.t('\n' + c.pk(ECHO_INTRO[0], ECHO_INTRO[1]) + '\n');
        p.check(b);
        conclude(c, b, p, ECHO_CONCL, p.right, 'R');
        mergeTail(c, b, p, p.right, true, think, true);
      }
      break;
    }
    case 'altFirst': {
      p.setupAlt!(b);
      conclude(c, b, p, CONCL, p.altFirst!, 'R');
      // The rationalized form, no new derivation: a restatement that merges.
      b.t(c.p(`Rationalizing the denominator, that's ${c.m(p.right)}.\n`, `Cleaned up (rationalized): ${c.m(p.right)}.\n`));
      lastV = p.altFirst!;
      if (r.chance(0.4)) {
        b.t('\n' + c.pk(ECHO_INTRO[0], ECHO_INTRO[1]) + '\n');
        p.check(b);
        conclude(c, b, p, ECHO_CONCL, p.right, 'R');
        lastV = p.right;
      }
      if (!think && r.chance(0.5)) {
        b.t('\n');
        say(c, b, c.pk(FINALBOX[0], FINALBOX[1]), p, p.right, null);
        b.t('\n');
      }
      break;
    }
    case 'corrected':
    case 'correctedEcho': {
      p.wrongSetup(b);
      conclude(c, b, p, CONCL, p.wrong, 'W');
      if (r.chance(0.3)) b.t(c.pk(BARE[0], BARE[1]) + '\n');
      b.t('\n' + c.pk(REALISE[0], REALISE[1]) + ' ');
      p.fix(b);
      conclude(c, b, p, CORR_CONCL, p.right, 'R');
      lastV = p.right;
      if (sc === 'correctedEcho') {
        b.t('\n' + c.pk(ECHO_INTRO[0], ECHO_INTRO[1]) + '\n');
        p.check(b);
        conclude(c, b, p, ECHO_CONCL, p.right, 'R');
      }
      mergeTail(c, b, p, p.right, true, think, true);
      break;
    }
    case 'wrong': {
      p.wrongSetup(b);
      conclude(c, b, p, CONCL, p.wrong, 'W');
      lastV = p.wrong;
      mergeTail(c, b, p, p.wrong, false, think, true);
      break;
    }
    case 'rightThenWrong': {
      p.setup(b);
      conclude(c, b, p, CONCL, p.right, 'R');
      b.t('\n' + c.pk(DOUBT[0], DOUBT[1]) + '\n');
      p.wrongSetup(b);
      conclude(c, b, p, REVISE, p.wrong, 'W');
      lastV = p.wrong;
      mergeTail(c, b, p, p.wrong, false, think, true);
      break;
    }
  }
  let summary = '';
  if (think) {
    const finalV = sc === 'altFirst' && lastV === p.altFirst && r.chance(0.5) ? p.right : lastV;
    summary = tClose + c.pk(SUMMARY[0], SUMMARY[1]).replace('{goal}', p.goal).replace('{given}', p.given);
    const sb = new Body();
    say(c, sb, c.pk(SUMMARY_END[0], SUMMARY_END[1]), p, finalV, null);
    summary += sb.s + '\n' + c.p('', '\n<|end_of_solution|>\n');
    return finish(seed, split, i, p, b, summary, finalV, special > 0.94, c);
  }
  return finish(seed, split, i, p, b, '', lastV, special > 0.94, c);
}

function finish(
  seed: number,
  split: Split,
  i: number,
  p: Prob,
  b: Body,
  summary: string,
  final: string | null,
  truncate: boolean,
  c: Ctx,
): PhrasingRecord {
  const headers: Record<string, string> = { query: p.query, answer: p.answer, task: p.task };
  let body = b.s + summary;
  let cands = b.cands.slice();
  if (truncate && cands.length) {
    // Cut off mid-word: either before the first candidate or after some candidate.
    const before = c.r.chance(0.35);
    let cut: number;
    if (before) cut = Math.floor(cands[0].offset * (0.45 + 0.5 * c.r.next()));
    else
      cut = Math.floor(
        cands[0].offset + cands[0].value.length + 4 + (body.length - cands[0].offset - cands[0].value.length - 4) * 0.8 * c.r.next(),
      );
    for (const k of cands) if (cut > k.offset && cut < k.offset + k.value.length + 2) cut = k.offset + k.value.length + 3;
    cut = Math.min(cut, b.s.length - 2);
    while (cut > 1 && /\s/.test(body[cut - 1])) cut--;
    body = body.slice(0, cut);
    cands = cands.filter((k) => k.offset + k.value.length <= cut);
    headers.truncated = 'true';
    final = null;
  }
  return { id: `${family}-${split}-${seed}-${i}`, headers, body, candidates: cands, final };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(buildOne(seed, split, i));
  return out;
}
