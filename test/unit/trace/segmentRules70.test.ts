// Pass 70's rules (docs/segmentation-eval.md, "Stop 35: pass 70"), on short hand-written texts (not
// taken from the families), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// 70a (segment.ts carriedOn): a bare result line whose value the work next computes with is a sub-step.
const QW = 'A crate holds 9 boxes of 14 kg and 7 sacks of 43 kg. What is the total load in kg?';

test('70a: bare sub-results before "Hmm" that the sum then adds up are steps', () => {
  assert.deepEqual(
    values(
      QW,
      'boxes: 9 × 14 = 126 kg\nHmm, one piece at a time\nsacks: 7 × 43 = 301 kg\nHmm, one piece at a time\n126 + 301 = 427 kg\nfine',
    ),
    ['427'],
  );
  assert.deepEqual(values(QW, 'boxes: 9 × 14 = 126 kg\nsacks: 7 × 43 = 301 kg\nWait, let me line these up\n126 + 301 = 427 kg\nfine'), [
    '427',
  ]);
});

test('negative 70a: a check that computes with the result does not make it a step', () => {
  assert.deepEqual(
    values(QW, 'boxes: 9 × 14 = 126 kg\nsacks: 7 × 43 = 301 kg\n126 + 301 = 427 kg\nHmm, let me check\n427 - 301 = 126 kg, ok\nfine'),
    ['427'],
  );
});

test('negative 70a: a result corrected by work on it ("I forgot it") was adopted', () => {
  assert.deepEqual(
    values(
      QW,
      'boxes: 9 × 14 = 126 kg\nsacks: 7 × 43 = 301 kg\n126 + 301 = 427 kg\nHmm, the crate itself weighs 5 kg, I forgot it\n427 + 5 = 432 kg\nfine',
    ),
    ['427', '432'],
  );
});

// 70b (segment.ts readAttempts, cut): a response cut off mid-work reached no conclusion in its last segment.
function cutRecord(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\ntruncated: true\n---\n${body}\n`).records[0];
}
const cutValues = (query: string, body: string): string[] =>
  segmentAttempts(cutRecord(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);
const QE = 'If 5x − 15 = 35, what is the value of 4x + 3?';

test('70b: a sub-step right before the cut is where the work stopped, no candidate', () => {
  assert.deepEqual(
    cutValues(QE, 'Step 1: add 15 to both sides, 5x = 35 + 15 = 50\n\nStep 2: divide by 5, x = 50 ÷ 5 = 10\n\nSo 4x + 3 is fo'),
    [],
  );
});

test('negative 70b: a value the cut response reached twice (a check that agrees) is still read', () => {
  assert.deepEqual(
    cutValues(
      'What is the sum 5 + 10 + 15 + ... + 60?',
      'There are 12 terms, so the sum is 12 × (5 + 60) / 2 = 390\n\nA check: 5 × (1 + 2 + ... + 12) = 5 × 78 = 390\n\nSo that ag',
    ).at(-1),
    '390',
  );
});

// 70d (segment.ts readAttempts, correctedAfter): a result line taken back by a correction note right
// after it, with no marker between, was adopted and then corrected.
const QC = 'A club of 238 members each pay $45, and the hall costs $120 more. How much is collected in total?';

test('70d: a result line followed by "My mistake, ..." is an attempt of its own', () => {
  assert.deepEqual(
    values(
      QC,
      "Members: 238 × $45 = $10,610\nPlus the hall: $10,610 + $120 = $10,730\nMy mistake, 238 × $45 is $10,710, not $10,610.\n$10,710 + $120 = $10,830\nSo it's $10,830.",
    ),
    ['10,730', '10,830'],
  );
  assert.deepEqual(
    values(
      QC,
      "Members: 238 × $45 = $10,610\nPlus the hall: $10,610 + $120 = $10,730\nSo it's $10,730.\n\nOh, my mistake: 238 × $45 is $10,710, not $10,610.\n$10,710 + $120 = $10,830\nSo it's $10,830.",
    ),
    ['10,730', '10,830'],
  );
});

test('negative 70d: a step corrected by the note, its corrected value carried on, is no attempt', () => {
  assert.deepEqual(
    values(
      QC,
      "Members: 238 × $45 = $10,610\nMy mistake, 238 × $45 is $10,710.\nPlus the hall: $10,710 + $120 = $10,830\nSo it's $10,830.",
    ),
    ['10,830'],
  );
});
