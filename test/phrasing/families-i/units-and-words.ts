// Phrasing family 'units-and-words' (famI2, stop 37): generated responses with exact candidate labels,
// written from docs/annotation-guide.md only. Self-contained: no imports.
// ---------------------------------------------------------------------------------------------
// Self-contained: the record shape of test/phrasing/families/types.ts, declared here.
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
export type PhrasingSplit = 'dev' | 'heldout';

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG (mulberry32 over a FNV-1a hash of family, split and seed).
function hashStr(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.next() * arr.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T extends string>(w: Record<T, number>): T {
    const keys = Object.keys(w) as T[];
    let total = 0;
    for (const k of keys) total += w[k];
    let x = this.next() * total;
    for (const k of keys) {
      x -= w[k];
      if (x < 0) return k;
    }
    return keys[keys.length - 1];
  }
}

// ---------------------------------------------------------------------------------------------
// Problem model shared by both splits. Text given by a problem may hold math marked ⟨...⟩; the
// split's style decides how it is written (delimiters, \dfrac, x for ×, ...).
interface Step {
  what: string; // noun phrase naming what the step finds (split-neutral)
  m: string; // the math / calculation of the step
  join?: string; // what joins m to the value in a result line (default ' = ')
}
interface Attempt {
  key: string; // identity of the value ('right', 'w1', 'w2'): same key = same value
  value: string; // canonical value (before the split's notation)
  steps: Step[]; // the last step's m is the expression whose value is the answer
  slipAt: number; // first step that differs from the right attempt (wrong attempts)
  slip: string; // what went wrong (wrong attempts), a noun phrase
  aside: string; // a conversion / decimal of the value (not a new answer), may be ''
}
interface PlugCheck {
  m: string; // the check's calculation
  pass: boolean; // whether it confirms the attempt
}
interface Problem {
  task: string;
  query: string;
  answer: string;
  noun: string; // "the area", "the integral" (split-neutral)
  givens: string[]; // facts quoted from the question
  right: Attempt;
  wrongs: Attempt[]; // at least two, distinct values
  plug(a: Attempt): PlugCheck; // substitute back / differentiate back: tests without restating
  alt(a: Attempt): Step; // another route whose expression evaluates to a's value (m without value)
}

export type Scenario =
  | 'right-stop'
  | 'right-echo'
  | 'fix'
  | 'fix-echo'
  | 'fix2'
  | 'wrong-stop'
  | 'wrong-echo'
  | 'right-to-wrong'
  | 'wrong-to-wrong'
  | 'cut-none'
  | 'cut-after';

const SCENARIO_WEIGHTS: Record<Scenario, number> = {
  'right-stop': 22,
  'right-echo': 14,
  fix: 16,
  'fix-echo': 6,
  fix2: 6,
  'wrong-stop': 10,
  'wrong-echo': 5,
  'right-to-wrong': 5,
  'wrong-to-wrong': 4,
  'cut-none': 7,
  'cut-after': 5,
};

// A split's phrasing bank: every sentence the response is made of, apart from the problem's math.
interface Style {
  val(v: string): string; // the value as this record writes it
  fm(s: string): string; // problem text with ⟨math⟩ -> written math
}
interface Bank {
  style(r: Rng): Style;
  intro(p: Problem, st: Style, r: Rng): string;
  step(s: Step, i: number, n: number, st: Style, r: Rng): string;
  chainLine(s: Step, st: Style, r: Rng): [string, string]; // the last step written up to its value
  lead(p: Problem, st: Style, r: Rng, aside: string): [string, string]; // statement of the answer
  bare(r: Rng): string; // a bare confirmation, no new work
  closing(p: Problem, st: Style, r: Rng): [string, string]; // closing restatement line
  marker(r: Rng): string; // re-check marker opening a check
  plug(c: PlugCheck, st: Style, r: Rng): string; // the check written out (pass or fail)
  altIntro(s: Step, st: Style, r: Rng): [string, string]; // another route, up to its value
  agree(r: Rng): string; // after an alt route that agrees (no value)
  slip(a: Attempt, st: Style, r: Rng, fromCheck: boolean): string; // the mistake found
  doubt(a: Attempt, st: Style, r: Rng): string; // a mistaken worry that leads to a wrong value
  redoIntro(r: Rng): string; // redo the arithmetic (same route again)
}

// ---------------------------------------------------------------------------------------------
// Builder: records every statement of the answer and decides, per the annotation guide, whether
// it is a candidate: the first statement after new work (or of a new value) is; a restatement
// with no new work in between merges into the previous candidate.
class Builder {
  body = '';
  cands: PhrasingCandidate[] = [];
  private stated = false;
  private current: string | null = null;
  text(s: string): void {
    this.body += s;
  }
  work(s: string): void {
    this.body += s;
    this.stated = false;
  }
  merged = 0;
  plugs = 0;
  state(pre: string, value: string, post: string, key: string): void {
    const offset = this.body.length + pre.length;
    this.body += pre + value + post;
    if (!this.stated || key !== this.current) this.cands.push({ value, offset });
    else this.merged++;
    this.stated = true;
    this.current = key;
  }
}

function cutText(s: string, r: Rng): string {
  // cut a sentence at a word boundary between 30% and 80% of its length (mid-sentence)
  const lo = Math.floor(s.length * 0.3);
  const hi = Math.floor(s.length * 0.8);
  const at = r.int(lo, Math.max(lo, hi));
  const sp = s.lastIndexOf(' ', at);
  const cut = sp > 4 ? s.slice(0, sp) : s.slice(0, Math.max(1, at));
  return cut.replace(/\s+$/, '');
}

function writeAttempt(b: Builder, bank: Bank, p: Problem, a: Attempt, from: number, st: Style, r: Rng): void {
  const n = a.steps.length;
  const chainMode = r.chance(0.45);
  for (let i = from; i < n; i++) {
    if (i === n - 1 && chainMode) {
      const [pre, post] = bank.chainLine(a.steps[i], st, r);
      b.state(pre, st.val(a.value), post, a.key);
    } else {
      b.work(bank.step(a.steps[i], i, n, st, r));
    }
  }
  if (!chainMode || r.chance(0.45)) {
    const [pre, post] = bank.lead(p, st, r, r.chance(0.4) ? a.aside : '');
    b.state(pre, st.val(a.value), post, a.key);
  }
}

