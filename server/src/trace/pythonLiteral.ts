// Python literals as `ast.literal_eval` reads them, and Python's `==` between them: how a code-output
// benchmark (CRUXEval, LiveCodeBench's output prediction) grades an answer, `assert f(x) == <answer>`.
// The judge (truthJudge.ts) compares a program value with the reference this way where both are
// literals: `1.0` is `1`, `True` is `1`, `{2, 1}` is `{1, 2}`, `"it's"` is `'it\'s'`, `(1, 2)` is not
// `[1, 2]`. A hand-written parser, linear in the text; anything it does not read is undefined (the
// judge then compares the texts as before).

export type PyValue =
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'complex'; re: number; im: number }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | { t: 'ellipsis' }
  | { t: 'str'; v: number[] }
  | { t: 'bytes'; v: number[] }
  | { t: 'list' | 'tuple' | 'set'; items: PyValue[] }
  | { t: 'dict'; keys: PyValue[]; values: PyValue[] };

/** Longer texts are not read: a program value stated as an answer is short (programValues.ts reads at most 300 characters). */
const MAX_LENGTH = 4000;
const MAX_DEPTH = 64;

class NotLiteral extends Error {}
const fail = (): never => {
  throw new NotLiteral();
};

/** The value of a Python literal (ast.literal_eval's), or undefined where the text is none. */
export function parsePythonLiteral(text: string): PyValue | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  try {
    const p = new Parser(text);
    const v = p.expression(0);
    p.blank();
    return p.i === text.length ? v : undefined;
  } catch (e) {
    if (e instanceof NotLiteral) return undefined;
    throw e;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  /** Blanks, line breaks and comments (a literal spans lines inside brackets; an answer may carry `# ...`). */
  blank(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) this.i++;
      else if (c === 92 && (s.charCodeAt(this.i + 1) === 10 || s.charCodeAt(this.i + 1) === 13)) this.i += 2;
      else if (c === 35) while (this.i < s.length && s.charCodeAt(this.i) !== 10) this.i++;
      else break;
    }
  }

  peek(): number {
    this.blank();
    return this.s.charCodeAt(this.i);
  }

  /** A value, or a tuple written without brackets (`1, 2` as a whole answer). */
  expression(depth: number): PyValue {
    const first = this.item(depth);
    if (this.peek() !== 44) return first;
    const items = [first];
    while (this.peek() === 44) {
      this.i++;
      const c = this.peek();
      if (Number.isNaN(c) || c === 41 || c === 93 || c === 125) break;
      items.push(this.item(depth));
    }
    return { t: 'tuple', items };
  }

  /** One value: a signed number (and a complex sum), or an atom. */
  item(depth: number): PyValue {
    if (depth > MAX_DEPTH) fail();
    const c = this.peek();
    let v: PyValue;
    if (c === 45 || c === 43) {
      this.i++;
      const x = this.atom(depth + 1);
      v = negate(x, c === 45);
    } else v = this.atom(depth);
    // `1+2j`: a real (signed) number plus or minus an imaginary one, the one sum literal_eval takes.
    const op = this.peek();
    if ((op === 43 || op === 45) && isReal(v)) {
      const save = this.i;
      this.i++;
      const right = this.atom(depth + 1);
      if (right.t !== 'complex' || right.re !== 0) {
        this.i = save;
        return v;
      }
      return { t: 'complex', re: realOf(v), im: op === 43 ? right.im : -right.im };
    }
    return v;
  }

  atom(depth: number): PyValue {
    const s = this.s;
    const c = this.peek();
    if (Number.isNaN(c)) fail();
    if (c === 40) return this.bracketed(depth, 41, 'tuple');
    if (c === 91) return this.bracketed(depth, 93, 'list');
    if (c === 123) return this.braced(depth);
    if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(this.i + 1)))) return this.number();
    if (c === 46 && s.startsWith('...', this.i)) {
      this.i += 3;
      return { t: 'ellipsis' };
    }
    if (c === 39 || c === 34 || isNameChar(c)) {
      let j = this.i;
      while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
      const name = s.slice(this.i, j);
      const q = s.charCodeAt(j);
      if ((q === 39 || q === 34) && /^(?:[rRuUbB]|[bB][rR]|[rR][bB])?$/.test(name)) return this.strings();
      this.i = j;
      if (name === 'True' || name === 'False') return { t: 'bool', v: name === 'True' };
      if (name === 'None') return { t: 'none' };
      if (name === 'Ellipsis') return { t: 'ellipsis' };
      if (name === 'set' && this.peek() === 40) {
        this.i++;
        if (this.peek() !== 41) fail();
        this.i++;
        return { t: 'set', items: [] };
      }
    }
    return fail();
  }

  /** `(...)` or `[...]`: a tuple (a parenthesized value without a comma is the value) or a list. */
  bracketed(depth: number, close: number, kind: 'tuple' | 'list'): PyValue {
    this.i++;
    const items: PyValue[] = [];
    let comma = false;
    while (this.peek() !== close) {
      items.push(this.item(depth + 1));
      if (this.peek() === 44) {
        this.i++;
        comma = true;
      } else if (this.peek() !== close) fail();
    }
    this.i++;
    if (kind === 'tuple' && items.length === 1 && !comma) return items[0];
    return { t: kind, items };
  }

  /** `{...}`: a dict (`k: v` pairs) or a set; `{}` is an empty dict. */
  braced(depth: number): PyValue {
    this.i++;
    if (this.peek() === 125) {
      this.i++;
      return { t: 'dict', keys: [], values: [] };
    }
    const first = this.item(depth + 1);
    if (this.peek() === 58) {
      const keys: PyValue[] = [];
      const values: PyValue[] = [];
      let key = first;
      for (;;) {
        if (this.peek() !== 58) fail();
        this.i++;
        const value = this.item(depth + 1);
        if (!hashable(key)) fail();
        // A repeated key keeps its first place and takes the last value, as a dict display does.
        const at = keys.findIndex((k) => pythonEqual(k, key));
        if (at >= 0) values[at] = value;
        else {
          keys.push(key);
          values.push(value);
        }
        if (this.peek() === 44) this.i++;
        if (this.peek() === 125) break;
        key = this.item(depth + 1);
      }
      this.i++;
      return { t: 'dict', keys, values };
    }
    const items = [first];
    for (;;) {
      if (this.peek() === 44) this.i++;
      if (this.peek() === 125) break;
      items.push(this.item(depth + 1));
    }
    this.i++;
    if (!items.every(hashable)) fail();
    return { t: 'set', items };
  }

  number(): PyValue {
    const s = this.s;
    const start = this.i;
    const radix = /^0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)(?![0-9a-zA-Z_.])/.exec(s.slice(start, start + 200));
    if (radix) {
      this.i += radix[0].length;
      const digits = radix[0].replace(/_/g, '');
      return { t: 'int', v: BigInt(digits.toLowerCase()) };
    }
    const m = /^(?:\d(?:_?\d)*)?(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d(?:_?\d)*)?([jJ])?/.exec(s.slice(start, start + 400));
    const text = m ? m[0] : '';
    if (text === '' || text === '.' || isNameChar(s.charCodeAt(start + text.length))) fail();
    this.i += text.length;
    const plain = text.replace(/_/g, '').replace(/[jJ]$/, '');
    if (m![1]) return { t: 'complex', re: 0, im: Number(plain) };
    if (/[.eE]/.test(plain)) return { t: 'float', v: Number(plain) };
    // A decimal integer has no leading zero, but for 0 itself ("007" is no literal; "000" is 0).
    if (plain.length > 1 && plain[0] === '0' && /[1-9]/.test(plain)) fail();
    return { t: 'int', v: BigInt(plain) };
  }

  /** One or more adjacent string literals, concatenated (all text or all bytes). */
  strings(): PyValue {
    let bytes: boolean | undefined;
    const out: number[] = [];
    for (;;) {
      const c = this.peek();
      if (Number.isNaN(c)) break;
      let j = this.i;
      while (j < this.s.length && isNameChar(this.s.charCodeAt(j))) j++;
      const prefix = this.s.slice(this.i, j).toLowerCase();
      const q = this.s.charCodeAt(j);
      if (!(q === 39 || q === 34) || !/^(?:[rub]|br|rb)?$/.test(prefix)) break;
      const isBytes = prefix.includes('b');
      if (bytes !== undefined && bytes !== isBytes) fail();
      bytes = isBytes;
      this.i = j;
      this.string(prefix.includes('r'), isBytes, out);
    }
    if (bytes === undefined) fail();
    return bytes ? { t: 'bytes', v: out } : { t: 'str', v: out };
  }

  /** One string literal at this.i (its quote), its code points (bytes: its byte values) appended to out. */
  string(raw: boolean, bytes: boolean, out: number[]): void {
    const s = this.s;
    const q = s[this.i];
    const triple = s.startsWith(q + q + q, this.i);
    const close = triple ? q + q + q : q;
    this.i += close.length;
    for (;;) {
      if (this.i >= s.length) fail();
      if (s.startsWith(close, this.i)) {
        this.i += close.length;
        return;
      }
      const c = s.codePointAt(this.i)!;
      if (!triple && (c === 10 || c === 13)) fail();
      if (c !== 92) {
        if (bytes && c > 127) fail();
        out.push(c);
        this.i += c > 0xffff ? 2 : 1;
        continue;
      }
      const n = s[this.i + 1];
      if (n === undefined) fail();
      if (raw) {
        // A raw string keeps its backslashes; one still keeps the next character from ending it.
        out.push(92, s.codePointAt(this.i + 1)!);
        this.i += 2;
        continue;
      }
      this.i += 2;
      const simple: Record<string, number> = { '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
      if (n === '\n') continue;
      if (n === '\r') {
        if (s[this.i] === '\n') this.i++;
        continue;
      }
      if (n in simple) out.push(simple[n]);
      else if (/[0-7]/.test(n)) {
        let digits = n;
        while (digits.length < 3 && /[0-7]/.test(s[this.i] ?? '')) digits += s[this.i++];
        out.push(parseInt(digits, 8));
      } else if (n === 'x') out.push(this.hex(2));
      else if (!bytes && n === 'u') out.push(this.hex(4));
      else if (!bytes && n === 'U') {
        const cp = this.hex(8);
        if (cp > 0x10ffff) fail();
        out.push(cp);
      } else if (!bytes && n === 'N') fail();
      else out.push(92, n.codePointAt(0)!);
    }
  }

  hex(count: number): number {
    const h = this.s.slice(this.i, this.i + count);
    if (!new RegExp(`^[0-9a-fA-F]{${count}}$`).test(h)) fail();
    this.i += count;
    return parseInt(h, 16);
  }
}

