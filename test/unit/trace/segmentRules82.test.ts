// Pass 82's rules (docs/segmentation-eval.md, "Stop 38: pass 82"), one short hand-written example
// each: every one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}

/** Each candidate's value, and the final answer, of one record with this question and body. */
function reading(query: string, body: string): { values: string[]; final: string | undefined } {
  const s = segmentAttempts(record(query, body), defaultSegmentOptions);
  return { values: s.attempts.map((a) => a.candidate.value), final: s.final?.value };
}

test('82a: a summary number the thinking block never writes is the final, not a candidate of the block', () => {
  const q = 'A baker fills 7 trays with 12 rolls each and sells 30 rolls. How many rolls are left?';
  // The block only plans the steps: no candidate; the summary's 54 is the final answer.
  const plan =
    '<think>\nFirst, I will multiply the trays by the rolls on each tray.\n\nThen I will take away the rolls that were sold to get what is left.\n</think>\n\nThe baker has 7 x 12 = 84 rolls and sells 30, so 84 - 30 = 54 rolls are left.\n\n\\boxed{54}';
  assert.deepEqual(reading(q, plan), { values: [], final: '54' });
  // The block writes 54 in a way no rule reads as a conclusion: the summary still stands in for it.
  const written =
    '<think>\nSeven trays of 12 rolls: 84 rolls. Thirty sold; 54 on the shelf, I think.\n</think>\n\nThe baker has 84 - 30 = 54 rolls left.\n\n\\boxed{54}';
  assert.deepEqual(reading(q, written).values, ['54']);
});

test('82b: a thinking block that ends on a result line of a new value concludes there, whatever its summary says', () => {
  const q = 'Sam has $40. He buys a lamp for $25 with 20% off. How much money does Sam have left?';
  // No attempt read before the block's last line: the closing result is the block's candidate, the
  // summary's (other) number its final.
  const alone =
    '<think>\nFirst, the discount is 20% of $25, which is $5, so the lamp costs $20.\n\nFinally, adding the lamp back to the $40 Sam had gives $60 left.\n</think>\n\nSam pays $20 and keeps the rest.\n\n\\boxed{20}';
  assert.deepEqual(reading(q, alone), { values: ['60'], final: '20' });
  // After an attempt the rules read (the truck's time, a sub-result), the block's closing result is a
  // new attempt.
  const q2 =
    'A truck in the fast lane is traveling at 60 miles/hour. A van in the slow lane is traveling at half that speed. If the truck traveled for a total of 300 miles, calculate the time the van took to cover the same distance?';
  const after =
    "<think>\nFirst, the van's speed is half of 60 mph, so it is 30 mph.\n\nThe truck traveled 300 miles at 60 mph, so the time it took is 300 miles divided by 60 mph, resulting in 5 hours.\n\nSimilarly, the van traveled the same 300 miles at 30 mph. Using the same formula, the time it took is 300 miles divided by 30 mph, which equals 10 hours.\n</think>\n\nThe van takes 10 hours.\n\n\\boxed{10}";
  assert.deepEqual(reading(q2, after).values.at(-1), '10');
  // A check on the block's last line, or a value written before, closes nothing.
  const check =
    '<think>\nThe lamp costs $25 - $5 = $20, so Sam has $40 - $20 = $20 left.\ncheck: 20 + 20 = 40 ok\n</think>\n\nSam has $20 left.\n\n\\boxed{20}';
  assert.deepEqual(reading(q, check).values, ['20']);
});

test('82c: a verb of result states its value as "gives" does ("resulting in", "leaves", "giving", "making")', () => {
  const q =
    'A sunflower is 5 inches tall. It triples in height in the first week and grows 6 more inches in the second week. How tall is it after two weeks?';
  const body =
    '<think>\nFirst, tripling 5 inches gives 15 inches.\n\nIn the second week it grows 6 more inches, resulting in a final height of 21 inches.\n</think>\n\nThe sunflower is 5 + 6 = 11 inches tall... no, 18 inches.\n\n\\boxed{18}';
  // The block's closing result (pass 82b) once "resulting in" states it; the summary's 18 is the final.
  assert.deepEqual(reading(q, body), { values: ['21'], final: '18' });
  const q2 = 'A hall has 90 seats. Teachers take 30 of them and parents take 24. How many seats are left for students?';
  assert.deepEqual(
    reading(q2, 'Teachers and parents take 30 + 24 = 54 seats.\n\nFinally, 90 minus 54 leaves 36 seats for the students.').values,
    ['36'],
  );
});

test('82d: a number before an operator in words and another number is an operand, not a result', () => {
  const q =
    'A hall has 5 rows of 20 seats. Teachers take one-fifth of the seats and the rest go to students. How many students are seated?';
  const body =
    '<think>\nThe hall has 5 times 20, which equals 100 seats.\n\nTeachers take 100 divided by 5, resulting in 20 seats.\n\nAfter the teachers are seated, there are 100 minus 20 seats left, which is 80 student seats.\n</think>\n\nThere are 100 - 20 = 80 students.\n\n\\boxed{80}';
  assert.deepEqual(reading(q, body).values, ['80']);
});
