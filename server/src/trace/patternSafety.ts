// A user answer pattern (`reflectionLens.answerPatterns`, `--answer-patterns`) must not be able to
// hang the server or the CLI. JavaScript regular expressions have no timeout and a backtracking
// engine: a pattern whose quantifiers can split one run of text in exponentially (or highly
// polynomially) many ways runs for minutes on a line of 40 characters ("(a+)+b" over "aaaa...a!").
// Running every user pattern in a worker with a time budget would catch everything but costs a
// thread hop per record per pattern; instead a pattern is checked when it is read and refused,
// with a message naming it, when it has one of the shapes that backtrack catastrophically:
//   - a backreference (\1, \k<name>): matching with them is NP-hard, no bound holds;
//   - a quantifier that repeats (max > 1) a group which itself holds a variable quantifier
//     ("(a+)+", "(a|b*)*", "(\d{1,3})*"): star height > 1, exponential;
//   - a repeated group with alternatives that can begin with the same character ("(a|ab)*"):
//     exponential in the same way;
//   - two unbounded quantifiers in a row (only optional items between them) over classes that
//     share a character ("\d+\d+", ".*\s*.*"): each split is tried;
//   - three or more unbounded quantifiers over classes that all share a character (".*a.*a.*a"):
//     polynomial of degree 3 or more in the line length.
// What passes is at worst quadratic in the text it is run over, and that text is capped:
// statements.ts runs a user pattern over one line at a time and skips lines longer than
// USER_PATTERN_MAX_LINE characters, so one pattern costs at most a few million steps per line.
// The check is deliberately conservative: a safe pattern it refuses can be rewritten (a class
// instead of an alternation, a fixed count, a bounded quantifier).

/** A user pattern is run over one line at a time, and not over lines longer than this (see above). */
export const USER_PATTERN_MAX_LINE = 2000;

interface Item {
  node: Node;
  min: number;
  max: number;
}
type Node = { kind: 'chars'; source: string } | { kind: 'assert' } | { kind: 'group'; alt: Item[][]; look: boolean };

class Unsafe extends Error {}

// Characters an atom is tested against to decide whether two classes overlap: ASCII and a few
// letters, spaces and symbols beyond it.
const samples = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  '\u00a0',
  '\u00e9',
  '\u03c0',
  '\u2003',
  '\u2212',
  '\u4e2d',
  '\uff10',
];

function parse(src: string): Item[][] {
  let i = 0;
  const alternation = (inGroup: boolean): Item[][] => {
    const branches: Item[][] = [[]];
    while (i < src.length) {
      const c = src[i];
      if (c === ')') {
        if (inGroup) return branches;
        i++;
        continue;
      }
      if (c === '|') {
        i++;
        branches.push([]);
        continue;
      }
      const node = atom();
      const [min, max] = quantifier();
      branches[branches.length - 1].push({ node, min, max });
    }
    return branches;
  };
  const atom = (): Node => {
    const start = i;
    const c = src[i];
    if (c === '(') {
      i++;
      let look = false;
      if (src[i] === '?') {
        if (src.startsWith('?=', i) || src.startsWith('?!', i)) {
          look = true;
          i += 2;
        } else if (src.startsWith('?<=', i) || src.startsWith('?<!', i)) {
          look = true;
          i += 3;
        } else if (src[i + 1] === '<') i = src.indexOf('>', i) + 1 || src.length;
        else i = src.indexOf(':', i) + 1 || src.length;
      }
      const alt = alternation(true);
      i++; // ')'
      return { kind: 'group', alt, look };
    }
    if (c === '[') {
      i++;
      if (src[i] === '^') i++;
      if (src[i] === ']') i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
      return { kind: 'chars', source: src.slice(start, i) };
    }
    if (c === '^' || c === '$') {
      i++;
      return { kind: 'assert' };
    }
    if (c === '\\') {
      const d = src[i + 1] ?? '';
      if (/[1-9]/.test(d) || d === 'k') throw new Unsafe('it has a backreference');
      if (d === 'b' || d === 'B') {
        i += 2;
        return { kind: 'assert' };
      }
      i += 2;
      if (d === 'x') i += 2;
      else if (d === 'u') i += src[i] === '{' ? src.indexOf('}', i) + 1 - i : 4;
      else if (d === 'c') i += 1;
      else if (d === 'p' || d === 'P') i += src[i] === '{' ? src.indexOf('}', i) + 1 - i : 0;
      return { kind: 'chars', source: src.slice(start, i) };
    }
    i++;
    return { kind: 'chars', source: src.slice(start, i) };
  };
  const quantifier = (): [number, number] => {
    let q: [number, number] = [1, 1];
    const c = src[i];
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return q;
      q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])];
      i += m[0].length - 1;
    } else return q;
    i++;
    if (src[i] === '?') i++;
    return q;
  };
  return alternation(false);
}

