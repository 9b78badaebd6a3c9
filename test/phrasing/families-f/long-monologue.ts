// Phrasing family "long-monologue": a QwQ-style reasoning model thinking aloud in the first person,
// with no thinking tags, long and meandering, on competition-style arithmetic / counting / number
// theory / simple geometry problems. Gold labels follow docs/annotation-guide.md.
//
// Template split: every generic sentence pool below has a `dev` half and a `heldout` half, and the
// problem-specific prose uses [[dev text|heldout text]] (alternatives inside one half separated by
// "~"). Notation (floor, times sign, mod) and layout (one line per paragraph vs flowing paragraphs,
// the closing block) are split the same way.

export const family = 'long-monologue';

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
type Pool = Record<Split, string[]>;

// ---------------------------------------------------------------------------------------------
// Randomness and small helpers

function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ctx {
  split: Split;
  rnd: () => number;
  ri(a: number, b: number): number;
  pick<T>(xs: T[]): T;
  chance(p: number): boolean;
  S(s: string): string;
  F(n: number): string;
  fl(a: number, b: number): string;
  x: string;
  md(m: number): string;
}

function makeCtx(seed: number, split: Split): Ctx {
  const rnd = mulberry32(seed);
  const ri = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const comma = rnd() < 0.6;
  const c: Ctx = {
    split,
    rnd,
    ri,
    pick,
    chance: (p) => rnd() < p,
    S: (s) =>
      s.replace(/\[\[([\s\S]*?)\]\]/g, (_m, inner: string) => {
        const parts = inner.split('|');
        if (parts.length !== 2) throw new Error('bad split template: ' + inner);
        return pick(parts[split === 'dev' ? 0 : 1].split('~'));
      }),
    F: (n) => (comma && Math.abs(n) >= 1000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n)),
    fl: (a, b) => (split === 'dev' ? `floor(${a}/${b})` : `⌊${a}/${b}⌋`),
    x: split === 'dev' ? '×' : pick(['·', '*']),
    md: (m) => (split === 'dev' ? `(mod ${m})` : `mod ${m}`),
  };
  return c;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
function binom(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
const dsum = (n: number) =>
  String(n)
    .split('')
    .reduce((s, ch) => s + Number(ch), 0);
const par = (n: number) => (n < 0 ? `(${n})` : String(n));
const ORD = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
];

// ---------------------------------------------------------------------------------------------
// Problem model

interface Path {
  lines: string[]; // derivation steps; never state the asked value
  result?: string; // template with {V}: the line that first states the value
  concl?: string[]; // path-specific conclusion templates (override the problem's)
  value: string;
}
interface WrongPath extends Path {
  catchLines: string[];
  fix: Path;
  doubt: string | null;
}
interface Prob {
  task: string;
  query: string;
  restate: string;
  given: string;
  method: string;
  noun: string;
  vpre: string;
  est?: string;
  pre: string[];
  tangent: string;
  why: string;
  midMin?: number;
  setup: string[];
  mid: string;
  right: Path;
  concl: string[];
  recall: string;
  alt: { name: string; path: Path };
  check: Path;
  sub: string;
  wrongs: WrongPath[];
}

// ---------------------------------------------------------------------------------------------
// Problem generators (shared by both splits; their prose is split with [[dev|heldout]])

function pRemainder(c: Ctx): Prob {
  const m = c.pick([7, 11, 13]);
  let a = 2;
  do a = c.ri(2, 15);
  while (a % m === 0 || a % m === 1);
  const n = c.ri(40, 2030);
  const b = a % m;
  const pw: number[] = [];
  let v = 1;
  do {
    v = (v * a) % m;
    pw.push(v);
  } while (v !== 1);
  const L = pw.length;
  const q = Math.floor(n / L);
  const s = n % L;
  const idx = s === 0 ? L : s;
  const r = pw[idx - 1];
  const x = c.x;
  const md = c.md(m);
  const tbl = pw
    .map((p, i) =>
      i === 0 ? `${a}^1 ≡ ${p}` : `${a}^${i + 1} ≡ ${pw[i - 1]} ${x} ${b} = ${pw[i - 1] * b}${pw[i - 1] * b >= m ? ` ≡ ${p}` : ''}`,
    )
    .join('\n');
  const V = String(r);
  const powAt = (e: number) => (e === 0 ? 1 : pw[(e - 1) % L]);
  // wrong 1: indexing the cycle from a^0
  const e1 = idx - 1;
  const w1v = String(powAt(e1));
  const block = [1, ...pw.slice(0, L - 1)].join(', ');
  const fixRight: Path = {
    lines: [
      s === 0
        ? `[[${n} ≡ 0 (mod ${L}), so ${a}^${n} ≡ ${a}^${L}.|Since ${L} divides ${n}, ${a}^${n} ≡ ${a}^${L}.]]`
        : `[[I need ${a}^${s}, since ${n} ≡ ${s} (mod ${L}).|The exponent reduces to ${s}, so it's ${a}^${s} I want.]]`,
    ],
    result: `[[From the table, ${a}^${idx} ≡ {V} ${md}.|Reading off the table: ${a}^${idx} ≡ {V} ${md}.]]`,
    value: V,
  };
  const wrongs: WrongPath[] = [
    {
      lines: [
        `[[Writing the cycle out starting from ${a}^0: ${block}.|The repeating block, beginning at ${a}^0, is ${block}.]]`,
        s === 0
          ? `[[${n} is a multiple of ${L}, so I take the last entry of the block.|No remainder, so it's the final entry of the block.]]`
          : `[[Since ${n} ≡ ${s} (mod ${L}), I want the ${ORD[idx]} entry of that block.|The exponent leaves remainder ${s}, so I take entry number ${idx}.]]`,
      ],
      result: `[[That entry is {V}, so ${a}^${n} ≡ {V} ${md}.|Entry ${idx} is {V}; so ${a}^${n} ≡ {V} ${md}.]]`,
      value: w1v,
      catchLines: [
        `[[That block starts at ${a}^0, so entry ${idx} is ${a}^${idx - 1}, not ${a}^${idx}. I'm off by one.|Entry number ${idx} in a list that starts at the zeroth power is ${a}^${idx - 1}. I shifted the exponent by one.]]`,
      ],
      fix: fixRight,
      doubt: `[[Let me line the exponent up with the cycle more carefully, starting from ${a}^0.|Maybe I should index the cycle from the zeroth power instead.]]`,
    },
  ];
  const e2 = n % m;
  const t = n % (m - 1);
  if (String(powAt(e2)) !== V && String(powAt(e2)) !== w1v)
    wrongs.push({
      lines: [
        `[[Fermat's little theorem lets me cut the exponent down: ${n} mod ${m} = ${e2}.|By Fermat, I can reduce the exponent modulo ${m}: ${n} = ${m} ${x} ${Math.floor(n / m)} + ${e2}.]]`,
      ],
      result:
        e2 === 0
          ? `So ${a}^${n} ≡ ${a}^0 ≡ {V} ${md}.`
          : `[[So ${a}^${n} ≡ ${a}^${e2}, which from the table is {V} ${md}.|Then ${a}^${n} ≡ ${a}^${e2} ≡ {V} ${md}, going by the cycle.]]`,
      value: String(powAt(e2)),
      catchLines: [
        `[[Fermat says ${a}^${m - 1} ≡ 1, so the exponent should be reduced mod ${m - 1}, not mod ${m}.|I misapplied Fermat. It's ${a}^${m - 1} that is 1, so I reduce the exponent mod ${m - 1}.]]`,
      ],
      fix: {
        lines: [`${n} mod ${m - 1} = ${t}.`],
        result:
          t === 0 ? `So ${a}^${n} = (${a}^${m - 1})^${n / (m - 1)} ≡ {V} ${md}.` : `So ${a}^${n} ≡ ${a}^${t} ≡ {V} ${md}, using the table.`,
        value: V,
      },
      doubt: `[[Actually, I could just use Fermat's little theorem on the exponent directly.|Hmm, Fermat's little theorem should make this quicker.]]`,
    });
  // Fermat by square-and-multiply
  const altLines = [
    `[[By Fermat's little theorem, ${a}^${m - 1} ≡ 1 ${md}, and ${n} = ${m - 1} ${x} ${Math.floor(n / (m - 1))} + ${t}.|Since ${m} is prime and doesn't divide ${a}, ${a}^${m - 1} ≡ 1 ${md}. Also ${n} mod ${m - 1} = ${t}.]]`,
  ];
  let altResult: string;
  if (t === 0) altResult = `So ${a}^${n} ≡ 1^${Math.floor(n / (m - 1))} ≡ {V} ${md}.`;
  else {
    const sq: number[] = [b];
    const steps: string[] = a >= m ? [`${a} ≡ ${b}`] : [];
    for (let e = 2; e <= t; e *= 2) {
      const prev = sq[sq.length - 1];
      sq.push((prev * prev) % m);
      steps.push(`${a}^${e} ≡ ${prev}^2 = ${prev * prev} ≡ ${sq[sq.length - 1]}`);
    }
    const fac: number[] = [];
    const ex: number[] = [];
    for (let i = 0; 1 << i <= t; i++)
      if (t & (1 << i)) {
        fac.push(sq[i]);
        ex.push(1 << i);
      }
    if (steps.length) altLines.push(`[[Squaring repeatedly: ${steps.join(', ')}.|Repeated squaring: ${steps.join('; ')}.]]`);
    const prod = fac.reduce((p, f) => p * f, 1);
    altResult =
      fac.length === 1
        ? `So ${a}^${n} ≡ ${a}^${t} ≡ {V} ${md}.`
        : `So ${a}^${n} ≡ ${a}^${t} = ${ex.map((e) => `${a}^${e}`).join(' ' + x + ' ')} ≡ ${fac.join(' ' + x + ' ')} = ${prod} ≡ {V} ${md}.`;
  }
  const last = pw[L - 2];
  return {
    task: 'number-theory/remainder',
    query: `What is the remainder when $${a}^{${n}}$ is divided by $${m}$?`,
    restate: `find the remainder when ${a}^${n} is divided by ${m}`,
    given: `[[The base is ${a}, the exponent is ${n}, and the modulus is ${m}.|Base ${a}, exponent ${n}, dividing by ${m}.]]`,
    method: `[[looking for a cycle in the powers of ${a} modulo ${m}|finding the period of ${a} mod ${m}]]`,
    tangent: `[[Alternatively, maybe a binomial expansion? Writing ${a} as ${a < m ? `${m} - ${m - a}` : `${m} + ${a - m}`}... that gets messy with an exponent of ${n}. Let me stick with the cycle.|I briefly considered expanding ${a}^${n} with the binomial theorem, but that's a mess for exponent ${n}. Cycles are the way.]]`,
    noun: 'the remainder',
    vpre: '',
    pre: [
      `[[Computing ${a}^${n} directly is hopeless—it has about ${c.F(Math.floor(n * Math.log10(a)) + 1)} digits.|${a}^${n} is enormous (roughly ${c.F(Math.floor(n * Math.log10(a)) + 1)} digits), so direct computation is out.]]`,
    ],
    setup: [
      `[[Let me compute the first few powers of ${a} modulo ${m}:|Powers of ${a}, reduced mod ${m}:]]\n${tbl}`,
      `[[So the powers cycle with period ${L}.|The cycle length is ${L}.]]`,
    ],
    why: `[[The idea is that once a power hits 1, everything after it repeats.|Key fact: as soon as some power is 1 mod ${m}, the sequence of powers repeats.]]`,
    midMin: 1,
    mid: `[[Does the cycle really start at the first power? Since ${a} and ${m} are coprime, the powers are purely periodic, so yes.|I should make sure the pattern repeats from the very beginning. ${a} and ${m} share no factor, so it's purely periodic. Fine.]]`,
    right: {
      lines: [`[[Now reduce the exponent: ${n} = ${L} ${x} ${q} + ${s}.|Next, ${n} divided by ${L} gives quotient ${q}, remainder ${s}.]]`],
      result: s === 0 ? `So ${a}^${n} = (${a}^${L})^${q} ≡ 1^${q} ≡ {V} ${md}.` : `So ${a}^${n} ≡ ${a}^${s} ≡ {V} ${md}.`,
      value: V,
    },
    concl: [
      `[[So the remainder is {V}.~Therefore, the remainder when ${a}^${n} is divided by ${m} is {V}.|The remainder comes out to {V}.~So ${a}^${n} leaves a remainder of {V}.]]`,
    ],
    recall: `the powers of ${a} repeat every ${L} steps`,
    alt: { name: `[[Fermat's little theorem|Fermat plus repeated squaring]]`, path: { lines: altLines, result: altResult, value: V } },
    check: {
      lines: [
        `[[Let me double-check the period: ${a}^${L - 1} ≡ ${last}, and ${last} ${x} ${b} = ${last * b} ≡ 1 ${md}, so the period really is ${L}.|Re-verifying the period: ${last} ${x} ${b} = ${last * b}, which is 1 mod ${m}. Okay, period ${L}.]]`,
        `[[And ${L} ${x} ${q} = ${L * q}, with ${n} - ${L * q} = ${s}.|Then ${L} ${x} ${q} = ${L * q}, and ${n} minus that is ${s}.]]`,
      ],
      result: `So ${a}^${n} ≡ ${a}^${idx} ≡ {V} ${md}.`,
      value: V,
    },
    sub: `${L} ${x} ${q} = ${L * q}, and ${n} - ${L * q} = ${s}. [[Correct.|Checks out.~That holds.]]`,
    wrongs,
  };
}

