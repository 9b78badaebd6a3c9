// Where a JSON text first goes wrong. JSON.parse says what is wrong but, on Node 20, often not
// where ("Unexpected token 'o', ... is not valid JSON"); a broken JSONL line must be reported
// with its column, so this small validator walks the text and returns the offending offset.

/** Offset of the first character that makes `text` invalid JSON, or -1 when it is valid. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = (): void => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++)
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e ?? 'x') || e === undefined) fail();
      }
      i++;
    }
    fail();
  };
  const number = (): void => {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    if (!m.exec(text)) fail();
    i = m.lastIndex;
  };
  // Iterative, with an explicit stack of open containers: a line of 100,000 '[' is one more
  // malformed line (its column exact), not a stack overflow that loses the whole file.
  const open: number[] = []; // 123 '{' or 91 '['
  /** After a value: ',' then the next member or element, or the container's close; false at the top level. */
  const afterValue = (): boolean => {
    for (;;) {
      if (open.length === 0) return false;
      ws();
      const top = open[open.length - 1];
      if (text[i] === ',') {
        i++;
        if (top === 123) member();
        return true;
      }
      if (text[i] === (top === 123 ? '}' : ']')) {
        i++;
        open.pop();
        continue;
      }
      fail();
    }
  };
  /** An object member's key and colon; the value follows. */
  const member = (): void => {
    ws();
    if (text[i] !== '"') fail();
    string();
    ws();
    if (text[i] !== ':') fail();
    i++;
  };
  try {
    for (;;) {
      ws();
      const c = text[i];
      if (c === '{') {
        i++;
        ws();
        if (text[i] === '}') i++;
        else {
          open.push(123);
          member();
          continue;
        }
      } else if (c === '[') {
        i++;
        ws();
        if (text[i] === ']') i++;
        else {
          open.push(91);
          continue;
        }
      } else if (c === '"') string();
      else if (c === 't') literal('true');
      else if (c === 'f') literal('false');
      else if (c === 'n') literal('null');
      else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
      else fail();
      if (!afterValue()) break;
    }
    ws();
    return i < n ? i : -1;
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, n);
    throw at;
  }
}

/** The index after JSON white space from `i`. */
function skipJsonWs(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** The index after the JSON string whose opening quote is at `i` (jumps from quote to quote: a long response is skipped by indexOf, not by character). */
function skipJsonString(text: string, i: number): number {
  for (;;) {
    const q = text.indexOf('"', i + 1);
    if (q < 0) return text.length;
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === 92) slashes++;
    i = q;
    if (slashes % 2 === 0) return i + 1;
  }
}

/** The index after the JSON value that starts at `i` (brackets counted, strings skipped whole). */
function skipJsonValue(text: string, i: number): number {
  const n = text.length;
  let depth = 0;
  do {
    const c = text[i];
    if (c === '"') i = skipJsonString(text, i);
    else if (c === '{' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      i++;
    } else if (depth === 0) {
      while (i < n && !',}] \t\r\n'.includes(text[i])) i++;
    } else i++;
  } while (depth > 0 && i < n);
  return i;
}

/**
 * Where the value of a top-level key starts and ends in a valid JSON object text (the last
 * occurrence, the one JSON.parse keeps), or undefined. Used only on the rare line that needs a
 * field's source: a number a double cannot hold exactly, an answer of the wrong type.
 */
export function jsonFieldSpan(text: string, key: string): { start: number; end: number } | undefined {
  let i = text.indexOf('{');
  if (i < 0) return undefined;
  const n = text.length;
  let found: { start: number; end: number } | undefined;
  i++;
  for (;;) {
    i = skipJsonWs(text, i);
    if (i >= n || text[i] !== '"') return found;
    const keyStart = i;
    i = skipJsonString(text, i);
    let name: unknown;
    try {
      name = JSON.parse(text.slice(keyStart, i));
    } catch {
      return found;
    }
    i = skipJsonWs(text, i);
    i++; // ':'
    i = skipJsonWs(text, i);
    const start = i;
    i = skipJsonValue(text, i);
    if (name === key) found = { start, end: i };
    i = skipJsonWs(text, i);
    if (text[i] !== ',') return found;
    i++;
  }
}

