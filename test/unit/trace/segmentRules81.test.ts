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
