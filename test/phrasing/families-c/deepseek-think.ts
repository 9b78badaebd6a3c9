// Phrasing family "deepseek-think": DeepSeek-R1 / QwQ-style thinking traces. A `<think>` block (or
// `<|begin_of_thought|> ... <|end_of_thought|>` + `<|begin_of_solution|> ... <|end_of_solution|>`)
// in a meandering first-person voice with long loops of re-verification after the first answer,
// then a formatted summary with **Final Answer** and \boxed{}. Labels follow
// docs/annotation-guide.md: candidates live inside the thinking block; the summary's boxed value is
// `final`. Self-contained: imports only types.
import type { PhrasingRecord } from '../families/types.js';

export const family = 'deepseek-think';

interface Cand {
  value: string;
  offset: number;
}

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32) and helpers

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

function hashStr(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const cap = (s: string): string => (/^[a-z]{2,}\b/.test(s) ? s[0].toUpperCase() + s.slice(1) : s);
const capQ = (q: string): string => (q === 'x' ? q : cap(q));
const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
const choose = (n: number, k: number): number => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
};
function ord(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  const s = n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}

// ---------------------------------------------------------------------------------------------
// Style of one record

interface Ctx {
  r: Rng;
  m: string; // multiplication sign
  dv: string; // division sign
  mi: string; // minus sign
  commas: boolean;
  latex: boolean;
  f(n: number): string;
  inter(label: string, x: string): string; // intermediate result in conclusion-like words
}

function makeCtx(r: Rng): Ctx {
  const commas = r.chance(0.55);
  const latex = r.chance(0.3);
  const m = latex ? r.pick(['\\times', '\\cdot', '\\times']) : r.pick(['×', '×', '*', '·', 'x']);
  const dv = latex ? r.pick(['\\div', '/']) : r.pick(['÷', '/', '÷']);
  const mi = r.pick(['-', '-', '−']);
  const c: Ctx = {
    r,
    m,
    dv,
    mi,
    commas,
    latex,
    f(n: number): string {
      const neg = n < 0;
      const s = String(Math.abs(n));
      const body = commas && Math.abs(n) >= 1000 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s;
      return (neg ? mi : '') + body;
    },
    inter(label: string, x: string): string {
      return r.pick(INTER).replace('{L}', label).replace('{l}', label).replace('{x}', x);
    },
  };
  return c;
}

// ---------------------------------------------------------------------------------------------
// Sentence templates (>= 25 of each kind)

const OPEN = [
  "Alright, let's see.",
  'Okay, so I need to figure this out.',
  'Hmm, let me think about this.',
  "Okay, let's tackle this problem step by step.",
  'Alright, so I have this problem here.',
  'Let me try to work through this.',
  "Okay, let's start by understanding what's being asked.",
  'Hmm, okay.',
  'So, the question is asking something fairly concrete.',
  "Alright, let's break this down.",
  'Okay, first things first.',
  'Let me read the problem again carefully.',
  "Okay, so here's the problem.",
  'Hmm, this looks straightforward, but let me be careful.',
  "Alright, I'll start by writing down what I know.",
  "Let's see what we've got.",
  'Okay, I think I can do this.',
  'So I need to work this out carefully.',
  'Alright, let me think step by step.',
  'Hmm, interesting problem.',
  'Okay, let me parse this.',
  'Let me start from the beginning.',
  "Alright, so first I'll make sure I understand the setup.",
  'Okay. Let me think.',
  "Hmm, let's see how to approach this.",
  'Right, so this is the problem.',
];

const RESTATE_Q = [
  'The problem says {R}.',
  'So we have {R}.',
  'Let me parse this: {R}.',
  'From the question: {R}.',
  'So the setup is that {R}.',
  'Okay, so {R}.',
  'The given information is that {R}.',
  'What we know: {R}.',
  'Let me restate it: {R}.',
  'So basically {R}.',
  'Reading it again, {R}.',
  'The key facts: {R}.',
  'Right, {R}.',
  'It says {R}.',
  'So, {R}.',
  'Hmm, so {R}.',
  'Alright, {R}.',
  'If I understand correctly, {R}.',
  'In other words, {R}.',
  'The question tells me that {R}.',
  'Let me write down the facts: {R}.',
  "Okay, here's what's given: {R}.",
  'We are told {R}.',
  'First, the data: {R}.',
  'So the situation is: {R}.',
];

const ASKS = [
  'And the question wants {q}.',
  "What I'm after is {q}.",
  'I need to find {q}.',
  'The goal is {q}.',
  'So I have to compute {q}.',
  'The thing to find is {q}.',
  'And I need {q}.',
  "What's being asked is {q}.",
  'The target is {q}.',
  'So the question is really about {q}.',
  'I want {q}.',
  'The unknown here is {q}.',
  'They want {q}.',
  'The question asks for {q}.',
  'My job is to find {q}.',
  'So I need to work out {q}.',
  'Basically, find {q}.',
  'The answer should be {q}.',
  "I'm looking for {q}.",
  'So what I need is {q}.',
  'The quantity I need is {q}.',
  'What they ask for is {q}.',
  'I have to determine {q}.',
  'The question is about {q}.',
  'And the question: {q}.',
];

const PLAN = [
  'I think the cleanest way is to {p}.',
  'Maybe I should {p}.',
  'Let me {p}.',
  'First, I want to {p}.',
  'The natural approach is to {p}.',
  "I'll {p}.",
  'Okay, so one way is to {p}.',
  'The simplest thing is probably to {p}.',
  "Let's {p}.",
  'My plan: {p}.',
  'I guess I can {p}.',
  'Hmm, I could {p}.',
  'So the idea is to {p}.',
  'Probably easiest to {p}.',
  'I remember the standard way is to {p}.',
  'Let me try to {p}.',
  "I'll start by trying to {p}.",
  'A good way to do this is to {p}.',
  'So, the approach: {p}.',
  'Okay, I think I should {p}.',
  "What I'll do is {p}.",
  'To start, let me {p}.',
  'It makes sense to {p}.',
  'Right, the usual move is to {p}.',
  "Let's try to {p} and see what happens.",
];

const ESTIMATE = [
  'Just roughly, it should be somewhere around {x}, but let me actually work it out.',
  "My gut says something near {x}, but that's not an answer, let me compute.",
  'Ballpark, maybe around {x}? I need the exact number though.',
  "It'll probably be in the neighborhood of {x}, let's see.",
  'Before computing, a rough estimate would be about {x}.',
  "I'd guess roughly {x}, but let me not trust that.",
  'Order of magnitude, something like {x}. Now exactly.',
  'If I eyeball it, maybe {x}-ish. Let me do it properly.',
  'A quick estimate: around {x}. Now the real computation.',
  "Probably close to {x}, but I'll compute it.",
  'The answer might be around {x}; let me compute.',
  'Roughly {x}, I think, but estimates are not enough here.',
  "I expect something on the order of {x}. Let's see.",
  'Rough guess: {x}. Time to actually calculate.',
  'Hmm, I feel like it will be close to {x}, let me check by computing.',
  "Intuitively it should be near {x}, but let's be exact.",
  'Something like {x}, maybe. Let me work it out.',
  'Approximately {x}? Let me get the exact value.',
  "I'll guess about {x} just as a sanity anchor, then compute.",
  "It's likely somewhere around {x}. Let's do it carefully.",
  'Ballpark {x}. Now the details.',
  'Estimating first: roughly {x}.',
  "My rough guess is {x}, though I'll need to verify by computing.",
  'Probably on the order of {x}; the exact number comes next.',
  'Quick mental estimate: about {x}.',
];

const LEAD = [
  'First, {s}.',
  'Okay, so {s}.',
  'So {s}.',
  'Then {s}.',
  'Now {s}.',
  'Next, {s}.',
  "Let's see, {s}.",
  'Alright, {s}.',
  '{S}.',
  '{S}.',
  '{S}.',
  'Hmm, {s}.',
  'Well, {s}.',
  'Right, {s}.',
  'And {s}.',
  'After that, {s}.',
  'Let me see: {s}.',
  'OK so {s}.',
  'Okay, {s}.',
  'So then {s}.',
  'Now, {s}.',
  'Wait, first: {s}.',
  'Let me write it out: {s}.',
  'Step by step: {s}.',
  'Good, {s}.',
  'Also, {s}.',
  'Let me compute: {s}.',
  'Moving on, {s}.',
];

const RECOMPUTE = [
  'Let me recompute it the same way, carefully.',
  'Redoing the computation.',
  'Going through the steps again.',
  'Let me redo the calculation slowly.',
  'Let me just run through it once more.',
  'Same steps, slower this time.',
  'Let me repeat the calculation.',
  'Recomputing from the top.',
  'Let me go through the same steps again.',
  'I will redo it line by line.',
  'One more pass through the computation.',
  'Let me walk through it again.',
  'Repeating the steps.',
  'Let me retrace my steps.',
  'Doing it again carefully.',
  'Let me recompute everything in order.',
  'Let me carefully redo each step.',
  'Retracing the computation.',
  'Let me work through it again.',
  'Once more, step by step.',
  'Let me redo it exactly, but slowly.',
  'Recalculating.',
  'Let me repeat it to be sure.',
  'Going over the same calculation again.',
  'Let me redo the whole computation.',
];

const REDO = [
  'Let me just redo the whole thing.',
  'Actually let me set it up again.',
  'Let me start that part over.',
  'Okay, redo.',
  'Let me redo it.',
  'Starting over on this part.',
  'Let me set it up fresh.',
  'Okay, from the top.',
  'Let me redo the computation properly.',
  "Let's redo it.",
  'Let me recompute carefully.',
  'Let me go again.',
  'Redo from scratch.',
  'Let me rework it.',
  'Let me try again.',
  'Okay, let me recompute.',
  'Let me start this over.',
  'Again, more carefully.',
  'Let me set up the computation again.',
  'Let me rebuild it.',
  'Fine, redo it.',
  'Let me do the whole thing again.',
  'Let me recompute it.',
  'Okay, one more time.',
  'Let me work it out again.',
];

// A bare look at the reasoning that re-examines nothing (not new work).
const LOOKOK = [
  'Hmm, is that right? The setup looks fine to me.',
  'Is that right? Nothing jumps out at me.',
  'Wait, is that right? The approach seems reasonable.',
  "Hmm. I don't see anything wrong with it.",
  'Let me think. It seems okay.',
  'Hmm, any problem? I do not think so.',
  'Is anything off? Not that I can see.',
  "Hmm, I can't find an issue.",
  'Does that seem off? No.',
  'Any mistakes? None that I notice.',
  'Hmm, seems okay.',
  'Is that reasonable? Yes, it looks fine.',
  "Wait, did I mess up? I don't think so.",
  'Hmm, it looks right.',
  'Anything wrong there? No.',
  "Is there a problem? I don't see one.",
  'Hmm, that looks okay to me.',
  'Is that plausible? Sure.',
  'Wait, am I sure? Yeah, I think so.',
  'Hmm, that seems fine.',
  'Any red flags? No.',
  'Hmm, looks consistent.',
  'Is this right? Looks like it.',
  "Hmm, I'm okay with that.",
  'Does it hold up? I believe so.',
];

const INTER = [
  'so {l} is {x}',
  'that makes {l} {x}',
  'which means {l} comes to {x}',
  'so {l} works out to {x}',
  'that gives {l}: {x}',
  'so {l} would be {x}',
  'meaning {l} is {x}',
  'therefore {l} is {x}',
  'so I get {l} = {x}',
  'hence {l} is {x}',
  'so that part, {l}, is {x}',
  'okay, {l} is {x}',
  'so the first thing I have is {l}: {x}',
  'which says {l} is {x}',
  'so {l} equals {x}',
  'that tells me {l} is {x}',
  'so far: {l} = {x}',
  'and so {l} is {x}',
  'thus {l} is {x}',
  'putting that together, {l} is {x}',
  'got it, {l} is {x}',
  'so {l} is {x}, good',
  'then {l} comes out as {x}',
  'so the partial result, {l}, is {x}',
  'that means {l} is {x}',
];

