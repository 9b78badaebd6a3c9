// Phrasing family "r1-competition": DeepSeek-R1-distill-style responses to AIME / AMC / MATH500
// problems. A long <think> ... </think> block (Wait / Hmm / Alternatively, tried values, sub-results
// such as the reduced fraction m/n before the asked m + n, a triangle's area before the asked circle
// area) followed by a short written solution with \boxed{}. Labels follow docs/annotation-guide.md:
// candidates are the statements of the asked quantity inside the thinking block; restatements with
// no new work in between merge; re-derivations (another method, a re-check that re-examines the
// question) are new candidates; the summary's boxed value is `final`.
// Self-contained: no imports.

export const family = 'r1-competition';

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
type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ri = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, a: readonly T[]): T => a[Math.floor(r() * a.length)];
const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};
const commas = (n: number): string => {
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? '-' + s : s;
};
/** [s, m] with n = s^2 m and m squarefree. */
function sqrtSimp(n: number): [number, number] {
  for (let k = Math.floor(Math.sqrt(n)); k > 1; k--) if (n % (k * k) === 0) return [k, n / (k * k)];
  return [1, n];
}
function factorStr(n: number): string {
  if (n === 1) return '1';
  const parts: string[] = [];
  let m = n;
  for (let p = 2; p * p <= m; p++) {
    let e = 0;
    while (m % p === 0) {
      m /= p;
      e++;
    }
    if (e) parts.push(e > 1 ? `${p}^${e}` : `${p}`);
  }
  if (m > 1) parts.push(String(m));
  return parts.join(' · ');
}

// ---------- values ----------
interface Val {
  tex: string; // LaTeX form (header answer, boxes)
  txt: string; // plain form as R1 often writes it while thinking
}
const iv = (n: number): Val => ({ tex: String(n), txt: Math.abs(n) >= 1000 ? commas(n) : String(n) });
function fracV(n: number, d: number): Val {
  const g = gcd(n, d);
  n /= g;
  d /= g;
  if (d < 0) [n, d] = [-n, -d];
  if (d === 1) return iv(n);
  const sg = n < 0 ? '-' : '';
  return { tex: `${sg}\\frac{${Math.abs(n)}}{${d}}`, txt: `${n}/${d}` };
}
function radV(k: number, m: number): Val {
  if (m === 1) return iv(k);
  if (k === 1) return { tex: `\\sqrt{${m}}`, txt: `√${m}` };
  return { tex: `${k}\\sqrt{${m}}`, txt: `${k}√${m}` };
}
function piV(n: number, d: number): Val {
  const g = gcd(n, d);
  n /= g;
  d /= g;
  if (d === 1) return n === 1 ? { tex: '\\pi', txt: 'π' } : { tex: `${n}\\pi`, txt: `${n}π` };
  return { tex: `\\frac{${n}\\pi}{${d}}`, txt: `${n}π/${d}` };
}
const fr = (n: number, d: number): string => {
  const g = gcd(n, d);
  const a = n / g,
    b = d / g;
  return b === 1 ? String(a) : `${a}/${b}`;
};
/** Joins an opener and a clause, capitalising the clause after a full stop. */
const joinCap = (a: string, b: string): string => (/[.]\s$/.test(a) ? a + b.charAt(0).toUpperCase() + b.slice(1) : a + b);
const par = (n: number): string => (n < 0 ? `(${n})` : String(n));

// ---------- context and problems ----------
interface Ctx {
  r: Rng;
  h: boolean; // heldout phrasing half
  x: string; // multiplication sign
  big: (n: number) => string;
  bn: (n: number, k: number) => string;
  s: (dev: string, held: string) => string;
}

interface Branch {
  v: Val;
  work: string[]; // derivation leading to this value (never states the asked value itself)
  expr?: string; // expression of the asked quantity, for result-line conclusions
  brief: string; // one line for the written solution
  why?: string; // (wrong branches) what the mistake was, as noticed later
  fix?: string[]; // (wrong branches) the corrective work
  doubt?: string; // (wrong branches) a misguided second thought that leads here from the right answer
}

interface Prob {
  query: string;
  task: string;
  ask: string;
  aime: boolean;
  restate: string;
  common: string[];
  right: Branch;
  wrongs: Branch[];
  check: string[]; // another method that recomputes the asked quantity (ends before stating it)
  word: string; // a re-check in words that re-examines the question (ends before stating it)
  trial: string[]; // small cases, tried values: never answers
  sub: string; // a check of a sub-step
  subEarly?: boolean; // the sub-step check only uses values known before the branch work
  rejected?: string; // a value rejected on sight
  sumIntro: string;
  sumSteps: string[];
}

function distinctWrongs(right: Branch, ws: Branch[]): Branch[] {
  const seen = new Set([right.v.tex]);
  const out: Branch[] = [];
  for (const w of ws)
    if (!seen.has(w.v.tex)) {
      seen.add(w.v.tex);
      out.push(w);
    }
  return out;
}

