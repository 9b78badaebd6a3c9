// Held-out phrasing family "story-prose": chatty, conversational prose solving everyday word
// problems (shopping with discounts, change, travel time and distance, ages, cookies, recipes,
// savings, splitting a bill, buses), with gold candidate-answer labels per
// docs/annotation-guide.md.
//
// Labelling conventions used here (all unambiguous by construction):
// - A candidate is marked where the response first states the asked quantity as its result
//   (the result line of the final computation, or a concluding clause). Restatements right after
//   it ("So the answer is $72.", summaries, "**Answer:** $72") add no candidate.
// - Intermediate amounts (sub-totals, the discount, the current age, a leg's time) are never
//   candidates, even when phrased like conclusions ("So the subtotal is $86.").
// - Checks either (a) recompute the asked quantity by another route or redo the arithmetic and end
//   by stating the value: a new candidate (an echo when the value is the same), or (b) plug the
//   answer back into the story and end with "which matches" without stating the answer again:
//   no candidate. After a (b) check nothing restates the answer value.
// - Values being tried ("Would 3 buses do? That's only 120 seats") and numbers quoted from the
//   question are not candidates.
// - Thinking-block responses: candidates inside <think>...</think>; the summary after it gives
//   `final` and is not labelled.
import type { PhrasingRecord, PhrasingCandidate, PhrasingSplit } from '../families/types.js';

export const family = 'story-prose';

// ---------------------------------------------------------------- PRNG and helpers

type Rng = () => number;

function mulberry32(a: number): Rng {
  let s = a >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashStr(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number): boolean => r() < p;

const capFirst = (s: string): string => (s.length ? s[0].toUpperCase() + s.slice(1) : s);

const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

/** Small numbers sometimes in words. */
function nw(r: Rng, n: number): string {
  return n >= 0 && n <= 12 && chance(r, 0.5) ? WORDS[n] : String(n);
}

function commas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Money from integer cents: "$45", "$45.50", "$1,250.75". */
function money(cents: number): string {
  const neg = cents < 0;
  const c = Math.abs(Math.round(cents));
  const d = Math.floor(c / 100);
  const rest = c % 100;
  const s = '$' + commas(d) + (rest ? '.' + String(rest).padStart(2, '0') : '');
  return neg ? '-' + s : s;
}

function plainMoney(cents: number): string {
  const d = Math.floor(cents / 100);
  const rest = cents % 100;
  return String(d) + (rest ? '.' + String(rest).padStart(2, '0') : '');
}

/** Decimal without float noise: 5.75, 2.5, 3. */
function dec(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}

function hoursStr(h: number): string {
  return h === 1 ? '1 hour' : `${dec(h)} hours`;
}

// Markers around a candidate value while composing; stripped afterwards.
const M0 = '\u0001';
const M1 = '\u0002';
const mark = (s: string): string => M0 + s + M1;

function fill(t: string, vars: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (k in vars) return vars[k];
    const lower = k[0].toLowerCase() + k.slice(1);
    if (lower !== k && lower in vars) return capFirst(vars[lower]);
    throw new Error(`story-prose: no value for ${m} in "${t}"`);
  });
}

// ---------------------------------------------------------------- people

interface Person {
  name: string;
  she: string;
  her: string;
}

const PEOPLE: Person[] = [
  ...[
    'Sarah',
    'Maria',
    'Lena',
    'Priya',
    'Chloe',
    'Aisha',
    'Emma',
    'Rosa',
    'Hannah',
    'Mei',
    'Nadia',
    'Olivia',
    'Grace',
    'Fatima',
    'Julia',
  ].map((name) => ({ name, she: 'she', her: 'her' })),
  ...['Tom', 'Jake', 'Omar', 'Diego', 'Liam', 'Ravi', 'Ben', 'Marcus', 'Kenji', 'Noah', 'Felix', 'Sam', 'Carlos', 'Ethan', 'Yusuf'].map(
    (name) => ({ name, she: 'he', her: 'his' }),
  ),
];

// ---------------------------------------------------------------- problems

interface Step {
  what?: string; // singular noun phrase ("the subtotal")
  calc?: string; // prose computation ("three shirts at $12 each")
  v?: string; // result as written ("$36")
  raw?: string; // a verbatim sentence (values being tried)
}

interface Mistake {
  steps: Step[];
  last: string; // final computation on the wrong path
  value: number;
  fix: string; // what was wrong ("I forgot the 10% off")
  fixSteps: Step[];
  fixLast: string; // final computation after the fix (gives the right answer)
  reread: string; // a quote from the question that reveals the mistake
}

interface Problem {
  task: string;
  query: string;
  answer: number; // cents for money, else the plain number
  fmt: (x: number) => string; // as written in the body
  plain: (x: number) => string; // header value
  unit: string; // after the value in generic phrases ("" for money)
  recap: string; // restates the question's numbers
  steps: Step[];
  last: string;
  clauses: (v: string) => string[]; // independent clauses stating the asked quantity
  alt: { intro: string; steps: Step[]; last: string };
  plug: string; // a plug-back check that does not restate the answer at its end
  mistakes: Mistake[];
  hmm: string[]; // problem-specific doubts that are resolved mid-derivation
  slip: number | null; // a plausible arithmetic-slip value on a recheck (wrong), if any
}

function moneyProblem(p: Omit<Problem, 'fmt' | 'plain' | 'unit'>): Problem {
  return { ...p, fmt: money, plain: plainMoney, unit: '' };
}

const ITEMS1: [string, string, string][] = [
  ['shirt', 'shirts', 'shirt'],
  ['notebook', 'notebooks', 'notebook'],
  ['candle', 'candles', 'candle'],
  ['mug', 'mugs', 'mug'],
  ['paperback', 'paperbacks', 'book'],
  ['potted plant', 'potted plants', 'plant'],
  ['scarf', 'scarves', 'scarf'],
  ['towel', 'towels', 'towel'],
];
const ITEMS2: [string, string, string][] = [
  ['pair of jeans', 'pairs of jeans', 'jeans'],
  ['desk lamp', 'desk lamps', 'lamp'],
  ['backpack', 'backpacks', 'backpack'],
  ['pair of sneakers', 'pairs of sneakers', 'sneaker'],
  ['rain jacket', 'rain jackets', 'jacket'],
  ['throw pillow', 'throw pillows', 'pillow'],
];

function shopDiscount(r: Rng, P: Person): Problem {
  for (;;) {
    const [, i1p, i1l] = pick(r, ITEMS1);
    const [i2s, i2p, i2l] = pick(r, ITEMS2);
    const a = int(r, 2, 6);
    const b = int(r, 1, 3);
    const p1 = int(r, 6, 40) * 50;
    const p2 = int(r, 30, 120) * 50;
    const d = pick(r, [10, 15, 20, 25, 30]);
    const A = a * p1;
    const B = b * p2;
    const S = A + B;
    if ((S * d) % 100 !== 0) continue;
    const D = (S * d) / 100;
    const ans = S - D;
    const flat = S - d * 100;
    const two = b === 1 ? `one ${i2s}` : `${nw(r, b)} ${i2p}`;
    const query = `${P.name} buys ${a} ${i1p} at ${money(p1)} each and ${b === 1 ? `a ${i2s}` : `${b} ${i2p}`} for ${money(p2)}${b === 1 ? '' : ' each'}. The store has ${d}% off everything. How much does ${P.she} pay?`;
    const stA: Step = { what: `the ${i1l} cost`, calc: `${nw(r, a)} ${i1p} at ${money(p1)} each`, v: money(A) };
    const stB: Step = {
      what: `the ${i2l} cost`,
      calc: b === 1 ? `the ${i2s} at ${money(p2)}` : `${two} at ${money(p2)} each`,
      v: money(B),
    };
    const stS: Step = { what: 'the subtotal', calc: `${money(A)} plus ${money(B)}`, v: money(S) };
    const stD: Step = { what: 'the discount', calc: `${d}% of ${money(S)}`, v: money(D) };
    const mistakes: Mistake[] = [
      {
        steps: [stA, stB],
        last: `${money(A)} plus ${money(B)}`,
        value: S,
        fix: `I forgot the ${d}% off`,
        fixSteps: [stD],
        fixLast: `${money(S)} minus the ${money(D)} discount`,
        reread: `"${d}% off everything"`,
      },
    ];
    if (flat > 0 && flat !== ans)
      mistakes.push({
        steps: [stA, stB, stS],
        last: `${money(S)} minus $${d}`,
        value: flat,
        fix: `the sale is ${d} percent off, not ${d} dollars off`,
        fixSteps: [stD],
        fixLast: `${money(S)} minus ${money(D)}`,
        reread: `"${d}% off everything"`,
      });
    return moneyProblem({
      task: 'shop-discount',
      query,
      answer: ans,
      recap: `${P.name} is getting ${nw(r, a)} ${i1p} at ${money(p1)} and ${two} at ${money(p2)}, and there's ${d}% off the whole purchase.`,
      steps: [stA, stB, stS, stD],
      last: `${money(S)} minus the ${money(D)} discount`,
      clauses: (v) => [
        `${P.name} pays ${v}`,
        `${P.her} total comes to ${v}`,
        `the bill after the discount is ${v}`,
        `${P.she} ends up paying ${v}`,
        `the final price is ${v}`,
      ],
      alt: {
        intro: `With ${d}% off, ${P.she} is really paying ${100 - d}% of the price.`,
        steps: [stS],
        last: `${100 - d}% of ${money(S)}`,
      },
      plug: `${money(ans)} plus the ${money(D)} discount gets back to ${money(S)}, and ${money(D)} is ${d}% of ${money(S)}`,
      mistakes,
      hmm: [
        `Hmm, does the sale cover the ${i2l} too? It says everything, so yes.`,
        `Wait, is the discount taken before or after adding things up? Doesn't matter for a flat percentage, so I'll take it off the subtotal.`,
      ],
      slip: ans + pick(r, [100, -100, 1000, 10]),
    });
  }
}

