// One source row (a Parquet row, a JSONL line's object, an archive entry's sample) through a field
// mapping into `.trace` records: the text of the prompt and response (strings, chat messages,
// content parts with reasoning), the ground truth reduced to an answer, the source's own verdict
// and whether the response was cut off. A row that cannot give a record yields a diagnostic that
// names the field and what was expected; the row's other records still come out.
import { KNOWN_FINISH_REASONS, stepValue, tokenCount, truncatedValue } from '../headerValues.js';
import { jsonElementSpan, jsonFieldSpan } from '../jsonError.js';
import { truthShapeProblem, valueKind, type JsonlRecord } from '../jsonl.js';
import { headerCutOff, unclosedThinking } from '../thinking.js';
import { normalizeAnswer } from '../answers.js';
import { analyzeQuestion } from '../question.js';
import { queryLine } from '../format.js';
import { solutionReference } from '../referenceAnswer.js';
import type { TraceDiagnostic } from '../types.js';
import { MAPPING_KEYS, type Mapping, type MappingKey } from './mapping.js';
import { evalPath, evalRule, fanoutCount, formatPath, formatRule, hasFanout, topKey, type Path, type Rule } from './path.js';

export interface RowContext {
  mapping: Mapping;
  /** 0-based position of the row: its JSONL line, Parquet row, or sample number in an archive. */
  position: number;
  /** What the position is, for messages where file:line does not say it ("row 13", "entry samples/3_epoch_1.json"); empty for JSONL. */
  where: string;
  /** End column of a diagnostic (a JSONL line's length; 0 elsewhere). */
  width: number;
  /** Model (and task) for rows the mapping gives none: from the file's name or folder. */
  fileModel: string;
  fileTask?: string;
  /**
   * The row's JSON text when it is a JSONL line (without its BOMs; `textShift` their count), to
   * point a bad value (a `truncated` or `step` the engine cannot read) at its field, as for plain rows.
   */
  text?: string;
  textShift?: number;
  /**
   * Without `text`: the row's JSON text and where it starts in the file (0-based line and column),
   * found when a diagnostic needs it: an element of a JSON document, a sample inside a JSONL line.
   */
  locateText?: () => { text: string; line: number; column: number } | undefined;
  /** The id of a row whose mapping gives none (a JSON list's element number, a keyed object's key); default: position + 1. */
  defaultId?: string;
  /**
   * Where a row's options are when the mapping's prompt rule names none: a flat row's `options`,
   * else `choices` (presets.ts flatOptionsKey), read row by row (formats/source.ts RowMapper sets
   * it for the fields mapping when the user did not map the prompt).
   */
  rowOptions?: (row: Record<string, unknown>) => Path | undefined;
  /**
   * The file's top-level columns already said to be ignored (formats/source.ts RowMapper keeps one
   * per file): each is said once per file, at its first row.
   */
  ignoredColumns?: Set<string>;
}

export interface RowResult {
  records: JsonlRecord[];
  diagnostics: TraceDiagnostic[];
}

type Row = Record<string, unknown>;
const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Headers the mapping owns; a source column of the same name is not copied over them. */
const OWNED = new Set([
  'query',
  'answer',
  'model',
  'group',
  'task',
  'step',
  'epoch',
  'tokens',
  'truncated',
  'finish_reason',
  'source_verdict',
]);

/** The mapping key that reads an owned column, and the --map that makes it read this one. */
const OWNED_KEY: Record<string, { key: MappingKey; rule: (column: string) => string }> = {
  query: { key: 'prompt', rule: (c) => c },
  answer: { key: 'answer', rule: (c) => c },
  model: { key: 'model', rule: (c) => c },
  group: { key: 'group', rule: (c) => c },
  task: { key: 'task', rule: (c) => c },
  step: { key: 'step', rule: (c) => c },
  epoch: { key: 'epoch', rule: (c) => c },
  truncated: { key: 'truncated', rule: (c) => c },
  finish_reason: { key: 'truncated', rule: (c) => `'${c} == "length"'` },
  source_verdict: { key: 'verdict', rule: (c) => c },
};

/** A scalar as one header line, or undefined when the value is not one (long or multi-line text). */
function scalar(v: unknown): string | undefined {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string' && v.length <= 200 && !/[\r\n]/.test(v)) return v;
  return undefined;
}

