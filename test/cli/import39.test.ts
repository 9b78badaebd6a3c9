// Two importer leftovers of stop 38 (importfix39), through the CLI as users run it (dist/cli.js
// in a child): MMLU-Pro's options left out of questions whose own text has lettered lines (a
// formal-logic key "A: Marina reads ..."), and a Parquet file's repeated-message summary that
// counted "lines". Inputs are written here, or are rows of the outsider's files (named where used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-import39-');

/** The `query:` header of each record of a .trace, in order. */
const queries = (trace: string): string[] => [...readFileSync(trace, 'utf8').matchAll(/^query: (.*)$/gm)].map((m) => m[1]);

const KEY =
  ' Use the following key to translate the given formula of PL to natural, English sentences.\nA: Marina reads a Percy Jackson book.\nB: Izzy plays Minecraft.\nC: Emily stops working.\nD: Russell makes dinner.\nE: Ashleigh stops by.\n';

// Elements 9188 and 9575 of /tmp/import38/data/mmlupro_mathstral-7B_5shots.json (TIGER-AI-Lab/MMLU-Pro
// eval_results, mathstral-7B 5-shot; question_id 10862 and 11257), verbatim but for the fields not
// mapped and generated_text cut to its last sentences.
const FORMAL_10 = {
  question_id: 10862,
  question: `${KEY}(A ∨ ~E) ≡ (D • ~B)`,
  options: [
    'Either Marina reading a Percy Jackson book or Ashleigh not stopping by is a necessary condition for both Russell not making dinner and Izzy not playing Minecraft.',
    "Either Marina reads a Percy Jackson book or Ashleigh does not stop by just in case both Russell makes dinner and Izzy doesn't play Minecraft.",
    "Marina reads a Percy Jackson book or Ashleigh doesn't stop by only if Russell doesn't make dinner and Izzy plays Minecraft.",
    "Marina reads a Percy Jackson book unless Ashleigh stops by if, and only if, both Russell makes dinner and Izzy doesn't play Minecraft.",
    'Marina reads a Percy Jackson book or Ashleigh does not stop by only when Russell is making dinner and Izzy is not playing Minecraft.',
    "Either Marina reads a Percy Jackson book or Ashleigh doesn't stop by whenever Russell makes dinner and Izzy doesn't play Minecraft.",
    'Marina reading a Percy Jackson book or Ashleigh not stopping by is a necessary condition for Russell not making dinner and Izzy playing Minecraft.',
    'Either Marina reading a Percy Jackson book or Ashleigh not stopping by is a necessary and sufficient condition for Russell making dinner and Izzy playing Minecraft.',
    'Either Marina reading a Percy Jackson book or Ashleigh not stopping by is a necessary condition for both Russell making dinner and Izzy not playing Minecraft.',
    'Either Marina reading a Percy Jackson book or Ashleigh not stopping by is a necessary and sufficient condition for Russell not making dinner and Izzy playing Minecraft.',
  ],
  answer: 'B',
  generated_text: ' We refer to Wikipedia articles on formal logic for help. The answer is (I).',
};
const FORMAL_4 = {
  question_id: 11257,
  question: `${KEY}(~B • E) ⊃ D`,
  options: [
    "If it's not the case that both Izzy plays Minecraft and Ashleigh stops by then Russell makes dinner.",
    "If it's both not the case that Izzy plays Minecraft and Ashleigh stops by then Russell makes dinner.",
    'Izzy playing Minecraft and Ashleigh stopping by entails that Russell makes dinner.',
    "Russell's making dinner is a sufficient condition for Izzy not playing Minecraft and Ashleigh stopping by.",
  ],
  answer: 'B',
  generated_text: ' We refer to Wikipedia articles on formal logic for help. The answer is (A).',
};
const MAP = ['--map', 'response=generated_text,prompt=question + options'];

