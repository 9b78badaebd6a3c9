// Splits a record's body into sampling and decision actions (docs/segmentation-eval.md). The
// model is candidate-driven: an attempt is reasoning that ends in a candidate answer, and a
// decision exists only after a candidate. Markers ("Wait", "Alternatively") are decision points
// only where an attempt has concluded: a marker inside a derivation, before its candidate, is
// part of sampling. Within the text between two markers, the candidate is the strongest statement
// of a value as the answer to the question (statements.ts), the latest among equals, so a short
// confirmation after an answer does not displace it. Weak statements ("= X" ending a line) count
// only as a segment's last word and when their value is answer-like (answerLike), or in short
// terse records with no strong statement. A value restated with no new derivation in between is
// one candidate; reached again through a computation it is an echo. In a thinking block the
// candidates are the block's; the summary after it presents the STOP, its answer is the final
// answer (docs/segmentation-eval.md has the rules and their measurements).
import { programWork } from './programValues.js';
import { closedFormValue, normalizeAnswer, normalizeAnswerIn, OPTION_LIST } from './answers.js';
import { bareLetterUnit, questionMakesUnit } from './units.js';
import { tokenCount } from './headerValues.js';
import { logprobsProblem, splitTokens } from './tokenSplit.js';
import { applyLearnedReader } from './learnedReader.js';
import { compileMarkers, type MarkerMatch, type MarkerMatcher } from './markers.js';
import { defaultReader } from './options.js';
import { judgePicks, judgeQuestion, verdictDirection, type JudgeKind } from './judgeVerdict.js';
import { analyzeQuestion, asMultiSelect, asUnseenChoice, isDigitCode, type QuestionInfo } from './question.js';
import {
  checkResultStatement,
  codeAt,
  compileAnswerPatterns,
  findStatements,
  formatTalkBefore,
  hypotheticalAfter,
  lastNumberStatement,
  operandNext,
  otherSentenceEnd,
  otherUnitEnd,
  premisedConclusion,
  unquoted,
  withRestatements,
  withSummaryVerbalResults,
  type CandidateRule,
  type Statement,
} from './statements.js';
import { READER_WEIGHTS } from './readerWeights.js';
import { cutOffResponse, headerCutOff, thinkingRegion, unclosedThinking, type ThinkingRegion } from './thinking.js';
import { restoreLineBreaks } from './flatBody.js';
import { truthJudge } from './truthJudge.js';
import type { DecisionStep, SampleStep, SegmentedRecord, SegmentOptions, Span, Step, TraceDiagnostic, TraceRecord } from './types.js';

export interface CompiledSegmentOptions {
  matcher: MarkerMatcher;
  patterns: RegExp[];
  /** Answer patterns that are not valid regular expressions (reported by callers, then ignored). */
  patternErrors: { source: string; message: string }[];
}

const byObject = new WeakMap<SegmentOptions, CompiledSegmentOptions>();
let cacheKey = '';
let cached: CompiledSegmentOptions | undefined;

/** Compiles the lexicon and answer patterns, once per options object and while their content is unchanged. */
export function compileSegmentOptions(options: SegmentOptions): CompiledSegmentOptions {
  const hit = byObject.get(options);
  if (hit) return hit;
  const key = `${options.markers.join('\u0000')}\u0001${options.answerPatterns.join('\u0000')}`;
  if (!cached || key !== cacheKey) {
    const { patterns, errors } = compileAnswerPatterns(options.answerPatterns);
    cached = { matcher: compileMarkers(options.markers), patterns, patternErrors: errors };
    cacheKey = key;
  }
  byObject.set(options, cached);
  return cached;
}

/**
 * Token count L_t of a piece of a response. Exact counts need the model's tokenizer, which a
 * trace does not carry, so: when the record says how many tokens the whole response has (header
 * `tokens`, written on import from the per-token log-probs), the piece gets its share by
 * characters; otherwise one token per 4 characters (the usual rule of thumb for BPE tokenizers on
 * English and arithmetic), at least 1.
 */
export function estimateTokens(chars: number, record?: Pick<TraceRecord, 'headers' | 'body'>): number {
  const total = record ? (tokenCount(record.headers.tokens) ?? NaN) : NaN;
  if (total > 0 && record!.body.length > 0) return Math.max(1, Math.round((total * chars) / record!.body.length));
  return Math.max(1, Math.ceil(chars / 4));
}

/** Appendix E's generation limit: a response of more tokens was cut off (calibration leaves it out). */
export const DEFAULT_TOKEN_LIMIT = 8192;

/**
 * Why a record counts as cut off at the generation limit, as calibration reads it
 * (analysis/summary.ts) and the no-answer finding names it: its `truncated` header says so or its
 * finish reason is `length` (thinking.ts headerCutOff), it has more tokens than `tokenLimit` (its
 * `tokens` header, else about 4 characters a token), or it opens a thinking block and never closes
 * it (thinking.ts unclosedThinking, as the reading's cutOffResponse), unless a `truncated: false`
 * says it ended normally (which a counted length over the limit still overrules, the estimate not).
 * Undefined: not cut off. `region`: the body's thinkingRegion, when known.
 */
export function cutOffReason(
  record: Pick<TraceRecord, 'headers' | 'body'>,
  tokenLimit = DEFAULT_TOKEN_LIMIT,
  region?: ThinkingRegion,
): string | undefined {
  const h = record.headers;
  const said = headerCutOff(h);
  if (said) return said;
  const n = estimateTokens(record.body.length, record);
  const header = tokenCount(h.tokens);
  const counted = header !== undefined && header > 0 && record.body.length > 0;
  // The limit is the analysis's own (the paper's 8,192), not the source's: a counted length over it
  // is cut off whatever the source says of how it ended (README, "What it reads"); the estimate of 4
  // characters a token is too rough to overrule a stated `truncated: false`.
  if (n > tokenLimit && (said === undefined || counted))
    return counted
      ? `${n} tokens (its tokens header), over the ${tokenLimit}-token limit`
      : `about ${n} tokens (4 characters a token), over the ${tokenLimit}-token limit`;
  if (said === null) return undefined;
  return unclosedThinking(record.body, h, region);
}

/**
 * The response's token count when the record says it: its `tokens` header (import writes the
 * length of the per-token log-probs), else the length of its log-probs (both lists, of one length).
 */
export function responseTokens(record: Pick<TraceRecord, 'headers' | 'logprobs' | 'refLogprobs'>): number | undefined {
  const header = tokenCount(record.headers.tokens);
  if (header !== undefined && header > 0) return header;
  const { logprobs, refLogprobs } = record;
  return logprobs && refLogprobs && logprobs.length === refLogprobs.length && logprobs.length > 0 ? logprobs.length : undefined;
}

/**
 * L_t of each attempt (`chars` its characters): the split of the response's tokens
 * (splitTokens) when the record gives their count and it holds a token per sample and per
 * decision; otherwise each attempt's own estimate, one token per 4 characters rounded up (at
 * least 1), a decision then being one token more.
 */
export function attemptTokens(record: TraceRecord, chars: readonly number[]): number[] {
  const total = record.body.length > 0 ? responseTokens(record) : undefined;
  const split = total === undefined ? undefined : splitTokens(total, chars);
  return split ?? chars.map((c) => Math.max(1, Math.ceil(c / 4)));
}

/** Index of the body line that holds a body offset (binary search over line starts). */
function bodyLineOf(record: TraceRecord, offset: number): number {
  const offs = record.bodyLineOffsets;
  let lo = 0;
  let hi = offs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offs[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Document position of a body offset. */
export function bodyPosition(record: TraceRecord, offset: number): { line: number; column: number } {
  if (record.bodyLineOffsets.length === 0) return { line: record.bodyStartLine, column: 0 };
  const k = bodyLineOf(record, offset);
  return { line: record.bodyStartLine + k, column: offset - record.bodyLineOffsets[k] + record.bodyLineShift[k] };
}

/** Body offset of a record-relative position (the inverse of bodyPosition); -1 outside the body. */
export function bodyOffset(record: TraceRecord, line: number, column: number): number {
  const k = line - record.bodyStartLine;
  if (k < 0 || k >= record.bodyLineOffsets.length) return -1;
  return record.bodyLineOffsets[k] + Math.max(0, column - record.bodyLineShift[k]);
}

function bodySpan(record: TraceRecord, start: number, end: number): Span {
  if (record.bodyLineOffsets.length === 0) return { line: record.bodyStartLine, column: 0, endLine: record.bodyStartLine, endColumn: 0 };
  const a = bodyLineOf(record, start);
  const b = end === start ? a : bodyLineOf(record, end);
  const offs = record.bodyLineOffsets;
  const shift = record.bodyLineShift;
  return {
    line: record.bodyStartLine + a,
    column: start - offs[a] + shift[a],
    endLine: record.bodyStartLine + b,
    endColumn: end - offs[b] + shift[b],
  };
}

/**
 * Confidence of a candidate by the rule that found it: the share of the engine's candidates of
 * that rule that annotators also marked, (matched + 1) / (found + 2) rounded to two places,
 * measured on every labelled real trace (Sky-T1 dev and held-out, the five fresh batches: 222
 * responses from sixteen models, 2026-12-02, docs/segmentation-eval.md): boxed 75/111 (answer
 * drafts boxed inside thinking blocks), final-answer 32/42, conclusion 363/497, equals 50/80. Real
 * traces, not the synthetic families (where every rule is right 96-99% of the time): a confidence
 * is a statement about traces a researcher brings. Confidences do not steer the reading (only
 * displayed), so measuring them on the held-out sets too does not tune anything. No real trace had
 * a bold or last-number candidate: those two keep the families' rates (bold 538/538, last-number
 * 6/15). User patterns are not measured: they get the boxed rule's value.
 */
export const RULE_CONFIDENCE: Record<CandidateRule, number> = {
  boxed: 0.67,
  pattern: 0.67,
  'final-answer': 0.75,
  bold: 0.99,
  conclusion: 0.73,
  equals: 0.62,
  'last-number': 0.41,
};

interface Attempt {
  start: number;
  end: number;
  /** Where the attempt first concludes its answer (what annotators mark). */
  candidate: Statement;
  /** Its latest restatement ("So the answer is 3365" after "= 3365"): where the model leaves it. */
  stated: Statement;
  /** Index of the marker right after this attempt's candidate (the decision that opens the next attempt), -1 at the end. */
  nextMarker: number;
  /** The learned stage's probability that the candidate is one annotators mark (absent with the rules reader). */
  confidence?: number;
}

/**
 * What segmentation decides about a record, before any position or message is worked out:
 * segmentRecord builds steps and findings from it, and the full pass (scan.ts), which needs
 * only counts, uses it as it is.
 */
export interface Segmentation {
  markers: MarkerMatch[];
  attempts: Attempt[];
  /** Per attempt: its normalized answer, correctness against the ground truth, token count. */
  normalized: string[];
  correct: (boolean | null)[];
  tokens: number[];
  /** The final answer: a thinking block's summary answer, else the last attempt's. */
  final: Statement | undefined;
  finalCorrect: boolean | null;
  /** Where the thinking block's summary starts (-1 without one). */
  summaryStart: number;
  /** A multiple-choice question's options (normalized value to letter), as the candidates were judged with. */
  optionOf: Map<string, string> | undefined;
  /** Every statement of a value in the attempts' region, the candidates chosen from (eval-segmentation reports which labelled answers none of them reads). */
  statements: readonly Statement[];
  /** The question as the candidates were read against (the learned stage's features read it too). */
  question: QuestionInfo;
}

const plainNumberRe = /^[-+]?\d+(?:\.\d+)?$/;
// Two or more values listed (the blanks of a fill-in question answered together).
const listRe = /[,;\uff0c\u3001\uff1b]/;
// A whole number, normalized ("116", "-3"; "12.0" normalizes to "12").
const wholeRe = /^-?\d+$/;

// A closed form's key beside its normalized text ("\\sqrt[3]{3/2}" and "\\sqrt[3]{1.5}" are one
// answer written two ways: answers.ts compares them by value, and so does the set of the values a
// record concludes explicitly). Only a text with a command, a power or a bracket is evaluated.
const closedFormHintRe = /[\\^({\u03c0]/;
const closedFormKeys = new Map<string, string | undefined>();
function closedFormKey(v: string): string | undefined {
  if (!closedFormHintRe.test(v)) return undefined;
  if (closedFormKeys.has(v)) return closedFormKeys.get(v);
  const x = closedFormValue(v);
  const key = Number.isNaN(x) ? undefined : `\u2248${x.toPrecision(12)}`;
  // Forgotten all at once, as analyzeQuestion's cache is: a record holds a few dozen such values.
  if (closedFormKeys.size > 4096) closedFormKeys.clear();
  closedFormKeys.set(v, key);
  return key;
}

/** One answer, as written or by its closed form's value ("\\sqrt[3]{3/2}", "\\sqrt[3]{1.5}"). */
function sameAnswer(a: string, b: string): boolean {
  if (a === b) return true;
  const ka = closedFormKey(a);
  return ka !== undefined && ka === closedFormKey(b);
}

// Held by a record's strong values when one of them is a closed form: most records conclude none,
// and their values are then looked up as written only.
const CLOSED_FORMS = '\u2248';

/** Adds a concluded value to the record's strong values, with its closed form's key. */
function addStrong(strongValues: Set<string>, v: string): void {
  strongValues.add(v);
  const key = closedFormKey(v);
  if (key !== undefined) strongValues.add(key).add(CLOSED_FORMS);
}

/** Is v (normalized) one of the record's strong values, as written or by its closed form's value? */
function isStrong(strongValues: ReadonlySet<string>, v: string): boolean {
  if (strongValues.has(v)) return true;
  if (!strongValues.has(CLOSED_FORMS)) return false;
  const key = closedFormKey(v);
  return key !== undefined && strongValues.has(key);
}

/**
 * May this statement conclude an attempt? "maybe \boxed{C}", "If I write \boxed{6}": an answer
 * considered, not given, does not. Tentative is read last: statements.ts works it out when first
 * read, and most statements fail a cheaper test (every test here is a pure function of its
 * arguments, so the order does not change the answer).
 */
function concludes(
  st: Statement,
  strongValues: Set<string>,
  terse: boolean,
  scale?: number,
  choice = false,
  modulus?: number,
  formulaOnly?: Set<string>,
  multi = false,
  integer = false,
  blanks = false,
): boolean {
  return concludesByCue(st, strongValues, terse, scale, choice, modulus, formulaOnly, multi, integer, blanks, false) && !st.tentative;
}

/**
 * An option's plain-number value stated by a conclusion about the asked quantity ("so the number of
 * edges is 24 / 2 = 12" over "(C) 12") in a response that names no option letter: the option named
 * only by its content (docs/annotation-guide.md, "Options"; pass 59). A number elsewhere, or in a
 * response that chooses by letters, is still a sub-result.
 */
function contentChoice(st: Statement, byContent: boolean): boolean {
  return byContent && st.aboutTarget && st.strength >= 3 && st.rule === 'conclusion';
}

const letterValueRe = /^[A-J]$/;

/** May this statement conclude an attempt, tentative or not? */
function concludesByCue(
  st: Statement,
  strongValues: Set<string>,
  terse: boolean,
  scale: number | undefined,
  choice: boolean,
  modulus: number | undefined,
  formulaOnly: Set<string> | undefined,
  multi: boolean,
  integer: boolean,
  blanks: boolean,
  byContent: boolean,
): boolean {
  // A question with two or more blanks is answered by their values together ("\\frac{3\\pi}{2}, 1"):
  // "Therefore, θ must be 3π/2" fills one blank, a part of the answer (docs/annotation-guide.md:
  // an intermediate quantity is no candidate), whatever its cue.
  // Not a letter (stop 38): with options, shown or not, one option fills every blank ("Interest of
  // ________ and ________." over "F) Shareholders, Care and Skill"), and a letter given explicitly
  // ("\\boxed{F}") names an option, not one blank's value.
  if (blanks && !choice && !listRe.test(st.value) && !(st.strength >= 4 && letterValueRe.test(st.value))) return false;
  // m + n of integers: "P = 1/115", "the answer is 1/115, and m + n = 116" give the value m and n
  // are read from, not the answer; only a box still gives it (the model's explicit answer).
  // An option's letter is no such value (stop 38: "Find $a+b+c$." over "H) 10", "The answer is (H).").
  if (integer && st.strength < 5 && !wholeRe.test(st.normalized) && !(choice && letterValueRe.test(st.value))) return false;
  if (st.strength >= 4) return true;
  // A remainder is smaller than its divisor: "16210 - 14000 = 2210" on the way to 16210 mod 7 is a reduction step.
  if (modulus !== undefined && /^\d+$/.test(st.normalized) && Number(st.normalized) >= modulus) return false;
  // "39^2 = 1521" for 39² − 36²: one term of the asked expression worked out is a sub-result.
  if (st.term && !isStrong(strongValues, st.normalized)) return false;
  // A multiple-choice answer is an option chosen: a letter, or an explicit (boxed) answer.
  // An option's value ("-1/21" when the question lists "A. -\\frac{1}{21}") is normalized to its
  // letter by Context.add and counts as that option; a plain number ("1", "6") turns up in every
  // derivation as a sub-result, so only the letter chooses such an option.
  // Where several options may be right, the set committed to is the answer ("BCD", "B, C and D");
  // a verdict on one option ("So C is correct") examines that option.
  if (multi) {
    if (!/^[a-e]{2,5}$/.test(st.normalized)) return false;
  } else if (
    choice &&
    !(/^[A-J]$/.test(st.value) || (/^[a-j]$/.test(st.normalized) && (!plainNumberRe.test(st.value) || contentChoice(st, byContent))))
  )
    return false;
  // A value the question quotes is a candidate only when an equation of the asked expression
  // gives it ("3 * 1 = 3"); anywhere else it is the question being restated.
  // Or, for a value the question writes only as an exponent or an index ("x^3"), a statement
  // that names the asked quantity ("the smallest possible value of a is 3").
  // Or a concluding clause that names the asked quantity ("So, the number of residents who own all
  // four items is 234") with a value the record gives as its explicit answer elsewhere: a re-check
  // reaching the answer again, which the guide counts as an echo however the question quotes the
  // value (docs/annotation-guide.md; docs/segmentation-eval.md, pass 28).
  if (
    st.fromQuestion &&
    !(
      st.aboutTarget &&
      (st.rule === 'equals' || (st.strength >= 3 && (formulaOnly?.has(st.normalized) || isStrong(strongValues, st.normalized))))
    )
  )
    return false;
  if (st.strength >= 3) return true;
  // "the sum of the remaining numbers is 12" for the sum of the squares: the sentence says the
  // value is the asked noun of something else, a sub-result (the guide), whatever else concludes it.
  if (st.ofOther) return false;
  // A concluding clause ("Therefore n = 6.") restating a value the record concludes explicitly
  // elsewhere is that answer, one digit or not.
  if (st.strength === 2 && !st.closesOther && isStrong(strongValues, st.normalized)) return true;
  // A partial product near the answer's size is still a step: only the answer's own value counts.
  if (st.partial) return terse || isStrong(strongValues, st.normalized);
  return terse || answerLike(st.normalized, strongValues, scale);
}

/**
 * A value the record concludes elsewhere, or one a slip away from it (a wrong echo or a corrected
 * retry): an integer of three digits or more within 10% of a concluded one, or with as many digits
 * and at most one (three-digit values) or two of them different (2866467 beside 2866567), or, for
 * a product question, within 5% of a * b. Sub-results differ in magnitude.
 */
function answerLike(v: string, strongValues: Set<string>, scale?: number): boolean {
  // A one-digit value (0, 1, 4) turns up in every derivation: sharing it with the answer says nothing.
  if (/^-?\d$/.test(v)) return false;
  if (isStrong(strongValues, v)) return true;
  if (scale !== undefined && /^\d+$/.test(v)) return Math.abs(Number(v) - scale) <= 0.05 * scale;
  if (!/^\d{3,}$/.test(v)) return false;
  for (const w of strongValues) {
    // Or within 10% of it (477 beside 507): a slip moves a result a little, a sub-result a lot.
    if (/^\d{3,}$/.test(w) && Math.abs(Number(v) - Number(w)) <= 0.1 * Number(w)) return true;
    if (w.length !== v.length) continue;
    const allowed = v.length <= 3 ? 1 : 2;
    let diff = 0;
    for (let i = 0; i < v.length && diff <= allowed; i++) if (v[i] !== w[i]) diff++;
    if (diff <= allowed) return true;
  }
  return false;
}

// A computation: an operator or "=" between numbers or brackets ("6 * 7", "= 42", "(1/2)^2").
const computationRe = /[\d)}]\s{0,3}(?:[-+*/=^\u00d7\u00b7\u22c5\u2212\u00f7]|\\times|\\cdot|\\div)\s{0,3}[\d({\\$]/;
// Operands bounded to 20 characters: the search restarts one character on after each match, so an
// unbounded leading run would rescan a long digit run from every position.
const computationGlobal =
  /[\d,.]{0,20}[\d)}]\s{0,3}(?:[-+*/=^\u00d7\u00b7\u22c5\u2212\u00f7]|\\times|\\cdot|\\div)\s{0,3}\$?[\d({\\][\d,.]{0,20}/g;

// Algebra on terms with coefficients ("2x - 3y = 0", "6x + y = 0", "3y + z"): re-deriving in symbols is work.
// So is a number times a named quantity worked out ("3 * side = 21", "6 × side = 42").
const algebraRe =
  /\d[a-z](?![a-z])[ \t]{0,3}[-+=][ \t]{0,3}-?\d{0,6}[a-z(](?![a-z])|\d[ \t]{0,2}[*\u00d7\u00b7][ \t]{0,2}[a-z]{1,12}[ \t]{0,2}=[ \t]{0,2}\d/;
const operandRe = /\d[\d,.]*/g;
// Work said in words after a decision ("Subtract 26 to get 340", "Minus 11: 155"); pass 85j: without a
// marker too, as the walk back reads written arithmetic ("Let's check the math again: 21 divided by 3 is
// 7, 7 times 6 is 42": the guide's re-derivation, said in words).
const verbalComputationRe = /\b(?:add(?:ing)?|subtract(?:ing)?|minus|plus|times|multiply(?:ing)?|divid(?:e|ing)(?: by)?)\b[ \t]{0,3}\d/i;

/**
 * Is there new work (a computation) between two statements? Restating or commenting is not, and
 * neither is restating the question's own expression ("So 245 × 4,587 = ..." after the result):
 * a computation counts when one of its numbers is not a number of the question. After a decision
 * marker (`afterMarker`), recomputing even the question's own expression is new work ("7 * 8 =
 * 56. Wait, let me double-check. 7 * 8 = 56"), but quoting one of its values ("slope 1/3") is not.
 */
function derivationBetween(
  body: string,
  drafts: readonly number[],
  from: number,
  to: number,
  question?: QuestionInfo,
  afterMarker = false,
  value?: string,
): boolean {
  let text = drafts.length === 0 ? body.slice(from, to) : withoutDrafts(body, drafts, from, to);
  // A recall of earlier work ("I already found that there are 23 nines followed by 129, so ...")
  // is no new work (the guide): its sentence is left out.
  if (text.includes('already')) text = text.replace(recallSentenceRe, '');
  // A check that only confirms a sub-step ("Let me double-check one step: C(19, 2) = 171. Yes.")
  // is no new work on the answer (the guide), unless the step's result is the answer itself.
  if (text.includes('step') && (text.includes('Yes') || text.includes('Right') || text.includes('orrect'))) {
    text = text.replace(confirmedStepRe, (line) => (value !== undefined && resultsIn(line).includes(value) ? line : ''));
  }
  // The answer restated under its own name ("Therefore, p(8) = 721/9", "### Conclusion / f(x) = 2x is
  // the only solution"): a statement of the value, not a computation (the guide: the same value
  // repeated with no new derivation merges). A short gap only (a recap, NAMED_GAP characters):
  // restatements merged across long ones would leave every later statement a gap that grows with
  // the record (a body of nothing but "So p(8) = 42." lines).
  if (value !== undefined && text.length <= NAMED_GAP && text.includes('=')) text = withoutNamedValue(text, value);
  // A check line closed by a tick or a one-word verdict ("(Check: 6 + 9 = 15 h ✓)", "Quick sanity
  // check: roughly 42 × 3.8 ≈ 159.6, so we're in the right range. ✓", "... It does.") confirms a
  // sub-step or the answer's range: no new work on the answer, unless its result is the answer.
  if (text.includes('heck') && (text.includes('\u2713') || text.includes(' does.') || text.includes('sense.'))) {
    text = text.replace(tickedCheckRe, (line) => (value !== undefined && resultsIn(line).includes(value) ? line : ''));
  }
  if (!computationRe.test(text))
    return (
      algebraRe.test(text) ||
      // Pass 67: a re-check of a program traced again in words (programValues.ts).
      (question?.programValue === true && programWork(text)) ||
      (afterMarker
        ? verbalComputationRe.test(text) ||
          (value !== undefined &&
            (newNumbers(text, value, question, 2) ||
              rereadsConditions(text, value, question) ||
              restatesConditions(text) ||
              testsCaseInWords(text)))
        : value !== undefined &&
          (newNumbers(text, value, question, 2, body, from) || testsCaseInWords(text) || verbalComputationRe.test(text)))
    );
  if (!question || question.values.size === 0) return true;
  computationGlobal.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = computationGlobal.exec(text)) !== null) {
    computationGlobal.lastIndex = m.index + 1;
    // A match that starts inside a number ("3 × 2821" in "93 × 2821") reads a wrong operand.
    if (m.index > 0 && isNumberChar(text.charCodeAt(m.index - 1))) continue;
    if (afterMarker) {
      if (!question.values.has(normalizeAnswer(m[0].replace(/[.,]$/, '')))) return true;
      continue;
    }
    for (const n of m[0].match(operandRe) ?? []) if (!question.values.has(normalizeAnswer(n.replace(/[.,]$/, '')))) return true;
  }
  return false;
}

// The left side of a named statement, ending at its "=": a name with an optional subscript or
// argument list ("p(8) =", "S_{4} =", "f(x) ="), not after a digit, a letter or a closing bracket
// (not the tail of "2x + 3 =", "(a+b) ="). Bounded parts, read on the 30 characters before an "=".
const namedLeftRe = /(?<![\w)}\]])[A-Za-z][A-Za-z']{0,10}(?:_\{?\w{1,6}\}?)?(?:\([^()=\n]{0,12}\))?[ \t]{0,3}=$/;

const NAMED_GAP = 400;
// How far back the work since the previous candidate is read in full (readAttempts).
const RESTATED_GAP = 3000;

/**
 * `text` with each "name = <the answer's value>" left out ("p(8) = \\frac{721}{9}" where the value
 * is 721/9; "f(x) = 2x" where the answer is that equation): the answer stated under its name is a
 * restatement, its right side a computation only when it goes on ("S(100) = S(98) - 1" stays). The
 * right side is read to the next blank, at most 40 characters, and must be written as the value
 * ("6*7" is not 42 restated). Found by indexOf over the "=" signs; the name is read only before a
 * right side that is the value.
 */
function withoutNamedValue(text: string, value: string): string {
  let out = '';
  let at = 0;
  for (let k = text.indexOf('='); k >= 0; k = text.indexOf('=', k + 1)) {
    let from = k + 1;
    while (from < text.length && from < k + 4 && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
    let to = from;
    while (to < text.length && to < from + 40 && !isSpace(text.charCodeAt(to))) to++;
    let end = to;
    while (end > from && /[.,;:$]/.test(text[end - 1])) end--;
    if (end === from) continue;
    const left = namedLeftRe.exec(text.slice(Math.max(at, k - 30), k + 1));
    if (left === null) continue;
    const start = k + 1 - left[0].length;
    if (normalizeAnswer(text.slice(from, end)) !== value && normalizeAnswer(text.slice(start, end)) !== value) continue;
    out += text.slice(at, start) + ' ';
    at = to;
    k = to - 1;
  }
  return at === 0 ? text : out + text.slice(at);
}

// A line that says it checks one step, works it out and confirms it with one word ("Let me just
// double-check one step: 6 × 110 = 660, and 666 would exceed 660. Correct."). A check that names
// no scope ("Wait, check: 6 - 24 = -18, plus 18 = 0. Yes.") may be re-deriving the answer: kept.
const confirmedStepRe =
  /^[^\n=]{0,60}\b(?:one|a|that|this|the|single) (?:step|sub-?step)[ \t]{0,2}:[^\n=]{0,40}=[^\n]{1,80}?[.,;][ \t]{0,2}(?:Yes|Right|Correct|correct)[.!]?[ \t]*$/gm;
const tickedCheckRe = /^[ \t(*]{0,4}(?:quick )?(?:sanity )?check\b[^\n]{0,300}?(?:\u2713\)?\.?|\bIt does\.|makes sense\.)[ \t]*$/gim;
/** The normalized values right after each "=" of a line. */
function resultsIn(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/=[ \t]{0,2}\$?(-?\d[\d,]*(?:\.\d+)?(?:\/\d+)?)/g)) out.push(normalizeAnswer(m[1].replace(/[.,]$/, '')));
  return out;
}

