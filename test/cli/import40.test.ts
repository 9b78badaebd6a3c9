// Importer leftovers of stop 39 (importfix40), through the CLI as users run it (dist/cli.js in a
// child): options that are no usable list said on every row, Parquet read through a pipe (rows,
// not lines), options that differ only in case, and a key's lettered lines beating the options.
// Inputs are written here, or are rows of the outsider's files (named where used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-import40-');

/** The `query:` header of each record of a .trace, in order. */
const queries = (trace: string): string[] => [...readFileSync(trace, 'utf8').matchAll(/^query: (.*)$/gm)].map((m) => m[1]);

const EXPECTED =
  'expected a list of 2 to 26 strings or numbers \\(or \\{text: \\[\\.\\.\\.\\], label: \\[\\.\\.\\.\\]\\}\\); the query is read without them \\[bad-options\\]';

test('options or choices that are no list of options are a warning at their field on every row, with or without --map; the row is still read (item 1)', () => {
  // What each row's options are, and how the warning names it. The first row's options are a
  // string: the mapping a JSON list or --map took from it read no options at all.
  const cases: [unknown, string, string][] = [
    ['A) x B) y', 'options', 'a string \\("A\\) x B\\) y"; one text is not split into options\\)'],
    [{ a: 'x' }, 'options', 'an object without a "text" list \\(it has a\\)'],
    [[{ text: 'x' }, { text: 'y' }], 'options', 'a list of 2 objects'],
    [[], 'options', 'an empty list'],
    [['x'], 'choices', 'a list of 1 option'],
    [['x', null], 'options', 'a list whose element 2 is null'],
    [['x', 'y'], 'options', ''],
  ];
  const rows = cases.map(([options, field], k) => ({
    question: `Q${k + 1}?`,
    [field]: options,
    answer: 'A',
    response: 'The answer is (A).',
  }));
  const jsonl = write('badopts.jsonl', rows.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const json = write('badopts.json', JSON.stringify(rows, null, 2));
  const col = (k: number): number => JSON.stringify(rows[k]).indexOf(`"${cases[k][1]}"`) + 11;
  for (const [file, extra] of [
    [jsonl, []],
    [jsonl, ['--map', 'response=response']],
    [json, []],
  ] as const) {
    const out = write('badopts.trace', '');
    const r = runCli(['import', file, '-o', out, ...extra]);
    assertNoStack(r, 'import');
    assert.equal(r.status, 0, r.stderr);
    // Every row is read; only the last one's options are appended.
    assert.deepEqual(queries(out), [...rows.slice(0, -1).map((o) => o.question), 'Q7?  A) x B) y']);
    cases.forEach(([, field, what], k) => {
      if (!what) return;
      const at = file === jsonl ? `badopts\\.jsonl:${k + 1}:${col(k)}: warning: ` : `badopts\\.json:\\d+:\\d+: warning: element ${k + 1}: `;
      assert.match(r.stderr, new RegExp(`${at}options <- ${field} is ${what}: ${EXPECTED}`), `${file} ${extra.join(' ')} row ${k + 1}`);
    });
    assert.equal((r.stderr.match(/\[bad-options\]/g) ?? []).length, 6, r.stderr);
  }
  // A row after the first with options of its own, where the first had none: they are read (they
  // were dropped silently: the mapping the first row set read no options).
  const mixed = write(
    'mixed.json',
    JSON.stringify([
      { question: 'What is 2+3?', answer: '5', response: '5' },
      { question: 'Which?', options: ['x', 'y'], answer: 'A', response: 'The answer is (A).' },
    ]),
  );
  const mOut = write('mixed.trace', '');
  assert.equal(runCli(['import', mixed, '-o', mOut]).status, 0);
  assert.deepEqual(queries(mOut), ['What is 2+3?', 'Which?  A) x B) y']);
  // The user's own prompt rule without options reads none, and says nothing of them.
  const own = runCli(['import', jsonl, '-o', write('own.trace', ''), '--map', 'prompt=question']);
  assert.doesNotMatch(own.stderr, /bad-options/);
});

test("a Parquet row's options that are no list of options are a warning naming its row and column (item 1)", () => {
  const str = (name: string) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }) as const;
  const options: (string | null)[][] = [['x', 'y'], [], ['x'], ['x', null]];
  const buf = parquetWriteBuffer({
    schema: [
      { name: 'schema', num_children: 3 },
      str('question'),
      str('response'),
      { name: 'options', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      str('element'),
    ],
    columnData: [
      { name: 'question', data: options.map((_, k) => `Q${k + 1}?`) },
      { name: 'response', data: options.map(() => 'The answer is (A).') },
      { name: 'options', data: options },
    ],
  });
  const f = write('opts.parquet', Buffer.from(buf));
  const out = write('pq.trace', '');
  const r = runCli(['import', f, '-o', out]);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(queries(out), ['Q1?  A) x B) y', 'Q2?', 'Q3?', 'Q4?']);
  assert.match(r.stderr, new RegExp(`opts\\.parquet:2:1: warning: row 2: options <- options is an empty list: ${EXPECTED}`));
  assert.match(r.stderr, new RegExp(`opts\\.parquet:3:1: warning: row 3: options <- options is a list of 1 option: ${EXPECTED}`));
  assert.match(
    r.stderr,
    new RegExp(`opts\\.parquet:4:1: warning: row 4: options <- options is a list whose element 2 is null: ${EXPECTED}`),
  );
  assert.match(r.stderr, /3 rows reported/);
});

