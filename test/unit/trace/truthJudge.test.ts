// The judge of an answer against the ground truth (server/src/trace/truthJudge.ts), shared by the
// engine's reading (calibrate's correctness) and eval-segmentation's labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgedValue, truthJudge } from '../../../server/src/trace/truthJudge.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';

const code = "What does f return for f('banana')?  def f(s):     return s.upper()";

test('a program value keeps its case: the reference written alike is right, another case is another answer', () => {
  const judge = (answer: string, value: string) => truthJudge({ answer, query: code }, undefined, true)(judgedValue(value, true));
  assert.equal(judge('{1: None, 2: None}', '{1: None, 2: None}'), true);
  assert.equal(judge('{1: None, 2: None}', '{1:None,2:None}'), true, 'blanks outside strings do not count');
  assert.equal(judge("'BaNaNa'", "'BaNaNa'"), true);
  assert.equal(judge("'BaNaNa'", "'banana'"), false);
  assert.equal(judge("'banana'", "'BANANA'"), false);
  assert.equal(judge('"spaib"', "'spaib'"), true, 'either quote');
  assert.equal(judge("'betav2 '", "'betav2 '"), true, 'a blank inside a string is kept on both sides');
  assert.equal(judge("'betav2 '", "'betav2'"), false);
  assert.equal(judge('True', 'True'), true);
  assert.equal(judge('True', 'False'), false);
  assert.equal(judge('3', '3.0'), true, 'numbers still compare by value');
});

test('outside a program question, case is not the answer: "True" is "true"', () => {
  const judge = truthJudge({ answer: 'True', query: 'Is 7 prime?' }, undefined, undefined);
  assert.equal(judge(judgedValue('true', undefined)), true);
});

test("the engine's reading of a code-output response judges a stated value as the reference written alike", () => {
  const text = [
    '=== 1',
    `query: ${code}`,
    "answer: 'BANANA'",
    '---',
    "Upper-casing every letter gives 'BANANA'.",
    "So f('banana') returns 'BANANA'.",
    '',
  ].join('\n');
  const [rec] = parseTrace(text).records;
  const seg = segmentAttempts(rec, defaultSegmentOptions);
  assert.ok(seg.question.programValue, 'a question about what code returns');
  assert.ok(seg.attempts.length > 0);
  assert.deepEqual(
    seg.correct.map((c) => c),
    seg.attempts.map(() => true),
    JSON.stringify(seg.attempts.map((a) => a.candidate.value)),
  );
  assert.equal(seg.finalCorrect, true);
});