// P1: two distinct numbers, parity of sum / product; probability m/n, asked m + n (AIME).
function pPairs(c: Ctx): Prob {
  const N = ri(c.r, 9, 30);
  const sum = c.r() < 0.55;
  const word = sum ? 'sum' : 'product';
  const e = Math.floor(N / 2),
    o = N - e;
  const T = (N * (N - 1)) / 2,
    ce = (e * (e - 1)) / 2,
    co = (o * (o - 1)) / 2;
  const F = sum ? ce + co : T - co;
  const g = gcd(F, T),
    m = F / g,
    n = T / g;
  const X = c.x;
  const countLine = sum
    ? c.s(
        `Both even: ${c.bn(e, 2)} = ${ce}. Both odd: ${c.bn(o, 2)} = ${co}. So the favorable pairs number ${ce} + ${co} = ${F}.`,
        `Same-parity pairs: ${c.bn(e, 2)} + ${c.bn(o, 2)} = ${ce} + ${co} = ${F}.`,
      )
    : c.s(
        `Both odd: ${c.bn(o, 2)} = ${co}. So the pairs with an even product number ${T} - ${co} = ${F}.`,
        `Odd-odd pairs: ${c.bn(o, 2)} = ${co}, which leaves ${T} - ${co} = ${F} pairs whose product is even.`,
      );
  const reduceLine =
    g > 1
      ? c.s(
          `Simplify: both are divisible by ${g}, so it's ${m}/${n}. So m = ${m} and n = ${n}.`,
          `Reducing by the gcd ${g}: m/n = ${m}/${n}.`,
        )
      : c.s(`${F} and ${T} have no common factor, so m = ${m} and n = ${n}.`, `gcd(${F}, ${T}) = 1, so m/n = ${m}/${n} as it stands.`);
  const right: Branch = {
    v: iv(m + n),
    expr: `${m} + ${n}`,
    work: [countLine, c.s(`So the probability is ${F}/${T}.`, `P = ${F}/${T}.`), reduceLine],
    brief: `Of the ${T} pairs, ${F} are favorable, so the probability is $\\frac{${F}}{${T}}${g > 1 ? ` = \\frac{${m}}{${n}}` : ''}$ and $m + n = ${m} + ${n}$.`,
  };
  // with replacement
  const F1 = sum ? e * e + o * o : N * N - o * o,
    T1 = N * N,
    g1 = gcd(F1, T1);
  const w1: Branch = {
    v: iv(F1 / g1 + T1 / g1),
    expr: `${F1 / g1} + ${T1 / g1}`,
    work: [
      sum
        ? c.s(
            `Each pick is even with probability ${e}/${N} and odd with probability ${o}/${N}, so P(even sum) = (${e}/${N})² + (${o}/${N})² = (${e * e} + ${o * o})/${N * N} = ${F1}/${T1}.`,
            `P(same parity) = (${e}/${N})² + (${o}/${N})² = ${F1}/${T1}.`,
          )
        : c.s(
            `Each pick is odd with probability ${o}/${N}, so P(even product) = 1 - (${o}/${N})² = 1 - ${o * o}/${N * N} = ${F1}/${T1}.`,
            `P(product odd) = (${o}/${N})², so P(even) = 1 - ${o * o}/${N * N} = ${F1}/${T1}.`,
          ),
      g1 > 1 ? `That reduces to ${F1 / g1}/${T1 / g1}.` : `That fraction is already in lowest terms.`,
    ],
    brief: `Treating the picks as independent, the probability is $\\frac{${F1 / g1}}{${T1 / g1}}$, so $m + n = ${F1 / g1 + T1 / g1}$.`,
    why: `the two numbers are distinct. I treated the picks as independent with replacement, which allows the same number twice.`,
    fix: right.work,
    doubt: `maybe I should model this as two independent picks, each uniform on 1 to ${N}.`,
  };
  let w2: Branch;
  if (g > 1)
    w2 = {
      v: iv(F + T),
      expr: `${F} + ${T}`,
      work: [
        countLine,
        c.s(`So the probability is ${F}/${T}, which means m = ${F} and n = ${T}.`, `P = ${F}/${T}, i.e. m = ${F}, n = ${T}.`),
      ],
      brief: `The probability is $\\frac{${F}}{${T}}$, so $m + n = ${F} + ${T}$.`,
      why: `m and n have to be relatively prime, and ${F} and ${T} share the factor ${g}.`,
      fix: [`Dividing by ${g}: ${F}/${T} = ${m}/${n}. So m = ${m}, n = ${n}.`],
    };
  else {
    const g2 = gcd(F, 2 * T);
    w2 = {
      v: iv(F / g2 + (2 * T) / g2),
      expr: `${F / g2} + ${(2 * T) / g2}`,
      work: [countLine, `Total: ${N} ${X} ${N - 1} = ${2 * T}, so the probability is ${F}/${2 * T} = ${F / g2}/${(2 * T) / g2}.`],
      brief: `The probability is $\\frac{${F / g2}}{${(2 * T) / g2}}$, so $m + n = ${F / g2 + (2 * T) / g2}$.`,
      why: `${c.bn(N, 2)} is ${N} ${X} ${N - 1} divided by 2, which is ${T}. I used the ordered count for the total but unordered pairs on top.`,
      fix: [`With ${T} pairs in total: ${F}/${T} = ${m}/${n}.`],
      doubt: `maybe the total should count ordered selections: ${N} ${X} ${N - 1} = ${2 * T}.`,
    };
  }
  const eo = e * o;
  return {
    query: `Two distinct integers are chosen at random from the set $\\{1, 2, 3, \\ldots, ${N}\\}$. The probability that their ${word} is even is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m + n$.`,
    task: `aime-${pick(c.r, ['easy', 'medium'])}`,
    ask: 'm + n',
    aime: true,
    restate: c.s(
      `two different numbers are picked from 1 to ${N}, and I need the probability that their ${word} is even, written as m/n in lowest terms, and then m + n.`,
      `we draw two distinct integers from {1, ..., ${N}}, want P(${word} is even) = m/n reduced, and report m + n.`,
    ),
    common: [
      c.s(
        `First, the total number of ways to choose two distinct numbers from ${N} is ${c.bn(N, 2)} = ${N} ${X} ${N - 1}/2 = ${T}.`,
        `Total pairs: ${c.bn(N, 2)} = (${N} ${X} ${N - 1})/2 = ${T}.`,
      ),
      c.s(
        `Now, among 1 to ${N}, the even numbers are 2, 4, ..., ${2 * e}, so there are ${e} of them, and ${o} odd numbers.`,
        `Parity split: ${e} evens (2 through ${2 * e}) and ${o} odds (1 through ${2 * o - 1}).`,
      ),
      sum
        ? c.s(
            `The sum of two numbers is even exactly when both have the same parity: both even or both odd.`,
            `For the sum to be even the two numbers need matching parity.`,
          )
        : c.s(
            `The product is even if at least one of the numbers is even. It's easier to count the complement: the product is odd only when both numbers are odd.`,
            `Product is odd iff both factors are odd, so I'll count odd-odd pairs and subtract.`,
          ),
    ],
    right,
    wrongs: distinctWrongs(right, [w1, w2]),
    check: sum
      ? [
          `The sum is odd exactly when one number is even and the other is odd: ${e} ${X} ${o} = ${eo} pairs.`,
          `So P(even sum) = 1 - ${eo}/${T} = ${T - eo}/${T} = ${m}/${n}, and m + n = ${m} + ${n}.`,
        ]
      : [
          `Count the even-product pairs directly: both even, ${ce}, plus one even and one odd, ${e} ${X} ${o} = ${eo}. Total ${ce + eo}.`,
          `${ce + eo}/${T} = ${m}/${n}, so m + n = ${m} + ${n}.`,
        ],
    word: `Let me re-check the condition that m and n are relatively prime: ${m} = ${factorStr(m)} and ${n} = ${factorStr(n)}, no prime in common. And the problem asks for m + n, not for the probability itself.`,
    trial: sum
      ? [
          `Quick sanity check of the method on {1, 2, 3, 4}: the pairs are 12, 13, 14, 23, 24, 34, and the even sums come from 13 and 24, so 2 out of 6.`,
          `The counting gives (${c.bn(2, 2)} + ${c.bn(2, 2)})/${c.bn(4, 2)} = 2/6 as well. Good.`,
        ]
      : [
          `Sanity check on {1, 2, 3, 4}: only 1 ${X} 3 is odd, so 5 of the 6 pairs have an even product; the complement count gives 6 - ${c.bn(2, 2)} = 5. Good.`,
        ],
    subEarly: true,
    sub: `Let me double-check ${c.bn(N, 2)}: ${N} ${X} ${N - 1} = ${N * (N - 1)}, and half of that is ${T}. Okay.`,
    rejected: sum
      ? `At first glance the probability feels like it should be 1/2 by symmetry, but no: once the first number is picked the second can't repeat it, so same-parity pairs are a bit less likely.`
      : `It's tempting to say 3/4, like for two independent coin flips, but the picks aren't independent here.`,
    sumIntro: `Count unordered pairs of distinct numbers from $\\{1, \\ldots, ${N}\\}$ by parity.`,
    sumSteps: [`There are $\\binom{${N}}{2} = ${T}$ pairs; ${e} of the numbers are even and ${o} are odd.`],
  };
}

// P2: sum of squares / cubes mod 1000 (AIME).
function pPowerSum(c: Ctx): Prob {
  const cubes = c.r() < 0.4;
  const N = cubes ? ri(c.r, 25, 120) : ri(c.r, 30, 160);
  const pw = cubes ? 3 : 2;
  const A = N * (N + 1),
    tri = A / 2,
    P = A * (2 * N + 1);
  const Ssq = P / 6,
    Scu = tri * tri;
  const Sv = cubes ? Scu : Ssq;
  const X = c.x,
    big = c.big;
  const sqFormula = c.s(
    `The formula for the sum of the first n squares is n(n + 1)(2n + 1)/6. Here n = ${N}: n(n + 1) = ${N} ${X} ${N + 1} = ${big(A)}, and 2n + 1 = ${2 * N + 1}.`,
    `Standard identity: the sum of k² for k = 1..n is n(n+1)(2n+1)/6. With n = ${N}: n(n+1) = ${big(A)}, 2n+1 = ${2 * N + 1}.`,
  );
  const cuFormula = c.s(
    `The sum of the first n cubes is (n(n + 1)/2)², the square of the triangular number. Here n(n + 1)/2 = ${N} ${X} ${N + 1}/2 = ${big(tri)}.`,
    `Sum of cubes identity: 1³ + ... + n³ = (n(n+1)/2)². For n = ${N}, n(n+1)/2 = ${big(tri)}.`,
  );
  const sqWork = [
    sqFormula,
    c.s(`Multiply: ${big(A)} ${X} ${2 * N + 1} = ${big(P)}.`, `Product: ${big(A)} ${X} ${2 * N + 1} = ${big(P)}.`),
    c.s(`Divide by 6: ${big(P)}/6 = ${big(Ssq)}.`, `Then ${big(P)}/6 = ${big(Ssq)}, so the sum is ${big(Ssq)}.`),
  ];
  const hi = Math.floor(tri / 100),
    lo = tri % 100;
  const cuWork = [cuFormula, c.s(`Squaring: ${big(tri)}² = ${big(Scu)}.`, `So the sum is ${big(tri)}² = ${big(Scu)}.`)];
  const right: Branch = {
    v: iv(Sv % 1000),
    expr: `${big(Sv)} mod 1000`,
    work: cubes ? cuWork : sqWork,
    brief: cubes
      ? `$\\left(\\frac{${N} \\cdot ${N + 1}}{2}\\right)^2 = ${tri}^2 = ${Scu}$.`
      : `$\\frac{${N} \\cdot ${N + 1} \\cdot ${2 * N + 1}}{6} = ${Ssq}$.`,
  };
  let d = pick(c.r, [10, 20, 30, 100, 200]) * (c.r() < 0.5 ? 1 : -1);
  if (Sv + d < 0) d = -d;
  const S1 = Sv + d;
  const w1: Branch = cubes
    ? {
        v: iv(S1 % 1000),
        expr: `${big(S1)} mod 1000`,
        work: [cuFormula, c.s(`Squaring: ${big(tri)}² = ${big(S1)}.`, `So the sum is ${big(tri)}² = ${big(S1)}.`)],
        brief: `The sum is $${tri}^2 = ${S1}$.`,
        why: `let me redo that square; I don't trust my carrying there.`,
        fix: [
          `${big(tri)}² = (${hi * 100} + ${lo})² = ${big(hi * 100 * hi * 100)} + 2 ${X} ${hi * 100} ${X} ${lo} + ${lo * lo} = ${big(hi * hi * 10000)} + ${big(2 * hi * 100 * lo)} + ${lo * lo} = ${big(Scu)}.`,
        ],
      }
    : {
        v: iv(S1 % 1000),
        expr: `${big(S1)} mod 1000`,
        work: [sqWork[0], sqWork[1], `Divide by 6: ${big(P)}/6 = ${big(S1)}.`],
        brief: `The sum is $\\frac{${P}}{6} = ${S1}$.`,
        why: `${big(S1)} ${X} 6 = ${big(S1 * 6)}, which isn't ${big(P)}. I botched the division.`,
        fix: [`${big(P)}/6 = ${big(Ssq)} (check: ${big(Ssq)} ${X} 6 = ${big(P)}).`],
      };
  const S2 = cubes ? Ssq : Scu;
  const w2: Branch = {
    v: iv(S2 % 1000),
    expr: `${big(S2)} mod 1000`,
    work: cubes
      ? [`The sum of cubes formula is n(n + 1)(2n + 1)/6, so with n = ${N}: ${big(A)} ${X} ${2 * N + 1}/6 = ${big(P)}/6 = ${big(Ssq)}.`]
      : [`The sum of squares is (n(n + 1)/2)², so with n = ${N}: n(n + 1)/2 = ${big(tri)}, and ${big(tri)}² = ${big(Scu)}.`],
    brief: `The sum is $${S2}$.`,
    why: cubes
      ? `that's the formula for the sum of squares, not cubes. Check n = 2: 1 + 8 = 9 = 3², not 5.`
      : `(n(n + 1)/2)² is the formula for the sum of cubes, not squares! Check n = 2: 1 + 4 = 5, but (2 ${X} 3/2)² = 9.`,
    fix: right.work,
    doubt: cubes ? undefined : `maybe I'm misremembering the formula. Isn't the sum of squares (n(n + 1)/2)²?`,
  };
  return {
    query: `Find the remainder when $1^${pw} + 2^${pw} + 3^${pw} + \\cdots + ${N}^${pw}$ is divided by $1000$.`,
    task: `aime-${pick(c.r, ['easy', 'easy', 'medium'])}`,
    ask: 'the remainder',
    aime: true,
    restate: c.s(
      `I need the sum of the ${cubes ? 'cubes' : 'squares'} from 1 to ${N}, and then its remainder mod 1000.`,
      `the task is (1^${pw} + 2^${pw} + ... + ${N}^${pw}) mod 1000.`,
    ),
    common: [
      c.s(
        `Adding ${N} terms one at a time would be painful, so I want a closed form for the sum first.`,
        `Summing term by term is out of the question; use the closed form.`,
      ),
      c.s(`Then the remainder mod 1000 is just the last three digits of the sum.`, `Mod 1000 only the last three digits matter.`),
    ],
    right,
    wrongs: distinctWrongs(right, [w2, w1]),
    check: cubes
      ? [
          `Work mod 1000 from the start: ${big(tri)} ≡ ${tri % 1000} (mod 1000), so the sum ≡ ${tri % 1000}² = ${big((tri % 1000) ** 2)} (mod 1000).`,
        ]
      : [
          `Compute it in a different order: ${N} ${X} ${N + 1}/2 = ${big(tri)}, then ${big(tri)} ${X} ${2 * N + 1} = ${big(tri * (2 * N + 1))}, and dividing by 3 gives ${big(Ssq)}.`,
        ],
    word: `Does the sum really start at 1^${pw} and end at ${N}^${pw}? Re-reading: yes, "1^${pw} + 2^${pw} + ... + ${N}^${pw}", so n = ${N}, and the remainder mod 1000 is the last three digits of ${big(Sv)}.`,
    trial: cubes
      ? [`Check the formula with n = 3: 1 + 8 + 27 = 36, and (3 ${X} 4/2)² = 36. Good.`]
      : [`Sanity check of the formula with n = 3: 1 + 4 + 9 = 14, and 3 ${X} 4 ${X} 7/6 = 84/6 = 14. Good.`],
    sub: `Let me double-check ${N} ${X} ${N + 1}: ${N} ${X} ${N} = ${big(N * N)}, plus ${N} is ${big(A)}. Yes.`,
    sumIntro: `Use the closed form for the sum of the first $n$ ${cubes ? 'cubes' : 'squares'} and reduce mod $1000$.`,
    sumSteps: [`We only need the last three digits of the sum.`],
  };
}

