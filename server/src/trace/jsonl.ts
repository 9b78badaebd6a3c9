// JSONL rollouts as trace records (docs/design.md section 3). Field names are detected per line, so
// one reader covers verl's `trainer.rollout_data_dir` dumps (input, output, gts, score, step) and
// common evaluation outputs (question, code[]/responses[], gt, pred[], score[]). A line that is
// not valid JSON, or has no response, becomes a diagnostic; the other lines keep working.
import { DuplicateIds, RolloutIds } from './duplicateIds.js';
import { resolve } from 'node:path';
import { formatRecord, type TraceRecordInput } from './format.js';
import { jsonElementSpan, jsonErrorOffset, jsonFieldSpan, nonFiniteDiagnostic, parseWithNonFinite } from './jsonError.js';
import { tokenCount } from './headerValues.js';
import { headerCutOff, unclosedThinking } from './thinking.js';
import { solutionReference } from './referenceAnswer.js';
import { extraBomMessage, leadingBoms, modelFromFileName, parseRecordText } from './parse.js';
import type { TraceDiagnostic, TraceRecord } from './types.js';

// Exported for formats/presets.ts, which maps other containers (Parquet, JSON documents) by the same names.
// Each list in order of preference; the last names are taken only where no earlier one is there:
// AlpacaEval's `instruction`, BIG-Bench-Hard's `prediction` and `target`, PAL's `generated_answer` (fmt34).
export const PROMPT_FIELDS = ['input', 'prompt', 'question', 'problem', 'query', 'instruction'];
export const RESPONSE_FIELDS = ['output', 'response', 'completion', 'code', 'responses', 'prediction', 'generated_answer'];
export const TRUTH_FIELDS = ['gts', 'gt', 'answer', 'ground_truth', 'label', 'solution', 'target'];
/** Response names that also name other things (a prediction may be an extracted answer): a row a preset reads is not read by them. */
export const WEAK_RESPONSE_FIELDS: ReadonlySet<string> = new Set(['prediction', 'generated_answer']);
export const ID_FIELDS = ['idx', 'id', 'uid', 'index'];
const LOGPROB_FIELDS = ['logprobs', 'old_log_probs', 'rollout_log_probs'];
const REF_FIELDS = ['ref_logprobs', 'ref_log_prob', 'ref_log_probs'];

/** One response of a JSONL line, ready to be written as a `.trace` record. */
export interface JsonlRecord extends TraceRecordInput {
  /** 0-based line of the JSON object in the source file. */
  sourceLine: number;
  /** Per-token log-probs of the response under the policy / the reference, when the line has them. */
  logprobs?: number[];
  refLogprobs?: number[];
  /** Columns in the source line of the fields some headers come from (tokens, truncated, step, finish_reason), and of the log-probs (logprobs), where known. */
  fieldColumns?: Record<string, number>;
  /** Of those, the fields on another line than `sourceLine` (a JSON document's element spans lines): their 0-based lines. */
  fieldLines?: Record<string, number>;
  /** Where a field has no text position (a Parquet column, an .eval sample's field): "row 3, column meta.flag", for messages. */
  fieldNames?: Record<string, string>;
}

export interface JsonlLineResult {
  records: JsonlRecord[];
  diagnostics: TraceDiagnostic[];
}

const pick = (obj: Record<string, unknown>, names: string[]): [string, unknown] | undefined => {
  for (const n of names) if (obj[n] !== undefined && obj[n] !== null) return [n, obj[n]];
  return undefined;
};

/**
 * A row's keys for a message, capped (keys can be whole texts): at most 12, each cut at 40
 * characters, then how many more.
 */
