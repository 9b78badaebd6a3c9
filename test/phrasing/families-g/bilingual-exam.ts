// Phrasing family "bilingual-exam": responses of models trained on Chinese data to gaokao-style
// questions (multiple choice with options A-D, or fill-in with a numeric answer). The response is a
// thinking part in English or mixed English/Chinese (Wait / Hmm / 等等 / 再检查一下 ...) inside
// <think> ... </think>, followed by a written solution in Chinese (所以 / 故 / 综上, 故选 B,
// 故答案为 ...); some responses have no thinking block (thinking-style text only, or a direct
// Chinese solution). Gold labels follow docs/annotation-guide.md: candidates inside the thinking
// block, the summary's answer is `final`; multiple-choice candidates are the letters the model
// commits to. Self-contained: no imports.

export const family = 'bilingual-exam';

export interface PhrasingCandidate {
  value: string; // the value as written in the body
  offset: number; // index in body of the first character of the value
}

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>;
  body: string;
  candidates: PhrasingCandidate[];
  final: string | null;
}

// ---------------------------------------------------------------------------------------------
// Randomness and small helpers

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

const ri = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
function shuffle<T>(r: Rng, xs: readonly T[]): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
function weighted<T>(r: Rng, xs: readonly [T, number][]): T {
  const tot = xs.reduce((s, x) => s + x[1], 0);
  let u = r() * tot;
  for (const [v, w] of xs) {
    u -= w;
    if (u < 0) return v;
  }
  return xs[xs.length - 1][0];
}

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
function binom(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}
const par = (x: number): string => (x < 0 ? `(${x})` : `${x}`);
const pm = (a: number, b: number): string => (b < 0 ? `${a} - ${-b}` : `${a} + ${b}`);
const fmtNum = (x: number): string => String(Math.round(x * 10000) / 10000);
function cx(a: number, b: number): string {
  if (b === 0) return `${a}`;
  const bi = Math.abs(b) === 1 ? 'i' : `${Math.abs(b)}i`;
  if (a === 0) return (b < 0 ? '-' : '') + bi;
  return `${a}${b < 0 ? '-' : '+'}${bi}`;
}
function lin(c0: number, c1: number, x: string): string {
  if (c1 === 0) return `${c0}`;
  const t = Math.abs(c1) === 1 ? x : `${Math.abs(c1)}${x}`;
  if (c0 === 0) return (c1 < 0 ? '-' : '') + t;
  return `${c0}${c1 < 0 ? '-' : '+'}${t}`;
}

// ---------------------------------------------------------------------------------------------
// Values

type Val = { k: 'n'; n: number } | { k: 'f'; p: number; q: number } | { k: 's'; s: string };
const N = (n: number): Val => ({ k: 'n', n });
const S = (s: string): Val => ({ k: 's', s });
function F(p: number, q: number): Val {
  if (q < 0) {
    p = -p;
    q = -q;
  }
  const g = gcd(Math.abs(p), q) || 1;
  p /= g;
  q /= g;
  return q === 1 ? N(p) : { k: 'f', p, q };
}
function D(x: number): Val {
  const y = Math.round(x * 10000) / 10000;
  return Number.isInteger(y) ? N(y) : S(String(y));
}
function sqrtVal(n: number): Val {
  let k = 1;
  for (let i = 2; i * i <= n; i++) if (n % (i * i) === 0) k = i;
  const m = n / (k * k);
  return m === 1 ? N(k) : S(k === 1 ? `\\sqrt{${m}}` : `${k}\\sqrt{${m}}`);
}
const key = (v: Val): string => (v.k === 'n' ? `n${v.n}` : v.k === 'f' ? `f${v.p}/${v.q}` : `s${v.s}`);

interface Sty {
  thou: boolean; // thousands separators for integers >= 1000
  d: boolean; // \dfrac instead of \frac
}
const TEX: Sty = { thou: false, d: false };
function commas(n: number): string {
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 ? '-' : '') + s;
}
function show(v: Val, st: Sty): string {
  if (v.k === 'n') return st.thou && Math.abs(v.n) >= 1000 ? commas(v.n) : String(v.n);
  if (v.k === 'f') return `${v.p < 0 ? '-' : ''}\\${st.d ? 'dfrac' : 'frac'}{${Math.abs(v.p)}}{${v.q}}`;
  return v.s;
}
/** "\frac{a}{b} = <V>" when the fraction reduces, else "<V>" (the value is the fraction itself). */
function fracRes(num: number, den: number): string {
  return gcd(Math.abs(num), den) === 1 && den !== 1 ? '<V>' : `\\frac{${num}}{${den}} = <V>`;
}
function fracResZh(num: number, den: number): string {
  return gcd(Math.abs(num), den) === 1 && den !== 1 ? '<V>' : `\\dfrac{${num}}{${den}}=<V>`;
}

// ---------------------------------------------------------------------------------------------
// Problems

interface Deriv {
  en: string[]; // steps of the thinking (English / mixed)
  res: string; // result line, with <V> where the value goes
  zh: string[]; // Chinese steps (LaTeX)
  resZh: string;
  v: Val;
  fix: string; // for a wrong derivation: what was wrong (English / mixed)
  fixZh: string;
}
interface Alt {
  en: string[];
  res: string;
  zh: string[];
  resZh: string;
}
interface Prob {
  topic: string;
  diff: string;
  qZh: string; // with <B> for the blank
  qEn: string;
  given: string;
  givenZh: string;
  asked: string;
  truth: Val;
  right: Deriv;
  alt: Alt;
  wrongs: Deriv[];
  extras: Val[];
  words: string; // a re-read of the conditions in words (new work)
  wordsZh: string;
  sub?: string; // a sub-step check (not a candidate)
  fixed?: Val[]; // multiple choice only, options in this order
}

