// The fifty-ninth pass's rules (docs/segmentation-eval.md "Stop 31: pass 59"): answers that are
// words. A statement judged true or false (also in Chinese), an ordering of the things a question
// lists, what a program prints, a JSON answer field holding a word, and the BIG-Bench-Hard
// conventions (words offered as a dashed option list or as a word and its negation, a yes/no
// question about a quoted sentence, "(A)" options answered "(C)", "none of the above"). The
// questions and responses are written for this test, each rule with a case it must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const read = (query: string, body: string, answer?: string) =>
  segmentAttempts(record(query, body, answer), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string, answer?: string): string[] => read(query, body, answer).attempts.map((a) => a.candidate.value);

test('59a: a true/false question reads the verdict on the statement', () => {
  const square = 'True or false: every square is a rectangle.';
  assert.deepEqual(rules(square, 'A square has four right angles and opposite sides equal, so the statement is true.'), ['true']);
  // Capitalized, after a subject and an adverb, and the summary's bare bold word.
  const s = read(
    'Is the following statement true or false? 91 is a prime number.',
    '91 = 7 × 13, so this claim is therefore False.\n\n**False**',
  );
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['False'],
  );
  assert.equal(s.final?.value, 'False');
  // A change of verdict after new work is a second candidate.
  assert.deepEqual(
    rules(
      'True or false: 0.1 + 0.2 equals 0.3 exactly in binary floating point.',
      'In decimal 0.1 + 0.2 = 0.3, so the statement is true.\n\nWait, in binary neither 0.1 nor 0.2 is exact; the sum is 0.30000000000000004. So the statement is false.',
    ),
    ['true', 'false'],
  );
  // Chinese: 正确 / 错误 after a cue and a copula or a colon.
  assert.deepEqual(rules('判断对错：0 是正数。', '0 既不是正数也不是负数，所以这个说法是错误的。'), ['错误']);
  assert.equal(read('判断正误：2 是偶数。', '2 能被 2 整除。\n\n答案：正确').final?.value, '正确');
});

test('59a: true / false in prose is not a verdict', () => {
  // "true for every n" is prose; "x = 2 is true" is about something else than the statement.
  const q = 'True or false: n^2 + n is even for every integer n.';
  assert.deepEqual(
    rules(
      q,
      'n^2 + n = n(n + 1), a product of consecutive integers, which is true for every n: one of them is even. So the statement is true.',
    ),
    ['true'],
  );
  assert.deepEqual(rules(q, 'Try n = 3: 9 + 3 = 12, so n = 3 is true. Try n = 4: 20, even.\n\nTherefore the statement is true.'), ['true']);
  // Not a true/false question: a math question that counts the true statements reads its number.
  const count = 'Decide whether each statement is true or false: 4 is prime; 9 is odd; 10 is even. How many are true?';
  assert.equal(analyzeQuestion(count).words, undefined);
  assert.deepEqual(rules(count, '4 is not prime, 9 is odd, 10 is even.\n\nSo the answer is 2.'), ['2']);
});

test('59b: an ordering of the things the question lists is one value', () => {
  const q = 'Arrange the numbers 2^10, 10^3 and 3^6 in increasing order.';
  assert.equal(analyzeQuestion(q).answerForm?.kind, 'ranking');
  assert.deepEqual(rules(q, '2^10 = 1024, 10^3 = 1000 and 3^6 = 729. So the order is 3^6, 10^3, 2^10.'), ['3^6, 10^3, 2^10']);
  // ">" chains after "Ranking:" and a line of its own.
  const towns = 'Rank the towns Ashby, Brill and Crane from largest to smallest population.';
  assert.deepEqual(rules(towns, 'Ashby has 12,000 people, Brill 30,000, Crane 8,000.\n\nRanking: Brill > Ashby > Crane.'), [
    'Brill > Ashby > Crane',
  ]);
  assert.deepEqual(rules(towns, 'Brill is the largest, then Ashby, then Crane.\n\nBrill, Ashby, Crane'), ['Brill, Ashby, Crane']);
  // An answer cue makes it the final answer.
  assert.equal(
    read(towns, 'Brill 30,000 > Ashby 12,000 > Crane 8,000.\n\nAnswer: Brill > Ashby > Crane').final?.value,
    'Brill > Ashby > Crane',
  );
});