export function listKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 12).map((k) => (k.length > 40 ? `${k.slice(0, 39)}…` : k));
  const more = keys.length - shown.length;
  return `${shown.map((k) => JSON.stringify(k).slice(1, -1)).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Text of a prompt: a string, or chat messages joined (`[{role, content}]`). */
function promptText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const parts = v.map((m) =>
      typeof m === 'string'
        ? m
        : m && typeof m === 'object' && typeof (m as { content?: unknown }).content === 'string'
          ? (m as { content: string }).content
          : '',
    );
    const joined = parts.filter(Boolean).join('\n');
    return joined || undefined;
  }
  return undefined;
}

/**
 * What is wrong with a ground-truth value's type, or undefined: an object, or a list whose values
 * differ (a list that repeats one value, as per-response dumps write it, reads as that value).
 */
export function truthShapeProblem(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    const vals = v.filter((x) => x !== null && x !== undefined);
    if (vals.length === 0) return undefined;
    const one = vals[0];
    if ((typeof one === 'string' || typeof one === 'number') && vals.every((x) => x === one)) return undefined;
    return `an array of ${vals.length} value${vals.length === 1 ? '' : 's'}`;
  }
  if (v !== null && typeof v === 'object') return 'an object';
  return undefined;
}

/** A JSON number's decimal value as digits and exponent ("2.50" and "25e-1" -> "25e-1"), for comparing texts. */
function canonicalDecimal(s: string): string {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return s;
  let digits = (m[1] + (m[2] ?? '')).replace(/^0+/, '');
  let exp = Number(m[3] ?? 0) - (m[2]?.length ?? 0);
  const trailing = /0*$/.exec(digits)![0].length;
  if (digits === '') return '0';
  digits = digits.slice(0, digits.length - trailing);
  exp += trailing;
  return `${s.startsWith('-') ? '-' : ''}${digits}e${exp}`;
}

/**
 * Whether a parsed JSON number may print differently from its source text: a double holds every
 * integer up to 2^53 and every decimal of at most 15 significant digits (printed back as written),
 * so only zero (an underflow reads as 0), larger integers, infinities and long decimals are looked
 * up in the line. A safe integer or short decimal written with more digits than the double keeps
 * ("3.0000000000000000001") is not caught.
 */
function mayBeInexact(v: number, printed: string): boolean {
  if (v === 0) return true;
  if (Number.isSafeInteger(v)) return false;
  if (!Number.isFinite(v) || Number.isInteger(v)) return true;
  return printed.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').length >= 15;
}

/** Ground truth as one line: numbers without a trailing .0, the \boxed{} of a worked solution, GSM8K's "#### x". */
function truthText(field: string, v: unknown): string | undefined {
  if (Array.isArray(v)) v = v.find((x) => x !== null && x !== undefined);
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  if (field === 'solution' || v.includes('\\boxed')) {
    const i = v.lastIndexOf('\\boxed{');
    if (i >= 0) {
      let depth = 0;
      for (let k = i + 6; k < v.length; k++) {
        if (v[k] === '{') depth++;
        else if (v[k] === '}' && --depth === 0) return v.slice(i + 7, k).trim();
      }
    }
    if (field === 'solution') return undefined;
  }
  // Stop 36: GSM8K's worked solution "... #### 72" (and "# 18", "...\nA: 18") is its value, as a mapped field's is.
  return (solutionReference(v) ?? v).replace(/\s*\n\s*/g, ' ').trim();
}

const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

/** Largest log-probability magnitude read (vLLM writes -9999 for masked tokens); 1e308 made the KL -Infinity. */
export const MAX_ABS_LOGPROB = 1e6;
/** Largest log-probability read: 0 (probability 1), with room for float rounding above it (float32 log_softmax gives +1e-7). */
export const MAX_LOGPROB = 1e-4;

/**
 * What is wrong with the log-probs of response k in field `field` (value `v`), with the path of the
 * bad element, or undefined when they are a list of numbers within +-MAX_ABS_LOGPROB (or absent).
 */
export function logprobProblem(field: string, v: unknown, k: number, responses: number): { message: string; path: number[] } | undefined {
  const flat = responses === 1 && Array.isArray(v) && !v.some((x) => Array.isArray(x));
  const list = flat ? v : Array.isArray(v) ? v[k] : v;
  const name = flat || !Array.isArray(v) ? `"${field}"` : `"${field}"[${k}]`;
  const at = flat || !Array.isArray(v) ? [] : [k];
  if (!Array.isArray(list))
    return {
      message: `${name} is ${list === undefined ? 'missing' : valueKind(list)}: expected a list of numbers, one log-probability per token`,
      path: at,
    };
  for (let i = 0; i < list.length; i++) {
    const x: unknown = list[i];
    if (typeof x === 'number' && Number.isFinite(x) && x >= -MAX_ABS_LOGPROB && x <= MAX_LOGPROB) continue;
    // A positive log-probability is a probability above 1 ([5, 5]): not a log-prob (a score, a
    // logit?), whatever its size; rounding above 0 (float32 log_softmax) is within MAX_LOGPROB.
    if (typeof x === 'number' && Number.isFinite(x) && x > MAX_LOGPROB && x <= MAX_ABS_LOGPROB)
      return {
        message: `${name}[${i}] is ${x}, above 0: a log-probability is at most 0 (a probability of at most 1); expected a number from -${MAX_ABS_LOGPROB} to 0 (logits or scores instead of log-probs?)`,
        path: [...at, i],
      };
    const what =
      typeof x === 'number'
        ? String(x)
        : x === null
          ? 'null'
          : typeof x === 'string'
            ? `the string ${JSON.stringify(x.length > 20 ? `${x.slice(0, 19)}…` : x)}`
            : valueKind(x);
    return {
      message: `${name}[${i}] is ${what}: expected a number from -${MAX_ABS_LOGPROB} to 0 (a log-probability)`,
      path: [...at, i],
    };
  }
  return undefined;
}

/** Log-probs of response k: a flat array belongs to a single response, an array of arrays to each. */
function logprobsFor(v: unknown, k: number, responses: number): number[] | undefined {
  if (responses === 1 && isNumberArray(v)) return v;
  if (Array.isArray(v) && isNumberArray(v[k])) return v[k];
  return undefined;
}

/** A JSON value that is no id or header, in words: "an object", "an array of 2 values", "a string of 300 characters". */
export function valueKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length} value${v.length === 1 ? '' : 's'}`;
  if (v !== null && typeof v === 'object') return 'an object';
  if (typeof v === 'string') return /[\r\n]/.test(v) ? 'a string with a line break' : `a string of ${v.length} characters (at most 200)`;
  // Parquet's INT64 arrives as a bigint: an integer to the user.
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return 'an integer';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

