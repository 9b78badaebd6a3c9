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
      if (p > 0 && this.joinsBefore(text.charCodeAt(p - 1))) continue;
      const end = this.matchAt(text, p);
      if (end >= 0 && !this.joinsAfter(text, end)) return [p, end];
    }
    return undefined;
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

/** The character at i, -1 past the text's end (a read past it would give NaN: see statements.ts codeAt). */
const codeAt = (text: string, i: number): number => (i < text.length ? text.charCodeAt(i) : -1);
const isBlank = (c: number): boolean => c === 32 || c === 9;
/** A regexp word character, `\w`: a Latin letter, a digit or "_". */
const isWordCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** `/ * ^ + - −`: an operator that makes a plain "π" a term of an expression. */
const isPiJoiner = (c: number): boolean => c === 47 || c === 42 || c === 94 || c === 43 || c === 45 || c === 0x2212;
