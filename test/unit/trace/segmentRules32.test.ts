// The thirty-second pass's rules (the next weakest development phrasing families;
// docs/segmentation-eval.md "Stop 27: pass 32"), one short hand-written example each, with what each
// rule must leave as it was. The pass's development data: the dev families and the real dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record, values } from './segmentRuleHelpers.js';

test('32a: "So 61 numbers are divisible by 2 or 7": the counted subject is what the clause states, not the quoted divisor', () => {
  const q = 'How many integers from 1 to 100 are divisible by 2 or 7?';
  const body =
    'Multiples of 2: 50. Multiples of 7: 14. Multiples of 14: 7. So 50 + 14 - 7 = 57.\n\nLet me check with the complement. The odd numbers that are not multiples of 7 number 50 - 7 = 43, and the rest are the ones we want. So 57 numbers are divisible by 2 or 7.';
  assert.deepEqual(values(q, body), ['57', '57']);
  // A value tested, with no counted noun before the copula, stays a check of that value.
  const tested =
    'Multiples of 2: 50. Multiples of 7: 14. Multiples of 14: 7. So 50 + 14 - 7 = 57.\n\nA quick look at one case: 14 itself. So 14 is divisible by 2 or 7.';
  assert.deepEqual(values(q, tested), ['57']);
});

test('32b: "Consequently", "It follows that", "All told" lead a count stated as the subject, as "So" does', () => {
  const q = 'How many integers from 1 to 200 are multiples of 6 or 15?';
  const body =
    'Multiples of 6: 33. Multiples of 15: 13. Multiples of 30: 6. So 33 + 13 - 6 = 40.\n\nWait, let me recount the multiples of 15 up to 200: 15, 30, ..., 195, that is 13 of them, and 6 multiples of 30 are in both lists. Consequently, exactly 40 of them qualify.';
  assert.deepEqual(values(q, body), ['40', '40']);
  for (const lead of ['It follows that exactly', 'All told, exactly', 'We conclude that exactly'])
    assert.deepEqual(values(q, body.replace('Consequently, exactly', lead)), ['40', '40'], lead);
  // A lead that is no conclusion ("Apparently") states nothing.
  assert.deepEqual(values(q, body.replace('Consequently, exactly', 'Apparently')), ['40']);
});

test('32c: "the smallest positive integer k such that ..." asks for k: a conclusion of its value is about the asked quantity', () => {
  const q = 'What is the smallest positive integer k such that 3^k > 500?';
  assert.deepEqual(analyzeQuestion(q).targets, ['k']);
  assert.deepEqual(analyzeQuestion('For which least integer k is 3^k > 500?').targets, ['k']);
  const body = 'Powers of 3: 3^5 = 243 is below 500, while 3^6 = 729 is above it. So I need k = 6.';
  const about = (query: string) =>
    segmentAttempts(record(query, body), defaultSegmentOptions)
      .statements.filter((st) => st.value === '6')
      .map((st) => `${st.strength} ${st.aboutTarget}`);
  assert.deepEqual(about(q), ['3 true']);
  // A question that names other letters too does not make the extremum's letter the asked
  // quantity; nor does an expression after the extremum ("the smallest value of k + m").
  assert.deepEqual(about('Let m be 500. What is the smallest positive integer k such that 3^k > m?'), ['2 false']);
  assert.deepEqual(analyzeQuestion('What is the smallest possible value of k + m?').targets, []);
});

test('32d: a sentence that opens on one case of a letter ("For k = 5 we get 243") tests that case', () => {
  const q = 'What is the smallest positive integer k such that 3^k > 500?';
  const body = 'For k = 5 we get 243, not enough. For k = 6 we get 729, which is enough. So k = 6.';
  const tentative = (query: string, text: string) =>
    segmentAttempts(record(query, text), defaultSegmentOptions).statements.map((st) => `${st.value}${st.tentative ? '?' : ''}`);
  assert.deepEqual(tentative(q, body), ['243?', '729?', '6']);
  assert.deepEqual(values(q, body), ['6']);
  // A case the question itself gives is no value tried: "For x = 2, the value is 11" states the asked value.
  assert.deepEqual(tentative('What is the value of 3x + 5 for x = 2?', 'For x = 2, the value is 3 · 2 + 5 = 11.'), ['11']);
});

test('32e: a doubled star is bold markup, not a product: "**In short:** 1,080 g." does not make the value before it an operand', () => {
  const q = 'A bread recipe for 6 loaves uses 750 g of flour. How much flour do I need for 14 loaves?';
  const body =
    'Per loaf: 750 g ÷ 6 = 125 g. For 14 loaves: 125 g × 14 = 1,750 g\n\nSo it is 1,750 g.\n\nHappy baking.\n\n**In short:** 1,750 g.';
  assert.deepEqual(values(q, body), ['1,750']);
  // A single star before the value again is a product: the value is an operand there, a step.
  const product = 'Per loaf: 750 g ÷ 6 = 125 g. So it is 125 g.\n\nHappy baking.\n\nThen 14 * 125 g = 1,750 g.';
  assert.deepEqual(values(q, product), ['1,750']);
});

test('32f: a result line closed by "(same)" or "— matches" still ends in its result', () => {
  const q = 'What is 64 × 38?';
  const body = '64 × 38 = 64 × 40 - 64 × 2 = 2560 - 128 = 2432\nlet me redo it another way:\n60 × 38 + 4 × 38 = 2280 + 152 = 2432 (same)';
  assert.deepEqual(values(q, body), ['2432', '2432']);
  assert.deepEqual(values(q, body.replace(' (same)', ' — matches')), ['2432', '2432']);
  // A remark that is no confirmation ("— roughly") leaves the line open, as before.
  assert.deepEqual(values(q, body.replace(' (same)', ' — roughly, by my count of the tens')), ['2432']);
});

test('32g: "→" leading a line concludes a terse note, as "->" does', () => {
  const q = 'What is 37 × 24?';
  const body = '37 × 24\n37 × 20 = 740, 37 × 4 = 158\nsum 898\nhmm, 37 × 4 is 148, not 158\n→ 888';
  assert.deepEqual(values(q, body), ['888']);
  assert.deepEqual(values(q, body.replace('→ 888', '-> 888')), ['888']);
  // An arrow inside a line (a step's result, "37 × 4 → 148") is findArrows' reading, unchanged:
  // the note with no arrow leading a line concludes nothing new there.
  const inline = '37 × 24\n37 × 20 = 740, 37 × 4 → 148\nso the sum is 888';
  assert.deepEqual(values(q, inline), ['888']);
  // After a line that works nothing out, "→" points at no result (segmentRules25's case).
  assert.deepEqual(values(q, '37 × 24\nlook it up in the table\n→ 888'), []);
});

test('32h: "Let me go back and check" opens a re-check, as "I\'ll go back and check" does', () => {
  const q = 'A farm has 21 fields of 852 plants each. How many plants are there?';
  const body =
    'First, 20 * 852 comes to 17,040, and 1 * 852 is 852. Finally, 17,040 + 852 = 17,892. Let me go back and check. Once more: 17,040 + 852 = 17,892.';
  assert.deepEqual(values(q, body), ['17,892', '17,892']);
  // Going back to something else is no re-check.
  assert.deepEqual(values(q, body.replace('Let me go back and check. Once more:', 'The fields go back a long way, and')), ['17,892']);
});
