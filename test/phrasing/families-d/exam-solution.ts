// Phrasing family "exam-solution": formal worked solutions as in an exam answer key or a textbook
// solution manual ("Solution.", numbered "Step 1:", inline \( ... \) and display \[ ... \], "∴",
// "Hence", units, "Verification:" / "Check:" sections, "Correction: in Step 2 ..."). About a third
// of the questions are multiple choice with options (A)-(D) in the query; some responses carry a
// <think> ... </think> draft before the written solution.
//
// Labelling rules applied (docs/annotation-guide.md):
// - The candidate of an attempt is the FIRST statement of the asked quantity's value after the
//   last new work: usually the result line of the final step (\[ P = ... = \frac{10}{91} \]); the
//   "∴ ... is \( \frac{10}{91} \)" and "Answer: ..." lines that follow it with no new work are
//   restatements and merge into it (not labelled).
// - Intermediates (totals, side lengths, partial products, the unreduced fraction before the
//   reduced one), numbers quoted from the question ("Given: ..."), values tried and rejected
//   ("Trying x = 3: ... not equal"), the wrong value plugged into a check, an option described
//   while rejecting it, and sub-step checks ("Check: 5 + 9 = 14 ✓") are never candidates.
// - A verification by another method that ends in the asked quantity is a new candidate, also when
//   it reaches the same value (echo). A check that plugs the answer back in and then states the
//   answer again as a conclusion is an echo; the value plugged in is not the candidate, the
//   concluding statement is. A re-check in words that goes back over a condition of the question
//   and then states the answer is an echo. A bare confirmation ("This is consistent.") is not.
// - A sub-step check is placed after the answer line and is never followed by a restatement of the
//   answer (the guide counts a sub-step check that "ends by stating the answer" as a candidate).
// - A correction recomputes the asked quantity: its result is a new candidate (also when a second
//   method had already reached that value: the correction is new work).
// - Multiple choice: the answer to the question is the option letter, so the candidate is the first
//   letter the response commits to after new work ("∴ The correct option is (C)."; value "C"); the
//   computed value on the way is the option's content, not labelled. A letter mentioned while
//   rejecting an option is not a candidate.
// - <think> blocks: candidates are labelled inside the block only; the written solution after
//   </think> gives `final`.
import type { PhrasingRecord as SharedRecord } from '../families/types.js';

interface PhrasingCandidate {
  value: string; // the value as written in the body
  offset: number; // index in body of the first character of the value
}

interface PhrasingRecord {
  id: string;
  headers: Record<string, string>; // at least query, answer (ground truth); optionally task
  body: string; // the model response; no line may start with "==="
  candidates: PhrasingCandidate[]; // gold candidate answers in order
  final: string | null; // the value the response ends on
}

type Split = 'dev' | 'heldout';

const _c: (r: PhrasingRecord) => SharedRecord = (r) => r;
void _c;

export const family = 'exam-solution';

// ---------------------------------------------------------------------------------------------
// PRNG and small helpers

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

type Rng = () => number;
const ri = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const chance = (rng: Rng, p: number): boolean => rng() < p;
function shuffle<T>(rng: Rng, xs: T[]): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

/** A reduced fraction in LaTeX (an integer when the denominator divides). */
function fracTex(n: number, d: number, cmd: string): string {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1;
  n /= g;
  d /= g;
  if (d === 1) return String(n);
  return `${n < 0 ? '-' : ''}\\${cmd}{${Math.abs(n)}}{${d}}`;
}

/** sqrt(S) = k sqrt(m) with m square-free. */
function surd(S: number): [number, number] {
  let k = 1;
  let m = S;
  for (let f = 2; f * f <= m; f++) {
    while (m % (f * f) === 0) {
      m /= f * f;
      k *= f;
    }
  }
  return [k, m];
}
function surdTex(k: number, m: number): string {
  if (m === 1) return String(k);
  return k === 1 ? `\\sqrt{${m}}` : `${k}\\sqrt{${m}}`;
}

const rootTex = (S: number): string => surdTex(...surd(S));

function fmtInt(n: number, sep: boolean): string {
  const s = String(Math.abs(n));
  const body = sep ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s;
  return (n < 0 ? '-' : '') + body;
}
function fmtNum(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}
const par = (x: number): string => (x < 0 ? `(${x})` : `${x}`);
const sqr = (x: number): string => (x < 0 ? `(${x})^2` : `${x}^2`);
/** "a + b - c" from a list of numbers. */
function sumStr(xs: number[]): string {
  return xs.map((x, i) => (i === 0 ? `${x}` : x < 0 ? ` - ${-x}` : ` + ${x}`)).join('');
}
/** "lhs = e1 = e2 = " without steps equal to the final value or to the previous step. */
function chain(lhs: string, exprs: string[], v: string): string {
  const out: string[] = [];
  for (const e of exprs) if (e !== v && e !== out[out.length - 1]) out.push(e);
  return [lhs, ...out].join(' = ') + ' = ';
}
const cap = (s: string): string => (s.startsWith('\\(') ? s : s.charAt(0).toUpperCase() + s.slice(1));

// ---------------------------------------------------------------------------------------------
// Problems

interface Alt {
  intro: string; // "by counting combinations"
  lines: string[]; // plain text lines of the other method
  res: string | null; // result expression ending in "= " (the value follows), or null for a plug-in check
}

interface Problem {
  task: string;
  query: string;
  given: string;
  unit: string; // '' or ' cm' etc.
  q: string; // noun phrase for the asked quantity
  sym: string; // symbol for it, in math
  right: string;
  wrong: string;
  hdr: string; // ground truth for the header
  steps: string[]; // content of the steps before the result step (lowercase first)
  res: string; // result expression ending in "= "
  wsteps: string[];
  wres: string;
  errStep: number; // 1-based, in the wrong attempt's numbering (result step = wsteps.length + 1)
  spot: string; // re-examination that exposes the error (clause, no answer)
  fix: string; // what the correction changes (clause)
  badStep: number; // step of the right solution a mistaken "correction" targets
  badFix: string; // clause of a mistaken correction, leading to `wrong`
  alts: Alt[];
  sub: string; // confirmation of a sub-step (clause)
  rc: string; // a re-examination of the question's conditions (clause)
  wrongDesc: string; // why the wrong value is tempting (for rejecting that option)
  distract: string[];
  tryLine?: string;
  estimate?: string;
}

type Fmt = { fc: string; sep: boolean };

function pBag(rng: Rng, f: Fmt): Problem {
  const [c1, c2] = pick(rng, [
    ['red', 'blue'],
    ['white', 'black'],
    ['green', 'yellow'],
    ['blue', 'white'],
    ['red', 'green'],
  ]);
  const [item, items] = pick(rng, [
    ['marble', 'marbles'],
    ['ball', 'balls'],
    ['counter', 'counters'],
    ['bead', 'beads'],
    ['disc', 'discs'],
  ]);
  const r = ri(rng, 3, 9);
  const b = ri(rng, 3, 12);
  const n = r + b;
  const C2 = (x: number) => (x * (x - 1)) / 2;
  const right = fracTex(r * (r - 1), n * (n - 1), f.fc);
  const wrong = fracTex(r * r, n * n, f.fc);
  const res = chain('P', [`\\frac{${r}}{${n}} \\times \\frac{${r - 1}}{${n - 1}}`, `\\frac{${r * (r - 1)}}{${n * (n - 1)}}`], right);
  return {
    task: 'probability',
    query: `A bag contains ${r} ${c1} and ${b} ${c2} ${items}. Two ${items} are drawn at random without replacement. What is the probability that both are ${c1}?`,
    given: `${r} ${c1} and ${b} ${c2} ${items}; two drawn without replacement`,
    unit: '',
    q: `the probability that both ${items} are ${c1}`,
    sym: 'P',
    right,
    wrong,
    hdr: fracTex(r * (r - 1), n * (n - 1), 'frac'),
    steps: [
      `there are \\(${r} + ${b} = ${n}\\) ${items} in the bag.`,
      `the probability that the first ${item} is ${c1} is \\(\\frac{${r}}{${n}}\\).`,
      `given that the first ${item} was ${c1}, ${r - 1} ${c1} ${items} remain among ${n - 1}, so the second is ${c1} with probability \\(\\frac{${r - 1}}{${n - 1}}\\).`,
    ],
    res,
    wsteps: [
      `there are \\(${r} + ${b} = ${n}\\) ${items} in the bag.`,
      `the probability that the first ${item} is ${c1} is \\(\\frac{${r}}{${n}}\\).`,
      `the second ${item} is ${c1} with probability \\(\\frac{${r}}{${n}}\\) as well.`,
    ],
    wres: chain('P', [`\\frac{${r}}{${n}} \\times \\frac{${r}}{${n}}`, `\\frac{${r * r}}{${n * n}}`], wrong),
    errStep: 3,
    spot: `the ${items} are drawn without replacement, so once a ${c1} ${item} is taken only ${r - 1} of the remaining ${n - 1} ${items} are ${c1}`,
    fix: `the first ${item} is not replaced, so the second factor is \\(\\frac{${r - 1}}{${n - 1}}\\), not \\(\\frac{${r}}{${n}}\\)`,
    badStep: 3,
    badFix: `the two draws should be treated as independent, so the second factor is \\(\\frac{${r}}{${n}}\\)`,
    alts: [
      {
        intro: 'by counting combinations',
        lines: [
          `The number of ways to choose 2 ${c1} ${items} is \\(\\binom{${r}}{2} = ${C2(r)}\\); the number of ways to choose any 2 ${items} is \\(\\binom{${n}}{2} = ${C2(n)}\\).`,
        ],
        res: chain('P', [`\\frac{${C2(r)}}{${C2(n)}}`], right),
      },
      {
        intro: 'by counting ordered pairs of draws',
        lines: [
          `There are \\(${n} \\times ${n - 1} = ${n * (n - 1)}\\) equally likely ordered draws of two ${items}, of which \\(${r} \\times ${r - 1} = ${r * (r - 1)}\\) give a ${c1} ${item} both times.`,
        ],
        res: chain('P', [`\\frac{${r * (r - 1)}}{${n * (n - 1)}}`], right),
      },
    ],
    sub: `the total in Step 1 is \\(${r} + ${b} = ${n}\\), as given`,
    rc: `both ${items} must be ${c1} and the first is not put back, which is exactly what Steps 2 and 3 use`,
    wrongDesc: 'corresponds to drawing with replacement',
    distract: [fracTex(r, n, f.fc), fracTex(r * (r - 1), n * n, f.fc), fracTex(2 * r, n * (n - 1), f.fc), fracTex(r - 1, n - 1, f.fc)],
  };
}

