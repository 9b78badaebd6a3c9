// Pass 79's rules (docs/segmentation-eval.md, "Stop 37: pass 79"): a multiple-choice letter chosen
// with its option's content after any choice cue, and an assertion named inside a sentence for a
// code-output question. The questions and responses are written for this test (not taken from dev37
// or any other set), each rule with a case it must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { programValueStatements } from '../../../server/src/trace/programValues.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases, CODE_79 } from '../../../bench/adversarial.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

const BIRD = 'Which bird is the largest living bird? A. Emu B. Ostrich C. Cassowary D. Rhea';

// 79a (statements.ts findOptionLetters): "should be B. Ostrich" chooses B: after any choice cue the
// letter may be followed by its own option's content, the rest of its line.
test('79a: "So the correct answer should be B. Ostrich." chooses B', () => {
  const body =
    '<think>\nThe emu is tall, but the ostrich is heavier, up to 150 kg, and taller.\nSo the correct answer should be B. Ostrich.\n</think>\n\nThe ostrich.';
  assert.deepEqual(rules(BIRD, body), ['B']);
  assert.deepEqual(rules(BIRD, body.replace('should be B. Ostrich.', 'is B. Ostrich')), ['B']);
});

test('negative 79a: a letter followed by other words than its option\'s content is no choice ("is B. The emu ...")', () => {
  const body = '<think>\nThe largest one is B. The emu is tall too, but lighter.\nI am not sure between them.\n</think>\n\nNot sure.';
  assert.deepEqual(rules(BIRD, body), []);
  // Another option's content after the letter: neither letter nor content agree.
  assert.deepEqual(rules(BIRD, body.replace('is B. The emu is tall too, but lighter.', 'would be B. Emu')), []);
});

// 79d (statements.ts namedOption): options alike by their words are told apart where the sentence
// writes one of them whole, in a row.
const ROCK =
  'Which rock is described? A. Fine-grained igneous rock B. Fine-grained volcanic igneous rock C. Coarse-grained igneous rock D. Metamorphic rock';

test('79d: "So the rock is a fine-grained volcanic igneous rock." names B, not A (whose words it also holds)', () => {
  const body =
    '<think>\nThe crystals are too small to see and it formed from lava at the surface.\nSo the rock is a fine-grained volcanic igneous rock.\n</think>\n\nIt is the volcanic one.';
  assert.deepEqual(rules(ROCK, body), ['B']);
});

test('negative 79d: a sentence with the words of two alike options, neither written whole, names none', () => {
  const body = '<think>\nThe crystals are too small to see.\nSo the rock is volcanic, igneous and fine-grained.\n</think>\n\nNot sure.';
  assert.deepEqual(rules(ROCK, body), []);
  // One option written whole, but another named by a word of its own: two options, none chosen.
  assert.deepEqual(
    rules(ROCK, body.replace('volcanic, igneous and fine-grained.', 'a fine-grained volcanic igneous rock or a metamorphic rock.')),
    [],
  );
});

// 79c (programValues.ts assertionLine): "the correct assert is f(...) == X" states the value, as an
// assertion line does.
const CODE = CODE_79;

test("79c: \"Therefore the correct assert is f('ab') == 'ba!'\" states the output", () => {
  const t = "So the reversed string is 'ba' and then '!' is added.\nTherefore the correct assert is f('ab') == 'ba!'.";
  assert.deepEqual(
    programValueStatements(t, 0, t.length).map((s) => t.slice(s.start, s.end)),
    ["'ba!'"],
  );
  const body = `<think>\nf reverses the string: 'ab' becomes 'ba'. Then it adds '!'.\n${t}\n</think>\n\n'ba!'`;
  assert.deepEqual(rules(CODE, body), ["'ba!'"]);
});

test('negative 79c: "==" in a traced test, with no assertion named, states nothing', () => {
  const t = "The loop checks if s[i] == 'a' for each i, then returns.";
  assert.deepEqual(programValueStatements(t, 0, t.length), []);
  // "assert" named, but no call before "==": a comparison, not the assertion's call.
  const u = 'The assert checks that the length == 3 here.';
  assert.deepEqual(programValueStatements(u, 0, u.length), []);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('79c: long lines of "assert" and calls before "==": segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules79);
});
