// What the question asks for (docs/segmentation-eval.md): candidate answers are statements about
// the asked quantity, so the question is read once per record for (a) the expressions that name
// that quantity ("m+n" in "What is $m+n$?", "347*8261" in "Calculate 347 * 8261"), (b) the nouns
// that name it ("product", "sum", "area"), and (c) the values quoted in it, which a response
// repeats without concluding anything.
import { programValueQuestion } from './programValues.js';
import { markShaped, SHAPE_PART, shapedKinds, shapeHintRe } from './shapes.js';
import { normalizeAnswer } from './answers.js';
import { type AnswerForm, offeredWords, questionForm, TRUE_FALSE, trueFalseAsked } from './wordForms.js';
import { otherTrueFalseAsked, otherYesNoAsked, TRUE_FALSE_OTHER, YES_NO_OTHER } from './otherYesNo.js';

export interface QuestionInfo {
  /** Normalized expressions for the asked quantity (see normalizeMath). */
  targets: string[];
  /** Per target, its longest run of letters or digits: raw text without any of them cannot name a target. */
  probes: string[];
  /** Lower-case nouns of the asked phrase ("product", "digits"). */
  nouns: string[];
  /** Normalized numbers that appear in the question. */
  values: Set<string>;
  /**
   * For a question that asks for a product a * b: its size, a * b. A result within 15% of it
   * reads as an attempt at the product (a slip changes a few digits); a partial product does not.
   */
  scale?: number;
  /**
   * A multiple-choice question's options: the normalized content of each option to its letter
   * ("6" -> "b" for "A. 5 B. 6 C. 8 D. 9"), so a value and its letter are one answer. An option
   * whose content is empty or repeats an earlier one's is keyed NO_CONTENT + its letter: the
   * values are every option's letter.
   */
  optionOf?: Map<string, string>;
  /**
   * The question says more than one option may be right (多选题, "select all that apply", "which
   * of the following are correct"): a candidate is the set of options committed to ("BCD", "B, C
   * and D"), and a verdict on one option ("So C is correct") is the examination of that option.
   */
  multiSelect?: boolean;
  /**
   * The terms of an asked sum or difference that are computations themselves ("64*64" and
   * "64*26" of "64×64 + 64×26", "39^2" of "39² − 36²"): an equation that works one out gives a
   * sub-result, not the answer.
   */
  terms?: string[];
  /** For "X mod m" / "the remainder when X is divided by m": m. A remainder is smaller. */
  modulus?: number;
  /** The question asks for a percentage ("26 is what percentage of 40?"): a value with a % sign is of the asked kind. */
  percent?: boolean;
  /**
   * The question counts the numbers divisible by none of some divisors ("divisible by neither 2
   * nor 13", "not divisible by 3 or 5"): a count of those divisible by them is its complement, a
   * sub-result (docs/annotation-guide.md: the value of another quantity).
   */
  notDivisible?: boolean;
  /**
   * The question asks for an average (a mean) or a probability: a quantity worked out from a sum or
   * a total of its data or outcomes, so a "sum:" / "total:" label states that sub-total, a step
   * (docs/annotation-guide.md: a sub-total is not a candidate), not the asked result.
   */
  totalIsStep?: boolean;
  /**
   * The question counts something that is not money ("How many months until she can afford
   * it?", "How many buses are needed?") and writes its amounts with a currency sign: a value
   * written "$185" in the response is an amount of money, a sub-result, not the asked count.
   */
  countNotMoney?: boolean;
  /**
   * Values the question writes only as an exponent or an index ("3" of "x^3 + ax^2 + ax + 1",
   * "1" of "p_1"): part of a formula, not a quantity it quotes. "The smallest possible value of a
   * is 3" concludes about the asked quantity with a value that only its formula holds.
   */
  formulaOnly?: Set<string>;
  /**
   * An asked noun narrowed by what it is of ("sum" -> "square" for "the sum of the squares of all
   * the items"): a sentence about the sum of something else ("the sum of the remaining numbers")
   * is about a sub-result, not the asked quantity (see nounQualifiers).
   */
  nounOf?: Map<string, string[]>;
  /**
   * Nouns of nounOf that the question also uses of another quantity ("The sum of the items in the
   * list is 30. ... Find the sum of the squares of all the items"): in the response the bare noun
   * ("the sum is 18", "the remaining sum is 3") may be either quantity, so only the narrowed one
   * names the asked quantity (see sharedNouns).
   */
  nounShared?: Set<string>;
  /**
   * The asked expression is a sum of letters the question says are integers ("Find $m+n$" for
   * "$\\frac{m}{n}$, where m and n are relatively prime positive integers"): the answer is a whole
   * number, and a fraction or a root the response reaches is the intermediate value it is made
   * from (the guide: "the area is 6\\sqrt{2}" when the question asks for m + n).
   */
  integerAnswer?: boolean;
  /**
   * For a multiple-choice question: the options' values the question quotes nowhere else (a
   * distractor's "$42.00", not the "$20 note" of the stem that option D repeats). Examining another
   * option by its value is no new work on the answer (segment.ts newNumbers).
   */
  optionOnly?: Set<string>;
  /**
   * A question that asks "which" or "who" among names it offers ("Which student has the greatest
   * average speed?" over a figure labelled "Evelyn", "Briana", ...): the names, and whether the
   * asked one is the greatest (1) or the least (-1) of something (undefined when it says
   * neither). Its answer is a word, which the number rules cannot read.
   */
  names?: { names: string[]; most: number };
  /**
   * The question speaks of divisors or multiples ("the largest integer that divides ...", "how
   * many multiples of 7 ..."): a value after "divisible by" may be what it asks. Elsewhere such a
   * value is a divisor of some other quantity, a step (statements.ts).
   */
  divisors?: boolean;
  /**
   * Values of the kind the question's answer is and the number rules do not read (a global
   * pattern; see typedAnswer): a complex number ("6 - 5i") when the question asks for one, a point
   * ("(3, π/2)") when it asks for coordinates, an expression in the letters it asks the answer
   * "in terms of" ("p - q"). statements.ts reads them as it reads numbers.
   */
  typed?: RegExp;
  /**
   * The question has two or more blanks to fill ("则\\theta =____，f(\\frac{2\\pi}{3}) =____"): its
   * answer is the blanks' values together, and one value stated alone fills one blank, a part of
   * the answer (docs/annotation-guide.md: an intermediate quantity is no candidate).
   */
  blanks?: boolean;
  /**
   * The verb a "how much / how many" question asks with ("How much does she pay?": pay): a
   * response's conclusion says it of the answer ("So Fatima pays $50.80."), as it would "is". The
   * pattern matches its regular forms (base, -s / -es / -ies, -ed / -ied: "pays", "travels",
   * "carries"; not "paid"). docs/annotation-guide.md: a concluding statement about the asked quantity.
   */
  verb?: RegExp;
  /**
   * The ordinals the question writes ("first", "second", ... "fifth", lower case), where it writes
   * any: a response's "the first part is 908" names a piece of the whole (statements.ts,
   * ordinalPart) unless the question asks about a piece so counted ("How long does the first leg
   * take?").
   */
  ordinals?: Set<string>;
  /**
   * Words of the kind the question's answer is (a global pattern; see wordAnswer): a weekday when
   * it asks "what day of the week", "yes" / "no" when it asks a yes-or-no question, one of the
   * names it offers when it asks "who" or "which" among them, the letter of a labelled item
   * ("Plan B") when it asks which of them. statements.ts reads them after an answer cue or a
   * concluding copula, as it reads numbers.
   */
  words?: RegExp;
  /**
   * The offered names `words` reads, when the question asks "who" or "which" among them ("Who
   * finished in position 4?" over "Ana, Ben, Cara, Dan and Eve"), with the numbers the asked
   * sentence names its slot by (digits, ordinal words as digits: "position 4", "the fourth"): a
   * name is the answer where it is stated for that slot, not wherever the reasoning places it.
   */
  wordNames?: { names: ReadonlySet<string>; slot: readonly string[] };
  /**
   * A "how many" question's words (lower case): what may qualify its counted noun in a response
   * ("the number of lemons he has now" for "How many lemons does he have now?"), see `COUNTED`.
   */
  queryWords?: Set<string>;
  /**
   * The stems (partStem) of the words the question writes outside its asking sentence and
   * not in it ("rectangle", "triangle" of "A banner is shaped like a rectangle with a triangle on
   * top. What is the total area of the banner?"), where it asks with a noun: a response's asked
   * noun right after one of them ("the rectangle area is 780", "the triangle's area") is the noun
   * of a part, a sub-result (pass 90, statements.ts nounUse).
   */
  partWords?: Set<string>;
  /** The asking sentence asks a rate or a share ("per", "each", "every", "average"): a value "per year" may answer it. */
  asksRate?: boolean;
  /**
   * A "how many" question's counted noun (its stem, as COUNTED holds it) and the participle or
   * adjective it asks with ("How many cookies are left?": cookie, left; "How many buses are
   * needed?": buse, needed): a response's "there are 26 cookies left", "8 buses are needed" states
   * the asked count (pass 90, statements.ts findCountedPredicates).
   */
  countedPredicate?: { noun: string; word: string };
  /**
   * A single-answer multiple-choice question's options as words (lower case, letters and digits,
   * common function words dropped), each with its letter: a conclusion that names an option by
   * its content ("so the correct statement is that it is valid for a trap-free device") chooses
   * that option (docs/annotation-guide.md; statements.ts findOptionContents).
   */
  optionWords?: readonly OptionWords[];
  /**
   * The question lists no options but speaks of them ("Which one of the following options ...",
   * "choose the correct answer", "select all that apply"; a stem stored without its option list):
   * 1, or 2 where it says more than one may be right. segment.ts reads such a question as multiple
   * choice with unseen options (asUnseenChoice) unless the record's reference answer is of another
   * shape (pass 53).
   */
  choiceAsked?: number;
  /**
   * A yes/no question that compares two subjects by a comparative ("Is the Danube longer than the
   * Rhine?", "Was Mozart older at his time of death than Schubert ...?"): the subjects as written
   * (a leading article and a trailing qualifier dropped: "Danube", "Schubert"), the comparative and
   * its opposites. A conclusion stating the comparison ("so the Danube is longer", "Schubert was
   * younger") answers it yes or no (statements.ts findComparisons; pass 54).
   */
  comparison?: Comparison;
  /**
   * A word answer the number rules cannot read (pass 59, wordForms.ts): an ordering of the things
   * the question lists ("Rank A, B and C from largest to smallest"), or what a program prints.
   */
  answerForm?: AnswerForm;
  /**
   * Pass 67 (programValues.ts): the question shows Python code and asks what a call returns; its
   * answer is a program value ('cba', [1, 4], {'a': 1}, True, None), read whole.
   */
  programValue?: boolean;
  /**
   * Pass 101b: where the engine reads no asked noun or expression (a question in another language),
   * the letters that stand alone in the question's last sentence ("Quanto vale x?" gives "x";
   * "Quanto vale il prodotto xy?" none): an unknown's value concluded in the response ("quindi x = 7")
   * is about the asked quantity only if the question asks for that letter (statements.ts
   * findOtherConclusions).
   */
  askedLetters?: string;
}

/** QuestionInfo.comparison. */
export interface Comparison {
  a: string;
  b: string;
  /** Every way a subject is written: `a` / `b`, and a name's last word with and without its particles ("van Beethoven", "Beethoven"). */
  aNames: readonly string[];
  bNames: readonly string[];
  same: readonly string[];
  opposite: readonly string[];
}

/**
 * The empty list of strings every QuestionInfo without targets, probes or nouns holds: an array
 * whose elements kind is already that of a list of strings (a `[]` literal starts as a list of
 * small integers), so every read of these lists sees one array map. Two maps made the optimized
 * code of each rule that reads them deoptimize once more while the engine warmed up. Never written.
 */
const NO_STRINGS: string[] = [''];
NO_STRINGS.length = 0;
const strings = (a: string[]): string[] => (a.length > 0 ? a : NO_STRINGS);

const EMPTY: QuestionInfo = {
  targets: NO_STRINGS,
  probes: NO_STRINGS,
  nouns: NO_STRINGS,
  values: new Set(),
  scale: undefined,
  optionOf: undefined,
  multiSelect: undefined,
  terms: undefined,
  modulus: undefined,
  percent: undefined,
  notDivisible: undefined,
  totalIsStep: undefined,
  countNotMoney: undefined,
  formulaOnly: undefined,
  nounOf: undefined,
  nounShared: undefined,
  integerAnswer: undefined,
  optionOnly: undefined,
  names: undefined,
  divisors: undefined,
  typed: undefined,
  blanks: undefined,
  verb: undefined,
  ordinals: undefined,
  words: undefined,
  wordNames: undefined,
  queryWords: undefined,
  countedPredicate: undefined,
  partWords: undefined,
  asksRate: undefined,
  optionWords: undefined,
  choiceAsked: undefined,
  comparison: undefined,
  answerForm: undefined,
  programValue: undefined,
  askedLetters: undefined,
};

