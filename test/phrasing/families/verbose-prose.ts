// Phrasing family "verbose-prose": chatty prose solutions to multiplications and word problems,
// with gold labels.
//
// Tasks: a*b multiplication, bare or dressed as a word problem (task "<digits a>x<digits b>"),
// two-part revenue ("word-revenue"), a minimum count that needs rounding up ("word-ceil") and a
// multi-step remaining-quantity problem ("word-multistep"). Numbers mostly carry thousands
// separators; intermediate quantities are stated in prose, often with units.
//
// Labels follow docs/annotation-guide.md:
// - each attempt has exactly one candidate: the first place where it states the value of the
//   asked quantity as its conclusion ("Putting it all together, the total comes to 2,866,567
//   apples", or the result of the final addition when the model treats it as its result);
// - intermediate quantities ("that gives 2,776,000 apples from the first part"), estimates,
//   numbers quoted from the question and values being tried ("142 tickets would bring in
//   $4,970") are not candidates;
// - restatements with no new work ("So, the answer is 2,866,567.") merge into the candidate before
//   them; bare confirmations ("That seems reasonable.") are not candidates;
// - a check that recomputes the asked quantity (re-adding, another split, plugging back in that
//   ends in the answer again) is a new candidate, even with the same value;
// - "wait"/"hmm"/"actually" inside a derivation, before that attempt's conclusion, is not a
//   decision.
//
// Every phrasing pool is split in two disjoint halves: split 'dev' draws only from the first
// half of each pool, 'heldout' only from the second half.

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>; // at least query, answer (ground truth); optionally task
  body: string; // the model response; no line may start with "==="
  candidates: { value: string; offset: number }[]; // gold candidate answers in order
  final: string | null; // the value the response ends on
}

export const family = 'verbose-prose';

type Split = 'dev' | 'heldout';
type Vars = Record<string, string | number>;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness, split pools, body builder.

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

function mixSeed(seed: number, salt: string): number {
  let h = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function half<T>(pool: readonly T[], split: Split): readonly T[] {
  const m = Math.ceil(pool.length / 2);
  const h = split === 'dev' ? pool.slice(0, m) : pool.slice(m);
  if (h.length === 0) throw new Error('phrasing pool has an empty half');
  return h;
}

class Gen {
  private readonly rnd: () => number;
  private used = new Set<unknown>();
  constructor(
    seed: number,
    readonly split: Split,
  ) {
    this.rnd = mulberry32(seed);
  }
  fresh(): void {
    this.used.clear();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  any<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  /** A phrasing from this split's half of the pool, preferring one not yet used in this response. */
  t<T>(pool: readonly T[]): T {
    const h = half(pool, this.split);
    let v = this.any(h);
    for (let i = 0; i < 4 && this.used.has(v); i++) v = this.any(h);
    this.used.add(v);
    return v;
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, p) => s + p[1], 0);
    let x = this.rnd() * total;
    for (const [v, w] of pairs) {
      x -= w;
      if (x < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
}

class Body {
  text = '';
  candidates: { value: string; offset: number }[] = [];
  /** Appends a template: «name» inserts vars.name, «!name» inserts it as a candidate answer. */
  put(tpl: string, vars: Vars = {}): void {
    const re = /«(!?)(\w+)»/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tpl)) !== null) {
      this.text += tpl.slice(last, m.index);
      const v = vars[m[2]];
      if (v === undefined) throw new Error(`template slot ${m[2]} has no value: ${tpl}`);
      if (m[1] === '!') this.candidates.push({ value: String(v), offset: this.text.length });
      this.text += String(v);
      last = re.lastIndex;
    }
    this.text += tpl.slice(last);
  }
  /** Starts a new sentence (same paragraph). */
  sp(): void {
    if (this.text.length && !/\s$/.test(this.text)) this.text += ' ';
  }
  /** Starts a new paragraph. */
  para(): void {
    if (!this.text.length) return;
    this.text = this.text.replace(/[ \t]+$/, '');
    if (!this.text.endsWith('\n\n')) this.text += this.text.endsWith('\n') ? '\n' : '\n\n';
  }
}

function fill(tpl: string, vars: Vars): string {
  return tpl.replace(/«!?(\w+)»/g, (_, k: string) => {
    const v = vars[k];
    if (v === undefined) throw new Error(`template slot ${k} has no value: ${tpl}`);
    return String(v);
  });
}

// ---------------------------------------------------------------------------------------------
// Phrasing pools (first half: dev, second half: heldout).

const MUL_QUERY = [
  'What is «a» × «b»?',
  'Calculate «a» times «b».',
  'Compute the product of «a» and «b».',
  'What do you get when you multiply «a» by «b»?',
  'Find «a» × «b».',
  'What is «a» multiplied by «b»?',
  'Work out «a» · «b».',
  'Evaluate the product «a» × «b».',
];

interface MulContext {
  query: string;
  unit: string; // plural noun of the answer
  whole: string; // what the total belongs to
}
const MUL_CONTEXTS: MulContext[] = [
  {
    query: 'An orchard has «a» rows of trees, and each row yields «b» apples. How many apples does the orchard yield in total?',
    unit: 'apples',
    whole: 'the orchard',
  },
  {
    query: 'A warehouse holds «a» crates, each containing «b» pencils. How many pencils are in the warehouse?',
    unit: 'pencils',
    whole: 'the warehouse',
  },
  { query: 'A printing press prints «b» pages every hour. How many pages does it print in «a» hours?', unit: 'pages', whole: 'the press' },
  {
    query: 'A bakery ships «a» boxes with «b» cookies in each box. How many cookies does it ship?',
    unit: 'cookies',
    whole: 'the shipment',
  },
  { query: 'A factory makes «b» bolts per day. How many bolts does it make in «a» days?', unit: 'bolts', whole: 'the factory' },
  {
    query: 'A library has «a» shelves with «b» books on each shelf. How many books does the library have?',
    unit: 'books',
    whole: 'the library',
  },
  { query: 'A farmer plants «a» rows with «b» seeds per row. How many seeds does the farmer plant?', unit: 'seeds', whole: 'the field' },
  {
    query: 'Each of «a» delivery trucks carries «b» bottles of water. How many bottles do the trucks carry altogether?',
    unit: 'bottles',
    whole: 'the fleet',
  },
];

interface RevContext {
  query: string;
  item1: string;
  item2: string;
  seller: string;
}
const REV_CONTEXTS: RevContext[] = [
  {
    query: 'A store sold «A» notebooks at $«p» each and «B» binders at $«q» each. What was the total revenue?',
    item1: 'notebooks',
    item2: 'binders',
    seller: 'the store',
  },
  {
    query: 'A theater sold «A» adult tickets at $«p» each and «B» child tickets at $«q» each. How much money did the theater take in?',
    item1: 'adult tickets',
    item2: 'child tickets',
    seller: 'the theater',
  },
  {
    query: 'A bakery sold «A» cakes for $«p» each and «B» pies for $«q» each. What was its total revenue?',
    item1: 'cakes',
    item2: 'pies',
    seller: 'the bakery',
  },
  {
    query: 'At a concert, «A» floor seats sold for $«p» each and «B» balcony seats sold for $«q» each. What were the total ticket sales?',
    item1: 'floor seats',
    item2: 'balcony seats',
    seller: 'the concert',
  },
  {
    query: 'A farm stand sold «A» baskets of strawberries at $«p» a basket and «B» jars of honey at $«q» a jar. How much did it earn?',
    item1: 'strawberry baskets',
    item2: 'honey jars',
    seller: 'the farm stand',
  },
  {
    query: 'A bookstore sold «A» hardcovers at $«p» each and «B» paperbacks at $«q» each. What was the total revenue from these sales?',
    item1: 'hardcovers',
    item2: 'paperbacks',
    seller: 'the bookstore',
  },
];

interface CeilContext {
  query: string;
  item: string; // plural
  who: string;
}
const CEIL_CONTEXTS: CeilContext[] = [
  {
    query:
      'A school club needs to raise at least $«goal» by selling raffle tickets at $«price» each. What is the minimum number of tickets it must sell?',
    item: 'tickets',
    who: 'the club',
  },
  {
    query:
      'A charity wants to collect at least $«goal». Each donation box it places brings in $«price». What is the smallest number of boxes it needs?',
    item: 'boxes',
    who: 'the charity',
  },
  {
    query:
      'A band needs at least $«goal» for new equipment and earns $«price» per T-shirt sold. What is the fewest number of T-shirts it must sell?',
    item: 'T-shirts',
    who: 'the band',
  },
  {
    query: 'A team must raise at least $«goal» and sells candles for $«price» each. What is the minimum number of candles it has to sell?',
    item: 'candles',
    who: 'the team',
  },
];

