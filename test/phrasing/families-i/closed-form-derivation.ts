// Phrasing family 'closed-form-derivation' (famI2, stop 37): generated responses with exact candidate labels,
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
// closed-form-derivation: calculus / algebra / geometry with exact answers.
export const family = 'closed-form-derivation';

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}
interface Q {
  n: number;
  d: number;
}
function q(n: number, d = 1): Q {
  if (d < 0) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}
function qadd(a: Q, b: Q): Q {
  return q(a.n * b.d + b.n * a.d, a.d * b.d);
}
function qsub(a: Q, b: Q): Q {
  return q(a.n * b.d - b.n * a.d, a.d * b.d);
}
function qmul(a: Q, b: Q): Q {
  return q(a.n * b.n, a.d * b.d);
}
function qdiv(a: Q, b: Q): Q {
  return q(a.n * b.d, a.d * b.n);
}
function qeq(a: Q, b: Q): boolean {
  return a.n === b.n && a.d === b.d;
}
function qtex(a: Q): string {
  if (a.d === 1) return String(a.n);
  const s = `\\frac{${Math.abs(a.n)}}{${a.d}}`;
  return a.n < 0 ? `-${s}` : s;
}
function qnum(a: Q): number {
  return a.n / a.d;
}
function dec(x: number): string {
  return x.toFixed(4);
}
// a coefficient times a monomial, with its sign (first term: no leading +)
function term(c: Q, mono: string, first: boolean): string {
  const neg = c.n < 0;
  const a = q(Math.abs(c.n), c.d);
  let body: string;
  if (mono === '') body = qtex(a);
  else if (a.n === 1 && a.d === 1) body = mono;
  else body = qtex(a) + mono;
  if (first) return (neg ? '-' : '') + body;
  return (neg ? ' - ' : ' + ') + body;
}
function signed(c: Q, first: boolean): string {
  return term(c, '', first);
}

function att(key: string, value: string, steps: Step[], slipAt = 0, slip = '', aside = ''): Attempt {
  return { key, value, steps, slipAt, slip, aside };
}

// ∫_0^b (p x^2 + q x + r) dx
function polyProblem(r: Rng): Problem {
  const p = r.int(1, 4);
  let c = r.int(-3, 5);
  if (c === 0) c = 2;
  const k = r.int(1, 6);
  const b = r.int(1, 3);
  const P = q(p, 1);
  const C = q(c, 1);
  const K = q(k, 1);
  const poly = term(P, 'x^2', true) + term(C, 'x', false) + term(K, '', false);
  const ca = q(p, 3);
  const cb = q(c, 2);
  const anti = term(ca, 'x^3', true) + term(cb, 'x^2', false) + term(K, 'x', false);
  const T1 = q(p * b * b * b, 3);
  const T2 = q(c * b * b, 2);
  const T3 = q(k * b, 1);
  const V = qadd(qadd(T1, T2), T3);
  const evalM = `${term(ca, '', true)}\\cdot ${b}^3${term(cb, '', false)}\\cdot ${b}^2${term(K, '', false)}\\cdot ${b}`;
  const sumM = (t1: Q): string => signed(t1, true) + signed(T2, false) + signed(T3, false);
  const setup: Step = { what: 'the integral', m: `\\int_0^{${b}} \\left(${poly}\\right)dx` };
  const right = att('right', qtex(V), [
    setup,
    { what: 'an antiderivative', m: anti },
    { what: 'the antiderivative at the upper limit', m: evalM },
    { what: 'the sum of the three terms', m: sumM(T1) },
  ]);
  right.aside = dec(qnum(V));
  // w1: forgot to divide the x^2 term by 3
  const T1w = q(p * b * b * b, 1);
  const V1 = qadd(qadd(T1w, T2), T3);
  const anti1 = term(P, 'x^3', true) + term(cb, 'x^2', false) + term(K, 'x', false);
  const eval1 = `${term(P, '', true)}\\cdot ${b}^3${term(cb, '', false)}\\cdot ${b}^2${term(K, '', false)}\\cdot ${b}`;
  const w1 = att(
    'w1',
    qtex(V1),
    [
      setup,
      { what: 'an antiderivative', m: anti1 },
      { what: 'the antiderivative at the upper limit', m: eval1 },
      { what: 'the sum of the three terms', m: sumM(T1w) },
    ],
    1,
    'the ⟨x^3⟩ term of the antiderivative',
    dec(qnum(V1)),
  );
  // w2: slip in the final addition
  let V2 = qadd(V, q(r.chance(0.5) ? 1 : -1, r.chance(0.5) ? 1 : 3));
  if (qeq(V2, V1)) V2 = qadd(V, q(2, 1));
  const w2 = att('w2', qtex(V2), right.steps.slice(), 3, 'the final addition', dec(qnum(V2)));
  return {
    task: 'integral-poly',
    query: `Evaluate $\\int_0^{${b}} (${poly})\\,dx$. Give the exact value.`,
    answer: qtex(V),
    noun: 'the value of the integral',
    givens: [`the integrand is ⟨${poly}⟩`, `the limits are ⟨0⟩ and ⟨${b}⟩`],
    right,
    wrongs: [w1, w2],
    plug(a) {
      if (a.key === 'w1')
        return {
          m: `\\frac{d}{dx}\\left(${anti1}\\right) = ${term(q(3 * p), 'x^2', true)}${term(C, 'x', false)}${term(K, '', false)} \\neq ${poly}`,
          pass: false,
        };
      const est = qnum(T1) + qnum(T2) + qnum(T3);
      if (a.key === 'w2')
        return {
          m: `${dec(qnum(T1))} ${qnum(T2) < 0 ? '-' : '+'} ${dec(Math.abs(qnum(T2)))} + ${dec(qnum(T3))} = ${dec(est)} \\neq ${dec(qnum(V2))}`,
          pass: false,
        };
      return { m: `\\frac{d}{dx}\\left(${anti}\\right) = ${poly}`, pass: true };
    },
    alt() {
      const F1 = q(p * b * b, 3);
      const F2 = q(c * b, 2);
      return { what: 'factoring out the upper limit', m: `${b}\\left(${signed(F1, true)}${signed(F2, false)}${signed(K, false)}\\right)` };
    },
  };
}

