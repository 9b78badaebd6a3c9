// The sixty-fourth pass (docs/segmentation-eval.md "Stop 32: pass 64"): answer-equivalence and
// reading gaps an outsider found by feeding the built CLI adversarial inputs (stop 31). Each gap
// with a case it fixes and a case it must leave as it was. Decided on the rules alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { answersEqual } from '../../../server/src/trace/answers.js';
import { quantitiesEqual, readQuantity } from '../../../server/src/trace/units.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const seg = (query: string, body: string, answer?: string) =>
  segmentAttempts(record(query, body, answer), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string): string[] => seg(query, body).attempts.map((a) => a.candidate.value);

test('64 units: a number with a unit against one with a unit of another kind is unequal; units of one kind convert', () => {
  assert.equal(answersEqual('5 kg', '5 km/h'), false);
  assert.equal(answersEqual('1 m', '1 s'), false);
  assert.equal(answersEqual('1 kg', '1 g'), false);
  assert.equal(answersEqual('5 km', '5000 m'), true);
  assert.equal(answersEqual('1 kg', '1000 g'), true);
  assert.equal(answersEqual('5 km/h', '5000 m/h'), true);
  assert.equal(answersEqual('2 hours', '120 minutes'), true);
  assert.equal(answersEqual('5 \\text{ kg}', '5000 g'), true);
  // A bare number against the number with a unit stays equal (units are not part of the value).
  assert.equal(answersEqual('5', '5 kg'), true);
  assert.equal(answersEqual('5 km/h', '5'), true);
  // Not converted: currencies and counts equal only themselves.
  assert.equal(answersEqual('5 dollars', '5 dollar'), true);
  assert.equal(answersEqual('5 dollars', '5 euros'), false);
  // Not quantities: left to the comparison as before.
  assert.equal(quantitiesEqual('2x', '2 y'), undefined);
  assert.equal(readQuantity('3 apples'), undefined);
  // The record's correctness: the reference's unit against the candidate's.
  const q = 'What is the speed? Give units.';
  assert.equal(seg(q, 'So the answer is \\boxed{5 kg}.', '5 km/h').finalCorrect, false);
  assert.equal(seg(q, 'So the answer is \\boxed{5 km/h}.', '5 km/h').finalCorrect, true);
  assert.equal(seg(q, 'So the answer is \\boxed{5}.', '5 km/h').finalCorrect, true);
});

test('64 dates: one date in other formats is one answer; an impossible day is no date', () => {
  for (const d of ['March 5, 2024', '5 March 2024', 'Mar. 5th, 2024', '2024-03-05', '2024/3/5', '03/05/2024', '\\text{March 5, 2024}'])
    assert.equal(answersEqual(d, '2024-03-05'), true, d);
  assert.equal(answersEqual('25/12/2024', 'December 25, 2024'), true);
  assert.equal(answersEqual('March 6, 2024', '2024-03-05'), false);
  assert.equal(answersEqual('February 30, 2024', '2024-03-01'), false);
  assert.equal(answersEqual('February 29, 2023', '2023-03-01'), false);
  assert.equal(answersEqual('February 29, 2024', '2024-02-29'), true);
  // Not dates: left as before.
  assert.equal(answersEqual('2024', '2024'), true);
  assert.equal(answersEqual('3/4', '0.75'), true);
});

test('64 roots: a root is the fractional power of the same expression; a different power is not', () => {
  assert.equal(answersEqual('\\sqrt{x}', 'x^{1/2}'), true);
  assert.equal(answersEqual('\\sqrt{\\sqrt{x}}', 'x^{1/4}'), true);
  assert.equal(answersEqual('\\sqrt[3]{x}', 'x^{1/3}'), true);
  assert.equal(answersEqual('\\sqrt{x+1}', '(x+1)^{1/2}'), true);
  assert.equal(answersEqual('2\\sqrt{x}', '2x^{1/2}'), true);
  assert.equal(answersEqual('\\sqrt{x}', 'x^{1/3}'), false);
  assert.equal(answersEqual('\\sqrt[3]{x}', 'x^{1/2}'), false);
  assert.equal(answersEqual('\\sqrt{x}', 'x'), false);
  // A large power stays out of the evaluator (its tolerance would call these one function).
  assert.equal(answersEqual('10^{20}x', '10^{20}x+1'), false);
  // Numbers as before.
  assert.equal(answersEqual('\\sqrt{4}', '2'), true);
  assert.equal(answersEqual('\\sqrt{2}', '2^{1/2}'), true);
});

test('64 complex: an integer power of i is compared; other complex arithmetic is not (no crash, unequal)', () => {
  assert.equal(answersEqual('i^2', '-1'), true);
  assert.equal(answersEqual('-1', 'i^2'), true);
  assert.equal(answersEqual('i^{3}', '-i'), true);
  assert.equal(answersEqual('2i^2+1', '-1'), true);
  assert.equal(answersEqual('i^4', '1'), true);
  assert.equal(answersEqual('i^2', '1'), false);
  assert.equal(answersEqual('i^3', 'i'), false);
  assert.equal(answersEqual('3+2i', '3+2i'), true);
  // Not compared: a product of complex factors or a complex power of a sum reads as no value.
  assert.equal(answersEqual('(1+i)^2', '2i'), false);
  assert.equal(answersEqual('(1+i)(1-i)', '2'), false);
});

