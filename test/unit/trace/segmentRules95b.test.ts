// fx42 item 2 (docs/segmentation-eval.md, "Stop 42: fx42"): judges' picks that pass 95 did not read,
// on texts written here as judge models write them (not taken from the development sets): a pick
// after a concession ("Overall, while both ...", "Both ..., but ..."), and the formats other than
// Arena-Hard's and MT-Bench's pairwise ones (a score, "Output (a)", numbered responses). Each with a
// negative case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases, ARENA_95B, OUTPUTS_95B } from '../../../bench/adversarial.js';

const read = (query: string, body: string, answer?: string) =>
  segmentAttempts(record(query, body, answer), { ...defaultSegmentOptions, reader: 'rules' });
const values = (query: string, body: string): string[] => read(query, body).attempts.map((a) => a.candidate.value);

const ARENA = ARENA_95B;

test('95b: "Overall, while both ..., Assistant B\'s answer is more comprehensive" concludes (a pick, then the stronger label)', () => {
  const body =
    'My own answer: Jupiter is the largest planet, so (B).\n\nBoth assistants choose (B). Assistant A is brief; Assistant B adds why.\n\n' +
    "Overall, while both assistants give the correct option, Assistant B's answer is more comprehensive.\n\nMy final verdict is: [[B>>A]]";
  assert.deepEqual(values(ARENA, body), ['B>A', 'B>>A']);
});

test('95b: "Both assistants ..., but Assistant B\'s response was more precise" and "Although both ..., ..." conclude', () => {
  const but =
    'Both assistants choose (B), which matches my answer.\n\n' +
    "Both assistants provided accurate information, but Assistant B's response was more precise about why.\n\n" +
    'My final verdict is Assistant B is significantly better: [[B>>A]]';
  assert.deepEqual(values(ARENA, but), ['B>A', 'B>>A']);
  const although =
    "Both pick (B).\n\nAlthough both answers are correct, Assistant B's answer is more helpful.\n\nMy final verdict is: [[B>>A]]";
  assert.deepEqual(values(ARENA, although), ['B>A', 'B>>A']);
});

test('negative 95b: a "but" under a criterion\'s heading, or after a sentence about one response, is a step', () => {
  const bullet =
    '- **Accuracy:** Both are correct, but Assistant B is more precise.\n- **Conciseness:** Assistant A is shorter.\n\nMy final verdict is: [[A=B]]';
  assert.deepEqual(values(ARENA, bullet), ['A=B']);
  const one = 'Assistant A is terse, but Assistant B is better at explaining.\n\nMy final verdict is: [[A=B]]';
  assert.deepEqual(values(ARENA, one), ['A=B']);
});

// MT-Bench's single-answer grading prompt: a score, written in the forms judges use.
const SCORE =
  '[Instruction] Please act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. ' +
  'Begin your evaluation by providing a short explanation. Be as objective as possible. After providing your explanation, you must rate the response on a ' +
  'scale of 1 to 10 by strictly following this format: "[[rating]]", for example: "Rating: [[5]]". ' +
  "[Question] What is 7 × 8? [The Start of Assistant's Answer] 7 × 8 = 54 [The End of Assistant's Answer]";

test('95e: a score with its scale ("Rating: [[2/10]]", "Score: 2 out of 10") is the score, not the products checked', () => {
  assert.deepEqual(values(SCORE, 'The assistant writes 54, but 7 × 8 = 56. The answer is wrong.\n\nRating: [[2/10]]'), ['2']);
  assert.deepEqual(values(SCORE, 'The product is wrong (it should be 56).\n\nScore: 2 out of 10'), ['2']);
  // The forms pass 95 read stay read: "**Rating:** [[2]]", a closing "[[2.5]]".
  assert.deepEqual(values(SCORE, 'The product is wrong (it should be 56).\n\n**Rating:** [[2]]'), ['2']);
  assert.deepEqual(values(SCORE, 'Close, but wrong.\n\nRating: [[2.5]]'), ['2.5']);
});

// LLMBar's / AlpacaEval's "Output (a)" prompt.
const OUTPUTS = OUTPUTS_95B;

test('95d: "The better output is Output (a)", "So I choose Output (a)" and a last line "Output (a) is better." pick', () => {
  const named =
    'Output (b) includes beets, a root vegetable, so it does not follow the instruction. Output (a) follows it exactly.\n\nThe better output is Output (a).';
  assert.deepEqual(values(OUTPUTS, named), ['A']);
  assert.deepEqual(values(OUTPUTS, 'Output (a) follows the instruction and Output (b) does not. So I choose Output (a).'), ['A']);
  assert.deepEqual(
    values(OUTPUTS, 'Output (b) includes beets, which are not fruits, while Output (a) lists only red fruits.\n\nOutput (a) is better.'),
    ['A'],
  );
  assert.deepEqual(values(OUTPUTS, 'Output (a) is better.'), ['A']);
});

test('negative 95d: "I prefer a shorter answer" picks no (a); a pick opening a last line of several sentences is a step', () => {
  assert.deepEqual(values(OUTPUTS, 'I prefer a shorter answer in general. Output (b) lists vegetables.\n\nOutput (a)'), ['A']);
  assert.deepEqual(values(OUTPUTS, 'I would choose B for its style.\n\nFinal choice: Output (a)'), ['B', 'A']);
  assert.deepEqual(values(OUTPUTS, 'Output (b) is better in style, but Output (a) is correct. Therefore, Output (a) is better.'), ['A']);
});

// Numbered responses.
const NUMBERED =
  'You will be shown a user question and two responses. Decide which response is more helpful and accurate. ' +
  'User question: What is the capital of Italy? Response 1: The capital of Italy is Paris. Response 2: The capital of Italy is Rome. ' +
  'Which response is better? Explain briefly, then give the number of the better response.';

test('95d: numbered responses: "Final verdict: **Response 2**", "Preferred response: Response 2", "Both ..., but Response 2 is more accurate"', () => {
  assert.deepEqual(values(NUMBERED, 'Response 1 is wrong; Response 2 is right.\n\nFinal verdict: **Response 2**'), ['2']);
  assert.deepEqual(values(NUMBERED, 'Response 1 is wrong.\n\nPreferred response: Response 2'), ['2']);
  assert.deepEqual(values(NUMBERED, 'Both responses are fluent and short, but Response 2 is more accurate.'), ['2']);
  assert.deepEqual(values(NUMBERED, 'Response 1 names Paris, the capital of France. The better response is Response 2.'), ['2']);
});

test('95d: a last line "Response 2 is the better response." is the pick, not the city the judge checks; it is right against "2"', () => {
  const s = read(NUMBERED, 'Response 1 gives Paris, which is the capital of France.\n\nResponse 2 is the better response.', '2');
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['2'],
  );
  assert.deepEqual(s.correct, [true]);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test(
  '95b/d: the new forms on 200 KB of concessions and picks, on one line and on many lines: segmentation completes',
  { timeout: 120_000 },
  () => {
    runCase(segmentationCases.rules95bArena);
    runCase(segmentationCases.rules95bOutputs);
  },
);
