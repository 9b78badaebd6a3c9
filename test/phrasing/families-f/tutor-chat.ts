// Phrasing family "tutor-chat": a helpful chat assistant answering everyday quantitative questions
// (shopping totals, travel times, average speed, recipe scaling, unit and temperature conversion,
// bill splitting, compound interest, percent change, work rates). Markdown steps, friendly tone,
// no thinking block. Self-contained: no imports.
//
// Labels follow docs/annotation-guide.md: the first statement of a value as the answer to the
// question (usually the result line of the final computation) is the candidate; restatements right
// after it ("So you'll pay **$68.82**", "**Answer:** $68.82", recaps) merge; a second method or a
// re-check in words that recomputes and states the answer again is a new candidate (an echo);
// intermediate results, quoted numbers, tried values, ballpark checks and sub-step checks are not.

export const family = 'tutor-chat';

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

type Sp = 0 | 1; // 0: dev templates, 1: heldout templates
type Pair = [string, string];
type Pool = [string[], string[]];

// ---------------------------------------------------------------------------------------------
// PRNG and helpers

function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(private f: () => number) {}
  next(): number {
    return this.f();
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.f() * (b - a + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.f() * xs.length)];
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
}

function grp(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const pairs = (x: string): number[][] => x.split(' ').map((p) => p.split(',').map(Number));

/** Cents -> "1,234.50". */
function money(c: number): string {
  const neg = c < 0;
  const a = Math.abs(Math.round(c));
  return (neg ? '-' : '') + grp(String(Math.floor(a / 100))) + '.' + String(a % 100).padStart(2, '0');
}
const usd = (c: number): string => '$' + money(c);

/** Number with at most dp decimals, trailing zeros trimmed, thousands grouped. */
function num(x: number, dp = 2): string {
  let s = x.toFixed(dp);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  const neg = s.startsWith('-');
  const [i, f] = (neg ? s.slice(1) : s).split('.');
  return (neg ? '-' : '') + grp(i) + (f ? '.' + f : '');
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function frac(n: number, d: number): string {
  const g = gcd(n, d);
  return d / g === 1 ? String(n / g) : `${n / g}/${d / g}`;
}

/** Is n/d a terminating decimal with at most dp places? */
function terminates(n: number, d: number, dp: number): boolean {
  return (n * 10 ** dp) % d === 0;
}

/** Integer scaled by 10^dp -> decimal string, trimmed, grouped. */
function scaled(v: number, dp: number): string {
  const neg = v < 0;
  const s = String(Math.abs(v)).padStart(dp + 1, '0');
  const i = s.slice(0, s.length - dp);
  const f = s.slice(s.length - dp).replace(/0+$/, '');
  return (neg ? '-' : '') + grp(i) + (f ? '.' + f : '');
}

function clock(m: number): string {
  const h = Math.floor(m / 60) % 24;
  const mm = m % 60;
  return `${h % 12 || 12}:${String(mm).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

function dur(m: number): string {
  const h = Math.floor(m / 60);
  const mm = m % 60;
  if (!h) return `${mm} min`;
  return mm ? `${h} h ${mm} min` : `${h} h`;
}

// ---------------------------------------------------------------------------------------------
// Problems

interface Step {
  lab: Pair;
  txt: string; // for the last step: the text just before the value
  note?: Pair; // a mid-derivation "Wait/Hold on" remark placed before this step
  block?: boolean; // emitted as a raw block (tables)
}

interface Attempt {
  steps: Step[];
  value: string;
}

interface Prob {
  task: string;
  query: string;
  answer: string;
  pre: string;
  post: string;
  given: string[];
  right: Attempt;
  wrong: Attempt;
  alt: Attempt; // another method reaching the right value
  words: Pair; // a re-check in words that re-derives the answer, with {V}
  doubt: Pair; // a question raised and dismissed in one breath (no value)
  ball: Pair | null; // ballpark check that does not state the answer
  sub: Pair; // sub-step check that does not conclude with the answer
  fix: Pair; // what was wrong in the wrong attempt
  claim: Pair; // a (mistaken) reason to switch from the right method to the wrong one
  ask: Pair; // a clarifying question (answerless responses)
  say: Pool; // conclusion sentences with {V}
  extra?: string; // a restatement in another format right after the right value (merges)
  recap?: [Pair, string][]; // recap rows; the last one is the answer
}

function shopping(r: Rng, sp: Sp): Prob {
  const V = (d: string, h: string): string => (sp ? h : d);
  const ITEMS =
    't-shirts/t-shirt|books/book|throw pillows/throw pillow|phone cases/phone case|bags of coffee/bag of coffee|picture frames/picture frame|pairs of jeans/pair of jeans|desk lamps/desk lamp'
      .split('|')
      .map((x) => x.split('/'));
  const PRICES = [1299, 1499, 1850, 1999, 2000, 2275, 2450, 2499, 2999, 3450, 3500, 3999, 4500, 4999, 5999, 6000, 7999, 8950, 12000, 14999];
  const TAX = [500, 600, 650, 700, 725, 750, 800, 825, 875, 900, 1000];
  let n = 2,
    p = 2000,
    d = 10,
    tb = 500;
  for (let k = 0; k < 5000; k++) {
    const n1 = r.int(1, 5),
      p1 = r.pick(PRICES),
      d1 = r.pick([10, 15, 20, 25, 30, 40]),
      tb1 = r.pick(TAX);
    const S1 = n1 * p1;
    if ((S1 * d1) % 100 || d1 * 100 <= tb1) continue;
    if (((S1 - (S1 * d1) / 100) * tb1) % 10000) continue;
    [n, p, d, tb] = [n1, p1, d1, tb1];
    break;
  }
  const S = n * p,
    D = (S * d) / 100,
    A = S - D,
    T = (A * tb) / 10000,
    tot = A + T;
  const Tf = Math.round((S * tb) / 10000);
  const t = num(tb / 100),
    m1 = num((100 - d) / 100),
    m2 = num(1 + tb / 10000, 4),
    tr = num(tb / 10000, 4);
  const item = r.pick(ITEMS);
  const query =
    n === 1
      ? `I'm buying a ${item[1]} for ${usd(p)}. With a ${d}% off coupon and ${t}% sales tax on the discounted price, what's my total?`
      : r.pick([
          `I'm buying ${n} ${item[0]} at ${usd(p)} each. The store has a ${d}% off coupon, and sales tax is ${t}%. What will I pay in total?`,
          `${n} ${item[0]} at ${usd(p)} apiece, ${d}% off the whole order, then ${t}% tax. How much at the register?`,
        ]);
  const sub: Step[] = n > 1 ? [{ lab: ['Subtotal', 'Start with the subtotal'], txt: `${n} × ${usd(p)} = ${usd(S)}` }] : [];
  const right: Step[] = [
    ...sub,
    { lab: ['Apply the discount', 'Take off the coupon'], txt: `${d}% of ${usd(S)} = ${usd(D)}, so ${usd(S)} − ${usd(D)} = ${usd(A)}` },
    {
      lab: ['Add the sales tax', 'Work out the tax'],
      txt: `${t}% of ${usd(A)} = ${usd(T)}`,
      note: [
        `Wait — the tax is charged on the discounted price, not the sticker price, so the base here is ${usd(A)}.`,
        `Hold on: tax applies to what you actually pay after the coupon, so I'll use ${usd(A)}, not ${usd(S)}.`,
      ],
    },
    { lab: ['Total', 'Add it up'], txt: `${usd(A)} + ${usd(T)} = ` },
  ];
  const fullTax = r.chance(0.6);
  const wrong: Attempt = fullTax
    ? {
        steps: [
          ...sub,
          { lab: ['Discount', 'The coupon'], txt: `${d}% off ${usd(S)} = ${usd(D)}` },
          { lab: ['Sales tax', 'The tax'], txt: `${t}% of ${usd(S)} = ${usd(Tf)}` },
          { lab: ['Total', 'Put it together'], txt: `${usd(S)} − ${usd(D)} + ${usd(Tf)} = ` },
        ],
        value: money(S - D + Tf),
      }
    : {
        steps: [
          ...sub,
          { lab: ['Apply the discount', 'Take off the coupon'], txt: `${d}% of ${usd(S)} = ${usd(D)}, so ${usd(S)} − ${usd(D)} = ` },
        ],
        value: money(A),
      };
  return {
    task: 'shopping',
    query,
    answer: (tot / 100).toFixed(2),
    pre: '$',
    post: '',
    given: [`Price: ${usd(p)}${n > 1 ? ' each' : ''}`, ...(n > 1 ? [`Quantity: ${n}`] : []), `Coupon: ${d}% off`, `Sales tax: ${t}%`],
    right: { steps: right, value: money(tot) },
    wrong,
    alt: {
      steps: [
        {
          lab: ['Multipliers', 'Rates as multipliers'],
          txt: V(
            `${d}% off means × ${m1}; ${t}% tax means × ${m2}`,
            `keep ${num(100 - d)}% of the price (× ${m1}), then add ${t}% (× ${m2})`,
          ),
        },
        { lab: ['One line', 'All at once'], txt: `${usd(S)} × ${m1} × ${m2} = ` },
      ],
      value: money(tot),
    },
    words: [
      `Let me double-check the order of things: the ${d}% coupon comes off first, leaving ${usd(A)}, and the ${t}% tax is charged on that — ${usd(T)}, not the ${usd(Tf)} you'd get on the full ${usd(S)}. ${usd(A)} + ${usd(T)} gives **{V}** again.`,
      `Going back over it: coupon first (${usd(S)} → ${usd(A)}), then ${t}% of ${usd(A)} is ${usd(T)} in tax. Adding those, I land on **{V}** once more.`,
    ],
    doubt: [
      `Could the tax be charged on the pre-coupon price instead? Not with a store coupon, so no change there.`,
      `(Some people wonder whether tax comes before the coupon — for a store coupon it doesn't, so this stands.)`,
    ],
    ball: [
      `Quick sanity check: ${d}% off with ${t}% tax back on should still leave you under the original ${usd(S)} — and it does.`,
      `Rough check: a ${d}% discount outweighs ${t}% tax, so the total should come in below ${usd(S)}. ✓`,
    ],
    sub: [`(Check on the tax: ${usd(A)} × ${tr} = ${usd(T)} ✓)`, `Tax check: ${usd(T)} ÷ ${usd(A)} = ${tr}, exactly ${t}% ✓`],
    fix: fullTax
      ? [
          `I charged the ${t}% tax on the full ${usd(S)}, but the coupon comes off first, so the tax should be on ${usd(A)}.`,
          `The tax belongs on the discounted ${usd(A)}, not the original ${usd(S)}.`,
        ]
      : [`I forgot to add the ${t}% sales tax at the end.`, `That's only the discounted price — I left out the ${t}% tax.`],
    claim: fullTax
      ? [
          `I think sales tax is usually figured on the original price, before the coupon. Let me redo it that way.`,
          `Tax is normally calculated on the full sticker price, so let me redo the math on that basis.`,
        ]
      : [
          `Re-reading your message, the ${t}% might already be built into the shelf price, so I shouldn't add it again.`,
          `The shelf price likely already includes the tax, so adding it again would double count.`,
        ],
    ask:
      n > 1
        ? [
            `Quick question before I total it up: is the ${d}% coupon good for the whole order, or just one item?`,
            `Can you confirm whether the coupon covers all ${n} ${item[0]} or just one? That changes the total.`,
          ]
        : [
            `Before I give a final number: is the ${t}% tax already included in the ${usd(p)} price tag?`,
            `One thing to confirm first — does the ${usd(p)} tag already include tax?`,
          ],
    say: [
      [`So you'll pay **{V}** at checkout.`, `That makes your total **{V}**.`],
      [`You'll be paying **{V}** in all.`, `Your final bill: **{V}**.`],
    ],
    recap: [
      ...(n > 1 ? ([[['Subtotal', 'subtotal'], usd(S)]] as [Pair, string][]) : []),
      [['After coupon', 'after coupon'], usd(A)],
      [['Tax', 'plus tax'], usd(T)],
      [['Total', 'total'], usd(tot)],
    ],
  };
}