// P3: inclusion-exclusion count (AMC / MATH).
function pNeither(c: Ctx): Prob {
  const primes = [2, 3, 5, 7, 11, 13];
  const p = pick(c.r, primes.slice(0, 4));
  let q = pick(c.r, primes);
  while (q === p) q = pick(c.r, primes);
  const pq = p * q;
  const N = ri(c.r, Math.max(100, 3 * pq), 2400);
  const a = Math.floor(N / p),
    b = Math.floor(N / q),
    cc = Math.floor(N / pq);
  const D = a + b - cc;
  const ans = N - D;
  const X = c.x,
    big = c.big;
  const right: Branch = {
    v: iv(ans),
    expr: `${big(N)} - ${big(D)}`,
    work: [
      c.s(
        `But numbers divisible by both ${p} and ${q}, i.e. by ${pq}, got counted twice: ⌊${N}/${pq}⌋ = ${cc}.`,
        `Overlap: multiples of lcm(${p}, ${q}) = ${pq}, and there are ⌊${N}/${pq}⌋ = ${cc} of those.`,
      ),
      c.s(`So the count divisible by ${p} or ${q} is ${a} + ${b} - ${cc} = ${big(D)}.`, `Union: ${a} + ${b} - ${cc} = ${big(D)}.`),
      c.s(`And the ones divisible by neither are the rest.`, `Complement within 1..${N} next.`),
    ],
    brief: `By inclusion-exclusion, $${a} + ${b} - ${cc} = ${D}$ numbers are divisible by ${p} or ${q}, leaving $${N} - ${D} = ${ans}$.`,
  };
  const w1: Branch = {
    v: iv(N - a - b),
    expr: `${big(N)} - ${a} - ${b}`,
    work: [c.s(`So I remove all of those from ${big(N)}.`, `Removing both groups from the ${big(N)} numbers.`)],
    brief: `Removing the multiples of ${p} and of ${q} leaves $${N} - ${a} - ${b} = ${N - a - b}$.`,
    why: `I double-subtracted the multiples of ${pq}: they are multiples of both ${p} and ${q}, so they were removed twice.`,
    fix: [
      `Multiples of ${pq} up to ${N}: ${cc}. So the union is ${a} + ${b} - ${cc} = ${big(D)}, and neither gives ${big(N)} - ${big(D)}.`,
    ],
  };
  const w2: Branch = {
    v: iv(D),
    work: right.work.slice(0, 2),
    brief: `By inclusion-exclusion, $${a} + ${b} - ${cc} = ${D}$.`,
    why: `that's the number divisible by ${p} or ${q}. The question asks for neither, so I need the complement.`,
    fix: [`So what I want is the complement: ${big(N)} - ${big(D)}.`],
    doubt: `rereading "divisible by ${p} or ${q}"... the union count ${big(D)} is what the inclusion-exclusion gives directly, so maybe that's what is wanted.`,
  };
  const Q = Math.floor(N / pq),
    R = N % pq;
  const K = (p - 1) * (q - 1);
  const Rc = R - Math.floor(R / p) - Math.floor(R / q);
  const approx = (N * (1 - 1 / p) * (1 - 1 / q)).toFixed(1);
  return {
    query: `How many positive integers less than or equal to $${N}$ are divisible by neither $${p}$ nor $${q}$?`,
    task: `${pick(c.r, ['amc10', 'amc12', 'math500'])}-${pick(c.r, ['easy', 'medium'])}`,
    ask: 'the number of such integers',
    aime: false,
    restate: c.s(
      `I need to count the integers from 1 to ${N} that are not divisible by ${p} and not divisible by ${q}.`,
      `count n in [1, ${N}] with ${p} ∤ n and ${q} ∤ n.`,
    ),
    common: [
      c.s(
        `Complementary counting seems easiest: count the numbers divisible by ${p} or ${q}, then subtract from ${big(N)}.`,
        `Plan: inclusion-exclusion on the complement.`,
      ),
      c.s(`Multiples of ${p} up to ${N}: ⌊${N}/${p}⌋ = ${a}.`, `#multiples of ${p}: ⌊${N}/${p}⌋ = ${a}.`),
      c.s(`Multiples of ${q}: ⌊${N}/${q}⌋ = ${b}.`, `#multiples of ${q}: ⌊${N}/${q}⌋ = ${b}.`),
    ],
    right,
    wrongs: distinctWrongs(right, [w1, w2]),
    check: [
      c.s(
        `In every block of ${pq} consecutive integers exactly (${p} - 1)(${q} - 1) = ${K} are divisible by neither. ${N} = ${Q} ${X} ${pq} + ${R}, so the full blocks give ${Q} ${X} ${K} = ${big(Q * K)}.`,
        `Blocks of length ${pq}: each holds ${K} good numbers; ${N} = ${Q}·${pq} + ${R}, so ${big(Q * K)} from the ${Q} full blocks.`,
      ),
      `In the leftover 1..${R}: ${R} - ${Math.floor(R / p)} - ${Math.floor(R / q)} = ${Rc}. Total ${big(Q * K)} + ${Rc}.`,
    ],
    word: `"Neither ${p} nor ${q}" means not divisible by ${p} and not divisible by ${q}; the multiples of ${pq} are in both groups, so they get added back once, and "less than or equal to ${N}" includes ${N} itself, which the floors already handle.`,
    trial: [
      `Small case to make sure the method works: up to ${pq} the formula gives ${pq} - ${q} - ${p} + 1 = ${K}, which is (${p} - 1)(${q} - 1). Consistent.`,
    ],
    subEarly: true,
    sub: `Check ⌊${N}/${p}⌋: ${p} ${X} ${a} = ${p * a} ≤ ${N} and ${p} ${X} ${a + 1} = ${p * (a + 1)} > ${N}. Yes, ${a}.`,
    rejected:
      R > 0
        ? `My first instinct is ${N} ${X} (1 - 1/${p})(1 - 1/${q}) ≈ ${approx}, but that's only approximate since ${N} isn't a whole number of blocks of ${pq}. Need the exact count.`
        : undefined,
    sumIntro: `Count the complement with inclusion-exclusion.`,
    sumSteps: [
      `There are $\\lfloor ${N}/${p} \\rfloor = ${a}$ multiples of ${p} and $\\lfloor ${N}/${q} \\rfloor = ${b}$ multiples of ${q}.`,
    ],
  };
}

