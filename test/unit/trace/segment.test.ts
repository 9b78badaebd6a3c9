import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMultiplicationTraces } from '../../../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseRecordText, parseTrace } from '../../../server/src/trace/parse.js';
import { estimateTokens, segmentRecord } from '../../../server/src/trace/segment.js';
import { splitTokens } from '../../../server/src/trace/tokenSplit.js';
import type { DecisionStep, SampleStep, SegmentedRecord } from '../../../server/src/trace/types.js';
import { otherCases, runCase } from '../../../bench/adversarial.js';

const seg = (text: string, options = defaultSegmentOptions): SegmentedRecord => segmentRecord(parseTrace(text).records[0], options);
const samples = (s: SegmentedRecord): SampleStep[] => s.steps.filter((x): x is SampleStep => x.kind === 'sample');
const decisions = (s: SegmentedRecord): DecisionStep[] => s.steps.filter((x): x is DecisionStep => x.kind === 'decision');
const byCode = (s: SegmentedRecord, code: string) => s.diagnostics.filter((d) => d.code === code);

const TRACE = [
  '=== 17',
  'query: Calculate 347 * 8261.',
  'answer: 2866567',
  '---',
  '347 * 8000 = 2776000',
  'So 347 * 8261 = 2866667',
  'Wait, let me recompute 2776000 + 90567.',
  'No idea yet.',
  'Let me check: 2776000 + 90567 = 2866567',
  'Let me verify: 2866567 / 347 = 8261, so the answer is 2866567.',
].join('\n');

test('alternating samples and decisions; segments without an answer merge into the next', () => {
  const s = seg(TRACE);
  assert.deepEqual(
    s.steps.map((x) => (x.kind === 'sample' ? x.answer : x.action)),
    ['2866667', 'RESAMPLE', '2866567', 'RESAMPLE', '2866567', 'STOP'],
  );
  const [s0, s1, s2] = samples(s);
  assert.deepEqual([s0.correct, s1.correct, s2.correct], [false, true, true]);
  // "Wait" opens attempt 1; the segment after "Wait" has no answer and merges with "Let me check";
  // the verification re-derives the answer (a division), so it is a new attempt: an echo.
  const [d0, d1, d2] = decisions(s);
  assert.equal(d0.marker, 'Wait');
  assert.deepEqual([d0.span.line, d0.span.column, d0.span.endColumn], [6, 0, 4]);
  assert.equal(s1.span.line, 6);
  assert.equal(s1.span.endLine, 8);
  assert.equal(d1.marker, 'Let me verify');
  assert.equal(d1.span.line, 9);
  assert.equal(d1.echo, true, 'same answer again: an echo');
  assert.equal(d2.action, 'STOP');
  assert.equal(d2.marker, null);
  assert.deepEqual([d2.span.line, d2.span.column], [9, 62]);
  assert.deepEqual(s0.answerSpan, { line: 5, column: 16, endLine: 5, endColumn: 23 });
  assert.equal(s.final, '2866567');
  assert.equal(s.correct, true);
  assert.deepEqual(
    s.markers.map((m) => m.phrase),
    ['Wait', 'Let me recompute', 'Let me check', 'Let me verify'],
  );
});

test('diagnostics: resample after a correct answer, echoed wrong answer, missed correction', () => {
  const s = seg(TRACE);
  const rac = byCode(s, 'resample-after-correct');
  assert.equal(rac.length, 1);
  assert.deepEqual([rac[0].line, rac[0].column, rac[0].endColumn], [9, 0, 13]);
  assert.equal(rac[0].severity, 'warning');
  const wrong = seg('=== 1\nanswer: 144\n---\n12 * 12 = 124\nHmm, is that right?\nYes: 12 * 12 = 124\n');
  const echo = byCode(wrong, 'echo');
  assert.equal(echo.length, 1);
  assert.deepEqual([echo[0].line, echo[0].column, echo[0].endColumn], [5, 15, 18]);
  const missed = byCode(wrong, 'missed-correction');
  assert.equal(missed.length, 1);
  assert.deepEqual([missed[0].line, missed[0].column], [5, 15]);
  assert.match(missed[0].message, /124.*144/);
  assert.equal(wrong.correct, false);
});

