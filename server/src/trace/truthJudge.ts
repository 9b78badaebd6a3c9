// Whether an answer is right against a record's ground truth: one judge for the engine's reading
// (segment.ts judgeAttempts: the correctness calibrate counts) and for the labels that
// eval-segmentation sets beside it, so that both readings of a record are judged alike and the
// engine's derived numbers there are calibrate's (docs/segmentation-eval.md, "Derived numbers").
import { normalizeAnswer, normalizedEqual, normalizedEqualInOrder } from './answers.js';
import { programValueKey } from './programValues.js';
import { parsePythonLiteral, pythonEqual, type PyValue } from './pythonLiteral.js';
import { hasCasedOptions, optionOfValue } from './question.js';
import { bareLetterUnit, letterProduct, mayHaveUnit, quantitiesEqual, questionMakesUnit, statesNoUnit } from './units.js';

/** A value as the judge reads it: as written, and normalized as the engine's statements are. */
export interface JudgedValue {
  value: string;
  normalized: string;
}

/**
 * A value written by someone other than the engine (a gold label), normalized as the engine's
 * statement of it would be: a program value keeps its case (programValueKey), any other answer is
 * normalizeAnswer's.
 */
export function judgedValue(value: string, programValue: boolean | undefined): JudgedValue {
  return { value, normalized: programValue ? programValueKey(value) : normalizeAnswer(value) };
}

// Stop 36: a question whose answer is an order: "in chronological order", "arrange", "rank", "respectively", "from least to greatest".
const orderedQuestionRe =
  /\b(?:in (?:chronological|alphabetical|increasing|decreasing|ascending|descending|the (?:correct|right|same|given) )?order|arrange|rearrange|rank|respectively|(?:from|in) (?:least|smallest|lowest|largest|greatest|highest|earliest|first|oldest) to|sequence)\b/i;

/** Option letters written in a row or a list ("BDAC", "B, D, A, C", "\\boxed{BDAC}"), upper case, in order; undefined otherwise. */
function letterSequence(v: string): string | undefined {
  const m =
    /^[ \t]*(?:\\(?:boxed|text|textbf)\{)?[ \t]*([A-Ja-j](?:[ \t]{0,2}(?:,|->|\u2192|<|>|\\to)?[ \t]{0,2}[A-Ja-j]){1,9})[ \t]*\}?[ \t.]*$/.exec(
      v,
    );
  return m === null ? undefined : m[1].replace(/[^A-Ja-j]/g, '').toUpperCase();
}

// A lone option letter, maybe in brackets or math ("E", "(c)", "$B$").
const loneOptionRe = /^[ \t$(]{0,4}[A-Ja-j][ \t$).]{0,4}$/;

/** The letters of a value that stand alone (variables: "2X+1" -> "X"), commands and words aside; undefined where none or the text is long. */
function variableLetters(raw: string): string | undefined {
  if (raw.length > 80) return undefined;
  const t = raw.replace(/\\(?:text|mathrm|textbf|operatorname)\s*\{[^{}]*\}|\\[A-Za-z]+/g, ' ');
  const m = t.match(/(?<![A-Za-z])[A-KM-Za-km-z](?![A-Za-z])/g);
  return m === null ? undefined : m.join('');
}

// Stop 36 (leftovers): a number with its base as a subscript, normalized ("52_8").
const baseNumberRe = /^([0-9a-f]{1,40})_(\d{1,2})$/;

