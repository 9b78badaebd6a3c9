// The twentieth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md): answer values
// the statement reader could not read (roots in their other written forms, ...), and the guards
// that keep the steps of those forms steps. One short hand-written example each: every one of
// them read differently before its rule. The pass's development data: the real dev sets and the
// dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersEqual } from '../../../server/src/trace/answers.js';
import { values } from './segmentRuleHelpers.js';

test('a root with an index, a fraction under it, or a whole number over it is one value', () => {
  // Before the rule "\\sqrt[3]{3/2}" was no value: the record's only reading was the quoted 3/2.
  const q = 'What is the largest possible value of q, given that q^3 = (m+2)/(m+1) for some positive integer m?';
  const body =
    'The ratio (m+2)/(m+1) is largest at m = 1, where q^3 = 3/2.\nSo the largest possible value of q is \\sqrt[3]{3/2}.\n\nWait, let me double-check m = 2: q^3 = 4/3, which is smaller. So m = 1 gives the maximum, and q = \\sqrt[3]{3/2}.';
  assert.deepEqual(values(q, body), ['\\sqrt[3]{3/2}', '\\sqrt[3]{3/2}']);
  // "\\frac{\\sqrt{65}}{2}" (a root over a whole number) and "sqrt(11/6)" (a fraction under a root).
  const foci = 'The parabolas $y^2 = 2p_1 x$ and $x^2 = 2p_2 y$ both pass through $(4, 8)$. Find the distance between their foci.';
  assert.deepEqual(
    values(foci, 'The foci are (4, 0) and (0, 1/2).\nThe distance is $\\sqrt{16 + 1/4} = \\sqrt{65/4} = \\frac{\\sqrt{65}}{2}$.'),
    ['\\frac{\\sqrt{65}}{2}'],
  );
  const ecc = 'Find the eccentricity of the hyperbola $5x^2 - 6y^2 = 1$.';
  assert.deepEqual(values(ecc, 'Here a^2 = 1/5 and b^2 = 1/6.\nThen e = sqrt(1 + (1/6)/(1/5)) = sqrt(1 + 5/6) = sqrt(11/6).'), [
    'sqrt(11/6)',
  ]);
  // The forms compare by value.
  assert.ok(answersEqual('sqrt(11/6)', '\\frac{\\sqrt{66}}{6}'));
  assert.ok(answersEqual('\\frac{\\sqrt{65}}{2}', '√65/2'));
  assert.ok(answersEqual('\\sqrt[3]{1.5}', '\\sqrt[3]{\\frac{3}{2}}'));
});

test('an explicit answer of such a form is still found again where the attempts restate it', () => {
  const q = 'Find the eccentricity of the hyperbola $5x^2 - 6y^2 = 1$.';
  const body =
    '<think>\nIn standard form $a^2 = \\frac{1}{5}$ and $b^2 = \\frac{1}{6}$.\n$e = \\sqrt{1 + \\frac{5}{6}} = \\sqrt{\\frac{11}{6}} = \\frac{\\sqrt{66}}{6}$.\nCheck the arithmetic: $\\frac{1/6}{1/5} = \\frac{5}{6}$, and $1 + \\frac{5}{6} = \\frac{11}{6}$.\n\nWait, let me also compute c directly: $c^2 = \\frac{11}{30}$ and $a^2 = \\frac{6}{30}$, so $e^2 = \\frac{11}{6}$ and $e = \\frac{\\sqrt{66}}{6}$.\n</think>\nThe eccentricity is $\\boxed{\\frac{\\sqrt{66}}{6}}$.';
  // Read only as a weak "= X" followed by a check, the first statement was a step.
  assert.deepEqual(values(q, body), ['\\frac{\\sqrt{66}}{6}', '\\frac{\\sqrt{66}}{6}']);
});

