// Phrasing family "latex-boxed": LaTeX-heavy solutions as math models write them, with gold labels.
//
// Responses use \[ ... \] (or $$ ... $$) display math and $...$ inline math, \frac, \sqrt, \cdot,
// \times, aligned derivations, intermediate results in display math, and a final \boxed{...}
// (inside a sentence or on its own line). Question kinds:
// - multiplication a x b (task "<digits a>x<digits b>"), split by place value or by rounding;
// - fraction arithmetic with a reduced-fraction answer (tasks "frac-add", "frac-sub");
// - a linear system where the question asks for x + y ("alg-sum");
// - areas with radical answers: a rectangle from a side and the diagonal, a triangle from two sides
//   and the included angle ("area-radical");
// - "the probability / the sum is m/n, find m + n" ("m-plus-n"): the fraction is NOT a candidate,
//   m + n is.
//
// Labels follow docs/annotation-guide.md:
// - each attempt has exactly one candidate: the first place where it states the value of the
//   asked quantity as its conclusion (the last line of a display computing it, "so $x + y = 7$",
//   "$m + n = \boxed{7}$");
// - sub-results (partial products, the value of x, the side length, the probability m/n, m and n
//   themselves), numbers quoted from the question, values being tried or hypothetical values,
//   estimates and sanity checks are not candidates;
// - restatements with no new work in between (one or several \boxed of the same value, "So the
//   answer is ...", after at most a bare "That seems right.") merge into the candidate before them;
//   a check with numbers is never followed by a restatement, so no label depends on that case;
// - a re-derivation (re-adding, another method, redoing the substitution, a correction) that ends
//   in a value for the asked quantity is a new candidate, also when the value is the same (an echo,
//   sometimes of a wrong value);
// - "Wait"/"Hmm"/"Actually" inside a derivation, before that attempt's conclusion, is not a
//   decision.
//
// Every phrasing pool is split in two disjoint halves: split 'dev' draws only from the first half
// of each pool, 'heldout' only from the second half. Each hard case has its own pool, so both
// halves cover all of them.

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>; // at least query, answer (ground truth); optionally task
  body: string; // the model response; no line may start with "==="
  candidates: { value: string; offset: number }[]; // gold candidate answers in order
  final: string | null; // the value the response ends on
}

export const family = 'latex-boxed';

type Split = 'dev' | 'heldout';
type Vars = Record<string, string | number>;
const R = String.raw;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and split pools.