function pCount(c: Ctx): Prob {
  let a = 2;
  let b = 3;
  const wantShared = c.chance(0.5);
  for (;;) {
    a = c.ri(2, 12);
    b = c.ri(3, 18);
    if (a === b || a % b === 0 || b % a === 0) continue;
    if (wantShared !== gcd(a, b) > 1) continue;
    break;
  }
  if (a > b) [a, b] = [b, a];
  const g = gcd(a, b);
  const l = (a * b) / g;
  const N = c.ri(Math.max(100, 2 * l + 5), 3000);
  const strict = c.chance(0.5);
  const U = strict ? N - 1 : N;
  const neither = c.chance(0.35);
  const A = Math.floor(U / a);
  const B = Math.floor(U / b);
  const C = Math.floor(U / l);
  const either = A + B - C;
  const ans = neither ? U - either : either;
  const { F, x } = c;
  const cond = neither ? `neither ${a} nor ${b}` : `${a} or ${b}`;
  const V = F(ans);
  const lcmLine = `[[Numbers divisible by both are the multiples of lcm(${a}, ${b}) = ${l}: ${c.fl(U, l)} = ${C}.|The overlap is the multiples of ${l}, the lcm of ${a} and ${b}, and there are ${c.fl(U, l)} = ${C} of those.]]`;
  const conclTpl = neither
    ? [`[[So there are {V} integers divisible by neither.|That leaves {V} numbers that avoid both.]]`]
    : [`[[So there are {V} such integers.|That gives {V} integers in total.]]`];
  const rightPath: Path = neither
    ? {
        lines: [
          lcmLine,
          `[[So ${A} + ${B} - ${C} = ${F(either)} numbers are divisible by at least one of them.|That means ${F(either)} numbers are divisible by ${a} or ${b}.]]`,
        ],
        result: `${F(U)} - ${F(either)} = {V}.`,
        value: V,
      }
    : { lines: [lcmLine], result: `${A} + ${B} - ${C} = {V}.`, value: V };
  const wrongs: WrongPath[] = [
    {
      lines: neither
        ? [
            `[[So the count divisible by ${a} or ${b} is ${A} + ${B} = ${F(A + B)}.|Adding those, ${F(A + B)} numbers are divisible by ${a} or ${b}.]]`,
          ]
        : [],
      result: neither ? `${F(U)} - ${F(A + B)} = {V}.` : `${A} + ${B} = {V}.`,
      value: F(neither ? U - A - B : A + B),
      catchLines: [
        `[[I double-counted the numbers divisible by both ${a} and ${b}—multiples of ${l} got counted once as multiples of ${a} and again as multiples of ${b}.|Numbers like ${l} are multiples of both ${a} and ${b}, so they were counted twice. I need to subtract the overlap.]]`,
      ],
      fix: rightPath,
      doubt: `[[Do I really need to subtract anything? Each multiple is just a multiple; I'll add the two counts.|Maybe the overlap subtraction isn't needed here since I'm just counting multiples of each.]]`,
    },
  ];
  const C2 = Math.floor(U / (a * b));
  if (g > 1 && C2 !== C) {
    const e2 = A + B - C2;
    wrongs.push({
      lines: [
        `[[Numbers divisible by both are multiples of ${a} ${x} ${b} = ${a * b}: ${c.fl(U, a * b)} = ${C2}.|For the overlap, divisible by both means divisible by ${a * b}, and ${c.fl(U, a * b)} = ${C2}.]]`,
        ...(neither
          ? [`[[So ${A} + ${B} - ${C2} = ${F(e2)} are divisible by at least one.|That makes ${F(e2)} divisible by ${a} or ${b}.]]`]
          : []),
      ],
      result: neither ? `${F(U)} - ${F(e2)} = {V}.` : `${A} + ${B} - ${C2} = {V}.`,
      value: F(neither ? U - e2 : e2),
      catchLines: [
        `[[${a} and ${b} aren't coprime—they share a factor of ${g}. So "divisible by both" means divisible by lcm(${a}, ${b}) = ${l}, not ${a * b}.|The overlap should be multiples of the lcm, and since gcd(${a}, ${b}) = ${g}, the lcm is ${l}, not ${a * b}.]]`,
      ],
      fix: rightPath,
      doubt: `[[The numbers divisible by both ${a} and ${b} should be multiples of ${a * b}, shouldn't they? Let me redo the overlap with that.|Divisible by both ${a} and ${b} means divisible by their product, ${a * b}, right?]]`,
    });
  }
  if (neither)
    wrongs.push({
      lines: [lcmLine],
      result: `${A} + ${B} - ${C} = {V}.`,
      concl: [`[[So there are {V} such integers.|That gives {V} integers.]]`],
      value: F(either),
      catchLines: [
        `[[But wait, the problem says divisible by neither. I counted the ones divisible by at least one.|Re-reading: it asks for numbers divisible by neither ${a} nor ${b}. What I computed is the opposite.]]`,
      ],
      fix: {
        lines: [],
        result: `[[So the answer is the complement: ${F(U)} - ${F(either)} = {V}.|Taking the complement, ${F(U)} - ${F(either)} = {V}.]]`,
        value: V,
      },
      doubt: null,
    });
  // small case (tried values)
  const n0 = Math.min(40, 10 * a);
  const la = Array.from({ length: Math.floor(n0 / a) }, (_, i) => (i + 1) * a);
  const lb = Array.from({ length: Math.floor(n0 / b) }, (_, i) => (i + 1) * b);
  const e0 = new Set([...la, ...lb]).size;
  // blocks of l
  const k = l / a + l / b - 1;
  const qb = Math.floor(U / l);
  const rr = U % l;
  const ra = Math.floor(rr / a) + Math.floor(rr / b);
  const altLines = [
    `[[In each block of ${l} consecutive integers there are ${l / a} multiples of ${a}, ${l / b} of ${b}, and 1 of both, so ${k} numbers divisible by ${a} or ${b}.|Every run of ${l} integers has ${l / a} + ${l / b} - 1 = ${k} numbers divisible by ${a} or ${b}.]]`,
    `[[${F(U)} = ${l} ${x} ${qb} + ${rr}, so there are ${qb} full blocks contributing ${qb} ${x} ${k} = ${F(qb * k)}.|That's ${qb} full blocks (${l} ${x} ${qb} = ${F(l * qb)}), worth ${F(qb * k)}, with ${rr} left over.]]`,
    `[[The leftover 1 to ${rr} contains ${c.fl(rr, a)} + ${c.fl(rr, b)} = ${ra} more.|In the leftover stretch of ${rr} numbers: ${Math.floor(rr / a)} multiples of ${a} and ${Math.floor(rr / b)} of ${b}, so ${ra}.]]`,
  ];
  if (neither)
    altLines.push(`[[So ${F(qb * k)} + ${ra} = ${F(either)} are divisible by at least one.|In total ${F(either)} hit ${a} or ${b}.]]`);
  const est = neither ? U * (1 - 1 / a) * (1 - 1 / b) : U * (1 / a + 1 / b - 1 / (a * b));
  return {
    task: 'counting/inclusion-exclusion',
    query: `How many positive integers ${strict ? 'less than' : 'less than or equal to'} ${F(N)} are divisible by ${cond}?`,
    restate: `count the positive integers ${strict ? 'below' : 'up to'} ${F(N)} that are divisible by ${cond}`,
    given: `[[The bound is ${F(N)} and the two divisors are ${a} and ${b}.|The numbers in play: ${F(N)}, ${a}, ${b}.]]`,
    method: `[[inclusion-exclusion|counting multiples and subtracting the overlap]]`,
    tangent: `[[I could list them all, but with ${F(N)} numbers that's way too many.|Listing ${F(N)} numbers by hand is not happening, so I'll count.]]`,
    noun: neither ? 'the count' : 'the number of such integers',
    vpre: '',
    est: F(Math.round(est / 10) * 10),
    pre: [
      `[[Let me sanity-check the method on a small case first, say up to ${n0}.|Maybe try a tiny version first: numbers up to ${n0}.]] [[Multiples of ${a}: ${la.join(', ')}. Multiples of ${b}: ${lb.join(', ')}.|The ${a}s: ${la.join(', ')}; the ${b}s: ${lb.join(', ')}.]]`,
      `[[That's ${e0} distinct numbers for the small case, and ${la.length} + ${lb.length} - ${Math.floor(n0 / l)} = ${e0} from the formula. Good, the method works.|So ${e0} numbers up to ${n0}, and ${la.length} + ${lb.length} - ${Math.floor(n0 / l)} = ${e0} agrees.]]`,
    ],
    setup: [
      `[[Multiples of ${a} up to ${F(U)}: ${c.fl(U, a)} = ${A}.|First, how many multiples of ${a} are there up to ${F(U)}? That's ${c.fl(U, a)}, which is ${A}.]]`,
      `[[Multiples of ${b}: ${c.fl(U, b)} = ${B}.|Counting ${b}s: ${c.fl(U, b)} gives ${B}.]]`,
    ],
    why: `[[The point of inclusion-exclusion is that anything divisible by both would otherwise be counted twice.|Anything divisible by both gets hit twice, which is why there's a correction term.]]`,
    mid: strict
      ? `[[The problem says "less than ${F(N)}", so ${F(N)} itself is excluded and the range is 1 through ${F(U)}. Good, that's what I'm using.|It's strictly less than ${F(N)}, so I stop at ${F(U)}.]]`
      : `[[It says "less than or equal to", so ${F(N)} itself counts if it qualifies; the range is 1 through ${F(N)}.|The bound is inclusive, so ${F(N)} is in the range.]]`,
    right: rightPath,
    concl: conclTpl,
    recall: `there are ${A} multiples of ${a}, ${B} of ${b}, and ${C} of both`,
    alt: {
      name: `[[counting in blocks of ${l}|periodicity mod ${l}]]`,
      path: { lines: altLines, result: neither ? `${F(U)} - ${F(either)} = {V}.` : `${F(qb * k)} + ${ra} = {V}.`, value: V },
    },
    check: {
      lines: [
        `[[Let me recount the multiples of ${a}: ${a} ${x} ${A} = ${F(a * A)} ≤ ${F(U)} and ${a} ${x} ${A + 1} = ${F(a * (A + 1))} > ${F(U)}, so ${A} is right.|For ${a}, the largest multiple is ${a} ${x} ${A} = ${F(a * A)}, since ${F(a * (A + 1))} overshoots ${F(U)}. So ${A}.]]`,
        `[[For ${b}: ${b} ${x} ${B} = ${F(b * B)}, and ${F(b * (B + 1))} is too big. And ${l} ${x} ${C} = ${F(l * C)} for the overlap.|Same for ${b}: ${b} ${x} ${B} = ${F(b * B)}, next is past the bound. Overlap: ${l} ${x} ${C} = ${F(l * C)}, so ${C}.]]`,
      ],
      result: neither ? `So ${F(U)} - (${A} + ${B} - ${C}) = {V}.` : `So ${A} + ${B} - ${C} = {V}.`,
      value: V,
    },
    sub: `${a} ${x} ${A} = ${F(a * A)}, and ${F(a * A + a)} would exceed ${F(U)}. [[Correct.|Checks out.~That holds.]]`,
    wrongs,
  };
}

