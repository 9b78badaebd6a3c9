// Gradient attribution of one trajectory (docs/design.md section 5; paper Theorems 3.1 and 3.2,
// Appendix C): the GRPO surrogate pushes sampling and decision actions with the same Q, the
// token-level KL penalty drags sampling (L tokens) far harder than decisions (one token), whether
// it sits in the reward (Q-weighted, Theorem 3.2) or beside the loss (verl's use_kl_loss, pathwise).
import type { DecisionStep, SampleStep, TraceRecord } from '../trace/types.js';
import { logprobsProblem, splitTokens } from '../trace/tokenSplit.js';
import { keepsPathwise, klGradSum, klGradUniform, klSum, klUniform } from './kl.js';
import type {
  AttributedAction,
  AttributedStep,
  AttributionOptions,
  KlEstimator,
  KlMode,
  ParameterGradient,
  ThreeLogitGradients,
  ThreeLogitProbabilities,
  TraceAttribution,
} from './types.js';

/**
 * Attribution's defaults, in the CLI and the editor alike: beta is verl's kl_loss_coef; the KL in
 * the reward with k1, the setting Theorem 3.2 and Appendix D analyse (with k1 as a loss the
 * expected drag is zero; the paper's training setup is `--kl-mode loss --kl k3`).
 */
export const defaultAttributionOptions: Required<Omit<AttributionOptions, 'policy'>> = {
  beta: 0.001,
  eps: 0.05,
  gamma: 1,
  kl: 'k1',
  klMode: 'reward',
};

/**
 * Largest accepted KL coefficient and per-token log ratio (CLI flags, editor settings). Larger ones
 * overflow: at beta = 1e308 a drag is -Infinity and JSON prints it as null. Within these bounds the
 * products stay finite for any token count (beta * eps * 2^53 is about 1e21).
 */
export const MAX_BETA = 1000;
export const MAX_EPS = 100;

/**
 * The KL placement of `options`. Absent means `reward`, what the engine computed before the
 * placement was a choice, so callers that name no placement keep their results.
 */
export const klModeOf = (options: { klMode?: KlMode }): KlMode => options.klMode ?? 'reward';

export type ThreeLogitParameter = keyof ThreeLogitGradients;

/** One action of a trajectory, reduced to what attribution needs. */
export interface AttributionAction {
  action: AttributedAction;
  /** KL estimate summed over the action's tokens (the immediate penalty is -beta times this). */
  kl: number;
  /** Sum over the action's tokens of d k / d logp (kl.ts klTokenGrad). */
  klGrad: number;
  /** d log pi(action) / d theta for the logit that produced the action. */
  score: number;
  /** The three-logit parameter that logit is, when known. */
  parameter?: ThreeLogitParameter;
}

/**
 * Q-values and gradient contributions of a trajectory sample 1, decision 1, ..., sample T,
 * decision T (the last decision STOP, the others RESAMPLE).
 *
 * The KL's gradient on an action is (q + pathwise) * score. In the reward (Theorem 3.2) q is the
 * KL Q-value and pathwise the penalty's own derivative (k2, k3; for k1 it is zero in expectation
 * and left out, kl.ts keepsPathwise), so the expected drag is the exact gradient of
 * E[-beta * sum of k]. As a loss (verl's use_kl_loss, summed over the tokens of a trajectory)
 * q is 0 and pathwise is the whole gradient: the expected drag is the exact gradient of the
 * expected loss with the sampled actions held fixed.
 */
