// Pass 94's rules (docs/segmentation-eval.md, "Stop 41: pass 94"), on short hand-written texts (not
// taken from the development sets or families), each with a negative case for its limits.
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

// 94a (statements.ts findWords): a count asked in words is answered by a number word; one that starts
// with t or f ("twenty-three", "fifteen", "two") was skipped as if it were a lower-case "true" / "false"
// with no verdict's subject, so only the words in other letters ("nineteen", "eleven") were read.
const QW = 'A farmer had 52 eggs. He sold 18 and 11 broke. How many eggs are left? Write the answer in words.';

test('94a: "the eggs left are twenty-four" answers a count asked in words, a first answer later corrected', () => {
  const body =
    'Eggs gone: 18 + 11 = 28. So the number of eggs left is twenty-four.\n\nWait, 18 + 11 is 29, not 28. So the number of eggs left is twenty-three.';
  assert.deepEqual(values(QW, body), ['twenty-four', 'twenty-three']);
});

test('94a: "five" and "fifteen" are read as "nine" is', () => {
  const q = 'There are 20 birds on a wire and 5 fly away. How many birds remain? Give the number in words.';
  const body = 'Twenty take away five: so the number of birds is five.\n\nHmm, no, that is what flew away. So the answer is fifteen.';
  assert.deepEqual(values(q, body), ['five', 'fifteen']);
});

test('negative 94a: a lower-case "true" without a verdict subject stays unread', () => {
  const q = 'True or false: 91 is a prime number.';
  const body = 'Check 7: 7 × 13 = 91, so it is true that 91 has a factor 7. The statement is false.';
  assert.deepEqual(values(q, body), ['false']);
});

// 94c (statements.ts conclusionRe): "which makes" closes a computation as "which gives" does
// ("2,310 + 840, which makes 3,150"), a terse note's result line ("which makes 930 g").
const QM = 'A crate holds 14 boxes of 165 g and 6 bags of 240 g. What is the total mass in grams?';

test('94c: "which makes N" states a result, so a first total later corrected is a candidate', () => {
  const body = '14 × 165 = 2310\n6 × 240 = 1240\nwhich makes 3550 g\nhmm, 6 × 240 is 1440, not 1240\n2310 + 1440 = 3750 g';
  assert.deepEqual(values(QM, body), ['3550', '3750']);
});

test('negative 94c: "which makes sense" reads no value', () => {
  const body = '14 × 165 = 2310 g and 6 × 240 = 1440 g, which makes sense for small boxes.\n\nSo the total mass is 3750 g.';
  assert.deepEqual(values(QM, body), ['3750']);
});

// 94d (statements.ts Context.labelledPart): a value labelled after it as a part's result ("$96 for
// the pens' cost", "$240 for the second stretch") is a sub-result, not the asked quantity (the guide:
// an intermediate quantity is no candidate), unless the label names the asked one ("for the total").
const QB = 'Omar buys 12 pens at $3 each and 20 folders at $4 each. How much does he pay?';

test('94d: "which gives $36 for the pen cost" is a part of the bill, no candidate', () => {
  const body =
    'Twelve pens at $3 each, which gives $36 for the pen cost.\n\nHmm, let me slow down here.\n\nTwenty folders at $4 each is $80. So Omar pays $116.';
  assert.deepEqual(values(QB, body), ['116']);
});

test('negative 94d: a value labelled "for the total" still answers', () => {
  const body =
    'Twelve pens at $3 is $36 and twenty folders at $4 is $80, which gives $106 for the total.\n\nWait, 36 + 80 is 116. So Omar pays $116.';
  assert.deepEqual(values(QB, body), ['106', '116']);
});

// 94f (segment.ts doubtRe): a marker that admits a slip in the first person ("Oops, I forgot the
// shipping", "My mistake: ...", "I see the problem") doubts the conclusion right before it, as "I made
// a mistake" does: that conclusion was adopted and then corrected, a candidate.
const QO = 'I am buying 3 lamps at $24 each, and delivery is a flat $9. How much do I pay altogether?';