/**
 * info, marked as a question whose options may be right together. Built property by property in
 * the order every QuestionInfo has, where a spread copy (`{ ...info, multiSelect: true }`) gave the
 * copy a map of its own: every rule that reads the question then met a second map (the "wrong
 * map" deoptimizations of add, chainNames, findConclusions and others on the real responses,
 * docs/engine.md, stop 27, fourth round). The type lists every property, so one added to
 * QuestionInfo and not here does not compile.
 */
export function asMultiSelect(info: QuestionInfo): QuestionInfo {
  const copy: { [K in keyof Required<QuestionInfo>]: QuestionInfo[K] } = {
    targets: info.targets,
    probes: info.probes,
    nouns: info.nouns,
    values: info.values,
    scale: info.scale,
    optionOf: info.optionOf,
    multiSelect: true,
    terms: info.terms,
    modulus: info.modulus,
    percent: info.percent,
    notDivisible: info.notDivisible,
    totalIsStep: info.totalIsStep,
    countNotMoney: info.countNotMoney,
    formulaOnly: info.formulaOnly,
    nounOf: info.nounOf,
    nounShared: info.nounShared,
    integerAnswer: info.integerAnswer,
    optionOnly: info.optionOnly,
    names: info.names,
    divisors: info.divisors,
    typed: info.typed,
    blanks: info.blanks,
    verb: info.verb,
    ordinals: info.ordinals,
    words: info.words,
    wordNames: info.wordNames,
    queryWords: info.queryWords,
    countedPredicate: info.countedPredicate,
    partWords: info.partWords,
    asksRate: info.asksRate,
    optionWords: info.optionWords,
    choiceAsked: info.choiceAsked,
    comparison: info.comparison,
    answerForm: info.answerForm,
    programValue: info.programValue,
    askedLetters: info.askedLetters,
  };
  return copy;
}

/**
 * The options of a multiple-choice question whose option list the record does not show: each
 * letter A-J stands for itself, so the rules that read a chosen letter (findOptionLetters, the
 * option verdicts, concludes()'s "a letter, not a plain number") read it as they do with the
 * options shown; no option's content is known. Never written.
 */
export const UNSEEN_OPTIONS: Map<string, string> = new Map([...'abcdefghij'].map((l) => [l, l]));

/**
 * info, read as a multiple-choice question whose options are not shown (pass 53): a stem stored
 * without its option list, recognised by its words (choiceAsked) or by a reference answer that is
 * an option letter (segment.ts). Its answer is a letter, as with the options shown: the kinds of
 * answer a letter replaces (typed values, words) are not read. Built property by property, as
 * asMultiSelect is.
 */
export function asUnseenChoice(info: QuestionInfo): QuestionInfo {
  const copy: { [K in keyof Required<QuestionInfo>]: QuestionInfo[K] } = {
    targets: info.targets,
    probes: info.probes,
    nouns: info.nouns,
    values: info.values,
    scale: info.scale,
    optionOf: UNSEEN_OPTIONS,
    multiSelect: info.choiceAsked === 2 ? true : undefined,
    terms: info.terms,
    modulus: info.modulus,
    percent: info.percent,
    notDivisible: info.notDivisible,
    totalIsStep: info.totalIsStep,
    countNotMoney: info.countNotMoney,
    formulaOnly: info.formulaOnly,
    nounOf: info.nounOf,
    nounShared: info.nounShared,
    integerAnswer: info.integerAnswer,
    optionOnly: undefined,
    names: info.names,
    divisors: info.divisors,
    typed: undefined,
    blanks: info.blanks,
    verb: info.verb,
    ordinals: info.ordinals,
    words: undefined,
    wordNames: undefined,
    queryWords: info.queryWords,
    countedPredicate: info.countedPredicate,
    partWords: info.partWords,
    asksRate: info.asksRate,
    optionWords: undefined,
    choiceAsked: info.choiceAsked,
    comparison: undefined,
    answerForm: undefined,
    programValue: undefined,
    askedLetters: info.askedLetters,
  };
  return copy;
}

// "divisible by neither 2 nor 13", "not divisible by 3 or 5", "aren't divisible by any of".
const notDivisibleRe = /\b(?:not|neither|n't)[ \t]{1,2}(?:be[ \t]{1,2})?divisible\b|\bdivisible[ \t]{1,2}by[ \t]{1,2}(?:neither|none)\b/;

// An option label: a capital A-E after a blank, "(" or a line start, then ".", ":", ")" or their
// full-width forms ("A. 5", "(B) 6", "C：8", "\\textbf{(D) }9"); the first may stand right after
// the answer's bracketed blank ("…为（ ）A．$-4$ B．…", as gaokao questions write it).
const optionLabelRe = /(?:^|[\s(\uff08{\uff09])([A-J])[ \t]{0,2}(?:\)[ \t]{0,2}\}|[.:)\uff0e\uff1a\uff09\u3001])/g;

// A question whose options may be right together: "多选题", "不定项", "select all that apply",
// "which of the following (statements) are correct/true", "more than one correct".
const multiSelectRe =
  /\u591a\u9009|\u4e0d\u5b9a\u9879|\bselect all\b|\ball that apply\b|\bchoose all\b|\bwhich of the following (?:\w+ )?are (?:correct|true)\b|\bmore than one (?:\w+ )?(?:is |are |may be |can be )?(?:correct|true|answer|option)/i;

// An option that is a set of statement labels, normalized ("ionly", "iandiii", "i,iiandiii").
const labelSetOptionRe = /^(?:i{1,3}|iv|v)(?:(?:,|and|&|,and)(?:i{1,3}|iv|v)){0,5}(?:only)?$/;

/**
 * Are the options sets of the statements ("(A) I only (B) II only (C) I and II ...")? Then "which
 * of the following statements are true" is answered by one option, the set (pass 78g): not a
 * multiple-select question.
 */
function combinationOptions(optionOf: ReadonlyMap<string, string>): boolean {
  if (optionOf.size < 2) return false;
  for (const k of optionOf.keys()) if (!labelSetOptionRe.test(k) && !k.startsWith(NO_CONTENT)) return false;
  return true;
}

/** "A. 5 B. 6 C. 8 D. 9": at least A-D in order, each followed by its content; undefined otherwise. */
/** An option's words (OptionWords); `distinct` are those no other option has. */
export interface OptionWords {
  letter: string;
  words: readonly string[];
  distinct: readonly string[];
  /** Every word of the option in order, function words kept ("12", "5", "m", "s" of "12.5 m/s"). */
  seq: readonly string[];
  /** The option's content normalized (normalizeAnswer): a short option is named only as written ("3/y" is not "3 * y"). */
  norm: string;
  /** The option is an item's label, a lower-case letter or roman numeral ("c" for "planet c" of a list a-d). */
  label: boolean;
}

// Function words and the words of a verdict: they name no option.
const OPTION_STOP = new Set(
  'a an the of to in on at by for from with and or is are was were be been it its this that these those as which so answer correct option choice statement true'.split(
    ' ',
  ),
);

/** Lower-case words of letters and digits, function words dropped, each once. */
export function contentWords(s: string): string[] {
  return [...new Set((s.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !OPTION_STOP.has(w)))];
}

/** The options' words (QuestionInfo.optionWords), of the contents readOptions read (or the numbered options'). */
function optionWordsOf(contents: readonly { letter: string; content: string }[]): OptionWords[] | undefined {
  // Options written as math ("$\{-\frac{1}{2}, 1\}$", "CD \perp plane ABD", "x = 3") are read as values: a
  // response works them out step by step, and its steps share their symbols. They are named by no words.
  const math = (c: string): boolean => /[$\\=^<>{}_|]/.test(c);
  if (contents.every((c) => math(c.content))) return undefined;
  const all = contents.map((c) => ({
    letter: c.letter.toLowerCase(),
    words: math(c.content) ? [] : contentWords(c.content),
    seq: math(c.content) ? [] : (c.content.toLowerCase().match(/[a-z0-9]+/g) ?? []),
    label: /^\(?(?:[a-h]|i{1,3}|iv|vi{0,3})\)?$/.test(c.content),
    norm: normalizeAnswer(c.content),
  }));
  const count = new Map<string, number>();
  for (const o of all) for (const w of o.words) count.set(w, (count.get(w) ?? 0) + 1);
  return all.map((o) => ({ ...o, distinct: o.words.filter((w) => count.get(w) === 1) }));
}

// A numbered option's label after a line start or a blank: "1. Tom is Bob's grandchild.", "2) ...",
// "(3) ..." (pass 55). A record's header holds its question on one line, so a line break reads as a blank.
const numberedOptionRe = /(?:^|\s)(?:\(([1-9])\)|([1-9])[.)])[ \t]{1,4}(?=\S)/g;
// The question asks for an option's number: "Answer with selected option number", "Enclose the
// selected answer number in the <ANSWER> tag", "the number of the correct option".
const optionNumberAskedRe =
  /\b(?:option|answer|choice)[ \t]{1,2}number\b|\bnumber[ \t]{1,2}of[ \t]{1,2}the[ \t]{1,2}(?:correct|selected|right|chosen)[ \t]{1,2}(?:option|answer|choice)\b/i;

/**
 * A question whose options are numbered ("Select the correct answer:\n1. Tom is Bob's grandchild.\n2.
 * Tom is Bob's grandparent.\nAnswer with selected option number."): two or more options numbered
 * from 1 in a row, where the question asks for an option's number; each option's content with its
 * number (up to the next option; the last up to the end of its sentence). The options' contents are
 * prose (a numbered list of a math question's conditions, or options that are values, is read as
 * before: its numbers are values). Undefined otherwise.
 */
function readNumberedOptions(query: string): { letter: string; content: string }[] | undefined {
  if (!query.includes('number') || !optionNumberAskedRe.test(query)) return undefined;
  let labels: { letter: string; start: number; end: number }[] = [];
  numberedOptionRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = numberedOptionRe.exec(query)) !== null) {
    const n = m[1] ?? m[2];
    if (n === '1') labels = [];
    if (n !== String(labels.length + 1)) continue;
    labels.push({ letter: n, start: m.index, end: m.index + m[0].length });
  }
  if (labels.length < 2) return undefined;
  const out = labels.map((l, i) => {
    let content = query.slice(l.end, i + 1 < labels.length ? labels[i + 1].start : Math.min(query.length, l.end + 200));
    if (i + 1 === labels.length) {
      const stop = /[.?!](?:\s|$)/.exec(content);
      if (stop) content = content.slice(0, stop.index);
    }
    return { letter: l.letter, content: content.trim().replace(/[.;,]$/, '') };
  });
  // Prose: each option holds a word of three letters and no math.
  if (!out.every((o) => /[A-Za-z]{3}/.test(o.content) && !/[$\\=^<>{}_|]/.test(o.content))) return undefined;
  return out;
}

// How many lettered options make a multiple-choice question: two (PIQA's and true/false pairs,
// three-way choices) as well as four (fmt33; four before, which left "The correct answer is A."
// of a two-option question unread).
const MIN_OPTIONS = 2;

/** Before a letter, the key of an option whose content names no option of its own (readOptions): U+0000, which no value the rules read holds. */
const NO_CONTENT = '\u0000';

// Between a content's normalized form and its letters as written, in the key of an option told
// apart from another only by case (readOptions): U+0001, which no value the rules read holds.
const CASE_MARK = '\u0001';
/** The letters of a text as written, case kept ("ddGg×DdGG" is "ddGgDdGG"). */
const casedLetters = (s: string): string => s.replace(/[^\p{L}]/gu, '');
/** The option maps whose keys keep case for options told apart only by it (readOptions). */
const casedOptionMaps = new WeakSet<ReadonlyMap<string, string>>();

/**
 * The letter of the option whose content `raw` is (`norm`: raw normalized, when known): the
 * option map's key, or, where options differ only in case ("ddGg×DdGG", "DdGg×DDgg", genotypes of a
 * cross), the key that keeps the case raw is written in (stop 40: folded, they read as one value).
 */
export function optionOfValue(optionOf: ReadonlyMap<string, string>, raw: string, norm = normalizeAnswer(raw)): string | undefined {
  return optionOf.get(norm) ?? (casedOptionMaps.has(optionOf) ? optionOf.get(`${norm}${CASE_MARK}${casedLetters(raw)}`) : undefined);
}

/** Whether some options of the map are told apart only by case (their keys keep it: optionOfValue). */
export const hasCasedOptions = (optionOf: ReadonlyMap<string, string>): boolean => casedOptionMaps.has(optionOf);

/** An option map's key as its content normalized (without the case an option told apart by case keeps in its key). */
export const optionKeyContent = (key: string): string => {
  const mark = key.indexOf(CASE_MARK);
  return mark < 0 ? key : key.slice(0, mark);
};

