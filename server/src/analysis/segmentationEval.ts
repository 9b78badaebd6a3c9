// Segmentation measured like a model (docs/segmentation-eval.md): the engine's candidate answers
// against gold labels. A predicted candidate matches a gold one when their values are equal after
// normalization and it lies in the gold candidate's attempt, i.e. after the previous gold
// candidate and before the next one (restatements inside one attempt are one candidate, so the
// exact offset within the attempt does not matter). Matching is an order-preserving alignment
// (longest common subsequence), so one stray candidate costs one error, not the rest of the record.
import { normalizeAnswerIn, normalizedEqual } from '../trace/answers.js';
import type { GoldRecord } from '../trace/gold.js';
import { judgeQuestion, verdictDirection } from '../trace/judgeVerdict.js';
import { judgedValue, truthJudge } from '../trace/truthJudge.js';
import type { Segmentation } from '../trace/segment.js';
import {
  pairedDifferenceInterval,
  pooledRateInterval,
  type Difference,
  type Interval,
  type RecordCounts,
} from './segmentationIntervals.js';
import { correctedPredictedAccuracy, predictionPoweredRate, type Corrected } from './predictionPowered.js';
import { predictedAccuracy } from './predicted.js';

export interface PredictedCandidate {
  value: string;
  offset: number;
  rule?: string;
  /**
   * Pass 89: the engine's reading of an ambiguous localized number (statements.ts localizedValue), set
   * only where it differs from the value's normalized form: "108.000" in a text that writes its
   * decimals with a comma is 108000, where normalizeAnswer alone reads 108.
   */
  localized?: string;
}

export interface EvalInput {
  id: string;
  truth: string | undefined;
  predicted: PredictedCandidate[];
  /** The engine's final answer (a thinking block's summary answer, else the last candidate). */
  predictedFinal: string | null;
  gold: GoldRecord;
  /**
   * A multiple-choice question's options (normalized value to its letter, from the engine's
   * reading of the question): a value that is an option's ("-1/21" for "A. -\\frac{1}{21}") is
   * judged as that letter, on both sides.
   */
  optionOf?: ReadonlyMap<string, string>;
  /**
   * The record's question: a number and one letter ("6m") is that number in a unit only where it
   * makes the letter one, as the engine's judge reads it (answers.ts normalizeAnswerIn); without
   * it, the cautious reading ("6m" is not "6").
   */
  query?: string;
  /** Every value the engine read as a statement (its candidates are chosen from these): which labelled answers it never read at all. */
  seen?: readonly { value: string; offset: number }[];
  /** Maps a body offset to a 1-based "line:col" for the disagreement list. */
  where?: (offset: number) => string;
  /**
   * The response was cut off at the generation limit (segment.ts cutOffReason) and is left out of the
   * derived and corrected rates, as calibrate leaves it out by default; its candidates still count in
   * precision and recall (the reading of a cut-off response is still a reading).
   */
  cutOff?: boolean;
  /**
   * The record's last decision, a STOP, was not the policy's choice (a `forced_stop: true` header: the
   * K-th attempt of a capped rollout): it is not counted in delta1 or delta2, as calibrate leaves it out.
   */
  forcedStop?: boolean;
  /** The question asks what Python code returns: its values are judged as Python literals (truthJudge.ts). */
  programValue?: boolean;
  /** The engine's judgement of each of its candidates and of its final answer (Segmentation.correct), as calibrate counts them. */
  correct?: readonly (boolean | null)[];
  finalCorrect?: boolean | null;
}

/** A record the engine read and no one labelled: it counts into the corrected rates only. */
export type UnlabelledInput = Pick<
  EvalInput,
  'truth' | 'predicted' | 'predictedFinal' | 'optionOf' | 'query' | 'cutOff' | 'forcedStop' | 'programValue' | 'correct' | 'finalCorrect'
>;

/**
 * An unlabelled record's counts as the engine read it (readCounts): all the corrected rates keep of
 * it, so that a corpus of any size is held as eight numbers a record, not its reading and question.
 */
export interface ReadCounts {
  readonly p0: number;
  readonly p1: number;
  readonly d1n: number;
  readonly d1k: number;
  readonly d2n: number;
  readonly d2k: number;
  readonly accN: number;
  readonly accK: number;
  /** 1 when the record was left out of the rates as cut off at the generation limit (EvalInput.cutOff). */
  readonly cutOff: number;
}

