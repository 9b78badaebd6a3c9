// A record with many different candidate answers costs work linear in its length, not the number
// of different answers times the length (docs/engine.md, stop 31): counted in operations, not
// timed. And the one-pass indexes (restatementPlaces, valuePlaces) find what the per-value scans
// they replace found, on random texts.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonlRecordToTrace, jsonlToRecords } from '../../../server/src/trace/jsonl.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts, segmentRecord } from '../../../server/src/trace/segment.js';
import { Restatement, restatementPlaces, scanCounts } from '../../../server/src/trace/restatement.js';
import { valuePlaces } from '../../../server/src/trace/statements.js';
import { record as adversarialRecord, repeatTo, segmentationCases } from '../../../bench/adversarial.js';

const N = 2000;
const record = (question: string, answer: string, body: string) => {
  const line = JSON.stringify({ id: 'r', question, answer, response: body });
  return jsonlRecordToTrace(jsonlToRecords(line, { fileName: 'q.jsonl' }).records[0], 0, 0, 'q.jsonl');
};
const reset = (): void => {
  scanCounts.restatementProbes = 0;
  scanCounts.valueScans = 0;
  scanCounts.valueProbes = 0;
};

test('2,000 different boxed words: restated answers are tried at a number of places linear in the record', () => {
  const body = Array.from({ length: N }, (_, i) => `So it is \\boxed{apple${i}}.\nWait, let me recheck.\n`).join('');
  reset();
  const s = segmentRecord(record('Which word?', 'apple', body), defaultSegmentOptions);
  const samples = s.steps.filter((x) => x.kind === 'sample').length;
  assert.ok(samples >= N / 2, `samples ${samples}`);
  // One scan per answer tried each of the ~6 "a"s of every attempt: about 6 * N * N places.
  assert.ok(scanCounts.restatementProbes < 10 * N, `probes ${scanCounts.restatementProbes}`);
});

test('2,000 different boxed numbers: concluded values are found in a bounded number of scans', () => {
  const body = Array.from({ length: N }, (_, i) => `So f = \\boxed{${3000 + i}}.\nWait, let me recheck.\n`).join('');
  reset();
  const s = segmentRecord(record('Compute 53*65.', '3445', body), defaultSegmentOptions);
  const samples = s.steps.filter((x) => x.kind === 'sample').length;
  assert.ok(samples >= N / 2, `samples ${samples}`);
  // One scan of the whole text per concluded value before; one for all of them now.
  assert.ok(scanCounts.valueScans <= 4, `scans ${scanCounts.valueScans}`);
  assert.ok(scanCounts.valueProbes < 10 * N, `probes ${scanCounts.valueProbes}`);
});

test('restatementPlaces then Restatement.at find what Restatement.next finds', () => {
  const answers = [
    'p-q',
    '(3,4)',
    '\u03c0',
    '2\u03c0',
    '\u03c0/3',
    'x+y',
    'Evelyn',
    'Eve',
    '\\frac{1}{2}',
    '[1,2)',
    'a.b',
    '\u{1d465}+1',
    'pq',
    'p-q-r',
  ];
  const pieces = [
    ' ',
    '  ',
    '   ',
    '\t',
    '\n',
    'a',
    '_',
    '1',
    '\\',
    '/',
    '*',
    '+',
    '-',
    '(',
    ')',
    ',',
    '.',
    'so ',
    'is ',
    '\u03c0',
    'p',
    'q',
    '3',
    '4',
    '\u{1d465}',
    '\ud835',
    'Eve',
    'lyn',
  ];
  let seed = 31;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 3000; n++) {
    const some = answers.filter(() => next() < 0.4);
    let text = '';
    for (let i = Math.floor(next() * 16); i > 0; i--) {
      const a = answers[Math.floor(next() * answers.length)];
      if (next() < 0.3) text += [...a].map((c) => c + (next() < 0.3 ? ' '.repeat(Math.floor(next() * 4)) : '')).join('');
      else text += pieces[Math.floor(next() * pieces.length)];
    }
    const from = Math.floor(next() * 3);
    const to = text.length - Math.floor(next() * 3);
    const places = restatementPlaces(text, from, to, some);
    for (const a of some) {
      const restated = new Restatement(a);
      const want: string[] = [];
      for (let m = restated.next(text, from); m !== undefined && m[0] < to; m = restated.next(text, m[1])) want.push(`${m[0]}-${m[1]}`);
      const got: string[] = [];
      let after = from;
      for (const p of places.get(a)!) {
        if (p < after) continue;
        const end = restated.at(text, p);
        if (end >= 0) {
          got.push(`${p}-${end}`);
          after = end;
        }
      }
      assert.equal(got.join(' '), want.join(' '), JSON.stringify({ a, text, from, to }));
    }
  }
});

