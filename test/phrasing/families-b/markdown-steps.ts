// Held-out phrasing family "markdown-steps": Markdown-formatted step-by-step answers (headings,
// lists, small tables, **bold** intermediate and final results, `> Note:` blockquotes, `---`
// rules, a Verification / Double-check section), some of them inside a thinking block followed
// by a Markdown summary. Labels follow docs/annotation-guide.md:
//   - the first statement of a value for the asked quantity in an attempt is the candidate;
//     restatements of it with no new work in between (bold total, "Final Answer" line) merge;
//   - a check that recomputes the asked quantity by another route is a new candidate (echo or
//     correction); a check that only plugs back / estimates / confirms a sub-step is not, and it
//     never restates the answer value;
//   - intermediate results (partial products, subtotals, the total when the change is asked,
//     x when an expression in x is asked), numbers quoted from the question and tried values are
//     never candidates;
//   - thinking blocks: candidates inside the block only, the summary's answer is `final`.
import type { PhrasingCandidate, PhrasingRecord, PhrasingSplit } from '../families/types.js';

export const family = 'markdown-steps';

// ---------------------------------------------------------------------------------------------
// PRNG

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Body builder

class Doc {
  s = '';
  cands: PhrasingCandidate[] = [];
  t(x: string): void {
    this.s += x;
  }
  para(x: string): void {
    this.s += x + '\n\n';
  }
  /** Writes `tpl` with its single `@@` replaced by `value`, labelled as a candidate. */
  cand(tpl: string, value: string): void {
    const i = tpl.indexOf('@@');
    if (i < 0 || tpl.indexOf('@@', i + 1) >= 0) throw new Error(`bad candidate template: ${tpl}`);
    this.s += tpl.slice(0, i);
    this.cands.push({ value, offset: this.s.length });
    this.s += value + tpl.slice(i + 2);
  }
  /** Writes `tpl` with `@@` replaced by `value`, NOT labelled (a restatement). */
  restate(tpl: string, value: string): void {
    this.s += tpl.replace('@@', value);
  }
}