function pHyp(rng: Rng, f: Fmt): Problem {
  let a = 0;
  let b = 0;
  let k = 1;
  let m = 1;
  for (;;) {
    a = ri(rng, 2, 15);
    b = ri(rng, 2, 15);
    [k, m] = surd(a * a + b * b);
    if (a !== b && k > 1 && m > 1) break;
  }
  void f;
  const S = a * a + b * b;
  const u = pick(rng, ['cm', 'm', 'mm']);
  const right = surdTex(k, m);
  const wrong = surdTex(k * k, m);
  const g = gcd(a, b);
  const alts: Alt[] = [
    {
      intro: 'by squaring the answer',
      lines: [`\\((${right})^2 = ${k}^2 \\times ${m} = ${k * k} \\times ${m} = ${S}\\), and \\(${a}^2 + ${b}^2 = ${S}\\) as well.`],
      res: null,
    },
  ];
  if (g > 1) {
    const S2 = (a / g) ** 2 + (b / g) ** 2;
    alts.push({
      intro: `by scaling out the common factor ${g}`,
      lines: [
        `The legs are \\(${g} \\times ${a / g}\\) and \\(${g} \\times ${b / g}\\), so the triangle is ${g} times a triangle with legs ${a / g} and ${b / g}, whose hypotenuse is \\(\\sqrt{${sqr(a / g)} + ${sqr(b / g)}} = \\sqrt{${S2}}\\).`,
      ],
      res: chain('c', [`${g}\\sqrt{${S2}}`], right),
    });
  }
  return {
    task: 'geometry',
    query: `A right-angled triangle has legs of length ${a} ${u} and ${b} ${u}. Find the exact length of the hypotenuse in simplest surd form.`,
    given: `legs \\(${a}\\) ${u} and \\(${b}\\) ${u}, right angle between them`,
    unit: ` ${u}`,
    q: 'the length of the hypotenuse',
    sym: 'c',
    right,
    wrong,
    hdr: right,
    steps: [
      `by Pythagoras' theorem, \\(c^2 = a^2 + b^2\\), where \\(a\\) and \\(b\\) are the legs.`,
      `substituting gives \\(c^2 = ${a}^2 + ${b}^2 = ${a * a} + ${b * b} = ${S}\\).`,
      `since \\(${S} = ${k * k} \\times ${m}\\) and ${m} has no square factor, the square root of ${k * k} can be taken out of the radical.`,
    ],
    res: chain('c', [`\\sqrt{${S}}`, `\\sqrt{${k * k}} \\times \\sqrt{${m}}`], right),
    wsteps: [
      `by Pythagoras' theorem, \\(c^2 = a^2 + b^2\\), where \\(a\\) and \\(b\\) are the legs.`,
      `substituting gives \\(c^2 = ${a}^2 + ${b}^2 = ${a * a} + ${b * b} = ${S}\\).`,
      `since \\(${S} = ${k * k} \\times ${m}\\), the factor ${k * k} comes outside the radical.`,
    ],
    wres: chain('c', [`\\sqrt{${S}}`], wrong),
    errStep: 3,
    spot: `squaring \\(${wrong}\\) gives \\(${k * k * k * k} \\times ${m} = ${k ** 4 * m}\\), not ${S}`,
    fix: `the square root of ${k * k} is ${k}, so only ${k} comes outside the radical`,
    badStep: 3,
    badFix: `the square factor ${k * k} comes out of the radical as it is`,
    alts,
    sub: `\\(${a}^2 = ${a * a}\\) and \\(${b}^2 = ${b * b}\\), so Step 2 is right`,
    rc: `the hypotenuse is the side opposite the right angle, so it comes from the legs ${a} ${u} and ${b} ${u}, and the largest square factor of ${S} is ${k * k}`,
    wrongDesc: `takes ${k * k} rather than ${k} outside the root`,
    distract: [String(a + b), surdTex(k + 1, m), rootTex(S + 1), rootTex(Math.abs(a * a - b * b))],
  };
}

function pLinear(rng: Rng, f: Fmt): Problem {
  let a = 0;
  let c = 0;
  let b = 0;
  let d = 0;
  for (;;) {
    a = ri(rng, 3, 9);
    c = ri(rng, 1, a - 2);
    b = ri(rng, -12, 12);
    d = ri(rng, -12, 12);
    if (b !== 0 && d !== 0 && d !== b && d + b !== 0) break;
  }
  const k = a - c;
  const fc = f.fc;
  const right = fracTex(d - b, k, fc);
  const wrong = fracTex(d + b, k, fc);
  const cx = c === 1 ? 'x' : `${c}x`;
  const sg = (x: number) => (x < 0 ? `- ${-x}` : `+ ${x}`);
  const eq = `${a}x ${sg(b)} = ${cx} ${sg(d)}`;
  const at = (num: number, den: number, coef: number, cst: number) => fracTex(coef * num + cst * den, den, fc);
  const inParen = (v: string) => (v.startsWith('-') ? `\\left(${v}\\right)` : v);
  const lhsR = at(d - b, k, a, b);
  const lhsW = at(d + b, k, a, b);
  const rhsW = at(d + b, k, c, d);
  const x = (d - b) / k;
  let t = Math.round(x);
  if (t === x) t += 1;
  return {
    task: 'algebra',
    query: `Solve for \\(x\\): \\(${eq}\\).`,
    given: `\\(${eq}\\)`,
    unit: '',
    q: 'the solution of the equation',
    sym: 'x',
    right,
    wrong,
    hdr: fracTex(d - b, k, 'frac'),
    steps: [
      `collecting the \\(x\\)-terms on the left and the constants on the right gives \\(${a}x - ${cx} = ${d} ${sg(-b)}\\).`,
      `both sides simplify to \\(${k}x = ${d - b}\\).`,
    ],
    res: chain('x', [`\\frac{${d - b}}{${k}}`], right),
    wsteps: [
      `collecting the \\(x\\)-terms on the left and the constants on the right gives \\(${a}x - ${cx} = ${d} ${sg(b)}\\).`,
      `both sides simplify to \\(${k}x = ${d + b}\\).`,
    ],
    wres: chain('x', [`\\frac{${d + b}}{${k}}`], wrong),
    errStep: 1,
    spot: `substituting \\(x = ${wrong}\\) into the equation gives a left side of \\(${lhsW}\\) but a right side of \\(${rhsW}\\)`,
    fix: `the constant \\(${b}\\) changes sign when it moves to the right-hand side, so the right side is \\(${d} ${sg(-b)} = ${d - b}\\)`,
    badStep: 1,
    badFix: `the constant \\(${b}\\) keeps its sign when it is moved across, so the right side is \\(${d} ${sg(b)} = ${d + b}\\)`,
    alts: [
      {
        intro: 'by substitution',
        lines: [
          `Left side: \\(${a} \\cdot ${inParen(right)} ${sg(b)} = ${lhsR}\\). Right side: \\(${c} \\cdot ${inParen(right)} ${sg(d)} = ${lhsR}\\). The two sides are equal.`,
        ],
        res: null,
      },
      {
        intro: 'by collecting the \\(x\\)-terms on the right instead',
        lines: [`\\(${b} ${sg(-d)} = ${cx} - ${a}x\\), i.e. \\(${b - d} = ${c - a}x\\).`],
        res: chain('x', [`\\frac{${b - d}}{${c - a}}`], right),
      },
    ],
    sub: `\\(${a}x - ${cx} = ${k}x\\), as used in Step 2`,
    rc: `the equation is linear with a nonzero coefficient \\(${k}\\) for \\(x\\), so it has exactly one solution, and each term in Step 1 changes sign when it crosses the equals sign`,
    wrongDesc: 'comes from moving the constant without changing its sign',
    distract: [fracTex(d - b, a + c, fc), fracTex(b - d, k, fc), fracTex(d + b, a + c, fc), fracTex(d - b + 1, k, fc)],
    tryLine: `Trying \\(x = ${t}\\): the left side is \\(${a * t + b}\\) and the right side is \\(${c * t + d}\\), which are not equal, so \\(x = ${t}\\) is not the solution.`,
  };
}

function pSeries(rng: Rng, f: Fmt): Problem {
  const a = ri(rng, 1, 40);
  const d = ri(rng, 2, 12);
  const n = pick(rng, [12, 14, 16, 18, 20, 24, 30, 40, 50, 60]);
  const l = a + (n - 1) * d;
  const S = (n * (a + l)) / 2;
  const lw = a + n * d;
  const W = (n * (a + lw)) / 2;
  const right = fmtInt(S, f.sep);
  const wrong = fmtInt(W, f.sep);
  return {
    task: 'arithmetic series',
    query: `Find the sum of the first ${n} terms of the arithmetic sequence ${a}, ${a + d}, ${a + 2 * d}, ...`,
    given: `\\(a_1 = ${a}\\), \\(a_2 = ${a + d}\\), \\(a_3 = ${a + 2 * d}\\), \\(n = ${n}\\)`,
    unit: '',
    q: `the sum of the first ${n} terms`,
    sym: `S_{${n}}`,
    right,
    wrong,
    hdr: String(S),
    steps: [
      `the first term is \\(a = ${a}\\) and the common difference is \\(d = ${a + d} - ${a} = ${d}\\).`,
      `the ${n}th term is \\(a_{${n}} = a + (n-1)d = ${a} + ${n - 1} \\times ${d} = ${l}\\).`,
      `the sum of an arithmetic series is \\(S_n = \\frac{n}{2}(a + a_n)\\).`,
    ],
    res: chain(`S_{${n}}`, [`\\frac{${n}}{2}(${a} + ${l})`, `${n / 2} \\times ${a + l}`], right),
    wsteps: [
      `the first term is \\(a = ${a}\\) and the common difference is \\(d = ${a + d} - ${a} = ${d}\\).`,
      `the ${n}th term is \\(a_{${n}} = a + nd = ${a} + ${n} \\times ${d} = ${lw}\\).`,
      `the sum of an arithmetic series is \\(S_n = \\frac{n}{2}(a + a_n)\\).`,
    ],
    wres: chain(`S_{${n}}`, [`\\frac{${n}}{2}(${a} + ${lw})`, `${n / 2} \\times ${a + lw}`], wrong),
    errStep: 2,
    spot: `the ${n}th term is reached after ${n - 1} steps of ${d} from the first term, not ${n} steps`,
    fix: `the ${n}th term is \\(${a} + ${n - 1} \\times ${d} = ${l}\\), not ${lw}`,
    badStep: 2,
    badFix: `the ${n}th term should be \\(a + nd = ${lw}\\)`,
    alts: [
      {
        intro: 'with the formula \\(S_n = \\frac{n}{2}[2a + (n-1)d]\\)',
        lines: [`Here \\(2a + (n-1)d = ${2 * a} + ${n - 1} \\times ${d} = ${2 * a + (n - 1) * d}\\).`],
        res: chain(`S_{${n}}`, [`\\frac{${n}}{2} \\times ${2 * a + (n - 1) * d}`, `${n / 2} \\times ${2 * a + (n - 1) * d}`], right),
      },
      {
        intro: 'by pairing terms',
        lines: [
          `Pair the first term with the last, the second with the second-to-last, and so on: each pair sums to \\(${a} + ${l} = ${a + l}\\), and there are \\(${n / 2}\\) pairs.`,
        ],
        res: chain(`S_{${n}}`, [`${n / 2} \\times ${a + l}`], right),
      },
    ],
    sub: `the second and third terms ${a + d} and ${a + 2 * d} also differ by ${d}, so \\(d = ${d}\\) is right`,
    rc: `there are exactly ${n} terms from \\(a_1 = ${a}\\) to \\(a_{${n}} = ${l}\\), their average is \\(\\frac{${a} + ${l}}{2}\\), and this is multiplied by ${n}`,
    wrongDesc: 'uses \\(a + nd\\) for the last term',
    distract: [fmtInt(2 * S, f.sep), fmtInt(S - l, f.sep), fmtInt(S + d, f.sep), fmtInt(n * l, f.sep)],
  };
}

