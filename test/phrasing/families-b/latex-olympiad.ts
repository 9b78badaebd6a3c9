// Held-out phrasing family "latex-olympiad": competition-math solutions written in LaTeX
// ($...$, \[...\], \frac, \sqrt, \cdot), final answers in \boxed{...}. Questions ask for a derived
// quantity (m+n of a reduced probability, a+b of an area a\sqrt{b}, a remainder, a sum of real
// roots, the value of an expression), so intermediate results (the probability, the area, the
// remainder of a sub-term, the roots themselves) are stated in conclusion-like words and are NOT
// candidates. Labels follow docs/annotation-guide.md.
import type { PhrasingRecord, PhrasingCandidate } from '../families/types.js';

export const family = 'latex-olympiad';

// ---------------------------------------------------------------- PRNG

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
}

function hashSeed(seed: number, salt: string): number {
  let h = 2166136261 ^ seed;
  for (const ch of `${salt}#${seed}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------- math helpers

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
function reduce(n: number, d: number): [number, number] {
  const g = gcd(n, d) || 1;
  return [n / g, d / g];
}
function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
function modpow(a: number, e: number, m: number): number {
  let r = 1 % m;
  let b = a % m;
  while (e > 0) {
    if (e & 1) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1;
  }
  return r;
}
/** `(-3)` for negatives, for use after + or in products. */
const par = (x: number): string => (x < 0 ? `(${x})` : `${x}`);
/** `+ 3` / `- 3` */
const sgn = (x: number): string => (x < 0 ? `- ${-x}` : `+ ${x}`);
function poly2(b: number, c: number): string {
  let s = 'x^2';
  if (b === 1) s += ' + x';
  else if (b === -1) s += ' - x';
  else if (b !== 0) s += ` ${sgn(b)}x`;
  if (c !== 0) s += ` ${sgn(c)}`;
  return s;
}
const lin = (r: number): string => (r === 0 ? 'x' : r > 0 ? `x - ${r}` : `x + ${-r}`);
const surd = (c: number, b: number): string => (c === 1 ? `\\sqrt{${b}}` : `${c}\\sqrt{${b}}`);

type FracFn = (n: number, d: number) => string;
function fracMaker(cmd: string): FracFn {
  return (n, d) => {
    if (d < 0) [n, d] = [-n, -d];
    if (d === 1) return `${n}`;
    return n < 0 ? `-${cmd}{${-n}}{${d}}` : `${cmd}{${n}}{${d}}`;
  };
}
const texFrac = fracMaker('\\frac');

function bigNum(r: Rng, x: number): string {
  if (x >= 1000 && r.chance(0.2)) return x.toLocaleString('en-US');
  return String(x);
}

// ---------------------------------------------------------------- task model

/** A derivation step: a clause (lower-case start or math; a connector may precede it), a display
 *  line (starts with `\[`), or an intermediate result stated in conclusion-like words. */
type Step = string | { n: string; x: string };

interface Variant {
  v: string; // the value as written in the body
  pre: string[]; // math before the value (inside $...$), one picked
  post?: string;
}

interface TaskInst {
  task: string;
  query: string;
  answer: string;
  qn: string; // noun phrase for the asked quantity
  given: string; // a sentence quoting the question's numbers
  steps: Step[];
  R: Variant;
  wsteps: Step[];
  W: Variant;
  fix: Step[]; // after "Wait": names the mistake, recomputes, stops before the conclusion
  alt: Step[]; // a second method for the asked quantity, stops before the conclusion
  flip: Step[] | null; // a mistaken "correction" of a right answer
  F: Variant | null;
  mid: string; // a hesitation resolved without changing anything (right derivation)
  midN: string; // a neutral hesitation (usable in any derivation)
  tried: string | null; // a value being tried
  sub: string; // a check of a sub-step only
  recap: { R: string; W: string; F: string };
}

// ---------------------------------------------------------------- tasks

function tDice(r: Rng, F: FracFn): TaskInst | null {
  const d = r.pick([6, 6, 6, 8, 4, 10]);
  const eq = r.chance(0.6);
  const w = (t: number) => Math.max(0, Math.min(t - 1, 2 * d + 1 - t));
  const s = eq ? r.int(3, 2 * d - 1) : r.int(d + 2, 2 * d - 1);
  let ways = 0;
  if (eq) ways = w(s);
  else for (let t = s; t <= 2 * d; t++) ways += w(t);
  const total = d * d;
  const [m, n] = reduce(ways, total);
  const g = ways / m;
  const ans = m + n;
  const upairs: [number, number][] = [];
  for (let a = 1; a <= d; a++) for (let b = a; b <= d; b++) if (eq ? a + b === s : a + b >= s) upairs.push([a, b]);
  const wu = upairs.length;
  const cond = eq ? `have sum $${s}$` : `have sum at least $${s}$`;
  const withP = (a: number, b: number) => {
    const [p, q] = reduce(a, b);
    return p === a ? F(a, b) : `${F(a, b)} = ${F(p, q)}`;
  };
  const lo = Math.max(1, s - d);
  const hi = Math.min(d, s - 1);
  const first = `each die has $${d}$ equally likely faces, so there are $${d}^2 = ${total}$ equally likely ordered outcomes $(a,b)$.`;
  const steps: Step[] = [first];
  let listed = false;
  if (eq && ways <= 7) {
    listed = true;
    const pairs: string[] = [];
    for (let a = lo; a <= hi; a++) pairs.push(`(${a},${s - a})`);
    steps.push(`the ordered pairs with $a+b=${s}$ are $${pairs.join(',\\ ')}$, so there are $${ways}$ favorable outcomes.`);
  } else if (eq) {
    steps.push(
      `for each value $a$ of the first die, the second die must show $${s}-a$, which lies between $1$ and $${d}$ exactly when $${lo} \\le a \\le ${hi}$; that gives $${ways}$ favorable outcomes.`,
    );
  } else {
    const terms: number[] = [];
    for (let t = s; t <= 2 * d; t++) terms.push(w(t));
    steps.push(
      `the number of ordered pairs with sum $t$ is $\\min(t-1,\\ ${2 * d + 1}-t)$, so the number of outcomes with sum at least $${s}$ is $${terms.join(' + ')} = ${ways}$.`,
    );
  }
  steps.push({ n: 'the probability', x: withP(ways, total) });
  steps.push(`since $\\gcd(${m}, ${n}) = 1$, we have $m = ${m}$ and $n = ${n}$.`);
  const R: Variant = { v: String(ans), pre: [`m + n = ${m} + ${n} = `, 'm+n = '] };
  let wsteps: Step[];
  let W: Variant;
  let fix: Step[];
  let recapW: string;
  if (g > 1) {
    wsteps = [steps[0], steps[1], { n: 'the probability', x: F(ways, total) }, `so $m = ${ways}$ and $n = ${total}$.`];
    W = { v: String(ways + total), pre: [`m + n = ${ways} + ${total} = `, 'm+n = '] };
    fix = [
      `$${F(ways, total)}$ is not in lowest terms: numerator and denominator are both divisible by $${g}$.`,
      { n: 'the probability in lowest terms', x: F(m, n) },
      `so actually $m = ${m}$ and $n = ${n}$.`,
    ];
    recapW = `There are $${total}$ ordered outcomes and $${ways}$ favorable ones, so the probability is $${F(ways, total)}$.`;
  } else {
    const [wm, wn] = reduce(wu, total);
    if (wm + wn === ans) return null;
    const ul = upairs.map(([a, b]) => `(${a},${b})`);
    wsteps = [
      first,
      wu <= 6
        ? `the pairs that ${cond.replace('have', 'has')} are $${ul.join(',\\ ')}$, which is $${wu}$ outcomes.`.replace('that has', 'with')
        : `counting pairs $a \\le b$ that ${cond}, we find $${wu}$ outcomes.`,
      { n: 'the probability', x: withP(wu, total) },
      `so $m = ${wm}$ and $n = ${wn}$.`,
    ];
    W = { v: String(wm + wn), pre: [`m + n = ${wm} + ${wn} = `, 'm+n = '] };
    fix = [
      `I only counted pairs with $a \\le b$, but $(a,b)$ and $(b,a)$ are different outcomes when $a \\ne b$. Counting both orders, there are $${ways}$ favorable outcomes.`,
      { n: 'the probability', x: withP(ways, total) },
      `so $m = ${m}$ and $n = ${n}$.`,
    ];
    recapW = `Out of $${total}$ outcomes, $${wu}$ are favorable, so the probability is $${F(wm, wn)}$.`;
  }
  let alt: Step[];
  if (!eq)
    alt = [
      `the complementary event (sum at most $${s - 1}$) has $${total} - ${ways} = ${total - ways}$ outcomes.`,
      `hence the probability is $1 - ${F(total - ways, total)} = ${F(m, n)}$, with $m = ${m}$, $n = ${n}$.`,
    ];
  else if (listed)
    alt = [
      `condition on the first die: the second die must show $${s}-a$, which is a valid face exactly for $${lo} \\le a \\le ${hi}$, i.e. for $${ways}$ values of $a$.`,
      `so the probability is $${withP(ways, total)}$ once more, giving $m = ${m}$ and $n = ${n}$.`,
    ];
  else
    alt = [
      `the counts of ordered pairs for the sums $2, 3, \\ldots, ${2 * d}$ are $1, 2, \\ldots, ${d}, \\ldots, 2, 1$; the count for the sum $${s}$ is $${ways}$.`,
      `thus the probability is $${withP(ways, total)}$, so $m = ${m}$ and $n = ${n}$.`,
    ];
  const T = (d * (d + 1)) / 2;
  const [fm, fn] = reduce(wu, T);
  const flipOk = fm + fn !== ans;
  const a0 = r.int(lo, hi);
  return {
    task: eq ? 'dice-sum' : 'dice-atleast',
    query: `Two fair ${d}-sided dice, each with faces numbered $1$ through $${d}$, are rolled. The probability that the sum of the two numbers rolled is ${eq ? '' : 'at least '}$${s}$ is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.`,
    answer: String(ans),
    qn: '$m+n$',
    given: `We roll two fair $${d}$-sided dice and want the sum to be ${eq ? '' : 'at least '}$${s}$.`,
    steps,
    R,
    wsteps,
    W,
    fix,
    alt,
    flip: flipOk
      ? [
          `maybe the two dice should be treated as indistinguishable. Then there are only $\\binom{${d + 1}}{2} = ${T}$ outcomes, and $${wu}$ of them ${cond}.`,
          { n: 'the probability', x: withP(wu, T) },
          `so $m = ${fm}$ and $n = ${fn}$.`,
        ]
      : null,
    F: flipOk ? { v: String(fm + fn), pre: [`m + n = ${fm} + ${fn} = `, 'm+n = '] } : null,
    mid: `should $(a,b)$ and $(b,a)$ be counted separately? Yes: the two dice are distinct, so the $${total}$ ordered outcomes are the equally likely ones.`,
    midN: `a sum of ${eq ? '' : 'at least '}$${s}$ is certainly possible, since the sum ranges from $2$ to $${2 * d}$.`,
    tried: eq
      ? `for example, $(${a0}, ${s - a0})$ works because $${a0} + ${s - a0} = ${s}$.`
      : `for instance, $(${d}, ${d})$ gives $${2 * d} \\ge ${s}$, so it counts.`,
    sub: `the numbers of ordered pairs for the sums $2, 3, \\ldots, ${2 * d}$ are $1, 2, \\ldots, ${d}, \\ldots, 2, 1$, and these add up to $${total}$, as they should.`,
    recap: {
      R: `There are $${total}$ equally likely ordered outcomes and $${ways}$ of them are favorable, so the probability is $${F(m, n)}$.`,
      W: recapW,
      F: `Treating the dice as indistinguishable gives $${T}$ outcomes, $${wu}$ favorable, so the probability is $${F(fm, fn)}$.`,
    },
  };
}

function tCoins(r: Rng, F: FracFn): TaskInst | null {
  const c = r.int(5, 10);
  const k = r.int(Math.max(Math.ceil(c / 2) + 1, c - 3), c - 1);
  let S = 0;
  const terms: number[] = [];
  for (let j = k; j <= c; j++) {
    terms.push(binom(c, j));
    S += binom(c, j);
  }
  const total = 2 ** c;
  const [m, n] = reduce(S, total);
  const [wm, wn] = reduce(S - 1, total);
  if (wm + wn === m + n) return null;
  const [fm, fn] = reduce(binom(c, k), total);
  const flipOk = fm + fn !== m + n && fm + fn !== wm + wn;
  const binoms = (from: number, to: number) => {
    const b: string[] = [];
    for (let j = from; j <= to; j++) b.push(`\\binom{${c}}{${j}}`);
    return b.join(' + ');
  };
  const vals = (from: number, to: number) => {
    const b: string[] = [];
    for (let j = from; j <= to; j++) b.push(String(binom(c, j)));
    return b.join(' + ');
  };
  const withP = (a: number, b: number) => {
    const [p, q] = reduce(a, b);
    return p === a ? F(a, b) : `${F(a, b)} = ${F(p, q)}`;
  };
  const first = `there are $2^{${c}} = ${total}$ equally likely sequences of heads and tails.`;
  const jlist = (a: number, b: number) => {
    const js: string[] = [];
    for (let j = a; j <= b; j++) js.push(`$${j}$`);
    return js.length === 2 ? js.join(' or ') : `${js.slice(0, -1).join(', ')}, or ${js[js.length - 1]}`;
  };
  const hd = (x: number) => (x === 1 ? 'head' : 'heads');
  const low: number[] = [];
  for (let j = 0; j <= c - k; j++) low.push(binom(c, j));
  return {
    task: 'coins-atleast',
    query: `A fair coin is flipped $${c}$ times. The probability that at least $${k}$ of the flips come up heads is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.`,
    answer: String(m + n),
    qn: '$m+n$',
    given: `The coin is flipped $${c}$ times and we need at least $${k}$ heads.`,
    steps: [
      first,
      `at least $${k}$ heads means exactly ${jlist(k, c)} heads, and exactly $j$ heads happens in $\\binom{${c}}{j}$ sequences.`,
      `the favorable count is $${binoms(k, c)} = ${vals(k, c)} = ${S}$.`,
      { n: 'the probability', x: withP(S, total) },
      `so $m = ${m}$ and $n = ${n}$.`,
    ],
    R: { v: String(m + n), pre: [`m + n = ${m} + ${n} = `, 'm + n = '] },
    wsteps: [
      first,
      k === c - 1
        ? `the favorable sequences are those with exactly $${k}$ heads, so the count is $\\binom{${c}}{${k}} = ${S - 1}$.`
        : `the favorable sequences have $${k}$ up to $${c - 1}$ heads, so the count is $${binoms(k, c - 1)} = ${vals(k, c - 1)} = ${S - 1}$.`,
      { n: 'the probability', x: withP(S - 1, total) },
      `so $m = ${wm}$ and $n = ${wn}$.`,
    ],
    W: { v: String(wm + wn), pre: [`m + n = ${wm} + ${wn} = `, 'm+n = '] },
    fix: [
      `I left out the single sequence with all $${c}$ heads, $\\binom{${c}}{${c}} = 1$. The favorable count is $${S - 1} + 1 = ${S}$.`,
      { n: 'the probability', x: withP(S, total) },
      `so $m = ${m}$ and $n = ${n}$.`,
    ],
    alt: [
      `by the symmetry between heads and tails, at least $${k}$ heads is as likely as at most $${c - k}$ ${hd(c - k)}, and the number of sequences with at most $${c - k}$ ${hd(c - k)} is $${binoms(0, c - k)} = ${low.join(' + ')} = ${S}$.`,
      `this gives the probability $${withP(S, total)}$ again, so $m = ${m}$, $n = ${n}$.`,
    ],
    flip: flipOk
      ? [
          `rereading, I think only exactly $${k}$ heads should count, which happens in $\\binom{${c}}{${k}} = ${binom(c, k)}$ sequences.`,
          { n: 'the probability', x: withP(binom(c, k), total) },
          `so $m = ${fm}$ and $n = ${fn}$.`,
        ]
      : null,
    F: flipOk ? { v: String(fm + fn), pre: [`m + n = ${fm} + ${fn} = `, 'm+n = '] } : null,
    mid: `does "at least $${k}$" include exactly $${k}$ heads? Yes, so the $\\binom{${c}}{${k}}$ term belongs in the count.`,
    midN: `each flip is independent and fair, so all $${total}$ sequences really are equally likely.`,
    tried: `for example, the sequence with only the last flip tails has $${c - 1}$ heads, and $${c - 1} \\ge ${k}$, so it counts.`,
    sub: `$\\binom{${c}}{${k}} = \\binom{${c}}{${c - k}} = ${binom(c, k)}$, consistent with the symmetry of Pascal's triangle.`,
    recap: {
      R: `Of the $${total}$ sequences, $${S}$ have at least $${k}$ heads, so the probability is $${F(m, n)}$.`,
      W: `Of the $${total}$ sequences, $${S - 1}$ have at least $${k}$ heads, so the probability is $${F(wm, wn)}$.`,
      F: `Exactly $${k}$ heads occurs in $${binom(c, k)}$ of the $${total}$ sequences, so the probability is $${F(fm, fn)}$.`,
    },
  };
}

function tUrn(r: Rng, F: FracFn): TaskInst | null {
  const red = r.int(3, 9);
  const blue = r.int(3, 9);
  const N = red + blue;
  const same = r.chance(0.55);
  const withP = (a: number, b: number) => {
    const [p, q] = reduce(a, b);
    return p === a ? F(a, b) : `${F(a, b)} = ${F(p, q)}`;
  };
  const color = r.pick(['red', 'green', 'white']);
  const other = r.pick(['blue', 'black', 'yellow']);
  const tot = N * (N - 1);
  let fav: number;
  let wfav: number;
  let wtot: number;
  let stepFav: string;
  let wstepFav: string;
  let fixText: string;
  let alt1: string;
  if (same) {
    fav = red * (red - 1) + blue * (blue - 1);
    wfav = red * red + blue * blue;
    wtot = N * N;
    stepFav = `both ${color}: $\\frac{${red}}{${N}} \\cdot \\frac{${red - 1}}{${N - 1}}$; both ${other}: $\\frac{${blue}}{${N}} \\cdot \\frac{${blue - 1}}{${N - 1}}$. Together the numerator is $${red}\\cdot ${red - 1} + ${blue} \\cdot ${blue - 1} = ${fav}$ over $${N} \\cdot ${N - 1} = ${tot}$.`;
    wstepFav = `both ${color}: $\\left(\\frac{${red}}{${N}}\\right)^2$; both ${other}: $\\left(\\frac{${blue}}{${N}}\\right)^2$. Together this is $\\frac{${red * red} + ${blue * blue}}{${N * N}}$.`;
    fixText = `the balls are drawn without replacement, so after a ${color} ball is drawn only $${red - 1}$ ${color} balls remain among $${N - 1}$. The favorable count is $${red}\\cdot ${red - 1} + ${blue}\\cdot ${blue - 1} = ${fav}$ out of $${tot}$ ordered draws.`;
    const cr = binom(red, 2);
    const cb = binom(blue, 2);
    const cn = binom(N, 2);
    alt1 = `count unordered pairs instead: there are $\\binom{${N}}{2} = ${cn}$ pairs, of which $\\binom{${red}}{2} + \\binom{${blue}}{2} = ${cr} + ${cb} = ${cr + cb}$ are one color. The probability is $${withP(cr + cb, cn)}$`;
  } else {
    fav = 2 * red * blue;
    wfav = red * blue;
    wtot = tot;
    stepFav = `a ${color} ball then a ${other} ball has probability $\\frac{${red}}{${N}}\\cdot\\frac{${blue}}{${N - 1}}$, and the reverse order has the same probability, so the numerator is $2 \\cdot ${red} \\cdot ${blue} = ${fav}$ over $${tot}$.`;
    wstepFav = `drawing a ${color} ball and a ${other} ball has probability $\\frac{${red}}{${N}}\\cdot\\frac{${blue}}{${N - 1}} = \\frac{${wfav}}{${tot}}$.`;
    fixText = `the ${other} ball could also come first; that order has the same probability, so the favorable count doubles to $2 \\cdot ${red} \\cdot ${blue} = ${fav}$ out of $${tot}$.`;
    const cn = binom(N, 2);
    alt1 = `count unordered pairs: there are $\\binom{${N}}{2} = ${cn}$ pairs, and $${red} \\cdot ${blue} = ${red * blue}$ of them contain one ball of each color. The probability is $${withP(red * blue, cn)}$`;
  }
  const [m, n] = reduce(fav, tot);
  const [wm, wn] = reduce(wfav, wtot);
  if (wm + wn === m + n) return null;
  const event = same ? 'both balls are the same color' : `one ball is ${color} and the other is ${other}`;
  return {
    task: same ? 'urn-same' : 'urn-mixed',
    query: `A bag contains $${red}$ ${color} balls and $${blue}$ ${other} balls. Two balls are drawn at random without replacement. The probability that ${event} is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.`,
    answer: String(m + n),
    qn: '$m+n$',
    given: `There are $${red}$ ${color} and $${blue}$ ${other} balls, $${N}$ in all, and two are drawn without replacement.`,
    steps: [
      `there are $${N} \\cdot ${N - 1} = ${tot}$ equally likely ordered draws.`,
      `we need ${same ? 'two balls of the same color' : 'one ball of each color'}. ${stepFav.charAt(0).toUpperCase()}${stepFav.slice(1)}`,
      { n: 'the probability', x: withP(fav, tot) },
      `since $\\gcd(${m},${n}) = 1$, $m = ${m}$ and $n = ${n}$.`,
    ],
    R: { v: String(m + n), pre: [`m+n = ${m}+${n} = `, 'm + n = '] },
    wsteps: [
      `the two draws give probabilities that multiply. ${wstepFav.charAt(0).toUpperCase()}${wstepFav.slice(1)}`,
      { n: 'the probability', x: withP(wfav, wtot) },
      `so $m = ${wm}$ and $n = ${wn}$.`,
    ],
    W: { v: String(wm + wn), pre: [`m+n = ${wm}+${wn} = `, 'm + n = '] },
    fix: [fixText, { n: 'the probability', x: withP(fav, tot) }, `so $m = ${m}$ and $n = ${n}$.`],
    alt: [alt1 + `, so $m = ${m}$ and $n = ${n}$.`],
    flip: [
      `perhaps I mis-set up the draws. ${wstepFav.charAt(0).toUpperCase()}${wstepFav.slice(1)}`,
      { n: 'the probability', x: withP(wfav, wtot) },
      `so $m = ${wm}$ and $n = ${wn}$.`,
    ],
    F: { v: String(wm + wn), pre: [`m+n = ${wm}+${wn} = `, 'm + n = '] },
    mid: `are the two draws independent? No: the first ball is not put back, so the second factor has denominator $${N - 1}$.`,
    midN: `the balls of one color are indistinguishable in color only; as physical balls all $${N}$ are distinct, which is what makes the draws equally likely.`,
    tried: `for instance, if the first ball is ${color}, the chance the second is ${other} is $\\frac{${blue}}{${N - 1}}$.`,
    sub: `$\\binom{${N}}{2} = \\frac{${N}\\cdot ${N - 1}}{2} = ${binom(N, 2)}$, half of the $${tot}$ ordered draws, as expected.`,
    recap: {
      R: `The probability that ${event} is $${F(m, n)}$.`,
      W: `The probability that ${event} is $${F(wm, wn)}$.`,
      F: `The probability that ${event} is $${F(wm, wn)}$.`,
    },
  };
}

function tTriArea(r: Rng): TaskInst | null {
  const [ang, b] = r.pick([
    [60, 3],
    [120, 3],
    [45, 2],
    [135, 2],
  ] as const);
  const p = r.int(3, 24);
  const q = r.int(3, 24);
  if ((p * q) % 4 !== 0 || p === q) return null;
  const a = (p * q) / 4;
  const wa = (p * q) / 2;
  const sinT = `\\sin ${ang}^\\circ = \\frac{\\sqrt{${b}}}{2}`;
  const h = q % 2 === 0 ? surd(q / 2, b) : `\\frac{${q}\\sqrt{${b}}}{2}`;
  return {
    task: 'tri-area',
    query: `In triangle $ABC$, $AB = ${p}$, $AC = ${q}$, and $\\angle BAC = ${ang}^\\circ$. The area of triangle $ABC$ can be written as $a\\sqrt{b}$, where $a$ and $b$ are positive integers and $b$ is not divisible by the square of any prime. Find $a+b$.`,
    answer: String(a + b),
    qn: '$a+b$',
    given: `We know two sides, $AB = ${p}$ and $AC = ${q}$, and the included angle $${ang}^\\circ$.`,
    steps: [
      `the area of a triangle with two sides and the included angle is $\\frac12 \\cdot AB \\cdot AC \\cdot \\sin\\angle BAC$.`,
      `here $${sinT}$.`,
      `\\[[ABC] = \\frac12 \\cdot ${p} \\cdot ${q} \\cdot \\frac{\\sqrt{${b}}}{2} = \\frac{${p * q}\\sqrt{${b}}}{4}.\\]`,
      { n: 'the area of the triangle', x: surd(a, b) },
      `since $${b}$ is squarefree, $a = ${a}$ and $b = ${b}$.`,
    ],
    R: { v: String(a + b), pre: [`a + b = ${a} + ${b} = `, 'a+b = '] },
    wsteps: [
      `the area is $AB \\cdot AC \\cdot \\sin\\angle BAC$, and $${sinT}$.`,
      `\\[[ABC] = ${p} \\cdot ${q} \\cdot \\frac{\\sqrt{${b}}}{2} = ${surd(wa, b)}.\\]`,
      { n: 'the area', x: surd(wa, b) },
      `so $a = ${wa}$ and $b = ${b}$.`,
    ],
    W: { v: String(wa + b), pre: [`a + b = ${wa} + ${b} = `, 'a+b = '] },
    fix: [
      `the formula is $\\frac12 \\cdot AB \\cdot AC \\cdot \\sin\\angle BAC$; I dropped the factor $\\frac12$.`,
      { n: 'the area', x: `\\frac12 \\cdot ${surd(wa, b)} = ${surd(a, b)}` },
      `so $a = ${a}$ and $b = ${b}$.`,
    ],
    alt: [
      `drop the altitude from $C$ to line $AB$. Its length is $AC \\sin ${ang}^\\circ = ${q} \\cdot \\frac{\\sqrt{${b}}}{2} = ${h}$.`,
      `then $[ABC] = \\frac12 \\cdot AB \\cdot h = \\frac12 \\cdot ${p} \\cdot ${h} = ${surd(a, b)}$, so again $a = ${a}$, $b = ${b}$.`,
    ],
    flip: [
      `hmm, is the area formula really with a $\\frac12$? I'll use $AB \\cdot AC \\cdot \\sin\\angle BAC$: that is $${p} \\cdot ${q} \\cdot \\frac{\\sqrt{${b}}}{2} = ${surd(wa, b)}$.`,
      `so $a = ${wa}$ and $b = ${b}$.`,
    ],
    F: { v: String(wa + b), pre: [`a + b = ${wa} + ${b} = `, 'a+b = '] },
    mid:
      ang > 90
        ? `the angle is obtuse; does that change the sine? No: $\\sin ${ang}^\\circ = \\sin ${180 - ang}^\\circ$, still $\\frac{\\sqrt{${b}}}{2}$.`
        : `is $${ang}^\\circ$ really the angle between the two given sides? Yes, it is at vertex $A$, between $AB$ and $AC$.`,
    midN: `the angle at $A$ is the one between the given sides $AB$ and $AC$, so no law of cosines is needed.`,
    tried: null,
    sub: `$\\sin^2 ${ang}^\\circ + \\cos^2 ${ang}^\\circ = \\frac{${b}}{4} + \\frac{${4 - b}}{4} = 1$, so the sine value is right.`,
    recap: {
      R: `The area is $\\frac12 \\cdot ${p} \\cdot ${q} \\cdot \\sin ${ang}^\\circ = ${surd(a, b)}$, so $a = ${a}$, $b = ${b}$.`,
      W: `The area is $${p} \\cdot ${q} \\cdot \\sin ${ang}^\\circ = ${surd(wa, b)}$, so $a = ${wa}$, $b = ${b}$.`,
      F: `Using $AB \\cdot AC \\sin A$, the area is $${surd(wa, b)}$, so $a = ${wa}$, $b = ${b}$.`,
    },
  };
}

function tRightTri(r: Rng): TaskInst | null {
  const b = r.pick([2, 3, 5, 6, 7, 10, 11]);
  const k = r.int(2, 6);
  const K = k * k * b;
  const divs: [number, number][] = [];
  for (let u = 1; u * u < K; u++) if (K % u === 0 && (K / u - u) % 2 === 0) divs.push([u, K / u]);
  if (!divs.length) return null;
  const [u, v] = r.pick(divs);
  const L = (v - u) / 2;
  const C = (v + u) / 2;
  if (L < 2 || L % 2 !== 0 || C > 120) return null;
  const a = (L * k) / 2;
  const wa = L / 2;
  if (wa + K === a + b) return null;
  return {
    task: 'right-tri',
    query: `A right triangle has hypotenuse $${C}$ and one leg of length $${L}$. Its area can be written as $a\\sqrt{b}$, where $a$ and $b$ are positive integers and $b$ is not divisible by the square of any prime. Find $a+b$.`,
    answer: String(a + b),
    qn: '$a+b$',
    given: `The hypotenuse is $${C}$ and one leg is $${L}$.`,
    steps: [
      `by the Pythagorean theorem the other leg is $\\sqrt{${C}^2 - ${L}^2} = \\sqrt{${C * C} - ${L * L}} = \\sqrt{${K}}$.`,
      `$${K} = ${k * k} \\cdot ${b}$, so $\\sqrt{${K}} = ${surd(k, b)}$.`,
      { n: 'the other leg', x: surd(k, b) },
      { n: 'the area', x: `\\frac12 \\cdot ${L} \\cdot ${surd(k, b)} = ${surd(a, b)}` },
      `thus $a = ${a}$ and $b = ${b}$.`,
    ],
    R: { v: String(a + b), pre: [`a+b = ${a}+${b} = `, 'a + b = '] },
    wsteps: [
      `by the Pythagorean theorem the other leg is $\\sqrt{${C * C} - ${L * L}} = \\sqrt{${K}}$.`,
      { n: 'the area', x: `\\frac12 \\cdot ${L} \\cdot \\sqrt{${K}} = ${surd(wa, K)}` },
      `reading off, $a = ${wa}$ and $b = ${K}$.`,
    ],
    W: { v: String(wa + K), pre: [`a+b = ${wa}+${K} = `, 'a + b = '] },
    fix: [
      `$b$ must be squarefree, and $${K} = ${k * k}\\cdot ${b}$ is not. So $\\sqrt{${K}} = ${surd(k, b)}$.`,
      { n: 'the area', x: `${surd(wa, K)} = ${wa}\\cdot ${surd(k, b)} = ${surd(a, b)}` },
      `so $a = ${a}$ and $b = ${b}$.`,
    ],
    alt: [
      `square the area instead: $[\\,\\triangle\\,]^2 = \\frac14 \\cdot ${L}^2 \\cdot (${C}^2 - ${L}^2) = \\frac{${L * L} \\cdot ${K}}{4} = ${(L * L * K) / 4}$.`,
      `and $${(L * L * K) / 4} = ${a}^2 \\cdot ${b}$, so the area is $${surd(a, b)}$, giving $a = ${a}$, $b = ${b}$ once more.`,
    ],
    flip: null,
    F: null,
    mid: `which side is the hypotenuse? The problem says $${C}$, and indeed $${C} > ${L}$, so $${L}$ is a leg.`,
    midN: `the right angle is between the two legs, so the area is half the product of the legs.`,
    tried: null,
    sub: `$${L}^2 + ${K} = ${L * L} + ${K} = ${C * C} = ${C}^2$, so the legs and hypotenuse are consistent.`,
    recap: {
      R: `The other leg is $${surd(k, b)}$, so the area is $\\frac12 \\cdot ${L} \\cdot ${surd(k, b)} = ${surd(a, b)}$.`,
      W: `The other leg is $\\sqrt{${K}}$, so the area is $${surd(wa, K)}$.`,
      F: `The area is $${surd(wa, K)}$.`,
    },
  };
}

function tSeries(r: Rng): TaskInst | null {
  const a0 = r.int(1, 25);
  const d = r.int(2, 9);
  const n = r.int(12, 70);
  const last = a0 + (n - 1) * d;
  const S = (n * (a0 + last)) / 2;
  const wS = ((n - 1) * (a0 + last)) / 2;
  if (!Number.isInteger(wS) || !Number.isInteger(S)) return null;
  const fS = ((n + 1) * (a0 + last)) / 2;
  const flipOk = Number.isInteger(fS);
  const sum = `${a0} + ${a0 + d} + ${a0 + 2 * d} + \\cdots + ${last}`;
  const Sv = bigNum(r, S);
  return {
    task: 'arith-series',
    query: `Compute the sum $${sum}$, where consecutive terms differ by $${d}$.`,
    answer: String(S),
    qn: 'the sum',
    given: `The terms start at $${a0}$, go up by $${d}$ each time, and end at $${last}$.`,
    steps: [
      `this is an arithmetic series with first term $${a0}$ and common difference $${d}$; call the sum $S$.`,
      `the number of terms is $\\frac{${last} - ${a0}}{${d}} + 1 = ${n - 1} + 1 = ${n}$.`,
      { n: 'the number of terms', x: String(n) },
      `the first and last terms add to $${a0} + ${last} = ${a0 + last}$.`,
    ],
    R: { v: Sv, pre: [`S = \\frac{${n}\\,(${a0} + ${last})}{2} = `, `S = \\frac{${n} \\cdot ${a0 + last}}{2} = `, 'S = '] },
    wsteps: [
      `call the sum $S$. It is arithmetic with common difference $${d}$, so the number of terms is $\\frac{${last} - ${a0}}{${d}} = ${n - 1}$.`,
      { n: 'the number of terms', x: String(n - 1) },
      `each pair of first and last terms sums to $${a0 + last}$.`,
    ],
    W: { v: bigNum(r, wS), pre: [`S = \\frac{${n - 1}\\,(${a0} + ${last})}{2} = `, 'S = '] },
    fix: [
      `the count of terms is off by one: from $${a0}$ to $${last}$ in steps of $${d}$ there are $\\frac{${last} - ${a0}}{${d}} + 1 = ${n}$ terms, not $${n - 1}$.`,
      { n: 'the number of terms', x: String(n) },
    ],
    alt: [
      `use $S = n a_1 + d\\binom{n}{2}$: $${n} \\cdot ${a0} + ${d} \\cdot \\frac{${n} \\cdot ${n - 1}}{2} = ${n * a0} + ${(d * n * (n - 1)) / 2}$.`,
    ],
    flip: flipOk
      ? [
          `I think I missed a term in the count: there should be $${n} + 1 = ${n + 1}$ terms.`,
          { n: 'the number of terms', x: String(n + 1) },
        ]
      : null,
    F: flipOk ? { v: String(fS), pre: [`S = \\frac{${n + 1}\\,(${a0} + ${last})}{2} = `, 'S = '] } : null,
    mid: `is $${last}$ actually a term of the sequence? $${last} - ${a0} = ${last - a0} = ${n - 1} \\cdot ${d}$, so yes.`,
    midN: `all terms are positive integers, so the sum is a positive integer.`,
    tried: `check the counting rule on a small case: $${a0} + ${a0 + d}$ has $\\frac{${a0 + d} - ${a0}}{${d}} + 1 = 2$ terms, as it should.`,
    sub: `consecutive terms differ by $${a0 + d} - ${a0} = ${d}$, as stated.`,
    recap: {
      R: `There are $${n}$ terms, and the first and last sum to $${a0 + last}$.`,
      W: `There are $${n - 1}$ terms, and the first and last sum to $${a0 + last}$.`,
      F: `There are $${n + 1}$ terms, and the first and last sum to $${a0 + last}$.`,
    },
  };
}

function tPowMod(r: Rng): TaskInst | null {
  const p = r.pick([7, 11, 13]);
  const a = r.int(2, p - 2);
  let b = r.int(2, p - 2);
  if (b === a) b = a + 1;
  const k = r.int(20, 400);
  const j = r.int(20, 400);
  const ord = (x: number) => {
    let e = 1;
    while (modpow(x, e, p) !== 1) e++;
    return e;
  };
  const oa = ord(a);
  const ob = ord(b);
  if (oa < 3 || ob < 2) return null;
  const ta = k % oa;
  const tb = j % ob;
  const ra = modpow(a, k, p);
  const rb = modpow(b, j, p);
  const ans = (ra + rb) % p;
  const ta2 = (ta + 1) % oa; // the slip
  const wra = modpow(a, ta2, p);
  const wans = (wra + rb) % p;
  if (wans === ans) return null;
  const tb2 = (tb + 1) % ob;
  const frb = modpow(b, tb2, p);
  const fans = (ra + frb) % p;
  const flipOk = fans !== ans && fans !== wans;
  const cyc = (x: number, o: number) => {
    const s: string[] = [];
    for (let e = 1; e <= o; e++) s.push(`${x}^{${e}} \\equiv ${modpow(x, e, p)}`);
    return s.join(',\\ ');
  };
  const red = (e: number, o: number, t: number) => `${e} = ${o} \\cdot ${Math.floor(e / o)} + ${t}`;
  const pw = (x: number, e: number) => `${x}^{${e}}`;
  const expr = `${pw(a, k)} + ${pw(b, j)}`;
  const M = (x: number, y: number): string[] => [`${expr} \\equiv ${x} + ${y} \\equiv `, `${expr} \\equiv `];
  const fa = k % (p - 1);
  const fb = j % (p - 1);
  return {
    task: 'pow-mod',
    query: `Find the remainder when $${expr}$ is divided by $${p}$.`,
    answer: String(ans),
    qn: `the remainder of $${expr}$`,
    given: `We need $${expr} \\bmod ${p}$.`,
    steps: [
      `the powers of $${a}$ modulo $${p}$ are $${cyc(a, oa)}$, so they repeat with period $${oa}$.`,
      `since $${red(k, oa, ta)}$, we get $${pw(a, k)} \\equiv ${pw(a, ta === 0 ? oa : ta)} \\equiv ${ra} \\pmod{${p}}$.`,
      { n: `the remainder of $${pw(a, k)}$`, x: String(ra) },
      `similarly the powers of $${b}$ are $${cyc(b, ob)}$, with period $${ob}$, and $${red(j, ob, tb)}$ gives $${pw(b, j)} \\equiv ${rb}$.`,
      { n: `the remainder of $${pw(b, j)}$`, x: String(rb) },
    ],
    R: { v: String(ans), pre: M(ra, rb), post: ' \\pmod{' + p + '}' },
    wsteps: [
      `the powers of $${a}$ modulo $${p}$ are $${cyc(a, oa)}$, period $${oa}$.`,
      `$${k}$ leaves remainder $${ta2}$ on division by $${oa}$, so $${pw(a, k)} \\equiv ${pw(a, ta2 === 0 ? oa : ta2)} \\equiv ${wra}$.`,
      { n: `the remainder of $${pw(a, k)}$`, x: String(wra) },
      `the powers of $${b}$ have period $${ob}$ and $${red(j, ob, tb)}$, so $${pw(b, j)} \\equiv ${rb}$.`,
    ],
    W: { v: String(wans), pre: M(wra, rb), post: ' \\pmod{' + p + '}' },
    fix: [
      `$${red(k, oa, ta)}$, so the remainder of $${k}$ mod $${oa}$ is $${ta}$, not $${ta2}$.`,
      { n: `$${pw(a, k)}$ modulo $${p}$`, x: String(ra) },
    ],
    alt: [
      `by Fermat's little theorem $x^{${p - 1}} \\equiv 1 \\pmod{${p}}$ for $x$ not divisible by $${p}$.`,
      `$${k} \\equiv ${fa} \\pmod{${p - 1}}$ and $${j} \\equiv ${fb} \\pmod{${p - 1}}$, so $${pw(a, k)} \\equiv ${pw(a, fa)} \\equiv ${ra}$ and $${pw(b, j)} \\equiv ${pw(b, fb)} \\equiv ${rb}$.`,
    ],
    flip: flipOk
      ? [
          `$${j}$ divided by $${ob}$ actually leaves remainder $${tb2}$, so $${pw(b, j)} \\equiv ${frb}$.`,
          { n: `the remainder of $${pw(b, j)}$`, x: String(frb) },
        ]
      : null,
    F: flipOk ? { v: String(fans), pre: M(ra, frb), post: ' \\pmod{' + p + '}' } : null,
    mid: `$${p}$ is prime and divides neither $${a}$ nor $${b}$, so the powers are periodic and never $0$.`,
    midN: `we may reduce each term separately and add the remainders at the end.`,
    tried: `try a few small exponents first: $${a}^1 = ${a}$, $${a}^2 = ${a * a}${a * a >= p ? ` \\equiv ${modpow(a, 2, p)}` : ''}$.`,
    sub: `$${a}^{${oa}} \\equiv 1 \\pmod{${p}}$, so the period of $${a}$ is indeed $${oa}$.`,
    recap: {
      R: `Modulo $${p}$, $${pw(a, k)} \\equiv ${ra}$ and $${pw(b, j)} \\equiv ${rb}$.`,
      W: `Modulo $${p}$, $${pw(a, k)} \\equiv ${wra}$ and $${pw(b, j)} \\equiv ${rb}$.`,
      F: `Modulo $${p}$, $${pw(a, k)} \\equiv ${ra}$ and $${pw(b, j)} \\equiv ${frb}$.`,
    },
  };
}

function tRealRoots(r: Rng): TaskInst | null {
  const r1 = r.int(-9, 9);
  const r2 = r.int(-9, 9);
  if (r1 === r2 || r1 + r2 === 0) return null;
  const S = r1 + r2;
  const P = r1 * r2;
  const pp = r.int(-8, 8);
  if (pp === 0) return null;
  const q = Math.floor((pp * pp) / 4) + r.int(1, 12);
  const D = pp * pp - 4 * q;
  const eqn = `(${poly2(-S, P)})(${poly2(pp, q)}) = 0`;
  const W = S - pp;
  return {
    task: 'real-roots',
    query: `Find the sum of all real roots of the equation $${eqn}$.`,
    answer: String(S),
    qn: 'the sum of the real roots',
    given: `The equation is $${eqn}$, a product of two quadratics.`,
    steps: [
      `a product is zero exactly when one of its factors is zero.`,
      `the first factor factors as $${poly2(-S, P)} = (${lin(r1)})(${lin(r2)})$, with roots $x_1 = ${r1}$ and $x_2 = ${r2}$.`,
      { n: 'the set of real roots of the first factor', x: `\\{${r1}, ${r2}\\}` },
      `for the second factor the discriminant is $${par(pp)}^2 - 4 \\cdot ${q} = ${D} < 0$, so it has no real roots.`,
    ],
    R: { v: String(S), pre: [`x_1 + x_2 = ${r1} + ${par(r2)} = `, `x_1 + x_2 = `] },
    wsteps: [
      `let $x_1, x_2$ be the roots of the first factor and $x_3, x_4$ those of the second. By Vieta's formulas $x_1 + x_2 = ${S}$ and $x_3 + x_4 = ${-pp}$.`,
      { n: 'the sum from the first factor', x: String(S) },
    ],
    W: { v: String(W), pre: [`x_1 + x_2 + x_3 + x_4 = ${S} + ${par(-pp)} = `, `x_1 + x_2 + x_3 + x_4 = `] },
    fix: [
      `the second factor has discriminant $${par(pp)}^2 - 4\\cdot ${q} = ${D} < 0$, so its roots are not real and must not be included.`,
      `only the first factor contributes, with roots $${r1}$ and $${r2}$.`,
    ],
    alt: [
      `the first quadratic has discriminant $${S * S} - 4\\cdot ${par(P)} = ${(r1 - r2) ** 2} > 0$, so both of its roots are real, and by Vieta they sum to minus the coefficient of $x$.`,
    ],
    flip: [`the question says all roots, so I should add the roots $x_3, x_4$ of the second factor too; by Vieta $x_3 + x_4 = ${-pp}$.`],
    F: { v: String(W), pre: [`x_1 + x_2 + x_3 + x_4 = ${S} + ${par(-pp)} = `, `x_1 + x_2 + x_3 + x_4 = `] },
    mid: `are the roots of the first factor really real and distinct? Its discriminant is $${S * S} - 4\\cdot ${par(P)} = ${(r1 - r2) ** 2} > 0$, so yes.`,
    midN: `a real root of the product is a real root of one of the two factors.`,
    tried: `try $x = ${r1}$ in the first factor: $${par(r1)}^2 ${sgn(-S)}\\cdot ${par(r1)} ${sgn(P)} = ${r1 * r1 - S * r1 + P}$, so it is a root.`,
    sub: `$(${lin(r1)})(${lin(r2)})$ expands to $${poly2(-S, P)}$, so the factorization is right.`,
    recap: {
      R: `The first factor gives the real roots $${r1}$ and $${r2}$; the second factor has negative discriminant $${D}$.`,
      W: `By Vieta, the roots of the two factors sum to $${S}$ and $${-pp}$.`,
      F: `By Vieta, the roots of the two factors sum to $${S}$ and $${-pp}$.`,
    },
  };
}

function tTelescope(r: Rng, F: FracFn): TaskInst | null {
  const n = r.int(8, 99);
  const odd = r.chance(0.4);
  if (!odd) {
    const ans = F(n, n + 1);
    const wrong = F(n - 1, n);
    const sumTex = `\\sum_{k=1}^{${n}} \\frac{1}{k(k+1)}`;
    return {
      task: 'telescope',
      query: `Compute $${sumTex}$. Express your answer as a common fraction.`,
      answer: texFrac(n, n + 1),
      qn: 'the sum',
      given: `The sum runs from $k=1$ to $k=${n}$.`,
      steps: [
        `let $S$ be the sum. By partial fractions, $\\frac{1}{k(k+1)} = \\frac{1}{k} - \\frac{1}{k+1}$.`,
        `\\[${sumTex} = \\left(1 - \\tfrac12\\right) + \\left(\\tfrac12 - \\tfrac13\\right) + \\cdots + \\left(\\tfrac{1}{${n}} - \\tfrac{1}{${n + 1}}\\right).\\]`,
        { n: 'the first surviving term', x: '1' },
        `the only other term that survives is $-\\frac{1}{${n + 1}}$.`,
      ],
      R: { v: ans, pre: [`S = 1 - \\frac{1}{${n + 1}} = `, `${sumTex} = `] },
      wsteps: [
        `let $S$ be the sum. Since $\\frac{1}{k(k+1)} = \\frac{1}{k} - \\frac{1}{k+1}$, $S$ telescopes.`,
        `everything cancels except the first term $1$ and the last term $-\\frac{1}{${n}}$.`,
      ],
      W: { v: wrong, pre: [`S = 1 - \\frac{1}{${n}} = `, 'S = '] },
      fix: [
        `the last bracket is $\\frac{1}{${n}} - \\frac{1}{${n + 1}}$, so the term that survives is $-\\frac{1}{${n + 1}}$, not $-\\frac{1}{${n}}$.`,
      ],
      alt: [
        `look at partial sums: $S_1 = \\frac12$, $S_2 = \\frac12 + \\frac16 = \\frac23$, $S_3 = \\frac23 + \\frac1{12} = \\frac34$.`,
        `in general $S_m = \\frac{m}{m+1}$, since $\\frac{m}{m+1} + \\frac{1}{(m+1)(m+2)} = \\frac{m(m+2)+1}{(m+1)(m+2)} = \\frac{m+1}{m+2}$.`,
      ],
      flip: [`the last bracket is $\\frac{1}{${n - 1}} - \\frac{1}{${n}}$, so the surviving negative term is $-\\frac{1}{${n}}$.`],
      F: { v: wrong, pre: [`S = 1 - \\frac{1}{${n}} = `, 'S = '] },
      mid: `which terms survive the cancellation? The first positive term $1$ and the last negative term $-\\frac{1}{${n + 1}}$.`,
      midN: `every term is positive, so the sum is between $0$ and $1$.`,
      tried: `for $k=1$: $\\frac{1}{1\\cdot 2} = \\frac12 = 1 - \\frac12$, consistent with the decomposition.`,
      sub: `$\\frac1k - \\frac1{k+1} = \\frac{(k+1) - k}{k(k+1)} = \\frac{1}{k(k+1)}$, so the decomposition is right.`,
      recap: {
        R: `Since $\\frac{1}{k(k+1)} = \\frac1k - \\frac1{k+1}$, the sum telescopes to $1 - \\frac{1}{${n + 1}}$.`,
        W: `The sum telescopes to $1 - \\frac{1}{${n}}$.`,
        F: `The sum telescopes to $1 - \\frac{1}{${n}}$.`,
      },
    };
  }
  const ans = F(n, 2 * n + 1);
  const wrong = F(2 * n, 2 * n + 1);
  const sumTex = `\\sum_{k=1}^{${n}} \\frac{1}{(2k-1)(2k+1)}`;
  return {
    task: 'telescope-odd',
    query: `Compute $${sumTex}$. Express your answer as a common fraction.`,
    answer: texFrac(n, 2 * n + 1),
    qn: 'the sum',
    given: `The sum has $${n}$ terms, from $k = 1$ to $k = ${n}$.`,
    steps: [
      `let $S$ be the sum. Partial fractions give $\\frac{1}{(2k-1)(2k+1)} = \\frac12\\left(\\frac{1}{2k-1} - \\frac{1}{2k+1}\\right)$.`,
      `the bracketed differences telescope: $\\left(1 - \\tfrac13\\right) + \\left(\\tfrac13 - \\tfrac15\\right) + \\cdots + \\left(\\tfrac{1}{${2 * n - 1}} - \\tfrac{1}{${2 * n + 1}}\\right) = 1 - \\frac{1}{${2 * n + 1}} = \\frac{${2 * n}}{${2 * n + 1}}$.`,
      { n: 'the telescoped bracket', x: `\\frac{${2 * n}}{${2 * n + 1}}` },
    ],
    R: { v: ans, pre: [`S = \\frac12 \\cdot \\frac{${2 * n}}{${2 * n + 1}} = `, 'S = '] },
    wsteps: [
      `let $S$ be the sum. We have $\\frac{1}{(2k-1)(2k+1)} = \\frac{1}{2k-1} - \\frac{1}{2k+1}$, which telescopes.`,
      `only $1$ and $-\\frac{1}{${2 * n + 1}}$ survive.`,
    ],
    W: { v: wrong, pre: [`S = 1 - \\frac{1}{${2 * n + 1}} = `, 'S = '] },
    fix: [
      `$\\frac{1}{2k-1} - \\frac{1}{2k+1} = \\frac{2}{(2k-1)(2k+1)}$, so the decomposition needs a factor $\\frac12$.`,
      { n: 'the telescoped bracket', x: `1 - \\frac{1}{${2 * n + 1}} = \\frac{${2 * n}}{${2 * n + 1}}` },
    ],
    alt: [
      `partial sums: $S_1 = \\frac13$, $S_2 = \\frac13 + \\frac1{15} = \\frac25$, $S_3 = \\frac25 + \\frac1{35} = \\frac37$, suggesting $S_m = \\frac{m}{2m+1}$.`,
      `induction confirms it: $\\frac{m}{2m+1} + \\frac{1}{(2m+1)(2m+3)} = \\frac{2m^2+3m+1}{(2m+1)(2m+3)} = \\frac{m+1}{2m+3}$.`,
    ],
    flip: [`I don't think the factor $\\frac12$ belongs there: the bracket alone telescopes to $1 - \\frac{1}{${2 * n + 1}}$.`],
    F: { v: wrong, pre: [`S = 1 - \\frac{1}{${2 * n + 1}} = `, 'S = '] },
    mid: `is the factor $\\frac12$ right? $\\frac{1}{2k-1} - \\frac{1}{2k+1} = \\frac{2}{(2k-1)(2k+1)}$, so yes.`,
    midN: `each term is positive and the terms shrink quickly.`,
    tried: `for $k=1$: $\\frac{1}{1\\cdot 3} = \\frac13 = \\frac12\\left(1 - \\frac13\\right)$, which checks.`,
    sub: `$(2k-1)(2k+1) = 4k^2 - 1$, so for $k = 2$ the term is $\\frac{1}{15}$, as listed.`,
    recap: {
      R: `Using $\\frac{1}{(2k-1)(2k+1)} = \\frac12\\left(\\frac{1}{2k-1} - \\frac{1}{2k+1}\\right)$, the sum telescopes to $\\frac12\\left(1 - \\frac{1}{${2 * n + 1}}\\right)$.`,
      W: `The sum telescopes to $1 - \\frac{1}{${2 * n + 1}}$.`,
      F: `The sum telescopes to $1 - \\frac{1}{${2 * n + 1}}$.`,
    },
  };
}

function tSurd(r: Rng): TaskInst | null {
  const b = r.pick([2, 3, 5, 6, 7]);
  const c1 = r.int(1, 9);
  const c2 = r.int(2, 9);
  const c3 = r.int(1, 7);
  if (new Set([c1, c2, c3]).size < 3) return null;
  const c = c1 + c2 - c3;
  if (c < 2) return null;
  const X = [c1, c2, c3].map((x) => x * x * b);
  const ans = surd(c, b);
  const w = surd(c1 + c2 + c3, b);
  const expr = `\\sqrt{${X[0]}} + \\sqrt{${X[1]}} - \\sqrt{${X[2]}}`;
  const terms = `${surd(c1, b)} + ${surd(c2, b)} - ${surd(c3, b)}`;
  const ap = (x: number) => Math.sqrt(x).toFixed(3);
  const tot = (Number(ap(X[0])) + Number(ap(X[1])) - Number(ap(X[2]))).toFixed(3);
  return {
    task: 'surd-sum',
    query: `Compute $${expr}$ and express the result in simplest radical form.`,
    answer: ans,
    qn: 'the value of the expression',
    given: `The radicands are $${X[0]}$, $${X[1]}$ and $${X[2]}$.`,
    steps: [
      `$${X[0]} = ${c1 * c1} \\cdot ${b}$, so $\\sqrt{${X[0]}} = ${surd(c1, b)}$.`,
      `likewise $${X[1]} = ${c2 * c2} \\cdot ${b}$ and $${X[2]} = ${c3 * c3} \\cdot ${b}$, so $\\sqrt{${X[1]}} = ${surd(c2, b)}$ and $\\sqrt{${X[2]}} = ${surd(c3, b)}$.`,
      { n: 'the list of simplified terms', x: `${surd(c1, b)},\\ ${surd(c2, b)},\\ ${surd(c3, b)}` },
    ],
    R: { v: ans, pre: [`${terms} = (${c1} + ${c2} - ${c3})\\sqrt{${b}} = `, `${expr} = `] },
    wsteps: [
      `$\\sqrt{${X[0]}} = ${surd(c1, b)}$, $\\sqrt{${X[1]}} = ${surd(c2, b)}$ and $\\sqrt{${X[2]}} = ${surd(c3, b)}$.`,
      `collecting the multiples of $\\sqrt{${b}}$, the coefficients are $${c1}$, $${c2}$ and $${c3}$.`,
    ],
    W: { v: w, pre: [`(${c1} + ${c2} + ${c3})\\sqrt{${b}} = `, `${expr} = `] },
    fix: [`the last term is subtracted, so its coefficient enters with a minus sign: $${c1} + ${c2} - ${c3} = ${c}$.`],
    alt: [
      `numerically, $\\sqrt{${X[0]}} \\approx ${ap(X[0])}$, $\\sqrt{${X[1]}} \\approx ${ap(X[1])}$, $\\sqrt{${X[2]}} \\approx ${ap(X[2])}$, for a total of about $${tot}$.`,
      `and $${ans} \\approx ${(c * Math.sqrt(b)).toFixed(3)}$, which agrees.`,
    ],
    flip: [`hmm, I think all three radicals are added: the coefficients are $${c1} + ${c2} + ${c3} = ${c1 + c2 + c3}$.`],
    F: { v: w, pre: [`(${c1} + ${c2} + ${c3})\\sqrt{${b}} = `, `${expr} = `] },
    mid: `is $${b}$ the right radical to factor out? It is squarefree, and each radicand is $${b}$ times a perfect square, so yes.`,
    midN: `simplifying each radical first is the natural approach.`,
    tried: `try pulling out $4$ from $${X[0]}$: $${X[0]} / 4 = ${X[0] / 4}$${Number.isInteger(X[0] / 4) ? '' : ', not an integer'}.`,
    sub: `$${c1}^2 \\cdot ${b} = ${X[0]}$ and $${c3}^2 \\cdot ${b} = ${X[2]}$, so the simplifications are right.`,
    recap: {
      R: `Each radical is a multiple of $\\sqrt{${b}}$: $${terms}$.`,
      W: `Each radical is a multiple of $\\sqrt{${b}}$, with coefficients $${c1}$, $${c2}$, $${c3}$ added.`,
      F: `Each radical is a multiple of $\\sqrt{${b}}$, with coefficients $${c1}$, $${c2}$, $${c3}$ added.`,
    },
  };
}

function tRecip(r: Rng, F: FracFn): TaskInst | null {
  const r1 = r.int(-9, 9);
  const r2 = r.int(-9, 9);
  if (r1 === 0 || r2 === 0 || r1 === r2 || r1 + r2 === 0) return null;
  const S = r1 + r2;
  const P = r1 * r2;
  const B = -S;
  const C = P;
  const [rn, rd] = reduce(S, P);
  const val = F(rn, rd);
  const wval = F(-rn, rd);
  return {
    task: 'recip-roots',
    query: `Let $r$ and $s$ be the roots of $${poly2(B, C)} = 0$. Compute $\\frac{1}{r} + \\frac{1}{s}$.`,
    answer: texFrac(rn, rd),
    qn: 'the value of $\\frac1r + \\frac1s$',
    given: `The quadratic is $${poly2(B, C)}$, with coefficients $1$, $${B}$, $${C}$.`,
    steps: [
      `$\\frac{1}{r} + \\frac{1}{s} = \\frac{r+s}{rs}$.`,
      `by Vieta's formulas, $r + s = -(${B}) = ${S}$ and $rs = ${C}$.`,
      { n: '$r+s$', x: String(S) },
    ],
    R: {
      v: val,
      pre: [rn === S && rd === P ? `\\frac{r+s}{rs} = ` : `\\frac{r+s}{rs} = \\frac{${S}}{${P}} = `, '\\frac{1}{r} + \\frac{1}{s} = '],
    },
    wsteps: [`$\\frac1r + \\frac1s = \\frac{r+s}{rs}$, and Vieta gives $r+s = ${B}$, $rs = ${C}$.`],
    W: {
      v: wval,
      pre: [rn === S && rd === P ? `\\frac{r+s}{rs} = ` : `\\frac{r+s}{rs} = \\frac{${B}}{${C}} = `, '\\frac1r + \\frac1s = '],
    },
    fix: [`Vieta gives $r + s = -\\frac{b}{a} = ${S}$, not $${B}$: I dropped the minus sign.`, { n: '$r+s$', x: String(S) }],
    alt: [
      `factor: $${poly2(B, C)} = (${lin(r1)})(${lin(r2)})$, so the roots are $${r1}$ and $${r2}$.`,
      `then $\\frac{1}{${r1}} + \\frac{1}{${r2}} = \\frac{${r2} + ${par(r1)}}{${P}}$.`,
    ],
    flip: [`hmm, Vieta: $r + s$ is the coefficient of $x$, so $r + s = ${B}$.`],
    F: {
      v: wval,
      pre: [rn === S && rd === P ? `\\frac{r+s}{rs} = ` : `\\frac{r+s}{rs} = \\frac{${B}}{${C}} = `, '\\frac1r + \\frac1s = '],
    },
    mid: `can a root be zero? No: $rs = ${C} \\neq 0$, so both reciprocals exist.`,
    midN: `the leading coefficient is $1$, so Vieta applies directly.`,
    tried: `try $x = ${r1}$: $${par(r1)}^2 ${sgn(B)}\\cdot${par(r1)} ${sgn(C)} = ${r1 * r1 + B * r1 + C}$, so $${r1}$ is one of the roots.`,
    sub: `$rs = ${C}$ matches the constant term.`,
    recap: {
      R: `$\\frac1r + \\frac1s = \\frac{r+s}{rs}$ with $r+s = ${S}$ and $rs = ${C}$.`,
      W: `$\\frac1r + \\frac1s = \\frac{r+s}{rs}$ with $r+s = ${B}$ and $rs = ${C}$.`,
      F: `$\\frac1r + \\frac1s = \\frac{r+s}{rs}$ with $r+s = ${B}$ and $rs = ${C}$.`,
    },
  };
}

// ---------------------------------------------------------------- sentence templates
// {qn}: the asked quantity in words; {M}: math stating the asked quantity = {V}; {MB}: the same
// with \boxed{{V}}; {V}: the value. The first {V} of a candidate template is the labelled one.

const OPENINGS = [
  'We compute {qn} directly.',
  '**Solution.**',
  'Let us set up the computation carefully.',
  'We begin by translating the problem into a computation.',
  '**Solution.** We proceed in a few steps.',
  'The plan: find the underlying quantity first, then extract {qn}.',
  'We first identify what has to be computed.',
  'Here is a direct approach.',
  'We solve the problem by a direct computation.',
  "Let's organize the work.",
  'We are asked for {qn}.',
  'We will compute everything explicitly.',
  'Begin by recalling the relevant facts.',
  'This is a standard computation; we do it carefully.',
  '**Approach.** Compute the key quantity, then finish.',
  'We tackle this directly.',
  "Let's start from the definitions.",
  'A clean way to do this is to break it into steps.',
  'We want {qn}.',
  'Our goal is {qn}.',
  'To find {qn}, we first need a few intermediate values.',
  "Let's work it out.",
  'Solution:',
  "We'll compute this in stages.",
  'A straightforward computation works here.',
  'First, some setup.',
  '*Solution.* We argue step by step.',
];

const THINK_OPENINGS = [
  'Okay, so I need to find {qn}.',
  'Alright, let me think about this.',
  'Let me see. The question asks for {qn}.',
  "Okay, let's parse the problem.",
  'Hmm, okay.',
  'So the problem asks for {qn}.',
  "Alright, let's figure out {qn}.",
  'Okay, I need to be careful here.',
  'Let me start by understanding what is being asked.',
  "So we're after {qn}.",
  'Okay.',
  'First, let me restate the problem to myself.',
  'Alright, this looks like a standard competition problem.',
  "Let's see how to approach this.",
  "I'll work through this step by step.",
  'Okay, so the goal is {qn}.',
  'Let me think.',
  'Hmm, let me set this up.',
  "Alright. Let's start.",
  'So, what do we need? Basically {qn}.',
  'Okay, let me try to solve this.',
  "Right, let's begin.",
  'Let me read the question again.',
  'Okay, this should be doable.',
  'Alright, so.',
  'Let me get started on this.',
];

const CONNECTORS = [
  '',
  '',
  '',
  'First, ',
  'Note that ',
  'Observe that ',
  'Now ',
  'Next, ',
  'We see that ',
  'Recall that ',
  'Clearly ',
  'In particular, ',
  'Then ',
  'Moreover, ',
  'Also, ',
  'It is easy to see that ',
  'Now note that ',
  'Here ',
  'Further, ',
  'Notice that ',
  'Next we note that ',
  'From this, ',
  'Let us note that ',
  'At this point, ',
  'To continue, ',
  'Now observe that ',
  'We also have that ',
  'Next, observe that ',
];

const THINK_CONNECTORS = [
  '',
  '',
  'So ',
  'Okay, ',
  'Hmm, ',
  'Now ',
  'Then ',
  'Right, ',
  'And ',
  'So, ',
  'Let me see: ',
  'Well, ',
  'Next, ',
  'Also ',
  'Alright, ',
  'OK so ',
  'I think ',
  'Let me note that ',
  'Now, ',
  'First, ',
  'Good, ',
  'And then ',
  'Plus, ',
  'Then, ',
  'So then ',
  'Let me recall: ',
];

const INTERS = [
  'So {N} is ${X}$.',
  'Hence {N} equals ${X}$.',
  'This gives {N}: ${X}$.',
  'Therefore {N} is ${X}$.',
  'Thus {N} comes out to ${X}$.',
  'We conclude that {N} is ${X}$.',
  'That makes {N} equal to ${X}$.',
  'It follows that {N} is ${X}$.',
  'Consequently, {N} is ${X}$.',
  'In other words, {N} is ${X}$.',
  'Putting this together, {N} is ${X}$.',
  'Hence {N} is exactly ${X}$.',
  'This shows that {N} is ${X}$.',
  'So far: {N} is ${X}$.',
  'Therefore, {N} works out to ${X}$.',
  'Thus {N} is ${X}$, which we use below.',
  'We find that {N} is ${X}$.',
  'So the first part is done: {N} is ${X}$.',
  'Altogether, {N} is ${X}$.',
  'As a result, {N} is ${X}$.',
  'Now {N} is ${X}$; we still need {qn}.',
  'So {N} is ${X}$, and it remains to finish.',
  'This means {N} is ${X}$.',
  'Hence, {N}: ${X}$.',
  'We get {N} $= {X}$ at this stage.',
  'Good: {N} is ${X}$.',
  'So we have {N} $= {X}$.',
];

// Hesitations in the middle of a derivation, before any answer (not decisions).
const MIDS = [
  'Hmm, wait:',
  'Wait —',
  'Hold on:',
  'Hmm.',
  'Hmm, one thing:',
  'Wait, let me be careful here:',
  'Careful:',
  'Hmm, let me think about this point:',
  'Actually, let me pause here:',
  'One subtlety:',
  'Wait a second:',
  'Hmm, is this right?',
  'Let me make sure about this:',
  'Hmm, hold on.',
  'Before moving on:',
  'Wait, careful.',
  'Hmm, let me double-check this step:',
  'Actually, one more thing:',
  'Hmm — subtle point:',
  'Wait, is this the right setup?',
  'Pause:',
  'Let me reconsider this step for a moment:',
  'Hmm, let me not rush.',
  'Just to be careful:',
  'Wait, one moment:',
  'Hmm, actually:',
];

const CONCLS = [
  'Therefore ${MB}$.',
  'Hence ${M}$.',
  'Thus ${MB}$.',
  'So ${M}$.',
  'Putting it together, ${MB}$.',
  'It follows that ${M}$.',
  'Consequently ${MB}$.',
  'Therefore {qn} is $\\boxed{{V}}$.',
  'Hence {qn} equals ${V}$.',
  'So {qn} is ${V}$.',
  'The answer is therefore $\\boxed{{V}}$.',
  'We conclude that {qn} is $\\boxed{{V}}$.',
  'Thus {qn} is ${V}$.',
  'This gives ${M}$.',
  'Finally, ${MB}$.',
  'Therefore, the requested value is $\\boxed{{V}}$.',
  'All in all, ${M}$.',
  'So we obtain ${M}$.',
  'The desired answer is $\\boxed{{V}}$.',
  'Therefore\n\\[{MB}.\\]',
  'Hence\n\\[{M}.\\]',
  'That gives {qn} $= \\boxed{{V}}$.',
  'Combining everything, {qn} is $\\boxed{{V}}$.',
  'We get ${M}$, so the answer is $\\boxed{{V}}$.',
  'In conclusion, {qn} $= {V}$.',
  'So, {qn} is $\\boxed{{V}}$.',
  'Therefore our answer is ${V}$.',
  '\\[{MB}.\\]',
];

const THINK_CONCLS = [
  'So ${M}$.',
  'So that gives {qn} $= {V}$.',
  'Okay, so {qn} is ${V}$.',
  'That means ${M}$.',
  'So the answer is ${V}$.',
  'Then ${M}$.',
  'So I get ${M}$.',
  'Alright, ${M}$.',
  'Therefore {qn} $= {V}$.',
  'Hence ${M}$.',
  'So {qn} should be ${V}$.',
  'Okay: ${M}$.',
  'So, putting it together, ${M}$.',
  'That gives ${V}$ for {qn}.',
  'So my answer is ${V}$.',
  'So {qn} comes out to ${V}$.',
  'Thus ${M}$.',
  'So the final value is ${V}$.',
  'That makes {qn} equal to ${V}$.',
  'Which gives ${M}$.',
  "So it's ${V}$.",
  'Okay so ${M}$, I think.',
  'So the result: ${M}$.',
  'Good, so ${M}$.',
  "So ${M}$, that's the answer.",
];

// Corrected conclusions (after a "Wait" and a fix).
const FIXCONCLS = [
  'So the correct value is ${M}$.',
  'So actually ${MB}$.',
  'The corrected answer is $\\boxed{{V}}$.',
  'Therefore ${MB}$.',
  'Hence, correctly, ${M}$.',
  'So {qn} is actually ${V}$.',
  'With this fixed, ${MB}$.',
  'So the right answer is $\\boxed{{V}}$.',
  'Redoing the last step, ${M}$.',
  'So in fact {qn} $= {V}$.',
  'This changes the answer: ${MB}$.',
  'Thus ${M}$ instead.',
  'So {qn} is $\\boxed{{V}}$, not what I wrote above.',
  'Now ${M}$.',
  'Hence\n\\[{MB}.\\]',
  'Correcting this, {qn} is ${V}$.',
  'So the answer should be $\\boxed{{V}}$.',
  'Therefore, after the correction, ${M}$.',
  'That gives ${MB}$.',
  'So the final answer is $\\boxed{{V}}$.',
  'The fixed computation gives ${M}$.',
  'Then ${M}$.',
  'So ${MB}$.',
  'Hence {qn} is ${V}$.',
  'Updated: ${MB}$.',
  'Okay, so ${M}$.',
];

const ECHOS = [
  'So again ${M}$.',
  'This again gives ${MB}$.',
  'Once more, {qn} is ${V}$.',
  'The same result: ${M}$.',
  'So ${M}$, matching the above.',
  'Again we get {qn} $= {V}$.',
  'Hence ${M}$ once again.',
  'This confirms ${MB}$.',
  'So {qn} is ${V}$ again, as before.',
  'We again arrive at $\\boxed{{V}}$.',
  'Both methods give ${M}$.',
  'Consistent: ${M}$.',
  'So indeed ${M}$.',
  'That gives ${M}$ again.',
  'So {qn} is indeed ${V}$.',
  'Same answer: $\\boxed{{V}}$.',
  'Thus ${M}$, as before.',
  'This yields ${V}$ again for {qn}.',
  'So the answer is again $\\boxed{{V}}$.',
  'Therefore ${MB}$, confirmed.',
  'Good, that recomputes to ${M}$.',
  'Again ${MB}$.',
  'So once more ${M}$.',
  'Indeed ${MB}$.',
  'Result: {qn} $= {V}$, agreeing with the first computation.',
];

// Restatements of the value just concluded, with no new work (not candidates).
const RESTATES = [
  '\\[\\boxed{{V}}\\]',
  'The answer is $\\boxed{{V}}$.',
  '**Answer:** $\\boxed{{V}}$',
  'Final answer: $\\boxed{{V}}$.',
  'So the answer is $\\boxed{{V}}$.',
  'Hence the answer is ${V}$.',
  '$\\boxed{{V}}$',
  'Answer: ${V}$.',
  '**Final Answer:** $\\boxed{{V}}$',
  'Thus the final answer is $\\boxed{{V}}$.',
  'That is, {qn} is ${V}$.',
  'i.e. the answer is $\\boxed{{V}}$.',
  'Therefore, the answer is $\\boxed{{V}}$.',
  'We box it: $\\boxed{{V}}$.',
  'So our final answer is $\\boxed{{V}}$.',
  '\\[\\textbf{Answer: } \\boxed{{V}}\\]',
  'The requested value is ${V}$.',
  '$\\therefore$ $\\boxed{{V}}$',
  'Answer. $\\boxed{{V}}$',
  'In short, the answer is $\\boxed{{V}}$.',
  'The final answer is ${V}$.',
  'So we report $\\boxed{{V}}$.',
  "That's {qn}: $\\boxed{{V}}$.",
  'Our answer: $\\boxed{{V}}$.',
  '\\(\\boxed{{V}}\\)',
  'Final: $\\boxed{{V}}$.',
];

const CONFIRMS = [
  "Yes, that's right.",
  'That looks correct.',
  'This seems right.',
  'Good.',
  'That makes sense.',
  'Seems reasonable.',
  "I'm confident in this.",
  'Yes.',
  'That is consistent with the setup.',
  'Nothing looks off.',
  'Okay, that seems fine.',
  'Looks good.',
  'Everything is in order.',
  "That's plausible.",
  'Right.',
  'I believe this is correct.',
  'The numbers look reasonable.',
  'That feels right.',
  'No issues there.',
  'Fine.',
  'Alright, that seems solid.',
  'That should be it.',
  'Sounds right.',
  "Yes, I'm happy with that.",
  "That's consistent.",
  'Okay, good.',
];

const WAITS = [
  'Wait.',
  "Wait, that's not right.",
  'Hmm, wait a moment.',
  'Let me re-check that.',
  'Actually, hold on.',
  'Hmm, something is off.',
  'Wait — I made an error.',
  'Let me re-check the computation.',
  'Hold on, let me recheck.',
  "Hmm, actually that's wrong.",
  'Wait, I need to reconsider.',
  'Actually, let me double-check this.',
  'Hmm. Let me look at that again.',
  'Wait a second.',
  'On second thought, let me recheck.',
  'Hmm, let me re-examine the steps.',
  'But wait.',
  'Hmm, hold on.',
  'Actually, wait.',
  'Let me re-check the reasoning.',
  'Oops — wait.',
  'Hmm, no.',
  'Wait, let me verify that.',
  'Actually, I should double-check.',
  'Let me look back at this.',
  "Hmm, I'm not sure that's right.",
];

// Introductions of a check that recomputes the asked quantity.
const CHECKS = [
  'Let me double-check with a different method.',
  'Alternatively,',
  'As a check, let me recompute {qn} another way.',
  "Let's verify.",
  'To verify,',
  'Another way to see this:',
  'Double-check:',
  'Let me confirm this by a second approach.',
  'We can also argue as follows.',
  'Sanity check via a different route:',
  'Let me re-derive this independently.',
  'For verification,',
  'Alternatively, we could proceed as follows.',
  'Let me make sure by recomputing.',
  'Cross-check:',
  'Check:',
  'Let me verify this another way.',
  'Here is a second derivation.',
  'To be safe, let me redo this differently.',
  '**Second method.**',
  'Let me re-verify from scratch.',
  'One more check, via another method:',
  'A quick independent check:',
  'We can confirm this result.',
  'Let me just double-check by another approach.',
  '**Check.**',
];

// Wrappers for checks of a sub-step only (never restate the answer).
const SUBCHECKS = [
  'Quick check on an intermediate step: {S}',
  'Sanity check: {S}',
  'Let me verify one step: {S}',
  'A small check: {S}',
  'Checking a detail: {S}',
  'Double-checking a sub-result: {S}',
  'Just to confirm one piece: {S}',
  'One step worth verifying: {S}',
  'Verify: {S}',
  '(Check: {S})',
  'Side check: {S}',
  'Let me confirm a piece of the computation: {S}',
  'As a partial check, {S}',
  'Also, {S}',
  'Quick verification: {S}',
  'Check of one step: {S}',
  'Let me verify an intermediate claim: {S}',
  'Note: {S}',
  'One detail to confirm: {S}',
  'Checking: {S}',
  'A consistency check: {S}',
  'Small sanity check: {S}',
  'Re-examining one step, {S}',
  'Let me just confirm that {S}',
  'To be safe about one step: {S}',
];

// Short pre-summary lines before the final check-free confirmation (wrong-final responses).
const SHALLOW = [
  'Let me double-check the arithmetic.',
  'Let me quickly re-read the steps.',
  'Let me look over this once more.',
  'Quick review of the steps.',
  'Let me make sure nothing was missed.',
  'Re-reading the solution once.',
  'Let me glance over the work.',
  'Scanning the computation again.',
  'Let me re-read the problem statement.',
  'Looking back over the steps.',
  'Let me review.',
  'Reviewing briefly.',
  'One more look at the steps.',
  'Let me reconsider briefly.',
  'Looking at it again.',
  'Checking the setup once more.',
  'Let me reread what I did.',
  'Skimming the argument again.',
  'Let me re-read my work.',
  'Going back over it.',
  'Let me see if anything is off.',
  'Let me review the reasoning.',
  'Reviewing the argument.',
  'One last look.',
  'Let me re-examine quickly.',
];

const SUMMARIES = [
  '{recap}\n\nTherefore, the answer is $\\boxed{{V}}$.',
  '**Solution.** {recap} Hence the answer is $\\boxed{{V}}$.',
  '{recap}\n\n\\[\\boxed{{V}}\\]',
  '**Answer:** $\\boxed{{V}}$\n\n{recap}',
  '{recap} So {qn} is $\\boxed{{V}}$.',
  '### Solution\n\n{recap}\n\n**Final Answer:** $\\boxed{{V}}$',
  '{recap}\n\nThe answer is $\\boxed{{V}}$.',
  'In summary: {recap} Therefore $\\boxed{{V}}$.',
  '**Summary.** {recap}\n\n$\\boxed{{V}}$',
  '{recap}\n\nFinal answer: $\\boxed{{V}}$',
  'To solve this, note: {recap} Thus {qn} is $\\boxed{{V}}$.',
  '**Final Answer**\n\n\\[\\boxed{{V}}\\]',
  '{recap}\n\nHence {qn} $= \\boxed{{V}}$.',
  'Solution sketch: {recap}\n\n**Answer:** $\\boxed{{V}}$',
  'We find {qn} as follows. {recap} The answer is $\\boxed{{V}}$.',
  '{recap}\n\nSo the final answer is $\\boxed{{V}}$.',
  '**Solution.**\n\n{recap}\n\n\\[\\boxed{{V}}\\]',
  'Key steps: {recap}\n\nAnswer: $\\boxed{{V}}$',
  '{recap} Therefore, {qn} is $\\boxed{{V}}$.',
  'The answer is $\\boxed{{V}}$.',
  '{recap}\n\n$\\therefore\\ \\boxed{{V}}$',
  '**Answer.** {recap} So the answer is $\\boxed{{V}}$.',
  '{recap}\n\n**Final Answer:** $\\boxed{{V}}$',
  'Putting it all together: {recap}\n\n\\[\\boxed{{V}}\\]',
  '{recap}\n\nThus, the final answer is $\\boxed{{V}}$.',
  'Final Answer: $\\boxed{{V}}$',
];

const THINK_TAGS: [string, string][] = [
  ['<think>', '</think>'],
  ['<think>', '</think>'],
  ['<|begin_of_thought|>', '<|end_of_thought|>'],
];

// ---------------------------------------------------------------- composition

interface Piece {
  t: string;
  at?: number; // candidate value position within t
  v?: string;
}

class Doc {
  paras: Piece[][] = [];
  cur: Piece[] = [];
  put(p: Piece): void {
    this.cur.push(p);
  }
  br(): void {
    if (this.cur.length) this.paras.push(this.cur);
    this.cur = [];
  }
  render(): { body: string; cands: PhrasingCandidate[] } {
    this.br();
    let body = '';
    const cands: PhrasingCandidate[] = [];
    this.paras.forEach((para, i) => {
      if (i) body += '\n\n';
      para.forEach((pc, j) => {
        if (j) body += pc.t.startsWith('\\[') || pc.t.startsWith('\n') ? '\n' : ' ';
        if (pc.at !== undefined && pc.v !== undefined) cands.push({ value: pc.v, offset: body.length + pc.at });
        body += pc.t;
      });
    });
    return { body, cands };
  }
}

const NO_CONNECTOR =
  /^(so |since |thus |hence |look |use |count |condition |drop |square |factor|try |rereading|maybe|perhaps|hmm|I |the question|numerically|and |then |similarly|likewise|reading|in general|induction|partial sums|here |let |call |rereading|numerically|this )/;

const cap = (s: string): string => (/^[a-z]/.test(s) ? s[0].toUpperCase() + s.slice(1) : s);

class Composer {
  doc = new Doc();
  constructor(
    private r: Rng,
    private t: TaskInst,
    private think: boolean,
  ) {}

  fill(tpl: string, v: Variant | null, extra: Record<string, string> = {}): { text: string; at: number } {
    let s = tpl;
    if (v) {
      const pre = this.r.pick(v.pre);
      const post = v.post ?? '';
      s = s.replace('{MB}', `${pre}\\boxed{{V}}${post}`).replace('{M}', `${pre}{V}${post}`);
    }
    s = s.replace(/\{qn\}/g, this.t.qn);
    for (const [k, x] of Object.entries(extra)) s = s.split(`{${k}}`).join(x);
    let at = -1;
    if (v) {
      at = s.indexOf('{V}');
      s = s.split('{V}').join(v.v);
    }
    return { text: cap(s), at };
  }
  cand(tpls: readonly string[], v: Variant, echo = false): void {
    const pool = this.t.qn.includes('$') ? tpls.filter((x) => !x.includes('{qn} $')) : tpls;
    let tpl = this.r.pick(pool);
    // pick the short math form for echo conclusions
    const vv: Variant = echo ? { ...v, pre: [v.pre[v.pre.length - 1]] } : v;
    if (!v.pre.length) tpl = '{qn} is ${V}$.';
    const { text, at } = this.fill(tpl, vv);
    if (at < 0) throw new Error(`template without a value: ${tpl}`);
    if (text.startsWith('\\[')) this.doc.br();
    this.doc.put({ t: text, at, v: v.v });
  }
  say(text: string): void {
    this.doc.put({ t: text });
  }
  restate(v: Variant): void {
    const { text } = this.fill(this.r.pick(RESTATES), v);
    this.doc.br();
    this.doc.put({ t: text });
  }
  step(st: Step, first = false): void {
    const r = this.r;
    if (typeof st !== 'string') {
      const pool = st.n.includes('$') ? INTERS.filter((x) => !x.includes('{N} $')) : INTERS;
      this.say(this.fill(r.pick(pool), null, { N: st.n, X: st.x }).text);
      return;
    }
    if (st.startsWith('\\[')) {
      this.doc.put({ t: st });
      this.doc.br();
      return;
    }
    let con = NO_CONNECTOR.test(st) ? '' : r.pick(this.think ? THINK_CONNECTORS : CONNECTORS);
    if (/^first/i.test(con) && !first) con = '';
    this.say(cap(con + st));
    if (r.chance(0.35)) this.doc.br();
  }
  steps(sts: Step[], opts: { mid?: string; tried?: string | null; numbered?: boolean; plainFirst?: boolean } = {}): void {
    const r = this.r;
    let num = 0;
    const midAt = opts.mid ? r.int(1, Math.max(1, sts.length - 1)) : -1;
    const triedAt = opts.tried ? r.int(1, 2) : -1;
    sts.forEach((st, i) => {
      if (i === triedAt && opts.tried) this.say(cap(opts.tried));
      if (i === midAt && opts.mid) {
        const h = r.pick(MIDS);
        this.say(`${h} ${/[.?]$/.test(h) ? cap(opts.mid) : opts.mid}`);
      }
      if (opts.numbered && typeof st === 'string' && !st.startsWith('\\[')) {
        this.doc.br();
        this.say(`**Step ${++num}.** ${cap(st)}`);
      } else if (i === 0 && opts.plainFirst && typeof st === 'string' && !st.startsWith('\\[')) this.say(cap(st));
      else this.step(st, i === 0);
    });
  }
  check(sts: Step[]): void {
    const intro = this.fill(this.r.pick(CHECKS), null).text;
    const [h, ...rest] = sts;
    if (intro.endsWith(',') && typeof h === 'string' && !h.startsWith('\\[')) this.say(`${intro} ${h}`);
    else {
      this.say(intro);
      if (typeof h === 'string' && !h.startsWith('\\[')) this.say(cap(h));
      else this.step(h);
    }
    this.steps(rest);
  }
  sub(): void {
    this.doc.br();
    const s = this.t.sub;
    this.say(this.fill(this.r.pick(SUBCHECKS), null, { S: s }).text);
  }
}

type Scenario = 'clean' | 'echo' | 'correct' | 'wrongfinal' | 'flip' | 'trunc';

function compose(
  r: Rng,
  t: TaskInst,
  sc: Scenario,
  think: boolean,
): { body: string; cands: PhrasingCandidate[]; final: string | null; truncated: boolean } {
  const c = new Composer(r, t, think);
  const d = c.doc;
  const open = think ? THINK_OPENINGS : OPENINGS;
  c.say(c.fill(r.pick(open), null).text);
  if (r.chance(0.6)) c.say(t.given);
  d.br();
  const numbered = !think && r.chance(0.2);
  const concl = think ? (r.chance(0.7) ? THINK_CONCLS : CONCLS) : CONCLS;
  const wrongFirst = sc === 'correct' || sc === 'wrongfinal';
  const main = wrongFirst ? t.wsteps : t.steps;
  const mid = r.chance(0.5) ? (wrongFirst ? t.midN : r.pick([t.mid, t.mid, t.midN])) : undefined;
  const tried = r.chance(0.4) ? t.tried : null;

  if (sc === 'trunc') {
    c.steps(t.steps, { mid, tried, numbered });
    const { body } = d.render();
    // cut inside the last third of the derivation, mid-sentence
    const lo = Math.floor(body.length * 0.55);
    let cut = r.int(lo, body.length - 2);
    while (cut > lo && body[cut] !== ' ') cut--;
    let cutBody = body.slice(0, cut).trimEnd();
    if (/[.:]$/.test(cutBody)) cutBody = cutBody.slice(0, -1);
    if (think) cutBody = `${THINK_TAGS[0][0]}\n${cutBody}`;
    return { body: cutBody, cands: [], final: null, truncated: true };
  }

  c.steps(main, { mid, tried, numbered });
  if (!numbered && r.chance(0.3)) d.br();
  const first = wrongFirst ? t.W : t.R;
  c.cand(concl, first);
  let last: Variant = first;

  const maybeConfirmRestate = (v: Variant, pConf: number, pRest: number) => {
    if (r.chance(pConf)) c.say(r.pick(CONFIRMS));
    if (r.chance(pRest)) c.restate(v);
  };

  if (sc === 'clean') {
    maybeConfirmRestate(first, 0.4, think ? 0.2 : 0.5);
    if (r.chance(0.35)) {
      c.sub();
      if (r.chance(0.5)) c.say(r.pick(CONFIRMS));
    }
  } else if (sc === 'echo') {
    maybeConfirmRestate(first, 0.2, think ? 0.1 : 0.3);
    if (r.chance(0.25)) c.sub();
    d.br();
    c.check(t.alt);
    c.cand(ECHOS, t.R, true);
    last = t.R;
    maybeConfirmRestate(t.R, 0.3, think ? 0.1 : 0.4);
  } else if (sc === 'correct') {
    if (r.chance(0.3)) c.restate(first);
    d.br();
    c.say(r.pick(WAITS));
    c.steps(t.fix, { plainFirst: true });
    c.cand(FIXCONCLS, t.R);
    last = t.R;
    maybeConfirmRestate(t.R, 0.3, think ? 0.2 : 0.5);
    if (r.chance(0.4)) {
      d.br();
      c.check(t.alt);
      c.cand(ECHOS, t.R, true);
      if (r.chance(0.3)) c.say(r.pick(CONFIRMS));
    }
  } else if (sc === 'wrongfinal') {
    if (r.chance(0.5)) {
      d.br();
      c.say(r.pick(SHALLOW));
      if (r.chance(0.5)) {
        c.sub();
      }
      c.say(r.pick(CONFIRMS));
    } else if (r.chance(0.6)) c.say(r.pick(CONFIRMS));
    if (r.chance(0.5)) c.restate(first);
  } else if (sc === 'flip') {
    const F = t.F as Variant;
    const flip = t.flip as Step[];
    maybeConfirmRestate(first, 0.3, 0.3);
    d.br();
    c.say(r.pick(WAITS));
    c.steps(flip, { plainFirst: true });
    c.cand(FIXCONCLS, F);
    last = F;
    maybeConfirmRestate(F, 0.3, think ? 0.2 : 0.4);
  }

  const { body, cands } = d.render();
  if (!think) return { body, cands, final: last.v, truncated: false };
  const [o, cl] = r.pick(THINK_TAGS);
  const which = last === t.W ? 'W' : last === t.F ? 'F' : 'R';
  const recap = t.recap[which];
  const sumPool = t.qn.includes('$') ? SUMMARIES.filter((x) => !x.includes('{qn} $')) : SUMMARIES;
  const sum = c.fill(r.pick(sumPool), { ...last, pre: [''] }, { recap }).text;
  const head = `${o}\n`;
  return {
    body: `${head}${body}\n${cl}\n\n${sum}`,
    cands: cands.map((x) => ({ value: x.value, offset: x.offset + head.length })),
    final: last.v,
    truncated: false,
  };
}

// ---------------------------------------------------------------- generate

type Maker = (r: Rng, F: FracFn) => TaskInst | null;
const MAKERS: Maker[] = [
  tDice,
  tCoins,
  tUrn,
  (r) => tTriArea(r),
  (r) => tRightTri(r),
  (r) => tSeries(r),
  (r) => tPowMod(r),
  (r) => tRealRoots(r),
  tTelescope,
  (r) => tSurd(r),
  tRecip,
];

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const r = new Rng(hashSeed(seed, `latex-olympiad/${split}`));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const F = fracMaker(r.chance(0.3) ? '\\dfrac' : '\\frac');
    let t: TaskInst | null = null;
    const mk = MAKERS[i % MAKERS.length === 0 ? r.int(0, MAKERS.length - 1) : r.int(0, MAKERS.length - 1)];
    for (let tries = 0; !t && tries < 200; tries++) t = mk(r, F);
    if (!t) for (let tries = 0; !t; tries++) t = tDice(r, F);
    const x = r.next();
    let sc: Scenario =
      x < 0.36 ? 'clean' : x < 0.57 ? 'echo' : x < 0.79 ? 'correct' : x < 0.87 ? 'wrongfinal' : x < 0.94 ? 'flip' : 'trunc';
    if (sc === 'flip' && !t.flip) sc = 'wrongfinal';
    const think = r.chance(0.3);
    const res = compose(r, t, sc, think);
    const headers: Record<string, string> = { query: t.query, answer: t.answer, task: t.task };
    if (res.truncated) headers.truncated = 'true';
    out.push({
      id: `latex-olympiad-${split}-${seed}-${i + 1}`,
      headers,
      body: res.body,
      candidates: res.cands,
      final: res.final,
    });
  }
  return out;
}
