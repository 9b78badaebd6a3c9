// How two answers are compared (docs/segmentation-eval.md): values are normalized (separators,
// spaces, LaTeX wrappers, trailing zeros) and then compared as strings, or as numbers when both
// are numeric. Finding candidate answers in text is statements.ts's job.

/**
 * Canonical form for comparison: LaTeX wrappers (`\boxed`, `\text`, `$`, `\(`), spacing,
 * degree and percent signs, thousands separators and trailing zeros removed; `\frac{a}{b}` and
 * `\dfrac` as `a/b`; lower case.
 */
export function normalizeAnswer(raw: string): string {
  if (canonicalInteger.test(raw)) return raw;
  // A plain number (most answers) passes every rewrite below unchanged but its separators.
  if (plainNumber.test(raw)) return canonicalNumber(raw.indexOf(',') < 0 ? raw : raw.replace(/,/g, ''))!;
  // A simple fraction ("3/4", "-12/35"): the rewrites below would only canonicalize its parts.
  const simple = simpleFraction.exec(raw);
  if (simple) return `${simple[1]}${canonicalNumber(simple[2])}/${canonicalNumber(simple[3])}`;
  let s = raw.trim();
  const boxed = /^\\(?:boxed|fbox)\s*\{([\s\S]*)\}$/.exec(s);
  if (boxed) s = boxed[1];
  // Each rewrite runs only when the text holds a character it needs (a backslash, "%", ...):
  // most values that get here hold few of them, and a pass that cannot match changes nothing.
  const has = (c: string): boolean => s.includes(c);
  if (has('\\')) {
    s = s
      .replace(/\\(?:text|textbf|textrm|mathrm|mathbf)\s*\{([^{}]*)\}/g, '$1')
      .replace(/\\[dt]frac/g, '\\frac')
      .replace(/\\left|\\right/g, '');
  }
  if (has('\\') || has('\u00b0')) s = s.replace(/\^\s*\{?\s*\\circ\s*\}?|\u00b0|\\degree/g, '');
  if (has('%')) s = s.replace(/\\%|%/g, '');
  if (has('\\') || has('~')) s = s.replace(/\\[,;:! ]|~/g, '');
  if (has('\\') || has('$')) s = s.replace(/\\\$|\$|\\\(|\\\)|\\\[|\\\]/g, '');
  if (has('\u2212')) s = s.replace(/\u2212/g, '-');
  s = s.replace(/\s+/g, '');
  if (has('\\')) {
    s = s.replace(/\\frac\{((?:[^{}]|\{[^{}]*\})*)\}\{((?:[^{}]|\{[^{}]*\})*)\}/g, '($1)/($2)').replace(/\\frac(\d)(\d)/g, '$1/$2');
  }
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
  s = s.replace(/\((-?[\d.]+|\\[a-z]+(?:\{[^{}]*\})?)\)/g, '$1');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  s = canonicalNumber(s) ?? s;
  const frac = /^(-?)(\d[\d.]*)\/(\d[\d.]*)$/.exec(s);
  if (frac) s = `${frac[1]}${canonicalNumber(frac[2]) ?? frac[2]}/${canonicalNumber(frac[3]) ?? frac[3]}`;
  return s.toLowerCase();
}

const canonicalInteger = /^(?:0|[1-9]\d*)$/;
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
  const va = numericValue(na);
  const vb = numericValue(nb);
  return Number.isFinite(va) && Number.isFinite(vb) && Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va), Math.abs(vb));
}
