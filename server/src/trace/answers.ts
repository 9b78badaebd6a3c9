// How two answers are compared (docs/segmentation-eval.md): values are normalized (separators,
// spaces, LaTeX wrappers, trailing zeros) and then compared as strings, or as numbers when both
// are numeric. Finding candidate answers in text is statements.ts's job.

/**
 * Canonical form for comparison: LaTeX wrappers (`\boxed`, `\text`, `$`, `\(`), spacing,
 * degree and percent signs, thousands separators and trailing zeros removed; `\frac{a}{b}` and
 * `\dfrac` as `a/b`; lower case.
 */
// A trailing unit in text after a number or a power's brace: two or more letters, "/" and spaces
// ("\\text{i}", "\\mathrm{e}" are the imaginary unit and e, not units).
const trailingUnitRe = /([\d}])[ \t]{0,3}(?:\\[ ,;!][ \t]{0,3})?\\(?:text|mathrm)[ \t]{0,2}\{[ \t]{0,3}[A-Za-z][A-Za-z/ \t]{1,15}\}$/;

export function normalizeAnswer(raw: string): string {
  if (isCanonicalInteger(raw)) return raw;
  // A plain number (most answers) passes every rewrite below unchanged but its separators.
  if (plainNumber.test(raw)) return canonicalNumber(raw.indexOf(',') < 0 ? raw : raw.replace(/,/g, ''))!;
  // A simple fraction ("3/4", "-12/35"): the rewrites below would only canonicalize its parts.
  const simple = simpleFraction.exec(raw);
  if (simple) return `${simple[1]}${canonicalNumber(simple[2])}/${canonicalNumber(simple[3])}`;
  let s = raw.trim();
  const boxed = /^\\(?:boxed|fbox)\s*\{([\s\S]*)\}$/.exec(s);
  if (boxed) s = boxed[1];
  // A set of option letters ("B, C, and D", "A、C、D", "DB") is one answer, in letter order: "bcd".
  if (s.length <= 40 && letterSetRe.test(s)) return [...new Set(s.match(/[A-E]/g))].sort().join('').toLowerCase();
  // Each rewrite runs only when the text holds a character it needs (a backslash, "%", ...):
  // most values that get here hold few of them, and a pass that cannot match changes nothing.
  // (s.includes written out rather than through a local `has` closure: under tsx, which keeps
  // function names, every closure created costs a defineProperty call, about 1% of the bench.)
  if (s.includes('\\')) {
    // A unit written as text after a number ("5 \\text{ cm}", "1.4 \\times 10^{25} \\text{ erg/s}")
    // is the number in that unit, as "5 cm" after "=" is (statements.ts): the value.
    if (s.endsWith('}') && (s.includes('\\text') || s.includes('\\mathrm'))) s = s.replace(trailingUnitRe, '$1');
    s = s
      .replace(/\\(?:text|textbf|textrm|mathrm|mathbf)\s*\{([^{}]*)\}/g, '$1')
      .replace(/\\[dt]frac/g, '\\frac')
      .replace(/\\left|\\right/g, '');
    // A set written as text ("\\text{A、C、D}", as Chinese solutions box it) is the same set.
    if (s.length <= 40 && letterSetRe.test(s)) return [...new Set(s.match(/[A-E]/g))].sort().join('').toLowerCase();
  }
  // A temperature's scale letter goes with its degree sign ("20 °C" is 20).
  if (s.includes('\\') || s.includes('\u00b0')) s = s.replace(/\^\s*\{?\s*\\circ\s*\}?|\u00b0(?:\s?[CF](?![A-Za-z]))?|\\degree/g, '');
  if (s.includes('%')) s = s.replace(/\\%|%/g, '');
  if (s.includes('\\') || s.includes('~')) s = s.replace(/\\[,;:! ]|~/g, '');
  if (s.includes('\\') || s.includes('$')) s = s.replace(/\\\$|\$|\\\(|\\\)|\\\[|\\\]/g, '');
  if (s.includes('\u2212')) s = s.replace(/\u2212/g, '-');
  s = s.replace(/\s+/g, '');
  // A clock time: "08:42 a.m." is "8:42am".
  if (s.includes(':')) {
    const clock = /^0?(\d{1,2}:[0-5]\d)([AaPp])\.?[Mm]\.?$/.exec(s);
    if (clock) return `${clock[1]}${clock[2].toLowerCase()}m`;
  }
  if (s.includes('\\')) {
    s = s.replace(/\\frac\{((?:[^{}]|\{[^{}]*\})*)\}\{((?:[^{}]|\{[^{}]*\})*)\}/g, '($1)/($2)').replace(/\\frac(\d)(\d)/g, '$1/$2');
  }
  // (Guarded by the literals each pattern needs: most values reach here with none of them.)
  if (s.length > 0 && (edgePunctuation(s.charCodeAt(0)) || edgePunctuation(s.charCodeAt(s.length - 1))))
    s = s.replace(/^[.,;:]+|[.,;:]+$/g, '');
  // Plain-text math written as LaTeX would be: "π/2", "3*sqrt(13)", "3√13" (tested first: rare).
  if (/\u03c0|sqrt|\u221a/.test(s)) {
    s = s
      .replace(/\u03c0/g, '\\pi')
      .replace(
        /(?:\\sqrt|sqrt|\u221a)\(([^()]{1,20})\)|(?:sqrt|\u221a)(\d+|[a-z])/g,
        (_m, a: string | undefined, b: string | undefined) => `\\sqrt{${a ?? b}}`,
      )
      .replace(/(\d)(?:\*|\\cdot|\\times)(?=\\sqrt|\\pi)/g, '$1');
  }
  // Parentheses the fraction rewrite added around plain numbers or a single symbol are noise.
  if (s.includes('(')) s = s.replace(/\((-?[\d.]+|\\[a-z]+(?:\{[^{}]*\})?)\)/g, '$1');
  if (s.includes(',') && /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  s = canonicalNumber(s) ?? s;
  const frac = s.includes('/') ? /^(-?)(\d[\d.]*)\/(\d[\d.]*)$/.exec(s) : null;
  if (frac) s = `${frac[1]}${canonicalNumber(frac[2]) ?? frac[2]}/${canonicalNumber(frac[3]) ?? frac[3]}`;
  // A set written out ("\\{2,5,3\\}", "{2, 3, 5}") is the same set in any order: its elements,
  // each normalized, in one order (a tuple or an interval, in brackets, keeps its order).
  if (s.charCodeAt(0) === 123 || s.startsWith('\\{')) {
    const set = setLiteralRe.exec(s);
    if (set) return `{${set[1].split(',').map(normalizeAnswer).sort().join(',')}}`;
  }
  return s.toLowerCase();
}

// "{a,b,c}" or "\\{a,b,c\\}" (spaces already removed): two or more elements, no nested braces or "|".
const setLiteralRe = /^\\?\{([^{}|\\]{1,80},[^{}|\\]{1,80})\\?\}$/;

/** . , ; : (what normalizeAnswer trims from both ends). */
const edgePunctuation = (c: number): boolean => c === 46 || c === 44 || c === 59 || c === 58;

/**
 * /^(?:0|[1-9]\d*)$/ by hand: "0", or a digit 1-9 then digits. Most values are such integers and
 * this runs for every one (a loop over a few characters costs less than a regular expression call).
 */
export function isCanonicalInteger(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const c = s.charCodeAt(0);
  if (c === 48) return n === 1;
  if (c < 49 || c > 57) return false;
  for (let i = 1; i < n; i++) {
    const d = s.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return true;
}
/** Two to five option letters separated by commas, "、", "&", "and" or "和"/"与"/"及" ("B, C, and D"); statements.ts finds sets by it. */
export const OPTION_LIST = String.raw`[A-E](?:[ \t]{0,2}(?:[,\uff0c\u3001&\u548c\u4e0e\u53ca]|and)[ \t]{0,2}(?:and[ \t]{1,2})?[A-E]){1,4}`;
// A set of option letters: run together ("BCD") or a list.
const letterSetRe = new RegExp(`^(?:[A-E]{2,5}|${OPTION_LIST})$`);
const simpleFraction = /^(-?)(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/;
const plainNumber = /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/** "+007.50" -> "7.5", "-0.0" -> "0"; exact on any number of digits (no float round trip). */
function canonicalNumber(s: string): string | undefined {
  const m = /^([-+]?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return undefined;
  const int = m[2].replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

/** The number a normalized answer denotes (plain number or a/b), or NaN. */
function numericValue(n: string): number {
  if (/^-?\d+(\.\d+)?$/.test(n)) return Number(n);
  const f = /^(-?)(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(n);
  if (f && Number(f[3]) !== 0) return (f[1] ? -1 : 1) * (Number(f[2]) / Number(f[3]));
  return NaN;
}

/**
 * The value of a closed form, or NaN: integers, decimals, `\\frac{a}{b}` / `a/b`, `\\sqrt{x}`,
 * `\\sqrt[n]{x}`, `\\pi`, `^`, `+ - *`, `\\cdot`, `\\times`, parentheses and braces, as
 * normalizeAnswer writes them. Anything else (a letter, a comma, an unknown command) refuses the
 * whole text. One left-to-right pass: every character is read once, nesting is at most 24 deep
 * and the text at most 160 characters, so the cost is linear and bounded.
 */
export function closedFormValue(s: string): number {
  if (s.length === 0 || s.length > 160) return NaN;
  let i = 0;
  let depth = 0;
  const fail = (): never => {
    throw closedFormRefused;
  };
  const at = (word: string): boolean => {
    if (!s.startsWith(word, i)) return false;
    i += word.length;
    return true;
  };
  const expect = (c: string): void => {
    if (s[i] !== c) fail();
    i++;
  };
  const group = (open: string, close: string): number => {
    expect(open);
    const v = expr();
    expect(close);
    return v;
  };
  const primary = (): number => {
    if (++depth > 24) fail();
    let v: number;
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 46) {
      const st = i;
      while (i < s.length && ((s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) || s[i] === '.')) i++;
      const t = s.slice(st, i);
      if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(t)) fail();
      v = Number(t);
    } else if (c === 40) v = group('(', ')');
    else if (c === 123) v = group('{', '}');
    else if (c === 92) {
      if (at('\\pi')) v = Math.PI;
      else if (at('\\dfrac') || at('\\tfrac') || at('\\frac')) {
        // "\\frac12" (one digit each) or "\\frac{a}{b}".
        const num = s[i] === '{' ? group('{', '}') : digit();
        const den = s[i] === '{' ? group('{', '}') : digit();
        v = num / den;
      } else if (at('\\sqrt')) {
        const n = s[i] === '[' ? group('[', ']') : 2;
        const x = s[i] === '{' ? group('{', '}') : digit();
        if (!Number.isInteger(n) || n < 2) fail();
        v = x >= 0 ? x ** (1 / n) : n % 2 === 1 ? -((-x) ** (1 / n)) : NaN;
        // A root that is an integer in exact arithmetic (sqrt{4}, sqrt[3]{27}) is one here too.
        const r = Math.round(v);
        if (Math.abs(v - r) < 1e-12 * Math.max(1, Math.abs(r)) && r ** n === x) v = r;
      } else return fail();
    } else if (c === 0x3c0) {
      i++;
      v = Math.PI;
    } else return fail();
    if (s[i] === '^') {
      i++;
      const e = s[i] === '{' ? group('{', '}') : s[i] === '(' ? group('(', ')') : digits();
      v = v ** e;
    }
    depth--;
    return v;
  };
  const digit = (): number => {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) fail();
    i++;
    return c - 48;
  };
  const digits = (): number => {
    const st = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57 && i - st < 4) i++;
    if (i === st) fail();
    return Number(s.slice(st, i));
  };
  const unary = (): number => {
    let sign = 1;
    while (s[i] === '-' || s[i] === '+') if (s[i++] === '-') sign = -sign;
    return sign * primary();
  };
  const term = (): number => {
    let v = unary();
    for (;;) {
      if (at('*') || at('\\cdot') || at('\\times')) v *= unary();
      else if (at('/') || at('\\div')) v /= unary();
      // Juxtaposition: "2\\sqrt{3}", "3\\pi", "2(1+x)".
      else if (s[i] === '\\' || s[i] === '(' || s[i] === '{' || s[i] === '\u03c0') v *= primary();
      else return v;
    }
  };
  const expr = (): number => {
    let v = term();
    for (;;) {
      if (s[i] === '+') {
        i++;
        v += term();
      } else if (s[i] === '-') {
        i++;
        v -= term();
      } else return v;
    }
  };
  try {
    const v = expr();
    return i === s.length && Number.isFinite(v) ? v : NaN;
  } catch (err) {
    if (err === closedFormRefused) return NaN;
    throw err;
  }
}

const closedFormRefused = new Error('not a closed form');

// A normalized answer the closed-form evaluator may read: a command, a power, a bracket or an
// operator between terms; plain numbers and a/b are numericValue's.
const closedFormHintRe = /[\\^({\u03c0*]/;

/** Both closed forms with one value (to 1e-9 relative): "\\sqrt{11/6}" and "\\sqrt{66}/6". */
function sameClosedForm(na: string, nb: string): boolean {
  if (!closedFormHintRe.test(na) && !closedFormHintRe.test(nb)) return false;
  const va = closedFormValue(na);
  if (Number.isNaN(va)) return false;
  const vb = closedFormValue(nb);
  return !Number.isNaN(vb) && Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va), Math.abs(vb));
}

/**
 * The parts of a multi-part answer ("\\theta=3\\pi/2,f(2\\pi/3)=1"): split at commas outside
 * brackets, each part's right-hand side (after its last "=" outside brackets); undefined for one part.
 */
function answerParts(n: string): string[] | undefined {
  if (!n.includes(',') || n.length > 400) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let eq = -1;
  for (let k = 0; k <= n.length; k++) {
    const c = n[k];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === '=' && depth === 0) eq = k;
    else if ((c === ',' || c === undefined) && depth === 0) {
      parts.push(n.slice(eq >= start ? eq + 1 : start, k));
      start = k + 1;
      eq = -1;
    }
  }
  return parts.length >= 2 && parts.every((p) => p.length > 0) ? parts : undefined;
}

/** Equal after normalization, or the same number (27 and 27.0, 0.5 and 1/2). */
export function answersEqual(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return false;
  return normalizedEqual(normalizeAnswer(a), normalizeAnswer(b));
}

/** answersEqual on answers already normalized (saves normalizing the ground truth once per attempt). */
export function normalizedEqual(na: string, nb: string): boolean {
  if (na === nb) return na.length > 0;
  // Integers are canonical strings by now: different strings are different integers (a relative
  // tolerance would call 2003700027 and 2003700026 equal).
  if (/^-?\d+$/.test(na) && /^-?\d+$/.test(nb)) return false;
  if (singleEqual(na, nb)) return true;
  // A multi-part answer: its parts' values in order ("\\theta = 3\\pi/2, f(2\\pi/3) = 1" is "3\\pi/2, 1").
  const pa = answerParts(na);
  if (pa === undefined) return false;
  const pb = answerParts(nb);
  if (pb === undefined || pa.length !== pb.length) return false;
  // A part holds no comma outside brackets, so comparing parts does not split them again.
  return pa.every((p, k) => normalizedEqual(p, pb[k]));
}

/** Two different normalized strings of one value: as numbers, else as closed forms. */
function singleEqual(na: string, nb: string): boolean {
  const va = numericValue(na);
  const vb = numericValue(nb);
  if (Number.isFinite(va) && Number.isFinite(vb)) return Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va), Math.abs(vb));
  return sameClosedForm(na, nb);
}
