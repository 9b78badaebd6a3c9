// fx43 item 4 (docs/segmentation-eval.md, "Stop 43: fx43"): fx42's leftover. A list whose option lines
// end in a blank (or follow a blank line) but the last, written on the `.trace` header's one line, read
// its last label as a letter inside the last option's text ("C. cyclohexane D. benzene", as "E. coli"):
// the header now writes every line break before a label as two blanks where one of them would leave a
// gap anyway. Hand-written questions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { formatRecord, queryLine } from '../../../server/src/trace/format.js';

const letters = (query: string): string[] => [...(analyzeQuestion(query).optionOf?.values() ?? [])];
/** The query as a .trace header writes it. */
const header = (s: string): string => /^query: (.*)$/m.exec(formatRecord({ headers: { query: s }, body: '' }))![1];

test('fx43 4: options whose lines end in a blank but the last keep their last option in the header', () => {
  for (const q of [
    'Which compound is aromatic?\n\nA. methane \nB. ethane \nC. cyclohexane\nD. benzene',
    'Which compound is aromatic? \nA. methane \nB. ethane \nC. cyclohexane\nD. benzene',
    'Which metal is liquid at room temperature?\n\n(A) iron \n(B) copper \n(C) silver\n(D) mercury\n\nAnswer with the letter.',
  ]) {
    assert.deepEqual(letters(q), [...'abcd'], q);
    assert.deepEqual(letters(header(q)), [...'abcd'], header(q));
  }
  assert.equal(
    analyzeQuestion(header('Which compound is aromatic?\n\nA. methane \nB. ethane \nC. cyclohexane\nD. benzene')).optionOf?.get('benzene'),
    'd',
  );
});

test('negative fx43 4: a label-like letter inside the last option is still text; other queries are written as before', () => {
  const coli = 'Which organism?\n\nA. Staphylococcus aureus \nB. Streptococcus pyogenes \nC. Shiga toxin-producing E. coli';
  assert.deepEqual(letters(header(coli)), [...'abc']);
  // No line before a label ends in a blank: one blank per line break, as before.
  assert.equal(
    queryLine('Which compound is aromatic?\nA. methane\nB. ethane\nC. cyclohexane\nD. benzene'),
    'Which compound is aromatic? A. methane B. ethane C. cyclohexane D. benzene',
  );
  assert.equal(queryLine('Solve for x.\n\nThen check it.'), 'Solve for x.  Then check it.');
});
