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

// 96b (segment.ts doubtAfterOpening): the marker's paragraph admits the mistake after opening sentences
// that only announce a second look ("Hold on a second. Inside the block the two can swap places. I
// forgot that factor."), read at each sentence start before the first number or equals sign; the
// conclusion or result line before the marker was adopted and then corrected, a candidate. Not a
// hedged sentence ("Maybe I made an error ..."), not a doubt after new work has started.
const QS = 'Four friends sit in a row, and Ana and Bo must sit together. How many seatings are there?';

test('96b: "that gives 6 seatings." before "Hold on a second. ... I forgot that factor." is a first answer', () => {
  const body =
    'Glue Ana and Bo into one block, so there are 3 units, and that gives 6 seatings.\n\nHold on a second. Inside the block the two can swap places. I forgot that factor. So 2 × 6 = 12 seatings.\n\nThe answer is **12**.';
  assert.deepEqual(values(QS, body), ['6', '12']);
});

const QF = 'The sum 1/2 + 1/3 is written as m/n in lowest terms. Find m + n.';

test('96b: a result line ("5 + 7 = 12") before "Hold on, ... another look. I see the error: ..." is a first answer', () => {
  const body =
    'We have $\\frac12 + \\frac13 = \\frac{5}{6}$, so $m = 5$ and $n = 7$. Therefore\n\\[\n5 + 7 = 12\n\\]\n\nHold on, something above needs another look. I see the error: the denominator is 6, not 7. So $m + n = 5 + 6 = 11$.\n\nThe answer is $\\boxed{11}$.';
  assert.deepEqual(values(QF, body), ['12', '11']);
});

test('negative 96b: a hedged sentence ("Maybe I made an error ...") admits nothing', () => {
  const body =
    'We have $\\frac12 + \\frac13 = \\frac{5}{6}$, so $m = 5$ and $n = 7$. Therefore\n\\[\n5 + 7 = 12\n\\]\n\nHold on, something above needs another look. Maybe I made an error in copying the denominator: it is 6. So $m + n = 5 + 6 = 11$.\n\nThe answer is $\\boxed{11}$.';
  assert.deepEqual(values(QF, body), ['11']);
});

test('negative 96b: a doubt after new work has started ("Let me recount the units: 3 of them. ... I forgot") is of that work', () => {
  const body =
    'Glue Ana and Bo into one block, so there are 3 units, and that gives 6 seatings.\n\nHold on a second. Let me recount the units: 3 of them. Inside the block the two can swap places. I forgot that factor. So 2 × 6 = 12 seatings.\n\nThe answer is **12**.';
  assert.deepEqual(values(QS, body), ['12']);
});

// 96c (segment.ts correctedByNot): the marker's first or second sentence sets a value right against
// another with ", not" ("what survives is -1/10, not -1/9"): the conclusion before the marker was
// adopted and then corrected, a candidate. Not where no value follows "not" ("every term, not only the
// odd ones"), not after an ellipsis (a step caught in passing).
const QT2 = 'Compute 1/(1*2) + 1/(2*3) + ... + 1/(9*10).';
const TEL = 'Each term is 1/k - 1/(k+1), so the sum telescopes to 1 minus the last term, 1/9. Okay, so the sum is $\\frac{8}{9}$';
const END = ' Correcting this, the sum is $\\frac{9}{10}$.\n\nThe answer is $\\boxed{\\frac{9}{10}}$.';

test('96c: "so the sum is 8/9." before "Wait. ... what survives is -1/10, not -1/9." is a first answer', () => {
  const body = `${TEL}.\n\nWait. The last term is $\\frac{1}{9 \\cdot 10}$, so what survives is $-\\frac{1}{10}$, not $-\\frac{1}{9}$.${END}`;
  assert.deepEqual(values(QT2, body), ['\\frac{8}{9}', '\\frac{9}{10}']);
});

test('negative 96c: ", not only the odd ones" sets no value right; the conclusion before it stays a step', () => {
  const body = `${TEL}.\n\nWait. The sum runs over every term, not only the odd ones.${END}`;
  assert.deepEqual(values(QT2, body), ['\\frac{9}{10}']);
});

test('negative 96c: a correction right after an ellipsis ("8/9... wait, ..., not -1/9") catches a step in passing', () => {
  const body = `${TEL}... wait, what survives is $-\\frac{1}{10}$, not $-\\frac{1}{9}$.${END}`;
  assert.deepEqual(values(QT2, body), ['\\frac{9}{10}']);
});
