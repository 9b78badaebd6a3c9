// Pass 81's rules (docs/segmentation-eval.md, "Stop 38: pass 81"), one short hand-written example
// each: every one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}

/** Each candidate's value in the body of one record with this question and body. */
function values(query: string, body: string): string[] {
  return segmentAttempts(record(query, body), defaultSegmentOptions).attempts.map((a) => a.candidate.value);
}

test('a result line closed by a remark of agreement without a comma is a result line: a re-check that reaches it is an echo', () => {
  const q = 'A crate holds 48 jars and a truck carries 215 crates. How many jars does the truck carry?';
  // "same as before", "again", a tick and "same", "matches above": each re-derivation reaches the result again.
  assert.deepEqual(
    values(
      q,
      '215*48 = 215*50 - 215*2\n= 10750 - 430\n= 10320 jars\nother way:\n200*48 = 9600\n15*48 = 720\n9600 + 720 = 10320 same as before',
    ),
    ['10320', '10320'],
  );
  assert.deepEqual(
    values(
      q,
      '215*48\n215*40 = 8600\n215*8 = 1720\n8600 + 1720 = 10320\nrecheck:\n48*200 = 9600\n48*15 = 720\n9600 + 720 = 10320 again, good',
    ),
    ['10320', '10320'],
  );
  assert.deepEqual(
    values(q, '215 x 48\n215 x 40 = 8,600\n215 x 8 = 1,720\ntotal = 10,320\nverify\n48 x 215 = 9,600 + 720 = 10,320 jars matches above'),
    ['10,320', '10,320'],
  );
  // A step closed by words that agree with nothing stays a step: no remark, no result line.
  assert.deepEqual(values(q, '215*48\n215*40 = 8600 then halve\n215*8 = 1720\n8600 + 1720 = 10320'), ['10320']);
});

test('the asked quantity named as the subject of "is", its value closing the sentence, concludes with no conclusion word', () => {
  // The first total is a candidate later corrected; before the rule only the slip's sub-result 2.20 was read in its place.
  const q = 'A notebook costs $2.40 and a pen costs $1.15. What is the total cost of 3 notebooks and 2 pens?';
  assert.deepEqual(
    values(
      q,
      'Three notebooks cost 3 × $2.40 = $7.20. Two pens cost 2 × $1.15 = $2.20. Adding them, the total cost of the order is $9.40. That seems about right.\n\nWait, 2 × $1.15 is $2.30, not $2.20. Fixing it: $7.20 + $2.30 = $9.50. So the total cost is $9.50.',
    ),
    ['9.40', '9.50'],
  );
  const q2 = 'Ana is 3 times as old as Ben. Ben is 5. How old is Ana?';
  assert.deepEqual(
    values(
      q2,
      "Ana's age is 3 times Ben's. That's what we need: Ana's age is 16 years.\n\nWait, 3 × 5 = 15, not 16. So Ana's age is 15 years.",
    ),
    ['16', '15'],
  );
  // A value of another kind than the asked one is no answer: a count is whole, a percent question's answer a percentage.
  assert.deepEqual(
    values(
      'A school trip has 362 people and each bus seats 52. How many buses are needed?',
      '362 divided by 52. The raw bus count is 6.96.\n\nWait, a bus cannot be split: rounding up, they need 7 buses.',
    ),
    ['7'],
  );
  assert.deepEqual(
    values(
      'Rent went up from $1,470 to $1,764 per month. Find the percent increase.',
      'inc = 1764 - 1470 = $294\nthe increase is $294.\n294/1470 × 100 = 20%',
    ),
    ['20%'],
  );
});

test('"Verifying" opens a re-check as "Checking" does: the result the re-check reaches is an echo', () => {
  const q = 'What is the price of a $2480 lamp after a 35% discount?';
  const body =
    'Find the discount first.\n35% of $2,480 = $868.\n$2,480 − $868 = $1,612\nSo it comes to $1,612.\n\nVerifying by a second route:\n35% of $2,480 = $868.\n$2,480 − $868 = $1,612\nSame value again.';
  assert.deepEqual(values(q, body), ['1,612', '1,612']);
});

test('another method announced in other words ("Another route:", "A second way", "Method 2") opens a new attempt', () => {
  const q = 'What is the price of a $2480 lamp after a 35% discount?';
  for (const lead of ['Another route:', 'A second way to see it:', 'Method 2:']) {
    const body = `Find the discount first.\n35% of $2,480 = $868.\n$2,480 − $868 = $1,612\nSo it comes to $1,612.\n\n${lead}\n35% of $2,480 = $868.\n$2,480 − $868 = $1,612\nSame value again.`;
    assert.deepEqual(values(q, body), ['1,612', '1,612'], lead);
  }
});

test('a re-check announced as "Re-check:", "back-check:", "Re-doing" or "Plugging back" opens a new attempt', () => {
  const q = 'What is the price of a $2480 lamp after a 35% discount?';
  for (const lead of ['Re-check:', 'back-check:', 'Re-doing the arithmetic:', 'Plugging back the numbers:']) {
    const body = `Find the discount first.\n35% of $2,480 = $868.\n$2,480 − $868 = $1,612\nSo it comes to $1,612.\n\n${lead}\n35% of $2,480 = $868.\n$2,480 − $868 = $1,612\nSame value again.`;
    assert.deepEqual(values(q, body), ['1,612', '1,612'], lead);
  }
});
