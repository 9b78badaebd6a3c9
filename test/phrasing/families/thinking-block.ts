// Phrasing family "thinking-block": DeepSeek-R1-style responses, `<think> ... </think>` followed by
// a short written solution that states the final answer. Gold labels follow
// docs/annotation-guide.md: candidates are the conclusions reached inside the thinking block (the
// first statement of a value for the asked quantity in each attempt; restatements with no new work
// merge; a re-derivation or another method reaching the same value is an echo); the summary after
// </think> is not a candidate, its answer is `final`. Trial values ("let's try n = 3"), numbers
// from the question, intermediate quantities (x when the question asks for xy, the number of terms
// of a series, partial products, floor counts) and estimates are never candidates. "Wait",
// "Hmm", "Alternatively", "But wait", "Let me check" appear both as real decisions after a
// candidate and inside derivations before any answer.
//
// Some records are cut off mid-thought (no </think>, no summary, cut inside a word of derivation
// text): headers.truncated = 'true', final = null, candidates = those reached before the cut.
//
// Every phrasing pool is split into two disjoint halves: 'dev' uses the first half of each pool,
// 'heldout' the second. Structure (problem types, slips, echoes, corrections, truncation) is drawn
// independently of the split.

import type { PhrasingRecord } from './types.js';

export const family = 'thinking-block';

type Split = 'dev' | 'heldout';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

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

function hashStr(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Rng {
  private readonly f: () => number;
  constructor(seed: number) {
    this.f = mulberry32(seed);
  }
  next(): number {
    return this.f();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.f() * (hi - lo + 1));
  }
  pick<T>(a: readonly T[]): T {
    if (a.length === 0) throw new Error('empty pool');
    return a[Math.floor(this.f() * a.length)];
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.f() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }
}

function half<T>(pool: readonly T[], split: Split): readonly T[] {
  const m = Math.ceil(pool.length / 2);
  return split === 'dev' ? pool.slice(0, m) : pool.slice(m);
}

// ---------------------------------------------------------------------------------------------
// Body builder. {V} in a template is the candidate value; put(..., record=true) records its
// offset. Text added with safe=true is derivation / musing text where a truncation may cut.

type Vars = Record<string, string>;

function fill(tpl: string, vars: Vars): string {
  return tpl.replace(/\{(\w+)\}/g, (_m, k: string) => {
    const v = vars[k];
    if (v === undefined) throw new Error(`template var ${k} missing in: ${tpl}`);
    return v;
  });
}

class Body {
  text = '';
  cands: { value: string; offset: number }[] = [];
  safe: [number, number][] = [];
  add(s: string, safe = false): void {
    const start = this.text.length;
    this.text += s;
    if (safe && s.length) this.safe.push([start, this.text.length]);
  }
  put(tpl: string, vars: Vars, record = false, safe = false): void {
    if (safe && record) throw new Error('a recorded candidate is never in a safe region');
    const start = this.text.length;
    const re = /\{(\w+)\}/g;
    let last = 0;
    let recorded = false;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tpl)) !== null) {
      this.text += tpl.slice(last, m.index);
      const k = m[1];
      const v = vars[k];
      if (v === undefined) throw new Error(`template var ${k} missing in: ${tpl}`);
      if (k === 'V' && record && !recorded) {
        this.cands.push({ value: v, offset: this.text.length });
        recorded = true;
      }
      this.text += v;
      last = re.lastIndex;
    }
    this.text += tpl.slice(last);
    if (record && !recorded) throw new Error(`no {V} in recorded template: ${tpl}`);
    if (safe) this.safe.push([start, this.text.length]);
  }
}

function commas(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? '-' + s : s;
}

function slipDigit(rng: Rng, v: number, minPow: number): number {
  const len = String(Math.abs(v)).length;
  for (let tries = 0; tries < 50; tries++) {
    const k = rng.int(Math.min(minPow, len - 1), len - 1);
    const d = rng.pick([1, 1, -1, -1, 2, -2]) * 10 ** k;
    const w = v + d;
    if (w > 0 && String(w).length === len) return w;
  }
  return v + 10 ** Math.min(minPow, len - 1);
}

function trailingZeros(n: number): number {
  let k = 0;
  while (n !== 0 && n % 10 === 0) {
    n /= 10;
    k++;
  }
  return k;
}