/** A scalar for a header (one line), or undefined when the value is not one. */
function scalar(v: unknown): string | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string' && v.length <= 200 && !/[\r\n]/.test(v)) return v;
  return undefined;
}

/**
 * Qwen2.5-Math's evaluation harness writes every run to a file of one generic name,
 * `<split>_<prompt type>_<n>_seed<s>_t<temperature>_s<start>_e<end>.jsonl`, in a folder named
 * after the benchmark, under the model's output folder (`<model>/math_eval/<benchmark>/` or
 * `outputs/<org>/<model>/<benchmark>_eval/<benchmark>/`). Such a file's name says neither model
 * nor task, so they come from its folders: the task is the parent folder, the model the nearest
 * folder above it whose name is not an `eval` folder (`math_eval`, `aime24_eval`, `eval`).
 */
const HARNESS_FILE = /^[A-Za-z]+_.+_seed\d+_t[\d.]+_s\d+_e-?\d+\.jsonl$/;
/**
 * Other harnesses name a file after the benchmark and put it in the model's folder (stop 38, an
 * outsider's import of real outputs, where every model's file of one benchmark pooled into one
 * calibration row): evalscope's `predictions/<model>/<dataset>_<subset>.jsonl` and
 * `reviews/<model>/...`, OpenCompass's `predictions/<model>/<dataset>.json` and
 * `results/<model>/...`; llama-stack-evals (and LambdaLabs' copy) `<model>/<YYYYMMDD-HHMM-run>/<benchmark>.json`.
 * A file of a generic name (`results.parquet`, `predictions.jsonl`, `outputs.json`) takes its model from its folder.
 */
const MODEL_FOLDER_PARENTS = /^(?:predictions|reviews|results)$/i;
const RUN_FOLDER = /^\d{8}[-_]\d{4,6}(?:[-_]|$)/;
const GENERIC_FILE = /^(?:results?|predictions?|outputs?|samples|generations|completions|responses)$/i;

export interface FileDefaults {
  model: string;
  task?: string;
  /** What they were taken from, for the printed mapping. */
  note: string;
  modelNote: string;
  taskNote?: string;
}

/** The name of a path's last part without its extension (.jsonl, .json, .parquet, .eval, .trace). */
const stem = (name: string): string => name.replace(/\.(?:trace|jsonl|json|parquet|eval)$/i, '');

/**
 * Model and task of an evaluation harness's file layout, from its folders (HARNESS_FILE, then the
 * layouts above); undefined for any other path (the model is then the file's name).
 */
