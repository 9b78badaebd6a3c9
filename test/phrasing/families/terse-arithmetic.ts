// Phrasing family "terse-arithmetic": short, terse arithmetic responses with gold labels.
//
// Tasks: a*b multiplication (task "<digits a>x<digits b>"), remainders ("terse-mod") and small
// expressions such as p^2 - q^2 or a*b + a*c ("terse-expr"). Responses are partial products on
// lines ending in "= X" and conclusions in a few words.
//
// Labels follow docs/annotation-guide.md:
// - each attempt has exactly one candidate: the first place where the attempt states the value
//   of the asked quantity as its result (the end of the chain / sum line / remainder line);
// - partial products, sub-sums, estimates, tried quotients and numbers from the question are not
//   candidates;
// - a restatement right after a candidate ("Answer: 2866567") merges into that candidate;
// - a check that recomputes the asked quantity (re-adding, another split) is a new candidate,
//   even with the same value (an echo); a bare "Looks right." is not;
// - "Wait"/"Hmm"/"Actually" inside a derivation before that attempt's result is not a decision.
//
// Every phrasing pool is split in two disjoint halves: split 'dev' draws only from the first
// half of each pool, 'heldout' only from the second half. Bare equations ("347*8000 = 2776000")
// are notation, shared by both halves.

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>; // at least query, answer (ground truth); optionally task
  body: string; // the model response; no line may start with "==="
  candidates: { value: string; offset: number }[]; // gold candidate answers in order
  final: string | null; // the value the response ends on
}

export const family = 'terse-arithmetic';

type Split = 'dev' | 'heldout';
type Vars = Record<string, string | number>;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness, split pools, body builder.

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

function mixSeed(seed: number, salt: string): number {
  let h = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function half<T>(pool: readonly T[], split: Split): readonly T[] {
  const m = Math.ceil(pool.length / 2);
  const h = split === 'dev' ? pool.slice(0, m) : pool.slice(m);
  if (h.length === 0) throw new Error('phrasing pool has an empty half');
  return h;
}

class Gen {
  private readonly rnd: () => number;
  constructor(
    seed: number,
    readonly split: Split,
  ) {
    this.rnd = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  any<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  private used = new Set<unknown>();
  /** Starts a new response: phrasings may be reused again. */
  fresh(): void {
    this.used.clear();
  }
  /** A phrasing from this split's half of the pool, preferring one not yet used in this response. */
  t<T>(pool: readonly T[]): T {
    const h = half(pool, this.split);
    let v = this.any(h);
    for (let i = 0; i < 3 && this.used.has(v); i++) v = this.any(h);
    this.used.add(v);
    return v;
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, p) => s + p[1], 0);
    let x = this.rnd() * total;
    for (const [v, w] of pairs) {
      x -= w;
      if (x < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
}

class Body {
  text = '';
  candidates: { value: string; offset: number }[] = [];
  /** Appends a template: «name» inserts vars.name, «!name» inserts it as a candidate answer. */
  put(tpl: string, vars: Vars = {}): void {
    const re = /«(!?)(\w+)»/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tpl)) !== null) {
      this.text += tpl.slice(last, m.index);
      const v = vars[m[2]];
      if (v === undefined) throw new Error(`template slot ${m[2]} has no value: ${tpl}`);
      if (m[1] === '!') this.candidates.push({ value: String(v), offset: this.text.length });
      this.text += String(v);
      last = re.lastIndex;
    }
    this.text += tpl.slice(last);
  }
  /** Appends a separator; a sentence-ending period before "; " or ", " is dropped. */
  join(sep: string): void {
    if (sep.startsWith(';') || sep.startsWith(',')) {
      if (this.text.endsWith(':')) sep = ' ';
      else if (this.text.endsWith('.')) this.text = this.text.slice(0, -1);
    }
    this.text += sep;
  }
  nl(): void {
    if (this.text.length && !this.text.endsWith('\n')) this.text += '\n';
  }
  sep(): void {
    if (!this.text.length || this.text.endsWith('\n')) return;
    this.text += this.text.endsWith(' ') ? '' : ' ';
  }
}

// ---------------------------------------------------------------------------------------------
// Phrasing pools (first half: dev, second half: heldout).

const OPS = ['*', ' × ', '×', ' * ', ' x ', '·'] as const;

const MUL_QUERY = [
  'What is «a» * «b»?',
  'Compute «a» × «b».',
  'Calculate «a» times «b».',
  'What is the product of «a» and «b»?',
  '«a»*«b» = ?',
  'Multiply «a» by «b».',
  'Find «a» × «b».',
  'Evaluate «a»·«b».',
];
const MOD_QUERY = [
  'What is the remainder when «n» is divided by «m»?',
  'Compute «n» mod «m».',
  'Find «n» mod «m».',
  '«n» mod «m» = ?',
  'What is «n» modulo «m»?',
  'Remainder of «n» ÷ «m»?',
];
const SQ_QUERY = [
  'Compute «p»^2 - «q»^2.',
  'What is «p»² − «q»²?',
  'Find «p»^2 − «q»^2.',
  'Evaluate «p»^2 - «q»^2.',
  '«p»^2 - «q»^2 = ?',
  'Calculate «p»² - «q»².',
];
const DIST_QUERY = [
  'Compute «a»*«b» + «a»*«c».',
  'What is «a»×«b» + «a»×«c»?',
  'Find «a»·«b» + «a»·«c».',
  'Evaluate «a»*«b» + «a»*«c».',
  '«a»*«b» + «a»*«c» = ?',
  'Calculate «a» × «b» + «a» × «c».',
];