test('MMLU-Pro: a question whose key has lines "A: ..." keeps its options, lettered A) to J) (item 1)', () => {
  // Elements 9188 and 9575 of the outsider's file: the labels of the key read as options already
  // shown, and the options were left out (5 questions of 12,032; 0 now, counted by script).
  const plain = {
    question_id: 70,
    question: 'Which is largest?',
    options: ['2', '7', '5'],
    answer: 'B',
    generated_text: 'The answer is (B).',
  };
  const f = write('mmlupro_mathstral-7B_5shots.json', JSON.stringify([plain, FORMAL_10, FORMAL_4], null, 4));
  const out = write('mmlupro.trace', '');
  const r = runCli(['import', f, '-o', out, ...MAP]);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  const [q1, q2, q3] = queries(out);
  assert.equal(q1, 'Which is largest?  A) 2 B) 7 C) 5');
  for (const [q, row] of [
    [q2, FORMAL_10],
    [q3, FORMAL_4],
  ] as const) {
    assert.ok(q.startsWith('Use the following key to translate'), q);
    // FORMAL_4's formula holds " E)" inside a line: each line break before a label is two blanks (stop 41).
    const sep = row === FORMAL_4 ? '  ' : ' ';
    assert.ok(q.endsWith(row.options.map((o, k) => `${'ABCDEFGHIJ'[k]}) ${o}`).join(sep)), q);
  }
  // The 4 options were read as the key's five labels A-E, the longer list (an options-misread
  // warning here at stop 39); since stop 40 the options, which close the question, are its list
  // (test/cli/import40.test.ts, item 4).
  assert.doesNotMatch(r.stderr, /options-misread/);
  assert.match(r.stderr, /import: 3 records written to [^,\n]*\n/);
  // The 10-option question reads its own options: the letter answered is option I's.
  const s = runCli(['segment', '--json', out]);
  const rows = JSON.parse(s.stdout) as { final: string }[];
  assert.deepEqual(
    rows.map((x) => x.final),
    ['B', 'I', 'A'],
  );
});

