// The thirty-seventh pass's rules (first candidates, final answers and cut-off responses;
// docs/segmentation-eval.md "Stop 28: pass 37"), one short hand-written example each, with what
// each rule must leave as it was. The pass's development data: the real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAnswer } from '../../../server/src/trace/answers.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { cutOffResponse } from '../../../server/src/trace/thinking.js';

/** One record with these extra header lines ("truncated: true", "finish_reason: length"). */
function recordWith(query: string, body: string, headers: string[] = []) {
  return parseTrace(`=== 1\nquery: ${query}\n${headers.map((h) => `${h}\n`).join('')}---\n${body}\n`).records[0];
}
const read = (query: string, body: string, headers: string[] = []) => {
  const s = segmentAttempts(recordWith(query, body, headers), { ...defaultSegmentOptions, reader: 'rules' });
  return { values: s.attempts.map((a) => a.candidate.value), final: s.final?.value ?? null };
};

test('37a: a response is known to be cut off by its record, an unclosed thinking block, or a dangling last word or operator', () => {
  const cut = (body: string, headers: Record<string, string> = {}) => cutOffResponse(body, headers);
  // The record says so.
  assert.equal(cut('So the total is 42.', { truncated: 'true' }), true);
  assert.equal(cut('So the total is 42.', { finish_reason: 'length' }), true);
  // A thinking block opened and never closed.
  assert.equal(cut('<think>\nFirst, 6 * 7 = 42. Let me check that'), true);
  // The text stops inside a sentence or an expression.
  assert.equal(cut('That gives 0.21 m/s², which is 21 cm/s². But according to the'), true);
  assert.equal(cut('So, in the equation, 0.5P + 2.40 ='), true);
  assert.equal(cut('then the cost price is 990 -'), true);
  assert.equal(cut('The boxed value is \\boxed{'), true);
  // A complete response ends on its answer, a box, a bold line, a letter or a closed block; a trailing
  // digit alone says nothing; the record saying it finished is believed.
  for (const body of [
    'blah blah so x = 42',
    'Answer: 282',
    '**Final answer: 42**',
    'Therefore the answer is A',
    'The sum is \\(\\boxed{27}\\).',
    '<think>\n6 * 7 = 42\n</think>\nThe answer is 42.',
    'So the total is 42.\n\n---',
  ])
    assert.equal(cut(body), false, body);
  assert.equal(cut('So, in the equation, 0.5P + 2.40 =', { truncated: 'false' }), false);
});

test('37b: a response known to be cut off that stops on a number stopped inside it: no last-number fallback there', () => {
  const q = 'Ann ran 200 m in 25 s and then ran 20% faster. How long does 200 m take her now?';
  const body = 'Let me check my steps again.\n\n1. Her old time is T.\n\n2. Her speed grows by a fifth.\n\n3. Her new time is 2';
  // Cut off (the record says so): "2" is where the text stopped, perhaps inside "20.83".
  assert.deepEqual(read(q, body, ['truncated: true']).values, []);
  assert.deepEqual(read(q, body, ['finish_reason: length']).values, []);
  assert.deepEqual(read(q, `${body} ×`).values, []);
  // Not known to be cut off: a response may end on its answer ("... so x = 42", a bare "42").
  assert.deepEqual(read(q, body).values, ['2']);
  assert.deepEqual(read('What is 6 * 7?', 'Multiplying the two, we get 42', ['truncated: false']).values, ['42']);
  // Cut off after its last number, not inside it: the fallback still reads the number it reached.
  const reached = 'Her speed was 8 m/s and is now 9.6 m/s, so her new time is about 20.83 s. But let me check with the';
  assert.deepEqual(read(q, reached, ['truncated: true']).values, ['20.83']);
});

