// Held-out phrasing family "terse-math": terse, equation-heavy working with almost no prose.
// Tasks: multi-digit multiplication, sums/differences of several numbers, percentages of amounts,
// unit conversions and totals with units. Each record carries its true candidate-answer labels
// (docs/annotation-guide.md): result lines and conclusions about the asked quantity are
// candidates; partial products, running totals, sub-totals, quoted numbers, estimates, checks of
// sub-steps and bare confirmations are not; restatements with no new work merge into the first
// statement; re-derivations by another method are new candidates (echoes when the value repeats).
import type { PhrasingCandidate, PhrasingRecord } from '../families/types.js';

export const family = 'terse-math';

// ---------------------------------------------------------------------------------------------
// PRNG

class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
  digits(n: number): number {
    return this.int(10 ** (n - 1), 10 ** n - 1);
  }
}

function hashSeed(seed: number, salt: string): number {
  let h = (seed ^ 0x85ebca6b) >>> 0;
  for (const ch of `${family}/${salt}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

// ---------------------------------------------------------------------------------------------
// Number formatting

type Sty = 'plain' | 'comma' | 'space';

const clean = (x: number): number => Math.round(x * 1e6) / 1e6;

function fmt(x: number, sty: Sty = 'plain', money = false): string {
  const v = clean(x);
  let s = money && !Number.isInteger(v) ? v.toFixed(2) : v.toFixed(3).replace(/\.?0+$/, '');
  if (s === '-0') s = '0';
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  const [i, f] = s.split('.');
  let g = i;
  if (sty === 'comma' && i.length >= 4) g = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (sty === 'space' && i.length >= 5) g = i.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return (neg ? '-' : '') + g + (f ? '.' + f : '');
}

// ---------------------------------------------------------------------------------------------
// Templates. {V} is the value slot (a candidate where the template is used as a conclusion),
// {Q} the question in short form, {N} the noun of the asked quantity, {W} the earlier (wrong)
// value, {E}/{G}/{B} a step's expression, good and bad values, {C} a check, {X}/{L} a sub-result
// and its label, {T} an estimate.

const OPEN = [
  '{Q}',
  '{Q}:',
  'need {Q}',
  '{Q} = ?',
  'compute {Q}.',
  'ok, {Q}.',
  'q: {Q}',
  'given: {Q}',
  'task: {Q}',
  '{Q} ->',
  'so, {Q}',
  'find {Q}',
  'want {Q}',
  "{Q}, let's do it",
  'working: {Q}',
  'let me compute {Q}',
  'calc {Q}',
  '{Q}. quick.',
  '{Q}; split it up',
  'start: {Q}',
  '-- {Q} --',
  '{Q}?',
  'eval {Q}',
  'setting up {Q}',
  '{Q} step by step',
  'Okay: {Q}.',
  '[{Q}]',
];

const EST = [
  'est ~{T}',
  'rough: ~{T}',
  'should be around {T}',
  'ballpark {T}',
  'approx {T}, let me compute',
  'expect ~{T}',
  '≈ {T} roughly',
  'order of {T}',
  'guess: near {T}, compute properly',
  'estimate {T}',
  '~{T} probably, but compute',
  'quick est: {T}',
  'roughly {T}?',
  'mag: ~{T}',
  'likely close to {T}',
  'first a guess: ~{T}',
  'something like {T}',
  'est. {T}',
  'in the region of {T}',
  'sanity range: ~{T}',
  'target ~{T}',
  'ball-park {T}, now exact',
  'expect roughly {T}',
  'rough mental: {T}',
  'approx: {T}',
];

const HES = [
  'hmm, careful with the carry',
  'wait, keep the zeros',
  'hmm',
  'wait—',
  'hmm, let me line these up',
  'hm, ok',
  'Wait, I need the place values right',
  "hmm, don't drop a zero",
  'wait.',
  'careful here',
  'hmm, one sec',
  'wait, did I shift? yes',
  'hmm, ok continuing',
  'Hmm, let me be careful.',
  'hmm, easier:',
  'wait no, keep going',
  'Hmm. ok.',
  'hold on, carry',
  'hmm, digits:',
  'wait, re-read: yes',
  'Hmm, fine so far.',
  'uh, ok',
  'wait, is this right? yes, continue',
  'Wait, units first',
  'hmm, align the columns',
  'wait, order doesn’t matter here',
];

const INTERM = [
  'so the {L} is {X}',
  '{L} = {X}',
  "so that's {X} for the {L}",
  'sub-total: {X}',
  'so {L}: {X}',
  '-> {L} {X}',
  'ok, {L} done: {X}',
  '({L}: {X})',
  'keep {X}',
  '{L} -> {X}',
  'so far {X}',
  'hold {X} ({L})',
  'noted: {L} = {X}',
  'so the {L} comes to {X}',
  '{X} is the {L}',
  'carry {X} forward',
  '{L} gives {X}',
  'partial: {X}',
  'that is {X} for the {L}',
  'ok {X} ({L})',
  'store {X}',
  'so {X} from the {L}',
  'first bit: {X}',
  'running: {X}',
  'so the {L} is {X}, next',
];

const CONCL = [
  '-> {V}',
  'ans: {V}',
  '= {V}',
  'so {Q} = {V}',
  'total = {V}',
  'answer: {V}',
  'result: {V}',
  '=> {V}',
  "so it's {V}",
  '{Q} = {V}',
  'final: {V}',
  'got {V}',
  'that gives {V}',
  'so the answer is {V}',
  '∴ {V}',
  'res = {V}',
  '{N} = {V}',
  'so the {N} is {V}',
  '{N}: {V}',
  'therefore {V}',
  'hence {V}',
  'ans = {V}',
  '→ {V}',
  '**{V}**',
  'which makes {V}',
  'done: {V}',
];

const RESTATE = [
  'ans: {V}',
  'so {V}.',
  'answer {V}',
  '-> {V}',
  'final answer: {V}',
  '=> {V}',
  '{V}.',
  'so the answer is {V}',
  "that's {V}",
  'i.e. {V}',
  'so {N} = {V}',
  'boxed: {V}',
  'answer is {V}',
  '{Q} = {V}.',
  '=> {N}: {V}',
  'final: {V}',
  'so: {V}',
  'ans = {V}',
  'result {V}',
  '→ {V}',
  'answer: **{V}**',
  'giving {V}',
  'the {N} is {V}',
  'ok so {V}',
  '= {V} then',
];

const CONFIRM = [
  "Yes, that's right.",
  'ok.',
  'looks right.',
  'fine.',
  'good.',
  'ok, done.',
  'Yes.',
  'seems right.',
  'that checks out.',
  'makes sense.',
  "ok that's it.",
  '✓',
  'yep.',
  'right.',
  "sure, that's it.",
  'no issues.',
  'plausible.',
  'OK.',
  'that fits.',
  'alright.',
  'done.',
  'good enough.',
  'Yes, that seems right.',
  "ok, that's consistent.",
  'sounds right.',
  'fine, done.',
];

const CHECK = [
  'check: {C} ok',
  'verify: {C} ✓',
  '{C}, good',
  'back-check {C} ok',
  'check {C} -> fine',
  'Let me double-check: {C}. ok',
  'sanity: {C}',
  'quick check: {C} yes',
  'reverse: {C} ok',
  '{C} ✓',
  'check: {C}, consistent',
  'test: {C} fine',
  'Let me verify: {C}. good.',
  'cross: {C} ok',
  '(check {C})',
  'chk: {C} ✓',
  'inverse: {C}, right',
  'confirm {C} ok',
  'double-check: {C} yes',
  'check -> {C}',
  'hmm, check: {C}. fine',
  'Wait, check: {C}. ok good',
  'backwards: {C} ok',
  'verify {C}: yes',
  'sanity check {C} ✓',
];

const ALT = [
  'Alternatively:',
  'alt:',
  'Let me double-check another way:',
  'Actually, check by another split:',
  'other way:',
  'cross-check:',
  'Wait, let me redo it differently.',
  'Hmm, let me verify with a different method.',
  'verify by recomputing:',
  'recompute:',
  'double-check:',
  'again, differently:',
  'Let me double-check.',
  'check via another route:',
  'Actually let me recompute to be safe.',
  '2nd way:',
  'method 2:',
  're-derive:',
  'and the other way round:',
  'confirm by redoing:',
  'check: redo',
  'Alternatively, different split:',
  'hmm, redo to be sure:',
  'Wait, double-check:',
  'one more time, other order:',
];

const ECHO_SUF = [
  ' ✓',
  ' same',
  ', matches',
  ' (same)',
  ' ok',
  ' again',
  ' — consistent',
  '',
  '',
  ' same as before',
  ', agrees',
  ' ✓ same',
  '. good',
  ', consistent',
  ' (matches)',
  ' again, good',
  '. same answer',
  ' ✓✓',
  ' — matches',
  ', same',
  ' yes',
  '. agrees',
  ' (consistent)',
  ', ok',
  ' — same',
  ' (agrees)',
];

const DOUBT = [
  'Wait.',
  'Hmm.',
  'Let me double-check.',
  'hmm, check the steps',
  'wait, recheck',
  'Actually, let me look again.',
  'hold on',
  'hmm, something off?',
  'recheck:',
  'Wait, let me re-verify.',
  'hmm, size ok?',
  'hmm, last digit?',
  'wait, check the lines',
  'Hmm, not sure.',
  'wait a sec',
  'let me re-check the steps',
  'hmm, check',
  'Wait, one thing.',
  'hmm, look again',
  'careful, recheck',
  'wait...',
  'Hmm, let me check.',
  'double-check steps:',
  'one sec, recheck',
  'Hmm, wait.',
];

const NOTE = [
  'hmm, {E} = {G} not {B} -> redo',
  'wait, {E} is {G}, not {B}',
  'oops: {E} = {G}',
  'Hmm, {E} = {G}, I wrote {B}. fix',
  'error: {E} = {G} (had {B})',
  'Actually {E} = {G}, not {B}.',
  'wait, {E} -> {G}. slipped',
  'hmm, {B} is wrong; {E} = {G}',
  'mistake: {E} = {G} not {B}',
  'recheck {E}: {G}. so {B} was wrong',
  '{E} = {G}!! not {B}',
  'no wait, {E} = {G}',
  'hm, {E} ≠ {B}, it is {G}',
  'Let me double-check {E}... = {G}, not {B}. redo',
  'wait: {E} = {G}. earlier {B} wrong',
  'hmm, {B}? {E} = {G}. redo',
  'oh, {E} = {G}, not {B} -> fix',
  'correction: {E} = {G}',
  'bad step: {E} = {G}, not {B}',
  "Hmm, that's off: {E} = {G}",
  'wait wait, {E} = {G}',
  '{E} was {B}? should be {G}',
  'Actually, {E} = {G}; I had {B}.',
  'slip: {E} = {G} not {B}',
  'hmm no, {E} = {G}, not {B}. redo',
];

const REDO = [
  'redo:',
  'again:',
  'recompute:',
  'so:',
  'redo with the fix:',
  'fixing:',
  'so then:',
  'with {G}:',
  'corrected lines:',
  'from there:',
  'new:',
  'retry:',
  'again with {G}:',
  'take 2:',
  'ok redo:',
  'once more:',
  'fixed step:',
  'let me redo:',
  'so now:',
  'continuing with {G}:',
  'round 2:',
  'replace {B} with {G}:',
  'update:',
  'redo from there:',
  'with the right value:',
];

const FIX = [
  'fix: {V}',
  'corrected: {V}',
  '-> {V}',
  'so {V}',
  'new total: {V}',
  'ans: {V}',
  'so actually {V}',
  '=> {V}',
  'fixed: {V}',
  'right answer {V}',
  "so it's {V}, not {W}",
  '{N} = {V}',
  '-> {V} instead',
  'so the {N} is {V}',
  'answer: {V}',
  'revised: {V}',
  'now: {V}',
  'final: {V}',
  'so the answer is {V}',
  'ok: {V}',
  'corrected {N}: {V}',
  '=> {V} (not {W})',
  'that makes it {V}',
  'so {Q} = {V}',
  '→ {V}',
];

const MISMATCH = [
  'mismatch.',
  '≠ {W}. hmm',
  "that's not {W}. one of them is off",
  'differs from {W} -> recheck',
  'hmm, {W} vs {V}?',
  'conflict, recheck first way',
  'Hmm, those disagree.',
  'not equal, check the first way',
  "Wait, that doesn't match.",
  "doesn't match {W}.",
  'two different values. hmm',
  'disagree! look for the slip',
  'hmm, first gave {W}',
  'inconsistent.',
  'so one is wrong',
  'not the same as before. check',
  'Wait, {W} before. recheck',
  'mismatch with {W}, let me find it',
  'huh, different',
  "Hmm, that's not what I had.",
  'vs {W} earlier -> error somewhere',
  'off from {W}',
  'nope, differs',
  'different from first. recheck',
  'these should agree. check',
];

const SUMMARY = [
  '**Answer:** {V}',
  'The {N} is {V}.',
  'Answer: {V}',
  '{Q} = {V}',
  '\\boxed{{V}}',
  'Final answer: {V}',
  'So the {N} is **{V}**.',
  '**{V}**',
  'Result: {V}',
  '{N}: {V}',
  'The answer is {V}.',
  'ans {V}',
  '{Q} = **{V}**',
  'Therefore {Q} = {V}.',
  'Answer — {V}',
  '**Final:** {V}',
  'The result is {V}.',
  'So {Q} equals {V}.',
  '=> {V}',
  'Final: **{V}**',
  'Answer: **{V}**',
  'The value is {V}.',
  '{N} = {V}',
  'Hence {V}.',
  'So, {V}.',
];

const BADCHK = [
  'check: {C}?',
  'check: {C} -> not whole',
  'verify: {C}... no',
  '{C}? not an integer',
  'back-check {C}, wrong',
  'check: {C} ✗',
  'inverse: {C}. not clean',
  'hmm, {C}. should be exact',
  'test {C} -> fails',
  'Let me double-check: {C}. no.',
  'check {C}, remainder!',
  'reverse: {C}?? no',
  'verify {C}: not exact',
  'sanity: {C}. bad',
  '{C} -- not a whole number',
  'chk: {C} ✗',
  'Wait, check: {C}. no',
  'back-check: {C}, off',
  'check: {C}. hmm, no',
  'quick check: {C} fails',
  'confirm {C}? no',
  '{C}, not integral',
  'double-check: {C} — no',
  'hmm, {C}, leftover',
  'inverse {C}: fails',
];

const AFTERBAD = [
  'so off somewhere',
  'so wrong.',
  'error somewhere',
  'something slipped',
  'redo',
  'so that was wrong',
  'wrong somewhere. redo',
  'must have slipped',
  'scrap that',
  'no good. again',
  'so the product is off',
  'hmm, redo properly',
  'mistake above',
  'bad. start over',
  'so not right',
  'off. recompute',
  'a slip somewhere',
  'so, redo it',
  'Hmm. redo.',
  'wrong. other way:',
  'need to redo',
  'ugh, off',
  'so one line is bad',
  'not right, redo',
  'discard, redo',
];

const NOFAULT = [
  'no, fine.',
  'ok, fine.',
  'looks ok.',
  'seems fine.',
  'no, ok.',
  'fine actually.',
  'nah, fine.',
  'no, it holds.',
  'ok, nothing wrong.',
  'no issue.',
  'fine, keep it.',
  'all good.',
  'no, that stands.',
  'ok it is fine.',
  'never mind, fine.',
  'nope, fine.',
  'ok, steps are fine.',
  'no problem there.',
  'it checks.',
  "no, it's ok.",
  'fine as is.',
  'ok good.',
  'nothing off.',
  'seems right after all.',
  'ok, keep it.',
];

const SUMHEAD = [
  '{Q}:',
  'Working above.',
  'Solution:',
  'Summary:',
  'In short:',
  'Result',
  'Computed:',
  'So:',
  'Final',
  'Done.',
  'Answer below.',
  'Short version:',
  'Conclusion:',
  '{Q}',
  'Computation done.',
  'Putting it together:',
  'Thus:',
  'Outcome:',
  'Therefore:',
  'Worked out:',
  'Final result:',
  'To sum up:',
  'Hence:',
  'Altogether:',
  'Wrap-up:',
];

// ---------------------------------------------------------------------------------------------
// Body builder with candidate bookkeeping

interface ValueShape {
  pre: string; // '$' or ''
  post: string; // ' kg' or ''
}

class Body {
  s = '';
  cands: PhrasingCandidate[] = [];
  text(t: string): void {
    this.s += t;
  }
  line(t: string): void {
    if (this.s.length && !this.s.endsWith('\n')) this.s += '\n';
    this.s += t;
  }
  nl(): void {
    if (this.s.length && !this.s.endsWith('\n')) this.s += '\n';
  }
  /** Renders a template on a new line; {V} becomes pre+num+post, the num marked when `mark`. */
  tpl(t: string, vars: Record<string, string>, v?: { num: string; shape: ValueShape; mark: boolean }): string | null {
    this.nl();
    const sub = (x: string) => x.replace(/\{([A-Z])\}/g, (m, k: string) => (k in vars ? vars[k] : m));
    const parts = t.split('{V}');
    this.s += sub(parts[0]);
    let written: string | null = null;
    if (parts.length > 1 && v) {
      this.s += v.shape.pre;
      if (v.mark) this.cands.push({ value: v.num, offset: this.s.length });
      this.s += v.num;
      written = v.num;
      this.s += v.shape.post;
      this.s += sub(parts.slice(1).join('{V}'));
    }
    return written;
  }
  mark(num: string): void {
    this.cands.push({ value: num, offset: this.s.length });
    this.s += num;
  }
}

// ---------------------------------------------------------------------------------------------
// Tasks and their methods

interface Line {
  text: string;
  part?: { label: string; value: string };
}

interface Slip {
  lines: Line[]; // the method's lines with the slip in them
  finalExpr: string; // the final expression with the slipped value
  wrong: number; // the value the slipped method reaches
  e: string; // the slipped step's expression
  g: string; // its right value
  b: string; // the value written by mistake
  redo: Line[]; // the corrected lines to re-emit after noticing
  redoBad: Line[]; // the same lines in their slipped form (for a faulty "fix")
}

interface Meth {
  lines: Line[];
  finalExpr: string; // an expression (or chain) whose value is the answer; the result line is `${finalExpr} = V`
  slip: Slip | null;
}

interface Task {
  name: string;
  query: string;
  answer: number;
  q: string; // short form for templates
  noun: string;
  shape: ValueShape;
  money: boolean;
  methods: Meth[]; // at least two, at least one with a slip
  checks: (v: number) => string[]; // non-candidate checks of a value (sub-step / inverse checks)
  est: number | null;
}

function roughly(x: number): number {
  if (x < 10) return Math.round(x);
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(x / p) * p;
}

/** A bad value for a step: a carry / place slip of `good`. */
function slipValue(r: Rng, good: number, money = false): number {
  const digits = Math.max(1, String(Math.floor(Math.abs(good))).length);
  for (let k = 0; k < 20; k++) {
    const kind = r.int(0, 3);
    let bad: number;
    if (kind === 0 && digits >= 2) bad = good + r.pick([-1, 1]) * 10 ** r.int(1, digits - 1);
    else if (kind === 1) bad = good + r.pick([-1, 1, 2, -2]) * 10 ** r.int(0, Math.max(0, digits - 2));
    else if (kind === 2 && money) bad = good + r.pick([-1, 1]) * r.pick([0.1, 1, 10]);
    else bad = good + r.pick([-1, 1]) * 10 ** r.int(Math.max(0, digits - 2), Math.max(0, digits - 1));
    bad = clean(bad);
    if (bad > 0 && bad !== good) return bad;
  }
  return clean(good + 10);
}

function mkMul(r: Rng, sty: Sty): Task {
  const da = r.int(2, 4);
  const db = r.int(2, da === 2 ? 2 : 3);
  let a = r.digits(da);
  let b = r.digits(db);
  if (b % 10 === 0) b += r.int(1, 9);
  if (a % 10 === 0) a += r.int(1, 9);
  const R = a * b;
  const f = (x: number) => fmt(x, sty);
  const times = r.pick(['*', '*', '*', '×', 'x', '·']);
  const M = (x: number | string, y: number | string) => `${typeof x === 'number' ? f(x) : x}${times}${typeof y === 'number' ? f(y) : y}`;
  const qa = r.chance(0.4) ? fmt(a, 'comma') : String(a);
  const qb = String(b);
  const query = r.pick([
    `What is ${qa} × ${qb}?`,
    `Compute ${qa} * ${qb}.`,
    `Find the product of ${qa} and ${qb}.`,
    `${qa} x ${qb} = ?`,
    `Multiply ${qa} by ${qb}.`,
    `Calculate ${qa} × ${qb}.`,
    `What is the product ${qa} · ${qb}?`,
  ]);
  const methods: Meth[] = [];

  // place-value split of y, times x
  const split = (x: number, y: number): Meth | null => {
    const ds = String(y).split('').reverse();
    const parts: number[] = [];
    ds.forEach((d, k) => {
      if (d !== '0') parts.push(Number(d) * 10 ** k);
    });
    parts.reverse();
    if (parts.length < 2) return null;
    const prods = parts.map((p) => x * p);
    const mk = (ps: number[]) => parts.map((p, i) => ({ text: `${M(x, p)} = ${f(ps[i])}` }));
    const lines = mk(prods);
    const finalExpr = prods.map(f).join(' + ');
    const i = r.int(0, parts.length - 1);
    const bad = slipValue(r, prods[i]);
    const bprods = prods.slice();
    bprods[i] = bad;
    const sl = mk(bprods);
    return {
      lines,
      finalExpr,
      slip: {
        lines: sl,
        finalExpr: bprods.map(f).join(' + '),
        wrong: bprods.reduce((s, v) => s + v, 0),
        e: M(x, parts[i]),
        g: f(prods[i]),
        b: f(bad),
        redo: [lines[i]],
        redoBad: [sl[i]],
      },
    };
  };
  // round b to a multiple of ten and compensate, on one line or several
  const round = (oneLine: boolean): Meth => {
    const d = b % 10;
    const up = d >= 5;
    const B = up ? b + (10 - d) : b - d;
    const c = up ? 10 - d : d;
    const sign = up ? '-' : '+';
    const p1 = a * B;
    const p2 = a * c;
    const bad = slipValue(r, p2);
    const wrong = up ? p1 - bad : p1 + bad;
    if (oneLine) {
      const chain = (x: number) => `${M(a, b)} = ${M(a, B)} ${sign} ${M(a, c)} = ${f(p1)} ${sign} ${f(x)}`;
      return {
        lines: [],
        finalExpr: chain(p2),
        slip: { lines: [], finalExpr: chain(bad), wrong, e: M(a, c), g: f(p2), b: f(bad), redo: [], redoBad: [] },
      };
    }
    const l0 = { text: `${M(a, b)} = ${M(a, B)} ${sign} ${M(a, c)}` };
    const l1 = { text: `${M(a, B)} = ${f(p1)}` };
    const l2 = { text: `${M(a, c)} = ${f(p2)}` };
    const l2b = { text: `${M(a, c)} = ${f(bad)}` };
    return {
      lines: [l0, l1, l2],
      finalExpr: `${f(p1)} ${sign} ${f(p2)}`,
      slip: {
        lines: [l0, l1, l2b],
        finalExpr: `${f(p1)} ${sign} ${f(bad)}`,
        wrong,
        e: M(a, c),
        g: f(p2),
        b: f(bad),
        redo: [l2],
        redoBad: [l2b],
      },
    };
  };
  // digit by digit of b, shifted
  const digitwise = (): Meth | null => {
    const ds = String(b).split('').reverse().map(Number);
    const items = ds.map((d, k) => ({ d, k })).filter((x) => x.d !== 0);
    if (items.length < 2) return null;
    const mk = (vals: number[]) =>
      items.map((it, i) => ({
        text: it.k === 0 ? `${M(a, it.d)} = ${f(vals[i])}` : `${M(a, it.d)} = ${f(vals[i])} -> ${f(vals[i] * 10 ** it.k)}`,
      }));
    const vals = items.map((it) => a * it.d);
    const i = r.int(0, items.length - 1);
    const bad = slipValue(r, vals[i]);
    const bvals = vals.slice();
    bvals[i] = bad;
    const fe = (vs: number[]) => items.map((it, j) => f(vs[j] * 10 ** it.k)).join(' + ');
    const lines = mk(vals);
    const sl = mk(bvals);
    return {
      lines,
      finalExpr: fe(vals),
      slip: {
        lines: sl,
        finalExpr: fe(bvals),
        wrong: items.reduce((s, it, j) => s + bvals[j] * 10 ** it.k, 0),
        e: M(a, items[i].d),
        g: f(vals[i]),
        b: f(bad),
        redo: [lines[i]],
        redoBad: [sl[i]],
      },
    };
  };
  for (const m of [split(a, b), split(b, a), round(r.chance(0.5)), digitwise()]) if (m) methods.push(m);
  methods.push({ lines: [], finalExpr: M(a, b), slip: null });
  return {
    name: `${da}x${db}`,
    query,
    answer: R,
    q: M(a, b),
    noun: 'product',
    shape: { pre: '', post: '' },
    money: false,
    methods,
    checks: (v) => [
      `${f(v)}/${f(b)} = ${fmt(clean(v / b), 'plain').slice(0, 9)}`,
      `${f(v)}/${f(a)} = ${fmt(clean(v / a)).slice(0, 9)}`,
      `last digit ${a % 10}*${b % 10} -> ${(a * b) % 10}`,
    ],
    est: roughly(roughly(a) * roughly(b)),
  };
}

function mkSum(r: Rng, sty: Sty): Task {
  const k = r.int(3, 6);
  const mag = r.int(2, 6);
  const f = (x: number) => fmt(x, sty);
  const nums: number[] = [];
  const signs: number[] = [];
  let acc = 0;
  for (let i = 0; i < k; i++) {
    const n = r.digits(Math.max(2, mag + r.int(-1, 1)));
    let s = i === 0 || r.chance(0.65) ? 1 : -1;
    if (acc - n <= 0) s = 1;
    nums.push(n);
    signs.push(s);
    acc += s * n;
  }
  const R = acc;
  const qsty: Sty = r.pick(['plain', 'comma', 'comma', 'space']);
  const allPlus = signs.every((s) => s > 0);
  const exprOf = (ff: (x: number) => string) => nums.map((n, i) => (i === 0 ? ff(n) : `${signs[i] > 0 ? '+' : '-'} ${ff(n)}`)).join(' ');
  const qexpr = exprOf((x) => fmt(x, qsty));
  const query = allPlus
    ? r.pick([
        `What is the sum of ${nums.map((n) => fmt(n, qsty)).join(', ')}?`,
        `Compute ${qexpr}.`,
        `Add: ${nums.map((n) => fmt(n, qsty)).join(', ')}.`,
        `Find the total of ${nums.map((n) => fmt(n, qsty)).join(' + ')}.`,
      ])
    : r.pick([`Compute ${qexpr}.`, `Evaluate ${qexpr}.`, `What is ${qexpr}?`, `${qexpr} = ?`]);
  // running total over an ordering of signed terms (first term positive)
  const running = (order: number[]): Meth => {
    const accs: number[] = [];
    let a0 = nums[order[0]];
    for (let j = 1; j < order.length - 1; j++) {
      a0 += signs[order[j]] * nums[order[j]];
      accs.push(a0);
    }
    const mk = (as: number[]) => {
      const lines: Line[] = [];
      let prev = nums[order[0]];
      for (let j = 1; j < order.length - 1; j++) {
        const t = order[j];
        lines.push({ text: `${f(prev)} ${signs[t] > 0 ? '+' : '-'} ${f(nums[t])} = ${f(as[j - 1])}` });
        prev = as[j - 1];
      }
      const t = order[order.length - 1];
      return { lines, finalExpr: `${f(prev)} ${signs[t] > 0 ? '+' : '-'} ${f(nums[t])}` };
    };
    const good = mk(accs);
    const i = r.int(0, accs.length - 1);
    const bad = slipValue(r, accs[i]);
    const baccs = accs.slice();
    for (let j = i; j < baccs.length; j++) baccs[j] = accs[j] + (bad - accs[i]);
    const badm = mk(baccs);
    const prevI = i === 0 ? nums[order[0]] : accs[i - 1];
    const tI = order[i + 1];
    return {
      lines: good.lines,
      finalExpr: good.finalExpr,
      slip: {
        lines: badm.lines,
        finalExpr: badm.finalExpr,
        wrong: R + (bad - accs[i]),
        e: `${f(prevI)} ${signs[tI] > 0 ? '+' : '-'} ${f(nums[tI])}`,
        g: f(accs[i]),
        b: f(bad),
        redo: good.lines.slice(i),
        redoBad: badm.lines.slice(i),
      },
    };
  };
  const idx = nums.map((_, i) => i);
  const pos = idx.filter((i) => signs[i] > 0);
  const neg = idx.filter((i) => signs[i] < 0);
  const methods: Meth[] = [running(idx)];
  const other = [...pos.slice().reverse(), ...neg.slice().reverse()];
  if (other.join() !== idx.join()) methods.push(running(other));
  if (neg.length && pos.length >= 2) {
    const P = pos.reduce((s, i) => s + nums[i], 0);
    const Nn = neg.reduce((s, i) => s + nums[i], 0);
    const pe = pos.map((i) => f(nums[i])).join(' + ');
    const bad = slipValue(r, P);
    const l0 = (x: number) => ({ text: `+: ${pe} = ${f(x)}`, part: { label: 'plus part', value: f(x) } });
    const l1 = neg.length > 1 ? { text: `-: ${neg.map((i) => f(nums[i])).join(' + ')} = ${f(Nn)}` } : { text: `-: ${f(Nn)}` };
    methods.push({
      lines: [l0(P), l1],
      finalExpr: `${f(P)} - ${f(Nn)}`,
      slip: {
        lines: [l0(bad), l1],
        finalExpr: `${f(bad)} - ${f(Nn)}`,
        wrong: bad - Nn,
        e: pe,
        g: f(P),
        b: f(bad),
        redo: [l0(P)],
        redoBad: [l0(bad)],
      },
    });
  }
  methods.push({ lines: [], finalExpr: exprOf(f), slip: null });
  const last = nums.length - 1;
  return {
    name: allPlus ? `sum-${k}` : `add-sub-${k}`,
    query,
    answer: R,
    q: k <= 4 ? exprOf(f) : allPlus ? 'the sum' : 'the total',
    noun: allPlus ? 'sum' : 'result',
    shape: { pre: '', post: '' },
    money: false,
    methods,
    checks: (v) => [`${f(v)} ${signs[last] > 0 ? '-' : '+'} ${f(nums[last])} = ${f(v - signs[last] * nums[last])}`],
    est: roughly(Math.abs(R)),
  };
}

const PCTS = [5, 10, 12, 15, 20, 25, 30, 35, 40, 45, 60, 75, 80, 8, 18, 65];

function mkPct(r: Rng, sty: Sty): Task {
  const p = r.pick(PCTS);
  const unit = r.pick(['kg', 'km', '$', '$', '', 'L', 'm']);
  const money = unit === '$';
  // N with result having at most 2 decimals
  const N = r.int(1, 4) === 1 ? r.int(2, 99) * 10 : r.chance(0.5) ? r.int(12, 999) * 20 : r.int(101, 99999);
  const R = clean((N * p) / 100);
  const f = (x: number) => fmt(x, sty, money);
  const Nq = money ? `$${fmt(N, 'comma')}` : `${fmt(N, 'comma')}${unit ? ' ' + unit : ''}`;
  const query = r.pick([
    `What is ${p}% of ${Nq}?`,
    `Find ${p}% of ${Nq}.`,
    `Compute ${p} percent of ${Nq}.`,
    `${p}% of ${Nq} = ?`,
    `How much is ${p}% of ${Nq}?`,
  ]);
  const shape: ValueShape = money ? { pre: '$', post: '' } : { pre: '', post: unit ? ' ' + unit : '' };
  const methods: Meth[] = [];
  // 1% first
  {
    const u = clean(N / 100);
    const bad = clean(r.chance(0.5) ? u * 10 : u / 10);
    const l = (x: number) => ({ text: `1% = ${f(N)}/100 = ${fmt(x)}` });
    methods.push({
      lines: [l(u)],
      finalExpr: `${p}*${fmt(u)}`,
      slip: {
        lines: [l(bad)],
        finalExpr: `${p}*${fmt(bad)}`,
        wrong: clean(p * bad),
        e: `${f(N)}/100`,
        g: fmt(u),
        b: fmt(bad),
        redo: [l(u)],
        redoBad: [l(bad)],
      },
    });
  }
  // N*p then /100
  {
    const P = N * p;
    const bad = slipValue(r, P);
    const l = (x: number) => ({ text: `${f(N)}*${p} = ${f(x)}` });
    methods.push({
      lines: [{ text: `${p}% -> *${p}/100` }, l(P)],
      finalExpr: `${f(P)}/100`,
      slip: {
        lines: [{ text: `${p}% -> *${p}/100` }, l(bad)],
        finalExpr: `${f(bad)}/100`,
        wrong: clean(bad / 100),
        e: `${f(N)}*${p}`,
        g: f(P),
        b: f(bad),
        redo: [l(P)],
        redoBad: [l(bad)],
      },
    });
  }
  // tens and fives
  if (p % 5 === 0 && p > 10) {
    const t = clean(N / 10);
    const tens = Math.floor(p / 10);
    const five = p % 10 === 5;
    const tryWord = r.pick(['10%', 'try 10%:', '10% of it']);
    const l10 = { text: `${tryWord} = ${fmt(t)}`.replace(': =', ':') };
    const lines: Line[] = [l10];
    const terms: number[] = [];
    let slipIdx = -1;
    let g = 0;
    let e = '';
    if (tens >= 2) {
      lines.push({
        text: `${tens * 10}% = ${tens}*${fmt(t)} = ${fmt(tens * t)}`,
        part: { label: `${tens * 10}% part`, value: fmt(tens * t) },
      });
      terms.push(tens * t);
      slipIdx = lines.length - 1;
      g = clean(tens * t);
      e = `${tens}*${fmt(t)}`;
    } else if (tens === 1) terms.push(t);
    if (five) {
      lines.push({ text: `5% = ${fmt(t)}/2 = ${fmt(t / 2)}` });
      terms.push(t / 2);
      if (slipIdx < 0 || r.chance(0.5)) {
        slipIdx = lines.length - 1;
        g = clean(t / 2);
        e = `${fmt(t)}/2`;
      }
    }
    if (terms.length >= 2 || (terms.length === 1 && tens >= 2 && !five)) {
      const bad = slipValue(r, g);
      const bl = lines.slice();
      bl[slipIdx] = {
        text: lines[slipIdx].text.replace(new RegExp(`= ${fmt(g).replace('.', '\\.')}$`), `= ${fmt(bad)}`),
        part: lines[slipIdx].part,
      };
      if (bl[slipIdx].part) bl[slipIdx].part = { label: bl[slipIdx].part!.label, value: fmt(bad) };
      const bterms = terms.map((x) => (clean(x) === g ? bad : x));
      if (terms.length === 1) {
        // p = 20, 30, ...: the answer is the multiple itself; use "tens*10% line" as the final expression instead
        const fe = `${tens}*${fmt(t)}`;
        methods.push({
          lines: [l10],
          finalExpr: fe,
          slip: null,
        });
      } else {
        methods.push({
          lines,
          finalExpr: terms.map((x) => fmt(x)).join(' + '),
          slip: {
            lines: bl,
            finalExpr: bterms.map((x) => fmt(x)).join(' + '),
            wrong: clean(bterms.reduce((s, x) => s + x, 0)),
            e,
            g: fmt(g),
            b: fmt(bad),
            redo: [lines[slipIdx]],
            redoBad: [bl[slipIdx]],
          },
        });
      }
    }
  }
  methods.push({ lines: [], finalExpr: `${f(N)}*${fmt(p / 100)}`, slip: null });
  return {
    name: 'pct',
    query,
    answer: R,
    q: `${p}% of ${money ? '$' : ''}${f(N)}`,
    noun: r.pick(['amount', 'value', 'result']),
    shape,
    money,
    methods,
    checks: (v) => [`${f(v)}/${f(N)} = ${fmt(clean(v / N))}`, `${f(v)}*100/${p} = ${fmt(clean((v * 100) / p))}`],
    est: null,
  };
}

interface ConvSpec {
  big: string;
  small: string;
}
const CONV: ConvSpec[] = [
  { big: 'km', small: 'm' },
  { big: 'kg', small: 'g' },
  { big: 'L', small: 'mL' },
  { big: 't', small: 'kg' },
];

function mkConv(r: Rng, sty: Sty): Task {
  const kind = r.pick(['down', 'down', 'up', 'hmin', 'smin', 'mass', 'cost', 'cost', 'dist', 'time']);
  const f = (x: number, money = false) => fmt(x, sty, money);
  const base = { money: false, est: null as number | null };
  if (kind === 'down' || kind === 'up') {
    const c = r.pick(CONV);
    const down = kind === 'down';
    const milli = r.int(1, 99) * 1000 + r.pick([r.int(1, 9) * 100, r.int(1, 99) * 10, r.int(1, 999)]);
    const x = milli / 1000; // in big units
    const from = down ? `${fmt(x)} ${c.big}` : `${fmt(milli, 'comma')} ${c.small}`;
    const to = down ? c.small : c.big;
    const R = down ? milli : x;
    const query = r.pick([`Convert ${from} to ${to}.`, `How many ${to} is ${from}?`, `${from} = ? ${to}`, `Express ${from} in ${to}.`]);
    const badF = r.pick([100, 10000]);
    const wrong = down ? clean(x * badF) : clean(milli / badF);
    const unitLine = (fac: number) => ({ text: `1 ${c.big} = ${fmt(fac)} ${c.small}` });
    const m1: Meth = {
      lines: [unitLine(1000)],
      finalExpr: down ? `${fmt(x)}*1000` : `${f(milli)}/1000`,
      slip: {
        lines: [unitLine(badF)],
        finalExpr: down ? `${fmt(x)}*${fmt(badF)}` : `${f(milli)}/${fmt(badF)}`,
        wrong,
        e: `1 ${c.big}`,
        g: `1000 ${c.small}`,
        b: `${fmt(badF)} ${c.small}`,
        redo: [unitLine(1000)],
        redoBad: [unitLine(badF)],
      },
    };
    const m2: Meth = { lines: [{ text: r.pick(['shift 3 places', 'move the point 3', '3 places']) }], finalExpr: from, slip: null };
    const ip = Math.floor(x);
    const fr = milli - ip * 1000;
    const fracLine = (v: number) => ({
      text: down ? `${fmt(fr / 1000)} ${c.big} = ${f(v)} ${c.small}` : `${f(fr)} ${c.small} = ${fmt(v)} ${c.big}`,
    });
    const fv = down ? fr : fr / 1000;
    const fbad = down ? fr / 10 : fr / 100;
    const m3: Meth = {
      lines: [{ text: down ? `${ip} ${c.big} = ${f(ip * 1000)} ${c.small}` : `${f(ip * 1000)} ${c.small} = ${ip} ${c.big}` }, fracLine(fv)],
      finalExpr: down ? `${f(ip * 1000)} + ${f(fr)}` : `${ip} + ${fmt(fv)}`,
      slip: {
        lines: [
          { text: down ? `${ip} ${c.big} = ${f(ip * 1000)} ${c.small}` : `${f(ip * 1000)} ${c.small} = ${ip} ${c.big}` },
          fracLine(fbad),
        ],
        finalExpr: down ? `${f(ip * 1000)} + ${f(fbad)}` : `${ip} + ${fmt(fbad)}`,
        wrong: clean(down ? ip * 1000 + fbad : ip + fbad),
        e: down ? `${fmt(fr / 1000)} ${c.big}` : `${f(fr)} ${c.small}`,
        g: down ? `${f(fr)} ${c.small}` : `${fmt(fv)} ${c.big}`,
        b: down ? `${f(fbad)} ${c.small}` : `${fmt(fbad)} ${c.big}`,
        redo: [fracLine(fv)],
        redoBad: [fracLine(fbad)],
      },
    };
    const methods = [m1, m2];
    if (ip > 0 && fr > 0 && fbad !== fv && clean(down ? ip * 1000 + fbad : ip + fbad) !== R) methods.push(m3);
    return {
      ...base,
      name: `${down ? c.big : c.small}-to-${to}`,
      query,
      answer: R,
      q: `${from} in ${to}`,
      noun: r.pick(['value', 'amount', 'result']),
      shape: { pre: '', post: ` ${to}` },
      methods,
      checks: (v) => [down ? `${f(v)}/1000 = ${fmt(clean(v / 1000))} ${c.big}` : `${fmt(v)}*1000 = ${f(clean(v * 1000))} ${c.small}`],
    };
  }
  if (kind === 'hmin') {
    const h = r.int(2, 14);
    const m = r.int(1, 59);
    const R = h * 60 + m;
    const query = r.pick([
      `How many minutes are in ${h} h ${m} min?`,
      `Convert ${h} h ${m} min to minutes.`,
      `${h} hours ${m} minutes = ? minutes`,
    ]);
    const bad = r.chance(0.5) ? h * 100 : slipValue(r, h * 60);
    const l = (x: number) => ({ text: `${h} h = ${h}*60 = ${x} min`, part: { label: 'hours part', value: `${x} min` } });
    const m1: Meth = {
      lines: [l(h * 60)],
      finalExpr: `${h * 60} + ${m}`,
      slip: {
        lines: [l(bad)],
        finalExpr: `${bad} + ${m}`,
        wrong: bad + m,
        e: `${h}*60`,
        g: String(h * 60),
        b: String(bad),
        redo: [l(h * 60)],
        redoBad: [l(bad)],
      },
    };
    const m2: Meth = {
      lines: [{ text: `${h + 1} h = ${(h + 1) * 60} min` }, { text: `${h} h ${m} min = ${h + 1} h - ${60 - m} min` }],
      finalExpr: `${(h + 1) * 60} - ${60 - m}`,
      slip: null,
    };
    return {
      ...base,
      name: 'h-min-to-min',
      query,
      answer: R,
      q: `${h} h ${m} min`,
      noun: r.pick(['total', 'time', 'minutes']),
      shape: { pre: '', post: ' min' },
      methods: [m1, m2],
      checks: (v) => [`${v}/60 = ${Math.floor(v / 60)} r ${v % 60}`],
    };
  }
  if (kind === 'smin') {
    let mins = r.int(25, 999);
    if (mins % 10 === 0) mins += r.int(1, 9);
    const s = mins * 60;
    const hiM = Math.floor(mins / 10) * 10;
    const loM = mins - hiM;
    const query = r.pick([
      `Convert ${fmt(s, 'comma')} s to minutes.`,
      `How many minutes is ${fmt(s, 'comma')} seconds?`,
      `${fmt(s, 'comma')} s = ? min`,
    ]);
    const bad = slipValue(r, hiM);
    const l = (x: number) => ({ text: `${f(hiM * 60)} s = ${f(x)} min`, part: { label: 'first chunk', value: `${f(x)} min` } });
    const lines = [l(hiM), { text: `${f(loM * 60)} s = ${loM} min` }];
    const m1: Meth = {
      lines: loM ? lines : [l(hiM)],
      finalExpr: loM ? `${f(hiM)} + ${loM}` : `${f(hiM * 60)}/60`,
      slip: loM
        ? {
            lines: [l(bad), lines[1]],
            finalExpr: `${f(bad)} + ${loM}`,
            wrong: bad + loM,
            e: `${f(hiM * 60)}/60`,
            g: f(hiM),
            b: f(bad),
            redo: [l(hiM)],
            redoBad: [l(bad)],
          }
        : null,
    };
    const m2: Meth = { lines: [{ text: '60 s = 1 min' }], finalExpr: `${f(s)}/60`, slip: null };
    return {
      ...base,
      name: 's-to-min',
      query,
      answer: mins,
      q: `${f(s)} s in min`,
      noun: r.pick(['minutes', 'time', 'result']),
      shape: { pre: '', post: ' min' },
      methods: loM ? [m1, m2] : [m2, m1],
      checks: (v) => [`${f(v)}*60 = ${f(v * 60)} s`],
    };
  }
  if (kind === 'mass' || kind === 'cost') {
    const money = kind === 'cost';
    const n = r.int(2, 3);
    const cnt: number[] = [];
    const per: number[] = [];
    for (let i = 0; i < n; i++) {
      cnt.push(r.int(2, money ? 24 : 60));
      per.push(money ? r.int(50, 9999) / 100 : r.chance(0.3) ? r.int(11, 999) / 10 : r.int(3, 480));
    }
    const parts = cnt.map((c, i) => clean(c * per[i]));
    const R = clean(parts.reduce((s, x) => s + x, 0));
    const u = money ? '' : ' kg';
    const pv = (x: number) => (money ? `$${f(x, true)}` : `${f(x)} kg`);
    const item = r.pick(money ? ['items', 'tickets', 'books', 'units', 'shirts'] : ['crates', 'boxes', 'bags', 'sacks', 'pallets']);
    const list = cnt.map((c, i) => `${c} ${i === 0 ? item : 'more'} at ${pv(per[i])}${money ? ' each' : ' each'}`);
    const query = money
      ? r.pick([
          `What is the total cost of ${list.join(' and ')}?`,
          `Total price: ${list.join(', ')}. How many dollars in all?`,
          `You buy ${list.join(' and ')}. Total in $?`,
        ])
      : r.pick([
          `What is the total mass of ${list.join(' and ')}, in kg?`,
          `Total weight in kg: ${list.join(', ')}?`,
          `A truck carries ${list.join(' and ')}. Total kg?`,
        ]);
    const labels = ['first part', 'second part', 'third part'];
    const mkLines = (ps: number[], order: number[], flip: boolean) =>
      order.map((i) => ({
        text: `${flip ? `${fmt(per[i], 'plain', money)}*${cnt[i]}` : `${cnt[i]}*${fmt(per[i], 'plain', money)}`} = ${money ? '$' : ''}${f(ps[i], money)}${u}`,
        part: { label: labels[i], value: `${money ? '$' : ''}${f(ps[i], money)}${u}` },
      }));
    const mk = (order: number[], flip: boolean): Meth => {
      const i = r.pick(order);
      const bad = slipValue(r, parts[i], money);
      const bps = parts.slice();
      bps[i] = bad;
      const lines = mkLines(parts, order, flip);
      const bl = mkLines(bps, order, flip);
      const j = order.indexOf(i);
      return {
        lines,
        finalExpr: order.map((k) => f(parts[k], money)).join(' + '),
        slip: {
          lines: bl,
          finalExpr: order.map((k) => f(bps[k], money)).join(' + '),
          wrong: clean(bps.reduce((s, x) => s + x, 0)),
          e: flip ? `${fmt(per[i], 'plain', money)}*${cnt[i]}` : `${cnt[i]}*${fmt(per[i], 'plain', money)}`,
          g: f(parts[i], money),
          b: f(bad, money),
          redo: [lines[j]],
          redoBad: [bl[j]],
        },
      };
    };
    const idx = cnt.map((_, i) => i);
    return {
      ...base,
      money,
      name: money ? 'cost-total' : 'mass-total',
      query,
      answer: R,
      q: money ? 'total cost' : 'total mass',
      noun: money ? r.pick(['total', 'cost', 'total cost']) : r.pick(['total', 'mass', 'total mass']),
      shape: money ? { pre: '$', post: '' } : { pre: '', post: ' kg' },
      methods: [mk(idx, false), mk(idx.slice().reverse(), true)],
      checks: (v) => [`${f(v, money)} - ${f(parts[n - 1], money)} = ${f(clean(v - parts[n - 1]), money)}`],
    };
  }
  if (kind === 'dist') {
    const kms = [r.int(11, 999) / 10, r.int(101, 9999) / 100];
    const ms = r.int(105, 990);
    const R = clean(kms[0] + kms[1] + ms / 1000);
    const query = r.pick([
      `Total distance in km: ${fmt(kms[0])} km + ${ms} m + ${fmt(kms[1])} km?`,
      `A route has legs of ${fmt(kms[0])} km, ${ms} m and ${fmt(kms[1])} km. Total in km?`,
      `Add ${fmt(kms[0])} km, ${ms} m and ${fmt(kms[1])} km; answer in km.`,
    ]);
    const mk = (x: number) => ({ text: `${ms} m = ${fmt(x)} km` });
    const bad = clean(ms / 100);
    const m1: Meth = {
      lines: [mk(ms / 1000)],
      finalExpr: `${fmt(kms[0])} + ${fmt(ms / 1000)} + ${fmt(kms[1])}`,
      slip: {
        lines: [mk(bad)],
        finalExpr: `${fmt(kms[0])} + ${fmt(bad)} + ${fmt(kms[1])}`,
        wrong: clean(kms[0] + kms[1] + bad),
        e: `${ms} m`,
        g: `${fmt(ms / 1000)} km`,
        b: `${fmt(bad)} km`,
        redo: [mk(ms / 1000)],
        redoBad: [mk(bad)],
      },
    };
    const s = clean(kms[0] + kms[1]);
    const m2: Meth = {
      lines: [{ text: `${fmt(kms[0])} + ${fmt(kms[1])} = ${fmt(s)} km`, part: { label: 'km legs', value: `${fmt(s)} km` } }, mk(ms / 1000)],
      finalExpr: `${fmt(s)} + ${fmt(ms / 1000)}`,
      slip: null,
    };
    return {
      ...base,
      name: 'dist-total',
      query,
      answer: R,
      q: 'total km',
      noun: r.pick(['total', 'distance', 'total distance']),
      shape: { pre: '', post: ' km' },
      methods: [m1, m2],
      checks: (v) => [`${fmt(v)} - ${fmt(kms[1])} = ${fmt(clean(v - kms[1]))}`],
    };
  }
  // time total
  const legs = [
    [r.int(1, 5), r.int(5, 55)],
    [r.int(1, 5), r.int(5, 55)],
    [0, r.int(10, 55)],
  ];
  const mins = legs.map(([h, m]) => h * 60 + m);
  const R = mins.reduce((s, x) => s + x, 0);
  const desc = legs.map(([h, m]) => (h ? `${h} h ${m} min` : `${m} min`));
  const query = r.pick([
    `Total time in minutes: ${desc.join(' + ')}?`,
    `A trip has legs of ${desc.join(', ')}. How many minutes in total?`,
    `Add ${desc.join(', ')}; give minutes.`,
  ]);
  const lineOf = (i: number, v: number) => ({
    text: `${desc[i]} = ${legs[i][0]}*60 + ${legs[i][1]} = ${v}`,
    part: { label: `leg ${i + 1}`, value: `${v} min` },
  });
  const si = r.int(0, 1);
  const bad = slipValue(r, mins[si]);
  const bm = mins.slice();
  bm[si] = bad;
  const m1: Meth = {
    lines: [lineOf(0, mins[0]), lineOf(1, mins[1])],
    finalExpr: mins.join(' + '),
    slip: {
      lines: [lineOf(0, bm[0]), lineOf(1, bm[1])],
      finalExpr: bm.join(' + '),
      wrong: bm.reduce((s, x) => s + x, 0),
      e: `${legs[si][0]}*60 + ${legs[si][1]}`,
      g: String(mins[si]),
      b: String(bad),
      redo: [lineOf(si, mins[si])],
      redoBad: [lineOf(si, bad)],
    },
  };
  const H = legs[0][0] + legs[1][0];
  const Ms = legs[0][1] + legs[1][1] + legs[2][1];
  const m2: Meth = {
    lines: [
      { text: `hours: ${legs[0][0]} + ${legs[1][0]} = ${H} h = ${H * 60} min`, part: { label: 'hours', value: `${H * 60} min` } },
      { text: `mins: ${legs[0][1]} + ${legs[1][1]} + ${legs[2][1]} = ${Ms}` },
    ],
    finalExpr: `${H * 60} + ${Ms}`,
    slip: null,
  };
  return {
    ...base,
    name: 'time-total',
    query,
    answer: R,
    q: 'total minutes',
    noun: r.pick(['total', 'time', 'total time']),
    shape: { pre: '', post: ' min' },
    methods: [m1, m2],
    checks: (v) => [`${v}/60 = ${Math.floor(v / 60)} h ${v % 60} min`],
  };
}

// ---------------------------------------------------------------------------------------------
// Record assembly

type Scenario = 'right' | 'echo' | 'note' | 'altfix' | 'divfix' | 'wrong' | 'faulty' | 'short';

interface Ctx {
  r: Rng;
  b: Body;
  t: Task;
  eqSty: Sty;
  concSty: Sty;
  vars: Record<string, string>;
}

function valNum(c: Ctx, v: number, sty: Sty): string {
  return fmt(v, sty, c.t.money);
}

function emitLines(c: Ctx, lines: Line[], hesitate: boolean): void {
  const { r, b } = c;
  lines.forEach((l, i) => {
    if (hesitate && i > 0 && r.chance(0.12)) b.line(r.pick(HES));
    b.line(l.text);
    if (l.part && r.chance(0.35)) b.tpl(r.pick(INTERM), { ...c.vars, X: l.part.value, L: l.part.label });
  });
}

/** Emits the attempt's result: a candidate. Returns the value as written. */
function emitResult(c: Ctx, finalExpr: string, v: number, opts: { suffix?: string; allowConcl?: boolean; restate?: number }): void {
  const { r, b, t } = c;
  const mode = opts.allowConcl === false ? 'line' : r.pick(['line', 'line', 'line', 'line', 'expr', 'concl', 'concl']);
  if (mode === 'line') {
    b.line(`${finalExpr} = ${t.shape.pre}`);
    b.mark(valNum(c, v, c.eqSty));
    b.text(t.shape.post + (opts.suffix ?? ''));
  } else {
    if (mode === 'expr') b.line(finalExpr);
    b.tpl(r.pick(CONCL), c.vars, { num: valNum(c, v, c.concSty), shape: t.shape, mark: true });
    if (opts.suffix) b.text(opts.suffix);
  }
  if (r.chance(opts.restate ?? 0))
    b.tpl(r.pick(RESTATE), c.vars, { num: valNum(c, v, r.pick([c.concSty, c.eqSty, 'comma'])), shape: t.shape, mark: false });
}

function pickSlipMethod(r: Rng, t: Task): Meth | null {
  const ms = t.methods.filter((m) => m.slip && m.slip.wrong !== t.answer && m.slip.wrong > 0);
  return ms.length ? r.pick(ms) : null;
}

function altMethod(r: Rng, t: Task, not: Meth): Meth | null {
  const ms = t.methods.filter((m) => m !== not && (m.lines.length > 0 || m.finalExpr.includes('=')));
  return ms.length ? r.pick(ms) : null;
}

function buildRecord(r: Rng, i: number, seed: number, split: string): PhrasingRecord {
  const eqSty: Sty = r.chance(0.75) ? 'plain' : r.pick(['comma', 'comma', 'space']);
  const concSty: Sty = r.chance(0.5) ? eqSty : r.pick(['plain', 'comma', 'comma', 'space']);
  const kind = r.pick(['mul', 'mul', 'mul', 'sum', 'sum', 'pct', 'pct', 'conv', 'conv', 'conv']);
  const t = kind === 'mul' ? mkMul(r, eqSty) : kind === 'sum' ? mkSum(r, eqSty) : kind === 'pct' ? mkPct(r, eqSty) : mkConv(r, eqSty);
  const b = new Body();
  const c: Ctx = { r, b, t, eqSty, concSty, vars: { Q: t.q, N: t.noun } };
  const R = t.answer;

  const x = r.next();
  let sc: Scenario =
    x < 0.2
      ? 'right'
      : x < 0.42
        ? 'echo'
        : x < 0.56
          ? 'note'
          : x < 0.63
            ? 'altfix'
            : x < 0.68
              ? 'divfix'
              : x < 0.76
                ? 'wrong'
                : x < 0.81
                  ? 'faulty'
                  : 'short';
  const slipM = pickSlipMethod(r, t);
  if (!slipM && sc !== 'right' && sc !== 'echo' && sc !== 'short') sc = 'echo';
  if (sc === 'divfix' && (!t.name.match(/^\d+x\d+$/) || !t.checks(slipM!.slip!.wrong)[0].includes('.'))) sc = 'note';
  const truncate = r.chance(0.07);
  const think = !truncate || r.chance(0.3) ? r.chance(0.17) : false;
  const tags = r.pick([
    ['<think>', '</think>'],
    ['<|begin_of_thought|>', '<|end_of_thought|>'],
  ]);
  if (think) b.text(tags[0] + '\n');

  // opening
  if (sc !== 'short' ? r.chance(0.75) : r.chance(0.3)) b.tpl(r.pick(OPEN), c.vars);
  if (t.est !== null && sc !== 'short' && r.chance(0.2)) {
    const e = t.est;
    if (e !== R && (!slipM || e !== slipM.slip!.wrong)) b.tpl(r.pick(EST), { ...c.vars, T: fmt(e, r.pick(['plain', 'comma'])) });
  }
  const hes = r.chance(0.3);

  const first: Meth =
    sc === 'short'
      ? r.pick(t.methods.filter((m) => m.lines.length <= Math.max(2, Math.min(...t.methods.map((k) => k.lines.length)))))
      : sc === 'note' || sc === 'altfix' || sc === 'divfix' || sc === 'wrong'
        ? slipM!
        : r.chance(0.7)
          ? r.pick(t.methods.filter((m) => m.lines.length > 0 || m.finalExpr.includes('=')).concat(t.methods.slice(0, 1)))
          : r.pick(t.methods);
  const firstWrong = sc === 'note' || sc === 'altfix' || sc === 'divfix' || sc === 'wrong';
  const faultyM = sc === 'faulty' ? slipM! : null;
  const m1 = faultyM ?? first;

  // first attempt
  if (firstWrong) {
    const s = m1.slip!;
    emitLines(c, s.lines, hes);
    if (hes && r.chance(0.3)) b.line(r.pick(HES));
    emitResult(c, s.finalExpr, s.wrong, { restate: 0.15 });
  } else {
    emitLines(c, m1.lines, hes);
    if (hes && r.chance(0.4)) b.line(r.pick(HES));
    emitResult(c, m1.finalExpr, R, { restate: sc === 'short' ? 0.3 : 0.2 });
  }
  const W = m1.slip ? m1.slip.wrong : R;
  const wv = () => valNum(c, W, c.concSty);
  const rv = () => valNum(c, R, c.concSty);

  const confirm = (p: number) => {
    if (r.chance(p)) b.line(r.pick(CONFIRM));
  };
  const check = (v: number, p: number) => {
    if (r.chance(p)) b.tpl(r.pick(CHECK), { ...c.vars, C: r.pick(t.checks(v)) });
  };
  const noteLine = (s: Slip, swapped: boolean) => {
    b.tpl(r.pick(NOTE), { ...c.vars, E: s.e, G: swapped ? s.b : s.g, B: swapped ? s.g : s.b });
  };
  const redoTo = (s: Slip, bad: boolean, forceLines: boolean) => {
    const value = bad ? s.wrong : R;
    const gv = { ...c.vars, G: bad ? s.b : s.g, B: bad ? s.g : s.b, W: bad ? rv() : wv() };
    if (forceLines || r.chance(0.6)) {
      if (r.chance(0.5)) b.tpl(r.pick(REDO), gv);
      emitLines(c, bad ? s.redoBad : s.redo, false);
      b.line(`${bad ? s.finalExpr : m1.finalExpr} = ${t.shape.pre}`);
      b.mark(valNum(c, value, c.eqSty));
      b.text(t.shape.post);
      if (r.chance(0.35)) b.tpl(r.pick(FIX), gv, { num: valNum(c, value, c.concSty), shape: t.shape, mark: false });
    } else {
      b.tpl(r.pick(FIX), gv, { num: valNum(c, value, c.concSty), shape: t.shape, mark: true });
    }
  };

  switch (sc) {
    case 'right':
      confirm(0.35);
      check(R, 0.4);
      if (r.chance(0.3)) confirm(0.5);
      break;
    case 'short':
      confirm(0.3);
      break;
    case 'echo': {
      confirm(0.2);
      check(R, 0.3);
      const alt = altMethod(r, t, m1);
      if (!alt) {
        b.line(r.pick(CONFIRM));
        break;
      }
      b.line(r.pick(ALT));
      emitLines(c, alt.lines, hes);
      emitResult(c, alt.finalExpr, R, { suffix: r.pick(ECHO_SUF), allowConcl: false, restate: 0.1 });
      confirm(0.3);
      if (r.chance(0.12)) {
        // a third derivation, again the same value
        const alt2 = t.methods.find((m) => m !== m1 && m !== alt && m.lines.length > 0);
        if (alt2) {
          b.line(r.pick(ALT));
          emitLines(c, alt2.lines, false);
          emitResult(c, alt2.finalExpr, R, { suffix: r.pick(ECHO_SUF), allowConcl: false });
        }
      }
      break;
    }
    case 'note': {
      const s = m1.slip!;
      if (r.chance(0.5)) b.line(r.pick(DOUBT));
      noteLine(s, false);
      redoTo(s, false, false);
      confirm(0.3);
      check(R, 0.2);
      break;
    }
    case 'altfix': {
      const s = m1.slip!;
      const alt = altMethod(r, t, m1) ?? t.methods.find((m) => m !== m1)!;
      b.line(r.pick(ALT));
      emitLines(c, alt.lines, false);
      b.line(`${alt.finalExpr} = ${t.shape.pre}`);
      b.mark(valNum(c, R, c.eqSty));
      b.text(t.shape.post);
      b.tpl(r.pick(MISMATCH), { ...c.vars, W: wv() }, { num: rv(), shape: t.shape, mark: false });
      noteLine(s, false);
      redoTo(s, false, true);
      confirm(0.4);
      break;
    }
    case 'divfix': {
      const a = t.methods;
      const q = t.checks(W)[0];
      b.tpl(r.pick(BADCHK), { ...c.vars, C: q });
      if (r.chance(0.7)) b.line(r.pick(AFTERBAD));
      const alt = a.find((m) => m !== m1 && m.lines.length > 0) ?? a.find((m) => m !== m1)!;
      if (r.chance(0.5)) b.line(r.pick(ALT));
      emitLines(c, alt.lines, false);
      b.line(`${alt.finalExpr} = `);
      b.mark(valNum(c, R, c.eqSty));
      if (r.chance(0.4)) b.tpl(r.pick(FIX), { ...c.vars, W: wv() }, { num: rv(), shape: t.shape, mark: false });
      check(R, 0.5);
      break;
    }
    case 'wrong': {
      const s = m1.slip!;
      const y = r.next();
      if (y < 0.35) confirm(1);
      else if (y < 0.65) {
        // a check of a step that was not the slip: passes, no new candidate
        const okLines = s.lines.filter((l) => !s.redoBad.includes(l) && l.text.includes('=') && !l.text.includes(`= ${s.b}`));
        if (okLines.length) b.tpl(r.pick(CHECK), { ...c.vars, C: okLines[0].text });
        else confirm(1);
      } else if (y < 0.8) {
        b.line(r.pick(DOUBT));
        b.line(r.pick(NOFAULT));
      }
      break;
    }
    case 'faulty': {
      const s = m1.slip!;
      if (r.chance(0.6)) b.line(r.pick(DOUBT));
      noteLine(s, true);
      redoTo(s, true, false);
      break;
    }
  }

  let body = b.s;
  let cands = b.cands;
  let final: string | null = cands.length ? cands[cands.length - 1].value : null;
  const headers: Record<string, string> = { query: t.query, answer: fmt(R, 'plain', t.money), task: t.name };

  if (truncate) {
    // cut mid-line: before the first candidate, or after the first and before the next
    const before = cands.length === 0 || r.chance(0.5);
    const lo = before ? Math.max(0, body.indexOf('\n') + 1) : cands[0].offset + cands[0].value.length + 2;
    const hi = before ? (cands.length ? cands[0].offset - 1 : body.length - 1) : cands.length > 1 ? cands[1].offset - 1 : body.length - 1;
    const spots: number[] = [];
    for (let p = lo; p < hi; p++)
      if (body[p] === ' ' && body[p + 1] !== '\n' && body[p - 1] !== '\n' && body[p + 1] !== undefined) spots.push(p + 1);
    if (spots.length) {
      const cut = r.pick(spots);
      body = body.slice(0, cut);
      cands = cands.filter((k) => k.offset + k.value.length <= cut);
      headers.truncated = 'true';
      final = null;
    }
  }
  if (think && headers.truncated !== 'true') {
    body = body.replace(/\n*$/, '') + '\n' + tags[1] + '\n\n';
    const last = cands.length ? cands[cands.length - 1].value : null;
    const lastNum = last === null ? R : Number(last.replace(/[ ,]/g, ''));
    const shown = fmt(lastNum, r.pick(['plain', 'comma', concSty]), t.money);
    const sb = new Body();
    if (r.chance(0.3)) sb.tpl(r.pick(SUMHEAD), c.vars);
    sb.tpl(r.pick(SUMMARY), c.vars, { num: shown, shape: t.shape, mark: false });
    body += sb.s;
    final = shown;
  }
  return { id: `${family}-${split}-${seed}-${i + 1}`, headers, body, candidates: cands, final };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const r = new Rng(hashSeed(seed, split));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(buildRecord(r, i, seed, split));
  return out;
}