test('an option whose text holds "A:" or a line break is written on its own line under its own letter; a prompt showing the options keeps them once (item 1)', () => {
  const rows = [
    // Options with labels and line breaks of their own: each one line, lettered by position.
    { q: 'Which line of the key is true?', options: ['A: x\nholds', 'B) y', 'none\nof these'], out: 'The answer is (C).', answer: 'C' },
    // A prompt that shows the options (letter, then text): nothing appended.
    { q: 'Which is largest?\n(A) 2\n(B) 7', options: ['2', '7'], out: 'The answer is (B).', answer: 'B' },
    // A prompt with labels A and B of other texts (a key): the options are appended.
    { q: 'Key:\nA. red\nB. blue\nWhich is warm?', options: ['red', 'green'], out: 'The answer is (A).', answer: 'A' },
  ];
  const f = write('opts.jsonl', rows.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const out = write('opts.trace', '');
  const r = runCli(['import', f, '-o', out, '--map', 'response=out,prompt=q + options']);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(queries(out), [
    // Options whose text holds a label are written "(A) ...", two blanks before each (stop 41).
    'Which line of the key is true?  (A) A: x holds  (B) B) y  (C) none of these',
    'Which is largest? (A) 2 (B) 7',
    'Key: A. red B. blue Which is warm?  A) red B) green',
  ]);
  const s = runCli(['segment', '--json', out]);
  assert.deepEqual(
    (JSON.parse(s.stdout) as { final: string }[]).map((x) => x.final),
    ['C', 'B', 'A'],
  );
});

test('options the engine reads as another list are said at their line and column: more than ten, contents that read as one (item 1)', () => {
  const many = 'abcdefghijkl'.split('').map((c) => `option ${c}${c}`);
  const rows = [
    { q: 'Pick one.', options: many, out: 'The answer is (K).' },
    // Numbers written three ways: one value. (Element 3036 of the outsider's MMLU-Pro file, genotypes
    // that differ only in case, "ddGg×DdGG" / "DdGg×DDgg", read so until stop 40: test/cli/import40.test.ts.)
    { q: 'Which is the mass in kg?', options: ['5', '5.0', '5.00'], out: 'The answer is (C).' },
  ];
  const f = write('many.jsonl', rows.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const r = runCli(['import', f, '-o', write('many.trace', ''), '--map', 'response=out,prompt=q + options']);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  const col = (k: number): number => JSON.stringify(rows[k]).indexOf('"options"') + 11;
  assert.match(
    r.stderr,
    new RegExp(
      `many\\.jsonl:1:${col(0)}: warning: options <- options: the 12 options are written as A to L, but the query reads as options A to J \\(the engine reads options A to J only\\)`,
    ),
  );
  assert.match(
    r.stderr,
    new RegExp(
      `many\\.jsonl:2:${col(1)}: warning: options <- options: the 3 options are written as A to C, but the query reads as no options \\(their texts read as one value once normalized\\): a letter the response answers is read without its option's text \\[options-misread\\]`,
    ),
  );
});

test("a Parquet file's repeated message and unlisted count say rows, a JSONL file's lines (item 2)", () => {
  const pq = 'test/fixtures/formats/openr1/train-00000-of-00001.parquet';
  const r = runCli(['import', pq, '-o', write('pq.trace', ''), '--map', 'response=nothere[i]']);
  assertNoStack(r, 'import');
  assert.match(r.stderr, /train-00000-of-00001\.parquet: the same \[no-response\] message on 5 more rows \(rows 2-6\), not listed/);
  assert.doesNotMatch(r.stderr, /\blines?\b/);
  const s = runCli(['segment', pq, '--map', 'response=nothere[i]']);
  assert.match(s.stderr, /the same \[no-response\] message on 5 more rows \(rows 2-6\), not listed/);
  assert.match(s.stderr, /no record could be read \(7 rows reported\)/);
  // The table's first column is headed by what it counts.
  assert.match(runCli(['segment', pq]).stdout, /^ {4}row {2}id /m);
  assert.doesNotMatch(s.stderr, /\blines?\b/);
  // An Inspect .eval archive: entries.
  const e = runCli(['import', 'test/fixtures/formats/inspect/mmlu.eval', '-o', write('e.trace', ''), '--map', 'response=nothere[i]']);
  assert.match(e.stderr, /the same \[no-response\] message on 2 more entries \(entries 2, 3\), not listed/);
  assert.match(e.stderr, /\(4 entries reported\)/);
  // JSONL: lines, as before.
  const f = write('noresp.jsonl', '{"a": 1}\n{"a": 2}\n{"a": 3}\n');
  const j = runCli(['import', f, '-o', write('j.trace', ''), '--map', 'response=nothere']);
  assert.match(j.stderr, /the same \[no-response\] message on 2 more lines \(lines 2, 3\), not listed/);
  assert.match(j.stderr, /\(4 lines reported\)/);
});

test('options beside the question are read by default: a flat JSONL rollout (choices, an index as the answer) and a JSON list given only --map response= (siblings of item 1)', () => {
  // MMLU's {question, choices, answer: index} beside a response; without options: as before.
  const f = write(
    'flat-mc.jsonl',
    [
      { question: 'Which planet is largest?', choices: ['Mars', 'Jupiter', 'Venus'], answer: 1, response: 'Jupiter. The answer is (B).' },
      { question: 'What is 2+3?', response: 'The answer is 5.', answer: '5' },
      { question: 'Key:\nA: one.\nB: two.\nC: three.\nWhich?', options: ['two', 'three'], answer: 'B', response: 'The answer is (B).' },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n') + '\n',
  );
  const out = write('flat-mc.trace', '');
  const r = runCli(['import', f, '-o', out]);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(queries(out), [
    'Which planet is largest?  A) Mars B) Jupiter C) Venus',
    'What is 2+3?',
    'Key: A: one. B: two. C: three. Which?  A) two B) three',
  ]);
  assert.match(readFileSync(out, 'utf8'), /^=== 1\nquery: .*\nanswer: B$/m);
  // The key's labels A-C were read as the list (an options-misread warning at stop 39); the options,
  // after it, are the list since stop 40 (item 4 of test/cli/import40.test.ts).
  assert.doesNotMatch(r.stderr, /options-misread/);
  // The outsider's MMLU-Pro file with only --map response=generated_text: the options were dropped silently.
  const j = write('mmlupro_plain.json', JSON.stringify([FORMAL_10], null, 4));
  const jOut = write('mmlupro_plain.trace', '');
  const m = runCli(['import', j, '-o', jOut, '--map', 'response=generated_text']);
  assert.match(m.stderr, /reading fields \(json\): prompt <- question \+ options, response <- generated_text/);
  assert.ok(queries(jOut)[0].endsWith(FORMAL_10.options.map((o, k) => `${'ABCDEFGHIJ'[k]}) ${o}`).join(' ')));
});
