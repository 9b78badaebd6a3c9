// Phrasing family "answer-key": exam answer-key / worked-solution style responses to math word
// problems. Numbered steps ("Step 1:", "(1)", "1)", "(i)"), optional LaTeX (\times, \frac,
// \boxed), the therefore sign ∴ and "Hence", about a third multiple choice (A-D with values,
// the candidate is the committed letter), elimination of options, a closing "Answer: C" line.
//
// Labels follow docs/annotation-guide.md:
// - the candidate is the first statement that concludes a value for the asked quantity (the result
//   line of the final computation or the concluding sentence); a later restatement with no new work
//   in between ("Answer: 14", "\boxed{14}", "Yes, that's right.") merges into it;
// - a check that recomputes the asked quantity (another method), plugs back in, or re-reads the
//   conditions and then states the answer is a new candidate (an echo when the value is the same);
// - given numbers, intermediate values (costs, sub-areas, the last term, partial speeds), tried
//   values ("x = 6: ... ≠ 41"), eliminated options and option lists are not candidates;
// - for multiple choice only the committed letter is labelled.
// Self-contained: no imports.

export interface PhrasingCandidate {
  value: string; // the value as written in the body
  offset: number; // index in body of the first character of the value
}

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>; // query, answer (ground truth), task
  body: string;
  candidates: PhrasingCandidate[];
  final: string | null;
}

export const family = 'answer-key';

type Split = 'dev' | 'heldout';
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
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** Template pools are [dev, heldout]: the two halves are disjoint in wording. */
type Pool = readonly [readonly string[], readonly string[]];
const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100));

// ---------------------------------------------------------------------------------------------
// Text builder with exact candidate offsets.

class Builder {
  s = '';
  cands: PhrasingCandidate[] = [];
  /** Append a filled template; the first {V} is recorded as a candidate when `cand` is true. */
  emit(tpl: string, vars: Record<string, string>, cand: boolean): void {
    let first = true;
    let last = 0;
    const re = /\{([A-Z_]+)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tpl))) {
      this.s += tpl.slice(last, m.index);
      const key = m[1];
      const val = vars[key];
      if (val === undefined) throw new Error(`answer-key: no value for {${key}} in "${tpl}"`);
      if (key === 'V' && cand && first) {
        this.cands.push({ value: val, offset: this.s.length });
        first = false;
      }
      this.s += val;
      last = m.index + m[0].length;
    }
    this.s += tpl.slice(last);
    if (cand && first) throw new Error(`answer-key: candidate template without {V}: ${tpl}`);
  }
  line(tpl: string, vars: Record<string, string> = {}, cand = false): void {
    if (this.s.length) this.s += '\n';
    this.emit(tpl, vars, cand);
  }
  blank(): void {
    this.s += '\n';
  }
}

// ---------------------------------------------------------------------------------------------
// Problems.

interface Prob {
  task: string;
  query: string;
  noun: string; // "the change", "x"
  pre: string; // "$" before money values
  post: string; // " m²", " km/h"
  value: string; // the true answer as written
  wrong: string; // the slipped answer
  givens: string; // numbers quoted from the question
  steps(w: boolean): string[]; // intermediate steps (no final value)
  expr(w: boolean): string; // the final computation (left side of "= value")
  alt: string; // another computation whose value is the answer
  conf: string; // a back-substitution / consistency check (does not compute the answer)
  words: string; // a re-reading of the conditions in words
  catchT: string; // the check that exposes the slip
  fix: string; // what was wrong (never states the answer)
  distractors: string[]; // other plausible option values
}

interface Fmt {
  L: boolean; // LaTeX style
  mul(a: string | number, b: string | number): string;
  minus: string;
  frac(a: string | number, b: string | number): string;
  div(a: string | number, b: string | number): string;
}
function fmt(L: boolean): Fmt {
  return {
    L,
    mul: (a, b) => (L ? `${a} \\times ${b}` : `${a} × ${b}`),
    minus: L ? ' - ' : ' − ',
    frac: (a, b) => `\\frac{${a}}{${b}}`,
    div: (a, b) => (L ? `\\frac{${a}}{${b}}` : `${a} ÷ ${b}`),
  };
}

function uniq(vals: string[], not: string[]): string[] {
  const out: string[] = [];
  for (const v of vals) if (!not.includes(v) && !out.includes(v) && !v.startsWith('-') && v !== '0') out.push(v);
  return out;
}

