// The forty-first pass's rules (docs/segmentation-eval.md "Stop 28: pass 41"): what counts as new work
// between two statements of the same value (docs/annotation-guide.md, "Restatements merge;
// re-derivations do not"), one short hand-written example each, with what each rule must leave as
// it was. The pass's development data: the real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('41a: the answer restated under its own name in a recap ("We found f(x) = 2x ... \\boxed{f(x) = 2x}") is no new work', () => {
  const q = 'Find all functions f from the reals to the reals with f(x + f(y)) = f(x + y) + f(y) for all x, y.';
  const body =
    'Trying a linear f(x) = kx gives k(x + ky) = k(x + y) + ky, so k^2 = 2k and k = 2.\n\nSo f(x) = 2x works.\n\n### Conclusion\nWe have shown that f(x) = 2x is the only function with this property. Therefore, the solution is:\n\\[\n\\boxed{f(x) = 2x}\n\\]';
  assert.deepEqual(rules(q, body), ['f(x) = 2x']);
  const p = 'A polynomial p of degree 5 has p(n) = n/(n^2 - 1) for n = 2, ..., 7. Find p(8).';
  const pBody =
    'Solving for the leading coefficient, I get p(8) = \\frac{721}{9}.\n\n### Summary\nThe interpolation gives p(8) = \\frac{721}{9} for the asked value.\n\nThe answer is \\boxed{\\frac{721}{9}}.';
  assert.deepEqual(rules(p, pBody), ['\\frac{721}{9}']);
  // A right side that works the value out again ("p(8) = 720/9 + 1/9 = 721/9") is a computation: an echo.
  const worked = pBody.replace(
    'The interpolation gives p(8) = \\frac{721}{9} for the asked value.',
    'Again: p(8) = 5040/63 + 7/63 = 5047/63 = 721/9.',
  );
  assert.deepEqual(rules(p, worked), ['\\frac{721}{9}', '721/9']);
});

test('41b: a question raised and answered with a reason before the answer is stated again is a re-check in words: an echo', () => {
  const q = 'What is the smallest positive perfect cube that can be written as the sum of three consecutive integers?';
  const base =
    'The sum of n - 1, n and n + 1 is 3n, so the cube must be a multiple of 3. The cubes are 1, 8, 27, and 27 = 8 + 9 + 10. So the answer is 27.\n\n';
  const recheck =
    'Wait, could negative integers give a smaller cube? The sum is three times the middle integer, and a cube below 27 would have to be 1 or 8, which are not multiples of 3 because 3 divides neither. So the answer is 27.';
  assert.deepEqual(rules(q, base + recheck), ['27', '27']);
  // A question raised in words ("let's consider if", "I need to make sure that") or a re-reading of
  // what the question says, answered with a reason, is the same re-check.
  const inWords =
    'Wait, let me consider if the integers may be negative. The sum is three times the middle integer whatever its sign, and a negative sum is no positive cube, because cubes of negative numbers are negative. So the answer is 27.';
  assert.deepEqual(rules(q, base + inWords), ['27', '27']);
  const reread =
    'Wait, the problem says the cube must be positive. A sum of three consecutive integers is a multiple of 3, since it is three times the middle one, and 1 and 8 are not. So the answer is 27.';
  assert.deepEqual(rules(q, base + reread), ['27', '27']);
  // A question dismissed in one breath, or a bare "Is that right? Yes.", merges (the guide).
  assert.deepEqual(rules(q, base + 'Wait, could the order of the integers matter? No. So the answer is 27.'), ['27']);
  assert.deepEqual(rules(q, base + 'Wait, is that right? Yes, I am sure it is. So the answer is 27.'), ['27']);
  // A reply that gives no reason, or guesses what the question wants, examines nothing.
  assert.deepEqual(
    rules(
      q,
      base +
        'Wait, let me make sure that I copied the sum right. I did copy it right, every digit of it, nothing else. So the answer is 27.',
    ),
    ['27'],
  );
  assert.deepEqual(
    rules(
      q,
      base + 'Wait, is there another cube that works? There are many cubes, and this one is small enough for me. So the answer is 27.',
    ),
    ['27'],
  );
  assert.deepEqual(
    rules(
      q,
      base + 'Wait, is the cube unique? The problem likely expects a single answer since it says "the smallest", so the answer is 27.',
    ),
    ['27'],
  );
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('41: named restatements and raised questions repeated over 100 KB: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules41);
});
