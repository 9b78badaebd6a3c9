// Attribution of four training objectives on one trajectory, sampling vs decision side by side
// (paper section 5 and Appendix D):
//   surrogate  GRPO's reward term: Q = gamma^(T-t) * A for both actions of attempt t (Thm 3.1)
//   kl         the token-level KL: r = -beta * sum over tokens of k(pi, pi_ref); in the reward
//              (Thm 3.2) Q-weighted plus, for k2/k3, its pathwise term; as a loss (verl's
//              use_kl_loss) no Q, only the pathwise term -beta * sum of dk/dlogp (attribution.ts)
//   sft        cross-entropy as policy gradient with implicit per-token reward 1/pi(token) (Lemma 3, Thm D.1)
//   dft        SFT with each token's loss scaled by its own probability (Wu et al. 2025): the
//              1/pi cancels, every token's implicit reward is the constant 1 (Lemma 4, Thm D.2)
// Q-values of the last three run backwards over the actions: Q(a_i) = r_i + gamma * Q(a_{i+1}).
// A contribution is (Q + pathwise) x d log pi(action)/d theta of the action's own logit; pathwise
// is 0 except for the KL.
//
// Appendix D's table (does Q of decisions depend on the sampling policy, Q of samples on the
// decision policy, Q on future lengths?) is not copied here: each answer is measured on the given
// trajectory by perturbing that input and watching the gradient weights Q + pathwise move.
import {
  alignLogProbs,
  attributeActions,
  decisionScore,
  klModeOf,
  type ActionLogProbs,
  probabilitiesOf,
  sampleScore,
  type ThreeLogitParameter,
  type ThreeLogits,
} from './attribution.js';
import { keepsPathwise, klGradSum, klGradUniform, klSum, klUniform } from './kl.js';
import type { AttributedAction, KlEstimator, KlMode, ThreeLogitProbabilities } from './types.js';
import type { SegmentedRecord } from '../trace/types.js';

export type ObjectiveName = 'surrogate' | 'kl' | 'sft' | 'dft';
export const OBJECTIVES: readonly ObjectiveName[] = ['surrogate', 'kl', 'sft', 'dft'];

/** Per-token log-probs of an action: one value per token, or one value that every token carries. */
export type TokenValues = ArrayLike<number> | number;

/** One action of the trajectory: sample 1, decision 1, ..., sample T, STOP. */
export interface ObjectiveStep {
  action: AttributedAction;
  /** Tokens L of the action (a decision is 1). Fractional counts are allowed for model examples (L = 7.8). */
  tokens: number;
  /** Policy log-probs of the action's tokens; null when unknown (SFT then cannot be computed). */
  logp: TokenValues | null;
  /** Reference log-probs; null when unknown (KL then assumes `eps` per token). */
  ref: TokenValues | null;
  /** d log pi(action)/d theta for the logit that produced it (1 when no policy model is assumed). */
  score: number;
  parameter?: ThreeLogitParameter;
}

export interface ObjectiveOptions {
  advantage: number;
  beta: number;
  gamma: number;
  kl: KlEstimator;
  /** Where the KL objective sits; absent: `reward` (Theorem 3.2, as Appendix D compares it). */
  klMode?: KlMode;
  /** Per-token log(pi/pi_ref) assumed where log-probs are unknown. */
  eps: number;
}

export interface ObjectiveActionAttribution {
  action: AttributedAction;
  /** Immediate (implicit) reward of the action under this objective (the KL: -beta * sum of k, also as a loss). */
  r: number;
  /** Q-value (0 for the KL as a loss: it enters no return). */
  q: number;
  /** The KL's pathwise term -beta * sum of dk/dlogp where its gradient keeps it; 0 for the other objectives. */
  pathwise: number;
  /** (q + pathwise) x d log pi(action)/d theta. */
  contribution: number;
}

/**
 * Measured on this trajectory: does an action's gradient weight (its Q-value, plus the KL's
 * pathwise term) move when the input moves? null: not measurable here.
 */
export interface ObjectiveDependence {
  /** Q of decision actions changes when the sampling policy's probabilities change. */
  decisionQOnSamplingPolicy: boolean | null;
  /** Q of sampling actions changes when the decision policy's probabilities change. */
  samplingQOnDecisionPolicy: boolean | null;
  /** Q of the first decision changes when later attempts get longer. */
  decisionQOnFutureLengths: boolean | null;
  /**
   * The first sample's weight changes when that sample gets longer: a length-weighted immediate
   * term, O(L) on a sample against O(1) on a decision (the paper's footnote 11).
   */
  sampleQOnOwnLength: boolean | null;
}

