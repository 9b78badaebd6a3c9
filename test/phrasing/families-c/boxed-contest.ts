// Phrasing family "boxed-contest": AMC/AIME-style contest solutions written in LaTeX, integer
// answers in \boxed{}, compact casework with displayed equations. Every record carries its true
// candidate-answer labels (docs/annotation-guide.md): case counts, sub-totals and sums that are
// not the asked quantity are NOT candidates; restatements of an answer merge into the first
// statement; checks that recompute the asked quantity (another method, re-adding) are new
// candidates even with the same value; thinking-block summaries are the `final`, not candidates.
//
// Self-contained: only types are imported.
import type { PhrasingRecord, PhrasingSplit } from '../families/types.js';

export const family = 'boxed-contest';

const L = String.raw;

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private f: () => number;
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
    return a[Math.floor(this.f() * a.length)];
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
  weighted<T extends string>(w: Record<T, number>): T {
    const keys = Object.keys(w) as T[];
    const tot = keys.reduce((s, k) => s + w[k], 0);
    let u = this.f() * tot;
    for (const k of keys) {
      u -= w[k];
      if (u < 0) return k;
    }
    return keys[keys.length - 1];
  }
}

function mix(seed: number, i: number, salt: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (i + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13) ^ salt, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Sentence templates. Tokens: «V» the candidate value (first occurrence is the labelled one),
// «P» an answer phrase (contains «V»), «EQ» an equation (contains «V»), «GOAL», «COND», «I»,
// «K»/«D»/«C»/«U» (case label, description, count, unit), «R» a reason, «M» a method, «S» a recap.

const OPEN_SOL = [
  '**Solution.**',
  "Let's work it out directly.",
  'We will compute this directly.',
  'Here is a direct computation.',
  'We set up the count and then add.',
  'Let us organize the computation.',
  '**Solution.** We work step by step.',
  'Straightforward, but the details matter.',
  'We approach this directly.',
  "Let's be systematic.",
  'This is a standard computation; we just need to be careful.',
  'The key is to organize the work cleanly.',
  'We start by restating what is being asked: «GOAL».',
  'We want «GOAL».',
  'Our goal is «GOAL».',
  'We are asked for «GOAL».',
  'The problem asks for «GOAL».',
  "Let's find «GOAL».",
  'We need to determine «GOAL».',
  "First, let's pin down what we need: «GOAL».",
  '**Approach.** Compute «GOAL» directly.',
  'Let me solve this step by step.',
  "Let's break the problem into pieces.",
  'We begin by unpacking the condition.',
  'Solution sketch, with full details below.',
  "Let's carefully compute «GOAL».",
  "I'll solve this systematically.",
];

const OPEN_THINK = [
  'Okay, so I need to find «GOAL».',
  "Alright, let's see. The question asks for «GOAL».",
  'Let me think about this problem.',
  'Hmm, okay. So we want «GOAL».',
  "Let me start by understanding what's being asked: «GOAL».",
  'Okay, this looks like a counting problem. Let me work it out.',
  'So the problem is asking for «GOAL». Let me set it up.',
  "Alright, I need «GOAL». Let's go step by step.",
  'Let me parse the problem first.',
  'Okay. We want «GOAL»; let me be careful.',
  'First, let me restate: we need «GOAL».',
  "Let's see... «GOAL». Okay.",
  'Hmm, this is an AIME-style problem. We need «GOAL».',
  'Alright, so the task: «GOAL».',
  'Let me carefully work through this.',
  'Okay, let me think step by step.',
  'So, «GOAL». Let me figure this out.',
  'I need «GOAL». Let me organize the computation.',
  'Okay, let me try to solve this.',
  "Right, so we're looking for «GOAL».",
  'Let me read this again: we want «GOAL».',
  "Alright, let's tackle this.",
  'Okay, starting with the setup.',
  'Let me work this out carefully, since these problems are easy to get off by one.',
  'Hmm, let me think about how to set this up.',
  'Okay so the goal is «GOAL».',
];

const MIDHMM = [
  'Hmm, let me be careful with the endpoints here.',
  'Wait, I should make sure that «COND».',
  'Hmm, so far so good.',
  'Wait, let me re-read the condition: «COND».',
  'Hmm, okay, that part is fine.',
  'Let me keep track of the constraint that «COND».',
  'Hmm, right: «COND».',
  'Wait — «COND», so I need to respect that.',
  'Hmm, this needs a little care.',
  'Okay, wait, let me slow down here.',
  'Hmm, I almost forgot that «COND».',
  'Note that «COND».',
  'Wait, hold on, let me organize this better.',
  'Hmm, let me write this out explicitly.',
  'Wait, is that the right setup? Yes, since «COND».',
  'Hmm, let me double-check this step before moving on.',
  'Careful: «COND».',
  'Wait, I want to be sure about the bounds.',
  "Hmm, this is where it's easy to slip.",
  'Let me not rush this.',
  'Wait, remember that «COND».',
  'Hmm, fine, continuing.',
  'Okay, hmm, let me continue with the remaining pieces.',
  'Wait, one moment — «COND». Good.',
  'Hmm, nothing tricky so far.',
  'Wait, before combining anything, let me list the pieces.',
];

const INTER = [
  'So «I».',
  'Thus «I».',
  'Therefore «I».',
  'Hence «I».',
  'This gives us that «I».',
  'Good, so «I».',
  'So far: «I».',
  'Okay, so «I».',
  'In other words, «I».',
  'That settles this piece: «I».',
  'We conclude that «I».',
  'So the first part is done: «I».',
  'Great, «I».',
  'It follows that «I».',
  'Consequently, «I».',
  'Alright, «I».',
  'Clearly «I».',
  'That means «I».',
  'Therefore, at this stage, «I».',
  'So we have established that «I».',
  'Putting that together, «I».',
  'Result of this step: «I».',
  'Good: «I».',
  'Which shows that «I».',
  'So, «I».',
];

const CASE = [
  'Case «K»: «D», giving «C» «U».',
  '**Case «K».** «D», so «C» «U».',
  'Case «K». «D»; that is «C» «U».',
  'In Case «K», «D», which gives «C» «U».',
  'Case «K» — «D»: «C» «U».',
  'Case «K» gives «C» «U»; here «D».',
  'Case «K»: «D». Count: «C».',
  '- Case «K»: «D» → «C» «U».',
  'Case «K» contributes «C» «U»: «D».',
  'For Case «K», «D», hence «C» «U».',
  '*Case «K»:* «D», for a count of «C».',
  'Case «K» («D») yields «C» «U».',
  'Now Case «K»: «D», so «C» «U» here.',
  'Next, case «K»: «D», contributing «C» «U».',
  'Case «K»: «D»; this leaves «C» «U».',
  'Case «K». «D», i.e. «C» «U».',
  'In case «K»: «D», so the count is «C».',
  'Case «K» → «D», so «C» «U».',
  'Case «K»: «D». That gives «C».',
  'Looking at case «K»: «D», giving «C» «U».',
  'Case «K» works out to «C» «U» («D»).',
  'Take case «K»: «D», so we get «C» «U».',
  'Case «K»: «D», which makes «C» «U».',
  'Then case «K»: «D»; «C» «U».',
  'Case «K»: «D» ⇒ «C» «U».',
  'Case «K»: here «D», so «C» «U».',
];

const CONCL = [
  'Therefore, «P».',
  'So «P».',
  'Hence «P».',
  'Adding up, $«EQ»$, so «P».',
  'Altogether, \\[«EQ».\\]',
  'This gives \\[«EQ».\\] So «P».',
  'Putting everything together, $«EQ»$.',
  'In total, $«EQ»$.',
  'Thus «P», i.e. $\\boxed{«V»}$.',
  'Combining, $«EQ»$. Therefore «P».',
  'We conclude that «P».',
  'Putting the pieces together: $«EQ»$.\n\nSo «P».',
  'That gives $«EQ»$, hence «P».',
  'Finally, $«EQ»$.',
  'So the answer is $«V»$.',
  'The answer is therefore $«V»$.',
  'Hence the desired quantity is $«V»$.',
  'Summing up: $«EQ»$.',
  'All told, «P».',
  'Collecting the results, $«EQ»$, and so «P».',
  'Thus \\[«EQ»,\\] and «P».',
  'It follows that «P».',
  'Therefore the answer is $\\boxed{«V»}$.',
  'Consequently, «P».',
  'And so «P».',
  'That makes $«EQ»$; «P».',
];

const BOX = [
  '\\[\\boxed{«V»}\\]',
  'The answer is $\\boxed{«V»}$.',
  '**Answer:** $\\boxed{«V»}$',
  '$\\boxed{«V»}$',
  'Final answer: $\\boxed{«V»}$.',
  'So the answer is $\\boxed{«V»}$.',
  'Therefore the answer is \\(\\boxed{«V»}\\).',
  'The final answer is $\\boxed{«V»}$.',
  'Answer: \\boxed{«V»}',
  'Thus, the answer is $\\boxed{«V»}$.',
  'Hence $\\boxed{«V»}$.',
  'That is, $\\boxed{«V»}$.',
  '**Final Answer**\n\\[\\boxed{«V»}\\]',
  'So, $\\boxed{«V»}$.',
  'The requested value is $\\boxed{«V»}$.',
  'Our answer: $\\boxed{«V»}$.',
  'We get $\\boxed{«V»}$.',
  '**Answer.** \\(\\boxed{«V»}\\)',
  'Therefore: $\\boxed{«V»}$',
  '\\(\\boxed{«V»}\\)',
  'The answer to the problem is $\\boxed{«V»}$.',
  'So we report $\\boxed{«V»}$.',
  'Answer $= \\boxed{«V»}$.',
  'So the final answer is \\boxed{«V»}.',
  'In conclusion, $\\boxed{«V»}$.',
];

const CONFIRM = [
  "Yes, that's right.",
  'That looks right.',
  'Good.',
  'Makes sense.',
  'Yes, this seems correct.',
  'That seems reasonable.',
  "Okay, I'm fairly confident in this.",
  'Right.',
  'Looks good.',
  'Yes.',
  'That feels about right.',
  'Seems fine.',
  'Alright, that should be it.',
  "I'm happy with that.",
  "Good, that's consistent with the setup.",
  "Yes, I think that's correct.",
  'No issues there.',
  "Okay, that's the answer.",
  'Fine.',
  'That settles it.',
  'Great.',
  'Sounds right.',
  'Nothing looks off.',
  'Yep.',
  'Okay, done.',
  'That should be correct.',
];

const WAIT_FIX = [
  'Wait, «R»',
  'Wait — «R»',
  'Hmm, hold on. «R»',
  'Actually, wait. «R»',
  'Oops: «R»',
  'Hmm, wait a moment. «R»',
  "Wait, that's not right. «R»",
  'Hold on, I made an error. «R»',
  'Hmm, actually, «R»',
  'Wait, I need to reconsider. «R»',
  'But wait: «R»',
  'Hmm. Let me double-check that. «R»',
  'Wait, no. «R»',
  "Actually, there's a mistake. «R»",
  'Hmm, something is off. «R»',
  'Wait a second. «R»',
  'Let me re-examine. «R»',
  'On second thought, «R»',
  'Hmm, wait. «R»',
  'Wait, we made an error above. «R»',
  'Hold on. «R»',
  'Hmm, I think I slipped. «R»',
  'Wait, let me reread the problem. «R»',
  'Uh-oh. «R»',
  "Actually, that's wrong: «R»",
];

// Used when a second look (wrongly) "finds" a mistake in a right answer.
const MISFIX_INTRO = [
  'Hmm, wait. «R»',
  'Wait, «R»',
  'Actually, hold on. «R»',
  'Hmm, let me double-check. «R»',
  'Wait a moment — «R»',
  'Hmm. «R»',
  'Hold on, «R»',
  'Hmm, actually, «R»',
  'Wait. «R»',
  'Let me reconsider. «R»',
  'Hmm, I am not sure about that. «R»',
  'But wait, «R»',
  'Actually, «R»',
  'Hmm, one more thing. «R»',
  'Wait, I should verify. «R»',
  'Let me look again. «R»',
  'Hmm, something bugs me. «R»',
  'Before finalizing, «R»',
  'Wait, hmm. «R»',
  'Let me be careful here. «R»',
  'Hmm, on reflection, «R»',
  'Hold on a second. «R»',
  'Wait, maybe I was too quick. «R»',
  'Actually, let me recheck. «R»',
  'Hmm, let me redo this part. «R»',
];

const FIXCONCL = [
  'So the correct value is $«EQ»$, i.e. «P».',
  'Correcting this, $«EQ»$.',
  'That fixes it: «P».',
  'So actually «P».',
  'With this fix, $«EQ»$, so «P».',
  'The corrected computation is \\[«EQ».\\]',
  'Therefore «P», not what I had before.',
  'So the right answer is $«V»$.',
  'Redoing it: $«EQ»$.',
  'Hence «P» after all.',
  'Now $«EQ»$, so «P».',
  'So «P» instead.',
  'The fixed result is $«EQ»$.',
  'Thus, correctly, «P».',
  'Hence $«EQ»$, and so «P».',
  'This changes the answer: «P».',
  'So the corrected answer is $«V»$.',
  'After the correction, «P».',
  'That gives $«EQ»$ instead.',
  'So, fixing that, «P».',
  'Updating: $«EQ»$.',
  'Now «P».',
  'This time, $«EQ»$.',
  'So the answer should be $«V»$.',
  'Accounting for this, «P».',
  'With that repaired, $«EQ»$, so «P».',
];

const CHECK_INTRO = [
  'Let me double-check by «M».',
  'To be safe, let me verify by «M».',
  'Alternatively, we can check by «M».',
  'Let me verify this another way, by «M».',
  'Sanity check, by «M».',
  'Let me double-check this by «M».',
  "As a check, let's redo it by «M».",
  'Hmm, let me confirm by «M».',
  'Let me make sure by «M».',
  'Verification, by «M»:',
  "I'll cross-check by «M».",
  'Another way: «M».',
  'Let me re-derive it by «M».',
  'Double-check via «M».',
  'To confirm, I will redo it by «M».',
  'Just to be sure, let me try «M».',
  'Check: «M».',
  'Let me verify with a second method: «M».',
  'Let me also try «M».',
  'A quick independent check: «M».',
  'Alternatively, «M».',
  "Let's confirm the result by «M».",
  'Now let me double-check everything by «M».',
  'Let me brute-force it in words, «M».',
  'Before finalizing, let me verify by «M».',
  'Hmm, let me make sure this is right by «M».',
];

const RECOMP_INTRO = [
  'Let me recompute the total to be safe.',
  'Let me redo the final arithmetic.',
  'Re-adding carefully:',
  'Let me double-check the arithmetic.',
  'Checking the computation again:',
  'Let me recompute that last step.',
  'One more pass over the arithmetic:',
  'Let me verify the final computation.',
  'Quick recomputation:',
  'Let me redo it in a different order.',
  'Recomputing from the pieces:',
  'Let me make sure the arithmetic is right.',
  'Let me redo it carefully.',
  'Double-checking the computation:',
  'Going over the numbers again:',
  'Recheck:',
  'Let me carefully recompute.',
  'Let me verify by redoing the arithmetic.',
  'Let me recompute this more carefully.',
  'Once more, slowly:',
  'Computing again:',
  'Let me re-verify the numbers.',
  'Recomputing to be sure:',
  "I'll redo the last computation.",
  'Double-check of the arithmetic:',
];

const ECHO = [
  'This again gives $«EQ»$, matching.',
  'So the result is $«EQ»$ again.',
  'Both methods give $«EQ»$.',
  'That matches: $«EQ»$, so «P».',
  'Same result: $«EQ»$.',
  'Again $«EQ»$, so «P».',
  'Great, this confirms it: $«EQ»$.',
  'This agrees: $«EQ»$.',
  'So once more $«EQ»$, i.e. «P».',
  'We get $«EQ»$ again.',
  'The check also gives $«EQ»$.',
  'Consistent: $«EQ»$.',
  'Again, $«EQ»$.',
  'So indeed $«EQ»$, and «P».',
  'That reproduces it: $«EQ»$.',
  'Hence, again, $«EQ»$.',
  'This confirms the answer: $«EQ»$.',
  'Both ways we get $«EQ»$.',
  'Good, $«EQ»$ — same as before.',
  'So, confirmed, $«EQ»$.',
  'The two computations agree: $«EQ»$.',
  'Result of the check: $«EQ»$.',
  'It comes out to $«EQ»$ again.',
  'Which is $«EQ»$, as before.',
  'So $«EQ»$, in agreement with the first computation.',
];

const SUBCHECK = [
  'Quick check: «C».',
  '(Check: «C».)',
  'Verifying a step: «C», good.',
  'Let me double-check one piece: «C». Yes.',
  'Sub-check: «C» ✓.',
  'Indeed «C».',
  'Let me confirm «C»: correct.',
  'Note «C», as expected.',
  'Just confirming: «C».',
  'Checking: «C». Fine.',
  '(Indeed, «C».)',
  'A small check: «C», right.',
  'To be sure about that step: «C».',
  'And «C», which is consistent.',
  'Double-checking the arithmetic there: «C».',
  'Side check: «C».',
  'One sanity check: «C». Good.',
  'Confirming the piece: «C».',
  'Yes: «C».',
  'Checking that step: «C». Okay.',
  'Quick verification: «C».',
  'Let me verify «C». Right.',
  '(Sanity check: «C».)',
  'Make sure: «C». Yes.',
  'And indeed «C».',
];

const SUMMARY = [
  '**Solution.** «S» Therefore the answer is $\\boxed{«V»}$.',
  '«S» Hence the answer is $\\boxed{«V»}$.',
  '**Summary.** «S»\n\n\\[\\boxed{«V»}\\]',
  '«S»\n\nThe answer is $\\boxed{«V»}$.',
  '**Answer.** «S» This gives $\\boxed{«V»}$.',
  'We argue as follows. «S» So the answer is \\(\\boxed{«V»}\\).',
  '«S» Thus the final answer is $\\boxed{«V»}$.',
  '### Solution\n\n«S»\n\n**Final Answer:** $\\boxed{«V»}$',
  'Solution: «S» The answer is \\boxed{«V»}.',
  '«S»\n\n**Final Answer**\n\\[\\boxed{«V»}\\]',
  'To summarize: «S» The answer is $\\boxed{«V»}$.',
  '**Solution outline.** «S» Hence $\\boxed{«V»}$.',
  'Here is the solution. «S» Therefore, $\\boxed{«V»}$.',
  '«S» Consequently the answer is $\\boxed{«V»}$.',
  '**Approach.** «S»\n\n**Answer.** $\\boxed{«V»}$',
  'In short: «S» So we get $\\boxed{«V»}$.',
  '«S» The requested value is therefore $\\boxed{«V»}$.',
  'Final solution. «S» Answer: $\\boxed{«V»}$.',
  '«S» Putting it all together, the answer is $\\boxed{«V»}$.',
  '**Solution.**\n\n«S»\n\nHence the answer is $\\boxed{«V»}$.',
  'The computation goes like this. «S» The result is $\\boxed{«V»}$.',
  '«S» We conclude that the answer is $\\boxed{«V»}$.',
  'Summary of the solution: «S» Final answer: $\\boxed{«V»}$.',
  'Solution. «S»\n\n\\(\\boxed{«V»}\\)',
  '«S» Therefore the answer is \\(\\boxed{«V»}\\).',
];

const DRAFT = [
  "So I'll write the final answer as \\boxed{«V»}.",
  'Final answer: \\boxed{«V»}.',
  "So the answer I'll give is «V».",
  "I'll present the answer as $\\boxed{«V»}$.",
  'So the response should end with \\boxed{«V»}.',
  "So I'll box «V».",
  'The write-up will conclude with $\\boxed{«V»}$.',
  "Okay, I'll go with \\boxed{«V»}.",
  'So the final boxed answer is «V».',
  'Let me write it up: the answer is $\\boxed{«V»}$.',
  "Alright, I'll report «V».",
  'So my answer: \\boxed{«V»}.',
  "I'll state the answer as «V» in the solution.",
  'The solution will end with \\(\\boxed{«V»}\\).',
  'Okay, writing \\boxed{«V»} as the answer.',
  "So I'll answer «V».",
  'Final: $\\boxed{«V»}$.',
  "In the write-up I'll put $\\boxed{«V»}$.",
  'So, to write: \\boxed{«V»}.',
  'Then the answer to report is «V».',
  "I'll finish with $\\boxed{«V»}$.",
  'So the boxed result will be «V».',
  'Answer to give: \\boxed{«V»}.',
  "Good, so I'll put \\boxed{«V»}.",
  "The answer I'm going with is «V».",
];

const FORMAT_TALK = [
  'I should put the final answer in a box.',
  'The answer format wants a boxed integer.',
  'AIME answers are integers from 0 to 999, so a boxed integer is expected.',
  'Now let me write up the solution neatly.',
  'Let me think about how to present this.',
  'I need to present the final answer in LaTeX with a box.',
  'The write-up should be short: the setup, the computation, the box.',
  "I'll present the solution compactly.",
  'Time to write the final solution.',
  'Let me structure the write-up.',
  'The final answer should go in \\boxed{}.',
  "I'll keep the write-up to the essential steps.",
  'Now the presentation.',
  'Let me format the answer properly.',
  'The solution should show the key computation.',
  'I should write this up cleanly.',
  'Okay, now for the write-up.',
  'For the answer, an integer in a box.',
  "I'll summarize the argument in a few lines.",
  'Let me now write the solution for the reader.',
  'The final response needs the boxed integer.',
  'Writing it up now.',
  'Let me put together the final solution.',
  'Presentation: a few displayed equations and a box.',
  'Now I just need to present it.',
];

// ---------------------------------------------------------------------------------------------
// Helpers

type Eq = string; // contains «V»

interface Alt {
  value: number;
  reason: string;
  lines: string[];
  eq: Eq;
  redo?: Eq;
}

interface Prob {
  task: string;
  query: string;
  answer: number;
  goal: string;
  conds: string[]; // neutral conditions, safe before a wrong derivation
  hints: string[]; // conditions that point at the trap: only before a right derivation
  phrase: () => string;
  right: { lines: string[]; eq: Eq; redo: Eq };
  wrong: (Alt & { fixLines: string[]; fixEq: Eq; redo: Eq }) | null;
  misfix: Alt | null;
  check: { method: string; lines: string[]; eq: Eq };
  tries: string[];
  subchecks: string[];
  recap: string;
}

interface Ctx {
  r: Rng;
  big: number; // number formatting style
}

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number) => (a / gcd(a, b)) * b;