function pProb(c: Ctx): Prob {
  let r = 3;
  let bl = 3;
  let kind: 'rr' | 'rb' = 'rr';
  let T = 1;
  let Fv = 1;
  let g = 1;
  for (;;) {
    r = c.ri(3, 12);
    bl = c.ri(3, 12);
    kind = c.chance(0.5) ? 'rr' : 'rb';
    const t = r + bl;
    T = (t * (t - 1)) / 2;
    Fv = kind === 'rr' ? (r * (r - 1)) / 2 : r * bl;
    g = gcd(Fv, T);
    if (g > 1 || c.chance(0.3)) break;
  }
  const t = r + bl;
  const m = Fv / g;
  const n = T / g;
  const { x } = c;
  const V = String(m + n);
  const ev = kind === 'rr' ? 'both are red' : 'one is red and one is blue';
  const favLine =
    kind === 'rr'
      ? `[[Favorable outcomes: both red, C(${r}, 2) = ${r} ${x} ${r - 1} / 2 = ${Fv}.|Ways to pick two reds: C(${r}, 2) = ${Fv}.]]`
      : `[[Favorable outcomes: one red and one blue, ${r} ${x} ${bl} = ${Fv}.|Ways to pick one of each color: ${r} ${x} ${bl} = ${Fv}.]]`;
  const redLine =
    g > 1
      ? `[[Simplify: gcd(${Fv}, ${T}) = ${g}, so that's ${m}/${n}.|Both are divisible by ${g}, giving ${m}/${n}.]]`
      : `[[${Fv} and ${T} share no common factor, so it's already reduced: m = ${m}, n = ${n}.|gcd(${Fv}, ${T}) = 1, so m = ${m} and n = ${n}.]]`;
  const seqLines =
    kind === 'rr'
      ? [
          `[[First red: ${r}/${t}. Second red given the first was red: ${r - 1}/${t - 1}.|The first draw is red with probability ${r}/${t}; then ${r - 1} reds remain among ${t - 1}.]]`,
          `[[Product: ${r * (r - 1)}/${t * (t - 1)}, which reduces to ${m}/${n}.|Multiplying gives ${r * (r - 1)}/${t * (t - 1)} = ${m}/${n} in lowest terms.]]`,
        ]
      : [
          `[[Red then blue: ${r}/${t} ${x} ${bl}/${t - 1} = ${r * bl}/${t * (t - 1)}. Blue then red is the same.|P(red, blue) = ${r}/${t} ${x} ${bl}/${t - 1} = ${r * bl}/${t * (t - 1)}, and P(blue, red) is equal.]]`,
          `[[So the total is ${2 * r * bl}/${t * (t - 1)} = ${m}/${n}.|Doubling: ${2 * r * bl}/${t * (t - 1)}, which is ${m}/${n}.]]`,
        ];
  const wrongs: WrongPath[] = [];
  if (g > 1)
    wrongs.push({
      lines: [
        favLine,
        `[[So the probability is ${Fv}/${T}, which means m = ${Fv} and n = ${T}.|Probability ${Fv}/${T}, so m = ${Fv}, n = ${T}.]]`,
      ],
      result: `m + n = ${Fv} + ${T} = {V}.`,
      value: String(Fv + T),
      catchLines: [
        `[[But wait, the problem says m and n are relatively prime, and ${Fv}/${T} isn't reduced—both are divisible by ${g}.|The fraction ${Fv}/${T} is not in lowest terms: the gcd is ${g}.]]`,
      ],
      fix: { lines: [`[[So the probability is ${m}/${n}.|Reduced, it's ${m}/${n}.]]`], result: `m + n = ${m} + ${n} = {V}.`, value: V },
      doubt: `[[Maybe I shouldn't have reduced. I'll take m and n as the raw counts.|Perhaps m and n are meant to be the counts ${Fv} and ${T} directly.]]`,
    });
  const F2 = kind === 'rr' ? r * r : 2 * r * bl;
  const T2 = t * t;
  const g2 = gcd(F2, T2);
  if (F2 / g2 + T2 / g2 !== m + n)
    wrongs.push({
      lines: [
        kind === 'rr'
          ? `[[The chance the first is red is ${r}/${t}, and the second is red also ${r}/${t}, so ${F2}/${T2}.|Each draw is red with probability ${r}/${t}, so both red is ${F2}/${T2}.]]`
          : `[[Red then blue is ${r}/${t} ${x} ${bl}/${t}, and blue then red is the same, so 2 ${x} ${r * bl}/${T2} = ${F2}/${T2}.|P = 2 ${x} (${r}/${t})(${bl}/${t}) = ${F2}/${T2}.]]`,
        g2 > 1
          ? `[[That reduces to ${F2 / g2}/${T2 / g2}.|In lowest terms: ${F2 / g2}/${T2 / g2}.]]`
          : `[[That's already in lowest terms.|No common factor to cancel.]]`,
      ],
      result: `m + n = ${F2 / g2} + ${T2 / g2} = {V}.`,
      value: String(F2 / g2 + T2 / g2),
      catchLines: [
        `[[But wait, the problem says without replacement. After the first draw there are only ${t - 1} marbles left.|Without replacement—the second draw is out of ${t - 1}, not ${t}.]]`,
      ],
      fix: { lines: seqLines, result: `m + n = ${m} + ${n} = {V}.`, value: V },
      doubt: `[[I wonder if the draws can be treated as independent. Let me use ${r}/${t} for each.|Maybe it's simpler to treat the two draws as independent.]]`,
    });
  return {
    task: 'probability/m-plus-n',
    query: `A bag contains ${r} red marbles and ${bl} blue marbles. Two marbles are drawn at random without replacement. The probability that ${ev} is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.`,
    restate: `find m + n, where m/n is the probability that ${ev} when two marbles are drawn without replacement from ${r} red and ${bl} blue`,
    given: `[[${r} red, ${bl} blue, so ${t} marbles total, and two are drawn.|There are ${r} red and ${bl} blue marbles, two drawn without replacement.]]`,
    method: `[[counting pairs with combinations|comparing favorable pairs to total pairs]]`,
    tangent: `[[Maybe I could draw a probability tree... but with ${t} marbles, combinations are quicker.|A tree diagram would work, but counting pairs is faster.]]`,
    noun: 'm + n',
    vpre: '',
    pre: [
      `[[What if there were just 2 red and 2 blue? Then C(4, 2) = 6 pairs, ${kind === 'rr' ? '1 of them both red, so 1/6' : '4 of them mixed, so 4/6 = 2/3'}. Makes sense.|Small case: 2 red, 2 blue gives 6 pairs, ${kind === 'rr' ? 'only 1 all red, so 1/6' : '4 with one of each, 2/3'}. As expected.]]`,
    ],
    setup: [
      `[[Total number of ways to choose 2 marbles from ${t}: C(${t}, 2) = ${t} ${x} ${t - 1} / 2 = ${T}.|There are C(${t}, 2) = ${T} unordered pairs in all.]]`,
    ],
    why: `[[Each pair of marbles is equally likely, so the probability is favorable pairs over total pairs.|All pairs are equally likely, so it's a ratio of counts.]]`,
    mid: `[[Does order matter here? If I count ordered draws, numerator and denominator both double, so the ratio is the same. Unordered is fine.|Should I use ordered pairs? It doesn't matter as long as I'm consistent—the factor of 2 cancels.]]`,
    right: {
      lines: [favLine, `[[So the probability is ${Fv}/${T}.|Probability: ${Fv}/${T}.]]`, redLine],
      result: `m + n = ${m} + ${n} = {V}.`,
      value: V,
    },
    concl: [`[[So m + n = {V}.|Hence m + n is {V}.]]`],
    recall: `the probability reduces to ${m}/${n}`,
    alt: {
      name: `[[multiplying step-by-step probabilities|sequential draws]]`,
      path: { lines: seqLines, result: `[[Same fraction, so m + n = {V}.|Again m + n = ${m} + ${n} = {V}.]]`, value: V },
    },
    check: {
      lines: [
        g > 1
          ? `[[Let me re-verify the reduction: ${m} ${x} ${g} = ${Fv} and ${n} ${x} ${g} = ${T}, and ${m} and ${n} have no common factor.|Checking the fraction: ${Fv} ÷ ${g} = ${m}, ${T} ÷ ${g} = ${n}, and gcd(${m}, ${n}) = 1.]]`
          : `[[Double-checking that ${Fv}/${T} can't be reduced: gcd(${Fv}, ${T}) = 1. Right.|Is ${Fv}/${T} really in lowest terms? gcd is 1, yes.]]`,
        `[[And C(${t}, 2) = ${t * (t - 1)}/2 = ${T}.|The denominator: ${t} ${x} ${t - 1} / 2 = ${T}.]]`,
      ],
      result: `So m + n = ${m} + ${n} = {V}.`,
      value: V,
    },
    sub: `C(${t}, 2) = ${t * (t - 1)}/2 = ${T}. [[Yes.|Checks out.~That holds.]]`,
    wrongs,
  };
}

function pGeom(c: Ctx): Prob {
  const tr = c.pick([
    [3, 4, 5],
    [5, 12, 13],
    [8, 15, 17],
    [7, 24, 25],
    [20, 21, 29],
    [9, 40, 41],
    [12, 35, 37],
  ]);
  const k = tr[2] > 20 ? c.ri(1, 2) : c.ri(1, 4);
  const sw = c.chance(0.5);
  const t0 = sw ? tr[1] : tr[0];
  const t1 = sw ? tr[0] : tr[1];
  const a = k * t0;
  const b = k * t1;
  const cc = k * tr[2];
  const rect = c.chance(0.5);
  const u = c.pick([
    { len: '', area: '' },
    { len: ' cm', area: ' square centimeters' },
    { len: ' units', area: ' square units' },
    { len: ' m', area: ' m^2' },
  ]);
  const { x } = c;
  const area = rect ? a * b : (a * b) / 2;
  const V = String(area);
  const half = (n: number) => (n % 2 === 0 ? String(n / 2) : (n / 2).toFixed(1));
  const rightRes = rect
    ? `[[Area = ${a} ${x} ${b} = {V}.|So the area is ${a} ${x} ${b} = {V}.]]`
    : `[[Area = (1/2) ${x} ${a} ${x} ${b} = {V}.|Half of ${a} ${x} ${b}: {V}.]]`;
  const wrongs: WrongPath[] = rect
    ? [
        {
          lines: [],
          result: `[[Area = ${a} ${x} ${b} / 2 = {V}.|Half of ${a} ${x} ${b} gives {V}.]]`,
          value: half(a * b),
          catchLines: [
            `[[Why did I divide by 2? That's the triangle formula. The rectangle's area is just length times width.|I halved it, but that's the area of one of the two triangles, not the rectangle.]]`,
          ],
          fix: { lines: [], result: rightRes, value: V },
          doubt: `[[The diagonal splits it into two triangles... maybe I should be using the triangle area?|Since I used a right triangle to find the side, maybe the area is the triangle's.]]`,
        },
        {
          lines: [`[[So the sides are ${a} and ${cc}.|The rectangle is ${a} by ${cc}.]]`],
          result: `[[Area = ${a} ${x} ${cc} = {V}.|That makes the area ${a} ${x} ${cc} = {V}.]]`,
          value: String(a * cc),
          catchLines: [
            `[[${cc} is the diagonal, not a side. The other side is the ${b} I just computed.|I used the diagonal as a side length. The sides are ${a} and ${b}.]]`,
          ],
          fix: { lines: [], result: rightRes, value: V },
          doubt: null,
        },
      ]
    : [
        {
          lines: [],
          result: `[[Area = ${a} ${x} ${b} = {V}.|Multiplying the legs: ${a} ${x} ${b} = {V}.]]`,
          value: String(a * b),
          catchLines: [
            `[[A triangle's area is half base times height; I forgot the 1/2.|That's the area of the full rectangle on those legs; the triangle is half of it.]]`,
          ],
          fix: { lines: [], result: rightRes, value: V },
          doubt: `[[Is the 1/2 right here? The legs are perpendicular, so base times height... I'll drop the half.|Maybe with two perpendicular legs it's simply their product.]]`,
        },
        {
          lines: [`[[Take the base as ${a} and the height as ${cc}.|Base ${a}, height ${cc}.]]`],
          result: `[[Area = (1/2) ${x} ${a} ${x} ${cc} = {V}.|So half of ${a} ${x} ${cc}, which is {V}.]]`,
          value: half(a * cc),
          catchLines: [
            `[[The height has to be perpendicular to the base. The hypotenuse isn't perpendicular to the leg ${a}; the other leg ${b} is.|I used ${cc} as the height, but ${cc} is the hypotenuse. The legs are the perpendicular pair.]]`,
          ],
          fix: { lines: [], result: rightRes, value: V },
          doubt: null,
        },
      ];
  const p0 = Math.min(tr[0], tr[1]);
  const p1 = Math.max(tr[0], tr[1]);
  const base = rect ? p0 * p1 : (p0 * p1) / 2;
  const altLines = [
    k === 1
      ? `[[${a}, ${b}, ${cc} is exactly the ${p0}-${p1}-${tr[2]} triple.|These are the sides of the ${p0}-${p1}-${tr[2]} right triangle.]]`
      : `[[${a}, ${b}, ${cc} is ${k} times the ${p0}-${p1}-${tr[2]} triple, so areas scale by ${k}^2 = ${k * k}.|Scaling: it's the ${p0}-${p1}-${tr[2]} triple times ${k}, so the area is ${k * k} times the basic one.]]`,
    rect
      ? `[[The basic ${p0}-by-${p1} rectangle has area ${base}.|A ${p0} by ${p1} rectangle has area ${base}.]]`
      : `[[The basic triangle has area ${p0} ${x} ${p1} / 2 = ${base}.|Basic triangle: (1/2)(${p0})(${p1}) = ${base}.]]`,
  ];
  return {
    task: 'geometry/area',
    query: rect
      ? `A rectangle has a diagonal of length ${cc}${u.len} and one side of length ${a}${u.len}. What is the area of the rectangle?`
      : `A right triangle has a hypotenuse of length ${cc}${u.len} and one leg of length ${a}${u.len}. What is the area of the triangle?`,
    restate: rect
      ? `find the area of a rectangle with diagonal ${cc} and one side ${a}`
      : `find the area of a right triangle with hypotenuse ${cc} and a leg of ${a}`,
    given: rect
      ? `[[Diagonal ${cc}, one side ${a}.|The diagonal is ${cc} and a side is ${a}.]]`
      : `[[Hypotenuse ${cc}, one leg ${a}.|Hypotenuse ${cc}, leg ${a}, and the other leg is unknown.]]`,
    method: `[[the Pythagorean theorem|using Pythagoras to get the missing side]]`,
    tangent: `[[Maybe I could set up coordinates, with one corner at the origin... that's overkill here.|Coordinates would also work, but that's more machinery than needed.]]`,
    noun: 'the area',
    vpre: '',
    pre: [],
    setup: [
      rect
        ? `[[By the Pythagorean theorem, the other side b satisfies ${a}^2 + b^2 = ${cc}^2.|The diagonal splits the rectangle into two right triangles, so ${a}^2 + b^2 = ${cc}^2.]]`
        : `[[Let the other leg be b. Then ${a}^2 + b^2 = ${cc}^2.|Pythagoras: ${a}^2 + b^2 = ${cc}^2 for the missing leg b.]]`,
      `[[${cc}^2 = ${cc * cc} and ${a}^2 = ${a * a}, so b^2 = ${cc * cc - a * a}.|That's b^2 = ${cc * cc} - ${a * a} = ${cc * cc - a * a}.]]`,
      `[[b = √${b * b} = ${b}.|So b = ${b}, since ${b}^2 = ${b * b}.]]`,
    ],
    why: `[[Once I have both sides, the area is immediate.|Everything hinges on the missing side.]]`,
    mid: rect
      ? `[[Is the ${cc} definitely the diagonal and not a side? The problem says diagonal, yes.|The diagonal is the longest segment, so ${cc} > ${a} makes sense.]]`
      : `[[The hypotenuse is the longest side, and ${cc} > ${a}, consistent.|Need to make sure ${a} is a leg, not the hypotenuse. The problem says leg, so that's settled.]]`,
    right: { lines: [], result: rightRes, value: V },
    concl: [`[[So the area is {V}${u.area}.|The area comes out to {V}${u.area}.]]`],
    recall: `the other side is ${b}`,
    alt: {
      name: `[[the triple directly|recognizing the Pythagorean triple]]`,
      path: { lines: altLines, result: k === 1 ? `[[So the area is {V}.|Area: {V}.]]` : `${k * k} ${x} ${base} = {V}.`, value: V },
    },
    check: {
      lines: [
        `[[Check: ${a}^2 + ${b}^2 = ${a * a} + ${b * b} = ${cc * cc} = ${cc}^2, as it should be.|Verify the side: ${a * a} + ${b * b} = ${cc * cc}, which is ${cc}^2.]]`,
      ],
      result: rect
        ? `[[Then the area is ${a} ${x} ${b} = {V}.|Then ${a} ${x} ${b} = {V} for the area.]]`
        : `[[So the area is ${a} ${x} ${b} / 2 = {V}.|Then (${a} ${x} ${b})/2 = {V}.]]`,
      value: V,
    },
    sub: `${cc}^2 = ${cc * cc}. [[Yes.|Checks out.~That holds.]]`,
    wrongs,
  };
}