// A sentence that recalls a result found before, up to its end (a line break, or . ! ? before a blank).
const recallSentenceRe =
  /\b(?:I|[Ww]e) (?:have |'ve )?already (?:found|computed|calculated|showed|shown|established|got|worked out|seen)\b[^\n]{0,300}?(?:[.!?](?=\s|$)|(?=\n)|$)/g;

/**
 * Drafts of the response inside a thinking block: fenced blocks (```...```) of the region before
 * its summary, as [start, end) pairs. A draft writes out the derivation again to present it: its
 * arithmetic is not new work (the guide: a draft is a statement of the answer like any other, a
 * restatement unless new work came since the value was last stated).
 */
function findDrafts(body: string, from: number, to: number, markers: readonly { start: number }[]): number[] {
  const out: number[] = [];
  // A draft written out between quotation marks ("*Output Generation* / \"解：1. ... 故答案为 ...。\""): a
  // line that opens with a quotation mark and a later line that closes it, as a fence does.
  const quoted0 = body.includes('"') || body.includes('\u201c') ? quotedDrafts(body, from, to) : [];
  const announced = announcedDrafts(body, from, to, markers);
  const quoted = announced.length === 0 ? quoted0 : mergeSpans(quoted0, announced);
  if (!body.includes('```')) return quoted;
  let k = body.indexOf('```', from);
  while (k >= 0 && k < to) {
    const close = body.indexOf('```', k + 3);
    const end = close < 0 || close > to ? to : close + 3;
    // A code cell ("```python", "```output") runs a computation or shows what it printed: work,
    // not a draft of the response (docs/annotation-guide.md, a program's printed output).
    if (!codeFenceRe.test(body.slice(k + 3, k + 16))) out.push(k, end);
    k = close < 0 ? -1 : body.indexOf('```', end);
  }
  return quoted.length === 0 ? out : mergeSpans(out, quoted);
}

// A quoted block: a line opening with a quotation mark, 200 or more characters without another one,
// and a quotation mark that closes its line (a quoted sentence of the question or a phrase stays a
// quote: it is shorter or closes mid-line).
const quotedDraftRe = /(?:^|\n)[ \t]*["\u201c][^"\u201c\u201d]{200,}?["\u201d][ \t]*(?=\r?\n)/g;

// A line that announces a draft of the response (pass 48): "Let's draft the response carefully.",
// "Let's craft the final in Chinese:", "I'd write:", "**Draft the explanation:**", "**Output Generation:**".
// A verb of writing the reply with "draft" / "craft" in it, or one that ends its line with a colon (the
// draft follows).
const draftAnnounceRe =
  /(?:^|\n)([ \t]*)(?:[-*][ \t]+|\d{1,2}\.[ \t]+)?(?:\*\*)?(?:(?:Let(?:'s| me| us)|I(?:'ll|'d| will| would)) (?:now |then |perhaps |just )?(?:(draft|craft)|write|compose|prepare)|(Draft)(?:ing)?\b|Output Generation\b)([^\n]{0,60})(?=\r?\n)/g;

/**
 * Drafts announced by a line of their own (draftAnnounceRe): the paragraph after it, to its first
 * blank line (a heading's: its first blank line before a line indented no deeper than the heading) or
 * the next marker, where the thinking goes on (3,000 characters at most), as [start, end) pairs. The guide: a draft of the final
 * response written inside the thinking block restates the answer; its arithmetic is the write-up of
 * work already done, not new work.
 */
function announcedDrafts(body: string, from: number, to: number, markers: readonly { start: number }[]): number[] {
  const out: number[] = [];
  let mk = 0;
  draftAnnounceRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = draftAnnounceRe.exec(body)) !== null && m.index < to) {
    const rest = m[4].replace(/\*\*/g, '').trimEnd();
    if (m[2] === undefined && m[3] === undefined && !rest.endsWith(':')) continue;
    const start = m.index + m[0].length;
    while (mk < markers.length && markers[mk].start < start) mk++;
    // The draft's farthest end: its region, 3,000 characters, the next marker. Every search below
    // stays inside it, and the next announcement is looked for after the draft's end.
    const limit = Math.min(to, start + 3000, mk < markers.length ? markers[mk].start : to);
    // A heading's draft goes on over blank lines while its lines are indented deeper than the heading.
    let end = limit;
    let at = start + 1;
    for (let blank = blankLineAt(body, at, limit); blank >= 0; blank = blankLineAt(body, at, limit)) {
      let k = blank + 1;
      while (
        k < limit &&
        (body.charCodeAt(k) === 10 || body.charCodeAt(k) === 13 || body.charCodeAt(k) === 32 || body.charCodeAt(k) === 9)
      ) {
        if (body.charCodeAt(k) === 10) at = k;
        k++;
      }
      if (k - at - 1 <= m[1].length || k >= limit) {
        end = blank;
        break;
      }
      at = k;
    }
    // A draft holds a line of text at least (an announcement a marker follows at once holds none).
    if (end > start + 1 && hasText(body, start, end)) out.push(start, end);
    draftAnnounceRe.lastIndex = Math.max(draftAnnounceRe.lastIndex, end);
  }
  return out;
}

/** Whether [from, to) holds a character that is not a blank or a line break. */
function hasText(body: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(body.charCodeAt(k))) return true;
  return false;
}

/** The first line break in [from, limit) that a line of blanks only follows, or -1 (reads no further). */
function blankLineAt(body: string, from: number, limit: number): number {
  let nl = -1;
  for (let k = from; k < limit; k++) {
    const c = body.charCodeAt(k);
    if (c === 10) {
      if (nl >= 0) return nl;
      nl = k;
    } else if (c !== 32 && c !== 9 && c !== 13) nl = -1;
  }
  return -1;
}

/** Quoted drafts of [from, to), as [start, end) pairs. */
function quotedDrafts(body: string, from: number, to: number): number[] {
  const out: number[] = [];
  quotedDraftRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = quotedDraftRe.exec(body)) !== null && m.index + m[0].length <= to) out.push(m.index, m.index + m[0].length);
  return out;
}

/** Two lists of [start, end) pairs, each in order, as one list in order with overlapping spans joined. */
function mergeSpans(a: readonly number[], b: readonly number[]): number[] {
  const spans: [number, number][] = [];
  for (const list of [a, b]) for (let i = 0; i < list.length; i += 2) spans.push([list[i], list[i + 1]]);
  spans.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [s, e] of spans) {
    if (out.length > 0 && s <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], e);
    else out.push(s, e);
  }
  return out;
}

// The info string of a fence that opens a program or its output, not prose.
const codeFenceRe =
  /^(?:python|py|python3|pycon|ipython|output|console|bash|sh|shell|javascript|js|typescript|ts|c|cpp|java|julia|r|sql|matlab)[ \t]*\r?\n/i;

/** body.slice(from, to) with the drafts' text left out. */
function withoutDrafts(body: string, drafts: readonly number[], from: number, to: number): string {
  let text = '';
  let at = from;
  // The first draft that ends after `from`, by binary search over the pairs (a body may hold many).
  let lo = 0;
  let hi = drafts.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (drafts[2 * mid + 1] <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let d = 2 * lo; d < drafts.length && at < to; d += 2) {
    if (drafts[d + 1] <= at) continue;
    if (drafts[d] >= to) break;
    if (drafts[d] > at) text += body.slice(at, drafts[d]);
    at = drafts[d + 1];
  }
  if (at < to) text += body.slice(at, to);
  return text;
}

/** [\d,.] */
const isNumberChar = (c: number): boolean => (c >= 48 && c <= 57) || c === 44 || c === 46;

// A number of two digits or more, standing alone (not part of a word, a list label or a decimal).
const multiDigitRe = /(?<![\w.,])\d[\d,]*\d(?:\.\d+)?(?![\w]|[.,]\d)/g;

/**
 * After a decision marker, a re-check said in words still works on numbers: "The perfect cubes
 * are 1, 8, 27, 64 ... So, 27 is the answer", "a number like 200220? That's larger. So 2220".
 * Two numbers of two digits or more that are neither the question's nor the answer itself are
 * new reasoning (the guide: a check that reaches the answer again is an echo); "Wait, let me
 * double-check. Yes, 2220 is right." quotes none and stays one candidate. Without a marker
 * (`body` given) the numbers must also be new to the record: a case tested in words ("n = 6, sum
 * is 18, not a cube. n = 7, sum is 21, ...") is new work, a table or recap of values worked out
 * before is not.
 */
function newNumbers(text: string, value: string, question: QuestionInfo | undefined, needed: number, body?: string, before = 0): boolean {
  let n = 0;
  multiDigitRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = multiDigitRe.exec(text)) !== null) {
    const v = normalizeAnswer(m[0]);
    // Another option's value is quoted from the question too ("Option B ($42.00) is what you get
    // by forgetting the tax"): a distractor examined is no new work on the answer. The chosen
    // option's own value plugged back in is ("80 km/h for 7 h covers 560 km").
    if (v === value || question?.values.has(v)) continue;
    if (question?.optionOnly?.has(v) && question.optionOf!.get(v) !== value) continue;
    if (body !== undefined && seenBefore(body, m[0], before)) continue;
    if (++n >= needed) return true;
  }
  return false;
}

// A number standing alone ("14 stickers at $7 each").
const anyNumberRe = /(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w]|[.,]\d)/g;

/**
 * After a decision marker, a re-check that re-reads the question's conditions ("It says 14
 * stickers at $7 each and 7 posters at $12 each. Those are the numbers I used, so the total is
 * indeed $182") quotes two or more of the question's numbers: the guide counts a re-check in
 * words that re-reads a condition as new work (docs/annotation-guide.md); quoting one value
 * ("slope 1/3") is not.
 */
function rereadsConditions(text: string, value: string, question: QuestionInfo | undefined): boolean {
  // A short pass (a few sentences): a long stretch that quotes the question is a derivation of
  // its own, which the computation tests read.
  if (!question || question.values.size < 2 || text.length > 320) return false;
  const seen = new Set<string>();
  anyNumberRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = anyNumberRe.exec(text)) !== null) {
    const v = normalizeAnswer(m[0]);
    // Numbers of two digits or more: a small number ("n + 1", "2") turns up in any formula.
    if (/\d[,]?\d/.test(m[0]) && v !== value && question.values.has(v)) seen.add(v);
    if (seen.size >= 2) return true;
  }
  return false;
}

/**
 * Pass 80a: after a decision marker, a re-check that restates two or more of the question's
 * conditions in its own words, word for word but without quotes ("Let me double-check that. /
 * Jeffrey is Arthur's parent. / Joe is Jeffrey's parent. / Therefore, Joe is Arthur's
 * grandparent." where the question lists "* Joe is Jeffrey's parent. * Jeffrey is Arthur's
 * parent."), re-reads the conditions: new work by the guide's re-check in words
 * (docs/annotation-guide.md), as quoting them (quotesQuestion) or two of their numbers
 * (rereadsConditions) is. A condition is a clause of the question (between sentence ends, bullets,
 * semicolons and line breaks) of CONDITION_MIN to 160 characters and three words or more, not
 * its ask nor after it (an option listed); the clauses are worked out once per record (conditionClauses) and each compared with
 * the check's text by String.includes, case folded. A short pass only (RESTATED_CONDITIONS_GAP: 600
 * characters at pass 80a, 1000 at pass 80g).
 */
function restatesConditions(text: string): boolean {
  if (text.length > RESTATED_CONDITIONS_GAP) return false;
  const clauses = (questionClauses ??= conditionClauses(questionText));
  if (clauses.length < 2) return false;
  const lower = text.toLowerCase();
  let n = 0;
  for (const c of clauses) if (lower.includes(c) && ++n >= 2) return true;
  return false;
}
const RESTATED_CONDITIONS_GAP = 1000;
const CONDITION_MIN = 12;
const clauseSplitRe = /[.;:!?\n]+(?:\s|$)|\n|\s[*\u2022-]\s|\s+(?:and|but)\s+/;
const bulletRe = /^[\s*\u2022-]+/;
/** The question's clauses that state a condition, lower case (restatesConditions); at most 60. */
function conditionClauses(question: string): string[] {
  const out = new Set<string>();
  // The conditions come before the ask: the options listed after it are no condition.
  const q = question.indexOf('?');
  for (const part of (q >= 0 ? question.slice(0, q) : question).split(clauseSplitRe)) {
    const c = part.replace(bulletRe, '').trim().toLowerCase();
    if (c.length < CONDITION_MIN || c.length > 160 || askedRe.test(c) || c.split(' ').length < 3) continue;
    out.add(c);
    if (out.size >= 60) break;
  }
  return [...out];
}
let questionClauses: string[] | undefined;

/**
 * Pass 80h: a case tested in words, followed to a consequence and ruled out ("if Eve is in position
 * 2, then Dan would be in 3. But Ben is already in 3. So that's impossible"), after a decision marker
 * or not: the guide's re-check in words that tests a case, new work (docs/annotation-guide.md). An
 * "if" (found by indexOf on the lower-cased text) followed within CASE_REACH characters, in the same
 * paragraph, by a word that rules the case out, with "then", "would", "could" or "means" before it.
 */
