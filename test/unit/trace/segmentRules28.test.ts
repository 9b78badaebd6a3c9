// The twenty-eighth pass's rules (re-derivations in SFT re-checking loops; docs/segmentation-eval.md
// "Pass 28", docs/annotation-guide.md "Restatements merge; re-derivations do not"), one short
// hand-written example each, with what each rule must leave as it was. The pass's development
// data: the real dev sets (fresh13 among them) and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record, values } from './segmentRuleHelpers.js';

test('28b: a value given to a precision after a bracket closes on a fraction or a decimal is a result', () => {
  const q = 'Light travels in glass of index of refraction 1.5 toward air. Compute the critical angle in degrees.';
  const body =
    'Snell: 1.5 sin(theta_c) = 1, so sin(theta_c) = 1 / 1.5 = 2/3.\n\nTherefore, theta_c = arcsin(2/3) ≈ 41.8 degrees.\n\nBut wait, let me check the definition again. The critical angle is where the refracted ray grazes the surface, so sin(theta_c) = n2 / n1 = 2/3 and theta_c = arcsin(2/3) ≈ 41.8 degrees.\n\nSo the critical angle is 41.8 degrees.';
  assert.deepEqual(values(q, body), ['41.8', '41.8']);
  // A size guessed in words stays an estimate: "roughly (0.3) ≈ 90" is no result.
  const rough = 'The product is roughly 300 × (0.3) ≈ 90, so about 90.\n\nExactly: 300 × 0.31 = 93.\n\nSo the answer is 93.';
  assert.deepEqual(values('What is 300 times 0.31?', rough), ['93']);
});

test('28a: an "if" that restates a given of the question re-applies it: the value after it is concluded', () => {
  const q = 'A train covers 240 km at a constant speed in 3 hours. What is its speed in km/h?';
  const body =
    'Speed is distance over time: 240 / 3 = 80. So the speed is 80 km/h.\n\nWait, is that right?\n\nLet me make sure I did not mix anything up. Speed is how far you go in one hour. If a car goes 100 km in 2 hours, it goes 50 km in one hour, because 100/2 is 50. So, if the distance is 240 km, then the speed is 240/3 km/h, which is 80 km/h. That seems correct.\n\nBut let me think again about the units.';
  assert.deepEqual(values(q, body), ['80', '80']);
  // A case tried with a value the question does not give stays a hypothetical.
  const tried = body.replace(
    'if the distance is 240 km, then the speed is 240/3 km/h, which is 80',
    'if the distance is 300 km, then the speed is 300/3 km/h, which is 100',
  );
  assert.deepEqual(values(q, tried), ['80']);
});

test('28a: after an "if" that restates a given, a value that opens a computation is an operand, no result', () => {
  const q = 'A star has a parallax of 0.02 arcseconds. How far away is it, in parsecs?';
  const body =
    'The distance in parsecs is the reciprocal of the parallax in arcseconds. So, if the parallax is 0.02 arcseconds, then the distance in parsecs should be 1 divided by 0.02. Let me compute that.\n\n1 / 0.02 = 50.\n\nSo the star is 50 parsecs away.';
  assert.deepEqual(values(q, body), ['50']);
});

test('28c: a number in scientific notation is one value', () => {
  const q = 'A lamp radiates 3 watts for 2 hours. How much energy does it radiate, in joules?';
  const body =
    'Energy is power times time: 2 hours is 7200 s, so E = 3 × 7200 = 21600 J.\n\nIn scientific notation, the energy is 2.16 × 10^4 J.\n\nTherefore, the answer is 2.16 \\times 10^{4} joules.';
  // Before the rule the candidate read was "2.16", the mantissa alone.
  assert.deepEqual(values(q, body), ['2.16 \\times 10^{4}']);
  assert.deepEqual(values(q, 'E = 3 × 7200 = 2.16 * 10^4 J.\n\nSo the answer is 2.16 * 10^4.'), ['2.16 * 10^4']);
  // A product with 10 that is no power ("2 × 10 = 20") stays arithmetic.
  assert.deepEqual(values('What is 2 times 10?', '2 × 10 = 20.\n\nSo the answer is 20.'), ['20']);
});

test('28d: a value the question quotes, concluded of the asked quantity and given as the answer elsewhere, is a candidate', () => {
  const q = 'Ana has 12 apples. She gives half of them to Ben and then buys 6 more. What is the total number of apples Ana has now?';
  const body =
    'Half of 12 is 6, so she keeps 6. Then 6 + 6 = 12. Therefore, the total number of apples Ana has now is 12.\n\nWait, let me re-check. She gives away 12 / 2 = 6 and keeps 6; buying 6 more gives 6 + 6 = 12. Hence, the total number of apples Ana has now is 12.\n\n**Final Answer:** \\boxed{12}';
  assert.deepEqual(values(q, body), ['12', '12']);
  // Never given as the answer, the question's own value concluded in words may be the question
  // restated: as before, no candidate.
  assert.deepEqual(values(q, body.slice(0, body.indexOf('\n\n**Final'))), []);
});

test('28e: a re-check\'s arithmetic said with "is" reaches the answer again where it states it', () => {
  const q =
    'Seattle has 20 sheep. Charleston has 4 times as many sheep as Seattle, and Toulouse has twice as many as Charleston. How many sheep do the three cities have together?';
  const body =
    'Charleston has 4 * 20 = 80 sheep and Toulouse has 2 * 80 = 160 sheep. So, together they have 20 + 80 + 160 = 260 sheep.\n\nWait, let me double-check each step. Charleston: 4 times 20 is 80. Toulouse: twice 80 is 160. Adding them all together: 160 + 80 is 240, plus 20 is 260. That seems right.\n\nAlternatively, Toulouse has 8 times as many as Seattle.\n\nTherefore, the answer is 260.';
  const rec = record(q, body);
  const at = segmentAttempts(rec, defaultSegmentOptions).attempts.map((a) => rec.body.slice(a.candidate.start - 11, a.candidate.end));
  // Before the rule the echo was placed at "the answer is 260", after the alternative method.
  assert.deepEqual(at, ['80 + 160 = 260', 'plus 20 is 260']);
  // A confirmed sub-step of another value stays a step.
  const subStep = body.replace('160 + 80 is 240, plus 20 is 260', '80 + 80 is 160');
  assert.deepEqual(values(q, subStep), ['260', '260']);
});

test('28e: the arithmetic need not be confirmed: the re-derivation is placed where it reaches the answer', () => {
  const q = 'The test scores are 84, 85 and 86, and a fourth test scored 90. What is the sum of the four scores?';
  const body =
    'The first three add to 84 + 85 + 86 = 255, and with the fourth the sum is 255 + 90 = 345.\n\nWait, let me add them in another order. 84 + 86 is 170, 85 + 90 is 175, and 170 + 175 is 345.\n\nSo the sum of the four scores is 345.';
  const rec = record(q, body);
  const at = segmentAttempts(rec, defaultSegmentOptions).attempts.map((a) => rec.body.slice(a.candidate.start - 10, a.candidate.end));
  // Before the rule the echo was placed at the closing "the sum of the four scores is 345".
  assert.deepEqual(at, ['55 + 90 = 345', ' + 175 is 345']);
});
