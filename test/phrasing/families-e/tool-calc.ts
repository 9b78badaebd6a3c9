// Phrasing family "tool-calc": responses that solve a math word problem with Python code cells
// (fenced ```python blocks, some as >>> REPL sessions) and their printed outputs, then prose.
// The asked quantity is sometimes printed by the program and sometimes computed in prose from
// printed intermediate values; a buggy first program may be adopted and later corrected by a
// second one (or kept); checks by a second program or by hand re-derive the value (echoes);
// tables of intermediate or tried values are steps, not candidates.
//
// Labels follow docs/annotation-guide.md: a program's printed output of the asked quantity is a
// candidate when the model adopts it or moves on from it (the restating sentence merges into
// it); a value rejected on sight is not; a re-derivation (other program, check by hand) is a
// new candidate even with the same value; bare confirmations and drafts restating the value are
// not. Offsets are recorded while the body is built.
//
// Self-contained: no imports. generate(seed, count, split) is deterministic; 'dev' and 'heldout'
// use disjoint halves of every phrasing template list (even / odd indices).

export const family = 'tool-calc';

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
type Vars = Record<string, string | number>;

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
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------- text building

function fill(t: string, v: Vars): string {
  return t.replace(/«(\w+)»/g, (_, k: string) => {
    if (!(k in v)) throw new Error(`tool-calc: template variable ${k} missing in: ${t}`);
    return String(v[k]);
  });
}

class Out {
  s = '';
  c: PhrasingCandidate[] = [];
  t(x: string): this {
    this.s += x;
    return this;
  }
  cand(value: string): this {
    this.c.push({ value, offset: this.s.length });
    this.s += value;
    return this;
  }
  /** Appends a filled template; «V» marks the one candidate value in it (with `cand`). */
  say(tpl: string, vars: Vars, cand?: string): this {
    const parts = tpl.split('«V»');
    if (parts.length > 2) throw new Error('tool-calc: two «V» in one template');
    if ((parts.length === 2) !== (cand !== undefined)) throw new Error(`tool-calc: «V» / cand mismatch in: ${tpl}`);
    this.t(fill(parts[0], vars));
    if (parts.length === 2) {
      this.cand(cand as string);
      this.t(fill(parts[1], vars));
    }
    return this;
  }
}

const half = <T>(a: readonly T[], split: Split): T[] => a.filter((_, i) => (i % 2 === 0) === (split === 'dev'));

const commas = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// ---------------------------------------------------------------- programs

interface Step {
  inp: string[]; // REPL input lines (first gets ">>> ", the rest "... ")
  out?: string; // printed output (not the asked value)
}

interface Prog {
  kind: 'script' | 'repl';
  code: string; // script source (kind script)
  steps: Step[]; // REPL steps before the last one (kind repl)
  last: string[]; // REPL input of the final step whose output is `value` (kind repl)
  pre: string[]; // script: printed lines before the asked value
  prefix: string; // script: text on the printed line before the value ("total: ")
  value: string | null; // the printed asked quantity; null when only intermediates are printed
}

const script = (code: string, pre: string[], prefix: string, value: string | null): Prog => ({
  kind: 'script',
  code,
  steps: [],
  last: [],
  pre,
  prefix,
  value,
});
const repl = (steps: Step[], last: string[], value: string): Prog => ({ kind: 'repl', code: '', steps, last, pre: [], prefix: '', value });

// ---------------------------------------------------------------- problems

interface Bug {
  prog: Prog;
  wrong: number;
  notice: string; // why the program is wrong (a clause)
  sight?: string; // why the printed value is impossible on sight (a clause)
  doubt?: string; // a mistaken second thought that turns the right program into this one
  misread?: boolean; // the error is a misreading of the question
}

