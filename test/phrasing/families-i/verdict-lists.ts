// Phrasing family "verdict-lists": true/false, yes/no, paired statements ("Statement 1 | ...
// Statement 2 | ...", answer "True, False") and "which of I, II, III" questions (with or without
// lettered options). Verdicts are reached, doubted, flipped, restated in prose and on a short
// final line. Labels follow docs/annotation-guide.md: a verdict on one statement of a pair or a
// list is a step (the answer is built up, then stated whole); the statement that gives the whole
// answer is the candidate; a restatement (including the final line) with no new work in between
// merges; a re-check that re-derives a statement's verdict and states the answer again is a new
// candidate (an echo), also when that statement is only the final "Answer:" line; inside a
// thinking block, the summary after it is not labelled (final = its answer = the last candidate).
// Self-contained: no imports.

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
export type PhrasingSplit = 'dev' | 'heldout';

export const family = 'verdict-lists';

// ---------------------------------------------------------------- PRNG
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
  private r: () => number;
  constructor(seed: number) {
    this.r = mulberry32(seed);
  }
  next(): number {
    return this.r();
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  weighted<T extends string>(w: Record<T, number>): T {
    const keys = Object.keys(w) as T[];
    let total = 0;
    for (const k of keys) total += w[k];
    let x = this.r() * total;
    for (const k of keys) {
      x -= w[k];
      if (x < 0) return k;
    }
    return keys[keys.length - 1];
  }
}

// ---------------------------------------------------------------- body builder
class Body {
  s = '';
  cands: PhrasingCandidate[] = [];
  add(t: string): void {
    this.s += t;
  }
  cand(tpl: string, value: string, vars: Record<string, string>): void {
    const i = tpl.indexOf('{V}');
    if (i < 0) throw new Error('template without {V}: ' + tpl);
    this.s += fill(tpl.slice(0, i), vars);
    this.cands.push({ value, offset: this.s.length });
    this.s += value;
    this.s += fill(tpl.slice(i + 3), vars);
  }
}
function fill(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(/\{([A-Za-z0-9]+)\}/g, (m, k: string) => {
    if (!(k in vars)) throw new Error('missing var ' + k + ' in ' + tpl);
    return vars[k];
  });
}

// ---------------------------------------------------------------- statements (shared by both splits)
interface Stmt {
  text: string; // the statement as quoted in the question
  truth: boolean;
  why: string; // a sentence that decides it (no verdict word in it)
  alt: string; // a second, independent check of it (no verdict word)
  lure: string; // a misleading sentence that suggests the opposite verdict
}