const INTRO = ['«q»:', 'Compute «q».', '«q» = ?', 'Need «q».', 'Calculating «q».', '«q»'];
const ESTIMATE = ['Estimate: «est».', 'Roughly «est».', 'Ballpark «est».', '~«est» expected.'];
const PLAN_PLACE = [
  'Split «x» = «H» + «R».',
  '«x» = «H» + «R».',
  'Break «x» into «H» + «R».',
  'Write «x» as «H» + «R».',
  'Use «x» = «H» + «R».',
  'Decompose «x»: «H» + «R».',
];
const PLAN_ROUND = ['«x» = «X» - «D».', 'Use «x» = «X» - «D».', 'Write «x» as «X» - «D».', 'Note «x» = «X» - «D».'];
const PLAN_DIGITS = ['By digits of «x»:', 'Digit by digit («x»):', 'Place values of «x»:', 'Long multiplication over «x»:'];
const PLAN_SWITCH = [
  // A reflection word before any answer: a change of plan, not a decision.
  'Split «x0»... actually, easier to split «x».',
  'Hmm, «x» is easier to split.',
  'Actually, splitting «x» is cleaner.',
  'Wait, better to split «x».',
];
const PLAN_FACTOR = ['Difference of squares.', 'Factor it.', 'Use the identity.', 'Factor first.'];
const PLAN_DIST = ['Factor out «a».', 'Pull out «a».', 'Common factor «a».', 'Take «a» out.'];

const CHAIN = [
  '«q» = «labels» = «vals» = «!T»',
  '«labels» = «vals» = «!T»',
  '«q» = «labels»\n= «vals»\n= «!T»',
  '«q» = «labels» = «vals»\n= «!T»',
  '«q»: «labels» = «vals» = «!T»',
  '«q»\n= «labels»\n= «vals»\n= «!T»',
];
const SUM = [
  '«vals» = «!T»',
  'Sum: «vals» = «!T»',
  'Total: «!T»',
  '«q» = «vals» = «!T»',
  'Add: «vals» = «!T»',
  'Adding: «vals» = «!T»',
  'Total «vals» = «!T»',
  'Sum = «!T»',
  '«q» = «!T»',
  'So «vals» = «!T»',
];
const CHAIN_SHORT = ['«q» = «vals» = «!T»', '«q» = «vals»\n= «!T»', '«q»: «vals» = «!T»', '«q»\n= «vals» = «!T»'];
const DIFF = [
  '«vals» = «!T»',
  'Subtract: «vals» = «!T»',
  '«q» = «vals» = «!T»',
  'Difference: «!T»',
  'So «vals» = «!T»',
  '«q» = «!T»',
  'Minus: «vals» = «!T»',
  'Net: «!T»',
];
const RUN_STEP = ['«p» + «t» = «s»', '+ «t» = «s»', '«p» + «t» → «s»', 'then + «t» = «s»'];
const RUN_JOIN = ['\n', '\n', ', ', '; '];

const MIDFIX_PLAIN = [
  '«label» = «bad». Wait, «label» = «good», not «bad».',
  '«label» = «bad» — wait, no, «good».',
  '«label» = «bad»... hmm, recompute: «good».',
  '«label» = «bad», actually «good».',
  'Hmm, «label» = «bad»? No: «good».',
  '«label» = «bad» (wait, «good»)',
];
const MIDFIX_DIGIT = [
  '«label» = «bad». Wait, «d1»*«d2» is «pp», not «ppbad». So «good».',
  '«label» = «bad»... hmm, «d1»·«d2» = «pp», not «ppbad» → «good».',
  '«label» = «bad»\nWait: «d1»*«d2» = «pp», not «ppbad». «label» = «good»',
  '«label» = «bad» — actually «d1»×«d2» = «pp», so «good».',
];

const RECHECK = [
  'Let me double-check.',
  'Check:',
  'Wait, let me recompute.',
  'Hmm, let me verify.',
  'Double-check:',
  'Let me check that.',
  'Wait, verify.',
  'Verify:',
  'Let me re-verify.',
  'Hold on, recheck.',
  'Quick check:',
  'Recheck:',
  'Let me make sure.',
  'Hmm, recheck.',
];
const ALT = [
  'Alternatively, split «x»:',
  'Another way, via «x»:',
  'Alternatively:',
  'Let me verify another way.',
  'Cross-check, splitting «x»:',
  'Other way:',
  'Different split («x»):',
  'Let me redo it differently.',
];
const ALT_EXPR = [
  'Alternatively:',
  'Another way:',
  'Let me verify another way.',
  'Cross-check:',
  'Other route:',
  'Let me redo it differently.',
];
const FIX = [
  'Wait, «label» is off.',
  'Hmm, I made a mistake: «label» ≠ «bad».',
  'Wait, recheck «label».',
  'Actually, «label» looks wrong.',
  'Hmm, «label» = «bad»? Recompute.',
  'Hold on, «label» again:',
  'Hmm, «label» seems off.',
  'I think I slipped on «label».',
  'Let me recompute «label».',
  'Actually, redo «label».',
];
const FIX_SUM = ['Wait, the addition is off.', 'Hmm, I added wrong.', 'Hold on, redo the sum.', 'Actually, re-add.'];
const FIX_LINE = ['«label» = «val»', '«label» = «val», not «bad»', 'Correct: «label» = «val»', '«label» = «val» (not «bad»)'];
const FIX_SUMLINE = ['So «vals» = «!T»', '«vals» = «!T»', 'Then «vals» = «!T»', 'New total: «vals» = «!T»'];
const READD = ['Re-add: ', 'Sum again: ', 'Adding again: ', 'Recheck sum: '];
const MISMATCH = ["Doesn't match.", 'Different from before.', 'Mismatch.', 'That disagrees.', 'Not the same as before.', 'Inconsistent.'];
const MATCH = ['Matches.', 'Same.', 'Consistent. ✓', 'Agrees.', 'Same result.', 'Confirmed. ✓'];
const RESTATE = [
  'So «q» = «T».',
  'Answer: «T»',
  'So «T».',
  '«q» = «T»',
  'Answer: «q» = «T».',
  'Therefore «T».',
  'Result: «T»',
  'Final: «T»',
  '→ «T»',
  'Final answer: «T»',
  'Thus «q» = «T».',
  'Hence «T».',
];
const CONFIRM = [
  'Looks right.',
  'OK.',
  'Seems right.',
  'That checks out.',
  'Good.',
  'Fine.',
  'Checks out.',
  'Plausible.',
  'Makes sense.',
  'Done.',
];
const SANITY_MUL = ['Last digit: «u1»*«u2» → «ud» ✓', 'Magnitude ~«est» ✓', 'Units digit «ud» ok.', 'Order of magnitude fine («est»).'];