interface Problem {
  task: string;
  query: string;
  answer: number;
  unit: string; // '$' or ''
  what: string; // noun phrase of the asked quantity
  quotes: string[]; // sentences quoting the question's numbers (split by parity)
  right: Prog[];
  parts: { prog: Prog; prose: string[] }; // prints intermediates; prose with «V» computes the answer
  checkProg: Prog; // another method that prints the answer
  checkWords: string[]; // a re-derivation by hand ending in «V»
  bugs: Bug[];
  vars: Vars;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function costProblem(r: Rng): Problem {
  const n = r.int(6, 40);
  const k = r.int(4, 24);
  let p = r.int(2, 15);
  if (n === k || p === k || p === n) p = p === 15 ? 2 : p + 1;
  const who = r.pick(['A school', 'A club', 'An office', 'A summer camp']);
  const item = r.pick([
    ['box', 'markers', 'marker'],
    ['pack', 'pens', 'pen'],
    ['crate', 'bottles', 'bottle'],
    ['carton', 'notebooks', 'notebook'],
  ]);
  const [cont, items, one] = item;
  const ans = n * k * p;
  const M = n * k;
  const bx = k * p;
  const conts = cont === 'box' ? 'boxes' : `${cont}s`;
  const query = `${who} buys ${n} ${conts} of ${items}. Each ${cont} holds ${k} ${items}, and each ${one} costs $${p}. How much does ${who.toLowerCase().replace(/^an? /, 'the ')} spend in total, in dollars?`;
  const code = (mult: string): string => `${conts} = ${n}\nper_${cont} = ${k}\nprice = ${p}\ntotal = ${mult}\nprint(total)`;
  const vars: Vars = { n, k, p, M, bx, cont, conts, items, one };
  return {
    task: 'tool-calc/cost',
    query,
    answer: ans,
    unit: '$',
    what: 'the total cost',
    quotes: ['«n» «conts», «k» «items» in each, $«p» per «one».', 'The question gives «n» «conts» with «k» «items» apiece at $«p» each.'],
    right: [
      script(code(`${conts} * per_${cont} * price`), [], '', String(ans)),
      repl([], [`${n} * ${k} * ${p}`], String(ans)),
      script(
        `${conts}, per_${cont}, price = ${n}, ${k}, ${p}\nprint("total cost:", ${conts} * per_${cont} * price)`,
        [],
        'total cost: ',
        String(ans),
      ),
    ],
    parts: {
      prog: script(
        `${conts} = ${n}\nper_${cont} = ${k}\n${items.split(' ')[0]} = ${conts} * per_${cont}\nprint(${items.split(' ')[0]})`,
        [String(M)],
        '',
        null,
      ),
      prose: [
        'So there are «M» «items» in all, and at $«p» each the total is «M» × «p» = $«V».',
        'That is «M» «items»; multiplying by the $«p» price gives «M» · «p» = «V» dollars.',
        'With «M» «items» at $«p» apiece, the cost comes to $«V».',
        '«M» «items» times $«p» is $«V».',
      ],
    },
    checkProg: repl([], [`sum(${k} * ${p} for _ in range(${n}))`], String(ans)),
    checkWords: [
      'One «cont» costs «k» × $«p» = $«bx», and «n» «conts» cost «n» × $«bx» = $«V».',
      'By hand: «k» · «p» = «bx» dollars per «cont», then «n» · «bx» = «V».',
      'Per «cont» that is $«bx» («k» «items» at $«p»), so «n» of them come to $«V».',
      'Counting «items» first: «n» × «k» = «M», and «M» × $«p» = $«V».',
    ],
    bugs: [
      {
        prog: script(code(`${conts} * price`), [], '', String(n * p)),
        wrong: n * p,
        notice:
          'I multiplied the number of «conts» by the price of a single «one»; the price is per «one», so the «k» «items» in each «cont» are missing',
        sight: 'that is only $«p» per «cont», and a «cont» holds «k» «items» at $«p» each',
      },
      {
        prog: script(code(`(${conts} + per_${cont}) * price`), [], '', String((n + k) * p)),
        wrong: (n + k) * p,
        notice: 'the code adds «conts» and «items» per «cont» (`«conts» + per_«cont»`) where it should multiply them',
      },
    ].filter((b) => b.wrong !== ans),
    vars,
  };
}

function seriesProblem(r: Rng): Problem {
  const a = r.int(5, 30);
  let d = r.int(2, 12);
  if (d === a) d += 1;
  const w = r.int(6, 20);
  const tot = (first: number, step: number, weeks: number): number => weeks * first + (step * weeks * (weeks - 1)) / 2;
  const ans = tot(a, d, w);
  const last = a + d * (w - 1);
  const name = r.pick(['Maria', 'Ken', 'Priya', 'Tomás', 'Aiko', 'Sam']);
  const query = `${name} saves $${a} in the first week, and each week after that saves $${d} more than the week before. How much has ${name} saved in total after ${w} weeks?`;
  const loop = (rangeExpr: string, dep: string, firstStep: string): { code: string; pre: string[] } => {
    const [f, s] = firstStep === 'swap' ? [d, a] : [a, d];
    const code = `first, step, weeks = ${f}, ${s}, ${w}\ntotal = 0\nfor week in ${rangeExpr}:\n    deposit = ${dep}\n    total += deposit\n    if week <= 3:\n        print(week, deposit, total)\nprint("total:", total)`;
    const pre: string[] = [];
    let t = 0;
    for (let wk = 1; wk <= 3; wk++) {
      const dp = dep === 'first + step * week' ? f + s * wk : f + s * (wk - 1);
      t += dp;
      pre.push(`${wk} ${dp} ${t}`);
    }
    return { code, pre };
  };
  const good = loop('range(1, weeks + 1)', 'first + step * (week - 1)', '');
  const b1 = loop('range(1, weeks)', 'first + step * (week - 1)', '');
  const b2 = loop('range(1, weeks + 1)', 'first + step * (week - 1)', 'swap');
  const b3 = loop('range(1, weeks + 1)', 'first + step * week', '');
  const s = 2 * a + (w - 1) * d;
  return {
    task: 'tool-calc/series',
    query,
    answer: ans,
    unit: '$',
    what: 'the total saved',
    quotes: [
      'Week 1 is $«a», and every week adds $«d» more, for «w» weeks.',
      'So the deposits start at $«a» and grow by $«d» each week; we need the sum over «w» weeks.',
    ],
    right: [script(good.code, good.pre, 'total: ', String(ans)), repl([], [`sum(${a} + ${d} * i for i in range(${w}))`], String(ans))],
    parts: {
      prog: script(
        `deposits = [${a} + ${d} * i for i in range(${w})]\nprint(deposits[:3], deposits[-1])`,
        [`[${a}, ${a + d}, ${a + 2 * d}] ${last}`],
        '',
        null,
      ),
      prose: [
        'The deposits go from $«a» up to $«last», so the total is «w» × («a» + «last») / 2 = $«V».',
        'An arithmetic series from «a» to «last» with «w» terms: («a» + «last») · «w» / 2 = «V».',
        'First deposit $«a», last $«last», «w» of them, so the sum is «w»(«a» + «last»)/2 = «V» dollars.',
        'Averaging the first and last deposit, («a» + «last»)/2, and multiplying by «w» weeks gives $«V».',
      ],
    },
    checkProg: repl([], [`${w} * ${a} + ${d} * ${w} * ${w - 1} // 2`], String(ans)),
    checkWords: [
      'With the series formula: «w»/2 × (2·«a» + «wm»·«d») = «w» × «s» / 2 = «V».',
      'By hand: the last deposit is «a» + «wm» × «d» = «last», and «w» × («a» + «last») / 2 = «V».',
      'The base amount is «w» × «a» = «wa», the increases add «d» × (0 + 1 + … + «wm») = «d» × «tri» = «inc», so the total is «wa» + «inc» = «V».',
      'Pairing first and last weeks: each pair sums to «a» + «last» = «s», and «w»/2 pairs of that is «V».',
    ],
    bugs: [
      {
        prog: script(b1.code, b1.pre, 'total: ', String(tot(a, d, w - 1))),
        wrong: tot(a, d, w - 1),
        notice: '`range(1, weeks)` stops at week «wm», so week «w» is never added',
        doubt: 'Hmm, does `range(1, weeks + 1)` run one week too many? «w» weeks should be `range(1, weeks)`. Let me rerun with that:',
      },
      {
        prog: script(b2.code, b2.pre, 'total: ', String(tot(d, a, w))),
        wrong: tot(d, a, w),
        notice: 'the question says the first week is $«a» and the weekly increase is $«d»; I swapped the two',
        misread: true,
      },
      {
        prog: script(b3.code, b3.pre, 'total: ', String(tot(a + d, d, w))),
        wrong: tot(a + d, d, w),
        notice: 'the first deposit should be $«a», but `first + step * week` already adds $«d» in week 1',
        sight: 'the table shows a first-week deposit of «ad», and the question says week 1 is $«a»',
      },
    ].filter((b) => b.wrong !== ans),
    vars: { a, d, w, wm: w - 1, last, s, wa: w * a, tri: (w * (w - 1)) / 2, inc: (d * w * (w - 1)) / 2, ad: a + d },
  };
}

function countProblem(r: Rng): Problem {
  let a = r.int(3, 13);
  let b = r.int(3, 13);
  while (b === a || a % b === 0 || b % a === 0) b = r.int(3, 13);
  if (a > b) [a, b] = [b, a];
  const l = (a * b) / gcd(a, b);
  const N = a * r.int(Math.ceil(100 / a), Math.floor(600 / a));
  const x = Math.floor(N / a);
  const y = Math.floor(N / b);
  const z = Math.floor(N / l);
  const ans = x + y - z;
  const query = `How many integers from 1 to ${N}, inclusive, are divisible by ${a} or ${b}?`;
  const gen = (rng: string, op: string): string => `sum(1 for n in ${rng} if n % ${a} == 0 ${op} n % ${b} == 0)`;
  return {
    task: 'tool-calc/count',
    query,
    answer: ans,
    unit: '',
    what: 'the count',
    quotes: ['We want multiples of «a» or «b» up to «N».', 'The range is 1 to «N» inclusive, divisor «a» or divisor «b».'],
    right: [
      script(`count = ${gen(`range(1, ${N} + 1)`, 'or')}\nprint(count)`, [], '', String(ans)),
      repl([], [`len([n for n in range(1, ${N + 1}) if n % ${a} == 0 or n % ${b} == 0])`], String(ans)),
      script(
        `N = ${N}\nhits = [n for n in range(1, N + 1) if n % ${a} == 0 or n % ${b} == 0]\nprint(hits[:5], "...")\nprint("count:", len(hits))`,
        [`${JSON.stringify(firstHits(a, b, 5)).replace(/,/g, ', ')} ...`],
        'count: ',
        String(ans),
      ),
    ],
    parts: {
      prog: script(`N = ${N}\nprint(N // ${a}, N // ${b}, N // ${l})`, [`${x} ${y} ${z}`], '', null),
      prose: [
        'By inclusion–exclusion: «x» + «y» − «z» = «V».',
        'Multiples of «a»: «x»; of «b»: «y»; of both (i.e. of «l»): «z». So the count is «x» + «y» - «z» = «V».',
        'Adding the two counts double-counts the «z» multiples of «l», so there are «V» such integers.',
        'That gives «x» + «y» = «xy», minus the «z» counted twice: «V».',
      ],
    },
    checkProg: repl([], [`len(set(range(${a}, ${N + 1}, ${a})) | set(range(${b}, ${N + 1}, ${b})))`], String(ans)),
    checkWords: [
      'By inclusion–exclusion: ⌊«N»/«a»⌋ = «x», ⌊«N»/«b»⌋ = «y», ⌊«N»/«l»⌋ = «z», so «x» + «y» − «z» = «V».',
      'Counting by hand: «x» multiples of «a», «y» of «b», and «z» of both («l» is the lcm), giving «V».',
      'There are «x» multiples of «a» and «y» of «b»; the «z» multiples of «l» are in both lists, so the union has «V» numbers.',
      'Check: «N» ÷ «a» gives «x», «N» ÷ «b» gives «y», «N» ÷ «l» gives «z»; «x» + «y» − «z» is «V».',
    ],
    bugs: [
      {
        prog: script(`count = ${gen(`range(1, ${N} + 1)`, 'and')}\nprint(count)`, [], '', String(z)),
        wrong: z,
        notice: '`and` only counts numbers divisible by both «a» and «b»; the question says "or"',
        sight: 'there are already «x» multiples of «a» alone',
      },
      {
        prog: script(`count = ${gen(`range(1, ${N})`, 'or')}\nprint(count)`, [], '', String(ans - 1)),
        wrong: ans - 1,
        notice: '`range(1, «N»)` leaves out «N» itself, which is divisible by «a», and the range is inclusive',
        doubt: "Actually, wait: `range(1, «N» + 1)` goes one past «N», doesn't it? To be safe I'll use `range(1, «N»)`:",
      },
    ].filter((bg) => bg.wrong !== ans),
    vars: { a, b, l, N, x, y, z, xy: x + y },
  };
}

function firstHits(a: number, b: number, k: number): number[] {
  const o: number[] = [];
  for (let n = 1; o.length < k; n++) if (n % a === 0 || n % b === 0) o.push(n);
  return o;
}

function searchProblem(r: Rng): Problem {
  const m = r.int(12, 70);
  const triangular = r.chance(0.6);
  const T = triangular ? (m * (m + 1)) / 2 : (m * (m + 1)) / 2 + r.int(1, m);
  const tri = (n: number): number => (n * (n + 1)) / 2;
  let ans = 1;
  while (tri(ans) <= T) ans++;
  const query = `What is the smallest positive integer n such that 1 + 2 + 3 + ... + n exceeds ${T}?`;
  const loopCode = (cond: string, body: string, init: string): string => `T = ${T}\n${init}\nwhile ${cond}:\n${body}\nprint(n)`;
  const rows: string[] = [];
  for (let n = ans - 3; n <= ans + 1; n++) rows.push(`${n} ${tri(n)}`);
  const bugs: Bug[] = [
    {
      prog: script(loopCode('s <= T', '    s += n\n    n += 1', 'n, s = 1, 0'), [], '', String(ans + 1)),
      wrong: ans + 1,
      notice: 'the loop increments `n` after adding it, so when it stops `n` is one past the last term added',
    },
  ];
  if (triangular)
    bugs.push({
      prog: script(loopCode('s < T', '    n += 1\n    s += n', 'n, s = 0, 0'), [], '', String(ans - 1)),
      wrong: ans - 1,
      notice: 'the question says *exceeds* «T»; 1 + … + «am» is exactly «T», which does not exceed it, so the condition must be `s <= T`',
      misread: true,
      doubt: 'Hmm, the loop should stop once the sum reaches «T», so the condition ought to be `s < T`. Rerunning:',
    });
  return {
    task: 'tool-calc/search',
    query,
    answer: ans,
    unit: '',
    what: 'the smallest such n',
    quotes: ['We need the first triangular number above «T».', 'So: the first n with n(n+1)/2 > «T».'],
    right: [
      script(loopCode('s <= T', '    n += 1\n    s += n', 'n, s = 0, 0'), [], '', String(ans)),
      repl([{ inp: ['from math import isqrt'] }], [`(isqrt(8 * ${T} + 1) - 1) // 2 + 1`], String(ans)),
      script(`T = ${T}\nn = next(k for k in range(1, 1000) if k * (k + 1) // 2 > T)\nprint("n =", n)`, [], 'n = ', String(ans)),
    ],
    parts: {
      prog: script(`for n in range(${ans - 3}, ${ans + 2}):\n    print(n, n * (n + 1) // 2)`, rows, '', null),
      prose: [
        'The sums pass «T» between n = «am» («sam») and the next row («sa»), so the smallest n is «V».',
        'n = «am» gives «sam», not above «T»; the next one gives «sa» > «T». So n = «V».',
        'The first row whose sum exceeds «T» is n = «V».',
        'Reading the table: «sam» ≤ «T» < «sa», so the answer is «V».',
      ],
    },
    checkProg: repl([{ inp: ['from math import isqrt'] }], [`(isqrt(8 * ${T} + 1) - 1) // 2 + 1`], String(ans)),
    checkWords: [
      'Check: «am»·«a»/2 = «sam», which is not more than «T», while «a»·«ap»/2 = «sa» > «T». So the smallest n is «V».',
      'By hand: n(n+1)/2 > «T» means n² + n > «T2»; «am» gives «pam», too small, and «a» gives «pa», enough. So n = «V».',
      'Testing the neighbours: n = «am» sums to «sam» (not enough), n = «a» sums to «sa» (over «T»). The smallest n is «V».',
      'Verifying: the sum up to «am» is «sam» ≤ «T», and adding «a» makes «sa». Hence n = «V».',
    ],
    bugs,
    vars: {
      T,
      T2: 2 * T,
      a: ans,
      am: ans - 1,
      ap: ans + 1,
      sa: tri(ans),
      sam: tri(ans - 1),
      pa: ans * (ans + 1),
      pam: (ans - 1) * ans,
    },
  };
}

function modpowProblem(r: Rng): Problem {
  const m = r.pick([7, 9, 11, 13, 17, 19]);
  let a = r.int(2, m - 1);
  while (gcd(a, m) !== 1) a = r.int(2, m - 1);
  let L = 1;
  while (powmod(a, L, m) !== 1) L++;
  if (L === 1) return modpowProblem(r);
  let b = r.int(25, 250);
  while (b % L === 0) b++;
  const ans = powmod(a, b, m);
  const q = Math.floor(b / L);
  const rr = b % L;
  const query = `What is the remainder when ${a}^${b} is divided by ${m}?`;
  const rows: string[] = [];
  for (let k = 1; k <= L + 1; k++) rows.push(`${k} ${powmod(a, k, m)}`);
  return {
    task: 'tool-calc/modpow',
    query,
    answer: ans,
    unit: '',
    what: 'the remainder',
    quotes: ['So we need «a»^«b» mod «m».', 'Base «a», exponent «b», modulus «m».'],
    right: [
      repl([], [`pow(${a}, ${b}, ${m})`], String(ans)),
      script(`print(pow(${a}, ${b}, ${m}))`, [], '', String(ans)),
      repl(
        [{ inp: [`x = ${a} ** ${b}`] }, { inp: ['len(str(x))'], out: String(String(BigInt(a) ** BigInt(b)).length) }],
        [`x % ${m}`],
        String(ans),
      ),
    ],
    parts: {
      prog: script(`for k in range(1, ${L + 2}):\n    print(k, pow(${a}, k, ${m}))`, rows, '', null),
      prose: [
        'The residues repeat every «L» steps, and «b» = «L»·«q» + «r», so the remainder is the same as for «a»^«r»: «V».',
        'So the cycle length is «L». Since «b» mod «L» = «r», the remainder is «V».',
        'Period «L»; «b» leaves «r» mod «L», and row «r» of the table says «V».',
        'Powers of «a» cycle mod «m» with period «L», so «a»^«b» ≡ «a»^«r» ≡ «V».',
      ],
    },
    checkProg: repl([], [`${a} ** ${b} % ${m}`], String(ans)),
    checkWords: [
      'By hand: «a»^«L» ≡ 1 (mod «m»), and «b» = «L»·«q» + «r», so «a»^«b» ≡ «a»^«r» ≡ «V» (mod «m»).',
      'Checking with the order: «a» has order «L» mod «m», «b» mod «L» = «r», and «a»^«r» mod «m» = «V».',
      'Since «a»^«L» leaves 1, only «b» mod «L» = «r» matters, and «a»^«r» leaves «V».',
      'Reducing the exponent: «b» ≡ «r» (mod «L»), so the remainder is that of «a»^«r», namely «V».',
    ],
    bugs: [
      {
        prog: repl([], [`${a} * ${b} % ${m}`], String((a * b) % m)),
        wrong: (a * b) % m,
        notice: '`«a» * «b»` is a product, not a power; it should be `«a» ** «b»` (or `pow(«a», «b», «m»)`)',
      },
      {
        prog: repl([], [`pow(${b}, ${a}, ${m})`], String(powmod(b, a, m))),
        wrong: powmod(b, a, m),
        notice: 'I passed the arguments in the wrong order: that is «b»^«a», not «a»^«b»',
        misread: true,
      },
    ].filter((bg) => bg.wrong !== ans),
    vars: { a, b, m, L, q, r: rr },
  };
}

function powmod(a: number, b: number, m: number): number {
  let r = 1 % m;
  let x = a % m;
  let e = b;
  while (e > 0) {
    if (e & 1) r = (r * x) % m;
    x = (x * x) % m;
    e >>= 1;
  }
  return r;
}

const MAKERS = [costProblem, seriesProblem, countProblem, searchProblem, modpowProblem];

// ---------------------------------------------------------------- phrasing templates
// Each list is split by index parity: even indices for 'dev', odd for 'heldout'.

const T = {
  openPlain: [
    'Let me set this up in Python.',
    "I'll just compute it with a short script.",
    'This is easy to slip on by hand, so I will let Python do the arithmetic.',
    'A few lines of code will settle it.',
    "I'll write the computation out as code.",
    'Quickest is to run it.',
    'Let me compute this directly.',
    'I can check this numerically.',
  ],
  openThink: [
    'Okay, so the question asks for «what».',
    "Alright, let's see what's being asked here.",
    'Let me think about how to do this.',
    'Hmm, this is a straightforward computation.',
    'So I need «what».',
    'First, let me make sure I understand the problem.',
  ],
  codeLead: ['', '', 'Code:\n\n', 'Here is the cell:\n\n', 'Something like this:\n\n', 'In Python:\n\n'],
  outHead: [
    'Output:',
    'Running it prints:',
    'Result:',
    'It outputs:',
    'The cell prints:',
    'Executing this gives:',
    'Output of the cell:',
    'And the run gives:',
  ],
  fence: ['```', '```text', '```output', '```'],
  adopt: [
    'So «what» is «u»«v».',
    'That gives «u»«v».',
    'So the answer is «u»«v».',
    'OK, «u»«v».',
    'Good, «what» comes out to «u»«v».',
    "That's «u»«v».",
    'So we get «u»«v».',
    '«u»«v», then.',
  ],
  moveOn: [
    'Let me make sure the code really does what the question asks.',
    'Before settling on it, let me look at the code once more.',
    'Let me double-check the logic.',
    "I'll read through the program again.",
  ],
  noticeLead: ['Wait, ', 'Hmm, hold on: ', 'Actually, looking at the code again, ', 'Hang on — ', 'Oh, wait. ', 'Hmm, one problem: '],
  misreadLead: [
    'Wait, let me re-read the question. ',
    'Hold on, I should reread the problem statement: ',
    'Rereading the question: ',
    'Hmm, checking the wording again: ',
  ],
  fixLead: [
    'Fixed version:',
    'Let me fix that and rerun:',
    'Corrected:',
    'Rerunning with the fix:',
    "Here's the corrected cell:",
    'Trying again:',
    'With that changed:',
    'Second attempt:',
  ],
  reject: [
    "«u»«w»? That can't be right: «sight».",
    'That is clearly off — «sight».',
    '«u»«w» is impossible here: «sight».',
    'No, «u»«w» makes no sense, since «sight».',
  ],
  checkProgLead: [
    'Let me cross-check with a different computation:',
    'As a sanity check, another way:',
    'To be safe, I will verify it a second way:',
    'Double-check with a one-liner:',
    'Verifying with an independent expression:',
    'Same thing computed differently:',
  ],
  checkProgAfter: ['Same value.', 'Both agree.', 'That matches.', 'Consistent.', 'Good, identical.', 'Matches the first run.'],
  checkWordsLead: [
    'Let me verify.',
    'Checking without the code:',
    'Quick check on paper.',
    'Let me re-derive it to be sure.',
    'Sanity check.',
    'Let me confirm that independently.',
  ],
  bare: [
    "Yes, that's right.",
    'That makes sense.',
    'Looks right.',
    'Good, that seems reasonable.',
    'Fine.',
    'That seems plausible.',
    'Okay, that checks out at a glance.',
    'Seems reasonable.',
  ],
  finalPlain: [
    '**Answer: «u»«v»**',
    'The answer is «u»«v».',
    'Final answer: «u»«v»',
    'So «what» is «u»«v».',
    '\\boxed{«v»}',
    'Therefore «what» is «u»«v».',
    'Answer: «u»«v»',
    '**«u»«v»**',
  ],
  draft: ["So I'll write: the answer is «u»«v».", 'Final answer: \\boxed{«v»}', 'I will answer «u»«v».', 'So the response is «u»«v».'],
  summary: [
    'Computing it in Python, «what» is **«u»«v»**.',
    '**Answer:** «u»«v»',
    'The code gives «u»«v».\n\n\\boxed{«v»}',
    'Final answer: «u»«v»',
    '«What» = «u»«v».',
    'Running the computation gives «what»: **«u»«v»**.',
    'The program computes «what» directly.\n\nAnswer: «u»«v»',
    'So «what» is «u»«v».',
  ],
  partsLead: [
    'First the intermediate quantity:',
    'Let me print the pieces first.',
    'I will print the parts and finish by hand.',
    'Breaking it into steps:',
  ],
};

// ---------------------------------------------------------------- rendering

class Ctx {
  constructor(
    readonly r: Rng,
    readonly split: Split,
    readonly o: Out,
    readonly vars: Vars,
  ) {}
  tpl(name: keyof typeof T): string {
    return this.r.pick(half(T[name], this.split));
  }
  say(name: keyof typeof T, extra: Vars = {}, cand?: string): void {
    this.o.say(this.tpl(name), { ...this.vars, ...extra }, cand);
  }
  line(x = ''): void {
    this.o.t(x + '\n');
  }
}

/** Renders a program and its output; the printed asked value is a candidate when `isCand`. */
function renderProg(c: Ctx, p: Prog, isCand: boolean, lead = true): void {
  const o = c.o;
  if (lead) o.t(fill(c.tpl('codeLead'), c.vars));
  if (p.kind === 'repl') {
    o.t('```python\n');
    for (const s of p.steps) {
      s.inp.forEach((l, i) => o.t(`${i ? '...' : '>>>'} ${l}\n`));
      if (s.out !== undefined) o.t(`${s.out}\n`);
    }
    p.last.forEach((l, i) => o.t(`${i ? '...' : '>>>'} ${l}\n`));
    if (isCand) o.cand(p.value as string);
    else o.t(p.value as string);
    o.t('\n```\n\n');
    return;
  }
  o.t('```python\n' + p.code + '\n```\n\n');
  o.t(c.tpl('outHead') + '\n\n');
  o.t(c.tpl('fence') + '\n');
  for (const l of p.pre) o.t(l + '\n');
  if (p.value !== null) {
    o.t(p.prefix);
    if (isCand) o.cand(p.value);
    else o.t(p.value);
    o.t('\n');
  }
  o.t('```\n\n');
}

type Scenario = 'clean' | 'bugfix' | 'misread' | 'rejected' | 'kept' | 'rtw';

function buildRecord(r: Rng, split: Split, id: string): PhrasingRecord {
  const P = r.pick(MAKERS)(r);
  const think = r.chance(0.4);
  const ansStr = String(P.answer);
  const pretty = (n: number): string => (P.unit === '$' && n >= 1000 && r.chance(0.5) ? commas(n) : String(n));
  const o = new Out();
  const baseVars: Vars = { ...P.vars, u: P.unit, what: P.what, What: P.what[0].toUpperCase() + P.what.slice(1) };
  const c = new Ctx(r, split, o, baseVars);

  // Scenario choice (about 37% with a wrong first answer).
  const slips = P.bugs.filter((b) => !b.misread);
  const misreads = P.bugs.filter((b) => b.misread);
  const x = r.next();
  let scen: Scenario =
    x < 0.38 ? 'clean' : x < 0.6 ? 'bugfix' : x < 0.68 ? 'misread' : x < 0.76 ? 'rejected' : x < 0.84 ? 'kept' : x < 0.91 ? 'rtw' : 'clean';
  if (scen === 'misread' && !misreads.length) scen = 'bugfix';
  if ((scen === 'bugfix' || scen === 'kept') && !slips.length && !misreads.length) scen = 'clean';
  if (scen === 'rejected' && !P.bugs.some((b) => b.sight)) scen = 'bugfix';
  if (scen === 'rtw' && !P.bugs.some((b) => b.doubt)) scen = r.chance(0.3) ? 'kept' : 'clean';
  if (scen === 'bugfix' && !slips.length) scen = 'misread';
  if (scen === 'misread' && !misreads.length) scen = 'clean';
  if (scen === 'kept' && !P.bugs.length) scen = 'clean';

  // Opening: restate the question's numbers (not candidates).
  if (think) {
    o.t('<think>\n');
    c.say('openThink');
    o.t(' ');
    o.say(r.pick(half(P.quotes, split)), baseVars);
    o.t('\n\n');
    if (r.chance(0.5)) {
      c.say('openPlain');
      o.t('\n\n');
    }
  } else {
    if (r.chance(0.6)) {
      o.say(r.pick(half(P.quotes, split)), baseVars);
      o.t(' ');
    }
    c.say('openPlain');
    o.t('\n\n');
  }

  let shown = ansStr; // value as last written for restatements
  const adopt = (v: string): void => {
    c.say('adopt', { v });
  };

  const rightPrinted = (lead = true): void => {
    const p = r.pick(P.right);
    renderProg(c, p, true, lead);
    shown = p.value as string;
    if (r.chance(0.6)) {
      shown = pretty(P.answer);
      adopt(shown);
      o.t('\n\n');
    }
  };
  const rightViaParts = (): void => {
    if (r.chance(0.5)) {
      c.say('partsLead');
      o.t('\n\n');
    }
    renderProg(c, P.parts.prog, false);
    const v = pretty(P.answer);
    o.say(r.pick(half(P.parts.prose, split)), baseVars, v);
    shown = v;
    o.t(r.chance(0.3) ? ' ' : '\n\n');
    if (o.s.endsWith(' ')) {
      c.say('adopt', { v });
      o.t('\n\n');
    }
  };
  const right = (): void => (r.chance(0.35) ? rightViaParts() : rightPrinted());

  const echo = (): void => {
    if (r.chance(0.5)) {
      c.say('checkProgLead');
      o.t('\n\n');
      renderProg(c, P.checkProg, true, false);
      c.say('checkProgAfter');
      o.t('\n\n');
      shown = ansStr;
    } else {
      c.say('checkWordsLead');
      o.t(' ');
      const v = pretty(P.answer);
      o.say(r.pick(half(P.checkWords, split)), baseVars, v);
      shown = v;
      o.t('\n\n');
    }
  };

  let finalVal = ansStr;
  const wrongBug = (pool: Bug[]): Bug => r.pick(pool);

  if (scen === 'clean') {
    right();
    if (r.chance(0.3)) {
      c.say('bare');
      o.t('\n\n');
    }
    if (r.chance(0.45)) echo();
    finalVal = shown;
  } else if (scen === 'bugfix' || scen === 'misread') {
    const bug = wrongBug(scen === 'misread' ? misreads : slips);
    renderProg(c, bug.prog, true);
    const w = String(bug.wrong);
    adopt(w);
    o.t('\n\n');
    if (r.chance(0.25)) {
      c.say('bare');
      o.t('\n\n');
    }
    if (r.chance(0.4)) {
      c.say('moveOn');
      o.t('\n\n');
    }
    const lead = c.tpl(scen === 'misread' ? 'misreadLead' : 'noticeLead');
    o.t(lead);
    const nt = fill(bug.notice, baseVars);
    o.t(/[.!?] $/.test(lead) ? nt[0].toUpperCase() + nt.slice(1) : nt);
    o.t('.\n\n');
    c.say('fixLead');
    o.t('\n\n');
    rightPrinted(false);
    if (r.chance(0.3)) echo();
    finalVal = shown;
  } else if (scen === 'rejected') {
    const bug = wrongBug(P.bugs.filter((b) => b.sight));
    renderProg(c, bug.prog, false);
    c.say('reject', { w: bug.wrong, sight: fill(bug.sight as string, baseVars) });
    o.t(' The bug: ');
    o.say(bug.notice, baseVars);
    o.t('.\n\n');
    c.say('fixLead');
    o.t('\n\n');
    rightPrinted(false);
    if (r.chance(0.3)) echo();
    finalVal = shown;
  } else if (scen === 'kept') {
    const bug = wrongBug(P.bugs);
    renderProg(c, bug.prog, true);
    const w = String(bug.wrong);
    shown = w;
    if (r.chance(0.7)) {
      adopt(w);
      o.t('\n\n');
    }
    if (r.chance(0.5)) {
      c.say('bare');
      o.t('\n\n');
    }
    finalVal = w;
  } else {
    // rtw: right first, then a mistaken second thought makes it wrong.
    const bug = wrongBug(P.bugs.filter((b) => b.doubt));
    const p = P.right[0];
    renderProg(c, p, true);
    adopt(ansStr);
    o.t('\n\n');
    o.say(bug.doubt as string, baseVars);
    o.t('\n\n');
    renderProg(c, bug.prog, true, false);
    const w = String(bug.wrong);
    if (r.chance(0.7)) {
      adopt(w);
      o.t('\n\n');
    }
    shown = w;
    finalVal = w;
  }

  // Closing: a restatement (merges), a draft inside the thinking block, then the summary.
  if (think) {
    if (r.chance(0.35)) {
      c.say('draft', { v: shown });
      o.t('\n');
    }
    o.t('</think>\n\n');
    const summ = pretty(Number(finalVal.replace(/,/g, '')));
    c.say('summary', { v: summ });
    o.t('\n');
    finalVal = summ;
  } else {
    if (r.chance(0.7)) {
      c.say('finalPlain', { v: shown });
      o.t('\n');
    }
    finalVal = o.c.length ? o.c[o.c.length - 1].value : finalVal;
  }

  const headers: Record<string, string> = { query: P.query, answer: ansStr, task: P.task };
  if (/\n{3,}/.test(o.s.trimEnd())) throw new Error('tool-calc: three newlines in a row');
  let body = o.s.trimEnd() + '\n';
  let cands = o.c;
  let final: string | null = finalVal;

  // A few responses are cut off (with or without a candidate reached).
  if (r.chance(0.045)) {
    const firstC = cands.length ? cands[0].offset : body.length;
    const lastEnd = cands.length ? cands[cands.length - 1].offset + cands[cands.length - 1].value.length : 0;
    const close = body.indexOf('</think>');
    let cut: number;
    if (cands.length > 1 && r.chance(0.6)) {
      // Cut after the first candidate, in the middle of what follows.
      const lo = cands[0].offset + cands[0].value.length + 15;
      cut = lo + Math.floor(r.next() * Math.max(1, (close >= 0 ? close : body.length) - lo - 5));
    } else if (r.chance(0.5) && lastEnd > 0) {
      const lo = lastEnd + 10;
      cut = lo + Math.floor(r.next() * Math.max(1, (close >= 0 ? close : body.length) - lo - 5));
    } else {
      cut = Math.max(20, Math.floor(firstC * (0.4 + 0.5 * r.next())));
    }
    cut = Math.min(cut, close >= 0 ? close : body.length - 2);
    // Never cut inside or right after a value, nor right after a digit.
    while (cut > 0 && /[\d.,$]/.test(body[cut - 1])) cut--;
    body = body.slice(0, cut);
    cands = cands.filter((cd) => cd.offset + cd.value.length < cut);
    headers.truncated = 'true';
    final = null;
  }

  return { id, headers, body, candidates: cands, final };
}

function hashSplit(split: Split): number {
  return split === 'dev' ? 0x1234567 : 0x7654321;
}

export function generate(seed: number, count: number, split: Split): PhrasingRecord[] {
  const r = new Rng((Math.imul(seed + 1, 0x9e3779b1) ^ hashSplit(split)) >>> 0);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(buildRecord(r, split, `tool-calc-${split}-${seed}-${i + 1}`));
  return out;
}
