// Held-out phrasing family "r1-thoughts": R1-style long reasoning. A thinking block (<think> ...
// </think>, or <|begin_of_thought|> ... <|end_of_thought|> + <|begin_of_solution|> ...
// <|end_of_solution|>) holding several attempts at arithmetic word problems, counting problems and
// small algebra, then a clean summary. Labels follow docs/annotation-guide.md: candidates are the
// conclusions inside the block; restatements without new work merge (only the first is labelled);
// re-derivations by a check or another method are new candidates even with the same value; the
// summary after the block gives `final`. About 8% of records are cut off mid-block.
//
// Ambiguity policy (so every label is clear under the guide):
// - a computation of the asked quantity is never written as a bare result line before its
//   conclusion: the final operation is folded into the concluding sentence, so the value first
//   appears where it is concluded;
// - a sub-step check (re-multiplying a partial product, plugging x and y back in) never ends by
//   restating the answer; after such work nothing restates the answer inside the block;
// - a fix that recomputes the asked quantity always states it as a conclusion (a candidate).
import type { PhrasingRecord } from '../families/types.js';

export const family = 'r1-thoughts';

// ---------------------------------------------------------------- randomness and formatting

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
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number): boolean => r() < p;

interface Style {
  commas: boolean;
  x: string; // multiplication sign
}

function num(st: Style, n: number): string {
  const s = String(Math.abs(n));
  const b = st.commas && Math.abs(n) >= 1000 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s;
  return (n < 0 ? '-' : '') + b;
}

const par = (n: number | string): string => (String(n).startsWith('-') ? `(${n})` : String(n));