// P4: right triangle circumcircle area, multiple of pi (MATH).
function pCircum(c: Ctx): Prob {
  const [a0, b0, c0] = pick(c.r, [
    [3, 4, 5],
    [5, 12, 13],
    [8, 15, 17],
    [7, 24, 25],
    [20, 21, 29],
    [9, 40, 41],
  ]);
  const k = c0 > 20 ? 1 : ri(c.r, 1, c0 > 10 ? 2 : 3);
  let a = a0 * k,
    b = b0 * k;
  const hyp = c0 * k;
  if (c.r() < 0.5) [a, b] = [b, a];
  const Rs = hyp % 2 === 0 ? `${hyp / 2}` : `${hyp}/2`;
  const r = (a + b - hyp) / 2;
  const X = c.x;
  const areaT = (a * b) / 2;
  const right: Branch = {
    v: piV(hyp * hyp, 4),
    expr: `π(${Rs})²`,
    work: [
      c.s(
        `In a right triangle the hypotenuse is a diameter of the circumcircle (the right angle is inscribed in a semicircle). So R = ${hyp}/2${hyp % 2 === 0 ? ` = ${hyp / 2}` : ''}.`,
        `Thales: the hypotenuse is a diameter, hence R = ${Rs}.`,
      ),
      c.s(`The area of the circle is πR².`, `Circle area = πR².`),
    ],
    brief: `The hypotenuse $${hyp}$ is a diameter, so $R = ${hyp % 2 === 0 ? hyp / 2 : `\\frac{${hyp}}{2}`}$ and the area is $\\pi R^2$.`,
  };
  const w1: Branch = {
    v: piV(hyp * hyp, 1),
    expr: `π ${X} ${hyp}²`,
    work: [c.s(`The circumradius is the hypotenuse, R = ${hyp}.`, `So R = ${hyp}.`), `Area = πR².`],
    brief: `The circumradius is $${hyp}$, so the area is $\\pi \\cdot ${hyp}^2$.`,
    why: `the hypotenuse is the diameter, not the radius.`,
    fix: [`So R = ${Rs}, and the area is π(${Rs})².`],
    doubt: `for the circumcircle, is the radius really half the hypotenuse? Maybe I'm mixing that up with something else, and for a right triangle the circumradius is the hypotenuse itself.`,
  };
  const w2: Branch = {
    v: piV(r * r, 1),
    expr: `π ${X} ${r}²`,
    work: [`The inradius of a right triangle is r = (a + b - c)/2 = (${a} + ${b} - ${hyp})/2 = ${r}.`, `Area = πr².`],
    brief: `The inradius is $${r}$, so the area is $${r * r === 1 ? '' : r * r}\\pi$.`,
    why: `the problem says the circle passes through all three vertices. That's the circumcircle, not the inscribed circle.`,
    fix: right.work,
    doubt: `which circle is meant? A circle associated with a triangle could be the incircle...`,
  };
  return {
    query: `The legs of a right triangle have lengths $${a}$ and $${b}$. What is the area of the circle that passes through all three vertices of the triangle? Express your answer in terms of $\\pi$.`,
    task: `math500-level-${pick(c.r, [2, 3, 3, 4])}`,
    ask: 'the area of the circle',
    aime: false,
    restate: c.s(
      `we have a right triangle with legs ${a} and ${b}, and we want the area of the circle through all three vertices, in terms of π.`,
      `legs ${a} and ${b}, right angle between them; find the area of the circle through the three vertices.`,
    ),
    common: [
      c.s(
        `The circle through all three vertices is the circumscribed circle, so I need the circumradius R.`,
        `A circle through all three vertices is the circumcircle. Need R.`,
      ),
      c.s(
        `First the hypotenuse: c = √(${a}² + ${b}²) = √(${a * a} + ${b * b}) = √${hyp * hyp} = ${hyp}.`,
        `Hypotenuse: ${a}² + ${b}² = ${a * a} + ${b * b} = ${hyp * hyp}, so c = ${hyp}.`,
      ),
      c.s(
        `The area of the triangle itself is (1/2)(${a})(${b}) = ${areaT}, though I'm not sure I need it.`,
        `(Triangle area would be ${a} ${X} ${b}/2 = ${areaT}; probably not needed.)`,
      ),
    ],
    right,
    wrongs: distinctWrongs(right, [w2, w1]),
    check: c.h
      ? [
          `Coordinates: right angle at the origin, other vertices at (${a}, 0) and (0, ${b}). The center is the midpoint of the hypotenuse, (${fr(a, 2)}, ${fr(b, 2)}), and R² = (${a * a} + ${b * b})/4 = ${hyp * hyp}/4.`,
        ]
      : [
          `Using R = abc/(4K): R = (${a} ${X} ${b} ${X} ${hyp})/(4 ${X} ${areaT}) = ${a * b * hyp}/${4 * areaT} = ${Rs}.`,
          `So the area is π(${Rs})².`,
        ],
    word: `Is the hypotenuse really a diameter? The angle opposite it is 90°, and an inscribed angle of 90° subtends a semicircle, so yes, R = ${Rs} and the area is π(${Rs})².`,
    trial:
      k > 1
        ? [
            `These legs look like a scaled triple: ${a0}-${b0}-${c0} times ${k} gives ${a0 * k}, ${b0 * k}, ${c0 * k}. So the hypotenuse should be ${hyp}.`,
          ]
        : [`${a0}-${b0}-${c0} is a familiar Pythagorean triple, so I expect the hypotenuse to be ${hyp}.`],
    subEarly: true,
    sub: `Double-check ${hyp}² = ${hyp * hyp}: ${a * a} + ${b * b} = ${a * a + b * b}. Yes.`,
    rejected: `For a second I wondered if they just want the triangle's area, ${areaT}, but no, it's the circle's area.`,
    sumIntro: `The circle through all three vertices is the circumcircle of the right triangle.`,
    sumSteps: [`The hypotenuse is $\\sqrt{${a}^2 + ${b}^2} = ${hyp}$.`],
  };
}