function placeParts(n: number): number[] {
  const s = String(n);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    if (d !== 0) out.push(d * 10 ** (s.length - 1 - i));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phrasing pools (first half dev, second half heldout)

const POOLS = {
  think: [
    ['<think>\n', '\n</think>\n\n'],
    ['<think>\n', '\n</think>\n\n'],
  ],
  opening: [
    'Okay, so I need to find {goal}. Hmm, let me think about how to approach this.',
    "Alright, let's see. The problem is asking for {goal}.",
    'Okay, let me try to figure out {goal}.',
    'So I have to find {goal}. Let me start.',
    "Okay, let's tackle this. I need {goal}.",
    'Hmm, so the question wants {goal}. Let me work through it.',
    'Alright, I need to figure out {goal}. Let me break this down.',
    "Let me see... I'm asked for {goal}.",
  ],
  reread: [
    'Wait, let me re-read the problem. It asks for {goal}.',
    'Hmm, let me make sure I understand: we want {goal}.',
    'Let me check that I read it right: {goal}.',
    'But wait, what exactly is asked? {goal}.',
  ],
  plan: [
    'There are a few ways to do this. I could go straight at it, or break it into smaller pieces. Breaking it up is usually less error-prone, so let me do that.',
    'I want to be careful here, since small slips are easy to make. Let me write out every step.',
    'First, let me think about what the cleanest approach is.',
    'Let me not rush this.',
    'Okay, so the plan: set things up, compute carefully, then double-check.',
    "I'll go step by step and keep track of each intermediate number.",
    'Before computing anything, let me think about the structure of the problem.',
    'Let me organize this properly.',
  ],
  filler: ['Okay.', 'Right.', 'Hmm, okay.', 'Let me keep going.', 'Alright.', 'Good so far.', 'Hmm, fine.', 'Moving on.'],
  decisionVerify: [
    'Wait, let me double-check that.',
    'But wait, I should check my arithmetic.',
    'Let me check that again.',
    "Hmm, wait. Let me make sure I didn't slip somewhere.",
    'Wait a second, let me re-verify.',
    'But wait, maybe I made an error. Let me go through it again.',
    'Let me check once more, just to be safe.',
    'Hmm, is that right? Let me recompute.',
  ],
  decisionAlt: [
    'Hmm, but let me verify this another way to be sure.',
    'Alternatively, let me confirm it using a different method.',
    'Wait, maybe I should cross-check with another approach.',
    'Let me check it with a second method.',
    'Alternatively, I can verify this another way.',
    'But wait, I could also do this differently, as a check.',
    'Hmm, let me try a different approach to confirm.',
    'Let me check by solving it another way.',
  ],
  decisionDoubt: [
    "Wait, that doesn't seem right.",
    'Hmm, wait. Something feels off.',
    'But wait, let me look at that again.',
    "Let me check this, I'm not sure about it.",
    'Wait, no. Let me reconsider.',
    "Hmm, hold on. I'm not fully convinced.",
    'But wait, did I do that step correctly?',
    'Let me check a step I rushed through.',
  ],
  echoRemark: [
    'Okay, same result.',
    'Good, that matches.',
    'Yep, consistent with before.',
    'Okay, so both ways agree.',
    'Same answer as before.',
    'Great, it agrees.',
    'That confirms it.',
    'Alright, it checks out.',
  ],
  mismatch: [
    "Wait, that's different from before. Earlier I got {P}.",
    'Hmm, now I get {N} instead of {P}. One of them must be wrong.',
    "That doesn't match {P}. So the earlier answer was off.",
    'Hmm, so before I had {P}, but now {N}.',
    "Oh, that's not what I got the first time ({P}).",
    'So {P} was wrong?',
    'Interesting, this gives {N}, not {P}.',
    'That contradicts my earlier {P}.',
  ],
  restate: [
    'So the answer is {V}.',
    'Therefore, the final answer should be {V}.',
    "I think that's it: {V}.",
    'So the answer would be {V}.',
    "Okay, so I'm confident the answer is {V}.",
    'So yeah, {V}.',
    "Alright, so it's {V}.",
    'So my answer is {V}.',
  ],
  wrapUp: [
    "I think that's solid.",
    "Okay, I'm fairly confident now.",
    'That should be it.',
    "I don't see any mistakes now.",
    "Alright, that's settled.",
    "Okay, I think we're good.",
    'Yeah, that seems right.',
    "I'm done checking.",
  ],
  summaryFinal: [
    '**Final Answer**\n\\boxed{{V}}',
    'Thus, the answer is $\\boxed{{V}}$.',
    'The final answer is {V}.',
    '**Final Answer:** $\\boxed{{V}}$',
    'Therefore, the result is \\(\\boxed{{V}}\\).',
    '**Answer:** {V}',
    'So the answer is **{V}**.',
    '### Final Answer\nThe answer is $\\boxed{{V}}$.',
  ],
  // ---- multiplication
  mulGoal: ['the product of {a} and {b}', '{a} multiplied by {b}', '{a} times {b}', 'what {a} × {b} is'],
  mulQuery: [
    'Calculate {a} * {b}.',
    'What is {a} × {b}?',
    'Compute {a} times {b}. Think step by step.',
    'Find the product of {a} and {b}.',
    'Multiply {a} by {b}.',
    'What is the value of {a} × {b}?',
  ],
  mulMuse: [
    'Multiplying large numbers can be tricky, so maybe I should break it down using the distributive property.',
    'Hmm, doing this directly is error-prone. Let me split one of the numbers.',
    "Wait, maybe it's easier to split {n} into place values.",
    'Alternatively, I could do long multiplication, but splitting into parts is easier to track.',
    'Let me check which factor is easier to split. Probably {n}.',
    'Hmm, I remember the distributive property helps here: split {n} and multiply each piece.',
    'But wait, I should pick the split that gives the fewest carries. Let me split {n}.',
    'Maybe I can write {n} in expanded form and multiply each piece.',
  ],
  mulSplit: [
    'So {n} = {parts}.',
    'Let me write {n} as {parts}.',
    'Breaking {n} down: {parts}.',
    'Then {n} is {parts}.',
    '{n} can be written as {parts}.',
    'So {n} breaks into {parts}.',
  ],
  ppSent: [
    '{o} × {p} = {pp}.',
    '{o} times {p} is {pp}.',
    "{o} × {p}: that's {pp}.",
    '{o} times {p} equals {pp}.',
    '{o} multiplied by {p} gives {pp}.',
    '{o} × {p} would be {pp}.',
  ],
  ppCheck: [
    "Wait, let me make sure: {o} × {d} is {x}, so with the zeros that's {pp}. Yes.",
    'Let me check that one: {o} × {d} = {x}, then shift, {pp}. Okay.',
    'Hmm, {o} × {d}... {x}. So {pp}, right.',
    'But wait, is that right? {o} × {d} = {x}, so yes, {pp}.',
  ],
  sumLead: [
    'Now, adding them up.',
    'Now I need to add all these together.',
    'Let me add these partial products.',
    'Now sum them:',
    'Adding them all up step by step.',
    'Now combine everything.',
  ],
  sumStep: ['{s} + {v} = {t}.', 'Then {s} plus {v} is {t}.', 'Adding {v} to {s} gives {t}.', '{s} + {v} is {t}.'],
  sumLast: ['Then {s} + {v} = {V}.', 'Finally, {s} + {v} = {V}.', 'Adding {v}: {s} + {v} = {V}.', 'And {s} plus {v} is {V}.'],
  sumDirect: [
    'Adding all of these: {terms} = {V}.',
    'So the total is {terms} = {V}.',
    'Summing: {terms} = {V}.',
    'Together: {terms} = {V}.',
  ],
  mulRestate: ['So {a} × {b} = {V}.', 'So the product should be {V}.', 'Therefore {a} times {b} is {V}.', 'So the product is {V}.'],
  mulEstimate: [
    'That seems plausible: {a} is about {ra} and {b} is about {rb}, so roughly {est}.',
    'Hmm, as a sanity check, {ra} × {rb} = {est}, so the size is about right.',
    'Rough estimate: {ra} × {rb} is {est}, close enough.',
    'It should be near {ra} × {rb} = {est}, and it is.',
  ],
  mulReadd: [
    'Let me re-add the partial products to be sure.',
    'Let me add them again in a different order.',
    "I'll redo the addition.",
    'Let me go through the sum once more.',
  ],
  mulAlt: [
    'Let me split {n} instead: {n} = {parts}.',
    "This time I'll break up {n} = {parts}.",
    'Using the other factor: {n} = {parts}.',
    'Let me try splitting {n} = {parts} instead.',
  ],
  mulFixItem: [
    'Wait, {o} × {p}. Let me recompute that. {o} × {d} = {x}, so {o} × {p} = {ok}, not {bad}. That was the mistake.',
    'Hmm, let me look at {o} × {p} again. {o} × {d} is {x}, so it should be {ok}. I wrote {bad} before.',
    'Let me check the partial product {o} × {p}: {o} × {d} = {x}, so {ok}. Oh, I had {bad}.',
    'Oh wait, I think {o} × {p} is wrong. {o} × {d} = {x}, which gives {ok}, not {bad}.',
  ],
  mulFixSum: [
    'Wait, let me redo the addition carefully, I think I dropped a carry.',
    'Hmm, the addition might be off. Let me redo it.',
    'Let me recheck the sum, digit by digit.',
    'Oh, I might have messed up a carry. Redoing the sum.',
  ],
  lastDigit: [
    'Let me check the last digit: {la} × {lb} = {lp}, so it should end in {d}. It does.',
    'Last digit check: {la} × {lb} ends in {d}, and so does my result. Good.',
    'Quick check on the units digit: {la} times {lb} is {lp}, ending in {d}. Matches.',
    'The units digit should be {d} since {la} × {lb} = {lp}. Yes.',
  ],
  divCheck: [
    "Let me check by division: {V} ÷ {a} should give {b}. {a} × {b}... yes, that's consistent.",
    'Checking: if I divide {V} by {b}, I should get {a}. That works out.',
    'Check: {V} / {a} = {b}. Correct.',
    'And {V} divided by {b} is {a}, so it checks out.',
  ],
  mulSummary: [
    'To compute {a} × {b}, break {n} into {parts} and multiply each part by {o}:\n\n{lines}\n\nAdding these partial products gives {V}.',
    'We use the distributive property, writing {n} = {parts}:\n{lines}\nSumming: {terms} = {V}.',
    '**Solution.** Split {n} = {parts}. Then\n{lines}\nThe sum of the partial products is {V}.',
    'Breaking {n} into place values ({parts}):\n\n{lines}\n\nTotal: {V}.',
  ],
  // ---- powers
  powQuery: [
    'What is the smallest positive integer $n$ such that ${base}^n > {N}$?',
    'Find the least positive integer n for which {base}^n exceeds {N}.',
    'Determine the smallest integer n such that {base}^n is greater than {N}.',
    'For which smallest positive integer n is {base}^n > {N}?',
  ],
  powGoal: [
    'the smallest n with {base}^n > {N}',
    'the least positive integer n such that {base}^n is bigger than {N}',
    'the smallest n so that {base}^n exceeds {N}',
    'the first power of {base} that beats {N}',
  ],
  powMuse: [
    "Hmm, I could use logarithms, but maybe it's simpler to just compute powers of {base}.",
    "Let me think. {N} isn't that big, so computing powers of {base} directly should work.",
    'Wait, I should be careful whether the inequality is strict. It says greater than, so strict.',
    'Alternatively I could take logs, but let me just list powers first.',
    'Let me check the powers of {base} one at a time.',
    "Hmm, {base}^n grows fast, so n won't be very large.",
    "But wait, logs would give a decimal and I'd need to round carefully. Listing powers is safer.",
    'Maybe start from a power I know and go up.',
  ],
  powTry: [
    "Let's try n = {n}: {base}^{n} = {p}.",
    'What about n = {n}? {base}^{n} = {p}.',
    'Try n = {n}. Then {base}^{n} = {p}.',
    'If n = {n}, {base}^{n} is {p}.',
    'Testing n = {n}: {base}^{n} = {p}.',
    'For n = {n} we get {p}.',
  ],
  powLess: ["That's less than {N}.", 'Still below {N}.', 'Not enough, {p} < {N}.', "That's still smaller than {N}."],
  powConclude: [
    'So the smallest n is {V}.',
    'Therefore n = {V}.',
    'So n = {V} is the answer.',
    'That means the answer is n = {V}.',
    'Hence the least such n is {V}.',
    'So I need n = {V}.',
    'So the minimal n is {V}.',
    'Thus n = {V}.',
  ],
  powLogIntro: [
    'Alternatively, using logarithms: n > log({N}) / log({base}).',
    'Let me verify with logs. We need n > ln({N}) / ln({base}).',
    'Another way: take logarithms, n > log_{base}({N}).',
    'Let me check using logs: n must exceed log({N})/log({base}).',
  ],
  // ---- arithmetic series
  serQuery: [
    'Find the sum of the arithmetic sequence {t1}, {t2}, {t3}, ..., {l}.',
    'What is {t1} + {t2} + {t3} + ... + {l}?',
    'Compute the sum {t1} + {t2} + {t3} + \\cdots + {l}.',
    'Evaluate the sum of all terms of the arithmetic progression {t1}, {t2}, {t3}, ..., {l}.',
  ],
  serGoal: [
    'the sum {t1} + {t2} + ... + {l}',
    'the sum of this arithmetic sequence from {t1} to {l}',
    'the total of the terms {t1}, {t2}, ..., {l}',
    'the sum of the progression ending at {l}',
  ],
  serMuse: [
    'Hmm, first I need the common difference: {t2} − {t1} = {d}, and {t3} − {t2} = {d}. Okay.',
    "Wait, let me make sure it's arithmetic: the differences are all {d}. Yes.",
    'The formula for the sum is n times the average of the first and last terms, so I need the number of terms.',
    'Let me check the difference: {t2} − {t1} = {d}. Good.',
    'Alternatively I could add them directly, but there are a lot of terms. Better to use the formula.',
    'Hmm, so this is an arithmetic series with first term {t1} and difference {d}.',
    'But wait, I need to count the terms carefully; off-by-one errors are easy here.',
    'Let me recall: S = n(a₁ + aₙ)/2.',
  ],
  serTest: [
    'Let me test the counting formula on a small case: {t1}, {t2}, {t3} has 3 terms, and ({t3} − {t1})/{d} + 1 = 3. Good.',
    'Quick sanity check of the count formula: from {t1} to {t3} there are ({t3} − {t1})/{d} + 1 = 3 terms. Right.',
    'Check with a tiny example: {t1}, {t2} is 2 terms, ({t2} − {t1})/{d} + 1 = 2. Okay.',
    'Let me try it on the first three terms: ({t3} − {t1})/{d} + 1 = 2 + 1 = 3. Works.',
  ],
  serCount: [
    'Number of terms: ({l} − {t1})/{d} + 1 = {q} + 1 = {c}.',
    'The nth term is {t1} + (n − 1)·{d} = {l}, so n − 1 = {q} and n = {c}.',
    'So there are ({l} − {t1})/{d} + 1 = {c} terms.',
    'Solving {t1} + {d}(n − 1) = {l}: n − 1 = {q}, so n = {c}.',
  ],
  serCountBad: [
    'Number of terms: ({l} − {t1})/{d} = {c}.',
    'The number of terms is ({l} − {t1})/{d}, which is {c}.',
    'So there are ({l} − {t1})/{d} = {c} terms.',
    'The count is {l} − {t1} = {diff}, divided by {d}, so {c} terms.',
  ],
  serSum: [
    'Sum = {c} × ({t1} + {l}) / 2 = {c} × {s} / 2 = {V}.',
    'Then S = {c}({t1} + {l})/2 = {c} · {h} = {V}.',
    'So the sum is {c} × {s}/2 = {V}.',
    'S = n(first + last)/2 = {c} × {s} / 2 = {V}.',
  ],
  serAlt: [
    'Alternatively, S = n·a + d·n(n − 1)/2 = {c}·{t1} + {d}·{c}·{cm}/2 = {x} + {y} = {V}.',
    'Another way: S = {c}·{t1} + {d}·({c}·{cm}/2) = {x} + {y} = {V}.',
    'Let me use the other formula: n·a₁ + d·n(n−1)/2 = {x} + {y} = {V}.',
    'Using S = na + dn(n−1)/2: {c}·{t1} = {x}, {d}·{c}·{cm}/2 = {y}, total {V}.',
  ],
  serFix: [
    'Wait, the number of terms is ({l} − {t1})/{d} + 1, not ({l} − {t1})/{d}. I forgot the +1. So n = {c}.',
    'Hmm, I forgot to add 1 when counting terms. From {t1} to {t2} there are 2 terms, not 1. So n = {c}.',
    'Oh, the count is off by one: it should be {q} + 1 = {c} terms.',
    'But wait, ({l} − {t1})/{d} counts the gaps, not the terms. There are {c} terms.',
  ],
  serSummary: [
    'The sequence has first term {t1}, common difference {d}, and last term {l}, so it has ({l} − {t1})/{d} + 1 = {c} terms. Its sum is\n$$S = n(a_1 + a_n)/2 = {c} \\cdot {s} / 2 = {V}.$$',
    'Number of terms: {c}. Sum: {c} × ({t1} + {l}) / 2 = {V}.',
    '**Solution.** With a₁ = {t1}, d = {d}, aₙ = {l}: n = {c}, so S = {c} · {s} / 2 = {V}.',
    'There are {c} terms, and the average term is {avg}, so the sum is {c} × {avg} = {V}.',
  ],
  // ---- linear system
  linQuery: [
    'If {e1} and {e2}, what is the value of {ask}?',
    'Given that {e1} and {e2}, find {ask}.',
    'Solve the system {e1}, {e2} and compute {ask}.',
    'Suppose {e1} and {e2}. What is {ask}?',
  ],
  linGoal: [
    '{ask} given the two equations',
    'the value of {ask}',
    '{ask} for the system {e1}, {e2}',
    '{ask}, so first I should solve for x and y',
  ],
  linMuse: [
    'Hmm, I could use substitution since the second equation is simple.',
    'Wait, the question asks for {ask}, not x or y alone, so I need both values.',
    "Let me check if there's a shortcut... probably not, just solve the system.",
    'Alternatively, elimination would work, but substitution seems quicker here.',
    "But wait, maybe I don't need x and y separately. Hmm, for {ask} I think I do.",
    'Let me solve for x and y first.',
    'Hmm, two equations, two unknowns. Substitution.',
    'Let me check the second equation: {e2}. I can isolate x from it.',
  ],
  linPlug: [
    'Check: {p}·{x} + {q}·{y} = {r}, and {e2c}. Both equations hold.',
    'Let me plug back in: {p}({x}) + {q}({y}) = {px} + {qy} = {r}. Good. And {e2c}.',
    'Plugging x = {x}, y = {y} into the first equation gives {r}. Good.',
    'Verify: {p}·{x} + {q}·{y} = {r} ✓, {e2c} ✓.',
  ],
  // ---- inclusion-exclusion
  incQuery: [
    'How many positive integers less than or equal to {N} are divisible by {p} or {q}?',
    'How many integers from 1 to {N} are multiples of {p} or {q}?',
    'Find the number of integers n with 1 ≤ n ≤ {N} such that n is divisible by {p} or by {q}.',
    'Count the positive integers up to {N} that are divisible by at least one of {p} and {q}.',
  ],
  incGoal: [
    'how many numbers up to {N} are divisible by {p} or {q}',
    'the count of multiples of {p} or {q} up to {N}',
    'the number of integers from 1 to {N} divisible by {p} or {q}',
    'how many n ≤ {N} are multiples of {p} or {q}',
  ],
  incMuse: [
    'Hmm, this is an inclusion-exclusion problem, I think.',
    'Wait, "or" means at least one of them, so I have to be careful with overlaps.',
    'Let me check: {p} and {q} are coprime, so numbers divisible by both are multiples of {pq}.',
    'Alternatively I could count the complement, but let me do it directly first.',
    'But wait, I should count the multiples of each separately first.',
    'Let me think. Multiples of {p}, multiples of {q}, and then deal with the overlap.',
    'Hmm, floor division will give the counts.',
    'Let me check how many multiples of {p} there are first.',
  ],
  incTest: [
    "Let me sanity check the method with {M} instead of {N}: multiples of {p} or {q} up to {M} are {list}, that's {k}, and {a} + {b} − {c} = {k}. Good.",
    "Quick test with a small bound, {M}: {list}. That's {k} numbers, and the formula gives {a} + {b} − {c} = {k}. Works.",
    'Let me try a small case, up to {M}: {list}, so {k}. Formula: {a} + {b} − {c} = {k}. Okay.',
    'Test on {M}: the numbers are {list}, {k} of them; {a} + {b} − {c} = {k}. Good.',
  ],
};

type Pools = { [K in keyof typeof POOLS]: (typeof POOLS)[K] };

function splitPools(split: Split): Pools {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(POOLS)) out[k] = half(v as readonly unknown[], split);
  return out as Pools;
}

