// Result shapes of the analysis engine. The CLI prints them as JSON (docs/design.md section 8), the
// language server shows them on hover, the webviews chart them: keep the field names stable. The
// calibration result crosses process boundaries, so its types are protocol/calibration.ts's.
import type { CalibrationGrouping, Transitions } from '../../../protocol/calibration.js';

export type {
  CalibrationGroup,
  CalibrationGrouping,
  CalibrationResult,
  Estimate,
  Transitions,
  VerdictAgreement,
} from '../../../protocol/calibration.js';

export type KlEstimator = 'k1' | 'k2' | 'k3';

/**
 * Where the KL term sits (docs/design.md section 5). `loss`: beside the policy loss, as verl's
 * `use_kl_loss` (the paper's experiments: `low_var_kl`, coefficient 0.001); its gradient is the
 * pathwise one through the sampled tokens' log-probs, and it enters no return. `reward`: in the
 * reward, as Theorem 3.2 and Appendix C analyse it; its gradient is Q-weighted (score function)
 * plus, for k2 and k3, the penalty's own pathwise term.
 */
export type KlMode = 'loss' | 'reward';

export interface AttributionOptions {
  /** KL coefficient beta. */
  beta: number;
  /** Per-token divergence used when log-probs are unknown. */
  eps: number;
  /** Discount gamma. */
  gamma: number;
  kl: KlEstimator;
  /** KL placement; absent: `reward` (what the engine computed before the placement was a choice). */
  klMode?: KlMode;
  /**
   * Calibrated three-logit policy (Appendix C): when given, d log pi/d theta follows its sigmoid
   * parameterisation and the per-parameter table is filled; without it every action's score is 1,
   * so a contribution is its Q-value (no model of the policy is assumed).
   */
  policy?: ThreeLogitProbabilities;
}

/** The calibrated two-stage model: P(correct sample), P(STOP | correct), P(RESAMPLE | wrong). */
export interface ThreeLogitProbabilities {
  p: number;
  delta1: number;
  delta2: number;
}

/** Gradient on one parameter: surrogate push, KL drag and their sum. */
export interface ParameterGradient {
  push: number;
  drag: number;
  net: number;
}

/** Per-parameter gradients of the three-logit model (Appendix C, table C.2). */
export interface ThreeLogitGradients {
  theta_s: ParameterGradient;
  theta_stop: ParameterGradient;
  theta_resample: ParameterGradient;
}

export type AttributedAction = 'sample' | 'STOP' | 'RESAMPLE';

export interface AttributedStep {
  action: AttributedAction;
  /** The action's KL term -beta * sum over its tokens of k (negative = penalised): the immediate penalty in the reward, minus its loss as a loss. */
  r: number;
  /** KL Q-value (Theorem 3.2); 0 when the KL is a loss (it enters no return). */
  q: number;
  /**
   * The KL's own dependence on theta: -beta * sum over the action's tokens of dk/dlogp, when the
   * gradient keeps it (as a loss always; in the reward for k2 and k3), else 0.
   */
  pathwise: number;
  /** Surrogate Q-value gamma^(T-t) * A (Theorem 3.1). */
  qSurrogate: number;
  /** KL gradient of the action: (q + pathwise) x d log pi(action)/d theta for the action's own logit. */
  contribution: number;
}

export interface PushDrag {
  sampling: number;
  decision: number;
}

export interface TraceAttribution {
  steps: AttributedStep[];
  /** GRPO advantage A used for the surrogate. */
  advantage: number;
  /** Surrogate gradient mass on sampling vs decision actions. */
  push: PushDrag;
  /** KL gradient mass on sampling vs decision actions. */
  drag: PushDrag;
  /** |drag.sampling| / |drag.decision| (the KL attribution ratio). */
  ratio: number;
  /** |push.sampling| / |push.decision|, shown beside it. */
  surrogateRatio: number;
  /** Per-parameter table, when every action maps to a three-logit parameter. */
  parameters?: ThreeLogitGradients;
}

/**
 * What calibration needs from one trace, computed once per record so callers can cache it per
 * file and stream corpora of any size (no text, no steps kept).
 */
export interface TraceSummary {
  model: string;
  task: string;
  /** From a `step` header, or a file named after its step (verl rollout dumps: `120.jsonl`). */
  step?: number;
  file: string;
  /** 1-based line of the record's `===` line (JSONL: of its JSON line). */
  line: number;
  id: string;
  /** Why the trace cannot be calibrated; absent when it can. */
  unusable?: 'no-ground-truth' | 'truncated';
  /** The record reached no candidate answer: counted wrong. */
  noAnswer?: boolean;
  /** The corpus's own verdict (a `source_verdict` header): null when it gave none; absent without the header. */
  sourceVerdict?: boolean | null;
  firstCorrect: boolean;
  finalCorrect: boolean;
  stopAfterCorrect: number;
  decisionsAfterCorrect: number;
  resampleAfterWrong: number;
  decisionsAfterWrong: number;
  /**
   * The record's last STOP was forced (a `forced_stop: true` header) and is not among its decisions
   * above; absent otherwise (also when the header's STOP follows no candidate, so was not counted anyway).
   */
  forcedStop?: true;
  transitions: Transitions;
}

export interface CalibrationOptions {
  /** Bootstrap resamples (default 1000). */
  bootstrap: number;
  seed: number;
  /** K of the K-attempt predicted accuracy. */
  horizon: number;
  by: CalibrationGrouping;
}