function arrival(r: Rng, sp: Sp): Prob {
  const V = (d: string, h: string): string => (sp ? h : d);
  const v = r.pick([40, 48, 60, 64, 72, 80]);
  const fhs = v % 5 === 0 ? [25, 50, 75, 20, 40, 60, 80] : [25, 50, 75];
  const fh = r.pick(fhs);
  const H = r.int(1, 5);
  const km = r.chance(0.3);
  const du = km ? 'km' : 'miles',
    su = km ? 'km/h' : 'mph';
  const D = (v * (H * 100 + fh)) / 100;
  const start = r.int(24, 59) * 15;
  const s = r.pick([0, 0, 15, 20, 30, 45]);
  const fm = (fh * 60) / 100;
  const drive = H * 60 + fm;
  const arr = start + drive + s;
  const hrs = num(H + fh / 100),
    fdec = num(fh / 100);
  const misread = s === 0 || r.chance(0.6);
  const convRight = V(
    `${fdec} hours × 60 = ${fm} minutes, so that's ${H} h ${fm} min`,
    `${fdec} h is ${fdec} × 60 = ${fm} min → ${H} h ${fm} min in total`,
  );
  const stopStep = (m: number): Step[] =>
    s ? [{ lab: ['Add the stop', 'Include the break'], txt: `${dur(m)} + ${s} min = ${dur(m + s)}` }] : [];
  const right: Step[] = [
    { lab: ['Driving time', 'Time on the road'], txt: `${D} ${du} ÷ ${v} ${su} = ${hrs} hours` },
    {
      lab: ['Convert to hours and minutes', 'Turn the decimal into minutes'],
      txt: convRight,
      note: [
        `Hmm, careful: ${fdec} hours is not ${fh} minutes — it's a fraction of an hour.`,
        `One trap here: the decimal part is a fraction of an hour, not a number of minutes.`,
      ],
    },
    ...stopStep(drive),
    { lab: ['Arrival time', 'When you get there'], txt: `${clock(start)} + ${dur(drive + s)} = ` },
  ];
  const wd = H * 60 + fh;
  const wrong: Attempt = misread
    ? {
        steps: [
          { lab: ['Driving time', 'Time on the road'], txt: `${D} ${du} ÷ ${v} ${su} = ${hrs} hours` },
          {
            lab: ['Hours and minutes', 'In hours and minutes'],
            txt: `${hrs} hours = ${H} h ${fh} min${fh >= 60 ? ` (= ${dur(wd)})` : ''}`,
          },
          ...stopStep(wd),
          { lab: ['Arrival time', 'When you get there'], txt: `${clock(start)} + ${dur(wd + s)} = ` },
        ],
        value: clock(start + wd + s),
      }
    : {
        steps: [
          { lab: ['Driving time', 'Time on the road'], txt: `${D} ${du} ÷ ${v} ${su} = ${hrs} hours = ${dur(drive)}` },
          { lab: ['Arrival time', 'When you get there'], txt: `${clock(start)} + ${dur(drive)} = ` },
        ],
        value: clock(start + drive),
      };
  return {
    task: 'travel-time',
    query: `If I leave at ${clock(start)} and drive ${D} ${du} at an average of ${v} ${su}${s ? `, with one ${s}-minute stop` : ' with no stops'}, what time will I arrive?`,
    answer: clock(arr),
    pre: '',
    post: '',
    given: [`Distance: ${D} ${du}`, `Speed: ${v} ${su}`, `Leaving at: ${clock(start)}`, s ? `Stop: ${s} minutes` : 'No stops'],
    right: { steps: right, value: clock(arr) },
    wrong,
    alt: {
      steps: [
        {
          lab: ['Everything in minutes', 'Count in minutes'],
          txt: V(
            `${hrs} h × 60 = ${drive} min${s ? ` + ${s} min stop = ${drive + s} min` : ''}`,
            `${drive} min of driving (${hrs} × 60)${s ? ` plus the ${s}-minute break makes ${drive + s} min` : ''}`,
          ),
        },
        { lab: ['Count forward', 'Add to the start'], txt: `${clock(start)} + ${drive + s} min = ` },
      ],
      value: clock(arr),
    },
    words: [
      `Let me re-check the time math: ${hrs} hours is ${H} hours and ${fm} minutes (since ${fdec} × 60 = ${fm})${s ? `, plus the ${s}-minute stop` : ''}, counted forward from ${clock(start)} — that puts you there at **{V}**.`,
      (drive + s) % 60
        ? `Walking through it once more: from ${clock(start)}, add ${Math.floor((drive + s) / 60)} h → ${clock(start + Math.floor((drive + s) / 60) * 60)}, then the remaining ${(drive + s) % 60} min → **{V}**.`
        : `Walking through it once more: from ${clock(start)}, add ${(drive + s) / 60} h → **{V}**.`,
    ],
    doubt: [
      `Should traffic be factored in? You gave an average speed, so I'll leave it at that.`,
      `(I'm assuming a steady ${v} ${su} average the whole way.)`,
    ],
    ball: [
      `Quick sanity check: ${D} ${du} at ${v} ${su} is a bit over ${H} hour${H > 1 ? 's' : ''} of driving, so arriving a little more than ${H} hour${H > 1 ? 's' : ''} after ${clock(start)} makes sense.`,
      `Rough check: ${H}+ hours on the road from a ${clock(start)} start — the arrival time fits.`,
    ],
    sub: [`(Check: ${v} × ${hrs} = ${D} ✓)`, `Distance check: ${hrs} h at ${v} ${su} covers ${D} ${du} ✓`],
    fix: misread
      ? [
          `I treated ${fdec} hours as ${fh} minutes, but ${fdec} of an hour is ${fm} minutes.`,
          `${hrs} hours is not ${H} h ${fh} min — the decimal is a fraction of an hour, so it's ${fm} minutes.`,
        ]
      : [`I left out your ${s}-minute stop.`, `I never added the ${s}-minute break.`],
    claim: misread
      ? [
          `The ${hrs} from the division reads as ${H} hours ${fh} minutes, so let me redo the arrival time with that.`,
          `I think the ${fdec} part means ${fh} minutes, so the drive is ${H} h ${fh} min. Redoing it:`,
        ]
      : [
          `The ${s}-minute stop is probably already part of your average speed, so I shouldn't add it separately.`,
          `Since ${v} ${su} is an average that already includes breaks, the stop shouldn't go on top.`,
        ],
    ask: [
      `Before I pin down an arrival time: is ${v} ${su} your real average including traffic, or just the speed limit?`,
      `Quick check first — do you cross into another time zone on the way? That changes the clock time.`,
    ],
    say: [
      [`So you should arrive around **{V}**.`, `You'll get there at about **{V}**.`],
      [`Expected arrival: **{V}**.`, `That has you pulling in at **{V}**.`],
    ],
  };
}

