// Phrasing family "code-output-terse": CRUXEval / LiveCodeBench-style output prediction answered
// tersely: [THOUGHT] ... [/THOUGHT] [OUTPUT] ... [/OUTPUT] templates, a one-line trace then the
// value ("Output: True", "returns None"), sometimes JSON-like values, with wrong first attempts
// that a one-line correction fixes, checks that reach the value again, and cut-off responses.
// Self-contained: no imports. Labels follow docs/annotation-guide.md.

export const family = 'code-output-terse';

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

function weighted<T>(r: Rng, xs: [T, number][]): T {
  let t = r.next() * xs.reduce((a, x) => a + x[1], 0);
  for (const [x, w] of xs) if ((t -= w) < 0) return x;
  return xs[xs.length - 1][0];
}

interface Ctx {
  r: Rng;
  split: Split;
  think: boolean;
}

const OPEN = '\u27e6';
const CLOSE = '\u27e7';

function sp<T>(c: Ctx, dev: readonly T[], held: readonly T[]): T {
  return c.r.pick(c.split === 'dev' ? dev : held);
}

// Python reprs (the strings here never contain quotes or backslashes).
const S = (s: string) => `'${s}'`;
const L = (xs: (string | number)[]) => `[${xs.join(', ')}]`;
const D = (kv: [string, string | number][]) => `{${kv.map(([k, v]) => `${S(k)}: ${v}`).join(', ')}}`;
const T = (xs: (string | number)[]) => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`);

/** One loop iteration of a trace, phrased per split. */
function it(c: Ctx, i: number, what: string, state: string): string {
  return c.split === 'dev' ? `i=${i}: ${what}${state ? ` → ${state}` : ''}` : `- pass ${i + 1}, ${what}${state ? `; now ${state}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Problems: a short Python function, a call, the returned value (Python repr), a plausible
// wrong value, and the pieces of a trace. No piece states the returned value as a conclusion.

type Kind = 'str' | 'list' | 'dict' | 'tuple' | 'bool' | 'none' | 'num' | 'nested';

interface Prob {
  name: string;
  kind: Kind;
  code: string;
  call: string;
  args: string; // "s = 'abc'"
  right: string;
  wrong: string;
  what: string; // verb phrase: "upper-cases the characters at even indices"
  steps: string[]; // a correct trace
  wsteps: string[]; // a flawed trace leading to `wrong`
  slip: string; // spots the flaw (no conclusion)
  alt: string[]; // another route to the result (no conclusion)
  recheck: string; // a re-check in words of one detail (no conclusion)
  doubt: string; // after the right value, talks itself into the wrong one (no conclusion)
  one: string; // one-line trace, correct
  wone: string; // one-line trace, flawed
}

const WORDS = ['python', 'banana', 'cat42', 'hello', 'data7x', 'kiwi', 'abc1d', 'lambda', 'graph', 'node9', 'queue', 'stack'];
const up = (ch: string) => ch.toUpperCase();

function evenUpper(c: Ctx): Prob | null {
  const s = c.r.pick(WORDS);
  const build = (par: number) => {
    let out = '';
    const st: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const hit = i % 2 === par;
      out += hit ? up(s[i]) : s[i];
      const last = i === s.length - 1;
      st.push(
        it(
          c,
          i,
          `'${s[i]}' ${hit ? (/[a-z]/.test(s[i]) ? 'upper-cased' : 'stays (a digit has no case)') : 'kept as is'}`,
          last ? '' : `out = ${S(out)}`,
        ),
      );
    }
    return { out, st };
  };
  const a = build(0);
  const b = build(1);
  if (a.out === b.out) return null;
  return {
    name: 'evenUpper',
    kind: 'str',
    code: `def f(s):\n    out = ''\n    for i, ch in enumerate(s):\n        if i % 2 == 0:\n            out += ch.upper()\n        else:\n            out += ch\n    return out`,
    call: `f(${S(s)})`,
    args: `s = ${S(s)}`,
    right: S(a.out),
    wrong: S(b.out),
    what: 'upper-cases the characters at even indices',
    steps: a.st,
    wsteps: [sp(c, ['The first character is position 1, which is odd.'], ['Index 1 is the first one, odd.']), ...b.st],
    slip: sp(
      c,
      ['enumerate starts at 0, and 0 % 2 == 0, so the first character is one of the upper-cased ones.'],
      ['I had the parity flipped: i begins at 0, which is even, so the upper-casing starts with the first character.'],
    ),
    alt: [
      `Even indices are 0, 2, 4, ...: the characters ${[...s]
        .filter((_, i) => i % 2 === 0)
        .map(S)
        .join(', ')}.`,
      'Upper-casing just those and leaving the rest in place.',
    ],
    recheck: `Index 0: 0 % 2 == 0 is True, so '${s[0]}' becomes '${up(s[0])}'; index 1 stays '${s[1]}'.`,
    doubt: sp(
      c,
      ['Hmm, but does enumerate count from 1 here? Then the odd positions would be the upper-cased ones.'],
      ['Hmm, wait, maybe i starts at 1, which would shift the upper-casing to the other characters.'],
    ),
    one: `even indices upper-cased: ${[...s].map((ch, i) => (i % 2 === 0 ? up(ch) : ch)).join(' ')}`,
    wone: `odd indices upper-cased: ${[...s].map((ch, i) => (i % 2 === 1 ? up(ch) : ch)).join(' ')}`,
  };
}

function evenSquares(c: Ctx): Prob | null {
  const r = c.r;
  const n = r.int(4, 6);
  const empty = r.chance(0.25);
  const nums = Array.from({ length: n }, () => (empty ? 2 * r.int(0, 4) + 1 : r.int(1, 9)));
  const evens = nums.filter((x) => x % 2 === 0);
  if (!empty && (evens.length === 0 || evens.length === n)) return null;
  const right = L(evens.map((x) => x * x));
  const forgot = empty || r.chance(0.5);
  const wrong = forgot ? L(nums.map((x) => x * x)) : L(evens);
  const coll: number[] = [];
  const steps = nums.map((x, i) => {
    if (x % 2 === 0) coll.push(x * x);
    return it(c, i, `x=${x}, ${x} % 2 = ${x % 2}`, x % 2 === 0 ? `keep, square ${x * x}` : 'skip');
  });
  const wsteps = forgot
    ? [sp(c, ['Squaring each element:'], ['Each x becomes x * x:']), ...nums.map((x, i) => it(c, i, `x=${x}`, `${x * x}`))]
    : [
        sp(c, ['Filtering the even ones:'], ['Keeping x where x % 2 == 0:']),
        ...nums.map((x, i) => it(c, i, `x=${x}`, x % 2 === 0 ? 'keep' : 'skip')),
      ];
  return {
    name: 'evenSquares',
    kind: 'list',
    code: `def f(nums):\n    return [x * x for x in nums if x % 2 == 0]`,
    call: `f(${L(nums)})`,
    args: `nums = ${L(nums)}`,
    right,
    wrong,
    what: 'squares the even numbers and drops the odd ones',
    steps: [...steps, empty ? 'Nothing passes the filter.' : `Collected squares: ${coll.join(', ')}.`],
    wsteps,
    slip: forgot
      ? sp(
          c,
          ['I ignored the `if x % 2 == 0` filter; odd numbers are dropped before squaring.'],
          ['the comprehension has a filter, so odd x never gets squared at all.'],
        )
      : sp(
          c,
          ['I kept the even numbers but forgot the `x * x` part: each kept value is squared.'],
          ['the expression is x * x, not x, so the kept numbers are squared.'],
        ),
    alt: [
      `Even elements: ${evens.length ? evens.join(', ') : 'none'}.`,
      evens.length ? `Their squares: ${evens.map((x) => `${x}² = ${x * x}`).join(', ')}.` : 'So there is nothing to square.',
    ],
    recheck: `Let me re-check the filter: ${nums.map((x) => `${x} is ${x % 2 ? 'odd' : 'even'}`).join(', ')}.`,
    doubt: forgot
      ? sp(
          c,
          ['Hmm, actually, is the filter applied after squaring? Squares of odd numbers are odd too, so maybe everything gets squared.'],
          ['Hmm, maybe the condition only picks what to square and the rest still end up in the list, squared.'],
        )
      : sp(
          c,
          ['Hmm, actually, maybe x * x is only there for the test and the list keeps the original values.'],
          ['Hmm, wait, maybe the comprehension keeps the original x, not x * x.'],
        ),
    one: `evens ${evens.length ? evens.join(', ') : '(none)'} → squared`,
    wone: forgot ? `squares of all: ${nums.map((x) => x * x).join(', ')}` : `evens kept: ${evens.join(', ')}`,
  };
}

const COUNT_WORDS = ['abca', 'hello', 'banana', 'level', 'noon', 'aabc', 'book', 'mama', 'kayak', 'array', 'teeth', 'eerie'];

function charCount(c: Ctx): Prob | null {
  const s = c.r.pick(COUNT_WORDS);
  const d = new Map<string, number>();
  const steps: string[] = [];
  [...s].forEach((ch, i) => {
    d.set(ch, (d.get(ch) ?? 0) + 1);
    steps.push(it(c, i, `ch='${ch}'`, `d['${ch}'] = ${d.get(ch)}`));
  });
  const kv = [...d.entries()];
  const top = [...kv].sort((a, b) => b[1] - a[1])[0][0];
  const lastIdx = s.lastIndexOf(top);
  const wkv: [string, number][] = kv.map(([k, v]) => [k, k === top ? v - 1 : v]);
  const wsteps = steps.filter((_, i) => i !== lastIdx);
  return {
    name: 'charCount',
    kind: 'dict',
    code: `def f(s):\n    d = {}\n    for ch in s:\n        d[ch] = d.get(ch, 0) + 1\n    return d`,
    call: `f(${S(s)})`,
    args: `s = ${S(s)}`,
    right: D(kv),
    wrong: D(wkv),
    what: 'counts each character, keys in order of first appearance',
    steps,
    wsteps,
    slip: sp(
      c,
      [`I skipped the '${top}' at index ${lastIdx}. '${top}' occurs ${d.get(top)} times in ${S(s)}.`],
      [`I lost one '${top}': position ${lastIdx} is a '${top}' too, so its count is ${d.get(top)}.`],
    ),
    alt: [
      `Counting directly in ${S(s)}: ${kv.map(([k, v]) => `'${k}' × ${v}`).join(', ')}.`,
      `Total ${s.length} characters, and ${kv.reduce((a, x) => a + x[1], 0)} counted.`,
    ],
    recheck: `Let me recount '${top}' in ${S(s)}: positions ${[...s]
      .map((ch, i) => (ch === top ? i : -1))
      .filter((i) => i >= 0)
      .join(', ')}, so ${d.get(top)} of them.`,
    doubt: `Hmm, wait, the last '${top}' at index ${lastIdx}: maybe I double-counted it and '${top}' only appears ${d.get(top)! - 1} times.`,
    one: kv.map(([k, v]) => `'${k}'×${v}`).join(' '),
    wone: wkv.map(([k, v]) => `'${k}'×${v}`).join(' '),
  };
}

const ROT = ['ab12cd', 'hello42', 'x9y8z7', 'code2024', 'py3thon', 'room 7b', 'v2 beta'];

function rotate(c: Ctx): Prob | null {
  const s = c.r.pick(ROT);
  const n = c.r.int(1, 3);
  const right = s.slice(n) + s.slice(0, n);
  const wrong = s.slice(-n) + s.slice(0, -n);
  if (right === wrong) return null;
  return {
    name: 'rotate',
    kind: 'str',
    code: `def f(s, n):\n    return s[n:] + s[:n]`,
    call: `f(${S(s)}, ${n})`,
    args: `s = ${S(s)}, n = ${n}`,
    right: S(right),
    wrong: S(wrong),
    what: 'moves the first n characters to the end',
    steps: [
      `s[${n}:] = ${S(s.slice(n))} (from index ${n} on)`,
      `s[:${n}] = ${S(s.slice(0, n))} (the first ${n})`,
      'and the return concatenates them in that order.',
    ],
    wsteps: [`s[${n}:] is the last ${n}: ${S(s.slice(-n))}`, `s[:${n}] is the rest: ${S(s.slice(0, -n))}`, 'concatenated in that order.'],
    slip: sp(
      c,
      [`s[${n}:] is everything from index ${n} to the end, not the last ${n} characters (that would be s[-${n}:]).`],
      [`I read s[${n}:] as s[-${n}:]. s[${n}:] drops the first ${n} characters and keeps the rest.`],
    ),
    alt: [
      `Rotating left by ${n}: the first ${n} characters ${S(s.slice(0, n))} go to the back.`,
      `What remains in front is ${S(s.slice(n))}.`,
    ],
    recheck: `Let me double-check the slicing: s[${n}] is '${s[n]}', so s[${n}:] starts with '${s[n]}', and s[:${n}] is ${S(s.slice(0, n))}.`,
    doubt: `Hmm, but maybe s[${n}:] means the last ${n} characters, ${S(s.slice(-n))}, moved to the front.`,
    one: `s[${n}:] = ${S(s.slice(n))}, s[:${n}] = ${S(s.slice(0, n))}`,
    wone: `last ${n} = ${S(s.slice(-n))} moved to the front of ${S(s.slice(0, -n))}`,
  };
}

function sumRising(c: Ctx): Prob | null {
  const r = c.r;
  const n = r.int(5, 6);
  const nums = Array.from({ length: n }, () => r.int(1, 9));
  const k = r.int(1, n - 1);
  nums[k] = nums[k - 1];
  let right = 0;
  let wrong = 0;
  const steps: string[] = [];
  const wsteps: string[] = [];
  for (let i = 1; i < n; i++) {
    const a = nums[i] > nums[i - 1];
    const b = nums[i] >= nums[i - 1];
    if (a) right += nums[i];
    if (b) wrong += nums[i];
    steps.push(it(c, i, `${nums[i]} > ${nums[i - 1]}? ${a ? 'yes' : 'no'}`, `total = ${right}`));
    wsteps.push(it(c, i, `${nums[i]} vs ${nums[i - 1]}: ${b ? 'not smaller, add' : 'smaller, skip'}`, `total = ${wrong}`));
  }
  if (right === wrong) return null;
  return {
    name: 'sumRising',
    kind: 'num',
    code: `def f(nums):\n    total = 0\n    for i in range(1, len(nums)):\n        if nums[i] > nums[i - 1]:\n            total += nums[i]\n    return total`,
    call: `f(${L(nums)})`,
    args: `nums = ${L(nums)}`,
    right: String(right),
    wrong: String(wrong),
    what: 'adds up every element that is larger than the one before it',
    steps,
    wsteps,
    slip: sp(
      c,
      [`The comparison is strict: at i=${k}, ${nums[k]} > ${nums[k - 1]} is False, so ${nums[k]} is not added.`],
      [`${nums[k]} > ${nums[k - 1]} is False (equal is not greater), so pass ${k} adds nothing.`],
    ),
    alt: [
      `Rising steps: ${
        nums
          .map((x, i) => (i > 0 && x > nums[i - 1] ? `${nums[i - 1]}→${x}` : ''))
          .filter(Boolean)
          .join(', ') || 'none'
      }.`,
      `Adding the larger element of each: ${nums.filter((x, i) => i > 0 && x > nums[i - 1]).join(' + ') || 'nothing'}.`,
    ],
    recheck: `Wait, the pair at i=${k} is ${nums[k - 1]}, ${nums[k]}: equal, and > is strict, so it's skipped.`,
    doubt: `Hmm, but ${nums[k]} isn't smaller than ${nums[k - 1]}, so maybe it counts as rising and gets added.`,
    one: `rising elements: ${nums.filter((x, i) => i > 0 && x > nums[i - 1]).join(', ') || 'none'}`,
    wone: `non-falling elements: ${nums.filter((x, i) => i > 0 && x >= nums[i - 1]).join(', ')}`,
  };
}