export function harnessFileDefaults(path: string | undefined): FileDefaults | undefined {
  if (!path || path === '-') return undefined;
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  // The folders of the path as given, else of the file's absolute path ("calibrate test_..._e-1.jsonl" in its folder).
  const parts = resolve(path)
    .split(/[\\/]+/)
    .filter((p) => p !== '');
  parts.pop();
  const q = JSON.stringify;
  if (HARNESS_FILE.test(name)) {
    const task = parts.pop();
    if (!task) return undefined;
    let model: string | undefined;
    while (parts.length) {
      const folder = parts.pop()!;
      if (/(?:^|_)eval$/i.test(folder)) continue;
      model = folder;
      break;
    }
    if (!model) return undefined;
    return {
      model,
      task,
      note: `model <- folder ${q(model)}, task <- folder ${q(task)} (generic harness file name)`,
      modelNote: `folder name ${q(model)}`,
      taskNote: `folder name ${q(task)} (generic harness file name)`,
    };
  }
  const file = stem(name);
  const parent = parts[parts.length - 1];
  const above = parts[parts.length - 2];
  if (!file || !parent) return undefined;
  const byFolder = (model: string, task: string | undefined, layout: string): FileDefaults => ({
    model,
    ...(task !== undefined ? { task } : {}),
    note: `model <- folder ${q(model)}${task !== undefined ? `, task <- file name ${q(task)}` : ''} (${layout})`,
    modelNote: `folder name ${q(model)} (${layout})`,
    ...(task !== undefined ? { taskNote: `file name ${q(task)}` } : {}),
  });
  if (above !== undefined && MODEL_FOLDER_PARENTS.test(above) && !MODEL_FOLDER_PARENTS.test(parent))
    return byFolder(parent, file, `${above}/<model>/<benchmark>: evalscope, OpenCompass`);
  if (above !== undefined && RUN_FOLDER.test(parent) && !RUN_FOLDER.test(above))
    return byFolder(above, file, '<model>/<date-time run>/<benchmark>: llama-stack-evals');
  if (GENERIC_FILE.test(file)) return byFolder(parent, undefined, `generic file name ${q(name)}`);
  return undefined;
}

/**
 * The source's own verdict on each response, when a line carries one: `score` as a list of
 * booleans parallel to the responses (Qwen2.5-Math's evaluation outputs: code[i], score[i]), or
 * `passed` (human-eval's results) for a line of one response. A verl dump's `score` (a reward,
 * one number per line) is no verdict.
 */
export function flatVerdictField(o: Record<string, unknown>, responses: number): 'score' | 'passed' | undefined {
  const score = o.score;
  if (Array.isArray(score) && score.length === responses && responses > 0 && score.every((x) => typeof x === 'boolean')) return 'score';
  if (responses === 1 && typeof o.passed === 'boolean') return 'passed';
  return undefined;
}

/** The group of a line's responses when it names its problem by `task_id` (human-eval, MBPP). */
export function flatGroupField(o: Record<string, unknown>): 'task_id' | undefined {
  return scalar(o.task_id) !== undefined ? 'task_id' : undefined;
}

