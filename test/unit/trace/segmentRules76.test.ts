// Pass 76's rule (docs/segmentation-eval.md, "Stop 37: pass 76"), on short hand-written texts (not
// taken from the phrasing families or the development sets), with negative cases for its limits.
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

// 76a (segment.ts paragraphConclusion, checksTheResult): a weak conclusion ("So the number of trips
// we need is 6.") that closes its paragraph, the next paragraph opening with a marker that checks
// the result, is the model's result, then corrected (docs/annotation-guide.md: a value adopted and
// later corrected is a candidate).
const Q = 'A ferry carries 36 cars per trip. How many trips are needed to carry 250 cars?';
const FIRST = 'Each trip takes 36 cars, and 250 / 36 is about 6. So the number of trips we need is 6.';
const CHECK = 'Six trips carry 6 × 36 = 216 cars, fewer than 250, and seven carry 7 × 36 = 252, enough. So the number of trips is 7.';

test('76a: a conclusion closing its paragraph before a check of it is a candidate', () => {
  assert.deepEqual(values(Q, `${FIRST}\n\nHmm, wait. Let me double-check that. ${CHECK}`), ['6', '7']);
  assert.deepEqual(
    values(
      Q,
      `${FIRST}\n\nLet me check by solving it another way. Counting up: 36, 72, 108, 144, 180, 216, 252. Only the seventh load passes 250, so the number of trips is 7.`,
    ),
    ['6', '7'],
  );
});

test('negative 76a: a check of one step or of something named, no paragraph break, no value stated', () => {
  // The check of one step or of a named computation leaves the value a step.
  assert.deepEqual(values(Q, `${FIRST}\n\nHmm, wait. Let me double-check one step. ${CHECK}`), ['7']);
  assert.deepEqual(values(Q, `${FIRST}\n\nHmm, wait. Let me double-check 250 / 36 first. ${CHECK}`), ['7']);
  // The conclusion does not close a paragraph: the marker goes on in the same paragraph.
  assert.deepEqual(values(Q, `${FIRST}\nHmm, wait. Let me double-check that. ${CHECK}`), ['7']);
  // No conclusion of what the quantity is ("we fill 6 full trips").
  assert.deepEqual(
    values(
      Q,
      `Each trip takes 36 cars, and 250 / 36 is about 6. So we fill 6 full trips.\n\nHmm, wait. Let me double-check that. ${CHECK}`,
    ),
    ['7'],
  );
});

// 76b (segment.ts namedReread): a re-read of the question said in so many words ("Re-reading the
// question: it asks for ...", "Checking the conditions: ...") before the answer is stated again is
// the guide's re-check in words that re-reads a condition: an echo, not a restatement.
const QP = 'A rectangle is 12 m by 9 m. What is its perimeter?';
const FIRST_P = 'Adding the four sides, 2 × (12 + 9) = 42. So the perimeter is 42 m.';

test('76b: the answer stated again after a named re-read of the question is an echo', () => {
  assert.deepEqual(
    values(
      QP,
      `${FIRST_P}\n\nLet me check. Re-reading the question: it asks for the distance around the rectangle, all four sides, not its area. So the perimeter is 42 m.`,
    ),
    ['42', '42'],
  );
});

test('negative 76b: no re-read named, the restatement merges', () => {
  assert.deepEqual(values(QP, `${FIRST_P}\n\nLet me check. It asks for the perimeter. So the perimeter is 42 m.`), ['42']);
  assert.deepEqual(values(QP, `${FIRST_P}\n\nLet me check. Reading it, the perimeter is 42 m.`), ['42']);
});

// 76c: the same for a result set in bold ("Trips needed = **6**"), not for a labelled value ("Trips: **6**").
test('76c: a bold result closing its paragraph before a check of it is a candidate', () => {
  const first = 'Each trip takes 36 cars, and 250 / 36 is about 6.';
  assert.deepEqual(values(Q, `${first} Trips needed = **6**\n\nHmm, wait. Let me double-check that. ${CHECK}`), ['6', '7']);
  assert.deepEqual(values(Q, `${first}\n\n- Trips: **6**\n\nHmm, wait. Let me double-check that. ${CHECK}`), ['7']);
});

// 76d (segment.ts mismatchAfter): a weak result that the next words say disagrees with an earlier
// answer is the check's result, an attempt of its own, even where the work goes on in its segment.
const QW = 'A crate holds 148 apples. How many apples are in 23 crates?';
const FIRST_W = 'Each crate holds 148, so 23 × 148 = 3404 apples in all.\n\nLet me check another way. 20 × 148 = 2960 and ';

test('76d: a result followed by "that is different" is a candidate', () => {
  assert.deepEqual(
    values(
      QW,
      `${FIRST_W}3 × 148 = 454, so 2960 + 454 = 3414 apples. That is different from before. The slip: 3 × 148 is 444, not 454. So the total is 3404 apples.`,
    ),
    ['3404', '3414', '3404'],
  );
});

test('negative 76d: the same result followed by a plain comment is a step', () => {
  assert.deepEqual(
    values(
      QW,
      `${FIRST_W}3 × 148 = 454, so 2960 + 454 = 3414 apples. That is odd. The slip: 3 × 148 is 444, not 454. So the total is 3404 apples.`,
    ),
    ['3404', '3404'],
  );
});
