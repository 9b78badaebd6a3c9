// Phrasing family "mc-harmony": multiple-choice questions (4-10 lettered options; science,
// medicine, law, logic) answered by a reasoning model in the gpt-oss harmony style
// (<|channel|>analysis<|message|> ... <|end|><|start|>assistant<|channel|>final<|message|> ...)
// or a Gemma-like thought channel (<|channel>thought ... <channel|>).
// Labels follow docs/annotation-guide.md: candidates only inside the thinking block (the final
// channel is the summary; `final` is its answer, always equal to the last candidate here); an
// option-by-option verdict is a step; the statement that picks is the candidate; a restatement
// or a draft with no new work merges; a re-check that re-examines options and states the letter
// again is a new candidate (an echo).
// Self-contained: no imports.

export interface PhrasingCandidate {
  value: string;
  offset: number;
}
export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>;
  body: string;
  candidates: PhrasingCandidate[];
  final: string | null;
}
export type PhrasingSplit = 'dev' | 'heldout';

export const family = 'mc-harmony';

// ---------------------------------------------------------------- PRNG
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
class Rng {
  private r: () => number;
  constructor(seed: number) {
    this.r = mulberry32(seed);
  }
  next(): number {
    return this.r();
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  weighted<T extends string>(w: Record<T, number>): T {
    const keys = Object.keys(w) as T[];
    let total = 0;
    for (const k of keys) total += w[k];
    let x = this.r() * total;
    for (const k of keys) {
      x -= w[k];
      if (x < 0) return k;
    }
    return keys[keys.length - 1];
  }
}

// ---------------------------------------------------------------- body builder
class Body {
  s = '';
  cands: PhrasingCandidate[] = [];
  add(t: string): void {
    this.s += t;
  }
  // Template with {V} marking the candidate's value (written as `value`); other {k} from vars.
  cand(tpl: string, value: string, vars: Record<string, string>): void {
    const i = tpl.indexOf('{V}');
    if (i < 0) throw new Error('template without {V}: ' + tpl);
    this.s += fill(tpl.slice(0, i), vars);
    this.cands.push({ value, offset: this.s.length });
    this.s += value;
    this.s += fill(tpl.slice(i + 3), vars);
  }
}
function fill(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(/\{([A-Za-z0-9]+)\}/g, (m, k: string) => {
    if (!(k in vars)) throw new Error('missing var ' + k + ' in ' + tpl);
    return vars[k];
  });
}

// ---------------------------------------------------------------- problems (shared by both splits)
interface Item {
  name: string;
  fact: string; // a true clause about the item that decides it
  lure?: string; // a misleading clause that makes a wrong item look right
}
interface Topic {
  task: string;
  stem: string;
  prop: string; // "is a noble gas": for plug-back checks
  right: Item[];
  wrong: Item[];
}

const TOPICS: Topic[] = [
  {
    task: 'chemistry',
    stem: 'Which of the following elements is a noble gas?',
    prop: 'is a noble gas',
    right: [
      { name: 'Neon', fact: 'sits in group 18 with a filled 2s2p shell' },
      { name: 'Argon', fact: 'sits in group 18 with a filled 3s3p shell' },
      { name: 'Krypton', fact: 'is in group 18, period 4, with a closed shell' },
      { name: 'Xenon', fact: 'is in group 18, period 5, with a closed shell' },
    ],
    wrong: [
      {
        name: 'Nitrogen',
        fact: 'is in group 15 with three unpaired p electrons',
        lure: 'is a very unreactive diatomic gas that makes up most of the air',
      },
      {
        name: 'Fluorine',
        fact: 'is a group 17 halogen, one electron short of a closed shell',
        lure: 'is right next to neon in the table and is a gas',
      },
      { name: 'Hydrogen', fact: 'is in group 1 with a single electron', lure: 'is a light colourless gas like helium' },
      { name: 'Oxygen', fact: 'is in group 16 and forms oxides with almost everything' },
      { name: 'Chlorine', fact: 'is a group 17 halogen and very reactive' },
      { name: 'Sodium', fact: 'is a group 1 alkali metal' },
      { name: 'Carbon', fact: 'is in group 14 and forms four bonds' },
      { name: 'Sulfur', fact: 'is a group 16 solid' },
      { name: 'Calcium', fact: 'is a group 2 alkaline earth metal' },
      { name: 'Iron', fact: 'is a transition metal' },
    ],
  },
  {
    task: 'physics',
    stem: 'Which of the following quantities is a vector?',
    prop: 'is a vector quantity',
    right: [
      { name: 'Displacement', fact: 'has both a magnitude and a direction' },
      { name: 'Momentum', fact: 'is mass times velocity, so it carries a direction' },
      { name: 'Acceleration', fact: 'is the rate of change of velocity and has a direction' },
      { name: 'Force', fact: 'has a magnitude and acts along a direction' },
    ],
    wrong: [
      {
        name: 'Speed',
        fact: 'is only the magnitude of velocity, a scalar',
        lure: 'is how fast something moves, which sounds like velocity',
      },
      { name: 'Work', fact: 'is a dot product, so it is a scalar', lure: 'is force times displacement, and both of those are vectors' },
      { name: 'Energy', fact: 'is a scalar with no direction', lure: 'appears with force in so many formulas' },
      { name: 'Mass', fact: 'is a scalar' },
      { name: 'Temperature', fact: 'is a scalar' },
      { name: 'Time', fact: 'is a scalar' },
      { name: 'Power', fact: 'is energy per time, a scalar' },
      { name: 'Electric charge', fact: 'is a signed scalar' },
      { name: 'Density', fact: 'is mass per volume, a scalar' },
      { name: 'Volume', fact: 'is a scalar' },
    ],
  },
  {
    task: 'pharmacology',
    stem: 'Which of the following drugs is a beta-adrenergic blocker?',
    prop: 'is a beta blocker',
    right: [
      { name: 'Metoprolol', fact: 'is a cardioselective beta-1 blocker (the -olol suffix)' },
      { name: 'Atenolol', fact: 'is a beta-1 selective blocker (-olol)' },
      { name: 'Propranolol', fact: 'is a non-selective beta blocker (-olol)' },
    ],
    wrong: [
      {
        name: 'Amlodipine',
        fact: 'is a dihydropyridine calcium channel blocker',
        lure: 'is used for hypertension and angina, just like beta blockers',
      },
      { name: 'Lisinopril', fact: 'is an ACE inhibitor (-pril)', lure: 'is a first-line antihypertensive that lowers heart strain' },
      {
        name: 'Verapamil',
        fact: 'is a non-dihydropyridine calcium channel blocker',
        lure: 'slows the heart rate the way a beta blocker does',
      },
      { name: 'Losartan', fact: 'is an angiotensin receptor blocker (-sartan)' },
      { name: 'Furosemide', fact: 'is a loop diuretic' },
      { name: 'Simvastatin', fact: 'is an HMG-CoA reductase inhibitor' },
      { name: 'Metformin', fact: 'is a biguanide' },
      { name: 'Omeprazole', fact: 'is a proton pump inhibitor' },
      { name: 'Warfarin', fact: 'is a vitamin K antagonist' },
      { name: 'Hydrochlorothiazide', fact: 'is a thiazide diuretic' },
    ],
  },
  {
    task: 'medicine',
    stem: 'A sailor on a long voyage develops bleeding gums, perifollicular hemorrhages and poor wound healing. Deficiency of which vitamin is most likely?',
    prop: 'explains bleeding gums and poor wound healing',
    right: [{ name: 'Vitamin C (ascorbic acid)', fact: 'is needed to hydroxylate proline in collagen, and its lack is scurvy' }],
    wrong: [
      {
        name: 'Vitamin K',
        fact: 'deficiency gives a coagulopathy with a prolonged PT, not collagen defects',
        lure: 'is the bleeding vitamin, and the sailor is bleeding',
      },
      {
        name: 'Vitamin B12',
        fact: 'deficiency gives megaloblastic anemia and neuropathy',
        lure: 'deficiency can cause a sore glossitis in the mouth',
      },
      { name: 'Vitamin A', fact: 'deficiency gives night blindness' },
      { name: 'Vitamin D', fact: 'deficiency gives rickets or osteomalacia' },
      {
        name: 'Thiamine (B1)',
        fact: 'deficiency gives beriberi',
        lure: 'deficiency was the classic disease of sailors eating polished rice',
      },
      { name: 'Niacin (B3)', fact: 'deficiency gives pellagra' },
      { name: 'Vitamin E', fact: 'deficiency gives hemolysis and neuropathy' },
      { name: 'Folate', fact: 'deficiency gives megaloblastic anemia' },
      { name: 'Pyridoxine (B6)', fact: 'deficiency gives sideroblastic anemia and seizures' },
      { name: 'Riboflavin (B2)', fact: 'deficiency gives cheilosis' },
    ],
  },
  {
    task: 'law',
    stem: 'Under US tort law, which of the following is an intentional tort?',
    prop: 'is an intentional tort',
    right: [
      { name: 'Battery', fact: 'requires intent to cause a harmful or offensive contact' },
      { name: 'False imprisonment', fact: 'requires intent to confine the plaintiff' },
      { name: 'Trespass to land', fact: 'requires an intentional entry onto the land' },
      { name: 'Conversion', fact: 'requires intentional exercise of dominion over chattels' },
    ],
    wrong: [
      {
        name: 'Negligence',
        fact: 'rests on a breach of the duty of care, not on intent',
        lure: 'covers careless harm, and careless conduct can look deliberate',
      },
      {
        name: 'Strict products liability',
        fact: 'imposes liability without any fault at all',
        lure: 'holds the seller liable whatever it meant',
      },
      { name: 'Breach of contract', fact: 'is not a tort at all', lure: 'is a deliberate refusal to perform' },
      { name: 'Negligent misrepresentation', fact: 'is a negligence-based claim' },
      { name: 'Vicarious liability', fact: 'is a doctrine of liability for another, not a tort of intent' },
      { name: 'Promissory estoppel', fact: 'is a contract doctrine' },
      { name: 'Unjust enrichment', fact: 'is a restitution claim' },
      { name: 'Adverse possession', fact: 'is a way to acquire title, not a tort' },
      { name: 'Breach of warranty', fact: 'sounds in contract' },
      { name: 'Res ipsa loquitur', fact: 'is an evidentiary doctrine within negligence' },
    ],
  },
  {
    task: 'logic',
    stem: "Which of the following is logically equivalent to 'If it rains, the match is cancelled'?",
    prop: "is equivalent to 'if it rains, the match is cancelled'",
    right: [
      {
        name: 'If the match is not cancelled, it does not rain',
        fact: 'is the contrapositive, and a conditional is equivalent to its contrapositive',
      },
      { name: 'It does not rain or the match is cancelled', fact: 'is the material reading not-P or Q of P implies Q' },
      { name: 'It rains only if the match is cancelled', fact: "is 'P only if Q', which is exactly P implies Q" },
    ],
    wrong: [
      {
        name: 'If the match is cancelled, it rains',
        fact: 'is the converse, which does not follow',
        lure: 'just swaps the two halves, which feels symmetric',
      },
      {
        name: 'If it does not rain, the match is not cancelled',
        fact: 'is the inverse, equivalent to the converse, not to the original',
        lure: 'negates both parts, and negating both keeps the meaning',
      },
      { name: 'It rains and the match is cancelled', fact: 'is a conjunction, much stronger than the conditional' },
      { name: 'It rains or the match is not cancelled', fact: 'is P or not-Q, the converse again' },
      { name: 'It rains if the match is cancelled', fact: "is 'P if Q', the converse", lure: "uses 'if' just like the original" },
      { name: 'Neither does it rain nor is the match cancelled', fact: 'asserts two negations, not a conditional' },
      { name: 'It rains and the match is not cancelled', fact: 'is the negation of the conditional' },
      { name: 'The match is cancelled whether or not it rains', fact: 'asserts Q outright' },
      { name: 'It never rains', fact: 'asserts not-P outright' },
      { name: 'The match is cancelled only if it rains', fact: "is 'Q only if P', the converse" },
    ],
  },
  {
    task: 'biology',
    stem: 'Which of the following organelles contains its own circular DNA?',
    prop: 'has its own circular genome',
    right: [
      { name: 'Mitochondrion', fact: 'carries a small circular genome of its own, a relic of its bacterial origin' },
      { name: 'Chloroplast', fact: 'carries its own circular genome, from a cyanobacterial ancestor' },
    ],
    wrong: [
      { name: 'Nucleus', fact: 'holds linear chromosomes, not a circular genome', lure: 'is where the DNA lives' },
      { name: 'Ribosome', fact: 'is made of RNA and protein with no DNA', lure: 'reads genetic information directly' },
      { name: 'Golgi apparatus', fact: 'modifies and packages proteins and has no genome' },
      { name: 'Lysosome', fact: 'holds hydrolytic enzymes and has no genome' },
      {
        name: 'Rough endoplasmic reticulum',
        fact: 'has ribosomes on its surface but no DNA',
        lure: 'is studded with the machinery of gene expression',
      },
      { name: 'Peroxisome', fact: 'imports all of its proteins and has no genome' },
      { name: 'Centrosome', fact: 'organizes microtubules and has no DNA' },
      { name: 'Vacuole', fact: 'stores water and solutes' },
      { name: 'Nucleolus', fact: 'assembles ribosomal subunits from nuclear DNA, it has no genome of its own' },
      { name: 'Cell membrane', fact: 'is a lipid bilayer' },
    ],
  },
];

const SMALL_PRIMES = [7, 11, 13, 17, 19, 23];
function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
function primeTopic(rng: Rng): Topic {
  const primes: number[] = [];
  for (let n = 101; n < 420; n++) if (isPrime(n)) primes.push(n);
  const right: Item[] = [];
  for (let k = 0; k < 3; k++) {
    const p = rng.pick(primes);
    if (right.some((r) => r.name === String(p))) continue;
    const root = Math.floor(Math.sqrt(p));
    right.push({ name: String(p), fact: `has no divisor up to ${root} (its square root is about ${root})` });
  }
  const wrong: Item[] = [];
  const seen = new Set<number>();
  while (wrong.length < 10) {
    const a = rng.pick(SMALL_PRIMES);
    const b = rng.pick(SMALL_PRIMES.filter((x) => x >= a));
    const n = a * b;
    if (seen.has(n) || n < 49) continue;
    seen.add(n);
    wrong.push({
      name: String(n),
      fact: `is ${a} × ${b}`,
      lure: `is odd, its digits sum to ${digitSum(n)} so 3 does not divide it, and it does not end in 5`,
    });
  }
  return { task: 'number-theory', stem: 'Which of the following numbers is prime?', prop: 'is prime', right, wrong };
}
function digitSum(n: number): number {
  return String(n)
    .split('')
    .reduce((s, c) => s + Number(c), 0);
}

const LETTERS = 'ABCDEFGHIJ';

interface Problem {
  task: string;
  stem: string;
  prop: string;
  options: Item[];
  right: number; // index of the correct option
  lured: number[]; // indices of wrong options with a lure (or any wrong index)
  query: string;
}

function makeProblem(rng: Rng, queryStyle: number): Problem {
  const topic = rng.chance(0.2) ? primeTopic(rng) : rng.pick(TOPICS);
  const n = 4 + rng.int(7);
  const correct = rng.pick(topic.right);
  const lures = rng.shuffle(topic.wrong.filter((w) => w.lure));
  const plain = rng.shuffle(topic.wrong.filter((w) => !w.lure));
  const wrongs = [...lures.slice(0, 2), ...plain, ...lures.slice(2)].slice(0, n - 1);
  const options = rng.shuffle([correct, ...wrongs]);
  const right = options.indexOf(correct);
  const lured = options.map((o, i) => (o.lure ? i : -1)).filter((i) => i >= 0);
  const optLines = options.map((o, i) => (queryStyle === 0 ? `${LETTERS[i]}) ${o.name}` : `(${LETTERS[i]}) ${o.name}`));
  const tail = queryStyle === 0 ? 'Answer with the letter of the correct option.' : 'Respond with the letter of your choice.';
  const query = `${topic.stem}\n${optLines.join('\n')}\n${tail}`;
  return { task: topic.task, stem: topic.stem, prop: topic.prop, options, right, lured, query };
}

// ---------------------------------------------------------------- phrasing banks
// Placeholders: {L} letter, {N} option content, {F} fact, {U} lure, {P} prop, {S} stem,
// {Z} last letter, {V} the candidate's value (a letter).
interface Bank {
  open: string[];
  scan: string[]; // an option with its fact (a step)
  scanRight: string[]; // the correct option seen in the first pass (a step)
  scanLure: string[]; // a wrong option seen with its lure (a step)
  scanUnsure: string[]; // the correct option misjudged in the first pass (a step)
  many: string[]; // several remaining options dismissed at once: {NS} names
  lean: string[]; // a lean that is not a conclusion (no candidate)
  pick: string[]; // first candidate: {V}
  restate: string[]; // restatement right after a candidate (merges): {V}
  bare: string[]; // bare confirmation, no new work
  draft: string[]; // draft of the final answer after a candidate (merges): {V}
  recheck: string[]; // marker opening a re-check
  recheckBody: string[]; // re-examination of the chosen option: {N} {F}
  echo: string[]; // candidate after a re-check that confirms: {V}
  plug: string[]; // plug-back check: {N} {P} {F}
  plugEnd: string[]; // candidate after the plug-back: {V}
  doubt: string[]; // marker opening a doubt that leads to a switch
  refute: string[]; // the previous pick refuted: {N} {F}
  support: string[]; // the new choice supported: {N} {F}
  switchTo: string[]; // candidate with a changed value: {V}
  lureSwitch: string[]; // drawn to a lured option: {N} {U}
  quoteQ: string[]; // a sentence quoting the question (letter range)
  finals: string[]; // final-channel / after-thought answer: {V} {N}
}

const DEV: Bank = {
  open: [
    'We need to answer: "{S}" There are options A through {Z}.',
    'The user asks a multiple-choice question: {S} We must output the correct letter.',
    'We need to pick the correct option. Question: {S}',
  ],
  scan: ['Option {L}: {N} — {F}. Not it.', '{L}) {N}: {F}, so no.', 'Option {L} ({N}) {F}; eliminate.'],
  scanRight: ['Option {L}: {N} — {F}. That fits.', '{L}) {N}: {F}. Candidate.', 'Option {L} ({N}) {F}; this one matches.'],
  scanLure: ['Option {L}: {N} — {U}. Plausible.', '{L}) {N}: {U}. Could be it.', 'Option {L} ({N}) {U}; keep in mind.'],
  scanUnsure: ['Option {L}: {N} — not sure, skip for now.', '{L}) {N}: unclear, come back later.'],
  many: ['Remaining options ({NS}) are clearly out.', 'The rest ({NS}) do not fit either.'],
  lean: ['So far {L} looks best, but let us check the rest before deciding.', 'Leaning {L}; keep scanning.'],
  pick: ['Thus answer is {V}.', 'So the correct option is {V}.', 'Therefore the answer: {V}.', 'Hence choose {V}.'],
  restate: [' Answer {V}.', ' So {V}.', ' Option {V} it is.'],
  bare: ['Seems right.', 'Looks fine.', 'Good.'],
  draft: ['We will output {V}.', 'Final: {V}.', 'So respond with "{V}".'],
  recheck: ['Let me double-check.', 'But double-check.', 'Let us verify each remaining option again.'],
  recheckBody: ['{N}: {F}. Yes, that is the defining property. Others: {OTHERS}.', 'Re-evaluate {N}: {F}. And the distractors: {OTHERS}.'],
  echo: ['So answer remains {V}.', 'Thus {V} is correct.', 'Still {V}.'],
  plug: ['Plug back: is it true that {N0} {P}? It {F}, so the condition holds.', 'Check by substitution: "{N}" {P}? Indeed, it {F0}.'],
  plugEnd: ['So answer {V} confirmed.', 'Hence {V}.'],
  doubt: ['Wait, maybe I misread.', 'Hold on.', 'But wait.'],
  refute: ['{N} actually {F}. So that is wrong.', 'Actually {N} {F}, so it fails.'],
  support: ['{N} {F}.', 'Meanwhile {N} {F}, which is exactly what is asked.'],
  switchTo: ['So the answer is {V}, not {OLD}.', 'Thus correct option is {V}.', 'Therefore answer: {V}.'],
  lureSwitch: ['Hmm, {N} {U}. Maybe that is the intended one.', 'Actually {N} {U}; that might be what they want.'],
  quoteQ: ['The question lists options A to {Z}, only one correct.', 'Need a single letter between A and {Z}.'],
  finals: ['**{V}**', '{V}', '{"answer": "{V}"}', '**Answer: {V}) {N}**', '{V}) {N}'],
};

const HELD: Bank = {
  open: [
    'Okay, so I am being asked the following: "{S}" Let me go through each choice carefully.',
    'Alright, let me think about this one. The prompt reads: {S}\n\nI will look at the choices one at a time.',
    'Hmm, let me work through this question step by step. It asks: {S}',
  ],
  scan: [
    '* ({L}) {N}: I know that {N0} {F}, so I can rule this out.',
    'Looking at choice ({L}), {N}. Well, {N0} {F}. Not what we want.',
    '* {N} (choice {L}) {F}. That does not work.',
  ],
  scanRight: [
    '* ({L}) {N}: I know that {N0} {F}. This looks very promising.',
    'Looking at choice ({L}), {N}. Well, {N0} {F}. That is a strong contender.',
    '* {N} (choice {L}) {F}. Promising.',
  ],
  scanLure: [
    '* ({L}) {N}: hmm, {N0} {U}. This might be the one.',
    'Looking at choice ({L}), {N}. Well, {N0} {U}, which seems relevant.',
    '* {N} (choice {L}) {U}. Interesting.',
  ],
  scanUnsure: ['* ({L}) {N}: I do not remember much about this one.', 'Looking at choice ({L}), {N}. I am not certain here.'],
  many: ['* The other choices, {NS}, are obviously not it.', 'As for {NS}, none of those make sense here.'],
  lean: ['I am inclined toward ({L}), though I want to see all the choices first.', 'My instinct says ({L}), but let me not jump ahead.'],
  pick: [
    'Putting that together, I am going with ({V}).',
    'So my answer would be choice {V}.',
    'After weighing everything, the best choice is ({V}).',
    'Okay, I am fairly sure it is {V}.',
  ],
  restate: [' Yes, ({V}).', ' Choice {V}.', ' I will stick with ({V}).'],
  bare: ['That feels right to me.', 'I am comfortable with that.', 'Makes sense.'],
  draft: ['For the final response I will simply write ({V}).', 'My reply will be: {V}.'],
  recheck: [
    'Before I commit, let me revisit the reasoning.',
    'Actually, let me be careful and verify this.',
    'Let me go over this one more time to be safe.',
  ],
  recheckBody: [
    'Re-reading the question, the key property is that the answer {P}. {N} {F}, which satisfies it, whereas {OTHERS}.',
    'Going back to {N}: {N0} {F}. Comparing with the others: {OTHERS}.',
  ],
  echo: ['Yes, so the answer is still ({V}).', 'Everything checks out: choice {V} it is.', 'Good, I remain confident in ({V}).'],
  plug: [
    'Let me test it against the question itself: would {N} be described as something that {P}? Since {N0} {F}, it would.',
    'Sanity test: the question wants something that {P}. {N} {F}, so that condition holds.',
  ],
  plugEnd: ['Great, that confirms ({V}).', 'So choice {V} holds up.'],
  doubt: ['Hmm, hold on a second.', 'Oh wait, I think I made a mistake.', 'Hmm, actually, let me reconsider.'],
  refute: ['Thinking about it more, {N0} {F}. So that cannot be right.', 'I was wrong about {N}: {N0} {F}.'],
  support: ['On the other hand, {N0} {F}.', 'And {N} {F}, which is exactly what the question is after.'],
  switchTo: [
    'So I need to change my answer to ({V}).',
    'Therefore, the correct choice is actually {V}.',
    'That means the answer should be ({V}) rather than ({OLD}).',
  ],
  lureSwitch: ['Although... {N0} {U}. Maybe the question intends that one.', 'Then again, {N0} {U}; perhaps I was too quick.'],
  quoteQ: [
    'There are choices (A) through ({Z}) and only one is correct.',
    'I need to pick exactly one of the lettered choices, (A) to ({Z}).',
  ],
  finals: [
    'The correct answer is **({V}) {N}**.',
    'Answer — {V}',
    '```json\n{"answer": "{V}"}\n```',
    '**({V})**',
    'Final choice: {V}. {N}',
  ],
};

export function templateBank(split: PhrasingSplit): string[] {
  const b = split === 'dev' ? DEV : HELD;
  return Object.values(b).flat();
}
export function problemTexts(): string[] {
  const out: string[] = [];
  for (const t of TOPICS) {
    out.push(t.stem, t.prop);
    for (const i of [...t.right, ...t.wrong]) out.push(i.name, i.fact, ...(i.lure ? [i.lure] : []));
  }
  return out;
}

// ---------------------------------------------------------------- scenarios
export type Scenario =
  | 'right-stop'
  | 'right-echo'
  | 'right-plug'
  | 'right-bare'
  | 'wrong-right'
  | 'wrong-right-echo'
  | 'wrong-wrong-right'
  | 'right-wrong'
  | 'wrong-stop'
  | 'wrong-right-wrong'
  | 'cut-none'
  | 'cut-after';

const WEIGHTS: Record<Scenario, number> = {
  'right-stop': 13,
  'right-echo': 9,
  'right-plug': 6,
  'right-bare': 8,
  'wrong-right': 15,
  'wrong-right-echo': 6,
  'wrong-wrong-right': 6,
  'right-wrong': 8,
  'wrong-stop': 9,
  'wrong-right-wrong': 4,
  'cut-none': 7,
  'cut-after': 9,
};

export interface Detailed {
  record: PhrasingRecord;
  scenario: Scenario;
  truncated: boolean;
  format: 'harmony' | 'gemma';
  merges: number; // restatements / drafts / bare confirmations written (no candidate)
  problemStrings: string[]; // problem-derived text used in the body (for the template check)
}

function lc(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
function nameInSentence(n: string): string {
  // "Vitamin K" stays capitalised; common nouns go lower-case mid-sentence.
  return /^(Vitamin|Thiamine|Niacin|Pyridoxine|Riboflavin|Folate|[A-Z][a-z]+(ol|il|ine|an|in|ide|ole|arin)$)/.test(n) || /^\d/.test(n)
    ? n
    : lc(n);
}

function render(rng: Rng, split: PhrasingSplit, idx: number, seed: number): Detailed {
  const B = split === 'dev' ? DEV : HELD;
  const format: 'harmony' | 'gemma' = rng.chance(split === 'dev' ? 0.75 : 0.25) ? 'harmony' : 'gemma';
  const prob = makeProblem(rng, split === 'dev' ? 0 : rng.int(2));
  const scenario = rng.weighted(WEIGHTS);
  const wrongIdx = prob.options.map((_, i) => i).filter((i) => i !== prob.right);
  const lured = prob.lured.length > 0 ? prob.lured : wrongIdx;
  const w1 = rng.pick(lured);
  const others2 = wrongIdx.filter((i) => i !== w1);
  const w2 = rng.pick(prob.lured.filter((i) => i !== w1).length > 0 ? prob.lured.filter((i) => i !== w1) : others2);
  // value sequence
  const R = prob.right;
  let seq: number[];
  switch (scenario) {
    case 'right-stop':
    case 'right-bare':
      seq = [R];
      break;
    case 'right-echo':
    case 'right-plug':
      seq = [R, R];
      break;
    case 'wrong-right':
      seq = [w1, R];
      break;
    case 'wrong-right-echo':
      seq = [w1, R, R];
      break;
    case 'wrong-wrong-right':
      seq = [w1, w2, R];
      break;
    case 'right-wrong':
      seq = [R, w1];
      break;
    case 'wrong-stop':
      seq = [w1];
      break;
    case 'wrong-right-wrong':
      seq = [w1, R, w2];
      break;
    case 'cut-none':
      seq = [];
      break;
    case 'cut-after':
      seq = rng.chance(0.5) ? [R] : [w1];
      if (rng.chance(0.4)) seq.push(seq[0] === R ? R : R);
      break;
  }
  const L = (i: number) => LETTERS[i];
  const opt = prob.options;
  const Z = LETTERS[opt.length - 1];
  const vars = (i: number, extra: Record<string, string> = {}): Record<string, string> => ({
    L: L(i),
    N: opt[i].name,
    N0: nameInSentence(opt[i].name),
    F: opt[i].fact,
    F0: opt[i].fact.replace(/^is /, 'is '),
    U: opt[i].lure ?? 'looks like it could fit',
    P: prob.prop,
    S: prob.stem,
    Z,
    ...extra,
  });
  const b = new Body();
  let merges = 0;
  const thinkOpen = format === 'harmony' ? '<|channel|>analysis<|message|>' : '<|channel>thought\n';
  b.add(thinkOpen);
  const sep = split === 'dev' ? ' ' : '\n';
  const para = split === 'dev' ? '\n' : '\n\n';
  b.add(fill(rng.pick(B.open), vars(R)));
  if (rng.chance(0.4)) b.add(sep + fill(rng.pick(B.quoteQ), vars(R)));
  b.add(para);

  // first pass over the options
  const first = seq.length > 0 ? seq[0] : rng.chance(0.5) ? R : w1;
  const firstRight = first === R;
  const scanned: number[] = [];
  const lines: string[] = [];
  let leaned = false;
  for (let i = 0; i < opt.length; i++) {
    if (opt.length > 6 && i > 3 && i !== R && i !== w1 && i !== w2 && rng.chance(0.6)) continue; // summarised later
    scanned.push(i);
    let t: string;
    if (i === first) t = firstRight ? rng.pick(B.scanRight) : rng.pick(B.scanLure);
    else if (i === R) t = rng.pick(B.scanUnsure);
    else t = rng.pick(B.scan);
    lines.push(fill(t, vars(i)));
    if (i === first && i < opt.length - 1 && !leaned && rng.chance(0.3)) {
      lines.push(fill(rng.pick(B.lean), vars(i)));
      leaned = true;
    }
  }
  const rest = opt.map((_, i) => i).filter((i) => !scanned.includes(i));
  if (rest.length > 0) lines.push(fill(rng.pick(B.many), { NS: rest.map((i) => `${L(i)} ${opt[i].name}`).join(', ') }));
  const joiner = split === 'dev' ? '\n' : '\n';

  // cut-none: stop inside the first pass
  if (scenario === 'cut-none') {
    const text = lines.join(joiner);
    const cut = Math.max(10, Math.floor(text.length * (0.3 + 0.6 * rng.next())));
    b.add(text.slice(0, cut));
    return finish(b, prob, seq, scenario, true, format, merges, split, idx, seed, rng);
  }
  b.add(lines.join(joiner) + para);

  const othersText = (keep: number): string =>
    wrongIdx
      .filter((i) => i !== keep)
      .slice(0, 2)
      .map((i) => `${nameInSentence(opt[i].name)} ${opt[i].fact}`)
      .join('; ');

  for (let k = 0; k < seq.length; k++) {
    const v = seq[k];
    const isLast = k === seq.length - 1;
    if (k === 0) {
      b.cand(rng.pick(B.pick), L(v), vars(v));
    } else if (v === seq[k - 1]) {
      // an echo reached by new work
      if (scenario === 'right-plug' && rng.chance(0.9)) {
        b.add(fill(rng.pick(B.recheck), vars(v)) + sep + fill(rng.pick(B.plug), vars(v)) + sep);
        b.cand(rng.pick(B.plugEnd), L(v), vars(v));
      } else {
        b.add(fill(rng.pick(B.recheck), vars(v)) + sep + fill(rng.pick(B.recheckBody), vars(v, { OTHERS: othersText(v) })) + sep);
        b.cand(rng.pick(B.echo), L(v), vars(v));
      }
    } else {
      const prev = seq[k - 1];
      b.add(fill(rng.pick(B.doubt), vars(v)) + sep);
      if (v === R) {
        b.add(fill(rng.pick(B.refute), vars(prev)) + sep + fill(rng.pick(B.support), vars(v)) + sep);
      } else {
        b.add(fill(rng.pick(B.lureSwitch), vars(v)) + sep);
      }
      b.cand(rng.pick(B.switchTo), L(v), vars(v, { OLD: L(prev) }));
    }
    // merges after a candidate
    if (rng.chance(0.3)) {
      b.add(fill(rng.pick(B.restate), { V: L(v) }));
      merges++;
    }
    if (scenario === 'right-bare' && isLast) {
      b.add(sep + fill(rng.pick(B.bare), vars(v)));
      merges++;
      if (rng.chance(0.7)) {
        b.add(sep + fill(rng.pick(B.draft), vars(v, { V: L(v) })));
        merges++;
      }
    } else if (isLast && scenario !== 'cut-after' && rng.chance(0.35)) {
      b.add(sep + fill(rng.pick(B.draft), vars(v, { V: L(v) })));
      merges++;
    }
    b.add(para);
  }
  if (scenario === 'cut-after') {
    // cut in the middle of a re-check that never states an answer
    const v = seq[seq.length - 1];
    const t = fill(rng.pick(B.recheck), vars(v)) + sep + fill(rng.pick(B.recheckBody), vars(v, { OTHERS: othersText(v) }));
    b.add(t.slice(0, Math.max(8, Math.floor(t.length * (0.3 + 0.5 * rng.next())))));
    return finish(b, prob, seq, scenario, true, format, merges, split, idx, seed, rng);
  }
  return finish(b, prob, seq, scenario, false, format, merges, split, idx, seed, rng);
}

function finish(
  b: Body,
  prob: Problem,
  seq: number[],
  scenario: Scenario,
  truncated: boolean,
  format: 'harmony' | 'gemma',
  merges: number,
  split: PhrasingSplit,
  idx: number,
  seed: number,
  rng: Rng,
): Detailed {
  const B = split === 'dev' ? DEV : HELD;
  let final: string | null = null;
  if (seq.length > 0) final = LETTERS[seq[seq.length - 1]];
  if (!truncated && final !== null) {
    b.s = b.s.replace(/\s+$/, '');
    if (format === 'harmony') b.add('<|end|><|start|>assistant<|channel|>final<|message|>');
    else b.add('\n<channel|>');
    const last = seq[seq.length - 1];
    b.add(fill(rng.pick(B.finals), { V: final, N: prob.options[last].name }));
    if (format === 'harmony' && rng.chance(0.5)) b.add('<|return|>');
  }
  const body = b.s
    .split('\n')
    .map((l) => (l.startsWith('===') ? ' ' + l : l))
    .join('\n');
  const record: PhrasingRecord = {
    id: `${family}-${split}-${seed}-${idx}`,
    headers: { query: prob.query, answer: LETTERS[prob.right], task: `mc-${prob.task}` },
    body,
    candidates: b.cands,
    final,
  };
  const problemStrings = [prob.query, ...prob.query.split('\n'), prob.stem, prob.prop];
  for (const o of prob.options) {
    problemStrings.push(o.name, nameInSentence(o.name), o.fact);
    if (o.lure) problemStrings.push(o.lure);
  }
  return { record, scenario, truncated, format, merges, problemStrings };
}

export function generateDetailed(seed: number, count: number, split: PhrasingSplit): Detailed[] {
  const rng = new Rng((seed * 7919 + (split === 'dev' ? 17 : 4051)) >>> 0);
  const out: Detailed[] = [];
  for (let i = 0; i < count; i++) out.push(render(rng, split, i, seed));
  return out;
}

export function generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[] {
  return generateDetailed(seed, count, split).map((d) => d.record);
}