/** The base that the question asks the answer in ("Express your answer in base 8" -> "8"); undefined where none. */
function questionBase(query: string | undefined): string | undefined {
  if (query === undefined) return undefined;
  return /\bbase[ \t-]{0,2}\$?\{?(\d{1,2})\b/i.exec(query.length <= 20000 ? query : query.slice(0, 20000))?.[1];
}

const hasUpperCase = (s: string): boolean => s !== s.toLowerCase();

/**
 * The record's judge: a value right, wrong, or null without a ground truth. Built once a record
 * (the reference's readings are worked out here, not once an attempt). `optionOf`: a
 * multiple-choice question's options (normalized value to letter); `programValue`: the question
 * asks what Python code returns (its values keep their case).
 */
export function truthJudge(
  record: { answer?: string; query?: string },
  optionOf: ReadonlyMap<string, string> | undefined,
  programValue: boolean | undefined,
): (st: JudgedValue) => boolean | null {
  const truth = record.answer;
  const truthNorm = truth === undefined ? '' : normalizeAnswer(truth);
  // Stop 45: a program value keeps its case (programValueKey): "{1: None}" is the reference
  // "{1: None}" and 'Hello' is not 'hello', where normalizeAnswer's lower case read the first as
  // another answer and the second as the same one.
  const truthProgram = programValue && truth !== undefined ? programValueKey(truth) : undefined;
  // Stop 45: where the reference is a Python literal, a candidate that is one too is right as Python's
  // == says (the benchmark's own grading: `1.0` is `1`, `{2, 1}` is `{1, 2}`, `(1, 2)` is not `[1, 2]`).
  const truthLiteral: PyValue | undefined = truthProgram !== undefined ? parsePythonLiteral(truth!.trim()) : undefined;
  // Pass 64: a reference with a unit ("5 km/h") is compared with a candidate's unit (units.ts).
  const truthUnit = truth !== undefined && mayHaveUnit(truth);
  // A multiple-choice reference written as an option's content ("70°", MathVista's answers) is that
  // option's letter, the form a candidate takes when the question shows its options ("B (70°)" is
  // b); a reference letter is matched by a candidate left as an option's content.
  const truthLetter = optionOf && truth !== undefined ? optionOfValue(optionOf, truth, truthNorm) : undefined;
  const truthIsLetter = optionOf !== undefined && truthLetter === undefined && new Set(optionOf.values()).has(truthNorm);
  // Stop 36: a question that asks for an order ("Arrange ... in chronological order", "respectively"):
  // a list in another order is another answer, and letters in a row ("BDAC") are a sequence, not a set.
  const ordered = truth !== undefined && record.query !== undefined && orderedQuestionRe.test(record.query);
  const truthSequence = ordered ? letterSequence(truth!) : undefined;
  // Stop 36 (leftovers): one letter after a number ("6m") is a unit only where the question or the
  // other side makes it one; otherwise it is a variable: "6m" is not the bare number 6, and is m·6.
  const truthLetter1 = truth === undefined ? undefined : bareLetterUnit(truth);
  const madeUnit = (letter: string): boolean => questionMakesUnit(record.query, letter);
  const truthVariable = truthLetter1 !== undefined && !madeUnit(truthLetter1);
  const truthStatesNoUnit = truth !== undefined && statesNoUnit(truth);
  // Stop 36 (leftovers): where the question asks for base b, "52_8" and "52" are one answer.
  const base =
    truth !== undefined && (truthNorm.includes('_') || /^[0-9a-f]{1,40}$/.test(truthNorm)) ? questionBase(record.query) : undefined;
  const sameInBase = (na: string, nb: string): boolean => {
    const m = baseNumberRe.exec(na);
    return m !== null && m[2] === base && m[1] === nb;
  };
  // Stop 36 (leftovers): a letter's case is part of a variable's name ("2X+1" is not "2x+1", "S" is
  // not "s"); a lone option letter's is not ("(c)" is C), but a capital option letter is no number
  // ("E" is not 2.718...).
  const truthOption = truth !== undefined && loneOptionRe.test(truth);
  const truthLetters = truth === undefined || truthOption ? undefined : variableLetters(truth);
  return (st: JudgedValue): boolean | null => {
    if (truth === undefined) return null;
    if (truthSequence !== undefined) {
      const seq = letterSequence(st.value);
      if (seq !== undefined) return seq === truthSequence;
    }
    // A program value read as one (its normalized form is its key): the same key is the same value,
    // and where either side has a capital letter, case decides (Python's None, True, 'Abc').
    if (truthLiteral !== undefined) {
      const literal = parsePythonLiteral(st.value.trim());
      if (literal !== undefined) return pythonEqual(literal, truthLiteral);
    }
    if (truthProgram !== undefined && st.normalized === programValueKey(st.value)) {
      if (st.normalized === truthProgram) return true;
      if (hasUpperCase(st.normalized) || hasUpperCase(truthProgram)) return false;
    }
    let same =
      (truthUnit ? quantitiesEqual(st.value, truth) : undefined) ??
      (ordered ? normalizedEqualInOrder(st.normalized, truthNorm) : normalizedEqual(st.normalized, truthNorm));
    const letter = bareLetterUnit(st.value);
    if (truthVariable && letter === undefined) {
      if (same && statesNoUnit(st.value)) return false;
      if (!same) same = normalizedEqual(st.normalized, letterProduct(truth!));
    } else if (letter !== undefined && truthLetter1 === undefined && !madeUnit(letter)) {
      if (same && truthStatesNoUnit) return false;
      if (!same) same = normalizedEqual(letterProduct(st.value), truthNorm);
    }
    if (same && truthOption && st.normalized !== truthNorm && /^[A-J]/.test(truth!.replace(/[\s($]/g, '')) && statesNoUnit(st.value))
      same = false;
    if (same && truthLetters !== undefined && !loneOptionRe.test(st.value)) {
      const letters = variableLetters(st.value);
      if (letters !== undefined && letters !== truthLetters && letters.toLowerCase() === truthLetters.toLowerCase()) return false;
    }
    if (!same && base !== undefined) same = sameInBase(truthNorm, st.normalized) || sameInBase(st.normalized, truthNorm);
    // Stop 40: a candidate written as the content of one option, the reference as the content of
    // another that differs from it only in case ("ddGg×DdGG", "DdGg×DDgg"), are different options.
    if (same && truthLetter !== undefined && optionOf !== undefined && hasCasedOptions(optionOf)) {
      const letter = optionOfValue(optionOf, st.value, st.normalized);
      if (letter !== undefined && letter !== truthLetter) return false;
    }
    if (same || optionOf === undefined) return same;
    if (truthLetter !== undefined) return st.normalized === truthLetter;
    return truthIsLetter && optionOf.get(st.normalized) === truthNorm;
  };
}