const WLIST = ['sun', 'moon', 'star', 'sky', 'cloud', 'rain', 'snow', 'wind', 'tree', 'leaf', 'rock', 'river', 'lake', 'hill'];

function longest(c: Ctx): Prob | null {
  const r = c.r;
  const words = r.sample(WLIST, r.int(3, 5));
  const lens = words.map((w) => w.length);
  const m = Math.max(...lens);
  const first = lens.indexOf(m);
  const last = lens.lastIndexOf(m);
  if (first === last) return null;
  return {
    name: 'longest',
    kind: 'tuple',
    code: `def f(words):\n    lengths = [len(w) for w in words]\n    return (max(lengths), lengths.index(max(lengths)))`,
    call: `f(${L(words.map(S))})`,
    args: `words = ${L(words.map(S))}`,
    right: T([m, first]),
    wrong: T([m, last]),
    what: 'returns the longest length and where it first occurs',
    steps: [`lengths = ${L(lens)}`, `max(lengths) = ${m}`, `lengths.index(${m}) gives the first position of ${m}: ${first}`],
    wsteps: [`lengths = ${L(lens)}`, `max(lengths) = ${m}`, `${m} sits at index ${last} (${S(words[last])})`],
    slip: sp(
      c,
      [
        `There's a tie: ${S(words[first])} and ${S(words[last])} both have length ${m}, and .index returns the first occurrence, index ${first}.`,
      ],
      [`.index finds the FIRST match, and ${S(words[first])} at index ${first} already has length ${m}.`],
    ),
    alt: [
      `Scanning left to right for length ${m}: ${words.map((w, i) => `${i}:${w.length}`).join(', ')}.`,
      `The first hit is at index ${first}.`,
    ],
    recheck: `Both ${S(words[first])} and ${S(words[last])} have ${m} letters; list.index stops at the first one, index ${first}.`,
    doubt: `Hmm, but ${S(words[last])} also has ${m} letters; maybe the later one is what counts.`,
    one: `lengths ${L(lens)}, max ${m}, first at ${first}`,
    wone: `lengths ${L(lens)}, max ${m} at ${last}`,
  };
}

