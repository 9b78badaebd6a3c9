// Answers that are words (stop 31, pass 59; docs/annotation-guide.md "Answers that are not a single
// number"): true / false statements, orderings ("B > C > A", "Di, Ann, Bo, Cy") and what a program
// prints. question.ts asks questionForm() once per distinct question; statements.ts reads the spans
// rankingStatements() and outputStatements() return as it reads any other statement. Every pattern
// here is linear: bounded repetitions of disjoint character classes, run only for a question of the
// form (no mathematical question with a numeric answer pays anything but the question's tests).

/**
 * QuestionInfo.answerForm: what kind of word answer the question asks for, where the number rules
 * cannot read it, and the question's text (an ordering's items are the things it names).
 */
export interface AnswerForm {
  kind: 'ranking' | 'output';
  query: string;
}

// A literal that every question a function of this file reads holds: "rank", "order", "sort",
// "list", "print", "output", "true", "correct", "Options:", " or ", a quote after "?", 判断 / 说法 /
// 命题 / 结论. The question is analysed for every record (the bench corpus's questions are all
// different), so one scan decides for most questions that none of the patterns below can match.
const wordFormHintRe =
  /ank|rder|rrange|[Ss]ort|[Ll]ist|rint|utput|isplay|echo|rue|RUE|orrect|ptions:|[ \t]or[ \t]|\?[ \t]{0,4}["\u201c']|判断|说法|命题|结论/;
let hintQuery = '';
let hintFound = false;

/** Does the question hold a literal one of this file's question patterns needs (the last question's answer kept)? */
function hinted(query: string): boolean {
  if (query !== hintQuery) {
    hintQuery = query;
    hintFound = wordFormHintRe.test(query);
  }
  return hintFound;
}

// "True or false: ...", "Determine whether the statement is true or false", "T/F", "判断正误 / 判断对错",
// "Is the following statement true?": its answer is True or False (the guide: `True`, `False`,
// `错误` in the response's language).
const trueFalseAskedRe =
  /\btrue[ \t]{0,2}(?:or|\/)[ \t]{0,2}false\b|\b(?:is|are)[ \t](?:the[ \t]following|this|the|each[ \t]of[ \t]the[ \t]following)[ \t](?:statement|claim|assertion|proposition)s?[ \t](?:true|correct)\b|判断正误|判断对错|(?:说法|命题|结论)(?:是否正确|正确吗|对吗)/i;

// The words that answer it: True / False in any case, and Chinese 正确 / 错误 ("correct" / "wrong").
// A lower-case word before another lower-case word is prose ("true for every n").
export const TRUE_FALSE = String.raw`\b(?:[Tt]rue|TRUE|[Ff]alse|FALSE)\b(?![ \t]{1,2}[a-z])|正确|错误`;

/** Does the question ask whether a statement is true or false? */
const hasZhClaim = (q: string): boolean => q.includes('说法') || q.includes('命题') || q.includes('结论');

export function trueFalseAsked(query: string): boolean {
  // "Decide whether each statement is true or false; how many are true?" asks a count.
  // (Tested first: a literal every match holds. The question is read for every record.)
  if (!hinted(query)) return false;
  if (!(query.includes('rue') || query.includes('RUE') || query.includes('orrect') || query.includes('判断') || hasZhClaim(query)))
    return false;
  return trueFalseAskedRe.test(query) && !/\bhow[ \t]many\b|\bnumber[ \t]of\b/i.test(query);
}

// Before a lower-case "true" / "false" that answers: the statement itself is its subject ("the
// statement is false", "this claim is therefore true", "so it is true") or an answer cue ("the
// answer is false"). "x = 2 is true" or "the inequality holds, true" is about something else.
const tfSubjectRe =
  /\b(?:statement|claim|assertion|proposition|it|this|that|answer)(?:[ \t]{1,2}(?:is|was|would[ \t]be|must[ \t]be))?(?:[ \t]{1,2}(?:therefore|thus|indeed|still|actually|definitely|clearly))?[ \t]{1,2}(?:is|was|be|:)?[ \t*]{0,4}$/i;

/** For a lower-case "true" / "false": does the text before it (`before`, its sentence up to it) make it the statement's verdict? */
export function tfSubjectBefore(before: string): boolean {
  return tfSubjectRe.test(before.length > 60 ? before.slice(-60) : before);
}

// A Chinese verdict: a conclusion cue (所以 / 因此 / 故 / 综上 / 答案 / 结论) then, in its clause, a copula
// or a colon right before the word ("因此这个说法是错误的", "所以结论仍然是：错误", "答案：错误").
const zhVerdictRe = /(?:所以|因此|因而|故|综上|答案|结论)[^。！？\n]{0,24}(?:是|为|：|:)[ \t*]{0,4}$/;

/** For 正确 / 错误: the strength it is stated with (4 after 答案, 3 after another cue), or 0. */
export function zhVerdictStrength(before: string): number {
  const m = zhVerdictRe.exec(before.length > 40 ? before.slice(-40) : before);
  if (m === null) return 0;
  return m[0].startsWith('答案') ? 4 : 3;
}

// An ordering asked: "Rank A, B and C from largest to smallest", "Order the fractions ... from least
// to greatest", "Arrange ... in increasing order", "In what order did they finish?".
const rankingAskedRe =
  /\b(?:rank|order|arrange|sort|list)\b[^?\n]{0,120}?\b(?:from[ \t](?:the[ \t])?(?:least|greatest|largest|smallest|lowest|highest|shortest|longest|first|last|oldest|youngest|earliest|latest|most|fewest)|in[ \t](?:increasing|decreasing|ascending|descending|alphabetical|chronological)[ \t]order)\b|\bin[ \t]what[ \t]order\b|\bwhat[ \t]is[ \t]the[ \t](?:correct[ \t])?(?:order|ranking)\b/i;

// A question about a program's output: "What does this code print?", "What is the output of ...",
// "What will the following program output?", "What is printed?".
const outputAskedRe =
  /\bwhat[ \t](?:does|will|would|do)[ \t][^?\n]{0,80}?\b(?:print|output|display|echo)\b|\bwhat[ \t](?:is|will[ \t]be|would[ \t]be)[ \t](?:the[ \t])?(?:output|printed)\b|\bwhat[ \t](?:gets|is)[ \t]printed\b|\bthe[ \t]output[ \t]of[ \t]the[ \t](?:following|code|program|snippet|statement|script)\b/i;
// The question shows code: a call, an assignment, a statement of a language.
const codeShownRe =
  /\b(?:print|printf|console\.log|echo|puts|System\.out)[ \t]?\(|\b(?:def|for|while|int|return|let|var|const)[ \t]|[a-z_]\w{0,20}[ \t]?=[ \t]?\S|```/;

const outputHint = (q: string): boolean => q.includes('rint') || q.includes('utput') || q.includes('isplay') || q.includes('echo');
const rankingHint = (q: string): boolean =>
  q.includes('ank') ||
  q.includes('rder') ||
  q.includes('rrange') ||
  q.includes('sort') ||
  q.includes('Sort') ||
  q.includes('list') ||
  q.includes('List');

/** QuestionInfo.answerForm of a question (its full text and the asking sentence); undefined for most. */
export function questionForm(query: string): AnswerForm | undefined {
  // (Each pattern tested after a literal every match of it holds: the question is read for every record.)
  if (!hinted(query)) return undefined;
  if (outputHint(query) && outputAskedRe.test(query) && codeShownRe.test(query)) return { kind: 'output', query };
  if (rankingHint(query) && rankingAskedRe.test(query)) return { kind: 'ranking', query };
  return undefined;
}

/** A statement span rankingStatements / outputStatements return: the value is text[start, end). */
export interface FormSpan {
  start: number;
  end: number;
  strength: number;
}

// An item of an ordering: a short token without blanks or separators ("B", "Ann", "3/5", "2^30").
// Chains: items joined by one kind of separator, ">" / "<" / "," / "→" (an "and" may follow a comma).
const chainRe =
  /(?<![\w/^.])[A-Za-z0-9][\w/^.]{0,15}(?:[ \t]{0,2}(?:>|<|,|\u2192|\\gt|\\lt)[ \t]{0,2}(?:and[ \t]{1,2})?[A-Za-z0-9][\w/^.]{0,15}){2,11}/g;
const chainSepRe = /[ \t]{0,2}(?:>|<|,|\u2192|\\gt|\\lt)[ \t]{0,2}(?:and[ \t]{1,2})?/g;
// Before an ordering that states the answer: an answer cue, "the order / ranking is", "Ranking:",
// "i.e.", "that is"; or a conclusion word ("So B > C > A").
const rankCueRe =
  /(?:\b(?:answer|order|ordering|ranking|ranked|arrangement|sequence)\b[^.\n]{0,24}?(?:\b(?:is|are|would[ \t]be|will[ \t]be)|:)|\bi\.e\.,?|\bthat[ \t]is,?|\b(?:so|therefore|thus|hence)\b,?(?:[ \t]{1,2}(?:it's|it[ \t]is|we[ \t]get|we[ \t]have))?)[ \t*]{0,4}$/i;
const rankAnswerCueRe = /\banswer\b[^.\n]{0,24}?(?:\b(?:is|would[ \t]be)|:)[ \t*]{0,4}$/i;

/**
 * The orderings a response states (QuestionInfo.answerForm 'ranking'): a chain of three or more
 * items the question names (each item a word or a value of the question: an ordering orders what
 * the question lists), joined by one kind of separator, after a cue (strength 4 after an answer
 * cue, 3 after "the order is", "Ranking:", "i.e.", a conclusion word), or standing as a sentence
 * or a line of its own (strength 3). The value is the chain as written (the guide: several values
 * are one value). A chain of values the question does not name ("9.542 > 9.087 > 9.031") is a
 * step.
 */
export function rankingStatements(text: string, from: number, to: number, query: string): FormSpan[] {
  const out: FormSpan[] = [];
  chainRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = chainRe.exec(text)) !== null && m.index < to) {
    let chain = m[0];
    // A sentence's full stop is not part of the last item.
    while (chain.endsWith('.')) chain = chain.slice(0, -1);
    const start = m.index;
    const end = start + chain.length;
    if (end > to) break;
    const seps = chain.match(chainSepRe) ?? [];
    const kinds = new Set(
      seps.map((s) =>
        s
          .replace(/[ \t]|and/g, '')
          .replace('\\gt', '>')
          .replace('\\lt', '<'),
      ),
    );
    if (kinds.size !== 1) continue;
    const items = chain.split(chainSepRe);
    if (items.length < 3 || !items.every((it) => namedIn(query, it))) continue;
    const before = text.slice(Math.max(from, start - 60), start);
    const line = before.lastIndexOf('\n');
    const clause = line >= 0 ? before.slice(line + 1) : before;
    let strength = 0;
    if (rankAnswerCueRe.test(clause)) strength = 4;
    else if (rankCueRe.test(clause)) strength = 3;
    else if (/^[ \t*#>-]*$/.test(clause) || /[.!:][ \t*]{1,4}$/.test(clause)) {
      // A chain that is its own sentence or line: nothing but a full stop or the line's end after it.
      const after = text.slice(end, end + 4);
      if (/^[ \t*]{0,2}(?:\.|\n|$)/.test(after)) strength = 3;
    }
    if (strength > 0) out.push({ start, end, strength });
  }
  return out;
}

/** Is `item` written in the question as a word of its own ("B" in "B = 3^20", "Ann", "3/5")? */
function namedIn(query: string, item: string): boolean {
  for (let i = query.indexOf(item); i >= 0; i = query.indexOf(item, i + 1)) {
    const a = i > 0 ? query.charCodeAt(i - 1) : 32;
    const b = i + item.length < query.length ? query.charCodeAt(i + item.length) : 32;
    if (!isWordCode(a) && !isWordCode(b)) return true;
  }
  return false;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 47;
}

// What a program prints, stated: "so it prints 3", "the code will print hello", "the output is 3 1
// -4", "Output: 4", "the line prints `ll`". Group 1 is the printed text up to the sentence's end (a
// full stop before a blank or the line's end, a comma before a blank, the line's end), at most 40
// characters; quotes and backticks around it are not part of it.
const outputCueRe =
  /\b(?:(?:it|this|that|the[ \t](?:code|program|line|statement|snippet|script|call|loop|function))[ \t]{1,2}(?:(?:will|would|should|then)[ \t]{1,2})?(?:prints?|outputs?|displays?)|(?:the[ \t])?output[ \t](?:is|will[ \t]be|would[ \t]be|should[ \t]be)|output:|prints:)[ \t]{1,3}(?:\*\*)?[`"']?([^\n`"'*]{1,40}?)[`"']?(?:\*\*)?(?=[ \t]{0,2}(?:\.(?:[ \t]|$)|,[ \t]|;|\n|$))/dgim;
// An answer cue's reading of the same text (strength 4): "Output:" on its own, "the output is".
const outputFinalRe = /^(?:the[ \t])?output/i;

/**
 * What a response says a program prints (QuestionInfo.answerForm 'output'): the printed text after
 * "prints" / "outputs" with the program or "it" as subject, "the output is", "Output:" (the
 * guide: the value is the printed text as the model writes it). Strength 4 for "Output:" and "the
 * output is" (an answer cue), 3 for "so it prints 4". A question ("so it prints 3?") and a tried
 * value are left to the engine's usual tests of the sentence.
 */
export function outputStatements(text: string, from: number, to: number): FormSpan[] {
  const out: FormSpan[] = [];
  if (text.indexOf('print', from) < 0 && text.indexOf('utput', from) < 0) return out;
  outputCueRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = outputCueRe.exec(text)) !== null && m.index < to) {
    let value = m[1];
    while (value.endsWith(' ') || value.endsWith('\t')) value = value.slice(0, -1);
    if (value.length === 0) continue;
    // "prints the length of x", "the output is as follows": words about the output, not the output.
    if (/^(?:the|a|an|as|what|whatever|nothing|something|each|every|its|their|out)\b/i.test(value)) continue;
    const start = m.indices![1][0];
    const end = start + value.length;
    if (end > to) break;
    out.push({ start, end, strength: outputFinalRe.test(m[0]) ? 4 : 3 });
  }
  return out;
}