/** The option map of the contents readOptionContents read from a question (undefined where it read none). */
function readOptions(contents: readonly { letter: string; content: string }[] | undefined): Map<string, string> | undefined {
  if (contents === undefined) return undefined;
  const out = new Map<string, string>();
  let distinct = 0;
  // Options whose contents normalize alike but are written in letters of another case ("AaBb" /
  // "aabb", genotypes "ddGg×DdGG" / "DdGg×DDgg"): case is what tells them apart, so each keeps it
  // in its key (optionOfValue); folded, two options were one value and a letter was judged by the
  // other's content, or the options read as no list at all (stop 40).
  const norms = contents.map(({ content }) => normalizeAnswer(content));
  let cased: Set<string> | undefined;
  for (let i = 0; i < norms.length; i++)
    for (let j = i + 1; j < norms.length; j++)
      if (norms[i] && norms[i] === norms[j] && casedLetters(contents[i].content) !== casedLetters(contents[j].content))
        (cased ??= new Set()).add(norms[i]);
  for (const [k, { letter, content }] of contents.entries()) {
    const norm = cased?.has(norms[k]) ? `${norms[k]}${CASE_MARK}${casedLetters(content)}` : norms[k];
    // An option whose content is empty or another's ("E) Country X has more." and "G) Country X
    // has more.") is still an option: its letter is kept under a key no value is (NO_CONTENT), so
    // optionOf.values() is every letter, and a letter chosen is read (stop 38). The options are a
    // list when as many as MIN_OPTIONS have contents of their own, as before.
    if (norm && !out.has(norm)) {
      out.set(norm, letter.toLowerCase());
      distinct++;
    } else out.set(NO_CONTENT + letter, letter.toLowerCase());
  }
  if (cased) casedOptionMaps.add(out);
  return distinct >= MIN_OPTIONS ? out : undefined;
}

function readOptionContents(query: string): { letter: string; content: string }[] | undefined {
  // Most questions list no options: a cheap test for an "A" label first.
  if (!/A[ \t]{0,2}[.:)\uff0e\uff1a\uff09\u3001]/.test(query)) return undefined;
  // The option list is the longest run of labels A, B, C, ...; a later run as long wins (a worked
  // example's options before the question's own). A shorter later run does not erase it: AGIEval
  // closes its prompt with "A: Among A through E, the answer is" (stop 34, a parsing fix).
  // An "A" that starts a run does not end the runs before it (stop 38): an option's content may
  // end in one ("E) Country B has more than country A. F) ..."), and the list goes on after it.
  // The runs are kept by the label each wants next: two that want the same one are as long, and
  // the one begun later is kept, so there is at most one a letter.
  const runs = new Map<string, { letter: string; start: number; end: number; gap: boolean; paren: boolean }[]>();
  // Where each "A" label starts: the last option of a run ends where the next run begins (or at its line's end).
  const runStarts: number[] = [];
  // Stop 41 (importfix41), labels inside an option's text. A list of three or more labels written
  // "(A)", "(B)", "(C)" goes on only at a label so written: " J)" in "(I) FUNCTION PD (A, I, J)" is
  // text (MMLU-Pro; the importer writes options whose text holds a label-like letter so, each after
  // a blank line). A list whose labels so far each open a line or follow a wide gap (two blanks: a
  // blank line of a one-line header) does not go on at a label without one where the next label
  // at such a place is the same letter ("(B) (E ⊃ F) ∨ (S ⊃ C)  (C) ..."), and an "A" inside its
  // options starts no list of its own (the next such label is the list's next, or it is inside
  // the last option: "(D) 0.002 A."). A gap may be trailing blanks ("A. x \nB. y \nC. z\nD. w", a
  // GPQA prompt): D still goes on such a list.
  const found = [...query.matchAll(optionLabelRe)].map((m) => ({
    m,
    gap: atListPosition(query, /\s/.test(m[0][0]) ? m.index + 1 : m.index),
    paren: /^[(\uff08]/.test(m[0]) && /[)\uff09]/.test(m[0]),
  }));
  // Where the text from an offset next breaks (a line break or a wide gap), once per offset asked.
  const breaks = new Map<number, number>();
  const breakRe = /\n|\s{2}/g;
  const segmentEnd = (from: number): number => {
    let at = breaks.get(from);
    if (at === undefined) {
      breakRe.lastIndex = from;
      at = breakRe.exec(query)?.index ?? query.length;
      breaks.set(from, at);
    }
    return at;
  };
  const nextGapLetter: (string | undefined)[] = [];
  // Whether a label of the next letter comes anywhere after label i (a list that goes on from it).
  const continued: boolean[] = [];
  const later = new Set<string>();
  for (let i = found.length - 1, next: string | undefined; i >= 0; i--) {
    nextGapLetter[i] = next;
    if (found[i].gap) next = found[i].m[1];
    continued[i] = later.has(String.fromCharCode(found[i].m[1].charCodeAt(0) + 1));
    later.add(found[i].m[1]);
  }
  for (const [i, { m, gap, paren }] of found.entries()) {
    const start = m.index + m[0].indexOf(m[1]);
    const run = m[1] === 'A' ? [] : runs.get(m[1]);
    if (run === undefined) continue;
    if (!paren && run.length >= 3 && run.every((l) => l.paren)) continue;
    // fx42: a list of two labels so written, each after a wide gap (the importer's "(A) ...  (B)
    // ..."), does not go on at a label without either: "(A) True  (B) False: C) 2 is odd".
    if (!paren && !gap && run.length === 2 && run.every((l) => l.paren && l.gap)) continue;
    if (!gap && run.length >= 1 && nextGapLetter[i] === m[1] && run.every((l) => l.gap)) continue;
    // fx42: nor at a label without one inside the last option's text, in the middle of a phrase (a
    // lower-case word before it and after it, on the last option's line; no label at such a place
    // after it, none of the next letter anywhere after it): "D. Shiga toxin-producing E. coli", a
    // two-option list's "B) No, because C) in the premise is false". Two such labels at least;
    // "  A) x  B) y C) z D) w" goes on at C, which D follows, and a label after a sentence's end
    // (a line break read as one blank: "... frameshifting. D) SARS-CoV-2 ...") goes on.
    if (
      !gap &&
      run.length >= 2 &&
      nextGapLetter[i] === undefined &&
      !continued[i] &&
      run.every((l) => l.gap) &&
      /[a-z][ \t][(\uff08]?$/.test(query.slice(Math.max(0, start - 3), start)) &&
      /^[ \t]{0,2}[a-z]/.test(query.slice(m.index + m[0].length, m.index + m[0].length + 4)) &&
      start < segmentEnd(run[run.length - 1].end)
    )
      continue;
    if (
      !gap &&
      m[1] === 'A' &&
      [...runs.values()].some(
        (r) =>
          r.every((l) => l.gap) &&
          (nextGapLetter[i] === String.fromCharCode(65 + r.length) || (r.length >= 2 && start < lastOptionEnd(query, r))),
      )
    )
      continue;
    if (m[1] === 'A') runStarts.push(start);
    else runs.delete(m[1]);
    run.push({ letter: m[1], start, end: m.index + m[0].length, gap, paren });
    const next = String.fromCharCode(65 + run.length);
    const other = runs.get(next);
    if (other === undefined || other[0].start < run[0].start) runs.set(next, run);
  }
  let labels: { letter: string; start: number; end: number; gap: boolean; paren: boolean }[] = [];
  for (const run of runs.values()) if (run.length > labels.length) labels = run;
  if (labels.length < MIN_OPTIONS) return undefined;
  // Stop 40: a shorter run of at least MIN_OPTIONS labels that begins after the longest run's last
  // option has ended (at a line break or a wide gap, as its content does below) is the question's
  // own list: a key or legend ("A: Marina reads a Percy Jackson book." ... "E: Ashleigh stops by.",
  // MMLU-Pro's formal logic) or a worked example's options come before the question's options,
  // which close it. Labels inside the last option ("E) Both (A) and (B)") are no list of their own.
  for (const run of [...runs.values()].sort((a, b) => a[0].start - b[0].start))
    if (run.length >= MIN_OPTIONS && run.length < labels.length && run[0].start >= lastOptionEnd(query, labels)) labels = run;
  const last = labels[labels.length - 1].start;
  const end = runStarts.find((k) => k > last) ?? query.length;
  const out: { letter: string; content: string }[] = [];
  labels.forEach((l, i) => {
    const raw = query.slice(l.end, i + 1 < labels.length ? labels[i + 1].start : Math.min(end, l.end + 80));
    // The content up to a line break or a wide gap ("\\qquad", two spaces); the last option up to the end of its line.
    // A gap right after the label ("A.  carbohydrates.") opens the content, not ends it (pass 63c).
    const content = raw
      .replace(/^[ \t]+/, '')
      .split(/\n|\\qquad|\s{2,}|\\textbf/)[0]
      .replace(/[\s(\uff08]+$/, '')
      .trim();
    out.push({ letter: l.letter, content });
  });
  return out;
}

/** Whether a label starting at `at` opens the text or a line, or follows a wide gap (two blanks: a blank line of a one-line header). */
function atListPosition(query: string, at: number): boolean {
  const before = query.slice(Math.max(0, at - 2), at);
  return at === 0 || before.endsWith('\n') || /^\s\s$/.test(before) || (at === 1 && /^\s$/.test(before));
}

/** Where the last option of a run of labels ends: at a line break or a wide gap after its content, or 80 characters on. */
function lastOptionEnd(query: string, labels: readonly { end: number }[]): number {
  const from = labels[labels.length - 1].end;
  const rest = query.slice(from, from + 80);
  const lead = rest.length - rest.replace(/^[ \t]+/, '').length;
  const stop = /\n|\\qquad|\s{2,}|\\textbf/.exec(rest.slice(lead));
  return stop ? from + lead + stop.index : from + rest.length;
}

/** Math as a comparable string: no spaces, math delimiters or alignment marks (`&`), every product sign as `*`, superscript powers as `^2` / `^3`. */
export function normalizeMath(s: string): string {
  // One pass by hand: it runs on every sentence that may name the asked expression. The text is
  // copied in runs (s[run, i) is kept as it is, appended when a character is rewritten or
  // dropped) rather than a character at a time: most of a left side is kept, and appending each
  // character built a string of as many pieces (stop 27).
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      // backslash: a LaTeX command or escape
      out += s.slice(run, i);
      const next = s[i + 1] ?? '';
      if (s.startsWith('times', i + 1) || s.startsWith('cdot', i + 1) || s.startsWith('ast', i + 1)) {
        out += '*';
        i += s.startsWith('times', i + 1) ? 5 : s.startsWith('cdot', i + 1) ? 4 : 3;
      } else if (s.startsWith('left', i + 1)) i += 4;
      else if ((next === 'd' || next === 't') && s.startsWith('frac', i + 2)) {
        out += '\\frac';
        i += 5;
      } // \dfrac, \tfrac: \frac
      else if (s.startsWith('right', i + 1)) i += 5;
      else if (',;:! ()[]'.includes(next) && next !== '') i += 1;
      else out += '\\';
      run = i + 1;
      continue;
    }
    if (
      c === 36 ||
      c === 38 ||
      c === 123 ||
      c === 125 ||
      c === 32 ||
      c === 9 ||
      c === 10 ||
      c === 13 ||
      c === 12 ||
      c === 11 ||
      c === 0xa0
    ) {
      // $ { } blanks
      out += s.slice(run, i);
      run = i + 1;
      continue;
    }
    if (c === 0xd7 || c === 0xb7 || c === 0x22c5 || c === 0x2217) {
      out += s.slice(run, i) + '*';
      run = i + 1;
      continue;
    }
    // "83 x 97,837": a letter x between two numbers is a product sign.
    if (c === 120 || c === 88) {
      out += s.slice(run, i);
      run = i;
      if (/\d$/.test(out) && /^[ \t]{0,2}\d/.test(s.slice(i + 1, i + 4))) {
        out += '*';
        run = i + 1;
      }
      continue;
    }
    if (c === 0x2212) {
      out += s.slice(run, i) + '-';
      run = i + 1;
      continue;
    }
    // "39²" and "39^2" are one term: a superscript power as "^" (as powers() does).
    if (c === 0xb2 || c === 0xb3) {
      out += s.slice(run, i) + (c === 0xb2 ? '^2' : '^3');
      run = i + 1;
      continue;
    }
    if (c > 127 && /\s/.test(s[i])) {
      // other Unicode spaces, as \s
      out += s.slice(run, i);
      run = i + 1;
    }
  }
  out += s.slice(run);
  if (out.includes(',')) out = dropThousandsCommas(out);
  return out.toLowerCase();
}

export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isRegexWordChar = (c: number): boolean => isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Is `letter` the only single letter the query uses as a name (the articles "a", "A", "I" aside)? */
function onlyLetter(query: string, letter: string): boolean {
  const re = /(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])/g;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    const c = m[0];
    if (c !== letter && c !== 'a' && c !== 'A' && c !== 'I') return false;
  }
  return true;
}

// The extremum asked for, named by a letter: "the smallest positive integer n such that", "least
// integer $k$ with", "largest whole number x for which".
const extremumLetterRe =
  /\b(?:smallest|least|largest|greatest|minimal|maximal)[ \t]{1,2}(?:(?:positive|negative|nonnegative|possible|odd|even|natural|whole|prime)[ \t]{1,2}){0,2}(?:integer|number|value)[ \t]{1,2}\$?([a-z])\$?(?=[ \t]{1,2}(?:such that|for which|with|is|so that|where|satisfying)\b|[ \t]{0,2}[,?]|\.[ \t]*$)/i;