const isReal = (v: PyValue): boolean => v.t === 'int' || v.t === 'float' || v.t === 'bool';
const realOf = (v: PyValue): number => (v.t === 'int' ? Number(v.v) : v.t === 'float' ? v.v : v.t === 'bool' ? Number(v.v) : NaN);

function negate(v: PyValue, minus: boolean): PyValue {
  if (!minus) return v.t === 'int' || v.t === 'float' || v.t === 'complex' || v.t === 'bool' ? v : fail();
  if (v.t === 'int') return { t: 'int', v: -v.v };
  if (v.t === 'bool') return { t: 'int', v: v.v ? -1n : 0n };
  if (v.t === 'float') return { t: 'float', v: -v.v };
  if (v.t === 'complex') return { t: 'complex', re: -v.re, im: -v.im };
  return fail();
}

function hashable(v: PyValue): boolean {
  if (v.t === 'list' || v.t === 'set' || v.t === 'dict') return false;
  return v.t !== 'tuple' || v.items.every(hashable);
}

/** An int, a bool or an integral float as an exact integer; undefined otherwise. */
function exactInteger(v: PyValue): bigint | undefined {
  if (v.t === 'int') return v.v;
  if (v.t === 'bool') return v.v ? 1n : 0n;
  if (v.t === 'float' && Number.isInteger(v.v)) return BigInt(v.v);
  return undefined;
}