function avgSpeed(r: Rng, sp: Sp): Prob {
  const V = (d: string, h: string): string => (sp ? h : d);
  const PAIRS = pairs('20,30 30,45 40,60 50,75 30,60 45,90 36,45 72,90 30,70 20,60 30,90 60,90 40,120');
  let [v1, v2] = r.pick(PAIRS);
  if (r.chance(0.5)) [v1, v2] = [v2, v1];
  const km = r.chance(0.3);
  const du = km ? 'km' : 'miles',
    su = km ? 'km/h' : 'mph';
  const L = (v1 * v2) / gcd(v1, v2);
  const D = L * Math.max(1, Math.min(r.int(1, 4), Math.floor(400 / L)));
  const t1 = D / v1,
    t2 = D / v2,
    T = t1 + t2;
  const H = (2 * D) / T;
  const mean = num((v1 + v2) / 2, 1);
  const lo = Math.min(v1, v2),
    hi = Math.max(v1, v2);
  return {
    task: 'average-speed',
    query: r.pick([
      `I drove ${D} ${du} to my sister's at ${v1} ${su} and came back the same way at ${v2} ${su}. What was my average speed for the whole round trip?`,
      `Round trip: ${D} ${du} each way, ${v1} ${su} going and ${v2} ${su} coming back. What's the average speed overall?`,
    ]),
    answer: String(H),
    pre: '',
    post: ` ${su}`,
    given: [`Distance each way: ${D} ${du}`, `Speed there: ${v1} ${su}`, `Speed back: ${v2} ${su}`],
    right: {
      steps: [
        {
          lab: ['Time there', 'Outbound time'],
          txt: `${D} ÷ ${v1} = ${num(t1)} h`,
          note: [
            `Hmm — it's tempting to just average ${v1} and ${v2} and say ${mean}, but you spend longer at the slower speed, so that won't work.`,
            `(Averaging ${v1} and ${v2} to get ${mean} is the classic trap — the two legs take different amounts of time.)`,
          ],
        },
        { lab: ['Time back', 'Return time'], txt: `${D} ÷ ${v2} = ${num(t2)} h` },
        {
          lab: ['Totals', 'Whole trip'],
          txt: V(`${2 * D} ${du} in ${num(T)} h`, `${num(t1)} + ${num(t2)} = ${num(T)} h for ${2 * D} ${du} in total`),
        },
        { lab: ['Average speed', 'Distance over time'], txt: `${2 * D} ÷ ${num(T)} = ` },
      ],
      value: String(H),
    },
    wrong: { steps: [{ lab: ['Average the speeds', 'Average speed'], txt: `(${v1} + ${v2}) ÷ 2 = ` }], value: mean },
    alt: {
      steps: [
        {
          lab: ['Formula', 'Shortcut'],
          txt: V(
            `for equal distances, average speed = 2 × v₁ × v₂ ÷ (v₁ + v₂)`,
            `same distance both ways, so use the harmonic mean 2ab/(a + b)`,
          ),
        },
        { lab: ['Plug in', 'Numbers'], txt: `2 × ${v1} × ${v2} ÷ ${v1 + v2} = ${2 * v1 * v2} ÷ ${v1 + v2} = ` },
      ],
      value: String(H),
    },
    words: [
      `Let me re-check from the definition: average speed is total distance over total time, ${2 * D} ${du} over ${num(T)} hours, which is **{V}** — not the ${mean} you'd get by averaging the two speeds.`,
      `Checking again from scratch: ${num(t1)} h out plus ${num(t2)} h back is ${num(T)} h for ${2 * D} ${du}, so the average comes out to **{V}**.`,
    ],
    doubt: [
      `Does it matter which leg was faster? No — the result is the same either way.`,
      `(Swapping which direction was faster wouldn't change anything.)`,
    ],
    ball: [
      `Quick sanity check: the average should land between ${lo} and ${hi}, and closer to ${lo}, since more time is spent at the slower speed. It does.`,
      `Rough check: between the two speeds and nearer the slower one — ✓.`,
    ],
    sub: [`(Check: ${num(t1)} + ${num(t2)} = ${num(T)} h ✓)`, `Time check: ${v1} × ${num(t1)} = ${D} ✓`],
    fix: [
      `Averaging the two speeds ignores that you spend more time at ${lo} ${su}.`,
      `A plain average of the speeds is wrong here, since the two legs take different amounts of time.`,
    ],
    claim: [
      `I'm overcomplicating this. The average of ${v1} and ${v2} should just be their midpoint:`,
      `The simpler way is just to average the two speeds:`,
    ],
    ask: [
      `Do you want the average for the whole round trip, or for each direction separately?`,
      `Just to be sure: did you take the same route both ways? If not, the distances differ.`,
    ],
    say: [
      [`So your average speed for the round trip is **{V}**.`, `That's an overall average of **{V}**.`],
      [`Round-trip average: **{V}**.`, `Overall you averaged **{V}**.`],
    ],
  };
}

function recipe(r: Rng, sp: Sp): Prob {
  const V = (d: string, h: string): string => (sp ? h : d);
  const ING: [string, string, string, number[]][] = [
    ['cups of flour', 'cups', 'flour', [0.75, 1, 1.25, 1.5, 2, 2.25, 2.5, 3]],
    ['cups of milk', 'cups', 'milk', [0.5, 0.75, 1, 1.5, 2]],
    ['tablespoons of butter', 'tablespoons', 'butter', [2, 3, 4, 6, 8]],
    ['cups of rice', 'cups', 'rice', [1, 1.5, 2, 3]],
    ['teaspoons of vanilla', 'teaspoons', 'vanilla', [1, 1.5, 2]],
  ];
  let ing = ING[0],
    q = 2,
    s = 4,
    t = 6;
  for (let k = 0; k < 5000; k++) {
    const i1 = r.pick(ING),
      q1 = r.pick(i1[3]),
      s1 = r.pick([4, 6, 8, 12]),
      t1 = r.pick([2, 3, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24]);
    if (t1 === s1 || (q1 * 4 * t1) % s1) continue;
    [ing, q, s, t] = [i1, q1, s1, t1];
    break;
  }
  const qq = q * 4;
  const ans = (qq * t) / s / 4;
  const g = gcd(t, s);
  const kd = terminates(t, s, 4) ? num(t / s, 4) : `${t / g}/${s / g}`;
  const ki = terminates(s, t, 4) ? num(s / t, 4) : `${s / g}/${t / g}`;
  const unit = ans === 1 ? ing[1].replace(/s$/, '') : ing[1];
  const ingName = q === 1 ? ing[0].replace(/s of /, ' of ') : ing[0];
  const inv = t < s || r.chance(0.55);
  const wv = inv ? (q * s) / t : (q * (t - s)) / s;
  const approx = (x: number) => (Math.abs(x * 100 - Math.round(x * 100)) > 1e-9 ? '≈ ' : '= ');
  const wrong: Attempt = inv
    ? {
        steps: [
          { lab: ['Scale factor', 'Find the multiplier'], txt: `${s} ÷ ${t} = ${ki}` },
          { lab: ['Multiply', 'Scale the amount'], txt: `${num(q)} × ${ki} ${approx(wv)}` },
        ],
        value: num(wv),
      }
    : {
        steps: [
          {
            lab: ['Extra servings', 'How many more'],
            txt: V(`${t} − ${s} = ${t - s} more servings`, `${t - s} servings beyond the original ${s}`),
          },
          { lab: ['Scale', 'Amount'], txt: `${num(q)} × ${t - s}/${s} ${approx(wv)}` },
        ],
        value: num(wv),
      };
  const perOk = terminates(qq, 4 * s, 4);
  const altSteps: Step[] = perOk
    ? [
        {
          lab: ['Per serving', 'Amount per serving'],
          txt: V(`${num(q)} ÷ ${s} = ${num(q / s, 4)} ${unit} per serving`, `each serving uses ${num(q)} ÷ ${s} = ${num(q / s, 4)}`),
        },
        { lab: ['For your batch', 'Times your servings'], txt: `${num(q / s, 4)} × ${t} = ` },
      ]
    : [
        { lab: ['Multiply first', 'Multiply'], txt: `${num(q)} × ${t} = ${num(q * t)}` },
        { lab: ['Then divide', 'Divide'], txt: `${num(q * t)} ÷ ${s} = ` },
      ];
  const whole = Math.floor(ans),
    part = ans - whole;
  const sym = part === 0.25 ? '¼' : part === 0.5 ? '½' : part === 0.75 ? '¾' : '';
  const more = t > s;
  return {
    task: 'recipe-scaling',
    query: r.pick([
      `A recipe that serves ${s} calls for ${num(q)} ${ingName}. How much do I need to make ${t} servings?`,
      `My recipe makes ${s} servings and uses ${num(q)} ${ingName}. I need ${t} servings — how much ${ing[2]}?`,
    ]),
    answer: num(ans),
    pre: '',
    post: ` ${unit}`,
    given: [`Original: ${s} servings`, `Amount: ${num(q)} ${ingName}`, `Target: ${t} servings`],
    right: {
      steps: [
        { lab: ['Scale factor', 'Find the multiplier'], txt: `${t} ÷ ${s} = ${kd}` },
        { lab: ['Multiply', 'Scale the amount'], txt: `${num(q)} × ${kd} = ` },
      ],
      value: num(ans),
    },
    wrong,
    alt: { steps: altSteps, value: num(ans) },
    words: [
      `Let me double-check the direction: going from ${s} to ${t} servings means ${more ? 'more' : 'less'} food, so the amount should go ${more ? 'up' : 'down'} from ${num(q)} — and ${num(q)} × ${kd} = **{V}** does exactly that.`,
      `Re-checking: ${t} servings is ${kd} batches of the original ${s}, and ${kd} batches × ${num(q)} ${unit} each is **{V}**.`,
    ],
    doubt: [
      `Do the other ingredients scale the same way? Yes, everything gets the same multiplier.`,
      `(Everything else in the recipe scales by the same factor.)`,
    ],
    ball: [
      `Quick sanity check: ${more ? 'more servings, more' : 'fewer servings, less'} ${ing[2]} — the amount went ${more ? 'up' : 'down'}. ✓`,
      `Rough check: the amount moved in the right direction. ✓`,
    ],
    sub: [`(Check: ${s} × ${kd} = ${t} servings ✓)`, `Factor check: ${s} × ${kd} = ${t} ✓`],
    fix: inv
      ? [
          `I flipped the ratio — it should be ${t} ÷ ${s}, not ${s} ÷ ${t}.`,
          `The multiplier is new servings over old servings, and I had it upside down.`,
        ]
      : [
          `That's only the extra amount on top of the original recipe — you asked for the total.`,
          `${num(wv)} ${unit} is just how much more you'd add; the full amount is bigger.`,
        ],
    claim: inv
      ? [
          `I think the ratio should be original over new — ${s} ÷ ${t}. Redoing it:`,
          `The factor should be ${s}/${t}, since we're converting from the original batch:`,
        ]
      : [`I should only scale by the servings that change. Redoing it:`, `It's really the difference in servings that matters:`],
    ask: [
      `Are you scaling the whole recipe, or just this one ingredient? (Leaveners don't always scale linearly.)`,
      `Before scaling: is your pan size changing too? That can affect how much you actually need.`,
    ],
    say: [
      [`So you'll need **{V}**.`, `That comes to **{V}** for ${t} servings.`],
      [`Use **{V}**.`, `You'll want **{V}** in total.`],
    ],
    extra: sym
      ? V(` (that's ${whole ? whole : ''}${sym} ${unit})`, ` — or ${whole ? whole : ''}${sym} if you're using measuring cups`)
      : undefined,
  };
}

