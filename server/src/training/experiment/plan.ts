// The paper's Table 1 experiment at tiny-lm scale (docs/experiment.md): which runs make it, with
// which configs. Per seed, one base run (the shared starting point) and three post-training arms
// that start from its final weights; every run is an ordinary tiny-lm training run (runner.ts).
// This file owns the plan (defaults, the quick variant, overrides from --config, validation) and
// the translation of a plan into the run configs; it runs nothing.

import { checkKnownKeys } from '../configKeys.js';
import { mergeRunConfig } from '../runConfig.js';
// config.ts only: the tiny-lm checks, without TensorFlow.js.
import { resolveTinyLmConfig } from '../tinylm/config.js';

export type ArmName = 'base' | 'sft-no-reflection' | 'sft-reflection' | 'rl';

export const ARMS: readonly ArmName[] = ['base', 'sft-no-reflection', 'sft-reflection', 'rl'];

export const ARM_LABELS: Record<ArmName, string> = {
  base: 'Base',
  'sft-no-reflection': 'SFT (no reflection)',
  'sft-reflection': 'SFT (reflection)',
  rl: 'RL',
};

export interface Table1Plan {
  /** Seeds 1..seeds; each has its own base and arms. */
  seeds: number;
  /** tiny-lm backend ("auto", "wasm", ...). */
  backend: string;
  /** Post-training tasks (in distribution). */
  idTasks: string[];
  /** Evaluated only: out of distribution for every post-training arm (the base saw them in pre-training, less often the harder they are). */
  oodTasks: string[];
  /** The transformer and its token layout ('compact': each operand padded to its own widest size; multiplication.ts). */
  model: { dModel: number; heads: number; layers: number; mlpRatio: number; maxAttempts: number; layout: 'square' | 'compact' };
  /**
   * The base: "pre-training" on correct answers over every ladder task, then, in its last
   * instructSteps steps, "instruction" data in the reflection format: some wrong attempts rejected
   * and corrected (firstCorrect < 1; their digits out of the loss) and some re-checks of correct
   * answers (retryRate), so the base RESAMPLEs sometimes and can tell some wrong answers (the
   * paper's base is an instruct model). docs/experiment.md says why.
   */
  base: {
    steps: number;
    lr: number;
    /** Linear learning-rate warm-up (steps) and cosine decay to a tenth: without them the base's learning of the ladder stalls for a seed-dependent time. */
    lrWarmupSteps: number;
    lrSchedule: 'constant' | 'cosine';
    batchSize: number;
    /** One weight per task of idTasks then oodTasks: how often the base sees each. */
    weights: number[];
    /** Steps at the end of the base with the instruction data (re-checks from the start stall the learning of the answers). */
    instructSteps: number;
    /** Instruction data: P(first attempt correct); otherwise a wrong attempt, RESAMPLE, the correct answer. */
    firstCorrect: number;
    /** Instruction data: P(re-check: RESAMPLE and the correct answer again) after a correct attempt. */
    retryRate: number;
  };
  /**
   * The three post-training arms, compute-matched: the same number of steps, and the same number
   * of sequences through the backward pass per step (SFT batch = promptsPerStep x groupSize rollouts).
   */
  post: {
    steps: number;
    sftLr: number;
    rlLr: number;
    /**
     * Linear learning-rate warm-up (steps) of every post-training arm, then constant: each arm
     * starts a fresh Adam from the base's weights, and its first updates at the full rate (Adam's
     * early steps are near sign-SGD) lowered the base's `2x1` accuracy in every arm.
     */
    lrWarmupSteps: number;
    promptsPerStep: number;
    groupSize: number;
    miniBatches: number;
    klLossCoef: number;
    klType: string;
    clipRatio: number;
    gradClip: number;
    temperature: number;
  };
  /**
   * SFT (reflection) data: P(first attempt correct), P(echo of the wrong answer before the fix),
   * and whether the wrong attempts' digits are in the loss (false: the arm learns to reject and
   * correct wrong answers, not to write them; docs/experiment.md).
   */
  reflection: { firstCorrect: number; echo: number; lossOnWrongAttempts: boolean };
  /** Problems per task in the final evaluation (per seed), and its temperature (the paper: 100 at 1.0). */
  evalSize: number;
  evalTemperature: number;
  /** Bootstrap resamples for the predicted accuracy's interval. */
  bootstrap: number;
}