interface TankContext {
  query: string;
  unit: string; // liters, gallons
  thing: string; // the container
  agents: string; // pumps
}
const TANK_CONTEXTS: TankContext[] = [
  {
    query:
      'A tank holds «C» liters of water. «k» pumps each drain «r» liters per minute. How many liters remain in the tank after «t» minutes?',
    unit: 'liters',
    thing: 'the tank',
    agents: 'pumps',
  },
  {
    query:
      'A reservoir contains «C» gallons. «k» outlet valves each release «r» gallons per hour. How many gallons are left after «t» hours?',
    unit: 'gallons',
    thing: 'the reservoir',
    agents: 'valves',
  },
  {
    query:
      'A silo holds «C» kilograms of grain. «k» trucks each take away «r» kilograms per trip, and each truck makes «t» trips. How much grain is left in the silo?',
    unit: 'kilograms',
    thing: 'the silo',
    agents: 'trucks',
  },
  {
    query: 'A pool holds «C» liters. «k» hoses each remove «r» liters per minute. How much water is left after «t» minutes?',
    unit: 'liters',
    thing: 'the pool',
    agents: 'hoses',
  },
];

const INTRO_MUL = [
  "Okay, so I need to find «q». Let's work through it step by step.",
  'Let me work this out carefully.',
  'Alright, we need to compute «q».',
  "Let's think about this step by step.",
  'Sure! We need to multiply «a» by «b».',
  "To find «q», I'll break the multiplication into easier pieces.",
  'Let me figure this out.',
  'We want the product «q».',
];
const INTRO_CTX = [
  'We have «a» groups of «b» «unit», so we need to multiply «a» by «b».',
  "First, let's break this down. There are «a» groups with «b» «unit» in each, so the total is «a» × «b».",
  'To find the total number of «unit», multiply «a» by «b».',
  "Okay, let's figure out how many «unit» there are in total.",
  'Since each of the «a» groups has «b» «unit», the total is «a» × «b».',
  'The total is just «a» times «b», so let me compute that.',
  "Let's see. We're multiplying «a» by «b» to get the number of «unit».",
  'Alright, this is a multiplication problem: «a» × «b».',
];
const ESTIMATE = [
  'Before diving in, a quick estimate: «est», so the answer should be somewhere around there.',
  'As a rough check, «est», which gives us a ballpark to aim for.',
  'Just to get a sense of scale, «est».',
  'A quick sanity estimate first: «est».',
];
const PLAN_PLACE = [
  'We can split «x» into «H» and «R».',
  "First, let's break this down by writing «x» as «H» + «R».",
  'It helps to think of «x» as «H» + «R».',
  'Breaking «x» into «H» plus «R» makes this easier.',
  "I'll split «x» into «H» and «R» and multiply each part.",
  'Let me decompose «x» as «H» + «R».',
];
const PLAN_ROUND = [
  'Notice that «x» is just «D» less than «X», so we can compute «y» × «X» and subtract «y» × «D».',
  'Since «x» = «X» − «D», it is easier to multiply by «X» and take away the extra.',
  'A neat trick here: «x» is close to «X» (it is «X» − «D»).',
  "«x» is «D» short of «X», so I'll use that.",
];
const PLAN_DIGITS = [
  "Let's do it by place value, multiplying «y» by each digit of «x».",
  "I'll go through «x» one place value at a time.",
  'Using long multiplication, we take «y» times each place of «x».',
  'Let me multiply «y» by each part of «x» (by place value).',
];
const PLAN_SWITCH = [
  'I could split «x0», but actually it is easier to split «x».',
  'Hmm, breaking up «x» looks simpler than «x0».',
  'Actually, rather than splitting «x0», let me split «x».',
  'Wait, «x» is the nicer number to break apart.',
];
const PART_FIRST = [
  'First, «calc».',
  '«calc».',
  'To start: «calc».',
  'The first part: «calc».',
  'Starting off, «calc».',
  'To begin, «calc».',
  'For the first piece, «calc».',
  'So first, «calc».',
];
const PART_NEXT = [
  'Next, «calc».',
  'Then «calc».',
  'Now for the next piece: «calc».',
  'After that, «calc».',
  'Moving on, «calc».',
  'The next part: «calc».',
  'And then «calc».',
  'Following the same idea, «calc».',
];
const CALC_LEAF = ['«label» = «val»', '«label» is «val»', '«label» gives us «val»', '«label» comes to «val»'];
const CALC_SUB = [
  '«label» = «sl» = «sv» = «val»',
  '«label» is «sl», which is «sv» = «val»',
  '«label» works out to «sv», or «val»',
  '«label»: that is «sl» = «sv» = «val»',
];
const MIDFIX_PLAIN = [
  '«label» is «bad» — wait, no, let me redo that: it is «good»',
  '«label» = «bad»... hmm, that does not look right. It is actually «good»',
  '«label» comes to «bad», wait, I mis-added; it is «good»',
  '«label» = «bad», no wait, «good»',
  '«label» = «bad». Hmm, actually it should be «good»',
  '«label» gives «bad»... hold on, that is «good»',
];
const MIDFIX_DIGIT = [
  '«label» is «bad» — wait, «d1» × «d2» is «pp», not «ppbad», so it is «good»',
  '«label» = «bad». Hmm, «d1» × «d2» = «pp», not «ppbad», so that should be «good»',
  '«label» = «bad», actually, since «d1» × «d2» is «pp», it is «good»',
  '«label» gives «bad»... wait, «d1» times «d2» is «pp», not «ppbad». So «good»',
];
const COMBINE = [
  'Putting it all together, «vals» = «!T».',
  'Adding the pieces: «vals» = «!T».',
  'Now add them up: «vals» gives us «!T».',
  'So «q» = «vals» = «!T».',
  'Combining these, we get «vals» = «!T».',
  'Finally, «vals» = «!T».',
  'Summing up, «vals» = «!T».',
  'Adding everything together, we get «!T».',
];
const COMBINE_DIFF = [
  'Putting it together, «vals» = «!T».',
  'Subtracting, «vals» = «!T».',
  'So «q» = «vals» = «!T».',
  'Taking away the extra: «vals» = «!T».',
  'Now subtract: «vals» leaves «!T».',
  'So we get «vals» = «!T».',
];
const COMBINE_UNIT = [
  'Putting it all together, the total comes to «!T» «unit».',
  'Adding these, «vals» = «!T», so «whole» has «T» «unit».',
  'So altogether that is «!T» «unit».',
  'That gives «vals» = «!T» «unit» in total.',
  'Adding the two parts, «whole» has «!T» «unit» in total.',
  'In total, «vals» = «!T» «unit».',
  'So «whole» comes to «!T» «unit».',
  'Combining everything, there are «!T» «unit».',
];
const RESTATE = [
  'So, the answer is «T»«u».',
  'Therefore, the final answer is «T»«u».',
  'So the product is «T».',
  'The answer is «T»«u».',
  'Thus, the result is «T»«u».',
  'Hence the answer: «T»«u».',
  'So the final answer is «T»«u».',
  'That means the answer is «T»«u».',
];
const CONFIRM = [
  'That seems reasonable.',
  'That makes sense given the size of the numbers.',
  'That seems right.',
  'That is the right order of magnitude, so I am fairly confident.',
  'That looks about right.',
  'This makes sense.',
  'That seems plausible.',
  'I am confident in this result.',
];
const RECHECK = [
  'Hmm, wait. Let me double-check that.',
  'Let me double-check the arithmetic before finalizing.',
  'Actually, let me re-add those to be sure.',
  'Let me verify that, just to be safe.',
  'Hold on, I want to make sure that is right.',
  'Let me go back and check.',
  'Wait, let me recompute to be sure.',
  'Before I finalize, let me verify.',
];
const ALT = [
  'Alternatively, we could split «x» instead.',
  'Let me verify this by another route, splitting «x».',
  'Another way to check is to break up «x».',
  'Let me try a different decomposition to confirm.',
  'To double-check, I will redo it by splitting «x».',
  'Let me confirm with a different split, this time of «x».',
  'Hmm, let me try it another way.',
  'We can also verify by approaching it differently.',
];
const ALT_GENERIC = [
  'Let me verify this another way.',
  'Alternatively, we can approach it differently.',
  'Let me try a different order of operations to confirm.',
  'To double-check, let me redo it a different way.',
  'Another way to see it:',
  'Let me confirm by a different route.',
  'Alternatively, let me reorganize the computation.',
  'We can also check this another way.',
];
const FIX = [
  'Hmm, I made a mistake. «label» is not «bad».',
  'Wait — I think I slipped on «label».',
  'Actually, hold on: let me recompute «label».',
  'Hmm, that does not look right. Let me recheck «label».',
  'Wait, I made an error in «label».',
  'Hold on, «label» seems off.',
  'Let me recheck «label», since that looks wrong.',
  'Hmm, actually «label» is not «bad».',
];
const FIX_SUM = [
  'Wait, I think I added those incorrectly.',
  'Hmm, let me redo that addition.',
  'Hold on, that sum looks off.',
  'Actually, I think the addition was wrong.',
];
const FIX_CALC = ['«calc».', 'Recomputing: «calc».', 'Carefully: «calc».', 'Redoing it, «calc».'];
const FIX_COMBINE = [
  'So the total is «vals» = «cur»«!T».',
  'That makes the total «vals» = «cur»«!T».',
  'Then «vals» = «cur»«!T».',
  'Which means the correct total is «vals» = «cur»«!T».',
  'So the corrected total is «vals» = «cur»«!T».',
  'Now, «vals» = «cur»«!T».',
  'Redoing the sum, «vals» = «cur»«!T».',
  'With that fixed, «vals» = «cur»«!T».',
];
const READD = [
  '«vals» = «cur»«!T».',
  'Adding again: «vals» = «cur»«!T».',
  'Re-adding, «vals» gives «cur»«!T».',
  'Adding «vals» once more, I get «cur»«!T».',
  'Let me add it up again: «vals» = «cur»«!T».',
  'Summing once more, «vals» = «cur»«!T».',
  '«vals» is «cur»«!T».',
  'Once more: «vals» = «cur»«!T».',
];
const MATCH = [
  'Great, that matches.',
  'Same result, good.',
  'Good, the two methods agree.',
  'That confirms it.',
  'Both approaches agree.',
  'Good, consistent with before.',
  'That checks out.',
  'Same answer as before.',
];
const MISMATCH = [
  "Hmm, that's different from what I got before.",
  "That doesn't match my first answer.",
  'That is not what I had earlier.',
  'So the two results disagree.',
  'That differs from the previous result.',
  'Interesting, that does not agree with before.',
];
const UNIT_RESTATE = [
  'So «whole» has «T» «unit» in total.',
  'The total is «T» «unit».',
  'So there are «T» «unit» altogether.',
  'Therefore, the answer is «T» «unit».',
  'So the final answer is «T» «unit».',
  'In total, «T» «unit».',
];