function changeLeft(r: Rng, P: Person): Problem {
  for (;;) {
    const [, i1p, i1l] = pick(r, ITEMS1);
    const [i2s, , i2l] = pick(r, ITEMS2);
    const X = int(r, 3, 20) * 1000 + pick(r, [0, 0, 500]);
    const a = int(r, 2, 7);
    const p1 = int(r, 3, 40) * 25;
    const p2 = int(r, 8, 90) * 50;
    const A = a * p1;
    const spent = A + p2;
    const ans = X - spent;
    if (ans <= 100) continue;
    const wrong = X - p1 - p2;
    const query = `${P.name} has ${money(X)}. ${capFirst(P.she)} buys ${a} ${i1p} that cost ${money(p1)} each and a ${i2s} for ${money(p2)}. How much money does ${P.she} have left?`;
    const stA: Step = { what: `the ${i1l} total`, calc: `${nw(r, a)} ${i1p} at ${money(p1)}`, v: money(A) };
    const stSp: Step = { what: 'the amount spent', calc: `${money(A)} plus ${money(p2)} for the ${i2l}`, v: money(spent) };
    return moneyProblem({
      task: 'change-left',
      query,
      answer: ans,
      recap: `${P.name} starts with ${money(X)}, buys ${nw(r, a)} ${i1p} at ${money(p1)} apiece, and also gets a ${i2s} for ${money(p2)}.`,
      steps: [stA, stSp],
      last: `${money(X)} minus ${money(spent)}`,
      clauses: (v) => [
        `${P.name} has ${v} left`,
        `${P.she}'s left with ${v}`,
        `there's ${v} left over`,
        `${P.name} still has ${v}`,
        `${P.her} change comes to ${v}`,
      ],
      alt: {
        intro: `I'll take the purchases out one at a time.`,
        steps: [{ what: `what's left after the ${i1p}`, calc: `${money(X)} minus ${money(A)}`, v: money(X - A) }],
        last: `${money(X - A)} minus ${money(p2)}`,
      },
      plug: `${money(ans)} plus the ${money(spent)} ${P.she} spent gives back the ${money(X)} ${P.she} started with`,
      mistakes: [
        {
          steps: [],
          last: `${money(X)} minus ${money(p1)} minus ${money(p2)}`,
          value: wrong,
          fix: `${P.she} bought ${a} ${i1p}, not one, and I only counted one of them`,
          fixSteps: [stA, stSp],
          fixLast: `${money(X)} minus ${money(spent)}`,
          reread: `"${a} ${i1p} that cost ${money(p1)} each"`,
        },
      ],
      hmm: [`Hmm, the ${i2s} is just one item, so no multiplying there.`],
      slip: ans + pick(r, [100, -100, 10, -10]),
    });
  }
}

const SPEEDS = [40, 44, 48, 50, 52, 56, 60, 64, 70];

function travelTime(r: Rng, P: Person): Problem {
  for (;;) {
    const s1 = pick(r, SPEEDS);
    const s2 = pick(r, SPEEDS);
    if (s1 === s2) continue;
    const t1 = pick(r, [1, 1.5, 2, 2.5, 3, 4]);
    const t2 = pick(r, [1, 1.5, 2, 2.5, 3]);
    const d1 = s1 * t1;
    const d2 = s2 * t2;
    if (!Number.isInteger(d1) || !Number.isInteger(d2)) continue;
    const k = pick(r, [15, 30, 45, 30]);
    const drive = t1 + t2;
    const T = drive + k / 60;
    const m1 = t1 * 60;
    const m2 = t2 * 60;
    const query = `${P.name} drives ${d1} miles at ${s1} mph, stops for ${k} minutes for lunch, then drives another ${d2} miles at ${s2} mph. How many hours does the whole trip take?`;
    const st1: Step = { what: 'the first leg', calc: `${d1} miles at ${s1} mph`, v: hoursStr(t1) };
    const st2: Step = { what: 'the second leg', calc: `${d2} miles at ${s2} mph`, v: hoursStr(t2) };
    const stD: Step = { what: 'the driving time', calc: `${dec(t1)} plus ${dec(t2)} hours`, v: hoursStr(drive) };
    const stK: Step = { what: 'the lunch stop', calc: `${k} minutes out of 60`, v: `${dec(k / 60)} of an hour` };
    return {
      task: 'travel-time',
      query,
      answer: T,
      fmt: dec,
      plain: dec,
      unit: ' hours',
      recap: `${P.name} covers ${d1} miles at ${s1} mph, takes a ${k}-minute lunch break, and then does ${d2} more miles at ${s2} mph.`,
      steps: [st1, st2, stD, stK],
      last: `${hoursStr(drive)} of driving plus ${dec(k / 60)} of an hour for lunch`,
      clauses: (v) => [
        `the trip takes ${v} hours`,
        `the whole journey is ${v} hours`,
        `${P.name} is on the road for ${v} hours, lunch included`,
        `it takes ${v} hours door to door`,
      ],
      alt: {
        intro: `Let me do it all in minutes instead.`,
        steps: [
          { what: 'the first leg in minutes', calc: `${hoursStr(t1)} times 60`, v: `${m1} minutes` },
          { what: 'the second leg in minutes', calc: `${hoursStr(t2)} times 60`, v: `${m2} minutes` },
          { what: 'the total in minutes', calc: `${m1} + ${m2} + ${k}`, v: `${m1 + m2 + k} minutes` },
        ],
        last: `${m1 + m2 + k} minutes divided by 60`,
      },
      plug: `take away the ${k}-minute lunch and ${hoursStr(drive)} of driving remain, and ${hoursStr(t1)} at ${s1} mph is ${d1} miles while ${hoursStr(t2)} at ${s2} mph is ${d2} miles`,
      mistakes: [
        {
          steps: [st1, st2],
          last: `${dec(t1)} plus ${dec(t2)} hours`,
          value: drive,
          fix: `I left out the ${k}-minute lunch stop`,
          fixSteps: [stK],
          fixLast: `${hoursStr(drive)} plus ${dec(k / 60)} of an hour`,
          reread: `"stops for ${k} minutes for lunch"`,
        },
      ],
      hmm: [
        `Hmm, the speeds are different for the two legs, so I can't just add the miles and divide once.`,
        `Wait, the lunch stop is in minutes and the rest is in hours, so I'll have to convert.`,
      ],
      slip: T + pick(r, [0.5, -0.25, 1]),
    };
  }
}

const VEHICLES = ['train', 'bus', 'ferry', 'delivery van', 'tour boat'];