/**
 * s.replace(/(\d),(?=\d{3}\b)/g, '$1') by hand: every comma after a digit and before exactly
 * three digits and a word boundary ("1,234"). (Each match holds the one digit before its comma,
 * so the matches never compete for a character: every such comma goes.)
 */
export function dropThousandsCommas(s: string): string {
  let out = '';
  let kept = 0;
  for (let k = s.indexOf(','); k >= 0; k = s.indexOf(',', k + 1)) {
    // (Bounds tested first: a read past the end is NaN, which no test accepts, but it costs the
    // optimized code a deoptimization the first time.)
    if (
      k > 0 &&
      k + 3 < s.length &&
      isDigitCode(s.charCodeAt(k - 1)) &&
      isDigitCode(s.charCodeAt(k + 1)) &&
      isDigitCode(s.charCodeAt(k + 2)) &&
      isDigitCode(s.charCodeAt(k + 3)) &&
      (k + 4 === s.length || !isRegexWordChar(s.charCodeAt(k + 4)))
    ) {
      out += s.slice(kept, k);
      kept = k + 1;
    }
  }
  return kept === 0 ? s : out + s.slice(kept);
}

const numberRe = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;
const fractionRe = /\\[dt]?frac\s*\{(\d+)\}\s*\{(\d+)\}|(\d+)\s*\/\s*(\d+)/g;
// "347 * 8261", "347 \\times 8261", "347 x 8261"; not a factor of a power ("8^5 \\cdot 5^{10}").
const multiplicationRe = /(?<![\^_{\w.])(\d[\d,]*)\s*(?:\*|\\times|\u00d7|x|times|multiplied by)\s*(\d[\d,]*)(?!\d|\^|\.\d)/i;
// What a product of two numbers describes when it gives a figure's dimensions: "8 \\times 8$ grid", "3 x 3 board".
const dimensionAfterRe =
  /^[ \t]{0,2}(?:\$|\\\))?[ \t]{0,2}-?[ \t]{0,2}(?:grids?|boards?|chessboards?|checkerboards?|arrays?|matri(?:x|ces)|tables?|rectangles?|rectangular|squares?|lattices?)\b/i;
// A dot product sign ("Work out 26 · 108.", "Compute $26 \\cdot 108$."): a product only as the whole
// of a short asking sentence's end, since LaTeX writes every product in a formula with \\cdot.
const dotProductRe =
  /^[^$\d]{0,40}\$?(\d[\d,]*)[ \t]{0,3}(?:\u00b7|\u22c5|\\cdot)[ \t]{0,3}(\d[\d,]*)[ \t]{0,3}\$?[ \t]{0,3}[.?]?[ \t]{0,3}$/;
// The asked phrase's head: "How many digits", "What is the units digit", "find the remainder".
// An ordinal may lead it ("What is the 27th term?", "find the 100th digit"): the noun is the head.
const askedHeadRe =
  /\b(?:how many|how much|what (?:is|are|was) the|find (?:the|its)|compute (?:the|its)|determine the|calculate the|evaluate the|what is)\s+(?:\d{1,6}(?:st|nd|rd|th)\s+)?((?:[a-z-]+\s+){0,2}[a-z-]+)/i;
const askedMathRe =
  /\b(?:what (?:is|are)|find|compute|evaluate|determine|calculate|simplify)\s+(?:the value of\s+)?(?:\$([^$]{1,80})\$|\\\((.{1,80}?)\\\))/i;
// "What is the value of 2x?", "find xy.": a monomial asked for in plain text, ending the question.
const plainMonomialRe = /\b(?:find|compute|calculate|evaluate|what is)\s+(?:the value of\s+)?(\d{1,3}[a-z]{1,2}|[a-z]{2})\s*[.?]?\s*$/i;

/** Is every letter of the monomial a letter of its own somewhere in the text (a coefficient's variable, "4x")? */
function unknownsOf(text: string, monomial: string): boolean {
  for (const c of monomial.replace(/\d/g, '')) {
    let found = false;
    for (let k = text.indexOf(c); k >= 0 && !found; k = text.indexOf(c, k + 1))
      found = !/[A-Za-z]/.test(text.charAt(k - 1)) && !/[A-Za-z]/.test(text.charAt(k + 1));
    if (!found) return false;
  }
  return true;
}

/**
 * The noun of "What is the number?" / "What number did I think of?": the unknown number itself
 * (statements.ts reads "the number" not followed by "of" or a plural, pass 52f).
 */
export const THE_NUMBER = 'the number';
/** The prefix of a noun that names what a "how many" question counts (statements.ts reads "the number of <it>"). */
export const COUNTED = 'number of ';
// Words before what is counted that say which of them are counted ("How many different pizzas").
const countedAdjectives = new Set([
  'different',
  'distinct',
  'positive',
  'negative',
  'possible',
  'whole',
  'ordered',
  'unordered',
  'total',
  'nonnegative',
  'non-negative',
]);

/** What a "how many" question counts, as a stem ("games" -> "game"); none after "more" / "less" (a difference). */
function countedNoun(phrase: string): string | undefined {
  for (const w of phrase.toLowerCase().split(/\s+/)) {
    if (countedAdjectives.has(w)) continue;
    if (w.length < 3 || STOP_WORDS.has(w) || w === 'more' || w === 'fewer' || w === 'less' || w === 'times' || w === 'ways')
      return undefined;
    return w.replace(/(?<=[^s])s$/, '');
  }
  return undefined;
}

// "How many cookies are left?", "How many buses are needed?", "How many seats will be empty?": the
// counted phrase, a copula, then one word closing the question (maybe "over", "in total").
const countedPredicateRe =
  /\bhow many[ \t]+((?:[a-z-]{1,20}[ \t]+){0,2}?[a-z-]{3,20})[ \t]+(?:are|is|were|was|will be|would be)[ \t]+([a-z]{3,14})(?:[ \t]+(?:over|in total|altogether|now|then))?[ \t]*\?/i;

/** QuestionInfo.countedPredicate: the counted noun's stem and the predicate word of a "how many ... are left?" question. */
function countedPredicateOf(asked: string, nouns: readonly string[]): { noun: string; word: string } | undefined {
  const m = countedPredicateRe.exec(asked);
  if (m === null) return undefined;
  const phrase = m[1].toLowerCase().split(/[ \t]+/);
  const noun = countedNoun(phrase.at(-1)!);
  if (noun === undefined || !nouns.includes(COUNTED + noun)) return undefined;
  const word = m[2].toLowerCase();
  if (STOP_WORDS.has(word) || word === 'there' || word === 'the') return undefined;
  return { noun, word };
}

const STOP_WORDS = new Set([
  'what',
  'which',
  'find',
  'compute',
  'calculate',
  'determine',
  'evaluate',
  'the',
  'value',
  'that',
  'this',
  'with',
  'from',
  'when',
  'then',
  'there',
  'their',
  'your',
  'answer',
  'number',
  'form',
  'written',
  'where',
  'many',
  'much',
  'have',
  'does',
  'final',
  'think',
  'step',
  'simplest',
  'following',
  'positive',
  'possible',
  'real',
  'integer',
  'all',
  'are',
  'can',
  'for',
  'and',
]);

// A sum of two to four letters, each maybe with a coefficient: "m+n", "a+b+c", "100m+n".
const letterSumRe = /^\d{0,4}[a-z](?:\+\d{0,4}[a-z]){1,3}$/;

const cache = new Map<string, QuestionInfo>();

let lastQuery: string | undefined;
let lastInfo: QuestionInfo = EMPTY;

// "How many hours / minutes / days ...?" asks a time (pass 90: with any verb, "After how many hours will
// they meet?", "How many hours does the whole trip take?"; until then only with "take" or "need" within
// 20 characters), counted in a unit of time, not things counted.
const timeUnitCountedRe = /^(?:hours|minutes|days|seconds|weeks)\b/i;
const impliedNounRe =
  /\bhow (?:(far)\b|(old)(?= (?:is|are)\b)(?![^.?]{0,40}\b(?:ago|in \d))|(long)\b(?! is| are| was)|many (?:hours|minutes|days|seconds|weeks)\b)/i;

// An asked average, mean or probability (pass 52c): worked out from a sum or total.
const totalIsStepRe = /\b(?:average|mean|probability)\b|\u5e73\u5747|\u6982\u7387/;
/** A fill-in-the-blank question's asking sentence ("The probability that exactly one is red is ____."), lower-cased; '' when none. */
function blankSentence(sentences: readonly string[]): string {
  for (let k = sentences.length - 1; k >= 0; k--) if (sentences[k].includes('__')) return sentences[k].toLowerCase();
  return '';
}

export function analyzeQuestion(query: string | undefined): QuestionInfo {
  if (!query) return EMPTY;
  // The rollouts of one prompt are adjacent: the previous record's question is checked first,
  // which saves hashing the query for the cache.
  if (query === lastQuery) return lastInfo;
  const info = cached(query);
  lastQuery = query;
  lastInfo = info;
  return info;
}

/** A copy of s that shares no storage with the string s is a slice of (a concatenation is flattened into a string of its own). */
const detached = (s: string): string => (' ' + s).slice(1);

function cached(query: string): QuestionInfo {
  const hit = cache.get(query);
  if (hit) return hit;
  const info = analyze(query);
  // A question enters the cache the second time it is asked: in a corpus of distinct prompts
  // (the phrasing families' bench corpus: 35,436 questions in 41,686 records) storing every
  // QuestionInfo made question analysis about 60% slower than analysing alone (docs/engine.md,
  // stop 26).
  // A collision in the table only caches a question early: analyze reads nothing but the query,
  // so a cached QuestionInfo is the one analysing it again would give.
  const h = queryHash(query);
  if (seenOnce[h & (SEEN_SLOTS - 1)] !== h) {
    seenOnce[h & (SEEN_SLOTS - 1)] = h;
    return info;
  }
  // Corpora repeat each prompt once per rollout; the cache stays small by forgetting all at once.
  if (cache.size > 4096) cache.clear();
  // Keyed by a copy: the query is a slice of its record's text (header values are), and V8 keeps
  // a slice's whole parent alive, so a cached slice held every record's text, body included,
  // until the cache was cleared: up to 4096 records surviving young-generation collections.
  cache.set(detached(query), info);
  return info;
}

/** Questions asked once so far, by queryHash, one per slot (0: none). */
const SEEN_SLOTS = 4096;
const seenOnce = new Int32Array(SEEN_SLOTS);

/** A 32-bit hash of the query's text, never 0. */
function queryHash(query: string): number {
  let h = query.length;
  for (let i = 0; i < query.length; i++) h = (Math.imul(h, 31) + query.charCodeAt(i)) | 0;
  return h | 1;
}

// askProduct and isProductTarget are module functions rather than closures in analyze: under tsx,
// which keeps function names, each closure created costs a defineProperty call (about 0.7% of the
// bench's CPU time for analyze's two).

/** The question asks for the product of two numbers (as written, separators aside): named either way round. */
function askProduct(targets: string[], nouns: string[], x: string, y: string): [string, string] {
  const a = x.replace(/,/g, '');
  const b = y.replace(/,/g, '');
  targets.push(`${a}*${b}`, `${b}*${a}`);
  nouns.push('product');
  return [a, b];
}

/** Does the minus sign at i follow no operand (a number, a letter, a closer), so that it is the sign of the number after it? */
function unaryMinusAt(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 36)) j--;
  return j < 0 || !/[\p{L}\p{N})\]}!]/u.test(text[j]);
}

const isProductTarget = (t: string, a: string, b: string): boolean => t === `${a}*${b}` || t === `${b}*${a}`;

const ordinalWordRe = /\b(?:first|second|third|fourth|fifth)\b/gi;
// Gates before case-insensitive patterns: whether the lower-cased text holds a literal that every
// match of the pattern holds. A pattern's match (no `u` flag) differs from its literals only in the
// case of ASCII letters, so the lower-cased text then holds them; the gate rejects only texts the
// pattern cannot match, and the pattern still decides (most questions hold none of the literals,
// and an includes is much cheaper than a case-insensitive scan).
const holdsAny = (lower: string, literals: readonly string[]): boolean => {
  for (const l of literals) if (lower.includes(l)) return true;
  return false;
};
const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'];
const EXTREMUM_WORDS = ['smallest', 'least', 'largest', 'greatest', 'minimal', 'maximal'];
const PLAIN_ASK_WORDS = ['find', 'compute', 'calculate', 'evaluate', 'what is'];
const MULTI_SELECT_WORDS = [
  '\u591a\u9009',
  '\u4e0d\u5b9a\u9879',
  'select all',
  'all that apply',
  'choose all',
  'which of the following',
  'more than one',
];
const CHOICE_ASKED_WORDS = ['which', 'option', 'choice', 'choose', 'select', 'pick'];