const MIDHMM = [
  'Hmm, wait, let me make sure I set this up right before going on.',
  'Wait, hold on. Let me slow down a bit here.',
  'Hmm. Okay, keep going.',
  'Wait, is that the right setup? Yes, I think so. Continuing.',
  'Hmm, let me not rush this part.',
  'Wait, let me write that more carefully.',
  'Hmm, okay, that part is fine.',
  'Hold on, let me re-read what I just wrote. Fine.',
  'Hmm, wait. No, that step is okay.',
  'Wait, wait. Let me just be careful with the arithmetic.',
  'Hmm, I almost made a mistake there. Okay.',
  'Let me pause. Yes, this is the right direction.',
  'Hmm, so far so good.',
  "Wait, I should double check I'm using the right numbers. Yes.",
  'Hmm, hold on, let me redo that line in my head. Okay, it stands.',
  'Wait, actually, let me keep going and check at the end.',
  'Hmm, right.',
  "Hmm, wait, that's not the final thing yet, there's another step.",
  "Wait, I'm getting ahead of myself. One step at a time.",
  'Okay, hmm, where was I.',
  "Hmm, let's see if that makes sense so far. It does.",
  'Wait, let me just make sure of that multiplication. Fine.',
  'Hmm, this is going okay.',
  'Hold on. Yeah, okay.',
  "Hmm, wait, I don't want to skip anything. Continuing.",
];

// First conclusions: must contain {e} and {v} (the result line is the conclusion).
const CONC1 = [
  'So {q} is {e} = {v}.',
  'Therefore, {q} is {e} = {v}.',
  '{E} = {v}. So that should be {q}.',
  'Putting it together, {q} = {e} = {v}.',
  'That gives {q}: {e} = {v}.',
  'So {q} comes out to {e} = {v}.',
  'Then {q} is {e} = {v}.',
  'Which means {q} is {e} = {v}.',
  'So, {q}: {e} = {v}.',
  'Okay, so {q} = {e} = {v}.',
  'Hence {q} is {e} = {v}.',
  'Finally, {q} is {e} = {v}.',
  'So I get {q} = {e} = {v}.',
  'That means {q} is {e} = {v}.',
  'Alright, so {q} is {e} = {v}.',
  'Thus {q} = {e} = {v}.',
  'And so {q} works out to {e} = {v}.',
  'So the answer, {q}, is {e} = {v}.',
  'Now {e} = {v}, and that is {q}.',
  'So {q} should be {e} = {v}.',
  'Combining everything: {q} = {e} = {v}.',
  'In the end {q} is {e} = {v}.',
  'So overall, {q} = {e} = {v}.',
  'Okay, {e} = {v}. That is {q}.',
  'Therefore {q} must be {e} = {v}.',
  'So my answer for {q} is {e} = {v}.',
];

// Echoes after a re-derivation by another method: contain {e} and {v}.
const ECHO_E = [
  'So {q} is {e} = {v} again. Same as before.',
  'That gives {e} = {v}, so {q} is {v} this way too.',
  'Okay, {e} = {v}. Same answer for {q}.',
  'So {q} = {e} = {v}. Good, it matches.',
  'And {e} = {v}. So {q} matches what I had.',
  'Again, {q} is {e} = {v}.',
  'So this way {q} also comes out to {e} = {v}.',
  'Which is {e} = {v}, so {q} is consistent.',
  'Okay, so {q} is {e} = {v} by this method as well.',
  'So {e} = {v}; {q} agrees with the first approach.',
  'That gives {q} = {e} = {v}. Consistent.',
  'Same thing: {q} = {e} = {v}.',
  'So I get {q} = {e} = {v} once more.',
  'Therefore {q} is again {e} = {v}.',
  '{E} = {v}. Yep, {q} is the same.',
  'So {q} comes out as {e} = {v} here too.',
  'Hence {q} = {e} = {v}, which confirms it.',
  'Okay, that matches: {q} is indeed {e} = {v}.',
  'Great, {q} = {e} = {v} again.',
  'So by this route {q} is {e} = {v}. Same.',
  'And that is {e} = {v}, so {q} is the same as before.',
  'Result: {q} = {e} = {v}. It checks out.',
  'So {q} is still {e} = {v}.',
  'Thus {q} = {e} = {v}, matching.',
  'Perfect, {e} = {v}, so {q} is confirmed.',
];

// Echoes after a check in words / plugging back: contain {v} only.
const ECHO_P = [
  'So {q} is indeed {v}.',
  'So yes, {q} is {v}.',
  'Therefore {q} really is {v}.',
  'Good, so {q} is {v}.',
  'That confirms {q} is {v}.',
  'So {v} is right for {q}.',
  'Okay, so {q} is {v} after all.',
  'So, {q}: {v}. Confirmed.',
  'Alright, {q} is definitely {v}.',
  'So {q} = {v} holds up.',
  'That settles it: {q} is {v}.',
  'Yes, so {q} is {v}.',
  'So {q} is {v}, no doubt.',
  'Hence {q} is {v}.',
  'Right, so {q} is {v}.',
  'So it checks: {q} is {v}.',
  'Okay, that works, so {q} is {v}.',
  'So {q} must be {v}.',
  'Everything is consistent, so {q} is {v}.',
  'So again {q} is {v}.',
  'Good. {Q} is {v}.',
  'So {q} stays at {v}.',
  "So yes, {q} is {v}. I'm confident.",
  'Which confirms that {q} is {v}.',
  'Okay. So {q} is {v}.',
];

// Correction conclusions: {e}, {v} (new value), optionally {w} (the rejected value).
const CORR = [
  'So {q} is actually {e} = {v}, not {w}.',
  'So the correct value of {q} is {e} = {v}.',
  'Okay, so {q} = {e} = {v}. I messed up before.',
  'That gives {e} = {v}. So {q} is {v}, not {w}.',
  'So {q} is really {e} = {v}.',
  'Then {q} is {e} = {v}. Good thing I checked.',
  'So, corrected: {q} = {e} = {v}.',
  'Therefore {q} is {e} = {v}, and {w} was wrong.',
  'So {q} should be {e} = {v} instead.',
  'Right, so {q} is {e} = {v}.',
  'Now {e} = {v}, so {q} is {v}.',
  'Hence, done right, {q} is {e} = {v}.',
  'So {q} comes to {e} = {v}. That fixes it.',
  'So actually {q} = {e} = {v}.',
  'Okay, corrected: {q} is {e} = {v}.',
  'So {q} is {e} = {v}. My earlier {w} was off.',
  'This time {q} is {e} = {v}.',
  'Then {q} = {e} = {v}, which replaces {w}.',
  'So I get {q} = {e} = {v} now.',
  'With that fixed, {q} is {e} = {v}.',
  'So {q} must be {e} = {v}, not {w}.',
  'Redoing it properly: {q} = {e} = {v}.',
  'Okay so really {q} is {e} = {v}.',
  'So the answer changes: {q} is {e} = {v}.',
  'Thus {q} is {e} = {v}. Glad I caught that.',
];

// A flawed recheck stated firmly (the model believes it).
const FLIPC = [
  'So {q} is actually {e} = {v}. That is different from what I had.',
  'Hmm, so {q} = {e} = {v}. So my first answer was wrong?',
  'So {q} comes out to {e} = {v} this time. I must have slipped the first time.',
  'That gives {q} = {e} = {v}, not {w}.',
  'So {q} is {e} = {v}. Hmm, that changes things.',
  'Okay, so now {q} = {e} = {v}. So the answer is {v}, not {w}.',
  'So {q} is really {e} = {v}.',
  'Therefore {q} = {e} = {v}. I think {w} was a mistake.',
  'So it should be {q} = {e} = {v}.',
  'Hmm, so {q} is {e} = {v}, which does not match {w}.',
  'Then {q} = {e} = {v}. So I was off before.',
  'So actually {q} is {e} = {v}.',
  'That makes {q} = {e} = {v}. So {w} must be wrong.',
  'So {q} works out to {e} = {v}. Different!',
  'Which makes {q} equal to {e} = {v}. Hmm.',
  'So now I have {q} = {e} = {v}.',
  'So {q} is {e} = {v}. The earlier {w} was off.',
  'Okay, this way {q} is {e} = {v}.',
  'So, {q} = {e} = {v}. Not {w}.',
  'Then {q} must be {e} = {v}.',
  'So correctly, {q} is {e} = {v}, which contradicts {w}.',
  'So {q} = {e} = {v}. I guess {w} was wrong.',
  'So this says {q} is {e} = {v}.',
  'Therefore {q} is {e} = {v}, and I need to revise.',
  'Hmm, {e} = {v}, so {q} is {v}.',
];

// Restatements with no new work (merge with the previous candidate).
const RESTATE = [
  'So the answer is {v}.',
  'Therefore, {q} is {v}.',
  'So, {v}.',
  '{V} it is.',
  'So {q}: {v}.',
  'Answer: {v}.',
  'So that would be {v}.',
  'So my answer is {v}.',
  'So {v} is the answer.',
  'Which means the answer is {v}.',
  'So yeah, {v}.',
  'So {q} is {v}.',
  'That is, {v}.',
  'So I have {v}.',
  'Hence {v}.',
  'So the result is {v}.',
  'Okay, {v}.',
  'So the answer should be {v}.',
  'Thus, {v}.',
  'Final value: {v}.',
  'So, {q} = {v}.',
  'Therefore the answer is {v}.',
  'So it is {v}.',
  'In short, {v}.',
  'That leaves {v}.',
];

const CONFIRM = [
  "Yes, that's right.",
  'Yeah, that seems right.',
  'Okay, that makes sense.',
  'Hmm, is that right? Yeah, I think so.',
  'Right.',
  'Yeah.',
  'That seems reasonable.',
  'Okay, good.',
  'I think that is correct.',
  'Yes.',
  'Makes sense.',
  'Seems fine.',
  'Okay, that looks right to me.',
  "Yeah, I'm fairly sure about that.",
  'Good.',
  'That feels right.',
  'Alright.',
  'Hmm, yes.',
  'Sounds about right.',
  'Yep.',
  'Okay, I believe that.',
  'Yeah, that checks out intuitively.',
  "That's plausible.",
  'Hmm, wait, is that right? Yes, it is.',
  'Okay. Yes.',
];

const CHECKIN = [
  'Let me verify once more.',
  'Let me double-check.',
  'But hold on, is that right?',
  'Wait, let me make sure.',
  'Hmm, let me check this another way.',
  'Let me verify that to be safe.',
  'Actually, let me double-check that.',
  'Wait, I should verify.',
  "Hmm, but I'm not 100% sure. Let me check.",
  'Let me go over it again.',
  'Just to be thorough, let me recheck.',
  'Hmm, wait. Let me verify this result.',
  'Let me confirm.',
  'I want to be careful here, so let me recheck.',
  'Wait, let me just confirm that.',
  'Let me sanity-check this.',
  'Hmm, before I commit, let me check.',
  'Let me re-verify.',
  'Double-checking now.',
  "But wait, let me make sure I didn't mess anything up.",
  'Let me verify one more time.',
  'Hmm, let me see if that holds up.',
  'Actually, hold on, let me check again.',
  'Let me check my work.',
  'Okay, verification time.',
];

const ALTIN = [
  'Alternatively, maybe I can {p}.',
  'Another way to see it: {p}.',
  'Let me try a different approach: {p}.',
  'Alternatively, {p}.',
  "Let's {p} instead and see if it matches.",
  'Another method: {p}.',
  'Or I could {p}.',
  'Let me cross-check by trying to {p}.',
  'A second way: {p}.',
  'Let me redo it differently: {p}.',
  'Hmm, what if I {p}?',
  'Let me approach it from another angle and {p}.',
  'To cross-check, {p}.',
  'Alternatively, I can {p}.',
  'Let me see if I get the same thing if I {p}.',
  'One more approach: {p}.',
  'Another way to compute it is to {p}.',
  'Actually, I could also {p}.',
  'Let me verify using a different method: {p}.',
  'Maybe a cleaner way: {p}.',
  'Just to be sure, {p}.',
  'Different route: {p}.',
  'Let me try to {p} as a check.',
  "I'll double-check by trying to {p}.",
  "Let's also {p}.",
];