function tripDistance(r: Rng, P: Person): Problem {
  void P;
  for (;;) {
    const veh = pick(r, VEHICLES);
    const s1 = pick(r, [30, 36, 40, 45, 50, 55, 60, 64, 72, 80]);
    const s2 = pick(r, [24, 30, 35, 40, 48, 50, 66, 75, 90]);
    if (s2 >= s1) continue;
    const t1 = pick(r, [1, 2, 3, 1.5, 2.5, 4]);
    const t2 = pick(r, [1, 2, 1.5, 0.5, 3]);
    const a = s1 * t1;
    const b = s2 * t2;
    if (!Number.isInteger(a) || !Number.isInteger(b)) continue;
    const ans = a + b;
    const wrong = s1 * (t1 + t2);
    if (wrong === ans || !Number.isInteger(wrong)) continue;
    const st1: Step = { what: 'the first stretch', calc: `${s1} mph for ${hoursStr(t1)}`, v: `${a} miles` };
    const st2: Step = { what: 'the second stretch', calc: `${s2} mph for ${hoursStr(t2)}`, v: `${b} miles` };
    return {
      task: 'trip-distance',
      query: `A ${veh} travels at ${s1} miles per hour for ${hoursStr(t1)}, then slows to ${s2} miles per hour for ${hoursStr(t2)}. How many miles does it travel in total?`,
      answer: ans,
      fmt: commas,
      plain: String,
      unit: ' miles',
      recap: `The ${veh} goes ${s1} mph for ${hoursStr(t1)} and then ${s2} mph for ${hoursStr(t2)}.`,
      steps: [st1, st2],
      last: `${a} plus ${b} miles`,
      clauses: (v) => [
        `the ${veh} travels ${v} miles`,
        `the total distance is ${v} miles`,
        `it covers ${v} miles altogether`,
        `the ${veh} goes ${v} miles in all`,
      ],
      alt: {
        intro: `I'll add the stretches up the other way round, starting from the slow part.`,
        steps: [
          { what: 'the slow part', calc: `${hoursStr(t2)} at ${s2}`, v: `${b} miles` },
          { what: 'the fast part', calc: `${hoursStr(t1)} at ${s1}`, v: `${a} miles` },
        ],
        last: `${b} + ${a}`,
      },
      plug: `${a} of those miles at ${s1} mph take ${hoursStr(t1)} and the other ${b} at ${s2} mph take ${hoursStr(t2)}`,
      mistakes: [
        {
          steps: [{ what: 'the total time', calc: `${hoursStr(t1)} plus ${hoursStr(t2)}`, v: hoursStr(t1 + t2) }],
          last: `${s1} mph times ${hoursStr(t1 + t2)}`,
          value: wrong,
          fix: `the ${veh} slows down to ${s2} mph for the second part, so I can't use ${s1} mph for the whole time`,
          fixSteps: [st1, st2],
          fixLast: `${a} plus ${b} miles`,
          reread: `"then slows to ${s2} miles per hour"`,
        },
      ],
      hmm: [`Hmm, two different speeds, so I'll treat the two parts separately.`],
      slip: ans + pick(r, [10, -10, 5]),
    };
  }
}

function ages(r: Rng, P: Person): Problem {
  for (;;) {
    const b = int(r, 4, 15);
    const k = pick(r, [2, 2, 3]);
    const c = int(r, 2, 7);
    const y = int(r, 2, 10);
    const now = k * b + c;
    const ans = now + y;
    const m2 = k * (b + y) + c;
    if (m2 === ans || now === ans) continue;
    const kw = k === 2 ? 'twice' : 'three times';
    const sib = pick(r, ['brother', 'sister', 'cousin']);
    const stK: Step = { what: `${kw} the ${sib}'s age`, calc: `${k === 2 ? 'two' : 'three'} times ${b}`, v: `${k * b}` };
    const stN: Step = { what: `${P.name}'s age today`, calc: `${k * b} plus ${c}`, v: `${now}` };
    return {
      task: 'ages',
      query: `${P.name} is ${c} years older than ${kw} ${P.her} ${sib}'s age. ${capFirst(P.her)} ${sib} is ${b}. How old will ${P.name} be in ${y} years?`,
      answer: ans,
      fmt: String,
      plain: String,
      unit: ' years old',
      recap: `${P.name}'s ${sib} is ${nw(r, b)}, ${P.name} is ${nw(r, c)} years more than ${kw} that, and we want ${P.her} age ${nw(r, y)} years from now.`,
      steps: [stK, stN],
      last: `${now} plus ${y} years`,
      clauses: (v) => [
        `${P.name} will be ${v} in ${y} years`,
        `in ${y} years ${P.name} will be ${v} years old`,
        `${P.name} is going to be ${v}`,
        `${P.she}'ll be ${v} years old by then`,
      ],
      alt: {
        intro: `I can also add the two "extra" amounts first.`,
        steps: [{ what: 'the extra years', calc: `${c} plus ${y}`, v: `${c + y}` }],
        last: `${k * b} plus ${c + y}`,
      },
      plug: `${ans} minus ${y} gives ${P.her} age today, ${now}, and ${now} is ${c} more than ${k * b}, which is ${kw} ${b}`,
      mistakes: [
        {
          steps: [stK],
          last: `${k * b} plus ${c}`,
          value: now,
          fix: `the question asks about ${y} years from now, not about today`,
          fixSteps: [],
          fixLast: `${now} plus ${y}`,
          reread: `"How old will ${P.name} be in ${y} years?"`,
        },
        {
          steps: [{ what: `the ${sib}'s age then`, calc: `${b} plus ${y}`, v: `${b + y}` }],
          last: `${kw} ${b + y}, plus ${c}`,
          value: m2,
          fix: `the "${kw} plus ${c}" describes their ages today, so I should age ${P.name} by ${y} years instead of doubling the ${sib}'s future age`,
          fixSteps: [stK, stN],
          fixLast: `${now} plus ${y}`,
          reread: `"${P.name} is ${c} years older than ${kw} ${P.her} ${sib}'s age"`,
        },
      ],
      hmm: [
        `Hmm, "older than ${kw}" means I multiply first and then add.`,
        `Wait, is the ${sib}'s age given for today? Yes, it's in the present tense.`,
      ],
      slip: ans + pick(r, [1, -1, 10]),
    };
  }
}

const BAKES = ['cookies', 'muffins', 'brownies', 'cupcakes'];

function cookiesLeft(r: Rng, P: Person): Problem {
  for (;;) {
    const item = pick(r, BAKES);
    const b = pick(r, [12, 18, 24, 30, 36, 16, 20]);
    const k = int(r, 2, 5);
    const e = int(r, 2, 9);
    const g = int(r, 2, 6);
    const s = int(r, 3, 8);
    const total = b * k;
    const gone = e + g * s;
    const ans = total - gone;
    if (ans <= 3) continue;
    const w1 = total - e - g;
    const w2 = total - g * s;
    const stT: Step = { what: 'the total baked', calc: `${nw(r, k)} batches of ${b}`, v: `${total} ${item}` };
    const stB: Step = { what: 'the number given away', calc: `${nw(r, g)} bags with ${nw(r, s)} each`, v: `${g * s} ${item}` };
    const stG: Step = { what: 'the number gone', calc: `${e} eaten plus ${g * s} given away`, v: `${gone}` };
    return {
      task: 'cookies-left',
      query: `A recipe makes ${b} ${item}. ${P.name} bakes ${k} batches, ${P.her} family eats ${e} of them, and ${P.she} gives away ${g} bags with ${s} ${item} in each. How many ${item} are left?`,
      answer: ans,
      fmt: String,
      plain: String,
      unit: ` ${item}`,
      recap: `${P.name} makes ${nw(r, k)} batches of ${b}, ${nw(r, e)} get eaten, and ${nw(r, g)} bags of ${nw(r, s)} go to friends.`,
      steps: [stT, stB, stG],
      last: `${total} minus ${gone}`,
      clauses: (v) => [
        `${P.name} has ${v} ${item} left`,
        `there are ${v} ${item} left`,
        `${v} ${item} are still in the kitchen`,
        `${P.she} ends up with ${v} ${item}`,
      ],
      alt: {
        intro: `This time I'll take things away in the order they happen.`,
        steps: [{ what: 'what remains after snacking', calc: `${total} minus ${e}`, v: `${total - e}` }, stB],
        last: `${total - e} minus ${g * s}`,
      },
      plug: `${ans} left plus ${e} eaten plus ${g * s} in the bags adds up to ${total}, which is ${k} batches of ${b}`,
      mistakes: [
        {
          steps: [stT],
          last: `${total} minus ${e} minus ${g}`,
          value: w1,
          fix: `${g} is the number of bags, not ${item}, and each bag holds ${s}`,
          fixSteps: [stB, stG],
          fixLast: `${total} minus ${gone}`,
          reread: `"${g} bags with ${s} ${item} in each"`,
        },
        {
          steps: [stT, stB],
          last: `${total} minus ${g * s}`,
          value: w2,
          fix: `${P.her} family also ate ${e} of them`,
          fixSteps: [stG],
          fixLast: `${total} minus ${gone}`,
          reread: `"${P.her} family eats ${e} of them"`,
        },
      ],
      hmm: [`Hmm, the bags are counted in bags, so I need to turn them into ${item}.`],
      slip: ans + pick(r, [1, -1, 10, -2]),
    };
  }
}

const INGREDIENTS = ['eggs', 'carrots', 'potatoes', 'onions', 'tomatoes', 'lemons', 'apples'];