// ---------------------------------------------------------------------------------------------
// Problem types

interface Ctx {
  rng: Rng;
  P: Pools;
  b: Body;
  split: Split;
  /** A sanity check followed the last candidate: do not restate the value after it. */
  afterCheck: boolean;
}

type How = 'reuse' | 'alt' | 'fix';

interface TType {
  task: string;
  query: string;
  answer: number;
  goal: string;
  fmt(n: number): string;
  /** Render the first attempt (derivation + conclusion); returns its value. */
  first(slip: boolean): number;
  /** Render a later attempt; returns its value. */
  again(how: How, slip: boolean): number;
  /** Whether the last attempt has a slip that a targeted fix can name. */
  fixable(): boolean;
  /** A check that does not recompute the asked quantity (no value restated as conclusion). */
  check(value: number): void;
  /** Written solution after </think>; returns the value string it ends on. */
  summary(value: number): string;
}

/** Write text that is derivation (safe to cut), followed by a space or newline. */
function say(ctx: Ctx, tpl: string, vars: Vars = {}, sep = ' '): void {
  ctx.b.put(tpl, vars, false, true);
  if (sep === ' ' && ctx.rng.chance(0.07)) ctx.b.add(' ' + ctx.rng.pick(ctx.P.filler), true);
  ctx.b.add(sep);
}

function sayPool(ctx: Ctx, pool: readonly string[], vars: Vars = {}, sep = ' '): void {
  say(ctx, ctx.rng.pick(pool), vars, sep);
}

/** Up to n distinct musings from a pool, in pool order. */
function musings(ctx: Ctx, pool: readonly string[], vars: Vars, n: number): void {
  const idx = pool.map((_, i) => i);
  const chosen: number[] = [];
  while (chosen.length < Math.min(n, pool.length)) {
    const i = ctx.rng.pick(idx.filter((j) => !chosen.includes(j)));
    chosen.push(i);
  }
  for (const i of chosen) say(ctx, pool[i], vars);
}

function conclude(ctx: Ctx, tpl: string, vars: Vars, sep = ' '): void {
  ctx.afterCheck = false;
  ctx.b.put(tpl, vars, true);
  ctx.b.add(sep);
}

function para(ctx: Ctx): void {
  ctx.b.add('\n\n');
}

// ---- multiplication -------------------------------------------------------------------------

interface MulState {
  n: number; // split factor
  o: number; // other factor
  vals: number[];
  slipItem: number;
  finDelta: number;
  finStep: number;
  value: number;
}

