// tiny-lm run configuration: defaults (a run that finishes in about a minute on a laptop CPU
// with the wasm backend; the values live in protocol/runDefaults.ts), and validation of what
// config.json supplies. Keys the tiny-lm policy does not know (the trainer's own, e.g. `policy`,
// `out`) are ignored.
import { TINYLM_DEFAULTS } from '../../../../protocol/runDefaults.js';

export type Objective = 'grpo' | 'sft' | 'dft';
export type KlType = 'k1' | 'k2' | 'low_var_kl';

export interface TinyLmConfig {
  seed: number;
  /** 'auto' or a BackendName. */
  backend: string;
  /** The main phase's objective; 'sft'/'dft' make the whole run supervised. */
  objective: Objective;
  /** Steps of the whole run, warm-up included (GRPO runs: steps - warmupSteps GRPO updates). */
  steps: number;
  /** Supervised warm-up steps on reflection data before GRPO (ignored for sft/dft runs). */
  warmupSteps: number;
  warmupObjective: 'sft' | 'dft';
  /** In-distribution tasks (training data), e.g. ["1x1", "2x1"]. */
  tasks: string[];
  /** Out-of-distribution tasks, only evaluated. */
  oodTasks: string[];
  maxAttempts: number;
  /** Cap on response tokens (attempts x (answer digits + 1)); lowers maxAttempts when smaller. */
  maxResponseLength: number | null;
  dModel: number;
  heads: number;
  layers: number;
  mlpRatio: number;
  /** Learning rate of the main phase (GRPO or the supervised run). */
  lr: number;
  warmupLr: number;
  /** Raise the learning rate linearly over the first N steps of each phase (0 = constant from the start). */
  lrWarmupSteps: number;
  /** 'cosine': decay the learning rate to a tenth over each phase (after lrWarmupSteps); 'constant': keep it. */
  lrSchedule: 'constant' | 'cosine';
  /** Sequences per supervised step. */
  batchSize: number;
  /** GRPO: rollouts per prompt (n) and prompts per step. */
  groupSize: number;
  promptsPerStep: number;
  /** GRPO: mini-batch updates per rollout batch (verl: train batch / PPO mini-batch). */
  miniBatches: number;
  klLossCoef: number;
  klType: KlType;
  clipRatio: number;
  /** Clip the global gradient norm to this value (0 = off; verl's default is 1). */
  gradClip: number;
  temperature: number;
  evalTemperature: number;
  /** Problems per task in each evaluation split (a fixed, seeded set). */
  evalSize: number;
  /** Evaluate every N main-phase steps (and always at the start, after warm-up and at the end). */
  evalEvery: number;
  checkpointEvery: number;
  /** Emit a metrics line every N steps (reading the loss back forces a device sync). */
  logEvery: number;
  /** Reflection data for the supervised phases. */
  firstCorrect: number;
  echo: number;
  /** Train on the digits of the reflection data's wrong attempts too (false: only the decision after them and the correction are in the loss). */
  lossOnWrongAttempts: boolean;
  /**
   * Supervised data: after a correct attempt, RESAMPLE with this probability and write the
   * correct answer again (a re-check that does not depend on correctness: a pretrained model's
   * habit of double-checking, with no decision policy behind it). 0 = never.
   */
  retryRate: number;
  /**
   * The first step (1-based) whose supervised data follows firstCorrect / echo / retryRate; the
   * steps before it see plain answers (correct, then STOP): a pre-training on answers first, since
   * re-checks from the start stall the learning of the answers themselves (docs/experiment.md).
   * 0: the reflection data from the start.
   */
  reflectionFromStep: number;
  /** Tasks the training data (supervised sequences, GRPO prompts) is drawn from; null = `tasks`. Each must be in `tasks` or `oodTasks`. */
  trainTasks: string[] | null;
  /** Relative weights of `trainTasks` (null = equal). */
  trainWeights: number[] | null;
  /**
   * A tiny-lm run directory whose newest checkpoint's parameters start this run (Adam and the
   * step count start fresh); null = random initialisation. Its model shape must match.
   */
  initFrom: string | null;
  /** Token layout: 'square' (operands padded to the widest, answers to twice that) or 'compact' (multiplication.ts). */
  layout: 'square' | 'compact';
  /** Evaluate the starting weights before the first step (step 0). */
  evalAtStart: boolean;
  /** The rollouts' `model:` header: this name for the final evaluation, `<name>@step-N` for others; null = tiny-lm-<phase>-step-N. */
  modelName: string | null;
  markers: string[];
}

