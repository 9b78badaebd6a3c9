// A JSON document read element by element, so a log of any size costs one element of memory: the
// elements of a top-level array (a dataset saved as one JSON list), or of the `samples` array of a
// top-level object (an Inspect AI `.json` log), whose small `eval` member is kept for the task and
// model. The scanner only tracks strings and nesting depth; each element's bytes are parsed on
// their own, so a broken element is one diagnostic (with its line) and the others still load.
import { open } from 'node:fs/promises';
import { jsonErrorOffset, nonFiniteDiagnostic, parseWithNonFinite, positionsIn } from '../jsonError.js';
import type { TraceDiagnostic } from '../types.js';

export interface JsonElement {
  /** The element's value, or undefined when its text is not valid JSON (then `error` says why). */
  value?: unknown;
  error?: string;
  /** 0-based ordinal of the element in its array. */
  index: number;
  /** 0-based line and (byte) column where the element starts. */
  line: number;
  column: number;
  /**
   * A member of a top-level object (one without `samples`): its key. Its value is given when it
   * is an object (a row of an object keyed by id, MathVista's {"1": {...}, "2": {...}}); any other
   * value is not read (`value` undefined, `notObject` true).
   */
  key?: string;
  notObject?: boolean;
  /** The element's JSON text, when it parsed (to point a diagnostic at a field's line and column). */
  text?: string;
  /** Warnings for its NaN / Infinity values (read as null). */
  nonFinite?: TraceDiagnostic[];
  /**
   * Damage to the document itself, not to an element (`error` says what, `line`/`column` where):
   * text after the top-level value closes, or a document that ends before it closes.
   */
  document?: 'trailing-text' | 'unclosed';
}

export interface JsonDocumentScan {
  /** `array`: a top-level array; `samples`: the samples of a top-level object; `object`: a top-level object without them. */
  shape: 'array' | 'samples' | 'object' | 'empty';
  /** Top-level members kept (parsed): `eval`. */
  members: Record<string, unknown>;
  /** Set false by the reader when a top-level object's members are not rows: their values are then no longer parsed. */
  keyed?: boolean;
}

const Q = 0x22,
  BS = 0x5c,
  NL = 0x0a,
  LB = 0x7b,
  RB = 0x7d,
  LS = 0x5b,
  RS = 0x5d,
  COMMA = 0x2c,
  COLON = 0x3a;
const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === NL || c === 0x0d;
/** Top-level members worth keeping (small, read by mappings). */
const KEEP = new Set(['eval']);

/**
 * Streams the elements of `path`; `scan` is filled in as the document is read (its shape after
 * the first bytes, its kept members as they pass).
 */