function pTriangle(rng: Rng, f: Fmt): Problem {
  void f;
  const x1 = ri(rng, -6, 4);
  const base = ri(rng, 3, 12);
  const x2 = x1 + base;
  const y0 = ri(rng, -5, 5);
  const h = ri(rng, 3, 11);
  const y3 = chance(rng, 0.5) ? y0 + h : y0 - h;
  const x3 = ri(rng, -6, 10);
  const A = (base * h) / 2;
  const right = fmtNum(A);
  const wrong = fmtNum(base * h);
  const t1 = x1 * (y0 - y3);
  const t2 = x2 * (y3 - y0);
  const pt = (x: number, y: number) => `(${x}, ${y})`;
  return {
    task: 'coordinate geometry',
    query: `Find the area of the triangle with vertices \\(A${pt(x1, y0)}\\), \\(B${pt(x2, y0)}\\) and \\(C${pt(x3, y3)}\\).`,
    given: `\\(A${pt(x1, y0)}\\), \\(B${pt(x2, y0)}\\), \\(C${pt(x3, y3)}\\)`,
    unit: ' square units',
    q: 'the area of triangle \\(ABC\\)',
    sym: '\\text{Area}',
    right,
    wrong,
    hdr: right,
    steps: [
      `\\(A\\) and \\(B\\) have the same \\(y\\)-coordinate, so \\(AB\\) is horizontal and can serve as the base, with \\(AB = ${x2} - ${par(x1)} = ${base}\\).`,
      `the height is the vertical distance from \\(C\\) to the line \\(y = ${y0}\\), namely \\(h = |${y3} - ${par(y0)}| = ${h}\\).`,
    ],
    res: chain('\\text{Area}', [`\\frac{1}{2} \\times ${base} \\times ${h}`], right),
    wsteps: [
      `\\(A\\) and \\(B\\) have the same \\(y\\)-coordinate, so \\(AB\\) is horizontal and can serve as the base, with \\(AB = ${x2} - ${par(x1)} = ${base}\\).`,
      `the height is the vertical distance from \\(C\\) to the line \\(y = ${y0}\\), namely \\(h = |${y3} - ${par(y0)}| = ${h}\\).`,
    ],
    wres: chain('\\text{Area}', [`${base} \\times ${h}`], wrong),
    errStep: 3,
    spot: `the area of a triangle is half of base times height, and \\(${base} \\times ${h}\\) is the area of the rectangle on the same base`,
    fix: `the factor \\(\\frac{1}{2}\\) in \\(\\frac{1}{2} \\times \\text{base} \\times \\text{height}\\) was left out`,
    badStep: 3,
    badFix: `the triangle fills the rectangle with base \\(AB\\) and height ${h}, so no factor \\(\\frac{1}{2}\\) is needed`,
    alts: [
      {
        intro: 'with the shoelace formula',
        lines: [
          `\\(\\text{Area} = \\frac{1}{2}\\left|x_A(y_B - y_C) + x_B(y_C - y_A) + x_C(y_A - y_B)\\right|\\), and here \\(x_A(y_B - y_C) = ${par(x1)} \\times ${par(y0 - y3)} = ${t1}\\), \\(x_B(y_C - y_A) = ${par(x2)} \\times ${par(y3 - y0)} = ${t2}\\), \\(x_C(y_A - y_B) = 0\\).`,
        ],
        res: chain('\\text{Area}', [`\\frac{1}{2}\\left|${sumStr([t1, t2])}\\right|`, `\\frac{1}{2} \\times ${Math.abs(t1 + t2)}`], right),
      },
    ],
    sub: `\\(AB = ${x2} - ${par(x1)} = ${base}\\), so the base is right`,
    rc: `the height has to be measured perpendicular to the base \\(AB\\), which is horizontal, so it is the vertical distance ${h} used in Step 2, and the area of a triangle takes half of base times height`,
    wrongDesc: 'omits the factor \\(\\frac{1}{2}\\)',
    distract: [fmtNum(A + base / 2), fmtNum((base + h) / 2 + A / 2), fmtNum(A - h / 2), fmtNum(base + h)],
  };
}

function pMean(rng: Rng, f: Fmt): Problem {
  void f;
  const ctx = pick(rng, [
    { what: 'masses', of: 'parcels', unit: ' kg', lo: 8, hi: 40, noun: 'mass' },
    { what: 'test scores', of: 'students', unit: '', lo: 41, hi: 99, noun: 'score' },
    { what: 'heights (in cm)', of: 'seedlings', unit: ' cm', lo: 11, hi: 48, noun: 'height' },
    { what: 'daily rainfall amounts (in mm)', of: 'days', unit: ' mm', lo: 2, hi: 30, noun: 'rainfall' },
    { what: 'times (in seconds)', of: 'runners', unit: ' s', lo: 50, hi: 80, noun: 'time' },
  ]);
  const n = pick(rng, [4, 5, 8]);
  const nw = { 4: 'four', 5: 'five', 8: 'eight' }[n] as string;
  const vals = Array.from({ length: n }, () => ri(rng, ctx.lo, ctx.hi));
  const sum = vals.reduce((s, v) => s + v, 0);
  const sw = sum + (chance(rng, 0.5) ? 10 : -10);
  const right = fmtNum(sum / n);
  const wrong = fmtNum(sw / n);
  const base = Math.round(sum / n / 5) * 5;
  const devs = vals.map((v) => v - base);
  const sd = devs.reduce((s, v) => s + v, 0);
  const unitWord = ctx.unit ? ctx.unit : '';
  const altRes = chain('\\bar{x}', [`${base} + \\frac{${sd}}{${n}}`, `${base} ${sd < 0 ? '-' : '+'} ${fmtNum(Math.abs(sd) / n)}`], right);
  return {
    task: 'statistics',
    query: `The ${ctx.what} of ${nw} ${ctx.of} are ${vals.join(', ')}. Find the mean ${ctx.noun}.`,
    given: `${n} values: ${vals.join(', ')}`,
    unit: unitWord,
    q: `the mean ${ctx.noun}`,
    sym: '\\bar{x}',
    right,
    wrong,
    hdr: right,
    steps: [`the sum of the values is \\(${vals.join(' + ')} = ${sum}\\).`, `there are \\(n = ${n}\\) values.`],
    res: chain('\\bar{x}', [`\\frac{${sum}}{${n}}`], right),
    wsteps: [`the sum of the values is \\(${vals.join(' + ')} = ${sw}\\).`, `there are \\(n = ${n}\\) values.`],
    wres: chain('\\bar{x}', [`\\frac{${sw}}{${n}}`], wrong),
    errStep: 1,
    spot: `adding the values again one at a time gives ${vals
      .map((_, i) => vals.slice(0, i + 1).reduce((s, v) => s + v, 0))
      .slice(1)
      .join(', ')}, so the total is ${sum}, not ${sw}`,
    fix: `the total of the values is ${sum}, not ${sw}`,
    badStep: 1,
    badFix: `the total of the values should be ${sw}`,
    alts: [
      {
        intro: `using an assumed mean of ${base}`,
        lines: [`The deviations from ${base} are ${devs.join(', ')}, with sum \\(${sd}\\).`],
        res: altRes,
      },
    ],
    sub: `there are ${n} values listed in the question, so dividing by ${n} is right`,
    rc: `each of the ${n} values appears once in the total ${sum}, and the total is divided by the number of values, ${n}`,
    wrongDesc: `comes from a total of ${sw}`,
    distract: [fmtNum(sum / n + 1), fmtNum(sum / n - 0.5), fmtNum((sum + 5) / n), fmtNum((sum - 5) / n)],
  };
}

function pDice(rng: Rng, f: Fmt): Problem {
  let w1 = 0;
  let w2 = 0;
  let L = 0;
  for (;;) {
    w1 = ri(rng, 6, 20);
    w2 = ri(rng, 2, 8);
    L = ri(rng, 1, 4);
    const num = w1 + 2 * w2 - 3 * L;
    const wn = w1 + w2 - 3 * L;
    if (num > 0 && wn > 0 && num % 6 !== 0) break;
  }
  const num = w1 + 2 * w2 - 3 * L;
  const wn = w1 + w2 - 3 * L;
  const right = fracTex(num, 6, f.fc);
  const wrong = fracTex(wn, 6, f.fc);
  const pts = L === 1 ? 'point' : 'points';
  return {
    task: 'expected value',
    query: `A fair six-sided die is rolled once. A player scores ${w1} points for a 6, ${w2} points for a 4 or a 5, and loses ${L} ${pts} for any other result. Find the expected score.`,
    given: `score ${w1} on a 6, ${w2} on a 4 or 5, \\(-${L}\\) on 1, 2 or 3`,
    unit: ' points',
    q: 'the expected score',
    sym: 'E(X)',
    right,
    wrong,
    hdr: fracTex(num, 6, 'frac'),
    steps: [
      `a 6 has probability \\(\\frac{1}{6}\\), a 4 or a 5 has probability \\(\\frac{2}{6}\\), and a 1, 2 or 3 has probability \\(\\frac{3}{6}\\).`,
      `the score \\(X\\) takes the values ${w1}, ${w2} and \\(-${L}\\) on these outcomes respectively.`,
    ],
    res: chain(
      'E(X)',
      [
        `${w1} \\cdot \\frac{1}{6} + ${w2} \\cdot \\frac{2}{6} - ${L} \\cdot \\frac{3}{6}`,
        `\\frac{${w1} + ${2 * w2} - ${3 * L}}{6}`,
        `\\frac{${num}}{6}`,
      ],
      right,
    ),
    wsteps: [
      `a 6 has probability \\(\\frac{1}{6}\\), a 4 or a 5 has probability \\(\\frac{1}{6}\\), and a 1, 2 or 3 has probability \\(\\frac{3}{6}\\).`,
      `the score \\(X\\) takes the values ${w1}, ${w2} and \\(-${L}\\) on these outcomes respectively.`,
    ],
    wres: chain('E(X)', [`${w1} \\cdot \\frac{1}{6} + ${w2} \\cdot \\frac{1}{6} - ${L} \\cdot \\frac{3}{6}`, `\\frac{${wn}}{6}`], wrong),
    errStep: 1,
    spot: `the probabilities in Step 1 add up to \\(\\frac{5}{6}\\), not 1: two faces (4 and 5) give ${w2} points`,
    fix: `the outcome "4 or 5" covers two faces, so its probability is \\(\\frac{2}{6}\\), not \\(\\frac{1}{6}\\)`,
    badStep: 1,
    badFix: `"a 4 or a 5" is a single outcome of the roll and has probability \\(\\frac{1}{6}\\)`,
    alts: [
      {
        intro: 'by listing the six faces',
        lines: [`The scores on faces 1 to 6 are \\(-${L}, -${L}, -${L}, ${w2}, ${w2}, ${w1}\\), each with probability \\(\\frac{1}{6}\\).`],
        res: chain('E(X)', [`\\frac{-${L} - ${L} - ${L} + ${w2} + ${w2} + ${w1}}{6}`, `\\frac{${num}}{6}`], right),
      },
    ],
    sub: `\\(\\frac{1}{6} + \\frac{2}{6} + \\frac{3}{6} = 1\\), so the probabilities in Step 1 are consistent`,
    rc: `every one of the six equally likely faces has been given its score exactly once, and the loss of ${L} counts as \\(-${L}\\)`,
    wrongDesc: 'treats "4 or 5" as a single face',
    distract: [fracTex(w1 + 2 * w2, 6, f.fc), fracTex(w1 + 2 * w2 + 3 * L, 6, f.fc), fracTex(w1 + w2 - L, 3, f.fc), fracTex(num, 3, f.fc)],
  };
}