// remainder phrasings
const MOD_DIVEST = ['«n»/«m» ≈ «qd»', '«n» ÷ «m» ≈ «qd»', 'q ≈ «qd»', 'Quotient about «qd».'];
const MOD_TRY = [
  '«m»«op»«qt» = «mqt» > «rest», too big.',
  'Try «qt»: «m»«op»«qt» = «mqt», too much.',
  'Wait, «m»«op»«qt» = «mqt» > «rest», so «q2».',
  '«m»«op»«qt» = «mqt», exceeds «rest».',
  'Does «qt» work? «mqt» > «rest», no.',
  'Hmm, «qt» gives «mqt», too big; use «q2».',
];
const MOD_RES = [
  '«rest» - «mq» = «!r»',
  'Remainder: «rest» - «mq» = «!r»',
  'r = «rest» - «mq» = «!r»',
  '«rest» - «mq» = «!r», remainder',
  'Left: «rest» - «mq» = «!r»',
  'rem = «rest» - «mq» = «!r»',
];
const MOD_MIDFIX = [
  '«m»«op»«q2» = «bad». Wait, «m»«op»«q2» = «good».',
  '«m»«op»«q2» = «bad», hmm, no: «good».',
  '«m»«op»«q2» = «bad» — wait, «good».',
  '«m»«op»«q2» = «bad»... actually «good».',
];

// ---------------------------------------------------------------------------------------------
// Arithmetic helpers.

const digits = (n: number): number => String(Math.abs(n)).length;
function trailingZeros(n: number): number {
  let z = 0;
  while (n !== 0 && n % 10 === 0) {
    n /= 10;
    z++;
  }
  return z;
}
function nonzeroDigits(n: number): number {
  return String(n)
    .split('')
    .filter((c) => c !== '0').length;
}
function splitPlace(n: number): [number, number] | null {
  const p = 10 ** (digits(n) - 1);
  const h = Math.floor(n / p) * p;
  const r = n - h;
  return h > 0 && r > 0 ? [h, r] : null;
}
/** A digit slip: +-(1..3)*10^k at a position that is not a trailing zero of val. */
function digitDelta(g: Gen, val: number): number {
  const tz = trailingZeros(val);
  const len = digits(val);
  const k = g.int(tz, Math.max(tz, len - 2));
  const m = g.any([1, 1, 1, 2, 3]);
  let d = (g.chance(0.5) ? 1 : -1) * m * 10 ** k;
  if (val + d <= 0) d = -d;
  return d;
}
function sig2(n: number): number {
  const p = 10 ** Math.max(0, digits(n) - 2);
  return Math.round(n / p) * p;
}

// ---------------------------------------------------------------------------------------------
// Derivations as sums of terms (a term may itself be a two-part split).

interface Term {
  label: string;
  val: number; // true value
  shown: number; // value as written (differs when slipped)
  sign: 1 | -1;
  sub?: Term[];
  /** for digit-level slips: the single-digit products involved */
  digit?: { d1: number; d2: number; k: number };
}

interface Deriv {
  kind: 'mul' | 'sq' | 'dist';
  method: string; // 'place-b' | 'place-a' | 'digits-b' | 'round-b' | ... | 'direct' | 'factor'
  head: string; // expression the chain starts from
  terms: Term[];
  sumDelta: number; // slip in the final addition
  slipTerm: number | null; // index of the top-level term holding a slip
  split?: number; // the factor that was split
}

const termTotal = (ts: Term[]): number => ts.reduce((s, t) => s + t.sign * t.shown, 0);
const derivTotal = (d: Deriv): number => termTotal(d.terms) + d.sumDelta;

function leaf(label: string, val: number, sign: 1 | -1 = 1): Term {
  return { label, val, shown: val, sign };
}

function refresh(t: Term): void {
  if (t.sub) t.shown = termTotal(t.sub);
}

/** Product y*x, x split by place value into two parts (nested one level when asked). */
function productTerm(y: number, x: number, op: string, yLeft: boolean, sign: 1 | -1, nest: boolean): Term {
  const lab = (v: number): string => (yLeft ? `${y}${op}${v}` : `${v}${op}${y}`);
  const t = leaf(lab(x), y * x, sign);
  const sp = splitPlace(x);
  if (nest && sp && nonzeroDigits(x) >= 2 && y * x >= 100) {
    t.sub = [leaf(lab(sp[0]), y * sp[0]), leaf(lab(sp[1]), y * sp[1])];
    refresh(t);
  } else if (nonzeroDigits(x) === 1 && y % 10 !== 0) {
    const k = trailingZeros(x);
    t.digit = { d1: y % 10, d2: x / 10 ** k, k };
  }
  return t;
}

function slipTerm(g: Gen, d: Deriv, avoid: number[]): boolean {
  // try a few times to get a total different from every value in avoid
  for (let tries = 0; tries < 12; tries++) {
    const i = g.int(0, d.terms.length - 1);
    const t = d.terms[i];
    const target = t.sub ? t.sub[g.int(0, t.sub.length - 1)] : t;
    const old = target.shown;
    target.shown = target.val + digitDelta(g, target.val);
    refresh(t);
    const tot = derivTotal(d);
    if (tot > 0 && !avoid.includes(tot)) {
      d.slipTerm = i;
      return true;
    }
    target.shown = old;
    refresh(t);
  }
  return slipSum(g, d, avoid);
}