test('a Parquet file read from standard input (or a file whose name does not say Parquet) is read as Parquet, its positions rows; an .eval archive entries (item 2)', () => {
  const pq = 'test/fixtures/formats/openr1/train-00000-of-00001.parquet';
  const bytes = readFileSync(pq).toString('latin1');
  // Through `-`: its bytes were read as JSONL, 63 bad-json "lines"; now its rows are read, as from the file.
  const fromFile = write('file.trace', '');
  assert.equal(runCli(['import', pq, '-o', fromFile]).status, 0);
  const out = write('stdin.trace', '');
  const r = runCliBytes(['import', '-', '-o', out], pq);
  assertNoStack(r, 'import -');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^-: reading openr1 \(parquet\): prompt <- problem, response <- generations\[i\]/m);
  assert.match(r.stderr, /import: 8 records written to .*, 3 rows reported/);
  assert.doesNotMatch(r.stderr, /bad-json|\blines?\b/);
  assert.equal(
    readFileSync(out, 'utf8').replace(/^model: stdin$/gm, 'model: x'),
    readFileSync(fromFile, 'utf8').replace(/^model: train-00000-of-00001$/gm, 'model: x'),
  );
  // The repeated message and the count of a read that fails say rows.
  const bad = runCliBytes(['import', '-', '-o', write('bad.trace', ''), '--map', 'response=nothere[i]'], pq);
  assert.match(bad.stderr, /^-: the same \[no-response\] message on 5 more rows \(rows 2-6\), not listed$/m);
  assert.match(bad.stderr, /no record could be read from - \(7 rows reported\)/);
  assert.doesNotMatch(bad.stderr, /\blines?\b/);
  // segment: its table's first column is headed row, its summary counts rows.
  const s = runCliBytes(['segment', '-', '--map', 'response=nothere[i]'], pq);
  assert.match(s.stderr, /no record could be read \(7 rows reported\)/);
  assert.match(s.stdout, /^ {4}row {2}id /m);
  assert.doesNotMatch(s.stderr, /\blines?\b/);
  // A regular file named without .parquet: its magic bytes "PAR1" say it.
  const noext = write('results', Buffer.from(bytes, 'latin1'));
  const n = runCli(['segment', noext]);
  assert.equal(n.status, 0, n.stderr);
  assert.match(n.stderr, /reading openr1 \(parquet\)/);
  assert.match(n.stdout, /^ {4}row {2}id /m);
  // An Inspect .eval archive (a ZIP) through `-`: its entries, as from the file (was bad-json lines).
  const ev = runCliBytes(
    ['import', '-', '-o', write('ev.trace', ''), '--map', 'response=nothere[i]'],
    'test/fixtures/formats/inspect/mmlu.eval',
  );
  assert.match(ev.stderr, /the same \[no-response\] message on 2 more entries \(entries 2, 3\), not listed/);
  assert.match(ev.stderr, /no record could be read from - \(4 entries reported\)/);
  // A .trace through `-` is read as before: its table counts lines.
  const t = runCliBytes(['segment', '-'], 'examples/grpo.trace');
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /^ {3}line {2}id /m);
});

