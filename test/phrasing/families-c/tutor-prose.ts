// Phrasing family "tutor-prose": a patient tutor explains a word problem (work/pipes, simple
// interest, mixtures, ages, meeting trains, unit prices) in full sentences to the reader, states
// intermediate results in confident words, verifies by plugging the answer back into the story
// or by a second method, sometimes finds a slip while checking and corrects it, sometimes ends
// on a wrong answer. Labels follow docs/annotation-guide.md:
//  - an answer statement is a candidate when it is the first statement of its value since the
//    last new work (derivation, plug-back check, second method, redone step); otherwise it is a
//    restatement and merges into the previous candidate;
//  - values quoted from the question, intermediate results, tried/tested values, the quoted
//    wrong value while a slip is explained, and bare confirmations are never candidates;
//  - a check that only confirms a sub-step is never followed by a statement of the answer
//    (so that no ambiguous case is generated).
// Every record of this family is held-out data; `split` is only a salt.
import type { PhrasingCandidate, PhrasingRecord } from '../families/types.js';

export const family = 'tutor-prose';

// ---------------------------------------------------------------------------------------------
// Random numbers

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

function hashStr(s: string): number {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

class R {
  constructor(private readonly rng: Rng) {}
  f(): number {
    return this.rng();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rng() * (hi - lo + 1));
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.rng() * a.length)];
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Number formatting

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** Small counts in words, larger ones in digits. */
const nw = (n: number): string => (Number.isInteger(n) && n >= 0 && n <= 12 ? SMALL[n] : String(n));
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const TIMES: Record<number, string> = { 2: 'twice', 3: 'three times', 4: 'four times', 5: 'five times', 6: 'six times', 7: 'seven times' };

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;
function frac(p: number, q: number): string {
  const g = gcd(p, q);
  const [a, b] = [p / g, q / g];
  return b === 1 ? String(a) : `${a}/${b}`;
}

/** "v/d" followed by its reduced form when that differs: "4/6 = 2/3". */
function fracEq(v: string, p: number, q: number): string {
  const red = frac(p, q);
  return red === `${v}/${q}` ? red : `${v}/${q} = ${red}`;
}