// area between y = a x^2 and y = k x
function areaProblem(r: Rng): Problem {
  const a = r.int(1, 3);
  const k = r.int(2, 9);
  const X = q(k, a);
  const A = q(a, 1);
  const Kq = q(k, 1);
  const par = term(A, 'x^2', true);
  const lin = term(Kq, 'x', true);
  const T1 = q(k * k * k, 2 * a * a); // k X^2 / 2
  const T2 = q(k * k * k, 3 * a * a); // a X^3 / 3
  const V = qsub(T1, T2);
  const anti = `\\left[${term(q(k, 2), 'x^2', true)}${term(q(-a, 3), 'x^3', false)}\\right]_0^{${qtex(X)}}`;
  const s0: Step = { what: 'the intersection points', m: `${par} = ${lin} \\Rightarrow x = 0 \\text{ or } x = ${qtex(X)}` };
  const s1: Step = { what: 'the area integral', m: `\\int_0^{${qtex(X)}} \\left(${lin} - ${par}\\right)dx` };
  const right = att('right', qtex(V), [
    s0,
    s1,
    { what: 'the antiderivative', m: anti },
    { what: 'the difference of the two terms', m: `${qtex(T1)} - ${qtex(T2)}` },
  ]);
  right.aside = dec(qnum(V));
  const V1 = qadd(T1, T2);
  const w1 = att(
    'w1',
    qtex(V1),
    [s0, s1, right.steps[2], { what: 'the difference of the two terms', m: `${qtex(T1)} + ${qtex(T2)}` }],
    3,
    'the sign between the two terms',
    dec(qnum(V1)),
  );
  const T1b = q(k * k * k, a * a);
  const V2 = qsub(T1b, T2);
  const anti2 = `\\left[${term(Kq, 'x^2', true)}${term(q(-a, 3), 'x^3', false)}\\right]_0^{${qtex(X)}}`;
  const w2 = att(
    'w2',
    qtex(V2),
    [s0, s1, { what: 'the antiderivative', m: anti2 }, { what: 'the difference of the two terms', m: `${qtex(T1b)} - ${qtex(T2)}` }],
    2,
    'the antiderivative of ⟨' + lin + '⟩',
    dec(qnum(V2)),
  );
  const tri = qtex(T1);
  return {
    task: 'area-parabola-line',
    query: `Find the exact area of the region enclosed by $y = ${par}$ and $y = ${lin}$.`,
    answer: qtex(V),
    noun: 'the enclosed area',
    givens: [`the curves are ⟨y = ${par}⟩`, `⟨y = ${lin}⟩`],
    right,
    wrongs: [w1, w2],
    plug(x) {
      const v = x.key === 'right' ? V : x.key === 'w1' ? V1 : V2;
      const pass = qnum(v) < qnum(T1) && qnum(v) > 0;
      return { m: `0 < ${dec(qnum(v))} ${pass ? '<' : '>'} \\tfrac{1}{2}\\cdot ${qtex(X)}\\cdot ${qtex(q(k * k, a))} = ${tri}`, pass };
    },
    alt() {
      const Y = q(k * k, a);
      const F1 = q(2 * k * k * k, 3 * a * a);
      const F2 = q(k * k * k, 2 * a * a);
      const root = a === 1 ? '\\sqrt{y}' : `\\sqrt{y/${a}}`;
      return {
        what: 'integrating in ⟨y⟩ instead',
        m: `\\int_0^{${qtex(Y)}} \\left(${root} - \\frac{y}{${k}}\\right)dy = ${qtex(F1)} - ${qtex(F2)}`,
      };
    },
  };
}