function mulType(ctx: Ctx): TType {
  const { rng, P } = ctx;
  const da = rng.weighted([
    [2, 2],
    [3, 4],
    [4, 3],
  ] as const);
  const db = rng.weighted([
    [2, 1],
    [3, 4],
    [4, 4],
  ] as const);
  const gen = (d: number): number => {
    for (;;) {
      const v = rng.int(10 ** (d - 1), 10 ** d - 1);
      if (placeParts(v).length >= 2) return v;
    }
  };
  const a = gen(da);
  const b = gen(db);
  const comma = rng.chance(0.35);
  const f = (n: number): string => (comma ? commas(n) : String(n));
  let st: MulState | null = null;
  let splitFirst = rng.chance(0.7) ? b : a;

  const compute = (n: number, slip: boolean): MulState => {
    const o = n === b ? a : b;
    const parts = placeParts(n);
    const vals = parts.map((p) => p * o);
    let slipItem = -1;
    let finDelta = 0;
    let finStep = 0;
    if (slip) {
      if (rng.chance(0.55)) {
        slipItem = rng.int(0, vals.length - 1);
        vals[slipItem] = slipDigit(rng, vals[slipItem], trailingZeros(vals[slipItem]));
      } else {
        const sum = vals.reduce((s, x) => s + x, 0);
        finDelta = slipDigit(rng, sum, 0) - sum;
        finStep = rng.int(1, vals.length - 1);
      }
    }
    const value = vals.reduce((s, x) => s + x, 0) + finDelta;
    return { n, o, vals, slipItem, finDelta, finStep, value };
  };

  const renderSum = (s: MulState, order: number[]): void => {
    const vals = order.map((i) => s.vals[i]);
    const direct = vals.length === 2 || rng.chance(0.3);
    if (direct) {
      conclude(ctx, rng.pick(P.sumDirect), { terms: vals.map(f).join(' + '), V: f(s.value) });
      return;
    }
    let acc = vals[0];
    for (let i = 1; i < vals.length; i++) {
      const next = acc + vals[i] + (i === s.finStep ? s.finDelta : 0);
      if (i === vals.length - 1) {
        conclude(ctx, rng.pick(P.sumLast), { s: f(acc), v: f(vals[i]), V: f(s.value) });
      } else {
        sayPool(ctx, P.sumStep, { s: f(acc), v: f(vals[i]), t: f(next) });
      }
      acc = next;
    }
  };

  const renderItems = (s: MulState): void => {
    const parts = placeParts(s.n);
    parts.forEach((p, i) => {
      sayPool(ctx, P.ppSent, { o: f(s.o), p: f(p), pp: f(s.vals[i]) });
      if (i !== s.slipItem && p >= 10 && rng.chance(0.15)) {
        const d = Number(String(p)[0]);
        sayPool(ctx, P.ppCheck, { o: f(s.o), d: String(d), x: f(s.o * d), pp: f(s.vals[i]) });
      }
    });
  };

  const self: TType = {
    task: `${da}x${db}`,
    query: fill(rng.pick(P.mulQuery), { a: String(a), b: String(b) }),
    answer: a * b,
    goal: fill(rng.pick(P.mulGoal), { a: String(a), b: String(b) }),
    fmt: f,
    first(slip) {
      const s = compute(splitFirst, slip);
      st = s;
      if (rng.chance(0.7)) sayPool(ctx, P.mulMuse, { n: f(s.n) });
      sayPool(ctx, P.mulSplit, { n: f(s.n), parts: placeParts(s.n).map(f).join(' + ') }, '\n\n');
      renderItems(s);
      para(ctx);
      sayPool(ctx, P.sumLead);
      renderSum(
        s,
        s.vals.map((_, i) => i),
      );
      if (rng.chance(0.45)) {
        ctx.b.put(rng.pick(P.mulRestate), { a: f(a), b: f(b), V: f(s.value) }); // restatement: merges
        ctx.b.add(' ');
      }
      if (rng.chance(0.3)) {
        const r = (n: number): number => {
          const p = 10 ** (String(n).length - 1);
          return Math.round(n / p) * p;
        };
        sayPool(ctx, P.mulEstimate, { a: f(a), b: f(b), ra: f(r(a)), rb: f(r(b)), est: f(r(a) * r(b)) });
        ctx.afterCheck = true;
      }
      return s.value;
    },
    again(how, slip) {
      const prev = st as MulState;
      let s: MulState;
      if (how === 'fix') {
        const parts = placeParts(prev.n);
        if (prev.slipItem >= 0) {
          const p = parts[prev.slipItem];
          const d = Number(String(p)[0]);
          sayPool(ctx, P.mulFixItem, {
            o: f(prev.o),
            p: f(p),
            d: String(d),
            x: f(prev.o * d),
            ok: f(prev.o * p),
            bad: f(prev.vals[prev.slipItem]),
          });
        } else {
          sayPool(ctx, P.mulFixSum);
        }
        const vals = parts.map((p) => p * prev.o);
        s = { ...prev, vals, slipItem: -1, finDelta: 0, finStep: 0, value: vals.reduce((x, y) => x + y, 0) };
        para(ctx);
        renderSum(
          s,
          vals.map((_, i) => i),
        );
      } else if (how === 'reuse') {
        sayPool(ctx, P.mulReadd, {}, '\n\n');
        const repeat = prev.finDelta !== 0 && rng.chance(0.4);
        s = { ...prev, finDelta: repeat ? prev.finDelta : 0, finStep: repeat ? 1 : 0 };
        s.value = s.vals.reduce((x, y) => x + y, 0) + s.finDelta;
        const order = s.vals.map((_, i) => i);
        if (rng.chance(0.5)) order.reverse();
        renderSum(s, order);
      } else {
        splitFirst = prev.n === a ? b : a;
        s = compute(splitFirst, slip);
        sayPool(ctx, P.mulAlt, { n: f(s.n), parts: placeParts(s.n).map(f).join(' + ') }, '\n\n');
        renderItems(s);
        para(ctx);
        sayPool(ctx, P.sumLead);
        renderSum(
          s,
          s.vals.map((_, i) => i),
        );
      }
      st = s;
      return s.value;
    },
    fixable() {
      const s = st as MulState;
      return s.slipItem >= 0 || s.finDelta !== 0;
    },
    check(value) {
      const la = a % 10;
      const lb = b % 10;
      if (value === a * b && rng.chance(0.5)) sayPool(ctx, P.divCheck, { V: f(value), a: f(a), b: f(b) });
      else if (value % 10 === (la * lb) % 10)
        sayPool(ctx, P.lastDigit, { la: String(la), lb: String(lb), lp: String(la * lb), d: String((la * lb) % 10) });
    },
    summary(value) {
      const s = st as MulState;
      const parts = placeParts(s.n);
      const lines = parts.map((p, i) => `- ${f(s.o)} × ${f(p)} = ${f(s.vals[i])}`).join('\n');
      ctx.b.put(rng.pick(P.mulSummary), {
        a: f(a),
        b: f(b),
        n: f(s.n),
        o: f(s.o),
        parts: parts.map(f).join(' + '),
        lines,
        terms: s.vals.map(f).join(' + '),
        V: f(value),
      });
      return f(value);
    },
  };
  return self;
}

// ---- smallest power ---------------------------------------------------------------------------

