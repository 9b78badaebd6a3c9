// Importer leftovers of stop 40 (importfix41), through the CLI as users run it (dist/cli.js in a
// child): a label inside an option's own text read as the next option, and the printed mapping
// (the first row's) that did not say where later rows' options came from. Inputs are written
// here, or are rows of the outsider's files (named where used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-import41-');

/** The `query:` header of each record of a .trace, in order. */
const queries = (trace: string): string[] => [...readFileSync(trace, 'utf8').matchAll(/^query: (.*)$/gm)].map((m) => m[1]);

// Element 5241 of /tmp/import38/data/mmlupro_mathstral-7B_5shots.json (TIGER-AI-Lab/MMLU-Pro
// eval_results, mathstral-7B 5-shot; question_id 10405, stemez-ComputerScience), verbatim but for
// the fields not mapped and generated_text cut to its last sentence; the other rows' responses
// are written for the test.
const PD_QUESTION =
  'A is any 20 × 20 array. Write a FUNCTION subprogram to compute PD (A, I, J) = [ A(I-1,J) + A(I+1,J) + A(I,J-1) + A(I,J+1)] / 4 Then use it to compute B_ij = (1-\\alpha)B_ij+ \\alpha [{Bi-1, j+Bi+1, j+ Bi, j-1+ Bi, j+1} / 4].';
const PD_OPTIONS = [
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I, J-1) + A (I, J+1) + A (I-1, J) + A (I+1, J)) / 5.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I-1, J) + A (I+1, J) + A (I, J-1) + A (I, J+1)) / 4.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I-1, J-1) + A (I+1, J+1) + A (I-1, J+1) + A (I+1, J-1)) / 4.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I, J) + A (I, J+1) + A (I, J-1) + A (I-1, J) + A (I+1, J)) / 5.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I, J) + A (I+1, J) + A (I-1, J) + A (I, J-1) + A (I, J+1)) / 6.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I, J) + A (I-2, J) + A (I+2, J) + A (I, J-2) + A (I, J+2)) / 4.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I-2, J) + A (I+2, J) + A (I, J-2) + A (I, J+2)) / 4.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I-1, J) + A (I, J+1) + A (I+1, J) + A (I, J-1)) / 3.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
  'FUNCTION PD (A, I, J) DIMENSION A (20, 20) PD = (A (I-1, J) + A (I+1, J) + A (I, J-1) + A (I, J+1)) / 2.0 RETURN END; B(I, J) = [(1.-ALPHA)*B(I, J) + ALPHA*PD(B, I, J)].',
];

test('MMLU-Pro element 5241: "J)" inside an option\'s text is no tenth option; the nine options are read as the source lists them (item 1)', () => {
  const row = (id: number, generated_text: string) => ({
    question_id: id,
    question: PD_QUESTION,
    options: PD_OPTIONS,
    answer: 'B',
    generated_text,
  });
  const f = write(
    'mmlupro_pd.json',
    JSON.stringify(
      [
        row(10405, ' The function PD(A, I, J) should compute the average of the four neighbors of A(I, J). The correct answer is (B).'),
        row(1, ' The answer is (J).'),
        row(2, ' The answer is (I).'),
      ],
      null,
      4,
    ),
  );
  const out = write('pd.trace', '');
  const r = runCli(['import', f, '-o', out, '--map', 'response=generated_text']);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  // It said "the 9 options are written as A to I, but the query reads as options A to J (option
  // A's text holds "J)", which reads as a label)".
  assert.doesNotMatch(r.stderr, /options-misread/);
  // Each option is written "(A) ..." and opens a paragraph: two blanks before each label in the one-line header.
  const q = queries(out)[0];
  assert.ok(q.startsWith(`${PD_QUESTION}  (A) FUNCTION PD (A, I, J)`), q);
  for (const [k, letter] of [...'BCDEFGHI'].entries()) assert.ok(q.includes(`.  (${letter}) ${PD_OPTIONS[k + 1].slice(0, 20)}`), letter);
  const s = runCli(['segment', '--json', out]);
  assert.equal(s.status, 0, s.stderr);
  const rows = JSON.parse(s.stdout) as { final: string | null; correct: boolean | null }[];
  // "J" is no option of the question (it was read as a tenth option, the rest of I's text); I is
  // read as the whole of I's text, a wrong answer.
  assert.deepEqual(
    rows.map((x) => [x.final, x.correct]),
    [
      ['B', true],
      [null, null],
      ['I', false],
    ],
  );
});

