// The learned candidate stage (docs/segmentation-eval.md, "Stop 26"): a logistic regression over
// the rules' candidates (readerFeatures.ts) that vetoes the ones annotators would not mark. A
// vetoed candidate's attempt merges into the next one (the next attempt starts where it started);
// the last candidate, the one the record stops on, is never vetoed, nor is an explicit answer, nor
// the asked computation's result (neverVetoed).
import { candidateFeatures, READER_FEATURES, type ReaderAttempt, type ReaderInput } from './readerFeatures.js';
import { normalizeMath, type QuestionInfo } from './question.js';
import type { Statement } from './statements.js';

/** A trained model, as scripts/train-reader.ts writes it to readerWeights.ts. */
export interface ReaderWeights {
  /** The feature names the weights were trained on (must equal READER_FEATURES). */
  features: readonly string[];
  /** Per feature, the training mean and scale it is standardized with. */
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
  /** A candidate whose probability is below this is vetoed. */
  threshold: number;
  /** Whether the first candidate may be vetoed (chosen by cross-validation where first-candidate agreement does not fall). */
  vetoFirst: boolean;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The model's probability that a feature vector's candidate is one annotators mark. */
export function candidateProbability(row: readonly number[], w: ReaderWeights): number {
  let z = w.bias;
  for (let i = 0; i < row.length; i++) z += (w.weights[i] * (row[i] - w.mean[i])) / w.scale[i];
  return sigmoid(z);
}

// Rules whose candidates state the answer explicitly (\boxed, "the answer is", a user's answer
// pattern). The guide makes each such statement a candidate (docs/annotation-guide.md), and a wrong
// answer stated so and then corrected is the self-correction the tool measures: a veto there would
// bias delta2 (the stage trained without this guard vetoed "So the answer is X" before "Hold on,
// the sum seems off", docs/segmentation-eval.md, "Stop 26").
const EXPLICIT_RULES: ReadonlySet<string> = new Set(['boxed', 'final-answer', 'pattern']);

/** Whether a candidate of this rule states the answer explicitly (never vetoed). */
export const isExplicitRule = (rule: string): boolean => EXPLICIT_RULES.has(rule);

// An asked expression that is arithmetic on the question's own numbers ("8*5", "347*8261", "12^3-5").
const numericTargetRe = /^\(?\d+(?:\.\d+)?\)?(?:[-+*/^]\(?\d+(?:\.\d+)?\)?)+$/;
// What may stand before such an expression on its left side: nothing, or a word, a space or an
// opening bracket, not more arithmetic ("2 + 8 * 5 = 42" works out another quantity).
const beforeTargetRe = /[\d.+\-*/^]$/;

/**
 * Whether a candidate states the result of the asked computation itself: its value is the right
 * side of "E =" on its line, E is the question's asked arithmetic on the question's own numbers
 * ("8 * 5 = 40" for "Calculate 8 * 5", "Seven eights: 7 * 8 = 56"). The guide makes such a
 * statement a candidate, and one then called a mistake is a corrected wrong answer
 * (docs/annotation-guide.md), so the stage never vetoes it (docs/segmentation-eval.md, "Stop 37":
 * its size beside a wrong final answer, `value:magnitudeToFinal`, vetoed the correct first attempt
 * of the tool's own rollouts, "8 * 5 = 40 / Wait, I made a mistake. ... / 8 * 5 = 71302886").
 */
export function statesAskedComputation(body: string, c: Pick<Statement, 'start'>, question: Pick<QuestionInfo, 'targets'>): boolean {
  if (question.targets.length === 0) return false;
  let k = c.start - 1;
  for (let ch = body.charCodeAt(k); k >= 0 && (ch === 32 || ch === 9 || ch === 36); ch = body.charCodeAt(--k));
  if (body.charCodeAt(k) !== 61) return false;
  // The left side: back to the line's start, a colon or another "=" (at most 80 characters).
  let b = k - 1;
  const limit = Math.max(0, k - 80);
  for (let ch = body.charCodeAt(b); b >= limit && ch !== 10 && ch !== 58 && ch !== 61; ch = body.charCodeAt(--b));
  if (b < limit && limit > 0) return false;
  if (b >= 0 && body.charCodeAt(b) === 61) return false;
  const lhs = normalizeMath(body.slice(b + 1, k));
  return question.targets.some(
    (t) => numericTargetRe.test(t) && lhs.endsWith(t) && !beforeTargetRe.test(lhs.slice(0, lhs.length - t.length)),
  );
}

/**
 * Per attempt, whether the stage never vetoes it: an explicit answer (isExplicitRule), whether the
 * candidate states it so or the attempt restates its candidate so ("1073990 + 422 = 74412. / The
 * final answer is \\boxed{74412}.": the generator's dropped carry, vetoed by its size beside the
 * final answer before stop 37), or the asked computation's result (statesAskedComputation).
 */
export function neverVetoed(input: Pick<ReaderInput, 'body' | 'question'>, attempts: readonly ReaderAttempt[]): boolean[] {
  const out: boolean[] = [];
  for (const a of attempts)
    out.push(
      isExplicitRule(a.candidate.rule) || isExplicitRule(a.stated.rule) || statesAskedComputation(input.body, a.candidate, input.question),
    );
  return out;
}

/** Which candidates the stage judges: never the last or an explicit one (`explicit[k]`), the first only where allowed. */
function judged(explicit: readonly boolean[], vetoFirst: boolean): boolean[] {
  // Pushed rather than mapped, here and in applyLearnedReader: an array `map` returns has one
  // element kind or another depending on whether the optimized or the built-in `map` made it, and
  // each new kind read deoptimized the full pass while it warmed up (docs/engine.md, stop 27,
  // fourth round); pushed booleans or undefined always end in the same kind.
  const out: boolean[] = [];
  for (let k = 0; k < explicit.length; k++) out.push(!explicit[k] && k < explicit.length - 1 && (k > 0 || vetoFirst));
  return out;
}

/** Which candidates the stage vetoes: the judged ones below the threshold. */
export function vetoes(
  probabilities: readonly number[],
  explicit: readonly boolean[],
  w: Pick<ReaderWeights, 'threshold' | 'vetoFirst'>,
): boolean[] {
  const judge = judged(explicit, w.vetoFirst);
  return probabilities.map((p, k) => judge[k] && p < w.threshold);
}

/**
 * Applies the stage to the rules' attempts (`input.attempts`, passed again typed as the caller's):
 * drops the vetoed ones, each merged into the next attempt, and returns the survivors with their
 * probabilities (a candidate's confidence), undefined for the ones the stage does not judge (the
 * last, an explicit answer, a first one it may not veto: their rule's measured confidence stands).
 */
export function applyLearnedReader<A extends ReaderAttempt>(
  input: ReaderInput,
  attempts: readonly A[],
  w: ReaderWeights,
): { attempts: A[]; confidence: (number | undefined)[] } {
  if (w.features.length !== READER_FEATURES.length) throw new Error('reader weights do not match the reader features');
  const explicit = neverVetoed(input, attempts);
  const judge = judged(explicit, w.vetoFirst);
  // Nothing to judge: the rules' reading stands and no feature is worked out.
  if (!judge.includes(true)) {
    const none: undefined[] = [];
    for (let k = 0; k < attempts.length; k++) none.push(undefined);
    return { attempts: [...attempts], confidence: none };
  }
  const rows = candidateFeatures(input);
  const probabilities = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) probabilities[k] = candidateProbability(rows[k], w);
  const kept: A[] = [];
  const confidence: (number | undefined)[] = [];
  let pendingStart = -1;
  attempts.forEach((a, k) => {
    if (judge[k] && probabilities[k] < w.threshold) {
      if (pendingStart < 0) pendingStart = a.start;
      return;
    }
    if (pendingStart >= 0) a.start = pendingStart;
    pendingStart = -1;
    kept.push(a);
    confidence.push(judge[k] ? probabilities[k] : undefined);
  });
  return { attempts: kept, confidence };
}
