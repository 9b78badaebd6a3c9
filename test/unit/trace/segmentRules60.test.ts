// The sixtieth pass's rules (the weakest development phrasing families, third round;
// docs/segmentation-eval.md "Stop 31: pass 60"), one short hand-written example each, with what each
// rule must leave as it was. Decided on the rules alone (reader 'rules'); the learned stage is
// retrained after the merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { findStatements } from '../../../server/src/trace/statements.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('60a: a marker whose sentence says the work goes on ("Hmm, okay, let me keep going.") leaves the value before it a step', () => {
  const q = 'A shop sells 48 boxes of 25 pens and then 17 loose pens. How many pens does it sell?';
  const body = (marker: string) =>
    `First, 48 times 25 is 1,200. ${marker} Adding the loose pens, 1,200 + 17 = 1,217. So the shop sells 1,217 pens.`;
  for (const marker of [
    'Hmm, okay, let me keep going.',
    'Hmm, fine so far.',
    'Wait, not done yet.',
    'Hmm, that part is fine.',
    'Wait, one more step is needed.',
    'Hmm, so far so good.',
    'Okay, hmm, where was I.',
  ])
    assert.deepEqual(rules(q, body(marker)), ['1,217'], marker);
  // A marker that doubts or re-checks the value still closes an attempt on it, as before.
  assert.deepEqual(rules(q, body('Hmm, let me double-check that.')), ['1,200', '1,217']);
  // "continued" is not "continue": the marker reads as before.
  assert.deepEqual(rules(q, body('Hmm, the continued sum is what we need.')), rules(q, body('Hmm, the sum is what we need.')));
  // A value the record concludes explicitly elsewhere is no step, whatever the marker says: the
  // check after the marker reaches it again (an echo).
  assert.deepEqual(
    rules(
      'What is 48 times 25?',
      'First, 48 times 25 = 1,200. Hmm, okay, let me keep going.\n\nChecking the other way: 25 times 48 = 1,200. So the answer is 1,200.',
    ),
    ['1,200', '1,200'],
  );
});

test('60b: a one-letter unit before a remark on the result ("= 510 m again", "= 510 m (same)", "= 510 m yes") is a unit: the line is a result line', () => {
  const q = 'What is 15% of 3,400 m?';
  const body = (end: string) =>
    `3,400*15 = 51,000\n51,000/100 = 510 m\nWait, let me redo it another way:\n10% is 340 m, 5% is 170 m\n340 + 170 = 510 m${end}\n`;
  for (const end of ['', ' again', ' (same)', ' yes', ' \u2014 matches']) assert.deepEqual(rules(q, body(end)), ['510', '510'], end);
  // A letter after the unit letter is a product of variables ("= 2 m n"), not a unit and a remark.
  const st = findStatements('so the area is 2 m n\nand b = 6 m n\n', { question: analyzeQuestion('Find the area.') });
  assert.deepEqual(
    st.filter((s) => s.rule === 'equals').map((s) => s.value),
    [],
  );
});

test('60c: a title\'s full stop ("Mr. Okafor", "Dr. Lee") ends no sentence, in the response or in the question', () => {
  const q =
    'Mr. Okafor is four times as old as his son Daniel. In eight years, Mr. Okafor will be three times as old as Daniel. How old is Mr. Okafor now?';
  const body =
    "Let d be Daniel's age now. Then 4d + 8 = 3(d + 8), so d = 16. So we conclude that Mr. Okafor's current age is 64.\n\n" +
    'Let me check: in eight years he is 72 and Daniel is 24, and 72 = 3 × 24. So Mr. Okafor is 64 now.';
  assert.deepEqual(rules(q, body), ['64', '64']);
  // The asked sentence is the whole "How old is Mr. Okafor now?": it asks for an age.
  assert.ok(analyzeQuestion(q).nouns.includes('age'));
  const st = (text: string) => findStatements(text, { question: analyzeQuestion(q) }).map((s) => s.value);
  assert.ok(st('So Dr. Lee is 28.').includes('28'));
  assert.deepEqual(st('So Dr. Lee is 28.'), st('So Lee is 28.'));
  // A full stop that ends a sentence before a title still ends it ("... is 12. Mr. Lee ...").
  assert.deepEqual(st('So the answer is 12. Mr. Lee then adds 16 more.'), ['12']);
});

test('60d: arithmetic in words whose result closes its sentence ("$460 minus the $117.50 is $342.50.") is a result line', () => {
  const q = 'Mia has $460 saved. She spends $117.50 on a jacket. How much money does she have left?';
  const body =
    'Okay, Mia starts with $460. The jacket costs $117.50. Last step: $460 minus the $117.50 is $342.50.\n\n' +
    'Let me double-check by adding back: $342.50 plus $117.50 is $460, which matches what she had. So she has $342.50 left.';
  assert.deepEqual(rules(q, body), ['342.50', '342.50']);
  const st = (text: string) =>
    findStatements(text, { question: analyzeQuestion(q) })
      .filter((s) => s.rule === 'equals')
      .map((s) => s.value);
  assert.deepEqual(st('Then $171 minus the $25.65 discount makes $145.35.'), ['145.35']);
  assert.deepEqual(st('Finally, $75.50 minus the $15.10 discount: $60.40. Done.'), ['60.40']);
  // A result the clause goes on to use ("leaves $4400, and $4400 ÷ 360 ..."), an operator word
  // after a result with a comma ("= 432, times 10 is 4320"), or "times" as a ratio reads nothing new.
  assert.deepEqual(st('Check: $4,465 minus the $65 fee leaves $4400, and $4400 is split 360 ways'), []);
  assert.deepEqual(st('She is 3 times as old as him.'), []);
  assert.ok(!st('Let me double-check 72 · 60: 72 · 6 = 432, times 10 is 4320. Yes.').includes('4320'));
});

test('60g: a result line closed by words that say it agrees (", the same as before", ", which agrees", "— same as before") still ends in its result', () => {
  const q = 'A shop sells 23 crates at $79 each and charges a $20 delivery fee. What is the total cost?';
  const body = (remark: string) =>
    `23 × $79 = $1817\n$1817 + $20 = $1837\n\nLet me verify by another route:\n$80 × 23 = $1840, minus $23 is $1817\n$1817 + $20 = $1837${remark}\n`;
  for (const remark of [
    ', the same as before.',
    ', same result.',
    ', which agrees.',
    ', the same figure.',
    ', matching the answer above.',
    ' \u2014 same as before.',
  ])
    assert.deepEqual(rules(q, body(remark)), ['1837', '1837'], remark);
  // A clause that goes on after the comma ("= $1837, and then ...") is no result line, as before.
  const eq = (text: string) =>
    findStatements(text, { question: analyzeQuestion(q) })
      .filter((s) => s.rule === 'equals')
      .map((s) => s.value);
  assert.deepEqual(eq('So $1817 + $20 = $1837, and then the tax is added.'), []);
  assert.deepEqual(eq('So $1817 + $20 = $1837, the same shop charges more.'), []);
});