/**
 * p, delta1, delta2 and accuracy over every record (labelled and not), the engine's reading corrected with
 * the labelled records (predictionPowered.ts; valid when they are a random sample of the records),
 * beside the engine's reading alone over the same records.
 */
export interface CorrectedRates {
  records: number;
  labelled: number;
  /** Records (labelled or not) left out of the rates as cut off at the generation limit (EvalInput.cutOff). */
  cutOff: number;
  p: Corrected & { engine: number | null };
  delta1: Corrected & { engine: number | null };
  delta2: Corrected & { engine: number | null };
  /** The final answer right (one trial per record with a ground truth). */
  accuracy: Corrected & { engine: number | null };
  /**
   * The paper's predicted accuracy from the corrected p, delta1 and delta2, its interval the image of
   * their intervals' box (predictionPowered.ts correctedPredictedAccuracy); `engine` from the engine's alone.
   */
  predicted: Difference & { engine: number | null };
}

export type CandidateKind = 'first' | 'echo' | 'changed';

export interface Disagreement {
  id: string;
  /** Where (line:col or body offset). */
  at: string;
  kind: 'missed' | 'spurious' | 'count' | 'first' | 'final';
  expected: string | null;
  got: string | null;
}

/** k of n, and k/n (null when n is 0). */
export interface Rate {
  k: number;
  n: number;
  value: number | null;
}
const rateOf = (k: number, n: number): Rate => ({ k, n, value: n > 0 ? k / n : null });

interface Derived {
  p: Rate;
  delta1: Rate;
  delta2: Rate;
  accuracy: Rate;
}

export interface SegmentationEval {
  records: number;
  /** Labelled records left out of the derived rates as cut off at the generation limit (EvalInput.cutOff). */
  cutOff: number;
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  /** Records whose first candidates are both right or both wrong (against the ground truth); over records where both have one. */
  firstCorrectness: { agree: number; of: number };
  /** Same first value (normalized). */
  firstValue: { agree: number; of: number };
  countAgreement: { agree: number; of: number };
  /** Exactly the gold sequence of attempt values (order and count). */
  exactSequence: { agree: number; of: number };
  /** Per gold decision (RESAMPLE after every candidate but the last, STOP after it): the engine's decision after the matched candidate. */
  decisions: { agree: number; of: number };
  finalAnswer: { agree: number; of: number };
  derived: { engine: Derived; gold: Derived };
  /** 95% intervals of the rates above (segmentationIntervals.ts: Wilson widened for candidates clustered in records). */
  intervals: {
    precision: Interval;
    recall: Interval;
    firstCorrectness: Interval;
    exactSequence: Interval;
    engine: Record<'p' | 'delta1' | 'delta2', Interval>;
    gold: Record<'p' | 'delta1' | 'delta2', Interval>;
  };
  /**
   * Engine minus gold for p, delta1 and delta2, paired over the records, with a 95% interval
   * (segmentationIntervals.ts pairedDifferenceInterval): how far the reading moves each number
   * calibrate reports; an interval that excludes 0 is a bias of the reading on text like this,
   * not chance in which records were labelled.
   */
  derivedDifference: Record<'p' | 'delta1' | 'delta2', Difference>;
  /** With the unlabelled records given: the rates over all records, corrected with the labelled ones. */
  corrected?: CorrectedRates;
  /**
   * Per rule that found the engine's candidates: how many it found and how many of those the
   * labels also hold (its precision; what a candidate's `confidence` estimates). Candidates
   * without a rule count under "-".
   */
  byRule: Record<string, { found: number; matched: number }>;
  /**
   * Recall per kind of gold candidate: the record's first, an echo (the previous gold candidate's
   * value again: a re-check that reached it anew) and a changed value (the model revised its
   * answer; what delta2 counts). Where the reading loses candidates, by what they mean.
   */
  recallByKind: Record<CandidateKind, { found: number; of: number }>;
  /**
   * Gold candidates that some statement of the engine reads (its value inside the candidate's
   * attempt), over the gold candidates of records that list their statements. A gold candidate no
   * statement reads cannot be found by choosing better; an answer pattern can add it.
   */
  seen: { found: number; of: number };
  disagreements: Disagreement[];
}

