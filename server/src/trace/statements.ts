// Candidate statements in a response (docs/segmentation-eval.md): places where the text states a
// value in a way that can conclude an attempt, each with the rule that found it and its cue
// strength. Whether a statement IS a candidate answer (its place in the attempt, the question,
// the rest of the record) is decided by segment.ts.
//
// Every rule starts from a cheap literal trigger (`\boxed`, "answer", "=", "**", a conclusion
// word) and confirms it with a sticky pattern at that place. Every pattern is linear-time: no two
// adjacent unbounded quantifiers over the same characters, whitespace runs bounded, line ends
// checked by hand (docs/engine.md, "Linear-time patterns").
import { programValueKey, programValueStatements } from './programValues.js';
import { distinctShape, isShapedPattern, loneLetter, namesShapedSubject, shapedAnswerCue, shapedLead, shapedValueEnds } from './shapes.js';
import { normalizeAnswer, OPTION_LIST } from './answers.js';
import { TRUE_FALSE_OTHER, YES_NO_OTHER } from './otherYesNo.js';
import { unsafePatternReason, USER_PATTERN_MAX_LINE } from './patternSafety.js';
import {
  COUNTED,
  THE_NUMBER,
  compoundEnd,
  isDigitCode,
  normalizeMath,
  optionKeyContent,
  optionOfValue,
  powers,
  qualifierStem,
  partStem,
  slotNumbers,
  type Comparison,
  type OptionWords,
  type QuestionInfo,
} from './question.js';
import { isWordCode, Restatement, restatementPlaces, scanCounts } from './restatement.js';
import {
  type AnswerForm,
  jsonStringAnswers,
  outputStatements,
  parenOptionSets,
  rankingStatements,
  setNamedRe,
  tfSubjectBefore,
  zhVerdictStrength,
} from './wordForms.js';

export type CandidateRule = 'boxed' | 'pattern' | 'final-answer' | 'conclusion' | 'equals' | 'bold' | 'last-number';

export interface Statement {
  /** Offsets of the value (not of the surrounding syntax) in the scanned text. */
  start: number;
  end: number;
  value: string;
  rule: CandidateRule;
  /** Cue strength: 5 boxed / pattern, 4 "the answer is", 3 a conclusion about the asked quantity, 2 other conclusions and **X**, 1 "= X" at a line end, 0 the last number. */
  strength: number;
  /** The statement names the asked quantity (an expression or noun of the question). */
  aboutTarget: boolean;
  /** The value is one the question quotes. */
  fromQuestion: boolean;
  /** The sentence tries a value rather than concluding one ("suppose x = 3", "does 5 work?"). */
  tentative: boolean;
  /** The value normalized for comparison (answers.ts), computed once. */
  normalized: string;
  /** The value closes an equation whose left side is not the asked quantity ("log_7 2023 * log_289 2023 = 1"); read for strength-2 statements and product questions only. */
  closesOther: boolean;
  /** For a product question: that left side is another product ("823 × 70 = 57610"), a partial result. */
  partial: boolean;
  /** An equation that works out one term of the asked sum or difference ("39^2 = 1521" for 39² − 36²). */
  term: boolean;
  /**
   * The value the statement's own clause rejects ("14, not 15", "14 instead of 15", "not 15 but
   * 14": 15), normalized; '' when it rejects none. A statement that rejects the value of the
   * conclusion before it corrects that value (segment.ts, concludingStatements).
   */
  rejects?: string;
  /** A conclusion whose sentence names the asked noun only of something else ("the sum of the remaining numbers is 12" for the sum of the squares): a sub-result. */
  ofOther: boolean;
}

// A value worth calling an answer: a number (thousands separators with commas or spaces,
// decimals, a simple fraction), a LaTeX fraction, a root; optionally with a degree or percent
// sign. Only bounded whitespace, so a run of spaces cannot make it backtrack.
const NUM = String.raw`[-+\u2212]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?:[ \t]{0,2}/[ \t]{0,2}\d+(?:\.\d+)?)?`;
// A fraction's parts hold a value, not a computation ("\\frac{5 \\cdot 8 + 3}{96}" is a step); a
// part may hold a root ("\\frac{\\sqrt{65}}{2}", "\\frac{3\\sqrt{2}}{4}").
const FRAC_PART = String.raw`\{(?:\\sqrt(?:\[\d{1,2}\])?\{[^{}\n+*=]{1,12}\}|(?!\\cdot|\\times)[^{}\n+*=]){1,40}\}`;
const FRAC = String.raw`[-\u2212]?\\[dt]?frac[ \t]{0,2}(?:${FRAC_PART}[ \t]{0,2}${FRAC_PART}|\d\d)`;
// A root, in LaTeX or in plain text as models write it outside LaTeX ("3*sqrt(13)", "2√3",
// "sqrt(117)"; answers.ts reads both as \\sqrt), with one shared coefficient prefix. A root is one
// value with an index ("\\sqrt[3]{3/2}"), a LaTeX fraction under it ("\\sqrt{\\frac{11}{6}}"), a
// plain one ("sqrt(11/6)", "√(65/4)") or a whole number under it ("√65/2", "\\sqrt{66}/6"): the
// forms of an exact answer (docs/annotation-guide.md writes `2\\sqrt{3}`; answers.ts compares them
// by value).
const ROOT = String.raw`[-\u2212]?(?:\d{1,6}[ \t]{0,1}\*?[ \t]{0,1})?(?:\\sqrt(?:\[\d{1,2}\])?[ \t]{0,2}(?:\{(?:[^{}\n]{1,20}|\\[dt]?frac\{[^{}\n]{1,8}\}\{[^{}\n]{1,8}\})\}|\d+)|sqrt\(\d{1,6}(?:\/\d{1,6})?\)|\u221a\(?\d{1,6}(?:\/\d{1,6})?\)?)(?:[ \t]{0,2}\/[ \t]{0,2}\d{1,6}(?![\d.]))?`;
// The fractions and roots read before those forms were: an explicit answer of such a form is found
// again where the attempts state it (withRestatements), as before; the new forms are found both ways.
const BASIC_FRAC = String.raw`[-\u2212]?\\[dt]?frac[ \t]{0,2}(?:\{(?:(?!\\cdot|\\times)[^{}\n+*=]){1,40}\}[ \t]{0,2}\{(?:(?!\\cdot|\\times)[^{}\n+*=]){1,40}\}|\d\d)`;
const BASIC_ROOT = String.raw`[-\u2212]?(?:\d{1,6}[ \t]{0,1}\*?[ \t]{0,1})?(?:\\sqrt[ \t]{0,2}(?:\{[^{}\n]{1,20}\}|\d+)|sqrt\(\d{1,6}\)|\u221a\(?\d{1,6}\)?)`;
// A clock time with its half of the day ("8:42 AM", "12:05 p.m."): one value, as a time question's
// answer is written; without AM/PM "3:45" may be a ratio, and stays two numbers.
const CLOCK = String.raw`\d{1,2}:[0-5]\d[ \t]?(?:[AaPp][Mm]|[ap]\.m\.)(?![A-Za-z])`;
// A multiple of π is one value ("3168π", "686\\pi"), over a whole number too ("3π/4", "2\\pi/3"):
// an answer left in terms of π. A degree sign may carry its scale ("20 °C", "68°F"): a
// temperature, the scale letter part of the value.
const PI_OVER = String.raw`(?:[ \t]{0,2}\/[ \t]{0,2}\d{1,4}(?![\d.]))?`;
// A number in scientific notation is one value ("4.45 * 10^33", "6.2 × 10^2", "3 \\times
// 10^{-5}"): Minerva's physics answers are written so (fresh13; docs/segmentation-eval.md, pass 28).
const SCI = String.raw`[ \t]{0,2}(?:\*|\u00d7|\\times|\\cdot)[ \t]{0,2}10[ \t]{0,2}\^[ \t]{0,2}(?:\{[-\u2212]?\d{1,3}\}|[-\u2212]?\d{1,3}(?![\d.]))`;
const VALUE = String.raw`(?:${CLOCK}|${FRAC}|${ROOT}|${NUM}(?:[ \t]?(?:\u03c0|\\pi(?![A-Za-z]))${PI_OVER}|${SCI})?)(?:[ \t]{0,2}(?:\^[ \t]{0,2}(?:\{\\circ\}|\\circ)|\u00b0(?:[CF](?![A-Za-z]))?|\\%|%))?`;
// Two values that do not start as the values above do: π alone or over a whole number ("π",
// "\\pi", "π/2", "-π"), and a negative fraction with its sign in brackets ("(-1)/49", as "(-9)/441 =
// (-1)/49" reduces it). They are read apart (findTyped, where a text holds "π", "\\pi" or ")/"):
// an alternative of VALUE that may start with another character than its others ("π", "(") made
// every scan of VALUE, the engine's most frequent pattern, about 1.8 times slower.
const extraValueRe = new RegExp(
  String.raw`(?<![\w\\])[-\u2212]?(?:\u03c0|\\pi(?![A-Za-z]))${PI_OVER}|\([-\u2212]\d{1,6}\)[ \t]{0,2}\/[ \t]{0,2}\d{1,6}(?![\d.])`,
  'g',
);
const BASIC_VALUE = String.raw`(?:${CLOCK}|${BASIC_FRAC}|${BASIC_ROOT}|${NUM}(?:[ \t]?(?:\u03c0|\\pi(?![A-Za-z])))?)(?:[ \t]{0,2}(?:\^[ \t]{0,2}(?:\{\\circ\}|\\circ)|\u00b0(?:[CF](?![A-Za-z]))?|\\%|%))?`;

const valueAt = new RegExp(VALUE, 'y');
const valueAll = new RegExp(VALUE, 'g');
const answerTail = new RegExp(
  String.raw`(?:[ \t]{1,2}(?:to[ \t]{1,2})?the[ \t]{1,2}question)?(?:\*\*)?[ \t]{0,4}(?:\([^()\n]{0,40}\)[ \t]{0,4})?(?:,[ \t]{0,2}(?:then|therefore|thus|again|finally|clearly)[ \t]{0,2},[ \t]{0,2})?(?:is|:|=|would be|will be|should be|must be|of|->|=>|\u2192|(?<=[ \t]))[ \t]{0,4}(?:\*\*)?:?(?:\*\*)?[ \t]{0,4}(?:\\?\$|[\u00a3\u20ac\u00a5]|\\\(|\\\[)?[ \t]{0,4}(?:\\boxed\{)?(${VALUE})`,
  'y',
);
// **X**, with a currency sign and up to two unit words inside ("**$1,078**", "**£90.20**", "**2,138 bottles**").
const boldRe = new RegExp(
  String.raw`\*\*[ \t]{0,4}[$\u00a3\u20ac\u00a5]?[ \t]{0,4}(${VALUE})(?:[ \t]{1,2}[A-Za-z][A-Za-z.]{0,14}){0,2}[ \t]{0,4}\$?[ \t]{0,4}\*\*`,
  'y',
);
// Words that open a concluding clause. "we get" / "this gives" conclude only what they compute;
// they are conclusions when the clause names the asked quantity.
// The alternatives are grouped by their first letter, in their order within each group: at one
// position only one group can match, so the match is the same as with the flat list, which V8
// tried one alternative after another at every position (about 20% slower on the bench corpus).
// "totaling" ("plus 24 minutes, totaling 204 minutes") states a sum as "totals" does (pass 36).
const conclusionRe =
  /\b(?:s(?:o|umming up)|t(?:hus|herefore|h(?:is|at) (?:gives|means|makes|confirms|settles it|tells us)|o (?:get|obtain)|o (?:sum|wrap) up(?=[ \t]{0,2}[,:\u2014])|he (?:result|total|answer|product|sum) (?:is|comes to)|otals|otall?ing)|hence|finally|for (?:it |us )?a total of|a(?:ltogether|ll told|ll in all(?=[ \t]{0,2}[,:\u2014]))|overall|(?:bottom line|long story short)(?=[ \t]{0,2}[,:\u2014])|i(?:n total|n conclusion|n summary|n (?:short|the end)(?=[ \t]{0,2}[,:\u2014])| (?:get|obtain)| (?:got|find)|t follows that|n other words)|c(?:onsequently|omes (?:out )?to)|putting (?:it|this|everything) (?:all )?together|r(?:ound(?:ing|ed)? up(?: to)?)|w(?:hich (?:gives|means|is|confirms|makes)|e (?:get|find|obtain|have)|e conclude|orks out to)|g(?:ives|iving (?:it |us )?a total of)|yields|making (?:it |us )?a total of)\b/gi;
// A conclusion word followed at once by a value and a unit word: "So 202 boxes", "That means 201 boxes".
// An adverb or a "we see that" may stand between ("So indeed 2220 is the smallest", "So, it seems
// that 27 is indeed the smallest", "so that means 66 T-shirts", "Hence exactly 116 of them"): the
// value is still the clause's subject. The other leads of a conclusion that carry no verb read the
// same ("Consequently, exactly 633 of them qualify", "It follows that exactly 174 of them qualify",
// "All told, 20 numbers qualify"). Rounding up states the whole number it rounds to: "Rounding up to
// the next whole number, 112 candles.", "we round up to 80 boxes" (the result of the computation).
const directValueRe =
  /^(?:so|thus|therefore|hence|consequently|it follows that|we conclude that|all told|altogether|(?:this|that|which) means|round(?:ing|ed)? up(?: to(?: the (?:next|nearest) (?:whole number|integer))?)?)[ \t,]{1,3}(?:(?:indeed|still|again|clearly|definitely|certainly|surely|exactly|(?:this|that) means|it (?:seems|appears)(?: that)?|we (?:see|know)(?: that)?)[ \t,]{1,3}){0,2}\$?\d[\d,.]*[ \t]{1,2}[a-z]/i;
// "So, approximately 65.8 degrees.": a sentence that opens with a conclusion word and gives only
// a value worked out to decimals, "approximately" between them, rounds the result just computed
// (pass 40); the estimate test below leaves it, as it leaves "the angle is approximately 65.8".
// A whole number ("So about 300 people") still sizes an answer, as does a value not led so
// ("which is about 167.65", "roughly 42.5 each, so let me compute").
const directApproxRe =
  /^(?:so|thus|therefore|hence)[ \t,]{1,3}(?:approximately|about|roughly)[ \t]{1,2}\$?\d[\d,]*\.\d{0,5}[1-9]\d*[ \t]{1,2}[a-z]/i;
const directApproxLeadRe = /^[ \t]{0,4}(?:so|thus|therefore|hence)[ \t,]{1,3}(?:approximately|about|roughly)[ \t]{1,2}\$?$/i;
// "So, theta ≈ 65.8 degrees.", "Therefore, Δm ≈ 0.022": a conclusion word, a symbol and "≈"
// give the result just computed to a precision, as "=" would state it (read only for a value
// worked out to decimals, as directApproxRe).
const symbolApproxRe =
  /^(?:so|thus|therefore|hence)[ \t,]{1,3}\$?\\?[A-Za-z\u0394\u03b8]{1,6}(?:_\{?\w{1,4}\}?)?[ \t]{0,2}(?:\u2248|\\approx)/i;
const symbolApproxLeadRe =
  /^[ \t]{0,4}(?:so|thus|therefore|hence)[ \t,]{1,3}\$?\\?[A-Za-z\u0394\u03b8]{1,6}(?:_\{?\w{1,4}\}?)?[ \t]{0,2}(?:\u2248|\\approx)[ \t]{0,2}\$?$/i;
// Between a value and its copula, the noun it counts: "48 numbers are", "48 of them are".
const countedSubjectRe = /^[ \t]{1,2}(?:of[ \t]{1,2}(?:them|those|these)|[a-z]{3,20}s)[ \t]{1,2}$/;
// A terse note's conclusion leading its line, with no verb: "therefore 933.6 L", "hence $9,040",
// "∴ 11,858 L", "=> 614" (the value ends the line or has a unit word).
// Also "so $7875", "so it's 110,806", "so: 25%", "got 63 min", "-> 82" (a percentage too).
const terseLeadRe =
  /^(?:therefore|hence|\u2234|=>|->|\u2192|so(?: it's| yes)?:?|got)[ \t]{1,3}\$?\d[\d,.]*(?:[ \u00a0]\d{3})*%?(?:[ \t]{1,2}[a-z]|[ \t]{0,2}$)/i;
// "simplifies to" / "reduces to" / "a total of" / "need" state a result as "is" does ("so it
// simplifies to 3*sqrt(13)", "making it a total of 18 digits", "so the band needs 66 T-shirts").
// "need to find / compute / check ..." plans work still to do (the guide: a plan is no conclusion).
// "comes out to" states a result as "comes to" does ("so the remainder comes out to 641").
// A pronoun's "'s" is "is" ("So there's $1.50 left over", "so it's $12.55 a head", pass 52a); a
// name's "'s" is a possessive ("Mia's $40") and reads nothing.
// Pass 82c: a participle or verb of result states its value as "gives" does ("giving 20 legs",
// "results in $92", "resulting in a final height of 14 inches", "leaves 42 seats", "making the
// total height 10 inches").
const copulaRe =
  /\b(?:is|are|was|be|equals?|equal to|comes? to|gives?|giving|results? in|resulting in|leaves|leaving|get|got|obtain|makes?|making|totals?|totall?ing|yields?|has|have|had|needs?(?! to (?:find|compute|calculate|determine|identify|figure|check|solve|work|show|prove|consider|verify|see|know|make sure)\b)|simplif(?:y|ies) to|reduces? to|a total of|works? out to|comes? out to|stays? at)\b|\b(?:it|that|there|here|he|she)['\u2019]s\b|=|[\u4e3a\u662f]|\u7b49\u4e8e/i;
// "I need to find A such that sum 2^{a-1} = 2024": an equation of a value the question quotes, set
// as a condition to meet, restates the question.
const conditionRe = /\b(?:such that|so that|need|needs|want|must)\b/i;
// "even if we allow negative integers, ... is still 27" concedes a case; it does not try a value.
// Chinese says the same without word boundaries: 若 / 如果 / 假如 "if", 假设 "suppose", 可能 / 也许 /
// 或许 "maybe" ("若 a=2，则 ...": a value tried).
const tentativeRe =
  /\b(?:try|trying|suppose|supposing|assume|assuming|(?<!\beven )if|test|testing|plug(?:ging)? in|what if|consider|let's say|guess|maybe|might|could be)\b|\u82e5|\u5982\u679c|\u5047[\u5982\u8bbe]|\u53ef\u80fd|\u4e5f\u8bb8|\u6216\u8bb8/i;
// An explicit answer offered as one option among others ("maybe \\boxed{a=1}", "or \\boxed{6}", "If I write \\boxed{B}").
// A box in talk about the response's format ("I can include \\boxed{B} at end", "Format: \\boxed{B}
// is standard", "final line \\boxed{B}", "options expected \\boxed{B}").
const formatTalkRe = /\b(?:format(?:ted)?|include|final line|at (?:the )?end|(?:we|I) can final|expected|standard)\b[^.\n]{0,36}$/i;

/**
 * Is the explicit answer starting at `start` written inside talk about the response's format? The
 * guide: talk about the format alone is no candidate, and a draft is a candidate only when it
 * states a value not stated since the last new work; segment.ts merges such a box into the
 * candidate before it when it repeats that candidate's value.
 */
export function formatTalkBefore(text: string, start: number): boolean {
  let k = start;
  while (k > 0 && start - k < 56 && text.charCodeAt(k - 1) !== 10) k--;
  return formatTalkRe.test(text.slice(k, start));
}
// A sentence that opens on a check of a named step, up to its colon: "Let's re-check the closing
// speed:", "Double-checking the yearly interest:", "I'll verify the first product:".
const checkedStepRe =
  /^[ \t*>-]{0,4}(?:(?:let's|let me|let us|i'll|i will|we can|now|quickly|first|just|to)[ \t]{1,2}){0,3}(?:re-?check|double-check|re-?verify|verify|check)(?:ing)?[ \t]{1,2}(?:the|that|this|my|our|one)[ \t]{1,2}([^:\n=]{1,40}):/i;
// What a check of the whole working names instead of a step ("the direction", "the setup", "the
// answer", "the arithmetic"): its result may be the answer again (an echo, the guide's re-check).
const wholeCheckRe =
  /\b(?:direction|set-?up|units?|reasoning|logic|answer|results?|work|working|whole|final|overall|calculations?|computations?|arithmetic|math|interpretation|question|solution|approach|method|everything|all)\b/i;
// Or an answer under a supposition about the reading or the format ("If so, answer would be
// $\sqrt{65}$. Not an option.", "If they want letter, \boxed{B}."): the guide's value tried.
const hedgeRe =
  /\b(?:maybe|perhaps|might|could|or|if I (?:write|put|use|give)|if so|if (?:they|the (?:user|grader|question)) (?:wants?|expects?|means?))\b[^.\n]{0,30}$/i;
// Pass 86g: an answer given for a case the sentence supposes ("if he died in his 60s, then the answer
// would be NO", "Assuming that ..., then the answer would be YES"): a condition word earlier in the
// sentence (not "even if" / "as if") and "would" or "then" right before the answer cue.
const answerCaseOpenRe = /(?:^|[^A-Za-z])(?:(?<!even |as |only )if|assuming|supposing|suppose)\b/i;
const caseCueRe = /\b(?:then\b[^.\n]{0,30}|(?:answer|it|that)[ \t]{1,2}would[ \t]{1,2}be\b[^.\n]{0,12})$/i;
// ... and the other case right after it ("otherwise no", "Alternatively, if ...", "If some are the same, ...").
const otherCaseAfterRe =
  /^[^\n]{0,8}\b(?:otherwise|alternatively|if|unless|or if|on the other hand)\b|^[^\n]{0,3}\n[ \t]{0,4}\n?[ \t]{0,4}(?:alternatively|otherwise|if)\b/i;
function caseAnswered(before: string): boolean {
  if (before.length > 400) before = before.slice(-400);
  return caseCueRe.test(before.slice(-48)) && answerCaseOpenRe.test(before);
}
// An estimate ("should be near 6000000", "≈ 28000", "in the region of $750") sizes the answer; it does not state it.
const estimateRe =
  /(?:\u2248|\\approx|~|\b(?:near|around|approximately|roughly|about|close to|on the order of|in the (?:region|ballpark|neighbou?rhood) of))[ \t$*]{0,4}$/i;
// A bound is not a value stated: "the angle is between 0 and 90 degrees", "would be at least
// 1 + 2 + 3 = 6", "less than 2220". The bound word stands right before the value, or before the
// arithmetic whose result it is.
const boundRe =
  /(?:\b(?:at least|at most|less than|more than|greater than|fewer than|smaller than|larger than|bigger than|up to|between[ \t][^\n=]{1,24}[ \t]and|(?<!\b(?:chang|went|goes|go|increas|decreas|drop|jump|ris|rose|fell|fall|correct|revis|updat|mov)[a-z]{0,3}[ \t]{1,2})from[ \t][^\n=]{1,16}[ \t]to)[ \t$(\\]{1,4}(?:[\d.,+\-*/^ \t\u00d7\u00b7\u2212]{1,30}=[ \t$]{0,3})?|(?:>=|<=|\u2265|\u2264|\\geq?|\\leq?|(?<![-=<>|!])[<>](?![=<>])|\\[lg]t\b)[ \t$]{0,3})$/i;
// A divisor is not a value stated: "552, which is divisible by 24", "so n^3 must be a multiple of
// 3", "(3L)(3L - 1) must be divisible by 2^3 * 3 = 24". The value is the parameter of a property
// of another quantity (the guide: a step of a derivation, not a result), right after the phrase or
// after the arithmetic whose result it is.
const divisorRe =
  /\b(?:divisible by|divisibility by|(?<!common )multiple of|a factor of)[ \t$(\\]{1,4}(?:[\d.,+\-*/^ \t\u00d7\u00b7\u2212{}]{1,30}=[ \t$]{0,3})?$/i;
// "the angle is approximately 65.8 degrees": a value of the asked quantity worked out to decimals
// is a computed result given to a precision, not a size guessed before computing ("near 6000000",
// "≈ 2,866,000"); an unnamed one ("divide 5,700 by 34, which is about 167.65") is still a step.
const computedDecimal = (value: string): boolean => /\.\d{0,5}[1-9]/.test(value);
// "27.94 ≈ 27.9", "1/24 + 1/8 = 1/6 ≈ 0.17 hours", "225 ÷ 0.4536 ≈ 496.0": "≈" right after a
// number with decimals or a fraction (a computed result, or a computation with one) gives that
// result to a precision; it does not guess one. "roughly 300 × 0.3 ≈ 90" still sizes, and so does
// "4,850 ÷ 44 ≈ 111.40" (whole numbers only: a quotient still to be rounded up or down).
// Also where a bracket closes on that number ("theta_c = arcsin(2/3) ≈ 41.8", "Δm = -2.5 *
// (-0.00878) ≈ 0.02195"): a function of a worked-out fraction, a product with a decimal factor,
// given to a precision; fresh13's SFT re-checks recompute the answer so (docs/segmentation-eval.md,
// pass 28).
const roundedAfterRe = /\d[./]\d+\)?[ \t]{0,2}(?:\u2248|\\approx)[ \t$*]{0,4}$/;
// "magnitude" alone names a quantity (a star's apparent magnitude, a vector's): only "order(s) of
// magnitude" sizes a result (pass 40).
const roughWordRe = /\b(?:near|around|approximately|roughly|about|estimat\w*|ballpark|orders? of magnitude)\b/i;
const roundsResult = (before: string): boolean => roundedAfterRe.test(before) && !roughWordRe.test(before);
// The value as the subject of a hypothetical: "so 23 people would be left behind" (what happens
// if a value were chosen), not the value concluded.
const hypotheticalAfterRe = /[ \t$]{0,2}(?:[ \t]{1,2}[A-Za-z]{1,14}){0,2}[ \t]{1,2}(?:would|could|might)\b/iy;

// A value rejected on sight, later in its own sentence: "Then the sum is 36, which is more than 30,
// so that doesn't work", "= 2 hours, which is impossible" (the guide: never adopted, not a candidate).
const rejectedAfterRe =
  /[^.;!?\n]{0,60}?\b(?:(?:does ?n[o']t|do ?n[o']t|wo ?n't|can ?n[o']t|cannot) work|(?:is|be|are|was|'s) (?:not possible|impossible|invalid|not valid|not allowed|too (?:big|large|small|many|few|high|low))|contradict(?:s|ion)|(?:so|which) (?:that's|that is|it's|this is) (?:not possible|impossible|invalid|wrong))\b/iy;

/** Does the rest of the sentence after a value (to `sentenceEnd`) reject it? */
function rejectedAfter(text: string, end: number, sentenceEnd: number): boolean {
  if (sentenceEnd - end < 8) return false;
  rejectedAfterRe.lastIndex = end;
  const m = rejectedAfterRe.exec(text);
  return m !== null && end + m[0].length <= sentenceEnd;
}

/** Is the value ending at `end` the subject of a hypothetical? segment.ts asks this only of the weak statements that could conclude otherwise. */
export const hypotheticalAfter = (text: string, end: number): boolean => matchesAt(hypotheticalAfterRe, text, end);
// A value recalled from before ("earlier I got 12", "I initially thought it was 5") is no new conclusion.
// "I already found that ..., so the sum is 219" recalls earlier work too (the guide: a recall merges).
const recalledRe =
  /\b(?:earlier|previously|originally|initially|at first|the first time|I (?:had )?thought|(?:I|we) (?:have |'ve )?already (?:found|computed|calculated|showed|shown|established|got|worked out|seen))\b/i;
// Either of the two, in one scan of the sentence (a value's sentence is read once, not twice).
const tentativeOrRecalledRe = new RegExp(`${tentativeRe.source}|${recalledRe.source}`, 'i');

// "So, if the parallax is 0.01 arcseconds, then the distance is 1/0.01 parsecs, which is 100": an
// "if" whose clause restates one of the question's givens (a value the question quotes) is no
// value tried; it re-applies the question's own condition, a re-check that recomputes the answer
// (docs/annotation-guide.md: re-derivations do not merge; docs/segmentation-eval.md, pass 28).
const givenIfRe = /\bif (?:[A-Za-z']+ ){1,5}(?:is|are|was|were) \$?(\d[\d,]*(?:\.\d+)?)(?![\d.,]\d)(?:[ \t]+[A-Za-z]+)?/gi;

// "should be 1 divided by 0.01": the value is an operand of the computation still to do, no result.
const operationAfterRe = /^[ \t]{0,2}(?:divided by|times|multiplied by|plus|minus|over|[-+*/\u00d7\u00f7^])/;

// A sentence that opens on one case of a letter ("For n = 3 we get 216", "For k = 2, the sum is
// 9"): what it works out is that case's, a value tested (docs/annotation-guide.md), not a conclusion.
const caseOpenRe =
  /^[ \t*]*for[ \t]{1,2}(?:\$|\\\()?[ \t]?[a-zA-Z][ \t]{0,2}=[ \t]{0,2}(-?\d[\d,]*(?:\.\d+)?)(?:\$|\\\))?[ \t]{0,2}[, \t]/i;

/** Does the sentence (`before`, up to the value) open on a tested case, one whose value the question does not give? */
function caseTested(before: string, question: QuestionInfo): boolean {
  const m = caseOpenRe.exec(before);
  return m !== null && !question.values.has(normalizeAnswer(m[1]));
}

/** Is `before` tentative only through "if" clauses that restate the question's givens? */
function untentativeOnceGivensRestated(before: string, question: QuestionInfo): boolean {
  if (question.values.size === 0) return false;
  let restated = false;
  const rest = before.replace(givenIfRe, (clause, n: string) => {
    if (!question.values.has(normalizeAnswer(n))) return clause;
    restated = true;
    return '';
  });
  return restated && !tentativeOrRecalledRe.test(rest);
}

// A premise and its consequence in one sentence: "if <what was worked out>, then" (bounded, one
// lazy run up to the first "then": linear in the sentence).
const premiseRe = /\b(?<!\beven )if\b[^\n]{1,200}?\bthen\b/i;

/** Does `text` hold `value` as a whole number or expression (not inside a longer number)? */
function mentionsValue(text: string, value: string): boolean {
  for (let k = text.indexOf(value); k >= 0; k = text.indexOf(value, k + 1)) {
    const before = text.charCodeAt(k - 1);
    const after = text.charCodeAt(k + value.length);
    if (!(before >= 48 && before <= 57) && !(after >= 48 && after <= 57) && after !== 46) return true;
  }
  return false;
}

/**
 * Is a weak statement (strength 2 or 3) tentative only through a premise it draws its value from,
 * "if <premise>, then <the asked quantity is the value>" ("So, if each pair is -1 and there are 50
 * pairs, then the total sum should be 50 × (-1) = -50.", "If that's the case, then p = 1/2, hence
 * m + n = 3.")? The consequence clause is read as any sentence is (a hedge, a bound, an estimate
 * in it still tries the value); the premise must not name the value itself ("if x = 3, then ...
 * = 3" tries it). segment.ts asks it only of a tentative statement right before a marker whose
 * value the record concludes elsewhere (pass 44).
 */
export function premisedConclusion(text: string, st: Statement, question: QuestionInfo): boolean {
  return new Context(text, 0, text.length, question).premised(st);
}

export interface StatementOptions {
  question: QuestionInfo;
  /** Compiled user answer patterns (`compileAnswerPatterns`). */
  patterns?: readonly RegExp[];
  /** Only [from, to) of the text is scanned (a thinking block, a summary). */
  from?: number;
  to?: number;
}

/**
 * Compiles user answer patterns; a pattern that does not compile, or that could backtrack
 * catastrophically (patternSafety.ts), is reported, not thrown, and left out.
 */
export function compileAnswerPatterns(sources: readonly string[]): { patterns: RegExp[]; errors: { source: string; message: string }[] } {
  const patterns: RegExp[] = [];
  const errors: { source: string; message: string }[] = [];
  for (const source of sources) {
    let re: RegExp;
    try {
      re = new RegExp(source, 'gd');
    } catch (err) {
      errors.push({ source, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const unsafe = unsafePatternReason(source);
    if (unsafe) errors.push({ source, message: unsafe });
    else patterns.push(re);
  }
  return { patterns, errors };
}

/** Every candidate statement in text[from, to), ordered by position; a weaker one inside a stronger one's value is dropped. */
export function findStatements(text: string, opts: StatementOptions): Statement[] {
  const from = opts.from ?? 0;
  const to = opts.to ?? text.length;
  const ctx = new Context(text, from, to, opts.question);
  findBoxed(ctx);
  findAnswerTags(ctx);
  findFinalAnswer(ctx);
  findJsonAnswers(ctx);
  findCjkAnswerLeads(ctx);
  findOtherAnswerLeads(ctx);
  findOtherConclusions(ctx);
  findConclusions(ctx);
  findTerseAndWords(ctx);
  findVerdicts(ctx);
  findValueVerdicts(ctx);
  findNamedColons(ctx);
  findLabels(ctx);
  findEquals(ctx);
  findVerbalArithmetic(ctx);
  if (opts.question.modulus !== undefined) findCongruences(ctx, opts.question.modulus);
  findBold(ctx);
  findPrintedOutputs(ctx);
  findPointers(ctx);
  if (opts.question.optionOf) findOptionLetters(ctx);
  if (opts.question.optionOf && !opts.question.multiSelect) findOptionVerdicts(ctx);
  if (opts.question.optionOf && !opts.question.multiSelect) findOptionLastLine(ctx);
  if (opts.question.optionOf === undefined && opts.question.optionWords === undefined) findAnswerLetterLine(ctx);
  findHashAnswerLine(ctx);
  if (opts.question.optionWords && !opts.question.multiSelect) findOptionContents(ctx, opts.question.optionWords);
  if (opts.question.optionWords && opts.question.optionOf === undefined) findOptionNumbers(ctx, opts.question.optionWords);
  if (opts.question.multiSelect) findOptionSets(ctx);
  if (opts.question.names) findNames(ctx, opts.question.names);
  if (opts.question.nouns.includes('count')) findCountWords(ctx);
  if (opts.question.typed !== undefined) findTyped(ctx, opts.question.typed);
  if (opts.question.words !== undefined) findWords(ctx, opts.question.words);
  if (opts.question.comparison !== undefined) findComparisons(ctx, opts.question.comparison);
  if (opts.question.answerForm !== undefined) findFormAnswers(ctx, opts.question.answerForm);
  if (opts.question.programValue) findProgramValues(ctx);
  if (opts.question.answerForm !== undefined || opts.question.words !== undefined) findJsonWords(ctx);
  if (text.includes('\u03c0') || text.includes('\\pi') || text.includes(')/')) findTyped(ctx, extraValueRe);
  // Pass 64: "Answer: Paris" where the question names no answer type (the typed finders read the others).
  const q = opts.question;
  if (q.words === undefined && q.typed === undefined && q.answerForm === undefined && q.optionOf === undefined) findAnswerLineWords(ctx);
  findPostposedNames(ctx);
  findRejections(ctx);
  // Last: they read the values the other finders found concluded, where those values are written.
  const concluded = stronglyConcludedValues(ctx);
  if (concluded !== undefined) {
    const written = valuePlaces(text, from, to, concluded);
    findVerbalResults(ctx, written);
    findNamedRestatements(ctx, written);
    findAgreeingResults(ctx, written);
    if (opts.question.targets.length > 0) findTargetCopulas(ctx, written);
  }
  findNamedResults(ctx);
  if (ctx.question.countedPredicate !== undefined) findCountedPredicates(ctx, ctx.question.countedPredicate);
  for (const re of opts.patterns ?? []) findPattern(ctx, re);
  return dedupe(ctx.out);
}

// A line that is nothing but an answer cue and a word or two: "Answer: Paris", "**Final answer:** yes".
const answerLineWordRe =
  /^[ \t]{0,4}(?:\*\*)?(?:final[ \t]{1,2})?answer[ \t]{0,2}:[ \t]{0,2}(?:\*\*)?[ \t]{0,2}([A-Za-z][A-Za-z'-]{0,20}(?:[ \t][A-Za-z][A-Za-z'-]{0,20}){0,2})[ \t]{0,2}(?:\*\*)?\.?[ \t]{0,2}$/i;

const answerLineProseRe = /^(?:let|see|we|i|to|it|this|that|as|is|in|from|based|so|because|after|using|the|a|an)(?![A-Za-z'-])/i;

/**
 * Pass 64: a line that is an answer cue and one to three words ("Answer: Paris", "**Final answer:**
 * yes"), in a question that names no answer type, is an explicit final statement
 * (docs/annotation-guide.md), as "Answer: 27" is. Not words that open a sentence ("Answer: Let me
 * see", "Answer: see above"). Found by indexOf, each line read once (at most 90 characters).
 */
function findAnswerLineWords(ctx: Context): void {
  const { text, from, to } = ctx;
  for (let i = text.indexOf('nswer', from); i >= 0 && i < to; i = text.indexOf('nswer', i + 5)) {
    // The line's ends, looked for only 20 characters back and 90 on (a 1 MB line stays linear).
    let lineStart = i;
    while (lineStart > from && i - lineStart <= 20 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
    if (i - lineStart > 20) continue;
    let lineEnd = i;
    while (lineEnd < to && lineEnd - lineStart <= 90 && text.charCodeAt(lineEnd) !== 10) lineEnd++;
    if (lineEnd - lineStart > 90) continue;
    const m = answerLineWordRe.exec(text.slice(lineStart, lineEnd));
    if (m === null || answerLineProseRe.test(m[1])) continue;
    const start = lineStart + m.index + m[0].indexOf(m[1], m[0].indexOf(':'));
    ctx.add(start, start + m[1].length, 'final-answer', 4, true);
  }
}

/**
 * A statement as Context.add finds it. Whether it is tentative is worked out when first read:
 * most statements fail a cheaper test of segment.ts first, and the test reads the sentence around
 * the value. It depends only on the text, the question and the statement's own fields, none of
 * which change after add, so when it is worked out cannot change what it answers.
 */
class FoundStatement implements Statement {
  // term and ofOther present from the start (findEquals and findConclusions may set them): one
  // shape for every statement. Adding ofOther later gave the statements of one record two or
  // three shapes, and the readers of them (readAttempts, concludes) deoptimized and were
  // recompiled on "wrong map" while the engine warmed up. Read only as truthy: false is what its
  // absence meant.
  term = false;
  ofOther = false;
  rejects: string | undefined = '';

  constructor(
    private readonly ctx: Context | undefined,
    public start: number,
    public end: number,
    public value: string,
    public rule: CandidateRule,
    public strength: number,
    public aboutTarget: boolean,
    public fromQuestion: boolean,
    public normalized: string,
    public closesOther: boolean,
    public partial: boolean,
    private known: boolean | undefined = undefined,
  ) {}

  get tentative(): boolean {
    return (this.known ??= this.ctx!.tentative(this));
  }
}

// Right after a value, maybe past a unit word: "per" and a noun ("$35 per year", "12 cookies per box"), not "per cent".
const perAfterRe = /^(?:[ \t]{1,2}[A-Za-z]{1,12})?[ \t]{1,2}per[ \t]{1,2}(?!cent\b)[a-z]/;

// A value's label after it: "for the second stretch", "for her savings" (pass 94d), its words.
const forTheAfterRe =
  /^(?:[ \t]{1,2}([A-Za-z]{1,12}))?[ \t]{1,2}for[ \t]{1,2}(?:the|his|her|their|its|our|my)[ \t]{1,2}([a-z]{2,14}(?:[ \t][a-z]{2,14}){0,2})/;
// Label words that name the asked quantity whatever it is ("for the total", "for the answer").
const askedLabelWords = new Set(['total', 'whole', 'overall', 'final', 'answer', 'result', 'number', 'count']);

class Context {
  readonly out: Statement[] = [];
  constructor(
    readonly text: string,
    readonly from: number,
    readonly to: number,
    readonly question: QuestionInfo,
  ) {}

  private found: Map<string, number[]> | undefined = undefined;
  /**
   * Where `lit` starts in [from, to), left to right, as the loop `for (i = indexOf(lit, from); i >= 0
   * && i < to; i = indexOf(lit, i + 1))` finds it: found once per text for the finders that each
   * read the same literal (":", the arrows, "∴"). Only for a literal that overlaps no copy of
   * itself, where stepping by one or by its length finds the same places.
   */
  positions(lit: string): readonly number[] {
    const found = (this.found ??= new Map());
    let at = found.get(lit);
    if (at === undefined) {
      at = [];
      for (let i = this.text.indexOf(lit, this.from); i >= 0 && i < this.to; i = this.text.indexOf(lit, i + lit.length)) at.push(i);
      found.set(lit, at);
    }
    return at;
  }

  private isAt: number[] | undefined = undefined;
  /**
   * Where "is " starts in [from, to] (to too: the blank before it may be the last of the range),
   * left to right: found once per text for findArrows and findNamedResults, which each scanned for
   * it ("is " overlaps no copy of itself, so every one is found).
   */
  isPositions(): readonly number[] {
    if (this.isAt !== undefined) return this.isAt;
    const at: number[] = [];
    for (let i = this.text.indexOf('is ', this.from); i >= 0 && i <= this.to; i = this.text.indexOf('is ', i + 3)) at.push(i);
    return (this.isAt = at);
  }

  /** Where the verdicts' phrases start (verdictPositions), once both finders have asked. */
  verdictsAt: readonly (readonly number[])[] | undefined = undefined;

  /** The operator words with a blank on each side (opWordPositions), once both finders have asked. */
  opWordsAt: OpWords | undefined = undefined;

  private otherLanguageIn: boolean | undefined;
  /**
   * Pass 89b: is the text written in another language than English? It writes no " the " and holds a
   * letter of another script or an accented Latin letter (one scan, asked only where "=" is followed
   * by a number written with a decimal comma or another grouping).
   */
  get otherLanguage(): boolean {
    return (this.otherLanguageIn ??= !this.text.includes(' the ') && otherLetterRe.test(this.text));
  }

  private rejectWordsIn: boolean | undefined;
  /**
   * Is "not", "instead" or "rather" written anywhere in the text? rejectTailRe and rejectLeadRe
   * match only where one is, so where none is no value is rejected (one test per body, not one
   * pattern per statement and result line).
   */
  get rejectWords(): boolean {
    return (this.rejectWordsIn ??= this.text.includes('not') || this.text.includes('instead') || this.text.includes('rather'));
  }

  /** `alone`: the caller has read what stands around the value (a list entry's letter after its bullet). */
  add(start: number, end: number, rule: CandidateRule, strength: number, aboutTarget = false, alone = false): void {
    if (start < this.from || end > this.to || end <= start) return;
    if (rule !== 'boxed' && rule !== 'pattern' && !alone && !standsAlone(this.text, start, end)) return;
    // "the amount still needed is $185" when the question asks how many months: money, not the count.
    if (strength < 4 && this.question.countNotMoney && this.text.charCodeAt(start - 1) === 36 && this.text.charCodeAt(end) !== 36) return;
    // "$350 ÷ 10 = $35 per year" where the question asks no rate or share: a rate on the way (pass 90, 90r).
    if (strength < 4 && !this.question.asksRate && perAfterRe.test(this.text.slice(end, end + 24))) return;
    // "which makes $320 for the second stretch", "10 for the number gone": a value labelled after it as
    // the result of a named part (pass 94d), not the asked quantity, unless the label names an asked noun.
    if (strength < 4 && !aboutTarget && this.labelledPart(end)) return;
    const value = this.text.slice(start, end);
    // Only weak conclusions and a product question's values use it (segment.ts concludes()).
    const lhs =
      aboutTarget || (strength !== 2 && this.question.scale === undefined)
        ? undefined
        : this.otherLeftSide(start, this.sentenceAround(start, end).start);
    const plain = normalizeAnswer(value);
    // A multiple-choice option's value is that option ("6" is "B" when the question lists B. 6).
    const normalized = (this.question.optionOf && optionOfValue(this.question.optionOf, value, plain)) ?? plain;
    // "45π" when the question quotes "a volume of 45π" (read there as 45) is quoted too.
    const quoted = this.question.values.has(plain) || (plain.endsWith('\\pi') && this.question.values.has(plain.slice(0, -3)));
    const partial =
      lhs !== undefined &&
      this.question.scale !== undefined &&
      /\d[ \t]{0,3}(?:[*\u00d7\u00b7\u22c5]|\\times|\\cdot)[ \t]{0,3}\d/.test(lhs);
    const st = new FoundStatement(this, start, end, value, rule, strength, aboutTarget, quoted, normalized, lhs !== undefined, partial);
    st.rejects = this.rejectWords ? rejectedWith(this.text, start, end) : '';
    this.out.push(st);
  }

  /**
   * Pass 94d: is the value ending at `end` labelled after it as a named part's result ("$320 for the
   * second stretch", "10 for the number gone")? Not when the label names the asked quantity ("642 for
   * the total", "$1379 for the total cost", "1,756 for the number available" when it asks how many).
   */
  labelledPart(end: number): boolean {
    const m = forTheAfterRe.exec(this.text.slice(end, end + 48));
    if (m === null) return false;
    const asked = this.question.nouns.map((n) => (n.startsWith('number of ') ? n.slice(10) : n).slice(0, 4));
    // "36 seats for the students" when it asks how many seats: the value counts the asked thing.
    if (m[1] !== undefined && asked.includes(m[1].toLowerCase().slice(0, 4))) return false;
    for (const w of m[2].toLowerCase().split(/[ \t]+/)) if (askedLabelWords.has(w) || asked.includes(w.slice(0, 4))) return false;
    return true;
  }

  /** A conclusion (strength 3) stated in other words (findComparisons): its value is `word`. */
  addWord(start: number, end: number, word: string): void {
    const n = this.out.length;
    this.add(start, end, 'conclusion', 3, true, true);
    if (this.out.length === n) return;
    const st = this.out[n];
    st.value = word;
    st.normalized = normalizeAnswer(word);
  }

  /** A conclusion (strength 3) that names an option by its content (findOptionContents): its value is the letter. */
  addOption(start: number, end: number, letter: string): void {
    const n = this.out.length;
    this.add(start, end, 'conclusion', 3, true, true);
    if (this.out.length === n) return;
    const st = this.out[n];
    st.value = letter.toUpperCase();
    st.normalized = letter;
  }

  /** Does the statement's sentence try its value rather than conclude it (Statement.tentative)? */
  tentative(st: Statement): boolean {
    const sentence = this.sentenceAround(st.start, st.end);
    // An explicit answer (strength 4-5) is hedged only right before it ("maybe \\boxed{C}"); a
    // weaker one by anything in its sentence before it ("if x = 3", "I initially thought 5").
    if (st.strength >= 4)
      return (
        hedgeRe.test(this.text.slice(Math.max(sentence.start, st.start - 40), st.start)) ||
        sentence.question ||
        (st.strength === 4 &&
          caseAnswered(this.text.slice(sentence.start, st.start)) &&
          otherCaseAfterRe.test(this.text.slice(st.end, st.end + 80)))
      );
    return this.triedFrom(st, sentence, sentence.start);
  }

  /**
   * Is a weak statement (strength 3 or less) tentative by its sentence read from `from` on (the
   * sentence's start, or the end of a premise's "then": premisedConclusion)?
   */
  private triedFrom(st: Statement, sentence: { start: number; text: string; question: boolean }, from: number): boolean {
    const { start, end, value, rule, aboutTarget } = st;
    // The sentence before the value, read by the tests below (sliced once).
    const before = this.text.slice(from, start);
    return (
      (tentativeOrRecalledRe.test(before) &&
        !(
          (before.includes('if') || before.includes('If')) &&
          !operationAfterRe.test(this.text.slice(end, end + 16)) &&
          untentativeOnceGivensRestated(before, this.question)
        )) ||
      boundRe.test(before.length > 56 ? before.slice(-56) : before) ||
      (this.question.divisors === undefined &&
        (before.includes('ivisib') || before.includes('ultiple of') || before.includes('actor of')) &&
        divisorRe.test(before.length > 56 ? before.slice(-56) : before)) ||
      (estimateRe.test(before.length > 24 ? before.slice(-24) : before) &&
        !((aboutTarget || directApproxLeadRe.test(before) || symbolApproxLeadRe.test(before)) && computedDecimal(value)) &&
        !roundsResult(before)) ||
      sentence.question ||
      rejectedAfter(this.text, end, sentence.start + sentence.text.length) ||
      (rule === 'equals' && st.fromQuestion && conditionRe.test(before)) ||
      caseTested(before, this.question) ||
      (!aboutTarget && (before.includes('heck') || before.includes('erif')) && this.checksOtherStep(before))
    );
  }

  /** See premisedConclusion. */
  premised(st: Statement): boolean {
    if (st.strength < 2 || st.strength >= 4) return false;
    const sentence = this.sentenceAround(st.start, st.end);
    if (sentence.question) return false;
    const before = this.text.slice(sentence.start, st.start);
    const m = premiseRe.exec(before);
    if (m === null || tentativeOrRecalledRe.test(before.slice(0, m.index))) return false;
    // The premise names another value, not the one concluded ("if x = 3, then x + 1 = 4" tries 3;
    // "if 9 sheep stayed" for the asked 9 re-reads the question's own number).
    if (!st.fromQuestion && mentionsValue(m[0], st.value)) return false;
    return !this.triedFrom(st, sentence, sentence.start + m.index + m[0].length);
  }

  /**
   * Does the sentence open on a check of a named step that is not the asked quantity ("Let's
   * re-check the amount of sugar: 3 × 0.1 = 0.3 and 8 × 0.65 = 5.2, so 5.5 liters in all.")? The
   * guide: a check that only confirms a sub-step is no candidate; its values are tested, not concluded.
   */
  private checksOtherStep(before: string): boolean {
    const m = checkedStepRe.exec(before);
    return m !== null && !wholeCheckRe.test(m[1]) && !this.names(m[1]);
  }

  /** When the value at `start` is the right side of "E =" and E does not name the asked quantity: E. */
  private otherLeftSide(start: number, floor: number): string | undefined {
    const t = this.text;
    // Character codes, not t[k]: a one-character string of a character past Latin-1 is no
    // internalized string, and comparing it deoptimized this method ("wrong instance type").
    let k = start - 1;
    for (let c = codeAt(t, k); k > floor && (c === 32 || c === 9 || c === 36 || c === 42 || c === 40 || c === 92); c = codeAt(t, --k));
    if (codeAt(t, k) !== 61) return undefined;
    // The left side: back to the previous "=", a colon or the sentence start (at most 60 characters).
    let b = k - 1;
    const limit = Math.max(floor, k - 60);
    for (let c = codeAt(t, b); b >= limit && c !== 61 && c !== 58 && c !== 10; c = codeAt(t, --b));
    const lhs = t.slice(b + 1, k);
    // A lone unknown ("Therefore n = 6", "x_1 = 4") may be what is asked, named or not.
    if (loneUnknownRe.test(lhs)) return undefined;
    // Arithmetic on numbers right after the clause's words ("there are 1 + 6 = 7 solutions", "the
    // number of losing positions is 404 - 4 = 400") works out the clause's own value inline: it
    // names no other quantity. (A product question reads its partial products from the left side.)
    if (this.question.scale === undefined && inlineArithmeticRe.test(lhs)) return undefined;
    return /[\w)}]/.test(lhs) && !this.names(lhs) ? lhs : undefined;
  }

  /**
   * Where sentences start and end in [from, to), found in one pass the first time a sentence is
   * asked for: a start follows a line break or . ! ? before a blank; an end is a line break or
   * . ! ? before a blank, a quote or the end of the text. Each statement then finds its sentence
   * by binary search instead of scanning up to 600 characters around it.
   */
  private starts: Int32Array | undefined;
  private ends: Int32Array | undefined;

  private index(): void {
    const { starts, ends } = sentenceBoundaries(this.text, this.from, this.to);
    this.starts = starts;
    this.ends = ends;
  }

  /** The sentence that holds [start, end): back to . ! ? + space or a line break, forward to the same (each side at most 300 characters). */
  sentenceAround(start: number, end: number): { start: number; text: string; question: boolean } {
    // Most texts hold a few statements: scanning around each is cheapest. A text with many (a
    // long trace, an adversarial run) gets the index after the first 64.
    if (!this.starts && ++this.asked > 64) this.index();
    if (!this.starts) return this.scanSentence(start, end);
    const floor = Math.max(this.from, start - 300);
    // The last sentence start in (floor, start], else floor.
    const si = lastAtMost(this.starts, start);
    let s = si >= 0 && this.starts[si] > floor ? this.starts[si] : floor;
    // A run with no sentence end in reach: snap the cut to a grid, so the values of one long run
    // share their sentences (and namesSentence's memo) instead of each scanning its own window.
    if (s === floor && floor > this.from) s = Math.max(this.from, floor - (floor % 256));
    const ceil = Math.min(this.to, end + 300);
    // The first sentence end in [end, ceil), else ceil.
    const ends = this.ends!;
    const ei = lastAtMost(ends, end - 1) + 1;
    let e = ei < ends.length && ends[ei] < ceil ? ends[ei] : ceil;
    if (e === ceil && ceil < this.to) e = Math.min(this.to, ceil + 256 - (ceil % 256));
    return this.sentence(s, e);
  }

  private asked = 0;

  /** sentenceAround by scanning: the same answer as the index gives. */
  private scanSentence(start: number, end: number): { start: number; text: string; question: boolean } {
    const t = this.text;
    let s = start;
    const floor = Math.max(this.from, start - 300);
    while (s > floor) {
      const c = t.charCodeAt(s - 1);
      if (
        c === 10 ||
        ((c === 46 || c === 33 || c === 63) && isSpace(codeAt(t, s)) && !(c === 46 && titleBefore(t, s - 1))) ||
        fullStop(c) ||
        (c === 34 && s - 2 >= this.from && isSpace(codeAt(t, s)) && sentenceMark(codeAt(t, s - 2)))
      )
        break;
      s--;
    }
    if (s === floor && floor > this.from) s = Math.max(this.from, floor - (floor % 256));
    let e = end;
    const ceil = Math.min(this.to, end + 300);
    while (e < ceil) {
      const c = t.charCodeAt(e);
      if (
        c === 10 ||
        ((c === 46 || c === 33 || c === 63) &&
          (e + 1 >= t.length || isSpace(t.charCodeAt(e + 1)) || t[e + 1] === '"') &&
          !(c === 46 && titleBefore(t, e))) ||
        fullStop(c)
      )
        break;
      e++;
    }
    if (e === ceil && ceil < this.to) e = Math.min(this.to, ceil + 256 - (ceil % 256));
    return this.sentence(s, e);
  }

  private sentence(s: number, e: number): { start: number; text: string; question: boolean } {
    const last = this.lastSentence;
    if (last && last.start === s && last.end === e) return last;
    // codeAt: e may be the text's end, and a read past it deoptimized scanSentence (where this is inlined).
    const q = codeAt(this.text, e);
    this.lastSentence = { start: s, end: e, text: this.text.slice(s, e), question: q === 63 || q === 0xff1f };
    return this.lastSentence;
  }

  private lastSentence: { start: number; end: number; text: string; question: boolean } | undefined;

  private readonly named = new Map<number, boolean>();

  /** names() of the sentence starting at `start`, once per sentence (several values share one). */
  namesSentence(start: number, text: string): boolean {
    let hit = this.named.get(start);
    if (hit === undefined) this.named.set(start, (hit = this.names(text)));
    return hit;
  }

  /** Does this text name an asked noun only of something else ("the sum of the remaining numbers")? */
  namesOfOtherOnly(text: string): boolean {
    const q = this.question;
    if (q.nounOf === undefined && q.partWords === undefined) return false;
    const lower = text.toLowerCase();
    return q.nouns.some((n) => nounIn(n, lower, q) && nounUse(q, n, lower) === OTHER);
  }

  /** Does this text name the asked quantity (one of its expressions or nouns)? */
  names(text: string): boolean {
    const q = this.question;
    if (q.nouns.length > 0) {
      const lower = text.toLowerCase();
      if (q.nouns.some((n) => nounIn(n, lower, q) && !ofOtherOnly(q, n, lower))) return true;
    }
    // Normalizing is the cost: only when a number or letter of a target is in the raw text, and
    // its digits hold a target's (targetOutOfReach).
    if (q.targets.length > 0 && hasProbe(q, text) && !this.targetOutOfReach(text, false)) {
      const m = normalizeMath(text);
      if (q.targets.some((t) => m.includes(t) && this.asWord(t, text))) return true;
    }
    return false;
  }

  /**
   * A target made of letters only ("de" for "What is $DE$?", "xy") names the quantity only as a
   * word of its own: normalizeMath drops blanks, so "triangle DEF", "side" and "90 degrees" all
   * hold "de" there, and every sentence about the figure read as one about the answer.
   */
  asWord(t: string, raw: string): boolean {
    const single = t.length === 1 && t >= 'a' && t <= 'z';
    // A monomial asked in plain text ("What is the value of 2x?") is named as a term of its own: not
    // as a term of a longer expression ("3x + 16 - 2x = 19", "2x + 2y = 16").
    if (!single && coefficientTargetRe.test(t)) {
      let re = this.wordRes.get(t);
      if (!re)
        this.wordRes.set(
          t,
          (re = new RegExp(
            `(?<![A-Za-z\\d.]|[-+*/=\u00b7\u00d7\u2212][ \t]{0,2})${t}(?![A-Za-z\\d(^_]|[ \t]{0,2}[-+*/\u00b7\u00d7\u2212^])`,
            'i',
          )),
        );
      return re.test(raw);
    }
    if (!single && !letterTargetRe.test(t)) return true;
    let re = this.wordRes.get(t);
    // A single letter solved for ("Solve for x") is named by itself, not as a coefficient's variable
    // ("6x = 60") or what another quantity is of ("the coefficient of x is 1").
    if (!re)
      this.wordRes.set(
        t,
        (re = new RegExp(single ? `(?<![A-Za-z\\d]|\\bof )${t}(?![A-Za-z\\d(^_])` : `(?<![A-Za-z])${t}(?![A-Za-z])`, 'i')),
      );
    return re.test(raw);
  }

  private readonly wordRes = new Map<string, RegExp>();

  /**
   * Can no target be in normalizeMath(text) (`atEnd`: at its end), by its digits alone? For a
   * text without İ or the Kelvin sign, normalizeMath keeps exactly its ASCII digits, in order
   * (see asciiDigits), so a target whose ASCII digits are not among them (at the end) cannot be
   * there. A quick exact no that saves normalizing most lines of a product's working
   * ("948 × 50 = 47400" for 948 × 59).
   */
  targetOutOfReach(text: string, atEnd: boolean): boolean {
    const q = this.question;
    if (q.targets.length === 0) return true;
    if (atEnd) {
      this.targetDigits ??= q.targets.map((t) => asciiDigits(t) ?? '');
      if (hasDottedOrKelvin(text)) return false;
      for (const d of this.targetDigits) if (digitsEndWith(text, d)) return false;
      return true;
    }
    const digits = asciiDigits(text);
    if (digits === undefined) return false;
    this.targetDigits ??= q.targets.map((t) => asciiDigits(t) ?? '');
    for (const d of this.targetDigits) if (atEnd ? digits.endsWith(d) : digits.includes(d)) return false;
    return true;
  }

  /**
   * Can no noun be a word of normalizeMath(text)? That never has more ASCII letters than the text
   * itself (İ and the Kelvin sign aside), so a text with fewer letters than the shortest noun
   * cannot hold one.
   */
  nounOutOfReach(text: string): boolean {
    const nouns = this.question.nouns;
    if (nouns.length === 0) return true;
    this.shortestNoun ??= Math.min(...nouns.map((n) => n.length));
    let letters = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x130 || c === 0x212a) return false;
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    }
    return letters < this.shortestNoun;
  }

  private targetDigits: string[] | undefined;
  private shortestNoun: number | undefined;

  /** Does the question ask for a function's value ("Compute $\\sin 510^\\circ$")? */
  asksFunction(): boolean {
    return (this.functionAsked ??= this.question.targets.some((t) => functionNameRe.test(t)));
  }

  private functionAsked: boolean | undefined;
}

/**
 * Where sentences start and end in [from, to] (Context's index): a start follows a line break, a
 * full-width 。！？ or . ! ? before a blank; an end is a line break, a full-width 。！？ or . ! ?
 * before a blank, a quote or the end of the text. Every boundary is at one of those seven
 * characters, so only they are visited, in order (an indexOf cursor for each), rather than every
 * character of a long text (a response of 10 KB holds a few hundred of them).
 * test/unit/trace/engineFastPaths.test.ts compares it with the character-by-character reading.
 */
export function sentenceBoundaries(text: string, from: number, to: number): { starts: Int32Array; ends: Int32Array } {
  const starts: number[] = [];
  const ends: number[] = [];
  const marks = ['\n', '.', '!', '?', '\u3002', '\uff01', '\uff1f'];
  const next = marks.map((c) => text.indexOf(c, from));
  for (;;) {
    // The nearest of the seven.
    let m = -1;
    for (let j = 0; j < 7; j++) if (next[j] >= 0 && (m < 0 || next[j] < next[m])) m = j;
    if (m < 0) break;
    const p = next[m];
    if (p >= to) break;
    next[m] = text.indexOf(marks[m], p + 1);
    // A title's full stop before a name ("So Mr. Okafor is 28") ends no sentence (pass 60).
    if (m === 1 && titleBefore(text, p)) continue;
    // Chinese writes no blank after its full stops: the mark alone ends the sentence.
    const after = p + 1 < text.length ? text.charCodeAt(p + 1) : -1;
    if (m === 0 || m >= 4 || isSpace(after)) starts.push(p + 1);
    // A full stop inside a closing quote ends its sentence ('read as "If it rains, we stay." The
    // answer is (A)', as `ends` already reads it): the next starts after the quote (pass 93a).
    else if (after === 34 && p + 2 <= to && isSpace(codeAt(text, p + 2))) starts.push(p + 2);
    if (m === 0 || m >= 4 || p + 1 >= text.length || isSpace(after) || after === 34) ends.push(p);
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * Is the full stop at p a title's, before a name: "Mr.", "Mrs.", "Ms.", "Dr.", "Prof." as a word,
 * then a blank and a capital letter ("Mr. Okafor", "Dr. Lee")? Character tests only.
 */
function titleBefore(text: string, p: number): boolean {
  if (text.charCodeAt(p + 1) !== 32) return false;
  const cap = text.charCodeAt(p + 2);
  if (!(cap >= 65 && cap <= 90)) return false;
  for (const t of TITLES) {
    const b = p - t.length;
    if (b >= 0 && text.startsWith(t, b) && !isWordCode(text.charCodeAt(b - 1))) return true;
  }
  return false;
}
const TITLES = ['Mr', 'Mrs', 'Ms', 'Dr', 'Prof'];

/**
 * The ASCII digits of a text, in order; undefined when it holds İ (U+0130) or the Kelvin sign
 * (U+212A), the only characters whose lower case is ASCII (a letter). normalizeMath never drops
 * or reorders an ASCII digit, and makes one only of a superscript power (² as "^2", counted here
 * as its digit): it drops blanks, "$", "&", braces, commas between digits and
 * LaTeX command names, and turns product signs into "*".
 */
function asciiDigits(text: string): string | undefined {
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += text[i];
    // normalizeMath writes a superscript power as "^2" / "^3": a digit it makes.
    else if (c === 0xb2 || c === 0xb3) digits += c === 0xb2 ? '2' : '3';
    else if (c === 0x130 || c === 0x212a) return undefined;
  }
  return digits;
}

/** Does the text hold İ (U+0130) or the Kelvin sign (U+212A) (asciiDigits is undefined)? */
function hasDottedOrKelvin(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x130 || c === 0x212a) return true;
  }
  return false;
}

/** asciiDigits(text).endsWith(d) for a text without İ or the Kelvin sign, without building the digits. */
function digitsEndWith(text: string, d: string): boolean {
  let j = d.length;
  for (let i = text.length - 1; i >= 0 && j > 0; i--) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c : c === 0xb2 ? 50 : c === 0xb3 ? 51 : -1;
    if (digit < 0) continue;
    if (digit !== d.charCodeAt(--j)) return false;
  }
  return j === 0;
}

/** May this raw text name a target? One of the targets' probes is in it, thousands separators aside ("9,232 × 15"). */
function hasProbe(q: QuestionInfo, text: string): boolean {
  if (q.probes.some((p) => text.includes(p))) return true;
  if (!/\d[, \u00a0\u202f\u2009]\d{3}/.test(text)) return false;
  const plain = text.replace(/(\d)[, \u00a0\u202f\u2009](?=\d{3})/g, '$1');
  return q.probes.some((p) => plain.includes(p));
}

// A target that is a name made of letters (two to four: "de", "xy"), not an expression.
// A coefficient and one or two letters ("2x", "3ab"): a monomial target.
const coefficientTargetRe = /^\d{1,3}[a-z]{1,2}$/;
const letterTargetRe = /^[a-z]{2,4}$/;

// A left side that ends in arithmetic on numbers after a word, a comma or a colon (or is only that).
// Sums of money too, a dollar sign before each operand ("profit is $205,000 - $80,000 =", pass 71e).
const inlineArithmeticRe =
  /(?:^|[A-Za-z,:][ \t]{1,3})[ \t$(\\]{0,4}\d[\d.,]*(?:[ \t]{0,2}(?:[-+*/\u00d7\u00b7\u2212]|\\times|\\cdot)[ \t]{0,2}\(?\$?-?\d[\d.,]*\)?){1,6}[ \t)]*$/;
// The left side ends in a single letter (optionally subscripted) after words or nothing, not after an operator.
const loneUnknownRe = /(?:^|[A-Za-z,][ \t]{1,3}|^[ \t]{1,3})[$(\\]{0,2}[A-Za-z](?:_\{?\w{1,4}\}?)?[ \t$)\\]{0,4}$/;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
/** 。！？: Chinese ends a sentence with them, with no blank after (docs/annotation-guide.md reads a conclusion in any language). */
const fullStop = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff1f;
/** . ! or ? (the marks that end an English sentence). */
const sentenceMark = (c: number): boolean => c === 46 || c === 33 || c === 63;

/**
 * text.charCodeAt(i), and -1 outside the text, without reading outside it: the optimized code of
 * a function deoptimizes the first time it reads past a string's end, and the rules that look
 * around a value at the text's edges (standsAlone, atLineEnd, isFollows) did so once each while
 * the engine warmed up, each time recompiling the functions they are inlined into. -1 rather than
 * charCodeAt's NaN: NaN is the only result that is not a small integer, and the first one read
 * deoptimized its comparisons the same way ("not a Smi": findEquals, standsAlone, stop 26 in
 * docs/engine.md). Every reader compares the code with character codes (=== and ranges), where
 * -1, like NaN, equals none and lies in none.
 */
export const codeAt = (text: string, i: number): number => (i >= 0 && i < text.length ? text.charCodeAt(i) : -1);

/** Index of the last element <= x in a sorted array, -1 when none. */
function lastAtMost(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * A value that is a whole term, not a piece of an expression: not glued to a letter, an operator
 * or a bracket on either side ("C(3L, 2)", "(3L - 1)/2", "2L^2", "x_1").
 */
// Pass 82d: an arithmetic operator in words, then a number ("72 minus 18", "4 multiplied by 18").
const operatorWordAfterRe = /(?:minus|plus|times|divided by|multiplied by)[ \t]{1,2}\\?\$?\d/y;
function standsAlone(text: string, start: number, end: number): boolean {
  // Character tests by code, not one-character regular expressions: this runs for every value
  // the rules find (codeAt outside the text is -1, which no test below accepts).
  const boldOpen = text.startsWith('**', start - 2) && codeAt(text, start - 3) !== 42;
  if (!boldOpen && gluedBefore(codeAt(text, start - 1))) return false;
  // After an operator ("3L - 1", "x + 2"): a term, not a result. A sign belongs to the value itself.
  let b = start - 1;
  while (codeAt(text, b) === 32 || codeAt(text, b) === 9) b--;
  const markdownBold = codeAt(text, b) === 42 && codeAt(text, b - 1) === 42;
  if (!boldOpen && !markdownBold && b < start - 1 && operatorBefore(codeAt(text, b))) return false;
  // After a product or a quotient written as a command ("\\cdot \\frac{\\sqrt{3}}{2}", "\\times 7"): a factor.
  if (b < start - 1 && latexOperatorBefore(text, b)) return false;
  let k = end;
  while (codeAt(text, k) === 32 || codeAt(text, k) === 9) k++;
  // Before an operator in words and a number ("there are 72 minus 18 seats left"): the left operand
  // of a computation, not its result (pass 82d).
  if (k > end && matchesAt(operatorWordAfterRe, text, k)) return false;
  if (text.startsWith('**', k)) return true; // a bold closer
  const after = codeAt(text, k);
  if (
    continuesAfter(after) &&
    !text.startsWith('\\]', k - 1) &&
    !(after === 40 && (matchesAt(remarkAfterRe, text, k) || (k > end && matchesAt(glossAfterRe, text, k))))
  )
    return false;
  // ")" continues an expression; an option letter in parentheses ("the answer is (D)", "∴ (C)") is
  // the letter alone, as answer keys write a chosen option.
  if (
    after === 41 &&
    codeAt(text, k - 1) !== 92 &&
    !(end - start === 1 && codeAt(text, start - 1) === 40 && isLetterCode(codeAt(text, start)))
  )
    return false;
  if (after === 45) {
    // "-" then a digit, "(" or a letter
    const c = codeAt(text, k + 1);
    if (isDigitCode(c) || c === 40 || isLetterCode(c)) return false;
  }
  // Glued to a letter ("2L", "3x") or followed by a variable ("2.4 W_R", "5 x"); units after a
  // space are fine ("27 miles"). The variable: a letter, then "_", "^" or anything but a letter
  // or an apostrophe; "a " / "A " is the article; a letter, a hyphen and a word is a unit word
  // too ("66 T-shirts", "3 X-rays").
  if (k === end && isLetterCode(codeAt(text, end))) return false;
  if (k > end && k + 1 < text.length && isLetterCode(after)) {
    const c = codeAt(text, k + 1);
    if (
      (c === 95 || c === 94 || (!isLetterCode(c) && c !== 39)) &&
      // A one-letter unit ending the line ("therefore 933.6 L", "= 5040 m"): a unit, not a variable.
      // So is one before a full stop, a comma or a bold closer ("= 80 g.", "**324 g**, and").
      // (Not a rate's amount: "$3.10 per 100 g." names the unit priced, not a result.)
      !(unitLetter(after) && (c === 10 || c === 13 || ((c === 46 || c === 44 || c === 42) && !text.endsWith('per ', start)))) &&
      // So is one before a remark on the result ("= 5040 m ✓", "= 16,968.6 m again", "= 94,800 g
      // (same)", "= 61080 m — matches"): a tick, a bracket, a dash or a word, not a variable (pass 60).
      !(unitLetter(after) && c === 32 && unitRemarkAfter(text, k + 2)) &&
      // A unit with a power ("640 m²", "686π m^3"): a unit, not a variable.
      !(c === 0xb2 || c === 0xb3 || (c === 94 && unitLetter(after) && (codeAt(text, k + 2) === 50 || codeAt(text, k + 2) === 51))) &&
      !((after === 97 || after === 65) && c === 32) &&
      !(c === 45 && isLetterCode(codeAt(text, k + 2)) && isLetterCode(codeAt(text, k + 3)))
    )
      return false;
  }
  return true;
}

/** Does a product or quotient command ("\\cdot", "\\times", "\\div") end at b? */
function latexOperatorBefore(text: string, b: number): boolean {
  const c = codeAt(text, b);
  if (c === 116) return text.startsWith('\\cdot', b - 4);
  if (c === 115) return text.startsWith('\\times', b - 5);
  return c === 118 && text.startsWith('\\div', b - 3);
}

/** After a one-letter unit and a blank: a tick, "(", a dash, or a word of two letters or more. */
function unitRemarkAfter(text: string, k: number): boolean {
  const c = codeAt(text, k);
  if (c === 0x2713 || c === 0x2714 || c === 40 || c === 0x2014) return true;
  return isLetterCode(c) && c >= 97 && isLetterCode(codeAt(text, k + 1));
}

/** £, €, ¥: a currency sign before a value, read as "$" is ("= £6384", "**€48.00**"). */
const isCurrencyCode = (c: number): boolean => c === 0xa3 || c === 0x20ac || c === 0xa5;
/** L, m, g, s, h: a litre, metre, gram, second or hour. */
const unitLetter = (c: number): boolean => c === 76 || c === 109 || c === 103 || c === 115 || c === 104;
const isLetterCode = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** [\w)\]^_/*.]: a word character, a closing bracket, "^", "/", "*" or "." right before a value. */
const gluedBefore = (c: number): boolean =>
  isLetterCode(c) || isDigitCode(c) || c === 95 || c === 41 || c === 93 || c === 94 || c === 47 || c === 42 || c === 46;
/** [-+*\/\u00d7^\u2212]: an operator. */
const operatorBefore = (c: number): boolean => c === 45 || c === 43 || c === 42 || c === 47 || c === 0xd7 || c === 94 || c === 0x2212;
/** [(^_*\/\]}+\u00d7=]: what continues an expression after a value. */
const continuesAfter = (c: number): boolean =>
  c === 40 || c === 94 || c === 95 || c === 42 || c === 47 || c === 93 || c === 125 || c === 43 || c === 0xd7 || c === 61;

/**
 * "\\boxed{your_answer}", "\\boxed{answer}": the format being quoted (an instruction's
 * placeholder), no value; the guide: talk about the format alone is no candidate (pass 31).
 */
const placeholderRe = /^(?:\\text\{)?(?:(?:your|final|the)[ _]?)?answer\}?$/i;

function findBoxed(ctx: Context): void {
  const { text, from, to } = ctx;
  longBoxBudget = LONG_BOX_BUDGET;
  for (const cmd of ['\\boxed', '\\fbox']) {
    let i = text.indexOf(cmd, from);
    while (i >= 0 && i < to) {
      let j = i + cmd.length;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '{') {
        const close = matchingBrace(text, j, to);
        if (close > 0) {
          let s = j + 1;
          let e = close;
          while (s < e && isSpace(text.charCodeAt(s))) s++;
          while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
          // "`\boxed{B}`": the format of the answer being discussed, in a code span, not an answer.
          // An option's letter that leads the box and then spells the option out
          // ("\\boxed{\\text{C }\\{-\\frac12,1\\}}", "\\boxed{B. 6}") is that option: the letter.
          const lead = ctx.question.optionOf ? optionLead(text.slice(s, e)) : null;
          if (lead) {
            const at = s + lead.index + lead[0].indexOf(lead[1]);
            if (text[i - 1] !== '`') ctx.add(at, at + 1, 'boxed', 5, true);
          } else if (text[i - 1] !== '`' && !(e - s <= 24 && placeholderRe.test(text.slice(s, e))))
            ctx.add(boxedRightSide(ctx, s, e), e, 'boxed', 5, true);
          i = text.indexOf(cmd, close);
          continue;
        }
      }
      i = text.indexOf(cmd, j);
    }
  }
}

/**
 * Pass 84d: a box holding an equation whose left side holds an "=" of its own ("\boxed{\sum_{j = 1}^\infty
 * \frac{1}{(j + k)^3} = p}", "\boxed{P(X = 2) = 0.3}"): the value is what follows the last "=" outside
 * brackets (the left side names the asked quantity), which the answers' comparison cannot find past the
 * inner "=". Also where the left side names the asked quantity (ctx.names). Not where the left side
 * lists several (a top-level comma or semicolon: "\theta = ..., f(...) = 1" is a two-part answer), nor
 * a relation ("<=", ">=", "\neq"), nor a right side over 60 characters. Returns where the value starts.
 */
function boxedRightSide(ctx: Context, s: number, e: number): number {
  const { text } = ctx;
  if (e - s > 300) return s;
  let depth = 0;
  let last = -1;
  let inner = false;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 123 || c === 40 || c === 91) depth++;
    else if (c === 125 || c === 41 || c === 93) depth--;
    else if (c === 61) {
      const p = text.charCodeAt(k - 1);
      if (p === 60 || p === 62 || p === 33 || p === 61 || text.charCodeAt(k + 1) === 61) return s;
      if (depth > 0) inner = true;
      else last = k;
    } else if (depth === 0 && (c === 44 || c === 59) && last < 0) return s;
  }
  if (last < 0) return s;
  let r = last + 1;
  while (r < e && isSpace(text.charCodeAt(r))) r++;
  if (r === e || e - r > 60) return s;
  const lhs = text.slice(s, last);
  if (!/[A-Za-z\\]/.test(lhs)) return s;
  if (!inner && !ctx.names(lhs)) return s;
  return r;
}

// The answer tag's spellings (an instruction's "<ANSWER>2</ANSWER>", "<answer>...</answer>").
const ANSWER_TAGS = ['<ANSWER>', '<answer>', '<Answer>'];

/**
 * An answer tag, "<ANSWER>2</ANSWER>", "<answer>Dan</answer>": an explicit final answer, as a box is
 * (docs/annotation-guide.md: an explicit final statement), of any answer type; read as the box's
 * rule reads its content. Not an open tag without its closing one ("a line of the form 'Answer:
 * <answer>'": the format), a placeholder ("<answer>your answer</answer>"), a tag in a code span, a
 * tag holding a box (the box is read) or a passage (over 200 characters, or a blank line) (pass 55).
 */
function findAnswerTags(ctx: Context): void {
  const { text, from, to } = ctx;
  for (const open of ANSWER_TAGS) {
    const close = `</${open.slice(1)}`;
    for (let i = text.indexOf(open, from); i >= 0 && i < to; i = text.indexOf(open, i + open.length)) {
      const limit = Math.min(to, i + open.length + 200 + close.length);
      // Searched in a window: a body of open tags without their closing one stays linear.
      const w = text.slice(i + open.length, limit).indexOf(close);
      if (w < 0) continue;
      const c = i + open.length + w;
      let s = i + open.length;
      let e = c;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      if (s === e || text[i - 1] === '`') continue;
      const content = text.slice(s, e);
      if (content.includes('\\boxed') || content.includes('\n\n') || content.includes('<') || (e - s <= 24 && placeholderRe.test(content)))
        continue;
      const lead = ctx.question.optionOf ? optionLead(content) : null;
      if (lead) {
        const at = s + lead.index + lead[0].indexOf(lead[1]);
        ctx.add(at, at + 1, 'boxed', 5, true);
      } else ctx.add(s, e, 'boxed', 5, true);
    }
  }
}

// A box runs at most 500 characters, or up to LONG_BOX while the region's LONG_BOX_BUDGET of
// characters scanned past the first 500 lasts (pass 64: a long box, a list or a long expression, was
// dropped; the budget keeps a body of unclosed boxes linear).
const LONG_BOX = 4000;
const LONG_BOX_BUDGET = 32000;
let longBoxBudget = 0;

/** Offset of the `}` closing the `{` at `open`, or -1 (unbalanced, a blank line, or runs past the limit). */
function matchingBrace(text: string, open: number, to: number): number {
  const close = closingBrace(text, open, Math.min(to, open + 500));
  if (close !== -2 || longBoxBudget <= 0 || open + 500 >= to) return close < 0 ? -1 : close;
  const limit = Math.min(to, open + LONG_BOX);
  longBoxBudget -= limit - open - 500;
  const long = closingBrace(text, open, limit);
  return long < 0 ? -1 : long;
}

/** matchingBrace within [open, limit): -2 when the scan reached the limit with the box open. */
function closingBrace(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let k = open; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) {
      k++;
      continue;
    } // a backslash escapes the next character (\{ \})
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return k;
    else if (c === 10 && text.charCodeAt(k + 1) === 10) return -1; // a blank line ends any box
  }
  return -2;
}

// "answer", or "ans" as a word ("final ans 1,026", "ans -> 117 dollars").
const answerWordRe = /\bans(?:wer)?\b/gi;
// The value may carry up to four words of unit or place ("27 miles from City A is the correct
// answer"), not an operation's ("12 plus three is the answer"), and an adverb may stand before the
// article ("is indeed the right answer").
const answerLeadRe = new RegExp(
  String.raw`(${VALUE})(?:[ \t]{1,2}(?!(?:is|would|should|must|and|or|plus|minus|times|of|over|than|divided|multiplied)\b)[A-Za-z\u00b0]{1,14}){0,4}[ \t]{0,3}(?:\$|\\\)|\*\*)?[ \t]{0,3}(?:is|would be|should be|must be)[ \t]{1,3}(?:(?:indeed|still|also|definitely|clearly|certainly)[ \t]{1,3})?(?:the|our|my)[ \t]{1,3}(?:final[ \t]{1,3}|correct[ \t]{1,3}|right[ \t]{1,3})?$`,
  'i',
);

/**
 * Can answerLeadRe match `before`? It ends in a blank, and its copula ("is", "would be", ...: "is"
 * or "be" in any case, then a blank) starts in the last 34 characters (the longest tail after it:
 * "is" or "be", 3 blanks, "definitely" and 3, "the" and 3, "correct" and 3). A test by hand on the
 * window's end, before the pattern that V8 tries from each of its characters.
 */
function copulaLeadEnds(before: string): boolean {
  const n = before.length;
  const last = before.charCodeAt(n - 1);
  if (last !== 32 && last !== 9) return false;
  for (let k = Math.max(0, n - 34); k + 2 < n; k++) {
    const a = before.charCodeAt(k) | 32;
    const b = before.charCodeAt(k + 1) | 32;
    const c = before.charCodeAt(k + 2);
    if (((a === 105 && b === 115) || (a === 98 && b === 101)) && (c === 32 || c === 9)) return true;
  }
  return false;
}

// A note's pointer at a value: "= 2%  <- ans", "= 4,584,866  <-- answer" (a unit word may stand between).
const pointerLeadRe = new RegExp(String.raw`(${VALUE})(?:[ \t]{1,2}[A-Za-z]{1,10})?[ \t]{0,3}<-{1,2}[ \t]{0,3}$`);
// A line that works something out before the pointed value: "=", ":", "->", "→" or "is" before it.
const pointedResultRe = /(?:=|:|->|\u2192|\bis)[ \t]{0,3}\$?[ \t]{0,2}[^=:\n]{0,40}$/;

/**
 * A terse note marks its result with a pointer at the line's end ("2576400 + 193230 + 38646 =
 * 2,808,276 <--", "462/19.25 = 24% <--"), as it does with "<- ans": the value pointed at is the
 * note's answer (an explicit statement of it). Only where "<-" ends its line (nothing but dashes
 * after it) and the value closes a line that works it out; found by indexOf, read where it is.
 */
function findPointers(ctx: Context): void {
  const { text, from, to } = ctx;
  for (let i = text.indexOf('<-', from); i >= 0 && i < to; i = text.indexOf('<-', i + 2)) {
    let k = i + 2;
    while (codeAt(text, k) === 45) k++;
    while (codeAt(text, k) === 32 || codeAt(text, k) === 9) k++;
    if (k < text.length && codeAt(text, k) !== 10 && codeAt(text, k) !== 13) continue;
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    if (i - lineStart > 200) continue;
    const line = text.slice(Math.max(from, lineStart), k);
    const b = pointerLeadRe.exec(line);
    if (!b || !pointedResultRe.test(line.slice(0, b.index))) continue;
    const start = Math.max(from, lineStart) + b.index;
    ctx.add(start, start + b[1].length, 'final-answer', 4, true);
  }
}

// A result labelled at the start of a line: "Total: 12597", "Product = 522,758", "Result: 14",
// "Difference: 225" (the asked operation's result named as a label). A label of a corrected or
// updated result names the result the correction gives: "Corrected: $1,279.99 × 6 = $7,679.94",
// "Updated: 39 ml × 10 = 390 ml", "fix: 2548", "corrected amount: 21.72 kg" (the guide: a
// correction's new result is a candidate).
const LABEL = String.raw`(?:total|result|product|sum|difference|final(?: result| value)?|ans|res|corrected(?: (?:amount|total|value|result))?|fix(?:ed)?)(?:\*\*)?[ \t]{0,2}(?::|=>?|->|\u2192)(?:\*\*)?[ \t]{0,4}`;
// Scanned from word starts only: a label is kept only where what stands before it may lead it
// (labelLeadRe: a line start, blanks, a sentence end, a bullet, "**", none of them a word
// character), or at the range's start; every label starts with an ASCII letter. A label found
// inside a word (rejected) held letters, then "**", blanks and its sign, none of which a kept label
// could start at, so skipping it hides none (the same labels kept as without \b on every body of
// both bench corpora's 20 MB, from several starts each, and on 300,000 random texts), and V8
// tries the alternation at word starts only: about a third less time (docs/engine.md, stop 33).
const labelRe = new RegExp(String.raw`\b${LABEL}`, 'gi');
// A label right at the range's start after a word character (no \b there).
const labelAtRe = new RegExp(LABEL, 'iy');
// What may stand before a label: a line start, or a sentence end, then blanks, a bullet, "**".
const labelLeadRe = /(?:^|\n|[.;][ \t]{1,3})[ \t]{0,4}(?:[-*+][ \t]{1,3})?(?:\*\*)?$/;

function findLabels(ctx: Context): void {
  const { text, from, to } = ctx;
  labelRe.lastIndex = from;
  if (from > 0 && from < to && isWordCode(text.charCodeAt(from - 1))) {
    labelAtRe.lastIndex = from;
    const m = labelAtRe.exec(text);
    if (m !== null) {
      labelFound(ctx, m);
      labelRe.lastIndex = labelAtRe.lastIndex;
    }
  }
  let m: RegExpExecArray | null;
  while ((m = labelRe.exec(text)) !== null && m.index < to) {
    // The label leads its line or sentence (checked on the few characters before it: the regex
    // itself starts with a literal, which is what keeps it fast).
    if (!labelLeadRe.test(text.slice(Math.max(from, m.index - 12), m.index)) && m.index - 12 > from) continue;
    if (m.index - 12 <= from && !labelLeadRe.test('\n' + text.slice(from, m.index))) continue;
    labelFound(ctx, m);
  }
}

/** A label that leads its line or sentence (findLabels): the value it gives. */
function labelFound(ctx: Context, m: RegExpExecArray): void {
  // "sum = 35 + 41 + 76 + 62 = 214" for an asked average, "Total: C(8,2) = 28" for a probability:
  // the sub-total the asked quantity is worked out from (pass 52c), a step of another quantity.
  const step = ctx.question.totalIsStep === true && /^(?:sum|total)/i.test(m[0]);
  labelValue(ctx, m.index + m[0].length, step);
}

/** The value a label at j gives: "Total: 12597", or the end of the line's equation: "**Total:** $56 + $84 = **$140**". */
function labelValue(ctx: Context, j: number, step = false): void {
  const { text, to } = ctx;
  const nl = text.indexOf('\n', j);
  const lineEnd = nl < 0 || nl > to ? to : nl;
  let eq = text.lastIndexOf('=', lineEnd);
  if (eq >= j && codeAt(text, eq + 1) === 62) eq++;
  // A terse note's arrow ("->", "→", "=>") gives a result as "=" does: "result: 10,571 - 2,170 →
  // 8,401" (pass 52d); the value after the line's last one, when a value follows it ("result:
  // 8,401 → done" keeps 8,401). Looked for in the label's next 160 characters only: a search back
  // from the line's end would cross the whole text on a long line without an arrow.
  const rest = text.slice(j, Math.min(lineEnd, j + 160));
  const arrow = Math.max(rest.lastIndexOf('\u2192'), rest.indexOf('->') < 0 ? -1 : rest.lastIndexOf('->') + 1);
  const v =
    (arrow >= 0 && j + arrow > eq ? valueAfterLabel(text, j + arrow + 1, to) : null) ??
    (eq >= j ? valueAfterLabel(text, eq + 1, to) : valueAfterLabel(text, j, j));
  if (v === null) return;
  if (!step) {
    ctx.add(v[0], v[1], 'conclusion', 3, true);
    return;
  }
  ctx.add(v[0], v[1], 'conclusion', 2);
  if (ctx.out.at(-1)?.start === v[0]) ctx.out.at(-1)!.ofOther = true;
}

/** The value at k past blanks (up to to), "**" and a currency sign, as [start, end); null when none starts there. */
function valueAfterLabel(text: string, k: number, to: number): [number, number] | null {
  let j = skipBlanks(text, k, to);
  if (text.startsWith('**', j)) j += 2;
  if (codeAt(text, j) === 36 || isCurrencyCode(codeAt(text, j))) j++;
  valueAt.lastIndex = j;
  const v = valueAt.exec(text);
  return v === null || v.index !== j ? null : [j, valueAt.lastIndex];
}

// An answer named as a past one ("my first answer", "the earlier answer"), or denied right after its value.
const pastAnswerRe = /\b(?:first|earlier|previous|original|initial|old|prior)[ \t]{1,3}(?:final[ \t]{1,3})?$/i;
const deniedAfterRe = /^[ \t$)\\*]{0,4}(?:was|is)[ \t]{1,3}(?:off|wrong|incorrect|not right|a mistake)\b/i;

function findFinalAnswer(ctx: Context): void {
  const { text, from, to } = ctx;
  answerWordRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = answerWordRe.exec(text)) !== null && m.index < to) {
    answerTail.lastIndex = m.index + m[0].length;
    const t = answerTail.exec(text);
    if (!t) {
      // "So n = 6 is the answer.": the value before it (a bounded window, so no backtracking cost).
      const lead = Math.max(from, m.index - 64);
      // Both leads open with a value (VALUE holds a digit or a backslash), and answerLeadRe ends in
      // a blank: tested first, as the end-anchored patterns are tried from every character.
      if (!digitOrBackslashIn(text, lead, m.index)) continue;
      const before = text.slice(lead, m.index);
      const b = (copulaLeadEnds(before) ? answerLeadRe.exec(before) : null) ?? (before.includes('<-') ? pointerLeadRe.exec(before) : null);
      if (b) ctx.add(lead + b.index, lead + b.index + b[1].length, 'final-answer', 4, true);
      continue;
    }
    let start = answerTail.lastIndex - t[1].length;
    let end = answerTail.lastIndex;
    // "So my first answer of 452 was off": an earlier answer named to be set aside, not given.
    if (pastAnswerRe.test(text.slice(Math.max(from, m.index - 24), m.index)) || deniedAfterRe.test(text.slice(end, end + 24))) continue;
    // "Answer: 171884 mod 17 = 14", "the answer is 4.8 ÷ 24 × 100 = 20%": the value stated is the
    // end of the sentence's equation chain (any operator sign, "÷" and "·" too).
    const sentence = ctx.sentenceAround(start, end);
    const sentenceEnd = sentence.start + sentence.text.length;
    // The sentence's last "=" (searched in the sentence only: a search back through the whole text
    // for every answer cue made a record of nothing but "the answer is 42" lines quadratic).
    const inSentence = codeAt(text, sentenceEnd) === 61 ? sentenceEnd - sentence.start : sentence.text.lastIndexOf('=');
    const eq = inSentence < 0 ? -1 : sentence.start + inSentence;
    if (eq >= end && /^[ \t]{0,3}(?:[-+*/^\u00d7\u00f7\u00b7\u2212(]|\\times|\\cdot|\\div|mod\b)/.test(text.slice(end, end + 8))) {
      const j = skipBlanks(text, eq + 1, sentenceEnd);
      valueAt.lastIndex = j;
      const v = valueAt.exec(text);
      if (v && v.index === j) {
        start = j;
        end = valueAt.lastIndex;
      }
    }
    // "So the answer: 6 potatoes times 1.5 is 9 potatoes": the answer cue leads a computation said
    // in words; the value stated is its result, not its first operand.
    else if (eq < end && opWordAfterRe.test(text.slice(end, end + 40))) {
      const rest = text.slice(end, Math.min(sentenceEnd, end + 160));
      let r: RegExpExecArray | null;
      let found: RegExpExecArray | null = null;
      wordResultRe.lastIndex = 0;
      while ((r = wordResultRe.exec(rest)) !== null) found = r;
      if (!found) continue;
      start = end + found.index + found[0].length - found[1].length;
      end = start + found[1].length;
    } else if (eq < end) end = closedFormEnd(text, start, end, sentenceEnd);
    ctx.add(start, end, 'final-answer', 4, true);
  }
}

// Pass 84e: one more term of a closed form after a value: a sign, then a value or an imaginary term
// ("5i", "i\sqrt{3}", "2i"). Sticky, bounded.
const closedTermRe = new RegExp(
  String.raw`[ \t]{0,2}[-+\u2212][ \t]{0,2}(?:(?:\d{1,6}(?:\.\d{1,6})?[ \t]?)?i(?![A-Za-z])(?:[ \t]?\\sqrt\{[^{}\n]{1,12}\}|[ \t]?\u221a\d{1,6})?|${VALUE})`,
  'y',
);
// A closed form's mark: a root, pi, an imaginary unit, e to a power (not a fraction of integers:
// "\\frac{16}{3} + 4 + 12" is a sum still to compute).
const closedMarkRe = /\\sqrt|\u221a|\\pi|\u03c0|(?<![A-Za-z\\])i(?![A-Za-z])|(?<![A-Za-z\\])e\^/;
// What may follow a closed form that ends the statement: closing markup, then punctuation, the line's
// end, or a word (a unit) that opens no further term.
const closedEndRe = /^(?:\$|\\\)|\\\]|\*\*|\})?(?:[ \t]{0,2}(?:[.,;:!?)]|$|\r?\n)|[ \t]{1,2}[A-Za-z])/;

/**
 * The closed form a clause ends in (closedFormEnd) after its last "=" past `from` (else right after
 * `from`, a copula), as a match of VALUE would be: [0] the whole value, index in the clause. Only where
 * the value goes on as a closed form and the clause ends with it; null otherwise.
 */
function closedFormAfter(text: string, clause: string, clauseStart: number, from: number, clauseEnd: number): RegExpExecArray | null {
  const eq = clause.lastIndexOf('=');
  let k = eq >= from ? eq + 1 : from;
  while (k < clause.length && (clause[k] === ' ' || clause[k] === '\t' || clause[k] === '$' || clause[k] === '*')) k++;
  valueAt.lastIndex = clauseStart + k;
  const v = valueAt.exec(text);
  if (v === null || v.index !== clauseStart + k) return null;
  const end = valueAt.lastIndex;
  const e = closedFormEnd(text, v.index, end, clauseEnd + 1);
  if (e === end) return null;
  // Only where nothing but closing markup and punctuation (or a unit word) is left of the clause.
  if (/[=\d]/.test(text.slice(e, Math.min(clauseEnd, e + 40)).replace(/^[^A-Za-z]*[A-Za-z]+/, ''))) return null;
  const m = [text.slice(v.index, e)] as unknown as RegExpExecArray;
  m.index = k;
  return m;
}

/**
 * The end of the value stated after an answer cue when it goes on as a closed form: "2\sqrt{62} - 2",
 * "\sqrt{3} - 1", "6 - 5i", "1 + i\sqrt{3}", "4\pi - 3" (the guide: the value as the response states
 * it; VALUE alone reads "2\sqrt{62}" or "6", a part). Up to three more terms, only where one of the
 * terms is a closed form (a root, pi, i: "3 + 4", "10 - 12" or "\\frac{16}{3} + 4" are no closed form), and only
 * where the statement ends right after it (no "=", no further operator).
 */
function closedFormEnd(text: string, start: number, end: number, limit: number): number {
  let e = end;
  for (let n = 0; n < 3; n++) {
    closedTermRe.lastIndex = e;
    const m = closedTermRe.exec(text);
    if (m === null || closedTermRe.lastIndex > limit) break;
    e = closedTermRe.lastIndex;
  }
  if (e === end) return end;
  const value = text.slice(start, e);
  if (!closedMarkRe.test(value)) return end;
  // Brackets balanced within the value ("-3-3\u221a2)" closes a bracket opened before it).
  if (value.split('(').length !== value.split(')').length) return end;
  if (!closedEndRe.test(text.slice(e, e + 8))) return end;
  return e;
}

// Stop 32: the answer leads of Korean and Japanese, read as "the answer is" is (an explicit
// statement of the answer, docs/annotation-guide.md): 정답은 4입니다 "the answer is 4", 정답: 4,
// 답은 4, 답: 4, (최종) 답변: 4 "(final) answer: 4"; 答えは 4 です, 正解は B, 答え：4; and the Chinese
// lead (stop 33): 答案：4, 答案是 4, 最终答案为 4. After the lead: its topic particle (은 / 는 / は), the
// Chinese copula (是 / 为 / 為, a colon may follow) or a colon, then the value (bold or in brackets allowed), then
// only what closes the statement: its copula (입니다 / 이다 / です / だ), "번" (option number), or
// punctuation and the line's end, so "정답은 4가 아닙니다" ("is not 4") and "答えは4ではない" state
// nothing. Every quantifier is bounded and the pattern is anchored at the lead (sticky): linear.
// Pass 89a: a unit or counter after the value of a CJK lead or cue, as after an English "the answer is
// 150 km": a Latin unit word ("km", "cm²", "km/h"), or one to three katakana, CJK or Hangul characters
// ("ページ", "元", "個", "시간", "원") that open with no negation (不 / 非 / 没 / 未, 아 / 않: "5不对",
// "5아님"). Hiragana is no unit ("5でない"). Bounded, tried once after the value.
const CJK_UNIT_TAIL = String.raw`(?:[ \t]{0,2}(?:[A-Za-z\u00b5][A-Za-z/\u00b2\u00b3]{0,7}(?![A-Za-z])|(?![\u4e0d\u975e\u6ca1\u672a\uc544\uc54a])[\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{1,3}))?`;
const cjkLeadRe = new RegExp(
  String.raw`(?:\uc815\ub2f5|\ub2f5\ubcc0|\ub2f5|\u7b54\u3048|\u6b63\u89e3|\u7b54\u6848)[ \t]{0,2}(?:[\uc740\ub294\u306f:\uff1a]|[\u662f\u4e3a\u70ba][ \t]{0,2}[:\uff1a]?)[ \t]{0,2}(?:\*\*)?[ \t]{0,2}[(\uff08]?[ \t]{0,2}(?:(${VALUE})|([A-J])(?![A-Za-z0-9]))[ \t]{0,2}[)\uff09]?(?:\ubc88)?${CJK_UNIT_TAIL}(?:\*\*|\$)?[ \t]{0,2}(?=\uc785\ub2c8\ub2e4|\uc774\ub2e4|\uc774\uc5d0\uc694|\uc608\uc694|\uc5d0\uc694|\u3067\u3059|\u3060|\u3067\u3042\u308b|[.!,\u3002\uff0c\uff0e\r\n]|$)`,
  'y',
);

/**
 * The answer leads of Korean (정답 / 답변 / 답), Japanese (答え / 正解) and Chinese (答案) followed by
 * their value (cjkLeadRe): a final answer as "the answer is 4" is. Found by indexOf of 답 and of
 * 答え / 正解 / 答案: a text without those characters (every text in another script: V8 answers at
 * once for a one-byte text) pays one scan each and nothing more. An option letter is read only where the
 * question lists it.
 */
function findCjkAnswerLeads(ctx: Context): void {
  const { text, from, to } = ctx;
  const leads: number[] = [];
  for (let i = text.indexOf('\ub2f5', from); i >= 0 && i < to; i = text.indexOf('\ub2f5', i + 1)) {
    // 정답 starts one character before its 답; 답변's 답 is the lead's own first character.
    if (text.charCodeAt(i - 1) === 0xc815 && i - 1 >= from) leads.push(i - 1);
    else leads.push(i);
  }
  for (const word of ['\u7b54\u3048', '\u6b63\u89e3', '\u7b54\u6848'])
    for (let i = text.indexOf(word, from); i >= 0 && i < to; i = text.indexOf(word, i + 2)) leads.push(i);
  if (leads.length === 0) return;
  const letters = ctx.question.optionOf ? new Set(ctx.question.optionOf.values()) : undefined;
  for (const k of leads) {
    cjkLeadRe.lastIndex = k;
    const m = cjkLeadRe.exec(text);
    if (m === null) continue;
    const value = m[1] ?? m[2];
    if (m[1] === undefined && !letters?.has(m[2].toLowerCase())) continue;
    const start = k + m[0].indexOf(value, 1);
    ctx.add(start, start + value.length, 'final-answer', 4, true, true);
  }
}

// Pass 84: the answer leads of Swahili, Spanish, French, German, Portuguese and Russian, read as "the
// answer is" is (an explicit statement of the answer, docs/annotation-guide.md): "Jibu ni 42", "**Jibu:**
// 42", "La respuesta (final / correcta) es 42", "Respuesta: B", "La réponse (finale) est 42",
// "Réponse : 42", "Die (richtige) Antwort ist / lautet 42", "Antwort: 42", "A resposta (correta) é 42",
// "Resposta: 42", "Ответ: 42", "Ответ — 42", "Ответ равен 42"; pass 87b: Italian "La risposta (finale /
// corretta) è 42", "Risposta: 42", Vietnamese "Đáp án (cuối cùng) là 42", "Đáp án: 42", "Đáp số: 42". The lead word, its copula or a colon,
// the value (bold, in brackets, quotes or math delimiters allowed; an option letter only where the
// question lists it, after "la" / "a" / "l'" / "opción" / "option" / "opção" / "chaguo" / "вариант"),
// then only what closes the statement: punctuation, the closing of the value's markup, the line's end,
// so "La respuesta es 4 o 5" and "Jibu ni 4 na 5" state nothing. Sticky at the lead, every quantifier
// bounded: linear.
// Pass 87e: a number written with a decimal comma or another grouping, as the languages of the leads
// and cues below write it: "1.234,50", "1 234,5" (a space, U+00A0 or U+202F), "1'234,50", "1.234.567",
// "3,14", and the two readings that depend on the text's convention, "16,400" and "1.234"
// (localizedValue). Tried before VALUE; each branch bounded, no branch nested.
const LOCAL_NUM = String.raw`-?(?:\d{1,3}(?:[. \u00a0\u202f']\d{3}){1,6},\d{1,12}|\d{1,3}(?:\.\d{3}){2,6}|\d{1,15},\d{1,12}|\d{1,3}\.\d{3})(?![\d,]|\.\d)`;
const localNumRe = new RegExp(`^${LOCAL_NUM}$`);
const localNumAt = new RegExp(LOCAL_NUM, 'y');
// A letter of another script, or an accented Latin one (Context.otherLanguage).
const otherLetterRe = /[\u00c0-\u024f\u0400-\u04ff\u1e00-\u1eff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]/;
// What may follow such a number before the statement closes: a currency or percent sign.
const CURRENCY_AFTER = String.raw`(?:[ \t\u00a0\u202f]{0,2}[\u20ac\u20bd$\u00a3%])?`;
// The text's convention: decimals written with a comma ("3,14", "1.234,5", "2,50 €") or with a point
// ("3.14", "1,234.5"). Counted only where a number is ambiguous (one group of three after a comma or
// a point): a scan of the text, bounded by its length.
const commaDecimalRe = /\d,\d{1,2}(?![\d,.])|\d\.\d{3},\d|\d,\d{4,}(?![\d,.])/g;
const pointDecimalRe = /\d\.\d{1,2}(?![\d.,])|\d,\d{3}\.\d|\d\.\d{4,}(?![\d.,])/g;
function commaDecimalText(text: string, lang: string): boolean {
  const comma = text.match(commaDecimalRe)?.length ?? 0;
  const point = text.match(pointDecimalRe)?.length ?? 0;
  if (comma !== point) return comma > point;
  // No evidence either way: the language's own convention (English, Swahili, Chinese, Japanese and
  // Korean write a decimal point).
  return lang !== 'sw' && lang !== 'cjk' && lang !== 'en';
}
/**
 * The value of a number LOCAL_NUM read, as normalizeAnswer writes a number ("1.234,50" is "1234.5"):
 * a comma before one group of three digits ("16,400") or a point before one ("1.234") is a decimal
 * sign in a text that writes decimals with a comma (commaDecimalText), a grouping sign elsewhere.
 */
function localizedValue(raw: string, text: string, lang: string): string {
  const neg = raw.startsWith('-') ? '-' : '';
  const body = neg ? raw.slice(1) : raw;
  const comma = body.indexOf(',');
  let whole: string;
  let frac = '';
  if (comma >= 0) {
    whole = body.slice(0, comma).replace(/[. \u00a0\u202f']/g, '');
    frac = body.slice(comma + 1);
    // "16,400": one comma, three digits after it, no other separator.
    if (frac.length === 3 && /^\d{1,3}$/.test(body.slice(0, comma)) && !commaDecimalText(text, lang)) {
      whole += frac;
      frac = '';
    }
  } else if (/^\d{1,3}\.\d{3}$/.test(body) && !commaDecimalText(text, lang)) {
    // "1.234" in a text that writes decimals with a point is 1.234.
    return normalizeAnswer(raw);
  } else whole = body.replace(/\./g, '');
  return normalizeAnswer(frac ? `${neg}${whole}.${frac}` : `${neg}${whole}`);
}
/** ctx.add with the value read by localizedValue where it is such a number. */
function addLocalized(
  ctx: Context,
  start: number,
  end: number,
  rule: CandidateRule,
  strength: number,
  about: boolean,
  alone: boolean,
  lang: string,
): void {
  const n = ctx.out.length;
  ctx.add(start, end, rule, strength, about, alone);
  if (ctx.out.length === n) return;
  const raw = ctx.text.slice(start, end);
  if (localNumRe.test(raw)) {
    const v = localizedValue(raw, ctx.text, lang);
    ctx.out[n].normalized = ctx.question.optionOf?.get(v) ?? v;
  }
}

// Pass 89i: Swahili writes a unit or currency before its number ("shilingi 1,500", "mita 17", "saa 6").
const SW_UNIT_BEFORE = String.raw`(?:shilingi|dola|mita|sentimita|kilomita|lita|kilo|kilogramu|gramu|dakika|sekunde|saa|siku|wiki|miezi|miaka|asilimia)[ \t]{1,2}`;
const otherLeadRe = new RegExp(
  String.raw`(?:[Jj]ibu(?:[ \t](?:la[ \t]mwisho|sahihi))?(?:[ \t]{1,2}ni|[ \t]?:)|[Rr]espuesta(?:[ \t](?:final|correcta))?(?:[ \t]{1,2}es|[ \t]?:)|[Rr]\u00e9ponse(?:[ \t](?:finale|correcte))?(?:[ \t]{1,2}est|[ \t\u00a0]?:)|[Aa]ntwort(?:[ \t]{1,2}(?:ist|lautet)|[ \t]?:)|[Rr]esposta(?:[ \t](?:final|correta))?(?:[ \t]{1,2}\u00e9|[ \t]?:)|[\u041e\u043e]\u0442\u0432\u0435\u0442(?:[ \t]?:|[ \t]{1,2}[\u2014\u2013-]|[ \t]{1,2}\u0440\u0430\u0432\u0435\u043d[\u0430]?)|[Rr]isposta(?:[ \t](?:finale|corretta))?(?:[ \t]{1,2}\u00e8|[ \t]?:)|[\u0110\u0111]\u00e1p[ \t](?:\u00e1n|s\u1ed1)(?:[ \t](?:cu\u1ed1i[ \t]c\u00f9ng|\u0111\u00fang))?(?:[ \t]{1,2}l\u00e0|[ \t]?:)|[Cc]evap(?:[ \t]?:|[ \t]{1,2}=)|[Jj]awaban(?:[ \t]akhir(?:nya)?)?(?:[ \t]{1,2}adalah|[ \t]?:)|[Aa]ntwoord(?:[ \t]{1,2}is|[ \t]?:)|[Oo]dpowied\u017a(?:[ \t]?:|[ \t]{1,2}(?:to|wynosi)))(?:\*\*)?[ \t]{0,2}(?:\*\*)?[ \t]{0,2}(?:(?:la|a|l'|l\u2019)[ \t]{1,2})?(?:(?:opci\u00f3n|option|op\u00e7\u00e3o|opzione|chaguo|\u0432\u0430\u0440\u0438\u0430\u043d\u0442)[ \t]{1,2})?(?:\\\(|\\\[|\$|\\boxed\{)?[ \t]{0,2}[(\uff08"\u201c\u00ab]?[ \t]{0,2}(?:Rp\.?[ \t]?|[\u20ac\u20bd\u00a3][ \t]?|${SW_UNIT_BEFORE})?(?:(${LOCAL_NUM}|${VALUE})(?![,.]\d)|([A-J])(?![A-Za-z0-9]))${CURRENCY_AFTER}(?:[ \t]{1,2}[A-Za-z\u00c0-\u024f\u0400-\u04ff/\u00b2\u00b3]{1,12}){0,2}[ \t]{0,2}[)\uff09"\u201d\u00bb]?(?:\*\*|\$|\\\)|\\\]|\})?[ \t]{0,2}(?=[.!,;\r\n]|$)`,
  'y',
);
// Each lead's word as otherLeadRe opens it: a stem shared by its capitalized and lower-case forms,
// after the letter that otherLeadRe reads first.
const otherLeadStems: readonly string[] = [
  'ibu',
  'espuesta',
  '\u00e9ponse',
  'ntwort',
  'esposta',
  '\u0442\u0432\u0435\u0442',
  'isposta',
  '\u00e1p ',
  'evap',
  'awaban',
  'ntwoord',
  'dpowied\u017a',
];
const otherLeadStemIndex = new Map(otherLeadStems.map((stem, n) => [stem, n]));
// The stems, each after its first letter, in one scan of the body (an indexOf per stem read it twelve
// times, about twice the time). A stem without that letter before it is where otherLeadRe cannot
// match. Stepping past a match hides no lead: one that starts inside it starts after one of its
// letters (the blank of "\u00e1p " is its last character) and so fails the word-start test.
const otherLeadWordRe =
  /[Jj]ibu|[Rr]espuesta|[Rr]\u00e9ponse|[Aa]ntwort|[Rr]esposta|[\u041e\u043e]\u0442\u0432\u0435\u0442|[Rr]isposta|[\u0110\u0111]\u00e1p |[Cc]evap|[Jj]awaban|[Aa]ntwoord|[Oo]dpowied\u017a/g;

/**
 * The answer leads of Swahili, Spanish, French, German, Portuguese and Russian followed by their
 * value (otherLeadRe): a final answer as "the answer is 4" is. Found by their words
 * (otherLeadWordRe), read stem by stem as an indexOf loop per stem read them; a word that merely
 * contains the lead ("Kjibu") is not at a word's start and is skipped.
 */
function findOtherAnswerLeads(ctx: Context): void {
  const { text, from, to } = ctx;
  let found: number[][] | undefined;
  otherLeadWordRe.lastIndex = from;
  let w: RegExpExecArray | null;
  // (The stem, one past the lead's start, must start before to.)
  while ((w = otherLeadWordRe.exec(text)) !== null && w.index + 1 < to) {
    found ??= otherLeadStems.map(() => []);
    found[otherLeadStemIndex.get(w[0].slice(1))!].push(w.index);
  }
  if (found === undefined) return;
  let letters: Set<string> | undefined;
  for (const leads of found)
    for (const k of leads) {
      if (k > from && /[\p{L}\p{N}_]/u.test(text[k - 1])) continue;
      otherLeadRe.lastIndex = k;
      const m = otherLeadRe.exec(text);
      if (m === null) continue;
      const value = m[1] ?? m[2];
      if (m[1] === undefined) {
        letters ??= ctx.question.optionOf ? new Set(ctx.question.optionOf.values()) : new Set();
        if (!letters.has(m[2].toLowerCase())) continue;
      }
      const start = k + m[0].lastIndexOf(value);
      if (start + value.length > to) continue;
      addLocalized(ctx, start, start + value.length, 'final-answer', 4, true, true, leadLang(text, k));
    }
}
// The language of an answer lead by its first letters (localizedValue's default convention).
const leadLang = (text: string, k: number): string => (text.startsWith('ibu', k + 1) ? 'sw' : 'other');

// Pass 84c: the conclusion cues of Spanish, French, German, Portuguese, Russian, Swahili, Japanese and
// Korean ("Por lo tanto", "Donc", "Also", "Portanto", "Итак", "Kwa hiyo", "したがって", "따라서"; pass 87b:
// Italian "Quindi", "Pertanto", "Dunque", "Perciò", Vietnamese "Vậy", "Vì vậy", "Do đó", "Kết luận"), read as
// "So ..." is: a value that closes the cue's sentence after a copula of the cue's own language ("es",
// "est", "ist", "é", "равно", "ni", "=", Japanese は / が then です, Korean 는 / 은 then 입니다) is its
// result. Only the copula's own value, at the end of the sentence (up to two unit words, a counter or
// a copula after it), and no negation right before the copula ("no es", "не равно", "si"). A text that
// writes " the " is English and is not scanned (German "Also", French "Donc" are English words too).
const otherCueRe =
  /Por lo tanto|por lo tanto|Por tanto|por tanto|Entonces|As\u00ed que|En conclusi\u00f3n|Donc|donc|Par cons\u00e9quent|par cons\u00e9quent|Ainsi|Daher|daher|Somit|somit|Folglich|Also|Portanto|portanto|Ent\u00e3o|Assim|\u0418\u0442\u0430\u043a|\u0421\u043b\u0435\u0434\u043e\u0432\u0430\u0442\u0435\u043b\u044c\u043d\u043e|\u0441\u043b\u0435\u0434\u043e\u0432\u0430\u0442\u0435\u043b\u044c\u043d\u043e|\u0422\u0430\u043a\u0438\u043c \u043e\u0431\u0440\u0430\u0437\u043e\u043c|\u0417\u043d\u0430\u0447\u0438\u0442|\u0418\u0442\u043e\u0433\u043e|\u041f\u043e\u044d\u0442\u043e\u043c\u0443|Kwa hiyo|kwa hiyo|Kwa hivyo|kwa hivyo|Hivyo|hivyo|\u3057\u305f\u304c\u3063\u3066|\u3060\u304b\u3089|\u306a\u306e\u3067|\u3067\u3059\u304b\u3089|\u5f93\u3063\u3066|\u3088\u3063\u3066|\u3086\u3048\u306b|\u3064\u307e\u308a|\ub530\ub77c\uc11c|\uadf8\ub7ec\ubbc0\ub85c|Conclusi\u00f3n|Fazit|Conclus\u00e3o|\u0412\u044b\u0432\u043e\u0434|Hitimisho|\u7d50\u8ad6|\uacb0\ub860|Quindi|quindi|Pertanto|pertanto|Dunque|dunque|Perci\u00f2|perci\u00f2|Di conseguenza|In conclusione|V\u00ec v\u1eady|v\u00ec v\u1eady|Nh\u01b0 v\u1eady|V\u1eady|v\u1eady|Do \u0111\u00f3|do \u0111\u00f3|K\u1ebft lu\u1eadn/g;
const LATIN_LETTER = String.raw`A-Za-z\u00c0-\u024f\u0400-\u04ff\u1e00-\u1eff`;
const latinLetterRe = new RegExp(`[${LATIN_LETTER}]`);
// The copulas of each cue's language, then the value (markup allowed), then what may close the sentence.
const otherCopula: Record<string, string> = {
  es: String.raw`es|son|ser\u00eda|ser\u00e1|da|vale|resulta|queda|igual[ \t]a`,
  fr: String.raw`est|sont|vaut|fait|font|donne|\u00e9gale?[ \t]\u00e0`,
  de: String.raw`ist|sind|betr\u00e4gt|ergibt|lautet|gleich`,
  pt: String.raw`\u00e9|s\u00e3o|ser\u00e1|d\u00e1|vale|fica|igual[ \t]a`,
  ru: String.raw`\u0440\u0430\u0432\u043d[\u043e\u0430\u044b]|\u0440\u0430\u0432\u0435\u043d|\u0441\u043e\u0441\u0442\u0430\u0432\u043b\u044f\u0435\u0442|\u0431\u0443\u0434\u0435\u0442|\u043f\u043e\u043b\u0443\u0447\u0430\u0435\u0442\u0441\u044f|\u044d\u0442\u043e`,
  sw: String.raw`ni|ni[ \t]sawa[ \t]na`,
  it: String.raw`\u00e8|sono|fa|vale|risulta|d\u00e0|uguale[ \t]a`,
  vi: String.raw`l\u00e0|b\u1eb1ng`,
};
const otherResultRes: Record<string, RegExp> = {};
for (const [lang, cop] of Object.entries(otherCopula))
  otherResultRes[lang] = new RegExp(
    String.raw`(?:(?<![${LATIN_LETTER}])(${cop})[ \t]{1,2}|=[ \t]{0,2}|:[ \t]{0,2})(?:\*\*)?[ \t]{0,2}(?:\\\(|\$|\\boxed\{)?[ \t]{0,2}[$\u20ac\u00a3]?[ \t]{0,2}${lang === 'sw' ? `(?:${SW_UNIT_BEFORE})?` : ''}(${LOCAL_NUM}|${VALUE})(?![,.]\d)(?:\}|\$|\\\)|\*\*)?(?=${CURRENCY_AFTER}(?:[ \t]{1,2}[${LATIN_LETTER}%]{1,16}){0,2}[ \t]{0,2}(?:\*\*)?[ \t]{0,2}(?:[.!,;:)]|$))`,
    'g',
  );
// Japanese and Korean: the topic or subject particle, or "=", then the value, a counter and the copula.
otherResultRes.cjk = new RegExp(
  String.raw`(?:[\u306f\u304c\ub294\uc740\uc774\uac00=:]|\uff1d|\uff1a)[ \t]{0,2}(?:\*\*)?[ \t]{0,2}(?:\\\(|\$)?[ \t]{0,2}(${VALUE})(?![,.]\d)(?:\$|\\\)|\*\*)?[ \t]{0,2}[\u500b\u4eba\u5186\u672c\u679a\u56de\u5ea6\u500d\u5206\u79d2\u6642\u65e5\u5e74\uac1c\uba85\uc6d0\ubc88]{0,2}(?:\u3067\u3059|\u3067\u3042\u308b|\u3060|\u3068\u306a\u308a\u307e\u3059|\u306b\u306a\u308a\u307e\u3059|\uc785\ub2c8\ub2e4|\uc774\ub2e4|\uc774\uc5d0\uc694|\uc608\uc694|\uc5d0\uc694)?[ \t]{0,2}(?=[.!\u3002\uff01]|$)`,
  'g',
);
// Pass 89c: a cue followed by the value and the counted noun, with no copula, as English "So 40
// diagonals." is read: "Итак, 8 чисел.", "Also 40 Diagonalen.", "Donc 3 cas.", "Итого 82,3.". The value
// opens the clause (after a comma or a colon, and a word for "in all": всего, insgesamt, en total, au
// total, ao todo, in tutto, jumla), up to two words follow it, then the sentence ends or a colon opens a list.
const otherBareRe = new RegExp(
  String.raw`^[ \t]{0,2}[,:]?[ \t]{0,2}(?:(?:\u0432\u0441\u0435\u0433\u043e|insgesamt|en[ \t]total|au[ \t]total|ao[ \t]todo|in[ \t]tutto|jumla)[ \t]{1,2})?(?:\*\*)?[ \t]{0,2}(${LOCAL_NUM}|${VALUE})(?![,.]\d)(?:\*\*)?(?=${CURRENCY_AFTER}(?:[ \t]{1,2}[${LATIN_LETTER}]{1,16}){0,2}[ \t]{0,2}(?:\*\*)?[ \t]{0,2}(?:[.!;:]|$))`,
);
// Pass 89h: and in Japanese and Korean, the value and its counter right after the cue: "なので、80 ページ。",
// "だから 3/4。", "따라서 12개."; the Japanese cues だから ("so") and なので / ですから ("therefore").
const otherBareCjkRe = new RegExp(
  String.raw`^[ \t]{0,2}[\u3001\uff0c,]?[ \t]{0,2}(?:\*\*)?[ \t]{0,2}(${VALUE})(?![,.]\d)(?:\*\*)?${CJK_UNIT_TAIL}[ \t]{0,2}(?:\u3067\u3059|\u3060|\u3067\u3042\u308b|\uc785\ub2c8\ub2e4|\uc774\ub2e4)?[ \t]{0,2}(?=[.!\u3002\uff01]|$)`,
);
const otherCueLang = (cue: string): string => {
  const c = cue.charCodeAt(0);
  if (c >= 0x3040) return 'cjk';
  if (c >= 0x400) return 'ru';
  const w = cue.toLowerCase();
  if (w === 'portanto' || w === 'conclus\u00e3o') return 'pt';
  if (w.startsWith('por') || w === 'entonces' || w.startsWith('as\u00ed') || w.startsWith('en ') || w.startsWith('conclusi')) return 'es';
  if (w === 'donc' || w.startsWith('par') || w === 'ainsi') return 'fr';
  if (w === 'daher' || w === 'somit' || w === 'folglich' || w === 'also' || w === 'fazit') return 'de';
  if (w.startsWith('kwa') || w === 'hivyo' || w === 'hitimisho') return 'sw';
  if (w === 'quindi' || w === 'pertanto' || w === 'dunque' || w === 'perci\u00f2' || w.startsWith('di ') || w.startsWith('in '))
    return 'it';
  if (w.includes('\u1ead') || w.startsWith('do ') || w.startsWith('k\u1ebft')) return 'vi';
  return 'pt';
};
// A negation right before the copula: "no es 5", "não é 5", "не равно 5", "n'est".
const otherNegationRe = /(?:^|[ \t])(?:no|n\u00e3o|nicht|\u043d\u0435|si|sio|non|kh\u00f4ng|ph\u1ea3i)[ \t]{1,2}$|n['\u2019]$/i;

/** The one letter a-z (lower case) that an equation's left side is, right before its "=" at k (blanks between), or ''. */
function unknownBefore(text: string, k: number): string {
  let i = k - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) && k - i < 4) i--;
  if (i < 0) return '';
  const c = text[i].toLowerCase();
  if (c < 'a' || c > 'z' || (i > 0 && latinLetterRe.test(text[i - 1]))) return '';
  return c;
}

/** The end of the sentence from k: a line break, "。", or ".", "!", "?" before a blank or the end (a decimal point is not one). */
function sentenceEndFrom(text: string, k: number, limit: number): number {
  for (; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 0x3002 || c === 0xff01 || c === 0xff1f) return k;
    if ((c === 46 || c === 33 || c === 63) && (k + 1 >= text.length || text.charCodeAt(k + 1) <= 32)) return k;
  }
  return limit;
}

/**
 * The conclusion cues of other languages (otherCueRe) and the value their sentence ends in after a
 * copula of the cue's language: a conclusion as "So the total is 12." is. Strength 3 where the
 * sentence names the asked quantity, or where the question names none the engine can read (a
 * question in another language: no noun, no target), else 2 (the English cues' rule).
 */
function findOtherConclusions(ctx: Context): void {
  const { text, from, to } = ctx;
  const the = text.indexOf(' the ', from);
  if (the >= 0 && the < to) return;
  otherCueRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = otherCueRe.exec(text)) !== null && m.index < to) {
    const k = m.index;
    const after = k + m[0].length;
    const lang = otherCueLang(m[0]);
    if (lang !== 'cjk' && ((k > from && latinLetterRe.test(text[k - 1])) || (after < to && latinLetterRe.test(text[after])))) continue;
    const end = sentenceEndFrom(text, after, Math.min(to, after + 240));
    const clause = text.slice(after, end) + (end < text.length ? text[end] : '');
    const re = otherResultRes[lang];
    re.lastIndex = 0;
    // The last copula's value in the clause, not after a negation.
    let last: RegExpExecArray | null = null;
    for (let r = re.exec(clause); r !== null; r = re.exec(clause)) {
      if (r[0].length === 0) re.lastIndex++;
      if (lang === 'cjk' || !otherNegationRe.test(clause.slice(Math.max(0, r.index - 8), r.index))) last = r;
    }
    let value: string;
    let start: number;
    if (last !== null) {
      value = lang === 'cjk' ? last[1] : last[2];
      start = after + last.index + last[0].lastIndexOf(value);
    } else {
      // Only in a text with a letter of another script or an accent: "Also 40 more." is English.
      const bare = !ctx.otherLanguage ? null : (lang === 'cjk' ? otherBareCjkRe : otherBareRe).exec(clause);
      if (bare === null) continue;
      value = bare[1];
      start = after + bare[0].lastIndexOf(value);
    }
    if (start + value.length > to) continue;
    const sentence = ctx.sentenceAround(start, start + value.length);
    const q = ctx.question;
    let about = ctx.namesSentence(sentence.start, sentence.text) || (q.nouns.length === 0 && q.targets.length === 0);
    // Pass 101b: "quindi x = 7" where the question asks for xy: the value of an unknown the question's
    // last sentence does not ask for is a step (docs/annotation-guide.md: the value of x when the
    // question asks for x + y), as English reads "so x = 7" for "What is the product xy?" (strength 2).
    if (about && last !== null && lang !== 'cjk' && last[0].charCodeAt(0) === 61 && q.askedLetters !== undefined) {
      const unknown = unknownBefore(text, after + last.index);
      if (unknown !== '' && !q.askedLetters.includes(unknown)) about = false;
    }
    addLocalized(ctx, start, start + value.length, 'conclusion', about ? 3 : 2, about, false, lang);
  }
}

// After a JSON object's answer key: its value, a string or a number (`"answer": "5"`, `"answer": 12`,
// `"final_answer": "x = 3"`: an equation's right side, as "the answer is x = 3" gives it). A
// negative amount of money is written with its sign before the currency sign (`"answer": "-$10,000"`, fmt33).
const jsonAnswerRe = new RegExp(
  String.raw`[ \t]{0,2}:[ \t]{0,2}(?:"[ \t]{0,2}(?:\\{1,2}\(|\$)?[ \t]{0,2}(?:[A-Za-z][ \t]{0,2}=[ \t]{0,2})?)?((?:-\$)?${VALUE})`,
  'y',
);
// The value's end: up to two unit words ("5 cm"), a math delimiter, then the string's closing quote
// or the end of the field (",", "}", the line's end): the value is the field's whole value.
const jsonAnswerEndRe = /(?:[ \t]{1,2}[A-Za-z]{1,12}){0,2}[ \t]{0,2}(?:\\{1,2}\)|\$)?[ \t]{0,2}(?:"|,|\}|\r?\n|$)/y;
// The key before "answer": the JSON string's opening quote, or "final_" / "final " ("Final Answer").
const jsonKeyLeadRe = /(?:^|")(?:[Ff]inal[_ ])?$/;

/**
 * A JSON object's answer (`{"answer": "5"}`, `{"final_answer": "x = 3"}`): the answer an evaluation
 * pipeline asked the response to end in, often the summary after a thinking block. An explicit
 * final statement (docs/annotation-guide.md), read as "Answer: 5" is. Found where `nswer"` is
 * written (indexOf); an option letter is read by findOptionLetters.
 */
function findJsonAnswers(ctx: Context): void {
  const { text, from, to } = ctx;
  // The key's quote first: a scan for one character is about three times as fast, and most texts
  // hold no '"' (94% of the families' bodies, 67% of the real ones). The first "nswer\"" from
  // `from` on starts at most five characters before the first quote.
  const quote = text.indexOf('"', from);
  if (quote < 0) return;
  for (let i = text.indexOf('nswer"', Math.max(from, quote - 5)); i >= 0 && i < to; i = text.indexOf('nswer"', i + 6)) {
    const a = codeAt(text, i - 1);
    if ((a !== 97 && a !== 65) || !jsonKeyLeadRe.test(text.slice(Math.max(from, i - 8), i - 1))) continue;
    jsonAnswerRe.lastIndex = i + 6;
    const m = jsonAnswerRe.exec(text);
    if (m === null) continue;
    const end = jsonAnswerRe.lastIndex;
    jsonAnswerEndRe.lastIndex = end;
    // The field's whole value, quoted or ended by the object's punctuation: it stands alone.
    if (jsonAnswerEndRe.test(text)) ctx.add(end - m[1].length, end, 'final-answer', 4, true, true);
  }
}

// After an answer cue's value: an operation said in words ("6 potatoes times 1.5", "$82.32 split four ways").
const opWordAfterRe =
  /^[ \t]{0,2}(?:[A-Za-z]{1,12}[ \t]{1,2}){0,2}(?:times|plus|minus|divided by|split|shared|multiplied by|rounded|less)\b/i;
// Its result: "is 9", "makes $44", "comes to 12", "= 9".
const wordResultRe = new RegExp(String.raw`(?:\b(?:is|makes|gives|equals|comes (?:out )?to|works out to)|=)[ \t]{1,3}\$?(${VALUE})`, 'g');

/**
 * A concluding clause ("So the total is 2,866,567 apples.", "Therefore, m + n = 17"): from its
 * conclusion word to the end of its sentence, the last value after a copula.
 */
function findConclusions(ctx: Context): void {
  const { text, from, to } = ctx;
  conclusionRe.lastIndex = from;
  let m = conclusionRe.exec(text);
  // m has been read: the next cue word is looked for when the loop comes back (after m's clause).
  let mRead = false;
  // "∴" is "therefore" written as a sign, anywhere in a line ("= 55, ∴ the change is $55"): found
  // by indexOf and read in order with the words (in the pattern, a leading alternative of its own
  // cost the word scan about 20%).
  const signs = ctx.positions('\u2234');
  let si = 0;
  let sign = signs.length > 0 ? signs[0] : -1;
  // Chinese cues, in a scan of their own ("所以 d=4。"): read in order with the others. Only in a
  // text that punctuates in Chinese (a full-width comma or full stop): the scan of the cues cost
  // about 2.5% of the engine on texts that have none, the two indexOf a third of that.
  cjkConclusionRe.lastIndex = from;
  let c = text.indexOf('\uff0c', from) >= 0 || text.indexOf('\u3002', from) >= 0 ? cjkConclusionRe.exec(text) : null;
  let lastEnd = -1;
  for (;;) {
    if (mRead) {
      mRead = false;
      // The cue words inside the last clause are skipped (below), so the scan resumes at the
      // clause's end rather than reading through it, where that finds the same next cue: every
      // match holds only letters and blanks, so none runs across an end on another character,
      // and the scan's first match from there is its next one past the end.
      if (conclusionRe.lastIndex < lastEnd) {
        const after = codeAt(text, lastEnd);
        if (!isLetterCode(after) && after !== 32 && after !== 9) conclusionRe.lastIndex = lastEnd;
      }
      m = conclusionRe.exec(text);
    }
    let index: number;
    let word: string;
    let cjk = false;
    if (c !== null && c.index < to && (m === null || c.index < m.index) && (sign < 0 || sign >= to || c.index < sign)) {
      index = c.index;
      word = c[0];
      cjk = true;
      c = cjkConclusionRe.exec(text);
    } else if (sign >= 0 && sign < to && (m === null || sign < m.index)) {
      index = sign;
      word = '\u2234';
      sign = ++si < signs.length ? signs[si] : -1;
    } else if (m !== null && m.index < to) {
      index = m.index;
      word = m[0];
      mRead = true;
    } else break;
    if (index < lastEnd) continue;
    const sentence = ctx.sentenceAround(index, index + word.length);
    const clauseStart = index;
    // A Chinese cue governs its clause: up to the next "，", "；" or "：" (past those right after
    // the cue: "所以，d=4"), as an English one governs its sentence ("因此 d=4，选 B。").
    const clauseEnd = cjk
      ? cjkClauseEnd(text, index + word.length, sentence.start + sentence.text.length)
      : sentence.start + sentence.text.length;
    lastEnd = clauseEnd;
    if (sentence.question) continue;
    // Every value (VALUE) holds a digit or a backslash (a LaTeX fraction or root): a clause with
    // neither has no result to read (a fifth to a third of the cue words' clauses).
    if (!digitOrBackslashIn(text, clauseStart, clauseEnd)) continue;
    const clause = withoutGloss(text.slice(clauseStart, clauseEnd));
    // The conclusion word may carry the verb itself ("that means 201 boxes", "so 202 boxes in total").
    // The clause's result: its last value after the copula; or, when the conclusion word carries
    // the verb ("that means 201 boxes") or the value is the subject ("So, 27 is still the
    // smallest"), the value right after the conclusion word.
    // The question's own verb says the answer as "is" does: "So Fatima pays $50.80." for "How much does she pay?".
    const cop =
      copulaRe.exec(clause) ??
      (ctx.question.verb !== undefined ? ctx.question.verb.exec(clause) : null) ??
      (clause.includes('\u2248') || clause.includes('\\approx') ? symbolApproxRe.exec(clause) : null);
    const direct = directValueRe.test(clause) || directApproxRe.test(clause) || (leadsLine(text, index, from) && terseLeadRe.test(clause));
    if (!cop && !direct) continue;
    let last =
      (cop ? lastResult(text, clause, clauseStart, cop.index) : null) ??
      (direct ? lastResult(text, clause, clauseStart, word.length) : null);
    // "So 48 numbers are divisible by 3 or 4.": the value right after the conclusion word is the
    // copula's subject, and what the copula leads to is a number the question quotes (a condition
    // restated, no candidate by the guide): the clause states its subject. Only a counted subject,
    // a noun between the value and the copula ("So 2220 is divisible by 3" tests a value).
    if (cop && direct && last && ctx.question.values.has(normalizeAnswer(last[0]))) {
      const subject = lastResult(text, clause.slice(0, cop.index), clauseStart, word.length);
      if (subject && countedSubjectRe.test(clause.slice(subject.index + subject[0].length, cop.index))) last = subject;
    }
    // Pass 84e: the clause ends in a closed form after its last "=" or its copula ("the sum is
    // $2\sqrt{62} - 4 + 2 = 2\sqrt{62} - 2$", "the value is 2 + \sqrt{3}"): that whole value.
    if (cop) {
      const cf = closedFormAfter(text, clause, clauseStart, cop.index + cop[0].length, clauseEnd);
      if (cf) last = cf;
    }
    if (!last) continue;
    const start = clauseStart + last.index;
    // "So, Toulouse's number would be 2 times Charleston's", "the cube must be 3 times a perfect
    // cube": the value is a factor relating two quantities, not the value of either (the guide: a
    // step of a derivation, a formula), unless the question asks for such a factor.
    if (factorAfter(text, start + last[0].length) && !asksFactor(ctx.question)) continue;
    // For a percentage question, "That gives 72.5%." states a value of the asked kind (as findEquals reads it).
    // A count is whole: "the raw bus count is 4.89" names the count, but a decimal (not money) is no count.
    const about =
      (ctx.namesSentence(sentence.start, sentence.text) &&
        !(decimalRe.test(last[0]) && text.charCodeAt(start - 1) !== 36 && ctx.question.nouns.includes('count'))) ||
      (ctx.question.percent === true && last[0].endsWith('%'));
    // ", which is 100" concludes only an equation of the asked quantity just before it ("m + n =
    // 28 + 72, which is 100"); elsewhere it describes a step ("the LCD, which is 24").
    if (/^which is$/i.test(word)) {
      const before = text.slice(sentence.start, index);
      if (!before.includes('=') || !ctx.names(before)) continue;
    }
    // "DE² is 51, EF² is 49, ..., so DF is indeed 10" for "What is DE?": the sentence names DE, the
    // value's own subject is another segment (the guide: a side length is not the asked one).
    // Or the value ends an equation of the clause whose left side is another expression ("hence a + b = 12").
    const other =
      about &&
      ((ctx.question.targets.some((t) => letterTargetRe.test(t)) && otherNameBefore(ctx, sentence.start, start)) ||
        chainOfOther(ctx, clauseStart + word.length, start));
    // "the number of triples where at least one variable is 100": the value ends a relative clause
    // that says which things the asked noun counts, the value of that clause's own subject (a
    // condition, not the asked quantity: the guide's value of another quantity).
    const condition = about && relativeConditionRe.test(text.slice(Math.max(clauseStart, start - 80), start));
    // "so 2 hours and 24 minutes is 2.4 hours" for a question asking minutes: the value in another
    // time unit is a conversion step, as findEquals reads "= 2.4 hours" (pass 31).
    const otherUnit = about && otherTimeUnitAfter(ctx.question, text, start + last[0].length);
    // "So the count divisible by 2 or 13 is 1,128" for the numbers divisible by neither: the
    // sentence counts the complement, a sub-result (the guide: the value of another quantity).
    const complement = about && ctx.question.notDivisible === true && divisibleUnnegated(sentence.text);
    const concluded = about && !other && !condition && !otherUnit && !complement;
    ctx.add(start, start + last[0].length, 'conclusion', concluded ? 3 : 2, concluded);
    if (other && ctx.out.at(-1)?.start === start) ctx.out.at(-1)!.closesOther = true;
    if (
      (condition ||
        complement ||
        (!about && (ctx.namesOfOtherOnly(sentence.text) || ordinalPart(ctx.question, text, clauseStart, start)))) &&
      ctx.out.at(-1)?.start === start
    )
      ctx.out.at(-1)!.ofOther = true;
  }
}

/**
 * "So the first part is 2,409.", "the second stretch is 72 miles": the clause's subject is one
 * piece of a whole, named by an ordinal (the guide: an intermediate quantity, a sub-total), unless
 * the question itself asks for a piece so named ("How long is the second leg?"). A way of working
 * counted by an ordinal ("the first method gives 42", "the first result") names an answer, not a
 * piece. The phrase must be the subject right before the copula and the value ("covers 80 miles on
 * the first day, totaling 230" concludes the total); read in the 60 characters before the value,
 * for conclusions that do not name the asked quantity.
 */
function ordinalPart(q: QuestionInfo, text: string, clauseStart: number, start: number): boolean {
  const m = ordinalPartRe.exec(text.slice(Math.max(clauseStart, start - 60), start));
  if (!m || workNounRe.test(m[2])) return false;
  return !q.ordinals?.has(m[1]);
}
const ordinalPartRe =
  /\b[Tt]he (first|second|third|fourth|fifth) ([a-z]{2,16})(?: [a-z]{2,12})? (?:is|was|comes to|works out to|=)[ \t]{0,2}[$\u00a3\u20ac]?$/;
const workNounRe =
  /^(?:method|approach|way|route|attempt|calculation|computation|result|answer|solution|time|try|check|pass|one|value|estimate|version|reading|guess|answers|methods|ways)$/;

// "2 times Charleston's", "3 times a perfect cube": "times" and then another quantity, named by a
// possessive or an indefinite article ("times that of the Sun", "times as many", "times larger"
// compare, and may be an asked ratio).
const factorAfterRe = /[ \t]{1,2}times[ \t]{1,2}(?:an?[ \t]{1,2}[a-z]|[A-Z][a-z]{1,20}'s\b)/y;
/** Does "times" and another quantity follow the value ending at `end` (one sticky match, bounded)? */
function factorAfter(text: string, end: number): boolean {
  factorAfterRe.lastIndex = end;
  return factorAfterRe.test(text);
}
/** The question asks for a ratio or how many times ("How many times larger ...?"): its nouns are a ratio, or a count of nothing named. */
const asksFactor = (q: QuestionInfo): boolean => q.nouns.includes('ratio') || (q.nouns.length === 1 && q.nouns[0] === 'count');

/** The sentence says "divisible" with no negation ("not", "neither", "nor", "n't", "non-") anywhere in it. */
function divisibleUnnegated(sentence: string): boolean {
  const lower = sentence.toLowerCase();
  return lower.includes('divisible') && !/\b(?:not|neither|nor|none|non)\b|n't\b|\bindivisible/.test(lower);
}

// A relative clause of words, its copula and then the value: "where at least one variable is",
// "in which the first digit is", "such that the remaining sum equals".
const relativeConditionRe =
  /\b(?:where|in which|for which|whose|such that)[ \t]{1,2}(?:[A-Za-z][A-Za-z'-]{0,14}[ \t]{1,2}){1,5}(?:is|are|was|were|equals?)[ \t]{1,2}(?:equal to[ \t]{1,2})?[$(\\]{0,3}[ \t]?$/i;

const decimalRe = /\.\d/;

// A value, maybe its unit words, then a parenthesis that closes the clause: "$0.36 ($3.78 - $3.42).",
// "27 years old (25 plus 2 years)". The parenthesis shows how the value was reached.
const glossRe = /\d[%A-Za-z^\d \t]{0,24}[ \t]\([^()\n]{1,80}\)[ \t.,;:!*$]*$/;
// ", from 110 plus 48 miles." after a value and its unit words: the working, an operation said in
// words or signs, up to the clause's end.
const fromGlossRe =
  /\d[%A-Za-z \t]{0,24}, from [^,;\n]{0,40}?(?:\b(?:plus|minus|times|divided by|multiplied by)\b|\d[ \t]{0,2}[-+*/\u00d7\u00f7\u2212][ \t]{0,2}\$?\d)[^,;\n]{0,40}$/;
// ": 80 mph times 5 hours." after a value and its unit words: the same working, introduced by a
// colon (pass 57c); no "=" in it ("the total for 3 items: 12 + 5 = 17" states its result).
const colonGlossRe =
  /\d[%A-Za-z \t]{0,24}: [^,;:=\n]{0,40}?(?:\b(?:plus|minus|times|divided by|multiplied by)\b|\d[ \t]{0,2}[-+*/\u00d7\u00f7\u2212][ \t]{0,2}\$?\d)[^,;:=\n]{0,40}$/;

/**
 * The clause without the parenthesis that glosses its result ("So the saving is $0.36 ($3.78 -
 * $3.42)."): the working of a value is a step of it, not its result (docs/annotation-guide.md: a
 * step of a derivation is not a candidate), so the clause's last value is the one before it.
 * "(mod 7)" names the value's modulus and stays.
 */
function withoutGloss(clause: string): string {
  // Or ", from <the working>" closing the clause ("the bus travels 158 miles, from 110 plus 48
  // miles."): the same gloss written with "from" instead of brackets.
  const comma = clause.indexOf(', from ');
  if (comma >= 0) {
    const m = fromGlossRe.exec(clause);
    if (m !== null) return clause.slice(0, m.index + m[0].indexOf(', from '));
  }
  // Or ": <the working>" closing the clause ("the train travels 400 miles: 80 mph times 5 hours.").
  const colon = clause.indexOf(': ');
  if (colon >= 0) {
    const m = colonGlossRe.exec(clause);
    if (m !== null) return clause.slice(0, m.index + m[0].indexOf(': '));
  }
  if (!clause.endsWith(')') && !clause.includes(') ') && !clause.endsWith(').')) return clause;
  const m = glossRe.exec(clause);
  if (m === null) return clause;
  const open = clause.lastIndexOf('(');
  if (/^\([ \t]*(?:mod|\\pmod)/.test(clause.slice(open))) return clause;
  return clause.slice(0, open);
}

/** Does text[start, end) hold an ASCII digit or a backslash? */
function digitOrBackslashIn(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 92) return true;
  }
  return false;
}

const copulaLeadRe = /^[ \t]*(?:is|are|was|were|be|equals?|gives?|comes? to)\b/;

/**
 * Where the clause holding head[k] starts: after the last ", " or "; " before k that is not inside
 * brackets ("C(12, 4) = 495", "f(2, 3) = 5" are one left side); -1 for none.
 */
function clauseCut(head: string, k: number): number {
  for (let c = Math.max(head.lastIndexOf(', ', k), head.lastIndexOf('; ', k)), tries = 0; c >= 0 && tries < 4; tries++) {
    let depth = 0;
    for (let j = c + 1; j < k; j++) {
      const ch = head.charCodeAt(j);
      if (ch === 40 || ch === 91 || ch === 123) depth++;
      else if (ch === 41 || ch === 93 || ch === 125) depth--;
    }
    if (depth >= 0) return c;
    c = Math.max(head.lastIndexOf(', ', c - 1), head.lastIndexOf('; ', c - 1));
  }
  return -1;
}

// A lone unknown after the cue, in or out of math delimiters ("so \\( h", ", $x_1$").
const bareUnknownRe = /^[ \t,:$]*[A-Za-z](?:_\{?\w{1,4}\}?)?[ \t$]*$/;
// "x" between numbers is a times sign ("11 x 4 x 5"), not an unknown.
const timesXRe = /(?<=\d[ \t]?)x(?=[ \t]?\d)/g;

/** Text without the letters that name nothing: LaTeX commands and delimiters ("57 \\cdot 12", "\\( h") and times signs ("11 x 4"). */
function withoutCommands(lhs: string): string {
  const bare = lhs.includes('\\') ? lhs.replace(/\\[A-Za-z]+|\\[()[\]]/g, '') : lhs;
  return bare.includes('x') ? bare.replace(timesXRe, '') : bare;
}

// A conclusion cue leading a clause ("hence a + b", "and so x").
const leadingCueRe = /^[ \t]*(?:and[ \t]{1,3})?(?:so|hence|thus|therefore|then|giving|we get|we have)\b[ \t,]*/i;

/** An expression in letters, not words, after a leading cue: "$rs", "hence a + b + c", "k(1 + m)". */
function algebraic(lhs: string): boolean {
  const bare = withoutCommands(lhs).replace(leadingCueRe, '');
  return /[A-Za-z]/.test(bare) && !/[A-Za-z]{3}/.test(bare);
}

/**
 * The left side of the equation chain whose last "=" is at head[k] (or that ends at k): back over
 * the equals signs of one clause, from after its ", " or "; " (or from head's start). A clause that opens with a copula ("the answer, the sum of the
 * first 12 terms, is 6 · 85 = 510") has its subject before the comma: the whole head then.
 */
function chainLeftSide(head: string, k: number): { start: number; text: string } {
  let eq = k;
  let cut = clauseCut(head, eq);
  for (let p = head.lastIndexOf('=', eq - 1); p > cut && p < eq; p = head.lastIndexOf('=', eq - 1)) {
    eq = p;
    cut = clauseCut(head, eq);
  }
  if (copulaLeadRe.test(head.slice(cut + 1, eq))) return { start: 0, text: head.slice(0, eq) };
  return { start: cut + 1, text: head.slice(cut + 1, eq) };
}

/**
 * The value at `start` ends an equation chain of the conclusion's own clause (from `from`, after
 * its cue) whose first left side is another expression: "the sum is a + b + 9 + 9 = 30, so a + b +
 * 18 = 30, hence a + b = 12" names the asked sum, but 12 is the value of a + b (the guide: an
 * intermediate quantity). A left side that names the asked quantity, a lone unknown ("so n = 6")
 * or plain arithmetic ("comes to 18 ÷ 40 × 100 = 45%") leaves the value the clause's own.
 */
function chainOfOther(ctx: Context, from: number, start: number): boolean {
  const head = ctx.text.slice(from, start);
  const eq = head.lastIndexOf('=');
  if (eq < 0) return false;
  const lhs = chainLeftSide(head, eq).text;
  const bare = withoutCommands(lhs);
  if (!/[A-Za-z]/.test(bare) || bareUnknownRe.test(bare)) return false;
  return !ctx.names(lhs);
}

// The conclusion cues of Chinese: 所以 / 因此 / 因而 "so", 于是 "thus", 综上(所述) "in sum", 从而
// "hence", 故 "therefore", 即 "that is", 可得 "we get", 答案 "the answer" (a copula follows: 为 / 是 / =).
const cjkConclusionRe =
  /\u6240\u4ee5|\u56e0[\u6b64\u800c]|\u4e8e\u662f|\u7efc\u4e0a(?:\u6240\u8ff0)?|\u4ece\u800c|\u6545|\u5373|\u53ef\u5f97|\u7b54\u6848/g;

/** The end of a Chinese cue's clause: the first "，", "；" or "：" after its first words (by `end`, the sentence's end). */
function cjkClauseEnd(text: string, k: number, end: number): number {
  while (k < end && (isClauseMark(text.charCodeAt(k)) || text.charCodeAt(k) === 32 || text.charCodeAt(k) === 44)) k++;
  for (; k < end; k++) if (isClauseMark(text.charCodeAt(k))) return k;
  return end;
}

/** "，", "；", "：" (full width): Chinese's clause marks. */
const isClauseMark = (c: number): boolean => c === 0xff0c || c === 0xff1b || c === 0xff1a;

/** Only blanks between the line's start (or `from`) and k. */
function leadsLine(text: string, k: number, from: number): boolean {
  while (k > from && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  return k <= from || text.charCodeAt(k - 1) === 10;
}

// A computation said in words: its operator word with a blank on each side (lower case only: a
// case-blind scan costs more). Scanned for without the blank before it, which is tested after: a
// pattern that starts with a blank stops at every blank of the text (about a third slower).
const opWordRe = /(?:plus|minus|times|divided by|multiplied by) /g;

/** Where each operator word's blank before it is (`at`) and the word with its blanks (`op`, " plus "). */
interface OpWords {
  at: number[];
  op: string[];
}

/**
 * Every " plus ", " minus ", " times ", " divided by ", " multiplied by " whose word starts in [from,
 * to], left to right, found by one scan per text that findTerseAndWords and findVerbalArithmetic
 * share: the blank before the word may be the one at from - 1. No two of the words start alike, so
 * stepping by one character after each finds every one, overlapping ones (" plus minus ") too. (A
 * word between blanks is a word: the two finders' own scans, `\b(?:...)\b` with a blank tested on
 * each side and the blanks in the pattern, found the same places.)
 */
function opWordPositions(ctx: Context): OpWords {
  if (ctx.opWordsAt !== undefined) return ctx.opWordsAt;
  const { text, from, to } = ctx;
  const out: OpWords = { at: [], op: [] };
  // (Each word one past its blank, the blank at from - 1 or after; every start is tried, as a scan
  // with the blank in the pattern stepped by one finds each one.)
  opWordRe.lastIndex = Math.max(0, from - 1) + 1;
  let m: RegExpExecArray | null;
  while ((m = opWordRe.exec(text)) !== null && m.index - 1 < to) {
    if (text.charCodeAt(m.index - 1) === 32) {
      out.at.push(m.index - 1);
      out.op.push(' ' + m[0]);
    }
    opWordRe.lastIndex = m.index + 1;
  }
  return (ctx.opWordsAt = out);
}

// A computation anywhere in a line: a digit, an operator or "=", a digit.
const lineWorkRe = /\d[ \t]{0,2}(?:[-+*/=\u00d7\u00b7\u2212]|\\times|\\cdot)[ \t]{0,2}\$?\d/;

/** Does the line before the one holding k (at most 160 characters of it) work something out? */
function workedLineBefore(text: string, k: number, from: number): boolean {
  const lineStart = text.lastIndexOf('\n', k - 1);
  if (lineStart <= from) return false;
  const prev = text.slice(Math.max(from, lineStart - 160, text.lastIndexOf('\n', lineStart - 1) + 1), lineStart);
  return lineWorkRe.test(prev);
}

/** The computations said in words (findWordComputation) and the terse notes' "∴" and "=>" leading a line (terseLead). */
function findTerseAndWords(ctx: Context): void {
  const { text, from, to } = ctx;
  // (The word starts before to.)
  const ops = opWordPositions(ctx);
  for (let k = 0; k < ops.at.length && ops.at[k] + 1 < to; k++) findWordComputation(ctx, ops.at[k], ops.op[k]);
  for (const i of ctx.positions('\u2234')) if (leadsLine(text, i, from)) terseLead(ctx, i, 1);
  for (const i of ctx.positions('=>')) if (leadsLine(text, i, from)) terseLead(ctx, i, 2);
  for (const i of ctx.positions('->')) if (leadsLine(text, i, from)) terseLead(ctx, i, 2);
  // The arrow typed as one character leads a note's conclusion as "->" does ("→ $2,966.13"),
  // after a line that works something out ("46.25*23 = 1063.75 not 1073.75 -> redo"); after one
  // that computes nothing ("check the table") it points at no result of the note.
  for (const i of ctx.positions('\u2192')) if (leadsLine(text, i, from) && workedLineBefore(text, i, from)) terseLead(ctx, i, 1);
  for (let i = text.indexOf('got ', from); i >= 0 && i < to; i = text.indexOf('got ', i + 4))
    if (leadsLine(text, i, from)) terseLead(ctx, i, 3);
  for (let i = text.indexOf("hat's ", from); i >= 0 && i < to; i = text.indexOf("hat's ", i + 6)) thatsValue(ctx, i - 1);
}

// "That's 253 numbers.", "From the table, that's 3.": a sentence that is nothing but a value (and
// its unit) after "that's", closing its line, states a result, where "that's 3 more than ..." goes
// on (read only at a line's end: mid-paragraph ones, frequent in real traces, cost the statements
// that follow them more work than they find).
const thatsValueRe = new RegExp(
  String.raw`[Tt]hat's[ \t]{1,2}\$?(${VALUE})\$?(?:[ \t]{1,2}[a-z]{1,14}){0,2}[ \t]{0,2}\$?[.!]?[ \t]{0,2}(?=\n|$)`,
  'y',
);

/** A "that's" at k opening its sentence, or a clause after a short lead-in ("From the table, that's 3."). */
function thatsValue(ctx: Context, k: number): void {
  const { text } = ctx;
  const c = text.charCodeAt(k - 1);
  if (!(k <= ctx.from || c === 10 || ((c === 32 || c === 9) && /(?:[.!?,]|^)[ \t]*$/.test(text.slice(Math.max(0, k - 3), k))))) return;
  // "Wait, that's 10." is surprise at a count, not its conclusion.
  if (c !== 10 && /\b(?:wait|hmm|oh|but)[ \t]*,?[ \t]*$/i.test(text.slice(Math.max(0, k - 8), k))) return;
  thatsValueRe.lastIndex = k;
  const m = thatsValueRe.exec(text);
  if (m === null) return;
  const start = k + m[0].indexOf(m[1], 6);
  ctx.add(start, start + m[1].length, 'conclusion', 2);
}

// The verdicts' phrases: findVerdicts reads the first two, findValueVerdicts the other four.
const VERDICT_WORDS = [' the correct ', ' the right ', ' is correct', ' is right', ' is indeed correct', ' is indeed right'];
// Each phrase's key word (all hold "correct" or "right") and where in the phrase it stands.
const VERDICT_KEYS = VERDICT_WORDS.map((w) => (w.includes('correct') ? 'correct' : 'right'));
const VERDICT_OFFSETS = VERDICT_WORDS.map((w, k) => w.indexOf(VERDICT_KEYS[k]));
const NO_VERDICTS: readonly (readonly number[])[] = VERDICT_WORDS.map(() => []);

/**
 * Where each of VERDICT_WORDS starts in [from, to), as the loop `for (i = indexOf(word, from); i <
 * to; i = indexOf(word, i + word.length))` finds them (so an occurrence that overlaps the one
 * before it is skipped, as " the correct the correct " reads once), from two scans of the text
 * (for "correct" and "right") instead of six; worked out once per text for both finders.
 */
function verdictPositions(ctx: Context): readonly (readonly number[])[] {
  if (ctx.verdictsAt !== undefined) return ctx.verdictsAt;
  const { text, from, to } = ctx;
  let out: number[][] | undefined;
  for (const key of ['correct', 'right']) {
    let keys: number[] | undefined;
    // A key word at k is the phrase's only where the phrase starts before `to`: k - offset < to.
    for (let k = text.indexOf(key, from); k >= 0 && k < to + 11; k = text.indexOf(key, k + key.length)) (keys ??= []).push(k);
    if (keys === undefined) continue;
    for (let w = 0; w < VERDICT_WORDS.length; w++) {
      if (VERDICT_KEYS[w] !== key) continue;
      const word = VERDICT_WORDS[w];
      const offset = VERDICT_OFFSETS[w];
      let next = from;
      for (const k of keys) {
        const i = k - offset;
        if (i < next) continue;
        if (i >= to) break;
        if (!text.startsWith(word, i)) continue;
        (out ??= VERDICT_WORDS.map(() => []))[w].push(i);
        next = i + word.length;
      }
    }
  }
  return (ctx.verdictsAt = out ?? NO_VERDICTS);
}

// The value before a verdict on it: "8 is the correct", "45 degrees is indeed the right" (unit
// words as in answerLeadRe; bounded, on a window of 64 characters).
const verdictLeadRe = new RegExp(
  String.raw`(${VALUE})(?:[ \t]{1,2}(?!(?:is|would|should|must|and|or|plus|minus|times|of|over|than|divided|multiplied)\b)[A-Za-z\u00b0]{1,14}){0,4}[ \t]{0,3}(?:\$|\\\)|\*\*)?[ \t]{0,3}(?:is|must be|should be)[ \t]{1,3}(?:(?:indeed|still|also|definitely|clearly|certainly)[ \t]{1,3})?the[ \t]{1,3}$`,
  'i',
);
// What the verdict names, to the end of its clause: "count", "acute angle", "number of ways".
const verdictNounRe = /[A-Za-z][A-Za-z -]{0,40}/y;

/**
 * "So, I think 8 is the correct count.", "45 degrees is indeed the correct acute angle": a value
 * judged the correct one of the asked quantity is a conclusion about it (the clause names it);
 * "the correct answer" is findFinalAnswer's, and a verdict on anything else ("the correct
 * framing", "the right operation") states no answer.
 */
function findVerdicts(ctx: Context): void {
  const { text, from } = ctx;
  const at = verdictPositions(ctx);
  for (let w = 0; w < 2; w++) {
    const word = VERDICT_WORDS[w];
    for (const i of at[w]) {
      const nounStart = i + word.length;
      verdictNounRe.lastIndex = nounStart;
      const n = verdictNounRe.exec(text);
      if (!n || /^answer\b/i.test(n[0])) continue;
      const lead = Math.max(from, i - 64);
      // The noun first (a short phrase, most name nothing asked), then the window's digit or
      // backslash (every VALUE holds one), and only then the end-anchored pattern, which V8 tries
      // from every character of the window.
      if (!ctx.names(n[0]) || !digitOrBackslashIn(text, lead, i + 5)) continue;
      const b = verdictLeadRe.exec(text.slice(lead, i + 5));
      if (!b) continue;
      const start = lead + b.index;
      ctx.add(start, start + b[1].length, 'conclusion', 3, true);
    }
  }
}

// A value opening its clause right before a verdict on it: "So, 46/3 is correct.", "Yes, 78.20 is
// indeed right", "So the result $\\sqrt{11/6}$ is correct" (on the 64 characters before the verdict).
const valueVerdictLeadRe = new RegExp(
  String.raw`(?:[.!?:][ \t]{1,3}|\n[ \t]{0,3}|\b(?:[Ss]o|[Tt]herefore|[Tt]hus|[Hh]ence|[Yy]es|[Oo]kay),?[ \t]{1,3})(?:the[ \t](?:result|answer|value|total)[ \t]{1,3})?\$?(${VALUE})\$?$`,
);
// The verdict's end: its clause closes ("is correct.", "is right, so ...", "is correct!").
const verdictEndRe = /[ \t]{0,2}(?:[.,;!:)\n]|$)/y;

/**
 * "So, 46/3 is correct.", "So 11 is correct.": a value the model declares correct after going back
 * over it is stated as its conclusion, as "Okay, that matches: the sum is indeed 3159" is (the
 * guide: an answer reached by a check, an echo, or the corrected value a correction adopts). A
 * weak conclusion (strength 2): whether it concludes an attempt is segment.ts's decision, which
 * takes it only for a value the record concludes explicitly elsewhere or one a slip away from it,
 * so a confirmed sub-step ("So 80 is correct. Next, ...") stays a step. Read where a verdict is
 * written (indexOf), on a bounded window before it; "that is correct" has no value and reads
 * nothing (docs/segmentation-eval.md, pass 45).
 */
function findValueVerdicts(ctx: Context): void {
  const { text, from } = ctx;
  const at = verdictPositions(ctx);
  for (let w = 2; w < VERDICT_WORDS.length; w++) {
    const word = VERDICT_WORDS[w];
    for (const i of at[w]) {
      if (!matchesAt(verdictEndRe, text, i + word.length)) continue;
      const lead = Math.max(from, i - 64);
      // (Every VALUE holds a digit or a backslash: tested before the end-anchored pattern.)
      if (!digitOrBackslashIn(text, lead, i)) continue;
      const m = valueVerdictLeadRe.exec(text.slice(lead, i));
      if (m === null) continue;
      const start = lead + m.index + m[0].lastIndexOf(m[1]);
      ctx.add(start, start + m[1].length, 'conclusion', 2);
    }
  }
}

// Arithmetic said with "is" right before a value: "160 + 80 is 240, plus 20 is 260", "$24 + $40 is
// $64", "3150, plus 9 is indeed 3159" (the 60 characters before the value).
const sumIsBeforeRe =
  /(?:\d[ \t]{0,2}[-+*\u00d7\u00f7][ \t]{0,2}\$?\d[\d,.]*|\b(?:plus|minus|times)[ \t]\$?\d[\d,.]*)[ \t]+(?:is|equals)[ \t]+(?:indeed[ \t]+)?\$?$/;
const verbBeforeRe = /(?:\bis|\bequals|\bindeed)[ \t]+\$?$/;

/** Above this many different values, their occurrences are found in one pass over the text (valuePlaces, withRestatements). */
const MANY_VALUES = 8;

/**
 * Where each value is written in [from, to), left to right, as the loop `for (i = indexOf(v, from);
 * i >= 0 && i < to; i = indexOf(v, i + v.length))` finds it. Up to MANY_VALUES values, that loop; for
 * more, one pass over the text that tries, at each character some value starts with, the values of
 * each length, then the loop's steps past each occurrence: a record that concludes thousands of
 * different numbers cost a scan of the whole text per number (docs/engine.md, stop 31).
 */
export function valuePlaces(text: string, from: number, to: number, values: Iterable<string>, many = MANY_VALUES): Map<string, number[]> {
  const places = new Map<string, number[]>();
  for (const v of values) if (v.length > 0) places.set(v, []);
  if (places.size <= many) {
    for (const [v, at] of places) {
      scanCounts.valueScans++;
      for (let i = text.indexOf(v, from); i >= 0 && i < to; i = text.indexOf(v, i + v.length)) {
        scanCounts.valueProbes++;
        at.push(i);
      }
    }
    return places;
  }
  scanCounts.valueScans++;
  const firsts = new Set<number>();
  const lengths = new Set<number>();
  for (const v of places.keys()) {
    firsts.add(v.charCodeAt(0));
    lengths.add(v.length);
  }
  const byLength = [...lengths].sort((a, b) => a - b);
  const end = Math.min(to, text.length);
  for (let i = Math.max(0, from); i < end; i++) {
    if (!firsts.has(text.charCodeAt(i))) continue;
    for (const n of byLength) {
      if (i + n > text.length) break;
      scanCounts.valueProbes++;
      const at = places.get(text.slice(i, i + n));
      // indexOf resumes past an occurrence: one that overlaps the one before is not found.
      if (at !== undefined && (at.length === 0 || i >= at[at.length - 1] + n)) at.push(i);
    }
  }
  return places;
}

/** The plain values the finders so far concluded at strength 3 or more, not tentatively (undefined when none). */
function stronglyConcludedValues(ctx: Context): Set<string> | undefined {
  let written: Set<string> | undefined;
  for (const st of ctx.out) if (st.strength >= 3 && !st.tentative && plainValueRe.test(st.value)) (written ??= new Set()).add(st.value);
  return written;
}

/**
 * SFT re-checks recompute the answer in words ("Adding them all together: 160 + 80 is 240, plus 20
 * is 260. That seems right."): the result of that arithmetic is a result line like "= 260", so a
 * re-derivation is an echo where the re-check reaches it (the guide: a check that recomputes the
 * answer is an echo; docs/segmentation-eval.md, pass 28). Read only for a value the text concludes
 * elsewhere (strength 3 or more, found by the finders before), found where that value is written
 * (indexOf), not by a scan of the body for "is": a sub-step ("80 + 80 is 160") stays a step.
 */
function findVerbalResults(ctx: Context, written: ReadonlyMap<string, readonly number[]>): void {
  const { text, from } = ctx;
  for (const [v, at] of written) {
    for (const i of at) {
      const near = text.slice(Math.max(from, i - 12), i);
      if (!verbBeforeRe.test(near) || !sumIsBeforeRe.test(text.slice(Math.max(from, i - 60), i))) continue;
      ctx.add(i, i + v.length, 'conclusion', 2);
    }
  }
}
// The asked expression as the subject of "is" right before a value, opening its clause: "since 1 and
// 115 are coprime, m + n is 116", "so $xy$ is indeed 25" (on the 48 characters before the value).
const targetCopulaRe =
  /(?:^|[,;:(]|\b(?:and|so|thus|then|hence|therefore|now)\b)[ \t]{0,3}\$?([^,;:.!?\n=$]{1,24}?)\$?[ \t]{1,2}(?:is|equals)[ \t]{1,2}(?:indeed[ \t]{1,2}|still[ \t]{1,2})?\$?$/i;

const operandAfterCopulaRe = /^(?:[.,]?\d|[ \t]{0,2}(?:[-+*/^=\u00d7\u00b7\u22c5\u2212\u00f7]|\\times|\\cdot|\\div))/;

/**
 * "m + n is 116" states the asked expression's value as "m + n = 116" does (the guide: a concluding
 * statement about the quantity asked). Read only for a value the text concludes elsewhere at
 * strength 3 or more, where that value is written (indexOf), as findVerbalResults reads: a scan of
 * the body for "is" would cost every record.
 */
function findTargetCopulas(ctx: Context, written: ReadonlyMap<string, readonly number[]>): void {
  const { text, from } = ctx;
  for (const [v, at] of written) {
    for (const i of at) {
      if (!verbBeforeRe.test(text.slice(Math.max(from, i - 12), i))) continue;
      // The whole value, and not an operand: "xy is 13 · 1 = 13" works it out on the line.
      if (operandAfterCopulaRe.test(text.slice(i + v.length, i + v.length + 10))) continue;
      const m = targetCopulaRe.exec(text.slice(Math.max(from, i - 48), i));
      if (m === null || !ctx.question.targets.includes(normalizeMath(m[1].trim()))) continue;
      ctx.add(i, i + v.length, 'conclusion', 3, true);
    }
  }
}

// A number as written (no sign, fraction or unit): the values findVerbalResults looks for.
const plainValueRe = /^\d[\d,]*(?:\.\d+)?$/;

// "is" (or "equals") right before the value, maybe with an adverb of certainty ("is indeed",
// "is definitely") or a currency sign: the value is the subject's.
const subjectNotNamedRe = /\b(?:plus|minus|times|divided|where|which|when|whose|that|if)\b|\d[ \t]{0,2}[-+*/\u00d7\u00f7\u00b7=]/i;
const isBeforeRe = /\b(?:is|equals)[ \t]{1,2}(?:(?:indeed|definitely|really|still|clearly|certainly|exactly)[ \t]{1,2})?\$?$/;

/**
 * A value the text concludes elsewhere (strength 3 or more), stated again as the value of the asked
 * quantity with no conclusion word: "That's the number we were after: Aunt Rosa's current age is
 * 24.", "Okay, that matches: the number of handshakes is indeed 1,596." The guide: a concluding
 * statement about the quantity the question asks for is a candidate, whatever words lead to it;
 * whether it is a new candidate (an echo after new work) or merges is segment.ts's decision, as for
 * any other conclusion. Read only where such a value is written (indexOf), the subject naming the
 * asked quantity right before "is" and the value closing its clause; a value no other statement
 * concludes ("the total volume is 25 liters") stays unread (docs/segmentation-eval.md, pass 30).
 */
function findNamedRestatements(ctx: Context, written: ReadonlyMap<string, readonly number[]>): void {
  const { text, from } = ctx;
  for (const [v, at] of written) {
    for (const i of at) {
      if (isDigitCode(codeAt(text, i - 1)) || isDigitCode(codeAt(text, i + v.length)) || codeAt(text, i - 1) === 46) continue;
      if (!isBeforeRe.test(text.slice(Math.max(from, i - 24), i))) continue;
      if (!matchesAt(wordResultEndRe, text, i + v.length)) continue;
      const sentence = ctx.sentenceAround(i, i + v.length);
      if (sentence.question) continue;
      // The subject: the clause before "is", back to the sentence start or a colon or dash that
      // leads it ("That's the number we were after: ...", "And that's it — ...").
      const head = text.slice(Math.max(sentence.start, i - 80), i);
      const cut = Math.max(head.lastIndexOf(':'), head.lastIndexOf('\u2014'), head.lastIndexOf(','));
      const subject = cut >= 0 ? head.slice(cut + 1) : head;
      // A subject that is itself arithmetic ("plus 24 minutes is 204 minutes") or a relative clause
      // ("the angle where the refraction is 90 degrees") names no quantity of its own.
      if (subjectNotNamedRe.test(subject) || !ctx.names(subject) || ctx.namesOfOtherOnly(subject)) continue;
      ctx.add(i, i + v.length, 'conclusion', 3, true);
    }
  }
}

// The value closing its sentence (up to two unit words, then a full stop, "!" or ";" or a line break; not
// the text's end, where a response cut off may stop inside a number).
const namedResultEndRe = /(?:[ \t]{1,2}[A-Za-z][A-Za-z-]{0,14}){0,2}[ \t]{0,2}(?:[.!;](?!\d)|\r?\n)/y;

/** The question asks for a percentage: "what percent of", or a percent / percentage among its asked nouns ("Find the percent increase"). */
const percentAsked = (q: QuestionInfo): boolean => q.percent === true || q.nouns.some((n) => n.startsWith('percent'));

/**
 * Pass 81: "the interest earned over three years is $252.", "Mr. Novak's current age is 45
 * years.": the asked quantity named as the subject of "is" and its value closing the sentence is a
 * concluding statement about the quantity the question asks for (docs/annotation-guide.md), with
 * no conclusion word, whether or not another statement concludes the value (findNamedRestatements
 * reads those). One indexOf scan for "is "; bounded tests around each.
 */
function findNamedResults(ctx: Context): void {
  const { text, from } = ctx;
  if (ctx.question.nouns.length === 0 && ctx.question.targets.length === 0) return;
  // Every " is " from the left, as `k = indexOf(' is ', k + 4)` steps (" is is " reads once), from
  // the places of "is " the text's Context found once.
  let next = from;
  for (const at of ctx.isPositions()) {
    const k = at - 1;
    if (k < next || text.charCodeAt(k) !== 32) continue;
    next = k + 4;
    let i = k + 4;
    const c = codeAt(text, i);
    if (c === 36 || isCurrencyCode(c)) i++;
    valueAt.lastIndex = i;
    const v = valueAt.exec(text);
    if (v === null || v.index !== i) continue;
    const end = valueAt.lastIndex;
    if (isDigitCode(codeAt(text, end)) || !matchesAt(namedResultEndRe, text, end)) continue;
    // Not a value of another kind than the asked one: a count is whole ("the raw bus count is
    // 6.96"), a percentage question's answer a percentage ("the increase is $294").
    if (ctx.question.nouns.includes('count') && v[0].includes('.')) continue;
    // Nor a value in another time unit than the asked one ("1 hour and 12 minutes is 1.2 hours" when it asks for minutes): a conversion.
    if (otherTimeUnitAfter(ctx.question, text, end)) continue;
    if (percentAsked(ctx.question) && !v[0].endsWith('%') && !/^[ \t]{0,2}(?:%|percent)/.test(text.slice(end, end + 10))) continue;
    const sentence = ctx.sentenceAround(i, end);
    if (sentence.question) continue;
    const head = text.slice(Math.max(sentence.start, k - 80), k);
    const cut = Math.max(head.lastIndexOf(':'), head.lastIndexOf('\u2014'), head.lastIndexOf(','));
    const subject = cut >= 0 ? head.slice(cut + 1) : head;
    if (subjectNotNamedRe.test(subject) || !ctx.names(subject) || ctx.namesOfOtherOnly(subject)) continue;
    ctx.add(i, end, 'conclusion', 3, true);
  }
}

// Before a counted predicate's word: a value, maybe one more word, the counted noun, maybe a copula
// ("26 cookies left", "8 buses are needed", "5 full jars remaining"): the value is group 1.
// Compiled once per noun (findStatements runs on every body of a question).
const countedBeforeRes = new Map<string, RegExp>();
const countedBeforeRe = (noun: string): RegExp => {
  let re = countedBeforeRes.get(noun);
  if (re === undefined) {
    re = new RegExp(
      String.raw`(?:^|[^\w.,$])\$?(\d[\d,]{0,12}(?:\.\d{1,4})?)[ \t]{1,2}(?:[a-z]{2,12}[ \t]{1,2})?${noun}[a-z]{0,3}[ \t]{1,2}(?:(?:are|is|were|was|will be|would be|still|in all)[ \t]{1,2})?$`,
      'i',
    );
    countedBeforeRes.set(noun, re);
  }
  return re;
};
// After the predicate's word: the clause ends (up to two words: "left over", "in total").
const countedPredicateEndRe = /(?:[ \t]{1,2}[A-Za-z]{1,12}){0,2}?[ \t]{0,2}(?:[.!;,:(\u2014]|\r?\n|$)/y;

/**
 * Pass 90: "there are 26 cookies left", "So 8 buses are needed." for "How many cookies are left?" /
 * "How many buses are needed?": the value with the counted noun and the question's own predicate
 * word, the clause ending after it, states the asked count (the guide: a concluding statement about
 * the asked quantity), as "the number of cookies left is 26" does. One indexOf scan for the word.
 */
function findCountedPredicates(ctx: Context, cp: { noun: string; word: string }): void {
  const { text, from, to } = ctx;
  const before = countedBeforeRe(cp.noun);
  for (let k = text.indexOf(cp.word, from); k >= 0 && k < to; k = text.indexOf(cp.word, k + cp.word.length)) {
    if (/[A-Za-z]/.test(text.charAt(k - 1)) || /[A-Za-z]/.test(text.charAt(k + cp.word.length))) continue;
    if (!matchesAt(countedPredicateEndRe, text, k + cp.word.length)) continue;
    const head = text.slice(Math.max(from, k - 60), k);
    const m = before.exec(head);
    if (m === null) continue;
    const i = k - head.length + m.index + m[0].indexOf(m[1], m[0].startsWith('$') ? 1 : 0);
    const end = i + m[1].length;
    if (ctx.sentenceAround(i, end).question) continue;
    ctx.add(i, end, 'conclusion', 3, true);
  }
}

// Right after a value (past up to two unit words): words that say it agrees with an earlier result
// ("10 again", "253 this way too", "1104, the same as the first time", "$1799, same result", "2,285,
// matching my earlier result", "$890, just like before", "312 miles. Same answer.", "$85.80, identical to
// the earlier result", "3 hours, matching the answer above").
const agreesAfterRe =
  /(?:[ \t]{1,2}[A-Za-z][A-Za-z-]{0,14}){0,2}(?:[ \t]{1,2}(?:again|this way too|here too|as before)\b|[ \t]{0,2}[,.;:\u2014-][ \t]{0,2}(?:the[ \t]{1,2})?(?:same[ \t]{1,2}(?:answer|result|figure|value|total|number|as[ \t]{1,2}(?:before|the first time|my (?:first|earlier|previous) (?:result|answer|one))|again)\b|(?:matching|identical to|same as|just like|as) (?:before|(?:my|the) (?:first|earlier|previous) (?:result|answer)|the answer above)\b))/iy;
// An operation right before the value: "multiply by 2 again", "add 5 again" redo a step.
const operationBeforeRe =
  /(?:\b(?:by|plus|minus|times|add|adding|subtract|subtracting|multiply|divide|over|of)|[-+*/^\u00d7\u00f7\u00b7\u2212])[ \t]{1,2}\$?$/i;

/**
 * "Great, 10 again.", "Yes, the number of games is 253 this way too.", "$1407 + $392 = $1799, same
 * result.": a value the text concludes elsewhere (strength 3 or more), written again with words
 * that say it agrees with the earlier result, states what a check or another method reached (the
 * guide: an answer reached by a check or another method that ends in a value for the asked
 * quantity, "Okay, that matches: the sum is indeed 3159", an echo). A weak conclusion (strength
 * 2): whether it is a new candidate or merges is segment.ts's decision, as for any restatement.
 * Read only where such a value is written (indexOf), as findNamedRestatements reads; a value
 * redone as an operand ("multiply by 2 again") tests nothing (docs/segmentation-eval.md, pass 52).
 */
function findAgreeingResults(ctx: Context, written: ReadonlyMap<string, readonly number[]>): void {
  const { text, from } = ctx;
  for (const [v, at] of written) {
    for (const i of at) {
      const end = i + v.length;
      if (isDigitCode(codeAt(text, i - 1)) || isDigitCode(codeAt(text, end)) || codeAt(text, i - 1) === 46) continue;
      if (codeAt(text, end) === 46 && isDigitCode(codeAt(text, end + 1))) continue;
      if (!matchesAt(agreesAfterRe, text, end)) continue;
      if (operationBeforeRe.test(text.slice(Math.max(from, i - 16), i))) continue;
      if (ctx.sentenceAround(i, end).question) continue;
      ctx.add(i, end, 'conclusion', 2);
    }
  }
}

// Arithmetic in words (pass 60): an operator word between two numbers ("$99 minus the $29.70
// discount", "4.5 hours of driving plus 0.5"), then a verb or a colon that gives the result
// ("is", "makes", "gives", "comes to", "I get", ":"), the result closing its sentence.
const verbalOperandBeforeRe = /(?:^|[^\w.,])\$?\d(?:[\d,.]{0,20}\d)?%?(?:[ \t]{1,2}[A-Za-z]{1,12}){0,3}$/;
const verbalResultRe = new RegExp(
  String.raw`[ \t]?(?:the[ \t]{1,2})?\$?\d[\d,.]*%?(?:[ \t]{1,2}[A-Za-z]{1,12}){0,3}?[ \t]{0,2},?[ \t]{0,2}(?:is|makes|gives(?:[ \t]me|[ \t]us)?|equals|comes[ \t]to|leaves(?:[ \t]me|[ \t]us)?|(?:I|we)(?:[ \t]again)?[ \t]get|:)[ \t]{1,2}(?:about[ \t]|exactly[ \t])?(?:\\?\$)?(${VALUE})`,
  'y',
);
const verbalResultEndRe = /(?:[ \t]{1,2}[A-Za-z]{1,12}){0,2}[ \t]{0,2}(?:[.!;](?!\d)|,[ \t]{1,2}so\b|\r?\n|$)/y;

/**
 * "$99 minus the $29.70 discount is $69.30.", "$171 minus the $25.65 discount makes $145.35.",
 * "$75.50 minus the $15.10 discount: $60.40.": arithmetic written in words whose result closes its sentence is
 * a result line, as "99 - 29.70 = 69.30" at a line end is (the guide: the result line of a
 * computation; strength 1, rule 'equals', read by segment.ts as any other). Found by one scan for
 * the operator words and bounded sticky tests around each (docs/segmentation-eval.md, pass 60).
 */
function findVerbalArithmetic(ctx: Context): void {
  const { text, from, to } = ctx;
  const ops = opWordPositions(ctx);
  for (let k = 0; k < ops.at.length; k++) {
    const i = ops.at[k];
    // (Its blank at from or after.)
    if (i < from) continue;
    // (The operand holds a digit: tested before the end-anchored pattern.)
    if (!digitOrBackslashIn(text, Math.max(from, i - 48), i) || !verbalOperandBeforeRe.test(text.slice(Math.max(from, i - 48), i)))
      continue;
    verbalResultRe.lastIndex = i + ops.op[k].length - 1;
    const r = verbalResultRe.exec(text);
    if (r === null) continue;
    const end = verbalResultRe.lastIndex;
    const start = end - r[1].length;
    if (end > to || !matchesAt(verbalResultEndRe, text, end)) continue;
    if (ctx.sentenceAround(start, end).question) continue;
    ctx.add(start, end, 'equals', 1);
  }
}

// The words after a value that name it afterwards: "That's the ", "that is the ", "So that should
// be the ", "This is the " (found by indexOf from "hat" / "his" on; pass 52e).
const postposedAnchors = ["hat's the ", 'hat\u2019s the ', 'hat is the ', 'hat should be the ', 'hat must be the ', 'his is the '];
// All six anchors with their "T" / "t", found in one scan (not six indexOf scans of the body).
const postposedAnchorRe = /[Tt]h(?:at(?:'s|\u2019s| is| should be| must be)|is is) the /g;
// Before "That": the value closing its sentence or clause, maybe with one unit word, a closing
// bracket or bold, then ". ", ", and ", ", so ", maybe "So " / "And " (on the 72 characters before).
const postposedLeadRe = new RegExp(
  String.raw`(?:^|[^\w.,])\$?(${VALUE})(?:[ \t]{0,2}\\\))?(?:\*\*)?(?:[ \t]{1,2}[A-Za-z\u00b2\u00b3]{1,12})?(?:\*\*)?[ \t]{0,2}(?:[.!]|,[ \t]{1,2}(?:and|so))[ \t]{1,3}(?:(?:[Ss]o|[Aa]nd)[ \t]{1,2})?$`,
);
// What the phrase after "the" names, up to its clause's end.
const postposedPhraseRe = /^[^.,;:!?\n]{1,48}/;

/**
 * "Okay, 25 + 612 = 637. That is the 52nd term.", "... = 5631, and that is the total number of
 * markers.", "120 ÷ 2 = 60. So that should be the larger number.": a value closing its sentence,
 * then named in the next clause as the asked quantity, is a concluding statement about it (the
 * guide: a concluding statement about the quantity the question asks for, whatever order its
 * words come in), as "the 52nd term is 637" is. The phrase must name the asked quantity (or "the
 * answer") and no other; found where "that's the" and its kin are written (indexOf), on a bounded
 * window before them (docs/segmentation-eval.md, pass 52).
 */
function findPostposedNames(ctx: Context): void {
  const { text, from, to } = ctx;
  // Where each anchor stands (one scan), read anchor by anchor as before.
  const at = anchorPositions(postposedAnchorRe, text, from, to, postposedKind);
  if (at === undefined) return;
  for (let a = 0; a < postposedAnchors.length; a++) {
    const anchor = postposedAnchors[a];
    for (const i of at[a]) {
      const t = i - 1; // the "T" / "t" of "That" / "This"
      if (isLetterCode(codeAt(text, t - 1))) continue;
      const p = postposedPhraseRe.exec(text.slice(i + anchor.length, Math.min(to, i + anchor.length + 48)));
      if (p === null) continue;
      const phrase = 'the ' + p[0];
      if (!/^the answer\b/i.test(phrase) && (!ctx.names(phrase) || ctx.namesOfOtherOnly(phrase))) continue;
      const lead = Math.max(from, t - 72);
      const m = postposedLeadRe.exec(text.slice(lead, t));
      if (m === null) continue;
      const start = lead + m.index + m[0].indexOf(m[1]);
      // A count is whole (as findConclusions reads "the raw bus count is 4.89"): a decimal named as
      // the count is a quotient still to be rounded.
      if (decimalRe.test(m[1]) && ctx.question.nouns.includes('count') && text.charCodeAt(start - 1) !== 36) continue;
      ctx.add(start, start + m[1].length, 'conclusion', 3, true);
    }
  }
}

// After a colon: the value, maybe in math or bold, with a currency sign ("the cost of 13 pens: $20.80").
const colonValueRe = new RegExp(String.raw`:[ \t]{1,3}(?:\*\*)?(?:\$(?=[ \t]{0,2}\d)|\\\(|\$)?[ \t]{0,2}\$?(${VALUE})`, 'y');

const colonOpBeforeRe =
  /(?:\b(?:divided by|times|plus|minus|multiplied by|over)|[-+*/^\u00d7\u00f7\u2212]|\\times|\\div|\\cdot)[ \t]{0,2}\$?[\d.,]{1,20}\$?[ \t]{0,2}$/i;

// A one-word label of a result leading its line in a terse note: "done: 1,836", "fixed: 614 min",
// "corrected: 157", "revised: $47.20", "now: 7828.02 m", "Net: 480", "new total: 937,716".
const resultLabelRe = /^(?:done|fixed|corrected|revised|now|net|new total)$/i;

/**
 * Does a result label lead the line of the colon at i? A terse note names its result so, as
 * "Total:" or "Answer:" do (findLabels): the work above it is done or corrected, and the value
 * after the colon is where it ends (docs/annotation-guide.md: the result line of a computation).
 */
function resultLabelBefore(text: string, i: number, from: number): boolean {
  let s = i;
  while (s > from && i - s <= 12 && text.charCodeAt(s - 1) !== 10) s--;
  if (i - s > 12 || (s > from && text.charCodeAt(s - 1) !== 10) || (s === from && from > 0)) return false;
  return resultLabelRe.test(text.slice(s, i).trim());
}

// "Counting them: 3 ways.", "Counting the pairs: 4": counting what was just listed, for a question
// that asks how many, states the count it asks for (docs/annotation-guide.md: a conclusion of the
// count), as a clause naming the asked noun does.
const countingRe =
  /^[ \t]*(?:so,?[ \t]+|and[ \t]+)?counting(?:[ \t]+(?:them|these|those|(?:all[ \t]+)?the[ \t]+[a-z]+))?(?:[ \t]+up)?[ \t]*$/i;

/**
 * "That tells us the time until they meet: 7 hours.", "the number of such paths: 294": a clause
 * naming the asked quantity, then a colon and a value that ends its sentence or line, states it
 * as a label does ("Total: 12597"); a list or a computation after the colon goes on and is not.
 */
function findNamedColons(ctx: Context): void {
  const { text, from, to } = ctx;
  const named = ctx.question.nouns.length > 0 || ctx.question.targets.length > 0;
  for (const i of ctx.positions(':')) {
    // A question that names nothing reads only a result label here: its test, by a letter before
    // the colon and ten characters back, comes before the value's (a fifth of the bench corpus's
    // questions skipped this loop before the label was read).
    const label = isLetterCode(text.charCodeAt(i - 1)) && resultLabelBefore(text, i, from);
    if (!named && !label) continue;
    colonValueRe.lastIndex = i;
    const v = colonValueRe.exec(text);
    if (v === null) continue;
    const end = i + v[0].length;
    if (end > to || !atLineEnd(text, end, to)) continue;
    const start = end - v[1].length;
    if (label) {
      ctx.add(start, end, 'conclusion', 3, true);
      continue;
    }
    const sentence = ctx.sentenceAround(i, i + 1);
    if (sentence.question || i - sentence.start > 120) continue;
    const before = text.slice(sentence.start, i);
    // A label leading its line is findLabels'; a clause names the quantity in words. A computation
    // right before the colon ("70 divided by 40: 1.75") gives its result (findEquals' arrows and
    // colons); a decimal is no count; a clause with math in it may name an expression other than
    // the asked one ("the remainder of $6^{360}$: 1" for 6^360 + 8^27), so only words count here.
    if (before.length < 8 || before.includes('$') || before.includes('\\(') || colonOpBeforeRe.test(before)) continue;
    if (!ctx.names(before) && !(countingRe.test(before) && ctx.question.nouns.includes('count'))) continue;
    if (decimalRe.test(v[1]) && ctx.question.nouns.includes('count') && text.charCodeAt(start - 1) !== 36) continue;
    ctx.add(start, end, 'conclusion', 3, true);
  }
}

/** "∴ 11,858 L", "=> 614" leading a line: a terse note's conclusion. */
function terseLead(ctx: Context, i: number, leadLength: number): void {
  const { text, to } = ctx;
  let e = text.indexOf('\n', i);
  if (e < 0 || e > to) e = to;
  const clause = text.slice(i, e);
  if (!terseLeadRe.test(clause)) return;
  const last = lastResult(text, clause, i, leadLength);
  if (!last) return;
  const start = i + last.index;
  const sentence = ctx.sentenceAround(start, start + last[0].length);
  const about = ctx.namesSentence(sentence.start, sentence.text);
  ctx.add(start, start + last[0].length, 'conclusion', about ? 3 : 2, about);
}

// A name of capitals ("DF", "EF²") as the subject right before the value: "DF is indeed 10", "DF = 10".
const nameSubjectRe =
  /(?<![A-Za-z\\])([A-Z]{1,3})(?:\^\{?2\}?|\u00b2)?[ \t$)\\]{0,4}(?:is|=|equals)(?:[ \t]{1,2}(?:indeed|still|also|just|exactly|then|now))?[ \t$(\\]{0,4}$/;

/** The value at `start` has its own subject, a name of capitals that is not an asked one (a letter-name target: "de"). */
function otherNameBefore(ctx: Context, floor: number, start: number): boolean {
  const m = nameSubjectRe.exec(ctx.text.slice(Math.max(floor, start - 24), start));
  return m !== null && !ctx.question.targets.includes(m[1].toLowerCase());
}

const opAfterRe = /(?:[-+*/^=\u00d7]|\\times|\\cdot)/y;
const listAfterRe = /,[ \t]{1,3}(?:and[ \t]{1,3})?\$?\d/y;

/** Does the sticky pattern match at offset k? */
function matchesAt(re: RegExp, s: string, k: number): boolean {
  re.lastIndex = k;
  return re.test(s);
}

/** The first offset from k on that is not white space as String.prototype.trimStart sees it (\s: ASCII blanks, Unicode spaces, line ends). */
function skipJsSpace(s: string, k: number): number {
  for (; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !/\s/.test(s[k])) break;
  }
  return k;
}

/** The last value of clause[from..] that is a whole term, not the start of an expression, not set aside or denied. */
export function lastResult(text: string, clause: string, clauseStart: number, from: number): RegExpExecArray | null {
  // Each value's tests read only that value and the clause around it, so the last value that
  // passes them is found by testing from the last value back: the values must still be found
  // left to right (a scan decides where each one starts), but most clauses end in their result
  // and the earlier values are never tested.
  const values = clauseValues;
  values.length = 0;
  valueAll.lastIndex = from;
  let v: RegExpExecArray | null;
  while ((v = valueAll.exec(clause)) !== null) values.push(v);
  for (let k = values.length - 1; k >= 0; k--) if (isResult(text, clause, clauseStart, values[k])) return values[k];
  return null;
}

// lastResult's values, one array reused (a clause is read by one lastResult at a time).
const clauseValues: RegExpExecArray[] = [];

/** lastResult as it reads: every value tested left to right, the last that passes kept (test/unit/trace/engineFastPaths.test.ts compares the two). */
export function lastResultForward(text: string, clause: string, clauseStart: number, from: number): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  const re = new RegExp(valueAll.source, 'g');
  re.lastIndex = from;
  let v: RegExpExecArray | null;
  while ((v = re.exec(clause)) !== null) if (isResult(text, clause, clauseStart, v)) last = v;
  return last;
}

/** Is the value v of the clause a result (lastResult's tests on one value)? */
function isResult(text: string, clause: string, clauseStart: number, v: RegExpExecArray): boolean {
  // What follows the value, past blanks (the tests below are anchored there: sticky patterns at
  // that offset, instead of slicing the rest of the clause for every value).
  const after = skipJsSpace(clause, v.index + v[0].length);
  if (matchesAt(opAfterRe, clause, after)) return false;
  const pre = clause.slice(Math.max(0, v.index - 16), v.index);
  // "we have 2000, 2020, 2200, 2220": an item of an enumeration is listed, not concluded.
  if (/\d[ \t]{0,2}[,;][ \t]{1,3}(?:and[ \t]{1,3})?(?:\*\*|\$)?$/.test(pre) || matchesAt(listAfterRe, clause, after)) return false;
  // "D is at (√51,7)", "from (0,7) to (√51,7)": the first coordinate of a point is a coordinate,
  // not a result (the value after "is at" would otherwise read as the clause's conclusion).
  // (codeAt: after may be the clause's end, and a read past it deoptimized lastResult.)
  if (codeAt(clause, after) === 44 && /\([ \t]{0,2}$/.test(pre)) return false;
  // "3 times the square root of 13": a term of an expression said in words, not its value.
  // "828, not 827", "instead of 827": a value set aside, not the result.
  if (
    /\b(?:times|plus|minus|over|divided by|root of|power of|multiplied by|not|instead of|rather than|wrote|than)[ \t]{1,3}(?:\*\*)?\$?$|\bnot[ \t]{1,3}[A-Za-z][ \t]{0,2}=[ \t]{0,2}\$?$/i.test(
      pre,
    )
  )
    return false;
  // "x = 1 is not a solution", "So 76,468,064 was wrong": a value denied, not concluded.
  if (
    /^[ \t$)\\]{0,4}(?:is|are|was|were) (?:not|never|wrong|incorrect|off)\b|^[ \t$)\\]{0,4}(?:isn't|aren't|wasn't|doesn't|does not|fails)\b/i.test(
      clause.slice(v.index + v[0].length, v.index + v[0].length + 24),
    )
  )
    return false;
  return standsAlone(text, clauseStart + v.index, clauseStart + v.index + v[0].length);
}

// After "≡": the value, then its modulus ("(mod 11)", "\\pmod{1000}", "\\pmod 7"), then the clause's
// end (math closers, a full stop, a dash, the line's end or a comma that agrees with an earlier
// result; not one that goes on to a step: "6^2 ≡ 1 (mod 7), and 155 = 2·77 + 1").
const congruenceRe = new RegExp(
  String.raw`[ \t]{0,2}(${NUM})[ \t]{0,2}(?:\(?[ \t]{0,2}(?:\\bmod|\\mod|mod)[ \t]{0,2}\{?(\d+)\}?[ \t]{0,2}\)?|\\pmod[ \t]{0,2}\{?(\d+)\}?)[ \t]{0,2}(?:\$|\\\]|\\\))?[ \t]{0,2}(?:[.!]|\\\]|\u2014|\r?\n|$|[ \t]+(?:again|as before)|,[ \t]{1,2}(?:matching|agreeing|as before|the same|same as|which (?:matches|agrees)))`,
  'y',
);

/**
 * For a remainder question, "So 2^1398 ≡ 2^8 ≡ 3 (mod 11)." states the remainder as "= 3" would:
 * a congruence modulo the question's divisor, closing its clause, gives the remainder of its left
 * side (docs/annotation-guide.md: the result line of a computation of the asked quantity). Other
 * moduli ("since 1117 ≡ 2 (mod 5)") reduce an exponent: steps. Found by indexOf: few texts have one.
 */
function findCongruences(ctx: Context, modulus: number): void {
  const { text, from, to } = ctx;
  for (const sign of ['\u2261', '\\equiv']) {
    for (let i = text.indexOf(sign, from); i >= 0 && i < to; i = text.indexOf(sign, i + sign.length)) {
      congruenceRe.lastIndex = i + sign.length;
      const m = congruenceRe.exec(text);
      if (m === null || Number(m[2] ?? m[3]) !== modulus) continue;
      const start = text.indexOf(m[1], i + sign.length);
      if (Number(m[1]) >= modulus) continue;
      ctx.add(start, start + m[1].length, 'equals', 3, true);
    }
  }
}

/** "= X" closing a line (display math closers and a full stop may follow). */
const timeUnits = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'];
const timeUnitAfterRe = /[ \t$]{0,2}(?:\\text\{[ \t]{0,2})?(second|minute|hour|day|week|month|year)s?\b/y;

/**
 * For a question asking a number of time units ("Find the number of minutes"), a value followed
 * by another time unit ("= 2.4 hours") is a quantity in other units: a step, not the asked one.
 */
function otherTimeUnitAfter(q: QuestionInfo, text: string, end: number): boolean {
  const asked = q.nouns.find((n) => timeUnits.includes(n));
  if (asked === undefined) return false;
  timeUnitAfterRe.lastIndex = end;
  const m = timeUnitAfterRe.exec(text);
  return m !== null && m[1] !== asked;
}

function findEquals(ctx: Context): void {
  const { text, from, to } = ctx;
  let i = text.indexOf('=', from);
  while (i >= 0 && i < to) {
    const prev = codeAt(text, i - 1);
    const next = codeAt(text, i + 1);
    // `==`, `<=`, `>=`, `!=` are comparisons, not results.
    if (prev !== 61 && prev !== 60 && prev !== 62 && prev !== 33 && next !== 61) equalsAt(ctx, i, 1);
    i = text.indexOf('=', i + 1);
  }
  // "Flour: 2.75 × 1.4167 ≈ 3.896", "4.418 × 3.1416 \\approx 13.88": "≈" right after an operand with
  // decimals closes a computation whose result does not terminate, and gives that result to a
  // precision (pass 40): a result line as "= X" is (the guide: the result line of a computation),
  // read by the same rules. Only a result with decimals: "12 × 1.4167 ≈ 17" checks a product
  // against a round figure. A rough size ("Roughly 2.75 × 1.5 ≈ 4.1") stays tentative (estimateRe).
  for (const op of APPROX_OPS) {
    let k = text.indexOf(op, from);
    while (k >= 0 && k < to) {
      if (roundedBeforeRe.test(text.slice(Math.max(from, k - 16), k))) equalsAt(ctx, k, op.length, true);
      k = text.indexOf(op, k + op.length);
    }
  }
  findArrows(ctx);
}

const APPROX_OPS = ['\u2248', '\\approx'] as const;
const roundedBeforeRe = /\d\.\d+[ \t$]{0,2}$/;

/** The relation sign of `opLength` characters at `i` ("=", or with `rounded` "≈" / "\\approx") and the value after it, as findEquals reads them. */
function equalsAt(ctx: Context, i: number, opLength: number, rounded = false): void {
  const { text, to } = ctx;
  // "So x = 3, not x = -3.": the equation after "not" is the one rejected (rejectTailRe), not a result.
  const back = text.slice(Math.max(0, i - 8), i);
  if (back.includes('not') && notLetterBeforeRe.test(back)) return;
  let j = skipBlanks(text, i + opLength, to);
  if (text.startsWith('**', j)) j = skipBlanks(text, j + 2, to); // "= **6,167,380**"
  if (text.startsWith('\\(', j)) j = skipBlanks(text, j + 2, to);
  else if (codeAt(text, j) === 36 || isCurrencyCode(codeAt(text, j))) j = skipBlanks(text, j + 1, to);
  // "= \$30": a dollar sign escaped for LaTeX, as worked solutions write money.
  else if (codeAt(text, j) === 92 && codeAt(text, j + 1) === 36) j = skipBlanks(text, j + 2, to);
  // Pass 89b: in a text of another language, "= 75,5" and "= 108.000" (a decimal comma, a grouping) are
  // read whole, by the text's convention where the form is ambiguous and the text shows one (a text
  // that shows none keeps the English reading), as after the language's leads and cues.
  if (!rounded && isDigitCode(codeAt(text, j))) {
    localNumAt.lastIndex = j;
    const l = localNumAt.exec(text);
    const e = localNumAt.lastIndex;
    const end = l !== null && ctx.otherLanguage ? lineEnd(text, e, to, true, ctx.rejectWords) : NOT_AT_END;
    if (end !== NOT_AT_END) {
      // As below: about the asked quantity where the left side names it; a ticked step is a check.
      const about = leftSideNames(ctx, i) && !otherTimeUnitAfter(ctx.question, text, e);
      if (end !== AT_END_TICKED || about || statedLast(ctx, j, l![0])) addLocalized(ctx, j, e, 'equals', about ? 3 : 1, about, false, 'en');
      return;
    }
  }
  valueAt.lastIndex = j;
  const v = valueAt.exec(text);
  if (rounded && (v === null || !v[0].includes('.'))) return;
  const end = v ? lineEnd(text, valueAt.lastIndex, to, true, ctx.rejectWords) : NOT_AT_END;
  if (v && end === NOT_AT_END) {
    // "$1440 + 90 = 1530$ is the product", "$9 + 5 = 14$ is $x + y$": the result named as the
    // asked quantity right after it is a conclusion about it, wherever the line goes on.
    const named = isFollows(text, valueAt.lastIndex) ? namedAfterRe.exec(text.slice(valueAt.lastIndex, valueAt.lastIndex + 48)) : null;
    if (named && ctx.names(named[1])) ctx.add(j, valueAt.lastIndex, 'equals', 3, true);
    else if (namesInRemark(ctx, valueAt.lastIndex)) ctx.add(j, valueAt.lastIndex, 'equals', 3, true);
  } else if (v) {
    // For a percentage question, "0.575 × 100 = 57.5%" states a percentage: the asked kind of value.
    const about =
      ((leftSideNames(ctx, i) && !otherTimeUnitAfter(ctx.question, text, valueAt.lastIndex)) ||
        (ctx.question.percent === true && /%$/.test(v[0]))) &&
      !(ctx.question.values.has(normalizeAnswer(v[0])) && conditionRestated(ctx, i));
    // A tick confirms: "Recheck: 380 - 152 = $218 ✓" re-reaches the result last stated (an
    // echo, docs/annotation-guide.md); a ticked value of anything else is a check of a step
    // ("75.2/940 = 0.08 ✓", "tees again: 17 · 4 = 68 ✓" after the total).
    if (end !== AT_END_TICKED || about || statedLast(ctx, j, v[0])) {
      ctx.add(j, valueAt.lastIndex, 'equals', about ? 3 : 1, about);
      if (!about && ctx.question.terms && ctx.out.at(-1)?.start === j && leftSideIsTerm(ctx, i)) ctx.out.at(-1)!.term = true;
    }
  }
}

// The operand right before an "=": after the line's last copula or colon ("the number who own
// exactly two items is a + b + c").
const copulaOperandRe = /^.*(?:\b(?:is|are|was|were|be|equals?)\b|:)/;

/**
 * The "=" at i sets a value the question quotes equal to an expression in letters that does not
 * name the asked quantity ("the number of residents who own exactly two items is a + b + c = 437",
 * "so |D| = 900", "\\sum_{a \\in A} 2^{a-1} = 2024"): the question's condition written as an
 * equation, a number restated from the question (docs/annotation-guide.md), not a result about the
 * asked quantity, whatever the line names before it.
 */
function conditionRestated(ctx: Context, i: number): boolean {
  const text = ctx.text;
  const floor = Math.max(ctx.from, i - 120, text.lastIndexOf('\n', i - 1) + 1);
  let seg = text.slice(floor, i);
  seg = seg.slice(seg.lastIndexOf('=') + 1);
  seg = seg.slice(clauseCut(seg, seg.length) + 1).replace(copulaOperandRe, '');
  return algebraic(seg) && !ctx.names(seg);
}

/**
 * An arrow, a colon or "is" after a computation, giving its result as "=" does (findEquals). A
 * function of its own: its loops take rare paths of their own, and the optimizing compiler then
 * recompiles this and findEquals's loop apart.
 */
function findArrows(ctx: Context): void {
  const { text, from } = ctx;
  // "246330 + 3864 → 250194" ending a line: an arrow after a computation gives its result as "=" does.
  for (const k of ctx.positions('\u2192')) arrowResult(ctx, k, 1);
  // The same with an arrow typed in ASCII ("20/500 * 100 -> 4%", "40 + 5 ==> 45 cartons", "-->").
  for (const k of ctx.positions('->')) arrowResult(ctx, k, 2);
  for (const k of ctx.positions('=>')) arrowResult(ctx, k, 2);
  // A colon or "is" right after the computation does too ("1386580 + 207987: 1594567", "6,893 − 4,800 + 43 is 2,136").
  for (const k of ctx.positions(':')) if (isDigitCode(text.charCodeAt(k - 1))) arrowResult(ctx, k, 1);
  // (Found as "is " with the blank before it checked: indexOf stops at every blank of the text
  // when the pattern starts with one, and at far fewer "i"s.)
  for (const i of ctx.isPositions())
    if (i > from && text.charCodeAt(i - 1) === 32 && isDigitCode(text.charCodeAt(i - 2))) arrowResult(ctx, i - 1, 3, true);
}

/** The arrow (of `length` characters) at i gives the result of the computation before it, as "=" does, when that result ends the line. */
function arrowResult(ctx: Context, i: number, length: number, lineOnly = false): void {
  const { text, to } = ctx;
  let j = skipBlanks(text, i + length, to);
  if (codeAt(text, j) === 36) j++;
  valueAt.lastIndex = j;
  const v = valueAt.exec(text);
  if (!v || v.index !== j) return;
  const end = valueAt.lastIndex;
  // A tick after the result ("179 + 28 -> $207 ✓") confirms it where it re-reaches the value last
  // stated, as after "=" (findEquals): a re-check's result, an echo (docs/annotation-guide.md).
  const lineState = lineEnd(text, end, to, true, ctx.rejectWords);
  if (lineState === NOT_AT_END || (lineState === AT_END_TICKED && !statedLast(ctx, j, v[0]))) return;
  // "is" gives a result only as a note's line does ("79350 + 12696 is $92046"): in a sentence of
  // prose ("65 × 900 is 58,500. Now ...") it is a step of the working.
  // Unless the result rejects another value ("57 ÷ 3 is 19, not 18."): a correction of a value or a
  // check of a step, which segment.ts tells apart (concludingStatements).
  if (lineOnly && !(ctx.rejectWords && rejectsAfter(text, end))) {
    const nl = text.indexOf('\n', end);
    if (text.slice(end, nl < 0 || nl > to ? to : nl).includes('.')) return;
  }
  // The line's start, looked for only 120 characters back (a long line is not a terse note).
  let lineStart = i;
  while (lineStart > 0 && i - lineStart <= 120 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  // "==>" and "-->" are one arrow: the work ends before their first character.
  let k = i;
  while (k > lineStart && (text[k - 1] === '=' || text[k - 1] === '-')) k--;
  if (
    i - lineStart <= 120 &&
    (arrowWorkRe.test(text.slice(Math.max(lineStart, k - 40), k)) || workOnLineBefore(text, lineStart, k, length))
  ) {
    const about = leftSideNames(ctx, i);
    ctx.add(j, end, 'equals', about ? 3 : 1, about);
    // For a product question, a product's result ("69329·20 -> 1386580") is a partial product, as after "=".
    if (
      !about &&
      ctx.question.scale !== undefined &&
      ctx.out.at(-1)?.start === j &&
      productBeforeRe.test(text.slice(Math.max(lineStart, k - 40), k))
    )
      ctx.out.at(-1)!.partial = true;
  }
}

const productBeforeRe = /\d[ \t]{0,3}(?:[*\u00d7\u00b7\u22c5x]|\\times|\\cdot)[ \t]{0,3}\d[\d,.]{0,20}[ \t]{0,2}$/;

/**
 * Before the operator word at k: a number, with a unit word or two ("6 potatoes", "$115", "3
 * hours"), read backwards by hand (an end-anchored pattern would be tried at every offset). Not
 * a number that ends in a comma or an equation's list ("= 186, times 10").
 */
function operandBefore(text: string, k: number, from: number): boolean {
  let i = k;
  for (let word = 0; ; word++) {
    const blanks = i;
    while (i > from && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
    if (i === blanks || blanks - i > 2) return false;
    const c = text.charCodeAt(i - 1);
    if (isDigitCode(c) || c === 37) return true;
    if (word === 2 || !isLetterCode(c)) return false;
    const wordEnd = i;
    while (i > from && isLetterCode(text.charCodeAt(i - 1))) i--;
    if (wordEnd - i > 12) return false;
  }
}
// After it: a number, a few words without a sentence end or another value, then the result's verb and the result.
const wordResultAfterRe = new RegExp(
  String.raw`[ \t]{1,2}\$?(?:\d{1,3}(?:,\d{3}){1,3}|\d{1,9})(?:\.\d{1,4})?%?(?:[ \t]{1,2}[A-Za-z][A-Za-z']{0,14}){0,4}?(?:,?[ \t]{1,2}(?:is|makes|gives|equals|comes(?: out)? to|works out to|brings (?:us|me) to|(?:that's|that is|which is|which makes))|[ \t]{0,2}[:=])[ \t]{1,3}\$?(${VALUE})`,
  'y',
);
// After the result: up to two unit words, then the end of the clause.
const wordResultEndRe = /(?:[ \t]{1,2}[A-Za-z][A-Za-z-]{0,14}){0,2}[ \t]{0,2}(?:[.,;!?:)(\n]|$)/y;

/** "$115 minus $31.50 comes out to $83.50." (the operator word at i, with its blanks): a computation in words whose result ends its clause, a weak statement as "= X" at a line end is. */
function findWordComputation(ctx: Context, i: number, op: string): void {
  const { text, from, to } = ctx;
  if (!operandBefore(text, i + 1, from)) return;
  const opEnd = i + op.length - 1;
  wordResultAfterRe.lastIndex = opEnd;
  const r = wordResultAfterRe.exec(text);
  if (!r || opEnd + r[0].length > to) return;
  const end = opEnd + r[0].length;
  const start = end - r[1].length;
  if (!matchesAt(wordResultEndRe, text, end)) return;
  ctx.add(start, end, 'equals', 1);
  // A product question's working in words ("913 times 5,000 is 4,565,000") is a partial product
  // unless its value is the answer concluded elsewhere.
  if ((op === ' times ' || op === ' multiplied by ') && ctx.question.scale !== undefined && ctx.out.at(-1)?.start === start)
    ctx.out.at(-1)!.partial = true;
}

// Before an arrow that leads its line: nothing, or one label word ("result ->", "left ->").
const arrowLeadRe = /^[ \t]{0,4}(?:[A-Za-z]{1,12}[ \t]{1,2})?$/;

/**
 * An arrow leading its line ("34720 + 5208⏎→ 39928", "put together: $28 + 48 + 56 + $2⏎cost ->
 * $134") gives the result of the computation that ends the line before: a terse note writes the
 * work on one line and its result on the next. Not a colon or "is" (`length` 1 is "→" or ":", 3 is "is").
 */
function workOnLineBefore(text: string, lineStart: number, k: number, length: number): boolean {
  if (lineStart < 2 || length === 3 || (length === 1 && text.charCodeAt(k) !== 0x2192)) return false;
  if (!arrowLeadRe.test(text.slice(lineStart, k))) return false;
  let e = lineStart - 1;
  while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9 || text.charCodeAt(e - 1) === 13)) e--;
  return arrowWorkRe.test(text.slice(Math.max(0, e - 40, text.lastIndexOf('\n', e - 1) + 1), e));
}

// What an arrow's result needs right before it: a computation on numbers ("246330 + 3864 →").
const arrowWorkRe = /\d[ \t]{0,2}(?:[-+*/\u00d7\u00b7\u2212]|\\times|\\cdot)[ \t]{0,2}\d[\d,.]{0,20}[ \t]{0,2}$/;

// After an equation's value, the rest of its clause after a comma: ", so the number of bottles left
// is confirmed.", ", and that is x.", ", remainder". Group 1 is the remark.
const commaRemarkRe =
  /^[ \t]{0,2}(?:\$|\\\))?[ \t]{0,2}(?:[A-Za-z]{1,10}[ \t]{0,2})?,[ \t]{1,2}((?:so|and|hence|thus)?[^.,;!?\n]{1,64}?)[ \t]{0,2}(?:[.;!?\n]|$)/;
const remarkOpenRe = /^(?:so|and|hence|thus|which|that)\b/i;
const remarkDoubtRe = /\b(?:not|n't|wrong|off|mistake|error|replaces|instead|if|suppose|maybe|perhaps|might|could|would|should)\b|\?/i;

/**
 * Pass 69: a result line whose clause goes on, after a comma, to name the asked quantity as what the
 * result is ("= 1275, so the number of bottles left is confirmed", "= 31, and that is x", "= 23,
 * remainder" when the remainder is asked): the result of the asked quantity, as "= 1530$ is the
 * product" is (docs/annotation-guide.md). The remark holds no number and no doubt or condition.
 */
function namesInRemark(ctx: Context, k: number): boolean {
  const text = ctx.text;
  const m = commaRemarkRe.exec(text.slice(k, Math.min(ctx.to, k + 96)));
  if (m === null) return false;
  // A connective opens it ("so", "and", "which", "that"), or it is the asked noun alone (", remainder");
  // not a bare phrase ("$44, the cost of the pens ✓": a check of a step).
  if (!remarkOpenRe.test(m[1]) && !/^[A-Za-z]{2,16}$/.test(m[1].trim())) return false;
  // No number in it: a remark that states the value again ("= 12, so the length is 12") is a
  // conclusion of its own, read where it stands; another number makes it a comparison.
  const remark = m[1];
  return !/\d/.test(remark) && !remarkDoubtRe.test(remark) && ctx.names(remark) && !ctx.namesOfOtherOnly(remark);
}

// After an equation's value: "$ is the product.", " is $m + n$,". The named phrase is group 1.
const namedAfterRe = /^[ \t]{0,2}(?:\$|\\\))?[ \t]{0,2}is[ \t]{1,3}((?:the[ \t]{1,3})?[^.,;!?\n]{1,32})(?:[.,;!?\n]|$)/;

/** Does "is " follow position k, past blanks and a math closer (a cheap test before namedAfterRe)? */
function isFollows(text: string, k: number): boolean {
  while (codeAt(text, k) === 32 || codeAt(text, k) === 9) k++;
  if (codeAt(text, k) === 36) k++;
  else if (codeAt(text, k) === 92 && codeAt(text, k + 1) === 41) k += 2;
  while (codeAt(text, k) === 32 || codeAt(text, k) === 9) k++;
  return codeAt(text, k) === 105 && codeAt(text, k + 1) === 115 && (codeAt(text, k + 2) === 32 || codeAt(text, k + 2) === 9);
}

const skipBlanks = (text: string, j: number, to: number): number => {
  while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  return j;
};

const closers = ['\\)', '\\]', '$$', '$', '**'];

/** Is `value` (normalized) the value of the last statement before `start`, the result the text last reached? */
function statedLast(ctx: Context, start: number, value: string): boolean {
  let last: Statement | undefined;
  for (const st of ctx.out) if (st.start < start && (last === undefined || st.start > last.start)) last = st;
  return last !== undefined && last.normalized === normalizeAnswer(value);
}

// A remark on the result just stated: "(corrected)", "(final)", ", as required", ", as expected".
// A parenthesis in words or money after a blank, closing its clause: the working or a verdict of
// the value before it ("$80 ($115 minus $35).", "2198 (agrees)"), not a factor of a product.
// One with an equation sets a case the value holds in ("π (taking k=0)"): not a gloss.
const glossAfterRe = /\((?!mod\b)(?:\$|[A-Za-z]{2})[^()\n=]{0,80}\)[ \t]*(?:[.,;:!]|\r?\n|$)/y;
// "(mod 7)" after a value names its modulus: a residue, not a factor.
// A confirmation of the line's result against an earlier one, in brackets or after a dash ("=
// 4345 (same)", "= 337932 — matches", "= 264603 — consistent"): a re-derivation that
// reaches its result and says so (docs/annotation-guide.md: a check that ends in a value for
// the asked quantity, an echo).
// Or, after a comma or a dash, words that say it agrees with an earlier result (", same result",
// ", the same as before", ", which agrees", ", identical to the earlier result", ", matching the
// answer above", "— same as before"; pass 60).
const remarkAfterRe =
  /\((?:corrected|revised|final|checked|verified|same|agrees|consistent|matches|mod[ \t]{1,2}\d+)\)|,[ \t]{1,2}as (?:required|expected|claimed|before)\b|[,\u2014][ \t]{1,2}(?:which[ \t]{1,2})?(?:(?:the[ \t]{1,2})?same(?:[ \t]{1,2}(?:result|answer|figure|value|total|number|as[ \t]{1,2}(?:before|above|the first time|(?:my|the)[ \t]{1,2}(?:first|earlier|previous)[ \t]{1,2}(?:result|answer|one))))?|matching[ \t]{1,2}(?:the answer above|(?:my|the)[ \t]{1,2}(?:first|earlier|previous)[ \t]{1,2}(?:result|answer))|identical[ \t]{1,2}to[ \t]{1,2}(?:my|the)[ \t]{1,2}(?:first|earlier|previous)[ \t]{1,2}(?:result|answer)|consistent|agrees|matches)\b|\u2014[ \t]{0,2}(?:consistent|matches|same|agrees)\b/y;

// A value rejected right after the one given, in the same clause ("14, not 15", "14 and not 15",
// "14 instead of 15", "14 rather than 15", "14 (not 15)", "14 — not 15", a unit on either side):
// the clause gives 14 and sets 15 aside (docs/annotation-guide.md: a candidate is the model's
// answer as its current conclusion, never the value it rejects). Only a value after the rejecting
// words, and only where the clause ends there (a full stop, a line end, or ", so" / ", since" ...):
// "not only 14 but also 15", "14, not counting the 15", "rather than computing 15" reject nothing.
// Sticky, at the value's end; every repeat is bounded and no two overlap, so it cannot backtrack.
const rejectTailRe = new RegExp(
  String.raw`[ \t]{0,2}(?:\\\)|\$|\*\*)?[ \t]{0,2}(?:[A-Za-z]{1,12}[ \t]{0,2})?(?:,[ \t]{0,2}(?:and[ \t]{1,2})?not|and[ \t]{1,2}not|instead[ \t]{1,2}of|rather[ \t]{1,2}than|\([ \t]{0,2}not|[\u2014\u2013][ \t]{0,2}not|--?[ \t]{1,2}not)[ \t]{1,3}(?:\\\(|\$)?[ \t]{0,2}(${NUM})(?![\d.,]\d)[ \t]{0,2}(?:\\\)|\$)?(?:[ \t]{1,2}[A-Za-z]{1,12})?[ \t]{0,2}\)?(?=[ \t]{0,2}(?:[.;!\n\r]|$|,[ \t]{1,2}(?:so|and|which|since|because|as|but|I|we)\b))`,
  'y',
);
// The same rejection written first: "not 15 but 14", "not 15, but rather 14", ending at the value given.
const rejectLeadRe = new RegExp(
  String.raw`\bnot[ \t]{1,3}(?:\\\(|\$)?[ \t]{0,2}(${NUM})[ \t]{0,2}(?:\\\)|\$)?[ \t]{0,2},?[ \t]{0,2}but[ \t]{1,3}(?:(?:rather|actually|it's|it[ \t]is)[ \t]{1,3})?(?:\\\(|\$)?[ \t]{0,2}$`,
);

/** The value (normalized) that the clause of the value at [start, end) rejects ("14, not 15": 15), or ''. */
function rejectedWith(text: string, start: number, end: number): string {
  rejectTailRe.lastIndex = end;
  const m = rejectTailRe.exec(text);
  if (m !== null) return normalizeAnswer(m[1]);
  // "not 15 but 14": read only where "but" stands just before the value (one slice, one test).
  const pre = text.slice(Math.max(0, start - 48), start);
  if (!pre.includes('but')) return '';
  const l = rejectLeadRe.exec(pre);
  return l !== null ? normalizeAnswer(l[1]) : '';
}

// "not x " right before an "=": the rejected side of "x = 3, not x = -3".
const notLetterBeforeRe = /\bnot[ \t]{1,3}[A-Za-z][ \t]{0,2}$/;

// Where a value given against a rejected one is said with no conclusion cue ("It should be 14, not
// 15.", "The total is actually 14, not 15.", "it's 14 — not 15"): after these words, a value
// (maybe "$", "\\(") that a rejection follows.
// ("t is " and "t's " stand for "it is", "It is", "it's", "It's": the letter before them is checked.)
const rejectionLeads = ['should be ', 'is actually ', 't is ', "t's "];
// The four leads in one scan (their "i" / "I" with them; the lookbehind after "It", as optionChoiceRe's).
const rejectionLeadRe = /should be |is actually |[Ii]t(?<![A-Za-z][Ii]t)(?: is|'s) /g;
/** Which of rejectionLeads a rejectionLeadRe match is, and where that lead starts. */
function rejectionKind(m: string, index: number): [number, number] {
  if (m.charCodeAt(0) === 115) return [0, index];
  if (m.charCodeAt(1) === 115) return [1, index];
  return [m.charCodeAt(2) === 32 ? 2 : 3, index + 1];
}
/** Which of postposedAnchors a postposedAnchorRe match is, and where that anchor starts (past its "T"). */
function postposedKind(m: string, index: number): [number, number] {
  return [postposedAnchors.indexOf(m.slice(1)), index + 1];
}

/**
 * Where the phrases of one global pattern `re` stand in text[from, to): per phrase (kind), its
 * positions in order, as an indexOf loop per phrase finds them; undefined where none does. One scan
 * of the body instead of one per phrase; every start tried (lastIndex one past a match's start), so
 * phrases that overlap are all found.
 */
function anchorPositions(
  re: RegExp,
  text: string,
  from: number,
  to: number,
  kind: (m: string, index: number) => [number, number],
): number[][] | undefined {
  let out: number[][] | undefined;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    const [k, i] = kind(m[0], m.index);
    re.lastIndex = m.index + 1;
    if (i >= to) break;
    out ??= [[], [], [], [], [], []];
    out[k].push(i);
  }
  return out;
}
const leadValueRe = new RegExp(String.raw`(?:\\\(|\$)?[ \t]{0,2}(${NUM})`, 'y');

/**
 * "It should be 14, not 15.": a value given and another rejected in the same clause, with no cue
 * that concludes, read as a result line (rule 'equals', strength 1) that segment.ts takes as a
 * correction where it rejects a candidate before it, and drops otherwise (checkRejecting). Found by
 * indexOf of the lead words, one sticky test each.
 */
function findRejections(ctx: Context): void {
  const { text, from, to } = ctx;
  if (!ctx.rejectWords) return;
  // Where each lead stands (one scan; "it is", "It's": an "i" or "I" that starts its word), read lead by lead.
  const at = anchorPositions(rejectionLeadRe, text, Math.max(0, from - 1), to, rejectionKind);
  if (at === undefined) return;
  for (let l = 0; l < rejectionLeads.length; l++) {
    const lead = rejectionLeads[l];
    for (const i of at[l]) {
      if (i < from) continue;
      leadValueRe.lastIndex = i + lead.length;
      const m = leadValueRe.exec(text);
      if (m === null) continue;
      const end = leadValueRe.lastIndex;
      if (!rejectsAfter(text, end)) continue;
      ctx.add(end - m[1].length, end, 'equals', 1);
    }
  }
}

/** Does a rejection of another value follow the value ending at `end` ("19, not 18")? */
function rejectsAfter(text: string, end: number): boolean {
  rejectTailRe.lastIndex = end;
  return rejectTailRe.test(text);
}

/** Where a rejection of another value after a result ends (k when none): "= 14, not 15." ends its line as "= 14." does. */
function afterRejection(text: string, k: number, to: number): number {
  rejectTailRe.lastIndex = k;
  return rejectTailRe.test(text) && rejectTailRe.lastIndex <= to ? skipBlanks(text, rejectTailRe.lastIndex, to) : k;
}

/** Only closers (`\)`, `\]`, `$`, `$$`), a full stop and blanks between k and the end of the line. */
const atLineEnd = (text: string, k: number, to: number): boolean => lineEnd(text, k, to, false, false) !== NOT_AT_END;

const NOT_AT_END = -1;
const AT_END = 0;
/** At the end of the line, after a tick ("= 57 ✓"): findEquals asks what the tick confirms. */
const AT_END_TICKED = 1;

/** atLineEnd, and with `remark` a tick or a short remark may close the line: how the line ends. `rejects`: the text has a rejecting word (Context.rejectWords), so a rejection after the value is looked for. */
function lineEnd(text: string, k: number, to: number, remark: boolean, rejects: boolean): number {
  const state = lineEndOf(text, k, to, remark, rejects);
  return state === NOT_AT_END && remark ? agreeingTail(text, k, to) : state;
}

// Pass 81: the words of a remark that closes a result line without a comma and says the result
// agrees with an earlier one or is the answer ("= 12531689 same as before", "= $46,374.60 again,
// good", "= 14179.2 ✓ same", "= 341,848 kg matches above", "= 612 ans same thing"): AGREEING
// says so, the others may stand beside it.
const AGREEING = new Set(['same', 'again', 'matches', 'agrees', 'consistent', 'confirmed', 'ans']);
const BESIDE = new Set([
  'good',
  'ok',
  'okay',
  'fine',
  'yes',
  'as',
  'before',
  'above',
  'the',
  'first',
  '1st',
  'earlier',
  'time',
  'thing',
  'result',
  'answer',
  'value',
  'too',
]);
const tailWordRe = /[A-Za-z0-9]{1,12}|[\u2713\u2714]/y;

/**
 * A result line closed by a remark of agreement (AGREEING, with BESIDE words, ticks and
 * punctuation, after an optional unit word): where the line ends, AT_END (AT_END_TICKED with a
 * tick), else NOT_AT_END. One pass over at most 60 characters of the line, no pattern that backtracks.
 */
function agreeingTail(text: string, k: number, to: number): number {
  const end = Math.min(to, k + 60);
  let agrees = false;
  let ticked = false;
  let words = 0;
  for (let i = k; i < end;) {
    const c = codeAt(text, i);
    if (c === 10 || c === 13) return agrees ? (ticked ? AT_END_TICKED : AT_END) : NOT_AT_END;
    if (c === 32 || c === 9 || c === 44 || c === 46 || c === 33 || c === 0x2014 || c === 45 || c === 60) {
      i++;
      continue;
    }
    tailWordRe.lastIndex = i;
    const m = tailWordRe.exec(text);
    if (m === null) return NOT_AT_END;
    const w = m[0].toLowerCase();
    if (w === '\u2713' || w === '\u2714') ticked = true;
    else if (AGREEING.has(w)) agrees = true;
    // A unit word first ("= 6660 m same as before"), else only the remark's words.
    else if (!BESIDE.has(w) && !(words === 0 && /^[a-z]+$/.test(w))) return NOT_AT_END;
    words++;
    i = tailWordRe.lastIndex;
  }
  return end >= to && agrees ? (ticked ? AT_END_TICKED : AT_END) : NOT_AT_END;
}

function lineEndOf(text: string, k: number, to: number, remark: boolean, rejects: boolean): number {
  k = skipBlanks(text, k, to);
  // "= 14, not 15.", "= 14 apples instead of 15.": a rejected value after the result (rejectTailRe).
  if (remark && rejects) k = afterRejection(text, k, to);
  // A unit or two after the value ("= 527 km", "= 12 sq ft"), not an expression that goes on.
  // (It starts with a letter: tested first, so a line that ends at once slices nothing.)
  // A unit may carry a power ("= 640 m²", "= 686π m^3").
  const unit = isLetterCode(codeAt(text, k))
    ? /^[A-Za-z][A-Za-z/]{0,10}(?:[\u00b2\u00b3]|\^[23])?(?:[ \t][A-Za-z][A-Za-z/]{0,10})?/.exec(text.slice(k, k + 24))
    : null;
  if (unit && !/^(?:and|or|so|which|then|is|are|x|times|plus|minus|mod|by|instead|rather)\b/i.test(unit[0]))
    k = skipBlanks(text, k + unit[0].length, to);
  else if (codeAt(text, k) === 92) k = skipBlanks(text, latexUnitEnd(text, k), to);
  else if (codeAt(text, k) >= 0x80 || codeAt(text, k) === 40) k = otherUnitEnd(text, k, to);
  // Each closer starts with "\", "$" or "*": only then is one looked for.
  const first = codeAt(text, k);
  const closer = first === 92 || first === 36 || first === 42 ? closers.find((c) => text.startsWith(c, k)) : undefined;
  if (closer !== undefined) k = skipBlanks(text, k + closer.length, to);
  // "= 2 \\), not 0.": the rejection after a closer.
  if (remark && rejects && closer !== undefined) k = afterRejection(text, k, to);
  // A mark or a short remark closing the result line ("= 57 ✓", "= 2010 (corrected)", "= \$30,
  // as required."): the line still ends in its result (docs/annotation-guide.md: a result line
  // the model treats as its result).
  // Only after "=": an arrow's or a colon's value with a tick is a digit check ("7*5 → 5 ✓").
  const mark = remark ? codeAt(text, k) : 0;
  const ticked = mark === 0x2713 || mark === 0x2714;
  const atEnd = ticked ? AT_END_TICKED : AT_END;
  if (ticked) k = skipBlanks(text, k + 1, to);
  else if (mark === 40 || mark === 44 || mark === 0x2014) {
    remarkAfterRe.lastIndex = k;
    if (remarkAfterRe.test(text)) k = skipBlanks(text, remarkAfterRe.lastIndex, to);
  }
  // A full-width full stop or semicolon ends it as ". " does ("所以 d=4。", "a=1；"): Chinese
  // writes no blank after them.
  const stop = codeAt(text, k);
  if (fullStop(stop) || stop === 0xff1b || otherSentenceEnd(stop)) return atEnd;
  if (stop === 46 || stop === 33) {
    // The end of a sentence ends the statement too: "= 9844. Wait, that's different".
    if (k + 1 < to && (codeAt(text, k + 1) === 32 || codeAt(text, k + 1) === 9)) return atEnd;
    k = skipBlanks(text, k + 1, to);
    // Pass 69: the full stop inside a display's closer ("\\[m + n = 1 + 18 = 19.\\]", "= 40.$$").
    if (closer === undefined && (codeAt(text, k) === 92 || codeAt(text, k) === 36)) {
      const after = closers.find((c) => c !== '**' && text.startsWith(c, k));
      if (after !== undefined) k = skipBlanks(text, k + after.length, to);
    }
  }
  if (k >= to || codeAt(text, k) === 10 || codeAt(text, k) === 13) return atEnd;
  // Or the value named at once as what was sought: "= 6 hours, so that's the time to fill the
  // tank", "= $37.70, and that is the cost".
  return codeAt(text, k) === 44 && thatIsAfterRe.test(text.slice(k, k + 24)) ? atEnd : NOT_AT_END;
}

// Stop 43 (fx43): a unit or counter written in another script after a value, closing its sentence as
// "= 527 km." does: one to three Han, katakana or Hangul characters, maybe in brackets ("= 1160円。",
// "= 1160원입니다.", "= 900（元）"; not a negation: 不, 非, 没, 未, 아, 않; no hiragana: "= 120 でない。"
// goes on), then a Japanese or Korean copula; or a word or two of an alphabetic script but Latin's
// ASCII-led words, which the unit above reads ("= 1160 рублей.", "= 1160 रुपये।"). Only where the
// sentence ends after it (the lookahead: a full stop of any script, a line break, the end).
const otherUnitRe =
  /(?:[(\uff08][ \t]{0,2}(?![\u4e0d\u975e\u6ca1\u672a\uc544\uc54a])[\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{1,3}[ \t]{0,2}[)\uff09]|(?![\u4e0d\u975e\u6ca1\u672a\uc544\uc54a])[\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{1,3}|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{M}]){1,16}(?:[ \t](?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{M}]){1,16})?)(?:\u3067\u3059|\u3067\u3042\u308b|\u3060|\u3068\u306a\u308a\u307e\u3059|\u306b\u306a\u308a\u307e\u3059|\uc785\ub2c8\ub2e4|\uc774\ub2e4|\uc774\uc5d0\uc694|\uc608\uc694|\uc5d0\uc694)?(?=[ \t]{0,2}(?:[.!\u3002\uff01\uff1b\u0964\u0965\u06d4\r\n]|$))/uy;

/** Where otherUnitRe's unit after a value at k ends, blanks after it skipped (k when there is none). */
export function otherUnitEnd(text: string, k: number, to: number): number {
  otherUnitRe.lastIndex = k;
  return otherUnitRe.test(text) && otherUnitRe.lastIndex <= to ? skipBlanks(text, otherUnitRe.lastIndex, to) : k;
}

/** A full stop of another script: the danda and double danda (Devanagari), the Urdu full stop. */
export const otherSentenceEnd = (c: number): boolean => c === 0x964 || c === 0x965 || c === 0x6d4;

// A unit written in LaTeX after a value: "204 \\text{ minutes}", "12\\,\\text{cm}", "5 \\mathrm{kg}".
const latexUnitRe = /(?:\\[,;: ][ \t]{0,2})?\\(?:text|mathrm|textrm)\{[ \t]{0,2}[A-Za-z][A-Za-z ./]{0,16}\}/y;

/** Where a LaTeX unit starting at k ends (k when there is none). */
function latexUnitEnd(text: string, k: number): number {
  latexUnitRe.lastIndex = k;
  const m = latexUnitRe.exec(text);
  return m === null || /^(?:and|or|so|which|then|is|are|if|for|where|when)\b/i.test(m[0].slice(m[0].indexOf('{') + 1).trimStart())
    ? k
    : k + m[0].length;
}

const thatIsAfterRe = /^,[ \t]{1,2}(?:so|and)[ \t]{1,2}(?:that's|that is|this is)[ \t]{1,2}(?:the|our|what)\b/i;

const checkWordRe =
  /check|verif|confirm|plug|back|sanity|again|redo|re-?calc|re-?comput|wait|hmm|double|estimat|approx|ballpark|sure|so the|answer/i;
// Around the value's next use: an operator after it, or an operator word (or "20% of") before it.
// (A star doubled is bold markup, "**In short:** 1,080 g." or "**1,080**", not a product.)
const operandAfterRe = /^[ \t]{0,2}(?:plus|minus|times|divided by|multiplied by|[-+/\u00d7\u00b7\u2212]|\*(?!\*))/;
const operandBeforeRe =
  /(?:\b(?:plus|minus|times|from|of)[ \t]{1,2}(?:the[ \t]{1,2})?\$?|(?:[-+/\u00d7\u00b7\u2212]|(?<!\*)\*)[ \t]{0,2}\$?)$/;

/**
 * Is the value at [.., end) an operand in the sentence after its own (within 100 characters, not
 * past a blank line)? A weak statement's value that the next sentence computes with is a running
 * result, a step ("... gives 133760. And 133760 plus 209 is 133969."); segment.ts asks this only
 * of the statements that could conclude otherwise.
 */
export function operandNext(text: string, value: string, end: number, to: number): boolean {
  if (value.length < 2) return false;
  const limit = Math.min(to, end + 100);
  // Most values are not written again soon: look for the value first (in the next 100 characters
  // only, not to the end of the text), for the sentence end after.
  const window = text.slice(end, limit);
  let w = window.indexOf(value, 1);
  if (w < 0) return false;
  // The next sentence: after ". " or a line break (not past a blank line).
  let k = end;
  while (k < end + w && text.charCodeAt(k) !== 10 && !(text.charCodeAt(k) === 46 && isSpace(codeAt(text, k + 1)))) k++;
  if (k >= end + w || (text.charCodeAt(k) === 10 && codeAt(text, k + 1) === 10)) return false;
  for (; w >= 0; w = window.indexOf(value, w + 1)) {
    const at = end + w;
    const after = codeAt(text, at + value.length);
    if (!isDigitCode(after) && !isDigitCode(codeAt(text, at - 1)) && codeAt(text, at - 1) !== 46) {
      // A check of the value ("Check: 1521 / 39 = 39", "Plugging back in: ...") works with it, not on from it.
      if (checkWordRe.test(text.slice(k, Math.min(limit, at + value.length + 40)))) return false;
      if (operandAfterRe.test(text.slice(at + value.length, at + value.length + 16))) return true;
      if (operandBeforeRe.test(text.slice(Math.max(k, at - 16), at))) return true;
    }
  }
  return false;
}

// A value, a comma or semicolon, then a new left side that is a name (a letter, maybe with an index).
const listedLeftRe = /=[ \t]{0,2}[^=,;\s]{1,16}[ \t]{0,2}[,;][ \t]{1,3}(?:and[ \t]{1,3})?([A-Za-z](?:_\{?\w{1,4}\}?)?)[ \t]{0,2}$/;

/** The left side of the equation chain whose "=" is at i names the asked quantity ("347 * 8261 = ... = X", "m + n = 17"). */
function leftSideNames(ctx: Context, eq: number): boolean {
  if (!chainNames(ctx, eq)) return false;
  // "$\\sin 45^\\circ = \\frac{\\sqrt{2}}{2}$", "tan(45°) = 1": a function's value at a number is a
  // value looked up on the way (the guide: a step), whatever the line names before it, unless the
  // question asks for such a value. (Asked only of the few left sides that name the quantity.)
  return !functionValueBefore(ctx.text, eq) || ctx.asksFunction();
}

/** leftSideNames before the function test: the chain's first left side names the asked quantity. */
function chainNames(ctx: Context, eq: number): boolean {
  // A question with neither a target nor a noun has nothing a left side could name (the tests
  // below all answer no then): a fifth of the questions of the bench corpus.
  if (ctx.question.targets.length === 0 && ctx.question.nouns.length === 0) return false;
  const text = ctx.text;
  let s = eq;
  let floor = Math.max(ctx.from, eq - 200);
  while (s > floor && text.charCodeAt(s - 1) !== 10) s--;
  // A continuation line of an aligned chain ("&= 1540 + 96"): its left side is the chain's first line's.
  // (That pattern matches at most 13 characters: a longer line start is not one, without slicing it.)
  for (let up = 0; up < 8 && s > floor && eq - s <= 13 && /^[ \t]{0,8}&?[ \t]{0,4}$/.test(text.slice(s, eq)); up++) {
    eq = text.lastIndexOf('=', s - 2);
    if (eq < floor) return false;
    s = eq;
    floor = Math.max(ctx.from, eq - 200);
    while (s > floor && text.charCodeAt(s - 1) !== 10) s--;
  }
  const line = text.slice(s, eq);
  const firstEq = line.indexOf('=');
  // In a list of assignments ("a=2, b=3, c=π, d=1") each value has its own left side ("d"), not
  // the line's first one.
  const listed = firstEq >= 0 ? listedLeftRe.exec(line.length > 80 ? line.slice(-80) : line) : null;
  let raw = listed ? listed[1] : firstEq >= 0 ? line.slice(0, firstEq) : line;
  // A chain that starts after a clause boundary ("\\frac1r + \\frac1s = \\frac{r+s}{rs}, and Vieta
  // gives r+s = 13, rs = 40") has its own left side ("rs"), not the line's first one.
  if (!listed && firstEq >= 0 && (line.includes(', ') || line.includes('; '))) {
    const own = chainLeftSide(line, line.length);
    if (own.start > firstEq && algebraic(own.text)) raw = own.text;
  }
  const q = ctx.question;
  // Most equations name no target: decide on the raw text before normalizing it, first by its
  // digits and letters (exact, see targetOutOfReach), then by the targets' probes.
  if (ctx.targetOutOfReach(raw, true) && ctx.nounOutOfReach(raw)) return false;
  if (!hasProbe(q, raw) && !(q.nouns.length > 0 && /[a-z]{3}/i.test(raw))) return false;
  let lhs = normalizeMath(raw);
  // (The cut below needs one of its three openers: most left sides hold none.)
  if (lhs.includes(':') || lhs.includes('\\[') || lhs.includes('\\(')) lhs = lhs.replace(/^.*?(?:\\\[|\\\(|:)/, '');
  if (q.targets.some((t) => (lhs.endsWith(t) || lhs === t) && ctx.asWord(t, raw))) return true;
  if (q.nouns.length === 0) return false;
  const words = lhs.replace(/[^a-z]+/g, ' ');
  return q.nouns.some((n) => nounIn(n, words, q) && !ofOtherOnly(q, n, raw.toLowerCase()));
}

// A function of a number right before "=": "\\sin 45^\\circ", "tan(45°)", "\\log_2 8", "\\cos\\left(\\frac{\\pi}{3}\\right)".
const functionValueRe =
  /\b(?:sin|cos|tan|cot|sec|csc|log(?:_\{?\d{1,3}\}?)?|ln)(?:\^\{?-?\d\}?)?[ \t]{0,2}(?:\\left)?[({]?(?:[-\d.+/ \t{}]|\\pi|\u03c0|\\frac|\^\{?\\circ\}?|\u00b0|\\circ){1,24}(?:\\right)?[)}]?$/;
const functionNameRe = /sin|cos|tan|cot|sec|csc|log|ln/;

/** Is the left operand right before the "=" at eq a function of a number (functionValueRe)? */
function functionValueBefore(text: string, eq: number): boolean {
  let e = eq;
  while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9 || text.charCodeAt(e - 1) === 36)) e--;
  const window = text.slice(Math.max(0, e - 40), e);
  return functionNameRe.test(window) && functionValueRe.test(window);
}

/**
 * Does lower-case text hold the noun? "count" (what "how many" asks) only as a word of its own:
 * "headcount", "counted" and "countries" do not name the asked count.
 */
function nounIn(n: string, lower: string, q: QuestionInfo): boolean {
  if (n === 'count') return countWordRe.test(lower);
  if (n.startsWith(COUNTED)) return countedIn(n.slice(COUNTED.length), lower, q.queryWords);
  if (n === THE_NUMBER) return theNumberRe.test(lower);
  const k = lower.indexOf(n);
  if (k <= 0 || lower.charCodeAt(k - 1) !== 92) return k >= 0;
  // "\\sum_{a \\in A} 2^{a-1}", "\\prod": a LaTeX operator, not the noun of a sentence.
  for (let j = lower.indexOf(n, k + n.length); j >= 0; j = lower.indexOf(n, j + n.length)) if (lower.charCodeAt(j - 1) !== 92) return true;
  return false;
}

const countWordRe = /(?<![a-z])count(?![a-z])/;
// "the number" as the asked unknown: not "the number of ...", "the numbers", "the number line".
const theNumberRe = /\bthe (?:original |unknown |mystery |starting )?number\b(?!s| of| line)/;

/**
 * "the number of games", "the number of different pizzas": "number of" and, within a few words
 * after it, the stem of what a "how many" question counts, at a word's start.
 */
function countedIn(stem: string, lower: string, queryWords: ReadonlySet<string> | undefined): boolean {
  for (let k = lower.indexOf(COUNTED); k >= 0; k = lower.indexOf(COUNTED, k + COUNTED.length)) {
    const from = k + COUNTED.length;
    const j = lower.indexOf(stem, from);
    if (j < 0 || j - from > 24 || (j !== from && lower.charCodeAt(j - 1) !== 32)) continue;
    // What is counted, not a part of it: the noun is followed by what says its value ("is", "=",
    // "comes to", the clause's end), not by a qualifier of its own ("the number of eggs packed",
    // "the number of arrangements with A and B together"); the question's own words may come
    // between ("the number of lemons he has now" for "How many lemons does he have now?").
    let at = j + stem.length;
    for (let w = 0; w < 5; w++) {
      countedEndRe.lastIndex = at;
      if (countedEndRe.test(lower)) return true;
      countedWordRe.lastIndex = at;
      const m = countedWordRe.exec(lower);
      if (m === null || queryWords === undefined || !inQuestion(m[2], queryWords)) break;
      at = countedWordRe.lastIndex;
    }
  }
  return false;
}

/** A word of the question, or its verb as a statement writes it ("he has" for "does he have", "she needs" for "does she need"). */
const inQuestion = (w: string, words: ReadonlySet<string>): boolean =>
  words.has(w) || (w.endsWith('s') && (words.has(w.slice(0, -1)) || words.has(w.slice(0, -2)))) || (w === 'has' && words.has('have'));

// The rest of a word, then a blank and the next word.
const countedWordRe = /([a-z]{0,3})[ \t]{1,2}([a-z]{1,20})/y;

// After a counted noun's stem: the rest of its word, then a copula, "=", a verb that states a value,
// or punctuation.
const countedEndRe =
  /[a-z]{0,3}(?:[ \t]{0,2}(?:[=:,.;)]|\\\)|$)|[ \t](?:is|are|was|were|equals?|equal to|comes?|works?|stays?|would|must|should|will|becomes?|totals?|gives?|in all|altogether|remains?)\b)/y;

// After a noun: "of", determiners, then the one or two words it is of ("sum of the remaining numbers").
const ofAfterNounRe =
  /s?[ \t]{1,2}of[ \t]{1,2}(?:(?:the|all|its|their|these|those|a|an|each|every|other)[ \t]{1,2}){0,2}([a-z0-9']{1,20})(?:[ \t]{1,2}([a-z]{3,20}))?/y;

/**
 * The question narrows the noun with "of" ("the sum of the squares"), and every place the lower-
 * case text names it is the same noun of something else ("the sum of the remaining numbers is 12",
 * "the area of the square"): a sub-result, not the asked quantity (the guide). A bare "the sum is
 * 236" still names it.
 */
function ofOtherOnly(q: QuestionInfo, n: string, lower: string): boolean {
  return nounUse(q, n, lower) !== ASKED;
}

const ASKED = 0;
const OTHER = 1;
const UNSURE = 2;

/**
 * How lower-case text holding the noun uses it: ASKED where one place names the asked quantity
 * (the noun narrowed as the question narrows it, or bare), OTHER where every place is the noun of
 * something else ("the sum of the remaining numbers"). Where the question writes the noun of
 * another quantity too (QuestionInfo.nounShared), a bare place tells nothing: UNSURE when no place
 * says more.
 */
function nounUse(q: QuestionInfo, n: string, lower: string): number {
  const stems = q.nounOf?.get(n);
  const parts = q.partWords;
  if (stems === undefined && parts === undefined) return ASKED;
  const shared = q.nounShared?.has(n) === true;
  let use = UNSURE;
  let seen = false;
  for (let k = lower.indexOf(n); k >= 0; k = lower.indexOf(n, k + n.length)) {
    seen = true;
    // "the rectangle area", "the triangle's area": the noun of a part the question names elsewhere (pass 90).
    if (parts !== undefined && partBefore(parts, lower, k)) {
      use = OTHER;
      continue;
    }
    if (stems === undefined) return ASKED;
    ofAfterNounRe.lastIndex = compoundEnd(q.nouns, n, lower, k + n.length);
    const m = ofAfterNounRe.exec(lower);
    if (m === null) {
      if (!shared) return ASKED;
      continue;
    }
    const words = m[2] === undefined ? [m[1]] : [m[1], m[2]];
    if (words.some((w) => stems.includes(qualifierStem(w)))) return ASKED;
    use = OTHER;
  }
  return seen || stems !== undefined ? use : ASKED;
}

// The word right before a noun, maybe possessive ("rectangle area", "triangle's area").
const wordBeforeNounRe = /(?:^|[^a-z])([a-z]{3,})(?:'s|\u2019s)?[ \t]$/;

/** Is the noun at k of lower right after a word of the question's parts (QuestionInfo.partWords)? */
function partBefore(parts: ReadonlySet<string>, lower: string, k: number): boolean {
  const m = wordBeforeNounRe.exec(lower.slice(Math.max(0, k - 24), k));
  return m !== null && parts.has(partStem(m[1]));
}

/** The equation at `eq` works out one term of the asked expression: its line's first left side is that term. */
function leftSideIsTerm(ctx: Context, eq: number): boolean {
  const text = ctx.text;
  let s = eq;
  const floor = Math.max(ctx.from, eq - 200);
  while (s > floor && text.charCodeAt(s - 1) !== 10) s--;
  // The equation's own clause (after the last ". ", "; ", ": " or ", " before it), then that
  // clause's first left side: "95^2 = 9025; 51^2 = 2581; 9025 - 2581 = 6444" reads "9025 - 2581".
  const clause = text.slice(s, eq).replace(/^.*(?:[.;:,][ \t])/, '');
  const firstEq = clause.indexOf('=');
  const raw = firstEq >= 0 ? clause.slice(0, firstEq) : clause;
  const lhs = powers(normalizeMath(raw));
  return ctx.question.terms!.some((t) => lhs === t || (lhs.endsWith(t) && !/[\d.^*/+-]/.test(lhs[lhs.length - t.length - 1])));
}

function findBold(ctx: Context): void {
  const { text, from, to } = ctx;
  let i = text.indexOf('**', from);
  while (i >= 0 && i < to) {
    boldRe.lastIndex = i;
    const m = boldRe.exec(text);
    if (m) {
      const start = i + m[0].indexOf(m[1], 2);
      ctx.add(start, start + m[1].length, 'bold', 2);
      i = text.indexOf('**', boldRe.lastIndex);
    } else i = text.indexOf('**', i + 2);
  }
}

// A printed output's line: a lone value, maybe after a short label ("count: 96", "Result = 14").
const printedLineRe = new RegExp(String.raw`(?:[A-Za-z_][\w ]{0,20}[ \t]{0,2}[:=][ \t]{0,2})?(${VALUE})`, 'y');

/**
 * A code block's printed output: the last line of a fenced block when it is a lone value and the
 * block prints it (an output block of values, or a REPL session whose line before is ">>> ...").
 * The guide (docs/annotation-guide.md) reads a program's printed output of the asked quantity as
 * the result line of that computation; segment.ts decides whether it is the asked one, as for
 * "= X" ending a line.
 */
function findPrintedOutputs(ctx: Context): void {
  const { text, from, to } = ctx;
  let i = text.indexOf('```', from);
  while (i >= 0 && i < to) {
    const open = text.indexOf('\n', i + 3);
    if (open < 0 || open >= to) return;
    const close = text.indexOf('```', open);
    if (close < 0 || close > to) return;
    // The block's last line: back from the closing fence past blanks and line breaks.
    let e = close;
    while (e > open && isSpace(text.charCodeAt(e - 1))) e--;
    let s = e;
    while (s > open + 1 && text.charCodeAt(s - 1) !== 10) s--;
    printedLineRe.lastIndex = s;
    const m = e > s && e - s < 48 ? printedLineRe.exec(text) : null;
    if (m && s + m[0].length === e) {
      // The line before: a REPL prompt ("">>> x % 9"), or none / another printed line (an output block).
      const p = s - 1;
      let ps = p;
      while (ps > open + 1 && text.charCodeAt(ps - 1) !== 10) ps--;
      const prev = p > open ? text.slice(ps, p) : '';
      if (prev === '' || prev.startsWith('>>>') || !codeLineRe.test(prev)) {
        // Adopted: the first line of prose after the block states the value again ("So we get
        // 15.", "Good, the remainder comes out to 0."): the model takes the output as its result,
        // a candidate (the guide), where a value printed and passed over may be a step.
        const adopted = restatedAfter(text, close + 3, to, m[1]);
        ctx.add(e - m[1].length, e, 'equals', adopted ? 3 : 2, adopted);
      }
    }
    i = text.indexOf('```', close + 3);
  }
}

/**
 * Does the first sentence of text after `k` (past blank lines, at most 160 characters) end on
 * `value`, a number of its own with no other number after it? "So we get 15." adopts the output;
 * "So there are 240 bottles, and the total is 240 × 2 = $480." goes on to another result.
 */
function restatedAfter(text: string, k: number, to: number, value: string): boolean {
  while (k < to && isSpace(text.charCodeAt(k))) k++;
  let e = text.indexOf('\n', k);
  if (e < 0 || e > to) e = to;
  let line = text.slice(k, Math.min(e, k + 160));
  const stop = line.search(/[.!?](?:\s|$)/);
  if (stop >= 0) line = line.slice(0, stop);
  const i = line.lastIndexOf(value);
  if (i < 0) return false;
  // Not part of a longer number or a word: "15" in "150", "1.5", "x15" is not the value.
  const b = codeAt(line, i - 1);
  if (isDigitCode(b) || isLetterCode(b) || b === 46 || b === 44) return false;
  for (let j = i + value.length; j < line.length; j++) if (isDigitCode(line.charCodeAt(j))) return false;
  return !isLetterCode(codeAt(line, i + value.length));
}

// A line of code rather than output: an assignment, a call, a keyword, an indented body.
const codeLineRe = /^(?:[ \t]|def |for |while |if |import |from |print\(|return )|\w[\w.]*[ \t]{0,2}(?:[-+*/]?=(?!=)|\()/;

// An option's letter leading an explicit answer's content: "\\text{C }...", "B. 6", "(D) 9", "C: {1}".
// The value may follow the letter in brackets with no space ("D\\left(\\frac{\\sqrt{65}}{2}\\right)", "D(\\frac12)",
// "B\\text{（}a=1\\text{）}"): the option spelled out, as after a space (pass 37d).
const optionLeadRe =
  /^(?:\\text(?:bf)?\{)?[ \t]{0,2}\(?([A-J])\)?[ \t]{0,2}(?:\}|[.:\uff0e\uff1a][ \t]{0,2}|[ \t]|(?=\\left[([]|[(\uff08]|\\text\{[(\uff08]))[ \t]{0,2}\S/;
// Or trailing it in brackets after the option's value ("-\\frac{1}{21}\\text{（选A）}", "6 (B)"): the
// value and its letter give one option, the letter.
const optionTrailRe = /[(\uff08][ \t]{0,2}(?:\u9009|option[ \t]?)?[ \t]{0,2}([A-J])[ \t]{0,2}[)\uff09][ \t]{0,2}\}?[ \t]{0,2}$/i;
// Two to five option letters listed ("B and C", "B, C", "B & C", "\\text{A、C}"): a set, not its first letter (pass 64).
const optionListRe = new RegExp(String.raw`^(?:\\text(?:bf)?\{)?[ \t]{0,2}(?:${OPTION_LIST})[ \t]{0,2}\}?$`);

/** The option letter leading or trailing an explicit answer's content; none for a list of letters (the set is the answer). */
function optionLead(content: string): RegExpExecArray | null {
  if (content.length <= 60 && optionListRe.test(content)) return null;
  return optionLeadRe.exec(content) ?? optionTrailRe.exec(content);
}
// A letter judged rather than chosen: "So A is wrong", "B is incorrect", "C is not".
// An adverb may stand before the verdict ("So D is definitely false", "C would be false if ...",
// "So E is probably not the right answer", "H is likely not applicable"), and "too" judges the
// option against the question ("So B is too broad"; pass 63b).
// Pass 86a: and the verdict with no verb, as options are ruled out one by one ("So A fails.", "So (D)
// impossible.", "So (E) not correct.", "Thus (A) eliminated.", "So (C) would not be the answer").
const optionDeniedRe =
  /^[)\uff09*$}]{0,3}[ \t]{0,3}(?:is|was|seems|would be)[ \t]{1,3}(?:(?:definitely|clearly|also|certainly|obviously|still|indeed|probably|likely)[ \t]{1,3})?(?:wrong|incorrect|false|not|out|eliminated|ruled out|too|impossible|invalid)\b|^[)\uff09*$}]{0,3}[ \t]{0,3}(?:isn't|doesn't|does not|can't|cannot)\b|^[)\uff09*$}]{0,3}[ \t]{1,3}(?:(?:definitely|clearly|also|certainly|obviously|still|probably|likely)[ \t]{1,3})?(?:fails|failed|violates|impossible|invalid|eliminated|ruled out|would(?:n't|[ \t]{1,3}not)|not[ \t]{1,3}(?:correct|valid|possible|true|right|the answer))\b/i;
// Pass 86a: or judged in its sentence and then ruled out as the answer ("So G is a property, not the
// answer", "So B is a property, so not the answer": the options of a "which is NOT" question checked in turn).
const notTheAnswerRe = /^[^.;!?\n]{0,50}?,[ \t]{1,2}(?:so[ \t]{1,2})?not[ \t]{1,2}the[ \t]{1,2}(?:(?:correct|right)[ \t]{1,2})?answer\b/i;
// A letter that names a point or a set ("So C is on the line parallel to AB", "$B \cup A$"): a
// relation or an operation after it, not a verdict.
const letterNamesRe =
  /^[ \t]{0,2}(?:\\(?:cup|cap|subset|subseteq|perp|parallel)\b|[\u222a\u2229\u22a5\u2225\u2282\u2208]|(?:is|lies)[ \t]{1,2}(?:on|at|inside|outside|above|below)\b)/;
// Before "option X": a verb that goes back over it ("Let me check option B again", "Look at option
// C"), or a preposition that talks about it ("In option C, if ...", "the value of option B"; pass 42b).
// Stop 38: and the same verbs heading a step ("**Re-examining Option D (if ...):**", "**Focusing on
// Option A again:**"), which the blanks of a fill-in question had left unread.
const optionExaminedRe =
  /\b(?:check|re-?check|verify|examin(?:e|ing)|reconsider(?:ing)?|revisit(?:ing)?|look(?:ing)?[ \t]{1,2}at|focus(?:ing)?[ \t]{1,2}on|consider(?:ing)?|in|of|for|about|from)[ \t]{1,2}$/i;
// Pass 98e: before "option X", a comparison ("close to option E", "closest to option E", "similar to
// option A", "less specific than option B", "unlike option C", "compared with option D"): the option
// set beside something else, not chosen (the guide: a choice letter's description). Not "the same as
// option B", which may state the answer worked out ("my result is the same as option B").
const optionComparedRe =
  /\b(?:close(?:st)?[ \t]{1,2}to|similar[ \t]{1,2}to|different[ \t]{1,2}from|than|unlike|compared[ \t]{1,2}(?:to|with)|versus|vs\.?)[ \t]{1,2}$/i;
// An option letter hedged right after it: "B might be", "D may be", "C could be".
const optionHedgedRe =
  /^[)\uff09*$}]{0,3}[ \t]{0,3}(?:might|may|could|(?:seems|is|looks)[ \t]{1,2}(?:possible|plausible|likely|a possibility)\b)/;
// An option letter followed by "or" and another: "E or G", "(B) or (D)", "C or maybe option D".
const optionOrRe = /^[)\uff09*]{0,2}[ \t]{1,2}or[ \t]{1,2}(?:maybe[ \t]{1,2})?(?:[Oo]ption[ \t]{1,2})?[(\uff08]?[A-J](?![A-Za-z0-9])/;
// The second of two: "E or option G", "(B) or maybe (D)".
const orOptionRe = /(?<![A-Za-z0-9])[A-J][)\uff09]?[ \t]{1,2}or[ \t]{1,2}(?:maybe[ \t]{1,2})?(?:[Oo]ption[ \t]{1,2})?[(\uff08]?$/;
// "I" as the pronoun or a roman numeral: a lowercase word, an apostrophe or another numeral after it.
const pronounAfterRe = /^(?:[ \t]{1,2}[a-z]|['\u2019]|[ \t]{0,2},[ \t]{0,2}I)/;
// A chosen option: "Option C", "choice B", "answer is (D)", "choose (B)", "∴ (C)", "选项B", "答案为C", "So B.", "is B";
// "should be (A)" / "would be (B)" as the answer cues of answerTail ("the answer should be (C) instead");
// "I pick C", "I'll go with B" commit the speaker to an option (not "we choose A to be ...").
// (The lookbehinds follow their words, "pick(?<=\bI pick)", not lead them: a leading lookbehind is
// tried at every offset of the body, and the scan took twice as long; the matches are the same.)
const optionChoiceRe =
  /(?:\b(?:[Oo]ption|[Cc]hoice|(?:[Cc]hoose|[Ss]elect)(?=[ \t]{1,2}[(\uff08])|(?:pick|choose|select|go with)(?<=\b(?:I|I'll|I will|[Ss]o|[Tt]hus|[Tt]herefore|[Hh]ence)[ \t]{1,2}(?:pick|choose|select|go with))|going with(?<=\b(?:I am|I'm|I\u2019m)[ \t]{1,2}going with)|(?:final_)?[Aa]nswer(?: is| remains|")?|(?:[Ss]o|[Tt]hus|[Tt]herefore|[Hh]ence|[Ss]till),?|[Ii]s|be(?<=\b(?:would|will|should|must)[ \t]{1,2}be))|\u2234|\u9009\u9879|\u7b54\u6848(?:\u4e3a|\u662f)?|\u9009)[ \t]{0,2}[:\uff1a]?[ \t]{0,2}(?:(?:\*\*|\$|\\text\{|")[ \t]?)?[(\uff08]?([A-J])[)\uff09]?(?![A-Za-z0-9])/g;

// "the only correct statement is D": the set of one, named as such.
const onlyOneRe = /\bonly[ \t]{1,2}(?:correct|true|right|valid)[ \t]{1,2}(?:one|statement|option|choice|answer)[ \t]{1,2}is$/i;
// A letter that opens a list of options ("A, C, D", "A and B", "ABC"): the list is the answer.
const listGoesOnRe =
  /^(?:[A-E]|[*)\uff09]{0,2}[ \t]{0,2}(?:[,\uff0c\u3001&\u548c\u4e0e\u53ca]|and\b)[ \t]{0,2}(?:and[ \t]{1,2})?[(\uff08]?[A-E](?![A-Za-z]))/;

const namedChoiceRe = /^(?:pick|choose|select|go with|[Oo]ption|[Cc]hoice)\b/;
// After an option's letter: a colon that opens its content ("Option A: ∠CAD ≥ 60°", "Option A:**
// Can k be any real number?"), or a verb that reads the option out ("Option D says ...").
// Pass 98a: also after the letter's closing bracket ("Option (B): T, X, U, ...").
const optionHeadedRe = /^[)\uff09]?(?:\*{1,2})?[ \t]{0,2}[:\uff1a][ \t]{0,2}(?:\*{1,2}[ \t]{0,2})?[^\s*]/;
// Pass 98a: or a heading whose colon ends its line, the option's content on the lines below ("Option A:⏎Mon
// morning: Helen", "Taking Option D:⏎⏎Structure: ...", "Moving to option B:⏎⏎B) Mon. morning: ...").
const optionHeadLineRe = /^[)\uff09]?(?:\*{1,2})?[ \t]{0,2}[:\uff1a][ \t]{0,2}(?:\*{1,2})?[ \t]{0,2}\r?\n(?:[ \t]{0,4}\r?\n)?[ \t]{0,4}\S/;
// What may stand before such a heading on its line: a bullet or a mark, and at most three words that
// lead it in ("Taking", "Moving to", "Now check"); not a conclusion ("So the answer is option C:").
const headingLeadRe = /^[ \t]{0,8}(?:[-*+#>\u2022]{1,4}[ \t]{0,4})?(?:[A-Za-z]{1,12}[ \t,]{1,3}){0,3}$/;
const headingLeadDeniedRe =
  /\b(?:[Ss]o|[Tt]hus|[Tt]herefore|[Hh]ence|[Aa]nswer|[Cc]orrect|[Rr]ight|[Bb]est|[Cc]hoose|[Pp]ick|[Ss]elect|[Ff]inal|is|be)\b/;
/** Pass 98a: is the option named at `at` a heading over its content on the lines below (optionHeadLineRe), led in by at most a few words? */
function headsItsLines(text: string, at: number, afterLetter: number): boolean {
  if (!optionHeadLineRe.test(text.slice(afterLetter, afterLetter + 16))) return false;
  const lead = text.slice(Math.max(0, text.lastIndexOf('\n', at - 1) + 1, at - 40), at);
  return headingLeadRe.test(lead) && !headingLeadDeniedRe.test(lead);
}
// Also what the option is about or quotes ("Option H is to offer ...", "Option A is \"no one
// else\"", "B is about ..."): its content read out (pass 42a).
const optionSaysRe =
  /^[ \t]{1,2}(?:says|states|claims|asserts|reads|mentions|describes|suggests|refers[ \t]{1,2}to|talks[ \t]{1,2}about|is[ \t]{1,2}(?:to|about)[ \t])/;
// Or by what it holds ("option B includes b quarks", "option B has Olivia in the afternoon", "Option C
// lists ..."): the option read out for examination, as "Option A says" is (pass 77c).
const optionHoldsRe = /^[)\uff09]?[ \t]{1,2}(?:includes?|involves?|contains?|has|have|lists?|uses?|requires?|proposes?|offers?|gives?)\b/;
// Or the option named after "is" by what it holds ("Option F is WEP2", "option E is Charles
// Chamberland"): a capitalized name that is no verdict, the option read out (pass 75).
const optionNamedRe =
  /^[)\uff09]?[ \t]{1,2}is[ \t]{1,2}(?!(?:TRUE|FALSE|CORRECT|True|False|Correct|Right|Wrong|Valid|Invalid|Yes|No|It|I|A|An|The|Option|Choice)\b)[A-Z][A-Za-z0-9]/;
// A verdict on the option in the rest of its line.
const verdictInLineRe = /\b(?:[Cc]orrect|CORRECT|[Tt]rue|[Mm]atch(?:es)?)\b|\u2713|\u2714/g;
// Pass 98a: a verdict denied right before it is none ("That doesn't sound correct", "is not true").
const verdictDeniedRe = /(?:\b(?:not|never|no)|n't)[ \t]{1,2}(?:[a-z]{1,10}[ \t]{1,2}){0,2}$/;
/** A verdict on the option in `line` (the rest of its line), not one denied ("doesn't sound correct"). */
function verdictInLine(line: string): boolean {
  verdictInLineRe.lastIndex = 0;
  let v: RegExpExecArray | null;
  while ((v = verdictInLineRe.exec(line)) !== null) if (!verdictDeniedRe.test(line.slice(Math.max(0, v.index - 30), v.index))) return true;
  return false;
}

/** The text from `i` to the end of its line, at most `max` characters. */
function lineAfter(text: string, i: number, max: number): string {
  const s = text.slice(i, i + max);
  const e = s.indexOf('\n');
  return e < 0 ? s : s.slice(0, e);
}
const sentenceAfterRe = /^[.\uff0e][ \t]{1,2}(?:[A-Z][a-z]|OK\b)/;

// A letter given as the answer: "the answer is C", "Answer: C".
const answerIsRe = /^(?:final_)?[Aa]nswer(?: is|")?/;
// A letter chosen after a conclusion's lead ("Hence choose C. Let me check", "Still D. We will output D",
// "I am going with C. Done"): its sentence ends there when a new one follows, unless the option's content does.
const choiceEndsRe = /^(?:[Ss]o|[Tt]hus|[Tt]herefore|[Hh]ence|[Ss]till|choose|pick|select|go with|going with)[ \t]{0,2}\(?[A-J]/;

/** Whether the rest of the letter's line, after "C. ", is that option's content ("C. George Orwell's 1984."). */
function namesItsOption(ctx: Context, letter: string, start: number): boolean {
  const rest = lineAfter(ctx.text, start + 2, 160)
    .trim()
    .replace(/[.;,]$/, '');
  return rest !== '' && optionOfValue(ctx.question.optionOf!, rest) === letter.toLowerCase();
}

// After "Thus, C": the option named as the answer ("is the correct answer", "is the right choice", "is correct").
const commaChoiceAfterRe =
  /^[ \t]{1,2}(?:is|would be|should be|must be)[ \t]{1,2}(?:(?:the|my)[ \t]{1,2}(?:(?:correct|right|best|final|only)[ \t]{1,2})?(?:answer|option|choice)\b|correct\b|right\b)/;

/** For a multiple-choice question: statements of a chosen option letter (conclusions about the asked quantity). */
function findOptionLetters(ctx: Context): void {
  const { text, from, to } = ctx;
  // Only the question's own letters: "E" when the options are A-D is a name ("is $E[X] = ...").
  const letters = new Set(ctx.question.optionOf!.values());
  optionChoiceRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = optionChoiceRe.exec(text)) !== null && m.index < to) {
    if (!letters.has(m[1].toLowerCase())) continue;
    const start = m.index + m[0].lastIndexOf(m[1]);
    // A letter that opens an option list entry ("B. 6 (Correct)") is a label, not a choice: skip "X." followed by content.
    // A choice named as such ("I pick B.", "which is option D.") ends its sentence there when a new
    // one follows ("I pick B. That makes sense", "option D. OK").
    // So does the letter given as the answer, and there the option's content may follow it too ("The
    // correct answer is C. George Orwell's 1984.", "The answer is B. It is the only one", fmt33).
    // The scanned text's end (a thinking block's closing tag: "answer: B.</think>") ends the sentence too.
    if (
      /^[.\uff0e][ \t]{0,2}\S/.test(text.slice(start + 1, Math.min(to, start + 4))) &&
      !/^[.\uff0e][ \t]*(?:$|\n)/.test(text.slice(start + 1, Math.min(to, start + 4))) &&
      !(namedChoiceRe.test(m[0]) && sentenceAfterRe.test(text.slice(start + 1, start + 8))) &&
      !(answerIsRe.test(m[0]) && (sentenceAfterRe.test(text.slice(start + 1, start + 8)) || namesItsOption(ctx, m[1], start))) &&
      // Pass 79a: after any choice cue the letter may be followed by its own option's content, the
      // rest of its line ("So the correct answer should be C. Dermatomyositis."): the option chosen by
      // letter and content, not a list entry.
      !namesItsOption(ctx, m[1], start) &&
      !(choiceEndsRe.test(m[0]) && sentenceAfterRe.test(text.slice(start + 1, start + 8)))
    )
      continue;
    if (optionDeniedRe.test(text.slice(start + 1, start + 28)) || notTheAnswerRe.test(text.slice(start + 1, start + 70))) continue;
    // "Thus, C is the correct answer.": after a comma the letter is chosen only where it is named the
    // answer ("So, A is the beginning, C is the end" reads the options out; pass 74b).
    if (m[0].includes(',') && !commaChoiceAfterRe.test(text.slice(start + 1, start + 48))) continue;
    // "So B might be the answer", "D could be it": an option guessed, not committed to (the guide: a
    // guess that is not a conclusion), as "might be B" is tentative before the letter.
    if (optionHedgedRe.test(text.slice(start + 1, start + 16))) continue;
    // "the answer is E or G", "B or maybe D": two options left open, neither committed to (the guide:
    // a value is a candidate as the model's current conclusion).
    if (optionOrRe.test(text.slice(start + 1, start + 24)) || orOptionRe.test(text.slice(Math.max(from, start - 24), start))) continue;
    // With options past H, "I" is also the pronoun and the roman numeral: "So I think", "So I and II
    // are", "I'm"; the letter stands alone or before a bracket or punctuation ("option I (provide ...)").
    if (m[1] === 'I' && pronounAfterRe.test(text.slice(start + 1, start + 4))) continue;
    if (describesOption(ctx, start)) continue;
    // "**Option A: ∠CAD ≥ 60°**", "Option D: $\approx 4.031$", "Option A says ...", "Option F is WEP2": the option
    // headed or read out for examination, not chosen (the guide: a choice letter's description),
    // unless its line gives it a verdict ("Check option A: x = 2, y = -3. Correct.").
    if (
      (optionSaysRe.test(text.slice(start + 1, start + 16)) ||
        optionHoldsRe.test(text.slice(start + 1, start + 24)) ||
        optionNamedRe.test(text.slice(start + 1, start + 20)) ||
        (namedChoiceRe.test(m[0]) && optionHeadedRe.test(text.slice(start + 1, start + 8)))) &&
      !verdictInLine(lineAfter(text, start + 1, 160))
    )
      continue;
    if (namedChoiceRe.test(m[0]) && headsItsLines(text, m.index, start + 1)) continue;
    if (namedChoiceRe.test(m[0]) && optionComparedRe.test(text.slice(Math.max(from, m.index - 24), m.index))) continue;
    // "So B and C both seem true", "So C and D have the same height": where one option is the
    // answer, a letter that opens a list of two or more chooses none of them (they are weighed
    // together, or name points).
    if (!ctx.question.multiSelect && listGoesOnRe.test(text.slice(start + 1, start + 12))) continue;
    if (letterNamesRe.test(text.slice(start + 1, start + 16))) continue;
    if (
      namedChoiceRe.test(m[0]) &&
      optionExaminedRe.test(text.slice(Math.max(from, m.index - 16), m.index)) &&
      !verdictInLine(lineAfter(text, start + 1, 160))
    )
      continue;
    // Where several options may be right, one letter given as the answer ("**Answer:** C", "Final
    // answer: A") is the set of one committed to (docs/annotation-guide.md: an explicit final
    // statement), not a verdict on that option ("So C is correct").
    if (
      ctx.question.multiSelect &&
      (/^(?:[Aa]nswer|\u7b54\u6848)/.test(m[0]) || onlyOneRe.test(text.slice(Math.max(from, m.index - 40), m.index + 2))) &&
      !listGoesOnRe.test(text.slice(start + 1, start + 12))
    )
      ctx.add(start, start + 1, 'final-answer', 4, true);
    else ctx.add(start, start + 1, 'conclusion', 3, true, labelledChoice(ctx, m[0], start));
  }
}

// Where the option's content ends in the rest of the line: a stop, a comma, a bracket or a dash.
const clauseEndRe = /[.;,:!?(]|[ \t][-\u2014][ \t]/;
/**
 * The letter chosen after an answer cue and written with a closing bracket, the option's content after
 * it ("So the answer should be C) Not enough information", "I think the answer is B) The immigrant
 * person"): the option given as the answer with its label copied, as "(C) Not enough information" is
 * (pass 77a). standsAlone reads a lone ")" after a value as closing an expression; here the content
 * that follows is that option's own, so the letter stands alone. Not after "Option" / "Choice" (the
 * option read out: "Option B) The immigrant person: ...").
 */
function labelledChoice(ctx: Context, cue: string, start: number): boolean {
  const text = ctx.text;
  if (text.charCodeAt(start + 1) !== 41 || text.charCodeAt(start - 1) === 40 || namedChoiceRe.test(cue)) return false;
  if (text.charCodeAt(start + 2) !== 32) return false;
  const rest = lineAfter(text, start + 3, 160).trim();
  const clause = normalizeAnswer(rest.slice(0, clauseEndRe.exec(rest)?.index ?? rest.length));
  const key = normalizeAnswer(rest);
  const letter = text[start].toLowerCase();
  for (const [content, l] of ctx.question.optionOf!)
    if (
      l === letter &&
      content !== '' &&
      (clause === optionKeyContent(content) || (content.length >= 4 && key.startsWith(optionKeyContent(content))))
    )
      return true;
  return false;
}

// An entry of a list of the options judged one by one, up to its verdict: "*   C. $\{-\frac{1}{2}, 1\}$ -> ",
// "- (B) 6: ", "Option D — ". The letter opens the line (after a bullet), the verdict closes it.
const optionEntryRe =
  /^[ \t]{0,8}(?:[-*+\u2022][ \t]{1,4})?(?:\*\*)?(?:Option[ \t])?\(?([A-J])\)?(?:\*\*)?[.:)\uff0e\uff1a][^\n]{0,160}?(?:->|\u2192|\u2014|-|:|\()[ \t]{0,2}(?:\*\*)?$/;
const correctClosesRe = /^(?:\*\*)?[ \t]{0,2}(?:[.!)]|\*\*|[ \t]*$|[ \t]*\r?\n)/;

/**
 * In a single-answer multiple-choice question, an option judged the correct one in a list that
 * goes over the options ("*   C. $\{-\frac{1}{2}, 1\}$ -> Correct."): the verdict commits to that
 * option (docs/annotation-guide.md: a letter described is no choice; judged the correct one, it is
 * chosen). Found where "Correct" is written (indexOf), its line read back to the letter.
 */
function findOptionVerdicts(ctx: Context): void {
  const { text, from, to } = ctx;
  const letters = new Set(ctx.question.optionOf!.values());
  for (let i = text.indexOf('Correct', from); i >= 0 && i < to; i = text.indexOf('Correct', i + 7)) {
    if (!correctClosesRe.test(text.slice(i + 7, i + 12))) continue;
    const lineStart = Math.max(from, text.lastIndexOf('\n', i) + 1, i - 200);
    const m = optionEntryRe.exec(text.slice(lineStart, i));
    if (m === null || !letters.has(m[1].toLowerCase())) continue;
    const start = lineStart + m[0].indexOf(m[1]);
    // The letter follows a bullet ("*", "-"), which standsAlone would read as an operator.
    ctx.add(start, start + 1, 'conclusion', 3, true, true);
  }
}

// A closing line that is only an option's letter: "B", "**B**", "(B)", "B.", "ANSWER: B", "**Answer:** (B)";
// pass 84: or quoted, '**answer**: "D"', "「D」".
const optionLineRe =
  /^(?:\*\*)?(?:(?:ANSWER|[Aa]nswer|[Ff]inal[ \t][Aa]nswer)[ \t]{0,2}(?:\*\*)?[:\uff1a][ \t]{0,2}(?:\*\*)?[ \t]{0,2})?["\u201c\u300c]?[(\uff08]?([A-J])[)\uff09]?["\u201d\u300d]?[.]?(?:\*\*)?$/;

// A closing line that is an option's letter and that option's content: "C. Vitamin C", "(B) water.".
const optionEntryLineRe = /^(?:\*\*)?[(\uff08]?([A-J])[.)\uff09][ \t]{1,2}([^\n]+?)(?:\*\*)?$/;

/**
 * In a single-answer multiple-choice question, the last line of the scanned text (a thinking block,
 * the write-up after it) holding nothing but an option's letter, bare or marked ("B", "**B**",
 * "(B)", "ANSWER: B"), gives that option as the response's answer (docs/annotation-guide.md: an
 * explicit final statement; a multiple-choice answer is its letter). One line, read from the end
 * (pass 63a).
 */
function findOptionLastLine(ctx: Context): void {
  const { text, from, to } = ctx;
  let e = to;
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  const s = Math.max(from, text.lastIndexOf('\n', e - 1) + 1);
  if (e - s > 240) return;
  let a = s;
  while (a < e && (text[a] === ' ' || text[a] === '\t')) a++;
  // Or the letter with its own option's content: "C. Vitamin C", "**B. Smaller than Earth**" (fmt33, MixEval).
  const entry = e - a > 40 || !optionLineRe.test(text.slice(a, e)) ? optionEntryLineRe.exec(text.slice(a, e)) : null;
  if (entry !== null) {
    if (optionOfValue(ctx.question.optionOf!, entry[2].replace(/[.;,]$/, '')) !== entry[1].toLowerCase()) return;
    ctx.add(a + entry[0].indexOf(entry[1]), a + entry[0].indexOf(entry[1]) + 1, 'final-answer', 4, true, true);
    return;
  }
  if (e - a > 40) return;
  const m = optionLineRe.exec(text.slice(a, e));
  if (m === null || !new Set(ctx.question.optionOf!.values()).has(m[1].toLowerCase())) return;
  // Only a bracket, a full stop or bold follow the letter: its last occurrence in the line.
  const start = a + m[0].lastIndexOf(m[1]);
  ctx.add(start, start + 1, 'final-answer', 4, true, true);
}

/**
 * The response's last line inside the scanned text, [first non-blank, end without trailing blanks),
 * when only blanks follow the scanned text and the line is at most `max` characters long.
 */
function closingLine(ctx: Context, max: number): [number, number] | undefined {
  const { text, from, to } = ctx;
  let e = to;
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  if (e === from) return undefined;
  for (let k = to; k < text.length; k++) if (!isSpace(text.charCodeAt(k))) return undefined;
  const s = Math.max(from, text.lastIndexOf('\n', e - 1) + 1);
  if (e - s > max) return undefined;
  let a = s;
  while (a < e && (text[a] === ' ' || text[a] === '\t')) a++;
  return [a, e];
}

// A response's closing line "A: 18" (Q:/A: few-shot prompting, as openai/grade-school-math's model solutions end).
const answerLetterLineRe = new RegExp(String.raw`^A:[ \t]{0,2}\$?(${VALUE})[ \t]{0,2}\.?$`);

/**
 * In a question that shows no options, the response's last line "A: 18" gives its final answer
 * (docs/annotation-guide.md: an explicit final statement), as "Answer: 18" does (fmt33). Where
 * the question has options, "A:" is an option's label (findOptionLastLine reads a letter there).
 */
function findAnswerLetterLine(ctx: Context): void {
  const line = closingLine(ctx, 40);
  if (line === undefined) return;
  const { text } = ctx;
  const [a, e] = line;
  if (text[a] !== 'A' || text[a + 1] !== ':') return;
  const m = answerLetterLineRe.exec(text.slice(a, e));
  if (m === null) return;
  const start = a + m[0].indexOf(m[1], 2);
  ctx.add(start, start + m[1].length, 'final-answer', 4, true, true);
}

// Stop 36: a response's closing line "#### 72" (GSM8K's answer format, which few-shot prompts teach).
const hashAnswerLineRe = new RegExp(String.raw`^#### ?\$?(${VALUE})[ \t]{0,2}\.?$`);

/**
 * The response's last line "#### 72" gives its final answer (docs/annotation-guide.md: an explicit
 * final statement), as GSM8K's reference solutions end and as a model prompted with them writes
 * (judge36: such a response read no candidate at all). One line, read from the end.
 */
function findHashAnswerLine(ctx: Context): void {
  const line = closingLine(ctx, 48);
  if (line === undefined) return;
  const { text } = ctx;
  const [a, e] = line;
  if (!text.startsWith('####', a)) return;
  const m = hashAnswerLineRe.exec(text.slice(a, e));
  if (m === null) return;
  const start = a + m[0].indexOf(m[1], 4);
  ctx.add(start, start + m[1].length, 'final-answer', 4, true, true);
}

// A conclusion cue, after which the sentence may name the chosen option by its content ("So the
// correct statement is that ...", "Therefore, ...", "Final answer: ..."), or a superlative verdict
// ("Jupiter is the densest"; group 1), whose subject comes before it.
// (Its lookbehind follows "So", as optionChoiceRe's do: the scan a third faster, the same matches.)
const contentCueRe =
  /[Ss]o(?<![A-Za-z][ \t]{0,2}[Ss]o)\b|\b(?:[Tt]herefore|[Tt]hus|[Hh]ence|[Ff]inal[ \t][Aa]nswer|[Aa]nswer[ \t](?:is|would[ \t]be|should[ \t]be)|[Ii]n[ \t]conclusion|(?:correct|right|best|true)[ \t](?:statement|answer|option|choice|one)[ \t](?:is|would[ \t]be|should[ \t]be|must[ \t]be))\b|\b[Aa]nswer(?=[ \t]?:|\*\*)|\b(?:is|has)[ \t]the[ \t](most|least|[a-z]{1,12}est)\b/g;
// A letter in the sentence: the option is named by its letter (findOptionLetters reads it) or examined ("Option C says").
// A letter standing alone ("option C", "(B)", "the answer is C (search history)", "E says"); not
// the article or the pronoun before a word ("A trap-free device", "I think").
// Stop 43 (fx43): "I" in a run of roman numerals ("statements I, II, III", "I/III", "II and I") is a
// statement's number, not the option letter I: not an option letter where a numeral II-VI follows or
// precedes it across a comma, a slash, "&", "and" or "or" ("I and III" already reads as the pronoun's test).
const letterInSentenceRe =
  /(?<![A-Za-z0-9\\'\u2019])(?:[A-HJ]|I(?![ \t]{0,2}(?:[,/&]|and|or)[ \t]{0,2}(?:and[ \t]{1,2}|or[ \t]{1,2})?(?:II|III|IV|V|VI)(?![A-Za-z0-9]))(?<!(?<![A-Za-z0-9])(?:II|III|IV|V|VI)[ \t]{0,2}(?:[,/&]|and|or)[ \t]{0,2}(?:and[ \t]{1,2}|or[ \t]{1,2})?I))(?![A-Za-z0-9'\u2019])(?![ \t]+[a-z])|(?<![A-Za-z0-9\\'\u2019])[B-HJ][ \t]+(?=[a-z])/;
// Words that deny or doubt what the sentence says of the option ("is false", "is not", "rule out").
const CONTENT_DENIED = new Set(
  'not isn aren doesn don didn cannot wasn won wouldn shouldn never false incorrect wrong invalid unlikely rule rules ruled eliminate eliminated eliminates except neither nor if whether maybe might perhaps'.split(
    ' ',
  ),
);
const wordRe = /[A-Za-z0-9]+/g;

/**
 * The option a sentence with a conclusion cue names by its content: the one whose words it holds
 * (at least 75%, its words no other option has counted twice), clearly ahead of the next (by 0.3);
 * an option of one or two short words (a number with a unit, a name) only where its words stand in
 * the sentence in a row, as a value would. Undefined where none or two are named.
 */
function namedOption(
  options: readonly OptionWords[],
  words: readonly string[],
  seen: ReadonlySet<string>,
  tail: string,
  at: readonly number[],
): OptionWords | undefined {
  let best: OptionWords | undefined;
  let bestScore = 0;
  let second = 0;
  const scores: number[] = [];
  for (const o of options) {
    let score = 0;
    const prose = o.words.filter((w) => w.length >= 3 && !isDigitCode(w.charCodeAt(0))).length >= 2;
    if (prose) {
      let hit = 0;
      let hitDistinct = 0;
      for (const w of o.words) if (seen.has(w)) hit++;
      for (const w of o.distinct) if (seen.has(w)) hitDistinct++;
      // An option with words of its own is named only with one of them.
      score = o.distinct.length > 0 && hitDistinct === 0 ? 0 : (hit + hitDistinct) / (o.words.length + o.distinct.length);
      // Options that differ in one or two words ("Tom is Bob's grandparent" / "Tom is Bob's
      // grandchild", an ordering) are named only with their words in their order: "Bob is Tom's
      // grandchild" states option 2's relation the other way round, and is read as no option (pass 55).
      if (score > 0 && o.distinct.length <= 2 && o.words.length - o.distinct.length >= 2 && !inOrder(o.words, words, seen)) score = 0;
      // Pass 80f: nor where the sentence leaves out a word the option shares with some other options
      // but not all, the word that tells them apart ("Andrea is Lauren's grandchild" names neither
      // "... great grandchild" nor "... great grandparent": "great" is left out). Short options only
      // (six content words or fewer), where one word changes the relation.
      if (score > 0 && o.words.length <= 6 && o.words.some((w) => !seen.has(w) && sharedBySome(options, o, w))) score = 0;
    } else if (o.label) {
      if (namesLabel(o.seq[0], words, tail, at)) score = 1;
    } else if (
      o.seq.length > 0 &&
      o.seq.length <= 6 &&
      /[a-z]{3}|\d.*[a-z]|[a-z].*\d/.test(o.seq.join(' ')) &&
      inRow(words, o.seq, tail, at, o.norm)
    )
      score = 1;
    scores.push(score);
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = o;
    } else if (score > second) second = score;
  }
  if (best === undefined || bestScore < 0.75) return undefined;
  if (bestScore - second >= 0.3) return best;
  // Pass 79d: options alike by their words ("Metastatic follicular thyroid carcinoma" and
  // "Metastatic thyroid carcinoma") are told apart where the sentence writes one of them whole, every
  // word in its order and in a row ("the diagnosis would be metastatic follicular thyroid
  // carcinoma"): the longest such option, where no other is as long and the others named are inside it.
  let whole: OptionWords | undefined;
  let tied = false;
  for (const [k, o] of options.entries()) {
    if (scores[k] < 0.75 || o.label || o.seq.length < 2 || !seqInRow(words, o.seq)) continue;
    if (whole === undefined || o.seq.length > whole.seq.length) {
      whole = o;
      tied = false;
    } else if (o.seq.length === whole.seq.length) tied = true;
  }
  if (whole === undefined || tied || !prosePhrase(whole)) return undefined;
  // Only where the others named hold no word of their own ("Metastatic thyroid carcinoma" inside
  // "metastatic follicular thyroid carcinoma"): "So Kim is Max's grandmother or aunt" names two.
  const own = new Set(whole.words);
  return options.every((o, k) => o === whole || scores[k] < 0.75 || o.words.every((w) => own.has(w))) ? whole : undefined;
}

/** Is `w`, a word of option `o`, a word of another option too but not of every option (pass 80f)? */
const sharedBySome = (options: readonly OptionWords[], o: OptionWords, w: string): boolean =>
  options.some((x) => x !== o && x.words.includes(w)) && !options.every((x) => x.words.includes(w));

/** An option of prose: two words or more of three letters or more, not numbers (pass 79d). */
const prosePhrase = (o: OptionWords): boolean => o.words.filter((w) => w.length >= 3 && !isDigitCode(w.charCodeAt(0))).length >= 2;

/** Does `seq` stand in `words` word for word, in a row (pass 79d)? Bounded by the sentence's words times the option's. */
function seqInRow(words: readonly string[], seq: readonly string[]): boolean {
  for (let i = 0; i + seq.length <= words.length; i++) {
    let j = 0;
    while (j < seq.length && words[i + j] === seq[j]) j++;
    if (j === seq.length) return true;
  }
  return false;
}

/**
 * Does the sentence name the item label (an option "c" of items a-d: "planet c", "ρ_c", "(c)")? Written
 * in lower case, alone; "a" and "i" only marked as a label ("_a", "(a)", "a)"): elsewhere they are words.
 */
function namesLabel(label: string, words: readonly string[], tail: string, at: readonly number[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== label || tail.startsWith(label, at[i]) === false) continue;
    if (label !== 'a' && label !== 'i') return true;
    const before = tail[at[i] - 1];
    if (before === '_' || before === '(' || tail[at[i] + 1] === ')') return true;
  }
  return false;
}

/** Does `s` hold a word that denies or doubts (CONTENT_DENIED) and is not the option's own? */
function deniedIn(s: string, own: ReadonlySet<string>): boolean {
  for (const w of s.match(wordRe) ?? []) {
    const x = w.toLowerCase();
    if (CONTENT_DENIED.has(x) && !own.has(x)) return true;
  }
  return false;
}

/** Do the option's words that the sentence holds (`seen`) stand in its `words` in the option's order? */
function inOrder(optionWords: readonly string[], words: readonly string[], seen: ReadonlySet<string>): boolean {
  let j = 0;
  while (j < optionWords.length && !seen.has(optionWords[j])) j++;
  for (let i = 0; i < words.length && j < optionWords.length; i++) {
    if (words[i] !== optionWords[j]) continue;
    j++;
    while (j < optionWords.length && !seen.has(optionWords[j])) j++;
  }
  return j === optionWords.length;
}

/** Does `seq` stand in `words` in a row, written as the option is (its normalized text `norm`: "3 * y" is not "3/y")? */
function inRow(words: readonly string[], seq: readonly string[], tail: string, at: readonly number[], norm: string): boolean {
  for (let i = 0; i + seq.length <= words.length; i++) {
    let j = 0;
    while (j < seq.length && words[i + j] === seq[j]) j++;
    if (j === seq.length && normalizeAnswer(tail.slice(at[i], at[i + j - 1] + words[i + j - 1].length)) === norm) return true;
  }
  return false;
}

/**
 * A single-answer multiple-choice question: a sentence with a conclusion cue that names one option
 * by its content and no letter ("So the correct statement is that it is valid for a trap-free
 * single-carrier device ...", "Therefore, Jupiter is the densest") chooses that option
 * (docs/annotation-guide.md: "write the option's letter, also where the model names the option by
 * its content"). Not where the sentence names a letter (the letter rules read it, or the option is
 * examined), denies or doubts ("is false", "if"), asks, or names two options alike. One reading
 * per sentence, at its first cue; the statement spans the option's words and its value is the letter.
 */
function findOptionContents(ctx: Context, options: readonly OptionWords[]): void {
  const { text, from, to } = ctx;
  contentCueRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = contentCueRe.exec(text)) !== null && m.index < to) {
    const sentence = ctx.sentenceAround(m.index, m.index + m[0].length);
    const sentenceEnd = Math.min(to, sentence.start + sentence.text.length);
    if (sentenceEnd > contentCueRe.lastIndex) contentCueRe.lastIndex = sentenceEnd;
    if (sentence.question || sentence.start < from) continue;
    readOptionSentence(ctx, options, sentence.start, sentenceEnd, m[1] !== undefined ? sentence.start : m.index);
  }
  if (options.length > 0 && isDigitCode(options[0].letter.charCodeAt(0))) readEndingSentences(ctx, options);
}

const contentCueTestRe = new RegExp(contentCueRe.source);

// A sentence that opens the next attempt ("Wait", "Hmm", "But wait", "Alternatively", "Let me
// double-check / check / verify"), after a sentence end or a line break.
const nextAttemptRe =
  /(?:[.!]|\n)[ \t\n]{0,4}(?:\*{0,2})(?:Wait|Hmm|But[ \t]wait|Alternatively|Let[ \t]me[ \t](?:double-check|check|verify|re-?check))\b/g;

/**
 * Numbered options: a sentence that ends an attempt, the one before the next attempt's opening
 * ("Tom is Bob's grandparent. Wait, ...") or the text's last, names its option as a cued one does
 * (the guide: an attempt's candidate is its conclusion, cue or none). Not a sentence with a cue
 * (findOptionContents read it); each read once.
 */
function readEndingSentences(ctx: Context, options: readonly OptionWords[]): void {
  const { text, from, to } = ctx;
  const ends: number[] = [];
  nextAttemptRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = nextAttemptRe.exec(text)) !== null && m.index < to) ends.push(m.index + 1);
  let e = to;
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  ends.push(e);
  let last = from;
  for (const end of ends) {
    if (end <= last || end - 1 < from) continue;
    const sentence = ctx.sentenceAround(end - 1, end);
    const sentenceEnd = Math.min(to, sentence.start + sentence.text.length);
    if (sentence.start < last || sentence.question) continue;
    last = sentenceEnd;
    if (contentCueTestRe.test(text.slice(sentence.start, sentenceEnd))) continue;
    readOptionSentence(ctx, options, sentence.start, sentenceEnd, sentence.start);
  }
}

/** The option a conclusion sentence text[start, end) names by its content from `head` on, added as its letter or number. */
function readOptionSentence(ctx: Context, options: readonly OptionWords[], start: number, sentenceEnd: number, head: number): void {
  const text = ctx.text;
  if (letterInSentenceRe.test(text.slice(start, sentenceEnd))) return;
  const tail = text.slice(head, sentenceEnd);
  const words: string[] = [];
  const at: number[] = [];
  wordRe.lastIndex = 0;
  let w: RegExpExecArray | null;
  while ((w = wordRe.exec(tail)) !== null) {
    words.push(w[0].toLowerCase());
    at.push(w.index);
  }
  const seen = new Set(words);
  const o = namedOption(options, words, seen, tail, at);
  if (o === undefined) return;
  const own = new Set(o.seq);
  if (deniedIn(text.slice(start, head), own) || words.some((x) => CONTENT_DENIED.has(x) && !own.has(x))) return;
  // The statement spans the option's content words ("the", "it" are everywhere).
  const spanned = o.words.length > 0 ? new Set(o.words) : own;
  let first = -1;
  let last = -1;
  for (let i = 0; i < words.length; i++) {
    if (!spanned.has(words[i])) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return;
  // Pass 80g: the option's content quoted right after its number or letter ('option 3 is "Andrea is
  // Lauren's great grandchild."') is the option read out, as "Option A says" is (pass 42a), no pick.
  if (optionReadOutRe.test(text.slice(Math.max(start, head + at[first] - 40), head + at[first]))) return;
  ctx.addOption(head + at[first], head + at[last] + words[last].length, o.letter);
}

const optionReadOutRe = /\b[Oo]ption[ \t]{1,2}\(?[1-9A-J]\)?[ \t]{1,2}(?:is|says|reads|states)[ \t:,]{0,3}["\u201c]$/;
// "option 2", "option number 3", "Option (1)": a numbered option named by its number.
const optionNumberRe = /\b[Oo]ption[ \t]{1,2}(?:[Nn]umber[ \t]{1,2})?\(?([1-9])\b(?![.,]\d)/g;
const numberCueRe = /\b(?:[Ss]o|[Tt]herefore|[Tt]hus|[Hh]ence|[Aa]nswer|[Cc]orrect|[Cc]hoose|[Ss]elect|[Pp]ick|[Gg]o[ \t]with)\b/;

/**
 * Numbered options (question.ts readNumberedOptions): "Therefore, the answer is option 2", "So I
 * choose option 3" choose that option, as "option B" does a lettered one (pass 55): a sentence with
 * a conclusion cue before the option's number, not a question, and nothing that denies or doubts.
 */
function findOptionNumbers(ctx: Context, options: readonly OptionWords[]): void {
  const { text, from, to } = ctx;
  optionNumberRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = optionNumberRe.exec(text)) !== null && m.index < to) {
    if (!options.some((o) => o.letter === m![1])) continue;
    const at = m.index + m[0].length - 1;
    const sentence = ctx.sentenceAround(m.index, at + 1);
    if (sentence.question || sentence.start < from) continue;
    const before = text.slice(Math.max(sentence.start, m.index - 120), m.index);
    if (!numberCueRe.test(before) || deniedIn(before, NO_WORDS) || deniedIn(text.slice(at + 1, at + 24), NO_WORDS)) continue;
    ctx.add(at, at + 1, 'conclusion', 3, true, true);
  }
}
const NO_WORDS: ReadonlySet<string> = new Set();

// A bold heading over an option being examined: "**Option D:** Check if ...", "Option D**:**".
const optionHeadingRe = /(?::\*\*|\*\*:)/y;

/**
 * The letter at `start` is followed by its own option's content ("Option A 12 maybe if someone
 * takes ...", "Option C 0.") or opens a bold heading over it ("**Option D:** Check if"): the
 * option described or examined, not chosen (the guide: a choice letter's description).
 */
function describesOption(ctx: Context, start: number): boolean {
  const text = ctx.text;
  if (matchesAt(optionHeadingRe, text, start + 1)) return true;
  let j = start + 1;
  while (j < start + 4 && (text[j] === ' ' || text[j] === '\t' || text[j] === ':' || text[j] === '$')) j++;
  if (j === start + 1) return false;
  // "Option E is 97,656", "(B) = 300": the letter given its own value is the option read out, as
  // "E: 97,656" is (the guide: a choice letter's description is no choice; pass 31).
  const cop = text.startsWith('is ', j) ? 3 : text.startsWith('= ', j) ? 2 : 0;
  if (cop > 0) {
    j += cop;
    while (j < start + 12 && (text[j] === ' ' || text[j] === '$')) j++;
  }
  valueAt.lastIndex = j;
  const v = valueAt.exec(text);
  if (v === null || v.index !== j || ctx.question.optionOf!.get(normalizeAnswer(v[0])) !== text[start].toLowerCase()) return false;
  // "The middle value is 6. Option B is 6.": the response's own result, just stated, matched to
  // its option commits to it; read out with no result of that value before it, it describes.
  return cop === 0 || text.lastIndexOf(v[0], start) < Math.max(ctx.from, start - 200);
}

// A set of options ("B, C, and D", "A、C、D", "A, C and D"); run together ("BCD") only after an answer cue.
const optionSetRe = new RegExp(
  String.raw`(?<![A-Za-z0-9\\])${OPTION_LIST}(?![A-Za-z0-9])|(?<=(?:[Aa]nswers?(?: is| are)?|ones are|statements are|\u9009|\u7b54\u6848(?:\u4e3a|\u662f)?)[ \t]{0,2}[:\uff1a]?[ \t]{0,2}(?:\*\*[ \t]?|\$)?)[A-E]{2,5}(?![A-Za-z0-9])`,
  'g',
);
// Before a set: a conclusion or answer cue ending right before it ("So B, C, and D", "Final Answer: A, C, D", "选 BCD").
// Or the set named as the true ones ("The true ones are B, D", "the correct statements are B and C").
const setLeadRe =
  /(?:\b(?:[Ss]o|[Tt]hus|[Tt]herefore|[Hh]ence|[Aa]nswers?(?: is| are)?|[Ss]elect|[Cc]hoose|(?:true|correct|right|valid)[ \t](?:ones|statements|options|choices)[ \t]are)|\u9009\u9879?|\u7b54\u6848(?:\u4e3a|\u662f)?)[ \t]{0,2}[:\uff1a]?[ \t]{0,2}(?:(?:\*\*|\$|\\text\{)[ \t]?)?$/;
// After a set: a verdict on all of it ("are correct", "could all be correct", "are all true").
const setVerdictRe =
  /^[)\uff09*$}]{0,3}[ \t]{0,3}(?:(?:are|could|should|must|would)[ \t]{1,3})?(?:(?:all|both)[ \t]{1,3})?(?:be[ \t]{1,3})?(?:(?:all|both)[ \t]{1,3})?(?:correct|true|right)\b/i;

/**
 * For a question whose options may be right together: the set of options committed to, led by a
 * conclusion or answer cue or followed by a verdict on the set ("A, C and D are correct").
 */
function findOptionSets(ctx: Context): void {
  const { text, from, to } = ctx;
  optionSetRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = optionSetRe.exec(text)) !== null && m.index < to) {
    const start = m.index;
    const end = start + m[0].length;
    if (
      !setLeadRe.test(text.slice(Math.max(from, start - 24), start)) &&
      !setVerdictRe.test(text.slice(end, end + 36)) &&
      !setNamedRe.test(text.slice(Math.max(from, start - 40), start))
    )
      continue;
    ctx.add(start, end, 'conclusion', 3, true);
  }
  // "(A) and (C)" (pass 59): the set as its letters.
  for (const p of parenOptionSets(text, from, to)) {
    const before = text.slice(Math.max(from, p.start - 40), p.start);
    if (!setLeadRe.test(before.slice(-24)) && !setNamedRe.test(before) && !setVerdictRe.test(text.slice(p.end, p.end + 36))) continue;
    ctx.addWord(p.start, p.end, p.letters);
  }
}

// After a name: a verdict that it is the greatest (or least) of what the question asks ("Evelyn has
// the greatest average speed", "**Evelyn** is still the highest", "Evelyn's speed is the highest").
const verdictAfterRe =
  /^(?:\*\*)?(?:'s[ \t][^.\n]{0,30}?|[ \t]{1,2}(?:still |clearly |indeed |then )?)(?:has|is|had|was)[ \t]([^.\n]{0,40}?)\b(?:(greatest|highest|largest|most|fastest|biggest|best|longest|heaviest|oldest|tallest)|smallest|lowest|least|fewest|slowest|shortest|lightest|youngest|worst)\b/;
// A name that closes its clause ("Thus answer: Evelyn.", "the highest speed is clearly **Evelyn** with 3.6").
const nameClosesRe = /^(?:\*\*)?[ \t]{0,2}(?:[.!,;\n]|$|with\b)/;
const nameLeadRe = /\b(?:so|thus|therefore|hence|answer|is|clearly)\b[^.\n]{0,60}$/i;

/**
 * A question asking which of the names it offers is the greatest (or least) of something: a name
 * judged so ("So Evelyn has the greatest average speed") or concluded ("Thus answer: Evelyn.") is
 * a conclusion about the asked quantity, as a value would be (docs/annotation-guide.md).
 */
function findNames(ctx: Context, asked: { names: string[]; most: number }): void {
  const { text, from, to } = ctx;
  for (const name of asked.names) {
    for (let i = text.indexOf(name, from); i >= 0 && i < to; i = text.indexOf(name, i + name.length)) {
      const end = i + name.length;
      if (isLetterCode(codeAt(text, i - 1)) || isLetterCode(codeAt(text, end))) continue;
      const sentence = ctx.sentenceAround(i, end);
      if (sentence.question) continue;
      const after = text.slice(end, end + 64);
      const verdict = verdictAfterRe.exec(after);
      const judged = verdict !== null && !/\bnot\b|n't\b/.test(verdict[1]) && (verdict[2] !== undefined) === asked.most > 0;
      if (!judged && !(nameClosesRe.test(after) && nameLeadRe.test(text.slice(sentence.start, i)))) continue;
      ctx.add(i, end, 'conclusion', 3, true);
    }
  }
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
// A count in words after "there are", "that's" or "answer is" ("there are no integers n that ...",
// "that's seven different values", "the answer should be zero"); not a comparison ("there is one
// more term than gaps"). Read at each of the three anchors, found by indexOf (a scan of the
// pattern at every offset cost about 15% of the engine).
const countInWordsRe = new RegExp(
  String.raw`(?:there (?:are|is|exist|exists)|that's|answer (?:is|should be|would be|must be))[ \t]{1,2}(no|${NUMBER_WORDS.join('|')})\b(?![ \t]{1,2}(?:more|less|fewer|extra|additional|other|of|than)\b)`,
  'y',
);
const countAnchors = ['there ', "that's ", 'answer '];

// "there are 47 integers between 337 and 713 divisible by 8": the count, then the counted noun
// (not "there are 3 more", "there are 5 of them left over" ...).
const countInDigitsRe =
  /there (?:are|is|were|exist)[ \t]{1,2}(?:exactly[ \t]{1,2})?\$?(\d{1,3}(?:,\d{3})+|\d+)\$?[ \t]{1,2}(?!(?:more|less|fewer|extra|additional|other|of|than|times|ways? to)\b)[a-z]/y;
// A lead-in clause of words only at the sentence's start: "Combining everything, ", "Accounting for this, ".
// Two words at least ("Therefore, ", "So, " are conclusion words).
const wordLeadInRe = /^[A-Za-z][A-Za-z']*[ \t][A-Za-z' ]{1,40},[ \t]{1,2}$/;

/**
 * For a "how many" question, "Combining everything, there are 3000 bottles." and "Accounting for
 * this, there are $54$ such integers." state the count: an existential sentence after a summing-up
 * lead-in is how English concludes a count (docs/annotation-guide.md: "So there are 12 ways"),
 * with no conclusion word for findConclusions. Only after a lead-in of words: "For a = 9, there
 * are 7 numbers" counts a case. After a cue ("So there are 4 perfect squares less than 2023 that
 * end with 0") a sub-count reads the same: the real development data (fresh7) has those.
 */
function countInDigits(ctx: Context, i: number): void {
  const { text, from } = ctx;
  countInDigitsRe.lastIndex = i;
  const m = countInDigitsRe.exec(text);
  if (m === null) return;
  const sentence = ctx.sentenceAround(i, i + 6);
  if (sentence.question) return;
  const lead = text.slice(Math.max(from, sentence.start), i).trimStart();
  // A lead-in with a conclusion word ("In summary, ") is findConclusions' clause, read there.
  if (!wordLeadInRe.test(lead) || conclusionWordRe.test(lead)) return;
  const start = text.indexOf(m[1], i + 6);
  ctx.add(start, start + m[1].length, 'conclusion', 3, true);
}

/**
 * For a "how many" question: a count stated in words after a conclusion cue is the count ("there
 * are no integers n that satisfy both" is 0, "that's seven different values" is 7): read with
 * the value the words give, as the number rules would read the digits.
 */
function findCountWords(ctx: Context): void {
  const { text, from, to } = ctx;
  for (const anchor of countAnchors) {
    for (let i = text.indexOf(anchor, from); i >= 0 && i < to; i = text.indexOf(anchor, i + anchor.length)) {
      countInWordsRe.lastIndex = i;
      const m = countInWordsRe.exec(text);
      if (m === null) {
        if (anchor === 'there ') countInDigits(ctx, i);
        continue;
      }
      if (anchor !== 'answer ' && !/(?:therefore|hence|thus|so|given that),?[ \t]{1,2}$/i.test(text.slice(Math.max(from, i - 16), i)))
        continue;
      const end = i + m[0].length;
      const start = end - m[1].length;
      if (end > to || ctx.sentenceAround(start, end).question) continue;
      const before = ctx.out.length;
      ctx.add(start, end, 'conclusion', 3, true);
      if (ctx.out.length === before) continue;
      const st = ctx.out[ctx.out.length - 1];
      // "no" is written 0 by whoever reads it; a number word is its number.
      if (m[1] === 'no') st.value = '0';
      st.normalized = m[1] === 'no' ? '0' : String(NUMBER_WORDS.indexOf(m[1]));
    }
  }
}

// Before a typed value: an answer cue ("the answer is", "Answer:"), an "=", or a copula ending a clause.
const typedAnswerCueRe = /\bans(?:wer)?\b[^.\n]{0,20}?(?:\b(?:is|(?:would|should|must|will) be)|:|=)[ \t*$\\([]{0,6}$/i;
const typedEqualsRe = /=[ \t*$]{0,4}(?:\\\(|\\\[)?[ \t]{0,2}$/;
const typedCopulaRe = /(?:\b(?:is|are|be|equals?|gives?|get|got|obtain)|=|:)[ \t*$]{0,4}(?:\\\(|\\\[)?[ \t]{0,2}$/i;
const conclusionWordRe = new RegExp(conclusionRe.source, 'i');

/**
 * Values of the kind the question asks for that the number rules do not read (QuestionInfo.typed:
 * "6 - 5i", "(3, π/2)", "p - q"), read where numbers are: after an answer cue (as
 * findFinalAnswer), after "=" ending its line (as findEquals, the left side deciding whether it is
 * about the asked quantity) and after the copula of a concluding clause (as findConclusions).
 * Without them such an answer was found only again, where an explicit answer (a box) gave it.
 */
function findTyped(ctx: Context, re: RegExp): void {
  const { text, from, to } = ctx;
  // The question asks for a shaped value (shapes.ts, pass 58).
  const shaped = isShapedPattern(re);
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    const start = m.index;
    const end = start + m[0].length;
    if (end > to) break;
    // A letter alone ("a", "x") is an article or a variable named, not an expression (pass 58).
    if (loneLetter(m[0])) continue;
    const before = text.slice(Math.max(from, start - 48), start);
    // A value of a distinct shape ending its sentence, or glossed ("13:20 (1:20 PM)"), stands alone (pass 58).
    const shapedAlone = shaped && distinctShape(m[0]) && shapedValueEnds(text, end);
    if (typedAnswerCueRe.test(before) || shapedAnswerCue(before)) {
      ctx.add(start, end, 'final-answer', 4, true, shapedAlone);
      continue;
    }
    // "So it's May 5, 2023.", "so May 4, 2023", "So again (2, 5)", "i.e. -2 ≤ x ≤ 2" (pass 58).
    if (shapedAlone && shapedLead(before)) {
      const sentence = ctx.sentenceAround(start, end);
      if (!sentence.question) ctx.add(start, end, 'conclusion', 3, true, true);
      continue;
    }
    // (Both readings may hold, "So w = 6 - 5i." ending its line: the stronger one is kept.)
    if (typedEqualsRe.test(before) && lineEnd(text, end, to, true, ctx.rejectWords) !== NOT_AT_END) {
      const about = leftSideNames(ctx, text.lastIndexOf('=', start));
      ctx.add(start, end, 'equals', about ? 3 : 1, about);
    }
    if (!typedCopulaRe.test(before)) continue;
    const sentence = ctx.sentenceAround(start, end);
    if (sentence.question || !conclusionWordRe.test(text.slice(sentence.start, start))) continue;
    // The middle of a chain ("so the sum is n(n + 1) - 1 = n^2 + n - 1"): its end is read (pass 58).
    if (shaped && codeAt(text, skipBlanks(text, end, to)) === 61) continue;
    const about =
      ctx.namesSentence(sentence.start, sentence.text) ||
      (shaped && (distinctShape(m[0]) || namesShapedSubject(re, text.slice(sentence.start, start))));
    ctx.add(start, end, 'conclusion', about ? 3 : 2, about, shapedAlone);
  }
}

// Before a word answer, in a concluding clause: a copula, maybe with an article ("So the day 204
// days from now is a Saturday", "So we end on a Thursday", "the winner is Uma"), or a colon.
// Also "equals", "leaves", an arrow, and "gives ... as" ("So, the day of the week equals Friday", "37 − 19
// leaves sixteen", "then 45° back → west", "That gives the final direction as north"; pass 78j).
const wordCopulaRe =
  /(?:\b(?:is|are|be|was|gives?|get|got|on|equals?|leaves)|\b(?:it|that)['\u2019]s|:|\u2192|->|\bgives?\b[^.\n]{0,40}?\bas)[ \t*]{0,4}(?:(?:a|an)[ \t]{1,2})?(?:\*\*)?$/i;
// "yes" / "no" right after a conclusion word or a verdict's label, then a colon or a comma that
// opens its reason ("Therefore no: 551 is not prime", "So again yes: 587 is prime", "Same
// conclusion: no, 713 is not prime", "So I'll answer yes: ..."): the answer given, then explained.
// After a word answer, a verdict that makes it the asked one: "So Plan C is the cheapest", "So
// Grace wins with ...", "That makes Bob the winner".
const wordVerdictRe =
  /[ \t]{1,2}(?:(?:is|was)[ \t]{1,2}(?:still[ \t]{1,2})?the[ \t]{1,2}(?:[a-z]{2,12}est|best|worst|winner)\b|wins\b|the[ \t]winner\b)/y;
const yesNoLeadRe = /(?:\b(?:so|therefore|thus|hence)(?:,?[ \t]{1,2}again)?,?|\bconclusion:|\banswer)[ \t]{1,2}$/i;

// "so no", "Therefore, YES", "which means yes": yes or no right after a conclusion word.
const yesNoSoRe = /\b(?:so|therefore|thus|hence|which[ \t]means|this[ \t]means|that[ \t]means)\b,?[ \t]{1,2}(?:\*\*)?$/i;

/** Does the sentence end right after `end`, past closing asterisks ("so **no**")? */
function isSpaceOrStarEnd(text: string, end: number, to: number): boolean {
  let i = end;
  while (i < to && i < end + 4 && text.charCodeAt(i) === 42) i++;
  const c = i < to ? text.charCodeAt(i) : -1;
  return i > end && (c === -1 || c === 46 || c === 33 || c === 10 || c === 13);
}

/**
 * Is the word at [start, end) alone on its line (past markdown: "**NO**", "## Yes", "YES.") with
 * nothing after that line but white space up to `to` (the end of the response or its summary)?
 */
function bareLineEnds(text: string, start: number, end: number, from: number, to: number): boolean {
  let i = start;
  while (
    i > from &&
    (text.charCodeAt(i - 1) === 42 || text.charCodeAt(i - 1) === 35 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)
  )
    i--;
  if (i > from && text.charCodeAt(i - 1) !== 10) return false;
  let j = end;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 42 || c === 46 || c === 33 || c === 32 || c === 9 || c === 10 || c === 13) j++;
    else break;
  }
  return j >= to;
}

// A verdict word, and one more after a comma, semicolon, slash or "and" (a list of verdicts).
const verdictWordRe = /^(?:true|false|yes|no)$/i;
const verdictNextRe = /(?:[ \t]{0,2}[,;/][ \t]{0,2}(?:and[ \t]{1,2})?|[ \t]{1,2}and[ \t]{1,2})(true|false|yes|no)(?![\w-])/iy;

/**
 * Where a verdict word at [start, end) ends as a list: past each further verdict of the same kind
 * (true / false, yes / no) written after a comma, semicolon, slash or "and", at most nine; `end`
 * when none follows. Sticky matches from `end` on.
 */
function verdictListEnd(text: string, start: number, end: number, to: number): number {
  if (end - start > 5 || !verdictWordRe.test(text.slice(start, end))) return end;
  const tf = /^[tf]/i.test(text[start]);
  let e = end;
  for (let n = 0; n < 9; n++) {
    verdictNextRe.lastIndex = e;
    const m = verdictNextRe.exec(text);
    if (m === null || m.index + m[0].length > to || /^[tf]/i.test(m[1]) !== tf) break;
    e = m.index + m[0].length;
  }
  return e;
}

// "the 100th day lands on a", "we end on a": a word answer after a verb of landing.
const landsOnRe = /\b(?:lands?|falls?|ends?)[ \t]{1,2}on[ \t]{1,2}(?:a[ \t]{1,2})?$/i;

/** Does a sentence start at `start` (after a line break or a sentence end, blanks and bold aside)? */
/** Does a concluding sentence ("..., so 221 is prime.") end right before `start`, on its line? */
function yesAfterConclusion(text: string, start: number, from: number): boolean {
  let k = start;
  while (k > from && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 42)) k--;
  if (k === start || (text.charCodeAt(k - 1) !== 46 && text.charCodeAt(k - 1) !== 33)) return false;
  let j = k - 1;
  const floor = Math.max(from, k - 200);
  while (j > floor) {
    const d = text.charCodeAt(j - 1);
    if (d === 46 || d === 33 || d === 63 || d === 10) break;
    j--;
  }
  return yesConclusionRe.test(text.slice(j, k - 1));
}

const yesConclusionRe = /\b(?:so|therefore|thus|hence)\b/i;

function sentenceOpens(text: string, start: number, from: number): boolean {
  let k = start;
  while (k > from && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 42)) k--;
  const c = text.charCodeAt(k - 1);
  return k === from || c === 10 || ((c === 46 || c === 33 || c === 63) && k < start);
}

/** Does the rest of the sentence after `end` (60 characters) hold a number the question quotes, or restate the asked comparison? */
function restatesClaim(ctx: Context, end: number): boolean {
  const sentence = ctx.sentenceAround(end, end);
  const rest = sentence.text.slice(end - sentence.start, end - sentence.start + 60);
  for (const n of rest.match(/\d+/g) ?? []) if (ctx.question.values.has(n)) return true;
  // "Yes, Mozart was older", "No, the Rhine is shorter": the asked comparison restated (pass 54).
  const cmp = ctx.question.comparison;
  if (cmp !== undefined) {
    // The subject right after the word ("No, wait, Mozart was older" is a hesitation).
    const r = rest.toLowerCase().replace(/^,?[ \t*]{0,4}(?:the[ \t]{1,2})?/, '');
    const names = [...cmp.aNames, ...cmp.bNames].some((n) => r.startsWith(n.toLowerCase()));
    if (names && [...cmp.same, ...cmp.opposite].some((w) => r.includes(w))) return true;
  }
  return false;
}

/**
 * Words that answer the question (QuestionInfo.words: a weekday, "yes" / "no", an offered name, a
 * labelled item's letter), read where the number rules read numbers: after an answer cue ("The
 * answer should be Tuesday", "**Answer:** Plan B") and after the copula of a concluding clause
 * ("Therefore the winner is Uma"). docs/annotation-guide.md: such a word stated as the answer is a
 * candidate like a number; the same word elsewhere (a day counted, a name in the reasoning) is not.
 */
function findWords(ctx: Context, re: RegExp): void {
  const { text, from, to } = ctx;
  const other = re.source === YES_NO_OTHER || re.source === TRUE_FALSE_OTHER;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    const start = m.index;
    // Pass 87d: a yes/no question in another language; a word of another language is read only where
    // otherYesNoAt reads it, an English one also as below.
    if (other && (otherYesNoAt(ctx, start, start + m[0].length) || !englishYesNoRe.test(m[0]))) continue;
    // A verdict that goes on as a list of verdicts ("the answer is False, True", "Yes; No; Yes"): the
    // whole list is the value (docs/annotation-guide.md, several values: one value, as written; pass 78a).
    const end = verdictListEnd(text, start, start + m[0].length, to);
    if (end > to) break;
    re.lastIndex = end;
    // A labelled item's letter is read with its noun before it ("the answer is Plan B").
    let lead = start;
    if (end - start === 1) {
      while (lead > from && (text.charCodeAt(lead - 1) === 32 || text.charCodeAt(lead - 1) === 9)) lead--;
      while (lead > from && isLetterCode(text.charCodeAt(lead - 1))) lead--;
    }
    const before = text.slice(Math.max(from, lead - 48), lead);
    if (typedAnswerCueRe.test(before)) {
      ctx.add(start, end, 'final-answer', 4, true);
      continue;
    }
    // True / false (pass 59): "the statement is false", "so this claim is true" state the verdict;
    // a lower-case word is read only so. 正确 / 错误 after a Chinese cue and a copula or a colon.
    const w0 = m[0].charCodeAt(0);
    if (w0 === 116 || w0 === 102 || w0 === 84 || w0 === 70) {
      if (tfSubjectBefore(before)) {
        ctx.add(start, end, 'conclusion', 3, true, true);
        continue;
      }
      // Only "true" / "false" themselves: a number word in t or f ("twenty-seven", "fourteen", "five")
      // or an offered word ("fair") is read as below, as "nineteen" is (pass 94a).
      if ((w0 === 116 || w0 === 102) && lowerTrueFalseRe.test(m[0])) continue;
    } else if (w0 > 0x4e00) {
      const strength = zhVerdictStrength(before);
      if (strength > 0) ctx.add(start, end, strength === 4 ? 'final-answer' : 'conclusion', strength, true, true);
      continue;
    }
    const c = codeAt(text, end);
    if ((c === 58 || c === 44) && yesNoLeadRe.test(before) && /^[YyNn]/.test(m[0]) && m[0].length <= 3) {
      ctx.add(start, end, 'conclusion', 3, true);
      continue;
    }
    if (end - start <= 5 && /^[YNTF]/.test(m[0])) {
      // A bare "YES" / "No." / "**NO**" line that ends the response or its summary: the answer
      // given (pass 54).
      if (bareLineEnds(text, start, end, from, to)) {
        ctx.add(start, end, 'final-answer', 4, true, true);
        continue;
      }
    }
    // "Schubert was younger, so no.", "so YES": yes or no right after a conclusion word, ending
    // its sentence (pass 54).
    if (
      (c === 46 || c === 33 || c === 10 || c === 13 || end >= to || isSpaceOrStarEnd(text, end, to)) &&
      yesNoSoRe.test(before) &&
      /^[YyNn]/.test(m[0]) &&
      m[0].length <= 3
    ) {
      ctx.add(start, end, 'conclusion', 3, true);
      continue;
    }
    // A word of the asked kind set in bold ("It will be **Friday**.", "**London**"): the response
    // marks it as its answer, as a summary does (pass 59).
    if (
      c === 42 &&
      codeAt(text, end + 1) === 42 &&
      codeAt(text, start - 1) === 42 &&
      codeAt(text, start - 2) === 42 &&
      !ctx.sentenceAround(start, end).question
    ) {
      ctx.add(start, end, 'conclusion', 3, true, true);
      continue;
    }
    const named = ctx.question.wordNames;
    const isName = named !== undefined && named.names.has(m[0]);
    // One of several names listed together ("So the order would be Cara, Ana, Eve", "positions 1
    // and 2 are Ben and Dan", "3: Cara, 4: Ana"): an arrangement, not the one name asked for.
    if (isName && inNameList(text, start, end, named.names)) continue;
    // "None of these divide it, so 221 is prime. Yes." (pass 59): a one-word yes / no sentence right
    // after a concluding sentence (not a question) gives the answer that sentence reached.
    if ((c === 46 || c === 33) && m[0].length <= 3 && /^[YyNn]/.test(m[0]) && yesAfterConclusion(text, start, from)) {
      ctx.add(start, end, 'conclusion', 3, true, true);
      continue;
    }
    if (!wordCopulaRe.test(before) && !matchesAt(wordVerdictRe, text, end)) {
      // "Yes, 617 is prime", "No, the train gets there at 9:29": the answer opening a sentence that
      // restates the asked claim with a number the question quotes; not "Yes, that seems right".
      if ((c === 44 || c === 46) && m[0].length <= 3 && /^[YN]/.test(m[0]) && sentenceOpens(text, start, from) && restatesClaim(ctx, end))
        ctx.add(start, end, 'conclusion', 3, true);
      continue;
    }
    const sentence = ctx.sentenceAround(start, end);
    if (sentence.question) continue;
    const clause = text.slice(sentence.start, start);
    if (isName && named.slot.length > 0) {
      // For a question asking who holds a numbered slot ("Who finished in position 4?"): the clause
      // before the name names that slot ("Position 4 is Ben", "The runner in position 4 is Ben")
      // and states the answer as a conclusion does; naming only another slot ("So position 3
      // would be Ana") it places another runner.
      const slot = slotOf(clause, named.slot);
      if (slot === OTHER_SLOT) continue;
      if (slot === ASKED_SLOT) {
        ctx.add(start, end, 'conclusion', 3, true);
        continue;
      }
    }
    // "That lands on a Friday": where a count of days ends is its result.
    if (!(conclusionWordRe.test(clause) || landsOnRe.test(before))) continue;
    ctx.add(start, end, 'conclusion', 3, true);
  }
}

const englishYesNoRe = /^(?:yes|no|true|false)$/i;
const lowerTrueFalseRe = /^(?:true|false)$/;
// Pass 87d: an answer lead of any language, then its copula or a colon, right before the word: "**Ответ:** ",
// "Respuesta: ", "La réponse est ", "Die Antwort lautet ", "Jibu ni ", "Đáp án là ", "答案：", "答案是", "答え：",
// "정답은 ", "Answer: ". Tested on at most 60 characters of the word's line before it.
const otherYesNoLeadRe =
  /(?:answer|respuesta|r[e\u00e9]ponse|antwort|resposta|risposta|\u043e\u0442\u0432\u0435\u0442|jibu|\u0111\u00e1p[ \t]\u00e1n|cevap|\u7b54\u6848|\u7b54\u3048|\u56de\u7b54|\u7ed3\u8bba|\u7d50\u8ad6|\uc815\ub2f5|\ub2f5)(?:[ \t]{1,2}(?:final|finale|correcta|correcte|correta|corretta|richtige|sahihi|la[ \t]mwisho|cu\u1ed1i[ \t]c\u00f9ng))?(?:\*\*)?[ \t]{0,2}(?:[:\uff1a][ \t]{0,2}|[ \t]{1,2}(?:es|est|ist|lautet|\u00e9|\u00e8|ni|l\u00e0|is|[\u2014\u2013-])[ \t]{1,2}|\u662f|\u306f|\uc740|\ub294)(?:\*\*)?[ \t]{0,2}(?:\*\*)?$/i;
// Or a conclusion cue of any language, a comma maybe: "Por lo tanto, **no**, ...", "Итак, да.", "所以，是的。", "So no.".
const otherYesNoCueRe =
  /(?:^|[^\p{L}])(?:so|therefore|thus|hence|por lo tanto|entonces|as\u00ed que|donc|par cons\u00e9quent|ainsi|also|daher|somit|portanto|ent\u00e3o|assim|quindi|pertanto|dunque|\u0438\u0442\u0430\u043a|\u0441\u043b\u0435\u0434\u043e\u0432\u0430\u0442\u0435\u043b\u044c\u043d\u043e|\u0437\u043d\u0430\u0447\u0438\u0442|kwa hiyo|kwa hivyo|hivyo|v\u1eady|do \u0111\u00f3|v\u00ec v\u1eady|\u56e0\u6b64|\u6240\u4ee5|\u6545|\u3057\u305f\u304c\u3063\u3066|\u3060\u304b\u3089|\u3088\u3063\u3066|\ub530\ub77c\uc11c|\uadf8\ub7ec\ubbc0\ub85c)[ \t]{0,2}[,\uff0c\u3001]?[ \t]{0,2}(?:\*\*)?$/iu;
// Pass 89e: or such a cue, its subject (one to four words) and a copula: "Donc l'affirmation est **vraie**.",
// "Por lo tanto, la afirmación es falsa.", "Also ist die Aussage falsch." (German puts the copula first).
const otherVerdictCopulaRe =
  /(?:^|[^\p{L}])(?:donc|par cons\u00e9quent|ainsi|por lo tanto|entonces|as\u00ed que|also|daher|somit|portanto|ent\u00e3o|assim|quindi|pertanto|dunque|\u0438\u0442\u0430\u043a|\u0441\u043b\u0435\u0434\u043e\u0432\u0430\u0442\u0435\u043b\u044c\u043d\u043e|\u0437\u043d\u0430\u0447\u0438\u0442|kwa hiyo|kwa hivyo|hivyo|v\u1eady|do \u0111\u00f3|v\u00ec v\u1eady)[ \t]{0,2}[,\uff0c]?(?:(?:[ \t]{1,2}[\p{L}'\u2019]{1,24}){1,4}[ \t]{1,2}(?:est|es|\u00e9|\u00e8|ni|l\u00e0|\u2014|\u2013)|[ \t]{1,2}(?:ist|sind)(?:[ \t]{1,2}[\p{L}'\u2019]{1,24}){1,3})[ \t]{1,2}(?:\*\*)?$/iu;
// What may follow the word: markup, then the statement's end (punctuation, the line's end, an explanation).
const boldWordEndRe = /^(?:\*\*[,.\uff0c\u3002\u3001]|[,.\uff0c\u3002\u3001]\*\*)/;
const otherYesNoEndRe = /(?:\*\*|\$)?[ \t]{0,2}(?:[.!,;:)(\u3002\uff01\uff0c\uff1b\u3001\uff1a\uff08\r\n]|$)/y;

/**
 * A yes/no word of a question in another language, read as an answer where it is one: after an
 * answer lead and its copula or colon (final-answer, 4), alone on its line (final-answer, 4), or right
 * after a conclusion cue (conclusion, 3); the word must end its statement (otherYesNoEndRe).
 */
function otherYesNoAt(ctx: Context, start: number, end: number): boolean {
  const { text, from } = ctx;
  otherYesNoEndRe.lastIndex = end;
  if (!otherYesNoEndRe.test(text)) return false;
  let k = start;
  while (k > from && start - k < 60 && text.charCodeAt(k - 1) !== 10) k--;
  const before = text.slice(k, start);
  if (otherYesNoLeadRe.test(before)) {
    ctx.add(start, end, 'final-answer', 4, true, true);
    return true;
  }
  if (/^[ \t>#*-]{0,6}$/.test(before) && (start - k < 7 || text.charCodeAt(k - 1) === 10 || k === from)) {
    const nl = text.indexOf('\n', end);
    const rest = text.slice(end, nl < 0 ? text.length : nl);
    if (rest.length <= 12 && /^[ \t*]{0,4}[.!\u3002\uff01]?[ \t*]{0,4}$/.test(rest)) {
      ctx.add(start, end, 'final-answer', 4, true, true);
      return true;
    }
  }
  if (otherYesNoCueRe.test(before)) {
    ctx.add(start, end, 'conclusion', 3, true);
    return true;
  }
  if (otherVerdictCopulaRe.test(before)) {
    ctx.add(start, end, 'conclusion', 3, true);
    return true;
  }
  // In bold, opening its line, a comma or a full stop after it: "**Ja**, 0,999… ist gleich 1.", "**Нет.** 221 = 13 · 17".
  if (/^[ \t>-]{0,4}\*\*$/.test(before) && boldWordEndRe.test(text.slice(end, end + 3))) {
    ctx.add(start, end, 'final-answer', 4, true, true);
    return true;
  }
  return false;
}

// Before a comparative that concludes: a conclusion word, then the subject and a verb ("so the
// Danube is", "which means Mozart was", "Therefore, Schubert was indeed", "making Mozart"). The
// subject is group 1. Run on the 100 characters before the comparative only.
const comparisonLeadTail = String.raw`)(?:\*\*)?(?:[ \t]{1,2}(?:is|was|are|were|would[ \t]be|will[ \t]be|had[ \t]been|has[ \t]been|'s))?(?:[ \t]{1,2}(?:still|indeed|clearly|definitely|actually|slightly|much|far|significantly|indeed))?[ \t]{1,2}(?:\*\*)?$`;
const comparisonLeadHead = String.raw`\b(?:so|therefore|thus|hence|which[ \t]means|this[ \t]means|that[ \t]means|meaning|making|so[ \t]indeed|consequently)\b,?[ \t]{1,2}(?:that[ \t]{1,2})?(?:\*\*)?(?:the[ \t]{1,2})?(`;
const comparisonLeads = new WeakMap<Comparison, RegExp>();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A conclusion that states the asked comparison (QuestionInfo.comparison): "so the Danube is
 * longer" for "Is the Danube longer than the Rhine?" answers YES, "so the Danube is shorter" or "so
 * the Rhine is longer" NO (docs/annotation-guide.md: a candidate is the model's answer to the
 * question, in whatever words; pass 54). Only a conclusion word's clause that names one of the two
 * subjects as the question writes it, with the comparative or its opposite, and compares with
 * nothing else ("so the Danube is longer than the Thames" reads nothing). Found by indexOf of the
 * comparatives; the lead is read on the 100 characters before.
 */
function findComparisons(ctx: Context, cmp: Comparison): void {
  const { text, from, to } = ctx;
  let lead = comparisonLeads.get(cmp);
  if (!lead) {
    const names = [...cmp.aNames, ...cmp.bNames].sort((x, y) => y.length - x.length).map(escapeRe);
    lead = new RegExp(`${comparisonLeadHead}${names.join('|')}${comparisonLeadTail}`, 'i');
    comparisonLeads.set(cmp, lead);
  }
  const words: [string, boolean][] = [
    ...cmp.same.map((w): [string, boolean] => [w, true]),
    ...cmp.opposite.map((w): [string, boolean] => [w, false]),
  ];
  for (const [word, same] of words) {
    let i = text.indexOf(word, from);
    while (i >= 0 && i + word.length <= to) {
      const start = i;
      const end = i + word.length;
      i = text.indexOf(word, end);
      if (isLetterCode(text.charCodeAt(start - 1)) || isLetterCode(text.charCodeAt(end))) continue;
      const m = lead.exec(text.slice(Math.max(from, start - 100), start));
      if (!m) continue;
      // "... than the Rhine" may follow; "than" anything else compares with something else.
      const after = text.slice(end, end + 60);
      const than = /^[ \t]{1,2}than[ \t]{1,2}(?:the[ \t]{1,2})?(.*)$/s.exec(after);
      const named = m[1].toLowerCase();
      const subjectA = cmp.aNames.some((n) => n.toLowerCase() === named);
      const other = subjectA ? cmp.bNames : cmp.aNames;
      if (than && !other.some((o) => than[1].toLowerCase().startsWith(o.toLowerCase()))) continue;
      const sentence = ctx.sentenceAround(start, end);
      if (sentence.question) continue;
      const yes = subjectA === same;
      ctx.addWord(start, end, yes ? 'YES' : 'NO');
    }
  }
}

// A name next to another in a list: before it "Name, ", "Name and ", "Name (3), ", "Name in 3, ",
// "3: ... , 4: "; after it ", Name", " and Name", " in 3, Name", ", 5: Name" (checked on 32
// characters either side).
const nameBeforeRe =
  /([A-Z][a-z]{1,14})(?:[ \t]{0,2}\(\d{1,3}\)|[ \t](?:in|at)[ \t](?:position[ \t])?\d{1,3})?[ \t]{0,2}(?:,|[ \t]and)[ \t]{0,3}(?:\d{1,3}[:.)][ \t]{0,2})?(?:\*\*)?$/;
const nameAfterRe =
  /^(?:\*\*)?(?:[ \t]{0,2}\(\d{1,3}\)|[ \t](?:in|at)[ \t](?:position[ \t])?\d{1,3})?[ \t]{0,2}(?:,|[ \t]and\b)[ \t]{0,3}(?:\d{1,3}[:.)][ \t]{0,2})?(?:\*\*)?([A-Z][a-z]{1,14})/;

/** Is the name at [start, end) one of several offered names listed together? */
function inNameList(text: string, start: number, end: number, names: ReadonlySet<string>): boolean {
  const b = nameBeforeRe.exec(text.slice(Math.max(0, start - 32), start));
  if (b && names.has(b[1])) return true;
  const a = nameAfterRe.exec(text.slice(end, end + 32));
  return a !== null && names.has(a[1]);
}

// Right before a name restated as the answer: a copula, a verb of result, an answer's label.
const nameStatedRe = /(?:\b(?:is|are|was|be|gives?|get|got|leaves|answer)|[:=])[ \t*]{0,4}$/i;

const ASKED_SLOT = 1;
const OTHER_SLOT = -1;

/** Does a clause's lead (before a name) name the asked slot (ASKED_SLOT), only other slots (OTHER_SLOT), or no slot (0)? */
function slotOf(lead: string, asked: readonly string[]): number {
  // The clause: after the sentence's last comma or colon ("In this case, position 4 is"), a colon
  // right before the name aside ("4: Ben", "Position 4: Ben").
  let e = lead.length;
  while (e > 0 && /[\s*:]/.test(lead[e - 1])) e--;
  const head = lead.slice(0, e);
  const cut = Math.max(head.lastIndexOf(','), head.lastIndexOf(':'), head.lastIndexOf(';'), head.lastIndexOf('\n'));
  const clause = head.slice(cut + 1);
  if (clause.length > 48) return 0;
  const nums = slotNumbers(clause);
  if (nums.length === 0) return 0;
  return asked.every((n) => nums.includes(n)) && nums.length === asked.length
    ? ASKED_SLOT
    : nums.some((n) => asked.includes(n))
      ? 0
      : OTHER_SLOT;
}

// A user pattern runs over one line at a time and skips lines longer than USER_PATTERN_MAX_LINE
// (patternSafety.ts: what the check lets through is at worst quadratic in the text it runs over).
function findPattern(ctx: Context, re: RegExp): void {
  for (let ls = ctx.from; ls < ctx.to;) {
    let le = ctx.text.indexOf('\n', ls);
    if (le < 0 || le > ctx.to) le = ctx.to;
    if (le - ls <= USER_PATTERN_MAX_LINE) {
      const line = ctx.text.slice(ls, le);
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const group = m[1] !== undefined ? 1 : 0;
        const [start, end] = m.indices![group];
        ctx.add(ls + start, ls + end, 'pattern', 5, true);
      }
    }
    ls = le + 1;
  }
}

/** The last number of text[from, to) when its last sentence reads as a conclusion: the fallback of a record with no other candidate. */
export function lastNumberStatement(text: string, from: number, to: number, question: QuestionInfo, cutOff = false): Statement | undefined {
  let e = to;
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  const ctx = new Context(text, from, to, question);
  let last: RegExpExecArray | null = null;
  const floor = Math.max(from, e - 400);
  const tail = text.slice(floor, e);
  valueAll.lastIndex = 0;
  let v: RegExpExecArray | null;
  while ((v = valueAll.exec(tail)) !== null) last = v;
  if (!last) return undefined;
  const start = floor + last.index;
  // A response known to be cut off (thinking.ts cutOffResponse) that stops on this number, or on
  // an operator after it ("... is 3", "CP = 1080 -"), stopped inside it or inside the expression it
  // begins, before reaching an answer (docs/annotation-guide.md: no candidate). Only where the cut
  // is known: a complete response may end on its answer ("... so x = 42").
  if (cutOff && /^[\s=+\-/^\u00d7\u00f7\u00b7\u2212]*$/.test(tail.slice(last.index + last[0].length))) return undefined;
  // The work is given up after it ("= 495. / Hmm, I'm getting confused. Let me start over"): the
  // record stopped in the middle of its work, and its last number is a step.
  if (givenUpRe.test(tail.slice(last.index + last[0].length))) return undefined;
  // Pass 64: a negated number ("The answer is not 3445.", "x isn't 12") is no conclusion.
  if (negatedBeforeRe.test(tail.slice(Math.max(0, last.index - 24), last.index))) return undefined;
  // A trailing number needs a copula to be stated ("we get 42", not "Step 42"), except where it is
  // the whole response: a direct answer ("42") states nothing else.
  let b = from;
  while (b < e && isSpace(text.charCodeAt(b))) b++;
  const wholeResponse = start === b && start + last[0].length === e;
  if (!wholeResponse && !copulaRe.test(ctx.sentenceAround(start, start + last[0].length).text)) return undefined;
  ctx.add(start, start + last[0].length, 'last-number', 0);
  const st = ctx.out[0];
  // A number the question quotes is the question restated, even as a response's last word. In
  // a multiple-choice question a plain number is no option chosen ("I get 49 mph, which is not
  // among the choices"): only an option's value, read as its letter, is.
  if (question.optionOf !== undefined && st && !/^[a-j]$/.test(st.normalized)) return undefined;
  // m + n of integers is a whole number: a root or a fraction left at the end ("= \\frac{84\\sqrt{2}}{4}.")
  // is the value m and n are read from (segment.ts concludes() reads candidates so too).
  if (question.integerAnswer && st && !/^-?\d+$/.test(st.normalized)) return undefined;
  return st && !st.fromQuestion ? st : undefined;
}

const negatedBeforeRe = /(?:\bnot|n't|\bnever)[ \t]{1,3}(?:(?:equal|equals|be)[ \t]{1,3}(?:to[ \t]{1,3})?)?\$?$/i;
const possessiveAfterRe = /^['\u2019]s[ \t][a-z]/;
const givenUpRe = /\b(?:(?:I'm|I am) (?:getting )?(?:confused|lost)|start over)\b/i;

const wholeValue = new RegExp(String.raw`^(?:${BASIC_VALUE})$`);
const restatingLeadRe = /\b(?:so|thus|therefore|hence|answer|is|equals?|gives?|get|got|obtain|leaving|leaves)\b|=/i;
// After the value: it is the subject of another relation ("p - q ≈ 1.6", "p - q is approximately"), or one item of a list.
// "p - q is 0.278" gives the expression a number: the expression is the subject, not the conclusion.
const notConcludedAfterRe = /^[ \t$)*\\]{0,6}(?:[=<>\u2248,]|approx|\bis (?:approx|about|around|roughly)|\bis[ \t]{1,2}\$?-?\d)/;

/**
 * Pass 93b: the value the response's summary concludes (after its thinking block, strength 3 or more)
 * is one the response concludes, as a strong statement in the block is: its results of arithmetic in
 * words inside the block ("1092 - 9 is 1083.", "160 + 80 is 240") are read as findVerbalResults reads
 * those of a value concluded in the block (strength 2; the guide: the result line of a computation of
 * the asked quantity that the model treats as its result). Plain numbers only, found where they are
 * written (indexOf), as findVerbalResults does; the statements unchanged where none is found.
 */
export function withSummaryVerbalResults(text: string, statements: Statement[], value: string, opts: StatementOptions): Statement[] {
  if (!plainValueRe.test(value)) return statements;
  const ctx = new Context(text, opts.from ?? 0, opts.to ?? text.length, opts.question);
  findVerbalResults(ctx, valuePlaces(text, ctx.from, ctx.to, [value]));
  if (ctx.out.length === 0) return statements;
  const known = new Set(statements.map((st) => st.start));
  const added = ctx.out.filter((st) => !known.has(st.start));
  return added.length === 0 ? statements : dedupe([...statements, ...added]);
}

/**
 * A response whose answer is not a number ("p - q", "Evelyn", "(3, 4)") states it in words the
 * number rules cannot see: its explicit answers (`\boxed{p - q}`, the summary's) are searched for
 * again in [from, to), and each occurrence in a concluding sentence ("So it appears to be p-q",
 * "the highest speed is **Evelyn**") is a statement about the asked quantity. Returns the
 * statements with these merged in.
 */
export function withRestatements(text: string, statements: Statement[], rawValues: readonly string[], opts: StatementOptions): Statement[] {
  const ctx = new Context(text, opts.from ?? 0, opts.to ?? text.length, opts.question);
  const seen = new Set<string>();
  const forms: string[] = [];
  for (const raw of rawValues) {
    const clean = raw.replace(/\\text\{([^{}]*)\}/g, '$1').replace(/\s+/g, '');
    forms.push(clean);
    // "\\pi" boxed is written "π" in the prose before it ("So the smallest positive c is π."): the
    // same answer in plain text (answers.ts reads both as \\pi).
    if (clean.includes('\\pi') && clean.length <= 12) forms.push(clean.replace(/\\pi/g, '\u03c0'));
  }
  const read: string[] = [];
  for (const clean of forms) {
    // Numbers have rules of their own; a lone letter is a multiple-choice option (findOptionLetters).
    if ((clean.length < 2 && clean !== '\u03c0') || clean.length > 40 || wholeValue.test(clean) || seen.has(clean)) continue;
    seen.add(clean);
    read.push(clean);
  }
  // Many different answers (a record that boxes a new word in each of thousands of attempts) are
  // found in one pass over the text for all of them, not one scan each (docs/engine.md, stop 31).
  const places = read.length > MANY_VALUES ? restatementPlaces(text, ctx.from, ctx.to, read) : undefined;
  for (const clean of read) {
    const restated = new Restatement(clean);
    const at = places?.get(clean);
    let k = 0;
    const next = (after: number): [number, number] | undefined => {
      if (at === undefined) return restated.next(text, after);
      for (; k < at.length; k++) {
        const p = at[k];
        if (p < after) continue;
        const end = restated.at(text, p);
        if (end >= 0) return [p, end];
      }
      return undefined;
    };
    for (let m = next(ctx.from); m !== undefined && m[0] < ctx.to; m = next(m[1])) {
      const [start, end] = m;
      const sentence = ctx.sentenceAround(start, end);
      if (notConcludedAfterRe.test(text.slice(end, end + 24)) || /,[ \t]{0,2}(?:\*\*)?$/.test(text.slice(Math.max(0, start - 6), start)))
        continue;
      const lead = text.slice(sentence.start, start);
      if (!restatingLeadRe.test(lead)) continue;
      // Pass 64: a possessive before a noun ("that Hana's mother has") names another thing, not the
      // value; one that ends its clause ("the greatest speed is Carla's, with") is the value.
      if (possessiveAfterRe.test(text.slice(end, end + 5))) continue;
      // A name the question offers is the subject of most clauses in the reasoning ("So Eve and Dan
      // are consecutive", "So Dan would have to be in 3"): it restates the answer only right after
      // a copula or a verb of result ("Both ways give Grace"), alone (not "Ben and Dan"), and not
      // for a slot other than the asked one ("So position 3 is Dan").
      const named = ctx.question.wordNames;
      if (
        named?.names.has(clean) &&
        (!nameStatedRe.test(lead) ||
          inNameList(text, start, end, named.names) ||
          (named.slot.length > 0 && slotOf(lead, named.slot) === OTHER_SLOT))
      )
        continue;
      ctx.add(start, end, 'conclusion', 3, true);
    }
  }
  return ctx.out.length === 0 ? statements : dedupe([...statements, ...ctx.out]);
}

/**
 * Statement c placed on another's span and value: a FoundStatement as Context.add makes them
 * rather than a spread, so every statement has one object shape; c's tentative is read here.
 */
function withSpanOf(c: Statement, span: Statement): Statement {
  const placed = new FoundStatement(
    undefined,
    span.start,
    span.end,
    span.value,
    c.rule,
    c.strength,
    c.aboutTarget,
    c.fromQuestion,
    span.normalized,
    c.closesOther,
    c.partial,
    c.tentative,
  );
  placed.term = c.term;
  placed.ofOther = c.ofOther;
  return placed;
}

/**
 * Statement st with fromQuestion false (segment.ts computedQuotes): a FoundStatement, so every
 * statement a record's readers see has one map. The object spread this replaces put a second map
 * into the statement arrays, and concludingStatements, judgeAttempts and applyLearnedReader each
 * deoptimized on it ("wrong map") and were recompiled while the engine warmed up (docs/engine.md,
 * stop 29). The spread copied the own fields but not the prototype's tentative
 * getter, so the copy read as not tentative (undefined); here it is false, which every reader of
 * tentative treats alike (they test it for truth).
 */
export function unquoted(st: Statement): Statement {
  const copy = new FoundStatement(
    undefined,
    st.start,
    st.end,
    st.value,
    st.rule,
    st.strength,
    st.aboutTarget,
    false,
    st.normalized,
    st.closesOther,
    st.partial,
    false,
  );
  copy.term = st.term;
  copy.ofOther = st.ofOther;
  return copy;
}

/**
 * A weak conclusion (strength 2) that segment.ts's checkResults finds where a check's result is
 * written again: a FoundStatement, as unquoted makes, so the statements a record's readers see
 * share one map (the object literal it replaces gave readAttempts and candidateFeatures a second
 * map: "wrong map" deoptimizations while the engine warmed up). Its fields are the literal's:
 * rejects stays undefined (every reader tests it for truth, as '').
 */
export function checkResultStatement(start: number, end: number, value: string, normalized: string): Statement {
  const st = new FoundStatement(undefined, start, end, value, 'conclusion', 2, false, false, normalized, false, false, false);
  st.rejects = undefined;
  return st;
}

/** Sorted by start; a statement inside (or equal to) a stronger one's span is dropped. */
/** An ordering or a program's printed text (pass 59, wordForms.ts), read as a conclusion or an answer cue's value. */
function findFormAnswers(ctx: Context, form: AnswerForm): void {
  const spans =
    form.kind === 'ranking' ? rankingStatements(ctx.text, ctx.from, ctx.to, form.query) : outputStatements(ctx.text, ctx.from, ctx.to);
  for (const sp of spans) {
    const n = ctx.out.length;
    ctx.add(sp.start, sp.end, sp.strength === 4 ? 'final-answer' : 'conclusion', sp.strength, true, true);
    // A program's text is no quote of the question: "so it prints 3" of `x = [1, 2, 3]` states the output.
    if (form.kind === 'output' && ctx.out.length > n) ctx.out[n].fromQuestion = false;
  }
}

/** Pass 67: the program values a response states for a code-output question (programValues.ts). */
function findProgramValues(ctx: Context): void {
  for (const sp of programValueStatements(ctx.text, ctx.from, ctx.to)) {
    const n = ctx.out.length;
    ctx.add(sp.start, sp.end, sp.strength === 4 ? 'final-answer' : 'conclusion', sp.strength, true, true);
    // The call's arguments are in the question: a value equal to one of them is still the stated result.
    if (ctx.out.length === n) continue;
    const st = ctx.out[n];
    st.fromQuestion = false;
    // Case kept: 'lAmBdA' and 'LaMbDa' are two answers (programValueKey).
    st.normalized = programValueKey(st.value);
  }
}

/** A JSON answer field's string for a word, ordering or output question (pass 59). */
function findJsonWords(ctx: Context): void {
  for (const sp of jsonStringAnswers(ctx.text, ctx.from, ctx.to)) ctx.add(sp.start, sp.end, 'final-answer', 4, true, true);
}

function dedupe(found: Statement[]): Statement[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end || b.strength - a.strength);
  const out: Statement[] = [];
  for (const c of found) {
    const last = out.at(-1);
    if (last && c.start >= last.start && c.end <= last.end) {
      if (c.strength > last.strength) out[out.length - 1] = withSpanOf(c, last);
      continue;
    }
    out.push(c);
  }
  return out;
}