function temperature(r: Rng, sp: Sp): Prob {
  const V = (d: string, h: string): string => (sp ? h : d);
  let k = 0;
  while (k === 0) k = r.int(-3, 10);
  const C = 5 * k,
    F = 32 + 9 * k;
  const toC = r.chance(0.6);
  const forgot = r.chance(0.5);
  const desc = F >= 86 ? 'is a hot day' : F >= 50 ? 'is mild' : F > 32 ? 'is chilly' : 'is below freezing';
  if (toC) {
    const wv = forgot ? (F * 5) / 9 : ((F - 32) * 9) / 5;
    const eq = (x: number) => (Number.isInteger(x * 10) ? '= ' : '≈ ');
    return {
      task: 'temperature',
      query: r.pick([`What is ${F} °F in Celsius?`, `My thermostat says ${F}°F. What's that in Celsius?`]),
      answer: String(C),
      pre: '',
      post: ' °C',
      given: [`Temperature: ${F} °F`, `Formula: C = (F − 32) × 5/9`],
      right: {
        steps: [
          { lab: ['Subtract 32', 'Remove the offset'], txt: `${F} − 32 = ${F - 32}` },
          { lab: ['Multiply by 5/9', 'Scale by 5/9'], txt: `${F - 32} × 5/9 = ` },
        ],
        value: String(C),
      },
      wrong: forgot
        ? { steps: [{ lab: ['Convert', 'Scale'], txt: `${F} × 5/9 ${eq(wv)}` }], value: num(wv, 1) }
        : {
            steps: [
              { lab: ['Subtract 32', 'Remove the offset'], txt: `${F} − 32 = ${F - 32}` },
              { lab: ['Scale', 'Convert'], txt: `${F - 32} × 9/5 ${eq(wv)}` },
            ],
            value: num(wv, 1),
          },
      alt: {
        steps: [
          {
            lab: ['Shortcut', 'Step counting'],
            txt: V(
              `every 9 °F away from 32 °F is 5 °C, and ${F - 32} ÷ 9 = ${k}`,
              `count steps of 9 °F from freezing: ${F - 32} ÷ 9 = ${k} steps, each worth 5 °C`,
            ),
          },
          { lab: ['Scale', 'So'], txt: `${k} × 5 = ` },
        ],
        value: String(C),
      },
      words: [
        `Going back the other way to be sure: ${C} × 9/5 + 32 = ${F} °F, exactly what you started with, so **{V}** is right.`,
        `Re-doing it carefully: ${F} minus 32 is ${F - 32}, and five-ninths of ${F - 32} is ${C} — so **{V}**.`,
      ],
      doubt: [`Do I need to round? No — it comes out exact.`, `(No rounding needed here.)`],
      ball: [
        `Quick sanity check: ${F} °F ${desc}, and the Celsius number fits that.`,
        `Rough check: ${F} °F ${desc} — the Celsius value matches that feel. ✓`,
      ],
      sub: [`(Check: ${C} × 9/5 + 32 = ${F} ✓)`, `Reverse check: ${C} °C → ${F} °F ✓`],
      fix: forgot
        ? [`I skipped subtracting 32 first.`, `The 32-degree offset has to come off before scaling — I left it out.`]
        : [`I used 9/5 instead of 5/9 — that's the conversion going the other way.`, `The factor for F → C is 5/9; I had it inverted.`],
      claim: forgot
        ? [
            `I think the formula is just ${F} × 5/9 — the 32 is only for going the other direction.`,
            `The 32 only matters for Celsius to Fahrenheit, so:`,
          ]
        : [`I might have the fraction backwards — it should be 9/5:`, `The scale factor is 9/5, so let me redo it:`],
      ask: [
        `Is that an oven setting or the weather? I'll round differently depending on which.`,
        `Do you want it rounded to a whole degree or exact?`,
      ],
      say: [
        [`So ${F} °F is **{V}**.`, `That's **{V}**.`],
        [`${F} °F works out to **{V}**.`, `In Celsius: **{V}**.`],
      ],
    };
  }
  const wv = forgot ? 9 * k : (C * 5) / 9 + 32;
  return {
    task: 'temperature',
    query: r.pick([`What is ${C} °C in Fahrenheit?`, `The forecast says ${C}°C. How much is that in Fahrenheit?`]),
    answer: String(F),
    pre: '',
    post: ' °F',
    given: [`Temperature: ${C} °C`, `Formula: F = C × 9/5 + 32`],
    right: {
      steps: [
        { lab: ['Multiply by 9/5', 'Scale by 9/5'], txt: `${C} × 9/5 = ${9 * k}` },
        { lab: ['Add 32', 'Add the offset'], txt: `${9 * k} + 32 = ` },
      ],
      value: String(F),
    },
    wrong: forgot
      ? { steps: [{ lab: ['Multiply by 9/5', 'Scale by 9/5'], txt: `${C} × 9/5 = ` }], value: String(9 * k) }
      : {
          steps: [{ lab: ['Convert', 'Scale and shift'], txt: `${C} × 5/9 + 32 ${Number.isInteger(wv * 10) ? '=' : '≈'} ` }],
          value: num(wv, 1),
        },
    alt: {
      steps: [
        {
          lab: ['Double, minus 10%', 'Another route'],
          txt: V(`${C} × 2 = ${10 * k}; 10% of that is ${k}; ${10 * k} − ${k} = ${9 * k}`, `9/5 is 1.8, and ${C} × 1.8 = ${9 * k}`),
        },
        { lab: ['Add 32', 'Then'], txt: `${9 * k} + 32 = ` },
      ],
      value: String(F),
    },
    words: [
      `Going back the other way to be sure: (${F} − 32) × 5/9 = ${C} °C, exactly what you started with, so **{V}** is right.`,
      `Re-doing it carefully: nine-fifths of ${C} is ${9 * k}, and 32 more than that is ${F} — so **{V}**.`,
    ],
    doubt: [`Do I need to round? No — it comes out exact.`, `(No rounding needed here.)`],
    ball: [
      `Quick sanity check: ${C} °C ${C >= 30 ? 'is hot' : C >= 10 ? 'is mild' : C > 0 ? 'is chilly' : 'is freezing or below'}, and the Fahrenheit number fits that.`,
      `Rough check: doubling and adding 30 gives about ${2 * C + 30} — close enough. ✓`,
    ],
    sub: [`(Check: (${F} − 32) × 5/9 = ${C} ✓)`, `Reverse check: ${F} °F → ${C} °C ✓`],
    fix: forgot
      ? [`I forgot to add 32 at the end.`, `The +32 offset is missing from that.`]
      : [`I used 5/9 instead of 9/5 — that's the Fahrenheit-to-Celsius factor.`, `The factor for C → F is 9/5; I had it inverted.`],
    claim: forgot
      ? [`I think the 32 is only needed for going the other direction, so:`, `The offset only applies to F → C, so just scale:`]
      : [`I might have the fraction backwards — it should be 5/9:`, `The scale factor is 5/9, so let me redo it:`],
    ask: [
      `Is that for cooking or the weather? I'll round differently depending on which.`,
      `Do you want it rounded to a whole degree or exact?`,
    ],
    say: [
      [`So ${C} °C is **{V}**.`, `That's **{V}**.`],
      [`${C} °C works out to **{V}**.`, `In Fahrenheit: **{V}**.`],
    ],
  };
}

function convert(r: Rng, sp: Sp): Prob {
  const V = (d: string, h: string): string => (sp ? h : d);
  const CONV: { from: string; to: string; u1: string; f: string; lo: number; hi: number; fr: string }[] = [
    { from: 'inches', to: 'centimeters', u1: 'inch', f: '2.54', lo: 11, hi: 95, fr: '2.5' },
    { from: 'miles', to: 'kilometers', u1: 'mile', f: '1.609', lo: 11, hi: 480, fr: '1.6' },
    { from: 'pounds', to: 'kilograms', u1: 'pound', f: '0.4536', lo: 11, hi: 260, fr: '0.45' },
    { from: 'gallons', to: 'liters', u1: 'gallon', f: '3.785', lo: 11, hi: 60, fr: '3.8' },
    { from: 'feet', to: 'meters', u1: 'foot', f: '0.3048', lo: 11, hi: 1500, fr: '0.3' },
    { from: 'kilograms', to: 'pounds', u1: 'kilogram', f: '2.2046', lo: 11, hi: 120, fr: '2.2' },
  ];
  const cv = r.pick(CONV);
  let X = r.int(cv.lo, cv.hi);
  if (X % 10 === 0) X += r.int(1, 9);
  const dp = cv.f.split('.')[1].length;
  const Fi = Math.round(Number(cv.f) * 10 ** dp);
  const prod = X * Fi;
  const exact = scaled(prod, dp);
  const r10 = Math.round(prod / 10 ** (dp - 1));
  const val = grp(String(Math.floor(r10 / 10))) + '.' + (r10 % 10);
  const exactIs1dp = prod % 10 ** (dp - 1) === 0;
  const wv = Math.round((X * 10) / Number(cv.f));
  const wval = grp(String(Math.floor(wv / 10))) + '.' + (wv % 10);
  const a = X - (X % 10),
    b = X % 10;
  const fnum = Number(cv.f);
  const approx = num(X * Number(cv.fr), 1);
  const bigger = fnum > 1;
  const tail = exactIs1dp ? '' : `${exact} ≈ `;
  return {
    task: 'unit-conversion',
    query: r.pick([
      `How many ${cv.to} is ${X} ${cv.from}? Round to one decimal place.`,
      `Convert ${X} ${cv.from} to ${cv.to} (one decimal place, please).`,
    ]),
    answer: String(r10 / 10),
    pre: '',
    post: ` ${cv.to}`,
    given: [`${X} ${cv.from}`, `1 ${cv.u1} = ${cv.f} ${cv.to}`],
    right: {
      steps: [
        { lab: ['Conversion factor', 'The factor'], txt: `1 ${cv.u1} = ${cv.f} ${cv.to}` },
        { lab: ['Multiply', 'Convert'], txt: `${X} × ${cv.f} = ${tail}` },
      ],
      value: val,
    },
    wrong: {
      steps: [
        { lab: ['Conversion factor', 'The factor'], txt: `1 ${cv.u1} = ${cv.f} ${cv.to}` },
        { lab: ['Divide', 'Convert'], txt: `${X} ÷ ${cv.f} ≈ ` },
      ],
      value: wval,
    },
    alt: {
      steps: [
        {
          lab: ['Split it up', 'Break it apart'],
          txt: V(
            `${a} × ${cv.f} = ${scaled(a * Fi, dp)} and ${b} × ${cv.f} = ${scaled(b * Fi, dp)}`,
            `${X} = ${a} + ${b}, giving ${scaled(a * Fi, dp)} (for ${a}) plus ${scaled(b * Fi, dp)} (for ${b})`,
          ),
        },
        { lab: ['Add', 'Combine'], txt: `${scaled(a * Fi, dp)} + ${scaled(b * Fi, dp)} = ${tail}` },
      ],
      value: val,
    },
    words: [
      `Let me double-check the direction: ${cv.to} are ${bigger ? 'smaller' : 'bigger'} units than ${cv.from}, so there should be ${bigger ? 'more' : 'fewer'} of them — multiplying ${X} by ${cv.f} gives ${exact}, which rounds to **{V}**.`,
      `Redoing the multiplication carefully: ${X} × ${cv.f} = ${exact} → **{V}**.`,
    ],
    doubt: [`Is ${cv.f} precise enough? For one decimal place, yes.`, `(The factor ${cv.f} is plenty accurate at this rounding.)`],
    ball:
      approx === val || approx === num(r10 / 10, 1)
        ? null
        : [
            `Quick sanity check: roughly ${X} × ${cv.fr} ≈ ${approx}, so we're in the right range. ✓`,
            `Rough check: ${X} ${cv.from} at about ${cv.fr} each is around ${approx}. ✓`,
          ],
    sub: [`(Check: ${val} ÷ ${cv.f} ≈ ${X} ✓)`, `Reverse: ${val} ${cv.to} ÷ ${cv.f} ≈ ${X} ${cv.from} ✓`],
    fix: [
      `I divided by ${cv.f} when I should have multiplied — the number of ${cv.to} should be ${bigger ? 'larger' : 'smaller'} than ${X}.`,
      `Going from ${cv.from} to ${cv.to} means multiplying by ${cv.f}, not dividing.`,
    ],
    claim: [
      `I think converting ${cv.from} to ${cv.to} means dividing by the factor, not multiplying:`,
      `I believe this conversion goes the other way — divide by ${cv.f}:`,
    ],
    ask: [
      `Do you want this purely in ${cv.to}, or as a mix of units?`,
      `Should I use the exact factor or the common rounded one (${cv.fr})? They give slightly different answers.`,
    ],
    say: [
      [`So ${X} ${cv.from} is about **{V}**.`, `That's roughly **{V}**.`],
      [`Which is **{V}** to one decimal.`, `Rounded: **{V}**.`],
    ],
  };
}

