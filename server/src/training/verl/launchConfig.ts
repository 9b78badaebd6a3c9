// The editable launch configuration of a verl GRPO run (verl-config.json) and the commands built
// from it. Overrides are verl's own Hydra keys (verl/trainer/config/ppo_trainer.yaml), so what a
// user edits here is exactly what verl reads; the paper's values (Table E.3) are the defaults.
// `verlVersion` names the verl release the job runs: the commands write the reward function's
// keys in the layout that release expects (test/fixtures/verl/ holds each checked release's keys).
import type { VerlLaunchMode as LaunchMode } from '../../../../protocol/runs.js';
import { rewardFunctionName } from './rewardFunction.js';

export type OverrideValue = string | number | boolean;

/** The verl release the defaults were checked against (tag v0.7.0). */
export const DEFAULT_VERL_VERSION = '0.7.0';
/** From this release on verl reads the reward function from `reward.custom_reward_function.*` (it still migrates the old top-level keys). */
export const REWARD_SECTION_SINCE = '0.7.1';

export interface VerlLaunchConfig {
  /** The verl release that runs the job, e.g. "0.7.0": picks the config key layout of the commands. */
  verlVersion: string;
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

/** A release number ("0.7.0", "v0.9.0", "0.10.0.dev0") as [major, minor, patch]. */
export function parseVerlVersion(version: string): [number, number, number] {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[.+-]?[A-Za-z0-9.+-]*)?$/.exec(version.trim());
  if (!m) throw new Error(`"${version}" is not a verl release number (expected e.g. ${DEFAULT_VERL_VERSION})`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** -1, 0 or 1 as release a is before, the same as, or after release b. */
export function compareVerlVersions(a: string, b: string): number {
  const [x, y] = [parseVerlVersion(a), parseVerlVersion(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

const LEGACY_REWARD_FN = 'custom_reward_function.';
const REWARD_FN = 'reward.custom_reward_function.';

/** The prefix of the reward function's keys in that release's config: `custom_reward_function.` or `reward.custom_reward_function.`. */
export function rewardFunctionPrefix(verlVersion: string): string {
  return compareVerlVersions(verlVersion, REWARD_SECTION_SINCE) >= 0 ? REWARD_FN : LEGACY_REWARD_FN;
}

/** An override key in the layout of `verlVersion` (Hydra's `+`/`~` prefixes kept). */
export function keyForVersion(key: string, verlVersion: string): string {
  const [, hydra, rest] = /^([+~]*)(.*)$/.exec(key)!;
  const target = rewardFunctionPrefix(verlVersion);
  for (const from of [REWARD_FN, LEGACY_REWARD_FN]) {
    if (rest.startsWith(from)) return hydra + target + rest.slice(from.length);
  }
  return key;
}

/** The paper's RL setup (Appendix E.3, Table E.3; evaluation settings from E.4), in the key layout of `verlVersion`. */
export function paperGrpoConfig(paths: VerlPaths, model = DEFAULT_MODEL, verlVersion = DEFAULT_VERL_VERSION): VerlLaunchConfig {
  const reward = rewardFunctionPrefix(verlVersion);
  return {
    verlVersion,
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
      [`${reward}path`]: paths.rewardPath,
      [`${reward}name`]: rewardFunctionName,
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
      verlVersion: `The verl release the job runs: the scripts write the reward function's keys as custom_reward_function.* before verl ${REWARD_SECTION_SINCE} and as reward.custom_reward_function.* from ${REWARD_SECTION_SINCE} on (either spelling here is translated). Checked against verl 0.7.0, 0.7.1 and 0.9.0 (docs/verl.md).`,
      'actor_rollout_ref.actor.optim.lr':
        "Table E.3 lists a learning rate, but its value is not legible in the paper text; 1e-6 is the value verl's GRPO examples use. Set the paper's value here if you have it.",
      'actor_rollout_ref.actor.use_dynamic_bsz':
        'Hardware knob, not in the paper: packs micro-batches by token count; ppo_max_token_len_per_gpu must be at least max_prompt_length + max_response_length (9216). Set it to false only together with actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu, actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu and actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu (verl asserts them).',
      'actor_rollout_ref.rollout.val_kwargs.temperature': 'Appendix E.4: evaluation samples at temperature 1.0, one attempt.',
      'trainer.n_gpus_per_node': 'Appendix E.5: one H100 per experiment.',
      'trainer.rollout_data_dir':
        'verl writes <step>.jsonl here after every training step (input, output, gts, score, step, acc, pred); open this folder in Reflection Lens.',
      'trainer.validation_data_dir':
        'verl writes <step>.jsonl here after every validation (every trainer.test_freq steps and before training).',
    },
  };
}

function renderValue(v: OverrideValue): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/** The overrides in the config's order, keys in the layout of its `verlVersion`. */
export function versionedOverrides(config: VerlLaunchConfig): [string, OverrideValue][] {
  return Object.entries(config.overrides).map(([k, v]) => [keyForVersion(k, config.verlVersion), v]);
}

/** `key=value` arguments in the config's order (keys in the layout of its `verlVersion`). */
export function overrideArgs(config: VerlLaunchConfig): string[] {
  return versionedOverrides(config).map(([k, v]) => `${k}=${renderValue(v)}`);
}

export type { LaunchMode };

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

// Words the shell reads specially in command position even when every character is safe.
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  'coproc',
]);

/**
 * A word in command position, quoted so the shell runs exactly this program: a safe-looking
 * `NAME=value` would be a variable assignment there, and `time` or `if` a shell keyword.
 */
export function shellCommandWord(arg: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg) || RESERVED.has(arg)) return `'${arg.replace(/'/g, `'\\''`)}'`;
  return shellQuote(arg);
}

/** argv as one shell command line: every word quoted as needed, the first as a command. */
export function shellCommandLine(argv: readonly string[]): string {
  return argv.map((a, i) => (i === 0 ? shellCommandWord(a) : shellQuote(a))).join(' ');
}

/** Text as one line of a shell comment: no line break or other control character can end it. */
// eslint-disable-next-line no-control-regex
const commentText = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

/** Files and folders the job opens, by override key: on a Ray cluster they must be on storage every node sees. */
export function jobPaths(config: VerlLaunchConfig): { key: string; path: string }[] {
  const out: { key: string; path: string }[] = [];
  for (const [key, value] of versionedOverrides(config)) {
    const v = String(value).trim();
    if (key === 'data.train_files' || key === 'data.val_files') {
      // A single file, or a Hydra list [a.parquet, 'b.parquet'].
      const items = v.startsWith('[') && v.endsWith(']') ? v.slice(1, -1).split(',') : [v];
      for (const item of items) {
        const p = item.trim().replace(/^(['"])(.*)\1$/, '$2');
        if (p) out.push({ key, path: p });
      }
    } else if (
      key === `${REWARD_FN}path` ||
      key === `${LEGACY_REWARD_FN}path` ||
      key === 'trainer.rollout_data_dir' ||
      key === 'trainer.validation_data_dir'
    ) {
      if (v && v !== 'null') out.push({ key, path: v });
    } else if (key === 'actor_rollout_ref.model.path' && /^(\/|\.{1,2}\/|~)/.test(v)) {
      out.push({ key, path: v }); // a local checkpoint, not a Hugging Face model id
    }
  }
  return out;
}

/** A path as a bash word: `~/x` expands to the submitting user's home, everything else literal. */
const bashPath = (p: string): string => (p === '~' ? '"$HOME"' : p.startsWith('~/') ? `"$HOME"/${shellQuote(p.slice(2))}` : shellQuote(p));

// Bash, verbatim (bash 3.2 and later): Ray's options from RAY_SUBMIT_ARGS, and the path check.
const RAY_PREAMBLE = [
  "# Ray's own options for `ray job submit` (before `--`) come from RAY_SUBMIT_ARGS, split into",
  '# words the way the shell splits a command line (blanks separate; \'...\' and "..." quote; a',
  '# backslash escapes) but never expanded or run, e.g.',
  '#   RAY_SUBMIT_ARGS="--no-wait --runtime-env=verl/trainer/runtime_env.yaml" ./submit_ray.sh',
  'ray_args=()',
  'split_words() {',
  "  local s=$1 n=${#1} i=0 c next word='' inword=0 quote=''",
  '  while [ "$i" -lt "$n" ]; do',
  '    c=${s:i:1}',
  '    if [ "$quote" = "\'" ]; then',
  '      if [ "$c" = "\'" ]; then quote=\'\'; else word+=$c; fi',
  '    elif [ "$quote" = \'"\' ]; then',
  '      if [ "$c" = \'"\' ]; then',
  "        quote=''",
  '      elif [ "$c" = \'\\\' ]; then',
  '        next=${s:i+1:1}',
  '        case $next in',
  "          '\"' | '\\' | '$' | '`') word+=$next; i=$((i + 1)) ;;",
  '          *) word+=$c ;;',
  '        esac',
  '      else',
  '        word+=$c',
  '      fi',
  '    else',
  '      case $c in',
  "        ' ' | $'\\t' | $'\\n') if [ \"$inword\" = 1 ]; then ray_args+=(\"$word\"); word=''; inword=0; fi ;;",
  '        "\'" | \'"\') quote=$c; inword=1 ;;',
  "        '\\') i=$((i + 1)); word+=${s:i:1}; inword=1 ;;",
  '        *) word+=$c; inword=1 ;;',
  '      esac',
  '    fi',
  '    i=$((i + 1))',
  '  done',
  '  if [ -n "$quote" ]; then',
  '    echo "submit_ray.sh: RAY_SUBMIT_ARGS has an unclosed $quote quote: $1" >&2',
  '    return 1',
  '  fi',
  '  if [ "$inword" = 1 ]; then ray_args+=("$word"); fi',
  '}',
  'split_words "${RAY_SUBMIT_ARGS:-}" || exit 2',
  '',
  "# The job opens these paths on the cluster's nodes, not here: each must exist at the same path on",
  '# storage every node sees (a shared file system). Not finding one here is only a warning.',
  'unseen=0',
  'check_path() {',
  '  case "$2" in',
  '    /*) ;;',
  '    *) echo "submit_ray.sh: warning: $1=$2 is a relative path: the Ray job resolves it in its own working directory on the cluster; use an absolute path on shared storage" >&2 ;;',
  '  esac',
  '  if [ ! -e "$2" ]; then',
  '    echo "submit_ray.sh: warning: $1=$2 does not exist on this machine" >&2',
  '    unseen=1',
  '  fi',
  '}',
].join('\n');

