/**
 * Pass 58: answers that are not a single number but a value of another shape (docs/annotation-guide.md,
 * "Answers that are not a single number"): an expression, an inequality or an interval, a set or a
 * list of values, a tuple, a date or a clock time. question.ts's typedAnswer asks `shapedKinds` for
 * the patterns of the shapes the question asks for (QuestionInfo.typed), and statements.ts's
 * findTyped reads them where it reads the other typed values. A question that asks for none of them
 * (every numeric question) gets no pattern, so the number rules' records pay nothing here.
 *
 * Every pattern is linear: each repeat is bounded, and no two neighbouring repeats can match the
 * same characters (docs/engine.md, "Linear-time patterns").
 */

// A simple exact value inside a set, a tuple or an interval (question.ts's typed answers use it too).
export const SHAPE_PART = String.raw`[-\u2212]?(?:\d{1,6}(?:\.\d{1,6})?(?:[ \t]?\/[ \t]?\d{1,6})?(?:[ \t]?(?:\u03c0|\\pi)(?:[ \t]?\/[ \t]?\d{1,3})?)?|\\[dt]?frac\{[^{}\n]{1,12}\}\{[^{}\n]{1,12}\}|(?:\u03c0|\\pi)(?:[ \t]?\/[ \t]?\d{1,3})?|\d{0,3}(?:\\sqrt\{\d{1,4}\}|\u221a\d{1,4})(?:[ \t]?\/[ \t]?\d{1,3})?)`;

// ---- which shape the question asks for (tested on the question, once per question) ----

// A date or a clock time: "What date is 45 days after ...", "At what time does it arrive?".
const dateAskedRe = /\b(?:what|which) (?:date|time)\b|\bon what date\b|\bwhat will the (?:date|time) be\b/i;
// An expression: a derivative, a simplified or expanded form, a closed form, a formula.
const exprAskedRe =
  /\b(?:derivative|antiderivative|indefinite integral|simplify|expand|factori[sz]e|closed[- ]form|(?:an )?expression (?:for|of)|formula for|general term)\b/i;
// ... not where it asks for the expression's value at a point or for a count.
const exprValueAskedRe = /\bhow many\b|\bvalue of\b|\bevaluate\b|\b(?:at|when|for) [a-z] ?=|\b[a-z]'\(\d|\bnumerical\b/i;
// An interval or an inequality's solution: a domain, a range, an inequality, interval notation.
const intervalAskedRe = /\binequalit(?:y|ies)\b|\binterval notation\b|\b(?:domain|range) of\b|\bsolution set\b/i;
// A set or list of values: "List all positive divisors of 28", "Which integers n ... satisfy".
const listAskedRe =
  /\blist (?:all|them|every|each|the)\b|\ball (?:the )?(?:positive |negative |real |integer |prime |possible )?(?:divisors|factors|solutions|roots|zeros|values|integers|numbers)\b|\bwhich (?:positive )?(?:integers|numbers|values)\b/i;
// A tuple: a cross product, an intersection point, a midpoint.
const tupleAskedRe = /\bcross product\b|\bpoint of intersection\b|\bintersection point\b|\bmidpoint\b/i;
// Questions about a size of one of these shapes ask for a number.
const sizeAskedRe =
  /\bhow (?:many|much|long)\b|(?<!cross )\bproduct\b|\b(?:sum|length|magnitude|number|count|area|distance|average|mean)\b/i;

// An exact value: "the exact value / area / distance", "Compute ... exactly.", "simplify any radicals",
// "in terms of π" (not "exactly" inside the question: "in exactly one way" counts).
const exactAskedRe =
  /\bexact (?:value|area|distance|length|answer|form|sum|result)\b|\bexactly[ \t]{0,2}[.?]|\bsimplify any radicals\b|\bin terms of (?:\\pi|\u03c0|pi)\b/i;

// ---- the shapes ----