const PAL_T = ['Never odd or even', 'Top spot', 'Race car', 'No lemon, no melon', 'Step on no pets', 'Was it a car or a cat I saw'];
const PAL_F = ['level1', 'abca', 'Palindrome', 'racecars', 'noon 2'];

function palindrome(c: Ctx): Prob | null {
  const yes = c.r.chance(0.55);
  const s = c.r.pick(yes ? PAL_T : PAL_F);
  const t = s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const rev = [...t].reverse().join('');
  if ((t === rev) !== yes) return null;
  const naive = s.toLowerCase();
  return {
    name: 'palindrome',
    kind: 'bool',
    code: `def f(s):\n    t = ''.join(ch for ch in s.lower() if ch.isalnum())\n    return t == t[::-1]`,
    call: `f(${S(s)})`,
    args: `s = ${S(s)}`,
    right: yes ? 'True' : 'False',
    wrong: yes ? 'False' : 'True',
    what: 'checks whether the letters and digits read the same both ways',
    steps: [
      `s.lower() = ${S(naive)}`,
      `keeping only alphanumerics: t = ${S(t)}`,
      `t[::-1] = ${S(rev)}`,
      yes ? 'The two strings match.' : 'They differ.',
    ],
    wsteps: yes
      ? [`s.lower() = ${S(naive)}`, `reversed: ${S([...naive].reverse().join(''))}`, 'The spaces end up in different places.']
      : [
          `t = ${S(t)}`,
          `The ends match: '${t[0]}' and '${t[t.length - 1] === t[0] ? t[t.length - 1] : t[0]}'.`,
          'It reads the same from the outside in.',
        ],
    slip: yes
      ? sp(
          c,
          ['I compared the string with its spaces. The generator drops every non-alphanumeric character first.'],
          ['the spaces and punctuation are filtered out by isalnum() before comparing.'],
        )
      : sp(
          c,
          [`I only compared the ends. The full reverse of ${S(t)} is ${S(rev)}, which is different.`],
          [`checking only the outer characters isn't enough: ${S(t)} reversed is ${S(rev)}.`],
        ),
    alt: [
      `Comparing t[i] with t[-1-i]: ${[...t]
        .slice(0, Math.ceil(t.length / 2))
        .map((ch, i) => `${ch}/${t[t.length - 1 - i]}`)
        .join(' ')}.`,
    ],
    recheck: `Let me re-read the filter: isalnum() keeps letters and digits only, so t = ${S(t)}.`,
    doubt: yes
      ? `Hmm, but the original string ${S(s)} has spaces; reversed, they don't line up.`
      : `Hmm, wait, ${S(t)} starts and ends alike; maybe it does read the same.`,
    one: `t = ${S(t)}, reversed ${S(rev)}`,
    wone: yes ? `${S(naive)} vs its reverse with the spaces kept` : `${S(t)}: first and last characters agree`,
  };
}

