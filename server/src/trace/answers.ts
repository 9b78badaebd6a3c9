// Candidate answers inside a model's text and how two answers are compared (DESIGN.md section 4).
// Every rule starts from a cheap literal trigger found with indexOf (`\boxed`, "answer", "=",
// "**") and confirms it with a sticky regular expression at that place, so a body is not
// scanned once per rule by a general regex.

export type CandidateRule = 'boxed' | 'answer-is' | 'equals' | 'bold' | 'pattern' | 'concluding';

export interface Candidate {
  /** Offset of the answer text (not of the surrounding syntax) in the scanned text. */
  start: number;
  end: number;
  /** The answer as written. */
  value: string;
  rule: CandidateRule;
  /**
   * Weak candidates (the last number of a concluding sentence) count only when their segment has
   * no other candidate: they are a fallback for plain arithmetic prose.
   */
  weak: boolean;
}

export interface ExtractOptions {
  /** Compiled user answer patterns (`compileAnswerPatterns`). */
  patterns?: readonly RegExp[];
  /**
   * Offsets where a decision marker starts. The sentence that ends just before each of them (and
   * before the end of the text) is a concluding sentence: its last number is a weak candidate.
   */
  boundaries?: readonly number[];
}

// A value worth calling an answer: a number (thousands separators, decimals, a simple fraction)
// or a LaTeX fraction, optionally with a degree or percent sign.
const NUM = String.raw`[-+\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)?`;
const FRAC = String.raw`[-\u2212]?\\[dt]?frac\s*(?:\{[^{}\n]*\}\s*\{[^{}\n]*\}|\d\d)`;
const VALUE = String.raw`(?:${FRAC}|${NUM})(?:\s*(?:\^\s*\{?\\circ\}?|\u00b0|\\%|%))?`;

const answerIsRe = new RegExp(String.raw`\s*(?:is|:|=|would be|will be|should be|must be)\s*:?\s*(?:\*\*)?\s*(?:\$|\\\(|\\\[)?\s*(${VALUE})`, 'y');
// `==`, `<=`, `>=`, `!=` are comparisons, not results.
const equalsLineRe = new RegExp(String.raw`(?<![=<>!])=(?!=)[ \t]*(?:\\\(|\$)?[ \t]*(${VALUE})[ \t]*(?:\\\)|\\\]|\$\$|\$)?[ \t]*[.!]?[ \t]*(?=\r?\n|\r|$)`, 'g');
const boldRe = new RegExp(String.raw`\*\*[ \t]*\$?[ \t]*(${VALUE})[ \t]*\$?[ \t]*\*\*`, 'y');
const numberRe = new RegExp(NUM, 'g');
const cueRe = /\b(?:so|thus|therefore|hence|answer|result|total|product|sum|equals?|gives?|get|got|is)\b|=/i;