function slipSum(g: Gen, d: Deriv, avoid: number[]): boolean {
  const base = termTotal(d.terms);
  for (let tries = 0; tries < 12; tries++) {
    const k = g.int(1, Math.max(1, digits(base) - 2));
    const delta = (g.chance(0.5) ? 1 : -1) * 10 ** k;
    if (base + delta > 0 && !avoid.includes(base + delta)) {
      d.sumDelta = delta;
      return true;
    }
  }
  return false;
}

function _clearSlips(d: Deriv): void {
  for (const t of d.terms) {
    t.shown = t.val;
    if (t.sub) for (const s of t.sub) s.shown = s.val;
  }
  d.sumDelta = 0;
  d.slipTerm = null;
}

function valsStr(ts: Term[]): string {
  return ts.map((t, i) => (i === 0 ? (t.sign < 0 ? `-${t.shown}` : `${t.shown}`) : `${t.sign < 0 ? '-' : '+'} ${t.shown}`)).join(' ');
}
function labelsStr(ts: Term[]): string {
  return ts.map((t, i) => (i === 0 ? t.label : `${t.sign < 0 ? '-' : '+'} ${t.label}`)).join(' ');
}
function termLine(t: Term): string {
  if (t.sub) return `${t.label} = ${labelsStr(t.sub)} = ${valsStr(t.sub)} = ${t.shown}`;
  return `${t.label} = ${t.shown}`;
}

// ---------------------------------------------------------------------------------------------
// Problems.

interface Target {
  correct: boolean;
  same: boolean; // same value as the previous attempt
  avoid: number[]; // for a new wrong value: values it must differ from
}

interface Problem {
  query: string;
  answer: number;
  task: string;
  q: string; // the asked expression as written in the body
  first(b: Body, tg: Target): State;
  fix(b: Body, prev: State, tg: Target): State | null;
  recheck(b: Body, prev: State, tg: Target): State | null;
  alt(b: Body, prev: State, tg: Target): State | null;
  sanity(): string | null;
}

interface State {
  value: number;
  deriv?: Deriv;
  mod?: ModDeriv;
}

// ---- derivations that are sums of terms (multiplication and expressions) --------------------

class TermProblem implements Problem {
  query = '';
  answer = 0;
  task = '';
  q = '';
  op: string;
  joiner: string;
  constructor(
    readonly g: Gen,
    readonly kind: 'mul' | 'sq' | 'dist',
    readonly nums: number[],
  ) {
    this.op = g.t(OPS);
    this.joiner = g.any(['\n', '\n', '\n', '; ']);
    const [a, b, c] = nums;
    if (kind === 'mul') {
      this.answer = a * b;
      this.task = `${digits(a)}x${digits(b)}`;
      this.query = fill(g.t(MUL_QUERY), { a, b });
      this.q = `${a}${this.op}${b}`;
    } else if (kind === 'sq') {
      this.answer = a * a - b * b;
      this.task = 'terse-expr';
      this.query = fill(g.t(SQ_QUERY), { p: a, q: b });
      this.q = `${a}^2 - ${b}^2`;
    } else {
      this.answer = a * b + a * c;
      this.task = 'terse-expr';
      this.query = fill(g.t(DIST_QUERY), { a, b, c });
      this.q = `${a}${this.op}${b} + ${a}${this.op}${c}`;
    }
  }

  methods(): string[] {
    const [a, b] = this.nums;
    if (this.kind !== 'mul') return ['direct', 'factor'];
    const ms: string[] = [];
    if (splitPlace(b)) ms.push('place-b');
    if (splitPlace(a)) ms.push('place-a');
    if (nonzeroDigits(b) >= 3 && nonzeroDigits(b) <= 4) ms.push('digits-b'); // with two nonzero digits it is the place split
    if (roundSplit(b)) ms.push('round-b');
    if (roundSplit(a)) ms.push('round-a');
    if (ms.length === 0) ms.push('digits-b');
    return ms;
  }

  build(method: string): Deriv {
    const g = this.g;
    const op = this.op;
    const [a, b, c] = this.nums;
    const d: Deriv = { kind: this.kind, method, head: this.q, terms: [], sumDelta: 0, slipTerm: null };
    if (this.kind === 'mul') {
      const splitB = method.endsWith('-b');
      const x = splitB ? b : a;
      const y = splitB ? a : b;
      d.split = x;
      if (method.startsWith('place')) {
        const [h, r] = splitPlace(x) as [number, number];
        d.terms = [productTerm(y, h, op, splitB, 1, false), productTerm(y, r, op, splitB, 1, g.chance(0.5))];
      } else if (method.startsWith('digits')) {
        const ds = String(x).split('').map(Number);
        ds.forEach((dg, i) => {
          if (dg === 0) return;
          const v = dg * 10 ** (ds.length - 1 - i);
          d.terms.push(productTerm(y, v, op, splitB, 1, false));
        });
      } else {
        const [X, D] = roundSplit(x) as [number, number];
        d.terms = [productTerm(y, X, op, splitB, 1, false), productTerm(y, D, op, splitB, -1, false)];
      }
    } else if (this.kind === 'sq') {
      if (method === 'direct') {
        d.terms = [leaf(`${a}^2`, a * a), leaf(`${b}^2`, b * b, -1)];
      } else {
        d.head = `(${a} - ${b})(${a} + ${b}) = ${a - b}${op}${a + b}`;
        d.terms = [productTerm(a - b, a + b, op, true, 1, g.chance(0.5))];
      }
    } else {
      if (method === 'direct') {
        d.terms = [productTerm(a, b, op, true, 1, g.chance(0.3)), productTerm(a, c, op, true, 1, g.chance(0.3))];
      } else {
        d.head = `${a}${op}(${b} + ${c}) = ${a}${op}${b + c}`;
        d.terms = [productTerm(a, b + c, op, true, 1, g.chance(0.6))];
      }
    }
    return d;
  }