function noneRet(c: Ctx): Prob | null {
  const r = c.r;
  if (r.chance(0.6)) {
    const nums = Array.from({ length: r.int(3, 4) }, () => r.int(1, 20));
    const x = r.int(0, 20);
    const sorted = [...nums, x].sort((a, b) => a - b);
    return {
      name: 'sortNone',
      kind: 'none',
      code: `def f(nums, x):\n    nums.append(x)\n    return nums.sort()`,
      call: `f(${L(nums)}, ${x})`,
      args: `nums = ${L(nums)}, x = ${x}`,
      right: 'None',
      wrong: L(sorted),
      what: 'appends x and returns the result of nums.sort()',
      steps: [`after append: nums = ${L([...nums, x])}`, 'nums.sort() sorts the list in place', 'and list.sort() itself returns None.'],
      wsteps: [`after append: nums = ${L([...nums, x])}`, `sorted: ${sorted.join(', ')}`],
      slip: sp(
        c,
        ['list.sort() sorts in place and returns None; the function returns that return value, not the list.'],
        ['`return nums.sort()` hands back what sort() returns, and sort() returns None.'],
      ),
      alt: ['sorted(nums) would return a new list, but nums.sort() is the in-place method.', 'Its return value is what f returns.'],
      recheck: 'Let me double-check: `return nums.sort()`, not `return nums`, so it returns what .sort() returns.',
      doubt: 'Hmm, but the list does get sorted, and that sorted list is what the caller wants to see.',
      one: 'append, then return nums.sort() (in place, returns None)',
      wone: `append ${x}, sort: ${sorted.join(', ')}`,
    };
  }
  const keys = r.sample(['a', 'b', 'c', 'x', 'y', 'k'], 3);
  const vals = keys.map(() => r.int(0, 9));
  const k = r.pick(['z', 'q', 'key', 'n']);
  return {
    name: 'getNone',
    kind: 'none',
    code: `def f(d, k):\n    return d.get(k)`,
    call: `f(${D(keys.map((kk, i) => [kk, vals[i]]))}, ${S(k)})`,
    args: `k = ${S(k)}`,
    right: 'None',
    wrong: '0',
    what: 'looks the key up with dict.get',
    steps: [`keys of d: ${keys.map(S).join(', ')}`, `${S(k)} is not among them`, 'and get() with no default falls back to None.'],
    wsteps: [`${S(k)} is missing from d`, 'so get() falls back to the default count, 0.'],
    slip: sp(
      c,
      ['dict.get has no default here, and the implicit default is None, not 0.'],
      ['there is no second argument to get(), so the fallback is None.'],
    ),
    alt: [`d[${S(k)}] would raise KeyError; .get(${S(k)}) instead returns its default.`, 'No default is passed.'],
    recheck: `Let me re-read the call: d.get(k) with one argument, and ${S(k)} is not a key.`,
    doubt: 'Hmm, but get() usually returns 0 for a missing count.',
    one: `${S(k)} not in d, get() default`,
    wone: `${S(k)} not in d, counts default to 0`,
  };
}

