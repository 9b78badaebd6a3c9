// Pass 95's rules (docs/segmentation-eval.md, "Stop 41: pass 95"): the verdicts of LLM judges, on
// short hand-written texts (not taken from the development sets), each with a negative case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { runCase, segmentationCases, ARENA_95 } from '../../../bench/adversarial.js';

function record(query: string, body: string, answer?: string) {
  return parseTrace(`=== 1\nquery: ${query}\n${answer === undefined ? '' : `answer: ${answer}\n`}---\n${body}\n`).records[0];
}
const read = (query: string, body: string, answer?: string) =>
  segmentAttempts(record(query, body, answer), { ...defaultSegmentOptions, reader: 'rules' });
const values = (query: string, body: string): string[] => read(query, body).attempts.map((a) => a.candidate.value);

// 95a: an Arena-Hard style prompt (the responses framed by their own labels, a verdict label asked).
const ARENA = ARENA_95;

test("95a: the verdict label is the answer; the judge's own answer to the quoted question is a step", () => {
  const body =
    'My own answer: plants absorb carbon dioxide, so the answer is (C).\n\n' +
    'Assistant A picks oxygen, which is wrong. Assistant B picks carbon dioxide, which is right.\n\n' +
    'My final verdict is Assistant B is significantly better: [[B>>A]]';
  assert.deepEqual(values(ARENA, body), ['B>>A']);
});

test('95a: a tie label', () => {
  const body = 'Both answers name a gas that plants use, and neither explains.\n\nMy final verdict is: [[A=B]]';
  assert.deepEqual(values(ARENA, body), ['A=B']);
});

test('95b: a pick in words under the verdict heading, then a stronger label: two candidates', () => {
  const body =
    'My answer is (C).\n\n**Final Verdict:** Assistant B gives a more accurate answer than Assistant A.\n\n' +
    'My final verdict is Assistant B is significantly better: [[B>>A]]';
  assert.deepEqual(values(ARENA, body), ['B>A', 'B>>A']);
});

test('95b: "Therefore, Assistant A is better" concludes; the same label after it restates it', () => {
  const body = 'Assistant A is short but right here. Therefore, Assistant A is better overall.\n\n[[A>B]]';
  assert.deepEqual(values(ARENA, body), ['A>B']);
});

test('negative 95b: a verdict on one criterion ("**Accuracy:** Assistant A is more accurate") is a step', () => {
  const body =
    '- **Accuracy:** Assistant A is more accurate about the gas.\n- **Conciseness:** Assistant B is shorter.\n\n' +
    'Overall the answers are close. My final verdict is: [[A=B]]';
  assert.deepEqual(values(ARENA, body), ['A=B']);
});

test('95c: the pick agrees with a reference in the same direction whatever its strength', () => {
  const s = read(ARENA, 'Assistant B is right and A is not.\n\n[[B>>A]]', 'B>A');
  assert.deepEqual(s.correct, [true]);
  assert.equal(read(ARENA, 'A is right.\n\n[[A>B]]', 'B>A').finalCorrect, false);
  assert.equal(read(ARENA, 'Both are fine.\n\n[[A=B]]', 'B>A').finalCorrect, false);
});

// 95d: MT-Bench's pairwise prompt ("[[A]]", "[[B]]", "[[C]]" for a tie) and other verdict forms.
const MTB =
  'Please act as an impartial judge and compare the two responses. Output your final verdict by strictly following this format: ' +
  '"[[A]]" if assistant A is better, "[[B]]" if assistant B is better, and "[[C]]" for a tie. ' +
  "[User Question] Name a prime number above 20. [The Start of Assistant A's Answer] 21 [The End of Assistant A's Answer] " +
  "[The Start of Assistant B's Answer] 23 [The End of Assistant B's Answer]";

test('95d: MT-Bench labels "[[B]]" and "[[C]]", not the numbers the judge checks', () => {
  assert.deepEqual(values(MTB, '21 = 3 × 7, so 21 is not prime. 23 is prime.\n\n[[B]]'), ['B']);
  assert.deepEqual(values(MTB, 'Both are odd numbers above 20.\n\n[[C]]'), ['C']);
});

const PLAIN =
  'Which response answers the user better? Reply with the better output. User: What is 12 squared? ' + 'Output (a): 144 Output (b): 124';

test('95d: "Output (a)" alone on the last line, "I prefer Output (b)" and "Winner: B" pick', () => {
  assert.deepEqual(values(PLAIN, '12 squared is 144, so (a) is correct.\n\nOutput (a)'), ['A']);
  assert.deepEqual(values(PLAIN, 'Both give a number. I prefer Output (b) for its brevity.'), ['B']);
  assert.deepEqual(values(PLAIN, '12 × 12 = 144.\n\nWinner: A'), ['A']);
});

test('95d: numbered responses: "Response 2 is better" picks 2, as the reference 2 or B says', () => {
  const q = 'Which response is better? Response 1: Paris is the capital of Italy. Response 2: Rome is the capital of Italy.';
  const s = read(q, 'Response 1 names the wrong city. Therefore, Response 2 is better.', '2');
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['2'],
  );
  assert.deepEqual(s.correct, [true]);
});

// 95e: a single answer graded on a scale (MT-Bench's single-answer prompt): the score is the answer.
const SCORE =
  'Please act as an impartial judge and evaluate the response on a scale of 1 to 10 by strictly following this format: "[[rating]]", ' +
  'for example: "Rating: [[5]]". [Question] What is 7 × 8? [The Start of Assistant\'s Answer] 7 × 8 = 54 [The End of Assistant\'s Answer]';

test('95e: "Rating: [[3]]" is the score, not the products the judge checks', () => {
  assert.deepEqual(values(SCORE, 'The assistant writes 54, but 7 × 8 = 56. The answer is wrong.\n\nRating: [[3]]'), ['3']);
});

test('negative 95: a question that is no judge prompt reads its own answer', () => {
  const q = 'Which gas do plants take in? A) oxygen B) carbon dioxide C) helium';
  assert.deepEqual(values(q, 'Plants take in carbon dioxide. The answer is B.'), ['B']);
  // Labels like a judge's, but no verdict asked: a sum of two outputs.
  const q2 = 'A program prints two lines. Output (a): 144 Output (b): 124. What is the sum of the two outputs?';
  assert.deepEqual(values(q2, 'The sum is 144 + 124 = 268. So the answer is 268.'), ['268']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('95: the judge rules on 200 KB of picks on one line and on many lines: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules95);
});