export const DEFAULT_CONFIG: TinyLmConfig = {
  ...TINYLM_DEFAULTS,
  tasks: [...TINYLM_DEFAULTS.tasks],
  oodTasks: [...TINYLM_DEFAULTS.oodTasks],
  markers: [...TINYLM_DEFAULTS.markers],
};

const KL_ALIASES: Record<string, KlType> = { k1: 'k1', kl: 'k1', k2: 'k2', mse: 'k2', k3: 'low_var_kl', low_var_kl: 'low_var_kl' };

/** Merges config.json over the defaults; throws a message naming the bad key on invalid values. */
export function parseConfig(raw: Record<string, unknown>): TinyLmConfig {
  const c: TinyLmConfig = { ...DEFAULT_CONFIG, markers: [...DEFAULT_CONFIG.markers] };
  const out = c as unknown as Record<string, unknown>;
  const bad = (k: string, want: string) => new Error(`tiny-lm config: "${k}" must be ${want} (got ${JSON.stringify(raw[k])})`);
  // Keys whose default is null or a boolean: their own checks (the loop below types keys by their default).
  const special: Record<string, (v: unknown) => void> = {
    trainTasks: (v) => {
      if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string'))
        throw bad('trainTasks', 'a non-empty array of tasks or null');
      c.trainTasks = [...(v as string[])];
    },
    trainWeights: (v) => {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0) || !v.some((x) => (x as number) > 0))
        throw bad('trainWeights', 'an array of numbers >= 0 (not all 0) or null');
      c.trainWeights = [...(v as number[])];
    },
    initFrom: (v) => {
      if (typeof v !== 'string' || v === '') throw bad('initFrom', 'a run directory or null');
      c.initFrom = v;
    },
    modelName: (v) => {
      if (typeof v !== 'string' || !/^[\w.@-]+$/.test(v)) throw bad('modelName', 'a name of letters, digits, ".", "-", "_", "@" or null');
      c.modelName = v;
    },
    evalAtStart: (v) => {
      if (typeof v !== 'boolean') throw bad('evalAtStart', 'true or false');
      c.evalAtStart = v;
    },
    lossOnWrongAttempts: (v) => {
      if (typeof v !== 'boolean') throw bad('lossOnWrongAttempts', 'true or false');
      c.lossOnWrongAttempts = v;
    },
  };
  for (const [k, def] of Object.entries(DEFAULT_CONFIG)) {
    const v = raw[k];
    if (v === undefined || v === null) continue;
    if (special[k]) {
      special[k](v);
      continue;
    }
    if (typeof def === 'number' || k === 'maxResponseLength') {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(k, 'a number');
      out[k] = v;
    } else if (Array.isArray(def)) {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw bad(k, 'an array of strings');
      out[k] = [...v];
    } else if (typeof v !== 'string') throw bad(k, 'a string');
    else out[k] = v;
  }
  if (!['grpo', 'sft', 'dft'].includes(c.objective)) throw bad('objective', '"grpo", "sft" or "dft"');
  if (!['sft', 'dft'].includes(c.warmupObjective)) throw bad('warmupObjective', '"sft" or "dft"');
  if (!['square', 'compact'].includes(c.layout)) throw bad('layout', '"square" or "compact"');
  if (!['constant', 'cosine'].includes(c.lrSchedule)) throw bad('lrSchedule', '"constant" or "cosine"');
  const kl = KL_ALIASES[String(raw.klType ?? c.klType)];
  if (!kl) throw bad('klType', 'k1, k2 or low_var_kl (k3)');
  c.klType = kl;
  const ints: (keyof TinyLmConfig)[] = [
    'steps',
    'warmupSteps',
    'lrWarmupSteps',
    'reflectionFromStep',
    'maxAttempts',
    'dModel',
    'heads',
    'layers',
    'mlpRatio',
    'batchSize',
    'groupSize',
    'promptsPerStep',
    'miniBatches',
    'evalSize',
    'evalEvery',
    'checkpointEvery',
    'logEvery',
  ];
  for (const k of ints) {
    const v = c[k] as number;
    const min = k === 'steps' || k === 'warmupSteps' || k === 'lrWarmupSteps' || k === 'reflectionFromStep' ? 0 : 1;
    if (!Number.isInteger(v) || v < min) throw bad(k, `an integer >= ${min}`);
  }
  if (c.dModel % c.heads !== 0) throw bad('heads', `a divisor of dModel (${c.dModel})`);
  if (c.tasks.length === 0) throw bad('tasks', 'a non-empty array of tasks such as "2x1"');
  if ((c.groupSize * c.promptsPerStep) % c.miniBatches !== 0) throw bad('miniBatches', 'a divisor of groupSize x promptsPerStep');
  for (const k of ['firstCorrect', 'echo', 'retryRate'] as const) if (c[k] < 0 || c[k] > 1) throw bad(k, 'in [0, 1]');
  if (c.trainTasks) {
    const known = new Set([...c.tasks, ...c.oodTasks]);
    const stray = c.trainTasks.find((t) => !known.has(t));
    if (stray !== undefined) throw bad('trainTasks', `tasks from "tasks" or "oodTasks" (${JSON.stringify(stray)} is in neither)`);
  }
  if (c.trainWeights && c.trainWeights.length !== (c.trainTasks ?? c.tasks).length)
    throw bad('trainWeights', `one weight per training task (${(c.trainTasks ?? c.tasks).length})`);
  for (const k of ['lr', 'warmupLr', 'clipRatio'] as const) if (!(c[k] > 0)) throw bad(k, '> 0');
  if (c.klLossCoef < 0) throw bad('klLossCoef', '>= 0');
  if (c.gradClip < 0) throw bad('gradClip', '>= 0');
  if (c.temperature < 0 || c.evalTemperature < 0) throw bad('temperature', '>= 0 (0 = greedy)');
  if (c.markers.length === 0) throw bad('markers', 'a non-empty array of marker phrases');
  return c;
}