export function attributeActions(
  actions: readonly AttributionAction[],
  advantage: number,
  options: Pick<AttributionOptions, 'beta' | 'gamma' | 'kl' | 'klMode'>,
): TraceAttribution {
  checkShape(actions);
  const { beta, gamma } = options;
  const mode = klModeOf(options);
  const pathwiseKept = keepsPathwise(options.kl, mode);
  const T = actions.length / 2;
  // r and q in typed arrays (the same numbers): an array from `map` or `new Array` has an element
  // kind that depends on its values and on whether the optimized or the built-in `map` made it,
  // and each new kind deoptimized the full pass once more while it warmed up (docs/engine.md,
  // stop 27, fourth round).
  const r = new Float64Array(actions.length);
  for (let i = 0; i < actions.length; i++) r[i] = -beta * actions[i].kl;
  // Theorem 3.2, backwards: Q(STOP) = r_d(T), Q(a_i) = r_i + gamma * Q(a_{i+1}). A loss has no return.
  const q = new Float64Array(actions.length);
  for (let i = actions.length - 1; i >= 0; i--) q[i] = mode === 'loss' ? 0 : r[i] + (i === actions.length - 1 ? 0 : gamma * q[i + 1]);

  const push = { sampling: 0, decision: 0 };
  const drag = { sampling: 0, decision: 0 };
  const params: Record<ThreeLogitParameter, ParameterGradient> = {
    theta_s: { push: 0, drag: 0, net: 0 },
    theta_stop: { push: 0, drag: 0, net: 0 },
    theta_resample: { push: 0, drag: 0, net: 0 },
  };
  let allMapped = actions.length > 0;
  const steps: AttributedStep[] = actions.map((a, i) => {
    const cycle = Math.floor(i / 2) + 1;
    // Theorem 3.1: both actions of cycle t share Q = gamma^(T-t) * A.
    const qSurrogate = gamma ** (T - cycle) * advantage;
    // + 0 turns -0 (beta or the derivative 0) into 0, so a zero term prints as 0.
    const pathwise = pathwiseKept ? -beta * a.klGrad + 0 : 0;
    const contribution = (q[i] + pathwise) * a.score;
    const side = a.action === 'sample' ? 'sampling' : 'decision';
    push[side] += qSurrogate * a.score;
    drag[side] += contribution;
    if (a.parameter) {
      params[a.parameter].push += qSurrogate * a.score;
      params[a.parameter].drag += contribution;
    } else allMapped = false;
    return { action: a.action, r: r[i], q: q[i], pathwise, qSurrogate, contribution };
  });
  const result: TraceAttribution = {
    steps,
    advantage,
    push,
    drag,
    ratio: Math.abs(drag.sampling) / Math.abs(drag.decision),
    surrogateRatio: Math.abs(push.sampling) / Math.abs(push.decision),
  };
  if (allMapped) {
    for (const g of Object.values(params)) g.net = g.push + g.drag;
    result.parameters = params;
  }
  return result;
}

function checkShape(actions: readonly AttributionAction[]): void {
  if (actions.length % 2 !== 0) throw new RangeError('a trajectory alternates sample and decision actions and ends with a decision');
  actions.forEach((a, i) => {
    const expected = i % 2 === 0 ? 'sample' : i === actions.length - 1 ? 'STOP' : 'RESAMPLE';
    if (a.action !== expected) throw new RangeError(`action ${i} is ${a.action}, expected ${expected}`);
  });
}

/** Per-token log-probs of the policy and the reference for the tokens of one action. */
export interface TokenLogProbs {
  logp: ArrayLike<number>;
  ref: ArrayLike<number>;
}

/** Real log-probs per action, aligned with a segmented record's samples and decisions. */
export interface ActionLogProbs {
  samples: TokenLogProbs[];
  decisions: TokenLogProbs[];
}

/** The parts of a segmented record that attribution reads (the full pass, scan.ts, builds only these). */
export interface AttributableRecord {
  record: Pick<TraceRecord, 'logprobs' | 'refLogprobs'>;
  steps: readonly (Pick<SampleStep, 'kind' | 'attempt' | 'correct' | 'tokens'> | Pick<DecisionStep, 'kind' | 'attempt' | 'action'>)[];
}

/**
 * Attribution of a segmented real trace. The KL penalty comes from the per-token log-probs when
 * given (exact), else from `eps` per token times the token count (a decision is one token). A
 * trace does not say how each token's log-prob depends on theta: every token of an action is
 * taken to move with the action's score, as in the paper's model (each token carries the
 * action's log ratio), so the pathwise term is -beta * sum of dk/dlogp times that score.
 */