export interface ObjectiveAttribution {
  objective: ObjectiveName;
  /** False when the trajectory lacks what the objective needs (SFT: policy log-probs). */
  available: boolean;
  reason?: string;
  steps: ObjectiveActionAttribution[];
  /** Summed contributions of sampling actions and of decision actions. */
  sampling: number;
  decision: number;
  /** |sampling| / |decision|. */
  ratio: number;
  /** Mean |Q + pathwise| per action on each side: how strongly each side is credited, independent of the scores. */
  meanAbsQ: { sampling: number; decision: number };
  dependence: ObjectiveDependence;
  /**
   * Appendix D's verdict from the measured dependence: policy-entangled Q -> imbalanced; weighted
   * by future lengths -> improved; weighted by the action's own length only (the KL as a loss) ->
   * imbalanced; none of these -> balanced.
   */
  attribution: 'balanced' | 'improved' | 'imbalanced' | 'unknown';
}

const sumTokens = (v: TokenValues, tokens: number, f: (x: number) => number): number => {
  if (typeof v === 'number') return tokens * f(v);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += f(v[i]);
  return s;
};

/** Summed KL estimate (or, `grad`, summed dk/dlogp) of an action's tokens. */
function klOf(step: ObjectiveStep, o: ObjectiveOptions, grad = false): number {
  const [uniform, sum] = grad ? [klGradUniform, klGradSum] : [klUniform, klSum];
  if (step.logp === null || step.ref === null) return uniform(o.kl, o.eps, step.tokens);
  if (typeof step.logp === 'number' && typeof step.ref === 'number') return uniform(o.kl, step.logp - step.ref, step.tokens);
  const n = typeof step.logp === 'number' ? (step.ref as ArrayLike<number>).length : step.logp.length;
  const expand = (v: TokenValues): ArrayLike<number> => (typeof v === 'number' ? new Array<number>(n).fill(v) : v);
  return sum(o.kl, expand(step.logp), expand(step.ref));
}

/** The KL's pathwise term per action where its gradient keeps it (kl.ts keepsPathwise), else 0. */
function pathwiseTerms(objective: ObjectiveName, steps: readonly ObjectiveStep[], o: ObjectiveOptions): number[] {
  if (objective !== 'kl' || !keepsPathwise(o.kl, klModeOf(o))) return steps.map(() => 0);
  return steps.map((s) => -o.beta * klOf(s, o, true) + 0);
}

/** Immediate rewards of each action under an objective; null when it cannot be computed. */
function rewards(objective: Exclude<ObjectiveName, 'surrogate'>, steps: readonly ObjectiveStep[], o: ObjectiveOptions): number[] | null {
  switch (objective) {
    case 'kl':
      return steps.map((s) => -o.beta * klOf(s, o));
    case 'sft':
      if (steps.some((s) => s.logp === null)) return null;
      return steps.map((s) => sumTokens(s.logp as TokenValues, s.tokens, (lp) => Math.exp(-lp)));
    case 'dft':
      return steps.map((s) => s.tokens);
  }
}

function backwardQ(r: readonly number[], gamma: number): number[] {
  const q = new Array<number>(r.length);
  for (let i = r.length - 1; i >= 0; i--) q[i] = r[i] + (i === r.length - 1 ? 0 : gamma * q[i + 1]);
  return q;
}

interface Weights {
  r: number[];
  q: number[];
  pathwise: number[];
  /** q + pathwise: what multiplies d log pi(action)/d theta. */
  w: number[];
}

function qValues(objective: ObjectiveName, steps: readonly ObjectiveStep[], o: ObjectiveOptions): Weights | null {
  const withPathwise = (r: number[], q: number[]): Weights => {
    const pathwise = pathwiseTerms(objective, steps, o);
    return { r, q, pathwise, w: q.map((x, i) => x + pathwise[i]) };
  };
  if (objective === 'surrogate') {
    // attributeActions owns Theorem 3.1's per-attempt discounting; reuse it rather than restate it.
    const a = attributeActions(
      steps.map((s) => ({ action: s.action, kl: 0, klGrad: 0, score: s.score })),
      o.advantage,
      o,
    );
    const q = a.steps.map((s) => s.qSurrogate);
    return withPathwise(
      q.map((_, i) => (i === q.length - 1 ? o.advantage : 0)),
      q,
    );
  }
  const r = rewards(objective, steps, o);
  if (!r) return null;
  // The KL as a loss enters no return: no Q-values, its gradient is the pathwise term alone.
  return withPathwise(r, objective === 'kl' && klModeOf(o) === 'loss' ? r.map(() => 0) : backwardQ(r, o.gamma));
}

