// The adversarial inputs of the engine's linear-time guards, defined once: the tests build them to
// check the results and as hang guards (a node:test timeout, not a measurement), and
// bench/linear.bench.ts (`npm run bench -- linear`) builds them at a quarter of the tests' size and
// at the tests' size and prints how the time grows (linear ~4x, quadratic ~16x) beside a plain
// linear scan of the same texts. Each case is a body (or a text) built from the pieces a pass's
// patterns repeat or backtrack over: runs of blanks around optional tokens, openers without closers,
// long digit runs, cues with no value after them. `k` scales every repetition count: 1 builds the
// input its test uses, byte for byte.
//
// Answer extraction's own adversarial inputs (findStatements, lastNumberStatement, the Python reward
// function's patterns) are bench/extraction.bench.ts's; the reward function's growth is timed here
// on the worst shapes of its old code (rewardShapes).
import { defaultSegmentOptions } from '../server/src/trace/options.js';
import { parseRecordText, parseTrace } from '../server/src/trace/parse.js';
import { programValueStatements, programWork } from '../server/src/trace/programValues.js';
import { analyzeQuestion } from '../server/src/trace/question.js';
import { segmentAttempts, segmentRecord } from '../server/src/trace/segment.js';
import { findStatements } from '../server/src/trace/statements.js';
import type { SegmentOptions } from '../server/src/trace/types.js';

/** `piece` repeated to exactly n characters. */
export const repeatTo = (piece: string, n: number): string => piece.repeat(Math.ceil(n / piece.length)).slice(0, n);

/** A repetition count scaled by k (k = 1: the test's own count). */
const times = (n: number, k: number): number => Math.round(n * k);

/** A one-record trace with this question, body and (optional) reference answer. */
export function record(query: string, body: string, answer?: string) {
  return parseTrace(`=== 1\nquery: ${query}\n${answer !== undefined ? `answer: ${answer}\n` : ''}---\n${body}\n`).records[0];
}

/** The guarded work of one case on one of its inputs. */
export interface AdversarialCase {
  /** The test that guards it: `file: what`. */
  name: string;
  /** The inputs at scale k (1: as the test builds them), one per piece. */
  inputs(k: number): string[];
  /** The engine call the test makes on one input. */
  run(input: string): unknown;
}

const rulesReader: SegmentOptions = { ...defaultSegmentOptions, reader: 'rules' };

/** Segmentation (segmentAttempts) of one record per piece: this question, the body built from the piece. */
function segmentation(
  name: string,
  query: string,
  pieces: readonly string[],
  body: (piece: string, k: number) => string,
  options: SegmentOptions = defaultSegmentOptions,
): AdversarialCase {
  return {
    name,
    inputs: (k) => pieces.map((p) => body(p, k)),
    run: (text) => segmentAttempts(record(query, text), options),
  };
}

// Questions the tests also use elsewhere in their files.
export const SWIM_43 =
  'Four swimmers raced: Lena, Omar, Priya and Tomas. Omar beat Priya. Lena was not last. Tomas touched right after Lena. Who came in place 3?';
export const ENZYME_47 =
  'Which statement about a competitive inhibitor of an enzyme is true? (A) It raises the apparent Km while leaving Vmax unchanged. (B) It lowers Vmax while leaving Km unchanged. (C) It binds only to the enzyme-substrate complex. (D) It forms a covalent bond with the active site serine.';
export const PRODUCT_48 = 'What is 12 × 15?';
// One line: a record's header holds its question so (a line break reads as a blank).
export const FAMILY_55 =
  "Given the family relationships: * Kim is Lou's mother. * Lou is Max's father. What is the family relationship between Kim and Max? Select the correct answer: 1. Kim is Max's granddaughter. 2. Kim is Max's grandmother. 3. Kim is Max's aunt. Answer with selected option number.";