// P5: distance between two points, simplest radical form (MATH).
function pDistance(c: Ctx): Prob {
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0,
    dx = 0,
    dy = 0,
    d2 = 0;
  for (;;) {
    x1 = ri(c.r, -9, -1);
    x2 = ri(c.r, 1, 9);
    y1 = ri(c.r, -9, 9);
    y2 = ri(c.r, -9, 9);
    dx = x2 - x1;
    dy = y2 - y1;
    d2 = dx * dx + dy * dy;
    const rt = Math.round(Math.sqrt(d2));
    if (dy !== 0 && rt * rt !== d2) break;
  }
  const [s, m] = sqrtSimp(d2);
  const X = c.x;
  const dxw = x2 + x1;
  const dw1 = dxw * dxw + dy * dy;
  const [s1, m1] = sqrtSimp(dw1);
  const dyw = dy + (dy > 0 ? 1 : -1);
  const dw2 = dx * dx + dyw * dyw;
  const [s2, m2] = sqrtSimp(dw2);
  const sumLine = (u: number, v: number) =>
    c.s(
      `Sum of squares: ${par(u)}² + ${par(v)}² = ${u * u} + ${v * v} = ${u * u + v * v}.`,
      `Squares add to ${u * u} + ${v * v} = ${u * u + v * v}.`,
    );
  const simpLine = (n: number, ss: number, mm: number) => {
    const f = Math.floor(Math.sqrt(n));
    const sq = f * f === n;
    const head = sq ? `${n} = ${f}², a perfect square.` : `${n} isn't a perfect square (${f}² = ${f * f}, ${f + 1}² = ${(f + 1) ** 2}).`;
    if (sq) return head;
    return `${head} ${ss > 1 ? `${n} = ${ss * ss} ${X} ${mm}, so ${ss} comes out of the root.` : `And ${n} has no square factor, so the root doesn't simplify.`}`;
  };
  const right: Branch = {
    v: radV(s, m),
    expr: s > 1 ? `√${d2}` : undefined,
    work: [
      c.s(`x difference: ${x2} - (${x1}) = ${dx}.`, `Δx = ${x2} - (${x1}) = ${dx}.`),
      c.s(`y difference: ${y2} - ${par(y1)} = ${dy}.`, `Δy = ${y2} - ${par(y1)} = ${dy}.`),
      sumLine(dx, dy),
      simpLine(d2, s, m),
    ],
    brief: `$\\sqrt{${dx}^2 + ${par(dy)}^2} = \\sqrt{${d2}}$.`,
  };
  const w1: Branch = {
    v: radV(s1, m1),
    expr: s1 > 1 && m1 > 1 ? `√${dw1}` : undefined,
    work: [
      c.s(`x difference: ${x2} - ${-x1} = ${dxw}.`, `Δx = ${x2} - ${-x1} = ${dxw}.`),
      c.s(`y difference: ${y2} - ${par(y1)} = ${dy}.`, `Δy = ${y2} - ${par(y1)} = ${dy}.`),
      sumLine(dxw, dy),
      simpLine(dw1, s1, m1),
    ],
    brief: `$\\sqrt{${dxw}^2 + ${par(dy)}^2} = \\sqrt{${dw1}}$.`,
    why: `${x2} - (${x1}) is ${x2} + ${-x1} = ${dx}, not ${dxw}. I dropped the sign of the negative coordinate.`,
    fix: right.work,
  };
  const w2: Branch = {
    v: radV(s2, m2),
    expr: s2 > 1 && m2 > 1 ? `√${dw2}` : undefined,
    work: [
      c.s(`x difference: ${x2} - (${x1}) = ${dx}.`, `Δx = ${x2} + ${-x1} = ${dx}.`),
      c.s(`y difference: ${y2} - ${par(y1)} = ${dyw}.`, `Δy = ${y2} - ${par(y1)} = ${dyw}.`),
      sumLine(dx, dyw),
      simpLine(dw2, s2, m2),
    ],
    brief: `$\\sqrt{${dx}^2 + ${par(dyw)}^2} = \\sqrt{${dw2}}$.`,
    why: `${y2} - ${par(y1)} is ${dy}, not ${dyw}. Arithmetic slip.`,
    fix: [`So Δy = ${dy}.`, sumLine(dx, dy), simpLine(d2, s, m)],
  };
  return {
    query: `What is the distance between the points $(${x1}, ${y1})$ and $(${x2}, ${y2})$? Express your answer in simplest radical form.`,
    task: `math500-level-${pick(c.r, [1, 2, 2])}`,
    ask: 'the distance',
    aime: false,
    restate: c.s(
      `I need the distance between (${x1}, ${y1}) and (${x2}, ${y2}), in simplest radical form.`,
      `distance from (${x1}, ${y1}) to (${x2}, ${y2}), simplest radical form.`,
    ),
    common: [c.s(`The distance formula is √((x₂ - x₁)² + (y₂ - y₁)²).`, `Use d = √((Δx)² + (Δy)²).`)],
    right,
    wrongs: distinctWrongs(right, [w1, w2]),
    check: [
      `Redo it with the points in the other order: (${x1} - ${x2})² + (${y1} - ${par(y2)})² = (${-dx})² + (${-dy})² = ${dx * dx} + ${dy * dy} = ${d2}.`,
    ],
    word: `Is that really in simplest radical form? ${m} = ${factorStr(m)} has no repeated prime factor, so nothing more comes out of the root.`,
    trial: [
      c.s(
        `Before computing: unless the squares add up to a perfect square, the answer will be a radical, which is presumably why they say simplest radical form.`,
        `Expect a radical here, given the phrasing.`,
      ),
    ],
    sub: `${dx}² = ${dx * dx} and ${par(dy)}² = ${dy * dy}, total ${d2}. Yes.`,
    sumIntro: `Apply the distance formula.`,
    sumSteps: [`The coordinate differences are $${dx}$ and $${dy}$.`],
  };
}

// P6: infinite geometric series, fraction answer (MATH).
function pGeometric(c: Ctx): Prob {
  const a = ri(c.r, 2, 9);
  const q = ri(c.r, 3, 9);
  let p = ri(c.r, 1, q - 1);
  while (gcd(p, q) !== 1) p = ri(c.r, 1, q - 1);
  const neg = c.r() < 0.35;
  const t2 = fr(a * p, q),
    t3 = fr(a * p * p, q * q);
  const rs = `${neg ? '-' : ''}${p}/${q}`;
  const den = neg ? q + p : q - p;
  const X = c.x;
  const tex = (n: number, d: number) => {
    const g = gcd(n, d);
    return d / g === 1 ? `${n / g}` : `\\frac{${n / g}}{${d / g}}`;
  };
  const oneMinus = `${den}/${q}`;
  const right: Branch = {
    v: fracV(a * q, den),
    expr: `${a} ${X} ${q}/${den}`,
    work: [
      c.s(
        `Sum S = a/(1 - r) = ${a}/(1 - (${rs})) = ${a}/(${oneMinus}).`,
        `S = a/(1 - r), with 1 - r = 1 ${neg ? '+' : '-'} ${p}/${q} = ${oneMinus}.`,
      ),
    ],
    brief: `$S = \\frac{a}{1 - r} = \\frac{${a}}{${tex(den, q)}}$.`,
  };
  const den1 = neg ? q - p : q + p;
  const w1: Branch = {
    v: fracV(a * q, den1),
    expr: `${a} ${X} ${q}/${den1}`,
    work: [`S = a/(1 + r) = ${a}/(1 + (${rs})) = ${a}/(${den1}/${q}).`],
    brief: `$S = \\frac{${a}}{${tex(den1, q)}}$.`,
    why: `the formula is a/(1 - r), not a/(1 + r).`,
    fix: right.work,
    doubt: `is it a/(1 + r) or a/(1 - r)? I always mix these up for ${neg ? 'alternating series' : 'these'}... I think it's a/(1 + r).`,
  };
  const tail = `${neg ? '-' : ''}${t2}`;
  const w2: Branch = {
    v: fracV((neg ? -1 : 1) * a * p, den),
    expr: `(${tail}) ${X} ${q}/${den}`,
    work: [
      c.s(
        `It's easiest to sum everything after the leading ${a}: that tail is geometric with first term ${tail} and ratio ${rs}, so it sums to (${tail})/(1 - (${rs})) = (${tail})/(${oneMinus}).`,
        `Tail after the first term: first term ${tail}, ratio ${rs}, sum (${tail})/(${oneMinus}).`,
      ),
    ],
    brief: `$S = \\frac{${neg ? '-' : ''}${tex(a * p, q)}}{${tex(den, q)}}$.`,
    why: `that's only the tail after the first term. I forgot to add the leading ${a}.`,
    fix: [`Adding it back, or directly: S = a/(1 - r) = ${a}/(${oneMinus}).`],
  };
  const S = (a * q) / den;
  const ps1 = a + (neg ? -1 : 1) * ((a * p) / q);
  const ps2 = ps1 + (a * p * p) / (q * q);
  const ps3 = ps2 + (neg ? -1 : 1) * ((a * p * p * p) / (q * q * q));
  const dec = (v: number) => v.toFixed(4);
  return {
    query: `Evaluate the infinite geometric series: $$${a}${neg ? ' - ' : ' + '}${tex(a * p, q)} + ${tex(a * p * p, q * q)}${neg ? ' - ' : ' + '}\\cdots$$`,
    task: `math500-level-${pick(c.r, [2, 3, 4])}`,
    ask: 'the sum of the series',
    aime: false,
    restate: c.s(
      `the series is ${a}${neg ? ' - ' : ' + '}${t2} + ${t3}${neg ? ' - ' : ' + '}..., infinite and geometric, and I need its sum.`,
      `sum the geometric series ${a}, ${neg ? '-' : ''}${t2}, ${t3}, ... to infinity.`,
    ),
    common: [
      c.s(`First term: a = ${a}.`, `a = ${a}.`),
      c.s(
        `Common ratio: (second term)/(first term) = (${neg ? '-' : ''}${t2})/${a} = ${rs}.`,
        `r = (${neg ? '-' : ''}${t2})/${a} = ${rs}.`,
      ),
      c.s(
        `Check with the third term: (${t3})/(${neg ? '-' : ''}${t2}) = ${rs}. Consistent.`,
        `Third over second: ${t3} ÷ ${neg ? '-' : ''}${t2} = ${rs}, same ratio.`,
      ),
      c.s(`|r| = ${p}/${q} < 1, so the series converges.`, `Converges since |r| < 1.`),
    ],
    right,
    wrongs: distinctWrongs(right, [w2, w1]),
    check: c.h
      ? [`Partial sums: ${dec(a)}, ${dec(ps1)}, ${dec(ps2)}, ${dec(ps3)}, ... they are closing in on ${dec(S)}.`]
      : [`Using S = a + rS: S - (${rs})S = ${a}, so S ${X} ${oneMinus} = ${a}, S = ${a} ${X} ${q}/${den}.`],
    word: `Re-reading the series to make sure the first term is ${a} and the ratio is ${rs}: the terms go ${a}, ${neg ? '-' : ''}${t2}, ${t3}, each ${rs} times the previous. Yes.`,
    trial: [
      `Rough estimate: the terms shrink by a factor of ${p}/${q} each time, so the sum should be a bit ${neg ? 'less' : 'more'} than ${a}.`,
    ],
    sub: `1 - (${rs}) = ${q}/${q} ${neg ? '+' : '-'} ${p}/${q} = ${oneMinus}. Right.`,
    sumIntro: `This is a geometric series with first term $${a}$ and ratio $r = ${neg ? '-' : ''}\\frac{${p}}{${q}}$; since $|r| < 1$ it converges.`,
    sumSteps: [`The sum of a convergent geometric series is $\\frac{a}{1 - r}$.`],
  };
}