function pDigits(c: Ctx): Prob {
  const k = c.ri(12, 60);
  let m = 11;
  do m = c.ri(11, 999);
  while (m % 10 === 0);
  const d = String(m).length;
  const top = 10 ** d - m;
  const padded = String(top).padStart(d, '0');
  const dt = dsum(top);
  const ans = 9 * (k - d) + dt;
  if (ans !== 9 * k - dsum(m - 1)) throw new Error('digit identity');
  const { x } = c;
  const V = String(ans);
  const k0 = d + 2;
  const v0 = 10 ** k0 - m;
  const rightLines = [
    `[[The difference has ${k} digits, so there are ${k - d} nines in front of ${padded}.|It's ${k} digits long: ${k - d} nines, then ${padded}.]]`,
    `[[The digits of ${padded} add to ${padded.split('').join(' + ')} = ${dt}.|Digit sum of the tail ${padded}: ${dt}.]]`,
  ];
  const rightRes = `9 ${x} ${k - d} + ${dt} = ${9 * (k - d)} + ${dt} = {V}.`;
  return {
    task: 'number-theory/digit-sum',
    query: `What is the sum of the digits of $10^{${k}} - ${m}$?`,
    restate: `find the sum of the digits of 10^${k} - ${m}`,
    given: `[[The number is 10^${k} minus ${m}.|It's 10 to the ${k}th, minus ${m}.]]`,
    method: `[[figuring out what the digits look like|finding the digit pattern first]]`,
    tangent: `[[Could I just write the whole number out? It has ${k} digits, which is a lot, but the pattern should be simple.|Writing out all ${k} digits is possible but tedious; better to see the structure.]]`,
    noun: 'the sum of the digits',
    vpre: '',
    pre: [
      `[[Let me try a small case to see the pattern: 10^${k0} - ${m} = ${v0}, digit sum ${dsum(v0)}.|What if the exponent were just ${k0}? Then 10^${k0} - ${m} = ${v0}, with digit sum ${dsum(v0)}.]]`,
      `[[And 10^${k0 + 1} - ${m} = ${10 ** (k0 + 1) - m}, digit sum ${dsum(10 ** (k0 + 1) - m)}. Each extra power adds a 9.|One more: 10^${k0 + 1} - ${m} = ${10 ** (k0 + 1) - m}, sum ${dsum(10 ** (k0 + 1) - m)}. So each step adds 9.]]`,
    ],
    setup: [
      `[[10^${k} is a 1 followed by ${k} zeros.|Start with 10^${k}: a one and then ${k} zeros.]]`,
      `[[The last ${d} digits of the difference come from 10^${d} - ${m} = ${top}.|The tail is 10^${d} - ${m} = ${top}.]]`,
    ],
    why: `[[Subtracting a small number from a power of 10 always gives a block of 9s followed by a short tail.|10^k minus something small is nines followed by the complement of that something.]]`,
    mid: `[[Is there any borrowing that would change things? Subtracting ${m} from 1000...0 borrows all the way, which is exactly what turns the zeros into 9s.|Borrowing only affects the zeros, turning them into 9s; the leading 1 disappears.]]`,
    right: { lines: rightLines, result: rightRes, value: V },
    concl: [`[[So the sum of the digits is {V}.|The digit sum comes out to {V}.]]`],
    recall: `there are ${k - d} nines followed by ${padded}`,
    alt: {
      name: `[[writing it as (10^${k} - 1) - ${m - 1}|subtracting from a string of 9s]]`,
      path: {
        lines: [
          `[[10^${k} - ${m} = (10^${k} - 1) - ${m - 1}, and 10^${k} - 1 is ${k} nines, digit sum ${9 * k}.|10^${k} - 1 is ${k} nines (digit sum ${9 * k}), and 10^${k} - ${m} is that minus ${m - 1}.]]`,
          `[[Subtracting ${m - 1} from a string of 9s never borrows, so the digit sum drops by the digit sum of ${m - 1}, which is ${dsum(m - 1)}.|No borrowing happens when subtracting from 9s, so I just lose ${dsum(m - 1)}, the digit sum of ${m - 1}.]]`,
        ],
        result: `${9 * k} - ${dsum(m - 1)} = {V}.`,
        value: V,
      },
    },
    check: {
      lines: [
        `[[Let me recount the digits: the number has ${k} digits, the last ${d} are ${padded}, so ${k} - ${d} = ${k - d} nines.|Counting again: ${k} digits total, ${d} of them in the tail ${padded}, leaving ${k - d} nines.]]`,
      ],
      result: `[[So 9 ${x} ${k - d} = ${9 * (k - d)}, plus ${dt}, gives {V}.|Nines contribute ${9 * (k - d)}, the tail ${dt}, total {V}.]]`,
      value: V,
    },
    sub: `10^${d} - ${m} = ${top}. [[Yes.|Checks out.~That holds.]]`,
    wrongs: [
      {
        lines: [
          `[[10^${k} has ${k + 1} digits, so in front of ${padded} there are ${k + 1} - ${d} = ${k - d + 1} nines.|Since 10^${k} is ${k + 1} digits long, that leaves ${k - d + 1} nines ahead of ${padded}.]]`,
          `[[The tail ${padded} has digit sum ${dt}.|Tail digits: ${dt}.]]`,
        ],
        result: `9 ${x} ${k - d + 1} + ${dt} = {V}.`,
        value: String(9 * (k - d + 1) + dt),
        catchLines: [
          `[[The leading 1 of 10^${k} disappears in the subtraction, so the difference has only ${k} digits. That means ${k - d} nines, not ${k - d + 1}.|I counted the leading 1 as a digit position. The result has ${k} digits, so the nines number ${k - d}.]]`,
        ],
        fix: { lines: [`[[The tail ${padded} has digit sum ${dt}.|Tail digits: ${dt}.]]`], result: rightRes, value: V },
        doubt: `[[How many digits does it have, exactly? 10^${k} has ${k + 1} digits...|Let me recount how many nines there are—10^${k} is ${k + 1} digits long.]]`,
      },
      {
        lines: [
          `[[Another thought: 10^${k} - 1 is ${k} nines with digit sum ${9 * k}. Then I subtract the digit sum of ${m}, which is ${dsum(m)}.|Shortcut: ${k} nines have digit sum ${9 * k}, and taking away ${m} removes ${dsum(m)} from it.]]`,
        ],
        result: `${9 * k} - ${dsum(m)} = {V}.`,
        value: String(9 * k - dsum(m)),
        catchLines: [
          `[[But 10^${k} - ${m} is (10^${k} - 1) - ${m - 1}, not (10^${k} - 1) - ${m}. I'm off by one in what I subtract.|I subtracted ${m} from 99...9, but 99...9 is 10^${k} - 1, so I should subtract ${m - 1}.]]`,
        ],
        fix: {
          lines: [`[[The digit sum of ${m - 1} is ${dsum(m - 1)}.|${m - 1} has digit sum ${dsum(m - 1)}.]]`],
          result: `${9 * k} - ${dsum(m - 1)} = {V}.`,
          value: V,
        },
        doubt: `[[There's a quicker way: start from a string of 9s.|Actually the string-of-9s trick is faster.]]`,
      },
    ],
  };
}

function pDivisors(c: Ctx): Prob {
  let ps: number[] = [];
  let es: number[] = [];
  let N = 1;
  for (;;) {
    const cnt = c.chance(0.5) ? 2 : 3;
    const pool = [2, 3, 5, 7, 11, 13];
    ps = [];
    while (ps.length < cnt) {
      const p = c.pick(pool);
      if (!ps.includes(p)) ps.push(p);
    }
    ps.sort((u, v) => u - v);
    es = ps.map(() => c.ri(1, 5));
    N = ps.reduce((acc, p, i) => acc * p ** es[i], 1);
    if (N <= 3_000_000 && N >= 200 && es[0] >= 2) break;
  }
  const { x, F } = c;
  const ans = es.reduce((acc, e) => acc * (e + 1), 1);
  const V = String(ans);
  const fact = (ee: number[]) => ps.map((p, i) => `${p}^${ee[i]}`).join(` ${x} `);
  let cur = N;
  const chains: string[] = [];
  ps.forEach((p, i) => {
    const ch = [F(cur)];
    for (let j = 0; j < es[i]; j++) {
      cur /= p;
      ch.push(F(cur));
    }
    chains.push(
      `[[Dividing by ${p}: ${ch.join(' → ')}. That's ${es[i]} factor${es[i] > 1 ? 's' : ''} of ${p}.|Pull out ${p}s: ${ch.join(', ')}, so ${p}^${es[i]}.]]`,
    );
  });
  const plus = es.map((e) => `(${e}+1)`).join('');
  const mult = es.map((e) => e + 1).join(` ${x} `);
  const rightRes = `${plus} = ${mult} = {V}.`;
  const e2 = [es[0] - 1, ...es.slice(1)];
  return {
    task: 'number-theory/divisors',
    query: `How many positive divisors does ${F(N)} have?`,
    restate: `count the positive divisors of ${F(N)}`,
    given: `[[The number is ${F(N)}.|So the number in question is ${F(N)}.]]`,
    method: `[[prime factorization|factoring it and using the exponent formula]]`,
    tangent: `[[I could list the divisors one by one, but there might be dozens. Factoring is safer.|Listing divisors directly would be error-prone for a number this size.]]`,
    noun: 'the number of divisors',
    vpre: '',
    pre: [
      `[[For instance, 12 = 2^2 ${x} 3 has (2+1)(1+1) = 6 divisors: 1, 2, 3, 4, 6, 12. Right.|Sanity check of the formula on 12 = 2^2 ${x} 3: (2+1)(1+1) = 6, and indeed 1, 2, 3, 4, 6, 12.]]`,
    ],
    setup: chains,
    why: `[[Every divisor picks an exponent for each prime independently, which is why the counts multiply.|The exponent choices are independent, so the counts multiply.]]`,
    mid: `[[Does 1 count as a divisor? Yes, and so does ${F(N)} itself; the formula includes both.|The question says positive divisors, so 1 and ${F(N)} both count. The formula handles that.]]`,
    right: { lines: [`[[So ${F(N)} = ${fact(es)}.|Factorization: ${F(N)} = ${fact(es)}.]]`], result: rightRes, value: V },
    concl: [`[[So ${F(N)} has {V} positive divisors.|That gives {V} divisors.]]`],
    recall: `${F(N)} = ${fact(es)}`,
    alt: {
      name: `[[counting choices of exponents|building each divisor prime by prime]]`,
      path: {
        lines: [
          `[[A divisor looks like ${ps.map((p, i) => `${p}^e${i + 1}`).join(` ${x} `)} with each exponent between 0 and its maximum.|Every divisor is ${ps.map((p, i) => `${p}^e${i + 1}`).join(` ${x} `)}, exponents from 0 up to the max.]]`,
          `[[That's ${es.map((e, i) => `${e + 1} choices for e${i + 1}`).join(', ')}.|Choices: ${es.map((e) => e + 1).join(', ')}.]]`,
        ],
        result: `${mult} = {V}.`,
        value: V,
      },
    },
    check: {
      lines: [
        `[[Re-checking the exponents by multiplying back: ${ps.map((p, i) => F(p ** es[i])).join(` ${x} `)} = ${F(N)}.|Multiplying back: ${ps.map((p, i) => F(p ** es[i])).join(` ${x} `)} = ${F(N)}, so the exponents are right.]]`,
      ],
      result: `[[So the count is ${mult} = {V}.|Hence ${mult} = {V} divisors.]]`,
      value: V,
    },
    sub: `${ps[0]}^${es[0]} = ${F(ps[0] ** es[0])}. [[Right.|Checks out.~That holds.]]`,
    wrongs: [
      {
        lines: [`[[The number of divisors is the product of the exponents.|Multiply the exponents together.]]`],
        result: `${es.join(` ${x} `)} = {V}.`,
        value: String(es.reduce((acc, e) => acc * e, 1)),
        catchLines: [
          `[[Each exponent can range from 0 up to its max, so there are e + 1 choices, not e. I forgot the +1s.|The exponent of ${ps[0]} in a divisor can be 0, 1, ..., ${es[0]}: that's ${es[0] + 1} options.]]`,
        ],
        fix: { lines: [], result: rightRes, value: V },
        doubt: `[[Is the formula the product of the exponents, or exponents plus one? I'll go with the product of the exponents.|Maybe I'm misremembering the formula—I think it's just the exponents multiplied.]]`,
      },
      {
        lines: [`[[So ${F(N)} = ${fact(e2)}.|Factorization: ${F(N)} = ${fact(e2)}.]]`],
        result: `${e2.map((e) => `(${e}+1)`).join('')} = {V}.`,
        value: String(e2.reduce((acc, e) => acc * (e + 1), 1)),
        catchLines: [
          `[[I miscounted the ${ps[0]}s. Going back to the division chain, that's ${es[0]} divisions, not ${es[0] - 1}.|Recounting the factors of ${ps[0]}: there are ${es[0]} of them. I dropped one.]]`,
        ],
        fix: { lines: [`So ${F(N)} = ${fact(es)}.`], result: rightRes, value: V },
        doubt: null,
      },
    ],
  };
}