/** The engine's side of an evaluation input: its candidates (value, body offset, rule) and its final answer. */
export function engineReading(
  s: Segmentation,
  query: string | undefined,
): Pick<EvalInput, 'predicted' | 'predictedFinal' | 'optionOf' | 'seen' | 'query' | 'programValue' | 'correct' | 'finalCorrect'> {
  return {
    query,
    programValue: s.question.programValue,
    correct: s.correct,
    finalCorrect: s.finalCorrect,
    predicted: s.attempts.map((a) => {
      const c = a.candidate;
      const p: PredictedCandidate = { value: c.value, offset: c.start, rule: c.rule };
      if (ambiguousGroupRe.test(c.value) && c.normalized !== undefined && c.normalized !== normalizeAnswerIn(c.value, query))
        p.localized = c.normalized;
      return p;
    }),
    predictedFinal: s.final ? s.final.value : null,
    optionOf: s.optionOf,
    seen: s.statements.map((st) => ({ value: st.value, offset: st.start })),
  };
}

// One group of three digits after a point or a comma ("108.000", "16,400"): a grouping or a decimal
// sign by the text's convention, which only the engine's statements know.
const ambiguousGroupRe = /^-?\d{1,3}[.,]\d{3}$/;

/**
 * A value as the answer it gives: normalized, and for a multiple-choice question an option's value
 * as its letter. "= 6/55. That matches option (A)" answers (A) whether an annotator quotes the value
 * or the letter (docs/annotation-guide.md), so matching compares answers, not spellings. A number
 * and one letter ("6m") is the number in a unit only where the question makes the letter one.
 */
function answerKey(value: string, options: ReadonlyMap<string, string> | undefined, query: string | undefined): string {
  const n = normalizeAnswerIn(value, query);
  return options?.get(n) ?? n;
}

/** How many of the gold candidates a statement reads: a value equal to the candidate's inside its attempt (between the neighbouring gold candidates, as alignCandidates matches). */
function seenCount(
  gold: readonly { value: string; offset: number }[],
  seen: readonly { value: string; offset: number }[],
  options: ReadonlyMap<string, string> | undefined,
  query: string | undefined,
): number {
  const values = seen.map((st) => answerKey(st.value, options, query));
  // The statements by offset, so each gold candidate tries only those inside its attempt (a
  // binary search for the first) and not every statement of the record (docs/engine.md, stop 31).
  const byOffset = seen.map((_, k) => k).sort((a, b) => seen[a].offset - seen[b].offset);
  let found = 0;
  gold.forEach((c, i) => {
    const lo = i > 0 ? gold[i - 1].offset : -1;
    const hi = i + 1 < gold.length ? gold[i + 1].offset : Infinity;
    const v = answerKey(c.value, options, query);
    let a = 0;
    let b = byOffset.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (seen[byOffset[mid]].offset > lo) b = mid;
      else a = mid + 1;
    }
    for (let t = a; t < byOffset.length && seen[byOffset[t]].offset < hi; t++) {
      evalCounts.comparisons++;
      if (normalizedEqual(values[byOffset[t]], v)) {
        found++;
        break;
      }
    }
  });
  return found;
}

/** Work counters for tests (test/unit/analysis/alignLinear.test.ts): value comparisons and alignment cells. */
export const evalCounts = { comparisons: 0, cells: 0 };

/**
 * Is a value (a candidate or a final) right against the record's ground truth? An LLM judge's pick
 * is judged by its direction, as the engine's correctness is (judgeVerdict.ts, pass 95): `A>>B` and
 * `[[A>B]]` both pick A where the reference is "A>B" (JudgeBench's harness collapses `>>` to `>`).
 * Only in a judge question (judgeQuestion) whose reference is a verdict: elsewhere values compare as
 * answers, and `a>b` stays another answer than `a>>b` or `a\geq b` in mathematics.
 */