const MONTHS = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)`;
// "May 4", "May 4, 2023", "4 May 2023", "the 4th of May" (the day and month at least).
const DATE = String.raw`(?<![\w])${MONTHS}\.?[ \t]{1,2}\d{1,2}(?:st|nd|rd|th)?(?![\d:])(?:,?[ \t]{1,2}\d{4}(?!\d))?|(?<![\w.:])\d{1,2}(?:st|nd|rd|th)?[ \t]{1,2}(?:of[ \t]{1,2})?${MONTHS}(?![a-z])(?:,?[ \t]{1,2}\d{4}(?!\d))?`;
// "13:20", "1:20 PM", "1:20 p.m." (not a ratio "3:2" nor a verse "13:20:05").
const TIME = String.raw`(?<![\w:.])\d{1,2}:[0-5]\d(?![\d:])(?:[ \t]?[AaPp]\.?[Mm]\.?(?![A-Za-z]))?`;

// An expression: terms joined by + and -, a term a coefficient and up to five factors (a letter
// standing alone, a bracket, a function of one: "sin x", "\\cos x", "\\ln(x)"), each maybe with a
// power ("x^2", "n²", "x^{n+1}"). The first term holds a factor, so a number alone is no expression.
const FUNC = String.raw`(?:\\?(?:sin|cos|tan|sec|csc|cot|ln|log|exp)(?![A-Za-z])[ \t]?)`;
const FACTOR = String.raw`${FUNC}?(?:[a-z](?![A-Za-z'])|\([^()\n]{1,24}\))(?:\^(?:\{[^{}\n]{1,8}\}|[-\u2212]?\w)|[\u00b2\u00b3\u2074])?`;
const COEF = String.raw`\d{1,4}(?:\.\d{1,3})?`;
const LETTER_TERM = String.raw`(?:${COEF}[ \t]?\*?[ \t]?)?${FACTOR}(?:[ \t]?(?:\*|\u00b7|\\cdot)?[ \t]?${FACTOR}){0,4}`;
const TERM = String.raw`(?:${LETTER_TERM}|${COEF}(?![\w(]))`;
const EXPR = String.raw`(?<![\w\\^'])[-\u2212]?${LETTER_TERM}(?:[ \t]{0,2}[-+\u2212][ \t]{0,2}${TERM}){0,6}(?![\w(^])`;

// An inequality's solution: "x > 4", "x \\geq -2", "-2 ≤ x ≤ 2", "x ∈ [1, 3]".
const REL = String.raw`(?:<=|>=|<|>|\u2264|\u2265|\\[lg]eq?(?![a-z])|\\[lg]t(?![a-z]))`;
const END = String.raw`(?:[-\u2212+]?(?:\u221e|\\infty|inf(?:inity)?)|${SHAPE_PART})`;
const INTERVAL = String.raw`(?:\\left)?[([][ \t]{0,2}${END}[ \t]{0,2},[ \t]{0,2}${END}[ \t]{0,2}(?:\\right)?[)\]]`;
const UNION = String.raw`${INTERVAL}(?:[ \t]{0,2}(?:\u222a|\\cup|U)[ \t]{0,2}${INTERVAL}){0,2}`;
const INEQUALITY = String.raw`(?<![\w\\])(?:${SHAPE_PART}[ \t]{0,2}${REL}[ \t]{0,2}[a-z][ \t]{0,2}${REL}[ \t]{0,2}${SHAPE_PART}|[a-z][ \t]{0,2}${REL}[ \t]{0,2}${END}|[a-z][ \t]{0,2}(?:\u2208|\\in(?![a-z]))[ \t]{0,2}${UNION})(?![\w]|\.\d|[ \t]{0,2}${REL})`;

// A set in braces or a list of two to twelve values ("{-1, 0, 1}", "1, 2, 4, 7, 14, 28").
const SET = String.raw`\\?\{[ \t]{0,2}${SHAPE_PART}(?:[ \t]{0,2},[ \t]{0,2}${SHAPE_PART}){1,11}[ \t]{0,2}\\?\}`;
const LIST = String.raw`(?<![\w\\.,])${SHAPE_PART}(?:[ \t]{0,2},[ \t]{0,2}${SHAPE_PART}){1,11}(?![\w]|\.\d|[ \t]{0,2},[ \t]{0,2}[-\u2212\d])`;
// A tuple of two or three values ("(2, 5)", "(-3, 6, -3)", "\\langle 1, 2 \\rangle").
const TUPLE = String.raw`(?<![\w\\])(?:\\left)?(?:\(|\\langle|\u27e8)[ \t]{0,2}${SHAPE_PART}(?:[ \t]{0,2},[ \t]{0,2}${SHAPE_PART}){1,2}[ \t]{0,2}(?:\\right)?(?:\)|\\rangle|\u27e9)`;

// A closed form: terms joined by + and -, at least one a constant that is no plain number (π, e and
// its powers, a logarithm of a number, a root, a fraction), maybe with a coefficient and up to three
// factors ("\\frac{3\\pi}{8}-1", "36 - 9\\pi", "e^2-1", "\\frac{\\pi}{4}-\\frac{1}{2}\\ln 2", "2\\sqrt{10}").
// Bounded repeats, each term opening on a digit, a backslash, π or e.
const CF_NUM = String.raw`\d{1,6}(?:\.\d{1,6})?`;
const CF_ATOM = String.raw`(?:\\[dt]?frac\{[^{}\n]{1,24}\}\{[^{}\n]{1,24}\}|\\sqrt\{[^{}\n]{1,12}\}|\\ln[ \t]?(?:\d{1,4}(?![\d.])|\\pi(?![A-Za-z])|\([^()\n]{1,16}\))|\\pi(?![A-Za-z])|\u03c0|e(?![A-Za-z])(?:\^(?:\{[^{}\n]{1,12}\}|\d))?)`;
const CF_TERM = String.raw`(?:${CF_NUM}[ \t]?(?:\\cdot[ \t]?)?)?${CF_ATOM}(?:[ \t]?(?:\\cdot[ \t]?)?${CF_ATOM}){0,2}`;
const CLOSED = String.raw`(?<![\w\\^{}])[-\u2212]?(?:${CF_NUM}[ \t]{0,2}[-+\u2212][ \t]{0,2})?${CF_TERM}(?:[ \t]{0,2}[-+\u2212][ \t]{0,2}(?:${CF_TERM}|${CF_NUM}(?![\w.{\\]))){0,4}(?![\w{(^])`;

/**
 * The patterns (sources, to be joined as alternatives) of the shaped values the question asks for;
 * empty for a question that asks for none. `asked` is the question's asking sentence ('' when none);
 * `choice`: the question lists options (its answer is a letter).
 */
export function shapedKinds(query: string, asked: string, choice: boolean): string[] {
  if (choice) return [];
  const kinds: string[] = [];
  const q = asked || query;
  if (dateAskedRe.test(q)) kinds.push(TIME, DATE);
  // An expression asked for a size ("a closed-form expression for the sum of the first n odd numbers") is still an expression.
  if (exprAskedRe.test(q) && !exprValueAskedRe.test(q)) kinds.push(EXPR);
  // An exact value asked ("Find the exact area", "Compute ... exactly", "Simplify any radicals"): a closed
  // form with π, e, a logarithm, a root or a fraction of those is one value, read whole (pass 78k).
  if (exactAskedRe.test(q)) kinds.push(CLOSED);
  if (sizeAskedRe.test(q)) return kinds;
  if (intervalAskedRe.test(q)) kinds.push(INEQUALITY, String.raw`(?<![\w\\])${UNION}`);
  if (listAskedRe.test(q)) kinds.push(SET, LIST);
  if (tupleAskedRe.test(q)) kinds.push(TUPLE);
  return kinds;
}

// A cheap test of the query before the patterns above: a word every shape's question holds.
export const shapeHintRe =
  /date|time|derivative|simplif|expand|factori|closed|expression|formula|general term|inequalit|interval|domain|range|solution set|list|all |which|cross product|intersect|midpoint|exact|radicals|terms of/i;

/** A typed match that is one letter alone ("a", "x"): an article or a variable named, not an answer. */
export function loneLetter(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return (s.length === 1 || (s.length === 2 && (s.charCodeAt(0) === 45 || s.charCodeAt(0) === 0x2212))) && c >= 97 && c <= 122;
}

// The typed patterns (QuestionInfo.typed) built for a question that asks for a shaped value.
const shapedPatterns = new WeakSet<RegExp>();

// For an expression question: its asking sentence's words, as a pattern (see namesShapedSubject).
const subjectOf = new WeakMap<RegExp, RegExp>();
// Words of an asking sentence that name no subject, and function names.
const NOT_SUBJECTS = new Set(
  'find|the|for|and|with|that|this|what|which|give|write|your|answer|compute|determine|express|simplify|expand|its|are|from|into|terms|sin|cos|tan|sec|csc|cot|log|exp|where|real|all'.split(
    '|',
  ),
);

/**
 * `re`, recorded as a pattern of a question that asks for a shaped value (see isShapedPattern); for
 * an expression question, with its asking sentence's words ("closed", "form", "expression", "sum").
 */
export function markShaped(re: RegExp, query: string, asked: string): RegExp {
  shapedPatterns.add(re);
  const q = asked || query;
  if (exprAskedRe.test(q) && !exprValueAskedRe.test(q)) {
    const words = [...new Set(q.toLowerCase().match(/[a-z]{3,}/g) ?? [])].filter((w) => !NOT_SUBJECTS.has(w)).slice(0, 12);
    // Or a derivative's name ("f'(x)", "g'(t)").
    subjectOf.set(re, new RegExp(String.raw`\b[a-z]'\(` + words.map((w) => String.raw`|\b${w}\b`).join(''), 'i'));
  }
  return re;
}

/**
 * Does the clause before an expression concluded (from its sentence's start) name what an
 * expression question asks for ("So the closed form is n^2", "so the sum is ... = n^2 + n - 1",
 * "so f'(x) = ...")? An expression is of no distinct shape (the working's steps are expressions
 * too): only a conclusion about the asked thing states the answer.
 */
export function namesShapedSubject(re: RegExp, clause: string): boolean {
  const s = subjectOf.get(re);
  return s !== undefined && s.test(clause);
}

/** Was `re` built for a question that asks for a shaped value (shapedKinds non-empty)? */
export function isShapedPattern(re: RegExp): boolean {
  return shapedPatterns.has(re);
}

// "#### x + 3" (the GSM8K answer line), `"answer": "[-2, 2]"` (a JSON string's value).
const shapedCueRe = /(?:^|\n)[ \t]{0,3}#{4}[ \t]{0,2}$|\bans(?:wer)?"[ \t]{0,2}:[ \t]{0,2}"[ \t]{0,2}$/i;

/** Does `before` (the text before a typed value) end in an answer line's cue that typedAnswerCueRe does not read? */
export function shapedAnswerCue(before: string): boolean {
  return before.endsWith('#### ') || before.endsWith('####') || before.endsWith('"') ? shapedCueRe.test(before) : false;
}

// A value of a shape no step of the working takes by chance: several values ("{-1, 0, 1}", "(2, 5)",
// "[2, 3]"), a relation ("x > 4"), a clock time ("13:20"), a date ("May 4").
const distinctShapeRe = /[,:<>\u2264\u2265\u2208]|\\[lg]eq?|\\in\b|\\cup|[A-Z][a-z]{2}/;

/**
 * A typed value of a distinct shape, concluded ("So the date is May 4, 2023", "So x ∈ [1, 3]"):
 * the question asks for a value of that shape, so the concluding clause states the answer though
 * it names no asked noun (the guide: a concluding statement of the answer's value). An expression
 * ("x + 3") is no distinct shape: the working's steps are expressions too.
 */
export function distinctShape(value: string): boolean {
  return distinctShapeRe.test(value);
}

// Before a shaped value, a lead that restates it: "So it's May 5", "so May 4, 2023", "So again
// (2, 5)", "i.e. -2 ≤ x ≤ 2", "which is 13:20", "that is [2, 3]".
const shapedLeadRe =
  /(?:\b(?:so|thus|therefore|hence)(?:,?[ \t]{1,2}(?:again|it's|it\u2019s|it is|that's|that is|we get|we have))?|\bi\.e\.|\b(?:which|that) is|\bit's|\bit is)[ \t,:]{0,3}(?:\$|\\\()?[ \t]{0,2}$/i;

/** Does `before` end in a lead that restates the shaped value after it (shapedLeadRe)? */
export function shapedLead(before: string): boolean {
  return shapedLeadRe.test(before);
}

/** Is the value at [start, end) followed by a gloss in brackets ("13:20 (1:20 PM)") or the end of its sentence? */
export function shapedValueEnds(text: string, end: number): boolean {
  let k = end;
  while (k < text.length && k < end + 3 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  if (k >= text.length) return true;
  const c = text.charCodeAt(k);
  // . , ; ! \n \r * $ " ( and the ideographic full stop / comma
  return (
    c === 46 ||
    c === 44 ||
    c === 59 ||
    c === 33 ||
    c === 10 ||
    c === 13 ||
    c === 42 ||
    c === 36 ||
    c === 34 ||
    c === 40 ||
    c === 0x3002 ||
    c === 0xff0c
  );
}

// ---- equivalence of shaped values (answers.ts normalizeAnswer calls these, each behind a cheap test) ----

// A number, then a unit written as plain text ("60 km/h", "8.045 km", "12 cm^2", "3 hours"): the
// number in that unit, as "60 \\text{ km/h}" is (answers.ts trailingUnitRe). A closed list: a
// letter after a number is otherwise a variable ("2 x") or a word; "in" only with a power ("70 in^2",
// "70 in²": square inches, as "70 cm^2" is; pass 78h).
const plainUnitRe =
  /^([-+\u2212]?\d[\d,]*(?:\.\d+)?(?:\/\d+)?)[ \t]{0,2}(?:k?m\/h|km\/hr?|m\/s|mph|kph|km|cm|mm|m|kg|mg|g|ml|mL|L|s|sec|seconds?|min|minutes?|h|hrs?|hours?|days?|weeks?|years?|miles?|ft|feet|foot|inch(?:es)?|in(?=\^[23]$|[\u00b2\u00b3]$)|yards?|lbs?|pounds?|oz|dollars?|cents?|euros?|yuan|units?|degrees?)(?:\^[23]|[\u00b2\u00b3])?$/;

/** "60 km/h" -> "60"; undefined when `s` is not a number and a unit of the list. */
export function withoutPlainUnit(s: string): string | undefined {
  const m = plainUnitRe.exec(s);
  return m === null ? undefined : m[1];
}

/** Superscript powers as carets: "n²" -> "n^2" (the same value, docs/annotation-guide.md). */
export function caretPowers(s: string): string {
  return s
    .replace(/\u00b2/g, '^2')
    .replace(/\u00b3/g, '^3')
    .replace(/\u2074/g, '^4');
}

const functionCommandRe = /\\(sin|cos|tan|sec|csc|cot|ln|log|exp)(?![a-z])/g;
const functionOfLetterRe = /(sin|cos|tan|sec|csc|cot|ln|log|exp)[ \t]?\([ \t]?([a-z])[ \t]?\)/g;

/** Function names as plain words, of one letter without brackets: "\\sin x" -> "sin x", "sin(x)" -> "sinx". */
export function plainFunctions(s: string): string {
  return s.replace(functionCommandRe, '$1').replace(functionOfLetterRe, '$1$2');
}

/** "x∈[1,3]", "x\\in(4,\\infty)", "x\\in\\{-3,2\\}" -> the set itself (spaces already removed). */
export function withoutMembership(s: string): string {
  // (Stop 36: or a set in escaped braces, "x\\in\\{-3,2\\}".)
  const m = /^[a-z](?:\u2208|\\in(?![a-z]))([([{][\s\S]*|\\\{[\s\S]*)$/.exec(s);
  return m === null ? s : m[1];
}

// A clock time, 12- or 24-hour, maybe glossed with the other ("13:20(1:20pm)"), spaces removed.
const clockRe = /^0?(\d{1,2}):([0-5]\d)(?:([AaPp])\.?[Mm]\.?)?(?:\(0?\d{1,2}:[0-5]\d(?:[AaPp]\.?[Mm]\.?)?\))?$/;

/** A clock time on the 24-hour clock: "1:20pm", "1:20 PM", "13:20 (1:20 PM)" -> "13:20"; "08:42 a.m." -> "8:42"; undefined when not a time. */
export function clock24(s: string): string | undefined {
  const m = clockRe.exec(s);
  if (m === null) return undefined;
  let h = Number(m[1]);
  if (h > 24) return undefined;
  const half = m[3]?.toLowerCase();
  if (half !== undefined && (h === 0 || h > 12)) return undefined;
  if (half === 'p' && h < 12) h += 12;
  if (half === 'a' && h === 12) h = 0;
  return `${h}:${m[2]}`;
}

// ---- an expression in one letter, compared by its values (pass 58) ----

// A normalized expression the evaluator reads: digits, one kind of letter, + - * / ^ ( ) and "."; no
// backslash, "=", comma or relation (those are other forms, answers.ts readForms).
const plainExpressionRe = /^[-+*/^().\da-z]{1,60}$/;
const FUNCTIONS = ['sin', 'cos', 'tan', 'ln', 'log', 'exp'];

/** The value of a normalized expression in the letters of `vars` at `xs` (spaces removed, "2x", "n(n+1)", "x^2", "sinx", "(a+5)(b+2)"); NaN where it cannot be read. */
function evaluate(s: string, vars: string, xs: readonly number[]): number {
  let i = 0;
  const peek = (): string => s[i] ?? '';
  const atom = (): number => {
    const c = peek();
    if (c === '(') {
      i++;
      const r = sum();
      if (peek() !== ')') return NaN;
      i++;
      return r;
    }
    if (c >= '0' && c <= '9') {
      const m = /^\d+(?:\.\d+)?/.exec(s.slice(i, i + 20));
      if (m === null) return NaN;
      i += m[0].length;
      return Number(m[0]);
    }
    for (const f of FUNCTIONS) {
      if (s.startsWith(f, i)) {
        i += f.length;
        const a = power();
        return f === 'sin' ? Math.sin(a) : f === 'cos' ? Math.cos(a) : f === 'tan' ? Math.tan(a) : f === 'exp' ? Math.exp(a) : Math.log(a);
      }
    }
    const k = c === '' ? -1 : vars.indexOf(c);
    if (k >= 0) {
      i++;
      return xs[k];
    }
    return NaN;
  };
  const power = (): number => {
    const b = atom();
    if (peek() !== '^') return b;
    i++;
    // "x^-1", "x^2"
    const neg = peek() === '-';
    if (neg) i++;
    const e = power();
    return Math.pow(b, neg ? -e : e);
  };
  // A product, "*" written or not ("2x", "n(n+1)", "2xsinx"), or a quotient.
  const product = (): number => {
    let r = power();
    for (;;) {
      const c = peek();
      if (c === '*' || c === '/') {
        i++;
        const f = power();
        r = c === '*' ? r * f : r / f;
      } else if (c === '(' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) r *= power();
      else return r;
    }
  };
  const sum = (): number => {
    let sign = 1;
    if (peek() === '-' || peek() === '+') {
      sign = peek() === '-' ? -1 : 1;
      i++;
    }
    let r = sign * product();
    while (peek() === '+' || peek() === '-') {
      const c = s[i++];
      const t = product();
      r = c === '+' ? r + t : r - t;
    }
    return r;
  };
  const r = sum();
  return i === s.length ? r : NaN;
}

/**
 * The letters that are the variables of a plain expression (function names aside), in letter
 * order ("(b+2)(a+5)" -> "ab"); undefined where none or more than four. Stop 36 (leftovers):
 * several letters, so "a+b" is "b+a" and "(a+5)(b+2)" is "(b+2)(a+5)"; letters alone (a word?)
 * only two and no English word: "xy" is "yx", but "no" is not "on", nor "dog" "god".
 */
function variablesOf(s: string): string | undefined {
  let t = s;
  for (const f of FUNCTIONS) if (t.includes(f)) t = t.split(f).join('');
  const letters = t.match(/[a-z]/g);
  if (letters === null) return undefined;
  const vars = [...new Set(letters)].sort().join('');
  if (vars.length > 4 || (vars.length > 1 && letters.length === t.length && (t.length > 2 || twoLetterWords.has(t)))) return undefined;
  return vars;
}
const twoLetterWords = new Set('am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we'.split(' '));

// Each variable's values at the four points (a row per variable): no two rows alike, none simple.
const POINTS: readonly (readonly number[])[] = [
  [0.7, 1.3, 2.9, 5.1],
  [1.9, 0.45, 3.7, 2.2],
  [2.6, 1.15, 0.35, 4.3],
  [0.55, 3.1, 1.75, 2.45],
];

// Stop 36 (leftovers): "\\cdot" and "\\times" are products; a short braced power that is negative
// or holds a letter is bracketed ("x^{-1}", "a^{n+1}"). Not a large power ("10^{20}x"): see above.
function plainProducts(s: string): string {
  if (s.length > 120 || (!s.includes('\\') && !s.includes('^{'))) return s;
  return s
    .replace(/\\(?:cdot|times)(?![a-z])/g, '*')
    .replace(/\^\{([-+\da-z.]{1,8})\}/g, (m, e: string) => (e.startsWith('-') || /[a-z]/.test(e) ? `^(${e})` : m));
}

// An innermost root: "\\sqrt{x}", "\\sqrt[3]{x+1}" (no brace or backslash inside).
const innerRootRe = /\\sqrt(?:\[(\d{1,2})\])?\{([^{}\\]{1,60})\}/;

/**
 * Pass 64: roots as fractional powers, for the evaluator: "\\sqrt{x}" -> "(x)^(1/2)",
 * "\\sqrt[3]{x}" -> "(x)^(1/3)", "x^{1/2}" -> "x^(1/2)". Innermost root first, each
 * rewrite removing one "\\sqrt" (at most as many passes as roots; texts over 120 characters are left).
 */
function rootsAsPowers(s: string): string {
  if (s.length > 120 || (!s.includes('{') && !s.includes('\\'))) return s;
  for (let k = 0; k < 8 && s.includes('\\sqrt'); k++) {
    const r = s.replace(innerRootRe, (_m, n: string | undefined, x: string) => `(${x})^(1/${n ?? 2})`);
    if (r === s) break;
    s = r;
  }
  // Only a fractional power's braces: a large power ("10^{20}x") stays out of the evaluator, whose
  // tolerance would call "10^{20}x" and "10^{20}x+1" one function.
  return s.includes('{') ? s.replace(fractionPowerRe, '^($1)') : s;
}
const fractionPowerRe = /\^\{(-?\d{1,2}\/\d{1,2})\}/g;

/**
 * Are two normalized expressions in the same letters the same function ("n(n+1)-1" and
 * "n^2+n-1", "2xsinx+x^2cosx" and "x^2cosx+2xsinx", "a+b" and "b+a")? Compared at four points; an expression the
 * evaluator cannot read is no match. The guide: the same answer in another notation is the same value.
 */
export function sameExpression(a: string, b: string): boolean {
  a = plainProducts(rootsAsPowers(a));
  b = plainProducts(rootsAsPowers(b));
  if (!plainExpressionRe.test(a) || !plainExpressionRe.test(b)) return false;
  const v = variablesOf(a);
  if (v === undefined || variablesOf(b) !== v) return false;
  for (let k = 0; k < 4; k++) {
    const xs = POINTS.map((row) => row[k]);
    const p = evaluate(a, v, xs);
    const q = evaluate(b, v, xs);
    if (!Number.isFinite(p) || !Number.isFinite(q) || Math.abs(p - q) > 1e-9 * Math.max(1, Math.abs(p), Math.abs(q))) return false;
  }
  return true;
}