function finishProb(p: Prob): Prob {
  const seen = new Set<string>([key(p.truth)]);
  p.wrongs = p.wrongs.filter((w) => {
    const k = key(w.v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return p;
}

function genArith(r: Rng): Prob {
  const a1 = pick(r, [-5, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 9]);
  const d = pick(r, [-3, -2, 2, 3, 4, 5]);
  const n = ri(r, 8, 20);
  const T = (n * (n - 1)) / 2;
  const truth = n * a1 + T * d;
  const an = a1 + (n - 1) * d;
  const T2 = (n * (n + 1)) / 2;
  const slip = pick(r, [10, -10, 20, 2 * d]);
  const Td3 = T * d + slip;
  const step1 = `The formula: S_n = na_1 + \\frac{n(n-1)}{2}d.`;
  const step2 = `Here \\frac{n(n-1)}{2} = \\frac{${n}\\cdot ${n - 1}}{2} = ${T}.`;
  const zh0 = `由等差数列前 $n$ 项和公式 $S_n=na_1+\\dfrac{n(n-1)}{2}d$，`;
  return finishProb({
    topic: 'sequence',
    diff: 'easy',
    qZh: `已知等差数列 $\\{a_n\\}$ 中，$a_1=${a1}$，公差 $d=${d}$，则其前 ${n} 项和 $S_{${n}}=$<B>`,
    qEn: `In the arithmetic sequence $\\{a_n\\}$, $a_1=${a1}$ and the common difference is $d=${d}$. Then the sum of the first ${n} terms $S_{${n}}=$ <B>`,
    given: `a_1 = ${a1}, d = ${d}`,
    givenZh: `$a_1=${a1}$，$d=${d}$`,
    asked: `S_{${n}}`,
    truth: N(truth),
    right: {
      en: [step1, step2, `${n}\\cdot ${par(a1)} = ${n * a1}, and ${T}\\cdot ${par(d)} = ${T * d}.`],
      res: `S_{${n}} = ${pm(n * a1, T * d)} = <V>`,
      zh: [zh0],
      resZh: `$S_{${n}}=${n}\\times ${par(a1)}+\\dfrac{${n}\\times ${n - 1}}{2}\\times ${par(d)}=<V>$`,
      v: N(truth),
      fix: '',
      fixZh: '',
    },
    alt: {
      en: [`Use S_n = \\frac{n(a_1+a_n)}{2} instead. a_{${n}} = ${a1} + ${n - 1}\\cdot ${par(d)} = ${an}.`],
      res: `S_{${n}} = \\frac{${n}\\times(${pm(a1, an)})}{2} = \\frac{${n}\\times ${par(a1 + an)}}{2} = <V>`,
      zh: [`又 $a_{${n}}=a_1+${n - 1}d=${an}$，`],
      resZh: `$S_{${n}}=\\dfrac{${n}(a_1+a_{${n}})}{2}=<V>$`,
    },
    wrongs: [
      {
        en: [
          `S_n = na_1 + \\frac{n(n+1)}{2}d, so the coefficient is \\frac{${n}\\cdot ${n + 1}}{2} = ${T2}.`,
          `${T2}\\cdot ${par(d)} = ${T2 * d}.`,
        ],
        res: `S_{${n}} = ${pm(n * a1, T2 * d)} = <V>`,
        zh: [`由 $S_n=na_1+\\dfrac{n(n+1)}{2}d$，`],
        resZh: `$S_{${n}}=${n}\\times ${par(a1)}+${T2}\\times ${par(d)}=<V>$`,
        v: N(n * a1 + T2 * d),
        fix: `the formula has \\frac{n(n-1)}{2}, not \\frac{n(n+1)}{2} — the first term carries no d.`,
        fixZh: `公式中应为 $\\dfrac{n(n-1)}{2}d$，不是 $\\dfrac{n(n+1)}{2}d$。`,
      },
      {
        en: [step1, step2, `${n}\\cdot ${par(a1)} = ${n * a1}, and ${T}\\cdot ${par(d)} = ${Td3}.`],
        res: `S_{${n}} = ${pm(n * a1, Td3)} = <V>`,
        zh: [zh0],
        resZh: `$S_{${n}}=${n * a1}+${par(Td3)}=<V>$`,
        v: N(n * a1 + Td3),
        fix: `${T}\\times ${par(d)} is ${T * d}, not ${Td3}. Arithmetic slip.`,
        fixZh: `$${T}\\times ${par(d)}=${T * d}$，刚才乘错了。`,
      },
    ],
    extras: [N(an), N(truth + 2 * d), N(truth - n)],
    sub: `(Check: ${n}\\cdot ${n - 1} = ${n * (n - 1)}, half of it is ${T}, right.)`,
    words: `S_{${n}} is the sum of the first ${n} terms, from a_1 = ${a1} to a_{${n}} = ${an}, with d = ${d} — not the ${n}th term itself`,
    wordsZh: `$S_{${n}}$ 是前 ${n} 项的和，不是第 ${n} 项；首项 ${a1}，公差 ${d}，末项 $a_{${n}}=${an}$`,
  });
}

function genGeo(r: Rng): Prob {
  const a1 = pick(r, [1, 2, 3]);
  const q = pick(r, [2, 3]);
  const n = q === 2 ? ri(r, 5, 10) : ri(r, 4, 7);
  const qn = q ** n;
  const truth = (a1 * (qn - 1)) / (q - 1);
  const an = a1 * q ** (n - 1);
  const terms = Array.from({ length: n }, (_, i) => a1 * q ** i);
  const resOf = (c: number, e: number, t: number): string =>
    q - 1 === 1
      ? `S_{${n}} = ${c}\\times(${e} - 1) = <V>`
      : `S_{${n}} = \\frac{${c}\\times(${e} - 1)}{${q - 1}} = \\frac{${t}}{${q - 1}} = <V>`;
  const wr: Deriv[] = [
    {
      en: [`S_n = \\frac{a_1(q^{n-1}-1)}{q-1}.`, `q^{${n - 1}} = ${q ** (n - 1)}.`],
      res: resOf(a1, q ** (n - 1), a1 * (q ** (n - 1) - 1)),
      zh: [`由等比数列求和公式，`],
      resZh: `$S_{${n}}=\\dfrac{${a1}\\times(${q}^{${n - 1}}-1)}{${q}-1}=<V>$`,
      v: N((a1 * (q ** (n - 1) - 1)) / (q - 1)),
      fix: `the exponent in S_n is n, not n-1 — q^{n-1} belongs to the general term a_n.`,
      fixZh: `求和公式中是 $q^n$，不是 $q^{n-1}$。`,
    },
  ];
  if (a1 > 1)
    wr.push({
      en: [`S_n = \\frac{q^n-1}{q-1}, with q^{${n}} = ${qn}.`],
      res: q - 1 === 1 ? `S_{${n}} = ${qn} - 1 = <V>` : `S_{${n}} = \\frac{${qn} - 1}{${q - 1}} = <V>`,
      zh: [`由等比数列求和公式，`],
      resZh: `$S_{${n}}=\\dfrac{${q}^{${n}}-1}{${q}-1}=<V>$`,
      v: N((qn - 1) / (q - 1)),
      fix: `I dropped the factor a_1 = ${a1} in front.`,
      fixZh: `漏乘了首项 $a_1=${a1}$。`,
    });
  return finishProb({
    topic: 'sequence',
    diff: 'easy',
    qZh: `已知等比数列 $\\{a_n\\}$ 的首项 $a_1=${a1}$，公比 $q=${q}$，则其前 ${n} 项和 $S_{${n}}=$<B>`,
    qEn: `A geometric sequence $\\{a_n\\}$ has $a_1=${a1}$ and common ratio $q=${q}$. The sum of its first ${n} terms is $S_{${n}}=$ <B>`,
    given: `a_1 = ${a1}, q = ${q}`,
    givenZh: `$a_1=${a1}$，$q=${q}$`,
    asked: `S_{${n}}`,
    truth: N(truth),
    right: {
      en: [`q = ${q} \\ne 1, so S_n = \\frac{a_1(q^n-1)}{q-1}.`, `q^{${n}} = ${q}^{${n}} = ${qn}.`],
      res: resOf(a1, qn, a1 * (qn - 1)),
      zh: [`因为 $q=${q}\\ne 1$，由等比数列前 $n$ 项和公式，`],
      resZh: `$S_{${n}}=\\dfrac{${a1}\\times(${q}^{${n}}-1)}{${q}-1}=<V>$`,
      v: N(truth),
      fix: '',
      fixZh: '',
    },
    alt: {
      en: [`Just list the terms: ${terms.join(', ')}.`],
      res: `${terms.join(' + ')} = <V>`,
      zh: [`逐项相加，`],
      resZh: `$S_{${n}}=${terms.join('+')}=<V>$`,
    },
    wrongs: wr,
    extras: [N(an), N(truth + an), N(truth - a1)],
    sub: `(${q}^{${n}}: ${Array.from({ length: n }, (_, i) => q ** (i + 1)).join(', ')} — yes, ${qn}.)`,
    words: `S_{${n}} adds ${n} terms, the last one a_{${n}} = ${a1}\\cdot ${q}^{${n - 1}} = ${an}, so the sum has to exceed ${an} — and q = ${q} \\ne 1 so the formula applies`,
    wordsZh: `$S_{${n}}$ 共 ${n} 项，末项 $a_{${n}}=${an}$，和应大于 ${an}，且 $q\\ne 1$ 公式适用`,
  });
}

function genProb(r: Rng): Prob {
  const rd = ri(r, 2, 5);
  const wh = ri(r, 2, 5);
  const Nn = rd + wh;
  const both = r() < 0.5;
  const tot = binom(Nn, 2);
  const cr = binom(rd, 2);
  const cw = binom(wh, 2);
  const num = both ? cr : rd * wh;
  const truth = F(num, tot);
  const ev = both ? '都是红球' : '恰有 1 个红球';
  const evEn = both ? 'both red' : 'exactly one red';
  const countStep = both
    ? `Both red: C_{${rd}}^2 = ${cr}.`
    : `One red and one white: C_{${rd}}^1 C_{${wh}}^1 = ${rd}\\times ${wh} = ${rd * wh}.`;
  const wr: Deriv[] = [
    {
      en: [`Each draw is red with probability \\frac{${rd}}{${Nn}}.`],
      res: both ? `P = \\left(\\frac{${rd}}{${Nn}}\\right)^2 = <V>` : `P = 2\\cdot\\frac{${rd}}{${Nn}}\\cdot\\frac{${wh}}{${Nn}} = <V>`,
      zh: [`每次摸到红球的概率为 $\\dfrac{${rd}}{${Nn}}$，`],
      resZh: both ? `$P=\\left(\\dfrac{${rd}}{${Nn}}\\right)^2=<V>$` : `$P=2\\times\\dfrac{${rd}}{${Nn}}\\times\\dfrac{${wh}}{${Nn}}=<V>$`,
      v: both ? F(rd * rd, Nn * Nn) : F(2 * rd * wh, Nn * Nn),
      fix: `the balls are drawn 不放回 (without replacement), so the second draw is out of ${Nn - 1}, not ${Nn}.`,
      fixZh: `是不放回地摸球，第二次只剩 ${Nn - 1} 个球。`,
    },
    {
      en: [`Ordered draws: ${Nn}\\times ${Nn - 1} = ${Nn * (Nn - 1)}.`, countStep],
      res: `P = ${fracRes(num, Nn * (Nn - 1))}`,
      zh: [
        `共有 $${Nn}\\times ${Nn - 1}=${Nn * (Nn - 1)}$ 种摸法，`,
        both ? `两个都是红球有 $C_{${rd}}^2=${cr}$ 种，` : `一红一白有 $${rd}\\times ${wh}=${rd * wh}$ 种，`,
      ],
      resZh: `$P=${fracResZh(num, Nn * (Nn - 1))}$`,
      v: F(num, Nn * (Nn - 1)),
      fix: `I mixed ordered and unordered counting: ${Nn}\\times ${Nn - 1} counts ordered pairs but the numerator counted unordered ones.`,
      fixZh: `分母按有序计数、分子按无序计数，不一致。`,
    },
  ];
  return finishProb({
    topic: 'probability',
    diff: 'medium',
    qZh: `一个袋子中装有 ${rd} 个红球和 ${wh} 个白球，这些球除颜色外完全相同。从中不放回地随机摸出 2 个球，则摸出的 2 个球${ev}的概率为<B>`,
    qEn: `A bag contains ${rd} red balls and ${wh} white balls, identical except for colour. Two balls are drawn at random without replacement. The probability that ${both ? 'both are red' : 'exactly one is red'} is <B>`,
    given: `${rd} red, ${wh} white, draw 2 without replacement`,
    givenZh: `${rd} 红 ${wh} 白，不放回摸 2 个`,
    asked: `P(${evEn})`,
    truth,
    right: {
      en: [`Total: C_{${Nn}}^2 = ${tot}.`, countStep],
      res: `P = ${fracRes(num, tot)}`,
      zh: [
        `从 ${Nn} 个球中任取 2 个，共有 $C_{${Nn}}^2=${tot}$ 种取法，`,
        both ? `其中 2 个都是红球的取法有 $C_{${rd}}^2=${cr}$ 种，` : `其中恰有 1 个红球的取法有 $C_{${rd}}^1C_{${wh}}^1=${rd * wh}$ 种，`,
      ],
      resZh: `$P=${fracResZh(num, tot)}$`,
      v: truth,
      fix: '',
      fixZh: '',
    },
    alt: both
      ? {
          en: [`Step by step: first red \\frac{${rd}}{${Nn}}, then red again \\frac{${rd - 1}}{${Nn - 1}}.`],
          res: `P = \\frac{${rd}}{${Nn}}\\cdot\\frac{${rd - 1}}{${Nn - 1}} = \\frac{${rd * (rd - 1)}}{${Nn * (Nn - 1)}} = <V>`,
          zh: [`分步计算，`],
          resZh: `$P=\\dfrac{${rd}}{${Nn}}\\times\\dfrac{${rd - 1}}{${Nn - 1}}=<V>$`,
        }
      : {
          en: [`Complement: both red ${cr} ways, both white ${cw} ways, out of ${tot}.`],
          res: `P = 1 - \\frac{${cr}+${cw}}{${tot}} = \\frac{${tot - cr - cw}}{${tot}} = <V>`,
          zh: [`用对立事件，`],
          resZh: `$P=1-\\dfrac{C_{${rd}}^2+C_{${wh}}^2}{C_{${Nn}}^2}=<V>$`,
        },
    wrongs: wr,
    extras: both ? [F(tot - cr, tot), F(rd, Nn), F(cr + 1, tot)] : [F(cr + cw, tot), F(rd, Nn), F(rd * wh + 1, tot)],
    sub: `(C_{${Nn}}^2 = \\frac{${Nn}\\cdot ${Nn - 1}}{2} = ${tot}, correct.)`,
    words: `不放回 means the ${tot} unordered pairs are equally likely — C_{${Nn}}^2 = ${tot} is the right denominator — and the event is "${evEn}", ${num} of those pairs`,
    wordsZh: `不放回，共 $C_{${Nn}}^2=${tot}$ 个等可能的结果，事件“${ev}”包含 ${num} 个`,
  });
}

function genBinom(r: Rng): Prob {
  const n = pick(r, [4, 6, 6, 8]);
  const a = n === 8 ? pick(r, [1, 2]) : pick(r, [1, 2, 3]);
  const s = pick(r, [1, -1]);
  const rr = n / 2;
  const sa = s * a;
  const c = binom(n, rr);
  const pow = sa ** rr;
  const truth = c * pow;
  const sgn = s < 0 ? '-' : '+';
  const term = `${s < 0 ? '-' : ''}\\frac{${a}}{x}`;
  const steps = (cc: number, pw: number): string[] => [
    `General term: T_{r+1} = C_{${n}}^r x^{${n}-r}\\left(${term}\\right)^r = C_{${n}}^r (${sa})^r x^{${n}-2r}.`,
    `Constant term needs ${n} - 2r = 0, so r = ${rr}.`,
    `C_{${n}}^{${rr}} = ${cc}, and (${sa})^{${rr}} = ${pw}.`,
  ];
  const zh = [
    `展开式的通项为 $T_{r+1}=C_{${n}}^r x^{${n}-r}\\left(${s < 0 ? '-' : ''}\\dfrac{${a}}{x}\\right)^r=(${sa})^rC_{${n}}^r x^{${n}-2r}$，`,
    `令 $${n}-2r=0$，得 $r=${rr}$，`,
  ];
  const wr: Deriv[] = [];
  if (pow < 0)
    wr.push({
      en: steps(c, -pow),
      res: `the constant term is ${c}\\times ${-pow} = <V>`,
      zh,
      resZh: `常数项为 $C_{${n}}^{${rr}}\\times ${-pow}=<V>$`,
      v: N(-truth),
      fix: `(${sa})^{${rr}} is negative since ${rr} is odd — I dropped the sign.`,
      fixZh: `$(${sa})^{${rr}}$ 是负数，符号丢了。`,
    });
  if (a > 1)
    wr.push({
      en: [
        `General term: T_{r+1} = C_{${n}}^r x^{${n}-r}(${s < 0 ? '-' : ''}x^{-1})^r, exponent ${n} - 2r.`,
        `Constant term: r = ${rr}, C_{${n}}^{${rr}} = ${c}.`,
      ],
      res: `the constant term is ${s < 0 && rr % 2 === 1 ? '-' : ''}${c} = <V>`,
      zh,
      resZh: `常数项为 $${s < 0 && rr % 2 === 1 ? '-' : ''}C_{${n}}^{${rr}}=<V>$`,
      v: N(c * s ** rr),
      fix: `the term is (${term})^r, so ${a}^{${rr}} = ${a ** rr} must be multiplied in as well.`,
      fixZh: `漏掉了系数 $${a}^{${rr}}=${a ** rr}$。`,
    });
  const c2 = binom(n, rr - 1);
  wr.push({
    en: steps(c2, pow),
    res: `the constant term is ${c2}\\times ${par(pow)} = <V>`,
    zh,
    resZh: `常数项为 $${c2}\\times ${par(pow)}=<V>$`,
    v: N(c2 * pow),
    fix: `C_{${n}}^{${rr}} = ${c}, not ${c2} — ${c2} is C_{${n}}^{${rr - 1}}.`,
    fixZh: `$C_{${n}}^{${rr}}=${c}$，不是 ${c2}。`,
  });
  return finishProb({
    topic: 'binomial',
    diff: 'medium',
    qZh: `$\\left(x${sgn}\\dfrac{${a}}{x}\\right)^{${n}}$ 的展开式中的常数项为<B>`,
    qEn: `The constant term in the expansion of $\\left(x${sgn}\\frac{${a}}{x}\\right)^{${n}}$ is <B>`,
    given: `(x${sgn}${a}/x)^${n}`,
    givenZh: `$\\left(x${sgn}\\dfrac{${a}}{x}\\right)^{${n}}$`,
    asked: 'the constant term',
    truth: N(truth),
    right: {
      en: steps(c, pow),
      res: `the constant term is ${c}\\times ${par(pow)} = <V>`,
      zh,
      resZh: `常数项为 $T_{${rr + 1}}=C_{${n}}^{${rr}}\\times ${par(pow)}=<V>$`,
      v: N(truth),
      fix: '',
      fixZh: '',
    },
    alt: {
      en: [
        `Counting directly: out of ${n} factors choose ${rr} to give ${term} and ${n - rr} to give x — ${c} ways, each contributing (${sa})^{${rr}} = ${pow}.`,
      ],
      res: `in total ${c}\\cdot ${par(pow)} = <V>`,
      zh: [`从 ${n} 个因式中选 ${rr} 个取 $${s < 0 ? '-' : ''}\\dfrac{${a}}{x}$，其余取 $x$，`],
      resZh: `常数项为 $C_{${n}}^{${rr}}\\times ${par(pow)}=<V>$`,
    },
    wrongs: wr,
    extras: [N(c), N(2 * truth), N(truth + pow)],
    sub: `(C_{${n}}^{${rr}} = \\frac{${n}!}{${rr}!\\,${rr}!} = ${c}, yes.)`,
    words: `"constant term" means the power of x is zero: with r = ${rr}, x^{${n}-2\\cdot ${rr}} = x^0, and the coefficient carries (${sa})^{${rr}} = ${pow}`,
    wordsZh: `常数项即 $x$ 的指数为 0，$r=${rr}$ 时 $x^{${n}-2\\times ${rr}}=x^0$，系数含 $(${sa})^{${rr}}=${pow}$`,
  });
}

function genCplx(r: Rng): Prob {
  let a = 0;
  let b = 0;
  do {
    a = ri(r, -5, 6);
    b = ri(r, -5, 6);
  } while (a === 0 || b === 0 || Math.abs(a) === Math.abs(b));
  const im = r() < 0.6;
  const A = cx(a, b);
  const part = im ? '虚部' : '实部';
  const partEn = im ? 'imaginary part (虚部)' : 'real part (实部)';
  const reV = F(a + b, 2);
  const imV = F(b - a, 2);
  const truth = im ? imV : reV;
  const zStr = `${show(reV, TEX)} ${b - a < 0 ? '-' : '+'} ${show(F(Math.abs(b - a), 2), TEX)}i`;
  const wr: Deriv[] = [
    {
      en: [`z = \\frac{${A}}{1+i} = \\frac{(${A})(1+i)}{2}.`, `(${A})(1+i) = ${cx(a - b, a + b)}.`],
      res: `the ${partEn} is <V>`,
      zh: [`$z=\\dfrac{${A}}{1+i}=\\dfrac{(${A})(1+i)}{2}=\\dfrac{${cx(a - b, a + b)}}{2}$，`],
      resZh: `$z$ 的${part}为 $<V>$`,
      v: im ? F(a + b, 2) : F(a - b, 2),
      fix: `I multiplied by 1+i instead of the conjugate 1-i; (1+i)(1+i) = 2i, not 2.`,
      fixZh: `分子分母应同乘共轭复数 $1-i$，不是 $1+i$。`,
    },
    {
      en: [`Multiply by the conjugate: (${A})(1-i) = ${cx(a + b, b - a)}.`, `So z = ${cx(a + b, b - a)}.`],
      res: `the ${partEn} is <V>`,
      zh: [`$z=(${A})(1-i)=${cx(a + b, b - a)}$，`],
      resZh: `$z$ 的${part}为 $<V>$`,
      v: im ? N(b - a) : N(a + b),
      fix: `I forgot the denominator: (1+i)(1-i) = 2, everything is divided by 2.`,
      fixZh: `忘了除以 $(1+i)(1-i)=2$。`,
    },
  ];
  if (im) {
    const c = show(imV, TEX);
    const withI = c === '1' ? 'i' : c === '-1' ? '-i' : `${c}i`;
    wr.push({
      en: [`z = \\frac{(${A})(1-i)}{(1+i)(1-i)} = \\frac{${cx(a + b, b - a)}}{2} = ${zStr}.`],
      res: `the 虚部 is <V>`,
      zh: [`$z=\\dfrac{${A}}{1+i}=\\dfrac{${cx(a + b, b - a)}}{2}$，`],
      resZh: `$z$ 的虚部为 $<V>$`,
      v: S(withI),
      fix: `the 虚部 is the real coefficient in front of i, without the i itself.`,
      fixZh: `虚部是 $i$ 前面的实数系数，不带 $i$。`,
    });
  }
  return finishProb({
    topic: 'complex',
    diff: 'easy',
    qZh: `已知复数 $z$ 满足 $z(1+i)=${A}$（$i$ 为虚数单位），则 $z$ 的${part}为<B>`,
    qEn: `The complex number $z$ satisfies $z(1+i)=${A}$, where $i$ is the imaginary unit. The ${im ? 'imaginary' : 'real'} part of $z$ is <B>`,
    given: `z(1+i) = ${A}`,
    givenZh: `$z(1+i)=${A}$`,
    asked: `the ${partEn} of z`,
    truth,
    right: {
      en: [
        `z = \\frac{${A}}{1+i} = \\frac{(${A})(1-i)}{(1+i)(1-i)}, and (1+i)(1-i) = 2.`,
        `Numerator: (${A})(1-i) = ${cx(a + b, b - a)}.`,
        `So z = ${zStr}.`,
      ],
      res: `the ${partEn} is <V>`,
      zh: [`由题意 $z=\\dfrac{${A}}{1+i}=\\dfrac{(${A})(1-i)}{(1+i)(1-i)}=\\dfrac{${cx(a + b, b - a)}}{2}$，`],
      resZh: `$z$ 的${part}为 $<V>$`,
      v: truth,
      fix: '',
      fixZh: '',
    },
    alt: {
      en: [`Set z = x + yi: (x+yi)(1+i) = (x-y) + (x+y)i.`, `So x - y = ${a} and x + y = ${b}.`],
      res: `solving, ${im ? 'y' : 'x'} = <V>`,
      zh: [`设 $z=x+yi$，则 $(x-y)+(x+y)i=${A}$，即 $x-y=${a}$，$x+y=${b}$，`],
      resZh: `$${im ? 'y' : 'x'}=<V>$`,
    },
    wrongs: wr,
    extras: [F(-(b - a), 2), F(-(a + b), 2), N(b), N(a)],
    words: `the ${partEn} of z = x + yi is ${im ? 'y, a real number with no i' : 'x'}, and the equation is z(1+i) = ${A}, so z is ${A} divided by 1+i, which is what I did`,
    wordsZh: `${part}是 $z=x+yi$ 中的 ${im ? '$y$（不带 $i$）' : '$x$'}，且 $z=\\dfrac{${A}}{1+i}$，与上面一致`,
  });
}

function genVec(r: Rng): Prob {
  let p = 0;
  let q = 0;
  let u = 0;
  let w = 0;
  do {
    p = ri(r, -3, 4);
    q = ri(r, -3, 4);
    u = ri(r, -3, 4);
    w = ri(r, -3, 4);
  } while ((p === 0 && q === 0) || p * u + q * w === 0 || (u === 0 && w === 0));
  const aa = p * p + q * q;
  const ab = p * u + q * w;
  const truth = F(-aa, ab);
  const eq = `${aa} ${ab < 0 ? '-' : '+'} ${Math.abs(ab) === 1 ? '' : Math.abs(ab)}\\lambda = 0`;
  const base = [
    `(\\vec a+\\lambda\\vec b)\\perp\\vec a means (\\vec a+\\lambda\\vec b)\\cdot\\vec a = 0, i.e. |\\vec a|^2 + \\lambda\\,\\vec a\\cdot\\vec b = 0.`,
    `|\\vec a|^2 = ${p * p} + ${q * q} = ${aa}.`,
    `\\vec a\\cdot\\vec b = ${p}\\times ${par(u)} + ${q}\\times ${par(w)} = ${ab}.`,
  ];
  const en = base.slice();
  if (aa + ab !== 0 && r() < 0.5) en.push(`(Just to see: \\lambda = 1 would give ${aa + ab}, not 0.)`);
  const zh = [
    `因为 $(\\vec a+\\lambda\\vec b)\\perp\\vec a$，所以 $(\\vec a+\\lambda\\vec b)\\cdot\\vec a=|\\vec a|^2+\\lambda\\,\\vec a\\cdot\\vec b=0$，`,
    `又 $|\\vec a|^2=${aa}$，$\\vec a\\cdot\\vec b=${ab}$，`,
  ];
  const cx1 = lin(p, u, '\\lambda');
  const cx2 = lin(q, w, '\\lambda');
  return finishProb({
    topic: 'vector',
    diff: 'easy',
    qZh: `已知向量 $\\vec a=(${p},${q})$，$\\vec b=(${u},${w})$，若 $(\\vec a+\\lambda\\vec b)\\perp\\vec a$，则实数 $\\lambda=$<B>`,
    qEn: `Given vectors $\\vec a=(${p},${q})$ and $\\vec b=(${u},${w})$, if $(\\vec a+\\lambda\\vec b)\\perp\\vec a$, then the real number $\\lambda=$ <B>`,
    given: `\\vec a = (${p},${q}), \\vec b = (${u},${w})`,
    givenZh: `$\\vec a=(${p},${q})$，$\\vec b=(${u},${w})$`,
    asked: '\\lambda',
    truth,
    right: { en, res: `${eq}, so \\lambda = <V>`, zh, resZh: `$${eq}$，解得 $\\lambda=<V>$`, v: truth, fix: '', fixZh: '' },
    alt: {
      en: [
        `In coordinates: \\vec a+\\lambda\\vec b = (${cx1}, ${cx2}).`,
        `Dot with \\vec a: ${p}(${cx1}) + ${q}(${cx2}) = ${aa} ${ab < 0 ? '-' : '+'} ${Math.abs(ab)}\\lambda.`,
      ],
      res: `setting that to 0 gives \\lambda = <V>`,
      zh: [`$\\vec a+\\lambda\\vec b=(${cx1},${cx2})$，由垂直得 $${p}(${cx1})+${q}(${cx2})=0$，`],
      resZh: `$\\lambda=<V>$`,
    },
    wrongs: [
      {
        en: base,
        res: `${eq}, so \\lambda = <V>`,
        zh,
        resZh: `$\\lambda=<V>$`,
        v: F(-ab, aa),
        fix: `from ${eq} it's \\lambda = -\\frac{${aa}}{${ab}} — I flipped the fraction.`,
        fixZh: `由 $${eq}$ 应得 $\\lambda=-\\dfrac{${aa}}{${ab}}$，刚才分子分母写反了。`,
      },
      {
        en: base,
        res: `${eq}, so \\lambda = <V>`,
        zh,
        resZh: `$\\lambda=<V>$`,
        v: F(aa, ab),
        fix: `moving ${aa} to the other side gives -${aa}; I lost the minus sign.`,
        fixZh: `移项后应为 $-${aa}$，符号错了。`,
      },
    ],
    extras: [F(-aa, ab + 1 === 0 ? 2 : ab + 1), F(-ab, aa + 1), N(aa)],
    sub: `(${p}^2 + ${q}^2 = ${aa}, fine.)`,
    words: `perpendicular means the dot product is 0, and it is (\\vec a+\\lambda\\vec b) against \\vec a, not \\vec b: ${p}(${cx1}) + ${q}(${cx2}) = 0 is the equation I solved`,
    wordsZh: `垂直即数量积为 0，且是 $\\vec a+\\lambda\\vec b$ 与 $\\vec a$ 垂直，方程 $${p}(${cx1})+${q}(${cx2})=0$ 没有列错`,
  });
}

function genStat(r: Rng): Prob {
  const m = ri(r, 4, 20);
  let dv: number[] = [];
  do {
    dv = Array.from({ length: 4 }, () => ri(r, -4, 4));
    dv.push(-dv.reduce((s, x) => s + x, 0));
  } while (Math.abs(dv[4]) > 5 || dv.every((x) => x === 0));
  const xs = shuffle(r, dv).map((x) => m + x);
  const devs = xs.map((x) => x - m);
  const sqs = devs.map((x) => x * x);
  const ss = sqs.reduce((s, x) => s + x, 0);
  const sx2 = xs.reduce((s, x) => s + x * x, 0);
  const truth = D(ss / 5);
  const ss2 = ss + pick(r, [2, -2, 4]);
  const meanStep = `Mean: \\bar x = \\frac{${xs.join('+')}}{5} = \\frac{${5 * m}}{5} = ${m}.`;
  const devStep = `Deviations from ${m}: ${devs.join(', ')}.`;
  const zh = [`平均数 $\\bar x=\\dfrac{1}{5}(${xs.join('+')})=${m}$，`];
  const resZh = (den: number): string => `$s^2=\\dfrac{1}{${den}}[${xs.map((x) => `(${x}-${m})^2`).join('+')}]=<V>$`;
  return finishProb({
    topic: 'statistics',
    diff: 'easy',
    qZh: `一组数据 ${xs.join('，')} 的方差为<B>`,
    qEn: `The variance of the data ${xs.join(', ')} is <B>`,
    given: `the data ${xs.join(', ')}`,
    givenZh: `数据 ${xs.join('，')}`,
    asked: 's^2',
    truth,
    right: {
      en: [meanStep, devStep, `Squared: ${sqs.join(', ')}; sum = ${ss}.`],
      res: `s^2 = \\frac{${ss}}{5} = <V>`,
      zh,
      resZh: resZh(5),
      v: truth,
      fix: '',
      fixZh: '',
    },
    alt: {
      en: [
        `Check with s^2 = \\overline{x^2} - \\bar x^2: the squares of the data sum to ${sx2}.`,
        `\\overline{x^2} = \\frac{${sx2}}{5} = ${fmtNum(sx2 / 5)}, \\bar x^2 = ${m * m}.`,
      ],
      res: `s^2 = ${fmtNum(sx2 / 5)} - ${m * m} = <V>`,
      zh: [`或用 $s^2=\\overline{x^2}-\\bar x^2$，`],
      resZh: `$s^2=\\dfrac{${sx2}}{5}-${m}^2=<V>$`,
    },
    wrongs: [
      {
        en: [meanStep, devStep, `Squared: ${sqs.join(', ')}; sum = ${ss}.`],
        res: `s^2 = \\frac{${ss}}{4} = <V>`,
        zh,
        resZh: resZh(4),
        v: D(ss / 4),
        fix: `方差 here divides by n = 5, not n - 1 = 4.`,
        fixZh: `方差应除以 $n=5$，不是 $n-1=4$。`,
      },
      {
        en: [meanStep, devStep, `Squared: ${sqs.join(', ')}; sum = ${ss2}.`],
        res: `s^2 = \\frac{${ss2}}{5} = <V>`,
        zh,
        resZh: resZh(5),
        v: D(ss2 / 5),
        fix: `${sqs.join(' + ')} = ${ss}, not ${ss2} — I mis-added.`,
        fixZh: `平方和是 ${ss}，不是 ${ss2}，加错了。`,
      },
    ],
    extras: [D(ss / 5 + 1), D(ss / 10), D(ss / 5 + 0.4)],
    sub: `(Sum check: ${xs.join(' + ')} = ${5 * m}, ok.)`,
    words: `there are 5 numbers, the mean ${m} checks out (${xs.join(' + ')} = ${5 * m}), and the squared deviations add to ${ss}, divided by 5`,
    wordsZh: `共 5 个数，和为 ${5 * m}，平均数 ${m} 没错，离差平方和 ${ss}，除以 5`,
  });
}

const ZHE = [
  { zh: '八', dec: 0.8, kk: 80 },
  { zh: '九', dec: 0.9, kk: 90 },
  { zh: '七五', dec: 0.75, kk: 75 },
  { zh: '六', dec: 0.6, kk: 60 },
];
function genPrice(r: Rng): Prob {
  let c = 0;
  let pr = 0;
  let k = ZHE[0];
  do {
    c = pick(r, [40, 60, 80, 90, 100, 120, 150, 160, 200, 240, 300]);
    pr = pick(r, [10, 20, 25, 30, 50]);
    k = pick(r, ZHE);
  } while ((c * (100 + pr) * 100) % k.kk !== 0);
  const price = (c * (100 + pr)) / k.kk;
  const sell = (c * (100 + pr)) / 100;
  const profit = (c * pr) / 100;
  const truth = D(price);
  const sellStep = `Profit is ${pr}% of the cost, so the selling price is ${c}\\times(1+${pr}\\%) = ${c}\\times ${fmtNum(1 + pr / 100)} = ${fmtNum(sell)} 元.`;
  const zh = [`设标价为 $x$ 元，由题意 $${k.dec}x-${c}=${c}\\times ${pr}\\%$，`];
  const wr: Deriv[] = [
    {
      en: [sellStep],
      res: `the 标价 is <V> 元`,
      zh: [`售价为 $${c}\\times(1+${pr}\\%)$ 元，`],
      resZh: `$x=${c}\\times ${fmtNum(1 + pr / 100)}=<V>$`,
      v: D(sell),
      fix: `${fmtNum(sell)} is the price after the ${k.zh}折 discount — the 标价 is higher; I still have to divide by ${k.dec}.`,
      fixZh: `${fmtNum(sell)} 元是打折后的售价，标价还要除以 ${k.dec}。`,
    },
    {
      en: [sellStep, `打${k.zh}折: multiply by ${k.dec}.`],
      res: `标价 = ${fmtNum(sell)}\\times ${k.dec} = <V> 元`,
      zh: [`售价为 $${c}\\times(1+${pr}\\%)=${fmtNum(sell)}$ 元，`],
      resZh: `$x=${fmtNum(sell)}\\times ${k.dec}=<V>$`,
      v: D(sell * k.dec),
      fix: `the 标价 times ${k.dec} gives the selling price, so I should divide by ${k.dec}, not multiply.`,
      fixZh: `标价乘 ${k.dec} 才是售价，应当除以 ${k.dec}。`,
    },
  ];
  const y = c / (1 - pr / 100);
  if (Math.abs(Math.round(y * 100) - y * 100) < 1e-6 && Math.abs(Math.round((y / k.dec) * 100) - (y / k.dec) * 100) < 1e-6)
    wr.push({
      en: [
        `Profit ${pr}% of the selling price y: y - ${c} = ${pr}\\%\\cdot y, so y = \\frac{${c}}{${fmtNum(1 - pr / 100)}} = ${fmtNum(y)}.`,
      ],
      res: `标价 = ${fmtNum(y)}\\div ${k.dec} = <V> 元`,
      zh: [`设售价为 $y$，$y-${c}=${pr}\\%y$，$y=${fmtNum(y)}$，`],
      resZh: `$x=\\dfrac{${fmtNum(y)}}{${k.dec}}=<V>$`,
      v: D(y / k.dec),
      fix: `获利 ${pr}% is measured against the 进价 ${c}, not against the selling price.`,
      fixZh: `获利 ${pr}% 是相对进价而言的，不是相对售价。`,
    });
  return finishProb({
    topic: 'application',
    diff: 'easy',
    qZh: `某商品每件进价为 ${c} 元，若按标价的${k.zh}折出售，每件仍可获利 ${pr}%，则该商品每件的标价（单位：元）为<B>`,
    qEn: `An item costs ${c} yuan. Sold at ${Math.round(k.dec * 100)}% of its marked price, it still makes a ${pr}% profit. Its marked price (in yuan) is <B>`,
    given: `进价 ${c} 元, ${k.zh}折, profit ${pr}%`,
    givenZh: `进价 ${c} 元，${k.zh}折，获利 ${pr}%`,
    asked: 'the 标价',
    truth,
    right: {
      en: [sellStep, `${k.zh}折 means the selling price is ${k.dec} of the 标价.`],
      res: `标价 = ${fmtNum(sell)}\\div ${k.dec} = <V> 元`,
      zh,
      resZh: `$x=<V>$`,
      v: truth,
      fix: '',
      fixZh: '',
    },
    alt: {
      en: [`Let the 标价 be x. Then ${k.dec}x - ${c} = ${c}\\times ${pr}\\% = ${fmtNum(profit)}, so ${k.dec}x = ${fmtNum(sell)}.`],
      res: `x = <V>`,
      zh: [`设标价为 $x$，则 $${k.dec}x=${c}(1+${pr}\\%)=${fmtNum(sell)}$，`],
      resZh: `$x=<V>$`,
    },
    wrongs: wr,
    extras: [D(price + 10), D(price - 10), D(c / k.dec)],
    sub: `(${c}\\times ${fmtNum(1 + pr / 100)} = ${fmtNum(sell)}, right.)`,
    words: `进价 ${c}, profit ${pr}% of the 进价 = ${fmtNum(profit)} 元, so the selling price is ${fmtNum(sell)}, and ${k.zh}折 means that is ${k.dec} of the 标价`,
    wordsZh: `进价 ${c} 元，利润是进价的 ${pr}%，即 ${fmtNum(profit)} 元，售价 ${fmtNum(sell)} 元是标价的 ${k.dec}`,
  });
}

const TRI: [number, number, number, number][] = [
  [3, 5, 120, 7],
  [5, 3, 120, 7],
  [3, 8, 60, 7],
  [8, 3, 60, 7],
  [5, 8, 60, 7],
  [8, 5, 60, 7],
  [7, 8, 120, 13],
  [8, 15, 60, 13],
  [7, 15, 60, 13],
  [5, 21, 60, 19],
  [16, 5, 120, 19],
  [6, 10, 120, 14],
  [6, 16, 60, 14],
  [10, 16, 60, 14],
];
function genTri(r: Rng): Prob {
  const [a, b, C, c] = pick(r, TRI);
  const rad = r() < 0.5;
  const Cd = rad ? (C === 120 ? '\\dfrac{2\\pi}{3}' : '\\dfrac{\\pi}{3}') : `${C}^\\circ`;
  const cosT = C === 120 ? '-\\frac{1}{2}' : '\\frac{1}{2}';
  const cosW = C === 120 ? '\\frac{1}{2}' : '-\\frac{1}{2}';
  const c2 = c * c;
  const opR = C === 120 ? '+' : '-';
  const opW = C === 120 ? '-' : '+';
  const c2w = C === 120 ? a * a + b * b - a * b : a * a + b * b + a * b;
  const sw = sqrtVal(c2w);
  const zhStep = (cs: string, val: number): string =>
    `由余弦定理得 $c^2=a^2+b^2-2ab\\cos C=${a * a}+${b * b}-2\\times ${a}\\times ${b}\\times\\left(${cs}\\right)=${val}$，`;
  const enSteps = [
    `Law of cosines: c^2 = a^2 + b^2 - 2ab\\cos C.`,
    `\\cos C = ${cosT}, so c^2 = ${a * a} + ${b * b} ${opR} ${a * b} = ${c2}.`,
  ];
  return finishProb({
    topic: 'triangle',
    diff: 'medium',
    qZh: `在 $\\triangle ABC$ 中，内角 $A,B,C$ 所对的边分别为 $a,b,c$，若 $a=${a}$，$b=${b}$，$C=${Cd}$，则 $c=$<B>`,
    qEn: `In $\\triangle ABC$ the sides opposite $A,B,C$ are $a,b,c$. If $a=${a}$, $b=${b}$ and $C=${Cd}$, then $c=$ <B>`,
    given: `a = ${a}, b = ${b}, C = ${Cd.replace('\\dfrac', '\\frac')}`,
    givenZh: `$a=${a}$，$b=${b}$，$C=${Cd}$`,
    asked: 'c',
    truth: N(c),
    right: { en: enSteps, res: `c = \\sqrt{${c2}} = <V>`, zh: [zhStep(cosT, c2)], resZh: `$c=<V>$`, v: N(c), fix: '', fixZh: '' },
    alt: {
      en: [
        `Plug back: \\cos C = \\frac{a^2+b^2-c^2}{2ab} = \\frac{${a * a}+${b * b}-${c2}}{${2 * a * b}} = \\frac{${a * a + b * b - c2}}{${2 * a * b}} = ${cosT}, which is \\cos C indeed.`,
      ],
      res: `so c = <V>`,
      zh: [`$\\cos C=\\dfrac{${a * a}+${b * b}-${c2}}{${2 * a * b}}=${cosT}$，符合，`],
      resZh: `$c=<V>$`,
    },
    wrongs: [
      {
        en: [`c^2 = a^2 + b^2 - 2ab\\cos C.`, `\\cos C = ${cosW}, so c^2 = ${a * a} + ${b * b} ${opW} ${a * b} = ${c2w}.`],
        res: sw.k === 's' && sw.s === `\\sqrt{${c2w}}` ? `c = <V>` : `c = \\sqrt{${c2w}} = <V>`,
        zh: [zhStep(cosW, c2w)],
        resZh: `$c=<V>$`,
        v: sw,
        fix: `\\cos ${C}^\\circ = ${cosT}, I had the sign wrong.`,
        fixZh: `$\\cos ${C}^\\circ=${cosT}$，符号弄反了。`,
      },
      {
        en: enSteps,
        res: `c = <V>`,
        zh: [zhStep(cosT, c2)],
        resZh: `$c=<V>$`,
        v: N(c2),
        fix: `${c2} is c^2 — c itself is \\sqrt{${c2}}.`,
        fixZh: `${c2} 是 $c^2$，还要开方。`,
      },
    ],
    extras: [N(c + 1), N(c - 1), S(`\\sqrt{${c2 + a * b}}`)],
    sub: `(${a}^2 = ${a * a}, ${b}^2 = ${b * b}, fine.)`,
    words: `C is the angle between sides a and b, so c is opposite C and c^2 = a^2 + b^2 - 2ab\\cos C with \\cos C = ${cosT}; ${c}^2 = ${c2} fits`,
    wordsZh: `角 $C$ 是边 $a,b$ 的夹角，$c$ 是 $C$ 的对边，$\\cos C=${cosT}$，$c^2=${c2}$`,
  });
}

interface FOpt {
  t: string;
  why: string;
  zh: string;
  pick?: string;
  pickZh?: string;
  fix?: string;
  fixZh?: string;
  chk?: string;
  chkZh?: string;
}
const GOOD: FOpt[] = [
  {
    t: 'y=x^3',
    why: "(-x)^3 = -x^3 so it's odd, and y' = 3x^2 \\ge 0, increasing on \\mathbb{R}",
    zh: '$(-x)^3=-x^3$，是奇函数，且在 $\\mathbb{R}$ 上单调递增',
    chk: 'f(-2) = -8 = -f(2), and x_1 < x_2 gives x_1^3 < x_2^3',
    chkZh: '$f(-2)=-8=-f(2)$，且 $x_1<x_2$ 时 $x_1^3<x_2^3$',
  },
  {
    t: 'y=x|x|',
    why: 'f(-x) = -x|x| = -f(x), odd; it is x^2 on [0,+\\infty) and -x^2 on (-\\infty,0), both increasing and joined at 0',
    zh: '满足 $f(-x)=-f(x)$，是奇函数，分段看在 $\\mathbb{R}$ 上单调递增',
    chk: 'f(-3) = -9 = -f(3), and both pieces x^2 (x \\ge 0) and -x^2 (x < 0) go up, meeting at 0',
    chkZh: '$f(-3)=-9=-f(3)$，两段 $x^2$（$x\\ge 0$）与 $-x^2$（$x<0$）都递增且在 0 处衔接',
  },
  {
    t: 'y=2^x-2^{-x}',
    why: 'f(-x) = 2^{-x}-2^x = -f(x), odd; 2^x increases and 2^{-x} decreases, so the difference increases',
    zh: '满足 $f(-x)=-f(x)$，是奇函数，且增函数减去减函数仍为增函数',
    chk: "f'(x) = (2^x+2^{-x})\\ln 2 > 0, and f(-1) = -\\frac{3}{2} = -f(1)",
    chkZh: "$f'(x)=(2^x+2^{-x})\\ln 2>0$，且 $f(-1)=-\\dfrac{3}{2}=-f(1)$",
  },
];
const BAD: FOpt[] = [
  { t: 'y=x^2', why: 'even, not odd', zh: '是偶函数' },
  { t: 'y=\\ln|x|', why: 'even, not odd', zh: '是偶函数' },
  {
    t: 'y=\\sin x',
    why: 'odd, but not monotonic on \\mathbb{R}',
    zh: '是奇函数，但在 $\\mathbb{R}$ 上不单调',
    pick: 'odd, and it goes up through the origin',
    pickZh: '是奇函数，且在原点附近递增',
    fix: '\\sin x is not increasing on all of \\mathbb{R}: \\sin\\frac{\\pi}{2} = 1 > \\sin\\pi = 0.',
    fixZh: '$\\sin x$ 在 $\\mathbb{R}$ 上并不单调，例如 $\\sin\\frac{\\pi}{2}=1>\\sin\\pi=0$。',
  },
  {
    t: 'y=\\tan x',
    why: 'odd, but only increasing on each interval (-\\frac{\\pi}{2}+k\\pi, \\frac{\\pi}{2}+k\\pi)',
    zh: '是奇函数，但只在每个区间 $\\left(-\\frac{\\pi}{2}+k\\pi,\\frac{\\pi}{2}+k\\pi\\right)$ 上递增',
    pick: "odd, and (\\tan x)' = \\sec^2 x > 0, so increasing",
    pickZh: "是奇函数，且 $(\\tan x)'=\\sec^2x>0$，单调递增",
    fix: '\\tan x is only increasing on each period interval, not on its whole domain: \\tan\\frac{\\pi}{4} = 1 but \\tan\\frac{3\\pi}{4} = -1.',
    fixZh: '$\\tan x$ 只在每个周期区间内递增，$\\tan\\frac{\\pi}{4}=1$，$\\tan\\frac{3\\pi}{4}=-1$。',
  },
  {
    t: 'y=-\\dfrac{1}{x}',
    why: 'odd, but increasing only on (-\\infty,0) and on (0,+\\infty) separately',
    zh: '是奇函数，但只在 $(-\\infty,0)$ 和 $(0,+\\infty)$ 上分别递增',
    pick: "odd, and y' = \\frac{1}{x^2} > 0, so increasing",
    pickZh: "是奇函数，且 $y'=\\dfrac{1}{x^2}>0$",
    fix: '-\\frac{1}{x} is not increasing on its whole domain: at x = -1 it is 1, at x = 1 it is -1.',
    fixZh: '$-\\dfrac{1}{x}$ 在整个定义域上不递增，$x=-1$ 时为 1，$x=1$ 时为 $-1$。',
  },
  {
    t: 'y=2^x',
    why: 'increasing, but 2^{-x} \\ne -2^x, not odd',
    zh: '是增函数，但不是奇函数',
    pick: 'increasing everywhere',
    pickZh: '在 $\\mathbb{R}$ 上单调递增',
    fix: '2^{-x} \\ne -2^x, so y = 2^x is not odd at all.',
    fixZh: '$2^{-x}\\ne -2^x$，$y=2^x$ 不是奇函数。',
  },
  {
    t: 'y=x+1',
    why: 'increasing, but f(0) = 1 \\ne 0, not odd',
    zh: '是增函数，但 $f(0)=1\\ne 0$，不是奇函数',
    pick: 'a line with positive slope, increasing',
    pickZh: '斜率为正，单调递增',
    fix: 'f(-x) = -x + 1 \\ne -(x+1), so y = x+1 is not odd.',
    fixZh: '$f(-x)=-x+1\\ne -(x+1)$，不是奇函数。',
  },
];
const LET = ['A', 'B', 'C', 'D'];
function genFunc(r: Rng): Prob {
  const good = pick(r, GOOD);
  let bads: FOpt[] = [];
  do bads = shuffle(r, BAD).slice(0, 3);
  while (!bads.some((o) => o.pick));
  const opts = shuffle(r, [good, ...bads]);
  const gi = opts.indexOf(good);
  const wrongs: Deriv[] = [];
  for (const [wi, o] of opts.entries()) {
    if (!o.pick) continue;
    const en: string[] = [];
    const zh: string[] = [];
    for (let i = 0; i < wi; i++) {
      const x = opts[i];
      en.push(i === gi ? `${LET[i]}. ${x.t}: hmm, not sure this one is odd, skip it.` : `${LET[i]}. ${x.t}: ${x.why}.`);
      zh.push(i === gi ? `${LET[i]} 项不确定，先跳过；` : `${LET[i]} 项 $${x.t}$ ${x.zh}；`);
    }
    en.push(`${LET[wi]}. ${o.t}: ${o.pick}.`);
    zh.push(`${LET[wi]} 项 $${o.t}$ ${o.pickZh}；`);
    wrongs.push({ en, res: `<V> should be the one`, zh, resZh: `$<V>$ 符合题意`, v: S(o.t), fix: o.fix ?? '', fixZh: o.fixZh ?? '' });
  }
  return finishProb({
    topic: 'function',
    diff: 'easy',
    qZh: `下列函数中，既是奇函数又在其定义域内单调递增的是<B>`,
    qEn: `Which of the following functions is both odd and increasing on its whole domain? <B>`,
    given: 'four functions',
    givenZh: '四个函数',
    asked: 'the one that is odd and increasing on its domain',
    truth: S(good.t),
    right: {
      en: opts.map((o, i) => `${LET[i]}. ${o.t}: ${o.why}.`),
      res: `only <V> is both odd and increasing`,
      zh: opts.map((o, i) => `${LET[i]} 项 $${o.t}$ ${o.zh}；`),
      resZh: `只有 $<V>$ 符合题意`,
      v: S(good.t),
      fix: '',
      fixZh: '',
    },
    alt: {
      en: [`Double-check ${good.t}: ${good.chk}.`],
      res: `<V> really is odd and increasing`,
      zh: [`验证：${good.chkZh}，`],
      resZh: `$<V>$ 确实符合`,
    },
    wrongs,
    extras: [],
    words: `奇函数 means f(-x) = -f(x) for every x, and 单调递增 has to hold on the whole domain, not piece by piece; ${good.t} passes both`,
    wordsZh: `奇函数要求 $f(-x)=-f(x)$，单调递增要在整个定义域上成立，$${good.t}$ 两条都满足`,
    fixed: opts.map((o) => S(o.t)),
  });
}

const GENS: [(r: Rng) => Prob, number][] = [
  [genArith, 3],
  [genGeo, 2],
  [genProb, 3],
  [genBinom, 2],
  [genCplx, 3],
  [genVec, 2],
  [genStat, 2],
  [genPrice, 2],
  [genTri, 2],
  [genFunc, 2],
];

// ---------------------------------------------------------------------------------------------
// Phrasing templates, split into two disjoint halves (dev / heldout).
// Placeholders: <G> given, <A> asked, <O> options, <R> result line, <V> value, <L> letter,
// <F> what was wrong, <W> re-read of the conditions.

interface Tpl {
  open: string[];
  peek: string[];
  hmm: string[];
  concl: string[];
  restate: string[];
  mcCommit: string[];
  mcRestate: string[];
  among: string[];
  draftCommit: string[];
  bare: string[];
  hollow: string[];
  hollowMC: string[];
  recall: string[];
  recallMC: string[];
  altIntro: string[];
  altConcl: string[];
  altMC: string[];
  words: string[];
  wordsMC: string[];
  wait: string[];
  redo: string[];
  second: string[];
  ownSlip: string[];
  draft: string[];
  draftMC: string[];
  fmt: string[];
  fmtMC: string[];
  endThink: string[];
  head: string[];
  conn: string[];
  sumFill: string[];
  sumMC: string[];
  tail: string[];
  tailMC: string[];
  zOpen: string[];
  zGiven: string[];
  zConcl: string[];
  zMC: string[];
  zWait: string[];
  zRedo: string[];
  zAlt: string[];
  zAltConcl: string[];
  zAltMC: string[];
  zWords: string[];
  zWordsMC: string[];
  zEnd: string[];
  zEndMC: string[];
  zSecond: string[];
  blankFill: string;
  blankMC: string;
  opt: (l: string, t: string, zh: boolean) => string;
  optSep: string;
}

const DEV: Tpl = {
  open: [
    "Okay, let's see. We have <G>, and we need <A>.",
    'Alright, so the problem gives <G>. 求 <A>.',
    '好，先看题目。已知 <G>，要求 <A>。',
    'Let me think about this. Given: <G>. Find <A>.',
    'OK so this is a standard 高考 question. <G>; we want <A>.',
    '嗯，这道题给了 <G>。Need <A>.',
    'First, what do we know? <G>. And the question asks for <A>.',
    'Let me read carefully: <G>. Target: <A>.',
  ],
  peek: ['The options are <O>. Let me compute instead of guessing.', 'Options: <O>. I will work it out first.'],
  hmm: [
    'Hmm, let me make sure of the formula first.',
    'Wait, careful with the signs here.',
    '等等，这一步要小心。',
    'Hmm, not done yet, keep going.',
  ],
  concl: ['So <R>.', 'Therefore <R>.', '所以 <R>。', 'That gives <R>.', 'Then <R>.'],
  restate: ['So the answer is <V>.', '答案是 <V>。', "That's the answer: <V>."],
  mcCommit: ['<R>, which is option <L>.', "So <R>. That's choice <L>.", '所以 <R>，对应选项 <L>。', 'Therefore <R>, so I pick <L>.'],
  mcRestate: ["So I'll go with <L>.", '答案选 <L>。'],
  among: ['<V> is one of the options.', 'And <V> is listed among the choices.'],
  draftCommit: ["So I'll write: 故选 <L>。", 'Final answer: \\boxed{<L>}'],
  bare: ['Yes, that seems right.', '嗯，没问题。', 'That makes sense.', 'OK.'],
  hollow: ['Wait, is that right? Yes. So the answer is <V>.', 'Could I have misread something? No. So <V>.'],
  hollowMC: ['Wait, is that right? Yes. So <L>.', 'Could it be another option? No. So <L>.'],
  recall: ["I've already checked that above, so <V> stands."],
  recallMC: ["I've already checked that above, so <L> stands."],
  altIntro: ['Let me verify with another method.', 'Let me double-check another way.', '再检查一下。', 'Let me cross-check.'],
  altConcl: ['<R>. Same answer.', '<R>，一致。', 'So <R> — consistent.'],
  altMC: ['<R>, so <L> again.', '<R>，还是 <L>。'],
  words: ['Wait, let me re-read the question: <W>. So <A> = <V>.', '再检查一下题意：<W>. So the answer is <V>.'],
  wordsMC: ["Wait, let me re-read the question: <W>. So it's <L>.", '再检查一下题意：<W>. So <L>.'],
  wait: ['Wait, <F>', '等等，<F>', 'Hmm, no — <F>', 'Let me check... no: <F>'],
  redo: ['Redo:', 'Let me redo it.'],
  second: ['Hmm, wait. Let me redo this more carefully.', '等等，再算一遍。'],
  ownSlip: ['So the first computation must have had a slip.'],
  draft: ["So I'll write: 答案为 <V>。", 'Final answer: \\boxed{<V>}'],
  draftMC: ['Final answer: \\boxed{<L>}', "So I'll write: 故选 <L>。"],
  fmt: ['I should put the answer in a box.', '按要求写成最简形式。'],
  fmtMC: ['只需写出选项。'],
  endThink: ['Now let me write the solution in Chinese.', 'OK, writing it up.'],
  head: ['**解答**', '【解析】', '解：', '**解析：**'],
  conn: ['所以 ', '故 '],
  sumFill: ['故答案为：$<V>$。', '所以所求为 $<V>$。', '因此答案为 $<V>$。'],
  sumMC: ['故选 <L>。', '答案为 <L>。', '故选：$<L>$。'],
  tail: ['**答案**：<V>', '答案：$<V>$'],
  tailMC: ['**答案**：<L>'],
  zOpen: ['解：', '**解**：'],
  zGiven: ['由题意，<G>。', '已知 <G>。'],
  zConcl: ['所以 <R>。', '得 <R>。'],
  zMC: ['所以 <R>，故选 <L>。', '得 <R>，选 <L>。'],
  zWait: ['等等，', '不对，'],
  zRedo: ['重新计算：'],
  zAlt: ['再检查一下：', '用另一种方法验证：'],
  zAltConcl: ['<R>，一致。'],
  zAltMC: ['<R>，仍选 <L>。'],
  zWords: ['再读一遍题：<W>，所以答案为 $<V>$。'],
  zWordsMC: ['再读一遍题：<W>，所以选 <L>。'],
  zEnd: ['故答案为 $<V>$。', '所以填 $<V>$。'],
  zEndMC: ['故选 <L>。'],
  zSecond: ['但上面一步可能有误，重算：'],
  blankFill: '______',
  blankMC: '（　　）',
  opt: (l, t, zh) => (zh ? `${l}．$${t}$` : `${l}. $${t}$`),
  optSep: '　　',
};

const HELD: Tpl = {
  open: [
    "So we're told <G>, and we want <A>.",
    "Let me start by writing down what's given: <G>. Goal: <A>.",
    '题目条件：<G>。所求：<A>。',
    'Hmm, okay. The data: <G>. We need to find <A>.',
    "Let's parse the question first — <G>; it asks for <A>.",
    'This is a typical 选择/填空 question. Known: <G>. Unknown: <A>.',
    'Fine. <G>, and the question is about <A>.',
    "先整理一下：<G>，求 <A>。Let's go.",
  ],
  peek: ['Looking at the choices — <O> — better to compute directly.', '选项分别是 <O>，先算再说。'],
  hmm: [
    'Wait — careful, this is not the final quantity yet.',
    'Hmm, let me slow down here.',
    '嗯，这里容易出错，慢一点。',
    'Hold on, let me double-check that step before moving on.',
  ],
  concl: ['Hence <R>.', '因此 <R>。', 'Which means <R>.', 'Putting it together, <R>.', '故 <R>。', 'Thus <R>.'],
  restate: ['所以答案应该是 <V>。', 'So the value asked for is <V>.', 'The answer would be <V>.'],
  mcCommit: [
    'Hence <R>, i.e. option <L>.',
    '因此 <R>，选 <L>。',
    "Thus <R>. Looking at the options, that's <L>.",
    'So <R> — the answer is <L>.',
  ],
  mcRestate: ['So the answer is <L>.', '应该选 <L>。'],
  among: ['<V> 在选项里。', 'Good, <V> appears among the choices.'],
  draftCommit: ['写成：答案为 <L>。', 'Let me write it up: 故选 <L>。'],
  bare: ['Looks fine.', '好，应该对了。', 'Seems reasonable.', 'Good.'],
  hollow: ['Hmm, is that correct? Yes, it is. So <V>.', '等等，对吗？对。所以是 <V>。'],
  hollowMC: ['Hmm, is that correct? Yes. <L> it is.', '等等，对吗？对，选 <L>。'],
  recall: ['We already verified this step, so the answer remains <V>.'],
  recallMC: ['We already verified this, so it stays <L>.'],
  altIntro: [
    'To be safe, let me redo it differently.',
    '验证一下，换个方法：',
    'Another approach to confirm:',
    'Let me check it a second way.',
  ],
  altConcl: ['<R>. Matches.', '<R>，和前面一样。', 'Again <R>. Good.'],
  altMC: ['<R>; option <L> confirmed.', '<R>，仍然选 <L>。'],
  words: ["Let me re-read the problem statement once more: <W>. So it's <V>.", 'Hmm, let me reread the conditions — <W>. Therefore <V>.'],
  wordsMC: ['Re-reading the question: <W>. So the choice is <L>.', 'Let me reread the conditions: <W>. Still <L>.'],
  wait: ['Hold on — <F>', '不对，<F>', 'Actually, <F>', 'Hmm, wait. <F>'],
  redo: ['重新算。', 'Recomputing:'],
  second: ['Actually, let me recompute from scratch to be sure.', "Hmm, I'm not fully sure. Redo:"],
  ownSlip: ['I think I messed up the first time.'],
  draft: ['Let me write it up: 故答案为 <V>。', 'So the final answer to put is \\boxed{<V>}.'],
  draftMC: ['写成：故选 <L>。', 'The write-up ends with 答案为 <L>.'],
  fmt: ['The answer should be in simplest form.', '填空题，直接写结果就行。'],
  fmtMC: ['Just need the letter.'],
  endThink: ['Time to write the 解答.', '下面写出完整解答。'],
  head: ['### 解答', '【分析与解答】', '**解：**', '【详解】'],
  conn: ['因此 ', '从而 '],
  sumFill: ['综上，答案为 $<V>$。', '故填 $<V>$。', '所求值为 $<V>$。'],
  sumMC: ['综上，选 <L>。', '所以正确选项为 <L>。', '故选 $\\boxed{<L>}$。'],
  tail: ['最终答案：<V>', '**Answer:** $<V>$'],
  tailMC: ['最终答案：<L>', '**Answer:** <L>'],
  zOpen: ['【解答】', '解析：'],
  zGiven: ['题中 <G>。', '根据条件，<G>。'],
  zConcl: ['故 <R>。', '从而 <R>。'],
  zMC: ['因此 <R>，选 <L>。', '故 <R>，答案为 <L>。'],
  zWait: ['再看一下，', '检查发现有误：'],
  zRedo: ['改正如下：'],
  zAlt: ['验证：', '换一种方法：'],
  zAltConcl: ['<R>，与上面相同。'],
  zAltMC: ['<R>，答案还是 <L>。'],
  zWords: ['回到题目条件：<W>，故所求为 $<V>$。'],
  zWordsMC: ['回到题目条件：<W>，故选 <L>。'],
  zEnd: ['综上所述，答案为 $<V>$。', '即所求为 $<V>$。'],
  zEndMC: ['综上，选 <L>。'],
  zSecond: ['稳妥起见，再算一次：'],
  blankFill: '________',
  blankMC: '(　　)',
  opt: (l, t, zh) => (zh ? `${l}、$${t}$` : `(${l}) $${t}$`),
  optSep: ' ',
};

// ---------------------------------------------------------------------------------------------
// Building a response

class Body {
  s = '';
  c: PhrasingCandidate[] = [];
  add(t: string): void {
    this.s += t;
  }
  /** Fill a template; the placeholder named `lab` is labelled as a candidate. */
  put(tpl: string, vars: Record<string, string>, lab?: string): void {
    for (const part of tpl.split(/(<[A-Z]>)/)) {
      const m = /^<([A-Z])>$/.exec(part);
      if (m && m[1] in vars) {
        if (m[1] === lab) this.c.push({ value: vars[lab], offset: this.s.length });
        this.s += vars[m[1]];
      } else this.s += part;
    }
  }
}

type Scen = 'R' | 'RE' | 'RW' | 'WR' | 'WRE' | 'WWR' | 'W' | 'WE' | 'RWg' | 'RWgR' | 'TR' | 'T0';
const SCEN: [Scen, number][] = [
  ['R', 33],
  ['RE', 11],
  ['RW', 6],
  ['WR', 13],
  ['WRE', 4],
  ['WWR', 3],
  ['W', 5],
  ['WE', 2],
  ['RWg', 3],
  ['RWgR', 3],
  ['TR', 4],
  ['T0', 3],
];

interface Ctx {
  r: Rng;
  T: Tpl;
  b: Body;
  p: Prob;
  mc: boolean;
  zh: boolean; // all-Chinese direct solution
  sty: Sty;
  letter: (v: Val) => string;
}

function sepS(x: Ctx): void {
  x.b.add(x.zh ? (x.r() < 0.6 ? '' : '\n') : x.r() < 0.55 ? ' ' : '\n');
}
function sepP(x: Ctx): void {
  x.b.add(x.zh ? '\n' : x.r() < 0.55 ? '\n\n' : '\n');
}
function tplR(tpl: string, res: string): string {
  return tpl.split('<R>').join(res);
}

function steps(x: Ctx, lines: string[], hmm: boolean): void {
  const ls = lines.slice();
  if (hmm && ls.length > 0) ls.splice(ri(x.r, Math.min(1, ls.length - 1), ls.length - 1), 0, pick(x.r, x.T.hmm));
  for (const [i, l] of ls.entries()) {
    if (i > 0) sepS(x);
    x.b.add(l);
  }
}

function conclude(x: Ctx, v: Val, res: string, kind: 'first' | 'alt'): void {
  const { r, T, b } = x;
  const V = show(v, x.sty);
  if (!x.mc) {
    const tpl = x.zh ? pick(r, kind === 'first' ? T.zConcl : T.zAltConcl) : pick(r, kind === 'first' ? T.concl : T.altConcl);
    b.put(tplR(tpl, res), { V }, 'V');
    if (kind === 'first' && !x.zh && r() < 0.2) {
      sepS(x);
      b.put(pick(r, T.restate), { V });
    }
    return;
  }
  const L = x.letter(v);
  if (kind === 'first' && !x.zh && r() < 0.12) {
    // the value first, then the letter only in a draft of the answer: the draft is the commitment
    b.put(tplR(pick(r, T.concl), res), { V });
    sepS(x);
    b.put(pick(r, T.among), { V });
    sepS(x);
    b.put(pick(r, T.draftCommit), { L }, 'L');
    return;
  }
  const tpl = x.zh ? pick(r, kind === 'first' ? T.zMC : T.zAltMC) : pick(r, kind === 'first' ? T.mcCommit : T.altMC);
  b.put(tplR(tpl, res), { V, L }, 'L');
  if (kind === 'first' && !x.zh && r() < 0.2) {
    sepS(x);
    b.put(pick(r, T.mcRestate), { L });
  }
}

function attempt(x: Ctx, d: Deriv, hmm: boolean, sub?: string): void {
  steps(x, x.zh ? d.zh : d.en, hmm);
  sepS(x);
  if (sub && !x.zh) {
    x.b.add(sub);
    sepS(x);
  }
  conclude(x, d.v, x.zh ? d.resZh : d.res, 'first');
}

function fixThen(x: Ctx, wrong: Deriv, next: Deriv): void {
  const { r, T, b } = x;
  sepP(x);
  if (x.zh) {
    b.add(pick(r, T.zWait) + wrong.fixZh);
    if (r() < 0.6) b.add(pick(r, T.zRedo));
  } else {
    b.put(pick(r, T.wait), { F: wrong.fix });
    if (r() < 0.4) {
      sepS(x);
      b.add(pick(r, T.redo));
    }
  }
  sepS(x);
  attempt(x, next, false);
}

function altCheck(x: Ctx): void {
  const { r, T, b, p } = x;
  sepP(x);
  b.add(pick(r, x.zh ? T.zAlt : T.altIntro));
  sepS(x);
  steps(x, x.zh ? p.alt.zh : p.alt.en, false);
  sepS(x);
  conclude(x, p.truth, x.zh ? p.alt.resZh : p.alt.res, 'alt');
}

function wordsCheck(x: Ctx): void {
  const { r, T, b, p } = x;
  sepP(x);
  const W = x.zh ? p.wordsZh : p.words;
  if (x.mc) b.put(pick(r, x.zh ? T.zWordsMC : T.wordsMC), { W, L: x.letter(p.truth) }, 'L');
  else b.put(pick(r, x.zh ? T.zWords : T.words), { W, A: p.asked, V: show(p.truth, x.sty) }, 'V');
}

function wrongEcho(x: Ctx, w: Deriv): void {
  const { r, T, b } = x;
  sepP(x);
  b.add(pick(r, x.zh ? T.zAlt : T.altIntro));
  sepS(x);
  steps(x, x.zh ? w.zh : w.en, false);
  sepS(x);
  conclude(x, w.v, x.zh ? w.resZh : w.res, 'alt');
}

function endDecor(x: Ctx, v: Val, checked: boolean, thinkBlock: boolean): void {
  const { r, T, b } = x;
  const V = show(v, x.sty);
  const L = x.mc ? x.letter(v) : '';
  if (x.zh) {
    if (r() < (x.mc ? 0.25 : 0.6)) {
      sepP(x);
      b.put(pick(r, x.mc ? T.zEndMC : T.zEnd), { V, L });
    }
    return;
  }
  const u = r();
  if (u < 0.3) {
    sepS(x);
    b.add(pick(r, T.bare));
  } else if (u < 0.45) {
    sepP(x);
    b.put(pick(r, x.mc ? T.hollowMC : T.hollow), { V, L });
  } else if (u < 0.55 && checked) {
    sepP(x);
    b.put(pick(r, x.mc ? T.recallMC : T.recall), { V, L });
  }
  if (r() < 0.15) {
    sepS(x);
    b.add(pick(r, x.mc ? T.fmtMC : T.fmt));
  }
  if (r() < 0.3) {
    sepP(x);
    b.put(pick(r, x.mc ? T.draftMC : T.draft), { V, L });
  }
  if (thinkBlock && r() < 0.35) {
    sepP(x);
    b.add(pick(r, T.endThink));
  }
}

function cutText(r: Rng, t: string): string {
  let k = Math.max(4, Math.floor(t.length * (0.3 + 0.5 * r())));
  // stop mid-sentence: never right after a sentence end or a space
  while (k > 4 && /[.。，,:：;；\s]/.test(t[k - 1])) k--;
  return t.slice(0, k);
}

function makeRecord(r: Rng, T: Tpl, id: string): PhrasingRecord {
  const p = weighted(r, GENS)(r);
  const mc = !!p.fixed || r() < 0.4;
  const mode: 'T' | 'N' | 'Z' = r() < 0.66 ? 'T' : r() < 0.5 ? 'N' : 'Z';
  const enQ = r() < 0.25;
  const sty: Sty = { thou: mode !== 'Z' && r() < 0.5, d: mode === 'Z' && r() < 0.4 };
  const sumSty: Sty = { thou: false, d: r() < 0.5 };
  const wrongs = shuffle(r, p.wrongs);
  let sc = weighted(r, SCEN);
  const trWrong = sc === 'TR' && wrongs.length > 0 && r() < 0.4;
  const need = (s: Scen): number =>
    s === 'WWR' ? 2 : ['WR', 'WRE', 'W', 'WE', 'RWg', 'RWgR'].includes(s) ? 1 : s === 'TR' && trWrong ? 1 : 0;
  if (need(sc) > wrongs.length) sc = wrongs.length >= 1 ? 'WR' : 'RE';
  const used = wrongs.slice(0, need(sc));

  // options
  let opts: Val[] = [];
  if (mc) {
    if (p.fixed) opts = p.fixed;
    else {
      const pool: Val[] = [
        p.truth,
        ...used.map((w) => w.v),
        ...wrongs.slice(used.length).map((w) => w.v),
        ...shuffle(r, p.extras).filter((v) => !(v.k === 's' && /\.\d{3,}/.test(v.s))),
      ];
      const seen = new Set<string>();
      const chosen: Val[] = [];
      for (const v of pool) {
        if (chosen.length === 4 || seen.has(key(v))) continue;
        seen.add(key(v));
        chosen.push(v);
      }
      for (let i = 1; chosen.length < 4; i++) if (!seen.has(key(N(100 + i)))) chosen.push(N(100 + i));
      opts = shuffle(r, chosen);
    }
  }
  const letter = (v: Val): string => LET[opts.findIndex((o) => key(o) === key(v))];
  const optText = opts.map((o, i) => T.opt(LET[i], show(o, TEX), !enQ)).join(T.optSep);
  const query =
    (enQ ? p.qEn : p.qZh).split('<B>').join(mc ? T.blankMC : enQ ? '____' : T.blankFill) +
    (mc ? (enQ ? ' ' : '') + optText : enQ ? '.' : '。');

  const b = new Body();
  const x: Ctx = { r, T, b, p, mc, zh: mode === 'Z', sty, letter };
  const headers: Record<string, string> = {
    query,
    answer: mc ? letter(p.truth) : show(p.truth, TEX),
    task: `gaokao-${mc ? 'mc' : 'fill'}-${p.topic}-${p.diff}`,
  };

  // opening
  if (mode === 'T') b.add('<think>\n');
  if (x.zh) {
    b.add(pick(r, T.zOpen));
    if (r() < 0.6) b.put(pick(r, T.zGiven), { G: p.givenZh });
    b.add('\n');
  } else {
    b.put(pick(r, T.open), { G: p.given, A: p.asked });
    if (mc && r() < 0.4) {
      sepS(x);
      b.put(pick(r, T.peek), { O: opts.map((o, i) => `${LET[i]}. ${show(o, TEX)}`).join(', ') });
    }
    sepP(x);
  }

  const R = p.right;
  const hm = !x.zh && r() < 0.35;
  const sub = r() < 0.35 ? p.sub : undefined;
  let last: Deriv = R;
  let checked = false;
  let truncated = false;
  switch (sc) {
    case 'R':
      attempt(x, R, hm, sub);
      break;
    case 'RE':
      attempt(x, R, hm, sub);
      altCheck(x);
      checked = true;
      break;
    case 'RW':
      attempt(x, R, hm, sub);
      wordsCheck(x);
      checked = true;
      break;
    case 'WR':
    case 'WRE':
      attempt(x, used[0], hm);
      if (!x.zh && r() < 0.2) {
        sepS(x);
        b.add(pick(r, T.bare));
      }
      fixThen(x, used[0], R);
      if (sc === 'WRE') {
        if (r() < 0.6) altCheck(x);
        else wordsCheck(x);
        checked = true;
      }
      break;
    case 'WWR':
      attempt(x, used[0], hm);
      fixThen(x, used[0], used[1]);
      fixThen(x, used[1], R);
      break;
    case 'W':
      attempt(x, used[0], hm);
      last = used[0];
      break;
    case 'WE':
      attempt(x, used[0], hm);
      wrongEcho(x, used[0]);
      last = used[0];
      checked = true;
      break;
    case 'RWg':
    case 'RWgR':
      attempt(x, R, hm, sub);
      sepP(x);
      b.add(pick(r, x.zh ? T.zSecond : T.second));
      sepS(x);
      attempt(x, used[0], false);
      if (sc === 'RWgR') fixThen(x, used[0], R);
      else {
        last = used[0];
        if (!x.zh && r() < 0.6) {
          sepS(x);
          b.add(pick(r, T.ownSlip));
        }
      }
      break;
    case 'TR': {
      if (trWrong) {
        attempt(x, used[0], hm);
        if (r() < 0.5) fixThen(x, used[0], R);
      } else attempt(x, R, hm, sub);
      sepP(x);
      const alt = (x.zh ? p.alt.zh : p.alt.en).join(x.zh ? '' : ' ');
      b.add(pick(r, x.zh ? T.zAlt : T.altIntro) + (x.zh ? '' : ' ') + cutText(r, alt));
      truncated = true;
      break;
    }
    case 'T0':
      b.add(cutText(r, (x.zh ? R.zh : R.en).join(x.zh ? '' : '\n')));
      truncated = true;
      break;
  }

  let final: string | null = null;
  if (truncated) {
    headers.truncated = 'true';
  } else {
    endDecor(x, last.v, checked, mode === 'T');
    if (mode === 'T') {
      b.add('\n</think>\n\n');
      b.add(pick(r, T.head) + '\n\n');
      b.add(last.zh.join(r() < 0.5 ? '\n' : ''));
      const Vs = show(last.v, sumSty);
      b.put(pick(r, T.conn) + last.resZh + '。', { V: Vs });
      b.add(r() < 0.5 ? '\n\n' : '\n');
      if (mc) {
        final = letter(last.v);
        b.put(pick(r, T.sumMC), { L: final });
      } else {
        final = Vs;
        b.put(pick(r, T.sumFill), { V: Vs });
      }
    } else {
      if (mode === 'N' && r() < 0.5) {
        b.add('\n\n');
        b.put(pick(r, mc ? T.tailMC : T.tail), { V: show(last.v, sty), L: mc ? letter(last.v) : '' });
      }
      final = b.c.length ? b.c[b.c.length - 1].value : null;
    }
  }
  return { id, headers, body: b.s, candidates: b.c, final };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const T = split === 'dev' ? DEV : HELD;
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const r = mulberry32((Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b) ^ (split === 'dev' ? 0x1234567 : 0x7654321)) >>> 0);
    out.push(makeRecord(r, T, `bilingual-exam-${split}-${seed}-${i}`));
  }
  return out;
}