function chunks(c: Ctx): Prob | null {
  const r = c.r;
  const n = r.int(2, 3);
  const len = r.int(4, 7);
  if (len % n === 0) return null;
  const xs = Array.from({ length: len }, (_, i) => i + 1 + r.int(0, 1) * 10);
  const parts: number[][] = [];
  for (let i = 0; i < len; i += n) parts.push(xs.slice(i, i + n));
  const full = parts.filter((p) => p.length === n);
  return {
    name: 'chunks',
    kind: 'nested',
    code: `def f(xs, n):\n    return [xs[i:i + n] for i in range(0, len(xs), n)]`,
    call: `f(${L(xs)}, ${n})`,
    args: `xs = ${L(xs)}, n = ${n}`,
    right: L(parts.map((p) => L(p))),
    wrong: L(full.map((p) => L(p))),
    what: 'splits xs into slices of length n',
    steps: [
      `range(0, ${len}, ${n}) gives i = ${parts.map((_, k) => k * n).join(', ')}`,
      ...parts.map((p, k) => it(c, k * n, `xs[${k * n}:${k * n + n}]`, L(p))),
    ],
    wsteps: [
      `${len} elements in groups of ${n}: ${full.length} full groups`,
      ...full.map((p, k) => it(c, k * n, `xs[${k * n}:${k * n + n}]`, L(p))),
      'the leftover does not make a full group.',
    ],
    slip: sp(
      c,
      [
        `range(0, ${len}, ${n}) also yields i = ${(parts.length - 1) * n}, and xs[${(parts.length - 1) * n}:${(parts.length - 1) * n + n}] is the short slice ${L(parts[parts.length - 1])}; slicing past the end doesn't drop it.`,
      ],
      [`the last i is ${(parts.length - 1) * n}, and a slice running past the end just stops there, giving ${L(parts[parts.length - 1])}.`],
    ),
    alt: [`${len} = ${full.length} × ${n} + ${len % n}, so ${full.length} full chunks and one of length ${len % n}.`],
    recheck: `Let me double-check the last index: ${(parts.length - 1) * n} < ${len}, so range includes it.`,
    doubt: `Hmm, but the last group has only ${len % n} element${len % n > 1 ? 's' : ''}; maybe a short chunk is not produced.`,
    one: `i = ${parts.map((_, k) => k * n).join(', ')}; last slice short`,
    wone: `${full.length} full chunks of ${n}`,
  };
}

const PHRASES = ['room 42 is open', 'hello big world', 'one two 3', 'a b c d', 'the cat sat', 'red 7 blue', 'go to 10 now'];

function revWords(c: Ctx): Prob | null {
  const s = c.r.pick(PHRASES);
  const w = s.split(' ');
  const right = [...w].reverse().join(' ');
  const wrong = [...s].reverse().join('');
  if (right === wrong) return null;
  return {
    name: 'revWords',
    kind: 'str',
    code: `def f(text):\n    words = text.split()\n    return ' '.join(words[::-1])`,
    call: `f(${S(s)})`,
    args: `text = ${S(s)}`,
    right: S(right),
    wrong: S(wrong),
    what: 'reverses the order of the words',
    steps: [`words = ${L(w.map(S))}`, `words[::-1] = ${L([...w].reverse().map(S))}`, 'joined with single spaces.'],
    wsteps: [
      `text[::-1] reverses the characters: ${[...s]
        .reverse()
        .map((ch) => (ch === ' ' ? '␣' : ch))
        .join('')}`,
    ],
    slip: sp(
      c,
      ['The slice is on the list of words, not on the string, so each word keeps its spelling.'],
      ['words[::-1] reverses a list of words; the letters inside each word are untouched.'],
    ),
    alt: [`Last word first: ${w[w.length - 1]}, then ${[...w].reverse().slice(1).join(', then ')}.`],
    recheck: `Let me double-check: split() gives ${w.length} words and [::-1] flips the list, not the characters.`,
    doubt: 'Hmm, but [::-1] reverses characters when applied to a string.',
    one: `words ${L(w.map(S))} reversed`,
    wone: 'characters reversed',
  };
}

