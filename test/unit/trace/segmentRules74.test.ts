// Pass 74's rules (docs/segmentation-eval.md, "Stop 36: pass 74"): a multiple-choice letter chosen
// inside a thinking block. The questions and responses are written for this test (not taken from
// dev36 or any other set), each rule with a case it must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

const LAKE = 'Which lake is the deepest in the world? A) Lake Superior B) Lake Baikal C) Lake Victoria D) Lake Tahoe';

// 74b (statements.ts findOptionLetters): "Thus, B is the correct answer" chooses B, as "Thus B is
// the correct answer" did; after the comma the letter must be named the answer.
test('74b: "Thus, B is the correct answer." inside the thinking block chooses B', () => {
  const body =
    '<think>\nSuperior is wide but shallow, about 400 m. Baikal in Siberia goes down about 1,640 m, far more than any other lake.\nThus, B is the correct answer.\nLet me also note that Tahoe is about 500 m.\n</think>\n\nIt is the Siberian one.';
  assert.deepEqual(rules(LAKE, body), ['B']);
  assert.deepEqual(rules(LAKE, body.replace('Thus, B is the correct answer.', 'Therefore, B would be the right choice.')), ['B']);
});

test('negative 74b: letters read out after a comma ("So, A is ..., B is ...") choose nothing', () => {
  const body =
    '<think>\nLet me map the options. So, A is the one on the US border, B is in Siberia, C is in Africa.\nI need depths, not places.\n</think>\n\nI am not sure.';
  assert.deepEqual(rules(LAKE, body), []);
});

// 74c (statements.ts optionHedgedRe): "B seems possible", "C is likely" guess at an option, no choice.
test('74c: "So B seems possible" is hedged; the letter chosen after it is the only candidate', () => {
  const body =
    '<think>\nBaikal is very deep. So B seems possible.\nBut Tahoe is deep too, about 500 m; Baikal is about 1,640 m.\nSo the answer is B.\n</think>\n\nB';
  assert.deepEqual(rules(LAKE, body), ['B']);
  assert.deepEqual(
    rules(LAKE, body.replace('So B seems possible.', 'So D looks likely.').replace('Baikal is very deep.', 'Tahoe is very deep.')),
    ['B'],
  );
});

test('negative 74c: "So B seems right" still commits to B', () => {
  const body =
    '<think>\nBaikal is very deep. So B seems right.\nWait, let me compare with Tahoe: about 500 m against Baikal about 1,640 m.\nSo the answer is B.\n</think>\n\nB';
  assert.deepEqual(rules(LAKE, body), ['B', 'B']);
});

// 74d (segment.ts formatTalkRe): format talk is matched at a word start, so "information" in the gap
// no longer hides a quote of the question: the letter stated again after the re-read is an echo.
const LUNCH =
  'Context: Two friends, a baker and a painter, met for lunch at the station cafe. Question: Who paid for the lunch? Options: A) The baker B) The painter C) Not enough information';

test('74d: a re-read quote of the question, with "information" in the gap, then the letter again: an echo', () => {
  const body =
    '<think>\nNothing in the context says who paid.\nSo the answer is C.\nWait, let me re-read: "Two friends, a baker and a painter, met for lunch at the station cafe." There is no information about the bill at all.\nSo the answer is C.\n</think>\n\nC';
  assert.deepEqual(rules(LUNCH, body), ['C', 'C']);
});

test('negative 74d: "information" with no quote of the question in the gap still merges', () => {
  const body =
    '<think>\nNothing in the context says who paid.\nSo the answer is C.\nWait, is that right? Yes, there is no information about the bill at all.\nSo the answer is C.\n</think>\n\nC';
  assert.deepEqual(rules(LUNCH, body), ['C']);
});
