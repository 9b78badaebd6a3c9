// Features of the rules' candidates for the learned candidate stage (docs/segmentation-eval.md,
// "Stop 26", "Stop 27"): per attempt's candidate a fixed-length numeric vector read from what
// segmentation already holds (the Statement's fields, the attempts, the markers, the question), so
// the stage costs O(statements) per record; the body is neither walked nor matched again.
import type { Segmentation } from './segment.js';
import type { MarkerMatch } from './markers.js';
import type { QuestionInfo } from './question.js';
import type { CandidateRule, Statement } from './statements.js';

/** What the features read of one attempt (segment.ts's Attempt, structurally). */
export interface ReaderAttempt {
  start: number;
  end: number;
  candidate: Statement;
  stated: Statement;
  nextMarker: number;
}

export interface ReaderInput {
  body: string;
  attempts: readonly ReaderAttempt[];
  markers: readonly MarkerMatch[];
  statements: readonly Statement[];
  /** The final answer (the summary's statement, else the last candidate's restatement). */
  final: Statement | undefined;
  summaryStart: number;
  question: QuestionInfo;
}

/** The stage's input read off a finished segmentation (the training scripts, the bench and the tests; segmentAttempts builds it before it has one). */
export const readerInputOf = (body: string, s: Segmentation): ReaderInput => ({
  body,
  attempts: s.attempts,
  markers: s.markers,
  statements: s.statements,
  final: s.final,
  summaryStart: s.summaryStart,
  question: s.question,
});

const RULES: readonly CandidateRule[] = ['boxed', 'pattern', 'final-answer', 'conclusion', 'equals', 'bold', 'last-number'];

// The decision a marker announces, by its phrase (docs/annotation-guide.md: a doubt goes back on
// the candidate, a check re-derives it, another method is new work).
const MARKER_CLASSES: readonly [string, RegExp][] = [
  ['doubt', /wait|hold on|hmm|actually|oops|mistake|no,|correction|second thought|等|不对/i],
  ['check', /check|verif|confirm|make sure|sanity|substituting|re-?read|look at|go over|go through|going over|检查|验证|读/i],
  ['other-method', /alternativ|another|different|方法/i],
  ['redo', /recomput|recalc|redo|re-add|reconsider|re-examine|think again|计算|算一遍/i],
];

/** The feature names, in vector order (readerWeights.ts stores its weights in this order). */
export const READER_FEATURES: readonly string[] = [
  'strength',
  ...RULES.map((r) => `rule:${r}`),
  'aboutTarget',
  'fromQuestion',
  'tentative',
  'closesOther',
  'partial',
  'term',
  'ofOther',
  'first',
  'relativeIndex',
  'logAttempts',
  'relativeOffset',
  'inThinking',
  'sameAsPrevious',
  'sameAsNext',
  'sameAsFinal',
  'recursLater',
  'seenBefore',
  'logCharsSincePrevious',
  'logStatementsSincePrevious',
  'logCharsToNext',
  'logStatementsToNext',
  'restated',
  'logSameValueStatements',
  ...MARKER_CLASSES.map(([c]) => `marker:${c}`),
  'marker:other',
  'question:choice',
  'question:words',
  'question:product',
  'question:blanks',
  'value:whole',
  'value:logLength',
  'value:numericWithFinal',
  'value:magnitudeToFinal',
];

// Per lexicon phrase its class (index into MARKER_CLASSES, or their count for "other"), worked out
// once (a lexicon has some hundred phrases).
const markerClasses = new Map<string, number>();
export function markerClass(phrase: string): number {
  let c = markerClasses.get(phrase);
  if (c === undefined) {
    c = MARKER_CLASSES.findIndex(([, re]) => re.test(phrase));
    if (c < 0) c = MARKER_CLASSES.length;
    if (markerClasses.size < 4096) markerClasses.set(phrase, c);
  }
  return c;
}

/** Number runs in body[from, to) (scripts/reader-additions.ts; the stage's features count statements instead). */
export function numberRuns(body: string, from: number, to: number): number {
  let runs = 0;
  let inRun = false;
  for (let i = Math.max(0, from); i < to; i++) {
    const c = body.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit && !inRun) runs++;
    inRun = digit;
  }
  return runs;
}

const wholeRe = /^-?\d+$/;
const decimalRe = /^-?\d+(?:\.\d+)?$/;
const fractionRe = /^(-?\d+)\/(\d+)$/;

/** The number a normalized value writes (a whole number, a decimal, a/b), else undefined. */
function plainNumber(normalized: string): number | undefined {
  if (decimalRe.test(normalized)) return Number(normalized);
  const f = fractionRe.exec(normalized);
  return f ? Number(f[1]) / Number(f[2]) : undefined;
}

