// A number with a unit against a number with another unit (pass 64). normalizeAnswer drops a unit
// ("60 km/h" is 60: docs/annotation-guide.md, units are not part of the value), so "5 kg" and
// "5 km/h" normalize alike. Here both raw answers are read as quantities: two quantities whose
// units measure different things (mass, speed) are different answers; two in units of one kind
// (length, mass, time, their products and quotients) are compared after converting both to the
// base unit ("5 km" is "5000 m", "1 kg" is "1000 g"). A bare number against a number with a unit is
// left to normalizeAnswer (equal when the numbers are). Not converted: temperatures (°C, °F, K:
// an offset, not a factor), currencies and counts (dollars, euros, units, degrees of angle): such
// a unit equals only itself.

/** Dimension exponents [length, mass, time] and the factor to the base unit (m, kg, s). */
interface UnitValue {
  factor: number;
  dim: [number, number, number];
  /** A unit that is not converted (currency, count): its own name, compared as written. */
  other?: string;
}

const L: [number, number, number] = [1, 0, 0];
const M: [number, number, number] = [0, 1, 0];
const T: [number, number, number] = [0, 0, 1];

// Singular and plural spellings of one unit share an entry.
const UNITS = new Map<string, UnitValue>();
function unit(names: string[], factor: number, dim: [number, number, number]): void {
  for (const n of names) UNITS.set(n, { factor, dim });
}
unit(['m', 'meter', 'meters', 'metre', 'metres'], 1, L);
unit(['km', 'kilometer', 'kilometers', 'kilometre', 'kilometres'], 1000, L);
unit(['cm', 'centimeter', 'centimeters'], 0.01, L);
unit(['mm', 'millimeter', 'millimeters'], 0.001, L);
unit(['mi', 'mile', 'miles'], 1609.344, L);
unit(['ft', 'foot', 'feet'], 0.3048, L);
unit(['in', 'inch', 'inches'], 0.0254, L);
unit(['yd', 'yard', 'yards'], 0.9144, L);
unit(['kg', 'kilogram', 'kilograms'], 1, M);
unit(['g', 'gram', 'grams'], 0.001, M);
unit(['mg', 'milligram', 'milligrams'], 1e-6, M);
unit(['lb', 'lbs', 'pound', 'pounds'], 0.45359237, M);
unit(['oz', 'ounce', 'ounces'], 0.028349523125, M);
unit(['s', 'sec', 'secs', 'second', 'seconds'], 1, T);
unit(['min', 'mins', 'minute', 'minutes'], 60, T);
unit(['h', 'hr', 'hrs', 'hour', 'hours'], 3600, T);
unit(['day', 'days'], 86400, T);
unit(['week', 'weeks'], 604800, T);
unit(['l', 'liter', 'liters', 'litre', 'litres'], 0.001, [3, 0, 0]);
unit(['ml', 'milliliter', 'milliliters'], 1e-6, [3, 0, 0]);
UNITS.set('mph', { factor: 1609.344 / 3600, dim: [1, 0, -1] });
UNITS.set('kph', { factor: 1000 / 3600, dim: [1, 0, -1] });
// Not converted: each is its own kind, singular and plural alike.
for (const [kind, names] of [
  ['dollar', ['dollar', 'dollars', 'usd']],
  ['cent', ['cent', 'cents']],
  ['euro', ['euro', 'euros']],
  ['yuan', ['yuan']],
  ['unit', ['unit', 'units']],
  ['degree', ['degree', 'degrees', 'deg']],
  ['year', ['year', 'years', 'yr', 'yrs']],
] as const) {
  for (const n of names) UNITS.set(n, { factor: 1, dim: [0, 0, 0], other: kind });
}

// A number then a unit expression: names joined by "/", "*", "·" or a space, each maybe with a
// power ("m/s^2", "km/h", "cm^2", "N m"). Bounded: at most 40 characters of unit, no nested
// quantifier can backtrack (each name is letters only, each joint one character).
const quantityRe =
  /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d{1,3})?)[ \t]{0,3}([A-Za-z][A-Za-z0-9^/*\u00b7\u00b2\u00b3 \t.]{0,39})$/;
const unitPartRe = /([*/\u00b7 ]?)([a-z]+)(?:\^\{?(-?\d)\}?|([\u00b2\u00b3]))?/gy;

/** [value in base units, dimension, not-converted unit name], or undefined when `raw` is no number with a known unit. */
export function readQuantity(raw: string): { value: number; dim: [number, number, number]; other: string } | undefined {
  let s = raw.trim();
  if (s.length > 80) return undefined;
  // LaTeX wrappers: "5\\text{ kg}", "5\\,\\mathrm{km/h}", "$5$ kg".
  if (s.includes('\\') || s.includes('$')) {
    s = s
      .replace(/\\(?:text|mathrm|textrm|operatorname)[ \t]*\{([^{}]*)\}/g, '$1')
      .replace(/\\[,;:! ]|~|\$/g, ' ')
      .trim();
    if (s.includes('\\')) return undefined;
  }
  const m = quantityRe.exec(s);
  if (m === null) return undefined;
  const value = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const text = m[2].replace(/\.$/, '').trim().toLowerCase();
  let factor = 1;
  const dim: [number, number, number] = [0, 0, 0];
  let other = '';
  let parts = 0;
  unitPartRe.lastIndex = 0;
  let divide = false;
  while (unitPartRe.lastIndex < text.length) {
    const p = unitPartRe.exec(text);
    if (p === null) return undefined;
    if (p[1] === '/') divide = true;
    else if (p[1] === '*' || p[1] === '\u00b7') divide = false;
    else if (p[1] === '' && parts > 0) return undefined;
    const u = UNITS.get(p[2]);
    if (u === undefined) return undefined;
    if (u.other !== undefined) {
      if (parts > 0 || other !== '') return undefined;
      other = u.other;
    } else if (other !== '') return undefined;
    const pow = (p[3] !== undefined ? Number(p[3]) : p[4] === '\u00b2' ? 2 : p[4] === '\u00b3' ? 3 : 1) * (divide ? -1 : 1);
    factor *= u.factor ** pow;
    for (let k = 0; k < 3; k++) dim[k] += u.dim[k] * pow;
    parts++;
  }
  if (parts === 0) return undefined;
  return { value: value * factor, dim, other };
}