const NAMES = ['Maria', 'Ken', 'Aisha', 'Tom', 'Priya', 'Leo', 'Sofia', 'Omar', 'Jin', 'Nadia'];

function pChange(r: Rng, f: Fmt): Prob {
  const [items, item] = pick(r, [
    ['pencils', 'pencil'],
    ['notebooks', 'notebook'],
    ['pens', 'pen'],
    ['rulers', 'ruler'],
    ['folders', 'folder'],
  ]);
  const name = pick(r, NAMES);
  const a = int(r, 3, 19);
  const q = int(r, 2, 9);
  const C = a * q;
  const N = [20, 50, 100, 200].find((n) => n > C + 1)!;
  const V = N - C;
  const costSlip = C + 10 < N && r() < 0.5;
  const Cw = costSlip ? C + 10 : C;
  const wrong = costSlip ? N - Cw : V >= 12 ? V - 10 : V + 10;
  const pre = f.L ? '\\$' : '$';
  const c10 = Math.ceil(C / 10) * 10;
  const alt = C % 10 !== 0 && c10 < N ? `(${c10}${f.minus}${C}) + (${N}${f.minus}${c10})` : `${f.mul(V / 10, 10)}`;
  return {
    task: 'arithmetic',
    query: `${name} buys ${q} ${items} at $${a} each and pays with a $${N} note. How much change does ${name} receive, in dollars?`,
    noun: 'the change',
    pre,
    post: '',
    value: String(V),
    wrong: String(wrong),
    givens: `${q} ${items}, ${pre}${a} per ${item}, paid with ${pre}${N}`,
    steps: (w) => [`Cost of the ${items}: ${f.mul(q, a)} = ${pre}${w ? Cw : C}`],
    expr: (w) => `${N}${f.minus}${w ? Cw : C}`,
    alt,
    conf: `${pre}${C} + ${pre}${V} = ${pre}${N} ✓`,
    words: `${q} ${items} at ${pre}${a} each cost ${pre}${C}, and the change is what is left of the ${pre}${N} note`,
    catchT: costSlip
      ? `recomputing the cost, ${f.mul(a, q)} = ${C}, not ${Cw}`
      : `${pre}${C} + ${pre}${wrong} = ${pre}${C + wrong} ≠ ${pre}${N}`,
    fix: costSlip ? `the cost in the first step should be ${pre}${C}` : `the subtraction ${N}${f.minus}${C} was off by 10`,
    distractors: uniq([String(C), String(N - a), String(V + a), String(V + 5), String(N - q)], [String(V), String(wrong)]),
  };
}

function pArea(r: Rng, f: Fmt): Prob {
  const Lw = int(r, 8, 20);
  const W = int(r, 6, 15);
  const s = int(r, 3, Math.min(Lw, W) - 2);
  const A1 = Lw * W;
  const A2 = s * s;
  const V = A1 - A2;
  const sqSlip = r() < 0.6;
  const A1w = sqSlip ? A1 : A1 + 10;
  const A2w = sqSlip ? 2 * s : A2;
  const sq = (x: number) => (f.L ? `${x}^2` : `${x}²`);
  const post = f.L ? '\\text{ m}^2' : ' m²';
  return {
    task: 'geometry',
    query: `A rectangular plot measures ${Lw} m by ${W} m. A square of side ${s} m is fenced off from one corner. What is the area of the remaining part of the plot, in square metres?`,
    noun: 'the remaining area',
    pre: '',
    post,
    value: String(V),
    wrong: String(A1w - A2w),
    givens: `rectangle ${Lw} m × ${W} m, square of side ${s} m`,
    steps: (w) => [
      `Area of the whole rectangle: ${f.mul(Lw, W)} = ${w ? A1w : A1}${post}`,
      `Area of the square: ${sq(s)} = ${w ? A2w : A2}${post}`,
    ],
    expr: (w) => `${w ? A1w : A1}${f.minus}${w ? A2w : A2}`,
    alt: `${f.mul(`(${Lw}${f.minus}${s})`, W)} + ${f.mul(s, `(${W}${f.minus}${s})`)}`,
    conf: `${V} + ${A2} = ${A1}, the area of the ${Lw} by ${W} rectangle ✓`,
    words: `the ${s} m square lies inside the ${Lw} m by ${W} m plot, so its area is taken away exactly once`,
    catchT: sqSlip ? `${sq(s)} is ${s} × ${s} = ${A2}, not ${2 * s}` : `${f.mul(Lw, W)} is ${A1}, not ${A1 + 10}`,
    fix: sqSlip ? `the square's area was taken as 2 × ${s}` : `the whole rectangle is ${A1}${post}`,
    distractors: uniq([String(A1), String(A1 - s), String(V + s), String(2 * (Lw + W)), String(V - 2 * s)], [String(V), String(A1w - A2w)]),
  };
}

