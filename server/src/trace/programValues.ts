// Pass 67: answers that are program values (code-output prediction: CRUXEval, LiveCodeBench).
// The question shows Python code and asks what a call returns ("What does f return for
// f('abc')?", "complete the assertion assert f(...) == ??"); the answer is a Python value as Python
// writes it: a quoted string, a list, a dict, a tuple, True / False / None or a number. The number
// rules read none of these whole. This file recognises such a question (programValueQuestion), reads
// a Python value whole with a linear scanner (scanProgramValue: balanced quotes and brackets,
// escapes, bounded length), finds the sentences that state one as the model's conclusion
// (programValueStatements: "assert f(...) == X", "f returns X", "The output is X", "Output: X",
// "# -> X", "**Answer:** `X`") and writes a value's quotes one way (programValueKey) so that
// 'cba' and "cba" are one answer. Trace lines ("i=2: s = 'ab'", "out = [1, 4]") state steps and
// are not read (docs/annotation-guide.md). Every pattern here is linear (docs/engine.md).

import { isWordCode } from './restatement.js';

// Code shown in the question: a function definition, a lambda, CRUXEval's [PYTHON] block.
const codeShownRe = /\bdef[ \t]{1,4}[A-Za-z_]\w{0,40}[ \t]{0,2}\(|\[PYTHON\]|\blambda\b/;
// What is asked: what a call returns, the assertion's missing value, the output / return value of a function.
const valueAskedRe =
  /\bwhat[ \t](?:does|will|would|do|is)[ \t][^?\n]{0,80}?\breturns?\b|\bcomplete[ \t](?:the|this)[ \t]assert|==[ \t]{0,2}\?\?|\[OUTPUT\]|\bwhat[ \t](?:is|will[ \t]be|would[ \t]be)[ \t](?:the[ \t])?(?:output|return[ \t]value|result)[ \t]of[ \t](?:the[ \t]function|f\b|[A-Za-z_]\w{0,40}\()|\b(?:predict|give|find|determine)[ \t](?:the[ \t])?(?:output|return[ \t]value)\b|\breturn[ \t]value[ \t]of\b/i;
// A question about printed text ("What does this code print?") asks for the text, not a value (wordForms.ts reads it).
const printAskedRe = /\bwhat[ \t][^?\n]{0,80}?\bprint(?:s|ed)?\b/i;

/** Does the question ask for the value a piece of Python code returns? Cheap literals first: most questions show no code. */
export function programValueQuestion(query: string): boolean {
  if (!(query.includes('def ') || query.includes('[PYTHON]') || query.includes('lambda'))) return false;
  return codeShownRe.test(query) && valueAskedRe.test(query) && !printAskedRe.test(query);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The longest value read (characters): a program value stated as an answer is short. */
export const MAX_PROGRAM_VALUE = 300;
const MAX_DEPTH = 12;

/** The end of a Python string literal opened at i (a quote), or -1: escapes skipped, no line break. */
function scanString(t: string, i: number, end: number): number {
  const q = t.charCodeAt(i);
  for (let j = i + 1; j < end; j++) {
    const c = t.charCodeAt(j);
    if (c === q) return j + 1;
    if (c === 10) return -1;
    if (c === 92) j++;
  }
  return -1;
}

/** The end of a number at i ("-3", "2.5", "1e-3"), or -1. */
function scanNumber(t: string, i: number, end: number): number {
  let j = i;
  if (t.charCodeAt(j) === 45) j++;
  const d = j;
  while (j < end && isDigit(t.charCodeAt(j))) j++;
  if (j === d) return -1;
  if (t.charCodeAt(j) === 46 && isDigit(t.charCodeAt(j + 1))) {
    j++;
    while (j < end && isDigit(t.charCodeAt(j))) j++;
  }
  if (
    (t.charCodeAt(j) === 101 || t.charCodeAt(j) === 69) &&
    (isDigit(t.charCodeAt(j + 1)) || ((t.charCodeAt(j + 1) === 45 || t.charCodeAt(j + 1) === 43) && isDigit(t.charCodeAt(j + 2))))
  ) {
    j += 2;
    while (j < end && isDigit(t.charCodeAt(j))) j++;
  }
  return j <= end ? j : -1;
}

const WORDS = ['True', 'False', 'None'];

function skipBlanks(t: string, i: number, end: number, lines: boolean): number {
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 9 || (lines && (c === 10 || c === 13))) i++;
    else break;
  }
  return i;
}

/**
 * A Python value written at text[i]: a string, a number, True / False / None, or a list, tuple,
 * dict or set of values (nested, trailing commas allowed). Returns its end, or -1 where no whole
 * value of at most MAX_PROGRAM_VALUE characters starts there. One pass, each character read once.
 */
export function scanProgramValue(t: string, i: number): number {
  const end = Math.min(t.length, i + MAX_PROGRAM_VALUE);
  const closers: number[] = [];
  for (;;) {
    // A value.
    i = skipBlanks(t, i, end, closers.length > 0);
    if (i >= end) return -1;
    const c = t.charCodeAt(i);
    if (c === 39 || c === 34) {
      i = scanString(t, i, end);
      if (i < 0) return -1;
    } else if (c === 91 || c === 40 || c === 123) {
      if (closers.length >= MAX_DEPTH) return -1;
      closers.push(c === 91 ? 93 : c === 40 ? 41 : 125);
      i = skipBlanks(t, i + 1, end, true);
      if (t.charCodeAt(i) !== closers[closers.length - 1]) continue;
      closers.pop();
      i++;
    } else if (isDigit(c) || (c === 45 && isDigit(t.charCodeAt(i + 1)))) {
      i = scanNumber(t, i, end);
      if (i < 0) return -1;
    } else {
      const w = WORDS.find((w) => t.startsWith(w, i));
      if (w === undefined) return -1;
      i += w.length;
    }
    if (isWordCode(t.charCodeAt(i))) return -1;
    // After a value: the end (outside brackets), a separator, or closers.
    for (;;) {
      if (closers.length === 0) return i;
      i = skipBlanks(t, i, end, true);
      if (i >= end) return -1;
      const d = t.charCodeAt(i);
      const top = closers[closers.length - 1];
      if (d === top) {
        closers.pop();
        i++;
        continue;
      }
      if (d === 44) {
        i = skipBlanks(t, i + 1, end, true);
        if (t.charCodeAt(i) === top) continue;
        break;
      }
      if (d === 58 && top === 125) {
        i++;
        break;
      }
      return -1;
    }
  }
}

// Cues before a stated value: the assertion's right side, "returns", "the return value is", "the
// output is", "Output:", "the result is", "the answer is", "evaluates to", a comment arrow. The
// value follows after blanks, bold and a backtick. Group 1 marks an answer cue (strength 4).
const cueRe =
  /(==|\b(?:final[ \t])?answer(?:[ \t](?:is|would[ \t]be|should[ \t]be))?[ \t]{0,2}:?|\[ANSWER\]|\[OUTPUT\])|\breturns(?:[ \t](?:back|exactly))?|\breturn[ \t]value[ \t](?:is|was|will[ \t]be|would[ \t]be|should[ \t]be)(?:[ \t]still)?:?|\boutput[ \t](?:is|was|will[ \t]be|would[ \t]be|should[ \t]be)(?:[ \t]still)?:?|\boutput[ \t]{0,2}:|\bresult[ \t](?:is|was|will[ \t]be|would[ \t]be|should[ \t]be)(?:[ \t]still)?:?|\bresult[ \t]{0,2}:|\bevaluates[ \t]to|(?:^|(?<=[.!?:][ \t]{1,2}))still|\b(?:so|yes,?)[ \t]{1,2}it(?:'s|[ \t]is)(?:[ \t]still)?|\b(?:both|all|each)(?:[ \t][a-z]{1,12})?[ \t]gives?|#[ \t]{0,2}(?:->|=>|\u2192)/dgim;

/** A stated value (statements.ts adds it as a conclusion): text[start, end), with its cue strength. */
export interface ValueSpan {
  start: number;
  end: number;
  strength: number;
}

/** What may follow a stated value: the line's or sentence's end, a closing mark; not an operator, an index or a method call. */
function endsStatement(t: string, e: number): boolean {
  if (e >= t.length) return true;
  const c = t.charCodeAt(e);
  if (c === 10 || c === 13) return true;
  if (c === 46 || c === 44 || c === 59 || c === 33 || c === 63) {
    const n = t.charCodeAt(e + 1);
    return !(isWordCode(n) || n === 40 || n === 91);
  }
  if (c === 96 || c === 42 || c === 41 || c === 60 || c === 34 || c === 39) return true;
  if (c === 32 || c === 9) {
    const j = skipBlanks(t, e, Math.min(t.length, e + 8), false);
    const n = t.charCodeAt(j);
    // "returns 4 + 5", "returns [1] * 3", "== 3 and": an expression, not a value.
    return !(
      n === 43 ||
      n === 42 ||
      n === 47 ||
      n === 37 ||
      n === 45 ||
      n === 61 ||
      n === 60 ||
      n === 62 ||
      t.startsWith('and ', j) ||
      t.startsWith('or ', j) ||
      t.startsWith('if ', j) ||
      t.startsWith('for ', j)
    );
  }
  return false;
}

/** Is the line holding text[i] an assertion or an answer block's line ("assert ...", "[ANSWER] ...", ">>> ...")? */
function assertionLine(t: string, i: number): boolean {
  // Back to the line's start, at most MAX_PROGRAM_VALUE characters (a long line is no assertion).
  let b = i;
  while (b > 0 && t.charCodeAt(b - 1) !== 10) if (i - --b > MAX_PROGRAM_VALUE) return false;
  const s = skipBlanks(t, b, i, false);
  if (t.startsWith('assert', s) || t.startsWith('[ANSWER]', s) || t.startsWith('[OUTPUT]', s) || t.startsWith('`assert', s)) return true;
  // Pass 79c: the assertion named inside a sentence, its call written out before "==" ("Therefore
  // the correct assert is f('ab') == 'ab'", "So the assert should be f(x) == 3").
  return assertNamedRe.test(t.slice(b, i));
}
// "assert" (a word) then a call on the way to "==": "the correct assert is f('ab')", "assert statement would be f(1, 2)".
const assertNamedRe = /\bassert(?:ion)?\b[^\n=]{0,40}?\b[A-Za-z_]\w{0,40}\([^\n=]{0,160}$/;

/**
 * The program values text[from, to) states as a result: a Python value read whole after a cue, and
 * ending its clause. Strength 4 after an answer cue or an assertion ("assert f(x) == X", "[OUTPUT]",
 * "Answer:"), 3 after "returns", "the output is", "Output:", "the result is", "evaluates to", "# ->".
 */
export function programValueStatements(text: string, from: number, to: number): ValueSpan[] {
  const out: ValueSpan[] = [];
  cueRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = cueRe.exec(text)) !== null && m.index < to) {
    let i = m.index + m[0].length;
    // "==" states the value only in an assertion ("assert f(x) == X", "[ANSWER] f(x) == X"), not in a traced test ("0 % 2 == 0").
    if (m[0] === '==' && !assertionLine(text, m.index)) continue;
    // Blanks, bold and one backtick between the cue and the value; an answer block's line break.
    i = skipBlanks(text, i, Math.min(to, i + 6), m[0].startsWith('['));
    if (text.startsWith('**', i)) i = skipBlanks(text, i + 2, Math.min(to, i + 6), false);
    if (text.charCodeAt(i) === 96) i++;
    // "[OUTPUT]\nassert f(x) == X": the assertion's own "==" states the value.
    if (text.startsWith('assert ', i)) continue;
    const e = scanProgramValue(text, i);
    if (e < 0 || e > to) continue;
    if (!endsStatement(text, e)) continue;
    out.push({ start: i, end: e, strength: m[1] !== undefined ? 4 : 3 });
    cueRe.lastIndex = e;
  }
  return out;
}

/**
 * A program value's quotes written one way for comparison (answers.ts normalizeAnswer): a JSON
 * reference (`"spaib"`, `["Russia", "Kazakhstan"]`) and the model's Python repr ('spaib') are one
 * answer. Only where every quote is a double quote and none is escaped.
 */
export function programQuotes(s: string): string {
  const c = s.charCodeAt(0);
  if (!(c === 34 || c === 91 || c === 123 || c === 40) || s.includes("'") || s.includes('\\')) return s;
  return s.replace(/"/g, "'");
}

/**
 * A string literal's text without its quotes ("'ll'" and '"ll"' are the value ll, the guide's "same
 * value in another notation": annotators and graders write a printed string either way). Not where
 * the quotes tell a string from a number or a constant ('1' is not 1, 'True' not True), nor for a
 * literal with its quote character or an escape inside (kept as written).
 */
export function unquotedString(s: string): string {
  const q = s.charCodeAt(0);
  if ((q !== 39 && q !== 34) || s.length < 3 || s.charCodeAt(s.length - 1) !== q) return s;
  const inner = s.slice(1, -1);
  // Pass 79h: a string of blanks is its length ("'   '" is three spaces): written with a visible
  // blank, so that normalizing, which drops blanks, keeps how many ("'     '" is not "'           '").
  if (/^ +$/.test(inner)) return `'${'\u2423'.repeat(inner.length)}'`;
  if (inner.includes(s[0]) || inner.includes('\\') || /^(?:[-+]?[\d.,]+(?:e[-+]?\d+)?|True|False|None)$/i.test(inner.trim())) return s;
  return inner;
}

/**
 * A program value as the engine compares it inside a record (Statement.normalized): quotes written
 * one way (programQuotes), blanks outside strings dropped, case kept. Python strings differ by
 * case ('lAmBdA' corrected to 'LaMbDa' is another answer), which normalizeAnswer's lower case
 * would merge. One pass.
 */
export function programValueKey(value: string): string {
  const s = programQuotes(value);
  let out = '';
  let q = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (q !== 0) {
      if (c === 92) {
        out += s.slice(i, i + 2);
        i++;
        continue;
      }
      if (c === q) q = 0;
    } else if (c === 39 || c === 34) q = c;
    else if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    out += s[i];
  }
  return out;
}

// A re-check announced: "Let me double-check", "verify", "make sure", "another way", "re-trace", "Check:".
const recheckRe = /\b(?:check|verify|make[ \t]sure|another|re-?trac|cross|confirm)/i;

/**
 * New work between two statements of one program value (segment.ts derivationBetween): the gap
 * announces a re-check and re-traces the code in words ("Let me make sure with a different
 * approach. Rotating left by 2: the first 2 characters 'py' go to the back."), eight words or more,
 * or four with a value of its own (a number, a quoted string, a bracket). The guide: the same value
 * reached again through new work is an echo; "Yes, that seems right.", a summary after the
 * thinking block and the answer block's lines ("[OUTPUT]", "assert ...", a fence) do no work and
 * merge. At most 2000 characters read.
 */
export function programWork(text: string): boolean {
  const n = Math.min(text.length, 2000);
  if (!recheckRe.test(n < text.length ? text.slice(0, n) : text)) return false;
  let words = 0;
  let values = false;
  let lineStart = true;
  let skip = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      skip = false;
      continue;
    }
    if (lineStart && c !== 32 && c !== 9) {
      lineStart = false;
      // An answer block's or a code line: "[OUTPUT]", "</think>", "```", "assert f(x) == ...", ">>> f(x)".
      skip = c === 91 || c === 60 || c === 96 || c === 62 || text.startsWith('assert', i);
    }
    if (skip) continue;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter && !isWordCode(text.charCodeAt(i - 1))) words++;
    else if (isDigit(c) || c === 39 || c === 34 || c === 91 || c === 123) values = true;
    if (words >= 8 || (values && words >= 4)) return true;
  }
  return false;
}
