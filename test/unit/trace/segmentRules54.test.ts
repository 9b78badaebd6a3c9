// The fifty-fourth pass's rules (docs/segmentation-eval.md "Stop 30: pass 54"): yes/no questions,
// comparisons above all, answered YES / NO or in words. Short hand-written examples, with what each
// rule must leave as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAnswer } from '../../../server/src/trace/answers.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const read = (query: string, body: string, answer?: string) =>
  segmentAttempts(record(query, body, answer), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string, answer?: string): string[] => read(query, body, answer).attempts.map((a) => a.candidate.value);
const final = (query: string, body: string, answer?: string): string | null => read(query, body, answer).final?.value ?? null;
const think = (inside: string, summary: string): string => `<think>\n${inside}\n</think>\n\n${summary}`;

const LAKES = 'Here is a question about two lakes: Is Lake Vostok deeper than Lake Geneva?';
const POETS = 'Was Keats older at his time of death than Shelley at his time of death?';

test('54a: a yes/no question read after a lead-in colon, its YES / NO / True / False after a cue or as a bare last line', () => {
  const q = analyzeQuestion(LAKES);
  assert.ok(q.words !== undefined && q.words.test('NO'));
  assert.deepEqual(q.comparison, {
    a: 'Lake Vostok',
    b: 'Lake Geneva',
    aNames: ['Lake Vostok', 'Vostok'],
    bNames: ['Lake Geneva', 'Geneva'],
    same: ['deeper'],
    opposite: ['shallower'],
  });
  // Upper case after an answer cue: the compared depths are steps, not candidates.
  const cue = 'Lake Vostok is about 900 m deep. Lake Geneva is about 310 m deep.\n\n**Answer**: YES';
  assert.deepEqual(rules(LAKES, cue, 'YES'), ['YES']);
  assert.equal(read(LAKES, cue, 'YES').finalCorrect, true);
  // A bare line that ends the summary.
  const bare = think(
    'Vostok: about 900 m. Geneva: about 310 m. 900 > 310.',
    'Lake Vostok (900 m) is deeper than Lake Geneva (310 m).\n\nYES',
  );
  assert.equal(final(LAKES, bare, 'YES'), 'YES');
  assert.equal(rules(LAKES, bare, 'YES').at(-1), 'YES');
  assert.equal(final(LAKES, 'Vostok 900 m, Geneva 310 m.\n\n**NO**', 'YES'), 'NO');
  assert.equal(final('Is 91 a prime number?', '91 = 7 × 13.\n\nFalse', 'no'), 'False');
  // "so no" ending its sentence.
  assert.deepEqual(rules('Should Ana buy the bigger pizza at $14?', 'Per square inch the bigger one costs more, so no.'), ['no']);
  // "YES", "Yes" and "yes" compare equal to a YES reference.
  assert.equal(normalizeAnswer('YES'), normalizeAnswer('yes'));
  assert.equal(normalizeAnswer('Yes'), normalizeAnswer('YES'));
});

test('54a: no yes/no answer where the question is not a yes/no question or the word is not stated as the answer', () => {
  // A wh-question reads the number.
  assert.equal(analyzeQuestion('How much older was Keats than Shelley at death?').words, undefined);
  assert.deepEqual(
    rules(
      'How much older was Keats than Shelley at death?',
      'Keats died at 25, Shelley at 29. So Keats was younger by 4 years. The answer is 4.',
    ),
    ['4'],
  );
  // A mixed question whose asking sentence is "Find x.": no yes/no words.
  assert.equal(analyzeQuestion('Is it true that x = 3? Find x.').words, undefined);
  assert.ok(!rules('Is it true that x = 3? Find x.', 'From 2x = 6, so x = 3. Yes.').some((v) => /yes/i.test(v)));
  // Alternatives offered: no yes/no question.
  assert.equal(analyzeQuestion('Is Lake Vostok deeper or shallower than Lake Geneva?').words, undefined);
  // A bare "No." line inside the work, with more work after it, is no answer.
  const midway = 'Is 91 a prime number?';
  assert.deepEqual(rules(midway, 'Is 91 divisible by 3?\nNo.\nIs it divisible by 7? 91 / 7 = 13, so 91 is not prime. The answer is no.'), [
    'no',
  ]);
  // A yes/no question answered with a number only: no yes/no candidate is made up.
  const numberOnly = 'Lake Vostok is 900 m deep and Lake Geneva is 310 m deep.\n\n**Answer**: 900 m';
  assert.ok(!rules(LAKES, numberOnly).some((v) => /^(?:yes|no)$/i.test(v)));
});