const isSample = (s: ObjectiveStep): boolean => s.action === 'sample';
const shift = (v: TokenValues | null, by: number): TokenValues | null =>
  v === null ? null : typeof v === 'number' ? v + by : Array.from(v as ArrayLike<number>, (x) => x + by);
const lengthen = (s: ObjectiveStep): ObjectiveStep => {
  const extend = (v: TokenValues | null): TokenValues | null =>
    v === null || typeof v === 'number' ? v : v.length === 0 ? v : [...Array.from(v), v[v.length - 1]];
  return { ...s, tokens: s.tokens + 1, logp: extend(s.logp), ref: extend(s.ref) };
};

/** True when any of `pick`'s Q-values differ between the two runs. */
function moved(a: number[], b: number[], pick: (i: number) => boolean): boolean {
  return a.some((q, i) => pick(i) && Math.abs(q - b[i]) > 1e-12 * Math.max(1, Math.abs(q)));
}

// A probability change of 10% on the probed side: large enough to see, small enough to stay a policy.
const PROBE = Math.log(0.9);

function dependence(objective: ObjectiveName, steps: readonly ObjectiveStep[], o: ObjectiveOptions, base: number[]): ObjectiveDependence {
  const known = steps.every((s) => s.logp !== null);
  const probe = (changed: ObjectiveStep[], pick: (i: number) => boolean): boolean | null => {
    const w = qValues(objective, changed, o)?.w;
    return w ? moved(base, w, pick) : null;
  };
  const hasLaterSample = steps.some((s, i) => isSample(s) && i > 1);
  // Without policy log-probs a change of the policy cannot reach the inputs: not measurable.
  const policyProbe = (side: 'sampling' | 'decision', pick: (i: number) => boolean): boolean | null => {
    if (!known) return null;
    const changed = steps.map((s) => ((side === 'sampling') === isSample(s) ? { ...s, logp: shift(s.logp, PROBE) } : s));
    return probe(changed, pick);
  };
  return {
    decisionQOnSamplingPolicy: hasLaterSample ? policyProbe('sampling', (i) => !isSample(steps[i])) : null,
    samplingQOnDecisionPolicy: policyProbe('decision', (i) => isSample(steps[i])),
    decisionQOnFutureLengths: hasLaterSample
      ? probe(
          steps.map((s, i) => (isSample(s) && i > 1 ? lengthen(s) : s)),
          (i) => i === 1,
        )
      : null,
    sampleQOnOwnLength: probe(
      steps.map((s, i) => (i === 0 ? lengthen(s) : s)),
      (i) => i === 0,
    ),
  };
}

function verdict(d: ObjectiveDependence): ObjectiveAttribution['attribution'] {
  const policy = [d.decisionQOnSamplingPolicy, d.samplingQOnDecisionPolicy];
  if (policy.includes(true)) return 'imbalanced';
  if (policy.includes(null) || d.decisionQOnFutureLengths === null) return 'unknown';
  if (d.decisionQOnFutureLengths) return 'improved';
  if (d.sampleQOnOwnLength === null) return 'unknown';
  return d.sampleQOnOwnLength ? 'imbalanced' : 'balanced';
}

function checkShape(steps: readonly ObjectiveStep[]): void {
  if (steps.length === 0 || steps.length % 2 !== 0)
    throw new RangeError('a trajectory alternates sample and decision actions and ends with STOP');
  steps.forEach((s, i) => {
    const expected = i % 2 === 0 ? 'sample' : i === steps.length - 1 ? 'STOP' : 'RESAMPLE';
    if (s.action !== expected) throw new RangeError(`action ${i} is ${s.action}, expected ${expected}`);
  });
}