function pRoots(rng: Rng, f: Fmt): Problem {
  void f;
  let r1 = 0;
  let r2 = 0;
  do {
    r1 = ri(rng, 1, 9);
    r2 = ri(rng, 1, 9);
  } while (r1 === r2);
  const p = r1 + r2;
  const q = r1 * r2;
  const R = p * p - 2 * q;
  const W = p * p - q;
  return {
    task: 'algebra',
    query: `If \\(\\alpha\\) and \\(\\beta\\) are the roots of \\(x^2 - ${p}x + ${q} = 0\\), find the value of \\(\\alpha^2 + \\beta^2\\).`,
    given: `\\(x^2 - ${p}x + ${q} = 0\\) with roots \\(\\alpha, \\beta\\)`,
    unit: '',
    q: 'the value of \\(\\alpha^2 + \\beta^2\\)',
    sym: '\\alpha^2 + \\beta^2',
    right: String(R),
    wrong: String(W),
    hdr: String(R),
    steps: [
      `by Vieta's formulas, \\(\\alpha + \\beta = ${p}\\) and \\(\\alpha\\beta = ${q}\\).`,
      `the identity \\(\\alpha^2 + \\beta^2 = (\\alpha + \\beta)^2 - 2\\alpha\\beta\\) applies.`,
    ],
    res: chain('\\alpha^2 + \\beta^2', [`${p}^2 - 2 \\times ${q}`, `${p * p} - ${2 * q}`], String(R)),
    wsteps: [
      `by Vieta's formulas, \\(\\alpha + \\beta = ${p}\\) and \\(\\alpha\\beta = ${q}\\).`,
      `the identity \\(\\alpha^2 + \\beta^2 = (\\alpha + \\beta)^2 - \\alpha\\beta\\) applies.`,
    ],
    wres: chain('\\alpha^2 + \\beta^2', [`${p}^2 - ${q}`, `${p * p} - ${q}`], String(W)),
    errStep: 2,
    spot: `expanding, \\((\\alpha + \\beta)^2 = \\alpha^2 + 2\\alpha\\beta + \\beta^2\\), so the cross term is \\(2\\alpha\\beta\\), not \\(\\alpha\\beta\\)`,
    fix: `the identity is \\(\\alpha^2 + \\beta^2 = (\\alpha + \\beta)^2 - 2\\alpha\\beta\\); the factor 2 was lost`,
    badStep: 2,
    badFix: `the cross term to subtract is \\(\\alpha\\beta\\), not \\(2\\alpha\\beta\\)`,
    alts: [
      {
        intro: 'by factorising',
        lines: [`\\(x^2 - ${p}x + ${q} = (x - ${r1})(x - ${r2})\\), so the roots are ${r1} and ${r2}.`],
        res: chain('\\alpha^2 + \\beta^2', [`${r1}^2 + ${r2}^2`, `${r1 * r1} + ${r2 * r2}`], String(R)),
      },
    ],
    sub: `the coefficient of \\(x\\) is \\(-${p}\\), so \\(\\alpha + \\beta = ${p}\\) (not \\(-${p}\\)) and \\(\\alpha\\beta = ${q}\\)`,
    rc: `Vieta gives the sum ${p} and the product ${q}, and in \\((\\alpha + \\beta)^2\\) the cross term \\(2\\alpha\\beta\\) has to be removed`,
    wrongDesc: 'drops the factor 2 in \\(2\\alpha\\beta\\)',
    distract: [String(p * p + 2 * q), String(p * p), String(p * p - 4 * q === R ? p * p + q : p * p - 4 * q), String(R + 2)],
  };
}

function pDist(rng: Rng, f: Fmt): Problem {
  void f;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (;;) {
    x1 = ri(rng, -9, -1);
    x2 = ri(rng, 1, 9);
    y1 = ri(rng, -6, 9);
    y2 = ri(rng, -6, 9);
    if (y1 !== y2 && x1 + x2 !== 0) break;
  }
  const dx = x2 - x1;
  const dy = y2 - y1;
  const S = dx * dx + dy * dy;
  const [k, m] = surd(S);
  const right = surdTex(k, m);
  const dxw = x2 + x1;
  const Sw = dxw * dxw + dy * dy;
  const [kw, mw] = surd(Sw);
  const wrong = surdTex(kw, mw);
  const rootRes = (s: number, kk: number, mm: number, v: string) =>
    chain('PQ', kk > 1 && mm > 1 ? [`\\sqrt{${s}}`, `\\sqrt{${kk * kk} \\times ${mm}}`] : [`\\sqrt{${s}}`], v);
  return {
    task: 'coordinate geometry',
    query: `Find the distance between the points \\(P(${x1}, ${y1})\\) and \\(Q(${x2}, ${y2})\\), giving your answer in exact form.`,
    given: `\\(P(${x1}, ${y1})\\), \\(Q(${x2}, ${y2})\\)`,
    unit: ' units',
    q: 'the distance \\(PQ\\)',
    sym: 'PQ',
    right,
    wrong,
    hdr: right,
    steps: [
      `the horizontal difference is \\(${x2} - (${x1}) = ${dx}\\).`,
      `the vertical difference is \\(${y2} - ${par(y1)} = ${dy}\\).`,
      `by the distance formula, \\(PQ^2 = ${sqr(dx)} + ${sqr(dy)} = ${dx * dx} + ${dy * dy} = ${S}\\).`,
    ],
    res: rootRes(S, k, m, right),
    wsteps: [
      `the horizontal difference is \\(${x2} - ${-x1} = ${dxw}\\).`,
      `the vertical difference is \\(${y2} - ${par(y1)} = ${dy}\\).`,
      `by the distance formula, \\(PQ^2 = ${sqr(dxw)} + ${sqr(dy)} = ${dxw * dxw} + ${dy * dy} = ${Sw}\\).`,
    ],
    wres: rootRes(Sw, kw, mw, wrong),
    errStep: 1,
    spot: `\\(P\\) lies to the left of the \\(y\\)-axis and \\(Q\\) to the right, so the horizontal gap is \\(${-x1} + ${x2} = ${dx}\\); subtracting a negative coordinate adds`,
    fix: `the horizontal difference is \\(${x2} - (${x1}) = ${x2} + ${-x1} = ${dx}\\), not ${dxw}, so \\(PQ^2 = ${dx * dx} + ${dy * dy} = ${S}\\)`,
    badStep: 1,
    badFix: `the horizontal difference should be taken as \\(${x2} - ${-x1} = ${dxw}\\)`,
    alts: [
      {
        intro: 'by subtracting in the other order',
        lines: [`\\(PQ^2 = (${x1} - ${x2})^2 + (${y1} - ${par(y2)})^2 = ${sqr(-dx)} + ${sqr(-dy)} = ${S}\\).`],
        res: rootRes(S, k, m, right),
      },
    ],
    sub: `the vertical difference \\(${dy}\\) squared is ${dy * dy}, as used in Step 3`,
    rc: `\\(P\\) and \\(Q\\) are on opposite sides of the \\(y\\)-axis, so the horizontal gap is \\(${-x1} + ${x2} = ${dx}\\), and the vertical gap is \\(${Math.abs(dy)}\\)`,
    wrongDesc: `ignores the sign of \\(${x1}\\)`,
    distract: [String(dx + Math.abs(dy)), surdTex(k + 1, m === 1 ? 2 : m), rootTex(S + 2), rootTex(S - 1)],
  };
}

const SPEEDS = [30, 36, 40, 45, 48, 50, 54, 60, 64, 72, 75, 80, 90, 96, 100, 120];
const DISTS = [60, 72, 90, 120, 144, 150, 180, 240, 300, 360];
const SPEED_COMBOS: [number, number, number][] = [];
for (const v1 of SPEEDS)
  for (const v2 of SPEEDS)
    for (const D of DISTS) {
      if (v1 === v2) continue;
      const t1 = (D * 100) / v1;
      const t2 = (D * 100) / v2;
      const avg = (20 * v1 * v2) / (v1 + v2);
      if (Number.isInteger(t1) && Number.isInteger(t2) && Number.isInteger(avg)) SPEED_COMBOS.push([v1, v2, D]);
    }

function pSpeed(rng: Rng, f: Fmt): Problem {
  void f;
  const [v1, v2, D] = pick(rng, SPEED_COMBOS);
  const T1 = D / v1;
  const T2 = D / v2;
  const T = T1 + T2;
  const avg = (2 * v1 * v2) / (v1 + v2);
  const right = fmtNum(avg);
  const wrong = fmtNum((v1 + v2) / 2);
  return {
    task: 'rates',
    query: `A car travels ${D} km from town A to town B at an average speed of ${v1} km/h and returns along the same road at ${v2} km/h. Find the average speed for the whole journey.`,
    given: `${D} km each way, ${v1} km/h out, ${v2} km/h back`,
    unit: ' km/h',
    q: 'the average speed for the whole journey',
    sym: '\\bar{v}',
    right,
    wrong,
    hdr: right,
    steps: [
      `the outward journey takes \\(\\frac{${D}}{${v1}} = ${fmtNum(T1)}\\) h.`,
      `the return journey takes \\(\\frac{${D}}{${v2}} = ${fmtNum(T2)}\\) h.`,
      `the total distance is \\(2 \\times ${D} = ${2 * D}\\) km and the total time is \\(${fmtNum(T1)} + ${fmtNum(T2)} = ${fmtNum(T)}\\) h.`,
    ],
    res: chain('\\bar{v}', [`\\frac{${2 * D}}{${fmtNum(T)}}`], right),
    wsteps: [
      `the speeds on the two legs are ${v1} km/h and ${v2} km/h.`,
      `the two legs have the same length, so the two speeds carry equal weight.`,
    ],
    wres: chain('\\bar{v}', [`\\frac{${v1} + ${v2}}{2}`], wrong),
    errStep: 2,
    spot: `average speed is total distance divided by total time, and the car spends longer on the slower leg, so the two speeds do not carry equal weight`,
    fix: `the speeds are weighted by time, not distance: the legs take \\(${fmtNum(T1)}\\) h and \\(${fmtNum(T2)}\\) h, so the car covers \\(${2 * D}\\) km in \\(${fmtNum(T)}\\) h`,
    badStep: 3,
    badFix: `since both legs are ${D} km long, the average speed is simply the mean of ${v1} and ${v2}`,
    alts: [
      {
        intro: 'with the harmonic-mean formula',
        lines: [`For two equal distances, \\(\\bar{v} = \\frac{2v_1v_2}{v_1 + v_2}\\).`],
        res: chain('\\bar{v}', [`\\frac{2 \\times ${v1} \\times ${v2}}{${v1} + ${v2}}`, `\\frac{${2 * v1 * v2}}{${v1 + v2}}`], right),
      },
    ],
    sub: `\\(${fmtNum(T1)} \\times ${v1} = ${D}\\), so the outward time is right`,
    rc: `the car covers ${2 * D} km in all and is on the road for ${fmtNum(T)} h altogether, and average speed is total distance over total time`,
    wrongDesc: 'is the plain mean of the two speeds',
    estimate: `Since more time is spent at the lower speed, the answer should lie below the mean of the two speeds.`,
    distract: [fmtNum(avg / 2), fmtNum(avg + 2), fmtNum(avg - 3), fmtNum(Math.min(v1, v2) + 1)],
  };
}