const FIXED: Stmt[] = [
  {
    text: 'Every continuous function on a closed bounded interval attains a maximum.',
    truth: true,
    why: 'This is the extreme value theorem: [a, b] is compact and a continuous image of a compact set is compact.',
    alt: 'Take any sequence approaching the supremum; Bolzano-Weierstrass gives a convergent subsequence, and continuity carries the supremum to its limit point.',
    lure: 'f(x) = x on (0, 1) never reaches its supremum 1.',
  },
  {
    text: 'Every continuous function is differentiable.',
    truth: false,
    why: 'f(x) = |x| is continuous at 0 but its one-sided difference quotients are -1 and 1 there.',
    alt: 'The Weierstrass function is continuous everywhere and differentiable nowhere.',
    lure: 'Differentiable functions are always continuous, so the two properties go together.',
  },
  {
    text: 'Every abelian group is cyclic.',
    truth: false,
    why: 'Z2 × Z2 is abelian, but each of its non-identity elements has order 2, so no element generates all 4 elements.',
    alt: 'The Klein four-group has 4 elements and no element of order 4.',
    lure: 'Cyclic groups are always abelian, since powers of one generator commute.',
  },
  {
    text: 'Every group of prime order is cyclic.',
    truth: true,
    why: 'By Lagrange, a non-identity element has order dividing p, so its order is p and it generates the group.',
    alt: 'For p = 5: any element g ≠ e has order 5, so g, g^2, ..., g^5 are all 5 elements.',
    lure: 'Small non-abelian groups such as S3 exist.',
  },
  {
    text: 'A contract induced by duress is voidable at the option of the coerced party.',
    truth: true,
    why: 'Duress vitiates consent, and the standard remedy lets the coerced party avoid or affirm the contract.',
    alt: 'Restatement (Second) of Contracts §175 says a contract induced by an improper threat is voidable by the victim.',
    lure: 'A signed writing is ordinarily binding on the party who signed it.',
  },
  {
    text: 'Hearsay is never admissible in a US federal trial.',
    truth: false,
    why: 'Federal Rules of Evidence 803 and 804 list many exceptions, such as excited utterances and business records.',
    alt: 'A dying declaration is hearsay and comes in under Rule 804(b)(2).',
    lure: 'Rule 802 sets out the rule against hearsay.',
  },
  {
    text: 'Diamond and graphite are both composed only of carbon atoms.',
    truth: true,
    why: 'They are allotropes of carbon: sp3 networks in diamond, sp2 sheets in graphite.',
    alt: 'Burning either one completely in oxygen gives only carbon dioxide.',
    lure: 'They differ completely in hardness and in electrical conductivity.',
  },
  {
    text: 'Sound travels faster in air than in water.',
    truth: false,
    why: 'The speed of sound is about 343 m/s in air and about 1480 m/s in water.',
    alt: 'Water is far less compressible than air, and speed grows with stiffness over density.',
    lure: 'Air is much lighter than water.',
  },
  {
    text: 'Mitochondria contain their own DNA.',
    truth: true,
    why: 'mtDNA is a circular genome of about 16.6 kb in humans, inherited maternally.',
    alt: 'Mitochondrial diseases such as MELAS come from mutations in mtDNA itself.',
    lure: 'Most mitochondrial proteins are encoded in the nucleus.',
  },
  {
    text: 'Antibiotics are effective against the common cold.',
    truth: false,
    why: 'Colds are caused by viruses such as rhinoviruses, and antibiotics target bacteria.',
    alt: 'Trials of antibiotics for uncomplicated colds show no benefit over placebo.',
    lure: 'Antibiotics are the usual prescription for infections.',
  },
  {
    text: 'A square matrix with determinant 0 is invertible.',
    truth: false,
    why: 'An inverse exists exactly when the determinant is nonzero, since det(A)det(A^-1) = 1.',
    alt: 'The matrix [[1, 2], [2, 4]] has determinant 0 and its columns are dependent, so it has no inverse.',
    lure: 'Every square matrix has an adjugate matrix.',
  },
  {
    text: 'The set of rational numbers is countable.',
    truth: true,
    why: 'Listing p/q by |p| + q gives an enumeration that reaches every rational.',
    alt: 'Q injects into Z × Z via p/q ↦ (p, q) in lowest terms, and Z × Z is countable.',
    lure: 'Between any two rationals there are infinitely many others.',
  },
  {
    text: 'The empty set is an element of every set.',
    truth: false,
    why: 'The set {1} has exactly one element, 1, and the empty set is not it.',
    alt: 'The empty set is a subset of every set, which is a different relation from membership.',
    lure: 'The empty set is contained in every set.',
  },
  {
    text: 'In a right triangle, the hypotenuse is the longest side.',
    truth: true,
    why: 'c^2 = a^2 + b^2 is larger than a^2 and than b^2.',
    alt: 'The hypotenuse faces the 90° angle, the largest angle, and the largest angle faces the longest side.',
    lure: 'An isosceles right triangle has two equal legs.',
  },
];

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
function smallestFactor(n: number): number {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return d;
  return n;
}