function againstTruth(r: UnlabelledInput): (v: string | null) => boolean {
  const kind = r.truth === undefined ? undefined : judgeQuestion(r.query);
  const direction = kind === undefined || r.truth === undefined ? undefined : verdictDirection(r.truth, kind);
  if (kind !== undefined && direction !== undefined) return (v) => v !== null && verdictDirection(v, kind) === direction;
  // Elsewhere the engine's own judge (truthJudge.ts), so that a labelled answer is right where the
  // engine's reading of it would be (stop 45: this evaluation judged with normalized equality alone,
  // and the engine's derived numbers here differed from calibrate's on code output, units, orders).
  const judge = truthJudge({ answer: r.truth, query: r.query }, r.optionOf, r.programValue);
  // A value the engine read in the text's own number convention ("108.000" is 108000 in a text that
  // writes its decimals with a comma): a label quoting the same text means the same number.
  const localized = new Map<string, string>();
  for (const p of r.predicted) if (p.localized !== undefined) localized.set(p.value, p.localized);
  return (v) => {
    if (v === null) return false;
    const l = localized.get(v);
    return judge(l === undefined ? judgedValue(v, r.programValue) : { value: v, normalized: l }) === true;
  };
}

/** Order-preserving alignment: pairs (gold index, predicted index). `options`: see answerKey. */
export function alignCandidates(
  gold: readonly { value: string; offset: number }[],
  predicted: readonly PredictedCandidate[],
  options?: ReadonlyMap<string, string>,
  query?: string,
): [number, number][] {
  const g = gold.map((c) => answerKey(c.value, options, query));
  const p = predicted.map((c) => c.localized ?? answerKey(c.value, options, query));
  // The attempt's bounds first: a comparison of values is far dearer than of offsets.
  const ok = (i: number, j: number): boolean => {
    const lo = i > 0 ? gold[i - 1].offset : -1;
    const hi = i + 1 < gold.length ? gold[i + 1].offset : Infinity;
    if (!(predicted[j].offset > lo && predicted[j].offset < hi)) return false;
    evalCounts.comparisons++;
    return normalizedEqual(g[i], p[j]);
  };
  const dp = inOrder(gold, predicted) ? bandedTable(gold, predicted, ok) : fullTable(gold.length, predicted.length, ok);
  const n = g.length;
  const m = p.length;
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ok(i, j) && dp(i, j) === 1 + dp(i + 1, j + 1)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp(i + 1, j) >= dp(i, j + 1)) i++;
    else j++;
  }
  return pairs;
}

/** Gold offsets strictly increasing and predicted ones never decreasing: what bandedTable needs. */
function inOrder(gold: readonly { offset: number }[], predicted: readonly { offset: number }[]): boolean {
  for (let i = 1; i < gold.length; i++) if (!(gold[i].offset > gold[i - 1].offset)) return false;
  for (let j = 1; j < predicted.length; j++) if (!(predicted[j].offset >= predicted[j - 1].offset)) return false;
  return true;
}

/** The longest-common-subsequence table, dp(i, j) over gold[i..] and predicted[j..], every cell. */
function fullTable(n: number, m: number, ok: (i: number, j: number) => boolean): (i: number, j: number) => number {
  const dp = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      evalCounts.cells++;
      dp[i][j] = Math.max(dp[i + 1][j], dp[i][j + 1], ok(i, j) ? 1 + dp[i + 1][j + 1] : 0);
    }
  }
  return (i, j) => dp[i][j];
}

/**
 * The same table where both sides are in offset order, stored only where gold candidate i can
 * match: predicted j inside its attempt, [lo[i], hi[i]) (each predicted candidate lies in at most
 * two attempts' bounds, so the cells are linear in the candidates, not their product). Outside it
 * the table repeats a stored cell: left of lo[i] no predicted candidate matches gold i or a later
 * one, so dp(i, j) = dp(i, lo[i]); from hi[i] on none matches gold i, so dp(i, j) = dp(i + 1, j).
 * A record with thousands of candidates filled millions of cells (docs/engine.md, stop 31).
 */
