import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileMarkers } from '../../../server/src/trace/markers.js';
import { defaultMarkers, defaultSegmentOptions } from '../../../server/src/trace/options.js';

const phrases = (text: string, list = defaultMarkers): string[] =>
  compileMarkers(list)
    .findAll(text)
    .map((m) => text.slice(m.start, m.end));

test('default lexicon equals the reflectionLens.markers default in package.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(defaultSegmentOptions.markers, pkg.contributes.configuration.properties['reflectionLens.markers'].default);
});

test('case-insensitive, on word boundaries', () => {
  assert.deepEqual(phrases('WAIT. wait, Wait! awaiting waiter hmmm Hmm'), ['WAIT', 'wait', 'Wait', 'Hmm']);
  assert.deepEqual(phrases('Actually, factually actually_ not'), ['Actually']);
  assert.deepEqual(phrases('42wait wait42 (wait)'), ['wait']);
});

test('longest phrase first at the same place', () => {
  const ms = compileMarkers(defaultMarkers).findAll('But wait, let me double-check. Let me check again. Let me double check.');
  assert.deepEqual(
    ms.map((m) => m.phrase),
    ['But wait', 'Let me double-check', 'Let me check', 'Let me double check'],
  );
  assert.deepEqual(
    compileMarkers(['let me', 'let me recompute'])
      .findAll('Let me recompute')
      .map((m) => m.phrase),
    ['let me recompute'],
  );
});

test('positions and typographic apostrophes', () => {
  const text = 'So 12. I\u2019ll go back and check.';
  const [m] = compileMarkers(defaultMarkers).findAll(text);
  assert.equal(m.phrase, "I'll go back and check");
  assert.equal(m.start, 7);
  assert.equal(m.end, 7 + "I'll go back and check".length);
});

test('range limits, empty and odd phrases', () => {
  const matcher = compileMarkers(['wait', '', '  ', '...']);
  assert.deepEqual(matcher.phrases, ['wait', '...']);
  assert.deepEqual(
    matcher.findAll('wait wait wait', 5, 9).map((m) => m.start),
    [5],
  );
  assert.deepEqual(
    matcher.findAll('so... wait').map((m) => m.phrase),
    ['...', 'wait'],
  );
  assert.deepEqual(compileMarkers([]).findAll('wait'), []);
});

test('non-ASCII phrases and text', () => {
  const m = compileMarkers(['Attends', 'Überprüfen']);
  assert.deepEqual(
    m.findAll('ÜBERPRÜFEN wir. attends, éattends').map((x) => x.phrase),
    ['Überprüfen', 'Attends'],
  );
});

test('the literal scan with boundaries checked in code finds exactly what the look-around regex finds (5,000 random texts)', () => {
  const WORD = String.raw`[\p{L}\p{N}_]`;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['\u2018\u2019]/g, "['\u2018\u2019]");
  const isW = (c: string) => /[\p{L}\p{N}_]/u.test(c);
  const lexicon = [...defaultMarkers, 'Check:', 'wait a'];
  const ordered = [...new Set(lexicon)].sort((a, b) => b.length - a.length);
  const reference = new RegExp(
    ordered.map((p) => `${isW(p[0]) ? `(?<!${WORD})` : ''}(${esc(p)})${isW(p.at(-1)!) ? `(?!${WORD})` : ''}`).join('|'),
    'giu',
  );
  const pieces = [
    'Wait',
    'wait',
    'WAIT',
    'waiting',
    'a',
    ' ',
    ',',
    '.',
    ':',
    'é',
    '_',
    '1',
    'Let me',
    ' check',
    'Check',
    ':',
    "I'll go back and check",
    'I\u2019ll go back and check',
    'Hmm',
    'hmmm',
    'Alternatively',
    'Actually',
    '\n',
    'Verification',
    'x',
  ];
  const matcher = compileMarkers(lexicon);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let n = 0; n < 5000; n++) {
    let text = '';
    const len = 1 + Math.floor(rnd() * 12);
    for (let k = 0; k < len; k++) text += pieces[Math.floor(rnd() * pieces.length)];
    const want: string[] = [];
    reference.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = reference.exec(text)) !== null) {
      let k = 1;
      while (m[k] === undefined) k++;
      want.push(`${m.index}:${m[0].length}:${ordered[k - 1]}`);
    }
    const got = matcher.findAll(text).map((x) => `${x.start}:${x.end - x.start}:${x.phrase}`);
    assert.deepEqual(got, want, JSON.stringify(text));
  }
});

test('case folding only between ASCII letters: U+0130 and the Kelvin sign are no "i" or "k"', () => {
  // (U+0130 lowers to two characters; the Kelvin sign lowers to "k", which the i flag does not fold to.)
  assert.deepEqual(phrases('\u0130 WaIt, LET ME CHECK it. Wait'), ['WaIt', 'LET ME CHECK', 'Wait']);
  assert.deepEqual(phrases('Let me chec\u212a this. Let me check'), ['Let me check']);
  assert.deepEqual(phrases('\u0130stanbul. Let me chec\u212a. LET\u2019S VERIFY'), ['LET\u2019S VERIFY']);
  const m = compileMarkers(defaultMarkers).findAll('x \u0130\u0130 hold ON now');
  assert.deepEqual(m, [{ start: 5, end: 12, phrase: 'Hold on' }]);
});