test('a value after "\\cdot", "\\times" or "\\div" is a factor, not a result', () => {
  const q = 'Find the remainder when $1^2 + 2^2 + \\cdots + 185^2$ is divided by $1000$.';
  const body =
    'We use the sum of squares formula with $m = 185$:\n\\[\\frac{185 \\cdot 186 \\cdot 371}{6} = 2\\,127\\,685.\\]\n\nNote $1000 = 8 \\cdot 125$, but';
  // Before the rule the cut-off record's last number, the factor 125, was read as its answer.
  assert.deepEqual(values(q, body), []);
});

test('a function\'s value at a number ("\\sin 45^\\circ = \\frac{\\sqrt{2}}{2}") is a step, unless the question asks for one', () => {
  const q = 'Triangle $ABC$ has $AB = 9$, $AC = 8$ and $\\angle A = 135^\\circ$. What is its area?';
  const body =
    'The area of a triangle with two sides and the included angle is $\\frac{1}{2}ab\\sin C$. We have $\\sin 135^\\circ = \\sin 45^\\circ = \\frac{\\sqrt{2}}{2}$. Putting it together,\n\\[\n\\frac{1}{2} \\cdot 9 \\cdot 8 \\cdot \\frac{\\sqrt{2}}{2} = 18\\sqrt{2}\n\\]';
  // The line names the area before the sine's equation: without the rule the sine's value read
  // as a statement about the area, and the record's answer as a step after it.
  assert.deepEqual(values(q, body), ['18\\sqrt{2}']);
  assert.deepEqual(
    values('Compute $\\cos 300^\\circ$.', 'Its reference angle is 60°.\nSo $\\cos 300^\\circ = \\cos 60^\\circ = \\frac{1}{2}$.'),
    ['\\frac{1}{2}'],
  );
});

test('the last-number fallback of an m + n question is a whole number, not the fraction m and n come from', () => {
  const q =
    'The probability that both draws are red is $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.';
  // Before the rule the record, which stops before adding m and n, read 5/33 as its answer.
  assert.deepEqual(values(q, 'There are 5 red balls out of 12, so the probability is 5/12 * 4/11 = 20/132 = 5/33.'), []);
});

test('π alone or over a whole number ("π", "3π/4", "\\pi/2") is one value', () => {
  const q =
    'Below is the graph of $y = a \\sin (bx + c) + d$ for some positive constants $a,$ $b,$ $c,$ and $d.$ Find the smallest possible value of $c.$';
  const body =
    'The graph crosses its midline going down at x = 0, so sin(c) = 0 with cos(c) < 0.\nSo the smallest positive c is π.\n\nWait, could c = 0 work? Then the graph would rise at x = 0, and it falls. So c = π.';
  // Before the rule π was no value: with no explicit answer to find again, "sin(c) = 0" was the reading.
  assert.deepEqual(values(q, body), ['π']);
  const tan = 'Find the smallest positive angle $\\theta$, in radians, with $\\tan \\theta = -1$ and $\\sin \\theta > 0$.';
  assert.deepEqual(values(tan, 'Tangent is -1 at θ = -π/4 + kπ. For sin θ > 0 we need the second quadrant, so θ = 3π/4.'), ['3π/4']);
  assert.ok(answersEqual('3π/4', '\\frac{3\\pi}{4}'));
});

test('a negative fraction with its sign in brackets ("(-1)/49") is one value', () => {
  const q = 'Let $p(x)$ be a polynomial of degree 5 such that $p(n) = \\frac{n}{n^2 - 1}$ for $n = 2, 3, 4, \\dots, 7$. Find $p(8)$.';
  const body = 'The leading coefficient is -9/7 over 63 at x = 8, so p(8) = (-9/7) / 63 = (-9) / 441 = (-1)/49\n\nWait, but p(x) must give';
  assert.deepEqual(values(q, body), ['(-1)/49']);
  assert.ok(answersEqual('(-1)/49', '-\\dfrac{1}{49}'));
});