function powType(ctx: Ctx): TType {
  const { rng, P } = ctx;
  const ph = (arr: readonly string[]): string => rng.pick(half(arr, ctx.split));
  const base = rng.pick([2, 3, 5, 7, 6]);
  const kmax = base === 2 ? 14 : base === 3 ? 9 : 6;
  const k = rng.int(3, kmax);
  const pk = base ** k;
  const trap = rng.chance(0.45); // N = base^k exactly: strict inequality trap
  // otherwise N is just above base^k, so a digit slip in base^k flips the comparison
  const N = trap ? pk : pk + rng.int(1, Math.max(1, Math.floor(pk * 0.04)));
  const answer = k + 1;
  const f = (n: number): string => String(n);
  let lastSlip: 'trap' | 'digit' | null = null;
  const goalVars = { base: String(base), N: String(N) };

  const listPowers = (upto: number, slipK: boolean): number => {
    // lists base^j for j up to `upto`, possibly miscomputing base^k; returns the value shown for base^k
    const shown: string[] = [];
    const bad = slipK ? slipAbove(rng, pk, N) : pk;
    const start = Math.max(1, k - rng.int(2, 4));
    for (let j = start; j <= upto; j++) shown.push(`${base}^${j} = ${j === k ? bad : base ** j}`);
    say(ctx, shown.join(', ') + '.');
    return bad;
  };

  const attempt = (slip: boolean, style: 'list' | 'trial'): number => {
    lastSlip = slip ? (trap ? 'trap' : 'digit') : null;
    if (style === 'list') {
      say(ctx, ph(['Let me list them:', 'Powers of {base}:', 'So:', 'Computing:']), { base: String(base) });
      const bad = listPowers(slip ? k : k + 1, slip && !trap);
      const pv: Vars = {
        base: String(base),
        k: String(k),
        k1: String(k + 1),
        N: String(N),
        bad: String(bad),
        pk: String(pk),
        pk1: String(base ** (k + 1)),
        rel: trap ? 'equal to' : 'less than',
      };
      if (slip && trap)
        say(
          ctx,
          ph([
            'So {base}^{k} = {N}, which reaches {N}.',
            'So {base}^{k} already gets to {N}.',
            'There, {base}^{k} = {N}, so that does it.',
            'So at {base}^{k} we hit {N}.',
          ]),
          pv,
        );
      else if (slip)
        say(
          ctx,
          ph([
            'So {base}^{k} = {bad} > {N}.',
            'So {base}^{k} = {bad}, which is already above {N}.',
            '{base}^{k} = {bad} is bigger than {N}.',
            'There: {bad} > {N}.',
          ]),
          pv,
        );
      else
        say(
          ctx,
          ph([
            '{base}^{k} = {pk} is {rel} {N}, but {base}^{k1} = {pk1} > {N}.',
            'So {base}^{k} = {pk} is still {rel} {N}, while {base}^{k1} = {pk1} is bigger.',
            'The power {base}^{k} = {pk} is {rel} {N}; {base}^{k1} = {pk1} passes it.',
            '{pk} is {rel} {N}, and {pk1} > {N}.',
          ]),
          pv,
        );
    } else {
      const j0 = Math.max(1, k - 1);
      say(ctx, rng.pick(P.powTry), { n: String(j0), base: String(base), p: String(base ** j0) });
      if (j0 < k) sayPool(ctx, P.powLess, { N: String(N), p: String(base ** j0) });
      if (j0 < k) {
        const shownK = slip && !trap ? slipAbove(rng, pk, N) : pk;
        sayPool(ctx, P.powTry, { n: String(k), base: String(base), p: String(shownK) });
        if (slip && trap)
          say(ctx, ph(["That's {N}, so this works.", 'That hits {N}.', 'Exactly {N}, good.', 'So {base}^{k} reaches {N}.']), {
            N: String(N),
            base: String(base),
            k: String(k),
          });
        else if (slip)
          say(ctx, ph(["That's bigger than {N}.", "That's above {N}.", 'Okay, more than {N}.', 'That exceeds {N}.']), { N: String(N) });
        else if (trap)
          say(
            ctx,
            ph([
              'That equals {N}, but we need strictly greater.',
              'Equal to {N}, not greater.',
              "Hmm, that's exactly {N}, so not greater.",
              'Only equal to {N}.',
            ]),
            { N: String(N) },
          );
        else sayPool(ctx, P.powLess, { N: String(N), p: String(pk) });
      }
      if (!slip) {
        sayPool(ctx, P.powTry, { n: String(k + 1), base: String(base), p: String(base ** (k + 1)) });
        say(ctx, ph(["That's greater than {N}.", 'Finally bigger than {N}.', 'That exceeds {N}.', "Okay, that's above {N}."]), {
          N: String(N),
        });
      }
    }
    const v = slip ? k : k + 1;
    conclude(ctx, rng.pick(P.powConclude), { V: String(v) });
    return v;
  };

  const self: TType = {
    task: 'smallest-power',
    query: fill(rng.pick(P.powQuery), goalVars),
    answer,
    goal: fill(rng.pick(P.powGoal), goalVars),
    fmt: f,
    first(slip) {
      if (rng.chance(0.75)) sayPool(ctx, P.powMuse, goalVars);
      para(ctx);
      return attempt(slip, rng.pick(['list', 'trial']));
    },
    again(how, slip) {
      if (how === 'fix') {
        if (lastSlip === 'trap') {
          say(
            ctx,
            ph([
              'The problem says greater than, strictly. {base}^{k} = {N} is equal to {N}, not greater.',
              'Wait, {base}^{k} = {N} exactly, and we need {base}^n > {N}, so n = {k} does not work.',
              "Hmm, {base}^{k} equals {N}, it doesn't exceed it. The inequality is strict.",
              'Oh, I misread: equality is not enough. {base}^{k} = {N} fails.',
            ]),
            { base: String(base), k: String(k), N: String(N) },
          );
        } else {
          say(
            ctx,
            ph([
              "Let me recompute {base}^{k}: {base}^{km} = {pm}, times {base} is {pk}. That's less than {N}! I made an arithmetic error before.",
              "{base}^{km} = {pm}, so {base}^{k} = {pm} × {base} = {pk}, which is below {N}. So n = {k} doesn't work.",
              'Actually {base}^{k} = {pk}, not what I wrote. And {pk} < {N}.',
              'Hmm, {pm} × {base} = {pk}. So {base}^{k} is {pk}, smaller than {N}.',
            ]),
            { base: String(base), k: String(k), km: String(k - 1), pm: String(base ** (k - 1)), pk: String(pk), N: String(N) },
          );
        }
        say(
          ctx,
          ph([
            'The next power is {base}^{k1} = {pk1} > {N}.',
            'Then {base}^{k1} = {pk1}, which does exceed {N}.',
            'One more power: {base}^{k1} = {pk1} > {N}.',
            'And {base}^{k1} = {pk1} is above {N}.',
          ]),
          { base: String(base), k1: String(k + 1), pk1: String(base ** (k + 1)), N: String(N) },
        );
        lastSlip = null;
        conclude(ctx, rng.pick(P.powConclude), { V: String(k + 1) });
        return k + 1;
      }
      if (how === 'alt') {
        sayPool(ctx, P.powLogIntro, goalVars);
        const ratio = Math.log(N) / Math.log(base);
        const lv: Vars = { N: String(N), base: String(base), k: String(k) };
        // the value is first stated by the recorded conclusion, never before it
        if (trap) {
          say(
            ctx,
            ph([
              'Since {N} = {base}^{k}, log_{base}({N}) = {k} exactly.',
              '{N} is exactly {base}^{k}, so the log is exactly {k}.',
              'Here {N} = {base}^{k}, so the ratio is exactly {k}.',
              'The ratio comes out to exactly {k}, since {N} = {base}^{k}.',
            ]),
            lv,
          );
          if (slip) {
            lastSlip = 'trap';
            conclude(ctx, ph(['So n = {V} is enough.', 'So n = {V} works.', 'That gives n = {V}.', 'So the answer is n = {V}.']), {
              k: String(k),
              V: String(k),
            });
            return k;
          }
          say(
            ctx,
            ph([
              'n must be strictly greater than {k}, so the next integer.',
              'But n has to be strictly bigger than {k}.',
              'Strictly greater means I need the next integer up.',
              "Since the inequality is strict, n can't equal {k}.",
            ]),
            lv,
          );
        } else {
          const shown = slip ? Math.floor(ratio) - 0.02 - rng.int(0, 5) / 100 : ratio;
          say(ctx, ph(["That's about {r}.", 'Numerically, about {r}.', 'This is roughly {r}.', 'I get approximately {r}.']), {
            r: shown.toFixed(2),
          });
          if (slip) {
            lastSlip = 'digit';
            conclude(
              ctx,
              ph([
                'Rounding up, n = {V}.',
                'So rounding up gives n = {V}.',
                'The next integer is {V}, so n = {V}.',
                'So n = {V} after rounding up.',
              ]),
              { V: String(Math.ceil(shown)) },
            );
            return Math.ceil(shown);
          }
        }
        lastSlip = null;
        conclude(
          ctx,
          ph([
            'Rounding up, n = {V}.',
            'So the smallest integer n is {V}.',
            'The next integer is {V}, so n = {V}.',
            'So n = {V} after rounding up.',
          ]),
          { V: String(k + 1) },
        );
        return k + 1;
      }
      // reuse: recompute the boundary powers directly
      if (lastSlip === 'trap') {
        say(
          ctx,
          ph([
            '{base}^{k} = {N}, and {base}^{km} = {pm} is smaller.',
            'Again {base}^{km} = {pm} and {base}^{k} = {N}.',
            'Recomputing: {base}^{k} = {pm} × {base} = {N}.',
            '{pm} × {base} = {N}, so {base}^{k} = {N}.',
          ]),
          { base: String(base), k: String(k), km: String(k - 1), pm: String(base ** (k - 1)), N: String(N) },
        );
        conclude(ctx, rng.pick(P.powConclude), { V: String(k) });
        return k;
      }
      say(
        ctx,
        ph([
          '{base}^{km} = {pm}, times {base} is {pk}, {rel} {N}. And {pk} × {base} = {pk1} > {N}.',
          'Going up from {base}^{km} = {pm}: {base}^{k} = {pk}, {rel} {N}; {base}^{k1} = {pk1} > {N}.',
          'Directly: {base}^{k} = {pk} ({rel} {N}) and {base}^{k1} = {pk1} (more than {N}).',
          'So {pm} × {base} = {pk}, {rel} {N}, and {pk} × {base} = {pk1}, which is more.',
        ]),
        {
          base: String(base),
          k: String(k),
          km: String(k - 1),
          k1: String(k + 1),
          pm: String(base ** (k - 1)),
          pk: String(pk),
          pk1: String(base ** (k + 1)),
          N: String(N),
          rel: trap ? 'which equals' : 'which is less than',
        },
      );
      lastSlip = null;
      conclude(ctx, rng.pick(P.powConclude), { V: String(k + 1) });
      return k + 1;
    },
    fixable() {
      return lastSlip !== null;
    },
    check(value) {
      if (value === k + 1)
        say(
          ctx,
          ph([
            'And {base}^{k} = {pk} does not exceed {N}, so nothing smaller works.',
            'Smaller exponents give at most {pk}, which is not above {N}.',
            'Nothing below works since {base}^{k} = {pk} is not more than {N}.',
            "Also {base}^{k} = {pk} ≤ {N}, so we can't go lower.",
          ]),
          { base: String(base), k: String(k), pk: String(pk), N: String(N) },
        );
    },
    summary(value) {
      const sv: Vars = {
        base: String(base),
        k: String(k),
        k1: String(k + 1),
        pk: String(pk),
        pk1: String(base ** (k + 1)),
        N: String(N),
        rel: trap ? 'is only equal to' : '<',
        val: String(value),
      };
      const body =
        value === k + 1
          ? ph([
              'We have {base}^{k} = {pk} {rel} {N}, while {base}^{k1} = {pk1} > {N}.',
              'Since {base}^{k} = {pk} {rel} {N} and {base}^{k1} = {pk1} > {N}, the smallest exponent is the latter.',
              'Checking powers: {base}^{k} = {pk} is not enough, but {base}^{k1} = {pk1} exceeds {N}.',
              'The powers of {base} pass {N} between {base}^{k} = {pk} and {base}^{k1} = {pk1}.',
            ])
          : ph([
              'Computing powers of {base}, the first one to reach {N} is {base}^{val}.',
              'Listing powers of {base}, {base}^{val} is where we reach {N}.',
              'The powers of {base} reach {N} at exponent {val}.',
              'By direct computation, {base}^{val} is the first power at or past {N}.',
            ]);
      ctx.b.put(body, sv);
      ctx.b.add('\n\n');
      ctx.b.put(rng.pick(P.summaryFinal), { V: String(value) });
      return String(value);
    },
  };
  return self;
}

function slipAbove(rng: Rng, pk: number, N: number): number {
  const gap = N - pk;
  const k = String(gap).length;
  return pk + 10 ** Math.min(k, String(pk).length - 1) * rng.int(1, 2);
}