/** The ordinals a question writes, lower case (QuestionInfo.ordinals); undefined where it writes none. */
function ordinalsOf(query: string, lowerQuery: string): Set<string> | undefined {
  if (!holdsAny(lowerQuery, ORDINAL_WORDS)) return undefined;
  const found = query.match(ordinalWordRe);
  return found ? new Set(found.map((w) => w.toLowerCase())) : undefined;
}

function analyze(query: string): QuestionInfo {
  const values = new Set<string>();
  const lowerQuery = query.toLowerCase();
  // exec loops on module-level global patterns rather than matchAll, which clones its pattern
  // and builds an iterator on every call (this runs once per distinct question).
  let m: RegExpExecArray | null;
  // A superscript power quotes its exponent too ("52² − 36²" quotes 2): restating it is no new work.
  const quoted = thinSpaced(powers(query));
  numberRe.lastIndex = 0;
  // Which of them stand anywhere else than as an exponent or an index ("^3", "^{3}", "_1").
  const indexed = quoted.includes('^') || quoted.includes('_');
  const asQuantity = new Set<string>();
  // Values quoted twice or more (in the stem and again as an option).
  const repeated = new Set<string>();
  while ((m = numberRe.exec(quoted)) !== null) {
    const v = normalizeAnswer(m[0]);
    if (values.has(v)) repeated.add(v);
    values.add(v);
    // A negative number quotes its sign ("2x - 3y = -31" quotes -31): a minus that follows no
    // operand ("= -31", "(-4, 0)", a leading "-5") is the number's own, not a subtraction.
    if (
      m.index > 0 &&
      (quoted.charCodeAt(m.index - 1) === 45 || quoted.charCodeAt(m.index - 1) === 0x2212) &&
      unaryMinusAt(quoted, m.index - 1)
    )
      values.add(normalizeAnswer(`-${m[0]}`));
    if (!indexed) continue;
    let b = m.index - 1;
    if (b >= 0 && quoted.charCodeAt(b) === 123) b--;
    // (Read only in range: a number that opens the question read charCodeAt(-1), NaN, which cost
    // analyze two deoptimizations and recompilations while the engine warmed up.)
    if (b < 0 || (quoted.charCodeAt(b) !== 94 && quoted.charCodeAt(b) !== 95)) asQuantity.add(v);
  }
  fractionRe.lastIndex = 0;
  // (Each pattern below runs only when the text holds a literal every one of its matches needs.)
  if (query.includes('/') || query.includes('frac'))
    while ((m = fractionRe.exec(query)) !== null) values.add(normalizeAnswer(`${m[1] ?? m[3]}/${m[2] ?? m[4]}`));
  const targets: string[] = [];
  const nouns: string[] = [];
  let product: [string, string] | undefined;
  const mul = multiplicationRe.exec(query);
  // "an $8\\times 8$ grid", "a 3 x 3 board": the dimensions of a figure, not a product asked for.
  if (mul && !dimensionAfterRe.test(query.slice(mul.index + mul[0].length, mul.index + mul[0].length + 24)))
    product = askProduct(targets, nouns, mul[1], mul[2]);
  // The asked phrase: the last sentence that asks (a question mark, or find/compute/... ).
  // A title's full stop ("How old is Mr. Okafor now?") ends no sentence (pass 60).
  const sentences = query.split(/(?<=[.?!])(?<!\b(?:Mr|Mrs|Ms|Dr|Prof)\.)\s*(?=[A-Z])|\n+/).filter((x) => x.trim());
  let asked = '';
  for (let k = sentences.length - 1; k >= 0; k--) {
    if (/\?|\b(?:find|compute|calculate|determine|evaluate|simplify|what is|how many|how much)\b/i.test(sentences[k])) {
      asked = sentences[k];
      break;
    }
  }
  const math = asked.includes('$') || asked.includes('\\(') ? askedMathRe.exec(asked) : null;
  if (math) {
    const expr = normalizeMath(math[1] ?? math[2]).replace(/[?.,]+$/, '');
    // A single letter or a bare number names nothing specific enough to find in a response.
    if (expr.length >= 2 && !/^\d+$/.test(expr)) targets.push(expr);
  }
  // "Solve for x": the letter is the asked quantity, a conclusion of its value ("So x comes out to
  // -27") is about it. Only a letter solved for alone ("Solve for x: ...", "solve for $n$ in ..."),
  // not one that starts an expression ("Solve for $x + y$") or a list ("solve for x and y").
  const solveFor = !lowerQuery.includes('solve for')
    ? null
    : /\bsolve for \$?([a-z])\$?(?=[ \t]{0,2}(?:[:.?;]|$|(?:in|given|if|when|where|such)\b))/i.exec(query);
  if (solveFor) targets.push(solveFor[1].toLowerCase());
  // "the smallest positive integer n such that 2^n > 262", "For which least integer n is ...": the
  // letter that names the extremum asked for is the asked quantity ("Thus n = 9" concludes it). Only
  // a letter standing alone after the extremum's noun, followed by the condition or the question's end.
  // Only the question's one unknown: where it names others ("Let $p$ be the least prime for which
  // there is an $n$ ... Find the least $m$ ..."), expressions in them name the letter in passing.
  const lower = asked.toLowerCase();
  const extremumLetter = holdsAny(lower, EXTREMUM_WORDS) ? extremumLetterRe.exec(asked) : null;
  if (extremumLetter && !targets.includes(extremumLetter[1]) && onlyLetter(query, extremumLetter[1])) targets.push(extremumLetter[1]);
  // A plain-text expression asked for: "Find 475700 mod 83.", "What is 12^3 - 5?", "product of 252 and 442".
  // "What is the value of x + 2y?" asks for x + 2y: the phrase before the expression is not part of it.
  const plainAsk = holdsAny(lower, PLAIN_ASK_WORDS);
  const plain = !plainAsk
    ? null
    : /\b(?:find|compute|calculate|evaluate|what is)\s+(?:the value of\s+)?([^.?$\n]{3,40}?)\s*[.?]?\s*$/i.exec(asked);
  // Math, not prose: an operator, and no word longer than three letters but "times" ("find x² + y²", "find 3x − y").
  if (plain && /[-+*/^\u00d7\u2212]|\bmod\b|\btimes\b/.test(plain[1]) && !/[a-z]{4,}/i.test(plain[1].replace(/\btimes\b/gi, '')))
    targets.push(normalizeMath(plain[1].replace(/\s*\btimes\b\s*/gi, '*')));
  // A monomial written plain ("What is the value of 2x?", "find xy"): a coefficient before a letter,
  // or two letters, is an expression as "x + 2y" is. A letter alone is not (30e reads "Solve for x").
  else {
    const monomial = plainAsk ? plainMonomialRe.exec(asked) : null;
    // Its letters are the question's unknowns, each written elsewhere as a letter of its own ("4x + 3y
    // = 11"): "What is it?" and "What is 12m?" (a length) ask for no expression.
    if (monomial && unknownsOf(query.slice(0, query.length - monomial[0].length), monomial[1])) targets.push(normalizeMath(monomial[1]));
  }
  // An asked sum of terms ("Compute 5/12 + 3/8") is named by "the sum": "Therefore the sum is 17/24".
  if (targets.some((t) => t.includes('+') && /^[^-+*/=]+(?:\+[^-+*/=]+)+$/.test(t) && !/^[a-z]\+[a-z]$/.test(t))) nouns.push('sum');
  const productOf = !(lowerQuery.includes('product of') || lowerQuery.includes('multiply '))
    ? null
    : /\b(?:product of (\d[\d,]*) and|multiply (\d[\d,]*) by|multiply (\d[\d,]*) and) (\d[\d,]*)/i.exec(query);
  if (productOf) product = askProduct(targets, nouns, productOf[1] ?? productOf[2] ?? productOf[3], productOf[4]);
  const dotIn = asked || (sentences.at(-1) ?? '');
  const dot =
    product || !(dotIn.includes('\\cdot') || dotIn.includes('\u00b7') || dotIn.includes('\u22c5')) ? null : dotProductRe.exec(dotIn);
  if (dot) product = askProduct(targets, nouns, dot[1], dot[2]);
  // A product that is one term of the asked expression ("64×64" of "64×64 + 64×26") is a
  // sub-result, not the asked quantity: it neither names the answer nor gives it a noun.
  if (product) {
    const [a, b] = product;
    if (targets.some((t) => !isProductTarget(t, a, b) && (t.includes(`${a}*${b}`) || t.includes(`${b}*${a}`)))) {
      for (let k = targets.length - 1; k >= 0; k--) if (isProductTarget(targets[k], a, b)) targets.splice(k, 1);
      const n = nouns.indexOf('product');
      if (n >= 0) nouns.splice(n, 1);
    }
  }
  // The product is the asked quantity only when no other asked expression says otherwise ("64×64 + 64×26").
  const factors: [string, string] | undefined = product; // (a const, for the closure below)
  const scale =
    factors && targets.every((t) => t === `${factors[0]}*${factors[1]}` || t === `${factors[1]}*${factors[0]}`)
      ? Number(factors[0]) * Number(factors[1])
      : undefined;
  const head = askedHeadRe.exec(asked.includes('$') ? asked.replace(/\$[^$]*\$/g, ' ') : asked);
  // "How many ...?" is answered by a count: "So the count is 33 + 9 - 3 = 39" names it, whatever is counted.
  if (head && /^how many/i.test(head[0])) {
    // "After how many hours will they meet?" asks a time, which a fraction of an hour may be (pass 90): no whole count.
    if (!timeUnitCountedRe.test(head[1])) nouns.push('count');
    // "How many games are played?" asks for the number of games: "the number of games is 1711"
    // names the asked count (the guide: "So there are 12 ways" when it asks how many ways). Only
    // "the number of" before what is counted, not the counted noun alone, which every step names.
    const counted = countedNoun(head[1]);
    if (counted !== undefined) nouns.push(COUNTED + counted);
  }
  // "How far ...?" asks for a distance, "how old is" for an age, "how long" / "how many hours will
  // it take" for a time: what a response calls the quantity.
  const implied = /how /i.test(asked) ? impliedNounRe.exec(asked) : null;
  if (implied) nouns.push(implied[1] ? 'distance' : implied[2] ? 'age' : 'time');
  // "How many gallons ...": what is counted names its unit, which every step mentions; only
  // "what is the remainder / units digit / total" names the quantity itself.
  // "What is the number?", "What number did I think of?": the asked noun is the number itself,
  // which STOP_WORDS leaves out of every other asked phrase ("the number of ways").
  if ((head && /^number$/i.test(head[1]) && /^what (?:is|was) the/i.test(head[0])) || /^what number\b/i.test(asked.trim()))
    nouns.push(THE_NUMBER);
  if (head && !/^how (?:many|much)/i.test(head[0])) {
    for (const w of head[1].toLowerCase().split(/\s+/)) {
      if (w.length >= 3 && !STOP_WORDS.has(w)) nouns.push(w.replace(/(?<=[^s])s$/, ''));
    }
  }
  // Terms worked out one by one are sub-results (the guide: a sub-total is not a candidate).
  const terms =
    targets.length === 0
      ? []
      : [
          ...new Set(
            targets.flatMap((t) =>
              /[()]/.test(t) || !/[-+]/.test(t)
                ? []
                : powers(t)
                    .split(/[-+]/)
                    .filter((x) => x.length >= 3 && /[*^/]/.test(x) && x !== powers(t)),
            ),
          ),
        ];
  // A remainder's divisor: "475700 mod 83", "the remainder when 525105 is divided by 19".
  const mod = lower.includes('mod')
    ? /\bmod(?:ulo)?\s*\$?(\d{1,9})\b/.exec(lower)
    : lower.includes('remainder')
      ? /\bdivided by\s*\$?(\d{1,9})\b/.exec(lower)
      : null;
  const probes: string[] = [];
  for (const t of targets) probes.push((t.match(/[a-z0-9]+/g) ?? ['']).reduce((a, b) => (b.length > a.length ? b : a)));
  // Read once for both the option map and the options' words (reading them was a fifth of analyze's time).
  const optionContents = readOptionContents(query);
  const optionOf = readOptions(optionContents);
  // An option's value is the answer being chosen, not a number the question merely quotes.
  let optionOnly: Set<string> | undefined;
  if (optionOf) {
    optionOnly = new Set();
    for (const v of optionOf.keys()) {
      if (!repeated.has(v)) optionOnly.add(v);
      values.delete(optionKeyContent(v));
    }
  }
  // Numbered options (pass 55): their numbers are labels, not values the question quotes.
  const numbered = optionOf === undefined ? readNumberedOptions(query) : undefined;
  if (numbered) for (const o of numbered) values.delete(o.letter);
  const formulaOnly = indexed ? [...values].filter((v) => !asQuantity.has(v) && !v.includes('/')) : [];
  const nounOf = nounQualifiers(asked, nouns);
  // Every QuestionInfo has all its properties, in one order (those that do not apply undefined):
  // one object shape, so the reads of them in the per-value rules stay monomorphic (objects of
  // 2^5 shapes made them megamorphic and cost recompilations while the engine warmed up).
  const word = wordAnswer(query, asked, optionOf !== undefined, lowerQuery);
  return {
    targets: strings(targets),
    probes: strings(probes),
    nouns: nouns.length === 0 ? NO_STRINGS : [...new Set(nouns)].slice(0, 6),
    values,
    scale: scale !== undefined && Number.isFinite(scale) && scale > 0 ? scale : undefined,
    optionOf,
    multiSelect:
      optionOf !== undefined && holdsAny(lowerQuery, MULTI_SELECT_WORDS) && multiSelectRe.test(query) && !combinationOptions(optionOf)
        ? true
        : undefined,
    terms: terms.length > 0 ? terms : undefined,
    modulus: mod && Number(mod[1]) > 1 ? Number(mod[1]) : undefined,
    percent:
      (lower.includes('percent') || lower.includes('%')) && /\bwhat percent(?:age)?\b|\bas a percent(?:age)?\b|\bwhat %/.test(lower)
        ? true
        : undefined,
    notDivisible: lower.includes('divisible') && notDivisibleRe.test(lower) ? true : undefined,
    totalIsStep: totalIsStepRe.test(asked === '' ? blankSentence(sentences) : lower) ? true : undefined,
    countNotMoney:
      head &&
      /^how many/i.test(head[0]) &&
      query.includes('$') &&
      /\$[ \t]?\d/.test(query) &&
      !/^(?:dollars?|cents?|bucks|coins?|bills?|money)\b/i.test(head[1])
        ? true
        : undefined,
    formulaOnly: formulaOnly.length > 0 ? new Set(formulaOnly) : undefined,
    nounOf,
    nounShared: nounOf === undefined ? undefined : sharedNouns(lowerQuery, nounOf),
    integerAnswer: targets.some((t) => letterSumRe.test(t)) && /\bintegers?\b/i.test(query) ? true : undefined,
    optionOnly,
    names: offeredNames(query, asked),
    divisors:
      (lowerQuery.includes('divi') || lowerQuery.includes('factor') || lowerQuery.includes('multiple')) &&
      /divi|factor|multiple/i.test(query)
        ? true
        : undefined,
    typed: typedAnswer(query, asked, optionOf !== undefined, values),
    blanks: query.includes('___') && (query.match(blankRe) ?? []).length >= 2 ? true : undefined,
    verb: head && /^how (?:many|much)/i.test(head[0]) ? askedVerb(asked) : undefined,
    ordinals: ordinalsOf(query, lowerQuery),
    words: word.words,
    wordNames: word.wordNames,
    queryWords: nouns.some((n) => n.startsWith(COUNTED)) ? new Set(lowerQuery.match(/[a-z]+/g)) : undefined,
    countedPredicate: countedPredicateOf(asked, nouns),
    partWords: partWordsOf(asked, nouns, lowerQuery, lower),
    asksRate:
      /\b(?:per|each|every|apiece|rate|speed|fast|quickly|average|mean|head|unit|one|single|hourly|daily|weekly|monthly|yearly|annual)\b/i.test(
        asked,
      ) || undefined,
    optionWords: optionOf && optionContents ? optionWordsOf(optionContents) : numbered ? optionWordsOf(numbered) : undefined,
    choiceAsked: optionOf === undefined && numbered === undefined ? choiceAsked(query, lowerQuery) : undefined,
    comparison: word.comparison,
    answerForm: optionOf === undefined && numbered === undefined ? questionForm(query) : undefined,
    programValue: optionOf === undefined && numbered === undefined && programValueQuestion(query) ? true : undefined,
    askedLetters: nouns.length === 0 && targets.length === 0 ? lastSentenceLetters(query) : undefined,
  };
}