function pCommittee(rng: Rng, f: Fmt): Problem {
  const n = ri(rng, 8, 20);
  const k = ri(rng, 2, 5);
  const C = (a: number, b: number): number => {
    let r = 1;
    for (let i = 0; i < b; i++) r = (r * (a - i)) / (i + 1);
    return Math.round(r);
  };
  const P = Array.from({ length: k }, (_, i) => n - i).reduce((s, v) => s * v, 1);
  const kf = Array.from({ length: k }, (_, i) => i + 1).reduce((s, v) => s * v, 1);
  const prod = Array.from({ length: k }, (_, i) => n - i).join(' \\times ');
  const right = fmtInt(C(n, k), f.sep);
  const wrong = fmtInt(P, f.sep);
  const Pf = fmtInt(P, f.sep && chance(rng, 0.5));
  const ctx = pick(rng, [
    { q: `In how many ways can a committee of ${k} be chosen from ${n} people?`, what: 'committees', grp: 'committee', who: 'people' },
    {
      q: `A coach must pick a squad of ${k} players from ${n} candidates. How many different squads are possible?`,
      what: 'squads',
      grp: 'squad',
      who: 'players',
    },
    {
      q: `How many ways are there to choose ${k} books from a shelf of ${n} different books?`,
      what: 'selections',
      grp: 'selection',
      who: 'books',
    },
    {
      q: `A teacher chooses ${k} of her ${n} students to form a group. How many different groups can she form?`,
      what: 'groups',
      grp: 'group',
      who: 'students',
    },
  ]);
  return {
    task: 'counting',
    query: ctx.q,
    given: `${n} ${ctx.who}, choose ${k}, order irrelevant`,
    unit: '',
    q: `the number of possible ${ctx.what}`,
    sym: 'N',
    right,
    wrong,
    hdr: String(C(n, k)),
    steps: [
      `the order in which the ${ctx.who} are chosen does not matter, so we count combinations.`,
      `the number of ways is \\(\\binom{${n}}{${k}} = \\frac{${n}!}{${k}!\\,${n - k}!}\\).`,
    ],
    res: chain(`\\binom{${n}}{${k}}`, [`\\frac{${prod}}{${k}!}`, `\\frac{${P}}{${kf}}`], right),
    wsteps: [
      `the first of the ${ctx.who} can be chosen in ${n} ways, the next in ${n - 1} ways, and so on.`,
      `the number of choices is the product of ${k} factors.`,
    ],
    wres: chain('N', [prod], wrong),
    errStep: 1,
    spot: `a ${ctx.grp} is an unordered selection, so each set of ${k} ${ctx.who} has been counted \\(${k}! = ${kf}\\) times in the product`,
    fix: `the order of selection does not matter, so the product \\(${Pf}\\) must be divided by \\(${k}! = ${kf}\\)`,
    badStep: 1,
    badFix: `the ${ctx.who} are chosen one after another, so the order counts and no division by \\(${k}!\\) is needed`,
    alts: [
      {
        intro: "using Pascal's rule",
        lines: [
          `\\(\\binom{${n}}{${k}} = \\binom{${n - 1}}{${k - 1}} + \\binom{${n - 1}}{${k}}\\), where \\(\\binom{${n - 1}}{${k - 1}} = ${C(n - 1, k - 1)}\\) and \\(\\binom{${n - 1}}{${k}} = ${C(n - 1, k)}\\).`,
        ],
        res: chain(`\\binom{${n}}{${k}}`, [`${C(n - 1, k - 1)} + ${C(n - 1, k)}`], right),
      },
    ],
    sub: `\\(${k}! = ${kf}\\), as used in the denominator`,
    rc: `a ${ctx.grp} has no roles or order, so choosing the same ${k} ${ctx.who} in another order gives the same ${ctx.grp}, which is why we divide by \\(${k}!\\)`,
    wrongDesc: 'counts ordered selections',
    distract: [fmtInt(C(n, k - 1), f.sep), fmtInt(C(n - 1, k), f.sep), fmtInt(C(n + 1, k), f.sep), fmtInt(n * k, f.sep)],
  };
}

const PROBLEMS = [pBag, pHyp, pLinear, pSeries, pTriangle, pMean, pDice, pRoots, pDist, pSpeed, pCommittee];

// ---------------------------------------------------------------------------------------------
// Phrasing templates. Tokens: %Q quantity, %Qc capitalised, %S symbol, %V value, %U unit, %L letter,
// %k step number, %FIX, %SPOT, %RC, %SUB, %ALT, %R (result expression + value), %X / %D / %WD (a
// rejected option's letter, content and description), %G given data.

const OPENINGS = [
  'Solution.',
  '**Solution.**',
  'Solution:',
  'Worked solution.',
  'Solution (model answer).',
  '**Solution**',
  'Sol.',
  'Full solution.',
  'Solution. All working is shown.',
  '**Worked Solution**',
  'Answer key: solution.',
  'Solution — step by step.',
  'SOLUTION',
  '**Solution:**',
];

const GIVEN = [
  'Given: %G.',
  'Data: %G.',
  'We are given: %G.',
  '**Given:** %G.',
  'Given data: %G.',
  'From the question: %G.',
  'Known: %G.',
  'Information given: %G.',
  'Let us record the data: %G.',
  'Given — %G.',
];

const STEP_HEADS = ['Step %n:', '**Step %n:**', 'Step %n.', 'Step %n —', '**Step %n.**', 'Step %n)'];

// Step sentences: a lead-in followed by the problem's own clause.
const LEAD_FIRST = [
  '',
  'First, ',
  'To begin, ',
  'We note that ',
  'From the question, ',
  'Observe that ',
  'Clearly, ',
  'Initially, ',
  'We start by noting that ',
  'Firstly, ',
  'Here ',
  'To start, ',
  'As a first step, note that ',
  'At the outset, ',
  'We first observe that ',
  'Reading off the data, ',
];
const LEAD_NEXT = [
  '',
  'Next, ',
  'Now ',
  'Then ',
  'Further, ',
  'We see that ',
  'It follows that ',
  'Also, ',
  'In addition, ',
  'Moreover, ',
  'From the above, ',
  'Consequently, ',
  'Continuing, ',
  'Proceeding, ',
  'We now note that ',
  'Accordingly, ',
  'At this stage, ',
  'Building on this, ',
  'After that, ',
  'With this, ',
];
const RESULT_LEAD = [
  'Combining the above,',
  'Hence',
  'Therefore',
  'Putting it together,',
  'Substituting,',
  'Evaluating,',
  'We obtain',
  'It follows that',
  'Finally,',
  'Now compute %Q:',
  'The required value is',
  'So',
  'Computing %Q:',
  'Thus',
  'Then',
  'Accordingly,',
  'Simplifying,',
  'This gives',
  'Collecting the results,',
  'On substitution,',
  'Consequently,',
  'As a result,',
  'Using these values,',
  'Applying this,',
  'Working this out,',
  'The final computation:',
  'Bringing everything together,',
  'Now evaluate:',
];

// Conclusions after the result line (restatements: they merge into the result's candidate).
const CONCLUDE = [
  '∴ %Q is \\( %V \\)%U.',
  '∴ \\( %S = %V \\)%U.',
  'Hence %Q is \\( %V \\)%U.',
  'Therefore %Q equals \\( %V \\)%U.',
  'Thus %Q is \\( %V \\)%U.',
  'So %Q is \\( %V \\)%U.',
  '∴ The required value is \\( %V \\)%U.',
  'Hence the answer is \\( %V \\)%U.',
  '%Qc is therefore \\( %V \\)%U.',
  'This gives %Q as \\( %V \\)%U.',
  'Consequently, %Q is \\( %V \\)%U.',
  'It follows that \\( %S = %V \\)%U.',
  'We conclude that %Q is \\( %V \\)%U.',
  'Hence \\( %S = %V \\)%U, as required.',
  '∴ %Q is \\( %V \\)%U (exact value).',
  'That is, %Q is \\( %V \\)%U.',
  'The answer is therefore \\( %V \\)%U.',
  'In conclusion, %Q is \\( %V \\)%U.',
  'Hence, \\( %V \\)%U is %Q.',
  'Thus \\( %S = %V \\)%U.',
  'So the required answer is \\( %V \\)%U.',
  'Therefore, \\( %S = %V \\)%U.',
  '∴ We obtain \\( %V \\)%U for %Q.',
  'Hence %Q works out to \\( %V \\)%U.',
  'It follows that %Q is \\( %V \\)%U.',
  'Thus the result is \\( %V \\)%U.',
  'Accordingly, %Q is \\( %V \\)%U.',
  '∴ the value of \\( %S \\) is \\( %V \\)%U.',
  'This completes the calculation of %Q.',
  'Therefore the value sought is \\( %V \\)%U.',
  '∴ %Q: \\( %V \\)%U.',
  'This is the required result.',
];

const ANSWER = [
  'Answer: \\( %V \\)%U',
  '**Answer:** \\( %V \\)%U',
  'Final answer: \\( \\boxed{%V} \\)%U',
  'Ans. \\( %V \\)%U',
  '\\[ \\boxed{%V} \\]',
  'The final answer is \\( %V \\)%U.',
  'Answer: \\( %S = %V \\)%U',
  '**Final answer:** \\( %V \\)%U',
  'Required answer: \\( %V \\)%U',
  'Result: \\( %V \\)%U',
  '⇒ \\( %V \\)%U',
  'Answer (final): \\( %V \\)%U',
  '[Answer: \\( %V \\)%U]',
  'Final: \\( \\boxed{%V} \\)%U',
  'The answer is \\( \\boxed{%V} \\)%U.',
  '**Ans.** \\( %V \\)%U',
  'Answer — \\( %V \\)%U',
  'Hence the final answer: \\( %V \\)%U.',
  'Final result: \\( %S = %V \\)%U',
  'Answer: \\( %V \\)%U ■',
  'Answer: \\( %V \\)%U (exact)',
  'Final answer \\( \\Rightarrow %V \\)%U',
  '**Answer: \\( %V \\)%U**',
  'Answer. \\( %V \\)%U',
  'Final answer: \\( %S = \\boxed{%V} \\)%U',
  'Answer ∎ \\( %V \\)%U',
];
const ANSWER_MC = [
  'Answer: (%L)',
  '**Answer: (%L)**',
  '\\[ \\boxed{\\text{(%L)}} \\]',
  'Final answer: %L',
  'Correct option: (%L)',
  'Ans. (%L)',
  'The final answer is (%L).',
  '**Final answer:** (%L)',
  'Answer: \\( \\boxed{%L} \\)',
  'Answer — option (%L)',
  '[Answer: (%L)]',
  'Final: (%L)',
  'Option (%L).',
  'Answer (final): %L',
  '**Ans.** (%L)',
  'Answer: (%L) ■',
  'Correct choice: **(%L)**',
  'Final answer \\( \\Rightarrow \\) (%L)',
  'Required option: (%L)',
  'The answer is \\( \\boxed{\\text{%L}} \\).',
  'Answer. (%L)',
  '⇒ (%L)',
  'Marked answer: (%L)',
  'Final choice: (%L)',
  'Answer: option %L',
  'Key: (%L)',
];