test('94f: "So it comes to $72." before "Oops, I forgot the delivery" is a first answer', () => {
  const body =
    'Three lamps: 3 × $24 = $72. So it comes to $72.\n\nOops, I forgot the $9 delivery. With it: $72 + $9 = $81.\n\nYou pay **$81**.';
  assert.deepEqual(values(QO, body), ['72', '81']);
});

test('negative 94f: "maybe there is a mistake" after "Alternatively" is no admission; the conclusion before it stays a step', () => {
  const body =
    'Three lamps at $24 each. So it comes to $72.\nAlternatively, maybe there is a mistake in how I read the delivery. With it: $72 + $9 = $81.\n\nYou pay **$81**.';
  assert.deepEqual(values(QO, body), ['81']);
});

// 94g (segment.ts lastWordAfterCorrection): the text's last word, a weak result ("So 240 / 4 = 60
// seconds.") in the segment after a marker that went back on an attempt, is the corrected attempt's
// result though no explicit answer states its value; not a check's verdict on a step ("... = 120.
// Yes.") and not a text cut off inside the expression.
const QL = "A runner's lap times were 62, 58, 65 and 55 seconds. What is the mean lap time?";

test('94g: "So 240 / 4 = 60 seconds." closing the text after a correction is its last answer', () => {
  const body =
    'Sum: 62 + 58 + 65 + 55 = 240. Divided by 5, so the mean lap time is 48 seconds.\nWait, there are 4 laps, not 5.\nSo 240 / 4 = 60 seconds.';
  assert.deepEqual(values(QL, body), ['48', '60']);
});

test('negative 94g: a re-checked step confirmed at the end ("... = 120. Yes, that part is right.") is no answer', () => {
  const body =
    'Sum: 62 + 58 + 65 + 55 = 240. Divided by 4, so the mean lap time is 60 seconds.\nWait, let me double-check the sum: 62 + 58 = 120. Yes, that part is right.';
  assert.deepEqual(values(QL, body), ['60']);
});

test('negative 94g: a text cut off inside the expression ("So 240 / 4 = (60") reached no answer', () => {
  const body =
    'Sum: 62 + 58 + 65 + 55 = 240. Divided by 5, so the mean lap time is 48 seconds.\nWait, there are 4 laps, not 5.\nSo 240 / 4 = (60';
  assert.deepEqual(values(QL, body), ['48']);
});

// 94h (segment.ts usedAfterConfirmedDoubt): a weak value that a hesitation right after it doubts and at
// once confirms ("Wait, am I mixing up the numbers? No, that is fine.") and the work then computes
// with ("Last step: $460 minus $85") is a step the model keeps, not an attempt it went back on.
const QA = 'Ana saves $60 a month for 3 months and $70 a month for 4 months, then spends $85 on a coat. How much does she have left?';

test('94h: "$460. Wait, ...? No, that is fine. Last step: $460 minus $85" leaves $460 a step', () => {
  const body =
    'Three months at $60 is $180 and four months at $70 is $280. $180 plus $280 comes to $460. Wait, am I mixing up the numbers? No, that is fine. Last step: $460 minus $85 is $375. So Ana has $375 left.';
  assert.deepEqual(values(QA, body), ['375']);
});

test('94h: "So she has $460 before the coat. Hold on, is that right? Yes, ..." then computing with it: a step', () => {
  const body =
    'Three months at $60 is $180 and four months at $70 is $280. So she has $460 before the coat. Hold on, is that right? Yes, both stretches are in. So Ana has $460 minus $85, which is $375 left.';
  assert.deepEqual(values(QA, body), ['375']);
});

test('negative 94h: a doubt answered "No, I missed a month" goes back on the value before it', () => {
  const body =
    'The savings come to $460 - $85 = $375. Hold on, is that right? No, I missed a month. Redo: $60 × 4 = $240 ... so $240 + $280 - $85 = $435.';
  assert.deepEqual(values(QA, body), ['375', '435']);
});