function pSeries(r: Rng, f: Fmt): Prob {
  const a = int(r, 1, 9);
  const d = int(r, 2, 7);
  const n = 2 * int(r, 4, 15);
  const l = a + (n - 1) * d;
  const V = (n * (a + l)) / 2;
  const lastSlip = r() < 0.6;
  const lw = lastSlip ? a + n * d : l;
  const wrong = lastSlip ? (n * (a + lw)) / 2 : n * (a + l);
  const dot = f.L ? ' \\cdot ' : '·';
  return {
    task: 'sequences',
    query: `Find the sum of the first ${n} terms of the arithmetic sequence ${a}, ${a + d}, ${a + 2 * d}, ...`,
    noun: 'the sum',
    pre: '',
    post: '',
    value: String(V),
    wrong: String(wrong),
    givens: `first term ${a}, common difference ${d}, ${n} terms`,
    steps: (w) => [`Last term: a_{${n}} = ${a} + ${w && lastSlip ? n : `(${n}${f.minus}1)`}${dot}${d} = ${w ? lw : l}`],
    expr: (w) => (w && !lastSlip ? `${n}(${a} + ${l})` : `${f.L ? f.frac(n, 2) : `${n}/2`}(${a} + ${w ? lw : l})`),
    alt: `${f.mul(n, a)} + ${f.mul(d, f.L ? f.frac(`${n}${dot}${n - 1}`, 2) : `(${n}·${n - 1}/2)`)}`,
    conf: `a_{${n}} = ${a} + ${n - 1}${dot}${d} = ${l}, so the terms run from ${a} to ${l} ✓`,
    words: `there are ${n} terms from ${a} up to ${l}, each ${d} more than the one before`,
    catchT: lastSlip
      ? `a_{${n}} needs ${n - 1} steps of ${d} after the first term, not ${n}`
      : `the pairing formula carries a factor ${f.L ? f.frac(n, 2) : `${n}/2`}, not ${n}`,
    fix: lastSlip ? `the last term is ${l}, not ${lw}` : `the bracket must be multiplied by ${n / 2}`,
    distractors: uniq([String(n * l), String(V + a), String(V - n), String(V + l), String(n * (a + l) + d)], [String(V), String(wrong)]),
  };
}

function pEquation(r: Rng, f: Fmt): Prob {
  const a = int(r, 2, 9);
  const x = int(r, 3, 15);
  const b = int(r, 1, 30);
  const c = a * x + b;
  const K = c - b;
  const up = r() < 0.5;
  const Kw = up ? K + a : K - a;
  const xw = Kw / a;
  const sub = (v: number) => `${a}(${v}) + ${b} = ${a * v + b}`;
  return {
    task: 'algebra',
    query: `Solve for x: ${a}x + ${b} = ${c}.`,
    noun: 'x',
    pre: '',
    post: '',
    value: String(x),
    wrong: String(xw),
    givens: `${a}x + ${b} = ${c}`,
    steps: (w) => [`Subtract ${b} from both sides: ${a}x = ${c}${f.minus}${b} = ${w ? Kw : K}`],
    expr: (w) => f.div(w ? Kw : K, a),
    alt: f.div(`${c}${f.minus}${b}`, a),
    conf: `substituting, ${a}(${x}) + ${b} = ${a * x} + ${b} = ${c} ✓`,
    words: `the equation says ${a} lots of x plus ${b} make ${c}; taking away the ${b} and sharing among ${a} isolates x`,
    catchT: `try x = ${xw}: ${sub(xw)} ≠ ${c}`,
    fix: `${c}${f.minus}${b} = ${K}, not ${Kw}`,
    distractors: uniq([String(x + 2), String(x - 2), String(K), String(Math.round((c + b) / a)), String(x + 3)], [String(x), String(xw)]),
  };
}