// ---- arithmetic series ------------------------------------------------------------------------

function serType(ctx: Ctx): TType {
  const { rng, P } = ctx;
  const ph = (arr: readonly string[]): string => rng.pick(half(arr, ctx.split));
  let t1 = 0;
  let d = 0;
  let c = 0;
  for (;;) {
    t1 = rng.int(1, 40);
    d = rng.int(2, 9);
    c = rng.int(12, 90);
    if (((c - 1) * d) % 2 === 0) break;
  }
  const l = t1 + (c - 1) * d;
  const s = t1 + l;
  const answer = (c * s) / 2;
  const f = (n: number): string => String(n);
  const v0: Vars = { t1: f(t1), t2: f(t1 + d), t3: f(t1 + 2 * d), l: f(l), d: f(d) };
  let last: { count: number; prodSlip: number } = { count: c, prodSlip: 0 };

  const sumLine = (count: number, prodSlip: number): number => {
    const v = (count * s) / 2 + prodSlip;
    conclude(ctx, rng.pick(P.serSum), { ...v0, c: f(count), s: f(s), h: f(s / 2), V: f(v) });
    return v;
  };

  const self: TType = {
    task: 'arith-series',
    query: fill(rng.pick(P.serQuery), v0),
    answer,
    goal: fill(rng.pick(P.serGoal), v0),
    fmt: f,
    first(slip) {
      musings(ctx, P.serMuse, v0, rng.chance(0.8) ? (rng.chance(0.35) ? 2 : 1) : 0);
      para(ctx);
      if (rng.chance(0.3)) sayPool(ctx, P.serTest, v0, '\n\n');
      const kind = slip ? rng.pick(['count', 'prod']) : null;
      if (kind === 'count') sayPool(ctx, P.serCountBad, { ...v0, c: f(c - 1), diff: f(l - t1) });
      else sayPool(ctx, P.serCount, { ...v0, c: f(c), q: f(c - 1) });
      const count = kind === 'count' ? c - 1 : c;
      const prodSlip = kind === 'prod' ? slipDigit(rng, (count * s) / 2, 0) - (count * s) / 2 : 0;
      last = { count, prodSlip };
      return sumLine(count, prodSlip);
    },
    again(how, slip) {
      if (how === 'fix') {
        if (last.count !== c) {
          sayPool(ctx, P.serFix, { ...v0, c: f(c), q: f(c - 1) });
        } else {
          say(
            ctx,
            ph([
              'Let me redo the multiplication: {c} × {s} = {cs}.',
              'Hmm, {c} × {s} is {cs}. Divided by 2...',
              "Recomputing {c} × {s}: that's {cs}.",
              'Actually {c} × {s} = {cs}, I multiplied wrong.',
            ]),
            { c: f(c), s: f(s), cs: f(c * s), h2: f(answer) },
          );
        }
        last = { count: c, prodSlip: 0 };
        return sumLine(c, 0);
      }
      if (how === 'reuse') {
        const repeat = last.prodSlip !== 0 && rng.chance(0.4);
        last = { count: last.count, prodSlip: repeat ? last.prodSlip : 0 };
        const v = (last.count * s) / 2 + last.prodSlip;
        conclude(
          ctx,
          ph([
            'Let me recompute: {c} × {s} = {cs}, and dividing by 2 gives {V}.',
            'Redo: {c} times {s} is {cs}, half of that is {V}.',
            'So {c} × {s} = {cs}; halving, the sum is {V}.',
            'Recomputing the product, {c} × {s} = {cs}, over 2 is {V}.',
          ]),
          { c: f(last.count), s: f(s), cs: f(last.count * s + 2 * last.prodSlip), V: f(v) },
        );
        return v;
      }
      // alt: other formula, same count as last (an off-by-one count repeats; the product is redone)
      const count = slip && rng.chance(0.5) ? c - 1 : last.count === c || rng.chance(0.5) ? c : last.count;
      if (count === c && last.count !== c) sayPool(ctx, P.serCount, { ...v0, c: f(c), q: f(c - 1) });
      const x = count * t1;
      const y = (d * count * (count - 1)) / 2;
      let ySlip = 0;
      if (slip && count === c) ySlip = slipDigit(rng, y, 0) - y;
      const v = x + y + ySlip;
      conclude(ctx, rng.pick(P.serAlt), { ...v0, c: f(count), cm: f(count - 1), x: f(x), y: f(y + ySlip), V: f(v) });
      last = { count, prodSlip: v - (count * s) / 2 };
      return v;
    },
    fixable() {
      return last.count !== c || last.prodSlip !== 0;
    },
    check(value) {
      if (value === answer)
        say(
          ctx,
          ph([
            'Also, the average term is {avg} and there are {c} terms, which is consistent.',
            'The last term check: {t1} + {cm}·{d} = {l}. Good.',
            'And {t1} + ({c} − 1)·{d} = {l}, so the count is right.',
            'The middle of the sequence is around {avg}, times {c} terms, consistent.',
          ]),
          { ...v0, avg: f(s / 2), c: f(c), cm: f(c - 1) },
        );
    },
    summary(value) {
      const cnt = value === answer ? c : last.count;
      ctx.b.put(rng.pick(P.serSummary), { ...v0, c: f(cnt), s: f(s), avg: f(s / 2), V: f(value) });
      ctx.b.add('\n\n');
      ctx.b.put(rng.pick(P.summaryFinal), { V: f(value) });
      return f(value);
    },
  };
  return self;
}

// ---- linear system ----------------------------------------------------------------------------