/** Compiles user answer patterns; a pattern that does not compile is reported, not thrown. */
export function compileAnswerPatterns(sources: readonly string[]): { patterns: RegExp[]; errors: { source: string; message: string }[] } {
  const patterns: RegExp[] = [];
  const errors: { source: string; message: string }[] = [];
  for (const source of sources) {
    try {
      patterns.push(new RegExp(source, 'gd'));
    } catch (err) {
      errors.push({ source, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { patterns, errors };
}

/** Candidate answers in text, ordered by position, none inside another. */
export function extractCandidates(text: string, opts: ExtractOptions = {}): Candidate[] {
  const found: Candidate[] = [];
  findBoxed(text, found);
  findAfterTrigger(text, 'nswer', answerIsRe, 'answer-is', found, (i) => i > 0 && (text.charCodeAt(i - 1) | 32) === 97);
  findEquals(text, found);
  findBold(text, found);
  for (const re of opts.patterns ?? []) findPattern(text, re, found);
  if (opts.boundaries) findConcluding(text, opts.boundaries, found);
  return dedupe(found);
}

function findBoxed(text: string, out: Candidate[]): void {
  for (const cmd of ['\\boxed', '\\fbox']) {
    let i = text.indexOf(cmd);
    while (i >= 0) {
      let j = i + cmd.length;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '{') {
        const close = matchingBrace(text, j);
        if (close > 0) {
          const inner = trimRange(text, j + 1, close);
          if (inner[1] > inner[0]) out.push({ start: inner[0], end: inner[1], value: text.slice(inner[0], inner[1]), rule: 'boxed', weak: false });
          i = text.indexOf(cmd, close);
          continue;
        }
      }
      i = text.indexOf(cmd, j);
    }
  }
}

/** Offset of the `}` closing the `{` at `open`, or -1 (unbalanced, or runs past 2000 chars / a blank line). */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  const limit = Math.min(text.length, open + 2000);
  for (let k = open; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) { k++; continue; } // backslash escapes the next character (\{ \})
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return k;
  }
  return -1;
}

function trimRange(text: string, s: number, e: number): [number, number] {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return [s, e];
}

function findAfterTrigger(text: string, trigger: string, re: RegExp, rule: CandidateRule, out: Candidate[], accept: (i: number) => boolean, reStartOffset = trigger.length): void {
  let i = text.indexOf(trigger);
  while (i >= 0) {
    if (accept(i)) {
      re.lastIndex = i + reStartOffset;
      const m = re.exec(text);
      if (m) {
        // The value is the first thing in the match that can start a number or \frac.
        const start = m.index + m[0].indexOf(m[1]);
        out.push({ start, end: start + m[1].length, value: m[1], rule, weak: false });
      }
    }
    i = text.indexOf(trigger, i + 1);
  }
}

/**
 * "= X" closing a line, as one global regex: V8 runs it as native code that skips to each "="
 * itself, faster than an indexOf loop with a check per "=" in JavaScript.
 */
function findEquals(text: string, out: Candidate[]): void {
  equalsLineRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = equalsLineRe.exec(text)) !== null) {
    const at = m.index + m[0].indexOf(m[1], 1);
    out.push({ start: at, end: at + m[1].length, value: m[1], rule: 'equals', weak: false });
  }
}

function findBold(text: string, out: Candidate[]): void {
  let i = text.indexOf('**');
  while (i >= 0) {
    boldRe.lastIndex = i;
    const m = boldRe.exec(text);
    if (m) {
      const start = i + m[0].indexOf(m[1], 2);
      out.push({ start, end: start + m[1].length, value: m[1], rule: 'bold', weak: false });
      i = text.indexOf('**', boldRe.lastIndex);
    } else i = text.indexOf('**', i + 2);
  }
}