function recipeScale(r: Rng, P: Person): Problem {
  for (;;) {
    const ing = pick(r, INGREDIENTS);
    const s = pick(r, [2, 4, 6, 8, 3, 5]);
    const c = int(r, 2, 9);
    const t = int(r, s + 1, s * 4);
    if ((t * c) % s !== 0 || (t * 100) % s !== 0 || (c * 1000) % s !== 0) continue;
    const ans = (t * c) / s;
    const wrong = c + (t - s);
    if (wrong === ans) continue;
    const f = t / s;
    const per = c / s;
    const dish = pick(r, ['soup', 'stew', 'casserole', 'salad', 'cake']);
    return {
      task: 'recipe-scale',
      query: `A ${dish} recipe for ${s} people uses ${c} ${ing}. ${P.name} is cooking for ${t} people. How many ${ing} does ${P.she} need?`,
      answer: ans,
      fmt: String,
      plain: String,
      unit: ` ${ing}`,
      recap: `The ${dish} is written for ${nw(r, s)} people with ${nw(r, c)} ${ing}, and ${P.name} needs to feed ${t}.`,
      steps: [{ what: 'the scale factor', calc: `${t} divided by ${s}`, v: dec(f) }],
      last: `${c} ${ing} times ${dec(f)}`,
      clauses: (v) => [
        `${P.name} needs ${v} ${ing}`,
        `${P.she}'ll want ${v} ${ing}`,
        `the bigger batch takes ${v} ${ing}`,
        `${P.she} should buy ${v} ${ing}`,
      ],
      alt: {
        intro: `Another way is to work out how much one person needs.`,
        steps: [{ what: 'the amount per person', calc: `${c} ${ing} shared by ${s} people`, v: `${dec(per)} per person` }],
        last: `${dec(per)} times ${t}`,
      },
      plug: `${ans} ${ing} for ${t} people is the same ratio as ${c} for ${s}, since ${ans} over ${t} and ${c} over ${s} are both ${dec(per)}`,
      mistakes: [
        {
          steps: [{ what: 'the number of extra people', calc: `${t} minus ${s}`, v: `${t - s}` }],
          last: `${c} plus ${t - s}, one more for each extra person`,
          value: wrong,
          fix: `recipes scale by multiplying, not by adding one ${ing.replace(/(es|s)$/, '')} per extra person`,
          fixSteps: [{ what: 'the scale factor', calc: `${t} divided by ${s}`, v: dec(f) }],
          fixLast: `${c} times ${dec(f)}`,
          reread: `"for ${s} people uses ${c} ${ing}"`,
        },
      ],
      hmm: [`Hmm, this is a ratio thing, so it should scale proportionally.`],
      slip: ans + pick(r, [1, -1, 2]),
    };
  }
}

const GOALS = ['bike', 'laptop', 'guitar', 'phone', 'game console', 'camera', 'tablet'];

function savingsMonths(r: Rng, P: Person): Problem {
  for (;;) {
    const item = pick(r, GOALS);
    const a = int(r, 2, 40) * 500;
    const m = int(r, 5, 18) * 500;
    const n = int(r, 3, 14);
    const rem = int(r, 1, 9) * 500;
    if (rem * 2 >= m) continue; // the raw quotient rounds down to n-1
    const p = a + (n - 1) * m + rem;
    const need = p - a;
    const q = need / m;
    const qs = q.toFixed(2);
    return {
      task: 'savings-months',
      query: `${P.name} wants a ${item} that costs ${money(p)}. ${capFirst(P.she)} already has ${money(a)} and saves ${money(m)} every month. How many months until ${P.she} can afford it?`,
      answer: n,
      fmt: String,
      plain: String,
      unit: ' months',
      recap: `The ${item} is ${money(p)}, ${P.name} has ${money(a)} saved, and ${P.she} puts away ${money(m)} a month.`,
      steps: [
        { what: 'the amount still needed', calc: `${money(p)} minus ${money(a)}`, v: money(need) },
        { what: 'the raw month count', calc: `${money(need)} divided by ${money(m)}`, v: `about ${qs}` },
        { raw: `Would ${n - 1} months do? That only gets ${P.her} to ${money(a + (n - 1) * m)}, short of ${money(p)}.` },
      ],
      last: `rounding ${qs} up to a whole month`,
      clauses: (v) => [
        `${P.name} needs ${v} months`,
        `it takes ${v} months to afford the ${item}`,
        `${P.she} can buy the ${item} after ${v} months`,
        `${P.she}'ll have to save for ${v} months`,
      ],
      alt: {
        intro: `Let me just count it out month by month near the end.`,
        steps: [
          { what: `the savings after ${n - 1} months`, calc: `${money(a)} plus ${n - 1} times ${money(m)}`, v: money(a + (n - 1) * m) },
          { what: `the savings after ${n} months`, calc: `${money(a)} plus ${n} times ${money(m)}`, v: money(a + n * m) },
        ],
        last: `counting the months until ${P.she} gets past ${money(p)}`,
      },
      plug: `${n} months of ${money(m)} is ${money(n * m)}, plus the ${money(a)} makes ${money(a + n * m)}, enough for the ${money(p)} ${item}, while one month fewer falls short`,
      mistakes: [
        {
          steps: [
            { what: 'the amount still needed', calc: `${money(p)} minus ${money(a)}`, v: money(need) },
            { what: 'the raw month count', calc: `${money(need)} divided by ${money(m)}`, v: `about ${qs}` },
          ],
          last: `${qs} rounded to the nearest whole month`,
          value: n - 1,
          fix: `after ${n - 1} months ${P.she} only has ${money(a + (n - 1) * m)}, which is short of ${money(p)}, so I can't round down`,
          fixSteps: [],
          fixLast: `${n - 1} months plus one more`,
          reread: `"How many months until ${P.she} can afford it?"`,
        },
      ],
      hmm: [`Hmm, the division won't come out even, so I'll have to think about rounding.`],
      slip: null,
    };
  }
}

const GIFTS = ['a birthday present', 'concert tickets', 'a new pair of headphones', 'a weekend trip', 'a video game'];

function savingsTotal(r: Rng, P: Person): Problem {
  for (;;) {
    const k = int(r, 2, 8);
    const j = int(r, 2, 8);
    const s1 = int(r, 4, 20) * 500;
    const s2 = s1 + int(r, 1, 6) * 500;
    const g = int(r, 4, 60) * 250;
    const A = k * s1;
    const B = j * s2;
    if (g >= A) continue;
    const T = A + B;
    const ans = T - g;
    const w2 = (k + j) * s1 - g;
    const gift = pick(r, GIFTS);
    const stA: Step = { what: 'the first stretch', calc: `${nw(r, k)} months at ${money(s1)}`, v: money(A) };
    const stB: Step = { what: 'the second stretch', calc: `${nw(r, j)} months at ${money(s2)}`, v: money(B) };
    const stT: Step = { what: 'the total put away', calc: `${money(A)} plus ${money(B)}`, v: money(T) };
    return moneyProblem({
      task: 'savings-total',
      query: `${P.name} saves ${money(s1)} a month for ${k} months, then ${money(s2)} a month for the next ${j} months. Along the way ${P.she} spends ${money(g)} on ${gift}. How much has ${P.she} saved at the end?`,
      answer: ans,
      recap: `${P.name} puts away ${money(s1)} monthly for ${nw(r, k)} months, then ${money(s2)} monthly for ${nw(r, j)} more, and takes out ${money(g)} for ${gift}.`,
      steps: [stA, stB, stT],
      last: `${money(T)} minus the ${money(g)}`,
      clauses: (v) => [
        `${P.name} has ${v} saved`,
        `${P.she} ends up with ${v}`,
        `${P.her} savings come to ${v}`,
        `there's ${v} in ${P.her} savings`,
      ],
      alt: {
        intro: `I could also take the ${money(g)} out of the first stretch right away.`,
        steps: [stA, { what: 'the first stretch after spending', calc: `${money(A)} minus ${money(g)}`, v: money(A - g) }, stB],
        last: `${money(A - g)} plus ${money(B)}`,
      },
      plug: `${money(ans)} plus the ${money(g)} ${P.she} spent is ${money(T)}, and ${money(T)} splits into ${money(A)} and ${money(B)} from the two stretches`,
      mistakes: [
        {
          steps: [stA, stB],
          last: `${money(A)} plus ${money(B)}`,
          value: T,
          fix: `${P.she} spent ${money(g)} on ${gift}, and I never took that out`,
          fixSteps: [],
          fixLast: `${money(T)} minus ${money(g)}`,
          reread: `"spends ${money(g)} on ${gift}"`,
        },
        {
          steps: [
            { what: 'the number of months', calc: `${k} plus ${j}`, v: `${k + j} months` },
            { what: 'the total put away', calc: `${k + j} months at ${money(s1)}`, v: money((k + j) * s1) },
          ],
          last: `${money((k + j) * s1)} minus ${money(g)}`,
          value: w2,
          fix: `the monthly amount goes up to ${money(s2)} after the first ${k} months`,
          fixSteps: [stA, stB, stT],
          fixLast: `${money(T)} minus ${money(g)}`,
          reread: `"then ${money(s2)} a month for the next ${j} months"`,
        },
      ],
      hmm: [`Hmm, two different monthly amounts, so two separate chunks.`],
      slip: ans + pick(r, [500, -500, 1000]),
    });
  }
}

