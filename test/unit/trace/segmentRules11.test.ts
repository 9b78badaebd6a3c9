// The eleventh pass's rules (docs/segmentation-eval.md), one short hand-written example each: every
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

test('a unit with a power ("m²", "m^2") after a result is a unit, not a variable', () => {
  const q = 'A garden measures 17 m by 9 m. A path 3 m wide runs around it. What is the area of the path, in square metres?';
  assert.deepEqual(
    values(q, 'Outer area: 23 × 15 = 345 m².\nInner area: 17 × 9 = 153 m².\nWith that, the area of the path is 345 − 153 = 192 m².'),
    ['192'],
  );
  assert.deepEqual(values(q, 'Outer: 23 x 15 = 345\nInner: 17 x 9 = 153\nPath: 345 - 153 = 192 m^2'), ['192']);
});

test('an ASCII arrow, a colon or "is" right after a computation gives its result when it ends the line', () => {
  const q = 'A school buys 15 projectors at $525 each. What is the total cost, in dollars?';
  assert.deepEqual(values(q, 'compute total\n525x10 = 5250\n525x5 = 2625\n5250 + 2625 -> $7875\nok'), ['7875']);
  assert.deepEqual(values(q, 'compute total\n525x10 = 5250\n525x5 = 2625\n5250 + 2625 ==> 7875 dollars\nok'), ['7875']);
  assert.deepEqual(values(q, 'compute total\n525x10 = 5250\n525x5 = 2625\n5250 + 2625: 7875\nok'), ['7875']);
  assert.deepEqual(values(q, 'compute total\n525x10 = 5250\n525x5 = 2625\n5250 + 2625 is 7875\nok'), ['7875']);
});

test('"answer" or "ans" before a value states it without a verb; "Our answer, then, is"; "To answer the question:"', () => {
  const q =
    'At a shop, mugs cost $6 each and rulers cost $1 each. Omar buys 3 mugs and 5 rulers. How much does Omar spend in total, in dollars?';
  assert.deepEqual(values(q, 'mugs: 3 * $6 => $18\nrulers: 5 * $1 => $5\nall: $18 + 5\nanswer $23\nok'), ['23']);
  assert.deepEqual(values(q, 'mugs: 3 * 6 = 18\nrulers: 5 * 1 = 5\n18 + 5\nfinal ans 23'), ['23']);
  assert.deepEqual(values(q, 'The mugs come to 3 × $6 and the rulers to 5 × $1, 18 and 5 dollars. Our answer, then, is $23. It adds up.'), [
    '23',
  ]);
  assert.deepEqual(values(q, 'Mugs are 3 × 6 dollars and rulers 5 × 1 dollars, which we add. To answer the question: $23.'), ['23']);
});

test('a pointer at a value ("= 2%  <- ans") marks it as the answer', () => {
  const q = 'A bus route was extended from 500 km to 520 km. What is the percentage increase in its length?';
  assert.deepEqual(
    values(q, 'inc = 520 - 500 = 10 km\n10/500 * 100 = 2%  <- ans\nforgot a carry\n520 - 500 = 20, not 10\n20/500 * 100 = 4%\nAnswer 4%.'),
    ['2%', '4%'],
  );
});

test('"it follows that", "we conclude that", "in other words", "that confirms" open a conclusion; "works out to" is a copula', () => {
  const q = 'How many positive divisors does 5000 have?';
  assert.deepEqual(
    values(
      q,
      'Write 5000 = 2^3 · 5^4.\n\nIt follows that the count is 4 · 5 = 20.\n\nLet me recount: exponents 3 and 4 give (3+1)(4+1), and we conclude that the count is 20.',
    ),
    ['20', '20'],
  );
  assert.deepEqual(
    values(
      'A mixture holds 5.4 L of acid in 15 L. What is the percentage of acid in the mixture?',
      'We divide 5.4 by 15 and scale by 100. Thus the percentage of acid works out to 36%.',
    ),
    ['36%'],
  );
});