const SUBCHK = [
  'Let me double-check {c}. Yes.',
  'Quick check on {c}. That is right.',
  'Checking {c}: correct.',
  'And {c}, yes.',
  'Is {c} right? Yes.',
  'Let me recheck {c}. Yep, fine.',
  'Verifying {c}. Okay.',
  'Wait, {c}? Let me see... yes.',
  'Hmm, {c}, correct.',
  'Just confirming {c}. Good.',
  'Let me make sure {c}. It does.',
  'Re-doing the small piece: {c}. Fine.',
  'Sanity check on the arithmetic: {c}. Okay.',
  'Also, {c}. Correct.',
  'Hmm, {c}? Yes, that holds.',
  "Let me just confirm {c}. That's right.",
  'One piece at a time: {c}. Good.',
  'Checking a step: {c}. Yes.',
  'I should check {c}. Okay, it does.',
  'Let me verify the step {c}. Right.',
  'And is {c} correct? Yes.',
  'Re-examining {c}. Fine.',
  'Hmm, {c}. Yes, good.',
  'Checking again: {c}. Correct.',
  'The step {c} is right too.',
];

const CATCHIN = [
  'Wait, no.',
  'Hmm, wait a second.',
  'Oh, hold on.',
  'Wait, that is not right.',
  'Hmm, hold on.',
  'Wait. Hmm.',
  'Hold on, I think I made a mistake.',
  'Oh wait.',
  'Hmm, no, wait.',
  'Wait a minute.',
  "Actually, hold on, something's off.",
  'Hmm, that does not look right.',
  'Oh no, wait.',
  'Wait, wait.',
  'Hmm, actually no.',
  'Hang on.',
  'Wait, I think I messed up.',
  "Actually, wait. That's wrong.",
  'Hmm. Wait.',
  'Hold on a second.',
  'Oops.',
  'Wait, hmm, no.',
  'Actually, no.',
  'Hmm, I see a problem.',
  'Hold on, that is off.',
];

const SLIPCATCH = [
  '{E} = {w}? Let me redo that, I think I slipped.',
  'Is {e} really {w}? That does not look right. Let me recompute.',
  'Hmm, {e} is not {w}, I rushed that. Let me redo the arithmetic.',
  'I wrote {e} = {w}, but I am not sure about that last step. Redo.',
  'Let me recompute {e}, I think {w} is off.',
  '{E} giving {w} seems wrong. Let me do it again slowly.',
  'The last step, {e} = {w}, I did too fast. Redo.',
  'Hmm, {w} for {e}? That last digit looks wrong.',
  'I need to redo {e}; {w} is suspicious.',
  'Actually, {e} is not {w}. Let me be careful.',
  'Let me redo {e} because {w} does not seem right.',
  'Wait, {e}... I said {w}, but let me redo it.',
  'That final computation {e} = {w} is off, I think.',
  "Hmm, {e}, that's not {w}. Slow down.",
  'I botched {e}, I think. Not {w}. Again.',
  'Checking {e}: I had {w} but that is wrong.',
  'Redo {e}. I am not confident in {w}.',
  "{E}... no, that can't be {w}. Let me redo it.",
  'I think I mis-added: {e} is not {w}.',
  'Hmm, {w}? Let me recompute {e} carefully.',
  'Wait, I got {w} for {e}. Let me recheck that arithmetic.',
  'Let me redo {e}; I suspect {w} is a slip.',
  "Something's wrong with {e} = {w}. Redo.",
  "That {w} doesn't look right for {e}. Let me redo.",
  "I rushed {e}. It isn't {w}.",
];

const DOUBT = [
  "Hmm, but now I'm second-guessing myself. Let me redo this from scratch.",
  'Wait, let me redo the whole thing more carefully, I want to be sure.',
  "Hmm, actually, I'm not sure. Let me recompute it from the start.",
  'But hold on, is that right? Let me start over.',
  'Something about this bugs me. Let me do it again from the beginning.',
  'Hmm, wait. Let me just redo the computation fresh.',
  "Actually, let me recompute everything; I'm not fully confident.",
  'Wait, let me think about it again from scratch.',
  'Hmm, let me reconsider the whole setup.',
  'Let me redo it without looking at what I wrote.',
  "I'm a bit worried. Redo from the top.",
  'Hmm, something feels off. Start over.',
  'Wait. Let me redo this whole problem carefully.',
  'Actually, let me recompute, just in case.',
  'Hmm, let me try the whole thing one more time from scratch.',
  "Hold on, I'm doubting this. Recompute.",
  'Let me go through it once more from the start.',
  'Hmm, maybe I set it up wrong. Let me redo it.',
  "Wait, I'm not sure about this. Let's redo it.",
  'Let me rethink this from the beginning.',
  'Hmm, am I sure? Let me recompute fresh.',
  'Let me redo it to be safe.',
  'Okay, let me recompute the whole thing differently to be safe.',
  "Hmm, I'm having second thoughts. From scratch.",
  'Wait, let me redo everything once more.',
];

const FLIPBACK = [
  'Wait, that contradicts what I had. Which one is right?',
  'Hmm, now I have two different answers. Let me figure out which is wrong.',
  'But hold on, that disagrees with my first result.',
  'Hmm, wait. Two different values, so one of them has an error.',
  'Hold on, let me look at that second attempt again.',
  'Wait, that cannot be right either. Let me look carefully.',
  'Hmm, but why would the first one be wrong? Let me check the second attempt.',
  'Hmm, no, wait. Let me see where these differ.',
  'Wait, wait. Let me compare the two attempts.',
  'Actually, hold on, let me recheck that second computation.',
  "Hmm, I'm confused now. Let me sort this out.",
  'But the first approach looked fine. Let me find the discrepancy.',
  'Wait, something is off with that redo.',
  'Hmm, hold on, which is it?',
  'Let me look at that last attempt more critically.',
  'Hmm, that change worries me. Let me recheck it.',
  'Wait, did I make a mistake in the redo?',
  'Hold on. Let me scrutinize the redo.',
  'Hmm, okay, let me see which step differs.',
  "Wait, I don't trust that. Let me look again.",
  "Hmm, let's resolve this.",
  'Okay, let me carefully compare.',
  'Hold on, now I need to figure out which is correct.',
  'Hmm, contradiction. Let me check.',
  'Wait, let me re-examine that redo.',
];

const CLOSE = [
  "Yeah, I think that's solid.",
  "Okay, I'm confident now.",
  'Alright, that settles it.',
  "I think that's it.",
  'Okay, good.',
  "I'm pretty sure that's correct.",
  'Alright, I think I have it.',
  'Yes, I am confident in this.',
  "Okay, I don't see any errors.",
  "That's consistent everywhere.",
  'I think this is right.',
  "Alright, I'm done.",
  'Everything checks out.',
  'Okay, I am fairly confident.',
  "Yeah, that's solid.",
  'Good, I think I can stop here.',
  'Alright, no more doubts.',
  'That should be it.',
  'Okay, I feel good about this.',
  "I'm convinced.",
  'Yes, that is the answer.',
  "Alright, I think we're done.",
  "I'll go with that.",
  'Okay, time to write it up.',
  "Yeah, I'm satisfied with that.",
];

const DRAFT = [
  'So the final answer is \\boxed{{v}}.',
  "So I'll write: \\boxed{{v}}.",
  'Final answer: \\boxed{{v}}.',
  "I'll present it as \\boxed{{v}}.",
  'So the answer to put in the box is {v}.',
  "So I'll answer {v}.",
  'Final answer: {v}.',
  'So the answer is \\boxed{{v}}.',
  "I'll go with {v}.",
  "So I'll write the final answer as {v}.",
  'So, \\boxed{{v}}.',
  'Answer: \\boxed{{v}}.',
  'So the final answer should be {v}.',
  'So final: {v}.',
  "I'll box {v}.",
  'The boxed answer will be \\boxed{{v}}.',
  'Therefore the final answer is {v}.',
  'So I should write {v} as the answer.',
  "I'll put \\boxed{{v}}.",
  'So my final answer is {v}.',
  'Going with \\boxed{{v}}.',
  'Final: \\boxed{{v}}.',
  "So I'll say {v}.",
  'The answer I will give is {v}.',
  'Writing it up: \\boxed{{v}}.',
];

const FORMAT_ONLY = [
  'I should put the answer in a box.',
  "I'll format the final answer with a box.",
  'Now I just need to present it nicely.',
  'Let me write up the solution neatly.',
  "I'll write a short explanation and then box the answer.",
  'Time to format the answer.',
  'I need to remember to use \\boxed{} for the answer.',
  "I'll summarize the steps.",
  'Let me write the final response.',
  "I'll present the steps briefly.",
  'Now for the write-up.',
  'The answer needs to be boxed.',
  'Let me put together a clean summary.',
  "Okay, now I'll present this clearly.",
  'I should show the main steps in the answer.',
  "I'll keep the explanation concise.",
  'Let me structure the final answer.',
  "I'll lay out the reasoning step by step in the answer.",
  'Okay, writing the solution now.',
  'I should explain briefly and give the boxed result.',
  'Let me summarize for the final answer.',
  'Now let me write this up properly.',
  "I'll write the steps and then the box.",
  'Format: explanation, then boxed answer.',
  'Let me make the final answer clear.',
];

const REREADIN = [
  'Let me re-read the question to make sure I answered what was asked.',
  'Wait, let me reread the problem.',
  'Hmm, let me go back to the question once more.',
  'Let me re-read the problem statement.',
  'Did I read the question right? Let me check.',
  'Let me look at the question again.',
  'Hold on, let me reread what exactly is asked.',
  'Going back to the problem statement.',
  'Let me re-examine the problem text.',
  'Wait, what exactly does the question ask? Let me look.',
  'Let me reread to make sure I have the numbers right.',
  'Hmm, I should double check the problem itself.',
  'Let me verify I copied the numbers correctly.',
  'Re-reading the question.',
  'Let me check the wording once more.',
  'Let me make sure I understood the problem.',
  'Hmm, let me reread the problem; maybe I missed something.',
  'Quick look back at the question.',
  'Reading the problem again slowly.',
  'Let me go back to the exact wording.',
  'Let me recheck the givens.',
  'Wait, did I use the right numbers from the problem?',
  'Let me reread it carefully.',
  "I'll reread the question once more.",
  'Let me look at the problem statement one more time.',
];

const REREADOK = [
  'Yes, the numbers are the ones I used.',
  'Okay, I used exactly those numbers.',
  "Good, that's what I set up.",
  'Yes, I read it correctly.',
  'Right, same numbers as in my setup.',
  'Okay, nothing I missed.',
  'Yes, matches my setup.',
  "Good, I've got the right reading.",
  'So my setup was right.',
  'Yes, that is what I used.',
  "Okay, I didn't misread anything.",
  'Right, the setup holds.',
  'Yes, consistent with what I did.',
  "Good, I haven't misread it.",
  "Fine, that's what I assumed.",
  'Okay, my reading was correct.',
  'Yep, same as my setup.',
  'Good, no misreading.',
  "All right, that's exactly what I worked with.",
  'Okay, I interpreted it correctly.',
  "Right, that's what I thought.",
  'Yes, I had that right.',
  "So I didn't misread.",
  'Good, my setup matches the problem.',
  'Okay, nothing changes there.',
];

const SMALLIN = [
  'Let me sanity-check the method on a tiny case.',
  'To make sure the reasoning is right, try a small example.',
  'Let me test the logic on a smaller version.',
  'Quick sanity check with small numbers.',
  "Let's check the approach with a simple case.",
  'Let me verify the method on a toy example.',
  'A small case should confirm the reasoning.',
  'Hmm, let me test the idea with smaller numbers.',
  'Let me try the same reasoning on a tiny instance.',
  'Small-case check.',
  'Let me see if the method works for a small case.',
  'Testing the approach on something I can list by hand.',
  'Let me check the logic with a mini example.',
  'A toy case to make sure the method is right.',
  'Let me try a smaller analogous problem.',
  'To check the approach, a simple case.',
  "Let's see if the same idea works when it's small.",
  'Let me verify the pattern with small numbers.',
  'Sanity check of the method.',
  'I can test the method on a small example.',
  'Let me verify with a case small enough to list.',
  'Check the reasoning with a tiny version.',
  'Let me make sure by trying a small case.',
  'Try a small version of the problem.',
  'Let me test on a trivial case first.',
];

