// tiny-lm run configuration: defaults (a run that finishes in about a minute on a laptop CPU
// with the wasm backend), and validation of what config.json supplies. Keys the tiny-lm policy
// does not know (the trainer's own, e.g. `policy`, `out`) are ignored.

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
  markers: string[];
}

export const DEFAULT_CONFIG: TinyLmConfig = {
  seed: 1,
  backend: 'auto',
  objective: 'grpo',
  steps: 360,
  warmupSteps: 300,
  warmupObjective: 'sft',
  tasks: ['1x1'],
  oodTasks: ['2x1'],
  maxAttempts: 3,
  maxResponseLength: null,
  dModel: 64,
  heads: 4,
  layers: 2,
  mlpRatio: 4,
  lr: 5e-4,
  warmupLr: 3e-3,
  batchSize: 64,
  groupSize: 8,
  promptsPerStep: 8,
  miniBatches: 2,
  klLossCoef: 0.001,
  klType: 'low_var_kl',
  clipRatio: 0.2,
  gradClip: 1,
  temperature: 1,
  evalTemperature: 1,
  evalSize: 100,
  evalEvery: 20,
  checkpointEvery: 50,
  logEvery: 1,
  firstCorrect: 0.5,
  echo: 0.2,
  markers: ['Wait, I made a mistake. Let me recompute.', 'Let me recompute.', "I'll go back and check."],
};

const KL_ALIASES: Record<string, KlType> = { k1: 'k1', kl: 'k1', k2: 'k2', mse: 'k2', k3: 'low_var_kl', low_var_kl: 'low_var_kl' };

/** Merges config.json over the defaults; throws a message naming the bad key on invalid values. */
export function parseConfig(raw: Record<string, unknown>): TinyLmConfig {
  const c: TinyLmConfig = { ...DEFAULT_CONFIG, markers: [...DEFAULT_CONFIG.markers] };
  const out = c as unknown as Record<string, unknown>;
  const bad = (k: string, want: string) => new Error(`tiny-lm config: "${k}" must be ${want} (got ${JSON.stringify(raw[k])})`);
  for (const [k, def] of Object.entries(DEFAULT_CONFIG)) {
    const v = raw[k];
    if (v === undefined || v === null) continue;
    if (typeof def === 'number' || (k === 'maxResponseLength')) {
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
  const kl = KL_ALIASES[String(raw.klType ?? c.klType)];
  if (!kl) throw bad('klType', 'k1, k2 or low_var_kl (k3)');
  c.klType = kl;
  const ints: (keyof TinyLmConfig)[] = ['steps', 'warmupSteps', 'maxAttempts', 'dModel', 'heads', 'layers', 'mlpRatio', 'batchSize', 'groupSize', 'promptsPerStep', 'miniBatches', 'evalSize', 'evalEvery', 'checkpointEvery', 'logEvery'];
  for (const k of ints) {
    const v = c[k] as number;
    const min = k === 'steps' || k === 'warmupSteps' ? 0 : 1;
    if (!Number.isInteger(v) || v < min) throw bad(k, `an integer >= ${min}`);
  }
  if (c.tasks.length === 0) throw bad('tasks', 'a non-empty array of tasks such as "2x1"');
  if ((c.groupSize * c.promptsPerStep) % c.miniBatches !== 0) throw bad('miniBatches', 'a divisor of groupSize x promptsPerStep');
  for (const k of ['firstCorrect', 'echo'] as const) if (c[k] < 0 || c[k] > 1) throw bad(k, 'in [0, 1]');
  for (const k of ['lr', 'warmupLr', 'clipRatio'] as const) if (!(c[k] > 0)) throw bad(k, '> 0');
  if (c.klLossCoef < 0) throw bad('klLossCoef', '>= 0');
  if (c.gradClip < 0) throw bad('gradClip', '>= 0');
  if (c.temperature < 0 || c.evalTemperature < 0) throw bad('temperature', '>= 0 (0 = greedy)');
  if (c.markers.length === 0) throw bad('markers', 'a non-empty array of marker phrases');
  return c;
}

/** config.json as the trainer writes it: the caller's keys plus every tiny-lm default filled in. */
export function resolveTinyLmConfig(config: Record<string, unknown>): Record<string, unknown> {
  return { ...config, ...parseConfig(config) };
}