function bandedTable(
  gold: readonly { offset: number }[],
  predicted: readonly { offset: number }[],
  ok: (i: number, j: number) => boolean,
): (i: number, j: number) => number {
  const n = gold.length;
  const m = predicted.length;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    const low = i > 0 ? gold[i - 1].offset : -1;
    const high = i + 1 < n ? gold[i + 1].offset : Infinity;
    while (a < m && !(predicted[a].offset > low)) a++;
    while (b < m && predicted[b].offset < high) b++;
    lo[i] = a;
    hi[i] = Math.max(a, b);
  }
  // Past a run of rows with no cells, the row that ends it (its lo is at least theirs: lo never decreases).
  const skipTo = new Int32Array(n + 1);
  skipTo[n] = n;
  for (let i = n - 1; i >= 0; i--) skipTo[i] = lo[i] < hi[i] ? i : skipTo[i + 1];
  const band: Int32Array[] = new Array<Int32Array>(n);
  const at = (i0: number, j0: number): number => {
    let i = i0;
    let j = j0;
    for (;;) {
      if (i >= n || j >= m) return 0;
      if (lo[i] >= hi[i]) {
        i = skipTo[i];
        continue;
      }
      if (j < lo[i]) j = lo[i];
      if (j >= hi[i]) {
        i++;
        continue;
      }
      return band[i][j - lo[i]];
    }
  };
  for (let i = n - 1; i >= 0; i--) {
    const row = (band[i] = new Int32Array(Math.max(0, hi[i] - lo[i])));
    for (let j = hi[i] - 1; j >= lo[i]; j--) {
      evalCounts.cells++;
      row[j - lo[i]] = Math.max(at(i + 1, j), at(i, j + 1), ok(i, j) ? 1 + at(i + 1, j + 1) : 0);
    }
  }
  return at;
}

class Counter implements ReadCounts {
  p0 = 0;
  p1 = 0;
  d1n = 0;
  d1k = 0;
  d2n = 0;
  d2k = 0;
  accN = 0;
  accK = 0;
  cutOff = 0;

  add(o: ReadCounts): void {
    this.p0 += o.p0;
    this.p1 += o.p1;
    this.d1n += o.d1n;
    this.d1k += o.d1k;
    this.d2n += o.d2n;
    this.d2k += o.d2k;
    this.accN += o.accN;
    this.accK += o.accK;
    this.cutOff += o.cutOff;
  }
}

/**
 * Counts p, delta1, delta2 and accuracy from one attempt sequence (the paper's definitions, as calibrate
 * counts them: a record with no candidate answer has its first attempt wrong and no decision).
 */
function count(c: Counter, correct: boolean[], finalCorrect: boolean, forcedStop: boolean | undefined): void {
  c.accN++;
  if (finalCorrect) c.accK++;
  c.p0++;
  if (correct.length === 0) return;
  if (correct[0]) c.p1++;
  correct.forEach((ok, k) => {
    const stop = k === correct.length - 1;
    if (stop && forcedStop) return;
    if (ok) {
      c.d1n++;
      if (stop) c.d1k++;
    } else {
      c.d2n++;
      if (!stop) c.d2k++;
    }
  });
}

/**
 * One record's counts as the engine read it (nothing without a ground truth or when cut off); `judge` where the
 * caller has already built the record's (evaluateSegmentation judges both readings with one).
 */
export function readCounts(r: UnlabelledInput, judge = r.truth === undefined ? undefined : againstTruth(r)): ReadCounts {
  const c = new Counter();
  if (r.cutOff) c.cutOff = 1;
  if (r.truth === undefined || r.cutOff || !judge) return c;
  count(
    c,
    r.predicted.map((p, k) => engineCorrect(r, k, judge)),
    r.finalCorrect ?? judge(r.predictedFinal),
    r.forcedStop,
  );
  return c;
}

/** The engine's k-th candidate right: as the engine judged it where the input carries that (engineReading), else judged here. */
const engineCorrect = (r: UnlabelledInput, k: number, judge: (v: string | null) => boolean): boolean =>
  r.correct?.[k] ?? judge(r.predicted[k].value);

const derived = (c: Counter): Derived => ({
  p: rateOf(c.p1, c.p0),
  delta1: rateOf(c.d1k, c.d1n),
  delta2: rateOf(c.d2k, c.d2n),
  accuracy: rateOf(c.accK, c.accN),
});

/**
 * The engine's reading of the labelled records against their labels; with `unlabelled` (the other
 * records of the same traces), also the rates over all of them corrected with the labels.
 */