function billSplit(r: Rng, P: Person): Problem {
  for (;;) {
    const n = int(r, 3, 8);
    const t = pick(r, [15, 18, 20, 25]);
    const B = int(r, 400, 3000) * 10;
    if (B % n !== 0) continue;
    const share = B / n;
    if ((share * t) % 100 !== 0) continue;
    const tip = (B * t) / 100;
    const ans = share + (share * t) / 100;
    const tot = B + tip;
    const place = pick(r, ['dinner', 'brunch', 'pizza', 'sushi', 'a birthday lunch', 'tapas']);
    const friends = n - 1;
    return moneyProblem({
      task: 'bill-split',
      query: `${P.name} and ${friends} friends go out for ${place}. The bill is ${money(B)} and they leave a ${t}% tip, then split everything evenly. How much does each person pay?`,
      answer: ans,
      recap: `There are ${nw(r, n)} people in total (${P.name} plus ${nw(r, friends)} friends), the bill is ${money(B)}, and the tip is ${t}%.`,
      steps: [
        { what: 'the tip', calc: `${t}% of ${money(B)}`, v: money(tip) },
        { what: 'the total with tip', calc: `${money(B)} plus ${money(tip)}`, v: money(tot) },
      ],
      last: `${money(tot)} split ${nw(r, n)} ways`,
      clauses: (v) => [
        `each person pays ${v}`,
        `everyone chips in ${v}`,
        `each share comes to ${v}`,
        `it's ${v} a head`,
        `every one of them owes ${v}`,
      ],
      alt: {
        intro: `Or I can split the bill first and add the tip to each share.`,
        steps: [
          { what: "each person's part of the bill", calc: `${money(B)} divided by ${n}`, v: money(share) },
          { what: 'the tip on one share', calc: `${t}% of ${money(share)}`, v: money((share * t) / 100) },
        ],
        last: `${money(share)} plus ${money((share * t) / 100)}`,
      },
      plug: `${n} people paying ${money(ans)} each is ${money(tot)}, which is the ${money(B)} bill plus a ${money(tip)} tip`,
      mistakes: [
        {
          steps: [],
          last: `${money(B)} divided by ${n}`,
          value: share,
          fix: `I forgot to add the ${t}% tip before splitting`,
          fixSteps: [
            { what: 'the tip', calc: `${t}% of ${money(B)}`, v: money(tip) },
            { what: 'the total with tip', calc: `${money(B)} plus ${money(tip)}`, v: money(tot) },
          ],
          fixLast: `${money(tot)} divided by ${n}`,
          reread: `"they leave a ${t}% tip"`,
        },
      ],
      hmm: [
        `Wait, how many people is that? ${P.name} plus ${friends} friends, so ${n}.`,
        `Hmm, the tip goes on the whole bill, so I'll add it before splitting.`,
      ],
      slip: ans + pick(r, [100, -100, 10]),
    });
  }
}

function buses(r: Rng, P: Person): Problem {
  void P;
  for (;;) {
    const S = int(r, 60, 420);
    const T = int(r, 4, 18);
    const c = pick(r, [30, 40, 44, 48, 50, 52, 56]);
    const all = S + T;
    if (all % c === 0) continue;
    const ans = Math.ceil(all / c);
    const noT = Math.ceil(S / c);
    const down = Math.floor(all / c);
    if (down < 1) continue;
    const q = (all / c).toFixed(2);
    const trip = pick(r, ['the science museum', 'the zoo', 'a field trip to the coast', 'the aquarium', 'a hiking day']);
    const mistakes: Mistake[] = [
      {
        steps: [{ what: 'the raw bus count', calc: `${S + T} divided by ${c}`, v: `${q}` }],
        last: `${q} with the fraction dropped`,
        value: down,
        fix: `${down} buses only seat ${down * c}, so ${all - down * c} people would be left behind; a partly full bus still counts`,
        fixSteps: [],
        fixLast: `${down} buses plus one more`,
        reread: `"How many buses are needed?"`,
      },
    ];
    if (noT !== ans)
      mistakes.push({
        steps: [{ what: 'the raw bus count', calc: `${S} divided by ${c}`, v: (S / c).toFixed(2) }],
        last: `rounding ${(S / c).toFixed(2)} up`,
        value: noT,
        fix: `the ${T} teachers need seats too`,
        fixSteps: [
          { what: 'the headcount', calc: `${S} students plus ${T} teachers`, v: `${all} people` },
          { what: 'the raw bus count', calc: `${all} divided by ${c}`, v: q },
        ],
        fixLast: `rounding ${q} up`,
        reread: `"${S} students and ${T} teachers"`,
      });
    return {
      task: 'buses',
      query: `${S} students and ${T} teachers are going to ${trip}. Each bus holds ${c} people. How many buses are needed?`,
      answer: ans,
      fmt: String,
      plain: String,
      unit: ' buses',
      recap: `We have ${S} students plus ${T} teachers, and a bus seats ${c}.`,
      steps: [
        { what: 'the headcount', calc: `${S} students plus ${T} teachers`, v: `${all} people` },
        { what: 'the raw bus count', calc: `${all} divided by ${c}`, v: q },
        { raw: `Would ${down} buses be enough? That's only ${down * c} seats, so no.` },
      ],
      last: `rounding ${q} up`,
      clauses: (v) => [
        `the school needs ${v} buses`,
        `they have to book ${v} buses`,
        `${v} buses are needed`,
        `it takes ${v} buses to get everyone there`,
      ],
      alt: {
        intro: `Let me count seats instead of dividing.`,
        steps: [
          { what: `the seats on ${down} buses`, calc: `${down} times ${c}`, v: `${down * c} seats` },
          { what: `the seats on ${down + 1} buses`, calc: `${down + 1} times ${c}`, v: `${(down + 1) * c} seats` },
        ],
        last: `the smallest number of buses that fits all ${all}`,
      },
      plug: `${ans} buses give ${ans * c} seats, room for all ${all}, while ${ans - 1} would leave ${all - (ans - 1) * c} people standing in the parking lot`,
      mistakes,
      hmm: [
        `Hmm, the teachers ride the buses too, so they count.`,
        `Wait, a bus can't be partly booked, so the count has to be a whole number.`,
      ],
      slip: null,
    };
  }
}

const MAKERS: ((r: Rng, P: Person) => Problem)[] = [
  shopDiscount,
  changeLeft,
  travelTime,
  tripDistance,
  ages,
  cookiesLeft,
  recipeScale,
  savingsMonths,
  savingsTotal,
  billSplit,
  buses,
];

// ---------------------------------------------------------------- sentence templates

const OPENINGS = [
  "Okay, let's work through this. {recap}",
  "Alright! {recap} Let's figure it out.",
  'Sure, this is a nice everyday one. {recap}',
  "Let's see. {recap}",
  'Good question! {recap} Let me walk through it.',
  "So here's what we know: {recap}",
  'Let me break this down step by step. {recap}',
  'Happy to help with this one. {recap}',
  "Let's think about it in plain terms. {recap}",
  'First, let me restate the situation. {recap}',
  "This one's mostly about keeping track of the pieces. {recap}",
  "Alright, let's take it piece by piece. {recap}",
  "Okay! {recap} Nothing too tricky, but let's be careful.",
  'Let me make sure I understand the setup. {recap}',
  'Sounds like a fun one. {recap}',
  'Right, so the setup is this: {recap}',
  "Let's go through it slowly. {recap}",
  "Here's how I'd think about it. {recap}",
  'No problem. {recap}',
  "Let's start by laying out the facts. {recap}",
  'Okay, reading this carefully: {recap}',
  'Let me work this out like I would on the back of an envelope. {recap}',
  'Great, a real-life math problem. {recap}',
  "Let's tackle this. {recap}",
  "I'll walk through this one bit by bit. {recap}",
  'Okay, so let me get the details straight. {recap}',
  "Let's figure this out together.",
  'Alright, let me work through it.',
];

const STEPS = [
  'For {what}, {calc} is {v}.',
  '{Calc} comes to {v}.',
  '{Calc} gives {v} for {what}.',
  'Okay, {what}: {calc}, so {v}.',
  '{Calc}, which makes {v} for {what}.',
  "That's {v} for {what} ({calc}).",
  'If I do {calc}, I get {v}.',
  'Now {what}: {calc} is {v}.',
  'Working out {what}: {calc} = {v}.',
  '{Calc} means {v} for {what}.',
  '{Calc}, so {what} is {v}.',
  "Then there's {what}. {Calc} is {v}.",
  'Figuring out {what}, {calc} gives me {v}.',
  "{Calc}... that's {v}.",
  "Right, so {what} (that's {calc}) comes to {v}.",
  'Let me handle {what}: {calc} is {v}.',
  'And {what}? {Calc}, which is {v}.',
  'Doing {calc} gets us {v}.',
  'In other words, {what} is {v} ({calc}).',
  'Then {what}: {calc}, or {v}.',
  'The way I see it, {what} is {calc}, so {v}.',
  '{Calc}, and that means {what} is {v}.',
  'All in all, {what} comes to {v} ({calc}).',
  'Next up is {what}: {calc} makes {v}.',
  "{Calc} is {v}. That's {what} sorted.",
  'So far: {what} is {v}, from {calc}.',
  'We need {what}, which is {calc}: {v}.',
  'So {what} is {v}, since {calc} is {v}.',
];