function simplifyRoot(N: number): [number, number] {
  let m = 1;
  let s = N;
  for (let f = 2; f * f <= s; f++) {
    while (s % (f * f) === 0) {
      s /= f * f;
      m *= f;
    }
  }
  return [m, s];
}
function rootTex(m: number, s: number): string {
  if (s === 1) return String(m);
  return m === 1 ? `\\sqrt{${s}}` : `${m}\\sqrt{${s}}`;
}

function distanceProblem(r: Rng): Problem {
  for (;;) {
    const x1 = -r.int(1, 6);
    const y1 = r.int(-4, 5);
    const dx = r.int(2, 9);
    const dy = r.int(2, 9);
    const x2 = x1 + dx;
    const y2 = y1 + dy;
    const N = dx * dx + dy * dy;
    const [m, s] = simplifyRoot(N);
    if (m === 1 || s === 1) continue;
    const dx1 = x2 + x1;
    if (dx1 === dx || dx1 === 0) continue;
    const N1 = dx1 * dx1 + dy * dy;
    const [m1, s1] = simplifyRoot(N1);
    const val = rootTex(m, s);
    const v1 = rootTex(m1, s1);
    const v2 = rootTex(m * m, s);
    if (v1 === val || v1 === v2) continue;
    const par = (v: number): string => (v < 0 ? `(${v})` : String(v));
    const s0: Step = { what: 'the distance formula', m: `d = \\sqrt{(x_2 - x_1)^2 + (y_2 - y_1)^2}` };
    const mk = (ddx: number, NN: number, mm: number, ss: number, last: string): Step[] => [
      s0,
      { what: 'the differences', m: `x_2 - x_1 = ${x2} - ${par(x1)} = ${ddx},\\quad y_2 - y_1 = ${y2} - ${par(y1)} = ${dy}` },
      { what: 'the sum of squares', m: `${par(ddx)}^2 + ${dy}^2 = ${ddx * ddx} + ${dy * dy} = ${NN}` },
      { what: 'the square root', m: last || `\\sqrt{${NN}} = \\sqrt{${mm * mm}\\cdot ${ss}}` },
    ];
    const right = att('right', val, mk(dx, N, m, s, ''));
    right.aside = dec(Math.sqrt(N));
    const w1 = att(
      'w1',
      v1,
      mk(dx1, N1, m1, s1, s1 === 1 ? `\\sqrt{${N1}}` : ''),
      1,
      'the difference of the ⟨x⟩-coordinates',
      dec(Math.sqrt(N1)),
    );
    const w2 = att('w2', v2, mk(dx, N, m, s, ''), 3, 'pulling the square factor out of the root', dec(m * m * Math.sqrt(s)));
    return {
      task: 'distance-points',
      query: `Find the exact distance between the points $(${x1}, ${y1})$ and $(${x2}, ${y2})$. Simplify any radicals.`,
      answer: val,
      noun: 'the distance',
      givens: [`the points are ⟨(${x1}, ${y1})⟩`, `⟨(${x2}, ${y2})⟩`],
      right,
      wrongs: [w1, w2],
      plug(a) {
        if (a.key === 'w1') return { m: `${x2} - (${x1}) = ${dx} \\neq ${dx1}`, pass: false };
        if (a.key === 'w2') return { m: `\\left(${v2}\\right)^2 = ${m ** 4 * s} \\neq ${N}`, pass: false };
        return { m: `\\left(${val}\\right)^2 = ${m * m}\\cdot ${s} = ${N}`, pass: true };
      },
      alt() {
        return { what: 'taking the differences the other way round', m: `\\sqrt{(${x1} - ${x2})^2 + (${y1} - ${y2})^2} = \\sqrt{${N}}` };
      },
    };
  }
}