export function jsonlLineToRecords(line: string, lineNo: number, opts: { fileName?: string } = {}): JsonlLineResult {
  // The file's BOM is not part of the line; a second one (a file converted to UTF-8 twice) made
  // the first line bad JSON: it is skipped too, with a warning at its column, as in a .trace.
  const shift = lineNo === 0 ? leadingBoms(line) : 0;
  const text = shift > 0 ? line.slice(shift) : line;
  const records: JsonlRecord[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  if (shift > 1)
    diagnostics.push({
      line: 0,
      column: 1,
      endLine: 0,
      endColumn: shift,
      severity: 'warning',
      code: 'extra-bom',
      message: extraBomMessage(shift, 'JSON'),
    });
  const fail = (column: number, endColumn: number, code: string, message: string): JsonlLineResult => {
    diagnostics.push({ line: lineNo, column, endLine: lineNo, endColumn, severity: 'error', code, message });
    return { records, diagnostics };
  };
  if (text.trim() === '') return { records, diagnostics };
  let obj: unknown;
  let parseError: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    parseError = err;
    // Python's json.dump writes NaN and Infinity: each a warning, read as null; the record is kept.
    const lenient = parseWithNonFinite(text);
    if (lenient) {
      obj = lenient.value;
      parseError = undefined;
      for (const f of lenient.found) diagnostics.push(nonFiniteDiagnostic(f.token, lineNo, f.offset + shift));
    }
  }
  if (parseError !== undefined) {
    const err = parseError;
    const message = err instanceof Error ? err.message : String(err);
    // JSON.parse's message says what; the validator says where (Node 20 often omits the position).
    const at = jsonErrorOffset(text);
    const col = (at < 0 ? text.length : at) + shift;
    return fail(col, Math.min(col + 1, line.length), 'bad-json', `Invalid JSON: ${message}. Expected one JSON object per line.`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    return fail(shift, line.length, 'not-an-object', 'Expected a JSON object on this line.');
  const o = obj as Record<string, unknown>;
  const resp = pick(o, RESPONSE_FIELDS);
  const responses = resp === undefined ? [] : Array.isArray(resp[1]) ? resp[1] : [resp[1]];
  if (!resp || responses.length === 0) {
    return fail(
      shift,
      line.length,
      'no-response',
      `No response field: expected one of ${RESPONSE_FIELDS.join(', ')} (a string or a list of strings); the line has ${listKeys(Object.keys(o)) || 'no fields'}; --map response=PATH reads another (e.g. --map response=choices[0].turns[i]).`,
    );
  }
  const promptField = pick(o, PROMPT_FIELDS);
  const query = promptField ? promptText(promptField[1]) : undefined;
  const warn = (span: { start: number; end: number } | undefined, code: string, message: string): void => {
    const column = (span?.start ?? 0) + shift;
    const endColumn = span ? span.end + shift : line.length;
    diagnostics.push({ line: lineNo, column, endLine: lineNo, endColumn, severity: 'warning', code, message });
  };
  // The first ground-truth field that reads; one of the wrong type is diagnosed and skipped.
  let truthField: string | undefined;
  let answer: string | undefined;
  for (const n of TRUTH_FIELDS) {
    const v = o[n];
    if (v === undefined || v === null) continue;
    const problem = truthShapeProblem(v);
    if (problem) {
      warn(
        jsonFieldSpan(text, n),
        'bad-answer',
        `Expected a string or number for "${n}", got ${problem}: the record is read without this ground truth. Store the answer as one string.`,
      );
      continue;
    }
    let t = truthText(n, v);
    if (t === undefined) continue;
    if (typeof v === 'number' && mayBeInexact(v, t)) {
      // A double cannot hold every JSON number (1e999, integers past 2^53): the answer is the
      // number as written, when its value prints differently.
      const span = jsonFieldSpan(text, n);
      const source = span ? text.slice(span.start, span.end) : undefined;
      if (source === undefined || !/^-?\d/.test(source))
        warn(span, 'inexact-answer', `The number in "${n}" could not be located; it reads as ${t}. Store the answer as a string.`);
      else if (canonicalDecimal(source) !== canonicalDecimal(t)) t = source;
    }
    truthField = n;
    answer = t;
    break;
  }
  const idField = pick(o, ID_FIELDS);
  const baseId = idField ? scalar(idField[1]) : undefined;
  if (idField && baseId === undefined)
    warn(
      jsonFieldSpan(text, idField[0]),
      'bad-id',
      `Expected a string or number for "${idField[0]}", got ${valueKind(idField[1])}: the record's id is its line number, ${lineNo + 1}.`,
    );
  const used = new Set([resp[0], promptField?.[0], truthField, idField?.[0], 'pred', 'score', 'step', ...LOGPROB_FIELDS, ...REF_FIELDS]);
  // Other short scalar fields are kept as metadata headers.
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (used.has(k) || !/^[A-Za-z_][\w.-]*$/.test(k)) continue;
    const s = scalar(v);
    if (s !== undefined) extra[k.toLowerCase()] = s;
  }
  // Where the header values the engine checks (headerValues.ts) stand in the line, for import's report.
  let fieldColumns: Record<string, number> | undefined;
  for (const f of ['tokens', 'truncated', 'finish_reason'])
    if (extra[f] !== undefined) (fieldColumns ??= {})[f] = (jsonFieldSpan(text, f)?.start ?? 0) + shift;
  if (o.step !== undefined && o.step !== null) (fieldColumns ??= {}).step = (jsonFieldSpan(text, 'step')?.start ?? 0) + shift;
  const lpField = pick(o, LOGPROB_FIELDS);
  const refField = pick(o, REF_FIELDS);
  // Where the log-probs stand (the policy's list, else the reference's): import's warning about
  // log-probs it leaves out of the sidecar points there.
  const lpAt = lpField ?? refField;
  if (lpAt) (fieldColumns ??= {}).logprobs = (jsonFieldSpan(text, lpAt[0])?.start ?? 0) + shift;
  const verdictField = flatVerdictField(o, responses.length);
  const harness = harnessFileDefaults(opts.fileName);
  // ZeroEval's and AlpacaEval's result files name the model `generator` and the task `dataset`
  // (presets.ts reads them so; the README): a row's own model and task first.
  const named = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v : undefined);
  const rowModel = extra.model ?? named(extra.generator);
  const rowTask = extra.task ?? named(extra.dataset);
  responses.forEach((r, k) => {
    if (typeof r !== 'string') {
      diagnostics.push({
        line: lineNo,
        column: shift,
        endLine: lineNo,
        endColumn: line.length,
        severity: 'error',
        code: 'bad-response',
        message: `Response ${k + 1} of field "${resp[0]}" is not a string.`,
      });
      return;
    }
    const perResponse = (field: string): string | undefined => {
      const v = o[field];
      return Array.isArray(v) ? scalar(v[k]) : scalar(v);
    };
    let logprobs = lpField ? logprobsFor(lpField[1], k, responses.length) : undefined;
    let refLogprobs = refField ? logprobsFor(refField[1], k, responses.length) : undefined;
    // Malformed log-probs are said at the element that is wrong and not used (both lists): the
    // record is attributed as one without log-probs. They fell back silently, or made the KL
    // -Infinity (1e308), printed as null in JSON.
    if (lpField || refField) {
      let problem: { field: string; message: string; path: number[] } | undefined;
      for (const f of [lpField, refField]) {
        const p = f && logprobProblem(f[0], f[1], k, responses.length);
        if (p && !problem) problem = { field: f[0], ...p };
      }
      if (!problem && logprobs && refLogprobs && logprobs.length !== refLogprobs.length)
        problem = {
          field: refField![0],
          message: `"${lpField![0]}" has ${logprobs.length} entries but "${refField![0]}" ${refLogprobs.length}: expected one log-probability per token in each`,
          path: [],
        };
      if (!problem && logprobs && logprobs.length === 0 && r.length > 0)
        problem = {
          field: lpField![0],
          message: `"${lpField![0]}" is empty but the response is not: expected one log-probability per token`,
          path: [],
        };
      if (!problem && logprobs && extra.tokens !== undefined && tokenCount(extra.tokens) !== logprobs.length)
        problem = {
          field: lpField![0],
          message: `"${lpField![0]}" has ${logprobs.length} entries but "tokens" says ${extra.tokens}: expected one log-probability per token`,
          path: [],
        };
      if (problem) {
        logprobs = undefined;
        refLogprobs = undefined;
        let span = jsonFieldSpan(text, problem.field);
        for (const i of problem.path) span = span && (jsonElementSpan(text, span.start, i) ?? span);
        warn(
          span,
          'bad-logprobs',
          `${responses.length > 1 ? `Response ${k + 1}: ` : ''}${problem.message}; the log-probs of this response are not used (nor written to import's log-prob sidecar): attribution estimates its KL terms (--eps per token), as for a response without them.`,
        );
      }
    }
    const idBase = baseId ?? String(lineNo + 1);
    // As for chat and OpenAI rows (formats/records.ts): a thinking block that never closes, where
    // the record's headers say nothing of how the generation ended, is cut off as calibrate reads
    // it (thinking.ts unclosedThinking: every thinking tag; a finish reason the engine knows says
    // it ended). Said with the reason; the headers stay as the line has them.
    const why = headerCutOff(extra) === undefined ? unclosedThinking(r, extra) : undefined;
    if (why)
      warn(
        jsonFieldSpan(text, resp[0]),
        'unclosed-think',
        `Response${responses.length > 1 ? ` ${k + 1}` : ''} of field "${resp[0]}": ${why}: read as cut off (calibrate leaves it out unless --include-truncated).`,
      );
    records.push({
      id: responses.length > 1 ? `${idBase}.${k + 1}` : idBase,
      headers: {
        query,
        answer,
        // Without a model field the JSONL file names the model, also in the .trace import writes.
        model: rowModel ?? harness?.model ?? (opts.fileName ? modelFromFileName(opts.fileName) : undefined),
        // Rollouts of one prompt form the GRPO group: an explicit group, else the problem's name
        // (task_id) or id (idx/uid), else the prompt itself (verl dumps carry no id), else the line.
        group: extra.group ?? extra.task_id ?? baseId ?? query ?? idBase,
        ...(rowTask !== undefined ? { task: rowTask } : harness ? { task: harness.task } : {}),
        step: perResponse('step'),
        score: perResponse('score'),
        pred: perResponse('pred'),
        source_verdict: verdictField ? perResponse(verdictField) : undefined,
        // The response's length from its log-probs only when they can be used (both lists):
        // one list alone gives no N (docs/design.md section 5), as lists of two lengths do not.
        tokens: logprobs && refLogprobs ? logprobs.length : undefined,
        ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== 'model' && key !== 'group')),
      },
      body: r,
      sourceLine: lineNo,
      logprobs,
      refLogprobs,
      ...(fieldColumns ? { fieldColumns } : {}),
    });
  });
  return { records, diagnostics };
}