function procStmt(rng: Rng): Stmt {
  const kind = rng.int(3);
  if (kind === 0) {
    const k = 5 + rng.int(8);
    const t = (k - 2) * 180;
    const truth = rng.chance(0.5);
    const s = truth ? t : (k - 1) * 180;
    return {
      text: `The interior angles of a convex ${k}-gon sum to ${s} degrees.`,
      truth,
      why: `The angle sum is (n - 2) · 180, and (${k} - 2) · 180 = ${t}.`,
      alt: `Splitting the ${k}-gon into ${k - 2} triangles from one vertex gives ${k - 2} × 180 = ${t}.`,
      lure: truth
        ? `I remember the formula as n · 180 - 180, which gives ${(k - 1) * 180} here.`
        : `Using n · 180 - 180 I get ${k * 180} - 180 = ${(k - 1) * 180}.`,
    };
  }
  if (kind === 1) {
    const ps = [7, 11, 13, 17, 19, 23];
    const truth = rng.chance(0.5);
    let n: number;
    if (truth) {
      do n = 101 + rng.int(300);
      while (!isPrime(n));
    } else {
      const a = rng.pick(ps);
      const b = rng.pick(ps.filter((x) => x >= a));
      n = a * b;
    }
    const f = smallestFactor(n);
    const root = Math.floor(Math.sqrt(n));
    return {
      text: `${n} is a prime number.`,
      truth,
      why: truth ? `Trying every prime up to √${n} ≈ ${root}, none divides ${n}.` : `${n} = ${f} × ${n / f}.`,
      alt: truth
        ? `${n} mod 7 = ${n % 7}, ${n} mod 11 = ${n % 11}, ${n} mod 13 = ${n % 13}, and 2, 3, 5 are ruled out by the last digit and the digit sum.`
        : `Dividing, ${n} / ${f} = ${n / f} exactly.`,
      lure: truth
        ? `${n} looks like it should be a multiple of 7.`
        : `${n} is odd, does not end in 5, and its digit sum is not a multiple of 3.`,
    };
  }
  const a = 12 + rng.int(80);
  const b = 12 + rng.int(80);
  const p = a * b;
  const truth = rng.chance(0.5);
  const c = truth ? p : p + 10 * (1 + rng.int(5)) * (rng.chance(0.5) ? 1 : -1);
  return {
    text: `${a} × ${b} = ${c}.`,
    truth,
    why: `${a} × ${b} = ${a} × ${b - (b % 10)} + ${a} × ${b % 10} = ${a * (b - (b % 10))} + ${a * (b % 10)} = ${p}.`,
    alt: `Going the other way, ${b} × ${a} = ${b * (a - (a % 10))} + ${b * (a % 10)} = ${p}.`,
    lure: truth
      ? `Roughly, ${a} × ${b} is about ${Math.round(a / 10) * 10} × ${Math.round(b / 10) * 10} = ${Math.round(a / 10) * Math.round(b / 10) * 100}, which is a fair way off.`
      : `The last digits give ${a % 10} × ${b % 10} = ${(a % 10) * (b % 10)}, ending in ${((a % 10) * (b % 10)) % 10}, which matches.`,
  };
}

function stmt(rng: Rng): Stmt {
  return rng.chance(0.5) ? rng.pick(FIXED) : procStmt(rng);
}

interface YnQ {
  q: string;
  yes: boolean;
  why: string;
  alt: string;
  lure: string;
}
const FIXED_YN: YnQ[] = [
  {
    q: 'Is a tomato botanically a fruit?',
    yes: true,
    why: 'It develops from the ovary of the flower and carries the seeds.',
    alt: 'Botanists call any seed-bearing structure grown from the ovary a fruit, and a tomato is a berry in that sense.',
    lure: 'Tomatoes are cooked and served as vegetables.',
  },
  {
    q: 'Does sound travel faster in water than in air?',
    yes: true,
    why: 'It is about 1480 m/s in water against about 343 m/s in air.',
    alt: 'Water resists compression far more than air, and the speed goes as the square root of stiffness over density.',
    lure: 'Water is much denser, which ought to slow a wave down.',
  },
  {
    q: 'Is every square a rhombus?',
    yes: true,
    why: 'A rhombus is a quadrilateral with four equal sides, and a square has four equal sides.',
    alt: 'The square with vertices (0,0), (1,0), (1,1), (0,1) has all sides of length 1, which is all a rhombus needs.',
    lure: 'A rhombus is usually drawn slanted, without right angles.',
  },
  {
    q: 'Is 0.999... (repeating) less than 1?',
    yes: false,
    why: 'If x = 0.999..., then 10x - x = 9, so 9x = 9 and x = 1.',
    alt: '1/3 = 0.333..., and three times that is 0.999..., while 3 × 1/3 = 1.',
    lure: 'There always seems to be a tiny gap left after any number of nines.',
  },
  {
    q: 'Is penicillin effective against viral infections?',
    yes: false,
    why: 'Penicillin blocks bacterial cell-wall synthesis, and viruses have no cell wall.',
    alt: 'Influenza and colds are not treated with penicillin in any guideline; antivirals are used instead.',
    lure: 'Penicillin is the classic anti-infective drug.',
  },
  {
    q: 'Do all mammals give birth to live young?',
    yes: false,
    why: 'Monotremes such as the platypus and the echidnas lay eggs.',
    alt: 'The platypus is a mammal (hair, milk) and it lays leathery eggs.',
    lure: 'Live birth is the textbook trait of mammals.',
  },
  {
    q: 'Is the Great Wall of China visible to the naked eye from the Moon?',
    yes: false,
    why: 'It is a few meters wide, far below what the eye resolves from 384,000 km.',
    alt: 'At that distance the eye resolves objects roughly 100 km across, and the wall is under 10 m wide.',
    lure: 'The wall is thousands of kilometres long.',
  },
  {
    q: 'Is the derivative of e^(2x) equal to 2e^(2x)?',
    yes: true,
    why: 'By the chain rule, d/dx e^(2x) = e^(2x) · 2.',
    alt: 'Writing e^(2x) = (e^x)^2, the derivative is 2e^x · e^x = 2e^(2x).',
    lure: 'e^x is its own derivative.',
  },
];