test('a multiple of π is one value, and one the question quotes ("45π") is quoted', () => {
  const q = 'A cylinder has a diameter of 24 cm and a height of 22 cm. Find its volume, leaving your answer in terms of π.';
  assert.deepEqual(values(q, 'Radius: 24 ÷ 2 = 12 cm.\nBase area: π × 12² = 144π cm².\nWhich means the volume is 144π × 22 = 3168π cm³.'), [
    '3168π',
  ]);
  assert.deepEqual(
    values('A cylinder has volume 45π and radius 3. What is its height?', 'So 45π = 9πh, and so h = 5.\n\nCheck: π × 9 × 5 gives 45π.'),
    ['5'],
  );
});

test('terse leads: "so $7875", "so it\'s 110,806", "got 63 min", "-> 82" and percentages', () => {
  assert.deepEqual(
    values(
      'A school buys 15 projectors at $525 each. What is the total cost, in dollars?',
      '525x10 = 5250\n525x5 = 2625\ncalc 5250 + 2625\nso $7875',
    ),
    ['7875'],
  );
  assert.deepEqual(values('What is 5276 · 21?', "5276*20 = 105520\n5276*1 = 5276\nthen 105520 + 5276\nso it's 110,796"), ['110,796']);
  assert.deepEqual(
    values('5 bus trips took 46, 69, 49, 61, 90 minutes. What was the average trip time, in minutes?', 'sum 315\n315/5\ngot 63 min'),
    ['63'],
  );
  assert.deepEqual(values('The scores were 80, 86, 78, 84. What is the mean score?', 'add 80 + 86 + 78 + 84 = 328\nnow 328/4\n-> 82'), [
    '82',
  ]);
  assert.deepEqual(
    values('A price grew from 250 to 310. What is the percentage increase?', 'inc = 310 - 250 = 60\ncalc 60/250 x 100\nhence 24%'),
    ['24%'],
  );
});

test('"= 6 hours, so that\'s the time ..." ends the result as a sentence end does', () => {
  const q = 'Two cyclists are 1,170 km apart and ride toward each other at 90 km/h and 105 km/h. After how many hours do they meet?';
  assert.deepEqual(
    values(
      q,
      'Every hour the gap shrinks by 90 + 105 = 195 km. Now the arithmetic: 1,170 ÷ 195 = 6 hours, and that is the time until they meet.',
    ),
    ['6'],
  );
});

test('"how far", "how old is", "how long" / "how many hours ... take" name a distance, an age, a time', () => {
  assert.deepEqual(
    values(
      'Pipe A fills a tank in 20 hours and pipe B in 30 hours. If both are opened together, how many hours will it take to fill the tank?',
      'Together they fill 5/60 of the tank per hour. In other words, the time to fill the tank is 11 hours.\n\nWait, 60 divided by 5 is 12, not 11.\n\nAnswer: 12 hours.',
    ),
    ['11', '12'],
  );
  assert.deepEqual(
    values(
      'Two trains start 525 km apart and travel toward each other at 40 km/h and 65 km/h. How far from the first town do they meet?',
      'They close 105 km each hour and meet after 5 hours. So the distance the first train covers is 150 km.\n\nWait, 40 times 5 is 200, not 150.\n\nAnswer: 200 km.',
    ),
    ['150', '200'],
  );
  assert.deepEqual(
    values(
      "Clara is a third of her aunt's age. How old is Clara now?",
      "Solving gives s = 5. So Clara's age today is 6 years.\n\nWait, 20 divided by 4 is 5, not 6.\n\nAnswer: 5 years.",
    ),
    ['6', '5'],
  );
});

test('"Find its volume" names the volume', () => {
  assert.deepEqual(
    values(
      'A cylindrical vase has a diameter of 14 m and a height of 14 m. Find its volume in cubic metres, leaving your answer in terms of π.',
      'The radius is 14 m and the base area is 196π m². So the volume is 2744π m³.\n\nWait, the radius is half the diameter, 7 m, and the base area is 49π m².\n\nAnswer: 686π m³.',
    ),
    ['2744π', '686π'],
  );
});
