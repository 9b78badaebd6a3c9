// The sixty-third pass's rules (docs/segmentation-eval.md "Stop 32: pass 63"): multiple-choice
// responses as real models write them. A closing line that is only an option's letter ("B",
// "**B**", "ANSWER: B") is the response's answer. The questions and responses are written for this
// test (other subjects than the development records), with the cases each rule must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string): string[] => read(query, body).attempts.map((a) => a.candidate.value);

const gas = "Which gas makes up most of Earth's atmosphere? A. Oxygen B. Nitrogen C. Argon D. Carbon dioxide";

test('63a: a closing line that is only an option letter is the answer', () => {
  const think = '<think>\nAir is about 78% nitrogen and 21% oxygen; argon is under one percent.\n</think>\n\n';
  for (const last of ['B', '**B**', '(B)', 'B.', 'ANSWER: B', '**Answer:** B']) {
    const s = read(gas, `${think}${last}`);
    assert.deepEqual(
      s.attempts.map((a) => a.candidate.value),
      ['B'],
      last,
    );
    assert.equal(s.final?.value, 'B', last);
  }
  // The last line of a response without a thinking block too.
  assert.deepEqual(rules(gas, 'Nitrogen is about 78% of dry air, far ahead of oxygen.\n\nB'), ['B']);
});

test('63a: a letter line that is not the closing line, or not an option, is no answer', () => {
  // A letter line in the middle, followed by more reasoning: not the closing line.
  assert.deepEqual(rules(gas, 'Let me list them:\nB\nNitrogen is about 78% of dry air.'), []);
  // A letter that is not one of the options (E when the options are A-D).
  assert.deepEqual(rules(gas, 'Nitrogen dominates dry air.\n\nE'), []);
  // A math question without options: a closing "A" names a point, not an answer.
  const tri = 'In triangle ABC, AB = 3 and BC = 4 with a right angle at B. How long is AC?';
  assert.deepEqual(rules(tri, 'By Pythagoras AC = 5.\nThe vertex opposite BC is\nA'), ['5']);
});

const rock = 'Which rock forms from cooled lava at the surface? A. Granite B. Marble C. Basalt D. Sandstone';

test('63b: an option judged with a hedged denial or "too" is not chosen', () => {
  // Each judgement ends its paragraph before a marker: read as a choice, each would be an attempt.
  for (const verdict of ['so A is probably not the right answer.', 'so A is likely not applicable.', 'so A is too slow a cooler.']) {
    const body = `Granite cools slowly underground, ${verdict}\n\nHmm, what about basalt? Basalt cools fast at the surface.\n\nSo the answer is C.`;
    assert.deepEqual(rules(rock, body), ['C'], verdict);
  }
});

test('63b: a hedged verdict that does not deny still chooses the option', () => {
  // "probably correct" judges the option right: the letter is read.
  assert.deepEqual(rules(rock, 'Basalt is the fine-grained volcanic rock, so C is probably correct.'), ['C']);
  // The same words after a letter that is no option (a math question's point A) read nothing new.
  const pts = 'Point A is at (0, 0) and point B at (3, 4). What is the distance AB?';
  assert.deepEqual(rules(pts, 'So A is probably not at the origin? It is. The distance is 5.'), ['5']);
});

test('63c: options whose labels are followed by a wide gap are read', () => {
  const planets =
    'Which planet is closest to the Sun?  Options: A.  Venus. B.  Mercury. C.  Mars. D.  Earth.  Reply with only A, B, C, or D.';
  const q = analyzeQuestion(planets);
  assert.deepEqual(q.optionOf?.get('mercury'), 'b');
  assert.deepEqual(rules(planets, '<think>\nMercury orbits at 0.39 AU, inside Venus.\n</think>\n\nB'), ['B']);
});

test('63c: a wide gap after a letter that labels no list of options reads no options', () => {
  // Points labelled in a geometry question, two spaces after each: still no options (three labels, no list).
  const pts = 'Points A.  B.  C. lie on a circle of radius 2. What is the largest possible area of triangle ABC?';
  assert.equal(analyzeQuestion(pts).optionOf, undefined);
});