function procYn(rng: Rng): YnQ {
  if (rng.chance(0.5)) {
    const s = procStmt(rng);
    // reuse the prime / product generators as yes/no questions
    const m = /^(\d+) is a prime number\.$/.exec(s.text);
    if (m) return { q: `Is ${m[1]} a prime number?`, yes: s.truth, why: s.why, alt: s.alt, lure: s.lure };
    const m2 = /^(\d+) × (\d+) = (-?\d+)\.$/.exec(s.text);
    if (m2) return { q: `Is ${m2[1]} × ${m2[2]} equal to ${m2[3]}?`, yes: s.truth, why: s.why, alt: s.alt, lure: s.lure };
    const m3 = /^The interior angles of a convex (\d+)-gon sum to (\d+) degrees\.$/.exec(s.text);
    if (m3)
      return {
        q: `Do the interior angles of a convex ${m3[1]}-gon sum to ${m3[2]} degrees?`,
        yes: s.truth,
        why: s.why,
        alt: s.alt,
        lure: s.lure,
      };
  }
  return rng.pick(FIXED_YN);
}

type Kind = 'tf' | 'yn' | 'pair' | 'roman' | 'roman-mc';
const ROMAN = ['I', 'II', 'III'];
function romanValue(set: boolean[]): string {
  const on = ROMAN.filter((_, i) => set[i]);
  if (on.length === 1) return `${on[0]} only`;
  if (on.length === 2) return `${on[0]} and ${on[1]}`;
  return 'I, II and III';
}
const ALL_SUBSETS: boolean[][] = [
  [true, false, false],
  [false, true, false],
  [false, false, true],
  [true, true, false],
  [true, false, true],
  [false, true, true],
  [true, true, true],
];
const LETTERS = 'ABCDEFG';

interface Problem {
  kind: Kind;
  task: string;
  query: string;
  stmts: Stmt[]; // 1 (tf, yn), 2 (pair), 3 (roman)
  truths: boolean[];
  options: boolean[][]; // roman-mc only
}

function makeProblem(rng: Rng, split: PhrasingSplit): Problem {
  const kind = rng.weighted<Kind>({ tf: 25, yn: 25, pair: 25, roman: 12, 'roman-mc': 13 });
  if (kind === 'tf') {
    const s = stmt(rng);
    const q = split === 'dev' || rng.chance(0.5) ? `True or false: ${s.text}` : `Is the following statement true or false? ${s.text}`;
    return { kind, task: 'true-false', query: q, stmts: [s], truths: [s.truth], options: [] };
  }
  if (kind === 'yn') {
    const y = procYn(rng);
    const s: Stmt = { text: y.q, truth: y.yes, why: y.why, alt: y.alt, lure: y.lure };
    const q = rng.chance(0.5) ? `${y.q} Answer yes or no.` : y.q;
    return { kind, task: 'yes-no', query: q, stmts: [s], truths: [y.yes], options: [] };
  }
  if (kind === 'pair') {
    const a = stmt(rng);
    let b = stmt(rng);
    while (b.text === a.text) b = stmt(rng);
    const q = `Statement 1 | ${a.text} Statement 2 | ${b.text}\nFor each statement, say whether it is true or false (e.g. "True, False").`;
    return { kind, task: 'statement-pair', query: q, stmts: [a, b], truths: [a.truth, b.truth], options: [] };
  }
  const ss: Stmt[] = [];
  while (ss.length < 3) {
    const s = stmt(rng);
    if (!ss.some((x) => x.text === s.text)) ss.push(s);
  }
  if (!ss.some((s) => s.truth)) {
    // make sure at least one statement is true: swap in a true fixed one
    const t = FIXED.filter((f) => f.truth && !ss.some((x) => x.text === f.text));
    ss[rng.int(3)] = rng.pick(t);
  }
  const truths = ss.map((s) => s.truth);
  const lines = ss.map((s, i) => `${ROMAN[i]}. ${s.text}`).join('\n');
  if (kind === 'roman') {
    return {
      kind,
      task: 'which-true',
      query: `Which of the following statements are true?\n${lines}\nList every true statement.`,
      stmts: ss,
      truths,
      options: [],
    };
  }
  return { kind, task: 'which-true-mc', query: `Which of the following statements are true?\n${lines}`, stmts: ss, truths, options: [] };
}

