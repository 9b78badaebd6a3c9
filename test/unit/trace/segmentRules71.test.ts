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