  /** Writes the derivation; the asked value is a candidate where it is first stated. */
  render(b: Body, d: Deriv, opts: { plan: boolean; midfix: boolean; planSwitch: boolean }): void {
    const g = this.g;
    const tot = derivTotal(d);
    const J = this.joiner;
    // single product (factored forms)
    if (d.terms.length === 1) {
      const t = d.terms[0];
      if (opts.plan) {
        b.put(g.t(this.kind === 'sq' ? PLAN_FACTOR : PLAN_DIST), { a: this.nums[0] });
        b.join(J);
      }
      if (t.sub) b.put(`«h» = «l» = «v» = «!T»`, { h: d.head, l: labelsStr(t.sub), v: valsStr(t.sub), T: tot });
      else b.put(`«h» = «!T»`, { h: d.head, T: tot });
      return;
    }
    if (opts.planSwitch && d.split !== undefined) {
      const [a, bb] = this.nums;
      b.put(g.t(PLAN_SWITCH), { x: d.split, x0: d.split === bb ? a : bb });
      b.join(J);
    }
    if (opts.plan && d.split !== undefined) {
      if (d.method.startsWith('place')) {
        const [h, r] = splitPlace(d.split) as [number, number];
        b.put(g.t(PLAN_PLACE), { x: d.split, H: h, R: r });
      } else if (d.method.startsWith('round')) {
        const [X, D] = roundSplit(d.split) as [number, number];
        b.put(g.t(PLAN_ROUND), { x: d.split, X, D });
      } else b.put(g.t(PLAN_DIGITS), { x: d.split });
      b.join(J);
    }
    const allLeaves = d.terms.every((t) => !t.sub);
    if (allLeaves && !opts.midfix && d.terms.length <= 3 && g.chance(0.45)) {
      const labels = labelsStr(d.terms);
      b.put(g.t(labels === d.head ? CHAIN_SHORT : CHAIN), { q: d.head, labels, vals: valsStr(d.terms), T: tot });
      return;
    }
    // one line per term, maybe with a mid-derivation fix on one leaf
    let fixAt = -1;
    if (opts.midfix) {
      const ok = d.terms.map((t, i) => (!t.sub && i !== d.slipTerm && t.val >= 10 ? i : -1)).filter((i) => i >= 0);
      if (ok.length) fixAt = g.any(ok);
    }
    d.terms.forEach((t, i) => {
      if (i > 0) b.join(J);
      if (i === fixAt) this.midfix(b, t);
      else b.put(termLine(t));
    });
    b.join(J);
    if (d.terms.length >= 3 && d.sumDelta === 0 && g.chance(0.4)) {
      // running sums
      const join = g.t(RUN_JOIN);
      let acc = d.terms[0].sign * d.terms[0].shown;
      for (let i = 1; i < d.terms.length; i++) {
        const t = d.terms[i];
        const s = acc + t.sign * t.shown;
        let tpl = g.t(RUN_STEP);
        if (t.sign < 0) tpl = tpl.replace('+', '-');
        if (i === d.terms.length - 1) tpl = tpl.replace('«s»', '«!s»');
        b.put(tpl, { p: acc, t: t.shown, s });
        if (i < d.terms.length - 1) b.join(join);
        acc = s;
      }
      return;
    }
    b.put(g.t(d.terms.some((t) => t.sign < 0) ? DIFF : SUM), { q: d.head, vals: valsStr(d.terms), T: tot });
  }

  midfix(b: Body, t: Term): void {
    const g = this.g;
    if (t.digit && g.chance(0.6)) {
      const { d1, d2, k } = t.digit;
      const pp = d1 * d2;
      const ppbad = pp >= 2 && g.chance(0.5) ? pp - 2 : pp + 2;
      const bad = t.val + (ppbad - pp) * 10 ** k;
      b.put(g.t(MIDFIX_DIGIT), { label: t.label, bad, good: t.val, d1, d2, pp, ppbad });
    } else {
      const bad = t.val + digitDelta(g, t.val);
      b.put(g.t(MIDFIX_PLAIN), { label: t.label, bad, good: t.val });
    }
  }

  first(b: Body, tg: Target): State {
    const g = this.g;
    const ms = this.methods();
    const method =
      this.kind === 'mul'
        ? g.any(ms)
        : g.weighted([
            ['direct', 3],
            ['factor', 1],
          ] as const);
    const d = this.build(method);
    if (!tg.correct) slipTerm(g, d, [this.answer]);
    if (g.chance(0.35)) {
      b.put(g.t(INTRO), { q: this.q });
      b.put('\n');
    }
    if (this.kind === 'mul' && g.chance(0.2)) {
      const est = this.estimate();
      if (est) {
        b.put(g.t(ESTIMATE), { est });
        b.put('\n');
      }
    }
    this.render(b, d, { plan: g.chance(0.4), midfix: g.chance(0.25), planSwitch: this.kind === 'mul' && g.chance(0.12) });
    return { value: derivTotal(d), deriv: d };
  }

  estimate(): string | null {
    const [a, b] = this.nums;
    const ea = sig2(a);
    const eb = sig2(b);
    if (ea * eb === this.answer) return null;
    return `${ea}${this.op}${eb} ≈ ${ea * eb}`;
  }