function digitSum(c: Ctx): Prob | null {
  const s = c.r.pick(['a1b22c3', 'x10y5', 'r2d2', 'c3po', 'b12z', 'k9 l 11', 'v8q4q']);
  const ds = [...s].filter((ch) => /\d/.test(ch)).map(Number);
  const right = ds.reduce((a, b) => a + b, 0);
  const wrong = (s.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0);
  if (right === wrong) return null;
  let acc = 0;
  return {
    name: 'digitSum',
    kind: 'num',
    code: `def f(s):\n    return sum(int(c) for c in s if c.isdigit())`,
    call: `f(${S(s)})`,
    args: `s = ${S(s)}`,
    right: String(right),
    wrong: String(wrong),
    what: 'adds up the digit characters',
    steps: [...s].filter((ch) => /\d/.test(ch)).map((ch, i) => it(c, i, `digit '${ch}'`, `running sum ${(acc += Number(ch))}`)),
    wsteps: [`the numbers in the string: ${(s.match(/\d+/g) ?? []).join(', ')}`, `adding them: ${(s.match(/\d+/g) ?? []).join(' + ')}`],
    slip: sp(
      c,
      ['The generator goes character by character, so a run like 22 is two digits, 2 and 2, not the number 22.'],
      ['it iterates over single characters; multi-digit runs are summed digit by digit.'],
    ),
    alt: [`Digits in order: ${ds.join(', ')}.`, `${ds.join(' + ')}.`],
    recheck: `Let me double-check the digits of ${S(s)}: ${ds.join(', ')}, each int() of one character.`,
    doubt: `Hmm, but ${(s.match(/\d{2,}/) ?? [''])[0]} looks like one number; maybe it's read as a whole.`,
    one: `digits ${ds.join('+')}`,
    wone: `numbers ${(s.match(/\d+/g) ?? []).join('+')}`,
  };
}

function keepDigits(c: Ctx): Prob | null {
  const empty = c.r.chance(0.35);
  const s = c.r.pick(empty ? ['hello', 'abc', 'no digits', 'xyz'] : ['ab2c0d24', 'y2k', 'r1s2t3', 'v7.0 beta', 'id 0042', 'a5b0']);
  const ds = [...s].filter((ch) => /\d/.test(ch)).join('');
  const right = S(ds);
  const wrong = empty ? 'None' : String(Number(ds));
  if (right === wrong) return null;
  return {
    name: 'keepDigits',
    kind: 'str',
    code: `def f(s):\n    return ''.join(c for c in s if c.isdigit())`,
    call: `f(${S(s)})`,
    args: `s = ${S(s)}`,
    right,
    wrong,
    what: 'keeps only the digit characters',
    steps: [
      `digit characters of ${S(s)}: ${ds ? [...ds].map(S).join(', ') : 'none'}`,
      ds ? 'joined into one string.' : 'joining an empty sequence.',
    ],
    wsteps: empty
      ? [`no character of ${S(s)} is a digit`, 'so join has nothing to return.']
      : [`digits: ${[...ds].join(', ')}`, 'which form the number.'],
    slip: empty
      ? sp(
          c,
          ["''.join of an empty generator is the empty string, not None."],
          ['join always returns a str; with nothing to join it is the empty string.'],
        )
      : sp(c, ["''.join returns a string, not an int, and the leading zeros stay."], ['join gives a str; nothing converts it to int.']),
    alt: [`Filtering ${S(s)} with isdigit(): ${ds ? [...ds].join(' ') : 'nothing survives'}.`, "''.join(...) always produces a str."],
    recheck: `Let me re-check the return type: ''.join(...) is a str.`,
    doubt: empty ? 'Hmm, but with no digits at all, maybe there is nothing to return.' : 'Hmm, but digits joined together make a number.',
    one: `digits: ${ds ? [...ds].join(', ') : '(none)'}, joined as a str`,
    wone: empty ? 'no digits, nothing returned' : `digits ${[...ds].join(', ')} read as a number`,
  };
}

function zipDict(c: Ctx): Prob | null {
  const r = c.r;
  const keys = r.sample(['a', 'b', 'c', 'd', 'id', 'x', 'name'], r.int(3, 4));
  const vals = Array.from({ length: keys.length - 1 }, () => r.int(0, 9));
  const right = D(keys.slice(0, -1).map((k, i) => [k, vals[i]]));
  const wrong = D(keys.map((k, i) => [k, i < vals.length ? vals[i] : 'None']));
  return {
    name: 'zipDict',
    kind: 'dict',
    code: `def f(keys, vals):\n    return dict(zip(keys, vals))`,
    call: `f(${L(keys.map(S))}, ${L(vals)})`,
    args: `keys = ${L(keys.map(S))}, vals = ${L(vals)}`,
    right,
    wrong,
    what: 'pairs keys with values',
    steps: [
      ...vals.map((v, i) => it(c, i, `pair (${S(keys[i])}, ${v})`, '')),
      `vals runs out, so ${S(keys[keys.length - 1])} gets no pair.`,
    ],
    wsteps: [...vals.map((v, i) => it(c, i, `pair (${S(keys[i])}, ${v})`, '')), `${S(keys[keys.length - 1])} has no value left, so None.`],
    slip: sp(
      c,
      ['zip stops at the shorter input; it does not pad with None (that is itertools.zip_longest).'],
      ['zip truncates to the shorter list, so the extra key is dropped.'],
    ),
    alt: [`${keys.length} keys, ${vals.length} values: zip yields ${vals.length} pairs.`],
    recheck: `Let me double-check the lengths: ${keys.length} keys against ${vals.length} values, and zip stops at ${vals.length}.`,
    doubt: `Hmm, but ${S(keys[keys.length - 1])} is still a key; maybe it gets None.`,
    one: `zip stops after ${vals.length} pairs`,
    wone: `${S(keys[keys.length - 1])} paired with None`,
  };
}

