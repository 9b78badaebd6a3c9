// The thirtieth pass's rules (the weakest development phrasing families; docs/segmentation-eval.md
// "Stop 27"), one short hand-written example each, with what each rule must leave as it was. The
// pass's development data: the dev families and the real dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record, values } from './segmentRuleHelpers.js';

test("30a: the answer stated again as the asked quantity's value, with no conclusion word, is a conclusion", () => {
  const q = 'A farmer plants 14 rows of 23 trees and then 9 more trees. What is the total number of trees he plants?';
  const body =
    'Rows first: 14 × 23 = 322. Adding the extra ones gives 322 + 9 = 331, so the answer is 331.\n\nLet me count again another way. 23 × 10 = 230 and 23 × 4 = 92, together 322, and with the 9 more we are at 331 again. Good, the total number of trees is indeed 331.';
  assert.deepEqual(values(q, body), ['331', '331']);
  // A value no other statement concludes stays a step: a sub-total named so is not read.
  const step =
    'Rows first: 14 × 23 = 322. The total number of trees in the rows is 322. Adding the extra ones: 322 + 9 = 331, so the answer is 331.';
  assert.deepEqual(values(q, step), ['331']);
});

test('30a: a subject that is arithmetic or a relative clause does not name the asked quantity', () => {
  const q = 'A movie lasts 2 hours and 15 minutes. How many minutes long is it?';
  const body =
    'Two hours are 2 × 60 = 120 minutes, so the movie is 120 + 15 = 135 minutes long. So the answer is 135.\n\nHmm, let me make sure about the hours. 60 + 60 = 120, and 120 plus 15 minutes is indeed 135 minutes.';
  assert.deepEqual(values(q, body), ['135']);
});

test('30b: "in the region of" sizes the answer before computing it, as "around" does: no candidate', () => {
  const q = 'A school buys 38 chairs at $21 each and 12 tables at $47 each. What is the total cost?';
  const body =
    'First a rough size: 38 chairs at about $20 and 12 tables at about $50, so the total should be in the region of $1,360.\n\nWait, let me do it exactly. Chairs: 38 × 21 = 798. Tables: 12 × 47 = 564. So the total cost is 798 + 564 = $1,362.';
  assert.deepEqual(values(q, body), ['1,362']);
  // A total stated without the estimate words stays a candidate, corrected after the marker.
  const stated = body.replace('should be in the region of $1,360', 'is $1,360');
  assert.deepEqual(values(q, stated), ['1,360', '1,362']);
});

test("30c: an answer cue before a computation with a division sign states the computation's result", () => {
  const q = 'A tank holds 45 liters of water, and three bottles of 5 liters of juice are poured in. What percentage of the mix is juice?';
  const body =
    'The juice is 3 × 5 = 15 liters, and the mix is 45 + 15 = 60 liters. So the answer is 15 ÷ 60 × 100 = 25%.\n\nLet me double-check: 60 × 0.25 = 15, which is the juice.';
  assert.deepEqual(values(q, body), ['25%']);
  // A cue before a value that no computation follows states that value.
  const plain =
    'The juice is 3 × 5 = 15 liters, and the mix is 45 + 15 = 60 liters. 15 of 60 is a quarter, so the answer is 25%.\n\nLet me double-check: 60 × 0.25 = 15, which is the juice.';
  assert.deepEqual(values(q, plain), ['25%']);
});

test('30d: "all in all", "long story short", "bottom line", "in short", "in the end", "to sum up" lead a conclusion', () => {
  const q = 'A bus drives 2 hours at 55 mph and then 1 hour at 48 mph. How many miles does the bus travel?';
  const body =
    'The first part is 2 × 55 = 110 miles, and the second part is 48 miles.\n\nHmm, let me slow down here. All in all, the bus travels 158 miles.\n\nLet me check another way: the average speed is 158 / 3, about 52.7 mph, and 52.7 × 3 is about 158, so the bus travels 158 miles.';
  assert.deepEqual(values(q, body), ['158', '158']);
  for (const lead of ['Long story short,', 'Bottom line:', 'In short,', 'In the end,', 'To sum up,'])
    assert.deepEqual(values(q, body.replace('All in all,', lead)), ['158', '158'], lead);
  // "in short" inside a clause that is no lead-in ("in short supply") concludes nothing.
  assert.deepEqual(
    values(q, body.replace('All in all, the bus travels 158 miles.', 'Fuel was in short supply, and the bus travels 158 miles.')),
    ['158'],
  );
});

