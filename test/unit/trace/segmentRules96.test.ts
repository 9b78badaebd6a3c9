// Pass 96's rules (docs/segmentation-eval.md, "Stop 42: pass 96"): first candidates the rules missed,
// on short hand-written texts (not taken from the development sets or families), each with a negative
// case for its limits.
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

// 96a (segment.ts doubtRe): a marker that admits a slip in the first person with another verb than
// 94f's ("I left out the tip", "we double counted the corners", "I dropped the sign", "I think I slipped
// on ...") doubts the conclusion right before it: that conclusion was adopted and then corrected, a
// candidate. Not a check that asks whether something was missed ("let me see if I missed a case").
const QT = 'A meal costs $42 and the drinks cost $13. The tip is $9. How much is the bill in total?';

test('96a: "so the bill comes to $55." before "Hold on, I left out the tip" is a first answer', () => {
  const body =
    'Meal and drinks: $42 + $13 = $55, so the bill comes to $55.\nHold on, I left out the tip. With it: $55 + $9 = $64.\n\nThe bill is **$64**.';
  assert.deepEqual(values(QT, body), ['55', '64']);
});

test('96a: "we double counted" after a count doubts it', () => {
  const q = 'How many of the integers from 1 to 30 are divisible by 2 or by 3?';
  const body =
    'Multiples of 2: 15. Multiples of 3: 10. All told, exactly 25 numbers qualify.\n\nWait a second. We double counted the multiples of 6, five of them. So 25 - 5 = 20.\n\nThe answer is **20**.';
  assert.deepEqual(values(q, body), ['25', '20']);
});

test('negative 96a: "let me see if I missed" asks, it admits nothing; the conclusion before it stays a step', () => {
  const body =
    'Meal and drinks: $42 + $13 = $55, so the bill comes to $55.\nHold on, let me see if I missed anything: the tip. With it: $55 + $9 = $64.\n\nThe bill is **$64**.';
  assert.deepEqual(values(QT, body), ['64']);
});