test('no ground truth (info) and no candidate answer (warning)', () => {
  const s = seg('=== 1\n---\nI am thinking.\n');
  assert.deepEqual(s.steps, []);
  assert.equal(s.final, null);
  assert.equal(s.correct, null);
  assert.deepEqual(
    s.diagnostics.map((d) => [d.code, d.severity, d.line]),
    [
      ['no-ground-truth', 'info', 0],
      ['no-answer', 'warning', 0],
    ],
  );
  const unknown = seg('=== 1\n---\nx = 5\n');
  assert.equal(samples(unknown)[0].correct, null);
  assert.equal(unknown.correct, null);
});

test('missed correction says whether the response re-checked: one attempt, or re-checked N times (findings36)', () => {
  // A single-attempt response stopped without any re-check: the name alone read as "a re-check failed".
  const once = byCode(seg('=== 1\nanswer: 144\n---\n12 * 12 = 124\nSo the answer is 124.\n'), 'missed-correction');
  assert.equal(once.length, 1);
  assert.equal(
    once[0].message,
    'Missed correction: stopped on a wrong answer 124 without re-checking it (ground truth 144): one attempt, no RESAMPLE.',
  );
  // One RESAMPLE (an echo of the wrong answer), then STOP: re-checked once.
  const echoed = byCode(seg('=== 1\nanswer: 144\n---\n12 * 12 = 124\nHmm, is that right?\nYes: 12 * 12 = 124\n'), 'missed-correction');
  assert.equal(echoed[0].message, 'Missed correction: re-checked 1 time and stopped on a wrong answer 124 (ground truth 144).');
  // A correct answer re-checked into a wrong one: two RESAMPLEs.
  const lost = seg('=== 1\nanswer: 36\n---\n12 * 3 = 36.\nWait, let me recompute.\n12 * 3 = 35.\nWait, let me recompute.\n12 * 3 = 34.\n');
  assert.equal(samples(lost).length, 3);
  assert.equal(
    byCode(lost, 'missed-correction')[0].message,
    'Missed correction: re-checked 2 times and stopped on a wrong answer 34 (ground truth 36).',
  );
});

test('no candidate answer in a response cut off at the generation limit says so, and why (findings36)', () => {
  const noAnswer = (s: SegmentedRecord): string => byCode(s, 'no-answer')[0].message;
  // Not cut off: what the engine looked for.
  assert.match(noAnswer(seg('=== 1\nanswer: 5\n---\nI am thinking.\n')), /^No candidate answer found in record 1: expected \\boxed/);
  assert.equal(
    noAnswer(seg('=== 1\nanswer: 5\ntruncated: true\n---\nI am thinking about\n')),
    'No candidate answer found in record 1: the response was cut off (truncated) before stating one: its header says truncated: true.',
  );
  assert.match(
    noAnswer(seg('=== 1\nfinish_reason: length\n---\nI am thinking.\n')),
    /cut off \(truncated\) before stating one: its finish_reason is length\.$/,
  );
  // Longer than the limit (8192 tokens by default, calibration's): by the tokens header, else 4 characters a token.
  assert.match(
    noAnswer(seg('=== 1\ntokens: 9000\n---\nI am thinking.\n')),
    /cut off \(truncated\) before stating one: 9000 tokens \(its tokens header\), over the 8192-token limit\.$/,
  );
  const long = `=== 7\n---\n${'I am thinking. '.repeat(2200)}\n`;
  assert.match(noAnswer(seg(long)), /: about 8250 tokens \(4 characters a token\), over the 8192-token limit\.$/);
  // The limit is the caller's (reflectionLens.tokenLimit, --max-tokens): under a higher one it is not cut off.
  assert.match(
    byCode(segmentRecord(parseTrace(long).records[0], defaultSegmentOptions, { tokenLimit: 10000 }), 'no-answer')[0].message,
    /expected \\boxed/,
  );
  assert.match(
    byCode(segmentRecord(parseTrace(long).records[0], defaultSegmentOptions, { tokenLimit: 100 }), 'no-answer')[0].message,
    /over the 100-token limit/,
  );
  // A source that says the response finished is believed over its length, as calibration does.
  assert.match(noAnswer(seg(`=== 7\ntruncated: false\n---\n${'I am thinking. '.repeat(2200)}\n`)), /expected \\boxed/);
});