function fill(t: string, vars: Record<string, string>): string {
  return t.replace(/\{([A-Z]+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
}

const cap = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

// ---------------------------------------------------------------- the task model

interface Run {
  steps: string[]; // sentences; PARA starts a new paragraph
  expr: string; // the final operation on the asked quantity ('' if none)
  value: number;
  brief: string[]; // summary lines
  fixNote: string[]; // for a slipped run: sentences naming the slip (no asked-quantity value)
  subchecks: string[]; // sentences re-checking a correct sub-step (no asked-quantity value)
}

interface Method {
  intro: string[]; // sentences introducing this method as a second approach
  slips: string[];
  run(slip: string | null): Run;
}

interface Task {
  name: string;
  query: string;
  answer: number;
  askN: string; // noun phrase: "the total number of pencils"
  askH: string; // how-clause: "how many pencils there are in total"
  restate: string;
  qLong: string;
  qShort: string;
  concl: string[]; // task-specific conclusion templates ({V}, maybe {EXPR})
  methods: Method[];
  asides: string[]; // task-specific mid-derivation remarks (no decision)
  pre: string[][]; // optional paragraphs before the first method (estimates, tried values)
  detect?: (w: number) => string[]; // a check that exposes a wrong value without computing the answer
  money: boolean;
}

const PARA = '\u00b6';

// ---------------------------------------------------------------- task: word-sum (a*b +/- c)

interface WSStory {
  plus: boolean;
  query: string;
  restate: string[];
  askN: string;
  askH: string;
  qLong: string;
  qShort: string;
  prodSay: string[];
  last: string[];
  concl: string[];
  briefLast: string;
}

const WS_STORIES: WSStory[] = [
  {
    plus: true,
    query:
      'A store has {A} boxes of pencils with {B} pencils in each box, plus {C} loose pencils. How many pencils does the store have in total?',
    restate: [
      'There are {A} boxes, each with {B} pencils, and then {C} extra loose pencils.',
      '{A} boxes times {B} pencils per box, plus {C} loose ones.',
    ],
    askN: 'the total number of pencils',
    askH: 'how many pencils there are in total',
    qLong: 'the total number of pencils',
    qShort: 'the total',
    prodSay: [
      'So the boxes hold {P} pencils.',
      'So the first part is {P}.',
      "That's {P} pencils in the boxes alone.",
      'So {P} pencils are in boxes.',
    ],
    last: [
      'Now I add the {C} loose pencils.',
      'Then the {C} loose ones go on top of that.',
      'And I still have to add the {C} loose pencils.',
    ],
    concl: ['So the store has {V} pencils in total.', 'That makes {EXPR} = {V} pencils altogether.'],
    briefLast: 'Add the loose pencils',
  },
  {
    plus: false,
    query: 'A theater has {A} rows with {B} seats in each row. {C} seats are closed for repairs. How many seats are available?',
    restate: [
      '{A} rows of {B} seats, minus {C} closed seats.',
      'The theater has {A} rows and {B} seats per row, and {C} of the seats cannot be used.',
    ],
    askN: 'the number of available seats',
    askH: 'how many seats are available',
    qLong: 'the number of available seats',
    qShort: 'the number available',
    prodSay: [
      'So the theater has {P} seats in total before the closures.',
      'So the first part is {P}.',
      "That's {P} seats altogether, including the closed ones.",
    ],
    last: ['Now subtract the {C} closed seats.', 'Then take away the {C} that are closed.', 'The {C} closed seats have to come off.'],
    concl: ['So {V} seats are available.', 'That leaves {EXPR} = {V} available seats.'],
    briefLast: 'Subtract the closed seats',
  },
  {
    plus: false,
    query:
      'A farm packs {A} crates with {B} apples in each crate. Then {C} apples are found to be bruised and thrown away. How many apples are left?',
    restate: [
      '{A} crates with {B} apples each, and {C} apples get thrown away.',
      'The farm starts with {A} crates of {B} apples and loses {C} bruised ones.',
    ],
    askN: 'the number of apples left',
    askH: 'how many apples are left',
    qLong: 'the number of apples left',
    qShort: 'the number left',
    prodSay: ['So the crates held {P} apples at first.', "That's {P} apples to start with.", 'So the first part is {P}.'],
    last: ['Now remove the {C} bruised apples.', 'Then subtract the {C} that were thrown away.'],
    concl: ['So {V} apples are left.', 'That leaves {EXPR} = {V} apples.'],
    briefLast: 'Remove the bruised apples',
  },
  {
    plus: true,
    query:
      'A farmer plants {A} rows of trees with {B} trees in each row, and then plants {C} more trees along the fence. How many trees did the farmer plant in all?',
    restate: [
      '{A} rows with {B} trees per row, then {C} more along the fence.',
      'The farmer has {A} rows of {B} trees each, plus {C} extra trees by the fence.',
    ],
    askN: 'the total number of trees planted',
    askH: 'how many trees were planted in all',
    qLong: 'the total number of trees',
    qShort: 'the total',
    prodSay: ['So the rows have {P} trees.', 'So the first part is {P}.', "That's {P} trees in the rows."],
    last: ['Now add the {C} trees along the fence.', 'Plus the {C} along the fence.'],
    concl: ['So the farmer planted {V} trees in all.', "That's {EXPR} = {V} trees altogether."],
    briefLast: 'Add the trees along the fence',
  },
  {
    plus: true,
    query:
      'A library receives {A} boxes of books with {B} books in each box, and a separate donation of {C} books. How many books does the library receive in total?',
    restate: [
      '{A} boxes of {B} books each, plus a donation of {C} books.',
      'It gets {A} boxes with {B} books per box, and another {C} books donated.',
    ],
    askN: 'the total number of books',
    askH: 'how many books the library gets in total',
    qLong: 'the total number of books',
    qShort: 'the total',
    prodSay: ['So the boxes contain {P} books.', 'So the first part is {P}.', "That's {P} books from the boxes."],
    last: ['Now add the {C} donated books.', 'Then the donation of {C} books.'],
    concl: ['So the library receives {V} books in total.', "That's {EXPR} = {V} books."],
    briefLast: 'Add the donated books',
  },
];

function wordSum(r: Rng, st: Style): Task {
  for (;;) {
    const a = int(r, 12, 89);
    const b = int(r, 13, 98);
    if (a % 10 === 0 || b % 10 === 0 || a === b) continue;
    const story = pick(r, WS_STORIES);
    const P = a * b;
    const c = int(r, 12, story.plus ? 480 : Math.min(480, Math.floor(P / 3)));
    const V = story.plus ? P + c : P - c;
    const d10 = pick(r, [10, -10]);
    const d100 = pick(r, [100, -100]);
    const X = st.x;
    const n = (v: number) => num(st, v);
    const vars = { A: n(a), B: n(b), C: n(c), P: n(P) };
    const f = (t: string, extra: Record<string, string> = {}) => fill(t, { ...vars, ...extra });
    const op = story.plus ? '+' : '-';
    const finish = (prod: number): Pick<Run, 'expr' | 'value'> => ({
      expr: `${n(prod)} ${op} ${n(c)}`,
      value: story.plus ? prod + c : prod - c,
    });
    const briefFor = (prod: number): string[] => [
      `Multiply: ${n(a)} ${X} ${n(b)} = ${n(prod)}.`,
      `${story.briefLast}: ${n(prod)} ${op} ${n(c)} = ${n(story.plus ? prod + c : prod - c)}.`,
    ];
    // M1: split b into tens and ones.
    const bt = b - (b % 10);
    const bo = b % 10;
    const m1: Method = {
      intro: [
        f(`Let me split {B} into tens and ones: {A} ${X} {B}.`),
        f(`This time I'll break {B} into ${bt} + ${bo} and multiply each part by {A}.`),
      ],
      slips: ['p2', 'sum'],
      run(slip) {
        const p1 = a * bt;
        const p2 = a * bo + (slip === 'p2' ? d10 : 0);
        const prod = p1 + p2 + (slip === 'sum' ? d100 : 0);
        const steps = [
          pick(r, [
            f(`First, the multiplication: {A} ${X} {B}.`),
            f(`Let me compute {A} ${X} {B} first.`),
            f(`I'll start with {A} ${X} {B}.`),
            f(`The main piece is {A} ${X} {B}.`),
          ]),
          pick(r, [
            `Breaking ${n(b)} into ${bt} + ${bo}: ${n(a)} ${X} ${bt} = ${n(p1)}, and ${n(a)} ${X} ${bo} = ${n(p2)}.`,
            `${n(a)} ${X} ${bt} is ${n(p1)}. Then ${n(a)} ${X} ${bo} is ${n(p2)}.`,
            `Split it up: ${n(a)} ${X} ${bt} = ${n(p1)} and ${n(a)} ${X} ${bo} = ${n(p2)}.`,
          ]),
          `Adding those: ${n(p1)} + ${n(p2)} = ${n(prod)}.`,
          fill(pick(r, story.prodSay), { ...vars, P: n(prod) }),
          f(pick(r, story.last)),
        ];
        const fixNote =
          slip === 'p2'
            ? [
                `I wrote ${n(a)} ${X} ${bo} = ${n(p2)}, but ${n(a)} ${X} ${bo} is ${n(a * bo)}.`,
                `So the product should be ${n(P)}, not ${n(prod)}.`,
              ]
            : slip === 'sum'
              ? [`I added ${n(p1)} + ${n(a * bo)} and wrote ${n(prod)}, but it's ${n(P)}.`, `I dropped a carry there.`]
              : [];
        return {
          steps,
          ...finish(prod),
          brief: briefFor(prod),
          fixNote,
          subchecks: [`Let me double-check ${n(a)} ${X} ${bt}: ${n(a)} ${X} ${bt / 10} = ${n((a * bt) / 10)}, times 10 is ${n(p1)}. Yes.`],
        };
      },
    };
    // M2: split a into tens and ones.
    const at = a - (a % 10);
    const ao = a % 10;
    const m2: Method = {
      intro: [
        f(`I'll do {B} ${X} {A} by splitting {A} into ${at} + ${ao}.`),
        f(`This time let me multiply the other way round, {B} ${X} {A}.`),
      ],
      slips: ['q2', 'sum'],
      run(slip) {
        const q1 = b * at;
        const q2 = b * ao + (slip === 'q2' ? d10 : 0);
        const prod = q1 + q2 + (slip === 'sum' ? d100 : 0);
        const steps = [
          pick(r, [
            f(`{B} ${X} {A} = {B} ${X} ${at} + {B} ${X} ${ao}.`),
            f(`Write {A} as ${at} + ${ao}, so {B} ${X} {A} is {B} ${X} ${at} plus {B} ${X} ${ao}.`),
          ]),
          pick(r, [
            `${n(b)} ${X} ${at} = ${n(q1)} and ${n(b)} ${X} ${ao} = ${n(q2)}.`,
            `That's ${n(q1)} from the first part and ${n(q2)} from the second.`,
          ]),
          pick(r, [`So the product is ${n(q1)} + ${n(q2)} = ${n(prod)}.`, `Together, ${n(q1)} + ${n(q2)} = ${n(prod)}.`]),
          f(pick(r, story.last)),
        ];
        const fixNote =
          slip === 'q2'
            ? [`${n(b)} ${X} ${ao} is ${n(b * ao)}, not ${n(q2)}.`, `So the product is ${n(P)}, not ${n(prod)}.`]
            : slip === 'sum'
              ? [`${n(q1)} + ${n(b * ao)} is ${n(P)}, not ${n(prod)}; I messed up the carry.`]
              : [];
        return {
          steps,
          ...finish(prod),
          brief: briefFor(prod),
          fixNote,
          subchecks: [`Quick check of ${n(b)} ${X} ${at}: ${n(b)} ${X} ${at / 10} = ${n((b * at) / 10)}, so ${n(q1)}. Fine.`],
        };
      },
    };
    // M3: round b up to the next ten and subtract.
    const R = bt + 10;
    const m3: Method = {
      intro: [
        f(`I can round {B} up to ${R}: {A} ${X} ${R} minus {A} ${X} ${R - b}.`),
        f(`Let me use rounding: {A} ${X} {B} = {A} ${X} ${R} - {A} ${X} ${R - b}.`),
      ],
      slips: ['p2'],
      run(slip) {
        const big = a * R;
        const small = a * (R - b) + (slip === 'p2' ? d10 : 0);
        const prod = big - small;
        const steps = [
          `${n(a)} ${X} ${R} = ${n(big)}, and ${n(a)} ${X} ${R - b} = ${n(small)}.`,
          pick(r, [`So ${n(a)} ${X} ${n(b)} = ${n(big)} - ${n(small)} = ${n(prod)}.`, `Then ${n(big)} - ${n(small)} = ${n(prod)}.`]),
          fill(pick(r, story.prodSay), { ...vars, P: n(prod) }),
          f(pick(r, story.last)),
        ];
        const fixNote =
          slip === 'p2'
            ? [
                `${n(a)} ${X} ${R - b} is ${n(a * (R - b))}, not ${n(small)}.`,
                `So ${n(big)} - ${n(a * (R - b))} = ${n(P)} for the product.`,
              ]
            : [];
        return {
          steps,
          ...finish(prod),
          brief: briefFor(prod),
          fixNote,
          subchecks: [`And ${n(a)} ${X} ${R} = ${n(big)}, that part is right.`],
        };
      },
    };
    const methods = [m1, m2, m3];
    const est =
      Math.round(
        (story.plus ? Math.round(a / 10) * 10 * Math.round(b / 10) * 10 + c : Math.round(a / 10) * 10 * Math.round(b / 10) * 10 - c) / 100,
      ) * 100;
    const pre: string[][] = [];
    if (est > 0 && est !== V)
      pre.push([
        `Rough estimate first: ${n(a)} ${X} ${n(b)} is about ${Math.round(a / 10) * 10} ${X} ${Math.round(b / 10) * 10} = ${n(Math.round(a / 10) * 10 * Math.round(b / 10) * 10)}, so the answer should be somewhere around ${n(est)}.`,
        pick(r, ['Let me compute it exactly.', 'Now the exact value.', "That's just a ballpark, though."]),
      ]);
    return {
      name: 'word-sum',
      query: f(story.query),
      answer: V,
      askN: story.askN,
      askH: story.askH,
      restate: f(pick(r, story.restate)),
      qLong: story.qLong,
      qShort: story.qShort,
      concl: story.concl,
      methods: filterSlips(methods, V),
      asides: [
        f('Wait, the {C} is separate from the boxes, right? Yes, it is.'),
        f('Hmm, {A} and {B}, let me not mix them up.'),
        'Wait, let me make sure I multiply before I add or subtract.',
      ],
      pre,
      money: false,
    };
  }
}

/** Keep only slips that change the asked value (and keep it positive). */
function filterSlips(ms: Method[], answer: number, allowNeg = false): Method[] {
  for (const m of ms)
    m.slips = m.slips.filter((s) => {
      const v = m.run(s).value;
      return v !== answer && (allowNeg || v > 0);
    });
  return ms;
}

// ---------------------------------------------------------------- task: div-count

function divCount(r: Rng, st: Style): Task {
  for (;;) {
    const k = int(r, 3, 19);
    let a = int(r, 2, 400);
    if (chance(r, 0.35)) a = Math.max(k, Math.round(a / k) * k);
    const b = a + int(r, 90, 1100);
    const N = Math.floor(b / k) - Math.floor((a - 1) / k);
    const cf = Math.ceil(a / k);
    const f0 = cf * k;
    const cl = Math.floor(b / k);
    const l = cl * k;
    const d = cl - cf;
    if (N < 6 || [a, b, k].includes(N) || [a, b, k].includes(N - 1)) continue;
    const X = st.x;
    const n = (v: number) => num(st, v);
    const fl = chance(r, 0.5) ? (p: number, q: number) => `floor(${n(p)}/${q})` : (p: number, q: number) => `\u230a${n(p)}/${q}\u230b`;
    const brief = (v: number, plus: boolean) => [
      `The first multiple of ${k} in the range is ${n(f0)} and the last is ${n(l)}.`,
      plus ? `Number of multiples: (${n(l)} - ${n(f0)})/${k} + 1 = ${n(v)}.` : `Number of multiples: (${n(l)} - ${n(f0)})/${k} = ${n(v)}.`,
    ];
    const firstStep =
      a % k === 0
        ? `${n(a)} = ${k} ${X} ${cf}, so ${n(a)} itself is a multiple, and the first one is ${n(a)}.`
        : `${k} ${X} ${cf - 1} = ${n(f0 - k)}, which is less than ${n(a)}, so that's too small. ${k} ${X} ${cf} = ${n(f0)}, so the first multiple is ${n(f0)}.`;
    const lastStep =
      b % k === 0
        ? `${n(b)} ÷ ${k} = ${cl} exactly, so the last multiple is ${n(b)} itself.`
        : `${n(b)} ÷ ${k} is ${cl} with remainder ${b - l}, so the last one is ${k} ${X} ${cl} = ${n(l)}.`;
    const m1: Method = {
      intro: [
        'I can find the first and last multiples and count the terms of the arithmetic sequence.',
        `Let me list the endpoints: the first and last multiples of ${k} in the range.`,
      ],
      slips: ['plus1'],
      run(slip) {
        const steps = [
          pick(r, [
            `First I need the smallest multiple of ${k} that is at least ${n(a)}.`,
            `Start with the first multiple of ${k} that is ${n(a)} or more.`,
          ]),
          firstStep,
          pick(r, [`Now the largest multiple of ${k} that is at most ${n(b)}.`, `Next, the last multiple of ${k} not exceeding ${n(b)}.`]),
          lastStep,
          pick(r, [`These form an arithmetic sequence with common difference ${k}.`, `The multiples go up in steps of ${k}.`]),
        ];
        if (slip === 'plus1') {
          steps.push(`The difference is ${n(l)} - ${n(f0)} = ${n(l - f0)}.`);
          return {
            steps,
            expr: `${n(l - f0)}/${k}`,
            value: d,
            brief: brief(d, false),
            fixNote: [
              `I forgot the +1: (last - first)/${k} counts the gaps between the multiples, not the multiples themselves.`,
              'Both endpoints are included, so there is one more term than gaps.',
            ],
            subchecks: [
              `Let me double-check the last multiple: ${k} ${X} ${cl} = ${n(l)}, and ${k} ${X} ${cl + 1} = ${n(l + k)} is past ${n(b)}. Right.`,
            ],
          };
        }
        steps.push(`The difference is ${n(l)} - ${n(f0)} = ${n(l - f0)}, which is ${n(l - f0)}/${k} = ${d} steps of ${k}.`);
        steps.push(pick(r, ['Counting both ends, I add 1 to the number of steps.', 'The number of terms is the number of steps plus 1.']));
        return {
          steps,
          expr: `${d} + 1`,
          value: N,
          brief: brief(N, true),
          fixNote: [],
          subchecks: [`Let me double-check the first multiple: ${k} ${X} ${cf} = ${n(f0)}. Yes.`],
        };
      },
    };
    const qa = Math.floor((a - 1) / k);
    const m2: Method = {
      intro: [
        `Alternatively I can count multiples up to ${n(b)} and subtract the ones below ${n(a)}.`,
        `I'll use floors: the multiples of ${k} up to ${n(b)} minus the multiples up to ${n(a - 1)}.`,
      ],
      slips: a % k === 0 ? ['endpoint'] : [],
      run(slip) {
        const steps = [`Multiples of ${k} from 1 to ${n(b)}: ${fl(b, k)} = ${cl}.`];
        if (slip === 'endpoint') {
          steps.push(`Multiples of ${k} from 1 to ${n(a)}: ${fl(a, k)} = ${qa + 1}.`);
          return {
            steps,
            expr: `${cl} - ${qa + 1}`,
            value: N - 1,
            brief: [`${fl(b, k)} - ${fl(a, k)} = ${cl} - ${qa + 1} = ${n(N - 1)}.`],
            fixNote: [
              `I subtracted the multiples up to ${n(a)}, but ${n(a)} is itself a multiple of ${k} and belongs in the range; I need the ones up to ${n(a - 1)}, which is ${qa}.`,
            ],
            subchecks: [`And ${fl(b, k)} = ${cl}: ${k} ${X} ${cl} = ${n(l)}. Right.`],
          };
        }
        steps.push(`Multiples of ${k} from 1 to ${n(a - 1)}: ${fl(a - 1, k)} = ${qa}.`);
        return {
          steps,
          expr: `${cl} - ${qa}`,
          value: N,
          brief: [`${fl(b, k)} - ${fl(a - 1, k)} = ${cl} - ${qa} = ${n(N)}.`],
          fixNote: [],
          subchecks: [`${k} ${X} ${cl} = ${n(l)}, so ${fl(b, k)} = ${cl} is right.`],
        };
      },
    };
    const m3: Method = {
      intro: [
        `Another way: the multiples are ${k}${X}${cf} up to ${k}${X}${cl}, so I just count the integers from ${cf} to ${cl}.`,
        `Think of them as ${k} times an integer m, with m running from ${cf} to ${cl}.`,
      ],
      slips: ['plus1'],
      run(slip) {
        const steps = [`The smallest m with ${k}m ≥ ${n(a)} is ${cf}, and the largest with ${k}m ≤ ${n(b)} is ${cl}.`];
        if (slip === 'plus1')
          return {
            steps,
            expr: `${cl} - ${cf}`,
            value: d,
            brief: [`m runs from ${cf} to ${cl}: ${cl} - ${cf} = ${n(d)} values.`],
            fixNote: [`Counting the integers from ${cf} to ${cl} inclusive gives ${cl} - ${cf} + 1, not ${cl} - ${cf}; I dropped the +1.`],
            subchecks: [`${k} ${X} ${cf} = ${n(f0)} is in the range, yes.`],
          };
        steps.push(
          pick(r, ['Counting integers in an inclusive range means last minus first plus one.', 'Inclusive count: last - first + 1.']),
        );
        return {
          steps,
          expr: `${cl} - ${cf} + 1`,
          value: N,
          brief: [`m runs from ${cf} to ${cl}: ${cl} - ${cf} + 1 = ${n(N)} values.`],
          fixNote: [],
          subchecks: [`${k} ${X} ${cl} = ${n(l)} ≤ ${n(b)}, yes.`],
        };
      },
    };
    const form = int(r, 0, 2);
    const query = [
      `How many integers between ${n(a)} and ${n(b)}, inclusive, are divisible by ${k}?`,
      `How many multiples of ${k} are there from ${n(a)} to ${n(b)}, inclusive?`,
      `How many of the integers ${n(a)}, ${n(a + 1)}, ..., ${n(b)} are divisible by ${k}?`,
    ][form];
    return {
      name: 'div-count',
      query,
      answer: N,
      askN: `the number of multiples of ${k} from ${n(a)} to ${n(b)}`,
      askH: `how many integers from ${n(a)} to ${n(b)} are divisible by ${k}`,
      restate: pick(r, [
        `The range is ${n(a)} to ${n(b)}, both ends included, and the divisor is ${k}.`,
        `We're looking at ${n(a)} through ${n(b)}, inclusive, and counting multiples of ${k}.`,
      ]),
      qLong: `the number of multiples of ${k} in the range`,
      qShort: 'the count',
      concl: [
        `So there are {V} integers between ${n(a)} and ${n(b)} divisible by ${k}.`,
        `So there are {V} multiples of ${k} in the range.`,
        'That gives {V} multiples.',
        'So the count is {EXPR} = {V}.',
      ],
      methods: filterSlips([m1, m2, m3], N),
      asides: [
        'Wait, is the range inclusive? The problem says inclusive, so both ends count if they are multiples.',
        `Hmm, ${n(b)} is fairly large, so listing them is out; I need a formula.`,
        'Wait, let me be careful with the endpoints here.',
      ],
      pre: [
        [
          `Let me think about a tiny example first: from 1 to 20, the multiples of 5 are 5, 10, 15, 20, which is 4 of them, and 20/5 = 4.`,
          'Okay, so the idea works.',
        ],
      ],
      money: false,
    };
  }
}

// ---------------------------------------------------------------- task: handshakes / round robin

function handshakes(r: Rng, st: Style): Task {
  const nn = int(r, 8, 64);
  const V = (nn * (nn - 1)) / 2;
  const X = st.x;
  const n = (v: number) => num(st, v);
  const story = pick(r, [
    {
      query: `At a meeting, ${nn} people each shake hands exactly once with every other person. How many handshakes take place?`,
      restate: `There are ${nn} people, and every pair shakes hands once.`,
      askN: 'the total number of handshakes',
      askH: 'how many handshakes there are',
      qLong: 'the number of handshakes',
      qShort: 'the number of handshakes',
      thing: 'handshake',
      who: 'person',
      concl: ['So there are {V} handshakes.', 'That makes {EXPR} = {V} handshakes in total.'],
    },
    {
      query: `In a league of ${nn} teams, each team plays every other team exactly once. How many games are played?`,
      restate: `${nn} teams, and each pair of teams meets exactly once.`,
      askN: 'the total number of games',
      askH: 'how many games are played',
      qLong: 'the number of games',
      qShort: 'the number of games',
      thing: 'game',
      who: 'team',
      concl: ['So {V} games are played.', 'That gives {EXPR} = {V} games in the season.'],
    },
    {
      query: `There are ${nn} points on a circle. How many line segments can be drawn connecting two of the points?`,
      restate: `${nn} points, and a segment for every pair of points.`,
      askN: 'the number of segments',
      askH: 'how many segments there are',
      qLong: 'the number of segments',
      qShort: 'the number of segments',
      thing: 'segment',
      who: 'point',
      concl: ['So there are {V} segments.', 'That gives {EXPR} = {V} segments.'],
    },
  ]);
  const prod = nn * (nn - 1);
  const dMul = pick(r, [10, -10, 20]);
  const m1: Method = {
    intro: [`Each ${story.thing} is just a pair, so it's ${nn} choose 2.`, `Let me use combinations: C(${nn}, 2).`],
    slips: ['half', 'mul'],
    run(slip) {
      if (slip === 'half')
        return {
          steps: [
            pick(r, [`Each ${story.who} pairs with ${nn - 1} others.`, `Every ${story.who} is matched with each of the other ${nn - 1}.`]),
          ],
          expr: `${nn} ${X} ${nn - 1}`,
          value: prod,
          brief: [`Each of the ${nn} connects with ${nn - 1} others: ${nn} ${X} ${nn - 1} = ${n(prod)}.`],
          fixNote: [
            `Each ${story.thing} involves two ${story.who === 'person' ? 'people' : story.who + 's'}, so ${nn} ${X} ${nn - 1} counts every one of them twice; I forgot to divide by 2.`,
          ],
          subchecks: [`${nn} ${X} ${nn - 1}: ${nn} ${X} ${nn} = ${n(nn * nn)}, minus ${nn} is ${n(prod)}. Right.`],
        };
      const p = prod + (slip === 'mul' ? dMul : 0);
      return {
        steps: [
          pick(r, [
            `Each ${story.thing} is an unordered pair, so the count is C(${nn}, 2) = ${nn} ${X} ${nn - 1} / 2.`,
            `That's ${nn} choose 2, which is ${nn}(${nn - 1})/2.`,
          ]),
          pick(r, [`${nn} ${X} ${nn - 1} = ${n(p)}.`, `First, ${nn} ${X} ${nn - 1} is ${n(p)}.`]),
        ],
        expr: `${n(p)}/2`,
        value: p / 2,
        brief: [`C(${nn}, 2) = ${nn} ${X} ${nn - 1} / 2 = ${n(p)}/2 = ${n(p / 2)}.`],
        fixNote: slip === 'mul' ? [`${nn} ${X} ${nn - 1} is ${n(prod)}, not ${n(p)}.`] : [],
        subchecks:
          slip === 'mul'
            ? [`Each pair is counted once in C(${nn}, 2), so halving is right.`]
            : [`Let me double-check ${nn} ${X} ${nn - 1}: ${nn} ${X} ${nn} = ${n(nn * nn)}, minus ${nn} gives ${n(prod)}. Yes.`],
      };
    },
  };
  const m2: Method = {
    intro: [
      `Let me count ${story.who} by ${story.who} instead, as a running sum.`,
      'I can add them up one at a time, like a staircase sum.',
    ],
    slips: ['offby1'],
    run(slip) {
      const top = slip === 'offby1' ? nn : nn - 1;
      const steps =
        slip === 'offby1'
          ? [pick(r, [`So it's 1 + 2 + ... + ${nn}.`, `That's the sum 1 + 2 + ... + ${nn}.`])]
          : [
              `The first ${story.who} is paired with ${nn - 1} others, the second with ${nn - 2} new ones, and so on down to 1.`,
              pick(r, [`So it's 1 + 2 + ... + ${nn - 1}.`, `That's the sum 1 + 2 + ... + ${nn - 1}.`]),
            ];
      const v = (top * (top + 1)) / 2;
      return {
        steps,
        expr: `${top} ${X} ${top + 1}/2`,
        value: v,
        brief: [`Sum 1 + 2 + ... + ${top} = ${top} ${X} ${top + 1}/2 = ${n(v)}.`],
        fixNote: slip === 'offby1' ? [`The sum should stop at ${nn - 1}, not ${nn}: the last ${story.who} has no new partner left.`] : [],
        subchecks: [`The formula 1 + ... + m = m(m + 1)/2, yes.`],
      };
    },
  };
  const m3: Method = {
    intro: [`Let me count the ends of the ${story.thing}s instead.`, `Let me count from each ${story.who}'s point of view.`],
    slips: ['half'],
    run(slip) {
      const steps = [`Each of the ${nn} is in ${nn - 1} ${story.thing}s, so ${nn} ${X} ${nn - 1} = ${n(prod)} "ends".`];
      if (slip === 'half')
        return {
          steps: [`Each of the ${nn} is in ${nn - 1} ${story.thing}s.`],
          expr: `${nn} ${X} ${nn - 1}`,
          value: prod,
          brief: [`${nn} ${X} ${nn - 1} = ${n(prod)}.`],
          fixNote: [`Every ${story.thing} has two ends, so ${nn} ${X} ${nn - 1} counts each one twice; it has to be halved.`],
          subchecks: [`${nn} ${X} ${nn - 1} = ${n(prod)}, fine.`],
        };
      steps.push(
        pick(r, [
          `But every ${story.thing} has two ends, so each is counted twice.`,
          `Each ${story.thing} gets counted once from each side.`,
        ]),
      );
      return {
        steps,
        expr: `${n(prod)}/2`,
        value: V,
        brief: [`${nn} ${X} ${nn - 1}/2 = ${n(V)}.`],
        fixNote: [],
        subchecks: [`${n(prod)} is even, so halving is fine.`],
      };
    },
  };
  return {
    name: 'handshakes',
    query: story.query,
    answer: V,
    askN: story.askN,
    askH: story.askH,
    restate: story.restate,
    qLong: story.qLong,
    qShort: story.qShort,
    concl: story.concl,
    methods: filterSlips([m1, m2, m3], V),
    asides: [
      `Wait, does order matter? No, A with B is the same as B with A.`,
      `Hmm, nobody is paired with themselves, so it's ${nn - 1} partners each.`,
    ],
    pre: [
      [
        `Let me sanity-check on a small case: with 4, call them A, B, C, D, the pairs are AB, AC, AD, BC, BD, CD, so 6, and 4 ${X} 3/2 = 6.`,
        pick(r, ['Good, the pair idea works.', 'Okay, the formula matches the small case.']),
      ],
    ],
    money: false,
  };
}

// ---------------------------------------------------------------- task: linear system, asked x+y / 2x / x-y

function linTerm(c: number, v: string, first: boolean): string {
  const a = Math.abs(c);
  const body = (a === 1 ? '' : String(a)) + v;
  if (first) return (c < 0 ? '-' : '') + body;
  return (c < 0 ? ' - ' : ' + ') + body;
}

function system(r: Rng, st: Style): Task {
  for (;;) {
    const x = int(r, -9, 14);
    const y = int(r, -9, 14);
    const p = int(r, 2, 7);
    const q = int(r, -6, 7);
    const s = pick(r, [-3, -2, -1, 1, 2, 3]);
    if (x === 0 || y === 0 || Math.abs(x) === Math.abs(y) || q === 0) continue;
    const c = q - p * s;
    if (Math.abs(c) < 2) continue;
    const asked = pick(r, s === 1 ? ['2x', 'x - y'] : s === -1 ? ['x + y', '2x'] : ['x + y', '2x', 'x - y']);
    const val = (xv: number, yv: number) => (asked === 'x + y' ? xv + yv : asked === '2x' ? 2 * xv : xv - yv);
    const A = p * x + q * y;
    const B = x + s * y;
    const ans = val(x, y);
    if ([x, y, A, B, p, q, 0].includes(ans)) continue;
    const X = st.x === '*' ? '*' : '·';
    const exprOf = (xv: number, yv: number) =>
      asked === 'x + y' ? `${xv} + ${par(yv)}` : asked === '2x' ? `2${X}${par(xv)}` : `${xv} - ${par(yv)}`;
    const eq1 = `${linTerm(p, 'x', true)}${linTerm(q, 'y', false)} = ${A}`;
    const eq2 = `x${linTerm(s, 'y', false)} = ${B}`;
    const xOfY = `${B}${linTerm(-s, 'y', false)}`; // x = B - s y
    const rhs = A - p * B;
    const brief = (xv: number, yv: number) => [
      `Solving the system gives y = ${yv} and x = ${xv}.`,
      `Then ${asked} = ${exprOf(xv, yv)} = ${val(xv, yv)}.`,
    ];
    const askedLine = asked === 'x + y' ? 'add them' : asked === '2x' ? 'double x' : 'subtract';
    const m1: Method = {
      intro: ['Let me eliminate x instead of substituting.', `I'll multiply the second equation by ${p} and subtract.`],
      slips: ['sign'],
      run(slip) {
        const xv = slip === 'sign' ? B + s * y : x;
        const steps = [
          `Multiply the second equation by ${p}: ${linTerm(p, 'x', true)}${linTerm(p * s, 'y', false)} = ${p * B}.`,
          pick(r, [
            `Subtracting this from the first equation kills x: (${q} - ${par(p * s)})y = ${A} - ${par(p * B)}, so ${c}y = ${rhs}.`,
            `Now subtract: the x terms cancel and I get ${c}y = ${A} - ${par(p * B)} = ${rhs}.`,
          ]),
          pick(r, [`So y = ${rhs}/${par(c)} = ${y}.`, `That gives y = ${y}.`]),
          slip === 'sign'
            ? `Back into the second equation: x = ${B} + ${par(s)}${X}${par(y)} = ${xv}.`
            : `Back into the second equation: x = ${B} - ${par(s)}${X}${par(y)} = ${x}.`,
          pick(r, [`So x = ${xv} and y = ${y}.`, `Okay, x is ${xv}.`]),
          pick(r, [`Now ${askedLine}.`, `And the question wants ${asked}.`]),
        ];
        return {
          steps,
          expr: exprOf(xv, y),
          value: val(xv, y),
          brief: brief(xv, y),
          fixNote:
            slip === 'sign'
              ? [
                  `From ${eq2}, x = ${xOfY}, so moving the y-term across flips its sign. I added instead of subtracting.`,
                  `So x = ${x}, not ${xv}.`,
                ]
              : [],
          subchecks:
            slip === 'sign'
              ? [`Let me recheck y: ${c}${X}${par(y)} = ${rhs}. Yes.`]
              : [
                  `Plugging in: ${p}${X}${par(x)} + ${par(q)}${X}${par(y)} = ${A}, and ${x} + ${par(s)}${X}${par(y)} = ${B}. Both equations hold.`,
                ],
        };
      },
    };
    const m2: Method = {
      intro: ['Let me solve by substitution instead.', `From the second equation I can write x in terms of y and substitute.`],
      slips: [],
      run() {
        const steps = [
          `From the second equation, x = ${xOfY}.`,
          `Substitute into the first: ${p}(${xOfY})${linTerm(q, 'y', false)} = ${A}.`,
          `Expanding: ${p * B}${linTerm(-p * s, 'y', false)}${linTerm(q, 'y', false)} = ${A}, so ${c}y = ${A} - ${par(p * B)} = ${rhs}.`,
          pick(r, [`Therefore y = ${y}.`, `So y = ${y}.`]),
          `Then x = ${B} - ${par(s)}${X}${par(y)} = ${x}.`,
        ];
        return {
          steps,
          expr: exprOf(x, y),
          value: ans,
          brief: brief(x, y),
          fixNote: [],
          subchecks: [`Check the first equation: ${p}${X}${par(x)} + ${par(q)}${X}${par(y)} = ${A}. Good.`],
        };
      },
    };
    const D = p * s - q;
    const nx = A * s - q * B;
    const ny = p * B - A;
    const m3: Method = {
      intro: ["Let me use Cramer's rule as an independent check.", "Another way: Cramer's rule with the determinant."],
      slips: asked === '2x' ? [] : ['ysign'],
      run(slip) {
        const yv = slip === 'ysign' ? -y : y;
        const steps = [
          `The determinant is ${p}${X}${par(s)} - ${par(q)}${X}1 = ${D}.`,
          `x = (${A}${X}${par(s)} - ${par(q)}${X}${par(B)})/${par(D)} = ${nx}/${par(D)} = ${x}.`,
          slip === 'ysign'
            ? `y = (${A} - ${p}${X}${par(B)})/${par(D)} = ${-ny}/${par(D)} = ${yv}.`
            : `y = (${p}${X}${par(B)} - ${A})/${par(D)} = ${ny}/${par(D)} = ${y}.`,
        ];
        return {
          steps,
          expr: exprOf(x, yv),
          value: val(x, yv),
          brief: brief(x, yv),
          fixNote:
            slip === 'ysign' ? [`For y the numerator is ${p}${X}${par(B)} - ${A}, and I had it backwards.`, `So y = ${y}, not ${yv}.`] : [],
          subchecks: [`The determinant ${D} is not zero, so the solution is unique.`],
        };
      },
    };
    const methods = filterSlips([m2, m1, m3], ans, true);
    let tryY = int(r, 1, 3);
    if (tryY === y) tryY = tryY + 1 === -y ? tryY + 2 : tryY + 1;
    const tx = B - s * tryY;
    const pre: string[][] = [
      [
        `Maybe I can guess small values. If y = ${tryY}, then x = ${tx} from the second equation, and ${p}${X}${par(tx)} + ${par(q)}${X}${tryY} = ${p * tx + q * tryY}, which isn't ${A}.`,
        pick(r, ['No luck; let me solve it properly.', "Guessing won't work, I'll just solve it."]),
      ],
    ];
    return {
      name: asked === 'x + y' ? 'sys-sum' : asked === '2x' ? 'sys-2x' : 'sys-diff',
      query: `If ${eq1} and ${eq2}, what is the value of ${asked}?`,
      answer: ans,
      askN: `the value of ${asked}`,
      askH: `what ${asked} is`,
      restate: `We have ${eq1} and ${eq2}.`,
      qLong: asked,
      qShort: asked,
      concl: [`Then ${asked} = {EXPR} = {V}.`, `So ${asked} equals {V}.`],
      methods,
      asides: [
        `Wait, it asks for ${asked}, not x and y separately. I still need both, I think.`,
        'Hmm, the coefficients are small, so elimination should be clean.',
        'Wait, let me be careful with the signs.',
      ],
      pre,
      money: false,
    };
  }
}

// ---------------------------------------------------------------- task: solve for x

function solveX(r: Rng, _st: Style): Task {
  for (;;) {
    const a = int(r, 2, 13);
    const c = int(r, 2, 13);
    const x = int(r, -12, 16);
    const b = int(r, -30, 30);
    if (Math.abs(a - c) < 2 || x === 0 || x === 1 || b === 0) continue;
    const d = a * x + b - c * x;
    if (d === 0) continue;
    const k = a - c;
    if ((d + b) % k !== 0) continue;
    const w1 = (d + b) / k;
    const w2 = -w1;
    if (w1 === x || w2 === x || [a, b, c, d].includes(x)) continue;
    const lhs = `${a}x${b < 0 ? ' - ' : ' + '}${Math.abs(b)}`;
    const rhsS = `${c}x${d < 0 ? ' - ' : ' + '}${Math.abs(d)}`;
    const bMove = b > 0 ? 'subtract' : 'add';
    const m1: Method = {
      intro: ['Let me collect the x terms on the left.', `I'll move ${c}x to the left side.`],
      slips: ['sign'],
      run(slip) {
        const rhs = slip === 'sign' ? d + b : d - b;
        const steps = [
          `Subtract ${c}x from both sides: ${k}x${b < 0 ? ' - ' : ' + '}${Math.abs(b)} = ${d}.`,
          slip === 'sign'
            ? `Moving the ${Math.abs(b)} over: ${k}x = ${d} + ${par(b)} = ${rhs}.`
            : `Moving the ${Math.abs(b)} over: ${k}x = ${d} - ${par(b)} = ${rhs}.`,
        ];
        return {
          steps,
          expr: `${rhs}/${par(k)}`,
          value: rhs / k,
          brief: [`${k}x = ${rhs}`, `x = ${rhs / k}`],
          fixNote:
            slip === 'sign'
              ? [`When the ${Math.abs(b)} moves to the other side I have to ${bMove} it: ${d} - ${par(b)} = ${d - b}, not ${d + b}.`]
              : [],
          subchecks: [`Subtracting ${c}x from ${a}x leaves ${k}x, yes.`],
        };
      },
    };
    const m2: Method = {
      intro: ['Let me collect the x terms on the right instead.', `This time I'll move ${a}x to the right side.`],
      slips: ['sign'],
      run(slip) {
        const rhs = slip === 'sign' ? b + d : b - d;
        const steps = [
          `Subtract ${a}x from both sides: ${b} = ${-k}x${d < 0 ? ' - ' : ' + '}${Math.abs(d)}.`,
          slip === 'sign' ? `Then ${-k}x = ${b} + ${par(d)} = ${rhs}.` : `Then ${-k}x = ${b} - ${par(d)} = ${rhs}.`,
        ];
        return {
          steps,
          expr: `${rhs}/${par(-k)}`,
          value: rhs / -k,
          brief: [`${-k}x = ${rhs}`, `x = ${rhs / -k}`],
          fixNote: slip === 'sign' ? [`Moving ${d} to the left should give ${b} - ${par(d)} = ${b - d}, not ${b + d}.`] : [],
          subchecks: [`${c}x - ${a}x = ${-k}x, right.`],
        };
      },
    };
    let t = int(r, 1, 4);
    while (t === x || t === w1 || t === w2) t++;
    return {
      name: 'solve-x',
      query: `Solve for x: ${lhs} = ${rhsS}.`,
      answer: x,
      askN: 'the value of x',
      askH: 'what x is',
      restate: `The equation is ${lhs} = ${rhsS}.`,
      qLong: 'x',
      qShort: 'x',
      concl: ['So x = {EXPR} = {V}.', 'That gives x = {V}.', 'Hence x = {V}.'],
      methods: filterSlips([m1, m2], x, true),
      asides: ['Wait, let me be careful with the signs when moving terms.', 'Hmm, x appears on both sides, so I need to collect it first.'],
      pre: [
        [
          `Maybe I can spot it. Try x = ${t}: the left side is ${a * t + b}, the right side is ${c * t + d}.`,
          pick(r, ['Not equal, so no.', "Those don't match, so that's not it."]),
          pick(r, ['Let me just solve it directly.', "Okay, I'll do the algebra."]),
        ],
      ],
      detect: (w) => [
        `Let me substitute it back: ${a}(${w})${b < 0 ? ' - ' : ' + '}${Math.abs(b)} = ${a * w + b}, but ${c}(${w})${d < 0 ? ' - ' : ' + '}${Math.abs(d)} = ${c * w + d}.`,
        pick(r, ["Those aren't equal, so something's off.", "The two sides don't match. That's wrong."]),
      ],
      money: false,
    };
  }
}

// ---------------------------------------------------------------- task: ticket-total (A*p + C*q dollars)

function tickets(r: Rng, st: Style): Task {
  for (;;) {
    const p = int(r, 12, 49);
    const q = int(r, 5, p - 4);
    const A = int(r, 4, 28);
    const C = int(r, 4, 36);
    if (Math.abs(A - C) < 2 || A === p || C === q) continue;
    const T = A * p + C * q;
    const X = st.x;
    const n = (v: number) => num(st, v);
    const $ = (v: number) => '$' + n(v);
    const story = pick(r, [
      { big: 'adult', small: 'child', where: 'the zoo', bigs: 'adults', smalls: 'children' },
      { big: 'adult', small: 'student', where: 'a museum', bigs: 'adults', smalls: 'students' },
      { big: 'floor', small: 'balcony', where: 'a concert', bigs: 'floor seats', smalls: 'balcony seats' },
    ]);
    const d1 = pick(r, [10, -10]);
    const m1: Method = {
      intro: [
        'Let me just compute the two groups separately again, more carefully.',
        `I'll do ${story.bigs} and ${story.smalls} separately.`,
      ],
      slips: ['x1', 'x2'],
      run(slip) {
        const X1 = A * p + (slip === 'x1' ? d1 : 0);
        const X2 = C * q + (slip === 'x2' ? d1 : 0);
        const steps = [
          pick(r, [`${cap(story.bigs)}: ${A} ${X} ${p} = ${n(X1)}.`, `First the ${story.big} tickets: ${A} ${X} $${p} = $${n(X1)}.`]),
          pick(r, [`So the ${story.big} tickets cost ${$(X1)}.`, `So the first part is ${$(X1)}.`]),
          pick(r, [`${cap(story.smalls)}: ${C} ${X} ${q} = ${n(X2)}.`, `Then the ${story.small} tickets: ${C} ${X} $${q} = $${n(X2)}.`]),
        ];
        return {
          steps,
          expr: `${$(X1)} + ${$(X2)}`,
          value: X1 + X2,
          brief: [
            `${cap(story.big)} tickets: ${A} ${X} $${p} = ${$(X1)}.`,
            `${cap(story.small)} tickets: ${C} ${X} $${q} = ${$(X2)}.`,
            `Total: ${$(X1)} + ${$(X2)} = ${$(X1 + X2)}.`,
          ],
          fixNote:
            slip === 'x1'
              ? [`${A} ${X} ${p} is ${n(A * p)}, not ${n(X1)}.`]
              : slip === 'x2'
                ? [`${C} ${X} ${q} is ${n(C * q)}, not ${n(X2)}.`]
                : [],
          subchecks: slip === 'x1' ? [`${C} ${X} ${q} = ${n(C * q)}, yes.`] : [`${A} ${X} ${p} = ${n(A * p)}, yes.`],
        };
      },
    };
    const m = Math.min(A, C);
    const extra = Math.abs(A - C);
    const pe = A > C ? p : q;
    const eName = A > C ? story.big : story.small;
    const m2: Method = {
      intro: [
        `Another way: pair up one ${story.big} ticket with one ${story.small} ticket.`,
        `Let me group the tickets in pairs, one ${story.big} and one ${story.small} each.`,
      ],
      slips: ['extra'],
      run(slip) {
        const ex = extra + (slip === 'extra' ? 1 : 0);
        const steps = [
          `A pair costs $${p} + $${q} = $${p + q}, and there are ${m} pairs, so ${m} ${X} ${p + q} = ${n(m * (p + q))}.`,
          `That leaves ${Math.max(A, C)} - ${m} = ${ex} extra ${eName} tickets at $${pe} each: ${ex} ${X} ${pe} = ${n(ex * pe)}.`,
        ];
        return {
          steps,
          expr: `${$(m * (p + q))} + ${$(ex * pe)}`,
          value: m * (p + q) + ex * pe,
          brief: [
            `${m} pairs at $${p + q}: ${$(m * (p + q))}.`,
            `${ex} extra ${eName} tickets: ${$(ex * pe)}.`,
            `Total: ${$(m * (p + q) + ex * pe)}.`,
          ],
          fixNote: slip === 'extra' ? [`${Math.max(A, C)} - ${m} is ${extra}, not ${ex}.`] : [],
          subchecks: [`$${p} + $${q} = $${p + q} per pair, right.`],
        };
      },
    };
    const base = (A + C) * q;
    const m3: Method = {
      intro: [
        `Alternatively, price everything at the ${story.small} rate and add the difference for the ${story.big} tickets.`,
        `Let me pretend all ${A + C} tickets are ${story.small} tickets first.`,
      ],
      slips: ['base'],
      run(slip) {
        const bs = base + (slip === 'base' ? d1 : 0);
        const steps = [
          `${A + C} tickets at $${q}: ${A + C} ${X} ${q} = ${n(bs)}.`,
          `Each ${story.big} ticket costs $${p - q} more, so ${A} ${X} ${p - q} = ${n(A * (p - q))} extra.`,
        ];
        return {
          steps,
          expr: `${$(bs)} + ${$(A * (p - q))}`,
          value: bs + A * (p - q),
          brief: [`All at $${q}: ${$(bs)}.`, `Extra for ${story.big} tickets: ${$(A * (p - q))}.`, `Total: ${$(bs + A * (p - q))}.`],
          fixNote: slip === 'base' ? [`${A + C} ${X} ${q} is ${n(base)}, not ${n(bs)}.`] : [],
          subchecks: [`${A} + ${C} = ${A + C} tickets in all, yes.`],
        };
      },
    };
    const est = Math.round((A * Math.round(p / 10) * 10 + C * Math.round(q / 5) * 5) / 50) * 50;
    const pre: string[][] = [];
    if (est !== T && est > 0)
      pre.push([
        `Ballpark: about ${A} ${X} ${Math.round(p / 10) * 10} plus ${C} ${X} ${Math.round(q / 5) * 5}, so the total should be in the region of ${$(est)}.`,
        pick(r, ["Now let's be exact.", 'But I need the exact amount.']),
      ]);
    return {
      name: 'ticket-total',
      query: `At ${story.where}, ${story.big} tickets cost $${p} and ${story.small} tickets cost $${q}. A group buys ${A} ${story.big} tickets and ${C} ${story.small} tickets. How much do they pay in total, in dollars?`,
      answer: T,
      askN: 'the total cost',
      askH: 'how much the group pays altogether',
      restate: `${A} ${story.big} tickets at $${p} and ${C} ${story.small} tickets at $${q}.`,
      qLong: 'the total cost',
      qShort: 'the total',
      concl: ['So the group pays {V} in total.', 'So they pay {EXPR} = {V} altogether.'],
      methods: filterSlips([m1, m2, m3], T),
      asides: [
        `Wait, the prices are per ticket, right? Yes, $${p} each.`,
        `Hmm, ${A} ${story.big} and ${C} ${story.small} tickets, don't swap them.`,
      ],
      pre,
      money: true,
    };
  }
}

// ---------------------------------------------------------------- sentence pools

const OPENINGS = [
  'Okay, so I need to figure out {ASKH}. {RESTATE}',
  "Okay, let's see. {RESTATE} The question is {ASKH}.",
  'Alright, so the problem says: {RESTATE} I need to find {ASKN}.',
  'Okay, so I have this problem here. {RESTATE} And I need to work out {ASKH}.',
  'Hmm, let me think. {RESTATE} So the task is to find {ASKN}.',
  'Okay, let me start by restating the problem. {RESTATE}',
  "Alright, let's tackle this. We want {ASKN}. {RESTATE}",
  'Okay, so the question is asking for {ASKN}. Let me parse it. {RESTATE}',
  'Let me try to understand the problem first. {RESTATE} The goal is {ASKN}.',
  "Okay, first things first. {RESTATE} What's being asked is {ASKH}.",
  'So, {RESTATE} I have to determine {ASKN}.',
  'Okay, this looks straightforward, but let me be careful. {RESTATE}',
  'Alright, I need to find {ASKN}. Let me write down what I know. {RESTATE}',
  "Okay, let me read this again. {RESTATE} So I'm looking for {ASKN}.",
  'Hmm, okay. {RESTATE} I need {ASKN}.',
  'Okay, so let me break this down. {RESTATE}',
  "Let's see what we have. {RESTATE} The question wants {ASKN}.",
  'Okay, so this is about finding {ASKN}. {RESTATE}',
  'Alright, so. {RESTATE} Let me figure out {ASKH}.',
  'Okay, I think I get the setup. {RESTATE} Now I just need {ASKN}.',
  'First, let me make sure I understand. {RESTATE} We need {ASKN}.',
  'Okay, let me work through this step by step. {RESTATE}',
  'So the problem gives me this. {RESTATE} It asks for {ASKN}.',
  "Okay, let's get into it. The problem wants {ASKN}. {RESTATE}",
  "Alright, let me think about what's going on here. {RESTATE}",
  "Okay, so I'm supposed to find {ASKN}. {RESTATE}",
  'Hmm, this seems like a standard problem. {RESTATE} I need to figure out {ASKH}.',
];

const ASIDES = [
  'Hmm, let me be careful with the arithmetic here.',
  'Wait, let me write this out properly.',
  'Hmm, okay, let me keep going.',
  'Wait, I should set this up more carefully.',
  'Hold on, let me organise the numbers first.',
  'Hmm, so far so good.',
  'Wait, no, let me not rush this.',
  "Actually, it's easier if I break it into smaller pieces.",
  'Hmm, let me see.',
  'Okay, wait, let me keep track of what each number means.',
  "Hold on, I want to make sure I'm not mixing anything up.",
  'Hmm, right.',
  'Wait, let me re-read the question to be sure of what it wants.',
  'Actually, let me slow down a bit.',
  'Hmm, let me think about the cleanest way to do this.',
  "Wait, is there a trick here? I don't think so.",
  'Okay, continuing.',
  'Hmm, I need to be careful not to drop a digit.',
  'Wait, let me double-check that I copied the numbers right.',
  'Hold on, let me jot that down before moving on.',
  'Hmm, let me just take it one step at a time.',
  'Wait, actually, let me do it in order.',
  'Alright, next piece.',
  'Hmm, where was I? Right.',
  'Actually, let me keep the intermediate numbers written down.',
  'Wait, I want to be systematic about this.',
  'Hmm, okay, that part is done.',
];

const START_ASIDES = [
  'Hmm, let me see.',
  'Hmm, let me think about the cleanest way to do this.',
  'Wait, I want to be systematic about this.',
  'Actually, let me slow down a bit.',
  'Hold on, let me organise the numbers first.',
  'Wait, let me write this out properly.',
  'Hmm, let me just take it one step at a time.',
  "Wait, is there a trick here? I don't think so.",
];

const CONFIRMATIONS = [
  "Yes, that's right.",
  'That makes sense.',
  'Yeah, that seems right.',
  'Okay, that seems reasonable.',
  'Good.',
  'That sounds about right.',
  'Okay.',
  'Seems fine.',
  'That looks correct.',
  "Alright, I'm fairly happy with that.",
  'Yeah.',
  'Right.',
  'That seems plausible.',
  'Okay, good.',
  'Makes sense.',
  "I think that's correct.",
  'That feels right.',
  'Nothing weird there.',
  'Sounds good.',
  'Yes.',
  'Alright.',
  'Looks fine to me.',
  'That seems like the right ballpark.',
  'Cool.',
  'Yep.',
];

const RESTATEMENTS = [
  'So the answer is {V}.',
  'Therefore, the answer is {V}.',
  'So, {V}.',
  "So it's {V}.",
  'Yeah, so {V}.',
  "So I'm getting {V}.",
  "That's my answer: {V}.",
  'So {V} is the answer.',
  'Therefore, {V}.',
  'So the answer should be {V}.',
  'Okay, {V}.',
  'So, final: {V}.',
  "I'll go with {V}.",
  'Answer: {V}.',
  'So {Q} = {V}.',
  'So {Q} is {V}.',
  'Thus, {V}.',
  'Hence the answer is {V}.',
  "So that's {V}.",
  'Right, {V}.',
  'So yeah, {V}.',
  'Okay so the answer is {V}.',
  'That gives the answer {V}.',
  'Final answer: {V}.',
  'So we get {V}.',
];

const CONCL_FIRST = [
  'So {Q} is {V}.',
  'That means {Q} is {V}.',
  'Therefore, {Q} is {V}.',
  'So {Q} comes out to {V}.',
  'So {Q} should be {V}.',
  'So {Q} = {EXPR} = {V}.',
  'So the answer is {V}.',
  'I think the answer is {V}.',
  'Okay, so {Q} is {V}.',
  'Putting it together, {Q} is {EXPR} = {V}.',
  'Then {Q} is {EXPR}, which is {V}.',
  'So I get {V} for {Q}.',
  'That makes {Q} equal to {V}.',
  'So the result is {V}.',
  'Alright, so {Q} is {V}.',
  'Therefore the answer should be {V}.',
  'Hence {Q} is {V}.',
  'Okay, that gives {Q} = {V}.',
  'So my answer is {V}.',
  'So it looks like {Q} is {V}.',
  'Thus {Q} equals {V}.',
  'That works out to {V} for {Q}.',
  'So {Q} must be {V}.',
  'Which gives {Q} = {EXPR} = {V}.',
  'So, {Q}: {EXPR} = {V}.',
  'Now {EXPR} = {V}, and that is {Q}.',
];

const CONCL_NEUTRAL = [
  'So by this method, {Q} is {V}.',
  'This way I get {Q} = {V}.',
  'So this route gives {Q} as {EXPR} = {V}.',
  'With this approach, {Q} comes to {V}.',
  'So {Q} is {EXPR} = {V} this way.',
  'That gives {V} for {Q}.',
  'So now I get {V}.',
  'Adding it up this way: {EXPR} = {V}, so that is {Q}.',
  'Hence {Q} works out to {V}.',
  'So the second method gives {V}.',
  'So this time {Q} is {V}.',
  'So from this approach, {Q} = {EXPR} = {V}.',
  'Therefore {Q} is {V}.',
  'That gives {Q} = {V}.',
  'Which means {Q} is {V}.',
  'So {Q} comes out as {V}.',
  'So I end up with {V}.',
  'Putting it together: {Q} is {EXPR} = {V}.',
  'So the check gives {V}.',
  'So {Q}, computed this way, is {V}.',
  'Result: {Q} = {V}.',
  'And so {Q} is {V}.',
  'Thus, this method says {Q} is {V}.',
  'That works out to {V}.',
  'Okay, so {Q} is {EXPR}, which is {V}.',
];

const CONCL_SAME = [
  'So {Q} is {V} again.',
  'Again I get {V}.',
  "That's {V} again. Good.",
  'Okay, that matches: {Q} is indeed {V}.',
  'Same answer: {V}.',
  'So {Q} is {EXPR} = {V}, same as before.',
  'Great, {V} again.',
  'So I get {V} again, which matches.',
  'It comes out to {V} again.',
  'Yes, {Q} is {V} this way too.',
  'So this method also gives {V}.',
  'Consistent: {Q} = {V}.',
  "And that's {V}, the same as the first time.",
  'So {Q} is {V} both ways.',
  "Good, it's {V} again.",
  'Again, {Q} comes out to {V}.',
  "So it's {V} either way.",
  'So once more, {Q} = {EXPR} = {V}.',
  'Which is {V}, matching my earlier result.',
  'That also gives {V}.',
  'So {Q} is confirmed to be {V}.',
  'Perfect, {V} again.',
  'Okay, {EXPR} = {V}, same result.',
  'That gives {Q} = {V} again.',
  'So both methods give {V}.',
];

const CONCL_FIX = [
  'So {Q} is actually {V}, not {OLD}.',
  'That means {Q} is really {V}.',
  'So the correct value is {V}.',
  'So {Q} = {EXPR} = {V}, not {OLD}.',
  'Okay, so {Q} is {V}.',
  'So it should be {V}.',
  'So I get {V} this time.',
  'So {Q} is {EXPR} = {V}.',
  'Fixing that, {Q} comes out to {V}.',
  'With the fix, {Q} is {V}.',
  'So the right answer is {V}.',
  'So {Q} is {V}, and my earlier {OLD} was wrong.',
  'That gives {V} instead of {OLD}.',
  'So actually {Q} = {V}.',
  'Corrected: {Q} is {V}.',
  'So {Q} should be {EXPR} = {V}.',
  'Therefore {Q} is {V}, not {OLD}.',
  'Now {Q} comes out as {V}.',
  'So the answer is {V}, not {OLD}.',
  'Okay, redoing that gives {V}.',
  'Which gives {V}, so {OLD} was a mistake.',
  'Now it is {EXPR} = {V}.',
  'Good, now {Q} is {V}.',
  'So {Q} is {V} after correcting the slip.',
  'That changes things: {Q} is {V}.',
];

const CONCL_BACK = [
  'So {Q} is {V} after all.',
  'So it really is {V}.',
  'That brings it back to {V}.',
  'So the second method gives {V} too, once fixed.',
  'Fixed, this method gives {EXPR} = {V}, like the first.',
  'So redone properly, {Q} is {V}.',
  'So {Q} = {EXPR} = {V}, which agrees with my first answer.',
  'Now I get {V}, matching the first method.',
  'With that corrected, {Q} comes to {V} again.',
  "So it's {V}, same as the first time.",
  'Okay, so {Q} is {V} by both methods now.',
  'That gives {V}, consistent with before.',
  'So now this route also says {Q} is {V}.',
  'Then {Q} is {EXPR} = {V}, as I first had.',
  'So {Q} is {V}; the first answer was right.',
  'Corrected, the check gives {V}.',
  'So {Q} = {V} after all.',
  'Redone: {EXPR} = {V}.',
  'That comes to {V}, agreeing with the first result.',
  'Good, {V} again once the slip is fixed.',
  'So the corrected check gives {Q} = {V}.',
  'Right, so it is {V}.',
  'Now this way also gives {V}.',
  'So {Q} is indeed {V}.',
  'Okay, {V} it is, by this method too.',
];

const TRANSITIONS = [
  'But wait, let me double-check that.',
  'Wait, let me verify this another way.',
  "Hmm, let me make sure I didn't make an arithmetic mistake.",
  'Hold on, let me check this with a different approach.',
  'Let me double-check my work.',
  'Let me recount to be safe.',
  'Actually, let me verify by another method.',
  'Hmm, just to be thorough, let me compute it differently.',
  'But wait, I should double-check.',
  'Wait, maybe I should verify that.',
  'Let me see if I can confirm this another way.',
  'Hmm, is that right? Let me check.',
  'Actually, hold on. Let me re-derive it.',
  "But let me double-check, because it's easy to slip here.",
  'Wait a second, let me make sure.',
  'Hmm, I want to be sure. Let me redo it.',
  'Hold on, let me verify.',
  'Before I settle on that, let me check it.',
  'Wait, let me go through it once more.',
  'Hmm, let me cross-check.',
  'Actually, let me confirm with a second approach.',
  'But wait, let me double-check the calculation.',
  'Let me just verify that quickly.',
  'Hmm, maybe I should check this another way to be safe.',
  "Wait, let me make sure that's correct.",
  'I should double-check this.',
  'Okay, but let me be careful and check.',
];

const CHECK_INTROS = [
  'Alternatively, I can do it another way.',
  'Let me try a different approach.',
  "Here's another way to see it.",
  'Let me think about it differently.',
  'Let me approach it from another angle.',
  'Okay, second method.',
  'Let me redo it a different way.',
  'This time, let me do it differently.',
  'Let me try it another way.',
  'Let me come at it from the other direction.',
  'Another way to think about it.',
  'Let me use a different method this time.',
  'Let me try another route.',
  'Let me verify using a different method.',
  'Okay, let me compute it again but differently.',
  'So, another approach.',
  'Let me check it by a separate method.',
  'Let me switch approaches.',
  'Alternatively, there is a second way.',
  'There is another way to get this.',
  'Let me do an independent computation.',
  'A different route should give the same thing.',
  "I'll try a second approach.",
  'Let me set it up another way.',
  'Okay, a fresh approach.',
];

const RECOUNTS = [
  'Let me recount.',
  'Let me redo the calculation carefully.',
  'Let me go through the same steps again, slowly.',
  "I'll redo it step by step.",
  'Let me recompute from the start.',
  'Okay, let me redo this more carefully.',
  'Let me do the arithmetic again.',
  'Let me go back and redo it.',
  'Let me recalculate.',
  "I'll work through it again from the top.",
  'Let me redo that computation.',
  'Let me retrace my steps.',
  'Okay, once more, carefully this time.',
  'Let me rework it.',
  'Let me run through the same calculation again.',
  'Let me go back over it.',
  'Let me check each step again.',
  "I'll redo each step.",
  'Let me carefully redo the steps.',
  'Starting over with the same approach.',
  'Let me recount everything.',
  'Let me verify each number again.',
  'Let me do it again, slowly.',
  'Okay, let me redo the whole thing.',
  'Let me look at each step once more.',
];

const MISMATCH = [
  "Hmm, that's different from what I got before.",
  "Wait, that doesn't match.",
  'Hold on, now I have two different answers.',
  "Hmm, that's not the same as my first result.",
  'Wait, these disagree.',
  "That's a problem, the two methods don't agree.",
  'Hmm, so one of them is wrong.',
  "Wait, that's off from before.",
  "Uh-oh, that doesn't agree with the first calculation.",
  'Hmm, so which one is right?',
  "Okay, now I'm confused, the numbers don't match.",
  "Wait, that can't be, they should be equal.",
  "Hmm, there's a discrepancy.",
  "That's different. One of the calculations has a mistake.",
  "Hold on, that doesn't line up.",
  'Hmm, interesting, a different number.',
  "Wait, what? That's not what I had.",
  'Hmm, that contradicts my first answer.',
  'So the two approaches disagree.',
  "Wait, that's inconsistent.",
  'Hmm, mismatch.',
  "That's not matching. Let me figure out why.",
  'Hold on. Those should be the same.',
  'Hmm, I got something different this time.',
  'Wait, why is that different?',
];

const ERROR_FOUND = [
  'Oh, I see the problem.',
  'Ah, wait, I made a mistake.',
  'Wait, I think I messed up a step.',
  'Oh, there it is.',
  'Ah, I see what happened.',
  'Hmm, found it.',
  "Wait, here's the mistake.",
  'Oh no, I slipped.',
  'Actually, I see the error now.',
  'Ah, okay, I made an error.',
  'Oh, wait.',
  'Right, I see it now.',
  "Hmm, there's the issue.",
  "Oh, that's where it went wrong.",
  'Ah, I see, I made a careless error.',
  'Wait, hold on, I see it.',
  'Okay, found the slip.',
  'Oh, I messed up.',
  'Hmm, actually, that step was wrong.',
  "Wait a moment, that's an error.",
  'Oops.',
  "Let me look again... yes, there's a mistake.",
  "Ah, that's the problem.",
  'Oh, I see now.',
  'Hmm, I think I know what went wrong.',
];

const EXPLAINED = [
  'That accounts for the difference.',
  'That explains the mismatch.',
  'So the second calculation was the right one.',
  'So the first attempt had the error.',
  "Good, so that's where the discrepancy came from.",
  "That's exactly the gap between the two results.",
  'Okay, so the first method just had an arithmetic slip.',
  'So the disagreement is resolved.',
  "Right, that's the source of the error.",
  'So the second approach is correct.',
  'Okay, mystery solved.',
  'That was a careless mistake.',
  'So the first computation was off because of that.',
  'That resolves it.',
  'So I trust the second result.',
  'Okay, that clears it up.',
  'So the slip was in the first attempt.',
  'Makes sense now.',
  "That's the whole difference.",
  'Alright, that explains it.',
  'So it was just an arithmetic error earlier.',
  'Now everything is consistent.',
  'So the error was in my first pass.',
  'Okay, the discrepancy is explained.',
  'Good, that was the only problem.',
];

const ACCEPT_WRONG = [
  'I must have slipped the first time, then.',
  "Okay, I'll trust the second calculation, it was more careful.",
  "The second method seems more reliable, so I'll go with that.",
  'I think the first attempt had an error somewhere.',
  'So my first answer was probably off.',
  "I'll go with the second result.",
  'The second approach is more careful, so I trust it more.',
  'Hmm, I probably made a mistake in the first pass.',
  'Okay, the second one must be right.',
  'I think the first calculation was sloppy.',
  'Let me just trust the more careful method.',
  "Yeah, I'll go with the later result.",
  "The first computation was rushed, so I'll use the second.",
  'I must have made an error earlier.',
  "I'll take the second value.",
  'Okay, that settles it, the second one.',
  'The first pass must have had a slip.',
  'Going with the second calculation.',
  'Second method wins, I think.',
  "I'll stick with the new result.",
  'So the earlier value was wrong.',
  'I think the recomputation is the one to trust.',
  'Probably I messed up the first time.',
  "Okay, I'll use this one.",
  'Right, the second result it is.',
];

const WRAPUPS = [
  "Okay, I think that's solid.",
  "Alright, I'm confident now.",
  "I don't see any other issues.",
  "So that's settled.",
  "I think that's it.",
  'Okay, done.',
  'Nothing else to check, I think.',
  'Alright, that should be everything.',
  "I'm fairly sure about this now.",
  "Okay, I'm done with this one.",
  'That should be correct.',
  "I think I've covered everything.",
  'Alright, time to write it up.',
  'Okay, let me write up the answer.',
  "That's all.",
  "I'm happy with that.",
  'Okay, moving on to the write-up.',
  'No more doubts.',
  'That wraps it up.',
  "Good, I'll go with that.",
  "Okay, that's my conclusion.",
  "I think we're good.",
  'Alright, final.',
  "Fine, that's the result.",
  "Okay, I'm confident in the answer.",
];

const INNER_FINAL = [
  '**Final Answer**\n\\boxed{{V}}',
  '**Final Answer**\nThe answer is \\boxed{{V}}.',
  'So the final answer is \\boxed{{V}}.',
  '**Final Answer**\n\\[ \\boxed{{V}} \\]',
];

const SUMMARY_INTROS = [
  'To solve this problem, we break it into steps.',
  '**Solution**',
  'Here is the solution.',
  'We proceed step by step.',
  '**Step-by-step solution:**',
  "Let's solve it systematically.",
  'The approach is as follows.',
  'Solution outline:',
  'We compute the answer directly.',
  'Working through the problem:',
  "Here's how to get the answer.",
  '**Approach:**',
  'Breaking the problem down:',
  'Step-by-step:',
  'We set up the calculation as follows.',
  'Here is a summary of the reasoning.',
  'The key steps are:',
  'To find the answer:',
  '## Solution',
  '### Solution',
  'Method:',
  'Reasoning:',
  'We can solve this as follows.',
  'Here is the calculation.',
  "Let's lay out the steps.",
];

const SUMMARY_FINALS = [
  'Therefore, {Q} is **{F}**.',
  '**Answer:** {F}',
  'The answer is {F}.',
  'So {Q} is {F}.',
  'Thus, {Q} equals {F}.',
  'Hence {Q} is {F}.',
  '**Final Answer:** {F}',
  'The final answer is {F}.',
  'So the answer is **{F}**.',
  'Result: {F}',
  'Answer: **{F}**',
  'This gives {Q} = {F}.',
  'We conclude that {Q} is {F}.',
  'Putting it all together, {Q} is {F}.',
  'Final answer: {F}.',
  'The required value is {F}.',
  'Hence, the answer is {F}.',
  'Therefore the answer is {F}.',
  'So, {Q}: {F}.',
  'The solution gives {Q} = {F}.',
  'Consequently, {Q} is {F}.',
  'That means {Q} is **{F}**.',
  'All in all, {Q} is {F}.',
  'Thus the answer is {F}.',
  'We get {Q} = {F}.',
];

const SUMMARY_BOXES = [
  '\\boxed{{F}}',
  '**Final Answer**\n\\boxed{{F}}',
  'The final answer is \\boxed{{F}}.',
  '$\\boxed{{F}}$',
  '\\[\n\\boxed{{F}}\n\\]',
  '### Final Answer\n\\boxed{{F}}',
];

// ---------------------------------------------------------------- the document builder

interface Span {
  start: number;
  end: number;
  cand: boolean;
}

class Doc {
  body = '';
  cands: { value: string; offset: number }[] = [];
  spans: Span[] = [];
  private open = false;
  workSinceCand = false; // new work (steps, checks) since the last candidate

  raw(s: string): void {
    this.body += s;
    this.open = false;
  }
  para(): void {
    if (this.open) {
      this.body += '\n\n';
      this.open = false;
    }
  }
  say(s: string, work = false): void {
    if (s === PARA) return this.para();
    const sep = this.open ? ' ' : '';
    const start = this.body.length + sep.length;
    this.body += sep + s;
    this.open = true;
    this.spans.push({ start, end: this.body.length, cand: false });
    if (work) this.workSinceCand = true;
  }
  cand(tpl: string, value: string): void {
    const i = tpl.indexOf('{V}');
    if (i < 0 || tpl.indexOf('{V}', i + 1) >= 0) throw new Error(`bad candidate template: ${tpl}`);
    const s = tpl.slice(0, i) + value + tpl.slice(i + 3);
    const sep = this.open ? ' ' : '';
    const start = this.body.length + sep.length;
    this.body += sep + s;
    this.open = true;
    this.spans.push({ start, end: this.body.length, cand: true });
    this.cands.push({ value, offset: start + i });
    this.workSinceCand = false;
  }
}

// ---------------------------------------------------------------- scenarios

type Scenario = 'one' | 'echo' | 'fix' | 'recount' | 'wobble' | 'wrongEcho' | 'wrongSingle' | 'flip';

const SCENARIOS: [Scenario, number][] = [
  ['one', 0.2],
  ['echo', 0.28],
  ['fix', 0.2],
  ['recount', 0.1],
  ['wobble', 0.08],
  ['wrongEcho', 0.05],
  ['wrongSingle', 0.05],
  ['flip', 0.04],
];

function pickScenario(r: Rng): Scenario {
  let u = r();
  for (const [s, w] of SCENARIOS) {
    if (u < w) return s;
    u -= w;
  }
  return 'one';
}

interface Plan {
  m0: number;
  s0: string | null;
  m1: number;
  s1: string | null;
}

function plan(r: Rng, task: Task, slip0: boolean, alt: 'none' | 'clean' | 'slip'): Plan | null {
  const ms = task.methods;
  for (let tries = 0; tries < 40; tries++) {
    const m0 = tries < 3 && !slip0 ? 0 : int(r, 0, ms.length - 1);
    if (slip0 && ms[m0].slips.length === 0) continue;
    const s0 = slip0 ? pick(r, ms[m0].slips) : null;
    if (alt === 'none') return { m0, s0, m1: -1, s1: null };
    const m1 = int(r, 0, ms.length - 1);
    if (m1 === m0) continue;
    if (alt === 'slip' && ms[m1].slips.length === 0) continue;
    const s1 = alt === 'slip' ? pick(r, ms[m1].slips) : null;
    if (alt === 'clean' && slip0 && ms[m1].run(null).value === ms[m0].run(s0).value) continue;
    return { m0, s0, m1, s1 };
  }
  return null;
}

interface Built {
  body: string;
  candidates: { value: string; offset: number }[];
  final: string | null;
  truncated: boolean;
}

function buildRecord(r: Rng, task: Task, st: Style): Built {
  let scen = pickScenario(r);
  const needs: Record<Scenario, [boolean, 'none' | 'clean' | 'slip']> = {
    one: [false, 'none'],
    echo: [false, 'clean'],
    fix: [true, 'clean'],
    recount: [true, 'none'],
    wobble: [false, 'slip'],
    wrongEcho: [true, 'none'],
    wrongSingle: [true, 'none'],
    flip: [false, 'slip'],
  };
  let pl = plan(r, task, ...needs[scen]);
  if (!pl) {
    scen = 'echo';
    pl = plan(r, task, ...needs[scen]) ?? { m0: 0, s0: null, m1: -1, s1: null };
    if (pl.m1 < 0) scen = 'one';
  }
  const ms = task.methods;
  const n = (v: number) => num(st, v);
  const V = (v: number) => n(v);
  const doc = new Doc();
  const bot = chance(r, 0.25);
  doc.raw(bot ? '<|begin_of_thought|>\n\n' : '<think>\n');

  const Q = () => (chance(r, 0.5) ? task.qLong : task.qShort);
  const moneyTpl = (t: string) => (task.money ? t.replace('{V}', '${V}').replace('{OLD}', '${OLD}') : t);
  const conclude = (pool: string[], run: Run, old?: number, extra: string[] = []) => {
    let choices = pool.concat(extra);
    if (!run.expr) choices = choices.filter((t) => !t.includes('{EXPR}'));
    const t = moneyTpl(pick(r, choices));
    doc.cand(fill(t, { Q: Q(), EXPR: run.expr, OLD: old === undefined ? '' : n(old) }), V(run.value));
  };
  const steps = (run: Run, asideP = 0.2) => {
    let asides = 0;
    for (const [i, s] of run.steps.entries()) {
      doc.say(s, true);
      if (i < run.steps.length - 1 && asides < 2 && chance(r, asideP)) {
        asides++;
        let a = chance(r, 0.3) && task.asides.length ? pick(r, task.asides) : pick(r, ASIDES);
        if (doc.body.includes(a))
          a = pick(
            r,
            ASIDES.filter((x) => !doc.body.includes(x)),
          );
        doc.say(a, true);
      }
    }
  };
  const afterCand = (run: Run, allowRestate = true) => {
    if (allowRestate && chance(r, 0.3)) doc.say(fill(moneyTpl(pick(r, RESTATEMENTS)), { Q: Q(), V: V(run.value) }));
    if (chance(r, 0.4)) doc.say(pick(r, CONFIRMATIONS));
  };

  // Opening.
  doc.say(fill(pick(r, OPENINGS), { ASKN: task.askN, ASKH: task.askH, RESTATE: task.restate }));
  if (task.pre.length && chance(r, 0.45)) {
    doc.para();
    for (const s of pick(r, task.pre)) doc.say(s, true);
  }
  doc.para();
  if (chance(r, 0.3)) doc.say(pick(r, START_ASIDES), true);

  // First attempt.
  const run0 = ms[pl.m0].run(pl.s0);
  steps(run0);
  conclude(CONCL_FIRST, run0, undefined, task.concl);
  let last = run0.value;
  let finalRun = run0;

  const secondIntro = (m: number) => {
    doc.para();
    doc.say(pick(r, TRANSITIONS));
    if (chance(r, 0.5)) doc.say(pick(r, CHECK_INTROS));
    doc.say(pick(r, ms[m].intro), true);
  };

  switch (scen) {
    case 'one': {
      afterCand(run0);
      if (chance(r, 0.35) && run0.subchecks.length) {
        doc.para();
        doc.say(
          pick(r, [
            'Let me double-check one piece.',
            'Quick sanity check on a step.',
            'Let me verify a sub-step.',
            'Let me just recheck part of that.',
          ]),
        );
        doc.say(pick(r, run0.subchecks), true);
      }
      break;
    }
    case 'echo': {
      afterCand(run0);
      secondIntro(pl.m1);
      const run1 = ms[pl.m1].run(null);
      steps(run1);
      conclude(CONCL_SAME.concat(CONCL_NEUTRAL.slice(0, 8)), run1);
      afterCand(run1, false);
      finalRun = run1;
      const third = [0, 1, 2].find((i) => i < ms.length && i !== pl!.m0 && i !== pl!.m1);
      if (third !== undefined && chance(r, 0.3)) {
        secondIntro(third);
        const run2 = ms[third].run(null);
        steps(run2);
        conclude(CONCL_SAME, run2);
        finalRun = run2;
      }
      break;
    }
    case 'fix': {
      afterCand(run0, false);
      secondIntro(pl.m1);
      const run1 = ms[pl.m1].run(null);
      steps(run1);
      conclude(CONCL_NEUTRAL, run1);
      last = run1.value;
      finalRun = run1;
      doc.say(pick(r, MISMATCH));
      doc.para();
      doc.say(
        pick(r, [
          'Let me look at the first calculation again.',
          'Let me find the error in the first attempt.',
          'So where did the first one go wrong?',
          'Let me go back to the first method.',
        ]),
      );
      doc.say(pick(r, ERROR_FOUND));
      for (const s of run0.fixNote) doc.say(s, true);
      if (chance(r, 0.5)) {
        // Recompute the asked quantity with the fix: a new candidate (same value as the check).
        const fixed = ms[pl.m0].run(null);
        doc.say(
          pick(r, [
            'With that fixed, let me finish the first method again.',
            'Redoing the last step with the corrected number.',
            'So the first method, corrected:',
            'Let me redo the end of it.',
          ]),
          true,
        );
        conclude(CONCL_SAME, fixed);
        finalRun = fixed;
        afterCand(fixed, false);
      } else doc.say(pick(r, EXPLAINED));
      break;
    }
    case 'recount': {
      if (chance(r, 0.4)) doc.say(pick(r, CONFIRMATIONS));
      doc.para();
      if (task.detect && chance(r, 0.6)) {
        for (const s of task.detect(run0.value)) doc.say(s, true);
      } else doc.say(pick(r, TRANSITIONS));
      doc.say(pick(r, RECOUNTS), true);
      const fixed = ms[pl.m0].run(null);
      const k = Math.max(1, fixed.steps.length - 1);
      fixed.steps.slice(0, k).forEach((s) => doc.say(s, true));
      doc.say(pick(r, ERROR_FOUND), true);
      for (const s of run0.fixNote) doc.say(s, true);
      fixed.steps.slice(k).forEach((s) => doc.say(s, true));
      conclude(CONCL_FIX, fixed, run0.value);
      afterCand(fixed);
      finalRun = fixed;
      break;
    }
    case 'wobble': {
      afterCand(run0);
      secondIntro(pl.m1);
      const bad = ms[pl.m1].run(pl.s1);
      steps(bad);
      conclude(CONCL_NEUTRAL, bad);
      doc.say(pick(r, MISMATCH));
      doc.para();
      doc.say(pick(r, RECOUNTS), true);
      const good = ms[pl.m1].run(null);
      doc.say(pick(r, ERROR_FOUND), true);
      for (const s of bad.fixNote) doc.say(s, true);
      conclude(CONCL_BACK, good);
      afterCand(good);
      finalRun = good;
      break;
    }
    case 'wrongEcho': {
      afterCand(run0);
      // Another method with a slip reaching the same wrong value, else the same method with the same slip.
      let other = -1;
      let oslip: string | null = null;
      for (const [i, m] of ms.entries())
        if (i !== pl.m0)
          for (const s of m.slips)
            if (other < 0 && m.run(s).value === run0.value) {
              other = i;
              oslip = s;
            }
      doc.para();
      doc.say(pick(r, TRANSITIONS));
      let run1: Run;
      if (other >= 0) {
        doc.say(pick(r, ms[other].intro), true);
        run1 = ms[other].run(oslip);
      } else {
        doc.say(pick(r, RECOUNTS), true);
        run1 = ms[pl.m0].run(pl.s0);
      }
      steps(run1);
      conclude(CONCL_SAME, run1);
      afterCand(run1, false);
      finalRun = run1;
      break;
    }
    case 'wrongSingle': {
      afterCand(run0);
      if (chance(r, 0.5) && run0.subchecks.length) {
        doc.para();
        doc.say(pick(r, ['Let me double-check one piece.', 'Let me verify a step.', 'Quick check of one of the products.']));
        doc.say(pick(r, run0.subchecks), true);
        doc.say(pick(r, CONFIRMATIONS));
      }
      break;
    }
    case 'flip': {
      afterCand(run0);
      secondIntro(pl.m1);
      const bad = ms[pl.m1].run(pl.s1);
      steps(bad);
      conclude(CONCL_NEUTRAL, bad);
      doc.say(pick(r, MISMATCH));
      doc.say(pick(r, ACCEPT_WRONG));
      finalRun = bad;
      break;
    }
  }
  void last;

  const finalValue = finalRun.value;
  // End of the thinking block.
  if (chance(r, 0.5)) {
    doc.para();
    doc.say(pick(r, WRAPUPS));
  }
  if (!doc.workSinceCand && chance(r, 0.25)) {
    doc.para();
    doc.say(fill(pick(r, INNER_FINAL), { V: String(finalValue) }));
  }

  // Cut-off?
  if (chance(r, 0.08)) {
    const spans = doc.spans.filter((s) => !s.cand && s.end - s.start > 12);
    const sp = spans.length > 1 ? spans[int(r, 1, spans.length - 1)] : spans[0];
    if (sp) {
      const text = doc.body.slice(sp.start, sp.end);
      const spaces: number[] = [];
      for (let i = 4; i < text.length - 3; i++) if (text[i] === ' ') spaces.push(i);
      const cut = sp.start + (spaces.length ? pick(r, spaces) : text.length);
      return {
        body: doc.body.slice(0, cut),
        candidates: doc.cands.filter((c) => c.offset + c.value.length <= cut),
        final: null,
        truncated: true,
      };
    }
  }

  // Summary.
  const S: string[] = [];
  if (chance(r, 0.6)) S.push(pick(r, SUMMARY_INTROS));
  const bl = finalRun.brief;
  const listStyle = int(r, 0, 2);
  if (chance(r, 0.8))
    S.push(
      listStyle === 0 ? bl.map((b, i) => `${i + 1}. ${b}`).join('\n') : listStyle === 1 ? bl.map((b) => `- ${b}`).join('\n') : bl.join(' '),
    );
  const fStmt = n(finalValue);
  let final = fStmt;
  const statement = fill(pick(r, SUMMARY_FINALS), { Q: task.qLong, F: (task.money ? '$' : '') + fStmt });
  const box = chance(r, 0.65);
  if (box) {
    const fb = chance(r, 0.5) ? String(finalValue) : fStmt;
    if (chance(r, 0.6)) S.push(statement);
    S.push(fill(pick(r, SUMMARY_BOXES), { F: fb }));
    final = fb;
  } else S.push(statement);
  const summary = S.join('\n\n');
  if (bot) doc.raw(`\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n${summary}\n\n<|end_of_solution|>`);
  else doc.raw(`\n</think>\n\n${summary}`);
  return { body: doc.body, candidates: doc.cands, final, truncated: false };
}

// ---------------------------------------------------------------- the generator

const TASKS: [(r: Rng, st: Style) => Task, number][] = [
  [wordSum, 0.24],
  [divCount, 0.16],
  [handshakes, 0.14],
  [system, 0.16],
  [solveX, 0.12],
  [tickets, 0.18],
];

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const r = mulberry32(hashStr(`${family}:${split}:${seed}`));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const st: Style = { commas: chance(r, 0.5), x: pick(r, ['×', '*', '\\times', '·']) };
    let u = r();
    let make = TASKS[0][0];
    for (const [f, w] of TASKS) {
      if (u < w) {
        make = f;
        break;
      }
      u -= w;
    }
    const task = make(r, st);
    const b = buildRecord(r, task, st);
    const headers: Record<string, string> = { query: task.query, answer: String(task.answer), task: task.name };
    if (b.truncated) headers.truncated = 'true';
    out.push({ id: `${family}-${split}-${seed}-${i + 1}`, headers, body: b.body, candidates: b.candidates, final: b.final });
  }
  return out;
}