/**
 * A bash script that runs the launch, one override per line so it diffs and edits well. Extra
 * script arguments are appended as further Hydra overrides (later ones win). The Ray script also
 * takes Ray's own options from RAY_SUBMIT_ARGS and warns about job paths it cannot see.
 */
export function launchScript(config: VerlLaunchConfig, mode: LaunchMode): string {
  const head = [
    '#!/usr/bin/env bash',
    '# Generated by Reflection Lens from verl-config.json (edit that file and re-run',
    '# `reflection-lens verl export --out <this folder>` to regenerate; extra arguments to this script',
    '# are passed on to verl as further overrides, e.g. trainer.total_epochs=1).',
    `# Overrides written for verl ${commentText(config.verlVersion)} (verlVersion in verl-config.json).`,
    'set -euo pipefail',
  ];
  // Every word from the config is quoted: nothing in a value is expanded or run.
  const trainer = shellCommandLine([config.python, '-m', VERL_ENTRYPOINT]);
  let first = trainer;
  if (mode === 'ray') {
    // The config's address when RAY_ADDRESS is unset or empty, as a quoted literal of its own
    // (inside "\${RAY_ADDRESS:-...}" a `}`, `"`, `$(...)` or backquote in it would be live).
    head.push(`if [ -z "\${RAY_ADDRESS:-}" ]; then RAY_ADDRESS=${shellQuote(config.rayAddress)}; fi`, '', RAY_PREAMBLE);
    for (const { key, path } of jobPaths(config)) head.push(`check_path ${shellQuote(key)} ${bashPath(path)}`);
    head.push(
      'if [ "$unseen" = 1 ]; then',
      '  echo "submit_ray.sh: the Ray job opens the paths above on the cluster\'s nodes: they must be at the same path on storage every node sees (and the rollout folders on storage this machine can read, to watch the run)" >&2',
      'fi',
      '',
    );
    // Empty arrays under `set -u` fail in bash before 4.4 (macOS): expand only when set.
    first = `ray job submit --address "$RAY_ADDRESS" \${ray_args[@]+"\${ray_args[@]}"} -- ${trainer}`;
  }
  const body = [first, ...overrideArgs(config).map(shellQuote)];
  return `${head.join('\n')}\n${body.join(' \\\n  ')} \\\n  "$@"\n`;
}