// Multiple-choice commitments (the first letter is the candidate).
const MC_COMMIT = [
  '∴ The correct option is (%L).',
  'Hence the answer is (%L).',
  'This matches option (%L), so the answer is (%L).',
  '∴ (%L).',
  'So the correct choice is (%L).',
  'Therefore option (%L) is correct.',
  'The answer is (%L).',
  'Hence (%L).',
  '∴ The answer is option (%L).',
  'This is option (%L); hence (%L).',
  'Thus the correct option is (%L).',
  'Therefore the answer is (%L).',
  'Accordingly, we choose (%L).',
  'The correct answer is (%L).',
  '∴ Option (%L) is the answer.',
  'Hence the correct option is (%L).',
  'So we select option (%L).',
  'It follows that the answer is (%L).',
  'That is option (%L), which is the answer.',
  'We therefore choose option (%L).',
  'Consequently, the answer is (%L).',
  '∴ Choice (%L).',
  'The required option is (%L).',
  'This value is listed as (%L), so (%L) is correct.',
  'Hence option (%L) is the correct one.',
  'Thus the answer is option (%L).',
  'Therefore (%L) is the correct choice.',
  'Answer choice (%L) is therefore correct.',
];

// A value reached by a second method, identified as an option (the letter is the candidate).
const MC_POINT = [
  'This is option (%L).',
  'That is, option (%L).',
  'This corresponds to option (%L).',
  'That is choice (%L).',
  'This value is option (%L).',
  'So the second method points to (%L).',
  'This gives option (%L).',
  'In the list of options this is (%L).',
  'This matches option (%L).',
  'So this route gives (%L).',
  'Among the choices, this is (%L).',
  'This is the value in option (%L).',
  'Hence this method selects (%L).',
  'This is listed as (%L).',
  'So by this method the answer is (%L).',
  'The corresponding option is (%L).',
  'This identifies option (%L).',
  'That value appears as (%L).',
  'This method therefore gives (%L).',
  'In terms of the options: (%L).',
  'Which is option (%L).',
  'So this check leads to (%L).',
  'The matching choice is (%L).',
  'By this route: option (%L).',
  'This is answer choice (%L).',
  'Option (%L) by this method.',
];

// Rejecting a tempting option before committing (the letter is not a candidate).
const REJECT = [
  'Note that option (%X), \\( %D \\), %WD, so it is rejected.',
  'Option (%X), \\( %D \\), is a trap: it %WD.',
  'Remark: (%X) \\( %D \\) %WD and can be ruled out.',
  'Option (%X) \\( %D \\) %WD; reject it.',
  '(%X) is ruled out: the value \\( %D \\) %WD.',
  'We may discard (%X), since \\( %D \\) %WD.',
  'Beware of option (%X), \\( %D \\): it %WD.',
  'Option (%X) (\\( %D \\)) %WD, so it is not correct.',
  'Note: \\( %D \\), option (%X), %WD.',
  'Distractor (%X), \\( %D \\), %WD.',
  'Option (%X) can be eliminated: \\( %D \\) %WD.',
  'The value in (%X), \\( %D \\), %WD; not the answer.',
];

// Decision / "wait"-like turns before re-examining a step.
const TURN_DOUBT = [
  'However, Step %k should be checked before the answer is accepted.',
  'Wait — the reasoning in Step %k needs another look.',
  'Hold on: Step %k may not be right.',
  'But this deserves a second look, in particular Step %k.',
  'On reflection, Step %k is questionable.',
  'Note: Step %k must be re-examined.',
  'Before finalising, let us revisit Step %k.',
  'Caution: Step %k does not look right.',
  'Hmm, Step %k seems suspicious.',
  'Let us pause and reconsider Step %k.',
  'Remark: the argument in Step %k should be checked.',
  'Wait, there may be a slip in Step %k.',
  'However, re-reading Step %k, something is off.',
  'Reconsider Step %k.',
  'But is Step %k justified?',
  'A closer look at Step %k is needed.',
  'Wait. Step %k needs to be checked against the question.',
  'Before boxing the answer, recheck Step %k.',
  'There is a doubt about Step %k.',
  'Let us double-check Step %k.',
  'However, Step %k rests on an assumption worth checking.',
  'One moment — Step %k should be verified.',
  'Looking again at Step %k:',
  'Re-examining Step %k:',
  'Wait, Step %k deserves scrutiny.',
  'Second thoughts on Step %k:',
  'I should reconsider Step %k.',
  'Not so fast: Step %k needs checking.',
];
const TURN_DIFFER = [
  'The two results differ, so one of the calculations is wrong.',
  'This disagrees with the value found above.',
  'These do not agree; the first solution must contain an error.',
  'The two methods give different values, so we look for the error.',
  'Contradiction: the two answers differ.',
  'This does not match the first result, so something is wrong.',
  'The results are inconsistent; we must find the mistake.',
  'Since the two values differ, one method contains a slip.',
  'Discrepancy: the second method gives a different value.',
  'The answers do not match. Checking the first solution again:',
  'The verification fails: the values are different.',
  'These two values cannot both be right.',
  'Mismatch. The first solution has to be re-examined.',
  'This conflicts with the earlier answer, so we trace the error.',
  'The check does not agree with the solution above.',
  'Different results — an error has been made somewhere.',
  'So the two routes disagree; the first one is suspect.',
  'Since the verification disagrees, the original working is revisited.',
  'The values differ, so the earlier solution is not reliable.',
  'The second approach contradicts the first.',
  'Inconsistent results: we return to the first solution.',
  'That is not the same value, so there is an error.',
  'The check exposes a problem: the values do not agree.',
  'Two different answers: one of them is wrong.',
  'This contradicts the first answer; we look for the faulty step.',
  'The verification does not confirm the first answer.',
];

// Checks: by another method, by re-examining a step, by re-reading conditions, of a sub-step.
const CHECK_ALT = [
  'Verification (%ALT):',
  'Check: we recompute %Q %ALT.',
  'Check by another method (%ALT).',
  'Cross-check, %ALT:',
  'Alternative method (%ALT):',
  'Verification. Computing %Q again, %ALT:',
  'Let us verify %ALT.',
  'Check (%ALT):',
  'Second method — %ALT:',
  '**Verification** (%ALT):',
  'Check: compute %Q %ALT.',
  'Verification: we obtain %Q independently, %ALT.',
  'As a check, we find %Q %ALT.',
  'Independent check, %ALT:',
  'Alternatively, %ALT:',
  'Verification by a second route (%ALT):',
  '**Check:** %ALT.',
  'To confirm, we recompute %Q %ALT.',
  'Method 2 (%ALT):',
  'Verification — %ALT.',
  'Another way, %ALT:',
  'Checking the result %ALT:',
  'Re-derivation, %ALT:',
  'Confirmation by another method (%ALT):',
  'Let us check %Q %ALT.',
  'A second solution, %ALT:',
  'For verification, we work %ALT.',
  'Check, %ALT:',
];
const SPOT_CHECK = [
  'Check: %SPOT.',
  'Re-reading the question: %SPOT.',
  'Checking Step %k: %SPOT.',
  'Verification: %SPOT.',
  'On inspection, %SPOT.',
  'Check of Step %k: %SPOT.',
  'Indeed, %SPOT.',
  'Going back over Step %k, %SPOT.',
  'Examining Step %k again: %SPOT.',
  'Here is the problem: %SPOT.',
  'Looking carefully, %SPOT.',
  'Check: %SPOT, so Step %k is wrong.',
  'Reading the question again, %SPOT.',
  'Testing Step %k: %SPOT.',
  'But %SPOT.',
  'On closer examination, %SPOT.',
  'Verifying Step %k: %SPOT.',
  'We find that %SPOT.',
  'Careful: %SPOT.',
  'The issue: %SPOT.',
  'Re-examination shows that %SPOT.',
  'Notice that %SPOT.',
  'In fact, %SPOT.',
  'Step %k fails the check: %SPOT.',
  'A quick check reveals that %SPOT.',
  'Note that %SPOT.',
];
const RECHECK = [
  'Check: %RC. Hence %Q is indeed \\( %V \\)%U.',
  'Re-examining the conditions: %RC, so %Q is \\( %V \\)%U.',
  'Verification: %RC; therefore \\( %S = %V \\)%U, as found.',
  'Check against the question: %RC. ∴ %Q is \\( %V \\)%U.',
  'Re-reading the question, %RC. So %Q remains \\( %V \\)%U.',
  'Let us confirm the reasoning: %RC. Hence \\( %S = %V \\)%U.',
  'Check: %RC, and so %Q is \\( %V \\)%U.',
  'Reviewing each step: %RC. ∴ \\( %S = %V \\)%U.',
  'Going back over the solution: %RC. Thus %Q is \\( %V \\)%U.',
  'Verification of the method: %RC. Therefore %Q is \\( %V \\)%U.',
  'Check: %RC. The result \\( %S = %V \\)%U stands.',
  'We re-examine the conditions: %RC. Hence the answer \\( %V \\)%U is confirmed.',
  'Checking the set-up: %RC; so %Q is \\( %V \\)%U.',
  'Does the method fit the question? %RC. So \\( %S = %V \\)%U.',
  'Re-check: %RC. ∴ %Q \\( = %V \\)%U.',
  'Reasoning check: %RC, hence %Q is \\( %V \\)%U.',
  'Verification: %RC. Therefore \\( %V \\)%U is %Q.',
  'On re-examination, %RC. Hence %Q is \\( %V \\)%U.',
  'Check of the approach: %RC. So the answer is \\( %V \\)%U.',
  'Looking back: %RC. ∴ %Q is \\( %V \\)%U.',
  'Sanity check of the method: %RC; thus \\( %S = %V \\)%U.',
  'Re-reading: %RC. Hence \\( %V \\)%U is correct for %Q.',
  'Check: %RC. Consequently %Q is \\( %V \\)%U.',
  'We confirm the logic: %RC. Therefore \\( %S = %V \\)%U.',
  'Review: %RC; %Q is therefore \\( %V \\)%U.',
  'Check of conditions: %RC. So %Q is \\( %V \\)%U.',
];
const SUBCHECK = [
  'Check: %SUB ✓',
  'Check: %SUB.',
  '(Check: %SUB.)',
  'Verification of a step: %SUB.',
  'Check: %SUB — fine.',
  'Note: %SUB.',
  '✓ Check: %SUB.',
  'Quick check: %SUB.',
  'Check (intermediate step): %SUB.',
  'Verification: %SUB ✓',
  'Sanity check: %SUB.',
  'Checking the working: %SUB.',
  'Remark: %SUB.',
  'Step check: %SUB.',
  '(Verification: %SUB.)',
  'Check on the working: %SUB ✓',
  'A partial check: %SUB.',
  'Checking one step: %SUB.',
  'Check: %SUB, as expected.',
  'Verification — %SUB.',
  'Spot check: %SUB.',
  'Intermediate check: %SUB.',
  'Consistency check: %SUB.',
  'Check of the arithmetic: %SUB.',
  'We verify a step: %SUB.',
  'Check: %SUB; no error there.',
];