/** runCli with a file's bytes on standard input (binary, as a shell's `< file` gives them). */
function runCliBytes(args: string[], file: string): ReturnType<typeof runCli> {
  return runCli(args, { input: readFileSync(file) });
}

test('options that differ only in case (genotypes of a cross) are read as options: no options-misread, each letter its own option (item 3)', () => {
  // Element 3036 of /tmp/import38/data/mmlupro_mathstral-7B_5shots.json (TIGER-AI-Lab/MMLU-Pro
  // eval_results, mathstral-7B 5-shot; question_id 3287), verbatim but for the fields not mapped.
  const row = {
    question_id: 3287,
    question:
      'In peas, tall (D) is dominant to dwarf (d) and yellow cotyledons (G) is dominant to green (g). A tall pea plant with yellow cotyledons was crossed with a tall pea plant with green cotyledons. These were the results in the progeny: 6 tall, green 5 tall, yellow 2 dwarf, yellow 2 dwarf, green What are the genotypes of the parents?',
    options: ['ddGg×DdGG', 'DDGG×ddgg', 'DdGg×DDgg', 'Ddgg×DdGG', 'DDGg×Ddgg', 'DDGg×ddGg', 'DdGg×Ddgg', 'DDgg×ddGg', 'DdGg×DDGg'],
    answer: 'G',
    generated_text:
      ' The genotype of the tall, green parent must be DdGg, because it produced tall, green offspring. The genotype of the tall, yellow parent must be DdGG, because it produced tall, yellow offspring. The answer is (C).\n\n',
  };
  const right = { ...row, question_id: 1, generated_text: ' The answer is (G).' };
  // The reference as an option's content: the one written with that case.
  const content = { ...row, question_id: 2, answer: 'DdGg×Ddgg', generated_text: ' The answer is (G).' };
  const other = { ...content, question_id: 3, generated_text: ' The answer is (C).' };
  const f = write('mmlupro_genotypes.json', JSON.stringify([row, right, content, other], null, 4));
  const out = write('genotypes.trace', '');
  const r = runCli(['import', f, '-o', out, '--map', 'response=generated_text']);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  // It said "the query reads as no options (their texts read as one value, case and spacing ignored)".
  assert.doesNotMatch(r.stderr, /options-misread/);
  const s = runCli(['segment', '--json', out]);
  const rows = JSON.parse(s.stdout) as { final: string; correct: boolean | null }[];
  assert.deepEqual(
    rows.map((x) => [x.final, x.correct]),
    [
      ['C', false],
      ['G', true],
      ['G', true],
      ['C', false],
    ],
  );
});

test("a key whose lettered lines are more than the options no longer wins over the row's options (item 4)", () => {
  // Element 9575 of /tmp/import38/data/mmlupro_mathstral-7B_5shots.json (TIGER-AI-Lab/MMLU-Pro
  // eval_results, mathstral-7B 5-shot; question_id 11257), verbatim but for the fields not mapped
  // and the responses, written for the test.
  const question =
    ' Use the following key to translate the given formula of PL to natural, English sentences.\nA: Marina reads a Percy Jackson book.\nB: Izzy plays Minecraft.\nC: Emily stops working.\nD: Russell makes dinner.\nE: Ashleigh stops by.\n(~B • E) ⊃ D';
  const options = [
    "If it's not the case that both Izzy plays Minecraft and Ashleigh stops by then Russell makes dinner.",
    "If it's both not the case that Izzy plays Minecraft and Ashleigh stops by then Russell makes dinner.",
    'Izzy playing Minecraft and Ashleigh stopping by entails that Russell makes dinner.',
    "Russell's making dinner is a sufficient condition for Izzy not playing Minecraft and Ashleigh stopping by.",
  ];
  const row = (id: number, generated_text: string) => ({ question_id: id, question, options, answer: 'B', generated_text });
  const f = write(
    'mmlupro_key.json',
    JSON.stringify([row(1, ' The answer is (E).'), row(2, ' The answer is (B).'), row(3, ` The answer is: ${options[1]}`)], null, 4),
  );
  const out = write('key.trace', '');
  const r = runCli(['import', f, '-o', out, '--map', 'response=generated_text']);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  // It said "the 4 options are written as A to D, but the query reads as options A to E".
  assert.doesNotMatch(r.stderr, /options-misread/);
  const s = runCli(['segment', '--json', out]);
  const rows = JSON.parse(s.stdout) as { final: string | null; correct: boolean | null }[];
  // "E" is no option of the question (it was read as the key's E, a wrong answer); B is, and so
  // is B's text.
  assert.deepEqual(
    rows.map((x) => [x.final, x.correct]),
    [
      [null, null],
      ['B', true],
      ['B', true],
    ],
  );
});

