// The thirty-first pass's rules (docs/segmentation-eval.md "Stop 27: pass 31"), one short
// hand-written example each, with what each rule must leave as it was. The pass's development
// data: the real dev sets (fresh16 first) and the dev families, read by the rules alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = { ...defaultSegmentOptions, reader: 'rules' as const };

/** Each candidate's value and where it starts. */
function read(query: string, body: string): [string, number][] {
  return segmentAttempts(record(query, body), rules).attempts.map((a) => [a.candidate.value, a.candidate.start]);
}

const minutesQ =
  'Lena rows for 1 hour and 12 minutes and then rests for 30 minutes. Find the number of minutes the trip takes, including the rest.';

test('31a: a conclusion whose value is followed by another time unit than the one asked is a conversion step', () => {
  const body =
    'First, 1 hour and 12 minutes has to be put in hours. 12 minutes is 12/60 = 0.2 hours, so 1 hour and 12 minutes is 1.2 hours.\n\nWait, the rest has to be added too. In minutes the rowing is 60 + 12 = 72, and with the rest 72 + 30 = 102.\n\nSo the trip takes 102 minutes.';
  // Before the rule "1 hour and 12 minutes is 1.2 hours" was the first candidate.
  assert.deepEqual(read(minutesQ, body), [['102', body.indexOf('= 102') + 2]]);
});

test('31a must not: a conclusion in the asked unit is still the answer', () => {
  const body =
    'The rowing is 60 + 12 = 72 minutes, so 1 hour and 12 minutes plus the rest is 102 minutes.\n\nWait, let me re-add it: 72 + 30 = 102. Yes.';
  assert.deepEqual(read(minutesQ, body)[0], ['102', body.indexOf('102 minutes')]);
});

const pctQ = 'Of 40 members of a club, 25% play chess and the rest play go. What percentage of the members play go?';

test('31b: a boxed placeholder quoted from an instruction ("\\boxed{your_answer}") is talk about the format, no candidate', () => {
  const body =
    'Chess is 25% of the members, so go is 100% - 25% = 75%.\n\n\\boxed{75}\n\nWait, the instructions said to give only the final answer in the form \\boxed{your_answer}. So one box is enough.';
  assert.deepEqual(
    read(pctQ, body).map(([v]) => v),
    ['75%'],
  );
});

test('31b must not: a boxed value, or a boxed word that is the answer, is still a candidate', () => {
  const body =
    'Chess is 25% of the members, so go is 100% - 25% = 75%.\n\nWait, let me recount: 10 of 40 play chess, 30 of 40 play go, 30/40 = 75%.\n\n\\boxed{75}';
  assert.deepEqual(
    read(pctQ, body).map(([v]) => v),
    ['75%', '75%'],
  );
  assert.deepEqual(
    read('Is 91 prime? Answer yes or no.', '91 = 7 * 13, so it is not prime.\n\n\\boxed{no}').map(([v]) => v),
    ['no'],
  );
});

const plateQ =
  'How many plates can be made of 2 letters followed by 2 digits? Answer Choices: (A) 6760 (B) 67600 (C) 6500 (D) 65000 (E) 97656';

test('31c: "Option E is 97656", a letter given its own option value, reads the option out; it chooses nothing', () => {
  const body =
    'Letters: 26 * 26 = 676, digits: 10 * 10 = 100, so 676 * 100 = 67600, which is option B.\n\nWait, let me look at the choices again. Option E is 97656. That is 26^2 * 144.5, which does not fit anything here.\n\nSo I stay with B.';
  // Before the rule "Option E is 97656" was a candidate E between the two B's.
  assert.deepEqual(
    read(plateQ, body).map(([v]) => v),
    ['B'],
  );
});

test('31c must not: a letter stated as the answer, or given a value that is not its own, is still chosen', () => {
  const body =
    'Letters: 26 * 26 = 676, digits: 10 * 10 = 100, so 676 * 100 = 67600.\n\nSo the answer is B.\n\nWait, if the letters must differ, 26 * 25 * 100 = 65000. So the answer is D.';
  assert.deepEqual(
    read(plateQ, body).map(([v]) => v),
    ['B', 'D'],
  );
  // The response's own result, just stated, matched to its option: a choice.
  const medianQ = 'What is the median of 7, 3, 9, 4, 12? A. 4 B. 7 C. 9 D. 12';
  const median = 'Sorted: 3, 4, 7, 9, 12. The middle value is 7.\n\nMatch with the options: Option B is 7.';
  assert.deepEqual(read(medianQ, median), [['B', median.indexOf('B is')]]);
});

// Pass 31 had a rule 31d: no last-number fallback where a digit ends the response's text (a number
// a cut-off response stopped inside). It was reverted before the stop ended: a response that is
// nothing but its answer then had no candidate at all, and counted as "no answer"
// (test/cli/fuzz.test.ts's 1 MB line found it). A cut-off can only be told from a complete answer
// by the record's truncation, not by its last character. A response that is only a number ("42")
// had no candidate before the stop either (the fallback wanted a copula); now it is read.
const sumQ = 'What is 6 * 7?';

test('31d reverted: a response that ends on its answer, or is nothing but it, is read', () => {
  for (const body of ['42', ' 42\n', 'Multiplying the two, we get 42'])
    assert.deepEqual(
      read(sumQ, body).map(([v]) => v),
      ['42'],
      body,
    );
});