/** The default experiment: >= 3 seeds, 4 arms, 7 tasks, 100 problems per task at temperature 1. */
export const DEFAULT_PLAN: Table1Plan = {
  seeds: 3,
  backend: 'auto',
  idTasks: ['1x1', '2x1'],
  oodTasks: ['3x1', '4x1', '5x1', '6x1', '7x1'],
  model: { dModel: 64, heads: 4, layers: 2, mlpRatio: 4, maxAttempts: 3, layout: 'compact' },
  base: {
    steps: 1400,
    lr: 3e-3,
    lrWarmupSteps: 100,
    lrSchedule: 'cosine',
    batchSize: 64,
    weights: [1, 3, 1, 0.5, 0.25, 0.12, 0.06],
    instructSteps: 300,
    firstCorrect: 0.85,
    retryRate: 0.1,
  },
  post: {
    steps: 150,
    sftLr: 3e-4,
    rlLr: 5e-5,
    lrWarmupSteps: 15,
    promptsPerStep: 8,
    groupSize: 8,
    miniBatches: 4,
    klLossCoef: 0.001,
    klType: 'low_var_kl',
    clipRatio: 0.2,
    gradClip: 1,
    temperature: 1,
  },
  reflection: { firstCorrect: 0.8, echo: 0.2, lossOnWrongAttempts: false },
  evalSize: 100,
  evalTemperature: 1,
  bootstrap: 1000,
};

/** --quick: the same pipeline, one seed, fewer steps and problems (under 5 minutes on a 2-core CPU). */
export const QUICK_OVERRIDES = {
  seeds: 1,
  base: { steps: 400, lrWarmupSteps: 50, instructSteps: 100 },
  post: { steps: 40, lrWarmupSteps: 4 },
  evalSize: 50,
  bootstrap: 200,
} as const;

export class PlanError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of plain objects (arrays and scalars replace); keys not in `base` are refused. */
function merge(base: Json, over: Json, path: string): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (!(k in base)) throw new PlanError(`experiment config: unknown key "${path}${k}" (known: ${Object.keys(base).join(', ')})`);
    out[k] = isObject(base[k]) ? (isObject(v) ? merge(base[k] as Json, v, `${path}${k}.`) : fail(`${path}${k}`, 'an object', v)) : v;
  }
  return out;
}

function fail(key: string, want: string, got: unknown): never {
  throw new PlanError(`experiment config: "${key}" must be ${want} (got ${JSON.stringify(got)})`);
}

/** The plan: the defaults, then --quick, then a --config file's keys, then flags (seeds, backend). */
export function resolvePlan(opts: { quick?: boolean; config?: Json; seeds?: number; backend?: string } = {}): Table1Plan {
  let plan = DEFAULT_PLAN as unknown as Json;
  if (opts.quick) plan = merge(plan, QUICK_OVERRIDES as unknown as Json, '');
  if (opts.config) plan = merge(plan, opts.config, '');
  if (opts.seeds !== undefined) plan = { ...plan, seeds: opts.seeds };
  if (opts.backend !== undefined) plan = { ...plan, backend: opts.backend };
  return validatePlan(plan as unknown as Table1Plan);
}

const TASK = /^\d+x\d+$/;