function bill(r: Rng, sp: Sp): Prob {
  const V = (d: string, h: string): string => (sp ? h : d);
  let B = 12000,
    t = 20,
    n = 4;
  for (let k = 0; k < 5000; k++) {
    const B1 = r.int(90, 640) * 50,
      t1 = r.pick([15, 18, 20, 22, 25]),
      n1 = r.int(2, 8);
    if ((B1 * t1) % 100 || B1 % n1 || (B1 + (B1 * t1) / 100) % n1) continue;
    [B, t, n] = [B1, t1, n1];
    break;
  }
  const tip = (B * t) / 100,
    tot = B + tip,
    per = tot / n,
    share = B / n;
  const forgot = r.chance(0.5);
  const meal = r.pick(['Dinner', 'Lunch', 'Our brunch', 'The pizza night', 'Our team dinner']);
  return {
    task: 'bill-split',
    query: `${meal} for ${n} came to ${usd(B)}. We want to leave a ${t}% tip and split everything evenly. How much does each person pay?`,
    answer: (per / 100).toFixed(2),
    pre: '$',
    post: '',
    given: [`Bill: ${usd(B)}`, `Tip: ${t}%`, `People: ${n}`],
    right: {
      steps: [
        { lab: ['Tip', 'Work out the tip'], txt: `${t}% of ${usd(B)} = ${usd(tip)}` },
        { lab: ['Total with tip', 'Bill plus tip'], txt: `${usd(B)} + ${usd(tip)} = ${usd(tot)}` },
        { lab: ['Split it', `Divide by ${n}`], txt: `${usd(tot)} ÷ ${n} = ` },
      ],
      value: money(per),
    },
    wrong: forgot
      ? { steps: [{ lab: ['Split it', `Divide by ${n}`], txt: `${usd(B)} ÷ ${n} = ` }], value: money(share) }
      : {
          steps: [
            { lab: ['Tip', 'Work out the tip'], txt: `${t}% of ${usd(B)} = ${usd(tip)}` },
            { lab: ['Each share', 'Split the bill'], txt: `${usd(B)} ÷ ${n} = ${usd(share)}` },
            { lab: ['Add the tip', 'Plus the tip'], txt: `${usd(share)} + ${usd(tip)} = ` },
          ],
          value: money(share + tip),
        },
    alt: {
      steps: [
        {
          lab: ['Split first', 'Per person first'],
          txt: V(`${usd(B)} ÷ ${n} = ${usd(share)} each before tip`, `pre-tip share is ${usd(B)} ÷ ${n} = ${usd(share)}`),
        },
        { lab: ['Then tip', 'Add the tip as a multiplier'], txt: `${usd(share)} × ${num(1 + t / 100)} = ` },
      ],
      value: money(per),
    },
    words: [
      `Let me double-check that the tip is in there: ${usd(B)} plus the ${usd(tip)} tip is ${usd(tot)}, and ${usd(tot)} shared by ${n} people is **{V}** each.`,
      `Re-checking the pieces: ${usd(B)} + ${usd(tip)} = ${usd(tot)}, and ${usd(tot)} ÷ ${n} = **{V}** per person.`,
    ],
    doubt: [
      `Should the tip be on the pre-tax amount? You gave one bill total, so I tipped on that.`,
      `(I tipped on the full bill as given.)`,
    ],
    ball: [
      `Quick sanity check: without the tip it'd be ${usd(share)} each, and the tip should add a bit on top — it does.`,
      `Rough check: a little more than ${usd(share)} per person, as expected with a ${t}% tip. ✓`,
    ],
    sub: [`(Check: ${n} × ${usd(per)} = ${usd(tot)} ✓)`, `Multiply back: ${usd(per)} × ${n} = ${usd(tot)} ✓`],
    fix: forgot
      ? [`I forgot to include the ${t}% tip.`, `That's just the bill split — the tip is missing.`]
      : [
          `I added the whole ${usd(tip)} tip to each person's share, but the tip gets split too.`,
          `The ${usd(tip)} tip is for the whole table, not per person.`,
        ],
    claim: forgot
      ? [
          `On second thought, people usually tip individually, so I'll leave the tip out of the split:`,
          `The tip is usually handled separately, so just split the bill:`,
        ]
      : [`Actually, the tip should be added to each person's share:`, `Each person should add the tip on top of their part:`],
    ask: [
      `Is the ${usd(B)} before or after tax? That changes what the tip should be based on.`,
      `Did anyone order separately, or are you splitting everything evenly?`,
    ],
    say: [
      [`So each person pays **{V}**.`, `That's **{V}** per person.`],
      [`Everyone chips in **{V}**.`, `Each share: **{V}**.`],
    ],
    recap: [
      [['Bill', 'bill'], usd(B)],
      [['Tip', 'plus tip'], usd(tip)],
      [['Total', 'total'], usd(tot)],
      [['Per person', 'each'], usd(per)],
    ],
  };
}

function interest(r: Rng, sp: Sp): Prob {
  let P = 10000,
    r10 = 50,
    n = 3;
  let bals: bigint[] = [];
  let truth = 0n;
  let mult = '';
  let multExact = true;
  let prodExact = true;
  for (let k = 0; k < 5000; k++) {
    const P1 = r.pick([1000, 2000, 2500, 3000, 5000, 7500, 8000, 10000, 12000, 15000, 20000, 25000]);
    const r1 = r.pick([20, 25, 30, 35, 40, 45, 50, 55, 60]);
    const n1 = r.int(2, 5);
    const g = BigInt(1000 + r1);
    const den = 1000n ** BigInt(n1);
    const x = BigInt(P1 * 100) * g ** BigInt(n1);
    let tr = x / den;
    if (2n * (x % den) >= den) tr += 1n;
    const bs: bigint[] = [BigInt(P1 * 100)];
    for (let y = 1; y <= n1; y++) {
      const z = bs[y - 1] * g;
      let q = z / 1000n;
      if (2n * (z % 1000n) >= 1000n) q += 1n;
      bs.push(q);
    }
    if (bs[n1] !== tr) continue;
    // the multiplier, exact if at most 8 decimals, otherwise rounded to 8
    const gn = g ** BigInt(n1);
    const ex = (gn * 10n ** 8n) % den === 0n;
    const m8 = (gn * 10n ** 8n + den / 2n) / den;
    let viaM = (BigInt(P1 * 100) * m8) / 10n ** 8n;
    if (2n * ((BigInt(P1 * 100) * m8) % 10n ** 8n) >= 10n ** 8n) viaM += 1n;
    if (viaM !== tr) continue;
    [P, r10, n, bals, truth, multExact, prodExact] = [P1, r1, n1, bs, tr, ex, x % den === 0n];
    mult = scaled(Number(m8), 8);
    if (!ex && !mult.includes('.')) mult += '.0';
    break;
  }
  const g = num(1 + r10 / 1000, 3),
    rate = num(r10 / 10, 1);
  const tot = Number(truth);
  const yi = (P * r10) / 10;
  const simple = P * 100 + n * yi;
  const g2 = scaled((1000 + r10) ** 2, 6);
  const Pd = '$' + grp(String(P));
  const rows = bals.slice(1, n).map((b, i) => [i + 1, usd(Number(b))] as const);
  const table =
    sp === 0
      ? `| Year | Balance at year end |\n|---|---|\n| 0 | ${usd(P * 100)} |\n` + rows.map(([y, b]) => `| ${y} | ${b} |`).join('\n')
      : `- Start: ${usd(P * 100)}\n` + rows.map(([y, b]) => `- After year ${y}: ${b}`).join('\n');
  const lastExact = (bals[n - 1] * BigInt(1000 + r10)) % 1000n === 0n;
  return {
    task: 'compound-interest',
    query: `If I put ${Pd} in a savings account at ${rate}% interest compounded annually, how much will I have after ${n} years?`,
    answer: (tot / 100).toFixed(2),
    pre: '$',
    post: '',
    given: [`Deposit: ${Pd}`, `Rate: ${rate}% per year, compounded annually`, `Time: ${n} years`],
    right: {
      steps: [
        { lab: ['Formula', 'Set it up'], txt: `A = P × (1 + r)^n = ${Pd} × ${g}^${n}` },
        { lab: ['Growth factor', 'The multiplier'], txt: `${g}^${n} ${multExact ? '=' : '≈'} ${mult}` },
        { lab: ['Final balance', 'Multiply'], txt: `${Pd} × ${mult} ${multExact && prodExact ? '=' : '≈'} ` },
      ],
      value: money(tot),
    },
    wrong: {
      steps: [
        { lab: ['Interest per year', 'Yearly interest'], txt: `${rate}% of ${Pd} = ${usd(yi)}` },
        { lab: [`Over ${n} years`, 'All years'], txt: `${n} × ${usd(yi)} = ${usd(n * yi)}` },
        { lab: ['Final balance', 'Add it on'], txt: `${Pd} + ${usd(n * yi)} = ` },
      ],
      value: money(simple),
    },
    alt: {
      steps: [
        { lab: ['Year by year', 'Balance each year'], txt: table, block: true },
        { lab: [`Year ${n}`, `Year ${n}`], txt: `${usd(Number(bals[n - 1]))} × ${g} ${lastExact ? '=' : '≈'} ` },
      ],
      value: money(tot),
    },
    words: [
      `Let me double-check the compounding: the balance is multiplied by ${g} once per year, ${n} times, which makes ${mult} overall, and ${Pd} × ${mult} is **{V}**.`,
      `Re-running the numbers: ${g}^${n} comes to ${mult}; times ${Pd} gives **{V}** again.`,
    ],
    doubt: [`Does it matter if the bank compounds monthly? You said annually, so no.`, `(I've used annual compounding, as you described.)`],
    ball: [
      `Quick sanity check: simple interest would give ${usd(simple)}, and compounding should add a little on top of that — which it does.`,
      `Rough check: ${n} years at ${rate}% is a bit more than ${num((n * r10) / 10, 1)}% growth in total — ✓.`,
    ],
    sub: [`(Check on the multiplier: ${g} × ${g} = ${g2} ✓)`, `Multiplier check: ${g}² = ${g2} ✓`],
    fix: [
      `That's simple interest — with compounding, each year's interest also earns interest.`,
      `I only applied the rate to the original ${Pd}; compounding grows on the growing balance.`,
    ],
    claim: [
      `Savings accounts usually pay interest on the original deposit, so let me redo it with simple interest:`,
      `I think this should be simple interest, since the rate is on your deposit:`,
    ],
    ask: [
      `Will you be adding any money along the way, or is it just the one ${Pd} deposit?`,
      `Are there any account fees I should take out each year?`,
    ],
    say: [
      [`After ${n} years you'll have **{V}**.`, `So your balance grows to **{V}**.`],
      [`Your balance will be **{V}**.`, `You'd end up with **{V}**.`],
    ],
  };
}