const MID_HMM = [
  "Hmm, wait, let me re-read that part of the question. Okay, yes, that's what it says.",
  "Wait, let me make sure I'm not mixing up the numbers... no, that's fine.",
  'Hmm, let me slow down a bit here.',
  'Hold on, is that right? Yes, I double-checked the multiplication.',
  'Hmm. Okay, that part looks fine.',
  'Wait, I want to be careful with the order here. Okay, moving on.',
  'Let me just double-check that bit... yep.',
  "Hmm, that seems like a lot, but it's what the numbers say.",
  'Actually, let me keep the units straight as I go.',
  'Wait, did I read that right? Yes, I did.',
  'Hmm, okay. So far so good.',
  "Let me pause and make sure nothing's missing from the question. Nope, that's everything.",
  'Oh, and I should keep that number handy for later.',
  "Wait, one second. Okay, yes, that's the right amount.",
  'Hmm, let me think about what comes next.',
  "Alright, hold on, there's one more piece to this.",
  'Hmm, I almost skipped a step there. Okay.',
  "Wait, let me write that down so I don't lose track.",
  'Hmm, let me be careful not to round anything yet.',
  'Okay, wait, which number goes with which? Right, got it.',
  'Hmm, interesting.',
  'Let me double-check I copied the numbers correctly... yes.',
  'Wait, is there anything else to account for? Let me keep going and see.',
  "Hmm, good, that's easy enough.",
  'Hold on. Yes, that matches what the question gives.',
  'Hmm, alright, keep going.',
];

// {V}: the marked value with its unit; {C}: a marked clause; {c}: the same kind of clause, unmarked
// (it restates the value already marked earlier in the sentence).
const CONCLUSIONS = [
  '{Calc} is {V}, so {c}.',
  '{Calc} gives {V}. So {c}.',
  'So {C} ({calc}).',
  'Putting it all together, {calc} comes to {V}.',
  'That means {C}: {calc}.',
  'All in all, {calc} makes {V}.',
  'And {calc} is {V}, so {c}.',
  "{Calc} works out to {V}, and that's the answer.",
  'Doing {calc}, {C}.',
  'Finally, {calc}: {V}. So all in all, {c}.',
  'So, {calc}, which means {C}.',
  'Last step: {calc} is {V}. That means {c}.',
  'Then {calc} brings us to {V}, so {c}.',
  "Now {calc}, that's {V}. So {c}.",
  'Taking {calc}, we land on {V}.',
  '{Calc} = {V}, which means {c}.',
  'So the answer: {calc} is {V}.',
  'Combining everything, {calc} is {V}. In other words, {c}.',
  'When I do {calc}, I get {V}, so {c}.',
  "So {C}. (That's {calc}.)",
  'Which brings us to the end: {calc} makes {V}.',
  'And finally, {calc} gives {V}. So {c}.',
  'Long story short, {C}, from {calc}.',
  'That makes it {calc}, or {V}. So {c}.',
  'And there we go: {calc} equals {V}, meaning {c}.',
  'So {calc} is {V}, and that means {c}.',
  'With that, {calc} comes to {V}, so {c}.',
];

const RESTATEMENTS = [
  'So the answer is {V0}.',
  "That's {V0}.",
  'So {c}.',
  'In short, {c}.',
  '{V0} it is.',
  'So, {V0}.',
  'The answer: {V0}.',
  'Bottom line: {c}.',
  'So yes, {c}.',
  "That's our answer: {V0}.",
  'So, all in all, {c}.',
  'So the final figure is {V0}.',
  'Which is to say, {c}.',
  'So {V0} is the number.',
  'Final answer: {V0}.',
  'Answer: {V0}.',
  'To put it simply, {c}.',
  'In other words, {c}.',
  'So my answer is {V0}.',
  "That's it: {V0}.",
  'So there you go: {c}.',
  'Therefore, {c}.',
  'So, {c}!',
  'Short version: {V0}.',
  "So we're looking at {V0}.",
];

const CONFIRMATIONS = [
  "Yes, that's right.",
  'That makes sense.',
  'That seems reasonable.',
  'That sounds about right.',
  'Yep, that matches my gut feeling.',
  "Good, that's a sensible number.",
  'Okay, that feels right.',
  'Seems right to me.',
  'That looks right.',
  "Nice, that's a reasonable amount.",
  'Great.',
  'Perfect.',
  "I'm fairly confident in that.",
  "That lines up with what I'd expect.",
  'Looks good.',
  'Okay, good.',
  "That's a believable number for this kind of thing.",
  "Yes, I think that's it.",
  'Makes sense.',
  'That seems plausible.',
  "Alright, I'm happy with that.",
  'Good, nothing weird there.',
  'Sounds right.',
  'Yep.',
  "Okay, that's reasonable.",
];

const CHECK_INTROS = [
  'Let me double-check that another way.',
  'Just to be safe, let me redo it a different way.',
  'Alternatively, I can come at it from another angle.',
  'Let me verify by working it out differently.',
  'Quick double-check with a different route:',
  'Actually, let me recompute it to be sure.',
  'Let me sanity-check by doing the math another way.',
  'Another way to see it:',
  'To make sure, let me redo the whole thing differently.',
  'Let me double-check.',
  "I'll verify this by taking a different path.",
  'Let me check by computing it from scratch another way.',
  'Hmm, let me double-check with a second approach.',
  'Alternatively:',
  'One more way to get there, just to be sure.',
  'Let me confirm by going at it from the other direction.',
  "Let's verify it a different way.",
  'Okay, double-checking with another method.',
  'Just to be thorough, let me redo it.',
  'Let me re-derive it another way.',
  'A second way to think about it:',
  'I want to be sure, so let me run the numbers differently.',
  'Let me try it a different way and see if I get the same thing.',
  "Let's check this with a slightly different approach.",
  'Wait, let me make sure by doing it another way.',
];

const REDO_INTROS = [
  'Let me redo the numbers to be sure.',
  'Let me run through that once more.',
  "Just to be safe, I'll go through it again.",
  'Let me double-check the arithmetic.',
  'Hmm, let me recompute that carefully.',
  "I'll redo it from the top.",
  'Let me go over the math again.',
  'Quick recheck of the numbers.',
  "Wait, let me make sure I didn't slip up anywhere.",
  'Let me verify by redoing it.',
  'Going through it one more time:',
  'Let me recalculate, step by step.',
  'Okay, let me re-add everything.',
  'Let me double-check each piece.',
  'Actually, let me redo this slowly.',
  'Once more, carefully:',
  'Let me retrace my steps.',
  "I'll recheck the whole calculation.",
  'Just to be sure, redoing it:',
  'Let me confirm by working it through again.',
  'Hmm, let me recheck.',
  'Let me walk through the numbers again.',
  'One more pass through the math:',
  'Let me recompute to make sure.',
  'Double-checking the arithmetic:',
];

const ECHOES = [
  '{Calc} gives {V} again.',
  '{Calc} is {V}, same as before.',
  "That's {calc}, which is {V}. Same answer.",
  'And {calc} comes out to {V}, so it checks out.',
  'So again, {calc} is {V}.',
  '{Calc} = {V}. Matches!',
  'So {calc} is {V}, the same result. Good.',
  'That gives {V} once more ({calc}).',
  'Again {calc} works out to {V}, so {c}.',
  '{Calc} gives me {V}, which agrees.',
  'Sure enough, {calc} is {V}.',
  'And {calc} lands on {V} again.',
  'Yep: {calc} comes to {V}.',
  'So {calc} makes {V}, consistent with before.',
  'Same thing: {calc} is {V}.',
  'Result: {calc} is {V}, same as the first time.',
  'Doing {calc}, I again get {V}.',
  '{Calc} is {V}, which matches my first answer.',
  'So {calc} brings me to {V}, just like before.',
  'Once again, {calc} = {V}.',
  'Great, {calc} is {V}, matching.',
  'So this way too, {calc} gives {V}.',
  'And look, {calc} comes to {V}, same as before.',
  'Which works out the same: {calc} is {V}.',
  '{Calc}... {V}. Same answer as before.',
];

const FIX_TRANSITIONS = [
  'Hmm, wait, {fix}.',
  'Oh wait, {fix}!',
  'Hold on. {Fix}.',
  'Actually, hang on: {fix}.',
  "Hmm, that doesn't look right. {Fix}.",
  'Wait a second, {fix}.',
  'Oops, {fix}.',
  'Hmm, wait. Looking back at the question, {fix}.',
  'Wait, no. {Fix}.',
  "Hmm, actually, something's off: {fix}.",
  'Oh no, hold on, {fix}.',
  'Actually, wait, {fix}. Let me fix that.',
  'Hmm, let me double-check... no, {fix}.',
  'Wait, I made a mistake: {fix}.',
  'Hmm, hang on. {Fix}, so that answer is wrong.',
  'Actually, I need to redo this, because {fix}.',
  'Wait! {Fix}.',
  "Hmm, something's not right. {Fix}.",
  'Hold on, let me re-read... {fix}.',
  'Ah, wait, {fix}.',
  'Oops, scratch that. {Fix}.',
  "Hmm, no, that's not quite it: {fix}.",
  'Oh, I see my mistake: {fix}.',
  'Wait, wait. {Fix}.',
  'Actually, hmm, {fix}, so let me redo it.',
];

