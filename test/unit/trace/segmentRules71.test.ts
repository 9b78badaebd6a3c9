// Pass 71's rules (docs/segmentation-eval.md, "Stop 35: pass 71"), on short hand-written texts (not
// taken from the development sets), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// 71a (segment.ts readAttempts): a conclusion about the asked quantity, followed by new work that
// ends in a weaker statement of the same value, is a candidate of its own (the later one an echo).
const QS = 'A shop has 58 jars and buys 6 boxes of 12 jars each. How many jars does the shop have now?';

test('71a: the re-added total, restated, then a recap that recomputes it: two candidates after the first', () => {
  assert.deepEqual(
    values(
      QS,
      'Six boxes of 12 is 72 jars. Adding: 58 + 72, that is 50 + 70 is 120 and 8 + 2 is 10, so 120 + 10 is 130. Wait, is that right? Let me check again. 58 + 70 is 128, then +2 is 130. Yes, that seems correct.\n\nSo the number of jars the shop has now is 130. Let me just recap: 6 boxes of 12 give 6*12=72, which gives 58+72=130. Yep, that is it.',
    ),
    ['130', '130', '130'],
  );
});

test('negative 71a: with no new work after the restatement, it merges into the re-check', () => {
  assert.deepEqual(
    values(
      QS,
      'Six boxes of 12 is 72 jars. Adding: 58 + 72, that is 50 + 70 is 120 and 8 + 2 is 10, so 120 + 10 is 130. Wait, is that right? Let me check again. 58 + 70 is 128, then +2 is 130. Yes, that seems correct.\n\nSo the number of jars the shop has now is 130. Yep, that is it.',
    ),
    ['130', '130'],
  );
});

// 71d (segment.ts readAttempts, answersRaisedQuestion): a question raised about the answer and
// answered with a reason, then the answer stated again by a weaker conclusion, is an echo.
const QP = 'A rectangle has sides 6 cm and 9 cm. What is the perimeter of the rectangle in cm?';

test('71d: a doubt answered with a reason, then "the distance around should indeed be 30 cm": an echo', () => {
  assert.deepEqual(
    values(
      QP,
      'Adding the sides: 2 * (6 + 9) = 2 * 15 = 30. So the perimeter is 30 cm.\n\nWait, could the perimeter depend on which side we call the length? Well, since each pair of opposite sides is counted once whichever we name first, the sum stays the same, because addition does not care about order. So, the distance around should indeed be 30 cm, as calculated.\n\nAlternatively, I could draw it, but that gives nothing new.',
    ),
    ['30', '30'],
  );
});

test('negative 71d: a doubt dismissed in one breath merges', () => {
  assert.deepEqual(
    values(
      QP,
      'Adding the sides: 2 * (6 + 9) = 2 * 15 = 30. So the perimeter is 30 cm.\n\nWait, could the perimeter depend on which side we call the length? No. So, the distance around should indeed be 30 cm, as calculated.\n\nAlternatively, I could draw it, but that gives nothing new.',
    ),
    ['30'],
  );
});

// 71e (statements.ts inlineArithmeticRe): arithmetic on sums of money right after the clause's words
// ("profit is $8,000 - $4,150 = $3,850") works out the clause's own value, as it does without the
// dollar signs: the conclusion doubted by the marker after it is an adopted-then-corrected candidate.
const QD =
  'A dealer buys a used car for $3,200, spends $950 on paint, and the paint raises its value by 150% of the paint cost. How much profit does the dealer make?';
const redo =
  '\n\nWait, that cannot be right, the 150% is of the paint cost. So the rise is 1.5 * 950 = 1,425 dollars, the car is worth 3,200 + 1,425 = 4,625 dollars, and the profit is 4,625 - 4,150 = 475 dollars.\n\n**Answer: 475**';

test('71e: "profit is $8,000 - $4,150 = $3,850." doubted, then corrected: two candidates', () => {
  assert.deepEqual(
    values(
      QD,
      'The value goes up by 150% of $3,200, which is $4,800, so the car is worth $3,200 + $4,800 = $8,000. The dealer spent $3,200 + $950 = $4,150. Therefore, profit is $8,000 - $4,150 = $3,850.' +
        redo,
    ),
    ['3,850', '475'],
  );
});

test('negative 71e: a left side with a word operand ("$8,000 - cost =") still closes another quantity', () => {
  assert.deepEqual(
    values(
      QD,
      'The value goes up by 150% of $3,200, which is $4,800, so the car is worth $3,200 + $4,800 = $8,000. The dealer spent $3,200 + $950 = $4,150. Therefore, profit is $8,000 - cost = $3,850.' +
        redo,
    ),
    ['475'],
  );
});