  fix(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const pd = prev.deriv as Deriv;
    const d: Deriv = structuredClone(pd);
    const J = this.joiner;
    if (d.slipTerm !== null) {
      const i = d.slipTerm;
      const t = d.terms[i];
      const bad = t.shown;
      b.put(g.t(FIX), { label: t.label, bad });
      b.join(J);
      // recompute the term, now correctly or with a new slip
      t.shown = t.val;
      if (t.sub) for (const s of t.sub) s.shown = s.val;
      d.slipTerm = null;
      if (!tg.correct) {
        const tgt = t.sub ? t.sub[g.int(0, t.sub.length - 1)] : t;
        for (let k = 0; k < 12; k++) {
          tgt.shown = tgt.val + digitDelta(g, tgt.val);
          refresh(t);
          const tot = derivTotal(d);
          if (t.shown !== bad && !tg.avoid.includes(tot) && tot > 0) break;
        }
        d.slipTerm = i;
      }
      if (d.terms.length === 1) {
        // the recomputed product is the asked quantity itself: its result is the candidate
        if (t.sub) b.put('«l» = «sl» = «sv» = «!T»', { l: t.label, sl: labelsStr(t.sub), sv: valsStr(t.sub), T: derivTotal(d) });
        else b.put(g.t(FIX_LINE).replace('«val»', '«!val»'), { label: t.label, val: t.shown, bad });
        return { value: derivTotal(d), deriv: d };
      }
      if (t.sub) b.put(termLine(t));
      else b.put(g.t(FIX_LINE), { label: t.label, val: t.shown, bad });
      b.join(J);
      b.put(g.t(FIX_SUMLINE), { vals: valsStr(d.terms), T: derivTotal(d) });
      return { value: derivTotal(d), deriv: d };
    }
    if (d.sumDelta !== 0 && d.terms.length > 1) {
      b.put(g.t(FIX_SUM));
      b.join(J);
      d.sumDelta = 0;
      if (!tg.correct && !slipSum(g, d, tg.avoid)) return null;
      b.put(g.t(FIX_SUMLINE), { vals: valsStr(d.terms), T: derivTotal(d) });
      return { value: derivTotal(d), deriv: d };
    }
    return null;
  }

  recheck(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const d: Deriv = structuredClone(prev.deriv as Deriv);
    if (tg.same) {
      // same value again through new work: re-add, or redo the same split
      b.put(g.t(RECHECK));
      b.put(this.joiner === '; ' ? ' ' : '\n');
      if (d.terms.length > 1 && g.chance(0.55)) {
        b.put(g.t(READD));
        b.put('«v» = «!T»', { v: valsStr(d.terms), T: derivTotal(d) });
      } else {
        this.render(b, d, { plan: false, midfix: false, planSwitch: false });
      }
      return { value: derivTotal(d), deriv: d };
    }
    if (!tg.correct && d.terms.length > 1) {
      // a correct result re-added wrongly
      d.sumDelta = 0;
      if (!slipSum(g, d, tg.avoid)) return null;
      b.put(g.t(RECHECK));
      b.put('\n');
      b.put(g.t(READD));
      b.put('«v» = «!T»', { v: valsStr(d.terms), T: derivTotal(d) });
      return { value: derivTotal(d), deriv: d };
    }
    if (tg.correct && d.slipTerm === null && d.sumDelta !== 0) {
      // wrong only by the addition: the re-add finds the right total
      d.sumDelta = 0;
      b.put(g.t(RECHECK));
      b.put('\n');
      b.put(g.t(READD));
      b.put('«v» = «!T»', { v: valsStr(d.terms), T: derivTotal(d) });
      return { value: derivTotal(d), deriv: d };
    }
    return null;
  }

  alt(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const pd = prev.deriv as Deriv;
    const others = this.methods().filter((m) => m !== pd.method);
    if (others.length === 0) return null;
    const d = this.build(g.any(others));
    if (!tg.correct && !slipTerm(g, d, tg.avoid)) return null;
    b.put(g.t(this.kind === 'mul' ? ALT : ALT_EXPR), { x: d.split ?? '' });
    b.put(this.joiner === '; ' ? ' ' : '\n');
    this.render(b, d, { plan: false, midfix: g.chance(0.1), planSwitch: false });
    return { value: derivTotal(d), deriv: d };
  }

  sanity(): string | null {
    if (this.kind !== 'mul') return null;
    const [a, b] = this.nums;
    const est = this.estimate();
    const u1 = a % 10;
    const u2 = b % 10;
    const tpl = this.g.t(SANITY_MUL);
    if (tpl.includes('«est»') && !est) return null;
    return fill(tpl, { u1, u2, ud: (u1 * u2) % 10, est: est ?? '' });
  }
}

function roundSplit(x: number): [number, number] | null {
  for (const k of [digits(x) - 1, digits(x) - 2]) {
    if (k < 1) continue;
    const p = 10 ** k;
    const X = Math.ceil(x / p) * p;
    const D = X - x;
    if (D > 0 && D * 12 < p && nonzeroDigits(D) <= 2) return [X, D];
  }
  return null;
}

function fill(tpl: string, vars: Vars): string {
  return tpl.replace(/«!?(\w+)»/g, (_, k: string) => {
    const v = vars[k];
    if (v === undefined) throw new Error(`template slot ${k} has no value: ${tpl}`);
    return String(v);
  });
}

// ---- remainders ------------------------------------------------------------------------------

interface ModDeriv {
  method: 'chunk' | 'direct';
  Q1: number; // chunk: first quotient part; direct: the full quotient
  mQ1: number; // shown m*Q1
  rest: number; // shown n - m*Q1 (chunk) / n (direct)
  q2: number; // chunk: second quotient part
  mq: number; // shown product subtracted last
  r: number; // shown result
  slip: 'none' | 'mq' | 'rest' | 'sub';
}

class ModProblem implements Problem {
  query: string;
  answer: number;
  task = 'terse-mod';
  q: string;
  op: string;
  constructor(
    readonly g: Gen,
    readonly n: number,
    readonly m: number,
  ) {
    this.answer = n % m;
    this.op = g.t(OPS);
    this.query = fill(g.t(MOD_QUERY), { n, m });
    this.q = `${n} mod ${m}`;
  }