function pProb(r: Rng, f: Fmt): Prob {
  let R = 0,
    G = 0,
    B = 0;
  for (let tries = 0; tries < 2000; tries++) {
    R = int(r, 2, 12);
    G = int(r, 2, 12);
    B = int(r, 2, 12);
    const T = R + G + B;
    if (gcd(R + G, T) > 1 && gcd(B, T) > 1 && B !== R + G) break;
  }
  const T = R + G + B;
  const F = R + G;
  const red = (p: number, q: number) => {
    const g = gcd(p, q);
    return f.frac(p / g, q / g);
  };
  const V = red(F, T);
  const wrong = red(B, T);
  return {
    task: 'probability',
    query: `A bag holds ${R} red, ${G} green and ${B} blue marbles. One marble is drawn at random. What is the probability that it is not blue?`,
    noun: 'the probability',
    pre: '',
    post: '',
    value: V,
    wrong,
    givens: `${R} red, ${G} green, ${B} blue`,
    steps: (w) => [
      `Total number of marbles: ${R} + ${G} + ${B} = ${T}`,
      w ? `Favourable outcomes: the ${B} blue marbles` : `Favourable outcomes (red or green): ${R} + ${G} = ${F}`,
    ],
    expr: (w) => (w ? f.frac(B, T) : f.frac(F, T)),
    alt: `1${f.minus}${f.frac(B, T)}`,
    conf: `${F} not blue + ${B} blue = ${T} marbles in all ✓`,
    words: `"not blue" means red or green, counted out of all ${T} marbles`,
    catchT: `the question asks for "not blue", but the favourable count used the blue marbles`,
    fix: `the favourable outcomes are the ${F} red or green marbles`,
    distractors: uniq([red(R, T), red(G, T), red(F, T + B), red(G, F), red(R, F)], [V, wrong]),
  };
}

function pDiscount(r: Rng, f: Fmt): Prob {
  const item = pick(r, ['jacket', 'bicycle', 'lamp', 'backpack', 'pair of boots', 'tent']);
  const P = 20 * int(r, 2, 20);
  const d = 5 * int(r, 2, 8);
  const D = (P * d) / 100;
  const V = P - D;
  const addSlip = r() < 0.5;
  const wrong = addSlip ? P + D : V > 20 ? V - 10 : V + 10;
  const pre = f.L ? '\\$' : '$';
  return {
    task: 'percentages',
    query: `A ${item} costs $${P}. In a sale its price is reduced by ${d}%. What is the sale price, in dollars?`,
    noun: 'the sale price',
    pre,
    post: '',
    value: String(V),
    wrong: String(wrong),
    givens: `original price ${pre}${P}, reduction ${d}%`,
    steps: () => [`Discount: ${d}% of ${P} = ${f.mul(f.L ? f.frac(d, 100) : `${d}/100`, P)} = ${pre}${D}`],
    expr: (w) => (w && addSlip ? `${P} + ${D}` : `${P}${f.minus}${D}`),
    alt: f.mul(P, String((100 - d) / 100)),
    conf: `${pre}${V} + ${pre}${D} = ${pre}${P} ✓`,
    words: `a ${d}% reduction means paying ${100 - d}% of the original ${pre}${P}`,
    catchT: addSlip
      ? `a sale price of ${pre}${wrong} is more than the original ${pre}${P}`
      : `${pre}${wrong} + ${pre}${D} = ${pre}${wrong + D} ≠ ${pre}${P}`,
    fix: addSlip ? `the discount has to be subtracted, not added` : `the subtraction ${P}${f.minus}${D} was off by 10`,
    distractors: uniq([String(D), String(P - d), String(V - D), String(P + D), String(V + 5)], [String(V), String(wrong)]),
  };
}