function pSeries(c: Ctx): Prob {
  let k = 3;
  let A = 10;
  let B = 100;
  let first = 0;
  let last = 0;
  let n = 0;
  for (;;) {
    k = c.ri(3, 19);
    A = c.ri(10, 200);
    B = A + c.ri(100, 2000);
    first = Math.ceil(A / k) * k;
    last = Math.floor(B / k) * k;
    n = (last - first) / k + 1;
    if (((n - 1) * (first + last)) % 2 === 0) break;
  }
  const sum = (n * (first + last)) / 2;
  const { x, F } = c;
  const V = F(sum);
  const j1 = first / k;
  const j2 = last / k;
  const T2 = (j2 * (j2 + 1)) / 2;
  const T1 = ((j1 - 1) * j1) / 2;
  const avg = (first + last) % 2 === 0 ? String((first + last) / 2) : ((first + last) / 2).toFixed(1);
  const rightRes = `[[Sum = ${n} ${x} (${F(first)} + ${F(last)})/2 = ${n} ${x} ${F(first + last)} / 2 = {V}.|Sum = (number of terms)(first + last)/2 = ${n} ${x} ${F(first + last)} / 2 = {V}.]]`;
  const rightLines = [
    `[[Number of terms: (${F(last)} - ${F(first)})/${k} + 1 = ${(last - first) / k} + 1 = ${n}.|The count of terms is (${F(last)} - ${F(first)})/${k} + 1 = ${n}.]]`,
  ];
  const sig = Math.pow(10, Math.max(0, String(Math.round(sum)).length - 2));
  return {
    task: 'algebra/arithmetic-series',
    query: `What is the sum of all multiples of ${k} between ${A} and ${F(B)}, inclusive?`,
    restate: `add up every multiple of ${k} from ${A} to ${F(B)}`,
    given: `[[The range is ${A} to ${F(B)}, multiples of ${k}.|Bounds ${A} and ${F(B)}, step ${k}.]]`,
    method: `[[the arithmetic series formula|treating it as an arithmetic sequence]]`,
    tangent: `[[Adding them one by one would take forever: there are over ${Math.floor((B - A) / k) - 1} terms.|Summing term by term is out; there are more than ${Math.floor((B - A) / k) - 1} of them.]]`,
    noun: 'the sum',
    vpre: '',
    est: F(Math.round(sum / sig) * sig),
    pre: [
      `[[Let me list the first few: ${first}, ${first + k}, ${first + 2 * k}, ... and so on.|The terms go ${first}, ${first + k}, ${first + 2 * k}, and so on.]]`,
    ],
    setup: [
      `[[The smallest multiple of ${k} that is at least ${A}: ${k} ${x} ${j1} = ${first}.|First multiple of ${k} at or above ${A} is ${first}.]]`,
      `[[Largest multiple of ${k} at most ${F(B)}: ${k} ${x} ${j2} = ${F(last)}.|The last one not exceeding ${F(B)} is ${k} ${x} ${j2} = ${F(last)}.]]`,
    ],
    why: `[[An arithmetic sequence's sum is the number of terms times the average of the first and last terms.|The sum of an arithmetic progression is (count) times (average of the ends).]]`,
    mid:
      A % k === 0
        ? `[[The problem says inclusive, and ${A} is itself a multiple of ${k}, so ${A} is in.|Since it's inclusive and ${k} divides ${A}, the first term is ${A} itself.]]`
        : `[[Is ${A} itself a multiple of ${k}? ${A} = ${k} ${x} ${Math.floor(A / k)} + ${A % k}, so no; the first term really is ${first}.|${A} leaves remainder ${A % k} mod ${k}, so it isn't included.]]`,
    right: { lines: rightLines, result: rightRes, value: V },
    concl: [`[[So the sum of the multiples is {V}.|That makes the total {V}.]]`],
    recall: `there are ${n} terms from ${first} to ${F(last)}`,
    alt: {
      name: `[[factoring out ${k}|writing each term as ${k} times an integer]]`,
      path: {
        lines: [
          `[[The terms are ${k} ${x} ${j1} through ${k} ${x} ${j2}.|Each term is ${k} times an integer from ${j1} to ${j2}.]]`,
          `[[Sum of ${j1} through ${j2}: ${j2} ${x} ${j2 + 1}/2 - ${j1 - 1} ${x} ${j1}/2 = ${F(T2)} - ${F(T1)} = ${F(T2 - T1)}.|${j1} + ... + ${j2} = ${F(T2)} - ${F(T1)} = ${F(T2 - T1)}.]]`,
        ],
        result: `[[Multiply by ${k}: ${k} ${x} ${F(T2 - T1)} = {V}.|Times ${k}: {V}.]]`,
        value: V,
      },
    },
    check: {
      lines: [
        `[[Recount the terms: multipliers ${j1} to ${j2} give ${j2} - ${j1} + 1 = ${n}. And the average term is (${first} + ${F(last)})/2 = ${avg}.|The average of first and last is ${avg}, and there are ${j2} - ${j1} + 1 = ${n} terms.]]`,
      ],
      result: `${n} ${x} ${avg} = {V}.`,
      value: V,
    },
    sub: `${k} ${x} ${j2} = ${F(last)} ≤ ${F(B)}. [[Yes.|Checks out.~That holds.]]`,
    wrongs: [
      {
        lines: [
          `[[Number of terms: (${F(last)} - ${F(first)})/${k} = ${n - 1}.|There are (${F(last)} - ${F(first)})/${k} = ${n - 1} terms.]]`,
        ],
        result: `[[Sum = ${n - 1} ${x} (${F(first)} + ${F(last)})/2 = {V}.|Then ${n - 1} ${x} ${F(first + last)} / 2 = {V}.]]`,
        value: F(((n - 1) * (first + last)) / 2),
        catchLines: [
          `[[I forgot the +1 when counting terms. From ${first} to ${F(last)} in steps of ${k}, that's ${n - 1} gaps but ${n} terms.|Fence-post error: (${F(last)} - ${F(first)})/${k} counts the gaps, not the terms. There are ${n} terms.]]`,
        ],
        fix: { lines: [], result: rightRes, value: V },
        doubt: `[[Is it (last - first)/${k} terms, or plus one? Let me redo the count.|I'm not sure about the +1 in the count.]]`,
      },
      {
        lines: [rightLines[0], `[[Sum = number of terms times (first + last).|Then multiply the count by first plus last.]]`],
        result: `[[Sum = ${n} ${x} ${F(first + last)} = {V}.|So ${n} ${x} ${F(first + last)} = {V}.]]`,
        value: F(n * (first + last)),
        catchLines: [
          `[[That's double—the formula has a /2. I multiplied by the sum of first and last instead of their average.|I need the average of the first and last terms, not their sum.]]`,
        ],
        fix: { lines: [], result: rightRes, value: V },
        doubt: null,
      },
    ],
  };
}

function pLinear(c: Ctx): Prob {
  let a1 = 1;
  let b1 = 1;
  let a2 = 1;
  let b2 = 1;
  let x0 = 1;
  let y0 = 1;
  for (;;) {
    x0 = c.ri(-9, 12);
    y0 = c.ri(-9, 12);
    a1 = c.ri(1, 7);
    b1 = c.ri(1, 7);
    a2 = c.ri(1, 7);
    b2 = c.chance(0.5) ? -c.ri(1, 6) : c.ri(1, 7);
    if (x0 !== 0 && y0 !== 0 && x0 + y0 !== 0 && a1 * b2 - a2 * b1 !== 0) break;
  }
  const { x } = c;
  const c1 = a1 * x0 + b1 * y0;
  const c2 = a2 * x0 + b2 * y0;
  const term = (co: number, v: string, lead: boolean) =>
    (co < 0 ? (lead ? '-' : ' - ') : lead ? '' : ' + ') + (Math.abs(co) === 1 ? '' : String(Math.abs(co))) + v;
  const eq = (p: number, q: number, r: number) => `${term(p, 'x', true)}${term(q, 'y', false)} = ${r}`;
  const eq1 = eq(a1, b1, c1);
  const eq2 = eq(a2, b2, c2);
  const D = a1 * b2 - a2 * b1;
  const Dx = c1 * b2 - c2 * b1;
  const Dy = a1 * c2 - a2 * c1;
  const V = String(x0 + y0);
  const m1 = a1 === a2 ? 1 : a2;
  const m2 = a1 === a2 ? 1 : a1;
  const cy = b1 * m1 - b2 * m2;
  const cr = c1 * m1 - c2 * m2;
  const setup: string[] = [];
  const co = (v: number) => (v === 1 ? '' : v === -1 ? '-' : String(v));
  if (a1 === a2)
    setup.push(
      `[[The x-coefficients already match, so subtract the second equation from the first.|Both equations have ${co(a1)}x, so subtracting eliminates x.]]`,
    );
  else
    setup.push(
      `[[Multiply the first equation by ${a2} and the second by ${a1}: ${eq(a1 * a2, b1 * a2, c1 * a2)} and ${eq(a1 * a2, b2 * a1, c2 * a1)}.|Scaling: ${a2} times the first gives ${eq(a1 * a2, b1 * a2, c1 * a2)}, and ${a1} times the second gives ${eq(a1 * a2, b2 * a1, c2 * a1)}.]]`,
    );
  setup.push(`[[Subtracting: ${co(cy)}y = ${cr}, so y = ${y0}.|Subtract to get ${co(cy)}y = ${cr}, hence y = ${y0}.]]`);
  setup.push(
    a1 === 1
      ? `[[Plug into the first equation: x + ${co(b1)}(${y0}) = ${c1}, so x = ${c1} - ${par(b1 * y0)} = ${x0}.|Back-substitute: x = ${c1} - ${par(b1 * y0)} = ${x0}.]]`
      : `[[Plug into the first equation: ${a1}x + ${co(b1)}(${y0}) = ${c1}, so ${a1}x = ${c1 - b1 * y0} and x = ${x0}.|Back-substitute: ${a1}x = ${c1} - ${par(b1 * y0)} = ${c1 - b1 * y0}, giving x = ${x0}.]]`,
  );
  const rightRes = `x + y = ${x0} + ${par(y0)} = {V}.`;
  return {
    task: 'algebra/linear-system',
    query: `If $${eq1}$ and $${eq2}$, what is the value of $x + y$?`,
    restate: `find x + y given ${eq1} and ${eq2}`,
    given: `[[Two equations: ${eq1} and ${eq2}.|The system is ${eq1}, ${eq2}.]]`,
    method: `[[elimination|solving the system by elimination]]`,
    tangent:
      a1 === 1
        ? `[[Maybe substitution? x = ${c1} - ${co(b1)}y, then plug into the second... doable, but elimination is just as quick.|Substituting x = ${c1} - ${co(b1)}y would work too, but I'll eliminate.]]`
        : `[[Maybe substitution is easier? From the first equation, x = (${c1} - ${co(b1)}y)/${a1}... fractions. Elimination is cleaner.|Substitution would drag fractions around (x = (${c1} - ${co(b1)}y)/${a1}), so I'll eliminate instead.]]`,
    noun: 'x + y',
    vpre: '',
    pre: [
      `[[Could I guess? Try x = 1: then ${co(b1)}y = ${c1 - a1}, y = ${(c1 - a1) / b1 === Math.round((c1 - a1) / b1) ? (c1 - a1) / b1 : `${c1 - a1}/${b1}`}, and the second equation... I'd have to check. Guessing isn't efficient.|Plugging in x = 1 as a test gives ${co(b1)}y = ${c1 - a1} from the first equation, which doesn't obviously fit the second. Let me just solve it.]]`,
    ],
    setup,
    why: `[[I don't necessarily need x and y separately, but solving for them is the safest route.|Sometimes x + y falls out directly, but here it's easiest to just find both.]]`,
    midMin: setup.length - 1,
    mid: `[[Let me double check that subtraction: ${c1 * m1} - ${par(c2 * m2)} = ${cr}. Yes.|Signs: ${b1 * m1} - ${par(b2 * m2)} = ${cy}, fine.]]`,
    right: { lines: [], result: rightRes, value: V },
    concl: [`[[So x + y = {V}.|Therefore x + y equals {V}.]]`],
    recall: `x = ${x0} and y = ${y0}`,
    alt: {
      name: `[[Cramer's rule|determinants]]`,
      path: {
        lines: [
          `D = ${a1} ${x} ${par(b2)} - ${a2} ${x} ${b1} = ${D}.`,
          `[[D_x = ${c1} ${x} ${par(b2)} - ${c2} ${x} ${b1} = ${Dx}, and D_y = ${a1} ${x} ${par(c2)} - ${a2} ${x} ${par(c1)} = ${Dy}.|Numerators: D_x = ${Dx}, D_y = ${Dy}.]]`,
        ],
        result: `x + y = (D_x + D_y)/D = (${Dx} + ${par(Dy)})/${par(D)} = {V}.`,
        value: V,
      },
    },
    check: {
      lines: [
        `[[Plugging back in: ${a1}(${x0}) + ${b1}(${y0}) = ${c1}, and ${a2}(${x0}) + ${par(b2)}(${y0}) = ${c2}. Both check out.|Substitute x = ${x0}, y = ${y0}: the first equation gives ${a1 * x0} + ${par(b1 * y0)} = ${c1}, the second gives ${a2 * x0} + ${par(b2 * y0)} = ${c2}. Both match.]]`,
      ],
      result: `[[So x + y = ${x0} + ${par(y0)} = {V}.|Then x + y is {V}.]]`,
      value: V,
    },
    sub: `${a1} ${x} ${par(x0)} = ${a1 * x0}. [[Right.|Checks out.~That holds.]]`,
    wrongs: [
      {
        lines: [],
        concl: [`[[So the answer is {V}.|That gives {V} as the answer.]]`],
        value: String(x0),
        catchLines: [`[[But wait, the problem asks for x + y, not x.|Re-reading the question, it wants x + y. I only reported x.]]`],
        fix: { lines: [], result: rightRes, value: V },
        doubt: null,
      },
      {
        lines: [],
        result: `x + y = ${x0} ${y0 < 0 ? '+' : '-'} ${Math.abs(y0)} = {V}.`,
        value: String(x0 - y0),
        catchLines: [`[[y is ${y0}, so adding it means ${x0} + ${par(y0)}. I flipped the sign.|Sign error: y = ${y0}, not ${-y0}.]]`],
        fix: { lines: [], result: rightRes, value: V },
        doubt: null,
      },
    ],
  };
}