test("siblings of item 1: an Inspect sample's choices and an lm-eval doc's choices are read row by row, and said where they are no list", () => {
  // The first sample has no choices (a dataset of mixed questions): the mapping it set read none,
  // so every later sample's choices were dropped, and options of another shape said nothing.
  const sample = (id: number, choices: unknown) => ({
    id,
    epoch: 1,
    input: `Question ${id}?`,
    target: id === 1 ? '5' : 'A',
    ...(choices === undefined ? {} : { choices }),
    output: { model: 'm', choices: [{ message: { role: 'assistant', content: 'ANSWER: A' }, stop_reason: 'stop' }] },
    scores: { choice: { value: 'C' } },
  });
  const log = write(
    'inspect_log.json',
    JSON.stringify(
      {
        version: 2,
        status: 'success',
        eval: { task: 'mc', model: 'openai/x' },
        samples: [sample(1, undefined), sample(2, ['red', 'blue']), sample(3, 'red|blue'), sample(4, [])],
      },
      null,
      2,
    ),
  );
  const out = write('inspect.trace', '');
  const r = runCli(['import', log, '-o', out]);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(queries(out), ['Question 1?', 'Question 2?  A) red B) blue', 'Question 3?', 'Question 4?']);
  assert.match(
    r.stderr,
    new RegExp(
      `inspect_log\\.json:\\d+:\\d+: warning: element 3: options <- choices is a string \\("red\\|blue"; one text is not split into options\\): ${EXPECTED}`,
    ),
  );
  assert.match(r.stderr, new RegExp(`inspect_log\\.json:\\d+:\\d+: warning: element 4: options <- choices is an empty list: ${EXPECTED}`));
  // lm-eval's samples file: doc.choices, the target an index (its letter where the options are read).
  const docs: [unknown, unknown][] = [
    [undefined, '5'],
    [['x', 'y'], 0],
    ['x y', 0],
    [[{ t: 1 }], 0],
  ];
  const lm = write(
    'samples_mc_2025-01-01T00-00-00.jsonl',
    docs
      .map(([choices, target], k) =>
        JSON.stringify({
          doc_id: k,
          doc: { question: `Q${k}?`, ...(choices === undefined ? {} : { choices }) },
          target,
          arguments: { gen_args_0: { arg_0: `Q${k}?` } },
          resps: [['The answer is (A).']],
          filtered_resps: ['A'],
          acc: 1,
        }),
      )
      .join('\n') + '\n',
  );
  const lmOut = write('lm.trace', '');
  const l = runCli(['import', lm, '-o', lmOut]);
  assert.equal(l.status, 0, l.stderr);
  assert.deepEqual(queries(lmOut), ['Q0?', 'Q1?  A) x B) y', 'Q2?', 'Q3?']);
  assert.match(readFileSync(lmOut, 'utf8'), /^=== 1\nquery: .*\nanswer: A$/m);
  assert.match(
    l.stderr,
    new RegExp(
      `samples_mc_2025-01-01T00-00-00\\.jsonl:3:\\d+: warning: options <- doc\\.choices is a string \\("x y"; one text is not split into options\\): ${EXPECTED}`,
    ),
  );
  assert.match(
    l.stderr,
    new RegExp(`samples_mc_2025-01-01T00-00-00\\.jsonl:4:\\d+: warning: options <- doc\\.choices is a list of 1 option: ${EXPECTED}`),
  );
});
