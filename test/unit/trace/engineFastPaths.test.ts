// The engine's hand-written fast paths (question.ts dropThousandsCommas, markers.ts's alternation
// grouped by first character) against what they stand for: same output, checked on fixed and
// random inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropThousandsCommas } from '../../../server/src/trace/question.js';
import { compileMarkers } from '../../../server/src/trace/markers.js';

test('dropThousandsCommas is the regex replace it stands for', () => {
  const byRegex = (s: string): string => s.replace(/(\d),(?=\d{3}\b)/g, '$1');
  const cases = ['1,234', '1,234,567', '12,3456', '1,234a', '1,234_', '1,234.5', ',123', '1,23', '1,,234', 'a,123', '1,234 5,678', ''];
  for (const s of cases) assert.equal(dropThousandsCommas(s), byRegex(s), s);
  // Random strings over the characters that matter.
  const alphabet = ['1', '2', '0', ',', ',', 'a', '_', ' ', '.', '\u00e9'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 5000; n++) {
    let s = '';
    for (let i = Math.floor(next() * 14); i > 0; i--) s += alphabet[Math.floor(next() * alphabet.length)];
    assert.equal(dropThousandsCommas(s), byRegex(s), JSON.stringify(s));
  }
});

test('markers grouped by first character take the same phrase as the flat alternation', () => {
  const phrases = [
    'Let me check',
    'Let me check again',
    'Let me verify',
    'Wait',
    'wait a moment',
    "I'll recheck",
    'Check:',
    'Checking',
    'Hmm',
  ];
  const matcher = compileMarkers(phrases);
  const text = 'Let me check again. wait a moment, Wait. I\u2019ll recheck. Checking Check: Hmm. Let me verify; let me checkx Let me check';
  assert.deepEqual(
    matcher.findAll(text).map((m) => [m.start, m.end, m.phrase]),
    [
      [0, 18, 'Let me check again'],
      [20, 33, 'wait a moment'],
      [35, 39, 'Wait'],
      [41, 53, "I'll recheck"],
      [55, 63, 'Checking'],
      [64, 70, 'Check:'],
      [71, 74, 'Hmm'],
      [76, 89, 'Let me verify'],
      [105, 117, 'Let me check'],
    ],
  );
});