function testsCaseInWords(text: string): boolean {
  const lower = text.toLowerCase();
  for (let k = lower.indexOf('if '); k >= 0; k = lower.indexOf('if ', k + 3)) {
    if (k > 0 && /[a-z]/.test(lower[k - 1])) continue;
    let end = text.indexOf('\n\n', k);
    if (end < 0 || end > k + CASE_REACH) end = Math.min(text.length, k + CASE_REACH);
    const window = text.slice(k, end);
    const m = caseRuledOutRe.exec(window);
    // The case followed to a consequence ("then Dan would be in 3", "Mia could not sit"), not a value
    // dismissed on a condition already known ("If z = -1, but z must be positive ... invalid").
    if (m !== null && caseConsequenceRe.test(window.slice(0, m.index))) return true;
  }
  return false;
}
const CASE_REACH = 240;
const caseConsequenceRe = /\b(?:then|would|could|means)\b/i;
const caseRuledOutRe =
  /\b(?:impossible|invalid|not valid|not possible|violat(?:es|ed|ing)|contradict(?:s|ion)|conflict(?:s|ing)?|(?:doesn't|does not|wouldn't|would not) work|can't be|cannot be)\b/i;

/** The question of the record being read (segmentAttempts sets it): what quotesQuestion compares with. */
let questionText = '';
/** questionText without its math delimiters (plainMath), what a quote that drops them is compared with. */
// (Worked out when a quote is first compared, not for every record: most records quote nothing.)
let questionPlain: string | undefined;
// A quote of the question often drops its math delimiters ('"... reflected at H."' for "... at $H$.",
// '"integers \\( n \\)"' for "integers $n$"): both sides are compared without them, runs of spaces
// made one.
const mathDelimiterRe = /\$|\\[()]/g;
const spacesRe = / {2,}/g;
const plainMath = (s: string): string => s.replace(mathDelimiterRe, '').replace(spacesRe, ' ');

/**
 * After a decision marker, a re-check that quotes the question's own words ('But the problem says
 * "the critical angle for the light to be internally reflected at H." So, the answer is 41.8
 * degrees') re-reads a condition: new work by the guide's re-check point (docs/annotation-guide.md),
 * as quoting two of its numbers is (rereadsConditions). The quote is a run in straight or curly
 * double quotes, 16 to 200 characters, found word for word in the question; a bare "Yes, that
 * seems right", a quoted word of the model's own ("the "total"") and the question's ask quoted
 * ("What percentage ...?": what is asked, no condition) are not one, nor is talk about the format
 * ("Final check of the prompt: ..."). segmentAttempts asks it only after a marker and only of a
 * strong statement ("So the answer is 284"), pass 33 (docs/segmentation-eval.md). Word for word
 * also with the math delimiters dropped on both sides (plainMath, pass 49); with `whole`, a quote
 * that ends where a sentence of the question does (inQuestion; rereadWithoutMarker). One pass over
 * the gap's characters, no pattern.
 */
function quotesQuestion(text: string, whole = false): boolean {
  if (questionText.length < 16 || formatTalkRe.test(text)) return false;
  for (let i = nextQuote(text, 0); i >= 0;) {
    const j = nextQuote(text, i + 1);
    if (j < 0) return false;
    const quote = text.slice(i + 1, j).trim();
    if (quote.length >= 16 && quote.length <= 200 && !askedRe.test(quote) && !placeholderRe.test(quote)) {
      const q = quote.replace(/[.,!]$/, '');
      if (inQuestion(questionText, q, whole)) return true;
      const plain = plainMath(q).trim();
      if (plain.length >= 16 && inQuestion((questionPlain ??= plainMath(questionText)), plain, whole)) return true;
    }
    i = nextQuote(text, j + 1);
  }
  return false;
}

/**
 * Is `quote` in `question`, and with `whole`, where one of its sentences ends (the question's text
 * right after it ends or is ".", "?", "!" or a line break): a condition re-read in full, not a
 * phrase taken up in passing ('the problem specifies "represent a real number," so ...').
 */
function inQuestion(question: string, quote: string, whole: boolean): boolean {
  if (!whole) return question.includes(quote);
  for (let k = question.indexOf(quote); k >= 0; k = question.indexOf(quote, k + 1)) {
    const c = codeAt(question, k + quote.length);
    if (c < 0 || c === 46 || c === 63 || c === 33 || c === 10 || c === 0x3002 || c === 0xff1f) return true;
  }
  return false;
}

/**
 * After a decision marker, a question raised about the answer and answered with a reason before
 * the answer is stated again ("But could the order of the terms matter? The terms are all
 * positive, so they can be summed in any order. So the answer is p - q"): the guide's re-check in
 * words that re-reads a condition or tests a case, new work, so the strong statement after it is an
 * echo (docs/annotation-guide.md, "Restatements merge; re-derivations do not"). A question
 * dismissed in one breath ("Could the order matter? No."), a bare "Is that right? Yes.", format
 * talk, a recap, a re-check given up and a guess at what the question wants are not: the reply
 * after the question must run to REASON_WORDS words or more and give a reason (reasonRe). A short
 * pass only (RAISED_CHARS, at most 700 characters read): a long one is read by the other tests.
 * Asked, as quotesQuestion is, only after a marker; of a conclusion (strength 2 or more; pass 41 asked it of
 * strong statements only, pass 71d of weaker conclusions too: "So, the angle should indeed be 45°"). For a
 * weaker one (`reasonInReply`) the reason must be in the reply itself, not the phrase that raised the
 * question ("the problem says ..., and that holds. That gives 230" grants a condition in one breath).
 */
function answersRaisedQuestion(body: string, from: number, cand: Statement, reasonInReply = false, sentenceReason = false): boolean {
  if (cand.start - from > RAISED_CHARS) return false;
  const text = body.slice(from, sentenceStart(body, from, cand.start));
  // Where the question is raised: its "?", or the last phrase that raises one in words ("let's
  // consider if", "I need to make sure that") or re-reads the question ("the problem says").
  let q = text.lastIndexOf('?');
  let after = q + 1;
  raiseRe.lastIndex = 0;
  for (let m = raiseRe.exec(text); m !== null; m = raiseRe.exec(text))
    if (m.index > q) {
      q = m.index;
      after = m.index + m[0].length;
    }
  if (q < 0) return false;
  let words = 0;
  for (let i = after, inWord = false; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter && !inWord) words++;
    inWord = letter || (inWord && c === 39);
  }
  const reply = text.slice(reasonInReply ? after : q);
  if (words < REASON_WORDS || !(reasonRe.test(reply) || (sentenceReason && sentenceReasonRe.test(reply)))) return false;
  // The reply and the answer's own sentence: a guess at what is wanted decides nothing.
  if (guessRe.test(body.slice(from + q + 1, cand.end))) return false;
  return !formatTalkRe.test(text) && !recapRe.test(text) && !giveUpRe.test(text);
}
const RAISED_CHARS = 700;
const REASON_WORDS = 10;
// A reply that guesses what the question wants ("the problem likely expects one answer") examines nothing.
const guessRe = /\b(?:likely|probably|presumably) (?:expects?|wants?|intends?|means?)\b/;
// The reply gives a reason: it says why, or what the question or a definition says.
const reasonRe =
  /\b(?:because|since|regardless|defined|the (?:problem|question)(?: statement)? (?:says|states|mentions|asks|is asking|specifies|requires))\b/;
// Pass 85a: the reason opening a sentence of the reply ("Since parabola opens downward and crosses x-axis
// at two points, the region is bounded."), read where a check raised without a marker is answered.
const sentenceReasonRe = /(?:^|[.!?]\s{1,3}|\n)(?:Because|Since)\b/;
const raiseRe =
  /\b(?:consider|check|see|verify|make sure|confirm|ensure) (?:if|whether|that)\b|\bthe (?:problem|question)(?: statement)? (?:says|states|mentions|asks|is asking|specifies|requires)\b/g;

// The question's ask quoted ("What percentage of the students ...?", "Find the sum"): what is
// asked, not a condition re-read.
const askedRe = /\?|^(?:[Ww]hat|[Hh]ow|[Ww]hich|[Ff]ind|[Cc]ompute|[Dd]etermine|[Cc]alculate)\b/;
/**
 * Pass 77d. A value inside a run between double quotes (straight or curly) that copies the question
 * word for word, the model reading the problem out ('It says, "In triangle ABC, AB = 17, AC = 8, and
 * BC = 15. Let D be ..."'), is the question's value quoted, no conclusion (docs/annotation-guide.md: a
 * number quoted from the question is no candidate). The quote runs 16 to 1000 characters, compared
 * as quotesQuestion compares (also with the math delimiters dropped on both sides), and holds at
 * least 16 characters besides the value: a quoted option content given as the pick ('"None of the
 * other choices" is the correct option') is the value alone. One pass over the quotes of the
 * attempts' region; statements and quotes both in text order, and only a quote that holds a statement
 * is compared.
 */
function outsideQuestionQuotes(body: string, statements: Statement[], from: number, to: number): Statement[] {
  if (questionText.length < 16 || statements.length === 0) return statements;
  const spans: number[] = [];
  let p = 0;
  for (let i = nextQuote(body, from); i >= 0 && i < to;) {
    const j = nextQuote(body, i + 1);
    if (j < 0 || j > to) break;
    // Only a quote that holds a statement is compared with the question (statements are in text order).
    while (p < statements.length && statements[p].start <= i) p++;
    if (p === statements.length) break;
    const raw = statements[p].start < j ? body.slice(i + 1, j).trim() : '';
    const q = raw.replace(/[.,!]$/, '');
    if (q.length >= 16 && q.length <= 1000) {
      const plain = plainMath(q).trim();
      if (questionText.includes(q) || (plain.length >= 16 && (questionPlain ??= plainMath(questionText)).includes(plain)))
        spans.push(i + 1, j);
    }
    i = nextQuote(body, j + 1);
  }
  if (spans.length === 0) return statements;
  const kept: Statement[] = [];
  let k = 0;
  for (const st of statements) {
    while (k < spans.length && spans[k + 1] <= st.start) k += 2;
    const inside = k < spans.length && st.start >= spans[k] && st.end <= spans[k + 1] && spans[k + 1] - spans[k] >= st.end - st.start + 16;
    if (!inside) kept.push(st);
  }
  return kept;
}

/** The next double quote, straight or curly, at or after k; -1 when none. */
function nextQuote(text: string, k: number): number {
  // A character-class scan: about 2.4x faster over the bench's bodies than a loop over every
  // character, which was most of outsideQuestionQuotes' time.
  quoteRe.lastIndex = k;
  const m = quoteRe.exec(text);
  return m === null ? -1 : m.index;
}
const quoteRe = /["\u201c\u201d]/g;

/**
 * Where each number standing alone (multiDigitRe) first occurs in a body, built once per body (one
 * scan) and kept for the record being read: asking for each number of each gap whether it came
 * before would rescan the body's prefix every time.
 */
// Its own instance: newNumbers is iterating multiDigitRe when it asks.
const multiDigitBody = new RegExp(multiDigitRe.source, 'g');
let firstSeenBody: string | undefined;
let firstSeen = new Map<string, number>();

function firstOccurrences(body: string): Map<string, number> {
  if (body === firstSeenBody) return firstSeen;
  const out = new Map<string, number>();
  multiDigitBody.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = multiDigitBody.exec(body)) !== null) if (!out.has(m[0])) out.set(m[0], m.index);
  firstSeenBody = body;
  firstSeen = out;
  return out;
}

/** Does the number `n` stand alone somewhere in body[0, before)? (A table or a recap restates values worked out before.) */
function seenBefore(body: string, n: string, before: number): boolean {
  const k = firstOccurrences(body).get(n);
  return k !== undefined && k + n.length <= before;
}

/**
 * Where the sentence holding a statement that ends at `from` ends (at most `to`): the rest of that
 * sentence explains the value ("= \\boxed{39263}, from 34790 + 4473.") rather than working on.
 */
function sentenceEnd(body: string, from: number, to: number): number {
  for (let k = from; k < to && k < from + 300; k++) {
    const c = body.charCodeAt(k);
    if (c === 10 || ((c === 46 || c === 33 || c === 63) && (k + 1 >= body.length || isSpace(body.charCodeAt(k + 1))))) return k;
  }
  return Math.min(to, from + 300);
}

/** Where the sentence (or line) holding offset k starts, not before `floor`. */
function sentenceStart(body: string, floor: number, k: number): number {
  for (let j = k; j > floor && j > k - 300; j--) {
    const c = body.charCodeAt(j - 1);
    if (c === 10 || ((c === 46 || c === 33 || c === 63) && isSpace(body.charCodeAt(j)))) return j;
  }
  return Math.max(floor, k - 300);
}

// A unit or two after a value ("= 204 minutes", "= 12 sq ft"), not words that go on ("= 27 and ...").
const unitAfterRe = /[ \t]{0,2}([A-Za-z][A-Za-z/]{0,10})(?:[ \t]([A-Za-z][A-Za-z/]{0,10}))?/y;
const notUnitRe = /^(?:and|or|so|which|then|is|are|was|x|times|plus|minus|mod|by|for|from|of|to|in|if|but|when|with|each|per)$/i;

/** Does the value ending at k end its line (past blanks, a unit word or two, a math closer, a bold closer, a full stop)? */
function endsLine(body: string, k: number): boolean {
  unitAfterRe.lastIndex = k;
  const u = unitAfterRe.exec(body);
  if (u !== null && !notUnitRe.test(u[1]) && (u[2] === undefined || !notUnitRe.test(u[2]))) k += u[0].length;
  // Stop 43 (fx43): or a unit or counter of another script ("= 450 円。", "= 1160 рублей."), as statements.ts reads it.
  else if (u === null) {
    let j = k;
    while (j < k + 2 && (body.charCodeAt(j) === 32 || body.charCodeAt(j) === 9)) j++;
    if (body.charCodeAt(j) >= 0x80) {
      const e = otherUnitEnd(body, j, body.length);
      if (e > j) k = e;
    }
  }
  const n = Math.min(body.length, k + 12);
  while (k < n) {
    const c = body.charCodeAt(k);
    if (c === 10 || c === 13) return true;
    // (A full stop of another script as "." is: "= 450。", "= 1160।".)
    if (
      c === 32 ||
      c === 9 ||
      c === 36 ||
      c === 46 ||
      c === 42 ||
      c === 41 ||
      c === 93 ||
      c === 0x3002 ||
      c === 0xff01 ||
      otherSentenceEnd(c)
    )
      k++;
    else if (c === 92 && (body.charCodeAt(k + 1) === 41 || body.charCodeAt(k + 1) === 93)) k += 2;
    else return false;
  }
  return k >= body.length;
}

// A line that opens another pass over the problem: a short heading, ending in a colon, that names
// a re-check or another method ("Recheck:", "Other way:", "Cross-check, splitting 3976:",
// "Verify: 7777 * 700 = ...", "Different split (16471):"), not the next step of the same one
// ("Unbroken bottles: 560 − 30 = 530").
const headingRe = /^[ \t*]{0,4}[A-Za-z][A-Za-z ,'()\d-]{0,40}:/;
const recheckWordRe =
  /\b(?:re-?check\w*|cross-check\w*|check\w*|verif\w*|confirm\w*|re-?comput\w*|re-?calculat\w*|re-?do\w*|re-?add\w*|plug\w*|other|another|different|alternative\w*|again)\b/i;

/** Is the next non-blank line after offset k (or the one after a short comment without numbers, "Makes sense.") a heading that opens new work? */
function headingAfter(body: string, k: number): boolean {
  let nl = body.indexOf('\n', k);
  for (let skipped = 0; nl >= 0 && skipped < 2; skipped++) {
    while (body.charCodeAt(nl + 1) === 10) nl++;
    const line = body.slice(nl + 1, nl + 48);
    const h = headingRe.exec(line);
    if (h !== null && recheckWordRe.test(h[0])) return true;
    const next = body.indexOf('\n', nl + 1);
    if (next < 0 || next - nl > 40 || /\d/.test(body.slice(nl + 1, next))) return false;
    nl = next;
  }
  return false;
}

/**
 * Pass 91a: does the sentence of `later`, before its value, compute with the value of `earlier` (a plain
 * number there beside an operator or a word of arithmetic: "240 divided by 3 equals 80", "2500 - 2550 =
 * -50")? Read within `later`'s sentence only (sentenceStart, at most 300 characters), after `earlier`.
 */
function computesWith(body: string, earlier: Statement, later: Statement): boolean {
  if (earlier.strength > 4 || later.strength < 1 || !plainOperandRe.test(earlier.normalized)) return false;
  const from = sentenceStart(body, earlier.end, later.start);
  const text = body.slice(from, later.start);
  const v = earlier.normalized;
  for (let k = text.indexOf(v); k >= 0; k = text.indexOf(v, k + 1)) {
    const before = text.charCodeAt(k - 1);
    const after = text.charCodeAt(k + v.length);
    // The whole number, not a part of "1092" or "2.5".
    if (isDigitCode(before) || before === 46 || isDigitCode(after) || (after === 46 && isDigitCode(text.charCodeAt(k + v.length + 1))))
      continue;
    if (operandBeforeRe91.test(text.slice(Math.max(0, k - 14), k)) || operandAfterRe91.test(text.slice(k + v.length, k + v.length + 14)))
      return true;
  }
  return false;
}
const plainOperandRe = /^-?\d+(?:\.\d+)?$/;
const operandBeforeRe91 = /(?:[-+*/\u00d7\u2212]|\\times|\\cdot|\b(?:divided by|times|plus|minus|multiplied by))[ \t$]{0,3}$/;
const operandAfterRe91 = /^[ \t$]{0,3}(?:[-+*/\u00d7\u2212]|\\times|\\cdot|(?:divided by|times|plus|minus|multiplied by)\b)/;

/** Pass 94g: a weak result (an equation's or a clause's, strength 1-2) that closes the text: no more than 80 characters, no digit, after it. */
function lastWordAfterCorrection(body: string, st: Statement, regionEnd: number): boolean {
  if (st.strength < 1 || st.strength > 2 || st.fromQuestion || st.tentative || st.partial || st.term || st.ofOther || st.closesOther)
    return false;
  // Not where the text stops at the value or inside its expression ("... - (-3√2"): cut off, not concluded.
  if (regionEnd - st.end > 80 || body.slice(regionEnd).trim() !== '' || !valueClosesRe.test(body.slice(st.end, st.end + 3))) return false;
  const tail = body.slice(st.end, regionEnd);
  return !/\d/.test(tail) && !confirmedTailRe.test(tail);
}
// Pass 94g: a segment that opens as a check ("Wait, let me check numerically ...") ends in a correction only
// where it says what was wrong ("not 5", "I forgot ...", "should be"); otherwise its last value is the
// check's ("... the partial sum 0.2996 approaches it").
const correctedBefore = (segment: string): boolean => !checkOpensRe.test(segment.slice(0, 80)) || correctionWordsRe.test(segment);
const checkOpensRe = /(?:check|verify|confirm|plug|sanity|make sure|to be sure)/i;
const correctionWordsRe =
  /\b(?:not|wrong|mistake|slip(?:ped)?|error|incorrect|should (?:be|have)|forg[eo]t\w{0,3}|missed|left out|instead|fix(?:ed)?|redo|oops)\b|\u2260/i;
// After a result: a check's verdict on it ("Yes.", "That's right.", "✓", "The method works.").
const confirmedTailRe =
  /\b(?:yes|yep|good|right|correct|checks?|consistent|works|fine|ok|okay|matches|same|confirm\w{0,4})\b|[\u2713\u2714]/i;

/**
 * Pass 94h: a weak value (strength 1-2, not about the asked quantity) that a hesitation right after it
 * doubts and at once confirms ("... is 7.48. Hold on, is that right? Yes, I double-checked.", "... $460.
 * Wait, am I mixing up the numbers... no, that's fine.") and the work then computes with ("Last step:
 * $460 minus ..."): a step the model keeps, not a decision it goes back on. Reads at most 200
 * characters after the value, then operandNext's 100.
 */
function usedAfterConfirmedDoubt(body: string, st: Statement, regionEnd: number): boolean {
  if (st.strength > 2 || st.aboutTarget) return false;
  const tail = body.slice(st.end, Math.min(regionEnd, st.end + 200));
  const m = confirmedDoubtRe.exec(tail);
  if (m === null || /\d/.test(tail.slice(0, m.index))) return false;
  return operandNext(body, st.value, st.end + m.index + m[0].length - 1, regionEnd);
}
// A doubt answered at once: "? Yes, ...", ". Yes, that matches ...", "... no, that's fine.", "Doesn't matter ...".
const confirmedDoubtRe =
  /(?:[?.!][ \t]{1,2}(?:yes|yep|yeah)\b|\bno,?[ \t](?:that's|it's|that is|it is)[ \t](?:fine|right|okay|ok)\b|\b(?:doesn't|does not) matter\b)[^.!?\n]{0,80}[.!]/i;

/** Only a few characters without a digit (a unit, a closer, a full stop) between a value ending at `end` and its segment's marker at `segEnd`. */
const endsSegment = (body: string, end: number, segEnd: number): boolean => segEnd - end <= 24 && !/\d/.test(body.slice(end, segEnd));

// A marker's sentence that doubts a result just stated (not one that plans the next step). Pass 94f: a slip
// admitted in the first person too ("Oops, ...", "My mistake: ...", "I forgot the shipping", "I see the
// problem"); not "a mistake" alone ("Alternatively, maybe there's a mistake in my setup"). Pass 96a: the
// slip admitted with other verbs, by "I" or "we" ("I left out the tip", "We double counted the multiples
// of 30", "I dropped the factor", "I think I slipped on ..."), not asked ("let me see if I missed ...").
const doubtRe =
  /^[^\n]{0,40}?\b(?:made (?:a|an) (?:mistake|error)|(?:doesn't|does not|can't|cannot|don't|do not) (?:seem|look|sound|be) right|(?:is|was) (?:that|this) (?:right|correct)|that's (?:not right|wrong)|(?:that|the) last step is (?:off|wrong)|set (?:this|it) up wrong|(?:seems?|looks?|sounds?|is) (?:a bit |rather |really |very |still |way )?(?:odd|off|strange|wrong|unlikely|unrealistic|implausible|too (?:high|low|big|small|large))\b|contradicts (?:my|the) (?:previous|earlier|first)|(?:my|small) (?:mistake|error|slip)\b|oops\b|(?<!\b(?:if|whether|sure|that|not) )\b(?:I|we) (?:forgot|miscounted|misread|mixed up|dropped|left out|missed|skipped|overlooked|slipped|messed up|double[- ]counted|(?:added|subtracted|multiplied|divided|counted) wrong)\b|I (?:see|found|spotted) (?:the|my|an?) (?:problem|mistake|error|slip)\b)/i;

// The value ends there: a full stop, a closer, a unit word; not a symbol that goes on ("1 -3ω").
const valueClosesRe = /^(?:[$*)\]}.,;:!\s]|\\[)\]])/;
const stepWordsRe = /\b(?:multiplied by|times|divided by|plus|minus|perhaps|maybe|not)\b/i;

