import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersEqual, compileAnswerPatterns, extractCandidates, normalizeAnswer } from '../../../server/src/trace/answers.js';

const values = (text: string, opts = {}): string[] => extractCandidates(text, opts).map((c) => c.value);

test('\\boxed with nested braces, positions of the inner text', () => {
  const text = 'Thus \\boxed{\\frac{1}{2}} and \\boxed{ 27 }.';
  const cs = extractCandidates(text);
  assert.deepEqual(cs.map((c) => c.value), ['\\frac{1}{2}', '27']);
  assert.equal(text.slice(cs[0].start, cs[0].end), '\\frac{1}{2}');
  assert.equal(text.slice(cs[1].start, cs[1].end), '27');
  assert.deepEqual(values('\\boxed{unbalanced'), []);
});

test('"the answer is X", "= X" closing a line, **X**', () => {
  assert.deepEqual(values('So the answer is 2,866,567.'), ['2,866,567']);
  assert.deepEqual(values('The final answer is: $\\frac{3}{4}$'), ['\\frac{3}{4}']);
  assert.deepEqual(values('347 * 8261 = 2866567\n12 = 12 apples\nTotal = \\( 902 \\)\n'), ['2866567', '902']);
  assert.deepEqual(values('a <= 5\nb == 6\n'), []);
  assert.deepEqual(values('Answer: **4697**\n**Step 1**: go'), ['4697']);
});

test('concluding sentence before a marker: last number, weak', () => {
  const text = 'First 12 times 3. So the product is 36. Wait, recheck.';
  const cs = extractCandidates(text, { boundaries: [text.indexOf('Wait')] });
  const weak = cs.filter((c) => c.weak);
  assert.deepEqual(weak.map((c) => c.value), ['36']);
  assert.equal(weak[0].rule, 'concluding');
  // No conclusion cue: no candidate.
  assert.deepEqual(extractCandidates('I wrote 12 lines. Wait', { boundaries: [18] }).filter((c) => c.weak), []);
});

test('user answer patterns (group 1 or whole match); bad patterns reported', () => {
  const { patterns, errors } = compileAnswerPatterns(['Final: ([A-E])', '\\bQED\\b', '(unclosed']);
  assert.equal(patterns.length, 2);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].source, '(unclosed');
  assert.deepEqual(values('Final: C then QED', { patterns }), ['C', 'QED']);
});

test('normalizeAnswer', () => {
  const cases: [string, string][] = [
    ['2,866,567', '2866567'],
    [' 27.0 ', '27'],
    ['27.50', '27.5'],
    ['\\frac{1}{2}', '1/2'],
    ['\\dfrac{3}{4}', '3/4'],
    ['\\frac12', '1/2'],
    ['$45^\\circ$', '45'],
    ['45°', '45'],
    ['\\text{(B)}', '(b)'],
    ['\\boxed{7}', '7'],
    ['\\( 902 \\)', '902'],
    ['-0.0', '0'],
    ['007', '7'],
    ['50\\%', '50'],
    ['x + 1', 'x+1'],
  ];
  for (const [raw, want] of cases) assert.equal(normalizeAnswer(raw), want, raw);
});

test('answersEqual: normalized or numerically equal', () => {
  assert.ok(answersEqual('27', '27.0'));
  assert.ok(answersEqual('0.5', '\\frac{1}{2}'));
  assert.ok(answersEqual('1/2', '0.5'));
  assert.ok(answersEqual('2,866,567', '2866567'));
  assert.ok(answersEqual('-\\frac{3}{4}', '-0.75'));
  assert.ok(!answersEqual('27', '28'));
  assert.ok(!answersEqual('1/3', '0.33'));
  assert.ok(!answersEqual(null, '1'));
  assert.ok(!answersEqual('', ''));
});