export function attributeSegmented(
  seg: AttributableRecord,
  advantage: number,
  options: AttributionOptions,
  logprobs: ActionLogProbs | undefined = alignLogProbs(seg),
): TraceAttribution {
  const actions: AttributionAction[] = [];
  let lastCorrect: boolean | null = null;
  for (const step of seg.steps) {
    if (step.kind === 'sample') {
      lastCorrect = step.correct;
      const lp = logprobs?.samples[step.attempt];
      actions.push({
        action: 'sample',
        kl: lp ? klSum(options.kl, lp.logp, lp.ref) : klUniform(options.kl, options.eps, step.tokens),
        klGrad: lp ? klGradSum(options.kl, lp.logp, lp.ref) : klGradUniform(options.kl, options.eps, step.tokens),
        ...sampleScore(options.policy, step.correct),
      });
    } else {
      const lp = logprobs?.decisions[step.attempt];
      actions.push({
        action: step.action,
        kl: lp ? klSum(options.kl, lp.logp, lp.ref) : klUniform(options.kl, options.eps, 1),
        klGrad: lp ? klGradSum(options.kl, lp.logp, lp.ref) : klGradUniform(options.kl, options.eps, 1),
        ...decisionScore(options.policy, lastCorrect, step.action),
      });
    }
  }
  return attributeActions(actions, advantage, options);
}

/**
 * Splits a record's response-level log-probs (JSONL rollouts, a .trace's sidecar) over its
 * actions, by the split the steps show (segment.ts splitTokens: sample k has L_k tokens, each
 * RESAMPLE is the first token of the next attempt, STOP the response's last token). When the
 * steps' L do not add up to the log-probs (T decision tokens included), the log-probs are split
 * in proportion to them. Undefined when the record has no usable log-probs (logprobsProblem).
 */
export function alignLogProbs(seg: AttributableRecord): ActionLogProbs | undefined {
  const { logprobs, refLogprobs } = seg.record;
  const weights: number[] = [];
  for (const s of seg.steps) if (s.kind === 'sample') weights.push(s.tokens);
  if (!logprobs || !refLogprobs || logprobsProblem(seg.record, weights.length) !== undefined) return undefined;
  const N = logprobs.length;
  if (weights.length === 0) return undefined;
  const shown = weights.reduce((t, L) => t + L, 0) + weights.length === N;
  const L = shown ? weights : splitTokens(N, weights);
  if (!L) return undefined;
  const slice = (from: number, to: number): TokenLogProbs => ({ logp: logprobs.slice(from, to), ref: refLogprobs.slice(from, to) });
  const out: ActionLogProbs = { samples: [], decisions: [] };
  let at = 0;
  for (const n of L) {
    out.samples.push(slice(at, at + n));
    out.decisions.push(slice(at + n, at + n + 1));
    at += n + 1;
  }
  return out;
}

export function sampleScore(
  policy: ThreeLogitProbabilities | undefined,
  correct: boolean | null,
): Pick<AttributionAction, 'score' | 'parameter'> {
  if (!policy || correct === null) return { score: 1 };
  // pi(C) = sigmoid(theta_s): d log pi(C) = 1 - p, d log pi(W) = d log(1 - sigmoid) = -p.
  return { score: correct ? 1 - policy.p : -policy.p, parameter: 'theta_s' };
}

export function decisionScore(
  policy: ThreeLogitProbabilities | undefined,
  afterCorrect: boolean | null,
  action: 'STOP' | 'RESAMPLE',
): Pick<AttributionAction, 'score' | 'parameter'> {
  if (!policy || afterCorrect === null) return { score: 1 };
  if (afterCorrect) return { score: action === 'STOP' ? 1 - policy.delta1 : -policy.delta1, parameter: 'theta_stop' };
  return { score: action === 'RESAMPLE' ? 1 - policy.delta2 : -policy.delta2, parameter: 'theta_resample' };
}