// ---------------------------------------------------------------- phrasing banks
// {Q} the question (quoted), {S} a statement, {K} its number/numeral, {W} why, {A} alt check,
// {U} lure, {V} the candidate, {OLD} previous value, {X} a per-statement verdict word.
interface Bank {
  open: string[];
  openList: string[];
  stepTrue: string[]; // per-statement verdict (pair/roman): a step
  stepFalse: string[];
  stepLure: string[]; // per-statement lure leading to the verdict {X}
  concludeTf: string[]; // candidate for tf ({V} = true/false as written)
  concludeYn: string[];
  concludeList: string[]; // candidate for pair / roman ({V})
  concludeMc: string[]; // candidate for roman-mc ({V} letter, {C} content)
  restate: string[];
  bare: string[];
  recheck: string[];
  recheckBody: string[]; // {S} {A}
  echo: string[];
  doubt: string[];
  flipBody: string[]; // {S} {W}
  flipLureBody: string[]; // {S} {U}
  change: string[];
  finalLine: string[]; // short final line ({V})
  thinkOpen: string[];
  summary: string[]; // after the thinking block ({V})
}
const DEV: Bank = {
  open: ['The question: {Q}', 'We are asked: "{Q}"', 'Question restated: {Q}'],
  openList: ['There are {N} statements to judge.', 'Let me go through the statements in order.'],
  stepTrue: ['Statement {K}: {W} So statement {K} is true.', '{K}: {W} True.'],
  stepFalse: ['Statement {K}: {W} So statement {K} is false.', '{K}: {W} False.'],
  stepLure: ['Statement {K}: {U} So statement {K} is {X}.', '{K}: {U} {Xc}.'],
  concludeTf: ['{W} Hence the statement is {V}.', '{W} So the claim is {V}.'],
  concludeYn: ['{W} So the answer is {V}.', '{W} Therefore: {V}.'],
  concludeList: ['So the answer is {V}.', 'Putting these together: {V}.', 'Therefore the answer is {V}.'],
  concludeMc: ['So the true ones are covered by option {V} ({C}).', 'That is option {V}: {C}.'],
  restate: [' The answer is {V}.', ' So: {V}.'],
  bare: ['That seems correct.', 'I am confident in this.', 'This looks right.'],
  recheck: ['Let me double-check.', 'Let me verify this another way.', 'Checking again:'],
  recheckBody: ['{S0}: {A}', 'For "{S1}": {A}'],
  echo: ['So the answer is still {V}.', 'Confirmed: {V}.', 'The verdict stands: {V}.'],
  doubt: ['Wait, that is not right.', 'Hmm, wait.', 'Actually, let me reconsider.'],
  flipBody: ['Re-examining "{S1}": {W}', 'Looking again at {S0}: {W}'],
  flipLureBody: ['But for "{S1}": {U}', 'On second thought, about {S0}: {U}'],
  change: ['So the answer should be {V}, not {OLD}.', 'Corrected answer: {V}.', 'So it is {V}.'],
  finalLine: ['**Final answer:** {V}', 'Answer: {V}', '**{V}**'],
  thinkOpen: ['<think>\n'],
  summary: ['**Answer:** {V}', 'The answer is {V}.', '{V}'],
};
const HELD: Bank = {
  open: ['Okay, let me tackle this. The prompt says: {Q}', 'Alright. I have to decide: {Q}', 'Let me think carefully about this one. {Q}'],
  openList: ['I will evaluate each of the {N} claims one at a time, then combine.', 'First I will look at each claim on its own.'],
  stepTrue: ['- Claim {K}. {W} This one holds.', 'Now claim {K}. {W} Correct, then.'],
  stepFalse: ['- Claim {K}. {W} This one fails.', 'Now claim {K}. {W} Incorrect, then.'],
  stepLure: ['- Claim {K}. {U} I would mark this one {X}.', 'Now claim {K}. {U} I will call it {X}.'],
  concludeTf: ['Given that, I would say the statement is {V}.', 'Given that, my verdict is: {V}.'],
  concludeYn: ['Given that, the answer must be {V}.', 'Given that, I would answer {V}.'],
  concludeList: ['Combining everything, my answer is {V}.', 'So overall I get {V}.', 'Which gives {V} as the overall answer.'],
  concludeMc: ['Among the choices, ({V}) {C} is the one that fits.', 'That lines up with choice ({V}), "{C}".'],
  restate: [' In short: {V}.', ' So, {V}.'],
  bare: ['I feel good about that.', 'That sounds about right.', 'I do not see any problem with that.'],
  recheck: [
    'Before finalizing, I want to test this from a different angle.',
    'Just to be safe, one more pass.',
    'Hmm, let me make sure by checking it independently.',
  ],
  recheckBody: ['Taking "{S1}" again: {A}', 'An independent argument for {S0}: {A}'],
  echo: ['Good, that agrees, so I am sticking with {V}.', 'That confirms it: {V}.', 'Same conclusion as before, {V}.'],
  doubt: ['Oh wait, I think I slipped up somewhere.', 'Hmm, hold on, something bothers me.', 'No wait, let me look at that again.'],
  flipBody: ['Carefully this time, "{S1}": {W}', 'Thinking about {S0} properly: {W}'],
  flipLureBody: ['Then again, regarding "{S1}": {U}', 'Hmm, but {S0}... {U}'],
  change: ['That changes things: I now get {V} rather than {OLD}.', 'So I need to revise to {V}.', 'My corrected answer is {V}.'],
  finalLine: ['ANSWER: {V}', 'Verdict — {V}', '=> {V}'],
  thinkOpen: ['<thinking>\n'],
  summary: ['**Verdict:** {V}', 'Final: {V}', 'My answer: **{V}**'],
};