// P7: rectangle with given area and diagonal; asked perimeter (AMC).
function pRectangle(c: Ctx): Prob {
  const [a0, b0, c0] = pick(c.r, [
    [3, 4, 5],
    [5, 12, 13],
    [8, 15, 17],
    [7, 24, 25],
    [20, 21, 29],
  ]);
  const k = c0 > 20 ? 1 : ri(c.r, 1, c0 > 10 ? 3 : 6);
  const l = b0 * k,
    w = a0 * k,
    d = c0 * k;
  const A = l * w,
    D2 = d * d;
  const Xs = D2 + 2 * A,
    s = l + w;
  const X = c.x;
  const X2 = D2 + A;
  const [k2, m2] = sqrtSimp(X2);
  const right: Branch = {
    v: iv(2 * s),
    expr: `2 ${X} ${s}`,
    work: [
      c.s(
        `(l + w)² = l² + 2lw + w² = ${D2} + 2 ${X} ${A} = ${D2} + ${2 * A} = ${Xs}.`,
        `(l + w)² = (l² + w²) + 2lw = ${D2} + ${2 * A} = ${Xs}.`,
      ),
      c.s(`So l + w = √${Xs} = ${s}.`, `l + w = ${s}, since ${s}² = ${Xs}.`),
      c.s(`The perimeter is 2(l + w).`, `Perimeter = 2(l + w).`),
    ],
    brief: `$(l + w)^2 = ${D2} + 2 \\cdot ${A} = ${Xs}$, so $l + w = ${s}$ and the perimeter is $2(l + w)$.`,
  };
  const w1: Branch = {
    v: iv(s),
    work: [c.s(`(l + w)² = ${D2} + 2 ${X} ${A} = ${Xs}, so l + w = ${s}.`, `(l + w)² = ${D2} + ${2 * A} = ${Xs} ⇒ l + w = ${s}.`)],
    brief: `$(l + w)^2 = ${Xs}$, so the perimeter is $l + w = ${s}$.`,
    why: `the perimeter is 2(l + w), not l + w. ${s} is only half of it.`,
    fix: [`So the perimeter is 2 ${X} ${s}.`],
    doubt: `hmm, the perimeter... I keep wanting to double, but l + w already adds a length and a width, so maybe ${s} was the perimeter after all.`,
  };
  const w2: Branch = {
    v: radV(2 * k2, m2),
    expr: `2√${X2}`,
    work: [
      `(l + w)² = l² + w² + lw = ${D2} + ${A} = ${X2}.`,
      `So l + w = √${X2}${k2 > 1 && m2 > 1 ? ` = ${k2}√${m2}` : ''}.`,
      `Perimeter = 2(l + w).`,
    ],
    brief: `$(l + w)^2 = ${D2} + ${A} = ${X2}$, so the perimeter is $2\\sqrt{${X2}}$.`,
    why: `(l + w)² = l² + 2lw + w². The cross term is 2lw = ${2 * A}, not ${A}.`,
    fix: right.work,
  };
  const divs: number[] = [];
  for (let t = 2; t * t <= A; t++) if (A % t === 0 && t !== w && t !== l && A / t !== l) divs.push(t);
  const t = divs.length ? pick(c.r, divs) : 0;
  const lw = Math.abs(l - w);
  return {
    query: `A rectangle has area $${A}$ and a diagonal of length $${d}$. What is the perimeter of the rectangle?`,
    task: `${pick(c.r, ['amc10', 'amc12'])}-${pick(c.r, ['easy', 'medium'])}`,
    ask: 'the perimeter',
    aime: false,
    restate: c.s(
      `a rectangle with area ${A} and diagonal ${d}, and I need the perimeter.`,
      `area ${A}, diagonal ${d}, find the perimeter.`,
    ),
    common: [
      c.s(
        `Let the side lengths be l and w. Then lw = ${A}, and by Pythagoras l² + w² = ${d}² = ${D2}.`,
        `Sides l, w: lw = ${A} and l² + w² = ${D2} (diagonal ${d}).`,
      ),
      c.s(`I don't need l and w individually; expanding (l + w)² should do it.`, `No need to solve for the sides; square the sum instead.`),
    ],
    right,
    wrongs: distinctWrongs(right, [w2, w1]),
    check: [
      `Solve for the sides: l and w are roots of t² - ${s}t + ${A} = 0. The discriminant is ${s * s} - ${4 * A} = ${lw * lw}, whose root is ${lw}, so t = (${s} ± ${lw})/2, i.e. ${l} and ${w}.`,
      `Check: ${l} ${X} ${w} = ${A} and ${l}² + ${w}² = ${l * l} + ${w * w} = ${D2}. Perimeter 2(${l} + ${w}).`,
    ],
    word: `The question wants the perimeter, i.e. all four sides, so 2(l + w); and l + w came from (l + w)² = ${Xs} with ${s}² = ${s * s}. Yes.`,
    trial: t
      ? [`Maybe guess integer sides? Try ${t} by ${A / t}: ${t}² + ${A / t}² = ${t * t + (A / t) ** 2}, not ${D2}. Nope.`]
      : [`Guessing integer sides directly seems slow, so I'll go algebraic.`],
    sub: `${s}² = ${s * s}, and ${D2} + ${2 * A} = ${Xs}. ✓`,
    sumIntro: `Let the sides be $l$ and $w$, so $lw = ${A}$ and $l^2 + w^2 = ${D2}$.`,
    sumSteps: [`We only need $l + w$.`],
  };
}

const PROBLEMS = [pPairs, pPowerSum, pNeither, pCircum, pDistance, pGeometric, pRectangle];

