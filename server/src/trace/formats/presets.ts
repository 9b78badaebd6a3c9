// Named presets: the published schemas researchers' corpora come in, each as a field mapping built
// from the first row (so the printed mapping names the columns that are really there). Detection
// tries them in a fixed order on the first row; `--format NAME` picks one outright.
//   openr1   Hugging Face datasets in the OpenR1-Math-220k schema (problem, answer, generations[],
//            correctness_math_verify[], finish_reasons[]): one record per generation
//   chat     messages / conversations arrays of {role|from, content|value} (OpenThoughts,
//            Mixture-of-Thoughts): the last assistant turn is the response
//   lm-eval  lm-evaluation-harness samples_<task>_<date>.jsonl (doc, target, resps, filtered_resps,
//            one field per metric)
//   inspect  Inspect AI eval logs (.eval archives, .json logs): one record per sample and epoch
//   openai   OpenAI-compatible chat completions (vLLM, batch API output): choices[].message
//   fastchat FastChat model answers (MT-Bench, Arena-Hard, LiveBench): choices[0].turns[], one
//            record per turn, model_id and question_id
//   llama-stack-evals  the rows of llama-stack-evals' result files (<model>/<run>/<benchmark>.json:
//            {"result_data": [...], "metrics", "topline_metric_name"}): input_query or the chat's
//            user turn, generation, expected_answer, score
import type { Rule } from './path.js';
import { parseRule } from './path.js';
import type { MappingKey } from './mapping.js';
import {
  flatGroupField,
  flatVerdictField,
  ID_FIELDS,
  PROMPT_FIELDS,
  RESPONSE_FIELDS,
  TRUTH_FIELDS,
  WEAK_RESPONSE_FIELDS,
} from '../jsonl.js';

export const PRESET_NAMES = ['openr1', 'chat', 'lm-eval', 'inspect', 'openai', 'fastchat', 'llama-stack-evals'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export type Row = Record<string, unknown>;

export interface PresetMapping {
  rules: Partial<Record<MappingKey, Rule>>;
  /** Printed after the mapping (what the default leaves out and how to change it). */
  note?: string;
}

interface Preset {
  name: PresetName;
  matches(row: Row): boolean;
  mapping(row: Row): PresetMapping;
}

const rule = (text: string): Rule => parseRule(text);
const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (row: Row, keys: readonly string[]): string | undefined => keys.find((k) => row[k] !== undefined);
const at = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), v);

/** The stop reasons of Inspect's (and evalscope's) ModelOutput that mean cut off at the generation limit; "length" as OpenAI's. */
const CUT_OFF_STOP_REASONS = '"max_tokens" | "model_length" | "length"';

/** Rules for the fields any preset maps the same way when a row has them: model, task, step, group as plain columns, truncated (or finish_reason). */
function common(row: Row, rules: Partial<Record<MappingKey, Rule>>): Partial<Record<MappingKey, Rule>> {
  const scalar = (k: string): boolean => typeof row[k] === 'string' || typeof row[k] === 'number' || typeof row[k] === 'bigint';
  for (const k of ['model', 'task', 'step', 'group'] as const) if (!rules[k] && scalar(k)) rules[k] = rule(k);
  // Whether a response was cut off, as plain rows read it (a truncated column, else finish_reason
  // "length"): a chat row's own `truncated: true` was dropped (the header is the mapping's).
  if (!rules.truncated && row.truncated !== undefined && row.truncated !== null) rules.truncated = rule('truncated');
  else if (!rules.truncated && typeof row.finish_reason === 'string') rules.truncated = rule('finish_reason == "length"');
  // evalscope's prediction cache keeps the model's output beside the chat (Inspect's ModelOutput):
  // its stop reason and its length in tokens say whether the response was cut off.
  const output = at(row, 'model_output');
  const choices = at(output, 'choices');
  if (!rules.truncated && Array.isArray(choices) && typeof at(choices[0], 'stop_reason') === 'string')
    rules.truncated = rule(`model_output.choices[0].stop_reason == ${CUT_OFF_STOP_REASONS}`);
  if (!rules.tokens && typeof at(output, 'usage', 'output_tokens') === 'number') rules.tokens = rule('model_output.usage.output_tokens');
  return rules;
}

