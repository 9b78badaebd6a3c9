// fx42 item 3 (docs/segmentation-eval.md, "Stop 42: fx42"): stop 41's option-label leftovers. A
// label-like letter inside the LAST option's text (no later label to tell it by, as importfix41's
// gap rule did for a middle option), in prompt-only options not written "(X)", and a "C)" inside
// option B of a two-option list the importer wrote "(A) ...  (B) ...". Hand-written questions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { withOptions } from '../../../server/src/trace/formats/records.js';
import { formatRecord } from '../../../server/src/trace/format.js';
import { otherCases } from '../../../bench/adversarial.js';

const letters = (query: string): string[] => [...(analyzeQuestion(query).optionOf?.values() ?? [])];
const optionOf = (query: string): [string, string][] => [...(analyzeQuestion(query).optionOf?.entries() ?? [])];
/** The query as a .trace header writes it (format.ts: one line; two blanks before a label that opened a line, where a label-like letter is inside one). */
const header = (s: string): string => /^query: (.*)$/m.exec(formatRecord({ headers: { query: s }, body: '' }))![1];

test('prompt-only options: a next letter inside the last option\'s text ("D. Shiga toxin-producing E. coli", "D: ... with E: a mix") is no fifth option', () => {
  const coli =
    'Which organism causes the disease?\nA. Staphylococcus aureus\nB. Streptococcus pyogenes\nC. Salmonella enterica\nD. Shiga toxin-producing E. coli\n\nAnswer with the letter.';
  for (const q of [coli, header(coli)]) {
    assert.deepEqual(letters(q), [...'abcd']);
    assert.equal(analyzeQuestion(q).optionOf?.get('shigatoxin-producinge.coli'), 'd');
  }
  const mix = 'Which supplement?\nA: Vitamin C\nB: Vitamin B12\nC: Vitamin D\nD: Vitamin A with E: a mix\n\nAnswer with the letter.';
  assert.deepEqual(letters(header(mix)), [...'abcd']);
});

test('a two-option list: "B) No, because C) in the premise is false" and "B. No: see C. the limit" keep two options', () => {
  assert.deepEqual(optionOf(header('Is the statement true?\nA) Yes\nB) No, because C) in the premise is false\n\nAnswer with A or B.')), [
    ['yes', 'a'],
    ['no,becausec)inthepremiseisfalse', 'b'],
  ]);
  assert.deepEqual(letters(header('Is the function continuous at 0?\nA. Yes\nB. No: see C. the limit\n')), [...'ab']);
});

test('options the importer writes "(A) ...  (B) ...": a "C)" or "(C)" inside option B is no third option', () => {
  assert.deepEqual(letters(header(withOptions('Is the claim true?', ['True', 'False: C) 2 is odd']))), [...'ab']);
  assert.deepEqual(letters(header(withOptions('Is the claim true?', ['Yes', 'No, because (C) is false']))), [...'ab']);
  assert.deepEqual(letters(header(withOptions('Is the claim true?', ['Yes', 'No, see C. below']))), [...'ab']);
});

test('negative: lists that go on at a label without a gap are read as before', () => {
  // A label after a sentence's end, where a line break was read as one blank (a GPQA prompt whose options follow blank lines but the last).
  const gpqa =
    'Which statement is false?\n\n\nA) The rate is linear. \n\nB) Both show two conformations. \nC) The shift creates two polyproteins.\nD) The complex prevents the breakdown of dsRNA.';
  assert.deepEqual(letters(header(gpqa)), [...'abcd']);
  // Two labels after a gap, then C and D inline (C is followed by D).
  assert.deepEqual(letters('Which?  A) 1.220 \\lambda /a  B) 0.500 \\lambda / a C) 0.610 \\lambda / a D) 0.506 \\lambda / a'), [...'abcd']);
  // One gapped label, then the rest inline; options on one line; lower-case options each on a line.
  assert.deepEqual(letters('Which is largest?  A) 1 B) 2 C) 3 D) 4'), [...'abcd']);
  assert.deepEqual(letters('Which is largest? A) 1 B) 2 C) 3 D) 4'), [...'abcd']);
  assert.deepEqual(letters(header('Which is a solvent?\nA. water\nB. sand\nC. salt\nD. chalk')), [...'abcd']);
  // A third option written "(C)" after two: a list of three.
  assert.deepEqual(letters(header(withOptions('Pick one.', ['Yes', 'No', 'Maybe']))), [...'abc']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('the last-option check on 200 KB of inner labels in one option: the four options', { timeout: 120_000 }, () => {
  const [q] = otherCases.lastOption.inputs(1);
  assert.deepEqual(letters(q), [...'abcd']);
});