/**
 * QuestionInfo.askedLetters: the letters a-z that stand alone (no letter of any script beside them;
 * a digit may precede, "2x") in the question's asking sentence, read from its last 300 characters:
 * the last sentence that ends in a question mark ("¿Cuánto vale x? Responde con un número."), else
 * the last sentence.
 */
function lastSentenceLetters(query: string): string {
  let q = query.trimEnd().slice(-300);
  const mark = Math.max(q.lastIndexOf('?'), q.lastIndexOf('\uff1f'));
  if (mark > 0) q = q.slice(0, mark + 1);
  // The sentence starts after the last sentence end before its own end.
  let k = q.length - 2;
  for (; k >= 0; k--) {
    const c = q.charCodeAt(k);
    if (c === 10 || c === 0x3002 || c === 0xff1f || c === 0xff01) break;
    if ((c === 46 || c === 63 || c === 33) && q.charCodeAt(k + 1) <= 32) break;
  }
  let out = '';
  for (let i = k + 1; i < q.length; i++) {
    const c = q.charCodeAt(i);
    if (c < 97 || c > 122) continue;
    if (isLetterAt(q, i - 1) || isLetterAt(q, i + 1)) continue;
    if (!out.includes(q[i])) out += q[i];
  }
  return out;
}

const letterCharRe = /\p{L}/u;
/** (An ASCII character is a letter exactly when it is A-Z or a-z: the pattern only for the others.) */
const isLetterAt = (s: string, i: number): boolean => {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i) | 32;
  return s.charCodeAt(i) < 128 ? c >= 97 && c <= 122 : letterCharRe.test(s[i]);
};

// A question that speaks of options it does not list: "which (one) of the following", "the
// following options / choices", "answer choices", "choose the correct option / answer", "the
// correct option". Not "option" alone ("the cheaper option", "a payment option").
const choiceAskedRe =
  /\bwhich[ \t](?:one[ \t]|two[ \t])?of[ \t]the[ \t](?:following|options|choices|answers|statements)\b|\b(?:following|given|above|below|listed|these)[ \t](?:options|choices|answer[ \t]choices)\b|\b(?:answer|multiple)[ -]choices?\b|\b(?:choose|select|pick)[ \t](?:the[ \t]|one[ \t]|an?[ \t])?(?:correct|best|right|most[ \t]appropriate)[ \t](?:option|choice|answer|statement)\b|\bcorrect[ \t](?:option|choice)\b/i;

/** QuestionInfo.choiceAsked of a question that lists no options. */
function choiceAsked(query: string, lowerQuery: string): number | undefined {
  if (holdsAny(lowerQuery, MULTI_SELECT_WORDS) && multiSelectRe.test(query)) return 2;
  return holdsAny(lowerQuery, CHOICE_ASKED_WORDS) && choiceAskedRe.test(query) ? 1 : undefined;
}

const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
// The eight compass directions, hyphenated or not ("north-east", "northeast", "north east").
const DIRECTIONS = String.raw`\b(?:(?:[Nn]orth|[Ss]outh)(?:[- ]?(?:[Ee]ast|[Ww]est)(?![- ]?(?:[Nn]orth|[Ss]outh)))?|[Ee]ast|[Ww]est)\b(?!-)`;
const directionAskedRe = /\b(?:which|what) (?:compass )?direction\b/i;
// A whole number written in words, up to ninety-nine ("eleven", "twenty-one").
const NUMBER_WORDS = String.raw`\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b(?!-)`;
const inWordsAskedRe = /\b(?:answer|number|result)\b[^.?\n]{0,20}\b(?:as|in) (?:a )?words?\b|\bspell(?:ed)? out\b/i;
// "What day of the week will it be ...?", "Which weekday ...?": a weekday answers it.
const weekdayAskedRe = /\b(?:what|which) (?:day of the week|weekday)\b/i;
// A question answered yes or no: it opens with an auxiliary verb and asks nothing else ("Is 551 a
// prime number?", "Does it arrive before 12:03?"), or says so ("Answer yes or no", "Determine
// whether 527 is prime").
// Pass 87c: German "Was ist / sind / kostet ...?" ("what is") opens a wh-question, not English "Was".
const yesNoAskedRe =
  /^\s{0,4}(?:is|are|was(?![ \t]{1,2}(?:ist|sind|kostet|kosten|ergibt|macht|bedeutet|gibt|passiert|war|w\u00e4re)\b)|were|does|do|did|can|could|will|would|should|has|have)\b[^?\n]{0,240}\?\s{0,4}$|\byes or no\b|\b(?:determine|decide) whether\b/i;
// The asking clause after a lead-in that ends in a colon ("Here is a question about two rivers:
// Is the Danube longer than the Rhine?"; a record's question is one line).
const afterColonRe = /:[ \t]{1,4}(?=[A-Z])/g;
// An auxiliary's question that is no yes/no question: it asks a wh-question too ("Is it 5, and
// how many ...?"), or offers alternatives ("Is the Danube longer or shorter than the Rhine?").
const notYesNoRe = /\b(?:how|what|which|who|whom|whose|why|where)\b|[ \t]or[ \t](?!no\b)/i;
const auxOpenRe = /^\s{0,4}(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have)\b/i;
// The words that answer a yes/no question, as a model writes them (pass 54: upper case, True / False).
const YES_NO = String.raw`\b(?:[Yy]es|YES|[Nn]o|NO|True|TRUE|False|FALSE)\b(?![ \t]{1,2}[a-z])`;
// A comparison asked ("Is the Danube longer than the Rhine?", "Was Mozart older at his time of death
// than Schubert at his time of death?"): the auxiliary, subject A, the comparative (a word in -er or
// more / less and an adjective), what qualifies it, "than", subject B.
// A subject as written: a capitalized name of up to four words, particles between ("da Vinci", "Ludwig van Beethoven").
const SUBJECT = String.raw`(?:the[ \t])?[A-Z][\w'.-]{0,30}(?:(?:[ \t](?:da|de|di|du|van|von|der|den|del|la|le|of|the|bin|ibn|al)){0,2}[ \t][A-Z][\w'.-]{0,30}){0,3}`;
const comparisonAskedRe = new RegExp(
  String.raw`^\s{0,4}(?:[Ii]s|[Aa]re|[Ww]as|[Ww]ere|[Ww]ill|[Ww]ould)[ \t]{1,2}(${SUBJECT})[ \t]{1,2}((?:more|less)[ \t][a-z]{3,20}|[a-z]{3,20})\b[^?]{0,60}?[ \t]than[ \t]{1,2}(${SUBJECT})\b[^?]{0,80}\?\s{0,4}$`,
);
// Comparatives and their opposites.
const OPPOSITES: readonly (readonly [string, readonly string[]])[] = [
  ['older', ['younger']],
  ['younger', ['older']],
  ['longer', ['shorter']],
  ['shorter', ['longer', 'taller']],
  ['larger', ['smaller']],
  ['bigger', ['smaller']],
  ['smaller', ['larger', 'bigger']],
  ['taller', ['shorter']],
  ['heavier', ['lighter']],
  ['lighter', ['heavier']],
  ['higher', ['lower']],
  ['lower', ['higher']],
  ['earlier', ['later']],
  ['later', ['earlier']],
  ['greater', ['smaller', 'less']],
  ['faster', ['slower']],
  ['slower', ['faster']],
  ['wider', ['narrower']],
  ['deeper', ['shallower']],
  ['farther', ['closer', 'nearer']],
  ['closer', ['farther', 'further']],
  ['hotter', ['colder', 'cooler']],
  ['colder', ['hotter', 'warmer']],
];

/** QuestionInfo.comparison of a yes/no asking clause, when it compares two named subjects by a comparative it knows. */
function comparisonAsked(ask: string): Comparison | undefined {
  const m = comparisonAskedRe.exec(ask);
  if (!m) return undefined;
  const subject = (s: string) => s.replace(/^the[ \t]/, '');
  const a = subject(m[1]);
  const b = subject(m[3]);
  if (a.toLowerCase() === b.toLowerCase()) return undefined;
  const words = (s: string) => s.toLowerCase().split(/[ \t]+/);
  // Every way a subject is written: as the question writes it; a name of several words also by its
  // last word, with or without the particles before it ("Ludwig van Beethoven": "van Beethoven",
  // "Beethoven"; "Lake Vostok": "Vostok"), unless the other subject holds that word ("the Rhine River").
  const forms = (s: string, other: string): string[] => {
    const w = s.split(/[ \t]+/);
    const l = w[w.length - 1];
    if (w.length < 2 || l.length < 3 || !/^[A-Z]/.test(l) || words(other).includes(l.toLowerCase())) return [s];
    let k = w.length - 1;
    while (k > 1 && /^[a-z]/.test(w[k - 1])) k--;
    return k < w.length - 1 ? [s, w.slice(k).join(' '), l] : [s, l];
  };
  const aNames = forms(a, b);
  const bNames = forms(b, a);
  const comp = m[2];
  const more = /^(more|less)[ \t](.*)$/.exec(comp);
  if (more) {
    const other = more[1] === 'more' ? ['less', 'fewer'] : ['more'];
    return { a, b, aNames, bNames, same: [comp], opposite: other.map((o) => `${o} ${more[2]}`) };
  }
  const pair = OPPOSITES.find(([w]) => w === comp);
  return pair ? { a, b, aNames, bNames, same: [comp], opposite: pair[1] } : undefined;
}
// A capitalized word opening the question or a sentence, and the word after it.
const leadNameRe = /(?:^|[.?!][ \t]{1,3})([A-Z][a-z]{2,14})[ \t]([a-z]{2,14})\b/g;
// "Who wins ...?", "..., which plan is cheapest?": a question among things, not a which-clause
// ("for which there exists a strategy for Bob").
const askedAmongRe =
  /(?<!\b(?:for|in|of|on|at|by|to|from|with|under|over|through|during|after|before|into|whom)[ \t])\b(?:which|who)\b[^?]{0,160}\?/i;
