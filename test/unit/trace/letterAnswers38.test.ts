// Stop 38 (docs/segmentation-eval.md, "Stop 38: letter answers after blanks and mirrored options"):
// an explicit answer letter ("The answer is (G).", "\boxed{F}") is read whatever the question's
// blanks, its options' wording or the integer form of its asked quantity. Texts written for these
// tests; each positive case read no candidate before the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAnswer } from '../../../server/src/trace/answers.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string, answer?: string) {
  return parseTrace(`=== 1\nquery: ${query}\n${answer !== undefined ? `answer: ${answer}\n` : ''}---\n${body}\n`).records[0];
}
/** The candidates' values by the rules and by the default (learned) reader: they agree on one-attempt records. */
function values(query: string, body: string, answer?: string): string[] {
  const rec = record(query, body, answer);
  const rules = segmentAttempts(rec, { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);
  const learned = segmentAttempts(rec, defaultSegmentOptions).attempts.map((a) => a.candidate.value);
  assert.deepEqual(learned, rules);
  return rules;
}
const L = 'ABCDEFGHIJ';
/** The question with its options appended on one line, as an import with `prompt=question + options` writes it. */
const withOptions = (q: string, options: readonly string[]): string => `${q}  ${options.map((o, k) => `${L[k]}) ${o}`).join(' ')}`;

const BLANKS = 'A trustee must act in the interest of ________ and show a duty of ________.';
const BLANK_OPTIONS = [
  'Creditors, Loyalty',
  'Beneficiaries, Secrecy',
  'Settlors, Care',
  'Creditors, Care',
  'Courts, Loyalty',
  'Beneficiaries, Care',
  'Settlors, Secrecy',
  'Courts, Care',
];

test('38a: a question with two blanks answered by an option letter, its options not shown (a letter reference)', () => {
  assert.equal(analyzeQuestion(BLANKS).blanks, true);
  const why = 'A trustee holds property for the beneficiaries and must take care with it.';
  assert.deepEqual(values(BLANKS, `${why} The answer is (F).`, 'F'), ['F']);
  assert.deepEqual(values(BLANKS, `${why} The answer is F.`, 'F'), ['F']);
  assert.deepEqual(values(BLANKS, `${why}\n\n\\boxed{F}`, 'F'), ['F']);
  // Short blanks read the same.
  assert.deepEqual(values(BLANKS.replace(/_+/g, '___'), `${why} The answer is (F).`, 'F'), ['F']);
});

test('38a: a question with two blanks answered by an option letter, its options shown', () => {
  const q = withOptions(BLANKS, BLANK_OPTIONS);
  assert.equal(analyzeQuestion(q).optionOf?.size, 8);
  const body = 'The trustee serves the beneficiaries and owes them care. The answer is (F).';
  assert.deepEqual(values(q, body), ['F']);
  assert.deepEqual(values(q, body, 'F'), ['F']);
  // Options written "(A) ..." read the same.
  const parens = `${BLANKS} ${BLANK_OPTIONS.map((o, k) => `(${L[k]}) ${o}`).join(' ')}`;
  assert.deepEqual(values(parens, body), ['F']);
  // A change of mind between two letters is two candidates, as for any choice.
  const twice = 'So the answer is (B).\n\nWait, a trustee owes no secrecy as a duty; it is care. So the answer is (F).';
  assert.deepEqual(values(q, twice), ['B', 'F']);
});

test('38a: a boxed letter answers a two-blank question with no options and no reference', () => {
  assert.deepEqual(values(BLANKS, 'The beneficiaries, with a duty of care.\n\n\\boxed{F}'), ['F']);
});

test("negative 38a: one blank's value stated alone is still a part of a two-blank answer", () => {
  const q = 'If 2x + 3 = 11 and y = x - 1, then x = ____ and y = ____.';
  assert.equal(analyzeQuestion(q).blanks, true);
  // "So x is 4" fills one blank; both values together are the answer.
  assert.deepEqual(
    values(q, 'From 2x + 3 = 11, 2x = 8. Therefore, x must be 4.\n\nThen y = 4 - 1 = 3.\n\nSo the answer is \\boxed{4, 3}.'),
    ['4, 3'],
  );
  // One boxed letter stated alone is no option where the question's blanks take values, but a
  // letter with no answer cue is never read anyway: a point named "F" in the work is no candidate.
  assert.deepEqual(values(q, 'Let F be the point (4, 3). Therefore x = 4 and y = 3, that is, \\boxed{4, 3}.'), ['4, 3']);
});

const MIRRORED = [
  'Country A and B trade equally.',
  'Neither country trades.',
  'Country A has a lower output per person than country B.',
  'Both countries have the same output per person.',
  'Country B has a higher output per person than country A.',
  'Country A is less productive than country B.',
  'Country A has a higher output per person than country B.',
  'Country B is less productive than country A.',
  'Output per person is not defined.',
  'Country A is more productive than country B.',
];
const COUNTRY = 'Country A makes 1200 units with 100 workers; country B makes 2400 units with 400 workers.';