// revenue
const REV_INTRO = [
  "Let's compute the revenue from each item separately and then add.",
  'We need the revenue from the «item1» and from the «item2».',
  'The total revenue is the sum of what each kind of item brought in.',
  'Okay, two kinds of sales here, so two products to add.',
  "I'll find each part of the revenue and add them up.",
  'Revenue is quantity times price for each item, then we add.',
  "Let's break this down into the «item1» and the «item2».",
  'First figure out each amount, then combine.',
];
const REV_PART_FIRST = [
  'First, the «item»: «calc», so that is $«val».',
  'The «item» bring in «calc» dollars.',
  'For the «item», the revenue is «calc» dollars.',
  'Starting with the «item»: «calc».',
  'From the «item»: «calc» dollars.',
  'Revenue from the «item» is «calc».',
  'The «item» account for «calc» dollars.',
  'Let me start with the «item»: «calc».',
];
const REV_PART_NEXT = [
  'Next, the «item»: «calc», so that is $«val».',
  'The «item» bring in «calc» dollars.',
  'For the «item», «calc».',
  'Then the «item»: «calc».',
  'Now the «item»: «calc» dollars.',
  'The «item» add «calc».',
  'From the «item», we get «calc» dollars.',
  'And for the «item»: «calc».',
];
const REV_COMBINE = [
  'Putting it all together, the total revenue is $«P1» + $«P2» = $«!T».',
  'Adding these, «seller» took in $«!T».',
  'So the total comes to «P1» + «P2» = «!T» dollars.',
  'Combined, that is $«P1» + $«P2» = $«!T».',
  'Adding the two amounts, $«P1» + $«P2» = $«!T».',
  'So in total «seller» made $«!T».',
  'Together, $«P1» + $«P2» = $«!T» in revenue.',
  'The total is «P1» + «P2» = «!T» dollars.',
];
const REV_RESTATE = [
  'So the total revenue is $«T».',
  'Therefore, the answer is $«T».',
  'The total is $«T».',
  'So «seller» earned $«T».',
  'Thus the total revenue is $«T».',
  'Hence, $«T».',
  'Final answer: $«T».',
  'That is $«T» in total.',
];
const REV_SUBCHECK = [
  'So the total is still $«!T».',
  'That confirms the total of $«!T».',
  'So the total remains $«!T».',
  'Which means the total is $«!T», as before.',
];

// minimum count (ceil division)
const CEIL_DIV = [
  'To find the minimum, divide: «goal» ÷ «price» ≈ «dec».',
  "We need «price» × n ≥ «goal», so let's divide «goal» by «price», which is about «dec».",
  'Dividing «goal» by «price» gives roughly «dec».',
  'The number needed is «goal» ÷ «price» ≈ «dec».',
  'Let me divide: «goal» / «price» ≈ «dec».',
  'First, «goal» divided by «price» is approximately «dec».',
  'So we need to solve «price» × n ≥ «goal»; «goal» ÷ «price» ≈ «dec».',
  'Dividing the goal by the price, «goal» ÷ «price» comes to about «dec».',
];
const CEIL_UP = [
  "Since «who» can't sell part of one, we round up: «who» needs «!N» «item».",
  "Since you can't have a fraction of one, we round up to «!N» «item».",
  'Rounding up, the minimum is «!N» «item».',
  'So «who» must sell «!N» «item».',
  'We have to round up, which gives «!N» «item».',
  'A fraction will not do, so that means «!N» «item».',
  'Rounding up to the next whole number, «!N» «item».',
  'So the smallest whole number that works is «!N».',
];
const CEIL_DOWN = [
  'So «who» needs to sell «!N» «item».',
  'That means «!N» «item».',
  'Dropping the decimal, «!N» «item».',
  'So the answer is «!N» «item».',
  'Which gives «!N» «item».',
  'So they need «!N» «item».',
  'Rounding, we get «!N» «item».',
  'That works out to «!N» «item».',
];
const CEIL_TRY = [
  "Let's try «n» «item»: «n» × «price» = «amt», which is «cmp» «goal».",
  'With «n» «item», «who» would raise «n» × «price» = $«amt» — «verdict».',
  'Suppose «n» «item» are sold: that brings in $«amt», «verdict».',
  'Testing «n»: «n» × $«price» = $«amt». «Verdict»',
  'If «who» sells «n», that is $«amt», «verdict».',
  'Check «n» «item»: $«amt», «verdict».',
  'What about «n»? «n» × «price» = «amt», «verdict».',
  'Trying «n»: $«amt», «verdict».',
];
const CEIL_TRY_END = [
  'So «who» needs to sell «!N» «item».',
  'So the minimum is «!N» «item».',
  'Therefore «!N» «item» is the fewest that works.',
  'So «!N» is the smallest number that reaches the goal.',
  'That makes «!N» «item» the minimum.',
  'So the answer is «!N» «item».',
  'Hence the minimum number is «!N».',
  'So the fewest «item» is «!N».',
];
const CEIL_FIX = [
  'Wait, «n» × «price» = «amt», which is less than «goal», so «n» is not enough. «who» needs «!N» «item».',
  'Hmm, I made a mistake: «n» «item» only bring in $«amt», short of $«goal». Rounding up gives «!N».',
  'Hold on, $«amt» is below $«goal», so «n» falls short; the minimum must be «!N» «item».',
  'Actually, «n» × $«price» = $«amt» < $«goal», so we need one more: «!N» «item».',
  'Wait, that does not reach the goal: «n» × «price» = «amt». We need «!N» «item».',
  "Hmm, «n» «item» give $«amt», which isn't enough. So the answer should be «!N».",
  'Actually, let me check: «n» × «price» = «amt», less than «goal». So «!N» «item» are needed.',
  'Oops, «amt» < «goal», so «n» is too few; it has to be «!N».',
];
const CEIL_CHECK = [
  'Let me verify: «N» × «price» = «hi», which reaches «goal», while «m» × «price» = «lo» falls short. So «!N» is indeed the minimum.',
  'Checking: «m» «item» give $«lo» (not enough) and «N» «item» give $«hi» (enough). So the minimum is «!N» «item».',
  "Double-checking: «N» × $«price» = $«hi» ≥ $«goal», and «m» × $«price» = $«lo» < $«goal». So it's «!N».",
  'To confirm, «m» × «price» = «lo» < «goal» and «N» × «price» = «hi» ≥ «goal», so «who» needs «!N» «item».',
  'Quick check: $«hi» from «N» «item» covers $«goal», but $«lo» from «m» does not. So «!N» «item».',
  'Verifying, «N» × «price» = «hi» and «m» × «price» = «lo»; only the first reaches «goal», so «!N» it is.',
];
const CEIL_DIVCHECK = [
  'Let me redo the division: «price» × «base» = «pb», leaving «goal» − «pb» = «left», which needs «extra» more «item». So «!N» «item» in total.',
  'Recomputing: «price» × «base» = «pb», and the remaining «left» takes another «extra». That gives «!N».',
  'Another way: «price» × «base» = «pb», remainder «left», which needs «extra» more, for «!N» «item».',
  'Let me redo it: «base» «item» give «pb»; the other «left» needs «extra» more, so «!N» «item».',
];