const openr1: Preset = {
  name: 'openr1',
  matches: (row) => Array.isArray(row.generations),
  mapping: (row) => {
    const rules: Partial<Record<MappingKey, Rule>> = {
      prompt: rule(present(row, ['problem', 'question', 'prompt']) ?? 'problem'),
      response: rule('generations[i]'),
    };
    const answer = present(row, ['answer', 'ground_truth', 'solution']);
    if (answer) rules.answer = rule(answer);
    const verdict = present(row, ['correctness_math_verify', 'correctness', 'is_correct', 'correctness_llama']);
    if (verdict) rules.verdict = rule(`${verdict}[i]`);
    if (row.finish_reasons !== undefined) rules.truncated = rule('finish_reasons[i] == "length"');
    const id = present(row, ['uuid', 'id']);
    if (id) rules.id = rule(id);
    return { rules: common(row, rules) };
  },
};

/** The roles chat datasets use: OpenAI-style role/content and ShareGPT-style from/value. */
const ASSISTANT = ['assistant', 'gpt', 'model'];
const USER = ['user', 'human'];

function chatList(row: Row): string | undefined {
  const isTurns = (v: unknown): boolean =>
    Array.isArray(v) && v.length > 0 && v.every((m) => isObject(m) && (m.role !== undefined || m.from !== undefined));
  return ['messages', 'conversations', 'conversation'].find((k) => isTurns(row[k]));
}

const chat: Preset = {
  name: 'chat',
  matches: (row) => chatList(row) !== undefined,
  mapping: (row) => {
    const list = chatList(row) ?? 'messages';
    const turns = (Array.isArray(row[list]) ? row[list] : []) as Row[];
    const roleKey = turns.some((m) => m.role !== undefined) ? 'role' : turns.some((m) => m.from !== undefined) ? 'from' : 'role';
    const contentKey = turns.some((m) => m.content !== undefined)
      ? 'content'
      : turns.some((m) => m.value !== undefined)
        ? 'value'
        : 'content';
    const roles = new Set(turns.map((m) => String(m[roleKey])));
    const asst = ASSISTANT.find((r) => roles.has(r)) ?? 'assistant';
    const user = USER.find((r) => roles.has(r)) ?? 'user';
    const replies = turns.filter((m) => String(m[roleKey]) === asst);
    const rules: Partial<Record<MappingKey, Rule>> = {
      prompt: rule(`${list}[${roleKey}=${user}][0].${contentKey}`),
      response: rule(`${list}[${roleKey}=${asst}][-1].${contentKey}`),
    };
    const reasoning = ['reasoning_content', 'reasoning'].find((k) => replies.some((m) => typeof m[k] === 'string'));
    if (reasoning) rules.reasoning = rule(`${list}[${roleKey}=${asst}][-1].${reasoning}`);
    const answer = present(row, ['answer', 'ground_truth', 'gold', 'target', 'reference_answer', 'solution']);
    if (answer) rules.answer = rule(answer);
    const verdict = present(row, ['correct', 'is_correct', 'correctness', 'verdict']);
    if (verdict) rules.verdict = rule(verdict);
    // evalscope numbers its rows `index` (out of line order): the id, as a flat row's.
    const id = present(row, ['id', 'uuid', 'idx', 'index']);
    if (id) rules.id = rule(id);
    const note =
      replies.length > 1
        ? `the first row has ${replies.length} assistant turns: the last is the response (one record per turn: --map response=${list}[${roleKey}=${asst}][i].${contentKey})`
        : undefined;
    return { rules: common(row, rules), note };
  },
};

/** Multiple-choice options kept apart from the question: a list of strings, or ARC's {text: [...], label: [...]}. */
function isOptionList(v: unknown): boolean {
  const texts = isObject(v) ? v.text : v;
  return (
    Array.isArray(texts) &&
    texts.length >= 2 &&
    texts.every((t) => typeof t === 'string' || (typeof t === 'number' && Number.isFinite(t)) || typeof t === 'bigint')
  );
}

/** A value that is there (not missing, not null): options of any shape, said by the importer where they are no list (stop 40). */
const given = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Where a row's multiple-choice options are, row by row, for a mapping whose prompt the user did
 * not map: a flat row's `options` (else `choices`), an Inspect sample's `choices`, an lm-eval doc's
 * `choices`; undefined where the row has none. The mapping is set from the first row, which may
 * have had none (a dataset of mixed questions) or options of another shape: the rows after it
 * are read by their own (stop 40: their options were dropped silently).
 */
export function rowOptionsKey(format: PresetName | 'fields', row: Row): string | undefined {
  if (format === 'fields') return flatOptionsKey(row);
  if (format === 'inspect') return given(row.choices) ? 'choices' : undefined;
  if (format === 'lm-eval') return given(at(row.doc, 'choices')) ? 'doc.choices' : undefined;
  return undefined;
}

