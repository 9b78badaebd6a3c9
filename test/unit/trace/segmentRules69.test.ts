// Pass 69's rules (docs/segmentation-eval.md, "Stop 34: pass 69"), on short hand-written texts (not
// taken from the families), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// 69a (statements.ts lineEnd): a display equation whose full stop sits inside its closer ends its line.
const QA = 'A fair coin is flipped 5 times. The probability that all flips match is $\\frac{m}{n}$ in lowest terms. Find $m+n$.';

test('69a: "\\[m + n = 1 + 16 = 17.\\]" is a result line of the asked quantity, then a check echoes it', () => {
  assert.deepEqual(
    values(
      QA,
      'Both all-heads and all-tails work: $2/32 = \\frac{1}{16}$. So $m = 1$ and $n = 16$.\n\nHence\n\\[m + n = 1 + 16 = 17.\\]\n\nAs a check, let me recompute another way: each flip after the first must match the first, $(1/2)^4 = 1/16$, so $m = 1$, $n = 16$. So $m + n = 17$, matching the above.',
    ),
    ['17', '17'],
  );
  assert.deepEqual(
    values(
      QA,
      'Both all-heads and all-tails work: $2/32 = \\frac{1}{16}$. So $m = 1$ and $n = 16$.\n\nHence\n$$m + n = 1 + 16 = 17.$$\n\nAs a check, let me recompute another way: each flip after the first must match the first, $(1/2)^4 = 1/16$, so $m = 1$, $n = 16$. So $m + n = 17$, matching the above.',
    ),
    ['17', '17'],
  );
});

test('negative 69a: a display whose line goes on after the closer is no result line', () => {
  assert.deepEqual(
    values(
      QA,
      'Both all-heads and all-tails work: $2/32 = \\frac{1}{16}$. So $m = 1$ and $n = 16$.\n\nHence\n\\[m + n = 1 + 16 = 17.\\] provided the fraction is reduced.\n\nAs a check, let me recompute another way: each flip after the first must match the first, $(1/2)^4 = 1/16$, so $m = 1$, $n = 16$. So $m + n = 17$, matching the above.',
    ),
    ['17'],
  );
});

// 69b (statements.ts namesInRemark): a result whose clause goes on, after a comma and a connective, to
// name the asked quantity.
const QL = 'Two numbers add up to 116 and differ by 72. What is the larger of the two numbers?';
const QX = 'Solve for x: 7x - 7 = 119.';

test('69b: "= 94, so the larger number is confirmed" after another method is an echo', () => {
  assert.deepEqual(
    values(
      QL,
      'Adding them: 2L = 116 + 72 = 188. So the larger number = 188 / 2 = 94. So the larger number is 94.\n\nOkay, the other way. The smaller is (116 - 72) / 2 = 44 / 2 = 22.\n\nThe larger is 72 more than that.\n\nPerfect, 22 + 72 = 94, so the larger number is confirmed.',
    ),
    ['94', '94'],
  );
});

test('69b: "126 / 7 = 18, and that is x" names the asked letter', () => {
  assert.deepEqual(
    values(
      QX,
      'Move the 7 over: 7x = 119 + 7 = 126. Now 126 / 7 = 18, and that is x.\n\nLet me double-check: 7 · 18 = 126, minus 7 is 119. Good.',
    ),
    ['18'],
  );
  assert.deepEqual(
    values(
      QX,
      'Move the 7 over: 7x = 119 + 7 = 126. Now 126 / 7 = 18, and that is x.\n\nWait, let me redo the division: 7 · 20 = 140 is too big, 7 · 18 = 126. Now 126 / 7 = 18, and that is x.',
    ),
    ['18', '18'],
  );
});

test('negative 69b: a doubt in the remark, or a bare phrase naming a sub-step, leaves the line open', () => {
  assert.deepEqual(
    values(
      QL,
      'Adding them: 2L = 116 + 72 = 188. So the larger number = 188 / 2 = 94. So the larger number is 94.\n\nOkay, the other way. The smaller is (116 - 72) / 2 = 44 / 2 = 22.\n\nThe larger is 72 more than that.\n\nPerfect, 22 + 72 = 94, so the larger number is not settled yet.',
    ),
    ['94'],
  );
  assert.deepEqual(
    values(
      'A store sells notebooks for $12 each and pens for $4 each. What is the cost of 8 notebooks and 11 pens?',
      'Notebooks: 8 × $12 = $96. Pens: 11 × $4 = $44. Total cost: $96 + $44 = $140.\n\nCheck: $140 − $96 = $44, the cost of the pens ✓',
    ),
    ['140'],
  );
});