function withCommas(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

interface Style {
  commas: boolean; // 4,600 vs 4600
  cents: boolean; // $12.00 vs $12
}

/** A number with at most two decimals (trailing zeros dropped). */
function num(x: number, st: Style): string {
  const r = Math.round(x * 100) / 100;
  const neg = r < 0;
  const [i, d] = Math.abs(r).toFixed(2).split('.');
  const ip = st.commas ? withCommas(i) : i;
  const dp = d.replace(/0+$/, '');
  return (neg ? '-' : '') + ip + (dp ? '.' + dp : '');
}
/** Dollars from integer cents, without the $ sign. */
function money(cents: number, st: Style): string {
  const c = Math.round(cents);
  const d = Math.floor(c / 100);
  const cc = c % 100;
  const ip = st.commas ? withCommas(String(d)) : String(d);
  return cc !== 0 || st.cents ? `${ip}.${String(cc).padStart(2, '0')}` : ip;
}
/** Dollars from a possibly inexact amount of cents: "about $1.33" when it does not come out even. */
function moneyApprox(cents: number, st: Style): string {
  const exact = Math.abs(cents - Math.round(cents)) < 1e-9;
  return (exact ? '' : 'about ') + '$' + money(cents, { ...st, cents: !exact || st.cents });
}
function numApprox(x: number, st: Style): string {
  const exact = Math.abs(x * 100 - Math.round(x * 100)) < 1e-9;
  return (exact ? '' : 'about ') + num(x, st);
}

// ---------------------------------------------------------------------------------------------
// Sentence templates (generic). {Q} the asked quantity, {V} the value with its unit, {E} the final
// arithmetic expression, {W} a wrong value with its unit, {D} a discrepancy found while checking.

const OPENINGS = [
  "Let's think about what the question is really asking.",
  "Great question! Let's work through it together, one step at a time.",
  "Let's start by picturing what's going on in the story.",
  'This is a classic kind of problem, and once you see the idea it becomes quite friendly.',
  "Let's take this slowly and make sure every step makes sense.",
  "Before we calculate anything, let's get clear on what we know and what we want.",
  'A good first step with any word problem is to pull out the important numbers.',
  "Let's read the problem carefully and set it up.",
  "Don't worry if this looks tricky at first — we'll break it into small pieces.",
  "Let's unpack this problem together.",
  'I like to start problems like this by restating them in my own words.',
  "Let's see what information the problem gives us.",
  "Okay, let's get organized first.",
  "Let's begin with the facts we're given.",
  'The key to this problem is to keep track of one thing at a time.',
  "Let's approach this the way we'd explain it to a friend.",
  "First, let's slow down and understand the situation.",
  "This one rewards careful reading, so let's go through it piece by piece.",
  "Let's build the answer up from what we know.",
  "Word problems can feel wordy, but the math underneath is usually simple. Let's find it.",
  "Let's make sense of the story before we touch any numbers.",
  "Here's how I'd think about this.",
  "Let's set the scene.",
  'A nice way to start is to ask: what exactly are we trying to find?',
  "Let's tackle this step by step.",
  'Good — this is a problem where a little organization goes a long way.',
  "Let's work it out carefully, and then we'll check our answer against the story.",
  "Let's translate the words into numbers first.",
];

const GOALS = [
  'So what we want is {Q}.',
  'Our job is to find {Q}.',
  'The question asks for {Q}.',
  "What we're after is {Q}.",
  'In the end, we need {Q}.',
  "We're looking for {Q}.",
  'The unknown here is {Q}.',
  'The thing to find is {Q}.',
  'We need to work out {Q}.',
  'Our target: {Q}.',
  'Everything we do should lead us to {Q}.',
  'Notice that the question asks specifically for {Q}, so let’s keep that in mind.',
  'Keep your eye on the goal: {Q}.',
  "Let's be clear about the target: {Q}.",
  'What the problem really wants is {Q}.',
  'The question is about {Q}.',
  'So the number we need is {Q}.',
  'We want to figure out {Q}.',
  "It's {Q} that we're after.",
  'The goal is to find {Q}.',
  'We have to determine {Q}.',
  "Let's aim for {Q}.",
  'At the end of the day, we want {Q}.',
  "Ultimately, we're asked for {Q}.",
  'Remember, the question wants {Q}, not anything else.',
  "Let's keep in mind that we need {Q}.",
];

const LEADS = [
  'So',
  'That means',
  'This tells us that',
  'Notice that',
  'In other words,',
  'Which means',
  'Therefore,',
  'Thus',
  'So we know that',
  'It follows that',
  'Now we can see that',
  'From this,',
  'Clearly,',
  'Good — so',
  'Putting that together,',
  'Now,',
  'Next,',
  'And so',
  'This shows that',
  "Here's the key:",
  'With that,',
  "Let's note that",
  'We can say that',
  'Said another way,',
  'Now notice that',
  'Good. Then',
];

const TRANSITIONS = [
  "Hmm, let's be careful here.",
  "Wait — before we go further, let's make sure the units match.",
  "Hmm, this is the step where it's easy to slip, so let's go slowly.",
  "Wait, let me make sure I'm setting this up the right way.",
  "Hold on, it's worth pausing for a second here.",
  "Hmm, let's not rush this part.",
  'Wait, one thing to be careful about: we should keep everything in the same units.',
  'Hmm, let me think about which numbers actually matter here.',
  'Hmm — it helps to write this part down neatly.',
  "Wait, let's double-check that we're using the right numbers from the problem.",
  "Hmm, there's a small trap here, so let's look closely.",
  "Hold on — let's re-read that part of the problem.",
  "Wait, let's make sure we understand what each number means.",
  'Hmm, I want to be precise about this step.',
  'Wait a moment — this is where a lot of students go wrong.',
  "Hmm, it's tempting to jump ahead, but let's do this properly.",
  "Wait, let's keep track of what each quantity stands for.",
  "Hmm, let's slow down and set this up cleanly.",
  'Hold on, let me organize this a little better.',
  "Hmm, okay — let's be systematic about it.",
  "Wait, before combining anything, let's look at each piece separately.",
  'Hmm, let me say that once more to make sure it is clear.',
  "Wait — let's not mix up the two quantities.",
  'Hmm, a quick picture in your head helps here.',
  "Hold on, let's make sure nothing is being counted twice.",
  'Wait, one more thing to notice before we continue.',
];

const SETUP_FINAL = [
  'Now we just need to compute {E}.',
  'All that is left is {E}.',
  'The last step is {E}.',
  "So it comes down to {E}. Let's work it out.",
  'We only have to evaluate {E} now.',
  'Now for the final calculation: {E}.',
  'The answer is then given by {E}.',
  'So the last thing to do is {E}.',
  'What remains is the arithmetic {E}.',
  "Let's finish with {E}.",
  'Our final computation is {E}.',
  'It all boils down to {E}.',
  'One calculation left: {E}.',
  "Now we're ready for {E}.",
  'So we need {E}.',
  'To finish, we work out {E}.',
  'That leaves {E} to compute.',
  'So the whole problem reduces to {E}.',
  'The only thing left to find is {E}.',
  'And now the payoff: {E}.',
  "Let's do the final step, {E}.",
  'We just have to calculate {E}.',
  'Then we compute {E}.',
  "Here's the last piece: {E}.",
  'Finally, we evaluate {E}.',
  'So now it is just {E}.',
];

const CONCL = [
  'So {Q} is {V}.',
  'That means {Q} is {V}.',
  'Therefore, {Q} comes out to {V}.',
  'And there we have it: {Q} is {V}.',
  'So the answer to the question is {V}.',
  'This tells us that {Q} is {V}.',
  'Putting it all together, {Q} is {V}.',
  'So our answer is {V}.',
  'In other words, {Q} is {V}.',
  'Which means {Q} must be {V}.',
  'That gives us our answer: {V}.',
  'Hence {Q} is {V}.',
  'So we can say that {Q} is {V}.',
  "That's the number we were after: {Q} is {V}.",
  'So the answer is {V}.',
  'Our answer, then, is {V}.',
  "And that's it — {Q} is {V}.",
  'Thus {Q} works out to {V}.',
  'So {Q} turns out to be {V}.',
  "The question asked for {Q}, and we've found it: {V}.",
  'So, to answer the question, {Q} is {V}.',
  'So we conclude that {Q} is {V}.',
  'Therefore the answer is {V}.',
  'And so {Q} is exactly {V}.',
  'That tells us {Q}: {V}.',
  'So {Q} must be {V}.',
];

const CONCL_E = [
  'So {Q} is {E} = {V}.',
  'That makes {Q} equal to {E} = {V}.',
  'Therefore {Q} = {E} = {V}.',
  'Working that out, {Q} comes to {E} = {V}.',
  'So the answer is {E} = {V}.',
  'Doing the arithmetic, {Q} is {E} = {V}.',
  'Now the arithmetic: {E} = {V}, and that is {Q}.',
  'Which means {Q} is {E} = {V}.',
  'Finishing the calculation, {Q} = {E} = {V}.',
  "Let's compute it: {Q} is {E} = {V}.",
  'That gives {Q} = {E} = {V}.',
  'So, {Q}: {E} = {V}.',
  'Putting the numbers in, {Q} is {E} = {V}.',
  'Carrying out the arithmetic gives {Q} = {E} = {V}.',
  'Thus {Q} equals {E} = {V}.',
  'And so {Q} works out to {E} = {V}.',
  "All that's left is the arithmetic, and {E} = {V}, so that's {Q}.",
  'Crunching the numbers, {Q} = {E} = {V}.',
  'Which leaves us with {Q} = {E} = {V}.',
  'So we get {Q} = {E} = {V}.',
  'Simplifying, {Q} is {E} = {V}.',
  'Then {Q} is simply {E} = {V}.',
  'Hence {Q} = {E} = {V}.',
  'And finally, {Q} = {E} = {V}.',
  'Calculating, we find {Q} is {E} = {V}.',
  'That means {Q} = {E} = {V}.',
];

const CONFIRMS = [
  "Yes, that's right.",
  'That makes sense.',
  'Good, that seems reasonable.',
  'Nice — that feels about right.',
  'That sounds sensible.',
  'Great.',
  'Perfect.',
  'That fits our intuition.',
  'Yes, that seems right.',
  'Good.',
  "That's a reasonable-looking number.",
  'Makes sense.',
  'Okay, that looks right.',
  'That seems plausible.',
  'Excellent.',
  'Right.',
  "That's about what I'd expect.",
  'Good, nothing strange there.',
  'That feels sensible for a problem like this.',
  'Yes.',
  'That looks about right.',
  'Sounds good.',
  'Okay, good.',
  "That's a sensible size for the answer.",
  'Nice and tidy.',
  'Looks reasonable.',
];

const CHECK_INTROS = [
  "Does that make sense? Let's verify it.",
  "Let's check this by plugging it back into the story.",
  "It's always a good idea to check our answer.",
  'Let me double-check.',
  "Before we move on, let's make sure this works.",
  "Now let's verify by putting the number back into the problem.",
  "Let's test it against the original story.",
  "Let's see if it holds up.",
  'A quick check will make us confident.',
  "Let's confirm it by working backwards.",
  "Let's make sure it actually fits the problem.",
  "Always check! Let's plug it in.",
  "Here's how we can check it.",
  "Let's see whether this agrees with what the problem tells us.",
  "Let's verify.",
  "Let's go back to the story and test it.",
  "To be sure, let's run the numbers forward.",
  "Does it work? Let's see.",
  'Let me double-check by plugging it back in.',
  "Let's sanity-check it with the original numbers.",
  "It never hurts to check, so let's do that.",
  "Let's put our answer to the test.",
  "How can we be sure? Let's plug it back in.",
  "Let's check it the honest way — by substituting it back.",
  "Now, let's make sure we haven't made a mistake.",
  "Let's verify it against the story, step by step.",
];

const PASS_ECHO = [
  'So {Q} is indeed {V}.',
  'Everything fits, so {Q} really is {V}.',
  'That matches the story exactly, so {Q} is {V}.',
  'So yes, {Q} is {V}.',
  'It works, which confirms that {Q} is {V}.',
  'Great, so the answer {V} is correct.',
  'The numbers agree, so {Q} is definitely {V}.',
  "That's exactly right, so our answer of {V} stands.",
  "So we've confirmed it: {Q} is {V}.",
  'Perfect — {Q} is {V}.',
  'That checks out, so {Q} is {V}.',
  'Since everything lines up, {Q} must be {V}.',
  'So {V} is the correct answer.',
  'Everything is consistent, and {Q} is {V}.',
  'Good, so {Q} is confirmed to be {V}.',
  'So the check confirms that {Q} is {V}.',
  "That's precisely what the problem describes, so the answer is {V}.",
  'The story works out perfectly, so {Q} is {V}.',
  'So, confirmed: {Q} is {V}.',
  'That agrees with the problem, so the answer really is {V}.',
  'Both sides match, so {Q} is {V}.',
  'So {V} is right.',
  'That settles it: {Q} is {V}.',
  'It all fits together, so {Q} is {V}.',
  'Yes — that works, so {Q} is {V}.',
  'So we can be sure that {Q} is {V}.',
];

const PASS_NOVAL = [
  'Everything fits.',
  "That's exactly what the problem says.",
  'Perfect, the numbers line up.',
  'It works!',
  'That matches the story.',
  'So the check passes.',
  "Great, that's consistent.",
  "That's exactly right.",
  'The story checks out.',
  'Every condition is satisfied.',
  'Good, no contradictions.',
  "That's just what we needed.",
  'Everything agrees.',
  'So it all lines up.',
  'The check works out perfectly.',
  'Nice — it holds up.',
  "That's consistent with every number in the problem.",
  'The numbers agree.',
  "That's a match.",
  'Yes, that works.',
  'All good.',
  'Consistent, as we hoped.',
  'So our work holds up.',
  'It fits perfectly.',
  "That's reassuring.",
  'No surprises there.',
];

const SLIP_FOUND = [
  "Hmm, {D} — let's look again.",
  'Wait, {D}. Something went wrong somewhere.',
  "Uh-oh: {D}. Let's find the mistake.",
  "Hmm, that's not right — {D}.",
  "Wait a second. {D}, so our answer can't be right.",
  "Hmm, {D}. Let's go back and look for the slip.",
  "Hold on — {D}. Something's off.",
  "That's a problem: {D}.",
  'Hmm, {D}. So somewhere we made an error.',
  "Wait, {D}! Let's retrace our steps.",
  "Oops — {D}. Let's track down where that came from.",
  "Hmm, interesting: {D}. That means there's a mistake in our work.",
  "Hold on, {D}. Let's re-examine the calculation.",
  "That doesn't work: {D}.",
  "Hmm, so {D}. Let's look back over our steps.",
  'Wait — {D}. I must have slipped somewhere.',
  'Ah, {D}. Good thing we checked!',
  'Hmm, {D}. That tells us our answer is off.',
  "Hmm, {D}, which doesn't fit. Let's look again.",
  "Well, {D}, so the answer doesn't fit the story.",
  'Not quite: {D}.',
  "Hmm, hold on: {D}. Let's find what went wrong.",
  'See, this is why we check — {D}.',
  "Wait, that's off: {D}.",
  'Hmm, {D}. Let me go back over the arithmetic.',
  "Interesting — {D}. So something's not right.",
];

const FIX = [
  "Ah, I see it: I wrote {E} = {W}, but that's not correct.",
  'There it is — the last step. {E} is not {W}.',
  "Found it: I miscalculated {E}; it isn't {W}.",
  'Looking back, the setup was fine, but I got {E} wrong.',
  'The mistake is in the final arithmetic: {E} does not equal {W}.',
  'I see the slip — I rushed {E} and wrote {W}.',
  "Ah, the problem was just arithmetic: {E} isn't {W}.",
  'Looking over the steps, everything is right except {E}, which I botched.',
  'Okay, the reasoning was right; the slip was in computing {E}.',
  "There's the error: {E} was worked out as {W}, and that's wrong.",
  'The culprit is the last calculation, {E}.',
  'I made a careless mistake with {E}.',
  'I think I got {E} wrong. Yes — that is the slip.',
  'Ah — I see. {E} is not {W}; I slipped there.',
  "The setup is fine. It's the arithmetic in {E} that went wrong.",
  'Going back through it, I find the error in {E}.',
  'Right, the mistake: {E} does not come out to {W}.',
  'Looking carefully, I mis-computed {E}.',
  'Everything up to {E} is correct, but I wrote {W} for it, which is wrong.',
  'So the error was in {E} — an easy slip to make.',
  'Ah, I see where it went wrong: the value of {E}.',
  'It was a small arithmetic slip in {E}.',
  'The slip was in computing {E}; {W} was wrong.',
  'Here is the slip: {E} ≠ {W}.',
  'I see it now — I mis-evaluated {E}.',
  "Let's look at {E} again; that's where I slipped.",
];

const REDO_LEADS = [
  "Let's redo it carefully.",
  'Let me do it properly this time.',
  "Let's recompute.",
  'Let me correct that.',
  "Let's fix that step.",
  'Now with the slip fixed.',
  "So let's do it correctly.",
  "Let's try that again.",
  'Let me redo the arithmetic.',
  'Once more, carefully.',
  'Let me fix it.',
  'Here is the corrected calculation.',
  "Let's get it right this time.",
  'Carefully now.',
  'So we recalculate.',
  'Let me redo that last step.',
  "Let's correct the arithmetic.",
  "Okay, let's fix it.",
  'Now, properly.',
  'Going again, slowly.',
  "Let's repair that step.",
  'Recomputing it is quick.',
  "Let's redo the final step.",
  'So we need the right arithmetic.',
  'Taking it again from that step.',
  'Let me recalculate.',
];

const ALT_INTROS = [
  'Alternatively, we can reach the same answer another way.',
  "Let's also solve it a second way, as a check.",
  "There's another nice way to think about this.",
  'Another approach gives us a good check.',
  "Let's double-check with a different method.",
  'We can also look at it from a different angle.',
  "Here's a second way to see it.",
  "Just to be sure, let's solve it again using a different idea.",
  "A different approach is a great way to catch mistakes, so let's try one.",
  "Actually, there's a neat way to confirm this independently.",
  'Let me double-check with another method.',
  "Let's see if a second method agrees.",
  'Another way to get there:',
  "If you prefer, there's another route to the same place.",
  "For extra confidence, let's use a different method.",
  "Let's confirm it independently.",
  'We could also have solved it like this.',
  "Here's how you might solve it without the first method.",
  'A second method never hurts.',
  "Let's try a completely different approach and see if it matches.",
  'One more way to think about it:',
  "Alternatively, let's solve it from scratch another way.",
  "Let's cross-check using a different line of reasoning.",
  'Some students find this next way even easier.',
  "To make sure, let's approach it differently.",
  "Let's verify it with a second method.",
];

const ALT_SAME = [
  'So this way, too, {Q} is {E} = {V}.',
  'Again, {Q} = {E} = {V}.',
  'Once more we get {Q} = {E} = {V}.',
  'And this method also gives {Q} = {E} = {V}.',
  'The same result: {Q} is {E} = {V}.',
  'So the second method also says {Q} is {E} = {V}.',
  'Which again makes {Q} equal to {E} = {V}.',
  'So, by this route, {Q} is again {E} = {V}.',
  'And we land in the same place: {Q} = {E} = {V}.',
  'This way we also find {Q} = {E} = {V}.',
  'Same answer: {Q} is {E} = {V}.',
  'So both methods agree: {Q} = {E} = {V}.',
  'That again gives {Q} = {E} = {V}.',
  'So once again, {Q} works out to {E} = {V}.',
  'Reassuringly, {Q} comes to {E} = {V} this way too.',
  'And so, again, {Q} is {E} = {V}.',
  'Good — this route also gives {Q} = {E} = {V}.',
  'Here too, {Q} = {E} = {V}.',
  'We get the same thing: {Q} = {E} = {V}.',
  'And that confirms {Q} = {E} = {V}.',
  'So the second approach gives {Q} = {E} = {V} as well.',
  'This method agrees: {Q} is {E} = {V}.',
  'Nice — {Q} is {E} = {V} again.',
  'So by this method, too, {Q} = {E} = {V}.',
  'Both ways, {Q} comes out as {E} = {V}.',
  'Once again, {Q} = {E} = {V}.',
];

const DISAGREE = [
  "Hmm, that's not what we got the first time ({W}). The two methods disagree, so one of them has a slip.",
  "Wait — that doesn't match our first answer of {W}. Let's find out which one is wrong.",
  'Hmm, now we have two different answers, {W} and this one. One of them must be wrong.',
  'Interesting: the first method gave {W}. They should agree, so something is off.',
  "Hold on, earlier we got {W}. Let's see where the first method went wrong.",
  "Hmm, that disagrees with {W}. Let's look back at the first calculation.",
  'Uh-oh, the first method said {W}. Two methods, two answers — time to hunt for the mistake.',
  "Wait, that isn't {W}. Something went wrong in one of the two methods.",
  "These don't agree: the first way gave {W}. Let's check the first way again.",
  'Hmm, the first attempt produced {W}, so we have a discrepancy to sort out.',
  "Hold on — {W} versus this. That's a mismatch.",
  "Hmm. Before, we found {W}. Let's figure out which is right.",
  'That is different from the {W} we found first, so let’s investigate.',
  'Wait, the answers disagree ({W} before). Good thing we checked!',
  "Hmm, that's not {W}. One of these has an error.",
  "So the second method disagrees with the first, which gave {W}. Let's look carefully.",
  'Now that is odd — the first method gave {W}.',
  "Hmm, this doesn't agree with {W}, our earlier answer.",
  'Wait. Our first answer was {W}, and this is different.',
  "The two results don't match: {W} before. Let's find the slip.",
  'Hmm — a different number from before ({W}). Something went wrong.',
  'That conflicts with the {W} from the first method.',
  "Hold on, the first method's {W} doesn't match this. Let's re-examine it.",
  'So we have a disagreement with {W}. Let me look at the first method again.',
  "Hmm, this is not {W}. Let's go back to the first method.",
  'A mismatch with {W}! One of the two calculations is wrong.',
];

const REDO_FIRST = [
  'Redoing that step properly, the first method also gives {Q} = {E} = {V}.',
  'Fixing it, the first method gives {Q} = {E} = {V} as well.',
  'Done correctly, the first method also says {Q} is {E} = {V}.',
  'With that corrected, the first method gives {E} = {V} for {Q} too.',
  'So the first method, done right, gives {Q} = {E} = {V}.',
  'Correcting the arithmetic, the first method also leads to {Q} = {E} = {V}.',
  'Once that step is fixed, the first method agrees: {Q} = {E} = {V}.',
  'Recomputing that step, the first method gives {Q} = {E} = {V} too.',
  'Done carefully, the first way also gives {Q} = {E} = {V}.',
  'With the arithmetic repaired, the first method says {Q} is {E} = {V}.',
  'Fixed, the first calculation becomes {Q} = {E} = {V}.',
  'So in the first method, {Q} is really {E} = {V}.',
  'Redone, the first approach gives {Q} = {E} = {V}, in agreement.',
  'Correctly computed, the first method also yields {Q} = {E} = {V}.',
  'And the first method, corrected, gives {Q} = {E} = {V}.',
  'Now the first method agrees too: {Q} = {E} = {V}.',
  'Fixing the slip, the first route gives {Q} = {E} = {V} as well.',
  'So, corrected, the first method says {Q} = {E} = {V}.',
  'The first method, with the slip removed, gives {Q} = {E} = {V}.',
  'Doing that step again, the first method gives {Q} = {E} = {V}.',
  'Once corrected, the first way also lands on {Q} = {E} = {V}.',
  'Properly done, the first method gives {Q} = {E} = {V} too.',
  'Repairing that step, the first method also makes {Q} = {E} = {V}.',
  'So the first approach really gives {Q} = {E} = {V}.',
  'With the error fixed, the first method also gives {Q} = {E} = {V}.',
  'Recomputed, the first method agrees that {Q} = {E} = {V}.',
];

const STEP_ACK = [
  'That makes sense.',
  'Good.',
  'Makes sense so far.',
  'Okay, good.',
  'Simple enough.',
  'So far, so good.',
  'Nothing tricky yet.',
  'Easy enough.',
  "That's our starting point.",
  'Keep that in mind.',
  'Hold on to that.',
  "That's the first piece.",
  'Good, one piece done.',
  "That's clear.",
  "We'll use that in a moment.",
  'Fine so far.',
  "That's the foundation.",
  'Let’s keep going.',
  'Nice and simple.',
  'Okay.',
  "That's straightforward.",
  'Good start.',
  "So far there's nothing hard.",
  'Let’s remember that.',
  "We'll need that.",
  'Great, that is set up.',
];

const ACTUALLY = [
  'Actually, wait — let me reconsider that.',
  'Actually, hold on. I think I rushed that.',
  'Hmm, actually, let me redo that.',
  "Actually, I'm not sure about that last step; let me redo it.",
  'Wait, actually, I want to look at this again.',
  'Actually, let me rethink this.',
  'Hmm, hold on. Actually, I think something is off.',
  'Actually — let me go over that one more time.',
  "Wait. Actually, I don't think that's right.",
  'Actually, let me reconsider the last part.',
  'Hmm, on second thought, let me redo this.',
  'Actually, wait a moment.',
  'Hmm, actually, let me check the arithmetic once more.',
  "Actually, I think I made an error. Let's redo it.",
  'On reflection, let me redo that step.',
  'Actually, let me be more careful.',
  'Hmm, wait. Actually, let me redo the last calculation.',
  'Actually, I want to double-check that final step.',
  'Hmm — actually, I think I went wrong there.',
  'Actually, hold on, let me redo it.',
  'Wait, actually I think I need to fix something.',
  'Actually, let me look at that final step again.',
  "Hmm, actually that doesn't look right to me.",
  'Actually, let me recompute that.',
  'Let me actually redo this more carefully.',
  'Actually, one moment — let me recheck.',
];

const SUMMARY = [
  'So, to sum up: {Q} is {V}.',
  'In summary, the answer is {V}.',
  'Final answer: {V}.',
  'So the answer to the problem is {V}.',
  'To wrap up, {Q} is {V}.',
  "That's our final answer: {V}.",
  'So the answer is {V}.',
  'Answer: {V}.',
  'So, in the end, {Q} is {V}.',
  'To answer the question: {V}.',
  'Therefore, {Q} is {V}.',
  'And that is our answer: {V}.',
  'So we can confidently say {Q} is {V}.',
  'So our final answer is {V}.',
  'In short, {Q} is {V}.',
  'All in all, {Q} is {V}.',
  'So, {Q}: {V}.',
  'Putting it simply, the answer is {V}.',
  'The answer, then, is {V}.',
  'So the final answer is {V}.',
  'And so the answer is {V}.',
  'To conclude, {Q} is {V}.',
  'Bottom line: {V}.',
  'Which gives our final answer of {V}.',
  'So there you have it: {V}.',
  'The final answer is {V}.',
];

const SUB_INTROS = [
  'Let me double-check one piece of that.',
  "Let's re-check one of the intermediate steps.",
  'Before we finish, let me re-verify a sub-step.',
  "Let's make sure one of the middle steps is right.",
  'Let me quickly re-check part of the work.',
  'One small check on the way:',
  'Let me double-check the middle of the calculation.',
  "Let's re-verify one piece.",
  "I'd like to re-check one step.",
  'A quick look back at one step:',
  "Let's confirm the intermediate result.",
  'Let me verify the part where mistakes usually happen.',
  "Let's go back and check one calculation.",
  'Just to be careful, one of the steps again:',
  "Let's re-do one of the smaller calculations.",
  "Here's a quick check of one step.",
  'Let me make sure the setup was right.',
  'One piece worth re-checking:',
  "Let's quickly verify an intermediate value.",
  "Let's look at one step again.",
  'Let me re-check the step in the middle.',
  'A small check of the middle step:',
  'I want to re-check one number.',
  "Let's revisit one step to be safe.",
  'Let me confirm one of the earlier numbers.',
  'Quick check of a sub-step:',
];

const SUB_OK = [
  'That part is right.',
  'Good, that step holds.',
  'Yes, that piece is correct.',
  'That step checks out.',
  'Fine, no problem there.',
  'Good.',
  'So that part is solid.',
  "That's correct.",
  'Yes, that was right.',
  'Okay, that matches.',
  'Good, no slip there.',
  'That one is fine.',
  'Right, that piece holds up.',
  'That agrees with what we had.',
  'No mistake there.',
  'That step is fine.',
  'Yes, correct.',
  'Good, consistent.',
  'That matches what we wrote.',
  'Okay, that part is solid.',
  'That was done right.',
  'Fine.',
  'That checks.',
  'So no error in that step.',
  'Good, that holds.',
  'Yes, that step is right.',
];

const TRIAL_INTROS = [
  "Let's try a guess first to get a feel for it.",
  'Sometimes it helps to test a number before doing any algebra.',
  "Let's experiment with a value first.",
  'A quick experiment can make the problem feel less abstract.',
  "Let's start by trying a number and seeing what happens.",
  "Here's a good habit: try a value first.",
  "Let's test a guess.",
  'To build some intuition, let me try a number.',
  "Let's take a guess and see how close it gets.",
  'Before we set anything up, let me test a value.',
  "Let's play with a number first.",
  "One way in is to guess and check. Let's try one.",
  "Let's see what happens with a trial value.",
  'Let me try a number just to see the pattern.',
  'First, a trial run with a made-up value.',
  "We could start by guessing. Let's try.",
  "Let's check a candidate value to get oriented.",
  'A test value helps us see the structure.',
  "Let's warm up by trying one value.",
  'Try this: pick a value and see if it fits.',
  'Let me start with a guess, just to explore.',
  "Let's poke at the problem with a guess.",
  'We can get a feel for it by testing a value.',
  "Let's see what a guess tells us.",
  'I find it useful to try a value first.',
  'Let me test the waters with a number.',
];

const TRIAL_OUTROS = [
  "Guessing could take a while, though, so let's be systematic.",
  "So guessing isn't efficient. Let's set it up properly.",
  'Rather than keep guessing, let us work it out directly.',
  "That guess didn't work, so let's solve it properly.",
  "Let's use a more reliable method.",
  'Now let us do it properly.',
  'Instead of more guesses, let us reason it through.',
  "Okay, let's solve it directly instead.",
  "We could keep guessing, but there's a cleaner way.",
  "So let's find the exact value properly.",
  'Time to be systematic.',
  "Good to know. Now let's solve it.",
  'Let us now find the real answer step by step.',
  "Let's set it up properly now.",
  'With that feel for the problem, let us work it out.',
  "That tells us something, but let's compute exactly.",
  "So now let's do the real calculation.",
  'Let us solve it cleanly.',
  "Let's now work it out carefully.",
  'So we need a proper method.',
  "Let's be methodical.",
  'A direct calculation will be faster.',
  "Let's reason it out instead.",
  'Okay, time for the real work.',
  "Now let's compute it exactly.",
  "Let's find it exactly.",
];

// ---------------------------------------------------------------------------------------------
// Tasks

interface Step {
  text: string;
  lead?: boolean; // prefix with a generic lead-in
}

interface Plug {
  lines: string[];
  ok: boolean;
  disc: string; // the discrepancy, lower case, when !ok
}

interface Inst {
  task: string;
  query: string;
  answer: string; // plain ground truth
  qs: string[]; // noun phrases for the asked quantity
  pre: string; // before the value ("$")
  post: string; // after the value (" hours")
  fmt: (x: number) => string; // the value as written
  right: number;
  givens: string[];
  trial?: string[]; // sentences trying a value (not the answer)
  trialValue?: number; // the value tried there
  steps: Step[];
  expr: string; // the final arithmetic
  wrongs: number[]; // plausible slips in the final arithmetic
  why?: (w: number) => string; // why the slip is wrong, without stating the right value
  plug: (v: number) => Plug;
  alt: { lines: Step[]; expr: string };
  sub: string; // a check of a sub-step (it confirms an intermediate result)
  misstep?: { lines: string[]; expr: string; value: number }; // a mistaken "correction"
}

const PEOPLE = [
  'Maya',
  'Tom',
  'Priya',
  'Sam',
  'Lena',
  'Omar',
  'Grace',
  'Diego',
  'Hana',
  'Felix',
  'Zoe',
  'Ravi',
  'Ines',
  'Kofi',
  'Mei',
  'Jonas',
];

function taskWork(r: R, st: Style): Inst {
  const flavor = r.pick(['pipes', 'pipes', 'people', 'drain'] as const);
  const pairs: [number, number][] = [];
  for (let a = 2; a <= 40; a++)
    for (let b = a + 1; b <= 60; b++) {
      if (flavor === 'drain') {
        if ((a * b) % (b - a) === 0 && (a * b) / (b - a) <= 40) pairs.push([a, b]);
      } else if ((a * b) % (a + b) === 0 && (a * b) / (a + b) >= 2) pairs.push([a, b]);
    }
  const [a, b] = r.pick(pairs);
  const drain = flavor === 'drain';
  const T = drain ? (a * b) / (b - a) : (a * b) / (a + b);
  const L = lcm(a, b);
  const x = L / a;
  const y = L / b;
  const n = drain ? x - y : x + y;
  const units = flavor === 'people' ? r.pick(['hours', 'days']) : 'hours';
  const per = units === 'hours' ? 'hour' : 'day';
  let A: string;
  let B: string;
  let job: string;
  let query: string;
  let qs: string[];
  const op = drain ? '−' : '+';
  if (flavor === 'pipes') {
    [A, B] = r.pick([
      ['pipe A', 'pipe B'],
      ['the first pipe', 'the second pipe'],
      ['the large pipe', 'the small pipe'],
      ['the hot tap', 'the cold tap'],
    ]);
    job = 'the tank';
    query = `${cap(A)} can fill a tank in ${a} hours, and ${B} can fill the same tank in ${b} hours. If both are opened together, how many hours will it take to fill the tank?`;
    qs = [
      'the time to fill the tank with both open',
      'the time it takes both together to fill the tank',
      'the filling time with both running',
    ];
  } else if (flavor === 'people') {
    const p1 = r.pick(PEOPLE);
    const p2 = r.pick(PEOPLE.filter((p) => p !== p1));
    [A, B] = [p1, p2];
    const what = r.pick(['paint a fence', 'mow a large lawn', 'sort a pile of letters', 'tile a floor']);
    job = 'the job';
    query = `${p1} can ${what} in ${a} ${units}, and ${p2} can do the same job in ${b} ${units}. Working together, how many ${units} will it take them?`;
    qs = ['the time they need working together', 'the time it takes the two of them together', 'the time for the job with both working'];
  } else {
    [A, B] = ['the inlet pipe', 'the drain'];
    job = 'the tank';
    query = `An inlet pipe can fill a tank in ${a} hours, and a drain can empty the full tank in ${b} hours. If the tank starts empty and both are left open, how many hours will it take to fill the tank?`;
    qs = [
      'the time it takes to fill the tank with the drain open',
      'the filling time with the drain open',
      'the time needed to fill the tank',
    ];
  }
  const doesA = flavor === 'people' ? 'does' : 'fills';
  const fmt = (v: number) => num(v, st);
  const givens =
    flavor === 'people'
      ? [
          `We're told that ${A} needs ${a} ${units} for the job alone and ${B} needs ${b} ${units}.`,
          `On their own, ${A} takes ${a} ${units} and ${B} takes ${b} ${units}.`,
          `${A} alone: ${a} ${units}. ${B} alone: ${b} ${units}. We want the time when they work together.`,
        ]
      : drain
        ? [
            `The inlet fills the tank in ${a} hours, while the drain empties it in ${b} hours.`,
            `We know the inlet alone takes ${a} hours to fill the tank and the drain alone takes ${b} hours to empty it.`,
            `So water comes in fast enough to fill the tank in ${a} hours, and leaks out fast enough to empty it in ${b} hours.`,
          ]
        : [
            `We're told that ${A} fills the tank in ${a} hours and ${B} fills it in ${b} hours.`,
            `On its own, ${A} needs ${a} hours, and ${B} needs ${b} hours.`,
            `${cap(A)} alone: ${a} hours. ${B} alone: ${b} hours. Both together: that's what we want.`,
          ];
  const steps: Step[] = [
    { text: `${A} ${doesA} 1/${a} of ${job} each ${per}`, lead: true },
    drain
      ? { text: `the drain empties 1/${b} of the tank each hour`, lead: true }
      : { text: `${B} ${doesA} 1/${b} of ${job} each ${per}`, lead: true },
    {
      text: drain
        ? 'Notice that the drain works against the inlet, so we subtract its rate instead of adding it.'
        : "Notice that we add the rates, not the times — adding the times would make the job take longer, which can't be right.",
    },
    {
      text: `together they get through 1/${a} ${op} 1/${b} = ${x}/${L} ${op} ${y}/${L} = ${n}/${L} of ${job} per ${per}`,
      lead: true,
    },
    { text: `To finish one whole ${job === 'the job' ? 'job' : 'tank'} at ${n}/${L} per ${per}, we divide ${L} by ${n}.` },
  ];
  const plug = (v: number): Plug => {
    const f1 = frac(v, a);
    const f2 = frac(v, b);
    const sn = drain ? v * (b - a) : v * (a + b);
    const sd = a * b;
    const tot = frac(sn, sd);
    const lines = [
      drain
        ? `In ${fmt(v)} hours, the inlet fills ${fracEq(fmt(v), v, a)} of the tank, while the drain removes ${fracEq(fmt(v), v, b)} of it.`
        : `In ${fmt(v)} ${units}, ${A} ${doesA} ${fracEq(fmt(v), v, a)} of ${job}, and ${B} ${doesA} ${fracEq(fmt(v), v, b)}.`,
    ];
    if (sn === sd) {
      lines.push(
        drain
          ? `That leaves ${f1} − ${f2} = 1, exactly one full tank.`
          : `Together that's ${f1} + ${f2} = 1, exactly one whole ${job === 'the job' ? 'job' : 'tank'}.`,
      );
      return { lines, ok: true, disc: '' };
    }
    const disc =
      sn < sd
        ? `that only gives ${f1} ${op} ${f2} = ${tot} of ${job}, not the whole thing`
        : `that gives ${f1} ${op} ${f2} = ${tot}, more than one full ${job === 'the job' ? 'job' : 'tank'}`;
    return { lines, ok: false, disc };
  };
  const K = L * r.pick([1, 2, 5, 10]);
  const ka = K / a;
  const kb = K / b;
  const kn = drain ? ka - kb : ka + kb;
  const alt =
    flavor === 'people'
      ? {
          lines: [
            { text: `Imagine the job is made of ${K} equal pieces — a number both ${a} and ${b} divide evenly.` },
            { text: `Then ${A} finishes ${K} ÷ ${a} = ${ka} pieces per ${per} and ${B} finishes ${K} ÷ ${b} = ${kb} pieces per ${per}.` },
            { text: `together they finish ${ka} + ${kb} = ${kn} pieces every ${per}`, lead: true },
          ],
          expr: `${K} ÷ ${kn}`,
        }
      : {
          lines: [
            { text: `Imagine the tank holds ${K} liters — a number both ${a} and ${b} divide evenly.` },
            drain
              ? {
                  text: `Then the inlet pours in ${K} ÷ ${a} = ${ka} liters per hour and the drain lets out ${K} ÷ ${b} = ${kb} liters per hour.`,
                }
              : { text: `Then ${A} pours in ${K} ÷ ${a} = ${ka} liters per hour and ${B} pours in ${K} ÷ ${b} = ${kb} liters per hour.` },
            { text: `the tank gains ${ka} ${op} ${kb} = ${kn} liters every hour`, lead: true },
          ],
          expr: `${K} ÷ ${kn}`,
        };
  const wrongs = [T - 1, T + 1, T + 2].filter((w) => w > 0 && w !== a && w !== b);
  const t0 = r.pick([T - 1, T + 1, T + 2].filter((w) => w > 0 && w !== T));
  const s0 = drain ? t0 * (b - a) : t0 * (a + b);
  const trial = [
    `Suppose we let things run for ${t0} ${units}.`,
    drain
      ? `The inlet would fill ${fracEq(String(t0), t0, a)} of the tank and the drain would remove ${fracEq(String(t0), t0, b)}, leaving ${frac(s0, a * b)} of a tank.`
      : `${cap(A)} would do ${fracEq(String(t0), t0, a)} of ${job} and ${B} would do ${fracEq(String(t0), t0, b)}, for a total of ${frac(s0, a * b)}.`,
    s0 < a * b
      ? `That's less than one whole, so ${t0} ${units} is too short.`
      : `That's more than one whole, so ${t0} ${units} is too long.`,
  ];
  const misstep =
    !drain && (a + b) % 2 === 0
      ? {
          lines: [`Maybe it's simpler than all that: with two working at once, we can just take the average of their two times.`],
          expr: `(${a} + ${b}) ÷ 2`,
          value: (a + b) / 2,
        }
      : undefined;
  return {
    task: flavor === 'drain' ? 'fill-drain' : 'work-together',
    query,
    answer: String(T),
    qs,
    pre: '',
    post: ` ${units}`,
    fmt,
    right: T,
    givens,
    trial,
    trialValue: t0,
    steps,
    expr: `${L} ÷ ${n}`,
    wrongs,
    why: (w) => `${n} × ${fmt(w)} is ${fmt(n * w)}, not ${L}.`,
    plug,
    alt,
    sub: `Let's re-check the combined rate: 1/${a} ${op} 1/${b} = ${x}/${L} ${op} ${y}/${L} = ${n}/${L}.`,
    misstep,
  };
}

function taskInterest(r: R, st: Style): Inst {
  const P = r.int(8, 400) * 100; // dollars
  const rate = r.pick([2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 12]);
  const t = r.int(2, 10);
  const I1 = P * rate; // cents
  const I = I1 * t;
  const total = P * 100 + I;
  const askTotal = r.chance(0.5);
  const loan = r.chance(0.35);
  const who = r.pick(PEOPLE);
  const m = (c: number) => money(c, st);
  const Ps = m(P * 100);
  const query = loan
    ? `${who} borrows $${Ps} at ${rate}% simple interest per year. ${askTotal ? `How much will ${who} owe in total after ${nw(t)} years?` : `How much interest will ${who} owe after ${nw(t)} years?`}`
    : `${who} deposits $${Ps} in a savings account that pays ${rate}% simple interest per year. ${askTotal ? `What will the balance be after ${nw(t)} years?` : `How much interest will the account earn in ${nw(t)} years?`}`;
  const acct = loan ? 'the loan' : 'the account';
  const earns = loan ? 'the loan charges' : 'the account earns';
  const qs = askTotal
    ? loan
      ? ['the total amount owed', `the total owed after ${nw(t)} years`, 'the amount to repay']
      : [`the balance after ${nw(t)} years`, 'the total amount in the account', 'the final balance']
    : loan
      ? ['the total interest owed', `the interest after ${nw(t)} years`, 'the interest charged']
      : ['the interest earned', 'the total interest', `the interest earned over ${nw(t)} years`];
  const rd = num(rate / 100, { commas: false, cents: false });
  const steps: Step[] = [
    { text: `Simple interest means the interest is worked out on the original $${Ps} every year; it never compounds.` },
    { text: `each year ${earns} ${rate}% of $${Ps}, which is $${Ps} × ${rd} = $${m(I1)}`, lead: true },
  ];
  let expr: string;
  let wrongs: number[];
  let why: ((w: number) => string) | undefined;
  if (askTotal) {
    steps.push({ text: `over ${nw(t)} years the interest adds up to $${m(I1)} × ${t} = $${m(I)}`, lead: true });
    steps.push({
      text: `Notice that the question asks for the total ${loan ? 'owed' : 'balance'}, not just the interest, so we add the original $${Ps} back in.`,
    });
    expr = `$${Ps} + $${m(I)}`;
    wrongs = [total + 100000, total - 100000, total + 10000, total - I1].filter((w) => w > P * 100);
  } else {
    expr = `$${m(I1)} × ${t}`;
    wrongs = [I + I1, I - I1, I + 10000, I - 1000].filter((w) => w > 0 && w !== I1);
    why = (w) => `$${m(w)} ÷ ${t} is not $${m(I1)}.`;
  }
  const plug = (v: number): Plug => {
    const intr = askTotal ? v - P * 100 : v;
    const perYear = intr / t;
    const pct = (perYear / (P * 100)) * 100;
    const lines: string[] = [];
    if (askTotal) lines.push(`If ${acct} ends at $${m(v)}, then the interest is $${m(v)} − $${Ps} = $${m(intr)}.`);
    else lines.push(`Suppose the interest over the ${nw(t)} years really is $${m(v)}.`);
    lines.push(`Spread over ${nw(t)} years, that's $${m(intr)} ÷ ${t} = ${moneyApprox(perYear, st)} per year.`);
    const ok = Math.abs(pct - rate) < 1e-9;
    if (ok) {
      lines.push(`And $${m(I1)} out of $${Ps} is exactly ${rate}%, the rate in the problem.`);
      return { lines, ok, disc: '' };
    }
    return { lines, ok, disc: `that's a rate of ${numApprox(pct, { commas: false, cents: false })}% per year, not ${rate}%` };
  };
  const rt = rate * t;
  const alt = askTotal
    ? {
        lines: [
          { text: `${rate}% a year for ${nw(t)} years is ${num(rt, st)}% of the original amount in total.` },
          { text: `the ${loan ? 'debt' : 'balance'} ends up at ${num(100 + rt, st)}% of $${Ps}`, lead: true },
        ],
        expr: `$${Ps} × ${num(1 + rt / 100, { commas: false, cents: false })}`,
      }
    : {
        lines: [{ text: `${rate}% a year for ${nw(t)} years is ${num(rt, st)}% of the original amount altogether.`, lead: true }],
        expr: `$${Ps} × ${num(rt / 100, { commas: false, cents: false })}`,
      };
  return {
    task: askTotal ? 'interest-total' : 'simple-interest',
    query,
    answer: String(askTotal ? total / 100 : I / 100),
    qs,
    pre: '$',
    post: '',
    fmt: m,
    right: askTotal ? total : I,
    givens: [
      `The starting amount is $${Ps}, the rate is ${rate}% per year, and the time is ${nw(t)} years.`,
      `We have a principal of $${Ps}, simple interest at ${rate}% a year, for ${nw(t)} years.`,
      `So $${Ps} sits at ${rate}% simple interest for ${nw(t)} years.`,
    ],
    steps,
    expr,
    wrongs,
    why,
    plug,
    alt,
    sub: `Let's re-check the yearly interest: ${rate}% of $${Ps} is $${Ps} × ${rd} = $${m(I1)}.`,
  };
}

function taskMixture(r: R, st: Style): Inst {
  const [x, y, a, b, c] = ((): number[] => {
    for (;;) {
      const x = r.int(2, 30);
      const y = r.int(2, 30);
      const a = r.int(1, 18) * 5;
      const b = r.int(1, 18) * 5;
      if (a === b || (x * a + y * b) % (x + y) !== 0) continue;
      const c = (x * a + y * b) / (x + y);
      if (c !== a && c !== b) return [x, y, a, b, c];
    }
  })();
  const sub = r.pick(['acid', 'salt', 'alcohol', 'sugar']);
  const who = r.pick(['A chemist', 'A lab technician', 'A student', 'A pharmacist', 'A cook']);
  const vol = x + y;
  const ax = (x * a) / 100;
  const by = (y * b) / 100;
  const tot = (x * a + y * b) / 100;
  const n2 = (v: number) => num(v, { commas: false, cents: false });
  const query = `${who} mixes ${x} liters of a ${a}% ${sub} solution with ${y} liters of a ${b}% ${sub} solution. What is the percentage of ${sub} in the mixture?`;
  const steps: Step[] = [
    { text: `the first solution contains ${x} × ${n2(a / 100)} = ${n2(ax)} liters of ${sub}`, lead: true },
    { text: `the second contains ${y} × ${n2(b / 100)} = ${n2(by)} liters of ${sub}`, lead: true },
    { text: `altogether we have ${n2(ax)} + ${n2(by)} = ${n2(tot)} liters of ${sub}`, lead: true },
    { text: `the total volume is ${x} + ${y} = ${vol} liters`, lead: true },
  ];
  if (x !== y)
    steps.splice(2, 0, {
      text: `Notice that we can't simply average ${a}% and ${b}%, because we don't have equal amounts of the two solutions.`,
    });
  const plug = (v: number): Plug => {
    const need = (vol * v) / 100;
    const lines = [
      `If the mixture were ${v}% ${sub}, its ${vol} liters would hold ${vol} × ${n2(v / 100)} = ${n2(need)} liters of ${sub}.`,
    ];
    if (Math.abs(need - tot) < 1e-9) {
      lines.push(`And that is exactly the ${n2(ax)} + ${n2(by)} = ${n2(tot)} liters we poured in.`);
      return { lines, ok: true, disc: '' };
    }
    return { lines, ok: false, disc: `that would need ${n2(need)} liters of ${sub}, but we only poured in ${n2(tot)}` };
  };
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const misstep =
    x !== y && (a + b) % 2 === 0 && (a + b) / 2 !== c
      ? {
          lines: ["We're mixing two solutions, so isn't the result just halfway between the two strengths?"],
          expr: `(${a} + ${b}) ÷ 2`,
          value: (a + b) / 2,
        }
      : undefined;
  return {
    task: 'mixture',
    query,
    answer: String(c),
    qs: [`the percentage of ${sub} in the mixture`, 'the concentration of the mixture', `the ${sub} concentration of the final mixture`],
    pre: '',
    post: '%',
    fmt: (v) => num(v, st),
    right: c,
    givens: [
      `We have ${x} liters at ${a}% and ${y} liters at ${b}%, and we pour them together.`,
      `One solution is ${a}% ${sub} (${x} liters) and the other is ${b}% ${sub} (${y} liters).`,
      `So we're combining ${x} liters of ${a}% ${sub} solution with ${y} liters of ${b}% solution.`,
    ],
    trial: [
      `Notice that the answer has to land somewhere between ${lo}% and ${hi}%, since mixing can't make anything stronger than the strongest part or weaker than the weakest.`,
    ],
    steps,
    expr: `${n2(tot)} ÷ ${vol} × 100`,
    wrongs: [c - 1, c + 1, c + 2, c - 3].filter((w) => w > lo && w < hi && w !== c),
    plug,
    alt: {
      lines: [
        { text: `The strength of the mixture is a weighted average of ${a}% and ${b}%, weighted by the volumes ${x} and ${y}.` },
        { text: `we multiply each strength by its volume, add, and divide by the total volume ${vol}`, lead: true },
      ],
      expr: `(${x} × ${a} + ${y} × ${b}) ÷ ${vol}`,
    },
    sub: `Let's re-check the amount of ${sub}: ${x} × ${n2(a / 100)} = ${n2(ax)} and ${y} × ${n2(b / 100)} = ${n2(by)}, so ${n2(tot)} liters in all.`,
    misstep,
  };
}

const FAMILY_PAIRS: [string, string][] = [
  ['Mr. Okafor', 'his son Daniel'],
  ['Ms. Lind', 'her daughter Ana'],
  ['Grandpa Joe', 'his grandson Leo'],
  ['Aunt Rosa', 'her niece Clara'],
  ['Mrs. Patel', 'her son Arjun'],
  ['Mr. Novak', 'his daughter Eva'],
  ['Grandma Ruth', 'her granddaughter Lily'],
  ['Uncle Ben', 'his nephew Max'],
];

function taskAges(r: R, st: Style): Inst {
  const askParent = r.chance(0.55);
  const [s, k, m, n] = ((): number[] => {
    for (;;) {
      const s = r.int(3, 18);
      const k = r.int(3, 6);
      const m = r.int(2, k - 1);
      if ((!askParent && k - m < 2) || ((k - m) * s) % (m - 1) !== 0) continue;
      const n = ((k - m) * s) / (m - 1);
      if (n >= 1 && n <= 30) return [s, k, m, n];
    }
  })();
  const F = k * s;
  const [P, Cfull] = r.pick(FAMILY_PAIRS);
  const C = Cfull.split(' ').pop() as string;
  const fmt = (v: number) => num(v, st);
  const query = `${P} is ${TIMES[k]} as old as ${Cfull}. In ${nw(n)} years, ${P} will be ${TIMES[m]} as old as ${C}. How old is ${askParent ? P : C} now?`;
  const mn = m * n;
  const rhs = (m - 1) * n;
  const steps: Step[] = [
    { text: `Let's call ${C}'s age today s.` },
    { text: `${P} is ${k}s years old right now`, lead: true },
    { text: `in ${nw(n)} years, ${C} will be s + ${n} and ${P} will be ${k}s + ${n}`, lead: true },
    { text: `The problem says that at that point ${P} is ${TIMES[m]} as old, so ${k}s + ${n} = ${m}(s + ${n}).` },
    { text: `expanding the right side gives ${k}s + ${n} = ${m}s + ${mn}`, lead: true },
    { text: `subtracting ${m}s and ${n} from both sides leaves ${k - m === 1 ? '' : k - m}s = ${rhs}`, lead: true },
  ];
  let expr: string;
  let wrongs: number[];
  if (askParent) {
    if (k - m !== 1) steps.push({ text: `s = ${rhs} ÷ ${k - m} = ${s}, so ${C} is ${s} years old`, lead: true });
    else steps.push({ text: `${C} is ${s} years old`, lead: true });
    steps.push({ text: `But careful — the question asks about ${P}, not ${C}.` });
    expr = `${k} × ${s}`;
    wrongs = [F + k, F - k, F + 2 * k].filter((w) => w > 0);
  } else {
    expr = `${rhs} ÷ ${k - m}`;
    wrongs = [s + 1, s - 1, s + 2].filter((w) => w > 0);
  }
  const plug = (v: number): Plug => {
    const child = askParent ? v / k : v;
    const parent = askParent ? v : k * v;
    const lines = askParent
      ? [`If ${P} is ${fmt(v)} now, then ${C} is ${fmt(v)} ÷ ${k} = ${fmt(child)}.`]
      : [`If ${C} is ${fmt(v)} now, then ${P} is ${k} × ${fmt(v)} = ${fmt(parent)}.`];
    lines.push(`In ${nw(n)} years they will be ${fmt(parent + n)} and ${fmt(child + n)}.`);
    const ok = Math.abs(parent + n - m * (child + n)) < 1e-9;
    if (ok) {
      lines.push(`And ${fmt(parent + n)} = ${m} × ${fmt(child + n)}, exactly as the problem says.`);
      return { lines, ok, disc: '' };
    }
    return { lines, ok, disc: `${m} × ${fmt(child + n)} is ${fmt(m * (child + n))}, not ${fmt(parent + n)}` };
  };
  let alt: Inst['alt'];
  const kF = k * rhs;
  if (askParent && k - m >= 2) {
    alt = {
      lines: [
        { text: `Let's work with ${P}'s age directly and call it F; then ${C} is F/${k}.` },
        { text: `In ${nw(n)} years: F + ${n} = ${m}(F/${k} + ${n}).` },
        { text: `multiplying both sides by ${k} gives ${k}F + ${k * n} = ${m}F + ${k * mn}, so ${k - m}F = ${kF}`, lead: true },
      ],
      expr: `${kF} ÷ ${k - m}`,
    };
  } else if (askParent) {
    const rows: Step[] = [{ text: `Let's make a small table of possible ages for ${C}.` }];
    for (const g of [s - 2, s - 1].filter((g) => g > 0)) {
      rows.push({
        text: `If ${C} were ${g}, ${P} would be ${k * g}; in ${nw(n)} years that's ${g + n} and ${k * g + n}, and ${m} × ${g + n} = ${m * (g + n)}, not ${k * g + n}.`,
      });
    }
    rows.push({
      text: `If ${C} is ${s}, in ${nw(n)} years we get ${s + n} and ${F + n}, and ${m} × ${s + n} = ${m * (s + n)}. That fits!`,
    });
    alt = { lines: rows, expr: `${k} × ${s}` };
  } else {
    alt = {
      lines: [
        { text: `This time let's call ${P}'s age F, so ${C} is F/${k}.` },
        { text: `In ${nw(n)} years: F + ${n} = ${m}(F/${k} + ${n}).` },
        { text: `multiplying by ${k}, ${k}F + ${k * n} = ${m}F + ${k * mn}, so ${k - m}F = ${kF} and F = ${F}`, lead: true },
      ],
      expr: `${F} ÷ ${k}`,
    };
  }
  const t0 = r.pick([s - 2, s - 1, s + 1, s + 2, s + 3].filter((g) => g > 0));
  const trial = [
    `Suppose ${C} were ${t0}.`,
    `Then ${P} would be ${k * t0}, and in ${nw(n)} years they'd be ${t0 + n} and ${k * t0 + n}.`,
    `But ${m} × ${t0 + n} = ${m * (t0 + n)}, not ${k * t0 + n}, so ${t0} doesn't work.`,
  ];
  return {
    task: askParent ? 'ages-parent' : 'ages-child',
    query,
    answer: String(askParent ? F : s),
    qs: askParent
      ? [`${P}'s age now`, `${P}'s current age`, `${P}'s age today`]
      : [`${C}'s age now`, `${C}'s current age`, `${C}'s age today`],
    pre: '',
    post: r.pick([' years', '', ' years']),
    fmt,
    right: askParent ? F : s,
    givens: [
      `Right now ${P} is ${TIMES[k]} ${C}'s age, and in ${nw(n)} years the ratio will be ${m} to 1.`,
      `So today the ages are in the ratio ${k} : 1, and ${nw(n)} years from now they will be in the ratio ${m} : 1.`,
      `Two facts: ${P} is ${TIMES[k]} as old as ${C} now, and ${TIMES[m]} as old in ${nw(n)} years.`,
    ],
    trial,
    trialValue: t0,
    steps,
    expr,
    wrongs,
    plug,
    alt,
    sub: `Let's re-check the expansion: ${m}(s + ${n}) = ${m}s + ${mn}.`,
  };
}

function taskMeet(r: R, st: Style): Inst {
  let s1 = 0;
  let s2 = 0;
  let T = 0;
  let D = 0;
  for (;;) {
    s1 = r.int(6, 24) * 5;
    s2 = r.int(6, 24) * 5;
    T = r.pick([1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6]);
    D = T * (s1 + s2);
    if (Number.isInteger(D) && Number.isInteger(T * s1)) break;
  }
  const askTime = r.chance(0.55);
  const S = s1 + s2;
  const kind = r.pick(['train', 'car', 'cyclist'] as const);
  const [c1, c2] = r.pick([
    ['Aston', 'Brill'],
    ['Northgate', 'Southport'],
    ['Milford', 'Redbank'],
    ['Easton', 'Westwood'],
  ]);
  const V = kind === 'train' ? 'trains' : kind === 'car' ? 'cars' : 'cyclists';
  const f = (v: number) => num(v, st);
  const d1 = T * s1;
  const query = `Two ${V} start at the same time from ${c1} and ${c2}, which are ${f(D)} km apart, and travel toward each other. The one from ${c1} goes ${s1} km/h and the one from ${c2} goes ${s2} km/h. ${askTime ? 'After how many hours do they meet?' : `How far from ${c1} do they meet?`}`;
  const steps: Step[] = [
    { text: `Notice that the ${V} are moving toward each other, so the gap between them shrinks from both ends at once.` },
    { text: `every hour the gap shrinks by ${s1} + ${s2} = ${S} km`, lead: true },
  ];
  let expr: string;
  let wrongs: number[];
  let why: ((w: number) => string) | undefined;
  if (askTime) {
    expr = `${f(D)} ÷ ${S}`;
    wrongs = [T - 0.5, T + 0.5, T + 1].filter((w) => w > 0);
    why = (w) => `${S} × ${f(w)} is ${f(S * w)}, not ${f(D)}.`;
  } else {
    steps.push({ text: `they meet after ${f(D)} ÷ ${S} = ${f(T)} hours`, lead: true });
    steps.push({
      text: `But the question isn't asking for the time — it wants the distance from ${c1}, which is how far the ${kind} from ${c1} travels.`,
    });
    expr = `${s1} × ${f(T)}`;
    wrongs = [d1 + 10, d1 - 10, d1 + s1 / 2, d1 - 20].filter((w) => w > 0 && w < D);
  }
  const plug = (v: number): Plug => {
    if (askTime) {
      const a1 = s1 * v;
      const a2 = s2 * v;
      const lines = [
        `In ${f(v)} hours the one from ${c1} covers ${s1} × ${f(v)} = ${f(a1)} km and the one from ${c2} covers ${s2} × ${f(v)} = ${f(a2)} km.`,
      ];
      if (Math.abs(a1 + a2 - D) < 1e-9) {
        lines.push(`Together that's ${f(a1)} + ${f(a2)} = ${f(D)} km — exactly the distance between the towns.`);
        return { lines, ok: true, disc: '' };
      }
      return { lines, ok: false, disc: `together they'd cover ${f(a1 + a2)} km, but the towns are ${f(D)} km apart` };
    }
    const tt = v / s1;
    const other = s2 * tt;
    const lines = [
      `If the ${kind} from ${c1} has gone ${f(v)} km, it has been moving for ${f(v)} ÷ ${s1} = ${numApprox(tt, st)} hours.`,
      Math.abs(tt * 100 - Math.round(tt * 100)) < 1e-9
        ? `In that time the other one covers ${s2} × ${f(tt)} = ${f(other)} km.`
        : `In that time the other one, at ${s2} km/h, covers ${numApprox(other, st)} km.`,
    ];
    if (Math.abs(v + other - D) < 1e-9) {
      lines.push(`And ${f(v)} + ${f(other)} = ${f(D)} km, the full distance.`);
      return { lines, ok: true, disc: '' };
    }
    return { lines, ok: false, disc: `together that's ${numApprox(v + other, st)} km, not the ${f(D)} km between the towns` };
  };
  const alt = askTime
    ? {
        lines: [
          {
            text: `The ${kind} from ${c1} covers a share of the distance in proportion to its speed: ${s1}/${S} of ${f(D)} km, which is ${f(d1)} km.`,
          },
          { text: `it has to travel ${f(d1)} km at ${s1} km/h`, lead: true },
        ],
        expr: `${f(d1)} ÷ ${s1}`,
      }
    : {
        lines: [{ text: `The ${kind} from ${c1} covers a share of the distance in proportion to its speed, ${s1} out of every ${S} km.` }],
        expr: `${f(D)} × ${s1} ÷ ${S}`,
      };
  const t0 = r.pick([T - 1, T + 1, Math.floor(T) === T ? T - 1 : Math.floor(T)].filter((g) => g > 0 && g !== T));
  const trial = [
    `Could they meet after ${f(t0)} hours?`,
    `In ${f(t0)} hours they'd close ${S} × ${f(t0)} = ${f(S * t0)} km of the gap, which is ${S * t0 < D ? 'less' : 'more'} than ${f(D)} km, so ${S * t0 < D ? 'not yet' : "they'd have met earlier"}.`,
  ];
  return {
    task: askTime ? 'meet-time' : 'meet-distance',
    query,
    answer: String(askTime ? T : d1),
    qs: askTime
      ? ['the time until they meet', 'the time it takes them to meet', 'the meeting time']
      : [
          `the distance from ${c1} to the meeting point`,
          `the distance the ${kind} from ${c1} covers before they meet`,
          `how far from ${c1} the meeting point is`,
        ].slice(0, 2),
    pre: '',
    post: askTime ? ' hours' : ' km',
    fmt: f,
    right: askTime ? T : d1,
    givens: [
      `The towns are ${f(D)} km apart, one ${kind} goes ${s1} km/h, the other ${s2} km/h, and they head toward each other.`,
      `We have a gap of ${f(D)} km, closed from both sides at ${s1} km/h and ${s2} km/h.`,
      `So: ${f(D)} km between them, speeds ${s1} km/h and ${s2} km/h, moving toward each other.`,
    ],
    trial,
    trialValue: t0,
    steps,
    expr,
    wrongs,
    why,
    plug,
    alt,
    sub: `Let's re-check the closing speed: ${s1} + ${s2} = ${S} km/h.`,
  };
}

const ITEMS: [string, string, string][] = [
  ['pen', 'pens', 'pack'],
  ['notebook', 'notebooks', 'bundle'],
  ['muffin', 'muffins', 'box'],
  ['candle', 'candles', 'box'],
  ['bottle of juice', 'bottles of juice', 'crate'],
  ['pencil', 'pencils', 'pack'],
  ['light bulb', 'light bulbs', 'pack'],
  ['tennis ball', 'tennis balls', 'tube'],
  ['bar of soap', 'bars of soap', 'pack'],
  ['yogurt cup', 'yogurt cups', 'carton'],
];

function taskUnitPrice(r: R, st: Style): Inst {
  const [item, items, pack] = r.pick(ITEMS);
  const n = r.int(2, 12);
  const u = r.int(5, 100) * 5; // cents
  const p = n * u;
  let m = r.int(2, 30);
  if (m === n) m = n + r.int(1, 9);
  const ans = m * u;
  const mm = (c: number) => money(c, st);
  const mWords = nw(m);
  const query = `A ${pack} of ${nw(n)} ${items} costs $${mm(p)}. At the same price per ${item}, how much would ${mWords} ${items} cost?`;
  const steps: Step[] = [
    { text: `The trick is to find the price of a single ${item} first.` },
    { text: `one ${item} costs $${mm(p)} ÷ ${n} = $${money(u, { ...st, cents: true })}`, lead: true },
  ];
  const plug = (v: number): Plug => {
    const each = v / m;
    const lines = [`If ${mWords} ${items} cost $${mm(v)}, then one costs $${mm(v)} ÷ ${m} = ${moneyApprox(each, { ...st, cents: true })}.`];
    if (Math.abs(each - u) < 1e-9) {
      lines.push(`And the ${pack} price gives the same: ${n} × $${money(u, { ...st, cents: true })} = $${mm(p)}.`);
      return { lines, ok: true, disc: '' };
    }
    return {
      lines,
      ok: false,
      disc: `that's ${moneyApprox(each, { ...st, cents: true })} per ${item}, but the ${pack} works out to $${money(u, { ...st, cents: true })} each`,
    };
  };
  return {
    task: 'unit-price',
    query,
    answer: money(ans, { commas: false, cents: ans % 100 !== 0 }),
    qs: [`the cost of ${mWords} ${items}`, `the price of ${mWords} ${items}`, `what we pay for ${mWords} ${items}`].slice(0, 2),
    pre: '$',
    post: '',
    fmt: mm,
    right: ans,
    givens: [
      `We know ${nw(n)} ${items} cost $${mm(p)} together, and we want the price of ${mWords}.`,
      `A ${pack} holds ${nw(n)} ${items} and costs $${mm(p)}.`,
      `So the price for ${nw(n)} is $${mm(p)}, and the price per ${item} stays the same.`,
    ],
    trial: [
      `Notice that we're buying ${m > n ? 'more' : 'fewer'} ${items} than in one ${pack}, so the answer should be ${m > n ? 'more' : 'less'} than $${mm(p)}.`,
    ],
    steps,
    expr: `${m} × $${money(u, { ...st, cents: true })}`,
    wrongs: [ans + u, ans - u, ans + 100, ans - 10].filter((w) => w > 0),
    plug,
    alt: {
      lines: [{ text: `${mWords} ${items} is ${frac(m, n)} of a ${pack}, so we can scale the ${pack} price directly.`, lead: true }],
      expr: `$${mm(p)} × ${m} ÷ ${n}`,
    },
    sub: `Let's re-check the price of one ${item}: ${n} × $${money(u, { ...st, cents: true })} = $${mm(p)}.`,
  };
}

const TASKS = [taskWork, taskInterest, taskMixture, taskAges, taskMeet, taskUnitPrice];

// ---------------------------------------------------------------------------------------------
// Writing a response

class Writer {
  text = '';
  private paraOpen = false;
  cands: PhrasingCandidate[] = [];
  private dirty = true; // new work since the last answer statement
  private last: string | null = null;

  constructor(
    private readonly r: R,
    private readonly inst: Inst,
  ) {}

  para(): void {
    if (this.text) this.text += '\n\n';
    this.paraOpen = false;
  }

  private put(s: string): number {
    if (this.paraOpen) this.text += ' ';
    const at = this.text.length;
    this.text += s;
    this.paraOpen = true;
    return at;
  }

  fill(tpl: string, extra: Record<string, string> = {}): string {
    const q = this.r.pick(this.inst.qs);
    let s = tpl.replace(/\{Q\}/g, q);
    for (const [k, v] of Object.entries(extra)) s = s.split(`{${k}}`).join(v);
    return cap(s);
  }

  /** Plain text that is not new work (a confirmation, a transition). */
  say(s: string): void {
    this.put(s);
  }

  /** New work: a derivation step, a check, a second method. */
  work(s: string): void {
    this.put(s);
    this.dirty = true;
  }

  step(st: Step): void {
    this.work(st.lead ? `${this.r.pick(LEADS)} ${st.text.replace(/\.$/, '')}.` : st.text);
  }

  /** A statement of a value as the answer: a candidate unless it restates the last one with no new work. */
  answer(tpl: string, v: number, extra: Record<string, string> = {}, isWork = false): void {
    const val = this.inst.fmt(v);
    const s = this.fill(tpl, { ...extra, V: `${this.inst.pre}\u0000${this.inst.post}` });
    const i = s.indexOf('\u0000');
    const at = this.put(s.replace('\u0000', val));
    if (this.dirty || isWork || this.last !== val) this.cands.push({ value: val, offset: at + i });
    this.last = val;
    this.dirty = false;
  }

  wv(v: number): string {
    return `${this.inst.pre}${this.inst.fmt(v)}${this.inst.post}`;
  }
}

type Scenario =
  | 'plain'
  | 'plugEcho'
  | 'plugNoVal'
  | 'altEcho'
  | 'plugAlt'
  | 'wrongPlugFix'
  | 'wrongAltFix'
  | 'wrongUncaught'
  | 'rightThenWrong'
  | 'subcheck'
  | 'truncPre'
  | 'truncPost';

const SCENARIOS: [Scenario, number][] = [
  ['plain', 15],
  ['plugEcho', 12],
  ['plugNoVal', 8],
  ['altEcho', 10],
  ['plugAlt', 5],
  ['wrongPlugFix', 14],
  ['wrongAltFix', 6],
  ['wrongUncaught', 8],
  ['rightThenWrong', 4],
  ['subcheck', 7],
  ['truncPre', 5],
  ['truncPost', 6],
];

function pickScenario(r: R): Scenario {
  const total = SCENARIOS.reduce((s, [, w]) => s + w, 0);
  let x = r.f() * total;
  for (const [s, w] of SCENARIOS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'plain';
}

function derivation(w: Writer, r: R, inst: Inst): void {
  w.para();
  const hmmAt = r.chance(0.45) ? r.int(1, inst.steps.length - 1) : -1;
  inst.steps.forEach((st, i) => {
    if (i === hmmAt) w.say(r.pick(TRANSITIONS));
    w.step(st);
    if (i === 0 && r.chance(0.2)) w.say(r.pick(STEP_ACK));
  });
}

/** States the result of the final arithmetic `expr` as the answer (value v). */
function conclude(w: Writer, r: R, inst: Inst, v: number, expr: string, opts: { newPara?: boolean } = {}): void {
  if (opts.newPara) w.para();
  if (r.chance(0.5)) w.answer(r.pick(CONCL_E), v, { E: expr });
  else {
    w.work(w.fill(r.pick(SETUP_FINAL), { E: expr }));
    w.answer(r.pick(CONCL), v);
  }
}

function plugCheck(w: Writer, r: R, inst: Inst, v: number): Plug {
  w.para();
  w.say(r.pick(CHECK_INTROS));
  const p = inst.plug(v);
  for (const l of p.lines) w.work(l);
  return p;
}

function altMethod(w: Writer, r: R, inst: Inst): void {
  w.para();
  w.say(r.pick(ALT_INTROS));
  for (const l of inst.alt.lines) w.step(l);
}

function fixSlip(w: Writer, r: R, inst: Inst, wrong: number, expr: string, disc: string | null): void {
  if (disc !== null) w.say(w.fill(r.pick(SLIP_FOUND), { D: disc }));
  w.work(w.fill(r.pick(FIX), { E: expr, W: w.wv(wrong) }));
  if (inst.why && r.chance(0.6)) w.work(inst.why(wrong));
}

function buildRecord(r: R, idx: number, salt: string): PhrasingRecord {
  const st: Style = { commas: r.chance(0.7), cents: r.chance(0.2) };
  const inst = r.pick(TASKS)(r, st);
  let scen = pickScenario(r);
  if (scen === 'rightThenWrong' && !inst.misstep && r.chance(0.5)) scen = 'wrongUncaught';
  const w = new Writer(r, inst);
  const R_ = inst.right;
  const wrong = r.pick(inst.wrongs);

  // Opening: restates the question (numbers quoted, not candidates).
  w.say(r.pick(OPENINGS));
  w.work(r.pick(inst.givens));
  if (r.chance(0.7)) w.say(w.fill(r.pick(GOALS)));
  const stated = [wrong, inst.misstep?.value];
  if (inst.trial && r.chance(0.35) && !stated.includes(inst.trialValue)) {
    w.para();
    if (inst.task !== 'mixture' && inst.task !== 'unit-price') w.say(r.pick(TRIAL_INTROS));
    for (const l of inst.trial) w.work(l);
    if (inst.task !== 'mixture' && inst.task !== 'unit-price') w.say(r.pick(TRIAL_OUTROS));
  }
  derivation(w, r, inst);

  const firstWrong =
    scen === 'wrongPlugFix' || scen === 'wrongAltFix' || scen === 'wrongUncaught' || (scen === 'truncPost' && r.chance(0.5));
  const first = firstWrong ? wrong : R_;
  conclude(w, r, inst, first, inst.expr);

  const maybeConfirm = (p: number) => {
    if (r.chance(p)) w.say(r.pick(CONFIRMS));
  };
  const maybeSummary = (p: number, v: number) => {
    if (r.chance(p)) {
      if (r.chance(0.5)) w.para();
      w.answer(r.pick(SUMMARY), v);
    }
  };

  switch (scen) {
    case 'plain':
      maybeConfirm(0.6);
      maybeSummary(0.6, R_); // a restatement with no new work: merges
      break;
    case 'plugEcho':
    case 'plugAlt': {
      maybeConfirm(0.3);
      plugCheck(w, r, inst, R_);
      if (r.chance(0.3)) w.say(r.pick(PASS_NOVAL));
      w.answer(r.pick(PASS_ECHO), R_); // re-derived through the check: an echo
      if (scen === 'plugAlt') {
        altMethod(w, r, inst);
        w.answer(r.pick(ALT_SAME), R_, { E: inst.alt.expr });
      }
      maybeConfirm(0.2);
      maybeSummary(0.4, R_); // no new work since the echo: merges
      break;
    }
    case 'plugNoVal':
      maybeConfirm(0.3);
      plugCheck(w, r, inst, R_);
      w.say(r.pick(PASS_NOVAL));
      // After the check, a statement of the answer is an echo (new work in between).
      maybeSummary(0.5, R_);
      break;
    case 'altEcho':
      maybeConfirm(0.3);
      altMethod(w, r, inst);
      w.answer(r.pick(ALT_SAME), R_, { E: inst.alt.expr });
      maybeConfirm(0.3);
      maybeSummary(0.4, R_);
      break;
    case 'wrongPlugFix': {
      if (r.chance(0.25)) w.say(r.pick(CONFIRMS.filter((c) => c.length > 6)));
      const p = plugCheck(w, r, inst, wrong);
      fixSlip(w, r, inst, wrong, inst.expr, p.disc);
      w.say(r.pick(REDO_LEADS));
      w.answer(r.pick(CONCL_E), R_, { E: inst.expr });
      if (r.chance(0.45)) {
        plugCheck(w, r, inst, R_);
        w.answer(r.pick(PASS_ECHO), R_);
      } else maybeConfirm(0.5);
      maybeSummary(0.5, R_);
      break;
    }
    case 'wrongAltFix': {
      altMethod(w, r, inst);
      w.answer(r.pick(CONCL_E), R_, { E: inst.alt.expr });
      w.say(w.fill(r.pick(DISAGREE), { W: w.wv(wrong) }));
      fixSlip(w, r, inst, wrong, inst.expr, null);
      w.answer(r.pick(REDO_FIRST), R_, { E: inst.expr }, true);
      maybeSummary(0.5, R_);
      break;
    }
    case 'wrongUncaught':
      maybeConfirm(0.6);
      if (r.chance(0.4)) {
        w.para();
        w.say(r.pick(SUB_INTROS));
        w.say(inst.sub);
        w.say(r.pick(SUB_OK));
      } else maybeSummary(0.5, wrong);
      break;
    case 'rightThenWrong': {
      maybeConfirm(0.3);
      w.para();
      w.say(r.pick(ACTUALLY));
      let bad = wrong;
      if (inst.misstep) {
        for (const l of inst.misstep.lines) w.work(l);
        bad = inst.misstep.value;
        w.answer(r.pick(CONCL_E), bad, { E: inst.misstep.expr });
      } else {
        w.work(r.pick(REDO_LEADS));
        w.answer(r.pick(CONCL_E), bad, { E: inst.expr });
      }
      maybeSummary(0.5, bad); // no new work since: merges
      break;
    }
    case 'subcheck':
      maybeConfirm(0.4);
      w.para();
      w.say(r.pick(SUB_INTROS));
      w.say(inst.sub);
      w.say(r.pick(SUB_OK));
      break;
    case 'truncPre':
    case 'truncPost': {
      // Write on as a check would, then cut the text.
      const p = plugCheck(w, r, inst, first);
      if (p.ok) w.answer(r.pick(PASS_ECHO), first);
      else {
        fixSlip(w, r, inst, first, inst.expr, p.disc);
        w.answer(r.pick(CONCL_E), R_, { E: inst.expr });
      }
      break;
    }
  }

  let body = w.text;
  let cands = w.cands;
  let truncated = false;
  if (scen === 'truncPre' || scen === 'truncPost') {
    truncated = true;
    const c0 = cands[0];
    let lo: number;
    let hi: number;
    if (scen === 'truncPre') {
      lo = Math.floor(c0.offset * 0.35);
      hi = c0.offset - 2;
    } else {
      lo = c0.offset + c0.value.length + 20;
      hi = cands.length > 1 ? cands[1].offset - 1 : body.length - 2;
    }
    // Cut in the middle of a word, so the text plainly stops mid-sentence.
    let cut = -1;
    for (let tries = 0; tries < 50 && cut < 0; tries++) {
      const c = r.int(lo, Math.max(lo, hi));
      if (/[a-z]/.test(body[c - 1] ?? '') && /[a-z]/.test(body[c] ?? '')) cut = c;
    }
    if (cut < 0) cut = lo;
    body = body.slice(0, cut);
    cands = cands.filter((c) => c.offset + c.value.length <= cut);
  }
  const headers: Record<string, string> = { query: inst.query, answer: inst.answer, task: inst.task };
  if (truncated) headers.truncated = 'true';
  return {
    id: `tutor-prose-${salt}-${idx}`,
    headers,
    body,
    candidates: cands,
    final: truncated ? null : cands.length ? cands[cands.length - 1].value : null,
  };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const r = new R(mulberry32(hashStr(`${family}|${split}|${seed}|${i}`)));
    out.push(buildRecord(r, i + 1, `${split}${seed}`));
  }
  return out;
}
