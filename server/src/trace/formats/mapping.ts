// A field mapping: which path of a source row gives each part of a trace record. Detected per
// file (presets.ts), overridden key by key with `--map key=path,...`, and always printed, so the
// user sees what was read as the prompt, the response and the ground truth before trusting a number.
import { formatPath, formatRule, hasFanout, parseRule, PathSyntaxError, sameField, splitTop, type Rule } from './path.js';

/** The parts of a record a mapping can name, in the order they are printed. */
export const MAPPING_KEYS = [
  'prompt',
  'response',
  'reasoning',
  'answer',
  'verdict',
  'truncated',
  'tokens',
  'id',
  'epoch',
  'group',
  'model',
  'task',
  'step',
  'where',
] as const;
export type MappingKey = (typeof MAPPING_KEYS)[number];

export type Mapping = Partial<Record<MappingKey, Rule>> & { response: Rule };

/** What each key means, for --help and error messages. */
export const MAPPING_KEY_HELP: Record<MappingKey, string> = {
  prompt: 'the question (a string, or chat messages: the user turns are joined)',
  response: "the model's response; with [i], one record per element",
  reasoning: 'a separate reasoning text (reasoning_content), written as a <think> block before the response',
  answer: 'the ground truth (\\boxed{...} and "#### x" are reduced to the answer)',
  verdict: 'the source\'s own correctness verdict (true/false, 1/0, "C"/"I"), compared with the engine\'s',
  truncated: 'whether the response was cut off (e.g. finish_reasons[i] == "length")',
  tokens: "the response's length in tokens (e.g. usage.output_tokens): over --max-tokens it was cut off",
  id: 'the record id (with [i] fan-out, .1, .2, ... are appended)',
  epoch: 'the epoch of a repeated sample (Inspect): the id becomes ID_epoch_N',
  group: 'the rollout group (default: the id, else the prompt)',
  model: 'the model name (default: from the file name, or its folders for a harness layout; @folder reads the folder)',
  task: 'the task (calibration groups by model and task)',
  step: 'the training step',
  where: 'which rows to read (e.g. filter == "strict-match": lm-eval writes each sample once per filter)',
};

/** Printed names (the verdict is the source's, not the engine's). */
const LABEL: Partial<Record<MappingKey, string>> = { verdict: 'source verdict' };

export class MappingError extends Error {}

/** Parses `key=path,key=path`; a bad key or path is a MappingError that says what was expected. */
export function parseMapOverrides(text: string): Partial<Record<MappingKey, Rule>> {
  const out: Partial<Record<MappingKey, Rule>> = {};
  for (const part of splitTop(text, ',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new MappingError(`--map: "${part.trim()}" is not key=path (keys: ${MAPPING_KEYS.join(', ')})`);
    const key = part
      .slice(0, eq)
      .trim()
      .replace(/^source[ _-]?verdict$/, 'verdict');
    if (!(MAPPING_KEYS as readonly string[]).includes(key))
      throw new MappingError(`--map: unknown key "${key}" (keys: ${MAPPING_KEYS.join(', ')})`);
    try {
      out[key as MappingKey] = parseRule(part.slice(eq + 1));
    } catch (err) {
      if (err instanceof PathSyntaxError) throw new MappingError(`--map ${key}: ${err.message}`);
      throw err;
    }
  }
  // The prompt and the answer are never the response itself (formats/source.ts drops a detected one).
  for (const key of ['prompt', 'answer'] as const) {
    const same = out.response && out[key]?.paths.find((p) => out.response!.paths.some((r) => sameField(p, r)));
    if (same) throw new MappingError(`--map ${key}=${formatPath(same)} reads the response's field: the ${key} must be another field`);
  }
  return out;
}

/** The mapping with the user's overrides applied; a response rule must fan out at most once. */
export function applyOverrides(base: Partial<Record<MappingKey, Rule>>, overrides: Partial<Record<MappingKey, Rule>>): Mapping {
  const merged = { ...base, ...overrides };
  if (!merged.response) throw new MappingError('no response field: give one with --map response=PATH (e.g. --map response=generations[i])');
  return merged as Mapping;
}

/** Whether any rule of the mapping uses `[i]` (then the response must too, or [i] means nothing). */
export function checkFanout(m: Mapping): void {
  const responseFans = m.response.paths.some(hasFanout);
  for (const key of MAPPING_KEYS) {
    const rule = m[key];
    if (rule && key !== 'response' && !responseFans && rule.paths.some(hasFanout)) {
      throw new MappingError(
        `${key} uses [i] but the response does not: [i] is the index of the response's list (e.g. response=generations[i])`,
      );
    }
  }
}

/** `prompt <- problem, response <- generations[i], ...` in the fixed key order. */
export function describeMapping(m: Mapping, notes: Partial<Record<MappingKey, string>> = {}): string {
  const parts: string[] = [];
  for (const key of MAPPING_KEYS) {
    const rule = m[key];
    const label = LABEL[key] ?? key;
    if (rule && key === 'where') parts.push(`only rows where ${formatRule(rule)}`);
    else if (rule) parts.push(`${label} <- ${formatRule(rule)}`);
    else if (notes[key]) parts.push(`${label} <- ${notes[key]}`);
  }
  return parts.join(', ');
}