const REREAD_INTROS = [
  'Let me re-read the question to make sure I used everything.',
  'Let me check that against the question once more.',
  'Before I settle on that, let me look at the question again.',
  'Let me go back to the wording.',
  'Rereading the problem to be safe.',
  "Let me make sure I didn't skip anything in the question.",
  'Let me glance at the question again.',
  'Hmm, let me re-read the problem.',
  'Going back over the question.',
  'Let me compare with what the question actually says.',
  'One more look at the question.',
  'Let me reread the setup.',
  'Actually, let me re-read the problem statement.',
  'Checking the question text again.',
  'Let me look back at the wording carefully.',
  "I'll re-read the problem just in case.",
  'Let me scan the question one more time.',
  'Wait, let me re-read what it asks.',
  'Let me double-check the question itself.',
  'Reading it again, slowly.',
  'Let me see if I used every detail from the question.',
  'Let me revisit the question.',
  'Hmm, let me reread that.',
  'Let me check the wording again.',
  'Back to the question for a second.',
];

const REREAD_QUOTES = [
  'It says {quote}.',
  'The question says {quote}.',
  "There's this bit: {quote}.",
  'Right, {quote}.',
  'It clearly says {quote}.',
  'The key phrase is {quote}.',
  "Here's the line: {quote}.",
  'And there it is: {quote}.',
  'The wording is {quote}.',
  'It literally says {quote}.',
  'One part reads {quote}.',
  'I see {quote} in there.',
  'Notice {quote}.',
  'It mentions {quote}.',
  'Look at {quote}.',
  'The problem states {quote}.',
  'Specifically: {quote}.',
  "There's the phrase {quote}.",
  'It does say {quote}.',
  'The text has {quote}.',
  'And I see {quote}.',
  'Key detail: {quote}.',
  'Right there: {quote}.',
  'The important part is {quote}.',
  'It reads {quote}.',
];

const CORRECTED = [
  'So {calc} is actually {V}, which means {c}.',
  'Redoing it: {calc} is {V}. So {c}.',
  'That changes things: {calc} comes to {V}.',
  'With that fixed, {calc} gives {V}, so {c}.',
  'So the corrected answer: {calc} is {V}.',
  "Okay, so {calc}, that's {V}. So {c}, not what I said before.",
  'Now {calc} gives {V}.',
  'So really, {C} ({calc}).',
  'Fixing that, {calc} makes {V}.',
  'That means {calc}, which is {V}. So actually {c}.',
  'So the right number is {calc}: {V}.',
  "Then {calc} is {V}, and that's the real answer.",
  'Let me redo the end: {calc} = {V}. So {c}.',
  'Which gives {calc} = {V} instead.',
  'Right, so {calc} comes to {V}, and {c}.',
  'Correcting that, {C}: {calc}.',
  'So {calc} is {V}. Okay, so {c}.',
  'Okay: {calc} gives {V}, which means {c}.',
  'That makes {calc} equal to {V}. So {c}.',
  'So with everything in, {calc} is {V}.',
  'So properly, {calc} comes to {V}.',
  'Good catch on myself: {calc} is {V}, so {c}.',
  'So actually {calc} works out to {V}.',
  'Therefore {calc} is {V}, meaning {c}.',
  'So it should be {calc}, which is {V}.',
];

const SLIP_INTROS = [
  'Hmm, wait, let me redo that last step.',
  'Actually, let me recompute the last part.',
  'Hold on, let me redo the final subtraction.',
  'Wait, I want to recheck that last calculation.',
  'Hmm, let me look at that last step again.',
  'Actually, hang on, let me redo the end.',
  'Let me double-check the final step.',
  "Hmm, I'm not sure about that last bit.",
  'Wait, let me recompute the final number.',
  'Hmm, let me redo the last piece more carefully.',
  'Actually, let me check the final arithmetic.',
  'Hold on, that last step deserves a second look.',
  'Hmm, something about the last number bugs me.',
  'Wait, let me redo the end of that.',
  'Let me recheck the final calculation.',
  'Hmm, let me go over the last step once more.',
  'Actually, I think I rushed the last step.',
  'Wait a moment, let me redo the final part.',
  'Hmm, redoing the last line.',
  'Let me recompute the ending carefully.',
  'Hold on, let me recheck the last arithmetic.',
  'Hmm, the last step again.',
  'Actually, let me verify the final number.',
  'Wait, the last step looks off.',
  'Let me redo that final bit, slowly.',
];

const PLUG_INTROS = [
  "Let's verify:",
  'Quick check:',
  'Let me plug it back in:',
  'Sanity check:',
  'Let me make sure it fits the question:',
  'Checking backwards:',
  'To verify,',
  'Working backwards:',
  'Let me confirm:',
  'Plugging that back in:',
  'Double-checking against the question:',
  'Going the other direction:',
  "Let's see if it fits:",
  'Check:',
  'Let me test it against the story:',
  'One quick check:',
  'Reverse check:',
  'Let me run it backwards to be safe:',
  'Verifying:',
  'Let me just confirm it works:',
  'Quick reverse check:',
  'Does it hold up? Well,',
  'Let me sanity-check it backwards:',
  'To be sure, going backwards:',
  'Just checking:',
];

const PLUG_ENDINGS = [
  'which matches.',
  'so that checks out.',
  "and that's consistent with the question.",
  'which is exactly what the question says.',
  'so everything lines up.',
  'good.',
  'so it fits.',
  'which agrees with the setup.',
  'so that works.',
  'perfect, that matches.',
  'exactly right.',
  'so the numbers are consistent.',
  'all consistent.',
  "and that's what we started with.",
  'so no problems there.',
  'which is right.',
  "so it's consistent.",
  'great, it fits.',
  'so yes, it works.',
  'and everything adds up.',
  'so it holds.',
  'as it should.',
  'which lines up.',
  "so nothing's off.",
  'so the check passes.',
];

const CLOSERS = [
  "So I'm confident in that answer.",
  "Good, I'm happy with it.",
  'Done!',
  'Hope that helps!',
  "That's it.",
  'All good.',
  'Great, that settles it.',
  'Nice, everything is consistent.',
  "I'm confident now.",
  "So we're done.",
  'That wraps it up.',
  'Feels solid.',
  'Hope this helps!',
  'Nothing left to check.',
  "And that's the whole thing.",
  'Good to go.',
  "That's all there is to it.",
  'Glad that worked out cleanly.',
  'Okay, finished.',
  "So that's settled.",
  "That's everything.",
  "I think we're good.",
  'Happy with that.',
  "Good, that's solid.",
  'Let me know if you want me to walk through any step again!',
];

const SUMMARIES = [
  '**Answer:** {V0}',
  'So, final answer: {V0}.',
  'In short, {c}.',
  'Final answer: {V0}',
  '**{V0}**',
  'Summing up: {c}.',
  'To wrap up, {c}.',
  'The answer is {V0}.',
  'So the answer to the question is {V0}.',
  'All told, {c}.',
  '**Final answer:** {V0}.',
  'Answer: {c}.',
  'Bottom line: {V0}.',
  'So: {c}.',
  'Which means the answer is **{V0}**.',
  'Result: {V0}.',
  'In summary, {c}.',
  'To answer the question: {c}.',
  "That's the whole thing: {c}.",
  'So the final answer is {V0}.',
  'Overall, {c}.',
  'Conclusion: {c}.',
  '**So {c}.**',
  'Wrapping it up: {V0}.',
  'The short answer: {V0}.',
];

const SUMMARY_LEADS = [
  '',
  '',
  '',
  'Putting it together for you.\n\n',
  '**Working it out**\n\n',
  'So, to summarize my reasoning.\n\n',
  "Here's the short version.\n\n",
  "Here's the solution.\n\n",
  'Let me lay it out.\n\n',
  '**Solution**\n\n',
  "Here's how it works out.\n\n",
];

// ---------------------------------------------------------------- composing a response

type Scenario = 'R1' | 'RE' | 'REP' | 'RRE' | 'WC' | 'WRC' | 'WCE' | 'W1' | 'WE' | 'RS';

const SCENARIOS: [Scenario, number][] = [
  ['R1', 0.34],
  ['RE', 0.16],
  ['REP', 0.05],
  ['RRE', 0.03],
  ['WC', 0.13],
  ['WRC', 0.06],
  ['WCE', 0.05],
  ['W1', 0.07],
  ['WE', 0.04],
  ['RS', 0.04],
];