/**
 * The learning rate of the s-th step (1-based): the phase's rate (warmupLr during a GRPO run's
 * supervised warm-up, lr after), raised linearly over the phase's first lrWarmupSteps steps and,
 * with lrSchedule 'cosine', decayed to a tenth by the phase's end. A function of s alone, so a
 * resumed run continues the same schedule.
 */
export function learningRateAt(cfg: TinyLmConfig, s: number): number {
  const w = cfg.objective === 'grpo' ? Math.min(cfg.warmupSteps, cfg.steps) : 0;
  const inWarmup = s <= w;
  const k = inWarmup ? s : s - w,
    length = inWarmup ? w : cfg.steps - w;
  const rise = cfg.lrWarmupSteps > 0 ? Math.min(1, k / cfg.lrWarmupSteps) : 1;
  const decay = cfg.lrSchedule === 'cosine' && length > 0 ? 0.1 + 0.45 * (1 + Math.cos((Math.PI * Math.min(k, length)) / length)) : 1;
  return (inWarmup ? cfg.warmupLr : cfg.lr) * rise * decay;
}

/** config.json as the trainer writes it: the caller's keys plus every tiny-lm default filled in. */
export function resolveTinyLmConfig(config: Record<string, unknown>): Record<string, unknown> {
  return { ...config, ...parseConfig(config) };
}