// ---------- phrasing templates: [dev half, heldout half] ----------
type Pool = readonly [readonly string[], readonly string[]];
const TPL = {
  opener: [
    [
      'Okay, so I need to solve this problem where ',
      'Alright, let me try to work through this. So ',
      "Okay, let's see. The problem says ",
      'Hmm, so here ',
      'Alright, so the question: ',
    ],
    [
      'Okay, let me parse this carefully: ',
      'Let me start by understanding the setup. Basically, ',
      'First, let me restate it in my own words: ',
      'So, reading the problem: ',
      'Right, so the setup: ',
    ],
  ],
  aimeNote: [
    [
      'Since this is an AIME problem, the final answer should be an integer between 0 and 999.',
      'AIME answers are integers from 0 to 999, so whatever I get for the final quantity should land in that range.',
    ],
    [
      'Worth remembering: AIME answers are three-digit integers, 000 through 999, so that constrains things.',
      'The answer format for AIME is an integer in [0, 999], which is a decent sanity check at the end.',
    ],
  ],
  interject: [
    [
      'Hmm, okay.',
      'Wait, let me make sure I have the setup right before going on.',
      'Hmm, let me think about this step by step.',
      'Okay, so far so good.',
      'Wait, hold on, let me organize this.',
      'Hmm.',
    ],
    [
      'Let me slow down a bit here.',
      'Okay. Next piece.',
      'Hmm, right, that part is straightforward.',
      'Oh wait, no, that part is fine. Moving on.',
      'Let me keep going.',
      'Hmm, alright.',
    ],
  ],
  midWait: [
    ['Wait, let me recompute that last bit... no, it was fine.', 'Hmm, wait. Is that right? Let me redo it... yes, same thing.'],
    ['Hold on, let me recheck that line. Fine.', 'Hmm, wait a moment... no, that checks out.'],
  ],
  altIdea: [
    [
      "Alternatively, maybe there's a slicker way to see this... I don't see one right away, so let me just push through the direct computation.",
      'Alternatively, I could try to set this up more abstractly, but that seems like overkill here.',
    ],
    [
      'Another thought: is there some symmetry I can exploit? Not obviously. Brute force it is.',
      'I briefly considered a more clever approach, but honestly the direct route is safer.',
    ],
  ],
  reread: [['Let me re-read the problem to make sure I understand it: "{{Q}}"'], ['Going back to the statement once more: {{Q}} Okay.']],
  conclude: [
    [
      'So {{ask}} is {{C}}.',
      'Therefore, the answer is {{C}}.',
      'That gives {{ask}} = {{C}}.',
      'So the answer should be {{C}}.',
      'Okay, so {{ask}} comes out to {{C}}.',
      'So the answer is \\boxed{{{C}}}.',
    ],
    [
      'Hence {{ask}} equals {{C}}.',
      'So I get {{C}}.',
      'Which means {{ask}} is {{C}}.',
      'Putting it together: {{ask}} = {{C}}.',
      'Alright, {{ask}} must be {{C}}.',
      'So the result is $\\boxed{{{C}}}$.',
    ],
  ],
  concludeExpr: [
    ['So {{ask}} = {{expr}} = {{C}}.', 'Then {{expr}} = {{C}}.'],
    ['Thus {{ask}} is {{expr}}, which is {{C}}.', 'Computing, {{expr}} = {{C}}.'],
  ],
  echoLead: [
    [
      'Let me double-check this another way.',
      'Alternatively, let me verify with a different method.',
      'Let me verify this result.',
      'Hmm, let me confirm by another route.',
    ],
    [
      "To be safe, I'll redo it differently.",
      'Actually, a cross-check would be good here.',
      'Before committing, let me confirm independently.',
      'One more sanity check, using a different approach.',
    ],
  ],
  echoConclude: [
    [
      'Same result: {{ask}} is {{C}}.',
      'Okay, that matches. So {{ask}} is indeed {{C}}.',
      "Great, so it's {{C}} again.",
      'So the answer is {{C}}, consistent with before.',
    ],
    ['Consistent: {{C}} again.', 'Both approaches agree on {{C}}.', 'Good, this also gives {{C}}.', 'So {{ask}} is {{C}} either way.'],
  ],
  catchOpen: [
    ['Wait, hold on. ', 'Wait, no. ', 'Wait a second, ', 'Hmm, wait. '],
    ['Oh, hold on: ', 'Hmm, actually, no: ', 'Hold on, I think I messed up: ', 'Actually, scratch that: '],
  ],
  redo: [
    ['Let me redo that.', 'So let me recompute.', 'Let me fix that.'],
    ['Redoing it properly:', 'Okay, correcting this:', 'Let me go through it again, carefully this time.'],
  ],
  correctConclude: [
    ['So the correct answer is {{C}}.', 'So actually {{ask}} is {{C}}.', 'Okay, so {{ask}} is {{C}}, not what I had before.'],
    ['That fixes it: {{ask}} = {{C}}.', 'So the right value is {{C}}.', 'Now {{ask}} comes out as {{C}}.'],
  ],
  confirm: [
    ['That seems reasonable.', 'Okay, that makes sense.', 'Seems right.', "Yeah, I think that's it."],
    ['Looks plausible.', 'Good, nothing weird there.', 'Fine.', 'That feels right.'],
  ],
  restateMerge: [
    ['So the answer is {{C}}.', 'Yeah, {{C}}.', 'So {{C}}.'],
    ['So {{C}} it is.', 'Therefore {{C}}.', 'Answer: {{C}}.'],
  ],
  noWork: [
    [
      'Wait, is that right? Yes. So {{ask}} is {{C}}.',
      "Hmm, let me just make sure... yes, that's what I had. So {{C}}.",
      'Could I have misread the question? No. So {{C}}.',
    ],
    [
      'Is that correct? I believe so. {{C}}.',
      'Let me just think if anything is off... no. So {{ask}} is {{C}}.',
      'Any subtlety in the wording? No. {{C}}.',
    ],
  ],
  recall: [
    ["We've already gone over each step, so the answer is {{C}}.", 'Since every step above was checked as I went, {{C}} stands.'],
    ['Everything above was already double-checked, so {{C}}.', 'Nothing to add to the earlier work: {{C}}.'],
  ],
  formatTalk: [
    ['I should present the final answer in a box.', 'Now I just need to write this up cleanly.'],
    ['The answer should go in \\boxed{} at the end.', 'Time to write the solution.'],
  ],
  draftEnd: [
    ['**Final Answer**\n\\boxed{{{C}}}', '**Final Answer**\nThe answer is \\boxed{{{C}}}.'],
    ['So the final answer is $\\boxed{{{C}}}$.', "I'll box {{C}} as the final answer."],
  ],
  draftLead: [
    ['Okay, I think I have everything. Let me write up the answer.', "Alright, that's all the pieces."],
    ['That should be it; let me put the answer together.', 'Okay, wrapping up.'],
  ],
  wordLead: [
    ['Wait, let me re-examine one thing.', 'Hmm, let me double-check the conditions.'],
    ['Hold on, one more look at the wording.', 'Let me re-read what exactly is being asked.'],
  ],
  subLead: [
    ['Let me double-check one step.', 'Hmm, let me verify an arithmetic step.'],
    ['Quick arithmetic check.', 'Let me re-verify one computation.'],
  ],
  recap: [
    ['Going through it again: {{expr}} = {{C}}.', 'Again: {{expr}}, which gives {{C}}.'],
    ['From scratch: {{expr}} = {{C}}.', 'Evaluating {{expr}} once more: {{C}}.'],
  ],
  recompute: [
    ['Let me recompute to be sure.', 'Let me go over the computation once more.'],
    ['Redoing the computation quickly.', 'Recomputing, just in case.'],
  ],
  doubtOpen: [
    ['Wait, actually, ', 'Hmm, but wait, '],
    ['Hmm, on second thought, ', "Actually, now I'm not sure: "],
  ],
  changeConclude: [
    ['So it should be {{C}} instead.', 'So {{ask}} is actually {{C}}.'],
    ["So I'll revise to {{C}}.", 'That changes {{ask}} to {{C}}.'],
  ],
  sumLead: [
    ['To solve this, we proceed as follows.', 'Here is the solution.'],
    ['**Solution.**', '**Approach.**'],
  ],
} satisfies Record<string, Pool>;

// ---------- the document builder ----------
class Doc {
  s = '';
  cands: PhrasingCandidate[] = [];
  last: string | null = null; // key (tex) of the last stated value
  dirty = false; // new work since the last statement
  constructor(
    private ask: string,
    private show: (v: Val) => string,
  ) {}
  para(x: string, work: boolean): void {
    this.s += x + '\n\n';
    if (work) this.dirty = true;
  }
  work(x: string): void {
    this.para(x, true);
  }
  note(x: string): void {
    this.para(x, false);
  }
  /** A statement of v as the answer: a candidate unless it repeats the last value with no new work between. */
  state(tpl: string, v: Val, opts: { expr?: string; inline?: boolean; tex?: boolean } = {}): boolean {
    const fill = (t: string) => t.replace(/\{\{ask\}\}/g, () => this.ask).replace(/\{\{expr\}\}/g, () => opts.expr ?? '');
    const at = tpl.indexOf('{{C}}');
    const pre = fill(tpl.slice(0, at)),
      post = fill(tpl.slice(at + 5));
    const shown = opts.tex || tpl.includes('boxed') ? v.tex : this.show(v);
    if (opts.inline && this.s.endsWith('\n\n')) this.s = this.s.slice(0, -2) + ' ';
    const isCand = this.last === null || this.dirty || this.last !== v.tex;
    this.s += pre;
    if (isCand) this.cands.push({ value: shown, offset: this.s.length });
    this.s += shown + post + '\n\n';
    this.last = v.tex;
    this.dirty = false;
    return isCand;
  }
  cut(x: string, r: Rng): void {
    const spaces: number[] = [];
    for (let i = Math.floor(x.length * 0.3); i < Math.floor(x.length * 0.85); i++) if (x[i] === ' ') spaces.push(i);
    const at = spaces.length ? pick(r, spaces) : Math.floor(x.length / 2);
    this.s += x.slice(0, at);
  }
}

type Scen =
  | 'right'
  | 'rightEcho'
  | 'rightWord'
  | 'rightSub'
  | 'rightTwo'
  | 'wrongFix'
  | 'wrongFixEcho'
  | 'wrongWrongRight'
  | 'wrongStay'
  | 'wrongStayEcho'
  | 'rightThenWrong'
  | 'draftFirst'
  | 'truncAfter'
  | 'truncBefore';
const WEIGHTS: [Scen, number][] = [
  ['right', 21],
  ['rightEcho', 12],
  ['rightWord', 5],
  ['rightSub', 3],
  ['rightTwo', 3],
  ['wrongFix', 14],
  ['wrongFixEcho', 5],
  ['wrongWrongRight', 5],
  ['wrongStay', 3],
  ['wrongStayEcho', 2],
  ['rightThenWrong', 3],
  ['draftFirst', 4],
  ['truncAfter', 4],
  ['truncBefore', 3],
];
function pickScen(r: Rng): Scen {
  const tot = WEIGHTS.reduce((a, [, w]) => a + w, 0);
  let x = r() * tot;
  for (const [s, w] of WEIGHTS) if ((x -= w) < 0) return s;
  return 'right';
}

interface Built {
  body: string;
  cands: PhrasingCandidate[];
  final: string | null;
  truncated: boolean;
  scen: Scen;
}