// After a verification that reaches the value (merge into that candidate).
const ECHO_AGREE = [
  'This agrees with the value found above.',
  'Both methods give \\( %V \\)%U, so the answer is confirmed.',
  'Same result as before ✓',
  'This matches the answer obtained in the solution.',
  'The two methods agree.',
  'Hence the result is verified.',
  'This confirms that %Q is \\( %V \\)%U.',
  'The answers agree, as they should.',
  'Verified: \\( %S = %V \\)%U.',
  'In agreement with the first method.',
  'Consistent with the solution above ✓',
  'The values coincide, so the answer is correct.',
  'This is the same value, which confirms the answer.',
  'The verification agrees with the solution.',
  'Both routes lead to \\( %V \\)%U.',
  'This matches, so the result is correct.',
  'Agreement confirms the answer.',
  'The check is satisfied.',
  'The result agrees with the first method ✓',
  'Hence the answer \\( %V \\)%U is confirmed.',
  'Thus both approaches give the same value.',
  'Identical to the earlier result.',
  'The second method agrees.',
  'This reproduces the answer above.',
  'So the verification confirms the answer.',
  'As before, the value is \\( %V \\)%U.',
];
// Concluding a plug-in check (the value stated here is the candidate).
const ECHO_STATE = [
  'Hence %Q is indeed \\( %V \\)%U.',
  'So the answer \\( %V \\)%U is confirmed.',
  '∴ \\( %S = %V \\)%U is correct.',
  'This confirms that %Q is \\( %V \\)%U.',
  'Thus \\( %S = %V \\)%U, as found.',
  'Therefore %Q is \\( %V \\)%U, verified.',
  'Verified: %Q is \\( %V \\)%U.',
  'Hence \\( %V \\)%U is correct.',
  'So %Q is \\( %V \\)%U, as obtained above.',
  'The check confirms \\( %S = %V \\)%U.',
  '∴ %Q is \\( %V \\)%U.',
  'Therefore \\( %S = %V \\)%U is verified.',
  'This shows that %Q is \\( %V \\)%U.',
  'Hence the answer is \\( %V \\)%U.',
  'Consequently, \\( %S = %V \\)%U is right.',
  'So indeed \\( %S = %V \\)%U.',
  'The value \\( %V \\)%U for %Q is therefore correct.',
  'Confirmed: \\( %S = %V \\)%U.',
  'Hence the result \\( %V \\)%U stands.',
  'So the solution \\( %V \\)%U checks out.',
  'Thus %Q is confirmed to be \\( %V \\)%U.',
  'It follows that \\( %V \\)%U is right.',
  'Therefore the answer \\( %V \\)%U is verified.',
  '✓ So %Q is \\( %V \\)%U.',
  'Hence \\( %S = %V \\)%U, confirmed.',
  'The check is satisfied, so %Q is \\( %V \\)%U.',
];

// Confirmations with no new work. With a value: only right after a candidate (merge).
const CONFIRM_PLAIN = [
  'This is consistent with the given data.',
  'The answer is reasonable.',
  'Yes — this is correct.',
  '✓',
  'The result is confirmed.',
  'This completes the solution.',
  'All steps are justified.',
  'The working is complete.',
  'Nothing further is needed.',
  'This is the final result.',
  'The solution is complete. ∎',
  'No errors found.',
  'The answer stands.',
  'The solution is consistent.',
  'That settles it.',
  'Everything checks out.',
];
const CONFIRM_V = [
  'Yes, \\( %V \\)%U is correct.',
  'So \\( %V \\)%U stands.',
  'The value \\( %V \\)%U is reasonable.',
  'Hence \\( %V \\)%U is the answer.',
  'That is, \\( %V \\)%U.',
  'So the answer remains \\( %V \\)%U.',
  'Thus \\( %V \\)%U is confirmed.',
  '\\( %V \\)%U is therefore the answer.',
  'Yes: \\( %S = %V \\)%U.',
  'This confirms \\( %V \\)%U.',
  'Hence, \\( %V \\)%U.',
  'Correct: \\( %V \\)%U.',
];

// Corrections (the recomputed result that follows is the candidate).
const CORRECTION = [
  'Correction: in Step %k, %FIX. Hence',
  'Correction: Step %k is wrong; %FIX. The correct computation is',
  'Correction (Step %k): %FIX. So',
  'Error in Step %k: %FIX. Redoing the last step,',
  'The mistake is in Step %k: %FIX. Therefore',
  'Correcting Step %k: %FIX, which gives',
  '**Correction.** In Step %k, %FIX. Thus',
  'Correction: %FIX (Step %k). Hence',
  'Step %k must be corrected: %FIX. Then',
  'Corrected Step %k: %FIX. Consequently,',
  'Correction: in Step %k, %FIX, so the result is \\( %R \\)%U.',
  'Correction: Step %k should read differently — %FIX; therefore \\( %R \\)%U.',
  'Amendment to Step %k: %FIX. So',
  'The error is in Step %k: %FIX. With this fixed,',
  'Correction: in Step %k %FIX. The corrected result is',
  'Revised Step %k: %FIX. Hence',
  'Correction: %FIX. Redoing the calculation,',
  'Fixing Step %k: %FIX. Now',
  'Correction (in Step %k): %FIX, giving \\( %R \\)%U.',
  'Erratum, Step %k: %FIX. Therefore',
  'Correction: Step %k is in error, since %FIX. The result becomes',
  'So Step %k is wrong: %FIX. Recomputing,',
  'Correction: in Step %k, %FIX; the result is therefore \\( %R \\)%U.',
  'Amended working (Step %k): %FIX. Thus',
  'Correction — Step %k: %FIX. Then',
  'Correct Step %k as follows: %FIX. Hence',
  'Correction: in Step %k, %FIX, and so \\( %R \\)%U.',
  'Step %k is corrected: %FIX. The answer becomes',
];

const THINK_OPEN = [
  'Let me work this out carefully before writing the solution.',
  'Rough working first.',
  'I will draft the solution here, then write it up.',
  'Draft:',
  'Working it out first.',
  'Plan: set out the steps, then present them formally.',
  'Let me solve it step by step.',
  'First a draft of the working.',
  'Scratch work:',
  'I need to be careful with this one.',
];
const SUMMARY_OPEN = [
  'Solution.',
  '**Solution.**',
  'Solution:',
  'Written solution.',
  '**Solution**',
  'Final write-up.',
  'Solution (final).',
  'Worked solution.',
];

function half<T>(xs: readonly T[], split: Split): T[] {
  return xs.filter((_, i) => i % 2 === (split === 'heldout' ? 1 : 0));
}
interface Tpl {
  openings: string[];
  given: string[];
  heads: string[];
  leadFirst: string[];
  leadNext: string[];
  resultLead: string[];
  conclude: string[];
  answer: string[];
  answerMc: string[];
  mcCommit: string[];
  mcPoint: string[];
  reject: string[];
  turnDoubt: string[];
  turnDiffer: string[];
  checkAlt: string[];
  spotCheck: string[];
  recheck: string[];
  subcheck: string[];
  echoAgree: string[];
  echoState: string[];
  confirmPlain: string[];
  confirmV: string[];
  correction: string[];
  thinkOpen: string[];
  summaryOpen: string[];
}
function templates(split: Split): Tpl {
  return {
    openings: half(OPENINGS, split),
    given: half(GIVEN, split),
    heads: half(STEP_HEADS, split),
    leadFirst: half(LEAD_FIRST, split),
    leadNext: half(LEAD_NEXT, split),
    resultLead: half(RESULT_LEAD, split),
    conclude: half(CONCLUDE, split),
    answer: half(ANSWER, split),
    answerMc: half(ANSWER_MC, split),
    mcCommit: half(MC_COMMIT, split),
    mcPoint: half(MC_POINT, split),
    reject: half(REJECT, split),
    turnDoubt: half(TURN_DOUBT, split),
    turnDiffer: half(TURN_DIFFER, split),
    checkAlt: half(CHECK_ALT, split),
    spotCheck: half(SPOT_CHECK, split),
    recheck: half(RECHECK, split),
    subcheck: half(SUBCHECK, split),
    echoAgree: half(ECHO_AGREE, split),
    echoState: half(ECHO_STATE, split),
    confirmPlain: half(CONFIRM_PLAIN, split),
    confirmV: half(CONFIRM_V, split),
    correction: half(CORRECTION, split),
    thinkOpen: half(THINK_OPEN, split),
    summaryOpen: half(SUMMARY_OPEN, split),
  };
}

// ---------------------------------------------------------------------------------------------
// Body builder

const TOKEN = /%(Qc|Q|SPOT|SUB|S|V|U|k|L|FIX|RC|R|ALT|n|WD|X|D|G)/g;

class Body {
  s = '';
  cands: PhrasingCandidate[] = [];
  add(x: string): void {
    this.s += x;
  }
  /** Appends a template; the first occurrence of token `cand` (if any) is recorded as a candidate. */
  put(tpl: string, vars: Record<string, string>, cand: string | null): void {
    const st = { done: cand === null };
    this.expand(tpl, vars, cand, st);
    if (!st.done) throw new Error(`template has no %${String(cand)}: ${tpl}`);
  }
  private expand(tpl: string, vars: Record<string, string>, cand: string | null, st: { done: boolean }): void {
    let last = 0;
    for (const m of tpl.matchAll(TOKEN)) {
      this.s += tpl.slice(last, m.index);
      const key = m[1];
      const v = vars[key];
      if (v === undefined) throw new Error(`no value for %${key} in: ${tpl}`);
      if (key === 'R') this.expand(v, vars, cand, st);
      else {
        if (!st.done && key === cand) {
          this.cands.push({ value: v, offset: this.s.length });
          st.done = true;
        }
        this.s += v;
      }
      last = (m.index ?? 0) + m[0].length;
    }
    this.s += tpl.slice(last);
  }
}

type Scenario =
  | 'plain' // right, stop
  | 'altEcho' // right, verification by another method (echo)
  | 'wordsEcho' // right, re-check in words (echo)
  | 'subcheck' // right, sub-step check only
  | 'altWords' // right, two echoes
  | 'badFix' // right, then a mistaken correction -> wrong
  | 'uncaught' // wrong, not caught
  | 'spotFix' // wrong, error spotted, corrected
  | 'altDiffer' // wrong, second method disagrees, corrected
  | 'spotFixAlt'; // wrong, corrected, then verified by another method