function collatz(c: Ctx): Prob | null {
  let n = c.r.int(3, 12);
  const n0 = n;
  const st: string[] = [];
  const seq: number[] = [];
  let k = 0;
  while (n !== 1) {
    const m = n % 2 === 0 ? n / 2 : 3 * n + 1;
    k++;
    st.push(c.split === 'dev' ? `n=${n} → ${m} (steps=${k})` : `${n} ${n % 2 ? 'odd' : 'even'} → ${m}, count ${k}`);
    n = m;
    seq.push(m);
  }
  if (k > 20) return null;
  return {
    name: 'collatz',
    kind: 'num',
    code: `def f(n):\n    steps = 0\n    while n != 1:\n        n = n // 2 if n % 2 == 0 else 3 * n + 1\n        steps += 1\n    return steps`,
    call: `f(${n0})`,
    args: `n = ${n0}`,
    right: String(k),
    wrong: String(k + 1),
    what: 'counts Collatz steps down to 1',
    steps: st,
    wsteps: [...st, sp(c, ['and one more for reaching 1.'], ['plus the final 1 itself.'])],
    slip: sp(
      c,
      ['The loop stops as soon as n == 1; reaching 1 adds no extra step.'],
      ['the while test fails at n == 1, nothing more is counted.'],
    ),
    alt: [`The sequence: ${[n0, ...seq].join(', ')}.`, 'Counting the arrows between the terms.'],
    recheck: 'Let me double-check the stopping rule: `while n != 1`, and steps is incremented once per transformation.',
    doubt: 'Hmm, but maybe the final 1 counts as a step too.',
    one: `${[n0, ...seq].join(' → ')}`,
    wone: `${n0} → ... → 1, counting the 1`,
  };
}