test('a boxed answer is not displaced by arithmetic after it in the same segment', () => {
  const s = seg('=== 1\nanswer: 7\n---\nm = 7\nThus the mean is \\boxed{7}.\nVerifying: 3 times 7 = 21\n');
  assert.equal(s.final, '7');
  assert.equal(samples(s).length, 1);
});

test('positions account for escaped lines and CRLF', () => {
  const s = seg('=== 1\r\nanswer: 5\r\n---\r\n\\=== x = 4\r\nWait, x = 5\r\n');
  const [a, b] = samples(s);
  assert.deepEqual([a.answerSpan!.line, a.answerSpan!.column], [3, 9]);
  assert.deepEqual([b.answerSpan!.line, b.answerSpan!.column], [4, 10]);
});

test("token estimate: 4 characters per token, or the record's token count shared by length", () => {
  assert.equal(estimateTokens(0), 1);
  assert.equal(estimateTokens(41), 11);
  const rec = parseRecordText('=== 1\ntokens: 100\n---\n' + 'a'.repeat(200));
  assert.equal(estimateTokens(50, rec), 25);
});

test('token split: the samples share the tokens header less one token per decision, by cumulative rounding (qval35)', () => {
  // Three attempts of about 41, 52 and 57 characters: each rounded on its own, a 60-token header gave
  // 16 + 21 + 24 = 61 and a 3000-token one 818 + 1041 + 1140 = 2999, while attribution took the
  // decisions' tokens out of the log-probs: L now is the split attribution uses.
  const body =
    'First try: 12 * 3 = 38. The answer is 38.\nWait, let me recompute: 12 * 3 = 36. The answer is 36.\nWait, check once more: 3 * 12 = 36, so the answer is 36.\n';
  for (const total of [60, 3000, 6]) {
    const s = seg(`=== 1\nanswer: 36\ntokens: ${total}\n---\n${body}`);
    const L = samples(s).map((x) => x.tokens);
    assert.equal(L.length, 3);
    assert.equal(L.reduce((a, b) => a + b, 0) + decisions(s).length, total, `tokens: ${total} -> ${L.join('/')}`);
    assert.ok(L.every((x) => x >= 1));
  }
  assert.deepEqual(splitTokens(60, [41, 52, 57]), [16, 19, 22]);
  assert.deepEqual(splitTokens(6, [100, 1, 1]), [1, 1, 1]);
  assert.equal(splitTokens(5, [1, 1, 1]), undefined);
  // A header too small for a token per sample and decision: each attempt's own estimate.
  const small = seg(`=== 1\nanswer: 36\ntokens: 5\n---\n${body}`);
  assert.deepEqual(
    samples(small).map((x) => x.tokens),
    samples(seg(`=== 1\nanswer: 36\n---\n${body}`)).map((x) => x.tokens),
  );
});

test('configurable lexicon and answer patterns', () => {
  const s = seg('=== 1\nanswer: B\n---\nChoice: A\nRevisit this.\nChoice: B\n', {
    markers: ['Revisit'],
    answerPatterns: ['Choice: ([A-E])'],
  });
  assert.deepEqual(
    samples(s).map((x) => [x.answer, x.correct]),
    [
      ['A', false],
      ['B', true],
    ],
  );
  assert.equal(decisions(s)[0].marker, 'Revisit');
});

test('generated traces: attempts, correctness and echoes recovered exactly', () => {
  const tasks = ['2x2', '3x4', '5x5', '7x7'].map((task) => ({ task, p: 0.5, delta1: 0.6, delta2: 0.7, n: 150 }));
  let n = 0;
  for (const t of generateMultiplicationTraces({ seed: 11, models: [{ name: 'm', echoRate: 0.4, tasks }], groupSize: 4 })) {
    const s = segmentRecord(parseRecordText(t.text), defaultSegmentOptions);
    const ss = samples(s);
    const ds = decisions(s);
    assert.equal(ss.length, t.attempts.length, t.text);
    t.attempts.forEach((a, i) => {
      assert.equal(ss[i].correct, a.correct, t.text);
      assert.ok(answersMatch(ss[i].answer, a.answer), t.text);
      if (i > 0 && a.echo) assert.equal(ds[i - 1].echo, true, t.text);
    });
    assert.equal(ds[ds.length - 1].action, 'STOP');
    n++;
  }
  assert.equal(n, 600);
});

