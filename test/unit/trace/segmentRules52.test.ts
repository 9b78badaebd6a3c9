// The fifty-second pass's rules (the weakest development phrasing families; docs/segmentation-eval.md
// "Stop 30: pass 52"), one short hand-written example each, with what each rule must leave as it
// was. Decided on the rules alone (reader 'rules'); the learned stage is retrained after the merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { findStatements } from '../../../server/src/trace/statements.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test(`52a: "So there's $17.50 left", "So it's $17.50": a pronoun's "'s" is the copula "is"`, () => {
  const q = 'Mia has $40. She buys 3 books at $7.50 each. How much money does she have left?';
  assert.deepEqual(rules(q, 'The books cost 3 × $7.50 = $22.50. So it’s $17.50 she keeps, from $40 minus $22.50.'), ['17.50']);
  assert.deepEqual(rules(q, "The books cost 3 × $7.50 = $22.50. So it's $17.50 she keeps, from $40 minus $22.50."), ['17.50']);
  assert.deepEqual(rules(q, "The books cost 3 × $7.50 = $22.50. So there's $17.50 left for her."), ['17.50']);
  // A possessive is no copula: "Mia's $40" names whose money, it states no result (only the
  // equation's line end is read, as before).
  assert.deepEqual(rules(q, "The books cost 3 × $7.50 = $22.50. So Mia's $40 drops by $22.50 to $17.50."), ['22.50']);
});

test('52b: "Great, 10 again.", "$1799, same result.": a value concluded elsewhere, written with words that say it agrees with the earlier result, is a check’s result', () => {
  const q = 'If x + y = 11 and x - y = 3, what is x + y + 1?';
  const body =
    'Adding the equations, 2x = 14, so x = 7 and y = 4. Therefore, the answer is 12.\n\nLet me check another way: y = 11 - x, so x - 11 + x = 3, 2x = 14, x = 7, y = 4. Then 7 + 4 + 1. Great, 12 again.';
  assert.deepEqual(rules(q, body), ['12', '12']);
  assert.deepEqual(rules(q, body.replace('Great, 12 again.', 'Then 7 + 4 + 1 = 12, same result.')), ['12', '12']);
  assert.deepEqual(rules(q, body.replace('Great, 12 again.', 'That is 12, identical to the earlier result.')), ['12', '12']);
  // A value redone as an operand ("add 12 again") states no result.
  assert.deepEqual(rules(q, body.replace('Great, 12 again.', 'Then I add 12 again to check the scale.')), ['12']);
});

test('52c: "sum = ... = 340" for an asked average, "Total: C(7,2) = 21" for a probability, is the sub-total worked from', () => {
  const q = 'The scores on 4 quizzes were 70, 80, 90, 100. What is the average score?';
  const body = 'sum = 70 + 80 + 90 + 100 = 340\nhmm, not done\n340 / 4 = 85\n\nLet me check: 85 × 4 = 340, fine.';
  assert.deepEqual(rules(q, body), ['85']);
  const p = 'A box holds 4 red and 3 blue pens. Two pens are drawn at random. The probability that both are red is ____.';
  const pBody = 'Total: C(7,2) = 21. Not done yet.\nBoth red: C(4,2) = 6. So P = 6/21 = \\frac{2}{7}.';
  assert.deepEqual(rules(p, pBody), ['\\frac{2}{7}']);
  // When the sum is what the question asks for, its label states the answer.
  assert.deepEqual(rules('What is the sum of the scores 70, 80, 90 and 100?', 'sum = 70 + 80 + 90 + 100 = 340\nok, done.'), ['340']);
});

test('52d: "result: 10,011 - 1,612 → 8,399": an arrow ends a labelled computation as "=" does', () => {
  const q = 'Calculate 213·47 − 52·31.';
  const body = '213x47 = 10,011 ok\n52x31 = 1,612\nresult: 10,011 - 1,612 → 8,399\nfine';
  assert.deepEqual(rules(q, body), ['8,399']);
  assert.deepEqual(rules(q, body.replace('→', '->')), ['8,399']);
  // An arrow to words after the labelled value leaves the value.
  assert.deepEqual(rules(q, '213x47 = 10,011 ok\n52x31 = 1,612\nresult: 8,399 → done\nfine'), ['8,399']);
});

test('52e: "25 + 612 = 637. That is the 52nd term.": a value named afterwards as the asked quantity is a conclusion about it', () => {
  const q = analyzeQuestion('What is the 52nd term of the arithmetic sequence 25, 37, 49, ...?');
  const strong = (text: string): string[] =>
    findStatements(text, { question: q })
      .filter((st) => st.strength >= 3 && st.aboutTarget)
      .map((st) => st.value);
  const body = 'Each step adds 12, and there are 51 steps: 51 × 12 = 612.\n\nOkay, 25 + 612 = 637. That is the 52nd term.';
  assert.deepEqual(strong(body), ['637']);
  assert.deepEqual(strong(body.replace('. That is the 52nd term.', ', and that is the 52nd term.')), ['637']);
  assert.deepEqual(strong(body.replace('That is the 52nd term.', 'So that should be the 52nd term.')), ['637']);
  // Named as another quantity, or not named at all, the value concludes nothing about the asked one.
  assert.deepEqual(strong('The terms go 25, 37, 49: 37 - 25 = 12. That is the common difference.'), []);
  assert.deepEqual(strong('Okay, 25 + 612 = 637. That is a lot of steps.'), []);
});

test('52f: "What is the number?" asks for the number itself: "so the number is 29" concludes it, "the number of steps" does not', () => {
  const strong = (query: string, text: string): string[] =>
    findStatements(text, { question: analyzeQuestion(query) })
      .filter((st) => st.strength >= 3 && st.aboutTarget)
      .map((st) => st.value);
  const q = 'When a number is multiplied by 8 and then 64 is added, the result is 296. What is the number?';
  assert.deepEqual(strong(q, '8x = 296 - 64 = 232. Then divide by 8: so the number is 232 / 8 = 29.'), ['29']);
  assert.deepEqual(
    strong('I think of a number, multiply it by 3 and add 15. The result is 102. What number did I think of?', 'So the number is 29.'),
    ['29'],
  );
  // Not a number of something, and not for a question that asks for something else.
  assert.deepEqual(strong(q, 'So the number of steps is 2.'), []);
  assert.deepEqual(strong('What is the sum of the digits of 296?', 'So the number is 296.'), []);
});