/** Every record and diagnostic of a whole JSONL text. */
export function jsonlToRecords(text: string, opts: { fileName?: string } = {}): JsonlLineResult {
  const records: JsonlRecord[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  // Lines end at \n, \r\n or a lone \r, as the editor counts them.
  const lines = text.split(/\r\n?|\n/);
  const ids = new FileIds();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const r = jsonlLineToRecords(line, i, opts);
    records.push(...r.records);
    diagnostics.push(...r.diagnostics, ...ids.number(line, r.records));
  }
  return { records, diagnostics };
}

/**
 * The ids of a JSONL file's records, line by line in file order (duplicateIds.ts): a record whose
 * id an earlier record had is numbered (`<id>.<n>`, the rollouts of one GRPO group), and an id
 * still repeated after that is a warning on the later line, at its id field.
 */
export class FileIds {
  private readonly rollouts = new RolloutIds();
  private readonly duplicates = new DuplicateIds();

  /** Renumbers `records` (one line's, in place) and returns the duplicate-id warnings of the line. */
  number(line: string, records: readonly JsonlRecord[]): TraceDiagnostic[] {
    let out: TraceDiagnostic[] | undefined;
    for (const r of records) {
      if (r.id === undefined) continue;
      r.id = this.rollouts.assign(String(r.id));
      const d = this.duplicates.check(r.id, r.sourceLine, 0, line.length);
      if (!d) continue;
      for (const n of ID_FIELDS) {
        const span = jsonFieldSpan(line, n);
        if (!span || line.startsWith('null', span.start)) continue;
        d.column = span.start;
        d.endColumn = span.end;
        break;
      }
      (out ??= []).push(d);
    }
    return out ?? [];
  }
}