const SUMINTRO = [
  'To solve this, we proceed as follows.',
  '**Solution:**',
  "Here's the solution.",
  'We compute step by step.',
  '### Solution',
  'Let me present the solution.',
  '**Step-by-step solution**',
  'The computation goes as follows:',
  'Solution outline:',
  'We can solve this directly.',
  '**Answer explanation**',
  'Working through the problem:',
  'Here is how to get the answer.',
  'The key steps are:',
  'We solve the problem in a few steps.',
  '**Solution**',
  'Steps:',
  'Explanation:',
  'Here are the steps.',
  'Summary of the solution:',
  'To find the answer:',
  '## Solution',
  'Approach:',
  'We find the answer as follows.',
  'Below is the solution.',
];

const FINALLINE = [
  '\\boxed{{v}}',
  'The answer is \\boxed{{v}}.',
  '{Q} is \\boxed{{v}}.',
  'Therefore, {q} is \\boxed{{v}}.',
  '\\[\n\\boxed{{v}}\n\\]',
  'So the answer is \\(\\boxed{{v}}\\).',
  'Hence, {q} is \\(\\boxed{{v}}\\).',
  '\\(\\boxed{{v}}\\)',
  'Thus the answer is \\boxed{{v}}.',
  'Answer: \\boxed{{v}}',
  '{Q}: \\boxed{{v}}',
  'So, {q} is \\boxed{{v}}.',
  'Final: \\boxed{{v}}',
  '$\\boxed{{v}}$',
  'We conclude {q} is \\boxed{{v}}.',
  'The final answer is $\\boxed{{v}}$.',
  'Thus {q} equals \\boxed{{v}}.',
  '\\boxed{{v}} is {q}.',
  'It follows that {q} is \\boxed{{v}}.',
  'Therefore the answer is \\(\\boxed{{v}}\\).',
  'In conclusion, {q} is \\boxed{{v}}.',
  'So we get \\boxed{{v}}.',
  'Result: \\boxed{{v}}',
  '$$\\boxed{{v}}$$',
  'The answer: \\boxed{{v}}.',
];

// ---------------------------------------------------------------------------------------------
// Tasks

interface Attempt {
  plan: string; // clause: "break 27 into 20 and 7 and multiply in two parts"
  steps: string[]; // clauses (no final punctuation); must not contain the value
  expr: string; // the last operation, whose result is the value
  value: number;
}
interface Mistake extends Attempt {
  catchText: string; // explains the error; must not state the right value
  slip?: boolean; // an arithmetic slip (not repeated on a recomputation)
}
interface Task {
  task: string;
  query: string;
  answer: number;
  q: string; // noun phrase of the asked quantity
  restate: string; // clause quoting the question's numbers
  methods: Attempt[]; // >= 3 correct methods
  mistakes: Mistake[]; // >= 1 conceptual or arithmetic mistake
  subchecks: string[]; // clauses checking a sub-step (no final value)
  rethinks: string[]; // sentences re-examining the reasoning (no values of the answer)
  smallcase: string[]; // sentences
  plugs: string[]; // sentences that use the (right) answer to check it; followed by ECHO_P
  estimate: string | null;
}

type TaskGen = (c: Ctx) => Task | null;

