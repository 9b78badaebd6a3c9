// Pass 78's rules and parsing fixes (docs/segmentation-eval.md, "Stop 37: pass 78"), on short
// hand-written texts (not taken from the families), with negative cases for their limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAnswer, normalizedEqual } from '../../../server/src/trace/answers.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

const QM = 'Which of these metals is liquid at room temperature? A) Iron B) Copper C) Mercury D) Zinc';

// Parsing fix: a harmony analysis message ends at <|end|>; a thinking block's end closes a letter's sentence.
test('78 (parsing): a letter chosen right before <|end|> or </think> is read', () => {
  assert.deepEqual(
    values(
      QM,
      '<|channel|>analysis<|message|>Iron and zinc are solid, copper too.\nMercury melts at -39 C.\nSo the answer is C.<|end|><|start|>assistant<|channel|>final<|message|>C) Mercury',
    ),
    ['C'],
  );
  assert.deepEqual(values(QM, '<think>Iron, copper and zinc are solid.\nMercury melts at -39 C.\nSo the answer is C.</think>\nMercury.'), [
    'C',
  ]);
});

test('negative 78 (parsing): an option entry "C. Mercury ..." inside the block is still a label', () => {
  assert.deepEqual(values(QM, '<think>The options:\nSo C. Mercury is a metal, we will see.\nIt melts at -39 C.\n</think>\nAnswer: C'), [
    'C',
  ]);
});

// 78b: an option chosen after a conclusion's lead ends its sentence before a new one.
test('78b: "Hence choose C." and "Still C." followed by a new sentence are picks', () => {
  assert.deepEqual(
    values(
      QM,
      'Iron: solid. Copper: solid.\nMercury: melts at -39 C.\nHence choose C. Let me verify again.\nMercury is the one metal that melts below 0 C, while zinc melts at 420 C. Still C. Done.',
    ),
    ['C', 'C'],
  );
  assert.deepEqual(values(QM, 'Mercury melts at -39 C, the others are solid.\nI am going with C. That settles it.'), ['C']);
});

test('negative 78b: "we choose A to be ..." names no pick', () => {
  assert.deepEqual(values(QM, 'Let we choose A to be the first case. Iron is solid.\nMercury melts at -39 C.\nSo the answer is C.'), ['C']);
});

// 78c: the pick restated after a re-check marker that goes over the chosen option by its own words is an echo.
test('78c: a re-check that goes over the chosen option by name gives an echo', () => {
  assert.deepEqual(
    values(
      QM,
      'Iron and copper are solid; zinc too.\nSo the answer is C.\nLet me double-check. Mercury: its melting point is about -39 C, far below room temperature. So the answer is C.',
    ),
    ['C', 'C'],
  );
});

test('negative 78c: a bare confirmation, or another method, merges', () => {
  assert.deepEqual(
    values(QM, 'Iron and copper are solid; zinc too.\nSo the answer is C.\nLet me double-check. Yes, C is right. So the answer is C.'),
    ['C'],
  );
  assert.deepEqual(
    values(
      QM,
      'Iron and copper are solid; zinc too.\nSo the answer is C.\nAlternatively, maybe mercury is a trick and I am not sure at all about it. So the answer is C.',
    ),
    ['C'],
  );
});

// 78a (parsing): a list of verdicts is one value.
const QP =
  'Statement 1 | Every square is a rectangle. Statement 2 | Every rectangle is a square. For each statement, say whether it is true or false.';

test('78a (parsing): "the answer is True, False" is the whole list', () => {
  assert.deepEqual(
    values(QP, 'A square has four right angles, so 1 holds. A 2 by 3 rectangle is no square.\nSo the answer is True, False.'),
    ['True, False'],
  );
});

test('negative 78a: a verdict followed by other words is one verdict', () => {
  assert.deepEqual(values('True or false: 91 is prime.', '91 = 7 × 13.\nSo the statement is false, as 7 divides it.'), ['false']);
});

// 78d (parsing): statements labelled I, II, III with no options are answered by the set of labels.
const QR = 'Which of the following statements are true? I. 49 is a square. II. 51 is prime. III. 64 is a cube. List every true statement.';