/**
 * A JSONL record as a parsed trace record. Its positions are those it has in the `.trace` file
 * that `import` writes (records in the same order, starting at `startLine`), so a user can find
 * it there; `sourceLine` points back at the JSON line.
 */
export function jsonlRecordToTrace(rec: JsonlRecord, index: number, startLine: number, fileName?: string): TraceRecord {
  const text = formatRecord(rec);
  const parsed = parseRecordText(text, { startLine, index, fileName });
  // A header value the engine cannot read came from a field of the row: point at it there too.
  if (rec.fieldColumns || rec.fieldNames)
    for (const d of parsed.diagnostics) {
      if (d.code !== 'bad-header-value') continue;
      const key = /^([\w.-]+):/.exec(text.split('\n')[d.line - startLine] ?? '')?.[1];
      if (key === undefined) continue;
      const column = rec.fieldColumns?.[key];
      if (column !== undefined) d.sourceColumn = column;
      const line = rec.fieldLines?.[key];
      if (line !== undefined) d.sourceLine = line;
      // Parquet has no text position: the message names the row and the column.
      const name = rec.fieldNames?.[key];
      if (name !== undefined) d.message = `${name}: ${d.message}`;
    }
  parsed.sourceLine = rec.sourceLine;
  if (rec.fieldColumns) parsed.sourceColumns = rec.fieldColumns;
  if (rec.fieldLines) parsed.sourceLines = rec.fieldLines;
  if (rec.fieldNames) parsed.sourceNames = rec.fieldNames;
  if (rec.logprobs) parsed.logprobs = rec.logprobs;
  if (rec.refLogprobs) parsed.refLogprobs = rec.refLogprobs;
  return parsed;
}
