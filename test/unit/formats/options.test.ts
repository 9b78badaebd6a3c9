// Stop 32: a multiple-choice question whose options are kept in a field of their own (Inspect's
// multiple_choice() `choices`, lm-eval's `doc.choices`) is read with them appended as "A) ..."
// lines, the form the engine reads options in, so the letter answered ("ANSWER: C") and an
// option's content stated are read as the choice.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRule, parseRule, PathSyntaxError } from '../../../server/src/trace/formats/path.js';
import { presetMapping } from '../../../server/src/trace/formats/presets.js';
import { optionsMisread, optionTarget, withOptions } from '../../../server/src/trace/formats/records.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { streamTraceFile } from '../../../server/src/trace/stream.js';

test('a rule with "+ options": parsed, printed back, and wrong combinations refused', () => {
  const r = parseRule('input + choices');
  assert.equal(formatRule(r), 'input + choices');
  assert.equal(formatRule(parseRule('doc.question | arguments[0][0] + doc.choices')), 'doc.question | arguments[0][0] + doc.choices');
  assert.equal(formatRule(parseRule('input')), 'input');
  assert.throws(() => parseRule('a + b + c'), PathSyntaxError);
  assert.throws(() => parseRule('a == "x" + b'), PathSyntaxError);
});

test('withOptions: a list or ARC {text, label} appended as lines; a prompt that shows them, or no list, left alone', () => {
  assert.equal(withOptions('Which is largest?', ['2', '7', '5']), 'Which is largest?\n\nA) 2\nB) 7\nC) 5');
  assert.equal(withOptions('Pick one.', { text: ['red\nwine', 'blue'], label: ['1', '2'] }), 'Pick one.\n\n1) red wine\n2) blue');
  const shown = 'Which is largest?\n(A) 2\n(B) 7';
  assert.equal(withOptions(shown, ['2', '7']), shown);
  assert.equal(withOptions('Q', 'not a list'), 'Q');
  assert.equal(withOptions('Q', ['only one']), 'Q');
  // Numbers are options as they print (stop 39: a list of numbers was dropped; a list with a null still is, with a bad-options warning).
  assert.equal(withOptions('Q', [1, 2n]), 'Q\n\nA) 1\nB) 2');
  assert.equal(withOptions('Q', ['a', null]), 'Q');
});

test('withOptions: labels alone are not options shown: a key "A: ..." or a list of other texts gets the options appended (stop 39)', () => {
  // MMLU-Pro formal logic (question_id 11257, shortened): the key's "A:" / "B:" lines read as the options shown.
  const key = 'Use the following key.\nA: Marina reads a Percy Jackson book.\nB: Izzy plays Minecraft.\n(~B • E) ⊃ D';
  // An option's text with a label-like letter ("then D."): the options are written "(A) ..." (stop 41).
  assert.equal(withOptions(key, ['If not both, then D.', 'D if neither.']), `${key}\n\n(A) If not both, then D.\n(B) D if neither.`);
  // Shown with their texts (inline, blanks as one, "(A)", "A.", "A:"): left alone; one missing: appended.
  for (const shown of ['Which?\n(A) 2\n(B) 7', 'Which? A. 2  B. 7', 'Which?\nA: 2\nB:\n7'])
    assert.equal(withOptions(shown, ['2', '7']), shown);
  assert.equal(withOptions('Which?\nA) 2\nB) 8', ['2', '7']), 'Which?\nA) 2\nB) 8\n\nA) 2\nB) 7');
  assert.equal(withOptions('Which?\nA) 20\nB) 7', ['2', '7']), 'Which?\nA) 20\nB) 7\n\nA) 2\nB) 7', '"20" is not "2"');
  // An option's own label or line break stays in its line, under its own letter.
  assert.equal(withOptions('Q?', ['A: x\ny', 'B) z']), 'Q?\n\n(A) A: x y\n(B) B) z');
});

test('optionsMisread: undefined where the engine reads the letters written, else what it reads and why (stop 39)', () => {
  const key = 'Key:\nA: one.\nB: two.\nC: three.\nWhich?';
  const four = ['alpha', 'beta', 'gamma', 'delta'];
  assert.equal(optionsMisread('Which?', withOptions('Which?', four), four), undefined);
  assert.equal(optionsMisread(key, withOptions(key, four), four), undefined, 'the options (4) are the longer list');
  // The key's three lettered lines were the longer list, taken for the two options (stop 39: said);
  // since stop 40 the options, after the key has ended, are the question's list.
  const two = ['alpha', 'beta'];
  assert.equal(optionsMisread(key, withOptions(key, two), two), undefined);
  assert.equal(optionsMisread('Q', 'Q', 'not a list'), undefined);
  assert.equal(optionsMisread('Q', 'Q', { text: ['x', 'y'], label: ['1', '2'] }), undefined, 'numbered labels: not checked');
});