/** The first metric of an lm-eval sample with a numeric or boolean value: the harness's verdict. */
function lmEvalMetric(row: Row): string | undefined {
  const named = Array.isArray(row.metrics) ? row.metrics.filter((m): m is string => typeof m === 'string') : [];
  const scored = (k: string): boolean => typeof row[k] === 'number' || typeof row[k] === 'boolean';
  return named.find(scored) ?? ['exact_match', 'acc', 'em', 'correct'].find(scored);
}

const lmEval: Preset = {
  name: 'lm-eval',
  matches: (row) => isObject(row.doc) && Array.isArray(row.resps),
  mapping: (row) => {
    const docKey = ['question', 'problem', 'Question', 'input', 'prompt', 'query'].find((k) => typeof at(row.doc, k) === 'string');
    // The rendered prompt: {gen_args_0: {arg_0}} since 2024, [[prompt, kwargs]] before.
    const rendered = isObject(row.arguments) ? 'arguments.gen_args_0.arg_0' : 'arguments[0][0]';
    // The options of a multiple-choice doc (MMLU's, ARC's choices): appended to the question as "A) ..." lines.
    const options = docKey && given(at(row.doc, 'choices')) ? ' + doc.choices' : '';
    const rules: Partial<Record<MappingKey, Rule>> = {
      prompt: rule(docKey ? `doc.${docKey} | ${rendered}${options}` : rendered),
      response: rule('resps[0][i]'),
      answer: rule('target'),
      id: rule('doc_id'),
    };
    const metric = lmEvalMetric(row);
    if (metric) rules.verdict = rule(metric);
    if (typeof row.filter === 'string') rules.where = rule(`filter == ${JSON.stringify(row.filter)}`);
    return {
      rules: common(row, rules),
      note:
        typeof row.filter === 'string'
          ? 'the harness writes each sample once per filter: other filters are skipped (choose with --map where=\'filter == "NAME"\')'
          : undefined,
    };
  },
};

/** An Inspect sample: a model output with choices, and the sample's epoch or scores. */
const isInspectSample = (row: Row): boolean =>
  isObject(row.output) && Array.isArray(row.output.choices) && (row.epoch !== undefined || row.scores !== undefined);

const inspect: Preset = {
  name: 'inspect',
  matches: isInspectSample,
  mapping: (row) => {
    // multiple_choice(): the question is `input`, its options are `choices` (the model answers "ANSWER: C").
    const rules: Partial<Record<MappingKey, Rule>> = {
      prompt: rule(given(row.choices) ? 'input + choices' : 'input'),
      response: rule('output.choices[i].message.content'),
      answer: rule('target'),
      truncated: rule(`output.choices[i].stop_reason == ${CUT_OFF_STOP_REASONS}`),
      id: rule('id'),
      epoch: rule('epoch'),
      group: rule('id'),
      model: rule('eval.model | output.model'),
      task: rule('eval.task'),
    };
    const scorer = isObject(row.scores) ? Object.keys(row.scores)[0] : undefined;
    if (scorer) rules.verdict = rule(`scores.${/^[A-Za-z_$][\w$-]*$/.test(scorer) ? scorer : JSON.stringify(scorer)}.value`);
    return { rules };
  },
};

/** Where the completion object is: the row itself, or the body of a batch API response. */
function completionPrefix(row: Row): string | undefined {
  const hasChoices = (v: unknown): boolean =>
    isObject(v) && Array.isArray(v.choices) && v.choices.every((c) => isObject(c) && (c.message !== undefined || c.text !== undefined));
  if (hasChoices(row)) return '';
  if (hasChoices(at(row, 'response', 'body'))) return 'response.body.';
  if (hasChoices(row.response)) return 'response.';
  return undefined;
}

const openai: Preset = {
  name: 'openai',
  matches: (row) => completionPrefix(row) !== undefined,
  mapping: (row) => {
    const p = completionPrefix(row) ?? '';
    const choices = at(row, ...p.split('.').filter(Boolean), 'choices');
    const first = Array.isArray(choices) && isObject(choices[0]) ? choices[0] : {};
    const legacy = first.message === undefined && typeof first.text === 'string';
    const rules: Partial<Record<MappingKey, Rule>> = {
      response: rule(legacy ? `${p}choices[i].text` : `${p}choices[i].message.content`),
      truncated: rule(`${p}choices[i].finish_reason == "length"`),
      model: rule(`${p}model`),
    };
    if (!legacy) rules.reasoning = rule(`${p}choices[i].message.reasoning_content | ${p}choices[i].message.reasoning`);
    const prompt = ['messages', 'request.messages', 'request.body.messages', 'body.messages', 'prompt', 'question', 'problem'].find(
      (k) => at(row, ...k.split('.')) !== undefined,
    );
    if (prompt) rules.prompt = rule(prompt);
    const answer = ['answer', 'ground_truth', 'target', 'metadata.answer', 'metadata.ground_truth'].find(
      (k) => at(row, ...k.split('.')) !== undefined,
    );
    if (answer) rules.answer = rule(answer);
    const verdict = present(row, ['correct', 'is_correct', 'verdict']);
    if (verdict) rules.verdict = rule(verdict);
    rules.id = rule(row.custom_id !== undefined ? 'custom_id' : `${p}id`);
    return { rules: common(row, rules) };
  },
};

