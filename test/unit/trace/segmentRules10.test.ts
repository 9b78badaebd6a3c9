// The tenth pass's rules (docs/segmentation-eval.md), one short hand-written example each: every
// one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string, answer?: string) {
  return parseTrace(`=== 1\nquery: ${query}\n${answer !== undefined ? `answer: ${answer}\n` : ''}---\n${body}\n`).records[0];
}

/** Each candidate's value in the body of one record with this question and body. */
function values(query: string, body: string): string[] {
  return segmentAttempts(record(query, body), defaultSegmentOptions).attempts.map((a) => a.candidate.value);
}

test('a computation said in words gives its result as "=" does, when the result ends its clause', () => {
  const q = 'Felix has $140. He buys 5 notebooks that cost $5 each and a desk lamp for $31.50. How much money does he have left?';
  assert.deepEqual(
    values(
      q,
      'The notebooks cost $25, and with the lamp that is $56.50. $140 minus $56.50 = $83.50, so Felix has $83.50.\n\nAlternatively: one purchase at a time. $140 minus $25 leaves $115. And $115 minus $31.50 comes out to $83.50.',
    ),
    ['83.50', '83.50'],
  );
});

test('a product question: a product said in words is a partial product, their sum said in words the result', () => {
  assert.deepEqual(
    values(
      'What is 209 × 641?',
      '209 times 600 equals 125400. 209 times 40 equals 8360. 209 times 1 is 209.\n\nNow sum them: 125400 + 8360 is 133760. And 133760 plus 209 is 133969.\n\nWait, let me add again: 125400 plus 8569 is 133969.',
    ),
    ['133969', '133969'],
  );
});

test('"how many" names the count only as a word, and a decimal is no count', () => {
  const q = '274 students and 11 teachers go on a trip. Each bus seats 56 people. How many buses are needed?';
  assert.deepEqual(
    values(q, 'The headcount is 285. 285 divided by 56 is about 5.09, so the raw bus count is 5.09. Rounding up, that means 6 buses.'),
    ['6'],
  );
});

test('a value as the subject of a hypothetical ("23 people would be left behind") is not concluded', () => {
  const q = '176 students and 7 teachers are going to the museum. Each bus holds 40 people. How many buses are needed?';
  assert.deepEqual(
    values(q, 'So they need 4 buses.\n\nWait, 4 buses only seat 160, so 23 people would be left behind.\n\nHmm, so they need 5 buses.'),
    ['4', '5'],
  );
});

test('terse conclusions: "therefore" / "hence" / "∴" / "=>" leading a line, "ans:" as a label, a one-letter unit at a line end', () => {
  assert.deepEqual(values('What is 12% of 7780 L?', 'task: 12% of 7780\n7780*12 = 93360\n93360/100\ntherefore 933.6 L\nok.'), ['933.6']);
  assert.deepEqual(values('What is 80% of $11,300?', '1% = 11,300/100 = 113\n113*80\nhence $9,040'), ['9,040']);
  assert.deepEqual(values('What is 25% of 51,432 L?', '51,432*25 = 1,285,800\n1,285,800/100\n\u2234 12,858 L\nfine.'), ['12,858']);
  assert.deepEqual(values('What is 20 + 616 - 81 + 59?', '20 + 616 = 636\n636 - 81 = 555\n555 + 59\n=> 614\nok'), ['614']);
  assert.deepEqual(
    values(
      'What is the total cost?',
      '9.37*20 = $187.40\n29.12*4 = $116.48\n27.92*20 = $558.40\n187.40 + 116.48 + 558.40\nans: $862.28\nok',
    ),
    ['862.28'],
  );
});

test('a running result that the next sentence computes with is a step, not a conclusion', () => {
  const q = 'Sam bakes 2 batches of 20 cookies, eats 5, and gives away 3 bags of 3. How many cookies are left?';
  assert.deepEqual(
    values(
      q,
      'Two batches of 20 gives 40 cookies. 3 bags of three is 9 cookies, and 5 eaten plus 9 given away is 14. So far the number gone is 14. Then 40 minus 14 is 26.\n\nHmm, let me recount the bags: 3 times 3 is 9. So 26 cookies are left.',
    ),
    // The running 14 is no candidate (this test's point). Since pass 90 (90d), "So 26 cookies are left"
    // states the asked count, after a check of a sub-step: an echo by docs/annotation-guide.md ("a check
    // that only confirms a sub-step ... unless it ends by stating the answer to the question again as a
    // conclusion"); until then it was read weakly and merged.
    ['26', '26'],
  );
});