/** Inspect stores long content once per sample, referenced as attachment://HASH. */
function resolveAttachment(text: string, row: Row): string {
  if (!text.startsWith('attachment://') && !text.startsWith('tc://')) return text;
  const key = text.replace(/^(?:attachment|tc):\/\//, '');
  const found = isObject(row.attachments) ? row.attachments[key] : undefined;
  return typeof found === 'string' ? found : text;
}

const roleOf = (m: Row): string => String(m.role ?? m.from ?? '');
// OpenCompass writes a chat prompt as [{role: "HUMAN", prompt: "..."}].
const contentOf = (m: Row): unknown => m.content ?? m.value ?? m.text ?? m.prompt;

/**
 * The text of a value: a string; content parts ({type: "text", text} and {type: "reasoning",
 * reasoning}, written as a <think> block); chat messages (a prompt: the user turns); a message
 * object. Undefined when the value holds no text.
 */
export function textOf(v: unknown, row: Row, role: 'prompt' | 'response' = 'prompt'): string | undefined {
  if (typeof v === 'string') return resolveAttachment(v, row);
  if (Array.isArray(v)) {
    // A list of strings is several texts: a prompt's lines, but never one response (that is what [i] is for).
    if (v.every((x) => typeof x === 'string'))
      return v.length && role === 'prompt' ? v.map((x) => resolveAttachment(x as string, row)).join('\n') : undefined;
    if (v.every(isObject)) {
      const items = v as Row[];
      if (items.some((m) => m.role !== undefined || m.from !== undefined)) {
        const users = items.filter((m) => /^(user|human)$/i.test(roleOf(m)));
        const texts = (users.length ? users : items.filter((m) => !/^(system|developer)$/i.test(roleOf(m))))
          .map((m) => textOf(contentOf(m), row))
          .filter((t): t is string => t !== undefined && t !== '');
        return texts.length ? texts.join('\n') : undefined;
      }
      let thinking = '';
      let text = '';
      let any = false;
      for (const part of items) {
        if (part.type === 'reasoning' && typeof part.reasoning === 'string' && part.redacted !== true) {
          thinking += `${thinking ? '\n' : ''}${resolveAttachment(part.reasoning, row)}`;
          any = true;
        } else if (typeof part.text === 'string') {
          text += `${text ? '\n' : ''}${resolveAttachment(part.text, row)}`;
          any = true;
        }
      }
      if (!any) return undefined;
      return thinking ? `<think>\n${thinking}\n</think>\n\n${text}` : text;
    }
    return undefined;
  }
  if (isObject(v)) return textOf(contentOf(v), row, role);
  return undefined;
}

/**
 * Ground truth as one line: numbers as written, the last \boxed{} of a worked solution, the "#### x"
 * of GSM8K (also a whole reference "# x", as ZeroEval writes it), a worked solution's last line "A: x".
 */
export function answerText(v: unknown): string | undefined {
  if (Array.isArray(v)) v = v.find((x) => x !== null && x !== undefined);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return undefined;
  let s = v.trim();
  if (s === '') return undefined;
  const boxed = s.lastIndexOf('\\boxed{');
  if (boxed >= 0) {
    let depth = 0;
    for (let k = boxed + 6; k < s.length; k++) {
      if (s[k] === '{') depth++;
      else if (s[k] === '}' && --depth === 0) {
        s = s.slice(boxed + 7, k).trim();
        break;
      }
    }
  } else {
    s = solutionReference(s) ?? s;
  }
  const line = s.replace(/\s*\n\s*/g, ' ').trim();
  return line === '' ? undefined : line;
}

/**
 * The source's verdict as correct (true) / wrong (false); null when it says neither (a null,
 * partial credit, an unknown label). Inspect's CORRECT/INCORRECT/NOANSWER are "C"/"I"/"N".
 */
export function verdictOf(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v === 'number') return v >= 1 ? true : v <= 0 ? false : null;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['c', 'correct', 'true', 'yes', '1', '1.0', 'pass', 'passed'].includes(s)) return true;
    if (['i', 'incorrect', 'false', 'no', '0', '0.0', 'n', 'noanswer', 'fail', 'failed', 'wrong'].includes(s)) return false;
  }
  return null;
}