test('37c: a response cut off in its summary wrote no summary: its final answer is the last candidate it reached', () => {
  const q = 'Which runner has the greatest average speed: Ann, Ben or Cal?';
  const think =
    "<think>\nAnn: 12 / 4 = 3 m/s. Ben: 15 / 3 = 5 m/s. Cal: 16 / 4 = 4 m/s.\n\nSo the greatest average speed is Ben's, so the answer is Ben.\n</think>\n\n";
  const summary =
    '**Ann:**\n- Distance: 12 m\n- Time: 4 s\n- Average speed: 12 / 4 = 3\n\n**Ben:**\n- Distance: 15 m\n- Time: 3 s\n- Average speed: 15 / 3 = 5';
  assert.deepEqual(read(q, think + summary, ['finish_reason: length']), { values: ['Ben'], final: 'Ben' });
  // An answer the summary stated explicitly before the cut is its final answer.
  assert.equal(read(q, `${think}The fastest is Ben, so the answer is Cal.\n\n**Ann:** 12 / 4`, ['finish_reason: length']).final, 'Cal');
  // A complete summary gives the final answer as before, whatever its strength.
  assert.equal(read(q, `${think}${summary}.`).final, '5');
  assert.equal(read(q, `${think}${summary}`, ['truncated: false']).final, '5');
});

test('37d: an option letter boxed with its value right after it ("\\boxed{D\\left(\\frac{5}{2}\\right)}", "\\boxed{B（a=1）}") is that option: the letter', () => {
  const q = 'The foci of two parabolas are F1 and F2. What is |F1F2|? A. 1 B. 2 C. 3/2 D. 5/2';
  const think = 'The foci are (2, 0) and (0, 3/2), so |F1F2| = \\sqrt{4 + 9/4} = 5/2. So choose D.\n\n';
  for (const box of [
    '\\boxed{D\\left(\\frac{5}{2}\\right)}',
    '\\boxed{D(\\frac{5}{2})}',
    '\\boxed{D\\text{（}\\frac{5}{2}\\text{）}}',
    '\\boxed{D: 5/2}',
  ])
    assert.equal(read(q, `${think}${box}`).final, 'D', box);
  // The value alone, or outside a multiple-choice question a letter that names a point, is read as written.
  assert.equal(read(q, `${think}\\boxed{\\frac{5}{2}}`).final, '\\frac{5}{2}');
  const point = 'Which point of the parabola y = x^2 is closest to (3, 0)? Call it A.';
  assert.equal(read(point, 'Minimizing the distance gives x = 1. So \\boxed{A(1, 1)}').final, 'A(1, 1)');
});

test('37e: a unit written as text after a boxed number ("\\boxed{1.4 \\times 10^{25} \\text{ erg/s}}") is the number: the answer matches the ground truth', () => {
  const correct = (body: string, truth: string) =>
    segmentAttempts(recordWith('How far is it, in cm?', body, [`answer: ${truth}`]), { ...defaultSegmentOptions, reader: 'rules' })
      .finalCorrect;
  assert.equal(correct('So the distance is 12 + 30 = 42.\n\n\\boxed{42 \\text{ cm}}', '42'), true);
  assert.equal(correct('The luminosity is about \\boxed{1.4 \\times 10^{25} \\text{ erg/s}}', '1.4 \\times 10^{25}'), true);
  assert.equal(normalizeAnswer('1.4 \\times 10^{25}\\ \\text{erg/s}'), normalizeAnswer('1.4 \\times 10^{25}'));
  // Not a unit: the imaginary unit or e written as text, a word answer, text inside the value.
  assert.notEqual(normalizeAnswer('3 + 4\\text{i}'), normalizeAnswer('3 + 4'));
  assert.notEqual(normalizeAnswer('2\\mathrm{e}'), normalizeAnswer('2'));
  assert.equal(normalizeAnswer('\\text{sufficient}'), 'sufficient');
  assert.notEqual(normalizeAnswer('2 \\text{ or } 3'), normalizeAnswer('2'));
});
