// fx42 item 3: importer leftovers of stop 41, through the CLI as users run it (dist/cli.js in a
// child). llama-stack-evals' result files read without --map (their rows under "result_data"), and
// a two-option list whose option B holds "C)" no longer warned of (options-misread) nor read as
// three options. Inputs are written here, in the layout llama-stack-evals' `run-benchmarks` writes
// (`<model>/<YYYYMMDD-HHMM-model>/<benchmark>.json`: its Evaluator's result, json.dump'ed with
// indent 2: rows with the dataset's fields, the model's `generation`, the grader's `score` and
// `parsed_pred`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-import42-');

const QUESTION =
  'What is the correct answer to this question: Which particle mediates the electromagnetic force?\nChoices:\n(A) gluon\n(B) photon\n(C) W boson\n(D) graviton\nFormat your response as follows: "The correct answer is (insert answer here)"';
const row = (generation: string, parsed: string) => ({
  input_query: QUESTION,
  expected_answer: 'B',
  chat_completion_input: JSON.stringify([{ role: 'user', content: QUESTION }]),
  messages: [{ role: 'user', content: QUESTION }],
  generation,
  score: parsed === 'B' ? 1.0 : 0.0,
  parsed_pred: parsed,
});
const result = (
  rows: object[],
  extra: object = { metrics: { grade: 50.0, num_correct: 1, num_incorrect: 1 }, subset_metrics: {}, topline_metric_name: 'grade' },
) => JSON.stringify({ ...extra, result_data: rows }, null, 2);
const ROWS = [
  row('The electromagnetic force is carried by the photon.\n\nThe correct answer is (B)', 'B'),
  row('Gluons carry a force, so the answer should be the gluon.\n\nThe correct answer is (A)', 'A'),
];

test('a llama-stack-evals result file is read without --map: each row of result_data a record, ids 1 and 2, score the source verdict', () => {
  const file = write('Llama-4-Scout/20250519-0335-Llama-4-Scout/gpqa-cot-diamond.json', result(ROWS));
  const out = write('lse.trace', '');
  const r = runCli(['import', file, '-o', out]);
  assertNoStack(r, 'import');
  // Before: exit 1, "cannot tell the format: the first row has metrics, subset_metrics, result_data, topline_metric_name".
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /reading llama-stack-evals \(json\): prompt <- input_query, response <- generation, answer <- expected_answer, source verdict <- score, id <- the row's number in "result_data", model <- folder name "Llama-4-Scout"/,
  );
  const trace = readFileSync(out, 'utf8');
  assert.deepEqual(
    [...trace.matchAll(/^=== (.*)$/gm)].map((m) => m[1]),
    ['1', '2'],
  );
  assert.deepEqual(
    [...trace.matchAll(/^source_verdict: (.*)$/gm)].map((m) => m[1]),
    ['true', 'false'],
  );
  assert.deepEqual(
    [...trace.matchAll(/^task: (.*)$/gm)].map((m) => m[1]),
    ['gpqa-cot-diamond', 'gpqa-cot-diamond'],
  );
  // segment reads the file directly too: the finals and their verdicts against expected_answer.
  const s = runCli(['segment', '--json', file]);
  assert.equal(s.status, 0, s.stderr);
  assert.deepEqual(
    (JSON.parse(s.stdout) as { id: string; final: string | null; correct: boolean | null }[]).map((x) => `${x.id} ${x.final} ${x.correct}`),
    ['1 B true', '2 A false'],
  );
});

test('negative: the --map that read it before still reads it whole (one row, its result_data fanned out); an object with only "result_data" is no such file', () => {
  const file = write('Llama-4-Scout/20250519-0400-Llama-4-Scout/gpqa-cot-diamond.json', result(ROWS));
  const out = write('lse-map.trace', '');
  const r = runCli(['import', file, '-o', out, '--map', 'response=result_data[i].generation,answer=result_data[i].expected_answer']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    [...readFileSync(out, 'utf8').matchAll(/^=== (.*)$/gm)].map((m) => m[1]),
    ['1.1', '1.2'],
  );
  const bare = write('bare/result.json', result(ROWS, {}));
  const b = runCli(['import', bare, '-o', write('bare.trace', '')]);
  assertNoStack(b, 'import');
  assert.equal(b.status, 1);
  assert.match(b.stderr, /cannot tell the format: the first row has result_data/);
});

test('a flat row\'s two options, option B holding "C)": written "(A) ...  (B) ...", read as two options, no options-misread warning', () => {
  const rows = ['2 is prime and even, so the claim fails.\n\nThe answer is (B).', 'The answer is (A).'].map((response, k) => ({
    id: k + 1,
    question: 'Is the claim "every prime is odd" true?',
    options: ['True', 'False: C) 2 is odd'],
    answer: 'B',
    response,
  }));
  const f = write('two_options.jsonl', rows.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const out = write('two_options.trace', '');
  const r = runCli(['import', f, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  // Before: "the 2 options are written as A to B, but the query reads as options A to C (option B's text holds "C)" ...)".
  assert.doesNotMatch(r.stderr, /options-misread/);
  assert.match(readFileSync(out, 'utf8'), /^query: Is the claim "every prime is odd" true\? {2}\(A\) True {2}\(B\) False: C\) 2 is odd$/m);
  const s = runCli(['segment', '--json', out]);
  assert.deepEqual(
    (JSON.parse(s.stdout) as { id: string; final: string | null; correct: boolean | null }[]).map((x) => `${x.id} ${x.final} ${x.correct}`),
    ['1 B true', '2 A false'],
  );
});