function writeClosing(b: Builder, bank: Bank, p: Problem, a: Attempt, st: Style, r: Rng): void {
  const [pre, post] = bank.closing(p, st, r);
  b.state(pre, st.val(a.value), post, a.key);
}

// A check of attempt a: plug-back (then a statement of the answer) or another route that ends in a value.
function writeEcho(b: Builder, bank: Bank, p: Problem, a: Attempt, st: Style, r: Rng, sameRoute: boolean): void {
  b.work(bank.marker(r));
  if (sameRoute) {
    const last = a.steps[a.steps.length - 1];
    b.work(bank.redoIntro(r));
    const [pre, post] = bank.chainLine(last, st, r);
    b.state(pre, st.val(a.value), post, a.key);
  } else if (r.chance(0.5)) {
    b.plugs++;
    b.work(bank.plug(p.plug(a), st, r));
    const [pre, post] = bank.lead(p, st, r, '');
    b.state(pre, st.val(a.value), post, a.key);
  } else {
    const [pre, post] = bank.altIntro(p.alt(a), st, r);
    b.state(pre, st.val(a.value), post, a.key);
    if (r.chance(0.4)) b.text(bank.agree(r));
  }
}

// From wrong attempt w to attempt next: a check (or a direct second look) finds the slip, the
// work is redone from the slip, and the new value is stated.
function writeCorrection(b: Builder, bank: Bank, p: Problem, w: Attempt, next: Attempt, st: Style, r: Rng): void {
  b.work(bank.marker(r));
  const viaCheck = r.chance(0.6);
  if (viaCheck) {
    b.plugs++;
    b.work(bank.plug(p.plug(w), st, r));
  }
  b.work(bank.slip(w, st, r, viaCheck));
  writeAttempt(b, bank, p, next, Math.min(w.slipAt, next.slipAt), st, r);
}

function makeRecord(family: string, bank: Bank, p: Problem, sc: Scenario, r: Rng, id: string): PhrasingRecord {
  const b = new Builder();
  const st = bank.style(r);
  const [w1, w2] = p.wrongs;
  b.text(bank.intro(p, st, r));
  let last: Attempt | null = null;
  const maybeClose = (a: Attempt, pr: number): void => {
    if (r.chance(pr)) writeClosing(b, bank, p, a, st, r);
  };
  switch (sc) {
    case 'right-stop':
      writeAttempt(b, bank, p, p.right, 0, st, r);
      if (r.chance(0.35)) {
        b.text(bank.bare(r));
        const [pre, post] = bank.lead(p, st, r, '');
        b.state(pre, st.val(p.right.value), post, p.right.key);
      }
      maybeClose(p.right, 0.6);
      last = p.right;
      break;
    case 'right-echo':
      writeAttempt(b, bank, p, p.right, 0, st, r);
      writeEcho(b, bank, p, p.right, st, r, r.chance(0.2));
      maybeClose(p.right, 0.6);
      last = p.right;
      break;
    case 'fix':
      writeAttempt(b, bank, p, w1, 0, st, r);
      writeCorrection(b, bank, p, w1, p.right, st, r);
      maybeClose(p.right, 0.6);
      last = p.right;
      break;
    case 'fix-echo':
      writeAttempt(b, bank, p, w1, 0, st, r);
      writeCorrection(b, bank, p, w1, p.right, st, r);
      writeEcho(b, bank, p, p.right, st, r, false);
      maybeClose(p.right, 0.5);
      last = p.right;
      break;
    case 'fix2':
      writeAttempt(b, bank, p, w1, 0, st, r);
      writeCorrection(b, bank, p, w1, w2, st, r);
      writeCorrection(b, bank, p, w2, p.right, st, r);
      maybeClose(p.right, 0.6);
      last = p.right;
      break;
    case 'wrong-stop':
      writeAttempt(b, bank, p, w1, 0, st, r);
      if (r.chance(0.4)) {
        b.text(bank.bare(r));
        const [pre, post] = bank.lead(p, st, r, '');
        b.state(pre, st.val(w1.value), post, w1.key);
      }
      maybeClose(w1, 0.6);
      last = w1;
      break;
    case 'wrong-echo':
      writeAttempt(b, bank, p, w1, 0, st, r);
      writeEcho(b, bank, p, w1, st, r, true);
      maybeClose(w1, 0.6);
      last = w1;
      break;
    case 'right-to-wrong':
      writeAttempt(b, bank, p, p.right, 0, st, r);
      b.work(bank.marker(r));
      b.work(bank.doubt(w1, st, r));
      writeAttempt(b, bank, p, w1, w1.slipAt, st, r);
      maybeClose(w1, 0.6);
      last = w1;
      break;
    case 'wrong-to-wrong':
      writeAttempt(b, bank, p, w1, 0, st, r);
      writeCorrection(b, bank, p, w1, w2, st, r);
      maybeClose(w2, 0.6);
      last = w2;
      break;
    case 'cut-none': {
      const a = r.chance(0.5) ? p.right : w1;
      const n = a.steps.length;
      const k = r.int(0, n - 1); // steps written in full before the cut one
      for (let i = 0; i < k; i++) b.work(bank.step(a.steps[i], i, n, st, r));
      b.text(cutText(bank.step(a.steps[k], k, n, st, r).replace(/\s+$/, ''), r));
      last = null;
      break;
    }
    case 'cut-after': {
      const a = r.chance(0.5) ? p.right : w1;
      writeAttempt(b, bank, p, a, 0, st, r);
      b.work(bank.marker(r));
      b.text(cutText(bank.plug(p.plug(a), st, r).replace(/\s+$/, ''), r));
      last = a;
      break;
    }
  }
  let body = b.body.replace(/\s+$/, '');
  body = body.replace(/^===/gm, '\\===');
  const cands = b.cands.filter((c) => c.offset < body.length);
  void last;
  const rec: PhrasingRecord = {
    id,
    headers: { query: p.query, answer: p.answer, task: p.task },
    body,
    candidates: cands,
    final: cands.length ? cands[cands.length - 1].value : null,
  };
  meta.set(rec, { scenario: sc, merged: b.merged, plugs: b.plugs });
  return rec;
}

