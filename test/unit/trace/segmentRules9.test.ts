// The ninth pass's rules (docs/segmentation-eval.md), one short hand-written example each: every
// one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string, answer?: string) {
  return parseTrace(`=== 1\nquery: ${query}\n${answer !== undefined ? `answer: ${answer}\n` : ''}---\n${body}\n`).records[0];
}

/** Each candidate's value in the body of one record with this question and body. */
function values(query: string, body: string): string[] {
  return segmentAttempts(record(query, body), defaultSegmentOptions).attempts.map((a) => a.candidate.value);
}

test("an answer cue before a computation in words states the computation's result, not its first operand", () => {
  const q = 'A stew recipe for 4 people uses 6 potatoes. Lena is cooking for 6 people. How many potatoes does she need?';
  assert.deepEqual(values(q, 'The scale factor is 6 divided by 4, which is 1.5. So the answer: 6 potatoes times 1.5 is 9 potatoes.'), [
    '9',
  ]);
  const q2 = 'Four friends split a bill of $82.32 evenly. How much does each person pay?';
  assert.deepEqual(values(q2, 'So the answer: $82.32 split four ways is $20.58.'), ['20.58']);
});

test('a question that counts something other than money: an amount written with a currency sign is a sub-result', () => {
  const q = 'Lena wants a tablet that costs $365. She already has $180 and saves $85 every month. How many months until she can afford it?';
  assert.equal(analyzeQuestion(q).countNotMoney, true);
  assert.equal(analyzeQuestion('Omar has $70 and spends $15. How many dollars does he have left?').countNotMoney, undefined);
  assert.equal(analyzeQuestion('How many months are in 3 years?').countNotMoney, undefined);
  assert.deepEqual(
    values(
      q,
      "$365 minus $180, so the amount still needed is $185. Hmm, the division won't come out even. $185 divided by $85 is about 2.18, so she needs 3 months.",
    ),
    ['3'],
  );
});