export function attributeObjective(
  objective: ObjectiveName,
  steps: readonly ObjectiveStep[],
  options: ObjectiveOptions,
): ObjectiveAttribution {
  checkShape(steps);
  const qr = qValues(objective, steps, options);
  const empty = { sampling: 0, decision: 0 };
  if (!qr) {
    return {
      objective,
      available: false,
      reason: "needs the policy's per-token log-probs (1/pi is its implicit reward)",
      steps: [],
      sampling: NaN,
      decision: NaN,
      ratio: NaN,
      meanAbsQ: { sampling: NaN, decision: NaN },
      dependence: {
        decisionQOnSamplingPolicy: null,
        samplingQOnDecisionPolicy: null,
        decisionQOnFutureLengths: null,
        sampleQOnOwnLength: null,
      },
      attribution: 'unknown',
    };
  }
  const side = { ...empty };
  const absQ = { ...empty };
  const count = { ...empty };
  const attributed = steps.map((s, i) => {
    const contribution = qr.w[i] * s.score;
    const k = isSample(s) ? 'sampling' : 'decision';
    side[k] += contribution;
    absQ[k] += Math.abs(qr.w[i]);
    count[k]++;
    return { action: s.action, r: qr.r[i], q: qr.q[i], pathwise: qr.pathwise[i], contribution };
  });
  const dep = dependence(objective, steps, options, qr.w);
  return {
    objective,
    available: true,
    steps: attributed,
    sampling: side.sampling,
    decision: side.decision,
    ratio: Math.abs(side.sampling) / Math.abs(side.decision),
    meanAbsQ: { sampling: absQ.sampling / count.sampling, decision: absQ.decision / count.decision },
    dependence: dep,
    attribution: verdict(dep),
  };
}

/** All four objectives on one trajectory, in the order surrogate, kl, sft, dft. */
export function attributeObjectives(steps: readonly ObjectiveStep[], options: ObjectiveOptions): ObjectiveAttribution[] {
  return OBJECTIVES.map((o) => attributeObjective(o, steps, options));
}

/**
 * The steps of a three-logit trajectory (Appendix C's model): attempts `outcomes` (true = correct),
 * RESAMPLE between them, STOP after the last. As in attributeThreeLogit, each of a sample's L
 * tokens carries the action's log-prob.
 */
export function threeLogitSteps(
  outcomes: readonly boolean[],
  logits: ThreeLogits,
  reference: ThreeLogits,
  tokens: { correct: number; wrong: number },
): ObjectiveStep[] {
  const pol: ThreeLogitProbabilities = probabilitiesOf(logits);
  const ref = probabilitiesOf(reference);
  const chosen = (prob: number, taken: boolean): number => Math.log(taken ? prob : 1 - prob);
  const steps: ObjectiveStep[] = [];
  outcomes.forEach((correct, i) => {
    steps.push({
      action: 'sample',
      tokens: correct ? tokens.correct : tokens.wrong,
      logp: chosen(pol.p, correct),
      ref: chosen(ref.p, correct),
      ...sampleScore(pol, correct),
    });
    const action = i === outcomes.length - 1 ? 'STOP' : 'RESAMPLE';
    const [prob, refProb, taken] = correct ? [pol.delta1, ref.delta1, action === 'STOP'] : [pol.delta2, ref.delta2, action === 'RESAMPLE'];
    steps.push({ action, tokens: 1, logp: chosen(prob, taken), ref: chosen(refProb, taken), ...decisionScore(pol, correct, action) });
  });
  return steps;
}

/**
 * The steps of a segmented real trace: per-token log-probs when the record carries them (aligned
 * as `reflection-lens attribution` aligns them), else unknown (KL assumes `eps`, SFT unavailable).
 * With a calibrated three-logit `policy`, scores follow its sigmoids; without, every score is 1.
 */
export function segmentedSteps(
  seg: SegmentedRecord,
  policy?: ThreeLogitProbabilities,
  logprobs: ActionLogProbs | undefined = alignLogProbs(seg),
): ObjectiveStep[] {
  const steps: ObjectiveStep[] = [];
  let lastCorrect: boolean | null = null;
  for (const s of seg.steps) {
    if (s.kind === 'sample') {
      lastCorrect = s.correct;
      const lp = logprobs?.samples[s.attempt];
      steps.push({
        action: 'sample',
        tokens: lp ? lp.logp.length : s.tokens,
        logp: lp?.logp ?? null,
        ref: lp?.ref ?? null,
        ...sampleScore(policy, s.correct),
      });
    } else {
      const lp = logprobs?.decisions[s.attempt];
      steps.push({
        action: s.action,
        tokens: 1,
        logp: lp?.logp ?? null,
        ref: lp?.ref ?? null,
        ...decisionScore(policy, lastCorrect, s.action),
      });
    }
  }
  return steps;
}