const NAMES = ['Ana', 'Ben', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kim', 'Leo', 'Mia', 'Noor', 'Omar', 'Pia'];

function roughly(c: Ctx, v: number): string | null {
  const mag = v >= 1000 ? 100 : v >= 100 ? 10 : 5;
  const x = Math.round(v / mag) * mag;
  if (x === v || x <= 0) return null;
  return c.f(x);
}

// ---- word-sum: a*b +/- c

const WS_STORIES: {
  plus: boolean;
  query: (a: string, b: string, c: string) => string;
  restate: (a: string, b: string, c: string) => string;
  q: string;
  part: string;
  cLine: (c: string) => string;
  concept: (c: string) => string;
  rethink: (c: string) => string;
  unit: string;
}[] = [
  {
    plus: false,
    query: (a, b, c) =>
      `A warehouse holds ${a} crates with ${b} bottles in each crate. During a move, ${c} bottles break and are thrown away. How many bottles are left?`,
    restate: (a, b, c) => `there are ${a} crates, ${b} bottles per crate, and ${c} of them break`,
    q: 'the number of bottles left',
    part: 'the number of bottles before anything breaks',
    cLine: (c) => `then the ${c} broken bottles have to come off`,
    concept: (c) => `The ${c} broken bottles are thrown away, so they have to be subtracted, not added`,
    rethink: (c) => `The broken bottles are gone, so taking the ${c} away from the full amount is the right operation.`,
    unit: 'crates',
  },
  {
    plus: true,
    query: (a, b, c) =>
      `A school buys ${a} packs of markers with ${b} markers in each pack, plus ${c} loose markers. How many markers does the school buy in all?`,
    restate: (a, b, c) => `${a} packs of ${b} markers each, and ${c} extra loose markers`,
    q: 'the total number of markers',
    part: 'the number of markers in the packs',
    cLine: (c) => `then the ${c} loose markers get added on top`,
    concept: (c) => `I completely forgot the ${c} loose markers; they have to be added as well`,
    rethink: (c) => `The loose markers are bought in addition to the packs, so adding the ${c} is right.`,
    unit: 'packs',
  },
  {
    plus: false,
    query: (a, b, c) =>
      `A theater has ${a} rows with ${b} seats in each row. ${c} seats are already reserved. How many seats are still available?`,
    restate: (a, b, c) => `${a} rows of ${b} seats, and ${c} seats are taken by reservations`,
    q: 'the number of available seats',
    part: 'the total number of seats',
    cLine: (c) => `then the ${c} reserved seats are not available, so they come off`,
    concept: (c) => `The ${c} reserved seats are not available, so they must be subtracted, not added`,
    rethink: (c) => `Reserved seats cannot be booked again, so removing the ${c} from the total is correct.`,
    unit: 'rows',
  },
  {
    plus: true,
    query: (a, b, c) =>
      `Lena reads ${b} pages every day for ${a} days and then finishes her book by reading the last ${c} pages. How many pages does the book have?`,
    restate: (a, b, c) => `${b} pages a day for ${a} days, then ${c} more pages to finish`,
    q: 'the number of pages in the book',
    part: 'the number of pages she read in those first days',
    cLine: (c) => `then the last ${c} pages are added`,
    concept: (c) => `I left out the last ${c} pages she read to finish the book`,
    rethink: (c) => `The book is everything she read, including the final ${c} pages, so adding them is correct.`,
    unit: 'days',
  },
  {
    plus: true,
    query: (a, b, c) =>
      `${a} buses each carry ${b} passengers to a stadium, and another ${c} people arrive on foot. How many people arrive at the stadium in total?`,
    restate: (a, b, c) => `${a} buses with ${b} passengers each, plus ${c} people walking in`,
    q: 'the total number of people',
    part: 'the number of bus passengers',
    cLine: (c) => `then the ${c} people on foot are added`,
    concept: (c) => `I forgot to include the ${c} people who walked`,
    rethink: (c) => `The walkers arrive at the stadium too, so including the ${c} is required.`,
    unit: 'buses',
  },
  {
    plus: false,
    query: (a, b, c) =>
      `A farmer packs ${a} boxes of ${b} eggs each and then sells ${c} eggs at the market. How many eggs does the farmer have left?`,
    restate: (a, b, c) => `${a} boxes with ${b} eggs in each, and ${c} eggs get sold`,
    q: 'the number of eggs left',
    part: 'the number of eggs packed',
    cLine: (c) => `then the ${c} sold eggs are subtracted`,
    concept: (c) => `The ${c} eggs were sold, so they leave the farmer; I should subtract them, not add`,
    rethink: (c) => `Selling the ${c} eggs removes them, so subtracting them is right.`,
    unit: 'boxes',
  },
];

const taskWordSum: TaskGen = (c) => {
  const r = c.r;
  const st = r.pick(WS_STORIES);
  const a = r.int(12, 98);
  const b = r.int(13, 96);
  if (b % 10 === 0 || a % 10 === 0) return null;
  const ab = a * b;
  const cc = r.int(11, Math.floor(ab / 3));
  const ans = st.plus ? ab + cc : ab - cc;
  const { f, m, mi, dv } = c;
  const bt = b - (b % 10);
  const bo = b % 10;
  const at = a - (a % 10);
  const ao = a % 10;
  const B = bt + 10;
  const op = st.plus ? '+' : mi;
  const finalExpr = `${f(ab)} ${op} ${f(cc)}`;
  const m0: Attempt = {
    plan: `break ${b} into ${bt} and ${bo}, multiply each by ${a}, and then deal with the ${f(cc)}`,
    steps: [
      `${a} ${m} ${bt} = ${f(a * bt)}`,
      `${a} ${m} ${bo} = ${f(a * bo)}`,
      c.inter(st.part, `${f(a * bt)} + ${f(a * bo)} = ${f(ab)}`),
      st.cLine(f(cc)),
    ],
    expr: finalExpr,
    value: ans,
  };
  const m1: Attempt = {
    plan: `split ${a} into ${at} and ${ao} instead and multiply by ${b}`,
    steps: [
      `${b} ${m} ${at} = ${f(b * at)}`,
      `${b} ${m} ${ao} = ${f(b * ao)}`,
      c.inter(st.part, `${f(b * at)} + ${f(b * ao)} = ${f(ab)}`),
      st.cLine(f(cc)),
    ],
    expr: finalExpr,
    value: ans,
  };
  const m2: Attempt = {
    plan: `round ${b} up to ${B}, multiply, and take off the extra`,
    steps: [
      `${a} ${m} ${B} = ${f(a * B)}`,
      `the extra is ${a} ${m} ${B - b} = ${f(a * (B - b))}`,
      c.inter(st.part, `${f(a * B)} ${mi} ${f(a * (B - b))} = ${f(ab)}`),
      st.cLine(f(cc)),
    ],
    expr: finalExpr,
    value: ans,
  };
  const mistakes: Mistake[] = [];
  if (st.plus) {
    mistakes.push({
      plan: m0.plan,
      steps: [`${a} ${m} ${bt} = ${f(a * bt)}`, `${a} ${m} ${bo} = ${f(a * bo)}`],
      expr: `${f(a * bt)} + ${f(a * bo)}`,
      value: ab,
      catchText: st.concept(f(cc)) + '.',
    });
  } else {
    mistakes.push({
      plan: m0.plan,
      steps: m0.steps.slice(0, 3).concat([`then add the ${f(cc)}`]),
      expr: `${f(ab)} + ${f(cc)}`,
      value: ab + cc,
      catchText: st.concept(f(cc)) + '.',
    });
  }
  const dlt = r.pick([10, -10, a > 20 ? 20 : 10]);
  const wp = a * bo + dlt;
  if (wp > 0 && bo > 1) {
    const wab = a * bt + wp;
    mistakes.push({
      plan: m0.plan,
      steps: [
        `${a} ${m} ${bt} = ${f(a * bt)}`,
        `${a} ${m} ${bo} = ${f(wp)}`,
        c.inter(st.part, `${f(a * bt)} + ${f(wp)} = ${f(wab)}`),
        st.cLine(f(cc)),
      ],
      expr: `${f(wab)} ${op} ${f(cc)}`,
      value: st.plus ? wab + cc : wab - cc,
      catchText: `${a} ${m} ${bo} is not ${f(wp)}: ${a} ${m} ${bo} = ${f(a * bo)}. I multiplied wrong.`,
    });
  }
  return {
    task: 'word-sum',
    query: st.query(String(a), String(b), String(cc)),
    answer: ans,
    q: st.q,
    restate: st.restate(String(a), String(b), String(cc)),
    methods: [m0, m1, m2],
    mistakes,
    subchecks: [
      `${a} ${m} ${bo} = ${f(a * bo)}`,
      `${a} ${m} ${bt} = ${f(a * bt)}`,
      `${f(a * bt)} + ${f(a * bo)} = ${f(ab)}`,
      `${b} ${m} ${a} = ${f(ab)}`,
    ],
    rethinks: [st.rethink(f(cc)), `The question asks for ${st.q}, not ${st.part}, so the ${f(cc)} has to be handled at the end.`],
    smallcase: [],
    plugs: st.plus
      ? [
          `Going backwards: ${f(ans)} ${mi} ${f(cc)} = ${f(ab)}, and ${f(ab)} ${dv} ${a} = ${b}, which matches ${b} per ${st.unit.replace(/s$/, '')}.`,
        ]
      : [`Going backwards: ${f(ans)} + ${f(cc)} = ${f(ab)}, and ${f(ab)} ${dv} ${a} = ${b}, which matches.`],
    estimate: roughly(c, ans),
  };
};

// ---- algebra: linear equation or sum/difference

const taskLinear: TaskGen = (c) => {
  const r = c.r;
  const { mi, dv } = c;
  const m = c.m === 'x' ? '×' : c.m; // x is the unknown here
  if (r.chance(0.5)) {
    const a = r.int(2, 9);
    const x = r.int(6, 70);
    const b = a * r.int(1, 9);
    const cc = a * x + b;
    const variant = r.int(0, 2);
    const query =
      variant === 0
        ? `When a number is multiplied by ${a} and then ${b} is added, the result is ${cc}. What is the number?`
        : variant === 1
          ? `I think of a number, multiply it by ${a}, and add ${b}. The result is ${cc}. What number did I think of?`
          : `Solve for x: ${a}x + ${b} = ${cc}.`;
    const q = variant === 2 ? 'x' : 'the number';
    const m0: Attempt = {
      plan: `write it as an equation and solve`,
      steps: [
        `the equation is ${a}x + ${b} = ${cc}`,
        `subtract ${b} from both sides: ${a}x = ${cc} ${mi} ${b} = ${cc - b}`,
        `then divide by ${a}`,
      ],
      expr: `${cc - b} ${dv} ${a}`,
      value: x,
    };
    const m1: Attempt = {
      plan: `undo the operations in reverse order`,
      steps: [
        `the last thing done was adding ${b}, so undo that first: ${cc} ${mi} ${b} = ${cc - b}`,
        `before that it was multiplied by ${a}, so divide`,
      ],
      expr: `${cc - b} ${dv} ${a}`,
      value: x,
    };
    const lo = x - r.int(2, 4);
    const hi = x + r.int(2, 4);
    const m2: Attempt = {
      plan: `close in on it by testing a couple of values`,
      steps: [
        `try ${lo}: ${a} ${m} ${lo} + ${b} = ${a * lo + b}, too small`,
        `try ${hi}: ${a} ${m} ${hi} + ${b} = ${a * hi + b}, too big`,
        `from ${lo} the result is short by ${cc} ${mi} ${a * lo + b} = ${cc - (a * lo + b)}, and each step of 1 adds ${a}, so I need ${cc - (a * lo + b)} ${dv} ${a} = ${x - lo} more steps`,
      ],
      expr: `${lo} + ${x - lo}`,
      value: x,
    };
    const wrong = (cc + b) / a;
    const mk: Mistake = {
      plan: m0.plan,
      steps: [`the equation is ${a}x + ${b} = ${cc}`, `move the ${b} over: ${a}x = ${cc} + ${b} = ${cc + b}`, `divide by ${a}`],
      expr: `${cc + b} ${dv} ${a}`,
      value: wrong,
      catchText: `Moving +${b} to the other side makes it ${mi}${b}, not +${b}. I added when I should have subtracted.`,
    };
    return {
      task: 'linear-eq',
      query,
      answer: x,
      q,
      restate: `${a} times the number, plus ${b}, gives ${cc}`,
      methods: [m0, m1, m2],
      mistakes: [mk],
      subchecks: [
        `${cc} ${mi} ${b} = ${cc - b}`,
        `${a} ${m} ${Math.floor((cc - b) / a / 10) * 10} = ${a * Math.floor((cc - b) / a / 10) * 10}`,
      ],
      rethinks: [
        `The order is multiply first, then add, so undoing it means subtracting ${b} first and dividing by ${a} second.`,
        `The ${b} is added after the multiplication, so it is not multiplied by ${a}.`,
      ],
      smallcase: [],
      plugs: [`Plugging back in: ${a} ${m} ${x} = ${a * x}, and ${a * x} + ${b} = ${cc}. That matches the ${cc} in the problem.`],
      estimate: null,
    };
  }
  const L = r.int(15, 160);
  const s = r.int(4, L - 3);
  const S = L + s;
  const D = L - s;
  if (S % 2 || D % 2 || D < 2) return null;
  const m0: Attempt = {
    plan: `call them L and s and add the two equations`,
    steps: [`L + s = ${S} and L ${mi} s = ${D}`, `adding them: 2L = ${S} + ${D} = ${S + D}`],
    expr: `${S + D} ${dv} 2`,
    value: L,
  };
  const m1: Attempt = {
    plan: `think of it as half the sum plus half the difference`,
    steps: [`half of ${S} is ${S / 2}`, `half of ${D} is ${D / 2}`, `the larger one sits that far above the midpoint`],
    expr: `${S / 2} + ${D / 2}`,
    value: L,
  };
  const m2: Attempt = {
    plan: `find the smaller number first and add the difference`,
    steps: [
      `subtracting the equations: 2s = ${S} ${mi} ${D} = ${S - D}`,
      c.inter('the smaller number', `${S - D} ${dv} 2 = ${s}`),
      `the larger is ${D} more than that`,
    ],
    expr: `${s} + ${D}`,
    value: L,
  };
  const mk: Mistake = {
    plan: m0.plan,
    steps: [`L + s = ${S} and L ${mi} s = ${D}`, `subtracting: ${S} ${mi} ${D} = ${S - D}`, `and halve it`],
    expr: `${S - D} ${dv} 2`,
    value: s,
    catchText: `Subtracting the two equations cancels L and gives 2s, so that was the smaller number, not the larger one.`,
  };
  return {
    task: 'sum-diff',
    query: r.pick([
      `Two numbers add up to ${S} and differ by ${D}. What is the larger of the two numbers?`,
      `The sum of two numbers is ${S} and their difference is ${D}. Find the larger number.`,
      `Two positive integers have sum ${S} and difference ${D}. What is the greater one?`,
    ]),
    answer: L,
    q: 'the larger number',
    restate: `the two numbers sum to ${S} and their difference is ${D}`,
    methods: [m0, m1, m2],
    mistakes: [mk],
    subchecks: [`${S} + ${D} = ${S + D}`, `${S} ${mi} ${D} = ${S - D}`, `half of ${S} is ${S / 2}`],
    rethinks: [`The question asks for the larger number, and adding the equations is what isolates the larger one, since s cancels.`],
    smallcase: [
      `With sum 10 and difference 2 the numbers are 6 and 4, and (10 + 2) ${dv} 2 = 6 gives the larger, so adding then halving is right.`,
    ],
    plugs: [`If the larger is ${L}, the smaller is ${S} ${mi} ${L} = ${s}, and ${L} ${mi} ${s} = ${D}. Both conditions hold.`],
    estimate: null,
  };
};

// ---- counting: combinations

const CH_STORIES: { query: (n: number, k: number) => string; restate: (n: number, k: number) => string; q: string; order: string }[] = [
  {
    query: (n, k) => `A club has ${n} members. In how many ways can a committee of ${k} members be chosen?`,
    restate: (n, k) => `${n} members and a committee of ${k}`,
    q: 'the number of possible committees',
    order: `choosing ${NAMES[0]} then ${NAMES[1]} gives the same committee as ${NAMES[1]} then ${NAMES[0]}`,
  },
  {
    query: (n, k) => `A pizza place offers ${n} toppings. How many different pizzas with exactly ${k} distinct toppings can be ordered?`,
    restate: (n, k) => `${n} toppings to choose from, and each pizza gets exactly ${k} of them`,
    q: 'the number of different pizzas',
    order: 'a pizza with mushrooms and olives is the same as one with olives and mushrooms',
  },
  {
    query: (n, k) =>
      `Sam has ${n} different books and wants to take ${k} of them on a trip. How many different sets of books can Sam take?`,
    restate: (n, k) => `${n} different books, and Sam takes ${k}`,
    q: 'the number of different sets of books',
    order: 'the set of books does not depend on the order Sam packs them',
  },
  {
    query: (n, k) =>
      `In how many ways can a coach choose ${k} players from a squad of ${n} to form a starting group, if positions do not matter?`,
    restate: (n, k) => `a squad of ${n}, choosing ${k}, and positions do not matter`,
    q: 'the number of ways to choose the group',
    order: 'positions do not matter, so the group is just a set of players',
  },
];

const taskChoose: TaskGen = (c) => {
  const r = c.r;
  const { f, m, dv } = c;
  const n = r.int(7, 18);
  const k = r.int(2, 5);
  if (n - k < 3) return null;
  const st = r.pick(CH_STORIES);
  const ans = choose(n, k);
  const facs = Array.from({ length: k }, (_, i) => n - i);
  const P = facs.reduce((x, y) => x * y, 1);
  const kf = fact(k);
  const kfs = Array.from({ length: k }, (_, i) => k - i).join(` ${m} `);
  const m0: Attempt = {
    plan: `use the combination formula C(${n}, ${k}) = ${n}! / (${k}! ${m} ${n - k}!)`,
    steps: [`most of the factorial cancels, leaving ${facs.join(` ${m} `)} on top`, c.inter('the top', f(P)), `and ${k}! = ${kfs} = ${kf}`],
    expr: `${f(P)} ${dv} ${kf}`,
    value: ans,
  };
  const chain: string[] = [];
  let cur = n;
  for (let j = 2; j < k; j++) {
    const nx = (cur * (n - j + 1)) / j;
    chain.push(`C(${n}, ${j}) = ${f(cur)} ${m} ${n - j + 1} / ${j} = ${f(nx)}`);
    cur = nx;
  }
  const m1: Attempt = {
    plan: `build it up one step at a time with C(n, j) = C(n, j${c.mi}1) ${m} (n${c.mi}j+1) / j`,
    steps: [`C(${n}, 1) = ${n}`, ...chain, `one more step to get to ${k}`],
    expr: `${f(cur)} ${m} ${n - k + 1} / ${k}`,
    value: ans,
  };
  const pa = choose(n - 1, k - 1);
  const pb = choose(n - 1, k);
  const m2: Attempt = {
    plan: `use Pascal's rule: fix one particular item and split on whether it is chosen`,
    steps: [
      `if it is chosen, I pick the other ${k - 1} from ${n - 1}: C(${n - 1}, ${k - 1}) = ${f(pa)}`,
      `if it is not, I pick all ${k} from the other ${n - 1}: C(${n - 1}, ${k}) = ${f(pb)}`,
    ],
    expr: `${f(pa)} + ${f(pb)}`,
    value: ans,
  };
  const mk: Mistake = {
    plan: `pick them one at a time`,
    steps: [
      `${n} choices for the first`,
      `${n - 1} for the second`,
      k > 2 ? `and so on down to ${n - k + 1} for the last` : `and that's both of them`,
    ],
    expr: facs.join(` ${m} `),
    value: P,
    catchText: `That counts ordered selections. Here order doesn't matter (${st.order}), so I have to divide by ${k}!.`,
  };
  return {
    task: 'choose',
    query: st.query(n, k),
    answer: ans,
    q: st.q,
    restate: st.restate(n, k),
    methods: [m0, m1, m2],
    mistakes: [mk],
    subchecks: [
      `${k}! = ${kf}`,
      `${facs.slice(0, 2).join(` ${m} `)} = ${facs[0] * facs[1]}`,
      `the top, ${facs.join(` ${m} `)}, is ${f(P)}`,
    ],
    rethinks: [
      `Does order matter? No: ${st.order}. So dividing by ${k}! is right.`,
      `Each group of ${k} gets counted ${kf} times in the ordered count, once per ordering, which is exactly why the division by ${kf} is there.`,
    ],
    smallcase: [`From 4 items choose 2: 4 ${m} 3 / 2 = 6, and listing AB, AC, AD, BC, BD, CD gives 6. The formula works.`],
    plugs: [],
    estimate: null,
  };
};

// ---- counting: arrangements with a restriction

const taskArrange: TaskGen = (c) => {
  const r = c.r;
  const { f, m, mi, dv } = c;
  const together = r.chance(0.5);
  const n = r.int(together ? 4 : 5, 8);
  const [A, Bn] = r.shuffle(NAMES).slice(0, 2);
  const T = fact(n);
  const F = fact(n - 1);
  const G = fact(n - 2);
  const who = r.pick(['friends', 'students', 'people', 'children', 'runners']);
  if (together) {
    const ans = 2 * F;
    const m0: Attempt = {
      plan: `glue ${A} and ${Bn} together into one block`,
      steps: [
        `then there are ${n - 1} units to arrange`,
        c.inter(`the number of ways to order the units`, `${n - 1}! = ${f(F)}`),
        `inside the block they can be ${A}${Bn} or ${Bn}${A}, 2 ways`,
      ],
      expr: `${f(F)} ${m} 2`,
      value: ans,
    };
    const m1: Attempt = {
      plan: `count the adjacent pairs of spots directly`,
      steps: [
        `in a row of ${n} spots there are ${n - 1} adjacent pairs`,
        `${A} and ${Bn} can fill a pair in 2 orders`,
        `the other ${n - 2} people fill the rest in ${n - 2}! = ${f(G)} ways`,
      ],
      expr: `${n - 1} ${m} 2 ${m} ${f(G)}`,
      value: ans,
    };
    const m2: Attempt = {
      plan: `use the fraction of all arrangements where they are adjacent`,
      steps: [
        `without restriction there are ${n}! = ${f(T)} arrangements`,
        `the pair of spots ${A} and ${Bn} occupy is adjacent in ${n - 1} of the C(${n}, 2) = ${(n * (n - 1)) / 2} possible pairs, so a fraction ${n - 1}/${(n * (n - 1)) / 2} = 2/${n}`,
      ],
      expr: `${f(T)} ${m} 2 ${dv} ${n}`,
      value: ans,
    };
    const mk: Mistake = {
      plan: m0.plan,
      steps: [`that leaves ${n - 1} units`, `and the units can be ordered in ${n - 1}! ways`],
      expr: `${n - 1}!`,
      value: F,
      catchText: `Inside the block ${A} and ${Bn} can swap places, ${A}${Bn} or ${Bn}${A}. I forgot that factor of 2.`,
    };
    return {
      task: 'arrange-adjacent',
      query: `In how many ways can ${n} ${who}, including ${A} and ${Bn}, stand in a row if ${A} and ${Bn} must stand next to each other?`,
      answer: ans,
      q: 'the number of arrangements',
      restate: `${n} ${who} in a row, with ${A} and ${Bn} required to be adjacent`,
      methods: [m0, m1, m2],
      mistakes: [mk],
      subchecks: [`${n - 1}! = ${f(F)}`, `${n - 2}! = ${f(G)}`],
      rethinks: [
        `${A}${Bn} and ${Bn}${A} are different lines, so the factor of 2 belongs there.`,
        `Treating the pair as a block counts each valid line exactly once, since the block's position and its inner order determine where both of them stand.`,
      ],
      smallcase: [
        `With 3 people and ${A}, ${Bn} together: 2 ${m} 2! = 4, and listing gives ${A}${Bn}C, ${Bn}${A}C, C${A}${Bn}, C${Bn}${A}. Four, so the method works.`,
      ],
      plugs: [],
      estimate: null,
    };
  }
  const W = 2 * F;
  const ans = T - W;
  const H = (n - 1) * (n - 2);
  const m0: Attempt = {
    plan: `count all arrangements and subtract the ones where they are together`,
    steps: [
      `all arrangements: ${n}! = ${f(T)}`,
      c.inter(`the number of arrangements with ${A} and ${Bn} together`, `2 ${m} ${n - 1}! = 2 ${m} ${f(F)} = ${f(W)}`),
    ],
    expr: `${f(T)} ${mi} ${f(W)}`,
    value: ans,
  };
  const m1: Attempt = {
    plan: `place the other ${n - 2} first and put ${A} and ${Bn} into the gaps`,
    steps: [
      `the others can be lined up in ${n - 2}! = ${f(G)} ways`,
      `that leaves ${n - 1} gaps (ends included)`,
      `${A} and ${Bn} go into two different gaps, in order: ${n - 1} ${m} ${n - 2} = ${H}`,
    ],
    expr: `${f(G)} ${m} ${H}`,
    value: ans,
  };
  const m2: Attempt = {
    plan: `choose non-adjacent spots for ${A} and ${Bn} directly`,
    steps: [
      `ordered pairs of spots: ${n} ${m} ${n - 1} = ${n * (n - 1)}`,
      `adjacent ordered pairs: 2 ${m} ${n - 1} = ${2 * (n - 1)}`,
      c.inter(`the count of non-adjacent ordered spot pairs`, `${n * (n - 1)} ${mi} ${2 * (n - 1)} = ${H}`),
      `the rest fill in ${n - 2}! = ${f(G)} ways`,
    ],
    expr: `${H} ${m} ${f(G)}`,
    value: ans,
  };
  const mk: Mistake = {
    plan: m0.plan,
    steps: [`all arrangements: ${n}! = ${f(T)}`, `for them together, treat them as one block: ${n - 1} units, ${n - 1}! = ${f(F)}`],
    expr: `${f(T)} ${mi} ${f(F)}`,
    value: T - F,
    catchText: `When I counted the together arrangements I forgot that ${A} and ${Bn} can swap inside the block. That count needs a factor of 2.`,
  };
  return {
    task: 'arrange-apart',
    query: `In how many ways can ${n} ${who}, including ${A} and ${Bn}, stand in a row if ${A} and ${Bn} must not stand next to each other?`,
    answer: ans,
    q: 'the number of arrangements',
    restate: `${n} ${who} in a row, and ${A} and ${Bn} may not be adjacent`,
    methods: [m0, m1, m2],
    mistakes: [mk],
    subchecks: [`${n}! = ${f(T)}`, `${n - 1}! = ${f(F)}`, `${n - 2}! = ${f(G)}`],
    rethinks: [
      `"Not next to each other" is the complement of "together", and the together count has to include both orders ${A}${Bn} and ${Bn}${A}.`,
    ],
    smallcase: [
      `With 3 people, ${A} and ${Bn} apart means ${A} and ${Bn} at the two ends: ${A}C${Bn} and ${Bn}C${A}, so 2, and 3! ${mi} 2 ${m} 2! = 6 ${mi} 4 = 2. The method works.`,
    ],
    plugs: [],
    estimate: null,
  };
};

// ---- sequences: n-th term

const taskNth: TaskGen = (c) => {
  const r = c.r;
  const { f, m, mi } = c;
  if (r.chance(0.6)) {
    const d = r.int(2, 13);
    const a = r.int(d + 1, d + 30);
    const n = r.int(12, 75);
    const ans = a + (n - 1) * d;
    const t4 = a + 3 * d;
    const a0 = a - d;
    const m0: Attempt = {
      plan: `use a_n = a_1 + (n ${mi} 1)d`,
      steps: [`a_1 = ${a} and d = ${d}`, c.inter(`(n ${mi} 1)d`, `${n - 1} ${m} ${d} = ${f((n - 1) * d)}`)],
      expr: `${a} + ${f((n - 1) * d)}`,
      value: ans,
    };
    const m1: Attempt = {
      plan: `start from the 4th term and count the remaining steps`,
      steps: [
        `the 4th term is ${t4}`,
        `from term 4 to term ${n} is ${n - 4} steps of ${d}`,
        c.inter('the amount to add', `${n - 4} ${m} ${d} = ${f((n - 4) * d)}`),
      ],
      expr: `${t4} + ${f((n - 4) * d)}`,
      value: ans,
    };
    const m2: Attempt = {
      plan: `use a "zeroth term" so that the n-th term is a_0 + n${m}d`,
      steps: [`a_0 = ${a} ${mi} ${d} = ${a0}`, `${n} ${m} ${d} = ${f(n * d)}`],
      expr: `${a0} + ${f(n * d)}`,
      value: ans,
    };
    const mk: Mistake = {
      plan: `add ${d} for each term up to the ${ord(n)}`,
      steps: [`that's ${n} ${m} ${d} = ${f(n * d)} added to the first term`],
      expr: `${a} + ${f(n * d)}`,
      value: a + n * d,
      catchText: `The first term already counts as term 1, so there are only ${n - 1} steps of ${d} from term 1 to term ${n}, not ${n}.`,
    };
    return {
      task: 'nth-term',
      query: r.pick([
        `The sequence ${a}, ${a + d}, ${a + 2 * d}, ${a + 3 * d}, ... increases by the same amount each time. What is the ${ord(n)} term?`,
        `What is the ${ord(n)} term of the arithmetic sequence ${a}, ${a + d}, ${a + 2 * d}, ...?`,
        `An arithmetic sequence starts ${a}, ${a + d}, ${a + 2 * d}. Find its ${ord(n)} term.`,
      ]),
      answer: ans,
      q: `the ${ord(n)} term`,
      restate: `the sequence starts at ${a} and goes up by ${d} each time, and we need term number ${n}`,
      methods: [m0, m1, m2],
      mistakes: [mk],
      subchecks: [`${a + d} ${mi} ${a} = ${d}, so the common difference is ${d}`, `${n - 1} ${m} ${d} = ${f((n - 1) * d)}`],
      rethinks: [`Term 1 is ${a}, term 2 adds one ${d}, term 3 adds two, so term ${n} adds ${n - 1} of them. The indexing is right.`],
      smallcase: [`For the 3rd term the formula gives ${a} + 2 ${m} ${d} = ${a + 2 * d}, which is exactly the third number listed. Good.`],
      plugs: [`Going backwards from ${f(ans)}: ${f(ans)} ${mi} ${f((n - 1) * d)} = ${a}, the first term. So that lines up.`],
      estimate: null,
    };
  }
  const rr = r.int(2, 3);
  const a = r.int(1, 5);
  const n = r.int(6, rr === 2 ? 13 : 9);
  const ans = a * rr ** (n - 1);
  const prevTerms = Array.from({ length: n - 1 }, (_, i) => a * rr ** i);
  const m0: Attempt = {
    plan: `use a_n = a_1 ${m} r^(n ${mi} 1)`,
    steps: [`a_1 = ${a}, r = ${rr}`, c.inter(`r^(n ${mi} 1)`, `${rr}^${n - 1} = ${f(rr ** (n - 1))}`)],
    expr: `${a} ${m} ${f(rr ** (n - 1))}`,
    value: ans,
  };
  const m1: Attempt = {
    plan: `just list the terms`,
    steps: [`${prevTerms.map(f).join(', ')}`, `that's up to term ${n - 1}, one more multiplication`],
    expr: `${f(prevTerms[n - 2])} ${m} ${rr}`,
    value: ans,
  };
  const t3 = a * rr * rr;
  const m2: Attempt = {
    plan: `start from the 3rd term, ${t3}, and multiply by ${rr} another ${n - 3} times`,
    steps: [`${rr}^${n - 3} = ${f(rr ** (n - 3))}`],
    expr: `${t3} ${m} ${f(rr ** (n - 3))}`,
    value: ans,
  };
  const mk: Mistake = {
    plan: `multiply the first term by ${rr} once for each term`,
    steps: [`${rr}^${n} = ${f(rr ** n)}`],
    expr: `${a} ${m} ${f(rr ** n)}`,
    value: a * rr ** n,
    catchText: `The exponent should be n ${mi} 1 = ${n - 1}, not ${n}: the first term has not been multiplied at all.`,
  };
  const l3 = [a, a * rr, a * rr * rr].join(', ');
  return {
    task: 'nth-term-geo',
    query: r.pick([
      `The sequence ${l3}, ... multiplies by the same number each time. What is the ${ord(n)} term?`,
      `Find the ${ord(n)} term of the geometric sequence ${l3}, ...`,
    ]),
    answer: ans,
    q: `the ${ord(n)} term`,
    restate: `the sequence ${l3}, ... has ratio ${rr}, and we need term ${n}`,
    methods: [m0, m1, m2],
    mistakes: [mk],
    subchecks: [`${a * rr} ${c.dv} ${a} = ${rr}, so the ratio is ${rr}`, `${rr}^${n - 1} = ${f(rr ** (n - 1))}`],
    rethinks: [`Term 1 has no factor of ${rr}, term 2 has one, so term ${n} has ${n - 1}. Exponent ${n - 1} is right.`],
    smallcase: [`The 3rd term by the formula: ${a} ${m} ${rr}^2 = ${t3}, matching the list.`],
    plugs: [],
    estimate: null,
  };
};

// ---- sequences: sum of the first n terms

const taskSeriesSum: TaskGen = (c) => {
  const r = c.r;
  const { f, m, mi, dv } = c;
  const n = r.int(10, 60);
  const a = r.int(1, 25);
  const d = r.int(1, 9);
  const l = a + (n - 1) * d;
  const ans = (n * (a + l)) / 2;
  if (!Number.isInteger(ans)) return null;
  const lw = a + n * d;
  if ((n * (a + lw)) % 2) return null;
  const wrong = (n * (a + lw)) / 2;
  const half = n % 2 === 0;
  const m0: Attempt = {
    plan: `find the last term and use (first + last) ${m} n / 2`,
    steps: [c.inter('the last term', `${a} + ${n - 1} ${m} ${d} = ${f(l)}`), `first plus last: ${a} + ${f(l)} = ${f(a + l)}`],
    expr: half ? `${n / 2} ${m} ${f(a + l)}` : `${n} ${m} ${f(a + l)} ${dv} 2`,
    value: ans,
  };
  const inner = 2 * a + (n - 1) * d;
  const m1: Attempt = {
    plan: `use S_n = n/2 ${m} (2a + (n ${mi} 1)d)`,
    steps: [`2a = ${2 * a}`, `(n ${mi} 1)d = ${n - 1} ${m} ${d} = ${f((n - 1) * d)}`, `so the bracket is ${f(inner)}`],
    expr: half ? `${n / 2} ${m} ${f(inner)}` : `${n} ${m} ${f(inner)} ${dv} 2`,
    value: ans,
  };
  const tri = (n * (n - 1)) / 2;
  const m2: Attempt = {
    plan: `split each term into ${a} plus a multiple of ${d}`,
    steps: [
      `${n} copies of ${a} give ${f(n * a)}`,
      `the multiples of ${d} are ${d} ${m} (0 + 1 + ... + ${n - 1}) = ${d} ${m} ${f(tri)} = ${f(d * tri)}`,
    ],
    expr: `${f(n * a)} + ${f(d * tri)}`,
    value: ans,
  };
  const mk: Mistake = {
    plan: m0.plan,
    steps: [c.inter('the last term', `${a} + ${n} ${m} ${d} = ${f(lw)}`), `first plus last: ${a} + ${f(lw)} = ${f(a + lw)}`],
    expr: half ? `${n / 2} ${m} ${f(a + lw)}` : `${n} ${m} ${f(a + lw)} ${dv} 2`,
    value: wrong,
    catchText: `The ${ord(n)} term is ${a} + ${n - 1} ${m} ${d}, not ${a} + ${n} ${m} ${d}. I used one step too many for the last term.`,
  };
  const list = [a, a + d, a + 2 * d].join(', ');
  return {
    task: 'series-sum',
    query: r.pick([
      `What is the sum of the first ${n} terms of the arithmetic sequence ${list}, ...?`,
      `Find the sum of the first ${n} terms of the sequence ${list}, ... (each term is ${d} more than the previous one).`,
      `An arithmetic sequence begins ${list}. What is the sum of its first ${n} terms?`,
    ]),
    answer: ans,
    q: `the sum of the first ${n} terms`,
    restate: `the sequence starts at ${a}, goes up by ${d}, and we add up ${n} terms`,
    methods: [m0, m1, m2],
    mistakes: [mk],
    subchecks: [`the last term ${a} + ${n - 1} ${m} ${d} = ${f(l)}`, `${a} + ${f(l)} = ${f(a + l)}`, `0 + 1 + ... + ${n - 1} = ${f(tri)}`],
    rethinks: [
      `The terms pair up from the outside in, each pair summing to first + last, and there are ${n}/2 such pairs, so the formula applies.`,
    ],
    smallcase: [
      `For the first 3 terms: ${list} add to ${3 * a + 3 * d}, and 3 ${m} (${a} + ${a + 2 * d}) / 2 = ${3 * a + 3 * d}. The formula works.`,
    ],
    plugs: [],
    estimate: roughly(c, ans),
  };
};

const TASKS: TaskGen[] = [taskWordSum, taskLinear, taskChoose, taskArrange, taskNth, taskSeriesSum];

// ---------------------------------------------------------------------------------------------
// Consistency guard: the asked value never appears in the reasoning before it is concluded.

function numRe(s: string): RegExp {
  const esc = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.,])${esc}(?![\\d]|[.,]\\d)`);
}
function mentions(text: string, n: number, c: Ctx): boolean {
  return numRe(String(n)).test(text) || numRe(c.f(n)).test(text);
}

function taskOk(t: Task, c: Ctx): boolean {
  const before = [
    t.query,
    t.restate,
    t.estimate ?? '',
    ...t.subchecks,
    ...t.rethinks,
    ...t.smallcase,
    ...t.mistakes.map((k) => k.catchText),
  ];
  for (const mth of t.methods) before.push(mth.plan, ...mth.steps, mth.expr);
  for (const mk of t.mistakes) {
    if (mk.value === t.answer || mk.value <= 0) return false;
    if (mentions([mk.plan, ...mk.steps, mk.expr].join(' \n '), mk.value, c)) return false;
    if (mentions([mk.plan, ...mk.steps, mk.expr].join(' \n '), t.answer, c)) return false;
  }
  return !mentions(before.join(' \n '), t.answer, c);
}

// ---------------------------------------------------------------------------------------------
// Body builder with exact offsets

class Body {
  s = '';
  cands: Cand[] = [];
  cuts: { pos: number; n: number }[] = [];
  dirty = true; // new work since the last candidate
  last: string | null = null;
  constructor(private r: Rng) {}
  para(): void {
    if (this.s && !this.s.endsWith('\n')) this.s += '\n\n';
  }
  raw(t: string): void {
    this.s += t;
  }
  private sep(): string {
    return this.s === '' || this.s.endsWith('\n') ? '' : ' ';
  }
  /** A sentence with no candidate. cut: positions inside it may end a truncated response. */
  sent(t: string, cut = false): void {
    const start = this.s.length + this.sep().length;
    this.s += this.sep() + t;
    if (cut) {
      const re = /[A-Za-z]{2,}(?= )/g;
      let mm: RegExpExecArray | null;
      while ((mm = re.exec(t))) {
        const end = mm.index + mm[0].length;
        if (end < t.length - 2) this.cuts.push({ pos: start + end, n: this.cands.length });
      }
    }
  }
  work(t: string, cut = true): void {
    this.sent(t, cut);
    this.dirty = true;
  }
  /** A sentence whose {v} is a candidate. */
  cand(tpl: string, v: string): void {
    if (!this.dirty && this.last === v) throw new Error('restatement labelled as a candidate');
    const i = tpl.indexOf('{v}');
    const pre = tpl.slice(0, i);
    const post = tpl
      .slice(i + 3)
      .split('{v}')
      .join(v);
    const sep = this.sep();
    const off = this.s.length + sep.length + pre.length;
    this.s += sep + pre + v + post;
    this.cands.push({ value: v, offset: off });
    this.dirty = false;
    this.last = v;
  }
  /** A restatement of the current candidate (merges: no label). */
  restate(tpl: string, v: string): void {
    if (this.dirty || this.last !== v) throw new Error('restatement after new work');
    this.sent(tpl.split('{v}').join(v));
  }
}

function fill(tpl: string, vars: Record<string, string>): string {
  let out = tpl;
  for (const [k, val] of Object.entries(vars)) if (k !== 'v') out = out.split(`{${k}}`).join(val);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Composer

type Scenario = 'right' | 'right-short' | 'corrected' | 'flip' | 'wrong-stays' | 'flip-stuck' | 'double-wrong';

interface Gen {
  r: Rng;
  c: Ctx;
  t: Task;
  b: Body;
  q: string;
  used: Set<string>;
}

function conc(g: Gen, tpls: readonly string[], value: number, expr: string, w?: number): void {
  const { r, c, b } = g;
  let tpl = r.pick(tpls);
  if (w === undefined && tpl.includes('{w}')) throw new Error('template needs the rejected value');
  if (c.latex) tpl = tpl.replace('{e} = {v}', '\\( {e} = {v} \\)').replace('{E} = {v}', '\\( {e} = {v} \\)');
  const vars: Record<string, string> = { q: g.q, Q: capQ(g.q), e: expr, E: cap(expr), w: w === undefined ? '' : c.f(w) };
  b.cand(fill(tpl, vars), c.f(value));
}

const CONNECTIVE = /^(so|that|which|meaning|therefore|hence|thus|and|okay|got it|putting|then|the partial)\b/;

function steps(g: Gen, at: Attempt, opts: { hmm?: boolean; plan?: 'first' | 'alt' | 'none' }): void {
  const { r, b } = g;
  if (opts.plan === 'first') b.work(fill(r.pick(PLAN), { p: at.plan }));
  else if (opts.plan === 'alt') b.work(fill(r.pick(ALTIN), { p: at.plan }));
  const hmmAt = opts.hmm ? r.int(0, at.steps.length - 1) : -1;
  at.steps.forEach((s, i) => {
    const lead = CONNECTIVE.test(s) ? '{S}.' : r.pick(i === 0 ? LEAD : LEAD.filter((x) => !/[Ff]irst/.test(x)));
    b.work(lead.replace('{s}', s).replace('{S}', cap(s)));
    if (i === hmmAt) b.work(r.pick(MIDHMM));
    if (r.chance(0.35)) b.para();
  });
}

function attempt(
  g: Gen,
  at: Attempt,
  kind: 'first' | 'echo' | 'corr' | 'flip',
  opts: { plan?: 'first' | 'alt' | 'none'; hmm?: boolean; w?: number },
): void {
  steps(g, at, { hmm: opts.hmm, plan: opts.plan ?? 'none' });
  const tpls = kind === 'first' ? CONC1 : kind === 'echo' ? ECHO_E : kind === 'corr' ? CORR : FLIPC;
  conc(g, tpls, at.value, at.expr, opts.w);
}

function maybeRestate(g: Gen, p: number): void {
  const { r, b } = g;
  if (!r.chance(p) || b.dirty || b.last === null) return;
  b.restate(fill(r.pick(RESTATE), { q: g.q, V: b.last }).replace('{v}', b.last), b.last);
}

function confirm(g: Gen): void {
  const { r, b } = g;
  b.sent(r.pick(CONFIRM));
  if (!b.dirty && b.last !== null && r.chance(0.35)) b.restate(fill(r.pick(RESTATE), { q: g.q, V: b.last }), b.last);
}

type CheckKind = 'method' | 'sub' | 'rethink' | 'rethink-state' | 'small' | 'reread' | 'plug' | 'bare';

/** One re-check while the current candidate has value `cur` (the right answer when right). */
function fresh(g: Gen, xs: readonly string[]): string | null {
  const left = xs.filter((x) => !g.used.has(x));
  if (!left.length) return null;
  const x = g.r.pick(left);
  g.used.add(x);
  return x;
}

function check(g: Gen, kind: CheckKind, cur: { value: number; right: boolean; mk?: Mistake }, altIdx: { i: number }): void {
  const { r, b, t } = g;
  const pool =
    kind === 'sub'
      ? t.subchecks
      : kind === 'rethink' || kind === 'rethink-state'
        ? t.rethinks
        : kind === 'small'
          ? t.smallcase
          : kind === 'plug'
            ? t.plugs
            : null;
  const content = pool ? fresh(g, pool) : null;
  if (pool && content === null) kind = 'bare';
  const once =
    kind === 'reread' ? '#reread' : kind === 'method' ? `#method${cur.right ? altIdx.i % Math.max(1, t.methods.length - 1) : 'w'}` : null;
  if (once && g.used.has(once)) kind = 'bare';
  else if (once) g.used.add(once);
  switch (kind) {
    case 'method': {
      b.para();
      if (cur.right) {
        const alts = t.methods.slice(1);
        const mth = alts[altIdx.i % alts.length];
        altIdx.i++;
        if (r.chance(0.5)) b.work(r.pick(CHECKIN));
        attempt(g, mth, 'echo', { plan: 'alt' });
      } else if (cur.mk && !cur.mk.slip) {
        // the same mistake again (an echo of the wrong value)
        b.work(r.pick(CHECKIN));
        b.work(r.pick(RECOMPUTE));
        attempt(g, cur.mk, 'echo', { plan: 'none' });
      } else confirm(g);
      break;
    }
    case 'sub':
      b.work(fill(r.pick(SUBCHK), { c: content ?? '' }));
      break;
    case 'rethink':
      b.para();
      b.work(r.pick(CHECKIN));
      b.work(content ?? '');
      break;
    case 'rethink-state':
      b.para();
      b.work(r.pick(CHECKIN));
      b.work(content ?? '');
      conc(g, ECHO_P, cur.value, '');
      break;
    case 'small':
      b.para();
      b.work(r.pick(SMALLIN));
      b.work(content ?? '');
      break;
    case 'reread':
      b.para();
      b.work(r.pick(REREADIN));
      b.work(fill(r.pick(RESTATE_Q), { R: t.restate }));
      b.work(r.pick(REREADOK));
      break;
    case 'plug':
      b.para();
      b.work(r.pick(CHECKIN));
      b.work(content ?? '');
      conc(g, ECHO_P, cur.value, '');
      break;
    case 'bare':
      confirm(g);
      break;
  }
}