function money(cents: number, comma: boolean): string {
  const d = Math.floor(cents / 100);
  const r = String(cents % 100).padStart(2, '0');
  const ds = comma && d >= 1000 ? String(d).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(d);
  return `${ds}.${r}`;
}

function pPercent(c: Ctx): Prob {
  let P = 20;
  let p = 10;
  let q = 10;
  for (;;) {
    P = c.ri(4, 300) * 5;
    p = c.pick([10, 15, 20, 25, 30, 40, 50]);
    q = c.pick([10, 15, 20, 25, 30, 40]);
    if ((P * (100 + p) * q) % 100 === 0) break;
  }
  const comma = c.F(1000) === '1,000';
  const M = (cents: number) => money(cents, comma);
  const { x } = c;
  const Xc = P * (100 + p);
  const Dc = (Xc * q) / 100;
  const fin = Xc - Dc;
  const V = M(fin);
  const incC = P * p;
  const f = ((100 + p) * (100 - q)) / 10000;
  const rightRes = `$${M(Xc)} - $${M(Dc)} = $` + '{V}.';
  const item = c.pick(['jacket', 'bicycle', 'lamp', 'television', 'desk']);
  return {
    task: 'arithmetic/percent',
    query: `A store raises the price of a $${c.F(P)} ${item} by ${p}%, and later offers ${q}% off the new price. What is the final price, in dollars?`,
    restate: `find the final price of a $${c.F(P)} ${item} after a ${p}% increase followed by a ${q}% discount`,
    given: `[[Original price $${c.F(P)}, up ${p}%, then down ${q}%.|Start at $${c.F(P)}, increase by ${p} percent, then take ${q} percent off.]]`,
    method: `[[applying the percentages one at a time|multiplying by the two factors]]`,
    tangent: `[[I should be careful about what each percentage is taken of—that's where these problems usually trip people up.|The trap in these is always what the percentage is a percentage of.]]`,
    noun: 'the final price',
    vpre: '$',
    pre: [
      `[[For a $100 item, +10% then -10% gives $110 and then $99, not $100. So the order of operations matters.|Quick example: $100 up 10% is $110, down 10% is $99. Not back to $100.]]`,
    ],
    setup: [
      `[[After the ${p}% increase: ${c.F(P)} ${x} ${(100 + p) / 100} = ${M(Xc)}.|The raise adds ${p}% of ${c.F(P)}, which is ${M(incC)}, so the new price is $${M(Xc)}.]]`,
    ],
    why: `[[A p% increase multiplies by (1 + p/100) and a q% discount multiplies by (1 - q/100).|Percentage changes act as multipliers.]]`,
    mid: `[[The discount is on the new price, not the original—the problem says "${q}% off the new price".|Important: the ${q}% comes off the raised price.]]`,
    right: { lines: [`[[${q}% of ${M(Xc)} is ${M(Dc)}.|The discount: ${q}% of $${M(Xc)} = $${M(Dc)}.]]`], result: rightRes, value: V },
    concl: [`[[So the final price is $` + `{V}.|The ${item} ends up costing $` + `{V}.]]`],
    recall: `the raised price is $${M(Xc)}`,
    alt: {
      name: `[[a single multiplier|combining the factors]]`,
      path: {
        lines: [
          `[[The combined factor is ${(100 + p) / 100} ${x} ${(100 - q) / 100} = ${f}.|Overall multiplier: ${(100 + p) / 100} ${x} ${(100 - q) / 100} = ${f}.]]`,
        ],
        result: `${c.F(P)} ${x} ${f} = $` + '{V}.',
        value: V,
      },
    },
    check: {
      lines: [
        `[[Let me re-verify: ${p}% of ${c.F(P)} is ${M(incC)}, plus ${c.F(P)} is ${M(Xc)}; ${q}% of ${M(Xc)} is ${M(Dc)}.|Re-checking: ${c.F(P)} + ${M(incC)} = ${M(Xc)}, and ${M(Xc)} ${x} ${q / 100} = ${M(Dc)}.]]`,
      ],
      result: `${M(Xc)} - ${M(Dc)} = {V}.`,
      value: V,
    },
    sub: `${p}% of ${c.F(P)} = ${M(incC)}. [[Right.|Checks out.~That holds.]]`,
    wrongs: [
      {
        lines: [`[[Net change is +${p}% - ${q}% = ${p - q}%.|Overall that's ${p - q >= 0 ? 'up' : 'down'} ${Math.abs(p - q)}%.]]`],
        result: `${c.F(P)} ${x} ${(100 + p - q) / 100} = $` + '{V}.',
        value: M(P * (100 + p - q)),
        catchLines: [
          `[[Percentages don't just add—the ${q}% is taken off the larger price $${M(Xc)}, not off $${c.F(P)}.|That shortcut is wrong: successive percentage changes multiply, they don't add.]]`,
        ],
        fix: { lines: [`[[${q}% of ${M(Xc)} is ${M(Dc)}.|The discount: ${q}% of $${M(Xc)} = $${M(Dc)}.]]`], result: rightRes, value: V },
        doubt: `[[Couldn't I just net the percentages? +${p}% and -${q}%...|Maybe it's simpler: combine the percentage changes first.]]`,
      },
      {
        lines: [`[[${q}% of ${c.F(P)} is ${M(P * q)}.|The discount is ${q}% of $${c.F(P)}, i.e. $${M(P * q)}.]]`],
        result: `$${M(Xc)} - $${M(P * q)} = $` + '{V}.',
        value: M(Xc - P * q),
        catchLines: [
          `[[The ${q}% is of the new price $${M(Xc)}, not the original $${c.F(P)}.|I took ${q}% of the original price, but the discount applies to the raised price.]]`,
        ],
        fix: { lines: [`[[${q}% of ${M(Xc)} is ${M(Dc)}.|The discount: ${q}% of $${M(Xc)} = $${M(Dc)}.]]`], result: rightRes, value: V },
        doubt: `[[Is the ${q}% taken from the original price? Let me take it off $${c.F(P)}.|Maybe the discount refers to the original $${c.F(P)}.]]`,
      },
    ],
  };
}

function pCommittee(c: Ctx): Prob {
  const w = c.ri(3, 8);
  const mm = c.ri(5, 10);
  const k = c.ri(3, Math.min(6, mm));
  const n = w + mm;
  const T = binom(n, k);
  const M = binom(mm, k);
  const { x, F } = c;
  const V = F(T - M);
  const num = Array.from({ length: k }, (_, i) => n - i).join(` ${x} `);
  const cases: number[] = [];
  const caseLines: string[] = [];
  for (let j = 1; j <= Math.min(w, k); j++) {
    const a = binom(w, j);
    const b = binom(mm, k - j);
    cases.push(a * b);
    caseLines.push(
      `${c.split === 'dev' ? '' : 'exactly '}${j} wom${j > 1 ? 'en' : 'an'}: C(${w}, ${j}) ${x} C(${mm}, ${k - j}) = ${a} ${x} ${b} = ${F(a * b)}`,
    );
  }
  const c1 = binom(n - 1, k - 1);
  const c2 = binom(mm, k - 1);
  const allMen = `[[All-men committees: C(${mm}, ${k}) = ${F(M)}.|Committees with no women: C(${mm}, ${k}) = ${F(M)}.]]`;
  const rightRes = `${F(T)} - ${F(M)} = {V}.`;
  const wrongs: WrongPath[] = [];
  if (w * c1 !== T - M)
    wrongs.push({
      lines: [
        `[[Pick one woman first (${w} ways), then fill the other ${k - 1} seats from the remaining ${n - 1} people: C(${n - 1}, ${k - 1}) = ${F(c1)}.|Choose the guaranteed woman: ${w} ways. The rest: C(${n - 1}, ${k - 1}) = ${F(c1)}.]]`,
      ],
      result: `${w} ${x} ${F(c1)} = {V}.`,
      value: F(w * c1),
      catchLines: [
        `[[This overcounts: a committee with two women gets counted once for each of them as the "chosen" woman.|Committees with more than one woman are counted multiple times this way.]]`,
      ],
      fix: { lines: [allMen], result: rightRes, value: V },
      doubt: `[[Maybe it's cleaner to guarantee a woman directly: choose her first, then anyone for the rest.|Let me count directly by placing one woman first.]]`,
    });
  wrongs.push({
    lines: [
      `[[One woman: ${w} ways; the other ${k - 1} are men: C(${mm}, ${k - 1}) = ${F(c2)}.|Choose the woman (${w}) and ${k - 1} men (C(${mm}, ${k - 1}) = ${F(c2)}).]]`,
    ],
    result: `${w} ${x} ${F(c2)} = {V}.`,
    value: F(w * c2),
    catchLines: [
      `[[But wait, the problem says at least one woman, not exactly one.|Re-reading: "at least one woman". I only counted committees with exactly one.]]`,
    ],
    fix: { lines: [allMen], result: rightRes, value: V },
    doubt: null,
  });
  return {
    task: 'counting/committees',
    query: `A club has ${w} women and ${mm} men. How many ways are there to choose a ${k}-person committee that includes at least one woman?`,
    restate: `count the ${k}-person committees from ${w} women and ${mm} men with at least one woman`,
    given: `[[${w} women, ${mm} men, committee of ${k}.|${n} people in total, choosing ${k}, at least one woman.]]`,
    method: `[[complementary counting|counting the complement]]`,
    tangent: `[[I could count directly: exactly one woman, exactly two, and so on... that's casework. The complement is faster.|Direct casework on the number of women would work but takes longer than the complement.]]`,
    noun: 'the number of committees',
    vpre: '',
    pre: [
      `[[Tiny example: 1 woman and 2 men, committees of 2. C(3, 2) = 3 total, C(2, 2) = 1 all-men, so 2. Listing: {W, M1}, {W, M2}. Yes, 2.|Small test: 1 woman, 2 men, pairs: 3 total minus 1 all-men pair = 2, which matches listing them.]]`,
    ],
    setup: [`[[Total committees: C(${n}, ${k}) = ${F(T)}.|There are C(${n}, ${k}) = ${F(T)} committees overall.]]`],
    why: `[["At least one" problems are usually easiest by subtracting the "none" case from the total.|Complement: total minus the committees with zero women.]]`,
    mid: `[[Does the order of the committee members matter? No, a committee is just a set.|Committees are unordered, so combinations, not permutations.]]`,
    right: { lines: [allMen], result: rightRes, value: V },
    concl: [`[[So there are {V} committees with at least one woman.|That's {V} possible committees.]]`],
    recall: `there are ${F(M)} committees with no women`,
    alt: {
      name: `[[summing over the number of women|casework on how many women]]`,
      path: {
        lines: [`[[Case by case:|Casework:]]\n${caseLines.join('\n')}`],
        result: `${cases.map((v) => F(v)).join(' + ')} = {V}.`,
        value: V,
      },
    },
    check: {
      lines: [
        `[[Recomputing C(${n}, ${k}) = (${num})/${k}! = ${F(T)}, and C(${mm}, ${k}) = ${F(M)}.|Double-checking the binomials: (${num})/${k}! = ${F(T)} for C(${n}, ${k}), and C(${mm}, ${k}) = ${F(M)}.]]`,
      ],
      result: `[[So ${F(T)} - ${F(M)} = {V}.|The difference is still ${F(T)} - ${F(M)} = {V}.]]`,
      value: V,
    },
    sub: `C(${mm}, ${k}) = ${F(M)}. [[Yes.|Checks out.~That holds.]]`,
    wrongs,
  };
}