export function templateBank(split: PhrasingSplit): string[] {
  return Object.values(split === 'dev' ? DEV : HELD).flat();
}
export function problemTexts(): string[] {
  const out: string[] = [];
  for (const s of FIXED) out.push(s.text, s.why, s.alt, s.lure);
  for (const y of FIXED_YN) out.push(y.q, y.why, y.alt, y.lure);
  return out;
}

export type Scenario =
  | 'right-stop'
  | 'right-echo'
  | 'right-bare'
  | 'echo-final-line'
  | 'wrong-right'
  | 'wrong-right-echo'
  | 'wrong-wrong-right'
  | 'right-wrong'
  | 'wrong-stop'
  | 'wrong-right-wrong'
  | 'cut-none'
  | 'cut-after';
const WEIGHTS: Record<Scenario, number> = {
  'right-stop': 13,
  'right-echo': 9,
  'right-bare': 8,
  'echo-final-line': 6,
  'wrong-right': 15,
  'wrong-right-echo': 6,
  'wrong-wrong-right': 6,
  'right-wrong': 8,
  'wrong-stop': 9,
  'wrong-right-wrong': 4,
  'cut-none': 7,
  'cut-after': 9,
};

export interface Detailed {
  record: PhrasingRecord;
  scenario: Scenario;
  truncated: boolean;
  kind: Kind;
  thinking: boolean;
  merges: number;
  problemStrings: string[]; // problem-derived text used in the body (for the template check)
}

// A value is a truth vector (per statement); `flip` = which statements are judged wrongly.
function valueOf(p: Problem, v: boolean[], tfStyle: number): string {
  if (p.kind === 'tf') return v[0] ? (tfStyle ? 'True' : 'true') : tfStyle ? 'False' : 'false';
  if (p.kind === 'yn') return v[0] ? (tfStyle ? 'Yes' : 'yes') : tfStyle ? 'No' : 'no';
  if (p.kind === 'pair') return `${v[0] ? 'True' : 'False'}, ${v[1] ? 'True' : 'False'}`;
  if (p.kind === 'roman') return romanValue(v);
  return LETTERS[p.options.findIndex((o) => o.every((x, i) => x === v[i]))];
}
function same(a: boolean[], b: boolean[]): boolean {
  return a.every((x, i) => x === b[i]);
}