function pSpeed(r: Rng, f: Fmt): Prob {
  let t1 = 1,
    t2 = 2,
    v1 = 40,
    v2 = 70;
  for (let tries = 0; tries < 5000; tries++) {
    t1 = int(r, 1, 4);
    t2 = int(r, 1, 4);
    v1 = 5 * int(r, 8, 20);
    v2 = 5 * int(r, 8, 20);
    if (t1 !== t2 && v1 !== v2 && (v1 * t1 + v2 * t2) % (t1 + t2) === 0) break;
  }
  const d1 = v1 * t1;
  const d2 = v2 * t2;
  const T = t1 + t2;
  const D = d1 + d2;
  const V = D / T;
  const wrong = (v1 + v2) / 2;
  const post = ' km/h';
  return {
    task: 'rates',
    query: `A car travels ${d1} km in ${t1} h and then ${d2} km in ${t2} h. What is its average speed for the whole journey, in km/h?`,
    noun: 'the average speed',
    pre: '',
    post,
    value: String(V),
    wrong: num(wrong),
    givens: `${d1} km in ${t1} h, then ${d2} km in ${t2} h`,
    steps: (w) =>
      w
        ? [`Speed on the first leg: ${f.div(d1, t1)} = ${v1}${post}`, `Speed on the second leg: ${f.div(d2, t2)} = ${v2}${post}`]
        : [`Total distance: ${d1} + ${d2} = ${D} km`, `Total time: ${t1} + ${t2} = ${T} h`],
    expr: (w) => (w ? f.frac(`${v1} + ${v2}`, 2) : f.div(D, T)),
    alt: f.frac(`${f.mul(v1, t1)} + ${f.mul(v2, t2)}`, T),
    conf: `${V} km/h for ${T} h covers ${D} km, the whole distance ✓`,
    words: `average speed is total distance over total time: ${D} km over ${T} h`,
    catchT: `${num(wrong)} km/h for ${T} h would cover ${num(wrong * T)} km, but the car covered ${D} km`,
    fix: `the average speed is total distance ÷ total time, not the mean of ${v1} and ${v2}`,
    distractors: uniq([String(v1), String(v2), num(D / (T + 1)), String(V + 5), String(V - 5)], [String(V), num(wrong)]),
  };
}

const MAKERS = [pChange, pArea, pSeries, pEquation, pProb, pDiscount, pSpeed];

// ---------------------------------------------------------------------------------------------
// Phrasing pools: [dev, heldout].