function prng(seed: number): () => number {
  // xorshift32 with a splitmix-style scramble of the seed
  let s = (seed ^ 0x5bd1e995) >>> 0 || 0x12345678;
  s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function hashSeed(seed: number, salt: string): number {
  let h = (Math.floor(seed) * 2654435761) >>> 0;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function halfOf<T>(pool: readonly T[], split: Split): readonly T[] {
  const m = Math.ceil(pool.length / 2);
  const h = split === 'dev' ? pool.slice(0, m) : pool.slice(m);
  if (h.length === 0) throw new Error('template pool has an empty half');
  return h;
}

class Gen {
  private readonly rnd: () => number;
  private readonly seen = new Set<string>();
  constructor(
    seed: number,
    readonly split: Split,
  ) {
    this.rnd = prng(seed);
    for (let i = 0; i < 8; i++) this.rnd();
  }
  reset(): void {
    this.seen.clear();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  /** A template from this split's half of the pool, avoiding repeats within one response. */
  t(pool: readonly string[], keep?: (tpl: string) => boolean): string {
    const h = keep ? halfOf(pool, this.split).filter(keep) : halfOf(pool, this.split);
    if (h.length === 0) throw new Error('no template left after filtering');
    let v = this.pick(h);
    for (let i = 0; i < 5 && this.seen.has(v); i++) v = this.pick(h);
    this.seen.add(v);
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

// ---------------------------------------------------------------------------------------------
// Body builder. Templates: «name» inserts vars.name, «!name» inserts it and records it as a
// candidate answer; "↵" is a line break. With the $$ style every \[ and \] becomes $$ (same
// length, in the template only).

interface Style {
  dollars: boolean; // $$ ... $$ instead of \[ ... \]
  tight: boolean; // one-line displays when possible
}

class Body {
  text = '';
  candidates: { value: string; offset: number }[] = [];
  constructor(readonly style: Style) {}
  put(tpl: string, vars: Vars = {}): void {
    let t = tpl.replace(/↵/g, '\n');
    if (this.style.dollars) t = t.replace(/\\\[|\\\]/g, () => '$$');
    const re = /«(!?)(\w+)»/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) !== null) {
      this.text += t.slice(last, m.index);
      const v = vars[m[2]];
      if (v === undefined) throw new Error(`template slot ${m[2]} has no value: ${tpl}`);
      if (m[1] === '!') this.candidates.push({ value: String(v), offset: this.text.length });
      this.text += String(v);
      last = re.lastIndex;
    }
    this.text += t.slice(last);
  }
  /** Continues the paragraph with a new sentence. */
  sp(): void {
    if (this.text.length && !/\s$/.test(this.text)) this.text += ' ';
  }
  /** Starts a new line. */
  nl(): void {
    this.text = this.text.replace(/[ \t]+$/, '');
    if (this.text.length && !this.text.endsWith('\n')) this.text += '\n';
  }
  /** Starts a new paragraph. */
  para(): void {
    if (!this.text.length) return;
    this.text = this.text.replace(/[ \t]+$/, '');
    if (!this.text.endsWith('\n\n')) this.text += this.text.endsWith('\n') ? '\n' : '\n\n';
  }
  /** A display-math block on its own lines. */
  disp(tpl: string, vars: Vars = {}): void {
    this.nl();
    const multi = !this.style.tight || tpl.includes('↵');
    this.put(multi ? `\\[↵${tpl}↵\\]` : `\\[ ${tpl} \\]`, vars);
    this.text += '\n';
  }
}

// ---------------------------------------------------------------------------------------------
// Shared phrasing pools (first half: dev, second half: heldout).

const OPEN = [
  'Let me work through this carefully.',
  "Okay, let's solve this step by step.",
  'We want «what».',
  "Let's set this up.",
  'Alright, let me think about how to approach this.',
  "I'll solve this systematically.",
  'The goal is to find «what».',
  "Let's begin by organizing the given information.",
];
// reflection words inside a derivation, before any answer (not decisions)
const HESITATE = [
  'Wait, let me be careful with this step.',
  'Hmm, let me write this out more carefully.',
  "Actually, it's cleaner to keep everything exact.",
  'Hmm, okay, so far so good.',
  'Hold on, let me redo this part slowly.',
  'Hmm, let me organize the terms first.',
  'Actually, let me simplify as I go.',
  'Wait, I should double-check this step before moving on.',
];
// a sub-step statement
const STEP = [
  R`$«label» = «v»$.`,
  R`We have $«label» = «v»$.`,
  R`Here $«label» = «v»$.`,
  R`This step gives $«label» = «v»$.`,
  R`Next, $«label» = «v»$.`,
  R`That is, $«label» = «v»$.`,
  R`Computing, $«label» = «v»$.`,
  R`So $«label» = «v»$.`,
];
// a sub-step that slips and is fixed at once (before the attempt's conclusion)
const MIDFIX = [
  R`$«label» = «bad»$ — wait, no, that's wrong; $«label» = «good»$.`,
  R`$«label» = «bad»$. Hmm, actually that should be $«good»$.`,
  R`$«label» = «bad»$... no wait, let me recompute: $«label» = «good»$.`,
  R`At first I get $«label» = «bad»$, but actually it is $«good»$.`,
  R`$«label»$ gives $«bad»$ — hmm, that's off. Recomputing, $«label» = «good»$.`,
  R`Wait, $«label»$ is not $«bad»$; it's $«good»$.`,
  R`$«label» = «bad»$? Actually no: $«label» = «good»$.`,
  R`Hmm, $«label» = «bad»$... let me redo that. $«label» = «good»$.`,
];

// the first statement of an attempt's result
const LEAD_DISPLAY = [
  'Putting it together,',
  'Combining these,',
  'Therefore',
  'This gives',
  'So we get',
  'Collecting everything:',
  'Hence',
  'Thus',
];
const DISP_RESULT = ['«lhs» = «chain» = «!v»', '«chain» = «!v»', '«lhs» = «chain» = «!v».', '«chain» = «!v».'];
const DISP_BOX = [
  R`«lhs» = «chain» = \boxed{«!v»}`,
  R`«chain» = \boxed{«!v»}`,
  R`«lhs» = «chain» = \boxed{«!v»}.`,
  R`«lhs» = \boxed{«!v»}`,
];
const ALIGNED_RESULT = [
  R`\begin{aligned}↵«lhs» &= «chain» \\↵&= «!v»↵\end{aligned}`,
  R`\begin{aligned}↵«lhs» &= «chain» \\↵    &= «!v»↵\end{aligned}`,
  R`\begin{aligned}↵«lhs» &= «chain» \\↵&= «!v».↵\end{aligned}`,
  R`\begin{aligned}↵«lhs» &= «chain» \\↵    &= «!v».↵\end{aligned}`,
];
const CONC_INLINE_BOX = [
  R`So $«lhs» = «chain» = \boxed{«!v»}$.`,
  R`This gives «what» as $«chain» = \boxed{«!v»}$.`,
  R`Thus $«lhs» = «chain» = \boxed{«!v»}$, and that is our answer.`,
  R`Therefore $«lhs» = \boxed{«!v»}$, from $«chain»$.`,
  R`Hence $«lhs» = «chain» = \boxed{«!v»}$.`,
  R`That means «what» is $«chain» = \boxed{«!v»}$.`,
  R`Evaluating, $«lhs» = «chain» = \boxed{«!v»}$.`,
  R`And so $«lhs» = \boxed{«!v»}$.`,
];
const CONC_PROSE = [
  R`So «what» is $«chain» = «!v»$.`,
  R`Therefore «what» is $«!v»$.`,
  R`This gives $«lhs» = «!v»$.`,
  R`That makes «what» equal to $«!v»$.`,
  R`Then $«lhs» = «chain»$, which is $«!v»$.`,
  R`Working it out, $«chain» = «!v»$ is «what».`,
  R`Evaluating, «what» comes out to $«!v»$.`,
  R`So $«lhs» = «chain» = «!v»$.`,
  R`We conclude that «what» is $«!v»$.`,
  R`Hence, $«lhs»$ equals $«!v»$.`,
  R`Computing $«chain»$ gives «what»: $«!v»$.`,
  R`It follows that $«lhs» = «chain» = «!v»$.`,
];
// restatements (never candidates: no new work since the candidate)
const RESTATE_INLINE = [
  R`So the answer is $\boxed{«v»}$.`,
  R`Therefore, «what» is $\boxed{«v»}$.`,
  R`The final answer is $\boxed{«v»}$.`,
  R`Hence the answer is $\boxed{«v»}$.`,
  R`Thus, the answer is $\boxed{«v»}$.`,
  R`So «what» equals $\boxed{«v»}$.`,
  R`My answer: $\boxed{«v»}$.`,
  R`Therefore the result is $\boxed{«v»}$.`,
];
const RESTATE_OWNLINE = [
  R`**Final Answer**↵\[↵\boxed{«v»}↵\]`,
  R`\boxed{«v»}`,
  R`The answer is:↵\[↵\boxed{«v»}↵\]`,
  R`**Final Answer**↵$\boxed{«v»}$`,
  R`**Answer**↵\[\boxed{«v»}\]`,
  R`Final answer:↵\[↵\boxed{«v»}↵\]`,
  R`$$\boxed{«v»}$$`,
  R`\[↵\boxed{«v»}↵\]`,
];
// a bare confirmation (no new work)
const CONFIRM = [
  'That seems reasonable.',
  'This looks right.',
  'That makes sense.',
  "Okay, I'm fairly confident in this.",
  'Seems right.',
  'Good, that looks consistent.',
  "I'm confident this is correct.",
  'That feels right.',
];

// transitions between attempts
const RECHECK_LEAD = [
  'Wait, let me double-check the arithmetic.',
  'Let me verify that by redoing the last step.',
  'Hmm, let me recompute that to be safe.',
  'Before I commit to this, let me redo the computation.',
  'Let me double-check this calculation once more.',
  "Actually, let me recompute to make sure I didn't slip.",
  'I want to be sure of the arithmetic, so let me redo it.',
  'Hmm, let me go over that computation again.',
];
const ALT_LEAD = [
  'Alternatively, I can check this with a different method.',
  'Let me confirm this another way.',
  "Alternatively, let's compute it differently.",
  'Another approach, as a check:',
  'Let me verify using a different approach.',
  'As a cross-check, here is a second method.',
  'Alternatively, we can get the same quantity another way.',
  'To be thorough, let me solve it a second way.',
];
const DOUBT_LEAD = [
  'Hmm, I think I made a mistake.',
  'Wait, something seems off.',
  'Actually, wait. Let me look at that step again.',
  "Hold on, I think there's an error above.",
  'Hmm, wait. I made an error somewhere.',
  "Actually, I don't think that's right.",
  'Wait a moment, one of those steps looks wrong.',
  'Hmm, let me re-examine the work; something is off.',
];
const FIX_POINT = [
  R`Indeed, $«label» = «good»$, not $«bad»$.`,
  R`I see the error: $«label»$ is $«good»$, not $«bad»$.`,
  R`The slip was in $«label»$, which should be $«good»$ rather than $«bad»$.`,
  R`Checking that step again: $«label» = «good»$. I had $«bad»$.`,
  R`The mistake: $«label» = «good»$, whereas I wrote $«bad»$.`,
  R`Looking again, $«label»$ equals $«good»$; the $«bad»$ above was wrong.`,
  R`Redoing that step, $«label» = «good»$, not $«bad»$.`,
  R`Found it: I used $«bad»$ for $«label»$, but the correct value is $«good»$.`,
];
const RECOMBINE_LEAD = [
  'Let me redo the rest with the corrected value.',
  'So the corrected computation goes as follows.',
  'Now I recombine with the right value.',
  'I redo the final step with this fix.',
];
const MATCH = [
  'Same answer as before.',
  'Good, that matches.',
  'Both methods agree.',
  R`So again I get $«v»$.`,
  'That agrees with what I found earlier.',
  'Okay, the two results coincide.',
  'So the result is confirmed.',
  R`Good — $«v»$ again.`,
];
const MISMATCH = [
  R`That's not what I got the first time ($«prev»$).`,
  "Hmm, this doesn't match my earlier result.",
  'The two computations disagree, so one of them has an error.',
  R`That differs from the earlier $«prev»$.`,
  R`Hmm, this contradicts my earlier answer of $«prev»$.`,
  "These don't agree, so I must have slipped somewhere.",
  R`So I have $«prev»$ from before and something else now; one is wrong.`,
  "That's different. There is a discrepancy somewhere.",
];
const FIND_ERR = [
  'Let me find the error in the first computation.',
  'So where did the first attempt go wrong?',
  'Let me track down the discrepancy in the first approach.',
  'Let me look back at the first method for the error.',
];
const TRUST = [
  'The second method is cleaner, so I trust it more.',
  "I'll go with the second computation.",
  'The second approach has fewer places to slip, so I will trust it.',
  "I'm more confident in the second result.",
];

// ---------------------------------------------------------------------------------------------
// Arithmetic helpers.

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;
const ndigits = (n: number): number => String(Math.abs(n)).length;
const frac = (n: number, d: number): string => R`\frac{${n}}{${d}}`;
const withCommas = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** N = k^2 * m with m squarefree. */
function sqrtSplit(N: number): [number, number] {
  for (let k = Math.floor(Math.sqrt(N)); k >= 1; k--) if (N % (k * k) === 0) return [k, N / (k * k)];
  return [1, N];
}
function radical(coef: number, m: number): string {
  if (m === 1) return String(coef);
  return coef === 1 ? R`\sqrt{${m}}` : R`${coef}\sqrt{${m}}`;
}
/** Nonzero place-value parts, highest first: 347 -> [300, 40, 7]. */
function placeParts(n: number): number[] {
  const s = String(n);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] !== '0') out.push(Number(s[i]) * 10 ** (s.length - 1 - i));
  return out;
}
function digitDelta(g: Gen, val: number): number {
  const tz = (String(val).match(/0*$/) ?? [''])[0].length;
  const k = g.int(tz, Math.max(tz, ndigits(val) - 2));
  let d = (g.chance(0.5) ? 1 : -1) * g.pick([1, 1, 2, 3]) * 10 ** k;
  if (val + d <= 0) d = -d;
  return d;
}
function roundTo(n: number, sig: number): number {
  const p = 10 ** Math.max(0, ndigits(n) - sig);
  return Math.round(n / p) * p;
}

// ---------------------------------------------------------------------------------------------
// Conclusions.

interface Concl {
  lhs: string;
  chain: string;
  v: string;
  what: string;
  pv: string; // the value as written in prose (may carry thousands separators)
}

/** Writes an attempt's result; with showChain the last computation step is always shown. */
function conclude(b: Body, g: Gen, c: Concl, showChain = false): void {
  const keep = showChain ? (tpl: string): boolean => tpl.includes('«chain»') : undefined;
  const type = g.weighted([
    ['display', 3],
    ['displayBox', 2],
    ['aligned', 1.5],
    ['inlineBox', 3],
    ['prose', 3],
  ] as const);
  const vars: Vars = { lhs: c.lhs, chain: c.chain, v: c.v, what: c.what };
  b.sp();
  if (type === 'display') {
    b.put(g.t(LEAD_DISPLAY));
    b.disp(g.t(DISP_RESULT, keep), vars);
  } else if (type === 'displayBox') {
    b.put(g.t(LEAD_DISPLAY));
    b.disp(g.t(DISP_BOX, keep), vars);
  } else if (type === 'aligned') {
    b.put(g.t(LEAD_DISPLAY));
    b.disp(g.t(ALIGNED_RESULT), vars);
  } else if (type === 'inlineBox') {
    b.put(g.t(CONC_INLINE_BOX, keep), vars);
  } else {
    b.put(g.t(CONC_PROSE, keep), { ...vars, v: c.pv });
  }
}

/** A sub-step, sometimes with a slip that is fixed at once. */
function step(b: Body, g: Gen, label: string, good: string | number, bad?: string | number): void {
  b.sp();
  if (bad !== undefined && String(bad) !== String(good) && g.chance(0.16)) b.put(g.t(MIDFIX), { label, good, bad });
  else b.put(g.t(STEP), { label, v: good });
}

function hesitate(b: Body, g: Gen, p: number): void {
  if (!g.chance(p)) return;
  b.sp();
  b.put(g.t(HESITATE));
}

// ---------------------------------------------------------------------------------------------
// Question kinds.

abstract class Kind {
  abstract readonly query: string;
  abstract readonly answer: string;
  abstract readonly task: string;
  abstract readonly what: string;
  abstract readonly lhs: string;
  readonly canSpoil: boolean = false;
  value = '';
  right = true;
  /** Set for re-derivations and corrections: their result always shows the last computation. */
  forceChain = false;
  abstract intro(b: Body, g: Gen): void;
  /** A fresh derivation; with slip, one sub-step is wrong and so is the result. */
  abstract first(b: Body, g: Gen, slip: boolean): void;
  /** Redoes the last step(s) of the current derivation with the same inputs: the same value. */
  abstract recheck(b: Body, g: Gen): void;
  /** Another method from scratch, without slip. */
  abstract alt(b: Body, g: Gen): void;
  /** Points at the slip of the wrong derivation and recomputes: the right value. */
  abstract fix(b: Body, g: Gen): void;
  /** A recheck that slips (right -> wrong). */
  spoil(_b: Body, _g: Gen): void {
    throw new Error(`${this.task}: spoil is not supported`);
  }
  /** A closing numeric remark that does not state the answer; false when there is none. */
  sanity(_b: Body, _g: Gen): boolean {
    return false;
  }
  proseValue(v: string): string {
    return v;
  }
  protected done(b: Body, g: Gen, chain: string, v: string, right: boolean, showChain = false): void {
    conclude(b, g, { lhs: this.lhs, chain, v, what: this.what, pv: this.proseValue(v) }, showChain || this.forceChain);
    this.value = v;
    this.right = right;
  }
}

// ---- multiplication -------------------------------------------------------------------------

const MUL_QUERY = [
  R`Compute $«a» \times «b»$.`,
  'What is «a» × «b»?',
  R`Find the product $«a» \cdot «b»$.`,
  R`Evaluate $«a» \times «b»$.`,
  'Calculate «a» times «b».',
  R`What is the value of $«a» \cdot «b»$?`,
  R`Multiply $«a»$ by $«b»$.`,
  'Determine the product of «a» and «b».',
];
const MUL_INTRO = [
  R`We need $«a» \times «b»$.`,
  R`So the task is to multiply $«a»$ and $«b»$.`,
  R`Here we multiply $«a»$ by $«b»$.`,
  R`The two factors are $«a»$ and $«b»$.`,
];
const MUL_GUESS = [
  R`The answer might be around $«est»$, since $«a» \times «b» \approx «ea» \times «eb»$; let me compute it exactly.`,
  R`Roughly, $«ea» \times «eb» = «est»$, so I expect something in that range.`,
  R`A ballpark first: $«ea» \times «eb» = «est»$. Now the exact value.`,
  R`I'd guess the product is somewhere near $«est»$, but let me actually compute it.`,
];
const MUL_PLAN_SPLIT = [
  R`I'll split $«x»$ by place value: $«x» = «parts»$.`,
  R`Write $«x» = «parts»$ and distribute.`,
  R`Breaking $«x»$ into $«parts»$ makes this easier.`,
  R`Using $«x» = «parts»$, distribute the multiplication.`,
];
const MUL_PLAN_ROUND = [
  R`Since $«x»$ is close to $«R»$, write $«x» = «R» - «D»$.`,
  R`Note that $«x» = «R» - «D»$, so I can multiply by $«R»$ and subtract.`,
  R`It's easier to use $«x» = «R» - «D»$.`,
  R`Rewrite $«x»$ as $«R» - «D»$ and use the distributive law.`,
];
const MUL_PARTIALS = [
  'The partial products are',
  'The pieces are',
  'Computing each piece:',
  'So the partial products:',
  'Each piece separately:',
  'The individual products:',
  'Term by term:',
  'Working out the parts:',
];
const MUL_RECHECK_ADD = [
  'Let me re-add the partial products in the opposite order.',
  'Let me add the pieces again, one at a time.',
  'Summing the partial products again, starting from the smallest.',
  'I will go through the addition again step by step.',
];
const MUL_RECHECK_SUB = [
  'Let me redo the subtraction.',
  'Let me recompute the difference.',
  'Subtracting again, carefully.',
  'I will do the subtraction once more.',
];
const MUL_TICKS = [
  'The partial products: «list».',
  'First the pieces: «list».',
  'Each piece again: «list».',
  'Partial products once more: «list».',
];
const MUL_RUNNING_FIRST = [
  R`$«s» + «t» = «u»$.`,
  R`First, $«s» + «t» = «u»$.`,
  R`Start with $«s» + «t» = «u»$.`,
  R`To begin, $«s» + «t» = «u»$.`,
];
const MUL_RUNNING_NEXT = [
  R`Then $«s» + «t» = «u»$.`,
  R`Next, $«s» + «t» = «u»$.`,
  R`After that, $«s» + «t» = «u»$.`,
  R`Adding on, $«s» + «t» = «u»$.`,
];
const MUL_FIX_ADD = [
  R`Computing carefully: $«label» = «!good»$, not $«bad»$.`,
  R`Redoing it: $«label» = «!good»$. I had written $«bad»$ by mistake.`,
  R`Let me redo it once more: $«label» = «!good»$ (not $«bad»$).`,
  R`Carefully this time, $«label» = «!good»$; the $«bad»$ was an arithmetic slip.`,
];
const SPOIL_DOUBT = [
  'Hmm, one of those two results must be wrong.',
  'The two results disagree, so let me redo that step.',
  'Hmm, I need to settle which result is right.',
  'Something is inconsistent; let me redo it slowly.',
];
const SPOIL_ACCEPT = [
  R`Actually, so the earlier result was off; the product is $\boxed{«v»}$.`,
  R`So I must have slipped before; the answer is $«v»$.`,
  R`Actually, then the correct product is $\boxed{«v»}$.`,
  R`It seems the first computation was wrong, so the answer is $«v»$.`,
];
const MUL_SANITY = [
  R`As a sanity check, $«a» \times «b» \approx «ea» \times «eb» = «est»$, which is the right size.`,
  R`(Rough check: $«ea» \cdot «eb» = «est»$, consistent in magnitude.)`,
  R`The estimate $«ea» \times «eb» = «est»$ confirms the order of magnitude.`,
  R`(A quick estimate, $«ea» \times «eb» = «est»$, agrees in size.)`,
];

type MulMethod = 'A' | 'B' | 'round';
interface Term {
  label: string;
  val: number;
  neg: boolean;
}
interface MulCtx {
  method: MulMethod;
  terms: Term[];
}
const termChain = (ts: Term[]): string => ts.map((t, i) => (i === 0 ? '' : t.neg ? ' - ' : ' + ') + t.val).join('');
const termLabels = (ts: Term[]): string => ts.map((t, i) => (i === 0 ? '' : t.neg ? ' - ' : ' + ') + t.label).join('');
const termSum = (ts: Term[]): number => ts.reduce((s, t) => s + (t.neg ? -t.val : t.val), 0);

class Mul extends Kind {
  readonly a: number;
  readonly b: number;
  readonly T: number;
  readonly query: string;
  readonly answer: string;
  readonly task: string;
  readonly what = 'the product';
  readonly lhs: string;
  override readonly canSpoil = true;
  private readonly commas: boolean;
  private readonly rnd: { x: number; y: number; R: number; D: number; xIsB: boolean } | null;
  private ctx: MulCtx = { method: 'B', terms: [] };
  private slipCtx: { terms: Term[]; i: number; good: number } | null = null;
  private addSlip: { label: string; good: number; bad: number } | null = null;

  constructor(g: Gen) {
    super();
    let a: number;
    let b: number;
    for (;;) {
      const da = g.pick([2, 3, 3, 4]);
      const db = g.pick([2, 2, 3]);
      a = g.int(10 ** (da - 1), 10 ** da - 1);
      if (g.chance(0.3)) {
        const p = 10 ** (db - 1);
        b = g.int(2, 9) * p - g.int(1, 3);
      } else b = g.int(10 ** (db - 1), 10 ** db - 1);
      if (placeParts(a).length >= 2 && placeParts(b).length >= 2 && a !== b) break;
    }
    this.a = a;
    this.b = b;
    this.T = a * b;
    this.query = g.t(MUL_QUERY).replace(/«a»/g, String(a)).replace(/«b»/g, String(b));
    this.answer = String(this.T);
    this.task = `${ndigits(a)}x${ndigits(b)}`;
    this.lhs = R`${a} \times ${b}`;
    this.commas = this.T >= 10000 && g.chance(0.4);
    this.rnd = null;
    for (const [x, y, xIsB] of [
      [b, a, true],
      [a, b, false],
    ] as const) {
      const p = 10 ** (ndigits(x) - 1);
      const Rn = Math.ceil(x / p) * p;
      const D = Rn - x;
      if (D > 0 && D <= 3 && Rn !== x) {
        this.rnd = { x, y, R: Rn, D, xIsB };
        break;
      }
    }
  }

  override proseValue(v: string): string {
    return this.commas && /^\d+$/.test(v) ? withCommas(Number(v)) : v;
  }

  private termsFor(m: MulMethod): Term[] {
    const { a, b } = this;
    if (m === 'B') return placeParts(b).map((p) => ({ label: R`${a} \times ${p}`, val: a * p, neg: false }));
    if (m === 'A') return placeParts(a).map((p) => ({ label: R`${p} \times ${b}`, val: p * b, neg: false }));
    const r = this.rnd;
    if (!r) throw new Error('no rounding split');
    const lab = (z: number): string => (r.xIsB ? R`${r.y} \times ${z}` : R`${z} \times ${r.y}`);
    return [
      { label: lab(r.R), val: r.y * r.R, neg: false },
      { label: lab(r.D), val: r.y * r.D, neg: true },
    ];
  }

  private decomp(m: MulMethod): string {
    const { a, b } = this;
    if (m === 'B') return R`${a} \times (${placeParts(b).join(' + ')})`;
    if (m === 'A') return R`(${placeParts(a).join(' + ')}) \times ${b}`;
    const r = this.rnd as { x: number; y: number; R: number; D: number; xIsB: boolean };
    return r.xIsB ? R`${r.y} \times (${r.R} - ${r.D})` : R`(${r.R} - ${r.D}) \times ${r.y}`;
  }

  private plan(b: Body, g: Gen, m: MulMethod): void {
    b.sp();
    if (m === 'round') {
      const r = this.rnd as { x: number; R: number; D: number };
      b.put(g.t(MUL_PLAN_ROUND), { x: r.x, R: r.R, D: r.D });
    } else {
      const x = m === 'B' ? this.b : this.a;
      b.put(g.t(MUL_PLAN_SPLIT), { x, parts: placeParts(x).join(' + ') });
    }
  }

  intro(b: Body, g: Gen): void {
    if (g.chance(0.6)) {
      b.sp();
      b.put(g.t(MUL_INTRO), { a: this.a, b: this.b });
    }
    const ea = roundTo(this.a, 1);
    const eb = roundTo(this.b, 1);
    if (ea * eb !== this.T && g.chance(0.3)) {
      b.sp();
      b.put(g.t(MUL_GUESS), { a: this.a, b: this.b, ea, eb, est: ea * eb });
    }
  }

  private derive(b: Body, g: Gen, m: MulMethod, slip: boolean): void {
    const terms = this.termsFor(m);
    let slipI = -1;
    let good = 0;
    if (slip) {
      for (let tries = 0; tries < 20; tries++) {
        const i = m === 'round' ? 0 : g.int(0, terms.length - 1);
        const bad = terms[i].val + digitDelta(g, terms[i].val);
        const trial = terms.map((t, j) => (j === i ? { ...t, val: bad } : t));
        if (termSum(trial) > 0 && termSum(trial) !== this.T) {
          slipI = i;
          good = terms[i].val;
          terms[i] = trial[i];
          break;
        }
      }
      if (slipI < 0) throw new Error('no slip found');
    }
    this.plan(b, g, m);
    const total = termSum(terms);
    const style = g.weighted([
      ['aligned', 3],
      ['list', 3],
      ['display', 2],
    ] as const);
    if (style === 'aligned') {
      hesitate(b, g, 0.15);
      b.disp(R`\begin{aligned}↵«lhs» &= «dec» \\↵&= «labels» \\↵&= «vals» \\↵&= «!v»↵\end{aligned}`, {
        lhs: this.lhs,
        dec: this.decomp(m),
        labels: termLabels(terms),
        vals: termChain(terms),
        v: total,
      });
      this.value = String(total);
      this.right = total === this.T;
    } else {
      if (style === 'list') {
        terms.forEach((t, i) => step(b, g, t.label, t.val, i === slipI ? undefined : t.val + digitDelta(g, t.val)));
      } else {
        b.sp();
        b.put(g.t(MUL_PARTIALS));
        b.disp(terms.map((t) => `${t.label} = ${t.val}`).join(R`, \qquad `));
      }
      hesitate(b, g, 0.2);
      this.done(b, g, termChain(terms), String(total), total === this.T);
    }
    this.ctx = { method: m, terms };
    if (slip) this.slipCtx = { terms, i: slipI, good };
  }

  first(b: Body, g: Gen, slip: boolean): void {
    const m = g.weighted([
      ['B', 5],
      ['A', 3],
      ['round', this.rnd ? 4 : 0],
    ] as const);
    this.derive(b, g, m, slip);
  }

  alt(b: Body, g: Gen): void {
    const cur = this.ctx.method;
    const opts: MulMethod[] = (['B', 'A', 'round'] as MulMethod[]).filter((m) => m !== cur && (m !== 'round' || this.rnd));
    this.derive(b, g, g.pick(opts), false);
  }

  /** Re-adds the current terms; with bad != null the last addition slips to bad. */
  private readd(b: Body, g: Gen, bad: number | null): void {
    const ts = this.ctx.terms;
    const total = termSum(ts);
    b.sp();
    if (ts.some((t) => t.neg)) {
      b.put(g.t(MUL_RECHECK_SUB));
      if (g.chance(0.4)) {
        b.sp();
        b.put(g.t(MUL_TICKS), { list: ts.map((t) => `$${t.label} = ${t.val}$ ✓`).join(', ') });
      }
      const chain = termChain(ts);
      if (bad === null) this.done(b, g, chain, String(total), total === this.T);
      else {
        this.done(b, g, chain, String(bad), false);
        this.addSlip = { label: chain, good: total, bad };
      }
      return;
    }
    b.put(g.t(MUL_RECHECK_ADD));
    if (g.chance(0.4)) {
      b.sp();
      b.put(g.t(MUL_TICKS), { list: ts.map((t) => `$${t.label} = ${t.val}$ ✓`).join(', ') });
    }
    const vals = ts.map((t) => t.val).reverse();
    let s = vals[0];
    for (let i = 1; i < vals.length - 1; i++) {
      b.sp();
      b.put(g.t(i === 1 ? MUL_RUNNING_FIRST : MUL_RUNNING_NEXT), { s, t: vals[i], u: s + vals[i] });
      s += vals[i];
    }
    const chain = `${s} + ${vals[vals.length - 1]}`;
    if (bad === null) this.done(b, g, chain, String(total), total === this.T);
    else {
      this.done(b, g, chain, String(bad), false);
      this.addSlip = { label: chain, good: total, bad };
    }
  }

  recheck(b: Body, g: Gen): void {
    this.readd(b, g, null);
  }

  override spoil(b: Body, g: Gen): void {
    const total = termSum(this.ctx.terms);
    let bad = total;
    while (bad === total || bad <= 0) bad = total + (g.chance(0.5) ? 1 : -1) * 10 ** g.int(1, Math.max(1, ndigits(total) - 2));
    this.readd(b, g, bad);
  }

  fix(b: Body, g: Gen): void {
    if (this.addSlip) {
      const s = this.addSlip;
      b.sp();
      b.put(g.t(MUL_FIX_ADD), { label: s.label, good: s.good, bad: s.bad });
      this.value = String(s.good);
      this.right = s.good === this.T;
      this.addSlip = null;
      return;
    }
    const sc = this.slipCtx;
    if (!sc) throw new Error('fix without a slip');
    b.sp();
    b.put(g.t(FIX_POINT), { label: sc.terms[sc.i].label, good: sc.good, bad: sc.terms[sc.i].val });
    const terms = sc.terms.map((t, j) => (j === sc.i ? { ...t, val: sc.good } : t));
    b.sp();
    b.put(g.t(RECOMBINE_LEAD));
    this.done(b, g, termChain(terms), String(termSum(terms)), termSum(terms) === this.T, true);
    this.ctx = { method: this.ctx.method, terms };
    this.slipCtx = null;
  }

  override sanity(b: Body, g: Gen): boolean {
    const ea = roundTo(this.a, 1);
    const eb = roundTo(this.b, 1);
    if (ea * eb === this.T) return false;
    b.sp();
    b.put(g.t(MUL_SANITY), { a: this.a, b: this.b, ea, eb, est: ea * eb });
    return true;
  }
}

// ---- fraction arithmetic --------------------------------------------------------------------

const FRAC_QUERY = [
  R`Compute $«e»$. Express your answer as a common fraction.`,
  R`What is $«e»$? Give your answer in lowest terms.`,
  R`Simplify $«e»$.`,
  R`Find $«e»$ as a fraction in simplest form.`,
  R`Evaluate $«e»$ and write the result as a reduced fraction.`,
  R`Calculate $«e»$.`,
  R`What is the value of $«e»$, expressed as a common fraction?`,
  R`Express $«e»$ as a single fraction in lowest terms.`,
];
const FRAC_INTRO = [
  R`We need a common denominator for $«q1»$ and $«q2»$.`,
  R`The denominators are $«q1»$ and $«q2»$.`,
  R`The two fractions have denominators $«q1»$ and $«q2»$.`,
  R`To combine these, the denominators $«q1»$ and $«q2»$ must match.`,
];
const FRAC_TRY = [
  R`Would $«t»$ work as a common denominator? No, $«q»$ does not divide $«t»$.`,
  R`Try $«t»$ first: it is not a multiple of $«q»$, so that fails.`,
  R`Is $«t»$ divisible by $«q»$? No, so $«t»$ won't do.`,
  R`Testing $«t»$: $«t» \div «q»$ is not an integer, so it is not a common denominator.`,
];
const FRAC_LCD = [
  R`The least common denominator is $«L»$.`,
  R`So the LCD is $\operatorname{lcm}(«q1», «q2») = «L»$.`,
  R`Their least common multiple is $«L»$.`,
  R`Use the common denominator $«L»$.`,
];
const FRAC_CONVERT = [
  'Converting both fractions:',
  'Rewriting each fraction over the common denominator:',
  'In terms of the common denominator:',
  'Scaling each fraction:',
];
const FRAC_NUM = [
  R`Combining the numerators: $«P1» «op» «P2» = «N»$.`,
  R`The numerator is $«P1» «op» «P2» = «N»$.`,
  R`Over the common denominator, the numerator becomes $«P1» «op» «P2» = «N»$.`,
  R`So the new numerator is $«P1» «op» «P2» = «N»$.`,
];
const FRAC_REDUCE = [
  R`Both $«N»$ and $«L»$ are divisible by $«gg»$.`,
  R`This can be reduced by $«gg»$.`,
  R`Since $\gcd(«N», «L») = «gg»$, simplify.`,
  R`Dividing top and bottom by $«gg»$ simplifies it.`,
];
const FRAC_CROSS = [
  R`Using $\frac{a}{b} «op» \frac{c}{d} = \frac{ad «op» bc}{bd}$:`,
  'Cross-multiplying directly:',
  R`Apply $\frac{a}{b} «op» \frac{c}{d} = \frac{ad «op» bc}{bd}$ directly.`,
  'Without finding the LCD first, use the product of the denominators:',
];
const FRAC_RECHECK = [
  R`Recomputing the numerator over $«L»$: $«P1» «op» «P2» = «N»$.`,
  R`The numerators were $«P1»$ and $«P2»$; combining gives $«N»$.`,
  R`Again with denominator $«L»$: $«P1» «op» «P2» = «N»$.`,
  R`Let me redo the numerator: $«P1» «op» «P2»$ is $«N»$.`,
];
const FRAC_RECHECK_CROSS = [
  R`Recomputing the cross products: $«p1» \cdot «q2» = «X»$ and $«p2» \cdot «q1» = «Y»$.`,
  R`Again: $«p1» \cdot «q2» = «X»$, $«p2» \cdot «q1» = «Y»$, and the denominator is $«Q»$.`,
  R`The cross terms are $«X»$ and $«Y»$ once more, over $«Q»$.`,
  R`Once more, $«p1» \cdot «q2» = «X»$ and $«p2» \cdot «q1» = «Y»$.`,
];
const FRAC_SANITY_ADD = [
  R`(Both fractions are positive and less than $1$, so a sum below $2$ is plausible.)`,
  R`As a rough check, $«f1» \approx «d1»$ and $«f2» \approx «d2»$, so the sum should be a bit more than $«dm»$, which fits.`,
  R`(Sanity check: the sum must exceed the larger fraction, which is about $«dm»$. It does.)`,
  R`In decimals the two fractions are about $«d1»$ and $«d2»$, so the size of the result is reasonable.`,
];
const FRAC_SANITY_SUB = [
  R`(Since $«f2» < «f1»$, the difference has to be positive, and it is.)`,
  R`As a rough check, $«f1» \approx «d1»$ and $«f2» \approx «d2»$, so the difference is positive and smaller than $«d1»$, which fits.`,
  R`(Sanity check: the result should be less than $«f1»$, and it is.)`,
  R`In decimals the two fractions are about $«d1»$ and $«d2»$, so a small positive difference is reasonable.`,
];

interface FracCtx {
  method: 'lcd' | 'cross';
  P1: number;
  P2: number;
}

class Frac extends Kind {
  readonly query: string;
  readonly answer: string;
  readonly task: string;
  readonly what: string;
  readonly lhs: string;
  private readonly p1: number;
  private readonly q1: number;
  private readonly p2: number;
  private readonly q2: number;
  private readonly op: '+' | '-';
  private readonly L: number;
  private readonly slipWhich: 1 | 2;
  private readonly slipBad: number;
  private ctx: FracCtx = { method: 'lcd', P1: 0, P2: 0 };
  private slipping = false;

  constructor(g: Gen) {
    super();
    for (;;) {
      const q1 = g.int(2, 12);
      const q2 = g.int(2, 12);
      if (q1 === q2) continue;
      const p1 = g.int(1, q1 - 1);
      const p2 = g.int(1, q2 - 1);
      if (gcd(p1, q1) !== 1 || gcd(p2, q2) !== 1) continue;
      const op: '+' | '-' = g.chance(0.65) ? '+' : '-';
      const L = lcm(q1, q2);
      const P1 = p1 * (L / q1);
      const P2 = p2 * (L / q2);
      const N = op === '+' ? P1 + P2 : P1 - P2;
      if (N <= 0 || L / gcd(N, L) === 1) continue;
      const which: 1 | 2 = L / q1 > 1 && (L / q2 === 1 || g.chance(0.5)) ? 1 : 2;
      const good = which === 1 ? P1 : P2;
      const bad = good + (g.chance(0.5) ? 1 : -1) * g.pick([1, 1, 2]);
      const Nb = which === 1 ? (op === '+' ? bad + P2 : bad - P2) : op === '+' ? P1 + bad : P1 - bad;
      if (bad <= 0 || Nb <= 0 || L / gcd(Nb, L) === 1) continue;
      this.p1 = p1;
      this.q1 = q1;
      this.p2 = p2;
      this.q2 = q2;
      this.op = op;
      this.L = L;
      this.slipWhich = which;
      this.slipBad = bad;
      const gg = gcd(N, L);
      this.answer = frac(N / gg, L / gg);
      break;
    }
    this.lhs = R`\frac{${this.p1}}{${this.q1}} ${this.op} \frac{${this.p2}}{${this.q2}}`;
    this.query = g.t(FRAC_QUERY).replace('«e»', g.chance(0.3) ? this.lhs.replace(/\\frac/g, '\\dfrac') : this.lhs);
    this.task = this.op === '+' ? 'frac-add' : 'frac-sub';
    this.what = this.op === '+' ? 'the sum' : 'the difference';
  }

  private get vars(): Vars {
    return { p1: this.p1, q1: this.q1, p2: this.p2, q2: this.q2, op: this.op, L: this.L, e: this.lhs };
  }
  private combine(P1: number, P2: number): number {
    return this.op === '+' ? P1 + P2 : P1 - P2;
  }
  private reduced(N: number, D: number): string {
    const gg = gcd(N, D);
    return frac(N / gg, D / gg);
  }

  intro(b: Body, g: Gen): void {
    if (g.chance(0.55)) {
      b.sp();
      b.put(g.t(FRAC_INTRO), this.vars);
    }
    const t = Math.max(this.q1, this.q2);
    const q = Math.min(this.q1, this.q2);
    if (t !== this.L && g.chance(0.35)) {
      b.sp();
      b.put(g.t(FRAC_TRY), { t, q });
    }
  }

  /** The LCD derivation with numerators P1, P2 (one of them may be a slip). */
  private lcdDerive(b: Body, g: Gen, P1: number, P2: number, slip: boolean): void {
    const { L } = this;
    b.sp();
    b.put(g.t(FRAC_LCD), this.vars);
    const k1 = L / this.q1;
    const k2 = L / this.q2;
    const conv = (p: number, q: number, k: number, P: number): string =>
      k === 1 ? R`\frac{${p}}{${q}}` : R`\frac{${p}}{${q}} = \frac{${p} \cdot ${k}}{${q} \cdot ${k}} = \frac{${P}}{${L}}`;
    if (g.chance(0.5)) {
      b.sp();
      b.put(g.t(FRAC_CONVERT));
      const parts = [conv(this.p1, this.q1, k1, P1), conv(this.p2, this.q2, k2, P2)].filter((_, i) => (i === 0 ? k1 : k2) > 1);
      b.disp(parts.join(R`, \qquad `));
    } else {
      const good1 = this.p1 * k1;
      const good2 = this.p2 * k2;
      if (k1 > 1) step(b, g, R`\frac{${this.p1}}{${this.q1}}`, frac(P1, L), slip && this.slipWhich === 1 ? undefined : frac(good1 + 1, L));
      if (k2 > 1) step(b, g, R`\frac{${this.p2}}{${this.q2}}`, frac(P2, L), slip && this.slipWhich === 2 ? undefined : frac(good2 + 1, L));
    }
    hesitate(b, g, 0.15);
    const N = this.combine(P1, P2);
    const gg = gcd(N, L);
    if (g.chance(0.4)) {
      b.sp();
      b.put(g.t(FRAC_NUM), { P1, P2, N, op: this.op });
    }
    if (gg > 1 && g.chance(0.4)) {
      b.sp();
      b.put(g.t(FRAC_REDUCE), { N, L, gg });
    }
    const chain = R`\frac{${P1}}{${L}} ${this.op} \frac{${P2}}{${L}}` + (gg > 1 ? R` = \frac{${N}}{${L}}` : '');
    const v = this.reduced(N, L);
    this.done(b, g, chain, v, v === this.answer);
    this.ctx = { method: 'lcd', P1, P2 };
  }

  private goodP(): [number, number] {
    return [this.p1 * (this.L / this.q1), this.p2 * (this.L / this.q2)];
  }

  first(b: Body, g: Gen, slip: boolean): void {
    let [P1, P2] = this.goodP();
    if (slip) {
      if (this.slipWhich === 1) P1 = this.slipBad;
      else P2 = this.slipBad;
      this.slipping = true;
    }
    this.lcdDerive(b, g, P1, P2, slip);
  }

  alt(b: Body, g: Gen): void {
    if (this.ctx.method === 'cross') {
      const [P1, P2] = this.goodP();
      this.lcdDerive(b, g, P1, P2, false);
      return;
    }
    const X = this.p1 * this.q2;
    const Y = this.p2 * this.q1;
    const Q = this.q1 * this.q2;
    const Z = this.combine(X, Y);
    b.sp();
    b.put(g.t(FRAC_CROSS), { op: this.op });
    b.disp(R`«e» = \frac{«p1» \cdot «q2» «op» «p2» \cdot «q1»}{«q1» \cdot «q2»}`, this.vars);
    const gg = gcd(Z, Q);
    const chain = R`\frac{${X} ${this.op} ${Y}}{${Q}}` + (gg > 1 ? R` = \frac{${Z}}{${Q}}` : '');
    const v = this.reduced(Z, Q);
    this.done(b, g, chain, v, v === this.answer);
    this.ctx = { method: 'cross', P1: X, P2: Y };
  }

  recheck(b: Body, g: Gen): void {
    const { P1, P2 } = this.ctx;
    b.sp();
    if (this.ctx.method === 'lcd') {
      const N = this.combine(P1, P2);
      b.put(g.t(FRAC_RECHECK), { P1, P2, N, L: this.L, op: this.op });
      const gg = gcd(N, this.L);
      const chain = R`\frac{${P1} ${this.op} ${P2}}{${this.L}}` + (gg > 1 ? R` = \frac{${N}}{${this.L}}` : '');
      const v = this.reduced(N, this.L);
      this.done(b, g, chain, v, v === this.answer);
    } else {
      const Q = this.q1 * this.q2;
      const Z = this.combine(P1, P2);
      b.put(g.t(FRAC_RECHECK_CROSS), { ...this.vars, X: P1, Y: P2, Q });
      const gg = gcd(Z, Q);
      const chain = R`\frac{${P1} ${this.op} ${P2}}{${Q}}` + (gg > 1 ? R` = \frac{${Z}}{${Q}}` : '');
      const v = this.reduced(Z, Q);
      this.done(b, g, chain, v, v === this.answer);
    }
  }

  fix(b: Body, g: Gen): void {
    if (!this.slipping) throw new Error('fix without a slip');
    const [P1, P2] = this.goodP();
    const which = this.slipWhich;
    const label = which === 1 ? R`\frac{${this.p1}}{${this.q1}}` : R`\frac{${this.p2}}{${this.q2}}`;
    b.sp();
    b.put(g.t(FIX_POINT), { label, good: frac(which === 1 ? P1 : P2, this.L), bad: frac(this.slipBad, this.L) });
    b.sp();
    b.put(g.t(RECOMBINE_LEAD));
    const N = this.combine(P1, P2);
    const gg = gcd(N, this.L);
    const chain = R`\frac{${P1}}{${this.L}} ${this.op} \frac{${P2}}{${this.L}}` + (gg > 1 ? R` = \frac{${N}}{${this.L}}` : '');
    this.done(b, g, chain, this.answer, true, true);
    this.ctx = { method: 'lcd', P1, P2 };
    this.slipping = false;
  }

  override sanity(b: Body, g: Gen): boolean {
    const x1 = this.p1 / this.q1;
    const x2 = this.p2 / this.q2;
    b.sp();
    b.put(g.t(this.op === '+' ? FRAC_SANITY_ADD : FRAC_SANITY_SUB), {
      f1: frac(this.p1, this.q1),
      f2: frac(this.p2, this.q2),
      d1: x1.toFixed(3),
      d2: x2.toFixed(3),
      dm: Math.max(x1, x2).toFixed(3),
    });
    return true;
  }
}

// ---- algebra: x + y -------------------------------------------------------------------------

const ALG_QUERY = [
  R`If $«e1»$ and $«e2»$, what is $x + y$?`,
  R`Real numbers $x$ and $y$ satisfy $«e1»$ and $«e2»$. Find $x + y$.`,
  R`Given the system $«e1»$, $«e2»$, compute $x + y$.`,
  R`Suppose $«e1»$ and $«e2»$. What is the value of $x+y$?`,
  R`Solve for $x + y$ given that $«e1»$ and $«e2»$.`,
  R`The numbers $x$ and $y$ satisfy $«e1»$ and $«e2»$. Determine $x + y$.`,
  R`Find $x + y$ if $«e1»$ and $«e2»$.`,
  R`Let $x$ and $y$ be real numbers with $«e1»$ and $«e2»$. What is $x + y$?`,
];
const ALG_INTRO = [
  R`We have $«e1»$ and $«e2»$.`,
  R`The equations are $«e1»$ and $«e2»$.`,
  R`Given: $«e1»$ and $«e2»$.`,
  R`So we know $«e1»$ and $«e2»$.`,
];
const ALG_TRY = [
  R`Let me try a guess first: if $x = «tx»$, then $y = «ty»$, and $«a» \cdot «tx» + «b» \cdot «ty» = «tv» \neq «c»$. That doesn't work, so let me solve properly.`,
  R`Does $x = «tx»$ work? Then $y = «ty»$ and the first equation gives $«tv»$, not $«c»$. No.`,
  R`Suppose $x = «tx»$. Then $y = «ty»$, but $«a» \cdot «tx» + «b» \cdot «ty» = «tv»$, which is not $«c»$.`,
  R`Testing $x = «tx»$, $y = «ty»$: the first equation becomes $«tv» = «c»$, which is false.`,
];
const ALG_SUB_PLAN = [
  R`From the second equation, $x = y + «d»$.`,
  R`Solve the second equation for $x$: $x = y + «d»$.`,
  R`Isolating $x$ in $«e2»$ gives $x = y + «d»$.`,
  R`The second equation says $x = y + «d»$.`,
];
const ALG_SUB_INTO = [
  'Substituting into the first equation:',
  'Plug this into the first equation:',
  'Now substitute into the first equation:',
  'Substituting:',
];
const ALG_VALUES = ['So the solution is', 'That gives', 'Hence', 'So far:'];
const ALG_ELIM = [
  R`Multiply the second equation by $«b»$ and add it to the first:`,
  R`Eliminate $y$: add $«b»$ times the second equation to the first.`,
  R`Elimination works too: scale $«e2»$ by $«b»$ and add.`,
  R`To eliminate $y$, multiply $«e2»$ by $«b»$ and add the equations.`,
];
const ALG_ELIM_SUM = [
  R`So $«ab»x = «cbd»$.`,
  R`The $y$ terms cancel, leaving $«ab»x = «cbd»$.`,
  R`This simplifies to $«ab»x = «cbd»$.`,
  R`That is, $«ab»x = «cbd»$.`,
];
const ALG_RECHECK_SUB = [
  R`Redoing the substitution: $«a»(y + «d») + «B»y = «c»$ gives $«ab»y = «rhs»$, so $y = «y»$ and $x = «x»$.`,
  R`Substituting $x = y + «d»$ again: $«ab»y = «rhs»$, hence $y = «y»$, $x = «x»$.`,
  R`Once more: $«a»(y + «d») + «B»y = «c»$ means $«ab»y = «rhs»$, so $y = «y»$ and then $x = «x»$.`,
  R`Plugging $x = y + «d»$ in again, $«ab»y = «rhs»$; so $y = «y»$ and $x = «x»$.`,
];
const ALG_RECHECK_ELIM = [
  R`Redoing the elimination: $«ab»x = «c» + «bd» = «cbd»$, so $x = «x»$ and $y = «y»$.`,
  R`Adding the equations again, $«ab»x = «cbd»$, hence $x = «x»$ and $y = «x» - «d» = «y»$.`,
  R`Again: $«ab»x = «cbd»$ gives $x = «x»$, then $y = «y»$.`,
  R`Once more, $«ab»x = «c» + «bd»$, so $x = «x»$ and $y = «y»$.`,
];
const ALG_REDO = [
  R`Then $«ab»y = «cad»$, so $y = «y»$ and $x = «y» + «d» = «x»$.`,
  R`So $«ab»y = «cad»$, giving $y = «y»$, and $x = «x»$.`,
  R`With that, $«ab»y = «cad»$, hence $y = «y»$ and $x = «x»$.`,
  R`Correctly, $«ab»y = «cad»$, so $y = «y»$ and therefore $x = «x»$.`,
];
const ALG_SANITY = [
  R`Check: $«a»(«x») + «b»(«y») = «c»$ and $«x» - «y» = «d»$. ✓`,
  R`(Plugging back in: $«a» \cdot «x» + «b» \cdot «y» = «c»$ and $«x» - «y» = «d»$, both correct.)`,
  R`Both equations hold: $«a» \cdot «x» + «b» \cdot «y» = «c»$ and $«x» - «y» = «d»$.`,
  R`(Verification: $«a»(«x») + «b»(«y») = «c»$, $«x» - «y» = «d»$.)`,
];

type AlgSlip = 'dist' | 'sign';

class Alg extends Kind {
  readonly query: string;
  readonly answer: string;
  readonly task = 'alg-sum';
  readonly what = '$x + y$';
  readonly lhs = 'x + y';
  private readonly a: number;
  private readonly b: number;
  private readonly x: number;
  private readonly y: number;
  private readonly c: number;
  private readonly d: number;
  private readonly slips: AlgSlip[];
  private method: 'sub' | 'elim' = 'sub';
  private slip: AlgSlip | null = null;

  constructor(g: Gen) {
    super();
    for (;;) {
      const x = g.int(2, 14);
      const y = g.int(1, x - 1);
      const a = g.int(2, 7);
      const b = g.int(2, 7);
      if (a === b) continue; // equal coefficients would give x + y at once
      const c = a * x + b * y;
      const d = x - y;
      const slips: AlgSlip[] = [];
      const yd = (c - d) / (a + b);
      const ys = (c + a * d) / (a + b);
      if (Number.isInteger(yd) && yd >= 1 && yd !== y) slips.push('dist');
      if (Number.isInteger(ys) && ys >= 1 && ys !== y) slips.push('sign');
      if (!slips.length) continue;
      this.a = a;
      this.b = b;
      this.x = x;
      this.y = y;
      this.c = c;
      this.d = d;
      this.slips = slips;
      break;
    }
    this.answer = String(this.x + this.y);
    this.query = g.t(ALG_QUERY).replace('«e1»', this.e1).replace('«e2»', this.e2);
  }

  private get e1(): string {
    return `${this.a}x + ${this.b}y = ${this.c}`;
  }
  private get e2(): string {
    return `x - y = ${this.d}`;
  }
  private get vars(): Vars {
    const { a, b, c, d } = this;
    return { a, b, c, d, B: b, ab: a + b, ad: a * d, bd: b * d, cad: c - a * d, cbd: c + b * d, e1: this.e1, e2: this.e2 };
  }
  /** y and the right-hand side of (a+b)y = rhs under a slip (or none). */
  private solveSub(s: AlgSlip | null): { rhs: number; y: number; x: number } {
    const { a, b, c, d } = this;
    const rhs = s === 'dist' ? c - d : s === 'sign' ? c + a * d : c - a * d;
    const y = rhs / (a + b);
    return { rhs, y, x: y + d };
  }

  intro(b: Body, g: Gen): void {
    if (g.chance(0.6)) {
      b.sp();
      b.put(g.t(ALG_INTRO), this.vars);
    }
    if (g.chance(0.3)) {
      const tx = this.x + 1;
      const ty = tx - this.d;
      b.sp();
      b.put(g.t(ALG_TRY), { ...this.vars, tx, ty, tv: this.a * tx + this.b * ty });
    }
  }

  private subDerive(b: Body, g: Gen, s: AlgSlip | null): void {
    const v = this.vars;
    const { rhs, y, x } = this.solveSub(s);
    b.sp();
    b.put(g.t(ALG_SUB_PLAN), v);
    b.sp();
    b.put(g.t(ALG_SUB_INTO));
    const row2 = s === 'dist' ? '«a»y + «d» + «B»y &= «c»' : '«a»y + «ad» + «B»y &= «c»';
    b.disp(`\\begin{aligned}↵«a»(y + «d») + «B»y &= «c» \\\\↵${row2} \\\\↵«ab»y &= «rhs»↵\\end{aligned}`, { ...v, rhs });
    hesitate(b, g, 0.15);
    step(b, g, R`y = \frac{${rhs}}{${this.a + this.b}}`, y, y + 1);
    step(b, g, `x = ${y} + ${this.d}`, x);
    if (g.chance(0.4)) {
      b.sp();
      b.put(g.t(ALG_VALUES));
      b.disp(R`x = ${x}, \quad y = ${y}`);
    }
    this.done(b, g, `${x} + ${y}`, String(x + y), x + y === this.x + this.y);
    this.method = 'sub';
  }

  first(b: Body, g: Gen, slip: boolean): void {
    this.slip = slip ? g.pick(this.slips) : null;
    this.subDerive(b, g, this.slip);
  }

  alt(b: Body, g: Gen): void {
    if (this.method === 'elim') {
      this.subDerive(b, g, null);
      return;
    }
    const v = this.vars;
    b.sp();
    b.put(g.t(ALG_ELIM), v);
    b.disp('(«a»x + «B»y) + («b»x - «b»y) = «c» + «bd»', v);
    b.sp();
    b.put(g.t(ALG_ELIM_SUM), v);
    step(b, g, R`x = \frac{${this.c + this.b * this.d}}{${this.a + this.b}}`, this.x, this.x + 1);
    step(b, g, `y = ${this.x} - ${this.d}`, this.y);
    this.done(b, g, `${this.x} + ${this.y}`, this.answer, true);
    this.method = 'elim';
  }

  recheck(b: Body, g: Gen): void {
    b.sp();
    if (this.method === 'sub') {
      const { rhs, y, x } = this.solveSub(this.slip);
      b.put(g.t(ALG_RECHECK_SUB), { ...this.vars, rhs, y, x });
      this.done(b, g, `${x} + ${y}`, String(x + y), x + y === this.x + this.y);
    } else {
      b.put(g.t(ALG_RECHECK_ELIM), { ...this.vars, x: this.x, y: this.y });
      this.done(b, g, `${this.x} + ${this.y}`, this.answer, true);
    }
  }

  fix(b: Body, g: Gen): void {
    const s = this.slip;
    if (!s) throw new Error('fix without a slip');
    const v = this.vars;
    b.sp();
    if (s === 'dist')
      b.put(g.t(FIX_POINT), { label: `${this.a}(y + ${this.d})`, good: `${this.a}y + ${this.a * this.d}`, bad: `${this.a}y + ${this.d}` });
    else
      b.put(g.t(FIX_POINT), {
        label: `${this.a + this.b}y`,
        good: `${this.c} - ${this.a * this.d}`,
        bad: `${this.c} + ${this.a * this.d}`,
      });
    b.sp();
    b.put(g.t(ALG_REDO), { ...v, x: this.x, y: this.y });
    this.done(b, g, `${this.x} + ${this.y}`, this.answer, true, true);
    this.slip = null;
    this.method = 'sub';
  }

  override sanity(b: Body, g: Gen): boolean {
    b.sp();
    b.put(g.t(ALG_SANITY), { ...this.vars, x: this.x, y: this.y });
    return true;
  }
}

// ---- areas with radical answers -------------------------------------------------------------

const RECT_QUERY = [
  R`A rectangle has one side of length $«s»$ and a diagonal of length $«d»$. Find the area of the rectangle in simplest radical form.`,
  R`The diagonal of a rectangle is $«d»$ and one of its sides is $«s»$. What is the area of the rectangle?`,
  R`One side of a rectangle measures $«s»$ and its diagonal measures $«d»$. Compute the area, in simplest radical form.`,
  R`A rectangle with a side of length $«s»$ has a diagonal of length $«d»$. What is its area? Express your answer in simplest radical form.`,
];
const RECT_INTRO = [
  R`Let the other side be $w$. The side $«s»$, the side $w$ and the diagonal $«d»$ form a right triangle.`,
  R`The diagonal $«d»$ is the hypotenuse of a right triangle with legs $«s»$ and $w$.`,
  R`Call the unknown side $w$; then $«s»^2 + w^2 = «d»^2$.`,
  R`By the Pythagorean theorem, $«s»^2 + w^2 = «d»^2$, where $w$ is the other side.`,
];
const RECT_TRY = [
  R`(If $«d»$ were a side, the area would be $«s» \cdot «d» = «sd»$, but $«d»$ is the diagonal.)`,
  R`Note it's not simply $«s» \times «d» = «sd»$, since $«d»$ is the diagonal, not a side.`,
  R`A tempting shortcut would be $«s» \cdot «d» = «sd»$, but that treats the diagonal as a side.`,
  R`(The product $«s» \cdot «d» = «sd»$ would be the area only if $«d»$ were a side.)`,
];
const RECT_W = ['So the other side is', 'Solving for $w$:', 'The other side is', 'From this,'];
const RECT_AREA = [
  'The area is the product of the two sides.',
  R`Now the area is $«s» \cdot w$.`,
  'Then the area is $«s» w$.',
  'Multiplying the two sides gives the area.',
];
const RECT_ALT = [
  R`The area is $«s» w = \sqrt{«s»^2 w^2}$ with $w^2 = «D»$:`,
  R`Compute the area squared: $(«s» w)^2 = «s2» \cdot w^2$.`,
  R`Write the area as $\sqrt{«s»^2 \cdot w^2}$ with $w^2 = «D»$.`,
  R`Without simplifying $w$ first, the area is $\sqrt{«s2» \cdot «D»}$.`,
];
const RECT_RECHECK = [
  R`Recomputing with $w^2 = «D»$: the area squared is $«s2» \cdot «D» = «NN»$.`,
  R`Again, $w^2 = «D»$, so $(\text{Area})^2 = «s2» \cdot «D» = «NN»$.`,
  R`Using $w^2 = «D»$ once more, the square of the area is $«NN»$.`,
  R`With $w^2 = «D»$, the area squared comes to $«s2» \cdot «D» = «NN»$.`,
];
const RECT_REDO = [
  R`So $w = \sqrt{«D»}«wt»$.`,
  R`Hence $w^2 = «D»$ and $w = «w»$.`,
  R`That makes $w = \sqrt{«D»}«wt»$.`,
  R`Therefore $w = «w»$.`,
];
const RECT_SANITY = [
  R`(Numerically $w \approx «wdec»$, a bit less than $«d»$, as it must be.)`,
  R`As a sanity check, $w \approx «wdec»$ is shorter than the diagonal $«d»$.`,
  R`(Check: $w \approx «wdec» < «d»$, so the shape makes sense.)`,
  R`Note $w \approx «wdec»$, which is indeed less than $«d»$.`,
];

class Rect extends Kind {
  readonly query: string;
  readonly answer: string;
  readonly task = 'area-radical';
  readonly what = 'the area';
  readonly lhs = R`\text{Area}`;
  private readonly s: number;
  private readonly d: number;
  private D = 0; // current w^2
  private slipping = false;

  constructor(g: Gen) {
    super();
    let s: number;
    let d: number;
    for (;;) {
      s = g.int(2, 9);
      d = g.int(s + 1, 15);
      const [, m] = sqrtSplit(d * d - s * s);
      if (m > 1) break;
    }
    this.s = s;
    this.d = d;
    const [k, m] = sqrtSplit(d * d - s * s);
    this.answer = radical(s * k, m);
    this.query = g.t(RECT_QUERY).replace(/«s»/g, String(s)).replace(/«d»/g, String(d));
  }

  private wOf(D: number): string {
    const [k, m] = sqrtSplit(D);
    return radical(k, m);
  }
  private areaOf(D: number): string {
    const [k, m] = sqrtSplit(this.s * this.s * D);
    return radical(k, m);
  }

  intro(b: Body, g: Gen): void {
    b.sp();
    b.put(g.t(RECT_INTRO), { s: this.s, d: this.d });
    if (g.chance(0.3)) {
      b.sp();
      b.put(g.t(RECT_TRY), { s: this.s, d: this.d, sd: this.s * this.d });
    }
  }

  private pyth(b: Body, g: Gen, plus: boolean): void {
    const { s, d } = this;
    const D = plus ? d * d + s * s : d * d - s * s;
    const sg = plus ? '+' : '-';
    const [k, m] = sqrtSplit(D);
    const w = this.wOf(D);
    b.sp();
    b.put(g.t(RECT_W));
    let tail = '';
    if (m === 1) tail = ` = ${w}`;
    else if (k > 1) tail = R` = \sqrt{${k * k} \cdot ${m}} = ${w}`;
    b.disp(R`w = \sqrt{${d}^2 ${sg} ${s}^2} = \sqrt{${d * d} ${sg} ${s * s}} = \sqrt{${D}}${tail}`);
    hesitate(b, g, 0.15);
    b.sp();
    b.put(g.t(RECT_AREA), { s });
    const v = this.areaOf(D);
    this.done(b, g, R`${s} \cdot ${w}`, v, v === this.answer);
    this.D = D;
  }

  first(b: Body, g: Gen, slip: boolean): void {
    this.slipping = slip;
    this.pyth(b, g, slip);
  }

  private rootForm(b: Body, g: Gen, D: number): void {
    const NN = this.s * this.s * D;
    const [k] = sqrtSplit(NN);
    const v = this.areaOf(D);
    const chain = R`\sqrt{${NN}}` + (k > 1 && sqrtSplit(NN)[1] > 1 ? R` = \sqrt{${k * k} \cdot ${sqrtSplit(NN)[1]}}` : '');
    this.done(b, g, chain, v, v === this.answer);
    this.D = D;
  }

  alt(b: Body, g: Gen): void {
    const D = this.d * this.d - this.s * this.s;
    b.sp();
    b.put(g.t(RECT_ALT), { s: this.s, s2: this.s * this.s, D });
    b.disp(R`(\text{Area})^2 = ${this.s * this.s} \cdot ${D} = ${this.s * this.s * D}`);
    this.rootForm(b, g, D);
  }

  recheck(b: Body, g: Gen): void {
    b.sp();
    b.put(g.t(RECT_RECHECK), { D: this.D, s2: this.s * this.s, NN: this.s * this.s * this.D });
    this.rootForm(b, g, this.D);
  }

  fix(b: Body, g: Gen): void {
    if (!this.slipping) throw new Error('fix without a slip');
    const { s, d } = this;
    const D = d * d - s * s;
    b.sp();
    b.put(g.t(FIX_POINT), { label: 'w^2', good: `${d}^2 - ${s}^2`, bad: `${d}^2 + ${s}^2` });
    b.sp();
    const w = this.wOf(D);
    b.put(g.t(RECT_REDO), { D, w, wt: w === R`\sqrt{${D}}` ? '' : ` = ${w}` });
    this.done(b, g, R`${s} \cdot ${this.wOf(D)}`, this.answer, true, true);
    this.D = D;
    this.slipping = false;
  }

  override sanity(b: Body, g: Gen): boolean {
    b.sp();
    b.put(g.t(RECT_SANITY), { d: this.d, wdec: Math.sqrt(this.d * this.d - this.s * this.s).toFixed(2) });
    return true;
  }
}

const TRI_QUERY = [
  R`In triangle $ABC$, $AB = «p»$, $AC = «q»$, and $\angle BAC = «th»^\circ$. Find the area of triangle $ABC$.`,
  R`Triangle $ABC$ has $AB = «p»$, $AC = «q»$ and $\angle A = «th»^\circ$. What is its area?`,
  R`Two sides of a triangle have lengths $«p»$ and $«q»$, and the angle between them is $«th»^\circ$. Compute the area of the triangle.`,
  R`Find the area of a triangle with sides $«p»$ and $«q»$ enclosing an angle of $«th»^\circ$. Give your answer in simplest radical form.`,
];
const TRI_FORMULA = [
  R`The area of a triangle with two sides and the included angle is $«F»$.`,
  R`Use $[ABC] = «F»$ with the included angle.`,
  R`For two sides and the included angle, the area is $«F»$.`,
  R`The formula we need is $\text{Area} = «F»$.`,
];
const TRI_TRY = [
  R`(If the angle were $90^\circ$, the area would just be $\frac{1}{2} \cdot «p» \cdot «q» = «pq2»$; here we need the sine.)`,
  R`For a right angle we would get $\frac{1}{2} \cdot «p» \cdot «q» = «pq2»$, but the angle is $«th»^\circ$.`,
  R`Were this a right triangle, the area would be $«pq2»$; the $«th»^\circ$ angle changes that.`,
  R`(A right angle would give $\frac{«p» \cdot «q»}{2} = «pq2»$, which is not our case.)`,
];
const TRI_SUB = ['Substituting the values:', 'Plugging in:', 'With our numbers:', 'Putting in the given sides:'];
const TRI_ALT = [
  R`Use the height from $C$ to line $AB$: $h = «q» \sin «th»^\circ$.`,
  R`With base times height: the height to side $AB$ is $h = «q» \sin «th»^\circ$.`,
  R`Take $AB$ as the base; the height is $h = «q» \sin «th»^\circ$.`,
  R`The height onto $AB$ is $«q» \sin «th»^\circ$.`,
];
const TRI_RECHECK = [
  R`Recomputing: $«p» \cdot «q» = «pq»$, and with $\sin «th»^\circ = «sin»$:`,
  R`Again, $«p» \cdot «q» = «pq»$ and $\sin «th»^\circ = «sin»$, so`,
  R`Once more with $«p» \cdot «q» = «pq»$ and $\sin «th»^\circ = «sin»$:`,
  R`Redoing it: $«pq»$ for the product of the sides, $«sin»$ for the sine.`,
];
const TRI_SANITY = [
  R`(As a rough check, $\sin «th»^\circ \approx «sdec» < 1$, so the area must be less than $\frac{1}{2} \cdot «p» \cdot «q» = «pq2»$, and it is.)`,
  R`Since $\sin «th»^\circ \approx «sdec»$, the result is below the right-angle value $«pq2»$, as it should be.`,
  R`(Sanity check: with $\sin «th»^\circ \approx «sdec»$, the area is smaller than $«pq2»$, the value for a right angle.)`,
  R`Note $\sin «th»^\circ \approx «sdec»$ is less than $1$, so the answer is below $«pq2»$, which is consistent.`,
];

class Tri extends Kind {
  readonly query: string;
  readonly answer: string;
  readonly task = 'area-radical';
  readonly what = 'the area of the triangle';
  readonly lhs = '[ABC]';
  private readonly p: number;
  private readonly q: number;
  private readonly th: number;
  private readonly r: number; // 2 or 3
  private cur: { half: boolean; sinRight: boolean } = { half: true, sinRight: true };
  private slipping = false;

  constructor(g: Gen) {
    super();
    let p: number;
    let q: number;
    for (;;) {
      p = g.int(2, 12);
      q = g.int(2, 12);
      if ((p * q) % 4 === 0 && p !== q) break;
    }
    this.p = p;
    this.q = q;
    this.th = g.pick([45, 60, 120, 135]);
    this.r = this.th === 45 || this.th === 135 ? 2 : 3;
    this.answer = radical((p * q) / 4, this.r);
    this.query = g.t(TRI_QUERY).replace(/«p»/g, String(p)).replace(/«q»/g, String(q)).replace(/«th»/g, String(this.th));
  }

  private get sinGood(): string {
    return R`\frac{\sqrt{${this.r}}}{2}`;
  }
  private sinOf(right: boolean): string {
    return right ? this.sinGood : R`\frac{1}{2}`;
  }
  private areaValue(half: boolean, sinRight: boolean): string {
    const pq = this.p * this.q;
    if (!sinRight) return String(half ? pq / 4 : pq / 2);
    return radical(half ? pq / 4 : pq / 2, this.r);
  }
  private chainOf(half: boolean, sinRight: boolean): string {
    const s = this.sinOf(sinRight);
    return (half ? R`\frac{1}{2} \cdot ` : '') + R`${this.p} \cdot ${this.q} \cdot ${s}`;
  }

  intro(b: Body, g: Gen): void {
    if (g.chance(0.3)) {
      b.sp();
      b.put(g.t(TRI_TRY), { p: this.p, q: this.q, th: this.th, pq2: (this.p * this.q) / 2 });
    }
  }

  first(b: Body, g: Gen, slip: boolean): void {
    // 60/120: sine taken as 1/2; 45/135: the 1/2 of the formula forgotten
    const half = !(slip && this.r === 2);
    const sinRight = !(slip && this.r === 3);
    this.slipping = slip;
    b.sp();
    b.put(g.t(TRI_FORMULA), { F: half ? R`\frac{1}{2}ab\sin C` : R`ab\sin C` });
    const sinLabel = this.th > 90 ? R`\sin ${this.th}^\circ = \sin ${180 - this.th}^\circ` : R`\sin ${this.th}^\circ`;
    step(b, g, sinLabel, this.sinOf(sinRight), sinRight ? R`\frac{1}{2}` : undefined);
    if (g.chance(0.5)) {
      b.sp();
      b.put(g.t(TRI_SUB));
      b.disp(R`[ABC] = ${half ? R`\frac{1}{2} \cdot ` : ''}${this.p} \cdot ${this.q} \cdot \sin ${this.th}^\circ`);
    }
    hesitate(b, g, 0.15);
    const v = this.areaValue(half, sinRight);
    this.done(b, g, this.chainOf(half, sinRight), v, v === this.answer);
    this.cur = { half, sinRight };
  }

  alt(b: Body, g: Gen): void {
    const { p, q, r, th } = this;
    const h = q % 2 === 0 ? radical(q / 2, r) : R`\frac{${q}\sqrt{${r}}}{2}`;
    b.sp();
    b.put(g.t(TRI_ALT), { q, th });
    b.disp(R`h = ${q} \cdot \frac{\sqrt{${r}}}{2} = ${h}`);
    this.done(b, g, R`\frac{1}{2} \cdot ${p} \cdot ${h}`, this.answer, true);
    this.cur = { half: true, sinRight: true };
  }

  recheck(b: Body, g: Gen): void {
    const { half, sinRight } = this.cur;
    b.sp();
    b.put(g.t(TRI_RECHECK), { p: this.p, q: this.q, pq: this.p * this.q, th: this.th, sin: this.sinOf(sinRight) });
    const chain = (half ? R`\frac{1}{2} \cdot ` : '') + R`${this.p * this.q} \cdot ${this.sinOf(sinRight)}`;
    const v = this.areaValue(half, sinRight);
    this.done(b, g, chain, v, v === this.answer);
  }

  fix(b: Body, g: Gen): void {
    if (!this.slipping) throw new Error('fix without a slip');
    b.sp();
    if (this.r === 3) b.put(g.t(FIX_POINT), { label: R`\sin ${this.th}^\circ`, good: this.sinGood, bad: R`\frac{1}{2}` });
    else b.put(g.t(FIX_POINT), { label: '[ABC]', good: R`\frac{1}{2}ab\sin C`, bad: R`ab\sin C` });
    b.sp();
    b.put(g.t(RECOMBINE_LEAD));
    this.done(b, g, this.chainOf(true, true), this.answer, true, true);
    this.cur = { half: true, sinRight: true };
    this.slipping = false;
  }

  override sanity(b: Body, g: Gen): boolean {
    const sn = Math.sin((this.th * Math.PI) / 180);
    b.sp();
    b.put(g.t(TRI_SANITY), { th: this.th, sdec: sn.toFixed(3), p: this.p, q: this.q, pq2: (this.p * this.q) / 2 });
    return true;
  }
}

// ---- m + n ----------------------------------------------------------------------------------

const MARB_QUERY = [
  R`A bag contains «r» red marbles and «u» blue marbles. Two marbles are drawn at random without replacement. The probability that «event» is $\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.`,
  R`Two marbles are drawn without replacement from a bag with «r» red and «u» blue marbles. If the probability that «event» is $\frac{m}{n}$ in lowest terms, what is $m + n$?`,
  R`An urn holds «r» red balls and «u» blue balls. Two balls are chosen at random without replacement. The probability that «event» can be written as $\frac{m}{n}$ with $\gcd(m,n)=1$. Compute $m+n$.`,
  R`From a box of «r» red and «u» blue marbles, two are drawn at random (without replacement). The probability that «event» equals $\frac{m}{n}$, where $m, n$ are coprime positive integers. Find $m + n$.`,
];
const MARB_INTRO = [
  R`There are $«r» + «u» = «N»$ marbles in total.`,
  R`In total the bag holds $«N»$ marbles, $«r»$ of them red.`,
  R`Total number of marbles: $«r» + «u» = «N»$.`,
  R`So we draw $2$ from $«N»$ marbles, of which $«r»$ are red.`,
];
const MARB_TRY_RR = [
  R`(With replacement it would be $\left(\frac{«r»}{«N»}\right)^2$, but here the first marble is not put back.)`,
  R`Note that the draws are not independent: after a red marble, only $«r1»$ red ones remain.`,
  R`(If we replaced the marble, the answer would involve $\left(\frac{«r»}{«N»}\right)^2$ instead.)`,
  R`After one red marble is drawn, $«r1»$ red marbles are left among $«N1»$.`,
];
const MARB_TRY_RB = [
  R`For instance, red then blue has probability $\frac{«r»}{«N»} \cdot \frac{«u»}{«N1»} = \frac{«ru»}{«Y»}$; blue then red is the same.`,
  R`The order can be red-blue or blue-red, each with probability $\frac{«ru»}{«Y»}$.`,
  R`Red first and then blue: $\frac{«r»}{«N»} \cdot \frac{«u»}{«N1»} = \frac{«ru»}{«Y»}$. The reverse order gives the same.`,
  R`There are two orders, and each one has probability $\frac{«ru»}{«Y»}$.`,
];
const MARB_SEQ = [
  'Multiplying the probabilities of the two draws:',
  'The probability is',
  'Drawing one marble at a time:',
  'Using sequential draws:',
];
const MARB_SIMPLIFY = [
  R`This simplifies to $\frac{«m»}{«n»}$, so $m = «m»$ and $n = «n»$.`,
  R`Reducing, $\frac{«X»}{«Y»} = \frac{«m»}{«n»}$; thus $m = «m»$, $n = «n»$.`,
  R`In lowest terms that is $\frac{«m»}{«n»}$, giving $m = «m»$ and $n = «n»$.`,
  R`Dividing by $«gg»$: $\frac{«m»}{«n»}$. So $m = «m»$, $n = «n»$.`,
];
const MARB_NOREDUCE = [
  R`So $m = «X»$ and $n = «Y»$.`,
  R`Thus the probability is $\frac{«X»}{«Y»}$, i.e. $m = «X»$, $n = «Y»$.`,
  R`That gives $m = «X»$ and $n = «Y»$.`,
  R`Reading off, $m = «X»$ and $n = «Y»$.`,
];
const MARB_ALT = [
  R`Count pairs: there are $\binom{«N»}{2} = «C2»$ equally likely pairs.`,
  R`I'll count unordered pairs. The total is $\binom{«N»}{2} = «C2»$.`,
  R`Counting pairs of marbles, there are $\binom{«N»}{2} = «C2»$ of them.`,
  R`With combinations, the number of pairs is $\binom{«N»}{2} = «C2»$.`,
];
const MN_READ = [
  R`So $m = «m»$ and $n = «n»$.`,
  R`Hence $m = «m»$ and $n = «n»$.`,
  R`Thus $m = «m»$, $n = «n»$.`,
  R`Which gives $m = «m»$ and $n = «n»$.`,
];
const MARB_RECHECK_SEQ = [
  R`Recomputing: the numerator is $«numx» = «X»$ and the denominator is $«N» \cdot «N1» = «Y»$.`,
  R`Numerator $«numx» = «X»$, denominator $«N» \cdot «N1» = «Y»$.`,
  R`Again, $«numx» = «X»$ on top and $«N» \cdot «N1» = «Y»$ on the bottom.`,
  R`Redoing the products: $«numx» = «X»$ and $«N» \cdot «N1» = «Y»$.`,
];
const MARB_RECHECK_COMB = [
  R`Recounting: $\binom{«N»}{2} = «C2»$ pairs in total and $«C1»$ favorable ones.`,
  R`Again, there are $«C1»$ favorable pairs out of $«C2»$.`,
  R`Counting once more: $«C1»$ good pairs among $«C2»$.`,
  R`The favorable pairs number $«C1»$, out of $\binom{«N»}{2} = «C2»$.`,
];
const FIX_REDUCE = [
  R`But $m$ and $n$ must be relatively prime, and $\gcd(«X», «Y») = «gg»$, so $\frac{«X»}{«Y»}$ is not in lowest terms.`,
  R`I forgot to reduce: $«X»$ and $«Y»$ share a factor of $«gg»$.`,
  R`However, $\frac{«X»}{«Y»}$ isn't reduced — both are divisible by $«gg»$.`,
  R`The fraction still needs simplifying, since $\gcd(«X», «Y») = «gg»$.`,
];
const MARB_FIXED = [
  R`Dividing by $«gg»$ gives $\frac{«m»}{«n»}$, so $m = «m»$ and $n = «n»$.`,
  R`So the probability is $\frac{«m»}{«n»}$, with $m = «m»$, $n = «n»$.`,
  R`Reduced, it is $\frac{«m»}{«n»}$: $m = «m»$ and $n = «n»$.`,
  R`In lowest terms, $\frac{«m»}{«n»}$, hence $m = «m»$, $n = «n»$.`,
];
const MN_SANITY = [
  R`Since $\gcd(«m», «n») = 1$, the fraction is in lowest terms.`,
  R`(And $«m»$ and $«n»$ are indeed coprime.)`,
  R`(The fraction $\frac{«m»}{«n»}$ can't be reduced further.)`,
  R`Note that $«m»$ and $«n»$ have no common factor, as required.`,
];

class Marbles extends Kind {
  readonly query: string;
  readonly answer: string;
  readonly task = 'm-plus-n';
  readonly what = '$m + n$';
  readonly lhs = 'm + n';
  private readonly r: number;
  private readonly u: number;
  private readonly N: number;
  private readonly rr: boolean; // both red (else one of each)
  private readonly X: number;
  private readonly Y: number;
  private readonly m: number;
  private readonly n: number;
  private method: 'seq' | 'comb' = 'seq';
  private unreduced = false; // current derivation forgot to reduce
  private slipping = false;

  constructor(g: Gen) {
    super();
    this.r = g.int(2, 7);
    this.u = g.int(1, 7);
    this.N = this.r + this.u;
    this.rr = g.chance(0.6);
    this.X = this.rr ? this.r * (this.r - 1) : 2 * this.r * this.u;
    this.Y = this.N * (this.N - 1);
    const gg = gcd(this.X, this.Y);
    this.m = this.X / gg;
    this.n = this.Y / gg;
    this.answer = String(this.m + this.n);
    const event = this.rr ? 'both marbles are red' : 'one marble is red and the other is blue';
    this.query = g.t(MARB_QUERY).replace('«r»', String(this.r)).replace('«u»', String(this.u)).replace('«event»', event);
  }

  private get vars(): Vars {
    const { r, u, N, X, Y, m, n } = this;
    return { r, u, N, X, Y, m, n, r1: r - 1, N1: N - 1, ru: r * u, gg: gcd(X, Y), C2: (N * (N - 1)) / 2 };
  }

  intro(b: Body, g: Gen): void {
    b.sp();
    b.put(g.t(MARB_INTRO), this.vars);
    if (g.chance(0.35)) {
      b.sp();
      b.put(g.t(this.rr ? MARB_TRY_RR : MARB_TRY_RB), this.vars);
    }
  }

  private finish(b: Body, g: Gen, unreduced: boolean, showChain = false): void {
    const mm = unreduced ? this.X : this.m;
    const nn = unreduced ? this.Y : this.n;
    this.done(b, g, `${mm} + ${nn}`, String(mm + nn), !unreduced, showChain);
    this.unreduced = unreduced;
  }

  first(b: Body, g: Gen, slip: boolean): void {
    const { r, u, N } = this;
    b.sp();
    b.put(g.t(MARB_SEQ));
    const prod = this.rr ? R`\frac{${r}}{${N}} \cdot \frac{${r - 1}}{${N - 1}}` : R`2 \cdot \frac{${r}}{${N}} \cdot \frac{${u}}{${N - 1}}`;
    b.disp(R`P = ${prod} = \frac{${this.X}}{${this.Y}}`);
    hesitate(b, g, 0.15);
    b.sp();
    b.put(g.t(slip ? MARB_NOREDUCE : MARB_SIMPLIFY), this.vars);
    this.slipping = slip;
    this.method = 'seq';
    this.finish(b, g, slip);
  }

  alt(b: Body, g: Gen): void {
    const { r, u, N } = this;
    const C1 = this.rr ? (r * (r - 1)) / 2 : r * u;
    const C2 = (N * (N - 1)) / 2;
    b.sp();
    b.put(g.t(MARB_ALT), this.vars);
    const fav = this.rr ? R`\binom{${r}}{2}` : R`${r} \cdot ${u}`;
    b.disp(R`P = \frac{${fav}}{\binom{${N}}{2}} = \frac{${C1}}{${C2}}` + (gcd(C1, C2) > 1 ? R` = \frac{${this.m}}{${this.n}}` : ''));
    b.sp();
    b.put(g.t(MN_READ), this.vars);
    this.method = 'comb';
    this.finish(b, g, false);
  }

  recheck(b: Body, g: Gen): void {
    b.sp();
    if (this.method === 'seq') {
      const numx = this.rr ? `${this.r} \\cdot ${this.r - 1}` : `2 \\cdot ${this.r} \\cdot ${this.u}`;
      b.put(g.t(MARB_RECHECK_SEQ), { ...this.vars, numx });
      b.sp();
      b.put(g.t(this.unreduced ? MARB_NOREDUCE : MARB_SIMPLIFY), this.vars);
      this.finish(b, g, this.unreduced);
    } else {
      const C1 = this.rr ? (this.r * (this.r - 1)) / 2 : this.r * this.u;
      b.put(g.t(MARB_RECHECK_COMB), { ...this.vars, C1 });
      b.sp();
      b.put(g.t(MARB_FIXED), { ...this.vars, gg: gcd(C1, (this.N * (this.N - 1)) / 2) });
      this.finish(b, g, false);
    }
  }

  fix(b: Body, g: Gen): void {
    if (!this.slipping) throw new Error('fix without a slip');
    b.sp();
    b.put(g.t(FIX_REDUCE), this.vars);
    b.sp();
    b.put(g.t(MARB_FIXED), this.vars);
    this.method = 'seq';
    this.slipping = false;
    this.finish(b, g, false, true);
  }

  override sanity(b: Body, g: Gen): boolean {
    b.sp();
    b.put(g.t(MN_SANITY), { m: this.m, n: this.n });
    return true;
  }
}

const TEL_QUERY = [
  R`The sum $\sum_{k=1}^{«N»} \frac{1}{k(k+1)}$ equals $\frac{m}{n}$ for relatively prime positive integers $m$ and $n$. Find $m + n$.`,
  R`Write $\frac{1}{1 \cdot 2} + \frac{1}{2 \cdot 3} + \cdots + \frac{1}{«N» \cdot «N1»}$ as $\frac{m}{n}$ in lowest terms. What is $m+n$?`,
  R`Let $S = \sum_{k=1}^{«N»} \frac{1}{k^2 + k}$. If $S = \frac{m}{n}$ with $\gcd(m, n) = 1$, compute $m + n$.`,
  R`The value of $\frac{1}{1 \cdot 2} + \frac{1}{2 \cdot 3} + \dots + \frac{1}{«N»\cdot «N1»}$ is $\frac{m}{n}$, where $m$ and $n$ are coprime positive integers. Find $m+n$.`,
];
const TEL_INTRO = [
  R`Each term has the form $\frac{1}{k(k+1)}$ with $k$ running from $1$ to $«N»$.`,
  R`There are $«N»$ terms, the last being $\frac{1}{«N» \cdot «N1»}$.`,
  R`The general term is $\frac{1}{k(k+1)}$, for $k = 1, \dots, «N»$.`,
  R`So we are adding $«N»$ fractions, from $\frac{1}{2}$ to $\frac{1}{«NN1»}$.`,
];
const TEL_PF = [
  R`Using partial fractions, $\frac{1}{k(k+1)} = \frac{1}{k} - \frac{1}{k+1}$.`,
  R`Note that $\frac{1}{k(k+1)} = \frac{1}{k} - \frac{1}{k+1}$, so the sum telescopes.`,
  R`Split each term: $\frac{1}{k(k+1)} = \frac{1}{k} - \frac{1}{k+1}$.`,
  R`The key identity is $\frac{1}{k(k+1)} = \frac{1}{k} - \frac{1}{k+1}$; the sum telescopes.`,
];
const TEL_MN = [
  R`So $m = «mm»$ and $n = «nn»$.`,
  R`This is already in lowest terms, so $m = «mm»$, $n = «nn»$.`,
  R`Thus $m = «mm»$ and $n = «nn»$.`,
  R`Here $m = «mm»$ and $n = «nn»$, which are coprime.`,
];
const TEL_ALT = [
  R`Look at the partial sums: $S_1 = \frac{1}{2}$, $S_2 = \frac{1}{2} + \frac{1}{6} = \frac{2}{3}$, $S_3 = \frac{2}{3} + \frac{1}{12} = \frac{3}{4}$.`,
  R`Try small cases: $S_1 = \frac{1}{2}$, $S_2 = \frac{2}{3}$, $S_3 = \frac{3}{4}$, $S_4 = \frac{4}{5}$.`,
  R`Compute a few partial sums: $S_1 = \frac{1}{2}$, $S_2 = \frac{2}{3}$, $S_3 = \frac{3}{4}$.`,
  R`The first partial sums are $\frac{1}{2}$, then $\frac{1}{2} + \frac{1}{6} = \frac{2}{3}$, then $\frac{2}{3} + \frac{1}{12} = \frac{3}{4}$.`,
];
const TEL_PATTERN = [
  R`The pattern is $S_j = \frac{j}{j+1}$, so $S_{«N»} = \frac{«N»}{«N1»}$ and $m = «N»$, $n = «N1»$.`,
  R`So $S_j = \frac{j}{j+1}$ in general, giving $\frac{«N»}{«N1»}$ here; $m = «N»$, $n = «N1»$.`,
  R`In general $S_j = \frac{j}{j+1}$. For $j = «N»$ that is $\frac{«N»}{«N1»}$, so $m = «N»$ and $n = «N1»$.`,
  R`By induction $S_j = \frac{j}{j+1}$, hence the sum is $\frac{«N»}{«N1»}$ with $m = «N»$, $n = «N1»$.`,
];
const TEL_RECHECK = [
  R`Only the first and last pieces survive: $1$ and $-\frac{1}{«L»}$. So $S = \frac{«mm»}{«nn»}$, i.e. $m = «mm»$, $n = «nn»$.`,
  R`After cancellation, what is left is $1 - \frac{1}{«L»} = \frac{«mm»}{«nn»}$, so $m = «mm»$ and $n = «nn»$.`,
  R`The middle terms cancel, leaving $1 - \frac{1}{«L»} = \frac{«mm»}{«nn»}$; thus $m = «mm»$, $n = «nn»$.`,
  R`Everything cancels except $1$ and $-\frac{1}{«L»}$, so the sum is $\frac{«mm»}{«nn»}$ and $m = «mm»$, $n = «nn»$.`,
];
const TEL_FIXED = [
  R`The last term is $\frac{1}{«N»} - \frac{1}{«N1»}$, so $S = \frac{«N»}{«N1»}$, with $m = «N»$ and $n = «N1»$.`,
  R`So $S = 1 - \frac{1}{«N1»} = \frac{«N»}{«N1»}$, giving $m = «N»$, $n = «N1»$.`,
  R`Hence $S = \frac{«N»}{«N1»}$ and $m = «N»$, $n = «N1»$.`,
  R`With the correct last term, $S = \frac{«N»}{«N1»}$, so $m = «N»$ and $n = «N1»$.`,
];

class Telescope extends Kind {
  readonly query: string;
  readonly answer: string;
  readonly task = 'm-plus-n';
  readonly what = '$m + n$';
  readonly lhs = 'm + n';
  private readonly N: number;
  private L = 0; // the surviving last denominator of the current derivation
  private slipping = false;

  constructor(g: Gen) {
    super();
    this.N = g.int(4, 40);
    this.answer = String(2 * this.N + 1);
    this.query = g
      .t(TEL_QUERY)
      .replace(/«N»/g, String(this.N))
      .replace(/«N1»/g, String(this.N + 1));
  }

  intro(b: Body, g: Gen): void {
    if (g.chance(0.6)) {
      b.sp();
      b.put(g.t(TEL_INTRO), { N: this.N, N1: this.N + 1, NN1: this.N * (this.N + 1) });
    }
  }

  first(b: Body, g: Gen, slip: boolean): void {
    const { N } = this;
    const L = slip ? N : N + 1;
    b.sp();
    b.put(g.t(TEL_PF));
    b.disp(
      R`\begin{aligned}↵S &= \left(1 - \frac{1}{2}\right) + \left(\frac{1}{2} - \frac{1}{3}\right) + \cdots + \left(\frac{1}{${N}} - \frac{1}{${N + 1}}\right) \\↵&= 1 - \frac{1}{${L}} \\↵&= \frac{${L - 1}}{${L}}↵\end{aligned}`,
    );
    hesitate(b, g, 0.15);
    b.sp();
    b.put(g.t(TEL_MN), { mm: L - 1, nn: L });
    this.done(b, g, `${L - 1} + ${L}`, String(2 * L - 1), L === N + 1);
    this.L = L;
    this.slipping = slip;
  }

  alt(b: Body, g: Gen): void {
    b.sp();
    b.put(g.t(TEL_ALT));
    b.sp();
    b.put(g.t(TEL_PATTERN), { N: this.N, N1: this.N + 1 });
    this.done(b, g, `${this.N} + ${this.N + 1}`, this.answer, true);
    this.L = this.N + 1;
  }

  recheck(b: Body, g: Gen): void {
    const L = this.L;
    b.sp();
    b.put(g.t(TEL_RECHECK), { L, mm: L - 1, nn: L });
    this.done(b, g, `${L - 1} + ${L}`, String(2 * L - 1), L === this.N + 1);
  }

  fix(b: Body, g: Gen): void {
    if (!this.slipping) throw new Error('fix without a slip');
    const { N } = this;
    b.sp();
    b.put(g.t(FIX_POINT), { label: 'S', good: R`1 - \frac{1}{${N + 1}}`, bad: R`1 - \frac{1}{${N}}` });
    b.sp();
    b.put(g.t(TEL_FIXED), { N, N1: N + 1 });
    this.done(b, g, `${N} + ${N + 1}`, this.answer, true, true);
    this.L = N + 1;
    this.slipping = false;
  }

  override sanity(b: Body, g: Gen): boolean {
    b.sp();
    b.put(g.t(MN_SANITY), { m: this.N, n: this.N + 1 });
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Responses.

type Mode = 'first' | 'firstSlip' | 'recheck' | 'alt' | 'fix' | 'spoil';
const SCENARIOS: readonly (readonly [readonly Mode[], number])[] = [
  [['first'], 13],
  [['first', 'recheck'], 9],
  [['first', 'alt'], 11],
  [['first', 'alt', 'recheck'], 4],
  [['firstSlip'], 7],
  [['firstSlip', 'fix'], 12],
  [['firstSlip', 'recheck'], 5],
  [['firstSlip', 'recheck', 'fix'], 5],
  [['firstSlip', 'alt', 'fix'], 5],
  [['firstSlip', 'alt'], 3],
  [['firstSlip', 'fix', 'alt'], 6],
  [['firstSlip', 'recheck', 'fix', 'alt'], 3],
  [['first', 'spoil', 'fix'], 3],
  [['first', 'spoil'], 2],
];

function makeKind(g: Gen): Kind {
  const k = g.weighted([
    ['mul', 30],
    ['frac', 20],
    ['alg', 17],
    ['rect', 9],
    ['tri', 8],
    ['marbles', 9],
    ['tel', 7],
  ] as const);
  if (k === 'mul') return new Mul(g);
  if (k === 'frac') return new Frac(g);
  if (k === 'alg') return new Alg(g);
  if (k === 'rect') return new Rect(g);
  if (k === 'tri') return new Tri(g);
  if (k === 'marbles') return new Marbles(g);
  return new Telescope(g);
}

function response(g: Gen): { k: Kind; b: Body } {
  g.reset();
  const k = makeKind(g);
  const b = new Body({ dollars: g.chance(0.25), tight: g.chance(0.35) });
  b.put(g.t(OPEN), { what: k.what });
  k.intro(b, g);
  const modes = g.weighted(SCENARIOS.filter(([ms]) => k.canSpoil || !ms.includes('spoil')));
  const values: string[] = [];
  let slipped: string | null = null;
  for (let i = 0; i < modes.length; i++) {
    const mode = modes[i];
    const prevMode = i > 0 ? modes[i - 1] : null;
    const prev = values.length ? values[values.length - 1] : null;
    // transition into this attempt
    if (mode === 'recheck' || mode === 'spoil' || mode === 'alt') {
      if (g.chance(0.25)) {
        b.sp();
        b.put(g.t(CONFIRM));
      }
      b.para();
      b.put(g.t(mode === 'alt' ? ALT_LEAD : RECHECK_LEAD));
    } else if (mode === 'fix') {
      b.para();
      if (prevMode === 'alt') b.put(g.t(FIND_ERR));
      else if (prevMode === 'spoil') b.put(g.t(SPOIL_DOUBT));
      else b.put(g.t(DOUBT_LEAD));
    } else {
      b.para();
    }
    const nBefore = b.candidates.length;
    k.forceChain = mode === 'recheck' || mode === 'fix' || mode === 'spoil';
    if (mode === 'first') k.first(b, g, false);
    else if (mode === 'firstSlip') {
      k.first(b, g, true);
      slipped = k.value;
    } else if (mode === 'recheck') k.recheck(b, g);
    else if (mode === 'alt') k.alt(b, g);
    else if (mode === 'fix') k.fix(b, g);
    else k.spoil(b, g);
    if (b.candidates.length !== nBefore + 1) throw new Error(`attempt ${mode} stated ${b.candidates.length - nBefore} candidates`);
    const v = k.value;
    values.push(v);
    const last = i === modes.length - 1;
    // comment on this attempt
    if (prev !== null && prev === v) {
      if (g.chance(0.6)) {
        b.sp();
        b.put(g.t(MATCH), { v });
      }
    } else if (prev !== null && (mode === 'alt' || mode === 'spoil')) {
      b.sp();
      b.put(g.t(MISMATCH), { prev: mode === 'alt' && slipped !== null ? slipped : prev });
      if (last && mode === 'alt') {
        b.sp();
        b.put(g.t(TRUST));
      }
      if (last && mode === 'spoil') {
        b.sp();
        b.put(g.t(SPOIL_ACCEPT), { v });
      }
    }
    if (!last && g.chance(0.25)) {
      b.sp();
      b.put(g.t(RESTATE_INLINE), { v, what: k.what });
    }
  }
  // ending: bare confirmation, restatements (one or several \boxed), a closing numeric remark
  if (g.chance(0.3)) {
    b.sp();
    b.put(g.t(CONFIRM));
  }
  const inline = g.chance(0.45);
  const own = g.chance(0.55);
  if (inline) {
    b.sp();
    b.put(g.t(RESTATE_INLINE), { v: k.value, what: k.what });
  }
  if (own) {
    b.para();
    b.put(g.t(RESTATE_OWNLINE), { v: k.value });
  }
  if (k.right && g.chance(0.2)) {
    if (own) b.para();
    k.sanity(b, g);
  }
  return { k, b };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const g = new Gen(hashSeed(seed, `${family}:${split}`), split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const { k, b } = response(g);
    let body = b.text.trimEnd();
    let candidates = b.candidates;
    if (g.chance(0.03) && candidates.length) {
      // cut off mid-derivation, before any answer: no candidates, final null
      const end = candidates[0].offset;
      let cut = g.int(Math.floor(end * 0.5), Math.max(Math.floor(end * 0.5), end - 1));
      while (cut > 0 && !/[A-Za-z]/.test(body[cut - 1])) cut--;
      body = body.slice(0, cut);
      candidates = [];
    }
    out.push({
      id: `${family}-${split}-${seed}-${i}`,
      headers: { query: k.query, answer: k.answer, task: k.task },
      body,
      candidates,
      final: candidates.length ? candidates[candidates.length - 1].value : null,
    });
  }
  return out;
}
