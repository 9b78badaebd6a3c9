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