// A JSON object's answer field holding a string: `{"answer": "ll"}`, `"final_answer": "Di, Ann, Bo, Cy"`.
const jsonStringAnswerRe = /"(?:final_)?answer"[ \t]{0,2}:[ \t]{0,2}"([^"\n\\]{1,40})"/dgi;

/**
 * For a question whose answer is a word, an ordering or printed text: the string value of a JSON
 * object's answer field, an explicit final statement (strength 4; pass 53's findJsonAnswers reads
 * only the values a number or value pattern reads).
 */
export function jsonStringAnswers(text: string, from: number, to: number): FormSpan[] {
  const out: FormSpan[] = [];
  if (text.indexOf('nswer"', from) < 0) return out;
  jsonStringAnswerRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = jsonStringAnswerRe.exec(text)) !== null && m.index < to) {
    const [start, end] = m.indices![1];
    if (end > to) break;
    if (m[1].trim() !== m[1] || m[1].length === 0) continue;
    out.push({ start, end, strength: 4 });
  }
  return out;
}

// Word options listed with dashes or bullets after "Options:" (BIG-Bench-Hard: "Options: - valid -
// invalid", "Options:\n- Yes\n- No"), closing the question.
const dashOptionsRe = /\bOptions:[ \t\n]{0,3}(?=[-\u2022])/i;
const dashItemRe = /^[A-Za-z][A-Za-z'-]{0,19}(?:[ \t][A-Za-z'-]{1,20}){0,2}$/;
// A word offered with its negation: "valid or invalid", "plausible or implausible", "possible or impossible".
const negationPairRe = /\b([a-z]{3,15})[ \t]or[ \t](in|im|un|il|ir|non-?)\1\b/i;
// A yes/no question about a quoted sentence ("Is the following sentence plausible? \"Messi scored a
// touchdown.\""): the question mark is not the record's last character, the quote is.
const quotedYesNoRe = /^\s{0,4}(?:is|are|was|were|does|do|did|can|could|would)\b[^?\n]{0,160}\?[ \t]{0,4}["\u201c'][^\n]{1,600}$/i;
const quotedNotYesNoRe = /\b(?:how|what|which|who|whom|whose|why|where)\b|[ \t]or[ \t]/i;

/**
 * The words a question offers as its answers (pass 59), where it offers them as words: a dashed
 * "Options:" list of words ("- valid - invalid"), a word and its negation ("plausible or
 * implausible"), or a yes/no question about a quoted sentence. 'yes-no' where the words are yes and
 * no; otherwise a pattern source of the words (capitalized, lower and upper case; a lower-case word
 * before another lower-case word is prose: "valid for every n"); undefined for most questions.
 */
export function offeredWords(query: string): string | undefined {
  if (!hinted(query)) return undefined;
  let words: string[] | undefined;
  const dash = query.includes('ptions:') ? dashOptionsRe.exec(query) : null;
  if (dash) {
    const items = query
      .slice(dash.index + dash[0].length)
      .split(/[ \t\n]{0,3}[-\u2022][ \t]{1,2}/)
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
    if (items.length >= 2 && items.length <= 5 && items.every((x) => dashItemRe.test(x))) words = items;
  }
  if (words === undefined && query.includes(' or ')) {
    const pair = negationPairRe.exec(query);
    if (pair) words = [pair[1], pair[2] + pair[1]];
  }
  if (words === undefined) {
    const q = query.includes('?') ? quotedYesNoRe.exec(query) : null;
    if (q && !quotedNotYesNoRe.test(query.slice(0, query.indexOf('?')))) return 'yes-no';
    return undefined;
  }
  const lower = words.map((w) => w.toLowerCase());
  if (lower.length === 2 && lower.includes('yes') && lower.includes('no')) return 'yes-no';
  const forms = new Set<string>();
  for (const w of lower) {
    const esc = w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    forms.add(esc);
    forms.add(esc[0].toUpperCase() + esc.slice(1));
    forms.add(esc.toUpperCase());
  }
  return String.raw`\b(?:${[...forms].join('|')})\b(?![ \t]{1,2}[a-z])`;
}

// A set of option letters each in parentheses: "(A) and (C)", "(B), (C), (D)".
const parenSetRe = /\([A-E]\)(?:[ \t]{0,2}(?:,|&|and)[ \t]{0,2}(?:and[ \t]{1,2})?\([A-E]\)){1,4}/g;

/** Sets of option letters written in parentheses (pass 59), with their letters as a list ("A and C"): a multi-select answer. */
export function parenOptionSets(text: string, from: number, to: number): { start: number; end: number; letters: string }[] {
  const out: { start: number; end: number; letters: string }[] = [];
  if (text.indexOf(') and (', from) < 0 && text.indexOf('), (', from) < 0) return out;
  parenSetRe.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = parenSetRe.exec(text)) !== null && m.index < to) {
    const end = m.index + m[0].length;
    if (end > to) break;
    out.push({ start: m.index, end, letters: (m[0].match(/[A-E]/g) ?? []).join(', ') });
  }
  return out;
}

// Before a set of letters: its options named by what they are ("So the even ones are", "The primes
// are", "the even functions are"), not a list of the question's options ("The options are").
export const setNamedRe =
  /\b[Tt]he[ \t](?!options\b|choices\b|letters\b|candidates\b|possibilities\b|answer[ \t])(?:[a-z]{2,14}[ \t])?(?:ones|[a-z]{2,15}s)[ \t](?:are|would[ \t]be)[ \t]{1,2}(?:\*\*)?$|\b[Ff]inal[ \t]?:[ \t]{0,2}(?:\*\*)?$/;