function pSquares(c: Ctx): Prob {
  const lo = c.ri(10, 300);
  const hi = lo + c.ri(80, 3000);
  const pos = c.chance(0.55);
  const s = Math.floor(Math.sqrt(lo)) + 1;
  const t = Math.ceil(Math.sqrt(hi)) - 1;
  const cnt = t - s + 1;
  const ans = pos ? cnt : 2 * cnt;
  const { x, F } = c;
  const V = String(ans);
  const sqList =
    cnt <= 8
      ? Array.from({ length: cnt }, (_, i) => F((s + i) ** 2)).join(', ')
      : `${F(s * s)}, ${F((s + 1) ** 2)}, ${F((s + 2) ** 2)}, ..., ${F(t * t)}`;
  const concl = [`[[So there are {V} integers n.|So {V} values of n satisfy it.]]`];
  const negLine = `[[And n can be negative too: -${t} through -${s} also work.|Negative n give the same squares, so another ${cnt}.]]`;
  const rightPath: Path = pos
    ? { lines: [], result: `${t} - ${s} + 1 = {V}.`, value: V }
    : {
        lines: [`[[That's ${t} - ${s} + 1 = ${cnt} positive values.|${cnt} positive values, from ${s} to ${t}.]]`, negLine],
        result: `2 ${x} ${cnt} = {V}.`,
        value: V,
      };
  const wrongs: WrongPath[] = [
    {
      lines: pos
        ? []
        : [
            `[[${t} - ${s} = ${cnt - 1} positive values, and the same number of negative ones.|So ${cnt - 1} positive values, mirrored by ${cnt - 1} negative ones.]]`,
          ],
      result: pos ? `${t} - ${s} = {V}.` : `2 ${x} ${cnt - 1} = {V}.`,
      value: String(pos ? cnt - 1 : 2 * (cnt - 1)),
      catchLines: [`[[Off by one: from ${s} to ${t} inclusive is ${t} - ${s} + 1 numbers.|Both endpoints count, so I need to add 1.]]`],
      fix: rightPath,
      doubt: `[[Should I add 1 when counting from ${s} to ${t}? ...I don't think so.|${t} - ${s}, or plus one? It's just the difference, I think.]]`,
    },
  ];
  if (!pos)
    wrongs.push({
      lines: [],
      result: `${t} - ${s} + 1 = {V}.`,
      value: String(cnt),
      catchLines: [
        `[[But wait, the problem says integers, not positive integers. Negative n work too: (-${s})^2 = ${F(s * s)}.|n is any integer, so negatives count as well.]]`,
      ],
      fix: {
        lines: [`[[Each positive solution has a negative partner.|Every positive n pairs with -n.]]`],
        result: `2 ${x} ${cnt} = {V}.`,
        value: V,
      },
      doubt: null,
    });
  const pw = (v: number) => F(v * v);
  return {
    task: 'counting/squares',
    query: `How many ${pos ? 'positive integers' : 'integers'} $n$ satisfy $${lo} < n^2 < ${F(hi)}$?`,
    restate: `count the ${pos ? 'positive ' : ''}integers n with ${lo} < n^2 < ${F(hi)}`,
    given: `[[The bounds are ${lo} and ${F(hi)}, both strict.|Strict inequalities: n^2 above ${lo}, below ${F(hi)}.]]`,
    method: `[[finding the smallest and largest n that work|bounding n between square roots]]`,
    tangent: `[[Could I list all the n? Maybe, but bounding is faster.|Listing every n is an option, but finding the endpoints is quicker.]]`,
    noun: 'the number of values of n',
    vpre: '',
    pre: [
      `[[Let me try some values. n = ${s - 1}: ${pw(s - 1)}, not more than ${lo}. n = ${s}: ${pw(s)} > ${lo}, works.|Trying n = ${s - 1}: ${pw(s - 1)} ≤ ${lo}, fails. n = ${s}: ${pw(s)}, okay.]]`,
    ],
    setup: [
      `[[√${lo} ≈ ${Math.sqrt(lo).toFixed(2)}, so the smallest n is ${s} (${s}^2 = ${pw(s)}, while ${s - 1}^2 = ${pw(s - 1)}).|Lower end: √${lo} ≈ ${Math.sqrt(lo).toFixed(2)}, so n starts at ${s}.]]`,
      `[[√${F(hi)} ≈ ${Math.sqrt(hi).toFixed(2)}, so the largest is ${t} (${t}^2 = ${pw(t)}, and ${t + 1}^2 = ${pw(t + 1)} is not below ${F(hi)}).|Upper end: √${F(hi)} ≈ ${Math.sqrt(hi).toFixed(2)}, so n goes up to ${t}, since ${pw(t)} < ${F(hi)} ≤ ${pw(t + 1)}.]]`,
    ],
    why: `[[Since n^2 is increasing for positive n, the valid n form a consecutive block.|For positive n, n^2 grows with n, so the solutions are a contiguous range.]]`,
    midMin: 2,
    mid: `[[The inequality is strict, so a perfect square equal to ${lo} or ${F(hi)} wouldn't count. I handled that with the endpoints.|Strictness only matters at perfect squares, and I've checked the endpoints against it.]]`,
    right: rightPath,
    concl,
    recall: `n runs from ${s} to ${t}`,
    alt: {
      name: `[[counting perfect squares in the range|listing the squares]]`,
      path: {
        lines: [`[[The squares strictly between ${lo} and ${F(hi)} are ${sqList}.|Squares in range: ${sqList}.]]`],
        result: pos
          ? `[[That's ${t} - ${s} + 1 squares, one for each n: {V}.|One n per square, so {V}.]]`
          : `[[That's ${cnt} squares, and each comes from two values of n (±), so 2 ${x} ${cnt} = {V}.|Each of the ${cnt} squares has two roots, giving {V}.]]`,
        value: V,
      },
    },
    check: {
      lines: [
        `[[Check the endpoints: ${s}^2 = ${pw(s)} > ${lo}, ${s - 1}^2 = ${pw(s - 1)} ≤ ${lo}; ${t}^2 = ${pw(t)} < ${F(hi)}, ${t + 1}^2 = ${pw(t + 1)} ≥ ${F(hi)}.|Endpoints: n = ${s} gives ${pw(s)}, just above ${lo}; n = ${t} gives ${pw(t)}, just under ${F(hi)}.]]`,
      ],
      result: pos
        ? `[[So n = ${s}, ..., ${t}: {V} values.|n ranges over ${s} to ${t}, which is {V} values.]]`
        : `[[So ${cnt} positive values and ${cnt} negative: {V}.|Doubling for the negative side: {V}.]]`,
      value: V,
    },
    sub: `${t}^2 = ${pw(t)} < ${F(hi)}. [[Yes.|Checks out.~That holds.]]`,
    wrongs,
  };
}

const PROBLEMS = [pRemainder, pCount, pProb, pGeom, pDigits, pDivisors, pSeries, pLinear, pPercent, pCommittee, pSquares];

// ---------------------------------------------------------------------------------------------
// Generic sentence pools, split into disjoint dev / heldout halves

const OPEN: Pool = {
  dev: [
    'Okay, so I need to {R}.',
    "Okay, let's see. I need to {R}.",
    'Alright, so the problem is asking me to {R}. Let me think about how to approach this.',
    'Okay, so I have this problem where I need to {R}. Hmm, let me start.',
    'Okay, I need to {R}. Let me work through it step by step.',
  ],
  heldout: [
    'Let me see... the question wants me to {R}.',
    "So, I'm supposed to {R}. Let me mull it over.",
    'Hmm, okay. The task is to {R}.',
    "First, let me make sure I understand what's being asked. I have to {R}.",
    "Right, so this one asks me to {R}. Let's get into it.",
  ],
};
const RAMBLE: Pool = {
  dev: [
    'Let me think about this carefully.',
    'Hmm, let me make sure I understand the problem correctly.',
    'Let me not rush this.',
    'Okay, let me organize my thoughts.',
    'This seems straightforward, but I should be careful.',
    "Let me write down each step so I don't lose track.",
    'Hmm.',
    'Let me think.',
  ],
  heldout: [
    'I want to be careful here.',
    "There's probably a clean way to do this.",
    'Let me slow down a bit.',
    "I'll take it one piece at a time.",
    'Okay, let me collect what I have so far.',
    "It's easy to make a silly mistake with these.",
    'Hmm, okay.',
    'Right, okay.',
  ],
};
const REREAD: Pool = {
  dev: ['Let me re-read the question: "{Q}"', 'The problem says: "{Q}"'],
  heldout: ['The exact wording is: "{Q}"', 'Quoting the problem so I get it right: "{Q}"'],
};
const REFLECT: Pool = {
  dev: ['Looking back, the key step was {M}.', 'This is a pretty standard problem once you see that the trick is {M}.'],
  heldout: ['In hindsight, {M} did most of the work.', 'Nice—{M} made this manageable.'],
};
const RESTART: Pool = {
  dev: ['Let me recompute everything from the top to be safe.', 'Okay, let me start over from the beginning.'],
  heldout: ["I'll rebuild the whole computation from scratch.", 'Going back to square one.'],
};
const GIVEN: Pool = {
  dev: ['Let me re-read the problem to be sure. {G}', 'So the given information: {G}'],
  heldout: ['Going back to the statement: {G}', 'Let me write down what I know. {G}'],
};
const PLAN: Pool = {
  dev: ['I think the standard approach here is {M}.', 'Maybe the way to go is {M}.'],
  heldout: ['The natural tool for this seems to be {M}.', 'My first instinct is {M}.'],
};
const GUESS: Pool = {
  dev: ['My rough guess is somewhere around {E}, but let me actually compute it.'],
  heldout: ["Ballpark, maybe {E}? I shouldn't guess, though; let me do it properly."],
};
const MIDMARK: Pool = {
  dev: ['Wait, hold on.', 'Hmm.', 'Wait.', 'Hmm, wait.'],
  heldout: ['Hold on a second.', 'Hmm, one thing.', 'Wait a moment.', 'Hmm, let me pause here.'],
};
const FILLER: Pool = {
  dev: ['Okay.', 'So far so good.', 'Let me write that down.', 'Alright.'],
  heldout: ['Fine.', 'Good so far.', 'Noted.', 'Makes sense so far.'],
};
const GENCONCL: Pool = {
  dev: ['So {N} is {V}.', 'Therefore, {N} is {V}.', 'That means {N} is {V}.'],
  heldout: ['Okay, so {N} comes out to {V}.', 'Putting it together, {N} is {V}.', 'So I get {V} for {N}.'],
};
const BARE: Pool = {
  dev: ['That seems right.', 'Yeah, that makes sense.', 'Okay, that looks reasonable.', 'Hmm, alright. That seems plausible.'],
  heldout: ['Seems fine.', 'Good, that feels right.', "Alright, I'm fairly comfortable with that.", 'Nothing looks off.'],
};
const ISRIGHT: Pool = {
  dev: ['Wait, is that right? Yes, I think so. So {N} is {V}.'],
  heldout: ['Hmm, is that correct? I believe so; {N} is {V}.'],
};
const DISMISS: Pool = {
  dev: ["Could I have missed some case? No, I don't think so. So {N} is {V}."],
  heldout: ["Is there some trick I'm overlooking? I don't see one, so {N} stays {V}."],
};
const RECALL: Pool = {
  dev: ['I already found that {RC}, so {N} is {V}.'],
  heldout: ["Since I've established that {RC}, {N} must be {V}."],
};
const RESTATE: Pool = {
  dev: ['So the answer is {V}.', 'Therefore, the answer should be {V}.'],
  heldout: ['So my answer is {V}.', "That's my answer: {V}."],
};
const SUBCHK: Pool = {
  dev: ['Let me just double-check one step: {S}'],
  heldout: ['Quick check of one piece: {S}'],
};
const ALTINTRO: Pool = {
  dev: [
    'But let me verify this another way.',
    'Alternatively, maybe I can check it using {A}.',
    'Let me double-check with a different approach: {A}.',
  ],
  heldout: ['Actually, let me confirm this by {A} instead.', 'Another way to see it: {A}.', "To be safe, I'll redo it using {A}."],
};
const AGREE: Pool = {
  dev: ['Good, that matches.', 'Same answer. Good.', 'Okay, so both methods agree.'],
  heldout: ['Consistent with before.', 'That lines up with the first calculation.', 'Great, the two approaches give the same thing.'],
};
const SAMEAGAIN: Pool = {
  dev: ['Same result.', 'Yes, same number.'],
  heldout: ['Consistent.', 'Still the same.'],
};
const CHECKINTRO: Pool = {
  dev: ["Wait, let me make sure I didn't mess anything up.", 'Hmm, let me go back over this once more.'],
  heldout: ['Hold on, let me re-examine the reasoning.', 'Actually, let me re-verify each piece.'],
};
const CATCH: Pool = {
  dev: ['Wait, hold on.', "Hmm, wait a second. That doesn't look right.", 'Actually, no—', 'Wait, no.'],
  heldout: ['Hmm, no, hold on.', "Wait, something's off here.", 'Hmm, let me think again.', "Hmm, that can't be right."],
};
const REDO: Pool = {
  dev: ['Let me redo that.', 'Okay, so redoing it:'],
  heldout: ['Let me fix that.', 'Starting that part over:'],
};
const DOUBT: Pool = {
  dev: ['Hmm, but wait. Let me reconsider.', 'Actually, hold on, maybe I was too quick.'],
  heldout: ["Hmm, now I'm second-guessing myself.", 'Wait, let me think about this differently.'],
};
const ACCEPTWRONG: Pool = {
  dev: ["Okay, so I'll go with that.", "Yes, I think that's the correct one."],
  heldout: ['Alright, that version seems more careful.', "I'll trust this second calculation."],
};
const REPEAT: Pool = {
  dev: ['Let me recompute to be sure.', 'Let me go through it again quickly.'],
  heldout: ['One more pass to be safe.', 'Re-running the numbers:'],
};
const FINAL: Pool = {
  dev: ['**Final Answer**\n\\boxed{{V}}', '**Final Answer**\n\\boxed{{V}}', '**Final Answer**\nThe answer is \\boxed{{V}}.'],
  heldout: ['**Final Answer**\n\n\\boxed{{V}}', 'So, the final answer is {V}.', '**Final Answer**\n\\[ \\boxed{{V}} \\]'],
};
const ANSWERLESS: Pool = {
  dev: ["Hmm, I'm getting confused. Let me start over and set this up more carefully, beginning with the definitions."],
  heldout: [
    "I don't think this approach is going anywhere. Maybe there's a cleaner way to set it up; let me think about what the problem is really asking.",
  ],
};