/**
 * A FastChat answer row (MT-Bench and Arena-Hard model_answer, LiveBench's, which writes the same
 * layout): `choices` of {index, turns}, each turn a string or {content, token_len}, with
 * `question_id`. The questions (and references) live in another file, keyed by question_id.
 */
function isFastChatAnswer(row: Row): boolean {
  const turn = (t: unknown): boolean => typeof t === 'string' || (isObject(t) && typeof t.content === 'string');
  return (
    row.question_id !== undefined &&
    Array.isArray(row.choices) &&
    row.choices.length > 0 &&
    row.choices.every((c) => isObject(c) && Array.isArray(c.turns) && c.turns.length > 0 && c.turns.every(turn))
  );
}

const fastchat: Preset = {
  name: 'fastchat',
  matches: isFastChatAnswer,
  mapping: (row) => {
    const first = (Array.isArray(row.choices) ? row.choices[0] : undefined) as Row | undefined;
    const turns = Array.isArray(first?.turns) ? first.turns : [];
    const rules: Partial<Record<MappingKey, Rule>> = {
      response: rule(turns.some(isObject) ? 'choices[0].turns[i].content' : 'choices[0].turns[i]'),
      id: rule('question_id'),
    };
    if (row.model_id !== undefined) rules.model = rule('model_id');
    const answer = present(row, ['answer', 'ground_truth', 'reference']);
    if (answer) rules.answer = rule(answer);
    const more =
      Array.isArray(row.choices) && row.choices.length > 1 ? `; choices[1] and on are not read (--map response=choices[1].turns[i])` : '';
    return {
      rules: common(row, rules),
      note: `one record per turn; the questions are in FastChat's question file, not in these rows (no prompt, no reference)${more}`,
    };
  },
};

/**
 * A row of llama-stack-evals' results (fx42; its `Evaluator` writes each dataset row with the
 * model's `generation` and the grader's `score`, `parsed_pred`): the question is the llamastack
 * dataset's `input_query`, else the chat's user turn (`messages`, which the row also holds: so this
 * preset is tried before chat's), the reference `expected_answer`.
 */
const llamaStackEvals: Preset = {
  name: 'llama-stack-evals',
  matches: (row) => typeof row.generation === 'string' && row.expected_answer !== undefined,
  mapping: (row) => {
    const list = chatList(row);
    const rules: Partial<Record<MappingKey, Rule>> = { response: rule('generation'), answer: rule('expected_answer') };
    if (typeof row.input_query === 'string') rules.prompt = rule('input_query');
    else if (list) rules.prompt = rule(`${list}[role=user][-1].content`);
    if (typeof row.score === 'number' || typeof row.score === 'boolean') rules.verdict = rule('score');
    const id = present(row, ['id', 'uuid', 'idx', 'index']);
    if (id) rules.id = rule(id);
    return { rules: common(row, rules) };
  },
};

/** In detection order: the most specific shapes first (an Inspect sample also has a target, an lm-eval sample a doc, a llama-stack-evals row messages). */
const PRESETS: readonly Preset[] = [inspect, lmEval, openr1, fastchat, openai, llamaStackEvals, chat];

export function presetByName(name: PresetName): Preset {
  return PRESETS.find((p) => p.name === name)!;
}

export function detectPreset(row: Row): PresetName | undefined {
  return PRESETS.find((p) => p.matches(row))?.name;
}

export function presetMapping(name: PresetName, row: Row): PresetMapping {
  return presetByName(name).mapping(row);
}

export const isPresetName = (s: string): s is PresetName => (PRESET_NAMES as readonly string[]).includes(s);

/**
 * The rows an object holds: an Inspect `.json` log (or one written on a single JSONL line) holds
 * its samples, each read with the log's `eval` (task, model); anything else is one row.
 */
