// Phrasing family `qwq-monologue`: a long stream-of-consciousness reasoning model (QwQ / Qwen3
// thinking style) on competition-style integer problems (counting, number theory, remainders, sums
// of digits, small combinatorics). The response is a `<think> ... </think>` block full of "Okay,
// so", "Hmm", "Wait", "Actually, no", mid-derivation doubts, values tried and rejected, echoes and
// flips, followed by a short clean summary (sometimes \boxed{}).
//
// Labelling rules applied (docs/annotation-guide.md):
// - A candidate is a statement of a value AS the answer to the question asked, as the model's
//   current conclusion: "So the remainder is 4.", "So the sum is 7·2145 = 15015." (the value of
//   the asked quantity at the end of the concluding computation). The candidate's offset is that
//   of the value in the concluding sentence.
// - NOT candidates: intermediate quantities (floor(600/4) = 150, the fraction 5/12 when m + n is
//   asked, the list of powers mod m, C(T, k) sub-totals), numbers quoted from the question, values
//   tried and rejected ("What if it's 37? Then 37 mod 5 = 2, so no."), sanity checks of a
//   sub-step ("check: 32 · 9 · 25 = 7200. Good."), a mid-derivation "Wait" that resolves a
//   doubt about a step, a rough guess before computing ("My gut says around 250, but let me
//   compute it"), a sub-step slip corrected on the spot ("floor(600/7) = 86. Actually, no ...").
// - Restatements merge: a value repeated with no new work in between (a bare "Yes, that's right.",
//   "So the answer is 54.", a draft "Final answer: \boxed{54}" right after the conclusion, or a
//   sentence that only names the two conflicting values "Hmm, now I have two answers: 54 and 45")
//   is not a new candidate.
// - Re-derivations are new candidates, also with the same value (echoes): another method, a
//   recount of the main computation, plugging the answer back into every condition and then
//   stating it again, recomputing after finding an error.
// - The summary after </think> is not labelled; `final` is the value it states (which is the
//   last candidate of the thinking block in this family, right or wrong).
// - When a concluding sentence both computes and states the answer ("So the count is 150 + 100 -
//   50 = 200."), the value after the last "=" is the candidate. A bare successful test in a
//   trial-and-error search ("52 mod 7 = 3, and ...") is a step; the candidate is the concluding
//   sentence that follows it ("So the smallest such integer is 52.").

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

export const family = 'qwq-monologue';

type Split = 'dev' | 'heldout';
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

