// The engine's hand-written fast paths against what they stand for: question.ts
// dropThousandsCommas, markers.ts's alternation grouped by first character, statements.ts
// lastResult's reading from the last value back and sentenceBoundaries, answers.ts
// isCanonicalInteger. Same output, checked on fixed and random inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropThousandsCommas } from '../../../server/src/trace/question.js';
import { compileMarkers } from '../../../server/src/trace/markers.js';
import { lastResult, lastResultForward, sentenceBoundaries } from '../../../server/src/trace/statements.js';
import { isCanonicalInteger } from '../../../server/src/trace/answers.js';

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

test('lastResult, testing the values from the last back, finds the value the left-to-right reading keeps', () => {
  // Clauses built from pieces every test of isResult reads: operators after a value, lists,
  // coordinates, operator words and denials before or after it, units, glued letters.
  const pieces = [
    'so the total is ',
    '12',
    '3,456',
    '7.5',
    ' + ',
    ' = ',
    ', ',
    ', and ',
    '(',
    ')',
    ' times ',
    ' not ',
    ' instead of ',
    ' is not right',
    ' was wrong',
    ' apples',
    'x',
    ' ',
    '$',
    '**',
    '\\frac{1}{2}',
    '3\u221a2',
    '%',
    '. ',
    'L',
  ];
  let seed = 11;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 20000; n++) {
    let clause = '';
    for (let i = 1 + Math.floor(next() * 10); i > 0; i--) clause += pieces[Math.floor(next() * pieces.length)];
    const lead = next() < 0.5 ? '' : 'Then ';
    const text = lead + clause + (next() < 0.5 ? '' : ' more');
    const from = Math.floor(next() * 4);
    const fast = lastResult(text, clause, lead.length, from);
    const slow = lastResultForward(text, clause, lead.length, from);
    assert.deepEqual(fast && [fast.index, fast[0]], slow && [slow.index, slow[0]], JSON.stringify(clause));
  }
});

test('isCanonicalInteger is the pattern it stands for', () => {
  const byRegex = (s: string): boolean => /^(?:0|[1-9]\d*)$/.test(s);
  const cases = ['', '0', '00', '01', '1', '10', '9876543210', '-1', '+1', '1.0', '1,000', ' 1', '1 ', '\u0661', '12a', 'a12'];
  for (const s of cases) assert.equal(isCanonicalInteger(s), byRegex(s), JSON.stringify(s));
  const alphabet = ['0', '0', '1', '5', '9', '-', '.', ',', ' ', 'a', '\n', '\u0660'];
  let seed = 5;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 20000; n++) {
    let s = '';
    for (let i = Math.floor(next() * 6); i > 0; i--) s += alphabet[Math.floor(next() * alphabet.length)];
    assert.equal(isCanonicalInteger(s), byRegex(s), JSON.stringify(s));
  }
});

test('sentenceBoundaries, visiting only line breaks and . ! ?, finds the boundaries the character-by-character reading does', () => {
  // The reading it replaces: every position of [from, to] tested.
  const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
  const byChar = (t: string, from: number, to: number): { starts: number[]; ends: number[] } => {
    const starts: number[] = [];
    const ends: number[] = [];
    for (let k = from; k <= to; k++) {
      const c = k < t.length ? t.charCodeAt(k) : -1;
      const prev = k > 0 ? t.charCodeAt(k - 1) : -1;
      if (k > from && (prev === 10 || ((prev === 46 || prev === 33 || prev === 63) && isSpace(c)))) starts.push(k);
      if (
        k < to &&
        (c === 10 || ((c === 46 || c === 33 || c === 63) && (k + 1 >= t.length || isSpace(t.charCodeAt(k + 1)) || t[k + 1] === '"')))
      )
        ends.push(k);
    }
    return { starts, ends };
  };
  const alphabet = ['a', 'b', '1', ' ', ' ', '\t', '\n', '\r', '.', '.', '!', '?', '"', ',', '\u00a0'];
  let seed = 3;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 20000; n++) {
    let t = '';
    for (let i = Math.floor(next() * 30); i > 0; i--) t += alphabet[Math.floor(next() * alphabet.length)];
    const from = Math.floor(next() * (t.length + 1));
    const to = from + Math.floor(next() * (t.length - from + 1));
    const fast = sentenceBoundaries(t, from, to);
    assert.deepEqual({ starts: [...fast.starts], ends: [...fast.ends] }, byChar(t, from, to), JSON.stringify([t, from, to]));
  }
});
