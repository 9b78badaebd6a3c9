// Pass 99's rules (docs/segmentation-eval.md, "Stop 42: pass 99"), on short hand-written texts (not
// taken from the development sets or families), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// 99a (question.ts analyze): a question that writes a large number with LaTeX's negative thin space
// after its thousands separator ("$274,\!625$", as MATH questions do) quotes that one number, not 274
// and 625: the response restating it ("So, N^3 = 274,625.") restates the question, no candidate.
const QA = 'When the two-digit integer $N$ is cubed, the value is $274,\\!625$. What is $N$?';

test('99a: "274,\\!625" in the question is the number 274,625, and restating it is no candidate', () => {
  assert.ok(analyzeQuestion(QA).values.has('274625'));
  const body = 'So, N^3 = 274,625.\n\nHmm, that seems large. Let me think.\n\nTry 65: 65 × 65 = 4225, and 4225 × 65 = 274,625. So N = 65.';
  assert.deepEqual(values(QA, body), ['65']);
});

test('negative 99a: a thin space before a group of other than three digits joins nothing', () => {
  const v = analyzeQuestion('The ratio is $12,\\!5$ to $3$. What is the ratio as one number?').values;
  assert.ok(!v.has('125'));
  assert.ok(v.has('12') && v.has('5'));
});

// 99b (segment.ts handedOn): a result that the next sentences hand on as the argument of the next step
// ("Now we need the sum of the proper divisors of 16.", "Next, ... of this sum", "Then the 17 loose
// jars go on top of that") is an intermediate quantity (docs/annotation-guide.md), not the attempt's
// answer, whatever names it.
const QD = 'The sum of the proper divisors of 10 is 8. What is the sum of the proper divisors of the sum of the proper divisors of 12?';
const DIVISORS_12 =
  'The proper divisors of 12 are 1, 2, 3, 4 and 6: 1 + 2 + 3 + 4 + 6 = 16.\n\nSo the sum of the proper divisors of 12 is 16.';

test('99b: "So ... is 16. Now we need the sum of the proper divisors of 16." hands 16 on', () => {
  const body = `${DIVISORS_12} Now we need the sum of the proper divisors of 16.\n\nWait, which are the proper divisors of 16? They are 1, 2, 4 and 8: 1 + 2 + 4 + 8 = 15.\n\nSo the answer is 15.`;
  assert.deepEqual(values(QD, body), ['15']);
});

test('99b: "Next, the question asks for ... of this sum" hands the value on', () => {
  const body = `${DIVISORS_12}\n\nNext, the question asks for the sum of the proper divisors of this sum.\n\nWait, which are the proper divisors of 16? They are 1, 2, 4 and 8: 1 + 2 + 4 + 8 = 15.\n\nSo the answer is 15.`;
  assert.deepEqual(values(QD, body), ['15']);
});

test('99b: "Then the 17 loose jars go on top of that" hands the crates\' total on', () => {
  const q = 'A shop packs 23 crates of 24 jars and has 17 loose jars. How many jars does it have in all?';
  const body =
    'First the crates: 23 times 24 is 552, so the total number of jars is 552. Then the 17 loose jars go on top of that.\n\nHmm, wait, I almost stopped there. So the shop has 552 + 17 = 569 jars.';
  assert.deepEqual(values(q, body), ['569']);
});

test('negative 99b: a sentence that checks the value ("Now let me check the sum of that") hands nothing on', () => {
  const body =
    'The proper divisors of 12 are 1, 2, 3, 4 and 6: 1 + 2 + 3 + 4 + 6 = 16, and those of 16 are 1, 2, 4 and 8: 1 + 2 + 4 + 8 = 15.\n\nSo the sum of the proper divisors of the sum is 15. Now let me check the sum of that.\n\nWait, 1 + 2 + 4 + 8: 3, then 7, then 15. So the answer is 15.';
  assert.deepEqual(values(QD, body), ['15', '15']);
});

test('negative 99b: "of" a number other than the value hands the value on to nothing', () => {
  const body = `${DIVISORS_12} Now we need the sum of the proper divisors of 10 to compare: it is 8.\n\nWait, that is beside the point. The proper divisors of 16 are 1, 2, 4 and 8: 1 + 2 + 4 + 8 = 15. So the answer is 15.`;
  assert.deepEqual(values(QD, body), ['16', '15']);
});