export function evaluateSegmentation(inputs: Iterable<EvalInput>, unlabelled?: Iterable<ReadCounts>): SegmentationEval {
  const e = {
    records: 0,
    gold: 0,
    predicted: 0,
    matched: 0,
    firstCorrectness: { agree: 0, of: 0 },
    firstValue: { agree: 0, of: 0 },
    countAgreement: { agree: 0, of: 0 },
    exactSequence: { agree: 0, of: 0 },
    decisions: { agree: 0, of: 0 },
    finalAnswer: { agree: 0, of: 0 },
    byRule: {} as SegmentationEval['byRule'],
    recallByKind: { first: { found: 0, of: 0 }, echo: { found: 0, of: 0 }, changed: { found: 0, of: 0 } },
    seen: { found: 0, of: 0 },
    disagreements: [] as Disagreement[],
  };
  const engineCounts = new Counter();
  const goldCounts = new Counter();
  // Per record, the counts behind each rate (the intervals weigh how much records differ).
  const column = (): RecordCounts => ({ k: [], n: [] });
  const perRecord = {
    precision: column(),
    recall: column(),
    firstCorrectness: column(),
    exactSequence: column(),
    engine: { p: column(), delta1: column(), delta2: column(), accuracy: column() },
    gold: { p: column(), delta1: column(), delta2: column(), accuracy: column() },
  };
  const push = (c: RecordCounts, k: number, n: number): void => {
    c.k.push(k);
    c.n.push(n);
  };
  type Rates = typeof perRecord.engine;
  const pushRates = (into: Rates, c: ReadCounts): void => {
    push(into.p, c.p1, c.p0);
    push(into.delta1, c.d1k, c.d1n);
    push(into.delta2, c.d2k, c.d2n);
    push(into.accuracy, c.accK, c.accN);
  };
  for (const r of inputs) {
    const firstBefore = e.firstCorrectness.agree;
    const firstOfBefore = e.firstCorrectness.of;
    const exactBefore = e.exactSequence.agree;
    const at = (offset: number): string => (r.where ? r.where(offset) : `@${offset}`);
    e.records++;
    const gold = r.gold.candidates;
    const pred = r.predicted;
    e.gold += gold.length;
    e.predicted += pred.length;
    const options = r.optionOf;
    const pairs = alignCandidates(gold, pred, options, r.query);
    e.matched += pairs.length;
    if (r.seen) {
      e.seen.of += gold.length;
      e.seen.found += seenCount(gold, r.seen, options, r.query);
    }
    const matchedGold = new Set(pairs.map(([i]) => i));
    const matchedPred = new Set(pairs.map(([, j]) => j));
    gold.forEach((c, i) => {
      const kind: CandidateKind =
        i === 0
          ? 'first'
          : normalizedEqual(answerKey(gold[i - 1].value, options, r.query), answerKey(c.value, options, r.query))
            ? 'echo'
            : 'changed';
      e.recallByKind[kind].of++;
      if (matchedGold.has(i)) e.recallByKind[kind].found++;
      if (!matchedGold.has(i)) e.disagreements.push({ id: r.id, at: at(c.offset), kind: 'missed', expected: c.value, got: null });
    });
    pred.forEach((c, j) => {
      const rule = (e.byRule[c.rule ?? '-'] ??= { found: 0, matched: 0 });
      rule.found++;
      if (matchedPred.has(j)) rule.matched++;
      if (!matchedPred.has(j))
        e.disagreements.push({
          id: r.id,
          at: at(c.offset),
          kind: 'spurious',
          expected: null,
          got: `${c.value}${c.rule ? ` (${c.rule})` : ''}`,
        });
    });

    e.countAgreement.of++;
    if (gold.length === pred.length) e.countAgreement.agree++;
    else e.disagreements.push({ id: r.id, at: at(0), kind: 'count', expected: String(gold.length), got: String(pred.length) });
    e.exactSequence.of++;
    if (gold.length === pred.length && pairs.length === gold.length) e.exactSequence.agree++;

    const judge = againstTruth(r);
    if (gold.length > 0 && pred.length > 0) {
      e.firstValue.of++;
      if (normalizedEqual(answerKey(gold[0].value, options, r.query), answerKey(pred[0].value, options, r.query))) e.firstValue.agree++;
      if (r.truth !== undefined) {
        e.firstCorrectness.of++;
        if (judge(gold[0].value) === engineCorrect(r, 0, judge)) e.firstCorrectness.agree++;
        else e.disagreements.push({ id: r.id, at: at(pred[0].offset), kind: 'first', expected: gold[0].value, got: pred[0].value });
      }
    } else if (gold.length > 0 || pred.length > 0) {
      // One side has no candidate at all: the first candidate disagrees.
      e.firstValue.of++;
      e.firstCorrectness.of++;
    }
    // Decisions: after gold candidate i comes RESAMPLE (i < last) or STOP; the engine's decision
    // after its matched candidate j is RESAMPLE when j is not its last.
    const predOf = new Map(pairs);
    gold.forEach((_, i) => {
      e.decisions.of++;
      const j = predOf.get(i);
      if (j !== undefined && (i === gold.length - 1) === (j === pred.length - 1)) e.decisions.agree++;
    });
    e.finalAnswer.of++;
    const gf = r.gold.final;
    const pf = r.predictedFinal;
    if (
      (gf === null && pf === null) ||
      (gf !== null && pf !== null && normalizedEqual(answerKey(gf, options, r.query), answerKey(pf, options, r.query)))
    )
      e.finalAnswer.agree++;
    else e.disagreements.push({ id: r.id, at: at(pred.at(-1)?.offset ?? 0), kind: 'final', expected: gf, got: pf });

    push(perRecord.precision, pairs.length, pred.length);
    push(perRecord.recall, pairs.length, gold.length);
    push(perRecord.firstCorrectness, e.firstCorrectness.agree - firstBefore, e.firstCorrectness.of - firstOfBefore);
    push(perRecord.exactSequence, e.exactSequence.agree - exactBefore, 1);
    const goldRecord = new Counter();
    if (r.truth !== undefined && !r.cutOff)
      count(
        goldRecord,
        gold.map((c) => judge(c.value)),
        judge(gf),
        r.forcedStop,
      );
    const engineRecord = readCounts(r, judge);
    for (const [side, rec, total] of [
      ['gold', goldRecord, goldCounts],
      ['engine', engineRecord, engineCounts],
    ] as const) {
      total.add(rec);
      pushRates(perRecord[side], rec);
    }
  }
  let corrected: CorrectedRates | undefined;
  if (unlabelled) {
    const read: Rates = { p: column(), delta1: column(), delta2: column(), accuracy: column() };
    const all = new Counter();
    all.add(engineCounts);
    let records = e.records;
    for (const c of unlabelled) {
      records++;
      all.add(c);
      pushRates(read, c);
    }
    const alone = derived(all);
    const rate = (m: 'p' | 'delta1' | 'delta2' | 'accuracy'): CorrectedRates['p'] => ({
      ...predictionPoweredRate(read[m], perRecord.engine[m], perRecord.gold[m]),
      engine: alone[m].value,
    });
    const [p, delta1, delta2] = [rate('p'), rate('delta1'), rate('delta2')];
    const engineAcc = predictedAccuracy(p.engine ?? NaN, delta1.engine ?? NaN, delta2.engine ?? NaN);
    corrected = {
      records,
      labelled: e.records,
      // The labelled records' cut-off counts are in engineCounts (readCounts), the others' in theirs.
      cutOff: all.cutOff,
      p,
      delta1,
      delta2,
      accuracy: rate('accuracy'),
      predicted: { ...correctedPredictedAccuracy(p, delta1, delta2), engine: Number.isNaN(engineAcc) ? null : engineAcc },
    };
  }
  const sideIntervals = (c: typeof perRecord.engine): Record<'p' | 'delta1' | 'delta2', Interval> => ({
    p: pooledRateInterval(c.p),
    delta1: pooledRateInterval(c.delta1),
    delta2: pooledRateInterval(c.delta2),
  });
  const precision = e.predicted ? e.matched / e.predicted : 1;
  const recall = e.gold ? e.matched / e.gold : 1;
  return {
    ...e,
    cutOff: engineCounts.cutOff,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    derived: { engine: derived(engineCounts), gold: derived(goldCounts) },
    intervals: {
      precision: pooledRateInterval(perRecord.precision),
      recall: pooledRateInterval(perRecord.recall),
      firstCorrectness: pooledRateInterval(perRecord.firstCorrectness),
      exactSequence: pooledRateInterval(perRecord.exactSequence),
      engine: sideIntervals(perRecord.engine),
      gold: sideIntervals(perRecord.gold),
    },
    derivedDifference: {
      p: pairedDifferenceInterval(perRecord.engine.p, perRecord.gold.p),
      delta1: pairedDifferenceInterval(perRecord.engine.delta1, perRecord.gold.delta1),
      delta2: pairedDifferenceInterval(perRecord.engine.delta2, perRecord.gold.delta2),
    },
    ...(corrected ? { corrected } : {}),
  };
}
