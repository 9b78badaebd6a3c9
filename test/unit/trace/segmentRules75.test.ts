// Pass 75's rule (docs/segmentation-eval.md, "Stop 36: pass 75"), on short hand-written texts (not
// taken from the development sets), with negative cases for its limits.
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

// 75n (statements.ts findOptionLetters, optionNamedRe): "Option C is Darwin" names what option
// C holds (a capitalized name after "is" that is no verdict): the option read out for examination,
// not chosen (docs/annotation-guide.md: a choice letter's description is no candidate).
const QS =
  'Who was the first person to win Nobel Prizes in two different sciences? A. Isaac Newton B. Marie Curie C. Charles Darwin D. Niels Bohr';

test('75n: options named by their contents one after another are read out, only the pick is a candidate', () => {
  assert.deepEqual(
    values(
      QS,
      'Newton lived long before the prizes existed. Option C is Darwin, a naturalist who won no Nobel Prize.\n\nWait, option D is Bohr, who won only physics.\n\nHmm, Curie won physics in 1903 and chemistry in 1911. So the answer is B.',
    ),
    ['B'],
  );
});

test('negative 75n: a verdict after "is" still judges the option, and "is the ..." is no name', () => {
  const work = 'Bohr, Darwin and Newton won no two.\n\nWait, Curie won physics in 1903 and chemistry in 1911. ';
  // The verdict ends the first attempt; the answer after the marker is a second.
  assert.deepEqual(values(QS, `Option B is Correct.\n\nWait, ${work}So the answer is B.`), ['B', 'B']);
  assert.deepEqual(values(QS, `Option B is the one.\n\nWait, ${work}So the answer is B.`), ['B', 'B']);
});
