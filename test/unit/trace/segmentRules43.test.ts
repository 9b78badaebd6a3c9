// The forty-third pass's rules (docs/segmentation-eval.md "Stop 28: pass 43"): a question whose
// answer is one of the names it offers ("Who came third?"), one short hand-written example each,
// with what each rule must leave as it was. The pass's development data: the real dev sets (fresh22's
// ordering puzzles) and the dev families (g:word-answers must not drop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { analyzeQuestion, slotNumbers } from '../../../server/src/trace/question.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases, SWIM_43 } from '../../../bench/adversarial.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

const swim = SWIM_43;

test('43: the question names its slot by a number or an ordinal word', () => {
  assert.deepEqual(slotNumbers('Who came in place 3?'), ['3']);
  assert.deepEqual(slotNumbers('Which swimmer finished third?'), ['3']);
  assert.deepEqual(analyzeQuestion(swim).wordNames?.slot, ['3']);
  assert.deepEqual([...(analyzeQuestion(swim).wordNames?.names ?? [])].sort(), ['Lena', 'Omar', 'Priya', 'Tomas']);
  // A question that asks for no offered name has none.
  assert.equal(analyzeQuestion('How many swimmers raced, if Lena, Omar and Priya did?').wordNames, undefined);
});

test('43a: "Place 3 is Priya", "The swimmer in place 3 is Priya": a clause naming the asked slot states its name', () => {
  assert.deepEqual(rules(swim, 'Omar first, then Lena, then Priya.\nThis fits. Place 3 is Priya.\n\nAll good.'), ['Priya']);
  assert.deepEqual(rules(swim, 'Order: Omar, Lena, Priya, Tomas.\nThe swimmer in place 3 is Priya.'), ['Priya']);
  // A table of the places states the asked place's line.
  assert.deepEqual(rules(swim, 'The only order left:\n1: Omar\n2: Lena\n3: Priya\n4: Tomas\n\nChecking the clues again.'), ['Priya']);
  // Naming another place places another swimmer, even after "So".
  assert.deepEqual(rules(swim, 'So place 2 would be Lena.\nThen nothing fits; try again.'), []);
  assert.deepEqual(rules(swim, 'So place 2 would be Lena. So place 3 is Priya.'), ['Priya']);
  // A clause with no number reads as before: only after a conclusion word.
  assert.deepEqual(rules(swim, 'The fastest swimmer is Omar.\nNow the places.'), []);
});

test('43b: a name listed with others ("So the order is Omar, Lena, Priya", "Lena in 2, Priya in 3") is no answer', () => {
  assert.deepEqual(rules(swim, 'So the order would be Omar, Lena, Priya. Then Tomas is last?'), []);
  assert.deepEqual(rules(swim, 'Next option: Lena in 2, Priya in 3.\n\nCheck clue 3.'), []);
  assert.deepEqual(rules(swim, 'So places 3 and 4 are Priya and Tomas.'), []);
  // Alone, the same name after the same words is read.
  assert.deepEqual(rules(swim, 'So the one in place 3 would be Priya. Then Tomas is last.'), ['Priya']);
});

test("43c: the summary's name is restated only where stated as the answer, not as a clause's subject", () => {
  const body = (mid: string) => `<think>\nOmar beat Priya. So Priya and Tomas are the last two.\n${mid}\n</think>\n\nAnswer: Priya`;
  // "So Priya and Tomas are ..." and "So Priya must be after Omar" restate nothing: the one
  // candidate is "place 3 is Priya".
  const text = body('So Priya must be after Omar, and place 3 is Priya.');
  const read = segmentAttempts(record(swim, text), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate);
  assert.deepEqual(
    read.map((c) => c.value),
    ['Priya'],
  );
  assert.equal(read[0].start, record(swim, text).body.indexOf('is Priya.') + 3);
  // After a verb of result, the name is restated (as before this pass).
  const q =
    'Two players, Lena and Omar, take turns taking 1 or 2 coins from a pile of 10; Lena moves first and whoever takes the last coin wins. Who wins?';
  assert.deepEqual(
    rules(
      q,
      '<think>\nSo Lena wins with perfect play.\n\nWait, check it: Lena takes 1, leaving 9 = 3 × 3, a losing pile for Omar. Both ways give Lena.\n</think>\n\nThe answer is **Lena**.',
    ),
    ['Lena', 'Lena'],
  );
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('43: the name-list and slot patterns on 20 KB runs of names and digits: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules43);
});