export const TAGGED_55 = FAMILY_55.replace(
  'Answer with selected option number.',
  'Enclose the selected answer number in the <ANSWER> tag, for example: <ANSWER>1</ANSWER>.',
);
export const ROLLS_56 = 'A baker bakes 6 trays of 7 rolls and sells 27 of them. How many rolls are left?';
export const CODE_79 = "Complete the assert statement with the output.  def f(s):     return s[::-1] + '!'  assert f('ab') ==";
export const ES_84 = 'Juan tiene 3 cajas con 4 manzanas cada una. ¿Cuántas manzanas tiene?';
// 95a: an Arena-Hard style prompt (the responses framed by their own labels, a verdict label asked).
export const ARENA_95 =
  'Compare the two answers to the question and output your verdict as one of [[A>>B]], [[A>B]], [[A=B]], [[B>A]], [[B>>A]]. ' +
  'Question: Which gas do plants take in for photosynthesis? (A) oxygen (B) nitrogen (C) carbon dioxide (D) helium ' +
  "[The Start of Assistant A's Answer] Plants take in oxygen, so (A). [The End of Assistant A's Answer] " +
  "[The Start of Assistant B's Answer] Plants take in carbon dioxide, so (C). [The End of Assistant B's Answer]";
export const ARENA_95B =
  'Please act as an impartial judge and evaluate the quality of the responses provided by two AI assistants to the user prompt displayed below. ' +
  'After providing your explanation, you must output only one of the following choices as your final verdict with a label: ' +
  '1. Assistant A is significantly better: [[A>>B]] 2. Assistant A is slightly better: [[A>B]] 3. Tie, relatively the same: [[A=B]] ' +
  '4. Assistant B is slightly better: [[B>A]] 5. Assistant B is significantly better: [[B>>A]] ' +
  "<|User Prompt|> Which planet is largest? (A) Mars (B) Jupiter (C) Venus <|The Start of Assistant A's Answer|> Jupiter, so (B). " +
  "<|The End of Assistant A's Answer|> <|The Start of Assistant B's Answer|> The answer is (B), Jupiter, the largest planet by mass and radius. " +
  "<|The End of Assistant B's Answer|>";
// LLMBar's / AlpacaEval's "Output (a)" prompt.
export const OUTPUTS_95B =
  'You are a helpful assistant in evaluating the quality of the outputs for a given instruction. Your goal is to select the best output for the given instruction. ' +
  'Select the Output (a) or Output (b) that is better for the given instruction. # Instruction: List three fruits that are red. ' +
  '# Output (a): Strawberries, cherries and raspberries. # Output (b): Tomatoes, red peppers and beets. ' +
  '# Which is better, Output (a) or Output (b)? Your response should be either "Output (a)" or "Output (b)":';

const LONG_14 = 'perimeter, in inches, of the regular hexagon units digits '.repeat(40);
/** segmentRules14's question: a long one, so its nouns are many. */
export const QUESTION_14 = `If the perimeter of one triangle is 21 inches, what is the units digit of the sum of ${LONG_14}? Find the number of minutes of the sum of the squares; the list has 2024 items.`;
export const QUESTION_13 = 'What is the price of 21 pencils on a 3 x 3 board? A count of the squares.';

/** segmentRules95b's body: concessions and picks, each followed by `sep`. */
const concessions95b = (sep: string, k: number): string =>
  ('Overall, while both are fine, Both assistants are right, but Output (a) is better. The better output is Output (b).' + sep).repeat(
    times(1800, k),
  );

