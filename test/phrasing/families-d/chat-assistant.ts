// Phrasing family `chat-assistant`: a friendly general chat assistant (ChatGPT-like) answering everyday
// word problems (shopping totals, scaled recipes, travel/arrival times, stacked discounts, percent off,
// ages, area/unit conversions, tips, overtime pay). Short paragraphs, light markdown (bullets, numbered
// steps, bold "**Answer:** ..."), conversational hedges ("Let me double-check that", "Hmm, actually",
// "Oops"), answers with units and currency. No thinking block, so `final` is the last candidate's value.
//
// Labelling rules applied (docs/annotation-guide.md):
// - A candidate is the first statement of a value *for the asked quantity* as the current conclusion:
//   a concluding sentence ("So your total is **$42.50**."), or the result line of the computation of
//   the asked quantity itself ("- Total: $456.00 + $94.50 = **$550.50**") when the model treats it as
//   its result. When a result line is followed by "So your total is $550.50." with no new work in
//   between, that is a restatement and merges into the result line (the first statement).
// - Values are labelled as written, with the currency sign or percent sign that is part of the
//   number token ("$1,540.00", "25%", "12:45 PM") but without unit words ("2.5" in "2.5 cups").
// - Intermediate quantities (subtotals, sale price, square feet, driving hours, the younger person's
//   age, tip amount), numbers from the question, sub-step checks ("(Quick check: 40 × $18.50 =
//   $740.00 ✓)"), and values tried and rejected ("Just knocking $20 off would give $37.00, but ...",
//   guess-and-check rows) are not candidates.
// - A check by another route that recomputes the asked quantity and states it is a new candidate even
//   when the value is the same (echo). Plugging the answer back into both conditions and then stating
//   it is such a check. A bare "Let me double-check that. Yep, that checks out." is not new work, and
//   a later "**Answer:** $42.50" with no new work in between is a restatement (not a candidate).
// - A correction ("Oops, I only counted one mug ... So your total is actually **$51.00**, not $44.20.")
//   is a new candidate at the corrected value; the wrong value quoted in it is not a candidate.
//   Corrections also go right -> wrong (a mistaken second thought or an arithmetic slip).
// - A recipe answer restated as a fraction ("That's 2 1/2 cups if you're measuring with cups.") is a
//   restatement of the same value, not a new candidate.
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

const _c: (r: PhrasingRecord) => SharedRecord = (r) => r;
void _c;

export const family = 'chat-assistant';

// ---------------------------------------------------------------------------------------------
// PRNG and helpers

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

interface Ctx {
  r: () => number;
  int(lo: number, hi: number): number;
  any<T>(a: readonly T[]): T;
  pick<T>(a: readonly T[]): T;
  v<T>(dev: T, held: T): T;
  chance(p: number): boolean;
}

function makeCtx(seed: number, split: 'dev' | 'heldout'): Ctx {
  const r = mulberry32(seed);
  const bit = split === 'dev' ? 0 : 1;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const any = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  return {
    r,
    int,
    any,
    // phrasing templates: each split uses its own half (even / odd indices)
    pick: <T>(a: readonly T[]): T => any(a.filter((_, i) => i % 2 === bit)),
    v: <T>(dev: T, held: T): T => (bit === 0 ? dev : held),
    chance: (p: number): boolean => r() < p,
  };
}

