// The forty-seventh pass's rule (docs/segmentation-eval.md "Stop 29: pass 47"): a multiple-choice
// option chosen by its content, not its letter. The questions and responses are written for this
// test (GPQA-like statements, MMLU-Pro-like options with units, names), with the cases the rule must
// leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases, ENZYME_47 } from '../../../bench/adversarial.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string): string[] => read(query, body).attempts.map((a) => a.candidate.value);

const enzyme = ENZYME_47;

test('47a: a statement option concluded by its content ("So the correct statement is that it raises the apparent Km ...") is its letter', () => {
  const body =
    'A competitive inhibitor competes with the substrate for the active site. At high substrate the inhibitor is outcompeted, so the maximal rate is still reached.\n\nSo the correct statement is that it raises the apparent Km while Vmax stays unchanged.';
  assert.deepEqual(rules(enzyme, body), ['A']);
  const s = read(enzyme, body);
  assert.equal(s.final?.value, 'A');
  // Other cues: "Therefore, ...", "Final answer: ...", a large part of the option's words.
  assert.deepEqual(rules(enzyme, body.replace('So the correct statement is that it', 'Therefore, the inhibitor')), ['A']);
  assert.deepEqual(rules(enzyme, 'Substrate competes for the same site.\n\nFinal answer: it raises the apparent Km, Vmax unchanged.'), [
    'A',
  ]);
  // The candidate spans the option's words in the response.
  const a = s.attempts[0].candidate;
  assert.equal(body.slice(a.start, a.end), 'raises the apparent Km while Vmax stays unchanged');
});

test('47a: an option with a unit, and a name, concluded as a value would be', () => {
  const speed =
    'A car covers 150 m in 12 s at constant speed. What is its speed? Options: A. 10.5 m/s B. 12.5 m/s C. 15 m/s D. 18 m/s E. 25 m/s';
  assert.deepEqual(rules(speed, 'Speed is distance over time: 150 / 12.\n\nTherefore, the speed is 12.5 m/s.'), ['B']);
  // "112.5 m/s" is no option: the option's words stand in the sentence in a row.
  assert.deepEqual(rules(speed, 'Speed is distance over time.\n\nTherefore, the speed is 112.5 m/s.'), []);
  const planet = 'Which planet of the solar system has the highest mean density? (A) Jupiter (B) Saturn (C) Earth (D) Mars';
  assert.deepEqual(
    rules(planet, 'Rocky planets are denser than gas giants, and the largest rocky planet is compressed most.\n\nSo Earth is the densest.'),
    ['C'],
  );
  // A superlative verdict without a conclusion word: "Earth is the densest".
  assert.deepEqual(rules(planet, 'Gas giants are mostly hydrogen. Among the rocky ones, Earth is the densest.'), ['C']);
});

test('47a: not an option read out or examined, discussed without a cue, denied, tied, or hedged', () => {
  // Examined one by one with their letters: the letter rules decide, this rule reads nothing of its own.
  const examined =
    'Option B says it lowers Vmax while leaving Km unchanged; so that is a noncompetitive inhibitor.\n\n(C) binds only to the enzyme-substrate complex, so that describes an uncompetitive one.';
  assert.deepEqual(rules(enzyme, examined), []);
  // The content discussed, with no conclusion cue.
  assert.deepEqual(
    rules(enzyme, 'One possibility: it raises the apparent Km while leaving Vmax unchanged. Let me think about the others.'),
    [],
  );
  // A quoted option in a verdict against it.
  assert.deepEqual(rules(enzyme, 'So the claim that "it lowers Vmax while leaving Km unchanged" is false for this kind of inhibitor.'), []);
  assert.deepEqual(rules(enzyme, 'So it does not bind only to the enzyme-substrate complex.'), []);
  // Hedged: a guess, not a conclusion.
  assert.deepEqual(rules(enzyme, 'So maybe it forms a covalent bond with the active site serine.'), []);
  // Two options named alike: a comparison, no choice.
  const planet = 'Which planet of the solar system has the highest mean density? (A) Jupiter (B) Saturn (C) Earth (D) Mars';
  assert.deepEqual(rules(planet, 'So Earth and Mars are both rocky.'), []);
  // A letter in the sentence: the existing rules read the letter, once.
  assert.deepEqual(rules(planet, 'So the answer is C (Earth).'), ['C']);
  // A question without options: nothing.
  assert.deepEqual(rules('Which planet of the solar system has the highest mean density?', 'So Earth is the densest.'), []);
});

test('47b: an option that is an item label ("planet c" for option D: c) is chosen where the sentence names the item', () => {
  // The guide's own example: "so planet c is the densest" for option D.
  const q =
    'Which of these exoplanets has the highest density? a) A planet of one Earth mass and one Earth radius. b) A planet of 2 Earth masses with a density of about 5.5 g/cm^3. c) A planet of the same composition as Earth but 5 times more massive. d) A planet of the same composition as Earth but half the mass. Options: A) b B) a C) d D) c';
  assert.deepEqual(rules(q, 'A more massive rocky planet is compressed more by its own gravity.\n\nSo planet c is the densest.'), ['D']);
  assert.deepEqual(rules(q, 'Compression raises the density with the mass, so ρ_c is the highest.'), ['D']);
  // "a" is the article unless marked as a label; two items compared choose neither.
  assert.deepEqual(rules(q, 'So a planet with half the mass is less compressed.'), []);
  assert.deepEqual(rules(q, 'So planet c is denser than planet d.'), []);
});

test('47a: options written as math are left to the value rules', () => {
  const q =
    'Given A = {x | 2x^2 - x - 1 = 0} and B = {-1/2, 1, 2}, find A ∩ B. A. $\\{1\\}$ B. $\\{-\\frac{1}{2}\\}$ C. $\\{-\\frac{1}{2}, 1\\}$ D. $\\{2\\}$';
  assert.deepEqual(rules(q, 'So, $A = \\{-\\frac{1}{2}, 1\\}$ and the common elements follow.'), []);
  // A formula option is named only as it is written: "3 * y" is not option B's "3/y".
  const loops = 'A loop adds 1 to r y times, three times over. What is r at the end? A. 3y B. 3/y C. y+2 D. y-3 E. 9y';
  assert.deepEqual(rules(loops, 'Each pass adds y. So the total would be 3 * y.'), []);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('47a: 20 KB bodies of cues and option words: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules47);
});