test('54b: a conclusion stating the asked comparison answers it YES or NO', () => {
  const q = analyzeQuestion(POETS);
  assert.deepEqual(q.comparison, {
    a: 'Keats',
    b: 'Shelley',
    aNames: ['Keats'],
    bNames: ['Shelley'],
    same: ['older'],
    opposite: ['younger'],
  });
  // Subject A with the comparative: YES; with the opposite: NO; subject B: the reverse.
  assert.deepEqual(rules(POETS, 'Keats: 1795-1821, so 25. Shelley: 1792-1822, so 29. 25 < 29, so Keats was younger.'), ['NO']);
  assert.deepEqual(rules(POETS, 'Keats died at 25 and Shelley at 29, which means Shelley was older.'), ['NO']);
  assert.deepEqual(rules(POETS, 'Keats died at 31 and Shelley at 29, therefore Keats was older.'), ['YES']);
  assert.deepEqual(rules(POETS, 'Keats died at 31 and Shelley at 29. So Shelley was younger than Keats.'), ['YES']);
  const rivers = 'Is the Volga longer than the Rhine?';
  assert.deepEqual(rules(rivers, 'The Volga is about 3530 km. The Rhine is about 1230 km. So the Volga is longer.'), ['YES']);
  assert.deepEqual(rules(rivers, 'The Volga is about 3530 km and the Rhine 1230 km. Thus the Rhine is shorter than the Volga.'), ['YES']);
  // A later "so YES" after a slip is a second statement of the same answer.
  assert.equal(read(rivers, think('Volga 3530 km, Rhine 1230 km, so the Volga is longer.', '**Answer**: YES'), 'YES').finalCorrect, true);
  // A name of several words, written by its last word.
  const composers = 'Was Ludwig van Beethoven older at his time of death than Franz Schubert at his time of death?';
  assert.deepEqual(rules(composers, 'Beethoven died at 56, Schubert at 31. So Beethoven was older.'), ['YES']);
  assert.deepEqual(rules(composers, 'Beethoven died at 56, Schubert at 31. Therefore, Franz Schubert was younger than Beethoven.'), [
    'YES',
  ]);
  assert.deepEqual(
    rules('Was Leonardo da Vinci older at death than Raphael at death?', 'Leonardo died at 67 and Raphael at 37, so da Vinci was older.'),
    ['YES'],
  );
  // "Yes, <the comparison>" opening a sentence: the answer, then restated.
  assert.deepEqual(rules(composers, 'Beethoven died at 56, Schubert at 31.\n\nYes, Beethoven was older.'), ['Yes']);
  assert.deepEqual(rules(composers, 'Beethoven died at 56, Schubert at 31.\n\nNo, wait, Beethoven was older.'), []);
  // A last word both subjects hold names neither.
  const r = analyzeQuestion('Is the Volga River longer than the Rhine River?').comparison;
  assert.deepEqual(r?.aNames, ['Volga River']);
  assert.deepEqual(r?.bNames, ['Rhine River']);
  // A value of "more" + adjective, and its opposite "less".
  const crowded = 'Is Lagos more populous than Cairo?';
  assert.deepEqual(rules(crowded, 'Lagos has about 15 million, Cairo about 22 million, so Lagos is less populous.'), ['NO']);
});

test('54b: no comparison read outside a conclusion, against a third thing, or in a question', () => {
  const rivers = 'Is the Volga longer than the Rhine?';
  // A comparison inside the work, with no conclusion word.
  assert.deepEqual(rules(rivers, 'The Volga is longer than most European rivers, at 3530 km. The Rhine is 1230 km.'), []);
  // Compared with something else.
  assert.deepEqual(rules(rivers, 'The Volga is 3530 km. So the Volga is longer than the Danube as well.'), []);
  // Asked, not concluded.
  assert.deepEqual(rules(rivers, 'The Volga is 3530 km and the Rhine 1230 km, so is the Volga longer?'), []);
  // A subject the question does not name (a pronoun) is not guessed.
  assert.deepEqual(rules(rivers, 'The Volga is 3530 km and the Rhine 1230 km, so it is longer.'), []);
  // A comparative the question is not asked with.
  assert.deepEqual(rules(rivers, 'The Volga basin is wider, so the Volga is wider.'), []);
  // Subjects the pattern cannot match (lower case, a long phrase): no comparison.
  assert.equal(analyzeQuestion('Is the population of the city larger than that of the county?').comparison, undefined);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test("54: 100 KB bodies built from the pass's own pieces: segmentation completes", { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules54);
});