function fill(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(/\{(\$|[A-Za-z]+)\}/g, (m, k: string) => {
    const v = vars[k];
    if (v === undefined) throw new Error(`missing ${k} in ${tpl}`);
    return v;
  });
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// Sentence templates

const OPEN = [
  '## Solution\n\nWe need to {intro}.',
  "Let's {intro} step by step.",
  '## Step-by-Step Solution\n\nGoal: {intro}.',
  "To {intro}, I'll break the problem into small steps.",
  '**Goal:** {intro}.',
  '## Approach\n\nWe want to {intro}. Let me organize the work below.',
  "Sure! Let's {intro}.",
  "I'll {intro} carefully, showing each step.",
  '# Solution\n\nThe task is to {intro}.',
  "Here's how to {intro}:",
  'Let me work through this. We need to {intro}.',
  "## Understanding the Problem\n\nWe're asked to {intro}.",
  "Okay, let's {intro}.",
  '**Task:** {intro}.\n\n**Plan:** work it out in steps, then verify.',
  "Great question! Let's {intro}.",
  'Breaking this down, we need to {intro}.',
  '## Working\n\nTo {intro}, follow these steps.',
  "Let's carefully {intro}.",
  "I'll solve this in a few clear steps. The goal: {intro}.",
  "## Solution Outline\n\nWe'll {intro} in stages.",
  'Alright, the question asks us to {intro}.',
  "Let's tackle this systematically and {intro}.",
  "Step by step, let's {intro}.",
  '### Setting up\n\nWe need to {intro}.',
  'First, let me restate the goal: {intro}.',
  "## Let's Solve It\n\nWe have to {intro}.",
  '## Solution\n\n**Objective:** {intro}.',
];

const THINK_OPEN = [
  'Okay, so I need to {intro}.',
  'Alright, the problem wants me to {intro}.',
  'Let me think. I have to {intro}.',
  'So the task: {intro}. Let me do it carefully.',
  "Hmm, okay. I'm asked to {intro}.",
  "Let's see. I need to {intro}.",
  'First, understand what is asked: {intro}.',
  "Okay, let me {intro}. I'll go step by step.",
  'The question asks me to {intro}.',
  'Right, I need to {intro}. Nothing tricky, just careful arithmetic.',
  'So I have to {intro}. Let me write things out.',
  'Let me start. The goal is to {intro}.',
  'Okay. Goal: {intro}.',
  "I'll {intro}. Let me lay out the pieces first.",
  'Alright, I want to {intro}.',
  "Let me parse this: I'm supposed to {intro}.",
  'The problem: {intro}. Let me work it out.',
  "Fine, so I need to {intro}. I'll be careful.",
  'Let me get started: {intro}.',
  'Okay, so basically I need to {intro}.',
  'Hmm, so the job is to {intro}.',
  'I need to {intro}; let me structure it.',
  'Let me carefully {intro}.',
  "Okay, here's the problem: {intro}.",
  'So: {intro}. Step by step.',
];

const HEADFMT = [
  '### Step {n}: {t}',
  '**Step {n}: {t}**',
  '#### Step {n} — {t}',
  '### {n}. {t}',
  '**{n}. {t}**',
  '## Step {n}: {t}',
  '### {t}',
  '**{t}**',
  'Step {n}: {t}',
  '#### {t}',
  '### Step {n} - {t}',
  '**Step {n}** — {t}',
];

const THINK_HEAD = ['First, {t}.', 'Now, {t}.', 'Next: {t}.', 'Then {t}.', 'Okay, {t}.', 'So, {t}.', 'Let me {t}.'];

const HES = [
  'Hmm, let me be careful with the place values here.',
  'Wait, I should line things up properly before adding.',
  'Hmm, let me make sure I copied the numbers correctly from the question.',
  "Wait — before going on, let me double-check that I haven't skipped anything.",
  "Hmm, this step is easy to get wrong, so I'll go slowly.",
  'Wait, which step comes first here? Let me keep the order straight.',
  'Hmm, let me keep track of the carries.',
  "Actually, it's cleaner to write each piece on its own line.",
  'Hmm, okay. Let me organize this.',
  'Wait, let me re-read the question to be sure what is being asked.',
  "Hmm, I'll keep the units in mind as I go.",
  'Let me pause and make sure the setup is right before going further.',
  'Hmm — let me not rush this part.',
  "Wait, I want to be sure I'm using every number from the problem.",
  "Hmm, let me write the intermediate values down so I don't lose them.",
  'Okay, wait, let me recount the pieces.',
  'Hmm, should I combine these first? Yes, that is simpler.',
  'Wait, let me be careful with the operations here.',
  'Hmm, let me think about how best to group these.',
  'Actually, let me lay the numbers out neatly first.',
  'Hmm, let me slow down here.',
  'Wait, I should keep the intermediate results separate.',
  "Hmm, the numbers are a bit big, so I'll do it in pieces.",
  'Let me think... yes, this approach works.',
  'Hmm, one moment, let me make sure nothing is missing.',
  'Wait, let me double-check the setup before computing.',
  "Hmm, let me keep the work tidy so it's easy to verify later.",
];

const INTER = [
  'So the {what} is {v}.',
  'That gives {v} for the {what}.',
  '**{What}: {v}**',
  'So far, the {what} comes to {v}.',
  'Therefore the {what} is **{v}**.',
  '→ {What} = {v}',
  'This means the {what} is {v}.',
  'So the first part is done: the {what} is {v}.',
  'Good, the {what} is {v}.',
  'We now know the {what}: {v}.',
  'Result of this step: **{v}** (the {what}).',
  '> The {what} is {v}.',
  'Hence the {what} equals {v}.',
  'That makes the {what} {v}.',
  'So, the {what} = {v}.',
  '**{What} = {v}**',
  'Thus we get {v} as the {what}.',
  'Conclusion of this step: the {what} is {v}.',
  'OK, so the {what} is {v}.',
  'Which gives {v} as the {what}.',
  'Putting that together, the {what} is {v}.',
  'Now we have the {what}: **{v}**.',
  'So the {what} works out to {v}.',
  'The {what} is therefore {v}.',
  'Great, the {what} is {v}.',
  'Noting down: {what} = {v}.',
];

const CONC = [
  'So {ask} is **{$}@@**.',
  'Therefore, {eq} = {$}@@.',
  '**{Ask}: {$}@@**',
  '**{eq} = {$}@@**',
  'That means {ask} is {$}@@.',
  'Thus, {ask} equals {$}@@.',
  'So we get {eq} = **{$}@@**.',
  'Hence {ask} is {$}@@.',
  '**Result:** {eq} = {$}@@',
  'Putting it all together, {ask} is **{$}@@**.',
  'This gives {ask} = {$}@@.',
  'So, answering the question: {ask} is {$}@@.',
  'Therefore {ask} comes to **{$}@@**.',
  '✅ {Ask}: **{$}@@**',
  'So, {ask} = {$}@@.',
  'We conclude that {ask} is {$}@@.',
  'Which means {ask} is {$}@@.',
  'And so {eq} = {$}@@.',
  'That makes {ask} {$}@@.',
  'So finally, {ask} is {$}@@.',
  '**{Ask} = {$}@@**',
  'The result: {ask} is **{$}@@**.',
  'Therefore, **{eq} = {$}@@**.',
  'So {ask} works out to {$}@@.',
  'This shows {ask} is {$}@@.',
  'Final result of the computation: {eq} = {$}@@.',
];

const FINAL = [
  '**Final Answer:** {$}@@',
  '**Answer:** {$}@@',
  '**Final Answer: {eq} = {$}@@**',
  '### Final Answer\n\n**{$}@@**',
  '## Answer\n\n{eq} = **{$}@@**',
  '$$\\boxed{@@}$$',
  '**Answer: {eq} = {$}@@**',
  'The final answer is **{$}@@**.',
  '> **Final Answer:** {$}@@',
  '**✅ Final Answer: {$}@@**',
  '### ✅ Answer: {$}@@',
  'So the final answer is {$}@@.',
  '**The answer is {$}@@.**',
  '---\n\n**Final Answer:** **{$}@@**',
  'Final answer: **{$}@@**',
  '**Final result:** {eq} = {$}@@',
  '## Final Answer\n\n$$\\boxed{@@}$$',
  '**Therefore, the answer is {$}@@.**',
  '### Answer\n\n{$}@@',
  '| Quantity | Value |\n|---|---|\n| {eq} | **{$}@@** |',
  '**Final Answer**: {eq} = **{$}@@**',
  '➡ **Answer: {$}@@**',
  'The answer: **{eq} = {$}@@**',
  '**Final Answer:** $\\boxed{@@}$',
  '#### Final Answer: {$}@@',
  '**Answer → {$}@@**',
];

const TRANS_CHECK = [
  '### Verification\n\nLet me verify with a different method.',
  "### Double-check\n\nI'll recompute it another way.",
  '---\n\n### Verification',
  'Let me double-check this using another approach.',
  '## Check\n\nRecomputing from scratch with a different breakdown:',
  'Alternatively, we can compute it a different way to confirm.',
  '### Let me double-check',
  'Hmm, let me verify that before finalizing.',
  '**Verification (alternative method):**',
  'To be safe, let me redo the calculation differently.',
  '### Sanity check\n\nA second method should give the same number.',
  'Let me check the result by working it out another way.',
  '#### Double-checking',
  '---\n\n### Double-check with another method',
  'Actually, let me confirm this independently.',
  '### Cross-check',
  'Let me make sure by computing it again, differently.',
  '**Double-check:**',
  "### Verification Step\n\nI'll redo the work using a different route.",
  'Before I finalize, a quick independent recomputation:',
  'Let me verify by an alternative route.',
  '## Verifying the Result',
  "I'll double-check by computing it a second way.",
  '### Checking My Work',
  'Wait, let me re-verify this with another method.',
  '**Check by a second method:**',
];

/** Leads of checks that do NOT recompute the asked quantity (plug back, estimate). */
const CHECK_LEAD = [
  'Quick check:',
  'Sanity check:',
  '> Check:',
  '**Check:**',
  '### Quick check\n\n',
  'Let me sanity-check that:',
  'A quick plausibility check:',
  '**Sanity check:**',
  'Checking quickly:',
  '> Quick check:',
  'Just to be safe:',
  '### Sanity Check\n\n',
  'Does it make sense?',
  'Let me verify quickly:',
  'Plausibility:',
  '**Quick verification:**',
  'Spot check:',
  'One quick test:',
  '#### Check\n\n',
  'Reasonableness check:',
  'A fast consistency check:',
  '**Does it hold up?**',
  'Quick test:',
  'Verifying quickly:',
  '> Sanity check:',
];

const CONF_ANY = [
  "Yes, that's right.",
  'That checks out.',
  'Looks correct.',
  'Everything is consistent.',
  'Confirmed ✓',
  'All good.',
  'Yes, that makes sense.',
  'That seems right.',
  '✔ Confirmed.',
  'Good — no problems there.',
  'That lines up.',
  'Yes, consistent.',
  'Good.',
  'That holds.',
  'Yep, that works.',
  'Fine, nothing off.',
  'OK, that is consistent.',
  'Right, that is correct.',
  'That looks good.',
  'Great, it checks out.',
  'So that is fine.',
  'Nothing wrong there.',
  'Makes sense.',
  'Good, that is solid.',
  "I'm confident in this.",
  'Yes, correct.',
];

const CONF_AGREE = [
  '✓ Both methods agree.',
  'Good, that matches.',
  'Great — consistent with the first result.',
  'The two results agree, so I am confident.',
  'Same result, good.',
  'Yes, it matches.',
  'Perfect, the answers agree.',
  'That confirms it.',
  'Both approaches give the same value ✓',
  'OK, consistent with the first calculation.',
  'Matches the earlier result.',
  'Nice, that is the same.',
  'The numbers agree.',
  'Agrees with the first computation ✓',
];

const MISMATCH = [
  'Hmm, that does not match the {$}{prev} I got above.',
  "Wait — that's different from my first result ({$}{prev}).",
  "That disagrees with {$}{prev}. Something's off.",
  'Hmm. The first method gave {$}{prev}, so one of them is wrong.',
  'These do not agree: earlier I had {$}{prev}.',
  "Wait, this isn't {$}{prev}. Let me find the error.",
  'Uh-oh, the two results differ (earlier: {$}{prev}).',
  'Hmm, a mismatch with {$}{prev}. I need to look back.',
  "That's not what I got before ({$}{prev}).",
  '❗ Mismatch: the first computation gave {$}{prev}.',
  "Hold on — {$}{prev} and this result can't both be right.",
  'Hmm, inconsistent with the earlier {$}{prev}.',
  '> ⚠ This differs from the earlier answer of {$}{prev}.',
  "Wait, that's a different number than {$}{prev}.",
  'So the check does not confirm {$}{prev}.',
  "Hmm, that's off from my earlier {$}{prev}.",
  "Interesting — the earlier answer was {$}{prev}, so there's a discrepancy.",
  'Wait. Earlier I wrote {$}{prev}. These should match.',
  'The check disagrees with {$}{prev}.',
  'That contradicts the {$}{prev} from before.',
  'Hmm, not the same as {$}{prev}. Let me look for the slip.',
  'The results differ ({$}{prev} vs. this one).',
  "Oops — this doesn't agree with {$}{prev}.",
  "Wait, there's a discrepancy with {$}{prev}.",
  'Hmm, so which is right? The first pass said {$}{prev}.',
];

const LOCATE = [
  'I see the mistake: {fix}.',
  'Found it — {fix}.',
  'The slip was here: {fix}.',
  'Looking back, {fix}.',
  'The error: {fix}.',
  'Ah, {fix}.',
  'Going back through the steps: {fix}.',
  '**Error found:** {fix}.',
  '> Correction: {fix}.',
  'My earlier step was wrong: {fix}.',
  'Checking each step again, {fix}.',
  'There it is: {fix}.',
  'Re-examining the work, {fix}.',
  'I made an arithmetic error: {fix}.',
  'The problem was a careless slip: {fix}.',
  'Let me trace it — {fix}.',
  'Oh, I see: {fix}.',
  'Right, {fix}.',
  'Actually, {fix}.',
  'On closer inspection, {fix}.',
  '❌ Mistake: {fix}.',
  'So the culprit is this step: {fix}.',
  'Rechecking the first solution, {fix}.',
  'Hmm, yes: {fix}.',
  "Here's what went wrong: {fix}.",
];

const REDO = [
  'Redoing the final step:',
  'With the corrected value:',
  'Fixing that:',
  'Recomputing with the right number:',
  'So the corrected calculation is:',
  'Let me redo it:',
  'Correcting the work:',
  'Now recompute:',
  'Updated calculation:',
  'Using the correct value instead:',
  'Let me fix the computation:',
  'Redo:',
  'Corrected:',
  'Here is the corrected calculation:',
  'Putting the right value back in:',
  'So, recomputing:',
  'Carrying the fix through:',
  'Starting again from that step:',
  'The corrected version:',
  'Recalculating properly:',
  'With that fixed:',
  'Let me recompute from there:',
  'Now the numbers work out as follows:',
  'Fixed calculation:',
  'Trying again with the correct value:',
];

const CORR = [
  '**Corrected Final Answer:** {$}@@',
  'So the correct answer is **{$}@@**.',
  '**Final Answer (corrected):** {$}@@',
  'Therefore the right answer is {$}@@, not {$}{prev}.',
  '### Corrected Answer\n\n**{$}@@**',
  '**Answer: {eq} = {$}@@**',
  '✅ **Corrected: {eq} = {$}@@**',
  'So the final answer should be {$}@@.',
  '**Final Answer:** {$}@@ (corrected from {$}{prev})',
  'The corrected result is **{$}@@**.',
  '## Final Answer\n\n{eq} = **{$}@@**',
  '**Updated Final Answer:** {$}@@',
  'So the answer is actually {$}@@.',
  '> **Correct answer:** {$}@@',
  'After fixing the error: **{$}@@**.',
  '**Final Answer:** {$}@@',
  'Therefore, {eq} = **{$}@@** (I had made a slip earlier).',
  'Final (corrected) answer: {$}@@',
  '**Answer: {$}@@**',
  '### ✅ Final Answer: {$}@@',
  "So it's {$}@@, not {$}{prev}.",
  'The right value is {$}@@.',
  '**Revised Answer:** {$}@@',
  'Final answer after correction: **{$}@@**',
  '$$\\boxed{@@}$$',
];

const WAITFIX = [
  'Wait — let me double-check the {slip}.',
  'Hmm, wait. Something looks off with the {slip}.',
  'Wait, actually, let me re-check one step.',
  'Hmm, hold on.',
  'Actually, wait. Let me look at that again.',
  'Wait a second — I think I slipped somewhere.',
  'Hmm, that seems slightly off. Let me re-check.',
  'Hold on, let me recheck the {slip}.',
  'Wait, let me verify the {slip} before moving on.',
  'Actually — hmm — one of those numbers looks wrong.',
  'Wait. Let me recompute the {slip}.',
  'Hmm, let me look at the {slip} once more.',
  'Actually, let me go back over that.',
  "Wait, I don't trust the {slip}.",
  "Hmm, I think there's an arithmetic slip.",
  "Hold on — that doesn't look right.",
  'Wait, I rushed that step.',
  'Hmm... let me re-examine the {slip}.',
  'Actually, let me redo that part more carefully.',
  "Wait, that can't be quite right.",
  'Hmm, let me verify that step.',
  'Wait — I should double-check before finalizing.',
  'Actually, I want to re-verify the {slip}.',
  "Hmm, something's not right here.",
  'Wait, let me re-read my arithmetic.',
];

const FLIP_TRUST = [
  "I'll trust the more careful second computation.",
  'The second method is more careful, so I will go with it.',
  "I think the first pass had a slip, so I'll use the new value.",
  'Going with the recomputed value.',
  'The recheck is more reliable here.',
  "So I'll revise my answer.",
  "I'll update the answer accordingly.",
  'Let me go with the second result.',
  'The first computation must have had an error.',
  "I'll take the verified value.",
  'On balance, the second calculation looks right.',
  'So the earlier answer was probably wrong.',
  "I'll correct the answer to match the check.",
  'That means my first answer needs revising.',
  "I'll go with the double-checked number.",
  'The check wins, I think.',
  'Revising based on the check.',
  'I must have slipped in the first method.',
  "So I'll switch to the new result.",
  'Let me correct the final answer.',
  'The second approach is cleaner, so I trust it more.',
  'Updating my answer.',
  'The verification result should be the right one.',
  "I'll go with this instead.",
  "Okay, so I'll change my answer.",
];

const NOTES = [
  '> Note: the question asks for {ask}, not the intermediate values.',
  "> **Note:** I'll keep intermediate results in bold so they're easy to find.",
  '> Note: keep units consistent throughout.',
  '> Tip: writing each step on its own line reduces arithmetic slips.',
  '> Note: all numbers below come straight from the problem statement.',
  "> Note: we'll verify the result at the end.",
  "> **Remember:** {ask} is what we're after.",
  "> Note: it's easy to drop a carry here, so go slowly.",
  '> Note: the order of the steps matters.',
  '> Note: the intermediate results are not the final answer.',
  "> Note: I'll double-check with a second method afterwards.",
  '> Tip: get a rough idea first, then compute exactly.',
  '> Note: no rounding is needed anywhere.',
  '> Note: each line below is a separate sub-calculation.',
  '> Heads-up: the next step is where mistakes usually happen.',
  "> Note: nothing here is tricky, it's just careful arithmetic.",
  '> Note: we only need {ask}; everything else is scaffolding.',
  "> Note: I'm writing the numbers with the same formatting throughout.",
  '> Note: laying the pieces out keeps them organized.',
  '> Note: the last step combines all the pieces.',
  '> Note: we never need to approximate here.',
  '> Reminder: re-read the question before answering.',
  '> Note: partial results are shown for transparency.',
  '> Note: checking at the end costs little and catches slips.',
  "> Note: I'll state the final answer clearly at the bottom.",
];

const SUMMARY_INTRO = [
  '## Solution',
  '**Solution**',
  '## Step-by-Step Solution',
  "Here's the solution:",
  '### Summary',
  '## Answer',
  'Let me present the solution clearly.',
  '**Summary of the work:**',
  '## Worked Solution',
  'Here is a clean write-up:',
  '### Solution',
  '## Final Solution',
  'Putting it together:',
  '**Write-up:**',
  '## Explanation',
  '### Steps',
  "Here's how it works out:",
  '## Clean Solution',
  '**Answer summary**',
  '### Concise Solution',
  'Solution:',
  '## Result',
  "Here's the full solution:",
  '### Explanation',
  '## Solution Summary',
];

const GENERIC_RECAP = [
  '- Worked out the intermediate values step by step.\n- Combined them to get {ask}.',
  'I computed the pieces, combined them, and checked the result.',
  '- Set up the calculation.\n- Carried it out carefully.\n- Re-checked the final step.',
  'Following the steps above gives {ask}.',
  '1. Compute the intermediate values.\n2. Combine them into {ask}.',
];

// ---------------------------------------------------------------------------------------------
// Tasks

interface Ctx {
  r: Rng;
  d: Doc;
  think: boolean;
  commas: boolean;
  mul: string;
  headFmt: string;
  step: number;
}

interface Task {
  task: string;
  query: string;
  answer: string; // plain ground truth
  intro: string;
  ask: string;
  Ask: string;
  eq: string;
  pre: string; // "$" for money
  right: string;
  wrong: string; // first-attempt slip result
  wrong2: string; // result of a slipped recheck
  slip: string; // noun for the slipped part ("partial products")
  solve(c: Ctx, wrong: boolean): void; // ends on a candidate
  recheck(c: Ctx, slip: boolean): void; // another method; ends on a candidate
  locate(c: Ctx): void; // explains the first-attempt slip (no answer value)
  redo(c: Ctx): void; // corrected recomputation; ends on a candidate
  verify(c: Ctx, wrong: boolean): boolean; // non-recomputing check; false when none fits
  plugFail?(c: Ctx): void; // a plug-back check that exposes the slip (no answer value)
  recap(): string; // summary lines for after a thinking block (no answer value)
}

function fmtInt(n: number, commas: boolean): string {
  const neg = n < 0;
  const s = String(Math.abs(n));
  const body = commas && s.length > 3 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s;
  return (neg ? '-' : '') + body;
}

function fmtDec(x: number): string {
  const s = (Math.round(x * 100) / 100).toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function heading(c: Ctx, title: string): void {
  c.step++;
  if (c.think)
    c.d.para(fill(c.step === 1 ? THINK_HEAD[0] : c.r.pick(THINK_HEAD.slice(1)), { t: title.charAt(0).toLowerCase() + title.slice(1) }));
  else c.d.para(fill(c.headFmt, { n: String(c.step), t: title }));
}

function maybeHes(c: Ctx, p: number): void {
  if (c.r.chance(p)) c.d.para(c.r.pick(HES));
}

function inter(c: Ctx, what: string, v: string): void {
  c.d.para(fill(c.r.pick(INTER), { what, What: cap(what), v }));
}

function vars(t: Task, extra: Record<string, string> = {}): Record<string, string> {
  return { ask: t.ask, Ask: t.Ask, eq: t.eq, $: t.pre, ...extra };
}

/** Ends a computation on a candidate: either in the computation line itself or in a conclusion. */
function endOn(c: Ctx, t: Task, comp: string, value: string, leads: readonly string[]): void {
  if (c.r.chance(0.55)) c.d.cand(`${comp} = ${t.pre}@@\n\n`, value);
  else {
    c.d.para(`${c.r.pick(leads)} ${comp}.`);
    c.d.cand(fill(c.r.pick(CONC), vars(t)) + '\n\n', value);
  }
}

const SUM_LEADS = ['Now add:', 'Adding these:', 'Summing up:', 'Combine them:', 'Add the pieces:', 'Putting them together:'];

// ---- multiplication ---------------------------------------------------------------------------

function placeParts(b: number): number[] {
  const s = String(b);
  const parts: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    if (d) parts.push(d * 10 ** (s.length - 1 - i));
  }
  return parts;
}

function mkMult(r: Rng, c: Ctx): Task {
  let a = 0;
  let b = 0;
  let parts: number[] = [];
  do {
    const ad = r.pick([2, 3, 3, 3, 4, 4]);
    const bd = ad === 2 ? r.pick([2, 3]) : r.pick([2, 2, 3]);
    a = r.int(10 ** (ad - 1) + 1, 10 ** ad - 1);
    b = r.int(10 ** (bd - 1) + 1, 10 ** bd - 1);
    parts = placeParts(b);
  } while (parts.length < 2 || a % 10 === 0);
  const F = (n: number) => fmtInt(n, c.commas);
  const m = c.mul;
  const P = parts.map((p) => a * p);
  const prod = a * b;
  // first-attempt slip: a dropped/extra carry in one partial product
  const j = r.int(0, P.length - 1);
  let delta = r.pick([10, -10, 100, -100]);
  if (P[j] + delta <= 0 || Math.abs(delta) * 2 > P[j]) delta = Math.abs(delta);
  const Pw = P.slice();
  Pw[j] += delta;
  // second method
  const lead = Number(String(a)[0]) * 10 ** (String(a).length - 1);
  const aL = a - lead;
  const method = b % 10 !== 0 && r.chance(0.5) ? 'round' : 'splitA';
  const bU = b + (10 - (b % 10));
  const lastSub = method === 'splitA' ? aL * b : a * (bU - b); // the sub-product a slipped recheck gets wrong
  const okD2 = [10, -10, 100, 1000, -100].filter((x) => (method === 'splitA' ? lastSub + x > 0 : lastSub - x > 0) && prod + x > 0);
  const delta2 = okD2.length ? r.pick(okD2) : 10;
  const t: Task = {
    task: `${String(a).length}x${String(b).length}`,
    query: r.pick([
      `What is ${a} × ${b}?`,
      `Compute ${a} × ${b}.`,
      `Calculate the product of ${a} and ${b}.`,
      `Find ${a} * ${b}.`,
      `Multiply ${a} by ${b}.`,
    ]),
    answer: String(prod),
    intro: r.pick([`compute ${a} ${m} ${b}`, `find the product of ${a} and ${b}`, `multiply ${a} by ${b}`, `calculate ${a} ${m} ${b}`]),
    ask: 'the product',
    Ask: 'Product',
    eq: `${a} ${m} ${b}`,
    pre: '',
    right: F(prod),
    wrong: F(prod + delta),
    wrong2: F(prod + delta2),
    slip: 'partial products',
    solve(c, wrong) {
      const Q = wrong ? Pw : P;
      heading(c, r.pick([`Break ${b} into place values`, `Split ${b}`, `Decompose ${b}`, `Write ${b} as a sum`]));
      c.d.para(`${b} = ${parts.join(' + ')}`);
      maybeHes(c, 0.25);
      heading(c, r.pick([`Multiply ${a} by each part`, 'Partial products', `Multiply each piece by ${a}`, 'Compute the partial products']));
      if (r.chance(0.5)) {
        c.d.para(parts.map((p, i) => `- ${a} ${m} ${p} = ${F(Q[i])}`).join('\n'));
      } else {
        c.d.para(
          [
            r.pick(['| Part | Product |', '| Multiplication | Result |', '| Piece | Partial product |']),
            '|---|---:|',
            ...parts.map((p, i) => `| ${a} ${m} ${p} | ${F(Q[i])} |`),
          ].join('\n'),
        );
      }
      if (r.chance(0.4)) inter(c, 'first partial product', F(Q[0]));
      maybeHes(c, 0.2);
      heading(c, r.pick(['Add the partial products', 'Sum the pieces', 'Combine', 'Add everything up']));
      endOn(c, t, Q.map(F).join(' + '), wrong ? t.wrong : t.right, SUM_LEADS);
    },
    recheck(c, slip) {
      if (method === 'splitA') {
        const q0 = lead * b;
        const q1 = aL * b + (slip ? delta2 : 0);
        c.d.para(`Split ${a} instead: ${a} = ${lead} + ${aL}.`);
        c.d.para(`- ${lead} ${m} ${b} = ${F(q0)}\n- ${aL} ${m} ${b} = ${F(q1)}`);
        c.d.cand(`${F(q0)} + ${F(q1)} = @@\n\n`, slip ? t.wrong2 : t.right);
      } else {
        const x = a * bU;
        const y = a * (bU - b) - (slip ? delta2 : 0);
        c.d.para(`Round ${b} up to ${bU}: ${a} ${m} ${b} = ${a} ${m} ${bU} − ${a} ${m} ${bU - b}.`);
        c.d.para(`- ${a} ${m} ${bU} = ${F(x)}\n- ${a} ${m} ${bU - b} = ${F(y)}`);
        c.d.cand(`${F(x)} − ${F(y)} = @@\n\n`, slip ? t.wrong2 : t.right);
      }
    },
    locate(c) {
      c.d.para(fill(r.pick(LOCATE), { fix: `${a} ${m} ${parts[j]} = ${F(P[j])}, not ${F(Pw[j])}` }));
    },
    redo(c) {
      c.d.para(r.pick(REDO));
      c.d.cand(`${P.map(F).join(' + ')} = @@\n\n`, t.right);
    },
    verify(c) {
      if (r.chance(0.5)) {
        const ld = ((a % 10) * (b % 10)) % 10;
        c.d.para(`${r.pick(CHECK_LEAD)} the last digit of ${a % 10} ${m} ${b % 10} is ${ld}, and the result ends in ${ld} ✓`);
      } else {
        const ar = Math.round(a / 10 ** (String(a).length - 1)) * 10 ** (String(a).length - 1);
        const br = Math.round(b / 10 ** (String(b).length - 1)) * 10 ** (String(b).length - 1);
        c.d.para(`${r.pick(CHECK_LEAD)} ${a} ${m} ${b} ≈ ${F(ar)} ${m} ${F(br)} = ${F(ar * br)}, so the result is in the right range ✓`);
      }
      return true;
    },
    recap() {
      return `- ${b} = ${parts.join(' + ')}\n- Partial products: ${P.map(F).join(', ')}\n- Add them up.`;
    },
  };
  return t;
}

// ---- shopping word problems (total cost, change) ----------------------------------------------

const ITEMS: [string, string, number, number][] = [
  ['notebook', 'notebooks', 2, 9],
  ['pen', 'pens', 1, 4],
  ['backpack', 'backpacks', 18, 65],
  ['chair', 'chairs', 25, 140],
  ['concert ticket', 'concert tickets', 35, 120],
  ['bag of rice', 'bags of rice', 8, 30],
  ['lamp', 'lamps', 15, 80],
  ['T-shirt', 'T-shirts', 6, 25],
  ['book', 'books', 7, 35],
  ['plant', 'plants', 4, 28],
  ['desk', 'desks', 60, 250],
  ['mug', 'mugs', 3, 14],
  ['pair of socks', 'pairs of socks', 2, 9],
  ['water bottle', 'water bottles', 5, 22],
  ['printer cartridge', 'printer cartridges', 18, 55],
  ['board game', 'board games', 12, 48],
];
const NAMES = [
  'Maya',
  'Liam',
  'Priya',
  'Jonah',
  'Sofia',
  'Ethan',
  'Aisha',
  'Noah',
  'Elena',
  'Marcus',
  'Hana',
  'Diego',
  'Grace',
  'Omar',
  'Chloe',
  'Ravi',
  'Nadia',
  'Tom',
  'Yuki',
  'Felix',
];

function mkShop(r: Rng, c: Ctx, change: boolean): Task {
  const F = (n: number) => fmtInt(n, c.commas);
  const k = r.pick([2, 2, 3]);
  const items: [string, string, number, number][] = [];
  while (items.length < k) {
    const it = r.pick(ITEMS);
    if (!items.includes(it)) items.push(it);
  }
  const q = items.map((it) => r.int(2, it[3] < 10 ? 60 : it[3] > 100 ? 12 : 30));
  const p = items.map((it) => r.int(it[2], it[3]));
  const L = q.map((x, i) => x * p[i]);
  const T = L.reduce((s, x) => s + x, 0);
  const name = r.pick(NAMES);
  const B = change ? (Math.floor(T / 100) + r.pick([1, 1, 2, 5])) * 100 : 0;
  const ans = change ? B - T : T;
  // slip in one line cost
  const j = r.int(0, k - 1);
  let delta = L[j] >= 150 ? r.pick([10, -10, 100, -100]) : r.pick([10, -10]);
  if (L[j] + delta <= 0 || (change && B - T - delta <= 0)) delta = change ? -10 : 10;
  if (L[j] + delta <= 0) delta = 10;
  if (change && B - T - delta <= 0) delta = -Math.min(10, L[j] - 1);
  const Lw = L.slice();
  Lw[j] += delta;
  const Tw = T + delta;
  const wrongAns = change ? B - Tw : Tw;
  const j2 = (j + 1) % k;
  let delta2 = r.pick([10, 20, -10]);
  if (L[j2] + delta2 <= 0 || (change && B - T - delta2 <= 0)) delta2 = -Math.min(10, L[j2] - 1);
  const wrong2 = change ? B - T - delta2 : T + delta2;
  const list = items.map((it, i) => `${q[i]} ${q[i] === 1 ? it[0] : it[1]} at $${p[i]} each`);
  const listText = list.length === 2 ? `${list[0]} and ${list[1]}` : `${list[0]}, ${list[1]}, and ${list[2]}`;
  const Pn = (i: number) => cap(items[i][1]);
  const t: Task = {
    task: change ? 'word-change' : 'word-sum',
    query: change
      ? `${name} buys ${listText}. ${name} pays with $${F(B)}. How much change does ${name} get?`
      : `${name} buys ${listText}. ${r.pick(['What is the total cost?', `How much does ${name} spend in total?`, 'How much is the bill?'])}`,
    answer: String(ans),
    intro: change
      ? r.pick([`find how much change ${name} gets`, `work out ${name}'s change`])
      : r.pick([`find the total cost`, `work out how much ${name} spends`, 'find the total bill']),
    ask: change ? 'the change' : 'the total cost',
    Ask: change ? 'Change' : 'Total cost',
    eq: change ? 'Change' : 'Total',
    pre: '$',
    right: F(ans),
    wrong: F(wrongAns),
    wrong2: F(wrong2),
    slip: 'item costs',
    solve(c, wrong) {
      const Q = wrong ? Lw : L;
      const TT = wrong ? Tw : T;
      heading(c, r.pick(['Cost of each item', 'Find each subtotal', 'Multiply quantity by price', 'Item costs']));
      if (r.chance(0.5)) {
        c.d.para(
          [
            '| Item | Qty | Price | Cost |',
            '|---|---:|---:|---:|',
            ...items.map((it, i) => `| ${Pn(i)} | ${q[i]} | $${p[i]} | $${F(Q[i])} |`),
          ].join('\n'),
        );
        // eslint-disable-next-line no-dupe-else-if -- every call draws a new random number
      } else if (r.chance(0.5)) {
        c.d.para(items.map((it, i) => `- ${Pn(i)}: ${q[i]} × $${p[i]} = **$${F(Q[i])}**`).join('\n'));
      } else {
        c.d.para(items.map((it, i) => `${i + 1}. ${Pn(i)}: ${q[i]} × ${p[i]} = ${F(Q[i])}`).join('\n'));
      }
      if (r.chance(0.45)) inter(c, `cost of the ${items[0][1]}`, `$${F(Q[0])}`);
      maybeHes(c, 0.25);
      if (!change) {
        heading(c, r.pick(['Add the subtotals', 'Total cost', 'Add everything', 'Sum the costs']));
        endOn(c, t, Q.map((x) => `$${F(x)}`).join(' + '), F(TT), SUM_LEADS);
      } else {
        heading(c, r.pick(['Total cost', 'Add the subtotals', 'Find the total spent']));
        c.d.para(`${Q.map((x) => `$${F(x)}`).join(' + ')} = $${F(TT)}`);
        inter(c, 'total cost', `$${F(TT)}`);
        if (r.chance(0.3)) c.d.para(`> Note: that is the total spent, not the change — we still need to subtract from $${F(B)}.`);
        heading(c, r.pick(['Subtract from the amount paid', 'Find the change', `Subtract from $${F(B)}`]));
        endOn(c, t, `$${F(B)} − $${F(TT)}`, wrong ? t.wrong : t.right, ['Now subtract:', 'Subtracting:', 'The change is', 'Compute']);
      }
    },
    recheck(c, slip) {
      const Q = L.slice();
      if (slip) Q[j2] += delta2;
      c.d.para(r.pick(['Recomputing each cost:', 'Redoing each line:', 'Each item again:', 'Line by line:']));
      c.d.para(items.map((it, i) => `- ${q[i]} × ${p[i]} = ${F(Q[i])}`).join('\n'));
      const T2 = Q.reduce((s, x) => s + x, 0);
      if (!change) {
        c.d.cand(
          `Adding in reverse order: ${Q.slice()
            .reverse()
            .map((x) => `$${F(x)}`)
            .join(' + ')} = $@@\n\n`,
          slip ? t.wrong2 : t.right,
        );
      } else {
        const up = Math.ceil((T2 + 1) / 100) * 100;
        c.d.para(
          `Total: ${Q.slice()
            .reverse()
            .map((x) => `$${F(x)}`)
            .join(' + ')} = $${F(T2)}.`,
        );
        if (up < B) {
          c.d.cand(
            `Counting up: from $${F(T2)} to $${F(up)} is $${F(up - T2)}, then to $${F(B)} is $${F(B - up)}, so the change is $${F(up - T2)} + $${F(B - up)} = $@@\n\n`,
            slip ? t.wrong2 : t.right,
          );
        } else {
          c.d.cand(`Counting up from $${F(T2)} to $${F(B)} gives $@@\n\n`, slip ? t.wrong2 : t.right);
        }
      }
    },
    locate(c) {
      c.d.para(fill(r.pick(LOCATE), { fix: `the ${items[j][1]} cost ${q[j]} × $${p[j]} = $${F(L[j])}, not $${F(Lw[j])}` }));
    },
    redo(c) {
      c.d.para(r.pick(REDO));
      if (!change) c.d.cand(`${L.map((x) => `$${F(x)}`).join(' + ')} = $@@\n\n`, t.right);
      else {
        c.d.para(`Total: ${L.map((x) => `$${F(x)}`).join(' + ')} = $${F(T)}`);
        c.d.cand(`Change: $${F(B)} − $${F(T)} = $@@\n\n`, t.right);
      }
    },
    verify(c, wrong) {
      if (change) {
        const a = wrong ? wrongAns : ans;
        const tt = wrong ? Tw : T;
        c.d.para(`${r.pick(CHECK_LEAD)} $${F(a)} + $${F(tt)} = $${F(B)} ✓`);
      } else {
        const est = L.reduce((s, x) => s + Math.round(x / 10) * 10, 0);
        c.d.para(
          `${r.pick(CHECK_LEAD)} rounding each cost to the nearest ten gives about $${F(est)}, so the result is in the right range ✓`,
        );
      }
      return true;
    },
    recap() {
      const lines = items.map((it, i) => `- ${Pn(i)}: ${q[i]} × $${p[i]} = $${F(L[i])}`);
      return lines.join('\n') + (change ? `\n- Total spent: $${F(T)}; subtract it from $${F(B)}.` : '\n- Add the subtotals.');
    },
  };
  return t;
}

// ---- boxes: divide then multiply ----------------------------------------------------------------

const BOXES: [string, string, string, string][] = [
  ['A bakery', 'cookies', 'box', 'boxes'],
  ['A farm', 'eggs', 'carton', 'cartons'],
  ['A school store', 'pencils', 'pack', 'packs'],
  ['An orchard', 'apples', 'crate', 'crates'],
  ['A juice stand', 'bottles', 'case', 'cases'],
  ['A florist', 'roses', 'bouquet', 'bouquets'],
  ['A print shop', 'postcards', 'bundle', 'bundles'],
];

function mkBoxes(r: Rng, c: Ctx): Task {
  const F = (n: number) => fmtInt(n, c.commas);
  const [who, what, box, boxes] = r.pick(BOXES);
  const k = r.pick([6, 8, 10, 12, 12, 15, 20, 24]);
  const m = r.int(14, 240);
  let p = r.int(2, 30);
  if (p === k) p++; // else the revenue would equal the number of items quoted in the question
  const N = k * m;
  const ans = m * p;
  const dm = r.pick([1, -1, 2, -2]);
  const mw = m + dm;
  const dl = r.pick([10, -10]);
  const t: Task = {
    task: 'word-boxes',
    query: `${who} has ${F(N)} ${what} and packs them into ${boxes} of ${k}. Each ${box} sells for $${p}. How much money does it make if it sells every ${box}?`,
    answer: String(ans),
    intro: r.pick([
      `find the revenue from selling every ${box}`,
      'find how much money is made',
      `work out the money from all the ${boxes}`,
    ]),
    ask: 'the revenue',
    Ask: 'Revenue',
    eq: 'Revenue',
    pre: '$',
    right: F(ans),
    wrong: F(mw * p),
    wrong2: F(ans + dl),
    slip: `number of ${boxes}`,
    solve(c, wrong) {
      const mm = wrong ? mw : m;
      heading(c, r.pick([`Number of ${boxes}`, `How many ${boxes}?`, `Divide into ${boxes}`]));
      c.d.para(`${F(N)} ÷ ${k} = ${F(mm)}`);
      inter(c, `number of ${boxes}`, F(mm));
      maybeHes(c, 0.25);
      heading(c, r.pick(['Revenue', 'Multiply by the price', `Money from ${F(mm)} ${boxes}`]));
      endOn(c, t, `${F(mm)} × $${p}`, wrong ? t.wrong : t.right, ['Multiply:', 'So we compute', 'Revenue is']);
    },
    recheck(c, slip) {
      const Np = N * p + (slip ? dl * k : 0);
      c.d.para(`Another way: multiply the number of ${what} by the price per ${box}, then divide by ${k}.`);
      c.d.para(`${F(N)} × ${p} = ${F(Np)}`);
      c.d.cand(`${F(Np)} ÷ ${k} = $@@\n\n`, slip ? t.wrong2 : t.right);
    },
    locate(c) {
      c.d.para(fill(r.pick(LOCATE), { fix: `${F(N)} ÷ ${k} = ${F(m)}, not ${F(mw)} (since ${k} × ${F(m)} = ${F(N)})` }));
    },
    redo(c) {
      c.d.para(r.pick(REDO));
      c.d.cand(`${F(m)} × $${p} = $@@\n\n`, t.right);
    },
    verify(c, wrong) {
      if (wrong) return false;
      c.d.para(`${r.pick(CHECK_LEAD)} ${F(m)} ${boxes} × ${k} = ${F(m * k)} ${what} ✓`);
      return true;
    },
    recap() {
      return `- ${boxes}: ${F(N)} ÷ ${k} = ${F(m)}\n- Multiply by $${p} per ${box}.`;
    },
  };
  return t;
}

// ---- averages ----------------------------------------------------------------------------------

const AVG: [string, number, number, string][] = [
  ['test scores', 55, 99, 'score'],
  ['daily high temperatures (°F)', 58, 96, 'temperature'],
  ['numbers of visitors per day', 120, 480, 'number of visitors'],
  ['package weights (kg)', 2, 40, 'weight'],
  ['minutes spent reading each day', 15, 90, 'reading time'],
  ['points scored per game', 8, 35, 'points per game'],
  ['monthly electricity bills (in dollars)', 60, 210, 'bill'],
];

function mkAvg(r: Rng, c: Ctx): Task {
  const F = (n: number) => fmtInt(n, c.commas);
  const [ctx, lo, hi, unitWord] = r.pick(AVG);
  const n = r.pick([4, 5, 5, 6, 8]);
  const v: number[] = [];
  for (let i = 0; i < n; i++) v.push(r.int(lo, hi));
  const rem = v.reduce((s, x) => s + x, 0) % n;
  if (rem) v[n - 1] += v[n - 1] - rem >= lo ? -rem : n - rem;
  const S = v.reduce((s, x) => s + x, 0);
  const M = S / n;
  const R: number[] = [];
  v.reduce((s, x) => (R.push(s + x), s + x), 0);
  const j = r.int(1, n - 1); // slip in running total j (adding v[j])
  const dS = n === 6 ? r.pick([6, -6, 12]) : r.pick([10, -10]);
  const Rw = R.map((x, i) => (i >= j ? x + dS : x));
  const Sw = S + dS;
  const base = Math.round(M / 10) * 10;
  const dev = v.map((x) => x - base);
  const D = dev.reduce((s, x) => s + x, 0);
  const method = r.chance(0.5) ? 'dev' : 'pairs';
  const d2 = n === 6 ? 6 : 10;
  const t: Task = {
    task: 'average',
    query: `The ${ctx} are ${v.slice(0, -1).map(F).join(', ')}, and ${F(v[n - 1])}. ${r.pick(['What is the average?', 'What is the mean?', `Find the average ${unitWord}.`, `What is the mean ${unitWord}?`])}`,
    answer: fmtDec(M),
    intro: r.pick([`find the average of the ${n} ${ctx}`, `compute the mean of these ${n} values`, `find the mean ${unitWord}`]),
    ask: 'the average',
    Ask: 'Average',
    eq: 'Average',
    pre: '',
    right: fmtDec(M),
    wrong: fmtDec(Sw / n),
    wrong2: fmtDec((S + d2) / n),
    slip: 'running total',
    solve(c, wrong) {
      const RR = wrong ? Rw : R;
      const SS = wrong ? Sw : S;
      heading(c, r.pick(['Add the values', 'Find the sum', 'Sum', 'Total of all values']));
      if (r.chance(0.5)) {
        c.d.para(
          v
            .slice(1)
            .map((x, i) => `- ${F(RR[i])} + ${F(x)} = ${F(RR[i + 1])}`)
            .join('\n'),
        );
      } else {
        c.d.para(['| Value added | Running total |', '|---:|---:|', ...v.map((x, i) => `| ${F(x)} | ${F(RR[i])} |`)].join('\n'));
      }
      inter(c, 'sum', F(SS));
      maybeHes(c, 0.25);
      heading(c, r.pick([`Divide by the count (${n})`, 'Divide by the number of values', 'Compute the mean']));
      endOn(c, t, `${F(SS)} ÷ ${n}`, wrong ? t.wrong : t.right, ['Divide:', 'So we compute', 'Mean =']);
    },
    recheck(c, slip) {
      if (method === 'dev') {
        const DD = D + (slip ? d2 : 0);
        c.d.para(`Use ${base} as a reference and average the differences: ${dev.map((x) => (x < 0 ? `−${-x}` : `+${x}`)).join(', ')}.`);
        c.d.para(
          `The differences add up to ${DD < 0 ? `−${-DD}` : DD}, and ${DD < 0 ? `−${-DD}` : DD} ÷ ${n} = ${fmtDec(DD / n).replace('-', '−')}.`,
        );
        const q = DD / n;
        c.d.cand(`${base} ${q < 0 ? '−' : '+'} ${fmtDec(Math.abs(q))} = @@\n\n`, slip ? t.wrong2 : t.right);
      } else {
        const pairs: string[] = [];
        const sums: number[] = [];
        for (let i = 0; i < n; i += 2) {
          if (i + 1 < n) {
            pairs.push(`(${F(v[i])} + ${F(v[i + 1])})`);
            sums.push(v[i] + v[i + 1]);
          } else {
            pairs.push(F(v[i]));
            sums.push(v[i]);
          }
        }
        if (slip) sums[sums.length - 1] += d2;
        const S2 = sums.reduce((s, x) => s + x, 0);
        c.d.para(`Grouping in pairs: ${pairs.join(' + ')} = ${sums.map(F).join(' + ')} = ${F(S2)}.`);
        c.d.cand(`${F(S2)} ÷ ${n} = @@\n\n`, slip ? t.wrong2 : t.right);
      }
    },
    locate(c) {
      c.d.para(fill(r.pick(LOCATE), { fix: `${F(R[j - 1])} + ${F(v[j])} = ${F(R[j])}, not ${F(Rw[j])}, so the sum is ${F(S)}` }));
    },
    redo(c) {
      c.d.para(r.pick(REDO));
      c.d.cand(`${F(S)} ÷ ${n} = @@\n\n`, t.right);
    },
    verify(c, wrong) {
      const mm = wrong ? Sw / n : M;
      c.d.para(`${r.pick(CHECK_LEAD)} ${fmtDec(mm)} × ${n} = ${F(wrong ? Sw : S)}, which matches the sum ✓`);
      return true;
    },
    recap() {
      return `- Sum: ${v.map(F).join(' + ')} = ${F(S)}\n- Divide by ${n}.`;
    },
  };
  return t;
}

// ---- linear equations (ask for x, or for an expression in x) ------------------------------------

function mkLinear(r: Rng, c: Ctx, expr: boolean, needSlip: boolean): Task {
  let a = 0;
  let x = 0;
  let b = 0;
  let plus = true;
  let cc = 0;
  let xw = 0;
  let xw2 = 0;
  let p = 0;
  let q = 0;
  let qplus = true;
  const V = (xx: number) => (qplus ? p * xx + q : p * xx - q);
  for (;;) {
    a = r.int(2, 9);
    x = r.int(2, 24);
    plus = r.chance(0.6);
    b = needSlip || r.chance(0.5) ? a * r.int(1, 8) : r.int(1, 60);
    cc = plus ? a * x + b : a * x - b;
    xw = plus ? (cc + b) / a : (cc - b) / a; // sign error when moving b
    xw2 = xw;
    p = r.int(2, 6);
    q = r.int(1, 15);
    qplus = r.chance(0.6);
    if (cc <= 0) continue;
    if (needSlip && (xw === x || !Number.isInteger(xw) || xw <= 0)) continue;
    if (!needSlip) {
      xw = x + 1; // unused: no slip in this record
      xw2 = xw;
    }
    if (expr && (V(x) <= 0 || V(x) === x || V(x) === cc || V(xw) === V(x))) continue;
    break;
  }
  const sgn = plus ? '+' : '−';
  const eqText = `${a}x ${sgn} ${b} = ${cc}`;
  const exprText = `${p}x ${qplus ? '+' : '−'} ${q}`;
  const ax = a * x;
  const axw = a * xw;
  const ansVal = expr ? V(x) : x;
  const wrongVal = expr ? V(xw) : xw;
  const wrong2Val = expr ? V(xw2) : xw2;
  const lhs = (xx: number) => (plus ? a * xx + b : a * xx - b);
  // tried values (never the answer, the slip value, or anything equal to them)
  const tries: number[] = [];
  for (const cand of [x - r.int(2, 4), x + r.int(2, 5)])
    if (cand > 0 && cand !== xw && cand !== ansVal && cand !== wrongVal && lhs(cand) !== ansVal && lhs(cand) !== wrongVal) tries.push(cand);
  const move = (wrong: boolean) => {
    const sub = plus !== wrong; // correct: subtract b when +b
    return `${sub ? 'Subtract' : 'Add'} ${b} ${sub ? 'from' : 'to'} both sides: ${a}x = ${cc} ${sub ? '−' : '+'} ${b} = ${wrong ? axw : ax}`;
  };
  const evalExpr = (xx: number) => `${exprText} = ${p}(${xx}) ${qplus ? '+' : '−'} ${q} = ${p * xx} ${qplus ? '+' : '−'} ${q}`;
  const t: Task = {
    task: expr ? 'linear-expr' : 'linear-x',
    query: expr
      ? r.pick([
          `If ${eqText}, what is the value of ${exprText}?`,
          `Given that ${eqText}, find ${exprText}.`,
          `Suppose ${eqText}. What is ${exprText}?`,
        ])
      : r.pick([
          `Solve for x: ${eqText}.`,
          `If ${eqText}, what is x?`,
          `Find x such that ${eqText}.`,
          `What value of x satisfies ${eqText}?`,
        ]),
    answer: String(ansVal),
    intro: expr
      ? r.pick([`find ${exprText} given ${eqText}`, `solve ${eqText} and then evaluate ${exprText}`])
      : r.pick([`solve ${eqText} for x`, `find x in ${eqText}`]),
    ask: expr ? `the value of ${exprText}` : 'x',
    Ask: expr ? `The value of ${exprText}` : 'x',
    eq: expr ? exprText : 'x',
    pre: '',
    right: String(ansVal),
    wrong: String(wrongVal),
    wrong2: String(wrong2Val),
    slip: `step where I moved the ${b}`,
    solve(c, wrong) {
      const xx = wrong ? xw : x;
      if (tries.length && r.chance(0.35)) {
        c.d.para(
          r.pick([
            'Let me get a feel for it first.',
            'Quick exploration before solving:',
            'First, some trial values:',
            'Just to see the scale:',
          ]) +
            '\n\n' +
            tries
              .map((tv) => `- Try x = ${tv}: ${a}(${tv}) ${sgn} ${b} = ${lhs(tv)} — ${lhs(tv) < cc ? 'too small' : 'too big'}.`)
              .join('\n'),
        );
        c.d.para(
          r.pick([
            'Trial and error is slow; let me solve it directly.',
            'So x is somewhere in between. Solving properly:',
            'Better to solve algebraically.',
          ]),
        );
      }
      if (expr && r.chance(0.4)) c.d.para(fill(r.pick(NOTES.slice(0, 1).concat(NOTES.slice(6, 7), NOTES.slice(16, 17))), vars(t)));
      heading(c, r.pick(['Isolate the x term', `Move the ${b}`, 'Get x by itself', 'Undo the constant']));
      c.d.para(move(wrong));
      maybeHes(c, 0.2);
      heading(c, r.pick([`Divide by ${a}`, 'Solve for x', `Divide both sides by ${a}`]));
      if (!expr) {
        endOn(c, t, `x = ${wrong ? axw : ax} ÷ ${a}`, String(xx), ['Divide:', 'So', 'That gives']);
      } else {
        c.d.para(`x = ${wrong ? axw : ax} ÷ ${a} = ${xx}`);
        inter(c, 'value of x', String(xx));
        if (r.chance(0.4)) c.d.para(`> Note: x = ${xx} is not the answer yet; the question asks for ${exprText}.`);
        heading(c, r.pick([`Evaluate ${exprText}`, `Substitute into ${exprText}`, 'Plug x into the expression']));
        endOn(c, t, evalExpr(xx), wrong ? t.wrong : t.right, ['Compute:', 'So', 'Then']);
      }
    },
    recheck(c, slip) {
      const xx = slip ? xw2 : x;
      if (b % a === 0 && r.chance(0.6)) {
        const bs = b / a;
        const cs = cc / a;
        c.d.para(`Divide every term by ${a} first: x ${sgn} ${bs} = ${cs}.`);
        const correct = `${cs} ${plus ? '−' : '+'} ${bs}`;
        const bad = `${cs} ${plus ? '+' : '−'} ${bs}`;
        if (!expr) c.d.cand(`So x = ${slip ? bad : correct} = @@\n\n`, String(xx));
        else {
          c.d.para(`So x = ${slip ? bad : correct} = ${xx}.`);
          c.d.cand(`Then ${evalExpr(xx)} = @@\n\n`, String(expr ? V(xx) : xx));
        }
      } else {
        c.d.para(`Work backwards: undo "${sgn} ${b}" to get ${cc} ${slip === plus ? '+' : '−'} ${b} = ${a * xx}, then undo "× ${a}".`);
        if (!expr) c.d.cand(`${a * xx} ÷ ${a} = @@\n\n`, String(xx));
        else {
          c.d.para(`${a * xx} ÷ ${a} = ${xx}, so x = ${xx}.`);
          c.d.cand(`${evalExpr(xx)} = @@\n\n`, String(V(xx)));
        }
      }
    },
    locate(c) {
      c.d.para(
        fill(r.pick(LOCATE), { fix: `I moved the ${b} with the wrong sign: ${a}x = ${cc} ${plus ? '−' : '+'} ${b} = ${ax}, not ${axw}` }),
      );
    },
    redo(c) {
      c.d.para(r.pick(REDO));
      if (!expr) c.d.cand(`x = ${ax} ÷ ${a} = @@\n\n`, String(x));
      else {
        c.d.para(`x = ${ax} ÷ ${a} = ${x}`);
        c.d.cand(`${evalExpr(x)} = @@\n\n`, String(V(x)));
      }
    },
    verify(c, wrong) {
      if (wrong) return false;
      c.d.para(`${r.pick(CHECK_LEAD)} plug x = ${x} back in: ${a}(${x}) ${sgn} ${b} = ${ax} ${sgn} ${b} = ${cc} ✓`);
      return true;
    },
    plugFail(c) {
      c.d.para(
        `${r.pick(CHECK_LEAD)} plug x = ${xw} back in: ${a}(${xw}) ${sgn} ${b} = ${axw} ${sgn} ${b} = ${lhs(xw)}, but it should be ${cc} ✗`,
      );
    },
    recap() {
      return `- ${move(false)}\n- x = ${ax} ÷ ${a} = ${x}` + (expr ? `\n- Substitute into ${exprText}.` : '');
    },
  };
  return t;
}

// ---------------------------------------------------------------------------------------------
// Flows

type Scen = 'right1' | 'echo' | 'fixCheck' | 'fixWait' | 'fixEcho' | 'wrong1' | 'flip' | 'truncNone' | 'truncAfter';
const SCENS: [Scen, number][] = [
  ['right1', 20],
  ['echo', 22],
  ['fixCheck', 14],
  ['fixWait', 7],
  ['fixEcho', 5],
  ['wrong1', 6],
  ['flip', 6],
  ['truncNone', 5],
  ['truncAfter', 5],
];

function pickScen(r: Rng): Scen {
  const tot = SCENS.reduce((s, x) => s + x[1], 0);
  let u = r.next() * tot;
  for (const [s, w] of SCENS) {
    if ((u -= w) < 0) return s;
  }
  return 'right1';
}

function rule(c: Ctx, p: number): void {
  if (!c.think && c.r.chance(p)) c.d.para('---');
}

function transCheck(c: Ctx): void {
  rule(c, 0.2);
  const tpl = c.r.pick(TRANS_CHECK);
  c.d.para(c.think ? tpl.replace(/^(---\n\n)?#+ /, '').replace(/\*\*/g, '') : tpl);
}

/** A restatement of the current candidate (no new work): merges with it. */
function restate(c: Ctx, t: Task, list: readonly string[], value: string, prev = ''): void {
  let tpl = fill(c.r.pick(list), vars(t, { prev }));
  if (c.think) tpl = tpl.replace(/^---\n\n/, '').replace(/^#+ /gm, '');
  c.d.restate(tpl + '\n\n', value);
}

function buildRecord(r: Rng, id: string): PhrasingRecord {
  let scen = pickScen(r);
  let truncMode: 'none' | 'after' | null = null;
  if (scen === 'truncNone') {
    truncMode = 'none';
    scen = r.pick(['right1', 'echo', 'fixCheck'] as Scen[]);
  } else if (scen === 'truncAfter') {
    truncMode = 'after';
    scen = r.pick(['echo', 'fixCheck', 'fixWait'] as Scen[]);
  }
  const firstWrong = scen === 'fixCheck' || scen === 'fixWait' || scen === 'fixEcho' || scen === 'wrong1';
  const needSlip = firstWrong || scen === 'flip';
  const d = new Doc();
  const c: Ctx = {
    r,
    d,
    think: r.chance(0.2),
    commas: r.chance(0.65),
    mul: r.pick(['×', '×', '×', '*', '·']),
    headFmt: r.pick(HEADFMT),
    step: 0,
  };
  const kind = r.pick(['mult', 'mult', 'shop', 'change', 'boxes', 'avg', 'avg', 'linx', 'linexpr', 'linexpr']);
  const t: Task =
    kind === 'mult'
      ? mkMult(r, c)
      : kind === 'shop'
        ? mkShop(r, c, false)
        : kind === 'change'
          ? mkShop(r, c, true)
          : kind === 'boxes'
            ? mkBoxes(r, c)
            : kind === 'avg'
              ? mkAvg(r, c)
              : mkLinear(r, c, kind === 'linexpr', needSlip);

  // ---- opening
  if (c.think) d.t('<think>\n');
  d.para(fill(r.pick(c.think ? THINK_OPEN : OPEN), { intro: t.intro }));
  if (r.chance(0.3)) d.para(fill(r.pick(NOTES), vars(t)));
  maybeHes(c, 0.2);

  // ---- first attempt
  t.solve(c, firstWrong);
  const first = firstWrong ? t.wrong : t.right;
  const restateFirst = () => {
    if (r.chance(0.5)) restate(c, t, FINAL, first);
    else if (r.chance(0.4)) restate(c, t, CONC, first);
  };

  switch (scen) {
    case 'right1': {
      // A FINAL line only before a plug-back / estimate check, never after it (that could read as
      // a check ending by restating the answer).
      if (r.chance(0.75)) restate(c, t, FINAL, first);
      else if (r.chance(0.4)) restate(c, t, CONC, first);
      if (r.chance(0.6) && t.verify(c, false)) d.para(r.pick(CONF_ANY));
      else if (r.chance(0.4)) d.para(r.pick(CONF_ANY));
      break;
    }
    case 'wrong1': {
      if (r.chance(0.75)) restate(c, t, FINAL, first);
      else if (r.chance(0.4)) restate(c, t, CONC, first);
      if (r.chance(0.5) && t.verify(c, true)) d.para(r.pick(CONF_ANY));
      else if (r.chance(0.5)) d.para(r.pick(CONF_ANY));
      break;
    }
    case 'echo': {
      restateFirst();
      if (r.chance(0.3) && t.verify(c, false)) d.para(r.pick(CONF_ANY));
      transCheck(c);
      t.recheck(c, false);
      d.para(r.pick(r.chance(0.7) ? CONF_AGREE : CONF_ANY));
      if (r.chance(0.6)) restate(c, t, FINAL, t.right);
      break;
    }
    case 'flip': {
      restateFirst();
      transCheck(c);
      t.recheck(c, true);
      d.para(fill(r.pick(MISMATCH), vars(t, { prev: t.right })));
      d.para(r.pick(FLIP_TRUST));
      if (r.chance(0.8)) restate(c, t, CORR, t.wrong2, t.right);
      break;
    }
    case 'fixCheck': {
      restateFirst();
      if (t.plugFail && r.chance(0.6)) {
        t.plugFail(c);
        t.locate(c);
        t.redo(c);
      } else if (r.chance(0.5)) {
        transCheck(c);
        t.recheck(c, false);
        d.para(fill(r.pick(MISMATCH), vars(t, { prev: t.wrong })));
        t.locate(c);
      } else {
        rule(c, 0.2);
        const h = r.pick([
          '### Double-check',
          '### Verification',
          '### Reviewing the steps',
          'Let me double-check.',
          '**Double-check:**',
          'Hmm, let me verify before finalizing.',
          '#### Checking my work',
        ]);
        d.para(c.think ? h.replace(/^#+ /, '').replace(/\*\*/g, '') : h);
        d.para(r.pick(['Going back over each step:', 'Rechecking every step:', 'Let me recheck each line.', 'Step by step again:']));
        t.locate(c);
        t.redo(c);
      }
      if (r.chance(0.85)) restate(c, t, CORR, t.right, t.wrong);
      break;
    }
    case 'fixWait':
    case 'fixEcho': {
      if (r.chance(0.4)) restate(c, t, CONC, first);
      d.para(fill(r.pick(WAITFIX), { slip: t.slip }));
      t.locate(c);
      t.redo(c);
      if (scen === 'fixEcho') {
        if (r.chance(0.5)) restate(c, t, CORR, t.right, t.wrong);
        transCheck(c);
        t.recheck(c, false);
        d.para(r.pick(CONF_AGREE));
        if (r.chance(0.6)) restate(c, t, FINAL, t.right);
      } else if (r.chance(0.8)) restate(c, t, r.chance(0.5) ? CORR : FINAL, t.right, t.wrong);
      break;
    }
    default:
      break;
  }

  const headers: Record<string, string> = { query: t.query, answer: t.answer, task: t.task };
  let body = d.s;
  let cands = d.cands;
  let final: string | null = cands.length ? cands[cands.length - 1].value : null;

  if (truncMode) {
    // cut mid-sentence: before the first candidate, or between the first and the second
    let lo: number;
    let hi: number;
    if (truncMode === 'none' || cands.length < 2) {
      lo = Math.max(30, Math.floor(cands[0].offset * 0.45));
      hi = cands[0].offset - 1;
      cands = [];
    } else {
      lo = cands[0].offset + cands[0].value.length + 12;
      hi = cands[1].offset - 1;
      cands = cands.slice(0, 1);
    }
    let cut = hi > lo ? r.int(lo, hi) : hi;
    while (cut > 1 && /\s/.test(body[cut - 1])) cut--;
    body = body.slice(0, cut);
    headers.truncated = 'true';
    final = null;
  } else {
    body = body.replace(/\s+$/, '');
    if (c.think) {
      // The summary presents the decision; when that decision is a wrong value it does not repeat
      // the (correct) step values, which would contradict it.
      const recap = final === t.right ? t.recap() : fill(r.pick(GENERIC_RECAP), vars(t));
      const sum = `\n</think>\n\n${r.pick(SUMMARY_INTRO)}\n\n${recap}\n\n`;
      const fv = final ?? '';
      body += sum + fill(r.pick(FINAL), vars(t)).replace('@@', fv);
    }
  }
  return { id, headers, body, candidates: cands.map((x) => ({ value: x.value, offset: x.offset })), final };
}

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  const r = new Rng(hashSeed(`${family}|${split}|${seed}`));
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) out.push(buildRecord(r, `${family}-${split}-${seed}-${i + 1}`));
  return out;
}
