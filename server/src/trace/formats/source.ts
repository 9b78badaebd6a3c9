// Every non-`.trace` input as `.trace` record inputs: JSONL lines (jsonl.ts's per-line detection for
// verl dumps and evaluation outputs, else a preset mapping), Parquet datasets, Inspect `.eval`
// archives and JSON documents. The mapping is resolved from the first row (or given: --format,
// --map), reported once through `onMapping`, and then applied to every row. Each container is
// streamed (row groups, archive entries, array elements), and every malformed row or entry becomes
// a diagnostic while the others keep working.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import {
  harnessFileDefaults,
  jsonlLineToRecords,
  listKeys,
  PROMPT_FIELDS,
  RESPONSE_FIELDS,
  TRUTH_FIELDS,
  type JsonlLineResult,
  type JsonlRecord,
} from '../jsonl.js';
import { extraBomMessage, leadingBoms, modelFromFileName } from '../parse.js';
import {
  jsonElementSpan,
  jsonElementSpans,
  jsonErrorOffset,
  jsonFieldSpan,
  nonFiniteDiagnostic,
  parseWithNonFinite,
  positionIn,
  positionsIn,
} from '../jsonError.js';
import type { TraceDiagnostic } from '../types.js';
import { jsonDocumentElements, isJsonDocument, type JsonDocumentScan } from './jsonDocument.js';
import { applyOverrides, checkFanout, describeMapping, MappingError, parseMapOverrides, type Mapping, type MappingKey } from './mapping.js';
import { fanoutCount, formatPath, formatRule, parsePath, parseRule, ROW_FILE, sameField, topKey, type Path, type Rule } from './path.js';
import {
  detectPreset,
  flatMapping,
  flatOptionsKey,
  rowOptionsKey,
  isFlatRollout,
  presetByName,
  presetMapping,
  isLlamaStackResult,
  PRESET_NAMES,
  rowsOf,
  withEval,
  type PresetName,
  type Row,
} from './presets.js';
import {
  badOptionsMessage,
  mapRow,
  mappedColumns,
  missingAt,
  optionsMisread,
  optionsProblem,
  optionTarget,
  ruleMatches,
  withOptions,
  type RowResult,
} from './records.js';

/** What the user chose (plain data: it travels to worker threads). */
export interface SourceOptions {
  /** A preset instead of detection. */
  format?: PresetName;
  /** `key=path,...` overrides of the mapping (mapping.ts). */
  map?: string;
}

export type Container = 'jsonl' | 'json' | 'parquet' | 'eval';

export interface ResolvedSource {
  /** The preset, or `fields` (jsonl.ts's field names as a mapping). */
  format: PresetName | 'fields';
  container: Container;
  mapping: Mapping;
  /** `openr1 (parquet): prompt <- problem, response <- generations[i], ...`: what is printed. */
  description: string;
  /** What the default leaves out and how to change it (printed after the mapping). */
  note?: string;
}

export interface ContainerOptions extends SourceOptions {
  /** The name the file's records take their model from (default: the path). */
  fileName?: string;
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  onDiagnostic?: (d: TraceDiagnostic) => void;
  onMapping?: (resolved: ResolvedSource) => void;
  /**
   * After a whole file whose mapping was printed (onMapping) and whose rows' options are read row by
   * row: where each row's options came from, when that is not the one field the mapping named
   * (stop 41: the mapping is the first row's; later rows may have `choices`, or none).
   */
  onMappingNote?: (note: string) => void;
  /** Parquet: the row groups [from, to) to read, so workers can share a file. */
  rowGroups?: [number, number];
  /** A JSON document or Parquet file already read (from a pipe, bounded: stream.ts PIPED_JSON_MAX_BYTES, PIPED_PARQUET_MAX_BYTES), read instead of `path`. */
  bytes?: Buffer;
}

const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The container a path is read as, from its extension (and, for `.json`, its first line); a
 * regular file whose name says none of these (`results.bin`, `data`) by its magic bytes: Parquet
 * ("PAR1") or an Inspect archive (a ZIP) (stop 40); undefined: `.trace` or JSONL.
 */
export async function containerOf(path: string): Promise<Exclude<Container, 'jsonl'> | undefined> {
  if (/\.parquet$/i.test(path)) return 'parquet';
  if (/\.eval$/i.test(path)) return 'eval';
  if (/\.json$/i.test(path) && (await stat(path)).isFile() && (await isJsonDocument(path))) return 'json';
  if (!/\.(?:trace|jsonl?)$/i.test(path)) return containerByMagic(await firstBytes(path));
  return undefined;
}

/** Parquet's magic bytes, at a Parquet file's start and end. */
export const PARQUET_MAGIC = 'PAR1';

