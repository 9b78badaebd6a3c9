// The fifty-third pass's rules (docs/segmentation-eval.md "Stop 30: pass 53"): a multiple-choice
// question stored without its option list, and a JSON answer object after a thinking block. One
// short hand-written example each, with what each rule must leave as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const read = (query: string, body: string, answer?: string) =>
  segmentAttempts(record(query, body, answer), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string, answer?: string): string[] => read(query, body, answer).attempts.map((a) => a.candidate.value);
const final = (query: string, body: string, answer?: string): string | null => read(query, body, answer).final?.value ?? null;
const think = (inside: string, summary: string): string => `<think>\n${inside}\n</think>\n\n${summary}`;

// A stem cut before its options: neither its words nor its list say which letters there are.
const STEM = 'A lamp emits two lines whose lifetimes are 1 ns and 10 ns. What energy difference would let the two lines be told apart?';
const INSIDE =
  'The shorter lifetime sets the width: about 7e-7 eV. So the difference has to be larger than that.\n\nOnly the largest value is larger.\n\nTherefore, the answer is B.';

test('53a: with a reference answer that is an option letter, a stated letter is a candidate though the options are not shown', () => {
  assert.deepEqual(rules(STEM, think(INSIDE, '{"answer": "B"}'), 'B'), ['B']);
  assert.equal(final(STEM, think(INSIDE, '{"answer": "B"}'), 'B'), 'B');
  // 53c: the JSON field chooses the letter as "Answer: D" does: the summary's answer, not the block's last.
  assert.equal(final(STEM, think(INSIDE, '{"answer": "D"}'), 'B'), 'D');
  assert.equal(final(STEM, think(INSIDE, '{"final_answer": "D"}'), 'B'), 'D');
  // Only the reference's shape is read: another letter as the reference reads the same.
  assert.deepEqual(rules(STEM, think(INSIDE, '{"answer": "B"}'), 'D'), ['B']);
  assert.deepEqual(rules(STEM, think(INSIDE, 'The answer is B.'), '(C)'), ['B']);
  // The cues read with the options shown: "the correct answer is (C)", "option D", "Answer: C", a box.
  assert.deepEqual(rules(STEM, 'The width is about 7e-7 eV.\n\nSo the correct answer is (C).', 'C'), ['C']);
  assert.deepEqual(rules(STEM, 'The width is about 7e-7 eV, so I pick option D.', 'C'), ['D']);
  assert.deepEqual(rules(STEM, 'The width is about 7e-7 eV.\n\nAnswer: C', 'C'), ['C']);
  assert.deepEqual(rules(STEM, 'The width is about 7e-7 eV.\n\n\\boxed{B}', 'C'), ['B']);
  // A blank to fill whose options are lettered elsewhere.
  const blank = 'Under the new rules, a broadcast must not cause _______ offence to its audience.';
  assert.deepEqual(rules(blank, 'The rules speak of serious harm, so the answer is C.', 'C'), ['C']);
  // A first letter given up for another is two candidates, as with the options shown.
  const twice = 'Width 7e-7 eV, so the answer is B.\n\nWait, the lifetimes give 7e-8 eV, not 7e-7. So the correct answer is (D).';
  assert.deepEqual(rules(STEM, twice, 'B'), ['B', 'D']);
  // The options shown: read as before.
  const shown = `${STEM} A) 1e-9 eV B) 1e-4 eV C) 1e-8 eV D) 1e-11 eV`;
  assert.deepEqual(rules(shown, think(INSIDE, '{"answer": "B"}'), 'B'), ['B']);
});

test('53b: without a reference answer, a stem that speaks of options it does not list is multiple choice', () => {
  const q = 'Which one of the following options could be the energy difference of the two lines?';
  assert.deepEqual(rules(q, think(INSIDE, '{"answer": "B"}')), ['B']);
  assert.deepEqual(rules('Choose the correct option: the speed of the wave is', 'v = f λ = 340 m/s. So the answer is A.'), ['A']);
  // A stem that says "option" of something else asks for no option.
  assert.deepEqual(rules('The cheaper option costs how much less than the other plan?', 'So the answer is B.'), []);
});

test('53c: a letter in another role is no option chosen', () => {
  // Points and sets named by letters, "plan B", "let A = 5", "A and B are ...": no answer cue chooses them.
  const cueless = 'Point B lies on the circle, and A and B are both on it. Let A = 5. If that fails we switch to plan B.';
  assert.deepEqual(rules(STEM, cueless, 'B'), []);
  assert.deepEqual(rules(STEM, `${cueless}\n\nSo A = 5 + 2 = 7.`, 'B'), []);
  // A geometry question whose reference is a number: its points stay points, its number is the answer.
  const tri = 'In triangle ABC, AB = 3 and BC = 4, and the angle at B is right. Find AC.';
  const triBody = 'Put B at the origin, A at (3, 0) and C at (0, 4). So A and C are 5 apart. Therefore, the answer is 5.';
  assert.deepEqual(rules(tri, triBody, '5'), ['5']);
  // A numeric question that speaks of options, with a number as its reference: the options are
  // its plans, the answer is a number, and "option B" names a plan.
  const plans =
    'Which of the following options is cheaper per year, and by how much? Option A costs $20 a month; option B costs $200 a year.';
  const plansBody =
    'Option A: 12 × 20 = 240 a year. Option B is 200 a year, so option B is cheaper. The difference is 240 - 200 = 40.\n\nSo the answer is 40.';
  assert.deepEqual(rules(plans, plansBody, '40'), ['40']);
  // A labelled item's letter ("Plan B") that the question asks for stays a word, as before.
  const which = 'Plan A costs $5 a day and Plan B costs $30 a week. Which plan is cheaper for a week?';
  assert.deepEqual(rules(which, 'Plan A: 7 × 5 = 35. So the answer is Plan B.', 'B'), ['B']);
});

test("53d: a JSON answer object after a thinking block is the summary's answer, for any answer", () => {
  const q = 'Solve 4x - 5 = 7 for x.';
  const inside = '4x = 12, so x = 3.\n\nCheck: 4 × 3 - 5 = 7. Yes.';
  assert.equal(final(q, think(inside, '{"final_answer": "x = 3"}'), '3'), '3');
  // The summary, not the thinking block, gives the final answer.
  assert.equal(final(q, think(inside, '{"final_answer": "x = 4"}'), '3'), '4');
  assert.equal(final(q, think(inside, '{"answer": 4}'), '3'), '4');
  assert.equal(final(q, think(inside, '```json\n{\n  "answer": "4"\n}\n```'), '3'), '4');
  const sum = 'What is 2 + 3?';
  assert.equal(final(sum, think('2 + 3 = 5.', '{"answer": "6"}'), '5'), '6');
  // A field that is not the answer, or a value that is an expression, is no answer: the summary
  // reads as one that states none.
  const none = final(q, think(inside, 'Done.'), '3');
  assert.equal(final(q, think(inside, '{"answer_format": 4, "note": "x"}'), '3'), none);
  assert.equal(final(q, think(inside, '{"answer": "3x + 2"}'), '3'), none);
});
