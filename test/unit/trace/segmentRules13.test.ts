// The thirteenth pass's rules (docs/segmentation-eval.md), one short hand-written example each: every
// one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record, values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

test('"27 miles from City A is the correct answer", "is indeed the right answer": the value before an answer cue may carry unit words and an adverb', () => {
  const q =
    'Cities A and B are 45 miles apart. Alicia bikes towards B at 18 miles per hour; Beth bikes toward A at 12 miles per hour. How many miles from City A will they be when they meet?';
  const body =
    'Together they close 30 miles each hour, so they meet after 45 / 30 = 1.5 hours.\n\nAlicia covers 1.5 * 18 = 27 miles in that time.\n\nWait, let me check with Beth: 1.5 * 12 = 18, and 45 - 18 = 27.\n\nI think 27 miles from City A is the correct answer.';
  const s = segmentAttempts(record(q, body), defaultSegmentOptions);
  // Before the rule nothing concluded strongly, so the time 1.5 was taken as a first candidate.
  assert.deepEqual(values(q, body), ['27']);
  // The final statement is read as an explicit answer (where the model leaves it).
  assert.equal(s.final?.rule, 'final-answer');
  assert.equal(body.slice(s.final!.start - 8, s.final!.end), 'I think 27');
  const adverb = segmentAttempts(
    record(q, body.replace('I think 27 miles from City A is the correct answer.', 'So 27 miles is indeed the right answer.')),
    defaultSegmentOptions,
  );
  assert.equal(adverb.final?.rule, 'final-answer');
  // An operation's words are no unit: "12 plus three is the answer" does not give 12.
  const t = segmentAttempts(
    record('What is 12 + 3?', 'We add them: 12 plus three is the answer we need, which is 15.'),
    defaultSegmentOptions,
  );
  assert.ok(!t.statements.some((st) => st.rule === 'final-answer' && st.value === '12'));
});

test('a case tested in words with numbers new to the record ("n = 6, sum is 18, not a cube") is new work even without a marker', () => {
  const q = 'What is the smallest positive perfect cube that can be written as the sum of three consecutive integers?';
  const body =
    'Three consecutive integers add up to three times the middle one, and 8 + 9 + 10 = 27, so the smallest such cube is 27.\n\nHowever, let me test small cases directly. Starting at 5, the sum is 18, not a cube. Starting at 6, the sum is 21, not a cube. Starting at 7, the sum is 24, not a cube.\n\nSo, it seems that 27 is indeed the smallest positive perfect cube that works.';
  assert.deepEqual(values(q, body), ['27', '27']);
  // A recap of values worked out before (a table, a summary) is no new work: one candidate.
  const recap =
    'Starting at 5, the sum is 18; at 6 it is 21; at 7 it is 24: none is a cube. And 8 + 9 + 10 = 27, so the smallest such cube is 27.\n\nSummary of the sums: 18, 21, 24 were not cubes.\n\nSo, it seems that 27 is indeed the smallest positive perfect cube that works.';
  assert.deepEqual(values(q, recap), ['27']);
  // Nor is a comment without numbers.
  assert.deepEqual(
    values(
      q,
      'And 8 + 9 + 10 = 27, so the smallest such cube is 27.\n\nThat agrees with the pattern I expected.\n\nSo, 27 is indeed the smallest one.',
    ),
    ['27'],
  );
});

test('a value judged the correct one of the asked quantity ("So, I think 8 is the correct count") concludes it; a verdict on anything else does not', () => {
  const q = 'How many positive perfect squares less than $2023$ are divisible by $5$?';
  const body =
    'Such a square is (5k)^2 = 25k^2, and 25k^2 < 2023 needs k^2 < 80.92, so k runs from 1 to 8.\n\nLet me list them: 25, 100, 225, 400, 625, 900, 1225, 1600.\n\nSo, I think 8 is the correct count.';
  const s = segmentAttempts(record(q, body), defaultSegmentOptions);
  assert.deepEqual(
    s.attempts.map((a) => [a.candidate.value, a.candidate.rule]),
    [['8', 'conclusion']],
  );
  // "the correct framing" names no asked quantity: nothing is concluded there.
  const framing = segmentAttempts(record(q, body.replace('8 is the correct count', '8 is the correct framing')), defaultSegmentOptions);
  assert.ok(!framing.statements.some((st) => st.rule === 'conclusion' && st.value === '8'));
});

test('a result line ending in a unit word ("= 204 minutes") reached again through new work is an echo, as one ending in its value is', () => {
  const q =
    'Aya walks 9 km at 3 km/h and spends t = 24 minutes in a coffee shop. Find the number of minutes the walk takes her, including the t minutes.';
  const body =
    'Walk time = 9/3 = 3 hours.\n\nTotal time = 3*60 + 24 = 180 + 24 = 204 minutes\n\nBut let us verify the walk: 3 * 3 = 9 km, as given.\n\nTotal time = 180 + 24 = 204 minutes\n\nSo, the answer should be 204 minutes.';
  assert.deepEqual(values(q, body), ['204', '204']);
  // Words that go on after the value ("minutes for the whole trip, if ...") do not end the line.
  assert.deepEqual(values(q, body.replace('204 minutes\n\nBut', '204 minutes for the whole trip, if the speed is right.\n\nBut')), ['204']);
});

