// How two answers are compared (docs/segmentation-eval.md): values are normalized (separators,
// spaces, LaTeX wrappers, trailing zeros) and then compared as strings, as exact decimals, as
// numbers or closed forms, and as forms of one value (sets, intervals and inequalities, tuples and
// assignments, complex numbers; "Stop 29: answer equivalence"). Finding candidate answers in text
// is statements.ts's job.

import { TRUE_FALSE_MEANING, YES_NO_MEANING } from './otherYesNo.js';
import { programQuotes, unquotedString } from './programValues.js';
import { caretPowers, clock24, plainFunctions, sameExpression, withoutMembership, withoutPlainUnit } from './shapes.js';
import { bareLetterUnit, letterProduct, mayHaveUnit, quantitiesEqual, questionMakesUnit } from './units.js';
import { canonicalDate } from './dates.js';

/**
 * Canonical form for comparison: LaTeX wrappers (`\boxed`, `\text`, `$`, `\(`), spacing,
 * degree and percent signs, thousands separators and trailing zeros removed; `\frac{a}{b}` and
 * `\dfrac` as `a/b`; lower case.
 */
// A trailing unit in text after a number or a power's brace: two or more letters, "/" and spaces
// ("\\text{i}", "\\mathrm{e}" are the imaginary unit and e, not units).
const trailingUnitRe = /([\d}])[ \t]{0,3}(?:\\[ ,;!][ \t]{0,3})?\\(?:text|mathrm)[ \t]{0,2}\{[ \t]{0,3}[A-Za-z][A-Za-z/ \t]{1,15}\}$/;

/**
 * normalizeAnswer's answers, by raw value: a pure function of its text, asked again for every
 * value the rules find (a record states its values several times, and records share values), and
 * its rewrites cost a regular expression each past the integers.
 */
const normalizedAnswers = new Map<string, string>();
const NORMALIZED_CACHE = 8192;

export function normalizeAnswer(raw: string): string {
  if (isCanonicalInteger(raw)) return raw;
  let n = normalizedAnswers.get(raw);
  if (n === undefined) {
    n = normalizeUncached(raw);
    // Forgotten all at once, as analyzeQuestion's cache is.
    if (normalizedAnswers.size >= NORMALIZED_CACHE) normalizedAnswers.clear();
    normalizedAnswers.set(raw, n);
  }
  return n;
}

function normalizeUncached(raw: string): string {
  // A plain number (most answers) passes every rewrite below unchanged but its separators.
  if (plainNumber.test(raw)) return canonicalNumber(raw.indexOf(',') < 0 ? raw : raw.replace(/,/g, ''))!;
  // Pass 87e-87h: money, units of other languages and numbers written with a decimal comma (localizedNumber).
  const local = localizedNumber(raw);
  if (local !== undefined) return local === raw ? raw : normalizeAnswer(local);
  // A simple fraction ("3/4", "-12/35"): the rewrites below would only canonicalize its parts.
  const simple = simpleFraction.exec(raw);
  if (simple) return `${simple[1]}${canonicalNumber(simple[2])}/${canonicalNumber(simple[3])}`;
  let s = raw.trim();
  // Pass 67: a JSON string or list ('"spaib"', '["a", "b"]') is the Python value written with single quotes.
  if (s.includes('"')) s = programQuotes(s);
  if (s.charCodeAt(0) === 39 || s.charCodeAt(0) === 34) s = unquotedString(s);
  const boxed = /^\\(?:boxed|fbox)\s*\{([\s\S]*)\}$/.exec(s);
  if (boxed) s = boxed[1];
  // A set of option letters ("B, C, and D", "A、C、D", "DB") is one answer, in letter order: "bcd".
  if (s.length <= 40 && letterSetRe.test(s)) return [...new Set(s.match(/[A-E]/g))].sort().join('').toLowerCase();
  // Each rewrite runs only when the text holds a character it needs (a backslash, "%", ...):
  // most values that get here hold few of them, and a pass that cannot match changes nothing.
  // (s.includes written out rather than through a local `has` closure: under tsx, which keeps
  // function names, every closure created costs a defineProperty call, about 1% of the bench.)
  if (s.includes('\\')) {
    // Stop 35: markup that changes no value: size and style commands ("\\large{e^{4}-1}",
    // "\\displaystyle"), bold and italic letters ("\\boldsymbol{e}", "\\bm{x}"), a colour, and
    // "\\operatorname{ln}" as the command "\\ln".
    if (markupHintRe.test(s)) s = withoutMarkup(s);
    // A unit written as text after a number ("5 \\text{ cm}", "1.4 \\times 10^{25} \\text{ erg/s}")
    // is the number in that unit, as "5 cm" after "=" is (statements.ts): the value.
    // Stop 36: but a scale word is no unit: "3 \\text{ million}" is 3000000 (scaledNumber, below).
    if (s.endsWith('}') && (s.includes('\\text') || s.includes('\\mathrm'))) s = s.replace(trailingUnitRe, unitOrScale);
    s = s
      .replace(/\\(?:text|textbf|textrm|mathrm|mathbf)\s*\{([^{}]*)\}/g, '$1')
      .replace(/\\[dt]frac/g, '\\frac')
      .replace(/\\left|\\right/g, '');
    // Stop 36: a matrix or vector in brackets or parentheses is one matrix ("bmatrix" is "pmatrix").
    if (s.includes('matrix}')) s = s.replace(/\\(begin|end)\s*\{[bBp]matrix\}/g, '\\$1{pmatrix}');
    // A set written as text ("\\text{A、C、D}", as Chinese solutions box it) is the same set.
    if (s.length <= 40 && letterSetRe.test(s)) return [...new Set(s.match(/[A-E]/g))].sort().join('').toLowerCase();
  }
  // Pass 64: a date in another format ("March 5, 2024", "5 March 2024", "03/05/2024") is "2024-03-05" (dates.ts).
  const date = canonicalDate(s);
  if (date !== undefined) return date;
  // A temperature's scale letter goes with its degree sign ("20 °C" is 20).
  if (s.includes('\\') || s.includes('\u00b0')) s = s.replace(/\^\s*\{?\s*\\circ\s*\}?|\u00b0(?:\s?[CF](?![A-Za-z]))?|\\degree/g, '');
  if (s.includes('%')) s = s.replace(/\\%|%/g, '');
  // Stop 36: a matrix's row break (two backslashes) stays, the space after it too: it is no spacing command.
  if (s.includes('\\') || s.includes('~')) s = s.replace(/\\\\|\\[,;:! ]|~/g, spacingOrRowBreak);
  if (s.includes('\\') || s.includes('$')) s = s.replace(/\\\$|\$|\\\(|\\\)|\\\[|\\\]/g, '');
  if (s.includes('\u2212')) s = s.replace(/\u2212/g, '-');
  // Pass 58 (shapes.ts): a number with a unit in plain text is the number ("60 km/h"), as with \text.
  const last = s.charCodeAt(s.length - 1);
  if (((last >= 97 && last <= 122) || last === 76 || last === 0xb2 || last === 0xb3 || last === 50 || last === 51) && isDigitStart(s)) {
    const n = withoutPlainUnit(s) ?? scaledNumber(s) ?? countedNumber(s);
    if (n !== undefined) s = n;
  }
  // Stop 40: a closed form with a unit word after it ("3√13 units", "2\\sqrt{5} cm", "4π square units")
  // is the closed form, as "12 units" is 12 above; words only ("2√3 m" could be a product).
  if (last >= 97 && last <= 122 && s.length <= 80) {
    const m = expressionUnitRe.exec(s);
    if (m !== null && closedFormRe.test(m[1])) s = m[1];
  }
  // Pass 58: "\\sin x" and "sin(x)" are "sinx" (before the spaces go: "\\sin x" is not "\\sinx").
  if (s.includes('\\') || s.includes('(')) s = plainFunctions(s);
  s = s.replace(/\s+/g, '');
  // Stop 36: a power's braces around one character are no part of its value ("x^{2}" is "x^2", as
  // LaTeX reads "x^2"); not before a digit ("2^{3}4" is 8 times 4, "2^34" would be 2^34).
  if (s.includes('^{')) s = s.replace(/\^\{([0-9A-Za-z])\}(?![\d.])/g, '^$1');
  // Stop 36 (leftovers): so are a subscript's ("52_{8}" is "52_8", "a_{1}" is "a_1").
  if (s.includes('_{')) s = s.replace(/_\{([0-9A-Za-z])\}(?![\d.])/g, '_$1');
  // Stop 36: a repeating decimal ("0.\\overline{3}", "1.\\bar{27}") is its fraction ("1/3", "14/11").
  if (s.includes('\\overline') || s.includes('\\bar')) s = repeatingDecimal(s) ?? s;
  // A clock time: "08:42 a.m.", "8:42", "20:42 (8:42 PM)" are "8:42" / "20:42" (the 24-hour clock, pass 58).
  if (s.includes(':')) {
    const clock = clock24(s);
    if (clock !== undefined) return clock;
  }
  // Pass 58: "n²" is "n^2"; "x ∈ [1, 3]" is "[1, 3]".
  if (s.includes('\u00b2') || s.includes('\u00b3') || s.includes('\u2074')) s = caretPowers(s);
  if (s.includes('\u2208') || s.includes('\\in')) s = withoutMembership(s);
  if (s.includes('\\')) {
    // A mixed number ("2\\frac{1}{2}", "-3\\frac14") is its whole part plus the fraction: rewritten
    // first, or the rewrite below would run its digits together ("21/2").
    if (s.includes('\\frac') && mixedNumberRe.test(s)) s = s.replace(mixedNumberRe, mixedNumber);
    // Stop 35: a fraction that is a function's argument ("\\ln\\frac{5}{3}") stays one ("ln((5)/(3))", not "ln(5)/(3)").
    s = s
      .replace(/\\frac\{((?:[^{}]|\{[^{}]*\})*)\}\{((?:[^{}]|\{[^{}]*\})*)\}/g, (_m, a: string, b: string, at: number, t: string) =>
        afterFunction(t, at) ? `((${a})/(${b}))` : `(${a})/(${b})`,
      )
      .replace(/\\frac(\d)(\d)/g, (_m, a: string, b: string, at: number, t: string) =>
        afterFunction(t, at) ? `(${a}/${b})` : `${a}/${b}`,
      );
  }
  // (Guarded by the literals each pattern needs: most values reach here with none of them.)
  if (s.length > 0 && (edgePunctuation(s.charCodeAt(0)) || edgePunctuation(s.charCodeAt(s.length - 1))))
    s = s.replace(/^(?:[,;:]|\.(?!\d))+|[.,;:]+$/g, '');
  // Plain-text math written as LaTeX would be: "π/2", "3*sqrt(13)", "3√13" (tested first: rare).
  if (/\u03c0|sqrt|\u221a/.test(s)) {
    s = s
      .replace(/\u03c0/g, '\\pi')
      .replace(
        /(?:\\sqrt|sqrt|\u221a)\(([^()]{1,20})\)|(?:\\?sqrt|\u221a)(\d+|[a-z])/g,
        (_m, a: string | undefined, b: string | undefined) => `\\sqrt{${a ?? b}}`,
      )
      .replace(/(\d)(?:\*|\\cdot|\\times)(?=\\sqrt|\\pi)/g, '$1');
  }
  // Parentheses the fraction rewrite added around plain numbers or a single symbol are noise.
  // (Not a function's argument before a power: "\\ln(2)^4" is (ln 2)^4, "ln2^4" would be ln 16.)
  if (s.includes('(')) s = s.replace(/\((-?[\d.]+|\\[a-z]+(?:\{[^{}]*\})?)\)/g, noiseBrackets);
  // (Stop 36: not where a space followed a comma, "12, 345": two numbers, as a list writes them.)
  if (s.includes(',') && /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) && !/,[ \t]/.test(raw)) s = s.replace(/,/g, '');
  // Stop 36 (leftovers): a negative denominator's sign is the fraction's ("\\frac{3}{-4}" is -3/4).
  if (s.includes('/-')) s = s.replace(/^([-+]?)(\d{1,20}(?:\.\d{1,20})?)\/-(\d{1,20}(?:\.\d{1,20})?)$/, negativeDenominator);
  // Pass 87f: a unit or counter that markup wrapped ("11 \\text{ 分}" is "11分" by now).
  const unitTail = unitTailValue(s);
  if (unitTail !== undefined) return normalizeAnswer(unitTail);
  s = canonicalNumber(s) ?? s;
  const frac = s.includes('/') ? /^(-?)(\d[\d.]*)\/(\d[\d.]*)$/.exec(s) : null;
  if (frac) s = `${frac[1]}${canonicalNumber(frac[2]) ?? frac[2]}/${canonicalNumber(frac[3]) ?? frac[3]}`;
  // Stop 36: a command keeps its case ("\\Gamma" is not "\\gamma", "\\Delta" not "\\delta").
  return s.includes('\\') ? s.replace(/\\[A-Z][A-Za-z]*|[A-Z]+/g, lowerButCommand) : s.toLowerCase();
}

