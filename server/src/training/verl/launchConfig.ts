// The editable launch configuration of a verl GRPO run (verl-config.json) and the commands built
// from it. Overrides are verl's own Hydra keys (verl/trainer/config/ppo_trainer.yaml), so what a
// user edits here is exactly what verl reads; the paper's values (Table E.3) are the defaults.

export type OverrideValue = string | number | boolean;

export interface VerlLaunchConfig {
  /** Interpreter that has verl installed (on the machine that runs the entrypoint). */
  python: string;
  /** Ray dashboard address for `ray job submit` (the "Ray cluster" mode). */
  rayAddress: string;
  /** Hydra overrides passed to `python -m verl.trainer.main_ppo`, in order. */
  overrides: Record<string, OverrideValue>;
  /** Where each non-obvious value comes from; ignored by the launcher. */
  notes: Record<string, string>;
}

export interface VerlPaths {
  trainFiles: string;
  valFiles: string;
  rewardPath: string;
  /** Reflection Lens watches these two: one `{step}.jsonl` per training/validation step. */
  rolloutDir: string;
  validationDir: string;
}

export const VERL_ENTRYPOINT = 'verl.trainer.main_ppo';
export const DEFAULT_MODEL = 'Qwen/Qwen2.5-7B-Instruct';

/** The paper's RL setup (Appendix E.3, Table E.3; evaluation settings from E.4). */
export function paperGrpoConfig(paths: VerlPaths, model = DEFAULT_MODEL): VerlLaunchConfig {
  return {
    python: 'python3',
    rayAddress: 'http://127.0.0.1:8265',
    overrides: {
      'algorithm.adv_estimator': 'grpo',
      'algorithm.use_kl_in_reward': false,
      'data.train_files': paths.trainFiles,
      'data.val_files': paths.valFiles,
      'data.prompt_key': 'prompt',
      'data.train_batch_size': 512,
      'data.max_prompt_length': 1024,
      'data.max_response_length': 8192,
      'data.truncation': 'error',
      'actor_rollout_ref.model.path': model,
      'actor_rollout_ref.model.enable_gradient_checkpointing': true,
      'actor_rollout_ref.actor.optim.lr': 1e-6,
      'actor_rollout_ref.actor.ppo_mini_batch_size': 128,
      'actor_rollout_ref.actor.use_kl_loss': true,
      'actor_rollout_ref.actor.kl_loss_coef': 0.001,
      'actor_rollout_ref.actor.kl_loss_type': 'low_var_kl',
      'actor_rollout_ref.actor.use_dynamic_bsz': true,
      'actor_rollout_ref.actor.ppo_max_token_len_per_gpu': 18432,
      'actor_rollout_ref.rollout.name': 'vllm',
      'actor_rollout_ref.rollout.n': 8,
      'actor_rollout_ref.rollout.temperature': 1.0,
      'actor_rollout_ref.rollout.tensor_model_parallel_size': 1,
      'actor_rollout_ref.rollout.gpu_memory_utilization': 0.6,
      'actor_rollout_ref.rollout.val_kwargs.temperature': 1.0,
      'actor_rollout_ref.rollout.val_kwargs.do_sample': true,
      'actor_rollout_ref.rollout.val_kwargs.n': 1,
      'custom_reward_function.path': paths.rewardPath,
      'custom_reward_function.name': 'compute_score',
      'trainer.total_epochs': 2,
      'trainer.n_gpus_per_node': 1,
      'trainer.nnodes': 1,
      'trainer.critic_warmup': 0,
      'trainer.test_freq': 10,
      'trainer.logger': "['console']",
      'trainer.project_name': 'reflection-lens',
      'trainer.experiment_name': 'grpo-multiplication',
      'trainer.rollout_data_dir': paths.rolloutDir,
      'trainer.validation_data_dir': paths.validationDir,
    },
    notes: {
      'actor_rollout_ref.actor.optim.lr': 'Table E.3 lists a learning rate, but its value is not legible in the paper text; 1e-6 is the value verl\'s GRPO examples use. Set the paper\'s value here if you have it.',
      'actor_rollout_ref.actor.use_dynamic_bsz': 'Hardware knob, not in the paper: packs micro-batches by token count; ppo_max_token_len_per_gpu must be at least max_prompt_length + max_response_length (9216).',
      'actor_rollout_ref.rollout.val_kwargs.temperature': 'Appendix E.4: evaluation samples at temperature 1.0, one attempt.',
      'trainer.n_gpus_per_node': 'Appendix E.5: one H100 per experiment.',
      'trainer.rollout_data_dir': 'verl writes <step>.jsonl here after every training step (input, output, gts, score, step, acc, pred); open this folder in Reflection Lens.',
      'trainer.validation_data_dir': 'verl writes <step>.jsonl here after every validation (every trainer.test_freq steps and before training).',
    },
  };
}