function linType(ctx: Ctx): TType {
  const { rng, P } = ctx;
  const ph = (arr: readonly string[]): string => rng.pick(half(arr, ctx.split));
  const y = rng.int(1, 14);
  const x = y + rng.int(1, 12);
  const p = rng.int(2, 6);
  const q = rng.int(1, 5);
  const r = p * x + q * y;
  const sdiff = x - y;
  const asks = [
    {
      ask: 'xy',
      val: (X: number, Y: number) => X * Y,
      expr: (X: number, Y: number) => `${X} · ${Y}`,
      swap: (X: number, Y: number) => X * Y,
    },
    {
      ask: 'x + 2y',
      val: (X: number, Y: number) => X + 2 * Y,
      expr: (X: number, Y: number) => `${X} + 2·${Y}`,
      swap: (X: number, Y: number) => 2 * X + Y,
    },
    {
      ask: '3x − y',
      val: (X: number, Y: number) => 3 * X - Y,
      expr: (X: number, Y: number) => `3·${X} − ${Y}`,
      swap: (X: number, Y: number) => 3 * Y - X,
    },
    {
      ask: 'x² + y²',
      val: (X: number, Y: number) => X * X + Y * Y,
      expr: (X: number, Y: number) => `${X * X} + ${Y * Y}`,
      swap: (X: number, Y: number) => X * X + Y * Y + 2,
    },
  ];
  const A = rng.pick(asks);
  const e1 = `${p}x + ${q === 1 ? '' : q}y = ${r}`;
  const e2 = `x − y = ${sdiff}`;
  const answer = A.val(x, y);
  const f = (n: number): string => String(n);
  const v0: Vars = { e1, e2, ask: A.ask, p: f(p), q: f(q), r: f(r) };
  let lastSlip: 'swap' | 'arith' | null = null;

  const evalLine = (slip: 'swap' | 'arith' | null): number => {
    let v = A.val(x, y);
    if (slip === 'swap') v = A.swap(x, y);
    if (slip === 'arith') v = v + rng.pick([1, -1, 2, 10, -10]);
    if (slip && (v === answer || v <= 0)) v = answer + 1;
    const shownExpr =
      slip === 'swap' && A.ask === 'x + 2y' ? `2·${x} + ${y}` : slip === 'swap' && A.ask === '3x − y' ? `3·${y} − ${x}` : A.expr(x, y);
    const V = slip ? f(v) : f(answer);
    conclude(
      ctx,
      ph(['So {ask} = {e} = {V}.', 'Then {ask} = {e} = {V}.', 'Therefore {ask} is {e} = {V}.', 'Now {ask} = {e}, which is {V}.']),
      { ask: A.ask, e: shownExpr, V },
    );
    return slip ? v : answer;
  };

  const substitution = (): void => {
    say(
      ctx,
      ph([
        'From the second equation, x = y + {s}.',
        'The second equation gives x = y + {s}.',
        'So x = y + {s}.',
        'Isolate x: x = y + {s}.',
      ]),
      { s: f(sdiff) },
    );
    say(
      ctx,
      ph([
        'Substitute into the first: {p}(y + {s}) + {qs}y = {r}, so {pq}y + {ps} = {r}, so {pq}y = {rps}, y = {y}.',
        "Plugging in: {p}(y + {s}) + {qs}y = {r}. That's {pq}y + {ps} = {r}, hence {pq}y = {rps} and y = {y}.",
        'Then {p}(y + {s}) + {qs}y = {r} → {pq}y = {r} − {ps} = {rps} → y = {y}.',
        'Substituting, {pq}y + {ps} = {r}, so y = {rps}/{pq} = {y}.',
      ]),
      { p: f(p), s: f(sdiff), qs: q === 1 ? '' : f(q), r: f(r), pq: f(p + q), ps: f(p * sdiff), rps: f(r - p * sdiff), y: f(y) },
    );
    say(
      ctx,
      ph(['Then x = {y} + {s} = {x}.', 'So x = {x}.', 'And x = {x}.', 'Which gives x = {y} + {s} = {x}.']),
      { x: f(x), y: f(y), s: f(sdiff) },
      '\n\n',
    );
  };

  const elimination = (): void => {
    say(
      ctx,
      ph([
        'Multiply the second equation by {q}: {q}x − {q}y = {qs}. Add to the first: {pq}x = {rqs}, so x = {x}.',
        'Times {q}: {q}x − {q}y = {qs}. Adding to the first equation gives {pq}x = {rqs}, x = {x}.',
        'Scale the second by {q} and add: ({p} + {q})x = {r} + {qs} = {rqs}, so x = {x}.',
        'Eliminate y: {q}·(x − y) = {qs}, added to the first gives {pq}x = {rqs}, x = {x}.',
      ]),
      { p: f(p), q: f(q), qs: f(q * sdiff), pq: f(p + q), r: f(r), rqs: f(r + q * sdiff), x: f(x) },
    );
    say(
      ctx,
      ph(['Then y = x − {s} = {y}.', 'So y = {y}.', 'And y = {x} − {s} = {y}.', 'Hence y = {y}.']),
      { x: f(x), y: f(y), s: f(sdiff) },
      '\n\n',
    );
  };

  const self: TType = {
    task: 'linear-system',
    query: fill(rng.pick(P.linQuery), v0),
    answer,
    goal: fill(rng.pick(P.linGoal), v0),
    fmt: f,
    first(slip) {
      if (rng.chance(0.8)) sayPool(ctx, P.linMuse, v0);
      para(ctx);
      substitution();
      lastSlip = slip
        ? A.ask === 'xy' || A.ask === 'x² + y²' || A.swap(x, y) <= 0
          ? 'arith'
          : rng.pick(['swap', 'arith'] as const)
        : null;
      return evalLine(lastSlip);
    },
    again(how, slip) {
      if (how === 'fix') {
        if (lastSlip === 'swap')
          say(
            ctx,
            ph([
              'Wait, the question asks for {ask}, and I mixed up x and y.',
              "Hmm, I swapped the roles of x and y there. It's {ask}.",
              'Oh, I plugged in x and y the wrong way round.',
              'Let me reread: {ask}. So x = {x} goes with the coefficient on x.',
            ]),
            { ask: A.ask, x: f(x) },
          );
        else
          say(
            ctx,
            ph([
              'Let me recompute that with x = {x}, y = {y}.',
              'Hmm, the arithmetic at the end looks off. x = {x}, y = {y}.',
              'Redo the last step with x = {x} and y = {y}.',
              'Recomputing with x = {x}, y = {y}.',
            ]),
            { x: f(x), y: f(y) },
          );
        lastSlip = null;
        return evalLine(null);
      }
      if (how === 'alt') {
        say(
          ctx,
          ph([
            'Let me solve it by elimination instead.',
            'Using elimination this time.',
            'Let me redo it with elimination to be sure.',
            'Solve again by elimination.',
          ]),
        );
        elimination();
        lastSlip = slip ? 'arith' : null;
        return evalLine(lastSlip);
      }
      // reuse: recompute the asked expression from the same x and y (a swap repeats itself)
      say(
        ctx,
        ph([
          'With x = {x} and y = {y} again.',
          'Recompute using x = {x}, y = {y}.',
          'Again, x = {x}, y = {y}.',
          'Plugging x = {x}, y = {y} into {ask} once more.',
        ]),
        { x: f(x), y: f(y), ask: A.ask },
      );
      if (lastSlip !== 'swap') lastSlip = null;
      return evalLine(lastSlip);
    },
    fixable() {
      return lastSlip !== null;
    },
    check() {
      sayPool(ctx, P.linPlug, { ...v0, x: f(x), y: f(y), px: f(p * x), qy: f(q * y), e2c: `${x} − ${y} = ${sdiff}` });
    },
    summary(value) {
      const sv: Vars = { e1, e2, s: f(sdiff), x: f(x), y: f(y), ask: A.ask, e: A.expr(x, y), val: f(value) };
      ctx.b.put(
        ph([
          'From {e2}, x = y + {s}. Substituting into {e1} gives y = {y}, x = {x}.',
          'Solving the system: x = {x}, y = {y}.',
          'Substitution gives y = {y} and x = {x}.',
          'We solve {e1}, {e2} to get (x, y) = ({x}, {y}).',
        ]),
        sv,
      );
      ctx.b.add('\n\n');
      if (value === answer) {
        ctx.b.put(
          ph(['Hence {ask} = {e} = {val}.', 'Then {ask} = {e} = {val}.', 'So {ask} = {e} = {val}.', 'Therefore {ask} = {e} = {val}.']),
          sv,
        );
        ctx.b.add('\n\n');
      }
      ctx.b.put(rng.pick(P.summaryFinal), { V: f(value) });
      return f(value);
    },
  };
  return self;
}

// ---- inclusion-exclusion ----------------------------------------------------------------------