function drawScenario(r: Rng): Scenario {
  let x = r();
  for (const [s, w] of SCENARIOS) {
    if (x < w) return s;
    x -= w;
  }
  return 'R1';
}

class Composer {
  paras: string[][] = [[]];
  private used = new Map<readonly string[], Set<number>>();
  candidates: number[] = []; // values, in order
  constructor(
    private r: Rng,
    private p: Problem,
  ) {}

  /** Picks a template not used yet in this response (when possible). */
  t(list: readonly string[]): string {
    let u = this.used.get(list);
    if (!u) this.used.set(list, (u = new Set()));
    const free = list.map((_, i) => i).filter((i) => !u.has(i));
    const i = free.length ? pick(this.r, free) : Math.floor(this.r() * list.length);
    u.add(i);
    return list[i];
  }
  say(s: string): void {
    this.paras[this.paras.length - 1].push(s);
  }
  para(): void {
    if (this.paras[this.paras.length - 1].length) this.paras.push([]);
  }
  vars(x: number): Record<string, string> {
    const v = this.p.fmt(x);
    const cl = this.p.clauses('\u0000');
    const ci = Math.floor(this.r() * cl.length);
    const ci2 = (ci + 1 + Math.floor(this.r() * (cl.length - 1))) % cl.length;
    return {
      V: mark(v) + this.p.unit,
      V0: v + this.p.unit,
      C: cl[ci].replace('\u0000', mark(v)),
      c: cl[ci2].replace('\u0000', v),
    };
  }
  steps(steps: Step[], hmm: boolean): void {
    const at = hmm && steps.length ? int(this.r, 0, steps.length - 1) : -1;
    steps.forEach((s, i) => {
      if (s.raw) this.say(s.raw);
      else this.say(fill(this.t(STEPS), { what: s.what ?? '', calc: s.calc ?? '', v: s.v ?? '' }));
      if (i === at) this.say(chance(this.r, 0.4) && this.p.hmm.length ? pick(this.r, this.p.hmm) : this.t(MID_HMM));
    });
  }
  /** A sentence that states `x` as the result of `calc`: one candidate. */
  conclude(list: readonly string[], calc: string, x: number): void {
    const s = fill(this.t(list), { calc, ...this.vars(x) });
    const n = s.split(M0).length - 1;
    if (n !== 1) throw new Error(`story-prose: ${n} marks in "${s}"`);
    this.say(s);
    this.candidates.push(x);
  }
  restate(x: number, list = RESTATEMENTS): void {
    this.say(fill(this.t(list), this.vars(x)));
  }
}

function strip(text: string): { body: string; candidates: PhrasingCandidate[] } {
  let body = '';
  const candidates: PhrasingCandidate[] = [];
  let i = 0;
  while (i < text.length) {
    const a = text.indexOf(M0, i);
    if (a < 0) {
      body += text.slice(i);
      break;
    }
    const b = text.indexOf(M1, a);
    body += text.slice(i, a);
    const value = text.slice(a + 1, b);
    candidates.push({ value, offset: body.length });
    body += value;
    i = b + 1;
  }
  return { body, candidates };
}

function compose(r: Rng, p: Problem, sc: Scenario, thinking: boolean): { text: string; values: number[]; lastValue: number } {
  const k = new Composer(r, p);
  const m = pick(r, p.mistakes);
  const right = p.answer;
  const firstWrong = sc === 'WC' || sc === 'WRC' || sc === 'WCE' || sc === 'W1' || sc === 'WE';

  // Opening.
  k.say(fill(k.t(OPENINGS), { recap: p.recap }));
  if (chance(r, 0.5)) k.para();

  // First attempt.
  let last = right;
  if (firstWrong) {
    k.steps(m.steps, chance(r, 0.35));
    k.conclude(CONCLUSIONS, m.last, m.value);
    last = m.value;
  } else {
    k.steps(p.steps, chance(r, 0.35));
    k.conclude(CONCLUSIONS, p.last, right);
  }
  let canRestate = true; // nothing but restatements/confirmations since the last candidate
  if (chance(r, 0.3)) k.restate(last);
  if (chance(r, 0.3)) k.say(k.t(CONFIRMATIONS));

  const correction = (): void => {
    k.say(fill(k.t(FIX_TRANSITIONS), { fix: m.fix }));
    k.steps(m.fixSteps, false);
    k.conclude(CORRECTED, m.fixLast, right);
    last = right;
  };
  const echoAlt = (): void => {
    k.say(k.t(CHECK_INTROS));
    if (chance(r, 0.7)) k.say(p.alt.intro);
    k.steps(p.alt.steps, false);
    k.conclude(ECHOES, p.alt.last, last);
  };

  switch (sc) {
    case 'R1':
    case 'W1':
      break;
    case 'RE':
      k.para();
      echoAlt();
      break;
    case 'REP':
      k.para();
      echoAlt();
      k.para();
      k.say(`${k.t(PLUG_INTROS)} ${p.plug}, ${k.t(PLUG_ENDINGS)}`);
      canRestate = false;
      break;
    case 'RRE':
      k.para();
      echoAlt();
      k.para();
      k.say(k.t(REDO_INTROS));
      k.steps(
        p.steps.filter((s) => !s.raw),
        false,
      );
      k.conclude(ECHOES, p.last, right);
      break;
    case 'WC':
      k.para();
      correction();
      break;
    case 'WRC':
      k.para();
      k.say(k.t(REREAD_INTROS));
      k.say(fill(k.t(REREAD_QUOTES), { quote: m.reread }));
      correction();
      break;
    case 'WCE':
      k.para();
      correction();
      k.para();
      echoAlt();
      break;
    case 'WE':
      k.para();
      k.say(k.t(REDO_INTROS));
      k.steps(m.steps, false);
      k.conclude(ECHOES, m.last, m.value);
      break;
    case 'RS':
      k.para();
      k.say(k.t(SLIP_INTROS));
      k.conclude(CORRECTED, p.last, p.slip ?? right);
      last = p.slip ?? right;
      break;
  }

  // Tail: a plug-back check (only when the last value is right: it would not fit otherwise),
  // confirmations, restatements.
  if (sc !== 'REP' && last === right && chance(r, 0.3)) {
    k.para();
    k.say(`${k.t(PLUG_INTROS)} ${p.plug}, ${k.t(PLUG_ENDINGS)}`);
    canRestate = false;
  }
  if (chance(r, 0.25)) k.say(k.t(CONFIRMATIONS));
  if (!thinking) {
    if (canRestate && chance(r, 0.5)) {
      k.para();
      k.restate(last, SUMMARIES);
    } else if (!canRestate && chance(r, 0.5)) k.say(k.t(CLOSERS));
  }
  const text = k.paras
    .filter((ps) => ps.length)
    .map((ps) => ps.join(' '))
    .join('\n\n');
  if (thinking) {
    const v = k.vars(last);
    const summary = pick(r, SUMMARY_LEADS) + fill(pick(r, SUMMARIES), { ...v });
    return { text: `<think>\n${text}\n</think>\n\n${summary}`, values: k.candidates, lastValue: last };
  }
  return { text, values: k.candidates, lastValue: last };
}

// ---------------------------------------------------------------- the family

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  const r = mulberry32(hashStr(`${family}:${split}:${seed}`));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const P = pick(r, PEOPLE);
    const p = pick(r, MAKERS)(r, P);
    const truncated = chance(r, 0.04);
    const thinking = !truncated && chance(r, 0.09);
    let sc = truncated ? pick(r, ['R1', 'RE', 'WC'] as Scenario[]) : drawScenario(r);
    if (sc === 'RS' && p.slip === null) sc = 'W1';
    const { text, lastValue } = compose(r, p, sc, thinking);
    let { body, candidates } = strip(text);
    let final: string | null = p.fmt(lastValue);
    const headers: Record<string, string> = { query: p.query, answer: p.plain(p.answer), task: p.task };
    if (truncated) {
      // Cut mid-word: before the first candidate (no answer reached), or after the first one.
      const c0 = candidates[0];
      const beforeFirst = chance(r, 0.6);
      const lo = beforeFirst ? 30 : c0.offset + c0.value.length + 15;
      const hi = beforeFirst ? c0.offset : (candidates[1]?.offset ?? body.length - 5);
      const spots: number[] = [];
      for (let j = Math.max(lo, 1); j < hi; j++) if (/[a-z]/.test(body[j - 1]) && /[a-z]/.test(body[j])) spots.push(j);
      if (spots.length) {
        const cut = pick(r, spots);
        body = body.slice(0, cut);
        candidates = candidates.filter((c) => c.offset + c.value.length <= cut);
        final = null;
        headers.truncated = 'true';
      }
    }
    out.push({ id: `${family}-${split}-${seed}-${i + 1}`, headers, body, candidates, final });
  }
  return out;
}