function geomProblem(r: Rng): Problem {
  for (;;) {
    const [u, v] = r.pick([
      [1, 2],
      [1, 3],
      [2, 3],
      [1, 4],
      [3, 4],
      [2, 5],
      [1, 5],
      [3, 5],
    ] as const);
    const neg = r.chance(0.3);
    const R = q(neg ? -u : u, v);
    const c = r.int(2, 9);
    const n0 = r.int(0, 1);
    const t = n0 === 0 ? q(c, 1) : qmul(q(c, 1), R);
    const D = qsub(q(1), R);
    const S = qdiv(t, D);
    const t1 = n0 === 0 ? qmul(q(c, 1), R) : q(c, 1);
    const S1 = qdiv(t1, D);
    const S2 = qdiv(t, qadd(q(1), R));
    if (qeq(S1, S) || qeq(S2, S) || qeq(S1, S2)) continue;
    const rt = qtex(R);
    const rp = `\\left(${rt}\\right)`;
    const mk = (tt: Q, plus: boolean): Step[] => [
      { what: 'the common ratio', m: `r = ${rt},\\ |r| < 1` },
      { what: 'the first term', m: `a_{${n0}} = ${c}\\cdot ${rp}^{${n0}} = ${qtex(tt)}` },
      { what: 'the sum formula', m: `S = \\frac{a_{${n0}}}{1 - r}` },
      {
        what: 'the substitution',
        m: `\\frac{${qtex(tt)}}{1 ${plus ? '+' : '-'} ${rp}} = \\frac{${qtex(tt)}}{${qtex(plus ? qadd(q(1), R) : D)}}`,
      },
    ];
    const right = att('right', qtex(S), mk(t, false));
    right.aside = dec(qnum(S));
    const w1 = att('w1', qtex(S1), mk(t1, false), 1, `the first term (the sum starts at ⟨n = ${n0}⟩)`, dec(qnum(S1)));
    const w2 = att('w2', qtex(S2), mk(t, true), 3, 'the denominator ⟨1 - r⟩', dec(qnum(S2)));
    let part = 0;
    for (let n = n0; n < n0 + 20; n++) part += c * Math.pow(qnum(R), n);
    return {
      task: 'geometric-series',
      query: `Find the exact value of $\\sum_{n=${n0}}^{\\infty} ${c}\\left(${rt}\\right)^n$.`,
      answer: qtex(S),
      noun: 'the sum of the series',
      givens: [`the ratio is ⟨${rt}⟩`, `the sum starts at ⟨n = ${n0}⟩`],
      right,
      wrongs: [w1, w2],
      plug(a) {
        const x = a.key === 'right' ? S : a.key === 'w1' ? S1 : S2;
        const pass = a.key === 'right';
        return { m: `S_{20} \\approx ${dec(part)} ${pass ? '\\approx' : '\\neq'} ${dec(qnum(x))}`, pass };
      },
      alt() {
        return {
          what: 'using ⟨S = a_{' + n0 + '} + rS⟩',
          m: `S\\left(1 - ${rp}\\right) = ${qtex(t)} \\Rightarrow S = \\frac{${qtex(t)}}{${qtex(D)}}`,
        };
      },
    };
  }
}

function squareCircleProblem(r: Rng): Problem {
  const s = r.pick([6, 8, 10, 12] as const);
  const R = s / 2;
  const S2 = s * s;
  const Qa = R * R;
  const pi = (n: number): string => (n === 1 ? '\\pi' : `${n}\\pi`);
  const val = `${S2} - ${pi(Qa)}`;
  const v1 = `${S2} - ${pi(s)}`;
  const v2 = `${S2} - ${pi(R)}`;
  const base: Step[] = [
    { what: 'the radius', m: `r = \\frac{${s}}{2} = ${R}` },
    { what: 'the area of the square', m: `${s}^2 = ${S2}` },
    { what: 'the area of the circle', m: `\\pi r^2 = \\pi\\cdot ${R}^2 = ${pi(Qa)}` },
    { what: 'the region outside the circle', m: `${S2} - \\pi\\cdot ${R}^2` },
  ];
  const right = att('right', val, base);
  right.aside = dec(S2 - Math.PI * Qa);
  const w1 = att(
    'w1',
    v1,
    [
      base[0],
      base[1],
      { what: 'the area of the circle', m: `2\\pi r = 2\\pi\\cdot ${R} = ${pi(s)}` },
      { what: 'the region outside the circle', m: `${S2} - 2\\pi\\cdot ${R}` },
    ],
    2,
    'the area of the circle (⟨2\\pi r⟩ is the circumference)',
    dec(S2 - Math.PI * s),
  );
  const w2 = att(
    'w2',
    v2,
    [
      base[0],
      base[1],
      { what: 'the area of the circle', m: `\\pi r = ${pi(R)}` },
      { what: 'the region outside the circle', m: `${S2} - \\pi\\cdot ${R}` },
    ],
    2,
    'squaring the radius',
    dec(S2 - Math.PI * R),
  );
  return {
    task: 'square-minus-circle',
    query: `A circle is inscribed in a square of side ${s}. Find the exact area of the part of the square outside the circle.`,
    answer: val,
    noun: 'the area outside the circle',
    givens: [`the square has side ⟨${s}⟩`, 'the circle touches all four sides'],
    right,
    wrongs: [w1, w2],
    plug(a) {
      const x = a.key === 'right' ? S2 - Math.PI * Qa : a.key === 'w1' ? S2 - Math.PI * s : S2 - Math.PI * R;
      const pass = a.key === 'right';
      return { m: `\\frac{${dec(x)}}{${S2}} \\approx ${dec(x / S2)} ${pass ? '=' : '\\neq'} 1 - \\frac{\\pi}{4} \\approx 0.2146`, pass };
    },
    alt() {
      return { what: 'adding up the four corner pieces', m: `4\\left(${Qa} - \\frac{${Qa}\\pi}{4}\\right)` };
    },
  };
}