// Not part of the record: what each generated record was built as (for self-checks and mix counts).
export interface RecordMeta {
  scenario: Scenario;
  merged: number; // restatements that merged into a candidate
  plugs: number; // plug-back / differentiate-back checks written
}
export const meta = new WeakMap<PhrasingRecord, RecordMeta>();

function generateWith(
  family: string,
  banks: Record<PhrasingSplit, Bank>,
  makeProblem: (r: Rng) => Problem,
  seed: number,
  count: number,
  split: PhrasingSplit,
): PhrasingRecord[] {
  const r = new Rng(hashStr(`${family}/${split}/${seed}`));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const p = makeProblem(r);
    const sc = r.weighted(SCENARIO_WEIGHTS);
    out.push(makeRecord(family, banks[split], p, sc, r, `${family}-${split}-${seed}-${i + 1}`));
  }
  return out;
}

function pickOf<T>(r: Rng, arr: readonly T[]): T {
  return r.pick(arr);
}
function fill(t: string, vars: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? vars[k] : `{${k}}`));
}
function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Phrasing banks. A family supplies its notation (FamStyle); the sentences come from the split.
interface FamStyle {
  open: string; // inline math / value delimiters
  close: string;
  dOpen: string; // display math
  dClose: string;
  box0: string; // emphasised final value
  box1: string;
  asideWrap: [string, string];
  val(v: string): string;
  math(m: string): string; // transforms math / calculation text
}
interface FullStyle extends Style {
  f: FamStyle;
}

function joinGivens(g: string[], and: string): string {
  if (g.length <= 1) return g.join('');
  if (and === ';') return g.join('; ');
  return g.slice(0, -1).join(', ') + ` ${and} ` + g[g.length - 1];
}

interface Phrases {
  intro: string[];
  stepFirst: string[];
  step: string[];
  stepDisplay: string[];
  chain: [string, string][];
  lead: [string, string][];
  bare: string[];
  closing: [string, string][];
  marker: string[];
  plugPass: string[];
  plugFail: string[];
  alt: [string, string][];
  agree: string[];
  slipCheck: string[];
  slipDirect: string[];
  doubt: string[];
  redo: string[];
  and: string;
}

function makeBank(ph: Phrases, famStyle: (r: Rng) => FamStyle): Bank {
  const sub = (t: string, v: Record<string, string>): string => fill(t, v);
  const fs = (st: Style): FamStyle => (st as FullStyle).f;
  const im = (st: Style, m: string): string => fs(st).open + fs(st).math(m) + fs(st).close;
  return {
    style(r: Rng): Style {
      const f = famStyle(r);
      const s: FullStyle = {
        f,
        val: (v: string) => f.val(v),
        fm: (t: string) => t.replace(/⟨([^⟩]*)⟩/g, (_, m: string) => f.open + f.math(m) + f.close),
      };
      return s;
    },
    intro(p, st, r) {
      return sub(pickOf(r, ph.intro), { noun: st.fm(p.noun), givens: st.fm(joinGivens(p.givens, ph.and)) });
    },
    step(s, i, n, st, r) {
      const f = fs(st);
      const useDisplay = f.dOpen !== '' && r.chance(0.3);
      const t = useDisplay ? pickOf(r, ph.stepDisplay) : pickOf(r, i === 0 ? ph.stepFirst : ph.step);
      return sub(t, {
        what: st.fm(s.what),
        What: cap(st.fm(s.what)),
        m: im(st, s.m),
        M: f.dOpen + f.math(s.m) + f.dClose,
        k: String(i + 1),
      });
    },
    chainLine(s, st, r) {
      const f = fs(st);
      const [a, b] = pickOf(r, ph.chain);
      const v = { what: st.fm(s.what), What: cap(st.fm(s.what)), open: f.open, close: f.close, k: '?' };
      return [sub(a, v) + f.math(s.m) + (s.join ?? ' = '), sub(b, v)];
    },
    lead(p, st, r, aside) {
      const f = fs(st);
      const [a, b] = pickOf(r, ph.lead);
      const v = { noun: st.fm(p.noun), Noun: cap(st.fm(p.noun)), open: f.open, close: f.close, box0: f.box0, box1: f.box1 };
      let post = sub(b, v);
      if (aside) {
        const m = /^(\S*)([\s\S]*)$/.exec(post);
        const head = m ? m[1].replace(/[.,:;]$/, '') : '';
        const tail = post.slice(head.length);
        post = head + ' ' + f.asideWrap[0] + f.math(aside) + f.asideWrap[1] + tail;
      }
      return [sub(a, v), post];
    },
    bare(r) {
      return pickOf(r, ph.bare);
    },
    closing(p, st, r) {
      const f = fs(st);
      const [a, b] = pickOf(r, ph.closing);
      const v = { noun: st.fm(p.noun), open: f.open, close: f.close, box0: f.box0, box1: f.box1 };
      return [sub(a, v), sub(b, v)];
    },
    marker(r) {
      return pickOf(r, ph.marker);
    },
    plug(c, st, r) {
      return sub(pickOf(r, c.pass ? ph.plugPass : ph.plugFail), { m: im(st, c.m) });
    },
    altIntro(s, st, r) {
      const f = fs(st);
      const [a, b] = pickOf(r, ph.alt);
      const v = { what: st.fm(s.what), open: f.open, close: f.close };
      return [sub(a, v) + f.math(s.m) + (s.join ?? ' = '), sub(b, v)];
    },
    agree(r) {
      return pickOf(r, ph.agree);
    },
    slip(a, st, r, fromCheck) {
      return sub(pickOf(r, fromCheck ? ph.slipCheck : ph.slipDirect), { slip: st.fm(a.slip) });
    },
    doubt(a, st, r) {
      return sub(pickOf(r, ph.doubt), { slip: st.fm(a.slip) });
    },
    redoIntro(r) {
      return pickOf(r, ph.redo);
    },
  };
}