function verdictLetter(letter: string, word: string): boolean {
  return (letter === 't' && word === 'true') || (letter === 'f' && word === 'false');
}

// Stop 36 (leftovers): a number written as a word ("two", "twelve") is the number, where two
// answers are compared (normalizedEqual): not in normalizeAnswer, whose values the reader also
// reads ("So the answer is three." stays a word candidate).

const NUMBER_WORDS = new Map<string, string>(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((w, k): [string, string] => [w, String(k)])
    .concat(['thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, k): [string, string] => [w, String(30 + 10 * k)])),
);

function negativeDenominator(_m: string, sign: string, a: string, b: string): string {
  return `${sign === '-' ? '' : '-'}${a}/${b}`;
}

function lowerButCommand(m: string): string {
  return m.charCodeAt(0) === 92 ? m : m.toLowerCase();
}

// Stop 36: scale words after a number ("3 million", "2.5 billion", "3 dozen"), as text or plain.
const SCALES: Record<string, number> = { dozen: 0, hundred: 2, thousand: 3, million: 6, billion: 9, trillion: 12 };
const scaledRe = /^([-+]?\d(?:[\d,]{0,20}\d)?(?:\.\d{1,12})?)[ \t]{0,3}(dozen|hundred|thousand|million|billion|trillion)$/;

/** "3 million" -> "3000000", "3 dozen" -> "36" (exact); undefined when s is no number and scale word. */
function scaledNumber(s: string): string | undefined {
  const m = scaledRe.exec(s);
  if (m === null) return undefined;
  const n = m[1].replace(/,/g, '');
  const exp = SCALES[m[2]];
  if (exp > 0) return exactDecimal(`${n}e${exp}`);
  const r = exactRational(`${n}*12`);
  return r === undefined ? undefined : r[1] === 1n ? r[0].toString() : exactDecimal(`${Number(n) * 12}`);
}

// A value ending in a digit, a brace, a parenthesis or π, then a unit word (normalizeAnswer, stop 40).
const expressionUnitRe =
  /^(.*[\d})\u03c0])[ \t]{1,2}(?:(?:square|sq\.?|cubic)[ \t]{1,2})?(?:units?|cm|mm|km|meters?|metres?|inch(?:es)?|feet|foot|miles?|degrees?|radians?)$/;
// ... and the value is a closed form: a root or π, not a plain number (withoutPlainUnit) or a word.
const closedFormRe = /\u221a|\\sqrt|\u03c0|\\pi/;

/** trailingUnitRe's replacement: the number, but a scale word stays as a word ("3 million"). */
function unitOrScale(m: string, before: string): string {
  const w = /\{[ \t]{0,3}([a-z]+)[ \t]{0,3}\}$/.exec(m);
  return w !== null && Object.hasOwn(SCALES, w[1]) ? `${before} ${w[1]}` : before;
}

// Stop 36: a count noun after a number, as GSM8K answers are written ("18 cookies", "5 people"): one
// lower-case word; not a scale, an operation or a word that makes the number another value.
const countedRe = /^([-+]?\d(?:[\d,]{0,20}\d)?(?:\.\d{1,12})?)[ \t]{1,2}([a-z]{3,15})$/;
const NOT_COUNT_NOUNS = new Set(
  'and or the times plus minus over squared cubed percent pi dozen hundred thousand million billion trillion half halves third thirds quarter quarters tenth tenths less more than off per radians degree degrees sqrt root roots factorial mod'.split(
    ' ',
  ),
);

/** "18 cookies" -> "18"; undefined when s is no number and one count noun. */
function countedNumber(s: string): string | undefined {
  const m = countedRe.exec(s);
  return m === null || NOT_COUNT_NOUNS.has(m[2]) ? undefined : m[1];
}

// "0.\\overline{3}", "1.\\overline{27}", "0.1\\overline{6}", "33.\\bar{3}" (whole, digits before the period, the period).
const repeatingRe = /^(-?)(\d{0,12})\.(\d{0,12})\\(?:overline|bar)\{(\d{1,12})\}$/;

/** A repeating decimal as its reduced fraction "p/q" (or an integer: "0.\\overline{9}" is 1); undefined otherwise. */
function repeatingDecimal(s: string): string | undefined {
  const m = repeatingRe.exec(s);
  if (m === null) return undefined;
  const [, sign, whole, fixed, period] = m;
  // x = whole.fixed(period): (whole fixed period - whole fixed) / (10^|fixed| (10^|period| - 1))
  const a = BigInt((whole || '0') + fixed + period) - BigInt((whole || '0') + fixed);
  const d = 10n ** BigInt(fixed.length) * (10n ** BigInt(period.length) - 1n);
  const g = gcd(a, d);
  const [n, q] = [a / g, d / g];
  return `${sign && n !== 0n ? '-' : ''}${n}${q === 1n ? '' : `/${q}`}`;
}

// Stop 35: commands that only change how a value looks (a size, a style, a font, a colour).
const markupHintRe =
  /\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge|displaystyle|textstyle|scriptstyle|boldsymbol|bm|pmb|mathit|mathsf|mathtt|mathnormal|textit|emph|color|textcolor|operatorname)(?![A-Za-z])/;
// A size or font command with its argument (one level of braces inside), a colour with its name,
// "\\operatorname{name}" (a function name: "\\operatorname{ln}" is "\\ln").
const markupGroupRe =
  /\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge|boldsymbol|bm|pmb|mathit|mathsf|mathtt|mathnormal|textit|emph)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;
const markupWordRe =
  /\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge|displaystyle|textstyle|scriptstyle)(?![A-Za-z])|\\(?:textcolor|color)\s*\{[A-Za-z!\d]{0,20}\}/g;
const operatorNameRe = /\\operatorname\*?\s*\{\s*([A-Za-z]{1,12})\s*\}/g;

/** The text without markup that changes no value (markupHintRe's commands). */
function withoutMarkup(s: string): string {
  return s.replace(operatorNameRe, '\\$1').replace(markupGroupRe, '$1').replace(markupWordRe, '');
}

// A function name (as plainFunctions leaves it, or a command it leaves: "\\arctan", "\\sinh"), with a
// log's base and a power ("log_{2}", "sin^2", "tan^{-1}"), at the end of the text before a bracket.
const functionTailRe =
  /(?:arcsin|arccos|arctan|sinh|cosh|tanh|sin|cos|tan|sec|csc|cot|exp|log|ln)(?:_(?:\{[^{}]{1,8}\}|\w))?(?:\^(?:\{[^{}]{1,8}\}|-?\d))?$/;

/** Does the text before `at` end in a function name (functionTailRe)? */
function afterFunction(s: string, at: number): boolean {
  return at > 1 && functionTailRe.test(s.slice(Math.max(0, at - 24), at));
}