/** The segmentation guards of the rule passes (test/unit/trace/segmentRules<N>.test.ts), by pass. */
export const segmentationCases = {
  rules12: segmentation(
    'segmentRules12: the twelfth pass on 100 KB of its pieces',
    'Find the sum of the squares of the items. A. 1 B. 2 C. 3 D. 4',
    [
      '= 1 \\text{ ',
      '= 2 \\, ',
      ' sum of the ',
      '9, which is ',
      'Option A ',
      '**Option B:',
      'include \\boxed{B} ',
      'so the sum is 3 ',
      ' ',
    ],
    (piece, k) => repeatTo('So the sum is 12' + repeatTo(piece, times(100_000, k)), times(100_000, k)),
  ),
  rules13: segmentation(
    'segmentRules13: the thirteenth pass on 100 KB of its pieces',
    QUESTION_13,
    [
      '27 miles from City ',
      ' is indeed the correct ',
      '8 is the correct count ',
      '= 204 minutes ',
      'minutes hours ',
      'the price of pencils: ',
      ': 5 ',
      '70 divided by 40: ',
      '>= ',
      '\\geq 1 ',
      '12, 13, 14 ',
      '1212',
      '2x - 3y + ',
      '3 * side = ',
      ' ',
    ],
    (piece, k) =>
      repeatTo('So the price of 21 pencils is 12. Then 12 and 13 and 14. ' + repeatTo(piece, times(100_000, k)), times(100_000, k)) +
      '\nSo the price of 21 pencils is 12.',
  ),
  // Many restatements of one value, each gap testing numbers new to the record: whether a number
  // came before is looked up, not searched for in the body's prefix once per gap (quadratic).
  rules13restatements: segmentation('segmentRules13: 400 KB of restatements with new numbers between them', QUESTION_13, [''], (_, k) => {
    let gaps = '';
    for (let i = 0; gaps.length < times(400_000, k); i++)
      gaps += `So the price of 21 pencils is 777.\n\nNow ${100 + i} and ${500000 + i}.\n\n`;
    return gaps;
  }),
  rules14: segmentation(
    'segmentRules14: the fourteenth pass on 100 KB of its pieces',
    QUESTION_14,
    [
      'a=2, b=3, ',
      'a=2, b=3, c=4, d=1\n',
      'the units digit of the sum = 5\n',
      'walk time + t minutes = 2.4 hours\n',
      'I need A such that the sum = 2024\n',
      '= 2, d',
      ', and ',
      'units digit ',
      'units units ',
      'the sum of the remaining numbers is 12. ',
      'sum of sum of ',
      '= 2.4 hours ',
      '\\text{ hours ',
      'such that x = 2024 ',
      'need = ',
      ', in inches, ',
      ' ',
    ],
    (piece, k) =>
      repeatTo('So the sum of the squares is 236. ' + repeatTo(piece, times(100_000, k)), times(100_000, k)) +
      '\nSo the sum of the squares is 236.',
  ),
  rules15: segmentation(
    'segmentRules15: the fifteenth pass on 100 KB of its pieces',
    'How much change does Omar receive, in dollars?',
    ['```\n', 'count ', '7 (corrected', ', as ', '£', '\\$', '∴ (', 'choose (', '80 g.', '= 5 ✓', ' '],
    (piece, k) => repeatTo('The change is 30. ' + repeatTo(piece, times(100_000, k)), times(100_000, k)) + '\n```\n30\n```',
  ),
  rules17: segmentation(
    'segmentRules17: the seventeenth pass on 100 KB of its pieces',
    'How many apples does the farm pack?',
    ['1 + ', '1.', ' 1', ', 1 * (2) - ', 'are \\( 1 + 6 ', '= ', '7.\n\nWait', ' '],
    (piece, k) => repeatTo('So there are 2 + 3 = 5 apples. ' + repeatTo(piece, times(100_000, k)), times(100_000, k)) + ' = 7.',
  ),
  rules19: segmentation(
    'segmentRules19: the nineteenth pass on 100 KB of its pieces',
    'What is the greatest integer less than or equal to the area?',
    [
      'So I get 7. ',
      'Wait, ',
      ' is that ',
      'I made a ',
      'multiplied by ',
      'so 3 times ',
      '(Check: 1 = 1',
      'check ✓',
      ' It does.',
      '= **4',
      ':** (3 + 5) ÷ 2 ',
      "that's 1 ",
      ", that's ",
      'Hmm, careful ',
    ],
    (piece, k) =>
      repeatTo('So the area is 22.5. ' + repeatTo(piece, times(100_000, k)), times(100_000, k)) +
      ' Wait, is that right? So the answer is 22.',
  ),
  rules21: segmentation(
    'segmentRules21: Chinese cues and clause marks, 200 KB',
    '求 d。',
    ['所以', '所以，', '所以 d=', '因此 a 为 1，', '。', '，，，'],
    (p, k) => repeatTo(p, times(200_000, k)),
  ),
  rules22: segmentation(
    'segmentRules22: divisibility phrases, 40 KB',
    'How many games were played in total?',
    ['divisible by 2 * ', 'a multiple of 3 = ', 'divisibility by '],
    (p, k) => `So it is ${repeatTo(p, times(40_000, k))} 7.`,
  ),
  rules23: segmentation(
    'segmentRules23: long re-checks and arithmetic lines before a marker, 60 KB',
    'How many miles from City A will they be when they meet?',
    ['Just to be thorough, ', '6 + 1 = 7', 'summar', 'getting too ', ' = 7.\n\nWait'],
    (piece, k) => `<think>\nSo they meet 27 miles from City A.\n\n${repeatTo(piece, times(60_000, k))}\n\nSo 27 miles.\n</think>\n\n27`,
  ),
  rules25: segmentation(
    'segmentRules25: congruences, counts and parentheses, 200 KB',
    'What is the remainder when 2^1398 is divided by 11?',
    [
      '≡ 3 (mod 11',
      'So there are 47 ',
      'Combining everything, there are 3 ',
      '\\equiv 7 \\pmod{',
      'is $0.36 ($3.78 ',
      'comes out to ',
      '2198 (agrees',
      ' (a',
    ],
    (p, k) => repeatTo(p, times(200_000, k)),
  ),
  // Many lines opening a quotation that never closes at a line end, and one long unclosed quotation.
  rules26: segmentation(
    'segmentRules26: quoted drafts that never close, 200 KB',
    'What is 17 * 23?',
    ['\n"ab cd ef gh ', `\n"${'a b '.repeat(70)}" x`, '\n  \u201c1 + 2 = 3 ', '"'],
    (piece, k) => `<think>\n${repeatTo(piece, times(200_000, k))}\n</think>\nThe product is \\boxed{391}.`,
  ),
  rules41: segmentation(
    'segmentRules41: named restatements and raised questions, 100 KB',
    'What is 6 times 7?',
    [
      'So p(8) = 42. Wait, g(1) = p(8) = 42. ',
      'Wait, could it be less? The problem says six sevens, because seven is counted six times. So the answer is 42.\n',
      'Let me make sure that f(x) = 42 since x = 42 = 42 = ',
    ],
    (piece, k) => repeatTo(piece, times(100_000, k)),
  ),
  rules43: segmentation(
    'segmentRules43: names and slots, 20 KB',
    SWIM_43,
    ['Omar, ', 'Omar in 3, ', '3: ', 'place 3 '],
    (p, k) => `So ${repeatTo(p, times(20_000, k))} is Priya.`,
  ),
  rules44: segmentation(
    'segmentRules44: premises, 20 KB',
    'Compute 1 - 2 + 3 - 4 + ... + 79 - 80.',
    ['if ', 'if a, then ', 'then 40 = ', 'If 4 then '],
    (p, k) => `${repeatTo(p, times(20_000, k))} -40. Wait, let me check. 2 + 2 = 4. The answer is -40.`,
  ),
  rules46: segmentation(
    'segmentRules46: checks and verdicts, 20 KB',
    'What is 6 times 7?',
    ['Let me double-check. 6 * 7 = 42. Yep, that seems right. ', 'Alternatively, 42. ', ' = 42 yes yes yes ', 'Let me verify '],
    (p, k) => `6 times 7 is 42, so the answer is 42.\n\n${repeatTo(p, times(20_000, k))}\n\nThe answer is 42.`,
  ),
  rules47: segmentation(
    'segmentRules47: cues and option words, 20 KB',
    ENZYME_47,
    ['So it raises the apparent Km. ', 'Therefore it lowers Vmax while ', 'so so so Km Vmax serine ', 'Jupiter is the densest, so '],
    (p, k) => repeatTo(p, times(20_000, k)),
  ),
  // Many announcements, markers, lines with no blank.
  rules48: segmentation(
    'segmentRules48: announced drafts, 1 MB',
    PRODUCT_48,
    [''],
    (_, k) =>
      `<think>\n${"I'd write:\nWait, 12 × 15 = 180.\n".repeat(times(20_000, k))}${"Let's draft it:\n".repeat(times(20_000, k))}${'x'.repeat(times(200_000, k))}\n</think>\n\nThe answer is \\boxed{180}.`,
    rulesReader,
  ),
  rules49: segmentation(
    'segmentRules49: quotes, raised questions and re-reads, 20 KB',
    'A box holds "exactly six red marbles and one blue marble." How many marbles are in the box?',
    [
      'So the answer is 7. Is that right? Yes, because 6 + 1 = 7. ',
      'The problem says "exactly six red marbles and one blue marble." ',
      'Wait, but the problem says the box holds one more marble. So 7. ',
      '"""" ??? ',
      '$$$\\(\\) ',
    ],
    (p, k) =>
      `<think>\nSix plus one is 7, so the answer is 7.\n\n${repeatTo(p, times(20_000, k))}\n\nSo the answer is 7.\n</think>\nThe answer is 7.`,
  ),
  rules54: segmentation(
    'segmentRules54: yes/no and comparisons, 100 KB',
    'Is the Volga longer than the Rhine?',
    [
      'so the Volga is longer ',
      'so the Volga is longer than the Rhine, so the Rhine is shorter. ',
      'longer',
      'so so so so Volga Volga is is ',
      '\nYES\n',
      'YES ',
      '\n**NO** ',
      'Therefore, the the the Volga was indeed ',
      'so no so no. ',
    ],
    (piece, k) => repeatTo(piece, times(100_000, k)),
  ),
  rules55: segmentation(
    'segmentRules55: tags, options and cues, 20 KB',
    TAGGED_55,
    ["So Kim is Max's grandmother. ", '<ANSWER>', '<answer>2</answer> ', "Max is Kim's granddaughter. So "],
    (p, k) => repeatTo(p, times(20_000, k)),
  ),
  rules56: segmentation(
    'segmentRules56: rejections, 20 KB',
    ROLLS_56,
    [', not ', ' instead of ', ' rather than ', '(not ', '\u2014 not ', 'not 5 but ', '1, not 2', ' and not 7'],
    (p, k) => `So the total is 15${repeatTo(p, times(20_000, k))}.\n`,
  ),
  rules58: segmentation(
    'segmentRules58: shaped values (lists, intervals, dates, times), 4000 pieces',
    'Find all real solutions of x^3 - x = 0 and simplify the expression for the interval notation of the domain.',
    ['1, ', 'x + ', '(1, ', '[2, ', 'May 4 ', '12:30 ', 'x > ', 'sin '],
    (p, k) => p.repeat(times(4000, k)),
  ),
  rules59: segmentation(
    'segmentRules59: orderings, program output, answers in JSON, 20 KB',
    'Rank the towns Ashby, Brill and Crane from largest to smallest population. What does this code print? print(1)',
    ['Ashby, Brill, ', 'so it prints ', 'Brill > ', '"answer": "', 'the statement is ', 'Ranking: Ashby'],
    (p, k) => repeatTo(p, times(20_000, k)),
  ),
  rules59trueFalse: segmentation(
    'segmentRules59: true/false verdicts, 20 KB',
    'True or false: 1 is prime.',
    ['so the statement is true. ', '所以是错误', 'True '],
    (p, k) => repeatTo(p, times(20_000, k)),
  ),
  rules59weekday: segmentation(
    'segmentRules59: weekdays, 20 KB',
    'What day of the week is it 9 days after Monday?',
    ['**Friday** ', "so it's Friday ", '**'],
    (p, k) => repeatTo(p, times(20_000, k)),
  ),
  rules59sets: segmentation(
    'segmentRules59: multi-select sets, 20 KB',
    'Which of the following are even? Select all that apply. (A) 2 (B) 3 (C) 4 (D) 5',
    ['(A) and (', '), (B', 'The evens are A, ', 'Final: ', 'so it is. Yes. '],
    (p, k) => repeatTo(p, times(20_000, k)),
  ),
  // The long scans' budget keeps the work linear.
  rules64boxes: segmentation(
    'segmentRules64: 1.4 MB of boxes that never close',
    'List the first 300 multiples of 7.',
    [''],
    (_, k) => `\\boxed{${'ab '.repeat(300)}`.repeat(times(1500, k)),
    rulesReader,
  ),
  rules64answerLines: segmentation(
    'segmentRules64: a 1 MB line of "Answer: " cues',
    'What is the capital of France?',
    [''],
    (_, k) => 'Answer: '.repeat(times(130_000, k)),
    rulesReader,
  ),
  rules79: segmentation(
    'segmentRules79: long lines of "assert" and calls before "=="',
    CODE_79,
    ['assert f(', 'assert ', 'f(f(', 'assert a(b(c( '],
    (p, k) => `<think>\n${p.repeat(times(2000, k))} == 'x'\n</think>\n\n'x'`,
  ),
  rules84: segmentation(
    'segmentRules84: the answer leads of other languages, 100 KB of each',
    ES_84,
    [
      'Jibu ni ',
      'La respuesta es ',
      'Réponse : ',
      'Antwort: ',
      'A resposta é ',
      'Ответ равен ',
      'respuesta: **(',
      'Jibu: "1',
      'Por lo tanto, x es ',
      'Kwa hiyo ni = ',
      'したがって、は',
      'Вывод: 1',
    ],
    (piece, k) => piece.repeat(Math.ceil(times(100_000, k) / piece.length)),
    rulesReader,
  ),
  rules95: segmentation(
    "segmentRules95: judges' picks, 200 KB on one line and on many lines",
    ARENA_95,
    [' ', '\n', '\n\n**Final Verdict:**\n'],
    (sep, k) => ('Overall, Assistant A is significantly better than B, I prefer Response B. [[A>B]]' + sep).repeat(times(2500, k)),
    rulesReader,
  ),
  rules95bArena: segmentation(
    'segmentRules95b: concessions and picks, 200 KB on one line and on many lines (Arena-Hard prompt)',
    ARENA_95B,
    [' ', '\n', '\n\n'],
    (sep, k) => concessions95b(sep, k),
    rulesReader,
  ),
  rules95bOutputs: segmentation(
    'segmentRules95b: concessions and picks, 200 KB on one line and on many lines ("Output (a)" prompt)',
    OUTPUTS_95B,
    [' ', '\n', '\n\n'],
    (sep, k) => concessions95b(sep, k),
    rulesReader,
  ),
} satisfies Record<string, AdversarialCase>;