function checkLoop(g: Gen, k: number, cur: { value: number; right: boolean; mk?: Mistake }, needEcho: boolean): void {
  const { r, t } = g;
  const kinds: CheckKind[] = [];
  const pool: CheckKind[] = cur.right
    ? ['method', 'method', 'sub', 'rethink', 'rethink-state', 'reread', 'bare', 'bare']
    : ['method', 'reread', 'bare', 'bare', 'rethink'];
  if (cur.right && t.smallcase.length) pool.push('small');
  if (cur.right && t.plugs.length) pool.push('plug', 'plug');
  for (let i = 0; i < k; i++) kinds.push(r.pick(pool));
  if (needEcho && !kinds.some((x) => x === 'method' || x === 'plug' || x === 'rethink-state')) kinds[r.int(0, kinds.length - 1)] = 'method';
  const altIdx = { i: r.int(0, 1) };
  for (const kd of kinds) {
    if (kd === 'rethink' && !cur.right) {
      // a rethink of a wrong reasoning that does not notice the error: keep it vague
      // a bare look that re-examines nothing (not new work)
      g.b.para();
      const txt = fresh(g, LOOKOK);
      if (txt) g.b.sent(txt);
      else confirm(g);
      continue;
    }
    check(g, kd, cur, altIdx);
  }
}