/** A Parquet file ("PAR1") or a ZIP archive, an Inspect `.eval` log ("PK\3\4"), by its first bytes; undefined otherwise. */
export function containerByMagic(bytes: Buffer | undefined): 'parquet' | 'eval' | undefined {
  if (bytes === undefined || bytes.length < 4) return undefined;
  const magic = bytes.subarray(0, 4).toString('latin1');
  return magic === PARQUET_MAGIC ? 'parquet' : magic === 'PK\u0003\u0004' ? 'eval' : undefined;
}

/** The first 4 bytes of a regular file (a pipe is never read here: it could not be read again). */
async function firstBytes(path: string): Promise<Buffer | undefined> {
  let fh: FileHandle | undefined;
  try {
    if (!(await stat(path)).isFile()) return undefined;
    fh = await open(path, 'r');
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}

/**
 * lm-eval writes samples_<task>_<date>.jsonl into a folder named after the model; other files
 * name their model themselves (the file's base name).
 */
const LM_EVAL_FILE = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T[\d.-]+)\.jsonl?$/;

function fileDefaults(
  format: PresetName | 'fields',
  path: string,
  fileName: string,
): { model: string; modelNote: string; task?: string; taskNote?: string } {
  const m = LM_EVAL_FILE.exec(basename(path));
  if (format === 'lm-eval' && m) {
    const folder = basename(dirname(path));
    const model = folder && folder !== '.' && folder !== '/' ? folder : 'unknown';
    return { model, modelNote: `folder name ${JSON.stringify(model)}`, task: m[1], taskNote: `file name ${JSON.stringify(m[1])}` };
  }
  const harness = harnessFileDefaults(fileName);
  if (harness) return { model: harness.model, modelNote: harness.modelNote, task: harness.task, taskNote: harness.taskNote };
  const base = basename(fileName).replace(/\.(trace|jsonl|json|parquet|eval)$/i, '') || 'unknown';
  return { model: base, modelNote: `file name ${JSON.stringify(base)}` };
}

export { listKeys };

/** The model a file's records take when neither its rows nor the mapping name one (fileDefaults, without the format). */
export function defaultModelOf(path: string): string {
  // A .trace file's records without a model header take its name (parse.ts), whatever its folders.
  if (/\.trace$/i.test(path)) return modelFromFileName(path);
  return fileDefaults(LM_EVAL_FILE.test(basename(path)) ? 'lm-eval' : 'fields', path, path).model;
}

/**
 * Files in different folders whose records would take the same model from their names (two
 * models' `gsm8k.jsonl`, evalscope's `<model>/reviews/gsm8k_main.jsonl` copied out of its layout):
 * calibrate pools them into one row. One warning per such name that a calibrated group has,
 * naming the first two files, at the second. `named`: files whose mapping reads the model from
 * the rows (not counted).
 */
export function pooledModelWarnings(
  files: readonly string[],
  named: ReadonlySet<string>,
  groupModels: ReadonlySet<string>,
): { file: string; line: number; column: number; code: string; message: string }[] {
  const byModel = new Map<string, string[]>();
  for (const f of files) {
    if (named.has(f) || f === '-') continue;
    const model = defaultModelOf(f);
    const list = byModel.get(model) ?? [];
    if (!list.some((g) => dirname(resolve(g)) === dirname(resolve(f)))) list.push(f);
    byModel.set(model, list);
  }
  const out: { file: string; line: number; column: number; code: string; message: string }[] = [];
  for (const [model, list] of byModel) {
    if (list.length < 2 || !groupModels.has(model)) continue;
    const more = list.length > 2 ? ` and ${list.length - 2} more` : '';
    out.push({
      file: list[1],
      line: 1,
      column: 1,
      code: 'pooled-model',
      message: `model ${JSON.stringify(model)} comes from the file name of both ${list[0]} and ${list[1]}${more}, in different folders: records of each that name no model are pooled into one row; name the model with --map model=@folder (the file's folder), model=@path[-3] (the one above), or a "model:" header`,
    });
  }
  return out;
}

/** A path's parts as @path[N] reads them: its folders (of the absolute path), then the file's name without its extension. */
export function filePathParts(path: string): string[] {
  const parts = resolve(path)
    .split(/[\\/]+/)
    .filter((p) => p !== '');
  const name = parts.pop() ?? '';
  return [...parts, name.replace(/\.(?:trace|jsonl|json|parquet|eval)$/i, '') || name];
}

/** Whether the user's --map reads a llama-stack-evals result from its top (`response=result_data[i].generation`, as before fx42): then the file is one row, as before. */
function mapsResultData(map: string | undefined): boolean {
  if (!map) return false;
  try {
    return Object.values(parseMapOverrides(map)).some((r) => r?.paths.some((p) => topKey(p) === 'result_data'));
  } catch {
    return false;
  }
}