interface FixedIntegral {
  task: string;
  integral: string;
  f: (x: number) => number;
  a: number;
  b: number;
  right: [string, number, Step[]];
  w1: [string, number, Step[], number, string];
  w2: [string, number, Step[], number, string];
  alt: Step;
}
function simpson(f: (x: number) => number, a: number, b: number, n = 10): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
const LN2 = Math.log(2);
const FIXED: FixedIntegral[] = [
  {
    task: 'integral-by-parts',
    integral: '\\int_0^1 \\arctan x\\,dx',
    f: Math.atan,
    a: 0,
    b: 1,
    right: [
      '\\frac{\\pi}{4}-\\frac{1}{2}\\ln 2',
      Math.PI / 4 - LN2 / 2,
      [
        { what: 'the parts', m: 'u = \\arctan x,\\ dv = dx' },
        { what: 'the formula for integration by parts', m: 'x\\arctan x - \\int \\frac{x}{1+x^2}\\,dx' },
        { what: 'the antiderivative', m: 'x\\arctan x - \\frac{1}{2}\\ln(1+x^2)' },
        { what: 'the value between the limits', m: '\\left(\\frac{\\pi}{4} - \\frac{1}{2}\\ln 2\\right) - 0' },
      ],
    ],
    w1: [
      '\\frac{\\pi}{4}-\\ln 2',
      Math.PI / 4 - LN2,
      [
        { what: 'the antiderivative', m: 'x\\arctan x - \\ln(1+x^2)' },
        { what: 'the value between the limits', m: '\\left(\\frac{\\pi}{4} - \\ln 2\\right) - 0' },
      ],
      2,
      'the factor ⟨\\frac{1}{2}⟩ in ⟨\\int \\frac{x}{1+x^2}\\,dx⟩',
    ],
    w2: [
      '\\frac{\\pi}{4}+\\frac{1}{2}\\ln 2',
      Math.PI / 4 + LN2 / 2,
      [
        { what: 'the formula for integration by parts', m: 'x\\arctan x + \\int \\frac{x}{1+x^2}\\,dx' },
        { what: 'the antiderivative', m: 'x\\arctan x + \\frac{1}{2}\\ln(1+x^2)' },
        { what: 'the value between the limits', m: '\\left(\\frac{\\pi}{4} + \\frac{1}{2}\\ln 2\\right) - 0' },
      ],
      1,
      'the sign in the parts formula',
    ],
    alt: { what: 'substituting ⟨x = \\tan t⟩', m: '\\int_0^{\\pi/4} t\\sec^2 t\\,dt = \\left[t\\tan t + \\ln\\cos t\\right]_0^{\\pi/4}' },
  },
  {
    task: 'integral-by-parts',
    integral: '\\int_0^1 x^2 e^x\\,dx',
    f: (x) => x * x * Math.exp(x),
    a: 0,
    b: 1,
    right: [
      'e-2',
      Math.E - 2,
      [
        { what: 'the first integration by parts', m: '\\left[x^2e^x\\right]_0^1 - 2\\int_0^1 xe^x\\,dx' },
        { what: 'the remaining integral', m: '\\int_0^1 xe^x\\,dx = \\left[(x-1)e^x\\right]_0^1 = 0 - (-1) = 1' },
        { what: 'the combination', m: 'e - 2\\cdot 1' },
      ],
    ],
    w1: [
      'e-1',
      Math.E - 1,
      [
        { what: 'the first integration by parts', m: '\\left[x^2e^x\\right]_0^1 - \\int_0^1 xe^x\\,dx' },
        { what: 'the remaining integral', m: '\\int_0^1 xe^x\\,dx = \\left[(x-1)e^x\\right]_0^1 = 1' },
        { what: 'the combination', m: 'e - 1' },
      ],
      0,
      'the factor ⟨2⟩ from differentiating ⟨x^2⟩',
    ],
    w2: [
      'e+2',
      Math.E + 2,
      [
        { what: 'the remaining integral', m: '\\int_0^1 xe^x\\,dx = \\left[(x-1)e^x\\right]_0^1 = 0 - 1 = -1' },
        { what: 'the combination', m: 'e - 2\\cdot(-1)' },
      ],
      1,
      'the value of ⟨(x-1)e^x⟩ at ⟨x = 0⟩',
    ],
    alt: { what: 'the tabular method', m: '\\left[(x^2 - 2x + 2)e^x\\right]_0^1 = (1 - 2 + 2)e - 2' },
  },
  {
    task: 'integral-by-parts',
    integral: '\\int_0^{\\pi/2} x\\cos x\\,dx',
    f: (x) => x * Math.cos(x),
    a: 0,
    b: Math.PI / 2,
    right: [
      '\\frac{\\pi}{2}-1',
      Math.PI / 2 - 1,
      [
        { what: 'integration by parts', m: '\\left[x\\sin x\\right]_0^{\\pi/2} - \\int_0^{\\pi/2}\\sin x\\,dx' },
        { what: 'the two pieces', m: '\\frac{\\pi}{2}\\cdot 1 - \\left[-\\cos x\\right]_0^{\\pi/2}' },
        { what: 'the combination', m: '\\frac{\\pi}{2} - (0 - (-1))' },
      ],
    ],
    w1: [
      '\\frac{\\pi}{2}+1',
      Math.PI / 2 + 1,
      [
        { what: 'the two pieces', m: '\\frac{\\pi}{2}\\cdot 1 - \\left[\\cos x\\right]_0^{\\pi/2}' },
        { what: 'the combination', m: '\\frac{\\pi}{2} - (0 - 1)' },
      ],
      1,
      'the antiderivative of ⟨\\sin x⟩',
    ],
    w2: [
      '\\pi-1',
      Math.PI - 1,
      [{ what: 'the combination', m: '\\frac{\\pi}{2} - (0 - (-1))' }],
      2,
      'simplifying ⟨\\frac{\\pi}{2}\\cdot 1⟩',
    ],
    alt: {
      what: 'checking the antiderivative ⟨x\\sin x + \\cos x⟩ directly',
      m: '\\left[x\\sin x + \\cos x\\right]_0^{\\pi/2} = \\left(\\frac{\\pi}{2} + 0\\right) - (0 + 1)',
    },
  },
  {
    task: 'integral-substitution',
    integral: '\\int_0^1 \\frac{x}{1+x^2}\\,dx',
    f: (x) => x / (1 + x * x),
    a: 0,
    b: 1,
    right: [
      '\\frac{1}{2}\\ln 2',
      LN2 / 2,
      [
        { what: 'the substitution', m: 'u = 1+x^2,\\ du = 2x\\,dx' },
        { what: 'the new integral', m: '\\frac{1}{2}\\int_1^2 \\frac{du}{u}' },
        { what: 'the evaluation', m: '\\frac{1}{2}\\left(\\ln 2 - \\ln 1\\right)' },
      ],
    ],
    w1: [
      '\\ln 2',
      LN2,
      [
        { what: 'the new integral', m: '\\int_1^2 \\frac{du}{u}' },
        { what: 'the evaluation', m: '\\ln 2 - \\ln 1' },
      ],
      1,
      'the factor ⟨\\frac{1}{2}⟩ from ⟨du = 2x\\,dx⟩',
    ],
    w2: [
      '\\frac{1}{2}\\ln 3',
      Math.log(3) / 2,
      [
        { what: 'the new integral', m: '\\frac{1}{2}\\int_1^3 \\frac{du}{u}' },
        { what: 'the evaluation', m: '\\frac{1}{2}\\left(\\ln 3 - \\ln 1\\right)' },
      ],
      1,
      'the upper limit after the substitution',
    ],
    alt: {
      what: 'the antiderivative ⟨\\frac{1}{2}\\ln(1+x^2)⟩',
      m: '\\left[\\frac{1}{2}\\ln(1+x^2)\\right]_0^1 = \\frac{1}{2}\\ln 2 - \\frac{1}{2}\\ln 1',
    },
  },
  {
    task: 'integral-substitution',
    integral: '\\int_0^{\\sqrt{2}} 2x e^{x^2}\\,dx',
    f: (x) => 2 * x * Math.exp(x * x),
    a: 0,
    b: Math.SQRT2,
    right: [
      'e^2-1',
      Math.exp(2) - 1,
      [
        { what: 'the substitution', m: 'u = x^2,\\ du = 2x\\,dx' },
        { what: 'the new limits', m: 'x = 0 \\Rightarrow u = 0,\\ x = \\sqrt{2} \\Rightarrow u = 2' },
        { what: 'the new integral', m: '\\int_0^{2} e^u\\,du' },
        { what: 'the evaluation', m: 'e^2 - e^0' },
      ],
    ],
    w1: [
      'e^{\\sqrt{2}}-1',
      Math.exp(Math.SQRT2) - 1,
      [
        { what: 'the new limits', m: 'u \\text{ from } 0 \\text{ to } \\sqrt{2}' },
        { what: 'the new integral', m: '\\int_0^{\\sqrt{2}} e^u\\,du' },
        { what: 'the evaluation', m: 'e^{\\sqrt{2}} - e^0' },
      ],
      1,
      'the upper limit after substituting ⟨u = x^2⟩',
    ],
    w2: ['e^2', Math.exp(2), [{ what: 'the evaluation', m: 'e^2 - 0' }], 3, 'the value of ⟨e^0⟩'],
    alt: { what: 'the antiderivative ⟨e^{x^2}⟩', m: '\\left[e^{x^2}\\right]_0^{\\sqrt{2}} = e^{2} - e^{0}' },
  },
  {
    task: 'integral-by-parts',
    integral: '\\int_1^e x\\ln x\\,dx',
    f: (x) => x * Math.log(x),
    a: 1,
    b: Math.E,
    right: [
      '\\frac{e^2+1}{4}',
      (Math.exp(2) + 1) / 4,
      [
        { what: 'integration by parts', m: '\\left[\\frac{x^2}{2}\\ln x\\right]_1^e - \\int_1^e \\frac{x}{2}\\,dx' },
        { what: 'the boundary term', m: '\\frac{e^2}{2}\\cdot 1 - 0' },
        { what: 'the remaining integral', m: '\\left[\\frac{x^2}{4}\\right]_1^e = \\frac{e^2-1}{4}' },
        { what: 'the combination', m: '\\frac{e^2}{2} - \\frac{e^2-1}{4}' },
      ],
    ],
    w1: [
      '\\frac{e^2-1}{4}',
      (Math.exp(2) - 1) / 4,
      [{ what: 'the combination', m: '\\frac{e^2}{2} - \\frac{e^2+1}{4}' }],
      3,
      'the sign when subtracting ⟨\\frac{e^2-1}{4}⟩',
    ],
    w2: [
      '\\frac{e^2+1}{2}',
      (Math.exp(2) + 1) / 2,
      [
        { what: 'integration by parts', m: '\\left[x^2\\ln x\\right]_1^e - \\int_1^e x\\,dx' },
        { what: 'the boundary term', m: 'e^2\\cdot 1 - 0' },
        { what: 'the remaining integral', m: '\\left[\\frac{x^2}{2}\\right]_1^e = \\frac{e^2-1}{2}' },
        { what: 'the combination', m: 'e^2 - \\frac{e^2-1}{2}' },
      ],
      0,
      'the antiderivative of ⟨x⟩ in the parts formula',
    ],
    alt: {
      what: 'evaluating ⟨\\frac{x^2}{2}\\ln x - \\frac{x^2}{4}⟩',
      m: '\\left[\\frac{x^2}{2}\\ln x - \\frac{x^2}{4}\\right]_1^e = \\frac{e^2}{2} - \\frac{e^2}{4} + \\frac{1}{4}',
    },
  },
  {
    task: 'integral-by-parts',
    integral: '\\int_0^1 x\\arctan x\\,dx',
    f: (x) => x * Math.atan(x),
    a: 0,
    b: 1,
    right: [
      '\\frac{\\pi}{4}-\\frac{1}{2}',
      Math.PI / 4 - 0.5,
      [
        { what: 'integration by parts', m: '\\left[\\frac{x^2}{2}\\arctan x\\right]_0^1 - \\frac{1}{2}\\int_0^1 \\frac{x^2}{1+x^2}\\,dx' },
        { what: 'the remaining integral', m: '\\int_0^1 \\left(1 - \\frac{1}{1+x^2}\\right)dx = 1 - \\frac{\\pi}{4}' },
        { what: 'the combination', m: '\\frac{\\pi}{8} - \\frac{1}{2}\\left(1 - \\frac{\\pi}{4}\\right)' },
      ],
    ],
    w1: [
      '\\frac{3\\pi}{8}-1',
      (3 * Math.PI) / 8 - 1,
      [
        { what: 'integration by parts', m: '\\left[\\frac{x^2}{2}\\arctan x\\right]_0^1 - \\int_0^1 \\frac{x^2}{1+x^2}\\,dx' },
        { what: 'the remaining integral', m: '\\int_0^1 \\left(1 - \\frac{1}{1+x^2}\\right)dx = 1 - \\frac{\\pi}{4}' },
        { what: 'the combination', m: '\\frac{\\pi}{8} - \\left(1 - \\frac{\\pi}{4}\\right)' },
      ],
      0,
      'the factor ⟨\\frac{1}{2}⟩ in front of the remaining integral',
    ],
    w2: [
      '\\frac{1}{2}',
      0.5,
      [
        { what: 'the remaining integral', m: '\\int_0^1 \\left(1 - \\frac{1}{1+x^2}\\right)dx = \\frac{\\pi}{4} - 1' },
        { what: 'the combination', m: '\\frac{\\pi}{8} - \\frac{1}{2}\\left(\\frac{\\pi}{4} - 1\\right)' },
      ],
      1,
      'the order of the terms in ⟨1 - \\frac{\\pi}{4}⟩',
    ],
    alt: {
      what: 'the antiderivative ⟨\\frac{x^2+1}{2}\\arctan x - \\frac{x}{2}⟩',
      m: '\\left[\\frac{x^2+1}{2}\\arctan x - \\frac{x}{2}\\right]_0^1 = 1\\cdot\\frac{\\pi}{4} - \\frac{1}{2} - 0',
    },
  },
];