function slipOf(g: Gen): Mistake {
  const { r, t, c } = g;
  const m0 = t.methods[0];
  const ans = t.answer;
  const cands = [1, -1, 2, -2, 10, -10, 9, ans > 300 ? 100 : 11, ans > 300 ? -100 : -11];
  for (let i = 0; i < 20; i++) {
    const w = ans + r.pick(cands);
    if (w > 0 && w !== ans && !t.mistakes.some((k) => k.value === w)) {
      return { ...m0, value: w, slip: true, catchText: fill(r.pick(SLIPCATCH), { e: m0.expr, E: cap(m0.expr), w: c.f(w) }) };
    }
  }
  return t.mistakes[0];
}

function compose(g: Gen, sc: Scenario): number {
  const { r, t, b } = g;
  // opening
  b.work(r.pick(OPEN));
  b.work(fill(r.pick(RESTATE_Q), { R: t.restate }));
  b.work(fill(r.pick(ASKS), { q: g.q }));
  if (t.estimate && r.chance(0.3)) b.work(fill(r.pick(ESTIMATE), { x: t.estimate }));
  b.para();
  const conceptual = r.pick(t.mistakes);
  const slip = slipOf(g);
  const m0 = t.methods[0];
  const nChecks = (): number => r.int(2, 6);
  switch (sc) {
    case 'right':
    case 'right-short': {
      attempt(g, m0, 'first', { plan: 'first', hmm: r.chance(0.5) });
      maybeRestate(g, 0.4);
      b.para();
      if (sc === 'right-short') {
        for (let i = r.int(1, 3); i > 0; i--)
          check(g, r.pick(['bare', 'sub', 'bare', 'reread', 'rethink'] as const), { value: t.answer, right: true }, { i: 0 });
      } else checkLoop(g, nChecks(), { value: t.answer, right: true }, true);
      return t.answer;
    }
    case 'corrected': {
      const mk = r.chance(0.55) ? conceptual : slip;
      attempt(g, mk, 'first', { plan: 'first', hmm: r.chance(0.4) });
      maybeRestate(g, 0.3);
      if (r.chance(0.5)) check(g, 'bare', { value: mk.value, right: false }, { i: 0 });
      b.para();
      if (r.chance(0.5)) b.work(r.pick(CHECKIN));
      b.work(r.pick(CATCHIN));
      b.work(mk.catchText);
      const redo = r.chance(0.6) ? m0 : r.pick(t.methods.slice(1));
      attempt(g, redo, 'corr', { plan: redo === m0 ? 'none' : 'alt', w: mk.value });
      maybeRestate(g, 0.3);
      b.para();
      checkLoop(g, r.int(1, 4), { value: t.answer, right: true }, r.chance(0.5));
      return t.answer;
    }
    case 'double-wrong': {
      attempt(g, slip, 'first', { plan: 'first' });
      b.para();
      b.work(r.pick(CATCHIN));
      b.work(slip.catchText);
      b.work(r.pick(REDO));
      const mk = t.mistakes.find((k) => k.value !== slip.value) ?? conceptual;
      attempt(g, mk, 'corr', { plan: 'none', w: slip.value });
      b.para();
      if (r.chance(0.5)) confirm(g);
      b.work(r.pick(CHECKIN));
      b.work(r.pick(CATCHIN));
      b.work(mk.catchText);
      attempt(g, m0, 'corr', { plan: 'none', w: mk.value });
      b.para();
      checkLoop(g, r.int(1, 3), { value: t.answer, right: true }, false);
      return t.answer;
    }
    case 'flip':
    case 'flip-stuck': {
      attempt(g, m0, 'first', { plan: 'first', hmm: r.chance(0.4) });
      maybeRestate(g, 0.3);
      b.para();
      if (r.chance(0.6)) check(g, r.pick(['bare', 'sub', 'method'] as const), { value: t.answer, right: true }, { i: 0 });
      b.para();
      const mk = sc === 'flip-stuck' || r.chance(0.5) ? conceptual : slip;
      b.work(r.pick(DOUBT));
      attempt(g, mk, 'flip', { plan: 'none', w: t.answer });
      b.para();
      if (sc === 'flip-stuck') {
        if (r.chance(0.5)) confirm(g);
        checkLoop(g, r.int(0, 2), { value: mk.value, right: false, mk }, false);
        return mk.value;
      }
      b.work(r.pick(FLIPBACK));
      b.work(r.pick(CATCHIN));
      b.work(mk.catchText);
      const redo = r.pick(t.methods);
      attempt(g, redo, 'corr', { plan: redo === m0 ? 'none' : 'alt', w: mk.value });
      b.para();
      checkLoop(g, r.int(1, 3), { value: t.answer, right: true }, false);
      return t.answer;
    }
    case 'wrong-stays': {
      const mk = r.chance(0.6) ? conceptual : slip;
      attempt(g, mk, 'first', { plan: 'first', hmm: r.chance(0.4) });
      maybeRestate(g, 0.4);
      b.para();
      checkLoop(g, r.int(1, 4), { value: mk.value, right: false, mk }, r.chance(0.5));
      return mk.value;
    }
  }
}