function percent(r: Rng): Prob {
  const A = r.pick([1200, 2000, 2400, 2500, 4000, 4800, 5000, 6000, 7500, 8000, 12000, 15000, 25000, 32000, 48000, 120000]);
  const p = r.pick([5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60]);
  const up = r.chance(0.6) || p >= 60;
  const B = (A * (up ? 100 + p : 100 - p)) / 100;
  const diff = Math.abs(B - A);
  const thing = r.pick([
    'monthly phone bill',
    'gym membership',
    'favorite cereal',
    'rent',
    'streaming subscription',
    'car insurance',
    'electric bill',
  ]);
  const wv = num((diff / B) * 100, 1);
  const ratio = num(B / A, 2);
  const word = up ? 'increase' : 'decrease';
  return {
    task: 'percent-change',
    query: r.pick([
      `My ${thing} went from ${usd(A)} to ${usd(B)}. By what percent did it ${word}?`,
      `The price of my ${thing} changed from ${usd(A)} to ${usd(B)}. What's the percent ${word}?`,
    ]),
    answer: String(p),
    pre: '',
    post: '%',
    given: [`Old price: ${usd(A)}`, `New price: ${usd(B)}`],
    right: {
      steps: [
        {
          lab: ['Change', 'Find the difference'],
          txt: up ? `${usd(B)} − ${usd(A)} = ${usd(diff)}` : `${usd(A)} − ${usd(B)} = ${usd(diff)}`,
        },
        { lab: ['Divide by the original', 'Compare to the starting price'], txt: `${usd(diff)} ÷ ${usd(A)} = ${num(p / 100)} = ` },
      ],
      value: String(p),
    },
    wrong: {
      steps: [
        {
          lab: ['Change', 'Find the difference'],
          txt: up ? `${usd(B)} − ${usd(A)} = ${usd(diff)}` : `${usd(A)} − ${usd(B)} = ${usd(diff)}`,
        },
        { lab: ['As a percent', 'Percent'], txt: `${usd(diff)} ÷ ${usd(B)} ≈ ${num(diff / B, 3)} ≈ ` },
      ],
      value: wv,
    },
    alt: {
      steps: [
        { lab: ['Ratio', 'New over old'], txt: `${usd(B)} ÷ ${usd(A)} = ${ratio}` },
        { lab: ['Read it off', 'So'], txt: up ? `${ratio} − 1 = ${num(p / 100)} → ` : `1 − ${ratio} = ${num(p / 100)} → ` },
      ],
      value: String(p),
    },
    words: [
      `Let me double-check by applying it: ${p}% of ${usd(A)} is ${usd(diff)}, and ${usd(A)} ${up ? '+' : '−'} ${usd(diff)} = ${usd(B)}, exactly the new price, so **{V}** is right.`,
      `Recomputing: a change of ${usd(diff)} out of an original ${usd(A)} is ${p} per hundred — **{V}**.`,
    ],
    doubt: [
      `Should it be measured against the new price? No — percent change always uses the starting value.`,
      `(Percent change is measured from where you started.)`,
    ],
    ball:
      p === 10
        ? null
        : [
            `Quick sanity check: 10% of ${usd(A)} would be ${usd(A / 10)}, and the change of ${usd(diff)} is ${p > 10 ? 'more' : 'less'} than that, so we should be ${p > 10 ? 'above' : 'below'} 10%. ✓`,
            `Rough check: the change is ${p < 10 ? 'under' : 'over'} a tenth of the original price. ✓`,
          ],
    sub: [`(Check: ${usd(A)} × ${num((up ? 100 + p : 100 - p) / 100)} = ${usd(B)} ✓)`, `Reverse: ${usd(A)} × ${ratio} = ${usd(B)} ✓`],
    fix: [
      `I divided by the new price — percent change is measured against the original ${usd(A)}.`,
      `The base should be the old price, ${usd(A)}, not ${usd(B)}.`,
    ],
    claim: [
      `It probably makes more sense to compare against the current price of ${usd(B)}:`,
      `The percent should be based on the price now:`,
    ],
    ask: [
      `Does the ${usd(B)} include any fees or taxes that the ${usd(A)} didn't?`,
      `Is that ${usd(B)} a promotional price, or the new regular rate?`,
    ],
    say: [
      [`So the price went ${up ? 'up' : 'down'} by **{V}**.`, `That's a **{V}** ${word}.`],
      [`Percent ${word}: **{V}**.`, `It ${up ? 'rose' : 'fell'} by **{V}**.`],
    ],
  };
}

function work(r: Rng, sp: Sp): Prob {
  const V = (d: string, h: string): string => (sp ? h : d);
  const PAIRS = pairs('3,6 4,12 6,12 2,3 4,6 10,15 12,24 5,20 6,30 8,24 9,18 20,30 3,5 6,10 2,6 3,12 6,9');
  let [a, b] = r.pick(PAIRS);
  if (r.chance(0.5)) [a, b] = [b, a];
  const names = ['Maya', 'Leo', 'Priya', 'Sam', 'Jordan', 'Ana', 'Chris', 'Noor'];
  const N1 = r.pick(names);
  let N2 = r.pick(names);
  while (N2 === N1) N2 = r.pick(names);
  const job = r.pick(['paint the fence', 'mow the lawn', 'clean out the garage', 'weed the garden']);
  const ab = a * b,
    s = a + b;
  const ans = ab / s;
  const comb = frac(s, ab);
  const fast = a < b ? N1 : N2,
    mn = Math.min(a, b);
  const invForgot = r.chance(0.5);
  const wvN = invForgot ? s / ab : s / 2;
  const wv = num(wvN, 2);
  const T = Number.isInteger(ans) ? ans - 1 : Math.floor(ans);
  const fx = frac(b, s),
    fy = frac(a, s);
  const mins = ans * 60;
  const hm = Number.isInteger(ans) || !Number.isInteger(mins) ? undefined : V(` (that's ${dur(mins)})`, ` — about ${dur(mins)}`);
  return {
    task: 'work-rate',
    query: `${N1} can ${job} in ${a} hours and ${N2} can do it in ${b} hours. How long will it take if they work together?`,
    answer: num(ans, 3),
    pre: '',
    post: ' hours',
    given: [`${N1}: ${a} hours alone`, `${N2}: ${b} hours alone`],
    right: {
      steps: [
        {
          lab: ['Rates', 'Work rates'],
          txt: V(`${N1} does 1/${a} of the job per hour; ${N2} does 1/${b}`, `${N1} finishes 1/${a} each hour, ${N2} 1/${b}`),
        },
        {
          lab: ['Combined rate', 'Together'],
          txt: V(`1/${a} + 1/${b} = ${s}/${ab} = ${comb} of the job per hour`, `1/${a} + 1/${b} = ${s}/${ab} = ${comb} job each hour`),
          note:
            T >= 1
              ? [
                  `Wait, let me get a feel first: in ${T} hour${T > 1 ? 's' : ''}, ${N1} would do ${frac(T, a)} and ${N2} ${frac(T, b)}, ${frac(T * s, ab)} of the job in total — not quite all of it.`,
                  `Hold on, a quick test: after ${T} hour${T > 1 ? 's' : ''} they'd have done ${frac(T, a)} + ${frac(T, b)} = ${frac(T * s, ab)} of the job, so it takes a bit longer than that.`,
                ]
              : undefined,
        },
        { lab: ['Time together', 'Flip it'], txt: `1 ÷ (${comb}) = ${terminates(ab, s, 3) ? '' : `${ab}/${s} ≈ `}` },
      ],
      value: num(ans, 3),
    },
    wrong: invForgot
      ? {
          steps: [
            {
              lab: ['Rates', 'Work rates'],
              txt: V(`${N1} does 1/${a} of the job per hour; ${N2} does 1/${b}`, `${N1} finishes 1/${a} each hour, ${N2} 1/${b}`),
            },
            { lab: ['Together', 'Combined'], txt: `1/${a} + 1/${b} = ${comb}${terminates(s, ab, 2) ? ' = ' : ' ≈ '}` },
          ],
          value: wv,
        }
      : { steps: [{ lab: ['Average the times', 'Average'], txt: `(${a} + ${b}) ÷ 2 = ` }], value: wv },
    alt: {
      steps: [
        {
          lab: ['Shortcut', 'Product over sum'],
          txt: V(`time together = (a × b) ÷ (a + b)`, `for two workers, product over sum gives the joint time`),
        },
        { lab: ['Plug in', 'Numbers'], txt: `${a} × ${b} ÷ (${a} + ${b}) = ${ab} ÷ ${s} ${terminates(ab, s, 3) ? '=' : '≈'} ` },
      ],
      value: num(ans, 3),
    },
    words: [
      `Let me double-check by seeing how much each person does: in ${num(ans, 3)} hours, ${N1} does ${fx} of the job and ${N2} does ${fy}, and ${fx} + ${fy} = 1 whole job. So **{V}** it is.`,
      `Checking by portions: ${N1} covers ${fx} of the job and ${N2} covers ${fy} in that time, which adds to exactly 1 — confirming **{V}**.`,
    ],
    doubt: [`Would they get in each other's way? Let's assume not.`, `(Assuming they work at steady, independent rates.)`],
    ball: [
      `Quick sanity check: together they should be faster than ${fast} alone (${mn} hours) — and they are.`,
      `Rough check: less than ${mn} hours, as it should be. ✓`,
    ],
    sub: [`(Check: ${fx} + ${fy} = 1 ✓)`, `Portions check: ${fx} + ${fy} = 1 ✓`],
    fix: invForgot
      ? [
          `That's the combined rate in jobs per hour, not the time — I need to flip it.`,
          `${comb} is how much of the job gets done per hour; the time is its reciprocal.`,
        ]
      : [
          `Averaging their times doesn't work — working together has to be faster than either one alone.`,
          `Two people together can't take longer than the faster one alone, so averaging is wrong.`,
        ],
    claim: invForgot
      ? [`Actually, the combined rate already tells us the time:`, `I think adding the rates gives the time directly:`]
      : [`Maybe simpler: with two people, it's just the average of their times:`, `It's really the average of the two times:`],
    ask: [`Do they start at the same time, or does one of them join later?`, `Will both of them be working the whole time?`],
    say: [
      [`So together they'll finish in **{V}**.`, `That's **{V}** working together.`],
      [`Working together: **{V}**.`, `Together it takes **{V}**.`],
    ],
    extra: hm,
  };
}