function render(c: Ctx, p: Prob, scenIn: Scen): Built {
  const r = c.r;
  const P = (pool: Pool): string => pick(r, pool[c.h ? 1 : 0]);
  const plain = r() < 0.3;
  const d = new Doc(p.ask, (v) => (plain ? v.txt : v.tex));
  let scen = scenIn;
  if (scen === 'wrongWrongRight' && p.wrongs.length < 2) scen = 'wrongFix';
  const doubtful = p.wrongs.filter((w) => w.doubt);
  if (scen === 'rightThenWrong' && !doubtful.length) scen = 'wrongStay';
  if (!p.wrongs.length && /wrong/i.test(scen)) scen = 'rightEcho';
  const size = r();
  const short = size < 0.25,
    long = size > 0.6;

  const conclude = (b: Branch, pool: Pool = TPL.conclude) => {
    const useExpr = b.expr && pool === TPL.conclude && r() < 0.4;
    d.state(useExpr ? P(TPL.concludeExpr) : P(pool), b.v, { expr: b.expr, inline: r() < 0.45 });
  };
  const workLines = (lines: string[]) => {
    lines.forEach((l, i) => {
      if (i > 0 && !short && r() < 0.12) d.note(P(TPL.midWait));
      d.work(l);
    });
  };
  const nonWorkExtras = (b: Branch, n: number) => {
    for (let i = 0; i < n; i++) {
      const kind = ri(r, 0, 3);
      if (kind === 0) d.note(P(TPL.confirm));
      else if (kind === 1) d.state(P(TPL.restateMerge), b.v);
      else if (kind === 2) d.state(P(TPL.noWork), b.v);
      else d.state(P(TPL.recall), b.v);
    }
  };
  const catchAndFix = (w: Branch) => {
    d.work(joinCap(P(TPL.catchOpen), w.why ?? ''));
    d.note(P(TPL.redo));
    workLines(w.fix ?? p.right.work);
  };
  const echo = (b: Branch) => {
    d.note(P(TPL.echoLead));
    workLines(p.check);
    d.state(P(TPL.echoConclude), b.v);
  };
  const wordEcho = (b: Branch) => {
    d.note(P(TPL.wordLead));
    d.work(p.word);
    d.state(P(r() < 0.5 ? TPL.conclude : TPL.echoConclude), b.v);
  };

  d.s = '<think>\n';
  d.note(P(TPL.opener) + p.restate);
  if (p.aime && r() < 0.6) d.note(P(TPL.aimeNote));
  if (!short && r() < 0.3) d.note(P(TPL.reread).replace('{{Q}}', () => p.query));
  if (p.rejected && !short && r() < 0.35) d.note(p.rejected);
  p.common.forEach((line, i) => {
    if (i > 0 && r() < (short ? 0.08 : 0.35)) d.note(P(TPL.interject));
    d.work(line);
  });
  if (!short && r() < 0.35) d.note(P(TPL.altIdea));
  if (long || (!short && r() < 0.3)) p.trial.forEach((t) => d.work(t));
  const subPre = long && r() < 0.5;
  if (subPre && p.subEarly) {
    d.note(P(TPL.subLead));
    d.work(p.sub);
  }
  if (scen === 'truncBefore') {
    const b = r() < 0.7 || !p.wrongs.length ? p.right : p.wrongs[0];
    const ls = b.work;
    const k = ri(r, 0, ls.length - 1);
    workLines(ls.slice(0, k));
    d.cut(ls[k], r);
    return { body: d.s, cands: d.cands, final: null, truncated: true, scen };
  }

  const startsWrong = /^wrong/.test(scen) || (scen === 'truncAfter' && r() < 0.35 && p.wrongs.length > 0);
  const w0 = scen === 'wrongWrongRight' ? p.wrongs[0] : pick(r, p.wrongs.length ? p.wrongs : [p.right]);
  const first = startsWrong ? w0 : p.right;
  if (!short && r() < 0.3) d.note(P(TPL.interject));
  workLines(first.work);
  if (subPre && !p.subEarly && first === p.right) {
    d.note(P(TPL.subLead));
    d.work(p.sub);
  }
  let fin: Branch = p.right;

  if (scen === 'draftFirst') {
    d.note(P(TPL.draftLead));
    d.state(P(TPL.draftEnd), p.right.v, { tex: true });
  } else {
    conclude(first);
    switch (scen) {
      case 'right':
        if (!short && r() < 0.3) {
          d.note(P(TPL.subLead));
          d.work(p.sub);
          d.note(P(TPL.confirm));
        }
        nonWorkExtras(p.right, ri(r, 0, 2));
        break;
      case 'rightEcho':
        nonWorkExtras(p.right, ri(r, 0, 1));
        echo(p.right);
        nonWorkExtras(p.right, ri(r, 0, 1));
        break;
      case 'rightWord':
        if (r() < 0.5) d.note(P(TPL.confirm));
        wordEcho(p.right);
        break;
      case 'rightSub':
        d.note(P(TPL.subLead));
        d.work(p.sub);
        d.state(P(TPL.restateMerge), p.right.v);
        break;
      case 'rightTwo':
        echo(p.right);
        wordEcho(p.right);
        nonWorkExtras(p.right, ri(r, 0, 1));
        break;
      case 'wrongFix':
      case 'wrongFixEcho':
        if (r() < 0.3) d.note(P(TPL.confirm));
        catchAndFix(w0);
        d.state(P(TPL.correctConclude), p.right.v, { inline: r() < 0.3 });
        if (scen === 'wrongFixEcho') echo(p.right);
        else nonWorkExtras(p.right, ri(r, 0, 1));
        break;
      case 'wrongWrongRight': {
        const w1 = p.wrongs[1];
        d.work(joinCap(P(TPL.catchOpen), w0.why ?? ''));
        d.note(P(TPL.redo));
        workLines(w1.work);
        conclude(w1);
        catchAndFix(w1);
        d.state(P(TPL.correctConclude), p.right.v);
        nonWorkExtras(p.right, ri(r, 0, 1));
        break;
      }
      case 'wrongStay':
        nonWorkExtras(w0, ri(r, 1, 2));
        fin = w0;
        break;
      case 'wrongStayEcho':
        // the recomputation itself is new work; its result line states the value again
        d.work(P(TPL.recompute));
        if (w0.expr) d.state(P(TPL.recap), w0.v, { expr: w0.expr });
        else {
          workLines(w0.work.slice(-1));
          d.state(P(TPL.echoConclude), w0.v);
        }
        fin = w0;
        break;
      case 'rightThenWrong': {
        const w = pick(r, doubtful);
        if (r() < 0.5) d.note(P(TPL.confirm));
        d.work(P(TPL.doubtOpen) + w.doubt);
        workLines(w.work);
        d.state(P(TPL.changeConclude), w.v);
        nonWorkExtras(w, ri(r, 0, 1));
        fin = w;
        break;
      }
      case 'truncAfter': {
        if (first !== p.right && r() < 0.6) {
          d.cut(joinCap(P(TPL.catchOpen), first.why ?? ''), r);
        } else {
          d.note(P(TPL.echoLead));
          d.cut(p.check[0], r);
        }
        return { body: d.s, cands: d.cands, final: null, truncated: true, scen };
      }
    }
  }
  if (r() < 0.25) d.note(P(TPL.formatTalk));
  if (scen !== 'draftFirst' && r() < 0.45) d.state(P(TPL.draftEnd), fin.v, { tex: true });
  d.s = d.s.replace(/\n+$/, '\n') + '</think>\n\n';
  d.s += summary(c, p, fin);
  return { body: d.s, cands: d.cands, final: fin.v.tex, truncated: false, scen };
}

function summary(c: Ctx, p: Prob, fin: Branch): string {
  const r = c.r;
  const lead = pick(r, TPL.sumLead[c.h ? 1 : 0]);
  const steps = [...p.sumSteps, fin.brief];
  const box = fin.v.tex;
  if (!c.h) {
    if (r() < 0.5)
      return `${lead} ${p.sumIntro}\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n\nThus, the answer is $\\boxed{${box}}$.\n`;
    return `${p.sumIntro}\n\n${steps.join(' ')}\n\nTherefore, ${p.ask} is $\\boxed{${box}}$.`;
  }
  if (r() < 0.5) return `${lead} ${p.sumIntro}\n\n${steps.map((s) => `- ${s}`).join('\n')}\n\n**Answer:** $\\boxed{${box}}$`;
  return `${p.sumIntro}\n\n### Key steps\n${steps.join('\n')}\n\n### Final Answer\n\\[\n\\boxed{${box}}\n\\]\n`;
}

export function generate(seed: number, count: number, split: Split): PhrasingRecord[] {
  const h = split === 'heldout';
  const r = mulberry32((seed * 2654435761) ^ (h ? 0x5bd1e995 : 0x27d4eb2f));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const commaStyle = h ? r() < 0.3 : r() < 0.8;
    const c: Ctx = {
      r,
      h,
      x: h ? pick(r, ['·', '*']) : '×',
      big: (n) => (commaStyle ? commas(n) : String(n)),
      bn: (n, k) => (h ? `\\binom{${n}}{${k}}` : `C(${n}, ${k})`),
      s: (dv, hv) => (h ? hv : dv),
    };
    const p = pick(r, PROBLEMS)(c);
    const b = render(c, p, pickScen(r));
    const headers: Record<string, string> = { query: p.query, answer: p.right.v.tex, task: p.task };
    if (b.truncated) headers.truncated = 'true';
    out.push({ id: `${family}-${split}-${seed}-${i}`, headers, body: b.body, candidates: b.cands, final: b.final });
  }
  return out;
}
