// Phrasing family "code-assisted": a model that reasons partly with small Python snippets in fenced
// code blocks and their printed outputs ("Output: 4186", ">>> 23 * 182" then "4186"), mixed with
// prose, on arithmetic, counting, sequence, probability and modular-arithmetic questions. It ends
// with a plain-text conclusion ("So the answer is 4186."). No thinking block: `final` is the value
// of the last candidate.
//
// Labelling rules applied (docs/annotation-guide.md):
// - A printed output is a candidate when it is the value of the ASKED quantity (the snippet
//   computes the quantity itself and prints it bare, or prints it as the last line) and the model
//   takes it as its result: the prose after it adopts it ("So the product is 4,186.") or moves on
//   (to a check, to another method, to its conclusion). This is the guide's "result line of a
//   computation of the asked quantity itself when the model treats it as its result". The prose
//   sentence restating it right after, with no new work in between, is a restatement and merges
//   into it: the candidate is the printed value (the first statement that concludes it).
// - An output the model rejects at once without ever adopting it ("0? That can't be right: the
//   loop starts at n = 0") is not a candidate: it is never the model's current conclusion.
// - Outputs of intermediate quantities (partial products, the last term of a series, a list of
//   powers, a table of tested exponents, the number of outcomes) are never candidates; neither are
//   code lines, numbers quoted from the question, or a rough estimate made before computing.
//   When the snippet prints intermediates and the prose finishes the computation ("So the count
//   is 333 + 200 - 66 = 467."), the candidate is the value at the end of that prose line.
// - A second snippet (or a hand computation) that recomputes the asked quantity by another route
//   and ends in the same value is a new candidate (an echo), at its printed value (or at the value
//   that ends the hand computation). A hand check that plugs the answer back in and then states it
//   ("... so 37 really is the inverse of 9") is also an echo, at the final statement.
// - "Both agree.", "Yes, 4186 again.", "So the answer is 4186." after that: restatements, merge.
// - A buggy run the model accepts ("So the answer is 4185.") is a candidate (a wrong one); the
//   rerun after the fix is the next candidate. A wrong "fix" after a right answer (a misreading of
//   the question) is a candidate too, and the response may end on it.
// - Sanity snippets for sub-steps are placed before the answer is computed, so that no sub-step
//   check sits between an answer and its restatement.

import type { PhrasingRecord as SharedRecord } from '../families/types.js';

export interface PhrasingCandidate {
  value: string; // the value as written in the body
  offset: number; // index in body of the first character of the value
}

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>; // at least query, answer (ground truth); optionally task
  body: string; // the model response; no line may start with "==="
  candidates: PhrasingCandidate[]; // gold candidate answers in order
  final: string | null; // the value the response ends on
}

export type PhrasingSplit = 'dev' | 'heldout';

const _c: (r: PhrasingRecord) => SharedRecord = (r) => r;
void _c;