// Dev phrasing: a chatty R1-style reasoner ("Okay, so...", "Wait", "Hmm", **Final Answer**).
const DEV_PHRASES: Phrases = {
  and: 'and',
  intro: [
    'Okay, so I need to find {noun} here. Let me start by writing down what is given: {givens}.\n\n',
    "Alright, let's see. The question asks for {noun}, and we know {givens}.\n\n",
    "Okay, let me work through this step by step. We're told {givens}, and we want {noun}.\n\n",
    'Hmm, so the problem wants {noun}. First, note that {givens}.\n\n',
  ],
  stepFirst: ['First, {what}: {m}.\n', 'Let me start with {what}: {m}.\n'],
  step: ['Let me compute {what}: {m}.\n', 'Then {what} is {m}.\n', 'Next, {what}: {m}.\n', 'Now for {what}, I get {m}.\n'],
  stepDisplay: ['Let me write out {what}:\n{M}\n', 'So {what} becomes\n{M}\n'],
  chain: [
    ['So {what} is {open}', '{close}.\n'],
    ['Putting it together, {what} gives {open}', '{close}.\n'],
    ['And then {what}: {open}', '{close}.\n'],
  ],
  lead: [
    ['So {noun} is {open}', '{close}.\n'],
    ['Therefore, the answer is {box0}', '{box1}.\n'],
    ['That gives {noun} as {open}', '{close}.\n'],
    ['So, {noun} equals {open}', '{close}.\n'],
    ['So the answer should be {box0}', '{box1}.\n'],
  ],
  bare: ['Yes, that seems right. ', 'That makes sense. ', 'Okay, that looks reasonable. '],
  closing: [
    ['\n**Final Answer**\n{box0}', '{box1}'],
    ['\nSo the final answer is {box0}', '{box1}.'],
    ['\nThus, {noun} is {open}', '{close}.'],
  ],
  marker: [
    '\nWait, let me double-check that. ',
    '\nHmm, let me verify this. ',
    '\nBut wait, I should make sure. ',
    '\nLet me double-check. ',
    '\nHmm, actually, let me go back over this. ',
  ],
  plugPass: ['Let me check: {m}. That matches. ', 'Checking: {m}, which is consistent. ', 'If I plug it back in: {m}. Good. '],
  plugFail: [
    "Let me check: {m}. That doesn't match! ",
    "Checking: {m}. Hmm, that's inconsistent. ",
    "If I plug it back in: {m}. That's not right. ",
  ],
  alt: [
    ['Another way to see it: {what}, which gives {open}', '{close}.\n'],
    ['Alternatively, {what}: {open}', '{close}.\n'],
  ],
  agree: ['Same answer both ways. ', 'So both methods agree. '],
  slipCheck: ['So something is off. I think I made a mistake in {slip}.\n', 'Oh, I see the error: I messed up {slip}.\n'],
  slipDirect: ['Wait, no. I got {slip} wrong.\n', 'Hold on, I think I made a mistake in {slip}.\n'],
  doubt: ['Hmm, maybe I got {slip} wrong. Let me redo that part.\n', "Wait, I'm not sure about {slip}. Let me recompute.\n"],
  redo: ['Let me redo the last step. ', 'Let me recompute that arithmetic. '],
};

// Held-out phrasing: a terse, structured assistant (markdown steps, "Verification", "Correction:").
const HELDOUT_PHRASES: Phrases = {
  and: ';',
  intro: [
    '## Solution\n\n**Given:** {givens}.\n**Goal:** {noun}.\n\n',
    'We are asked for {noun}. From the problem statement, {givens}.\n\n',
    "To solve this, I'll set up what we know: {givens}. The target is {noun}.\n\n",
    "Let's approach this systematically. Known: {givens}; required: {noun}.\n\n",
  ],
  stepFirst: ['**Step {k}.** Compute {what}: {m}\n\n', 'We begin with {what}: {m}.\n'],
  step: [
    '**Step {k}.** Compute {what}: {m}\n\n',
    '- {What}: {m}\n',
    'We obtain {what} as follows: {m}.\n',
    'Computing {what} yields {m}.\n',
  ],
  stepDisplay: ['**Step {k}.** {What}:\n{M}\n\n', 'For {what} we have\n{M}\n'],
  chain: [
    ['Computing {what} yields {open}', '{close}.\n'],
    ['- {What}: {open}', '{close}\n'],
    ['Evaluating {what}: {open}', '{close}\n\n'],
  ],
  lead: [
    ['**Result:** {noun} = {open}', '{close}\n'],
    ['Hence {noun} comes out to {open}', '{close}.\n'],
    ['This evaluates to {open}', '{close}.\n'],
    ['Consequently, the value we want is {box0}', '{box1}.\n'],
  ],
  bare: ['This looks plausible. ', 'No issues there. ', 'That checks out at a glance. '],
  closing: [
    ['\n**Answer:** {open}', '{close}'],
    ['\nANSWER: ', ''],
    ['\n---\nThe answer is {box0}', '{box1}.'],
  ],
  marker: [
    '\n**Verification.** ',
    '\nLet me sanity-check this result. ',
    "\nBefore finalizing, I'll confirm it. ",
    '\nQuick re-check — ',
    '\nOn reflection, I want to confirm this. ',
  ],
  plugPass: ['Substituting back: {m} ✓. ', 'Test: {m}, as required. ', 'Confirming via substitution: {m}, consistent. '],
  plugFail: ['Substituting back: {m} ✗. ', 'Test: {m}, which contradicts the result. ', 'Confirming via substitution: {m} — a mismatch. '],
  alt: [
    ['Cross-check by a second route ({what}): {open}', '{close}.\n'],
    ['Independent route — {what}: {open}', '{close}.\n'],
  ],
  agree: ['Both routes coincide. ', 'The two results are identical. '],
  slipCheck: ['The error was in {slip}.\n\n', 'Correction: I mishandled {slip}.\n\n'],
  slipDirect: ['Actually, there is an error in {slip}.\n\n', 'I need to fix {slip}.\n\n'],
  doubt: ['Actually, {slip} deserves a second look; redoing it.\n', "I suspect an issue with {slip}, so I'll recompute from there.\n"],
  redo: ['Recomputing the final step once more: ', 'Repeating the last calculation: '],
};