/** The mapping for a file, from its first row and the user's choices; a MappingError says why there is none. */
export function resolveSource(row: Row, container: Container, opts: SourceOptions): ResolvedSource {
  const format: PresetName | 'fields' = opts.format ?? detectPreset(row) ?? 'fields';
  const base = format === 'fields' ? flatMapping(row) : presetMapping(format, row);
  const overrides = opts.map ? parseMapOverrides(opts.map) : {};
  if (format === 'fields' && !base.rules.response && !overrides.response) {
    const columns = listKeys(Object.keys(row));
    throw new MappingError(
      `cannot tell the format: the first row has ${columns || 'no fields'}; expected one of --format ${PRESET_NAMES.join('|')}, or --map response=PATH`,
    );
  }
  const mapping = applyOverrides(base.rules, overrides);
  checkFanout(mapping);
  apartFromResponse(mapping, overrides, format === 'fields' ? row : undefined);
  return { format, container, mapping, description: `${format} (${container}): ${describeMapping(mapping)}`, note: base.note };
}

// The names rows give their fields (and a request/response pair its parts): a top-level member of
// one of these names is a field of one row, never the first row of an object keyed by id.
const FIELD_NAMES = new Set([
  ...PROMPT_FIELDS,
  ...RESPONSE_FIELDS,
  ...TRUTH_FIELDS,
  'request',
  'body',
  'doc',
  'eval',
  'metadata',
  'messages',
  'choices',
  'usage',
  'results',
]);

/**
 * Whether a top-level object's first member is the first row of an object keyed by id (MathVista's
 * output {"1": {...}, "2": {...}}, OpenCompass's predictions): its value is a row the mapping can
 * read (a preset's schema, a flat rollout, or a value at the user's response path), under a key that
 * is no field name.
 */
function isKeyedRow(key: string, value: Row, opts: SourceOptions): boolean {
  if (FIELD_NAMES.has(key)) return false;
  let response: Rule | undefined;
  try {
    response = opts.map ? parseMapOverrides(opts.map).response : undefined;
  } catch {
    return false;
  }
  if (response) return response.paths.some((p) => fanoutCount(value, p) !== undefined);
  return opts.format !== undefined ? presetByName(opts.format).matches(value) : detectPreset(value) !== undefined || isFlatRollout(value);
}

/**
 * The prompt and the answer are never the response's field: a detected one is dropped (a flat row's
 * next field of that kind is taken instead: Reflexion's `--map response=solution` left the answer
 * at `solution`, every response its own reference); one the user gave is a MappingError.
 */
function apartFromResponse(mapping: Mapping, overrides: Partial<Record<MappingKey, Rule>>, flatRow: Row | undefined): void {
  const clash = (rule: Rule): Path | undefined => rule.paths.find((p) => mapping.response.paths.some((r) => sameField(p, r)));
  for (const [key, fields] of [
    ['prompt', PROMPT_FIELDS],
    ['answer', TRUTH_FIELDS],
  ] as const) {
    const rule = mapping[key];
    const same = rule && clash(rule);
    if (!same) continue;
    if (overrides[key])
      throw new MappingError(
        `--map ${key}=${formatRule(rule)} reads the response's field ${formatPath(same)}: the ${key} must be another field`,
      );
    delete mapping[key];
    const other = flatRow && fields.find((f) => flatRow[f] !== undefined && !clash(parseRule(JSON.stringify(f))));
    if (other) mapping[key] = parseRule(JSON.stringify(other));
  }
}

/**
 * Where each row's multiple-choice options came from (their field, or none), counted over a file,
 * with the first few rows of each: the printed mapping names the first row's only (stop 41).
 */
export class OptionsTally {
  private readonly sources = new Map<string, { rows: number; first: string[] }>();
  // What a row is called, from the first one's position ("element 3", "sample 2", "line 4", "row 5").
  private unit: string | undefined;

  add(field: string | undefined, where: string): void {
    const key = field ?? '';
    this.unit ??= /^(\S+) \d/.exec(where)?.[1];
    let s = this.sources.get(key);
    if (!s) this.sources.set(key, (s = { rows: 0, first: [] }));
    s.rows++;
    if (s.first.length < 3) s.first.push(where);
  }

  /**
   * "options row by row (the mapping line names the first row's): options on 3 elements, none on 2
   * elements (element 2, element 5), choices on 1 element (element 4)";
   * undefined when every row's options came from `named`, the field the printed mapping names.
   */
  note(named: string | undefined, fallbackUnit: string): string | undefined {
    const unit = this.unit ?? fallbackUnit;
    const keys = [...this.sources.keys()];
    if (keys.length === 0 || (keys.length === 1 && keys[0] === (named ?? ''))) return undefined;
    const parts = [...this.sources.entries()]
      .sort((a, b) => b[1].rows - a[1].rows)
      .map(([key, { rows, first }], k) => {
        // The rows of each source but the most common one are named (the first three).
        const list = k === 0 ? '' : ` (${first.join(', ')}${rows > first.length ? ', ...' : ''})`;
        return `${key || 'none'} on ${rows.toLocaleString('en-US')} ${rows === 1 ? unit : `${unit}s`}${list}`;
      });
    return `options row by row (the mapping line names the first row's): ${parts.join(', ')}`;
  }
}