/** Logits of the three-logit model: theta_s (correct sample), theta_stop (STOP|correct), theta_resample (RESAMPLE|wrong). */
export interface ThreeLogits {
  theta_s: number;
  theta_stop: number;
  theta_resample: number;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function probabilitiesOf(logits: ThreeLogits): ThreeLogitProbabilities {
  return { p: sigmoid(logits.theta_s), delta1: sigmoid(logits.theta_stop), delta2: sigmoid(logits.theta_resample) };
}

export interface ThreeLogitTrajectoryOptions {
  advantage: number;
  beta: number;
  gamma: number;
  kl: KlEstimator;
  /** KL placement; absent: `reward`. */
  klMode?: KlMode;
  /** Tokens of a correct and of a wrong sample (L); a decision is one token. */
  tokens: { correct: number; wrong: number };
}

/**
 * Exact attribution under the three-logit model of Appendix C for a trajectory whose attempts
 * are `outcomes` (true = correct), each followed by RESAMPLE and the last by STOP. Every token
 * of an action carries the action's log ratio log(pi(a)/pi_ref(a)).
 */
export function attributeThreeLogit(
  outcomes: readonly boolean[],
  logits: ThreeLogits,
  reference: ThreeLogits,
  options: ThreeLogitTrajectoryOptions,
): TraceAttribution {
  const pol = probabilitiesOf(logits);
  const ref = probabilitiesOf(reference);
  const chosen = (prob: number, taken: boolean): number => (taken ? prob : 1 - prob);
  const actions: AttributionAction[] = [];
  outcomes.forEach((correct, i) => {
    const ratio = Math.log(chosen(pol.p, correct) / chosen(ref.p, correct));
    const L = correct ? options.tokens.correct : options.tokens.wrong;
    actions.push({
      action: 'sample',
      kl: klUniform(options.kl, ratio, L),
      klGrad: klGradUniform(options.kl, ratio, L),
      ...sampleScore(pol, correct),
    });
    const action = i === outcomes.length - 1 ? 'STOP' : 'RESAMPLE';
    const [prob, refProb, taken] = correct ? [pol.delta1, ref.delta1, action === 'STOP'] : [pol.delta2, ref.delta2, action === 'RESAMPLE'];
    const decisionRatio = Math.log(chosen(prob, taken) / chosen(refProb, taken));
    actions.push({
      action,
      kl: klUniform(options.kl, decisionRatio, 1),
      klGrad: klGradUniform(options.kl, decisionRatio, 1),
      ...decisionScore(pol, correct, action),
    });
  });
  return attributeActions(actions, options.advantage, options);
}

/** The paper's Appendix C worked example: Sample W, RESAMPLE, Sample C, STOP. */
export const appendixC = {
  logits: { theta_s: 0.4, theta_stop: 2.2, theta_resample: 1.4 } as ThreeLogits,
  // The reference theta_s the printed numbers need (0.3 reproduces them only to ~0.0013).
  reference: { theta_s: 0.29713, theta_stop: 2.0, theta_resample: 1.2 } as ThreeLogits,
  outcomes: [false, true],
  advantage: 0.5,
  tokens: 7.8,
};

/** The worked example; its defaults are the paper's (beta 1, gamma 1, k1, KL in the reward). */
export function attributeAppendixC(
  overrides: Partial<Pick<AttributionOptions, 'beta' | 'gamma' | 'kl' | 'klMode'>> = {},
): TraceAttribution {
  return attributeThreeLogit(appendixC.outcomes, appendixC.logits, appendixC.reference, {
    advantage: appendixC.advantage,
    beta: overrides.beta ?? 1,
    gamma: overrides.gamma ?? 1,
    kl: overrides.kl ?? 'k1',
    klMode: overrides.klMode ?? 'reward',
    tokens: { correct: appendixC.tokens, wrong: appendixC.tokens },
  });
}