export async function* jsonDocumentElements(
  path: string | Buffer,
  scan: JsonDocumentScan,
  opts: {
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
    chunkSize?: number;
    /** Also give the members of a top-level object without `samples` (JsonElement.key), until `scan.keyed` is set false. */
    members?: boolean;
  } = {},
): AsyncGenerator<JsonElement> {
  // A file is read chunk by chunk; a document already in memory (read from a pipe, bounded) likewise.
  const fh = typeof path === 'string' ? await open(path, 'r') : undefined;
  try {
    const total = fh ? (await fh.stat()).size : (path as Buffer).length;
    const chunk = Buffer.allocUnsafe(opts.chunkSize ?? 1 << 20);
    let at = 0;
    const readChunk = async (): Promise<number> => {
      if (fh) return (await fh.read(chunk, 0, chunk.length, null)).bytesRead;
      const n = (path as Buffer).copy(chunk, 0, at, Math.min(at + chunk.length, total));
      at += n;
      return n;
    };
    let line = 0;
    let col = 0;
    let depth = 0;
    let inString = false;
    let escape = false;
    // A top-level object: its keys (depth 1) are read to find `samples` and the kept members.
    let objectTop = false;
    let expectKey = false;
    let keyBytes: number[] | undefined;
    let key = '';
    let afterColon = false;
    // The array whose elements are streamed sits at this depth (its elements one deeper); -1: none open.
    let elementsAt = -1;
    let index = 0;
    // The value being captured (an element or a kept member): its bytes so far and where it started.
    let capture: Buffer[] | undefined;
    let captureFrom = 0;
    let captureDepth = 0;
    let captureScalar = false;
    let captureLine = 0;
    let captureCol = 0;
    let captureKey: string | undefined;
    // The member being captured is a row of a keyed object (its key in `rowKey`), not a kept member.
    let rowKey: string | undefined;
    // Members are counted apart from elements (an Inspect log's members before `samples` do not shift its samples' numbers).
    let memberIndex = 0;
    let done = 0;
    scan.shape = 'empty';
    // The top-level value: where it opened, and whether it has closed; after it, only white space.
    let topLine = -1;
    let topClosed = false;
    let trailing = false;
    const topOpen = (): string => (scan.shape === 'array' ? '[' : '{');
    const topClose = (): string => (scan.shape === 'array' ? ']' : '}');

    const element = (text: string): JsonElement => {
      const el: JsonElement =
        rowKey !== undefined
          ? { index: memberIndex++, line: captureLine, column: captureCol, key: rowKey }
          : { index: index++, line: captureLine, column: captureCol };
      rowKey = undefined;
      try {
        el.value = JSON.parse(text);
        el.text = text;
      } catch (err) {
        // NaN / Infinity (Python's json.dump): the element is read, each one null with a warning.
        const lenient = parseWithNonFinite(text);
        if (lenient) {
          el.value = lenient.value;
          el.text = text;
          const what = el.key !== undefined ? `member ${JSON.stringify(el.key)}: ` : `element ${el.index + 1}: `;
          const pos = positionsIn(
            text,
            lenient.found.map((f) => f.offset),
            captureLine,
            captureCol,
          );
          el.nonFinite = lenient.found.map((f, k) => nonFiniteDiagnostic(f.token, pos[k].line, pos[k].column, what));
          return el;
        }
        const off = jsonErrorOffset(text);
        const what = el.key !== undefined ? `member ${JSON.stringify(el.key)}` : `element ${el.index + 1}`;
        el.error = `${what} (line ${captureLine + 1}) is not valid JSON${off >= 0 ? ` at character ${off + 1} of the ${el.key !== undefined ? 'member' : 'element'}` : ''}: ${err instanceof Error ? err.message : String(err)}`;
      }
      return el;
    };

    for (;;) {
      opts.signal?.throwIfAborted();
      const bytesRead = await readChunk();
      if (bytesRead === 0) break;
      const buf = chunk.subarray(0, bytesRead);
      const out: JsonElement[] = [];
      const finish = (to: number): string => {
        capture!.push(buf.subarray(captureFrom, to));
        const text = Buffer.concat(capture!).toString('utf8');
        capture = undefined;
        return text;
      };
      captureFrom = 0;
      for (let i = 0; i < buf.length; i++) {
        const c = buf[i];
        if (c === NL) {
          line++;
          col = 0;
        } else col++;
        if (inString) {
          if (escape) escape = false;
          else if (c === BS) escape = true;
          else if (c === Q) {
            inString = false;
            if (keyBytes) {
              try {
                key = JSON.parse(`"${Buffer.from(keyBytes).toString('utf8')}"`) as string;
              } catch {
                key = '';
              }
              keyBytes = undefined;
            }
            continue;
          }
          keyBytes?.push(c);
          continue;
        }
        if (isWs(c) || trailing) continue;
        if (topClosed) {
          // Text after the document's value: said once at its place; nothing after it is read.
          trailing = true;
          out.push({
            index: -1,
            line,
            column: col - 1,
            document: 'trailing-text',
            error: `text after the end of the JSON document (its "${topOpen()}" at line ${topLine + 1} closed before): expected nothing but white space after the closing "${topClose()}"; it is not read, the rows before it are`,
          });
          continue;
        }
        if (!capture) {
          const elementStart = elementsAt >= 0 && depth === elementsAt + 1 && c !== COMMA && c !== RS;
          const member = objectTop && depth === 1 && afterColon && scan.shape === 'object' && key !== 'samples' && opts.members === true;
          const memberStart = objectTop && depth === 1 && afterColon && KEEP.has(key);
          // A member of a top-level object that may be keyed by id: its value, when an object, is a row.
          const rowStart = member && !memberStart && scan.keyed !== false && c === LB;
          if (member && !memberStart && !rowStart && scan.keyed !== false)
            out.push({ index: memberIndex++, line, column: col - 1, key, notObject: true });
          if (elementStart || memberStart || rowStart) {
            capture = [];
            captureFrom = i;
            captureDepth = depth;
            captureScalar = c !== LB && c !== LS;
            captureLine = line;
            captureCol = col - 1;
            captureKey = memberStart ? key : undefined;
            rowKey = rowStart ? key : undefined;
          }
        } else if (captureScalar && depth === captureDepth && (c === COMMA || c === RS || c === RB)) {
          // A scalar element (a number, a string) ends before the next comma or bracket.
          const text = finish(i);
          if (captureKey === undefined) out.push(element(text));
        }
        if (objectTop && depth === 1 && afterColon) {
          afterColon = false;
          if (key === 'samples' && c === LS) {
            elementsAt = 1;
            scan.shape = 'samples';
          }
        }
        if (c === Q) {
          inString = true;
          if (objectTop && depth === 1 && expectKey) {
            expectKey = false;
            keyBytes = [];
          }
        } else if (c === LB || c === LS) {
          if (depth === 0) {
            topLine = line;
            if (c === LS) {
              scan.shape = 'array';
              elementsAt = 0;
            } else {
              scan.shape = 'object';
              objectTop = true;
              expectKey = true;
            }
          }
          depth++;
        } else if (c === RB || c === RS) {
          depth--;
          if (depth === 0) topClosed = true;
          if (elementsAt >= 0 && depth === elementsAt && c === RS) elementsAt = -1;
          if (capture && !captureScalar && depth === captureDepth) {
            const text = finish(i + 1);
            if (captureKey === undefined) out.push(element(text));
            else {
              try {
                scan.members[captureKey] = JSON.parse(text);
              } catch {
                /* a broken member is not kept */
              }
            }
          }
        } else if (c === COLON && objectTop && depth === 1) afterColon = true;
        else if (c === COMMA && objectTop && depth === 1) expectKey = true;
      }
      // The open value continues in the next chunk: keep a copy (the chunk buffer is reused).
      if (capture) capture.push(Buffer.from(buf.subarray(captureFrom)));
      done += bytesRead;
      yield* out;
      opts.onProgress?.(done, total);
    }
    if (capture && captureKey === undefined) {
      yield {
        index: index++,
        line: captureLine,
        column: captureCol,
        error: `element ${index} (line ${captureLine + 1}) is cut off: the document ends inside it`,
      };
    } else if (depth > 0 && !topClosed) {
      // The last element closed but the document did not: its end is missing (a file cut short).
      yield {
        index: -1,
        line,
        column: col,
        document: 'unclosed',
        error: `the JSON document ends before its closing "${topClose()}" (it opened with "${topOpen()}" at line ${topLine + 1}): expected "${topClose()}" after the last ${scan.shape === 'array' ? 'element' : 'member'}; the ${index} element${index === 1 ? '' : 's'} before are read`,
      };
    }
  } finally {
    await fh?.close();
  }
}

/**
 * Whether a `.json` file is one JSON document (a pretty-printed log or list) rather than JSON Lines:
 * it opens with `[`, or with `{` on a first line that is not a whole JSON value by itself.
 */
export async function isJsonDocument(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return isJsonDocumentHead(buf.subarray(0, bytesRead), bytesRead < buf.length);
  } finally {
    await fh.close();
  }
}

/** isJsonDocument on a document's first bytes (`whole`: they are all of it). */
export function isJsonDocumentHead(bytes: Buffer, whole: boolean): boolean {
  const head = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const first = head.search(/\S/);
  if (first < 0) return false;
  if (head[first] === '[') return true;
  if (head[first] !== '{') return false;
  // The first line ends at \n or \r (a JSONL file with old Mac line endings is no document).
  const brk = head.slice(first).search(/[\r\n]/);
  const nl = brk < 0 ? -1 : first + brk;
  // A first line longer than what was read is a long JSONL line, not a pretty-printed document.
  if (nl < 0) return whole && jsonErrorOffset(head.slice(first)) >= 0;
  return jsonErrorOffset(head.slice(first, nl).trim()) >= 0;
}
