// The field-path language of a mapping (README "What it reads"): how a record's prompt, response, answer
// and verdict are found inside one source row, written the way the user reads it back on stderr.
//   problem                      a key
//   doc.question                 nested keys
//   generations[i]               one record per element (the fan-out index; at most one per path)
//   resps[0][i]  messages[-1]    a fixed index (negative: from the end)
//   messages[role=assistant][-1] the elements whose `role` is `assistant`, then the last of them
//   conversations[from=gpt|assistant][i]   alternatives on either side of `=`
//   "odd key".x                  a key that is not an identifier, quoted
//   175b_verification.solution   a key may start with a digit (one of digits alone is quoted: "0")
//   turns[role=user].prompt      a key after a filter reads the first element that passed it
//   @file  @folder  @path[-3]    the input file's own path, not the row: its name without the
//                                extension, its folder's name, any part of it (-1 the file, -2
//                                its folder, ...; 0 the first): `--map model=@folder`
// A rule is one or more paths separated by ` | ` (the first that has a value wins), optionally
// followed by `== "literal" | "literal"` (a boolean: whether the value equals one of them), or by
// `+ choices` (a prompt's multiple-choice options kept in a field of their own, appended to the
// question as "A) ..." lines: Inspect's `input + choices`, lm-eval's `doc.question + doc.choices`).

export type Segment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'fanout' }
  | { kind: 'filter'; keys: string[]; values: string[] }
  /** The input file's path, part `part` (-1 its name without the extension, -2 its folder, ...); a path of this segment alone. */
  | { kind: 'file'; part: number };

/**
 * The parts of the input file's path (folders, then the name without its extension), put on each
 * row of a mapping with an `@file` / `@folder` / `@path[N]` path (formats/source.ts RowMapper): a
 * symbol, so that it is never a column.
 */
export const ROW_FILE = Symbol('row file');

export type Path = Segment[];

export interface Rule {
  /** Alternatives, tried in order: the first with a value (not undefined, not null) wins. */
  paths: Path[];
  /** With `==`: the rule's value is whether the found value equals one of these (as text). */
  equals?: string[];
  /** With `+`: the options of a multiple-choice question (a list of strings, or {text: [...], label: [...]}), appended to the prompt. */
  options?: Path;
}

export class PathSyntaxError extends Error {}

const IDENT = /^[A-Za-z_$][\w$-]*/;
// A key that starts with a digit but holds a letter or "_" (`175b_verification`): outside brackets
// a path segment is never an index, so it needs no quotes; a key of digits alone is quoted ("0").
const DIGIT_KEY = /^\d[\w$-]*?[A-Za-z_$][\w$-]*/;

/** Splits `text` at `sep` where it is outside brackets and quotes (`--map`'s commas, a rule's `|` and `==`). */
export function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(from, i));
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

function unquote(text: string, what: string): string {
  const t = text.trim();
  if (t.startsWith('"')) {
    try {
      const v: unknown = JSON.parse(t);
      if (typeof v === 'string') return v;
    } catch {
      // reported below
    }
    throw new PathSyntaxError(`${what}: ${t} is not a valid quoted string`);
  }
  return t;
}

export function parsePath(text: string): Path {
  const src = text.trim();
  if (src === '') throw new PathSyntaxError('empty path: expected a field name such as "problem" or "generations[i]"');
  if (src.startsWith('@')) {
    const m = /^@(?:file|folder|path\[\s*(-?\d+)\s*\])$/.exec(src);
    if (!m)
      throw new PathSyntaxError(
        `"${src}": expected @file (the file's name without its extension), @folder (its folder's name) or @path[N] (part N of its path: -1 the file, -2 its folder, -3 the folder above, 0 the first)`,
      );
    return [{ kind: 'file', part: src === '@file' ? -1 : src === '@folder' ? -2 : Number(m[1]) }];
  }
  const path: Path = [];
  let i = 0;
  const fail = (expected: string): never => {
    throw new PathSyntaxError(`"${src}" at column ${i + 1}: expected ${expected}`);
  };
  const key = (): void => {
    if (src[i] === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) fail('a closing quote');
      path.push({ kind: 'key', key: unquote(src.slice(i, j + 1), 'key') });
      i = j + 1;
      return;
    }
    const m = IDENT.exec(src.slice(i)) ?? DIGIT_KEY.exec(src.slice(i));
    if (!m) fail(/^\d/.test(src.slice(i)) ? 'a field name (a key of digits alone is quoted: "0")' : 'a field name');
    path.push({ kind: 'key', key: m![0] });
    i += m![0].length;
  };
  if (src[0] !== '[') key();
  while (i < src.length) {
    if (src[i] === '.') {
      i++;
      key();
      continue;
    }
    if (src[i] !== '[') fail('".", "[" or the end of the path');
    const close = src.indexOf(']', i);
    if (close < 0) fail('a closing "]"');
    const inner = src.slice(i + 1, close).trim();
    if (inner === 'i') path.push({ kind: 'fanout' });
    else if (/^-?\d+$/.test(inner)) path.push({ kind: 'index', index: Number(inner) });
    else if (inner.includes('=')) {
      const eq = inner.indexOf('=');
      const keys = inner
        .slice(0, eq)
        .split('|')
        .map((k) => unquote(k, 'filter key'))
        .filter(Boolean);
      const values = inner
        .slice(eq + 1)
        .split('|')
        .map((v) => unquote(v, 'filter value'));
      if (keys.length === 0 || values.length === 0) fail('"[key=value]"');
      path.push({ kind: 'filter', keys, values });
    } else fail('"[i]", a number or "[key=value]" inside the brackets');
    i = close + 1;
  }
  if (path.filter((s) => s.kind === 'fanout').length > 1) throw new PathSyntaxError(`"${src}": at most one [i] per path`);
  return path;
}