export function rowsOf(obj: Row): Row[] {
  if (Array.isArray(obj.samples) && isObject(obj.eval)) return obj.samples.filter(isObject).map((s) => withEval(s, obj.eval as Row));
  return [obj];
}

/**
 * A llama-stack-evals result file (fx42): its `Evaluator`'s result as `json.dump` writes it, an
 * object of `result_data` (a list of rows), `metrics` and `topline_metric_name`. Told by all three,
 * so an object that only has a member of that name is read as before.
 */
export function isLlamaStackResult(obj: Row): boolean {
  return Array.isArray(obj.result_data) && isObject(obj.metrics) && typeof obj.topline_metric_name === 'string';
}

/** A sample with its log's eval spec (only what a mapping reads: task and model). */
export function withEval(sample: Row, evalSpec: Row | undefined): Row {
  if (!evalSpec || sample.eval !== undefined) return sample;
  return { ...sample, eval: { task: evalSpec.task, model: evalSpec.model } };
}

/**
 * Whether the row is what jsonl.ts's per-line detection reads (a verl dump, an evaluation output):
 * a response field holding text. Such JSONL lines keep that reader, unchanged.
 */
export function isFlatRollout(row: Row): boolean {
  const texts = RESPONSE_FIELDS.filter(
    (f) =>
      typeof row[f] === 'string' ||
      (Array.isArray(row[f]) && (row[f] as unknown[]).length > 0 && (row[f] as unknown[]).every((x) => typeof x === 'string')),
  );
  // Only a `prediction` (or `generated_answer`) beside a preset's schema: the preset reads the row.
  return texts.length > 0 && (texts.some((f) => !WEAK_RESPONSE_FIELDS.has(f)) || detectPreset(row) === undefined);
}

/** A flat row's field of multiple-choice options (`options`, else `choices`: a list of 2 or more strings, or ARC's {text, label}), beside its question. */
export function flatOptionsField(row: Row): string | undefined {
  if (present(row, PROMPT_FIELDS) === undefined) return undefined;
  return ['options', 'choices'].find((k) => isOptionList(row[k]));
}

/**
 * A flat row's field of options (flatOptionsField), else the first of `options` and `choices` that
 * holds another value (a string, an object, a list of objects, an empty list; not null): the
 * importer says why it is not read, row by row (stop 40: silent without --map).
 */
export function flatOptionsKey(row: Row): string | undefined {
  if (present(row, PROMPT_FIELDS) === undefined) return undefined;
  return flatOptionsField(row) ?? ['options', 'choices'].find((k) => row[k] !== undefined && row[k] !== null);
}

/** jsonl.ts's field names as a mapping, for rows outside JSONL (a Parquet rollout dump) or when --map edits them. */
export function flatMapping(row: Row): PresetMapping {
  const rules: Partial<Record<MappingKey, Rule>> = {};
  const response = present(row, RESPONSE_FIELDS);
  if (response) rules.response = rule(Array.isArray(row[response]) ? `${response}[i]` : response);
  const prompt = present(row, PROMPT_FIELDS);
  // A multiple-choice question's options in a field of their own (MMLU-Pro's `options`, MMLU's
  // `choices`): appended to the question as "A) ..." lines (stop 39: they were dropped silently).
  const options = prompt !== undefined ? flatOptionsKey(row) : undefined;
  if (prompt) rules.prompt = rule(options ? `${prompt} + ${options}` : prompt);
  const answer = present(row, TRUTH_FIELDS);
  if (answer) rules.answer = rule(answer);
  const id = present(row, ID_FIELDS);
  if (id) rules.id = rule(id);
  // The row's own verdict (score[i] of Qwen2.5-Math's eval outputs, human-eval's passed) and
  // task_id as the group, as jsonl.ts reads them.
  const list = response !== undefined && Array.isArray(row[response]);
  const verdict = flatVerdictField(row, response === undefined ? 0 : list ? (row[response] as unknown[]).length : 1);
  if (verdict) rules.verdict = rule(verdict === 'score' ? (list ? 'score[i]' : 'score[0]') : verdict);
  if (flatGroupField(row)) rules.group = rule('task_id');
  // ZeroEval's (and AlpacaEval's) result files name the model `generator` and the task `dataset`.
  const text = (k: string): boolean => typeof row[k] === 'string' && (row[k] as string).trim() !== '';
  if (row.model === undefined && text('generator')) rules.model = rule('generator');
  if (row.task === undefined && text('dataset')) rules.task = rule('dataset');
  return { rules: common(row, rules) };
}
