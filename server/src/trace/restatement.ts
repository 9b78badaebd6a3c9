/**
 * Where an explicit answer that is not a number ("p-q", "(3,4)", "1681π/4") is written again in a
 * text, for withRestatements (statements.ts): its characters in order, up to two blanks between
 * any two, standing alone.
 *
 * A scan by hand rather than a pattern built for each answer: in a corpus of distinct questions
 * almost every such answer is a new pattern, which V8 compiles anew (its cache is by source), so
 * withRestatements was about 3% of a first full pass over the families' corpus and nearly nothing
 * in a second pass over the same answers (docs/engine.md, stop 27).
 *
 * It finds what the pattern found, `(?<![\w\\])c1[ \t]{0,2}c2...[ \t]{0,2}cn(?![\w])` (with a
 * plain "π", which is a term of "π/3", "2πk", "-π + c" unless it stands alone, also `/*^+-−`
 * before it and those or "(" after it, up to two blanks on), first match at or after `from`
 * (test/unit/trace/engineFastPaths.test.ts compares the two).
 */
export class Restatement {
  /** The answer's characters, one code point each (a character outside the BMP is two units). */
  private readonly chars: string[];
  private readonly plainPi: boolean;

  /** `answer` holds no blanks (withRestatements removes them). */
  constructor(answer: string) {
    this.chars = [...answer];
    this.plainPi = answer.includes('\u03c0');
  }

  /** The first occurrence starting at or after `from`: [start, end), or undefined. */
  next(text: string, from: number): [number, number] | undefined {
    const first = this.chars[0];
    for (let p = text.indexOf(first, from); p >= 0; p = text.indexOf(first, p + 1)) {
      scanCounts.restatementProbes++;
      const end = this.at(text, p);
      if (end >= 0) return [p, end];
    }
    return undefined;
  }

  /** The end of an occurrence starting at p, or -1 (p must start with the answer's first character). */
  at(text: string, p: number): number {
    if ((p > 0 && this.joinsBefore(text.charCodeAt(p - 1))) || !text.startsWith(this.chars[0], p)) return -1;
    const end = this.matchAt(text, p);
    return end >= 0 && !this.joinsAfter(text, end) ? end : -1;
  }

  /** The end of the answer's characters written from p on, or -1. */
  private matchAt(text: string, p: number): number {
    let at = p + this.chars[0].length;
    for (let k = 1; k < this.chars.length; k++) {
      // Up to two blanks: the answer holds none, so more than two leave a blank where its next
      // character should be, and no shorter run of blanks can match either.
      if (isBlank(codeAt(text, at))) at++;
      if (isBlank(codeAt(text, at))) at++;
      if (!text.startsWith(this.chars[k], at)) return -1;
      at += this.chars[k].length;
    }
    return at;
  }

  /** Does the character before a match join it to a word, a command or (for π) a term? */
  private joinsBefore(c: number): boolean {
    return isWordCode(c) || c === 92 || (this.plainPi && isPiJoiner(c));
  }

  /** Does what follows the match at end join it to a word or (for π) to a term after it? */
  private joinsAfter(text: string, end: number): boolean {
    if (isWordCode(codeAt(text, end))) return true;
    if (!this.plainPi) return false;
    let j = end;
    if (isBlank(codeAt(text, j))) j++;
    if (isBlank(codeAt(text, j))) j++;
    const c = codeAt(text, j);
    return c === 40 || isPiJoiner(c);
  }
}

/**
 * Work counters for tests (test/unit/trace/quadratic.test.ts): places an answer's occurrence was
 * tried at, and scans of a text for concluded values (valuePlaces). A count, not a time, so a test can assert that the work grows with the text and not
 * with the number of distinct answers times the text (docs/engine.md, stop 31).
 */
export const scanCounts = { restatementProbes: 0, valueScans: 0, valueProbes: 0 };

/**
 * Where each answer (blanks removed, as withRestatements passes them) may start in [from, to): a
 * place whose first character starts no word or command and whose characters read on, up to two
 * blanks skipped before each, spell the answer. A superset of Restatement.next's matches found in
 * one pass over the text for all answers at once (each place is then tried with Restatement.at),
 * in place of one scan of the text per answer: a record of N different answers cost N scans of
 * the whole text (docs/engine.md, stop 31). Ascending per answer.
 */
export function restatementPlaces(text: string, from: number, to: number, answers: readonly string[]): Map<string, number[]> {
  const places = new Map<string, number[]>();
  const firsts = new Set<number>();
  const lengths = new Set<number>();
  let longest = 0;
  for (const a of answers) {
    if (a.length === 0 || places.has(a)) continue;
    places.set(a, []);
    firsts.add(a.charCodeAt(0));
    lengths.add(a.length);
    longest = Math.max(longest, a.length);
  }
  const byLength = [...lengths].sort((a, b) => a - b);
  const end = Math.min(to, text.length);
  for (let p = from; p < end; p++) {
    if (!firsts.has(text.charCodeAt(p))) continue;
    // Restatement.at rejects a place after a word character or a backslash whatever the answer.
    if (p > 0) {
      const c = text.charCodeAt(p - 1);
      if (isWordCode(c) || c === 92) continue;
    }
    scanCounts.restatementProbes++;
    // The characters from p on as matchAt reads them: up to two blanks skipped before each.
    let read = text[p];
    let k = p + 1;
    while (read.length < longest && k < text.length) {
      if (isBlank(text.charCodeAt(k))) k++;
      if (k < text.length && isBlank(text.charCodeAt(k))) k++;
      if (k >= text.length) break;
      read += text[k++];
    }
    for (const n of byLength) {
      if (n > read.length) break;
      const at = places.get(n === read.length ? read : read.slice(0, n));
      if (at !== undefined) at.push(p);
    }
  }
  return places;
}

/** The character at i, -1 past the text's end (a read past it would give NaN: see statements.ts codeAt). */
const codeAt = (text: string, i: number): number => (i < text.length ? text.charCodeAt(i) : -1);
const isBlank = (c: number): boolean => c === 32 || c === 9;
/** A regexp word character, `\w`: a Latin letter, a digit or "_". */
export const isWordCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** `/ * ^ + - −`: an operator that makes a plain "π" a term of an expression. */
const isPiJoiner = (c: number): boolean => c === 47 || c === 42 || c === 94 || c === 43 || c === 45 || c === 0x2212;