const answersMatch = (a: string | null, b: string): boolean => a !== null && a.replace(/,/g, '') === b.replace(/,/g, '');

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('segmentation of 100 KB runs of digits and operators between two answers completes', { timeout: 120_000 }, () => {
  runCase(otherCases.segmentRuns);
});

const answers = (query: string, body: string): (string | null)[] =>
  samples(seg(['=== 1', `query: ${query}`, 'answer: 0', '---', body].join('\n'))).map((x) => x.answer);

test('reading rules: the answer named after its value, denied values, aligned chains, partial products, separators', () => {
  // "n = 6 is the answer" states the answer before the word "answer".
  assert.deepEqual(answers('Find the least n with 3^n > 247.', 'Try n = 6: 3^6 = 729. So n = 6 is the answer.'), ['6']);
  // A denied value is not concluded ("x = 1 is not a solution"); the later conclusion is.
  assert.deepEqual(
    answers('Find the product of all solutions.', 'Plugging in, so x = 1 is not a solution.\nTherefore, the product is 289.'),
    ['289'],
  );
  // An aligned chain's last line is an equation of the asked expression (its first line's left side).
  assert.deepEqual(
    answers(
      'Compute $16 \\times 96$.',
      '\\begin{aligned}\n16 \\times 96 &= 16 \\times 90 + 16 \\times 6 \\\\\n&= 1540 + 96 \\\\\n&= 1636\n\\end{aligned}\nActually, wait. 16 \\times 90 = 1440, so the product is 1536.',
    ),
    ['1636', '1536'],
  );
  // For a product question, a partial product near the answer's size is a step, not an attempt.
  assert.deepEqual(
    answers(
      'Compute 75 times 823.',
      '823 × 70 = 57610. Let me check that one: 823 × 7 = 5761. Okay.\nSo the total is 57610 + 4115 = 61725.',
    ),
    ['61725'],
  );
  // Thousands separators in the left side still name the asked expression.
  assert.deepEqual(
    answers('What is 9232 × 15?', 'So 9,232 × 15 = 128,480.\n\nBut wait, the addition is off. So the total is 92,320 + 46,160 = 138,480.'),
    ['128,480', '138,480'],
  );
});

test('answers that are not numbers: restated in words, hedged, in code spans, chosen options', () => {
  // "p - q" is found again where the attempt states it; "p - q ≈ 1.6" makes it a subject, not a conclusion.
  assert.deepEqual(
    answers(
      'Find the sum in terms of p and q.',
      'So S = (p-1) - (q-1) = p - q.\n\nWait, numerically p - q ≈ 1.645 - 1.202 = 0.443, and the sum is about 0.44. So it appears to be p-q.\n\nThus the answer is \\boxed{p - q}.',
    ),
    ['p - q', 'p-q'],
  );
  // A hedged explicit answer and a boxed value in a code span are format talk, not attempts.
  assert.deepEqual(
    answers(
      'Which option? A. 5 B. 6 C. 8 D. 9',
      'The median is 6, which matches Option B.\nIf I write `\\boxed{B}` it is clear, or maybe \\boxed{6}.\n\\boxed{B}',
    ),
    ['B'],
  );
  // For a multiple-choice question a plain number is a step; the chosen letter is the attempt.
  assert.deepEqual(
    answers(
      '6. f(x) has maximum 1, so a = ( ) A. 1/2 B. 1 C. 3/2 D. 2',
      'Then g(0) = 1, so a = 1. Option B.\nWait, check: f(0) = 2/(1+1) = 1. Yes, so B.',
    ),
    ['B', 'B'],
  );
});

test('a RESAMPLE no phrase of the lexicon opens names its attempt in the finding, never a marker "null"', () => {
  const text =
    '=== 1\nanswer: 36\n---\nSo the answer is 36.\nHmm, I doubt it. Trying again from the start: 12 * 3 = 38, so the answer is 38.\n';
  const withDefault = byCode(seg(text), 'resample-after-correct');
  assert.equal(withDefault.length, 1);
  assert.match(withDefault[0].message, /"Hmm/);
  const rac = byCode(seg(text, { ...defaultSegmentOptions, markers: ['I made a mistake'] }), 'resample-after-correct');
  assert.equal(rac.length, 1);
  assert.doesNotMatch(rac[0].message, /null/);
  assert.match(rac[0].message, /attempt 2 reopens a solved problem/);
});
