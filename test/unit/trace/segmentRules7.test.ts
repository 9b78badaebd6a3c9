// The seventh pass's segmentation rules (docs/segmentation-eval.md), one short hand-written example
// each: every one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

/** Each candidate's value and offset in the body of one record with this question and body. */
function attempts(query: string, body: string): { value: string; start: number }[] {
  const rec = parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
  return segmentAttempts(rec, defaultSegmentOptions).attempts.map((a) => ({ value: a.candidate.value, start: a.candidate.start }));
}

test('a product written with a middle dot is the asked product when it ends the asking sentence', () => {
  assert.equal(analyzeQuestion('Work out 26 · 108.').scale, 2808);
  assert.equal(analyzeQuestion('Compute $2,417 \\cdot 35$.').scale, 84595);
  // \cdot inside a longer formula is not a product question.
  assert.equal(
    analyzeQuestion('The expression $2\\cdot 3 \\cdot 4\\cdot 5+1$ is equal to 121. How many values can be obtained?').scale,
    undefined,
  );
  assert.equal(analyzeQuestion('Evaluate $(2\\cdot (3\\cdot 4)) + 1$ in another way. How many values are there?').scale, undefined);
  // With the product known, a sub-product near the answer is no longer a slip of it.
  const body =
    'Break 26 into 20 and 6. First, 20 * 108 gives us 2,160. Then 6 * 108 comes to 648. Adding everything, we get 2,808. We can also check it another way: 26 * 100 gives us 2,600, and 26 * 8 comes to 208. Summing up, 2,600 + 208 = 2,808. So the final answer is 2,808.';
  assert.deepEqual(
    attempts('Work out 26 · 108.', body).map((a) => a.start),
    [body.indexOf('2,808'), body.indexOf('2,808.', body.indexOf('208 ='))],
  );
});

test('a hyphenated word after a value is a unit word, not a variable', () => {
  const q = 'A club needs at least $2,000 and sells mugs for $47 each. What is the fewest number of mugs it must sell?';
  const body = '2,000 ÷ 47 is about 42.55. A fraction will not do. Thus 43 T-shirts at minimum.';
  // "43 T-shirts" read as 43 times a variable T before.
  assert.ok(attempts(q, body).some((a) => a.start === body.lastIndexOf('43 T')));
});

test('"so that means N" states N as "that means N" does', () => {
  const q = 'A club needs at least $2,000 and sells mugs for $47 each. What is the fewest number of mugs it must sell?';
  const body = '2,000 ÷ 47 ≈ 42.55. A fraction will not do, so that means 43 mugs. Let me check: 42 × 47 = 1,974 is short.';
  assert.deepEqual(
    attempts(q, body).map((a) => a.start),
    [body.indexOf('43 mugs')],
  );
});

test('"need" states the value needed as a copula does', () => {
  const q = 'A club needs at least $2,000 and sells mugs for $47 each. What is the fewest number of mugs it must sell?';
  const body =
    'We need 47 × n ≥ 2,000; 2,000 ÷ 47 ≈ 42.55. So they need 43 mugs.\n\nLet me check: 42 × 47 = 1,974, short, and 43 × 47 = 2,021. So the club needs 43 mugs.';
  assert.deepEqual(
    attempts(q, body).map((a) => a.start),
    [body.indexOf('43 mugs'), body.lastIndexOf('43 mugs')],
  );
});
