// Phrasing family "scratchpad": a student's scratchpad. Very short lines, arrows and
// abbreviations, little grammar; partial products, sub-totals, tried values, "hmm no, carry",
// re-checks by another method, corrections and failed "fixes". Labels follow
// docs/annotation-guide.md:
//  - candidates are the statements of a value for the ASKED quantity (result line of its
//    computation, or a concluding statement); partial products, sub-totals, the increase in $,
//    the number of full boxes when the leftover is asked, tried values and numbers quoted from
//    the question are not;
//  - a restatement with no new work in between merges into the earlier candidate (never labelled);
//  - a check that recomputes the asked quantity by another route ends in a new candidate (echo
//    when the value is the same); a check of a sub-step / an inverse check (divide back, add
//    back, plug the % back in) is followed only by a bare confirmation, never by a restatement,
//    so it is never a candidate;
//  - a correction is labelled at the result line of the redone computation.
// Self-contained: the record shape is declared here (it matches ../families/types.ts).
import type { PhrasingRecord as SharedRecord } from '../families/types.js';

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
// compile-time check that the local shape matches the shared one
const _shapeCheck: (r: PhrasingRecord) => SharedRecord = (r) => r;
void _shapeCheck;

export const family = 'scratchpad';

// ---------------------------------------------------------------------------------------------
// PRNG and small helpers

type Rng = () => number;