test("options without a label-like letter are written as before: one line each, after the question's blank line (item 1)", () => {
  const f = write(
    'plain.json',
    JSON.stringify([{ question: 'Q?', options: ['x (y)', 'z', 'w'], answer: 'A', generated_text: 'The answer is (A).' }]),
  );
  const out = write('plain.trace', '');
  const r = runCli(['import', f, '-o', out, '--map', 'response=generated_text']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(queries(out), ['Q?  A) x (y) B) z C) w']);
});

test("the printed mapping is the first row's: where each row's options came from is said after the file, when not all from that field (item 2)", () => {
  const rows = [
    { question: 'Q1?', options: ['x', 'y'], answer: 'A', generated_text: 'The answer is (A).' },
    { question: 'Q2?', answer: '4', generated_text: 'So 4.' },
    { question: 'Q3?', choices: ['p', 'q', 'r'], answer: 'B', generated_text: 'The answer is (B).' },
    { question: 'Q4?', options: ['x', 'y'], answer: 'B', generated_text: 'The answer is (B).' },
  ];
  const f = write('mixed.json', JSON.stringify(rows, null, 2));
  const out = write('mixed.trace', '');
  const r = runCli(['import', f, '-o', out, '--map', 'response=generated_text']);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /mixed\.json: reading fields \(json\): prompt <- question \+ options, /);
  // It said only "prompt <- question + options": element 2 had none, element 3 its choices.
  assert.match(
    r.stderr,
    /mixed\.json: options row by row \(the mapping line names the first row's\): options on 2 elements, none on 1 element \(element 2\), choices on 1 element \(element 3\)\n/,
  );
  assert.deepEqual(queries(out), ['Q1?  A) x B) y', 'Q2?', 'Q3?  A) p B) q C) r', 'Q4?  A) x B) y']);
  // --json: the mapping's description says it too.
  const j = runCli(['import', f, '-o', out, '--map', 'response=generated_text', '--json']);
  const mapping = (JSON.parse(j.stdout) as { mapping: { description: string } }).mapping;
  assert.match(
    mapping.description,
    /; options row by row \(the mapping line names the first row's\): options on 2 elements, none on 1 element/,
  );
  // A first row without options: the mapping says "prompt <- question"; the rows after it with options are counted.
  const g = write('later.json', JSON.stringify([rows[1], rows[0], rows[3]], null, 2));
  const l = runCli(['import', g, '-o', out, '--map', 'response=generated_text']);
  assert.match(l.stderr, /reading fields \(json\): prompt <- question, /);
  assert.match(
    l.stderr,
    /options row by row \(the mapping line names the first row's\): options on 2 elements, none on 1 element \(element 1\)\n/,
  );
  // Flat JSONL rollouts whose mapping is printed (task_id as the group): the same, by line.
  const flat = write(
    'mixed.jsonl',
    rows.map((o, k) => JSON.stringify({ ...o, response: o.generated_text, generated_text: undefined, task_id: `t${k}` })).join('\n') + '\n',
  );
  const fl = runCli(['import', flat, '-o', out]);
  assert.equal(fl.status, 0, fl.stderr);
  assert.match(fl.stderr, /mixed\.jsonl: reading fields \(jsonl\): prompt <- question \+ options, /);
  assert.match(
    fl.stderr,
    /mixed\.jsonl: options row by row \(the mapping line names the first row's\): options on 2 lines, none on 1 line \(line 2\), choices on 1 line \(line 3\)\n/,
  );
  // Every row's options from the field the mapping names: nothing more is said.
  const same = write('same.json', JSON.stringify([rows[0], rows[3]], null, 2));
  const sm = runCli(['import', same, '-o', out, '--map', 'response=generated_text']);
  assert.equal(sm.status, 0, sm.stderr);
  assert.doesNotMatch(sm.stderr, /row by row/);
});

test('options in the prompt only, lettered "A." / "(A)" / "A)" / "A:" / "A．", one holding the next letter ("C. difficile"): an answer naming option C by its text is C, after a worked example or a key too (item 3)', () => {
  // The four options of r1l8-diagarena-23's prompt (test/fixtures/gold/dev37, a development set:
  // "B. Postinfectious altered bowel habits with C. difficile colonization"), verbatim, in chat
  // JSONL rows written for the test.
  const opts = [
    'Clostridioides difficile infection',
    'Postinfectious altered bowel habits with C. difficile colonization',
    'Post-infectious irritable bowel syndrome',
    'Antibiotic-associated diarrhea',
  ];
  const forms: [string, (l: string, t: string) => string][] = [
    ['dot', (l, t) => `${l}. ${t}`],
    ['paren', (l, t) => `(${l}) ${t}`],
    ['close', (l, t) => `${l}) ${t}`],
    ['colon', (l, t) => `${l}: ${t}`],
    ['cjk', (l, t) => `${l}．${t}`],
  ];
  const lists = forms.map(([name, f]) => [
    name,
    opts.map((t, k) => f('ABCD'[k], t.replace('C. difficile', `${f('C', 'difficile')}`))).join('\n'),
  ]);
  const prefixes = [
    ['example', 'Example question: Which is red?\nA. apple\nB. sky\nC. sea\nD. grass\nAnswer: A\n\n'],
    ['key', 'Key:\nA: fever\nB: cramps\nC: diarrhea\nD: bloating\nE: nausea\n\n'],
  ];
  const prompts = [...lists.map(([name, list]) => [name, list]), ...prefixes.map(([name, pre]) => [name, `${pre}${lists[0][1]}`])].map(
    ([name, list]) => [name, `Which diagnosis fits?\n${list}\n\nPut your final answer letter within \\boxed{}.`],
  );
  const rows = prompts.flatMap(([name, prompt]) =>
    ['So the answer is \\boxed{C}.', 'The answer is Post-infectious irritable bowel syndrome.'].map((response, k) => ({
      id: `${name}-${k}`,
      messages: [
        { role: 'user', content: prompt },
        { role: 'assistant', content: response },
      ],
      answer: 'C',
    })),
  );
  const f = write('inner_label_chat.jsonl', rows.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const out = write('inner_label_chat.trace', '');
  const r = runCli(['import', f, '-o', out]);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  // The header writes each line break before a label as two blanks: the labels that opened a line.
  assert.match(queries(out)[0], /with C\. difficile colonization {2}C\. Post-infectious/);
  const s = runCli(['segment', '--json', out]);
  const read = (JSON.parse(s.stdout) as { id: string; final: string | null; correct: boolean | null }[]).map(
    (x) => `${x.id} ${x.final} ${x.correct}`,
  );
  // The text answer was read as nothing: option C's text was "difficile colonization" (the letter inside B).
  assert.deepEqual(
    read,
    rows.map((x) => `${x.id} C true`),
  );
});

test("siblings of items 1 and 2: element 5241's options as an lm-eval doc's choices and an Inspect sample's choices; a first row without them is said", () => {
  const lm = (id: number, response: string, choices?: string[]) => ({
    doc_id: id,
    doc: { question: PD_QUESTION, ...(choices ? { choices } : {}), answer: 1 },
    target: 1,
    arguments: { gen_args_0: { arg_0: 'x' } },
    resps: [[response]],
    filtered_resps: [response],
    exact_match: 0,
  });
  const sample = (id: number, response: string, choices?: string[]) => ({
    id,
    epoch: 1,
    input: PD_QUESTION,
    ...(choices ? { choices } : {}),
    target: 'B',
    output: { model: 'm', choices: [{ message: { role: 'assistant', content: response }, stop_reason: 'stop' }] },
    scores: { choice: { value: 'I' } },
  });
  const files = [
    write(
      'pd_lmeval.jsonl',
      [lm(0, 'The answer is (J).', PD_OPTIONS), lm(1, 'The answer is (B).', PD_OPTIONS)].map((o) => JSON.stringify(o)).join('\n') + '\n',
    ),
    write(
      'pd_inspect.json',
      JSON.stringify(
        {
          version: 2,
          status: 'success',
          eval: { task: 't', model: 'm' },
          samples: [sample(1, 'ANSWER: J', PD_OPTIONS), sample(2, 'ANSWER: B', PD_OPTIONS)],
        },
        null,
        1,
      ),
    ),
  ];
  for (const f of files) {
    const out = write('pd_sib.trace', '');
    const r = runCli(['import', f, '-o', out]);
    assertNoStack(r, 'import');
    assert.equal(r.status, 0, r.stderr);
    // It said "the 9 options are written as A to I, but the query reads as options A to J".
    assert.doesNotMatch(r.stderr, /options-misread/, f);
    const s = runCli(['segment', '--json', out]);
    // "J" was read as the tenth option (a wrong answer): it is none of the nine.
    assert.deepEqual(
      (JSON.parse(s.stdout) as { final: string | null }[]).map((x) => x.final),
      [null, 'B'],
      f,
    );
  }
  // A first row without options: the mapping line says "prompt <- input" (or doc.question); the
  // row after it with options is counted.
  const mixed = [
    write('mixed_lmeval.jsonl', [lm(0, 'So 4.'), lm(1, 'The answer is (B).', PD_OPTIONS)].map((o) => JSON.stringify(o)).join('\n') + '\n'),
    write(
      'mixed_inspect.json',
      JSON.stringify({
        version: 2,
        status: 'success',
        eval: { task: 't', model: 'm' },
        samples: [sample(1, 'So 4.'), sample(2, 'ANSWER: B', PD_OPTIONS)],
      }),
    ),
  ];
  const r1 = runCli(['import', mixed[0], '-o', write('m1.trace', '')]);
  assert.match(
    r1.stderr,
    /options row by row \(the mapping line names the first row's\): none on 1 line, doc\.choices on 1 line \(line 2\)\n/,
  );
  const r2 = runCli(['import', mixed[1], '-o', write('m2.trace', '')]);
  assert.match(
    r2.stderr,
    /options row by row \(the mapping line names the first row's\): none on 1 sample, choices on 1 sample \(sample 2\)\n/,
  );
});
