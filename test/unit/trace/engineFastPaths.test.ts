// The engine's hand-written fast paths against what they stand for: question.ts
// dropThousandsCommas, markers.ts's alternation grouped by first character, statements.ts
// lastResult's reading from the last value back and sentenceBoundaries, answers.ts
// isCanonicalInteger and the literal guards of normalizeAnswer's rewrites, question.ts
// normalizeMath's copying in runs, restatement.ts's scan for a restated answer and question.ts
// asMultiSelect's copy, statements.ts unquoted's copy. Same output, checked on fixed and random inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion, asMultiSelect, dropThousandsCommas, normalizeMath } from '../../../server/src/trace/question.js';
import { Restatement } from '../../../server/src/trace/restatement.js';
import { compileMarkers } from '../../../server/src/trace/markers.js';
import { findStatements, lastResult, lastResultForward, sentenceBoundaries, unquoted } from '../../../server/src/trace/statements.js';
import { isCanonicalInteger, localizedNumber, normalizeAnswer, OPTION_LIST, unitTailValue } from '../../../server/src/trace/answers.js';

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

test('sentenceBoundaries, visiting only line breaks, . ! ? and 。！？, finds the boundaries the character-by-character reading does', () => {
  // The reading it replaces: every position of [from, to] tested.
  const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
  const byChar = (t: string, from: number, to: number): { starts: number[]; ends: number[] } => {
    const starts: number[] = [];
    const ends: number[] = [];
    for (let k = from; k <= to; k++) {
      const c = k < t.length ? t.charCodeAt(k) : -1;
      const prev = k > 0 ? t.charCodeAt(k - 1) : -1;
      // 。！？ end a sentence whatever follows them.
      const full = (x: number): boolean => x === 0x3002 || x === 0xff01 || x === 0xff1f;
      if (k > from && (prev === 10 || full(prev) || ((prev === 46 || prev === 33 || prev === 63) && isSpace(c)))) starts.push(k);
      // Pass 93a: a full stop inside a closing quote ('stay." The') starts the next sentence after the quote.
      else if (
        k - 2 >= from &&
        prev === 34 &&
        (t.charCodeAt(k - 2) === 46 || t.charCodeAt(k - 2) === 33 || t.charCodeAt(k - 2) === 63) &&
        isSpace(c)
      )
        starts.push(k);
      if (
        k < to &&
        (c === 10 ||
          full(c) ||
          ((c === 46 || c === 33 || c === 63) && (k + 1 >= t.length || isSpace(t.charCodeAt(k + 1)) || t[k + 1] === '"')))
      )
        ends.push(k);
    }
    return { starts, ends };
  };
  const alphabet = ['a', 'b', '1', ' ', ' ', '\t', '\n', '\r', '.', '.', '!', '?', '"', ',', '\u00a0', '\u3002', '\uff01', '\uff1f'];
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

// normalizeAnswer as it was before its rewrites were guarded by the literals they need (and its
// local `has` closure written out): the reference for the test below.
function normalizeAnswerBefore(raw: string): string {
  if (isCanonicalInteger(raw)) return raw;
  // A plain number (most answers) passes every rewrite below unchanged but its separators.
  if (plainNumber.test(raw)) return canonicalNumberBefore(raw.indexOf(',') < 0 ? raw : raw.replace(/,/g, ''))!;
  // (Pass 87: money, units of other languages, decimal commas, unguarded.)
  const local = localizedNumber(raw);
  if (local !== undefined) return local === raw ? raw : normalizeAnswerBefore(local);
  // A simple fraction ("3/4", "-12/35"): the rewrites below would only canonicalize its parts.
  const simple = simpleFraction.exec(raw);
  if (simple) return `${simple[1]}${canonicalNumberBefore(simple[2])}/${canonicalNumberBefore(simple[3])}`;
  let s = raw.trim();
  const boxed = /^\\(?:boxed|fbox)\s*\{([\s\S]*)\}$/.exec(s);
  if (boxed) s = boxed[1];
  // A set of option letters ("B, C, and D", "A、C、D", "DB") is one answer, in letter order: "bcd".
  if (s.length <= 40 && letterSetRe.test(s)) return [...new Set(s.match(/[A-E]/g))].sort().join('').toLowerCase();
  // Each rewrite runs only when the text holds a character it needs (a backslash, "%", ...):
  // most values that get here hold few of them, and a pass that cannot match changes nothing.
  const has = (c: string): boolean => s.includes(c);
  if (has('\\')) {
    s = s
      .replace(/\\(?:text|textbf|textrm|mathrm|mathbf)\s*\{([^{}]*)\}/g, '$1')
      .replace(/\\[dt]frac/g, '\\frac')
      .replace(/\\left|\\right/g, '');
  }
  if (has('\\') || has('\u00b0')) s = s.replace(/\^\s*\{?\s*\\circ\s*\}?|\u00b0|\\degree/g, '');
  if (has('%')) s = s.replace(/\\%|%/g, '');
  // (Stop 36: a matrix's row break stays, unguarded.)
  s = s.replace(/\\\\|\\[,;:! ]|~/g, (m) => (m === '\\\\' ? m : ''));
  if (has('\\') || has('$')) s = s.replace(/\\\$|\$|\\\(|\\\)|\\\[|\\\]/g, '');
  if (has('\u2212')) s = s.replace(/\u2212/g, '-');
  // (Stop 36: a count noun after a number, unguarded; the alphabet makes no other unit or scale word.)
  const counted = /^([-+]?\d(?:[\d,]{0,20}\d)?(?:\.\d{1,12})?)[ \t]{1,2}([a-z]{3,15})$/.exec(s);
  if (counted && counted[2] !== 'and') s = counted[1];
  s = s.replace(/\s+/g, '');
  // (Stop 36: braces around a one-character power, unguarded.)
  s = s.replace(/\^\{([0-9A-Za-z])\}(?![\d.])/g, '^$1');
  if (has('\\')) {
    // (Stop 29's mixed numbers, unguarded.)
    s = s.replace(
      /(^|[-+=(,[{])(\d{1,9})\\frac(?:\{(\d{1,9})\}\{(\d{1,9})\}|(\d)(\d))/g,
      (_m, pre: string, w: string, a?: string, b?: string, c?: string, d?: string) =>
        Number(a ?? c) < Number(b ?? d) ? `${pre}(${w}+${a ?? c}/${b ?? d})` : `${pre}${w}\\cdot${a ?? c}/${b ?? d}`,
    );
    s = s.replace(/\\frac\{((?:[^{}]|\{[^{}]*\})*)\}\{((?:[^{}]|\{[^{}]*\})*)\}/g, '($1)/($2)').replace(/\\frac(\d)(\d)/g, '$1/$2');
  }
  // (Stop 29: a leading "." before a digit is a decimal point, kept.)
  s = s.replace(/^(?:[,;:]|\.(?!\d))+|[.,;:]+$/g, '');
  // Plain-text math written as LaTeX would be: "π/2", "3*sqrt(13)", "3√13" (tested first: rare).
  if (/\u03c0|sqrt|\u221a/.test(s)) {
    s = s
      .replace(/\u03c0/g, '\\pi')
      .replace(
        /(?:\\sqrt|sqrt|\u221a)\(([^()]{1,20})\)|(?:\\?sqrt|\u221a)(\d+|[a-z])/g,
        (_m, a: string | undefined, b: string | undefined) => `\\sqrt{${a ?? b}}`,
      )
      .replace(/(\d)(?:\*|\\cdot|\\times)(?=\\sqrt|\\pi)/g, '$1');
  }
  // Parentheses the fraction rewrite added around plain numbers or a single symbol are noise.
  s = s.replace(/\((-?[\d.]+|\\[a-z]+(?:\{[^{}]*\})?)\)/g, '$1');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) && !/,[ \t]/.test(raw)) s = s.replace(/,/g, '');
  // (Pass 87g: a unit or counter that markup wrapped.)
  const tail = unitTailValue(s);
  if (tail !== undefined) return normalizeAnswerBefore(tail);
  s = canonicalNumberBefore(s) ?? s;
  const frac = /^(-?)(\d[\d.]*)\/(\d[\d.]*)$/.exec(s);
  if (frac) s = `${frac[1]}${canonicalNumberBefore(frac[2]) ?? frac[2]}/${canonicalNumberBefore(frac[3]) ?? frac[3]}`;
  // (Stop 36: a command keeps its case.)
  return s.replace(/\\[A-Z][A-Za-z]*|[A-Z]+/g, (m) => (m[0] === '\\' ? m : m.toLowerCase()));
}
const letterSetRe = new RegExp(`^(?:[A-E]{2,5}|${OPTION_LIST})$`);
const simpleFraction = /^(-?)(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/;
const plainNumber = /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;
function canonicalNumberBefore(s: string): string | undefined {
  const m = /^([-+]?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return undefined;
  const int = m[2].replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

test('normalizeAnswer with each rewrite guarded by a literal it needs is the unguarded one', () => {
  const alphabet = [
    '1',
    '0',
    '0',
    '2',
    '7',
    '.',
    ',',
    ';',
    ':',
    '(',
    ')',
    '-',
    '+',
    '/',
    ' ',
    '%',
    '$',
    '{',
    '}',
    '^',
    '~',
    'A',
    'B',
    'x',
    '\u00e9',
    '\u00b0',
    '\u2212',
    '\u03c0',
    '\u221a',
    '\\',
    '\\frac',
    '\\dfrac',
    '\\pi',
    '\\sqrt',
    '\\boxed{',
    '\\text{',
    '\\left(',
    '\\right)',
    '\\circ',
    '\\,',
    'sqrt',
    '\t',
    '\u00a0',
    '1,000',
    '3/4',
    ', and ',
  ];
  let seed = 17;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 40000; n++) {
    let s = '';
    for (let i = Math.floor(next() * 10); i > 0; i--) s += alphabet[Math.floor(next() * alphabet.length)];
    assert.equal(normalizeAnswer(s), normalizeAnswerBefore(s), JSON.stringify(s));
  }
});

/** normalizeMath as it was written before stop 27: the same pass, appending a character at a time. */
function normalizeMathByChar(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      const next = s[i + 1] ?? '';
      if (s.startsWith('times', i + 1) || s.startsWith('cdot', i + 1) || s.startsWith('ast', i + 1)) {
        out += '*';
        i += s.startsWith('times', i + 1) ? 5 : s.startsWith('cdot', i + 1) ? 4 : 3;
      } else if (s.startsWith('left', i + 1)) i += 4;
      else if ((next === 'd' || next === 't') && s.startsWith('frac', i + 2)) {
        out += '\\frac';
        i += 5;
      } else if (s.startsWith('right', i + 1)) i += 5;
      else if (',;:! ()[]'.includes(next) && next !== '') i += 1;
      else out += '\\';
      continue;
    }
    if (c === 36 || c === 38 || c === 123 || c === 125 || c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0)
      continue;
    if (c === 0xd7 || c === 0xb7 || c === 0x22c5 || c === 0x2217) {
      out += '*';
      continue;
    }
    if ((c === 120 || c === 88) && /\d$/.test(out) && /^[ \t]{0,2}\d/.test(s.slice(i + 1, i + 4))) {
      out += '*';
      continue;
    }
    if (c === 0x2212) {
      out += '-';
      continue;
    }
    if (c === 0xb2 || c === 0xb3) {
      out += c === 0xb2 ? '^2' : '^3';
      continue;
    }
    if (c > 127 && /\s/.test(s[i])) continue;
    out += s[i];
  }
  if (out.includes(',')) out = dropThousandsCommas(out);
  return out.toLowerCase();
}

test('normalizeMath copying in runs is the pass a character at a time', () => {
  const alphabet = [
    '\\',
    'times',
    'cdot',
    'ast',
    'left',
    'right',
    'dfrac',
    'tfrac',
    'frac',
    ',',
    ';',
    ':',
    '!',
    '(',
    ')',
    '[',
    ']',
    ' ',
    '\t',
    '\n',
    '$',
    '&',
    '{',
    '}',
    '\u00d7',
    '\u00b7',
    '\u22c5',
    '\u2217',
    'x',
    'X',
    '3',
    '45',
    '\u2212',
    '\u00b2',
    '\u00b3',
    '\u2009',
    '\u00a0',
    '\u3000',
    'a',
    'B',
    ',000',
    '\u00e9',
    '\u{1d465}',
  ];
  let seed = 29;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 40000; n++) {
    let s = '';
    for (let i = Math.floor(next() * 14); i > 0; i--) s += alphabet[Math.floor(next() * alphabet.length)];
    assert.equal(normalizeMath(s), normalizeMathByChar(s), JSON.stringify(s));
  }
});

/** The pattern withRestatements built for each answer before stop 27, which Restatement stands for. */
function restatementPattern(clean: string): RegExp {
  const plainPi = clean.includes('\u03c0');
  return new RegExp(
    `(?<![\\w\\\\${plainPi ? '/*^+\\-\u2212' : ''}])${[...clean].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[ \\t]{0,2}')}(?![\\w]${plainPi ? '|[ \\t]{0,2}[/*^(+\\-\u2212]' : ''})`,
    'g',
  );
}

test('Restatement finds what the pattern built for the answer found', () => {
  const answers = [
    'p-q',
    '(3,4)',
    '\u03c0',
    '2\u03c0',
    '\u03c0/3',
    '1681\u03c0/4',
    'x+y',
    'Evelyn',
    '\\frac{1}{2}',
    '[1,2)',
    'a.b',
    '$5',
    '\u{1d465}+1',
    'B',
    '*',
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
    '^',
    '+',
    '-',
    '\u2212',
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
  ];
  let seed = 41;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const all = (found: (from: number) => [number, number] | undefined, from: number): string => {
    const out: string[] = [];
    for (let m = found(from); m !== undefined; m = found(m[1])) out.push(`${m[0]}-${m[1]}`);
    return out.join(' ');
  };
  for (let n = 0; n < 20000; n++) {
    const answer = answers[Math.floor(next() * answers.length)];
    // Text made of pieces and the answer written with blanks between its characters.
    let text = '';
    for (let i = Math.floor(next() * 10); i > 0; i--) {
      if (next() < 0.3) text += [...answer].map((c) => c + (next() < 0.3 ? ' '.repeat(Math.floor(next() * 4)) : '')).join('');
      else text += pieces[Math.floor(next() * pieces.length)];
    }
    const from = Math.floor(next() * 3);
    const re = restatementPattern(answer);
    const byPattern = all((at) => {
      re.lastIndex = at;
      const m = re.exec(text);
      return m ? [m.index, m.index + m[0].length] : undefined;
    }, from);
    const restated = new Restatement(answer);
    assert.equal(
      all((at) => restated.next(text, at), from),
      byPattern,
      JSON.stringify({ answer, text, from }),
    );
  }
});

test('asMultiSelect is the spread copy it stands for, property order included', () => {
  const questions = [
    'Which of the following are prime? A. 2 B. 4 C. 5 D. 9',
    'What is 12 times 34? A) 408 B) 406 C) 418 D) 400',
    'How many apples does Tom have left after giving away 3 of his 10? (A) 5 (B) 6 (C) 7 (D) 8',
    'Find the remainder when 525105 is divided by 19.',
    '',
  ];
  for (const q of questions) {
    const info = analyzeQuestion(q);
    const copy = asMultiSelect(info);
    assert.deepStrictEqual(copy, { ...info, multiSelect: true }, q);
    assert.deepStrictEqual(Object.keys(copy), Object.keys({ ...info, multiSelect: true }), q);
  }
});

test('unquoted is the spread copy it stands for (fromQuestion false, tentative read as false)', () => {
  const cases: [string, string][] = [
    ['What is 12 times 34?', 'We need 12 × 34 = 408. If it were 400, no. So the answer is 408.\nMaybe 12 * 34 = 410? Check: **408**.'],
    [
      'A bus travels 3 h at 81 km/h. What is the distance?',
      'Suppose the distance is 243 km. 81 × 3 = 243 km\nTherefore, the answer is \\boxed{243}.',
    ],
    ['How many apples are left after giving away 3 of 10?', '10 - 3 = 7. Does 7 work? Yes, 7 apples are left, so 7.'],
  ];
  let n = 0;
  for (const [q, text] of cases) {
    for (const st of findStatements(text, { question: analyzeQuestion(q) })) {
      const spread = { ...st, fromQuestion: false };
      const copy = unquoted(st);
      for (const k of [
        'start',
        'end',
        'value',
        'rule',
        'strength',
        'aboutTarget',
        'fromQuestion',
        'normalized',
        'closesOther',
        'partial',
        'term',
        'ofOther',
      ] as const)
        assert.equal(copy[k], spread[k], `${k} of ${st.value} in ${JSON.stringify(text)}`);
      // The spread kept no getter: its tentative was undefined, the copy's is false.
      assert.equal(spread.tentative, undefined);
      assert.equal(copy.tentative, false);
      n++;
    }
  }
  assert.ok(n >= 6, `statements found: ${n}`);
});