  build(method: 'chunk' | 'direct', tg: Target): ModDeriv {
    const { n, m, g } = this;
    const q = Math.floor(n / m);
    let d: ModDeriv;
    if (method === 'chunk') {
      const p = 10 ** (digits(q) - 1);
      const Q1 = Math.floor(q / p) * p;
      const rest = n - m * Q1;
      const q2 = Math.floor(rest / m);
      d = { method, Q1, mQ1: m * Q1, rest, q2, mq: m * q2, r: rest - m * q2, slip: 'none' };
    } else {
      d = { method, Q1: q, mQ1: m * q, rest: n, q2: 0, mq: m * q, r: n - m * q, slip: 'none' };
    }
    if (!tg.correct) {
      const bads = [1, 2, 3, 10, -1, -2, -3, -10]
        .map((delta) => d.r - delta)
        .filter((rb) => rb >= 0 && rb < m && rb !== this.answer && !tg.avoid.includes(rb));
      if (bads.length) {
        const rb = g.any(bads);
        const viaSub = g.chance(0.3);
        if (!viaSub) {
          d.mq += d.r - rb;
          if (method === 'direct') d.mQ1 = d.mq;
          d.slip = 'mq';
        } else d.slip = 'sub';
        d.r = rb;
      }
    }
    return d;
  }

  render(b: Body, d: ModDeriv, midfix: boolean): void {
    const { g, n, m, op } = this;
    const J = '\n';
    if (d.method === 'chunk') {
      if (g.chance(0.3)) {
        b.put(g.t(MOD_DIVEST), { n, m, qd: (n / m).toFixed(1) });
        b.join(J);
      }
      b.put(`${m}${op}${d.Q1} = ${d.mQ1}${J}${n} - ${d.mQ1} = ${d.rest}${J}`);
      if (g.chance(0.55)) {
        const qt = d.q2 + 1;
        b.put(g.t(MOD_TRY), { m, op, qt, mqt: m * qt, rest: d.rest, q2: d.q2 });
        b.join(J);
      }
      const good = m * d.q2;
      if (midfix && d.slip !== 'mq' && good >= 10) {
        b.put(g.t(MOD_MIDFIX), { m, op, q2: d.q2, bad: good + digitDelta(g, good), good });
      } else b.put(`${m}${op}${d.q2} = ${d.mq}`);
      b.join(J);
      b.put(g.t(MOD_RES), { rest: d.rest, mq: d.mq, r: d.r });
    } else {
      if (g.chance(0.5)) {
        b.put(g.t(MOD_DIVEST), { n, m, qd: (n / m).toFixed(1) });
        b.join(J);
      }
      const sp = splitPlace(d.Q1);
      if (sp && g.chance(0.6) && d.slip !== 'mq') {
        b.put(`${m}${op}${d.Q1} = ${m}${op}${sp[0]} + ${m}${op}${sp[1]} = ${m * sp[0]} + ${m * sp[1]} = ${d.mq}`);
      } else b.put(`${m}${op}${d.Q1} = ${d.mq}`);
      b.join(J);
      b.put(g.t(MOD_RES), { rest: n, mq: d.mq, r: d.r });
    }
  }

  first(b: Body, tg: Target): State {
    const g = this.g;
    const d = this.build(g.chance(0.6) ? 'chunk' : 'direct', tg);
    if (g.chance(0.3)) {
      b.put(g.t(INTRO), { q: this.q });
      b.put('\n');
    }
    this.render(b, d, g.chance(0.25));
    return { value: d.r, mod: d };
  }

  fix(b: Body, prev: State, tg: Target): State | null {
    const { g, m, op } = this;
    const d: ModDeriv = { ...(prev.mod as ModDeriv) };
    if (d.slip === 'none') return null;
    const rest = d.rest;
    const good = d.method === 'chunk' ? m * d.q2 : m * d.Q1;
    if (d.slip === 'mq') {
      const label = d.method === 'chunk' ? `${m}${op}${d.q2}` : `${m}${op}${d.Q1}`;
      b.put(g.t(FIX), { label, bad: d.mq });
      b.put('\n');
      let val = good;
      if (!tg.correct) {
        const opts = [1, 2, 10, -1, -2, -10]
          .map((x) => good + x)
          .filter((v) => v !== d.mq && rest - v >= 0 && rest - v < m && !tg.avoid.includes(rest - v));
        if (!opts.length) return null;
        val = g.any(opts);
      }
      b.put(g.t(FIX_LINE), { label, val, bad: d.mq });
      b.put('\n');
      d.mq = val;
      d.r = rest - val;
      d.slip = tg.correct ? 'none' : 'mq';
      b.put(g.t(MOD_RES), { rest, mq: d.mq, r: d.r });
      return { value: d.r, mod: d };
    }
    // subtraction slip
    b.put(g.t(FIX_SUM));
    b.put('\n');
    d.r = rest - d.mq;
    if (!tg.correct) return null;
    d.slip = 'none';
    b.put(g.t(MOD_RES), { rest, mq: d.mq, r: d.r });
    return { value: d.r, mod: d };
  }

  recheck(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const d: ModDeriv = { ...(prev.mod as ModDeriv) };
    if (!tg.same) return null;
    b.put(g.t(RECHECK));
    b.put('\n');
    b.put(g.t(MOD_RES), { rest: d.rest, mq: d.mq, r: d.r });
    return { value: d.r, mod: d };
  }

  alt(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const pd = prev.mod as ModDeriv;
    const d = this.build(pd.method === 'chunk' ? 'direct' : 'chunk', tg);
    if (!tg.correct && d.r === this.answer) return null;
    b.put(g.t(ALT_EXPR));
    b.put('\n');
    this.render(b, d, false);
    return { value: d.r, mod: d };
  }