function findPattern(text: string, re: RegExp, out: Candidate[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    const group = m[1] !== undefined ? 1 : 0;
    const [start, end] = m.indices![group];
    if (end > start) out.push({ start, end, value: m[group], rule: 'pattern', weak: false });
  }
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

function findConcluding(text: string, boundaries: readonly number[], out: Candidate[]): void {
  let prevStop = 0;
  for (const stop of [...boundaries, text.length]) {
    const c = concludingCandidate(text, prevStop, stop);
    if (c) out.push(c);
    prevStop = stop;
  }
}

/**
 * The weak candidate of the segment text[from, stop): the last number of its last sentence
 * (back to ., !, ? before a space, or a line break; at most 400 characters) when that sentence
 * reads as a conclusion.
 */
export function concludingCandidate(text: string, from: number, stop: number): Candidate | undefined {
  let e = stop;
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  let s = e - 1;
  const floor = Math.max(from, e - 400);
  while (s > floor) {
    const c = text.charCodeAt(s - 1);
    if (c === 10 || c === 13) break;
    if ((c === 46 || c === 33 || c === 63) && isSpace(text.charCodeAt(s))) break;
    s--;
  }
  if (s < 0 || e <= s) return undefined;
  const sentence = text.slice(s, e);
  if (!cueRe.test(sentence)) return undefined;
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  numberRe.lastIndex = 0;
  while ((m = numberRe.exec(sentence)) !== null) last = m;
  if (!last) return undefined;
  return { start: s + last.index, end: s + last.index + last[0].length, value: last[0], rule: 'concluding', weak: true };
}

/** Sorted by start; a candidate inside (or equal to) another one's span is dropped, strong ones first. */
function dedupe(found: Candidate[]): Candidate[] {
  // Insertion sort: a few candidates per text, mostly in order already.
  for (let i = 1; i < found.length; i++) {
    const c = found[i];
    let j = i - 1;
    while (j >= 0 && before(c, found[j])) { found[j + 1] = found[j]; j--; }
    found[j + 1] = c;
  }
  const out: Candidate[] = [];
  let last: Candidate | undefined;
  for (const c of found) {
    // Inside the previous one (same span included: sorting put the strong one first).
    if (last && c.start >= last.start && c.end <= last.end) continue;
    out.push(c);
    last = c;
  }
  return out;
}

const before = (a: Candidate, b: Candidate): boolean => a.start < b.start || (a.start === b.start && (a.end > b.end || (a.end === b.end && !a.weak && b.weak)));

/**
 * Canonical form for comparison: LaTeX wrappers (`\boxed`, `\text`, `$`, `\(`), spacing,
 * degree and percent signs, thousands separators and trailing zeros removed; `\frac{a}{b}` and
 * `\dfrac` as `a/b`; lower case.
 */
export function normalizeAnswer(raw: string): string {
  if (canonicalInteger.test(raw)) return raw;
  // A plain number (most answers) passes every rewrite below unchanged but its separators.
  if (plainNumber.test(raw)) return canonicalNumber(raw.indexOf(',') < 0 ? raw : raw.replace(/,/g, ''))!;
  let s = raw.trim();
  const boxed = /^\\(?:boxed|fbox)\s*\{([\s\S]*)\}$/.exec(s);
  if (boxed) s = boxed[1];
  s = s
    .replace(/\\(?:text|textbf|textrm|mathrm|mathbf)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\\left|\\right/g, '')
    .replace(/\^\s*\{?\s*\\circ\s*\}?|\u00b0|\\degree/g, '')
    .replace(/\\%|%/g, '')
    .replace(/\\[,;:! ]|~/g, '')
    .replace(/\\\$|\$|\\\(|\\\)|\\\[|\\\]/g, '')
    .replace(/\u2212/g, '-')
    .replace(/\s+/g, '')
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '($1)/($2)')
    .replace(/\\frac(\d)(\d)/g, '$1/$2')
    .replace(/^[.,;:]+|[.,;:]+$/g, '');
  // Parentheses the fraction rewrite added around plain numbers are noise.
  s = s.replace(/\((-?[\d.]+)\)/g, '$1');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  s = canonicalNumber(s) ?? s;
  const frac = /^(-?)(\d[\d.]*)\/(\d[\d.]*)$/.exec(s);
  if (frac) s = `${frac[1]}${canonicalNumber(frac[2]) ?? frac[2]}/${canonicalNumber(frac[3]) ?? frac[3]}`;
  return s.toLowerCase();
}

const canonicalInteger = /^(?:0|[1-9]\d*)$/;
const plainNumber = /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/** "+007.50" -> "7.5", "-0.0" -> "0"; exact on any number of digits (no float round trip). */
function canonicalNumber(s: string): string | undefined {
  const m = /^([-+]?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return undefined;
  const int = m[2].replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

/** The number a normalized answer denotes (plain number or a/b), or NaN. */
function numericValue(n: string): number {
  if (/^-?\d+(\.\d+)?$/.test(n)) return Number(n);
  const f = /^(-?)(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(n);
  if (f && Number(f[3]) !== 0) return (f[1] ? -1 : 1) * (Number(f[2]) / Number(f[3]));
  return NaN;
}

/** Equal after normalization, or the same number (27 and 27.0, 0.5 and 1/2). */
export function answersEqual(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return false;
  return normalizedEqual(normalizeAnswer(a), normalizeAnswer(b));
}

/** answersEqual on answers already normalized (saves normalizing the ground truth once per attempt). */
export function normalizedEqual(na: string, nb: string): boolean {
  if (na === nb) return na.length > 0;
  // Integers are canonical strings by now: different strings are different integers (a relative
  // tolerance would call 2003700027 and 2003700026 equal).
  if (/^-?\d+$/.test(na) && /^-?\d+$/.test(nb)) return false;
  const va = numericValue(na);
  const vb = numericValue(nb);
  return Number.isFinite(va) && Number.isFinite(vb) && Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va), Math.abs(vb));
}