// ---------------------------------------------------------------------------------------------
// Document builder

class Doc {
  body = '';
  cands: PhrasingCandidate[] = [];
  private paraLen = 0;
  constructor(private c: Ctx) {}
  private sep(own: boolean): string {
    if (this.body === '') return '';
    if (this.c.split === 'dev') return this.c.chance(0.85) ? '\n\n' : '\n';
    if (!own && this.paraLen > 0 && this.paraLen < 3 && this.c.chance(0.3)) return ' ';
    return '\n\n';
  }
  say(tpl: string, v: string | null, label: boolean, own = false): void {
    const t = this.c.S(tpl);
    const i = t.indexOf('{V}');
    const text = v === null ? t : t.split('{V}').join(v);
    const s = this.sep(own || t.includes('\n'));
    this.paraLen = s === ' ' ? this.paraLen + 1 : own || t.includes('\n') ? 3 : 1;
    this.body += s;
    const start = this.body.length;
    this.body += text;
    if (label && v !== null && i >= 0) this.cands.push({ value: v, offset: start + i });
  }
  line(text: string): void {
    this.say(text, null, false);
  }
  /** Appends the beginning of a sentence and stops mid-way (a cut-off response). */
  cut(text: string): void {
    let t = this.c.S(text);
    const vi = t.indexOf('{V}');
    if (vi >= 0) t = t.slice(0, vi);
    const words = t.split(' ');
    const keep = Math.max(2, Math.floor(words.length * (0.35 + 0.4 * this.c.rnd())));
    this.say(
      words
        .slice(0, Math.min(keep, Math.max(2, words.length - 1)))
        .join(' ')
        .replace(/[\s.,:;]+$/, ''),
      null,
      false,
    );
  }
}

function fill(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(/\{(R|G|M|E|N|RC|S|A|Q)\}/g, (_m, k: string) => vars[k] ?? '');
}

type Scen =
  | 'right'
  | 'echoAlt'
  | 'echoCheck'
  | 'echoBoth'
  | 'wrongFix'
  | 'wrongStay'
  | 'wrongEcho'
  | 'flip'
  | 'flipBack'
  | 'twoWrong'
  | 'truncBefore'
  | 'truncAfter'
  | 'answerless';
const SCEN: [Scen, number][] = [
  ['right', 25],
  ['echoAlt', 11],
  ['echoCheck', 8],
  ['echoBoth', 5],
  ['wrongFix', 19],
  ['wrongStay', 6],
  ['wrongEcho', 4],
  ['flip', 4],
  ['flipBack', 3],
  ['twoWrong', 4],
  ['truncBefore', 3],
  ['truncAfter', 5],
  ['answerless', 3],
];

interface Built {
  body: string;
  cands: PhrasingCandidate[];
  final: string | null;
  truncated: boolean;
}

function compose(p: Prob, c: Ctx, scen: Scen): Built {
  const d = new Doc(c);
  const used = new Set<string>();
  const P = (pool: Pool) => {
    let t = c.pick(pool[c.split]);
    for (let i = 0; i < 4 && used.has(t); i++) t = c.pick(pool[c.split]);
    used.add(t);
    return t;
  };
  const V = p.right.value;
  const verb = c.pick(['short', 'medium', 'medium', 'long', 'long']);
  const rambleP = verb === 'short' ? 0 : verb === 'medium' ? 0.12 : 0.3;
  const work = (l: string) => {
    d.line(l);
    if (c.chance(rambleP)) d.line(P(c.chance(0.5) ? RAMBLE : FILLER));
  };
  const pre = (tpl: string) => (tpl.includes('\\boxed{{V}}') ? tpl : tpl.replace('{V}', p.vpre + '{V}'));
  const conclPool = (path: Path) => path.concl ?? [...p.concl, ...GENCONCL[c.split].map((t) => pre(fill(t, { N: p.noun })))];
  const emit = (path: Path, label = true) => {
    for (const l of path.lines) work(l);
    if (path.result) {
      d.say(path.result, path.value, label);
      if (c.chance(0.35)) d.say(c.pick(conclPool(path)), path.value, false);
    } else d.say(c.pick(conclPool(path)), path.value, label);
  };
  const merges = (v: string, max: number, right: boolean) => {
    const opts: (() => void)[] = [
      () => d.line(P(BARE)),
      () => d.say(pre(fill(P(ISRIGHT), { N: p.noun })), v, false),
      () => d.say(pre(fill(P(DISMISS), { N: p.noun })), v, false),
      () => d.say(pre(P(RESTATE)), v, false),
    ];
    if (right) opts.push(() => d.say(pre(fill(P(RECALL), { N: p.noun, RC: p.recall })), v, false));
    const n = c.ri(0, max);
    for (let i = opts.length - 1; i > 0; i--) {
      const j = c.ri(0, i);
      [opts[i], opts[j]] = [opts[j], opts[i]];
    }
    for (const f of opts.slice(0, n)) f();
    if (right && c.chance(0.15)) d.line(fill(P(SUBCHK), { S: p.sub }));
  };
  const finish = (v: string, label = false) => {
    if (!label && verb !== 'short' && c.chance(verb === 'long' ? 0.6 : 0.2)) d.line(fill(P(REFLECT), { M: c.S(p.method) }));
    d.say(pre(P(FINAL)), v, label, true);
  };
  const catchW = (w: WrongPath) => {
    const lines = w.catchLines.map((l) => c.S(l)).join(' ');
    d.line(/^(But wait|Re-reading)/.test(lines) ? lines : `${P(CATCH)} ${lines}`);
    if (verb === 'long' && c.chance(0.5)) {
      d.line(P(RESTART));
      for (const l of p.setup) work(l);
    } else if (c.chance(0.5)) d.line(P(REDO));
  };
  const alt = () => {
    d.line(fill(P(ALTINTRO), { A: c.S(p.alt.name) }));
    emit(p.alt.path);
    if (c.chance(0.7)) d.line(P(AGREE));
  };
  const check = () => {
    d.line(P(CHECKINTRO));
    emit(p.check);
    if (c.chance(0.4)) d.line(P(AGREE));
  };

  // opening
  d.line(fill(P(OPEN), { R: p.restate }));
  if (verb !== 'short' && c.chance(0.5)) d.line(P(RAMBLE));
  if (c.chance(verb === 'long' ? 0.6 : 0.2)) d.line(fill(P(REREAD), { Q: p.query }));
  if (c.chance(0.55)) d.line(fill(P(GIVEN), { G: c.S(p.given) }));
  if (c.chance(0.45)) d.line(fill(P(PLAN), { M: c.S(p.method) }));
  if (verb !== 'short' && c.chance(verb === 'long' ? 0.8 : 0.35)) d.line(p.tangent);
  if (verb === 'long' || (verb === 'medium' && c.chance(0.3))) d.line(p.why);
  if (p.est && c.chance(0.3)) d.line(fill(P(GUESS), { E: p.est }));
  if (p.pre.length && c.chance(verb === 'short' ? 0.2 : verb === 'medium' ? 0.5 : 0.9)) for (const l of p.pre) work(l);
  const midAt = c.chance(0.6) ? c.ri(Math.min(p.midMin ?? 0, p.setup.length), p.setup.length) : -1;
  if (scen === 'truncBefore') {
    const j = c.ri(0, p.setup.length - 1);
    for (let i = 0; i < j; i++) d.line(p.setup[i]);
    d.cut(p.setup[j]);
    return { body: d.body, cands: d.cands, final: null, truncated: true };
  }
  for (let i = 0; i <= p.setup.length; i++) {
    if (i === midAt) d.line(`${P(MIDMARK)} ${c.S(p.mid)}`);
    if (i < p.setup.length) work(p.setup[i]);
  }

  const wr = p.wrongs;
  const w = c.pick(wr);
  const flippable = wr.filter((x) => x.doubt !== null);
  // An abandoned start (long monologues): a mistaken derivation caught before it reaches a value.
  if ((scen === 'right' || scen.startsWith('echo')) && verb === 'long' && c.chance(0.6)) {
    const ab = c.pick(wr);
    if (ab.lines.length) {
      for (const l of ab.lines) work(l);
      const t = ab.catchLines.map((l) => c.S(l)).join(' ');
      d.line(/^(But wait|Re-reading)/.test(t) ? t : `${P(CATCH)} ${t}`);
      d.line(P(REDO));
    }
  }
  switch (scen) {
    case 'right': {
      if (c.chance(0.08)) {
        for (const l of p.right.lines) d.line(l);
        finish(V, true);
        break;
      }
      emit(p.right);
      merges(V, verb === 'long' ? 4 : 2, true);
      finish(V);
      break;
    }
    case 'echoAlt':
    case 'echoCheck':
    case 'echoBoth': {
      emit(p.right);
      if (c.chance(0.5)) d.line(P(BARE));
      if (scen !== 'echoCheck') alt();
      if (scen !== 'echoAlt') check();
      merges(V, 1, true);
      finish(V);
      break;
    }
    case 'wrongFix': {
      emit(w);
      if (c.chance(0.35)) d.line(P(BARE));
      catchW(w);
      emit(w.fix);
      if (c.chance(0.3)) alt();
      merges(V, 2, true);
      finish(V);
      break;
    }
    case 'wrongStay': {
      emit(w);
      merges(w.value, 2, false);
      finish(w.value);
      break;
    }
    case 'wrongEcho': {
      emit(w);
      if (c.chance(0.5)) d.line(P(BARE));
      d.line(P(REPEAT));
      emit(w);
      if (c.chance(0.6)) d.line(P(SAMEAGAIN));
      finish(w.value);
      break;
    }
    case 'flip':
    case 'flipBack': {
      if (!flippable.length) return compose(p, c, 'wrongFix');
      const f = c.pick(flippable);
      emit(p.right);
      if (c.chance(0.5)) d.line(P(BARE));
      d.line(`${P(DOUBT)} ${c.S(f.doubt ?? '')}`);
      emit(f);
      if (scen === 'flip') {
        d.line(P(ACCEPTWRONG));
        finish(f.value);
      } else {
        catchW(f);
        emit(f.fix);
        merges(V, 1, true);
        finish(V);
      }
      break;
    }
    case 'twoWrong': {
      if (wr.length < 2 || wr[0].value === wr[1].value) return compose(p, c, 'wrongFix');
      const [w1, w2] = c.chance(0.5) ? [wr[0], wr[1]] : [wr[1], wr[0]];
      emit(w1);
      catchW(w1);
      emit(w2);
      if (c.chance(0.4)) d.line(P(BARE));
      catchW(w2);
      emit(w2.fix);
      merges(V, 1, true);
      finish(V);
      break;
    }
    case 'truncAfter': {
      emit(c.chance(0.6) ? p.right : w);
      if (c.chance(0.4)) d.line(P(BARE));
      if (c.chance(0.5)) {
        d.line(fill(P(ALTINTRO), { A: c.S(p.alt.name) }));
        d.cut(p.alt.path.lines[0] ?? p.alt.path.result ?? '');
      } else {
        d.line(P(CHECKINTRO));
        d.cut(p.check.lines[0] ?? p.check.result ?? '');
      }
      return { body: d.body, cands: d.cands, final: null, truncated: true };
    }
    case 'answerless': {
      for (const l of w.lines) d.line(l);
      d.line(P(ANSWERLESS));
      return { body: d.body, cands: d.cands, final: null, truncated: false };
    }
  }
  const last = d.cands[d.cands.length - 1];
  return { body: d.body, cands: d.cands, final: last ? last.value : null, truncated: false };
}

function pickScen(c: Ctx): Scen {
  const total = SCEN.reduce((s, [, wgt]) => s + wgt, 0);
  let r = c.rnd() * total;
  for (const [s, wgt] of SCEN) {
    r -= wgt;
    if (r < 0) return s;
  }
  return 'right';
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const c = makeCtx((Math.imul(seed, 2654435761) ^ Math.imul(i + 1, 40503) ^ (split === 'dev' ? 0x1234 : 0x9876)) >>> 0, split);
    const gen = PROBLEMS[(i + seed) % PROBLEMS.length];
    const p = gen(c);
    const scen = pickScen(c);
    const b = compose(p, c, scen);
    const headers: Record<string, string> = { query: p.query, answer: p.right.value, task: p.task };
    if (b.truncated) headers.truncated = 'true';
    out.push({ id: `${family}-${split}-${seed}-${i}`, headers, body: b.body, candidates: b.cands, final: b.final });
  }
  return out;
}