test('59b: a chain of values the question does not name is a step', () => {
  const q = 'Arrange the numbers 2^10, 10^3 and 3^6 in increasing order.';
  const got = rules(q, 'Their values: 729 < 1000 < 1024. Hence 3^6 < 10^3 < 2^10.');
  assert.deepEqual(got, ['3^6 < 10^3 < 2^10']);
  // A question that asks for no ordering reads no list as one.
  assert.equal(analyzeQuestion('What is 17 + 25?').answerForm, undefined);
  assert.deepEqual(
    rules(
      'Tom has 5 apples, Ann has 9 and Bo has 4. How many apples do they have together?',
      'Tom, Ann, Bo: 5, 9, 4.\n\nSo the total is 18.',
    ),
    ['18'],
  );
});

test('59c: what a program prints', () => {
  const js = "What does this JavaScript print? console.log('ab'.repeat(2))";
  assert.equal(analyzeQuestion(js).answerForm?.kind, 'output');
  assert.deepEqual(rules(js, "'ab' repeated twice is 'abab'. So it prints abab."), ['abab']);
  // A number the code holds is no quote of the question; "the output is" is an answer cue.
  const py = 'What is the output of the following code? x = 5; x += 2; print(x * 3)';
  assert.deepEqual(
    rules(py, 'x starts at 5, so it prints 5.\n\nWait, x += 2 makes x = 7 and the print multiplies by 3: the output is 21.'),
    ['5', '21'],
  );
  // A JSON answer field holding the printed text.
  assert.equal(read(js, 'Repeating gives abab.\n\n{"answer": "abab"}').final?.value, 'abab');
});

test('59c: words about the output, and questions without code, are not read so', () => {
  const py = 'What does this code print? s = [3, 1, 2]; s.sort(); print(s[0])';
  assert.deepEqual(rules(py, 'The code prints the smallest element after sorting. After sorting s is [1, 2, 3], so it prints 1.'), ['1']);
  assert.equal(analyzeQuestion('What does the newspaper print on its front page every Monday?').answerForm, undefined);
});

test('59d: BIG-Bench-Hard words: dashed options, a word and its negation, a quoted sentence', () => {
  const argument =
    '"Every poet is a reader. Mia is a reader. Therefore Mia is a poet." Is the argument, given the explicitly stated premises, deductively valid or invalid? Options: - valid - invalid';
  assert.deepEqual(rules(argument, 'This affirms the consequent: Mia may read without writing poems.\n\nSo the answer is invalid.'), [
    'invalid',
  ]);
  // The word in prose ("valid for") is not read; the verdict is.
  assert.deepEqual(rules(argument, 'Modus ponens is valid for any premises, but this is not modus ponens. So the argument is invalid.'), [
    'invalid',
  ]);
  const sentence = 'Is the following sentence plausible? "Serena Williams hit an ace in the third set."';
  assert.deepEqual(rules(sentence, 'Serena Williams is a tennis player and an ace is a tennis serve.\n\nSo the answer is yes.'), ['yes']);
  const pair = 'Is the following sentence plausible or implausible? "The goalkeeper dunked the ball."';
  assert.deepEqual(rules(pair, 'Goalkeepers play soccer; dunking is basketball. So the sentence is implausible.'), ['implausible']);
  const navigate =
    'If you follow these instructions, do you return to the starting point? Take 2 steps. Turn around. Take 2 steps. Options: - Yes - No';
  assert.equal(read(navigate, 'Two steps out and two back.\n\nSo the answer is Yes.').final?.value, 'Yes');
  // A dashed list of numbers is no list of words.
  assert.equal(analyzeQuestion('Which is the sum of 2 and 3? Options: - 4 - 5').words, undefined);
});

test('59d: BIG-Bench-Hard letters: "(A)" options answered "(C)", "none of the above"', () => {
  const q = 'Which of these is a prime number? Options: (A) 21 (B) 27 (C) 29 (D) 33 (E) 39';
  assert.deepEqual(rules(q, '21 = 3 × 7, 27 = 3^3, and 29 has no divisor up to 5.\n\nSo the answer is (C).', '(C)'), ['C']);
  const none = 'Which of the following is a multiple of 7? (A) 12 (B) 15 (C) 20 (D) none of the above';
  assert.deepEqual(rules(none, 'None of 12, 15, 20 is divisible by 7.\n\nSo the answer is (D) none of the above.', 'D'), ['D']);
});