function fmt(x: Ctx, n: number): string {
  if (n < 10000) return String(n);
  const s = String(n);
  const groups: string[] = [];
  for (let i = s.length; i > 0; i -= 3) groups.unshift(s.slice(Math.max(0, i - 3), i));
  return groups.join(['', '{,}', ',', '\\,'][x.big]);
}

function fill(t: string, m: Record<string, string>): string {
  return t.replace(/«(\w+)»/g, (all, k: string) => {
    if (k === 'V') return all;
    if (!(k in m)) throw new Error(`template token ${k} missing in: ${t}`);
    return m[k];
  });
}

/** Numbers in a LaTeX/prose string (digit groups joined). */
function numbersIn(s: string): number[] {
  const t = s.replace(/(\d)(?:\{,\}|\\,|,)(?=\d{3}(?!\d))/g, '$1');
  return (t.match(/\d+/g) ?? []).map(Number);
}
const mentions = (s: string, v: number) => numbersIn(s).includes(v);

function capFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

class Body {
  s = '';
  cands: { value: string; offset: number }[] = [];
  add(t: string, value?: string, sep = '\n\n'): void {
    if (this.s.length) this.s += sep;
    if (value === undefined) {
      if (t.includes('«')) throw new Error(`unfilled token in: ${t}`);
      this.s += t;
      return;
    }
    const i = t.indexOf('«V»');
    if (i < 0) throw new Error(`no value slot in: ${t}`);
    const out = t.split('«V»').join(value);
    if (out.includes('«')) throw new Error(`unfilled token in: ${t}`);
    this.cands.push({ value, offset: this.s.length + i });
    this.s += out;
  }
}