const PROBLEMS: ((r: Rng, sp: Sp) => Prob)[] = [shopping, arrival, avgSpeed, recipe, temperature, convert, bill, interest, percent, work];

// ---------------------------------------------------------------------------------------------
// Phrasing pools: index 0 = dev, 1 = heldout (disjoint)

const OPEN: Pool = [
  [
    'Great question!',
    'Happy to help!',
    'Sure thing!',
    "Good one — let's work it out.",
    'Absolutely!',
    'Great question — this comes up a lot.',
  ],
  [
    'Of course!',
    'No problem.',
    "Let's break this down.",
    'Sure, I can help with that.',
    'Nice, this one is quick.',
    'Good idea to check this ahead of time!',
  ],
];
const LEAD: Pool = [
  ["Here's the step-by-step.", "Let's go through it step by step.", "I'll walk you through it."],
  ["Here's how to work it out.", "We'll take it one piece at a time.", "Here's the math."],
];
const GIVEN: Pool = [
  ["Here's what we know:", 'From your question:', 'The numbers:'],
  ["What you've told me:", 'Starting info:', 'Inputs:'],
];
const NOTE: Pool = [
  ['Wait — let me make sure I use the right number in this next part.', 'Hmm, careful with the order here.'],
  ['Hold on, one detail before the next step.', 'One thing to watch on this next bit.'],
];
const SAYGEN: Pool = [
  ['So the answer is **{V}**.', 'That gives **{V}**.'],
  ['Result: **{V}**.', 'Which works out to **{V}**.'],
];
const CLOSE: Pool = [
  ['**Answer:** {V}', '**Final answer: {V}**', '**Answer: {V}**'],
  ['**Bottom line:** {V}', '**Result:** {V}', 'In short: **{V}**.'],
];
const OFFER: Pool = [
  [
    "Let me know if you'd like me to run it with different numbers!",
    'Hope that helps!',
    'Want me to set this up as a formula you can reuse?',
  ],
  ['Happy to rerun this if anything changes. 🙂', 'Anything else you want to figure out?', 'Good luck!'],
];
const VERIFY: Pool = [
  ['Let me double-check that another way.', '**Quick sanity check** with a different method:', 'Let me verify with a second approach:'],
  ["To be safe, here's a second way to get there:", '**Cross-check** (different route):', 'Another way to see it:'],
];
const MATCH: Pool = [
  ['✓ Same answer.', 'Same result — good.', 'That matches. 👍'],
  ['Both methods agree.', 'Consistent. ✔', "Identical, so we're solid."],
];
const ERR: Pool = [
  ['Hmm, actually I made an error above.', "Wait, that's not right.", 'Hmm, let me double-check that… actually, no.'],
  ['Oops — I need to correct myself.', 'Actually, scratch that.', 'Hold on, I slipped up.'],
];
const REDO: Pool = [
  ['Redoing it properly:', "Here's the corrected version:", 'Let me redo it:'],
  ['Fixed calculation:', 'Corrected:', 'Trying again:'],
];
const MISMATCH: Pool = [
  ["Hmm, those don't match.", "Wait, that's different from my first answer."],
  ["That's not what I got before — one of them is off.", "Two different results, so something's wrong."],
];
const RESOLVE: Pool = [
  ['So the second calculation is the right one.', "So I'll go with the corrected number."],
  ['So the cross-check wins.', 'So the second figure is the one to trust.'],
];
const LOOKBACK: Pool = [
  ['Looking back at my first try:', 'I see the problem:'],
  ['Found it —', 'The issue with the first pass:'],
];
const RECHECK: Pool = [
  ['Let me double-check that by running through it again:', 'Let me redo the arithmetic to be sure:'],
  ['Running the numbers once more:', 'Re-running it to be safe:'],
];
const SAME: Pool = [
  ['Yep, same result.', 'Same thing again.'],
  ['Consistent.', 'I get the same figure.'],
];
const CLAIM: Pool = [
  ['Hmm, wait.', 'Hmm, let me reconsider.'],
  ['Hold on.', 'Actually, on second thought…'],
];
const BARE: Pool = [
  ["Let me double-check that… yep, that's right.", 'Does that look right? Yes.'],
  ['Looks good to me.', "I'm confident in that number."],
];
const LAYOUT: Pool = [
  ['bold', 'bullets', 'chain'],
  ['heading', 'numbered', 'prose'],
];
const COMPACT: Pool = [
  ['bullets', 'chain'],
  ['numbered', 'prose'],
];

// ---------------------------------------------------------------------------------------------
// Body builder

class Builder {
  s = '';
  c: PhrasingCandidate[] = [];
  t(x: string): void {
    this.s += x;
  }
  cand(v: string): void {
    this.c.push({ value: v, offset: this.s.length });
    this.s += v;
  }
}

interface Ctx {
  r: Rng;
  sp: Sp;
  b: Builder;
  p: Prob;
}