// A labelled item the question offers ("Plan A costs $20 ..., Plan B costs ..."): its noun and letter.
const labelledItemRe = /\b([A-Z][a-z]{2,14})[ \t]([A-E])\b/g;

/**
 * QuestionInfo.words: the pattern of the words that answer the question, when its answer is a word
 * (docs/annotation-guide.md: a candidate is a value stated as the answer; a weekday, "no", "Rosa"
 * are such values); undefined for most questions. A multiple-choice answer is its option's letter.
 */
function wordAnswer(
  query: string,
  asked: string,
  choice: boolean,
  lowerQuery: string,
): Pick<QuestionInfo, 'words' | 'wordNames' | 'comparison'> {
  // Statements labelled I, II, III to judge, with no options to pick from ("Which of the following
  // statements are true? I. ... II. ... III. ..."): the answer is the set of labels ("I and III", "II
  // only"), one value as written (docs/annotation-guide.md, several values; pass 78d).
  if (!choice && romanStatementsAsked(query)) return { words: new RegExp(ROMAN_LIST, 'g') };
  // A statement to judge true or false (pass 59): its answer is True / False (正确 / 错误).
  if (!choice && trueFalseAsked(query)) return { words: new RegExp(TRUE_FALSE, 'g') };
  // Pass 89e: and in another language ("Vrai ou faux :", "Richtig oder falsch?"; otherYesNo.ts).
  if (!choice && otherTrueFalseAsked(query)) return { words: new RegExp(TRUE_FALSE_OTHER, 'g') };
  // Words the question offers (pass 59): "Options: - valid - invalid", "plausible or implausible".
  const offered = choice || !query.includes(' ') ? undefined : offeredWords(query);
  if (offered !== undefined) return { words: new RegExp(offered === 'yes-no' ? YES_NO : offered, 'g') };
  // Pass 87d: a yes/no question in another language (otherYesNo.ts): its words, and English's.
  if (choice || !asked) return !choice && otherYesNoAsked(query) ? { words: new RegExp(YES_NO_OTHER, 'g') } : {};
  let wordNames: QuestionInfo['wordNames'];
  let comparison: Comparison | undefined;
  const kinds: string[] = [];
  if (weekdayAskedRe.test(asked)) kinds.push(String.raw`\b(?:${WEEKDAYS})\b`);
  // A compass direction asked ("Which direction does it face now?"), a count asked in words ("Write the
  // answer as a word"): that word answers it (pass 78i).
  if (directionAskedRe.test(asked)) kinds.push(DIRECTIONS);
  if ((lowerQuery.includes('word') || lowerQuery.includes('spell')) && inWordsAskedRe.test(query)) kinds.push(NUMBER_WORDS);
  // The asking clause: after a lead-in's colon, if any.
  let ask = asked;
  if (asked.includes(':')) for (const m of asked.matchAll(afterColonRe)) ask = asked.slice(m.index + m[0].length);
  // An auxiliary's question that also asks a wh-question or offers alternatives is no yes/no question.
  if (
    yesNoAskedRe.test(asked) ? !auxOpenRe.test(asked) || !notYesNoRe.test(asked) : query.includes('yes or no') && yesNoAskedRe.test(query)
  )
    kinds.push(YES_NO);
  else if (ask !== asked && yesNoAskedRe.test(ask) && !notYesNoRe.test(ask)) kinds.push(YES_NO);
  if (kinds.length > 0 && kinds.at(-1) === YES_NO && !notYesNoRe.test(ask)) comparison = comparisonAsked(ask);
  // Names asked for the greatest or least are read by statements.ts findNames.
  // (whichRe matches wherever askedAmongRe does, and is much cheaper over a long sentence.)
  if (
    asked.includes('?') &&
    whichRe.test(asked) &&
    askedAmongRe.test(asked) &&
    !/\bhow many\b/i.test(asked) &&
    offeredNames(query, asked) === undefined
  ) {
    // Items labelled by one noun and a letter: the letter names the item ("Plan B" is B).
    const labels = new Map<string, Set<string>>();
    for (const m of query.matchAll(labelledItemRe)) {
      let set = labels.get(m[1]);
      if (!set) labels.set(m[1], (set = new Set()));
      set.add(m[2]);
    }
    const nouns = [...labels].filter(([n, set]) => set.size >= 2 && asked.toLowerCase().includes(n.toLowerCase())).map(([n]) => n);
    if (nouns.length > 0) kinds.push(String.raw`(?<=\b(?:${nouns.join('|')})[ \t])[A-E]\b`);
    else {
      const names = new Set<string>();
      for (const m of query.matchAll(quotedNameRe)) names.add(m[1]);
      if (names.size < 2) for (const m of query.matchAll(capitalNameRe)) if (!notNameRe.test(m[1])) names.add(m[1]);
      // A name opening a sentence is a name when the question writes it again or writes it as it
      // writes the names found ("Kofi ran 12 km ..., Mateo ran 5 km"; "Elena and Rosa take turns").
      if (names.size >= 1)
        for (const m of query.matchAll(leadNameRe)) {
          if (names.has(m[1]) || notNameRe.test(m[1])) continue;
          const again = query.indexOf(m[1], m.index + m[0].length) >= 0;
          if (again || [...names].some((n) => query.includes(`${n} ${m[2]}`))) names.add(m[1]);
        }
      if (names.size >= 2) {
        kinds.push(String.raw`\b(?:${[...names].join('|')})\b(?!['\u2019])`);
        wordNames = { names, slot: slotNumbers(asked) };
      }
    }
  }
  if (kinds.length === 0 && otherYesNoAsked(query)) kinds.push(YES_NO_OTHER);
  return kinds.length === 0 ? {} : { words: new RegExp(kinds.join('|'), 'g'), wordNames, comparison };
}

// A set of statement labels: roman numerals up to V joined by commas or "and", maybe "only" after
// them; not the pronoun ("I remember", "I am": a lower-case word after it).
const ROMAN = String.raw`(?:III|II|IV|I|V)`;
const ROMAN_LIST = String.raw`(?<![\w'\u2019.])${ROMAN}(?:(?:[ \t]{0,2},[ \t]{0,2}(?:and[ \t]{1,2})?|[ \t]{1,2}and[ \t]{1,2})${ROMAN}){0,5}(?:[ \t]{1,2}only)?(?![\w'\u2019])(?![ \t]{1,2}[a-z])`;
// Asked which statements hold: "Which of the following statements are true?", "List every true statement".
const whichTrueRe =
  /\bwhich\b[^?\n]{0,60}\b(?:true|correct|valid|false|incorrect)\b|\b(?:list|name|select|give)\b[^.\n]{0,30}\b(?:true|correct|valid)\b/i;

/** Does the question label two or more statements I., II. (or "I)", "II)") and ask which hold? */
function romanStatementsAsked(query: string): boolean {
  const i = query.search(/(?:^|\s)I[.)][ \t]+\S/);
  if (i < 0) return false;
  const ii = query.slice(i + 1).search(/\sII[.)][ \t]+\S/);
  return ii >= 0 && whichTrueRe.test(query);
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
// A number naming a slot: digits ("position 4", "4th"), or an ordinal word ("the fourth").
const slotNumberRe = /\b(\d{1,3})(?:st|nd|rd|th)?\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b/gi;