function fixedProblem(r: Rng): Problem {
  const F = r.pick(FIXED);
  const rs = F.right[2];
  const merge = (tail: Step[], at: number): Step[] => rs.slice(0, at).concat(tail, rs.slice(at + tail.length));
  const right = att('right', F.right[0], rs, 0, '', dec(F.right[1]));
  const w1 = att('w1', F.w1[0], merge(F.w1[2], F.w1[3]), F.w1[3], F.w1[4], dec(F.w1[1]));
  const w2 = att('w2', F.w2[0], merge(F.w2[2], F.w2[3]), F.w2[3], F.w2[4], dec(F.w2[1]));
  const est = simpson(F.f, F.a, F.b);
  const nums: Record<string, number> = { right: F.right[1], w1: F.w1[1], w2: F.w2[1] };
  return {
    task: F.task,
    query: `Compute $${F.integral}$ exactly.`,
    answer: F.right[0],
    noun: 'the integral',
    givens: [`the integral is ⟨${F.integral}⟩`],
    right,
    wrongs: [w1, w2],
    plug(a) {
      const pass = a.key === 'right';
      return { m: `\\text{Simpson}_{10} \\approx ${dec(est)}\\ ${pass ? '\\approx' : '\\neq'}\\ ${dec(nums[a.key])}`, pass };
    },
    alt() {
      return F.alt;
    },
  };
}