test('78d (parsing): "the answer is I and III" is read as the set', () => {
  assert.deepEqual(values(QR, '49 = 7^2, true. 51 = 3 × 17, false. 64 = 4^3, true.\n\nSo the answer is I and III.'), ['I and III']);
});

test('negative 78d: the pronoun "I" is no label', () => {
  assert.deepEqual(values(QR, 'I think the answer is I only. No wait, 64 = 4^3.\nSo the answer is I and III.'), ['I only', 'I and III']);
});

// 78g (parsing): options that are sets of the statements make single-answer multiple choice.
test('78g (parsing): "which statements are true" with options "I only ... I and III" picks one letter', () => {
  const q = `${QR.replace(' List every true statement.', '')} (A) I only (B) II only (C) I and III (D) II and III`;
  assert.deepEqual(values(q, '49 = 7^2, true. 51 = 3 × 17, false. 64 = 4^3, true.\nSo the true ones are I and III, which is option C.'), [
    'C',
  ]);
});

// 78h (matching): square inches are a unit like square centimetres.
test('78h (matching): "70 in^2" and "70 in²" normalize as "70 cm^2" does', () => {
  assert.ok(normalizedEqual(normalizeAnswer('70 in^2'), normalizeAnswer('70')));
  assert.ok(normalizedEqual(normalizeAnswer('70 in²'), normalizeAnswer('70')));
  assert.ok(!normalizedEqual(normalizeAnswer('70 in'), normalizeAnswer('70')), 'plain "in" stays a word');
});

// 78i (parsing): a compass direction or a count in words is a word answer.
test('78i (parsing): a direction and a number word are read', () => {
  assert.deepEqual(
    values(
      'A robot faces north. It turns 90° clockwise twice. Which direction does it face now?',
      'North, then east, then south.\nSo the final direction is south.',
    ),
    ['south'],
  );
  assert.deepEqual(
    values('Ada had 12 pens and gave away 5. How many pens are left? Write the answer as a word.', '12 − 5 = 7.\nSo the answer is seven.'),
    ['seven'],
  );
});

// 78j: "equals", "leaves", an arrow, "gives ... as" before a word answer in a concluding clause.
test('78j: a word answer after "equals" or "gives ... as" is stated', () => {
  const q = 'Today is Monday. What day of the week will it be 10 days from today?';
  assert.deepEqual(values(q, '10 = 7 + 3, and 3 days after Monday.\nSo the day of the week equals Thursday.'), ['Thursday']);
  assert.deepEqual(values(q, '10 = 7 + 3, and 3 days after Monday.\nThat gives the day of the week as Thursday.'), ['Thursday']);
});

test('negative 78j: "as" without "gives" in the clause reads nothing', () => {
  const q = 'Today is Monday. What day of the week will it be 10 days from today?';
  assert.deepEqual(values(q, 'So it is the same weekday as Monday in a week, plus 3.\nThe answer is Thursday.'), ['Thursday']);
});

// 78k (parsing): an exact value asked is read whole as a closed form.
test('78k (parsing): "\\frac{\\pi}{2}-1" and "e-2" are read whole', () => {
  assert.deepEqual(
    values(
      'Compute $\\int_0^{\\pi/2} x\\sin x\\,dx$ exactly.',
      'By parts, $[-x\\cos x]_0^{\\pi/2} + [\\sin x]_0^{\\pi/2}$.\nSo the integral is $1$.',
    ),
    ['1'],
  );
  assert.deepEqual(
    values(
      'Compute $\\int_0^{\\pi/2} (1 - \\sin x)\\,dx$ exactly.',
      'The antiderivative is $x + \\cos x$.\nSo the integral is $\\frac{\\pi}{2}-1$.',
    ),
    ['\\frac{\\pi}{2}-1'],
  );
  assert.deepEqual(
    values('Find the exact value of $\\int_0^1 (e^x - 1)\\,dx$.', 'The antiderivative is $e^x - x$.\nSo the integral is $e-2$.'),
    ['e-2'],
  );
});

test('negative 78k: a question that says "exactly" inside is not an exact-value question', () => {
  assert.deepEqual(
    values('In how many ways can 5 be written as a sum of exactly two positive integers?', '1+4, 2+3.\nSo the number of ways is 2.'),
    ['2'],
  );
});