const HEADER: Pool = [
  ['Solution:', '**Solution.**', 'Worked solution:', 'Solution'],
  ['Model answer:', 'Answer key —', '**Worked solution**', 'Full solution.'],
];
const STEP_STYLE: Pool = [
  ['Step {N}:', '({N})', 'Step {N}.'],
  ['{N})', '**Step {N}**', '({R})', '[{N}]'],
];
const GIVEN: Pool = [
  ['Given: {G}.', 'Data: {G}.', 'From the question: {G}.'],
  ['We are told {G}.', 'Known: {G}.', 'Information given — {G}.'],
];
const GOAL: Pool = [
  ['Required: {NOUN}.', 'We must find {NOUN}.'],
  ['To find: {NOUN}.', 'Asked for: {NOUN}.'],
];
// Conclusions for an open answer ({EQ} is "expr = " or "").
const CONCL: Pool = [
  [
    '∴ {NOUN} = {EQ}{PRE}{V}{POST}.',
    'Therefore {NOUN} is {EQ}{PRE}{V}{POST}.',
    '{NOUNCAP} = {EQ}{PRE}{V}{POST}, as required.',
    '{EQ}{PRE}{V}{POST}, ∴ {NOUN} is {PRE}{V}{POST}.',
  ],
  [
    'Hence {NOUN} is {EQ}{PRE}{V}{POST}.',
    'Thus {NOUN} = {EQ}{PRE}{V}{POST}.',
    '∴ {NOUN} works out to {EQ}{PRE}{V}{POST}.',
    'So {NOUN} comes to {EQ}{PRE}{V}{POST}.',
  ],
];
const CONCL_MC: Pool = [
  ['{NOUNCAP} = {EQ}{NUM}, so the answer is ({V}).', '∴ {NOUN} = {EQ}{NUM}; choose ({V}).', '{EQ}{NUM} ∴ ({V}).'],
  ['{NOUNCAP} = {EQ}{NUM} ⇒ option {V}.', 'Hence {NOUN} is {EQ}{NUM}, i.e. option ({V}) is correct.', 'This gives {EQ}{NUM}; hence {V}.'],
];
const FINAL: Pool = [
  ['Answer: {PRE}{V}{POST}', 'Final answer: \\boxed{{V}}', '**Answer:** {PRE}{V}{POST}', 'Answer: {V}'],
  ['Ans. {PRE}{V}{POST}', '$\\boxed{{V}}$', 'Answer — {PRE}{V}{POST}', '**Final answer:** $\\boxed{{V}}$'],
];
const FINAL_MC: Pool = [
  ['Answer: {V}', 'Answer: ({V})', '**Answer: {V}**'],
  ['Final answer: \\boxed{{V}}', 'Ans: {V}', 'Correct option: {V}'],
];
// Bare confirmations: no new work, never a candidate.
const BARE: Pool = [
  ["Yes, that's right.", 'This looks correct.', 'That seems reasonable.', 'The answer is consistent with the data.'],
  ['Everything is consistent.', 'Good — no error spotted.', 'Nothing to change here.', 'Looks fine.'],
];
// Recomputation by another method: the result is a candidate (echo).
const ALT: Pool = [
  ['Check (another method): {ALT} = {PRE}{V}{POST} ✓', 'Verification: {ALT} = {V}, which agrees.'],
  ['Alternatively, {ALT} = {PRE}{V}{POST} — the same result.', 'Cross-check: {ALT} = {PRE}{V}{POST}. ✓'],
];
const ALT_MC: Pool = [
  ['Check: {ALT} = {NUM} ✓, so ({V}) again.', 'Verification by another route: {ALT} = {NUM}, again ({V}).'],
  ['Another way: {ALT} = {NUM}, which again gives option {V}.', 'Cross-check: {ALT} = {NUM} ⇒ {V} once more.'],
];
// Plugging back in, then the concluding statement is the candidate.
const CONF: Pool = [
  ['Check: {CONF}. ∴ {NOUN} is indeed {PRE}{V}{POST}.', 'Substituting back: {CONF}. Hence {NOUN} = {PRE}{V}{POST} is confirmed.'],
  ['Verify: {CONF}, so {NOUN} is {PRE}{V}{POST}.', 'Going back over it: {CONF}. So the value {PRE}{V}{POST} stands.'],
];
const CONF_MC: Pool = [
  ['Check: {CONF}. ∴ ({V}) is confirmed.', 'Substituting back: {CONF}; the answer remains ({V}).'],
  ['Verify: {CONF} — so option {V} stands.', 'Going back over it: {CONF}. Option {V} it is.'],
];
// Re-reading the conditions in words, then the answer: a candidate.
const WORDS: Pool = [
  ['Re-reading the question: {WORDS}. So {NOUN} is {PRE}{V}{POST}.', 'Checking the conditions: {WORDS} — hence {NOUN} = {PRE}{V}{POST}.'],
  [
    'Checking against the wording — {WORDS}. ∴ {NOUN} = {PRE}{V}{POST} again.',
    'One more look at the question: {WORDS}. Thus {NOUN} is {PRE}{V}{POST}.',
  ],
];
const WORDS_MC: Pool = [
  ['Re-reading the question: {WORDS}. So ({V}).', 'Checking the conditions: {WORDS} — hence ({V}).'],
  ['Checking against the wording — {WORDS}. ∴ option {V} again.', 'One more look at the question: {WORDS}. Thus {V}.'],
];
// Exposing the slip.
const CATCH: Pool = [
  ['Check: {CATCH}. ✗', 'Checking: {CATCH} — something is wrong.', 'Check: {CATCH}, so there is an error above.'],
  ['But verify: {CATCH}. That cannot be right.', 'Hold on: {CATCH}.', 'Verification fails: {CATCH}.'],
];
const FIX: Pool = [
  ['Correction: {FIX}.', 'The slip: {FIX}.'],
  ['Error found — {FIX}.', 'Fix: {FIX}.'],
];
const CORR: Pool = [
  ['Corrected: {NOUN} = {EQ}{PRE}{V}{POST}.', '∴ {NOUN} = {EQ}{PRE}{V}{POST} (corrected).'],
  ['Redoing the last step: {EQ}{PRE}{V}{POST}, so {NOUN} is {PRE}{V}{POST}.', 'Hence, correctly, {NOUN} is {EQ}{PRE}{V}{POST}.'],
];
const CORR_MC: Pool = [
  ['Corrected: {NOUN} = {EQ}{NUM}, so the answer is ({V}), not ({W}).', '∴ {NOUN} = {EQ}{NUM}; the answer is ({V}).'],
  ['With the fix, {NOUN} is {EQ}{NUM}; option {V}.', 'Redoing it: {EQ}{NUM}, hence {V} rather than {W}.'],
];
// Recomputing the same slip: an echo of the wrong value.
const WECHO: Pool = [
  ['Recheck: {EQ}{PRE}{V}{POST} ✓', 'Checking the arithmetic again: {EQ}{V}. Same value.'],
  ['Re-computing: {EQ}{PRE}{V}{POST}, same as before.', 'Once more: {EQ}{V} — it holds.'],
];
const WECHO_MC: Pool = [
  ['Recheck: {EQ}{NUM} ✓ — ({V}).', 'Checking the arithmetic again: {EQ}{NUM}, still ({V}).'],
  ['Re-computing: {EQ}{NUM}; still option {V}.', 'Once more: {EQ}{NUM} ⇒ {V}.'],
];
const ELIM: Pool = [
  ['Eliminate ({X}): {XV} is too {SL}.', '({X}) is out — {XV} is far too {SL}.'],
  ['Rule out option {X} ({XV}): too {SL} to fit.', 'Option {X}, {XV}, cannot be right; it is too {SL}.'],
];
const ELIM_HEAD: Pool = [
  ['Elimination first.', 'Quick elimination:'],
  ['First narrow the options.', 'Discard the unlikely choices:'],
];

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];
const LETTERS = ['A', 'B', 'C', 'D'];