export const family = 'code-assisted';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

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
  private readonly f: () => number;
  constructor(seed: number) {
    this.f = mulberry32(seed);
  }
  next(): number {
    return this.f();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.f() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from empty list');
    return xs[Math.floor(this.f() * xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Number helpers

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

function modpow(a: number, e: number, m: number): number {
  let r = 1 % m;
  let b = a % m;
  while (e > 0) {
    if (e & 1) r = (r * b) % m;
    b = (b * b) % m;
    e = Math.floor(e / 2);
  }
  return r;
}

/** Inverse of a modulo m (gcd(a, m) = 1), by the extended Euclidean algorithm. */
function modinv(a: number, m: number): number {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1, 0];
  while (r1) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

function comb(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
function perm(n: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r *= n - i;
  return r;
}
function fact(n: number): number {
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

/** Python's str(Fraction(n, d)). */
function fracStr(n: number, d: number): string {
  const g = gcd(n, d) || 1;
  const nn = n / g;
  const dd = d / g;
  return dd === 1 ? String(nn) : `${nn}/${dd}`;
}

/** Python's repr of a float. */
function pyFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

function withCommas(s: string): string {
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Loose value equality, like the self-check's normalisation. */
function same(a: string, b: string): boolean {
  const n = (v: string) => {
    const s = v.replace(/,/g, '').replace(/\s/g, '');
    return /^-?\d+(\.\d+)?$/.test(s) ? String(Number(s)) : s;
  };
  return n(a) === n(b);
}

// ---------------------------------------------------------------------------------------------
// Problems

interface Code {
  lines: string[];
  out: string; // what it prints
  val: string; // the value of the asked quantity as printed (the end of `out`); '' if none
  repl?: string[]; // the same computation as REPL input lines (the last one evaluates to val)
}

interface Bug {
  code: Code;
  explain: string[]; // what is wrong with the code (sentence variants)
  obvious: boolean; // the output is absurd on its face
  why?: string; // a clause saying why the output is absurd (for obvious bugs)
}

interface Problem {
  task: string;
  query: string;
  answer: string; // ground truth
  Q: string; // the asked quantity as a noun phrase
  U: string; // unit suffix for prose (" km/h") or ''
  main: Code;
  alts: { code: Code; how: string[] }[];
  bugs: Bug[];
  inter?: { code: Code; expr?: string; say?: string[] };
  manualDerive?: string[]; // hand computation ending in {V}
  manualVerify?: string[]; // plug-back check; candidate at {V!}
  misread?: { code: Code; reason: string[] };
  estimate?: string[];
  pre?: { code: Code; note: string[] };
}

type Fmt = (n: number | bigint | string) => string;

function code(lines: string[], out: string, val = out, repl?: string[]): Code {
  if (val && !out.endsWith(val)) throw new Error(`output ${out} does not end with ${val}`);
  return repl ? { lines, out, val, repl } : { lines, out, val };
}

function product(r: Rng, F: Fmt): Problem {
  let a = 0;
  let b = 0;
  let bT = 0;
  for (;;) {
    a = r.int(112, 987);
    b = r.int(1203, 9876);
    const s = String(b);
    bT = Number(s.slice(0, 2) + s.charAt(3) + s.charAt(2));
    if (s.charAt(2) !== s.charAt(3) && b % 100 >= 10) break;
  }
  const truth = a * b;
  const bRound = b - (b % 100);
  const bRest = b % 100;
  const fb = r.chance(0.5) ? withCommas(String(b)) : String(b);
  const query = r.pick([
    `What is ${a} × ${fb}?`,
    `Compute ${a} * ${b}.`,
    `Find the product of ${a} and ${fb}.`,
    `Calculate ${a} × ${b}.`,
    `Multiply ${a} by ${fb}. What do you get?`,
  ]);
  const lo = Math.round(a / 10) * 10;
  const hi = Math.round(b / 100) * 100;
  return {
    task: 'multiplication',
    query,
    answer: String(truth),
    Q: 'the product',
    U: '',
    main: code([`print(${a} * ${b})`], String(truth), String(truth), [`${a} * ${b}`]),
    alts: [
      {
        code: code([`x = ${a} * ${bRound} + ${a} * ${bRest}`, `print(x)`], String(truth)),
        how: [`by splitting ${F(b)} as ${F(bRound)} + ${bRest}`, `with the distributive split ${F(bRound)} + ${bRest}`],
      },
      {
        code: code(
          [`total = 0`, `for place, digit in enumerate(reversed("${b}")):`, `    total += ${a} * int(digit) * 10**place`, `print(total)`],
          String(truth),
        ),
        how: ['digit by digit, the way long multiplication works', 'with a long-multiplication loop'],
      },
    ],
    bugs: [
      {
        code: code([`print(${a} * ${bT})`], String(a * bT), String(a * bT), [`${a} * ${bT}`]),
        explain: [
          `I typed ${bT} instead of ${b}: the last two digits got swapped.`,
          `The second factor in the code is ${bT}, but the question has ${fb}. I transposed two digits.`,
          `I mistyped the second number as ${bT}; it should be ${b}.`,
        ],
        obvious: false,
      },
      {
        code: code([`print(${a} + ${b})`], String(a + b), String(a + b), [`${a} + ${b}`]),
        explain: [
          `I wrote + instead of *.`,
          `That's ${a} + ${b}: wrong operator.`,
          `The code adds the numbers instead of multiplying them.`,
        ],
        obvious: true,
        why: `a product of a three-digit and a four-digit number has at least six digits.`,
      },
    ],
    inter: {
      code: code([`print(${a} * ${bRound}, ${a} * ${bRest})`], `${a * bRound} ${a * bRest}`, ''),
      expr: `${F(a * bRound)} + ${F(a * bRest)}`,
    },
    manualDerive: [
      `${a} × ${F(bRound)} = ${F(a * bRound)} and ${a} × ${bRest} = ${F(a * bRest)}, so the total is ${F(a * bRound)} + ${F(a * bRest)} = {V}.`,
      `Split ${F(b)} = ${F(bRound)} + ${bRest}: ${a} × ${F(bRound)} = ${F(a * bRound)}, ${a} × ${bRest} = ${F(a * bRest)}, and the sum is {V}.`,
    ],
    estimate: [`Roughly ${lo} × ${F(hi)} ≈ ${F(lo * hi)}, so I expect something near that.`, `Ballpark: ${lo} × ${F(hi)} ≈ ${F(lo * hi)}.`],
  };
}

function arithSeries(r: Rng, _F: Fmt): Problem {
  const a = r.int(3, 40);
  const d = r.int(2, 13);
  const n = r.int(15, 80);
  const truth = (n * (2 * a + (n - 1) * d)) / 2;
  const last = a + (n - 1) * d;
  const first5 = [0, 1, 2, 3, 4].map((k) => a + d * k);
  const query = r.pick([
    `What is the sum of the first ${n} terms of the arithmetic sequence ${a}, ${a + d}, ${a + 2 * d}, ...?`,
    `Find the sum of the first ${n} terms of the arithmetic progression with first term ${a} and common difference ${d}.`,
    `An arithmetic sequence starts ${a}, ${a + d}, ${a + 2 * d}. What is the sum of its first ${n} terms?`,
  ]);
  const gen = (rg: string) => `sum(${a} + ${d}*k for k in ${rg})`;
  return {
    task: 'arithmetic series',
    query,
    answer: String(truth),
    Q: 'the sum',
    U: '',
    main: code([`print(${gen(`range(${n})`)})`], String(truth), String(truth), [gen(`range(${n})`)]),
    alts: [
      {
        code: code([`n, first = ${n}, ${a}`, `last = first + (n - 1) * ${d}`, `print(n * (first + last) // 2)`], String(truth)),
        how: ['with the formula n(first + last)/2', 'using the closed form for an arithmetic series'],
      },
      {
        code: code(
          [`total, term = 0, ${a}`, `for _ in range(${n}):`, `    total += term`, `    term += ${d}`, `print(total)`],
          String(truth),
        ),
        how: ['with an explicit running total', 'by adding the terms one at a time in a loop'],
      },
    ],
    bugs: [
      {
        code: code([`print(${gen(`range(1, ${n})`)})`], String(truth - a), String(truth - a), [gen(`range(1, ${n})`)]),
        explain: [
          `\`range(1, ${n})\` starts at k = 1, so the first term ${a} is never added and there are only ${n - 1} terms.`,
          `With \`range(1, ${n})\` the k = 0 term, ${a}, is missing: that's ${n - 1} terms, not ${n}.`,
        ],
        obvious: false,
      },
      {
        code: code([`print(${gen(`range(${n} + 1)`)})`], String(truth + a + n * d), String(truth + a + n * d), [gen(`range(${n} + 1)`)]),
        explain: [
          `\`range(${n} + 1)\` gives ${n + 1} values of k, one term too many.`,
          `That sums k = 0 through ${n}, which is ${n + 1} terms.`,
        ],
        obvious: false,
      },
    ],
    inter: {
      code: code([`last = ${a} + (${n} - 1) * ${d}`, `print(last)`], String(last), ''),
      expr: `${n} × (${a} + ${last}) / 2`,
    },
    manualDerive: [
      `The last term is ${a} + ${n - 1} × ${d} = ${last}, so the sum is ${n} × (${a} + ${last}) / 2 = ${n} × ${a + last} / 2 = {V}.`,
      `Using n(a₁ + aₙ)/2: aₙ = ${a} + ${n - 1}·${d} = ${last}, and ${n}·${a + last}/2 = {V}.`,
    ],
    misread: {
      code: code([`print(${gen(`range(1, ${n} + 1)`)})`], String(truth + n * d)),
      reason: [
        `If the terms are numbered from 1, the k-th term is ${a} + ${d}k, so I should sum k from 1 to ${n}.`,
        `Maybe I have the indexing off: with k running from 1 to ${n} the terms are ${a} + ${d}k, so let me sum over \`range(1, ${n} + 1)\`.`,
      ],
    },
    pre: {
      code: code([`print([${a} + ${d}*k for k in range(5)])`], `[${first5.join(', ')}]`, ''),
      note: [`The terms start ${first5.slice(0, 3).join(', ')}, as they should.`, `Good, those are the first terms of the sequence.`],
    },
  };
}

function recurrence(r: Rng, F: Fmt): Problem {
  const c = r.chance(0.6) ? 1 : 2;
  const n = c === 1 ? r.int(12, 30) : r.int(8, 15);
  const p = r.int(1, 9);
  const q = r.int(2, 12);
  const T: number[] = [0, p, q];
  for (let k = 3; k <= n + 2; k++) T.push(c * (T[k - 1] as number) + (T[k - 2] as number));
  const t = (k: number) => T[k] as number;
  const rule = c === 1 ? 'a_n = a_{n-1} + a_{n-2}' : 'a_n = 2a_{n-1} + a_{n-2}';
  const step = c === 1 ? 'a, b = b, a + b' : 'a, b = b, 2*b + a';
  const stepL = c === 1 ? 'seq.append(seq[-1] + seq[-2])' : 'seq.append(2*seq[-1] + seq[-2])';
  const loop = (cnt: string, pr: string) => [`a, b = ${p}, ${q}`, `for _ in range(${cnt}):`, `    ${step}`, `print(${pr})`];
  const query = r.pick([
    `A sequence has a_1 = ${p}, a_2 = ${q}, and ${rule} for n ≥ 3. What is a_${n}?`,
    `Let a_1 = ${p}, a_2 = ${q} and ${rule} (n ≥ 3). Find a_${n}.`,
    `The sequence (a_n) satisfies a_1 = ${p}, a_2 = ${q}, ${rule}. Compute a_${n}.`,
  ]);
  const first6 = T.slice(1, 7);
  return {
    task: 'recurrence',
    query,
    answer: String(t(n)),
    Q: `a_${n}`,
    U: '',
    main: code(loop(`${n} - 2`, 'b'), String(t(n))),
    alts: [
      {
        code: code([`seq = [${p}, ${q}]`, `while len(seq) < ${n}:`, `    ${stepL}`, `print(seq[${n} - 1])`], String(t(n))),
        how: ['by building the whole list of terms', 'with an explicit list instead of two variables'],
      },
      {
        code: code(
          [
            `from functools import lru_cache`,
            `@lru_cache(None)`,
            `def a(k):`,
            `    if k <= 2:`,
            `        return ${p} if k == 1 else ${q}`,
            c === 1 ? `    return a(k - 1) + a(k - 2)` : `    return 2 * a(k - 1) + a(k - 2)`,
            `print(a(${n}))`,
          ],
          String(t(n)),
        ),
        how: ['with a memoized recursive definition', 'straight from the recurrence, recursively'],
      },
    ],
    bugs: [
      {
        code: code(loop(`${n} - 1`, 'b'), String(t(n + 1))),
        explain: [
          `Starting from a_1 and a_2, only ${n - 2} updates are needed to reach a_${n}; \`range(${n} - 1)\` does ${n - 1}, so that was a_${n + 1}.`,
          `The loop runs one time too many: after k updates b is a_{k+2}, so I printed a_${n + 1}.`,
        ],
        obvious: false,
      },
      {
        code: code(loop(`${n} - 2`, 'a'), String(t(n - 1))),
        explain: [
          `I printed \`a\`, which after the loop holds a_${n - 1}; the newest term is in \`b\`.`,
          `After the last update \`b\` is a_${n} and \`a\` is the one before it, and I printed \`a\`.`,
        ],
        obvious: false,
      },
    ],
    inter: {
      code: code(
        [`seq = [${p}, ${q}]`, `while len(seq) < ${n - 1}:`, `    ${stepL}`, `print(seq[-2], seq[-1])`],
        `${t(n - 2)} ${t(n - 1)}`,
        '',
      ),
      expr: c === 1 ? `${F(t(n - 1))} + ${F(t(n - 2))}` : `2 × ${F(t(n - 1))} + ${F(t(n - 2))}`,
    },
    misread: {
      code: code(loop(`${n} - 1`, 'b'), String(t(n + 1))),
      reason: [
        `\`range\` excludes its endpoint, so I think the loop stops one step early. Let me use \`range(${n} - 1)\` instead.`,
        `I need ${n} terms and there are ${n - 1} gaps between them, so the loop should run ${n - 1} times, not ${n - 2}.`,
      ],
    },
    pre: {
      code: code([`seq = [${p}, ${q}]`, `for _ in range(4):`, `    ${stepL}`, `print(seq)`], `[${first6.join(', ')}]`, ''),
      note: [`Those first terms follow the rule, so the update is right.`, `The first six terms check out against the recurrence.`],
    },
  };
}

function divisibleCount(r: Rng, F: Fmt): Problem {
  let a = 0;
  let b = 0;
  do {
    a = r.int(3, 12);
    b = r.int(4, 16);
  } while (a >= b || b % a === 0);
  const l = lcm(a, b);
  let N = 0;
  do N = r.int(20, 400) * a;
  while (N < 200 || N > 5000 || N < l);
  const x = Math.floor(N / a);
  const y = Math.floor(N / b);
  const z = Math.floor(N / l);
  const truth = x + y - z;
  const qi = r.int(0, 2);
  const fN = r.chance(0.5) ? withCommas(String(N)) : String(N);
  const query = [
    `How many integers from 1 to ${fN} inclusive are divisible by ${a} or ${b}?`,
    `How many positive integers n ≤ ${fN} are multiples of ${a} or of ${b}?`,
    `Count the integers in [1, ${N}] that are divisible by at least one of ${a} and ${b}.`,
  ][qi] as string;
  const brute = (rg: string, cond: string) => `sum(1 for k in ${rg} if ${cond})`;
  const orC = `k % ${a} == 0 or k % ${b} == 0`;
  const p: Problem = {
    task: 'counting',
    query,
    answer: String(truth),
    Q: 'the count',
    U: '',
    main: code([`print(${brute(`range(1, ${N} + 1)`, orC)})`], String(truth), String(truth), [brute(`range(1, ${N} + 1)`, orC)]),
    alts: [
      {
        code: code([`import math`, `l = math.lcm(${a}, ${b})`, `print(${N} // ${a} + ${N} // ${b} - ${N} // l)`], String(truth)),
        how: ['by inclusion–exclusion', 'with the inclusion–exclusion formula'],
      },
      {
        code: code([`s = set(range(${a}, ${N} + 1, ${a})) | set(range(${b}, ${N} + 1, ${b}))`, `print(len(s))`], String(truth)),
        how: ['as the size of a union of two sets of multiples', 'with a set union'],
      },
    ],
    bugs: [
      {
        code: code([`print(${brute(`range(1, ${N})`, orC)})`], String(truth - 1), String(truth - 1), [brute(`range(1, ${N})`, orC)]),
        explain: [
          `\`range(1, ${N})\` stops at ${N - 1}, so ${N} itself, a multiple of ${a}, was left out.`,
          `The range excludes ${N}, and ${N} = ${a} × ${N / a} should be counted.`,
        ],
        obvious: false,
      },
      {
        code: code([`print(${N} // ${a} + ${N} // ${b})`], String(x + y)),
        explain: [
          `I forgot that multiples of ${l} are counted twice, once with ${a} and once with ${b}.`,
          `That double-counts the numbers divisible by both, i.e. the multiples of lcm(${a}, ${b}) = ${l}.`,
        ],
        obvious: false,
      },
      {
        code: code([`print(${brute(`range(1, ${N} + 1)`, `k % ${a} == 0 and k % ${b} == 0`)})`], String(z)),
        explain: [
          `I wrote \`and\`, which counts numbers divisible by both; the question says "or".`,
          `The condition should use \`or\`, not \`and\`.`,
        ],
        obvious: true,
        why: `there are already ${x} multiples of ${a} alone up to ${F(N)}.`,
      },
    ],
    inter: {
      code: code([`print(${N} // ${a}, ${N} // ${b}, ${N} // ${l})`], `${x} ${y} ${z}`, ''),
      expr: `${F(x)} + ${F(y)} − ${F(z)}`,
    },
    manualDerive: [
      `There are ⌊${N}/${a}⌋ = ${x} multiples of ${a} and ⌊${N}/${b}⌋ = ${y} multiples of ${b}; the ${z} multiples of lcm(${a}, ${b}) = ${l} are counted twice, so ${x} + ${y} − ${z} = {V}.`,
      `Multiples of ${a}: ${x}. Multiples of ${b}: ${y}. Multiples of both (of ${l}): ${z}. Inclusion–exclusion gives ${x} + ${y} − ${z} = {V}.`,
    ],
    pre: {
      code: code([`import math`, `print(math.lcm(${a}, ${b}))`], String(l), ''),
      note: [`So the overlap is the multiples of ${l}.`, `lcm is ${l}; the brute force will handle the overlap anyway.`],
    },
  };
  if (qi !== 2)
    p.misread = {
      code: code([`print(${brute(`range(1, ${N} + 1)`, `(k % ${a} == 0) != (k % ${b} == 0)`)})`], String(truth - z)),
      reason: [
        `Does "divisible by ${a} or ${b}" mean exactly one of them? Then the numbers divisible by both shouldn't count.`,
        `Re-reading: I think "or" here is exclusive, so multiples of ${l} should be dropped.`,
      ],
    };
  return p;
}

function modPower(r: Rng): Problem {
  const m = r.pick([7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 9, 25, 100, 1000]);
  let a = 0;
  do a = r.int(2, 30);
  while (a % m === 0);
  const e = r.int(40, 2500);
  const truth = modpow(a, e, m);
  const query = r.pick([
    `What is the remainder when ${a}^${e} is divided by ${m}?`,
    `Compute ${a}^${e} mod ${m}.`,
    `Find ${a}^${e} modulo ${m}.`,
  ]);
  const xor = a ^ (e % m);
  const red = modpow(a, e % m, m);
  const bugs: Bug[] = [];
  if (xor !== truth)
    bugs.push({
      code: code([`print(${a} ^ ${e} % ${m})`], String(xor), String(xor), [`${a} ^ ${e} % ${m}`]),
      explain: [
        `\`^\` in Python is bitwise XOR, not a power; I need \`pow\` (or \`**\`).`,
        `I used \`^\`, which is XOR in Python. Exponentiation is \`**\`, or better \`pow\` with a modulus.`,
      ],
      obvious: xor >= m,
      why: `a remainder modulo ${m} has to be between 0 and ${m - 1}.`,
    });
  if (red !== truth)
    bugs.push({
      code: code([`# reduce the exponent first`, `print(pow(${a}, ${e} % ${m}, ${m}))`], String(red)),
      explain: [
        `Reducing the exponent mod ${m} isn't valid: exponents only reduce modulo the period of the powers, not modulo ${m}.`,
        `I reduced ${e} modulo ${m}, but the exponent can't be reduced mod the modulus like that.`,
      ],
      obvious: false,
    });
  const p: Problem = {
    task: 'modular exponentiation',
    query,
    answer: String(truth),
    Q: 'the remainder',
    U: '',
    main: code([`print(pow(${a}, ${e}, ${m}))`], String(truth), String(truth), [`pow(${a}, ${e}, ${m})`]),
    alts: [
      {
        code: code([`r = 1`, `for _ in range(${e}):`, `    r = r * ${a} % ${m}`, `print(r)`], String(truth)),
        how: ['with a plain multiply-and-reduce loop', 'without pow, by repeated multiplication'],
      },
      {
        code: code([`print(${a}**${e} % ${m})`], String(truth), String(truth), [`${a}**${e} % ${m}`]),
        how: ['with exact big-integer arithmetic', 'by computing the full power and reducing once'],
      },
    ],
    bugs,
  };
  if (gcd(a, m) === 1) {
    let L = 1;
    while (modpow(a, L, m) !== 1) L++;
    if (L <= 16 && L < e) {
      const pw = Array.from({ length: L }, (_, i) => modpow(a, i + 1, m));
      const rem = e % L;
      const qq = Math.floor(e / L);
      p.inter = {
        code: code([`print([pow(${a}, k, ${m}) for k in range(1, ${L} + 1)])`], `[${pw.join(', ')}]`, ''),
        say:
          rem === 0
            ? [
                `The powers repeat with period ${L}, and ${e} = ${L} × ${qq} is a multiple of ${L}, so ${a}^${e} ≡ ${a}^${L} ≡ {V} (mod ${m}).`,
                `Period ${L}; since ${L} divides ${e}, the remainder is the last entry of the cycle, {V}.`,
              ]
            : [
                `The powers repeat with period ${L}, and ${e} = ${L} × ${qq} + ${rem}, so ${a}^${e} ≡ ${a}^${rem} ≡ {V} (mod ${m}).`,
                `The cycle has length ${L}. ${e} mod ${L} = ${rem}, so the remainder is entry ${rem} of the cycle: {V}.`,
              ],
      };
    }
  }
  return p;
}

function modInverse(r: Rng, F: Fmt): Problem {
  const P = r.pick([
    29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157,
  ]);
  let a = 0;
  let truth = 0;
  do {
    a = r.int(3, P - 2);
    truth = modinv(a, P);
    if (modpow(a, P - 2, P) !== truth) throw new Error('inverse');
  } while (truth === a);
  const prod = a * truth;
  const k = (prod - 1) / P;
  const query = r.pick([
    `Find the inverse of ${a} modulo ${P}, as an integer between 0 and ${P - 1}.`,
    `What is ${a}^{-1} mod ${P}? Give the residue in {0, ..., ${P - 1}}.`,
    `Solve ${a}x ≡ 1 (mod ${P}) for 0 ≤ x < ${P}.`,
  ]);
  const swapped = modinv(P % a, a);
  const bugs: Bug[] = [
    {
      code: code([`print(pow(${a}, ${P} - 1, ${P}))`], '1', '1', [`pow(${a}, ${P} - 1, ${P})`]),
      explain: [
        `By Fermat, ${a}^(${P}−1) ≡ 1 always; the inverse is ${a}^(${P}−2), not ${a}^(${P}−1).`,
        `The exponent should be p − 2 = ${P - 2}: a^(p−1) is just 1.`,
      ],
      obvious: true,
      why: `${a} × 1 = ${a}, which is not 1 mod ${P}.`,
    },
  ];
  if (swapped !== truth && gcd(P, a) === 1 && a > 2)
    bugs.push({
      code: code([`print(pow(${P}, -1, ${a}))`], String(swapped), String(swapped), [`pow(${P}, -1, ${a})`]),
      explain: [
        `I swapped the arguments: that's the inverse of ${P} modulo ${a}.`,
        `The base and modulus are the wrong way round in that call.`,
      ],
      obvious: false,
    });
  return {
    task: 'modular inverse',
    query,
    answer: String(truth),
    Q: 'the inverse',
    U: '',
    main: code([`print(pow(${a}, -1, ${P}))`], String(truth), String(truth), [`pow(${a}, -1, ${P})`]),
    alts: [
      {
        code: code([`print(next(x for x in range(1, ${P}) if ${a} * x % ${P} == 1))`], String(truth)),
        how: ['by brute-force search', 'by trying every residue'],
      },
      {
        code: code([`print(pow(${a}, ${P} - 2, ${P}))`], String(truth), String(truth), [`pow(${a}, ${P} - 2, ${P})`]),
        how: [`with Fermat's little theorem, a^(p−2)`, `via Fermat: ${a}^${P - 2} mod ${P}`],
      },
    ],
    bugs,
    manualVerify: [
      `${a} × {V} = ${F(prod)} = ${k} × ${P} + 1, so ${a} · {V} ≡ 1 (mod ${P}) and the inverse is {V!}.`,
      `Check: ${a} · {V} = ${F(prod)}, and ${F(prod)} − 1 = ${F(prod - 1)} = ${P} × ${k}. So {V!} really is the inverse of ${a}.`,
    ],
  };
}

function dice(r: Rng): Problem {
  const k = r.chance(0.65) ? 2 : 3;
  const s = k === 2 ? r.int(3, 11) : r.int(5, 16);
  const total = 6 ** k;
  const tuples = (faces: number[]): number[][] => {
    let acc: number[][] = [[]];
    for (let i = 0; i < k; i++) acc = acc.flatMap((t) => faces.map((f) => [...t, f]));
    return acc;
  };
  const faces16 = [1, 2, 3, 4, 5, 6];
  const all = tuples(faces16);
  const cnt = all.filter((t) => t.reduce((x, y) => x + y, 0) === s).length;
  const truth = fracStr(cnt, total);
  const cnt0 = tuples([0, 1, 2, 3, 4, 5]).filter((t) => t.reduce((x, y) => x + y, 0) === s).length;
  const cntGe = all.filter((t) => t.reduce((x, y) => x + y, 0) >= s).length;
  const unordered = all.filter((t) => t.every((v, i) => i === 0 || (t[i - 1] as number) <= v));
  const cntU = unordered.filter((t) => t.reduce((x, y) => x + y, 0) === s).length;
  const words = k === 2 ? 'Two' : 'Three';
  const query = r.pick([
    `${words} fair six-sided dice are rolled. What is the probability that the sum is ${s}? Give the answer as a fraction.`,
    `If you roll ${k} fair dice, what is the probability that the total is exactly ${s}?`,
    `${words} standard dice are thrown. Find the probability that their sum equals ${s}, as a reduced fraction.`,
  ]);
  const head = [`from itertools import product`, `from fractions import Fraction`];
  const mk = (rg: string, cmp: string) => [
    ...head,
    `rolls = list(product(${rg}, repeat=${k}))`,
    `print(Fraction(sum(1 for r in rolls if sum(r) ${cmp} ${s}), len(rolls)))`,
  ];
  const bugs: Bug[] = [];
  const w0 = fracStr(cnt0, total);
  if (!same(w0, truth))
    bugs.push({
      code: code(mk('range(6)', '=='), w0),
      explain: [`\`range(6)\` gives faces 0 to 5, not 1 to 6.`, `The faces should be \`range(1, 7)\`; \`range(6)\` is 0 through 5.`],
      obvious: cnt0 === 0,
      why: `a sum of ${s} is clearly possible.`,
    });
  const wGe = fracStr(cntGe, total);
  if (!same(wGe, truth))
    bugs.push({
      code: code(mk('range(1, 7)', '>='), wGe),
      explain: [
        `I wrote \`>=\`, so that counts every sum of at least ${s}; it should be \`==\`.`,
        `The comparison should be \`== ${s}\`, not \`>= ${s}\`.`,
      ],
      obvious: false,
    });
  const loops =
    k === 2
      ? [
          `count = 0`,
          `for a in range(1, 7):`,
          `    for b in range(1, 7):`,
          `        if a + b == ${s}:`,
          `            count += 1`,
          `print(Fraction(count, 36))`,
        ]
      : [
          `count = 0`,
          `for a in range(1, 7):`,
          `    for b in range(1, 7):`,
          `        for c in range(1, 7):`,
          `            if a + b + c == ${s}:`,
          `                count += 1`,
          `print(Fraction(count, 216))`,
        ];
  const reducible = truth !== `${cnt}/${total}`;
  const p: Problem = {
    task: 'dice probability',
    query,
    answer: truth,
    Q: 'the probability',
    U: '',
    main: code(mk('range(1, 7)', '=='), truth),
    alts: [
      {
        code: code([`from fractions import Fraction`, ...loops], truth),
        how: ['with explicit nested loops', 'by counting the outcomes with plain loops'],
      },
    ],
    bugs,
    inter: {
      code: code(
        [
          ...head.slice(0, 1),
          `rolls = list(product(range(1, 7), repeat=${k}))`,
          `print(sum(1 for r in rolls if sum(r) == ${s}), len(rolls))`,
        ],
        `${cnt} ${total}`,
        '',
      ),
      say: reducible
        ? [`So the probability is ${cnt}/${total} = {V}.`, `${cnt} favourable outcomes out of ${total}, which reduces to {V}.`]
        : [`So the probability is {V}, already in lowest terms.`, `${cnt} favourable out of ${total}: the probability is {V}.`],
    },
    misread: {
      code: code(
        [
          `from itertools import combinations_with_replacement`,
          `from fractions import Fraction`,
          `outcomes = list(combinations_with_replacement(range(1, 7), ${k}))`,
          `print(Fraction(sum(1 for o in outcomes if sum(o) == ${s}), len(outcomes)))`,
        ],
        fracStr(cntU, unordered.length),
      ),
      reason: [
        `The dice are identical, so (1, 4) and (4, 1) are really the same outcome. I should count unordered outcomes.`,
        `Since the dice aren't labelled, maybe I should only count each combination of faces once.`,
      ],
    },
    pre: {
      code: code([`from itertools import product`, `print(len(list(product(range(1, 7), repeat=${k}))))`], String(total), ''),
      note: [`${total} equally likely outcomes, as expected.`, `Right, 6^${k} = ${total} outcomes.`],
    },
  };
  if (same(p.misread?.code.val ?? '', truth)) delete p.misread;
  if (k === 2) {
    const pairs = all.filter((t) => (t[0] as number) + (t[1] as number) === s).map((t) => `(${t[0]}, ${t[1]})`);
    p.manualDerive = reducible
      ? [
          `The pairs with sum ${s} are ${pairs.join(', ')}: ${cnt} of the 36 equally likely outcomes, so the probability is ${cnt}/36 = {V}.`,
          `Favourable outcomes: ${pairs.join(', ')}. That's ${cnt} out of 36, and ${cnt}/36 reduces to {V}.`,
        ]
      : [
          `The pairs with sum ${s} are ${pairs.join(', ')}: ${cnt} of the 36 equally likely outcomes, so the probability is {V}.`,
          `Favourable outcomes: ${pairs.join(', ')}. That's ${cnt} out of 36, a probability of {V}.`,
        ];
  }
  return p;
}

function committees(r: Rng, F: Fmt): Problem {
  const n = r.int(8, 30);
  const k = r.int(2, Math.min(6, n - 2));
  const truth = comb(n, k);
  const P = perm(n, k);
  const kf = fact(k);
  const qi = r.int(0, 2);
  const query = [
    `In how many ways can a committee of ${k} people be chosen from a group of ${n}?`,
    `How many ${k}-element subsets does a set with ${n} elements have?`,
    `A club has ${n} members. How many ways are there to pick ${k} of them to attend a conference?`,
  ][qi] as string;
  const top = Array.from({ length: k }, (_, i) => n - i).join(' × ');
  const p: Problem = {
    task: 'combinations',
    query,
    answer: String(truth),
    Q: qi === 1 ? 'the number of subsets' : 'the number of ways',
    U: '',
    main: code([`import math`, `print(math.comb(${n}, ${k}))`], String(truth), String(truth), [`import math`, `math.comb(${n}, ${k})`]),
    alts: [
      {
        code: code([`from math import factorial`, `print(factorial(${n}) // (factorial(${k}) * factorial(${n - k})))`], String(truth)),
        how: ['from the factorial formula', 'with n! / (k!(n−k)!)'],
      },
      {
        code: code([`from itertools import combinations`, `print(sum(1 for _ in combinations(range(${n}), ${k})))`], String(truth)),
        how: ['by enumerating all the selections', 'by brute-force enumeration'],
      },
    ],
    bugs: [
      {
        code: code([`import math`, `print(math.perm(${n}, ${k}))`], String(P), String(P), [`import math`, `math.perm(${n}, ${k})`]),
        explain: [
          `\`math.perm\` counts ordered selections; a selection of ${k} has no order, so I need \`math.comb\`.`,
          `That's the number of ordered arrangements: each group was counted ${kf} times.`,
        ],
        obvious: false,
      },
      {
        code: code([`import math`, `print(math.comb(${k}, ${n}))`], '0', '0', [`import math`, `math.comb(${k}, ${n})`]),
        explain: [
          `I swapped the arguments: \`math.comb(${k}, ${n})\` is 0 because ${k} < ${n}.`,
          `The arguments are in the wrong order; it's \`comb(n, k)\`.`,
        ],
        obvious: true,
        why: `there is obviously at least one way to choose ${k} of ${n}.`,
      },
    ],
    inter: {
      code: code([`import math`, `print(math.perm(${n}, ${k}), math.factorial(${k}))`], `${P} ${kf}`, ''),
      expr: `${F(P)} / ${kf}`,
    },
    manualDerive: [
      `C(${n}, ${k}) = (${top}) / ${k}! = ${F(P)} / ${kf} = {V}.`,
      `Choosing ${k} of ${n}: ${top} ordered choices, i.e. ${F(P)}, divided by ${k}! = ${kf} orderings gives {V}.`,
    ],
  };
  if (qi !== 1)
    p.misread = {
      code: code([`import math`, `print(math.perm(${n}, ${k}))`], String(P)),
      reason: [
        `Actually, maybe order matters here: if the ${k} places are distinct positions, each arrangement counts separately.`,
        `Hmm, are the ${k} chosen people distinguishable roles? If so it's an ordered selection, so permutations.`,
      ],
    };
  return p;
}

function digitSum(r: Rng, F: Fmt): Problem {
  const base = r.pick([2, 3, 5, 7, 11]);
  const range: Record<number, [number, number]> = { 2: [25, 90], 3: [15, 60], 5: [15, 50], 7: [12, 40], 11: [10, 30] };
  const [lo, hi] = range[base] as [number, number];
  const e = r.int(lo, hi);
  const big = (BigInt(base) ** BigInt(e)).toString();
  const digits = big.split('').map(Number);
  const truth = digits.reduce((x, y) => x + y, 0);
  const D = big.length;
  const small = String(base * e)
    .split('')
    .map(Number)
    .reduce((x, y) => x + y, 0);
  const query = r.pick([
    `What is the sum of the digits of ${base}^${e}?`,
    `Find the digit sum of ${base}^${e}.`,
    `Compute the sum of the decimal digits of ${base}^${e}.`,
  ]);
  const bugs: Bug[] = [
    {
      code: code([`print(sum(int(c) for c in str(${base}*${e})))`], String(small)),
      explain: [
        `I wrote \`${base}*${e}\` (multiplication) instead of \`${base}**${e}\`.`,
        `That's the digit sum of ${base} × ${e}, not of the power: I need \`**\`.`,
      ],
      obvious: true,
      why: `${base}^${e} has ${D} digits, so its digit sum can't be that small.`,
    },
  ];
  if (D !== truth)
    bugs.push({
      code: code([`print(len(str(${base}**${e})))`], String(D), String(D), [`len(str(${base}**${e}))`]),
      explain: [`\`len(str(...))\` counts the digits instead of adding them up.`, `That's the number of digits, not their sum.`],
      obvious: false,
    });
  return {
    task: 'digit sum',
    query,
    answer: String(truth),
    Q: 'the digit sum',
    U: '',
    main: code([`print(sum(int(c) for c in str(${base}**${e})))`], String(truth), String(truth), [
      `sum(int(c) for c in str(${base}**${e}))`,
    ]),
    alts: [
      {
        code: code([`x, s = ${base}**${e}, 0`, `while x:`, `    x, d = divmod(x, 10)`, `    s += d`, `print(s)`], String(truth)),
        how: ['with a divmod loop instead of string conversion', 'arithmetically, peeling off digits with divmod'],
      },
      {
        code: code([`print(sum(map(int, str(pow(${base}, ${e})))))`], String(truth), String(truth), [
          `sum(map(int, str(pow(${base}, ${e}))))`,
        ]),
        how: ['with map over the string', 'with a slightly different one-liner'],
      },
    ],
    bugs,
    inter: {
      code: code([`print(${base}**${e})`], big, ''),
      say: [`Adding its digits: ${digits.join(' + ')} = {V}.`, `Its digits add up to ${digits.join(' + ')} = {V}.`],
    },
    pre: {
      code: code([`print(len(str(${base}**${e})))`], String(D), ''),
      note: [`${D} digits, so the digit sum should be somewhere around ${F(Math.round(D * 4.5))}.`, `It has ${D} digits.`],
    },
  };
}

function avgSpeed(r: Rng): Problem {
  const car = r.chance(0.6);
  const speeds = car ? [40, 45, 48, 50, 54, 60, 64, 72, 75, 80, 90, 96, 100, 120] : [12, 15, 16, 18, 20, 24, 25, 30];
  let v1 = 0;
  let v2 = 0;
  let h1 = 0;
  let h2 = 0;
  for (;;) {
    v1 = r.pick(speeds);
    v2 = r.pick(speeds);
    h1 = r.int(1, 8);
    h2 = r.int(1, 8);
    if (v1 === v2 || h1 === h2) continue;
    const D2 = v1 * h1 + v2 * h2;
    if ((D2 * 100) % (h1 + h2) === 0) break;
  }
  const t1 = h1 / 2;
  const t2 = h2 / 2;
  const d1 = v1 * t1;
  const d2 = v2 * t2;
  const D = d1 + d2;
  const T = t1 + t2;
  const avg = (v1 * h1 + v2 * h2) / (h1 + h2);
  const who = car ? r.pick(['A car', 'A bus', 'A driver']) : r.pick(['A cyclist', 'A rider']);
  const verb = car ? 'drives' : 'rides';
  const query = r.pick([
    `${who} ${verb} ${d1} km at ${v1} km/h and then ${d2} km at ${v2} km/h. What is the average speed for the whole trip, in km/h?`,
    `${who} covers ${d1} km at ${v1} km/h, then another ${d2} km at ${v2} km/h. Find the average speed over the entire journey in km/h.`,
  ]);
  const mean = (v1 + v2) / 2;
  const tiny = D / (d1 * v1 + d2 * v2);
  const head = [`d1, v1 = ${d1}, ${v1}`, `d2, v2 = ${d2}, ${v2}`];
  return {
    task: 'average speed',
    query,
    answer: String(avg),
    Q: 'the average speed',
    U: ' km/h',
    main: code([...head, `print((d1 + d2) / (d1 / v1 + d2 / v2))`], pyFloat(avg)),
    alts: [
      {
        code: code([`total_time = ${d1} / ${v1} + ${d2} / ${v2}`, `print(${D} / total_time)`], pyFloat(avg)),
        how: ['as total distance over total time, written out', 'by computing the total time first'],
      },
      {
        code: code(
          [`from fractions import Fraction as Fr`, `t = Fr(${d1}) / ${v1} + Fr(${d2}) / ${v2}`, `print(float(Fr(${D}) / t))`],
          pyFloat(avg),
        ),
        how: ['with exact fractions', 'in exact rational arithmetic'],
      },
    ],
    bugs: [
      {
        code: code([`print((${v1} + ${v2}) / 2)`], pyFloat(mean), pyFloat(mean), [`(${v1} + ${v2}) / 2`]),
        explain: [
          `That's the plain average of the two speeds, but the time spent at each speed differs; average speed is total distance over total time.`,
          `Averaging the speeds ignores that the legs take different times (${t1} h and ${t2} h).`,
        ],
        obvious: false,
      },
      {
        code: code([...head, `print((d1 + d2) / (d1 * v1 + d2 * v2))`], pyFloat(tiny)),
        explain: [`I multiplied distance by speed instead of dividing to get the times.`, `The times are d/v, not d·v.`],
        obvious: true,
        why: `an average below 1 km/h is absurd when both legs are at ${Math.min(v1, v2)} km/h or more.`,
      },
    ],
    inter: {
      code: code([`print(${d1} / ${v1}, ${d2} / ${v2})`], `${pyFloat(t1)} ${pyFloat(t2)}`, ''),
      expr: `(${d1} + ${d2}) / (${t1} + ${t2}) = ${D} / ${T}`,
    },
    manualDerive: [
      `The first leg takes ${d1}/${v1} = ${t1} h and the second ${d2}/${v2} = ${t2} h, so ${D} km in ${T} h gives ${D}/${T} = {V}{U}.`,
      `Times: ${t1} h + ${t2} h = ${T} h for ${D} km, so the average speed is {V}{U}.`,
    ],
    misread: {
      code: code([`print((${v1} + ${v2}) / 2)`], pyFloat(mean)),
      reason: [
        `Maybe "average speed" here just means the mean of the two speeds?`,
        `Hmm, the question might simply want the average of ${v1} and ${v2}.`,
      ],
    },
  };
}

function powerSum(r: Rng, F: Fmt): Problem {
  const cubes = r.chance(0.35);
  const n = cubes ? r.int(10, 60) : r.int(10, 99);
  const pw = cubes ? 3 : 2;
  const tri = (n * (n + 1)) / 2;
  const prod = n * (n + 1) * (2 * n + 1);
  const truth = cubes ? tri * tri : prod / 6;
  const word = cubes ? 'cubes' : 'squares';
  const query = r.pick([
    `Compute 1^${pw} + 2^${pw} + 3^${pw} + ... + ${n}^${pw}.`,
    `What is the sum of the ${word} of the integers from 1 to ${n}?`,
    `Find the sum of the first ${n} perfect ${word}.`,
  ]);
  const gen = (rg: string, op: string) => `sum(${op} for k in ${rg})`;
  const kp = `k**${pw}`;
  const short = cubes ? (3 * n * (n + 1)) / 2 : n * (n + 1);
  const approx = Math.round(n ** (pw + 1) / (pw + 1));
  return {
    task: 'power sums',
    query,
    answer: String(truth),
    Q: 'the sum',
    U: '',
    main: code([`print(${gen(`range(1, ${n} + 1)`, kp)})`], String(truth), String(truth), [gen(`range(1, ${n} + 1)`, kp)]),
    alts: [
      cubes
        ? {
            code: code([`n = ${n}`, `print((n * (n + 1) // 2) ** 2)`], String(truth)),
            how: ['with the closed form (n(n+1)/2)^2', 'with the identity that the sum of cubes is a square of a triangular number'],
          }
        : {
            code: code([`n = ${n}`, `print(n * (n + 1) * (2 * n + 1) // 6)`], String(truth)),
            how: ['with the closed form n(n+1)(2n+1)/6', 'with the standard sum-of-squares formula'],
          },
      {
        code: code([`s = 0`, `for k in range(1, ${n + 1}):`, `    s += ${kp}`, `print(s)`], String(truth)),
        how: ['with an explicit loop', 'by accumulating the terms in a loop'],
      },
    ],
    bugs: [
      {
        code: code([`print(${gen(`range(1, ${n})`, kp)})`], String(truth - n ** pw), String(truth - n ** pw), [gen(`range(1, ${n})`, kp)]),
        explain: [
          `\`range(1, ${n})\` stops at ${n - 1}, so the last term ${n}^${pw} is missing.`,
          `The upper bound of \`range\` is exclusive: ${n}^${pw} was never added.`,
        ],
        obvious: false,
      },
      {
        code: code([`print(${gen(`range(1, ${n} + 1)`, `k*${pw}`)})`], String(short), String(short), [
          gen(`range(1, ${n} + 1)`, `k*${pw}`),
        ]),
        explain: [`I wrote \`k*${pw}\` instead of \`k**${pw}\`.`, `\`k*${pw}\` multiplies by ${pw}; the power is \`k**${pw}\`.`],
        obvious: true,
        why: `the sum should be on the order of ${n}^${pw + 1}/${pw + 1} ≈ ${F(approx)}.`,
      },
    ],
    inter: cubes
      ? { code: code([`print(${n} * (${n} + 1) // 2)`], String(tri), ''), expr: `${F(tri)}^2` }
      : { code: code([`print(${n} * (${n} + 1) * (2 * ${n} + 1))`], String(prod), ''), expr: `${F(prod)} / 6` },
    manualDerive: cubes
      ? [
          `The sum of cubes is (n(n+1)/2)^2 = (${n} × ${n + 1} / 2)^2 = ${F(tri)}^2 = {V}.`,
          `1^3 + ... + n^3 = (1 + ... + n)^2, and 1 + ... + ${n} = ${F(tri)}, so the sum is ${F(tri)}^2 = {V}.`,
        ]
      : [
          `Using n(n+1)(2n+1)/6 with n = ${n}: ${n} × ${n + 1} × ${2 * n + 1} / 6 = ${F(prod)} / 6 = {V}.`,
          `The formula gives ${n}·${n + 1}·${2 * n + 1}/6 = ${F(prod)}/6 = {V}.`,
        ],
    estimate: [`It should be roughly ${n}^${pw + 1}/${pw + 1} ≈ ${F(approx)}.`, `For scale: about ${F(approx)}.`],
  };
}

function multOrder(r: Rng): Problem {
  const P = r.pick([7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43]);
  let a = 0;
  let L = 0;
  do {
    a = r.int(2, P - 2);
    L = 1;
    while (modpow(a, L, P) !== 1) L++;
  } while (L < 3);
  const qi = r.int(0, 2);
  const query = [
    `What is the smallest positive integer n such that ${a}^n ≡ 1 (mod ${P})?`,
    `Find the multiplicative order of ${a} modulo ${P}.`,
    `Find the least n ≥ 1 with ${a}^n ≡ 1 (mod ${P}).`,
  ][qi] as string;
  const bugs: Bug[] = [
    {
      code: code([`n = 0`, `while pow(${a}, n, ${P}) != 1:`, `    n += 1`, `print(n)`], '0'),
      explain: [`The loop starts at n = 0, and ${a}^0 = 1 trivially.`, `Starting the search at 0 is wrong: the exponent must be positive.`],
      obvious: true,
      why: `n has to be positive, and ${a}^0 = 1 for any base.`,
    },
  ];
  if (L !== P - 1)
    bugs.push({
      code: code([`for n in range(1, ${P}):`, `    if pow(${a}, n, ${P}) == 1:`, `        ans = n`, `print(ans)`], String(P - 1)),
      explain: [
        `Without a \`break\`, \`ans\` keeps being overwritten, so it ends at the largest such n below ${P}, not the smallest.`,
        `The loop has no \`break\`: it reports the last exponent that works, ${P - 1}, instead of the first.`,
      ],
      obvious: false,
    });
  const pw = Array.from({ length: L }, (_, i) => modpow(a, i + 1, P));
  const p: Problem = {
    task: 'multiplicative order',
    query,
    answer: String(L),
    Q: qi === 1 ? 'the order' : 'the smallest such n',
    U: '',
    main: code([`n = 1`, `while pow(${a}, n, ${P}) != 1:`, `    n += 1`, `print(n)`], String(L)),
    alts: [
      {
        code: code([`print(min(d for d in range(1, ${P}) if (${P} - 1) % d == 0 and pow(${a}, d, ${P}) == 1))`], String(L)),
        how: [`using that the order must divide ${P - 1}`, `by checking only the divisors of ${P - 1}`],
      },
      {
        code: code([`x, n = ${a} % ${P}, 1`, `while x != 1:`, `    x, n = x * ${a} % ${P}, n + 1`, `print(n)`], String(L)),
        how: ['by stepping through the powers without pow', 'with a running product'],
      },
    ],
    bugs,
    inter: {
      code: code([`for n in range(1, ${L + 1}):`, `    print(n, pow(${a}, n, ${P}))`], pw.map((v, i) => `${i + 1} ${v}`).join('\n'), ''),
      say: [
        `The first time the residue is 1 is at n = {V}.`,
        `The residue first hits 1 at n = {V}, so that's the smallest exponent.`,
        `Scanning the table, ${a}^n ≡ 1 first happens at n = {V}.`,
      ],
    },
    pre: {
      code: code([`print(pow(${a}, ${P} - 1, ${P}))`], '1', ''),
      note: [`Fermat holds, so the order divides ${P - 1}.`, `As expected from Fermat; the answer is a divisor of ${P - 1}.`],
    },
  };
  if (L <= 8)
    p.manualDerive = [
      `Powers of ${a} mod ${P}: ${pw.map((v, i) => `${a}^${i + 1} ≡ ${v}`).join(', ')}. The first 1 is at n = {V}.`,
      `${pw.map((v, i) => `${a}^${i + 1} ≡ ${v}`).join(', ')} (mod ${P}), so the smallest exponent giving 1 is {V}.`,
    ];
  return p;
}

type Maker = (r: Rng, F: Fmt) => Problem;
const MAKERS: Maker[] = [
  product,
  arithSeries,
  recurrence,
  divisibleCount,
  modPower,
  modInverse,
  dice,
  committees,
  digitSum,
  avgSpeed,
  powerSum,
  multOrder,
];

// ---------------------------------------------------------------------------------------------
// Phrasing templates. {Q} the asked quantity, {Qc} capitalised, {V} the value, {U} a unit,
// {E} an expression, {H} how a check computes, {O} a rejected output, {W} why it is absurd.

const OPEN = [
  'Let me just compute this directly.',
  "I'll let Python do the arithmetic.",
  'This is quick to check with a short script.',
  'Easiest is to compute {Q} in Python.',
  'Let me write a couple of lines of code for this.',
  "I'll compute it exactly rather than by hand.",
  'A one-off calculation; let me run it.',
  'Let me get {Q} from a quick snippet.',
  'This is easy to brute-force, so let me do that.',
  "I'll compute {Q} with code to avoid slips.",
  'Let me code this up.',
  'Python handles this exactly, so:',
  "Rather than grinding through it by hand, I'll run it.",
  'Let me compute it.',
  'First, a direct computation.',
  'Simplest approach: just evaluate it.',
  "I'll set this up in Python.",
  'Let me try the direct computation first.',
  'Quick script:',
  "This is mechanical, so I'll let the interpreter do it.",
  'Let me compute {Q} programmatically.',
  'Start with the obvious computation.',
  "I'll write it out as code and run it.",
  'To keep the arithmetic honest, let me use Python.',
  "Here's a direct way to get {Q}:",
  'OK, computing {Q} directly.',
  'Let me evaluate this numerically.',
  'A few lines of code will do it.',
  'We can just compute this.',
  'Let me get the exact value with Python.',
  'Plan: compute {Q} in code, then sanity-check it.',
  'The direct way is fine here; let me run it.',
  'No need for cleverness, a snippet settles it.',
  'I want {Q}. Let me compute it.',
];

const CONCL = [
  'So the answer is {V}{U}.',
  'So {Q} is {V}{U}.',
  'That gives {Q} = {V}{U}.',
  'Therefore {Q} is {V}{U}.',
  'The answer is {V}{U}.',
  'So {Q} comes out to {V}{U}.',
  'Hence {Q} = {V}{U}.',
  '**Answer: {V}{U}**',
  'So we get {V}{U}.',
  'That means {Q} is {V}{U}.',
  '{Qc} is {V}{U}.',
  'Final answer: {V}{U}.',
  'So the result is {V}{U}.',
  'Thus {Q} equals {V}{U}.',
  'So {V}{U} is the answer.',
  "The computation gives {V}{U}, so that's {Q}.",
  'Answer: {V}{U}.',
  'So, {Q}: {V}{U}.',
  'Putting it together, {Q} is {V}{U}.',
  "That's {V}{U}.",
  'I get {V}{U} for {Q}.',
  'So {Q} should be {V}{U}.',
  'Conclusion: {Q} = {V}{U}.',
  'Which gives an answer of {V}{U}.',
  'So the value we want is {V}{U}.',
  '{Qc} = {V}{U}.',
  'Therefore, the answer is {V}{U}.',
  'OK, so {Q} is {V}{U}.',
  'The final value is {V}{U}.',
  'In short: {V}{U}.',
  'So my answer is {V}{U}.',
  'That settles it: {Q} is {V}{U}.',
  'So {Q} works out to {V}{U}.',
  'The result: {V}{U}.',
];

const COMBINE = [
  'So {Q} is {E} = {V}{U}.',
  'Combining: {E} = {V}{U}.',
  'Then {Q} = {E} = {V}{U}.',
  'Putting those together, {E} = {V}{U}.',
  'From these, {Q} = {E} = {V}{U}.',
  'So {E} = {V}{U}, which is {Q}.',
  'That makes {Q} equal to {E} = {V}{U}.',
  'Hence {Q} = {E} = {V}{U}.',
  'Now {E} = {V}{U}.',
  'Which gives {E} = {V}{U}.',
  'So {Q} = {E}, i.e. {V}{U}.',
  'Finishing by hand: {E} = {V}{U}.',
  'Therefore {Q} is {E} = {V}{U}.',
  'With those numbers, {Q} is {E} = {V}{U}.',
  'Plugging in: {E} = {V}{U}.',
  'And then {E} = {V}{U}.',
  'So the total is {E} = {V}{U}.',
  'That gives {E} = {V}{U} for {Q}.',
  'Last step: {E} = {V}{U}.',
  'So {E} = {V}{U}.',
  'Putting it together: {Q} = {E} = {V}{U}.',
  'Then {E} comes to {V}{U}.',
  'The remaining arithmetic: {E} = {V}{U}.',
  'Therefore {E} = {V}{U}, and that is {Q}.',
  'Adding it up, {E} = {V}{U}.',
  'Combining the pieces, {Q} = {E} = {V}{U}.',
  'So we have {E} = {V}{U}.',
  'This yields {Q} = {E} = {V}{U}.',
];

const WAIT = [
  'Wait, let me look at that code again.',
  'Hmm, wait.',
  'Hold on.',
  'Actually, wait a second.',
  'Hmm, let me re-read what I wrote.',
  "Wait, something's off.",
  'Let me double-check the code before I commit to that.',
  'Hmm, actually, that code has a problem.',
  'Hold on, I want to re-check the snippet.',
  "Wait, I think there's a bug.",
  'Before moving on, let me re-read the code line by line.',
  'Hmm. Let me reconsider.',
  'Actually, hold on.',
  'Wait a moment, let me look at this again.',
  'Hmm, now that I look at it again...',
  'One second, let me re-examine that.',
  'Wait. Let me make sure the code does what I think it does.',
  "Hmm, I'm not sure that's right.",
  'Let me reconsider that snippet.',
  'Wait, no.',
  'Actually, let me re-check.',
  'Hmm, hang on.',
  'But wait.',
  "On second look, there's an issue.",
  'Wait, I should double-check that.',
  'Hmm, let me look more carefully.',
  'Hmm, something bothers me about that.',
  'Hold on, let me re-read the question and the code.',
  "Actually, I'm not sure about that; let me check.",
  'Wait, careful.',
  'Hmm, let me go back over that.',
  'Wait, let me reconsider.',
];

const CORRECTION = [
  'Fixing that:',
  'Let me fix it and rerun.',
  'Corrected version:',
  'Rerunning with the fix:',
  "Here's the corrected code:",
  'So the fixed snippet is:',
  'Let me redo it properly.',
  'Running it again with that corrected:',
  'Correcting the code:',
  'Let me try again.',
  'Fixed:',
  'Redo:',
  'So it should be:',
  'OK, corrected:',
  'Let me rerun with the right version.',
  'Trying again with the bug fixed:',
  'With that fixed:',
  'Updated code:',
  'Let me patch that and run it again.',
  'Take two:',
  'Here it is done correctly:',
  'Let me rewrite it.',
  'So, again, properly this time:',
  'Fixing the bug and rerunning:',
  'Corrected and rerun:',
  'Let me change that and run it once more.',
  'Second attempt:',
  'Now with the correct code:',
  'Changing that line:',
  'Redoing the computation:',
  'Fixed version below.',
  'OK, let me correct it.',
];

const REDO = [
  'Let me redo it that way.',
  'So the code becomes:',
  'Redoing it with that reading:',
  'Let me recompute under that interpretation.',
  'Changing the code accordingly:',
  'Then it should be:',
  'Let me adjust and rerun.',
  'Rerunning with that change:',
  'So:',
  'Updating the snippet:',
  'Let me run that version.',
  'In code:',
  'Let me recompute.',
  'Adjusted:',
  'Then the computation is:',
  'Trying that:',
  'So let me change it.',
  'With that correction:',
  'Running the revised version:',
  'New version:',
  'Let me account for that.',
  'So instead:',
  'Recomputing:',
  "Here's the revised snippet:",
  'Let me go with that.',
  'Fixing it that way:',
];

const CHECK = [
  'Let me double-check {H}.',
  'To be safe, let me verify {H}.',
  'Let me cross-check {H}.',
  'As a check, compute it again {H}.',
  "I'll confirm {H}.",
  'Sanity check {H}:',
  'Let me verify this another way, {H}.',
  'Double-checking {H}:',
  'Let me make sure by computing it {H}.',
  'Another route, {H}:',
  'Quick verification {H}:',
  'Just to be sure, {H}:',
  'Let me check it independently, {H}.',
  "I'll recompute {Q} {H} to confirm.",
  'Verify {H}:',
  'Let me cross-verify {H}.',
  "It's worth confirming {H}.",
  'Let me recompute it {H} as a check.',
  'Checking {H}:',
  'One more check, {H}:',
  'Let me confirm that result {H}.',
  'To guard against a typo, recompute {H}.',
  'A second computation, {H}:',
  'Let me redo this {H} and see if it agrees.',
  'Now an independent check {H}.',
  'Alternatively, {H}:',
  'Let me also get it {H}.',
  "I'd like a second opinion: {H}.",
  'Confirming {H}:',
  'Same thing {H}, as a check:',
];

const CODE_HOW = ['in Python', 'with a quick script', 'by running it', 'with code', 'with a one-liner', 'in the interpreter'];

const MANUAL = [
  'Let me sanity-check by hand.',
  'Quick check by hand:',
  'Let me verify this without code.',
  'By hand, as a check:',
  'Let me redo it mentally.',
  'Checking manually:',
  'Let me confirm with pencil-and-paper arithmetic.',
  'A hand computation to be safe:',
  "Let me see if that's consistent by hand.",
  'Doing it by hand to confirm:',
  'Let me double-check without the computer.',
  'Verifying manually:',
  'Let me re-derive it by hand.',
  'Manual check:',
  "I'll check it the old-fashioned way.",
  'Let me work it out by hand as well.',
  'Cross-check by hand:',
  'Let me verify the arithmetic myself.',
  'Checking it on paper:',
  'As an independent check, by hand:',
  'Let me confirm by reasoning it through.',
  'To make sure, by hand:',
  'Let me recompute by hand.',
  'Hand check:',
  'Let me also do it manually.',
  'Without code:',
];

const MANUAL_FIRST = [
  'Let me work it out by hand first.',
  'By hand first, then I will confirm with code.',
  'This is small enough to do by hand.',
  'Let me reason it out before touching code.',
  'First by hand:',
  "I'll do the arithmetic myself first.",
  'Working it out manually:',
  'Let me start with a hand computation.',
  'I can do this on paper.',
  'Pen and paper first.',
  'Let me think it through by hand.',
  'Doing it by hand:',
  'Before running anything, let me work it out by hand.',
  'Let me try the arithmetic myself first.',
  'I think I can do this mentally.',
  'Let me reason through it on paper, then check with Python.',
];

const AGREE = [
  'Both agree.',
  'Same answer.',
  'That matches.',
  'Good, consistent.',
  "Yes, that's right.",
  'Both methods give {V}{U}.',
  "They agree, so I'm confident.",
  'Consistent with the first computation.',
  'That checks out.',
  'Matches the earlier result.',
  'Great, the two agree.',
  'OK, same value.',
  'Confirmed.',
  'Good: {V}{U} both ways.',
  'No discrepancy.',
  "That's reassuring.",
  'The two computations line up.',
  'Agreed.',
  'Yes, {V}{U} again.',
  'Everything is consistent.',
  'Looks right.',
  'Perfect, identical.',
  'The results match.',
  'That confirms it.',
  'So both routes land on {V}{U}.',
  'Good, no surprises.',
  'Yep.',
  "That's what I had.",
  'Consistent.',
  'Fine, that agrees.',
];

const BARE = [
  'That seems right.',
  'That makes sense.',
  'Looks reasonable.',
  "That's plausible for the size of the numbers.",
  'Seems fine.',
  'Yes, that looks right.',
  'Good.',
  'Nothing suspicious there.',
  "OK, that's believable.",
  'Reasonable.',
  'That looks about right.',
  'Makes sense.',
  "I'm fairly confident in that.",
  'Fine.',
  'The magnitude looks right.',
  'No red flags.',
  'That seems correct.',
  'That fits.',
  'Alright.',
  'Looks good to me.',
  "That's sensible.",
  'Right.',
  'Yes, that should be it.',
  "Good, that's a clean result.",
  "I'm happy with that.",
  'Seems plausible.',
];

const REJECT = [
  "{O}? That can't be right: {W}",
  'Hmm, {O} is clearly wrong, because {W}',
  'That output is impossible: {W}',
  'Wait, {O}? No: {W}',
  "That's off: {W}",
  "Something's broken, since {W}",
  "{O} can't be the answer: {W}",
  "Hmm, that's nonsense: {W}",
  'No way: {W}',
  'That result is wrong on its face: {W}',
  'Clearly a bug: {W}',
  "Hmm, {O}. That's not it: {W}",
  "That can't be it, since {W}",
  '{O} is not a sensible answer: {W}',
  'Suspicious: {W}',
  'Huh, {O}? But {W}',
  "That's wrong: {W}",
  "Hmm, that doesn't look right: {W}",
  'Not possible: {W}',
  "I don't trust that output: {W}",
  'That fails a basic sanity check: {W}',
  'Obviously something went wrong; {W}',
  "That's way off: {W}",
  "Wait, that can't be: {W}",
  'Something is off here: {W}',
  'Hmm, {O} makes no sense: {W}',
];

function half<T>(xs: readonly T[], split: PhrasingSplit): T[] {
  return xs.filter((_, i) => i % 2 === (split === 'dev' ? 0 : 1));
}

// ---------------------------------------------------------------------------------------------
// Rendering

type Render = { multi: boolean; f: (src: string) => [string, string] };
const STYLES: Render[] = [
  { multi: false, f: (c) => ['```python\n' + c + '\n```\n\nOutput: ', ''] },
  { multi: true, f: (c) => ['```python\n' + c + '\n```\n```\n', '\n```'] },
  { multi: true, f: (c) => ['```python\n' + c + '\n```\nOutput:\n```\n', '\n```'] },
  { multi: false, f: (c) => ['```python\n' + c + '\n```\n\nThis prints ', '.'] },
  { multi: false, f: (c) => ['```py\n' + c + '\n```\n→ ', ''] },
  { multi: true, f: (c) => ['```python\n' + c + '\n```\n\n```text\n', '\n```'] },
  { multi: false, f: (c) => ['```python\n' + c + '\n```\nResult: `', '`'] },
  { multi: true, f: (c) => ['```python\n' + c + '\n```\nOutput:\n', ''] },
];
const REPL_STYLES: ((src: string) => [string, string])[] = [
  (c) => ['```python\n' + c + '\n', '\n```'],
  (c) => ['```pycon\n' + c + '\n', '\n```'],
  (c) => [c + '\n', ''],
];

class Body {
  text = '';
  cands: PhrasingCandidate[] = [];
  constructor(
    private readonly r: Rng,
    private readonly vars: Record<string, string>,
  ) {}

  /** Fill a template; when `cand` is given, the value at {V!} (or the single {V}) is a candidate. */
  say(tpl: string, extra: Record<string, string> = {}, cand?: string, sep = '\n\n'): void {
    const vars = { ...this.vars, ...extra };
    let t = tpl.replace(/\{(Qc|Q|U|E|H|O|W)\}/g, (_, k: string) => vars[k] ?? '');
    const start = this.text.length + (this.text ? sep.length : 0);
    if (cand === undefined) {
      t = t.replace(/\{V!?\}/g, vars.V ?? '');
      this.text += (this.text ? sep : '') + t;
      return;
    }
    const marker = t.includes('{V!}') ? '{V!}' : '{V}';
    const parts = t.split(marker);
    if (parts.length !== 2) throw new Error(`template needs exactly one ${marker}: ${tpl}`);
    const before = (parts[0] as string).replace(/\{V\}/g, cand);
    const after = (parts[1] as string).replace(/\{V\}/g, cand);
    this.cands.push({ value: cand, offset: start + before.length });
    this.text += (this.text ? sep : '') + before + cand + after;
  }

  /** A code block and its output; when `cand`, the printed value of the asked quantity is a candidate. */
  run(c: Code, cand: boolean, replOk = true): void {
    const multiOut = c.out.includes('\n');
    let pre: string;
    let post: string;
    if (c.repl && replOk && !multiOut && this.r.chance(0.35)) {
      const src = c.repl.map((l) => '>>> ' + l).join('\n');
      [pre, post] = this.r.pick(REPL_STYLES)(src);
    } else {
      const styles = STYLES.filter((s) => s.multi || !multiOut);
      [pre, post] = this.r.pick(styles).f(c.lines.join('\n'));
    }
    const start = this.text.length + (this.text ? 2 : 0);
    if (cand) {
      if (!c.val) throw new Error('candidate run without a value');
      this.cands.push({ value: c.val, offset: start + pre.length + c.out.length - c.val.length });
    }
    this.text += (this.text ? '\n\n' : '') + pre + c.out + post;
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios

type Scenario =
  | 'single'
  | 'echo-alt'
  | 'echo-manual'
  | 'manual-first'
  | 'inter'
  | 'bug-fixed'
  | 'bug-fixed-echo'
  | 'bug-rejected'
  | 'right-to-wrong'
  | 'bug-unnoticed';

const WEIGHTS: [Scenario, number][] = [
  ['single', 18],
  ['echo-alt', 13],
  ['echo-manual', 6],
  ['manual-first', 6],
  ['inter', 10],
  ['bug-fixed', 14],
  ['bug-fixed-echo', 7],
  ['bug-rejected', 8],
  ['right-to-wrong', 6],
  ['bug-unnoticed', 7],
];

function pickScenario(r: Rng): Scenario {
  const tot = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * tot;
  for (const [s, w] of WEIGHTS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'single';
}

function feasible(s: Scenario, p: Problem): boolean {
  switch (s) {
    case 'echo-manual':
      return !!(p.manualDerive || p.manualVerify);
    case 'manual-first':
      return !!p.manualDerive;
    case 'inter':
      return !!p.inter;
    case 'bug-fixed':
    case 'bug-fixed-echo':
    case 'bug-unnoticed':
      return p.bugs.some((b) => !b.obvious);
    case 'bug-rejected':
      return p.bugs.some((b) => b.obvious);
    case 'right-to-wrong':
      return !!p.misread;
    default:
      return true;
  }
}

function build(r: Rng, T: Templates, s: Scenario, p: Problem, commas: boolean): { body: string; cands: PhrasingCandidate[] } {
  const pretty = (v: string): string => {
    if (/^\d+\.0$/.test(v)) return v.slice(0, -2);
    if (commas && /^\d{4,}$/.test(v)) return withCommas(v);
    return v;
  };
  const Qc = p.Q.startsWith('the ') ? 'The' + p.Q.slice(3) : p.Q;
  const b = new Body(r, { Q: p.Q, Qc, U: p.U });
  const truthP = pretty(p.main.val);
  const V = (v: string) => ({ V: pretty(v) });
  const open = () => {
    b.say(r.pick(T.open));
    if (p.estimate && r.chance(0.3)) b.say(r.pick(p.estimate), {}, undefined, ' ');
    if (p.pre && r.chance(0.3)) {
      b.run(p.pre.code, false);
      b.say(r.pick(p.pre.note));
    }
  };
  const concl = (v: string) => b.say(r.pick(T.concl), V(v));
  const altEcho = () => {
    const alt = r.pick(p.alts);
    b.say(r.pick(T.check), { H: r.pick(alt.how) });
    b.run(alt.code, true);
    if (r.chance(0.8)) b.say(r.pick(T.agree), V(p.main.val));
  };
  const manualEcho = () => {
    b.say(r.pick(T.manual));
    const tpls = p.manualDerive && (!p.manualVerify || r.chance(0.5)) ? p.manualDerive : (p.manualVerify as string[]);
    b.say(r.pick(tpls), V(p.main.val), truthP, r.chance(0.5) ? ' ' : '\n\n');
    if (r.chance(0.5)) b.say(r.pick(T.agree), V(p.main.val));
  };
  const fix = (bug: Bug) => {
    b.say(r.pick(bug.explain), {}, undefined, ' ');
    b.say(r.pick(T.correction));
    b.run(p.main, true);
  };
  const nonObvious = p.bugs.filter((x) => !x.obvious);
  const obvious = p.bugs.filter((x) => x.obvious);

  switch (s) {
    case 'single': {
      open();
      b.run(p.main, true);
      concl(p.main.val);
      if (r.chance(0.45)) {
        b.say(r.pick(T.bare), {}, undefined, ' ');
        if (r.chance(0.4)) concl(p.main.val);
      }
      break;
    }
    case 'echo-alt': {
      open();
      b.run(p.main, true);
      if (r.chance(0.6)) concl(p.main.val);
      altEcho();
      concl(p.main.val);
      break;
    }
    case 'echo-manual': {
      open();
      b.run(p.main, true);
      if (r.chance(0.6)) concl(p.main.val);
      manualEcho();
      concl(p.main.val);
      break;
    }
    case 'manual-first': {
      b.say(r.pick(T.manualFirst));
      b.say(r.pick(p.manualDerive as string[]), V(p.main.val), truthP, r.chance(0.5) ? ' ' : '\n\n');
      b.say(r.pick(T.check), { H: r.pick(CODE_HOW) });
      b.run(p.main, true);
      if (r.chance(0.8)) b.say(r.pick(T.agree), V(p.main.val));
      concl(p.main.val);
      break;
    }
    case 'inter': {
      const inter = p.inter as NonNullable<Problem['inter']>;
      open();
      b.run(inter.code, false);
      if (inter.expr !== undefined) b.say(r.pick(T.combine), { E: inter.expr }, truthP);
      else b.say(r.pick(inter.say as string[]), {}, truthP);
      if (r.chance(0.5)) altEcho();
      concl(p.main.val);
      break;
    }
    case 'bug-fixed':
    case 'bug-fixed-echo': {
      const bug = r.pick(nonObvious);
      open();
      b.run(bug.code, true);
      concl(bug.code.val);
      if (r.chance(0.3)) b.say(r.pick(T.bare), {}, undefined, ' ');
      b.say(r.pick(T.wait));
      fix(bug);
      if (s === 'bug-fixed-echo') {
        if (r.chance(0.5)) concl(p.main.val);
        if (r.chance(0.75) || !(p.manualDerive || p.manualVerify)) altEcho();
        else manualEcho();
      }
      concl(p.main.val);
      break;
    }
    case 'bug-rejected': {
      const bug = r.pick(obvious);
      open();
      b.run(bug.code, false);
      b.say(r.pick(T.reject), { O: pretty(bug.code.val), W: bug.why ?? '' });
      fix(bug);
      if (r.chance(0.3)) altEcho();
      concl(p.main.val);
      break;
    }
    case 'right-to-wrong': {
      const mis = p.misread as NonNullable<Problem['misread']>;
      open();
      b.run(p.main, true);
      concl(p.main.val);
      b.say(r.pick(T.wait));
      b.say(r.pick(mis.reason), {}, undefined, ' ');
      b.say(r.pick(T.redo));
      b.run(mis.code, true);
      concl(mis.code.val);
      break;
    }
    case 'bug-unnoticed': {
      const bug = r.pick(nonObvious);
      open();
      b.run(bug.code, true);
      concl(bug.code.val);
      if (r.chance(0.5)) b.say(r.pick(T.bare), {}, undefined, ' ');
      break;
    }
  }
  return { body: b.text, cands: b.cands };
}

interface Templates {
  open: string[];
  concl: string[];
  combine: string[];
  wait: string[];
  correction: string[];
  redo: string[];
  check: string[];
  manual: string[];
  manualFirst: string[];
  agree: string[];
  bare: string[];
  reject: string[];
}

function templates(split: PhrasingSplit): Templates {
  return {
    open: half(OPEN, split),
    concl: half(CONCL, split),
    combine: half(COMBINE, split),
    wait: half(WAIT, split),
    correction: half(CORRECTION, split),
    redo: half(REDO, split),
    check: half(CHECK, split),
    manual: half(MANUAL, split),
    manualFirst: half(MANUAL_FIRST, split),
    agree: half(AGREE, split),
    bare: half(BARE, split),
    reject: half(REJECT, split),
  };
}

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  const r = new Rng((seed * 2654435761 + (split === 'dev' ? 17 : 91)) >>> 0);
  const T = templates(split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const s = pickScenario(r);
    const commas = r.chance(0.5);
    const F: Fmt = (n) => (commas ? withCommas(String(n)) : String(n));
    let p: Problem;
    do p = r.pick(MAKERS)(r, F);
    while (!feasible(s, p));
    const { body, cands } = build(r, T, s, p, commas);
    const last = cands[cands.length - 1];
    out.push({
      id: `${family}-${split}-${seed}-${i + 1}`,
      headers: { query: p.query, answer: p.answer, task: p.task },
      body,
      candidates: cands,
      final: last ? last.value : null,
    });
  }
  return out;
}