  sanity(): string | null {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Attempt planning and the response.

type AttemptKind = 'fix' | 'recheck' | 'alt';

function planTargets(g: Gen): { correct: boolean; same: boolean }[] {
  const n = g.weighted([
    [1, 42],
    [2, 33],
    [3, 17],
    [4, 8],
  ] as const);
  const out: { correct: boolean; same: boolean }[] = [{ correct: g.chance(0.6), same: false }];
  for (let i = 1; i < n; i++) {
    const prev = out[i - 1];
    const last = i === n - 1;
    if (!prev.correct) {
      const r = g.weighted([
        ['C', 62],
        ['same', 20],
        ['new', 18],
      ] as const);
      out.push(r === 'C' ? { correct: true, same: false } : { correct: false, same: r === 'same' });
    } else {
      // a correct result talked into a wrong one is resolved again when there is room
      const wrong = !last && g.chance(0.15);
      out.push(wrong ? { correct: false, same: false } : { correct: true, same: true });
    }
  }
  return out;
}

function makeProblem(g: Gen): Problem {
  const kind = g.weighted([
    ['mul', 70],
    ['mod', 15],
    ['sq', 8],
    ['dist', 7],
  ] as const);
  if (kind === 'mod') {
    for (;;) {
      const n = g.int(1000, 999999);
      const m = g.any([7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]);
      if (n % m !== 0 && Math.floor(n / m) >= 20 && Math.floor(n / m) % 10 ** (digits(Math.floor(n / m)) - 1) >= 2)
        return new ModProblem(g, n, m);
    }
  }
  if (kind === 'sq') {
    const p = g.int(21, 99);
    const q = g.int(11, p - 3);
    return new TermProblem(g, 'sq', [p, q]);
  }
  if (kind === 'dist') {
    const a = g.int(12, 99);
    const b = g.int(11, 89);
    const c = g.int(11, 99);
    return new TermProblem(g, 'dist', [a, b, c]);
  }
  const da = g.weighted([
    [2, 3],
    [3, 5],
    [4, 3],
  ] as const);
  const db = g.weighted([
    [2, 2],
    [3, 4],
    [4, 5],
    [5, 3],
  ] as const);
  const num = (nd: number): number => {
    for (;;) {
      const v = g.int(10 ** (nd - 1), 10 ** nd - 1);
      if (v % 10 !== 0 && nonzeroDigits(v) >= 2 && splitPlace(v)) return v;
    }
  };
  return new TermProblem(g, 'mul', [num(da), num(db)]);
}

function attemptKinds(prevCorrect: boolean, tg: Target): AttemptKind[] {
  if (tg.same) return prevCorrect ? ['alt', 'alt', 'recheck'] : ['recheck'];
  if (!prevCorrect) return tg.correct ? ['fix', 'fix', 'alt', 'recheck'] : ['fix', 'alt'];
  return tg.correct ? ['alt', 'recheck'] : ['alt', 'alt', 'recheck'];
}

function response(g: Gen): { p: Problem; b: Body } {
  g.fresh();
  const p = makeProblem(g);
  const b = new Body();
  const plan = planTargets(g);
  const seen: number[] = [];
  let prev: State | null = null;
  let prevCorrect = true;
  for (let i = 0; i < plan.length; i++) {
    const tg: Target = { correct: plan[i].correct, same: plan[i].same, avoid: [p.answer, ...seen] };
    let st: State | null = null;
    if (prev === null) st = p.first(b, tg);
    else {
      // try the kinds that fit; each writes its own opener
      const kinds = attemptKinds(prevCorrect, tg);
      const order = [g.any(kinds), ...kinds];
      let used: AttemptKind = 'fix';
      for (const k of order) {
        const save = { text: b.text, n: b.candidates.length };
        b.nl();
        st = k === 'fix' ? p.fix(b, prev, tg) : k === 'recheck' ? p.recheck(b, prev, tg) : p.alt(b, prev, tg);
        if (st && tg.same && st.value !== prev.value) st = null;
        if (st && !tg.same && (st.value === p.answer) !== tg.correct) st = null;
        if (st && !tg.same && !tg.correct && (st.value === prev.value || seen.includes(st.value))) st = null;
        if (st && b.candidates.length !== save.n + 1) throw new Error('an attempt must state exactly one candidate');
        used = k;
        if (st) break;
        b.text = save.text;
        b.candidates.length = save.n;
      }
      if (!st) break; // nothing fits: the response ends here
      if (used !== 'fix' && g.chance(0.5)) {
        b.put(g.any(['\n', '. ']));
        b.put(g.t(st.value === prev.value ? MATCH : MISMATCH));
      }
    }
    if (!st) break;
    // optional restatement (merges) and sanity checks (no value)
    const lastAttempt = i === plan.length - 1;
    if (g.chance(lastAttempt ? 0.45 : 0.12)) {
      b.nl();
      b.put(g.t(RESTATE), { q: p.q, T: st.value });
    }
    if (lastAttempt && g.chance(0.15)) {
      const s = p.sanity();
      if (s) {
        b.nl();
        b.put(s);
      }
    }
    if (lastAttempt && g.chance(0.3)) {
      b.put(g.any([' ', '\n']));
      b.put(g.t(CONFIRM));
    }
    if (st.value !== p.answer && !seen.includes(st.value)) seen.push(st.value);
    prevCorrect = st.value === p.answer;
    prev = st;
  }
  return { p, b };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const g = new Gen(mixSeed(seed, `${family}/${split}`), split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const { p, b } = response(g);
    let body = b.text;
    let candidates = b.candidates;
    // a few responses are cut off before reaching any answer
    if (g.chance(0.03) && candidates.length) {
      const cut = g.int(Math.min(8, candidates[0].offset), candidates[0].offset);
      body = body.slice(0, cut);
      candidates = [];
    }
    out.push({
      id: `${family}-${split}-${seed}-${i}`,
      headers: { query: p.query, answer: String(p.answer), task: p.task },
      body,
      candidates,
      final: candidates.length ? candidates[candidates.length - 1].value : null,
    });
  }
  return out;
}