/** How far apart two numbers' orders of magnitude are (|log10(|a|+1) - log10(|b|+1)|, at most 6): an intermediate quantity is often of another size than the answer. */
const magnitudeGap = (a: number, b: number): number => Math.min(6, Math.abs(Math.log10(Math.abs(a) + 1) - Math.log10(Math.abs(b) + 1)));

const MARKER_FEATURES = MARKER_CLASSES.length + 1;

/** One vector per attempt (READER_FEATURES order), every entry finite. */
export function candidateFeatures(input: ReaderInput): number[][] {
  const { body, attempts, markers, statements, final, summaryStart, question } = input;
  const n = attempts.length;
  const length = Math.max(1, body.length);
  // Gap k lies before candidate k (gap 0 from the first attempt's start), gap n after the last
  // candidate to the body's end: its length, and how many statements start in it (from a
  // candidate's start to the next one's, the earlier candidate counted; before the first
  // candidate, any). The statements stand for the work between candidates: stop 26 counted number
  // runs in a walk over the text, which was half the stage's cost and reads no better
  // (docs/segmentation-eval.md, "Stop 27").
  const gapChars = new Array<number>(n + 1);
  const gapStatements = new Array<number>(n + 1).fill(0);
  for (let k = 0; k <= n; k++) {
    const from = k > 0 ? attempts[k - 1].candidate.end : n > 0 ? attempts[0].start : 0;
    const to = k < n ? attempts[k].candidate.start : Math.min(n > 0 ? attempts[n - 1].end : 0, body.length);
    gapChars[k] = Math.max(0, to - from);
  }
  for (let i = 0, k = 0; i < statements.length; i++) {
    const at = statements[i].start;
    while (k < n && attempts[k].candidate.start <= at) k++;
    if (k < n || (n > 0 && at < attempts[n - 1].end)) gapStatements[k]++;
  }
  const questionRow = [
    question.optionOf !== undefined ? 1 : 0,
    question.words !== undefined ? 1 : 0,
    question.scale !== undefined ? 1 : 0,
    question.blanks ? 1 : 0,
  ];
  const finalNumber = final ? plainNumber(final.normalized) : undefined;
  const rows: number[][] = [];
  // Statements of the attempt's own value, walked once over the record.
  let si = 0;
  for (let k = 0; k < n; k++) {
    const a = attempts[k];
    const c = a.candidate;
    const prev = k > 0 ? attempts[k - 1].candidate : undefined;
    const next = k + 1 < n ? attempts[k + 1].candidate : undefined;
    let same = 0;
    for (; si < statements.length && statements[si].start < a.end; si++) {
      if (statements[si].start >= a.start && statements[si].normalized === c.normalized) same++;
    }
    let recurs = 0;
    for (let j = k + 1; j < n && recurs === 0; j++) if (attempts[j].candidate.normalized === c.normalized) recurs = 1;
    let seen = 0;
    for (let j = 0; j < k && seen === 0; j++) if (attempts[j].candidate.normalized === c.normalized) seen = 1;
    const marker = a.nextMarker >= 0 && a.nextMarker < markers.length ? markerClass(markers[a.nextMarker].phrase) : -1;
    const row: number[] = [c.strength / 5];
    for (const r of RULES) row.push(c.rule === r ? 1 : 0);
    row.push(
      c.aboutTarget ? 1 : 0,
      c.fromQuestion ? 1 : 0,
      c.tentative ? 1 : 0,
      c.closesOther ? 1 : 0,
      c.partial ? 1 : 0,
      c.term ? 1 : 0,
      c.ofOther ? 1 : 0,
      k === 0 ? 1 : 0,
      n > 1 ? k / (n - 1) : 1,
      Math.log1p(n),
      c.start / length,
      summaryStart >= 0 && c.start < summaryStart ? 1 : 0,
      prev && prev.normalized === c.normalized ? 1 : 0,
      next && next.normalized === c.normalized ? 1 : 0,
      final && final.normalized === c.normalized ? 1 : 0,
      recurs,
      seen,
      Math.log1p(gapChars[k]) / 10,
      Math.log1p(gapStatements[k]) / 5,
      Math.log1p(gapChars[k + 1]) / 10,
      Math.log1p(gapStatements[k + 1]) / 5,
      a.stated !== c ? 1 : 0,
      Math.log1p(same),
    );
    for (let m = 0; m < MARKER_FEATURES; m++) row.push(m === marker ? 1 : 0);
    row.push(...questionRow, wholeRe.test(c.normalized) ? 1 : 0, Math.log1p(c.normalized.length) / 3);
    // Its size beside the final answer's, where both are plain numbers.
    const value = finalNumber === undefined ? undefined : plainNumber(c.normalized);
    row.push(value === undefined ? 0 : 1, value === undefined ? 0 : magnitudeGap(value, finalNumber!));
    rows.push(row);
  }
  return rows;
}