function validatePlan(p: Table1Plan): Table1Plan {
  const int = (key: string, v: unknown, min: number) => {
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min)) fail(key, `an integer >= ${min}`, v);
  };
  const num = (key: string, v: unknown, lo: number, hi = Infinity) => {
    if (!(typeof v === 'number' && v >= lo && v <= hi)) fail(key, `a number in [${lo}, ${hi}]`, v);
  };
  const tasks = (key: string, v: unknown, min: number) => {
    if (!(Array.isArray(v) && v.length >= min && v.every((t) => typeof t === 'string' && TASK.test(t))))
      fail(key, `an array of at least ${min} tasks such as "2x1"`, v);
  };
  int('seeds', p.seeds, 1);
  if (typeof p.backend !== 'string') fail('backend', 'a string', p.backend);
  tasks('idTasks', p.idTasks, 1);
  tasks('oodTasks', p.oodTasks, 1);
  const all = [...p.idTasks, ...p.oodTasks];
  if (new Set(all).size !== all.length) fail('idTasks/oodTasks', 'tasks that appear once', all);
  for (const k of ['dModel', 'heads', 'layers', 'mlpRatio'] as const) int(`model.${k}`, p.model[k], 1);
  int('model.maxAttempts', p.model.maxAttempts, 2);
  if (p.model.layout !== 'square' && p.model.layout !== 'compact') fail('model.layout', '"square" or "compact"', p.model.layout);
  int('base.steps', p.base.steps, 1);
  num('base.lr', p.base.lr, 1e-9);
  int('base.lrWarmupSteps', p.base.lrWarmupSteps, 0);
  if (p.base.lrSchedule !== 'constant' && p.base.lrSchedule !== 'cosine')
    fail('base.lrSchedule', '"constant" or "cosine"', p.base.lrSchedule);
  int('base.batchSize', p.base.batchSize, 1);
  if (!(
    Array.isArray(p.base.weights) &&
    p.base.weights.length === all.length &&
    p.base.weights.every((w) => typeof w === 'number' && w >= 0)
  ))
    fail('base.weights', `${all.length} numbers >= 0 (one per task of idTasks then oodTasks)`, p.base.weights);
  int('base.instructSteps', p.base.instructSteps, 0);
  num('base.firstCorrect', p.base.firstCorrect, 0, 1);
  num('base.retryRate', p.base.retryRate, 0, 1);
  int('post.steps', p.post.steps, 1);
  num('post.sftLr', p.post.sftLr, 1e-9);
  num('post.rlLr', p.post.rlLr, 1e-9);
  int('post.lrWarmupSteps', p.post.lrWarmupSteps, 0);
  int('post.promptsPerStep', p.post.promptsPerStep, 1);
  int('post.groupSize', p.post.groupSize, 2);
  int('post.miniBatches', p.post.miniBatches, 1);
  if ((p.post.promptsPerStep * p.post.groupSize) % p.post.miniBatches !== 0)
    fail('post.miniBatches', 'a divisor of promptsPerStep x groupSize', p.post.miniBatches);
  num('post.klLossCoef', p.post.klLossCoef, 0);
  num('post.clipRatio', p.post.clipRatio, 1e-9);
  num('post.gradClip', p.post.gradClip, 0);
  // > 0: at temperature 0 (greedy) a group's rollouts are all the same, every GRPO advantage is 0
  // and the RL arm would not train at all while the SFT arms do (no longer compute-matched).
  if (!(typeof p.post.temperature === 'number' && p.post.temperature > 0))
    fail(
      'post.temperature',
      "a number > 0 (at 0, greedy, a group's rollouts are identical and GRPO has nothing to learn from)",
      p.post.temperature,
    );
  num('reflection.firstCorrect', p.reflection.firstCorrect, 0, 1);
  num('reflection.echo', p.reflection.echo, 0, 1);
  if (typeof p.reflection.lossOnWrongAttempts !== 'boolean')
    fail('reflection.lossOnWrongAttempts', 'true or false', p.reflection.lossOnWrongAttempts);
  int('evalSize', p.evalSize, 1);
  num('evalTemperature', p.evalTemperature, 0);
  int('bootstrap', p.bootstrap, 1);
  // base.instructSteps above base.steps is allowed: the whole base is instruction data (the run's
  // reflectionFromStep is clamped to 1); a small plan that sets only base.steps keeps working.
  // Every run's config, checked as the trainer will check it, before anything is written or
  // trained: a value only the RL arm reads (post.klType) must not fail after the base has trained.
  for (const arm of ARMS) {
    const config = runConfig(p, 1, arm, 'base');
    try {
      const merged = mergeRunConfig(config);
      checkKnownKeys(merged.policy, merged);
      resolveTinyLmConfig(merged);
    } catch (err) {
      throw new PlanError(
        `experiment config: the ${arm} run's tiny-lm config is invalid: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return p;
}

/** The run directory of an arm of a seed, relative to the experiment's folder. */
export const runPath = (seed: number, arm: ArmName): string => `seed-${seed}/${arm}`;

/**
 * The tiny-lm config of one run. Every run shares the layout (all ladder tasks), the model shape,
 * the seed (so the arms of a seed see the same evaluation problems, sampled with the same random
 * numbers) and the evaluation; `baseDir` is the seed's base run, where the arms start.
 */
export function runConfig(plan: Table1Plan, seed: number, arm: ArmName, baseDir: string): Record<string, unknown> {
  const common = {
    policy: 'tiny-lm',
    seed,
    backend: plan.backend,
    tasks: plan.idTasks,
    oodTasks: plan.oodTasks,
    ...plan.model,
    evalSize: plan.evalSize,
    evalTemperature: plan.evalTemperature,
    // Only the final evaluation: the arms' starting point is the base's final evaluation.
    evalAtStart: false,
    modelName: arm,
    logEvery: 1,
  };
  const rollouts = plan.post.promptsPerStep * plan.post.groupSize;
  // The post-training arms: a linear lr warm-up, then constant (lrSchedule stays the tiny-lm default).
  const post = {
    initFrom: baseDir,
    steps: plan.post.steps,
    evalEvery: plan.post.steps,
    checkpointEvery: plan.post.steps,
    temperature: plan.post.temperature,
    lrWarmupSteps: plan.post.lrWarmupSteps,
    lrSchedule: 'constant',
  };
  switch (arm) {
    case 'base':
      return {
        ...common,
        objective: 'sft',
        steps: plan.base.steps,
        evalEvery: plan.base.steps,
        checkpointEvery: Math.min(plan.base.steps, 250),
        lr: plan.base.lr,
        lrWarmupSteps: plan.base.lrWarmupSteps,
        lrSchedule: plan.base.lrSchedule,
        batchSize: plan.base.batchSize,
        trainTasks: [...plan.idTasks, ...plan.oodTasks],
        trainWeights: plan.base.weights,
        firstCorrect: plan.base.firstCorrect,
        echo: 0,
        retryRate: plan.base.retryRate,
        lossOnWrongAttempts: false,
        reflectionFromStep: Math.max(1, plan.base.steps - plan.base.instructSteps + 1),
      };
    case 'sft-no-reflection':
      return { ...common, ...post, objective: 'sft', lr: plan.post.sftLr, batchSize: rollouts, firstCorrect: 1, echo: 0, retryRate: 0 };
    case 'sft-reflection':
      return {
        ...common,
        ...post,
        objective: 'sft',
        lr: plan.post.sftLr,
        batchSize: rollouts,
        firstCorrect: plan.reflection.firstCorrect,
        echo: plan.reflection.echo,
        lossOnWrongAttempts: plan.reflection.lossOnWrongAttempts,
        retryRate: 0,
      };
    case 'rl': {
      const { promptsPerStep, groupSize, miniBatches, klLossCoef, klType, clipRatio, gradClip } = plan.post;
      return {
        ...common,
        ...post,
        objective: 'grpo',
        warmupSteps: 0,
        lr: plan.post.rlLr,
        promptsPerStep,
        groupSize,
        miniBatches,
        klLossCoef,
        klType,
        clipRatio,
        gradClip,
      };
    }
  }
}