// A marker's sentence that gives the work up rather than doubting a result.
const abandonRe =
  /^[^\n]{0,24}?\b(?:(?:I'm|I am) (?:getting )?(?:confused|lost)|this is getting (?:confusing|messy)|careful\b|let me think about the next step|let me make sure I'm setting (?:this|it) up)/i;

// A marker's sentence that says the work goes on ("Hmm, okay, let me keep going.", "Hmm, fine so
// far.", "Wait, not done yet", "Hmm, that part is fine.", "Wait, one more step is needed"): the value
// before it is a step of the work, not a decision it goes back on (pass 60).
const goesOnRe =
  /^[^\n]{0,30}?\b(?:(?:fine|good|okay|ok|alright|all right) so far|so far so good|so far only|keep going|continu(?:e|ing)\b|carry (?:on\b|(?:these|the|this|those) [a-z]{1,12} forward)|(?:one|another|a few) more steps? (?:is|are) (?:needed|left)|not done yet|(?:this|it) is going (?:okay|ok|well|fine|smoothly)|that part is (?:fine|settled|done|right|correct|okay|solid)|where was I)/i;

/**
 * Does the marker's sentence (its first 60 characters) make the value before it a step: the work
 * abandoned or going on (abandonRe, goesOnRe)?
 */
const stepBeforeMarker = (after: string): boolean => abandonRe.test(after) || goesOnRe.test(after);

const boldResultRe = /[=\u2248][ \t]{0,2}\*\*[ \t]?(?:\\?\$|[\u00a3\u20ac\u00a5])?[ \t]?$/;

// A marker's sentence that rejects the value just stated ("Wait, that can't be right", "Hmm, that's
// impossible"), not one that asks whether it is right.
const rejectedRe =
  /^[^\n]{0,30}?\b(?:(?:that|this|it) (?:can't|cannot|can not|couldn't) (?:be right|be correct|be)|(?:that's|that is|this is) (?:impossible|not possible)|(?:that|this) doesn't make sense)/i;

const recheckAfterRe =
  /^[^\n]{0,30}?\b(?:let me (?:double-check|check|verify|reconsider|re-?think|re-?check)|actually|made an? (?:error|mistake)|not right|wrong)/i;

/** Is the value at `start` the result of a line (after its label, "- **Average:**") that is nothing but arithmetic on numbers ("(3 + 5) ÷ 2 = **4 hours**")? */
function arithmeticResultLine(body: string, start: number): boolean {
  const lineStart = body.lastIndexOf('\n', start) + 1;
  if (start - lineStart > 160) return false;
  const line = body.slice(lineStart, start);
  const label = line.lastIndexOf(':**');
  return arithmeticLineRe.test(label >= 0 ? line.slice(label + 3) : line);
}
const arithmeticLineRe = /^[ \t\-*]*(?:[\d.,()+\u2212\u00d7\u00f7*/$ \t-]|\d[ \t]?[x%])+=[ \t]?\*\*[ \t]?\$?[ \t]?$/;

/** A clause-level conclusion (strength 2 or more) ending its segment right before a marker that doubts it. */
function decidedBeforeDoubt(body: string, st: Statement, markerStart: number, choice: boolean, integer = false): boolean {
  if (
    st.strength < 2 ||
    // m + n of integers: a fraction doubted ("the probability is 255/256. But wait, this seems too
    // high") is the value m and n are read from, not the answer (as concludesByCue reads it).
    (integer && !wholeRe.test(st.normalized)) ||
    st.strength >= 4 ||
    choice ||
    st.fromQuestion ||
    st.tentative ||
    (st.closesOther && !(st.rule === 'bold' && arithmeticResultLine(body, st.start))) ||
    st.partial ||
    st.term ||
    st.ofOther
  )
    return false;
  if (!endsSegment(body, st.end, markerStart) || !valueClosesRe.test(body.slice(st.end, st.end + 3))) return false;
  // A result set in bold after its computation ("(3 + 5) ÷ 2 = **4 hours**", "≈ **$3,573.05**")
  // is a decision by its typography: a marker that re-checks it ("Let me double-check that",
  // "Hmm, let me reconsider") goes back on it. One that reasons on ("Hmm, the triangle's base is
  // ...") leaves it a sub-result.
  if (
    st.rule === 'bold' &&
    boldResultRe.test(body.slice(Math.max(0, st.start - 8), st.start)) &&
    recheckAfterRe.test(body.slice(markerStart, markerStart + 60))
  )
    return true;
  // The doubt may come before the marker ("= 2473. / Is that correct? / Wait a second."), or after
  // the marker's opening sentences that only announce a second look (doubtAfterOpening).
  if (
    !doubtRe.test(body.slice(markerStart, markerStart + 90)) &&
    !doubtRe.test(body.slice(st.end, markerStart).replace(/^[^A-Za-z]+/, '')) &&
    !doubtAfterOpening(body, markerStart) &&
    !correctedByNot(body, markerStart)
  )
    return false;
  // Arithmetic in words ("6505 multiplied by 20 gives 130100") or a hedged or negated clause
  // ("so perhaps n = 2 is not a solution modulo 289") works out or rejects a step, not the answer.
  return !stepWordsRe.test(body.slice(sentenceStart(body, Math.max(0, st.start - 300), st.start), st.start));
}

/**
 * Pass 96b: the marker's paragraph says the result was a mistake after opening sentences that only
 * announce a second look, no number in them ("Hmm, actually, let me go back over this. Hold on, I think I
 * made a mistake in ...", "Hold on a second. Inside the block the two can swap places. I forgot that
 * factor"): doubtRe at each sentence start in the paragraph's first OPENING_CHARS characters, up to the
 * first digit or equals sign (where new work starts, a doubt is of that work).
 */
function doubtAfterOpening(body: string, markerStart: number): boolean {
  let win = markerOpening(body, markerStart);
  const work = win.search(/[\d=]/);
  if (work >= 0) win = win.slice(0, work + 1);
  for (let i = nextSentence(win, 0); i >= 0; i = nextSentence(win, i + 1)) {
    const rest = win.slice(i + 2);
    // A hedged sentence ("Maybe I made a mistake in applying the lemma") wonders; it admits nothing.
    if (!hedgedOpeningRe.test(rest) && doubtRe.test(rest)) return true;
  }
  return false;
}
const OPENING_CHARS = 240;
/** The marker's paragraph from the marker, its first OPENING_CHARS characters (passes 96b, 96c). */
function markerOpening(body: string, markerStart: number): string {
  const win = body.slice(markerStart, markerStart + OPENING_CHARS);
  const blank = win.search(blankLineRe);
  return blank >= 0 ? win.slice(0, blank) : win;
}
/**
 * Pass 96c: the marker's first or second sentence sets a value or a reading right against another with
 * ", not" ("The cross term is 2lw = 1080, not 540.", "Wait. The trip is 5 days, not 6", "the problem says
 * at least one, not exactly one"): a correction of the work before the marker, as doubtRe's admissions are.
 * Only where a value follows "not" within its clause (a digit, "$" or a LaTeX command: "not the sticker
 * price", "not Clara", "Hmm, not helpful" set no value right), and not after an ellipsis ("gives 120,400...
 * wait, 3 times 2 is 6, not 4": a step caught in passing, never adopted).
 */
function correctedByNot(body: string, markerStart: number): boolean {
  if (ellipsisBeforeRe.test(body.slice(Math.max(0, markerStart - 6), markerStart))) return false;
  const win = markerOpening(body, markerStart);
  const first = nextSentence(win, 0);
  const second = first >= 0 ? nextSentence(win, first + 1) : -1;
  const head = second >= 0 ? win.slice(0, second + 1) : win;
  return commaNotRe.test(head);
}
const ellipsisBeforeRe = /(?:\.\.\.|\u2026)[ \t]{0,2}$/;
const commaNotRe = /,[ \t]{1,2}not[ \t]{1,2}[^.\n,;:!?]{0,24}?[\d$\\]/;
const hedgedOpeningRe = /^[ \t]{0,2}(?:maybe|perhaps|possibly|probably)\b/i;
/** The next ". ", "! " or "? " at or after `from` in `s` (-1 if none). */
function nextSentence(s: string, from: number): number {
  for (let i = from; i < s.length - 1; i++) {
    const c = s[i];
    if ((c === '.' || c === '!' || c === '?') && (s[i + 1] === ' ' || s[i + 1] === '\n')) return i;
  }
  return -1;
}

/**
 * Pass 76: a clause-level conclusion (strength 2: "So the club needs to sell 41 tickets.", "Hence the
 * sum equals 15/16.", "So d = 2√10.") or a result set in bold ("Trips needed = **6**", 76c) of what the quantity is ("is", "=", "get" right before the
 * value, not "mod 8" or "by 8"), closing its paragraph (at most 40 characters and no digit after it
 * before a blank line), the next paragraph opening with a marker that checks the result
 * (checksTheResult). Not a tried, quoted or partial value, not one term of the asked expression, not
 * of something else, not multiple choice.
 */
function paragraphConclusion(body: string, st: Statement, markerStart: number, choice: boolean, integer = false): boolean {
  if (
    st.strength !== 2 ||
    (st.rule !== 'conclusion' && st.rule !== 'bold') ||
    (integer && !wholeRe.test(st.normalized)) ||
    choice ||
    st.fromQuestion ||
    st.tentative ||
    st.partial ||
    st.term ||
    st.ofOther
  )
    return false;
  if (markerStart - st.end > 80 || !valueClosesRe.test(body.slice(st.end, st.end + 3))) return false;
  if (!copulaBeforeRe.test(body.slice(Math.max(0, st.start - 16), st.start)) || candidateAfterRe.test(body.slice(st.end, st.end + 30)))
    return false;
  const gap = body.slice(st.end, markerStart);
  const blank = gap.search(blankLineRe);
  return blank >= 0 && blank <= 40 && !/\d/.test(gap) && /^\s*$/.test(gap.slice(blank)) && checksTheResult(body, markerStart);
}
/**
 * Pass 76d: a weak statement of a value (below strength 3; not tried, quoted, partial, one term or of
 * something else; not multiple choice) followed at once (no digit between, at most one line break) by
 * words saying it disagrees with an earlier result ("That is different from the 13 days we found
 * first", "Not a match.", "which doesn't match my first answer", "now we have two different
 * answers"): the result of a check, which the guide counts as an attempt whatever comes next.
 */
function mismatchAfter(body: string, st: Statement, choice: boolean): boolean {
  if (choice || st.fromQuestion || st.tentative || st.partial || st.term || st.ofOther || st.strength >= 3) return false;
  if (!valueClosesRe.test(body.slice(st.end, st.end + 3))) return false;
  return mismatchAfterRe.test(body.slice(st.end, st.end + 70));
}
// Pass 97d: also "not matching", "not the same" ("= 40% — not the same!"), "disagrees", "that's off / different
// from", "not what I had / got / found".
const mismatchAfterRe =
  /^[^\n\d]{0,16}?(?:\n[^\n\d]{0,4})?\b(?:(?:that's|that is|this is|which is|it's|a) (?:different|not the same|a different (?:number|answer|result|value))|(?:doesn't|does not|don't|do not) (?:match|agree)|not a match|(?:now )?(?:we|I) (?:have|get|got) two different|(?:the )?two (?:results|answers|values) (?:disagree|differ)|mismatch|not (?:matching|the same)|disagrees?|(?:that's|that is|this is|it's) (?:off|different) from|not what (?:I|we) (?:had|got|found))/i;
const blankLineRe = /\n[ \t]{0,8}\n/;
const copulaBeforeRe =
  /(?:=|\b(?:is|are|equals?|get|gives?|got|be|becomes?|comes to|makes?))[ \t]{0,2}(?:\$|\\\(|\*\*|\\\[)?[ \t]{0,2}[$\u00a3\u20ac]?$/;
// "p = 17 is a candidate": a value offered, not concluded.
const candidateAfterRe = /^[^\n.]{0,12}?\b(?:is|as) (?:a|one) (?:candidate|possibility|possible|guess)/i;

/**
 * Pass 76: does the marker at markerStart open a check of the result just stated ("Hmm, wait. Let me
 * double-check that.", "Let me check by solving it another way.", "Wait, I think I made a mistake")?
 * Not a check of one step or of something it names ("Let me double-check one step", "Let me
 * double-check $\\binom{9}{3}$", "check if this is true"), not a doubt found right at once ("Is that
 * right? ... yes, same thing"), not a rejection on sight ("Wait, that can't be right", "But wait, no").
 */
function checksTheResult(body: string, markerStart: number): boolean {
  const after = body.slice(markerStart, markerStart + 90);
  if (!(recheckAfterRe.test(after) || doubtRe.test(after) || otherMethodRe.test(after))) return false;
  return !(
    stepCheckRe.test(after) ||
    namedCheckRe.test(after) ||
    rejectedRe.test(after) ||
    waitNoRe.test(after) ||
    confirmedRe.test(body.slice(markerStart, markerStart + 200))
  );
}
const otherMethodRe =
  /^[^\n]{0,50}?\b(?:(?:another|a second|a different|other) (?:way|method|approach|route)|redo|re-?verify|re-?compute|recalculate)\b/i;
const stepCheckRe =
  /^[^\n]{0,60}?\b(?:(?:one|a|an|that|this|the|each) (?:last |arithmetic |intermediate )?(?:step|bit|part|piece|term|factor|multiplication|division|addition|subtraction)|step by step)\b/i;
const namedCheckRe =
  /\b(?:double[- ]check|check|verify|re-?check|confirm|redo|recompute)[ \t]{1,2}(?:if\b|whether\b|that (?:the|there|these|those)\b|these\b|those\b|the [a-z]+ (?:of|for)\b|\$|\\|\d|[A-Za-z]\(|one\b|each\b)/i;
const waitNoRe = /^(?:but )?wait[,.!]?[ \t]{1,2}no\b/i;

/**
 * A bare result line of arithmetic on numbers (`st`, "= v" ending its line: "4 + 5 = 9", "420 ÷ 70 =
 * 6 hours.") that ends its segment right before a marker whose sentence says it was a mistake (doubtRe:
 * "something seems off", "that's not right"; or "Actually, no", "should be", "I made an error"), the
 * doubt not resolved as "same thing", its value not computed with next and not written again in the
 * 2,000 characters after the marker: the guide's value adopted and later corrected, a candidate
 * (docs/annotation-guide.md: "a value rejected on sight, never adopted, is not a candidate; a value
 * adopted and later corrected is"). Not a variable's value ("y = 56/8 = 8"), not an equation with
 * unknowns on its left ("(a^2) b^2 - 27ab + ... = 0"), not multiple choice. Pass 66.
 */
function resultDoubted(body: string, st: Statement, markerStart: number, regionEnd: number, choice: boolean): boolean {
  if (
    st.rule !== 'equals' ||
    st.strength !== 1 ||
    choice ||
    st.fromQuestion ||
    st.tentative ||
    st.partial ||
    st.term ||
    st.ofOther ||
    st.closesOther
  )
    return false;
  if (!endsSegment(body, st.end, markerStart) || !valueClosesRe.test(body.slice(st.end, st.end + 3))) return false;
  const after = body.slice(markerStart, markerStart + 90);
  if (!doubtRe.test(after) && !correctionAfterRe.test(after) && !doubtAfterOpening(body, markerStart) && !correctedByNot(body, markerStart))
    return false;
  // Doubted and found right ("Is that right? Let me redo it... yes, same thing."): a step the model keeps.
  if (confirmedRe.test(body.slice(markerStart, markerStart + 200))) return false;
  const lineStart = body.lastIndexOf('\n', st.start - 1) + 1;
  if (st.start - lineStart > 200) return false;
  let left = body.slice(lineStart, st.start);
  const eq = left.lastIndexOf('=');
  if (eq < 0) return false;
  // A variable's value ("$y = \\frac{56}{8} = 8$"): a step toward the asked quantity, not a result of it.
  if (loneVariableRe.test(left.slice(0, left.indexOf('=')))) return false;
  left = left.slice(0, eq);
  left = left.slice(Math.max(left.lastIndexOf('='), left.lastIndexOf(':')) + 1).replace(numericLeftStripRe, ' ');
  if (!numericLeftRe.test(left) || !/\d/.test(left)) return false;
  if (operandNext(body, st.value, st.end, regionEnd)) return false;
  // Written again after the doubt (in the next 2,000 characters: a bounded read per statement), the
  // value is one the work goes on with: a step. A corrected result is left behind.
  const v = body.slice(st.start, st.end);
  const win = body.slice(markerStart, Math.min(regionEnd, markerStart + 2000));
  for (let w = win.indexOf(v); w >= 0; w = win.indexOf(v, w + 1)) {
    const b = win.charCodeAt(w - 1);
    const a = win.charCodeAt(w + v.length);
    if (!isValueCode(b) && !(isValueCode(a) && !(a === 46 && !isDigitCode(win.charCodeAt(w + v.length + 1))) && a !== 44)) return false;
  }
  return true;
}
const correctionAfterRe = /^[^\n]{0,30}?\b(?:actually,? no|made an? (?:error|mistake)|not right|wrong|should be|mistake|slip)/i;
const loneVariableRe = /(?:^|[\s$(])[A-Za-z][ \t]{0,2}$/;
const confirmedRe = /\b(?:same thing|same result|it was fine|that's what I had|checks out|still holds)\b/i;
const isValueCode = (c: number): boolean => isDigitCode(c) || c === 46 || c === 44;
const numericLeftStripRe = /\\(?:[dt]?frac|times|cdot|div|left|right|pi)|\u03c0|\$|\\\(|\\\[/g;
const numericLeftRe = /^[\d \t.,+\-\u2212*/\u00d7\u00f7\u00b7()!{}^\u00b2\u00b3]+$/;

/**
 * Per segment opened by a check or another method (checkMarkerRe, or a re-read of the question), the
 * last place in its first 1,500 characters where a value the record concludes explicitly (a
 * strength-3 statement of a value in strongValues, written with a digit) is written as the result of
 * arithmetic on numbers ("= v", "is v", "gives v" after a number; or after any result cue followed by
 * "again" / "as before" / "too"), closing its clause (no operator after it, no digit before the
 * sentence ends, not a question, not negated or the subject of what follows: "x = 1 is not a
 * solution"), in no recall of earlier work ("already", "concluded", "earlier"), and where no statement
 * is: a conclusion (strength 2) of that value. The guide: "the same value reached again through new work
 * (a check that recomputes, another method) is a new candidate with the same value" (an echo), however it
 * is phrased; readAttempts' tests for new work (echoAfterCheck, derivationBetween) then decide. Not for
 * multiple choice (the option verdicts are pass 65's). A bounded read per marker: linear in the text.
 */
function checkResults(
  body: string,
  statements: readonly Statement[],
  inRegion: readonly { m: MarkerMatch; j: number }[],
  strongValues: ReadonlySet<string>,
  regionEnd: number,
): Statement[] {
  const raws = new Set<string>();
  for (const st of statements)
    if (st.strength >= 3 && !st.tentative && !st.fromQuestion && digitRe.test(st.value) && isStrong(strongValues, st.normalized))
      raws.add(st.value);
  const out: Statement[] = [];
  if (raws.size === 0 || raws.size > 6) return out;
  let si = 0;
  for (let k = 0; k < inRegion.length; k++) {
    const m = inRegion[k].m;
    if (!checkMarkerRe.test(m.phrase) && !opensWithReread(body, m)) continue;
    const segEnd = k + 1 < inRegion.length ? inRegion[k + 1].m.start : regionEnd;
    const to = Math.min(segEnd, m.end + 1500);
    // The search runs on the window [m.end, to) alone: body.lastIndexOf would go on past m.end, where
    // the window holds no occurrence, back to the body's start, once per marker (quadratic, stop 43).
    const win = body.slice(m.end, to);
    let best = -1;
    let bestRaw = '';
    for (const raw of raws) {
      for (let i = win.lastIndexOf(raw, win.length - raw.length); i >= 0; i = i > 0 ? win.lastIndexOf(raw, i - 1) : -1) {
        const w = m.end + i;
        if (resultAt(body, w, raw, to)) {
          if (w > best) {
            best = w;
            bestRaw = raw;
          }
          break;
        }
      }
    }
    if (best < 0) continue;
    while (si < statements.length && statements[si].end < best) si++;
    if (si < statements.length && statements[si].start <= best + bestRaw.length) continue;
    const st = checkResultStatement(best, best + bestRaw.length, bestRaw, normalizeAnswer(bestRaw));
    checkResultSet.add(st);
    out.push(st);
  }
  return out;
}
const checkResultSet = new WeakSet<Statement>();
const computedCueRe = /\d[^\n\d]{0,14}(?:=|\b(?:is|gives?|equals|makes|leaves|totals?)|\u2192|->)$/;
const operatorAfterRe = /^[ \t)]{0,3}[/^*+\u00d7\u00f7=_]/;
const againRe = /^[^\n.!?]{0,16}\b(?:again|as before|too)\b/;
const recallRe = /\b(?:already|concluded|lead(?:s)? (?:me )?to|earlier|before|previously|summar|recap)/i;
const resultCueRe = /(?:=|\b(?:is|gives?|get|got|on|to|total|as|be|equals|makes|leaves|at)|:|\u2192|->|=>)$/;
/** An ASCII letter or digit (a module function, not a closure in resultAt: see judgeCandidate). */
const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
function resultAt(body: string, w: number, raw: string, to: number): boolean {
  const b = body.charCodeAt(w - 1);
  const a = body.charCodeAt(w + raw.length);
  if (isAsciiAlnum(b) || b === 46 || b === 44 || b === 47 || b === 94) return false;
  if (isAsciiAlnum(a) || ((a === 46 || a === 44 || a === 47) && isDigitCode(body.charCodeAt(w + raw.length + 1)))) return false;
  if (
    !valueClosesRe.test(body.slice(w + raw.length, w + raw.length + 3)) ||
    operatorAfterRe.test(body.slice(w + raw.length, w + raw.length + 6))
  )
    return false;
  const before = body.slice(Math.max(0, w - 40), w).replace(/[ \t$*(\\[]+$/, '');
  const after = body.slice(w + raw.length, Math.min(to, w + raw.length + 40));
  if (!computedCueRe.test(before) && !(resultCueRe.test(before) && againRe.test(after))) return false;
  // The line's start within 200 characters (-1 where none is and w < 200, as before): a bounded read,
  // not body.lastIndexOf('\n', w), which scans a body without line breaks back to its start (stop 43).
  const from = Math.max(0, w - 200);
  const nl = body.slice(from, w + 1).lastIndexOf('\n');
  const lineStart = nl >= 0 ? from + nl : Math.max(-1, w - 200);
  if (recallRe.test(body.slice(lineStart, w))) return false;
  let e = 0;
  while (e < after.length && !'.!?;\n'.includes(after[e])) e++;
  if (e < after.length && ((after[e] === '.' && isDigitCode(after.charCodeAt(e + 1))) || after[e] === '?')) return false;
  return !/\d/.test(after.slice(0, e)) && !negatedAfterRe.test(after.slice(0, e)) && clauseClosedRe.test(after);
}
// The value the subject of what follows ("x = 1 is not a solution"), or negated: a case tested, not a result.
// The value closes its clause: at most three unit words, then a sentence end, a connective ("so",
// "which"), "again", a check mark, or a confirmation ("(same)", "— matches", ", ok"); not a remark that
// leaves the line open ("— roughly, by my count", segmentRules32's 32f).
const clauseClosedRe =
  /^(?:[ \t]{0,2}[A-Za-z%\u00b0\u00b2\u00b3$*)\\\]]{1,12}){0,3}?[ \t]{0,2}(?:[.!;\n]|$|,[ \t]{0,2}(?:so|which|and|that|as|the same|same|fine|good|correct|right|yes|ok|okay|checks|matches|confirmed)\b|(?:again|as before|too)\b|\u2713|\u2714|\\checkmark|\((?:same|again|matches|check)|[\u2014\u2013-]{1,2}[ \t]{0,2}(?:same|match|agree|consistent|correct|check))/i;
const negatedAfterRe = /^[ \t]{0,2}(?:is|was|are|does|would|can|could|works)\b|\bnot\b|n't\b/;

/**
 * A one-digit result of arithmetic ("the total number of solutions is 6 + 1 = 7.") right before its
 * segment's marker, the value the record concludes explicitly elsewhere: the result line of the
 * asked quantity that the model moves on from, to a check (docs/annotation-guide.md). A one-digit
 * value is no candidate by its size alone (answerLike): every derivation has one; the arithmetic
 * right before it, the marker right after it and the explicit answer elsewhere say it is a result.
 */
function oneDigitResultBeforeMarker(body: string, st: Statement, segEnd: number, strongValues: ReadonlySet<string>): boolean {
  if (st.strength < 1 || st.strength >= 3 || st.fromQuestion || st.tentative || st.partial || st.term || st.ofOther || st.closesOther)
    return false;
  const v = st.normalized;
  if (v.length > 2 || !/^-?\d$/.test(v) || !strongValues.has(v)) return false;
  // Worked out on its line ("6 + 1 = 7"), not assigned ("a_3 = -1" in a list of coefficients).
  return sumBeforeRe.test(body.slice(Math.max(0, st.start - 40), st.start)) && endsSegment(body, st.end, segEnd);
}
const sumBeforeRe = /\d[ \t]{0,2}(?:[-+*/\u00d7\u00b7\u2212]|\\times|\\cdot)[ \t]{0,2}\d+[ \t]{0,2}=[ \t]{0,2}$/;

/** Characters of text between two statements of the same value that make a paragraph of re-examination (a few sentences). */
const RECHECK_CHARS = 200;
// Talk about the response's format ("I'll box the letter", "Output generation"), a recap of the work
// done ("Let me summarize", "I already found"), and a re-check given up ("This is getting too
// complicated. Maybe I should accept that ..."): none goes back over the asked quantity. Format talk
// at a word start: "not enough information" (a SESGO option) is no talk about the format (pass 74d, 71f's fix).
const formatTalkRe = /\b(?:box|format|prompt|output|Output|draft)/;
const recapRe = /summar|[Rr]ecap|covered all|already (?:found|computed|shown|established|seen|verified|checked)/;
const giveUpRe = /getting (?:too |a bit |really )?(?:complicated|confusing|messy)|(?:I'm|I am) (?:getting )?(?:confused|lost|stuck)/;

/**
 * Does the thinking block's closing statement of the answer (`cand`, first stated there, and
 * `closer`, its restatement that ends the block) follow a paragraph of re-examination since the
 * same value was stated at `from`?
 * Models close the block with a re-check in words ("Just to be thorough, let me consider if
 * there's any other factor I might have missed. ... the problem says they leave at the same time.
 * ... I think 27 miles is the correct answer.", "However, there might be a trick: ... Thus, final
 * answer: \boxed{42}."): the guide counts a re-check that goes back over the reasoning for the asked
 * quantity and then states the answer as an echo, and a draft of the reply as a candidate where it
 * states a value not stated since the last new work (docs/annotation-guide.md). Read only where
 * the block ends on it, the model's closing decision: re-checks in words in the middle of the work
 * were tried as echoes and cost precision (docs/segmentation-eval.md, stops 21-23). A short
 * dismissal ("Could the order matter? No."), format talk, a recap and a re-check given up are no
 * new work.
 */
function closingRecheck(body: string, from: number, cand: Statement, closer: Statement, regionEnd: number): boolean {
  if (regionEnd - closer.end > 300 || cand.start - from < RECHECK_CHARS) return false;
  const text = body.slice(from, sentenceStart(body, from, cand.start));
  if (text.length < RECHECK_CHARS || formatTalkRe.test(text) || recapRe.test(text)) return false;
  return !giveUpRe.test(text.slice(-300));
}

const optionLetterRe = /^[A-J]$/;
/** An option's letter committed shortly after its value ("= 7/12. / Corrected answer: (C)"). */
const letterAfterValue = (letter: Statement, value: Statement): boolean =>
  optionLetterRe.test(letter.value) && !optionLetterRe.test(value.value) && letter.start - value.end <= 120;

/**
 * A tentative statement (premisedConclusion: "if <premise>, then <the value>") that is its
 * segment's last word, with only a few characters without a digit before the marker: the model
 * reached the value under what it had worked out and goes back to check it. The guide's answer
 * reached (a concluding statement about the asked quantity that the model moves on from, to a
 * check), not a value tried: the premise names another value, and readAttempts asks only for a
 * value the record concludes explicitly elsewhere.
 */
function reachedUnderPremise(body: string, st: Statement, segEnd: number, question: QuestionInfo): boolean {
  if (st.strength < 2 || st.strength >= 4 || st.partial || st.term || st.ofOther || st.closesOther) return false;
  if (segEnd - st.end > 48 || /\d/.test(body.slice(st.end, segEnd))) return false;
  return premisedConclusion(body, st, question);
}

// A marker that opens a check or another method ("Let me double-check", "Alternatively", "Another
// way", "To verify"), not a bare interjection ("Wait", "Hmm", "Actually", "But wait").
const checkMarkerRe =
  /check|verif|confirm|make sure|alternativ|another|different|recomput|recalcul|redo|re-add|go over|go through|going over|review|re-?read|re-?examin|substituting|检查|验证|重新计算|再算|另一种|换一种|再读/i;

// A verdict right after a value (past its closing bracket or unit and a full stop): the model takes
// the value as its check's result.
const verdictAfterRe =
  /^[^\n.!?]{0,16}[.!,;]?[ \t]{0,3}(?:\\\)|\\\]|\$)?[ \t]{0,3}(?:\n[ \t]{0,4})?(?<![\\\w])(?:yep|yes|yeah|correct|right|good|same (?:result|answer|value)|(?:so,? )?(?:that|this|it)(?:'s| is| seems| looks)(?: right| correct| consistent| the same)|(?:which |it |that |this )?(?:matches|agrees|confirms)|consistent|checks out)\b/i;

/**
 * The segment [first, si) opened by a marker that begins a check or another method (`marker`),
 * after a candidate of value `prev`: the index of the segment's last statement of that value where
 * the segment does new work on the answer before it (its own computation, a condition re-read, a
 * question raised and answered with a reason) and ends on it (no statement that may conclude
 * another value after it, no conclusion of another value before it); -1 otherwise. The guide: the
 * same value reached again through new work (a check that recomputes, another method) is a new
 * candidate, an echo, however plainly it is stated (docs/annotation-guide.md, "Restatements merge;
 * re-derivations do not"). A tentative statement, one quoted from the question, a partial product, a
 * term or another quantity's value is none; a recall or a bare verdict does no new work
 * (derivationBetween), and a value the check changed is no echo of the earlier one.
 */
function echoAfterCheck(
  body: string,
  drafts: readonly number[],
  question: QuestionInfo,
  statements: readonly Statement[],
  ok: readonly boolean[],
  first: number,
  si: number,
  marker: MarkerMatch,
  prev: string,
): number {
  if (prev === '') return -1;
  const rereads = opensWithReread(body, marker);
  if (!rereads && !checkMarkerRe.test(marker.phrase)) return -1;
  let e = -1;
  for (let b = si - 1; b >= first; b--) {
    const st = statements[b];
    if (st.fromQuestion) continue;
    if (!sameAnswer(st.normalized, prev)) {
      if (ok[b]) return -1;
      continue;
    }
    e = b;
    break;
  }
  if (e < 0) return -1;
  // Another value concluded about the asked quantity in the segment before it (strength 3 or more):
  // the check reached that value, and V is quoted back ("So I have 39574 from before and something
  // else now"), a changed value, not an echo. A sub-result on the way ("= 2550") is not one.
  for (let b = first; b < e; b++)
    if (ok[b] && statements[b].strength >= 3 && !statements[b].fromQuestion && !sameAnswer(statements[b].normalized, prev)) return -1;
  const st = statements[e];
  if (st.tentative || st.strength < 1 || st.partial || st.term || st.ofOther || st.closesOther) return -1;
  // A bare result line ("h = 5", "= -50") is the check's result only where the model says so right
  // after it ("Yep, that seems right.", "Same result."); otherwise it may be a step of the check.
  if (st.strength < 2 && !verdictAfterRe.test(body.slice(st.end, st.end + 40))) return -1;
  const to = sentenceStart(body, marker.end, st.start);
  if (rereads) {
    // A strong statement after the re-read is the answer it reached, as after a quote (pass 33's
    // quotesQuestion, which reads the whole gap since the previous candidate and so misses a re-read
    // after format talk); a weak one only with work of its own, read up to the value, its own
    // sentence included: the conditions gone over again often lead into it ('the problem says
    // "... days." So yes, each covers 80 miles on the first day and 150 on the second, totaling
    // 230 miles'). "..., and that holds. That gives 3." merges.
    if (st.strength >= 3) return to > marker.end ? e : -1;
    return derivationBetween(body, drafts, marker.end, st.start, question, true, st.normalized) ? e : -1;
  }
  return to > marker.end &&
    (derivationBetween(body, drafts, marker.end, to, question, true, st.normalized) ||
      goesOverOption(body.slice(marker.end, to), st.normalized, question))
    ? e
    : -1;
}

// A word of the check's text, lower case (an option's words are read so: contentWords).
const checkWordRe = /[a-z0-9]+/g;
// A marker that checks the work again (not one that opens another method: "Alternatively, maybe ...").
const recheckMarkerRe = /check|verif|confirm|make sure|re-?examin|re-?evaluat|go over|going over|review|检查|验证/i;

/**
 * In a multiple-choice question whose options are words, a check after its marker that names the
 * chosen option by a word of its own and gives a reason ("Let me double-check. Mitochondrion: carries
 * a small circular genome of its own ... So answer remains E."): it goes back over the reasoning for
 * the answer, new work by the guide's re-check in words (docs/annotation-guide.md), as a re-read
 * condition is (rereadsConditions). A bare "Yes, E is right" names no option; a check of 40
 * characters or less besides the option's word gives no reason (pass 78c). One pass over the words
 * of at most 600 characters.
 */
function goesOverOption(text: string, letter: string, question: QuestionInfo): boolean {
  const opts = question.optionWords;
  if (opts === undefined || question.optionOf === undefined || text.length > 600) return false;
  const chosen = opts.find((o) => o.letter === letter);
  if (chosen === undefined || chosen.distinct.length === 0) return false;
  const lower = text.toLowerCase();
  checkWordRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  // A word with a letter: an option that is a number is named by a computation (derivationBetween reads those).
  while ((m = checkWordRe.exec(lower)) !== null)
    if (/[a-z]/.test(m[0]) && chosen.distinct.includes(m[0])) return text.length - m[0].length > 40;
  return false;
}

/**
 * Does the segment after `marker` open by re-reading the question ("Wait, but the problem says
 * "distance covered by each train in the two days." So yes, ... totaling 230 miles each.", "But
 * wait: the problem statement says ...")? The guide's re-check in words that re-reads a condition
 * and then states the answer, an echo (docs/annotation-guide.md, "Restatements merge;
 * re-derivations do not"), after a bare interjection as after a check marker: echoAfterCheck takes
 * the segment's last statement of the value as the echo (a strong one as it stands, a weak one where
 * the work test passes on the text from the marker to it), and readAttempts does not merge it as a
 * restatement. The restatement test reads the whole gap since the previous candidate, where format
 * talk ("... in a box") or length (rereadsConditions reads 320 characters at most) hid the re-read
 * (pass 49). Only the opening (12 characters, then "the problem / question says / states /
 * specifies / mentions / requires" and four words of what it says): a re-read mentioned later in
 * the segment is not what the marker opened, and "Wait, the problem says so." re-reads nothing.
 * One bounded pattern on the 60 characters after the marker.
 */
const opensWithReread = (body: string, marker: MarkerMatch): boolean => {
  const opening = body.slice(marker.end, marker.end + 60);
  return rereadOpenRe.test(opening) && !placeholderRe.test(opening);
};
// Pass 88f: the answer's format template read back ("But wait, the problem says \"Answer: <answer>\" ...",
// a placeholder in angle brackets) is talk about the format, as "Final check of the prompt" is
// (formatTalkRe), no condition re-read: neither opensWithReread nor quotesQuestion takes it.
const placeholderRe = /<[A-Za-z][A-Za-z _-]{0,20}>/;
const rereadOpenRe =
  /^[^.\n?!]{0,12}\bthe (?:problem|question)(?: statement)? (?:says|states|specifies|mentions|requires)\b:?[ \t]*(?:that )?["\u201c]?[^ \t\n.?!]+(?:[ \t]+[^ \t\n.?!]+){3}/i;

/**
 * Two strong statements of one value in a segment (no marker between them) with a re-read of the
 * question between: one of its sentences quoted whole ('Therefore, the angle is 41.8 degrees. But
 * the problem says "the critical angle for the light to be internally reflected at H." So, the
 * answer is 41.8 degrees'), or a question raised with a "?" and answered with a reason ("We should
 * also consider if the lines might not intersect? The angle between lines is defined by their
 * direction vectors regardless of their position ... So answer is 90."). The guide's re-check in
 * words (docs/annotation-guide.md, "Restatements merge; re-derivations do not"): new work, as
 * quotesQuestion and answersRaisedQuestion read it after a marker; here the re-read opens the
 * check itself, so it must be one: a "?" for a raised question, a whole sentence for a quote (not
 * 'the problem specifies "represent a real number," so ...' in passing). readAttempts' chain walk
 * keeps the two statements apart; the later one then stands as an echo where the restatement test
 * lets it, which it does at the thinking block's close (closingRecheck: "So answer is 90. / Final
 * answer: \boxed{90}." after the re-read had merged into the earlier statement before). Read in
 * the middle of the work as well, the same test cost precision (pass 49, docs/segmentation-eval.md).
 */
function rereadWithoutMarker(body: string, st: Statement, later: Statement, choice = false): boolean {
  if (st.strength < 3 || later.strength < 3 || !sameAnswer(st.normalized, later.normalized)) return false;
  const gap = body.slice(st.end, later.start);
  return (
    quotesQuestion(gap, true) ||
    ((gap.includes('?') || checkRaisedRe.test(gap)) && answersRaisedQuestion(body, st.end, later, false, true)) ||
    namedReread(gap) ||
    (!choice && announcedRecheck(gap, later))
  );
}
// Pass 85a: a check raised in words, no "?" ("But let's check if there's another possible way.",
// "But we must ensure that the area A is defined as ..."), as raiseRe reads one.
const checkRaisedRe = /\b(?:check|verify|make sure|confirm|ensure) (?:if|whether|that)\b/;

/**
 * Pass 76: a re-read of the question said in so many words ("I re-read the question: it asks for the
 * area of the L-shape itself", "Checking the conditions: \"not blue\" means red or green",
 * "Re-reading the question: there are 28 terms"), the guide's re-check in words that re-reads a
 * condition. One bounded pattern per gap of at most REREAD_GAP characters.
 */
function namedReread(gap: string): boolean {
  return gap.length <= REREAD_GAP && namedRereadRe.test(gap);
}
const REREAD_GAP = 600;

/**
 * Pass 88a: a re-check announced in so many words at a sentence's start ("Let me trace it once more:
 * ...", "But let's double-check: The graph axes: ...", "But let me check again all the clues.") and
 * carried out before a strong statement of the same value: the guide's re-check in words that goes
 * back over the reasoning and then states the answer, an echo (docs/annotation-guide.md, "Restatements
 * merge; re-derivations do not"). Most such announcements are decision markers too (options.ts: "Let
 * me make sure", "Let's double-check"), and the restatement test's work tests read nothing in a check
 * said in words. Not: a bare "Let me check. Yes." (ANNOUNCED_WORK characters at least after the
 * announcement: the guide's "nothing was re-examined"); a check of one step ("Let me just double-check
 * one step: 7^2 = 49. Right.": the guide's confirmed sub-step); a check whose only numbers are the
 * value itself ("Suppose the son was born 60 years ago. Then the son is 60 now.": the value assumed,
 * nothing recomputed) or, with no number, that names no word of the question ("I did copy it right,
 * every digit of it"); multiple choice (the callers: a verdict on an option in turn is often where the
 * engine's first pick stands, pass 74h). One bounded pattern, one scan of the numbers and one of the
 * words, over at most ANNOUNCED_GAP characters.
 *
 * Pass 92a: a longer gap is read too, its last ANNOUNCED_GAP characters ("So we output \boxed{3}. ...
 * format talk ... Let's also verify that the parabola indeed has common tangent ... Thus minimum A^2 =
 * 3."): the guide's re-check does not get shorter for the talk around it; 88a read gaps of REREAD_GAP
 * (600) characters only, and a re-check with a paragraph of other talk before it merged.
 */
function announcedRecheck(gap: string, later: Statement): boolean {
  if (later.strength < 3) return false;
  if (gap.length > ANNOUNCED_GAP) gap = gap.slice(-ANNOUNCED_GAP);
  let m = announcedRecheckRe.exec(gap);
  let check = m === null ? '' : gap.slice(m.index + m[0].length);
  let method = false;
  // Pass 97a: a check announced as done another way ("Let me check by solving it another way.",
  // "Wait, maybe I should cross-check with another approach.", "Verifying by another route:", "Let
  // me confirm this a second way.") re-derives the answer by another method: the guide's re-check
  // that re-derives it, an echo, however short the other method is (METHOD_WORK characters).
  // Pass 97b: a shorter check (METHOD_WORK characters or more) that carries out a computation on a
  // number ("Let me double-check. If I plug it back in: Monday − 5 days = Wednesday.", "Verify by hand:
  // 6 + 8.", "≈ 0.7183"): the arithmetic is done again, new work however short; a short check with no
  // operation ("let me write the positions again: 1: Ben, 2: Dan", "yes, that's what I had") merges.
  // Check lines closed by a tick ("Check: 2 + 3(4) = 14 \u2713") confirm sub-steps (derivationBetween's
  // tickedCheckRe): no operation of the short check.
  const short =
    m !== null &&
    check.length < ANNOUNCED_WORK &&
    check.length >= METHOD_WORK &&
    operationRe.test(check.includes('\u2713') ? check.replace(tickedCheckRe, '') : check);
  if (!short && (m === null || check.length < ANNOUNCED_WORK)) {
    const o = methodWordRe.test(gap) ? otherMethodCheckRe.exec(gap) : null;
    if (o === null) return false;
    m = o;
    method = true;
    check = gap.slice(o.index + o[0].length);
    if (check.length < METHOD_WORK) return false;
  }
  // Pass 92b: a recall of earlier work ("as computed earlier ..., we already found ...") re-examines
  // nothing (the guide: a recall of earlier work merges).
  if (recalledWorkRe.test(check)) return false;
  const numbers = check.match(numberRunRe);
  if (numbers !== null) return numbers.some((n) => n !== later.normalized);
  // Pass 97c: an announcement with a modal or as a sanity check ("I should double-check: is there any
  // subtlety? No, ...") re-examines a number; in words alone it is a question raised and waved off.
  if (!method && m !== null && modalAnnouncementRe.test(m[0])) return false;
  // No number: the check must name something the question does (a word of five letters or more).
  const question = questionText.toLowerCase();
  for (const w of check.toLowerCase().match(contentWordRe) ?? []) if (question.includes(w)) return true;
  return false;
}
const contentWordRe = /[a-z]{5,}/g;
const ANNOUNCED_WORK = 100;
const METHOD_WORK = 40;
const modalAnnouncementRe = /\bI (?:should|'d better|need to)\b|sanity-check/;
// Pass 97b: an operation beside a digit: "=", "+", "−" (the minus sign, not a hyphen), "×", "*", "÷",
// "≈", "→".
const operationRe = /\d[ \t]{0,2}[=+\u2212\u00d7*\u00f7\u2248\u2192]|[=+\u2212\u00d7*\u00f7\u2248\u2192][ \t]{0,2}\$?\d/;
// Pass 97a: a check (check, verify, confirm, cross-check) and, in the same sentence, another method
// (another / a different / a second / an independent way, method, approach, route, expression;
// "differently"), or a cross-check named as such. Bounded classes only.
const methodWordRe = /another|different|second|independent|cross-?check/i;
const otherMethodCheckRe =
  /(?:^|[.!?:]\s{1,3}|\n[ \t]{0,8})[^.\n?!:]{0,40}\b(?:(?:[Cc]heck|[Vv]erif|[Cc]onfirm)[a-z]{0,6}\b[^.\n?!:]{0,40}\b(?:(?:another|(?:a|an) (?:different|second|independent|other)) (?:way|method|approach|route|expression)\b|differently\b)|(?:(?:another|(?:a|an) (?:different|second|independent)) (?:way|method|approach|route)|differently)\b[^.\n?!:]{0,30}\b(?:check|verif|confirm)|[Cc]ross-?check)[^.\n?!:]{0,40}[.:!]?/;
const ANNOUNCED_GAP = 5 * REREAD_GAP;
const recalledWorkRe = /\b(?:earlier|already|previously|as (?:before|computed|found|shown))\b/i;
// Pass 92b: the announcement also after two opening words ("But wait, let me double-check ...", "Wait,
// so let me ...") or "And" / "Hmm", and opened by "To" ("But to make sure, let me do the
// multiplication again ...", "To verify ..."), as "Just to" and "To be sure" are. Pass 92c: or a check
// named as a heading, a colon within 40 characters ("Check orthogonality again: (1, 2, 3) · (-3, 6, -3) =
// ...", "But check: Proper divisors of 284: ...", "Verification:"), not of the format ("Check that
// format: exactly JSON ...": format talk). Pass 97c: with a modal ("But wait, I should make sure.", "I should
// verify", "I'd better / I need to double-check") and the verb "sanity-check".
const announcedRecheckRe =
  /(?:^|[.!?:]\s{1,3}|\n[ \t]{0,8})(?:(?:But|So|Now|Okay|OK|Wait|Also|Then|And|Hmm),? (?:(?:but|so|now|wait|also|then|and|Wait|So|Now|Then),? )?)?(?:(?:[Ll]et me|[Ll]et's|[Ll]et us|I'll|I will|I should|I'd better|I need to|[Jj]ust to|[Tt]o|[Tt]o be sure,?)[ \t](?:just |also |quickly |now |again )?(?:make sure|verify|double-check|sanity-check|re-?check|confirm|trace|go over|check (?:again|once more))\b|(?:[Dd]ouble-?check|[Cc]heck(?:ing)?|[Vv]erif(?:y|ying|ication)|[Rr]e-?check(?:ing)?|[Ss]anity check)\b(?![^.\n:?]{0,40}(?:format|output|JSON|box))[^.\n:?]{0,40}:)(?! (?:one|a|that|this|the|single) (?:step|sub-?step|subtraction|addition|multiplication|division)\b)/;
const numberRunRe = /\d+(?:\.\d+)?/g;
const namedRereadRe =
  /\b(?:re-?read(?:ing)?|reading|checking|re-?checking|looking at|going back (?:over|to)|against|on interpretation)\b[^.\n:]{0,30}\b(?:the (?:question|prompt|problem|conditions?|requirements?|wording)|interpretation)\b/i;

/** Records this long with no strong statement are explorations, not terse arithmetic: their "= X" lines are steps. */
const TERSE_LIMIT = 4000;

/** The index of the first marker at or after `from` (markers are in text order), by binary search. */
function firstMarkerFrom(markers: readonly { m: MarkerMatch }[], from: number): number {
  let lo = 0;
  for (let hi = markers.length; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (markers[mid].m.start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The attempts of the region [regionStart, regionEnd), split at the markers inRegion: per segment
 * its conclusion (the strongest statement that may conclude, `ok`), restatements merged and echoes
 * split off. A function of its own rather than part of segmentAttempts: the optimizing compiler
 * recompiles a function whenever one of its rarely taken paths is first taken, and this loop and
 * the rest of segmentAttempts then recompile apart (a smaller job each: the engine's warm-up).
 */
function readAttempts(
  body: string,
  drafts: readonly number[],
  question: QuestionInfo,
  statements: readonly Statement[],
  ok: readonly boolean[],
  inRegion: readonly { m: MarkerMatch; j: number }[],
  regionStart: number,
  regionEnd: number,
  strongValues: ReadonlySet<string>,
  premised: readonly number[] = [],
  cut = false,
): Attempt[] {
  const attempts: Attempt[] = [];
  // The next tentative statement that may be the answer reached under a premise (reachedUnderPremise).
  let pi = 0;
  const choice = question.optionOf !== undefined;
  let pendingStart = 0;
  let si = 0;
  let previousNorm = '';
  // The block's last statement that may conclude (closingRecheck).
  let lastOk = ok.length - 1;
  while (lastOk >= 0 && !ok[lastOk]) lastOk--;
  for (let k = 0; k <= inRegion.length; k++) {
    const segEnd = k < inRegion.length ? inRegion[k].m.start : regionEnd;
    let bi = -1;
    const first = si;
    for (; si < statements.length && statements[si].start < segEnd; si++)
      if (ok[si] && (bi < 0 || statements[si].strength >= statements[bi].strength)) bi = si;
    // The segment's last statement that is no check against the question's own numbers ("354 +
    // 531 = 885" is not more work on the answer) and not tentative; found from the end, so that
    // tentative (worked out when first read) is read only of the statements after it.
    let li = si - 1;
    while (li >= first && (statements[li].fromQuestion || statements[li].tentative)) li--;
    if (li < first) li = -1;
    // The record's last word before it stops is its final conclusion, however it is phrased
    // ("Wait, 12 * 30 = 360 ... 360 + 48 = 408" corrects an earlier "12 * 34 = 418").
    if (
      k === inRegion.length &&
      li >= 0 &&
      li > bi &&
      statements[li].strength >= 1 &&
      ok[li] &&
      !(bi >= 0 && statements[bi].strength >= 3 && !derivationBetween(body, drafts, statements[bi].end, statements[li].start))
    )
      bi = li;
    // Restated as the segment's last word ("= **8,120,471** ... Therefore 83 x 97,837 = 8,120,471"): still its last word.
    if (bi >= 0 && li > bi && ok[li] && sameAnswer(statements[li].normalized, statements[bi].normalized)) bi = li;
    // Pass 91a: the segment's last word, a result that computes with the value the segment concluded
    // before it ("the number of guesses, which is 3. So, 240 divided by 3 equals 80.", "Sum = ... = 2550.
    // / Therefore, the total sum is 2500 - 2550 = -50."): that value was an intermediate quantity
    // (docs/annotation-guide.md), the result the model's current conclusion.
    // A bare result line whose value the record concludes nowhere explicitly stays a step (pass 17).
    if (
      bi >= 0 &&
      li > bi &&
      ok[li] &&
      (statements[li].strength >= 2 || isStrong(strongValues, statements[li].normalized)) &&
      !sameAnswer(statements[li].normalized, statements[bi].normalized) &&
      computesWith(body, statements[bi], statements[li])
    )
      bi = li;
    // A weak result right before the segment's marker ("Total: 196 + 147 = 343. / Wait a minute")
    // is its last word even where an earlier weak conclusion of another value (a sub-result it
    // computes with: "the paths of this pattern are 21 * 7 = 147") is as strong or stronger, when
    // the record concludes that value explicitly elsewhere (the guide: a result line of the asked
    // quantity that the model moves on from, here to a check).
    if (
      bi >= 0 &&
      li > bi &&
      ok[li] &&
      statements[bi].strength < 3 &&
      k < inRegion.length &&
      isStrong(strongValues, statements[li].normalized) &&
      endsSegment(body, statements[li].end, segEnd)
    )
      bi = li;
    // A conclusion right before a marker that doubts a result ("So that gives 544. / Wait, is that
    // right?", "Rounding 6.5, I get 7. / Hmm, wait, I think I made a mistake") is a decision the
    // marker goes back on: the segment's candidate, one digit or not, where the record concludes
    // its value nowhere else. A marker in the middle of a derivation ("Hold on, let me think about
    // the next step") doubts nothing, and the value before it stays a step. So is a conclusion that
    // closes its paragraph, the next paragraph opened by the marker ("So the club needs to sell 41
    // tickets. / (blank line) / Hmm, wait. Let me double-check that."): the model's result, which it
    // then goes on to check (pass 76, paragraphConclusion).
    if (
      li >= 0 &&
      li !== bi &&
      k < inRegion.length &&
      !ok[li] &&
      !checkResultSet.has(statements[li]) &&
      !usedAfterConfirmedDoubt(body, statements[li], regionEnd) &&
      (decidedBeforeDoubt(body, statements[li], inRegion[k].m.start, choice, question.integerAnswer) ||
        paragraphConclusion(body, statements[li], inRegion[k].m.start, choice, question.integerAnswer))
    )
      bi = li;
    // Pass 76d: the segment's last statement, a weak result that the next words say disagrees with an
    // earlier answer ("-> 71 / Wait — that's different from my first result"): the check's result.
    if (li >= 0 && li !== bi && !checkResultSet.has(statements[li]) && mismatchAfter(body, statements[li], choice)) bi = li;
    // A bare result line of arithmetic right before a marker that says it was a mistake ("4 + 5 = 9 /
    // Wait, something seems off.", "3 × 3 × 1 = 9. / Actually, no— I forgot the + 1") was adopted and
    // then corrected: the segment's candidate (pass 66, resultDoubted).
    if (li >= 0 && li !== bi && k < inRegion.length && resultDoubted(body, statements[li], inRegion[k].m.start, regionEnd, choice)) bi = li;
    // A one-digit result of arithmetic right before the marker ("is 6 + 1 = 7. / Wait a minute,
    // but let's double-check"), the value concluded explicitly elsewhere: the segment's candidate.
    if (
      li >= 0 &&
      li !== bi &&
      k < inRegion.length &&
      !ok[li] &&
      !checkResultSet.has(statements[li]) &&
      oneDigitResultBeforeMarker(body, statements[li], segEnd, strongValues)
    )
      bi = li;
    // The answer reached under a premise, right before a marker that opens a check ("So, if each
    // pair is -1 and there are 50 pairs, then the total is -50. / Wait, let me double-check"), its
    // value concluded explicitly elsewhere: the segment's candidate (pass 44).
    while (pi < premised.length && premised[pi] < first) pi++;
    let reached = -1;
    if (k < inRegion.length && pi < premised.length && premised[pi] === si - 1 && si - 1 !== bi) {
      if (reachedUnderPremise(body, statements[si - 1], segEnd, question)) bi = reached = si - 1;
    }
    // A re-check or another method after a candidate that does new work and ends on the same value
    // ("Alternatively, in meters: ... = 0.1625 square meters, which is 1625 square centimeters."):
    // the value's last statement in the segment is an echo, whatever its cue (pass 46).
    let echoed = -1;
    if (k > 0 && attempts.length > 0) {
      echoed = echoAfterCheck(body, drafts, question, statements, ok, first, si, inRegion[k - 1].m, previousNorm);
      if (echoed >= 0) bi = echoed;
    }
    // Pass 94g: the record's last word, a weak result in a segment with no conclusion, after an attempt
    // the marker went back on ("the mean is 48 s. / Wait, there are 4 laps, not 5. / So 240 / 4 = 60 s."): the
    // corrected attempt's result, though no explicit answer states its value.
    if (
      bi < 0 &&
      k === inRegion.length &&
      k > 0 &&
      attempts.length > 0 &&
      li === statements.length - 1 &&
      !cut &&
      correctedBefore(body.slice(inRegion[k - 1].m.start, statements[li].start)) &&
      lastWordAfterCorrection(body, statements[li], regionEnd)
    )
      bi = li;
    // A weak statement concludes only as the segment's last word: more work after it makes it a step.
    if (bi < 0 || (statements[bi].strength < 3 && bi !== li && bi !== reached && bi !== echoed)) continue;
    // A bare result line ("|R ∪ G ∪ S| = -15 + 234 = 219") that the marker right after it rejects
    // on sight ("Wait, that can't be right") was never adopted: no candidate (docs/annotation-guide.md:
    // a value rejected on sight is not a candidate; one adopted and later corrected is, see
    // decidedBeforeDoubt for conclusions).
    if (
      statements[bi].strength < 2 &&
      k < inRegion.length &&
      endsSegment(body, statements[bi].end, segEnd) &&
      rejectedRe.test(body.slice(inRegion[k].m.start, inRegion[k].m.start + 80))
    )
      continue;
    // A marker that abandons the work ("Hmm, I'm getting confused. Let me start over") decides
    // nothing: a weak value before it ("C(12, 4) = 495") is where the work stopped, a step, unless
    // the record concludes that value explicitly elsewhere.
    if (
      statements[bi].strength < 3 &&
      k < inRegion.length &&
      !isStrong(strongValues, statements[bi].normalized) &&
      stepBeforeMarker(body.slice(inRegion[k].m.start, inRegion[k].m.start + 60))
    )
      continue;
    // A bare result line whose value the work then carries on with ("crates: 9 × 14 is 126 kg /
    // Hmm. one at a time / ... / 126 + 291 + 420 + 121 → 958 kg"): a sub-step, whatever marker
    // follows it (docs/annotation-guide.md: an intermediate quantity; pass 70, carriedOn).
    // A bare result line (below strength 2) not about the asked quantity, its value concluded
    // nowhere explicitly: the two rules below read only such lines.
    const bareResult = statements[bi].strength < 2 && !statements[bi].aboutTarget && !isStrong(strongValues, statements[bi].normalized);
    if (bareResult && carriedOn(body, statements[bi].start, statements[bi].end, regionEnd)) continue;
    // Pass 99b: a result that the next sentences hand on as the argument of the next step ("So the
    // sum of the proper divisors of 284 is 220. Now we need the sum of the proper divisors of 220.",
    // "So the product is 2208. Then the 172 loose ones go on top of that."): an intermediate quantity
    // (docs/annotation-guide.md), whatever names it, not the attempt's answer. Not an explicit answer
    // (strength 4 or 5), not a check's step ("Now let me check the sum of that").
    if (statements[bi].strength <= 3 && handedOn(body, statements[bi], regionEnd)) continue;
    // A response cut off mid-work (cutOffResponse) reached no conclusion in its last segment: a bare
    // result line there whose value the record states nowhere else ("x = 88 ÷ 8 = 11 / Th") is where
    // the work stopped, a step (docs/annotation-guide.md: label the candidates it reached; pass 70).
    // A value stated twice (a check that agrees, "= 1978 ... = 1978") was reached.
    if (
      cut &&
      bareResult &&
      k === inRegion.length &&
      !statements.some((st, j) => j !== bi && sameAnswer(st.normalized, statements[bi].normalized)) &&
      // An attempt at the asked product (within 15% of a * b, question.ts scale) is the asked quantity.
      !(question.scale !== undefined && Math.abs(Number(statements[bi].normalized) - question.scale) <= 0.15 * question.scale)
    )
      continue;
    const best = statements[bi];
    // The thinking block's last segment (a block followed by its summary; not multiple choice, where
    // the other options are examined before the letter is stated again): see closingRecheck.
    const closing = k === inRegion.length && regionEnd < body.length && !choice && lastOk >= 0;
    // Back from the segment's conclusion: the same value concluded earlier in the segment is the
    // same candidate when only restatement lies between (placed where it was first concluded),
    // and an earlier candidate (an echo) when new work lies between ("= 27 ... Double-check:
    // 475700 - 475673 = 27"); an explicit answer with another value before new work is an
    // attempt of its own, corrected without a marker ("So the answer is 653 175. ... Again:"), and so
    // is an explicit answer with the same value before new work, whatever the later line's cue ("So,
    // the answer is $26. ... Remaining eggs: 16 - 3 = 13. Sold at $2 each: 13 * 2 = 26.", pass 36).
    const segStart = k > 0 ? inRegion[k - 1].m.end : regionStart;
    const floor = Math.max(segStart, attempts.at(-1)?.candidate.end ?? regionStart);
    const chain: { first: Statement; last: Statement }[] = [{ first: best, last: best }];
    for (let b = bi - 1; b >= 0 && statements[b].start >= floor; b--) {
      const st = statements[b];
      if (!ok[b]) continue;
      const worked =
        derivationBetween(
          body,
          drafts,
          sentenceEnd(body, st.end, chain[0].first.start),
          chain[0].first.start,
          question,
          false,
          sameAnswer(st.normalized, chain[0].first.normalized) ? st.normalized : undefined,
        ) || rereadWithoutMarker(body, st, chain[0].first, choice);
      if (!sameAnswer(st.normalized, chain[0].first.normalized)) {
        // Or a result line of another value that closes its attempt: a heading that opens a re-check
        // or another method follows it ("= 119730 / Cross-check, splitting 658: ...").
        if (worked && (st.strength >= 4 || (!st.partial && endsLine(body, st.end) && headingAfter(body, st.end)))) {
          chain.unshift({ first: st, last: st });
          continue;
        }
        break;
      }
      // In multiple choice the option is chosen where its letter is committed ("= 7/12. / Corrected
      // answer: (C)"): an option's value before it, merged, leaves the candidate at the letter.
      if (!worked) {
        // The block's closing statement after a paragraph of re-examination is an echo.
        if (
          closing &&
          chain.length === 1 &&
          chain[0].first === best &&
          bi === lastOk &&
          closingRecheck(body, st.end, best, best, regionEnd)
        )
          chain.unshift({ first: st, last: st });
        else if (!(choice && letterAfterValue(chain[0].first, st))) chain[0].first = st;
        // (Next: a conclusion about the asked quantity before new work is a candidate of its own also where the
        // work ends in a weaker conclusion of that value ("So the total ... is 670. Let me just recap:
        // ... which gives 439+231=670": the recap recomputes it, an echo; pass 71a.)
        // Pass 83a: and a weaker result line after it, where the line writes the value as the
        // conclusion did ("So the total ... is 1067. Let me just recap: ... 843 + 224 = 1067"): the
        // recap recomputed it. In another form ("\frac{\sqrt{66}}{6}" then "= \sqrt{11/6}") it
        // may be the form talk of a draft (the guide's format talk), and merges as before.
      } else if ((st.strength >= 3 && (chain[0].first.strength >= 2 || st.normalized === chain[0].first.normalized)) || st.strength >= 4)
        chain.unshift({ first: st, last: st });
      // A result line reached again through new work is an echo, whatever the cue strengths ("= 3969 /
      // Adding again: 3300 + 570 + 99 = 3969"); where the later line names the asked quantity, its
      // own arithmetic restates the question ("39^2 - 36^2 = 225", "xy is 13 · 1 = 13"), so the
      // work must come before that line. A partial product with the answer's value stays a step.
      else if (
        !st.partial &&
        endsLine(body, st.end) &&
        (!chain[0].first.aboutTarget ||
          derivationBetween(body, drafts, st.end, sentenceStart(body, st.end, chain[0].first.start), question))
      )
        chain.unshift({ first: st, last: st });
      else break;
    }
    // A result line of another value that a correction note right after it takes back ("3,220 + 45
    // = 3,265 / mistake: 46*1 = 46 not 45", "= 10,813,904 / So it's 10,813,904. / My mistake, ...")
    // was adopted and then corrected: an attempt of its own (docs/annotation-guide.md: a value
    // adopted and later corrected is a candidate), with no marker between (pass 70, correctedAfter).
    for (let b = bi - 1; b >= 0 && statements[b].start >= floor; b--) {
      const st = statements[b];
      if (!ok[b] || st.start >= chain[0].first.start || st.strength >= 3) continue;
      if (sameAnswer(st.normalized, chain[0].first.normalized)) {
        // The same value restated merges; reached again through work, the chain-back above has read it.
        if (chain[0].first.strength >= 3 || derivationBetween(body, drafts, st.end, chain[0].first.start, question, false, st.normalized))
          break;
        chain[0].first = st;
        continue;
      }
      if (!st.partial && endsLine(body, st.end) && correctedAfter(body, st.end, st.value)) chain.unshift({ first: st, last: st });
      // Or a weak result that the next words say disagrees with an earlier one ("= 14 days. That is
      // different from the 13 days we found first"): the check's own result, an attempt (pass 76d).
      else if (mismatchAfter(body, st, choice)) chain.unshift({ first: st, last: st });
    }
    for (const [c, { first: cand, last }] of chain.entries()) {
      const norm = cand.normalized;
      const lastOfSegment = c === chain.length - 1;
      const nextMarker = lastOfSegment && k < inRegion.length ? inRegion[k].j : -1;
      const prev = attempts.at(-1);
      // The same value again with no new work since the previous candidate: a restatement, not a
      // new attempt. Past RESTATED_GAP characters the gap is read from the last restatement merged
      // into that candidate (the text before it was read when it merged): reading the whole gap
      // again for every later restatement made a record of nothing but restatements quadratic in
      // its length (400 KB of "Wait, so the answer is 42." took 28 s).
      const since =
        prev === undefined
          ? 0
          : cand.start - prev.candidate.end > RESTATED_GAP
            ? Math.max(prev.candidate.end, prev.stated.end)
            : prev.candidate.end;
      const next = firstMarkerFrom(inRegion, since);
      const crossed = prev !== undefined && next < inRegion.length && inRegion[next].m.start < cand.start;
      if (
        prev &&
        sameAnswer(norm, previousNorm) &&
        // The check's result confirmed as it is stated ("= 27, which matches.") is not a restatement,
        // nor is the answer stated after a re-read of the question that opens the segment (pass 49).
        !(
          cand === statements[echoed] &&
          (verdictAfterRe.test(body.slice(cand.end, cand.end + 40)) || opensWithReread(body, inRegion[k - 1].m))
        ) &&
        ((cand.rule === 'boxed' && formatTalkBefore(body, cand.start)) ||
          !(
            derivationBetween(body, drafts, since, cand.start, question, crossed, norm) ||
            (crossed && cand.strength >= 3 && quotesQuestion(body.slice(since, cand.start))) ||
            // A re-read of the question said in so many words before a strong restatement (pass 76).
            (cand.strength >= 3 && namedReread(body.slice(since, cand.start))) ||
            // Or a re-check announced in so many words and carried out (pass 88a; not multiple choice).
            (!choice && cand.strength >= 3 && announcedRecheck(body.slice(since, cand.start), cand)) ||
            // A weaker conclusion too ("So, the angle between them should indeed be 45°"), where the
            // reply itself gives the reason (pass 71d).
            (crossed && cand.strength >= 2 && answersRaisedQuestion(body, since, cand, cand.strength < 3)) ||
            // In multiple choice, another option checked and judged after a marker since the pick was
            // stated (pass 73a); options judged in turn before the marker are the walk-through that
            // led to the pick (the guide: a verdict on each option in turn is a step).
            (choice &&
              crossed &&
              !deniedAfterRe.test(body.slice(cand.end, cand.end + 24)) &&
              !writeTalkRe.test(lineBefore(body, cand.start, 100)) &&
              otherOptionChecked(body, inRegion[next].m.start, cand.start, norm, question.optionOf!)) ||
            // Or the chosen option gone over again by its own words after a check's marker (pass 78c).
            (choice &&
              crossed &&
              recheckMarkerRe.test(inRegion[next].m.phrase) &&
              goesOverOption(body.slice(Math.max(inRegion[next].m.end, cand.start - 600), cand.start), norm, question))
          )) &&
        !(closing && lastOfSegment && last === statements[lastOk] && closingRecheck(body, prev.candidate.end, cand, last, regionEnd))
      ) {
        prev.stated = last;
        if (lastOfSegment) prev.nextMarker = nextMarker;
        continue;
      }
      const end = lastOfSegment ? segEnd : cand.end;
      attempts.push({ start: pendingStart, end, candidate: cand, stated: last, nextMarker });
      previousNorm = norm;
      pendingStart = end;
    }
  }
  return attempts;
}

// Pass 73a: another option of a multiple-choice question named as an option ("option B", "Option
// (J)", "(E)", a line opening "D:" or "Option D:", "So I is ...", "B fails") and judged in the same
// sentence ("invalid", "not correct", "wrong", "impossible", "works", "violates"). Explaining a
// distractor ("(B) 79.5 doesn't match anything I computed", "is what you get by ...") judges nothing.
const optionNamedRe =
  /(?:\b[Oo]ptions? \(?([A-J])\)?(?![\w'])|\(([A-J])\)|(?:^|\n)[ \t>*-]{0,6}([A-J])[:.)](?=[ \t])|\b([A-HJ]) (?=is |was |would |fails|does|doesn't|can't|cannot|isn't|seems|could )|\b(I) (?=is |was |fails))/g;
const optionListAfterRe = /^[ \t]{0,2}(?:,|\/|and\b|or\b)[ \t]{0,2}\(?[A-J]\b/;
// The pick itself judged against ("So E fails.", "(D) is invalid"): a verdict on an option, not a pick.
const deniedAfterRe =
  /^\)?[ \t]{0,2}(?:fails|is (?:invalid|wrong|incorrect|not|out|impossible|false)|violates|doesn't|does not|cannot|can't)\b/;
// Talk about what to write ("I'll box the letter C. ... I can write \"Option C\""): the guide's format talk.
const writeTalkRe = /\b(?:box|write|format|output|print)/i;
/** The line before offset k, at most n characters. */
function lineBefore(body: string, k: number, n: number): string {
  const from = Math.max(0, k - n, body.lastIndexOf('\n', k - 1) + 1);
  return body.slice(from, k);
}
const optionVerdictRe =
  /\b(?:invalid|valid|incorrect|correct|wrong|false|true|impossible|possible|works?|fails?|violat\w{0,4}|not (?:the |a |an )?(?:correct|right|answer|possible|valid|true)|ruled? out|eliminat\w{0,4}|contradict\w{0,4}|satisf\w{0,4}|unrelated|irrelevant)\b/i;

/**
 * Is another option of the question (not `letter`) checked in body[from, to): named as an option and
 * judged within its sentence (docs/annotation-guide.md: checking each clue or option re-examines the
 * answer, and the pick stated after it is an echo)? Reads at most the last 3000 characters.
 */
function otherOptionChecked(body: string, from: number, to: number, letter: string, optionOf: ReadonlyMap<string, string>): boolean {
  const own = letter.toUpperCase();
  if (!optionLetterRe.test(own)) return false;
  const text = body.slice(Math.max(from, to - 3000), to);
  const letters = new Set([...optionOf.values()].map((v) => v.toUpperCase()));
  optionNamedRe.lastIndex = 0;
  for (let m = optionNamedRe.exec(text); m !== null; m = optionNamedRe.exec(text)) {
    const y = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    if (y === own || !letters.has(y)) continue;
    // The judgement: the rest of the sentence (to . ! ? or a line end), at most 160 characters.
    const at = m.index + m[0].length;
    // A list of options ("options A, B, C, D are given", "A or D") names them, it judges none.
    if (optionListAfterRe.test(text.slice(at, at + 12))) continue;
    const rest = /^[^\n.!?]{0,160}/.exec(text.slice(at, at + 160))![0];
    if (optionVerdictRe.test(rest)) return true;
  }
  return false;
}

// A line that opens a correction of what came before ("My mistake, ...", "mistake: ...", "error:
// ...", "I made an error in ...", "Found it: ...", "I think I slipped on ...", "Sorry, small error").
const correctionLineRe =
  /^[ \t>*-]{0,4}(?:(?:ah|oh|hmm|okay|ok|wait),?[ \t]{1,2})?(?:(?:my|a|small|one|the) (?:mistake|error|slip)\b|mistake\b|error\b|oops\b|sorry\b|found it\b|I (?:made|see) (?:an? |my |the )?(?:mistake|error|slip)\b|I think I (?:slipped|made|messed)\b|I (?:slipped|messed)\b|correction\b)/i;

// The corrected value a note gives: the first number after "is", "equals", "=", "should be".
const correctedValueRe = /(?:\bis|\bequals|=|\bshould be)[ \t]{1,2}\$?(\d[\d,]{0,20}(?:\.\d{1,8})?)(?![\d,.]?\d)/;

/**
 * Does a correction note open the next non-blank line after offset k ("3,265 / mistake: 46*1 = 46
 * not 45"), past at most one short line that only restates the value ("So it's 10,813,904.",
 * "That is, 85%.")? Reads at most three lines of 80 characters.
 */
function correctedAfter(body: string, k: number, value: string): boolean {
  let nl = body.indexOf('\n', k);
  if (nl < 0 || nl - k > 40) return false;
  for (let skipped = 0; skipped < 2; skipped++) {
    while (body.charCodeAt(nl + 1) === 10) nl++;
    const next = body.indexOf('\n', nl + 1);
    const line = body.slice(nl + 1, next < 0 ? Math.min(body.length, nl + 81) : Math.min(next, nl + 81));
    if (correctionLineRe.test(line)) {
      // The note's corrected value carried on by the work after it ("My mistake, 238 × $45 is
      // $10,710. / $10,710 + $120 = ..."): the note corrected a step, and the line before it was that
      // step, not the attempt's result.
      const m = correctedValueRe.exec(line);
      if (m === null) return true;
      const at = nl + 1 + m.index + m[0].length - m[1].length;
      return !carriedOn(body, at, at + m[1].length, Math.min(body.length, at + 700));
    }
    // A restatement line: the value again and no other number.
    if (next < 0 || next - nl > 60 || !line.includes(value) || /\d/.test(line.replace(value, ''))) return false;
    nl = next;
  }
  return false;
}

// A written number as a result line states it: digits with thousands commas, maybe a decimal part.
const plainValueRe = /^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$/;
// Around a value used as an operand: an operator and a number after it, or a number and an operator
// (or "plus", "minus", "times", "of") before it.
const carriedAfterRe =
  /^[ \t]{0,2}(?:plus|minus|times|divided by|multiplied by|[-+/\u00d7\u00b7\u2212x]|\*(?!\*)|\\times|\\cdot)[ \t]{0,2}\$?\d/;
const carriedBeforeRe = /(?:\d[ \t]{0,2}(?:[-+/\u00d7\u00b7\u2212x]|(?<!\*)\*|\\times|\\cdot)|\b(?:plus|minus|times|of))[ \t]{0,2}\$?$/;
// A line that tests a value rather than working on from it (a check, another method, a comparison).
const testingLineRe =
  /check|verif|confirm|plug|back|sanity|again|re-?do|re-?calc|re-?comput|same|match|other|differen|alternat|test|inverse|\u2713|[\u2264\u2265<>]/i;
const doubtedBetweenRe = /\b(?:fix(?:ed)?|wrong|mistake|slip(?:ped)?|error|incorrect|should be|forg[eo]t\w{0,3}|missed|left out)\b/i;
// The result of the computation on that line: "= W", "→ W", "-> W", "is W", "gives W".
const carriedResultRe =
  /(?:==?>?|->|\u2192|\bis|\bgives|\bequals|\bmakes|\bcomes to|\bget)[ \t]{0,2}\$?[ \t]?(\d[\d,]{0,20}(?:\.\d{1,8})?)/;

/**
 * Is the value at [start, end) (a bare result line) next written, in the 600 characters after it, as
 * an operand of a computation on a line that tests nothing and gives a value not written in the
 * 3,000 characters before it ("126 kg / Hmm. one at a time / ... / 126 + 291 + 420 + 121 → 958 kg",
 * "= 264. / Hmm. ... / So 264 + 96 - 24 = 336")? The work carries the value on: a sub-step (the
 * guide: an intermediate quantity), not the attempt's result. A value restated first ("= 301.
 * Therefore exactly 301 of them qualify") or tested ("6660/8880 = 0.75 ✓") is not carried on.
 * Bounded reads: one window after the value, one line, one window before it.
 */
function carriedOn(body: string, start: number, end: number, regionEnd: number): boolean {
  const v = body.slice(start, end);
  if (v.length > 24 || !plainValueRe.test(v)) return false;
  // The window only: indexOf over the rest of the body would read a long record once per candidate.
  const win = body.slice(end, Math.min(regionEnd, end + 600));
  for (let w = win.indexOf(v, 1); w >= 0; w = win.indexOf(v, w + 1)) {
    const at = end + w;
    const b = codeAt(body, at - 1);
    const a = codeAt(body, at + v.length);
    if (isValueCode(b) || isDigitCode(a) || ((a === 46 || a === 44) && isDigitCode(codeAt(body, at + v.length + 1)))) continue;
    // The value's next writing: an operand, or the value restated (or tested) and so not carried on.
    const lineStart = body.lastIndexOf('\n', at - 1) + 1;
    let lineEnd = body.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd - at > 160) lineEnd = Math.min(body.length, at + 160);
    if (
      !carriedAfterRe.test(body.slice(at + v.length, at + v.length + 16)) &&
      !carriedBeforeRe.test(body.slice(Math.max(lineStart, at - 16), at))
    )
      return false;
    const line = body.slice(Math.max(lineStart, at - 160), lineEnd);
    if (testingLineRe.test(line)) return false;
    // Work on the value after a doubt of it ("seems fine / ... count it / redo w/ fix / (52 + 1) =
    // 53", "hmm, 2727185/679 = 4016.473. should be exact") corrects the result: not a sub-step.
    if (doubtedBetweenRe.test(body.slice(end, Math.min(lineEnd, end + 600)))) return false;
    const m = carriedResultRe.exec(body.slice(at + v.length, lineEnd));
    if (m === null) return false;
    const r = m[1].replace(/[.,]$/, '');
    if (r === v) return false;
    // A new value: not written before the bare result line (a check gives back an earlier one).
    const before = body.slice(Math.max(0, start - 3000), start);
    for (let p = before.indexOf(r); p >= 0; p = before.indexOf(r, p + 1)) {
      const pb = codeAt(before, p - 1);
      const pa = codeAt(before, p + r.length);
      if (!isValueCode(pb) && !isDigitCode(pa) && !((pa === 46 || pa === 44) && isDigitCode(codeAt(before, p + r.length + 1))))
        return false;
    }
    return true;
  }
  return false;
}

// Pass 99b: a sentence opened by "Now" / "Next" / "Then" (after "So" / "And" / "OK" at most) that
// takes a value as its argument: "of this / that / it / the result", or "of" the value itself. One
// bounded pattern over the 220 characters after the value.
const handedOnRe =
  /(?:^|[.!?][ \t]{1,3}|\n[ \t]{0,8})(?:(?:So|And|OK|Okay),?[ \t]{1,2})?(?:Now|Next|Then)\b,?([^.!?\n]{0,100}?)\bof[ \t]{1,2}(this\b|that\b|it\b|the result\b|-?\d[\d,.]{0,20})/g;
// The next step is a check of the value, not work that builds on it.
const handedCheckRe = /\b(?:check|verify|confirm|make sure|double)/i;

/**
 * Pass 99b: does a sentence opened by "Now" / "Next" / "Then" within the 220 characters after `st`
 * take its value as the argument of the next step ("Now we need the sum of the proper divisors of
 * 220.", "Now, the problem asks for the sum of the proper divisors of this sum", "Then the 172 loose
 * ones go on top of that")? A number named there must be the statement's value; a sentence that
 * checks ("Now let me verify the square of that") does not hand the value on.
 */
function handedOn(body: string, st: Statement, regionEnd: number): boolean {
  const win = body.slice(st.end, Math.min(regionEnd, st.end + 220));
  handedOnRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = handedOnRe.exec(win)) !== null) {
    if (handedCheckRe.test(m[1])) continue;
    const numeric = m[2].charCodeAt(0) === 45 || isDigitCode(m[2].charCodeAt(0));
    if (numeric && normalizeAnswer(m[2].replace(/[.,]+$/, '')) !== st.normalized) continue;
    return true;
  }
  return false;
}

/**
 * Does statements[k] reject, in its own clause, the value of a candidate before it (and give
 * another)? Not where its paragraph goes on to conclude another value ("229 - 228 = 1, not 2. So
 * 3^229 ≡ 3^1, that's 3."), by any conclusion cue: the value given there is a step toward that one.
 */
function correctsCandidate(
  body: string,
  statements: readonly Statement[],
  ok: readonly boolean[],
  k: number,
  attempts: readonly Attempt[],
  question: QuestionInfo,
): boolean {
  const st = statements[k];
  if (!st.rejects || st.normalized === st.rejects) return false;
  // Not for options, word answers or blanks, whose values concludesByCue reads otherwise.
  if (question.optionOf !== undefined || question.words !== undefined || question.blanks) return false;
  // "so it's 476 046, not 486 046": a value read from the middle of a number is no correction.
  if (isDigitBlank(body, st.start)) return false;
  if (!attempts.some((a) => a.candidate.start < st.start && a.candidate.normalized === st.rejects)) return false;
  const para = body.indexOf('\n\n', st.end);
  const paraEnd = para < 0 ? body.length : para;
  for (let j = k + 1; j < statements.length && statements[j].start < paraEnd; j++)
    if ((ok[j] || statements[j].strength >= 2) && statements[j].normalized !== st.normalized) return false;
  return !st.tentative;
}

/** A digit and one blank right before `start` ("476 046"). */
const isDigitBlank = (body: string, start: number): boolean => {
  const c = body.charCodeAt(start - 1);
  const d = body.charCodeAt(start - 2);
  return (c === 32 || c === 0xa0) && d >= 48 && d <= 57;
};

/**
 * A result line that rejects another value ("= 82.33, not 49", "the lamps cost 22 × $74 = $1,628,
 * not $1,638."; statements.ts reads it because the rejection ends its line): a correction where it
 * rejects a candidate before it, else a check of a step, whatever its left side names.
 */
const checkRejecting = (st: Statement): boolean => !!st.rejects && st.rule === 'equals';

/**
 * Which statements may conclude an attempt, decided once per record. A weak statement whose value
 * the next sentence computes with is a running result, a step; one that is the subject of a
 * hypothetical ("so 23 people would be left behind") is not concluded (asked only of the
 * statements that could conclude otherwise: both read ahead in the text). Kept out of
 * segmentAttempts, as readAttempts is, so that the optimizing compiler recompiles it apart.
 */
function concludingStatements(
  body: string,
  statements: readonly Statement[],
  strongValues: Set<string>,
  terse: boolean,
  question: QuestionInfo,
  regionEnd: number,
  premised: number[],
): boolean[] {
  const choice = question.optionOf !== undefined;
  // A single-answer choice whose response names no option letter chooses by content (contentChoice).
  const byContent = choice && question.multiSelect === undefined && !statements.some((st) => letterValueRe.test(st.value));
  const ok: boolean[] = [];
  let operands: Set<string> | undefined;
  for (const st of statements) {
    // An equation read only because the rejection ends its line ("81 ÷ 14 = 5.79 h, not 6.5.")
    // that rejects no candidate checks a step (segmentAttempts reads it as a correction where it does).
    if (checkRejecting(st)) {
      ok.push(false);
      continue;
    }
    const cued =
      concludesByCue(
        st,
        strongValues,
        terse,
        question.scale,
        choice,
        question.modulus,
        question.formulaOnly,
        question.multiSelect ?? false,
        question.integerAnswer ?? false,
        question.blanks ?? false,
        byContent,
      ) &&
      // Where the answer is a word (a weekday, "yes" / "no", a name), a number is a step of the
      // work that leads to it (docs/annotation-guide.md: an intermediate quantity), whatever its cue.
      !(question.words !== undefined && digitRe.test(st.value));
    if (cued && st.tentative) {
      // A tentative statement concludes nothing; one of a value the record concludes explicitly
      // elsewhere may still be the answer reached under a premise (readAttempts, reachedUnderPremise).
      if (isStrong(strongValues, st.normalized)) premised.push(ok.length);
      ok.push(false);
      continue;
    }
    ok.push(
      cued &&
        !(
          st.strength <= 2 &&
          !st.aboutTarget &&
          !isStrong(strongValues, st.normalized) &&
          (operandNext(body, st.value, st.end, regionEnd) ||
            (st.strength < 4 && hypotheticalAfter(body, st.end)) ||
            usedAfterConfirmedDoubt(body, st, regionEnd))
        ) &&
        // "294 - 24 + 12 = 282" for the asked 282: a weak statement of 294 (a slip's size from the
        // answer, so answer-like) is an operand of the answer's own computation, a sub-total
        // (docs/annotation-guide.md: an intermediate quantity), not a slip of it.
        !(
          st.strength <= 2 &&
          !st.aboutTarget &&
          !isStrong(strongValues, st.normalized) &&
          (operands ??= operandsOfStrong(body, strongValues, regionEnd, question.values)).has(st.normalized)
        ),
    );
  }
  return ok;
}

// The characters of written arithmetic: digits, blanks, "." and ",", brackets, + - * / × −.
const arithmeticCodes = new Set(Array.from('0123456789 \t.,()+-*/\u00d7\u2212', (c) => c.charCodeAt(0)));
// A number as it stands in a computation's left side ("294", "1,014", "2.5").
const operandNumberRe = /\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?/g;
// Before "= <strong value>": an operator after a number, i.e. a computation ("294 - 24 + 12 ").
const computedLeftRe = /\d[ \t]{0,2}(?:[-+*/\u00d7\u2212]|\\times|\\cdot)[ \t]{0,2}[\d(]/;

/**
 * The numbers that stand in the left side of a computation giving one of the record's concluded
 * whole values ("294 - 24 + 12 = 282", "1014 - 86 + 23 = 951"): every "=" of the attempts' region
 * found by indexOf, the whole number after it looked up among the concluded values, and the left
 * side read back over the arithmetic before it (at most 60 characters). One pass over the text.
 */
function operandsOfStrong(body: string, strongValues: ReadonlySet<string>, regionEnd: number, quoted: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (let k = body.indexOf('='); k >= 0 && k < regionEnd; k = body.indexOf('=', k + 1)) {
    let j = k + 1;
    // codeAt (-1 past the end, where charCodeAt's NaN equals nothing either): a read past the end
    // deoptimized this function each time it was optimized ("out of bounds").
    while (j < k + 6 && (codeAt(body, j) === 32 || codeAt(body, j) === 42 || codeAt(body, j) === 36)) j++;
    let e = j;
    while (e < j + 12 && isDigitCode(codeAt(body, e))) e++;
    // A whole number: not "28.5" or "1,014" read as 28 or 1.
    if (e - j < 2 || e === j + 12 || ((codeAt(body, e) === 46 || codeAt(body, e) === 44) && isDigitCode(codeAt(body, e + 1)))) continue;
    const w = body.slice(j, e);
    if (!strongValues.has(w)) continue;
    // The left side: the arithmetic right before "=" (digits, operators, brackets, blanks); a word
    // or another "=" ends it.
    let b = k - 1;
    const limit = Math.max(0, k - 60);
    while (b >= limit && arithmeticCodes.has(body.charCodeAt(b))) b--;
    const left = body.slice(b + 1, k);
    if (!computedLeftRe.test(left)) continue;
    // Only where the question's own data are applied to it ("294 - 24 + 12" with 24 and 12
    // quoted): the stage the data then finish. A one-digit datum ("400 + 1 = 401", a case added)
    // says nothing: every derivation has one.
    const nums = Array.from(left.matchAll(operandNumberRe), (m) => m[0].replace(/,/g, ''));
    if (!nums.some((v) => v.length > 1 && quoted.has(v))) continue;
    for (const v of nums) if (v !== w && !quoted.has(v)) out.add(v);
  }
  return out;
}

const digitRe = /\d/;

/** Per attempt its normalized answer, correctness against the record's ground truth and token count; the final answer's correctness. */
function judgeAttempts(
  record: TraceRecord,
  attempts: readonly Attempt[],
  final: Statement | undefined,
  optionOf: ReadonlyMap<string, string> | undefined,
  programValue: boolean | undefined,
): { normalized: string[]; correct: (boolean | null)[]; tokens: number[]; finalCorrect: boolean | null } {
  const judge = truthJudge(record, optionOf, programValue);
  const normalized = new Array<string>(attempts.length);
  const correct = new Array<boolean | null>(attempts.length);
  for (let k = 0; k < attempts.length; k++) {
    const a = attempts[k];
    // Stop 37 (left37): the answer an attempt gives, as the judge reads it: "6m" where nothing
    // makes m a unit is m·6 (normalizeAnswerIn's product), not the "6" of another attempt, so a
    // resample from one to the other is no echo (isEcho: the echo finding, calibrate's F->F echo).
    const letter = bareLetterUnit(a.candidate.value);
    normalized[k] =
      letter !== undefined && !questionMakesUnit(record.query, letter)
        ? normalizeAnswerIn(a.candidate.value, undefined)
        : a.candidate.normalized;
    correct[k] = judge(a.candidate);
  }
  const tokens = attemptTokens(
    record,
    attempts.map((a) => a.end - a.start),
  );
  return { normalized, correct, tokens, finalCorrect: final ? judge(final) : null };
}

// A box holding two or more option letters, run together or listed, maybe as text.
const boxedSetRe = new RegExp(String.raw`\\boxed\{[ \t]*(?:\\text\{[ \t]*)?(?:[A-E]{2,5}|${OPTION_LIST})[ \t]*\}`);

// A reference answer that is one option letter: "B", "(C)", "D.".
const letterAnswerRe = /^[ \t]{0,4}\(?[A-J]\)?\.?[ \t]{0,4}$/;

export function segmentAttempts(stored: TraceRecord, options: SegmentOptions): Segmentation {
  const { matcher, patterns } = compileSegmentOptions(options);
  // Pass 100: a body a harness flattened (no line break left) is read with its breaks put back
  // (flatBody.ts; same length, so every offset holds).
  const restored = restoreLineBreaks(stored.body);
  const record = restored === stored.body ? stored : { ...stored, body: restored };
  const body = record.body;
  let question: QuestionInfo = analyzeQuestion(record.query);
  // A multiple-choice question stored without its option list (a stem cut short, the options kept
  // in another field): it speaks of options it does not list, or its reference answer is an option
  // letter. Its answer is the letter chosen, read as with the options shown (docs/annotation-guide.md:
  // a multiple-choice candidate is the option's letter). Only the reference's shape is read, never
  // which letter it is; a reference of another shape (a number) says the question is not one (pass 53).
  // A question whose answer is read as a word (a labelled item's letter, "Plan B"; a name; yes or
  // no) shows what its answer is: its letters are those items' labels, not unseen options.
  if (question.optionOf === undefined && question.words === undefined) {
    const truth = record.answer === undefined || record.answer.trim() === '' ? undefined : record.answer;
    if (truth === undefined ? question.choiceAsked !== undefined : truth.length <= 12 && letterAnswerRe.test(truth))
      question = asUnseenChoice(question);
  }
  questionText = record.query ?? '';
  questionPlain = undefined;
  questionClauses = undefined;
  // A multiple-choice question whose response boxes a set of options ("\\boxed{ACD}",
  // "\\boxed{\\text{A、C、D}}") is answered as one whose options may be right together, marked so
  // or not (gaokao's multi-select questions often say nothing of it): its sets are read, and a
  // verdict on one option examines that option (docs/annotation-guide.md: a choice letter's
  // description is no candidate).
  if (question.optionOf !== undefined && question.multiSelect === undefined && body.includes('\\boxed') && boxedSetRe.test(body))
    question = asMultiSelect(question);
  const region = thinkingRegion(body);
  const found = matcher.findAll(body);
  // Pass 95: a judge's verdict (judgeVerdict.ts): the picks are the candidates, the judge's own
  // answer to the prompt it quotes and its verdicts on one criterion are steps.
  const judgeKind = judgeQuestion(record.query);
  if (judgeKind !== undefined) {
    const read = judgeReading(record, body, found, question, judgeKind);
    if (read !== undefined) return read;
  }
  const drafts = region.summaryStart >= 0 ? findDrafts(body, region.start, region.end, found) : [];
  let statements = findStatements(body, { question, patterns, from: region.start, to: region.end });
  statements = outsideQuestionQuotes(body, statements, region.start, region.end);

  const strongValues = new Set<string>();
  let anyStrong = false;
  for (const st of statements) {
    if (
      st.strength >= 3 &&
      // A result line that rejects another value is a correction or a check (concludingStatements), never an explicit conclusion.
      !checkRejecting(st) &&
      concludes(
        st,
        strongValues,
        false,
        undefined,
        question.optionOf !== undefined,
        question.modulus,
        question.formulaOnly,
        question.multiSelect,
        question.integerAnswer,
        question.blanks,
      )
    ) {
      addStrong(strongValues, st.normalized);
      anyStrong = true;
    }
  }
  let final: Statement | undefined;
  if (region.summaryStart >= 0) {
    const summary = findStatements(body, { question, patterns, from: region.summaryStart, to: body.length });
    for (const st of summary) if (!st.tentative && (!final || st.strength >= final.strength)) final = st;
    // A response cut off in its summary wrote no summary (docs/annotation-guide.md): its final
    // answer is the last candidate it reached, unless the summary concluded before the cut (a box,
    // "the answer is", a conclusion naming the asked quantity); a step of its write-up ("- Time:
    // 6.8 - 5.6 = 1.2", a weak statement) is not.
    if (final && final.strength < 3 && cutOffResponse(body, record.headers, region)) final = undefined;
    if (final) addStrong(strongValues, final.normalized);
    // Pass 93b: the summary's conclusion is the response's: its results in words inside the block are read.
    if (final && final.strength >= 3 && !final.tentative)
      statements = withSummaryVerbalResults(body, statements, final.value, { question, patterns, from: region.start, to: region.end });
  }
  // An answer that is not a number is found again where the attempts state it in words.
  const explicit: string[] = [];
  for (const st of statements) if (st.strength >= 4 && !st.tentative) explicit.push(st.value);
  if (final && final.strength >= 4) explicit.push(final.value);
  if (explicit.length > 0) {
    statements = withRestatements(body, statements, explicit, { question, from: region.start, to: region.end });
  }

  // A value the question quotes that a computation of the response gives as its result ("240
  // divided by 3 equals 80" when the question quotes 80) is no quote: it is the computation's
  // result, a candidate like any other where the record concludes that value explicitly.
  if (question.values.size > 0 && strongValues.size > 0) statements = computedQuotes(body, statements, strongValues, question);

  const terse = !anyStrong && question.scale === undefined && region.summaryStart < 0 && region.end - region.start < TERSE_LIMIT;
  // Which statements may conclude an attempt, decided once (it depends on the whole record).
  const premised: number[] = [];
  let ok = concludingStatements(body, statements, strongValues, terse, question, region.end, premised);
  // Markers inside the attempts' region split it into segments; segment j ends at marker j.
  const inRegion: { m: MarkerMatch; j: number }[] = [];
  found.forEach((m, j) => {
    if (m.start >= region.start && m.start < region.end) inRegion.push({ m, j });
  });
  // A check's result of arithmetic that writes the record's answer again mid-line ("So 29 × 184 =
  // 5,336, so the sum is confirmed", "$22,005 + $73,390 is $95,395"), which no cue reads as a
  // statement: a statement, so that echoAfterCheck can read the echo (pass 66, checkResults).
  if (strongValues.size > 0 && inRegion.length > 0 && question.optionOf === undefined) {
    const added = checkResults(body, statements, inRegion, strongValues, region.end);
    if (added.length > 0) {
      const sts: Statement[] = [];
      const oks: boolean[] = [];
      const index: number[] = [];
      let a = 0;
      for (let k = 0; k < statements.length; k++) {
        while (a < added.length && added[a].start < statements[k].start) {
          sts.push(added[a++]);
          oks.push(true);
        }
        index.push(sts.push(statements[k]) - 1);
        oks.push(ok[k]);
      }
      while (a < added.length) {
        sts.push(added[a++]);
        oks.push(true);
      }
      for (let p = 0; p < premised.length; p++) premised[p] = index[premised[p]];
      statements = sts;
      ok = oks;
    }
  }
  let attempts: Attempt[];
  const cut = cutOffResponse(body, record.headers, region);
  if (statements.some((st) => st.rejects)) {
    // A statement that rejects a value in its own clause ("Actually, 50 ÷ 2 = 25, not 24.") after a
    // candidate of that value corrects it (docs/annotation-guide.md: a candidate is the model's
    // answer as its current conclusion): it concludes its own value, a changed value, whatever its
    // cue. Which values are candidates is known only once the attempts are read, so they are read
    // once without the corrections and, where a statement rejects an earlier candidate's value,
    // again with it. A result line read only because the rejection ends it ("247 ÷ 3 = 82.33, not
    // 49.") that rejects no candidate checks a step: it is no statement, as before such lines were read.
    const read = (conclude: readonly boolean[]): Attempt[] => {
      const keep: number[] = [];
      const index = new Int32Array(statements.length).fill(-1);
      statements.forEach((st, k) => {
        if (conclude[k] || !checkRejecting(st)) index[k] = keep.push(k) - 1;
      });
      // Built by push, not map: map's result is a holey array where readAttempts' other callers pass
      // packed ones, and its optimized code deoptimized on the map each time this path ran.
      const kept: number[] = [];
      for (const k of premised) if (index[k] >= 0) kept.push(index[k]);
      const sts: Statement[] = [];
      const oks: boolean[] = [];
      for (const k of keep) {
        sts.push(statements[k]);
        oks.push(conclude[k]);
      }
      return readAttempts(body, drafts, question, sts, oks, inRegion, region.start, region.end, strongValues, kept, cut);
    };
    attempts = read(ok);
    const corrected = ok.slice();
    for (let k = 0; k < statements.length; k++)
      if (!ok[k] && correctsCandidate(body, statements, ok, k, attempts, question)) corrected[k] = true;
    if (corrected.some((c, k) => c !== ok[k])) attempts = read(corrected);
    statements = statements.filter((st, k) => corrected[k] || !checkRejecting(st));
  } else attempts = readAttempts(body, drafts, question, statements, ok, inRegion, region.start, region.end, strongValues, premised, cut);
  // Pass 82b: a thinking block followed by its summary that ends on a result line of a value it has
  // not written before ("Finally, ... results in $92 remaining.", "4 * 11 = 44" right before the
  // block closes) concludes there: the result line of its computation, which the model then leaves
  // for its summary (docs/annotation-guide.md), the block's last candidate, whatever the summary says.
  const closing =
    region.summaryStart >= 0 &&
    !cut &&
    question.optionOf === undefined &&
    question.words === undefined &&
    question.programValue !== true &&
    (final === undefined || plainDecimalRe.test(final.normalized))
      ? blockClosingResult(body, region.start, region.end, question)
      : undefined;
  if (closing !== undefined && attempts.length > 0) {
    const last = attempts[attempts.length - 1];
    if (closing.start > last.stated.end && !sameAnswer(closing.normalized, last.stated.normalized)) {
      last.end = last.stated.end;
      attempts.push({ start: last.stated.end, end: body.length, candidate: closing, stated: closing, nextMarker: -1 });
    }
  }
  if (attempts.length === 0) {
    // No attempt concluded: the summary's answer, else the last number of a concluding sentence.
    // Pass 82a: the summary is the final, not a candidate (docs/annotation-guide.md); it stands in
    // for a candidate of the block the rules did not read. A number the block never writes ("$8"
    // boxed after a block that plans the steps, or ends on "$92") was reached in the summary
    // only: the block has no candidate of that value, and no other (its last number is a step).
    const summaryOnly =
      final !== undefined && plainDecimalRe.test(final.normalized) && !writesNumber(body, region.start, region.end, final.normalized);
    const fallback =
      closing ??
      (summaryOnly
        ? undefined
        : (final ??
          // (Pass 67: not for a program value, read whole or not at all: a trace's last number is a loop state.)
          (question.words === undefined && question.programValue !== true
            ? lastNumberStatement(body, region.start, region.end, question, cut)
            : undefined)));
    if (fallback) attempts.push({ start: 0, end: body.length, candidate: fallback, stated: fallback, nextMarker: -1 });
  }
  if (attempts.length > 0) {
    const last = attempts[attempts.length - 1];
    last.end = body.length;
    last.nextMarker = -1;
  }
  // The learned stage (docs/segmentation-eval.md, "Stop 26"): vetoes candidates annotators would
  // merge into the next attempt; the last one, where the record stops, stays.
  if ((options.reader ?? defaultReader) === 'learned' && attempts.length > 1) {
    const input = {
      body,
      attempts,
      markers: found,
      statements,
      final: final ?? attempts.at(-1)?.stated,
      summaryStart: region.summaryStart,
      question,
    };
    const read = applyLearnedReader(input, attempts, READER_WEIGHTS);
    read.attempts.forEach((a, k) => (a.confidence = read.confidence[k]));
    attempts = read.attempts;
  }
  final ??= attempts.at(-1)?.stated;

  const { normalized, correct, tokens, finalCorrect } = judgeAttempts(record, attempts, final, question.optionOf, question.programValue);
  return {
    markers: found,
    attempts,
    normalized,
    correct,
    tokens,
    final,
    finalCorrect,
    summaryStart: region.summaryStart,
    optionOf: question.optionOf,
    statements,
    question,
  };
}

/** Pass 95: a judge's picks as its attempts; a pick that repeats the one before restates it. */
function judgeReading(
  record: TraceRecord,
  body: string,
  found: MarkerMatch[],
  question: QuestionInfo,
  kind: JudgeKind,
): Segmentation | undefined {
  const picks = judgePicks(body, kind);
  if (picks.length === 0) return undefined;
  const statements: Statement[] = picks.map((p) => ({
    start: p.start,
    end: p.end,
    value: p.value,
    rule: p.strength >= 5 ? 'final-answer' : 'conclusion',
    strength: p.strength,
    aboutTarget: true,
    fromQuestion: false,
    tentative: false,
    normalized: normalizeAnswer(p.value),
    closesOther: false,
    partial: false,
    term: false,
    ofOther: false,
  }));
  const attempts: Attempt[] = [];
  for (const st of statements) {
    const last = attempts.at(-1);
    if (last !== undefined && last.stated.normalized === st.normalized) {
      last.stated = st;
      continue;
    }
    attempts.push({ start: last ? last.stated.end : 0, end: st.end, candidate: st, stated: st, nextMarker: -1 });
  }
  for (let k = 0; k < attempts.length; k++) {
    const a = attempts[k];
    if (k + 1 < attempts.length) {
      a.end = attempts[k + 1].start;
      a.nextMarker = found.findIndex((m) => m.start >= a.stated.end);
    } else a.end = body.length;
  }
  const final = attempts.at(-1)!.stated;
  const truth = record.answer === undefined || record.answer.trim() === '' ? undefined : verdictDirection(record.answer, kind);
  const judge = (st: Statement): boolean | null => {
    if (truth === undefined) return null;
    return verdictDirection(st.value, kind) === truth;
  };
  return {
    markers: found,
    attempts,
    normalized: attempts.map((a) => a.candidate.normalized),
    correct: attempts.map((a) => judge(a.candidate)),
    tokens: attemptTokens(
      record,
      attempts.map((a) => a.end - a.start),
    ),
    final,
    finalCorrect: judge(final),
    summaryStart: -1,
    optionOf: undefined,
    statements,
    question,
  };
}

// A plain number, as answers.ts normalizes one ("8", "-3", "22500", "49.33").
const plainDecimalRe = /^-?\d+(?:\.\d+)?$/;
// A number as written ("22,500", "$8", "49.33"): bounded runs (docs/engine.md, "Linear-time patterns").
const writtenNumberRe = /\d[\d,]{0,30}(?:\.\d{1,12})?/g;

/** Does text[from, to) write the plain number `normalized` (sign and thousands separators aside)? One pass over the text. */
function writesNumber(text: string, from: number, to: number, normalized: string): boolean {
  const want = normalized.replace(/^-/, '');
  const part = text.slice(from, to);
  writtenNumberRe.lastIndex = 0;
  for (let m = writtenNumberRe.exec(part); m !== null; m = writtenNumberRe.exec(part)) {
    // Inside another number ("$18" for 8, "1.5" for 5): not this one.
    const before = m.index > 0 ? part.charCodeAt(m.index - 1) : 32;
    if (before === 46 || isDigitCode(before)) continue;
    if (m[0].replace(/,/g, '').replace(/\.$/, '') === want) return true;
  }
  return false;
}

// A check's lead on the line of a result: "check:", "Double-check:", "(Verify", "sanity", "confirm".
const checkLeadRe = /\b(?:check|verif|confirm|sanity)/i;

/**
 * The result a thinking block [from, to) ends on (pass 82b): its last number in a concluding
 * sentence (lastNumberStatement) with only words after it to the block's end, no other sentence,
 * of a value the block has not written before (a value written again is checked, not reached:
 * "= 74 ... confirm: 1*60 + 14 = 74 ok"), not on a check's line ("check: 109.58 - 61.28 = 48.30").
 */
function blockClosingResult(body: string, from: number, to: number, question: QuestionInfo): Statement | undefined {
  const st = lastNumberStatement(body, from, to, question, false);
  if (st === undefined) return undefined;
  const tail = body.slice(st.end, to).trimEnd();
  if (tail.length > 60 || /[\d\n]/.test(tail) || /[.!?][ \t]{1,60}\S/.test(tail)) return undefined;
  if (!plainDecimalRe.test(st.normalized) || writesNumber(body, from, st.start, st.normalized)) return undefined;
  const lineStart = Math.max(from, body.lastIndexOf('\n', st.start) + 1, st.start - 200);
  return checkLeadRe.test(body.slice(lineStart, st.start)) ? undefined : st;
}

// The end of a computation on numbers, right before its result: "240 divided by 3 equals ", "504 -
// 220 = ", "10*12=", "2 + (-1) = ". Operands of at most 12 characters; read on the 48 characters
// before a value only.
const computedBeforeRe =
  /(\d[\d,.]{0,11})\)?[ \t]{0,2}(?:[-+*/\u00d7\u00f7\u00b7\u2212]|\\times|\\cdot|\\div|divided by|times|minus|plus|multiplied by)[ \t]{0,2}\(?(-?\d[\d,.]{0,11})\)?[ \t]{0,2}(?:=|is|equals|gives)[ \t]{0,2}\$?$/;

/**
 * The statements, those of a value the question quotes marked as not quoted where a computation
 * right before gives the value (computedBeforeRe, in its sentence) with an operand the question
 * does not quote, and the record concludes the value explicitly (strongValues): the guide's "a
 * number quoted from the question" is a number the response copies, not one it works out.
 */
function computedQuotes(
  body: string,
  statements: readonly Statement[],
  strongValues: ReadonlySet<string>,
  question: QuestionInfo,
): Statement[] {
  // Pushed, not mapped: map's array is of another elements kind than the other statement arrays
  // (holey), and readAttempts and candidateFeatures deoptimized on it ("wrong map").
  const out: Statement[] = [];
  for (const st of statements) out.push(computedQuote(body, st, strongValues, question));
  return out;
}

function computedQuote(body: string, st: Statement, strongValues: ReadonlySet<string>, question: QuestionInfo): Statement {
  if (!st.fromQuestion || st.strength >= 4 || !isStrong(strongValues, st.normalized)) return st;
  const m = computedBeforeRe.exec(body.slice(Math.max(0, st.start - 48), st.start));
  if (m === null || /[\n.!?][ \t]/.test(body.slice(st.start - m[0].length, st.start))) return st;
  // An operand of two digits or more that the question does not quote: a one-digit number turns
  // up in any formula ("1 + 4 = 5" restates a step as readily as it computes).
  const worked = (x: string): boolean => /\d[\d,.]*\d/.test(x) && !question.values.has(normalizeAnswer(x.replace(/[.,]$/, '')));
  return worked(m[1]) || worked(m[2]) ? unquoted(st) : st;
}

/** An echo: the RESAMPLE after attempt k leads to the same normalized answer. */
export const isEcho = (s: Segmentation, k: number): boolean =>
  k + 1 < s.attempts.length && sameAnswer(s.normalized[k + 1], s.normalized[k]);

export type FindingCode = 'no-ground-truth' | 'no-answer' | 'resample-after-correct' | 'echo' | 'missed-correction';

/**
 * The findings about the reasoning, in the order segmentRecord reports them: `attempt` is the
 * attempt the finding is about (the one before the marker, the repeated one, the final one), -1
 * for the record as a whole.
 */
export function forEachFinding(record: TraceRecord, s: Segmentation, report: (code: FindingCode, attempt: number) => void): void {
  const n = s.attempts.length;
  if (record.answer === undefined) report('no-ground-truth', -1);
  if (n === 0) report('no-answer', -1);
  for (let k = 0; k + 1 < n; k++) {
    if (s.correct[k] === true) report('resample-after-correct', k);
    if (s.correct[k] === false && isEcho(s, k)) report('echo', k + 1);
  }
  if (n > 0 && s.finalCorrect === false) report('missed-correction', n - 1);
}

/** What the findings' messages need beyond the reading: the generation limit a no-answer record is said to be cut off at. */
export interface FindingOptions {
  /** Tokens over which a response counts as cut off (default DEFAULT_TOKEN_LIMIT; the editor's reflectionLens.tokenLimit, the CLI's --max-tokens). */
  tokenLimit?: number;
}

export function segmentRecord(record: TraceRecord, options: SegmentOptions, findingOptions: FindingOptions = {}): SegmentedRecord {
  const s = segmentAttempts(record, options);
  const { attempts, markers: found } = s;
  const body = record.body;
  const steps: Step[] = [];
  const samples: SampleStep[] = [];
  const decisions: DecisionStep[] = [];
  for (let k = 0; k < attempts.length; k++) {
    const a = attempts[k];
    let end = a.end;
    while (end > a.start && isSpace(body.charCodeAt(end - 1))) end--;
    const sample: SampleStep = {
      kind: 'sample',
      attempt: k,
      answer: a.candidate.value,
      rule: a.candidate.rule,
      confidence: a.confidence ?? RULE_CONFIDENCE[a.candidate.rule],
      normalized: s.normalized[k],
      correct: s.correct[k],
      tokens: s.tokens[k],
      span: bodySpan(record, a.start, end),
      // Shown where the model leaves the answer (its last restatement, e.g. the \boxed{} after "= 418").
      answerSpan: bodySpan(record, a.stated.start, a.stated.end),
    };
    samples.push(sample);
    steps.push(sample);
    const last = k === attempts.length - 1;
    const marker = last ? undefined : found[a.nextMarker];
    const decision: DecisionStep = {
      kind: 'decision',
      attempt: k,
      action: last ? 'STOP' : 'RESAMPLE',
      marker: marker ? marker.phrase : null,
      echo: isEcho(s, k),
      span: marker
        ? bodySpan(record, marker.start, marker.end)
        : { line: sample.span.endLine, column: sample.span.endColumn, endLine: sample.span.endLine, endColumn: sample.span.endColumn },
    };
    decisions.push(decision);
    steps.push(decision);
  }

  // Findings about the reasoning, each where the user should look.
  const recordLine: Span = { line: record.startLine, column: 0, endLine: record.startLine, endColumn: 3 };
  const diagnostics: TraceDiagnostic[] = [];
  forEachFinding(record, s, (code, k) => {
    switch (code) {
      case 'no-ground-truth':
        diagnostics.push(
          at(recordLine, 'info', code, `Record ${record.id} has no ground truth ("answer:" header): correctness is unknown.`),
        );
        break;
      case 'no-answer': {
        // A response cut off at the generation limit (as calibration reads it, which leaves it out)
        // stopped before any answer: that, not a missing pattern, is why it has none.
        const cut = cutOffReason(record, findingOptions.tokenLimit);
        diagnostics.push(
          at(
            recordLine,
            'warning',
            code,
            cut !== undefined
              ? `No candidate answer found in record ${record.id}: the response was cut off (truncated) before stating one: ${cut}.`
              : `No candidate answer found in record ${record.id}: expected \\boxed{...}, "the answer is X", "= X" at the end of a line, **X**, or a configured answer pattern.`,
          ),
        );
        break;
      }
      case 'resample-after-correct':
        diagnostics.push(
          at(
            decisions[k].span,
            'warning',
            code,
            // Without a phrase of the lexicon (a RESAMPLE the next attempt opens), the attempt is named.
            decisions[k].marker !== null
              ? `RESAMPLE after a correct answer (${samples[k].answer}): "${decisions[k].marker}" reopens a solved problem.`
              : `RESAMPLE after a correct answer (${samples[k].answer}): attempt ${k + 2} reopens a solved problem.`,
          ),
        );
        break;
      case 'echo':
        diagnostics.push(
          at(
            samples[k].answerSpan!,
            'warning',
            code,
            `Echo: attempt ${k + 1} repeats the wrong answer ${samples[k - 1].answer} of attempt ${k} instead of correcting it.`,
          ),
        );
        break;
      case 'missed-correction':
        // Where the model leaves its final answer (its last restatement), which is what a fix edits.
        diagnostics.push(
          at(
            s.final ? bodySpan(record, s.final.start, s.final.end) : samples[k].answerSpan!,
            'warning',
            code,
            // Which of the two it is: a response that never re-checked (one attempt), or one that
            // re-checked and kept or reached a wrong answer (docs/design.md, "Findings").
            k === 0
              ? `Missed correction: stopped on a wrong answer ${samples[k].answer} without re-checking it (ground truth ${record.answer}): one attempt, no RESAMPLE.`
              : `Missed correction: re-checked ${k} time${k === 1 ? '' : 's'} and stopped on a wrong answer ${samples[k].answer} (ground truth ${record.answer}).`,
          ),
        );
        break;
    }
  });
  // Log-probs the split cannot use (one list alone, fewer tokens than 2 per attempt): said, never
  // a silent switch to the estimate. Those the reader refused have their warning at the element.
  const lpProblem = logprobsProblem(record, attempts.length);
  if (lpProblem)
    diagnostics.push(
      at(
        recordLine,
        'warning',
        'bad-logprobs',
        `Record ${record.id}: ${lpProblem}; its log-probs are not used: attribution estimates its KL terms (eps per token), as for a record without them.`,
      ),
    );

  return {
    record,
    steps,
    final: s.final ? s.final.value : null,
    correct: s.final ? s.finalCorrect : null,
    finalSpan: s.final ? bodySpan(record, s.final.start, s.final.end) : null,
    markers: found.map((m) => ({ phrase: m.phrase, span: bodySpan(record, m.start, m.end) })),
    diagnostics,
  };
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0;

function at(span: Span, severity: TraceDiagnostic['severity'], code: string, message: string): TraceDiagnostic {
  return { line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn, severity, code, message };
}