function filterDict(c: Ctx): Prob | null {
  const r = c.r;
  const keys = r.sample(['a', 'b', 'c', 'x', 'y', 'apple', 'kiwi', 'fig'], r.int(3, 4));
  const t = r.int(3, 6);
  const empty = r.chance(0.3);
  const vals = keys.map(() => (empty ? r.int(0, t) : r.int(0, 9)));
  vals[r.int(0, keys.length - 1)] = t;
  const kv: [string, number][] = keys.map((k, i) => [k, vals[i]]);
  const right = D(kv.filter(([, v]) => v > t));
  const wrong = D(kv.filter(([, v]) => v >= t));
  if (right === wrong || (!empty && right === '{}')) return null;
  return {
    name: 'filterDict',
    kind: 'dict',
    code: `def f(d, t):\n    return {k: v for k, v in d.items() if v > t}`,
    call: `f(${D(kv)}, ${t})`,
    args: `t = ${t}`,
    right,
    wrong,
    what: `keeps the entries whose value exceeds t`,
    steps: kv.map(([k, v], i) => it(c, i, `${S(k)}: ${v} > ${t}? ${v > t ? 'yes' : 'no'}`, '')),
    wsteps: kv.map(([k, v], i) => it(c, i, `${S(k)}: ${v} ${v >= t ? 'reaches' : 'is below'} ${t}`, '')),
    slip: sp(c, [`The test is v > ${t}, strict, so a value equal to ${t} is dropped.`], [`${t} > ${t} is False; equal values don't pass.`]),
    alt: [
      `Values above ${t}: ${
        kv
          .filter(([, v]) => v > t)
          .map(([k]) => S(k))
          .join(', ') || 'none'
      }.`,
    ],
    recheck: `Let me re-check the entry equal to ${t}: ${t} > ${t} is False, so it is left out.`,
    doubt: `Hmm, but the entry with value ${t} is at the threshold; maybe it's kept.`,
    one: `values > ${t}: ${
      kv
        .filter(([, v]) => v > t)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || 'none'
    }`,
    wone: `values ≥ ${t}: ${kv
      .filter(([, v]) => v >= t)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  };
}

const MAKERS: [(c: Ctx) => Prob | null, number][] = [
  [evenUpper, 10],
  [evenSquares, 10],
  [charCount, 9],
  [rotate, 9],
  [sumRising, 7],
  [longest, 8],
  [palindrome, 9],
  [noneRet, 8],
  [chunks, 9],
  [revWords, 9],
  [digitSum, 7],
  [keepDigits, 9],
  [zipDict, 8],
  [collatz, 7],
  [filterDict, 8],
];

function problem(c: Ctx): Prob {
  for (;;) {
    const p = weighted(c.r, MAKERS)(c);
    if (p && p.right !== p.wrong) return p;
  }
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

/** Cuts text (before any marked value) at a space between 30% and 85% of its length. */
function cut(c: Ctx, text: string): string {
  const plain = text.includes(OPEN) ? text.slice(0, text.indexOf(OPEN)) : text;
  const spaces: number[] = [];
  for (let i = Math.floor(plain.length * 0.3); i < Math.floor(plain.length * 0.85); i++) if (plain[i] === ' ') spaces.push(i);
  return spaces.length ? plain.slice(0, c.r.pick(spaces)) : plain.slice(0, Math.floor(plain.length / 2));
}

function query(c: Ctx, p: Prob): string {
  return c.r.chance(0.5)
    ? `What does f return for ${p.call}?\n\n${p.code}`
    : `Given the following Python function, complete the assertion with the exact output.\n\n${p.code}\n\nassert ${p.call} == ??`;
}

type Scen = 'R' | 'RE' | 'WR' | 'WRE' | 'W' | 'WE' | 'RW' | 'TA' | 'TB' | 'NA';

// ---------------------------------------------------------------------------------------------
// Phrasing templates (dev | heldout halves). {O}: one-line trace; {V}: marked value; {v}: the
// same value unmarked (a restatement that merges); {C}: the call.

const FMT = {
  dev: [
    '[THOUGHT]\n{O}\n[/THOUGHT]\n[OUTPUT]\nassert {C} == {V}\n[/OUTPUT]',
    '[THOUGHT]\n{O}, so f returns {V}.\n[/THOUGHT]\n[OUTPUT]\nassert {C} == {v}\n[/OUTPUT]',
    '{O}\nOutput: {V}',
    '{O} → {C} returns {V}',
    '`{C}`: {O}.\nReturns {V}.',
  ],
  heldout: [
    '[THOUGHT] {O} [/THOUGHT]\n[ANSWER] {C} == {V} [/ANSWER]',
    'Trace: {O}.\nResult: {V}',
    '{O}; {C} evaluates to {V}.',
    '# {O}\n{C}  # -> {V}',
    '<reasoning>{O}; the value is {V}.</reasoning>\n<answer>{v}</answer>',
  ],
};

const PHR = {
  dev: {
    fix: ['Wait — {S}', 'Correction: {S}', 'No, wait. {S}'],
    check: ['Check: {A} Still {V}.', 'Double-check: {R} So it is {V}.', 'Verify by hand: {A}\nOutput: {V}'],
    wcheck: ['Check: {O}. Still {V}.', 'Double-check: {O}. Output: {V}'],
    doubt: ['{D} So {C} returns {V}.', '{D}\nOutput: {V}'],
    bare: ['✓', 'Done.'],
    noAns: [
      '[THOUGHT]\nThe function {W}. With {A} it has to be traced one step at a time.\n[/THOUGHT]',
      'f {W}. Tracing {A} needs the loop unrolled.',
    ],
  },
  heldout: {
    fix: ['Hmm, no: {S}', 'Fix: {S}', 'Scratch that. {S}'],
    check: ['Verify: {A} ⇒ {V}.', 'Re-verify: {R} Output stays {V}.', 'Sanity: {A}\nResult: {V}'],
    wcheck: ['Verify: {O} ⇒ {V}.', 'Re-verify: {O}; result {V}.'],
    doubt: ['{D} Then it gives {V}.', '{D}\nResult: {V}'],
    bare: ['(verified)', 'OK.'],
    noAns: ['[THOUGHT] f {W}; the input is {A}, and each pass changes the state. [/THOUGHT]', 'Trace: f {W}, starting from {A}.'],
  },
};

interface TCtx extends Ctx {
  json: boolean;
}

function shown(c: TCtx, v: string): string {
  return c.json ? v.replace(/'/g, '"') : v;
}

function render(c: TCtx, tpl: string, p: Prob, v: string, o: string, marked = true): string {
  const sv = shown(c, v);
  const V = marked ? OPEN + sv + CLOSE : sv;
  return tpl
    .replace(/\{O\}/g, () => o)
    .replace(/\{V\}/g, () => V)
    .replace(/\{v\}/g, () => sv)
    .replace(/\{C\}/g, () => p.call)
    .replace(/\{W\}/g, () => p.what)
    .replace(/\{A\}/g, () => p.args);
}

const SCEN: [Scen, number][] = [
  ['R', 32],
  ['RE', 13],
  ['WR', 20],
  ['WRE', 6],
  ['W', 7],
  ['WE', 3],
  ['RW', 4],
  ['TA', 7],
  ['TB', 4],
  ['NA', 4],
];

function one(seed: number, split: Split): PhrasingRecord {
  const r = new Rng(seed);
  const c: TCtx = { r, split, think: false, json: false };
  const p = problem(c);
  c.json = ['list', 'dict', 'nested', 'str'].includes(p.kind) && r.chance(0.25);
  const scen = weighted(r, SCEN);
  const P = PHR[split];
  const fmt = r.pick(FMT[split]);
  const R = p.right;
  const W = p.wrong;
  const parts: string[] = [];
  const attempt = (v: string, o: string) => parts.push(render(c, fmt, p, v, o));
  const fix = () => {
    parts.push(r.pick(P.fix).replace('{S}', () => p.slip));
    attempt(R, p.one);
  };
  const check = (v: string) => {
    const tpl = r
      .pick(P.check)
      .replace('{A}', () => p.alt.join(' '))
      .replace('{R}', () => p.recheck);
    parts.push(render(c, tpl, p, v, ''));
  };
  let truncated = false;
  switch (scen) {
    case 'R':
      attempt(R, p.one);
      if (r.chance(0.2)) parts.push(r.pick(P.bare));
      break;
    case 'RE':
      attempt(R, p.one);
      check(R);
      break;
    case 'WR':
    case 'WRE':
      attempt(W, p.wone);
      fix();
      if (scen === 'WRE') check(R);
      break;
    case 'W':
      attempt(W, p.wone);
      break;
    case 'WE':
      attempt(W, p.wone);
      parts.push(render(c, r.pick(P.wcheck), p, W, p.wone));
      break;
    case 'RW':
      attempt(R, p.one);
      parts.push(
        render(
          c,
          r.pick(P.doubt).replace('{D}', () => p.doubt),
          p,
          W,
          '',
        ),
      );
      break;
    case 'TA': {
      const right = r.chance(0.5);
      attempt(right ? R : W, right ? p.one : p.wone);
      parts.push(
        cut(
          c,
          right
            ? `${sp(c, ['Check:', 'Double-check:'], ['Verify:', 'Re-verify:'])} ${p.alt.join(' ')} ${p.recheck}`
            : r.pick(P.fix).replace('{S}', () => `${p.slip} ${p.steps.join(' ')}`),
        ),
      );
      truncated = true;
      break;
    }
    case 'TB':
      parts.push(cut(c, `[THOUGHT]\nThe function ${p.what}. ${p.steps.join(' ')}`));
      truncated = true;
      break;
    case 'NA':
      parts.push(render(c, r.pick(P.noAns), p, '', ''));
      break;
  }
  const { body, cands } = parse(parts.join(r.chance(0.5) ? '\n\n' : '\n').trimEnd());
  const headers: Record<string, string> = { query: query(c, p), answer: R, task: 'code-output' };
  if (truncated) headers.truncated = 'true';
  return { id: '', headers, body, candidates: cands, final: cands.length ? cands[cands.length - 1].value : null };
}

export function generate(seed: number, count: number, split: 'dev' | 'heldout'): PhrasingRecord[] {
  const out: PhrasingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const rec = one((Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b) ^ (split === 'dev' ? 0x7e55 : 0x4e1d)) >>> 0, split);
    out.push({ ...rec, id: `${family}-${split}-${seed}-${i}` });
  }
  return out;
}
