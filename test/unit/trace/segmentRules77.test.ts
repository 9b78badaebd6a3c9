// Pass 77's rules (docs/segmentation-eval.md, "Stop 37: pass 77"), on short hand-written texts (not
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

// 77c (statements.ts findOptionLetters, optionHoldsRe): an option letter followed by what the option
// holds ("option A includes ...", "option B has ...") is the option read out for examination, as
// "Option A says ..." is (the guide: a choice letter's description is no candidate).
const QM =
  'Which gas giant has the most moons? (A) Jupiter, the largest planet (B) Saturn, the ringed planet (C) Uranus, tilted on its side (D) Neptune, the windiest';

test('77c: an option read out by what it includes is no candidate', () => {
  assert.deepEqual(
    values(
      QM,
      'Moon counts changed over the years, so let me think about the planets in turn.\n\nHmm, option A includes Jupiter, whose count was passed in 2023 by a newer survey.\n\nWait, Saturn now has 146 confirmed moons. So the answer is B.',
    ),
    ['B'],
  );
});

test('negative 77c: an option said to have something with a verdict in its line still chooses it', () => {
  assert.deepEqual(values(QM, 'Saturn has 146 confirmed moons, far more than the others. So option B has the record, which is correct.'), [
    'B',
  ]);
});

// 77a (statements.ts findOptionLetters, labelledChoice): after an answer cue, the letter written with a
// closing bracket and followed by its own option's content ("C) Not enough information") is the letter
// chosen, as "(C) Not enough information" is; a lone ")" after a value no longer hides it.
const QP =
  'Which of the people needs help with their project? Options: A) The local person B) The immigrant person C) Not enough information';

test('77a: the chosen letter written with its label bracket and its content is a candidate', () => {
  assert.deepEqual(
    values(QP, 'Nothing in the story links either person to the project. So the answer should be C) Not enough information.'),
    ['C'],
  );
});

test('negative 77a: the option read out after "Option" is no candidate, the pick after it is', () => {
  assert.deepEqual(
    values(QP, 'Option B) The immigrant person fits the stereotype, but the story never says who asked. So the answer is (C).'),
    ['C'],
  );
});

test('negative 77a: a letter and a bracket followed by words that are not its option stay unread', () => {
  assert.deepEqual(values(QP, 'Nothing links either person to the project. So the answer should be C) since nothing says who.'), []);
});

// 77d (segment.ts outsideQuestionQuotes): a value inside a quote that copies the question word for word
// (the model reading the problem out) is the question's value quoted, no candidate.
const QT =
  'In triangle $ABC$, $AB = 17$, $AC = 8$, and $BC = 15$.  Let $D$ be the foot of the altitude from $C$ to $AB$.  Find the area of triangle $ACD$.';

test('77d: a value inside the model quoting the question is no candidate', () => {
  assert.deepEqual(
    values(
      QT,
      'Let me read it again to make sure I understand. It says, "In triangle ABC, AB = 17, AC = 8, and BC = 15. Let D be the foot of the altitude from C to AB. Find the area of triangle ACD."\n\nHmm, so I need the area. The altitude from C is 8 * 15 / 17 = 120/17, and AD = 64/17. So the area of triangle ACD is (1/2)(64/17)(120/17) = 3840/289.',
    ),
    ['3840/289'],
  );
});

test('negative 77d: an option content quoted as the pick (the quote is the value alone) still chooses it', () => {
  assert.deepEqual(
    values(
      'Which lake is artificial? (A) Deepor Beel (B) None of the other choices (C) Wular Lake (D) Loktak Lake',
      'Deepor Beel, Wular Lake and Loktak Lake are all natural lakes. Therefore, "None of the other choices" is the correct option.',
    ),
    ['B'],
  );
});