test('presets: Inspect reads input + choices, lm-eval doc.question + doc.choices; a sample without options as before', () => {
  const inspectRow = { input: 'q', choices: ['a', 'b'], target: 'A', epoch: 1, output: { choices: [] }, scores: { choice: {} } };
  assert.equal(formatRule(presetMapping('inspect', inspectRow).rules.prompt!), 'input + choices');
  assert.equal(formatRule(presetMapping('inspect', { ...inspectRow, choices: undefined }).rules.prompt!), 'input');
  const lmRow = { doc: { question: 'q', choices: ['a', 'b', 'c', 'd'], answer: 2 }, resps: [['x']], target: 'C', doc_id: 0 };
  assert.equal(formatRule(presetMapping('lm-eval', lmRow).rules.prompt!), 'doc.question | arguments[0][0] + doc.choices');
  assert.equal(formatRule(presetMapping('lm-eval', { ...lmRow, doc: { question: 'q' } }).rules.prompt!), 'doc.question | arguments[0][0]');
});

test('Inspect multiple_choice() log: the options reach the question, "ANSWER: X" and a stated option content are read', async () => {
  const finals: (string | null)[] = [];
  const verdicts: (boolean | null)[] = [];
  const bare: (string | null)[] = [];
  let query = '';
  for await (const rec of streamTraceFile('test/fixtures/formats/inspect/mmlu.eval', { onDiagnostic: () => undefined })) {
    query ||= rec.query ?? '';
    const s = segmentRecord(rec, defaultSegmentOptions);
    finals.push(s.final);
    verdicts.push(s.correct);
    const input = (rec.query ?? '').replace(/\s+A\) [^]*$/, '');
    bare.push(segmentRecord({ ...rec, query: input, headers: { ...rec.headers, query: input } }, defaultSegmentOptions).final);
  }
  assert.match(query, /closest to\s+A\) 6\.0 eV\s+B\) 6\.8 eV\s+C\) 12\.2 eV\s+D\) 13\.6 eV$/);
  // Sample 3 names no letter: "6.0 eV" is option A's content (without the options it was read as no answer).
  assert.deepEqual(finals, ['A', 'C', 'A']);
  assert.deepEqual(verdicts, [true, false, true]);
  assert.deepEqual(bare, ['A', 'C', null], 'the question without its options');
});

test('an option index as the reference answer (lm-eval MMLU and ARC `target`) is the option letter', async () => {
  assert.equal(optionTarget(2, ['a', 'b', 'c', 'd']), 'C');
  assert.equal(optionTarget(0, { text: ['x', 'y'], label: ['1', '2'] }), '1');
  assert.equal(optionTarget(4, ['a', 'b', 'c', 'd']), 4, 'out of range: kept');
  assert.equal(optionTarget(1.5, ['a', 'b']), 1.5);
  assert.equal(optionTarget('2', ['a', 'b', 'c']), '2', 'a string is an answer, not an index');
  assert.equal(optionTarget(2, undefined), 2, 'no options: a number is the answer');
  assert.equal(optionTarget(2n, ['a', 'b', 'c']), 'C', "a Parquet INT64 (galvsk/mmlu-eval's answer column)");
  assert.equal(optionTarget(5n, ['a', 'b', 'c']), 5n, 'out of range: kept');
  assert.equal(optionTarget(2, [1, 2, 3]), 2, 'options that are numbers: the reference may be one of them, kept');
  const dir = mkdtempSync(join(tmpdir(), 'rl-target-'));
  try {
    const row = (id: number, target: number, resp: string) =>
      JSON.stringify({
        doc_id: id,
        doc: { question: 'Which planet is largest?', choices: ['Mars', 'Venus', 'Jupiter', 'Earth'], answer: target },
        target,
        arguments: { gen_args_0: { arg_0: 'Which planet is largest?' } },
        resps: [[resp]],
        filtered_resps: [resp],
        exact_match: resp.includes('Jupiter') === (target === 2) ? 1 : 0,
      });
    const file = join(dir, 'samples_mmlu_astronomy_2026-01-01.jsonl');
    writeFileSync(
      file,
      [row(0, 2, 'Jupiter is the largest planet. The answer is (C).'), row(1, 2, 'Mars, I think. The answer is (A).')].join('\n') + '\n',
    );
    const got: [string | undefined, boolean | null][] = [];
    for await (const rec of streamTraceFile(file, { onDiagnostic: () => undefined }))
      got.push([rec.answer, segmentRecord(rec, defaultSegmentOptions).correct]);
    assert.deepEqual(got, [
      ['C', true],
      ['C', false],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
