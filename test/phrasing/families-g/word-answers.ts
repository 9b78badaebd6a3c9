// Phrasing family "word-answers": questions whose answer is a word or a selection (a name, a
// weekday, yes/no, a plan letter, a set of statement letters, a count written in words).
// The responses reason with numbers (speeds, remainders, costs) that are not the answer.
// Self-contained: no imports. Labels follow docs/annotation-guide.md.

export const family = 'word-answers';

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

type Split = 'dev' | 'heldout';
type Kind = 'name' | 'day' | 'yesno' | 'letters' | 'option' | 'count';

// ---------------------------------------------------------------------------------------------
// PRNG and small helpers

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
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
  sample<T>(a: readonly T[], k: number): T[] {
    const b = [...a];
    for (let i = b.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [b[i], b[j]] = [b[j], b[i]];
    }
    return b.slice(0, k);
  }
}

interface Ctx {
  r: Rng;
  split: Split;
  think: boolean;
  lstyle: number; // letter-set format
  digits: boolean; // counts written as digits
}

const OPEN = '\u27e6';
const CLOSE = '\u27e7';

function sp<T>(c: Ctx, dev: readonly T[], held: readonly T[]): T {
  return c.r.pick(c.split === 'dev' ? dev : held);
}
function item(c: Ctx, s: string): string {
  return c.think ? s : (c.split === 'dev' ? '- ' : '* ') + s;
}
function lines(...xs: (string | false | undefined)[]): string {
  return xs.filter((x): x is string => typeof x === 'string' && x.length > 0).join('\n');
}
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const comma = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const money = (cents: number) => (cents < 0 ? '-$' : '$') + (Math.abs(cents) / 100).toFixed(2);
const hm = (min: number) => `${Math.floor(min / 60)}:${String(min % 60).padStart(2, '0')}`;
const dur = (min: number) => (min % 60 ? `${Math.floor(min / 60)} h ${min % 60} min` : `${min / 60} h`);
const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const WORDS = [
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
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NAMES = [
  'Alice',
  'Bob',
  'Carol',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Yusuf',
  'Zoe',
];
const CITIES = [
  'Avonford',
  'Brookhaven',
  'Castlerock',
  'Dunmore',
  'Eastwick',
  'Fairview',
  'Glenridge',
  'Harborview',
  'Ironwood',
  'Kingsbridge',
  'Lakemont',
  'Millbrook',
  'Northgate',
  'Oakhurst',
];
const PRIMES: number[] = [];
for (let n = 2; n < 1000; n++) if (PRIMES.every((p) => p * p > n || n % p)) PRIMES.push(n);
const nameList = (xs: string[]) => (xs.length === 1 ? xs[0] : xs.slice(0, -1).join(', ') + ' and ' + xs[xs.length - 1]);

// ---------------------------------------------------------------------------------------------
// Problems

interface Problem {
  type: string;
  task: string;
  query: string;
  kind: Kind;
  right: string;
  wrong: string | null; // a plausible wrong answer (null: no wrong path for this instance)
  role: string; // noun phrase: "the fastest runner"
  vp: string; // verb phrase: "was the fastest"
  goal: string; // "who had the highest average speed"
  noun?: [string, string];
  prefix?: string;
  claimYes?: string;
  claimNo?: string;
  restate(c: Ctx): string;
  work(c: Ctx): string; // correct derivation, no conclusion
  wrongWork(c: Ctx): string; // flawed derivation leading to `wrong`
  fix(c: Ctx): string; // spots the flaw and redoes the work (no conclusion)
  check(c: Ctx): string; // another method reaching `right` (no conclusion, unless it marks the result itself)
  recheck(c: Ctx): string; // re-check in words that re-examines something
  wrongCheck(c: Ctx): string; // re-derivation that repeats the flaw
  doubt(c: Ctx): string; // after a right answer, talks itself into the wrong one
  dismiss(c: Ctx): string; // a question raised and dismissed in one breath
  recall(c: Ctx): string; // recall of earlier work
  brief(c: Ctx, right: boolean): string; // summary lines
  noAnswer(c: Ctx): string; // an ending that never states an answer
}

function race(c: Ctx): Problem | null {
  const r = c.r;
  const rs = r.sample(NAMES, 3).map((n) => {
    const d = r.int(3, 12);
    const t = r.int(Math.ceil((d * 60) / 17), Math.floor((d * 60) / 8));
    return { n, d, t, s: (d * 60) / t };
  });
  const bs = [...rs].sort((a, b) => b.s - a.s);
  const bt = [...rs].sort((a, b) => a.t - b.t);
  if (bs[0].s - bs[1].s < 0.2 || bs[1].s - bs[2].s < 0.2 || bt[0].t === bt[1].t || bs[0] === bt[0]) return null;
  const [fast, second, third] = bs;
  const quick = bt[0];
  const sline = (x: (typeof rs)[0]) =>
    item(
      c,
      sp(
        c,
        [
          `${x.n}: ${x.d} km in ${x.t} min → ${x.d} × 60 / ${x.t} ≈ ${f2(x.s)} km/h`,
          `${x.n}: ${x.d}/${x.t} km per minute, times 60 ≈ ${f2(x.s)} km/h`,
        ],
        [`${x.n}'s speed = ${x.d} ÷ (${x.t}/60) ≈ ${f2(x.s)} km/h`, `${x.n} → ${(x.d * 60).toString()}/${x.t} ≈ ${f2(x.s)} km/h`],
      ),
    );
  const core = () =>
    lines(
      ...rs.map(sline),
      r.chance(0.4) && sp(c, [`So ${second.n} is quicker than ${third.n}, at least.`], [`(${second.n} beats ${third.n} already.)`]),
      sp(
        c,
        [`Comparing: ${f2(fast.s)} > ${f2(second.s)} > ${f2(third.s)}.`],
        [`Ordered: ${f2(fast.s)}, then ${f2(second.s)}, then ${f2(third.s)} km/h.`],
      ),
    );
  const others = rs.filter((x) => x !== fast).map((x) => x.n);
  return {
    type: 'race',
    task: 'speed-comparison/easy',
    query: `${rs[0].n} ran ${rs[0].d} km in ${rs[0].t} minutes, ${rs[1].n} ran ${rs[1].d} km in ${rs[1].t} minutes and ${rs[2].n} ran ${rs[2].d} km in ${rs[2].t} minutes. Who had the highest average speed?`,
    kind: 'name',
    right: fast.n,
    wrong: quick.n,
    role: 'the fastest runner',
    vp: 'was the fastest',
    goal: 'who had the highest average speed',
    restate: (c) =>
      sp(
        c,
        [`We have three runners with different distances and times: ${rs.map((x) => `${x.n} ${x.d} km in ${x.t} min`).join(', ')}.`],
        [`Given: ${rs.map((x) => `${x.n} — ${x.d} km / ${x.t} min`).join('; ')}.`],
      ),
    work: (c) =>
      lines(
        sp(
          c,
          ['Speed = distance / time. Converting each to km/h:', 'I need average speed, so distance over time for each runner.'],
          ['Average speed is distance divided by time; put everything in km/h.', 'Compute each speed in km/h.'],
        ),
        core(),
      ),
    wrongWork: (c) =>
      lines(
        sp(
          c,
          [`Looking at the finishing times: ${rs.map((x) => x.t).join(', ')} minutes.`],
          [`The times are ${nameList(rs.map((x) => `${x.t}`))} minutes.`],
        ),
        sp(c, [`The shortest is ${quick.t} minutes, by ${quick.n}.`], [`Least time: ${quick.n}, ${quick.t} min.`]),
      ),
    fix: (c) =>
      lines(
        sp(
          c,
          ["They didn't run the same distance, though, so the time alone doesn't say who was fastest. I need distance divided by time."],
          [
            `Comparing times only works if the distances are equal, and they aren't (${rs.map((x) => x.d).join(', ')} km). Speed = distance / time.`,
          ],
        ),
        core(),
      ),
    check: (c) =>
      lines(
        sp(c, ['Pace check (minutes per km):'], ['Use pace instead, minutes per km:']),
        ...rs.map((x) => item(c, `${x.n}: ${x.t}/${x.d} ≈ ${f2(x.t / x.d)} min/km`)),
        sp(c, ['The lowest pace is the highest speed.'], ['Smaller pace = faster runner.']),
      ),
    recheck: (c) =>
      sp(
        c,
        [`Wait, does ${fast.n} really beat ${second.n}? ${f2(fast.s)} km/h against ${f2(second.s)} km/h, so yes.`],
        [
          `Hmm, let me re-check the closest pair: ${fast.d * 60}/${fast.t} ≈ ${f2(fast.s)} vs ${second.d * 60}/${second.t} ≈ ${f2(second.s)}. The order holds.`,
        ],
      ),
    wrongCheck: (c) =>
      sp(
        c,
        [`Checking the times again: ${rs.map((x) => `${x.n} ${x.t} min`).join(', ')}. ${quick.n}'s ${quick.t} minutes is the smallest.`],
        [`Re-reading the times: ${rs.map((x) => `${x.t}`).join(', ')}; nobody beat ${quick.t} minutes.`],
      ),
    doubt: (c) =>
      sp(
        c,
        [
          `Hmm, but maybe "highest average speed" is meant loosely, as in who finished first? ${quick.n} needed only ${quick.t} minutes, less than anyone else.`,
        ],
        [`Hmm, actually the race is about finishing time, isn't it? ${quick.n} took ${quick.t} minutes, the least of the three.`],
      ),
    dismiss: (c) =>
      sp(
        c,
        ['Could the units trip me up? No, every distance is in km and every time in minutes.'],
        ['Any unit mismatch? None: km and minutes throughout.'],
      ),
    recall: (c) =>
      sp(c, [`We've already seen that ${nameList(others)} are slower.`], [`As computed, ${nameList(others)} are both slower.`]),
    brief: (c, ok) =>
      ok
        ? `Average speeds: ${rs.map((x) => `${x.n} ≈ ${f2(x.s)} km/h`).join(', ')}.`
        : `Finishing times: ${rs.map((x) => `${x.n} ${x.t} min`).join(', ')}.`,
    noAnswer: (c) =>
      lines(
        ...rs.map(sline),
        sp(
          c,
          [
            'Those are the three average speeds. One thing to confirm before naming anyone: are these net running times, or do they include the breaks?',
          ],
          [
            'That gives the speeds, assuming the times are net running times; if breaks are included the ranking could change, so I would need that detail first.',
          ],
        ),
      ),
  };
}

function city(c: Ctx): Problem | null {
  const r = c.r;
  const cs = r.sample(CITIES, r.pick([3, 3, 4])).map((nm) => {
    const p0 = r.int(8, 80) * 5000;
    const p1 = Math.round((p0 * (1 + r.int(30, 250) / 1000)) / 100) * 100;
    return { nm, p0, p1, inc: p1 - p0, g: ((p1 - p0) / p0) * 100 };
  });
  const bg = [...cs].sort((a, b) => b.g - a.g);
  const bi = [...cs].sort((a, b) => b.inc - a.inc);
  if (bg[0].g - bg[1].g < 0.3 || bi[0].inc === bi[1].inc || bg[0] === bi[0]) return null;
  const best = bg[0];
  const abs = bi[0];
  const core = () =>
    lines(
      ...cs.map((x) =>
        item(
          c,
          sp(
            c,
            [`${x.nm}: ${comma(x.p1)} − ${comma(x.p0)} = ${comma(x.inc)}, and ${comma(x.inc)} / ${comma(x.p0)} ≈ ${f1(x.g)}%`],
            [`${x.nm}: +${comma(x.inc)} on ${comma(x.p0)} → ${f1(x.g)}%`],
          ),
        ),
      ),
      sp(
        c,
        [`Comparing the percentages: ${bg.map((x) => f1(x.g) + '%').join(' > ')}.`],
        [`Ranked: ${bg.map((x) => f1(x.g)).join(', ')} (percent).`],
      ),
    );
  return {
    type: 'city',
    task: 'percent-growth/medium',
    query: `Between 2010 and 2020, ${cs.map((x, i) => `${i === cs.length - 1 ? 'and ' : ''}${x.nm} grew from ${comma(x.p0)} to ${comma(x.p1)} residents`).join(', ')}. Which city had the largest percentage increase in population?`,
    kind: 'name',
    right: best.nm,
    wrong: abs.nm,
    role: 'the city with the largest percentage increase',
    vp: 'had the largest percentage increase',
    goal: 'which city grew the most in percentage terms',
    restate: (c) =>
      sp(
        c,
        [`The populations go ${cs.map((x) => `${comma(x.p0)} → ${comma(x.p1)} (${x.nm})`).join(', ')}.`],
        [`Data: ${cs.map((x) => `${x.nm} ${comma(x.p0)} to ${comma(x.p1)}`).join('; ')}.`],
      ),
    work: (c) =>
      lines(
        sp(
          c,
          ['Percentage increase = (new − old) / old × 100.', 'For each city, the increase divided by the 2010 population:'],
          ['Relative growth: gain over starting population.', 'Work out each gain as a share of the 2010 figure.'],
        ),
        core(),
      ),
    wrongWork: (c) =>
      lines(
        ...cs.map((x) => item(c, sp(c, [`${x.nm} added ${comma(x.inc)} people`], [`${x.nm}: +${comma(x.inc)}`]))),
        `The biggest gain is ${comma(abs.inc)}.`,
      ),
    fix: (c) =>
      lines(
        sp(
          c,
          [
            'But the question asks for the percentage increase, not the number of new residents. A big city can add more people with a smaller relative change.',
          ],
          ['That ranks absolute growth; the question wants percentage growth, so each gain has to be divided by the starting population.'],
        ),
        core(),
      ),
    check: (c) =>
      lines(
        sp(c, ['Growth factors instead:'], ['Via ratios new/old:']),
        ...cs.map((x) => item(c, `${x.nm}: ${comma(x.p1)} / ${comma(x.p0)} ≈ ${(x.p1 / x.p0).toFixed(3)}`)),
        'The largest ratio is the largest percentage increase.',
      ),
    recheck: (c) =>
      sp(
        c,
        [
          `Let me re-read the question: it asks for the percentage increase. ${best.nm}'s ${f1(best.g)}% is above ${bg[1].nm}'s ${f1(bg[1].g)}%, so the ranking stands.`,
        ],
        [
          `Wait, percentage, not absolute, right? Yes, "percentage increase". And ${f1(best.g)}% vs the runner-up's ${f1(bg[1].g)}%, so nothing changes.`,
        ],
      ),
    wrongCheck: (c) =>
      sp(
        c,
        [`Recomputing the gains: ${cs.map((x) => comma(x.inc)).join(', ')}. ${abs.nm}'s ${comma(abs.inc)} is still the largest.`],
        [`Re-subtracting: ${abs.nm} ${comma(abs.p1)} − ${comma(abs.p0)} = ${comma(abs.inc)}, more than the others.`],
      ),
    doubt: (c) =>
      sp(
        c,
        [
          `Hmm, although "largest increase" might just mean the most new residents. ${abs.nm} added ${comma(abs.inc)}, more than any other city.`,
        ],
        [`Hmm, actually maybe the raw increase is what matters: ${abs.nm} gained ${comma(abs.inc)} people, the biggest jump.`],
      ),
    dismiss: (c) =>
      sp(
        c,
        ['Does the time window differ between cities? No, all cover 2010–2020.'],
        ['Same decade for all of them, so nothing to adjust.'],
      ),
    recall: (c) =>
      sp(
        c,
        ["We've already seen that the other cities grew by less in relative terms."],
        ['The others were all lower, as computed above.'],
      ),
    brief: (c, ok) =>
      ok
        ? `Percentage increases: ${cs.map((x) => `${x.nm} ${f1(x.g)}%`).join(', ')}.`
        : `Population gains: ${cs.map((x) => `${x.nm} +${comma(x.inc)}`).join(', ')}.`,
    noAnswer: (c) =>
      lines(
        core(),
        sp(
          c,
          [
            'These are the relative changes. If the populations were rounded, two of them might swap, so I would want the exact census counts before ranking them.',
          ],
          [
            'Those are rough shares only; the figures look rounded to the hundred, and I would rather see the exact counts before calling it.',
          ],
        ),
      ),
  };
}

function day(c: Ctx): Problem | null {
  const r = c.r;
  const d0 = r.int(0, 6);
  const N = r.int(15, 400);
  const fwd = r.chance(0.7);
  const at = (k: number) => DAYS[(((d0 + (fwd ? k : -k)) % 7) + 7) % 7];
  const rem = N % 7;
  const q = Math.floor(N / 7);
  const remW = (N - 1) % 7;
  const right = at(rem);
  const wrong = at(remW);
  const D0 = DAYS[d0];
  const when = fwd ? `${N} days from now` : `${N} days ago`;
  const steps = (k: number, back: boolean) =>
    Array.from({ length: k }, (_, i) => `${DAYS[(((d0 + (back ? -(i + 1) : i + 1)) % 7) + 7) % 7]} (${i + 1})`).join(', ');
  const core = () =>
    lines(
      sp(c, [`${N} = 7 × ${q} + ${rem}.`], [`${N} ÷ 7 = ${q} remainder ${rem}.`]),
      rem > 0 &&
        sp(
          c,
          [`Whole weeks don't change the weekday, so only the ${rem} extra day${rem === 1 ? '' : 's'} matter.`],
          [`Full weeks cancel out; what's left is ${rem}.`],
        ),
      rem > 0
        ? sp(
            c,
            [`Counting ${fwd ? 'forward' : 'back'} ${rem} from ${D0}: ${steps(rem, !fwd)}.`],
            [`Step ${fwd ? '+' : '−'}1 at a time from ${D0}: ${steps(rem, !fwd)}.`],
          )
        : sp(c, ['The remainder is 0, so no extra steps at all.'], ['Zero left over: a whole number of weeks.']),
    );
  const M = rem ? 7 * (q + 1) : N;
  return {
    type: 'day',
    task: N > 200 ? 'calendar/medium' : 'calendar/easy',
    query: fwd
      ? `Today is ${D0}. What day of the week will it be ${N} days from now?`
      : `Today is ${D0}. What day of the week was it ${N} days ago?`,
    kind: 'day',
    right,
    wrong: wrong === right ? null : wrong,
    role: `the day ${when}`,
    vp: '',
    goal: `the weekday ${when}`,
    restate: (c) =>
      sp(
        c,
        [`Starting from ${D0} and going ${N} days ${fwd ? 'forward' : 'back'}.`],
        [`Start: ${D0}. Offset: ${fwd ? '+' : '−'}${N} days.`],
      ),
    work: (c) => lines(sp(c, ['The weekdays repeat every 7 days, so reduce modulo 7.'], ['Work mod 7.']), core()),
    wrongWork: (c) =>
      lines(
        sp(
          c,
          [`Counting today as day 1, the target is ${N - 1} days ${fwd ? 'after' : 'before'} today.`],
          [`Today is day 1, so day ${N} is ${N - 1} steps ${fwd ? 'ahead' : 'back'}.`],
        ),
        `${N - 1} = 7 × ${Math.floor((N - 1) / 7)} + ${remW}.`,
        remW > 0 ? `Counting ${remW} from ${D0}: ${steps(remW, !fwd)}.` : 'No remainder, so the same weekday.',
      ),
    fix: (c) =>
      lines(
        sp(
          c,
          [
            `"${when}" means ${N} steps from today: ${fwd ? 'tomorrow is 1 day from now' : 'yesterday is 1 day ago'}, so today is day 0, not day 1.`,
          ],
          [
            `Counting today as day 1 is the off-by-one trap: ${fwd ? 'tomorrow' : 'yesterday'} is already 1 day away, so the offset is ${N}, not ${N - 1}.`,
          ],
        ),
        core(),
      ),
    check: (c) =>
      rem && c.split === 'heldout'
        ? `Overshoot to the next full week: ${M} = 7 × ${q + 1} lands on ${D0}; then undo ${M - N}: ${steps(M - N, fwd)}.`
        : rem
          ? lines(
              `${M} = 7 × ${q + 1}, so ${M} days ${fwd ? 'from now' : 'ago'} is a ${D0} again.`,
              `${N} is ${M - N} day${M - N === 1 ? '' : 's'} ${fwd ? 'before' : 'after'} that, so step ${fwd ? 'back' : 'forward'} ${M - N} from ${D0}: ${steps(M - N, fwd)}.`,
            )
          : `${N} = 7 × ${q} exactly, a whole number of weeks, so the weekday doesn't move at all.`,
    recheck: (c) =>
      sp(
        c,
        [
          `Wait, let me test the method on a small case: 1 day ${fwd ? 'after' : 'before'} ${D0} is ${at(1)}, and 8 days is ${at(1)} too, so the remainder method holds.`,
        ],
        [`Sanity test of the counting: 7 days ${fwd ? 'on' : 'back'} gives ${D0} again, 9 days gives ${at(2)} — same as 2 days. Fine.`],
      ),
    wrongCheck: (c) =>
      sp(
        c,
        [`Checking: day 1 is today, so days 1, 8, 15, … are all ${D0}s, and ${N} is ${remW} past the last of those.`],
        [
          `Again with today as day 1: ${N - 1} = 7 × ${Math.floor((N - 1) / 7)} + ${remW}, so ${remW} step${remW === 1 ? '' : 's'} from ${D0}.`,
        ],
      ),
    doubt: (c) =>
      sp(
        c,
        [`Hmm, should today count as day 1, though? If so, it's only ${N - 1} days, and ${N - 1} leaves remainder ${remW}.`],
        [`Hmm, wait, maybe the count includes today. Then the offset is ${N - 1}, remainder ${remW}.`],
      ),
    dismiss: (c) =>
      sp(c, ['Does a leap year matter? No, only the number of days does.'], ['Leap years are irrelevant here — we count days, not dates.']),
    recall: (c) => sp(c, [`We already reduced ${N} modulo 7.`], [`The remainder ${rem} was found above.`]),
    brief: (c, ok) =>
      ok
        ? `${N} = 7 × ${q} + ${rem}, so ${rem} day${rem === 1 ? '' : 's'} ${fwd ? 'after' : 'before'} ${D0}.`
        : `Counting today as day 1: ${N - 1} = 7 × ${Math.floor((N - 1) / 7)} + ${remW}.`,
    noAnswer: (c) =>
      sp(
        c,
        [
          `${N} = 7 × ${q} + ${rem}. That reduces it to a short count, but it depends on whether "${when}" counts today; the puzzle isn't clear about that.`,
        ],
        [
          `Mod 7 the offset is ${rem}. Before I step through the week I'd like to know whether today counts as day 1 in this puzzle's convention.`,
        ],
      ),
  };
}

function prime(c: Ctx): Problem | null {
  const r = c.r;
  const isP = r.chance(0.45);
  let N: number;
  let p = 0;
  let q = 0;
  if (isP) N = r.pick(PRIMES.filter((x) => x > 100));
  else {
    p = r.pick([7, 11, 13, 17, 19, 23, 29, 31]);
    q = r.pick(PRIMES.filter((x) => x >= p && p * x >= 100 && p * x < 1000));
    if (!q) return null;
    N = p * q;
    if (PRIMES.filter((x) => x >= 7 && x * x <= N && x !== p).length === 0) return null;
  }
  const root = Math.sqrt(N);
  const maxp = PRIMES.filter((x) => x <= root).pop() as number;
  const trial = PRIMES.filter((x) => x >= 7 && x <= (isP ? maxp : p));
  const ds = String(N)
    .split('')
    .reduce((a, b) => a + Number(b), 0);
  const div = (x: number) => item(c, sp(c, [`${N} ÷ ${x} ≈ ${f2(N / x)}`], [`${N} = ${x} × ${Math.floor(N / x)} + ${N % x}`]));
  const base = () =>
    sp(
      c,
      [`It's odd, the digit sum is ${ds} (not a multiple of 3), and it doesn't end in 0 or 5, so 2, 3 and 5 are out.`],
      [`Not even; digits add to ${ds}, so no factor 3; last digit ${N % 10}, so no 5.`],
    );
  const bound = () =>
    sp(
      c,
      [`√${N} ≈ ${f1(root)}, so I only need primes up to ${maxp}.`],
      [`Only primes ≤ ${maxp} matter (${maxp}² = ${maxp * maxp} ≤ ${N}).`],
    );
  // slip for a prime: a divisor claimed by mistake
  const slipP = trial.length ? [...trial].sort((a, b) => Math.min(N % a, a - (N % a)) - Math.min(N % b, b - (N % b)))[0] : 7;
  const slipK = Math.round(N / slipP);
  const decomp = () =>
    q > 10
      ? `${p} × ${q} = ${p} × ${q - (q % 10)} + ${p} × ${q % 10} = ${p * (q - (q % 10))} + ${p * (q % 10)} = ${N}`
      : `${p} × ${q} = ${N}`;
  const skipped = PRIMES.filter((x) => x >= 7 && x <= maxp && x !== p);
  return {
    type: 'prime',
    task: N > 500 ? 'primality/medium' : 'primality/easy',
    query: r.pick([`Is ${N} a prime number?`, `Is ${N} prime? Answer yes or no.`, `Determine whether ${N} is prime.`]),
    kind: 'yesno',
    right: isP ? 'yes' : 'no',
    wrong: isP ? (trial.length ? 'no' : null) : 'yes',
    role: '',
    vp: '',
    goal: `whether ${N} is prime`,
    claimYes: `${N} is prime`,
    claimNo: `${N} is not prime`,
    restate: (c) => sp(c, [`We need to check divisibility of ${N} by primes.`], [`Trial division on ${N}.`]),
    work: (c) =>
      lines(
        base(),
        bound(),
        ...trial.map((x) => (x === p ? item(c, sp(c, [`${N} ÷ ${p} = ${q} exactly`], [`${N} = ${p} × ${q} + 0`])) : div(x))),
        isP && sp(c, ['None of these divides evenly.'], ['No remainder is zero.']),
      ),
    wrongWork: (c) =>
      isP
        ? lines(base(), bound(), ...trial.filter((x) => x < slipP).map(div), item(c, `${N} ÷ ${slipP} = ${slipK} exactly`))
        : lines(base(), bound(), ...skipped.map(div), sp(c, ['None of these divides evenly.'], ['No remainder is zero.'])),
    fix: (c) =>
      isP
        ? lines(
            `${slipP} × ${slipK} = ${slipP * slipK}, not ${N}, so ${slipP} doesn't divide it after all.`,
            `The remaining primes up to ${maxp} leave remainders too: ${trial.map((x) => `${x} → ${N % x}`).join(', ')}.`,
          )
        : lines(
            sp(c, [`I skipped ${p}. ${N} ÷ ${p} = ${q} exactly, since ${p} × ${q} = ${N}.`], [`I never tried ${p}: ${p} × ${q} = ${N}.`]),
          ),
    check: (_c) =>
      isP
        ? `Remainders mod each prime from 7 to ${maxp}: ${trial.map((x) => `${x}→${N % x}`).join(', ')}; none is 0.`
        : `Multiply back: ${decomp()}.`,
    recheck: (_c) =>
      isP
        ? `Wait, did I miss 7? 7 × ${Math.floor(N / 7)} = ${7 * Math.floor(N / 7)}, remainder ${N % 7}. And 11 × ${Math.floor(N / 11)} = ${11 * Math.floor(N / 11)}, remainder ${N % 11}.`
        : `Wait, does ${p} really divide ${N}? ${decomp()}, so it does.`,
    wrongCheck: (_c) =>
      isP
        ? `Double-checking ${slipP}: ${slipP} × ${slipK} = ${N}, so it divides.`
        : `Let me run the divisions again: ${skipped.map((x) => `${x} leaves ${N % x}`).join(', ')}. Still nothing.`,
    doubt: (c) =>
      isP
        ? sp(c, [`Hmm, what about ${slipP}? ${N} ÷ ${slipP} = ${slipK}, it seems.`], [`Hmm, hold on, ${slipP} × ${slipK} looks like ${N}.`])
        : `Hmm, let me redo ${N} ÷ ${p}: ${p} × ${q} = ${N + p}, so that was off, and ${skipped.slice(0, 3).join(', ')} don't divide it either.`,
    dismiss: (c) => sp(c, [`Could it be even? No, it ends in ${N % 10}.`], [`Even? Not with a last digit of ${N % 10}.`]),
    recall: (c) => sp(c, ['We already ruled out 2, 3 and 5.'], ['The small primes were handled above.']),
    brief: (c, ok) =>
      ok === !isP
        ? isP
          ? `${N} ÷ ${slipP} = ${slipK}.`
          : `${N} = ${p} × ${q}.`
        : isP
          ? `No prime up to √${N} ≈ ${f1(root)} divides ${N}.`
          : `No prime I tried divides ${N}.`,
    noAnswer: (c) =>
      lines(
        base(),
        ...PRIMES.filter((x) => x >= 7 && x < Math.min(p || 14, 14)).map(div),
        sp(
          c,
          [`I'd still need to try the primes up to ${maxp} before deciding.`],
          [`More primes to test, up to ${maxp}; I'll stop here for now.`],
        ),
      ),
  };
}

function train(c: Ctx): Problem | null {
  const r = c.r;
  const v = r.pick([60, 70, 75, 80, 90, 100, 120]);
  const hw = r.int(1, 4);
  const fd = r.pick([2, 3, 4, 5]);
  if ((v * fd) % 10) return null;
  const d = v * hw + (v * fd) / 10;
  const fm = fd * 6;
  const s = r.int(5, 20);
  const dep = r.int(72, 132) * 5;
  const move = hw * 60 + fm;
  const arr = dep + move + s;
  const yes = r.chance(0.5);
  const margin = r.int(3, 15);
  const dl = yes ? arr + margin : arr - margin;
  const arrW = yes ? arr - fm + fd * 10 : arr - s; // misconverted hours, or forgotten stop
  if (yes ? arrW <= dl : arrW >= dl) return null;
  const avail = dl - dep;
  const core = () =>
    lines(
      item(
        c,
        sp(
          c,
          [`Moving time: ${d} / ${v} = ${hw}.${fd} h = ${dur(move)}.`],
          [`${d} km ÷ ${v} km/h = ${hw}.${fd} hours, i.e. ${dur(move)}.`],
        ),
      ),
      item(c, sp(c, [`Plus the ${s}-minute stop: ${dur(move + s)}.`], [`With the stop: ${move} + ${s} = ${move + s} min.`])),
      item(c, sp(c, [`Arrival: ${hm(dep)} + ${dur(move + s)} = ${hm(arr)}.`], [`${hm(dep)} → ${hm(arr)}.`])),
      sp(c, [`Compare ${hm(arr)} with ${hm(dl)}: a gap of ${Math.abs(dl - arr)} minutes.`], [`${hm(arr)} against the ${hm(dl)} mark.`]),
    );
  return {
    type: 'train',
    task: 'travel-time/medium',
    query: `A train leaves at ${hm(dep)} and covers ${d} km at an average speed of ${v} km/h while moving, plus one ${s}-minute stop on the way. Does it arrive before ${hm(dl)}?`,
    kind: 'yesno',
    right: yes ? 'yes' : 'no',
    wrong: yes ? 'no' : 'yes',
    role: '',
    vp: '',
    goal: `whether the train arrives before ${hm(dl)}`,
    claimYes: `the train gets in before ${hm(dl)}`,
    claimNo: `it gets in after ${hm(dl)}`,
    restate: (c) =>
      sp(
        c,
        [`Departure ${hm(dep)}, ${d} km at ${v} km/h, one ${s}-minute stop, deadline ${hm(dl)}.`],
        [`Known: leaves ${hm(dep)}; ${d} km; ${v} km/h; ${s} min stopped; target ${hm(dl)}.`],
      ),
    work: (c) => lines(sp(c, ['Total time = moving time + stop.'], ['Find the arrival time, then compare.']), core()),
    wrongWork: (c) =>
      yes
        ? lines(
            item(c, `Moving time: ${d} / ${v} = ${hw}.${fd} h, so ${hw} h ${fd * 10} min.`),
            item(c, `Plus the ${s}-minute stop, arrival at ${hm(arrW)}.`),
            `${hm(arrW)} vs ${hm(dl)}.`,
          )
        : lines(
            item(c, `Moving time: ${d} / ${v} = ${dur(move)}.`),
            item(c, `Arrival: ${hm(dep)} + ${dur(move)} = ${hm(arrW)}.`),
            `${hm(arrW)} vs ${hm(dl)}.`,
          ),
    fix: (c) =>
      lines(
        yes
          ? sp(
              c,
              [`0.${fd} h is not ${fd * 10} minutes; it's 0.${fd} × 60 = ${fm} minutes.`],
              [`Decimal hours: 0.${fd} × 60 = ${fm} min, not ${fd * 10}.`],
            )
          : sp(c, [`I forgot the ${s}-minute stop.`], [`The ${s}-minute stop is missing from that.`]),
        core(),
      ),
    check: (c) =>
      c.split === 'heldout'
        ? `Budget view: ${hm(dep)}–${hm(dl)} is ${avail} min, ${avail - s} min after the stop; at ${v} km/h that is ${f1((v * (avail - s)) / 60)} km of track, and the trip is ${d} km.`
        : `From ${hm(dep)} to ${hm(dl)} there are ${avail} minutes; minus the ${s}-minute stop that leaves ${avail - s} minutes of running, in which the train covers ${v} × ${avail - s}/60 ≈ ${f1((v * (avail - s)) / 60)} km, against the ${d} km it needs.`,
    recheck: (c) =>
      sp(
        c,
        [
          `Wait, let me redo the clock arithmetic: ${hm(dep)} plus ${hw} h is ${hm(dep + hw * 60)}, plus ${fm + s} more minutes is ${hm(arr)}.`,
        ],
        [`Re-adding by hand: ${hm(dep)} → ${hm(dep + hw * 60)} after ${hw} h → ${hm(arr)} after another ${fm + s} min.`],
      ),
    wrongCheck: (_c) =>
      yes
        ? `Re-adding: ${hm(dep)} + ${hw} h ${fd * 10} min + ${s} min = ${hm(arrW)}.`
        : `Re-adding: ${hm(dep)} + ${dur(move)} = ${hm(arrW)}.`,
    doubt: (_c) =>
      yes
        ? `Hmm, ${hw}.${fd} hours — isn't that ${hw} h ${fd * 10} min? Then the arrival is ${hm(arrW)}.`
        : `Hmm, does the stop really add time? If the ${v} km/h average already covers it, the arrival is ${hm(arrW)}.`,
    dismiss: (c) =>
      sp(
        c,
        ['Could the stop already be inside the average speed? The question lists it separately, so it goes on top.'],
        ['The stop is stated separately from the moving speed, so it simply adds on.'],
      ),
    recall: (c) => sp(c, ['We already have the arrival time.'], ['The arrival time is computed above.']),
    brief: (c, ok) =>
      ok ? `Arrival: ${hm(dep)} + ${dur(move + s)} = ${hm(arr)}, deadline ${hm(dl)}.` : `Arrival: ${hm(arrW)}, deadline ${hm(dl)}.`,
    noAnswer: (c) =>
      sp(
        c,
        [
          `Moving time is ${d}/${v} = ${hw}.${fd} h. Whether it makes it depends on how the ${s}-minute stop is counted, and the timetable convention isn't stated, so I can't settle it without that.`,
        ],
        [
          `${d}/${v} = ${hw}.${fd} h on the move. The stop might or might not be inside the quoted average; I'll leave it there until that's clarified.`,
        ],
      ),
  };
}

function game(c: Ctx): Problem | null {
  const r = c.r;
  const [A, B] = r.sample(NAMES, 2);
  const k = r.int(2, 5);
  const n = r.int(10, 45);
  const m = k + 1;
  const firstR = n % m !== 0;
  const firstW = n % k !== 0;
  if (firstR === firstW) return null;
  const rem = n % m;
  const mults = Array.from({ length: Math.floor(n / m) }, (_, i) => (i + 1) * m);
  const core = () =>
    lines(
      item(
        c,
        sp(
          c,
          [`With 1 to ${k} coins left, the player to move takes them all and wins.`],
          [`1–${k} coins: the mover just takes everything.`],
        ),
      ),
      item(
        c,
        sp(
          c,
          [`With ${m} left, any move leaves 1 to ${k}, so the player to move loses.`],
          [`${m} coins: every move hands the opponent a win, so ${m} is a losing spot.`],
        ),
      ),
      sp(
        c,
        [`So the losing positions are the multiples of ${m}: ${mults.slice(0, 5).join(', ')}${mults.length > 5 ? ', …' : ''}.`],
        [`Losing spots repeat with period ${m}: ${mults.slice(0, 5).join(', ')}${mults.length > 5 ? ', …' : ''}.`],
      ),
      sp(c, [`${n} = ${m} × ${Math.floor(n / m)} + ${rem}.`], [`${n} mod ${m} = ${rem}.`]),
      rem
        ? `${A} takes ${rem}, leaving ${n - rem}, and then answers every move of x coins with ${m} − x.`
        : `${n} is itself a multiple of ${m}, so whatever ${A} takes, ${B} can bring the pile back to a multiple of ${m}.`,
    );
  const wcore = () =>
    lines(
      sp(
        c,
        [`Each round the two players can take up to ${k} coins, so I think the multiples of ${k} are the losing positions.`],
        [`The key number is ${k}: positions that are multiples of ${k} should be losing.`],
      ),
      `${n} = ${k} × ${Math.floor(n / k)} + ${n % k}.`,
      firstW ? `${A} takes ${n % k} and keeps the pile at multiples of ${k}.` : `${n} is a multiple of ${k}, so ${A} is stuck.`,
    );
  return {
    type: 'game',
    task: 'game-theory/medium',
    query: `${A} and ${B} take turns removing 1 to ${k} coins from a pile of ${n} coins; whoever takes the last coin wins. ${A} moves first. Who wins with perfect play?`,
    kind: 'name',
    right: firstR ? A : B,
    wrong: firstW ? A : B,
    role: 'the winner',
    vp: 'wins with perfect play',
    goal: 'who wins the coin game',
    restate: (c) =>
      sp(
        c,
        [`Pile of ${n}, moves of 1 to ${k}, last coin wins, ${A} starts.`],
        [`Setup: ${n} coins, take 1..${k}, taking the last coin wins; ${A} first, ${B} second.`],
      ),
    work: (c) =>
      lines(sp(c, ['Work backwards from small piles.'], ['Classify positions as winning or losing for the player to move.']), core()),
    wrongWork: (_c) => wcore(),
    fix: (c) =>
      lines(
        sp(
          c,
          [
            `With ${k} coins left the player to move just takes all ${k} and wins, so ${k} can't be a losing position. The cycle is ${m}, not ${k}.`,
          ],
          [`Multiples of ${k} can't be losing: from ${k} you take all and win. Let me redo the small cases.`],
        ),
        core(),
      ),
    check: (c) =>
      lines(
        sp(c, ['Tabulating from the bottom (L = lost for the mover):'], ['Table of positions:']),
        `${Array.from({ length: Math.min(n, 2 * m + 1) + 1 }, (_, i) => `${i}:${i % m ? 'W' : 'L'}`).join(' ')} … the pattern repeats every ${m}, and ${n} leaves remainder ${rem}, so ${n} is ${rem ? 'W' : 'L'} for ${A}.`,
      ),
    recheck: (_c) =>
      rem
        ? `Wait, does ${A}'s first move really work? Taking ${rem} leaves ${n - rem} = ${m} × ${(n - rem) / m}, and from a multiple of ${m} ${B} can never reach another one.`
        : `Wait, could ${A} escape? From ${n}, ${A} can leave anything from ${n - k} to ${n - 1}, none of them a multiple of ${m}, so ${B} always gets back to one.`,
    wrongCheck: (_c) =>
      `Checking again: ${n} divided by ${k} leaves ${n % k}, so ${firstW ? `${A} can reach a multiple of ${k}` : `${A} starts on a multiple of ${k}`}.`,
    doubt: (c) =>
      sp(
        c,
        [
          `Hmm, actually maybe the pattern repeats every ${k}, since that's the most one can take. ${n} = ${k} × ${Math.floor(n / k)} + ${n % k}.`,
        ],
        [`Hmm, hold on, isn't the period ${k}? ${n} mod ${k} is ${n % k}.`],
      ),
    dismiss: (c) =>
      sp(c, ['Could a player pass? No, every turn removes at least one coin.'], ['Passing is not allowed, so the analysis stands.']),
    recall: (c) => sp(c, [`We already know the losing positions are the multiples of ${m}.`], [`The losing positions were found above.`]),
    brief: (c, ok) =>
      ok
        ? `Losing positions are the multiples of ${m}; ${n} ${rem ? 'is not' : 'is'} one of them.`
        : `Taking the multiples of ${k} as losing positions, ${n} leaves remainder ${n % k}.`,
    noAnswer: (c) =>
      sp(
        c,
        [
          `With 1 to ${k} coins left the mover wins, and with ${m} left the mover loses. I'd want to check a few more positions before naming the winner for ${n}.`,
        ],
        [`Small piles: 1..${k} win for the mover, ${m} loses. The general pattern needs more cases than I've checked so far.`],
      ),
  };
}

interface Stmt {
  text: string;
  truth: boolean;
  ev(L: string): string;
  slip(L: string): string;
  short: string;
}

function stmt(r: Rng, t: number): Stmt {
  const truth = r.chance(0.5);
  const v = (L: string, b: boolean) => `${L} is ${b ? 'true' : 'false'}`;
  if (t === 0) {
    const base = r.pick([
      [3, 4, 5],
      [5, 12, 13],
      [8, 15, 17],
      [7, 24, 25],
      [20, 21, 29],
      [9, 40, 41],
      [12, 35, 37],
    ]);
    const m = base[0] === 3 ? r.int(2, 6) : 1;
    const [a, b] = [base[0] * m, base[1] * m];
    const cc = base[2] * m + (truth ? 0 : r.pick([-1, 1]));
    const s = a * a + b * b;
    return {
      text: `${a}² + ${b}² = ${cc}².`,
      truth,
      ev: (L) => `${L}: ${a}² + ${b}² = ${a * a} + ${b * b} = ${s}, and ${cc}² = ${cc * cc}, so ${v(L, truth)}.`,
      slip: (L) =>
        truth
          ? `${L}: ${a}² + ${b}² = ${a * a} + ${b * b + 10} = ${s + 10}, and ${cc}² = ${cc * cc}, so ${v(L, false)}.`
          : `${L}: ${a}² + ${b}² = ${a * a} + ${b * b} = ${s}, and ${cc}² = ${s}, so ${v(L, true)}.`,
      short: `${s} vs ${cc * cc}`,
    };
  }
  if (t === 1) {
    const p = r.pick([7, 11, 13, 17, 19, 23]);
    const q = r.int(11, 60);
    const N = p * q + (truth ? 0 : r.pick([1, 2, 3, -1, -2]));
    const k = Math.floor(N / p);
    const slipRem = r.int(1, p - 1);
    return {
      text: `${N} is divisible by ${p}.`,
      truth,
      ev: (L) =>
        truth
          ? `${L}: ${p} × ${q} = ${N}, so ${v(L, true)}.`
          : `${L}: ${p} × ${k} = ${p * k} and ${p} × ${k + 1} = ${p * (k + 1)}, so ${N} is not a multiple of ${p}; ${v(L, false)}.`,
      slip: (L) =>
        truth ? `${L}: ${N} ÷ ${p} leaves remainder ${slipRem}, so ${v(L, false)}.` : `${L}: ${N} ÷ ${p} = ${k} exactly, so ${v(L, true)}.`,
      short: truth ? `${p} × ${q} = ${N}` : `${N} mod ${p} = ${N % p}`,
    };
  }
  if (t === 2) {
    const n = r.int(10, 40);
    const T = (n * (n + 1)) / 2;
    const S = truth ? T : (n * (n - 1)) / 2;
    return {
      text: `1 + 2 + … + ${n} = ${S}.`,
      truth,
      ev: (L) => `${L}: the sum is ${n} · ${n + 1} / 2 = ${T}, ${truth ? 'which matches' : `not ${S}`}, so ${v(L, truth)}.`,
      slip: (L) =>
        `${L}: the sum is ${n} · ${n - 1} / 2 = ${(n * (n - 1)) / 2}, ${truth ? `not ${S}` : 'which matches'}, so ${v(L, !truth)}.`,
      short: `${T} vs ${S}`,
    };
  }
  if (t === 3) {
    const a = r.int(8, 20);
    const P = 2 ** a;
    const X = Math.round((P * (truth ? r.int(90, 98) : r.int(102, 110))) / 100 / 10) * 10;
    return {
      text: `2^${a} > ${comma(X)}.`,
      truth,
      ev: (L) => `${L}: 2^${a} = ${comma(P)}, which is ${truth ? 'more' : 'less'} than ${comma(X)}, so ${v(L, truth)}.`,
      slip: (L) =>
        `${L}: 2^${a} = ${comma(truth ? P / 2 : P * 2)}, which is ${truth ? 'less' : 'more'} than ${comma(X)}, so ${v(L, !truth)}.`,
      short: `${comma(P)} vs ${comma(X)}`,
    };
  }
  const x = r.int(10, 90);
  const y = r.int(10, 90);
  let z = r.int(10, 90);
  z += (3 - ((x + y + z) % 3)) % 3;
  const sum = x + y + z;
  const d = truth ? 0 : r.pick([1, -1]);
  const m = sum / 3 + d;
  return {
    text: `The average of ${x}, ${y} and ${z} is ${m}.`,
    truth,
    ev: (L) => `${L}: ${x} + ${y} + ${z} = ${sum}, and ${sum} / 3 = ${sum / 3}, so ${v(L, truth)}.`,
    slip: (L) => {
      const ss = sum + (truth ? 3 : 3 * d);
      return `${L}: ${x} + ${y} + ${z} = ${ss}, and ${ss} / 3 = ${ss / 3}, so ${v(L, !truth)}.`;
    },
    short: `${sum}/3 = ${sum / 3}`,
  };
}

function multi(c: Ctx): Problem | null {
  const r = c.r;
  const k = r.pick([4, 4, 5]);
  const st = r.sample([0, 1, 2, 3, 4], k).map((t) => stmt(r, t));
  const Ls = 'ABCDE'.slice(0, k).split('');
  const T = Ls.filter((_, i) => st[i].truth);
  if (T.length === 0 || T.length === k) return null;
  const si = r.int(0, k - 1);
  const Lx = Ls[si];
  const W = Ls.filter((L, i) => (i === si ? !st[i].truth : st[i].truth));
  if (!W.length) return null;
  const vt = (c: Ctx, s: string) =>
    c.split === 'dev' ? s : s.replace(/(?:, so|;) ([A-E]) is (true|false)\.$/, (_, L, b) => ` → ${L} ${b === 'true' ? 'holds' : 'fails'}.`);
  const ev = (c: Ctx, slipAt: number) => Ls.map((L, i) => item(c, vt(c, i === slipAt ? st[i].slip(L) : st[i].ev(L))));
  return {
    type: 'multi',
    task: 'multi-select/medium',
    query: `Which of the following statements are correct? ${Ls.map((L, i) => `(${L}) ${st[i].text}`).join(' ')}`,
    kind: 'letters',
    right: T.join(''),
    wrong: W.join(''),
    role: 'the correct statements',
    vp: 'are correct',
    goal: 'which of the statements are correct',
    restate: (c) => sp(c, [`There are ${k} statements; check each one.`], [`${k} claims to verify, one at a time.`]),
    work: (c) => lines(...ev(c, -1)),
    wrongWork: (c) => lines(...ev(c, si)),
    fix: (c) => lines(sp(c, [`Let me redo ${Lx}.`], [`Going back to ${Lx}:`]), vt(c, st[si].ev(Lx))),
    check: (c) =>
      `${sp(c, ['Re-checking each statement:', 'Quick second pass:'], ['Second pass over all of them:', 'Verify each again:'])} ${Ls.map((L, i) => `${L} ${st[i].truth ? '✓' : '✗'} (${st[i].short})`).join(', ')}.`,
    recheck: (c) =>
      `${sp(c, [`Wait, is ${Lx} really ${st[si].truth ? 'true' : 'false'}?`], [`Hmm, ${Lx} is the one I'd most likely get wrong, so once more.`])} ${vt(c, st[si].ev(Lx))}`,
    wrongCheck: (c) => `${sp(c, [`One more look at that statement.`], [`Again, carefully:`])} ${vt(c, st[si].slip(Lx))}`,
    doubt: (c) => `${sp(c, [`Hmm, let me look at ${Lx} once more.`], [`Hmm, actually ${Lx} bothers me.`])} ${vt(c, st[si].slip(Lx))}`,
    dismiss: (c) =>
      sp(
        c,
        ['Could more than one be correct? Yes, the question allows several.'],
        ['Several can be correct at once, so no need to pick just one.'],
      ),
    recall: (c) => sp(c, ['The other statements were settled above.'], ['The rest are as evaluated earlier.']),
    brief: (c, ok) => {
      const good = ok ? T : W;
      return `True: ${good.join(', ')}; false: ${Ls.filter((L) => !good.includes(L)).join(', ')}.`;
    },
    noAnswer: (c) =>
      lines(
        ...ev(c, -1).slice(0, 2),
        sp(
          c,
          [`The remaining ones need more arithmetic; I'll continue once I've double-checked ${Ls[2]}.`],
          [`I'm not confident about ${Ls[2]} yet, so I'll hold off on the selection.`],
        ),
      ),
  };
}

function countLcm(c: Ctx): Problem | null {
  const r = c.r;
  const a = r.int(4, 30);
  const b = r.int(a + 1, 36);
  const g = gcd(a, b);
  const l = (a * b) / g;
  if (g === 1 || l > 99 || l === b) return null;
  const ab = a * b;
  const ms = (x: number) => Array.from({ length: 99 }, (_, i) => i + 1).filter((y) => y >= 10 && y % x === 0);
  const L = ms(l);
  const LW = ms(ab);
  if (L.length > 15 || L.length === LW.length) return null;
  const last = L[L.length - 1];
  return {
    type: 'lcm-count',
    task: 'counting/easy',
    query: `How many two-digit numbers are divisible by both ${a} and ${b}?`,
    kind: 'count',
    right: String(L.length),
    wrong: String(LW.length),
    role: 'the count',
    vp: '',
    noun: r.pick([
      ['such number', 'such numbers'],
      ['two-digit number', 'two-digit numbers'],
    ] as [string, string][]),
    goal: `how many two-digit numbers are multiples of both ${a} and ${b}`,
    restate: (c) => sp(c, [`Two-digit means 10 to 99.`], [`Range: 10..99.`]),
    work: (c) =>
      lines(
        sp(
          c,
          [`gcd(${a}, ${b}) = ${g}, so lcm(${a}, ${b}) = ${a} × ${b} / ${g} = ${l}.`],
          [`lcm(${a}, ${b}) = ${l} (they share a factor ${g}).`],
        ),
        sp(c, [`Divisible by both means divisible by ${l}.`], [`So we want multiples of ${l}.`]),
        `Two-digit multiples of ${l}: ${L.join(', ')}.`,
      ),
    wrongWork: (c) =>
      lines(
        sp(
          c,
          [`Divisible by both ${a} and ${b} means divisible by ${a} × ${b} = ${ab}.`],
          [`Common multiples are multiples of ${a}·${b} = ${ab}.`],
        ),
        LW.length ? `Two-digit multiples of ${ab}: ${LW.join(', ')}.` : `But ${ab} already has ${String(ab).length} digits.`,
      ),
    fix: (c) =>
      lines(
        sp(
          c,
          [
            `${a} and ${b} share the factor ${g}, so the product over-shoots: ${l} is already divisible by both (${l} ÷ ${a} = ${l / a}, ${l} ÷ ${b} = ${l / b}). I need multiples of the lcm, ${l}.`,
          ],
          [`The product only works for coprime numbers; gcd(${a}, ${b}) = ${g}, so use lcm = ${l}.`],
        ),
        `Two-digit multiples of ${l}: ${L.join(', ')}.`,
      ),
    check: (c) =>
      `${sp(c, ['With a formula:', 'Counting by formula instead:'], ['Floor-count check:', 'Another way, by floors:'])} ⌊99/${l}⌋ − ⌊9/${l}⌋ = ${Math.floor(99 / l)} − ${Math.floor(9 / l)} = ${OPEN}${L.length}${CLOSE}.`,
    recheck: (_c) =>
      `Wait, does ${last} really work? ${last} ÷ ${a} = ${last / a} and ${last} ÷ ${b} = ${last / b}, both whole, and the next multiple, ${last + l}, has three digits.`,
    wrongCheck: (_c) =>
      `Re-checking: ${a} × ${b} = ${ab}, and ${LW.length ? `the two-digit multiples of ${ab} are ${LW.join(', ')}` : `${ab} is past 99 already`}.`,
    doubt: (c) =>
      sp(
        c,
        [
          `Hmm, maybe I should just use ${a} × ${b} = ${ab} as the common multiple. ${LW.length ? `Its two-digit multiples: ${LW.join(', ')}.` : `That's beyond 99.`}`,
        ],
        [
          `Hmm, actually isn't "divisible by both" the same as divisible by ${ab}? ${LW.length ? `Then only ${LW.join(', ')}.` : `Then nothing below 100.`}`,
        ],
      ),
    dismiss: (c) => sp(c, ['Do negative numbers count? No, two-digit numbers here are 10 to 99.'], ['Negatives are not meant here.']),
    recall: (c) => sp(c, [`We've already listed every two-digit multiple of ${l}.`], [`The list of multiples of ${l} above is complete.`]),
    brief: (c, ok) =>
      ok ? `lcm(${a}, ${b}) = ${l}; two-digit multiples: ${L.join(', ')}.` : `Multiples of ${ab} in 10–99: ${LW.join(', ') || 'none'}.`,
    noAnswer: (c) =>
      sp(
        c,
        [
          `The common multiples are the multiples of lcm(${a}, ${b}). Before listing them: does the problem count negative two-digit numbers too? That would double everything.`,
        ],
        [`Common multiples = multiples of the lcm. I'm unsure whether −99..−10 should be included, so I'll wait for that before counting.`],
      ),
  };
}

function coins(c: Ctx): Problem | null {
  const r = c.r;
  const [a, b] = r.pick([
    [3, 5],
    [3, 7],
    [4, 7],
    [5, 7],
    [3, 8],
    [5, 9],
    [4, 9],
    [5, 8],
  ]);
  const N = r.int(17, 70);
  const Y = Math.floor(N / b);
  const sols = Array.from({ length: Y + 1 }, (_, y) => y).filter((y) => (N - b * y) % a === 0);
  if (sols.length > 6) return null;
  const both = sols.filter((y) => y > 0 && N - b * y > 0);
  const mech: 'both' | 'slip' = both.length !== sols.length ? 'both' : 'slip';
  const bad = Array.from({ length: Y + 1 }, (_, y) => y).filter((y) => !sols.includes(y));
  const sy = bad.length ? bad[Math.floor(bad.length / 2)] : -1;
  if (mech === 'slip' && sy < 0) return null;
  const srest = sy >= 0 ? N - b * sy : 0;
  const sclaim = srest % a === 1 ? srest - 1 : srest + (a - (srest % a));
  const wrongN = mech === 'both' ? both.length : sols.length + 1;
  const pair = (y: number) => `(${(N - b * y) / a}, ${y})`;
  const row = (c: Ctx, y: number, slip: boolean) => {
    const rest = slip ? sclaim : N - b * y;
    return item(
      c,
      c.split === 'dev'
        ? `y = ${y}: ${N} − ${b * y} = ${rest}${rest % a === 0 ? ` → ${rest / a} coin${rest / a === 1 ? '' : 's'} of ${a}¢ ✓` : `, not a multiple of ${a}`}`
        : `y = ${y} → ${rest}¢ left${rest % a === 0 ? ` = ${a} × ${rest / a} ✓` : ' ✗'}`,
    );
  };
  const valid = (ys: number[]) =>
    ys.length ? (c.split === 'dev' ? `Valid (x, y): ${ys.map(pair).join(', ')}.` : `Solutions found: ${ys.map(pair).join(', ')}.`) : '';
  const y0 = Array.from({ length: a }, (_, y) => y).find((y) => (b * y - N) % a === 0) as number;
  return {
    type: 'coins',
    task: 'counting/medium',
    query: `In how many ways can you pay exactly ${N} cents using only ${a}-cent and ${b}-cent coins? (Only the number of each coin matters.)`,
    kind: 'count',
    right: String(sols.length),
    wrong: String(wrongN),
    role: 'the number of ways',
    vp: '',
    noun: ['way', 'ways'],
    goal: `how many ways there are to make ${N} cents from ${a}¢ and ${b}¢ coins`,
    restate: (c) =>
      sp(
        c,
        [`Let x be the number of ${a}-cent coins and y the number of ${b}-cent coins: ${a}x + ${b}y = ${N}.`],
        [`Solve ${a}x + ${b}y = ${N} in non-negative integers.`],
      ),
    work: (c) =>
      lines(
        sp(c, [`y can go from 0 to ${Y}.`], [`Try each y ≤ ${N}/${b}, i.e. y = 0..${Y}:`]),
        ...Array.from({ length: Y + 1 }, (_, y) => row(c, y, false)),
        valid(sols),
      ),
    wrongWork: (c) =>
      mech === 'both'
        ? lines(
            sp(c, ['We need both kinds of coin, so x ≥ 1 and y ≥ 1.'], ['Using both coin types, y runs from 1 and x must stay positive.']),
            ...Array.from({ length: Y }, (_, i) => row(c, i + 1, false)),
            valid(both),
          )
        : lines(
            sp(c, [`y can go from 0 to ${Y}.`], [`Try y = 0..${Y}:`]),
            ...Array.from({ length: Y + 1 }, (_, y) => row(c, y, y === sy)),
            valid([...sols, sy].sort((p, q) => p - q)).replace(pair(sy), `(${sclaim / a}, ${sy})`),
          ),
    fix: (c) =>
      mech === 'both'
        ? lines(
            sp(
              c,
              [`"Using only ${a}- and ${b}-cent coins" doesn't require both kinds; all-${a} or all-${b} payments count too.`],
              [`Nothing says both coin types must appear, so y = 0 or x = 0 is allowed.`],
            ),
            ...Array.from({ length: Y + 1 }, (_, y) => row(c, y, false)),
            valid(sols),
          )
        : lines(
            sp(
              c,
              [`${N} − ${b * sy} is ${srest}, not ${sclaim}, so y = ${sy} fails.`],
              [`Slip at y = ${sy}: ${N} − ${b * sy} = ${srest}, which isn't a multiple of ${a}.`],
            ),
            valid(sols),
          ),
    check: (c) =>
      `${sp(c, ['Modular check:', 'Check with congruences:'], ['Via residues:', 'Mod check:'])} ${b}y ≡ ${N} (mod ${a}) gives y ≡ ${y0} (mod ${a}); ${sols.length ? `with y ≤ ${Y} that leaves y ∈ {${sols.join(', ')}}.` : `but already y = ${y0} needs ${b * y0}¢, more than ${N}.`}`,
    recheck: (_c) =>
      `Wait, did I miss y = ${Y}? ${N} − ${b * Y} = ${N - b * Y}, ${(N - b * Y) % a === 0 ? 'which is' : 'not'} a multiple of ${a}. And y = ${Y + 1} would need ${b * (Y + 1)}¢, too much.`,
    wrongCheck: (_c) =>
      mech === 'both'
        ? `Re-checking with at least one of each coin: ${both.length ? both.map(pair).join(', ') : 'nothing fits'}.`
        : `Checking y = ${sy} again: ${N} − ${b * sy} = ${sclaim}, divisible by ${a}.`,
    doubt: (_c) =>
      mech === 'both'
        ? `Hmm, though maybe a payment has to use both kinds of coin? Then ${sols
            .filter((y) => !both.includes(y))
            .map(pair)
            .join(' and ')} drop out.`
        : `Hmm, let me redo y = ${sy}: ${N} − ${b * sy} = ${sclaim}, a multiple of ${a}, so that one works too.`,
    dismiss: (c) => sp(c, ['Does the order of coins matter? No, only the counts.'], ['Order is irrelevant here.']),
    recall: (c) => sp(c, [`We've already tried every possible number of ${b}-cent coins.`], [`All values of y were covered.`]),
    brief: (c, ok) =>
      ok
        ? sols.length
          ? `Solutions (x, y) of ${a}x + ${b}y = ${N}: ${sols.map(pair).join(', ')}.`
          : `No y in 0..${Y} makes ${N} − ${b}y a multiple of ${a}.`
        : `Counted solutions of ${a}x + ${b}y = ${N}${mech === 'both' ? ' with both coins used' : ''}.`,
    noAnswer: (c) =>
      lines(
        row(c, 0, false),
        Y >= 1 && row(c, 1, false),
        sp(
          c,
          ['This is getting long; a generating-function argument would be cleaner, but I would need to set it up carefully.'],
          ['Rather than continue by hand, a formula would be safer; I need to think about which one applies.'],
        ),
      ),
  };
}

function plans(c: Ctx): Problem | null {
  const r = c.r;
  const m = r.int(4, 24) * 50;
  const P = [
    { L: 'A', F: r.int(5, 25), rate: r.int(4, 12) },
    { L: 'B', F: r.int(20, 45), rate: r.int(1, 4) },
    { L: 'C', F: r.int(40, 90), rate: 0 },
  ].map((x) => ({ ...x, cost: x.F * 100 + x.rate * m }));
  const s = [...P].sort((a, b) => a.cost - b.cost);
  if (s[1].cost - s[0].cost < 150 || s[2].cost - s[1].cost < 150) return null;
  const best = s[0];
  const X = r.pick(P.filter((x) => x.rate > 0 && x !== best));
  if (!X) return null;
  const slipCost = X.F * 100 + (X.rate * m) / 10;
  if (slipCost >= best.cost - 50) return null;
  const rate = (x: (typeof P)[0]) => `$${(x.rate / 100).toFixed(2)}`;
  const pl = (c: Ctx, x: (typeof P)[0], slip: boolean) => {
    const use = slip ? (x.rate * m) / 10 : x.rate * m;
    if (c.split === 'heldout')
      return item(
        c,
        x.rate
          ? `Plan ${x.L}: ${m} min × ${rate(x)} = ${money(use)}, plus $${x.F} → ${money(x.F * 100 + use)}`
          : `Plan ${x.L}: flat ${money(x.F * 100)}`,
      );
    return item(
      c,
      x.rate
        ? `Plan ${x.L}: $${x.F} + ${m} × ${rate(x)} = $${x.F} + ${money(use)} = ${money(x.F * 100 + use)}`
        : `Plan ${x.L}: ${money(x.F * 100)} flat`,
    );
  };
  const costs = (slip: boolean) => P.map((x) => (slip && x === X ? slipCost : x.cost)).sort((p, q) => p - q);
  const cmp = (c: Ctx, slip: boolean) =>
    sp(c, [`Comparing: ${costs(slip).map(money).join(' < ')}.`], [`Totals in order: ${costs(slip).map(money).join(', ')}.`]);
  return {
    type: 'plans',
    task: 'cost-comparison/easy',
    query: `Plan A costs $${P[0].F} a month plus ${P[0].rate}¢ per minute, Plan B costs $${P[1].F} a month plus ${P[1].rate}¢ per minute, and Plan C is a flat $${P[2].F} a month. For ${m} minutes a month, which plan is cheapest?`,
    kind: 'option',
    right: best.L,
    wrong: X.L,
    prefix: 'Plan',
    role: 'the cheapest plan',
    vp: 'is the cheapest',
    goal: `which plan is cheapest at ${m} minutes`,
    restate: (c) => sp(c, [`At ${m} minutes a month, compute each monthly bill.`], [`Usage: ${m} min/month. Bill = fee + rate × minutes.`]),
    work: (c) => lines(...P.map((x) => pl(c, x, false)), cmp(c, false)),
    wrongWork: (c) => lines(...P.map((x) => pl(c, x, x === X)), cmp(c, true)),
    fix: (c) =>
      lines(
        sp(
          c,
          [`${m} × ${rate(X)} is ${money(X.rate * m)}, not ${money((X.rate * m) / 10)}; I slipped a decimal place.`],
          [`Decimal slip on Plan ${X.L}: ${X.rate}¢ × ${m} = ${X.rate * m}¢ = ${money(X.rate * m)}.`],
        ),
        pl(c, X, false),
        cmp(c, false),
      ),
    check: (c) =>
      lines(
        sp(c, ['Check by differences against the other plans:'], ['Pairwise differences:']),
        ...P.filter((x) => x !== best).map((x) =>
          item(
            c,
            `Plan ${x.L} − Plan ${best.L}: (${x.F} − ${best.F}) × $1 + (${x.rate} − ${best.rate})¢ × ${m} = ${money(x.cost - best.cost)}`,
          ),
        ),
        sp(c, ['Both differences are positive.'], ['All positive.']),
      ),
    recheck: (c) =>
      sp(
        c,
        [
          `Let me re-read the rates: ${P[0].rate}¢ and ${P[1].rate}¢ per minute, ${m} minutes. Plan ${best.L} comes to ${money(best.cost)}, against ${money(s[1].cost)} for the next one.`,
        ],
        [`Wait, ${m} minutes, right? Yes. Then Plan ${best.L} is ${money(best.cost)} and the runner-up ${money(s[1].cost)}.`],
      ),
    wrongCheck: (_c) => `Re-checking Plan ${X.L}: ${m} × ${rate(X)} = ${money((X.rate * m) / 10)}, plus $${X.F} is ${money(slipCost)}.`,
    doubt: (c) =>
      sp(
        c,
        [`Hmm, let me redo Plan ${X.L}: ${m} × ${rate(X)} = ${money((X.rate * m) / 10)}, so its total is ${money(slipCost)}.`],
        [`Hmm, actually Plan ${X.L} might be lower: $${X.F} + ${money((X.rate * m) / 10)} = ${money(slipCost)}.`],
      ),
    dismiss: (c) => sp(c, ['Are there taxes or setup fees? None are mentioned.'], ['No extra fees are given, so nothing else to add.']),
    recall: (c) => sp(c, ['The other two plans came out higher.'], ['The others cost more, per the totals above.']),
    brief: (c, ok) =>
      `Monthly totals at ${m} minutes: ${P.map((x) => `Plan ${x.L} ${money(!ok && x === X ? slipCost : x.cost)}`).join(', ')}.`,
    noAnswer: (c) =>
      sp(
        c,
        [
          `Plan C is flat, so it's $${P[2].F}. For A and B it depends on the per-minute charges; I'll leave the comparison until we confirm whether the ${m} minutes include weekend calls, which some plans price differently.`,
        ],
        [
          `Plan C: $${P[2].F}. Plans A and B scale with usage; without knowing if the ${m} minutes are all billable I'd rather not rank them yet.`,
        ],
      ),
  };
}

const MAKERS: [(c: Ctx) => Problem | null, number][] = [
  [race, 12],
  [city, 9],
  [day, 12],
  [prime, 12],
  [train, 9],
  [game, 10],
  [multi, 12],
  [countLcm, 8],
  [coins, 8],
  [plans, 10],
];

// ---------------------------------------------------------------------------------------------
// Phrasing templates (dev | heldout halves)

const TPL = {
  dev: {
    gen: ['So the answer is {V}.', '**Answer:** {V}', 'Therefore, the answer is {V}.', 'The answer should be {V}.'],
    name: ['So {V} {VP}.', 'That makes {V} {R}.', 'Therefore {R} is {V}.', 'So {R} is {V}.'],
    day: ['So {R} is a {V}.', 'That lands on a {V}.', 'So we end on a {V}.'],
    letters1: ['So the only correct statement is {V}.', 'Only {V} is correct.'],
    lettersN: ['So the correct statements are {V}.', 'The true ones are {V}.', 'So {V} are correct.'],
    count: ['So there are {V} {N}.', "That's {V} {N} in total.", 'So the count is {V}.'],
    yesno: ['So the answer is {y}: {C}.', '{Y}, {C}.', '**Answer:** {Y}, {C}.', 'Therefore {y}: {C}.'],
    echo: ['Same answer: {V}.', 'Both ways give {V}.', 'So again, the answer is {V}.'],
    echoYN: ['Same conclusion: {y}, {C}.', 'So again {y}: {C}.'],
    draft: ["So I'll write: the answer is {V}.", 'Final answer: {V}'],
    draftYN: ["So I'll answer {y}: {C}."],
    sum: ['**Answer:** {V}', 'So the answer is **{V}**.'],
    sumYN: ['**Answer:** {Y} — {C}.', 'So the answer is **{y}**.'],
  },
  heldout: {
    gen: ['Hence the answer: {V}.', 'Final answer: {V}', 'That gives {V} as the answer.', 'The answer is therefore {V}.'],
    name: ['Hence {R} is {V}.', 'Conclusion: {V} {VP}.', 'It follows that {V} {VP}.', '→ {V} {VP}.'],
    day: ['Hence {R} is {V}.', 'Counting that far gets us to {V}.', '→ {V}.'],
    letters1: ['Hence just {V} holds.', 'Only statement {V} survives.'],
    lettersN: ['Hence {V} are correct.', 'The correct ones: {V}.', 'Statements {V} hold.'],
    count: ['Hence {V} {N}.', 'Altogether: {V} {N}.', 'The total comes to {V}.'],
    yesno: ['Hence {y} — {C}.', 'Final answer: {Y}', 'So, {y}: {C}.', 'Conclusion: {y}, {C}.'],
    echo: ['Consistent: {V} again.', 'Confirmed, it is {V}.', 'Matches: {V}.'],
    echoYN: ['Consistent: {y} again, {C}.', 'Confirmed: {y}.'],
    draft: ['Answer to give: {V}.', 'Final answer: \\boxed{{V}}'],
    draftYN: ['Answer to give: {y}.'],
    sum: ['The final answer is $\\boxed{{V}}$.', '**Final answer:** {V}'],
    sumYN: ['The final answer is $\\boxed{{Y}}$.', '**Final answer:** {Y}, {C}.'],
  },
};

const PHR = {
  dev: {
    introT: ['Okay, so I need to figure out {G}.', 'Alright, let me work out {G}.', "Let's see. The question asks {G}."],
    introC: ["Let's work out {G}.", "To find {G}, let's go step by step.", '## Solution\n\nWe want {G}.'],
    correct: ["Wait, that's not right.", 'Hold on.', 'Hmm, wait.'],
    correctYN: ["Wait, that's not right.", 'Hold on.', 'Hmm, wait.'],
    checkIntro: ['Let me double-check this another way.', 'Let me verify.', 'Let me make sure with a different approach.'],
    bare: ['Yes, that seems right.', 'That makes sense.', 'Okay, that checks out.'],
    bareYN: ['That seems right.', 'That makes sense.'],
    waitRight: ['Wait, is that right? Yes.', 'Hmm, is that right? I think so.'],
    waitRightYN: ['Hmm, is that right? I think so.'],
    hesitate: ['Hmm, let me be careful with the numbers here.', 'Wait, let me keep the order straight.'],
    close: ['', 'Let me know if you want the full working.'],
  },
  heldout: {
    introT: ['Hmm, the question wants {G}.', 'So the task: {G}.', 'First, what exactly is being asked? Basically {G}.'],
    introC: ['We need {G}.', 'Goal: determine {G}.', '**Approach.** Find {G}.'],
    correct: ['Actually, no.', 'Hmm, hang on.', 'Oops.'],
    correctYN: ['Hmm, hang on.', 'Oops.', 'Scratch that.'],
    checkIntro: ['Cross-check:', 'Sanity check by a different route.', 'To be safe, recompute another way.'],
    bare: ['Looks consistent.', 'Good.', 'Seems solid.'],
    bareYN: ['Looks consistent.', 'Good.'],
    waitRight: ['Is that correct? I believe so.', 'Right? Right.'],
    waitRightYN: ['Is that correct? I believe so.'],
    hesitate: ['Hmm — careful with the arithmetic here.', 'Wait, units first.'],
    close: ['', 'Hope this helps.'],
  },
};

function fmtLetters(v: string, style: number): string {
  const xs = v.split('');
  if (xs.length === 1) return xs[0];
  if (style === 3) return v;
  if (style === 2) return xs.join(', ');
  if (xs.length === 2) return `${xs[0]} and ${xs[1]}`;
  return xs.slice(0, -1).join(', ') + (style === 1 ? ', and ' : ' and ') + xs[xs.length - 1];
}

/** Renders a template; the answer value is wrapped in markers when `marked`. */
function render(tpl: string, c: Ctx, p: Problem, v: string, marked: boolean, lstyle = c.lstyle): string {
  const m = (s: string) => (marked ? OPEN + s + CLOSE : s);
  let V: string;
  if (p.kind === 'option') V = `${p.prefix} ${m(v)}`;
  else if (p.kind === 'letters') V = m(fmtLetters(v, lstyle));
  else if (p.kind === 'count') {
    const n = Number(v);
    V = m(c.digits ? v : n === 0 ? (tpl.includes('{V} {N}') ? 'no' : 'zero') : WORDS[n]);
  } else V = m(v);
  const noun = p.noun ? (v === '1' ? p.noun[0] : p.noun[1]) : '';
  if (p.kind === 'count' && v === '1') tpl = tpl.replace('there are', 'there is');
  return tpl
    .replace(/\{V\}/g, () => V)
    .replace(/\{R\}/g, () => p.role)
    .replace(/\{VP\}/g, () => p.vp)
    .replace(/\{N\}/g, () => noun)
    .replace(/\{Y\}/g, () => m(cap(v)))
    .replace(/\{y\}/g, () => m(v))
    .replace(/\{C\}/g, () => (v === 'yes' ? (p.claimYes ?? '') : (p.claimNo ?? '')));
}

function conclTpl(c: Ctx, p: Problem, v: string, echo: boolean): string {
  const T = TPL[c.split];
  if (p.kind === 'yesno') return c.r.pick(echo ? T.echoYN : c.think && c.r.chance(0.15) ? T.draftYN : T.yesno);
  if (echo && c.r.chance(0.6)) return c.r.pick(T.echo);
  if (!echo && c.think && c.r.chance(0.15)) return c.r.pick(T.draft);
  const own =
    p.kind === 'name' || p.kind === 'option'
      ? T.name
      : p.kind === 'day'
        ? T.day
        : p.kind === 'count'
          ? T.count
          : v.length === 1
            ? T.letters1
            : T.lettersN;
  return c.r.pick(c.r.chance(0.6) ? own : T.gen);
}

const concl = (c: Ctx, p: Problem, v: string, echo = false) => render(conclTpl(c, p, v, echo), c, p, v, true);
const restate = (c: Ctx, p: Problem, v: string) => render(conclTpl(c, p, v, false), c, p, v, false);

/** Merging material after a candidate: no new work. */
function tail(c: Ctx, p: Problem, v: string): string {
  const P = PHR[c.split];
  const yn = p.kind === 'yesno';
  const k = c.r.int(0, 6);
  if (k === 0) return c.r.pick(yn ? P.bareYN : P.bare);
  if (k === 1) return restate(c, p, v);
  if (k === 2) return `${c.r.pick(yn ? P.waitRightYN : P.waitRight)} ${restate(c, p, v)}`;
  if (k === 3 && v === p.right) return `${p.dismiss(c)} ${restate(c, p, v)}`;
  if (k === 4 && v === p.right) return `${p.recall(c)} ${restate(c, p, v)}`;
  if (k === 5 && c.think) return render(c.r.pick(yn ? TPL[c.split].draftYN : TPL[c.split].draft), c, p, v, false);
  return '';
}

function withHesitation(c: Ctx, text: string): string {
  if (!c.r.chance(0.3)) return text;
  const ls = text.split('\n');
  if (ls.length < 3) return text;
  const at = c.r.int(1, ls.length - 1);
  ls.splice(at, 0, c.r.pick(PHR[c.split].hesitate));
  return ls.join('\n');
}

function cut(c: Ctx, text: string): string {
  const plain = text.includes(OPEN) ? text.slice(0, text.indexOf(OPEN)) : text;
  const spaces: number[] = [];
  for (let i = Math.floor(plain.length * 0.3); i < Math.floor(plain.length * 0.85); i++) if (plain[i] === ' ') spaces.push(i);
  return spaces.length ? plain.slice(0, c.r.pick(spaces)) : plain.slice(0, Math.floor(plain.length / 2));
}

type Scen = 'R' | 'RE' | 'WR' | 'WRE' | 'W' | 'WE' | 'RW' | 'TA' | 'TB' | 'NA';
const SCEN: [Scen, number][] = [
  ['R', 30],
  ['RE', 15],
  ['WR', 14],
  ['WRE', 6],
  ['W', 7],
  ['WE', 3],
  ['RW', 4],
  ['TA', 5],
  ['TB', 3],
  ['NA', 3],
];

function weighted<T>(r: Rng, xs: [T, number][]): T {
  let t = r.next() * xs.reduce((a, x) => a + x[1], 0);
  for (const [x, w] of xs) if ((t -= w) < 0) return x;
  return xs[xs.length - 1][0];
}

function parse(marked: string): { body: string; cands: PhrasingCandidate[] } {
  let body = '';
  const cands: PhrasingCandidate[] = [];
  let i = 0;
  while (i < marked.length) {
    const o = marked.indexOf(OPEN, i);
    if (o < 0) {
      body += marked.slice(i);
      break;
    }
    body += marked.slice(i, o);
    const e = marked.indexOf(CLOSE, o);
    const value = marked.slice(o + 1, e);
    cands.push({ value, offset: body.length });
    body += value;
    i = e + 1;
  }
  return { body, cands };
}

function one(seed: number, split: Split): PhrasingRecord & { scen: Scen } {
  const r = new Rng(seed);
  const c: Ctx = { r, split, think: r.chance(0.5), lstyle: r.int(0, 3), digits: r.chance(0.2) };
  let p: Problem | null = null;
  while (!p) p = weighted(r, MAKERS)(c);
  let scen = weighted(r, SCEN);
  if (!p.wrong || p.wrong === p.right) scen = scen === 'TB' || scen === 'NA' ? scen : r.chance(0.6) ? 'R' : 'RE';
  if (scen === 'NA') c.think = false;
  const P = PHR[split];
  const paras: string[] = [];
  const G = p.goal;
  paras.push(
    r.pick(c.think ? P.introT : P.introC).replace('{G}', G) + (r.chance(0.7) ? (r.chance(0.5) ? ' ' : '\n\n') + p.restate(c) : ''),
  );
  const R = p.right;
  const W = p.wrong ?? R;
  const add = (s: string) => s && paras.push(s);
  const attach = (s: string) => {
    if (!s) return;
    const prev = paras[paras.length - 1];
    if (r.chance(0.4)) paras[paras.length - 1] += (c.think && /[.:)]$/.test(prev) ? ' ' : '\n') + s;
    else paras.push(s);
  };
  const checkBlock = (v: string, check: string) => {
    add(`${r.pick(P.checkIntro)}${c.think ? ' ' : '\n'}${check}`);
    if (check.includes(OPEN)) attach(r.chance(0.5) ? restate(c, p as Problem, v) : '');
    else attach(concl(c, p as Problem, v, true));
  };
  const first = (v: string) => {
    add(withHesitation(c, v === R ? p!.work(c) : p!.wrongWork(c)));
    attach(concl(c, p!, v));
  };
  const fixTo = () => {
    add(`${r.pick(p!.kind === 'yesno' ? P.correctYN : P.correct)}${c.think ? ' ' : '\n'}${p!.fix(c)}`);
    attach(concl(c, p!, R));
  };
  let truncated = false;
  let last = R;
  switch (scen) {
    case 'R':
      first(R);
      attach(tail(c, p, R));
      break;
    case 'RE':
      first(R);
      if (r.chance(0.3)) attach(tail(c, p, R));
      if (r.chance(0.6)) checkBlock(R, p.check(c));
      else attach(`${p.recheck(c)} ${concl(c, p, R, true)}`);
      if (r.chance(0.15)) attach(`${p.recheck(c)} ${concl(c, p, R, true)}`);
      break;
    case 'WR':
    case 'WRE':
      first(W);
      if (r.chance(0.25)) attach(tail(c, p, W));
      fixTo();
      if (scen === 'WRE') checkBlock(R, p.check(c));
      else if (r.chance(0.4)) attach(tail(c, p, R));
      break;
    case 'W':
      first(W);
      attach(tail(c, p, W));
      last = W;
      break;
    case 'WE':
      first(W);
      add(`${r.pick(P.checkIntro)}${c.think ? ' ' : '\n'}${p.wrongCheck(c)} ${concl(c, p, W, true)}`);
      last = W;
      break;
    case 'RW':
      first(R);
      add(`${p.doubt(c)} ${concl(c, p, W)}`);
      if (r.chance(0.3)) attach(tail(c, p, W));
      last = W;
      break;
    case 'TA': {
      const v = r.chance(0.7) ? R : W;
      first(v);
      add(
        `${r.pick(v === R ? P.checkIntro : p.kind === 'yesno' ? P.correctYN : P.correct)}${c.think ? ' ' : '\n'}${cut(c, v === R ? p.check(c) : p.fix(c))}`,
      );
      truncated = true;
      break;
    }
    case 'TB':
      add(cut(c, p.work(c)));
      truncated = true;
      break;
    case 'NA':
      add(p.noAnswer(c));
      break;
  }
  let text = paras.join('\n\n');
  let final: string | null = null;
  if (c.think) {
    const heldout = split === 'heldout';
    text = (heldout ? '<|begin_of_thought|>\n\n' : '<think>\n') + text;
    if (!truncated) {
      const T = TPL[split];
      const sum = render(r.pick(p.kind === 'yesno' ? T.sumYN : T.sum), c, p, last, true, r.chance(0.5) ? 3 : c.lstyle);
      const s = parse(sum);
      final = s.cands[0].value;
      const summary = `${p.brief(c, last === R)}${r.chance(0.5) ? ' ' : '\n\n'}${s.body}`;
      text += heldout ? `\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n${summary}\n\n<|end_of_solution|>` : `\n</think>\n\n${summary}`;
    }
  } else if (!truncated && scen !== 'NA' && r.chance(0.2)) text += '\n\n' + r.pick(P.close);
  const { body, cands } = parse(text.trimEnd());
  if (!c.think && !truncated && cands.length) final = cands[cands.length - 1].value;
  const headers: Record<string, string> = { query: p.query, answer: p.right, task: p.task };
  if (truncated) headers.truncated = 'true';
  return { id: '', headers, body, candidates: cands, final, scen };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const rec = one((Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b) ^ (split === 'dev' ? 0x1234 : 0xbeef)) >>> 0, split);
    const { scen: _scen, ...plain } = rec;
    out.push({ ...plain, id: `${family}-${split}-${seed}-${i}` });
  }
  return out;
}