function incType(ctx: Ctx): TType {
  const { rng, P } = ctx;
  const ph = (arr: readonly string[]): string => rng.pick(half(arr, ctx.split));
  const pairs = [
    [2, 3],
    [2, 5],
    [3, 5],
    [3, 7],
    [2, 7],
    [5, 7],
    [3, 4],
    [4, 5],
    [3, 11],
  ];
  const [p, q] = rng.pick(pairs);
  const N = rng.int(60, 999);
  const A = Math.floor(N / p);
  const B = Math.floor(N / q);
  const C = Math.floor(N / (p * q));
  const answer = A + B - C;
  const f = (n: number): string => String(n);
  const v0: Vars = { N: f(N), p: f(p), q: f(q), pq: f(p * q) };
  let last: 'overlap' | 'floor' | null = null;
  let lastB = B;

  const counts = (bShown: number): void => {
    say(
      ctx,
      ph([
        'Multiples of {p}: ⌊{N}/{p}⌋ = {A}.',
        'Numbers divisible by {p}: {N}/{p} = {r1}, so {A}.',
        'There are ⌊{N}/{p}⌋ = {A} multiples of {p}.',
        'Count of multiples of {p} up to {N}: {A}.',
      ]),
      { ...v0, A: f(A), r1: (N / p).toFixed(2) },
    );
    say(
      ctx,
      ph([
        'Multiples of {q}: ⌊{N}/{q}⌋ = {B}.',
        'Divisible by {q}: {N}/{q} is about {r2}, so {B}.',
        'And ⌊{N}/{q}⌋ = {B} multiples of {q}.',
        'Multiples of {q} up to {N}: {B}.',
      ]),
      { ...v0, B: f(bShown), r2: (N / q).toFixed(2) },
    );
  };

  const self: TType = {
    task: 'inclusion-exclusion',
    query: fill(rng.pick(P.incQuery), v0),
    answer,
    goal: fill(rng.pick(P.incGoal), v0),
    fmt: f,
    first(slip) {
      musings(ctx, P.incMuse, v0, rng.chance(0.8) ? (rng.chance(0.35) ? 2 : 1) : 0);
      para(ctx);
      if (rng.chance(0.3)) {
        const M = rng.int(10, 20);
        const list: number[] = [];
        for (let i = 1; i <= M; i++) if (i % p === 0 || i % q === 0) list.push(i);
        sayPool(
          ctx,
          P.incTest,
          {
            ...v0,
            M: f(M),
            list: list.join(', '),
            k: f(list.length),
            a: f(Math.floor(M / p)),
            b: f(Math.floor(M / q)),
            c: f(Math.floor(M / (p * q))),
          },
          '\n\n',
        );
      }
      last = slip ? rng.pick(['overlap', 'floor'] as const) : null;
      lastB = last === 'floor' ? B + rng.pick([1, -1]) : B;
      counts(lastB);
      if (last === 'overlap') {
        conclude(
          ctx,
          ph([
            'So the total is {A} + {B} = {V}.',
            'Adding: {A} + {B} = {V}.',
            'That gives {A} + {B} = {V} numbers.',
            'So there are {A} + {B} = {V} of them.',
          ]),
          { A: f(A), B: f(B), V: f(A + B) },
        );
        return A + B;
      }
      say(
        ctx,
        ph([
          'But numbers divisible by both are counted twice: ⌊{N}/{pq}⌋ = {C}.',
          'Hmm, the overlap: multiples of {pq}, ⌊{N}/{pq}⌋ = {C}.',
          'Wait, I need to subtract the multiples of {pq}: there are {C}.',
          'Overlap (multiples of {pq}): {C}.',
        ]),
        { ...v0, C: f(C) },
      );
      const v = A + lastB - C;
      conclude(
        ctx,
        ph([
          'So the count is {A} + {B} − {C} = {V}.',
          'Total: {A} + {B} − {C} = {V}.',
          'By inclusion-exclusion, {A} + {B} − {C} = {V}.',
          'That gives {V} numbers.',
        ]),
        { A: f(A), B: f(lastB), C: f(C), V: f(v) },
      );
      return v;
    },
    again(how, slip) {
      if (how === 'fix') {
        if (last === 'overlap') {
          say(
            ctx,
            ph([
              'I double counted the multiples of {pq}. There are ⌊{N}/{pq}⌋ = {C} of those.',
              'Numbers like {pq} are divisible by both, so they were counted twice. ⌊{N}/{pq}⌋ = {C}.',
              'I forgot the overlap: multiples of {pq}, which number {C}.',
              'Inclusion-exclusion: subtract the {C} multiples of {pq}.',
            ]),
            { ...v0, C: f(C) },
          );
        } else {
          say(
            ctx,
            ph([
              "Let me redo ⌊{N}/{q}⌋: {q} × {B} = {qB}, and {q} × {B1} = {qB1} > {N}, so it's {B}.",
              'Actually ⌊{N}/{q}⌋ = {B}, since {q} × {B} = {qB} ≤ {N}.',
              'Hmm, {N}/{q}: {q} × {B} = {qB}, so the floor is {B}.',
              'Recheck: {q} · {B} = {qB} ≤ {N} < {qB1}, so {B} multiples of {q}.',
            ]),
            { ...v0, B: f(B), B1: f(B + 1), qB: f(q * B), qB1: f(q * (B + 1)) },
          );
        }
        last = null;
        lastB = B;
        conclude(
          ctx,
          ph([
            'So {A} + {B} − {C} = {V}.',
            'Then the count is {A} + {B} − {C} = {V}.',
            'That makes {A} + {B} − {C} = {V}.',
            'So the answer is {A} + {B} − {C} = {V}.',
          ]),
          { A: f(A), B: f(B), C: f(C), V: f(answer) },
        );
        return answer;
      }
      if (how === 'alt') {
        say(
          ctx,
          ph([
            'Let me count the complement instead: numbers divisible by neither.',
            'Alternatively, count the ones not divisible by {p} or {q}.',
            'Another way: subtract the numbers divisible by neither from {N}.',
            'Complement count:',
          ]),
          v0,
        );
        const bb = slip ? B + rng.pick([1, -1]) : B;
        const neither = N - A - bb + C;
        say(
          ctx,
          ph([
            '{N} − {A} − {B} + {C} = {nn}.',
            "That's {N} − {A} − {B} + {C} = {nn} numbers divisible by neither.",
            'Neither: {N} − ({A} + {B} − {C}) would be circular, so directly {N} − {A} − {B} + {C} = {nn}.',
            'Count of neither = {N} − {A} − {B} + {C} = {nn}.',
          ]),
          { N: f(N), A: f(A), B: f(bb), C: f(C), nn: f(neither) },
        );
        last = slip ? 'floor' : null;
        lastB = bb;
        const v = N - neither;
        conclude(
          ctx,
          ph([
            'So {N} − {nn} = {V}.',
            'Then the count is {N} − {nn} = {V}.',
            'That leaves {N} − {nn} = {V}.',
            'So {V} numbers are divisible by {p} or {q}.',
          ]),
          { ...v0, nn: f(neither), V: f(v) },
        );
        return v;
      }
      // reuse: re-add the same three counts (the overlap omission repeats itself)
      say(
        ctx,
        ph([
          'Recounting: {A} multiples of {p}, {B} of {q}.',
          'Going over the counts again: {A} and {B}.',
          'Let me re-add: {A} and {B}.',
          'Again: ⌊{N}/{p}⌋ = {A}, ⌊{N}/{q}⌋ = {B}.',
        ]),
        { ...v0, A: f(A), B: f(lastB) },
      );
      if (last === 'overlap') {
        conclude(ctx, ph(['{A} + {B} = {V}.', 'Total {V}.', 'So {V}.', 'Sum: {V}.']), { A: f(A), B: f(B), V: f(A + B) });
        return A + B;
      }
      const v = A + lastB - C;
      conclude(ctx, ph(['Minus {C}: {V}.', 'Subtract {C} to get {V}.', 'Minus the {C} overlaps gives {V}.', '{A} + {B} − {C} = {V}.']), {
        A: f(A),
        B: f(lastB),
        C: f(C),
        V: f(v),
      });
      return v;
    },
    fixable() {
      return last !== null;
    },
    check(value) {
      if (value === answer)
        say(
          ctx,
          ph([
            'The complement would be {nn}, and {nn} + {V} = {N}. Consistent.',
            'Also {C} ≤ both counts, which makes sense.',
            'The counts are all below {N}, which is consistent.',
            'And the overlap {C} is small, as expected.',
          ]),
          { ...v0, nn: f(N - answer), V: f(value), C: f(C) },
        );
    },
    summary(value) {
      const sv: Vars = { N: f(N), p: f(p), q: f(q), pq: f(p * q), A: f(A), B: f(lastB), C: f(C) };
      if (value === A + lastB - C)
        ctx.b.put(
          ph([
            'By inclusion-exclusion, the count is ⌊{N}/{p}⌋ + ⌊{N}/{q}⌋ − ⌊{N}/{pq}⌋ = {A} + {B} − {C}.',
            'Multiples of {p}: {A}; of {q}: {B}; of both ({pq}): {C}. So the count is {A} + {B} − {C}.',
            'Using inclusion–exclusion with {A}, {B} and {C} multiples of {p}, {q} and {pq}:',
            'Count = {A} + {B} − {C} by inclusion–exclusion.',
          ]),
          sv,
        );
      else
        ctx.b.put(
          ph([
            'There are {A} multiples of {p} and {B} multiples of {q} up to {N}.',
            'Multiples of {p}: {A}. Multiples of {q}: {B}.',
            'Up to {N}: {A} multiples of {p}, {B} of {q}.',
            'We count {A} multiples of {p} and {B} of {q}.',
          ]),
          sv,
        );
      ctx.b.add('\n\n');
      ctx.b.put(rng.pick(P.summaryFinal), { V: f(value) });
      return f(value);
    },
  };
  return self;
}

// ---------------------------------------------------------------------------------------------

function genRecord(seed: number, split: Split, index: number, P: Pools): PhrasingRecord {
  const rng = new Rng(hashStr(`${family}|${split}|${seed}|${index}`));
  const b = new Body();
  const ctx: Ctx = { rng, P, b, split, afterCheck: false };
  const maker = rng.weighted([
    [mulType, 4],
    [powType, 2],
    [serType, 2],
    [linType, 2],
    [incType, 2],
  ] as const);
  const T = maker(ctx);
  const [open, close] = rng.pick(P.think);

  b.add(open);
  say(ctx, rng.pick(P.opening), { goal: T.goal });
  if (rng.chance(0.6)) sayPool(ctx, P.plan);
  if (rng.chance(0.3)) sayPool(ctx, P.reread, { goal: T.goal });
  const values: number[] = [];
  values.push(T.first(rng.chance(0.45)));

  let n = rng.weighted([
    [1, 25],
    [2, 35],
    [3, 25],
    [4, 15],
  ] as const);
  let lastHow = '' as How | '';
  for (let k = 1; k < n; k++) {
    const prev = values[k - 1];
    const prevOk = prev === T.answer;
    if (prevOk && k >= 2 && values[k - 2] === prev) break; // confirmed twice: stop
    let how: How;
    if (!prevOk && T.fixable())
      how = rng.weighted([
        ['fix', 5],
        ['reuse', lastHow === 'reuse' ? 0 : 2],
        ['alt', 3],
      ] as const);
    else
      how = rng.weighted([
        ['reuse', lastHow === 'reuse' ? 0 : 3],
        ['alt', 6],
      ] as const);
    lastHow = how;
    para(ctx);
    // a real decision after a candidate
    const doubt = !prevOk && rng.chance(0.5);
    sayPool(ctx, doubt ? P.decisionDoubt : how === 'alt' ? P.decisionAlt : P.decisionVerify);
    if (rng.chance(0.3)) b.add('\n\n');
    const v = T.again(how, how === 'alt' ? rng.chance(prevOk ? 0.2 : 0.3) : false);
    values.push(v);
    if (v === prev) {
      if (rng.chance(0.6)) sayPool(ctx, P.echoRemark);
    } else {
      if (rng.chance(0.6)) sayPool(ctx, P.mismatch, { P: T.fmt(prev), N: T.fmt(v) });
      if (k === n - 1 && n < 4 && rng.chance(0.85)) n++;
    }
  }
  const fin = values[values.length - 1];
  // optional: a check that does not recompute the asked quantity, then wrap-up (no restatement
  // after a check), or a plain restatement right after the last candidate
  para(ctx);
  const r = rng.next();
  if (r < 0.35) {
    T.check(fin);
    sayPool(ctx, P.wrapUp);
  } else if (r < 0.7 && !ctx.afterCheck) {
    b.put(rng.pick(P.restate), { V: T.fmt(fin) }); // restatement, no new work: not a new candidate
    b.add(' ');
    if (rng.chance(0.4)) sayPool(ctx, P.wrapUp);
  } else {
    sayPool(ctx, P.wrapUp);
  }
  const thinkText = b.text.replace(/[ \n]+$/, '');

  const truncated = rng.chance(0.2) && b.safe.length > 0;
  if (truncated) {
    const cut = pickCut(rng, b.text, b.safe);
    if (cut > 0) {
      const body = b.text.slice(0, cut);
      const cands = b.cands.filter((c) => c.offset + c.value.length <= cut);
      for (const c of b.cands) if (c.offset < cut && c.offset + c.value.length > cut) throw new Error('cut inside a candidate');
      return {
        id: `${family}-${split}-${seed}-${index}`,
        headers: { query: T.query, answer: String(T.answer), task: T.task, truncated: 'true' },
        body,
        candidates: cands,
        final: null,
      };
    }
  }
  // close the block and write the summary
  b.text = thinkText;
  b.add(close);
  const finalStr = T.summary(fin);
  return {
    id: `${family}-${split}-${seed}-${index}`,
    headers: { query: T.query, answer: String(T.answer), task: T.task },
    body: b.text.trimEnd(),
    candidates: b.cands,
    final: finalStr,
  };
}

/** A cut position inside a word of derivation text (never inside a conclusion). */
function pickCut(rng: Rng, text: string, safe: [number, number][]): number {
  const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z]/.test(ch);
  for (let tries = 0; tries < 40; tries++) {
    const [s, e] = rng.pick(safe);
    if (e - s < 8) continue;
    const p = rng.int(s + 4, e - 2);
    if (isWordChar(text[p - 1]) && isWordChar(text[p])) return p;
  }
  return -1;
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const P = splitPools(split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(genRecord(seed, split, i, P));
  return out;
}