function mulberry32(seed: number): Rng {
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
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

const ri = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
function pick<T>(r: Rng, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
const chance = (r: Rng, p: number): boolean => r() < p;
function shuffle<T>(r: Rng, xs: T[]): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

function group(n: number, sep: string): string {
  const s = String(Math.abs(Math.trunc(n)));
  if (!sep || s.length <= 3) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s[i];
  }
  return out;
}

function fmtNum(x: number, sep: string): string {
  const neg = x < 0;
  const rounded = Math.round(Math.abs(x) * 100) / 100;
  const s = rounded.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
  const [ip, fp] = s.split('.');
  return (neg ? '-' : '') + group(Number(ip), sep) + (fp ? '.' + fp : '');
}

const plain = (x: number): string => fmtNum(x, '');

// ---------------------------------------------------------------------------------------------
// Line segments: plain text, or a candidate value (its offset is recorded when written)

type Seg = string | { c: string };

class Builder {
  body = '';
  cands: PhrasingCandidate[] = [];
  lines = 0;
  line(...segs: Seg[]): void {
    if (this.lines > 0) this.body += '\n';
    for (const s of segs) {
      if (typeof s === 'string') this.body += s;
      else {
        this.cands.push({ value: s.c, offset: this.body.length });
        this.body += s.c;
      }
    }
    this.lines++;
  }
}

// ---------------------------------------------------------------------------------------------
// Sentence templates (each list has >= 25 entries)

/** Layout of one derivation step "lhs = result" (a record mostly sticks to one). */
const STEP: ((l: string, v: string) => string)[] = [
  (l, v) => `${l} = ${v}`,
  (l, v) => `${l} -> ${v}`,
  (l, v) => `${l} → ${v}`,
  (l, v) => `${l}=${v}`,
  (l, v) => `- ${l} = ${v}`,
  (l, v) => `• ${l} = ${v}`,
  (l, v) => `  ${l} = ${v}`,
  (l, v) => `${l} gives ${v}`,
  (l, v) => `${l} is ${v}`,
  (l, v) => `${l}: ${v}`,
  (l, v) => `${l} == ${v}`,
  (l, v) => `(${l}) = ${v}`,
  (l, v) => `${l} = ${v}.`,
  (l, v) => `${l}  =  ${v}`,
  (l, v) => `> ${l} = ${v}`,
  (l, v) => `| ${l} = ${v}`,
  (l, v) => `${l}\t= ${v}`,
  (l, v) => `${l} ~> ${v}`,
  (l, v) => `${v} = ${l}`,
  (l, v) => `${l} = ${v} ok`,
  (l, v) => `${l} ... ${v}`,
  (l, v) => `${l} => ${v}`,
  (l, v) => `* ${l} = ${v}`,
  (l, v) => `${l} =${v}`,
  (l, v) => `.. ${l} = ${v}`,
  (l, v) => `${l} makes ${v}`,
  (l, v) => `${l} = ${v};`,
];

/** Opening lines: quote the question's numbers; never a candidate. */
const OPENING: ((goal: string, given: string) => string)[] = [
  (g, q) => `${g} = ${q}`,
  (g, q) => `want ${g}: ${q}`,
  (_g, q) => `Q: ${q} = ?`,
  (_g, q) => `${q} = ?`,
  (g) => `find ${g}`,
  (g) => `${g}?`,
  (_g, q) => `${q}`,
  (_g, q) => `given: ${q}`,
  (g, q) => `need ${g} of ${q}`,
  (g) => `task: ${g}`,
  (g) => `-- ${g} --`,
  (g, q) => `${g}: ${q}`,
  (_g, q) => `ok, ${q}`,
  (_g, q) => `so ${q}`,
  (_g, q) => `data: ${q}`,
  (g, q) => `${q}  (find ${g})`,
  (_g, q) => `have ${q}`,
  (g) => `compute ${g}`,
  () => `notes:`,
  () => `scratch`,
  (g, q) => `${q} -> ${g}?`,
  (g) => `goal = ${g}`,
  (_g, q) => `start: ${q}`,
  (_g, q) => `set up: ${q}`,
  (g, q) => `${g} of: ${q}`,
  (g) => `what: ${g}`,
  (_g, q) => `info: ${q}`,
];

/** Hesitation in the middle of a derivation, before any answer (not a decision). */
const HMM: string[] = [
  'hmm',
  'hmm, carry',
  'wait, carry',
  'careful w/ carries',
  'hmm ok',
  'hm.',
  'wait—',
  'Hmm, line up digits',
  'careful',
  'ok next',
  'wait, keep going',
  '...',
  'hmm, slowly',
  'Wait.',
  'hmm let me be careful',
  'ok so far',
  'umm',
  'Hmm, zeros',
  'next part',
  'hmm, mental math',
  'careful here',
  'Wait, not done yet',
  'ok',
  'hmm right',
  'then',
  'Hmm. one at a time',
  'wait, order?',
];

/** Result line of the computation of the asked quantity (one value, the candidate). */
const RESULT: ((lbl: string, e: string, v: Seg[]) => Seg[])[] = [
  (_l, e, v) => [`${e} = `, ...v],
  (_l, e, v) => [`${e} -> `, ...v],
  (_l, e, v) => [`${e} → `, ...v],
  (_l, e, v) => [`${e} => `, ...v],
  (l, e, v) => [`${l}: ${e} = `, ...v],
  (l, e, v) => [`${l} = ${e} = `, ...v],
  (l, _e, v) => [`${l} -> `, ...v],
  (_l, e, v) => [`${e} = `, ...v, '  <- ans'],
  (_l, e, v) => [`${e} = `, ...v, ' ans'],
  (_l, e, v) => [`${e}=`, ...v],
  (_l, e, v) => [`so ${e} = `, ...v],
  (_l, e, v) => [`${e} gives `, ...v],
  (_l, e, v) => [`${e} is `, ...v],
  (_l, e, v) => [`${e}: `, ...v],
  (l, e, v) => [`${l} ${e} -> `, ...v],
  (_l, e, v) => [`=> ${e} = `, ...v],
  (_l, e, v) => [`${e} = `, ...v, '.'],
  (_l, e, v) => [`(${e}) = `, ...v],
  (_l, e, v) => [`${e} ==> `, ...v],
  (_l, e, v) => [`∴ ${e} = `, ...v],
  (_l, e, v) => [`-> ${e} = `, ...v],
  (l, _e, v) => [`${l} = `, ...v],
  (_l, e, v) => [`${e} = `, ...v, ' <--'],
  (_l, e, v) => [`${e}  =  `, ...v],
  (l, e, v) => [`${l}: ${e} → `, ...v],
  (_l, e, v) => [`${e} = `, ...v, ' !'],
  (l, _e, v) => [`${l}: `, ...v],
];

/** Result lines that show the computation (for checks and redos: the new work is on the line). */
const RESULT_FULL = RESULT.filter((t) => t('L', '#EXPR#', ['V']).some((x) => typeof x === 'string' && x.includes('#EXPR#')));

/** Concluding statement of the asked quantity (used when no result line carries it). */
const CONCLUDE: ((goal: string, v: Seg[]) => Seg[])[] = [
  (_g, v) => ['=> ', ...v],
  (g, v) => [`so ${g} = `, ...v],
  (_g, v) => ['ans: ', ...v],
  (g, v) => [`${g} -> `, ...v],
  (_g, v) => ['∴ ', ...v],
  (_g, v) => ['answer ', ...v],
  (_g, v) => ['got ', ...v],
  (_g, v) => ['so ', ...v],
  (_g, v) => ['-> ', ...v],
  (_g, v) => ["so it's ", ...v],
  (g, v) => [`${g}: `, ...v],
  (g, v) => [`so ${g} is `, ...v],
  (g, v) => [`=> ${g} = `, ...v],
  (_g, v) => ['result: ', ...v],
  (g, v) => [`${g} = `, ...v],
  (_g, v) => ['ANS ', ...v],
  (_g, v) => ['=> ans ', ...v],
  (_g, v) => ['that gives ', ...v],
  (_g, v) => ['so answer = ', ...v],
  (_g, v) => ['→ ', ...v],
  (_g, v) => ['hence ', ...v],
  (g, v) => [`thus ${g} = `, ...v],
  (g, v) => [`∴ ${g} = `, ...v],
  (_g, v) => ['which is ', ...v],
  (_g, v) => ['ans = ', ...v],
  (_g, v) => ['so: ', ...v],
];

/** Bare confirmations after an answer: no value, no new work. */
const CONFIRM: string[] = [
  'ok',
  'ok good',
  "Yes, that's right.",
  'looks right',
  '✓',
  'fine',
  'good',
  'seems fine',
  'makes sense',
  'yep',
  'ok.',
  'right',
  'That makes sense.',
  'done',
  'ok that works',
  'good.',
  'looks ok',
  'yes',
  'seems right',
  'ok, sure',
  'alright',
  'no issues',
  'ok cool',
  "that's it",
  'hmm, right? yes',
  'wait... yes ok',
  'Wait, is that right? Yes.',
];

/** Restatements of the value just reached, with no new work (merge, never labelled). */
const RESTATE: ((goal: string, v: Seg[]) => Seg[])[] = [
  (_g, v) => ['so ', ...v],
  (_g, v) => ['yes ', ...v],
  (_g, v) => [...v, ' it is'],
  (_g, v) => ['ok so ', ...v],
  (_g, v) => ['=> ', ...v],
  (g, v) => [`so ${g} `, ...v],
  (_g, v) => ['i.e. ', ...v],
  (_g, v) => ['so ans ', ...v],
  (_g, v) => [...v, ' then'],
  (_g, v) => ["that's ", ...v],
  (_g, v) => ['keep ', ...v],
  (_g, v) => ['so, ', ...v],
  (_g, v) => ['ans ', ...v],
  (_g, v) => ['right, ', ...v],
  (_g, v) => ['= ', ...v],
  (_g, v) => ['so it is ', ...v],
  (_g, v) => [...v, ' ok'],
  (_g, v) => ['yep ', ...v],
  (_g, v) => ['fine, ', ...v],
  (g, v) => [`${g} `, ...v],
  (_g, v) => ['ok: ', ...v],
  (_g, v) => ['so yes ', ...v],
  (_g, v) => ['-> ', ...v],
  (g, v) => [`${g} is `, ...v],
  (_g, v) => ['answer ', ...v],
];

/** Closing summary line (a restatement of the last candidate: merges). */
const SUMMARY: ((goal: string, v: Seg[]) => Seg[])[] = [
  (_g, v) => ['ANS: ', ...v],
  (_g, v) => ['Answer: ', ...v],
  (_g, v) => ['final: ', ...v],
  (_g, v) => ['final answer ', ...v],
  (_g, v) => ['**', ...v, '**'],
  (_g, v) => ['[', ...v, ']'],
  (_g, v) => ['=> ', ...v, ' final'],
  (_g, v) => ['answer = ', ...v],
  (_g, v) => ['FINAL ', ...v],
  (g, v) => [`so final ${g} = `, ...v],
  (_g, v) => ['>> ', ...v],
  (_g, v) => ['ans -> ', ...v],
  (_g, v) => ['done: ', ...v],
  (_g, v) => ['A: ', ...v],
  (_g, v) => ['box: ', ...v],
  (_g, v) => ['result ', ...v],
  (_g, v) => ['going with ', ...v],
  (_g, v) => ['final ans ', ...v],
  (g, v) => [`${g}: `, ...v, ' (final)'],
  (_g, v) => ['Answer ', ...v, '.'],
  (_g, v) => ['-> final ', ...v],
  (_g, v) => ['writing ', ...v],
  (_g, v) => ['ans ', ...v, ' ✓'],
  (_g, v) => ['the answer is ', ...v],
  (g, v) => [`So ${g} = `, ...v, '.'],
  (_g, v) => ['=> ', ...v],
];

/** Start of a check / second look (after an answer). */
const CHECK_INTRO: string[] = [
  'chk:',
  'check:',
  'Let me double-check',
  'double-check',
  'verify',
  'other way:',
  'Alternatively:',
  'Actually let me verify',
  'quick chk',
  'sanity:',
  'Hmm, check',
  'Wait — verify',
  'cross-check',
  'one more check',
  'chk again',
  'confirm:',
  'test it:',
  '2nd method:',
  'back-check',
  'check it:',
  'Let me re-check',
  'hmm, recheck',
  'Wait, let me check that',
  'chk by diff route',
  'redo other way to be sure',
  'Actually, check once more',
];

/** Something is off. */
const MISMATCH: string[] = [
  'hmm no',
  'hmm that’s off',
  "wait, that's wrong",
  'mismatch',
  'oops',
  'no wait',
  "hmm, doesn't match",
  'off somewhere',
  'ugh',
  'wrong!',
  'hmm no, slip',
  'Wait, no.',
  "that's not it",
  'err',
  'oh no',
  "Hmm, something's off",
  'hold on',
  'Actually no',
  'mistake above',
  'nope',
  'hmm, slip somewhere',
  'wait, slip',
  'bad step',
  'Wait.. no',
  'hmm, not right',
  'uh oh',
];

/** Something is off, for an arithmetic slip (carry / borrow). */
const CARRY: string[] = ['hmm no, carry', 'ugh, carry error', 'forgot a carry', 'carry!', 'hmm, dropped a carry', 'borrow/carry slip'];

/** Start of a redo. */
const REDO: string[] = [
  'redo',
  'redo:',
  'fix:',
  'so fix',
  'again:',
  'corrected:',
  'Actually:',
  'so:',
  'fixing',
  'ok redo',
  'take 2',
  'try again',
  'redo w/ fix',
  'fixed:',
  'now:',
  'so really',
  'let me redo',
  'Actually redo',
  'correct it:',
  'recompute',
  'again w/ right #',
  '2nd try',
  'redo it',
  'ok, again',
  'fix it:',
];

/** Mark after a check's result line. */
const ECHO_MARK: string[] = [
  ' ✓',
  ' ✓ same',
  ' same',
  ' — matches',
  ' (matches)',
  ' ok same',
  ' same ans',
  ' ✔',
  ' yes',
  ' consistent',
  ' agrees',
  ' good',
  ' matches above',
  ' ✓✓',
  ' same, good',
  ' same thing',
  ' ok',
  ' checks out',
  ' same result',
  ' yep same',
  ' identical',
  ' still same',
  ' confirmed',
  ' same as 1st',
  '',
  ' — same',
];

/** Prefix of a bare expression line (the result then comes in a concluding statement). */
const EXPR_PREFIX: string[] = ['', 'add: ', 'so ', 'then ', 'now ', 'calc ', '-> ', 'last: ', 'put together: ', 'all: '];

// ---------------------------------------------------------------------------------------------
// Tasks

type Unit = '$' | '%' | 'kg' | 'km' | 'min' | 'box' | 'left' | '';

interface Work {
  lines: string[];
  expr: string | null; // last operation (null: the value is stated by a concluding statement)
  value: number;
}

interface Task {
  query: string;
  answer: number;
  task: string;
  unit: Unit;
  noun: string; // box / left: what is counted
  goal: string[];
  lbl: string[];
  given: string;
  errs: string[];
  arith: string[]; // errs that are carry / borrow slips
  wrongEchoErrs: string[];
  solve(err: string | null): Work;
  fix(err: string): Work;
  echo(k: number): Work;
  wrongEcho(err: string): Work;
  subcheck(): string[];
  badfix(): Work;
}

interface Ctx {
  r: Rng;
  x: string; // multiplication sign
  minus: string;
  dv: string; // division sign
  f: (n: number) => string; // number in steps
  fa: (n: number) => string; // number in answers
  fq: (n: number) => string; // number in the question
  step: (l: string, v: string) => string;
  unitsInSteps: boolean;
}

function mkCtx(r: Rng): Ctx {
  const sSep = chance(r, 0.45) ? ',' : '';
  const aSep = chance(r, 0.6) ? ',' : sSep;
  const qSep = chance(r, 0.7) ? ',' : '';
  const main = ri(r, 0, STEP.length - 1);
  const c: Ctx = {
    r,
    x: pick(r, ['x', 'x', '*', '*', '×', '·']),
    minus: pick(r, ['-', '-', '-', '−']),
    dv: pick(r, ['/', '/', '/', '÷']),
    f: (n) => fmtNum(n, sSep),
    fa: (n) => fmtNum(n, aSep),
    fq: (n) => fmtNum(n, qSep),
    step: (l, v) => (chance(r, 0.2) ? pick(r, STEP) : STEP[main])(l, v),
    unitsInSteps: chance(r, 0.6),
  };
  return c;
}

function perturb(r: Rng, v: number, maxPow: number, min = 1): number {
  for (let t = 0; t < 20; t++) {
    const k = ri(r, 1, Math.max(1, maxPow));
    const d = 10 ** k * (chance(r, 0.65) ? -1 : 1);
    if (v + d >= min && v + d !== v) return v + d;
  }
  return v + 10;
}

const digits = (n: number): number => String(Math.abs(Math.trunc(n))).length;

// --- products -------------------------------------------------------------------------------

function mkMult(c: Ctx): Task {
  const r = c.r;
  const ad = pick(r, [3, 4, 4, 4, 5]);
  const bd = pick(r, [2, 2, 2, 2, 3]);
  let a = 0;
  do a = ri(r, 10 ** (ad - 1) + 11, 10 ** ad - 1);
  while (a % 10 === 0 || a % 100 < 11);
  const parts = (n: number): number[] => {
    const out: number[] = [];
    const s = String(n);
    for (let i = 0; i < s.length; i++) if (s[i] !== '0') out.push(Number(s[i]) * 10 ** (s.length - 1 - i));
    return out;
  };
  let b = 0;
  do b = ri(r, 10 ** (bd - 1) + 1, 10 ** bd - 1);
  while (b % 10 === 0 || parts(b).length < 2);
  const ans = a * b;
  const ms = parts(b);
  const pps = ms.map((m) => a * m);
  const A = c.fq(a);
  const B = c.fq(b);
  const kind = pick(r, ['', '', '', '$', 'kg', 'km', 'min'] as const);
  const X = c.x;
  let query = '';
  let goal: string[] = [];
  let given = `${A} ${X} ${B}`;
  if (kind === '') {
    query = pick(r, [
      `What is ${A} × ${B}?`,
      `Compute ${A} × ${B}.`,
      `Calculate the product ${A} · ${B}.`,
      `Multiply ${A} by ${B}.`,
      `Find the product of ${A} and ${B}.`,
      `Evaluate ${A} * ${B}.`,
    ]);
    goal = ['prod', 'product', 'ans'];
  } else if (kind === '$') {
    query = pick(r, [
      `A school buys ${B} projectors at $${A} each. What is the total cost, in dollars?`,
      `A company pays $${A} per month for each of ${B} leased cars. What does it pay per month in total, in dollars?`,
      `One ticket costs $${A}. How many dollars do ${B} tickets cost?`,
    ]);
    goal = ['cost', 'total $', 'total'];
    given = `${B} @ $${A}`;
  } else if (kind === 'kg') {
    query = pick(r, [
      `A freight wagon carries ${A} kg. How many kg do ${B} such wagons carry?`,
      `Each pallet weighs ${A} kg. What is the total weight of ${B} pallets, in kg?`,
    ]);
    goal = ['weight', 'total kg', 'load'];
    given = `${B} x ${A} kg`;
  } else if (kind === 'km') {
    query = pick(r, [
      `A cargo ship sails ${A} km per voyage. How many km does it sail in ${B} voyages?`,
      `A supply route is ${A} km long. How many km are driven in ${B} runs of the route?`,
    ]);
    goal = ['dist', 'total km', 'distance'];
    given = `${B} runs x ${A} km`;
  } else {
    query = pick(r, [
      `One batch takes ${B} min to bake. How many minutes do ${A} batches take?`,
      `A machine cycle lasts ${B} min. How many minutes do ${A} cycles take?`,
    ]);
    goal = ['time', 'total min', 'mins'];
    given = `${A} x ${B} min`;
  }
  const labStyle = pick(r, [
    ['', '', ''],
    ['pp1: ', 'pp2: ', 'pp3: '],
    ['a) ', 'b) ', 'c) '],
    ['1) ', '2) ', '3) '],
    ['row1 ', 'row2 ', 'row3 '],
    ['- ', '- ', '- '],
  ]);
  const ppLine = (i: number, val: number): string => c.step(`${labStyle[i]}${c.f(a)}${X}${c.f(ms[i])}`, c.f(val));
  const sumExpr = (vals: number[]): string => vals.map((v) => c.f(v)).join(' + ');
  const hi = a - (a % 100);
  const lo = a % 100;
  const splitLine = (i: number, loVal: number): string =>
    `${c.f(a)}${X}${c.f(ms[i])}: ${c.f(hi)}${X}${c.f(ms[i])} = ${c.f(hi * ms[i])}, ${lo}${X}${c.f(ms[i])} = ${c.f(loVal)} -> ${c.f(hi * ms[i] + loVal)}`;
  let wrongPps = pps.slice();
  let wrongIdx = 0;
  const methods = shuffle(r, b % 10 !== 0 && digits(b) === 2 ? ['swap', 'round', 'splitA'] : ['swap', 'splitA']);
  const echoWork = (m: string): Work => {
    if (m === 'round') {
      const R = Math.ceil(b / 10) * 10;
      return {
        lines: [c.step(`${c.f(a)}${X}${R}`, c.f(a * R)), c.step(`${c.f(a)}${X}${R - b}`, c.f(a * (R - b)))],
        expr: `${c.f(a * R)} ${c.minus} ${c.f(a * (R - b))}`,
        value: ans,
      };
    }
    const cut = a >= 10000 ? a - (a % 1000) : hi;
    const rest = a - cut;
    if (m === 'swap')
      return {
        lines: [c.step(`${B}${X}${c.f(cut)}`, c.f(b * cut)), c.step(`${B}${X}${c.f(rest)}`, c.f(b * rest))],
        expr: `${c.f(b * cut)} + ${c.f(b * rest)}`,
        value: ans,
      };
    return {
      lines: [`(${c.f(cut)} + ${rest})${X}${B}`, c.step(`${c.f(cut)}${X}${B}`, c.f(cut * b)), c.step(`${rest}${X}${B}`, c.f(rest * b))],
      expr: `${c.f(cut * b)} + ${c.f(rest * b)}`,
      value: ans,
    };
  };
  return {
    query,
    answer: ans,
    task: `${ad}x${bd}`,
    unit: kind,
    noun: '',
    goal,
    lbl: ['sum', 'total', 'prod'],
    given,
    errs: ['pp', 'pp', 'add'],
    arith: ['pp', 'add'],
    wrongEchoErrs: ['pp'],
    solve(err) {
      const lines: string[] = [];
      wrongPps = pps.slice();
      if (err === 'pp') {
        wrongIdx = ri(r, 0, pps.length - 1);
        wrongPps[wrongIdx] = perturb(r, pps[wrongIdx], Math.min(3, digits(pps[wrongIdx]) - 2));
      }
      const slipAt = err === null && chance(r, 0.18) ? ri(r, 0, pps.length - 1) : -1;
      for (let i = 0; i < pps.length; i++) {
        if (i === slipAt) {
          lines.push(ppLine(i, perturb(r, pps[i], 2)));
          lines.push(pick(r, ['hmm no, carry', 'no wait, carry the 1', 'hmm, that digit is off', 'wait, redo that row']));
        }
        lines.push(ppLine(i, wrongPps[i]));
      }
      let value = wrongPps.reduce((s, v) => s + v, 0);
      if (err === 'add') value = perturb(r, value, 3);
      return { lines, expr: sumExpr(wrongPps), value };
    },
    fix(err) {
      if (err === 'pp') {
        return {
          lines: [`${splitLine(wrongIdx, lo * ms[wrongIdx])}, not ${c.f(wrongPps[wrongIdx])}`],
          expr: sumExpr(pps),
          value: ans,
        };
      }
      return { lines: [pick(r, ['re-add:', 'add again, column by column', 're-add slowly'])], expr: sumExpr(pps), value: ans };
    },
    echo(k) {
      return echoWork(methods[k % methods.length]);
    },
    wrongEcho() {
      return {
        lines: [pick(r, ['re-add the rows:', 'add again:', 'sum again'])],
        expr: sumExpr(wrongPps),
        value: wrongPps.reduce((s, v) => s + v, 0),
      };
    },
    subcheck() {
      const i = ri(r, 0, pps.length - 1);
      return pick(r, [
        [`${splitLine(i, lo * ms[i])} ✓`],
        [`${c.f(ans)} ${c.dv} ${B} = ${c.f(a)} ✓`],
        [
          `est: ${c.f(Math.round(a / 100) * 100)}${X}${Math.round(b / 10) * 10} ≈ ${c.f(Math.round(a / 100) * 100 * Math.round(b / 10) * 10)}, ballpark ok`,
        ],
      ]);
    },
    badfix() {
      const i = ri(r, 0, pps.length - 1);
      const badLo = perturb(r, lo * ms[i], Math.min(2, digits(lo * ms[i]) - 1), 0);
      const newPps = pps.slice();
      newPps[i] = hi * ms[i] + badLo;
      return {
        lines: [splitLine(i, badLo), `had ${c.f(pps[i])}, fix`],
        expr: sumExpr(newPps),
        value: newPps.reduce((s, v) => s + v, 0),
      };
    },
  };
}

function mkProdDiff(c: Ctx): Task {
  const r = c.r;
  const X = c.x;
  const M = c.minus;
  const two = (): number => {
    let v = 0;
    do v = ri(r, 12, 98);
    while (v % 10 === 0);
    return v;
  };
  let a = 0;
  let b = 0;
  let cc = 0;
  let d = 0;
  do {
    a = chance(r, 0.25) ? ri(r, 101, 489) : two();
    if (a % 10 === 0) a += 3;
    b = two();
    cc = two();
    d = two();
  } while (a * b <= cc * d + 100);
  const P1 = a * b;
  const P2 = cc * d;
  const ans = P1 - P2;
  const E = `${c.fq(a)} × ${c.fq(b)} − ${c.fq(cc)} × ${c.fq(d)}`;
  const query = pick(r, [
    `Compute ${E}.`,
    `What is ${E}?`,
    `Evaluate ${E}.`,
    `Find the value of ${E}.`,
    `Calculate ${a}·${b} − ${cc}·${d}.`,
  ]);
  const given = `${a}${X}${b} ${M} ${cc}${X}${d}`;
  const prodLines = (p: number, q: number, val: number, name: string, interim: boolean): string[] => {
    const out: string[] = [];
    const t = q - (q % 10);
    const o = q % 10;
    if (chance(r, 0.55)) {
      out.push(c.step(`${p}${X}${t}`, c.f(p * t)));
      out.push(c.step(`${p}${X}${o}`, c.f(p * o)));
      out.push(c.step(`${c.f(p * t)} + ${c.f(p * o)}`, c.f(val)));
    } else out.push(c.step(`${p}${X}${q}`, c.f(val)));
    if (interim)
      out.push(
        pick(r, [`so ${name} = ${c.f(val)}`, `so the ${name} is ${c.f(val)}`, `${name} done: ${c.f(val)}`, `=> ${name} ${c.f(val)}`]),
      );
    return out;
  };
  const swapLine = (p: number, q: number, val: number, shown: number): string => {
    const t = p - (p % 10);
    const o = p % 10;
    return `${q}${X}${p}: ${q}${X}${t} = ${c.f(q * t)}, ${q}${X}${o} = ${c.f(q * o)} -> ${c.f(q * t + q * o)}${val === shown ? '' : `, not ${c.f(shown)}`}`;
  };
  let w1 = P1;
  let w2 = P2;
  let wrongVal = ans;
  const n1 = pick(r, ['1st part', 'first product', 'left part', 'part A']);
  const n2 = pick(r, ['2nd part', 'second product', 'right part', 'part B']);
  const methods = shuffle(r, ['swap', 'round']);
  return {
    query,
    answer: ans,
    task: 'prod-diff',
    unit: '',
    noun: '',
    goal: ['diff', 'result', 'value'],
    lbl: ['diff', 'result', 'diff'],
    given,
    errs: ['p1', 'p2', 'borrow', 'sign'],
    arith: ['p1', 'p2', 'borrow'],
    wrongEchoErrs: ['p1', 'p2', 'sign'],
    solve(err) {
      w1 = err === 'p1' ? perturb(r, P1, 2) : P1;
      w2 = err === 'p2' ? perturb(r, P2, 2) : P2;
      const lines = [...prodLines(a, b, w1, n1, chance(r, 0.4)), ...prodLines(cc, d, w2, n2, chance(r, 0.25))];
      if (err === 'sign') {
        wrongVal = w1 + w2;
        return { lines, expr: `${c.f(w1)} + ${c.f(w2)}`, value: wrongVal };
      }
      wrongVal = err === 'borrow' ? perturb(r, w1 - w2, 2) : w1 - w2;
      return { lines, expr: `${c.f(w1)} ${M} ${c.f(w2)}`, value: wrongVal };
    },
    fix(err) {
      if (err === 'p1') return { lines: [swapLine(a, b, P1, w1)], expr: `${c.f(P1)} ${M} ${c.f(P2)}`, value: ans };
      if (err === 'p2') return { lines: [swapLine(cc, d, P2, w2)], expr: `${c.f(P1)} ${M} ${c.f(P2)}`, value: ans };
      if (err === 'sign')
        return {
          lines: [pick(r, ['it says minus, not plus', 'sign! it is a difference', 'wait, I added — should subtract'])],
          expr: `${c.f(P1)} ${M} ${c.f(P2)}`,
          value: ans,
        };
      return {
        lines: [pick(r, ['borrow!', 're-sub:', 'subtract again, borrow carefully'])],
        expr: `${c.f(P1)} ${M} ${c.f(P2)}`,
        value: ans,
      };
    },
    echo(k) {
      const m = methods[k % methods.length];
      if (m === 'swap') return { lines: [swapLine(a, b, P1, P1), swapLine(cc, d, P2, P2)], expr: `${c.f(P1)} ${M} ${c.f(P2)}`, value: ans };
      const R = Math.ceil((P2 + 1) / 100) * 100;
      return { lines: [`take ${c.f(R)} off then add back ${R - P2}`], expr: `${c.f(P1)} ${M} ${c.f(R)} + ${R - P2}`, value: ans };
    },
    wrongEcho(err) {
      if (err === 'sign') return { lines: [pick(r, ['add again', 're-add'])], expr: `${c.f(w2)} + ${c.f(w1)}`, value: wrongVal };
      return { lines: [pick(r, ['re-sub', 'subtract again', 'redo last step'])], expr: `${c.f(w1)} ${M} ${c.f(w2)}`, value: wrongVal };
    },
    subcheck() {
      return pick(r, [[`${c.f(ans)} + ${c.f(P2)} = ${c.f(P1)} ✓`], [`${swapLine(a, b, P1, P1)} ✓`], [`${swapLine(cc, d, P2, P2)} ✓`]]);
    },
    badfix() {
      const t = cc - (cc % 10);
      const o = cc % 10;
      const bad = perturb(r, d * o, 1, 0);
      const nP2 = d * t + bad;
      return {
        lines: [`${d}${X}${cc}: ${d}${X}${t} = ${c.f(d * t)}, ${d}${X}${o} = ${bad} -> ${c.f(nP2)}`, `had ${c.f(P2)}, fix`],
        expr: `${c.f(P1)} ${M} ${c.f(nP2)}`,
        value: P1 - nP2,
      };
    },
  };
}

// --- totals ---------------------------------------------------------------------------------

interface Item {
  name: string; // plural, in the question
  short: string; // in the scratchpad
  lo: number;
  hi: number;
}

const SHOP: Item[] = [
  { name: 'pens', short: 'pens', lo: 2, hi: 5 },
  { name: 'notebooks', short: 'nb', lo: 3, hi: 9 },
  { name: 'rulers', short: 'rulers', lo: 1, hi: 4 },
  { name: 'markers', short: 'mrk', lo: 2, hi: 6 },
  { name: 'coffees', short: 'coffee', lo: 3, hi: 6 },
  { name: 'muffins', short: 'muff', lo: 2, hi: 5 },
  { name: 'sandwiches', short: 'sandw', lo: 6, hi: 12 },
  { name: 'T-shirts', short: 'tees', lo: 9, hi: 25 },
  { name: 'mugs', short: 'mugs', lo: 4, hi: 14 },
  { name: 'movie tickets', short: 'tix', lo: 8, hi: 16 },
];
const LOADS: Item[] = [
  { name: 'crates of apples', short: 'crates', lo: 12, hi: 30 },
  { name: 'sacks of flour', short: 'sacks', lo: 25, hi: 50 },
  { name: 'boxes of nails', short: 'nails', lo: 5, hi: 20 },
  { name: 'bags of cement', short: 'cement', lo: 20, hi: 50 },
  { name: 'drums of oil', short: 'drums', lo: 60, hi: 190 },
];
const RIDES: Item[] = [
  { name: 'weekday commutes', short: 'wkday', lo: 8, hi: 24 },
  { name: 'weekend rides', short: 'wkend', lo: 30, hi: 75 },
  { name: 'hill loops', short: 'loops', lo: 6, hi: 15 },
  { name: 'long tours', short: 'tours', lo: 80, hi: 140 },
];
const SESSIONS: Item[] = [
  { name: 'lectures', short: 'lect', lo: 45, hi: 90 },
  { name: 'labs', short: 'labs', lo: 30, hi: 120 },
  { name: 'quizzes', short: 'quiz', lo: 10, hi: 30 },
  { name: 'tutorials', short: 'tut', lo: 25, hi: 55 },
];

function listText(parts: string[]): string {
  return parts.length === 2 ? `${parts[0]} and ${parts[1]}` : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function mkTotal(c: Ctx): Task {
  const r = c.r;
  const X = c.x;
  const kind = pick(r, ['$', '$', '$', 'kg', 'km', 'min'] as const);
  const cat = kind === '$' ? SHOP : kind === 'kg' ? LOADS : kind === 'km' ? RIDES : SESSIONS;
  const n = pick(r, [2, 3, 3, 3, 4]);
  const its = shuffle(r, cat).slice(0, n);
  const ps = its.map((it) => ri(r, it.lo, it.hi));
  const qs = its.map(() => ri(r, 2, kind === 'kg' ? 18 : 9));
  const subs = ps.map((p, i) => p * qs[i]);
  const ans = subs.reduce((s, v) => s + v, 0);
  const who = pick(r, ['Sam', 'Dana', 'Priya', 'Leo', 'Mei', 'Omar', 'Ana', 'Tom']);
  let query = '';
  let goal: string[] = ['total'];
  const u = (v: number, step = true): string => (kind === '$' ? `$${c.f(v)}` : step && c.unitsInSteps ? `${c.f(v)} ${kind}` : c.f(v));
  if (kind === '$') {
    query = `At a shop, ${listText(its.map((it, i) => `${it.name} cost $${ps[i]} each`))}. ${who} buys ${listText(its.map((it, i) => `${qs[i]} ${it.name}`))}. How much does ${who} spend in total, in dollars?`;
    goal = ['total', 'total $', 'cost'];
  } else if (kind === 'kg') {
    query = `A truck is loaded with ${listText(its.map((it, i) => `${qs[i]} ${it.name} of ${ps[i]} kg each`))}. What is the total load in kg?`;
    goal = ['total', 'total kg', 'load'];
  } else if (kind === 'km') {
    query = `This month ${who} cycled ${listText(its.map((it, i) => `${qs[i]} ${it.name} of ${ps[i]} km`))}. How many km is that in total?`;
    goal = ['total', 'total km', 'dist'];
  } else {
    query = `A course week has ${listText(its.map((it, i) => `${qs[i]} ${it.name} of ${ps[i]} min`))}. How many minutes is that in total?`;
    goal = ['total', 'total min', 'time'];
  }
  const given = its.map((it, i) => `${qs[i]} ${it.short} @ ${kind === '$' ? '$' + ps[i] : ps[i]}`).join(', ');
  const itemLine = (i: number, q: number, val: number): string =>
    c.step(`${its[i].short}: ${q} ${X} ${kind === '$' ? '$' + ps[i] : ps[i]}`, u(val));
  const addExpr = (vals: number[]): string => vals.map((v) => (kind === '$' && chance(r, 0.3) ? '$' + c.f(v) : c.f(v))).join(' + ');
  let wsubs = subs.slice();
  let shown: number[] = subs.slice();
  let wrongVal = ans;
  let wi = 0;
  const methods = shuffle(r, n >= 3 ? ['reverse', 'group'] : ['reverse']);
  return {
    query,
    answer: ans,
    task: kind === '$' ? 'shop-total' : `total-${kind}`,
    unit: kind,
    noun: '',
    goal,
    lbl: ['total', 'sum', 'tot'],
    given,
    errs: ['forgot', 'item', 'add'],
    arith: ['add'],
    wrongEchoErrs: ['forgot', 'item'],
    solve(err) {
      wsubs = subs.slice();
      if (err === 'item') {
        wi = ri(r, 0, n - 1);
        wsubs[wi] = chance(r, 0.5) ? subs[wi] + ps[wi] * (chance(r, 0.5) ? 1 : -1) : perturb(r, subs[wi], 1);
        if (wsubs[wi] <= 0 || wsubs[wi] === subs[wi]) wsubs[wi] = subs[wi] + 10;
      }
      const count = err === 'forgot' ? n - 1 : n;
      shown = wsubs.slice(0, count);
      const lines: string[] = [];
      for (let i = 0; i < count; i++) {
        lines.push(itemLine(i, qs[i], wsubs[i]));
        if (i === 1 && count >= 3 && chance(r, 0.35)) {
          const s2 = wsubs[0] + wsubs[1];
          lines.push(
            pick(r, [`so far ${u(s2)}`, `so ${its[0].short}+${its[1].short} = ${u(s2)}`, `subtotal ${u(s2)}`, `first two: ${u(s2)}`]),
          );
        }
      }
      wrongVal = shown.reduce((s, v) => s + v, 0);
      if (err === 'add') wrongVal = perturb(r, wrongVal, digits(wrongVal) >= 3 ? 2 : 1);
      return { lines, expr: addExpr(shown), value: wrongVal };
    },
    fix(err) {
      if (err === 'forgot') {
        const part = subs.slice(0, n - 1).reduce((s, v) => s + v, 0);
        return {
          lines: [
            pick(r, [`wait, forgot the ${its[n - 1].short}!`, `hmm, ${its[n - 1].short} missing`, `forgot ${its[n - 1].name}`]),
            itemLine(n - 1, qs[n - 1], subs[n - 1]),
          ],
          expr: `${c.f(part)} + ${c.f(subs[n - 1])}`,
          value: ans,
        };
      }
      if (err === 'item')
        return {
          lines: [`${its[wi].short}: ${qs[wi]} ${X} ${ps[wi]} = ${c.f(subs[wi])}, not ${c.f(wsubs[wi])}`],
          expr: addExpr(subs),
          value: ans,
        };
      return { lines: [pick(r, ['re-add:', 'add again', 'column add again'])], expr: addExpr(subs), value: ans };
    },
    echo(k) {
      const m = methods[k % methods.length];
      if (m === 'reverse')
        return { lines: [pick(r, ['other order:', 'add backwards', 'reverse order'])], expr: addExpr(subs.slice().reverse()), value: ans };
      const g = subs[0] + subs[n - 1];
      return {
        lines: [c.step(`${c.f(subs[0])} + ${c.f(subs[n - 1])}`, c.f(g))],
        expr: [g, ...subs.slice(1, n - 1)].map((v) => c.f(v)).join(' + '),
        value: ans,
      };
    },
    wrongEcho() {
      return { lines: [pick(r, ['other order:', 'add backwards', 're-add'])], expr: addExpr(shown.slice().reverse()), value: wrongVal };
    },
    subcheck() {
      const i = ri(r, 0, n - 1);
      return pick(r, [
        [`${its[i].short} again: ${ps[i]} ${X} ${qs[i]} = ${c.f(subs[i])} ✓`],
        [`prices ok, counts ok: ${qs.join(', ')}`],
        [`each line ≤ ${c.f(Math.max(...subs))}, fine`],
      ]);
    },
    badfix() {
      const i = ri(r, 0, n - 1);
      const nsubs = subs.slice();
      nsubs[i] = (qs[i] + 1) * ps[i];
      return {
        lines: [
          pick(r, [`hmm, was it ${qs[i] + 1} ${its[i].short}?`, `wait, ${qs[i] + 1} ${its[i].short} not ${qs[i]}?`]),
          itemLine(i, qs[i] + 1, nsubs[i]),
        ],
        expr: addExpr(nsubs),
        value: nsubs.reduce((s, v) => s + v, 0),
      };
    },
  };
}

// --- averages -------------------------------------------------------------------------------

function mkAvg(c: Ctx): Task {
  const r = c.r;
  const kind = pick(r, ['', '', 'km', 'kg', 'min', '$'] as const);
  const [lo, hi] = kind === '' ? [52, 100] : kind === 'km' ? [3, 42] : kind === 'kg' ? [2, 60] : kind === 'min' ? [12, 95] : [120, 980];
  const n = pick(r, [3, 4, 4, 5, 5, 6]);
  const half = n % 2 === 0 && chance(r, 0.25);
  const div = half ? n / 2 : n;
  let vals: number[] = [];
  for (let t = 0; t < 200; t++) {
    vals = Array.from({ length: n - 1 }, () => ri(r, lo, hi));
    const s = vals.reduce((x, y) => x + y, 0);
    let last = ri(r, lo, hi);
    while ((s + last) % div !== 0) last++;
    if (last <= hi + 3 && (!half || (s + last) % n !== 0)) {
      vals.push(last);
      break;
    }
  }
  if (vals.length < n) {
    vals = Array.from({ length: n }, () => ri(r, lo, hi));
    const s = vals.reduce((x, y) => x + y, 0);
    vals[n - 1] += (n - (s % n)) % n;
  }
  const S = vals.reduce((x, y) => x + y, 0);
  const ans = S / n;
  const list = vals.map((v) => c.fq(v)).join(', ');
  let query = '';
  let goal: string[] = [];
  if (kind === '') {
    query = pick(r, [
      `The scores on ${n} tests were ${list}. What is the average score?`,
      `A student scored ${list} on ${n} quizzes. What is the mean score?`,
    ]);
    goal = ['avg', 'mean', 'avg score'];
  } else if (kind === 'km') {
    query = `Over ${n} days a runner ran ${vals.join(' km, ')} km. What was the average distance per day, in km?`;
    goal = ['avg', 'avg km', 'mean'];
  } else if (kind === 'kg') {
    query = `${n} parcels weigh ${vals.join(' kg, ')} kg. What is their mean weight in kg?`;
    goal = ['avg', 'mean wt', 'avg kg'];
  } else if (kind === 'min') {
    query = `${n} bus trips took ${vals.join(', ')} minutes. What was the average trip time, in minutes?`;
    goal = ['avg', 'avg time', 'mean'];
  } else {
    query = `A stall's sales on ${n} days were $${vals.map((v) => c.fq(v)).join(', $')}. What were the average daily sales, in dollars?`;
    goal = ['avg', 'avg sales', 'mean'];
  }
  const u = (v: number): string => (kind === '$' ? `$${c.f(v)}` : kind && c.unitsInSteps ? `${c.f(v)} ${kind}` : c.f(v));
  const D = c.dv;
  let wS = S;
  let wn = n;
  let wrongVal = ans;
  const runLines = (slipAt: number, slip: number): { lines: string[]; sum: number } => {
    const lines: string[] = [];
    if (chance(r, 0.4) && slipAt < 0) {
      lines.push(c.step(`sum = ${vals.map((v) => c.f(v)).join(' + ')}`, u(S)));
      return { lines, sum: S };
    }
    let acc = vals[0];
    for (let i = 1; i < n; i++) {
      const next = acc + vals[i] + (i === slipAt ? slip : 0);
      lines.push(c.step(`${c.f(acc)} + ${c.f(vals[i])}`, c.f(next)));
      acc = next;
    }
    return { lines, sum: acc };
  };
  const methods = shuffle(r, ['dev', 'reverse']);
  return {
    query,
    answer: ans,
    task: 'average',
    unit: kind,
    noun: '',
    goal,
    lbl: ['avg', 'mean', 'avg'],
    given: `${vals.join(', ')} (n=${n})`,
    errs: ['count', 'sum'],
    arith: ['sum'],
    wrongEchoErrs: ['count'],
    solve(err) {
      const slipAt = err === 'sum' ? ri(r, 1, n - 1) : -1;
      const { lines, sum } = runLines(slipAt, perturb(r, 0, 1, -1000));
      wS = sum;
      if (chance(r, 0.35)) lines.push(pick(r, [`so total = ${u(wS)}`, `sum is ${u(wS)}`, `total ${u(wS)}`, `=> sum ${u(wS)}`]));
      wn = err === 'count' ? n + (chance(r, 0.6) || n <= 3 ? 1 : -1) : n;
      if (chance(r, 0.4) || err === 'count') lines.push(pick(r, [`n = ${wn}`, `${wn} values`, `count ${wn}`, `/${wn}`]));
      wrongVal = wS / wn;
      return { lines, expr: `${c.f(wS)}${D}${wn}`, value: wrongVal };
    },
    fix(err) {
      if (err === 'count')
        return {
          lines: [
            `count again: ${vals.join(', ')} -> ${n} values`,
            pick(r, [`n = ${n}, not ${wn}`, `so divide by ${n}`, `${n} not ${wn}!`]),
          ],
          expr: `${c.f(S)}${D}${n}`,
          value: ans,
        };
      return {
        lines: [c.step(`re-add: ${vals.map((v) => c.f(v)).join('+')}`, c.f(S)), `had ${c.f(wS)}`],
        expr: `${c.f(S)}${D}${n}`,
        value: ans,
      };
    },
    echo(k) {
      const m = methods[k % methods.length];
      if (m === 'reverse') {
        const rev = vals.slice().reverse();
        return { lines: [c.step(`backwards: ${rev.map((v) => c.f(v)).join('+')}`, c.f(S))], expr: `${c.f(S)}${D}${n}`, value: ans };
      }
      const base = Math.round(ans / 10) * 10 || 10;
      const devs = vals.map((v) => v - base);
      const sd = devs.reduce((x, y) => x + y, 0);
      const q = sd / n;
      const devTxt = devs.map((v, i) => (v >= 0 ? (i === 0 ? `${v}` : `+${v}`) : `${v}`)).join(' ');
      return {
        lines: [`base ${base}: ${devTxt}`, c.step('devs', `${sd}`), c.step(`${sd}${D}${n}`, fmtNum(q, ''))],
        expr: q >= 0 ? `${c.f(base)} + ${fmtNum(q, '')}` : `${c.f(base)} ${c.minus} ${fmtNum(-q, '')}`,
        value: ans,
      };
    },
    wrongEcho() {
      return { lines: [`recount: ${vals.join(', ')} -> ${wn}?`], expr: `${c.f(wS)}${D}${wn}`, value: wrongVal };
    },
    subcheck() {
      return pick(r, [
        [`${c.fa(ans)} ${c.x} ${n} = ${c.f(S)} ✓`],
        [`between ${Math.min(...vals)} and ${Math.max(...vals)} ✓`],
        [`${c.fa(ans)}${c.x}${n} -> ${c.f(S)}, matches sum`],
      ]);
    },
    badfix() {
      const { lines, sum } = (() => {
        const slip = perturb(r, 0, 1, -1000);
        return { lines: [c.step(`re-add: ${vals.map((v) => c.f(v)).join('+')}`, c.f(S + slip))], sum: S + slip };
      })();
      return {
        lines: [...lines, pick(r, [`hmm, not ${c.f(S)}`, `had ${c.f(S)}? use this`, `so sum ${c.f(sum)}`])],
        expr: `${c.f(sum)}${D}${n}`,
        value: sum / n,
      };
    },
  };
}

// --- percentage increase --------------------------------------------------------------------

function mkPct(c: Ctx): Task {
  const r = c.r;
  const X = c.x;
  const D = c.dv;
  const rate = pick(r, [4, 5, 6, 8, 10, 12, 15, 16, 20, 24, 25, 30, 35, 40, 45, 50, 60, 75]);
  const unitStep = 100 / gcd(rate, 100);
  const kind = pick(r, ['$', '$', 'pop', 'kg', 'km', 'min'] as const);
  const [lo, hi] =
    kind === 'pop' ? [800, 60000] : kind === '$' ? [20, 2400] : kind === 'kg' ? [40, 900] : kind === 'km' ? [20, 600] : [20, 300];
  let old = 0;
  do old = Math.round(ri(r, lo, hi) / unitStep) * unitStep;
  while (old < lo || old === 0);
  const d = (old * rate) / 100;
  const nw = old + d;
  const O = c.fq(old);
  const N = c.fq(nw);
  let query = '';
  if (kind === '$')
    query = pick(r, [
      `The price of a bike went from $${O} to $${N}. By what percent did the price increase?`,
      `A worker's weekly pay rose from $${O} to $${N}. What was the percentage increase?`,
      `Rent went up from $${O} to $${N} per month. Find the percent increase.`,
    ]);
  else if (kind === 'pop') query = `A town's population grew from ${O} to ${N}. What was the percentage increase?`;
  else if (kind === 'kg') query = `A calf's weight went from ${O} kg to ${N} kg. By what percent did it increase?`;
  else if (kind === 'km') query = `A bus route was extended from ${O} km to ${N} km. What is the percentage increase in its length?`;
  else query = `A commute grew from ${O} min to ${N} min. By what percent did the commute time increase?`;
  const u = (v: number): string => (kind === '$' ? `$${c.f(v)}` : kind !== 'pop' && c.unitsInSteps ? `${c.f(v)} ${kind}` : c.f(v));
  const g = gcd(d, old);
  const way = pick(r, ['direct', 'onepct', 'frac']);
  const work = (dd: number, base: number, w: string): Work => {
    const val = (dd / base) * 100;
    if (w === 'onepct') {
      const one = base / 100;
      return { lines: [c.step(`1% of ${c.f(base)}`, fmtNum(one, ''))], expr: `${c.f(dd)}${D}${fmtNum(one, '')}`, value: val };
    }
    if (w === 'frac' && base === old && dd === d)
      return {
        lines: [c.step(`${c.f(dd)}${D}${c.f(base)}`, `${d / g}${D}${old / g}`)],
        expr: `${d / g}${D}${old / g} ${X} 100`,
        value: val,
      };
    return { lines: [], expr: `${c.f(dd)}${D}${c.f(base)} ${X} 100`, value: val };
  };
  let wd = d;
  let wrongVal = rate;
  const ratio = nw / old;
  return {
    query,
    answer: rate,
    task: 'pct-inc',
    unit: '%',
    noun: '',
    goal: ['% inc', 'pct', '% up'],
    lbl: ['%', 'pct', '% inc'],
    given: `${O} -> ${N}`,
    errs: ['overnew', 'overnew', 'diff'],
    arith: ['diff'],
    wrongEchoErrs: ['overnew'],
    solve(err) {
      wd = err === 'diff' ? perturb(r, d, digits(d) >= 3 ? 2 : 1, 1) : d;
      const lines = [c.step(`inc = ${c.f(nw)} ${c.minus} ${c.f(old)}`, u(wd))];
      if (chance(r, 0.35)) lines.push(pick(r, [`so it went up by ${u(wd)}`, `increase is ${u(wd)}`, `so +${u(wd)}`, `=> up ${u(wd)}`]));
      const base = err === 'overnew' ? nw : old;
      const w = work(wd, base, err ? 'direct' : way);
      wrongVal = w.value;
      return { lines: [...lines, ...w.lines], expr: w.expr, value: w.value };
    },
    fix(err) {
      const first =
        err === 'overnew'
          ? pick(r, [
              `% change is vs the ORIGINAL ${c.f(old)}, not ${c.f(nw)}`,
              `base should be old value ${c.f(old)}`,
              `divide by ${c.f(old)} (start), not new`,
            ])
          : `${c.f(nw)} ${c.minus} ${c.f(old)} = ${c.f(d)}, not ${c.f(wd)}`;
      const w = work(d, old, 'direct');
      return { lines: [first, ...w.lines], expr: w.expr, value: rate };
    },
    echo(k) {
      if (k % 2 === 0)
        return {
          lines: [c.step(`${c.f(nw)}${D}${c.f(old)}`, fmtNum(ratio, ''))],
          expr: `(${fmtNum(ratio, '')} ${c.minus} 1) ${X} 100`,
          value: rate,
        };
      const w = work(d, old, way === 'onepct' ? 'direct' : 'onepct');
      return w;
    },
    wrongEcho() {
      const w = work(d, nw, 'onepct');
      return { lines: [pick(r, ['other way, same base:', 'again:']), ...w.lines], expr: w.expr, value: wrongVal };
    },
    subcheck() {
      return pick(r, [
        [`${c.f(old)} ${X} ${fmtNum(ratio, '')} = ${c.f(nw)} ✓`],
        [`${c.f(old)} + ${c.f(d)} = ${c.f(nw)} ✓`],
        [`10% of ${c.f(old)} = ${fmtNum(old / 10, '')}, so ballpark fine`],
      ]);
    },
    badfix() {
      const w = work(d, nw, 'direct');
      return {
        lines: [pick(r, ['hmm, should it be over the new value?', `wait, % of ${c.f(nw)}?`, 'Actually use the final amount as base?'])],
        expr: w.expr,
        value: w.value,
      };
    },
  };
}

// --- division with remainder ----------------------------------------------------------------

const PACKS: { item: string; box: string; one: string; verb: string }[] = [
  { item: 'eggs', box: 'cartons', one: 'carton', verb: 'packs' },
  { item: 'cookies', box: 'bags', one: 'bag', verb: 'bags' },
  { item: 'books', box: 'shelves', one: 'shelf', verb: 'puts' },
  { item: 'bottles', box: 'crates', one: 'crate', verb: 'loads' },
  { item: 'pencils', box: 'packs', one: 'pack', verb: 'packs' },
  { item: 'marbles', box: 'jars', one: 'jar', verb: 'fills' },
  { item: 'apples', box: 'boxes', one: 'box', verb: 'packs' },
  { item: 'tiles', box: 'boxes', one: 'box', verb: 'packs' },
];

function mkDiv(c: Ctx): Task {
  const r = c.r;
  const X = c.x;
  const D = c.dv;
  const p = pick(r, PACKS);
  const askBoxes = chance(r, 0.5);
  let s = 0;
  let N = 0;
  let q = 0;
  let rem = 0;
  do {
    s = ri(r, 6, 48);
    N = ri(r, 180, chance(r, 0.5) ? 2000 : 9999);
    q = Math.floor(N / s);
    rem = N % s;
  } while (rem === 0 || q < 12);
  const q10 = q % 10 === 0 ? q - 10 : q - (q % 10);
  const rem1 = N - s * q10;
  const who = pick(r, ['A farm', 'A bakery', 'A library', 'A shop', 'A warehouse', 'A school']);
  const NN = c.fq(N);
  const query = askBoxes
    ? pick(r, [
        `${who} ${p.verb} ${NN} ${p.item} into ${p.box} of ${s}. How many full ${p.box} can it fill?`,
        `There are ${NN} ${p.item}, and each of the ${p.box} holds ${s}. How many ${p.box} can be filled completely?`,
      ])
    : pick(r, [
        `${who} ${p.verb} ${NN} ${p.item} into ${p.box} of ${s}, filling as many ${p.box} as possible. How many ${p.item} are left over?`,
        `${NN} ${p.item} are put into ${p.box} of ${s} each, filling as many ${p.box} as possible. How many ${p.item} are left over?`,
      ]);
  const given = `${c.f(N)} ${p.item}, ${s}/${p.one}`;
  const way = pick(r, ['tries', 'chunk']);
  const tries = (): string[] => [
    c.step(`${s} ${X} ${q - 1}`, c.f(s * (q - 1))),
    c.step(`${s} ${X} ${q}`, c.f(s * q)),
    `${c.step(`${s} ${X} ${q + 1}`, c.f(s * (q + 1)))} > ${c.f(N)}, too many`,
  ];
  const chunk = (full: boolean): string[] => {
    const out = [c.step(`${s} ${X} ${q10}`, c.f(s * q10)), c.step(`${c.f(N)} ${c.minus} ${c.f(s * q10)}`, c.f(rem1))];
    if (full) out.push(c.step(`${rem1}${D}${s}`, `${q - q10} more`));
    return out;
  };
  const fullBoxes = (n: number): string => pick(r, [`so ${n} full ${p.box}`, `=> ${n} ${p.box}`, `${n} ${p.box} fit`, `so ${n} full`]);
  let wrongVal = 0;
  return {
    query,
    answer: askBoxes ? q : rem,
    task: askBoxes ? 'div-boxes' : 'div-left',
    unit: askBoxes ? 'box' : 'left',
    noun: askBoxes ? p.box : p.item,
    goal: askBoxes ? [p.box, `# ${p.box}`, 'full'] : ['left', 'leftover', 'rem'],
    lbl: askBoxes ? [p.box, 'boxes', 'full'] : ['left', 'rem', 'leftover'],
    given,
    errs: askBoxes ? ['ceil', 'early'] : ['early', 'sub'],
    arith: ['sub'],
    wrongEchoErrs: askBoxes ? ['ceil'] : [],
    solve(err) {
      if (askBoxes) {
        if (err === 'ceil') {
          wrongVal = q + 1;
          return {
            lines: [c.step(`${c.f(N)}${D}${s}`, `${fmtNum(N / s, '')}...`), pick(r, ['round up', 'round -> up', 'so round up'])],
            expr: null,
            value: q + 1,
          };
        }
        if (err === 'early') {
          wrongVal = q10;
          return { lines: [c.step(`${s} ${X} ${q10}`, c.f(s * q10))], expr: null, value: q10 };
        }
        if (way === 'tries') return { lines: tries(), expr: null, value: q };
        return { lines: chunk(true), expr: `${q10} + ${q - q10}`, value: q };
      }
      if (err === 'early') {
        wrongVal = rem1;
        return {
          lines: [c.step(`${s} ${X} ${q10}`, c.f(s * q10)), fullBoxes(q10)],
          expr: `${c.f(N)} ${c.minus} ${c.f(s * q10)}`,
          value: rem1,
        };
      }
      const lines = way === 'tries' ? tries() : chunk(true);
      if (chance(r, 0.5)) lines.push(fullBoxes(q));
      wrongVal = err === 'sub' ? perturb(r, rem, 1, 0) : rem;
      if (wrongVal === rem) wrongVal = rem + 10;
      return { lines, expr: `${c.f(N)} ${c.minus} ${c.f(s * q)}`, value: err === 'sub' ? wrongVal : rem };
    },
    fix(err) {
      if (askBoxes) {
        if (err === 'ceil')
          return {
            lines: [`${s} ${X} ${q + 1} = ${c.f(s * (q + 1))} > ${c.f(N)}, last one not full`],
            expr: `${q + 1} ${c.minus} 1`,
            value: q,
          };
        return {
          lines: [`${c.f(N)} ${c.minus} ${c.f(s * q10)} = ${rem1}, still ≥ ${s}`, c.step(`${rem1}${D}${s}`, `${q - q10} more`)],
          expr: `${q10} + ${q - q10}`,
          value: q,
        };
      }
      if (err === 'early') {
        const k = q - q10;
        return { lines: [`${rem1} ≥ ${s}, more ${p.box} fit: ${k} more = ${s * k}`], expr: `${rem1} ${c.minus} ${s * k}`, value: rem };
      }
      return { lines: [pick(r, ['re-sub:', 'subtract again'])], expr: `${c.f(N)} ${c.minus} ${c.f(s * q)}`, value: rem };
    },
    echo(k) {
      const alt = (way === 'tries') === (k % 2 === 0) ? 'chunk' : 'tries';
      if (askBoxes) {
        if (alt === 'tries')
          return {
            lines: [`${s} ${X} ${q} = ${c.f(s * q)} ≤ ${c.f(N)}`, `${s} ${X} ${q + 1} = ${c.f(s * (q + 1))} > ${c.f(N)}`],
            expr: null,
            value: q,
          };
        return { lines: chunk(true), expr: `${q10} + ${q - q10}`, value: q };
      }
      if (alt === 'tries') return { lines: [c.step(`${s} ${X} ${q}`, c.f(s * q))], expr: `${c.f(N)} ${c.minus} ${c.f(s * q)}`, value: rem };
      return { lines: chunk(false), expr: `${rem1} ${c.minus} ${s * (q - q10)}`, value: rem };
    },
    wrongEcho() {
      return { lines: [`${c.f(N)}${D}${s} ≈ ${fmtNum(N / s, '')}, not whole`, 'partial counts -> up'], expr: null, value: wrongVal };
    },
    subcheck() {
      return askBoxes
        ? pick(r, [[`${q} ${X} ${s} = ${c.f(s * q)}, ${rem} left < ${s} ✓`], [`${c.f(s * q)} ≤ ${c.f(N)} ✓`]])
        : pick(r, [[`${q} ${X} ${s} + ${rem} = ${c.f(N)} ✓`], [`${rem} < ${s} ✓`]]);
    },
    badfix() {
      if (askBoxes)
        return {
          lines: [pick(r, ['hmm, does the part-filled one count?', 'wait, the partial one too?']), 'count it'],
          expr: `${q} + 1`,
          value: q + 1,
        };
      const bad = perturb(r, rem, 1, 0);
      return {
        lines: [pick(r, ['hmm, re-sub', 'redo the subtraction'])],
        expr: `${c.f(N)} ${c.minus} ${c.f(s * q)}`,
        value: bad === rem ? rem + 10 : bad,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Composition

type Scenario =
  'clean' | 'subcheck' | 'echo' | 'echo2' | 'corrected' | 'correctedEcho' | 'selfcatch' | 'wrongstop' | 'wrongecho' | 'badfix';

const SCENARIOS: [Scenario, number][] = [
  ['clean', 24],
  ['subcheck', 10],
  ['echo', 18],
  ['echo2', 6],
  ['corrected', 12],
  ['correctedEcho', 6],
  ['selfcatch', 5],
  ['wrongstop', 6],
  ['wrongecho', 5],
  ['badfix', 5],
];

function pickScenario(r: Rng): Scenario {
  const total = SCENARIOS.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [s, w] of SCENARIOS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'clean';
}

const MAKERS: [(c: Ctx) => Task, number][] = [
  [mkMult, 26],
  [mkProdDiff, 14],
  [mkTotal, 18],
  [mkAvg, 14],
  [mkPct, 14],
  [mkDiv, 14],
];

function pickMaker(r: Rng): (c: Ctx) => Task {
  const total = MAKERS.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [m, w] of MAKERS) {
    x -= w;
    if (x < 0) return m;
  }
  return mkMult;
}

function wrapV(r: Rng, t: Task, v: string, cand: boolean): Seg[] {
  const V: Seg = cand ? { c: v } : v;
  switch (t.unit) {
    case '$':
      return chance(r, 0.8) ? ['$', V] : chance(r, 0.5) ? [V] : [V, ' dollars'];
    case '%':
      return chance(r, 0.85) ? [V, '%'] : chance(r, 0.5) ? [V, ' %'] : [V, ' percent'];
    case 'kg':
    case 'km':
    case 'min':
      return chance(r, 0.7) ? [V, ` ${t.unit}`] : [V];
    case 'box':
      return chance(r, 0.6) ? [V, ` ${t.noun}`] : chance(r, 0.5) ? [V, ` full`] : [V];
    case 'left':
      return chance(r, 0.5) ? [V, ' left'] : chance(r, 0.5) ? [V, ` ${t.noun} left`] : [V];
    default:
      return [V];
  }
}

function buildOne(r: Rng, id: string): PhrasingRecord {
  const c = mkCtx(r);
  const t = pickMaker(r)(c);
  let scen = pickScenario(r);
  if (scen === 'wrongecho' && t.wrongEchoErrs.length === 0) scen = 'wrongstop';
  const b = new Builder();
  const goal = (): string => pick(r, t.goal);
  const lbl = (): string => pick(r, t.lbl);
  let last = '';
  const fa = (v: number): string => (chance(r, 0.8) ? c.fa(v) : c.f(v));

  // Writes a work's lines and its result, as a candidate (the value stated once; maybe restated).
  const emit = (w: Work, mode: 'main' | 'fix' | 'echo', hmm: boolean): void => {
    for (let i = 0; i < w.lines.length; i++) {
      b.line(w.lines[i]);
      if (hmm && i < w.lines.length - 1 && chance(r, 0.15)) b.line(pick(r, HMM));
    }
    if (hmm && w.lines.length > 0 && chance(r, 0.12)) b.line(pick(r, HMM));
    const v = fa(w.value);
    last = v;
    const V = wrapV(r, t, v, true);
    if (mode === 'echo') {
      const mark = pick(r, ECHO_MARK);
      if (w.expr === null) b.line(...pick(r, CONCLUDE)(goal(), V), mark);
      else b.line(...pick(r, RESULT_FULL)(lbl(), w.expr, V), mark);
      return;
    }
    if (w.expr === null) {
      b.line(...pick(r, CONCLUDE)(goal(), V));
      return;
    }
    const m = r();
    const RES = mode === 'main' ? RESULT : RESULT_FULL;
    if (m < 0.45) b.line(...pick(r, RES)(lbl(), w.expr, V));
    else if (m < 0.7) {
      b.line(`${pick(r, EXPR_PREFIX)}${w.expr}`);
      b.line(...pick(r, CONCLUDE)(goal(), V));
    } else {
      b.line(...pick(r, RES)(lbl(), w.expr, V));
      b.line(...pick(r, RESTATE)(goal(), wrapV(r, t, chance(r, 0.5) ? v : c.fa(w.value), false)));
    }
  };
  const restateLast = (list: typeof RESTATE): void => {
    b.line(...pick(r, list)(goal(), wrapV(r, t, last, false)));
  };
  const maybeConfirm = (p: number): void => {
    if (chance(r, p)) b.line(pick(r, CONFIRM));
  };

  // opening
  const o1 = ri(r, 0, OPENING.length - 1);
  b.line(OPENING[o1](goal(), t.given));
  if (chance(r, 0.3)) {
    let o2 = ri(r, 0, OPENING.length - 1);
    if (o2 === o1) o2 = (o2 + 1) % OPENING.length;
    b.line(OPENING[o2](goal(), t.given));
  }

  const wrongFirst = ['corrected', 'correctedEcho', 'selfcatch', 'wrongstop', 'wrongecho'].includes(scen);
  const err = wrongFirst ? pick(r, scen === 'wrongecho' ? t.wrongEchoErrs : t.errs) : null;
  const main = t.solve(err);
  emit(main, 'main', true);

  const fixFlow = (withCheck: boolean): void => {
    const fx = t.fix(err as string);
    const [first, ...rest] = fx.lines;
    const mism = (): string => pick(r, t.arith.includes(err as string) && chance(r, 0.4) ? CARRY : MISMATCH);
    // a first line without numbers is only the start of a redo ("re-add:"): the slip is noticed before it
    if (withCheck && /\d/.test(first)) {
      b.line(pick(r, CHECK_INTRO));
      b.line(first);
      b.line(mism());
    } else {
      if (withCheck && chance(r, 0.5)) b.line(pick(r, CHECK_INTRO));
      b.line(mism());
      b.line(first);
    }
    for (const l of rest) b.line(l);
    if (chance(r, 0.5)) b.line(pick(r, REDO));
    emit({ lines: [], expr: fx.expr, value: fx.value }, 'fix', false);
  };
  const echoFlow = (k: number, w?: Work): void => {
    b.line(pick(r, CHECK_INTRO));
    emit(w ?? t.echo(k), 'echo', false);
    if (chance(r, 0.25)) restateLast(RESTATE);
  };

  switch (scen) {
    case 'clean':
    case 'wrongstop':
      maybeConfirm(0.35);
      if (chance(r, 0.4)) restateLast(SUMMARY);
      break;
    case 'subcheck':
      maybeConfirm(0.2);
      b.line(pick(r, CHECK_INTRO));
      for (const l of t.subcheck()) b.line(l);
      b.line(pick(r, CONFIRM));
      break;
    case 'echo':
      maybeConfirm(0.2);
      echoFlow(0);
      if (chance(r, 0.35)) restateLast(SUMMARY);
      break;
    case 'echo2':
      maybeConfirm(0.15);
      echoFlow(0);
      maybeConfirm(0.3);
      echoFlow(1);
      if (chance(r, 0.4)) restateLast(SUMMARY);
      break;
    case 'corrected':
      fixFlow(chance(r, 0.6));
      maybeConfirm(0.3);
      if (chance(r, 0.45)) restateLast(SUMMARY);
      break;
    case 'correctedEcho':
      fixFlow(chance(r, 0.6));
      echoFlow(0);
      if (chance(r, 0.4)) restateLast(SUMMARY);
      break;
    case 'selfcatch':
      fixFlow(false);
      if (chance(r, 0.45)) restateLast(SUMMARY);
      break;
    case 'wrongecho':
      maybeConfirm(0.2);
      echoFlow(0, t.wrongEcho(err as string));
      if (chance(r, 0.4)) restateLast(SUMMARY);
      break;
    case 'badfix': {
      maybeConfirm(0.3);
      b.line(pick(r, CHECK_INTRO));
      const bf = t.badfix();
      for (const l of bf.lines) b.line(l);
      if (chance(r, 0.4)) b.line(pick(r, REDO));
      emit({ lines: [], expr: bf.expr, value: bf.value }, 'fix', false);
      if (chance(r, 0.4)) restateLast(SUMMARY);
      break;
    }
  }

  const headers: Record<string, string> = { query: t.query, answer: plain(t.answer), task: t.task };
  let body = b.body;
  let cands = b.cands;
  let final: string | null = cands.length ? cands[cands.length - 1].value : null;

  // Cut-off responses: stop mid-line at a space, before that line's candidate (if any) and with a
  // number still to come on the line, so that the stop is visibly unfinished; keep only the
  // candidates before the cut.
  if (chance(r, 0.05)) {
    const starts: number[] = [];
    for (let i = 0; i < body.length; i++) if (i === 0 || body[i - 1] === '\n') starts.push(i);
    const li = ri(r, 1, starts.length - 1);
    const ls = starts[li];
    const le = li + 1 < starts.length ? starts[li + 1] - 1 : body.length;
    const spaces: number[] = [];
    for (let i = ls + 1; i < le - 1; i++) {
      if (body[i] !== ' ') continue;
      if (cands.some((x) => x.offset >= ls && x.offset < i)) continue;
      if (!/\d/.test(body.slice(i, le))) continue;
      spaces.push(i);
    }
    if (spaces.length) {
      const cut = pick(r, spaces);
      body = body.slice(0, cut);
      cands = cands.filter((x) => x.offset + x.value.length <= cut);
      final = null;
      headers.truncated = 'true';
    }
  }
  return { id, headers, body, candidates: cands, final };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const r = mulberry32(hashStr(`scratchpad:${split}:${seed}`));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(buildOne(r, `scratchpad-${split}-${seed}-${i + 1}`));
  return out;
}