test('a product giving a figure\'s dimensions ("on an $8\\times 8$ grid", "a 3 x 3 board") is not a product asked for', () => {
  const grid = analyzeQuestion(
    'Consider the paths of length $16$ from the lower left corner to the upper right corner on an $8\\times 8$ grid. Find the number of such paths that change direction exactly four times.',
  );
  assert.equal(grid.scale, undefined);
  assert.ok(!grid.nouns.includes('product'));
  assert.equal(analyzeQuestion('How many squares of any size are on a 3 x 3 board?').scale, undefined);
  // A product asked for is still one.
  assert.equal(analyzeQuestion('What is 83 x 97,837?').scale, 83 * 97837);
  assert.equal(analyzeQuestion('Compute $12 \\times 15$.').scale, 180);
});

test('a value after a comparison sign ("u_i >= 1", "the count is \\geq 1", "a \\le 1") is a bound, not a value stated', () => {
  const q = 'How many ordered triples of positive integers sum to 8?';
  const body =
    'Each part must be positive, so each u_i >= 1.\n\nThe number of solutions is C(7,2) = 21.\n\nSo there are 21 ordered triples.\n\nWait, also need u_i \\le 6: since the other two are \\geq 1, each u_i \\le 6. Indeed that holds, so the count is \\geq 1.';
  assert.deepEqual(values(q, body), ['21']);
  // A value stated plainly in the same place still concludes (here it corrects the 21).
  assert.deepEqual(values(q, body.replace('so the count is \\geq 1.', 'so the count is 22.')), ['22']);
});

test('a clause naming the asked quantity in words, then a colon and a value that ends it ("the price of 21 pencils: $30.45"), states it', () => {
  const q = 'Twelve pencils cost $17.40. What is the price of 21 pencils?';
  const body =
    'One pencil costs $17.40 / 12 = $1.45. So now it is just 21 times $1.45. That tells us the price of 21 pencils: $30.45.\n\nLet me double-check: 20 pencils cost $29.00 and one more is $1.45, so the price of 21 pencils is $30.45.';
  assert.deepEqual(values(q, body), ['30.45', '30.45']);
  const colonAt = (query: string, text: string, value: string): boolean =>
    segmentAttempts(record(query, text), defaultSegmentOptions).statements.some(
      (st) => st.value === value && st.strength === 3 && text.slice(st.start - 3, st.start).includes(':'),
    );
  // A computation before the colon gives its result; a decimal is no count.
  assert.ok(
    !colonAt(
      'A school trip has 66 students and 4 teachers; a bus seats 40. How many buses are needed?',
      'The headcount is 70. We need the raw bus count, which is 70 divided by 40: 1.75. Rounding up, 2 buses.',
      '1.75',
    ),
  );
  // A clause with math in it may name another expression: "the remainder of $6^{360}$: $1$".
  assert.ok(
    !colonAt(
      'Find the remainder when $6^{360} + 8^{27}$ is divided by $11$.',
      'By Fermat, $6^{10} \\equiv 1$. Hence, the remainder of $6^{360}$: $1$. Then $8^{27} \\equiv 2$, so the remainder is $3$.',
      '1',
    ),
  );
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test(
  "the thirteenth pass's patterns on 100 KB adversarial bodies of their own pieces, and on 400 KB of restatements: segmentation completes",
  { timeout: 120_000 },
  () => {
    runCase(segmentationCases.rules13);
    runCase(segmentationCases.rules13restatements);
  },
);

test('a re-derivation in symbols ("the planes 2x - 3y = 0 and 3y + z = 0") between two statements of the answer is new work', () => {
  const q =
    'The set of points $(x,y,z)$ with $2x = 3y = -z$ is a line, and so is the set with $6x = -y = -4z$. Find the angle between these lines, in degrees.';
  const body =
    'Direction vectors (3, 2, -6) and (1, -6, -4): the dot product is 3 - 12 + 24 = 15. Hmm, recompute: 3*1 + 2*(-6) + (-6)*(-4) = 3 - 12 + 24 = 15.\n\nWait, the second vector is (2, -12, -3): 6 - 24 + 18 = 0, so the angle is 90 degrees.\n\nThus answer: 90.\n\nI should double-check: the first line is where the planes 2x - 3y = 0 and 3y + z = 0 meet, both through the origin, and likewise for the second. So the direction vectors stand.\n\nThus answer: \\boxed{90}.';
  assert.deepEqual(values(q, body), ['90', '90']);
  // Words alone re-examine nothing: one candidate.
  assert.deepEqual(
    values(
      q,
      body.replace(
        'the first line is where the planes 2x - 3y = 0 and 3y + z = 0 meet, both through the origin, and likewise for the second',
        'is there any subtlety? No, both lines pass through the origin',
      ),
    ),
    ['90'],
  );
});

test('a number times a named quantity worked out ("3 * side = 21 => side = 7") is new work too', () => {
  const q =
    'A regular hexagon can be divided into six equilateral triangles. If the perimeter of one of the triangles is 21 inches, what is the perimeter, in inches, of the regular hexagon?';
  const body =
    'Each triangle has side 21/3 = 7, and the hexagon has six such sides, so the perimeter of the hexagon is 42 inches.\n\nLet us double-check: perimeter of triangle = 3 * side = 21 => side = 7. Perimeter of hexagon = 6 * side = 42.\n\nSo answer is 42.';
  assert.deepEqual(values(q, body), ['42', '42']);
});