function commas(n: number): string {
  const s = String(Math.floor(Math.abs(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

/** cents -> "$1,234.50" */
function m(cents: number): string {
  const c = Math.round(cents);
  return `$${commas(Math.floor(c / 100))}.${String(c % 100).padStart(2, '0')}`;
}

/** cents -> "$45" when whole dollars, else "$45.50" */
function mq(cents: number): string {
  return Math.round(cents) % 100 === 0 ? `$${commas(Math.round(cents) / 100)}` : m(cents);
}

/** a decimal with trailing zeros trimmed */
function dec(x: number, dp = 4): string {
  return String(Number(x.toFixed(dp)));
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function clock(min: number): string {
  const h24 = Math.floor(min / 60) % 24;
  const mm = min % 60;
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return `${h12}:${String(mm).padStart(2, '0')} ${h24 < 12 ? 'AM' : 'PM'}`;
}

function hm(min: number, long: boolean): string {
  const h = Math.floor(min / 60);
  const mm = min % 60;
  if (long) {
    const hs = `${h} hour${h === 1 ? '' : 's'}`;
    return mm ? `${hs} ${mm} minutes` : hs;
  }
  return mm ? `${h} h ${mm} min` : `${h} h`;
}

function quarterFrac(x: number): string {
  const whole = Math.floor(x);
  const q = Math.round((x - whole) * 4);
  const f = ['', '1/4', '1/2', '3/4'][q] ?? '';
  if (!whole) return f;
  return f ? `${whole} ${f}` : String(whole);
}

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}

// ---------------------------------------------------------------------------------------------
// Problems

interface Piece {
  steps: string[];
  stem: boolean; // the last step is an expression whose value is the quantity ("$103.68 ÷ 4")
}

interface Prob {
  task: string;
  query: string;
  ans: string; // candidate value as written, e.g. "$25.92"
  U: string; // unit words after the value, e.g. " cups"
  eqU: string; // unit words after the value in a result line
  N: string; // noun phrase for the asked quantity
  work: Piece;
  wrong: string;
  wrongWork: Piece;
  fixWhy: string;
  fix: Piece;
  check: Piece;
  sub: string;
  bad: string;
  badWhy: string;
  badFix: Piece;
  trap: string;
  alt?: string; // a restatement of the answer in another format
}

const SHOP_ITEMS: [string, string][] = [
  ['notebooks', 'notebook'],
  ['candles', 'candle'],
  ['T-shirts', 'T-shirt'],
  ['mugs', 'mug'],
  ['bags of coffee', 'bag of coffee'],
  ['phone cases', 'phone case'],
  ['plant pots', 'plant pot'],
  ['packs of batteries', 'pack of batteries'],
  ['picture frames', 'picture frame'],
  ['water bottles', 'water bottle'],
  ['throw pillows', 'throw pillow'],
  ['bottles of olive oil', 'bottle of olive oil'],
];

function shopping(c: Ctx): Prob {
  for (;;) {
    const [A] = c.any(SHOP_ITEMS);
    const [B, b1] = c.any(SHOP_ITEMS);
    if (A === B) continue;
    const n1 = c.int(2, 6);
    const p1 = 25 * c.int(6, 48);
    const n2 = c.int(2, 5);
    const p2 = 25 * c.int(8, 100);
    const d = c.any([10, 15, 20, 25, 30]);
    const s1 = n1 * p1;
    const s2 = n2 * p2;
    const sub = s1 + s2;
    const wsub = s1 + p2;
    if ((sub * (100 - d)) % 100 || (wsub * (100 - d)) % 100) continue;
    const ans = (sub * (100 - d)) / 100;
    const disc = sub - ans;
    const wrong = (wsub * (100 - d)) / 100;
    const wdisc = wsub - wrong;
    const slip = c.any([100, -100, 1000, -1000]);
    const badsub = sub + slip;
    const trapV = sub - d * 100;
    if (badsub <= 0 || trapV <= 0) continue;
    const bad = (badsub * (100 - d)) / 100;
    const keep = dec((100 - d) / 100);
    return {
      task: 'shopping total',
      query: c.v(
        `I'm buying ${n1} ${A} at ${mq(p1)} each and ${n2} ${B} at ${mq(p2)} each, and I have a ${d}% off coupon for the whole order. What's my total?`,
        `If I get ${n1} ${A} (${mq(p1)} each) and ${n2} ${B} (${mq(p2)} each) and use a ${d}%-off coupon on everything, how much do I pay?`,
      ),
      ans: m(ans),
      U: '',
      eqU: '',
      N: 'your total',
      work: {
        steps: c.v(
          [
            `${n1} ${A} × ${m(p1)} = ${m(s1)}`,
            `${n2} ${B} × ${m(p2)} = ${m(s2)}`,
            `subtotal: ${m(s1)} + ${m(s2)} = ${m(sub)}`,
            `coupon: ${d}% of ${m(sub)} is ${m(disc)}`,
            `total: ${m(sub)} − ${m(disc)}`,
          ],
          [
            `the ${A} come to ${n1} × ${m(p1)} = ${m(s1)}`,
            `the ${B} come to ${n2} × ${m(p2)} = ${m(s2)}`,
            `together that's ${m(sub)}`,
            `${d}% off ${m(sub)} saves ${m(disc)}`,
            `after the coupon: ${m(sub)} − ${m(disc)}`,
          ],
        ),
        stem: true,
      },
      wrong: m(wrong),
      wrongWork: {
        steps: c.v(
          [
            `${n1} ${A} × ${m(p1)} = ${m(s1)}`,
            `${B}: ${m(p2)}`,
            `subtotal: ${m(s1)} + ${m(p2)} = ${m(wsub)}`,
            `${d}% off: ${m(wdisc)}`,
            `total: ${m(wsub)} − ${m(wdisc)}`,
          ],
          [
            `the ${A}: ${n1} × ${m(p1)} = ${m(s1)}`,
            `plus the ${B} at ${m(p2)}, so ${m(wsub)} before the coupon`,
            `the coupon takes off ${d}% of ${m(wsub)}, which is ${m(wdisc)}`,
            `${m(wsub)} − ${m(wdisc)}`,
          ],
        ),
        stem: true,
      },
      fixWhy: c.v(`I only counted one ${b1}, but you're buying ${n2} of them.`, `I forgot to multiply the ${B} by ${n2}.`),
      fix: {
        steps: [
          `${n2} × ${m(p2)} = ${m(s2)}`,
          `subtotal ${m(s1)} + ${m(s2)} = ${m(sub)}`,
          `${d}% of that is ${m(disc)}`,
          `${m(sub)} − ${m(disc)}`,
        ],
        stem: true,
      },
      check: {
        steps: c.v(
          [`with ${d}% off you pay ${100 - d}% of the subtotal`, `${keep} × ${m(sub)}`],
          [`instead of subtracting the discount, multiply by what's left (${100 - d}%)`, `${m(sub)} × ${keep}`],
        ),
        stem: true,
      },
      sub: `${n1} × ${m(p1)} is ${m(s1)}, and ${n2} × ${m(p2)} is ${m(s2)}`,
      bad: m(bad),
      badWhy: c.v(`let me re-add the subtotal to be safe.`, `I think I rushed the subtotal.`),
      badFix: {
        steps: [`${m(s1)} + ${m(s2)} = ${m(badsub)}`, `${d}% of ${m(badsub)} is ${m(badsub - bad)}`, `${m(badsub)} − ${m(badsub - bad)}`],
        stem: true,
      },
      trap: c.v(
        `(A ${d}% coupon isn't ${mq(d * 100)} off — that would give ${m(trapV)} — it's ${d}% of the whole subtotal.)`,
        `Just knocking ${mq(d * 100)} off would give ${m(trapV)}, but the coupon is a percentage, so it depends on the subtotal.`,
      ),
    };
  }
}

const DISHES = ['pancake', 'muffin', 'banana bread', 'oatmeal cookie', 'soup', 'risotto', 'granola', 'cornbread'];
const INGS = ['flour', 'sugar', 'milk', 'oats', 'rice', 'broth', 'yogurt', 'cornmeal'];

function recipe(c: Ctx): Prob {
  for (;;) {
    const Q = c.int(2, 12); // quarter cups
    const s = c.any([2, 4, 6, 8, 12]);
    const t = c.int(2, 24);
    if (t === s) continue;
    if ((Q * t) % s) continue;
    const A4 = (Q * t) / s;
    if (A4 < 2 || A4 > 48) continue;
    if ((Q * 1000) % (4 * s)) continue; // per-serving amount terminates
    const q = Q / 4;
    const ans = A4 / 4;
    const per = q / s;
    const wrongN = Number(((q * s) / t).toFixed(2));
    if (Math.abs(wrongN - ans) < 0.01) continue;
    const bad = ans > 0.5 ? ans - 0.25 : ans + 0.25;
    const dish = c.any(DISHES);
    const ing = c.any(INGS);
    const more = t > s;
    const g = gcd(t, s);
    const simp = g > 1 ? (s / g === 1 ? ` = ${t / g}` : ` = ${t / g}/${s / g}`) : '';
    const U = ans === 1 ? ' cup' : ' cups';
    return {
      task: 'recipe scaling',
      query: c.v(
        `My ${dish} recipe serves ${s} and calls for ${quarterFrac(q)} cups of ${ing}. How much ${ing} do I need for ${t} servings?`,
        `A ${dish} recipe uses ${quarterFrac(q)} cups of ${ing} for ${s} servings. If I want to make ${t} servings, how many cups of ${ing} should I use?`,
      ),
      ans: dec(ans),
      U,
      eqU: U,
      N: `the amount of ${ing}`,
      work: {
        steps: c.v(
          [`going from ${s} servings to ${t} means scaling by ${t}/${s}${simp}`, `${dec(q)} cups × ${t} ÷ ${s}`],
          [`scale factor: ${t}/${s}${simp}`, `${dec(q)} × ${t} = ${dec(q * t)}`, `divide by ${s}: ${dec(q * t)} ÷ ${s}`],
        ),
        stem: true,
      },
      wrong: dec(wrongN, 2),
      wrongWork: {
        steps: [`to go from ${s} to ${t} servings, multiply by ${s}/${t}`, `${dec(q)} × ${s} ÷ ${t}`],
        stem: true,
      },
      fixWhy: c.v(
        `that's upside down — ${t} servings is ${more ? 'more' : 'fewer'} than ${s}, so you should need ${more ? 'more' : 'less'} ${ing}, not ${more ? 'less' : 'more'}.`,
        `I flipped the ratio. The factor should be ${t}/${s}, since you're making ${t} servings, not ${s}.`,
      ),
      fix: { steps: [`${dec(q)} × ${t} ÷ ${s} = ${dec(q * t)} ÷ ${s}`], stem: true },
      check: {
        steps: c.v(
          [`per serving it's ${dec(q)} ÷ ${s} = ${dec(per)} cups`, `for ${t} servings: ${dec(per)} × ${t}`],
          [`one serving needs ${dec(q)}/${s} = ${dec(per)} cups of ${ing}`, `${t} servings need ${t} × ${dec(per)}`],
        ),
        stem: true,
      },
      sub: `${dec(q)} × ${t} = ${dec(q * t)}`,
      bad: dec(bad),
      badWhy: c.v(`let me redo that division more carefully.`, `I want to re-check the division.`),
      badFix: { steps: [`${dec(q * t)} ÷ ${s}`], stem: true },
      trap: c.v(
        `(Flipping the ratio would give about ${dec(wrongN, 2)} cups, which can't be right — ${t} servings needs ${more ? 'more' : 'less'} ${ing} than ${s}.)`,
        `My first instinct was to multiply by ${s}/${t}, which gives about ${dec(wrongN, 2)} cups, but that goes the wrong direction.`,
      ),
      alt: Number.isInteger(ans) ? undefined : `That's ${quarterFrac(ans)} cups if you're measuring with cups.`,
    };
  }
}

function travel(c: Ctx): Prob {
  for (;;) {
    const v = c.any([40, 45, 50, 55, 60, 64, 65, 70]);
    const hh = c.int(1, 5);
    const frac = c.any([0.2, 0.25, 0.4, 0.5]);
    const H = hh + frac;
    const D = v * H;
    if (Math.abs(D - Math.round(D)) > 1e-9) continue;
    const fm = Math.round(frac * 60);
    const fd = Math.round(frac * 100);
    const driveMin = hh * 60 + fm;
    const wrongMin = hh * 60 + fd;
    const stop = c.any([15, 20, 30, 45]);
    const dep = c.int(5, 11) * 60 + 5 * c.int(0, 11);
    const arr = dep + driveMin + stop;
    if (arr + stop >= 23 * 60) continue;
    const tot = driveMin + stop;
    const wrong = clock(dep + wrongMin + stop);
    const long = c.chance(0.5);
    const Hs = dec(H);
    return {
      task: 'arrival time',
      query: c.v(
        `If I leave at ${clock(dep)} and drive ${Math.round(D)} miles at an average of ${v} mph, with one ${stop}-minute stop, what time will I arrive?`,
        `I'm driving ${Math.round(D)} miles averaging ${v} mph and I'll take a ${stop}-minute break on the way. Leaving at ${clock(dep)}, when do I get there?`,
      ),
      ans: clock(arr),
      U: '',
      eqU: '',
      N: 'your arrival time',
      work: {
        steps: c.v(
          [
            `driving time: ${Math.round(D)} ÷ ${v} = ${Hs} hours`,
            `${dec(frac)} of an hour is ${fm} minutes, so that's ${hm(driveMin, long)}`,
            `add the ${stop}-minute stop: ${hm(tot, long)} total`,
            `${clock(dep)} + ${hm(tot, long)}`,
          ],
          [
            `${Math.round(D)} miles at ${v} mph takes ${Hs} hours, i.e. ${hm(driveMin, long)}`,
            `with the ${stop}-minute stop, the trip is ${hm(tot, long)}`,
            `leaving at ${clock(dep)}: ${clock(dep)} + ${hm(tot, long)}`,
          ],
        ),
        stem: true,
      },
      wrong,
      wrongWork: {
        steps: c.v(
          [
            `driving time: ${Math.round(D)} ÷ ${v} = ${Hs} hours, so ${hh} h ${fd} min`,
            `plus the ${stop}-minute stop: ${hm(wrongMin + stop, long)}`,
            `${clock(dep)} + ${hm(wrongMin + stop, long)}`,
          ],
          [
            `${Math.round(D)} ÷ ${v} = ${Hs} hours of driving, which is ${hh}:${String(fd).padStart(2, '0')}`,
            `add ${stop} minutes for the stop: ${hm(wrongMin + stop, long)}`,
            `${clock(dep)} + ${hm(wrongMin + stop, long)}`,
          ],
        ),
        stem: true,
      },
      fixWhy: c.v(
        `${Hs} hours isn't ${hh} h ${fd} min — the decimal part is a fraction of an hour, and ${dec(frac)} × 60 = ${fm} minutes.`,
        `I read the decimal part of ${Hs} hours as minutes. ${dec(frac)} h × 60 = ${fm} min, not ${fd}.`,
      ),
      fix: {
        steps: [`driving is ${hm(driveMin, long)}, plus ${stop} min = ${hm(tot, long)}`, `${clock(dep)} + ${hm(tot, long)}`],
        stem: true,
      },
      check: {
        steps: c.v(
          [
            `in minutes: ${Math.round(D)} ÷ ${v} × 60 = ${driveMin} minutes of driving`,
            `plus ${stop} is ${tot} minutes`,
            `${clock(dep)} + ${tot} minutes`,
          ],
          [
            `${v} mph means ${v} miles every 60 minutes, so ${Math.round(D)} miles takes ${Math.round(D)} × 60 ÷ ${v} = ${driveMin} minutes`,
            `with the stop that's ${tot} minutes after ${clock(dep)}`,
            `${clock(dep)} + ${tot} min`,
          ],
        ),
        stem: true,
      },
      sub: `${v} × ${Hs} = ${Math.round(D)} miles`,
      bad: clock(arr + stop),
      badWhy: c.v(`I still need to add the ${stop}-minute stop!`, `I don't think I included the ${stop}-minute stop.`),
      badFix: { steps: [`${clock(arr)} + ${stop} minutes`], stem: true },
      trap: c.v(
        `(Careful: reading ${Hs} hours as ${hh} h ${fd} min would put you there at ${wrong}, but ${dec(frac)} of an hour is only ${fm} minutes.)`,
        `It's easy to treat ${Hs} hours as ${hh}:${String(fd).padStart(2, '0')} and get ${wrong}, but the .${String(fd).replace(/0$/, '')} is a fraction of an hour, so I'll convert properly.`,
      ),
    };
  }
}

const BIG_ITEMS = [
  'jacket',
  'pair of boots',
  'blender',
  'backpack',
  'floor lamp',
  'desk chair',
  'rain jacket',
  'pair of headphones',
  'coffee maker',
  'suitcase',
  'stand mixer',
  'bike helmet',
];

function stacked(c: Ctx): Prob {
  for (;;) {
    const P = 5 * c.int(4, 96);
    const d1 = c.any([10, 15, 20, 25, 30, 40, 50]);
    const d2 = c.any([5, 10, 15, 20, 25]);
    if ((P * (100 - d1) * (100 - d2)) % 100) continue;
    const ans = (P * (100 - d1) * (100 - d2)) / 100;
    const sale = P * (100 - d1);
    const c1 = P * 100 - sale;
    const c2 = sale - ans;
    const wrong = P * (100 - d1 - d2);
    const wd = P * 100 - wrong;
    const mult = ((100 - d1) * (100 - d2)) / 10000;
    const item = c.any(BIG_ITEMS);
    return {
      task: 'stacked discounts',
      query: c.v(
        `A ${item} costs ${mq(P * 100)}. It's ${d1}% off, and I have a coupon for an extra ${d2}% off the sale price. How much will I pay?`,
        `The ${item} I want is normally ${mq(P * 100)}. It's marked ${d1}% off, and there's another ${d2}% off at checkout on top of that. What's the final price?`,
      ),
      ans: m(ans),
      U: '',
      eqU: '',
      N: 'the final price',
      work: {
        steps: c.v(
          [
            `${d1}% of ${mq(P * 100)} is ${m(c1)}, so the sale price is ${m(sale)}`,
            `the extra ${d2}% comes off ${m(sale)}: that's ${m(c2)}`,
            `${m(sale)} − ${m(c2)}`,
          ],
          [
            `sale price: ${mq(P * 100)} × ${dec((100 - d1) / 100)} = ${m(sale)}`,
            `coupon: ${d2}% of ${m(sale)} = ${m(c2)}`,
            `final: ${m(sale)} − ${m(c2)}`,
          ],
        ),
        stem: true,
      },
      wrong: m(wrong),
      wrongWork: {
        steps: c.v(
          [`${d1}% + ${d2}% = ${d1 + d2}% off`, `${d1 + d2}% of ${mq(P * 100)} is ${m(wd)}`, `${mq(P * 100)} − ${m(wd)}`],
          [`total discount: ${d1 + d2}%`, `${mq(P * 100)} × ${dec((100 - d1 - d2) / 100)}`],
        ),
        stem: true,
      },
      fixWhy: c.v(
        `stacked discounts don't just add — the ${d2}% coupon applies to the sale price, not the original ${mq(P * 100)}.`,
        `the coupon is ${d2}% off the *sale* price, so I can't simply add the percentages.`,
      ),
      fix: {
        steps: [`sale price: ${mq(P * 100)} − ${m(c1)} = ${m(sale)}`, `${d2}% of ${m(sale)} = ${m(c2)}`, `${m(sale)} − ${m(c2)}`],
        stem: true,
      },
      check: {
        steps: c.v(
          [
            `multiply the two "what you pay" factors: ${dec((100 - d1) / 100)} × ${dec((100 - d2) / 100)} = ${dec(mult)}`,
            `${mq(P * 100)} × ${dec(mult)}`,
          ],
          [
            `you pay ${100 - d1}% and then ${100 - d2}% of that, i.e. ${dec(mult * 100, 2)}% of the original`,
            `${dec(mult)} × ${mq(P * 100)}`,
          ],
        ),
        stem: true,
      },
      sub: `${d1}% of ${mq(P * 100)} is ${m(c1)}, and ${mq(P * 100)} − ${m(c1)} = ${m(sale)}`,
      bad: m(wrong),
      badWhy: c.v(
        `should the two discounts just add up? ${d1}% + ${d2}% is ${d1 + d2}% off.`,
        `maybe the sale and the coupon combine into one ${d1 + d2}% discount.`,
      ),
      badFix: { steps: [`${d1 + d2}% of ${mq(P * 100)} is ${m(wd)}`, `${mq(P * 100)} − ${m(wd)}`], stem: true },
      trap: c.v(
        `(It's tempting to add them to ${d1 + d2}% off, which would give ${m(wrong)}, but the coupon applies to the already-reduced price.)`,
        `Note that ${d1}% + ${d2}% is not ${d1 + d2}% off here — that would be ${m(wrong)} — because the second discount is taken from the sale price.`,
      ),
    };
  }
}

const AGE_PAIRS: [string, string][] = [
  ['Maria', 'Leo'],
  ['Dana', 'Sam'],
  ['Grandpa Joe', 'Mia'],
  ['Priya', 'Arjun'],
  ['Aunt Carol', 'Ben'],
  ['Mr. Okafor', 'Chidi'],
  ['Hannah', 'Noah'],
  ['Rosa', 'Tomás'],
];
const TIMES = ['', '', 'twice', 'three times', 'four times', 'five times'];

function ages(c: Ctx): Prob {
  for (;;) {
    const [k, mu] = c.any([
      [3, 2],
      [4, 2],
      [4, 3],
      [5, 3],
      [5, 2],
      [5, 4],
    ] as const);
    const y = c.int(2, 15);
    const num = y * (mu - 1);
    if (num % (k - mu)) continue;
    const b = num / (k - mu);
    const a = k * b;
    if (b < 3 || a > 80) continue;
    const [A, B] = c.any(AGE_PAIRS);
    const coef = k - mu === 1 ? 'b' : `${k - mu}b`;
    const solve = k - mu === 1 ? `solving: b = ${num}` : `solving: ${coef} = ${num}, so b = ${b}`;
    const setup = [
      `let ${B}'s age be b, so ${A} is ${k}b`,
      `in ${y} years: ${k}b + ${y} = ${mu}(b + ${y})`,
      `${k}b + ${y} = ${mu}b + ${mu * y}`,
      solve,
    ];
    return {
      task: 'age puzzle',
      query: c.v(
        `${A} is ${TIMES[k] ?? ''} as old as ${B}. In ${y} years, ${A} will be ${TIMES[mu] ?? ''} as old as ${B}. How old is ${A} now?`,
        `Right now ${A} is ${TIMES[k] ?? ''} ${B}'s age. ${y} years from now, ${A} will be ${TIMES[mu] ?? ''} as old as ${B}. What is ${A}'s age today?`,
      ),
      ans: String(a),
      U: ' years',
      eqU: '',
      N: `${A}'s age`,
      work: {
        steps: c.v(
          [...setup, `${A} is ${k} × ${b}`],
          [
            `call ${B}'s age b; then ${A} is ${k}b`,
            `${y} years later ${A} is ${k}b + ${y} and ${B} is b + ${y}, so ${k}b + ${y} = ${mu}(b + ${y})`,
            solve,
            `${A} = ${k} × ${b}`,
          ],
        ),
        stem: true,
      },
      wrong: String(b),
      wrongWork: { steps: setup, stem: false },
      fixWhy: c.v(
        `b is ${B}'s age, not ${A}'s. The question asks about ${A}.`,
        `I solved for ${B}, but the question asks how old ${A} is.`,
      ),
      fix: { steps: [`${A} = ${k} × ${b}`], stem: true },
      check: {
        steps: c.v(
          [
            `now: ${A} ${a}, ${B} ${b}, and ${a} = ${k} × ${b} ✓`,
            `in ${y} years: ${a + y} and ${b + y}, and ${mu} × ${b + y} = ${mu * (b + y)} ✓`,
          ],
          [
            `plug it back in: ${A} is ${a} and ${B} is ${b}, which is ${k} times ✓`,
            `in ${y} years they're ${a + y} and ${b + y}, and ${a + y} ÷ ${b + y} = ${mu} ✓`,
          ],
        ),
        stem: false,
      },
      sub: `${mu} × ${y} = ${mu * y}, and ${mu * y} − ${y} = ${num}`,
      bad: String(a + y),
      badWhy: c.v(
        `the question mentions "in ${y} years" — maybe it wants ${A}'s age then.`,
        `I wonder if it's asking for ${A}'s age in ${y} years.`,
      ),
      badFix: { steps: [`${a} + ${y}`], stem: true },
      trap: c.v(
        `Quick guess-and-check first: if ${B} were ${b - 1}, ${A} would be ${k * (b - 1)}, and in ${y} years that's ${k * (b - 1) + y} vs ${mu} × ${b - 1 + y} = ${mu * (b - 1 + y)} — doesn't work. So let's just do the algebra.`,
        `(Trying ${B} = ${b + 1} first: ${A} would be ${k * (b + 1)}; in ${y} years ${k * (b + 1) + y} vs ${mu} × ${b + 1 + y} = ${mu * (b + 1 + y)}, no match. Algebra is faster.)`,
      ),
    };
  }
}

const ROOMS = ['bedroom', 'living room', 'office', 'den', 'guest room', 'family room', 'basement'];

function carpet(c: Ctx): Prob {
  for (;;) {
    const L = 3 * c.int(3, 8);
    const W = 3 * c.int(3, 8);
    const price = 50 * c.int(30, 90);
    const sqft = L * W;
    const sqyd = sqft / 9;
    const ans = sqyd * price;
    if (ans % 10) continue;
    const wrong = (sqft / 3) * price;
    const bad = (ans * 11) / 10;
    const room = c.any(ROOMS);
    return {
      task: 'carpet cost',
      query: c.v(
        `My ${room} is ${L} ft by ${W} ft, and the carpet I like is ${mq(price)} per square yard. How much will it cost to carpet the whole room?`,
        `How much would it cost to carpet a ${L} ft × ${W} ft ${room} if carpet is ${mq(price)} per square yard?`,
      ),
      ans: m(ans),
      U: '',
      eqU: '',
      N: 'the carpet cost',
      work: {
        steps: c.v(
          [
            `area: ${L} × ${W} = ${sqft} sq ft`,
            `a square yard is 3 ft × 3 ft = 9 sq ft, so ${sqft} ÷ 9 = ${sqyd} sq yd`,
            `cost: ${sqyd} × ${m(price)}`,
          ],
          [
            `the floor is ${L} × ${W} = ${sqft} square feet`,
            `there are 9 square feet in a square yard, so that's ${sqyd} square yards`,
            `${sqyd} sq yd at ${mq(price)} each: ${sqyd} × ${m(price)}`,
          ],
        ),
        stem: true,
      },
      wrong: m(wrong),
      wrongWork: {
        steps: [
          `area: ${L} × ${W} = ${sqft} sq ft`,
          `3 feet per yard, so ${sqft} ÷ 3 = ${sqft / 3} sq yd`,
          `cost: ${sqft / 3} × ${m(price)}`,
        ],
        stem: true,
      },
      fixWhy: c.v(
        `dividing by 3 converts feet to yards for a length, but for area it's 3 × 3 = 9 square feet per square yard.`,
        `a square yard is 9 square feet, not 3.`,
      ),
      fix: { steps: [`${sqft} ÷ 9 = ${sqyd} sq yd`, `${sqyd} × ${m(price)}`], stem: true },
      check: {
        steps: c.v(
          [
            `convert the sides first: ${L} ft = ${L / 3} yd and ${W} ft = ${W / 3} yd`,
            `area ${L / 3} × ${W / 3} = ${sqyd} sq yd`,
            `${sqyd} × ${m(price)}`,
          ],
          [`price per square foot is ${m(price)} ÷ 9 ≈ ${m(Math.round(price / 9))}`, `more exactly, ${sqft} × ${m(price)} ÷ 9`],
        ),
        stem: true,
      },
      sub: `${sqyd} × 9 = ${sqft}`,
      bad: m(bad),
      badWhy: c.v(`carpet usually needs about 10% extra for seams and waste.`, `I should probably add 10% for waste when ordering carpet.`),
      badFix: { steps: [`${sqyd} × 1.1 = ${dec(sqyd * 1.1)} sq yd`, `${dec(sqyd * 1.1)} × ${m(price)}`], stem: true },
      trap: c.v(
        `(Multiplying ${sqft} sq ft by ${mq(price)} would give ${m(sqft * price)}, but the price is per square yard, not per square foot.)`,
        `Watch the units here: ${sqft} × ${mq(price)} = ${m(sqft * price)} would be pricing it per square foot, which is wrong.`,
      ),
    };
  }
}

function tip(c: Ctx): Prob {
  for (;;) {
    const n = c.int(2, 8);
    const t = c.any([15, 18, 20, 25]);
    const B = 5 * c.int(800, 8000);
    if (B % n) continue;
    if ((B * t) % 100) continue;
    const tp = (B * t) / 100;
    if (tp % n) continue;
    const tot = B + tp;
    const ans = tot / n;
    const share = B / n;
    const wrong = share + tp;
    const bad = ans + 100;
    return {
      task: 'tip and split',
      query: c.v(
        `Dinner for the ${n} of us came to ${m(B)}. If we leave a ${t}% tip and split everything evenly, how much does each person pay?`,
        `Our bill is ${m(B)} for ${n} people. We want to add a ${t}% tip and split it evenly — what does each person owe?`,
      ),
      ans: m(ans),
      U: '',
      eqU: '',
      N: "each person's share",
      work: {
        steps: c.v(
          [`tip: ${t}% of ${m(B)} = ${m(tp)}`, `total with tip: ${m(B)} + ${m(tp)} = ${m(tot)}`, `split ${n} ways: ${m(tot)} ÷ ${n}`],
          [`the tip is ${m(B)} × ${dec(t / 100)} = ${m(tp)}`, `so the whole thing is ${m(tot)}`, `per person: ${m(tot)} ÷ ${n}`],
        ),
        stem: true,
      },
      wrong: m(wrong),
      wrongWork: {
        steps: [
          `each person's share of the bill: ${m(B)} ÷ ${n} = ${m(share)}`,
          `tip: ${t}% of ${m(B)} = ${m(tp)}`,
          `each person pays ${m(share)} + ${m(tp)}`,
        ],
        stem: true,
      },
      fixWhy: c.v(
        `I added the whole tip to every person's share — the tip should be split ${n} ways too.`,
        `that gives everyone the full ${m(tp)} tip, which overpays by a lot.`,
      ),
      fix: { steps: [`tip per person: ${m(tp)} ÷ ${n} = ${m(tp / n)}`, `${m(share)} + ${m(tp / n)}`], stem: true },
      check: {
        steps: c.v(
          [`each person's share of the bill is ${m(B)} ÷ ${n} = ${m(share)}`, `adding ${t}%: ${m(share)} × ${dec(1 + t / 100)}`],
          [`bill plus tip in one go: ${m(B)} × ${dec(1 + t / 100)} = ${m(tot)}`, `${m(tot)} ÷ ${n}`],
        ),
        stem: true,
      },
      sub: `${m(B)} × ${dec(t / 100)} = ${m(tp)}`,
      bad: m(bad),
      badWhy: c.v(`let me re-add the total with the tip.`, `I want to redo the addition, I think I rushed it.`),
      badFix: { steps: [`${m(B)} + ${m(tp)} = ${m(tot + 100 * n)}`, `${m(tot + 100 * n)} ÷ ${n}`], stem: true },
      trap: c.v(
        `(It's not just ${m(B)} ÷ ${n} = ${m(share)} — that leaves out the tip.)`,
        `Splitting only the bill would be ${m(share)} each, but we need the tip in there too.`,
      ),
    };
  }
}

const WORKERS: [string, string, string][] = [
  ['Jenna', 'she', 'her'],
  ['Marcus', 'he', 'his'],
  ['Aisha', 'she', 'her'],
  ['Diego', 'he', 'his'],
  ['Kim', 'she', 'her'],
  ['Tom', 'he', 'his'],
  ['Fatima', 'she', 'her'],
  ['Ravi', 'he', 'his'],
];

function overtime(c: Ctx): Prob {
  const r = 50 * c.int(30, 76);
  const h = c.int(42, 56);
  const [name, pr, pos] = c.any(WORKERS);
  const reg = 40 * r;
  const otr = 1.5 * r;
  const oh = h - 40;
  const ot = oh * otr;
  const ans = reg + ot;
  const base = h * r;
  const wrong = base + ot;
  const bad = h * otr;
  return {
    task: 'overtime pay',
    query: c.v(
      `${name} earns ${m(r)} an hour, with time-and-a-half for any hours over 40 in a week. ${cap(pr)} worked ${h} hours last week. How much did ${pr} earn?`,
      `If ${name} makes ${m(r)}/hour and overtime (anything past 40 hours) pays 1.5×, what's ${pos} pay for a ${h}-hour week?`,
    ),
    ans: m(ans),
    U: '',
    eqU: '',
    N: `${name}'s pay for the week`,
    work: {
      steps: c.v(
        [
          `regular pay: 40 × ${m(r)} = ${m(reg)}`,
          `overtime rate: 1.5 × ${m(r)} = ${m(otr)}`,
          `overtime: ${oh} hours × ${m(otr)} = ${m(ot)}`,
          `total: ${m(reg)} + ${m(ot)}`,
        ],
        [`40 hours at the base rate: ${m(reg)}`, `the other ${oh} hours at ${m(otr)} (1.5 × ${m(r)}): ${m(ot)}`, `${m(reg)} + ${m(ot)}`],
      ),
      stem: true,
    },
    wrong: m(wrong),
    wrongWork: {
      steps: [`${h} hours × ${m(r)} = ${m(base)}`, `overtime: ${oh} × ${m(otr)} = ${m(ot)}`, `total: ${m(base)} + ${m(ot)}`],
      stem: true,
    },
    fixWhy: c.v(
      `I counted the ${oh} overtime hours twice — once inside the ${h} × ${m(r)} and again at time-and-a-half.`,
      `only the first 40 hours are at the regular rate, and I paid all ${h} at the regular rate before adding overtime on top.`,
    ),
    fix: { steps: [`regular: 40 × ${m(r)} = ${m(reg)}`, `${m(reg)} + ${m(ot)}`], stem: true },
    check: {
      steps: c.v(
        [
          `all ${h} hours at the base rate: ${m(base)}`,
          `the overtime "half" adds ${oh} × ${m(r / 2)} = ${m((oh * r) / 2)}`,
          `${m(base)} + ${m((oh * r) / 2)}`,
        ],
        [`think of it as 40 + 1.5 × ${oh} = ${dec(40 + 1.5 * oh)} paid hours`, `${dec(40 + 1.5 * oh)} × ${m(r)}`],
      ),
      stem: true,
    },
    sub: `1.5 × ${m(r)} = ${m(otr)}`,
    bad: m(bad),
    badWhy: c.v(
      `does time-and-a-half apply to every hour once you go over 40?`,
      `I think some employers pay the whole week at the overtime rate once you pass 40.`,
    ),
    badFix: { steps: [`${h} × ${m(otr)}`], stem: true },
    trap: c.v(
      `(It's not just ${h} × ${m(r)} = ${m(base)} — the ${oh} hours past 40 pay more.)`,
      `Straight time would be ${h} × ${m(r)} = ${m(base)}, but the overtime hours pay extra, so it's more than that.`,
    ),
  };
}

const SALE_ITEMS = ['pair of running shoes', 'pair of jeans', 'winter coat', 'TV', 'rug', 'watch', 'sofa', 'printer'];

function percentOff(c: Ctx): Prob {
  for (;;) {
    const pct = c.any([10, 12, 15, 20, 25, 30, 35, 40, 45, 60, 65, 70, 75]);
    const X = c.int(20, 300);
    const Y = X * (100 - pct);
    const save = X * pct;
    const wp = dec((pct / (100 - pct)) * 100, 1);
    const item = c.any(SALE_ITEMS);
    const Xs = mq(X * 100);
    return {
      task: 'percent discount',
      query: c.v(
        `A ${item} was ${Xs} and now it's on sale for ${m(Y)}. What percent off is that?`,
        `The ${item} I've been watching dropped from ${Xs} to ${m(Y)}. What's the percentage discount?`,
      ),
      ans: `${pct}%`,
      U: '',
      eqU: '',
      N: 'the discount',
      work: {
        steps: c.v(
          [
            `you save ${Xs} − ${m(Y)} = ${m(save)}`,
            `as a fraction of the original: ${m(save)} ÷ ${Xs} = ${dec(pct / 100)}`,
            `as a percent: ${dec(pct / 100)} × 100`,
          ],
          [`amount off: ${m(save)}`, `${m(save)} out of ${Xs} is ${dec(pct / 100)}`, `${dec(pct / 100)} × 100%`],
        ),
        stem: true,
      },
      wrong: `${wp}%`,
      wrongWork: {
        steps: [
          `savings: ${Xs} − ${m(Y)} = ${m(save)}`,
          `${m(save)} ÷ ${m(Y)} ≈ ${dec(Number(wp) / 100, 3)}`,
          `${dec(Number(wp) / 100, 3)} × 100`,
        ],
        stem: true,
      },
      fixWhy: c.v(
        `the percent off is measured against the original price, not the sale price.`,
        `I divided by the sale price; a discount is a fraction of the original ${Xs}.`,
      ),
      fix: { steps: [`${m(save)} ÷ ${Xs} = ${dec(pct / 100)}`, `${dec(pct / 100)} × 100`], stem: true },
      check: {
        steps: c.v(
          [
            `the sale price is ${m(Y)} ÷ ${Xs} = ${dec((100 - pct) / 100)} of the original, so you pay ${100 - pct}%`,
            `100% − ${100 - pct}%`,
          ],
          [`${pct}% of ${Xs} should be the savings: ${dec(pct / 100)} × ${Xs} = ${m(save)} ✓`, `and ${Xs} − ${m(save)} = ${m(Y)} ✓`],
        ),
        stem: c.v(true, false),
      },
      sub: `${Xs} − ${m(Y)} = ${m(save)}`,
      bad: `${wp}%`,
      badWhy: c.v(
        `maybe it should be compared to what you're paying now?`,
        `I've seen percent change measured from the new price, so let me try that.`,
      ),
      badFix: { steps: [`${m(save)} ÷ ${m(Y)} ≈ ${dec(Number(wp) / 100, 3)}`, `${dec(Number(wp) / 100, 3)} × 100`], stem: true },
      trap: c.v(
        `(Dividing by the sale price would give about ${wp}%, but a discount is measured against the original price.)`,
        `One common slip is ${m(save)} ÷ ${m(Y)} ≈ ${wp}% — that's the wrong base, so I'll use the original price.`,
      ),
    };
  }
}

const PROBLEMS: ((c: Ctx) => Prob)[] = [shopping, recipe, travel, stacked, ages, carpet, tip, overtime, percentOff];

// ---------------------------------------------------------------------------------------------
// Phrasing templates. {V} = the value (a candidate where a candidate is written), {W} = an earlier
// value, {N} / {Nc} = noun phrase for the asked quantity, {U} = unit words. Each split uses one half.

const CONCL = [
  'So {N} is **{V}{U}**.',
  'That makes {N} **{V}{U}**.',
  '**Answer:** {V}{U}',
  'So the answer is **{V}{U}**.',
  '{Nc} comes to **{V}{U}**.',
  'That gives **{V}{U}**.',
  'Putting it together, {N} is **{V}{U}**.',
  'Which means {N} is {V}{U}.',
  'So {N} works out to **{V}{U}**.',
  '**{Nc}: {V}{U}**',
  'That brings {N} to **{V}{U}**.',
  'So {N} should be **{V}{U}**.',
  'Result: {N} is **{V}{U}**.',
  'All in, {N} is **{V}{U}**.',
  'So {N} ends up being {V}{U}.',
  'There you go — {N} is **{V}{U}**.',
  'So overall, {N} is {V}{U}.',
  'That leaves {N} at **{V}{U}**.',
  'So, {N}: **{V}{U}**.',
  'Final tally: **{V}{U}**.',
  'Bottom line: {N} is **{V}{U}**.',
  'In short, {N} is **{V}{U}**.',
  'So I get {V}{U} for {N}.',
  'That works out to {V}{U}.',
  'So {N} = **{V}{U}**.',
  'So we land on **{V}{U}**.',
  '**So {N} is {V}{U}.**',
  'That means {N} is **{V}{U}**.',
  'Long story short: **{V}{U}**.',
  'So {N} would be **{V}{U}**.',
  'Therefore {N} is **{V}{U}**.',
  'That puts {N} at {V}{U}.',
  'Altogether: **{V}{U}**.',
  '→ **{V}{U}**',
  'So the number you want is **{V}{U}**.',
  'Okay, so {N} is **{V}{U}**.',
  "So that's **{V}{U}** for {N}.",
  'My answer: **{V}{U}**.',
  'So {N} comes out to {V}{U}.',
  'Great, that gives {N} = {V}{U}.',
  "And that's {N}: **{V}{U}**.",
  'Net result: **{V}{U}**.',
  "So you'd be looking at **{V}{U}** for {N}.",
  'Which gives us **{V}{U}**.',
  'Summing up, {N} is {V}{U}.',
  'So the final figure is **{V}{U}**.',
  '{Nc} is therefore **{V}{U}**.',
  'So {N} is {V}{U} — easy enough.',
  'Answer: **{V}{U}**',
  'Done: {N} is **{V}{U}**.',
];

const ECHO = [
  'Same answer: **{V}{U}**.',
  'That matches — {N} is {V}{U}.',
  'Again **{V}{U}**, so it checks out.',
  'That also gives {V}{U}, good.',
  'Yep, {V}{U} again.',
  'Same result: {V}{U}.',
  'So {N} is indeed **{V}{U}**.',
  'That confirms it: **{V}{U}**.',
  'Consistent: {V}{U}.',
  'Both ways give **{V}{U}**.',
  "And that's {V}{U} again, matching the calculation above.",
  'Still {V}{U} — great.',
  'Which lands on {V}{U} again.',
  "So it's {V}{U} either way.",
  'Matches: {N} = **{V}{U}**.',
  'Good, that comes to {V}{U} as well.',
  'Same {V}{U} — confirmed.',
  "That's {V}{U}, same as before.",
  'Once again, {N} is **{V}{U}**.',
  'It agrees: {V}{U}.',
  'So {N} really is {V}{U}.',
  'Confirmed — **{V}{U}**.',
  'Sure enough, {V}{U}.',
  'Perfect, {V}{U} again.',
  'I get {V}{U} this way too.',
  'That gives {V}{U}, so the answer holds.',
  'So yes, {N} is {V}{U}.',
  'Both approaches agree on **{V}{U}**.',
  'Also {V}{U}. ✓',
  "Nice — that's {V}{U} again.",
  'Which again gives {N} = {V}{U}.',
  'And we get {V}{U} once more.',
  'Result: {V}{U}, same as above.',
  'Again, {N} comes to **{V}{U}**.',
  'That checks out: {V}{U}.',
  'Same number, {V}{U}.',
  'So {N} is {V}{U} — verified.',
  'Good, {V}{U} again, so I trust it.',
  'Identical: **{V}{U}**.',
  "That's also **{V}{U}**. 👍",
  'Yep — {N} is **{V}{U}** either way.',
  'Matches the answer above: {V}{U}.',
  'That lines up: {V}{U}.',
  'So the check gives {V}{U} too.',
  'Same as before — **{V}{U}**.',
  'Great, it agrees: **{V}{U}**.',
  'Once more I get **{V}{U}**.',
  'And that is {V}{U}, as expected.',
  'So {N} is confirmed at **{V}{U}**.',
  'That gives **{V}{U}** again.',
];

const CORR = [
  'So {N} is actually **{V}{U}**, not {W}{U}.',
  'That makes {N} **{V}{U}**.',
  'Corrected answer: **{V}{U}**.',
  'So the right answer is **{V}{U}**.',
  "Okay, so it's **{V}{U}**, not {W}{U}.",
  'Sorry about that — {N} is **{V}{U}**.',
  'So {N} is really {V}{U}.',
  'That changes things: **{V}{U}**.',
  'Fixed: {N} = **{V}{U}**.',
  "So scratch {W}{U}; it's **{V}{U}**.",
  'So {N} should be **{V}{U}** instead.',
  'My mistake — the correct figure is **{V}{U}**.',
  'Updated: {N} is **{V}{U}**.',
  'So, corrected: {N} is {V}{U}.',
  "So it's **{V}{U}**, not {W}{U} like I said before.",
  'That gives **{V}{U}** — my earlier {W}{U} was off.',
  'So {N} comes to **{V}{U}** after all.',
  'OK, so the real answer is {V}{U}.',
  'Revised answer: **{V}{U}**.',
  'So the answer is **{V}{U}**, not {W}{U}.',
  'That puts {N} at **{V}{U}**.',
  'So {N} is {V}{U}. Sorry for the confusion!',
  'Which means {N} is actually {V}{U}.',
  'So, correcting myself: **{V}{U}**.',
  'Thus {N} is **{V}{U}**, not {W}{U}.',
  "Glad I caught that — it's **{V}{U}**.",
  'Right, so {N} is **{V}{U}**.',
  'So the correct answer is {V}{U}.',
  'That brings {N} to **{V}{U}**, not {W}{U}.',
  'Correction: {N} is **{V}{U}**.',
  "So I'd go with **{V}{U}** instead.",
  'Got it — {N} is **{V}{U}**.',
  "That's **{V}{U}**. (Ignore the {W}{U} above.)",
  'Okay, so {N} = {V}{U}.',
  'So it should be **{V}{U}**.',
  'So the answer changes to **{V}{U}**.',
  'So {N} is in fact **{V}{U}**.',
  'Apologies — {N} is really **{V}{U}**.',
  'So that makes it **{V}{U}**, not {W}{U}.',
  'New answer: **{V}{U}**.',
  'Which gives the right answer: **{V}{U}**.',
  'So the fixed answer is **{V}{U}**.',
  'Oops indeed — {N} is **{V}{U}**.',
  'Therefore {N} is actually {V}{U}.',
  'So properly, {N} is **{V}{U}**.',
  'That corrects it to **{V}{U}**.',
  'So my final answer is **{V}{U}**, not {W}{U}.',
  'Alright: {N} is **{V}{U}**.',
  'Updated answer: {V}{U} (not {W}{U}).',
  'So {N} is **{V}{U}** — the {W}{U} was wrong.',
];

const WAIT = [
  'Hmm, actually, wait.',
  'Oops, hold on.',
  'Wait a second —',
  'Hmm, let me re-read the question.',
  'Actually, hang on.',
  "Hmm, that doesn't look right.",
  'Oh wait.',
  'Hold on, I think I made a mistake.',
  'Hmm, wait a moment.',
  'Oops — let me fix that.',
  'Actually, wait, I need to rethink this.',
  "Hmm. Something's off.",
  'Wait, hmm.',
  'Ah, hold on —',
  'Hmm, actually, let me reconsider.',
  'Oops, I think I slipped up there.',
  "Wait, that's not quite right.",
  'Hmm, on second thought —',
  'Hang on a sec.',
  'Actually, scratch that.',
  'Hmm, let me look at that again.',
  'Whoops.',
  'Wait — hmm.',
  'Oh, hold on a second.',
  "Hmm, actually I'm not sure about that.",
  'Wait, let me rethink one thing.',
  'Hmm, one second.',
  'Oops, let me back up.',
  'Actually — wait.',
  'Hmm, I should double-check my setup.',
  'Hold on.',
  'Wait, I think I rushed that.',
  'Hmm, hmm. Let me reconsider.',
  'Oh no, wait.',
  'Actually, let me take another look.',
  "Hmm, I'm second-guessing this.",
  'Wait a minute.',
  'Oops! Let me correct something.',
  'Hmm, let me rethink that last step.',
  'Er, wait.',
  'Hmm — actually, no.',
  'Hold on, let me reconsider the setup.',
  'Wait, I want to revisit that.',
  'Hmm, let me pause here.',
  'Actually, I think I need to redo part of this.',
  'Oops, small problem.',
  'Hmm, not so fast.',
  'Wait, one thing bothers me.',
  'Hmm, let me step back.',
  'Hmm, hang on.',
];

const CHECKINTRO = [
  'Let me double-check that another way.',
  'Quick sanity check with a different approach:',
  'Let me verify that a second way.',
  'Let me double-check by working it differently.',
  'Just to be safe, let me check it another way.',
  "Let's confirm with a different method.",
  'Double-checking:',
  'Let me verify:',
  'Quick check from another angle:',
  "To be sure, here's another route:",
  "Let me make sure that's right.",
  'Sanity check:',
  'Let me check this a different way.',
  'Another way to see it:',
  'Let me confirm that.',
  'Let me redo it a different way to be sure.',
  'One more check, using a different route:',
  'Let me cross-check.',
  'Cross-check:',
  "I'll verify it another way.",
  "Let's double-check the math another way.",
  'Checking my work:',
  'Let me just verify that quickly.',
  "Here's a quick second method:",
  'Verifying with a different approach:',
  'Let me try it from another direction.',
  'Alternatively, you can get there like this:',
  'Let me run it a second way.',
  'Quick verification:',
  'Let me make sure by redoing it differently.',
  "Let's check it another way.",
  'To double-check:',
  'Let me confirm using a shortcut.',
  'Just to double-check that:',
  'Let me re-verify that.',
  'A second way to check:',
  'Let me check the answer a different way.',
  'Check:',
  'Let me test that another way.',
  'Let me see if another approach agrees.',
  "I'll check it from scratch a different way.",
  "Here's another way to confirm:",
  'Let me verify the result.',
  'Let me double-check, because these are easy to mess up.',
  'Quick double-check:',
  'Let me sanity-check that.',
  'Double-check using another method:',
  'Let me confirm that another way.',
  'Let me see if that holds up.',
  'Let me check that with another method.',
];

const BARE = [
  'Let me double-check that.',
  'Does that seem right?',
  'Is that reasonable?',
  "Let me make sure that's right.",
  'Hmm, is that right?',
  'Let me just double-check.',
  'Sanity check?',
  'Does that make sense?',
  'Quick gut check.',
  'Is that plausible?',
  'Hmm, does that sound right?',
  'Let me think about whether that makes sense.',
  'Is that the right ballpark?',
  'Hmm, let me make sure.',
  'Does that pass the smell test?',
  'Let me just sanity-check the size of that.',
  'Reasonable?',
  'Hmm, does that add up?',
  'Let me pause and check.',
  'Does that look right to you? It does to me.',
  "Let me make sure I didn't miss anything.",
  'Is that sensible?',
  'Okay, is that right?',
  'Let me just confirm.',
  'Quick double-check.',
  'Does that seem about right?',
];

const CONFIRM = [
  'Yep, that checks out.',
  'Yes, that seems right.',
  'That makes sense.',
  'Looks good.',
  "Yes, that's right.",
  'That seems reasonable.',
  'Yep, looks right to me.',
  'Good, that holds up.',
  "Yes — I'm confident in that.",
  'That looks correct.',
  'Seems right.',
  'Yup.',
  "Yes, I'm happy with that.",
  'That feels about right.',
  'Looks solid.',
  "Yes, that's it.",
  'Okay, good.',
  'Great, that works.',
  "Right, that's consistent.",
  'Yes, that adds up.',
  'All good.',
  "That's reasonable.",
  'Yep.',
  'Yes, that lines up.',
  'Everything checks out.',
  'That sounds right.',
  "I'm fairly confident that's correct.",
  'Good.',
  'Yes, that tracks.',
  'Perfect.',
  "Yes — that's correct.",
  'Makes sense.',
  'Yes, that holds.',
  "That's right.",
  'Alright, that looks fine.',
  "Okay, I'm happy with that.",
  'Looks right.',
  'Sounds good.',
  "Yes, I think that's right.",
  'That works.',
  'Great.',
  "Nice, that's consistent.",
  'Yep, all good.',
  'Correct.',
  'OK, that seems fine.',
  "That's solid.",
  'Yes, confirmed.',
  'That checks.',
  'Seems solid to me.',
  'Yes, good.',
];

const SUBFRAME = [
  '(Quick check: {S} ✓)',
  'Double-checking that step: {S}. ✓',
  'Just to confirm the arithmetic: {S}.',
  '(And yes, {S}.)',
  'Checking one step: {S} — correct.',
  'Quick check on the multiplication: {S} ✓',
  '(Verified: {S}.)',
  'Let me double-check one piece: {S}. Good.',
  'Sanity check on the middle step: {S} ✓',
  'For the record, {S}.',
  '(Arithmetic check: {S}.)',
  'Just making sure: {S}. Yep.',
  'Checking the intermediate number: {S} ✓',
  '(I double-checked: {S}.)',
  'Small check: {S} — fine.',
  'Re-checking that step: {S}. ✓',
  '(Confirming: {S}.)',
  'One quick verification: {S}.',
  'And {S} — that part is right.',
  '(Step check: {S} ✓)',
  'Let me verify that step: {S}. Yes.',
  'Just to be careful: {S}.',
  'Quick look at the math: {S} ✓',
  '(Yes — {S}.)',
  'Checking: {S}. Good.',
  'Sub-check: {S} ✓',
];

const RESTATE = [
  '**Answer:** {V}{U}',
  '**Final answer: {V}{U}**',
  'So, to sum up: **{V}{U}**.',
  'TL;DR: **{V}{U}**',
  'Bottom line: **{V}{U}**.',
  '**{V}{U}**',
  'So the answer is **{V}{U}**.',
  'Final answer: {V}{U}.',
  '**Total: {V}{U}**',
  'In short: **{V}{U}**.',
  'So, once more: {V}{U}.',
  '👉 **{V}{U}**',
  'To recap, {N} is **{V}{U}**.',
  '**Answer: {V}{U}**',
  "So you're looking at **{V}{U}**.",
  'Summary: {N} = **{V}{U}**.',
  'That is, **{V}{U}**.',
  'Answer: **{V}{U}**',
  'So: **{V}{U}**.',
  'Final: **{V}{U}**',
  'Short version: {V}{U}.',
  'So {N}: **{V}{U}**.',
];

const OPENER = [
  "Sure! Let's work it out.",
  "Great question — let's break it down.",
  'Happy to help with that!',
  "Let's figure this out step by step.",
  'Sure thing.',
  'Good one! Here goes.',
  "Okay, let's see.",
  "Let's do the math.",
  'No problem — here we go.',
  'Absolutely, let me walk through it.',
  "Let's take it one piece at a time.",
  'Sure, this is a quick one.',
  'Alright!',
  "Here's how I'd work it out.",
  'Of course!',
  "Let's crunch the numbers.",
  'Good question!',
  'Sure — easy enough to compute.',
  'Happy to!',
  "Let's break it into steps.",
  'Okay!',
  'Let me work through it.',
  '',
  '',
];

const LEAD = [
  "Here's the math:",
  'Step by step:',
  "Let's go piece by piece:",
  'The numbers:',
  'Working it out:',
  'Breaking it down:',
  '',
  '',
  "Here's how it goes:",
  'The calculation:',
  'First, the pieces:',
  'So:',
  '',
  '',
  'Let me lay it out:',
  'Setting it up:',
];

const CLOSER = [
  'Hope that helps!',
  'Let me know if you have any other questions.',
  'Enjoy!',
  'Happy to help with anything else!',
  'Hope this helps — good luck!',
  'Let me know if you want me to redo it with different numbers.',
  'Have fun!',
  'Anything else I can help with?',
  'Hope that clears it up!',
  'Feel free to ask if something is unclear.',
  '😊',
  'Good luck!',
  "Let me know if I've misread anything in the question.",
  'Cheers!',
  'Hope this is useful!',
  'Shout if you need anything else.',
];

// ---------------------------------------------------------------------------------------------
// Step rendering styles (the last step may be an expression "stem" continued by " = value").

interface Style {
  prose: boolean;
  render(steps: string[]): string;
}

const CONNECT = ['First, ', 'Then ', 'Next, ', 'After that, ', 'Then '];

const STYLES: Style[] = [
  { prose: false, render: (s) => s.map((x) => `- ${cap(x)}`).join('\n') },
  { prose: true, render: (s) => s.map((x, i) => (i < s.length - 1 ? `${cap(x)}.` : cap(x))).join(' ') },
  { prose: false, render: (s) => s.map((x, i) => `${i + 1}. ${cap(x)}`).join('\n') },
  {
    prose: true,
    render: (s) =>
      s.length === 1
        ? cap(s[0] ?? '')
        : s.map((x, i) => (i === s.length - 1 ? `Finally, ${x}` : `${CONNECT[Math.min(i, CONNECT.length - 1)] ?? ''}${x}.`)).join(' '),
  },
  { prose: false, render: (s) => s.map((x, i) => `**Step ${i + 1}:** ${x}`).join('\n') },
  { prose: true, render: (s) => s.map((x, i) => (i < s.length - 1 ? `${cap(x)}.` : cap(x))).join('\n') },
  { prose: false, render: (s) => s.map((x) => `* ${cap(x)}`).join('\n') },
  { prose: true, render: (s) => cap(s.join('; ')) },
];

// ---------------------------------------------------------------------------------------------
// Body builder

class Builder {
  body = '';
  cands: PhrasingCandidate[] = [];
  t(s: string): void {
    this.body += s;
  }
  cand(v: string): void {
    this.cands.push({ value: v, offset: this.body.length });
    this.body += v;
  }
  para(s: string): void {
    if (s) this.body += `${s}\n\n`;
  }
}

interface Vars {
  N: string;
  U: string;
  W?: string;
}

function fill(s: string, vars: Vars): string {
  return s
    .replace(/\{Nc\}/g, cap(vars.N))
    .replace(/\{N\}/g, vars.N)
    .replace(/\{U\}/g, vars.U)
    .replace(/\{W\}/g, vars.W ?? '');
}

/** Writes a template; its {V} is a candidate when `asCand`, otherwise plain text. */
function say(b: Builder, tpl: string, vars: Vars, V: string, asCand: boolean): void {
  const i = tpl.indexOf('{V}');
  if (i < 0) {
    b.t(fill(tpl, vars));
    return;
  }
  b.t(fill(tpl.slice(0, i), vars));
  if (asCand) b.cand(V);
  else b.t(V);
  b.t(fill(tpl.slice(i + 3), vars));
}

/** Steps, then the value for the asked quantity: as a result line (" = **$25.92**") or a sentence. */
function conclude(c: Ctx, b: Builder, p: Prob, piece: Piece, list: string[], V: string, W?: string): void {
  const style = c.pick(STYLES);
  b.t(style.render(piece.steps));
  const vars: Vars = { N: p.N, U: p.U, W };
  if (piece.stem && c.chance(0.4)) {
    const bold = c.chance(0.5);
    b.t(bold ? ' = **' : ' = ');
    b.cand(V);
    b.t(p.eqU + (bold ? '**' : '') + (style.prose ? '.' : ''));
    b.t('\n\n');
    if (c.chance(0.5)) {
      // a restatement of the result line: merges with it
      say(b, c.pick(list), vars, V, false);
      b.t('\n\n');
    }
  } else {
    b.t(style.prose ? '.' : '');
    b.t('\n\n');
    say(b, c.pick(list), vars, V, true);
    b.t('\n\n');
  }
}

function turn(c: Ctx, b: Builder, why: string): void {
  const w = c.pick(WAIT);
  b.t(`${w} ${w.endsWith('—') ? why : cap(why)}\n\n`);
}

type Scenario = 'right' | 'rightEcho' | 'rightBare' | 'trap' | 'wrongFix' | 'wrongStay' | 'rightBad';

const SCENARIOS: [Scenario, number][] = [
  ['right', 0.15],
  ['rightEcho', 0.22],
  ['rightBare', 0.08],
  ['trap', 0.15],
  ['wrongFix', 0.26],
  ['wrongStay', 0.07],
  ['rightBad', 0.07],
];

function scenario(c: Ctx): Scenario {
  let x = c.r();
  for (const [s, w] of SCENARIOS) {
    if (x < w) return s;
    x -= w;
  }
  return 'right';
}

function makeRecord(c: Ctx, id: string): PhrasingRecord {
  const p = c.any(PROBLEMS)(c);
  const sc = scenario(c);
  const b = new Builder();
  const vars = (V?: string): Vars => ({ N: p.N, U: p.U, W: V });
  const restate = (V: string): void => {
    say(b, c.pick(RESTATE), vars(), V, false);
    b.t('\n\n');
  };
  const alt = (): void => {
    if (p.alt && c.chance(0.5)) b.para(p.alt);
  };
  const echo = (): void => {
    b.para(c.pick(CHECKINTRO));
    conclude(c, b, p, p.check, ECHO, p.ans);
  };
  const lead = (): void => {
    const l = c.pick(LEAD);
    if (l) b.t(`${l}\n\n`);
  };

  b.para(c.pick(OPENER));
  let last = p.ans;
  switch (sc) {
    case 'right':
      lead();
      conclude(c, b, p, p.work, CONCL, p.ans);
      alt();
      if (c.chance(0.45)) {
        b.t(fill(c.pick(SUBFRAME), vars()).replace('{S}', p.sub));
        b.t(c.chance(0.5) ? ` ${c.pick(CONFIRM)}\n\n` : '\n\n');
      }
      break;
    case 'rightEcho':
      lead();
      conclude(c, b, p, p.work, CONCL, p.ans);
      alt();
      echo();
      if (c.chance(0.4)) b.para(c.pick(CONFIRM));
      break;
    case 'rightBare':
      lead();
      conclude(c, b, p, p.work, CONCL, p.ans);
      b.para(`${c.pick(BARE)} ${c.pick(CONFIRM)}`);
      break;
    case 'trap':
      b.para(p.trap);
      lead();
      conclude(c, b, p, p.work, CONCL, p.ans);
      alt();
      if (c.chance(0.35)) echo();
      break;
    case 'wrongFix':
      lead();
      conclude(c, b, p, p.wrongWork, CONCL, p.wrong);
      if (c.chance(0.4)) b.para(c.pick(BARE));
      turn(c, b, p.fixWhy);
      conclude(c, b, p, p.fix, CORR, p.ans, p.wrong);
      alt();
      if (c.chance(0.35)) echo();
      if (c.chance(0.3)) b.para(c.pick(CONFIRM));
      break;
    case 'wrongStay':
      lead();
      conclude(c, b, p, p.wrongWork, CONCL, p.wrong);
      if (c.chance(0.5)) b.para(`${c.pick(BARE)} ${c.pick(CONFIRM)}`);
      last = p.wrong;
      break;
    case 'rightBad':
      lead();
      conclude(c, b, p, p.work, CONCL, p.ans);
      if (c.chance(0.3)) b.para(c.pick(CONFIRM));
      turn(c, b, p.badWhy);
      conclude(c, b, p, p.badFix, CORR, p.bad, p.ans);
      last = p.bad;
      break;
  }
  if (c.chance(0.35)) restate(last);
  if (c.chance(0.5)) b.para(c.pick(CLOSER));

  const body = b.body.replace(/\s+$/, '');
  const cands = b.cands;
  return {
    id,
    headers: { query: p.query, answer: p.ans, task: p.task },
    body,
    candidates: cands,
    final: cands.length ? (cands[cands.length - 1] as PhrasingCandidate).value : null,
  };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const c = makeCtx((seed * 2654435761 + (split === 'dev' ? 17 : 91)) >>> 0, split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(makeRecord(c, `${family}-${split}-${seed}-${i + 1}`));
  return out;
}