const CEIL_RESTATE = [
  'So the minimum is «N» «item».',
  'Therefore, the answer is «N».',
  'So «who» needs to sell «N» «item».',
  'The answer is «N» «item».',
  'Final answer: «N» «item».',
  'Thus «N» «item» at minimum.',
  'So, «N».',
  'Hence «who» must sell at least «N» «item».',
];

// remaining quantity
const TANK_RATE = [
  'Together, the «agents» remove «k» × «r» = «kr» «unit» per «per».',
  'First, the combined rate: «k» × «r» = «kr» «unit» each «per».',
  "Let's find the total rate first: «k» «agents» × «r» = «kr» «unit» per «per».",
  'Combined, that is «kr» «unit» per «per» («k» × «r»).',
  'All «agents» together: «k» × «r» = «kr» «unit» per «per».',
  'The «agents» together drain «k» × «r» = «kr» «unit» per «per».',
  'Combining the «agents», «k» × «r» = «kr» «unit» per «per».',
  'So the total rate is «k» × «r» = «kr» «unit» per «per».',
];
const TANK_DRAIN = [
  'Over «t» «per»s, that is «kr» × «t» = «D» «unit».',
  'In «t» «per»s they remove «calc» «unit».',
  'After «t» «per»s, «calc» «unit» are gone.',
  'So in total, «calc» «unit» are removed.',
  'Multiplying by «t», «calc» «unit».',
  'That adds up to «calc» «unit» over the «t» «per»s.',
  'Over the whole time: «calc» «unit».',
  'Total removed: «calc» «unit».',
];
const TANK_PER = [
  'Each of the «agents» removes «r» × «t» = «rt» «unit».',
  'One of the «agents» alone removes «r» × «t» = «rt» «unit».',
  'Per «agent»: «r» × «t» = «rt» «unit».',
  'A single «agent» takes «r» × «t» = «rt» «unit».',
  'Each «agent» accounts for «r» × «t» = «rt» «unit».',
  'Per «agent», that is «rt» «unit» («r» × «t»).',
  'Individually, each removes «r» × «t» = «rt» «unit».',
  'One «agent»: «r» × «t» = «rt» «unit».',
];
const TANK_ALL = [
  'With «k» of them, that is «k» × «rt» = «D» «unit».',
  'All «k» together: «k» × «rt» = «D» «unit».',
  'So «k» × «rt» = «D» «unit» in total.',
  'Times «k»: «D» «unit».',
  'For all «k», «k» × «rt» = «D».',
  'Across «k» «agents»: «D» «unit».',
  'So altogether «k» × «rt» = «D» «unit».',
  'That makes «k» × «rt» = «D» «unit».',
];
const TANK_LEFT = [
  'So «thing» has «C» − «D» = «!R» «unit» left.',
  'That leaves «C» − «D» = «!R» «unit».',
  'Subtracting from the starting amount: «C» − «D» = «!R» «unit».',
  'Remaining: «C» − «D» = «!R» «unit».',
  'So what is left is «C» − «D» = «!R» «unit».',
  'Therefore «thing» still holds «C» − «D» = «!R» «unit».',
  'Taking that away, «C» − «D» = «!R» «unit» remain.',
  'The amount left is «C» − «D» = «!R» «unit».',
];
const TANK_RESTATE = [
  'So «R» «unit» remain.',
  'The answer is «R» «unit».',
  'So «thing» has «R» «unit» left.',
  'Therefore, «R» «unit».',
  'Final answer: «R» «unit».',
  'Thus «R» «unit» are left.',
  'So, «R» «unit».',
  'That leaves «R» «unit» in «thing».',
];

// ---------------------------------------------------------------------------------------------
// Arithmetic helpers.

const digits = (n: number): number => String(Math.abs(n)).length;
function trailingZeros(n: number): number {
  let z = 0;
  while (n !== 0 && n % 10 === 0) {
    n /= 10;
    z++;
  }
  return z;
}
function nonzeroDigits(n: number): number {
  return String(n)
    .split('')
    .filter((c) => c !== '0').length;
}
function splitPlace(n: number): [number, number] | null {
  const p = 10 ** (digits(n) - 1);
  const h = Math.floor(n / p) * p;
  const r = n - h;
  return h > 0 && r > 0 ? [h, r] : null;
}
function roundSplit(x: number): [number, number] | null {
  for (const k of [digits(x) - 1, digits(x) - 2]) {
    if (k < 1) continue;
    const p = 10 ** k;
    const X = Math.ceil(x / p) * p;
    const D = X - x;
    if (D > 0 && D * 12 < p && nonzeroDigits(D) <= 2) return [X, D];
  }
  return null;
}
function digitDelta(g: Gen, val: number): number {
  const tz = trailingZeros(val);
  const len = digits(val);
  const k = g.int(tz, Math.max(tz, len - 2));
  const m = g.any([1, 1, 1, 2, 3]);
  let d = (g.chance(0.5) ? 1 : -1) * m * 10 ** k;
  if (val + d <= 0) d = -d;
  return d;
}
function sig2(n: number): number {
  const p = 10 ** Math.max(0, digits(n) - 2);
  return Math.round(n / p) * p;
}
const commas = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// ---------------------------------------------------------------------------------------------
// Sums of products.

interface Term {
  y: number;
  x: number;
  yLeft: boolean;
  val: number;
  shown: number;
  sign: 1 | -1;
  sub?: Term[];
  digit?: { d1: number; d2: number; k: number };
}

interface Deriv {
  method: string;
  split?: number;
  terms: Term[];
  sumDelta: number;
  slipTerm: number | null;
}

const termTotal = (ts: Term[]): number => ts.reduce((s, t) => s + t.sign * t.shown, 0);
const derivTotal = (d: Deriv): number => termTotal(d.terms) + d.sumDelta;
function refresh(t: Term): void {
  if (t.sub) t.shown = termTotal(t.sub);
}

function product(y: number, x: number, yLeft: boolean, sign: 1 | -1, nest: boolean): Term {
  const t: Term = { y, x, yLeft, val: y * x, shown: y * x, sign };
  const sp = splitPlace(x);
  if (nest && sp && nonzeroDigits(x) >= 2 && y * x >= 100) {
    t.sub = [product(y, sp[0], yLeft, 1, false), product(y, sp[1], yLeft, 1, false)];
    refresh(t);
  } else if (nonzeroDigits(x) === 1 && y % 10 !== 0) {
    const k = trailingZeros(x);
    t.digit = { d1: y % 10, d2: x / 10 ** k, k };
  }
  return t;
}

