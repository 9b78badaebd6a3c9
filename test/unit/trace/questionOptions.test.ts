// How the question's options are parsed (docs/segmentation-eval.md, "Stop 34 ... a parsing fix is
// judged by the parse"): the option list is the longest run of labels A, B, C, ...; a shorter run
// after it (AGIEval's closing line) neither erases it nor runs into its last option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';

const agieval =
  'Q: Which one of the following could be the order in which the clues are mentioned? Answer Choices: ' +
  '(A)S, T, Z, X, U, W, R (B)T, X, U, W, S, R, Z (C)U, S, X, T, Z, R, W (D)X, U, T, Z, R, W, S (E)Z, R, T, U, X, W, S\n' +
  'A: Among A through E, the answer is';

test("AGIEval's closing line 'A: Among A through E, the answer is' keeps the five options, the last one whole", () => {
  const q = analyzeQuestion(agieval);
  assert.deepEqual([...(q.optionOf ?? new Map()).values()], ['a', 'b', 'c', 'd', 'e']);
  assert.equal(q.optionOf?.get('z,r,t,u,x,w,s'), 'e');
});

test('the closing line on the same line as the last option ends it there', () => {
  const q = analyzeQuestion(agieval.replace('\nA:', ' A:'));
  assert.equal(q.optionOf?.get('z,r,t,u,x,w,s'), 'e');
});

test('a later run as long as the first still wins (a worked example before the question)', () => {
  const q = analyzeQuestion('Example: A. 1 B. 2 C. 3 (answer B)\nNow: A. red B. blue C. green\nWhich is a colour of the sky?');
  assert.equal(q.optionOf?.get('blue'), 'b');
  assert.equal(q.optionOf?.get('2'), undefined);
});