// ---------------------------------------------------------------------------------------------
// units-and-words: everyday word problems whose answers carry units or are words.
export const family = 'units-and-words';

function att(key: string, value: string, steps: Step[], slipAt = 0, slip = '', aside = ''): Attempt {
  return { key, value, steps, slipAt, slip, aside };
}
function money(cents: number): string {
  const neg = cents < 0;
  const c = Math.abs(cents);
  return `${neg ? '-' : ''}$${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}
const ONES = [
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
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
function word(n: number): string {
  if (n < 20) return ONES[n];
  const t = TENS[Math.floor(n / 10)];
  return n % 10 ? `${t}-${ONES[n % 10]}` : t;
}
function clock(mins: number): string {
  // minutes since midnight -> "3:45 pm"
  const m = ((mins % 1440) + 1440) % 1440;
  const h24 = Math.floor(m / 60);
  const mm = m % 60;
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return `${h12}:${String(mm).padStart(2, '0')} ${h24 < 12 ? 'am' : 'pm'}`;
}
function dur(mins: number): string {
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function rectProblem(r: Rng): Problem {
  const unit = r.pick(['cm', 'm', 'in'] as const);
  for (;;) {
    const P = 2 * r.int(10, 30);
    const H = P / 2;
    const a = r.int(3, H - 3);
    const b = H - a;
    if (a === b) continue;
    const A = a * b;
    const b1 = P - a;
    const A1 = a * b1;
    const A2 = a * (b + 1);
    if (A1 === A2) continue;
    const u2 = `${unit}^2`;
    const s0: Step = { what: 'half the perimeter', m: `${P} ${unit} ÷ 2 = ${H} ${unit}` };
    const s1: Step = { what: 'the other side', m: `${H} ${unit} − ${a} ${unit} = ${b} ${unit}` };
    const s2: Step = { what: 'the area', m: `${a} ${unit} × ${b} ${unit}` };
    const conv =
      unit === 'cm'
        ? (x: number) => `${x * 100} mm^2`
        : unit === 'm'
          ? (x: number) => `${x * 10000} cm^2`
          : (x: number) => `${(x / 144).toFixed(2)} ft^2`;
    const right = att('right', `${A} ${u2}`, [s0, s1, s2], 0, '', conv(A));
    const w1 = att(
      'w1',
      `${A1} ${u2}`,
      [
        s0,
        { what: 'the other side', m: `${P} ${unit} − ${a} ${unit} = ${b1} ${unit}` },
        { what: 'the area', m: `${a} ${unit} × ${b1} ${unit}` },
      ],
      1,
      'the other side (it comes from half the perimeter, not the whole)',
      conv(A1),
    );
    const w2 = att('w2', `${A2} ${u2}`, [s0, s1, s2], 2, `the multiplication ${a} × ${b}`, conv(A2));
    return {
      task: 'rectangle-area',
      query: `A rectangle has a perimeter of ${P} ${unit}, and one of its sides is ${a} ${unit} long. What is the area of the rectangle?`,
      answer: `${A} ${u2}`,
      noun: 'the area of the rectangle',
      givens: [`the perimeter is ${P} ${unit}`, `one side is ${a} ${unit}`],
      right,
      wrongs: [w1, w2],
      plug(x) {
        if (x.key === 'w1') return { m: `2 × (${a} ${unit} + ${b1} ${unit}) = ${2 * (a + b1)} ${unit} ≠ ${P} ${unit}`, pass: false };
        if (x.key === 'w2')
          return { m: `${A2} ${u2} ÷ ${a} ${unit} = ${(A2 / a).toFixed(0)} ${unit}, but the other side is ${b} ${unit}`, pass: false };
        return { m: `2 × (${a} ${unit} + ${b} ${unit}) = ${P} ${unit} and ${A} ${u2} ÷ ${a} ${unit} = ${b} ${unit}`, pass: true };
      },
      alt() {
        return { what: 'multiplying the sides the other way round', m: `${b} ${unit} × ${a} ${unit}` };
      },
    };
  }
}

function moneyProblem(r: Rng): Problem {
  for (;;) {
    const [item, item2] = r.pick([
      ['notebooks', 'a pen'],
      ['apples', 'a bag'],
      ['tickets', 'a program'],
      ['muffins', 'a coffee'],
    ] as const);
    const n = r.int(2, 6);
    const p = 5 * r.int(15, 90); // cents
    const qq = 5 * r.int(20, 120);
    const T1 = n * p;
    const T = T1 + qq;
    const X = [1000, 2000, 5000].find((x) => x > T + 50);
    if (!X) continue;
    const C = X - T;
    const C1 = X - T1;
    const T1w = T1 - 100;
    const C2 = X - (T1w + qq);
    const base: Step[] = [
      { what: `the cost of the ${item}`, m: `${n} × ${money(p)} = ${money(T1)}` },
      { what: 'the total', m: `${money(T1)} + ${money(qq)} = ${money(T)}` },
      { what: 'the change', m: `${money(X)} − ${money(T)}` },
    ];
    const right = att('right', money(C), base, 0, '', `${C} cents`);
    const w1 = att(
      'w1',
      money(C1),
      [base[0], { what: 'the total', m: `${money(T1)}` }, { what: 'the change', m: `${money(X)} − ${money(T1)}` }],
      1,
      `the total (${item2} was left out)`,
      `${C1} cents`,
    );
    const w2 = att(
      'w2',
      money(C2),
      [
        { what: `the cost of the ${item}`, m: `${n} × ${money(p)} = ${money(T1w)}` },
        { what: 'the total', m: `${money(T1w)} + ${money(qq)} = ${money(T1w + qq)}` },
        { what: 'the change', m: `${money(X)} − ${money(T1w + qq)}` },
      ],
      0,
      `the product ${n} × ${money(p)}`,
      `${C2} cents`,
    );
    return {
      task: 'change-money',
      query: `Maria buys ${n} ${item} at ${money(p)} each and ${item2} for ${money(qq)}. She pays with a ${money(X).replace('.00', '')} bill. How much change does she get?`,
      answer: money(C),
      noun: 'the change',
      givens: [`${n} ${item} cost ${money(p)} each`, `${item2} costs ${money(qq)}`, `she pays ${money(X)}`],
      right,
      wrongs: [w1, w2],
      plug(x) {
        if (x.key === 'w1') return { m: `${money(T1)} + ${money(qq)} + ${money(C1)} = ${money(X + qq)} ≠ ${money(X)}`, pass: false };
        if (x.key === 'w2') return { m: `${n} × ${money(p)} = ${money(T1)}, not ${money(T1w)}`, pass: false };
        return { m: `${money(T)} + ${money(C)} = ${money(X)}`, pass: true };
      },
      alt() {
        return { what: 'taking each purchase off the bill in turn', m: `${money(X)} − ${money(T1)} − ${money(qq)}` };
      },
    };
  }
}

function timeProblem(r: Rng): Problem {
  for (;;) {
    const start = 60 * r.int(6, 15) + 5 * r.int(0, 11);
    const H = r.int(1, 5);
    const M = 5 * r.int(1, 11);
    if ((start % 60) + M < 60) continue; // keep a carry
    const end = start + 60 * H + M;
    const noCarry = end - 60;
    const w2v = end + 60;
    const hrsOnly = start + 60 * H;
    const what = r.pick(['train', 'bus', 'flight'] as const);
    const steps = (h: number, _arrive: number): Step[] => [
      { what: 'the time after the whole hours', m: `${clock(start)} + ${h} h = ${clock(start + 60 * h)}` },
      { what: 'the time after the minutes', m: `${clock(start + 60 * h)} + ${M} min` },
    ];
    void noCarry;
    const right = att('right', clock(end), steps(H, end), 0, '', `${Math.floor((end % 1440) / 60)}:${String(end % 60).padStart(2, '0')}`);
    const w1 = att('w1', clock(end - 60), steps(H, end - 60), 1, 'carrying the 60 minutes into the hour', '');
    const w2 = att('w2', clock(w2v), steps(H + 1, w2v), 0, 'adding the hours', '');
    void hrsOnly;
    const back = (t: number): string => clock(t - 60 * H - M);
    return {
      task: 'clock-arithmetic',
      query: `A ${what} leaves at ${clock(start)} and the trip takes ${dur(60 * H + M)}. At what time does it arrive?`,
      answer: clock(end),
      noun: 'the arrival time',
      givens: [`the ${what} leaves at ${clock(start)}`, `the trip takes ${dur(60 * H + M)}`],
      right,
      wrongs: [w1, w2],
      plug(x) {
        const t = x.key === 'right' ? end : x.key === 'w1' ? end - 60 : w2v;
        const pass = x.key === 'right';
        return { m: `${clock(t)} − ${dur(60 * H + M)} = ${back(t)}${pass ? '' : `, not ${clock(start)}`}`, pass };
      },
      alt() {
        return { what: 'converting the trip to minutes', m: `${clock(start)} + ${60 * H + M} min` };
      },
    };
  }
}

function wordsProblem(r: Rng): Problem {
  for (;;) {
    const [thing, who] = r.pick([
      ['stickers', 'Ana'],
      ['marbles', 'Leo'],
      ['cookies', 'Priya'],
      ['stamps', 'Tom'],
    ] as const);
    const N = r.int(15, 60);
    const a = r.int(2, 15);
    const b = r.int(2, 15);
    const L = N - a - b;
    if (L < 3 || L > 40) continue;
    const g = a + b;
    const g1 = g + r.pick([1, -1] as const);
    const L1 = N - g1;
    const L2 = L + r.pick([2, -2] as const);
    if (L2 === L1 || L2 < 1) continue;
    const steps = (gg: number): Step[] => [
      { what: `the ${thing} given away`, m: `${a} + ${b} = ${gg}` },
      { what: `the ${thing} left`, m: `${N} − ${gg}`, join: ' leaves ' },
    ];
    const right = att('right', word(L), steps(g));
    const w1 = att('w1', word(L1), steps(g1), 0, `the number of ${thing} given away`);
    const w2 = att('w2', word(L2), steps(g), 1, 'the subtraction');
    return {
      task: 'count-in-words',
      query: `${who} had ${N} ${thing}. ${who} gave ${a} to a friend and ${b} to a cousin. How many ${thing} does ${who} have left? Write the answer as a word.`,
      answer: word(L),
      noun: `the number of ${thing} left`,
      givens: [`${who} starts with ${N}`, `${a} go to a friend`, `${b} go to a cousin`],
      right,
      wrongs: [w1, w2],
      plug(x) {
        const v = x.key === 'right' ? L : x.key === 'w1' ? L1 : L2;
        return { m: `${v} + ${g} = ${v + g}${v + g === N ? '' : ` ≠ ${N}`}`, pass: v + g === N };
      },
      alt() {
        return { what: 'taking the gifts away one at a time', m: `${N} − ${a} = ${N - a}, then ${N - a} − ${b}`, join: ' leaves ' };
      },
    };
  }
}

function percentProblem(r: Rng): Problem {
  for (;;) {
    const pct = r.pick([10, 15, 20, 25, 30, 40, 50, 60] as const);
    const P = 10 * r.int(2, 30);
    const D = (P * pct) / 100;
    if (!Number.isInteger(D)) continue;
    const Qp = P - D;
    const fmtPct = (x: number): string => `${Number.isInteger(x) ? x : x.toFixed(1)}%`;
    const p1 = (100 * D) / Qp;
    const D2 = D + 5;
    const p2 = (100 * D2) / P;
    const v1 = fmtPct(p1);
    const v2 = fmtPct(p2);
    if (v1 === v2 || v1 === fmtPct(pct) || v2 === fmtPct(100 - pct) || pct === 50) continue;
    const item = r.pick(['jacket', 'lamp', 'bicycle', 'blender'] as const);
    const s0: Step = { what: 'the reduction', m: `$${P} − $${Qp} = $${D}` };
    const right = att(
      'right',
      fmtPct(pct),
      [s0, { what: 'the reduction as a share of the old price', m: `$${D} ÷ $${P} × 100%` }],
      0,
      '',
      `${D}/${P} of the price`,
    );
    const w1 =
      p1 < 100
        ? att(
            'w1',
            v1,
            [s0, { what: 'the reduction as a share of the old price', m: `$${D} ÷ $${Qp} × 100%` }],
            1,
            'the base of the percentage (it is the original price)',
          )
        : att(
            'w1',
            fmtPct(100 - pct),
            [s0, { what: 'the reduction as a share of the old price', m: `$${Qp} ÷ $${P} × 100%` }],
            1,
            'what the percentage measures (the reduction, not what is left)',
          );
    const p1v = p1 < 100 ? p1 : 100 - pct;
    const w2 = att(
      'w2',
      v2,
      [
        { what: 'the reduction', m: `$${P} − $${Qp} = $${D2}` },
        { what: 'the reduction as a share of the old price', m: `$${D2} ÷ $${P} × 100%` },
      ],
      0,
      'the reduction in dollars',
    );
    return {
      task: 'percent-discount',
      query: `A ${item} that cost $${P} is on sale for $${Qp}. By what percent was the price reduced?`,
      answer: `${pct}%`,
      noun: 'the percent reduction',
      givens: [`the old price is $${P}`, `the sale price is $${Qp}`],
      right,
      wrongs: [w1, w2],
      plug(x) {
        const v = x.key === 'right' ? pct : x.key === 'w1' ? p1v : p2;
        const got = P * (1 - v / 100);
        const pass = x.key === 'right';
        return { m: `$${P} × (1 − ${(v / 100).toFixed(3).replace(/0+$/, '')}) = $${got.toFixed(2)}${pass ? '' : ` ≠ $${Qp}`}`, pass };
      },
      alt() {
        return { what: 'comparing the sale price with the old one', m: `100% − $${Qp} ÷ $${P} × 100% = 100% − ${100 - pct}%` };
      },
    };
  }
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
function dayProblem(r: Rng): Problem {
  for (;;) {
    const s = r.int(0, 6);
    const N = r.int(10, 100);
    const k = Math.floor(N / 7);
    const rem = N % 7;
    if (rem === 0) continue;
    const rem2 = (rem + 2) % 7;
    const d = DAYS[(s + rem) % 7];
    const d1 = DAYS[(s + rem + 1) % 7];
    const d2 = DAYS[(s + rem2) % 7];
    if (d2 === d1 || d2 === d) continue;
    const st = (rr: number, extra: string): Step[] => [
      { what: 'the full weeks', m: `${N} = 7 × ${k} + ${rr}` },
      { what: 'the remaining days', m: `${rr} day${rr === 1 ? '' : 's'} after ${DAYS[s]}${extra}`, join: ' is ' },
    ];
    const right = att('right', d, st(rem, ''));
    const w1 = att('w1', d1, st(rem, ', counting today as well'), 1, 'counting the days (today does not count)');
    const w2 = att('w2', d2, st(rem2, ''), 0, `the remainder of ${N} ÷ 7`);
    return {
      task: 'day-of-week',
      query: `Today is ${DAYS[s]}. What day of the week will it be ${N} days from today?`,
      answer: d,
      noun: 'the day of the week',
      givens: [`today is ${DAYS[s]}`, `we go ${N} days ahead`],
      right,
      wrongs: [w1, w2],
      plug(x) {
        const dv = x.key === 'right' ? d : x.key === 'w1' ? d1 : d2;
        const back = DAYS[(DAYS.indexOf(dv) - rem + 7) % 7];
        return { m: `${dv} − ${rem} days = ${back}${back === DAYS[s] ? '' : `, not ${DAYS[s]}`}`, pass: back === DAYS[s] };
      },
      alt() {
        return {
          what: 'stepping through the weeks',
          m: `${DAYS[s]} + ${k} weeks is ${DAYS[s]} again, and ${rem} more day${rem === 1 ? '' : 's'}`,
          join: ' lands on ',
        };
      },
    };
  }
}

const DIRS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];
function dirProblem(r: Rng): Problem {
  for (;;) {
    const s = r.int(0, 7);
    const A = 45 * r.int(1, 6);
    const B = 45 * r.int(1, 6);
    const net = (((A - B) % 360) + 360) % 360;
    if (net === 0 || net === 180 || (A + B) % 360 === 0) continue;
    const d = DIRS[(s + net / 45) % 8];
    const d1 = DIRS[(s + (A + B) / 45) % 8];
    const d2 = DIRS[(s - net / 45 + 8) % 8];
    if (d1 === d || d2 === d || d1 === d2) continue;
    const who = r.pick(['A robot', 'A hiker', 'A weather vane', 'A drone'] as const);
    const netTxt = (x: number): string => (x <= 180 ? `${x}° clockwise` : `${360 - x}° counterclockwise`);
    const steps = (n: number, first: string): Step[] => [
      { what: 'the net turn', m: first },
      { what: 'the final heading', m: `${DIRS[s]} turned ${netTxt(n)}`, join: ' gives ' },
    ];
    const right = att('right', d, steps(net, `${A}° clockwise − ${B}° counterclockwise = ${netTxt(net)}`));
    const n1 = (A + B) % 360;
    const w1 = att('w1', d1, steps(n1, `${A}° + ${B}° = ${A + B}° clockwise`), 0, 'the direction of the second turn');
    const w2 = att(
      'w2',
      d2,
      [right.steps[0], { what: 'the final heading', m: `${DIRS[s]} turned ${netTxt(360 - net)}`, join: ' gives ' }],
      1,
      'which way the net turn goes',
    );
    return {
      task: 'compass-direction',
      query: `${who} faces ${DIRS[s]}. It turns ${A}° clockwise, then ${B}° counterclockwise. Which direction does it face now?`,
      answer: d,
      noun: 'the final direction',
      givens: [`it starts facing ${DIRS[s]}`, `the first turn is ${A}° clockwise`, `the second is ${B}° counterclockwise`],
      right,
      wrongs: [w1, w2],
      plug(x) {
        const dv = x.key === 'right' ? d : x.key === 'w1' ? d1 : d2;
        const back = DIRS[(DIRS.indexOf(dv) - net / 45 + 8) % 8];
        return {
          m: `undoing the turns from ${dv} (${B}° clockwise, then ${A}° counterclockwise) gives ${back}${back === DIRS[s] ? '' : `, not ${DIRS[s]}`}`,
          pass: back === DIRS[s],
        };
      },
      alt() {
        return {
          what: 'following each turn',
          m: `${DIRS[s]} → ${DIRS[(s + A / 45) % 8]} after ${A}° clockwise, then ${B}° back`,
          join: ' → ',
        };
      },
    };
  }
}

function speedProblem(r: Rng): Problem {
  for (;;) {
    const M = r.pick([15, 20, 30, 40, 45] as const);
    const H = r.int(1, 3);
    const v = r.int(3, 20) * 3 * (M === 15 || M === 45 ? 4 : 1);
    const e = (v * M) / 60;
    if (!Number.isInteger(e) || v > 90) continue;
    const w = v * H;
    const d = w + e;
    const e1 = (v * M) / 100;
    const d1 = Math.round((w + e1) * 100) / 100;
    const d2 = w + 10 + e;
    if (d1 === d) continue;
    const frac = M === 15 ? '1/4' : M === 20 ? '1/3' : M === 30 ? '1/2' : M === 40 ? '2/3' : '3/4';
    const steps = (ee: number, ww: number, first: string, second: string): Step[] => [
      { what: 'the minutes in hours', m: first },
      { what: 'the distance in those minutes', m: second },
      { what: 'the distance in the whole hours', m: `${v} km/h × ${H} h = ${ww} km` },
      { what: 'the total distance', m: `${ww} km + ${ee} km` },
    ];
    const right = att('right', `${d} km`, steps(e, w, `${M} min = ${frac} h`, `${v} km/h × ${frac} h = ${e} km`), 0, '', `${d * 1000} m`);
    const w1 = att(
      'w1',
      `${d1} km`,
      steps(e1, w, `${H} h ${M} min = ${H}.${M} h`, `${v} km/h × 0.${M} h = ${e1} km`),
      0,
      'the minutes (they are not a decimal part of an hour)',
      `${Math.round(d1 * 1000)} m`,
    );
    const w2 = att(
      'w2',
      `${d2} km`,
      steps(e, w + 10, `${M} min = ${frac} h`, `${v} km/h × ${frac} h = ${e} km`),
      2,
      `the product ${v} × ${H}`,
      `${d2 * 1000} m`,
    );
    return {
      task: 'speed-distance',
      query: `A cyclist rides at a steady ${v} km/h for ${H} h ${M} min. How far does she ride, in kilometres?`,
      answer: `${d} km`,
      noun: 'the distance ridden',
      givens: [`the speed is ${v} km/h`, `the time is ${H} h ${M} min`],
      right,
      wrongs: [w1, w2],
      plug(x) {
        const dv = x.key === 'right' ? d : x.key === 'w1' ? d1 : d2;
        const t = (dv / v) * 60;
        const hh = Math.floor(t / 60);
        const mm = Math.round(t - 60 * hh);
        const pass = x.key === 'right';
        return { m: `${dv} km ÷ ${v} km/h = ${hh} h ${mm} min${pass ? '' : `, not ${H} h ${M} min`}`, pass };
      },
      alt() {
        return { what: 'working in minutes', m: `${60 * H + M} min × ${v}/60 km per min` };
      },
    };
  }
}

function makeProblem(r: Rng): Problem {
  const k = r.weighted({ rect: 2, money: 2, time: 2, words: 2, pct: 2, day: 2, dir: 2, speed: 2 });
  switch (k) {
    case 'rect':
      return rectProblem(r);
    case 'money':
      return moneyProblem(r);
    case 'time':
      return timeProblem(r);
    case 'words':
      return wordsProblem(r);
    case 'pct':
      return percentProblem(r);
    case 'day':
      return dayProblem(r);
    case 'dir':
      return dirProblem(r);
    default:
      return speedProblem(r);
  }
}

const BANKS: Record<PhrasingSplit, Bank> = {
  dev: makeBank(DEV_PHRASES, () => ({
    open: '',
    close: '',
    dOpen: '',
    dClose: '',
    box0: '**',
    box1: '**',
    asideWrap: ["(that's ", ')'],
    val: (v) => v,
    math: (m) => m,
  })),
  heldout: makeBank(HELDOUT_PHRASES, (r) => {
    const pm = r.chance(0.5);
    const tx = (s: string): string => {
      let t = s.replace(/×/g, '*').replace(/÷/g, '/').replace(/−/g, '-').replace(/\^2/g, '²');
      if (pm) t = t.replace(/(\d) (am|pm)\b/g, (_, d: string, x: string) => `${d} ${x.toUpperCase()}`);
      t = t.replace(/\b(north|south)-(east|west)\b/g, '$1$2');
      return t;
    };
    return {
      open: '',
      close: '',
      dOpen: '',
      dClose: '',
      box0: '**',
      box1: '**',
      asideWrap: ['[= ', ']'],
      val: tx,
      math: tx,
    };
  }),
};

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  return generateWith(family, BANKS, makeProblem, seed, count, split);
}