const ri = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, arr: readonly T[]): T => arr[Math.floor(rng() * arr.length)];
const fl = Math.floor;
const comma = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
// Capitalise a sentence start, but not a lone variable ("a = 1 → 2", "x + y").
const cap = (s: string): string => (/^[a-z](?=\s*[='+,)→·]|$)/.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1));
function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
function binom(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
const digitSum = (n: number | bigint): number =>
  String(n)
    .split('')
    .reduce((s, d) => s + Number(d), 0);

function fill(t: string, vars: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
}

// ---------------------------------------------------------------------------------------------
// Templates. Each list is split by index parity: even indices for 'dev', odd for 'heldout'.
// '@@' marks where the candidate value goes; {q} is the asked quantity, {c} a computation whose
// value is the candidate, {w} an earlier wrong value, {v} a restated value (never labelled).
// ---------------------------------------------------------------------------------------------

const OPEN = [
  'Okay, so I need to find {r}. Let me think about how to approach this.',
  "Okay, let's see. The problem is asking for {r}.",
  'Alright, so the question wants {r}. Hmm, let me start by breaking it down.',
  'Okay, so I have to figure out {r}. Let me think.',
  'Hmm, okay. I need to work out {r}.',
  'Let me try to figure out {r}.',
  'Okay, the problem: find {r}. Let me start.',
  "So, I need to determine {r}. Let's see how to do this.",
  'Alright, let me tackle this. We want {r}.',
  "Okay, so first I need to understand what's being asked: {r}.",
  'Okay, let me think about this problem. It asks for {r}.',
  'Hmm, so the task is to find {r}. I think I know how to do this.',
  'Okay, so the question is about {r}. Let me work through it step by step.',
  "Alright, so we're looking for {r}. Let me see.",
  'Okay, I need to compute {r}. Let me recall the standard approach.',
  'Let me see... I have to find {r}.',
  'Okay, so this is asking for {r}. Let me think carefully.',
  'Hmm, this looks like a standard problem. We need {r}.',
  "Okay, so I need to find {r}. I remember there's a systematic way to do this.",
  "Alright, let's figure out {r}.",
  "Okay. The goal is {r}. Let's start with the basics.",
  'So the problem is to find {r}. Hmm, let me think about it.',
  'Okay, let me parse this. We want {r}.',
  'Okay, so what I need is {r}. Let me work it out.',
  'Hmm. Let me read the question again: it wants {r}. Okay.',
  'Alright, I need {r}. Let me go step by step.',
  "Okay, let's tackle this problem: {r}.",
  "So I'm supposed to find {r}. Let me think about what tools I have.",
  "Okay, so the question asks for {r}. This shouldn't be too bad.",
  "Let's see. We're asked for {r}. Let me set things up.",
  'Okay, so, {r}. Hmm, where to start.',
  'Alright. I want {r}. First, let me restate it to be sure I understand.',
];

const STEP = [
  '{S}',
  'First, {s}',
  'So {s}',
  'Okay, {s}',
  "Let's see, {s}",
  'Hmm, {s}',
  'Alright, {s}',
  'Then {s}',
  'Next, {s}',
  'Now, {s}',
  'And {s}',
  'Well, {s}',
  'Right, so {s}',
  'Okay so {s}',
  'Let me see: {s}',
  'Let me write that down: {s}',
  'Okay, here goes: {s}',
  'Now, let me compute: {s}',
  'Also, {s}',
  'OK, {s}',
  'So then {s}',
  'Hmm, okay, {s}',
  'Let me think. {S}',
  'Moving on, {s}',
  'Good. Next, {s}',
  'Now for the next part: {s}',
  'Let me keep going: {s}',
  'Then, {s}',
  'So far so good. {S}',
  'Let me keep track: {s}',
  'From there, {s}',
  'After that, {s}',
  'Step by step: {s}',
  'Now then, {s}',
  "Let's compute: {s}",
  'Good, so {s}',
  'Okay, next piece: {s}',
  'To be careful: {s}',
  "I'll do this carefully. {S}",
  'Hmm, let me see. {S}',
  'Right. {S}',
  'Fine. {S}',
  'Now I need the next bit: {s}',
  'Let me work that out: {s}',
  'And then {s}',
  'Carrying on, {s}',
  'Continuing: {s}',
  'Okay, and {s}',
  'Oh, and {s}',
  'Let me just write it out: {s}',
];

const MIDWAIT = [
  'Wait, {d}',
  'Hmm, wait — {d}',
  'Wait a second. {D}',
  'Hold on, {d}',
  'Wait, actually, {d}',
  'Hmm, but {d}',
  'Actually, wait: {d}',
  'Wait. {D}',
  'Hmm. Let me double-check one thing: {d}',
  'Wait, let me make sure — {d}',
  'One thing: {d}',
  'Hmm, hold on. {D}',
  'Wait, hmm. {D}',
  'Actually, let me pause. {D}',
  'Wait, before I go on: {d}',
  'But wait, {d}',
  'Hmm, actually — {d}',
  'Wait wait. {D}',
  'Oh wait, {d}',
  'Hmm, is that right? {D}',
  'Let me be careful here. {D}',
  'Hmm, wait, let me think. {D}',
  'Wait, I should check: {d}',
  'Hold on a second. {D}',
  'Wait, let me not rush. {D}',
  'Hmm, quick check: {d}',
  'Wait, one more thing — {d}',
  'Hmm, wait. Let me think about this. {D}',
  'Hmm, hmm. {D}',
  "Wait, I'm not sure about something. {D}",
  'Actually, hold on: {d}',
  'Hmm, let me just verify: {d}',
  'Hmm, one concern: {d}',
  'Wait — {d}',
  'Before that, wait. {D}',
  'Hmm, let me be careful. {D}',
  'Hang on, {d}',
  'Wait, hmm, {d}',
  'Actually, hmm. {D}',
  'Wait, let me re-read the problem. {D}',
  'Hmm, let me think again about this step. {D}',
  'Oh, wait. {D}',
  'Hmm, hold on — {d}',
  'Hmm, wait, {d}',
  'Wait, sanity check: {d}',
  'Hmm, just to be safe: {d}',
  'Wait, did I get that right? {D}',
  'Hold on. {D}',
  'Wait a moment, {d}',
  'Hmm, actually, let me double-check that. {D}',
];

const SLIP = [
  '{A} Actually, no — {b}',
  '{A} Wait, no. {B}',
  '{A} Hmm, no, {b}',
  '{A} Actually, wait: {b}',
  '{A} Hold on, {b}',
  '{A} Wait, that’s off. {B}',
  '{A} Hmm, actually no. {B}',
  '{A} No wait, {b}',
  '{A} Oops, {b}',
  '{A} Hmm, wait — {b}',
  '{A} Actually, let me redo that: {b}',
  '{A} No, hold on. {B}',
  '{A} Wait, let me recompute. {B}',
  '{A} Hmm, that’s not right. {B}',
  '{A} Wait. {B}',
  '{A} Hmm, let me fix that: {b}',
  '{A} Actually, no, {b}',
  '{A} Hmm, wait, no. {B}',
  '{A} Ah, no — {b}',
  '{A} Wait, scratch that. {B}',
  '{A} Hmm. No. {B}',
  '{A} Wait, actually, {b}',
  '{A} Let me double-check... no, {b}',
  '{A} Hmm, hold on, {b}',
  '{A} No — {b}',
  '{A} Actually, correction: {b}',
];

const TRIAL = [
  "What if it's {t}? Then {chk}, so no.",
  'Try {t}: {chk}. No.',
  "How about {t}? {Chk}. Doesn't work.",
  'Does {t} work? {Chk}, no.',
  'Let me test {t}. {Chk}, so that fails.',
  '{t}? {Chk}. Nope.',
  'Maybe {t}? {Chk}, not good.',
  'Check {t}: {chk}, so no.',
  'What about {t}? {Chk} — no.',
  'If it were {t}, then {chk}. No.',
  'Try {t}. {Chk}. Not it.',
  'Next, {t}: {chk}. No.',
  "Is it {t}? {Chk}, so it isn't.",
  'Testing {t}: {chk} — fails.',
  "{t} doesn't work either: {chk}.",
  'Could it be {t}? {Chk}, no.',
  'Then {t}: {chk}. No good.',
  'Hmm, {t}? {Chk}. No.',
  'Suppose {t}. Then {chk}, which fails.',
  "Let's try {t}: {chk}, no.",
  'Now {t}: {chk}. Nope.',
  '{t}: {chk}. Not that.',
  "What if {t}? {Chk} — doesn't fit.",
  'And {t}? {Chk}, no.',
  'Try {t} next: {chk}, no.',
  'Okay, {t}: {chk}, fails.',
];

const GUESS = [
  'My gut says somewhere around {g}, but let me actually compute it.',
  "Roughly {g}, I'd guess, but let me be precise.",
  "Off the top of my head it should be near {g}. Let's do it properly though.",
  'Ballpark, maybe {g}? I need the exact value, so let me compute.',
  "I'd estimate something like {g}, but estimates aren't answers. Let me work it out.",
  'Hmm, intuitively around {g}. Let me actually count.',
  "Probably in the neighborhood of {g}. Let's get the exact number.",
  'A quick estimate gives about {g}, but I need it exactly.',
  'If I had to guess, {g}-ish. But let me do it carefully.',
  'It should be roughly {g}. Let me compute it exactly.',
  'Just to have a sense of scale: around {g}. Now the exact count.',
  "I'd expect something close to {g}. Let me verify by computing.",
  "Rough guess: {g}. Let's see how close that is.",
  "My first instinct is about {g}, but that's just an estimate.",
  'Something near {g}, probably. Let me actually do it.',
  'The order of magnitude should be around {g}. Okay, exact computation now.',
  "Hmm, maybe around {g}? Let's compute.",
  "I'd ballpark it at {g}, but let me not trust that.",
  'An estimate would be about {g}. Let me get the precise value.',
  'Approximately {g}, I think. Now carefully.',
  'Something like {g}, roughly. Let me do the real computation.',
  'Rough sense: near {g}. Let me calculate it properly.',
  'Probably close to {g}, but let me work it out exactly.',
  'My rough estimate is {g}. Now the exact count.',
  'Should be around {g}. Okay, let me be exact.',
  'Intuition says about {g}. Let me check with an actual computation.',
];

const CONCL = [
  'So {q} is @@.',
  'Therefore, {q} is @@.',
  'So that gives @@.',
  'That means {q} should be @@.',
  'So the answer is @@.',
  'Okay, so {q} comes out to @@.',
  'Hence {q} = @@.',
  'So I get @@.',
  'Putting it together, {q} is @@.',
  'Alright, so {q} must be @@.',
  'So, {q}: @@.',
  'Thus {q} equals @@.',
  "So it's @@.",
  'That gives {q} as @@.',
  'Okay, so @@ is the answer.',
  'So the result is @@.',
  'Which means the answer should be @@.',
  'So, @@.',
  'Therefore the answer is @@.',
  'So {q} works out to @@.',
  "So far, I'm getting @@ for {q}.",
  'Then {q} is @@.',
  'So {q} would be @@.',
  "Okay, so that's @@.",
  'In total, {q} is @@.',
  'Alright, that gives me @@.',
  'Therefore, I think the answer is @@.',
  'So finally {q} is @@.',
  'So @@ should be {q}.',
  'And so {q} is @@.',
  'Got it: {q} is @@.',
  'Okay. So {q} = @@.',
  'Hmm, so the answer comes out as @@.',
  'That leaves {q} at @@.',
  'So my answer is @@.',
  "So in the end it's @@.",
  'Therefore {q} must equal @@.',
  'Then the answer would be @@.',
  'So the final answer is @@.',
  "So I'd say {q} is @@.",
  'This gives @@ as {q}.',
  'So, putting it all together: @@.',
  'Okay, that means the answer is @@.',
  'Alright. {Q} is @@.',
  'So the answer to the question is @@.',
  'So it looks like {q} is @@.',
  'Then, {q} comes to @@.',
  'Conclusion so far: {q} is @@.',
  'So I end up with @@.',
  'That makes {q} equal to @@.',
];

const CONCL_C = [
  'So {q} is {c} = @@.',
  'Therefore {q} = {c} = @@.',
  "So that's {c} = @@.",
  "Then {c} = @@, so that's {q}.",
  'Putting it together: {c} = @@.',
  'So the answer is {c} = @@.',
  "Okay, {c} = @@. So that's the answer.",
  'Which gives {c} = @@.',
  "Computing: {c} = @@. That's {q}.",
  'So {q} works out to {c}, which is @@.',
  'So {c} = @@ is {q}.',
  'Hence {q} = {c} = @@.',
  'And {c} = @@, which is {q}.',
  'Alright: {c} = @@.',
  "Let me compute {c}: that's @@.",
  'So we get {c} = @@.',
  "Thus {c} = @@, and that's {q}.",
  'Therefore, {c} = @@.',
  'That gives {c} = @@ for {q}.',
  'Okay, so {c} = @@. That should be it.',
  'Finally, {c} = @@.',
  'Then {q} is {c}, so @@.',
  'So {q} = {c} = @@, I think.',
  "Now {c} = @@, and that's what the question asks for.",
  '{Q} = {c} = @@.',
  'So that comes to {c} = @@.',
  'Which is {c} = @@.',
  'Evaluating: {c} = @@.',
  'And so {q} = {c} = @@.',
  'So the answer should be {c} = @@.',
];

const TURN = [
  'Wait, let me double-check that.',
  'Hmm, but let me make sure I didn’t make a mistake.',
  'Wait, is that right?',
  'Hold on, let me verify this.',
  'Hmm, let me check this another way to be safe.',
  'But wait, I should double-check.',
  'Hmm, that seems plausible, but let me verify.',
  'Wait, let me think again.',
  'Actually, let me re-examine this.',
  "Hmm, I'm not 100% sure. Let me check.",
  'Wait, maybe I made an error somewhere.',
  'Let me verify that, just in case.',
  'Hmm, wait a moment.',
  'Hold on. Let me go back over this.',
  'Wait, let me reconsider.',
  'Hmm, is that correct? Let me see.',
  'But let me make sure.',
  'Wait, but I want to be careful here.',
  'Hmm, let me sanity-check that.',
  'Okay, but before I commit, let me check.',
  'Wait, something feels off. Let me look again.',
  'Hmm. Let me confirm.',
  'Hmm, wait, let me double-check my work.',
  'Let me think again to be sure.',
  'Hmm, actually, let me verify by another approach.',
  'But wait, did I do that right?',
  'Hmm, hold on. Let me re-check.',
  'Wait, maybe I should verify this.',
  'Hmm, let me go through it once more.',
  'Let me pause and double-check.',
  'Wait, wait. Let me re-verify.',
  'Hmm, I want to double-check this.',
  'But let me not be hasty.',
  'Wait, am I sure about that?',
  'Hmm, let me look at this again.',
  'Hmm, wait. Is that really it?',
  'Hold on, I should check that.',
  'Wait a second, let me verify.',
  'Hmm, let me make sure about this.',
  'Let me just double-check everything.',
  'Hmm, but is that right? Let me see.',
  'Actually, wait. Let me check again.',
  'Wait, let me be careful.',
  'Hmm, that was quick. Too quick, maybe.',
  'Okay, wait. Let me reconsider this.',
  'Hmm, maybe I should double-check.',
  'Let me re-verify before finalizing.',
  "Wait, I'm second-guessing myself. Let me check.",
  'Hmm, hmm. Let me see if that holds up.',
  'Wait, hold on. Let me redo this carefully.',
];

const CHECK = [
  'Let me try another way.',
  'Alternatively, maybe I can count it differently.',
  'Another approach:',
  'Let me verify with a different method.',
  'Alternatively, let me think about it this way.',
  'Let me compute it another way to confirm.',
  'Another way to see it:',
  'Let me think about it from a different angle.',
  'Alternatively, maybe I can approach it like this.',
  'Let me cross-check using a different method.',
  "Here's another approach.",
  'Let me redo it differently.',
  'Maybe I can verify by a second method.',
  'Let me try a completely different route.',
  'Let me double-check by counting another way.',
  "Alternatively, let's do it directly.",
  'Let me approach it from scratch, differently.',
  'Okay, second method.',
  'Let me see if another method gives the same thing.',
  "I'll verify this with a different technique.",
  'One more way to check:',
  'Let me confirm by a different calculation.',
  'Let me try to get the same number another way.',
  'Alternatively, I could think of it like this.',
  'Let me check it a different way.',
  'A different way to count this:',
  'Let me redo it using another idea.',
  'Perhaps a second approach will help.',
  'Let me see — another way to get this.',
  'I can also compute it like this.',
  'Let me verify it independently.',
  'Let me try the other standard method.',
  'Let me also do it the other way around.',
  'As a check, another method:',
  'For a sanity check, let me recompute it differently.',
  "Hmm, there's another approach I could use.",
  'Let me cross-verify.',
  'Alternatively, I can check it like this.',
  'Let me count it one more way.',
  'Let me approach this again, but differently.',
  "I'll try a second approach to be sure.",
  'Another method, just to be safe.',
  'Let me think of a different way to compute it.',
  "What's another way to do this? Maybe this:",
  'Let me check with an alternative computation.',
  'Let me recompute from a different starting point.',
  'To confirm, let me use another method.',
  'Let me try verifying with a second technique.',
  "Let's double-check with a different approach.",
  'Another way: let me see if I can get there directly.',
];

const RECHECK = [
  'Let me go through the reasoning once more.',
  'Let me re-read the problem and redo the main computation.',
  'One more pass through the steps.',
  'Let me quickly redo the main computation.',
  'Let me re-trace the argument.',
  'Just to be thorough, once more from the start.',
  'Let me recount quickly.',
  "I'll run through it again briefly.",
  'Let me redo it in my head.',
  'Going over it again:',
  'Let me recompute, slowly this time.',
  'Let me check the numbers again.',
  'Quick recount:',
  'Let me repeat the calculation.',
  'Once more, carefully:',
  'Let me redo the key step.',
  'Let me go back over the numbers.',
  'Re-checking the computation:',
  'Let me walk through it again.',
  'Let me recompute everything from the top.',
  'Going through it once more:',
  'Let me verify the arithmetic again.',
  'Let me recount, step by step.',
  'Let me retrace it:',
  'Okay, from the top:',
  'Let me re-derive it quickly.',
];

const ECHO = [
  'So that also gives @@.',
  'Same answer: @@.',
  'Okay, so {q} is @@ again.',
  'That matches — @@.',
  'So again, @@.',
  'Great, that gives @@ too.',
  "So it's @@ either way.",
  'Okay, @@ again. Good.',
  'That confirms {q} is @@.',
  'So yes, {q} is @@.',
  "Okay, that's @@ as well.",
  'So I get @@ again.',
  'Alright, consistent: @@.',
  'So {q} is indeed @@.',
  'Both methods give @@.',
  'Yep, @@.',
  'Okay, so the second method also lands on @@.',
  'So that checks out: @@.',
  'So once more, @@.',
  'That agrees: {q} = @@.',
  'Same result, @@.',
  'Hence, @@ again.',
  "Okay, so it's definitely @@.",
  'Good, {q} = @@ confirmed.',
  'So the answer is @@, consistent with before.',
  'Therefore {q} is @@, same as before.',
  "Okay, that's @@, which matches.",
  "And that's @@. Matches.",
  "So I'm getting @@ again.",
  'Alright, that also comes to @@.',
  'So this way gives @@ too.',
  "That's @@, the same as the first time.",
  'So the check gives @@.',
  'Again {q} comes out to @@.',
  'So the recount gives @@.',
  'Which again is @@.',
  'So yes — @@.',
  "So it's @@. Same thing.",
  'Okay, @@ both ways.',
  'Thus {q} is @@ once more.',
  'Consistent. {Q} is @@.',
  'So @@ again, good.',
  'That brings me to @@ again.',
  'Okay so this route also ends at @@.',
  'Nice, @@ again.',
  'So {q} = @@, confirmed.',
  'And again, @@.',
  'Same as before: @@.',
  "So it's @@ — consistent.",
  'Then {q} is @@ this way too.',
];

const ECHO_C = [
  'So {c} = @@, same as before.',
  'That gives {c} = @@ again.',
  'Then {c} = @@. Matches.',
  'Total: {c} = @@. Same answer.',
  'So {q} = {c} = @@ again.',
  'Okay, {c} = @@. Consistent.',
  'And {c} = @@, which agrees.',
  'So {c} = @@ — the same.',
  "That's {c} = @@, matching the first method.",
  'Again {c} = @@.',
  'Hence {c} = @@, confirmed.',
  'Which gives {c} = @@ once more.',
  'So {c} = @@. Good, it matches.',
  'Evaluating: {c} = @@, same result.',
  'So this route gives {c} = @@ as well.',
  'Then {q} = {c} = @@, consistent with before.',
  'Computing {c}: @@. Same.',
  'So {c} comes to @@ again.',
  'Okay: {c} = @@. That agrees.',
  "That's {c} = @@ again. Great.",
  'Thus {c} = @@. It checks out.',
  'Then {c} = @@, the same number.',
  'So again {c} = @@.',
  'And {c} is @@. Matches.',
  'Okay, so {c} = @@ too.',
  'Which is {c} = @@. Same as earlier.',
];

// Neutral statements of a (new, different) value reached by a route: a candidate.
const NEUTRAL = [
  'So that gives @@.',
  'Hmm, so now I get @@.',
  "So this way it's @@.",
  'So then {q} would be @@.',
  'That gives {q} = @@.',
  'So actually @@.',
  'Hmm, so {q} is @@.',
  'Then the answer is @@.',
  'So I get @@ this time.',
  'So {q} comes out as @@.',
  "So now it's @@.",
  'This route gives @@.',
  'So that makes it @@.',
  "Okay, so that's @@.",
  'So the answer would be @@.',
  'Hmm, that gives @@.',
  'So I end up with @@.',
  'Thus @@.',
  'So this gives {q} as @@.',
  "Then it's @@.",
  'So {q} is @@ by this count.',
  'Which means {q} is @@.',
  'So this way {q} = @@.',
  'Therefore @@.',
  'This time I get {q} = @@.',
  'So by this method, @@.',
];

const NEUTRAL_C = [
  'So {c} = @@.',
  'Then {c} = @@.',
  "So it's {c} = @@.",
  'Which gives {c} = @@.',
  'So {q} = {c} = @@.',
  'Hmm, {c} = @@.',
  'That gives {c} = @@.',
  'Total: {c} = @@.',
  'So this way, {c} = @@.',
  'Then {q} is {c} = @@.',
  'Computing: {c} = @@.',
  "That's {c} = @@.",
  'Okay, {c} = @@.',
  'So we have {c} = @@.',
  'This gives {c} = @@.',
  'Hence {c} = @@.',
  'So {c}, which is @@.',
  'Adding up: {c} = @@.',
  'So now {c} = @@.',
  'And {c} = @@.',
  'So the count is {c} = @@.',
  'Thus {c} = @@.',
  'Hmm, so {c} = @@.',
  'Evaluating, {c} = @@.',
  'That comes to {c} = @@.',
  'So {q} = {c}, i.e. @@.',
];

const CONFIRM = [
  'Yes, that seems right.',
  'Okay, that makes sense.',
  "Good, I'm confident now.",
  "Yeah, I think that's correct.",
  'Alright, that checks out.',
  "Okay, I'm fairly sure that's it.",
  "Yes, I think that's solid.",
  'That seems consistent.',
  'Okay, good.',
  'Right, that looks correct.',
  "Hmm, yes, that's fine.",
  "Okay, I don't see any mistakes.",
  'Yes. Good.',
  "So I'm pretty confident.",
  'That feels right.',
  'Okay, everything is consistent.',
  'Yeah, that works.',
  "Alright, I'm convinced.",
  "Yes, that's right.",
  "I think that's it.",
  'Okay, no issues there.',
  "Good, that's reassuring.",
  "Okay, I'm happy with that.",
  'Seems correct.',
  'Yep, that holds up.',
  "Yes, I believe that's the right answer.",
  "Okay, that's settled.",
  'That all lines up.',
  'Alright, looks good.',
  "Hmm, yes, I'm confident in that.",
  "Okay, I think we're done.",
  'Yeah, no problems.',
  "I can't find anything wrong with it.",
  'Great, that makes sense.',
  'So that should be correct.',
  "Okay. I'm sure now.",
  'Yes, everything checks.',
  'Alright, that seems solid.',
  'Okay, good, consistent.',
  'That sounds right to me.',
  'Hmm, okay, yes.',
  "Fine, that's correct.",
  'Wait, is that right? ... Yes, I think so.',
  'Okay, that seems to be it.',
  'Yes, that agrees with my rough expectation too.',
  'Right. Good.',
  'Hmm, wait, is that right? Yeah, it is.',
  "Okay, I'm comfortable with this.",
  "Yes, okay, that's it.",
  'Alright, confident.',
];

const RESTATE = [
  'So the answer is {v}.',
  'So {v}.',
  'Therefore, the answer is {v}.',
  'So yeah, {v}.',
  'So {q} is {v}.',
  'Final answer: {v}.',
  "So it's {v}.",
  'Okay, {v} it is.',
  "So I'll go with {v}.",
  'Answer: {v}.',
  'So, {v}.',
  'Hence the answer is {v}.',
  'Yes, {v}.',
  'Therefore {q} is {v}.',
  'So my final answer is {v}.',
  'The answer should be {v}.',
  'Alright, {v}.',
  'Thus, {v}.',
  "I'm going with {v}.",
  'So {v} is the answer.',
  '{Q} is {v}, then.',
  'So the final answer is {v}.',
  "That's {v}.",
  'So, to conclude: {v}.',
  'OK so {v}.',
  'So the answer must be {v}.',
  'Okay so the answer is {v}.',
  'Yeah, the answer is {v}.',
  'So {v} is it.',
  'Right, {v}.',
];

const DRAFT = [
  "So I'll write the answer as \\boxed{{v}}.",
  'Final answer: \\boxed{{v}}.',
  'I should put {v} in a box.',
  'So the final answer is \\boxed{{v}}.',
  "So I'll write: the answer is {v}.",
  'Let me write that up: {v}.',
  'Okay, writing the final answer: {v}.',
  'Answer: \\boxed{{v}}',
  'So the boxed answer is {v}.',
  "I'll present {v} as the answer.",
  'Okay, so the final answer is {v}.',
  'So: \\boxed{{v}}.',
  "I'll go with \\boxed{{v}}.",
  'Alright, the answer to give is {v}.',
  'Now let me write the solution with the answer {v}.',
  "So in the final response I'll say {v}.",
  "So I'll box {v}.",
  'The final answer is {v}; let me write it up.',
  'Writing it up: \\boxed{{v}}.',
  'Time to write the answer: {v}.',
  "So the answer I'll give is {v}.",
  "I'll state the answer as {v}.",
  'Final: {v}.',
  'OK, final answer {v}.',
  'Let me summarize with the answer {v}.',
  'So the solution ends with \\boxed{{v}}.',
];

const FORMAT_ONLY = [
  'Now I just need to present it neatly.',
  'Let me write the final answer in a box.',
  "I'll put the answer in a box at the end.",
  'Okay, let me write up the solution.',
  'Let me present the steps cleanly.',
  'I should format the answer with \\boxed.',
  'Now to write it up properly.',
  'Let me just write a short summary.',
];

const CORR_INTRO = [
  "Wait, no. That's not right.",
  'Hmm, wait. I think I made a mistake.',
  'Oh wait, I messed up.',
  "Hold on, that's wrong.",
  'Wait, actually, no.',
  "Hmm, no, wait. Something's off.",
  'Oh no, I see an error.',
  'Actually, no — I made an error there.',
  "Wait, that can't be right.",
  'Hmm, hold on. I think I slipped up.',
  'Wait a minute, I made a mistake.',
  'Oops. Let me fix that.',
  "Hmm, actually, that's not correct.",
  "No wait, that's wrong.",
  "Hmm, wait. That doesn't look right.",
  'Wait, I think I see the problem.',
  'Actually, wait. I need to correct something.',
  'Hmm, no. Let me redo that part.',
  "Wait, hmm, there's an error.",
  'Ah, wait. I made a mistake.',
  "Hmm, that's off. I see why.",
  'Oh, wait. I think I got that wrong.',
  "Actually, hold on. That's a mistake.",
  'Wait, no no. Let me fix this.',
  "Hmm, wait a second, that's incorrect.",
  'Hmm, I think I messed something up.',
  'Wait. I see an issue.',
  'Hold on, I made an error.',
  'Oh, wait, I overlooked something.',
  "Hmm, no, that's not it.",
  'Wait, actually, I think that was wrong.',
  'Oh! I see what I did wrong.',
  'Wait, that was a mistake.',
  "Hmm. No. There's a problem.",
  'Hold on — I got that wrong.',
  "Wait, hmm, no. That's a mistake.",
  'Actually, I think I made an error earlier.',
  'Hmm, wait. I made a careless error.',
  "Oh wait, no, that's incorrect.",
  'Hmm, scratch that.',
  'Wait, I need to redo this.',
  'Hmm, actually, no. Let me look again.',
  'No, hold on. Something is wrong.',
  "Wait, I think there's a flaw.",
  "Actually, that's a mistake. Let me fix it.",
  'Oh, hmm, I see my error.',
  'Wait, I made a wrong step.',
  "Hmm, that's not correct, I think.",
  "Wait, wait. That's wrong.",
  'Okay, no, I messed that up.',
];

const CORR = [
  'So the correct answer is @@.',
  'So actually {q} is @@.',
  'So it should be @@, not {w}.',
  'Therefore {q} is actually @@.',
  'So the answer is @@.',
  "So it's @@.",
  'Okay, so the corrected value is @@.',
  'That changes things: {q} is @@.',
  'So {q} is @@, not {w}.',
  'So, correcting that: @@.',
  'So the right answer is @@.',
  'Hence {q} = @@.',
  'So I get @@ now.',
  'Okay, so that makes it @@.',
  'So the answer is @@ instead.',
  "Alright, so it's @@ rather than {w}.",
  'That gives @@.',
  'So now {q} comes to @@.',
  'Fixed: {q} is @@.',
  "So it's actually @@.",
  'Then the answer becomes @@.',
  'So {q} should be @@.',
  'So the true answer is @@.',
  "Okay, so corrected, it's @@.",
  'Thus the answer is @@, not {w}.',
  'So, @@.',
  'So that gives @@ after all.',
  'Right, so {q} is @@.',
  'That means the answer is @@.',
  'Now I get @@ for {q}.',
];

const CORR_C = [
  "So it's {c} = @@.",
  'So the corrected result is {c} = @@.',
  'So {q} = {c} = @@.',
  "Then {c} = @@. That's the right answer.",
  'So actually {c} = @@.',
  'Redoing it: {c} = @@.',
  'So it should be {c} = @@, not {w}.',
  'Therefore {c} = @@.',
  'So now: {c} = @@.',
  'Correct version: {c} = @@.',
  'That makes it {c} = @@.',
  'So we get {c} = @@ instead.',
  'So {c} = @@ is the right value.',
  "Okay, {c} = @@. That's {q}.",
  'Fixing that, {c} = @@.',
  'Thus {q} is {c} = @@.',
  "So properly it's {c} = @@.",
  'So the answer is really {c} = @@.',
  'Hence {c} = @@, not {w}.',
  'Okay, so {c} = @@.',
  'So {q} is {c} = @@ after all.',
  'With that fixed, {c} = @@.',
  'Redo: {c} = @@.',
  'So the corrected computation is {c} = @@.',
  'Which gives {c} = @@, not {w}.',
  'Now {c} = @@.',
];

const REVERT = [
  'Hmm, wait. Maybe I should think about it differently.',
  'Wait, actually, let me reconsider the approach.',
  "Hmm, but actually, now I'm not sure.",
  'Wait, hold on. Maybe I did that wrong.',
  'Hmm, actually, let me redo this part.',
  'Wait, let me rethink this.',
  "Hmm. Actually, maybe there's a different way to see it.",
  'Wait, I might have overcomplicated this.',
  'Hmm, but let me reconsider.',
  'Hold on, let me redo it a different way.',
  'Actually, wait. Let me look at it again.',
  "Hmm, I'm having second thoughts.",
  'Wait, maybe I misapplied something.',
  'Hmm, maybe I should recompute.',
  'Wait, actually, let me approach it more directly.',
  'Hmm, let me try once more from the beginning.',
  'Wait. Let me redo that more carefully.',
  'Hmm, hold on. Maybe my first approach was off.',
  'Actually, let me think again.',
  "Hmm, wait, I'm doubting that.",
  'Alternatively, maybe I should do it this way.',
  'Wait, is that really how it works? Let me redo it.',
  'Hmm, something bugs me. Let me recompute.',
  'Actually, hmm. Let me redo it.',
  'Wait, let me try a simpler route.',
  'Hmm, on reflection, let me redo this.',
];

const CONFLICT = [
  'Hmm, now I have two different answers: {a} and {b}.',
  "Wait, that's different from before. {a} vs {b}.",
  "Hmm, that doesn't match the {a} I got earlier.",
  "Now I'm confused. Earlier I had {a}, now {b}.",
  'These disagree: {a} versus {b}. One of them is wrong.',
  'Hmm, {b} is not {a}. Which is right?',
  'Wait, so which is it, {a} or {b}?',
  'That contradicts my first answer of {a}.',
  'Hmm, conflicting results: {a} and {b}.',
  'So I have {a} from the first method and {b} from this one.',
  'Wait, {b}? Before it was {a}.',
  'Hmm, so {a} or {b}? I need to figure out which.',
  "That's a discrepancy: {a} vs. {b}.",
  'Okay, the two approaches disagree ({a} and {b}).',
  "Hmm, now it's {b} instead of {a}. Something's wrong.",
  "Wait, these don't agree.",
  "Hmm, that's not what I got before.",
  "So now there's a conflict between {a} and {b}.",
  "Hold on, {a} and {b} can't both be right.",
  "Hmm, that's a different number.",
  "Ugh, that's inconsistent with {a}.",
  'Hmm, {a} before, {b} now.',
  'Wait, why do I get {b} now and {a} before?',
  'Conflicting answers. Let me sort this out.',
  'So the two methods give {a} and {b}. Hmm.',
  "That's odd — {b}, not {a}.",
];

const FLIPBACK = [
  'Actually, no — the second approach is flawed.',
  'Let me think again. Actually, no, the first one was right.',
  'Hmm, let me see which one is wrong.',
  'Actually, no. I see the issue with the second way.',
  'Let me look at the second method more carefully.',
  'Hmm, I think the second method has a mistake.',
  'Wait, actually, no. The redo was wrong.',
  'Let me think again about the second attempt.',
  'Hmm, okay, let me figure out where the discrepancy comes from.',
  'Actually, wait, no. I think I see it.',
  'Let me check the second calculation.',
  'Hmm, no, actually the first approach is the right one.',
  'I need to find the mistake. Let me look at the redo.',
  "Actually, no, that second line of reasoning doesn't hold.",
  'Hmm, let me think again about which is right.',
  'Wait, actually the redo is where I slipped.',
  'Okay, let me find the error.',
  'Actually, hold on, the second version is wrong.',
  'Let me re-examine the second approach.',
  'Hmm, no. The second way has a flaw.',
  'Actually, no, I was right the first time, I think. Let me see why.',
  'Let me compare the two carefully.',
  'Hmm, so one of them has an error. Let me check the second.',
  'Actually, no, wait. The second one is off.',
  'Let me go through the redo again.',
  'Hmm, let me pin down the mistake.',
];

const FIND_ERR = [
  'Let me find which one is wrong.',
  'So one of them has a mistake. Let me look at the first attempt.',
  'Hmm, let me go back to my first computation.',
  'Let me see where the first approach went wrong.',
  'Okay, I need to figure out which is right.',
  'Let me re-examine the first method.',
  'Let me look for the error.',
  'Hmm, so where did I go wrong?',
  'Let me check the first approach again.',
  'Something is off in one of them. Let me look.',
  'Let me go back to the first calculation.',
  'Okay, let me find the mistake.',
  'Let me scrutinize the first attempt.',
  'Which one is off? Let me check the first one.',
  'Let me figure out the discrepancy.',
  'Hmm, let me re-read my first approach.',
  'Let me compare them step by step.',
  'Let me look at the original computation again.',
  'So I need to find the bug. First method first.',
  'Let me hunt for the error.',
  'Okay, let me dig into the first one.',
  'Let me see which step is wrong.',
  'Let me go through the first attempt again.',
  'Hmm. Let me trace the first method.',
  'I should find the mistake before going on.',
  'Let me reconcile these.',
];

const ACCEPT_WRONG = [
  'Yeah, I think the first attempt was off.',
  "Okay, I'll trust this version more.",
  'Hmm, yes, I think this is the right way.',
  'That seems more careful than before.',
  'Okay, so the earlier answer was a mistake.',
  "Yes, I think that's correct now.",
  'Right, the second approach makes more sense.',
  "Alright, I'll go with this one.",
  'I think this one is right.',
  "Okay, I'm more confident in this.",
  'Yeah, this version is cleaner.',
  'So my first answer was wrong, I think.',
  'Okay, that looks right now.',
  'Hmm, I think the redo is more careful, so I will go with it.',
  "I'll trust this result.",
  'Yes, this seems right.',
  "Okay, so I'll correct my answer.",
  'Hmm, I think this is the better reasoning.',
  'Alright, that feels more solid.',
  'Okay, this must be it.',
  'So the second one it is.',
  "Yeah, I'm fairly sure now.",
  "I'll go with the revised value.",
  'Okay, so the revision stands.',
  "That seems right, so I'll update my answer.",
  'Okay, settled on this.',
];

const ANYWAY = [
  'Hmm, but let me also try another method, just to be sure.',
  'Still, let me try it a different way too.',
  "I'm fairly confident, but a second method wouldn't hurt.",
  'Let me also check with a completely different approach.',
  'But let me try one more approach anyway.',
  'Okay, but let me also do it another way.',
  "Let's also verify with a different method.",
  'Hmm, one more independent check, though.',
  "Let me try another approach anyway, since I'm not 100% sure.",
  'But I should cross-check with a different method.',
  "Hmm, I'd like an independent confirmation.",
  'Let me still do it a second way.',
  'Let me try yet another way, to be safe.',
  'Okay, but let me approach it differently too.',
  'Even so, let me verify differently.',
  'Though, let me try another angle.',
  'Hmm, let me also try the other standard method.',
  'Let me confirm with a different technique as well.',
  'Let me also see what a different method says.',
  'Just in case, another approach.',
  'One more check from a different angle.',
  'Let me double-check with an independent method too.',
  'Let me attack it another way as well.',
  'Let me try something different to confirm.',
  'But one more method, to be thorough.',
  'Still, a second method would be reassuring.',
];

const SUM_HEAD = [
  'To find {r}:',
  '**Solution.**',
  'We want {r}.',
  "Here's the solution.",
  'To solve this, we proceed as follows.',
  '**Approach:**',
  "Let's find {r}.",
  'We need {r}.',
  '### Solution',
  'The problem asks for {r}.',
  '**Step-by-step:**',
  'Summary of the solution:',
  'To determine {r}, we proceed step by step.',
  'We compute {r}.',
  'Working it out:',
  '',
  '**Key steps:**',
  'We are asked for {r}.',
  '',
  'Solution outline:',
  'To compute {r}, we argue as follows.',
  '### Reasoning',
  'Goal: {r}.',
  '',
  '**Work:**',
  'Here is a concise solution.',
];

const SUM_TAIL = [
  'Therefore, the answer is $\\boxed{{F}}$.',
  '**Answer:** {F}',
  'Thus, {q} is $\\boxed{{F}}$.',
  'So the answer is **{F}**.',
  '$$\\boxed{{F}}$$',
  'Final answer: {F}',
  'The answer is \\boxed{{F}}.',
  'Hence, {q} is {F}.',
  '**Final Answer**\n\\boxed{{F}}',
  'Therefore {q} equals $\\boxed{{F}}$.',
  'The final answer is $\\boxed{{F}}$.',
  'Answer: $\\boxed{{F}}$',
  'So, {q} = **{F}**.',
  'This gives $\\boxed{{F}}$.',
  '\\[\n\\boxed{{F}}\n\\]',
  '**{F}**',
  'That makes {q} equal to $\\boxed{{F}}$.',
  'Consequently, the answer is {F}.',
  'The required value is $\\boxed{{F}}$.',
  'We conclude that {q} is **{F}**.',
  '### Final Answer\n$\\boxed{{F}}$',
  'Therefore: **{F}**',
  'So the answer is $\\boxed{{F}}$.',
  'In conclusion, {q} is $\\boxed{{F}}$.',
  'The answer: **{F}**.',
  'Thus the answer is $\\boxed{{F}}$.',
];

interface Templates {
  [k: string]: string[];
}
const ALL: Templates = {
  OPEN,
  STEP,
  MIDWAIT,
  SLIP,
  TRIAL,
  GUESS,
  CONCL,
  CONCL_C,
  TURN,
  CHECK,
  RECHECK,
  ECHO,
  ECHO_C,
  NEUTRAL,
  NEUTRAL_C,
  CONFIRM,
  RESTATE,
  DRAFT,
  FORMAT_ONLY,
  CORR_INTRO,
  CORR,
  CORR_C,
  REVERT,
  CONFLICT,
  FLIPBACK,
  FIND_ERR,
  ACCEPT_WRONG,
  ANYWAY,
  SUM_HEAD,
  SUM_TAIL,
};
const halves: Partial<Record<Split, Templates>> = {};
function templates(split: Split): Templates {
  const cached = halves[split];
  if (cached) return cached;
  const r: Templates = {};
  for (const [k, arr] of Object.entries(ALL)) r[k] = arr.filter((_, i) => i % 2 === (split === 'heldout' ? 1 : 0));
  halves[split] = r;
  return r;
}

// ---------------------------------------------------------------------------------------------
// Problems. Every problem knows its right derivation, a plausible wrong one, how the error is
// spotted and fixed, an independent second route, and a few mid-derivation doubts.
// ---------------------------------------------------------------------------------------------

interface Trial {
  t: string;
  chk: string;
}
type Item = string | { doubt: string } | { trial: Trial } | { slip: [string, string]; plain?: string };
interface Deriv {
  items: Item[];
  calc: string; // an expression whose value is the candidate, or ''
}
interface Prob {
  task: string;
  query: string;
  ans: number;
  wrongVal: number;
  restate: string;
  q: string;
  Q?: string;
  right: Deriv;
  wrong: Deriv;
  wrongDiff: number; // index of the first item of `wrong` that differs from `right`
  spot: string[];
  fix: Deriv;
  alt: Deriv;
  doubts: string[];
  guess?: number;
  recap: string;
  wrongRecap: string;
  sumRight: string[];
  sumWrong: string[];
  revertOk: boolean;
  altIndependent?: boolean; // false when the second route only verifies a given value (plugging in)
}

function pInclExcl(rng: Rng): Prob {
  let a = 0;
  let b = 0;
  let g = 1;
  let L = 0;
  do {
    a = ri(rng, 2, 12);
    b = ri(rng, a + 1, 16);
    g = gcd(a, b);
    L = (a * b) / g;
  } while (L > 120 || b % a === 0);
  let N = 0;
  do N = ri(rng, Math.max(2 * L, 100), 3000);
  while (N % L === 0);
  const neither = rng() < 0.4;
  const A = fl(N / a);
  const Bc = fl(N / b);
  const Cc = fl(N / L);
  const U = A + Bc - Cc;
  const ans = neither ? N - U : U;
  const abType = g > 1 && fl(N / (a * b)) !== Cc;
  const Cw = abType ? fl(N / (a * b)) : 0;
  const Uw = A + Bc - Cw;
  const wrongVal = neither ? N - Uw : Uw;
  const s1 = `the multiples of ${a} up to ${N}: floor(${N}/${a}) = ${A}.`;
  const s1slip: Item = {
    slip: [
      `the multiples of ${a} up to ${N}: floor(${N}/${a}) = ${A + 1}.`,
      `${a}·${A + 1} = ${a * (A + 1)}, which is bigger than ${N}, so it's ${A}.`,
    ],
    plain: `the multiples of ${a} up to ${N}: floor(${N}/${a}) = ${A}.`,
  };
  const s2 = `the multiples of ${b}: floor(${N}/${b}) = ${Bc}.`;
  const s3 = `the numbers divisible by both are the multiples of lcm(${a}, ${b}) = ${L}, and floor(${N}/${L}) = ${Cc}.`;
  const first: Item = rng() < 0.3 ? s1slip : s1;
  const right: Deriv = neither
    ? {
        items: [first, s2, s3, `by inclusion-exclusion, ${A} + ${Bc} - ${Cc} = ${U} numbers are divisible by at least one of them.`],
        calc: `${N} - ${U}`,
      }
    : { items: [first, s2, s3], calc: `${A} + ${Bc} - ${Cc}` };
  right.items.splice(3, 0, { doubt: `is lcm(${a}, ${b}) really ${L}? gcd(${a}, ${b}) = ${g}, so lcm = ${a}·${b}/${g} = ${L}. Yes.` });
  let wrong: Deriv;
  let spot: string[];
  if (abType) {
    const w3 = `the numbers divisible by both ${a} and ${b} are the multiples of ${a}·${b} = ${a * b}, so floor(${N}/${a * b}) = ${Cw}.`;
    wrong = neither
      ? { items: [s1, s2, w3, `so ${A} + ${Bc} - ${Cw} = ${Uw} are divisible by at least one of them.`], calc: `${N} - ${Uw}` }
      : { items: [s1, s2, w3], calc: `${A} + ${Bc} - ${Cw}` };
    spot = [
      `${a} and ${b} aren't coprime: gcd(${a}, ${b}) = ${g}. A number divisible by both is a multiple of lcm(${a}, ${b}) = ${L}, not of ${a * b}.`,
      `there are floor(${N}/${L}) = ${Cc} of those, not ${Cw}.`,
    ];
  } else {
    wrong = neither
      ? { items: [s1, s2, `so ${A} + ${Bc} = ${Uw} numbers are divisible by ${a} or ${b}.`], calc: `${N} - ${Uw}` }
      : { items: [s1, s2], calc: `${A} + ${Bc}` };
    spot = [
      `I counted the numbers divisible by both ${a} and ${b} twice.`,
      `those are the multiples of ${L}, and there are floor(${N}/${L}) = ${Cc} of them, so I have to subtract them once.`,
    ];
  }
  const fix: Deriv = neither
    ? { items: [`so the union is ${A} + ${Bc} - ${Cc} = ${U}.`], calc: `${N} - ${U}` }
    : { items: [], calc: `${A} + ${Bc} - ${Cc}` };
  const k = L / a + L / b - 1;
  const qb = fl(N / L);
  const r = N % L;
  const ra = fl(r / a);
  const rb = fl(r / b);
  const union = qb * k + ra + rb;
  const altItems: Item[] = [
    `think in blocks of ${L}: each block of ${L} consecutive integers has ${L / a} multiples of ${a} and ${L / b} multiples of ${b}, and exactly one number divisible by both, so ${k} numbers per block.`,
    `${N} = ${L}·${qb} + ${r}, so the ${qb} full blocks contribute ${qb}·${k} = ${qb * k}.`,
    `the leftover ${r} numbers behave like 1 to ${r}, which contain ${ra} ${ra === 1 ? 'multiple' : 'multiples'} of ${a} and ${rb} of ${b} (and none of ${L}).`,
  ];
  const alt: Deriv = neither
    ? { items: [...altItems, `that's ${qb * k} + ${ra + rb} = ${union} numbers divisible by ${a} or ${b}.`], calc: `${N} - ${union}` }
    : { items: altItems, calc: `${qb * k} + ${ra + rb}` };
  const guessV = Math.round((N / a + N / b) / 10) * 10;
  return {
    task: 'inclusion-exclusion count',
    query: neither
      ? `How many positive integers not exceeding ${N} are divisible by neither ${a} nor ${b}?`
      : `How many integers from 1 to ${N} inclusive are divisible by ${a} or ${b}?`,
    ans,
    wrongVal,
    restate: neither
      ? `the number of positive integers up to ${N} divisible by neither ${a} nor ${b}`
      : `the number of integers from 1 to ${N} divisible by ${a} or ${b}`,
    q: neither ? `the number of integers divisible by neither` : `the number of integers divisible by ${a} or ${b}`,
    right,
    wrong,
    wrongDiff: 2,
    spot,
    fix,
    alt,
    doubts: [
      neither
        ? `"neither" means divisible by none of them, so I want the complement of the union.`
        : `"${a} or ${b}" means at least one of them, not exactly one, so inclusion-exclusion is the right tool.`,
      neither
        ? `"not exceeding ${N}" means ${N} itself is included. Fine, floor division handles that.`
        : `does "from 1 to ${N}" include ${N} itself? It says inclusive, so yes — and floor division handles that anyway.`,
      `is floor(${N}/${a}) = ${A}? ${a}·${A} = ${a * A} ≤ ${N} and ${a}·${A + 1} = ${a * (A + 1)} > ${N}, so yes.`,
    ],
    guess: !neither && guessV !== ans ? guessV : undefined,
    recap: neither
      ? `${A} multiples of ${a}, ${Bc} of ${b}, ${Cc} of both, so ${U} are divisible by at least one, and the rest are the ones I want.`
      : `${A} multiples of ${a}, ${Bc} multiples of ${b}, and ${Cc} multiples of ${L} counted twice.`,
    wrongRecap:
      (abType
        ? `${A} multiples of ${a}, ${Bc} of ${b}, and ${Cw} multiples of ${a * b} in both`
        : `${A} multiples of ${a} plus ${Bc} multiples of ${b}`) +
      (neither ? `, so ${Uw} are divisible by one of them, and I subtract that from ${N}.` : '.'),
    sumRight: [
      `Multiples of ${a}: ${A}. Multiples of ${b}: ${Bc}. Multiples of both (i.e. of ${L}): ${Cc}.`,
      neither
        ? `Divisible by ${a} or ${b}: ${A} + ${Bc} - ${Cc} = ${U}, so ${N} - ${U} = ${ans} are divisible by neither.`
        : `By inclusion–exclusion: ${A} + ${Bc} - ${Cc} = ${ans}.`,
    ],
    sumWrong: [
      abType
        ? `Multiples of ${a}: ${A}. Multiples of ${b}: ${Bc}. Multiples of ${a * b}: ${Cw}.`
        : `Multiples of ${a}: ${A}. Multiples of ${b}: ${Bc}.`,
      neither ? `Divisible by ${a} or ${b}: ${Uw}, so ${N} - ${Uw} = ${wrongVal} are divisible by neither.` : `Total: ${wrongVal}.`,
    ],
    revertOk: true,
  };
}

function pPowMod(rng: Rng): Prob {
  const m = pick(rng, [7, 9, 10, 11, 13, 17]);
  let a = 0;
  do a = ri(rng, 2, 15);
  while (gcd(a, m) !== 1 || a % m === 1);
  const a0 = a % m;
  const pw = [1];
  let x = 1;
  do {
    x = (x * a0) % m;
    pw.push(x);
  } while (x !== 1);
  const d = pw.length - 1;
  let k = 0;
  do k = ri(rng, 40, 2500);
  while (k % d === 0);
  const qq = fl(k / d);
  const r = k % d;
  const ans = pw[r];
  const rw = r + 1 < d ? r + 1 : r - 1;
  const wrongVal = pw[rw === 0 ? d : rw];
  const units = m === 10;
  const reduce: Item[] = a >= m ? [`${a} ≡ ${a0} (mod ${m}), so I can work with ${a0}.`] : [];
  const list = units
    ? `the last digits of the powers of ${a}: ${pw
        .slice(1)
        .map((v, i) => `${a}^${i + 1} → ${v}`)
        .join(', ')}.`
    : `the powers of ${a0} mod ${m}: ${pw
        .slice(1)
        .map((v, i) => `${a0}^${i + 1} ≡ ${v}`)
        .join(', ')}.`;
  const period = units ? `so the last digit repeats every ${d}.` : `so the powers repeat with period ${d}.`;
  const last = units
    ? `${k} = ${d}·${qq} + ${r}, so ${a}^${k} has the same last digit as ${a}^${r}.`
    : `${k} = ${d}·${qq} + ${r}, so ${a}^${k} ≡ ${a0}^${r} (mod ${m}).`;
  const right: Deriv = {
    items: [...reduce, list, { doubt: `${a0}^${d} ≡ 1, so yes, it cycles back — good, the cycle really closes at ${d}.` }, period, last],
    calc: '',
  };
  const wrongLast = `dividing ${k} by ${d}: ${d}·${qq} = ${d * qq}, so the remainder is ${rw}, and ${a}^${k} ${units ? 'ends like' : '≡'} ${a0}^${rw === 0 ? d : rw}.`;
  const wrong: Deriv = { items: [...reduce, list, period, wrongLast], calc: '' };
  const ph = { 7: 6, 9: 6, 10: 4, 11: 10, 13: 12, 17: 16 }[m] ?? 6;
  const s = k % ph;
  const altItems: Item[] = [];
  if (units) altItems.push(`by Euler, φ(10) = 4, so ${a}^4 ends in 1.`);
  else if (m === 9) altItems.push(`by Euler's theorem, φ(9) = 6, so ${a0}^6 ≡ 1 (mod 9).`);
  else altItems.push(`by Fermat's little theorem, ${a0}^${m - 1} ≡ 1 (mod ${m}).`);
  altItems.push(`${k} mod ${ph} = ${s}, so ${a}^${k} ≡ ${a0}^${s}${units ? ' in the last digit' : ''}.`);
  let altCalc = '';
  if (s === 1) {
    altCalc = a >= m ? `${a} mod ${m}` : '';
  } else {
    const pows = [a0];
    for (let j = 1; 1 << j <= s; j++) pows.push((pows[j - 1] * pows[j - 1]) % m);
    const bits: number[] = [];
    for (let j = pows.length - 1; j >= 0; j--) if (s & (1 << j)) bits.push(j);
    const chain = pows
      .slice(1)
      .map((v, j) => `${a0}^${1 << (j + 1)} ≡ ${v}`)
      .join(', ');
    if (bits.length === 1) {
      const j = bits[0];
      if (j >= 2)
        altItems.push(
          `squaring: ${pows
            .slice(1, j)
            .map((v, i) => `${a0}^${1 << (i + 1)} ≡ ${v}`)
            .join(', ')}.`,
        );
      altItems.push(`then ${a0}^${s} = (${a0}^${s / 2})^2 ≡ ${pows[j - 1]}·${pows[j - 1]}.`);
      altCalc = `${pows[j - 1] * pows[j - 1]} mod ${m}`;
    } else {
      altItems.push(`by repeated squaring: ${chain} (mod ${m}).`);
      const vals = bits.map((j) => pows[j]);
      const prod = vals.reduce((p, v) => p * v, 1);
      altItems.push(`${s} = ${bits.map((j) => 1 << j).join(' + ')}, so ${a0}^${s} ≡ ${vals.join('·')} = ${prod}.`);
      altCalc = `${prod} mod ${m}`;
    }
  }
  return {
    task: units ? 'units digit' : 'power remainder',
    query: units ? `What is the units digit of ${a}^{${k}}?` : `What is the remainder when ${a}^{${k}} is divided by ${m}?`,
    ans,
    wrongVal,
    restate: units ? `the units digit of ${a}^${k}` : `the remainder when ${a}^${k} is divided by ${m}`,
    q: units ? 'the units digit' : 'the remainder',
    right,
    wrong,
    wrongDiff: wrong.items.length - 1,
    spot: [`${k} - ${d * qq} = ${r}, not ${rw}. I subtracted wrong.`],
    fix: { items: [units ? `so ${a}^${k} ends like ${a}^${r}.` : `so ${a}^${k} ≡ ${a0}^${r} (mod ${m}).`], calc: '' },
    alt: { items: altItems, calc: altCalc },
    doubts: [
      `is ${a} coprime to ${m}? Yes, so the powers have to come back to 1 at some point.`,
      `let me recheck ${a0}^2: ${a0}·${a0} = ${a0 * a0}, and ${a0 * a0} mod ${m} = ${(a0 * a0) % m}. Yes.`,
      `should the cycle start at exponent 0 or 1? Since ${a0}^${d} ≡ 1, exponent ${d}q + j behaves like exponent j, so it doesn't matter.`,
    ],
    recap: `the cycle has length ${d}, and ${k} leaves remainder ${r} when divided by ${d}, so I need ${a0}^${r}, which from the list is the ${r}${r === 1 ? 'st' : r === 2 ? 'nd' : r === 3 ? 'rd' : 'th'} entry.`,
    wrongRecap: `the cycle length is ${d}; ${d}·${qq} = ${d * qq}, which leaves ${rw} for the exponent, so I need ${a0}^${rw === 0 ? d : rw} from the list.`,
    sumRight: [
      `The powers of ${a0} modulo ${m} cycle with period ${d}.`,
      `Since ${k} ≡ ${r} (mod ${d}), ${a}^{${k}} ≡ ${a0}^{${r}} ≡ ${ans} (mod ${m}).`,
    ],
    sumWrong: [
      `The powers of ${a0} modulo ${m} cycle with period ${d}.`,
      `Reducing the exponent gives ${a}^{${k}} ≡ ${a0}^{${rw === 0 ? d : rw}} ≡ ${wrongVal} (mod ${m}).`,
    ],
    revertOk: true,
  };
}

function pDigitSum(rng: Rng): Prob {
  const m = ri(rng, 12, 9999);
  const L = String(m).length;
  const n = ri(rng, Math.max(8, L + 3), 60);
  const t = 10 ** L - m;
  const padded = String(t).padStart(L, '0');
  const ds = digitSum(t);
  const ans = 9 * (n - L) + ds;
  const check = digitSum(10n ** BigInt(n) - BigInt(m));
  if (check !== ans) throw new Error('digit sum mismatch');
  const wrongVal = 9 * (n - L + 1) + ds;
  const dsm1 = digitSum(m - 1);
  const small = 10 ** (L + 2) - m;
  const s1 = `10^${n} is a 1 followed by ${n} zeros, so 10^${n} - ${m} has ${n} digits.`;
  const s2 = `the last ${L} digits come from 10^${L} - ${m} = ${t}${padded !== String(t) ? `, i.e. ${padded} with the leading zero` : ''}.`;
  const s2slip: Item = {
    slip: [`the last ${L} digits come from 10^${L} - ${m} = ${t + 10}.`, `10^${L} - ${m} is ${t}; I fumbled the subtraction.`],
    plain: `the last ${L} digits come from 10^${L} - ${m} = ${t}.`,
  };
  return {
    task: 'digit sum',
    query: rng() < 0.5 ? `What is the sum of the digits of $10^{${n}} - ${m}$?` : `Find the sum of the digits of 10^${n} - ${m}.`,
    ans,
    wrongVal,
    restate: `the sum of the digits of 10^${n} - ${m}`,
    q: 'the digit sum',
    right: {
      items: [
        s1,
        rng() < 0.3 ? s2slip : s2,
        `everything in front of that is 9s: ${n} - ${L} = ${n - L} nines.`,
        {
          doubt: `let me sanity-check with a small case: 10^${L + 2} - ${m} = ${small}, which is two 9s followed by ${padded}. Yes, that's the pattern.`,
        },
        `the tail digits ${padded.split('').join(' + ')} add to ${ds}.`,
      ],
      calc: `9·${n - L} + ${ds}`,
    },
    wrong: {
      items: [
        s1,
        s2,
        `so in front there are ${n} - ${L} + 1 = ${n - L + 1} nines.`,
        `the tail digits ${padded.split('').join(' + ')} add to ${ds}.`,
      ],
      calc: `9·${n - L + 1} + ${ds}`,
    },
    wrongDiff: 2,
    spot: [`the number has ${n} digits in total and ${L} of them are the tail, so there are ${n - L} nines, not ${n - L + 1}.`],
    fix: { items: [], calc: `9·${n - L} + ${ds}` },
    alt: {
      items: [
        `10^${n} - ${m} = (10^${n} - 1) - ${m - 1}.`,
        `10^${n} - 1 is ${n} nines, with digit sum 9·${n} = ${9 * n}.`,
        `subtracting ${m - 1} from a string of 9s never borrows, so each digit of ${m - 1} just comes off; the digit sum drops by ${dsm1}.`,
      ],
      calc: `${9 * n} - ${dsm1}`,
    },
    doubts: [
      `is 10^${L} - ${m} really ${t}? ${t} + ${m} = ${10 ** L}. Yes.`,
      `${m} has ${L} digits, so the tail is ${L} digits long. Right.`,
      `does the subtraction borrow all the way? It turns every 0 into a 9 except at the end, so yes, a long run of 9s.`,
    ],
    recap: `${n - L} nines in front and the tail ${padded}, whose digits add to ${ds}.`,
    wrongRecap: `${n - L + 1} nines in front plus the tail ${padded} with digit sum ${ds}.`,
    sumRight: [`$10^{${n}} - ${m}$ consists of ${n - L} nines followed by ${padded}.`, `Digit sum: $9 \\cdot ${n - L} + ${ds} = ${ans}$.`],
    sumWrong: [
      `$10^{${n}} - ${m}$ consists of ${n - L + 1} nines followed by ${padded}.`,
      `Digit sum: $9 \\cdot ${n - L + 1} + ${ds} = ${wrongVal}$.`,
    ],
    revertOk: true,
  };
}

function pDivisors(rng: Rng): Prob {
  const PR = [2, 3, 5, 7, 11, 13];
  let ps: number[] = [];
  let es: number[] = [];
  let N = 0;
  do {
    const cnt = rng() < 0.5 ? 2 : 3;
    const pool = [...PR];
    ps = [];
    for (let i = 0; i < cnt; i++) ps.push(pool.splice(ri(rng, 0, pool.length - 1), 1)[0]);
    ps.sort((x, y) => x - y);
    es = ps.map(() => ri(rng, 1, 5));
    N = ps.reduce((p, q, i) => p * q ** es[i], 1);
  } while (N < 200 || N > 2_000_000 || Math.max(...es) < 2);
  const big = N >= 10000 && rng() < 0.5;
  const Nf = big ? comma(N) : String(N);
  const fact = (ex: number[]) => ps.map((p, i) => (ex[i] === 1 ? `${p}` : `${p}^${ex[i]}`)).join(' · ');
  const parts = (ex: number[]) => ps.map((p, i) => p ** ex[i]);
  const choices = es.map((_, i) => i).filter((i) => es[i] >= 2);
  const j = pick(rng, choices);
  const ew = es.map((e, i) => (i === j ? e - 1 : e));
  const ans = es.reduce((p, e) => p * (e + 1), 1);
  const wrongVal = ew.reduce((p, e) => p * (e + 1), 1);
  const Nw = N / ps[j];
  const q7 = PR.find((p) => !ps.includes(p) && p > 2) ?? 17;
  const factorSteps: Item[] = [];
  let cur = N;
  ps.forEach((p, i) => {
    const next = cur / p ** es[i];
    if (i < ps.length - 1) factorSteps.push(`dividing out the ${p}s: ${cur} = ${es[i] === 1 ? p : `${p}^${es[i]}`} · ${next}.`);
    else factorSteps.push(es[i] === 1 ? `${cur} is prime.` : `and ${cur} = ${p}^${es[i]}.`);
    cur = next;
  });
  const divRule = `each divisor picks an exponent from 0 up to the full power for each prime, so the count is the product of (exponent + 1).`;
  const p1 = ps[0];
  const M = N / p1 ** es[0];
  const restCount = es.slice(1).reduce((p, e) => p * (e + 1), 1);
  const restTerms = es.slice(1).map((e) => e + 1);
  const restFact = ps
    .slice(1)
    .map((p, i) => (es[i + 1] === 1 ? `${p}` : `${p}^${es[i + 1]}`))
    .join(' · ');
  return {
    task: 'divisor count',
    query: `How many positive divisors does ${Nf} have?`,
    ans,
    wrongVal,
    restate: `the number of positive divisors of ${Nf}`,
    q: 'the number of divisors',
    right: {
      items: [
        `first, factor ${N}.`,
        { doubt: `is ${q7} a factor? ${N}/${q7} ≈ ${(N / q7).toFixed(2)}, not an integer, so no.` },
        ...factorSteps,
        `so ${N} = ${fact(es)}.`,
        rng() < 0.5
          ? { doubt: `does ${parts(es).join(' · ')} give back ${N}? Multiplying out, yes.` }
          : {
              doubt: `is the power of ${ps[0]} right? ${ps[0]}^${es[0]} = ${ps[0] ** es[0]}, and ${N}/${ps[0] ** es[0]} = ${N / ps[0] ** es[0]} is not divisible by ${ps[0]}. Yes.`,
            },
        divRule,
      ],
      calc: es.map((e) => e + 1).join('·'),
    },
    wrong: { items: [`factoring ${N}: it's ${fact(ew)}.`, divRule], calc: ew.map((e) => e + 1).join('·') },
    wrongDiff: 0,
    spot: [`${parts(ew).join(' · ')} = ${Nw}, not ${N}. I dropped a factor of ${ps[j]}; the exponent of ${ps[j]} should be ${es[j]}.`],
    fix: { items: [`so ${N} = ${fact(es)}.`], calc: es.map((e) => e + 1).join('·') },
    alt: {
      items: [
        `count by the power of ${p1}: ${N} = ${p1}^${es[0]} · ${M}, and ${M} = ${restFact} has ${restTerms.length > 1 ? `${restTerms.join('·')} = ` : ''}${restCount} divisors.`,
        `each of those can be multiplied by ${p1}^0 up to ${p1}^${es[0]}, which is ${es[0] + 1} options.`,
      ],
      calc: `${es[0] + 1}·${restCount}`,
    },
    doubts: [
      `do they want positive divisors only? Yes, "positive divisors", so no negatives to worry about.`,
      `does 1 count as a divisor? Yes, and so does ${N} itself — the formula includes both.`,
    ],
    recap: `${N} = ${fact(es)}, and the (exponent + 1) values are ${es.map((e) => e + 1).join(', ')}.`,
    wrongRecap: `${N} = ${fact(ew)}, and the (exponent + 1) values are ${ew.map((e) => e + 1).join(', ')}.`,
    sumRight: [
      `Prime factorization: $${Nf.replace(/,/g, '{,}')} = ${fact(es).replace(/ · /g, ' \\cdot ')}$.`,
      `Number of divisors: $${es.map((e) => e + 1).join(' \\cdot ')} = ${ans}$.`,
    ],
    sumWrong: [
      `Prime factorization: $${Nf.replace(/,/g, '{,}')} = ${fact(ew).replace(/ · /g, ' \\cdot ')}$.`,
      `Number of divisors: $${ew.map((e) => e + 1).join(' \\cdot ')} = ${wrongVal}$.`,
    ],
    revertOk: true,
  };
}

function pSumMultiples(rng: Rng): Prob {
  const k = ri(rng, 3, 19);
  let A = 0;
  let B = 0;
  do {
    A = ri(rng, 2 * k + 1, 400);
    B = ri(rng, A + 80, A + 1200);
  } while (A % k === 0 || B % k === 0);
  const i0 = Math.ceil(A / k);
  const i1 = fl(B / k);
  const f = k * i0;
  const l = k * i1;
  const T1 = (i1 * (i1 + 1)) / 2;
  const T0 = ((i0 - 1) * i0) / 2;
  const T = T1 - T0;
  const ans = k * T;
  const T0w = (i0 * (i0 + 1)) / 2;
  const Tw = T1 - T0w;
  const wrongVal = k * Tw;
  const c = i1 - i0 + 1;
  const avg = (f + l) / 2;
  const avgS = Number.isInteger(avg) ? String(avg) : avg.toFixed(1);
  const est = ((B - A) / k) * ((A + B) / 2);
  const mag = 10 ** Math.max(2, Math.floor(Math.log10(est)) - 1);
  const guess = Math.round(est / mag) * mag;
  const s1 = `the smallest multiple of ${k} above ${A} is ${f} = ${k}·${i0}.`;
  const s2 = `the largest one below ${B} is ${l} = ${k}·${i1}.`;
  const s3 = `so the sum is ${k}·(${i0} + ${i0 + 1} + ... + ${i1}).`;
  return {
    task: 'sum of multiples',
    query: `What is the sum of all multiples of ${k} between ${A} and ${B}?`,
    ans,
    wrongVal,
    restate: `the sum of all multiples of ${k} between ${A} and ${B}`,
    q: 'the sum',
    right: {
      items: [
        s1,
        { doubt: `${k}·${i0 - 1} = ${f - k}, which is below ${A}, so ${f} really is the first one.` },
        s2,
        s3,
        `${i0} + ... + ${i1} = (1 + ... + ${i1}) - (1 + ... + ${i0 - 1}) = ${T1} - ${T0} = ${T}.`,
        { doubt: `is 1 + ... + ${i1} = ${T1}? ${i1}·${i1 + 1}/2 = ${i1 * (i1 + 1)}/2 = ${T1}. Yes.` },
      ],
      calc: `${k}·${T}`,
    },
    wrong: {
      items: [s1, s2, s3, `${i0} + ... + ${i1} = (1 + ... + ${i1}) - (1 + ... + ${i0}) = ${T1} - ${T0w} = ${Tw}.`],
      calc: `${k}·${Tw}`,
    },
    wrongDiff: 3,
    spot: [
      `subtracting 1 + ... + ${i0} throws away ${i0} itself, but ${i0} is part of my range. I should only subtract up to ${i0 - 1}, which is ${T0}.`,
    ],
    fix: { items: [`so the bracket is ${T1} - ${T0} = ${T}.`], calc: `${k}·${T}` },
    alt: {
      items: [
        `it's an arithmetic sequence: number of terms (${l} - ${f})/${k} + 1 = ${c}.`,
        {
          slip: [
            `the average term is (${f} + ${l})/2 = ${Number.isInteger(avg) ? avg + 1 : (avg + 1).toFixed(1)}.`,
            `${f} + ${l} is ${f + l}, half of that is ${avgS}.`,
          ],
          plain: `the average term is (${f} + ${l})/2 = ${avgS}.`,
        },
      ],
      calc: `${c}·${avgS}`,
    },
    doubts: [
      `"between" — do the endpoints count? Neither ${A} nor ${B} is a multiple of ${k}, so it doesn't matter.`,
      `${k}·${i1 + 1} = ${l + k} is past ${B}, so ${l} is the last one. Good.`,
    ],
    guess: guess !== ans ? guess : undefined,
    recap: `the multiples run from ${k}·${i0} to ${k}·${i1}, and ${i0} + ... + ${i1} is ${T1} - ${T0} = ${T}.`,
    wrongRecap: `the multiples run from ${k}·${i0} to ${k}·${i1}, and the bracket is ${T1} - ${T0w} = ${Tw}.`,
    sumRight: [
      `The multiples of ${k} in the range are ${f}, ${f + k}, ..., ${l}: ${c} terms.`,
      `Sum: $${c} \\cdot \\frac{${f} + ${l}}{2} = ${ans}$.`,
    ],
    sumWrong: [
      `The multiples of ${k} in the range are ${k}·${i0} through ${k}·${i1}.`,
      `Sum: $${k} \\cdot (${T1} - ${T0w}) = ${wrongVal}$.`,
    ],
    revertOk: true,
  };
}

function pTrailingZeros(rng: Rng): Prob {
  const n = ri(rng, 130, 4000);
  const terms: number[] = [];
  const pows: number[] = [];
  for (let p = 5; p <= n; p *= 5) {
    terms.push(fl(n / p));
    pows.push(p);
  }
  const ans = terms.reduce((s, t) => s + t, 0);
  const wrongVal = terms[0] + terms[1];
  const next = pows[pows.length - 1] * 5;
  const termText = terms.map((t, i) => `floor(${n}/${pows[i]}) = ${t}`).join(', ');
  const extra = terms
    .slice(2)
    .map((t, i) => `floor(${n}/${pows[i + 2]}) = ${t}`)
    .join(', ');
  const g = Math.round(n / 4);
  const s0 = `trailing zeros come from factors of 10, i.e. pairs 2·5, and there are plenty of 2s, so I just count the factors of 5 in ${n}!.`;
  return {
    task: 'trailing zeros',
    query: pick(rng, [
      `How many trailing zeros does ${n}! have?`,
      `How many zeros are at the end of ${n}!?`,
      `${n}! ends in how many zeros?`,
    ]),
    ans,
    wrongVal,
    restate: `the number of trailing zeros of ${n}!`,
    q: 'the number of trailing zeros',
    right: {
      items: [
        s0,
        { doubt: `are there really more 2s than 5s? Every other number is even, only every fifth is a multiple of 5, so yes.` },
        { slip: [`floor(${n}/5) = ${terms[0] + 1}.`, `5·${terms[0] + 1} = ${5 * (terms[0] + 1)} > ${n}, so floor(${n}/5) = ${terms[0]}.`] },
        `${termText}.`,
        {
          doubt: `is floor(${n}/25) = ${terms[1]}? 25·${terms[1]} = ${25 * terms[1]} and 25·${terms[1] + 1} = ${25 * (terms[1] + 1)}, so yes.`,
        },
        `5^${pows.length + 1} = ${next} > ${n}, so I can stop there.`,
      ],
      calc: terms.join(' + '),
    },
    wrong: {
      items: [s0, `floor(${n}/5) = ${terms[0]} multiples of 5, and floor(${n}/25) = ${terms[1]} multiples of 25 contribute one more each.`],
      calc: `${terms[0]} + ${terms[1]}`,
    },
    wrongDiff: 1,
    spot: [
      `multiples of 125 have a third factor of 5${pows.length > 3 ? ' (and multiples of 625 a fourth)' : ''}, and I didn't count those: ${extra}.`,
    ],
    fix: { items: [], calc: terms.join(' + ') },
    alt: {
      items: [
        `divide by 5 repeatedly, since floor(floor(n/5)/5) = floor(n/25) and so on: ${n} → ${terms.join(' → ')} → 0.`,
        `adding up everything after ${n} in that chain.`,
      ],
      calc: terms.join(' + '),
    },
    doubts: [
      `does ${n} itself matter? Only if it's a multiple of 5, and floor takes care of that either way.`,
      `a number like 25 contributes two 5s — am I counting it twice? Yes, once in the multiples of 5 and once more in the multiples of 25, which is exactly right.`,
    ],
    guess: g !== ans ? g : undefined,
    recap: `the counts of multiples of ${pows.join(', ')} are ${terms.join(', ')}.`,
    wrongRecap: `${terms[0]} multiples of 5 and ${terms[1]} multiples of 25.`,
    sumRight: [
      `By Legendre's formula, the exponent of 5 in ${n}! is ${terms.map((_, i) => `\\lfloor ${n}/${pows[i]} \\rfloor`).join(' + ')}.`,
      `That is ${terms.join(' + ')} = ${ans}.`,
    ],
    sumWrong: [
      `Count factors of 5: $\\lfloor ${n}/5 \\rfloor + \\lfloor ${n}/25 \\rfloor$.`,
      `That is ${terms[0]} + ${terms[1]} = ${wrongVal}.`,
    ],
    revertOk: true,
  };
}

function pCommittee(rng: Rng): Prob {
  const M = ri(rng, 4, 12);
  const W = ri(rng, 3, 10);
  const k = ri(rng, 3, Math.min(6, M));
  const T = M + W;
  const CT = binom(T, k);
  const CM = binom(M, k);
  const ans = CT - CM;
  const X = binom(T - 1, k - 1);
  const wrongVal = W * X;
  const cases: string[] = [];
  const prods: number[] = [];
  for (let j = 1; j <= Math.min(k, W); j++) {
    const a = binom(W, j);
    const b = binom(M, k - j);
    cases.push(`${j} ${j === 1 ? 'woman' : 'women'}: C(${W}, ${j})·C(${M}, ${k - j}) = ${a}·${b} = ${a * b}`);
    prods.push(a * b);
  }
  let kf = 1;
  for (let i = 2; i <= k; i++) kf *= i;
  const topT = Array.from({ length: k }, (_, i) => T - i).join('·');
  const s1 = `it's easier to count the complement: all committees minus the ones with no women.`;
  return {
    task: 'committee count',
    query: `A club has ${M} men and ${W} women. In how many ways can a committee of ${k} members be chosen if it must include at least one woman?`,
    ans,
    wrongVal,
    restate: `the number of ${k}-person committees from ${M} men and ${W} women with at least one woman`,
    q: 'the number of committees',
    right: {
      items: [
        s1,
        { slip: [`total: C(${T}, ${k}) = ${CT + T}.`, `let me recompute: C(${T}, ${k}) = ${CT}.`], plain: `total: C(${T}, ${k}) = ${CT}.` },
        { doubt: `C(${T}, ${k}) = ${topT}/${kf}, let me make sure: that's ${CT}. Okay.` },
        `all-men committees: C(${M}, ${k}) = ${CM}.`,
      ],
      calc: `${CT} - ${CM}`,
    },
    wrong: {
      items: [
        `pick one woman first to guarantee the condition: ${W} ways.`,
        `then fill the other ${k - 1} seats from the remaining ${T - 1} people: C(${T - 1}, ${k - 1}) = ${X}.`,
      ],
      calc: `${W}·${X}`,
    },
    wrongDiff: 0,
    spot: [
      `that overcounts: a committee with two women gets counted once for each woman I could have picked "first".`,
      `the complement is cleaner: C(${T}, ${k}) = ${CT} committees in all, minus C(${M}, ${k}) = ${CM} with only men.`,
    ],
    fix: { items: [], calc: `${CT} - ${CM}` },
    alt: { items: [`casework on the number of women:`, `${cases.join('; ')}.`], calc: prods.join(' + ') },
    doubts: [
      `does order matter? No, a committee is just a set of people, so combinations.`,
      `there are ${T} people in total, ${M} + ${W}. Right.`,
    ],
    recap: `${CT} committees total, ${CM} of them all men, and the difference is what's asked.`,
    wrongRecap: `${W} ways to pick the guaranteed woman, times ${X} ways to fill the remaining seats.`,
    sumRight: [
      `Total committees: $\\binom{${T}}{${k}} = ${CT}$. All-male committees: $\\binom{${M}}{${k}} = ${CM}$.`,
      `At least one woman: $${CT} - ${CM} = ${ans}$.`,
    ],
    sumWrong: [
      `Choose a woman ($${W}$ ways), then the other ${k - 1} members from the remaining ${T - 1} people ($\\binom{${T - 1}}{${k - 1}} = ${X}$).`,
      `Total: $${W} \\cdot ${X} = ${wrongVal}$.`,
    ],
    revertOk: true,
  };
}

function pStars(rng: Rng): Prob {
  const v = rng() < 0.6 ? 3 : 4;
  const n = ri(rng, v + 4, 30);
  const pos = rng() < 0.6;
  const tuple = v === 3 ? '(x, y, z)' : '(a, b, c, d)';
  const eq = v === 3 ? 'x + y + z' : 'a + b + c + d';
  const cPos = `C(${n - 1}, ${v - 1})`;
  const cNon = `C(${n + v - 1}, ${v - 1})`;
  const vPos = binom(n - 1, v - 1);
  const vNon = binom(n + v - 1, v - 1);
  const ans = pos ? vPos : vNon;
  const wrongVal = pos ? vNon : vPos;
  const rightItems: Item[] = pos
    ? [
        `since each variable is at least 1, write each one as 1 + (something nonnegative); the new variables sum to ${n} - ${v} = ${n - v}.`,
        `stars and bars: ${n - v} stars and ${v - 1} bars, so C(${n - v} + ${v - 1}, ${v - 1}) = ${cPos}.`,
      ]
    : [
        `this is stars and bars: ${n} identical stars split into ${v} groups by ${v - 1} bars, and empty groups are allowed.`,
        `that's choosing positions for ${v - 1} bars among ${n + v - 1} slots.`,
      ];
  const wrongItems: Item[] = pos
    ? [`stars and bars: ${n} stars and ${v - 1} bars, ${n + v - 1} objects in a row, choose where the bars go.`]
    : [`put ${v - 1} dividers into the ${n - 1} gaps between ${n} stars.`];
  const spot = pos
    ? [
        `that counts nonnegative solutions, but here every variable has to be positive, so zeros aren't allowed.`,
        `shifting each variable down by 1 leaves a sum of ${n - v}.`,
      ]
    : [
        `putting dividers only in the gaps forces every part to be at least 1, but zero is allowed here.`,
        `with empty parts allowed it's ${v - 1} bars among ${n + v - 1} positions.`,
      ];
  let alt: Deriv;
  if (v === 3)
    alt = pos
      ? {
          items: [
            `fix x; then y + z = ${n} - x has ${n} - x - 1 positive solutions, for x from 1 to ${n - 2}.`,
            `that's ${n - 2} + ${n - 3} + ... + 1.`,
          ],
          calc: `${n - 2}·${n - 1}/2`,
        }
      : {
          items: [`fix x from 0 to ${n}; then y + z = ${n} - x has ${n} - x + 1 solutions.`, `so the total is ${n + 1} + ${n} + ... + 1.`],
          calc: `${n + 1}·${n + 2}/2`,
        };
  else
    alt = pos
      ? {
          items: [
            `fix d; then a + b + c = ${n} - d in positive integers has C(${n} - d - 1, 2) solutions, for d = 1 to ${n - 3}.`,
            `summing C(j, 2) for j = 2 to ${n - 2} is a hockey stick sum.`,
          ],
          calc: `C(${n - 1}, 3)`,
        }
      : {
          items: [
            `fix d from 0 to ${n}; then a + b + c = ${n} - d has C(${n} - d + 2, 2) nonnegative solutions.`,
            `summing C(j, 2) for j = 2 to ${n + 2} is a hockey stick sum.`,
          ],
          calc: `C(${n + 3}, 3)`,
        };
  const kind = pos ? 'positive' : 'nonnegative';
  return {
    task: 'stars and bars',
    query: `How many ordered ${v === 3 ? 'triples' : 'quadruples'} ${tuple} of ${kind} integers satisfy ${eq} = ${n}?`,
    ans,
    wrongVal,
    restate: `the number of ${kind} integer solutions of ${eq} = ${n}`,
    q: 'the number of solutions',
    right: { items: rightItems, calc: pos ? cPos : cNon },
    wrong: { items: wrongItems, calc: pos ? cNon : cPos },
    wrongDiff: 0,
    spot,
    fix: { items: [], calc: pos ? cPos : cNon },
    alt,
    doubts: [
      `"ordered" means permutations of the same numbers count separately, which is exactly what stars and bars counts.`,
      `the problem says ${kind}. ${pos ? 'So 0 is not allowed.' : 'So 0 is allowed.'}`,
      `can the variables be equal to each other? Sure, nothing says distinct.`,
    ],
    recap: pos
      ? `shifting each variable down by 1 leaves ${n - v} to distribute among ${v} variables, so ${v - 1} bars among ${n - 1} slots.`
      : `${n} stars and ${v - 1} bars in ${n + v - 1} positions.`,
    wrongRecap: pos ? `${n} stars and ${v - 1} bars, ${n + v - 1} positions, choose the bars.` : `${v - 1} dividers in the ${n - 1} gaps.`,
    sumRight: [
      pos
        ? `Substituting each variable by itself minus 1 gives a nonnegative equation with sum ${n - v}.`
        : `By stars and bars with empty parts allowed:`,
      `The count is $\\binom{${pos ? n - 1 : n + v - 1}}{${v - 1}} = ${ans}$.`,
    ],
    sumWrong: [
      pos ? `By stars and bars:` : `Placing ${v - 1} dividers in the ${n - 1} gaps between ${n} stars:`,
      `The count is $\\binom{${pos ? n + v - 1 : n - 1}}{${v - 1}} = ${wrongVal}$.`,
    ],
    revertOk: true,
  };
}

function pCRT(rng: Rng): Prob {
  const sets = [
    [3, 4, 5],
    [3, 5, 7],
    [4, 5, 7],
    [3, 7, 8],
    [5, 7, 9],
    [4, 7, 9],
    [5, 8, 9],
    [3, 7, 10],
    [7, 9, 10],
    [4, 5, 9],
  ];
  let m3 = 0;
  let m2 = 0;
  let m1 = 0;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  let ans = 0;
  let x12 = 0;
  for (;;) {
    [m3, m2, m1] = pick(rng, sets);
    r1 = ri(rng, 1, m1 - 1);
    r2 = ri(rng, 1, m2 - 1);
    r3 = ri(rng, 1, m3 - 1);
    x12 = 0;
    for (let x = 1; ; x++)
      if (x % m1 === r1 && x % m2 === r2) {
        x12 = x;
        break;
      }
    for (let x = 1; ; x++)
      if (x % m1 === r1 && x % m2 === r2 && x % m3 === r3) {
        ans = x;
        break;
      }
    if (ans !== x12) break;
  }
  const MM = m1 * m2;
  const conds = [
    [r1, m1],
    [r2, m2],
    [r3, m3],
  ];
  const order = pick(rng, [
    [2, 1, 0],
    [0, 1, 2],
    [1, 2, 0],
  ]);
  const qc = order.map((i) => conds[i]);
  const seq: number[] = [];
  for (let x = r1; seq.length < 4; x += m1) seq.push(x);
  const stage1: Item[] = [];
  const rej1: number[] = [];
  for (let x = r1; x < x12; x += m1) rej1.push(x);
  rej1.slice(0, 4).forEach((x) => stage1.push({ trial: { t: `${x}`, chk: `${x} mod ${m2} = ${x % m2}, not ${r2}` } }));
  if (rej1.length > 4) stage1.push(`${rej1.slice(4).join(', ')} don't work either.`);
  const rej2: number[] = [];
  for (let x = x12; x < ans; x += MM) rej2.push(x);
  const stage2 = (from: number): Item[] => {
    const out: Item[] = [];
    rej2.slice(from, from + 4).forEach((x) => out.push({ trial: { t: `${x}`, chk: `${x} mod ${m3} = ${x % m3}, not ${r3}` } }));
    if (rej2.length > from + 4) out.push(`${rej2.slice(from + 4).join(', ')} fail too.`);
    return out;
  };
  const start = `start with the largest modulus: the numbers that are ${r1} mod ${m1} are ${seq.join(', ')}, and so on.`;
  const found12 = `${x12} mod ${m2} = ${r2}. So ${x12} handles the ${m1} and ${m2} conditions, and adding multiples of ${m1}·${m2} = ${MM} keeps both.`;
  const success = `${ans} mod ${m3} = ${r3}, and it keeps the other two remainders by construction.`;
  const q1 = fl(ans / m1);
  const q2 = fl(ans / m2);
  const q3 = fl(ans / m3);
  return {
    task: 'chinese remainder',
    query: `What is the smallest positive integer that leaves a remainder of ${qc[0][0]} when divided by ${qc[0][1]}, a remainder of ${qc[1][0]} when divided by ${qc[1][1]}, and a remainder of ${qc[2][0]} when divided by ${qc[2][1]}?`,
    ans,
    wrongVal: x12,
    restate: `the smallest positive integer that is ${qc[0][0]} mod ${qc[0][1]}, ${qc[1][0]} mod ${qc[1][1]}, and ${qc[2][0]} mod ${qc[2][1]}`,
    q: 'the smallest such integer',
    right: {
      items: [
        start,
        ...stage1,
        found12,
        { doubt: `${x12} = ${m1}·${fl(x12 / m1)} + ${r1}, right, so it is ${r1} mod ${m1}.` },
        `check these against mod ${m3}, where I need remainder ${r3}.`,
        ...stage2(0),
        success,
      ],
      calc: '',
    },
    wrong: { items: [start, ...stage1, `${x12} mod ${m2} = ${r2}. That's the one.`], calc: '' },
    wrongDiff: 0,
    spot: [
      `I never checked the condition mod ${m3}: ${x12} mod ${m3} = ${x12 % m3}, not ${r3}.`,
      `so I need to keep adding ${m1}·${m2} = ${MM}, which preserves the other two remainders.`,
    ],
    fix: { items: [...stage2(1), success], calc: '' },
    alt: {
      items: [
        `plug it back in: ${ans} = ${m1}·${q1} + ${r1}, ${ans} = ${m2}·${q2} + ${r2}, ${ans} = ${m3}·${q3} + ${r3}. All three hold.`,
        `nothing smaller works: the solutions differ by multiples of ${m1 * m2 * m3}, and ${ans} < ${m1 * m2 * m3}.`,
      ],
      calc: '',
    },
    doubts: [`the moduli ${m1}, ${m2}, ${m3} are pairwise coprime, so by CRT there's exactly one solution below ${m1 * m2 * m3}.`],
    recap: `the numbers satisfying the ${m1} and ${m2} conditions are ${x12} plus multiples of ${MM}; ${rej2.join(', ')} ${rej2.length === 1 ? 'fails' : 'fail'} mod ${m3}, and the next one leaves remainder ${r3}.`,
    wrongRecap: `among ${seq.join(', ')}, ... I look for remainder ${r2} mod ${m2}, and the first hit is the one.`,
    sumRight: [
      `Numbers $\\equiv ${r1} \\pmod{${m1}}$ and $\\equiv ${r2} \\pmod{${m2}}$ are $${x12} + ${MM}t$.`,
      `The first of these that is $\\equiv ${r3} \\pmod{${m3}}$ is ${ans}.`,
    ],
    sumWrong: [
      `Numbers $\\equiv ${r1} \\pmod{${m1}}$: ${seq.join(', ')}, ...`,
      `The first one that is $\\equiv ${r2} \\pmod{${m2}}$ is ${x12}.`,
    ],
    revertOk: false,
    altIndependent: false,
  };
}

function pDice(rng: Rng): Prob {
  interface Cond {
    desc: string;
    test: (a: number, b: number) => boolean;
    bySum: boolean;
  }
  const isPrime = (x: number) => x > 1 && [2, 3, 5, 7, 11].includes(x);
  const conds: Cond[] = [
    { desc: 'the sum of the two numbers is prime', test: (a, b) => isPrime(a + b), bySum: true },
    { desc: 'the sum is a multiple of 3', test: (a, b) => (a + b) % 3 === 0, bySum: true },
    { desc: 'the sum is a multiple of 4', test: (a, b) => (a + b) % 4 === 0, bySum: true },
    { desc: 'the product of the two numbers is even', test: (a, b) => (a * b) % 2 === 0, bySum: false },
    { desc: 'the product of the two numbers is a perfect square', test: (a, b) => [1, 4, 9, 16, 25, 36].includes(a * b), bySum: false },
    { desc: 'the two numbers differ by at least 2', test: (a, b) => Math.abs(a - b) >= 2, bySum: false },
    { desc: 'the product of the two numbers is a multiple of 6', test: (a, b) => (a * b) % 6 === 0, bySum: false },
    { desc: 'the product of the two numbers is greater than 12', test: (a, b) => a * b > 12, bySum: false },
  ];
  for (let t = 7; t <= 11; t++) conds.push({ desc: `the sum is at least ${t}`, test: (a, b) => a + b >= t, bySum: true });
  for (let t = 4; t <= 6; t++) conds.push({ desc: `the sum is at most ${t}`, test: (a, b) => a + b <= t, bySum: true });
  let cond: Cond;
  let c = 0;
  do {
    cond = pick(rng, conds);
    c = 0;
    for (let a = 1; a <= 6; a++) for (let b = 1; b <= 6; b++) if (cond.test(a, b)) c++;
  } while (gcd(c, 36) === 1 || c === 0 || c === 36);
  const g = gcd(c, 36);
  const m = c / g;
  const nn = 36 / g;
  const ans = m + nn;
  const wrongVal = c + 36;
  const bySumText = () => {
    const parts: string[] = [];
    for (let s = 2; s <= 12; s++) {
      let k = 0;
      for (let a = 1; a <= 6; a++) for (let b = 1; b <= 6; b++) if (a + b === s && cond.test(a, b)) k++;
      if (k) parts.push(`sum ${s}: ${k}`);
    }
    return `going through the sums: ${parts.join(', ')}.`;
  };
  const firstDie = (fav: boolean) => {
    const parts: string[] = [];
    for (let a = 1; a <= 6; a++) {
      let k = 0;
      for (let b = 1; b <= 6; b++) if (cond.test(a, b) === fav) k++;
      parts.push(`${a} → ${k}`);
    }
    return parts.join(', ');
  };
  const count: Item = cond.bySum ? bySumText() : `by the first die, the number of good second rolls: ${firstDie(true)}.`;
  const s0 = `there are 36 equally likely ordered outcomes.`;
  const alt: Deriv = cond.bySum
    ? { items: [`count by the first die instead: ${firstDie(true)}.`, `that's ${c} again, so ${c}/36 = ${m}/${nn}.`], calc: `${m} + ${nn}` }
    : {
        items: [
          `count the complement: bad second rolls by the first die: ${firstDie(false)}, total ${36 - c}.`,
          `so the good outcomes are 36 - ${36 - c} = ${c}, and ${c}/36 = ${m}/${nn}.`,
        ],
        calc: `${m} + ${nn}`,
      };
  return {
    task: 'dice probability',
    query: `Two fair six-sided dice are rolled. The probability that ${cond.desc} is m/n, where m and n are relatively prime positive integers. Find m + n.`,
    ans,
    wrongVal,
    restate: `m + n, where m/n is the probability that ${cond.desc}`,
    q: 'm + n',
    Q: 'The value of m + n',
    right: {
      items: [
        s0,
        count,
        `that's ${c} favorable outcomes, so the probability is ${c}/36 = ${m}/${nn}.`,
        { doubt: `"relatively prime" — is ${m}/${nn} fully reduced? gcd(${m}, ${nn}) = 1, yes.` },
      ],
      calc: `${m} + ${nn}`,
    },
    wrong: { items: [s0, count, `that's ${c} favorable outcomes, so the probability is ${c}/36.`], calc: `${c} + 36` },
    wrongDiff: 2,
    spot: [`${c}/36 isn't in lowest terms — both are divisible by ${g}. It reduces to ${m}/${nn}.`],
    fix: { items: [], calc: `${m} + ${nn}` },
    alt,
    doubts: [
      `do I count (a, b) and (b, a) separately? Yes, the dice are different objects.`,
      `are the dice distinguishable? For probability I should treat them as ordered pairs, so 36 outcomes, each equally likely.`,
    ],
    recap: `${c} good outcomes out of 36, which is ${m}/${nn} in lowest terms.`,
    wrongRecap: `${c} good outcomes out of 36, so the fraction is ${c}/36.`,
    sumRight: [
      `Of the 36 equally likely outcomes, ${c} are favorable, so the probability is $\\frac{${c}}{36} = \\frac{${m}}{${nn}}$.`,
      `Hence $m + n = ${m} + ${nn} = ${ans}$.`,
    ],
    sumWrong: [
      `Of the 36 equally likely outcomes, ${c} are favorable, so the probability is $\\frac{${c}}{36}$.`,
      `Hence $m + n = ${c} + 36 = ${wrongVal}$.`,
    ],
    revertOk: false,
  };
}

function pDigitSumCount(rng: Rng): Prob {
  const s = ri(rng, 10, 19);
  let brute = 0;
  for (let x = 100; x <= 999; x++) if (digitSum(x) === s) brute++;
  const Cs = binom(s + 1, 2);
  const x1 = binom(s - 8, 2);
  const y1 = binom(s - 9, 2);
  const ans = Cs - x1 - 2 * y1;
  if (ans !== brute) throw new Error('digit-sum count mismatch');
  const wrongVal = Cs;
  const pairs = (t: number) => (t < 0 || t > 18 ? 0 : t <= 9 ? t + 1 : 19 - t);
  const ps: number[] = [];
  for (let a = 1; a <= 9; a++) ps.push(pairs(s - a));
  const setup = `write the number as digits a, b, c with a from 1 to 9 and b, c from 0 to 9, and a + b + c = ${s}.`;
  const shift = `let a' = a - 1, so a' + b + c = ${s - 1} with a' ≤ 8 and b, c ≤ 9.`;
  const over =
    s >= 11
      ? `remove the overflows: a' ≥ 9 leaves ${s - 10} to distribute, C(${s - 8}, 2) = ${x1} cases; b ≥ 10 leaves ${s - 11}, C(${s - 9}, 2) = ${y1} cases, and the same for c.`
      : `remove the overflows: a' ≥ 9 leaves ${s - 10} to distribute, C(${s - 8}, 2) = ${x1} case; b ≥ 10 or c ≥ 10 is impossible since the total is only ${s - 1}.`;
  const calc = s >= 11 ? `${Cs} - ${x1} - 2·${y1}` : `${Cs} - ${x1}`;
  return {
    task: 'digit-sum count',
    query: `How many three-digit positive integers have digits that sum to ${s}?`,
    ans,
    wrongVal,
    restate: `the number of three-digit numbers with digit sum ${s}`,
    q: 'the number of such three-digit numbers',
    right: {
      items: [
        setup,
        shift,
        `ignoring the upper limits, stars and bars gives C(${s + 1}, 2) = ${Cs}.`,
        { doubt: `C(${s + 1}, 2) = ${s + 1}·${s}/2 = ${Cs}. Right.` },
        over,
        { doubt: `can two overflows happen at once? That would need a total of at least 19, and we only have ${s - 1}, so no.` },
      ],
      calc,
    },
    wrong: {
      items: [
        setup,
        `let a' = a - 1, so a' + b + c = ${s - 1} with everything nonnegative.`,
        `stars and bars: C(${s - 1} + 2, 2) = C(${s + 1}, 2) = ${Cs}.`,
      ],
      calc: `C(${s + 1}, 2)`,
    },
    wrongDiff: 1,
    spot: [
      `digits can't exceed 9, and with ${s - 1} stars to hand out a single digit could get 10 or more, which stars and bars happily counts.`,
    ],
    fix: { items: [over], calc },
    alt: {
      items: [
        `casework on the hundreds digit a: then b + c = ${s} - a, and the number of digit pairs with sum t is t + 1 for t ≤ 9 and 19 - t for t ≥ 10.`,
        `${ps.map((p, i) => `a = ${i + 1} → ${p}`).join(', ')}.`,
      ],
      calc: ps.join(' + '),
    },
    doubts: [
      `three-digit means 100 to 999, so the leading digit can't be 0. Right.`,
      `is the shift right? a from 1 to 9 becomes a' from 0 to 8, and the total drops by 1 to ${s - 1}. Yes.`,
    ],
    recap: `C(${s + 1}, 2) = ${Cs} without limits, minus ${x1} for a' ≥ 9${s >= 11 ? ` and ${y1} each for b ≥ 10 and c ≥ 10` : ''}.`,
    wrongRecap: `a' + b + c = ${s - 1} in nonnegative integers, C(${s + 1}, 2).`,
    sumRight: [
      `With $a' = a - 1$: $a' + b + c = ${s - 1}$, $a' \\le 8$, $b, c \\le 9$.`,
      `Stars and bars with inclusion–exclusion: $${calc.replace(/·/g, ' \\cdot ')} = ${ans}$.`,
    ],
    sumWrong: [
      `With $a' = a - 1$: $a' + b + c = ${s - 1}$ in nonnegative integers.`,
      `Stars and bars: $\\binom{${s + 1}}{2} = ${wrongVal}$.`,
    ],
    revertOk: true,
  };
}

function pSquares(rng: Rng): Prob {
  let A = 0;
  let B = 0;
  const isSq = (x: number) => Number.isInteger(Math.sqrt(x));
  do {
    A = ri(rng, 10, 3000);
    B = A + ri(rng, 300, 30000);
  } while (isSq(A) || isSq(B));
  const lo = Math.ceil(Math.sqrt(A));
  const hi = fl(Math.sqrt(B));
  const ans = hi - lo + 1;
  const wrongVal = hi - lo;
  const Bf = B >= 10000 && rng() < 0.5 ? comma(B) : String(B);
  const s1 = `the smallest square that is at least ${A}: ${lo - 1}^2 = ${(lo - 1) ** 2} is too small, ${lo}^2 = ${lo ** 2} works.`;
  const s2 = `the largest square that is at most ${B}: ${hi}^2 = ${hi ** 2}.`;
  const t1: Item = { trial: { t: `${hi + 1}`, chk: `${hi + 1}^2 = ${(hi + 1) ** 2} > ${B}` } };
  return {
    task: 'perfect squares count',
    query: `How many perfect squares are there between ${A} and ${Bf}?`,
    ans,
    wrongVal,
    restate: `the number of perfect squares between ${A} and ${Bf}`,
    q: 'the number of perfect squares in that range',
    Q: 'The number of squares',
    right: {
      items: [
        s1,
        { doubt: `is ${lo}^2 really ${lo ** 2}? ${lo}·${lo} = ${lo ** 2}. Yes.` },
        s2,
        t1,
        `so the squares are ${lo}^2 through ${hi}^2.`,
      ],
      calc: `${hi} - ${lo} + 1`,
    },
    wrong: { items: [s1, s2, t1, `so the count goes from ${lo} to ${hi}, which is a difference of ${hi} - ${lo}.`], calc: `${hi} - ${lo}` },
    wrongDiff: 3,
    spot: [`${lo} through ${hi} inclusive is ${hi} - ${lo} + 1 numbers — I forgot the +1.`],
    fix: { items: [], calc: `${hi} - ${lo} + 1` },
    alt: {
      items: [
        `count the squares up to ${B}: 1^2 through ${hi}^2, that's ${hi} of them.`,
        `squares below ${A}: 1^2 through ${lo - 1}^2, that's ${lo - 1}.`,
      ],
      calc: `${hi} - ${lo - 1}`,
    },
    doubts: [
      `does "between" include the endpoints? Neither ${A} nor ${B} is a perfect square, so it doesn't matter.`,
      `should 0 or 1 count? No, they're way below ${A}.`,
    ],
    recap: `the roots run from ${lo} to ${hi} inclusive, so I count ${hi} - ${lo} + 1 of them.`,
    wrongRecap: `the roots go from ${lo} to ${hi}, so it's ${hi} minus ${lo}.`,
    sumRight: [`The squares in range are $${lo}^2 = ${lo ** 2}$ through $${hi}^2 = ${hi ** 2}$.`, `Count: $${hi} - ${lo} + 1 = ${ans}$.`],
    sumWrong: [`The squares in range are $${lo}^2$ through $${hi}^2$.`, `Count: $${hi} - ${lo} = ${wrongVal}$.`],
    revertOk: true,
  };
}

const PROBLEMS = [
  pInclExcl,
  pPowMod,
  pDigitSum,
  pDivisors,
  pSumMultiples,
  pTrailingZeros,
  pCommittee,
  pStars,
  pCRT,
  pDice,
  pDigitSumCount,
  pSquares,
];

// ---------------------------------------------------------------------------------------------
// Assembly.
// ---------------------------------------------------------------------------------------------

class Body {
  text = '';
  cands: PhrasingCandidate[] = [];
  put(s: string): void {
    this.text += s;
  }
  cand(tpl: string, value: string): void {
    const i = tpl.indexOf('@@');
    if (i < 0 || tpl.indexOf('@@', i + 2) >= 0) throw new Error(`bad candidate template: ${tpl}`);
    this.cands.push({ value, offset: this.text.length + i });
    this.text += tpl.slice(0, i) + value + tpl.slice(i + 2);
  }
}

type Scenario = 'R' | 'RE' | 'REE' | 'WR' | 'WRcheck' | 'RWR' | 'RW' | 'W' | 'WWR';

function chooseScenario(rng: Rng, revertOk: boolean, altIndependent: boolean): Scenario {
  const x = rng();
  let s: Scenario;
  if (x < 0.14) s = 'R';
  else if (x < 0.36) s = 'RE';
  else if (x < 0.42) s = 'REE';
  else if (x < 0.54) s = 'WR';
  else if (x < 0.64) s = 'WRcheck';
  else if (x < 0.75) s = 'RWR';
  else if (x < 0.82) s = 'RW';
  else if (x < 0.89) s = 'W';
  else s = 'WWR';
  if (!revertOk && (s === 'RWR' || s === 'RW')) s = s === 'RW' ? 'W' : 'RE';
  if (!altIndependent && (s === 'WRcheck' || s === 'WWR')) s = 'WR';
  return s;
}

function makeRecord(rng: Rng, T: Templates): Omit<PhrasingRecord, 'id'> {
  const P = pick(rng, PROBLEMS)(rng);
  const commas = rng() < 0.55;
  const F = (n: number) => (commas && n >= 1000 ? comma(n) : String(n));
  const R = F(P.ans);
  const W = F(P.wrongVal);
  const Q = P.Q ?? cap(P.q);
  const b = new Body();
  const usedDoubts = new Set<string>();
  const scenario = chooseScenario(rng, P.revertOk, P.altIndependent !== false);
  const usedTpl = new Set<string>();
  // A template not used yet in this response, when there is one after a few tries.
  const pickU = (list: string[]): string => {
    let t = pick(rng, list);
    for (let i = 0; i < 6 && usedTpl.has(t); i++) t = pick(rng, list);
    usedTpl.add(t);
    return t;
  };

  const gap = (pNew = 0.55) => {
    if (b.text.endsWith('\n') || b.text.length === 0) return;
    b.put(rng() < pNew ? '\n\n' : ' ');
  };
  const say = (list: string[], vars: Record<string, string> = {}) => {
    gap();
    b.put(fill(pickU(list), { q: P.q, Q, r: P.restate, ...vars }));
  };
  const step = (s: string) => {
    const t = pickU(T.STEP);
    gap(0.5);
    // Avoid "So so the ..." / "Right, so and ..." when the step itself starts with "so" or "and".
    const s2 = t !== '{S}' ? s.replace(/^(so|and) /, '') : s;
    b.put(fill(t, { s: s2, S: cap(s2) }));
  };
  const midwait = (d: string) => {
    if (usedDoubts.has(d)) return;
    usedDoubts.add(d);
    gap(0.6);
    b.put(fill(pickU(T.MIDWAIT), { d, D: cap(d) }));
  };
  const render = (d: Deriv, opts: { from?: number; doubts?: boolean; light?: boolean } = {}) => {
    const items = d.items.slice(opts.from ?? 0);
    const general = opts.doubts || opts.light ? P.doubts.filter((x) => !usedDoubts.has(x)) : [];
    // Where the general mid-derivation doubts go (after which item), up to two of them.
    const at = new Map<number, string>();
    const pAt = opts.doubts ? [0.85, 0.5] : [0.3, 0];
    for (const p of pAt)
      if (general.length && rng() < p) {
        const g = general.splice(ri(rng, 0, general.length - 1), 1)[0];
        at.set(ri(rng, 0, Math.max(0, items.length - 1)), g);
      }
    items.forEach((it, i) => {
      if (typeof it === 'string') step(it);
      else if ('doubt' in it) {
        if (opts.doubts && rng() < 0.75) midwait(it.doubt);
      } else if ('trial' in it) {
        gap(0.4);
        b.put(fill(pickU(T.TRIAL), { t: it.trial.t, chk: it.trial.chk, Chk: cap(it.trial.chk) }));
      } else if (rng() < 0.45) {
        gap(0.5);
        b.put(fill(pickU(T.SLIP), { A: cap(it.slip[0]), b: it.slip[1], B: cap(it.slip[1]) }));
      } else if (it.plain) step(it.plain);
      const g = at.get(i);
      if (g !== undefined) midwait(g);
    });
  };
  const conclude = (plain: string[], withCalc: string[], value: string, calc: string, vars: Record<string, string> = {}) => {
    gap(0.45);
    const useCalc = calc !== '' && rng() < 0.6;
    const tpl = fill(pickU(useCalc ? withCalc : plain), { q: P.q, Q, c: calc, ...vars });
    b.cand(tpl, value);
  };
  const afterAnswer = (v: string) => {
    const x = rng();
    if (x < 0.45) say(T.CONFIRM);
    else if (x < 0.7) say(T.RESTATE, { v });
    else if (x < 0.8) {
      say(T.CONFIRM);
      say(T.RESTATE, { v });
    }
    const y = rng();
    if (y < 0.25) say(T.DRAFT, { v });
    else if (y < 0.35) say(T.FORMAT_ONLY);
  };
  const spotLines = () => {
    P.spot.forEach((s, i) => {
      gap(i === 0 ? 0.3 : 0.2);
      b.put(
        i === 0 && rng() < 0.4
          ? fill(pick(rng, ['I see: {s}', 'Oh, {s}', 'Right — {s}', 'Look: {s}', 'The issue: {s}', 'Hmm, {s}']), { s })
          : cap(s),
      );
    });
  };
  const recap = (s: string) => {
    gap(0.3);
    b.put(rng() < 0.6 ? cap(s) : fill(pick(rng, ['Okay: {s}', 'So: {s}', 'Right, {s}', 'Hmm, {s}', 'Okay, {s}', 'So {s}']), { s }));
  };
  const echoAlt = (value: string) => {
    render(P.alt, { light: true });
    conclude(T.ECHO, T.ECHO_C, value, P.alt.calc);
  };

  b.put('<think>\n');
  say(T.OPEN);
  if (P.guess !== undefined && rng() < 0.35) say(T.GUESS, { g: String(P.guess) });
  b.put('\n\n');

  let final: string;
  let finalRight: boolean;
  const firstRight = scenario === 'R' || scenario === 'RE' || scenario === 'REE' || scenario === 'RWR' || scenario === 'RW';
  if (firstRight) {
    render(P.right, { doubts: true });
    conclude(T.CONCL, T.CONCL_C, R, P.right.calc);
  } else {
    render(P.wrong, { doubts: true });
    conclude(T.CONCL, T.CONCL_C, W, P.wrong.calc);
  }

  switch (scenario) {
    case 'R':
      afterAnswer(R);
      final = R;
      finalRight = true;
      break;
    case 'RE':
    case 'REE':
      if (rng() < 0.3) say(T.CONFIRM);
      if (rng() < 0.75) say(T.TURN);
      b.put('\n\n');
      say(T.CHECK);
      echoAlt(R);
      if (scenario === 'REE') {
        if (rng() < 0.5) say(T.CONFIRM);
        b.put('\n\n');
        say(T.RECHECK);
        recap(P.recap);
        conclude(T.ECHO, T.ECHO_C, R, '');
      }
      afterAnswer(R);
      final = R;
      finalRight = true;
      break;
    case 'WR':
      say(T.TURN);
      b.put('\n\n');
      say(T.CORR_INTRO);
      spotLines();
      render(P.fix, { light: true });
      conclude(T.CORR, T.CORR_C, R, P.fix.calc, { w: W });
      if (rng() < 0.4) {
        say(T.TURN);
        b.put('\n\n');
        say(T.CHECK);
        echoAlt(R);
      }
      afterAnswer(R);
      final = R;
      finalRight = true;
      break;
    case 'WRcheck':
    case 'WWR':
      say(T.TURN);
      if (scenario === 'WWR') {
        b.put('\n\n');
        say(T.RECHECK);
        recap(P.wrongRecap);
        conclude(T.ECHO, T.ECHO_C, W, '');
        if (rng() < 0.5) say(T.CONFIRM);
        b.put('\n\n');
        say(T.ANYWAY);
      } else {
        b.put('\n\n');
        say(T.CHECK);
      }
      render(P.alt, { light: true });
      conclude(T.NEUTRAL, T.NEUTRAL_C, R, P.alt.calc);
      say(T.CONFLICT, { a: W, b: R });
      b.put('\n\n');
      say(T.FIND_ERR);
      spotLines();
      render(P.fix, { light: true });
      conclude(T.CORR, T.CORR_C, R, P.fix.calc, { w: W });
      afterAnswer(R);
      final = R;
      finalRight = true;
      break;
    case 'RWR':
      if (rng() < 0.3) say(T.CONFIRM);
      b.put('\n\n');
      say(T.REVERT);
      render(P.wrong, { from: P.wrongDiff });
      conclude(T.NEUTRAL, T.NEUTRAL_C, W, P.wrong.calc);
      say(T.CONFLICT, { a: R, b: W });
      b.put('\n\n');
      say(T.FLIPBACK);
      spotLines();
      render(P.fix, { light: true });
      conclude(T.CORR, T.CORR_C, R, P.fix.calc, { w: W });
      afterAnswer(R);
      final = R;
      finalRight = true;
      break;
    case 'RW':
      if (rng() < 0.3) say(T.CONFIRM);
      b.put('\n\n');
      say(T.REVERT);
      render(P.wrong, { from: P.wrongDiff });
      conclude(T.NEUTRAL, T.NEUTRAL_C, W, P.wrong.calc);
      if (rng() < 0.5) say(T.CONFLICT, { a: R, b: W });
      say(T.ACCEPT_WRONG);
      afterAnswer(W);
      final = W;
      finalRight = false;
      break;
    case 'W':
    default:
      if (rng() < 0.5) {
        say(T.TURN);
        b.put('\n\n');
        say(T.RECHECK);
        recap(P.wrongRecap);
        conclude(T.ECHO, T.ECHO_C, W, '');
      }
      afterAnswer(W);
      final = W;
      finalRight = false;
      break;
  }

  b.put('\n</think>\n\n');
  // Summary.
  const fnum = finalRight ? P.ans : P.wrongVal;
  const sumF = rng() < 0.8 ? final : F(fnum) === final ? String(fnum) : final;
  const head = fill(pick(rng, T.SUM_HEAD), { r: P.restate });
  const lines = finalRight ? P.sumRight : P.sumWrong;
  const style = rng();
  const lineText =
    style < 0.35
      ? lines.map((l) => `- ${l}`).join('\n')
      : style < 0.55
        ? lines.map((l, i) => `${i + 1}. ${l}`).join('\n')
        : lines.join(' ');
  const tail = fill(pick(rng, T.SUM_TAIL), { F: sumF, q: P.q });
  b.put([head, lineText, tail].filter((x) => x !== '').join('\n\n'));
  b.put('\n');

  return {
    headers: { query: P.query, answer: String(P.ans), task: P.task },
    body: b.text,
    candidates: b.cands,
    final: sumF,
  };
}

export function generate(seed: number, count: number, split: Split): PhrasingRecord[] {
  const rng = mulberry32((seed * 2654435761 + (split === 'heldout' ? 0x9e3779b9 : 0x85ebca6b)) >>> 0);
  const T = templates(split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const rec = makeRecord(rng, T);
    out.push({ id: `${family}-${split}-${seed}-${i + 1}`, ...rec });
  }
  return out;
}
