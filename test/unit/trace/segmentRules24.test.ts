// The twenty-fourth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets (precision: the candidates annotators did not mark) and the
// dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { values } from './segmentRuleHelpers.js';

test('a noun the question writes of two quantities ("the sum of the items is 30 ... the sum of the squares") names the asked one only narrowed', () => {
  const q =
    'A list of positive integers has the following properties: the sum of the items in the list is 30, the unique mode of the list is 9, and the median is a positive integer that does not appear in the list. Find the sum of the squares of all the items in the list.';
  assert.deepEqual([...(analyzeQuestion(q).nounShared ?? [])], ['sum']);
  const body =
    'If 9 appears twice, that accounts for 18 of the sum. So, the remaining sum is 30 - 18 = 12.\n\nWait, the other numbers must be distinct. Take 5 and 7: the median is 8, which is not in the list. Sum is 5 + 7 + 9 + 9 = 30.\n\nSo the sum of the squares is 25 + 49 + 81 + 81 = 236.';
  // Before the rule "the remaining sum" and "Sum is" named the asked sum: 12 and the question's 30 were attempts.
  assert.deepEqual(values(q, body), ['236']);
  // A question that writes the noun once: the bare noun still names the asked quantity.
  const once = 'A list of positive integers is 5, 7, 9, 9. Find the sum of the squares of all the items in the list.';
  assert.equal(analyzeQuestion(once).nounShared, undefined);
  assert.deepEqual(values(once, 'The squares are 25, 49, 81 and 81.\n\nSo the sum is 25 + 49 + 81 + 81 = 236.'), ['236']);
});