function caseLine(x: Ctx, K: string, D: string, C: number, U: string): string {
  const t = x.r.pick(CASE);
  const before = t.slice(0, t.indexOf('«D»')).replace(/\*/g, '').trimEnd();
  return fill(t, { K, D: /[.]$/.test(before) ? capFirst(D) : D, C: String(C), U });
}
function inter(x: Ctx, I: string): string {
  return fill(x.r.pick(INTER), { I });
}
function withReason(t: string, R: string): string {
  const before = t.slice(0, t.indexOf('«R»')).trimEnd();
  const cap = before === '' || /[.!?]$/.test(before);
  return fill(t, { R: cap ? capFirst(R) : R });
}

// ---------------------------------------------------------------------------------------------
// Task 1: lattice points, ordered pairs of positive integers with ax + by <= N (or < N)

function lattice(x: Ctx): Prob {
  const r = x.r;
  let a = 0,
    b = 0,
    N = 0,
    M = 0,
    ymax = 0,
    xmax = 0,
    strict = false;
  let cnt: number[] = [];
  for (;;) {
    a = r.int(1, 6);
    b = r.int(2, 9);
    if (a === b) continue;
    strict = r.chance(0.3);
    N = r.int(3 * b + a + 1, 9 * b + a);
    M = strict ? N - 1 : N;
    ymax = Math.floor((M - a) / b);
    if (ymax < 3 || ymax > 8) continue;
    xmax = Math.floor((M - b) / a);
    if (xmax > 14 || xmax < 3) continue;
    cnt = [];
    for (let y = 1; y <= ymax; y++) cnt.push(Math.floor((M - b * y) / a));
    if (sum(cnt) < 10) continue;
    break;
  }
  const total = sum(cnt);
  const ax = a === 1 ? 'x' : `${a}x`;
  const by = `${b}y`;
  const rel = strict ? '<' : L`\le`;
  const ineq = `${ax} + ${by} ${rel} ${N}`;
  const query = r.pick([
    `Find the number of ordered pairs $(x, y)$ of positive integers such that $${ineq}$.`,
    `How many ordered pairs $(x,y)$ of positive integers satisfy $${ineq}$?`,
    `Determine the number of ordered pairs of positive integers $(x, y)$ with $${ineq}$.`,
  ]);
  const caseD = (R: number, lo: number) =>
    a === 1 ? L`$${lo} \le x \le ${R}$` : L`$${ax} \le ${R}$, so $${lo} \le x \le ${Math.floor(R / a)}$`;
  const unit = (c: number) => (c === 1 ? 'value of $x$' : r.pick(['values of $x$', 'pairs', 'choices']));
  const casesFor = (MM: number, ys: number, lo: number) => {
    const out: string[] = [];
    for (let y = 1; y <= ys; y++) {
      const R = MM - b * y;
      const c = Math.floor(R / a) - lo + 1;
      out.push(caseLine(x, `$y = ${y}$`, caseD(R, lo), c, unit(c)));
    }
    return out.join('\n');
  };
  const l0 = strict ? L`Since everything is an integer, $${ineq}$ is the same as $${ax} + ${by} \le ${M}$.` : '';
  const yRange = (MM: number, ys: number) =>
    r.chance(0.5)
      ? L`Since $x \ge 1$, we need $${by} \le ${MM - a}$, so $1 \le y \le ${ys}$.`
      : L`Because $x \ge 1$, $${by} \le ${MM - a}$. ` + inter(x, L`$y$ runs from $1$ to $${ys}$`);
  const perY = (MM: number) =>
    r.pick([
      L`For each such $y$ we count the positive integers $x$ with $${ax} \le ${MM} - ${b}y$.`,
      L`Fix $y$; then $x$ ranges over the positive integers with $${ax} \le ${MM} - ${by}$.`,
      L`We do casework on $y$.`,
    ]);
  const rightLines = [l0, yRange(M, ymax), perY(M), casesFor(M, ymax, 1)].filter(Boolean);
  const eq = `${cnt.join(' + ')} = «V»`;
  const rev = [...cnt].reverse();

  // wrong variants
  const wrongs: NonNullable<Prob['wrong']>[] = [];
  {
    const c1 = cnt.map((c) => c + 1);
    wrongs.push({
      value: total + ymax,
      lines: [l0, yRange(M, ymax), perY(M), casesFor(M, ymax, 0)].filter(Boolean),
      eq: `${c1.join(' + ')} = «V»`,
      redo: `${[...c1].reverse().join(' + ')} = «V»`,
      reason: `$x$ has to be a positive integer, so $x = 0$ is not allowed, and each of the ${ymax} cases has one value too many.`,
      fixLines: [],
      fixEq: `${total + ymax} - ${ymax} = «V»`,
    });
  }
  if (strict) {
    const ym2 = Math.floor((N - a) / b);
    const c2: number[] = [];
    for (let y = 1; y <= ym2; y++) c2.push(Math.floor((N - b * y) / a));
    if (sum(c2) !== total)
      wrongs.push({
        value: sum(c2),
        lines: [yRange(N, ym2), perY(N), casesFor(N, ym2, 1)],
        eq: `${c2.join(' + ')} = «V»`,
        redo: `${[...c2].reverse().join(' + ')} = «V»`,
        reason: L`the inequality is strict, so we need $${ax} + ${by} \le ${M}$, not $\le ${N}$.`,
        fixLines: [L`With the bound $${M}$:`, casesFor(M, ymax, 1)],
        fixEq: eq,
      });
  }
  if (ymax >= 4) {
    const part = cnt.slice(0, -1);
    const clast = cnt[cnt.length - 1];
    wrongs.push({
      value: total - clast,
      lines: [
        l0,
        L`Since $x \ge 1$, we need $${by} \le ${M - a}$, so $1 \le y \le ${ymax - 1}$.`,
        perY(M),
        casesFor(M, ymax - 1, 1),
      ].filter(Boolean),
      eq: `${part.join(' + ')} = «V»`,
      redo: `${[...part].reverse().join(' + ')} = «V»`,
      reason: L`for $y = ${ymax}$ we still have $${b * ymax} \le ${M - a}$, so the case $y = ${ymax}$ was skipped, and it contributes ${clast} more.`,
      fixLines: [],
      fixEq: `${total - clast} + ${clast} = «V»`,
    });
  }
  // misfix: a re-add with a miscopied term
  const j = r.int(0, cnt.length - 1);
  const d = cnt[j] > 1 && r.chance(0.5) ? -1 : 1;
  const slipped = cnt.map((c, i) => (i === j ? c + d : c));
  const misfix: Alt = {
    value: total + d,
    reason: r.pick(['let me re-add the case counts.', 'let me add the cases up again.', 'let me recount the total.']),
    lines: [],
    eq: `${slipped.join(' + ')} = «V»`,
  };
  const cx: number[] = [];
  for (let xx = 1; xx <= xmax; xx++) cx.push(Math.floor((M - a * xx) / b));
  const axv = a === 1 ? 'x' : `${a}x`;
  return {
    task: 'lattice-count',
    query,
    answer: total,
    goal: `the number of ordered pairs $(x, y)$ of positive integers with $${ineq}$`,
    conds: [strict ? 'the inequality is strict' : 'equality is allowed', 'the bound on $y$ comes from taking $x$ as small as possible'],
    hints: ['$x$ and $y$ must both be positive', L`$x \ge 1$, not $x \ge 0$`],
    phrase: () =>
      r.pick([
        'there are $«V»$ ordered pairs',
        'the number of ordered pairs is $«V»$',
        'exactly «V» pairs $(x, y)$ satisfy the inequality',
        'there are «V» such pairs',
        'the count is $«V»$',
      ]),
    right: { lines: rightLines, eq, redo: `${rev.join(' + ')} = «V»` },
    wrong: r.pick(wrongs),
    misfix,
    check: {
      method: r.pick(['counting by $x$ instead of $y$', 'summing over $x$ rather than $y$', 'organizing the count by the value of $x$']),
      lines: [
        L`For $x = 1, 2, \dots, ${xmax}$, the number of positive $y$ with $${by} \le ${M} - ${axv}$ is ${cx.join(', ')}, respectively.`,
      ],
      eq: `${cx.join(' + ')} = «V»`,
    },
    tries: [
      L`For instance, $(x, y) = (1, 1)$ gives $${a + b} ${rel} ${N}$, fine.`,
      L`Note that $y = ${ymax + 1}$ is already too large: $${b * (ymax + 1)} + ${a} > ${M}$.`,
      L`For example, $y = 2$ leaves $${ax} \le ${M - 2 * b}$.`,
    ],
    subchecks: [L`$${b} \cdot ${ymax} = ${b * ymax} \le ${M - a}$`, L`$${M} - ${b} = ${M - b}$`, L`$${b} \cdot 2 = ${2 * b}$`],
    recap: L`For each $y$ from $1$ to $${ymax}$ we count the positive $x$ with $${ax} \le ${M} - ${by}$ and add the counts.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Task 2: inclusion-exclusion on multiples

function inclExcl(x: Ctx): Prob {
  const r = x.r;
  let a = 0,
    b = 0,
    N = 0,
    M = 0,
    Lc = 0,
    A = 0,
    B = 0,
    C = 0,
    U = 0,
    ans = 0,
    less = false;
  let kind: 'or' | 'neither' | 'exactly' = 'or';
  for (;;) {
    a = r.int(2, 15);
    b = r.int(a + 1, 21);
    if (b % a === 0) continue;
    kind = r.pick(['or', 'neither', 'exactly'] as const);
    less = r.chance(0.5);
    N = r.chance(0.35) ? 1000 : r.int(150, 999);
    M = less ? N - 1 : N;
    Lc = lcm(a, b);
    A = Math.floor(M / a);
    B = Math.floor(M / b);
    C = Math.floor(M / Lc);
    if (C < 2) continue;
    U = A + B - C;
    ans = kind === 'or' ? U : kind === 'neither' ? M - U : A + B - 2 * C;
    if (ans < 10 || ans > 999) continue;
    break;
  }
  const g = gcd(a, b);
  const bound = less ? `less than ${N}` : r.pick([`less than or equal to ${N}`, `not exceeding ${N}`, `at most ${N}`]);
  const what =
    kind === 'or'
      ? `divisible by ${a} or ${b}`
      : kind === 'neither'
        ? `divisible by neither ${a} nor ${b}`
        : `divisible by exactly one of ${a} and ${b}`;
  const query =
    kind === 'or'
      ? r.pick([
          `How many positive integers ${bound} are divisible by ${a} or ${b}?`,
          `Find the number of positive integers ${bound} that are divisible by at least one of ${a} and ${b}.`,
        ])
      : kind === 'neither'
        ? r.pick([
            `How many positive integers ${bound} are divisible by neither ${a} nor ${b}?`,
            `Find the number of positive integers ${bound} that are divisible by neither ${a} nor ${b}.`,
          ])
        : r.pick([
            `How many positive integers ${bound} are divisible by exactly one of ${a} and ${b}?`,
            `Find the number of positive integers ${bound} divisible by exactly one of the numbers ${a} and ${b}.`,
          ]);
  const l0 = less ? L`"Less than ${N}" means we count $1, 2, \dots, ${M}$.` : L`We work with the integers $1, 2, \dots, ${M}$.`;
  const cases = () =>
    [
      caseLine(x, '1', L`multiples of ${a}: $\lfloor ${M}/${a} \rfloor$`, A, 'numbers'),
      caseLine(x, '2', L`multiples of ${b}: $\lfloor ${M}/${b} \rfloor$`, B, 'numbers'),
    ].join('\n');
  const overlap = () =>
    r.chance(0.5)
      ? L`Numbers divisible by both ${a} and ${b} are exactly the multiples of $\operatorname{lcm}(${a}, ${b}) = ${Lc}$, and there are $\lfloor ${M}/${Lc} \rfloor = ${C}$ of them.`
      : L`The common multiples are the multiples of $\operatorname{lcm}(${a}, ${b}) = ${Lc}$. ` +
        inter(x, `there are ${C} of those up to ${M}`);
  const lines = [l0, cases(), overlap()];
  let eq: Eq;
  if (kind === 'or') {
    if (r.chance(0.3))
      lines.push(L`Adding the two cases would give $${A} + ${B} = ${A + B}$, but that counts the multiples of ${Lc} twice.`);
    eq = `${A} + ${B} - ${C} = «V»`;
  } else if (kind === 'neither') {
    lines.push(inter(x, L`$${A} + ${B} - ${C} = ${U}$ of the numbers are divisible by ${a} or ${b}`));
    eq = `${M} - ${U} = «V»`;
  } else eq = r.chance(0.5) ? `(${A} - ${C}) + (${B} - ${C}) = «V»` : L`${A} + ${B} - 2 \cdot ${C} = «V»`;
  const redo =
    kind === 'or' ? `${B} + ${A} - ${C} = «V»` : kind === 'neither' ? `${M} - ${A} - ${B} + ${C} = «V»` : `${A + B} - ${2 * C} = «V»`;

  const wrongs: NonNullable<Prob['wrong']>[] = [];
  const Cab = Math.floor(M / (a * b));
  const abLine = L`Numbers divisible by both are the multiples of $${a} \cdot ${b} = ${a * b}$, and there are ${Cab} of them.`;
  const abReason = L`${a} and ${b} are not coprime, so "divisible by both" means divisible by $\operatorname{lcm}(${a}, ${b}) = ${Lc}$, not by ${a * b}; there are ${C} such numbers, not ${Cab}.`;
  if (kind === 'or') {
    wrongs.push({
      value: A + B,
      lines: [l0, cases()],
      eq: `${A} + ${B} = «V»`,
      redo: `${B} + ${A} = «V»`,
      reason: `we double counted: the ${C} multiples of ${Lc} are divisible by both ${a} and ${b}, so they were counted in both cases.`,
      fixLines: [],
      fixEq: `${A + B} - ${C} = «V»`,
    });
    if (g > 1 && Cab !== C)
      wrongs.push({
        value: A + B - Cab,
        lines: [l0, cases(), abLine],
        eq: `${A} + ${B} - ${Cab} = «V»`,
        redo: `${B} + ${A} - ${Cab} = «V»`,
        reason: abReason,
        fixLines: [],
        fixEq: `${A} + ${B} - ${C} = «V»`,
      });
  } else if (kind === 'neither') {
    if (M - A - B > 0)
      wrongs.push({
        value: M - A - B,
        lines: [l0, cases()],
        eq: `${M} - ${A} - ${B} = «V»`,
        redo: `${M} - ${B} - ${A} = «V»`,
        reason: `the ${C} multiples of ${Lc} were subtracted twice (once among the multiples of ${a}, once among those of ${b}), so we have to add them back.`,
        fixLines: [],
        fixEq: `${M - A - B} + ${C} = «V»`,
      });
    if (g > 1 && Cab !== C)
      wrongs.push({
        value: M - (A + B - Cab),
        lines: [l0, cases(), abLine, inter(x, L`$${A} + ${B} - ${Cab} = ${A + B - Cab}$ numbers are divisible by ${a} or ${b}`)],
        eq: `${M} - ${A + B - Cab} = «V»`,
        redo: `${M} - ${A} - ${B} + ${Cab} = «V»`,
        reason: abReason,
        fixLines: [inter(x, L`$${A} + ${B} - ${C} = ${U}$ numbers are divisible by ${a} or ${b}`)],
        fixEq: `${M} - ${U} = «V»`,
      });
  } else {
    wrongs.push({
      value: U,
      lines: [l0, cases(), overlap()],
      eq: `${A} + ${B} - ${C} = «V»`,
      redo: `${B} + ${A} - ${C} = «V»`,
      reason: `that is the count for "divisible by ${a} or ${b}". "Exactly one" excludes the ${C} multiples of ${Lc} altogether, so they must be removed from both cases.`,
      fixLines: [],
      fixEq: `${U} - ${C} = «V»`,
    });
  }
  const misfix: Alt =
    kind === 'or'
      ? {
          value: ans - C,
          reason: `did we double count? The multiples of ${Lc} appear in both lists, so we should take them out once more.`,
          lines: [],
          eq: `${ans} - ${C} = «V»`,
        }
      : kind === 'neither'
        ? {
            value: ans - C,
            reason: `we still have to remove the ${C} multiples of ${Lc}, since they are divisible by both.`,
            lines: [],
            eq: `${ans} - ${C} = «V»`,
          }
        : {
            value: ans + C,
            reason: `the multiples of ${Lc} were subtracted twice, so one copy should be added back.`,
            lines: [],
            eq: `${ans} + ${C} = «V»`,
          };

  // periodicity check
  const q = Math.floor(M / Lc);
  const rr = M - q * Lc;
  const good = (n: number) => {
    const da = n % a === 0,
      db = n % b === 0;
    return kind === 'or' ? da || db : kind === 'neither' ? !da && !db : da !== db;
  };
  let k = 0;
  for (let n = 1; n <= Lc; n++) if (good(n)) k++;
  const left: number[] = [];
  for (let n = 1; n <= rr; n++) if (good(n)) left.push(n);
  const kDesc =
    kind === 'or'
      ? `${Lc / a} + ${Lc / b} - 1`
      : kind === 'neither'
        ? `${Lc} - (${Lc / a} + ${Lc / b} - 1)`
        : `(${Lc / a} - 1) + (${Lc / b} - 1)`;
  const y = left.length;
  const leftTxt =
    rr === 0
      ? 'there is no partial block'
      : y === 0
        ? L`the leftover range $1, \dots, ${rr}$ adds nothing`
        : L`the leftover range $1, \dots, ${rr}$ contains ${y} more` + (y <= 8 ? ` (${left.join(', ')})` : '');
  const checkLines = [
    `The divisibility pattern repeats every ${Lc} integers. A block of ${Lc} consecutive integers contains ${Lc / a} multiples of ${a} and ${Lc / b} multiples of ${b}, exactly one of them common, so it has $${kDesc} = ${k}$ numbers ${what}.`,
    L`Now $${M} = ${q} \cdot ${Lc} + ${rr}$. The ${q} full blocks give $${q} \cdot ${k}$, and ${leftTxt}.`,
  ];
  const checkEq = y === 0 ? L`${q} \cdot ${k} = «V»` : L`${q} \cdot ${k} + ${y} = ${q * k} + ${y} = «V»`;
  return {
    task: 'incl-excl',
    query,
    answer: ans,
    goal: `the number of positive integers ${bound} ${what}`,
    conds: [`we only count $1$ through $${M}$`, 'the floor function counts the multiples'],
    hints: ['numbers divisible by both must not be counted twice', `the common multiples are the multiples of ${Lc}`],
    phrase: () =>
      kind === 'or'
        ? r.pick([
            'there are $«V»$ such integers',
            `«V» integers are divisible by ${a} or ${b}`,
            'the count is $«V»$',
            'exactly «V» of them qualify',
          ])
        : kind === 'neither'
          ? r.pick([
              `«V» integers are divisible by neither ${a} nor ${b}`,
              'there are $«V»$ such integers',
              'the count is $«V»$',
              'exactly «V» of them qualify',
            ])
          : r.pick([
              `«V» integers are divisible by exactly one of ${a} and ${b}`,
              'there are $«V»$ such integers',
              'the count is $«V»$',
              'exactly «V» of them qualify',
            ]),
    right: { lines, eq, redo },
    wrong: wrongs.length ? r.pick(wrongs) : null,
    misfix,
    check: {
      method: r.pick([
        `using periodicity modulo ${Lc}`,
        'counting block by block',
        `splitting $1, \\dots, ${M}$ into blocks of length ${Lc}`,
      ]),
      lines: checkLines,
      eq: checkEq,
    },
    tries: [
      `For example, ${Lc} is divisible by both ${a} and ${b}.`,
      L`Is ${M} itself a multiple of ${a}? $${M} = ${a} \cdot ${Math.floor(M / a)} + ${M % a}$, so ${M % a === 0 ? 'yes' : 'no'}.`,
      `E.g. ${2 * a} counts as a multiple of ${a}.`,
    ],
    subchecks: [
      L`$${a} \cdot ${A} = ${a * A} \le ${M}$`,
      L`$${b} \cdot ${B} = ${b * B}$`,
      L`$${Lc} \cdot ${C} = ${Lc * C}$`,
      L`$\gcd(${a}, ${b}) = ${g}$`,
    ],
    recap: L`By inclusion–exclusion with the multiples of ${a}, of ${b} and of $\operatorname{lcm}(${a}, ${b}) = ${Lc}$ among $1, \dots, ${M}$.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Task 3: digit sums

const pairsFor = (t: number) => (t < 0 || t > 18 ? 0 : t <= 9 ? t + 1 : 19 - t);
const digitSumOf = (n: number) =>
  String(n)
    .split('')
    .reduce((s, c) => s + Number(c), 0);

/** Inclusion–exclusion for x1 + x2 + x3 = n with upper bounds. */
function ie(n: number, bounds: number[], names: string[]): { lines: string[]; eq: Eq } {
  const c2 = (m: number) => (m < 0 ? 0 : ((m + 2) * (m + 1)) / 2);
  const T0 = c2(n);
  const singles: string[] = [];
  const sv: number[] = [];
  const pairsT: string[] = [];
  const pv: number[] = [];
  for (let i = 0; i < 3; i++) {
    const m = n - (bounds[i] + 1);
    if (m >= 0) {
      singles.push(L`$${names[i]} \ge ${bounds[i] + 1}$: $\binom{${m + 2}}{2} = ${c2(m)}$`);
      sv.push(c2(m));
    }
  }
  for (let i = 0; i < 3; i++)
    for (let j = i + 1; j < 3; j++) {
      const m = n - (bounds[i] + 1) - (bounds[j] + 1);
      if (m >= 0) {
        pairsT.push(L`$${names[i]}, ${names[j]}$ both too big: $\binom{${m + 2}}{2} = ${c2(m)}$`);
        pv.push(c2(m));
      }
    }
  if (!sv.length)
    return {
      lines: [L`All the upper bounds hold automatically since $${n} \le ${Math.min(...bounds)}$, so stars and bars applies directly.`],
      eq: L`\binom{${n + 2}}{2} = «V»`,
    };
  const lines = [
    L`Ignoring the upper bounds, stars and bars gives $\binom{${n + 2}}{2} = ${T0}$ solutions.`,
    `Subtract the solutions that break a bound: ${singles.join('; ')}.`,
  ];
  if (pv.length) lines.push(`Add back those breaking two bounds: ${pairsT.join('; ')}.`);
  const eq = `${T0}${sv.map((v) => ` - ${v}`).join('')}${pv.map((v) => ` + ${v}`).join('')} = «V»`;
  return { lines, eq };
}

function digitSum(x: Ctx): Prob {
  const r = x.r;
  const u = (c: number) => (c === 1 ? 'number' : 'numbers');
  if (r.chance(0.55)) {
    // three-digit integers with digit sum s
    let s = 0;
    let as: number[] = [];
    let counts: number[] = [];
    for (;;) {
      s = r.int(3, 24);
      as = [];
      counts = [];
      for (let a = 1; a <= 9; a++)
        if (s - a >= 0 && s - a <= 18) {
          as.push(a);
          counts.push(pairsFor(s - a));
        }
      if (sum(counts) >= 6) break;
    }
    const total = sum(counts);
    const l0 = L`Write the number as $\overline{abc}$ with $1 \le a \le 9$ and $0 \le b, c \le 9$; we need $a + b + c = ${s}$.`;
    const l1 = L`For a fixed $t$, the number of digit pairs $(b, c)$ with $b + c = t$ is $t + 1$ if $0 \le t \le 9$ and $19 - t$ if $10 \le t \le 18$.`;
    const l2 = s >= 20 ? L`Since $b + c \le 18$, we need $a \ge ${s - 18}$.` : '';
    const casesTxt = (list: number[], cnts: number[]) =>
      list.map((a, i) => caseLine(x, `$a = ${a}$`, `$b + c = ${s - a}$`, cnts[i], u(cnts[i]))).join('\n');
    const eq = `${counts.join(' + ')} = «V»`;
    const wrongs: NonNullable<Prob['wrong']>[] = [];
    const allA: number[] = [];
    for (let a = 1; a <= Math.min(9, s); a++) allA.push(a);
    if (allA.some((a) => s - a >= 10)) {
      const wc = allA.map((a) => s - a + 1);
      const fixed = as.filter((a) => s - a >= 10);
      wrongs.push({
        value: sum(wc),
        lines: [
          L`Write the number as $\overline{abc}$ with $1 \le a \le 9$; we need $b + c = ${s} - a$.`,
          L`The number of pairs $(b, c)$ with $b + c = t$ is $t + 1$.`,
          casesTxt(allA, wc),
        ],
        eq: `${wc.join(' + ')} = «V»`,
        redo: `${[...wc].reverse().join(' + ')} = «V»`,
        reason: `$b$ and $c$ are single digits, so for $b + c = t$ with $t \\ge 10$ there are only $19 - t$ pairs, not $t + 1$${s >= 20 ? ', and $t > 18$ is impossible' : ''}.`,
        fixLines: [
          `Correcting the cases with $b + c \\ge 10$: ${fixed.map((a) => `$a = ${a}$ gives $19 - ${s - a} = ${19 - s + a}$`).join(', ')}${s >= 20 ? `, and $a \\le ${s - 19}$ gives nothing` : ''}.`,
        ],
        fixEq: eq,
      });
    }
    if (s <= 10) {
      const wc = [s + 1, ...counts];
      wrongs.push({
        value: total + s + 1,
        lines: [L`Write the number as $\overline{abc}$ with digits $a, b, c$, so $a + b + c = ${s}$.`, l1, casesTxt([0, ...as], wc)],
        eq: `${wc.join(' + ')} = «V»`,
        redo: `${[...wc].reverse().join(' + ')} = «V»`,
        reason: `$a = 0$ does not give a three-digit number, so the ${s + 1} numbers from the case $a = 0$ must be dropped.`,
        fixLines: [],
        fixEq: `${total + s + 1} - ${s + 1} = «V»`,
      });
    }
    const jdx = r.int(0, counts.length - 1);
    const dd = counts[jdx] > 1 && r.chance(0.5) ? -1 : 1;
    const check = ie(s - 1, [8, 9, 9], ["a'", 'b', 'c']);
    const ex = (() => {
      for (let n = 100; n <= 999; n++) if (digitSumOf(n) === s) return n;
      return 100;
    })();
    const bad = ex + 1;
    return {
      task: 'digit-sum',
      query: r.pick([
        `How many three-digit positive integers have digits whose sum is ${s}?`,
        `Find the number of three-digit positive integers whose digits sum to ${s}.`,
      ]),
      answer: total,
      goal: `the number of three-digit integers with digit sum ${s}`,
      conds: ['$a + b + c$ has to come out exactly right', 'the cases are disjoint'],
      hints: ['the hundreds digit cannot be 0', '$b$ and $c$ are at most 9', '$b + c$ is at most 18'],
      phrase: () =>
        r.pick([
          'there are $«V»$ such three-digit integers',
          `«V» three-digit numbers have digit sum ${s}`,
          'the count is $«V»$',
          'exactly «V» integers work',
        ]),
      right: { lines: [l0, l1, l2, casesTxt(as, counts)].filter(Boolean), eq, redo: `${[...counts].reverse().join(' + ')} = «V»` },
      wrong: wrongs.length ? r.pick(wrongs) : null,
      misfix: {
        value: total + dd,
        reason: r.pick(['let me re-add the case counts.', 'let me add the cases up once more.']),
        lines: [],
        eq: `${counts.map((c, i) => (i === jdx ? c + dd : c)).join(' + ')} = «V»`,
      },
      check: {
        method: r.pick([
          "stars and bars with $a' = a - 1$",
          'stars and bars plus inclusion–exclusion',
          'a generating-count argument with stars and bars',
        ]),
        lines: [L`Put $a' = a - 1$, so $a' + b + c = ${s - 1}$ with $0 \le a' \le 8$ and $0 \le b, c \le 9$.`, ...check.lines],
        eq: check.eq,
      },
      tries: [`For example, ${ex} works: its digits add up to ${s}.`, `Does ${bad} work? Its digits sum to ${digitSumOf(bad)}, so no.`],
      subchecks: as
        .filter((a) => s - a >= 10)
        .map((a) => `$19 - ${s - a} = ${19 - s + a}$`)
        .concat(as.filter((a) => s - a <= 9).map((a) => `$${s - a} + 1 = ${s - a + 1}$`)),
      recap: `Casework on the hundreds digit $a$, counting digit pairs $(b, c)$ with $b + c = ${s} - a$, and adding.`,
    };
  }
  // positive integers below 1000 with digit sum s
  let s = 0,
    c1 = 0,
    c2 = 0,
    c3 = 0;
  let hs: number[] = [];
  let hl: number[] = [];
  for (;;) {
    s = r.int(2, 25);
    c1 = s <= 9 ? 1 : 0;
    c2 = 0;
    for (let a = 1; a <= 9; a++) if (s - a >= 0 && s - a <= 9) c2++;
    hs = [];
    hl = [];
    for (let h = 1; h <= 9; h++)
      if (pairsFor(s - h) > 0) {
        hs.push(h);
        hl.push(pairsFor(s - h));
      }
    c3 = sum(hl);
    if (c1 + c2 + c3 >= 5 && c3 > 0) break;
  }
  const total = c1 + c2 + c3;
  const lo = Math.max(1, s - 9),
    hi = Math.min(9, s);
  const case1 = caseLine(
    x,
    '1 (one digit)',
    s <= 9 ? `the only candidate is ${s} itself` : 'a single digit is at most 9, so nothing works',
    c1,
    u(c1),
  );
  const case2 = caseLine(
    x,
    '2 (two digits)',
    c2 > 0 ? L`$\overline{ab}$ with $a \ge 1$ and $a + b = ${s}$, so $a$ runs from ${lo} to ${hi}` : L`$a + b \le 18$, so nothing works`,
    c2,
    u(c2),
  );
  const d3 = (list: number[]) =>
    L`$\overline{hbc}$ with $1 \le h \le 9$; for $h = ${hs[0]}, \dots, ${hs[hs.length - 1]}$ the pairs with $b + c = ${s} - h$ number ${list.join(', ')}`;
  const case3 = caseLine(x, '3 (three digits)', d3(hl), c3, u(c3));
  const eq = `${c1} + ${c2} + ${c3} = «V»`;
  const wrongs: NonNullable<Prob['wrong']>[] = [];
  if (s <= 9)
    wrongs.push({
      value: c2 + c3,
      lines: ['We split by the number of digits.', [case2, case3].join('\n')],
      eq: `${c2} + ${c3} = «V»`,
      redo: `${c3} + ${c2} = «V»`,
      reason: `we forgot the one-digit number ${s} itself.`,
      fixLines: [],
      fixEq: `${c2 + c3} + 1 = «V»`,
    });
  if (s >= 11) {
    const hw: number[] = [];
    for (let h = 1; h <= 9; h++) if (s - h >= 0) hw.push(s - h + 1);
    const c3w = sum(hw);
    const hsw: number[] = [];
    for (let h = 1; h <= 9; h++) if (s - h >= 0) hsw.push(h);
    const case3w = caseLine(
      x,
      '3 (three digits)',
      L`$\overline{hbc}$ with $1 \le h \le 9$ and $b + c = ${s} - h$, which has $${s} - h + 1$ solutions: ${hw.join(', ')}`,
      c3w,
      u(c3w),
    );
    if (c3w !== c3)
      wrongs.push({
        value: c1 + c2 + c3w,
        lines: ['We split by the number of digits.', [case1, case2, case3w].join('\n')],
        eq: `${c1} + ${c2} + ${c3w} = «V»`,
        redo: `${c3w} + ${c2} + ${c1} = «V»`,
        reason: `in the three-digit case $b$ and $c$ are digits, so $b + c = t$ has only $19 - t$ solutions when $t \\ge 10$ (and none when $t > 18$), not $t + 1$.`,
        fixLines: [inter(x, `the three-digit case has $${hl.join(' + ')} = ${c3}$ numbers`)],
        fixEq: eq,
      });
  }
  const check = ie(s, [9, 9, 9], ['a', 'b', 'c']);
  return {
    task: 'digit-sum',
    query: r.pick([
      `How many positive integers less than $1000$ have digit sum ${s}?`,
      `Find the number of positive integers $n < 1000$ whose digits add up to ${s}.`,
    ]),
    answer: total,
    goal: `the number of positive integers below 1000 with digit sum ${s}`,
    conds: ['a leading digit cannot be 0', 'the cases by number of digits are disjoint'],
    hints: ['every digit is at most 9', 'one-digit numbers count too'],
    phrase: () =>
      r.pick([
        'there are $«V»$ such integers',
        `«V» positive integers below 1000 have digit sum ${s}`,
        'the count is $«V»$',
        'exactly «V» numbers qualify',
      ]),
    right: { lines: ['We split by the number of digits.', [case1, case2, case3].join('\n')], eq, redo: `${c3} + ${c2} + ${c1} = «V»` },
    wrong: wrongs.length ? r.pick(wrongs) : null,
    misfix:
      c3 > 1
        ? {
            value: total - 1,
            reason: `let me recount the three-digit case: the counts are ${hl.join(', ')}, which add to ${c3 - 1}.`,
            lines: [],
            eq: `${c1} + ${c2} + ${c3 - 1} = «V»`,
          }
        : null,
    check: {
      method: r.pick([
        'treating each number as a three-digit string with leading zeros',
        'padding with leading zeros and using stars and bars',
      ]),
      lines: [
        L`Pad with leading zeros: every integer from 1 to 999 is a digit string $\overline{abc}$ (and $000$ has digit sum 0), so we need $a + b + c = ${s}$ with $0 \le a, b, c \le 9$.`,
        ...check.lines,
      ],
      eq: check.eq,
    },
    tries: [`For instance, ${s <= 9 ? s : s <= 18 ? `${s - 9}9` : `${s - 18}99`} has digit sum ${s}.`],
    subchecks: [`the two-digit case has $a$ from ${lo} to ${hi}`],
    recap: `Split by the number of digits and count digit strings with sum ${s} in each case.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Task 4: remainder of a power sum modulo 1000

function sumMod(x: Ctx): Prob {
  const r = x.r;
  const variant = r.pick(['sq', 'cube', 'prod'] as const);
  let n = 0,
    S = 0;
  for (;;) {
    n = variant === 'sq' ? r.int(20, 400) : variant === 'cube' ? r.int(12, 150) : r.int(15, 400);
    S = variant === 'sq' ? (n * (n + 1) * (2 * n + 1)) / 6 : variant === 'cube' ? ((n * (n + 1)) / 2) ** 2 : (n * (n + 1) * (n + 2)) / 3;
    const rr = S % 1000;
    if (S >= 5000 && rr >= 100 && rr !== n && rr !== n + 1 && rr !== 2 * n + 1 && rr !== n + 2) break;
  }
  const ans = S % 1000;
  const F = (v: number) => fmt(x, v);
  const T = (n * (n + 1)) / 2;
  const modEq = (v: number) => L`${F(v)} \equiv «V» \pmod{1000}`;
  const sumTxt =
    variant === 'sq'
      ? `1^2 + 2^2 + 3^2 + \\cdots + ${n}^2`
      : variant === 'cube'
        ? `1^3 + 2^3 + 3^3 + \\cdots + ${n}^3`
        : L`1 \cdot 2 + 2 \cdot 3 + 3 \cdot 4 + \cdots + ${n} \cdot ${n + 1}`;
  const compute = (m: number, val: number, showP: boolean): string[] => {
    if (variant === 'sq') {
      const P = m * (m + 1) * (2 * m + 1);
      return [
        L`We use $\sum_{k=1}^{m} k^2 = \frac{m(m+1)(2m+1)}{6}$ with $m = ${m}$.`,
        showP
          ? L`\[\frac{${m} \cdot ${m + 1} \cdot ${2 * m + 1}}{6} = \frac{${F(P)}}{6} = ${F(val)}.\]`
          : L`\[\frac{${m} \cdot ${m + 1} \cdot ${2 * m + 1}}{6} = ${F(val)}.\]`,
      ];
    }
    if (variant === 'cube') {
      const t = (m * (m + 1)) / 2;
      return [
        L`We use $\sum_{k=1}^{m} k^3 = \left(\frac{m(m+1)}{2}\right)^2$ with $m = ${m}$.`,
        L`Here $\frac{${m} \cdot ${m + 1}}{2} = ${F(t)}$, and $${F(t)}^2 = ${F(val)}$.`,
      ];
    }
    const P = m * (m + 1) * (m + 2);
    return [
      L`Since $\sum_{k=1}^{m} k(k+1) = \frac{m(m+1)(m+2)}{3}$, we take $m = ${m}$:`,
      showP
        ? L`\[\frac{${m} \cdot ${m + 1} \cdot ${m + 2}}{3} = \frac{${F(P)}}{3} = ${F(val)}.\]`
        : L`\[\frac{${m} \cdot ${m + 1} \cdot ${m + 2}}{3} = ${F(val)}.\]`,
    ];
  };
  const interS = (v: number) => inter(x, r.pick([`the sum is $${F(v)}$`, `the sum equals $${F(v)}$`, `$${sumTxt} = ${F(v)}$`]));
  const rightLines = [...compute(n, S, true)];
  if (r.chance(0.7)) rightLines.push(interS(S));
  rightLines.push(
    r.pick(['Only the last three digits matter.', 'The remainder mod 1000 is given by the last three digits.', 'Now reduce modulo 1000.']),
  );
  const redoOf = (v: number) => L`${F(v)} = ${F(Math.floor(v / 1000))} \cdot 1000 + «V»`;

  const wrongs: NonNullable<Prob['wrong']>[] = [];
  if (variant === 'prod') {
    const S1 = ((n + 1) * (n + 2) * (n + 3)) / 3;
    if (S1 % 1000 !== ans)
      wrongs.push({
        value: S1 % 1000,
        lines: [L`The last term is $${n} \cdot ${n + 1}$, so the sum runs up to $m = ${n + 1}$.`, ...compute(n + 1, S1, true).slice(1)],
        eq: modEq(S1),
        redo: redoOf(S1),
        reason: L`the last term $${n} \cdot ${n + 1}$ is $k(k+1)$ with $k = ${n}$, so $m = ${n}$, not ${n + 1}; I added an extra term.`,
        fixLines: compute(n, S, true).slice(1),
        fixEq: modEq(S),
      });
  }
  {
    let dd = r.pick([-3, -2, -1, 1, 2, 3]);
    if (S + dd * 100 <= 0) dd = 1;
    const Sbad = S + dd * 100;
    const arith =
      variant === 'sq'
        ? L`$${n} \cdot ${n + 1} = ${F(n * (n + 1))}$, times ${2 * n + 1} is $${F(n * (n + 1) * (2 * n + 1))}$, and dividing by 6 gives $${F(S)}$`
        : variant === 'cube'
          ? L`$\frac{${n} \cdot ${n + 1}}{2} = ${F(T)}$ and $${F(T)}^2 = ${F(S)}$`
          : L`$${n} \cdot ${n + 1} \cdot ${n + 2} = ${F(n * (n + 1) * (n + 2))}$, and dividing by 3 gives $${F(S)}$`;
    wrongs.push({
      value: Sbad % 1000,
      lines: [...compute(n, Sbad, false), ...(r.chance(0.5) ? [interS(Sbad)] : [])],
      eq: modEq(Sbad),
      redo: redoOf(Sbad),
      reason: 'I think I slipped in the multiplication. Let me redo it.',
      fixLines: [`Carefully: ${arith}.`],
      fixEq: modEq(S),
    });
  }
  let ee = r.pick([-4, -3, -2, -1, 1, 2, 3, 4]);
  if ((S % 1000) + ee * 10 < 0 || (S % 1000) + ee * 10 > 999) ee = -ee;
  const Sm = S + ee * 10;
  const misArith =
    variant === 'sq'
      ? L`$${n} \cdot ${n + 1} \cdot ${2 * n + 1} = ${F(6 * Sm)}$, so the sum is $${F(Sm)}$`
      : variant === 'cube'
        ? L`$${F(T)}^2 = ${F(Sm)}$`
        : L`$${n} \cdot ${n + 1} \cdot ${n + 2} = ${F(3 * Sm)}$, so the sum is $${F(Sm)}$`;
  const misfix: Alt = {
    value: Sm % 1000,
    reason: 'let me recompute the product more carefully.',
    lines: [`I get ${misArith}.`],
    eq: modEq(Sm),
  };

  let check: Prob['check'];
  if (variant === 'sq') {
    check = {
      method: 'grouping the formula differently',
      lines: [
        L`Write it as $\frac{m(m+1)}{2} \cdot \frac{2m+1}{3}$: here $\frac{${n} \cdot ${n + 1}}{2} = ${F(T)}$, and $\frac{${F(T)} \cdot ${2 * n + 1}}{3} = ${F(S)}$.`,
      ],
      eq: modEq(S),
    };
  } else if (variant === 'cube') {
    const t = T % 1000;
    check =
      t * t >= 1000
        ? {
            method: 'working modulo 1000 from the start',
            lines: [L`Only $${F(T)} \bmod 1000 = ${t}$ matters, and $${t}^2 = ${F(t * t)}$.`],
            eq: modEq(t * t),
          }
        : { method: 'working modulo 1000 from the start', lines: [L`Only $${F(T)} \bmod 1000 = ${t}$ matters.`], eq: L`${t}^2 = «V»` };
  } else {
    const Ssq = (n * (n + 1) * (2 * n + 1)) / 6;
    check = {
      method: 'splitting $k(k+1)$ into $k^2 + k$',
      lines: [L`We have $\sum k(k+1) = \sum k^2 + \sum k = ${F(Ssq)} + ${F(T)} = ${F(S)}$.`],
      eq: modEq(S),
    };
  }
  const tries =
    variant === 'sq'
      ? [L`Sanity check of the formula at $m = 3$: $1 + 4 + 9 = 14 = \frac{3 \cdot 4 \cdot 7}{6}$.`]
      : variant === 'cube'
        ? [L`At $m = 2$: $1 + 8 = 9 = 3^2$, so the formula is right.`]
        : [L`At $m = 2$: $1 \cdot 2 + 2 \cdot 3 = 8 = \frac{2 \cdot 3 \cdot 4}{3}$, good.`];
  tries.push(L`Note $1000 = 8 \cdot 125$, but here we can simply compute the sum exactly.`);
  return {
    task: 'power-sum-mod',
    query: `Find the remainder when $${sumTxt}$ is divided by $1000$.`,
    answer: ans,
    goal: 'the remainder when the sum is divided by 1000',
    conds: ['only the last three digits matter', 'the division in the formula is exact'],
    hints: [`the sum runs from $k = 1$ to $k = ${n}$`],
    phrase: () =>
      r.pick([
        'the remainder is $«V»$',
        'the remainder upon division by $1000$ is $«V»$',
        'the sum leaves a remainder of «V» when divided by 1000',
        'the requested remainder is $«V»$',
      ]),
    right: { lines: rightLines, eq: modEq(S), redo: redoOf(S) },
    wrong: r.pick(wrongs),
    misfix,
    check,
    tries,
    subchecks: [L`$${n} \cdot ${n + 1} = ${F(n * (n + 1))}$`, L`$2 \cdot ${n} + 1 = ${2 * n + 1}$`],
    recap:
      variant === 'sq'
        ? L`Using $\sum_{k=1}^{${n}} k^2 = \frac{${n} \cdot ${n + 1} \cdot ${2 * n + 1}}{6}$ and reducing modulo $1000$.`
        : variant === 'cube'
          ? L`Using $\sum_{k=1}^{${n}} k^3 = \left(\frac{${n} \cdot ${n + 1}}{2}\right)^2$ and reducing modulo $1000$.`
          : L`Using $\sum_{k=1}^{${n}} k(k+1) = \frac{${n} \cdot ${n + 1} \cdot ${n + 2}}{3}$ and reducing modulo $1000$.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Task 5: number of divisors

function divCount(x: Ctx): Prob {
  const r = x.r;
  const PR = [2, 3, 5, 7, 11, 13];
  let ps: number[] = [],
    es: number[] = [],
    N = 0,
    ans = 0;
  let variant: 'N' | 'N2' | 'sq' = 'N';
  const fcount = (v: typeof variant, e: number[]) =>
    e.reduce((s, k) => s * (v === 'N' ? k + 1 : v === 'N2' ? 2 * k + 1 : Math.floor(k / 2) + 1), 1);
  for (;;) {
    variant = r.pick(['N', 'N', 'N2', 'sq'] as const);
    const k = r.chance(0.6) ? 3 : 2;
    const idx = new Set<number>();
    while (idx.size < k) idx.add(r.int(0, PR.length - 1));
    ps = [...idx].sort((u, v) => u - v).map((i) => PR[i]);
    es = ps.map((p) => r.int(variant === 'sq' ? 2 : 1, p === 2 ? 7 : p === 3 ? 5 : 3));
    N = ps.reduce((s, p, i) => s * p ** es[i], 1);
    if (N > 3000000 || N < 100) continue;
    ans = fcount(variant, es);
    if (ans < 4 || ans > 999) continue;
    if (variant === 'N' && es.reduce((s, e) => s * e, 1) < 2) continue;
    break;
  }
  const F = (v: number) => fmt(x, v);
  const pw = (p: number, e: number) => (e === 1 ? `${p}` : `${p}^{${e}}`);
  const fact = ps.map((p, i) => pw(p, es[i])).join(' \\cdot ');
  const fact2 = ps.map((p, i) => pw(p, 2 * es[i])).join(' \\cdot ');
  const vars = ['i', 'j', 'l'];
  const form = ps.map((p, i) => `${p}^{${vars[i]}}`).join(' ');
  const NN = variant === 'N2' ? `$${F(N)}^2$` : `$${F(N)}$`;
  const query =
    variant === 'N'
      ? r.pick([`How many positive divisors does $${F(N)}$ have?`, `Find the number of positive integer divisors of $${F(N)}$.`])
      : variant === 'N2'
        ? r.pick([`How many positive divisors does $${F(N)}^2$ have?`, `Find the number of positive integers that divide $${F(N)}^2$.`])
        : r.pick([
            `How many positive divisors of $${F(N)}$ are perfect squares?`,
            `Find the number of perfect squares that divide $${F(N)}$.`,
          ]);
  const l0 = r.chance(0.5) ? L`First factor: $${F(N)} = ${fact}$.` : inter(x, L`$${F(N)} = ${fact}$`);
  const lines = [l0];
  if (r.chance(0.35)) lines.push(inter(x, `$${F(N)}$ has ${ps.length} distinct prime factors, namely ${ps.join(', ')}`));
  let eq: Eq, redo: Eq;
  if (variant === 'N') {
    lines.push(`A positive divisor has the form $${form}$ with ${ps.map((_, i) => `$0 \\le ${vars[i]} \\le ${es[i]}$`).join(', ')}.`);
    eq = `${es.map((e) => `(${e} + 1)`).join('')} = «V»`;
    redo = `${[...es]
      .reverse()
      .map((e) => e + 1)
      .join(' \\cdot ')} = «V»`;
  } else if (variant === 'N2') {
    lines.push(L`Then $${F(N)}^2 = ${fact2}$.`);
    if (r.chance(0.5)) lines.push(inter(x, `$${F(N)}$ itself has ${fcount('N', es)} divisors, but we need those of the square`));
    lines.push(
      `A divisor of $${F(N)}^2$ has the form $${form}$ with ${ps.map((_, i) => `$0 \\le ${vars[i]} \\le ${2 * es[i]}$`).join(', ')}.`,
    );
    eq = `${es.map((e) => `(${2 * e} + 1)`).join('')} = «V»`;
    redo = `${[...es]
      .reverse()
      .map((e) => 2 * e + 1)
      .join(' \\cdot ')} = «V»`;
  } else {
    const cs = es.map((e) => Math.floor(e / 2) + 1);
    lines.push('A divisor is a perfect square exactly when all of its exponents are even.');
    lines.push(
      `So each prime $p^e$ allows $\\lfloor e/2 \\rfloor + 1$ exponents: ${es.map((e, i) => `$\\lfloor ${e}/2 \\rfloor + 1 = ${cs[i]}$`).join(', ')}.`,
    );
    eq = `${cs.join(' \\cdot ')} = «V»`;
    redo = `${[...cs].reverse().join(' \\times ')} = «V»`;
  }
  let wrong: Prob['wrong'];
  if (variant === 'N')
    wrong = {
      value: es.reduce((s, e) => s * e, 1),
      lines: [l0, `A divisor picks an exponent for each prime, up to ${es.map((e, i) => `${e} for ${ps[i]}`).join(', ')}.`],
      eq: `${es.join(' \\cdot ')} = «V»`,
      redo: `${[...es].reverse().join(' \\cdot ')} = «V»`,
      reason:
        'the exponent can also be $0$ (the divisor $1$ has exponent 0 everywhere), so a prime appearing as $p^e$ gives $e + 1$ choices, not $e$.',
      fixLines: [],
      fixEq: eq,
    };
  else if (variant === 'N2')
    wrong = {
      value: fcount('N', es),
      lines: [l0, `A divisor has the form $${form}$ with ${ps.map((_, i) => `$0 \\le ${vars[i]} \\le ${es[i]}$`).join(', ')}.`],
      eq: `${es.map((e) => `(${e} + 1)`).join('')} = «V»`,
      redo: `${[...es]
        .reverse()
        .map((e) => e + 1)
        .join(' \\cdot ')} = «V»`,
      reason: L`that counts the divisors of $${F(N)}$, but the question is about $${F(N)}^2 = ${fact2}$, where every exponent is doubled.`,
      fixLines: [],
      fixEq: eq,
    };
  else {
    const ws = es.map((e) => Math.floor(e / 2));
    wrong = {
      value: ws.reduce((s, v) => s * v, 1),
      lines: [
        l0,
        'A square divisor needs positive even exponents.',
        `So the choices are ${es.map((e, i) => `$${ws[i]}$ for $${pw(ps[i], e)}$`).join(', ')}.`,
      ],
      eq: `${ws.join(' \\cdot ')} = «V»`,
      redo: `${[...ws].reverse().join(' \\times ')} = «V»`,
      reason:
        'exponent $0$ is even too (the divisor $1$ is a perfect square), so each prime $p^e$ allows $\\lfloor e/2 \\rfloor + 1$ exponents.',
      fixLines: [],
      fixEq: eq,
    };
  }
  // misfix: a faulty recheck of one exponent (stops dividing one step early)
  let misfix: Alt | null = null;
  for (let i = 0; i < ps.length && !misfix; i++) {
    if (es[i] < 2) continue;
    const e2 = es.map((e, k) => (k === i ? e - 1 : e));
    const v = fcount(variant, e2);
    if (v === ans) continue;
    const chain: number[] = [];
    for (let k = 1; k < es[i]; k++) chain.push(N / ps[i] ** k);
    const eqm =
      variant === 'N'
        ? `${e2.map((e) => `(${e} + 1)`).join('')} = «V»`
        : variant === 'N2'
          ? `${e2.map((e) => `(${2 * e} + 1)`).join('')} = «V»`
          : `${e2.map((e) => Math.floor(e / 2) + 1).join(' \\cdot ')} = «V»`;
    misfix = {
      value: v,
      reason: `let me recheck the power of ${ps[i]} in $${F(N)}$.`,
      lines: [
        `Dividing by ${ps[i]} repeatedly: $${[N, ...chain].map(F).join(' \\to ')}$, and then it stops, so the exponent of ${ps[i]} is only ${es[i] - 1}.`,
      ],
      eq: eqm,
    };
  }
  let check: Prob['check'];
  if (variant === 'sq') {
    const sets = es.map((e) => {
      const s: number[] = [];
      for (let k = 0; k <= e; k += 2) s.push(k);
      return s;
    });
    check = {
      method: 'listing the allowed exponents',
      lines: [`The exponent of ${ps.map((p, i) => `${p} must lie in $\\{${sets[i].join(', ')}\\}$`).join(', that of ')}.`],
      eq: `${sets.map((s) => s.length).join(' \\times ')} = «V»`,
    };
  } else {
    const mult = variant === 'N' ? 1 : 2;
    const first = mult * es[0] + 1;
    const restCount = es.slice(1).reduce((s, e) => s * (mult * e + 1), 1);
    const restFact = ps
      .slice(1)
      .map((p, i) => pw(p, mult * es[i + 1]))
      .join(' \\cdot ');
    check = {
      method: 'counting prime by prime',
      lines: [
        `For each of the ${first} choices of the power of ${ps[0]}, the cofactor can be any divisor of $${restFact}$, and there are ${restCount} of those.`,
      ],
      eq: L`${first} \cdot ${restCount} = «V»`,
    };
  }
  const nonDiv = [3, 7, 11, 13, 17].find((p) => N % p !== 0) ?? 19;
  return {
    task: 'divisor-count',
    query,
    answer: ans,
    goal: variant === 'sq' ? `the number of perfect-square divisors of $${F(N)}$` : `the number of positive divisors of ${NN}`,
    conds: ['every divisor uses only the primes of the factorization', 'the factorization must be exact'],
    hints: variant === 'N2' ? [`we need divisors of the square, not of $${F(N)}$`, 'exponents may be 0'] : ['exponents may be 0'],
    phrase: () =>
      variant === 'sq'
        ? r.pick([
            'there are $«V»$ perfect-square divisors',
            '«V» of the divisors are perfect squares',
            'the number of square divisors is $«V»$',
          ])
        : r.pick([
            `${NN} has $«V»$ positive divisors`,
            'the number of positive divisors is $«V»$',
            'there are «V» divisors',
            `the divisor count of ${NN} is «V»`,
          ]),
    right: { lines, eq, redo },
    wrong,
    misfix,
    check,
    tries: [
      `For example, ${nonDiv} does not divide $${F(N)}$.`,
      `For instance, $${pw(ps[0], 1)} \\cdot ${ps[1]} = ${ps[0] * ps[1]}$ is a divisor.`,
    ],
    subchecks: [`$${fact} = ${F(N)}$`, `$${ps[0]}^{${es[0]}} = ${ps[0] ** es[0]}$`],
    recap: `Factor $${F(N)} = ${fact}$ and count exponent choices prime by prime.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Task 6: sum of divisors

function divSum(x: Ctx): Prob {
  const r = x.r;
  const PR = [2, 3, 5, 7, 11];
  let ps: number[] = [],
    es: number[] = [],
    M = 0,
    sig = 0,
    ans = 0;
  let proper = false;
  let divs: number[] = [];
  for (;;) {
    proper = r.chance(0.4);
    const k = r.chance(0.3) ? 3 : 2;
    const idx = new Set<number>();
    while (idx.size < k) idx.add(r.int(0, PR.length - 1));
    ps = [...idx].sort((u, v) => u - v).map((i) => PR[i]);
    es = ps.map((p) => r.int(1, p === 2 ? 4 : 2));
    M = ps.reduce((s, p, i) => s * p ** es[i], 1);
    divs = [];
    for (let d = 1; d <= M; d++) if (M % d === 0) divs.push(d);
    if (M < 12 || divs.length < 4 || divs.length > 16) continue;
    sig = sum(divs);
    ans = proper ? sig - M : sig;
    if (ans < 10 || ans > 999 || ans === M) continue;
    break;
  }
  const pw = (p: number, e: number) => (e === 1 ? `${p}` : `${p}^{${e}}`);
  const fact = ps.map((p, i) => pw(p, es[i])).join(' \\cdot ');
  const geo = (p: number, e: number) => {
    const t: number[] = [];
    for (let k = 0; k <= e; k++) t.push(p ** k);
    return t;
  };
  const gs = ps.map((p, i) => geo(p, es[i]));
  const gsum = gs.map(sum);
  const l0 = r.chance(0.5) ? L`Factor: $${M} = ${fact}$.` : inter(x, L`$${M} = ${fact}$`);
  const l1 = L`Since $\sigma$ is multiplicative, \[\sigma(${M}) = ${gs.map((g) => `(${g.join(' + ')})`).join('')}.\]`;
  const lines = [l0, l1];
  if (r.chance(0.5)) lines.push(inter(x, `the factors are ${gsum.map((v) => `$${v}$`).join(' and ')}`));
  let eq: Eq, redo: Eq;
  if (proper) {
    lines.push(inter(x, L`$\sigma(${M}) = ${gsum.join(' \\cdot ')} = ${sig}$`));
    lines.push(`The proper divisors exclude ${M} itself.`);
    eq = `${sig} - ${M} = «V»`;
    redo = L`${[...gsum].reverse().join(' \\times ')} - ${M} = «V»`;
  } else {
    eq = `${gsum.join(' \\cdot ')} = «V»`;
    redo = `${[...gsum].reverse().join(' \\times ')} = «V»`;
  }
  let wrong: Prob['wrong'];
  if (proper)
    wrong = {
      value: sig,
      lines: [l0, l1],
      eq: `${gsum.join(' \\cdot ')} = «V»`,
      redo: `${[...gsum].reverse().join(' \\times ')} = «V»`,
      reason: `the problem asks for the proper divisors, so ${M} itself has to be excluded.`,
      fixLines: [],
      fixEq: `${sig} - ${M} = «V»`,
    };
  else if (Math.max(...es) < 2) wrong = null;
  else {
    const i = es.indexOf(Math.max(...es));
    const gw = gs.map((g, k) => (k === i ? g.slice(0, -1) : g));
    const gwsum = gw.map(sum);
    const v = gwsum.reduce((s, t) => s * t, 1);
    wrong = {
      value: v,
      lines: [l0, L`Since $\sigma$ is multiplicative, \[\sigma(${M}) = ${gw.map((g) => `(${g.join(' + ')})`).join('')}.\]`],
      eq: `${gwsum.join(' \\cdot ')} = «V»`,
      redo: `${[...gwsum].reverse().join(' \\times ')} = «V»`,
      reason: `the factor for ${ps[i]} has to go all the way up to $${pw(ps[i], es[i])} = ${ps[i] ** es[i]}$; I stopped one term early.`,
      fixLines: [inter(x, `that factor is $${gs[i].join(' + ')} = ${gsum[i]}$`)],
      fixEq: eq,
    };
  }
  const listed = proper ? divs.slice(0, -1) : divs;
  const mid = listed.filter((d) => d !== 1 && d !== M);
  const drop = r.pick(mid);
  const misList = listed.filter((d) => d !== drop);
  const misfix: Alt = {
    value: sum(misList),
    reason: `let me list the ${proper ? 'proper ' : ''}divisors to be sure.`,
    lines: [`They are ${misList.join(', ')}.`],
    eq: `${misList.join(' + ')} = «V»`,
  };
  // check: list the divisors row by row (by the power of the first prime)
  const rest = M / ps[0] ** es[0];
  const restDivs = divs.filter((d) => rest % d === 0);
  const rows: string[] = [];
  const rowSums: number[] = [];
  for (let k = 0; k <= es[0]; k++) {
    const row = restDivs.map((d) => d * ps[0] ** k);
    rows.push(`$${row.join(' + ')} = ${sum(row)}$`);
    rowSums.push(sum(row));
  }
  const check: Prob['check'] = {
    method: 'listing all the divisors',
    lines: [`Grouping the divisors by the power of ${ps[0]}: ${rows.join(', ')}.`],
    eq: proper ? `${rowSums.join(' + ')} - ${M} = «V»` : `${rowSums.join(' + ')} = «V»`,
  };
  const nd = [4, 9, 25, 8, 27, 49, 7, 11, 13].find((d) => M % d !== 0) ?? 17;
  const someD = divs[Math.min(2, divs.length - 2)];
  return {
    task: 'divisor-sum',
    query: proper
      ? r.pick([
          `Find the sum of the proper positive divisors of $${M}$, that is, of its positive divisors less than $${M}$.`,
          `Find the sum of all positive divisors $d$ of $${M}$ with $d < ${M}$.`,
        ])
      : r.pick([
          `Find the sum of all positive divisors of $${M}$.`,
          `Find the sum of all positive integers $d$ such that $d$ divides $${M}$.`,
        ]),
    answer: ans,
    goal: proper ? `the sum of the proper divisors of ${M}` : `the sum of the positive divisors of ${M}`,
    conds: proper
      ? ['1 is a proper divisor', 'the divisor sum is multiplicative']
      : ['each prime-power factor starts at $p^0 = 1$', 'the divisor sum is multiplicative'],
    hints: proper
      ? [`${M} itself is excluded`]
      : ['1 and the number itself both count', 'every prime power up to the full exponent appears'],
    phrase: () =>
      proper
        ? r.pick(['the proper divisors sum to $«V»$', 'the sum of the proper divisors is «V»', 'the requested sum is $«V»$'])
        : r.pick([
            'the sum of the divisors is $«V»$',
            `the divisors of ${M} add up to «V»`,
            `$\\sigma(${M}) = «V»$`,
            'the requested sum is $«V»$',
          ]),
    right: { lines, eq, redo },
    wrong,
    misfix,
    check,
    tries: [L`For example, ${someD} divides ${M}, since $${M} = ${someD} \cdot ${M / someD}$.`, `Does ${nd} divide ${M}? No.`],
    subchecks: gs.map((g, i) => `$${g.join(' + ')} = ${gsum[i]}$`).concat([`$${fact} = ${M}$`]),
    recap: proper
      ? `Factor $${M} = ${fact}$, use the multiplicativity of $\\sigma$, and subtract ${M} itself.`
      : `Factor $${M} = ${fact}$ and use the multiplicativity of $\\sigma$.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Assembly

const TASKS = [lattice, inclExcl, digitSum, sumMod, divCount, divSum];

type Scn =
  | 'right'
  | 'rightConfirm'
  | 'rightEcho'
  | 'wrongFix'
  | 'wrongFixEcho'
  | 'wrongOnly'
  | 'rightMisfix'
  | 'wrongEcho'
  | 'truncNone'
  | 'truncAfter';

/** Reject problems where a value would appear, unlabelled, in the text that leads up to it. */
function valid(p: Prob): boolean {
  const ok = (texts: string[], v: number) => !texts.some((t) => mentions(t, v));
  if (mentions(p.query, p.answer)) return false;
  if (!ok(p.right.lines, p.answer) || !ok(p.check.lines, p.answer)) return false;
  if (p.wrong) {
    if (p.wrong.value === p.answer || mentions(p.query, p.wrong.value)) return false;
    if (!ok(p.wrong.lines, p.wrong.value) || !ok([p.wrong.reason, ...p.wrong.fixLines], p.answer)) return false;
  }
  if (p.misfix) {
    if (p.misfix.value === p.answer || mentions(p.query, p.misfix.value)) return false;
    if (!ok([p.misfix.reason, ...p.misfix.lines], p.misfix.value)) return false;
  }
  return true;
}

function makeProblem(x: Ctx): Prob {
  const gen = x.r.pick(TASKS);
  for (let i = 0; i < 200; i++) {
    const p = gen(x);
    if (valid(p)) return p;
  }
  throw new Error('could not generate a valid problem');
}

interface Built {
  body: string;
  cands: { value: string; offset: number }[];
  final: string | null;
  truncated: boolean;
}

function render(x: Ctx, p: Prob, scn: Scn, think: boolean): Built {
  const r = x.r;
  const b = new Body();
  const avoid = [p.answer, p.wrong?.value, p.misfix?.value].filter((v): v is number => v !== undefined);
  const safe = (s: string) => !avoid.some((v) => mentions(s, v));
  const P = () => p.phrase();

  const tag = r.chance(0.5) ? 0 : 1;
  if (think) b.s = ['<think>\n', '<|begin_of_thought|>\n\n'][tag];
  b.add(fill(r.pick(think ? OPEN_THINK : OPEN_SOL), { GOAL: p.goal }), undefined, '');

  const firstWrong = scn === 'wrongFix' || scn === 'wrongFixEcho' || scn === 'wrongOnly' || scn === 'wrongEcho';
  const work = firstWrong && p.wrong ? p.wrong : null;
  const lines = [...(work ? work.lines : p.right.lines)];
  // optional interjections inside the derivation (all before any answer)
  const extras: string[] = [];
  if (r.chance(0.45)) extras.push(r.pick(p.tries));
  const condPool = work ? p.conds : [...p.conds, ...p.hints];
  if (r.chance(0.55)) extras.push(fill(r.pick(MIDHMM), { COND: r.pick(condPool) }));
  if (p.subchecks.length && r.chance(0.3)) extras.push(fill(r.pick(SUBCHECK), { C: r.pick(p.subchecks) }));
  if (r.chance(0.2)) extras.push(fill(r.pick(MIDHMM), { COND: r.pick(condPool) }));
  for (const e of extras) {
    if (!safe(e)) continue;
    const at = r.int(0, lines.length);
    lines.splice(at, 0, e);
  }
  for (const l of lines) b.add(l, undefined, r.chance(0.25) ? '\n' : '\n\n');

  // restatements and confirmations never add candidates: strip the candidate Body.add records
  const noCand = (fn: () => void) => {
    const n = b.cands.length;
    fn();
    b.cands.length = n;
  };
  const conclude = (v: number, eq: Eq, pool: string[]) => {
    const t = fill(r.pick(pool), { P: P(), EQ: eq });
    b.add(t, String(v));
    if (!t.includes('boxed') && r.chance(0.55)) noCand(() => b.add(fill(r.pick(BOX), {}), String(v), r.chance(0.5) ? ' ' : '\n\n'));
    return String(v);
  };
  const restateBox = (v: number) => b.add(fill(r.pick(BOX), {}), String(v));
  const echo = (v: number, useCheck: boolean, redoEq: Eq) => {
    if (useCheck) {
      b.add(fill(r.pick(CHECK_INTRO), { M: p.check.method }));
      for (const l of p.check.lines) b.add(l, undefined, r.chance(0.5) ? '\n' : '\n\n');
      b.add(fill(r.pick(ECHO), { EQ: p.check.eq, P: P() }), String(v));
    } else {
      b.add(fill(r.pick(RECOMP_INTRO), {}));
      b.add(fill(r.pick(ECHO), { EQ: redoEq, P: P() }), String(v), r.chance(0.5) ? ' ' : '\n\n');
    }
    if (r.chance(0.45)) noCand(() => restateBox(v));
  };

  let final: string;
  let endsOnSubcheck = false;
  const A = p.answer;
  switch (scn) {
    case 'right':
    case 'truncNone':
      final = conclude(A, p.right.eq, CONCL);
      break;
    case 'rightConfirm': {
      final = conclude(A, p.right.eq, CONCL);
      const cands = b.cands.length;
      b.add(r.pick(CONFIRM));
      // a restatement without new work merges; it never follows a sub-step check (the guide
      // reads "sub-step check + restated answer" as a possible candidate), so it comes first
      if (r.chance(0.45)) restateBox(A);
      if (p.subchecks.length && r.chance(0.35)) {
        const sc = fill(r.pick(SUBCHECK), { C: r.pick(p.subchecks) });
        if (safe(sc)) {
          b.add(sc, undefined, ' ');
          endsOnSubcheck = true;
        }
      }
      b.cands.length = cands;
      break;
    }
    case 'rightEcho':
    case 'truncAfter':
      final = conclude(A, p.right.eq, CONCL);
      if (r.chance(0.3)) noCand(() => b.add(r.pick(CONFIRM), undefined, ' '));
      echo(A, r.chance(0.7), p.right.redo);
      break;
    case 'wrongFix':
    case 'wrongFixEcho': {
      const w = p.wrong!;
      conclude(w.value, w.eq, CONCL);
      b.add(withReason(r.pick(WAIT_FIX), w.reason));
      for (const l of w.fixLines) b.add(l, undefined, r.chance(0.5) ? '\n' : '\n\n');
      final = conclude(A, w.fixEq, FIXCONCL);
      if (scn === 'wrongFixEcho') echo(A, r.chance(0.75), p.right.redo);
      break;
    }
    case 'wrongOnly': {
      const w = p.wrong!;
      final = conclude(w.value, w.eq, CONCL);
      if (r.chance(0.4)) noCand(() => b.add(r.pick(CONFIRM)));
      break;
    }
    case 'wrongEcho': {
      const w = p.wrong!;
      conclude(w.value, w.eq, CONCL);
      echo(w.value, false, w.redo);
      final = String(w.value);
      break;
    }
    case 'rightMisfix': {
      const m = p.misfix!;
      conclude(A, p.right.eq, CONCL);
      b.add(withReason(r.pick(MISFIX_INTRO), m.reason));
      for (const l of m.lines) b.add(l, undefined, r.chance(0.5) ? '\n' : '\n\n');
      final = conclude(m.value, m.eq, FIXCONCL);
      break;
    }
  }

  if (think) {
    if (r.chance(0.15)) b.add(r.pick(FORMAT_TALK));
    if (!endsOnSubcheck && r.chance(0.3)) noCand(() => b.add(r.pick(DRAFT), final));
    b.s += ['\n</think>\n\n', '\n\n<|end_of_thought|>\n\n'][tag];
    const sum = fill(r.pick(SUMMARY), { S: p.recap }).split('«V»').join(final);
    b.s += sum;
  }
  return { body: b.s, cands: b.cands, final, truncated: false };
}

function truncate(r: Rng, built: Built, keep: number): Built | null {
  const body = built.body;
  const cands = built.cands;
  const lo = keep === 0 ? Math.floor(cands[0].offset * 0.35) : cands[keep - 1].offset + cands[keep - 1].value.length + 10;
  const hi = keep === 0 ? cands[0].offset - 25 : cands[keep].offset - 20;
  const spots: number[] = [];
  for (let i = Math.max(lo, 1); i < hi; i++) if (body[i] === ' ' && /[a-z]/i.test(body[i - 1])) spots.push(i);
  if (!spots.length) return null;
  const cut = r.pick(spots);
  return { body: body.slice(0, cut), cands: cands.slice(0, keep), final: null, truncated: true };
}

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  const out: PhrasingRecord[] = [];
  const salt = split === 'dev' ? 0x1d : 0x5b;
  for (let i = 0; i < count; i++) {
    const r = new Rng(mix(seed, i, salt));
    const x: Ctx = { r, big: r.int(0, 3) };
    const p = makeProblem(x);
    let scn = r.weighted<Scn>({
      right: 16,
      rightConfirm: 13,
      rightEcho: 17,
      wrongFix: 17,
      wrongFixEcho: 8,
      wrongOnly: 7,
      rightMisfix: 5,
      wrongEcho: 4,
      truncNone: 6,
      truncAfter: 5,
    });
    if (!p.wrong && (scn === 'wrongFix' || scn === 'wrongFixEcho' || scn === 'wrongOnly' || scn === 'wrongEcho')) scn = 'rightEcho';
    if (!p.misfix && scn === 'rightMisfix') scn = 'rightConfirm';
    const think = scn !== 'truncAfter' && scn !== 'truncNone' ? r.chance(0.22) : r.chance(0.3);
    let built = render(x, p, scn, think);
    if (scn === 'truncNone' || scn === 'truncAfter') {
      const t = truncate(r, built, scn === 'truncNone' ? 0 : 1);
      if (t) built = t;
    }
    const headers: Record<string, string> = { query: p.query, answer: String(p.answer), task: p.task };
    if (built.truncated) headers.truncated = 'true';
    out.push({ id: `${family}-${split}-${seed}-${i + 1}`, headers, body: built.body, candidates: built.cands, final: built.final });
  }
  return out;
}