/** What a row is called in a container's notes. */
const ROW_UNIT: Record<Container, string> = { jsonl: 'line', json: 'element', parquet: 'row', eval: 'sample' };

/** Resolves the mapping at the first row, reports it, and maps every row with it. */
export class RowMapper {
  resolved: ResolvedSource | undefined;
  /** Where a row's id comes from when the mapping gives none, printed with the mapping ("the member's key"). */
  idNote: string | undefined;
  private defaults: ReturnType<typeof fileDefaults> | undefined;
  // The user's --map rules no row has matched yet, with the first row and its position (for finish()).
  private unmatched: [MappingKey, Rule][] = [];
  private first: { row: Row; position: number; where: string; width: number } | undefined;
  // The top-level columns said to be ignored (records.ts mapRow): once per file.
  private readonly ignoredColumns = new Set<string>();
  // The file's path in parts, for a mapping that reads it (@file, @folder, @path[N]).
  private fileParts: string[] | undefined;
  /** Where a flat row's options are when the mapping names none (records.ts RowContext.rowOptions). */
  rowOptions: ((row: Row) => Path | undefined) | undefined;
  // Where each row's options came from, when rowOptions reads them row by row (finish() says it).
  private readonly optionsTally = new OptionsTally();

  constructor(
    private readonly path: string,
    private readonly fileName: string,
    private readonly container: Container,
    private readonly opts: ContainerOptions,
  ) {}

  /** Resolves from this row unless resolved already; a diagnostic (and false) when it cannot be. */
  resolve(row: Row, position: number, where: string, width: number, diagnostics: TraceDiagnostic[]): boolean {
    if (this.resolved) return true;
    try {
      this.resolved = resolveSource(row, this.container, this.opts);
    } catch (err) {
      if (!(err instanceof MappingError)) throw err;
      diagnostics.push({
        line: position,
        column: 0,
        endLine: position,
        endColumn: width,
        severity: 'error',
        code: 'no-mapping',
        message: `${where ? `${where}: ` : ''}${err.message}`,
      });
      return false;
    }
    this.defaults = fileDefaults(this.resolved.format, this.path, this.fileName);
    if (Object.values(this.resolved.mapping).some((rule) => rule.paths.some((p) => p[0]?.kind === 'file')))
      this.fileParts = filePathParts(this.fileName);
    this.unmatched = Object.entries(this.opts.map ? parseMapOverrides(this.opts.map) : {}) as [MappingKey, Rule][];
    // A flat row's options are its own (`options`, else `choices`), row by row, unless the user
    // mapped the prompt: the first row, which set the mapping, may have had none (stop 40).
    const format = this.resolved.format;
    if (
      (format === 'fields' || format === 'inspect' || format === 'lm-eval') &&
      this.resolved.mapping.prompt &&
      !this.unmatched.some(([key]) => key === 'prompt')
    )
      this.rowOptions = (r) => {
        const key = rowOptionsKey(format, r);
        return key === undefined ? undefined : parsePath(key);
      };
    this.first = { row, position, where, width };
    const notes: string[] = [];
    if (!this.resolved.mapping.id && this.idNote) notes.push(`id <- ${this.idNote}`);
    if (!this.resolved.mapping.model) notes.push(`model <- ${this.defaults.modelNote}`);
    if (!this.resolved.mapping.task && this.defaults.taskNote) notes.push(`task <- ${this.defaults.taskNote}`);
    if (notes.length) this.resolved.description += `, ${notes.join(', ')}`;
    if (this.resolved.note) this.resolved.description += `; ${this.resolved.note}`;
    this.opts.onMapping?.(this.resolved);
    return true;
  }

  /** The records of a row; `defaultId` is its id when the mapping gives none (default: position + 1). */
  /**
   * After the last row of a whole file: a warning for each --map rule that matched nothing in any
   * row (a typo, `verdict=is_solvd`, read silently as "no verdict" on every record), at the first
   * row, naming where the path leaves it and the keys it has.
   */
  finish(): TraceDiagnostic[] {
    const first = this.first;
    if (!first) return [];
    if (this.rowOptions) {
      const named = this.resolved?.mapping.prompt?.options;
      const note = this.optionsTally.note(named ? formatPath(named) : undefined, ROW_UNIT[this.container]);
      if (note) this.opts.onMappingNote?.(note);
    }
    return this.unmatched.map(([key, rule]) => {
      const why = rule.paths.length === 1 ? missingAt(first.row, rule.paths[0], 0) : undefined;
      return {
        line: first.position,
        column: 0,
        endLine: first.position,
        endColumn: first.width,
        severity: 'warning' as const,
        code: 'unmatched-path',
        message: `${first.where ? `${first.where}: ` : ''}--map ${key}=${formatRule(rule)} matches nothing in any row${
          why ? `: ${why}` : ` (the first row has ${listKeys(Object.keys(first.row)) || 'no fields'})`
        }`,
      };
    });
  }