function render(rng: Rng, split: PhrasingSplit, idx: number, seed: number): Detailed {
  const B = split === 'dev' ? DEV : HELD;
  const p = makeProblem(rng, split);
  let scenario = rng.weighted(WEIGHTS);
  const n = p.stmts.length;
  const R = p.truths.slice();
  const flipAt = (v: boolean[], i: number) => v.map((x, j) => (j === i ? !x : x));
  const valid = (v: boolean[]) => p.kind === 'tf' || p.kind === 'yn' || p.kind === 'pair' || v.some((x) => x);
  // wrong vectors: flip one statement (the "lured" one)
  const order = rng.shuffle([...Array(n).keys()]);
  const flips = order.filter((i) => valid(flipAt(R, i)));
  const i1 = flips[0];
  const i2 = flips.length > 1 ? flips[1] : flips[0];
  const W1 = flipAt(R, i1);
  const W2 = i2 === i1 ? W1 : flipAt(R, i2);
  if (same(W1, W2) && scenario === 'wrong-wrong-right') scenario = 'wrong-right-echo';
  let seq: boolean[][];
  switch (scenario) {
    case 'right-stop':
    case 'right-bare':
      seq = [R];
      break;
    case 'right-echo':
    case 'echo-final-line':
      seq = [R, R];
      break;
    case 'wrong-right':
      seq = [W1, R];
      break;
    case 'wrong-right-echo':
      seq = [W1, R, R];
      break;
    case 'wrong-wrong-right':
      seq = [W1, W2, R];
      break;
    case 'right-wrong':
      seq = [R, W1];
      break;
    case 'wrong-stop':
      seq = [W1];
      break;
    case 'wrong-right-wrong':
      seq = [W1, R, W2];
      break;
    case 'cut-none':
      seq = [];
      break;
    case 'cut-after':
      seq = rng.chance(0.5) ? [R] : [W1, R];
      if (rng.chance(0.3)) seq = [W1];
      break;
  }
  if (p.kind === 'roman-mc') {
    const need = [R, W1, W2];
    const extra = rng.shuffle(ALL_SUBSETS.filter((s) => !need.some((x) => same(x, s))));
    const count = 4 + rng.int(4);
    const chosen: boolean[][] = [];
    for (const s of ALL_SUBSETS) if (need.some((x) => same(x, s))) chosen.push(s);
    for (const s of extra) if (chosen.length < count) chosen.push(s);
    p.options = ALL_SUBSETS.filter((s) => chosen.some((c) => same(c, s)));
    p.query += '\n' + p.options.map((o, i) => `(${LETTERS[i]}) ${romanValue(o)}`).join('\n');
  }
  const tfStyle = rng.int(2);
  const val = (v: boolean[]) => valueOf(p, v, tfStyle);
  const content = (v: boolean[]) => romanValue(v);
  const thinking = rng.chance(split === 'dev' ? 0.3 : 0.6);
  const b = new Body();
  let merges = 0;
  const sep = split === 'dev' ? ' ' : '\n';
  const para = '\n\n';
  const K = (i: number) => (p.kind === 'pair' ? String(i + 1) : ROMAN[i]);
  const sv = (i: number, extra: Record<string, string> = {}): Record<string, string> => ({
    K: K(i),
    S0: p.kind === 'pair' ? `statement ${i + 1}` : p.kind === 'roman' || p.kind === 'roman-mc' ? `statement ${ROMAN[i]}` : 'the claim',
    S1: p.stmts[i].text.replace(/\.$/, ''),
    W: p.stmts[i].why,
    A: p.stmts[i].alt,
    U: p.stmts[i].lure,
    ...extra,
  });
  if (thinking) b.add(rng.pick(B.thinkOpen));
  b.add(fill(rng.pick(B.open), { Q: p.query.split('\n')[0] }));
  const multi = n > 1;
  if (multi) b.add(sep + fill(rng.pick(B.openList), { N: String(n) }));
  b.add(para);

  // first pass: reasoning toward the first value (or toward R when cut before any)
  const first = seq.length > 0 ? seq[0] : rng.chance(0.5) ? R : W1;
  const stepText = (v: boolean[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const wrongHere = v[i] !== p.truths[i];
      if (wrongHere) {
        const X = v[i] ? (multi && split === 'heldout' ? 'true' : 'true') : 'false';
        out.push(fill(rng.pick(B.stepLure), sv(i, { X, Xc: X === 'true' ? 'True' : 'False' })));
      } else out.push(fill(rng.pick(v[i] ? B.stepTrue : B.stepFalse), sv(i)));
    }
    return out;
  };
  const singleReason = (v: boolean[]): string => (v[0] === p.truths[0] ? p.stmts[0].why : p.stmts[0].lure);
  if (scenario === 'cut-none') {
    const text = multi ? stepText(first).join('\n') : singleReason(first) + ' ' + p.stmts[0].alt;
    b.add(text.slice(0, Math.max(10, Math.floor(text.length * (0.25 + 0.6 * rng.next())))));
    return finish(b, p, [], scenario, true, thinking, merges, split, idx, seed, rng, val);
  }
  if (multi) b.add(stepText(first).join('\n') + para);

  const conclude = (v: boolean[], withReason: boolean): void => {
    if (p.kind === 'tf') {
      const t = rng.pick(B.concludeTf);
      b.cand(withReason ? t : t.replace('{W} ', ''), val(v), { W: singleReason(v) });
    } else if (p.kind === 'yn') {
      const t = rng.pick(B.concludeYn);
      b.cand(withReason ? t : t.replace('{W} ', ''), val(v), { W: singleReason(v) });
    } else if (p.kind === 'roman-mc') b.cand(rng.pick(B.concludeMc), val(v), { C: content(v) });
    else b.cand(rng.pick(B.concludeList), val(v), {});
  };
  // heldout single-statement conclusions start with "Given that": put the reason before them
  const singlePre = (v: boolean[]) => {
    if (!multi && split === 'heldout') b.add(singleReason(v) + sep);
  };

  let endedOnFinalLine = false;
  for (let k = 0; k < seq.length; k++) {
    const v = seq[k];
    const isLast = k === seq.length - 1;
    if (k === 0) {
      singlePre(v);
      conclude(v, split === 'dev');
    } else if (same(v, seq[k - 1])) {
      // echo: re-derive one statement another way, then state the answer again
      const i = rng.int(n);
      b.add(rng.pick(B.recheck) + sep + fill(rng.pick(B.recheckBody), sv(i)) + sep);
      if (scenario === 'echo-final-line' && isLast && !thinking) {
        b.add('\n');
        b.cand(rng.pick(B.finalLine), val(v), {});
        endedOnFinalLine = true;
      } else b.cand(rng.pick(B.echo), val(v), {});
    } else {
      const prev = seq[k - 1];
      const i = [...Array(n).keys()].find((j) => v[j] !== prev[j]) as number;
      b.add(rng.pick(B.doubt) + sep);
      if (v[i] === p.truths[i]) b.add(fill(rng.pick(B.flipBody), sv(i)) + sep);
      else b.add(fill(rng.pick(B.flipLureBody), sv(i)) + sep);
      b.cand(rng.pick(B.change), val(v), { OLD: val(prev) });
    }
    if (!endedOnFinalLine && rng.chance(0.25)) {
      b.add(fill(rng.pick(B.restate), { V: val(v) }));
      merges++;
    }
    if (scenario === 'right-bare' && isLast) {
      b.add(sep + rng.pick(B.bare));
      merges++;
    }
    b.add(para);
  }
  if (scenario === 'cut-after') {
    const v = seq[seq.length - 1];
    const i = rng.int(n);
    const t = rng.pick(B.recheck) + sep + fill(rng.pick(B.recheckBody), sv(i));
    b.add(t.slice(0, Math.max(8, Math.floor(t.length * (0.3 + 0.5 * rng.next())))));
    void v;
    return finish(b, p, seq, scenario, true, thinking, merges, split, idx, seed, rng, val);
  }
  if (!thinking && !endedOnFinalLine) {
    // the short final line restates the last candidate (no new work since): merges
    b.add(fill(rng.pick(B.finalLine), { V: val(seq[seq.length - 1]) }));
    merges++;
  }
  return finish(b, p, seq, scenario, false, thinking, merges, split, idx, seed, rng, val);
}