/**
 * Two answers that are both a number with a known unit: equal iff the units measure one kind and
 * the values agree once converted (to 1e-9 relative); undefined when either is not such a
 * quantity (the caller compares as before).
 */
export function quantitiesEqual(a: string, b: string): boolean | undefined {
  const qa = readQuantity(a);
  if (qa === undefined) return undefined;
  const qb = readQuantity(b);
  if (qb === undefined) return undefined;
  if (qa.other !== qb.other || qa.dim.some((d, k) => d !== qb.dim[k])) return false;
  return Math.abs(qa.value - qb.value) <= 1e-9 * Math.max(1, Math.abs(qa.value), Math.abs(qb.value));
}

/** A cheap test before readQuantity: a digit, then later a letter. */
export function mayHaveUnit(raw: string): boolean {
  return raw.length <= 80 && /\d[^a-zA-Z]{0,20}[a-zA-Z]/.test(raw);
}

// ---- Stop 36 (leftovers): a one-letter unit is a unit where the question or the answer makes it one ----

// A number and one letter that the plain-unit list reads as a unit ("6m", "6 m", "12 g", "3 s",
// "5 h", "2 L"; shapes.ts plainUnitRe): also how a multiple of a variable is written ("6m" where m
// is the question's variable).
const letterUnitRe = /^[ \t]{0,4}\$?[ \t]{0,4}[-+\u2212]?\d{1,12}(?:\.\d{1,12})?[ \t]{0,2}([mgshL])[ \t]{0,4}\$?[ \t]{0,4}$/;

/** The unit letter of a value written as a number and one such letter ("6m" -> "m"); undefined otherwise. */
export function bareLetterUnit(raw: string): string | undefined {
  return raw.length <= 40 ? letterUnitRe.exec(raw)?.[1] : undefined;
}

/** A number and its letter as the product they are when the letter is a variable: "$6m$" -> "6m", "2 L" -> "2l". */
export function letterProduct(raw: string): string {
  return raw
    .replace(/[\s$]/g, '')
    .replace(/\u2212/g, '-')
    .toLowerCase();
}

/** A value with no letter outside LaTeX commands ("6", "\\boxed{6}", "\\frac{1}{2}"): a bare number, no unit stated. */
export function statesNoUnit(raw: string): boolean {
  return raw.length <= 80 && !/[A-Za-z]/.test(raw.replace(/\\[A-Za-z]+/g, ''));
}

// The unit's name, or its letter as a unit is written after a number: in \text or \mathrm
// ("3 \\text{ m}", "3~\\mathrm{m}") or as a word after a space ("a 3 m pole", "3 m."): not "2m+3".
const unitWords: Readonly<Record<string, RegExp>> = {
  m: /\b(?:met(?:er|re)s?)\b|\d[ \t]{0,2}(?:~|\\[ ,;!])?[ \t]{0,2}(?:\\(?:text|mathrm)[ \t]{0,2}\{[ \t]{0,2}m[ \t]{0,2}\}|[ \t]m(?=[ \t.,;:)]|$))/i,
  g: /\b(?:grams?)\b|\d[ \t]{0,2}(?:~|\\[ ,;!])?[ \t]{0,2}(?:\\(?:text|mathrm)[ \t]{0,2}\{[ \t]{0,2}g[ \t]{0,2}\}|[ \t]g(?=[ \t.,;:)]|$))/i,
  s: /\b(?:seconds?)\b|\d[ \t]{0,2}(?:~|\\[ ,;!])?[ \t]{0,2}(?:\\(?:text|mathrm)[ \t]{0,2}\{[ \t]{0,2}s[ \t]{0,2}\}|[ \t]s(?=[ \t.,;:)]|$))/i,
  h: /\b(?:hours?)\b|\d[ \t]{0,2}(?:~|\\[ ,;!])?[ \t]{0,2}(?:\\(?:text|mathrm)[ \t]{0,2}\{[ \t]{0,2}h[ \t]{0,2}\}|[ \t]h(?=[ \t.,;:)]|$))/i,
  L: /\b(?:lit(?:er|re)s?)\b|\d[ \t]{0,2}(?:~|\\[ ,;!])?[ \t]{0,2}(?:\\(?:text|mathrm)[ \t]{0,2}\{[ \t]{0,2}L[ \t]{0,2}\}|[ \t]L(?=[ \t.,;:)]|$))/,
};

// The last question asked about and its answer per letter: a record's values (the judge's, the
// echo test's, eval-segmentation's matching) all ask about one question in a row.
let lastQuery: string | undefined;
let lastAnswers = new Map<string, boolean>();

/** Does the question make `letter` a unit (names it, or writes it after a number as units are written)? Remembered for the last question. */
export function questionMakesUnit(query: string | undefined, letter: string): boolean {
  if (query === undefined) return false;
  if (query !== lastQuery) [lastQuery, lastAnswers] = [query, new Map()];
  let u = lastAnswers.get(letter);
  if (u === undefined)
    lastAnswers.set(letter, (u = unitWords[letter]?.test(query.length <= 20000 ? query : query.slice(0, 20000)) ?? false));
  return u;
}