let analyses = 0;

/** The other engine guards, by test. */
export const otherCases = {
  // test/unit/trace/segment.test.ts: runs of digits and operators between two answers.
  segmentRuns: {
    name: 'segment: 100 KB runs of digits and operators between two answers',
    inputs: (k: number) => ['1'.repeat(times(100_000, k)) + '+1', '1+'.repeat(times(50_000, k)), '= 7 '.repeat(times(25_000, k))],
    run: (run: string) =>
      segmentRecord(
        parseRecordText(`=== 1\nquery: What is 2+3?\nanswer: 5\n---\nThe answer is 5.\n${run}\nThe answer is 5.\n`),
        defaultSegmentOptions,
      ),
  },
  // test/unit/trace/koJaAnswers.test.ts: leads without a value, open brackets, digit runs.
  koJaLeads: {
    name: 'koJaAnswers: Korean and Japanese answer leads, 100 KB of each',
    inputs: (k: number) =>
      ['정답은 ', '답: ', '답답', '答えは ** (', '正解：', '정답은 1', '答えは 1,2'].map((piece) => repeatTo(piece, times(100_000, k))),
    run: (text: string) => findStatements(text, { question: analyzeQuestion('q') }),
  },
  // test/unit/trace/questionOptions42.test.ts: the last option's check, inner labels in one option.
  lastOption: {
    name: 'questionOptions42: 200 KB of inner labels in the last option',
    inputs: (k: number) => [`Which?\nA. x\nB. y\nC. z\nD. ${'w with E. coli '.repeat(times(14_000, k))}`],
    // Numbered, so the question cache never answers a repeated call (the bench repeats it).
    run: (query: string) => [...(analyzeQuestion(`${++analyses} ${query}`).optionOf?.values() ?? [])],
  },
  // test/unit/trace/segmentRules67.test.ts: a long line of cues and openers for program values.
  programValues: {
    name: 'segmentRules67: 200 KB line of program-value cues and openers',
    inputs: (k: number) => {
      const pieces = ['returns [', "output is '", '== ', 'assert x == ((', 'Still {', '# -> "', 'returns 1', ' '];
      let s = '';
      for (let i = 0; s.length < times(200_000, k); i++) s += pieces[i % pieces.length];
      return [s];
    },
    run: (s: string) => {
      programValueStatements(s, 0, s.length);
      return programWork(s);
    },
  },
} satisfies Record<string, AdversarialCase>;