const SCENARIOS: [Scenario, number][] = [
  ['plain', 14],
  ['altEcho', 20],
  ['wordsEcho', 9],
  ['subcheck', 8],
  ['altWords', 5],
  ['badFix', 6],
  ['uncaught', 7],
  ['spotFix', 12],
  ['altDiffer', 10],
  ['spotFixAlt', 9],
];
function pickScenario(rng: Rng): Scenario {
  const tot = SCENARIOS.reduce((s, [, w]) => s + w, 0);
  let x = rng() * tot;
  for (const [s, w] of SCENARIOS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'plain';
}

const LETTERS = ['A', 'B', 'C', 'D'];

function makeRecord(rng: Rng, T: Tpl, idx: number, split: Split, seed: number): PhrasingRecord {
  const fmt: Fmt = { fc: chance(rng, 0.25) ? 'dfrac' : 'frac', sep: chance(rng, 0.6) };
  const P = pick(rng, PROBLEMS)(rng, fmt);
  let scen = pickScenario(rng);
  const mc = chance(rng, 0.33);
  const think = chance(rng, 0.14);
  if (scen === 'altDiffer' && P.alts.every((a) => a.res === null)) scen = 'spotFix';

  // Options for multiple choice: right, wrong and two distractors.
  const letterOf = new Map<string, string>();
  let query = P.query;
  if (mc) {
    const extra = shuffle(
      rng,
      P.distract.filter((d, i, a) => d !== P.right && d !== P.wrong && a.indexOf(d) === i && d !== '0'),
    ).slice(0, 2);
    if (extra.length < 2) throw new Error(`too few distractors: ${P.query}`);
    const opts = shuffle(rng, [P.right, P.wrong, ...extra]);
    const bare = chance(rng, 0.3) && opts.every((o) => !o.includes('\\'));
    query += ' ' + opts.map((o, i) => (bare ? `(${LETTERS[i]}) ${o}` : `(${LETTERS[i]}) \\(${o}\\)`)).join(' ');
    opts.forEach((o, i) => letterOf.set(o, LETTERS[i]));
  }

  const b = new Body();
  const base = { Q: P.q, Qc: cap(P.q), S: P.sym, U: P.unit, G: P.given };
  const vv = (v: string, extra: Record<string, string> = {}): Record<string, string> => ({
    ...base,
    V: v,
    L: letterOf.get(v) ?? '',
    ...extra,
  });
  const head = pick(rng, T.heads);
  const displayBias = rng();
  const nl = (): void => b.add(chance(rng, 0.55) ? '\n\n' : '\n');

  /** The result math for `res` + value; the value is the candidate unless mc. */
  const resultMath = (lead: string, res: string, v: string, cand: boolean): void => {
    const vars = vv(v, { R: res + '%V' });
    if (rng() < displayBias * 0.9 + 0.1) {
      b.put(lead ? `${lead}\n\\[ %R \\]` : '\\[ %R \\]', vars, cand ? 'V' : null);
    } else {
      b.put(lead ? `${lead} \\( %R \\)%U.` : '\\( %R \\)%U.', vars, cand ? 'V' : null);
    }
  };
  const commit = (v: string, cand = true): void => {
    b.add(chance(rng, 0.5) ? ' ' : '\n');
    b.put(pick(rng, T.mcCommit), vv(v), cand ? 'L' : null);
  };
  const conclude = (v: string): void => {
    if (mc) return;
    b.add('\n');
    b.put(pick(rng, T.conclude), vv(v), null);
  };
  const answerLine = (v: string): void => {
    nl();
    b.put(pick(rng, mc ? T.answerMc : T.answer), vv(v), null);
  };
  const confirm = (v: string | null): void => {
    b.add(chance(rng, 0.5) ? ' ' : '\n');
    if (v !== null && chance(rng, 0.5)) b.put(pick(rng, T.confirmV), vv(v), null);
    else b.add(pick(rng, T.confirmPlain));
  };

  /** Steps and result of one attempt; the result (or the MC letter) is a candidate. */
  const attempt = (which: 'right' | 'wrong'): void => {
    const steps = which === 'right' ? P.steps : P.wsteps;
    const v = which === 'right' ? P.right : P.wrong;
    steps.forEach((s, i) => {
      nl();
      const lead = pick(rng, i === 0 ? T.leadFirst : T.leadNext);
      b.add(head.replace('%n', String(i + 1)) + ' ' + (lead ? lead + s : cap(s)));
    });
    nl();
    const lead = pick(rng, T.resultLead);
    b.add(head.replace('%n', String(steps.length + 1)) + ' ');
    resultMath(lead.replace('%Q', P.q), which === 'right' ? P.res : P.wres, v, !mc);
    if (mc) {
      if (which === 'right' && chance(rng, 0.3)) {
        b.add('\n');
        b.put(pick(rng, T.reject), { ...base, X: letterOf.get(P.wrong) ?? '', D: P.wrong, WD: P.wrongDesc }, null);
      }
      commit(v);
    } else if (chance(rng, 0.75)) conclude(v);
  };

  const altCheck = (v: string, agree = true): void => {
    const alt = pick(rng, agree ? P.alts : P.alts.filter((a) => a.res !== null));
    nl();
    b.put(pick(rng, T.checkAlt), { ...base, ALT: alt.intro }, null);
    for (const line of alt.lines) {
      b.add('\n');
      b.add(line);
    }
    b.add('\n');
    if (alt.res !== null) {
      resultMath('', alt.res, v, !mc);
      if (mc) {
        b.add(chance(rng, 0.5) ? ' ' : '\n');
        b.put(pick(rng, agree && chance(rng, 0.5) ? T.mcCommit : T.mcPoint), vv(v), 'L');
      } else if (agree && chance(rng, 0.6)) {
        b.add(chance(rng, 0.5) ? ' ' : '\n');
        b.put(pick(rng, T.echoAgree), vv(v), null);
      }
    } else if (mc) {
      b.put(pick(rng, T.mcCommit), vv(v), 'L');
    } else {
      b.put(pick(rng, T.echoState), vv(v), 'V');
    }
  };
  const wordsCheck = (v: string): void => {
    nl();
    b.put(pick(rng, T.recheck), vv(v, { RC: P.rc }), mc ? null : 'V');
    if (mc) commit(v);
  };
  const correction = (fix: string, step: number, res: string, v: string): void => {
    nl();
    const tpl = pick(rng, T.correction);
    const vars = vv(v, { k: String(step), FIX: fix, R: res + '%V' });
    if (tpl.includes('%R')) b.put(tpl, vars, mc ? null : 'V');
    else {
      b.put(tpl, vars, null);
      b.add('\n');
      resultMath('', res, v, !mc);
    }
    if (mc) commit(v);
    else if (chance(rng, 0.5)) conclude(v);
  };
  const turnDoubt = (step: number): void => {
    nl();
    b.put(pick(rng, T.turnDoubt), { k: String(step) }, null);
  };

  // --- the response
  if (think) b.add('<think>\n' + pick(rng, T.thinkOpen));
  else b.add(pick(rng, T.openings));
  if (chance(rng, 0.3)) {
    b.add('\n');
    b.put(pick(rng, T.given), base, null);
  }
  const firstRight = ['plain', 'altEcho', 'wordsEcho', 'subcheck', 'altWords', 'badFix'].includes(scen);
  if (firstRight && !mc && P.estimate && chance(rng, 0.6)) {
    b.add('\n');
    b.add(P.estimate);
  }
  if (P.tryLine && chance(rng, 0.35)) {
    b.add('\n');
    b.add(P.tryLine);
  }
  attempt(firstRight ? 'right' : 'wrong');
  let final = firstRight ? P.right : P.wrong;
  const ansOrConfirm = (v: string, allowV: boolean): void => {
    if (chance(rng, 0.3)) confirm(allowV ? v : null);
    if (chance(rng, 0.7) && !think) answerLine(v);
  };

  switch (scen) {
    case 'plain':
      ansOrConfirm(P.right, true);
      break;
    case 'altEcho':
      if (chance(rng, 0.4) && !think) answerLine(P.right);
      altCheck(P.right);
      if (chance(rng, 0.4)) confirm(P.right);
      if (chance(rng, 0.3) && !think) answerLine(P.right);
      break;
    case 'wordsEcho':
      wordsCheck(P.right);
      ansOrConfirm(P.right, true);
      break;
    case 'subcheck':
      if (!think) answerLine(P.right);
      nl();
      b.put(pick(rng, T.subcheck), { SUB: P.sub }, null);
      if (chance(rng, 0.5)) confirm(null);
      break;
    case 'altWords':
      altCheck(P.right);
      wordsCheck(P.right);
      ansOrConfirm(P.right, true);
      break;
    case 'badFix':
      if (chance(rng, 0.3) && !think) answerLine(P.right);
      turnDoubt(P.badStep);
      correction(P.badFix, P.badStep, P.wres, P.wrong);
      final = P.wrong;
      ansOrConfirm(P.wrong, true);
      break;
    case 'uncaught':
      if (!think) answerLine(P.wrong);
      if (chance(rng, 0.5)) {
        nl();
        b.put(pick(rng, T.subcheck), { SUB: P.sub }, null);
        if (chance(rng, 0.5)) confirm(null);
      }
      break;
    case 'spotFix':
    case 'spotFixAlt':
      if (chance(rng, 0.6)) turnDoubt(P.errStep);
      nl();
      b.put(pick(rng, T.spotCheck), { SPOT: P.spot, k: String(P.errStep) }, null);
      correction(P.fix, P.errStep, P.res, P.right);
      final = P.right;
      if (scen === 'spotFixAlt') altCheck(P.right);
      ansOrConfirm(P.right, true);
      break;
    case 'altDiffer':
      altCheck(P.right, false);
      nl();
      b.add(pick(rng, T.turnDiffer));
      if (chance(rng, 0.5)) {
        b.add(' ');
        b.put(pick(rng, T.spotCheck), { SPOT: P.spot, k: String(P.errStep) }, null);
      }
      correction(P.fix, P.errStep, P.res, P.right);
      final = P.right;
      ansOrConfirm(P.right, true);
      break;
  }

  if (think) {
    b.add('\n</think>\n\n');
    b.add(pick(rng, T.summaryOpen));
    const ok = final === P.right;
    const res = ok ? P.res : P.wres;
    b.add('\n');
    if (chance(rng, 0.5)) {
      const steps = ok ? P.steps : P.wsteps;
      steps.forEach((s, i) => {
        b.add(head.replace('%n', String(i + 1)) + ' ' + cap(s) + '\n');
      });
    }
    b.put(mc ? '\\[ %R \\]' : '\\[ %R \\]', vv(final, { R: res + '%V' }), null);
    b.add('\n');
    b.put(pick(rng, mc ? T.mcCommit : T.conclude.filter((c) => c.includes('%V'))), vv(final), null);
    b.add('\n');
    b.put(pick(rng, mc ? T.answerMc : T.answer), vv(final), null);
  }

  const finalValue = mc ? (letterOf.get(final) ?? '') : final;
  const cands = b.cands;
  return {
    id: `${family}-${split}-${seed}-${idx + 1}`,
    headers: {
      query,
      answer: mc ? (letterOf.get(P.right) ?? '') : P.hdr,
      task: mc ? `${P.task} (multiple choice)` : P.task,
    },
    body: b.s,
    candidates: cands,
    final: think ? finalValue : cands.length ? cands[cands.length - 1].value : null,
  };
}

export function generate(seed: number, count: number, split: Split): PhrasingRecord[] {
  const rng = mulberry32((seed * 2654435761) ^ (split === 'heldout' ? 0x5bd1e995 : 0x1b873593));
  const T = templates(split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(makeRecord(rng, T, i, split, seed));
  return out;
}