  map(
    row: Row,
    position: number,
    where: string,
    width: number,
    defaultId?: string,
    text?: { text: string; shift: number },
    locateText?: () => { text: string; line: number; column: number } | undefined,
  ): RowResult {
    const diagnostics: TraceDiagnostic[] = [];
    if (!this.resolve(row, position, where, width, diagnostics)) return { records: [], diagnostics };
    // `@file`, `@folder`, `@path[N]` read the file's path (path.ts ROW_FILE), not the row.
    if (this.fileParts) (row as { [ROW_FILE]?: string[] })[ROW_FILE] = this.fileParts;
    if (this.unmatched.length) this.unmatched = this.unmatched.filter(([, rule]) => !ruleMatches(row, rule));
    if (this.rowOptions) {
      const p = this.rowOptions(row);
      this.optionsTally.add(p ? formatPath(p) : undefined, where || `${ROW_UNIT[this.container]} ${position + 1}`);
    }
    return mapRow(row, {
      mapping: this.resolved!.mapping,
      position,
      where,
      width,
      fileModel: this.defaults!.model,
      fileTask: this.defaults!.task,
      defaultId,
      ignoredColumns: this.ignoredColumns,
      rowOptions: this.rowOptions,
      text: text?.text,
      textShift: text?.shift,
      locateText,
    });
  }
}

/**
 * The converter of a JSONL file's lines. Without --format/--map, a file of flat rollouts (a
 * response field holding text) keeps jsonl.ts's per-line detection exactly; a file whose first
 * object matches a preset is mapped. Lines that are not JSON objects get jsonl.ts's diagnostics.
 */
export type LineConverter = ((line: string, lineNo: number) => JsonlLineResult) & {
  /** After the last line of a whole file: the --map rules no row matched (RowMapper.finish). */
  finish(): TraceDiagnostic[];
};