test('30e: "Solve for x" asks for x: a conclusion of its value is about the asked quantity', () => {
  const q = 'Solve for x: 5x + 14 = 3x + 22.';
  const body =
    'Subtract 5x from both sides: 14 = -2x + 22. Then -2x = 14 + 22 = 36. So x comes out to -18.\n\nHmm, maybe I should check this another way. Subtract 3x from both sides: 2x + 14 = 22. Moving the 14 over: 2x = 22 - 14 = 8. Okay, so x is 8/2, which is 4.';
  const about = (query: string, text: string) =>
    segmentAttempts(record(query, text), defaultSegmentOptions)
      .statements.filter((st) => st.aboutTarget)
      .map((st) => st.value);
  assert.deepEqual(about(q, body), ['-18', '4']);
  assert.deepEqual(values(q, body), ['-18', '4']);
  // A coefficient's variable is not the letter by itself ("2x = 8" is a step), and a letter that
  // starts an asked expression ("Solve for $x + y$") or is one of a list names no single letter.
  assert.deepEqual(about(q, 'Subtract 3x from both sides: 2x + 14 = 22. So 2x = 8.'), []);
  assert.deepEqual(about('Solve for $x + y$ given that $x - y = 2$ and $x = 5$.', 'From x - y = 2, y = 3. So x comes out to 5.'), []);
  assert.deepEqual(about('Solve for x and y: x + y = 7 and x - y = 1.', 'Adding, 2x = 8. So x comes out to 4.'), []);
});

test('30f: a pointer ending a line ("= 1,254 <--") marks the note\'s result, as "<- ans" does', () => {
  const q = 'A shop sells 38 boxes of 33 pens. How many pens is that?';
  const body =
    'pens: 38 x 33\n38x30 = 1140\n38x3 = 114\n1140 + 114 = 1,254 <--\ncheck:\n33x40 = 1320, minus 33x2 = 66\n1320 - 66 = 1254 ok';
  assert.deepEqual(values(q, body), ['1,254', '1254']);
  // An arrow inside a line ("1140 <- carried over, then 114") points at no result.
  const inLine =
    'pens: 38 x 33\n38x30 = 1140 <- carried over, then 38x3 = 114\nso 1140 + 114 = 1,254\ncheck:\n33x40 = 1320, minus 33x2 = 66\n1320 - 66 = 1254 ok';
  assert.deepEqual(values(q, inLine), values(q, inLine.replace(' <- carried over,', ',')));
});

test('30g: an ordinal before the asked noun ("What is the 27th term?") leaves the noun as the asked one', () => {
  assert.deepEqual(analyzeQuestion('The sequence 5, 9, 13, ... grows by 4 each time. What is the 20th term?').nouns, ['term']);
  assert.deepEqual(analyzeQuestion('What is the 12th triangular number?').nouns, ['triangular']);
  // A number that is no ordinal stays out of the head, as before.
  assert.deepEqual(
    analyzeQuestion('What is the sum of the first 20 terms?').nouns,
    analyzeQuestion('What is the sum of the first twenty terms?').nouns,
  );
});

test('30h: ", from <the working>" after a result glosses it, as a parenthesis does: the value before it is the result', () => {
  const q = 'Leo saves $45 a month for 8 months and then spends $95. How much does he have left?';
  const body = '8 months at $45 is $360. So Leo has $265 left, from $360 minus $95. That seems right.';
  assert.deepEqual(values(q, body), ['265']);
  // "from" that names a source, with no working, is no gloss: the clause is read as before.
  const source = '8 months at $45 is $360. So Leo has $265 left, from his savings.';
  assert.deepEqual(values(q, source), ['265']);
});