function closeThink(g: Gen, finalV: number): void {
  const { r, b, c } = g;
  b.para();
  b.sent(r.pick(CLOSE));
  const v = c.f(finalV);
  if (r.chance(0.3)) b.sent(r.pick(FORMAT_ONLY));
  // A draft of the answer only right after the last candidate with nothing re-examined since
  // (a restatement that merges); after a bare check nothing is drafted.
  if (!b.dirty && b.last === v && r.chance(0.6)) b.restate(r.pick(DRAFT), v);
}

function summary(g: Gen, at: Attempt): string {
  const { r, c, t } = g;
  const lines: string[] = [];
  lines.push(r.pick(SUMINTRO));
  lines.push('');
  const style = r.int(0, 2);
  const tidy = (s: string): string => cap(s.replace(/^(then|so|and so|and|okay,?|hence|thus|therefore)\s+/i, ''));
  const stepLines = [...at.steps.map(tidy), `${capQ(g.q)}: ${at.expr} = ${c.f(at.value)}`];
  stepLines.forEach((s, i) => lines.push(style === 0 ? `${i + 1}. ${s}.` : style === 1 ? `- ${s}.` : `${s}.`));
  lines.push('');
  lines.push('**Final Answer**');
  const boxed = String(at.value);
  lines.push(
    fill(r.pick(FINALLINE), { q: g.q, Q: capQ(g.q) })
      .split('{v}')
      .join(boxed),
  );
  void t;
  return lines.join(style === 2 ? '\n' : '\n');
}

// ---------------------------------------------------------------------------------------------

const SCENARIOS: [Scenario, number][] = [
  ['right', 38],
  ['right-short', 10],
  ['corrected', 16],
  ['double-wrong', 5],
  ['flip', 11],
  ['wrong-stays', 6],
  ['flip-stuck', 3],
];

function pickScenario(r: Rng): Scenario {
  const tot = SCENARIOS.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * tot;
  for (const [s, w] of SCENARIOS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'right';
}

function one(r: Rng, id: string): PhrasingRecord {
  for (;;) {
    const c = makeCtx(r);
    const t = r.pick(TASKS)(c);
    if (!t || !taskOk(t, c)) continue;
    const sc = pickScenario(r);
    const b = new Body(r);
    const g: Gen = { r, c, t, b, q: t.q, used: new Set() };
    const thoughtTags = r.chance(0.3);
    const omitOpen = !thoughtTags && r.chance(0.15);
    if (thoughtTags) b.raw('<|begin_of_thought|>\n\n');
    else if (!omitOpen) b.raw('<think>\n');
    const finalV = compose(g, sc);
    // which attempt produced the final value (for the write-up)
    const finalAt = finalV === t.answer ? t.methods[0] : (t.mistakes.find((k) => k.value === finalV) ?? { ...t.methods[0], value: finalV });
    const truncate = r.chance(0.09);
    const headers: Record<string, string> = { query: t.query, answer: String(t.answer), task: t.task };
    if (truncate && b.cuts.length) {
      // cut before any answer, or after some candidates, mid-sentence
      const none = r.chance(0.45);
      const zero = b.cuts.filter((x) => x.n === 0);
      const ok = none ? zero.slice(Math.floor(zero.length / 2)) : b.cuts.filter((x) => x.n >= 1);
      if (ok.length) {
        const cut = r.pick(ok);
        const body = b.s.slice(0, cut.pos);
        headers.truncated = 'true';
        return { id, headers, body, candidates: b.cands.filter((k) => k.offset + k.value.length <= cut.pos), final: null };
      }
    }
    closeThink(g, finalV);
    let body = b.s.replace(/\s+$/, '');
    const sum = summary(g, finalAt);
    if (thoughtTags) body += `\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n${sum}\n\n<|end_of_solution|>`;
    else body += `\n</think>\n\n${sum}`;
    return { id, headers, body, candidates: b.cands, final: String(finalV) };
  }
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const r = new Rng(hashStr(`${family}:${split}:${seed}`));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(one(r, `${family}-${split}-${seed}-${i + 1}`));
  return out;
}