export function createLineConverter(path: string, fileName: string, opts: ContainerOptions): LineConverter {
  let mode: 'flat' | 'mapped' | undefined = opts.format !== undefined || opts.map !== undefined ? 'mapped' : undefined;
  // A `.json` file read line by line (a one-line document, or JSON Lines so named) is labelled json.
  const mapper = new RowMapper(path, fileName, /\.json$/i.test(path) ? 'json' : 'jsonl', opts);
  // jsonl.ts's reading, then a multiple-choice question's options in a field of their own
  // (`options`, `choices`) appended to its query as the mapping appends them (stop 39: they were
  // dropped silently), an option index as the reference its letter; the rest exactly as jsonl.ts.
  // Flat rollouts whose mapping was printed (reportFlat): where each line's options came from.
  let flatTally: OptionsTally | undefined;
  let flatNamed: string | undefined;
  const flat = (line: string, lineNo: number): JsonlLineResult => {
    const out = jsonlLineToRecords(line, lineNo, { fileName });
    if (out.records.length === 0) return out;
    if (!/"(?:options|choices)"/.test(line)) {
      flatTally?.add(undefined, `line ${lineNo + 1}`);
      return out;
    }
    const text = lineNo === 0 ? line.slice(leadingBoms(line)) : line;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      obj = parseWithNonFinite(text)?.value;
    }
    const field = isObject(obj) ? flatOptionsKey(obj) : undefined;
    flatTally?.add(field, `line ${lineNo + 1}`);
    if (!isObject(obj) || field === undefined) return out;
    const options = obj[field];
    const truth = TRUTH_FIELDS.map((k) => obj[k]).find((v) => v !== undefined && v !== null);
    const at = jsonFieldSpan(text, field);
    const shift = line.length - text.length;
    // Options that are no list (a string, an object, a list of objects, an empty list) are said
    // at their field, as under --map; the record is read without them (stop 40: silent here).
    const warnAtField = (code: string, message: string): void => {
      out.diagnostics.push({
        line: lineNo,
        column: (at?.start ?? 0) + shift,
        endLine: lineNo,
        endColumn: at ? at.end + shift : line.length,
        severity: 'warning',
        code,
        message,
      });
    };
    const problem = optionsProblem(options);
    if (problem) {
      warnAtField('bad-options', badOptionsMessage(field, problem));
      return out;
    }
    for (const rec of out.records) {
      const prompt = rec.headers.query;
      if (typeof prompt !== 'string') continue;
      const query = withOptions(prompt, options);
      rec.headers.query = query;
      const letter = optionTarget(truth, options);
      if (typeof truth === 'number' && typeof letter === 'string' && rec.headers.answer === String(truth)) rec.headers.answer = letter;
      const misread = optionsMisread(prompt, query, options);
      if (misread && rec === out.records[0]) warnAtField('options-misread', `options <- ${field}: ${misread}`);
    }
    return out;
  };
  // Flat rollouts print no mapping (their fields are the documented names), except what a reader
  // might not expect: the line's own verdict, task_id as the group, model and task from folders.
  const reportFlat = (obj: Row): void => {
    if (!opts.onMapping) return;
    const rules = flatMapping(obj).rules;
    const harness = harnessFileDefaults(fileName);
    if ((!rules.verdict && !rules.group && !harness) || !rules.response) return;
    const mapping: Mapping = { ...rules, response: rules.response };
    const notes = harness ? `, ${harness.note}` : '';
    flatTally = new OptionsTally();
    flatNamed = flatOptionsKey(obj);
    opts.onMapping({ format: 'fields', container: 'jsonl', mapping, description: `fields (jsonl): ${describeMapping(mapping)}${notes}` });
  };
  const convert = (line: string, lineNo: number): JsonlLineResult => {
    if (mode === 'flat') return flat(line, lineNo);
    const text = lineNo === 0 ? line.slice(leadingBoms(line)) : line;
    if (text.trim() === '') return { records: [], diagnostics: [] };
    let obj: unknown;
    // NaN / Infinity (Python's json.dump): read as null, each a warning at its column.
    let nonFinite: TraceDiagnostic[] = [];
    try {
      obj = JSON.parse(text);
    } catch {
      const lenient = parseWithNonFinite(text);
      if (!lenient) return flat(line, lineNo); // its bad-json diagnostic says where
      obj = lenient.value;
      const shift = line.length - text.length;
      nonFinite = lenient.found.map((f) => nonFiniteDiagnostic(f.token, lineNo, f.offset + shift));
    }
    if (!isObject(obj)) return flat(line, lineNo);
    const rows = rowsOf(obj);
    if (mode === undefined) {
      if (isFlatRollout(obj)) {
        mode = 'flat';
        reportFlat(obj);
        return flat(line, lineNo);
      }
      if (rows.length === 0 || !detectPreset(rows[0])) return flat(line, lineNo);
      mode = 'mapped';
    }
    const out: JsonlLineResult = { records: [], diagnostics: nonFinite };
    const boms = lineNo === 0 ? leadingBoms(line) : 0;
    if (boms > 1)
      out.diagnostics.push({
        line: 0,
        column: 1,
        endLine: 0,
        endColumn: boms,
        severity: 'warning',
        code: 'extra-bom',
        message: extraBomMessage(boms, 'JSON'),
      });
    // An Inspect log on one line: sample k's text is the k-th object of its `samples`, found
    // when a diagnostic needs it.
    const shift = line.length - text.length;
    const objectSamples =
      rows[0] === obj || !Array.isArray(obj.samples) ? [] : (obj.samples as unknown[]).flatMap((s, i) => (isObject(s) ? [i] : []));
    let samplesAt: { start: number; end: number } | undefined | null = null;
    const sampleText = (k: number): { text: string; line: number; column: number } | undefined => {
      if (samplesAt === null) samplesAt = jsonFieldSpan(text, 'samples');
      const span = samplesAt && jsonElementSpan(text, samplesAt.start, objectSamples[k]);
      return span ? { text: text.slice(span.start, span.end), line: lineNo, column: span.start + shift } : undefined;
    };
    rows.forEach((row, k) => {
      // The line is the row (chat rows): its text, to point bad values at their fields.
      const r = mapper.map(
        row,
        lineNo,
        rows[0] === obj ? '' : `sample ${k + 1}`,
        line.length,
        undefined,
        row === obj ? { text, shift } : undefined,
        row === obj ? undefined : () => sampleText(k),
      );
      out.records.push(...r.records);
      out.diagnostics.push(...r.diagnostics);
    });
    return out;
  };
  const finish = (): TraceDiagnostic[] => {
    if (mode === 'mapped') return mapper.finish();
    const note = flatTally?.note(flatNamed, 'line');
    if (note) opts.onMappingNote?.(note);
    return [];
  };
  return Object.assign(convert, { finish });
}

/** A JSON document's element as a row's text, where it starts in the file. */
const elementText =
  (el: { text?: string; line: number; column: number }) => (): { text: string; line: number; column: number } | undefined =>
    el.text !== undefined ? { text: el.text, line: el.line, column: el.column } : undefined;

