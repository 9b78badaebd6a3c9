// Pass 90's rules (docs/segmentation-eval.md, "Stop 40: pass 90"), on short hand-written texts (not
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

// 90d (question.ts countedPredicate, statements.ts findCountedPredicates): a "how many" question asked
// with a predicate word ("How many jars are left?", "How many vans are needed?") is answered by the
// value with the counted noun and that word ("there are 14 jars left", "9 vans are needed"): a
// conclusion about the asked count, as "the number of jars left is 14" is.
const QJ = 'A shop had 60 jars of jam. It sold 3 boxes of 12 jars and gave away 5 jars. How many jars are left?';

test('90d: "there are N jars left" states the asked count, so a first count later corrected is a candidate', () => {
  const body =
    'Three boxes of 12 is 36 jars sold. Taking 60 minus 36, there are 24 jars left.\n\nHmm, wait, I forgot the 5 jars given away. 36 plus 5 is 41 gone, so 60 - 41 = 19.\n\nSo 19 jars are left.';
  assert.deepEqual(values(QJ, body), ['24', '19']);
});

test('90d: "N vans are needed" states the asked count', () => {
  const q = '130 runners and 12 volunteers travel to a race. Each van seats 16 people. How many vans are needed?';
  const body =
    'That is 142 people. Dividing, 142 / 16 gives 8.875, and rounding that down, 8 vans are needed.\n\nWait, 8 vans seat only 128, so some people would be left behind. Rounding up instead, 9 vans are needed.';
  assert.deepEqual(values(q, body), ['8', '9']);
});

test('negative 90d: the counted noun with another predicate ("36 jars are sold") is no answer', () => {
  const body = 'Three boxes of 12 is 36, so 36 jars are sold.\n\nWith the 5 given away, 60 - 36 - 5 = 19.\n\nSo 19 jars are left.';
  assert.deepEqual(values(QJ, body), ['19']);
});

// 90b (question.ts partWords, statements.ts nounUse / partBefore): the asked noun right after a word the
// question writes only outside its asking sentence ("the rectangle area" for "What is the total area of
// the sign?", "the driving time" for "How many hours does the whole trip take?") is the noun of a part,
// a sub-result (the guide: an intermediate quantity is no candidate), as "the area of the rectangle" is.
const QS =
  'A sign is shaped like a rectangle 20 cm wide and 30 cm tall with a triangle on top. The triangle has the full 20 cm top edge as its base and a height of 12 cm. What is the total area of the sign?';

test('90b: "the rectangle area" names a part of the asked area: no candidate', () => {
  const body =
    'First, the rectangle area is 20 × 30 = 600 cm².\n\nHmm, that is only one part of the sign.\n\nThe triangle area is 1/2 × 20 × 12 = 120 cm². So the total area is 600 + 120 = 720 cm².';
  assert.deepEqual(values(QS, body), ['720']);
});

test('negative 90b: the asked noun after a word of the asking sentence ("the sign area") still names the answer', () => {
  const body =
    'The sign area is 20 × 30 + 20 × 12 = 840 cm².\n\nWait, the triangle is half of 20 × 12, so 120 cm². So the total area is 600 + 120 = 720 cm².';
  assert.deepEqual(values(QS, body), ['840', '720']);
});

test('negative 90b: where the asking sentence refers back ("What is its area?"), "the rectangle\'s area" names the asked area', () => {
  const q = 'A rectangle has a length of 12 cm and a width of 5 cm. What is its area?';
  const body = "The rectangle's area is 12 × 5 = 50 cm².\n\nWait, 12 × 5 is 60, not 50. So the rectangle's area is 60 cm².";
  const st = segmentAttempts(record(q, body), { ...defaultSegmentOptions, reader: 'rules' }).statements.filter(
    (s) => s.value === '60' && s.rule === 'conclusion',
  );
  assert.equal(st.length, 1);
  assert.equal(st[0].aboutTarget, true);
});

// 90g (question.ts impliedNounRe, timeUnitCountedRe): "After how many hours will they meet?" asks a
// time, with any verb: "the time until they meet" names it, and a fraction of an hour is no broken
// count ("2.5 hours"), so a first time later corrected is a candidate.
const QT = 'Two trains leave towns 450 km apart and travel toward each other at 80 km/h and 70 km/h. After how many hours will they meet?';

test('90g: "the time until they meet is ... 2.5 hours" for "After how many hours ...?" is a candidate', () => {
  const body =
    'Together they close 80 + 70 = 150 km each hour. So the time until they meet is 450 ÷ 150 = 2.5 hours.\n\nDoes it work? In 2.5 hours they cover 200 km and 175 km. Wait, that is off: together that is 375 km, not 450 km. The slip was in the division. So the time until they meet = 450 ÷ 150 = 3 hours.\n\nIn summary, the answer is 3 hours.';
  assert.deepEqual(values(QT, body), ['2.5', '3']);
});

test('negative 90g: a counted "how many" question still reads a decimal as no count ("the bus count is 7.48")', () => {
  const q = '130 runners and 12 volunteers travel to a race. Each bus seats 16 people. How many buses does the club book?';
  const body = 'That is 142 people, and 142 / 16 = 8.875, so the bus count is 8.875.\n\nRounding up, the number of buses is 9.';
  assert.deepEqual(values(q, body), ['9']);
});

// 90r (question.ts asksRate, statements.ts Context.add): a value with "per" and a noun after it ("$35 per
// year", "0.0039 per minute") is a rate on the way where the asking sentence asks no rate or share (no
// "per", "each", "every", "average", "rate", "speed", "how fast", "one", "unit", ...): no statement (the
// guide: an intermediate quantity is no candidate).
test('90r: "$350 ÷ 10 = $35 per year" in a check of a ten-year total is no candidate', () => {
  const q =
    'Lena deposits $1000 in a savings account that pays 3.5% simple interest per year. How much interest will the account earn in ten years?';
  const body =
    'Each year the account earns 3.5% of $1000, which is $35. Over ten years that is $35 × 10. Therefore, the total interest comes out to $350.\n\nLet us see whether this agrees with the problem. Suppose the interest over the ten years really is $350. Spread over ten years, that is $350 ÷ 10 = $35 per year. And $35 out of $1000 is exactly 3.5%, the rate in the problem. Everything is consistent, and the interest earned over ten years is $350.';
  assert.deepEqual(values(q, body), ['350']);
});

test('negative 90r: "$20 per person" answers "How much does each person pay?"', () => {
  const q = 'Five friends share a dinner bill of $84.50 and a tip of $15.50 equally. How much does each person pay?';
  const body = 'Together the bill and the tip make $84.50 + $15.50, or $100 in all. Split five ways, $100 ÷ 5 = $20 per person.';
  assert.deepEqual(values(q, body), ['20']);
});