/** The top-level columns a mapping reads (a Parquet reader loads only these and short scalars). */
export function mappedColumns(m: Mapping): Set<string> {
  const out = new Set<string>();
  for (const rule of Object.values(m))
    for (const p of [...(rule?.paths ?? []), ...(rule?.options ? [rule.options] : [])]) {
      const k = topKey(p);
      if (k) out.add(k);
    }
  return out;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The texts and letters of a multiple-choice option list (a list of strings, or ARC's {text, label}), or undefined. */
function optionList(options: unknown): { texts: string[]; letters: string[] } | undefined {
  let texts: unknown = options;
  let labels: unknown;
  if (isObject(options)) {
    texts = options.text;
    labels = options.label;
  }
  // Options that are numbers ([3, 5, 7]; a Parquet INT64 a bigint) are written as they print.
  const optionText = (t: unknown): string | undefined =>
    typeof t === 'string' ? t : (typeof t === 'number' && Number.isFinite(t)) || typeof t === 'bigint' ? String(t) : undefined;
  if (!Array.isArray(texts) || texts.length < 2 || texts.length > LETTERS.length || !texts.every((t) => optionText(t) !== undefined))
    return undefined;
  const own =
    Array.isArray(labels) && labels.length === texts.length && labels.every((l) => typeof l === 'string' && /^[A-Za-z0-9]{1,2}$/.test(l))
      ? (labels as string[])
      : undefined;
  return { texts: texts.map((t) => optionText(t)!), letters: texts.map((_, k) => own?.[k] ?? LETTERS[k]) };
}

/**
 * Why `options` is no list optionList reads, in words, for a warning ("a string (\"A) x B) y\")",
 * "a list of 2 objects", "a list whose element 2 is null", "an empty list"); undefined when it is one.
 */
export function optionsProblem(options: unknown): string | undefined {
  if (optionList(options)) return undefined;
  if (isObject(options) && !('text' in options))
    return `an object without a "text" list (it has ${Object.keys(options).slice(0, 6).join(', ') || 'no keys'})`;
  const texts = isObject(options) ? options.text : options;
  const whose = isObject(options) ? 'an object whose "text" is ' : '';
  const kind = (v: unknown): string =>
    v === null
      ? 'null'
      : Array.isArray(v)
        ? 'a list'
        : isObject(v)
          ? 'an object'
          : typeof v === 'number'
            ? String(v)
            : typeof v === 'boolean'
              ? 'a boolean'
              : typeof v === 'string'
                ? 'a string'
                : typeof v;
  if (typeof texts === 'string') {
    const shown = texts.length > 40 ? `${texts.slice(0, 40)}...` : texts;
    return `${whose}a string (${JSON.stringify(shown)}; one text is not split into options)`;
  }
  if (!Array.isArray(texts)) return `${whose}${texts === undefined ? 'missing' : kind(texts)}`;
  if (texts.length === 0) return `${whose}an empty list`;
  if (texts.length === 1) return `${whose}a list of 1 option`;
  if (texts.length > LETTERS.length) return `${whose}a list of ${texts.length} options (more than ${LETTERS.length}, the letters A to Z)`;
  const bad = texts.findIndex((t) => !(typeof t === 'string' || (typeof t === 'number' && Number.isFinite(t)) || typeof t === 'bigint'));
  if (texts.every(isObject)) return `${whose}a list of ${texts.length} objects`;
  return `${whose}a list whose element ${bad + 1} is ${kind(texts[bad])}`;
}

/** The bad-options warning's text: where the options were read from, and why they are no list (optionsProblem). */
export const badOptionsMessage = (where: string, problem: string): string =>
  `options <- ${where} is ${problem}: expected a list of 2 to ${LETTERS.length} strings or numbers (or {text: [...], label: [...]}); the query is read without them`;

const oneSpaced = (s: string): string => s.replace(/\s+/g, ' ').trim();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the prompt already shows option `text` under its letter: the letter as a label ("A) ",
 * "(A)", "A.", "A:") at the start or after a blank, then the option's own text (blanks as one).
 * A label alone is not enough: a formal-logic key ("A: Marina reads a Percy Jackson book.") or a
 * worked example's options have labels too (stop 39: MMLU-Pro's options were left out of 5 such
 * questions).
 */
function showsOption(flatPrompt: string, letter: string, text: string): boolean {
  const t = oneSpaced(text);
  if (!flatPrompt.includes(t)) return false;
  return new RegExp(`(?:^|\\s)\\(?${escapeRe(letter)}[.):\\uff09]${t ? ` ?${escapeRe(t)}(?=$|[\\s.,;])` : ''}`).test(flatPrompt);
}

/**
 * The prompt with a multiple-choice question's options appended as "A) ..." lines, the form the
 * engine reads options in (question.ts readOptions), so that the letter the model answers ("ANSWER:
 * C") is read as its choice. The options are a list of strings (Inspect's `choices`, lm-eval's
 * `doc.choices`) or {text: [...], label: [...]} (ARC). A prompt that already shows every option
 * (its letter, then its text) is left as it is; options of another shape leave the prompt as it is
 * (the caller warns: bad-options). An option's line breaks are blanks: each option is one line; where
 * an option's text holds a label-like letter, each is written "(A) ...".
 */
export function withOptions(prompt: string, options: unknown): string {
  const list = optionList(options);
  if (!list) return prompt;
  const { texts, letters } = list;
  const flat = oneSpaced(prompt);
  if (texts.every((t, k) => showsOption(flat, letters[k], t))) return prompt;
  // Options whose text holds a label-like letter ("PD (A, I, J)") are written "(A) ...", and the
  // .trace header writes a line break before each label as two blanks (format.ts): the engine tells
  // those labels from the same letter inside an option's text (question.ts readOptionContents, stop 41).
  const spaced = texts.map(oneSpaced);
  const open = spaced.some((t) => labelLikeRe.test(t)) ? '(' : '';
  const lines = spaced.map((t, k) => `${open}${letters[k]}) ${t}`);
  return `${prompt}\n\n${lines.join('\n')}`;
}

// A letter the engine may take as an option's label (a superset of question.ts optionLabelRe).
const labelLikeRe = /(?:^|[\s(\uff08{\uff09])[A-J][ \t]{0,2}[.:)}\uff0e\uff1a\uff09\u3001]/;

/**
 * Where the options of a question written by withOptions are not what the engine reads from it
 * (question.ts: the longest run of labels A, B, C, ..., a later run as long, or any that begins
 * after its last option has ended, winning; letters A to J; a list of at least two contents of
 * their own): what it reads instead and why, for a warning;
 * undefined when it reads the options' letters. The engine is asked only where something could
 * make it differ: a label-like letter in the prompt or an option's text, contents that read alike,
 * more than ten options.
 */
export function optionsMisread(prompt: string, query: string, options: unknown): string | undefined {
  const list = optionList(options);
  if (!list || !list.letters.every((l, k) => l === LETTERS[k])) return undefined;
  const want = list.letters;
  const texts = list.texts.map(oneSpaced);
  const labelInText = texts.findIndex((t) => labelLikeRe.test(t));
  // The engine keeps a list of two or more contents of their own (an option's content: its text up
  // to a \qquad or \textbf, the last one's first 80 characters): two options that differ are enough.
  const content = (k: number): string =>
    normalizeAnswer(texts[k].split(/\\qquad|\\textbf/)[0].slice(0, k === texts.length - 1 ? 80 : undefined));
  const [first, second] = [content(0), content(1)];
  const alike = !first || !second || first === second;
  if (!labelLikeRe.test(prompt) && labelInText < 0 && !alike && want.length <= 10) return undefined;
  // The query as the .trace header writes it (format.ts queryLine: a line break before a label two
  // blanks where a label-like letter is inside a line), the form the engine reads (fx42: a single
  // blank each had the importer warn of a "C)" the engine does not read as a label).
  const lettersOf = (s: string): string[] => [...(analyzeQuestion(queryLine(s)).optionOf?.values() ?? [])].map((l) => l.toUpperCase());
  const read = lettersOf(query);
  if (read.length === want.length && read.every((l, k) => l === want[k])) return undefined;
  const range = (ls: readonly string[]): string => (ls.length === 1 ? ls[0] : `${ls[0]} to ${ls.at(-1)}`);
  const why =
    want.length > 10 && read.length === 10
      ? 'the engine reads options A to J only'
      : labelInText >= 0
        ? `option ${want[labelInText]}'s text holds "${labelLikeRe.exec(texts[labelInText])![0].trim()}", which reads as a label`
        : read.length === 0
          ? 'their texts read as one value once normalized'
          : 'the labels read differently';
  return `the ${want.length} options are written as ${range(want)}, but the query reads as ${read.length ? `options ${range(read)}` : 'no options'} (${why}): ${read.length ? 'a letter the response answers is read against that list' : "a letter the response answers is read without its option's text"}`;
}

/**
 * A reference answer given as the index of its option (lm-eval's MMLU and ARC `target`: 2 for the
 * third option; MixEval's multiple-choice `target`: [2], a list of one) is that option's letter,
 * the form the model answers in; any other value is kept. A digit in a string ("2") is kept: it
 * may be the answer itself.
 */
export function optionTarget(value: unknown, options: unknown): unknown {
  if (Array.isArray(value) && value.length === 1) value = value[0];
  // A Parquet INT64 column is a bigint (galvsk/mmlu-eval's results.parquet `answer`).
  const index = typeof value === 'bigint' && value >= 0n && value < 64n ? Number(value) : value;
  if (typeof index !== 'number' || !Number.isInteger(index)) return value;
  const list = optionList(options);
  // Options that are numbers: a number reference may be one of them as well as an index, and is kept.
  const texts: unknown = isObject(options) ? options.text : options;
  if (Array.isArray(texts) && !texts.every((t) => typeof t === 'string')) return value;
  return list && index >= 0 && index < list.letters.length ? list.letters[index] : value;
}

/** truthShapeProblem (jsonl.ts) over a mapped value, whose lists may hold Parquet's bigints and booleans. */
const answerShapeProblem = (v: unknown): string | undefined =>
  truthShapeProblem(Array.isArray(v) ? v.map((x) => (typeof x === 'bigint' || typeof x === 'boolean' ? String(x) : x)) : v);

/** The parts of a record read from other paths than the response's, which an `[i]` makes per record. */
interface RecordFields {
  query?: string;
  answer?: string;
  baseId?: string;
  epoch?: string;
  sampleId: string;
  model?: string;
  task?: string;
  step?: string;
  group?: string;
}
const PER_RECORD_KEYS: readonly MappingKey[] = ['prompt', 'answer', 'id', 'epoch', 'model', 'task', 'step', 'group'];

/** Whether any path of the rule (its options included) has `[i]`. */
const ruleFans = (rule: Rule): boolean => rule.paths.some(hasFanout) || (rule.options !== undefined && hasFanout(rule.options));

/** Whether any path of the rule has a value in the row (null counts: the field is there), for any `[i]` among the first 16. */
export function ruleMatches(row: Row, rule: Rule): boolean {
  return [...rule.paths, ...(rule.options ? [rule.options] : [])].some((p) => {
    if (!hasFanout(p)) return evalPath(row, p) !== undefined;
    const n = listLength(row, p) ?? 0;
    for (let k = 0; k < Math.min(n, 16); k++) if (evalPath(row, p, k) !== undefined) return true;
    return false;
  });
}

/** "record 3" or "records 3-5". */
const span = (what: string, from: number, to: number): string => (from === to ? `${what} ${from}` : `${what}s ${from}-${to}`);

/** The length of the list a path's `[i]` runs over, when the path has one and the list is there. */
function listLength(row: Row, path: Path): number | undefined {
  const at = path.findIndex((s) => s.kind === 'fanout');
  if (at < 0) return undefined;
  const list = evalPath(row, path.slice(0, at));
  return Array.isArray(list) ? list.length : undefined;
}

const describePath = (p: Path, k: number): string => formatPath(p).replace('[i]', `[${k}]`);

/**
 * Where a path leaves the row, when it does before its end: "choices[0] has no "message" (it has
 * index, turns)" (a `--format openai` on rows of another shape); undefined when the value is there
 * and null.
 */
export function missingAt(row: Row, path: Path, k: number): string | undefined {
  for (let n = 0; n < path.length; n++) {
    const s = path[n];
    if (s.kind !== 'key') continue;
    const parent = n === 0 ? row : evalPath(row, path.slice(0, n), k);
    if (!isObject(parent) || s.key in parent) continue;
    const keys = Object.keys(parent).slice(0, 12).join(', ');
    return `${n === 0 ? 'the row' : describePath(path.slice(0, n), k)} has no ${JSON.stringify(s.key)}${keys ? ` (it has ${keys})` : ''}`;
  }
  return undefined;
}

/**
 * Where the value at `path` (element k at a fanout) stands in a row's JSON `text`: the deepest
 * span found along the path (a filter or a negative index ends the walk at the span above it);
 * undefined when not even the top-level field is found.
 */
function pathSpan(text: string, path: Path, k: number): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  let base = 0;
  let sub = text;
  for (const s of path) {
    const head = sub.trimStart();
    let next: { start: number; end: number } | undefined;
    if (s.kind === 'key' && head.startsWith('{')) next = jsonFieldSpan(sub, s.key);
    else if ((s.kind === 'fanout' || (s.kind === 'index' && s.index >= 0)) && head.startsWith('['))
      next = jsonElementSpan(sub, sub.length - head.length, s.kind === 'index' ? s.index : k);
    if (!next) break;
    found = { start: base + next.start, end: base + next.end };
    base = found.start;
    sub = text.slice(found.start, found.end);
  }
  return found;
}

