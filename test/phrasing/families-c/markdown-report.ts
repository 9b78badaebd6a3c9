// Phrasing family "markdown-report": structured Markdown reports (## Given / ## Plan / ## Work /
// results table / ## Answer / ## Check / ## Updated answer) for measurement, price-comparison,
// percentage and linear-equation questions, with gold candidate answers labelled per
// docs/annotation-guide.md. Self-contained: only types are imported.
import type { PhrasingRecord, PhrasingSplit } from '../families/types.js';

export const family = 'markdown-report';

// ---------------------------------------------------------------------------------------------
// PRNG and small helpers

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

function hashStr(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const ri = (r: Rng, a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
function pick<T>(r: Rng, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
const chance = (r: Rng, p: number): boolean => r() < p;
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Replace every occurrence of each key (no regex, so "$" in values is safe). */
function fill(tpl: string, map: Record<string, string>): string {
  let s = tpl;
  for (const [k, v] of Object.entries(map)) s = s.split(k).join(v);
  return s;
}

const MK_OPEN = '\u0001';
const MK_CLOSE = '\u0002';

interface Ctx {
  r: Rng;
  mul: string; // multiplication sign
  minus: string; // subtraction sign in expressions
  comma: boolean; // thousands separators for big integers
  sqStyle: number; // 0: cm², 1: cm^2, 2: sq cm
}

function nf(c: Ctx, n: number): string {
  if (Number.isInteger(n)) {
    const s = String(Math.abs(n));
    const g = c.comma && Math.abs(n) >= 1000 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s;
    return (n < 0 ? '-' : '') + g;
  }
  return String(Math.round(n * 1000) / 1000);
}
/** Money from integer cents, always two decimals. */
const money = (cents: number): string => (cents / 100).toFixed(2);
/** Money from integer cents, whole dollars without decimals. */
const moneyW = (cents: number): string => (cents % 100 === 0 ? String(cents / 100) : money(cents));

const sq = (c: Ctx, u: string): string => (c.sqStyle === 0 ? `${u}²` : c.sqStyle === 1 ? `${u}^2` : `sq ${u}`);
const cu = (c: Ctx, u: string): string => (c.sqStyle === 0 ? `${u}³` : c.sqStyle === 1 ? `${u}^3` : `cubic ${u}`);
const UNIT_WORD: Record<string, [string, string]> = {
  cm: ['centimetres', 'centimetre'],
  m: ['metres', 'metre'],
  in: ['inches', 'inch'],
  ft: ['feet', 'foot'],
};
const LEN_UNITS = ['cm', 'm', 'in', 'ft', 'm', 'cm'];

// ---------------------------------------------------------------------------------------------
// Task instances

interface Step {
  L: string; // label, lowercase
  X: string; // expression
  v: string; // value as written
  pre?: string;
  post?: string;
}
interface Path {
  steps: Step[];
  E: string; // final expression (numeric) or comparison line (choice)
  v: string; // value as written
}
interface Inst {
  task: string;
  query: string;
  answer: string;
  Q: string;
  Qc: string;
  pre: string;
  post: string;
  choice: boolean;
  given: string[];
  plan: string[];
  right: Path;
  wrong: Path;
  errStep: number; // 1-based; steps.length + 1 = the final combination
  errNote: string;
  alt: Path;
  altHow: string;
  subst?: (right: boolean) => string[];
  sanity: string[];
  hmm: string[];
  tries: string[];
  cond: string;
  est: string | null;
}

function sub(c: Ctx, a: number, b: number): string {
  return `${nf(c, a)} ${c.minus} ${b < 0 ? `(${nf(c, b)})` : nf(c, b)}`;
}
function add(c: Ctx, a: number, b: number): string {
  return `${nf(c, a)} + ${b < 0 ? `(${nf(c, b)})` : nf(c, b)}`;
}
function estimateOf(c: Ctx, v: number): number {
  const step = v >= 2000 ? 1000 : v >= 200 ? 100 : v >= 40 ? 10 : 5;
  let e = Math.round(v / step) * step;
  if (e === v) e += step;
  if (e <= 0) e = step;
  return e;
}

function house(c: Ctx): Inst | null {
  const r = c.r;
  const u = pick(r, LEN_UNITS);
  const [uw] = UNIT_WORD[u];
  const big = chance(r, 0.3);
  const w = 2 * ri(r, 2, big ? 30 : 12);
  const h = ri(r, 3, big ? 40 : 15);
  const t = ri(r, 2, big ? 30 : 12);
  const rect = w * h;
  const tri = (w * t) / 2;
  const tot = rect + tri;
  const obj = pick(r, ['sign', 'window', 'shed wall', 'birdhouse front', 'stage flat', 'banner', 'gable wall', 'plywood cut-out']);
  const S = ` ${sq(c, u)}`;
  const m = c.mul;
  const half = chance(r, 0.5) ? '½' : '1/2';
  const rS: Step = { L: 'rectangle area', X: `${w} ${m} ${h}`, v: nf(c, rect), post: S };
  const tS: Step = { L: 'triangle area', X: `${half} ${m} ${w} ${m} ${t}`, v: nf(c, tri), post: S };
  const typeA = chance(r, 0.6) || h === t;
  const badTri = typeA ? w * t : (w * h) / 2;
  const tBad: Step = typeA
    ? { L: 'triangle area', X: `${w} ${m} ${t}`, v: nf(c, badTri), post: S }
    : { L: 'triangle area', X: `${half} ${m} ${w} ${m} ${h}`, v: nf(c, badTri), post: S };
  const errNote = typeA
    ? `the triangle's area is ${half} ${m} base ${m} height, so it is ${half} ${m} ${w} ${m} ${t} = ${nf(c, tri)}${S}, not ${nf(c, badTri)}${S}`
    : `I used the rectangle's height (${h} ${u}) for the triangle, but the triangle's height is ${t} ${u}, so its area is ${nf(c, tri)}${S}`;
  const avg = h + t / 2;
  return {
    task: 'composite-area',
    query: `A ${obj} is shaped like a rectangle ${w} ${u} wide and ${h} ${u} tall with a triangle on top. The triangle's base is the full ${w} ${u} top edge and its height is ${t} ${u}. What is the total area of the ${obj}, in square ${uw}?`,
    answer: String(tot),
    Q: `the total area`,
    Qc: `The total area`,
    pre: '',
    post: S,
    choice: false,
    given: [
      `Rectangle: ${w} ${u} wide, ${h} ${u} tall`,
      `Triangle on top: base ${w} ${u}, height ${t} ${u}`,
      `Find: total area of the ${obj}`,
    ],
    plan: ['Find the area of the rectangle.', `Find the area of the triangle (${half} × base × height).`, 'Add the two areas.'],
    right: { steps: [rS, tS], E: `${nf(c, rect)} + ${nf(c, tri)}`, v: nf(c, tot) },
    wrong: { steps: [rS, tBad], E: `${nf(c, rect)} + ${nf(c, badTri)}`, v: nf(c, rect + badTri) },
    errStep: 2,
    errNote,
    alt: {
      steps: [{ L: 'average height', X: `${h} + ${t} ÷ 2`, v: nf(c, avg), post: ` ${u}` }],
      E: `${w} ${m} ${nf(c, avg)}`,
      v: nf(c, tot),
    },
    altHow: `treat the ${obj} as one rectangle of width ${w} ${u} whose height is the average height (the rectangle's height plus half the triangle's)`,
    sanity: [
      `The area has to be more than the rectangle alone (${nf(c, rect)}${S}) and less than the ${w} ${m} ${h + t} bounding box (${nf(c, w * (h + t))}${S}), and it is.`,
    ],
    hmm: [
      `Hmm, the triangle's base is the whole top edge, so it is ${w} ${u}, the same as the rectangle's width.`,
      `Wait — the ${t} ${u} is the height of the triangle alone, not of the whole ${obj}.`,
    ],
    tries: [],
    cond: `it asks for the area of the whole ${obj}, the rectangle and the triangle together`,
    est: `about ${nf(c, estimateOf(c, tot))}${S}`,
  };
}

function lArea(c: Ctx): Inst | null {
  const r = c.r;
  const u = pick(r, LEN_UNITS);
  const [uw] = UNIT_WORD[u];
  const big = chance(r, 0.35);
  const W = ri(r, 8, big ? 70 : 24);
  const H = ri(r, 8, big ? 70 : 24);
  const a = ri(r, 2, W - 3);
  const b = ri(r, 2, H - 3);
  const hb = H - b;
  const wu = W - a;
  const P1 = W * hb;
  const P2 = wu * b;
  const full = W * H;
  const notch = a * b;
  const tot = full - notch;
  const obj = pick(r, ['room', 'patio', 'garden', 'kitchen floor', 'deck', 'courtyard', 'rug', 'metal plate', 'lawn']);
  const S = ` ${sq(c, u)}`;
  const m = c.mul;
  const mi = c.minus;
  const split: Step[] = [
    { L: 'height of the full-width strip', X: `${H} ${mi} ${b}`, v: nf(c, hb), post: ` ${u}` },
    { L: 'full-width strip area', X: `${W} ${m} ${hb}`, v: nf(c, P1), post: S },
    { L: 'width of the remaining piece', X: `${W} ${mi} ${a}`, v: nf(c, wu), post: ` ${u}` },
    { L: 'remaining piece area', X: `${wu} ${m} ${b}`, v: nf(c, P2), post: S },
  ];
  const subtract: Step[] = [
    { L: 'full rectangle area', X: `${W} ${m} ${H}`, v: nf(c, full), post: S },
    { L: 'missing corner area', X: `${a} ${m} ${b}`, v: nf(c, notch), post: S },
  ];
  const splitPath: Path = { steps: split, E: `${nf(c, P1)} + ${nf(c, P2)}`, v: nf(c, tot) };
  const subPath: Path = { steps: subtract, E: `${nf(c, full)} ${mi} ${nf(c, notch)}`, v: nf(c, tot) };
  const base = {
    task: 'l-area',
    query: `An L-shaped ${obj} fits exactly in a ${W} ${u} by ${H} ${u} rectangle, with a ${a} ${u} by ${b} ${u} rectangle missing from one corner. What is the area of the ${obj}, in square ${uw}?`,
    answer: String(tot),
    Q: `the area of the ${obj}`,
    Qc: `The area of the ${obj}`,
    pre: '',
    post: S,
    choice: false,
    given: [`Bounding rectangle: ${W} ${u} × ${H} ${u}`, `Missing corner: ${a} ${u} × ${b} ${u}`, `Find: area of the L-shape`],
    sanity: [`The result must be smaller than the bounding rectangle (${nf(c, full)}${S}), and it is.`],
    hmm: [
      `Hmm, the missing corner is ${a} ${u} wide and ${b} ${u} tall — I need to keep those the right way round.`,
      `Hmm, no piece should be counted twice here.`,
    ],
    tries: [],
    cond: `it asks for the area of the L-shape itself, with the missing corner left out`,
    est: `about ${nf(c, estimateOf(c, tot))}${S}`,
  };
  if (chance(r, 0.5)) {
    const badP2 = W * b;
    return {
      ...base,
      plan: ['Cut the L into a strip across the full width and the remaining piece.', 'Find both areas.', 'Add them.'],
      right: splitPath,
      wrong: {
        steps: [split[0], split[1], { L: 'remaining piece area', X: `${W} ${m} ${b}`, v: nf(c, badP2), post: S }],
        E: `${nf(c, P1)} + ${nf(c, badP2)}`,
        v: nf(c, P1 + badP2),
      },
      errStep: 3,
      errNote: `the remaining piece is only ${W} ${mi} ${a} = ${wu} ${u} wide because of the missing corner, so its area is ${wu} ${m} ${b} = ${nf(c, P2)}${S}, not ${nf(c, badP2)}${S}`,
      alt: subPath,
      altHow: `take the whole ${W} × ${H} rectangle and subtract the missing corner`,
    };
  }
  const slip = pick(r, big ? [100, -100, 10, -10] : [10, -10, 20]);
  const badFull = full + slip;
  if (badFull - notch <= 0) return null;
  return {
    ...base,
    plan: ['Find the area of the full bounding rectangle.', 'Find the area of the missing corner.', 'Subtract.'],
    right: subPath,
    wrong: {
      steps: [{ ...subtract[0], v: nf(c, badFull) }, subtract[1]],
      E: `${nf(c, badFull)} ${mi} ${nf(c, notch)}`,
      v: nf(c, badFull - notch),
    },
    errStep: 1,
    errNote: `${W} ${m} ${H} is ${nf(c, full)}, not ${nf(c, badFull)}`,
    alt: splitPath,
    altHow: `split the shape into a strip across the full width and the remaining piece`,
  };
}

function lPerimeter(c: Ctx): Inst | null {
  const r = c.r;
  const u = pick(r, LEN_UNITS);
  const [uw] = UNIT_WORD[u];
  const big = chance(r, 0.3);
  const W = ri(r, 8, big ? 90 : 30);
  const H = ri(r, 8, big ? 90 : 30);
  const a = ri(r, 2, W - 3);
  const b = ri(r, 2, H - 3);
  const tot = 2 * (W + H);
  const obj = pick(r, ['garden', 'yard', 'pen', 'plot', 'pool deck', 'play area', 'room']);
  const mi = c.minus;
  const steps: Step[] = [
    { L: 'remaining top edge', X: `${W} ${mi} ${a}`, v: nf(c, W - a), post: ` ${u}` },
    { L: 'remaining side edge', X: `${H} ${mi} ${b}`, v: nf(c, H - b), post: ` ${u}` },
  ];
  return {
    task: 'l-perimeter',
    query: `An L-shaped ${obj} is a ${W} ${u} by ${H} ${u} rectangle with a ${a} ${u} by ${b} ${u} rectangle cut out of one corner. What is the perimeter of the ${obj}, in ${uw}?`,
    answer: String(tot),
    Q: `the perimeter`,
    Qc: `The perimeter`,
    pre: '',
    post: ` ${u}`,
    choice: false,
    given: [`Outer rectangle: ${W} ${u} × ${H} ${u}`, `Corner cut-out: ${a} ${u} × ${b} ${u}`, `Find: perimeter of the L-shape`],
    plan: ['Work out the two edges shortened by the cut-out.', 'List all six sides of the L.', 'Add them.'],
    right: { steps, E: `${W} + ${H} + ${W - a} + ${b} + ${a} + ${H - b}`, v: nf(c, tot) },
    wrong: { steps, E: `${W} + ${H} + ${W - a} + ${b} + ${H - b}`, v: nf(c, tot - a) },
    errStep: 3,
    errNote: `the sum has only five sides; the ${a} ${u} edge of the notch is missing, and an L-shape has six sides`,
    alt: {
      steps: [{ L: 'half-perimeter of the outer rectangle', X: `${W} + ${H}`, v: nf(c, W + H), post: ` ${u}` }],
      E: `2 ${c.mul} ${W + H}`,
      v: nf(c, tot),
    },
    altHow: `note that the two edges of the notch exactly replace the two missing stretches of the outer rectangle, so the perimeter equals that of the ${W} × ${H} rectangle`,
    sanity: [
      `Cutting a rectangle out of a corner moves edges inward but never shortens the boundary, so the result can't be below the outer rectangle's perimeter.`,
    ],
    hmm: [
      `Hmm, the cut-out removes part of the top edge and part of the side edge, but adds two new edges of its own.`,
      `Wait — the notch's edges are ${a} ${u} and ${b} ${u}; both belong to the boundary.`,
    ],
    tries: [],
    cond: `it asks for the distance all the way around the L-shape, notch edges included`,
    est: `about ${nf(c, estimateOf(c, tot))} ${u}`,
  };
}

function boxVolume(c: Ctx): Inst | null {
  const r = c.r;
  const u = pick(r, ['cm', 'm', 'in', 'ft', 'cm']);
  const [uw] = UNIT_WORD[u];
  const big = chance(r, 0.4);
  const l1 = ri(r, 5, big ? 40 : 15);
  const w1 = ri(r, 4, big ? 30 : 12);
  const h1 = ri(r, 1, big ? 20 : 8);
  const l2 = ri(r, 2, l1 - 1);
  const w2 = ri(r, 2, w1 - 1);
  const h2 = ri(r, 2, big ? 20 : 8);
  const V1 = l1 * w1 * h1;
  const V2 = l2 * w2 * h2;
  const A1 = l1 * w1;
  const A2 = l2 * w2;
  const tot = V1 + V2;
  const obj = pick(r, ['podium', 'plinth', 'display stand', 'concrete base', 'two-tier cake', 'step unit', 'planter']);
  const C = ` ${cu(c, u)}`;
  const S = ` ${sq(c, u)}`;
  const m = c.mul;
  const s1: Step = { L: 'lower block volume', X: `${l1} ${m} ${w1} ${m} ${h1}`, v: nf(c, V1), post: C };
  const s2: Step = { L: 'upper block volume', X: `${l2} ${m} ${w2} ${m} ${h2}`, v: nf(c, V2), post: C };
  return {
    task: 'composite-volume',
    query: `A ${obj} is made of two rectangular blocks: a lower block ${l1} ${u} long, ${w1} ${u} wide and ${h1} ${u} high, and a smaller block ${l2} ${u} by ${w2} ${u} by ${h2} ${u} sitting on top of it. What is the total volume of the ${obj}, in cubic ${uw}?`,
    answer: String(tot),
    Q: `the total volume`,
    Qc: `The total volume`,
    pre: '',
    post: C,
    choice: false,
    given: [`Lower block: ${l1} × ${w1} × ${h1} ${u}`, `Upper block: ${l2} × ${w2} × ${h2} ${u}`, `Find: total volume`],
    plan: ['Volume of each block = length × width × height.', 'Add the two volumes.'],
    right: { steps: [s1, s2], E: `${nf(c, V1)} + ${nf(c, V2)}`, v: nf(c, tot) },
    wrong: {
      steps: [s1, { L: 'upper block volume', X: `${l2} ${m} ${w2}`, v: nf(c, A2), post: C }],
      E: `${nf(c, V1)} + ${nf(c, A2)}`,
      v: nf(c, V1 + A2),
    },
    errStep: 2,
    errNote: `the upper block's volume needs all three dimensions: ${l2} ${m} ${w2} ${m} ${h2} = ${nf(c, V2)}${C}, not ${nf(c, A2)}`,
    alt: {
      steps: [
        { L: 'lower block base area', X: `${l1} ${m} ${w1}`, v: nf(c, A1), post: S },
        { L: 'upper block base area', X: `${l2} ${m} ${w2}`, v: nf(c, A2), post: S },
      ],
      E: `${nf(c, A1)} ${m} ${h1} + ${nf(c, A2)} ${m} ${h2}`,
      v: nf(c, tot),
    },
    altHow: `compute each block's base area first and multiply by its height`,
    sanity: [`The upper block is smaller in every direction, so its volume should be well below the lower block's, which it is.`],
    hmm: [
      `Hmm, the blocks don't overlap — one sits on the other — so their volumes simply add.`,
      `Wait, each block needs its own height; the heights are ${h1} ${u} and ${h2} ${u}.`,
    ],
    tries: [],
    cond: `it asks for the volume of the whole ${obj}, both blocks together`,
    est: `about ${nf(c, estimateOf(c, tot))}${C}`,
  };
}

function cylVolume(c: Ctx): Inst | null {
  const r = c.r;
  const u = pick(r, ['cm', 'm', 'in', 'ft', 'cm']);
  const [uw] = UNIT_WORD[u];
  const big = chance(r, 0.3);
  const rad = ri(r, 2, big ? 15 : 8);
  const d = 2 * rad;
  const h = ri(r, 2, big ? 50 : 20);
  const V = rad * rad * h;
  const obj = pick(r, ['tank', 'can', 'water butt', 'pipe section', 'silo', 'candle', 'vase']);
  const C = ` ${cu(c, u)}`;
  const S = ` ${sq(c, u)}`;
  const m = c.mul;
  const nc = { ...c, comma: false };
  return {
    task: 'cylinder-volume',
    query: `A cylindrical ${obj} has a diameter of ${d} ${u} and a height of ${h} ${u}. Find its volume in cubic ${uw}, leaving your answer in terms of π.`,
    answer: `${V}π`,
    Q: `the volume`,
    Qc: `The volume`,
    pre: '',
    post: C,
    choice: false,
    given: [`Diameter: ${d} ${u}`, `Height: ${h} ${u}`, `Find: volume (in terms of π)`],
    plan: ['Halve the diameter to get the radius.', 'Base area = πr².', 'Volume = base area × height.'],
    right: {
      steps: [
        { L: 'radius', X: `${d} ÷ 2`, v: String(rad), post: ` ${u}` },
        { L: 'base area', X: `π ${m} ${rad}²`, v: `${rad * rad}π`, post: S },
      ],
      E: `${rad * rad}π ${m} ${h}`,
      v: `${nf(nc, V)}π`,
    },
    wrong: {
      steps: [
        { L: 'radius', X: `${d} ÷ 2`, v: String(rad), post: ` ${u}` },
        { L: 'base area', X: `π ${m} ${d}²`, v: `${d * d}π`, post: S },
      ],
      E: `${d * d}π ${m} ${h}`,
      v: `${d * d * h}π`,
    },
    errStep: 2,
    errNote: `the base area uses the radius, not the diameter: π ${m} ${rad}² = ${rad * rad}π, not π ${m} ${d}²`,
    alt: { steps: [{ L: 'd² times the height', X: `${d}² ${m} ${h}`, v: String(d * d * h) }], E: `${d * d * h}π ÷ 4`, v: `${V}π` },
    altHow: `use the diameter form V = πd²h/4 directly`,
    sanity: [`Using 3 for π gives roughly ${3 * V}${C}, a sensible size for a ${obj} of these dimensions.`],
    hmm: [
      `Hmm, the ${d} ${u} is the diameter, so I need half of it for πr².`,
      `Wait — the answer should stay in terms of π, so no decimal approximation.`,
    ],
    tries: [],
    cond: `it asks for the volume of the ${obj} with π left as a symbol`,
    est: null,
  };
}

function pathArea(c: Ctx): Inst | null {
  const r = c.r;
  const u = pick(r, ['m', 'ft', 'm', 'yd']);
  const uw = u === 'yd' ? 'yards' : UNIT_WORD[u][0];
  const big = chance(r, 0.35);
  const L = ri(r, 5, big ? 60 : 18);
  const Wd = ri(r, 3, L);
  const p = ri(r, 1, big ? 6 : 3);
  const OL = L + 2 * p;
  const OW = Wd + 2 * p;
  const outer = OL * OW;
  const inner = L * Wd;
  const path = outer - inner;
  const badOuter = (L + p) * (Wd + p);
  const obj = pick(r, ['lawn', 'pool', 'flower bed', 'vegetable garden', 'pond', 'playground', 'tennis court']);
  const S = ` ${sq(c, u)}`;
  const m = c.mul;
  const mi = c.minus;
  const U = ` ${u}`;
  const gS: Step = { L: `${obj} area`, X: `${L} ${m} ${Wd}`, v: nf(c, inner), post: S };
  return {
    task: 'path-area',
    query: `A rectangular ${obj} measures ${L} ${u} by ${Wd} ${u}. A path ${p} ${u} wide runs all the way around the outside of it. What is the area of the path, in square ${uw}?`,
    answer: String(path),
    Q: `the area of the path`,
    Qc: `The area of the path`,
    pre: '',
    post: S,
    choice: false,
    given: [`${cap(obj)}: ${L} ${u} × ${Wd} ${u}`, `Path width: ${p} ${u}, all the way round`, `Find: area of the path`],
    plan: [`Find the outer dimensions (${obj} plus path).`, 'Outer area minus the inner area is the path.'],
    right: {
      steps: [
        { L: 'outer length', X: `${L} + 2 ${m} ${p}`, v: nf(c, OL), post: U },
        { L: 'outer width', X: `${Wd} + 2 ${m} ${p}`, v: nf(c, OW), post: U },
        { L: 'outer area', X: `${OL} ${m} ${OW}`, v: nf(c, outer), post: S },
        gS,
      ],
      E: `${nf(c, outer)} ${mi} ${nf(c, inner)}`,
      v: nf(c, path),
    },
    wrong: {
      steps: [
        { L: 'outer length', X: `${L} + ${p}`, v: nf(c, L + p), post: U },
        { L: 'outer width', X: `${Wd} + ${p}`, v: nf(c, Wd + p), post: U },
        { L: 'outer area', X: `${L + p} ${m} ${Wd + p}`, v: nf(c, badOuter), post: S },
        gS,
      ],
      E: `${nf(c, badOuter)} ${mi} ${nf(c, inner)}`,
      v: nf(c, badOuter - inner),
    },
    errStep: 1,
    errNote: `the path runs along both sides, so the outer length is ${L} + 2 ${m} ${p} = ${OL} ${u}, not ${L + p} ${u} (and the width is ${OW} ${u}, not ${Wd + p} ${u})`,
    alt: {
      steps: [
        { L: 'two long strips (corners included)', X: `2 ${m} ${OL} ${m} ${p}`, v: nf(c, 2 * OL * p), post: S },
        { L: 'two short strips', X: `2 ${m} ${Wd} ${m} ${p}`, v: nf(c, 2 * Wd * p), post: S },
      ],
      E: `${nf(c, 2 * OL * p)} + ${nf(c, 2 * Wd * p)}`,
      v: nf(c, path),
    },
    altHow: `cut the path into two long strips that include the corners and two short strips between them`,
    sanity: [`The path is a thin border, so its area should be much smaller than the outer area, and it is.`],
    hmm: [
      `Hmm, the path adds ${p} ${u} on both ends of each dimension.`,
      `Wait — the four corner squares of the path must be counted exactly once.`,
    ],
    tries: [],
    cond: `it asks for the area of the path only, not of the ${obj} inside it`,
    est: `about ${nf(c, estimateOf(c, path))}${S}`,
  };
}

function unitPrice(c: Ctx): Inst | null {
  const r = c.r;
  const [item, unit] = pick(r, [
    ['coffee', 'g'],
    ['rice', 'g'],
    ['breakfast cereal', 'g'],
    ['laundry detergent', 'ml'],
    ['olive oil', 'ml'],
    ['shampoo', 'ml'],
    ['dog food', 'g'],
    ['pasta', 'g'],
    ['honey', 'g'],
  ] as const);
  const sizes = [200, 250, 300, 400, 500, 750, 800, 1000, 1200, 1500];
  const qA = pick(r, sizes);
  const qB = pick(r, sizes);
  if (qA === qB) return null;
  const cA = 2 * ri(r, 20, 200);
  const cB = 2 * ri(r, 20, 200);
  if (Math.abs(cA - cB) < 8) return null;
  const pA = (cA * qA) / 100;
  const pB = (cB * qB) / 100;
  const better = cA < cB ? 'A' : 'B';
  const worse = better === 'A' ? 'B' : 'A';
  const gA = ((qA * 100) / pA).toFixed(1);
  const gB = ((qB * 100) / pB).toFixed(1);
  const m = c.mul;
  const xA = (pA * qB) / 100;
  const xB = (pB * qA) / 100;
  const lo = Math.min(xA, xB);
  const hi = Math.max(xA, xB);
  const biggerBetter = (better === 'A') === qA > qB;
  return {
    task: 'unit-price',
    query: `A store sells ${item} in two sizes: Pack A is ${qA} ${unit} for $${money(pA)} and Pack B is ${qB} ${unit} for $${money(pB)}. Which pack is the better buy (the lower price per ${unit})? Answer A or B.`,
    answer: better,
    Q: `the better buy`,
    Qc: `The better buy`,
    pre: 'Pack ',
    post: '',
    choice: true,
    given: [
      `Pack A: ${qA} ${unit} for $${money(pA)}`,
      `Pack B: ${qB} ${unit} for $${money(pB)}`,
      `Find: the pack with the lower price per ${unit}`,
    ],
    plan: [`Convert each pack to a price per 100 ${unit}.`, 'Compare the two unit prices.', 'The lower unit price is the better buy.'],
    right: {
      steps: [
        { L: 'unit price of Pack A', X: `$${money(pA)} ÷ ${qA / 100}`, v: money(cA), pre: '$', post: ` per 100 ${unit}` },
        { L: 'unit price of Pack B', X: `$${money(pB)} ÷ ${qB / 100}`, v: money(cB), pre: '$', post: ` per 100 ${unit}` },
      ],
      E: `Comparing: Pack A at $${money(cA)} per 100 ${unit} against Pack B at $${money(cB)} per 100 ${unit}.`,
      v: better,
    },
    wrong: {
      steps: [
        { L: `amount per dollar for Pack A`, X: `${qA} ÷ ${money(pA)}`, v: gA, post: ` ${unit}` },
        { L: `amount per dollar for Pack B`, X: `${qB} ÷ ${money(pB)}`, v: gB, post: ` ${unit}` },
      ],
      E: `Pack A gives ${gA} ${unit} per dollar and Pack B gives ${gB} ${unit}; I'll take the smaller figure as the cheaper rate.`,
      v: worse,
    },
    errStep: 3,
    errNote: `those figures are ${unit} per dollar, so the larger number is the better deal, not the smaller one`,
    alt: {
      steps: [
        { L: 'Pack A price × Pack B size', X: `${money(pA)} ${m} ${qB}`, v: nf(c, xA) },
        { L: 'Pack B price × Pack A size', X: `${money(pB)} ${m} ${qA}`, v: nf(c, xB) },
      ],
      E: `${nf(c, lo)} is less than ${nf(c, hi)}.`,
      v: better,
    },
    altHow: `cross-multiply each price by the other pack's size, which compares the cost of equal amounts`,
    sanity: [
      biggerBetter
        ? `The larger pack having the lower unit price is the usual bulk discount, so nothing is surprising here.`
        : `Here the larger pack is not the cheaper rate, which does happen when the smaller size is on promotion.`,
    ],
    hmm: [
      `Hmm, the packs are different sizes, so the sticker prices alone can't be compared.`,
      `Wait — what matters is the price per ${unit}, not the price per pack.`,
    ],
    tries: [],
    cond: `it asks which pack has the lower price per ${unit}, not which has the lower sticker price`,
    est: null,
  };
}

function unitSaving(c: Ctx): Inst | null {
  const r = c.r;
  const s = pick(r, [0.5, 1, 1.5, 0.5]);
  const S = s === 1.5 ? 3 : pick(r, [2, 3, 4, 5]);
  const c1 = 2 * ri(r, 60, 240);
  const c2 = 2 * ri(r, Math.max(30, Math.ceil(c1 * 0.3)), c1 / 2 - 5);
  if (c2 <= 0 || c1 - c2 < 10) return null;
  const p1 = c1 * s;
  const p2 = c2 * S;
  const item = pick(r, [
    'orange juice',
    'milk',
    'sparkling water',
    'olive oil',
    'laundry liquid',
    'apple juice',
    'soy sauce',
    'cooking oil',
  ]);
  const slip = pick(r, [10, -10, 20]);
  const c2b = c2 + slip;
  if (c2b <= 0 || c1 - c2b <= 0) return null;
  const n = S / s;
  const m = c.mul;
  const mi = c.minus;
  const s1: Step = { L: `price per litre of the ${s} L bottle`, X: `$${money(p1)} ÷ ${s}`, v: money(c1), pre: '$' };
  const s2: Step = { L: `price per litre of the ${S} L bottle`, X: `$${money(p2)} ÷ ${S}`, v: money(c2), pre: '$' };
  const hm =
    s < 1
      ? `Wait — the ${s} L bottle holds less than a litre, so its price per litre is more than its sticker price.`
      : s === 1
        ? `Hmm, the small bottle holds exactly one litre, so its price per litre is just its sticker price.`
        : `Hmm, the small bottle holds ${s} L, so I divide its price by ${s}, not by 1.`;
  return {
    task: 'unit-saving',
    query: `A ${s} L bottle of ${item} costs $${money(p1)} and a ${S} L bottle costs $${money(p2)}. How much do you save per litre, in dollars, by buying the ${S} L bottle instead of the ${s} L one?`,
    answer: money(c1 - c2),
    Q: `the saving per litre`,
    Qc: `The saving per litre`,
    pre: '$',
    post: '',
    choice: false,
    given: [
      `Small bottle: ${s} L for $${money(p1)}`,
      `Large bottle: ${S} L for $${money(p2)}`,
      `Find: saving per litre with the large bottle`,
    ],
    plan: ['Price per litre of each bottle.', 'Subtract the large bottle’s price per litre from the small one’s.'],
    right: { steps: [s1, s2], E: `$${money(c1)} ${mi} $${money(c2)}`, v: money(c1 - c2) },
    wrong: { steps: [s1, { ...s2, v: money(c2b) }], E: `$${money(c1)} ${mi} $${money(c2b)}`, v: money(c1 - c2b) },
    errStep: 2,
    errNote: `$${money(p2)} ÷ ${S} is $${money(c2)}, not $${money(c2b)}`,
    alt: {
      steps: [
        { L: `number of ${s} L bottles that make ${S} L`, X: `${S} ÷ ${s}`, v: nf(c, n) },
        { L: `cost of ${S} L in small bottles`, X: `${nf(c, n)} ${m} $${money(p1)}`, v: money(n * p1), pre: '$' },
        { L: 'extra cost compared with one large bottle', X: `$${money(n * p1)} ${mi} $${money(p2)}`, v: money(n * p1 - p2), pre: '$' },
      ],
      E: `$${money(n * p1 - p2)} ÷ ${S}`,
      v: money(c1 - c2),
    },
    altHow: `compare the cost of ${S} L bought as small bottles with one ${S} L bottle, then spread the difference over the litres`,
    sanity: [`The large bottle is cheaper per litre, as bulk sizes usually are, so the saving is positive.`],
    hmm: [hm, `Hmm, the bottles hold different amounts, so the comparison has to be per litre.`],
    tries: [],
    cond: `it asks for the difference in price per litre, not per bottle`,
    est: null,
  };
}

function discountTax(c: Ctx): Inst | null {
  const r = c.r;
  const P = 5 * ri(r, 4, 90);
  const d = pick(r, [10, 15, 20, 25, 30, 35, 40]);
  const t = pick(r, [4, 5, 6, 8, 10, 12]);
  const Sc = P * (100 - d);
  if ((Sc * t) % 100 !== 0) return null;
  const Tc = (Sc * t) / 100;
  const Dc = P * d;
  const fin = Sc + Tc;
  const badT = P * t;
  const mult = ((100 - d) * (100 + t)) / 10000;
  const item = pick(r, ['jacket', 'pair of boots', 'lamp', 'backpack', 'desk chair', 'blender', 'bicycle helmet', 'rug', 'tablet case']);
  const m = c.mul;
  const mi = c.minus;
  const s1: Step = { L: 'discount', X: `${d}% of $${P}`, v: money(Dc), pre: '$' };
  const s2: Step = { L: 'sale price', X: `$${P} ${mi} $${money(Dc)}`, v: money(Sc), pre: '$' };
  const s3: Step = { L: 'sales tax', X: `${t}% of $${money(Sc)}`, v: money(Tc), pre: '$' };
  return {
    task: 'discount-tax',
    query: `A ${item} is priced at $${P}. It is on sale for ${d}% off, and then ${t}% sales tax is added to the sale price. What is the final price, in dollars?`,
    answer: money(fin),
    Q: `the final price`,
    Qc: `The final price`,
    pre: '$',
    post: '',
    choice: false,
    given: [`Original price: $${P}`, `Discount: ${d}%`, `Sales tax: ${t}% (on the sale price)`],
    plan: ['Take the discount off the original price.', 'Work out the tax on the sale price.', 'Add the tax to the sale price.'],
    right: { steps: [s1, s2, s3], E: `$${money(Sc)} + $${money(Tc)}`, v: money(fin) },
    wrong: {
      steps: [s1, s2, { L: 'sales tax', X: `${t}% of $${P}`, v: money(badT), pre: '$' }],
      E: `$${money(Sc)} + $${money(badT)}`,
      v: money(Sc + badT),
    },
    errStep: 3,
    errNote: `the tax is charged on the sale price $${money(Sc)}, not on the original $${P}, so it is $${money(Tc)}`,
    alt: {
      steps: [{ L: 'combined multiplier', X: `${(100 - d) / 100} ${m} ${(100 + t) / 100}`, v: String(mult) }],
      E: `$${P} ${m} ${mult}`,
      v: money(fin),
    },
    altHow: `multiply the original price by the two multipliers in one go`,
    sanity: [`The discount is bigger than the tax, so the final price should be below $${P}, and it is.`],
    hmm: [
      `Hmm, the tax comes after the discount, so the order matters here.`,
      `Wait — I shouldn't merge ${d}% and ${t}% into a single change; they apply to different amounts.`,
    ],
    tries: [],
    cond: `it asks for the price after the discount with tax on the discounted amount`,
    est: `somewhat below $${P}`,
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function pctChange(c: Ctx): Inst | null {
  const r = c.r;
  const inc = chance(r, 0.65);
  const p = pick(r, inc ? [5, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75] : [5, 10, 15, 20, 25, 30, 40, 50]);
  const unit = 100 / gcd(p, 100);
  const A = unit * ri(r, Math.ceil(20 / unit), Math.floor(2000 / unit) || 1);
  const D = (A * p) / 100;
  const B = inc ? A + D : A - D;
  if (B <= 0 || A < 10) return null;
  let bad = (D / B) * 100;
  bad = Math.round(bad * 10) / 10;
  if (bad === p) return null;
  const thing = pick(r, [
    'members in a club',
    'visitors to a museum',
    'subscribers to a newsletter',
    'students in a school',
    'trees in an orchard',
    'books in a library',
    'cars in a car park',
  ]);
  const mult = inc ? (100 + p) / 100 : (100 - p) / 100;
  const mi = c.minus;
  const ratio = B / A;
  const word = inc ? 'increase' : 'decrease';
  const m = c.mul;
  const badMult = inc ? 1 + bad / 100 : 1 - bad / 100;
  return {
    task: 'percent-change',
    query: `The number of ${thing} went from ${nf(c, A)} to ${nf(c, B)}. What was the percentage ${word}?`,
    answer: String(p),
    Q: `the percentage ${word}`,
    Qc: `The percentage ${word}`,
    pre: '',
    post: '%',
    choice: false,
    given: [`Before: ${nf(c, A)}`, `After: ${nf(c, B)}`, `Find: percentage ${word}`],
    plan: [`Find the size of the ${word}.`, 'Divide by the starting value and multiply by 100.'],
    right: {
      steps: [{ L: word, X: inc ? `${nf(c, B)} ${mi} ${nf(c, A)}` : `${nf(c, A)} ${mi} ${nf(c, B)}`, v: nf(c, D) }],
      E: `${nf(c, D)} ÷ ${nf(c, A)} ${m} 100`,
      v: String(p),
    },
    wrong: {
      steps: [{ L: word, X: inc ? `${nf(c, B)} ${mi} ${nf(c, A)}` : `${nf(c, A)} ${mi} ${nf(c, B)}`, v: nf(c, D) }],
      E: `${nf(c, D)} ÷ ${nf(c, B)} ${m} 100`,
      v: String(bad),
    },
    errStep: 2,
    errNote: `a percentage change is measured against the starting value ${nf(c, A)}, not the new value ${nf(c, B)}`,
    alt: {
      steps: [{ L: 'ratio of new to old', X: `${nf(c, B)} ÷ ${nf(c, A)}`, v: String(ratio) }],
      E: inc ? `(${ratio} ${mi} 1) ${m} 100` : `(1 ${mi} ${ratio}) ${m} 100`,
      v: String(p),
    },
    altHow: `use the ratio of the new value to the old one`,
    subst: (right) =>
      right
        ? [`${nf(c, A)} ${m} ${mult} = ${nf(c, B)}, which is exactly the new value.`]
        : [
            `${nf(c, A)} ${m} ${Math.round(badMult * 10000) / 10000} = ${nf(c, Math.round(A * badMult * 100) / 100)}, but the new value is ${nf(c, B)}.`,
          ],
    sanity: [
      `A${inc ? 'n' : ''} ${word} of ${nf(c, D)} on a starting value of ${nf(c, A)} is a moderate change, so a moderate percentage is expected.`,
    ],
    hmm: [`Hmm, ${nf(c, D)} is the absolute change, not yet the percentage.`, `Wait — the base for the percentage is the starting value.`],
    tries: [],
    cond: `it asks for the ${word} as a percentage of the starting value`,
    est: null,
  };
}

function reversePct(c: Ctx): Inst | null {
  const r = c.r;
  const p = pick(r, [5, 10, 15, 20, 25, 30, 40, 50, 60, 75]);
  const unit = 100 / gcd(p, 100);
  const O = unit * ri(r, Math.max(1, Math.ceil(10 / unit)), Math.max(2, Math.floor(900 / unit)));
  const N = O + (O * p) / 100;
  const mult = (100 + p) / 100;
  const badC = N * (100 - p); // cents
  const item = pick(r, ['concert ticket', 'gym membership', 'train pass', 'bike', 'phone plan', 'sofa', 'coat', 'kettle']);
  const mi = c.minus;
  const m = c.mul;
  const t1 = O + pick(r, [-1, 1]) * unit * ri(r, 1, 3);
  const tries =
    t1 > 0 && t1 !== O
      ? [`If the original were $${t1}: $${t1} ${m} ${mult} = $${moneyW(Math.round(t1 * mult * 100))} — too ${t1 < O ? 'low' : 'high'}.`]
      : [];
  return {
    task: 'reverse-percent',
    query: `After a ${p}% price increase, a ${item} costs $${N}. What was the price before the increase, in dollars?`,
    answer: String(O),
    Q: `the original price`,
    Qc: `The original price`,
    pre: '$',
    post: '',
    choice: false,
    given: [`Price after the increase: $${N}`, `Increase: ${p}% of the original price`, `Find: the original price`],
    plan: [`The new price is the original times ${mult}.`, `Divide the new price by ${mult}.`],
    right: { steps: [{ L: 'multiplier for the increase', X: `1 + ${p}/100`, v: String(mult) }], E: `$${N} ÷ ${mult}`, v: String(O) },
    wrong: {
      steps: [{ L: `${p}% of the new price`, X: `${p}% of $${N}`, v: moneyW(N * p), pre: '$' }],
      E: `$${N} ${mi} $${moneyW(N * p)}`,
      v: moneyW(badC),
    },
    errStep: 1,
    errNote: `the ${p}% was ${p}% of the original price, not of $${N}, so I have to divide by ${mult} instead of taking ${p}% off`,
    alt: {
      steps: [{ L: '1% of the original price', X: `$${N} ÷ ${100 + p}`, v: String(O / 100), pre: '$' }],
      E: `100 ${m} $${O / 100}`,
      v: String(O),
    },
    altHow: `treat $${N} as ${100 + p}% of the original and scale back to 100%`,
    subst: (right) =>
      right
        ? [`$${O} ${m} ${mult} = $${N}, exactly the price after the increase.`]
        : [`$${moneyW(badC)} ${m} ${mult} = $${money(Math.round(badC * mult))}, but the price after the increase is $${N}.`],
    sanity: [`The original price has to be below $${N}, since prices went up.`],
    hmm: [
      `Hmm, the ${p}% is a percentage of the old price, which I don't know yet.`,
      `Wait — taking ${p}% off the new price is not the same as undoing the increase.`,
    ],
    tries,
    cond: `it asks for the price before the ${p}% increase, the one that grows to $${N}`,
    est: null,
  };
}

function linearEq(c: Ctx): Inst | null {
  const r = c.r;
  const x0 = ri(r, -12, 25);
  if (x0 === 0) return null;
  const a = ri(r, 2, 12);
  const cc = ri(r, 1, 12);
  if (a === cc) return null;
  const b = ri(r, -30, 30);
  const d = a * x0 + b - cc * x0;
  if (b === 0 || d === 0) return null;
  const k = a - cc;
  const mm = d - b;
  let wrongX: number | null = null;
  let errType = 0;
  if ((d + b) % k === 0 && (d + b) / k !== x0) {
    wrongX = (d + b) / k;
    errType = 1;
  } else if (a + cc !== 0 && mm % (a + cc) === 0 && mm / (a + cc) !== x0) {
    wrongX = mm / (a + cc);
    errType = 2;
  }
  if (wrongX === null) return null;
  const mi = c.minus;
  const m = c.mul === 'x' ? '·' : c.mul;
  const term = (co: number): string => (co === 1 ? 'x' : `${co}x`);
  const cst = (v: number): string => (v < 0 ? ` ${mi} ${-v}` : ` + ${v}`);
  const eq = `${term(a)}${cst(b)} = ${term(cc)}${cst(d)}`;
  const dv = (v: number): string => (v < 0 ? `(${v})` : String(v));
  const coefS: Step = { L: 'coefficient of x after collecting terms', X: `${a} ${mi} ${cc}`, v: nf(c, k) };
  const constS: Step = { L: 'constant after collecting terms', X: sub(c, d, b), v: nf(c, mm) };
  const wrong: Path =
    errType === 1
      ? {
          steps: [coefS, { L: 'constant after collecting terms', X: add(c, d, b), v: nf(c, d + b) }],
          E: `${nf(c, d + b)} ÷ ${dv(k)}`,
          v: nf(c, wrongX),
        }
      : {
          steps: [{ L: 'coefficient of x after collecting terms', X: `${a} + ${cc}`, v: nf(c, a + cc) }, constS],
          E: `${nf(c, mm)} ÷ ${a + cc}`,
          v: nf(c, wrongX),
        };
  const errNote =
    errType === 1
      ? `moving ${b} to the right-hand side changes its sign, so the constant is ${sub(c, d, b)} = ${mm}, not ${d + b}`
      : `moving ${term(cc)} to the left-hand side changes its sign, so the coefficient is ${a} ${mi} ${cc} = ${k}, not ${a + cc}`;
  const sideL = (v: number): number => a * v + b;
  const sideR = (v: number): number => cc * v + d;
  const substLines = (v: number): string[] => [
    `Left side: ${a} ${m} (${v})${cst(b)} = ${sideL(v)}`,
    `Right side: ${cc} ${m} (${v})${cst(d)} = ${sideR(v)}`,
    sideL(v) === sideR(v) ? `Both sides come to ${sideL(v)}.` : `${sideL(v)} ≠ ${sideR(v)}, so that value does not satisfy the equation.`,
  ];
  const tries: string[] = [];
  for (const t of [x0 + ri(r, 2, 5), x0 - ri(r, 2, 5)]) {
    if (t === wrongX || t === x0) continue;
    tries.push(`x = ${t}: left ${sideL(t)}, right ${sideR(t)} — not equal.`);
  }
  return {
    task: 'linear-equation',
    query: pick(r, [`Solve for x: ${eq}.`, `Find x if ${eq}.`, `What value of x satisfies ${eq}?`, `Solve the equation ${eq}.`]),
    answer: String(x0),
    Q: 'x',
    Qc: 'x',
    pre: '',
    post: '',
    choice: false,
    given: [`Equation: ${eq}`, 'Unknown: x'],
    plan: [
      'Collect the x terms on the left and the constants on the right.',
      'Divide by the coefficient of x.',
      'Substitute back to check.',
    ],
    right: { steps: [coefS, constS], E: `${nf(c, mm)} ÷ ${dv(k)}`, v: nf(c, x0) },
    wrong,
    errStep: errType === 1 ? 2 : 1,
    errNote,
    alt: {
      steps: [
        { L: 'coefficient with x collected on the right', X: `${cc} ${mi} ${a}`, v: nf(c, -k) },
        { L: 'constant collected on the left', X: sub(c, b, d), v: nf(c, -mm) },
      ],
      E: `${nf(c, -mm)} ÷ ${-k < 0 ? `(${-k})` : -k}`,
      v: nf(c, x0),
    },
    altHow: `collect the x terms on the right-hand side instead`,
    subst: (right) => substLines(right ? x0 : wrongX!),
    sanity: [`The equation is linear with different x coefficients on each side, so it has exactly one solution.`],
    hmm: [
      `Hmm, there are x terms on both sides, so those have to be collected first.`,
      `Wait — careful with signs when moving terms across the equals sign.`,
    ],
    tries,
    cond: `it asks for the single value of x that makes both sides equal`,
    est: null,
  };
}

function linearWord(c: Ctx): Inst | null {
  const r = c.r;
  const [who, fee, per, unitW] = pick(r, [
    ['A plumber', 'call-out fee', 'per hour', 'hours'],
    ['An electrician', 'call-out fee', 'per hour', 'hours'],
    ['A car hire company', 'booking fee', 'per day', 'days'],
    ['A tool rental shop', 'deposit fee', 'per day', 'days'],
    ['A removal firm', 'fixed fee', 'per hour', 'hours'],
    ['A dog walker', 'registration fee', 'per week', 'weeks'],
    ['A boat rental', 'launch fee', 'per hour', 'hours'],
  ] as const);
  const cF = 5 * ri(r, 4, 20);
  const rate = 5 * ri(r, 5, 24);
  const h = ri(r, 2, 14);
  const T = cF + rate * h;
  const W = T - cF;
  const slip = pick(r, [rate, -rate]);
  const Wb = W + slip;
  if (Wb <= 0) return null;
  const mi = c.minus;
  const m = c.mul;
  const tries: string[] = [];
  for (const t of [h + ri(r, 2, 4), h - ri(r, 2, 4)]) {
    if (t <= 0 || t === h || t === Wb / rate) continue;
    tries.push(`${t} ${unitW}: $${cF} + ${t} ${m} $${rate} = $${nf(c, cF + t * rate)} — too ${t < h ? 'low' : 'high'}.`);
  }
  return {
    task: 'linear-word',
    query: `${who} charges a $${cF} ${fee} plus $${rate} ${per}. A customer's bill came to $${nf(c, T)}. How many ${unitW} were charged?`,
    answer: String(h),
    Q: `the number of ${unitW}`,
    Qc: `The number of ${unitW}`,
    pre: '',
    post: ` ${unitW}`,
    choice: false,
    given: [`${cap(fee)}: $${cF}`, `Rate: $${rate} ${per}`, `Bill: $${nf(c, T)}`],
    plan: [`Write the bill as ${cF} + ${rate}n = ${T}.`, `Subtract the ${fee}.`, `Divide by the rate.`],
    right: {
      steps: [{ L: `part of the bill for the ${unitW}`, X: `$${nf(c, T)} ${mi} $${cF}`, v: nf(c, W), pre: '$' }],
      E: `${nf(c, W)} ÷ ${rate}`,
      v: String(h),
    },
    wrong: {
      steps: [{ L: `part of the bill for the ${unitW}`, X: `$${nf(c, T)} ${mi} $${cF}`, v: nf(c, Wb), pre: '$' }],
      E: `${nf(c, Wb)} ÷ ${rate}`,
      v: String(Wb / rate),
    },
    errStep: 1,
    errNote: `$${nf(c, T)} ${mi} $${cF} is $${nf(c, W)}, not $${nf(c, Wb)}`,
    alt: {
      steps: [
        { L: 'bill equation', X: `${cF} + ${rate}n`, v: nf(c, T) },
        { L: `value of ${rate}n`, X: `${nf(c, T)} ${mi} ${cF}`, v: nf(c, W) },
      ],
      E: `${nf(c, W)} ÷ ${rate}`,
      v: String(h),
    },
    altHow: `set it up as an equation in n and solve it from scratch`,
    subst: (right) =>
      right
        ? [`$${cF} + ${h} ${m} $${rate} = $${cF} + $${nf(c, rate * h)} = $${nf(c, T)}, which is the bill.`]
        : [`$${cF} + ${Wb / rate} ${m} $${rate} = $${nf(c, cF + Wb)}, but the bill was $${nf(c, T)}.`],
    sanity: [`The answer is a whole number of ${unitW}, as a bill like this should give.`],
    hmm: [
      `Hmm, the ${fee} is charged once, not per ${per.replace('per ', '')}.`,
      `Wait — the ${fee} has to come off before dividing by the rate.`,
    ],
    tries,
    cond: `it asks how many ${unitW} were charged, given the ${fee} is paid once`,
    est: null,
  };
}

const TASKS: ((c: Ctx) => Inst | null)[] = [
  house,
  lArea,
  lPerimeter,
  boxVolume,
  cylVolume,
  pathArea,
  unitPrice,
  unitSaving,
  discountTax,
  pctChange,
  reversePct,
  linearEq,
  linearWord,
];

// ---------------------------------------------------------------------------------------------
// Sentence templates. Tokens: {Q} {Qc} quantity; {V} the value (the first {V} of a candidate
// sentence carries the label); {E=} "expression = " (empty for comparison questions); {(E)}
// " (expression)"; {k} a step reference; {note}; {how}; {cond}; {est}; step wrappers use {L} {Lc}
// {X} {R}.

const OPENINGS = [
  "Here's a structured write-up.",
  'Below is a step-by-step report.',
  '# Solution',
  '# Report',
  'Let me lay this out as a short report.',
  "I'll organise the solution into sections.",
  'Working through this systematically.',
  'Here is the worked solution, section by section.',
  '# Worked solution',
  "Let's set this up carefully.",
  'Structured solution follows.',
  "I'll go through the given data, a plan, the working and the answer.",
  "Sure — here's a full breakdown.",
  'Okay, let me break this down.',
  "Good question; here's a clean solution.",
  'Below: data, plan, computation, answer.',
  'Let me organise everything first.',
  '**Solution report**',
  "I'll solve this in a few clear stages.",
  'Approach: collect the data, decide the method, compute, then check.',
  "Here's how I'd work it out.",
  'A report format keeps this tidy.',
  "Let's go step by step.",
  '# Solution outline and computation',
  'Breaking the problem into parts:',
  '# Problem report',
  'Let me write this up properly.',
];
const H_GIVEN = ['## Given', '## Given', '## Given', '## Given information', '## Given data', '## What we know', '## Givens'];
const H_PLAN = ['## Plan', '## Plan', '## Plan', '## Approach', '## Method', '## Strategy'];
const H_WORK = ['## Work', '## Work', '## Work', '## Working', '## Calculations', '## Solution steps', '## Computation'];
const H_ANS = ['## Answer', '## Answer', '## Answer', '## Final answer', '## Result', '## Conclusion'];
const H_CHECK = ['## Check', '## Check', '## Check', '## Verification', '## Double-check', '## Checking the result'];
const H_UPD = [
  '## Updated answer',
  '## Updated answer',
  '## Updated answer',
  '## Corrected answer',
  '## Revised answer',
  '## Final answer (corrected)',
];
const H_FINAL = ['## Final answer', '## Final answer', '## Summary', '## Answer (confirmed)', '## Conclusion'];

const ESTIMATES = [
  'Rough expectation: {est}; I will compute it exactly below.',
  'Before computing, I expect something like {est}.',
  'Ballpark: {est}. Let me do it properly.',
  'A quick guess would be {est}, but that needs checking.',
  'Expect roughly {est} — just a guess for now.',
  "My first instinct says {est}; let's see.",
  'Estimate only: {est}.',
  'I would guess {est} before doing any arithmetic.',
  'It should come out {est}, give or take.',
  'Gut feeling: {est}. Now the real computation.',
  'Order of magnitude: {est}.',
  'Probably {est}, but let me not trust that.',
  "A sanity target: {est}. We'll see how close that is.",
  'The answer might be {est}; computing now.',
  'Just eyeballing it: {est}.',
  'Likely {est} — to be confirmed.',
  'For reference, a rough figure is {est}.',
  'Rough estimate before starting: {est}.',
  "I'd expect {est}, roughly.",
  'Back-of-the-envelope: {est}.',
  'Guess: {est}. Exact value below.',
  'If I had to guess, {est}.',
  'The result should land {est}.',
  'Something like {est} seems plausible; let me work it out.',
  'Estimate (not the answer): {est}.',
];

const STEP_TPL = [
  '**{Lc}:** {X} = {R}',
  '{Lc}: {X} = **{R}**',
  'The {L} is {X} = {R}.',
  '{Lc} = {X} = {R}.',
  '{X} = {R}, so the {L} is {R}.',
  'For the {L}: {X} = {R}.',
  '**{Lc}** — {X} = {R}',
  'Compute the {L}: {X} = {R}.',
  '{Lc}: {X}, which gives {R}.',
  'So the {L} comes to {X} = {R}.',
  'We get {X} = {R} for the {L}.',
  'The {L} works out to {R} ({X}).',
  '{Lc} → {X} = {R}',
  'That part is settled: the {L} is {X} = {R}.',
  '`{X} = {R}` — this is the {L}.',
  '**{Lc}:** {R} (from {X})',
  'Next, the {L}: {X} = {R}.',
  '{Lc} is {R}, since {X} = {R}.',
  'Taking {X} gives the {L}: {R}.',
  'So the {L} is {R} ({X}).',
  '{Lc}: {X} = {R}. Good.',
  'The {L} equals {X} = {R}.',
  'Working out the {L}: {X} = {R}.',
  'Thus the {L} is {X} = {R}.',
  'Therefore the {L} is {R}, from {X}.',
  'The {L}, then, is {X} = {R}.',
  'Note: the {L} is {X} = {R}.',
];

const HMM_GENERIC = [
  'Hmm, let me make sure all the quantities are in the same unit before going on. They are.',
  "Wait — I should double-check which number goes where before combining. Okay, it's as set out above.",
  'Hmm, nothing is double-counted so far.',
  "Wait, before combining anything, let me re-read what's being asked. Right, continuing.",
  'Hmm, these numbers look reasonable so far.',
  'Hold on — keep the intermediate values exact; no rounding yet.',
  'Hmm, one moment: I want to keep track of units here.',
  'Wait — let me re-read the numbers from the question to be sure I copied them right. Yes.',
  'Hmm, so far so good.',
  'Wait, one more step is needed before the final combination.',
  'Hmm, okay. Keep going.',
  'Actually, let me write the next step out in full rather than doing it in my head.',
  'Hmm — careful with the arithmetic on the next line.',
  'Wait, let me slow down here; this is where mistakes usually happen.',
  'Hmm, the value above is an intermediate, not the answer yet.',
  'Wait, the question wants a single number at the end, so there is one more step.',
  'Hmm, let me keep the working tidy.',
  "Hold on, I'll line up the numbers before combining them.",
  'Hmm. Yes, the data under Given is all that is needed.',
  'Wait — none of the given values is the answer itself; it has to be computed.',
  'Hmm, let me confirm the previous line follows from the Given section. It does.',
  'Okay, wait, let me organise the next bit.',
  'Hmm, nothing tricky yet.',
  'Wait, I want to be careful with the order of operations next.',
  "Hmm, I'll carry these values forward as they are.",
  'Hmm, so far only partial results.',
];

const FINAL_TPL = [
  '**{Qc}:** {E=}{V}',
  'So {Q} is {E=}**{V}**.',
  'Putting the parts together, {Q} is {E=}{V}.',
  'Therefore {Q} is {E=}{V}.',
  '{Qc}: {E=}{V}.',
  'Finally, {Q} is {E=}{V}.',
  'This gives {Q}: {E=}**{V}**.',
  'Hence {Q} is {V}{(E)}.',
  'That brings {Q} to {E=}{V}.',
  '**Result:** {Q} is {E=}{V}.',
  'In total, {Q} comes to {E=}{V}.',
  'So we get {Q}: {E=}{V}.',
  '**{Qc}** — {E=}**{V}**',
  'Final combination: {E=}{V}. So {Q} is {V}.',
  'Which means {Q} is {E=}{V}.',
  'And so {Q} works out to {E=}{V}.',
  'Altogether, {Q} is {E=}**{V}**.',
  '{Qc}, then, is {E=}{V}.',
  'Thus {Q} is {V}{(E)}.',
  'Combining everything: {Q} is {E=}{V}.',
  'So {Q} equals {E=}{V}.',
  'That settles it: {Q} is {E=}{V}.',
  'Now the last step — {Q} is {E=}{V}.',
  'Bringing it together gives {Q}: {E=}{V}.',
  'The result: {Q} is {E=}**{V}**.',
  '{Qc} is therefore {E=}{V}.',
  'So the answer to the question: {Q} is {E=}{V}.',
];

const TABLE_INTRO = [
  'Summary of the intermediate values:',
  'Results so far:',
  'Collected in a table:',
  'For reference:',
  'Intermediate results:',
  'Table of quantities:',
  'Here are the pieces:',
  'Putting the numbers side by side:',
  'Values computed above:',
  'Quick summary table:',
  'The working, tabulated:',
  'In table form:',
  'Intermediate quantities:',
  'Overview:',
  'Numbers gathered so far:',
  'Bookkeeping:',
  'Tabulating the partial results:',
  'What we have:',
  'Recap of the steps:',
  'Quantities found:',
  'Tally:',
  'Everything computed, in one place:',
  'A compact view of the work:',
  'Listing the results:',
  'Partial results table:',
];

const ANSWER_TPL = [
  '> **Answer:** {V}',
  '**{V}**',
  '**Answer: {V}**',
  '{Qc} is **{V}**.',
  '> {Qc}: **{V}**',
  'The answer is **{V}**.',
  '**Final answer:** {V}',
  '> **{Qc} is {V}.**',
  '{Qc}: **{V}**',
  '> **Answer:** {Q} is {V}.',
  'So the answer is {V}.',
  '**{Qc}:** {V}',
  '> Answer — {V}',
  'The required value is **{V}**.',
  '=> **{V}**',
  '> **Result:** {V}',
  'Answer: **{V}**',
  '✅ **{V}**',
  '> **Final:** {Q} is {V}',
  '{Qc} comes to **{V}**.',
  '**{Qc} is {V}.**',
  '> The answer is {V}.',
  'It follows that {Q} is **{V}**.',
  'Hence: **{V}**',
  '> **Answer:** {V} ({Q})',
];

const CONFIRM = [
  "Yes, that's right.",
  'That looks right.',
  'That makes sense.',
  'Looks good.',
  'Yes, that seems right.',
  'Seems reasonable.',
  "Okay, that's it.",
  'Good.',
  "That's consistent with the plan.",
  'Fine.',
  'Right.',
  'Yes.',
  'That feels right.',
  'Nothing looks off.',
  "I'm fairly confident in that.",
  'Makes sense.',
  "Alright, that's settled.",
  'That seems plausible.',
  'OK, done.',
  'Sounds right.',
  "Yep, that's it.",
  "I think that's correct.",
  'Reasonable.',
  "That's the one.",
  'Good, done.',
];

const BARE_RESTATE = [
  'Is that right? Yes. So {Q} is {V}.',
  'Does that look right? Yes — {Q} is {V}.',
  'Hmm, is that right? I think so. So {Q} is {V}.',
  'Wait, is that right? Yes. {Qc} is {V}.',
  'That seems right, so {Q} is {V}.',
  'Yes, that looks fine: {Q} is {V}.',
  'Okay, that makes sense. {Qc}: {V}.',
  'Looks right to me. {Qc} is {V}.',
  'Good — {Q} is {V}.',
  'Yep. So, {Q}: {V}.',
  'Seems reasonable; {Q} is {V}.',
  'Right, {Q} is {V}.',
  "I'm happy with that: {Q} is {V}.",
  'No issues there. {Qc} is {V}.',
  'That feels right. {Qc}: {V}.',
  'Makes sense, so I will go with {V}.',
  'Sure, {V} it is.',
  'Is that plausible? Yes. So {V}.',
  'Fine. {Qc} is {V}.',
  'Alright: {Q} is {V}.',
  'Yes — the answer is {V}.',
  'Okay. {Qc} stays {V}.',
  'That seems fine, so {Q} is {V}.',
  'Nothing to change; {Q} is {V}.',
  'Sounds right: {V}.',
];

const ALT_INTRO = [
  'Let me double-check by another route: {how}.',
  'Alternatively, {how}.',
  'As a check, {how}.',
  'Another way to see it: {how}.',
  'Let me verify this a different way — {how}.',
  "To be safe, I'll recompute: {how}.",
  'Cross-check: {how}.',
  'Let me double-check. This time, {how}.',
  'Independent check: {how}.',
  'Actually, let me confirm with a second method: {how}.',
  'Hmm, let me make sure by recomputing: {how}.',
  'A second method: {how}.',
  "I'll verify it differently: {how}.",
  'Sanity check via another approach: {how}.',
  'Let me re-derive it: {how}.',
  'Double-checking with another approach — {how}.',
  'Before finalising, {how}.',
  'Quick re-derivation: {how}.',
  'Let me check this from scratch: {how}.',
  "It's worth confirming: {how}.",
  'One more pass, differently: {how}.',
  'Check by an alternative method: {how}.',
  'Let me see if a different route agrees: {how}.',
  'I want to be sure, so {how}.',
  'Recomputing from a different angle: {how}.',
  'Verification: {how}.',
];

const ECHO_TPL = [
  '{E=}{V}, the same as before.',
  'That gives {E=}**{V}** — it matches.',
  'So again {Q} is {E=}{V}.',
  'Result: {E=}{V}, which agrees with the answer above.',
  'This route gives {Q} as {E=}{V}, in agreement with the first method.',
  'Again {E=}**{V}**. Both methods agree.',
  'We get {E=}{V} once more, so {Q} is confirmed as {V}.',
  '{Qc} by this method: {E=}{V} ✓',
  "That's {E=}{V} — consistent.",
  'So {Q} comes out as {E=}{V} again.',
  'Good: {E=}{V}, matching the answer above.',
  'Same value: {E=}{V}.',
  'This also gives {Q} as {V}{(E)}.',
  '{E=}{V} — the two calculations agree, so {Q} is {V}.',
  'And {E=}**{V}**, as before.',
  'Once more we land on {V}{(E)}.',
  'Again, {Q} is {E=}{V}. Consistent.',
  'So by this route {Q} is {E=}{V}, confirming the result.',
  'Which gives {E=}{V}. Matches!',
  'It works out to {E=}{V} again.',
  '{E=}{V}, identical to the earlier result.',
  'Everything agrees: {Q} is {E=}{V}.',
  'Recomputed: {E=}**{V}**. Same.',
  'That yields {Q} as {E=}{V}, the same number.',
  'The check gives {E=}{V} too, so {Q} is {V}.',
  'Confirmed: {Q} is {E=}{V}.',
];

const DIFF_TPL = [
  '{E=}{V}. That does not match my first answer.',
  'This route gives {Q} as {E=}{V} — different from before!',
  'Hmm, {E=}{V}. That disagrees with what I had.',
  'So this way {Q} is {E=}{V}, which is not what I got above.',
  'That gives {E=}**{V}**. The two results differ.',
  '{E=}{V} — a mismatch.',
  "By this method {Q} is {E=}{V}. That's a different number.",
  "Result: {E=}{V}. Hmm, these don't agree.",
  'I get {E=}{V} this time, so one of the two is wrong.',
  'Wait — {E=}{V}, not the value above.',
  'This gives {Q} as {V}{(E)}, which contradicts the first result.',
  "So {Q} comes out as {E=}{V} here. Something's off.",
  "That's {E=}{V} — not the same!",
  'Now I get {E=}{V}. The first attempt and this one disagree.',
  '{Qc} this way: {E=}{V}. Different.',
  'That yields {E=}{V}, so the earlier answer needs another look.',
  "Hmm, that's {E=}**{V}**, which doesn't agree.",
  "This recomputation gives {Q} as {E=}{V}. They don't match.",
  'Computed this way, {Q} is {E=}{V} — a discrepancy.',
  'The second method says {Q} is {E=}{V}. Not a match.',
  "Hmm. {E=}{V}. That's different.",
  'Here {Q} is {E=}{V}, which disagrees with the first pass.',
  'I end up with {E=}{V} — different from the first answer.',
  'That gives {Q} as {V}{(E)}; the results conflict.',
  "Result of the check: {Q} is {E=}{V}. That's not what I found before.",
];

const EXPLAIN = [
  'Looking back, the slip is in {k}: {note}.',
  'Going back over {k}: {note}.',
  'Found it — {k}: {note}.',
  'The error is in {k}: {note}.',
  'Checking the first method again, {k} is wrong: {note}.',
  'Ah, I see the problem in {k}: {note}.',
  'The culprit is {k}: {note}.',
  'Re-reading my work, {k} has a mistake: {note}.',
  'So where did the first attempt go wrong? In {k}: {note}.',
  'The discrepancy comes from {k}: {note}.',
  'On inspection, {k} was off: {note}.',
  'I traced it to {k}: {note}.',
  'Yes — {k} is the problem: {note}.',
  'Comparing the two, the mistake is in {k}: {note}.',
  'The first attempt slipped in {k}: {note}.',
  'Now I see it. In {k}: {note}.',
  'Back to {k}: {note}.',
  'My error was in {k}: {note}.',
  'The issue: in {k}, {note}.',
  'Tracking it down, {k} is where it went wrong: {note}.',
  'Okay, {k} is wrong: {note}.',
  'Looking again at {k}: {note}.',
  'That points to {k}: {note}.',
  'It is {k} that is wrong: {note}.',
  'Right, the mistake sits in {k}: {note}.',
];

const SPOT = [
  'Wait — looking back at {k}: {note}.',
  'Hmm, actually, {k} is wrong: {note}.',
  'Actually, hold on. In {k}, {note}.',
  'Wait, I made a mistake in {k}: {note}.',
  'Let me double-check {k}... no, {note}.',
  'Hmm, re-reading {k}: {note}.',
  'Hold on — {k} needs fixing: {note}.',
  'Wait. Checking {k} again: {note}.',
  'Actually, there is an error in {k}: {note}.',
  'Hmm, something is off in {k}: {note}.',
  'Wait a moment — {k}: {note}.',
  'Re-checking {k}, I see that {note}.',
  'Oops — in {k}, {note}.',
  'Let me look at {k} again. Hmm: {note}.',
  'Hmm, {k} does not look right: {note}.',
  'Wait, no. In {k}, {note}.',
  'Checking each step: {k} is wrong, since {note}.',
  'Actually, I slipped in {k}: {note}.',
  'Hmm — going through the steps again, {k}: {note}.',
  'Wait, {k} is incorrect: {note}.',
  'Looking over the work once more, {k}: {note}.',
  'Hold on, {k} is a mistake: {note}.',
  "Hmm, that's not right — {k}: {note}.",
  'Actually, wait: in {k}, {note}.',
  'Double-checking {k}: {note}.',
];

const CORR_TPL = [
  'With that fixed, {Q} is {E=}{V}.',
  'Redoing the last step: {E=}**{V}**, so that is {Q}.',
  'So, corrected: {Q} is {E=}{V}.',
  'That changes the result: {Q} is {E=}{V}.',
  'Recomputing with the right value, {Q} is {E=}{V}.',
  'Fixing this: {E=}{V}, so {Q} is {V}.',
  'So {Q} is actually {E=}{V}.',
  'The correct result: {Q} is {E=}{V}.',
  'With the corrected figure, {Q} is {E=}**{V}**.',
  'Then {Q} becomes {E=}{V}.',
  'Redone properly: {E=}{V}. That is {Q}.',
  'So the right value of {Q} is {E=}{V}.',
  'Correcting it, {Q} comes to {E=}{V}.',
  'Now {Q} is {E=}{V}.',
  'That gives {E=}**{V}** for {Q}.',
  'After the fix, {Q} is {V}{(E)}.',
  'So {Q} should be {E=}{V}.',
  'Properly, then, {Q} is {E=}{V}.',
  'Updating the final step: {E=}{V}. So {Q} is {V}.',
  'That makes {Q} {E=}{V}.',
  'The corrected computation: {E=}{V}, so {Q} is {V}.',
  'Hence {Q} is really {E=}{V}.',
  'With this correction, {E=}{V} is {Q}.',
  'So in fact {Q} is {E=}{V}.',
  'Recalculating: {Q} is {E=}**{V}**.',
];

const REDO_INTRO = [
  'Let me redo the computation step by step to be sure.',
  "I'll recompute everything from the start.",
  'Let me double-check by going through it again.',
  'Redoing the working carefully:',
  'One more careful pass through the steps:',
  'Let me re-derive it line by line.',
  'To be safe, I will repeat the calculation.',
  'Going through the numbers again:',
  'Let me verify by recalculating each piece.',
  'A second pass through the numbers:',
  'Recomputing from scratch:',
  "I'll repeat the calculation slowly.",
  'Let me rework it.',
  'Checking by redoing each step:',
  'Let me go over it once more.',
  "I'll rebuild the result from the given data.",
  'Doing the arithmetic again:',
  'Let me recompute to make sure.',
  'Starting over:',
  'Re-running the steps:',
  'Let me rederive the result carefully.',
  'Full recomputation:',
  'Once more, from the top:',
  'Let me re-check by recomputing everything.',
  'Repeating the working:',
];

const TRUST = [
  "I'll go with the recomputed value.",
  'The careful recomputation should be the reliable one.',
  'The first pass must have had a slip somewhere; I trust the second.',
  'I redid it more carefully, so I will take this value.',
  'Going with the second computation.',
  'The second pass was slower and more careful, so it wins.',
  'I must have mis-added the first time.',
  'That suggests the first answer was off.',
  'So the original answer was wrong.',
  'I believe the recomputed number.',
  'The new result replaces the old one.',
  "I'll update the answer accordingly.",
  'The first attempt was too hasty.',
  'So I need to revise.',
  'Better to trust the slower calculation.',
  'I will correct the answer.',
  'That is the value I will keep.',
  'I must have slipped earlier.',
  'The first version was wrong, then.',
  "Let's update.",
  'Time to revise the answer.',
  'Revising.',
  'The recomputation takes priority.',
  'The answer has to change.',
  'So an update is needed.',
];

const REREAD = [
  'Re-reading the question: {cond}. That is exactly what I computed, so {Q} is {V}.',
  'Let me re-read the question. Yes — {cond}, and my steps did exactly that, so {Q} is {V}.',
  'Going back to the wording: {cond}. My working matches that, so {Q} is {V}.',
  'Checking the question again: {cond}. The computation above follows that, so {Q} is indeed {V}.',
  'Does the work answer what was asked? {Cond}, which is what the steps do. So {Q} is {V}.',
  'One more look at the question: {cond}. Each step fits that, so the answer stays {V}.',
  'Wait, let me re-read the question to be sure. {Cond}; that is what I found, so {Q} is {V}.',
  'Rechecking the conditions: {cond}. The working respects this, so {Q} is {V}.',
  'Let me confirm I answered the right question: {cond}. Yes, so {Q} is {V}.',
  'The question says, in effect, that {cond}. I followed that through every step, so {Q} is {V}.',
  'Re-reading: {cond}. Going through my steps against that, nothing is missing, so {Q} is {V}.',
  'Double-checking the task: {cond}. That matches the plan I followed, so {Q} is {V}.',
  'Back to the question: {cond}. Each step of the work respects that, so {Q} is {V}.',
  'Hmm, let me re-read what is asked: {cond}. The steps handle exactly that, so {Q} is {V}.',
  'Let me verify against the question: {cond}. The work does that, so {Q} is {V}.',
  'Checking the requirement again: {cond}. That is what the steps computed, so {Q} is {V}.',
  'Re-examining the problem statement: {cond}. My working is consistent with it, so {Q} is {V}.',
  'I re-read the question: {cond}. The computation does just this, so {Q} is {V}.',
  'Let me reread the prompt. {Cond}. Every step above is in line with that, so {Q} is {V}.',
  'One check on interpretation: {cond}. The working follows it, hence {Q} is {V}.',
  'Confirming the interpretation: {cond}. That is what I did, so {Q} is {V}.',
  'Reading the question once more: {cond}. Going step by step, it all fits, so {Q} is {V}.',
  'Is the question asking what I answered? {Cond}, and yes, the steps match. So {Q} is {V}.',
  'Looking at the wording again: {cond}. My steps line up with it, so {Q} is {V}.',
  'Re-reading the task: {cond}. The method I used covers exactly that, so {Q} is {V}.',
];

const SUBST_INTRO = [
  'Let me check by substituting back.',
  'Plugging the value back in:',
  'Substitution check:',
  'Let me verify by putting it back into the original condition.',
  'Check: substitute back.',
  'To verify, plug it back in.',
  'Let me test the value against the question.',
  'Substituting into the original relation:',
  'Back-substitution:',
  'Let me confirm by working forwards from the value.',
  'Checking it the other way round:',
  'Verify by reversing the calculation:',
  'Let me run the value back through the question.',
  'Quick verification by substitution:',
  'Does it satisfy the original condition? Let me see.',
  'Working forwards as a check:',
  'Putting it back into the problem:',
  'I will test it against the given data.',
  'Reverse check:',
  'Let me double-check by plugging in.',
  'Check by substitution into the original:',
  'Test:',
  'Forward check:',
  'Let me make sure it reproduces the given numbers.',
  'Verification by substitution:',
];

const SUBST_CONCL = [
  'It checks out, so {Q} is indeed {V}.',
  'That works, so {Q} is {V}.',
  'Confirmed: {Q} is {V}.',
  'The value fits, so {Q} is {V}.',
  'So {Q} is {V}, as found.',
  'Everything is consistent: {Q} is {V}.',
  'This confirms {Q} is {V}.',
  'Good, so {Q} is {V}.',
  'It satisfies the condition, so {Q} is {V}.',
  'That verifies it: {Q} is {V}.',
  'The check passes, so {Q} is {V}.',
  'Consistent — {Q} is {V}.',
  'So {Q} really is {V}.',
  'That reproduces the given data, so {Q} is {V}.',
  'Verified: {Q} is {V}.',
  'So the answer holds: {Q} is {V}.',
  'It matches, so {Q} is {V}.',
  'The substitution works, so {Q} is {V}.',
  'All good: {Q} is {V}.',
  'Therefore {Q} is {V}.',
  'Yes, so {Q} is {V}.',
  'Great, {Q} is {V}.',
  'It fits exactly, so {Q} is {V}.',
  'Hence {Q} is confirmed to be {V}.',
  'The test passes: {Q} is {V}.',
];

const SUBCHECK = [
  'Step {k} again: {X} = {R} ✓',
  'Re-checking step {k}: {X} = {R}. Correct.',
  'Let me double-check step {k}: {X} = {R} — yes.',
  'Step {k}: {X} is indeed {R}.',
  'Verifying step {k}: {X} = {R} ✓.',
  'Looking at step {k} once more: {X} = {R}, fine.',
  'Step {k} checks out: {X} = {R}.',
  'Confirming step {k}: {X} = {R}.',
  'I re-did step {k}: {X} = {R} ✓',
  'Step {k} holds: {X} = {R}.',
  'Step {k} — {X} = {R}, correct.',
  'Quick look at step {k}: {X} gives {R}. Good.',
  'Check of step {k}: {X} = {R}; no slip there.',
  'Recomputing step {k} alone: {X} = {R} ✓',
  'Step {k}, verified: {X} = {R}.',
  'The arithmetic in step {k} is right: {X} = {R}.',
  'Step {k}: {X} → {R}. Yes.',
  'Double-checking the arithmetic of step {k}: {X} = {R}.',
  'Step {k} is fine ({X} = {R}).',
  'Checking step {k}: {R}, since {X} = {R}.',
  'Redoing only step {k}: {X} = {R}. OK.',
  'Step {k} again, carefully: {X} = {R} ✓.',
  'Spot-check of step {k}: {X} = {R}.',
  'The value in step {k} is right: {X} = {R}.',
  'Step {k} confirmed: {X} = {R}.',
];

const SANITY_GENERIC = [
  'The units are consistent throughout.',
  'All the inputs were copied correctly from the question.',
  'The size of the result is plausible.',
  'No step used a number that was not given or derived.',
  'The method matches the plan.',
  'No rounding was needed along the way.',
  'The order of operations was respected in every step.',
  'The working uses every piece of given data exactly once.',
  'The sign of the result makes sense.',
  'Nothing in the working contradicts the question.',
  'The units in the answer match what was asked.',
  'The result is in the form the question wants.',
  'Every intermediate value is used later on.',
  'The arithmetic steps are all simple enough to trust.',
  'No data was left unused.',
  'The magnitude is about what the estimate suggested.',
  'Each line follows from the one before.',
  'The plan was followed in order.',
  'There are no hidden conditions in the question that I missed.',
  'The answer is given in the requested units.',
  'Nothing was double-counted.',
  'The interpretation of the question seems right.',
  'No step relied on an assumption not stated in the question.',
  'All quantities were kept exact.',
  'The result has the right kind of units.',
];

const TRY_INTRO = [
  'Before solving properly, a couple of quick guesses:',
  'Trying a few values first, just to get a feel:',
  'Some trial values, to see the trend:',
  'Quick trials:',
  'Let me test a couple of values first.',
  'Guess-and-check to start:',
  'First, a few rough tries:',
  'Just to orient myself, some test values:',
  'Trying numbers before doing the algebra:',
  'A few trials:',
  'Let me try some values.',
  'Testing a couple of candidates for size:',
  'Rough trials first:',
  'Probing with test values:',
  'Warm-up trials:',
  'A couple of guesses to bracket it:',
  'Some quick checks of nearby values:',
  'Before the real method, trial and error:',
  'Trying values to see which way to go:',
  'Experimenting a little first:',
  'Let me bracket the answer with trials:',
  'Test values:',
  'Guessing first:',
  'A few exploratory tries:',
  'Trial values, for orientation:',
];
const TRY_OUTRO = [
  'Neither works, so let me solve it properly.',
  'No luck; time for the direct method.',
  'Those are off, so I will do it algebraically.',
  'Not those. Solving directly instead.',
  'Guessing is slow; back to the plan.',
  'Neither fits. On to the systematic route.',
  'Those brackets help, but let me compute exactly.',
  'No match yet, so I will follow the plan.',
  'Okay, guessing is not efficient here.',
  'These miss, so the proper method it is.',
  'Not it. Doing the real computation now.',
  'That narrows it down; now the exact method.',
  'Neither is right. Proceeding with the plan.',
  'Trial and error is not converging fast; switch to algebra.',
  'Close, but no. Systematic solution:',
  'Let me stop guessing and compute.',
  'So the answer lies elsewhere; computing directly.',
  'Both fail. Now properly:',
  'Enough trials; the steps below do it exactly.',
  'None of those work, as expected.',
  'Right, back to the method.',
  'Those were just probes; the real work follows.',
  'No good. Let me do it step by step.',
  'Not those values. On with the plan.',
  'Trials done; now the direct route.',
];

const CLOSINGS = [
  'Hope this helps!',
  "Let me know if you'd like a diagram.",
  'Happy to go through any step in more detail.',
  "That's the complete solution.",
  'Feel free to ask about any of the steps.',
  'End of report.',
  'Done.',
  'I can also show an alternative method if useful.',
  'Let me know if anything is unclear.',
  'That wraps it up.',
  'Hope the layout makes it easy to follow.',
  'All steps are shown above for reference.',
  'Glad to help with similar problems.',
  'If you need it rounded differently, just say.',
  'That completes the report.',
  'Thanks for the question!',
  'The table above summarises the working.',
  'Any questions, just ask.',
  'That should be everything.',
  'Let me know if the units need converting.',
  'Hope that is clear.',
  'Good luck with the rest of the set!',
  'Ask if you want this written more briefly.',
  'That is all.',
  'Cheers!',
];

// ---------------------------------------------------------------------------------------------
// Rendering

function renderStep(c: Ctx, st: Step): string {
  const R = (st.pre ?? '') + st.v + (st.post ?? '');
  return fill(pick(c.r, STEP_TPL), { '{Lc}': cap(st.L), '{L}': st.L, '{X}': st.X, '{R}': R });
}

/** A sentence stating the value; its first {V} is labelled when cand is true. */
function concl(inst: Inst, tpl: string, E: string, value: string, cand: boolean): string {
  const plain = inst.pre + value + inst.post;
  const marked = inst.pre + MK_OPEN + value + MK_CLOSE + inst.post;
  let s = fill(tpl, {
    '{E=}': inst.choice ? '' : `${E} = `,
    '{(E)}': inst.choice ? '' : ` (${E})`,
    '{Qc}': inst.Qc,
    '{Q}': inst.Q,
  });
  const i = s.indexOf('{V}');
  if (i >= 0)
    s =
      s.slice(0, i) +
      (cand ? marked : plain) +
      s
        .slice(i + 3)
        .split('{V}')
        .join(plain);
  if (inst.choice && E && tpl.includes('{E=}')) s = `${E} ${s}`;
  else if (inst.choice && E && tpl.includes('{(E)}')) s = `${E} ${s}`;
  return s;
}

type Scenario =
  | 'plain'
  | 'plainConfirm'
  | 'subcheck'
  | 'echoAlt'
  | 'echoSubst'
  | 'echoReread'
  | 'echoRedo'
  | 'corrSpot'
  | 'corrAlt'
  | 'corrThenEcho'
  | 'wrongPlain'
  | 'wrongEcho'
  | 'rightToWrong'
  | 'truncWork'
  | 'truncCheck';

const SCENARIOS: [Scenario, number][] = [
  ['plain', 16],
  ['plainConfirm', 8],
  ['subcheck', 7],
  ['echoAlt', 13],
  ['echoSubst', 6],
  ['echoReread', 5],
  ['echoRedo', 4],
  ['corrSpot', 9],
  ['corrAlt', 7],
  ['corrThenEcho', 4],
  ['wrongPlain', 6],
  ['wrongEcho', 4],
  ['rightToWrong', 3],
  ['truncWork', 4],
  ['truncCheck', 4],
];

function pickScenario(r: Rng): Scenario {
  const total = SCENARIOS.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [s, w] of SCENARIOS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'plain';
}

function cutLine(r: Rng, line: string): string {
  const n = Math.max(4, Math.floor(line.length * (0.3 + 0.45 * r())));
  return line.slice(0, n).replace(/\s+$/, '');
}

interface Built {
  raw: string;
  truncated: boolean;
}

function build(c: Ctx, inst: Inst, sc: Scenario): Built {
  const r = c.r;
  const blocks: string[] = [];
  const firstRight = !['corrSpot', 'corrAlt', 'corrThenEcho', 'wrongPlain', 'wrongEcho'].includes(sc);
  const first = firstRight ? inst.right : inst.wrong;
  const stepNum = pick(r, ['n.', 'Step n.', '**Step n.**', 'n)']);
  const num = (i: number): string => stepNum.replace('n', String(i));
  const bullet = pick(r, ['- ', '* ', '- ']);

  if (chance(r, 0.7)) blocks.push(pick(r, OPENINGS));
  blocks.push(`${pick(r, H_GIVEN)}\n${inst.given.map((g) => bullet + g).join('\n')}`);
  const planLines = inst.plan.map((p, i) => `${i + 1}. ${p}`);
  let plan = `${pick(r, H_PLAN)}\n${planLines.join('\n')}`;
  if (inst.est && chance(r, 0.3)) plan += `\n\n${fill(pick(r, ESTIMATES), { '{est}': inst.est })}`;
  blocks.push(plan);

  // Work
  const work: string[] = [pick(r, H_WORK)];
  if (inst.tries.length && chance(r, 0.5))
    work.push(`${pick(r, TRY_INTRO)}\n${inst.tries.map((t) => bullet + t).join('\n')}\n\n${pick(r, TRY_OUTRO)}`);
  const stepLines = first.steps.map((s, i) => `${num(i + 1)} ${renderStep(c, s)}`);
  const hmmAt = chance(r, 0.45) ? ri(r, 1, stepLines.length) : -1;
  const hmmLine = chance(r, 0.5) && inst.hmm.length ? pick(r, inst.hmm) : pick(r, HMM_GENERIC);
  const finalInWork = chance(r, 0.7);

  if (sc === 'truncWork') {
    const upto = ri(r, 0, stepLines.length - 1);
    const kept = stepLines.slice(0, upto);
    const cut = cutLine(r, stepLines[upto]);
    work.push([...kept, cut].join('\n'));
    blocks.push(work.join('\n\n'));
    return { raw: blocks.join('\n\n'), truncated: true };
  }

  const wl: string[] = [];
  stepLines.forEach((l, i) => {
    wl.push(l);
    if (i + 1 === hmmAt && i + 1 < stepLines.length) wl.push(`\n${hmmLine}\n`);
  });
  if (hmmAt === stepLines.length) wl.push(`\n${hmmLine}\n`);
  const table = (withTotal: boolean): string => {
    const head = chance(r, 0.7) ? '| quantity | value |\n|---|---|' : '| Quantity | Value |\n|:--|--:|';
    const rows = first.steps.map((s) => `| ${s.L} | ${(s.pre ?? '') + s.v + (s.post ?? '')} |`);
    if (withTotal) rows.push(`| **${inst.Q.replace(/^the /, '')}** | **${inst.pre + first.v + inst.post}** |`);
    return `${pick(r, TABLE_INTRO)}\n\n${head}\n${rows.join('\n')}`;
  };
  const wantTable = chance(r, 0.55);
  if (finalInWork) {
    wl.push(`${num(first.steps.length + 1)} ${concl(inst, pick(r, FINAL_TPL), first.E, first.v, true)}`);
    work.push(wl.join('\n'));
    if (wantTable) work.push(table(chance(r, 0.4)));
    blocks.push(work.join('\n\n'));
    blocks.push(`${pick(r, H_ANS)}\n${concl(inst, pick(r, ANSWER_TPL), '', first.v, false)}`);
  } else {
    work.push(wl.join('\n'));
    if (wantTable) work.push(table(false));
    blocks.push(work.join('\n\n'));
    blocks.push(`${pick(r, H_ANS)}\n${concl(inst, pick(r, FINAL_TPL), first.E, first.v, true)}`);
  }
  const kRef = (k: number): string =>
    k <= first.steps.length || finalInWork ? `step ${k}` : pick(r, ['the final step', 'the last step', 'the final combination']);

  const restate = (v: string): string => concl(inst, pick(r, ANSWER_TPL), '', v, false);
  const altBlock = (p: Path, tpl: string[], cand: boolean, intro = true): string => {
    const lines: string[] = [];
    if (intro) lines.push(fill(pick(r, ALT_INTRO), { '{how}': inst.altHow }));
    for (const s of p.steps) lines.push(`${bullet}${renderStep(c, s)}`);
    const body = lines.join('\n');
    return `${body}\n\n${concl(inst, pick(r, tpl), p.E, p.v, cand)}`;
  };
  const redoBlock = (p: Path, tpl: string[]): string => {
    const lines = [pick(r, REDO_INTRO), ...p.steps.map((s) => `${bullet}${renderStep(c, s)}`)];
    return `${lines.join('\n')}\n\n${concl(inst, pick(r, tpl), p.E, p.v, true)}`;
  };
  const substBlock = (): string => {
    const lines = [pick(r, SUBST_INTRO), ...inst.subst!(true).map((l) => bullet + l)];
    return `${lines.join('\n')}\n\n${concl(inst, pick(r, SUBST_CONCL), '', inst.right.v, true)}`;
  };
  const rereadBlock = (): string => {
    const t = pick(r, REREAD);
    return concl(inst, fill(t, { '{cond}': inst.cond, '{Cond}': cap(inst.cond) }), '', inst.right.v, true);
  };
  const maybeFinal = (v: string): void => {
    if (chance(r, 0.35)) blocks.push(`${pick(r, H_FINAL)}\n${restate(v)}`);
  };
  const errNoteRef = (): { k: string; note: string } => ({ k: kRef(inst.errStep), note: inst.errNote });

  switch (sc) {
    case 'plain':
    case 'wrongPlain':
      if (chance(r, 0.25)) blocks.push(pick(r, CONFIRM));
      break;
    case 'plainConfirm':
      if (chance(r, 0.5)) blocks.push(pick(r, CONFIRM));
      else blocks.push(concl(inst, pick(r, BARE_RESTATE), '', first.v, false));
      break;
    case 'subcheck': {
      const lines: string[] = [];
      const k = ri(r, 1, first.steps.length);
      const st = first.steps[k - 1];
      lines.push(fill(pick(r, SUBCHECK), { '{k}': String(k), '{X}': st.X, '{R}': (st.pre ?? '') + st.v + (st.post ?? '') }));
      lines.push(chance(r, 0.5) ? pick(r, inst.sanity) : pick(r, SANITY_GENERIC));
      if (chance(r, 0.5)) lines.push(pick(r, CONFIRM));
      blocks.push(`${pick(r, H_CHECK)}\n${lines.join('\n')}`);
      break;
    }
    case 'echoAlt':
      blocks.push(`${pick(r, H_CHECK)}\n${altBlock(inst.alt, ECHO_TPL, true)}`);
      maybeFinal(inst.right.v);
      break;
    case 'echoSubst':
      blocks.push(`${pick(r, H_CHECK)}\n${inst.subst ? substBlock() : altBlock(inst.alt, ECHO_TPL, true)}`);
      maybeFinal(inst.right.v);
      break;
    case 'echoReread':
      blocks.push(`${pick(r, H_CHECK)}\n${rereadBlock()}`);
      if (chance(r, 0.3)) blocks.push(pick(r, CONFIRM));
      break;
    case 'echoRedo':
      blocks.push(`${pick(r, H_CHECK)}\n${redoBlock(inst.right, ECHO_TPL)}`);
      maybeFinal(inst.right.v);
      break;
    case 'corrSpot':
    case 'corrThenEcho': {
      const { k, note } = errNoteRef();
      const lines: string[] = [];
      let viaAlt = sc === 'corrThenEcho' && chance(r, 0.4);
      if (!viaAlt && inst.subst && chance(r, 0.5))
        lines.push(
          `${pick(r, SUBST_INTRO)}\n${inst
            .subst(false)
            .map((l) => bullet + l)
            .join('\n')}`,
        );
      if (viaAlt) {
        lines.push(altBlock(inst.alt, DIFF_TPL, true));
        lines.push(fill(pick(r, EXPLAIN), { '{k}': k, '{note}': note }));
      } else {
        lines.push(fill(pick(r, SPOT), { '{k}': k, '{note}': note }));
        if (inst.choice) lines.push(inst.right.steps.map((s) => `${bullet}${renderStep(c, s)}`).join('\n'));
        lines.push(concl(inst, pick(r, CORR_TPL), inst.right.E, inst.right.v, true));
      }
      blocks.push(`${pick(r, H_CHECK)}\n${lines.join('\n\n')}`);
      blocks.push(`${pick(r, H_UPD)}\n${restate(inst.right.v)}`);
      if (sc === 'corrThenEcho') {
        let second: string;
        if (inst.subst && chance(r, 0.6)) second = substBlock();
        else if (!viaAlt && chance(r, 0.6)) second = altBlock(inst.alt, ECHO_TPL, true);
        else second = chance(r, 0.5) ? rereadBlock() : redoBlock(inst.right, ECHO_TPL);
        viaAlt = false;
        blocks.push(`${pick(r, H_CHECK)}\n${second}`);
        maybeFinal(inst.right.v);
      }
      break;
    }
    case 'corrAlt': {
      const { k, note } = errNoteRef();
      const lines = [altBlock(inst.alt, DIFF_TPL, true), fill(pick(r, EXPLAIN), { '{k}': k, '{note}': note })];
      blocks.push(`${pick(r, H_CHECK)}\n${lines.join('\n\n')}`);
      blocks.push(`${pick(r, H_UPD)}\n${restate(inst.right.v)}`);
      break;
    }
    case 'wrongEcho':
      blocks.push(`${pick(r, H_CHECK)}\n${redoBlock(inst.wrong, ECHO_TPL)}`);
      maybeFinal(inst.wrong.v);
      break;
    case 'rightToWrong':
      blocks.push(`${pick(r, H_CHECK)}\n${redoBlock(inst.wrong, DIFF_TPL)}\n\n${pick(r, TRUST)}`);
      blocks.push(`${pick(r, H_UPD)}\n${restate(inst.wrong.v)}`);
      break;
    case 'truncCheck': {
      const lines = [fill(pick(r, ALT_INTRO), { '{how}': inst.altHow }), ...inst.alt.steps.map((s) => `${bullet}${renderStep(c, s)}`)];
      const upto = ri(r, 1, lines.length - 1);
      const kept = lines.slice(0, upto);
      kept.push(cutLine(r, lines[upto]));
      blocks.push(`${pick(r, H_CHECK)}\n${kept.join('\n')}`);
      return { raw: blocks.join('\n\n'), truncated: true };
    }
  }
  if (chance(r, 0.3)) blocks.push(pick(r, CLOSINGS));
  return { raw: blocks.join('\n\n'), truncated: false };
}

function extract(raw: string): { body: string; cands: { value: string; offset: number }[] } {
  let body = '';
  const cands: { value: string; offset: number }[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === MK_OPEN) {
      const j = raw.indexOf(MK_CLOSE, i);
      const v = raw.slice(i + 1, j);
      cands.push({ value: v, offset: body.length });
      body += v;
      i = j + 1;
    } else {
      body += ch;
      i++;
    }
  }
  return { body, cands };
}

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  const out: PhrasingRecord[] = [];
  const base = hashStr(`${family}|${split}|${seed}`);
  for (let i = 0; i < count; i++) {
    const r = mulberry32((base ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    const c: Ctx = {
      r,
      mul: pick(r, ['×', '×', '·', '*', 'x']),
      minus: pick(r, ['−', '-', '−']),
      comma: chance(r, 0.5),
      sqStyle: pick(r, [0, 0, 0, 1, 2]),
    };
    let inst: Inst | null = null;
    while (!inst) inst = pick(r, TASKS)(c);
    const sc = pickScenario(r);
    const { raw, truncated } = build(c, inst, sc);
    const { body, cands } = extract(raw);
    const headers: Record<string, string> = { query: inst.query, answer: inst.answer, task: inst.task };
    if (truncated) headers.truncated = 'true';
    out.push({
      id: `${family}-${split}-${seed}-${i + 1}`,
      headers,
      body,
      candidates: cands,
      final: truncated ? null : cands.length ? cands[cands.length - 1].value : null,
    });
  }
  return out;
}
