// The thirty-ninth pass's rules (the weakest development phrasing families; docs/segmentation-eval.md
// "Stop 28: pass 39"), one short hand-written example each, with what each rule must leave as it
// was. The pass's development data: the dev families and the real dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('39a: for "How many games are played?", "the number of games equal to 420" concludes the asked count', () => {
  const q = 'In a chess club of 21 players, each player meets every other player exactly once. How many games are played?';
  const body =
    'Each of the 21 players plays 20 others. That makes the number of games equal to 420.\n\nWait, let me double-check. Every game has two players, so each one was counted twice: 420 / 2 = 210. So the answer is 210.';
  assert.deepEqual(rules(q, body), ['420', '210']);
  // A sub-count is no conclusion when the question counts a difference ("how many more"): no counted noun.
  const more = 'Ann played 30 games and Ben played 18 games. How many more games did Ann play than Ben?';
  assert.deepEqual(rules(more, 'The number of games Ann played is 30, and Ben played 18.\n\nSo the difference is 30 - 18 = 12.'), ['12']);
});

test('39a: the counted noun is read from "how many", past a word that says which of them are counted', () => {
  assert.ok(analyzeQuestion('How many different pizzas can be made with 3 of 8 toppings?').nouns.includes('number of pizza'));
  assert.ok(analyzeQuestion('How many multiples of 7 are there from 28 to 326?').nouns.includes('number of multiple'));
  // "how many more" asks for a difference, "how many ways" counts what every step of a count counts,
  // "how much" counts nothing: no counted noun.
  assert.ok(!analyzeQuestion('How many more apples does Ann have than Ben?').nouns.some((n) => n.startsWith('number of')));
  assert.ok(!analyzeQuestion('How many ways can 5 people sit in a row?').nouns.some((n) => n.startsWith('number of')));
  assert.ok(!analyzeQuestion('How much flour is needed for 3 cakes?').nouns.some((n) => n.startsWith('number of')));
});

test('39b: "what is the value of 2x?" asks for 2x, a monomial in plain text, so "So 2x is 10" concludes it', () => {
  const q = 'If 3x + 2y = 23 and x + y = 9, what is the value of 2x?';
  assert.deepEqual(analyzeQuestion(q).targets, ['2x']);
  assert.deepEqual(analyzeQuestion('If 5a - b = 9 and a + b = 3, what is ab?').targets, ['ab']);
  const body =
    'Multiply the second equation by 2 and subtract: x = 23 - 18 = 5. Okay, x is 5. Now double x. So 2x is 10. That seems about right.\n\nLet me check by substitution: y = 9 - x, so 3x + 18 - 2x = 23 and x = 5 again.';
  const about = (v: string) =>
    segmentAttempts(record(q, body), { ...defaultSegmentOptions, reader: 'rules' })
      .statements.filter((s) => s.value === v)
      .map((s) => s.aboutTarget);
  assert.ok(about('10').includes(true));
  // 2x as a term of a longer expression ("3x + 18 - 2x = 23") names no asked quantity: "x = 5" is not about it.
  assert.ok(!about('5').includes(true));
  // A word or a quantity with a unit is no monomial: its letters are none of the question's unknowns.
  assert.deepEqual(analyzeQuestion('The box weighs 5 kg. What is it?').targets, []);
  assert.deepEqual(analyzeQuestion('A pole casts a shadow. What is 12m?').targets, []);
  // A letter alone is left to "Solve for x" (30e).
  assert.deepEqual(analyzeQuestion('If 3x + 2y = 19 and x + y = 8, what is the value of x?').targets, []);
});

test('39c: "the number of X" names the asked count only when X is not narrowed by a qualifier the question does not write', () => {
  const q = 'A farm packs 48 cartons of 12 eggs and then sells 230 eggs. How many eggs does the farm have now?';
  const about = (body: string, v: string) =>
    segmentAttempts(record(q, body), { ...defaultSegmentOptions, reader: 'rules' })
      .statements.filter((s) => s.value === v)
      .map((s) => s.aboutTarget);
  // The question's own words between the noun and its value ("the farm has now") keep it the asked count.
  assert.ok(about('Hence the number of eggs the farm has now is 576 - 230 = 346. Good.', '346').includes(true));
  assert.ok(about('So the number of eggs is 346.', '346').includes(true));
  // A qualifier of its own ("packed", "in the cartons") makes it a sub-count.
  assert.ok(!about('So the number of eggs packed is 480 + 96 = 576. Then the 230 sold eggs come off.', '576').includes(true));
  assert.ok(!about('Hence the number of eggs in the cartons is 480 + 96 = 576. Then the 230 sold eggs come off.', '576').includes(true));
});

test('39d: "Let\'s re-check the amount of salt: ... so 11 liters in all." checks a step: its value is tested, not concluded', () => {
  const q =
    'A chemist mixes 20 liters of a 40% salt solution with 10 liters of a 30% salt solution. What is the concentration of the mixture?';
  const tested = (body: string, v: string) =>
    segmentAttempts(record(q, body), { ...defaultSegmentOptions, reader: 'rules' })
      // The check's statements (pass 94c reads the first sentence's "which makes 11 liters" too).
      .statements.filter((s) => s.value === v && s.start > body.indexOf('re-check'))
      .map((s) => s.tentative);
  const body =
    "The salt is 20 × 0.4 = 8 liters plus 10 × 0.3 = 3 liters, which makes 11 liters. So the concentration of the mixture is 11 ÷ 30 × 100 = 36.7%.\n\nLet me double-check one step. Let's re-check the amount of salt: 20 × 0.4 = 8 and 10 × 0.3 = 3, so 11 liters in all. Good, that step holds.";
  assert.deepEqual(tested(body, '11'), [true]);
  assert.deepEqual(rules(q, body), ['36.7%']);
  // A check of the whole working ("the arithmetic") or of the asked quantity itself ends in a value stated, not tested.
  assert.deepEqual(tested("Let's re-check the arithmetic: 11 ÷ 30 × 100 = 36.7%. Good.", '36.7%'), [false]);
  assert.deepEqual(tested("Let's re-check the concentration: 11 ÷ 30 × 100 = 36.7%. Good.", '36.7%'), [false]);
});