/** The numbers a text names slots by, ordinal words as digits ("fourth" is "4"), in order, once each. */
export function slotNumbers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(slotNumberRe)) {
    const n = m[1] ?? String(ORDINALS.indexOf(m[2].toLowerCase()) + 1);
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

// A blank to fill: a run of underscores.
const blankRe = /_{3,}/g;

// A question asking for one of several named things: "Which student ...?", "Who ...?".
const whichRe = /\b(?:which|who)\b/i;
// The names it offers: a figure's quoted labels ("Evelyn" in label(..."Evelyn"...)) or capitalized words.
const quotedNameRe = /"([A-Z][a-z]{2,14})"/g;
const capitalNameRe = /(?<=[a-z,;:(][ \t]{1,3}|[ \t]and[ \t])([A-Z][a-z]{2,14})\b/g;
const notNameRe =
  /^(?:The|This|That|What|Which|Who|How|Find|Each|Every|If|Then|Note|Express|Give|Let|Suppose|Assume|There|They|She|His|Her|Its)$/;
const mostRe = /\b(?:greatest|highest|largest|most|fastest|biggest|best|longest|heaviest|oldest|tallest)\b/i;
const leastRe = /\b(?:smallest|lowest|least|fewest|slowest|shortest|lightest|youngest|worst)\b/i;

/** QuestionInfo.names: undefined unless the question asks which / who and offers two or more names. */
function offeredNames(query: string, asked: string): { names: string[]; most: number } | undefined {
  if (!whichRe.test(asked)) return undefined;
  const names = new Set<string>();
  for (const m of query.matchAll(quotedNameRe)) names.add(m[1]);
  if (names.size < 2) for (const m of query.matchAll(capitalNameRe)) if (!notNameRe.test(m[1])) names.add(m[1]);
  if (names.size < 2) return undefined;
  const most = mostRe.test(asked) ? 1 : leastRe.test(asked) ? -1 : 0;
  // "for which there exists a strategy for Bob": a which-clause, not a question among the names.
  if (most === 0) return undefined;
  return { names: [...names], most };
}

// A simple exact value inside a point: a number, a fraction, a root, a multiple of π.
const TYPED_PART = SHAPE_PART;
// a ± bi, bi: "6 - 5i", "-2+3i", "4 - i", "5i" (not a lone "i").
const COMPLEX = String.raw`(?<![\w.\\])[-\u2212]?(?:\d{1,6}(?:\.\d{1,6})?(?:\/\d{1,6})?[ \t]{0,2}[-+\u2212][ \t]{0,2}(?:\d{1,6}(?:\.\d{1,6})?[ \t]?\*?[ \t]?)?|\d{1,6}(?:\.\d{1,6})?[ \t]?)i(?![\w])`;
const complexLiteralRe = new RegExp(COMPLEX, 'g');
// A pair of conjugates written with ±: "4 \\pm 4i", "-1 ± 3i", "-1 \\pm i" (both solutions at once).
const CONJUGATES = String.raw`(?<![\w.\\])[-\u2212]?\d{1,6}(?:\.\d{1,6})?[ \t]{0,2}(?:\\pm|\u00b1)[ \t]{0,2}(?:\d{1,6}(?:\.\d{1,6})?[ \t]?)?i(?![\w])`;
// The question asks for every solution ("Find all real solutions ...", "Enter all the solutions,
// separated by commas"): its answer is their list.
// The question asks for the solutions of an inequality, or for an interval.
const intervalAskedRe = /\binequalit(?:y|ies)\b|\binterval notation\b/i;
const allSolutionsRe = /\ball (?:the )?(?:real |complex |integer )?(?:solutions|roots|zeros)\b|\bseparated by commas\b/i;
// The asked quantity is a count, a part or a size of the complex number, not the number itself.
const notComplexAskedRe =
  /\bhow many\b|\breal part\b|\bimaginary part\b|\bmodulus\b|\babsolute value\b|\bmagnitude\b|\bargument\b|\|[ \t]?[a-z][ \t]?\||\bm ?\+ ?n\b/i;
// The question asks for a point: "in the form $(r,\\theta)$", "the coordinates of", "as an ordered pair".
const pointAskedRe =
  /\bin the form\s{0,2}\$?\s{0,2}(?:\\left)?\(|\bas an ordered (?:pair|triple)\b|\b(?:find|what are|determine|compute|give) the (?:coordinates|ordered pair|point)\b|\bconvert\b[^.?]{0,80}\bcoordinates\b/i;
// The letters the answer is written "in terms of" ("in terms of $p$ and $q$"); π is a number.
const inTermsOfRe = /\bin terms of\s{1,3}((?:\$?\\?[A-Za-z](?:_\{?\w\}?)?\$?(?:\s{0,2},\s{0,2}|\s{1,3}and\s{1,3}|\s{0,2}))+)/i;

// Where a complex literal ends ("2 - 3i", "5i": an "i" after a digit and before no word character),
// or the words "complex number": the cheap test before complexLiteralRe. (A question that quotes
// only "4 - i" or "2*i" names no complex number, and is rare: an "i" after a blank, tested too,
// made this scan stop at every word.)
const complexHintRe = /\di(?!\w)|complex/;
// complexHintRe, or a word every point or "in terms of" question holds.
const typedHintRe = /\di(?!\w)|complex|terms of|form|ordered|coordinates|point|solutions|roots|zeros|commas|inequalit|interval/;

/**
 * QuestionInfo.typed: the pattern of the values of the kind the question asks for, when that kind
 * is one the number rules cannot read; undefined for most questions. A complex number's literals
 * the question quotes ("let $c = 2 - 3i$") are added to its quoted values.
 */
function typedAnswer(query: string, asked: string, choice: boolean, values: Set<string>): RegExp | undefined {
  // Pass 58: the shapes of answers that are not one number (shapes.ts), behind their own cheap test.
  const shaped = shapeHintRe.test(query) ? shapedKinds(query, asked, choice) : NO_STRINGS;
  // One scan for what every kind below needs (this runs for every question; most hold none of it).
  if (!typedHintRe.test(query)) return shaped.length === 0 ? undefined : markShaped(new RegExp(shaped.join('|'), 'g'), query, asked);
  // A multiple-choice answer is a letter; its options' values are read through optionOf.
  const kinds: string[] = [];
  if (!choice && complexHintRe.test(query)) {
    complexLiteralRe.lastIndex = 0;
    const literal = complexLiteralRe.exec(query);
    if ((literal !== null || /\bcomplex (?:number|solution|root|zero)/i.test(query)) && !notComplexAskedRe.test(asked || query)) {
      kinds.push(CONJUGATES, COMPLEX);
      for (let m = literal; m !== null; m = complexLiteralRe.exec(query)) values.add(normalizeAnswer(m[0]));
    }
  }
  // A list of two to four simple values ("-5, -3, 4"), read as one answer where the question asks for all solutions.
  if (allSolutionsRe.test(query) && !/\bhow many\b|\b(?:sum|product)\b/i.test(asked))
    kinds.push(
      // Or the set of them in braces ("{-2, -1, 3}", "\\{-2, -1, 4\\}").
      String.raw`\\?\{[ \t]{0,2}${TYPED_PART}(?:[ \t]{0,2},[ \t]{0,2}${TYPED_PART}){1,3}[ \t]{0,2}\\?\}`,
      String.raw`(?<![\w\\.,])${TYPED_PART}(?:[ \t]{0,2},[ \t]{0,2}${TYPED_PART}){1,3}(?![\w]|\.\d|[ \t]{0,2},[ \t]{0,2}[-\u2212\d])`,
    );
  // An inequality's solution set: intervals, maybe joined by a union ("(-5, -2)", "[3, 8]",
  // "(-\\infty, 0] \\cup [1, \\infty)", "(-inf, 3) U (4, inf)").
  if (intervalAskedRe.test(query) && !/\bhow many\b|\b(?:sum|product|length)\b/i.test(asked)) {
    const end = String.raw`(?:[-\u2212]?(?:\u221e|\\infty|inf)|${TYPED_PART})`;
    const interval = String.raw`(?:\\left)?[([][ \t]{0,2}${end}[ \t]{0,2},[ \t]{0,2}${end}[ \t]{0,2}(?:\\right)?[)\]]`;
    kinds.push(String.raw`(?<![\w\\])${interval}(?:[ \t]{0,2}(?:\u222a|\\cup|U)[ \t]{0,2}${interval}){0,2}`);
  }
  if (pointAskedRe.test(query) && !/\bhow many\b/i.test(asked))
    kinds.push(
      String.raw`(?<![\w\\])(?:\\left)?\([ \t]{0,2}${TYPED_PART}(?:[ \t]{0,2},[ \t]{0,2}${TYPED_PART}){1,2}[ \t]{0,2}(?:\\right)?\)`,
    );
  const terms = query.includes('terms of') ? inTermsOfRe.exec(query) : null;
  if (terms) {
    const letters = [
      ...new Set((terms[1].match(/(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])/g) ?? []).filter((l) => l !== 'a' || /\$a\$/.test(terms[1]))),
    ];
    if (letters.length > 0) {
      const term = String.raw`\d{0,3}(?:${letters.join('|')})(?:\^\{?\d\}?)?`;
      kinds.push(String.raw`(?<![\w\\])[-\u2212]?${term}(?:[ \t]{0,2}[-+\u2212][ \t]{0,2}(?:${term}|\d{1,4}(?![\w])))+(?![\w(^])`);
    }
  }
  if (shaped.length > 0) return markShaped(new RegExp([...kinds, ...shaped].join('|'), 'g'), query, asked);
  return kinds.length === 0 ? undefined : new RegExp(kinds.join('|'), 'g');
}

// "of", then determiners, then up to two words: "sum of the squares", "area of triangle ABC", "sum of all possible values".
// A unit between the noun and its "of" ("the perimeter, in inches, of the hexagon") is skipped.
const ofPhraseRe =
  /^s?(?:,[ \t]{1,2}in[ \t]{1,2}[a-z]{2,14}(?:[ \t]{1,2}[a-z]{2,14})?,)?[ \t]{1,2}of[ \t]{1,2}(?:(?:the|all|its|their|these|those|a|an|each|every)[ \t]{1,2}){0,2}([a-z]{3,})(?:[ \t]{1,2}([a-z]{3,}))?/;

const genericQualifierRe =
  /^(?:possib|positiv|negativ|nonnegativ|integer|number|value|real|distinct|solution|different|such|who|which|that)/;

// The next word after a noun: "units digit", "unit digits".
const compoundWordRe = /s?[ \t]{1,2}([a-z]{3,14})/y;

// "How much does she pay", "How many miles does the ferry travel", "How much will Mei owe": the
// auxiliary, a subject of one word or "the" and a noun, then the asked verb.
const askedVerbRe =
  /\bhow (?:much|many)\b[^?.]{0,30}?\b(?:does|do|did|will|would|should|must|can)[ \t]+(?:(?:the|a|an)[ \t]+)?[A-Za-z]+[ \t]+([a-z]{2,12})\b/i;
// Verbs that are copulas already (statements.ts copulaRe) or say nothing of a value.
const NOT_ASKED_VERBS = new Set(['be', 'have', 'get', 'need', 'make', 'take', 'give', 'there', 'the', 'each', 'all', 'both']);

function askedVerb(asked: string): RegExp | undefined {
  const m = askedVerbRe.exec(asked);
  if (m === null || NOT_ASKED_VERBS.has(m[1].toLowerCase()) || m[1].endsWith('ing') || m[1].endsWith('ly')) return undefined;
  const v = m[1].toLowerCase();
  const stem = v.endsWith('e') ? v.slice(0, -1) : v.endsWith('y') && !/[aeiou]y$/.test(v) ? v.slice(0, -1) : v;
  return new RegExp(`\\b(?:${v}|${stem}(?:e?s|ies|e?d|ied))\\b`, 'i');
}

/**
 * A noun followed by another of the asked nouns ("units digit" for "the units digit of the sum")
 * is narrowed as the compound: its "of" comes after the second word. Else the noun's end. The
 * question's nouns here and a response's names in statements.ts are read the same way.
 */
export function compoundEnd(nouns: readonly string[], n: string, lower: string, end: number): number {
  compoundWordRe.lastIndex = end;
  const m = compoundWordRe.exec(lower);
  if (m === null || !nouns.some((o) => o !== n && m[1].startsWith(o))) return end;
  return compoundWordRe.lastIndex;
}

const askWordRe = /\b(?:what|which|find|compute|calculate|determine|evaluate)\b/g;

/** Where the last asking word of the (lower-case) asked sentence is, or -1. */
function askWordAt(lower: string): number {
  askWordRe.lastIndex = 0;
  let at = -1;
  for (let m = askWordRe.exec(lower); m !== null; m = askWordRe.exec(lower)) at = m.index;
  return at;
}

/** The stem a qualifier is compared by: its first five letters ("squares" and "square" agree). */
export const qualifierStem = (w: string): string => w.slice(0, 5);

/**
 * For each noun of the asked phrase that the question narrows with "of" ("the sum of the squares",
 * "the area of the triangle"): the stems of the one or two words after "of" and its determiners.
 * Nouns the question does not narrow are absent: "the sum is 18" names them either way.
 */
function nounQualifiers(asked: string, nouns: readonly string[]): Map<string, string[]> | undefined {
  if (nouns.length === 0 || !asked.includes(' of ')) return undefined;
  const lower = asked.toLowerCase().replace(/\$[^$]*\$/g, ' ');
  let out: Map<string, string[]> | undefined;
  for (const n of nouns) {
    if (n === 'count' || n.length < 3) continue;
    // The noun where the question asks ("If the perimeter of one of the triangles is 21 inches,
    // what is the perimeter, in inches, of the regular hexagon?"): its first place after the asking
    // word, else its first place.
    const ask = askWordAt(lower);
    const after = ask >= 0 ? lower.indexOf(n, ask) : -1;
    const k = after >= 0 ? after : lower.indexOf(n);
    if (k < 0 || (k > 0 && /[a-z]/.test(lower[k - 1]))) continue;
    // A compound of two asked nouns ("the units digit of the sum") is narrowed after its second word.
    const end = compoundEnd(nouns, n, lower, k + n.length);
    const m = ofPhraseRe.exec(lower.slice(end, end + 80));
    if (!m) continue;
    const words = [m[1], m[2]].filter((w): w is string => w !== undefined && w !== 'the' && w !== 'all');
    // "the sum of all positive integers d such that d divides 363" is "the sum of the divisors" in
    // a response: a generic word ("integers", "possible values") narrows nothing a response keeps.
    if (words.some((w) => genericQualifierRe.test(w))) continue;
    if (words.length > 0) (out ??= new Map()).set(n, words.map(qualifierStem));
  }
  return out;
}

// Words that qualify the asked quantity itself wherever they stand ("the total area", "the final price").
const wholeWords = new Set([
  'total',
  'final',
  'whole',
  'overall',
  'combined',
  'entire',
  'resulting',
  'required',
  'correct',
  'actual',
  'answer',
  'same',
  'full',
  'grand',
]);

const referBackRe = /\b(?:its|it|their|they|them|this|these|those|that|he|she|his|her|him)\b/i;

/** A part word's stem: its first four letters ("driving" and "drives", "rectangle" and "rectangular"). */
export const partStem = (w: string): string => w.slice(0, 4);

/** QuestionInfo.partWords: the stems of the words outside the asking sentence only, for a question asked with a plain noun. */
function partWordsOf(asked: string, nouns: readonly string[], lowerQuery: string, lowerAsked: string): Set<string> | undefined {
  if (!asked || !nouns.some((n) => n !== 'count' && n !== THE_NUMBER && !n.startsWith(COUNTED))) return undefined;
  // "A rectangle is 12 cm by 5 cm. What is its area?": the asking sentence refers back to what the
  // question names before, so those words name the asked quantity's owner, not parts.
  if (referBackRe.test(asked)) return undefined;
  const lower = lowerQuery;
  const at = lower.lastIndexOf(lowerAsked);
  if (at <= 0) return undefined;
  const inAsked = new Set((lowerAsked.match(/[a-z]{3,}/g) ?? []).map(partStem));
  let out: Set<string> | undefined;
  for (const w of lower.slice(0, at).match(/[a-z]{3,}/g) ?? []) {
    const stem = partStem(w);
    if (STOP_WORDS.has(w) || wholeWords.has(w) || inAsked.has(stem) || nouns.some((n) => partStem(n) === stem)) continue;
    (out ??= new Set()).add(stem);
  }
  return out;
}

/**
 * The narrowed nouns (nounOf) that the question also writes of something else: "The sum of the
 * items in the list is 30 ... Find the sum of the squares of all the items". A response then says
 * "the sum is 18" or "the remaining sum is 3" of the items as readily as of the squares: a bare
 * noun no longer tells which quantity a sentence is about, and only the narrowed noun ("the sum of
 * the squares is 236") names the asked one (the guide: an intermediate quantity is no candidate).
 */
function sharedNouns(lowerQuery: string, nounOf: ReadonlyMap<string, string[]>): Set<string> | undefined {
  const lower = lowerQuery.replace(/\$[^$]*\$/g, ' ');
  let out: Set<string> | undefined;
  for (const [n, stems] of nounOf) {
    for (let k = lower.indexOf(n); k >= 0; k = lower.indexOf(n, k + n.length)) {
      if (k > 0 && /[a-z]/.test(lower[k - 1])) continue;
      const m = ofPhraseRe.exec(lower.slice(k + n.length, k + n.length + 80));
      if (!m) continue;
      const words = [m[1], m[2]].filter((w): w is string => w !== undefined && w !== 'the' && w !== 'all');
      if (words.length > 0 && !words.some((w) => stems.includes(qualifierStem(w)) || genericQualifierRe.test(w))) {
        (out ??= new Set()).add(n);
        break;
      }
    }
  }
  return out;
}

// Pass 99a: a thousands separator followed by LaTeX's negative thin space ("$912,\!673$", as MATH
// questions write their large numbers) groups one number: read as "912,673", not as 912 and 673.
const thinSpacedRe = /(\d),\\!(?=\d{3}(?!\d))/g;
/** The question's numbers with the thin space after a thousands separator left out ("912,\!673" -> "912,673"). */
const thinSpaced = (s: string): string => (s.includes(',\\!') ? s.replace(thinSpacedRe, '$1,') : s);

/** Superscript powers as "^": "39²" and "39^2" are one term. */
export const powers = (s: string): string => (/[\u00b2\u00b3]/.test(s) ? s.replace(/\u00b2/g, '^2').replace(/\u00b3/g, '^3') : s);
