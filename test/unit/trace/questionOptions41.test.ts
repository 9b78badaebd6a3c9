// Labels inside an option's text (stop 41, importfix41): a list of labels written "(A)", "(B)",
// "(C)" goes on only at a label so written, and a list whose labels follow wide gaps does not go on
// at the same letter inside an option. The importer writes options whose text holds a label-like
// letter "(A) ..." one to a paragraph (formats/records.ts withOptions), two blanks before each
// label in the one-line `query:` header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { withOptions } from '../../../server/src/trace/formats/records.js';
import { formatRecord } from '../../../server/src/trace/format.js';

const letters = (query: string): string[] => [...(analyzeQuestion(query).optionOf?.values() ?? [])];
/** The query as a .trace header writes it (format.ts: one line; two blanks before a label that opened a line, where a label-like letter is inside one). */
const header = (s: string): string => /^query: (.*)$/m.exec(formatRecord({ headers: { query: s }, body: '' }))![1];

test('options written "(A) ..." after a wide gap each: a "J)" inside the last option\'s text is no tenth option', () => {
  // The shape of MMLU-Pro element 5241 (mathstral-7B file), shortened: nine options, each holding "PD (A, I, J)".
  const options = [...'123456789'].map((d) => `PD (A, I, J) / ${d}.0 END`);
  const query = header(withOptions('Write PD (A, I, J).', options));
  assert.match(query, /^Write PD \(A, I, J\)\. {2}\(A\) PD \(A, I, J\) \/ 1\.0 END {2}\(B\) /);
  assert.deepEqual(letters(query), [...'abcdefghi']);
  assert.equal(analyzeQuestion(query).optionOf?.get('pd(a,i,j)/9.0end'), 'i');
  // Written "A) ..." one option to a line, as before: the tenth option, the rest of I's text.
  const oneLine = header(`Write PD (A, I, J).\n\n${options.map((t, k) => `${'ABCDEFGHI'[k]}) ${t}`).join('\n')}`);
  assert.deepEqual(letters(oneLine), [...'abcdefghij']);
});

test('two labels after a gap do not make a list of gaps: "  A) x  B) y C) z D) w" keeps C and D (a GPQA prompt of dev36)', () => {
  assert.deepEqual(letters('Which?  A) 1.220 \\lambda /a  B) 0.500 \\lambda / a C) 0.610 \\lambda / a D) 0.506 \\lambda / a'), [...'abcd']);
});

test('a "C)" inside option B\'s text is no label; an option whose text ends without its bracket does not hide the next label', () => {
  // MMLU-Pro element 9275's option H "(F ⊃ E) ∨ (S ⊃ ~C" has no closing bracket: I after it is the next option.
  const options = ['(E ⊃ F) ∨ ~(S ≡ C)', '(E ⊃ F) ∨ (S ⊃ C)', '(E ⊃ F) ∨ (~C ⊃ S)', '(F ⊃ E) ∨ (S ⊃ ~C', '(E ⊃ F) ∨ (~C ≡ S)'];
  assert.deepEqual(letters(header(withOptions('Which formula?', options))), [...'abcde']);
});

test('an "A" inside an option of such a list starts no list of its own: in a middle option, in the last one', () => {
  // MMLU-Pro (mathstral-7B file) element 8898's options, verbatim: "D) 0.002 A." was read as "0.002".
  const amps = header(
    withOptions('If holding current of a thyristor is 2 mA then latching current should be', [
      '0.001 A.',
      '0.004 A.',
      '0.01 A.',
      '0.002 A.',
    ]),
  );
  assert.equal(
    amps,
    'If holding current of a thyristor is 2 mA then latching current should be  (A) 0.001 A.  (B) 0.004 A.  (C) 0.01 A.  (D) 0.002 A.',
  );
  const q = analyzeQuestion(amps).optionOf;
  assert.deepEqual(
    [...(q?.entries() ?? [])],
    [
      ['0.001a', 'a'],
      ['0.004a', 'b'],
      ['0.01a', 'c'],
      ['0.002a', 'd'],
    ],
  );
  // Element 652's shape: every option names stores A and B.
  const stores = header(
    withOptions('Which store is cheaper?', [
      'Store A: $23.95, Store B: $18.39',
      'Store A: $36.07, Store B: $18.39',
      'Store A: $18.39, Store B: $23.95',
    ]),
  );
  assert.deepEqual([...(analyzeQuestion(stores).optionOf?.values() ?? [])], ['a', 'b', 'c']);
  assert.equal(analyzeQuestion(stores).optionOf?.get('storea:36.07,storeb:18.39'), 'b');
});

test('a GPQA prompt whose option lines end in blanks ("A. x \\nB. y \\nC. z\\nD. w") keeps D', () => {
  // Record 133 of the outsider's llama-stack-evals gpqa-cot-diamond.json (Llama-4-Maverick), the options verbatim.
  const q = header('Which concentration?\nA. 5.48x10^-7 M \nB. 3.97x10^-7 M \nC. 2.81x10^-7 M\nD. 6.24x10^-7 M\n- For simple problems:');
  assert.deepEqual(letters(q), [...'abcd']);
});