test('64 negation: a negated last number ("The answer is not 3445.") is no candidate; the number stated is', () => {
  const q = 'Compute the value.';
  assert.deepEqual(rules(q, 'Let me work it out.\nThe answer is not 3445.'), []);
  assert.deepEqual(rules(q, 'So the answer is not 12.'), []);
  assert.deepEqual(rules(q, "So x isn't 12."), []);
  assert.deepEqual(rules(q, 'Let me work it out.\nThe answer is 3445.'), ['3445']);
  assert.deepEqual(rules(q, 'So x is 5.'), ['5']);
  // "notation 5" is no negation ("not" as a word only).
  assert.deepEqual(rules(q, 'In this notation the value is 5.'), ['5']);
});

test('64 option lists: a boxed list of letters is the set, never its first letter; one letter with its content is that letter', () => {
  const one = 'Which option is correct? (A) 1 (B) 2 (C) 3';
  const multi = 'Which of the following are correct? Select all that apply. (A) 1 (B) 2 (C) 3';
  for (const box of ['B and C', 'B, C', 'B & C']) {
    const single = seg(one, `The answer is \\boxed{${box}}.`, 'B');
    assert.deepEqual(
      single.attempts.map((a) => a.candidate.value),
      [box],
      box,
    );
    assert.equal(single.finalCorrect, false, box);
    assert.equal(seg(multi, `The answer is \\boxed{${box}}.`, 'B, C').finalCorrect, true, box);
    assert.equal(seg(multi, `The answer is \\boxed{${box}}.`, 'B').finalCorrect, false, box);
  }
  assert.equal(answersEqual('B and C', 'C, B'), true);
  // One letter leading its option's content is still that letter.
  assert.equal(seg(one, 'The answer is \\boxed{B. 2}.', 'B').finalCorrect, true);
  assert.equal(seg(one, 'The answer is \\boxed{B}.', 'B').finalCorrect, true);
});

test(
  '64 long boxes: a box of 500 to 4000 characters is read; past 4000 it is not; 1.4 MB of unclosed boxes is segmented',
  { timeout: 120_000 },
  () => {
    const q = 'List the first 300 multiples of 7.';
    const list = Array.from({ length: 300 }, (_, k) => 7 * (k + 1)).join(', ');
    assert.ok(list.length > 500 && list.length < 4000);
    assert.deepEqual(rules(q, `So the answer is \\boxed{${list}}.`), [list]);
    const huge = Array.from({ length: 1200 }, (_, k) => 7 * (k + 1)).join(', ');
    assert.ok(huge.length > 4000);
    assert.ok(!rules(q, `So the answer is \\boxed{${huge}}.`).includes(huge));
    // A short box reads as before.
    assert.deepEqual(rules(q, 'So the answer is \\boxed{7, 14, 21}.'), ['7, 14, 21']);
    // 1.4 MB of boxes that never close (the long scans' budget keeps the work linear): a hang guard,
    // the timeout; `npm run bench -- linear` times it.
    runCase(segmentationCases.rules64boxes);
  },
);

test('64 possessive: a restated name followed by a noun ("Hana\'s mother") is not the value; one ending its clause is', () => {
  const q = "Hana's mother has four daughters. Three are April, May and June. What is the fourth daughter's name?";
  const body = "The key here is that Hana's mother has four daughters. So the answer is \\boxed{Hana}.";
  const at = seg(q, body).attempts.map((a) => a.candidate.start);
  assert.deepEqual(at, [body.lastIndexOf('Hana')]);
  const q2 = 'Who has the greatest average speed: Carla or Dan?';
  assert.ok(rules(q2, "Carla: 2.1, Dan: 1.2.\n\nSo, the greatest average speed is Carla's, with 2.1.\n\n\\boxed{Carla}").length >= 1);
});

test('64 answer lines: "Answer: <word>" is read where the question names no type; prose after the cue is not', { timeout: 120_000 }, () => {
  const q = 'What is the capital of France?';
  assert.deepEqual(rules(q, 'Let me think about it.\nAnswer: Paris'), ['Paris']);
  assert.deepEqual(rules(q, 'Let me think about it.\n**Final Answer:** Paris'), ['Paris']);
  assert.deepEqual(rules(q, 'Answer: Let me think about it.\nHmm.'), []);
  assert.deepEqual(rules(q, 'The answer: see above.'), []);
  // Numbers as before.
  assert.deepEqual(rules('What is 6 times 7?', 'Answer: 42'), ['42']);
  // A 1 MB line of cues: a hang guard, the timeout; `npm run bench -- linear` times it.
  runCase(segmentationCases.rules64answerLines);
});
