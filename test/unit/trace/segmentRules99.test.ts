// Pass 99's rules (docs/segmentation-eval.md, "Stop 42: pass 99"), on short hand-written texts (not
// taken from the development sets or families), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// 99a (question.ts analyze): a question that writes a large number with LaTeX's negative thin space
// after its thousands separator ("$274,\!625$", as MATH questions do) quotes that one number, not 274
// and 625: the response restating it ("So, N^3 = 274,625.") restates the question, no candidate.
const QA = 'When the two-digit integer $N$ is cubed, the value is $274,\\!625$. What is $N$?';

test('99a: "274,\\!625" in the question is the number 274,625, and restating it is no candidate', () => {
  assert.ok(analyzeQuestion(QA).values.has('274625'));
  const body = 'So, N^3 = 274,625.\n\nHmm, that seems large. Let me think.\n\nTry 65: 65 × 65 = 4225, and 4225 × 65 = 274,625. So N = 65.';
  assert.deepEqual(values(QA, body), ['65']);
});

test('negative 99a: a thin space before a group of other than three digits joins nothing', () => {
  const v = analyzeQuestion('The ratio is $12,\\!5$ to $3$. What is the ratio as one number?').values;
  assert.ok(!v.has('125'));
  assert.ok(v.has('12') && v.has('5'));
});
