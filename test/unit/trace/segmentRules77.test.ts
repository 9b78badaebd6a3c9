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