/**
 * The worst shapes of the Python reward function's old code (3,000 blanks after "answer is" took
 * 180 s), built to n characters: timed at 25,000 and 100,000 by the bench.
 */
export const rewardShapes: Record<string, (n: number) => string> = {
  'answer is + blanks': (n) => 'The answer is' + ' '.repeat(n) + 'x',
  '\\boxed{ repeated': (n) => '\\boxed{'.repeat(Math.floor(n / 7)),
  '\\boxed{ nested and closed': (n) => '\\boxed{'.repeat(Math.floor(n / 8)) + '1' + '}'.repeat(Math.floor(n / 8)),
};

/**
 * Answer extraction's adversarial inputs, by name: each pattern's pieces repeated to n characters
 * (bench/extraction.bench.ts times them; test/unit/trace/answers.test.ts runs them as a hang guard).
 */
export function extractionInputs(N: number): Map<string, string> {
  const out = new Map<string, string>();
  const fill = (head: string, piece: string, tail: string): string =>
    head + piece.repeat(Math.max(1, Math.floor((N - head.length - tail.length) / piece.length))) + tail;
  // The engine's own pieces after "The answer is", with and without a final "x".
  const pieces = [
    'The answer is',
    ' ',
    '\t',
    '= 408',
    '\\boxed{',
    '**',
    'So ',
    'therefore ',
    '1,',
    '2 ',
    '\\frac{',
    '$',
    '\\(',
    'answer',
    '=',
    '1',
    '1.',
    '} ',
    '{',
    '\\text{',
    'Total: ',
    '408 = ',
  ];
  for (const piece of pieces)
    for (const tail of ['x', ''])
      out.set(`"The answer is" + ${JSON.stringify(piece)}*${tail ? ' + "x"' : ''}`, fill('The answer is', piece, tail));
  // Runs of blanks around each optional token, then something that does not fit.
  for (const head of [
    'The answer is',
    'The answer is:',
    'The answer is $',
    'answer',
    '**',
    '** $',
    '**1',
    '**408 $',
    '\\boxed',
    '= 408',
    'Total:',
    'So the product is',
  ]) {
    out.set(`${JSON.stringify(head)} + blanks + "x"`, fill(head, ' ', 'x'));
    out.set(`${JSON.stringify(head)} + blank lines + "x"`, fill(head, ' \n', 'x'));
  }
  out.set(
    '"answer is : $" with 500-blank runs',
    fill('', 'answer is' + ' '.repeat(500) + ':' + ' '.repeat(500) + '$' + ' '.repeat(500), 'x'),
  );
  out.set('"\\boxed{" nested and closed', '\\boxed{'.repeat(Math.floor(N / 8)) + '1' + '}'.repeat(Math.floor(N / 8)));
  out.set('"\\boxed" repeated, one "{1}" at the end', fill('', '\\boxed', '{1}'));
  out.set('"\\boxed{" + zeros + "x}"', fill('\\boxed{', '0', 'x}'));
  out.set('"\\boxed{" + "{"* + "x"', fill('\\boxed{', '{', 'x'));
  out.set('"\\boxed{" + "{a"* + "x"', fill('\\boxed{', '{a', 'x'));
  out.set('"\\boxed{" + "{{a}}"* + "x"', fill('\\boxed{', '{{a}}', 'x'));
  out.set('"\\boxed{" + "\\text{"* + "x"', fill('\\boxed{', '\\text{', 'x'));
  out.set('"**1 " repeated', fill('', '**1 ', ''));
  out.set('digits', fill('', '1', ''));
  return out;
}

/** The literal triggers of the answer patterns: the baseline scans find every occurrence of each. */
export const TRIGGERS = ['\\boxed', 'answer', '**', '=', 'So', ':'];
/** The baseline: every occurrence of the patterns' literal triggers found by indexOf (a plain linear scan). */
export function indexOfScan(text: string): number {
  let n = 0;
  for (const t of TRIGGERS) for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + t.length)) n++;
  return n;
}

/** Every case above. */
export const allCases: AdversarialCase[] = [...Object.values(segmentationCases), ...Object.values(otherCases)];

/** Runs a case on each of its inputs at scale k (1: the test's size); the results, one per input. */
export function runCase(c: AdversarialCase, k = 1): unknown[] {
  return c.inputs(k).map((input) => c.run(input));
}
