// How the question's options are parsed (docs/segmentation-eval.md, "Stop 34 ... a parsing fix is
// judged by the parse"): the option list is the longest run of labels A, B, C, ...; a shorter run
// after it (AGIEval's closing line) neither erases it nor runs into its last option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion, optionOfValue } from '../../../server/src/trace/question.js';

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

// Stop 40 (importfix40, item 4): a key whose lettered lines are longer than the options (MMLU-Pro's
// formal logic, question_id 11257: a key A-E, then the four options) was read as the option list.
const KEY =
  'Use the following key to translate the given formula of PL to natural, English sentences.\nA: Marina reads a Percy Jackson book.\nB: Izzy plays Minecraft.\nC: Emily stops working.\nD: Russell makes dinner.\nE: Ashleigh stops by.\n(~B • E) ⊃ D';

test('a shorter run of options after the longer run has ended (a key, a worked example) is the question’s own list', () => {
  const q = analyzeQuestion(`${KEY}\n\nA) Izzy plays.\nB) Russell cooks.\nC) Emily works.\nD) Nobody stops by.`);
  assert.deepEqual([...(q.optionOf ?? new Map()).values()], ['a', 'b', 'c', 'd']);
  assert.equal(optionOfValue(q.optionOf!, 'Russell cooks.'), 'b');
  // As the .trace query header writes it: one line, the options after a wide gap.
  const flat = analyzeQuestion(
    `${KEY}\n\nA) Izzy plays.\nB) Russell cooks.\nC) Emily works.`.replace(/\n(?!\n)/g, ' ').replace(/\n\n/g, '  '),
  );
  assert.deepEqual([...(flat.optionOf ?? new Map()).values()], ['a', 'b', 'c']);
  // A worked example's five options, then the question's four.
  const ex = analyzeQuestion(
    'Example: A. 1 B. 2 C. 3 D. 4 E. 5 (answer B)\nNow: A. red B. blue C. green D. grey\nWhich is a colour of the sky?',
  );
  assert.equal(ex.optionOf?.get('blue'), 'b');
  assert.equal(ex.optionOf?.get('5'), undefined);
});

test('labels inside the last option ("E) Both (A) and (B)") are no list of their own', () => {
  const q = analyzeQuestion('Which hold?\nA) x > 1\nB) y > 2\nC) z > 3\nD) none\nE) Both (A) and (B) hold.');
  assert.deepEqual([...(q.optionOf ?? new Map()).values()], ['a', 'b', 'c', 'd', 'e']);
});
