// Phrasing family: multiple-choice reasoning (GPQA / MMLU / AQuA style).
//
// The query holds a word problem and its lettered options; the response computes the asked
// quantity, matches it to an option, eliminates distractors, sometimes slips onto a distractor and
// corrects itself, sometimes re-verifies. The candidate answers are the option LETTERS the model
// commits to (the asked quantity of a multiple-choice question is the choice); computed numbers,
// letters mentioned while eliminating, restated letters and drafts after a commitment are not
// candidates. Self-contained: no imports.

export const family = 'mcq-reasoning';

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

// ---------------------------------------------------------------------------------------------
// Small utilities

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
function pick<T>(r: Rng, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
const chance = (r: Rng, p: number): boolean => r() < p;
function shuffle<T>(r: Rng, xs: T[]): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;
function commas(s: string): string {
  const [i, f] = s.split('.');
  const neg = i.startsWith('-');
  const w = (neg ? i.slice(1) : i).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + w + (f !== undefined ? '.' + f : '');
}
/** Cents -> "$1,234.50". */
const money = (c: number): string => '$' + commas((Math.round(c) / 100).toFixed(2));
/** Cents -> "1234.50" (no sign, no separators), as in a bare calculation. */
const f2 = (c: number): string => (Math.round(c) / 100).toFixed(2);
/** Number with at most p decimals, trailing zeros dropped. */
function dec(x: number, p = 2): string {
  let s = x.toFixed(p);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}
function frac(n: number, d: number): string {
  const g = gcd(n, d);
  return d / g === 1 ? String(n / g) : `${n / g}/${d / g}`;
}
const isCent = (x: number): boolean => Math.abs(x * 100 - Math.round(x * 100)) < 1e-9;

// ---------------------------------------------------------------------------------------------
// Problems. Each generator builds a problem from random parameters and computes the truth; the
// distractors are plausible mistakes, each with the slip that produces it. `H` selects the
// heldout phrasing of the derivation lines (dev and heldout never share a sentence template).

interface Slip {
  lines: string[]; // a derivation that ends in a distractor's value
  v: string; // that value, exactly as the option shows it
  fix: string[]; // [explanation, ...re-derivation lines ending in the correct value]
  redo: string[]; // re-doing the slip's arithmetic (same wrong value, new work)
}
interface Distractor {
  v: string;
  why: string | null; // gerund phrase: how the value arises ("forgetting the sales tax")
}
interface Prob {
  topic: string;
  level: string;
  stem: string;
  q: string; // the asked quantity, as a noun phrase
  correct: string;
  solve: string[];
  check: string[]; // another method, ending in the correct value
  wordcheck: string[]; // a re-check in words that re-examines a condition and recomputes
  slips: Slip[];
  distractors: Distractor[];
  stray?: { lines: string[]; v: string }; // a wrong route to a value that no option has
}

type Gen = (r: Rng, H: boolean) => Prob | null;

function distinct(p: Prob): Prob | null {
  const vs = [p.correct, ...p.distractors.map((d) => d.v)];
  if (new Set(vs).size !== vs.length) return null;
  for (const s of p.slips) if (!p.distractors.some((d) => d.v === s.v)) return null;
  if (p.stray && vs.includes(p.stray.v)) p.stray = undefined;
  return p;
}

const shop: Gen = (r, H) => {
  const P = 20 * ri(r, 2, 22);
  const d = pick(r, [15, 20, 25, 30, 40]);
  const t = pick(r, [5, 6, 8, 10]);
  const item = pick(r, ['jacket', 'pair of boots', 'desk lamp', 'backpack', 'blender', 'winter coat', 'toaster oven', 'office chair']);
  const discC = P * d;
  const saleC = P * (100 - d);
  const taxC = (saleC * t) / 100;
  const totC = saleC + taxC;
  const netC = P * (100 - d + t);
  const noDiscC = P * (100 + t);
  const subTaxC = saleC - taxC;
  const kd = dec((100 - d) / 100);
  const kt = dec((100 + t) / 100);
  const kn = dec((100 - d + t) / 100);
  const m = dec(((100 - d) * (100 + t)) / 10000, 4);
  const tp = (t / 100).toFixed(2);
  const dtC = (P * d * t) / 100;
  const solve = H
    ? [
        `After ${d}% off: ${P} × ${kd} = ${f2(saleC)}.`,
        `Then add ${t}% tax: ${f2(saleC)} × ${kt} = ${f2(totC)}.`,
        `So the customer pays ${money(totC)}.`,
      ]
    : [
        `The discount is ${d}% of $${P}, which is ${money(discC)}, so the sale price is $${P} − ${money(discC)} = ${money(saleC)}.`,
        `The tax is ${t}% of ${money(saleC)}: ${money(saleC)} × ${tp} = ${money(taxC)}.`,
        `Total: ${money(saleC)} + ${money(taxC)} = ${money(totC)}.`,
      ];
  return distinct({
    topic: 'percent',
    level: 'easy',
    stem: `A ${item} is priced at $${P}. It is on sale for ${d}% off, and then ${t}% sales tax is added to the sale price. How much does the customer pay?`,
    q: H ? 'the amount paid at the register' : 'the final price',
    correct: money(totC),
    solve,
    check: H
      ? [`One combined multiplier: ${kd} × ${kt} = ${m}.`, `${P} × ${m} = ${f2(totC)}, i.e. ${money(totC)}.`]
      : [`Tax first, then the discount: $${P} × ${kt} = ${money(noDiscC)}, and ${money(noDiscC)} × ${kd} = ${money(totC)}.`],
    wordcheck: H
      ? [
          `Re-reading the problem: the ${t}% is added to the sale price, so the tax base is ${money(saleC)}, not $${P}.`,
          `That tax is ${money(taxC)}, and ${money(saleC)} + ${money(taxC)} = ${money(totC)}.`,
        ]
      : [
          `Wait, is the tax charged on $${P} or on the sale price? The problem says the sale price, ${money(saleC)}.`,
          `${t}% of that is ${money(taxC)}, and ${money(saleC)} + ${money(taxC)} = ${money(totC)}.`,
        ],
    slips: [
      {
        lines: H
          ? [`After ${d}% off: ${P} × ${kd} = ${f2(saleC)}.`, `So the price comes to ${money(saleC)}.`]
          : [`${d}% of $${P} is ${money(discC)}, so the customer pays $${P} − ${money(discC)} = ${money(saleC)}.`],
        v: money(saleC),
        fix: H
          ? [
              `I dropped the tax: ${t}% still has to be added to the sale price.`,
              `${f2(saleC)} × ${kt} = ${f2(totC)}, i.e. ${money(totC)}.`,
            ]
          : [`The ${t}% sales tax still has to be added on top of the sale price.`, `${money(saleC)} × ${kt} = ${money(totC)}.`],
        redo: H
          ? [`${P} × ${kd}: ${P} − ${dec((P * d) / 100)} = ${f2(saleC)}.`]
          : [`Redoing the subtraction: $${P} − ${money(discC)} = ${money(saleC)}.`],
      },
      {
        lines: H
          ? [`Combine the percentages: ${t} − ${d} = −${d - t}, so the price drops by ${d - t}%.`, `${P} × ${kn} = ${f2(netC)}.`]
          : [`Net change: −${d}% + ${t}% = −${d - t}%.`, `So the customer pays $${P} × ${kn} = ${money(netC)}.`],
        v: money(netC),
        fix: H
          ? [`The ${t}% applies to the discounted amount, so the two changes multiply rather than add.`, ...solve]
          : [`Percentages applied one after another don't simply add: the tax is ${t}% of the reduced price, not of $${P}.`, ...solve],
        redo: H
          ? [`100 − ${d} + ${t} = ${100 - d + t}, and ${P} × ${kn} = ${f2(netC)}.`]
          : [`$${P} × ${kn}: that is ${money(netC)} again.`],
      },
    ],
    distractors: [
      { v: money(saleC), why: 'forgetting the sales tax' },
      { v: money(netC), why: `netting the two percentages into a single ${d - t}% discount` },
      { v: money(noDiscC), why: 'leaving out the discount' },
      { v: money(subTaxC), why: 'subtracting the tax instead of adding it' },
    ],
    stray: {
      lines: H
        ? [`Discount ${f2(discC)}; tax on the discount ${f2(dtC)}; so ${f2(saleC)} + ${f2(dtC)} = ${f2(saleC + dtC)}.`]
        : [
            `The discount is ${money(discC)}, and the tax on that is ${money(dtC)}, so the price is ${money(saleC)} + ${money(dtC)} = ${money(saleC + dtC)}.`,
          ],
      v: money(saleC + dtC),
    },
  });
};

const speed: Gen = (r, H) => {
  const pairs = [
    [30, 60],
    [40, 60],
    [60, 90],
    [20, 30],
    [45, 90],
    [36, 45],
    [50, 75],
    [40, 120],
    [30, 45],
    [24, 40],
    [30, 70],
    [42, 56],
    [35, 140],
    [20, 60],
    [48, 80],
    [60, 84],
  ];
  let [v1, v2] = pick(r, pairs);
  if (chance(r, 0.4)) [v1, v2] = [v2, v1];
  const [u, du] = pick(r, [
    ['km/h', 'km'],
    ['mph', 'miles'],
  ] as const);
  const veh = pick(r, ['A delivery van', 'A courier', 'A bus', 'A driver', 'A motorcyclist']);
  const [c1, c2] = pick(r, [
    ['Millbrook', 'Hartfield'],
    ['Oakton', 'Riverside'],
    ['Kelso', 'Dunmore'],
    ['Norwood', 'Fairview'],
    ['Linton', 'Gresham'],
  ]);
  const h = (2 * v1 * v2) / (v1 + v2);
  const mean = (v1 + v2) / 2;
  const hh = h / 2;
  const D = lcm(v1, v2);
  const t1 = D / v1;
  const t2 = D / v2;
  const slow = Math.min(v1, v2);
  const fmt = (x: number) => `${dec(x)} ${u}`;
  const g = Math.sqrt(v1 * v2);
  const solve = H
    ? [
        `With equal distances the average speed is the harmonic mean: 2·${v1}·${v2}/(${v1} + ${v2}).`,
        `That's ${2 * v1 * v2}/${v1 + v2} = ${dec(h)} ${u}.`,
      ]
    : [
        `Pick a convenient one-way distance: ${D} ${du}.`,
        `Going: ${D}/${v1} = ${t1} h. Returning: ${D}/${v2} = ${t2} h.`,
        `Average speed = total distance / total time = ${2 * D}/${t1 + t2} = ${dec(h)} ${u}.`,
      ];
  return distinct({
    topic: 'rates',
    level: 'medium',
    stem: `${veh} travels from ${c1} to ${c2} at ${v1} ${u} and returns along the same route at ${v2} ${u}. What is the average speed for the entire round trip?`,
    q: H ? 'the round-trip average speed' : 'the average speed over the whole trip',
    correct: fmt(h),
    solve,
    check: H
      ? [`Say each leg is ${D} ${du}: ${t1} h out and ${t2} h back, so ${2 * D} ${du} in ${t1 + t2} h, which is ${dec(h)} ${u}.`]
      : [`Using 2v₁v₂/(v₁ + v₂) directly: 2 × ${v1} × ${v2} = ${2 * v1 * v2}, divided by ${v1 + v2} gives ${dec(h)}.`],
    wordcheck: H
      ? [
          `Sanity check on a longer distance, ${2 * D} ${du} each way: ${2 * t1} h + ${2 * t2} h = ${2 * (t1 + t2)} h for ${4 * D} ${du}, i.e. ${dec(h)} ${u} again.`,
        ]
      : [
          `Wait, should the average be pulled toward the slower speed? Yes: more time is spent at ${slow} ${u}, so the answer must be below the plain mean of ${dec(mean)}.`,
          `${dec(h)} is, and 2 × ${v1} × ${v2}/${v1 + v2} = ${dec(h)} confirms it.`,
        ],
    slips: [
      {
        lines: H ? [`Mean of ${v1} and ${v2}: ${dec(mean)} ${u}.`] : [`Average of the two speeds: (${v1} + ${v2})/2 = ${dec(mean)} ${u}.`],
        v: fmt(mean),
        fix: H
          ? [`The legs take different times, so a plain mean of the speeds is wrong; I need total distance over total time.`, ...solve]
          : [
              `Averaging the speeds only works when equal time is spent at each. Here the distances are equal, so the slower leg takes longer.`,
              ...solve,
            ],
        redo: H ? [`(${v1} + ${v2})/2 = ${dec(mean)} again.`] : [`${v1} + ${v2} = ${v1 + v2}, and half of that is ${dec(mean)}.`],
      },
      {
        lines: H
          ? [`Harmonic-type average: ${v1}·${v2}/(${v1} + ${v2}) = ${v1 * v2}/${v1 + v2} = ${dec(hh)} ${u}.`]
          : [`The average for two equal legs is v₁v₂/(v₁ + v₂) = ${v1 * v2}/${v1 + v2} = ${dec(hh)} ${u}.`],
        v: fmt(hh),
        fix: H
          ? [`An average below both speeds is impossible — I dropped the factor of 2.`, `2 × ${dec(hh)} = ${dec(h)} ${u}.`]
          : [
              `I left out the factor of 2 in 2v₁v₂/(v₁ + v₂); the average can't be slower than both legs.`,
              `2 × ${v1 * v2}/${v1 + v2} = ${dec(h)} ${u}.`,
            ],
        redo: H ? [`${v1 * v2} ÷ ${v1 + v2} = ${dec(hh)}.`] : [`${v1} × ${v2} = ${v1 * v2}, over ${v1 + v2} is ${dec(hh)}.`],
      },
    ],
    distractors: [
      { v: fmt(mean), why: 'averaging the two speeds' },
      { v: fmt(hh), why: 'dropping the factor of 2 from the harmonic mean' },
      { v: fmt(v1 + v2), why: 'adding the two speeds' },
      { v: fmt(2 * mean - h), why: null },
    ],
    stray: {
      lines: H
        ? [`Geometric mean of the speeds: √${v1 * v2} ≈ ${dec(g, 1)} ${u}.`]
        : [`Maybe the right average here is the geometric mean: √(${v1} × ${v2}) = √${v1 * v2} ≈ ${dec(g, 1)} ${u}.`],
      v: `${dec(g, 1)} ${u}`,
    },
  });
};

const kinem: Gen = (r, H) => {
  const u = pick(r, [2, 3, 4, 5, 6, 8, 10, 12]);
  const a = pick(r, [2, 3, 4, 5]);
  const t = pick(r, [4, 5, 6, 8, 10]);
  const ut = u * t;
  const half = (a * t * t) / 2;
  const s = ut + half;
  const s2 = ut + a * t * t;
  const v = u + a * t;
  const avg = (u + v) / 2;
  const fmt = (x: number) => `${dec(x)} m`;
  const solve = H
    ? [
        `Displacement under constant acceleration: s = ut + at²/2.`,
        `Plugging in: ${u}·${t} + ${a}·${t * t}/2 = ${ut} + ${dec(half)} = ${dec(s)} m.`,
      ]
    : [
        `Use s = ut + ½at².`,
        `ut = ${u} × ${t} = ${ut} m.`,
        `½at² = ½ × ${a} × ${t}² = ½ × ${a * t * t} = ${dec(half)} m.`,
        `s = ${ut} + ${dec(half)} = ${dec(s)} m.`,
      ];
  return distinct({
    topic: 'kinematics',
    level: 'medium',
    stem: `A car moving at ${u} m/s accelerates uniformly at ${a} m/s² for ${t} s. How far does it travel during those ${t} seconds?`,
    q: H ? 'the displacement during the acceleration' : 'the distance covered',
    correct: fmt(s),
    solve,
    check: H
      ? [
          `Via average velocity: v = ${u} + ${a}·${t} = ${v} m/s; mean velocity (${u} + ${v})/2 = ${dec(avg)} m/s; distance ${dec(avg)}·${t} = ${dec(s)} m.`,
        ]
      : [
          `The final speed is ${u} + ${a} × ${t} = ${v} m/s, so the average speed is (${u} + ${v})/2 = ${dec(avg)} m/s, and ${dec(avg)} × ${t} = ${dec(s)} m.`,
        ],
    wordcheck: H
      ? [
          `Bounds check: at a steady ${u} m/s it would cover ${ut} m, at a steady ${v} m/s ${v * t} m. The true distance must sit between, and ${ut} + ${dec(half)} = ${dec(s)} m does.`,
        ]
      : [
          `Does that make sense? At a constant ${u} m/s the car would go ${ut} m, and at its top speed of ${v} m/s it would go ${v * t} m.`,
          `The actual distance has to lie between those, and ${ut} + ${dec(half)} = ${dec(s)} m does.`,
        ],
    slips: [
      {
        lines: H
          ? [`s = ut + at² = ${ut} + ${a}·${t * t} = ${dec(s2)} m.`]
          : [`s = ut + at² = ${ut} + ${a} × ${t * t} = ${ut} + ${a * t * t} = ${dec(s2)} m.`],
        v: fmt(s2),
        fix: H
          ? [
              `The acceleration term carries a factor ½ — I used at² instead of at²/2.`,
              `${a}·${t * t}/2 = ${dec(half)}, so s = ${ut} + ${dec(half)} = ${dec(s)} m.`,
            ]
          : [
              `The acceleration term is ½at², not at²; I dropped the one half.`,
              `½ × ${a} × ${t * t} = ${dec(half)}, so s = ${ut} + ${dec(half)} = ${dec(s)} m.`,
            ],
        redo: H
          ? [`${a}·${t * t} = ${a * t * t}; plus ${ut} gives ${dec(s2)}.`]
          : [`${a} × ${t * t} = ${a * t * t}, and ${a * t * t} + ${ut} = ${dec(s2)}.`],
      },
      {
        lines: H
          ? [`Top speed ${u} + ${a}·${t} = ${v} m/s; times ${t} s gives ${v * t} m.`]
          : [`The car reaches ${u} + ${a} × ${t} = ${v} m/s, and ${v} × ${t} = ${v * t} m.`],
        v: fmt(s2),
        fix: H
          ? [`That uses the final speed for the whole interval, but the car only reaches ${v} m/s at the very end.`, ...solve]
          : [`The car is only at ${v} m/s at the very end, so multiplying it by the whole time overcounts.`, ...solve],
        redo: H ? [`${v}·${t} = ${v * t}.`] : [`${v} × ${t} is ${v * t}.`],
      },
    ],
    distractors: [
      { v: fmt(s2), why: 'dropping the ½ in ½at²' },
      { v: fmt(half), why: 'ignoring the initial speed' },
      { v: fmt(ut), why: 'ignoring the acceleration' },
      { v: fmt((v * t) / 2), why: 'taking the average speed as half the final speed' },
    ],
    stray: {
      lines: H
        ? [`s = ut + at = ${ut} + ${a * t} = ${ut + a * t} m.`]
        : [`s = ${u} × ${t} + ${a} × ${t} = ${ut} + ${a * t} = ${ut + a * t} m.`],
      v: fmt(ut + a * t),
    },
  });
};

const prob: Gen = (r, H) => {
  const rr = ri(r, 3, 7);
  const b = ri(r, 2, 7);
  const n = rr + b;
  const [c1, c2] = pick(r, [
    ['red', 'blue'],
    ['green', 'white'],
    ['black', 'yellow'],
  ]);
  const thing = pick(r, ['marbles', 'balls', 'beads', 'tokens']);
  const corr = frac(rr * (rr - 1), n * (n - 1));
  const rawC = `${rr * (rr - 1)}/${n * (n - 1)}`;
  const eqC = rawC === corr ? '' : ` = ${corr}`;
  const rep = frac(rr * rr, n * n);
  const eqR = `${rr * rr}/${n * n}` === rep ? '' : ` = ${rep}`;
  const cr = (rr * (rr - 1)) / 2;
  const cn = (n * (n - 1)) / 2;
  const none = frac(b * (b - 1), n * (n - 1));
  const atLeast = frac(n * (n - 1) - b * (b - 1), n * (n - 1));
  const solve = H
    ? [
        `First draw ${c1}: \\frac{${rr}}{${n}}; second draw ${c1} given the first was: \\frac{${rr - 1}}{${n - 1}}.`,
        `Product: \\frac{${rr * (rr - 1)}}{${n * (n - 1)}}${eqC}.`,
      ]
    : [
        `P(first ${c1}) = ${rr}/${n}.`,
        `Given that, P(second ${c1}) = ${rr - 1}/${n - 1}.`,
        `Multiply: ${rr}/${n} × ${rr - 1}/${n - 1} = ${rawC}${eqC}.`,
      ];
  return distinct({
    topic: 'probability',
    level: pick(r, ['medium', 'hard']),
    stem: `A bag contains ${rr} ${c1} and ${b} ${c2} ${thing}. Two ${thing} are drawn at random without replacement. What is the probability that both are ${c1}?`,
    q: H ? `P(both ${c1})` : `the probability that both draws are ${c1}`,
    correct: corr,
    solve,
    check: H
      ? [`Combinatorially: \\binom{${rr}}{2}/\\binom{${n}}{2} = ${cr}/${cn} = ${corr}.`]
      : [`Counting pairs instead: C(${rr},2) = ${cr} ${c1} pairs out of C(${n},2) = ${cn} pairs in total, so ${cr}/${cn} = ${corr}.`],
    wordcheck: H
      ? [
          `Re-reading: "without replacement" — so after one ${c1} is gone there are ${rr - 1} ${c1} among ${n - 1}. Ordered ${c1}-${c1} draws: ${rr * (rr - 1)} out of ${n * (n - 1)}, which is ${corr}.`,
        ]
      : [
          `Wait, is the second draw really out of ${n - 1}? Yes, nothing is put back. Counting ordered draws: ${rr} × ${rr - 1} = ${rr * (rr - 1)} favourable out of ${n} × ${n - 1} = ${n * (n - 1)}, again ${corr}.`,
        ],
    slips: [
      {
        lines: H
          ? [
              `Each draw is ${c1} with probability \\frac{${rr}}{${n}}, so the answer is (\\frac{${rr}}{${n}})^2 = ${rr * rr}/${n * n}${eqR}.`,
            ]
          : [`Each draw is ${c1} with probability ${rr}/${n}, so P(both) = (${rr}/${n})² = ${rr * rr}/${n * n}${eqR}.`],
        v: rep,
        fix: H
          ? [`Those draws aren't independent: without replacement the second is from ${n - 1} ${thing}, ${rr - 1} of them ${c1}.`, ...solve]
          : [
              `The first ${thing.slice(0, -1)} isn't put back, so the second draw is from ${n - 1} ${thing}, only ${rr - 1} of them ${c1}.`,
              ...solve,
            ],
        redo: H ? [`${rr}² = ${rr * rr} and ${n}² = ${n * n}, so ${rep}.`] : [`(${rr}/${n})² = ${rr * rr}/${n * n}${eqR}, yes.`],
      },
      {
        lines: H
          ? [`P(no ${c1}) = \\frac{${b}}{${n}}·\\frac{${b - 1}}{${n - 1}} = ${none}, so 1 − ${none} = ${atLeast}.`]
          : [`P(neither is ${c1}) = ${b}/${n} × ${b - 1}/${n - 1} = ${none}.`, `So the probability is 1 − ${none} = ${atLeast}.`],
        v: atLeast,
        fix: H
          ? [`1 − P(no ${c1}) is the chance of at least one ${c1}; the question wants both ${c1}.`, ...solve]
          : [`That's the probability of at least one ${c1}, but the question asks for both to be ${c1}.`, ...solve],
        redo: H ? [`1 − ${none} = ${atLeast}.`] : [`Complement again: 1 − ${none} = ${atLeast}.`],
      },
    ],
    distractors: [
      { v: rep, why: 'drawing with replacement' },
      { v: atLeast, why: `computing the chance of at least one ${c1}` },
      { v: frac(2 * rr * b, n * (n - 1)), why: `computing the chance of exactly one ${c1}` },
      { v: frac(rr, n), why: 'giving the probability for a single draw' },
    ],
    stray: {
      lines: H
        ? [`P = \\frac{${rr}}{${n}} + \\frac{${rr - 1}}{${n - 1}} = ${frac(rr * (n - 1) + (rr - 1) * n, n * (n - 1))}.`]
        : [`P = ${rr}/${n} + ${rr - 1}/${n - 1} = ${frac(rr * (n - 1) + (rr - 1) * n, n * (n - 1))}.`],
      v: frac(rr * (n - 1) + (rr - 1) * n, n * (n - 1)),
    },
  });
};

const sumdiff: Gen = (r, H) => {
  const x = ri(r, 12, 45);
  const y = ri(r, 4, x - 3);
  const S = x + y;
  const D = x - y;
  const c = (k: number) => commas(String(k));
  const solve = H
    ? [`Larger = (${S} + ${D})/2 = ${x}, smaller = (${S} − ${D})/2 = ${y}.`, `So the product is ${x}·${y} = ${c(x * y)}.`]
    : [
        `Let the numbers be x and y with x + y = ${S} and x − y = ${D}.`,
        `Adding: 2x = ${S + D}, so x = ${x}; then y = ${S} − ${x} = ${y}.`,
        `Product: ${x} × ${y} = ${c(x * y)}.`,
      ];
  return distinct({
    topic: 'algebra',
    level: 'easy',
    stem: `The sum of two numbers is ${S} and their difference is ${D}. What is their product?`,
    q: H ? 'the product of the two numbers' : 'their product',
    correct: c(x * y),
    solve,
    check: H
      ? [`Alternatively (S² − D²)/4 = (${S}² − ${D}²)/4 = (${c(S * S)} − ${c(D * D)})/4 = ${c(x * y)}.`]
      : [`Using the identity xy = ((x+y)² − (x−y)²)/4: (${c(S * S)} − ${c(D * D)})/4 = ${c(S * S - D * D)}/4 = ${c(x * y)}.`],
    wordcheck: H
      ? [`Plug the pair back into the conditions: ${x} + ${y} = ${S} ✓, ${x} − ${y} = ${D} ✓. And ${x} × ${y} = ${c(x * y)}.`]
      : [
          `Plugging back: ${x} + ${y} = ${S} ✓ and ${x} − ${y} = ${D} ✓, so the numbers are right and their product is ${x} × ${y} = ${c(x * y)}.`,
        ],
    slips: [
      {
        lines: H ? [`Larger = (${S} + ${D})/2 = ${x}.`] : [`Adding the two equations: 2x = ${S + D}, so x = ${x}.`],
        v: c(x),
        fix: H
          ? [`I stopped at the larger number — the question wants the product.`, `y = ${S} − ${x} = ${y}, product ${x}·${y} = ${c(x * y)}.`]
          : [
              `The question asks for the product, not the larger number.`,
              `y = ${S} − ${x} = ${y}, so the product is ${x} × ${y} = ${c(x * y)}.`,
            ],
        redo: H ? [`${S} + ${D} = ${S + D}, halved ${x}.`] : [`(${S} + ${D})/2 = ${S + D}/2 = ${x}.`],
      },
      {
        lines: H
          ? [`xy = (S² − D²)/2 = (${c(S * S)} − ${c(D * D)})/2 = ${c(2 * x * y)}.`]
          : [`Using xy = (S² − D²)/2: (${c(S * S)} − ${c(D * D)})/2 = ${c(2 * x * y)}.`],
        v: c(2 * x * y),
        fix: H
          ? [`(x+y)² − (x−y)² = 4xy, so the divisor is 4, not 2.`, `${c(S * S - D * D)}/4 = ${c(x * y)}.`]
          : [`The identity is (S² − D²)/4, since (x+y)² − (x−y)² = 4xy.`, `${c(S * S - D * D)}/4 = ${c(x * y)}.`],
        redo: H
          ? [`${c(S * S - D * D)}/2 = ${c(2 * x * y)}.`]
          : [`${c(S * S)} − ${c(D * D)} = ${c(S * S - D * D)}, half is ${c(2 * x * y)}.`],
      },
    ],
    distractors: [
      { v: c(x), why: 'stopping at the larger number' },
      { v: c(S * D), why: 'multiplying the sum by the difference' },
      { v: c(2 * x * y), why: 'dividing by 2 instead of 4 in (S² − D²)/4' },
      { v: c(y), why: 'giving the smaller number' },
    ],
    stray: {
      lines: H
        ? [`xy = (S² + D²)/4 = (${c(S * S)} + ${c(D * D)})/4 = ${dec((S * S + D * D) / 4)}.`]
        : [`xy = (${S}² + ${D}²)/4 = (${c(S * S)} + ${c(D * D)})/4 = ${dec((S * S + D * D) / 4)}.`],
      v: commas(dec((S * S + D * D) / 4)),
    },
  });
};

const work: Gen = (r, H) => {
  const pairs = [
    [3, 6],
    [4, 12],
    [6, 12],
    [10, 15],
    [12, 24],
    [5, 20],
    [20, 30],
    [12, 36],
    [15, 30],
    [8, 24],
    [6, 30],
    [10, 40],
    [4, 6],
    [6, 9],
    [2, 3],
    [9, 18],
    [3, 12],
    [6, 10],
  ];
  let [a, b] = pick(r, pairs);
  if (chance(r, 0.3)) [a, b] = [b, a];
  const [n1, n2] = pick(r, [
    ['Priya', 'Tom'],
    ['Marco', 'Lena'],
    ['Grace', 'Omar'],
    ['Ivan', 'Sofia'],
    ['Hana', 'Luis'],
  ]);
  const T = (a * b) / (a + b);
  const L = lcm(a, b);
  const ra = L / a;
  const rb = L / b;
  const mean = (a + b) / 2;
  const mn = Math.min(a, b);
  const hrs = (x: number) => `${dec(x)} hours`;
  const fT = frac(a * b, a + b);
  const solve = H
    ? [
        `Treat the fence as ${L} panels: ${n1} paints ${ra} per hour, ${n2} paints ${rb} per hour.`,
        `Together ${ra + rb} per hour, so ${L}/${ra + rb} = ${dec(T)} hours.`,
      ]
    : [
        `${n1}'s rate: 1/${a} of the fence per hour; ${n2}'s rate: 1/${b}.`,
        `Combined: 1/${a} + 1/${b} = ${frac(a + b, a * b)} of the fence per hour.`,
        `Time = 1 ÷ ${frac(a + b, a * b)} = ${fT === dec(T) ? '' : fT + ' = '}${dec(T)} hours.`,
      ];
  return distinct({
    topic: 'work-rate',
    level: 'medium',
    stem: `${n1} can paint a fence in ${a} hours, and ${n2} can paint the same fence in ${b} hours. Working together at these rates, how long will it take them to paint the fence?`,
    q: H ? 'the combined time' : 'how long the two take together',
    correct: hrs(T),
    solve,
    check: H
      ? [`Rates: 1/${a} + 1/${b} = ${frac(a + b, a * b)} fence per hour, so the time is ${fT}${fT === dec(T) ? '' : ' = ' + dec(T)} hours.`]
      : [
          `Say the fence has ${L} boards: that's ${ra} + ${rb} = ${ra + rb} boards an hour together, and ${L} ÷ ${ra + rb} = ${dec(T)} hours.`,
        ],
    wordcheck: H
      ? [
          `Wait — together they must beat the faster painter's ${mn} hours: ${dec(T)} < ${mn} ✓.`,
          `In ${dec(T)} hours ${n1} does ${frac(b, a + b)} of the fence and ${n2} does ${frac(a, a + b)}, which add to 1 ✓, so the time is ${dec(T)} hours.`,
        ]
      : [
          `Sanity check: in ${dec(T)} hours ${n1} paints ${frac(b, a + b)} of the fence and ${n2} paints ${frac(a, a + b)}; these add to 1, and ${dec(T)} is less than ${mn} hours, as it must be.`,
        ],
    slips: [
      {
        lines: H
          ? [`On average each takes (${a} + ${b})/2 = ${dec(mean)} hours, so that's the joint time.`]
          : [`Average time: (${a} + ${b})/2 = ${dec(mean)} hours.`],
        v: hrs(mean),
        fix: H
          ? [`Working together can't be slower than the faster painter alone (${mn} hours); rates add, times don't.`, ...solve]
          : [`Two people working together must finish faster than either alone, so the answer has to be under ${mn} hours.`, ...solve],
        redo: H ? [`(${a} + ${b})/2 = ${dec(mean)}.`] : [`${a} + ${b} = ${a + b}, halved: ${dec(mean)}.`],
      },
      {
        lines: H ? [`Total time: ${a} + ${b} = ${a + b} hours.`] : [`Adding the times: ${a} + ${b} = ${a + b} hours.`],
        v: hrs(a + b),
        fix: H
          ? [`Adding times would be one after the other; working at once, their rates add.`, ...solve]
          : [`That's the time if they painted one after the other; working together, the rates add.`, ...solve],
        redo: H ? [`${a} + ${b} = ${a + b}.`] : [`${a} plus ${b} is ${a + b}.`],
      },
    ],
    distractors: [
      { v: hrs(mean), why: 'averaging the two times' },
      { v: hrs(a + b), why: 'adding the two times' },
      { v: hrs(Math.abs(b - a)), why: 'subtracting one time from the other' },
      { v: hrs(2 * T), why: null },
    ],
    stray: {
      lines: H
        ? [`Joint rate 1/${a} + 1/${b} = ${frac(a + b, a * b)}, so they need ${frac(a + b, a * b)} hours.`]
        : [`Combined: 1/${a} + 1/${b} = ${frac(a + b, a * b)}, so the job takes ${frac(a + b, a * b)} hours.`],
      v: `${frac(a + b, a * b)} hours`,
    },
  });
};

const resist: Gen = (r, H) => {
  for (let k = 0; k < 40; k++) {
    const V = pick(r, [6, 12, 18, 24, 36]);
    const R1 = pick(r, [2, 3, 4, 6, 8, 9, 12]);
    const R2 = pick(r, [2, 3, 4, 6, 8, 9, 12]);
    if (R1 === R2) continue;
    const I1 = V / R1;
    const I2 = V / R2;
    const Is = V / (R1 + R2);
    if (!isCent(I1) || !isCent(I2) || !isCent(Is)) continue;
    const I = I1 + I2;
    const Req = (R1 * R2) / (R1 + R2);
    const reqExact = isCent(Req);
    const reqS = reqExact ? dec(Req) : frac(R1 * R2, R1 + R2);
    const amp = (x: number) => `${dec(x)} A`;
    const solve = H
      ? [
          `Branch currents by Ohm's law: ${V} V / ${R1} Ω = ${dec(I1)} A and ${V} V / ${R2} Ω = ${dec(I2)} A.`,
          `Parallel branch currents add: I = ${dec(I1)} + ${dec(I2)} = ${dec(I)} A.`,
        ]
      : [
          `Each branch has the full ${V} V across it.`,
          `I₁ = ${V}/${R1} = ${dec(I1)} A and I₂ = ${V}/${R2} = ${dec(I2)} A.`,
          `Total current: ${dec(I1)} + ${dec(I2)} = ${dec(I)} A.`,
        ];
    const VR = V * Req;
    return distinct({
      topic: 'circuits',
      level: 'medium',
      stem: `A ${R1} Ω resistor and a ${R2} Ω resistor are connected in parallel across a ${V} V battery. What is the total current drawn from the battery?`,
      q: H ? 'the current supplied by the battery' : 'the total current',
      correct: amp(I),
      solve,
      check: H
        ? [
            reqExact
              ? `Equivalent resistance ${R1}·${R2}/(${R1} + ${R2}) = ${reqS} Ω; I = ${V}/${reqS} = ${dec(I)} A.`
              : `Equivalent resistance ${R1}·${R2}/(${R1} + ${R2}) = ${reqS} Ω; I = ${V} · ${R1 + R2}/${R1 * R2} = ${dec(I)} A.`,
          ]
        : [
            `Equivalent resistance: R = ${R1} × ${R2}/(${R1} + ${R2}) = ${reqS} Ω.`,
            reqExact ? `I = V/R = ${V}/${reqS} = ${dec(I)} A.` : `I = V/R = ${V} × ${R1 + R2}/${R1 * R2} = ${dec(I)} A.`,
          ],
      wordcheck: H
        ? [
            `Wait — the total must exceed the bigger branch current, ${dec(Math.max(I1, I2))} A, because adding a parallel path only adds current. ${dec(I1)} + ${dec(I2)} = ${dec(I)} A clears that.`,
          ]
        : [
            `Sanity check: the total current must be more than the larger branch current (${dec(Math.max(I1, I2))} A), since the second branch only adds current; ${dec(I1)} + ${dec(I2)} is indeed ${dec(I)} A.`,
          ],
      slips: [
        {
          lines: H
            ? [`R = ${R1} + ${R2} = ${R1 + R2} Ω; I = ${V}/${R1 + R2} = ${dec(Is)} A.`]
            : [`Total resistance ${R1} + ${R2} = ${R1 + R2} Ω, so I = ${V}/${R1 + R2} = ${dec(Is)} A.`],
          v: amp(Is),
          fix: H
            ? [`Those resistances only add in series; these are in parallel.`, ...solve]
            : [`The resistors are in parallel, not in series, so their resistances don't add.`, ...solve],
          redo: H ? [`${V} ÷ ${R1 + R2} = ${dec(Is)}.`] : [`${V}/${R1 + R2} = ${dec(Is)}, yes.`],
        },
      ],
      distractors: [
        { v: amp(Is), why: 'treating the resistors as if they were in series' },
        { v: amp(I1), why: `counting only the current through the ${R1} Ω resistor` },
        { v: amp(I / 2), why: 'averaging the two branch currents' },
        { v: amp(V / Math.min(R1, R2) + V / (R1 + R2)), why: null },
      ],
      stray: {
        lines: H
          ? [`R_eq = ${reqS} Ω, and I = V × R_eq = ${V} × ${reqS} ${isCent(VR) ? '=' : '≈'} ${dec(VR)} A.`]
          : [`The equivalent resistance is ${reqS} Ω, so I = ${V} × ${reqS} ${isCent(VR) ? '=' : '≈'} ${dec(VR)} A.`],
        v: amp(VR),
      },
    });
  }
  return null;
};

const interest: Gen = (r, H) => {
  for (let k = 0; k < 40; k++) {
    const P = pick(r, [1000, 2000, 5000, 800, 1500, 2500, 4000, 1200, 3000]);
    const rate = pick(r, [4, 5, 6, 8, 10, 20]);
    const n = pick(r, [2, 3]);
    const A = [P * 100];
    let ok = true;
    for (let y = 1; y <= n; y++) {
      const nx = (A[y - 1] * (100 + rate)) / 100;
      if (!Number.isInteger(nx)) ok = false;
      A.push(nx);
    }
    if (!ok) continue;
    const An = A[n];
    const CI = An - A[0];
    const SI = P * rate * n;
    const kr = dec((100 + rate) / 100);
    const factor = dec((100 + rate) ** n / 100 ** n, 6);
    const yearly = A.slice(1).map((x, i) => `Year ${i + 1}: ${money(A[i])} × ${kr} = ${money(x)}.`);
    const solve = H
      ? [
          `A = P(1 + r)^n = ${commas(String(P))} × ${kr}^${n} = ${commas(String(P))} × ${factor} = ${commas(f2(An))}.`,
          `Interest = ${commas(f2(An))} − ${commas(String(P))} = ${commas(f2(CI))}, i.e. ${money(CI)}.`,
        ]
      : [...yearly, `Interest earned: ${money(An)} − ${money(A[0])} = ${money(CI)}.`];
    const gains = A.slice(1).map((x, i) => money(x - A[i]));
    return distinct({
      topic: 'finance',
      level: 'medium',
      stem: `$${commas(String(P))} is deposited in an account paying ${rate}% per year, compounded annually. How much interest has been earned after ${n} years?`,
      q: H ? 'the interest earned' : 'the total interest after ' + n + ' years',
      correct: money(CI),
      solve,
      check: H
        ? [
            `Year by year: ${A.slice(1)
              .map((x) => commas(f2(x)))
              .join(' → ')}; minus the ${commas(String(P))} deposit leaves ${money(CI)}.`,
          ]
        : [
            `Using the formula: ${money(A[0])} × ${kr}^${n} = ${money(A[0])} × ${factor} = ${money(An)}, and ${money(An)} − ${money(A[0])} = ${money(CI)}.`,
          ],
      wordcheck: H
        ? [
            `Re-reading: "how much interest" means the growth beyond the deposit. Year by year the interest is ${gains.join(', ')}, which totals ${money(CI)}.`,
          ]
        : [
            `Wait — does the question want the balance or the interest? It asks how much interest has been earned, so the deposit comes off: ${money(An)} − ${money(A[0])} = ${money(CI)}.`,
          ],
      slips: [
        {
          lines: H
            ? [`A = ${commas(String(P))} × ${factor} = ${commas(f2(An))}.`, `So after ${n} years there is ${money(An)}.`]
            : [...yearly, `So after ${n} years the account holds ${money(An)}.`],
          v: money(An),
          fix: H
            ? [
                `That's the balance; the question asks only for the interest.`,
                `${commas(f2(An))} − ${commas(String(P))} = ${commas(f2(CI))}.`,
              ]
            : [`The question asks for the interest earned, not the final balance.`, `${money(An)} − ${money(A[0])} = ${money(CI)}.`],
          redo: H
            ? [`${kr}^${n} = ${factor}; × ${commas(String(P))} = ${commas(f2(An))}.`]
            : [`${money(A[0])} × ${factor} = ${money(An)}.`],
        },
        {
          lines: H
            ? [`Interest = P·r·t = ${commas(String(P))} × ${dec(rate / 100)} × ${n} = ${commas(f2(SI))}.`]
            : [`Interest per year: ${rate}% of ${money(A[0])} = ${money(P * rate)}; over ${n} years that's ${money(SI)}.`],
          v: money(SI),
          fix: H
            ? [`P·r·t is simple interest; compounding means interest also earns interest.`, ...solve]
            : [`That's simple interest — with annual compounding each year's interest is earned on the grown balance.`, ...solve],
          redo: H ? [`${n} × ${money(P * rate)} = ${money(SI)}.`] : [`${money(P * rate)} × ${n} = ${money(SI)}.`],
        },
      ],
      distractors: [
        { v: money(SI), why: 'using simple interest' },
        { v: money(An), why: 'giving the final balance instead of the interest' },
        { v: money(A[0] + SI), why: 'giving the simple-interest balance' },
        { v: money(A[n - 1] - A[0]), why: 'compounding for one year too few' },
      ],
    });
  }
  return null;
};

const average: Gen = (r, H) => {
  for (let k = 0; k < 60; k++) {
    const n1 = ri(r, 10, 32);
    const n2 = ri(r, 10, 32);
    const a1 = ri(r, 60, 95);
    const a2 = ri(r, 60, 95);
    if (n1 === n2 || Math.abs(a1 - a2) < 3) continue;
    const N = n1 + n2;
    const sum = n1 * a1 + n2 * a2;
    if ((sum * 10) % N !== 0) continue;
    const avg = sum / N;
    const mean = (a1 + a2) / 2;
    const swp = (n1 * a2 + n2 * a1) / N;
    const big = n1 > n2 ? a1 : a2;
    const f1 = (x: number) => dec(x, 1);
    const delta = (n2 * (a2 - a1)) / N;
    const sg = delta >= 0 ? '+' : '−';
    const solve = H
      ? [
          `Weighted mean = (${n1}·${a1} + ${n2}·${a2})/(${n1} + ${n2}) = (${n1 * a1} + ${n2 * a2})/${N} = ${commas(String(sum))}/${N} = ${f1(avg)}.`,
        ]
      : [
          `Section one's total: ${n1} × ${a1} = ${n1 * a1}.`,
          `Section two's total: ${n2} × ${a2} = ${n2 * a2}.`,
          `Combined: (${n1 * a1} + ${n2 * a2})/${N} = ${commas(String(sum))}/${N} = ${f1(avg)}.`,
        ];
    return distinct({
      topic: 'statistics',
      level: 'easy',
      stem: `In a class, the ${n1} students in section one averaged ${a1} on a test and the ${n2} students in section two averaged ${a2}. What is the average score of all ${N} students?`,
      q: H ? 'the overall mean score' : 'the combined average',
      correct: f1(avg),
      solve,
      check: H
        ? [
            `Start from ${a1} and shift by section two's share: ${a1} ${sg} ${n2}·${Math.abs(a2 - a1)}/${N} = ${a1} ${sg} ${dec(Math.abs(delta), 2)} = ${f1(avg)}.`,
          ]
        : [`Deviation method: ${a1} ${sg} ${n2} × ${Math.abs(a2 - a1)}/${N} = ${a1} ${sg} ${dec(Math.abs(delta), 2)} = ${f1(avg)}.`],
      wordcheck: H
        ? [
            `Reverse check: if all ${N} students averaged ${f1(avg)}, the total would be ${N} × ${f1(avg)} = ${commas(String(sum))}, exactly ${n1 * a1} + ${n2 * a2}. So the overall average is ${f1(avg)}.`,
          ]
        : [
            `Check by totals: ${N} students × ${f1(avg)} = ${commas(String(sum))}, and ${n1 * a1} + ${n2 * a2} = ${commas(String(sum))}, so the combined average is ${f1(avg)}.`,
          ],
      slips: [
        {
          lines: H
            ? [`Mean of the two section averages: (${a1} + ${a2})/2 = ${f1(mean)}.`]
            : [`Average of the two averages: (${a1} + ${a2})/2 = ${f1(mean)}.`],
          v: f1(mean),
          fix: H
            ? [`The sections differ in size (${n1} vs ${n2}), so each average must be weighted by its head count.`, ...solve]
            : [`The sections aren't the same size, so the averages have to be weighted by the number of students.`, ...solve],
          redo: H ? [`(${a1} + ${a2})/2 = ${f1(mean)}.`] : [`${a1} + ${a2} = ${a1 + a2}, halved is ${f1(mean)}.`],
        },
      ],
      distractors: [
        { v: f1(mean), why: 'averaging the two section averages' },
        { v: f1(swp), why: "weighting each average by the other section's size" },
        { v: f1(big), why: "taking the larger section's average" },
        { v: f1(avg + (avg > mean ? 1.5 : -1.5)), why: null },
      ],
      stray: {
        lines: H
          ? [`(${n1 * a1} + ${n2 * a2})/2 = ${dec(sum / 2)}.`]
          : [`Total points ${commas(String(sum))}, divided by the 2 sections: ${dec(sum / 2)}.`],
        v: dec(sum / 2),
      },
    });
  }
  return null;
};

const GENS: Gen[] = [shop, speed, kinem, prob, sumdiff, work, resist, interest, average];

// ---------------------------------------------------------------------------------------------
// Phrasing pools: [dev, heldout]. Placeholders: {L} the letter committed to (a candidate, at
// most one per template), {l} a letter restated (not a candidate), {V} the value of that letter's
// option, {P} the previous letter, {Q} the asked quantity, {X}/{XV}/{XW} an eliminated option.

type Pool = readonly [readonly string[], readonly string[]];

const POOLS: Record<string, Pool> = {
  open: [
    [
      'Let me work through this step by step.',
      'We need {Q}.',
      "Let's set up the calculation first.",
      "First, what's being asked: {Q}.",
      "I'll compute {Q} and then find it among the options.",
    ],
    [
      'Okay, so the question wants {Q}.',
      "Let's solve it directly and then match against the choices.",
      "Reading carefully: we're after {Q}.",
      'Alright — {Q}. Let me compute it.',
      'Goal: find {Q}, then pick the letter.',
    ],
  ],
  mid: [
    [
      'Wait, let me make sure I have the numbers right.',
      'Hmm, careful here.',
      'Let me double-check that I read the setup correctly before going on.',
    ],
    [
      'Hmm, hold on — keep the units straight.',
      'Wait, which number goes where? Initial values first, then the rates.',
      'Careful: easy to slip here.',
    ],
  ],
  commit: [
    [
      'So the answer is ({L}).',
      'That matches option ({L}).',
      '{V} corresponds to choice ({L}), so that is the answer.',
      'Looking at the options, this is ({L}).',
      'So the correct option is {L}.',
      'This gives {V}, which is option {L}.',
    ],
    [
      'Among the choices, {V} is listed as {L}) — that is our answer.',
      'Hence the choice is {L}.',
      "That's {L}, so I'll go with it.",
      'Matching to the list: {L}.',
      'The value {V} is option {L}, so I pick {l}.',
      '→ Option {L}.',
    ],
  ],
  afterfix: [
    ['So the answer is ({L}), not ({P}).', 'That gives {V}, which is ({L}).', 'Corrected answer: ({L}).'],
    ['That changes things: {L}, not {P}.', 'So it is {L}) {V} after all.', 'Revised choice: {L}.'],
  ],
  echo: [
    ['Same result, so ({L}) it is.', 'Consistent: the answer is {L}.', 'Confirmed, option ({L}).'],
    ['Both methods agree, so {L} stands.', 'Again {V}, i.e. {L}.', 'That checks out; sticking with {L}.'],
  ],
  checkIntro: [
    [
      'Let me verify with another approach.',
      'Let me double-check this a different way.',
      'To be safe, let me recompute by a second method.',
    ],
    ['Quick cross-check using a different method:', 'Verifying another way:', 'Independent check:'],
  ],
  redoIntro: [
    ['Let me double-check the arithmetic.', 'Let me recompute to be sure.'],
    ['Re-running the numbers:', 'Checking the arithmetic once more:'],
  ],
  marker: [
    ['Wait, I should re-read the question.', 'Hmm, wait.', 'Hold on, let me double-check that.', "Wait, that's not right."],
    ['Actually, hmm — let me reconsider.', 'Hmm, hang on.', "On second thought, something's off.", 'Let me re-examine that step.'],
  ],
  second: [
    ["Hmm, but maybe I'm overcomplicating this.", 'Wait, maybe the simpler reading is intended.'],
    ['Although... perhaps the intended approach is more direct.', 'Hmm, let me try the straightforward way instead.'],
  ],
  switch: [
    ['So the answer should be ({L}) instead.', 'Then it would be ({L}); I will go with that.'],
    ["I'll change my answer to {L}.", 'So {L} rather than {P}.'],
  ],
  backto: [
    ['No, the first answer was right: ({L}).', 'So ({L}) was correct after all.'],
    ['Back to {L}, then.', 'So the original {L} stands.'],
  ],
  bare: [
    ['Is that reasonable? Yes. So the answer is ({l}).', 'That makes sense.', 'Yes, that seems right.'],
    ['Does that look right? Yes, {l}.', 'Seems fine.', 'Nothing odd there; {l}.'],
  ],
  dismiss: [
    ['Could I have misread the units? No. So ({l}).', 'Could the answer be one of the other options? No.'],
    [
      'Any chance the question wants something else? No — it asks for {Q}. So {l}.',
      'Is there a trick in the wording? Not that I can see; {l}.',
    ],
  ],
  reject: [
    ['That would point to ({X}), but that cannot be right.', "Hmm, so ({X})? No, that can't be right."],
    ['{X} would be the pick — no, hold on, that fails a basic check.', 'Before choosing {X}: that cannot be right.'],
  ],
  recall: [['We have already seen where the other options come from, so ({l}).'], ['Given the eliminations above, {l}.']],
  elimIntro: [
    ['Checking the other options:', 'For completeness, the distractors:'],
    ['Why the others fail:', 'Other choices:'],
  ],
  elim: [
    ['({X}) {XV} would come from {XW}, so not {X}.', 'Option {X} ({XV}) is what you get by {XW}.'],
    ['{X}) {XV} — that is the result of {XW}; eliminate.', '{X} is a trap: it comes from {XW}.'],
  ],
  elimNull: [["({X}) {XV} doesn't match anything I computed."], ['{X}) {XV}: no obvious route leads there.']],
  leaves: [
    ['That leaves ({L}) {V}, which matches my calculation.', 'So by elimination as well, it is ({L}).'],
    ['The only one left standing is {L}) {V}.', 'Everything else is ruled out, so {L}.'],
  ],
  ending: [
    ['The answer is ({l}).', '\\boxed{{l}}', '**Final answer: ({l})**', 'Answer: {l}'],
    ['**Answer: {l}**', 'Therefore, the correct choice is {l}) {V}.', 'Final choice: {l}', '$\\boxed{\\text{{l}}}$'],
  ],
  preEnding: [
    ['This value appears among the options.', 'That is one of the listed values.'],
    ['Good, that value is offered.', 'And that value is on the list.'],
  ],
  draft: [
    ['So the final answer: ({l}).', "I'll write: the answer is ({l})."],
    ['I will present it as: the answer is {l}.', 'Draft: **Answer: {l}**'],
  ],
  format: [['I should put the letter in a box.'], ['The answer needs to be given as a letter.']],
  summaryEnd: [
    ['**Answer: ({l})**', 'The answer is ({l}).', '\\boxed{{l}}'],
    ['Therefore, the correct choice is {l}) {V}.', '**Answer: {l}**'],
  ],
  summaryLead: [
    ['So {Q} is {V}.', 'Computing {Q} gives {V}.'],
    ['**Solution.** We need {Q}; it comes to {V}.', 'Result for {Q}: {V}.'],
  ],
  nomatch: [
    ['That gives {V}, but none of the options is {V}.', 'I get {V}, which is not among the choices.'],
    ['Hmm, {V} is not one of the listed answers.', 'Nothing in the list equals {V}.'],
  ],
  giveup: [
    [
      "Perhaps the options contain a typo; I can't confidently choose a letter.",
      'I would need to recheck the problem statement before committing to an option.',
    ],
    [
      'Without a matching option I cannot commit to a letter.',
      'Something in the setup must differ from what I assumed; I will stop here rather than guess.',
    ],
  ],
  instr: [
    ['', '', ' Choose the correct option.'],
    ['', '', ' Select one answer.'],
  ],
};

// ---------------------------------------------------------------------------------------------
// Text builder with candidate bookkeeping.

class Builder {
  s = '';
  cands: PhrasingCandidate[] = [];
  t(x: string): void {
    this.s += x;
  }
  c(letter: string): void {
    this.cands.push({ value: letter, offset: this.s.length });
    this.s += letter;
  }
}

type Vars = Partial<Record<'L' | 'l' | 'V' | 'P' | 'Q' | 'X' | 'XV' | 'XW', string>>;
const TOKEN = /\{(L|l|V|P|Q|XV|XW|X)\}/g;

function put(b: Builder, tpl: string, vars: Vars): void {
  let i = 0;
  for (const m of tpl.matchAll(TOKEN)) {
    b.t(tpl.slice(i, m.index));
    const key = m[1] as keyof Vars;
    const v = vars[key];
    if (v === undefined) throw new Error(`template ${tpl} needs {${key}}`);
    if (key === 'L') b.c(v);
    else b.t(v);
    i = (m.index ?? 0) + m[0].length;
  }
  b.t(tpl.slice(i));
}
function fill(tpl: string, vars: Vars): string {
  if (tpl.includes('{L}')) throw new Error('fill() with a candidate');
  const b = new Builder();
  put(b, tpl, vars);
  return b.s;
}

// ---------------------------------------------------------------------------------------------
// One record.

interface Entry {
  letter: string;
  v: string;
  why: string | null;
  right: boolean;
}

type Scenario =
  | 'right'
  | 'rejectOnSight'
  | 'rightEcho'
  | 'rightWordEcho'
  | 'wrongFix'
  | 'wrongFixEcho'
  | 'wrongStay'
  | 'wrongEcho'
  | 'rightThenWrong'
  | 'rightWrongRight'
  | 'answerless';

const WEIGHTS: [Scenario, number][] = [
  ['right', 24],
  ['rejectOnSight', 4],
  ['rightEcho', 11],
  ['rightWordEcho', 7],
  ['wrongFix', 15],
  ['wrongFixEcho', 4],
  ['wrongStay', 6],
  ['wrongEcho', 3],
  ['rightThenWrong', 4],
  ['rightWrongRight', 4],
  ['answerless', 2.5],
];

function pickScenario(r: Rng): Scenario {
  const tot = WEIGHTS.reduce((a, [, w]) => a + w, 0);
  let x = r() * tot;
  for (const [s, w] of WEIGHTS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'right';
}

function layoutOptions(r: Rng, H: boolean, es: Entry[]): string {
  const k = ri(r, 0, H ? 2 : 1);
  if (!H) return k === 0 ? es.map((e) => `(${e.letter}) ${e.v}`).join(' ') : es.map((e) => `${e.letter}. ${e.v}`).join('  ');
  if (k === 0) return es.map((e) => `${e.letter}) ${e.v}`).join(', ');
  if (k === 1) return 'Choices: ' + es.map((e) => `${e.letter}: ${e.v}`).join('; ');
  return es.map((e) => `[${e.letter}] ${e.v}`).join(' ');
}

function makeRecord(r: Rng, H: boolean, id: string): PhrasingRecord {
  let p: Prob | null = null;
  while (!p) p = pick(r, GENS)(r, H);
  const prb: Prob = p;
  const pool = (k: string): string => pick(r, POOLS[k][H ? 1 : 0]);

  // Options: the correct value, the chosen slip's value, and other distractors.
  const slip = pick(r, prb.slips);
  const nOpt = chance(r, 0.3) ? 5 : 4;
  const slipD = prb.distractors.find((d) => d.v === slip.v) as Distractor;
  const others = shuffle(
    r,
    prb.distractors.filter((d) => d !== slipD),
  ).slice(0, nOpt - 2);
  const raw = shuffle(r, [{ v: prb.correct, why: null, right: true }, ...[slipD, ...others].map((d) => ({ ...d, right: false }))]);
  const entries: Entry[] = raw.map((e, i) => ({ ...e, letter: 'ABCDE'[i] }));
  const R = entries.find((e) => e.right) as Entry;
  const W = entries.find((e) => e.v === slip.v) as Entry;

  let scen = pickScenario(r);
  if (scen === 'answerless' && !prb.stray) scen = 'right';
  const think = scen !== 'answerless' && chance(r, 0.3);
  const Q = prb.q;

  // Layout of derivation lines.
  const style = pick(r, H ? ['bullet', 'step', 'star'] : ['plain', 'num', 'plain']);
  let stepNo = 0;
  const steps = (lines: string[]): string =>
    lines
      .map((l) => {
        stepNo++;
        if (style === 'num') return `${stepNo}. ${l}`;
        if (style === 'bullet') return `- ${l}`;
        if (style === 'star') return `* ${l}`;
        if (style === 'step') return `Step ${stepNo}: ${l}`;
        return l;
      })
      .join('\n');

  const b = new Builder();
  const block = (): void => {
    if (b.s.length && !/\n$/.test(b.s) && !/<think>\n$/.test(b.s)) b.t('\n\n');
  };
  const say = (tpl: string, vars: Vars, inline = false): void => {
    if (inline && b.s.length && !b.s.endsWith('\n')) b.t(' ');
    else block();
    put(b, tpl, { Q, l: vars.L, ...vars });
  };
  const text = (s: string): void => {
    block();
    b.t(s);
  };

  if (think) b.t(H ? '<|begin_of_thought|>\n\n' : '<think>\n');
  if (chance(r, 0.6)) say(pool('open'), {});

  const derive = (lines: string[], allowMid: boolean): void => {
    if (allowMid && lines.length >= 2 && chance(r, 0.3)) {
      const k = ri(r, 1, lines.length - 1);
      text(steps(lines.slice(0, k)));
      text(pool('mid'));
      text(steps(lines.slice(k)));
    } else text(steps(lines));
  };
  const commit = (e: Entry, tplKey = 'commit', prev?: Entry): void => {
    say(pool(tplKey), { L: e.letter, V: e.v, P: prev?.letter }, chance(r, 0.35));
  };
  let eliminated = false;
  const elimBlock = (keep: Entry): void => {
    const lines = entries
      .filter((e) => e !== keep)
      .map((e) =>
        e.why && !e.right ? fill(pool('elim'), { X: e.letter, XV: e.v, XW: e.why }) : fill(pool('elimNull'), { X: e.letter, XV: e.v }),
      );
    text(pool('elimIntro') + '\n' + lines.join('\n'));
    eliminated = true;
  };
  const merges = (e: Entry): void => {
    const kinds = ['bare', 'dismiss', ...(eliminated ? ['recall'] : [])];
    say(pool(pick(r, kinds)), { l: e.letter, V: e.v });
  };
  const fixAttempt = (): void => {
    say(pool('marker') + ' ' + slip.fix[0], {});
    if (slip.fix.length > 1) text(steps(slip.fix.slice(1)));
  };
  const checkAttempt = (lines: string[]): void => {
    say(pool('checkIntro'), {});
    text(steps(lines));
  };

  // `endingCommits`: the closing statement is the first statement of the letter (a candidate).
  let endingCommits = false;
  let last: Entry | null = null;

  switch (scen) {
    case 'right': {
      derive(prb.solve, true);
      const mode = r();
      if (mode < 0.55) {
        commit(R);
        if (chance(r, 0.35)) elimBlock(R);
        if (chance(r, 0.35)) merges(R);
      } else if (mode < 0.75) {
        elimBlock(R);
        say(pool('leaves'), { L: R.letter, V: R.v });
      } else {
        if (chance(r, 0.5)) say(pool('preEnding'), {}, chance(r, 0.5));
        endingCommits = true;
      }
      last = R;
      break;
    }
    case 'rejectOnSight': {
      // The slip's value is noticed as impossible before it is adopted: not a candidate.
      derive(slip.lines, false);
      say(fill(pool('reject'), { X: W.letter }) + ' ' + slip.fix[0], {}, chance(r, 0.5));
      if (slip.fix.length > 1) text(steps(slip.fix.slice(1)));
      commit(R);
      if (chance(r, 0.3)) elimBlock(R);
      last = R;
      break;
    }
    case 'rightEcho':
    case 'rightWordEcho': {
      derive(prb.solve, true);
      commit(R);
      if (chance(r, 0.25)) merges(R);
      if (scen === 'rightEcho') checkAttempt(prb.check);
      else text(prb.wordcheck.join(' '));
      say(pool('echo'), { L: R.letter, V: R.v }, chance(r, 0.4));
      if (chance(r, 0.25)) elimBlock(R);
      last = R;
      break;
    }
    case 'wrongFix':
    case 'wrongFixEcho': {
      derive(slip.lines, false);
      commit(W);
      if (chance(r, 0.2)) say(pool('bare'), { l: W.letter, V: W.v });
      fixAttempt();
      say(pool('afterfix'), { L: R.letter, V: R.v, P: W.letter }, chance(r, 0.35));
      if (scen === 'wrongFixEcho') {
        checkAttempt(prb.check);
        say(pool('echo'), { L: R.letter, V: R.v }, chance(r, 0.4));
      }
      if (chance(r, 0.3)) elimBlock(R);
      last = R;
      break;
    }
    case 'wrongStay': {
      derive(slip.lines, true);
      commit(W);
      if (chance(r, 0.5)) elimBlock(W);
      if (chance(r, 0.3)) merges(W);
      last = W;
      break;
    }
    case 'wrongEcho': {
      derive(slip.lines, false);
      commit(W);
      say(pool('redoIntro') + ' ' + slip.redo.join(' '), {});
      say(pool('echo'), { L: W.letter, V: W.v }, chance(r, 0.4));
      last = W;
      break;
    }
    case 'rightThenWrong':
    case 'rightWrongRight': {
      derive(prb.solve, true);
      commit(R);
      say(pool('second'), {});
      text(steps(slip.lines));
      say(pool('switch'), { L: W.letter, V: W.v, P: R.letter }, chance(r, 0.4));
      last = W;
      if (scen === 'rightWrongRight') {
        fixAttempt();
        say(pool('backto'), { L: R.letter, V: R.v }, chance(r, 0.4));
        last = R;
      }
      break;
    }
    case 'answerless': {
      const st = prb.stray as { lines: string[]; v: string };
      text(steps(st.lines));
      say(pool('nomatch'), { V: st.v }, chance(r, 0.4));
      if (chance(r, 0.5)) text((H ? 'The options are ' : 'Options: ') + entries.map((e) => `${e.letter}) ${e.v}`).join(', ') + '.');
      say(pool('giveup'), {});
      break;
    }
  }

  let final: string | null = last ? last.letter : null;

  if (last) {
    const endTpl = (k: string): string => (endingCommits ? pool(k).replace('{l}', '{L}') : pool(k));
    const ev: Vars = { l: last.letter, L: last.letter, V: last.v };
    if (!think) {
      if (endingCommits || chance(r, 0.6)) say(endTpl('ending'), ev);
    } else {
      if (endingCommits) say(endTpl('draft'), ev);
      else {
        const x = r();
        if (x < 0.35) say(pool('draft'), ev);
        else if (x < 0.5) say(pool('format'), {});
      }
      b.t(H ? '\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n' : '\n</think>\n\n');
      put(b, pool('summaryLead'), { Q, V: last.v });
      b.t('\n\n');
      put(b, pool('summaryEnd'), { l: last.letter, V: last.v });
      if (H) b.t('\n\n<|end_of_solution|>');
    }
  }

  let body = b.s;
  let cands = b.cands;
  const headers: Record<string, string> = {
    query: prb.stem + ' ' + layoutOptions(r, H, entries) + pool('instr'),
    answer: R.letter,
    task: `${prb.topic}-${prb.level}`,
  };

  // Cut-off responses: stop mid-sentence, keeping only the candidates reached before the cut.
  if (scen !== 'answerless' && chance(r, 0.045)) {
    const close = Math.max(body.indexOf('</think>'), body.indexOf('<|end_of_thought|>'));
    const limit = close >= 0 ? close : body.length;
    const order = shuffle(
      r,
      cands.map((_, i) => i + 1),
    );
    order.unshift(0);
    if (chance(r, 0.5)) order.reverse();
    for (const k of order) {
      const lo = k === 0 ? 50 : cands[k - 1].offset + cands[k - 1].value.length + 5;
      const hi = k < cands.length ? cands[k].offset - 15 : limit - 3;
      const cuts: number[] = [];
      for (let i = lo; i < hi; i++) if (body[i] === ' ' && /[a-z]/.test(body[i - 1])) cuts.push(i);
      if (!cuts.length) continue;
      const cut = pick(r, cuts);
      body = body.slice(0, cut);
      cands = cands.slice(0, k);
      headers.truncated = 'true';
      final = null;
      break;
    }
  }

  return { id, headers, body, candidates: cands, final };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const H = split === 'heldout';
  const r = mulberry32((seed * 2654435761) ^ (H ? 0x5bd1e995 : 0x1b873593));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(makeRecord(r, H, `${family}-${split}-${seed}-${i}`));
  return out;
}