function tp(r: Rng, pool: Pool, split: Split): string {
  return pick(r, pool[split === 'dev' ? 0 : 1]);
}

// ---------------------------------------------------------------------------------------------

type Plan = 'right' | 'right-bare' | 'right-echo' | 'right-echo2' | 'corr' | 'corr-echo' | 'kept' | 'kept-bare' | 'kept-echo';

function choosePlan(r: Rng): Plan {
  const u = r();
  if (u < 0.38) {
    const v = r();
    if (v < 0.44) return 'corr';
    if (v < 0.66) return 'corr-echo';
    if (v < 0.8) return 'kept-echo';
    if (v < 0.9) return 'kept-bare';
    return 'kept';
  }
  const v = r();
  if (v < 0.3) return 'right';
  if (v < 0.52) return 'right-bare';
  if (v < 0.9) return 'right-echo';
  return 'right-echo2';
}

function makeRecord(r: Rng, split: Split, id: string): PhrasingRecord {
  const f = fmt(r() < 0.5);
  const p = pick(r, MAKERS)(r, f);
  const mc = p.distractors.length >= 2 && r() < 0.34;
  const plan = choosePlan(r);
  const firstWrong = plan.startsWith('corr') || plan.startsWith('kept');

  // Options (multiple choice): the truth, the slip value and two distractors.
  let query = p.query;
  const letterOf: Record<string, string> = {};
  const opts: string[] = [];
  if (mc) {
    const d = [...p.distractors];
    const vals = [p.value, p.wrong, d.splice(Math.floor(r() * d.length), 1)[0], d.splice(Math.floor(r() * d.length), 1)[0]];
    while (vals.length) opts.push(vals.splice(Math.floor(r() * vals.length), 1)[0]);
    opts.forEach((v, i) => (letterOf[v] = LETTERS[i]));
    query += ' ' + opts.map((v, i) => `(${LETTERS[i]}) ${v}`).join(' ');
  }
  const answer = mc ? letterOf[p.value] : p.value;

  const b = new Builder();
  const stepStyle = tp(r, STEP_STYLE, split);
  const useSteps = r() < 0.8;
  let stepN = 0;
  const label = () => {
    if (!useSteps) return '';
    stepN++;
    return stepStyle.replace('{N}', String(stepN)).replace('{R}', ROMAN[(stepN - 1) % ROMAN.length]) + ' ';
  };
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const base = (val: string, w: boolean): Record<string, string> => ({
    NOUN: p.noun,
    NOUNCAP: p.noun.length === 1 ? p.noun : cap(p.noun),
    PRE: p.pre,
    POST: p.post,
    EQ: `${p.expr(w)} = `,
    NUM: `${p.pre}${val}${p.post}`,
    V: mc ? letterOf[val] : val,
    W: mc ? letterOf[p.wrong] : p.wrong,
    ALT: p.alt,
    CONF: p.conf,
    WORDS: p.words,
    CATCH: p.catchT,
    FIX: p.fix,
  });

  // Heading, givens, goal.
  if (r() < 0.75) b.line(tp(r, HEADER, split));
  if (r() < 0.55) b.line(tp(r, GIVEN, split), { G: p.givens });
  if (r() < 0.35) b.line(tp(r, GOAL, split), { NOUN: p.noun });

  // Elimination of far-off options (never the true value or the slip).
  if (mc && r() < 0.55) {
    const far = opts.filter((v) => v !== p.value && v !== p.wrong);
    const n = r() < 0.5 ? 1 : 2;
    const asNum = (v: string) => Number(v.replace(/\\frac\{(\d+)\}\{(\d+)\}/, (_m, a, c) => String(a / c)));
    // Only options clearly off by size (more than 25% away from the true value) are eliminated.
    const clear = far.filter((v) => Math.abs(asNum(v) - asNum(p.value)) > 0.25 * asNum(p.value));
    if (clear.length && r() < 0.5) b.line(tp(r, ELIM_HEAD, split));
    for (const v of clear.slice(0, n))
      b.line(tp(r, ELIM, split), { X: letterOf[v], XV: v, SL: asNum(v) > asNum(p.value) ? 'large' : 'small' });
  }

  // Working.
  // Step wording also differs by split: "Label: calculation" (dev) or "calculation — label" (heldout).
  for (const s of p.steps(firstWrong)) {
    const m = /^([^:]+): (.*)$/.exec(s);
    const text = split === 'heldout' && m ? `${m[2]} — ${m[1].charAt(0).toLowerCase()}${m[1].slice(1)}` : s;
    b.line(label() + text + '.');
  }

  // First conclusion.
  const first = firstWrong ? p.wrong : p.value;
  const conclLabel = r() < 0.5 ? label() : '';
  b.line(conclLabel + tp(r, mc ? CONCL_MC : CONCL, split), base(first, firstWrong), true);

  const echoRight = (kind: 'alt' | 'conf' | 'words') => {
    const pool = kind === 'alt' ? (mc ? ALT_MC : ALT) : kind === 'conf' ? (mc ? CONF_MC : CONF) : mc ? WORDS_MC : WORDS;
    b.line(tp(r, pool, split), base(p.value, false), true);
  };
  const kinds = ['alt', 'conf', 'words'] as const;

  if (plan === 'right-bare' || plan === 'kept-bare') b.line(tp(r, BARE, split));
  if (plan === 'right-echo' || plan === 'right-echo2') {
    const k1 = pick(r, kinds);
    if (r() < 0.3) b.blank();
    echoRight(k1);
    if (plan === 'right-echo2')
      echoRight(
        pick(
          r,
          kinds.filter((k) => k !== k1),
        ),
      );
    if (r() < 0.35) b.line(tp(r, BARE, split));
  }
  if (plan === 'corr' || plan === 'corr-echo') {
    if (r() < 0.3) b.blank();
    b.line(tp(r, CATCH, split), base(p.value, false));
    if (r() < 0.7) b.line(tp(r, FIX, split), base(p.value, false));
    b.line(tp(r, mc ? CORR_MC : CORR, split), base(p.value, false), true);
    if (plan === 'corr-echo') echoRight(pick(r, kinds));
  }
  if (plan === 'kept-echo') {
    b.line(tp(r, mc ? WECHO_MC : WECHO, split), base(p.wrong, true), true);
    if (r() < 0.3) b.line(tp(r, BARE, split));
  }

  // Closing answer line: a restatement, merges into the last candidate.
  const last = b.cands[b.cands.length - 1].value;
  if (r() < 0.85) {
    if (r() < 0.4) b.blank();
    b.line(tp(r, mc ? FINAL_MC : FINAL, split), { V: last, PRE: p.pre, POST: p.post }, false);
  }

  return {
    id,
    headers: { query, answer, task: p.task + (mc ? ' (multiple choice)' : '') },
    body: b.s,
    candidates: b.cands,
    final: last,
  };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const r = mulberry32((seed * 2654435761) ^ (split === 'dev' ? 0x5eed : 0xbeef));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(makeRecord(r, split, `${family}-${split}-${seed}-${i + 1}`));
  return out;
}