function slipTerm(g: Gen, d: Deriv, avoid: number[]): boolean {
  for (let tries = 0; tries < 12; tries++) {
    const i = g.int(0, d.terms.length - 1);
    const t = d.terms[i];
    const target = t.sub ? t.sub[g.int(0, t.sub.length - 1)] : t;
    const old = target.shown;
    target.shown = target.val + digitDelta(g, target.val);
    refresh(t);
    const tot = derivTotal(d);
    if (tot > 0 && !avoid.includes(tot)) {
      d.slipTerm = i;
      return true;
    }
    target.shown = old;
    refresh(t);
  }
  return slipSum(g, d, avoid);
}
function slipSum(g: Gen, d: Deriv, avoid: number[]): boolean {
  const base = termTotal(d.terms);
  for (let tries = 0; tries < 12; tries++) {
    const k = g.int(1, Math.max(1, digits(base) - 2));
    const delta = (g.chance(0.5) ? 1 : -1) * 10 ** k;
    if (base + delta > 0 && !avoid.includes(base + delta)) {
      d.sumDelta = delta;
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Problems.

interface Target {
  correct: boolean;
  same: boolean;
  avoid: number[];
}

interface State {
  value: number;
  deriv?: Deriv;
  ceil?: { method: string; wrong: 'none' | 'floor' | 'digit' };
  tank?: { method: string; slip: 'none' | 'prod' | 'sub'; D: number; R: number };
}

type AttemptKind = 'fix' | 'recheck' | 'alt';

abstract class Problem {
  query = '';
  answer = 0;
  task = '';
  q = '';
  constructor(
    readonly g: Gen,
    readonly useCommas: boolean,
  ) {}
  F(n: number): string {
    return this.useCommas ? commas(n) : String(n);
  }
  /** Writes the answer as the candidate's value. */
  V(n: number): string {
    return this.F(n);
  }
  abstract first(b: Body, tg: Target): State;
  abstract fix(b: Body, prev: State, tg: Target): State | null;
  abstract recheck(b: Body, prev: State, tg: Target): State | null;
  abstract alt(b: Body, prev: State, tg: Target): State | null;
  abstract restate(st: State): string;
}

const TIMES = [' × ', ' × ', ' * ', ' x ', ' times '];

/** a*b, bare ('mul') or in a context ('ctx'), and two-part revenue ('rev'). */
class ProductProblem extends Problem {
  ctx: MulContext | null = null;
  rev: RevContext | null = null;
  op: string;
  constructor(
    g: Gen,
    useCommas: boolean,
    readonly kind: 'mul' | 'ctx' | 'rev',
    readonly nums: number[],
  ) {
    super(g, useCommas);
    this.op = g.any(TIMES.slice(0, 3));
    const [a, b, c, d] = nums;
    if (kind === 'rev') {
      this.rev = g.t(REV_CONTEXTS);
      this.answer = a * b + c * d;
      this.task = 'word-revenue';
      this.query = fill(this.rev.query, { A: this.F(a), p: b, B: this.F(c), q: d });
      this.q = 'the total revenue';
    } else {
      this.answer = a * b;
      this.task = `${digits(a)}x${digits(b)}`;
      if (kind === 'ctx') {
        this.ctx = g.t(MUL_CONTEXTS);
        this.query = fill(this.ctx.query, { a: this.F(a), b: this.F(b) });
      } else this.query = fill(g.t(MUL_QUERY), { a: this.F(a), b: this.F(b) });
      this.q = `${this.F(a)}${this.op}${this.F(b)}`;
    }
  }

  label(t: Term): string {
    return t.yLeft ? `${this.F(t.y)}${this.op}${this.F(t.x)}` : `${this.F(t.x)}${this.op}${this.F(t.y)}`;
  }
  vals(ts: Term[], dollars = false): string {
    const $ = dollars ? '$' : '';
    return ts.map((t, i) => (i === 0 ? `${$}${this.F(t.shown)}` : `${t.sign < 0 ? '−' : '+'} ${$}${this.F(t.shown)}`)).join(' ');
  }
  labels(ts: Term[]): string {
    return ts.map((t, i) => (i === 0 ? this.label(t) : `${t.sign < 0 ? '−' : '+'} ${this.label(t)}`)).join(' ');
  }
  calc(t: Term, eqOnly = false): string {
    if (eqOnly)
      return t.sub
        ? `${this.label(t)} = ${this.labels(t.sub)} = ${this.vals(t.sub)} = ${this.F(t.shown)}`
        : `${this.label(t)} = ${this.F(t.shown)}`;
    if (t.sub)
      return fill(this.g.t(CALC_SUB), { label: this.label(t), sl: this.labels(t.sub), sv: this.vals(t.sub), val: this.F(t.shown) });
    return fill(this.g.t(CALC_LEAF), { label: this.label(t), val: this.F(t.shown) });
  }
  midfixCalc(t: Term): string {
    const g = this.g;
    if (t.digit && g.chance(0.6)) {
      const { d1, d2, k } = t.digit;
      const pp = d1 * d2;
      const ppbad = pp >= 2 && g.chance(0.5) ? pp - 2 : pp + 2;
      const bad = t.val + (ppbad - pp) * 10 ** k;
      return fill(g.t(MIDFIX_DIGIT), { label: this.label(t), bad: this.F(bad), good: this.F(t.val), d1, d2, pp, ppbad });
    }
    const bad = t.val + digitDelta(g, t.val);
    return fill(g.t(MIDFIX_PLAIN), { label: this.label(t), bad: this.F(bad), good: this.F(t.val) });
  }

  methods(): string[] {
    const [a, b] = this.nums;
    if (this.kind === 'rev') return ['rev-a', 'rev-b'];
    const ms: string[] = [];
    if (splitPlace(b)) ms.push('place-b');
    if (splitPlace(a)) ms.push('place-a');
    if (nonzeroDigits(b) === 3) ms.push('digits-b'); // with two nonzero digits it is the place split
    if (roundSplit(b)) ms.push('round-b');
    if (roundSplit(a)) ms.push('round-a');
    return ms.length ? ms : ['place-b'];
  }

  build(method: string): Deriv {
    const g = this.g;
    const [a, b, c, e] = this.nums;
    const d: Deriv = { method, terms: [], sumDelta: 0, slipTerm: null };
    if (this.kind === 'rev') {
      // each revenue part is a product, split by one of its factors
      const splitPrice = method === 'rev-a';
      const mk = (n: number, p: number): Term =>
        splitPrice ? product(n, p, true, 1, g.chance(0.6)) : product(p, n, false, 1, g.chance(0.6));
      d.terms = [mk(a, b), mk(c, e)];
      return d;
    }
    const splitB = method.endsWith('-b');
    const x = splitB ? b : a;
    const y = splitB ? a : b;
    d.split = x;
    if (method.startsWith('place')) {
      const [h, r] = splitPlace(x) as [number, number];
      d.terms = [product(y, h, splitB, 1, false), product(y, r, splitB, 1, g.chance(0.5))];
    } else if (method.startsWith('digits')) {
      const ds = String(x).split('').map(Number);
      ds.forEach((dg, i) => {
        if (dg !== 0) d.terms.push(product(y, dg * 10 ** (ds.length - 1 - i), splitB, 1, false));
      });
    } else {
      const [X, D] = roundSplit(x) as [number, number];
      d.terms = [product(y, X, splitB, 1, false), product(y, D, splitB, -1, false)];
    }
    return d;
  }

  /** The derivation; the total is the candidate where it is first stated. */
  render(b: Body, d: Deriv, opts: { plan: boolean; midfix: boolean; planSwitch: boolean }): void {
    const g = this.g;
    const tot = derivTotal(d);
    if (this.kind === 'rev') {
      const rv = this.rev as RevContext;
      const items = [rv.item1, rv.item2];
      d.terms.forEach((t, i) => {
        b.sp();
        b.put(g.t(i === 0 ? REV_PART_FIRST : REV_PART_NEXT), { item: items[i], calc: this.calc(t, true), val: this.F(t.shown) });
      });
      b.sp();
      b.put(g.t(REV_COMBINE), { P1: this.F(d.terms[0].shown), P2: this.F(d.terms[1].shown), T: this.V(tot), seller: rv.seller });
      return;
    }
    const [a, bb] = this.nums;
    const x = d.split as number;
    const y = d.method.endsWith('-b') ? a : bb;
    if (opts.planSwitch) {
      b.sp();
      b.put(g.t(PLAN_SWITCH), { x: this.F(x), x0: this.F(x === bb ? a : bb) });
    }
    if (opts.plan || opts.planSwitch) {
      b.sp();
      if (d.method.startsWith('place')) {
        const [h, r] = splitPlace(x) as [number, number];
        b.put(g.t(PLAN_PLACE), { x: this.F(x), H: this.F(h), R: this.F(r) });
      } else if (d.method.startsWith('round')) {
        const [X, D] = roundSplit(x) as [number, number];
        b.put(g.t(PLAN_ROUND), { x: this.F(x), X: this.F(X), D: this.F(D), y: this.F(y) });
      } else b.put(g.t(PLAN_DIGITS), { x: this.F(x), y: this.F(y) });
    }
    let fixAt = -1;
    if (opts.midfix) {
      const ok = d.terms.map((t, i) => (!t.sub && i !== d.slipTerm && t.val >= 10 ? i : -1)).filter((i) => i >= 0);
      if (ok.length) fixAt = g.any(ok);
    }
    d.terms.forEach((t, i) => {
      b.sp();
      const calc = i === fixAt ? this.midfixCalc(t) : this.calc(t);
      b.put(g.t(i === 0 ? PART_FIRST : PART_NEXT), { calc });
    });
    b.sp();
    const vars = { q: this.q, vals: this.vals(d.terms), T: this.V(tot), unit: this.ctx?.unit ?? '', whole: this.ctx?.whole ?? '' };
    if (this.ctx && g.chance(0.6)) b.put(g.t(COMBINE_UNIT), vars);
    else b.put(g.t(d.terms.some((t) => t.sign < 0) ? COMBINE_DIFF : COMBINE), vars);
  }

  intro(b: Body): void {
    const g = this.g;
    const [a, bb] = this.nums;
    if (this.kind === 'rev') {
      if (g.chance(0.6)) b.put(g.t(REV_INTRO), { item1: (this.rev as RevContext).item1, item2: (this.rev as RevContext).item2 });
      return;
    }
    if (this.ctx) {
      if (g.chance(0.75)) b.put(g.t(INTRO_CTX), { a: this.F(a), b: this.F(bb), unit: this.ctx.unit });
    } else if (g.chance(0.6)) b.put(g.t(INTRO_MUL), { q: this.q, a: this.F(a), b: this.F(bb) });
    if (g.chance(0.25)) {
      const ea = sig2(a);
      const eb = sig2(bb);
      if (ea * eb !== this.answer) {
        b.sp();
        b.put(g.t(ESTIMATE), { est: `${this.F(ea)}${this.op}${this.F(eb)} is about ${this.F(ea * eb)}` });
      }
    }
  }

  first(b: Body, tg: Target): State {
    const g = this.g;
    this.intro(b);
    const d = this.build(g.any(this.methods()));
    if (!tg.correct) slipTerm(g, d, [this.answer]);
    if (b.text.length && g.chance(0.5)) b.para();
    this.render(b, d, { plan: g.chance(0.6), midfix: g.chance(0.25), planSwitch: this.kind !== 'rev' && g.chance(0.12) });
    return { value: derivTotal(d), deriv: d };
  }

  fix(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const d: Deriv = structuredClone(prev.deriv as Deriv);
    const rev = this.kind === 'rev';
    if (d.slipTerm !== null) {
      const i = d.slipTerm;
      const t = d.terms[i];
      const bad = t.shown;
      b.put(g.t(FIX), { label: this.label(t), bad: this.F(bad) });
      t.shown = t.val;
      if (t.sub) for (const s of t.sub) s.shown = s.val;
      d.slipTerm = null;
      if (!tg.correct) {
        const tgt = t.sub ? t.sub[g.int(0, t.sub.length - 1)] : t;
        for (let k = 0; k < 12; k++) {
          tgt.shown = tgt.val + digitDelta(g, tgt.val);
          refresh(t);
          const tot = derivTotal(d);
          if (t.shown !== bad && !tg.avoid.includes(tot) && tot > 0) break;
        }
        d.slipTerm = i;
      }
      b.sp();
      b.put(g.t(FIX_CALC), { calc: this.calc(t) });
      b.sp();
      this.combineAgain(b, d, FIX_COMBINE, rev);
      return { value: derivTotal(d), deriv: d };
    }
    if (d.sumDelta !== 0) {
      b.put(g.t(FIX_SUM));
      d.sumDelta = 0;
      if (!tg.correct && !slipSum(g, d, tg.avoid)) return null;
      b.sp();
      this.combineAgain(b, d, FIX_COMBINE, rev);
      return { value: derivTotal(d), deriv: d };
    }
    return null;
  }

  combineAgain(b: Body, d: Deriv, pool: readonly string[], rev: boolean): void {
    const tot = derivTotal(d);
    b.put(this.g.t(pool), { vals: this.vals(d.terms, rev), T: this.V(tot), cur: rev ? '$' : '' });
  }

  recheck(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const d: Deriv = structuredClone(prev.deriv as Deriv);
    const rev = this.kind === 'rev';
    if (tg.same) {
      b.put(g.t(RECHECK));
      b.sp();
      if (rev && g.chance(0.5)) {
        // recompute one part with the other factor split, then state the total again
        const i = g.int(0, 1);
        const t = d.terms[i];
        const other = product(t.yLeft ? t.x : t.y, t.yLeft ? t.y : t.x, !t.yLeft, 1, true);
        if (other.val !== t.shown) return null; // a slipped part would not reproduce itself
        b.put(g.t(FIX_CALC), { calc: this.calc(other) });
        b.sp();
        b.put(g.t(REV_SUBCHECK), { T: this.V(derivTotal(d)) });
        return { value: derivTotal(d), deriv: d };
      }
      this.combineAgain(b, d, READD, rev);
      return { value: derivTotal(d), deriv: d };
    }
    if (!tg.correct) {
      d.sumDelta = 0;
      if (d.slipTerm !== null || !slipSum(g, d, tg.avoid)) return null;
      b.put(g.t(RECHECK));
      b.sp();
      this.combineAgain(b, d, READD, rev);
      return { value: derivTotal(d), deriv: d };
    }
    if (d.slipTerm === null && d.sumDelta !== 0) {
      d.sumDelta = 0;
      b.put(g.t(RECHECK));
      b.sp();
      this.combineAgain(b, d, READD, rev);
      return { value: derivTotal(d), deriv: d };
    }
    return null;
  }

  alt(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const pd = prev.deriv as Deriv;
    const others = this.methods().filter((m) => m !== pd.method);
    if (!others.length) return null;
    const d = this.build(g.any(others));
    if (!tg.correct && !slipTerm(g, d, tg.avoid)) return null;
    if (this.kind === 'rev') b.put(g.t(ALT_GENERIC), { agent: 'item' });
    else b.put(g.t(ALT), { x: this.F(d.split ?? this.nums[1]) });
    if (g.chance(0.4)) b.para();
    this.render(b, d, { plan: g.chance(0.5), midfix: g.chance(0.1), planSwitch: false });
    return { value: derivTotal(d), deriv: d };
  }

  restate(st: State): string {
    const g = this.g;
    if (this.kind === 'rev') return fill(g.t(REV_RESTATE), { T: this.V(st.value), seller: (this.rev as RevContext).seller });
    if (this.ctx && g.chance(0.6)) return fill(g.t(UNIT_RESTATE), { T: this.V(st.value), unit: this.ctx.unit, whole: this.ctx.whole });
    const tpl = g.t(RESTATE);
    return fill(tpl, { T: this.V(st.value), u: this.ctx ? ` ${this.ctx.unit}` : '' });
  }
}

/** Smallest n with price * n >= goal. */
class CeilProblem extends Problem {
  ctx: CeilContext;
  constructor(
    g: Gen,
    useCommas: boolean,
    readonly goal: number,
    readonly price: number,
  ) {
    super(g, useCommas);
    this.ctx = g.t(CEIL_CONTEXTS);
    this.answer = Math.ceil(goal / price);
    this.task = 'word-ceil';
    this.query = fill(this.ctx.query, { goal: this.F(goal), price });
    this.q = 'the minimum number';
  }
  vars(extra: Vars = {}): Vars {
    const N = this.answer;
    return {
      goal: this.F(this.goal),
      price: this.price,
      dec: (this.goal / this.price).toFixed(2),
      item: this.ctx.item,
      who: this.ctx.who,
      N: this.V(N),
      m: N - 1,
      hi: this.F(N * this.price),
      lo: this.F((N - 1) * this.price),
      ...extra,
    };
  }
  wrongValue(kind: 'floor' | 'digit', avoid: number[]): number | null {
    const v = kind === 'floor' ? this.answer - 1 : this.answer + this.g.any([10, -10, 1, 2]);
    return v > 0 && !avoid.includes(v) ? v : null;
  }
  first(b: Body, tg: Target): State {
    const g = this.g;
    const method = g.chance(0.65) ? 'divide' : 'trial';
    let wrong: 'none' | 'floor' | 'digit' = 'none';
    let v = this.answer;
    if (!tg.correct) {
      wrong = method === 'divide' && g.chance(0.7) ? 'floor' : 'digit';
      v = this.wrongValue(wrong, tg.avoid) ?? this.answer - 1;
      if (v === this.answer - 1) wrong = 'floor';
    }
    this.derive(b, method, v);
    return { value: v, ceil: { method, wrong } };
  }
  /** Writes a derivation ending in value v (v = answer, or a slip). */
  derive(b: Body, method: string, v: number): void {
    const g = this.g;
    const { price, goal } = this;
    if (method === 'divide') {
      if (v === this.answer - 1) {
        // rounds down instead of up
        b.put(g.t(CEIL_DIV), this.vars());
        b.sp();
        b.put(g.t(CEIL_DOWN), this.vars({ N: this.V(v) }));
        return;
      }
      // v !== answer: a slip in the division itself
      const dec = v === this.answer ? goal / price : v - 0.6;
      b.put(g.t(CEIL_DIV), this.vars({ dec: dec.toFixed(2) }));
      b.sp();
      b.put(g.t(CEIL_UP), this.vars({ N: this.V(v) }));
      return;
    }
    // trial: a low guess, then numbers near the answer; tried values are not candidates
    const lowGuess = Math.max(1, Math.floor(v / 10) * 10 - 10);
    const tries = v === this.answer ? [lowGuess, v, v - 1] : [lowGuess, v];
    for (const n of tries) {
      b.sp();
      const amt = n * price;
      const enough = amt >= goal;
      // a slipped trial (v != answer) wrongly believes v is enough
      const believe = n === v ? true : enough;
      const verdict = believe ? 'which is enough' : 'not quite enough';
      const Verdict = believe ? 'That is enough.' : 'Not quite enough.';
      const cmp = believe ? 'at least' : 'less than';
      // a slipped trial miscomputes n * price so that it seems to reach the goal
      const shown = n === v && !enough ? goal + g.int(1, price - 1) : amt;
      b.put(g.t(CEIL_TRY), this.vars({ n, amt: this.F(shown), verdict, Verdict, cmp }));
    }
    b.sp();
    b.put(g.t(CEIL_TRY_END), this.vars({ N: this.V(v) }));
  }
  fix(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const c = prev.ceil as NonNullable<State['ceil']>;
    if (!tg.correct || c.wrong === 'none' || prev.value >= this.answer) return null;
    b.put(g.t(CEIL_FIX), this.vars({ n: prev.value, amt: this.F(prev.value * this.price), who: cap(this.ctx.who) }));
    return { value: this.answer, ceil: { method: c.method, wrong: 'none' } };
  }
  recheck(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const c = prev.ceil as NonNullable<State['ceil']>;
    if (tg.same && tg.correct) {
      b.put(g.t(RECHECK));
      b.sp();
      b.put(g.t(CEIL_CHECK), this.vars());
      return { value: this.answer, ceil: c };
    }
    if (tg.same && c.wrong === 'floor') {
      // repeats the same rounding slip
      b.put(g.t(RECHECK));
      b.sp();
      b.put(g.t(CEIL_DIV), this.vars());
      b.sp();
      b.put(g.t(CEIL_DOWN), this.vars({ N: this.V(prev.value) }));
      return { value: prev.value, ceil: c };
    }
    return null;
  }
  alt(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const c = prev.ceil as NonNullable<State['ceil']>;
    if (tg.same && !tg.correct) return null;
    if (tg.correct) {
      b.put(g.t(RECHECK));
      b.sp();
      const base = Math.floor(this.goal / this.price / 10) * 10;
      const pb = base * this.price;
      const left = this.goal - pb;
      const extra = this.answer - base;
      if (base < 10 || extra < 1) return null;
      b.put(g.t(CEIL_DIVCHECK), this.vars({ base, pb: this.F(pb), left: this.F(left), extra }));
      return { value: this.answer, ceil: { method: 'divcheck', wrong: 'none' } };
    }
    const v = this.wrongValue('digit', tg.avoid);
    if (v === null || v === this.answer) return null;
    b.put(g.t(RECHECK));
    b.sp();
    this.derive(b, c.method === 'divide' ? 'trial' : 'divide', v);
    return { value: v, ceil: { method: c.method === 'divide' ? 'trial' : 'divide', wrong: 'digit' } };
  }
  restate(st: State): string {
    return fill(this.g.t(CEIL_RESTATE), { N: this.V(st.value), item: this.ctx.item, who: this.ctx.who });
  }
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** C - k*r*t. */
class TankProblem extends Problem {
  ctx: TankContext;
  per: string;
  agent: string;
  constructor(
    g: Gen,
    useCommas: boolean,
    readonly C: number,
    readonly k: number,
    readonly r: number,
    readonly t: number,
  ) {
    super(g, useCommas);
    this.ctx = g.t(TANK_CONTEXTS);
    this.per = this.ctx.unit === 'gallons' ? 'hour' : this.ctx.agents === 'trucks' ? 'trip' : 'minute';
    this.agent = this.ctx.agents.replace(/s$/, '');
    this.answer = C - k * r * t;
    this.task = 'word-multistep';
    this.query = fill(this.ctx.query, { C: this.F(C), k, r, t });
    this.q = 'the amount left';
  }
  vars(extra: Vars = {}): Vars {
    const { C, k, r, t } = this;
    return {
      C: this.F(C),
      k,
      r,
      t,
      kr: this.F(k * r),
      rt: this.F(r * t),
      unit: this.ctx.unit,
      agents: this.ctx.agents,
      agent: this.agent,
      thing: this.ctx.thing,
      per: this.per,
      D: this.F(k * r * t),
      ...extra,
    };
  }
  derive(b: Body, method: string, slip: 'none' | 'prod' | 'sub', avoid: number[]): { D: number; R: number; slip: 'none' | 'prod' | 'sub' } {
    const g = this.g;
    const { C, k, r, t } = this;
    let D = k * r * t;
    if (slip === 'prod') {
      for (let i = 0; i < 8; i++) {
        const Dw = D + digitDelta(g, D);
        if (!avoid.includes(C - Dw) && C - Dw > 0) {
          D = Dw;
          break;
        }
      }
      if (D === k * r * t) slip = 'sub';
    }
    let R = C - D;
    if (slip === 'sub') {
      const opts = [10, -10, 100, -100, 1000, -1000].map((x) => R + x).filter((x) => x > 0 && !avoid.includes(x));
      R = g.any(opts);
    }
    if (method === 'rate') {
      b.put(g.t(TANK_RATE), this.vars());
      b.sp();
      const kr = k * r;
      const calc = g.chance(0.5) ? `${this.F(kr)} × ${t} = ${this.F(D)}` : splitCalc(this, kr, t, D);
      b.put(g.t(TANK_DRAIN), this.vars({ calc, D: this.F(D) }));
    } else {
      b.put(g.t(TANK_PER), this.vars());
      b.sp();
      b.put(g.t(TANK_ALL), this.vars({ D: this.F(D) }));
    }
    b.sp();
    b.put(g.t(TANK_LEFT), this.vars({ D: this.F(D), R: this.V(R) }));
    return { D, R, slip };
  }
  first(b: Body, tg: Target): State {
    const g = this.g;
    const method = g.chance(0.6) ? 'rate' : 'per';
    const res = this.derive(b, method, tg.correct ? 'none' : g.chance(0.7) ? 'prod' : 'sub', [this.answer]);
    return { value: res.R, tank: { method, ...res } };
  }
  fix(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const tk = prev.tank as NonNullable<State['tank']>;
    if (!tg.correct || tk.slip === 'none') return null;
    const D = this.k * this.r * this.t;
    if (tk.slip === 'prod') {
      const label = tk.method === 'rate' ? `${this.F(this.k * this.r)} × ${this.t}` : `${this.k} × ${this.F(this.r * this.t)}`;
      b.put(g.t(FIX), { label, bad: this.F(tk.D) });
      b.sp();
      b.put(g.t(FIX_CALC), { calc: `${label} = ${this.F(D)}` });
    } else b.put(g.t(FIX_SUM));
    b.sp();
    b.put(g.t(TANK_LEFT), this.vars({ R: this.V(this.answer) }));
    return { value: this.answer, tank: { method: tk.method, slip: 'none', D, R: this.answer } };
  }
  recheck(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const tk = prev.tank as NonNullable<State['tank']>;
    if (!tg.same || tk.slip === 'sub') return null;
    b.put(g.t(RECHECK));
    b.sp();
    const label = tk.method === 'rate' ? `${this.F(this.k * this.r)} × ${this.t}` : `${this.k} × ${this.F(this.r * this.t)}`;
    b.put(g.t(FIX_CALC), { calc: `${label} = ${this.F(tk.D)}` });
    b.sp();
    b.put(g.t(TANK_LEFT), this.vars({ D: this.F(tk.D), R: this.V(tk.R) }));
    return { value: tk.R, tank: tk };
  }
  alt(b: Body, prev: State, tg: Target): State | null {
    const g = this.g;
    const tk = prev.tank as NonNullable<State['tank']>;
    if (tg.same && !tg.correct) return null;
    b.put(g.t(ALT_GENERIC), { agent: this.agent });
    if (g.chance(0.4)) b.para();
    else b.sp();
    const method = tk.method === 'rate' ? 'per' : 'rate';
    const res = this.derive(b, method, tg.correct ? 'none' : 'prod', tg.avoid);
    if ((res.R === this.answer) !== tg.correct) return null;
    return { value: res.R, tank: { method, ...res } };
  }
  restate(st: State): string {
    return fill(this.g.t(TANK_RESTATE), this.vars({ R: this.V(st.value) }));
  }
}

function splitCalc(p: Problem, y: number, x: number, shown: number): string {
  const sp = splitPlace(x);
  if (!sp) return `${p.F(y)} × ${x} = ${p.F(shown)}`;
  return `${p.F(y)} × ${x} = ${p.F(y * sp[0])} + ${p.F(y * sp[1])} = ${p.F(shown)}`;
}

// ---------------------------------------------------------------------------------------------
// Attempt planning and the response.

function planTargets(g: Gen): { correct: boolean; same: boolean }[] {
  const n = g.weighted([
    [1, 40],
    [2, 34],
    [3, 18],
    [4, 8],
  ] as const);
  const out: { correct: boolean; same: boolean }[] = [{ correct: g.chance(0.62), same: false }];
  for (let i = 1; i < n; i++) {
    const prev = out[i - 1];
    const last = i === n - 1;
    if (!prev.correct) {
      const r = g.weighted([
        ['C', 64],
        ['same', 18],
        ['new', 18],
      ] as const);
      out.push(r === 'C' ? { correct: true, same: false } : { correct: false, same: r === 'same' });
    } else {
      const wrong = !last && g.chance(0.12);
      out.push(wrong ? { correct: false, same: false } : { correct: true, same: true });
    }
  }
  return out;
}

function attemptKinds(prevCorrect: boolean, tg: Target): AttemptKind[] {
  if (tg.same) return prevCorrect ? ['alt', 'recheck', 'recheck'] : ['recheck'];
  if (!prevCorrect) return tg.correct ? ['fix', 'fix', 'alt', 'recheck'] : ['fix', 'alt'];
  return ['alt', 'alt', 'recheck'];
}

function makeProblem(g: Gen): Problem {
  const useCommas = g.chance(0.85);
  const kind = g.weighted([
    ['mul', 30],
    ['ctx', 30],
    ['rev', 16],
    ['ceil', 12],
    ['tank', 12],
  ] as const);
  const num = (nd: number): number => {
    for (;;) {
      const v = g.int(10 ** (nd - 1), 10 ** nd - 1);
      if (v % 10 !== 0 && nonzeroDigits(v) >= 2 && splitPlace(v)) return v;
    }
  };
  if (kind === 'mul' || kind === 'ctx') {
    const da = g.weighted([
      [2, 3],
      [3, 5],
      [4, 3],
    ] as const);
    const db = g.weighted([
      [2, 1],
      [3, 4],
      [4, 5],
      [5, 2],
    ] as const);
    return new ProductProblem(g, useCommas, kind, [num(da), num(db)]);
  }
  if (kind === 'rev') {
    return new ProductProblem(g, useCommas, 'rev', [num(g.any([3, 3, 4])), g.int(11, 89), num(g.any([3, 3, 4])), g.int(11, 89)]);
  }
  if (kind === 'ceil') {
    for (;;) {
      const price = g.int(12, 95);
      const goal = g.int(20, 400) * 50;
      if (goal % price !== 0 && goal / price > 25) return new CeilProblem(g, useCommas, goal, price);
    }
  }
  for (;;) {
    const k = g.int(2, 9);
    const r = g.int(12, 240);
    const t = g.int(12, 95);
    const C = Math.ceil((k * r * t * (1.15 + g.int(0, 150) / 100)) / 100) * 100;
    if (C - k * r * t > 50) return new TankProblem(g, useCommas, C, k, r, t);
  }
}

function response(g: Gen): { p: Problem; b: Body } {
  g.fresh();
  const p = makeProblem(g);
  const b = new Body();
  const plan = planTargets(g);
  const seen: number[] = [];
  let prev: State | null = null;
  for (let i = 0; i < plan.length; i++) {
    const tg: Target = { correct: plan[i].correct, same: plan[i].same, avoid: [p.answer, ...seen] };
    let st: State | null = null;
    if (prev === null) st = p.first(b, tg);
    else {
      const prevCorrect = prev.value === p.answer;
      const kinds = attemptKinds(prevCorrect, tg);
      let used: AttemptKind = 'fix';
      for (const k of [g.any(kinds), ...kinds]) {
        const save = { text: b.text, n: b.candidates.length };
        if (g.chance(0.7)) b.para();
        else b.sp();
        st = k === 'fix' ? p.fix(b, prev, tg) : k === 'recheck' ? p.recheck(b, prev, tg) : p.alt(b, prev, tg);
        if (st && tg.same && st.value !== prev.value) st = null;
        if (st && !tg.same && (st.value === p.answer) !== tg.correct) st = null;
        if (st && !tg.same && !tg.correct && (st.value === prev.value || seen.includes(st.value))) st = null;
        if (st && b.candidates.length !== save.n + 1) throw new Error('an attempt must state exactly one candidate');
        used = k;
        if (st) break;
        b.text = save.text;
        b.candidates.length = save.n;
      }
      if (!st) break;
      if (used !== 'fix' && g.chance(0.45)) {
        b.sp();
        b.put(g.t(st.value === prev.value ? MATCH : MISMATCH));
      }
    }
    if (!st) break;
    const lastAttempt = i === plan.length - 1;
    if (g.chance(lastAttempt ? 0.5 : 0.12)) {
      if (g.chance(0.4)) b.para();
      else b.sp();
      b.put(p.restate(st));
    }
    if (lastAttempt && g.chance(0.4)) {
      b.sp();
      b.put(g.t(CONFIRM));
    }
    if (st.value !== p.answer && !seen.includes(st.value)) seen.push(st.value);
    prev = st;
  }
  return { p, b };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const g = new Gen(mixSeed(seed, `${family}/${split}`), split);
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const { p, b } = response(g);
    let body = b.text.trimEnd();
    let candidates = b.candidates;
    if (g.chance(0.03) && candidates.length) {
      const cut = g.int(Math.min(20, candidates[0].offset), candidates[0].offset);
      body = body.slice(0, cut);
      candidates = [];
    }
    out.push({
      id: `${family}-${split}-${seed}-${i}`,
      headers: { query: p.query, answer: String(p.answer), task: p.task },
      body,
      candidates,
      final: candidates.length ? candidates[candidates.length - 1].value : null,
    });
  }
  return out;
}
