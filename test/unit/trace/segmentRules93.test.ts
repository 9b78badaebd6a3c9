// Pass 93's rules (docs/segmentation-eval.md, "Stop 41: pass 93"), on short hand-written texts (not
// taken from the development sets), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { sentenceBoundaries } from '../../../server/src/trace/statements.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// 93a (statements.ts sentenceBoundaries, scanSentence): a full stop inside a closing quote ends its
// sentence at both sides: the sentence after it starts after the quote. The end already did; the
// start did not, so "The answer is (B)." after a quoted option that says "if" read as tried.
const QW =
  'Which sentence says that the picnic is cancelled by rain? A) The picnic goes ahead in any weather. B) If it rains, the picnic is off. C) The picnic is held indoors.';

test('93a: the answer after a quoted sentence ending in ." is not tried by an "if" inside the quote', () => {
  assert.deepEqual(values(QW, 'The statement can be read as "If it rains, the picnic is off." The answer is (B).'), ['B']);
});

test('negative 93a: an "if" of the answer\'s own sentence still tries it', () => {
  assert.deepEqual(values(QW, 'If we read "rain" as "any weather", then maybe the answer is (A)'), []);
});

test('93a: sentenceBoundaries starts a sentence after ." and a blank, as it ends one there', () => {
  const t = 'He said "it rains." Then we left.';
  const { starts, ends } = sentenceBoundaries(t, 0, t.length);
  assert.ok([...ends].includes(t.indexOf('."')));
  assert.ok([...starts].includes(t.indexOf('." ') + 2));
});

// 93b (statements.ts withSummaryVerbalResults, segment.ts): the value the summary after the thinking
// block concludes is one the response concludes: a result of arithmetic in words inside the block
// ("450 - 36 is 414.") is a result line, as it is for a value the block concludes strongly (pass 28's
// findVerbalResults). A sub-step in words whose result is not the summary's value stays a step.
const QB = 'A farm has 450 apples and sells 36 of them. How many apples does the farm keep?';
const BLOCK = (mid: string): string =>
  `<think>\nThe farm starts with 450 apples and sells 36. That would be 450 minus 36. Let me subtract: ${mid}\n\nWait, let me double-check that. 450 - 30 = 420 and 420 - 6 = 414. So the farm keeps 414 apples.\n</think>\n\nThe farm keeps 450 - 36 = 414 apples.\n\nAnswer: 414`;

test('93b: a result in words inside the block, of the value the summary concludes, is a candidate', () => {
  assert.deepEqual(values(QB, BLOCK('450 - 36 is 414.')), ['414', '414']);
});

test('negative 93b: a result in words of another value stays a step', () => {
  assert.deepEqual(values(QB, BLOCK('400 - 36 is 364, and 364 + 50 gives the rest.')), ['414']);
});
