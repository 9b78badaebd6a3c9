// fx43 items 4 and 5 (docs/segmentation-eval.md, "Stop 43: fx43"), through the CLI as users run it
// (dist/cli.js in a child). A llama-stack-evals result file's rows are said at their own line and
// column (they were all at the file's start, 1:1), and the grader's `parsed_pred` rides on each
// record as a header; a question whose option lines end in a blank but the last keeps its last
// option through the `.trace` header. Inputs are written here, in the layout llama-stack-evals'
// `run-benchmarks` writes (json.dump with indent 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-import43-');

const QUESTION =
  'What is the correct answer to this question: Which planet has the most moons?\nChoices:\n(A) Mars\n(B) Saturn\n(C) Venus\n(D) Mercury\nFormat your response as follows: "The correct answer is (insert answer here)"';
const row = (generation: unknown, parsed: string | null) => ({
  input_query: QUESTION,
  expected_answer: 'B',
  messages: [{ role: 'user', content: QUESTION }],
  generation,
  score: parsed === 'B' ? 1.0 : 0.0,
  parsed_pred: parsed,
});
const result = (rows: unknown[]) =>
  JSON.stringify({ metrics: { grade: 50.0 }, subset_metrics: {}, topline_metric_name: 'grade', result_data: rows }, null, 2);

test("a llama-stack-evals row's diagnostics stand at the row's own line and column; parsed_pred is a header", () => {
  const text = result([
    row('Saturn has over 140 known moons.\n\nThe correct answer is (B)', 'B'),
    row('', null),
    row(42, 'C'),
    7,
    row('Mars has two moons, Phobos and Deimos.\n\nThe correct answer is (A)', 'A'),
  ]);
  const file = write('Llama-4-Scout/20250601-1200-Llama-4-Scout/moons.json', text);
  const out = write('moons.trace', '');
  const r = runCli(['import', file, '-o', out]);
  assertNoStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  // Where each thing stands in the file (1-based): the empty and the integer generation at their value,
  // the non-object element at itself.
  const lines = text.split('\n');
  // Line and column (1-based) of the first line holding `needle`, at `skip` characters into it.
  const at = (needle: string, skip = 0): string => {
    for (let i = 0; i < lines.length; i++) {
      const c = lines[i].indexOf(needle);
      if (c >= 0) return `${i + 1}:${c + skip + 1}`;
    }
    throw new Error(needle);
  };
  const name = 'Llama-4-Scout/20250601-1200-Llama-4-Scout/moons.json';
  // Before: every one at ":1:1:".
  assert.ok(
    r.stderr.includes(`${name}:${at('"generation": ""', '"generation": '.length)}: error: result_data element 2: generation is empty`),
    r.stderr,
  );
  assert.ok(
    r.stderr.includes(`${name}:${at('"generation": 42', '"generation": '.length)}: error: result_data element 3: generation is an integer`),
    r.stderr,
  );
  assert.ok(r.stderr.includes(`${name}:${at('    7,', 4)}: error: result_data element 4 is not a JSON object`), r.stderr);
  assert.doesNotMatch(r.stderr, /:1:1: /);
  const trace = readFileSync(out, 'utf8');
  assert.deepEqual(
    [...trace.matchAll(/^=== (.*)$/gm)].map((m) => m[1]),
    ['1', '5'],
  );
  // The grader's extracted letter, beside the source verdict.
  assert.deepEqual(
    [...trace.matchAll(/^parsed_pred: (.*)$/gm)].map((m) => m[1]),
    ['B', 'A'],
  );
});

test('a question whose option lines end in a blank but the last: the .trace header keeps its last option', () => {
  const q = 'Which compound is aromatic?\n\nA. methane \nB. ethane \nC. cyclohexane\nD. benzene';
  const rows = [
    { id: 1, question: q, answer: 'D', response: 'Benzene has a ring of six delocalized electrons.\n\nThe answer is benzene.' },
  ];
  const f = write('aromatic.jsonl', rows.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const out = write('aromatic.trace', '');
  const r = runCli(['import', f, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    readFileSync(out, 'utf8'),
    /^query: Which compound is aromatic\? {2}A\. methane {3}B\. ethane {3}C\. cyclohexane {2}D\. benzene$/m,
  );
  // The option named by its content is read as its letter from the header too (before: D was no option).
  const s = runCli(['segment', '--json', out]);
  assert.deepEqual(
    (JSON.parse(s.stdout) as { id: string; final: string | null; correct: boolean | null }[]).map((x) => `${x.id} ${x.final} ${x.correct}`),
    ['1 D true'],
  );
});