export function mapRow(row: Row, ctx: RowContext): RowResult {
  const { mapping: m } = ctx;
  const records: JsonlRecord[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  const at = ctx.where ? `${ctx.where}: ` : '';
  // The row's JSON text and where it starts (found once, when a diagnostic needs it), and where
  // an offset of it stands in the file (a JSON document's element spans lines).
  let source: { text: string; line: number; column: number } | undefined | null = null;
  const rowSource = (): { text: string; line: number; column: number } | undefined =>
    source === null
      ? (source = ctx.text !== undefined ? { text: ctx.text, line: ctx.position, column: ctx.textShift ?? 0 } : ctx.locateText?.())
      : source;
  /** Where a field's value stands in the row's text, undefined without text (Parquet, .eval) or when it is not there. */
  const fieldAt = (path: Path, k = 0): { line: number; column: number } | undefined => {
    const src = rowSource();
    const span = src ? pathSpan(src.text, path, k) : undefined;
    if (!src || !span) return undefined;
    const before = src.text.slice(0, span.start);
    const lastBreak = before.lastIndexOf('\n');
    if (lastBreak < 0) return { line: src.line, column: src.column + span.start };
    return { line: src.line + before.split('\n').length - 1, column: span.start - lastBreak - 1 };
  };
  const report = (severity: 'error' | 'warning', code: string, message: string, pos?: { line: number; column: number }): void => {
    const line = pos?.line ?? ctx.position;
    const column = pos?.column ?? 0;
    diagnostics.push({
      line,
      column,
      endLine: line,
      endColumn: line === ctx.position ? Math.max(ctx.width, column + 1) : column + 1,
      severity,
      code,
      message: `${at}${message}`,
    });
  };
  // `where` without [i] filters the row; with [i] it filters the row's elements (below).
  const whereFans = m.where !== undefined && ruleFans(m.where);
  if (m.where && !whereFans) {
    const keep = evalRule(row, m.where);
    if (keep?.value !== true) return { records, diagnostics };
  }
  const get = (key: MappingKey, k = 0): { path: Path; value: unknown } | undefined => (m[key] ? evalRule(row, m[key]!, k) : undefined);

  // How many responses: the first response path whose list (or value) is there.
  let count: number | undefined;
  let responsePath: Path | undefined;
  for (const p of m.response.paths) {
    count = fanoutCount(row, p);
    if (count !== undefined) {
      responsePath = p;
      break;
    }
  }
  if (count === undefined || !responsePath) {
    const error = isObject(row.error) && typeof row.error.message === 'string' ? ` (the row's error: ${row.error.message})` : '';
    const missing = m.response.paths.length === 1 ? missingAt(row, m.response.paths[0], 0) : undefined;
    report('error', 'no-response', `no response: expected text at ${formatRule(m.response)}${missing ? ` (${missing})` : ''}${error}`);
    return { records, diagnostics };
  }
  if (count === 0) {
    report(
      'error',
      'no-response',
      `no response: ${describePath(
        responsePath.slice(
          0,
          responsePath.findIndex((s) => s.kind === 'fanout'),
        ),
        0,
      )} is an empty list`,
    );
    return { records, diagnostics };
  }

  // `[i]` in any other path is the response's index: element k of each list goes with response k.
  // A list of another length pairs what it can (a shorter one leaves the later records without
  // that field), and says so once for the row.
  const responseFans = hasFanout(responsePath);
  if (responseFans)
    for (const key of MAPPING_KEYS) {
      const rule = m[key];
      if (!rule || key === 'response') continue;
      for (const p of [...rule.paths, ...(rule.options ? [rule.options] : [])]) {
        const n = listLength(row, p);
        if (n === undefined || n === count) continue;
        const list = (q: Path): string =>
          formatPath(
            q.slice(
              0,
              q.findIndex((s) => s.kind === 'fanout'),
            ),
          );
        report(
          'warning',
          'fanout-length',
          `${key} <- ${formatPath(p)}: ${list(p)} has ${n} element${n === 1 ? '' : 's'} but the response's ${list(responsePath)} has ${count}; [i] is the same index in every path, so ${
            n < count
              ? `${span('record', n + 1, count)} of the row ${n + 1 === count ? 'has' : 'have'} no ${key}`
              : `${span('element', count + 1, n)} of ${list(p)} ${count + 1 === n ? 'is' : 'are'} not read`
          }`,
        );
      }
    }

  /** The fields of record k that are not the response: computed once when their rules have no [i]. */
  const fieldsOf = (k: number): RecordFields => {
    const promptRule = get('prompt', k);
    const prompt = promptRule ? textOf(promptRule.value, row)?.trim() : undefined;
    // A value that is no text (an object, numbers, chat turns without text) is said, not dropped silently.
    if (promptRule && prompt === undefined)
      report(
        'warning',
        'bad-prompt',
        `prompt <- ${formatPath(promptRule.path)} is ${typeof promptRule.value === 'string' ? 'a string' : valueKind(promptRule.value)}: expected text (a string, a list of strings, or chat turns {role, content|value|text|prompt}, the user turns joined); the record is read without a query`,
        fieldAt(promptRule.path, k),
      );
    // The rule's options field; a flat row whose prompt the user did not map: the row's own
    // `options`, else `choices`, where the first row, which set the mapping, may have had none or the other.
    const optionsPath = prompt === undefined ? undefined : ctx.rowOptions ? ctx.rowOptions(row) : m.prompt?.options;
    const options = optionsPath ? evalPath(row, optionsPath, k) : undefined;
    const problem = options !== undefined && options !== null ? optionsProblem(options) : undefined;
    if (problem) report('warning', 'bad-options', badOptionsMessage(describePath(optionsPath!, k), problem), fieldAt(optionsPath!, k));
    const query = prompt !== undefined && options !== undefined ? withOptions(prompt, options) : prompt;
    // Options written (or already shown) that the engine would read as another list are said (stop 39).
    const misread = query !== undefined && options !== undefined ? optionsMisread(prompt!, query, options) : undefined;
    if (misread) report('warning', 'options-misread', `options <- ${describePath(optionsPath!, k)}: ${misread}`, fieldAt(optionsPath!, k));
    const answerRule = get('answer', k);
    const answerValue = answerRule ? optionTarget(answerRule.value, options) : undefined;
    // As a flat JSONL line's (jsonl.ts bad-answer): an object, or a list of different values
    // (["A", "B"] was read as "A"), is no ground truth; a list repeating one value is that value.
    const answerProblem = answerValue !== undefined ? answerShapeProblem(answerValue) : undefined;
    if (answerProblem)
      report(
        'warning',
        'bad-answer',
        `answer <- ${formatPath(answerRule!.path)} is ${answerProblem}: expected a string or number; the record is read without this ground truth (store the answer as one string)`,
        fieldAt(answerRule!.path, k),
      );
    const answer = answerValue !== undefined && !answerProblem ? answerText(answerValue) : undefined;
    const idValue = get('id', k);
    const baseId = idValue ? scalar(idValue.value) : undefined;
    if (idValue && baseId === undefined && idValue.value !== null)
      report(
        'warning',
        'bad-id',
        `id <- ${formatPath(idValue.path)} is ${valueKind(idValue.value)}: expected a string or number; the record's id is ${ctx.defaultId !== undefined ? `the row's, ${ctx.defaultId}` : `its row number, ${ctx.position + 1}`}`,
        fieldAt(idValue.path, k),
      );
    const epoch = get('epoch', k) ? scalar(get('epoch', k)!.value) : undefined;
    const sampleId = `${baseId ?? ctx.defaultId ?? String(ctx.position + 1)}${epoch !== undefined ? `_epoch_${epoch}` : ''}`;
    const model = get('model', k) ? scalar(get('model', k)!.value) : undefined;
    const task = get('task', k) ? scalar(get('task', k)!.value) : ctx.fileTask;
    const step = get('step', k) ? scalar(get('step', k)!.value) : undefined;
    const group = get('group', k) ? scalar(get('group', k)!.value) : undefined;
    return { query, answer, baseId, epoch, sampleId, model, task, step, group };
  };
  const perRecord = responseFans && PER_RECORD_KEYS.some((key) => m[key] !== undefined && ruleFans(m[key]!));
  // An id read per element ("outputs[i].id") names its record; a row's id is numbered .1, .2, ...
  const idPerRecord = responseFans && m.id !== undefined && ruleFans(m.id);
  const rowFields = perRecord ? undefined : fieldsOf(0);

  // Other short top-level columns ride along as headers (source, problem_type, filter, ...).
  const used = mappedColumns(m);
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) {
    if (used.has(k) || !/^[A-Za-z_][\w.-]*$/.test(k) || OWNED.has(k.toLowerCase()) || k === 'attachments') continue;
    const s = scalar(v);
    if (s !== undefined) extra[k.toLowerCase()] = s;
  }

  // Top-level columns the records' headers would take that the mapping does not read: a `tokens`
  // column is the response's length (one value for a row of one response, or a list with one per
  // response), checked as the `tokens:` header is; any other is said, once per file, with the
  // --map that reads it (they were dropped silently).
  const columnAt = (key: string): { line: number; column: number } | undefined => fieldAt([{ kind: 'key', key }]);
  const ignored = (key: string, why: string): void => {
    if (ctx.ignoredColumns?.has(key)) return;
    ctx.ignoredColumns?.add(key);
    report('warning', 'ignored-column', `column "${key}" is not read: ${why}`, columnAt(key));
  };
  let tokensOf: ((k: number) => string | undefined) | undefined;
  let tokensColumn = 'tokens';
  for (const [k, v] of Object.entries(row)) {
    const owned = k.toLowerCase();
    if (used.has(k) || !OWNED.has(owned) || v === null || v === undefined) continue;
    if (owned === 'tokens') {
      const one = scalar(v);
      tokensColumn = k;
      if (one !== undefined && count === 1) tokensOf = () => one;
      else if (Array.isArray(v) && v.length === count && v.every((x) => x === null || scalar(x) !== undefined))
        tokensOf = (i) => (v[i] === null ? undefined : scalar(v[i]));
      else
        ignored(
          k,
          one !== undefined
            ? `one value for the ${count} responses of the row: expected a list of ${count} token counts, one per response`
            : Array.isArray(v) && v.length !== count
              ? `a list of ${v.length} value${v.length === 1 ? '' : 's'} for ${count} response${count === 1 ? '' : 's'}: expected the response's length in tokens${count > 1 ? `, one per response` : ''}`
              : `it is ${valueKind(v)}: expected the response's length in tokens, a whole number`,
        );
      continue;
    }
    // Long text, lists and objects are never headers (as any other column's); a short value would
    // have been one, were the header not the mapping's.
    const target = OWNED_KEY[owned];
    if (!target || scalar(v) === undefined) continue;
    const rule = m[target.key];
    ignored(
      k,
      `${rule ? `the mapping reads ${target.key} <- ${formatRule(rule)}` : `the mapping has no ${target.key}`} (--map ${target.key}=${target.rule(k)} reads this column)`,
    );
  }

  // A verdict without [i] is the row's (lm-eval's metric of a majority vote, say): it judges no
  // single response when there are several, so it is kept only for a row of one response.
  const rowVerdict = m.verdict !== undefined && !m.verdict.paths.some(hasFanout);
  const rowTokens = m.tokens !== undefined && !ruleFans(m.tokens);
  for (let k = 0; k < count; k++) {
    if (whereFans && evalRule(row, m.where!, k)?.value !== true) continue;
    const { query, answer, baseId, epoch, sampleId, model, task, step, group } = rowFields ?? fieldsOf(k);
    const raw = evalRule(row, { paths: [responsePath] }, k);
    const label = describePath(responsePath, k);
    const reasoning = get('reasoning', k);
    const thinking = reasoning ? textOf(reasoning.value, row, 'response')?.trim() : undefined;
    let body: string | undefined;
    if (raw === undefined) {
      // Cut off while reasoning, a chat completion has reasoning_content and no content yet.
      if (!thinking) {
        report('error', 'no-response', `${missingAt(row, responsePath, k) ?? `${label} is null`}: expected the response text`);
        continue;
      }
      body = `<think>\n${thinking}\n`;
    } else {
      body = textOf(raw.value, row, 'response');
      if (body === undefined) {
        const kind = Array.isArray(raw.value) ? 'a list' : typeof raw.value === 'object' ? 'an object' : valueKind(raw.value);
        report(
          'error',
          'bad-response',
          `${label} is ${kind}, not text: expected a string (or content parts with text); --map response=PATH names another field`,
          fieldAt(raw.path, k),
        );
        continue;
      }
      if (thinking && !body.includes('<think>')) body = `<think>\n${thinking}\n</think>\n\n${body}`;
    }
    if (body.trim() === '') {
      report('error', 'empty-response', `${label} is empty: nothing to segment`, raw ? fieldAt(raw.path, k) : undefined);
      continue;
    }

    const verdictRule = m.verdict && !(rowVerdict && count > 1) ? evalRule(row, m.verdict, k) : undefined;
    const sourceVerdict = m.verdict ? (verdictRule ? verdictOf(verdictRule.value) : null) : undefined;
    const trunc = m.truncated ? evalRule(row, m.truncated, k) : undefined;
    // A value that says neither true nor false ("maybe", 0.5) is written as the source has it, and the
    // record's header check reports it (headerValues.ts): it was read as false.
    const said = trunc ? (trunc.value === true ? true : verdictOf(trunc.value)) : undefined;
    let truncated: boolean | string | undefined = said === null ? scalar(trunc!.value) : said;
    // Where a value the engine cannot read stands in a JSONL line (plain rows have it from jsonl.ts).
    // Found in the row's text: the field's line and column (a JSONL line, a JSON document's
    // element); without text (Parquet, .eval), the row and the field's name go into the message.
    let fieldColumns: Record<string, number> | undefined;
    let fieldLines: Record<string, number> | undefined;
    let fieldNames: Record<string, string> | undefined;
    const locate = (header: string, path: Path): void => {
      const at = fieldAt(path, k);
      if (at) {
        (fieldColumns ??= {})[header] = at.column;
        if (at.line !== ctx.position) (fieldLines ??= {})[header] = at.line;
      } else
        (fieldNames ??= {})[header] =
          `${ctx.where ? `${ctx.where}, ` : ''}${ctx.where.startsWith('row ') ? 'column' : 'field'} ${formatPath(path)}`;
    };
    const columnOf = (path: Path): { line: number; column: number } | undefined => fieldAt(path, k);
    // The response's length: a --map tokens=... (evalscope's model_output.usage.output_tokens; one
    // without [i] is the row's, kept only for a row of one response), else a `tokens` column.
    const tokensRule = m.tokens && !(rowTokens && count > 1) ? evalRule(row, m.tokens, k) : undefined;
    const tokens = tokensRule ? scalar(tokensRule.value) : tokensOf?.(k);
    if (tokensRule && tokens === undefined)
      report(
        'warning',
        'bad-tokens',
        `tokens <- ${formatPath(tokensRule.path)} is ${valueKind(tokensRule.value)}: expected the response's length in tokens, a whole number; not used`,
        columnOf(tokensRule.path),
      );
    if (tokens !== undefined && !tokenCount(tokens)) locate('tokens', tokensRule ? tokensRule.path : [{ kind: 'key', key: tokensColumn }]);
    if (said === null && truncated === undefined && trunc!.value !== null)
      report(
        'warning',
        'bad-truncated',
        `truncated <- ${formatPath(trunc!.path)} is ${valueKind(trunc!.value)}: expected true or false; not used`,
        columnOf(trunc!.path),
      );
    else if (trunc && truncated !== undefined && truncatedValue(String(truncated)) === undefined) locate('truncated', trunc.path);
    if (step !== undefined && stepValue(step) === undefined) {
      const stepRule = get('step', k);
      if (stepRule) locate('step', stepRule.path);
    }
    // The reason as the source wrote it (finish_reason: length), when the rule compared one.
    const finishReason = trunc && m.truncated?.equals ? scalar(evalRule(row, { paths: [trunc.path] }, k)?.value) : undefined;
    // One import warns about (an unknown reason): where it stands in a JSONL line.
    if (finishReason !== undefined && !KNOWN_FINISH_REASONS.test(finishReason)) locate('finish_reason', trunc!.path);
    // The engine reads a finish reason of "length" as cut off whatever the comparison said
    // (thinking.ts headerCutOff): the headers say the same (Inspect's "length" beside truncated: false).
    if (truncated === false && finishReason !== undefined && /^length$/i.test(finishReason)) truncated = true;
    // A thinking block that never closes, where nothing says how the response ended, is cut off as
    // calibrate and the no-answer finding read it (thinking.ts unclosedThinking: every thinking
    // tag; a finish reason the engine knows says it ended); said here with the reason, the
    // record's headers left as the source has them.
    if (headerCutOff({ truncated: truncated === undefined ? undefined : String(truncated), finish_reason: finishReason }) === undefined) {
      const why = unclosedThinking(body, { finish_reason: finishReason });
      if (why)
        report('warning', 'unclosed-think', `${label}: ${why}: read as cut off (calibrate leaves it out unless --include-truncated)`);
    }
    const id = count > 1 && !(idPerRecord && baseId !== undefined) ? `${sampleId}.${k + 1}` : sampleId;
    records.push({
      id,
      headers: {
        query,
        answer,
        model: model ?? ctx.fileModel,
        // Responses of one prompt form the GRPO group: explicit, else the sample id, else the prompt.
        group: group ?? (baseId !== undefined ? baseId : (query ?? sampleId)),
        task,
        step,
        epoch,
        source_verdict: sourceVerdict === undefined ? undefined : sourceVerdict === null ? 'none' : String(sourceVerdict),
        truncated: truncated === undefined ? undefined : String(truncated),
        finish_reason: finishReason,
        tokens,
        ...extra,
      },
      body,
      sourceLine: ctx.position,
      ...(fieldColumns ? { fieldColumns } : {}),
      ...(fieldLines ? { fieldLines } : {}),
      ...(fieldNames ? { fieldNames } : {}),
    });
  }
  return { records, diagnostics };
}