function renderValue(v: OverrideValue): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/** `key=value` arguments in the config's order. */
export function overrideArgs(config: VerlLaunchConfig): string[] {
  return Object.entries(config.overrides).map(([k, v]) => `${k}=${renderValue(v)}`);
}

export type LaunchMode = 'local' | 'ray';

/** argv of the launch: the trainer directly, or wrapped in `ray job submit` for a Ray cluster. */
export function verlCommand(config: VerlLaunchConfig, mode: LaunchMode, rayAddress = config.rayAddress): string[] {
  const trainer = [config.python, '-m', VERL_ENTRYPOINT, ...overrideArgs(config)];
  if (mode === 'local') return trainer;
  return ['ray', 'job', 'submit', '--address', rayAddress, '--', ...trainer];
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(arg: string): string {
  if (arg !== '' && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellCommandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * A bash script that runs the launch, one override per line so it diffs and edits well. Extra
 * script arguments are appended as further Hydra overrides (later ones win).
 */
export function launchScript(config: VerlLaunchConfig, mode: LaunchMode): string {
  const argv = verlCommand(config, mode, mode === 'ray' ? '${RAY_ADDRESS}' : undefined);
  const lines = argv.map((a) => (a === '${RAY_ADDRESS}' ? '"$RAY_ADDRESS"' : shellQuote(a)));
  const head = [
    '#!/usr/bin/env bash',
    '# Generated by Reflection Lens from verl-config.json (edit that file and re-run',
    '# `reflection-lens verl export --out <this folder>` to regenerate; extra arguments to this script',
    '# are passed on to verl as further overrides, e.g. trainer.total_epochs=1).',
    'set -euo pipefail',
  ];
  if (mode === 'ray') head.push(`RAY_ADDRESS="\${RAY_ADDRESS:-${config.rayAddress}}"`);
  // Group `ray job submit --address X --` and `python -m entrypoint` on their own lines.
  const firstOverride = lines.length - Object.keys(config.overrides).length;
  const body = [lines.slice(0, firstOverride).join(' '), ...lines.slice(firstOverride)];
  return `${head.join('\n')}\n${body.join(' \\\n  ')} \\\n  "$@"\n`;
}

/** Reads an edited verl-config.json back; every problem names the field and what was expected. */
export function parseLaunchConfig(text: string, fileName = 'verl-config.json'): VerlLaunchConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${fileName}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${fileName}: expected a JSON object`);
  const o = raw as Record<string, unknown>;
  const need = (key: string): string => {
    if (typeof o[key] !== 'string' || o[key] === '') throw new Error(`${fileName}: "${key}" must be a non-empty string`);
    return o[key] as string;
  };
  const overrides = o.overrides;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) throw new Error(`${fileName}: "overrides" must be an object of Hydra key -> value`);
  const checked: Record<string, OverrideValue> = {};
  for (const [k, v] of Object.entries(overrides)) {
    if (!/^[A-Za-z_+~][\w.+~-]*$/.test(k)) throw new Error(`${fileName}: override key "${k}" is not a Hydra key (expected e.g. trainer.total_epochs)`);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new Error(`${fileName}: override "${k}" must be a string, number or boolean, got ${v === null ? 'null' : typeof v}`);
    checked[k] = v;
  }
  const notes = typeof o.notes === 'object' && o.notes !== null && !Array.isArray(o.notes) ? (o.notes as Record<string, string>) : {};
  return { python: need('python'), rayAddress: need('rayAddress'), overrides: checked, notes };
}