test('59e: a word answer after "it\'s" / "that\'s", and set in bold', () => {
  const q = 'If today is Monday, what day of the week will it be 10 days from now?';
  assert.deepEqual(rules(q, "10 = 7 + 3: three days after Monday, so it's Thursday."), ['Thursday']);
  assert.deepEqual(rules(q, 'A week brings us back to Monday; three more days, so that\u2019s Thursday.'), ['Thursday']);
  // The summary's bold word is its answer, over the numbers of its explanation.
  const s = read(q, '10 = 7 + 3, so the weekday is the same as 3 days from Monday.\n\nIt will be **Thursday**.');
  assert.equal(s.final?.value, 'Thursday');
  // A bold word in a question is no answer; "it's" without the asked kind reads nothing new.
  assert.deepEqual(rules(q, 'Is it **Thursday**? Let me count: Tuesday 1, Wednesday 2, Thursday 3, so it is Thursday.'), ['Thursday']);
  assert.deepEqual(rules('What is 6 times 7?', "6 times 7, that's 42. So it's 42."), ['42']);
});

test('59f: a multi-select set named by what its options are, or written "(A) and (C)"', () => {
  const q = 'Which of the following numbers are perfect squares? Select all that apply. (A) 16 (B) 20 (C) 49 (D) 50';
  assert.deepEqual(rules(q, '16 = 4^2, 20 is not, 49 = 7^2, 50 is not.\n\nSo the squares are A and C.'), ['A and C']);
  assert.deepEqual(rules(q, '16 = 4^2 and 49 = 7^2; 20 and 50 lie between squares.\n\nThe perfect ones would be A, C.'), ['A, C']);
  const s = read(q, '16 = 4^2 and 49 = 7^2.\n\nThe answer is (A) and (C).');
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['A, C'],
  );
  assert.equal(s.final?.value, 'A, C');
  assert.deepEqual(rules(q, '16 = 4^2 and 49 = 7^2, the others are not squares. Final: A and C'), ['A and C']);
});

test('59f: a list of the options is no set chosen', () => {
  const q = 'Which of the following numbers are perfect squares? Select all that apply. (A) 16 (B) 20 (C) 49 (D) 50';
  assert.deepEqual(rules(q, 'The options are A, B, C and D; check each.\n\n16 = 4^2 and 49 = 7^2. So the answer is A and C.'), ['A and C']);
  assert.deepEqual(rules(q, 'Compare (A) and (B) first: 16 = 4^2 but 20 is no square.\n\nSo the answer is A and C.'), ['A and C']);
});

const hexagon = 'How many sides does a hexagon have? (A) 5 (B) 6 (C) 7 (D) 8';

test("59g: an option's number stated about the asked quantity, where the response names no letter", () => {
  const s = read(
    hexagon,
    'A hexagon looks like a stop sign, so the number of sides is 8.\n\nWait, a stop sign is an octagon. Hex means six, so the number of sides is 6.',
  );
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['8', '6'],
  );
  assert.equal(s.final?.value, '6');
});

test('59g: a response that chooses by letter, and a number about something else, are read as before', () => {
  assert.deepEqual(
    rules(
      hexagon,
      'A hexagon looks like a stop sign, so the number of sides is 8.\n\nWait, a stop sign is an octagon. Hex means six, so the answer is (B).',
    ),
    ['B'],
  );
  assert.deepEqual(
    rules(
      hexagon,
      'A pentagon has 5 sides, so adding one side gives 5 + 1 = 6 sides for the next polygon. Wait, let me think again about hexagons. Hex means six, so the number of sides is 6.',
    ),
    ['6'],
  );
});

test('59h: a one-word yes / no sentence right after a concluding sentence', () => {
  const q = 'Is 91 a prime number? Answer yes or no.';
  assert.deepEqual(rules(q, 'Trying 2, 3 and 5: none divides 91, so 91 is prime. Yes.\n\nWait, 7 × 13 = 91. So the answer is no.'), [
    'Yes',
    'no',
  ]);
  assert.deepEqual(rules('Does 17 divide 391? Answer yes or no.', '391 / 17 = 23 exactly, therefore 17 divides 391. Yes!'), ['Yes']);
});

test('59h: a yes after a question or a step is a confirmation', () => {
  const q = 'Is 91 a prime number? Answer yes or no.';
  assert.deepEqual(rules(q, 'Is 91 divisible by 7? Yes. 7 × 13 = 91, so the answer is no.'), ['no']);
  assert.deepEqual(rules(q, '7 × 13 = 91. Yes. It has a divisor besides 1 and itself, so the answer is no.'), ['no']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('59: 20 KB bodies of the pass pieces (orderings, true/false, weekdays, sets): segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules59);
  runCase(segmentationCases.rules59trueFalse);
  runCase(segmentationCases.rules59weekday);
  runCase(segmentationCases.rules59sets);
});