test('valuePlaces in one pass finds what the indexOf loop per value finds', () => {
  const values = ['1', '11', '12', '121', '2', '1,2', '1.5', '3000', '300', '00', '5'];
  const pieces = ['1', '2', '0', '3', '5', ',', '.', ' ', 'a', '11', '121', '3000'];
  let seed = 5;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 3000; n++) {
    const some = values.filter(() => next() < 0.5);
    let text = '';
    for (let i = Math.floor(next() * 20); i > 0; i--) text += pieces[Math.floor(next() * pieces.length)];
    const from = Math.floor(next() * 3);
    const to = text.length - Math.floor(next() * 3);
    const byLoop = valuePlaces(text, from, to, some, Infinity);
    const byIndex = valuePlaces(text, from, to, some, 0);
    assert.deepEqual([...byIndex], [...byLoop], JSON.stringify({ some, text, from, to }));
  }
});

// Stop 43: checkResults (pass 66) looked for the record's answer after each check marker with
// body.lastIndexOf from the end of the marker's 1,500-character window, which, where the window held
// no occurrence, went on back to the body's start (and resultAt found its line's start the same way
// in a body without line breaks): a read of the body per marker. Counted here as the characters every
// String.prototype.lastIndexOf call passes over, at N and 4N characters: linear ~4x, that read 16x.
const lastIndexOfSpan = (run: () => unknown): number => {
  const spy = mock.method(String.prototype, 'lastIndexOf');
  try {
    run();
    let span = 0;
    for (const c of spy.mock.calls) {
      const s = c.this as string;
      const from = c.arguments[1] === undefined ? s.length : Math.max(0, Math.min(Math.trunc(Number(c.arguments[1])), s.length));
      span += from - Math.max(c.result as number, 0) + 1;
    }
    return span;
  } finally {
    spy.mock.restore();
  }
};
const quadraticInputs: [string, (k: number) => string, (text: string) => unknown][] = [
  ['segmentRules19 "(Check: 1 = 1" repeated', (k) => segmentationCases.rules19.inputs(k)[6], segmentationCases.rules19.run],
  ['segmentRules46 "Let me verify " repeated', (k) => segmentationCases.rules46.inputs(k)[3], segmentationCases.rules46.run],
  [
    'checks of the answer in a body without line breaks',
    (k) => `So the answer is 22. ${repeatTo('Let me verify: 2 + 20 = 22. ', Math.round(100_000 * k))} The answer is 22.`,
    (text) => segmentAttempts(adversarialRecord('What is 2 + 20?', text), defaultSegmentOptions),
  ],
];
for (const [name, input, run] of quadraticInputs)
  test(`stop 43: ${name}: the characters lastIndexOf reads grow linearly with the body`, () => {
    const small = input(0.25);
    const big = input(1);
    const growth = ((lastIndexOfSpan(() => run(big)) / lastIndexOfSpan(() => run(small))) * small.length) / big.length;
    assert.ok(growth < 2, `read per character grows ${growth.toFixed(1)}x from ${small.length} to ${big.length} characters`);
  });