const pl = (c: Ctx, pool: Pool): string => c.r.pick(pool[c.sp]);
const lc = (x: string): string =>
  /^(That|That's|The|Every|Averaging|For|Time|Going|Two|It|Savings|Each|Re-reading|Since)\b|^A [a-z]/.test(x)
    ? x[0].toLowerCase() + x.slice(1)
    : x;
const uc = (x: string): string => x.charAt(0).toUpperCase() + x.slice(1);

function withV(c: Ctx, tpl: string, v: string): string {
  return tpl.replace('{V}', c.p.pre + v + c.p.post);
}

function emitV(c: Ctx, tpl: string, v: string): void {
  const i = tpl.indexOf('{V}');
  c.b.t(tpl.slice(0, i) + c.p.pre);
  c.b.cand(v);
  c.b.t(c.p.post + tpl.slice(i + 3));
}

function steps(c: Ctx, st: Step[], value: string, layout: string, notes: boolean): void {
  const { b, r, sp } = c;
  const bold = r.chance(0.85);
  const fin = (): void => {
    b.t((bold ? '**' : '') + c.p.pre);
    b.cand(value);
    b.t(c.p.post + (bold ? '**' : ''));
  };
  const inline = layout === 'chain' || layout === 'prose' || st.some((x) => x.block);
  let noted = !notes;
  for (let i = 0; i < st.length; i++) {
    const s = st[i];
    const last = i === st.length - 1;
    if (!noted && !inline) {
      if (s.note && r.chance(0.55)) {
        b.t(s.note[sp] + '\n' + (layout === 'bullets' || layout === 'numbered' ? '' : '\n'));
        noted = true;
      } else if (i > 0 && !last && r.chance(0.12)) {
        b.t(pl(c, NOTE) + '\n' + (layout === 'bullets' || layout === 'numbered' ? '' : '\n'));
        noted = true;
      }
    }
    const lab = s.lab[sp];
    if (s.block) {
      b.t(s.txt + '\n\n');
      continue;
    }
    if (st.some((x) => x.block)) {
      b.t(`${lab}: ${s.txt}`);
      if (last) fin();
      b.t('\n\n');
      continue;
    }
    switch (layout) {
      case 'bold':
        b.t(`**Step ${i + 1}: ${lab}**\n${s.txt}`);
        if (last) fin();
        b.t('\n\n');
        break;
      case 'bullets':
        b.t(`- **${lab}:** ${s.txt}`);
        if (last) fin();
        b.t(last ? '\n\n' : '\n');
        break;
      case 'chain':
        b.t(i ? '; ' + s.txt : uc(s.txt));
        if (last) {
          fin();
          b.t('.\n\n');
        }
        break;
      case 'heading':
        b.t(`#### ${lab}\n${s.txt}`);
        if (last) fin();
        b.t('\n\n');
        break;
      case 'numbered':
        b.t(`${i + 1}. **${lab}** — ${s.txt}`);
        if (last) fin();
        b.t(last ? '\n\n' : '\n');
        break;
      default: {
        const pre = st.length === 1 ? '' : i === 0 ? 'First, ' : last ? 'Finally, ' : 'Then ';
        b.t((i ? ' ' : '') + pre + (pre ? lc(s.txt) : uc(s.txt)));
        if (last) {
          fin();
          b.t('.\n\n');
        } else b.t('.');
      }
    }
  }
}

function head(c: Ctx): void {
  const { b, r, p, sp } = c;
  const parts: string[] = [];
  if (r.chance(0.85)) parts.push(pl(c, OPEN));
  if (r.chance(0.6)) parts.push(pl(c, LEAD));
  if (parts.length) b.t(parts.join(' ') + '\n\n');
  if (r.chance(0.45)) {
    if (sp === 0) b.t(pl(c, GIVEN) + '\n' + p.given.map((g) => `- ${g}`).join('\n') + '\n\n');
    else b.t(pl(c, GIVEN) + ' ' + p.given.join('; ') + '.\n\n');
  }
}

function attempt(c: Ctx, a: Attempt, notes: boolean, layout?: string): void {
  steps(c, a.steps, a.value, layout ?? pl(c, LAYOUT), notes);
}

function say(c: Ctx, v: string, prob: number): void {
  if (!c.r.chance(prob)) return;
  const tpl = c.r.chance(0.7) ? pl(c, c.p.say) : pl(c, SAYGEN);
  c.b.t(withV(c, tpl, v) + '\n\n');
}

function extraMerge(c: Ctx): void {
  if (c.p.extra && c.r.chance(0.6)) {
    // attach the other-format restatement to the end of the previous line
    const dot = /\.\n\n$/.test(c.b.s);
    c.b.s = c.b.s.replace(/\.?\n\n$/, '') + c.p.extra + (dot ? '.' : '') + '\n\n';
  }
}

function recap(c: Ctx): boolean {
  const rows = c.p.recap;
  if (!rows) return false;
  if (c.sp === 0) {
    c.b.t(
      '| | |\n|---|---:|\n' +
        rows.map(([l, v], i) => (i === rows.length - 1 ? `| **${l[0]}** | **${v}** |` : `| ${l[0]} | ${v} |`)).join('\n') +
        '\n\n',
    );
  } else {
    c.b.t('**Recap:** ' + rows.map(([l, v], i) => (i === rows.length - 1 ? `**${v}**` : `${l[1]} ${v}`)).join(' → ') + '\n\n');
  }
  return true;
}

function close(c: Ctx, v: string, prob = 0.7): void {
  const { r } = c;
  if (r.chance(prob)) {
    if (c.p.recap && r.chance(0.25)) recap(c);
    else c.b.t(withV(c, pl(c, CLOSE), v) + '\n\n');
  }
  if (r.chance(0.35)) c.b.t(pl(c, OFFER) + '\n\n');
}

function verify(c: Ctx, echo: boolean): void {
  c.b.t(pl(c, VERIFY) + '\n\n');
  steps(c, c.p.alt.steps, c.p.alt.value, pl(c, COMPACT), false);
  if (echo && c.r.chance(0.75)) c.b.t(pl(c, MATCH) + '\n\n');
}

function words(c: Ctx): void {
  emitV(c, c.p.words[c.sp], c.p.right.value);
  c.b.t('\n\n');
}

/** Optional non-candidate extras after a right value (no new candidates). */
function extrasRight(c: Ctx, v: string): void {
  const { r, p, sp, b } = c;
  const k = r.int(0, 5);
  if (k === 1) {
    b.t(pl(c, BARE) + (r.chance(0.5) ? ' ' + withV(c, pl(c, SAYGEN), v) : '') + '\n\n');
  } else if (k === 2) {
    b.t(p.doubt[sp] + (r.chance(0.5) ? ' ' + withV(c, pl(c, p.say), v) : '') + '\n\n');
  } else if (k === 3 && p.ball) {
    b.t(p.ball[sp] + '\n\n');
  } else if (k === 4) {
    b.t(p.sub[sp] + '\n\n');
  }
}

type Scen =
  | 'right'
  | 'rightVerify'
  | 'rightWords'
  | 'rightBoth'
  | 'wrongFix'
  | 'wrongVerifyFix'
  | 'wrongFixVerify'
  | 'wrongOnly'
  | 'wrongEcho'
  | 'rightThenWrong'
  | 'truncAfter'
  | 'truncBefore'
  | 'answerless';

const WEIGHTS: [Scen, number][] = [
  ['right', 25],
  ['rightVerify', 14],
  ['rightWords', 6],
  ['rightBoth', 3],
  ['wrongFix', 12],
  ['wrongVerifyFix', 6],
  ['wrongFixVerify', 4],
  ['wrongOnly', 6],
  ['wrongEcho', 3],
  ['rightThenWrong', 3],
  ['truncAfter', 3],
  ['truncBefore', 2],
  ['answerless', 2],
];

function build(c: Ctx, sc: Scen): void {
  const { p, b } = c;
  const R = p.right.value,
    W = p.wrong.value;
  head(c);
  switch (sc) {
    case 'right':
      attempt(c, p.right, true);
      extraMerge(c);
      say(c, R, 0.5);
      extrasRight(c, R);
      close(c, R);
      break;
    case 'rightVerify':
      attempt(c, p.right, true);
      extraMerge(c);
      say(c, R, 0.5);
      if (c.r.chance(0.3)) extrasRight(c, R);
      verify(c, true);
      close(c, R, 0.6);
      break;
    case 'rightWords':
      attempt(c, p.right, true);
      say(c, R, 0.5);
      words(c);
      close(c, R, 0.5);
      break;
    case 'rightBoth':
      attempt(c, p.right, true);
      say(c, R, 0.4);
      verify(c, true);
      words(c);
      close(c, R, 0.6);
      break;
    case 'wrongFix':
    case 'wrongFixVerify':
      attempt(c, p.wrong, true);
      say(c, W, 0.4);
      b.t(pl(c, ERR) + ' ' + p.fix[c.sp] + '\n\n' + pl(c, REDO) + '\n\n');
      attempt(c, p.right, true, pl(c, COMPACT));
      extraMerge(c);
      say(c, R, 0.5);
      if (sc === 'wrongFixVerify') verify(c, true);
      close(c, R, 0.75);
      break;
    case 'wrongVerifyFix':
      attempt(c, p.wrong, true);
      say(c, W, 0.5);
      verify(c, false);
      b.t(pl(c, MISMATCH) + ' ' + pl(c, LOOKBACK) + ' ' + lc(p.fix[c.sp]) + ' ' + pl(c, RESOLVE) + '\n\n');
      say(c, R, 0.4);
      close(c, R, 0.6);
      break;
    case 'wrongOnly':
      attempt(c, p.wrong, true);
      say(c, W, 0.5);
      if (c.r.chance(0.3)) b.t(pl(c, BARE) + '\n\n');
      close(c, W);
      break;
    case 'wrongEcho':
      attempt(c, p.wrong, true);
      say(c, W, 0.4);
      b.t(pl(c, RECHECK) + '\n\n');
      attempt(c, p.wrong, false, pl(c, COMPACT));
      if (c.r.chance(0.7)) b.t(pl(c, SAME) + '\n\n');
      close(c, W);
      break;
    case 'rightThenWrong':
      attempt(c, p.right, false);
      say(c, R, 0.5);
      b.t(pl(c, CLAIM) + ' ' + p.claim[c.sp] + '\n\n');
      attempt(c, p.wrong, false, pl(c, COMPACT));
      say(c, W, 0.4);
      close(c, W);
      break;
    case 'answerless': {
      const st = p.right.steps.slice(0, -1);
      const layout = pl(c, COMPACT);
      for (let i = 0; i < st.length; i++) {
        if (layout === 'bullets') b.t(`- **${st[i].lab[0]}:** ${st[i].txt}\n`);
        else if (layout === 'numbered') b.t(`${i + 1}. **${st[i].lab[1]}** — ${st[i].txt}\n`);
        else b.t((i ? ' ' : '') + st[i].txt + (i === st.length - 1 ? '.\n' : ';'));
      }
      b.t('\n' + p.ask[c.sp] + '\n\n');
      if (c.r.chance(0.5)) b.t(pl(c, OFFER) + '\n');
      break;
    }
    default:
      break;
  }
}

function cutPoints(body: string, lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(lo, 1); i < hi; i++) if (body[i] === ' ' && /[A-Za-z0-9,]/.test(body[i - 1])) out.push(i);
  return out;
}

function pickScen(r: Rng): Scen {
  const tot = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * tot;
  for (const [sc, w] of WEIGHTS) {
    if ((x -= w) < 0) return sc;
  }
  return 'right';
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const sp: Sp = split === 'dev' ? 0 : 1;
  const r = new Rng(mulberry32((seed * 2654435761) ^ (sp ? 0x5bd1e995 : 0x1b873593)));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const gen = PROBLEMS[Math.floor(r.next() * PROBLEMS.length)];
    const p = gen(r, sp);
    let sc = pickScen(r);
    let truncated = false;
    let c: Ctx = { r, sp, b: new Builder(), p };
    if (sc === 'truncAfter' || sc === 'truncBefore') {
      const base: Scen =
        sc === 'truncBefore' ? 'right' : r.pick(['rightVerify', 'wrongFix', 'rightWords', 'wrongVerifyFix', 'wrongFixVerify'] as Scen[]);
      build(c, base);
      const { s: body, c: cands } = c.b;
      let cut: number | null = null;
      let keep = 0;
      if (sc === 'truncBefore') {
        const pts = cutPoints(body, Math.floor(cands[0].offset * 0.35), cands[0].offset - 1);
        if (pts.length) cut = r.pick(pts);
      } else if (cands.length >= 2) {
        keep = r.int(1, cands.length - 1);
        const pts = cutPoints(body, cands[keep - 1].offset + cands[keep - 1].value.length + 3, cands[keep].offset - 1);
        if (pts.length) cut = r.pick(pts);
      }
      if (cut !== null) {
        c.b.s = body.slice(0, cut);
        c.b.c = cands.slice(0, keep);
        truncated = true;
      } else sc = base;
    } else {
      build(c, sc);
    }
    const body = c.b.s.replace(/\s+$/, '');
    const cands = c.b.c;
    const headers: Record<string, string> = { query: p.query, answer: p.answer, task: p.task };
    if (truncated) headers.truncated = 'true';
    out.push({
      id: `${family}-${split}-${seed}-${i}`,
      headers,
      body,
      candidates: cands.map((x) => ({ ...x })),
      final: truncated || cands.length === 0 ? null : cands[cands.length - 1].value,
    });
    c = { r, sp, b: new Builder(), p };
  }
  return out;
}