/** The records of a Parquet file, `.eval` archive or JSON document, in order. */
export async function* streamContainer(
  path: string,
  container: Exclude<Container, 'jsonl'>,
  opts: ContainerOptions = {},
): AsyncGenerator<JsonlRecord> {
  const fileName = opts.fileName ?? path;
  const mapper = new RowMapper(path, fileName, container, opts);
  const emit = (r: RowResult): JsonlRecord[] => {
    r.diagnostics.forEach((d) => opts.onDiagnostic?.(d));
    return r.records;
  };
  const fail = (line: number, column: number, code: string, message: string): void =>
    opts.onDiagnostic?.({ line, column, endLine: line, endColumn: column, severity: 'error', code, message });

  if (container === 'parquet') {
    const { openParquet, firstParquetRow, parquetRows } = await import('./parquet.js');
    const pq = await openParquet(path, opts.bytes);
    const first = await firstParquetRow(pq);
    if (!first) return;
    const diagnostics: TraceDiagnostic[] = [];
    if (!mapper.resolve(first, 0, 'row 1', 0, diagnostics)) {
      diagnostics.forEach((d) => opts.onDiagnostic?.(d));
      return;
    }
    // Only the columns the mapping reads, and short scalar columns (kept as headers): a dataset's
    // `messages` column, which repeats the problem and a generation, is never decoded.
    const wanted = mappedColumns(mapper.resolved!.mapping);
    // A flat row's options are read row by row (RowMapper.rowOptions): their columns too.
    if (mapper.rowOptions) for (const c of ['options', 'choices', 'doc']) wanted.add(c);
    const columns = pq.columns.filter((c) => wanted.has(c) || pq.scalarColumns.has(c));
    for await (const { row, position } of parquetRows(pq, {
      columns,
      groups: opts.rowGroups,
      signal: opts.signal,
      onProgress: opts.onProgress,
      onGroupError: (g, start, rows, message) =>
        fail(
          start,
          0,
          'bad-row-group',
          `row group ${g + 1} (rows ${start + 1}-${start + rows}) cannot be decoded: ${message}; its rows are not read`,
        ),
    })) {
      yield* emit(mapper.map(row, position, `row ${position + 1}`, 0));
    }
    // Workers that share a file by row groups each see a part: only a whole read can say a path matches no row.
    if (!opts.rowGroups) mapper.finish().forEach((d) => opts.onDiagnostic?.(d));
    return;
  }

  if (container === 'eval') {
    const { inspectSamples } = await import('./inspect.js');
    for await (const s of inspectSamples(path, {
      bytes: opts.bytes,
      signal: opts.signal,
      onProgress: opts.onProgress,
      onNote: (m) =>
        opts.onDiagnostic?.({ line: 0, column: 0, endLine: 0, endColumn: 0, severity: 'warning', code: 'bad-entry', message: m }),
    })) {
      if (s.error !== undefined || !s.row)
        fail(s.position, 0, 'bad-entry', `entry ${s.entry}: ${s.error ?? 'no sample'}; the other samples are read`);
      else {
        if (s.nonFinite?.length)
          opts.onDiagnostic?.({
            ...nonFiniteDiagnostic(s.nonFinite[0], s.position, 0, `entry ${s.entry}: `),
            ...(s.nonFinite.length > 1
              ? {
                  message: `entry ${s.entry}: ${s.nonFinite.length} values are NaN or Infinity, not JSON (Python's json.dump writes them for floats that are not finite numbers): read as missing (null); the rest of the sample is read`,
                }
              : {}),
          });
        yield* emit(mapper.map(s.row, s.position, `entry ${s.entry}`, 0));
      }
    }
    mapper.finish().forEach((d) => opts.onDiagnostic?.(d));
    return;
  }

  // A JSON document: the elements of its top-level array or of its `samples` (an Inspect log), or
  // the members of an object keyed by id (MathVista's {"1": {...}, "2": {...}}), each a row.
  const scan: JsonDocumentScan = { shape: 'empty', members: {} };
  let elements = 0;
  // Whether a top-level object is keyed by id: decided at its first member.
  let keyed: boolean | undefined;
  for await (const el of jsonDocumentElements(opts.bytes ?? path, scan, {
    signal: opts.signal,
    onProgress: opts.onProgress,
    members: true,
  })) {
    if (el.document) {
      fail(el.line, el.column, el.document === 'unclosed' ? 'json-unclosed' : 'json-trailing-text', el.error!);
      continue;
    }
    if (el.key !== undefined) {
      if (keyed === undefined) {
        keyed = el.error === undefined && isObject(el.value) && isKeyedRow(el.key, el.value, opts);
        if (!keyed) scan.keyed = false;
      }
      if (!keyed) continue;
      mapper.idNote = "the member's key";
      const member = `member ${JSON.stringify(el.key)}`;
      if (el.error !== undefined) fail(el.line, el.column, 'bad-json', `${el.error}; the other members are read`);
      else if (!isObject(el.value))
        fail(el.line, el.column, 'not-an-object', `${member} is not a JSON object (a row); the other members are read`);
      else {
        for (const d of el.nonFinite ?? []) opts.onDiagnostic?.(d);
        yield* emit(mapper.map(el.value, el.line, member, 0, el.key, undefined, elementText(el)));
      }
      continue;
    }
    elements++;
    for (const d of el.nonFinite ?? []) opts.onDiagnostic?.(d);
    if (el.error !== undefined) {
      fail(el.line, el.column, 'bad-json', `${el.error}; the other elements are read`);
      continue;
    }
    if (!isObject(el.value)) {
      fail(el.line, el.column, 'not-an-object', `element ${el.index + 1} is not a JSON object`);
      continue;
    }
    const rows =
      scan.shape === 'samples' ? [withEval(el.value, isObject(scan.members.eval) ? scan.members.eval : undefined)] : rowsOf(el.value);
    // A list's rows are numbered by their place in it (1, 2, 3), not by the line they start on,
    // which moves with the file's indentation.
    if (rows.length === 1) mapper.idNote ??= "the element's number";
    for (const row of rows)
      yield* emit(
        mapper.map(
          row,
          el.line,
          `element ${el.index + 1}`,
          0,
          rows.length === 1 ? String(el.index + 1) : undefined,
          undefined,
          rows.length === 1 ? elementText(el) : undefined,
        ),
      );
  }
  if (scan.shape === 'object' && elements === 0 && !keyed) {
    // One object without samples: a single row (a chat completion saved pretty-printed).
    const { readFile } = await import('node:fs/promises');
    const size = opts.bytes ? opts.bytes.length : (await stat(path)).size;
    if (size > 256 << 20) {
      fail(
        0,
        0,
        'not-a-list',
        `a single JSON object of ${size} bytes with no "samples" array: expected a list of rows, an Inspect log, or JSON Lines`,
      );
      return;
    }
    let obj: unknown;
    const whole = opts.bytes ? opts.bytes.toString('utf8') : await readFile(path, 'utf8');
    try {
      obj = JSON.parse(whole);
    } catch (err) {
      // NaN / Infinity (Python's json.dump): read as null, each a warning at its line and column;
      // any other error at its own line and column (it was 1:1).
      const lenient = parseWithNonFinite(whole);
      if (!lenient) {
        const at = jsonErrorOffset(whole);
        const pos = positionIn(whole, Math.max(0, at), 0, 0);
        fail(pos.line, pos.column, 'bad-json', `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      obj = lenient.value;
      const pos = positionsIn(
        whole,
        lenient.found.map((f) => f.offset),
        0,
        0,
      );
      lenient.found.forEach((f, k) => opts.onDiagnostic?.(nonFiniteDiagnostic(f.token, pos[k].line, pos[k].column)));
    }
    // An Inspect log written without its samples (its results and stats only): nothing to read, said so.
    if (isObject(obj) && isObject(obj.eval) && obj.samples === undefined && !isFlatRollout(obj) && !detectPreset(obj))
      fail(
        0,
        0,
        'no-samples',
        `an Inspect log without "samples" (it has ${listKeys(Object.keys(obj))}): no responses to read (was it written with --no-log-samples?)`,
      );
    else if (isObject(obj) && isLlamaStackResult(obj) && !mapsResultData(opts.map)) {
      // llama-stack-evals' result file (fx42): each element of result_data a row, numbered by its place.
      mapper.idNote ??= 'the row\'s number in "result_data"';
      // fx43: each row at its own line and column (it was the file's start, 1:1), its fields located in its text.
      const list = jsonFieldSpan(whole, 'result_data');
      const spans = list ? jsonElementSpans(whole, list.start) : [];
      const rows = obj.result_data as unknown[];
      const starts =
        spans.length === rows.length
          ? positionsIn(
              whole,
              spans.map((e) => e.start),
              0,
              0,
            )
          : undefined;
      for (const [k, row] of rows.entries()) {
        const pos = starts?.[k] ?? { line: 0, column: 0 };
        const locate = starts ? () => ({ text: whole.slice(spans[k].start, spans[k].end), line: pos.line, column: pos.column }) : undefined;
        if (isObject(row)) yield* emit(mapper.map(row, pos.line, `result_data element ${k + 1}`, 0, String(k + 1), undefined, locate));
        else
          fail(
            pos.line,
            pos.column,
            'not-an-object',
            `result_data element ${k + 1} is not a JSON object (a row); the other elements are read`,
          );
      }
    } else if (isObject(obj)) for (const [k, row] of rowsOf(obj).entries()) yield* emit(mapper.map(row, 0, `sample ${k + 1}`, 0));
  }
  mapper.finish().forEach((d) => opts.onDiagnostic?.(d));
}