function makeProblem(r: Rng): Problem {
  const k = r.weighted({ poly: 2, area: 2, dist: 2, geom: 2, sq: 1, fixed: 4 });
  switch (k) {
    case 'poly':
      return polyProblem(r);
    case 'area':
      return areaProblem(r);
    case 'dist':
      return distanceProblem(r);
    case 'geom':
      return geomProblem(r);
    case 'sq':
      return squareCircleProblem(r);
    default:
      return fixedProblem(r);
  }
}

const BANKS: Record<PhrasingSplit, Bank> = {
  dev: makeBank(DEV_PHRASES, () => ({
    open: '$',
    close: '$',
    dOpen: '\\[\n',
    dClose: '\n\\]',
    box0: '$\\boxed{',
    box1: '}$',
    asideWrap: ["(that's about ", ')'],
    val: (v) => v,
    math: (m) => m,
  })),
  heldout: makeBank(HELDOUT_PHRASES, (r) => {
    const d = r.chance(0.5);
    const tx = (s: string): string => (d ? s.replace(/\\frac\{/g, '\\dfrac{') : s);
    return {
      open: '\\(',
      close: '\\)',
      dOpen: '\n\\[ ',
      dClose: ' \\]',
      box0: '\\(\\boxed{',
      box1: '}\\)',
      asideWrap: ['[≈ ', ']'],
      val: tx,
      math: tx,
    };
  }),
};

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  return generateWith(family, BANKS, makeProblem, seed, count, split);
}