function charsOf(source: string): Set<string> {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${source})$`);
  } catch {
    return new Set(samples);
  }
  return new Set(samples.filter((s) => re.test(s)));
}

const overlap = (a: Set<string>, b: Set<string>) => [...a].some((c) => b.has(c));

/** Every character any atom in the items can consume. */
function consumed(items: readonly Item[]): Set<string> {
  const out = new Set<string>();
  for (const it of items) {
    if (it.node.kind === 'chars') for (const c of charsOf(it.node.source)) out.add(c);
    else if (it.node.kind === 'group' && !it.node.look) for (const b of it.node.alt) for (const c of consumed(b)) out.add(c);
  }
  return out;
}

/** The characters a branch can begin with. */
function first(items: readonly Item[]): Set<string> {
  const out = new Set<string>();
  for (const it of items) {
    if (it.node.kind === 'chars') for (const c of charsOf(it.node.source)) out.add(c);
    else if (it.node.kind === 'group' && !it.node.look) for (const b of it.node.alt) for (const c of first(b)) out.add(c);
    else continue;
    if (it.min > 0) break;
  }
  return out;
}

function hasVariableQuantifier(alt: Item[][]): boolean {
  return alt.some((b) => b.some((it) => it.max !== it.min || (it.node.kind === 'group' && hasVariableQuantifier(it.node.alt))));
}

function overlappingAlternatives(alt: Item[][]): boolean {
  if (alt.length > 1) {
    const firsts = alt.map(first);
    for (let a = 0; a < firsts.length; a++) for (let b = a + 1; b < firsts.length; b++) if (overlap(firsts[a], firsts[b])) return true;
  }
  return alt.some((b) => b.some((it) => it.node.kind === 'group' && overlappingAlternatives(it.node.alt)));
}

function check(alt: Item[][], unbounded: Set<string>[]): void {
  for (const branch of alt) {
    for (let k = 0; k < branch.length; k++) {
      const it = branch[k];
      if (it.node.kind === 'group') {
        if (it.max > 1 && hasVariableQuantifier(it.node.alt))
          throw new Unsafe('a repeated group holds another quantifier (nested quantifiers)');
        if (it.max > 1 && overlappingAlternatives(it.node.alt))
          throw new Unsafe('a repeated group has alternatives that can begin with the same character');
        check(it.node.alt, unbounded);
      }
      if (it.max !== Infinity || it.node.kind === 'assert') continue;
      const mine = consumed([it]);
      unbounded.push(mine);
      for (let j = k + 1; j < branch.length; j++) {
        const next = branch[j];
        if (next.max === Infinity && overlap(mine, consumed([next])))
          throw new Unsafe('two unbounded quantifiers in a row can match the same characters');
        if (next.min > 0 && next.node.kind !== 'assert') break;
      }
    }
  }
}

/**
 * Why a user answer pattern could backtrack catastrophically, or undefined when it is accepted
 * (the pattern is assumed to compile: callers compile it first).
 */
export function unsafePatternReason(source: string): string | undefined {
  try {
    const tree = parse(source);
    const unbounded: Set<string>[] = [];
    check(tree, unbounded);
    if (unbounded.length >= 3) {
      const common = unbounded.reduce((a, b) => new Set([...a].filter((c) => b.has(c))));
      if (common.size > 0) throw new Unsafe('three or more unbounded quantifiers can match the same characters');
    }
    return undefined;
  } catch (err) {
    if (err instanceof Unsafe)
      return `${err.message}, so it can run for minutes on one line of text; refused: rewrite it (a character class instead of alternatives, a bounded count such as {1,20}, no backreference)`;
    throw err;
  }
}
