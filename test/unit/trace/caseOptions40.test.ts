// Stop 40 (importfix40, item 3): options told apart only by the case of their letters (genetics
// crosses, "AaBb" / "aabb") were folded to one value by normalizeAnswer: two options compared
// equal, so the options read as no list (MMLU-Pro mathstral-7B element 3036, question_id 3287:
// "ddGg×DdGG", "DDGG×ddgg", "DdGg×DDgg", ...) or a letter was judged by the other option's content.
// Questions written for the test, the first with element 3036's first three options verbatim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { analyzeQuestion, optionOfValue } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const seg = (query: string, body: string, answer?: string) => segmentAttempts(record(query, body, answer), defaultSegmentOptions);

const CROSS = 'What are the genotypes of the parents?  A) ddGg×DdGG B) DDGG×ddgg C) DdGg×DDgg';
const GAMETES = 'Which genotype is homozygous recessive?  A) AaBb B) aabb C) AABB D) CcDd';

test('options that differ only in case are each an option, keyed with their case', () => {
  const q = analyzeQuestion(CROSS);
  assert.deepEqual([...(q.optionOf?.values() ?? [])], ['a', 'b', 'c']);
  assert.equal(optionOfValue(q.optionOf!, 'DdGg×DDgg'), 'c');
  assert.equal(optionOfValue(q.optionOf!, 'ddGg×DdGG'), 'a');
  assert.equal(optionOfValue(q.optionOf!, 'DDGG×ddgg'), 'b');
  // Lower-cased, it names none of them: it could be any.
  assert.equal(optionOfValue(q.optionOf!, 'ddgg×ddgg'), undefined);
  const g = analyzeQuestion(GAMETES);
  assert.deepEqual([...(g.optionOf?.values() ?? [])], ['a', 'b', 'c', 'd']);
  assert.equal(optionOfValue(g.optionOf!, 'aabb'), 'b');
  assert.equal(optionOfValue(g.optionOf!, 'CcDd'), 'd');
  // Options alike in case too are still one value, the second kept by its letter only (stop 38).
  const same = analyzeQuestion('Which? A) x B) y C) x');
  assert.equal(same.optionOf?.get('x'), 'a');
});

test('a letter picked among options told apart by case is judged by its own option', () => {
  // The letter answered is read (it was not: the options read as no list).
  assert.equal(seg(CROSS, 'The answer is (C).', 'C').finalCorrect, true);
  assert.equal(seg(CROSS, 'The answer is (A).', 'C').finalCorrect, false);
  // A reference written as an option's content is that option's letter, with its case.
  assert.equal(seg(CROSS, 'The answer is (C).', 'DdGg×DDgg').finalCorrect, true);
  assert.equal(seg(CROSS, 'The answer is (A).', 'DdGg×DDgg').finalCorrect, false);
  // "aabb" is option B, not A ("AaBb", first of the folded pair): the letter B is right.
  assert.equal(seg(GAMETES, 'The answer is (B).', 'aabb').finalCorrect, true);
  assert.equal(seg(GAMETES, 'The answer is (A).', 'aabb').finalCorrect, false);
  // A candidate written as another option's content is that option, not the reference's.
  assert.equal(seg(GAMETES, 'So the answer is \\boxed{AaBb}.', 'aabb').finalCorrect, false);
  assert.equal(seg(GAMETES, 'So the answer is \\boxed{aabb}.', 'aabb').finalCorrect, true);
});