export function parseRule(text: string): Rule {
  const [main, ...plus] = splitTop(text, '+');
  if (plus.length > 1) throw new PathSyntaxError(`"${text.trim()}": at most one "+" (the options field)`);
  if (plus.length === 1) {
    const rule = parseRule(main);
    if (rule.equals) throw new PathSyntaxError(`"${text.trim()}": "+" (the options field) does not go with "=="`);
    return { ...rule, options: parsePath(plus[0]) };
  }
  const [left, ...right] = splitTop(text, '==');
  if (right.length > 1) throw new PathSyntaxError(`"${text.trim()}": at most one "=="`);
  const paths = splitTop(left, '|').map(parsePath);
  if (right.length === 0) return { paths };
  const equals = splitTop(right[0], '|').map((v) => unquote(v, 'value after =='));
  if (equals.some((v) => v === '')) throw new PathSyntaxError(`"${text.trim()}": expected a value after "=="`);
  return { paths, equals };
}

const quoteKey = (k: string): string => (IDENT.test(k) && IDENT.exec(k)![0] === k ? k : JSON.stringify(k));
const quoteValue = (v: string): string => (/^[\w.-]+$/.test(v) ? v : JSON.stringify(v));

export function formatPath(path: Path): string {
  let out = '';
  for (const s of path) {
    if (s.kind === 'key') out += `${out === '' ? '' : '.'}${quoteKey(s.key)}`;
    else if (s.kind === 'index') out += `[${s.index}]`;
    else if (s.kind === 'fanout') out += '[i]';
    else if (s.kind === 'file') out += s.part === -1 ? '@file' : s.part === -2 ? '@folder' : `@path[${s.part}]`;
    else out += `[${s.keys.map(quoteKey).join('|')}=${s.values.map(quoteValue).join('|')}]`;
  }
  return out;
}

export function formatRule(rule: Rule): string {
  const left = rule.paths.map(formatPath).join(' | ');
  if (rule.options) return `${left} + ${formatPath(rule.options)}`;
  return rule.equals ? `${left} == ${rule.equals.map((v) => JSON.stringify(v)).join(' | ')}` : left;
}

/** Whether two paths read the same field (a list and its elements count as one: `code` and `code[i]`). */
export function sameField(a: Path, b: Path): boolean {
  const plain = (p: Path): string => formatPath(p.filter((s) => s.kind !== 'fanout'));
  return plain(a) === plain(b);
}

export const hasFanout = (path: Path): boolean => path.some((s) => s.kind === 'fanout');

/** The first key of a path (the column a Parquet reader must load), undefined for a path that starts with an index. */
export const topKey = (path: Path): string | undefined => (path[0]?.kind === 'key' ? path[0].key : undefined);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of a scalar for comparisons (filters, `==`). */
const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : undefined;

/**
 * The value at `path` in `root`, with `[i]` standing for element `k`; undefined when a step is
 * missing. Parquet INT64 values arrive as bigint and are returned as they are.
 */
export function evalPath(root: unknown, path: Path, k = 0): unknown {
  let v: unknown = root;
  let filtered = false;
  for (const s of path) {
    if (v === undefined || v === null) return undefined;
    if (s.kind === 'file') {
      const parts = isObject(v) ? (v as { [ROW_FILE]?: string[] })[ROW_FILE] : undefined;
      if (!parts) return undefined;
      const part = parts[s.part < 0 ? parts.length + s.part : s.part];
      return part === undefined || part === '' ? undefined : part;
    }
    const afterFilter = filtered;
    filtered = s.kind === 'filter';
    if (s.kind === 'key') {
      // `turns[role=user].prompt`: a key after a filter reads the first element that passed it.
      if (afterFilter && Array.isArray(v)) v = v[0];
      if (!isObject(v)) return undefined;
      v = v[s.key];
    } else if (s.kind === 'filter') {
      if (!Array.isArray(v)) return undefined;
      v = v.filter(
        (el) =>
          isObject(el) &&
          s.keys.some((key) => {
            const t = asText(el[key]);
            return t !== undefined && s.values.includes(t);
          }),
      );
    } else {
      if (!Array.isArray(v)) return undefined;
      const i = s.kind === 'fanout' ? k : s.index < 0 ? v.length + s.index : s.index;
      v = v[i];
    }
  }
  return v;
}

/**
 * How many records a row gives under a response path: the length of the list at its `[i]`, or 1
 * when the path has no `[i]`; undefined when the list is not there (or is not a list).
 */
export function fanoutCount(root: unknown, path: Path): number | undefined {
  const at = path.findIndex((s) => s.kind === 'fanout');
  if (at < 0) return evalPath(root, path) === undefined ? undefined : 1;
  const list = evalPath(root, path.slice(0, at));
  return Array.isArray(list) ? list.length : undefined;
}

/** The rule's first path that has a value for element k, with that value. */
export function evalRule(root: unknown, rule: Rule, k = 0): { path: Path; value: unknown } | undefined {
  for (const path of rule.paths) {
    const value = evalPath(root, path, k);
    if (value !== undefined && value !== null) {
      if (!rule.equals) return { path, value };
      const t = asText(value);
      return { path, value: t !== undefined && rule.equals.includes(t) };
    }
  }
  return undefined;
}