test('38b: an option that ends in a capital letter and a full stop ("... than country A.") does not end the option list', () => {
  const q = withOptions(COUNTRY, MIRRORED);
  const optionOf = analyzeQuestion(q).optionOf;
  assert.deepEqual([...optionOf!.values()], [...'abcdefghij']);
  // Option E's content runs to its end, "country A." included.
  assert.equal(optionOf!.get('countrybhasahigheroutputperpersonthancountrya'), 'e');
  const why = 'Country A makes 12 units per worker, country B 6, so country A has a higher output per person than country B.';
  assert.deepEqual(values(q, `${why} The answer is (G).`), ['G']);
  assert.deepEqual(values(q, 'The answer is (G).', 'G'), ['G']);
  assert.deepEqual(values(q, `${why} The answer is (E).`), ['E']);
  // The two options alone, the rest placeholders.
  const two = withOptions('Which is true?', ['p', 'q', 'r', 's', MIRRORED[4], 't', MIRRORED[6], 'u', 'v', 'w']);
  assert.deepEqual(values(two, 'The answer is (G).', 'G'), ['G']);
});

test('38b: an option that repeats another one, or has no content, is still an option', () => {
  const same = withOptions('Which is true?', ['p', 'q', 'r', 's', 'Country X has more.', 't', 'Country X has more.', 'u', 'v', 'w']);
  assert.deepEqual([...analyzeQuestion(same).optionOf!.values()], [...'abcdefghij']);
  assert.deepEqual(values(same, 'The answer is (G).', 'G'), ['G']);
  assert.deepEqual(values(same, 'The answer is (E).', 'E'), ['E']);
  // Named by its content, the repeated option is the first one with it, as before.
  assert.equal(analyzeQuestion(same).optionOf!.get(normalizeAnswer('Country X has more.')), 'e');
  const empty = 'Which figure is symmetric?  A) the square B) the kite C) D) the arrow';
  assert.deepEqual(values(empty, 'The third figure is drawn without labels, but it is symmetric. The answer is (C).'), ['C']);
});

test("negative 38b: a worked example before the question still gives way to the question's own options", () => {
  const q = 'Example: 2 + 2 = ? A) 3 B) 4 C) 5 D) 6 Answer: B. Now: 3 + 3 = ? A) 5 B) 6 C) 7 D) 8';
  const optionOf = analyzeQuestion(q).optionOf!;
  assert.equal(optionOf.get('6'), 'b');
  assert.equal(optionOf.get('8'), 'd');
  assert.equal(optionOf.has('4'), false);
  // A later run that is shorter does not replace the list (AGIEval's closing "A: Among A through E").
  const agi = 'Which is prime? (A)4 (B)6 (C)7 (D)8 (E)9 A: Among A through E, the answer is';
  assert.equal(analyzeQuestion(agi).optionOf!.get('7'), 'c');
  assert.equal(analyzeQuestion(agi).optionOf!.size, 5);
});

test('38c: a letter answers a question whose asked quantity is a sum of integers, with options', () => {
  const q = withOptions('Suppose a, b and c are positive integers with ab = 4 and bc = 10 and b > 1. Find $a+b+c$.', [
    '12',
    '8',
    '14',
    '6',
    '9',
    '7',
    '20',
    '10',
  ]);
  assert.equal(analyzeQuestion(q).integerAnswer, true);
  assert.deepEqual(values(q, 'b = 2, so a = 2 and c = 5. Thus, $a+b+c = 9$. The answer is (E).'), ['E']);
});

test('negative 38: an option examined again under a heading is no choice; the conclusion after it is', () => {
  const q = withOptions('Which word fills the blank: "The ______ of the plan surprised everyone."?', [
    'boldness',
    'timid',
    'quickly',
    'bold',
  ]);
  const body = [
    '7. **Re-examining Option A:**\n    *   Boldness is a noun. *Plausible.*',
    '8.  **Re-examining Option D (if we assume the blank is slightly flexible):**\n    *   Bold is an adjective.',
    '9. **Comparing the options:** None is perfect.',
    '10. **Focusing on Option A again:**\n    *   A. boldness\n    *   A noun fits after "The".',
    '11. **Focusing on Option B:**\n    *   An adjective, weak.',
    '12. **Conclusion:** Option A fits the sentence best.',
  ].join('\n\n');
  // Before the rule "Focusing on Option A again" was a choice of A, then echoed by the conclusion.
  assert.deepEqual(values(q, body), ['A']);
  // With a verdict on its line the option is chosen, as after "Let me check option A".
  assert.deepEqual(values(q, 'Focusing on option A again (correct, a noun).'), ['A']);
});