/** Truthy as Hydra reads an override value. */
const isOn = (v: OverrideValue | undefined): boolean => v === true || (typeof v === 'string' && /^true$/i.test(v.trim()));
/** Set to something other than null. */
const isSet = (v: OverrideValue | undefined): boolean => v !== undefined && !(typeof v === 'string' && /^(null|none|~)?$/i.test(v.trim()));

/** The micro-batch sizes verl asserts when actor_rollout_ref.actor.use_dynamic_bsz is off: [section, key, deprecated key]. */
export const MICRO_BATCH_KEYS = [
  ['actor_rollout_ref.actor', 'ppo_micro_batch_size_per_gpu', 'ppo_micro_batch_size'],
  ['actor_rollout_ref.ref', 'log_prob_micro_batch_size_per_gpu', 'log_prob_micro_batch_size'],
  ['actor_rollout_ref.rollout', 'log_prob_micro_batch_size_per_gpu', 'log_prob_micro_batch_size'],
] as const;

/**
 * What verl would reject at start-up that the config can tell already, as messages (empty: none).
 * With `use_dynamic_bsz` off (verl's default when absent) verl asserts fixed micro-batch sizes for
 * the actor, the reference policy (when KL is used) and the rollout's log-prob pass.
 */
export function launchConfigProblems(config: VerlLaunchConfig): string[] {
  const o = config.overrides;
  const problems: string[] = [];
  if (isOn(o['actor_rollout_ref.actor.use_dynamic_bsz'])) return problems;
  const usesRef = isOn(o['actor_rollout_ref.actor.use_kl_loss']) || isOn(o['algorithm.use_kl_in_reward']);
  const missing: string[] = [];
  for (const [section, key, old] of MICRO_BATCH_KEYS) {
    if (section === 'actor_rollout_ref.ref' && !usesRef) continue;
    const [now, before] = [isSet(o[`${section}.${key}`]), isSet(o[`${section}.${old}`])];
    if (now && before)
      problems.push(`both "${section}.${key}" and the deprecated "${section}.${old}" are set: verl refuses that; keep "${section}.${key}"`);
    else if (!now && !before) missing.push(`"${section}.${key}"`);
  }
  if (missing.length > 0) {
    const state = o['actor_rollout_ref.actor.use_dynamic_bsz'] === undefined ? "is not set (verl's default: false)" : 'is false';
    problems.push(
      `"actor_rollout_ref.actor.use_dynamic_bsz" ${state}, so verl needs fixed micro-batch sizes, and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set: add ${missing.length > 1 ? 'them' : 'it'} to "overrides" (samples per GPU per pass, e.g. 4; actor.ppo_mini_batch_size must be a multiple), or set "actor_rollout_ref.actor.use_dynamic_bsz": true`,
    );
  }
  return problems;
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
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
    throw new Error(`${fileName}: "overrides" must be an object of Hydra key -> value`);
  const checked: Record<string, OverrideValue> = {};
  for (const [k, v] of Object.entries(overrides)) {
    if (!/^[A-Za-z_+~][\w.+~-]*$/.test(k))
      throw new Error(`${fileName}: override key "${k}" is not a Hydra key (expected e.g. trainer.total_epochs)`);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      throw new Error(`${fileName}: override "${k}" must be a string, number or boolean, got ${v === null ? 'null' : typeof v}`);
    checked[k] = v;
  }
  const notes = typeof o.notes === 'object' && o.notes !== null && !Array.isArray(o.notes) ? (o.notes as Record<string, string>) : {};
  // Configs written before verlVersion existed were made for verl 0.7.0.
  if (o.verlVersion !== undefined && typeof o.verlVersion !== 'string')
    throw new Error(`${fileName}: "verlVersion" must be a string such as "${DEFAULT_VERL_VERSION}"`);
  const verlVersion = (o.verlVersion as string | undefined) ?? DEFAULT_VERL_VERSION;
  try {
    parseVerlVersion(verlVersion);
  } catch (err) {
    throw new Error(`${fileName}: "verlVersion": ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  for (const k of Object.keys(checked)) {
    const other = keyForVersion(k, REWARD_SECTION_SINCE) === k ? keyForVersion(k, '0.0.0') : keyForVersion(k, REWARD_SECTION_SINCE);
    if (other !== k && other in checked)
      throw new Error(
        `${fileName}: overrides "${k}" and "${other}" are the same verl setting in two layouts: keep one (the scripts write the layout of verlVersion ${verlVersion})`,
      );
  }
  const config: VerlLaunchConfig = { verlVersion, python: need('python'), rayAddress: need('rayAddress'), overrides: checked, notes };
  const problems = launchConfigProblems(config);
  if (problems.length > 0) throw new Error(`${fileName}: ${problems.join('; ')}`);
  return config;
}