test('a question that asks for a complex number, a point or an expression in its letters reads values of that kind', () => {
  // Before the rule none of these was a value: without an explicit answer to find again, the
  // records had no candidate.
  const rotate =
    'Let $z = 2 + \\sqrt{2} - (3 + 3 \\sqrt{2})i$, and let $c = 2 - 3i$. Let $w$ be the result when $z$ is rotated around $c$ by $\\frac{\\pi}{4}$ counter-clockwise. Find $w.$';
  const w =
    'Rotating z - c = √2 - 3√2 i by π/4 gives (√2 - 3√2 i)(√2/2 + √2/2 i) = 4 - 2i.\nThen w = c + (4 - 2i) = (2 - 3i) + (4 - 2i) = 6 - 5i.\n\nSo w = 6 - 5i.';
  assert.deepEqual(values(rotate, w), ['6 - 5i']);
  // A complex number the question quotes ("let $c = 2 - 3i$") restates the question, as a quoted number does.
  const cutOff = 'First, z - c = √2 - 3√2 i, with c = 2 - 3i\nRotating by π/4 multiplies by (√2/2)(1 + i), which I have not done yet, so';
  assert.deepEqual(values(rotate, cutOff), []);
  const polar =
    'Convert the point $(0,3)$ in rectangular coordinates to polar coordinates.  Enter your answer in the form $(r,\\theta),$ where $r > 0$ and $0 \\le \\theta < 2 \\pi.$';
  const point =
    'r = sqrt(0^2 + 3^2) = 3, and the point is on the positive y-axis, so θ = π/2.\nTherefore, the polar coordinates are (3, π/2).';
  assert.deepEqual(values(polar, point), ['(3, π/2)']);
  const terms =
    'Define $p = \\sum_{k = 1}^\\infty \\frac{1}{k^2}$ and $q = \\sum_{k = 1}^\\infty \\frac{1}{k^3}$. Find a way to write $\\sum_{j = 1}^\\infty \\sum_{k = 1}^\\infty \\frac{1}{(j + k)^3}$ in terms of $p$ and $q.$';
  const pq =
    'Group by n = j + k: there are n - 1 pairs, so S = sum (n-1)/n^3 = sum 1/n^2 - sum 1/n^3 over n >= 2.\nThat is (p - 1) - (q - 1).\nSo S = p - q.';
  assert.deepEqual(values(terms, pq), ['p - q']);
  assert.ok(answersEqual('6 - 5i', '6-5i'));
  assert.ok(answersEqual('(3, π/2)', '\\left( 3, \\frac{\\pi}{2} \\right)'));
});

test('a question that asks for a part, a size or a count of a complex number does not read complex values', () => {
  const q = 'What is the imaginary part of $(1 + i)^2 \\cdot (3 - i)$?';
  // The product is worked out; its imaginary part, the asked quantity, is never stated.
  assert.deepEqual(values(q, 'First $(1 + i)^2 = 1 + 2i + i^2 = 2i$.\nThen $2i(3 - i) = 6i - 2i^2 = 2 + 6i$.'), []);
});

test('one answer written two ways ("\\sqrt[3]{1.5}", "\\sqrt[3]{3/2}") is one answer: a restatement merges, a re-derivation echoes', () => {
  const q = 'What is the largest possible value of q, given that q^3 = (m+2)/(m+1) for some positive integer m?';
  // Before the rule the second form was another value: restated with no new work it was a new
  // attempt, and as a weak result after a check it was no answer the record concludes.
  const restated =
    'At m = 1, q^3 = 3/2.\nSo the answer is \\sqrt[3]{1.5}.\n\nHmm, written with a fraction under the root, the answer is \\sqrt[3]{3/2}.';
  assert.deepEqual(values(q, restated), ['\\sqrt[3]{1.5}']);
  const checked =
    'At m = 1, q^3 = 3/2.\nSo the answer is \\sqrt[3]{1.5}.\n\nWait, let me double-check m = 2: q^3 = 4/3, which is smaller.\nThe maximum value is at m = 1, giving q = \\sqrt[3]{3/2}.';
  assert.deepEqual(values(q, checked), ['\\sqrt[3]{1.5}', '\\sqrt[3]{3/2}']);
});