// A whole number directly before a fraction of integers, at the start or after a sign, "=", or an opening bracket or comma.
const mixedNumberRe = /(^|[-+=(,[{])(\d{1,9})\\frac(?:\{(\d{1,9})\}\{(\d{1,9})\}|(\d)(\d))/g;

/** "2\\frac{1}{2}" -> "(2+1/2)"; a whole number before an improper fraction multiplies it. */
function mixedNumber(_m: string, pre: string, whole: string, a?: string, b?: string, c?: string, d?: string): string {
  const num = a ?? c!;
  const den = b ?? d!;
  return Number(num) < Number(den) ? `${pre}(${whole}+${num}/${den})` : `${pre}${whole}\\cdot${num}/${den}`;
}

/** "(2)" -> "2", but a function's argument before a power ("ln(2)^4") keeps its brackets. */
function noiseBrackets(m: string, inner: string, at: number, s: string): string {
  return s.charCodeAt(at + m.length) === 94 && afterFunction(s, at) ? m : inner;
}

/** A spacing command or "~" is dropped; a matrix's row break (two backslashes) is kept. */
function spacingOrRowBreak(m: string): string {
  return m.length === 2 && m.charCodeAt(1) === 92 ? m : '';
}

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
/** Does s start with a digit, or a sign and a digit? */
function isDigitStart(s: string): boolean {
  const c = s.charCodeAt(0);
  const d = c === 45 || c === 43 || c === 0x2212 ? s.charCodeAt(1) : c;
  return d >= 48 && d <= 57;
}
const plainNumber = /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;
// Pass 87f: a number with the euro or rouble sign before or after it, or a unit or counter of one to
// three Hangul, kana or CJK characters after it ("15,750원", "9/5시간", "300円", "12個"); not a scale word
// ("3万" is 30000, "5천").
const currencyRe =
  /^[ \t]*(?:[\u20ac\u20bd]|Rp\.?|R\$)[ \t\u00a0]?(\d[\d.,' \u00a0\u202f]{0,30})[ \t]*$|^[ \t]*(-?\d[\d.,' \u00a0\u202f/]{0,30}?)[ \t\u00a0\u202f]?(?:[\u20ac\u20bd]|(?![^\n]{0,3}[\u4e07\u5104\u5343\u767e\u842c\u5146\uc5b5\ub9cc\ucc9c\ubc31\uc870\u5341])[\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]{1,3})[ \t]*$/;
// Pass 87h: a localized number, then one word of a unit ("22,1 litri", "82,3 км/ч", "108.000 litros").
const localUnitRe =
  /^(-?\d[\d.,' \u00a0\u202f]{0,30}?\d)[ \t\u00a0]{1,2}[A-Za-z\u00c0-\u024f\u0400-\u04ff][A-Za-z\u00c0-\u024f\u0400-\u04ff/\u00b2\u00b3]{0,15}$/;
// Pass 89b: a unit word of another language after a whole number (localizedNumber): a letter of another
// script or an accent, or a time unit of Italian, Spanish, Portuguese, French, German or Swahili.
const otherUnitWordRe =
  /^[ \t\u00a0]{1,2}(?:[A-Za-z/]{0,15}[\u00c0-\u024f\u0400-\u04ff][A-Za-z\u00c0-\u024f\u0400-\u04ff/\u00b2\u00b3]{0,15}|secondi|minuti|ore|segundos|minutos|horas|secondes|heures|Sekunden|Minuten|Stunden|sekunde|dakika|saa)$/;
// Pass 89b: a Chinese length, area or mass unit after a number ("40 千米", "84 平方厘米"; 千 is no scale word there).
const cjkUnitRe =
  /^[ \t]*(-?\d[\d.,]{0,20}?)[ \t]?(?:[\u5e73\u7acb]\u65b9)?(?:\u5343[\u7c73\u514b]|[\u5398\u6beb]\u7c73|\u516c[\u91cc\u65a4])[ \t]*$/;
// Pass 89b: Swahili writes the unit or currency before the number ("shilingi 2,000", "mita 17").
const swUnitBeforeRe =
  /^[ \t]*(?:shilingi|dola|mita|sentimita|kilomita|lita|kilo|kilogramu|gramu|dakika|sekunde|saa|siku)[ \t]{1,2}(\d[\d.,]{0,20}?)[ \t]*$/i;
// Pass 87e: "1.234,50", "1 234,5", "1'234,50", "3,14", "1.234.567" (normalizeUncached).
const commaNumber = /^-?(?:\d{1,3}(?:[. \u00a0\u202f']\d{3}){1,6},\d{1,12}|\d{1,3}(?:\.\d{3}){2,6})$/;

/**
 * Pass 87e-87h: the plain number written in `raw` where it is money or a number of another
 * language's writing, for normalizeAnswer to normalize again; undefined where it is neither. The euro
 * and rouble signs go as "$" does ("90 €", "€12") and so does a unit or counter of one to three
 * Hangul, kana or CJK characters after a number ("15,750원", "9/5시간", "300円"), not a scale word
 * ("3万"); an amount with points before groups of three is grouped ("Rp 125.000", "1.500 €"). A number
 * with a decimal comma and points, blanks or apostrophes between its groups ("1.234,50", "1 234,5",
 * "1'234,50") or in groups of points ("1.234.567") is that number, a unit word after it allowed ("22,1
 * litri", "82,3 км/ч"; "108.000 litros" where the word is no English unit, so the points group). A
 * comma before one or two digits alone ("3,14", "2,3": a decimal or a list) and a comma or point before
 * exactly three ("16,400", "1.234") stay as written here: normalizedEqual and statements.ts
 * (localizedValue, by the text's convention) read those.
 */
export function localizedNumber(raw: string): string | undefined {
  const unitAround = cjkUnitRe.exec(raw) ?? swUnitBeforeRe.exec(raw);
  if (unitAround) return unitAround[1];
  const money = currencyRe.exec(raw);
  if (money) {
    const num = money[1] ?? money[2];
    if (/^-?\d{1,3}(?:\.\d{3})+$/.test(num) && /[\u20ac\u20bd]|Rp|R\$/.test(raw)) return num.replace(/\./g, '');
    return num;
  }
  const unit = localUnitRe.exec(raw);
  if (unit) {
    if (commaNumber.test(unit[1]) || shortCommaRe.test(unit[1])) return unit[1];
    if (/^\d{1,3}(?:\.\d{3})+$/.test(unit[1]) && withoutPlainUnit(raw) === undefined) return unit[1].replace(/\./g, '');
    // Pass 89b: a whole number, its groups by blanks allowed, then a unit word written with a letter of
    // another script or an accent, or one of the languages' time units ("90 км/ч", "11 700 secondi").
    if (/^\d{1,3}(?:[ \u00a0\u202f]\d{3})*$|^\d{1,15}$/.test(unit[1]) && otherUnitWordRe.test(raw.slice(unit[1].length)))
      return unit[1].replace(/[ \u00a0\u202f]/g, '');
    return undefined;
  }
  if (commaNumber.test(raw)) {
    const comma = raw.indexOf(',');
    const whole = (comma < 0 ? raw : raw.slice(0, comma)).replace(/[. \u00a0\u202f']/g, '');
    return canonicalNumber(comma < 0 ? whole : `${whole}.${raw.slice(comma + 1)}`) ?? raw;
  }
  return undefined;
}
/** Pass 87g: a unit or counter that markup wrapped ("11 \\text{ 分}" is "11分" by the end of normalizeAnswer): the number before it. */
export function unitTailValue(s: string): string | undefined {
  const m = s.length < 40 ? currencyRe.exec(s) : null;
  return m ? (m[1] ?? m[2]) : undefined;
}
// A number with a comma before one or two digits ("3,14", "2,3"): a decimal comma or a list.
const shortCommaRe = /^-?\d{1,15},\d{1,2}$/;

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

// Stop 35: the functions a closed form may apply, longest names first (so "sinh" is not "sin" then
// h, "exp" not e then xp), as commands ("\\sinh", "\\arctan": plainFunctions leaves them) or as the
// plain words plainFunctions writes ("\\ln 2" -> "ln2"). `log` is the natural logarithm, as in analysis.
const CLOSED_FUNCTIONS = [
  'arcsin',
  'arccos',
  'arctan',
  'sinh',
  'cosh',
  'tanh',
  'sin',
  'cos',
  'tan',
  'sec',
  'csc',
  'cot',
  'exp',
  'log',
  'ln',
] as const;
type ClosedFunction = (typeof CLOSED_FUNCTIONS)[number];

const FUNCTION_VALUES: Record<ClosedFunction, (x: number) => number> = {
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  cot: (x) => 1 / Math.tan(x),
  exp: Math.exp,
  log: Math.log,
  ln: Math.log,
};
// "\sin^{-1}" is arcsin, "\sinh^{-1}" arsinh; no other function is written so.
const INVERSE_VALUES: Partial<Record<ClosedFunction, (x: number) => number>> = {
  sin: Math.asin,
  cos: Math.acos,
  tan: Math.atan,
  sinh: Math.asinh,
  cosh: Math.acosh,
  tanh: Math.atanh,
};

function applyFunction(f: ClosedFunction, x: number, inverse: boolean): number {
  const value = inverse ? INVERSE_VALUES[f] : FUNCTION_VALUES[f];
  return value ? value(x) : NaN;
}

/**
 * The value of a closed form, or NaN: integers, decimals, `\\frac{a}{b}` / `a/b` (`\\frac\\pi3`),
 * `\\sqrt{x}`, `\\sqrt[n]{x}`, `\\pi`, Euler's `e` (a letter e standing alone: "e^{4}-1", "2e",
 * "\\pie"), `^`, `+ - *`, `\\cdot`, `\\times`, parentheses and braces, and (stop 35) the functions
 * of CLOSED_FUNCTIONS, as normalizeAnswer writes them: the argument in brackets ("ln(5/3)",
 * "\\sin{1}") or bare, a number with its power or one symbol ("ln2" is ln 2, "ln2^4" ln 16,
 * "ln\\sqrt{3}", "sin\\pi"); a power after a bracketed argument is the value's ("ln(2)^4" is
 * (ln 2)^4), before the argument too ("sin^2(1)", "sin^21": one character unbraced, as LaTeX reads
 * a superscript), "^{-1}" there the inverse ("tan^{-1}1");
 * `log_{b}x` / `log_2x` (one character, as LaTeX reads a subscript) the logarithm to base b. A bare
 * argument followed by another factor ("ln2\\pi": ln(2π) or π ln 2?) and a braced one followed by a
 * power are refused. Anything else (another letter, a comma, an unknown command) refuses the whole
 * text. One left-to-right pass: every character is read once, nesting is at most 24 deep and the
 * text at most 160 characters, so the cost is linear and bounded.
 */
export function closedFormValue(s: string): number {
  if (s.length === 0 || s.length > 160) return NaN;
  let v = closedFormValues.get(s);
  if (v === undefined) {
    v = evaluateClosedForm(s);
    // Forgotten all at once, as normalizeAnswer's cache is.
    if (closedFormValues.size >= CLOSED_FORM_CACHE) closedFormValues.clear();
    closedFormValues.set(s, v);
  }
  return v;
}

/**
 * closedFormValue's values (NaN for a refusal) by text: a pure function of it, asked again as a
 * record's values are compared pairwise, and each evaluation builds its parser's closures afresh.
 */
const closedFormValues = new Map<string, number>();
const CLOSED_FORM_CACHE = 4096;

function evaluateClosedForm(s: string): number {
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
  // The function named at i (after a backslash or not), or undefined.
  const functionAt = (): ClosedFunction | undefined => {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 116) return undefined;
    for (const f of CLOSED_FUNCTIONS) if (s.startsWith(f, i)) return f;
    return undefined;
  };
  // A fraction's one-token part: "\\frac12", "\\frac\\pi3", "\\frac e2".
  const fracPart = (): number => {
    if (s[i] === '{') return group('{', '}');
    if (at('\\pi')) return Math.PI;
    if (s[i] === 'e' && functionAt() === undefined) {
      i++;
      return Math.E;
    }
    return digit();
  };
  // Does a factor follow at i, written next to the one before ("2\\pi", "ln2\\pi")?
  const juxtaposed = (): boolean => {
    const c = s.charCodeAt(i);
    if (c === 92) return !s.startsWith('\\cdot', i) && !s.startsWith('\\times', i) && !s.startsWith('\\div', i);
    return c === 40 || c === 123 || c === 0x3c0 || (c >= 97 && c <= 122);
  };
  const application = (f: ClosedFunction): number => {
    let base = Math.E;
    if (f === 'log' && s[i] === '_') {
      i++;
      base = s[i] === '{' ? group('{', '}') : s[i] === 'e' ? (i++, Math.E) : digit();
      if (!(base > 0) || base === 1) fail();
    }
    let inverse = false;
    let power = 1;
    if (s[i] === '^') {
      i++;
      // One character unbraced, as LaTeX reads a superscript: "sin^21" is sin² 1.
      const e = s[i] === '{' ? group('{', '}') : s[i] === '-' && s[i + 1] === '1' ? ((i += 2), -1) : digit();
      if (e === -1) inverse = true;
      else power = e;
    }
    let x: number;
    const open = s[i];
    if (open === '(' || open === '{') {
      x = open === '(' ? group('(', ')') : group('{', '}');
      if (s[i] === '^') {
        // "ln(2)^4" is (ln 2)^4; "\\ln{2}^4" reads as ln 2^4 in print: refused; so is a second power.
        if (open === '{' || power !== 1 || inverse) fail();
        i++;
        power = s[i] === '{' ? group('{', '}') : s[i] === '(' ? group('(', ')') : digits();
      }
    } else {
      const c = s.charCodeAt(i);
      if (c === 45 || c === 43) fail();
      x = primary();
      if (juxtaposed()) fail();
    }
    let v = applyFunction(f, x, inverse);
    if (base !== Math.E) v /= Math.log(base);
    return power === 1 ? v : v ** power;
  };
  // A function named at i (after a backslash or not) applied to what follows it.
  const applied = (f: ClosedFunction): number => {
    i += f.length;
    const v = application(f);
    depth--;
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
      i++;
      const f = functionAt();
      if (f !== undefined) return applied(f);
      i--;
      if (at('\\pi')) v = Math.PI;
      else if (at('\\dfrac') || at('\\tfrac') || at('\\frac')) {
        // "\\frac12" (one token each) or "\\frac{a}{b}".
        const num = fracPart();
        const den = fracPart();
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
    } else if (c >= 97 && c <= 122) {
      const f = functionAt();
      if (f !== undefined) return applied(f);
      // Euler's e: the one letter read as a constant.
      if (c !== 101) fail();
      i++;
      v = Math.E;
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
      // Juxtaposition: "2\\sqrt{3}", "3\\pi", "2(1+x)", "2e", "6ln2".
      else if (juxtaposed()) v *= primary();
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
// (Stop 35: or a letter, e and the functions' names; stop 36: a factorial's "!".)
const closedFormHintRe = /[\\^({\u03c0*a-z!]/;

/**
 * Both closed forms with one value: exactly where both are rational ("2^{30}-1" is not 1073741824,
 * "\\frac{1}{10^{10}}" not 0: exactRational), else to 1e-9 relative ("\\sqrt{11/6}" and "\\sqrt{66}/6").
 */
function sameClosedForm(na: string, nb: string): boolean {
  if (!closedFormHintRe.test(na) && !closedFormHintRe.test(nb)) return false;
  const ea = exactRational(na);
  const eb = ea === undefined ? undefined : exactRational(nb);
  if (ea !== undefined && eb !== undefined) return ea[0] * eb[1] === eb[0] * ea[1];
  const va = closedFormValue(na);
  if (Number.isNaN(va)) return false;
  const vb = closedFormValue(nb);
  return !Number.isNaN(vb) && closeValues(va, vb);
}

/**
 * Two values to 1e-9 relative (stop 36: relative only, "\\frac{1.6}{10^{19}}" is not "\\frac{3.2}{10^{19}}";
 * a value within 1e-14 of an exact 0 is 0, as "\\sin\\pi" evaluates).
 */
function closeValues(a: number, b: number): boolean {
  const d = Math.abs(a - b);
  const m = Math.max(Math.abs(a), Math.abs(b));
  return d <= 1e-9 * m || ((a === 0 || b === 0) && m < 1e-14);
}

// What exactRational may read: digits, operators, brackets and its five commands (a cheap test first:
// a refusal costs an exception). Unambiguous: the runs between commands hold no backslash.
const exactCharsRe = /^[-+*/^().{}!\d]*(?:\\(?:frac|binom|cdot|times|div)[-+*/^().{}!\d]*)*$/;

// The largest number of bits exactRational lets a numerator or denominator grow to (1,100: past a
// double's range, 10^{308}; 100! is 525): bounds its products and gcds (a larger value is compared as a float).
const EXACT_BITS = 1100;

/**
 * Stop 36: the exact value of a rational closed form as [numerator, denominator > 0] (BigInt): integers,
 * decimals, "+ - * / \\cdot \\times \\div", "\\frac", brackets and braces, integer powers ("2^{30}",
 * "10^{-3}"), "n!" and "\\binom{n}{k}"; undefined for anything else (a root, pi, a letter) or where a
 * number would pass EXACT_BITS. Read as closedFormValue reads (its juxtaposition, its powers), in one
 * left-to-right pass over at most 160 characters, nesting at most 24 deep.
 */
export function exactRational(s: string): [bigint, bigint] | undefined {
  if (s.length === 0 || s.length > 160 || !exactCharsRe.test(s)) return undefined;
  let i = 0;
  let depth = 0;
  const fail = (): never => {
    throw closedFormRefused;
  };
  const bits = (x: bigint): number => (x < 0n ? -x : x).toString(16).length * 4;
  const make = (n: bigint, d: bigint): [bigint, bigint] => {
    if (d === 0n) fail();
    if (d < 0n) [n, d] = [-n, -d];
    // (A product or sum of two bounded parts, before the gcd is taken.)
    if (bits(n) > 2 * EXACT_BITS + 8 || bits(d) > 2 * EXACT_BITS + 8) fail();
    const g = gcd(n < 0n ? -n : n, d);
    if (g > 1n) [n, d] = [n / g, d / g];
    if (bits(n) > EXACT_BITS || bits(d) > EXACT_BITS) fail();
    return [n, d];
  };
  const mul = (a: [bigint, bigint], b: [bigint, bigint]): [bigint, bigint] => make(a[0] * b[0], a[1] * b[1]);
  const div = (a: [bigint, bigint], b: [bigint, bigint]): [bigint, bigint] => make(a[0] * b[1], a[1] * b[0]);
  const add = (a: [bigint, bigint], b: [bigint, bigint], sign: bigint): [bigint, bigint] =>
    make(a[0] * b[1] + sign * b[0] * a[1], a[1] * b[1]);
  const at = (word: string): boolean => {
    if (!s.startsWith(word, i)) return false;
    i += word.length;
    return true;
  };
  const group = (open: string, close: string): [bigint, bigint] => {
    if (s[i] !== open) fail();
    i++;
    const v = expr();
    if (s[i] !== close) fail();
    i++;
    return v;
  };
  const digit = (): [bigint, bigint] => {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) fail();
    i++;
    return [BigInt(c - 48), 1n];
  };
  const smallInteger = (v: [bigint, bigint], max: number): number => {
    if (v[1] !== 1n || v[0] < BigInt(-max) || v[0] > BigInt(max)) fail();
    return Number(v[0]);
  };
  const primary = (): [bigint, bigint] => {
    if (++depth > 24) fail();
    let v: [bigint, bigint];
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 46) {
      const st = i;
      while (i < s.length && ((s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) || s[i] === '.')) i++;
      const m = /^(\d*)(?:\.(\d+))?$/.exec(s.slice(st, i));
      if (m === null || (m[1] === '' && m[2] === undefined)) return fail();
      const frac = m[2] ?? '';
      v = make(BigInt((m[1] || '0') + frac), 10n ** BigInt(frac.length));
    } else if (c === 40) v = group('(', ')');
    else if (c === 123) v = group('{', '}');
    else if (at('\\frac')) {
      const part = (): [bigint, bigint] => (s[i] === '{' ? group('{', '}') : digit());
      const num = part();
      v = div(num, part());
    } else if (at('\\binom')) {
      const part = (): [bigint, bigint] => (s[i] === '{' ? group('{', '}') : digit());
      const n = smallInteger(part(), 1000);
      const k = smallInteger(part(), 1000);
      if (n < 0 || k < 0) fail();
      let r = 1n;
      if (k <= n) for (let j = 1; j <= Math.min(k, n - k); j++) r = (r * BigInt(n - j + 1)) / BigInt(j);
      v = make(k <= n ? r : 0n, 1n);
    } else return fail();
    for (;;) {
      if (s[i] === '^') {
        i++;
        // As closedFormValue reads a power: braced, bracketed, or up to four digits.
        let e: [bigint, bigint];
        if (s[i] === '{') e = group('{', '}');
        else if (s[i] === '(') e = group('(', ')');
        else {
          const st = i;
          while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57 && i - st < 4) i++;
          if (i === st) fail();
          e = [BigInt(s.slice(st, i)), 1n];
        }
        const n = smallInteger(e, 100000);
        if (v[0] === 0n && n <= 0) fail();
        const size = Math.max(bits(v[0]), bits(v[1])) * Math.abs(n);
        if (size > 2 * EXACT_BITS + 8) fail();
        v = n >= 0 ? make(v[0] ** BigInt(n), v[1] ** BigInt(n)) : make(v[1] ** BigInt(-n), v[0] ** BigInt(-n));
      } else if (s[i] === '!' && s[i + 1] !== '=') {
        i++;
        const n = smallInteger(v, 400);
        if (n < 0) fail();
        let r = 1n;
        for (let j = 2; j <= n; j++) r *= BigInt(j);
        v = make(r, 1n);
      } else break;
    }
    depth--;
    return v;
  };
  const unary = (): [bigint, bigint] => {
    let sign = 1n;
    while (s[i] === '-' || s[i] === '+') if (s[i++] === '-') sign = -sign;
    const v = primary();
    return sign === 1n ? v : [-v[0], v[1]];
  };
  const term = (): [bigint, bigint] => {
    let v = unary();
    for (;;) {
      if (at('*') || at('\\cdot') || at('\\times')) v = mul(v, unary());
      else if (at('/') || at('\\div')) v = div(v, unary());
      // Juxtaposition, as closedFormValue reads it: "2(3+1)", "3\\frac12" (normalizeAnswer wrote mixed numbers out).
      else if (s[i] === '(' || s[i] === '{' || s.startsWith('\\frac', i) || s.startsWith('\\binom', i)) v = mul(v, primary());
      else return v;
    }
  };
  const expr = (): [bigint, bigint] => {
    let v = term();
    for (;;) {
      if (s[i] === '+') {
        i++;
        v = add(v, term(), 1n);
      } else if (s[i] === '-') {
        i++;
        v = add(v, term(), -1n);
      } else return v;
    }
  };
  try {
    const v = expr();
    return i === s.length ? v : undefined;
  } catch (err) {
    if (err === closedFormRefused) return undefined;
    throw err;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
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

/**
 * The answer a value gives, the one letter after a number read as the question reads it (stop 36's
 * judge, segment.ts judgeAttempts): "6m", "12 g", "$5h$" (units.ts bareLetterUnit) is a unit,
 * dropped as normalizeAnswer drops it ("6"), only where `query` makes the letter one
 * (questionMakesUnit: "in meters", "a 2 m piece"); elsewhere, and where no question is known
 * (undefined: the cautious reading), it is the product it is ("6m": m·6, not the number 6).
 * Every other value is normalizeAnswer's.
 */
export function normalizeAnswerIn(raw: string, query: string | undefined): string {
  const letter = bareLetterUnit(raw);
  if (letter === undefined || questionMakesUnit(query, letter)) return normalizeAnswer(raw);
  const product = letterProduct(raw);
  // The number as normalizeAnswer writes it ("6.50m" is "6.5m", "+6m" "6m").
  return `${normalizeAnswer(product.slice(0, -1))}${product.slice(-1)}`;
}

/**
 * Equal after normalization, or the same number (27 and 27.0, 0.5 and 1/2). A number and one
 * letter ("6m") is that number in a unit only where `query`, the question, makes the letter one
 * (normalizeAnswerIn); without a question it is the cautious product ("6m" is not "6").
 */
export function answersEqual(a: string | null | undefined, b: string | null | undefined, query?: string): boolean {
  if (a == null || b == null) return false;
  // Pass 64: two numbers with units of different kinds differ ("5 kg", "5 km/h"); "5 km" is "5000 m".
  const units = mayHaveUnit(a) && mayHaveUnit(b) ? quantitiesEqual(a, b) : undefined;
  return units ?? normalizedEqual(normalizeAnswerIn(a, query), normalizeAnswerIn(b, query));
}

/** answersEqual on answers already normalized (saves normalizing the ground truth once per attempt). */
export function normalizedEqual(na: string, nb: string): boolean {
  if (na === nb) return na.length > 0;
  const wa = NUMBER_WORDS.get(na);
  const wb = NUMBER_WORDS.get(nb);
  if (wa !== undefined || wb !== undefined) return normalizedEqual(wa ?? na, wb ?? nb);
  // Pass 87d: yes or no in another language is "yes" or "no" ("да", "nein", "是", "いいえ"; otherYesNo.ts).
  const ya = YES_NO_MEANING.get(na);
  const yb = YES_NO_MEANING.get(nb);
  if (ya !== undefined || yb !== undefined) return (ya ?? na) === (yb ?? nb);
  // Pass 89e: true or false in another language ("vraie", "falsch", "верно", "誤り").
  const ta = TRUE_FALSE_MEANING.get(na);
  const tb = TRUE_FALSE_MEANING.get(nb);
  if (ta !== undefined || tb !== undefined) return (ta ?? na) === (tb ?? nb);
  // Pass 87e: "1234,5" or "3,14" (a decimal comma, or a list of two: normalizeAnswer keeps it) is the
  // decimal it writes where the other side is that decimal.
  if (shortCommaRe.test(na) !== shortCommaRe.test(nb)) {
    const [c, d] = shortCommaRe.test(na) ? [na, nb] : [nb, na];
    if (canonicalNumber(c.replace(',', '.')) === d) return true;
  }
  // Stop 36 (leftovers): "T" and "F" are True and False where the other side is that word.
  if (verdictLetter(na, nb) || verdictLetter(nb, na)) return true;
  // Stop 43 (fx43): pi spelled without its backslash ("pi/6", "-pi/6", "2pi") is "\\pi", as "π" is.
  if (na.includes('pi') || nb.includes('pi')) {
    const pa = withPiCommand(na);
    const pb = withPiCommand(nb);
    if (pa !== na || pb !== nb) return normalizedEqual(pa, pb);
  }
  // Integers are canonical strings by now: different strings are different integers (a relative
  // tolerance would call 2003700027 and 2003700026 equal).
  if (/^-?\d+$/.test(na) && /^-?\d+$/.test(nb)) return false;
  if (formDepth > 0) return differentlyWritten(na, nb);
  // A top-level comparison is a pure function of the pair and listsOrdered (the budget starts
  // afresh): a record compares its values with the same others again and again, and the forms'
  // comparison is the costly part (the bench's pairs that reach it: 2,632 calls, 1,084 distinct).
  const memo = listsOrdered ? writtenAlikeInOrder : writtenAlike;
  const key = `${na.length}:${na}${nb}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  formBudget = FORM_BUDGET;
  formDepth++;
  let same: boolean;
  try {
    same = differentlyWritten(na, nb);
  } finally {
    formDepth--;
  }
  // Forgotten all at once, as normalizeAnswer's cache is.
  if (memo.size >= WRITTEN_ALIKE_CACHE) memo.clear();
  memo.set(key, same);
  return same;
}

/** Top-level differentlyWritten verdicts by pair (the length of the first keeps the key unambiguous), as lists are read unordered or in order. */
const writtenAlike = new Map<string, boolean>();
const writtenAlikeInOrder = new Map<string, boolean>();
const WRITTEN_ALIKE_CACHE = 4096;

// A bare "pi" (normalized: lower case, no spaces): not inside a word ("spin", "pie", "api") nor a command's name ("\\pi").
const barePiRe = /(^|[^a-z\\])pi(?![a-z])/g;

/** The text with each bare "pi" written as the command "\\pi" (closedFormValue and sameExpression read the command). */
function withPiCommand(s: string): string {
  return s.includes('pi') ? s.replace(barePiRe, '$1\\pi') : s;
}

/** Two different normalized strings, not both integers: one value? */
function differentlyWritten(na: string, nb: string): boolean {
  // Decimals, in scientific notation or not, are compared exactly ("1.388e26" is
  // "1.388 \\times 10^{26}"; 2.0037000027e9 is not 2003700026, nor 20.3855 20.38550001).
  const da = exactDecimal(na);
  const db = da === undefined ? undefined : exactDecimal(nb);
  if (db !== undefined) return da === db;
  if (singleEqual(da ?? na, exactDecimal(nb) ?? nb)) return true;
  // A multi-part answer: its parts' values in order ("\\theta = 3\\pi/2, f(2\\pi/3) = 1" is "3\\pi/2, 1").
  const pa = answerParts(na);
  const pb = pa === undefined ? undefined : answerParts(nb);
  // A part holds no comma outside brackets, so comparing parts does not split them again.
  if (pa !== undefined && pb !== undefined && sameInOrder(pa, pb)) return true;
  // Stop 35: one value written as two equal forms ("\\frac{\\pi^4}{120}=\\frac34\\zeta(4)") is either form.
  if (na.includes('=') !== nb.includes('=')) {
    const sides = na.includes('=') ? equalSides(na) : equalSides(nb);
    const other = na.includes('=') ? nb : na;
    if (sides !== undefined && sides.some((side) => partEqual(side, other))) return true;
  }
  if (sameForm(na, nb)) return true;
  // Pass 58: two expressions in one letter that are the same function ("n(n+1)-1", "n^2+n-1").
  return hasLowerLetter(na) && hasLowerLetter(nb) && sameExpression(na, nb);
}

// What a constant's text may hold besides digits and operators: these commands, the functions'
// names, Euler's e (a variable, a Greek letter but pi, or any other word makes it no constant).
const constantCommandRe =
  /\\(?:pi|frac|sqrt|cdot|times|div|binom|arcsin|arccos|arctan|sinh|cosh|tanh|sin|cos|tan|sec|csc|cot|exp|log|ln|(?:zeta|gamma)(?=[({\d]))/g;
const constantWordRe = /arcsin|arccos|arctan|sinh|cosh|tanh|sin|cos|tan|sec|csc|cot|exp|log|ln/g;

/**
 * The sides of a value written as equal forms ("\\frac{\\pi^4}{120}=\\frac34\\zeta(4)", "\\binom{5}{2}=10"):
 * two to four sides split at "=" outside brackets, each a constant (no variable: "x=3" is an
 * assignment, "x+y=5" an equation, both another answer); where two sides are closed forms of
 * different values ("2+2=5") there are none. Undefined when s is no such text.
 */
function equalSides(s: string): string[] | undefined {
  if (s.length > 400 || /[<>!:\u2264\u2265]=|==/.test(s)) return undefined;
  const sides = splitTop(s, '=');
  if (sides === undefined || sides.length < 2 || sides.length > 4) return undefined;
  for (const side of sides) {
    if (side.length === 0 || /[a-df-z]/.test(side.replace(constantCommandRe, '').replace(constantWordRe, ''))) return undefined;
  }
  let known = NaN;
  for (const side of sides) {
    const v = closedFormValue(side);
    if (Number.isNaN(v)) continue;
    if (!Number.isNaN(known) && !closeValues(v, known)) return undefined;
    known = v;
  }
  return sides;
}

/** Does s hold a letter a-z (a cheap test before sameExpression: numbers hold none)? */
function hasLowerLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/** Two different normalized strings of one value: as numbers, else as closed forms. */
function singleEqual(na: string, nb: string): boolean {
  const va = numericValue(na);
  const vb = numericValue(nb);
  if (Number.isFinite(va) && Number.isFinite(vb)) return closeValues(va, vb);
  return sameClosedForm(na, nb);
}

// ---- One value written in two forms (the slow path of normalizedEqual: two different strings) ----

// A decimal, optionally in scientific notation: "1.388e26", "1.388\\times10^{26}", "4.5*10^33", "10^{-3}".
const sciRe =
  /^([-+]?)(?:(\d+(?:\.\d*)?|\.\d+)(?:e([-+]?\d{1,3})|(?:\\times|\\cdot|\*|\u00d7|\u00b7)10\^(?:\{([-+]?\d{1,3})\}|\(([-+]?\d{1,3})\)|([-+]?\d{1,3})))?|10\^(?:\{([-+]?\d{1,3})\}|\(([-+]?\d{1,3})\)|([-+]?\d{1,3})))$/;

/**
 * The exact canonical decimal a normalized number denotes ("1.388e26" -> "138800000000000000000000000",
 * "10^{-3}" -> "0.001"), or undefined when it is no plain or scientific decimal. No float round trip:
 * two decimals are equal iff these strings are.
 */
export function exactDecimal(n: string): string | undefined {
  if (n.length > 80) return undefined;
  const c = n.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return undefined;
  const m = sciRe.exec(n);
  if (!m) return undefined;
  const mantissa = m[2] ?? '1';
  const expText = m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7] ?? m[8] ?? m[9];
  const exp = expText === undefined ? 0 : Number(expText);
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exp;
  let body: string;
  if (point <= 0) body = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) body = digits + '0'.repeat(point - digits.length);
  else body = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return canonicalNumber(`${m[1]}${body}`);
}

/** Top-level pieces of s between separators (outside (), [], {}); undefined when brackets do not balance. */
function splitTop(s: string, sep: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) return undefined;
    } else if (depth === 0 && s.startsWith(sep, k)) {
      out.push(s.slice(start, k));
      start = k + sep.length;
      k = start - 1;
    }
  }
  if (depth !== 0) return undefined;
  out.push(s.slice(start));
  return out;
}

/** The inside of s when one bracket pair (`open` ... `close`) encloses all of it, else undefined. */
function enclosed(s: string, open: string, close: string): string | undefined {
  if (s.length < open.length + close.length || !s.startsWith(open) || !s.endsWith(close)) return undefined;
  const inner = s.slice(open.length, s.length - close.length);
  // The opening bracket must close at the end: the inside balances on its own.
  let depth = 0;
  for (let k = 0; k < inner.length; k++) {
    const c = inner[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth < 0) return undefined;
  }
  return depth === 0 ? inner : undefined;
}

// Infinity as written: "\\infty", "+\\infty", "∞", "infinity", "inf" (normalized: no spaces, lower case).
const infinityRe = /^([-+]?)(?:\\infty|\u221e|infinity|inf)$/;
// A variable an inequality or an assignment names: one letter ("x", "y_1") or a Greek letter.
const variableRe = /^(?:[a-z](?:_\{?[a-z0-9]\}?)?|\\(?:alpha|beta|gamma|theta|lambda|mu|phi|varphi|omega|sigma|tau|rho))$/;
// The left side of an answer written "y = ...": a variable, "f(x)", or a tuple of variables "(x,y)".
// Stop 36: a named quantity on the left: a segment or angle ("ab", "\\angleabc", "m\\anglea"), a
// function's value ("f3", "f(-1)", as noiseBrackets leaves it), a subscripted term ("a_{10}").
const namedLhsRe = /^(?:[a-z]{2,3}|(?:m)?\\angle\{?[a-z]{1,3}\}?|[a-z]\(?-?\d{1,4}\)?|[a-z]_\{?[a-z0-9]{1,4}\}?)$/;
const answerLhsRe =
  /^(?:[a-z](?:_\{?[a-z0-9]\}?)?|\\(?:alpha|beta|gamma|theta|lambda|mu|phi|varphi|omega|sigma|tau|rho)|[a-z]\([a-z]\)|\([a-z](?:,[a-z]){1,5}\))$/;

/**
 * Spellings of one value that reduce to a shorter one: "\\quad" and "\\displaystyle" dropped,
 * "10{,}000" as 10000, "(b)" as the option letter b, "45degrees" / "50percent" as the number
 * (as 45° and 50% are), and "y = ..." / "f(x) = ..." / "(x,y) = ..." as its right-hand side.
 */
function rewriteValue(s: string): string {
  let t = s;
  if (t.includes('\\')) t = t.replace(/\\(?:q?quad|displaystyle)/g, '');
  if (t.includes('{,}') && /^[-+]?\d{1,3}(?:\{,\}\d{3})+(?:\.\d+)?$/.test(t)) t = canonicalNumber(t.replace(/\{,\}/g, '')) ?? t;
  const letter = /^\(([a-z])\)$/.exec(t);
  if (letter) return letter[1];
  const word = /^([-+]?\d+(?:\.\d+)?)(?:degrees?|deg|percent)$/.exec(t);
  if (word) return canonicalNumber(word[1]) ?? word[1];
  // An approximate value stated ("\\approx3.14", "x\\approx3.14") is the value.
  const approx = t.includes('\\approx') ? t.indexOf('\\approx') : t.indexOf('\u2248');
  if (approx >= 0 && (approx === 0 || answerLhsRe.test(t.slice(0, approx)))) {
    const rhs = t.slice(approx + (t[approx] === '\\' ? 7 : 1));
    if (rhs.length > 0 && !rhs.includes('\\approx') && !rhs.includes('\u2248')) return rhs;
  }
  const eq = t.indexOf('=');
  if (eq > 0 && eq === t.lastIndexOf('=') && answerLhsRe.test(t.slice(0, eq))) {
    const rhs = t.slice(eq + 1);
    if (rhs.length > 0 && splitTop(rhs, ',')?.length === 1) return rhs;
  }
  // Stop 36: a named quantity ("ab=5" for a segment, "f3=5" for f(3), "a_{10}=5", "\\angleA=5"),
  // the value first ("5=x"), a chain ending in the value ("x=3+2=5").
  if (eq > 0 && t.length <= 200 && !/[<>!:\u2264\u2265]=|==|,/.test(t)) {
    const last = t.lastIndexOf('=');
    const lhs = t.slice(0, eq);
    const value = t.slice(last + 1);
    // (A chain's middle is arithmetic: "x=2orx=3" is a list, not a chain.)
    const plainMiddle = eq === last || !/[a-z]/.test(t.slice(eq + 1, last).replace(/\\[a-z]+/g, ''));
    if (value.length > 0 && plainMiddle && (answerLhsRe.test(lhs) || namedLhsRe.test(lhs))) return value;
    if (
      eq === last &&
      (answerLhsRe.test(value) || namedLhsRe.test(value)) &&
      !/[a-z]/.test(lhs.replace(/\\(?:frac|sqrt|pi|cdot|times)/g, ''))
    )
      return lhs;
  }
  return t;
}

// An option's letter and its content, normalized: "(c)4", "b)70", "(b)70" (not a power, "(a)^2").
const optionEntryRe = /^\(?([a-j])\)([^^=,][^=]{0,60})$/;

interface Interval {
  lo: string;
  hi: string;
  loClosed: boolean;
  hiClosed: boolean;
}

/** An interval's end: ±infinity or a finite value; its value (for the order check) or NaN. */
function endpointValue(s: string): number {
  const inf = infinityRe.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const d = exactDecimal(s);
  if (d !== undefined) return Number(d);
  const v = numericValue(s);
  return Number.isNaN(v) ? closedFormValue(s) : v;
}

/** An interval as written: "(a,b)", "[a,b)", "(a,b]", "[a,b]" with a <= b; undefined otherwise. */
function readInterval(s: string): Interval | undefined {
  const a = s[0];
  const b = s[s.length - 1];
  if ((a !== '(' && a !== '[') || (b !== ')' && b !== ']')) return undefined;
  const parts = splitTop(s.slice(1, -1), ',');
  if (parts === undefined || parts.length !== 2) return undefined;
  const iv = { lo: parts[0], hi: parts[1], loClosed: a === '[', hiClosed: b === ']' };
  return validInterval(iv) ? iv : undefined;
}

function validInterval(iv: Interval): boolean {
  const lo = endpointValue(iv.lo);
  const hi = endpointValue(iv.hi);
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo === Infinity || hi === -Infinity) return false;
  return lo < hi || (lo === hi && iv.loClosed && iv.hiClosed && Number.isFinite(lo));
}

// Relations of an inequality (normalized: "\\le x" is "\\lex"; the longer names first).
const RELATIONS: [string, '<' | '<=' | '>' | '>='][] = [
  ['\\leqslant', '<='],
  ['\\geqslant', '>='],
  ['\\leqq', '<='],
  ['\\geqq', '>='],
  ['\\leq', '<='],
  ['\\geq', '>='],
  ['\\le', '<='],
  ['\\ge', '>='],
  ['\\lt', '<'],
  ['\\gt', '>'],
  ['<=', '<='],
  ['>=', '>='],
  ['\u2264', '<='],
  ['\u2265', '>='],
  ['\u2a7d', '<='],
  ['\u2a7e', '>='],
  ['<', '<'],
  ['>', '>'],
];

/** "-2\\leqx<1", "x>3", "3<x", "1>x\\geq-2" as the interval of x; undefined when it is no such chain. */
function readInequality(s: string): Interval | undefined {
  const parts: string[] = [];
  const rels: ('<' | '<=' | '>' | '>=')[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (
      depth === 0 &&
      (c === '<' || c === '>' || c === '\\' || c === '\u2264' || c === '\u2265' || c === '\u2a7d' || c === '\u2a7e')
    ) {
      const rel = RELATIONS.find(([w]) => s.startsWith(w, k));
      if (rel === undefined) continue;
      parts.push(s.slice(start, k));
      rels.push(rel[1]);
      start = k + rel[0].length;
      k = start - 1;
      if (rels.length > 2) return undefined;
    }
  }
  parts.push(s.slice(start));
  if (rels.length === 0 || parts.some((p) => p.length === 0)) return undefined;
  const lower = (r: string): boolean => r[0] === '<';
  let iv: Interval;
  if (rels.length === 1) {
    const [l, r] = parts;
    const up = lower(rels[0]);
    const closed = rels[0].length === 2;
    if (variableRe.test(l) && !variableRe.test(r))
      iv = up ? { lo: '-\\infty', hi: r, loClosed: false, hiClosed: closed } : { lo: r, hi: '\\infty', loClosed: closed, hiClosed: false };
    else if (variableRe.test(r) && !variableRe.test(l))
      iv = up ? { lo: l, hi: '\\infty', loClosed: closed, hiClosed: false } : { lo: '-\\infty', hi: l, loClosed: false, hiClosed: closed };
    else return undefined;
  } else {
    if (!variableRe.test(parts[1]) || lower(rels[0]) !== lower(rels[1])) return undefined;
    const [a, , b] = parts;
    iv = lower(rels[0])
      ? { lo: a, hi: b, loClosed: rels[0].length === 2, hiClosed: rels[1].length === 2 }
      : { lo: b, hi: a, loClosed: rels[1].length === 2, hiClosed: rels[0].length === 2 };
  }
  return validInterval(iv) ? iv : undefined;
}

/**
 * A set of reals as intervals: an interval, a union of intervals ("\\cup", "∪"), an inequality or
 * inequalities joined by "or", "x\\in" an interval, "\\mathbb{r}"; undefined when s is none of these.
 */
function readIntervals(s: string): Interval[] | undefined {
  let t = s;
  const member = /^(?:[a-z]|\\theta)\\in/.exec(t);
  if (member) t = t.slice(member[0].length);
  if (t === '\\mathbb{r}' || t === '\u211d') return [{ lo: '-\\infty', hi: '\\infty', loClosed: false, hiClosed: false }];
  const c = t[0];
  if ((c === '(' || c === '[') && !member) {
    return everyPiece(t.includes('\u222a') ? splitTop(t.replace(/\u222a/g, '\\cup'), '\\cup') : splitTop(t, '\\cup'), readInterval);
  }
  if (member) {
    const iv = readInterval(t);
    return iv && [iv];
  }
  return everyPiece(splitTop(t.replace(/\\lor|\\vee/g, 'or'), 'or'), readInequality);
}

/** Each piece read as an interval, or undefined when a piece is not one (or there are no pieces). */
function everyPiece(pieces: string[] | undefined, read: (piece: string) => Interval | undefined): Interval[] | undefined {
  if (pieces === undefined) return undefined;
  const out: Interval[] = [];
  for (const p of pieces) {
    const iv = read(p);
    if (iv === undefined) return undefined;
    out.push(iv);
  }
  return out;
}

interface Forms {
  set?: string[];
  matrix?: string[][];
  intervals?: Interval[];
  tuple?: string[];
  assign?: { names: string[]; values: string[] };
  list?: string[];
  infinity?: 1 | -1;
}

/**
 * The readings of a normalized answer as a set, intervals, a tuple, assignments, a list, infinity
 * (shared: never changed by a reader). A pure function of the text, remembered: a record's
 * reference is read again for every candidate it is compared with.
 */
function readForms(s: string): Forms {
  let f = formsRead.get(s);
  if (f === undefined) {
    f = readFormsUncached(s);
    // Forgotten all at once, as normalizeAnswer's cache is.
    if (formsRead.size >= FORMS_CACHE) formsRead.clear();
    formsRead.set(s, f);
  }
  return f;
}
const formsRead = new Map<string, Forms>();
const FORMS_CACHE = 4096;

function readFormsUncached(s: string): Forms {
  const f: Forms = {};
  const inf = infinityRe.exec(s);
  if (inf) {
    f.infinity = inf[1] === '-' ? -1 : 1;
    return f;
  }
  if (s === '\\emptyset' || s === '\\varnothing' || s === '\u2205' || s === '\\{\\}' || s === '{}') {
    f.set = [];
    return f;
  }
  const body = enclosed(s, '\\{', '\\}') ?? enclosed(s, '{', '}');
  if (body !== undefined) {
    // Set-builder notation: "{x|-2\\lex<1}", "\\{x\\midx>3\\}", "{x:x\\geq2}".
    const sep = /^(?:[a-z]|\\theta)(?:\||\\mid|:)/.exec(body);
    if (sep) {
      const ivs = readIntervals(body.slice(sep[0].length));
      if (ivs) f.intervals = ivs;
      return f;
    }
    const items = splitTop(body, ',');
    if (items && items.every((x) => x.length > 0)) f.set = items;
    return f;
  }
  // "a\\pmb" is the two values a+b and a-b, in no order ("\\pm2" is "2,-2", "\\{-2,2\\}").
  const pm = s.includes('\\pm') ? '\\pm' : s.includes('\u00b1') ? '\u00b1' : undefined;
  if (pm !== undefined) {
    const at = s.indexOf(pm);
    if (at === s.lastIndexOf(pm) && splitTop(s, ',')?.length === 1 && !/^\\pm[a-z]/.test(s.slice(at))) {
      f.set = [`${s.slice(0, at)}+${s.slice(at + pm.length)}`, `${s.slice(0, at)}-${s.slice(at + pm.length)}`];
      return f;
    }
  }
  // Stop 36: a matrix, rows split at the row break, entries at "&"; a column vector is also a tuple.
  const matrix = enclosed(s, '\\begin{pmatrix}', '\\end{pmatrix}');
  if (matrix !== undefined) {
    const rows = matrix.split('\\\\');
    if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
    const cells = rows.map((r) => r.split('&'));
    if (cells.every((r) => r.length === cells[0].length && r.every((x) => x.length > 0))) {
      f.matrix = cells;
      if (cells.length >= 2 && cells[0].length === 1) f.tuple = cells.map((r) => r[0]);
    }
    return f;
  }
  const ivs = readIntervals(s);
  if (ivs) f.intervals = ivs;
  const tuple = enclosed(s, '(', ')') ?? enclosed(s, '\\langle', '\\rangle');
  const items = tuple === undefined ? undefined : splitTop(tuple, ',');
  if (items && items.length >= 2 && items.every((x) => x.length > 0)) f.tuple = items;
  const parts = splitTop(s, ',');
  if (parts && parts.length >= 2 && parts.every((x) => x.length > 0)) {
    const names: string[] = [];
    const values: string[] = [];
    for (const p of parts) {
      const eq = p.indexOf('=');
      if (eq <= 0 || eq !== p.lastIndexOf('=') || !variableRe.test(p.slice(0, eq))) break;
      names.push(p.slice(0, eq));
      values.push(p.slice(eq + 1));
    }
    if (names.length === parts.length) f.assign = { names, values };
    else if (parts.every((p) => !p.includes('='))) f.list = parts;
  }
  // Stop 36: solutions listed in words ("2and3", "x=2orx=3", "3,5,and7") or as one variable's
  // values ("x=2,x=3") are the list of the values.
  if (!f.tuple && (s.includes('and') || s.includes('or') || f.assign)) {
    const items = wordList(s);
    if (items !== undefined) f.list = items;
  }
  return f;
}

// "and" / "or" between two values ("2and3", "x=2orx=3", "-3and2"): after a digit or a closing bracket.
const listWordRe = /(?<=[\d})])(?:and|or)(?=[-+\d\\({.]|[a-z]=)/g;

/** The values of a list written with "and"/"or" or as one variable's values; undefined when it is no such list. */
function wordList(s: string): string[] | undefined {
  const parts = splitTop(s, ',');
  if (parts === undefined) return undefined;
  const items: string[] = [];
  for (let p of parts) {
    // An Oxford comma's "and" ("3,5,and7").
    if (p.startsWith('and') && items.length > 0) p = p.slice(3);
    else if (p.startsWith('or') && items.length > 0) p = p.slice(2);
    for (const q of p.split(listWordRe)) items.push(q);
  }
  if (items.length < 2 || items.length > 40) return undefined;
  let name: string | undefined;
  const values: string[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) {
      if (name !== undefined || item.length === 0) return undefined;
      values.push(item);
      continue;
    }
    const lhs = item.slice(0, eq);
    if ((name !== undefined && lhs !== name) || (name === undefined && values.length > 0) || !variableRe.test(lhs)) return undefined;
    name = lhs;
    const rhs = item.slice(eq + 1);
    if (rhs.length === 0 || rhs.includes('=')) return undefined;
    values.push(rhs);
  }
  return values;
}

// Stop 36: a list's order carries a meaning (the record's question asks for one: normalizedEqualInOrder).
let listsOrdered = false;

/** normalizedEqual where a list's order is its meaning ("Arrange ... in order", "respectively"). */
export function normalizedEqualInOrder(na: string, nb: string): boolean {
  const was = listsOrdered;
  listsOrdered = true;
  try {
    return normalizedEqual(na, nb);
  } finally {
    listsOrdered = was;
  }
}

// The words of a verdict list ("true,false", "yes,no"): statements in order, never a set.
const verdictWordRe = /^(?:true|false|yes|no|t|f|correct|incorrect)$/;

/** Two lists of one set of values in another order ("2,3" and "3,2"): solutions, whose order is no part of the answer. */
function sameUnorderedList(a: readonly string[], b: readonly string[]): boolean {
  if (listsOrdered || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (verdictWordRe.test(a[k]) || verdictWordRe.test(b[k])) return false;
  return sameSet(a, b);
}

// The comparisons one top-level normalizedEqual may make in all inside its answers' parts and
// forms (nested sets compare their elements pairwise at every level): past it, the answers are
// called different. Real answers use a few.
const FORM_BUDGET = 1000;
let formBudget = 0;
let formDepth = 0;

/** normalizedEqual inside a form, counted against the budget. */
function partEqual(a: string, b: string): boolean {
  return --formBudget >= 0 && normalizedEqual(a, b);
}

/** Every element of a equals one of b and every element of b one of a (each pair compared once). */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const matchedB = new Uint8Array(b.length);
  for (const x of a) {
    let found = false;
    for (let j = 0; j < b.length; j++) {
      if (!partEqual(x, b[j])) continue;
      found = true;
      matchedB[j] = 1;
    }
    if (!found) return false;
  }
  return matchedB.every((m) => m === 1);
}

function sameInOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, k) => partEqual(x, b[k]));
}

function sameEnd(a: string, b: string): boolean {
  const ia = infinityRe.exec(a);
  const ib = infinityRe.exec(b);
  if (ia || ib) return ia !== null && ib !== null && (ia[1] === '-') === (ib[1] === '-');
  return partEqual(a, b);
}

function sameInterval(a: Interval, b: Interval): boolean {
  return a.loClosed === b.loClosed && a.hiClosed === b.hiClosed && sameEnd(a.lo, b.lo) && sameEnd(a.hi, b.hi);
}

/**
 * One value in two forms: the same set in another order ("\\{2,5,3\\}", "{2,3,5}", "2,3,5"), the same
 * intervals as an inequality ("[-2,1)", "-2\\leqx<1", "{x|-2\\lex<1}"), an ordered pair as the
 * assignment ("(2,-3)", "x=2,y=-3"), assignments in another order, a tuple's parts written
 * differently, ±infinity spelled differently, a complex number's i on the other side of its
 * coefficient ("1+i\\sqrt{3}", "1+\\sqrt{3}i"). A set is not a tuple nor an interval; an open end is
 * not a closed one. Bounded: strings over 400 characters are not read, and each recursion compares
 * shorter strings.
 */
function sameForm(na: string, nb: string): boolean {
  if (na.length > 400 || nb.length > 400) return false;
  const ra = rewriteValue(na);
  const rb = rewriteValue(nb);
  if (ra !== na || rb !== nb) return partEqual(ra, rb);
  // Stop 36: an option's letter with its content ("\\textbf{(C) }4" is "(c)4", "B) 70°" is "b)70") is
  // that option: its letter or its content ("c", "(c)", "4") says it.
  const oa = optionEntryRe.exec(na);
  const ob = optionEntryRe.exec(nb);
  if (oa !== null || ob !== null) {
    if (oa !== null && ob !== null) return oa[1] === ob[1];
    const [o, other] = oa !== null ? [oa, nb] : [ob!, na];
    const letter = /^\(?([a-j])\)?$/.exec(other);
    return letter !== null ? letter[1] === o[1] : partEqual(o[2], other);
  }
  const fa = readForms(na);
  const fb = readForms(nb);
  if (fa.infinity !== undefined || fb.infinity !== undefined) return fa.infinity === fb.infinity;
  if (fa.set && (fb.set || (fb.list && fa.set.length === fb.list.length))) return sameSet(fa.set, fb.set ?? fb.list!);
  if (fb.set && fa.list && fb.set.length === fa.list.length) return sameSet(fa.list, fb.set);
  if (fa.intervals && fb.intervals) {
    const [ia, ib] = [fa.intervals, fb.intervals];
    if (ia.every((x) => ib.some((y) => sameInterval(x, y))) && ib.every((y) => ia.some((x) => sameInterval(x, y)))) return true;
  }
  if (fa.matrix && fb.matrix) {
    const [ma, mb] = [fa.matrix, fb.matrix];
    return ma.length === mb.length && ma[0].length === mb[0].length && ma.every((row, k) => sameInOrder(row, mb[k]));
  }
  if (fa.tuple && fb.tuple && sameInOrder(fa.tuple, fb.tuple)) return true;
  if (fa.list && fb.list && sameUnorderedList(fa.list, fb.list)) return true;
  if (fa.tuple && fb.assign && sameInOrder(fa.tuple, fb.assign.values)) return true;
  if (fb.tuple && fa.assign && sameInOrder(fa.assign.values, fb.tuple)) return true;
  if (fa.assign && fb.assign) {
    const { names: an, values: av } = fa.assign;
    const { names: bn, values: bv } = fb.assign;
    if (an.length === bn.length && new Set(an).size === an.length && new Set(bn).size === bn.length) {
      if (an.every((n, k) => bn.includes(n) && partEqual(av[k], bv[bn.indexOf(n)]))) return true;
    }
  }
  return sameComplex(na, nb);
}

// Commands a complex number's parts may hold (the closed-form evaluator's), longest first.
const COMPLEX_COMMANDS = ['sqrt', 'frac', 'cdot', 'times', 'pi'];

const iPowerRe = /^\^(?:\{(\d{1,4})\}|(\d{1,4}))/;

/** [real, imaginary] of "a+bi" with closed-form a and b, i before or after b; undefined otherwise. */
function complexValue(s: string): [number, number] | undefined {
  if (s.length > 160) return undefined;
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if ((c === '+' || c === '-') && depth === 0 && k > start && !'^*/e'.includes(s[k - 1])) {
      terms.push(s.slice(start, k));
      start = k;
    }
  }
  terms.push(s.slice(start));
  let re = 0;
  let im = 0;
  for (const term of terms) {
    // The one "i" outside a command name ("\\pii" is \\pi then i).
    let at = -1;
    for (let j = 0; j < term.length; j++) {
      const c = term[j];
      if (c === '\\') {
        const name = COMPLEX_COMMANDS.find((w) => term.startsWith(w, j + 1));
        if (name === undefined) return undefined;
        j += name.length;
      } else if (c === 'i') {
        if (at >= 0) return undefined;
        at = j;
      } else if ((c >= 'a' && c <= 'z') || c === '=') return undefined;
    }
    if (at < 0) {
      const v = closedFormValue(term.replace(/^\+/, ''));
      if (Number.isNaN(v)) return undefined;
      re += v;
      continue;
    }
    // Pass 64: an integer power of i ("i^2" is -1, "i^{3}" is -i); no other complex arithmetic.
    const power = term.charCodeAt(at + 1) === 94 ? iPowerRe.exec(term.slice(at + 1)) : null;
    const turn = power === null ? 1 : Number(power[1] ?? power[2]) % 4;
    let rest = term.slice(0, at) + term.slice(at + 1 + (power === null ? 0 : power[0].length));
    rest = rest.replace(/^([-+]?)(?:\*|\\cdot)/, '$1').replace(/(?:\*|\\cdot)$/, '');
    const v = rest === '' || rest === '+' ? 1 : rest === '-' ? -1 : closedFormValue(rest.replace(/^\+/, ''));
    if (Number.isNaN(v)) return undefined;
    if (turn === 0) re += v;
    else if (turn === 1) im += v;
    else if (turn === 2) re -= v;
    else im -= v;
  }
  return [re, im];
}

/** Both complex numbers of one value (closeValues, part by part), at least one written with i. */
function sameComplex(na: string, nb: string): boolean {
  if (!na.includes('i') && !nb.includes('i')) return false;
  const a = complexValue(na);
  const b = a && complexValue(nb);
  if (!a || !b) return false;
  return closeValues(a[0], b[0]) && closeValues(a[1], b[1]);
}