/** Python's `==` between two literal values (numbers across int, bool, float and complex; containers by content). */
export function pythonEqual(a: PyValue, b: PyValue): boolean {
  const numeric = (v: PyValue): boolean => isReal(v) || v.t === 'complex';
  if (numeric(a) && numeric(b)) {
    if (a.t === 'complex' || b.t === 'complex') {
      const [ar, ai] = a.t === 'complex' ? [a.re, a.im] : [realOf(a), 0];
      const [br, bi] = b.t === 'complex' ? [b.re, b.im] : [realOf(b), 0];
      // An int beyond a double's exact range against a complex is rare enough to compare as doubles.
      return ar === br && ai === bi;
    }
    if (a.t === 'float' && b.t === 'float') return a.v === b.v;
    // Int against float: exact, as Python compares them (2**53 + 1 is not 2**53 + 1.0).
    const ia = exactInteger(a);
    const ib = exactInteger(b);
    return ia !== undefined && ib !== undefined && ia === ib;
  }
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'none':
    case 'ellipsis':
      return true;
    case 'str':
    case 'bytes': {
      const bv = (b as typeof a).v;
      return a.v.length === bv.length && a.v.every((c, k) => c === bv[k]);
    }
    case 'list':
    case 'tuple': {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((x, k) => pythonEqual(x, bi[k]));
    }
    case 'set': {
      const ua = unique(a.items);
      const ub = unique((b as typeof a).items);
      return ua.length === ub.length && ua.every((x) => ub.some((y) => pythonEqual(x, y)));
    }
    case 'dict': {
      const d = b as typeof a;
      return (
        a.keys.length === d.keys.length &&
        a.keys.every((k, n) => {
          const at = d.keys.findIndex((x) => pythonEqual(x, k));
          return at >= 0 && pythonEqual(a.values[n], d.values[at]);
        })
      );
    }
  }
  return false;
}

function unique(items: readonly PyValue[]): PyValue[] {
  const out: PyValue[] = [];
  for (const x of items) if (!out.some((y) => pythonEqual(x, y))) out.push(x);
  return out;
}