/**
 * Span of element `k` of the JSON array that opens at `text[open]` ('['), or undefined (not an
 * array, fewer elements, or malformed): where a gold line's `candidates[k]` is.
 */
export function jsonElementSpan(text: string, open: number, k: number): { start: number; end: number } | undefined {
  if (text[open] !== '[') return undefined;
  const n = text.length;
  let i = open + 1;
  for (let e = 0; ; e++) {
    i = skipJsonWs(text, i);
    if (i >= n || text[i] === ']') return undefined;
    const start = i;
    i = skipJsonValue(text, i);
    if (e === k) return { start, end: i };
    i = skipJsonWs(text, i);
    if (text[i] !== ',') return undefined;
    i++;
  }
}

/**
 * Spans of every element of the JSON array that opens at `text[open]` ('['), in one pass (fx43: a
 * llama-stack-evals result's `result_data` rows, each placed at its own line and column); the
 * elements before a malformed one, or [] where `open` is no array.
 */
export function jsonElementSpans(text: string, open: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (text[open] !== '[') return out;
  const n = text.length;
  let i = open + 1;
  for (;;) {
    i = skipJsonWs(text, i);
    if (i >= n || text[i] === ']') return out;
    const start = i;
    i = skipJsonValue(text, i);
    out.push({ start, end: i });
    i = skipJsonWs(text, i);
    if (text[i] !== ',') return out;
    i++;
  }
}

/** A NaN, Infinity or -Infinity where a JSON value stands: what Python's json.dump writes for such floats (allow_nan=True, its default). */
export interface NonFinite {
  /** Offset in the text. */
  offset: number;
  token: string;
}

/**
 * The value of a text that is JSON but for NaN / Infinity / -Infinity values (Python's json.dump
 * default), each read as null, with where they stand; undefined when the text has none outside
 * its strings, or is not JSON for another reason too. Called only on a text JSON.parse rejected.
 */
export function parseWithNonFinite(text: string): { value: unknown; found: NonFinite[] } | undefined {
  const found: NonFinite[] = [];
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    // N (NaN), I (Infinity), - before I (-Infinity): only where a value starts (after : , [ or at the start).
    if (c !== 78 && c !== 73 && c !== 45) continue;
    const m = /^-?(?:NaN|Infinity)/.exec(text.slice(i, i + 9));
    if (!m) continue;
    let p = i - 1;
    while (p >= 0 && /\s/.test(text[p])) p--;
    if (p >= 0 && !':,['.includes(text[p])) continue;
    found.push({ offset: i, token: m[0] });
    out += `${text.slice(from, i)}null`;
    from = i + m[0].length;
    i = from - 1;
  }
  if (found.length === 0) return undefined;
  try {
    return { value: JSON.parse(out + text.slice(from)), found };
  } catch {
    return undefined;
  }
}

/** The warning for a NaN / Infinity at (0-based) line and column. */
export function nonFiniteDiagnostic(
  token: string,
  line: number,
  column: number,
  where = '',
): { line: number; column: number; endLine: number; endColumn: number; severity: 'warning'; code: string; message: string } {
  return {
    line,
    column,
    endLine: line,
    endColumn: column + token.length,
    severity: 'warning',
    code: 'non-finite-number',
    message: `${where}${token} is not JSON (Python's json.dump writes it for a float that is not a finite number): read as missing (null); the rest of the row is read`,
  };
}

/** Line and column (0-based) of offset `at` in `text` that starts at `line`, `column`. */
export function positionIn(text: string, at: number, line: number, column: number): { line: number; column: number } {
  return positionsIn(text, [at], line, column)[0];
}

/**
 * Line and column (0-based) of each of the ascending `offsets` in `text` that starts at `line`,
 * `column`: one walk over the text, so a document with many NaNs stays linear (a walk from the
 * start for each was quadratic).
 */
export function positionsIn(text: string, offsets: readonly number[], line: number, column: number): { line: number; column: number }[] {
  const out: { line: number; column: number }[] = [];
  let lineStart = -1; // offset of the last newline before the walk's position; -1: still the first line
  let from = 0;
  for (const at of offsets) {
    for (let nl = text.indexOf('\n', from); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl;
    }
    from = Math.max(from, at);
    out.push(lineStart < 0 ? { line, column: column + at } : { line, column: at - lineStart - 1 });
  }
  return out;
}