function finish(
  b: Body,
  p: Problem,
  seq: boolean[][],
  scenario: Scenario,
  truncated: boolean,
  thinking: boolean,
  merges: number,
  split: PhrasingSplit,
  idx: number,
  seed: number,
  rng: Rng,
  val: (v: boolean[]) => string,
): Detailed {
  const B = split === 'dev' ? DEV : HELD;
  const final = seq.length > 0 ? val(seq[seq.length - 1]) : null;
  let body = b.s.replace(/\s+$/, truncated ? '' : '');
  if (!truncated && thinking && final !== null) {
    const close = body.startsWith('<thinking>') ? '</thinking>' : '</think>';
    body = body.replace(/\s+$/, '') + `\n${close}\n\n` + fill(rng.pick(B.summary), { V: final });
  }
  body = body
    .split('\n')
    .map((l) => (l.startsWith('===') ? ' ' + l : l))
    .join('\n');
  const answer = valueOf(p, p.truths, 1);
  const record: PhrasingRecord = {
    id: `${family}-${split}-${seed}-${idx}`,
    headers: { query: p.query, answer, task: p.task },
    body,
    candidates: b.cands,
    final,
  };
  const problemStrings = [p.query, ...p.query.split('\n')];
  for (const s of p.stmts) problemStrings.push(s.text, s.text.replace(/\.$/, ''), s.why, s.alt, s.lure);
  for (const o of ALL_SUBSETS) problemStrings.push(romanValue(o));
  for (const c of b.cands) problemStrings.push(c.value);
  return { record, scenario, truncated, kind: p.kind, thinking, merges, problemStrings };
}

export function generateDetailed(seed: number, count: number, split: PhrasingSplit): Detailed[] {
  const rng = new Rng((seed * 104729 + (split === 'dev' ? 3 : 977)) >>> 0);
  const out: Detailed[] = [];
  for (let i = 0; i < count; i++) out.push(render(rng, split, i, seed));
  return out;
}

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  return generateDetailed(seed, count, split).map((d) => d.record);
}
