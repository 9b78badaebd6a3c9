// Evaluation outputs from public repositories that an outside tester ran the CLI on (fmt32; the
// fixtures are cut from its repro files, test/fixtures/formats/eval-outputs/README.md): the task is
// not guessed from a times sign in a competition question, Qwen2.5-Math eval files of one generic
// name take model and task from their folders, and a line's own verdict (score[i], passed) and
// task_id are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { harnessFileDefaults, jsonlRecordToTrace, jsonlToRecords } from '../../../server/src/trace/jsonl.js';

const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { encoding: 'utf8' });

const F = 'test/fixtures/formats/eval-outputs';
const QWEN = `${F}/qwen-math/outputs/Qwen/Qwen2.5-14B-Instruct/aime24_eval/aime24/test_qwen25-math-cot_-1_seed0_t0.0_s0_e-1.jsonl`;
const GEMMA = `${F}/qwen-math/outputs/google/gemma-2-27b-it/amc23_eval/amc23/test_qwen25-math-cot_-1_seed0_t0.0_s0_e-1.jsonl`;
const read = (file: string) =>
  jsonlToRecords(readFileSync(file, 'utf8'), { fileName: file }).records.map((r, i) => jsonlRecordToTrace(r, i, 0, file));

interface Group {
  model: string;
  task: string;
  n: number;
  agreement?: { compared: number; agree: number };
}

test('P1: a times sign in a question is no multiplication task, in JSONL and in calibrate', () => {
  for (const file of [`${F}/task-times-sign.jsonl`, `${F}/skyt1-amc23-grid.jsonl`])
    assert.deepEqual(
      read(file).map((r) => r.task),
      read(file).map(() => ''),
      file,
    );
  const r = cli('calibrate', `${F}/task-times-sign.jsonl`, '--bootstrap', '20', '--json');
  assert.equal(r.status, 0, r.stderr);
  const groups = JSON.parse(r.stdout).groups as Group[];
  assert.deepEqual(
    groups.map((g) => [g.task, g.n]),
    [['', 3]],
  );
});

test('P2: Qwen2.5-Math eval files of one generic name take model and task from their folders', () => {
  assert.deepEqual(
    [QWEN, GEMMA].map((f) => {
      const d = harnessFileDefaults(f);
      return d && [d.model, d.task];
    }),
    [
      ['Qwen2.5-14B-Instruct', 'aime24'],
      ['gemma-2-27b-it', 'amc23'],
    ],
  );
  assert.deepEqual(harnessFileDefaults('/runs/Qwen2.5-Math-7B/math_eval/gsm8k/test_qwen25-math-cot_-1_seed0_t0.0_s0_e-1.jsonl'), {
    model: 'Qwen2.5-Math-7B',
    task: 'gsm8k',
    note: 'model <- folder "Qwen2.5-Math-7B", task <- folder "gsm8k" (generic harness file name)',
    modelNote: 'folder name "Qwen2.5-Math-7B"',
    taskNote: 'folder name "gsm8k" (generic harness file name)',
  });
  assert.equal(harnessFileDefaults('/runs/x/rollouts.jsonl'), undefined, 'a file that names itself keeps its name');
  const recs = read(QWEN);
  assert.deepEqual([recs[0].model, recs[0].task], ['Qwen2.5-14B-Instruct', 'aime24']);
  const r = cli('calibrate', `${F}/qwen-math`, '--bootstrap', '20', '--json');
  assert.equal(r.status, 0, r.stderr);
  const groups = JSON.parse(r.stdout).groups as Group[];
  assert.deepEqual(groups.map((g) => [g.model, g.task, g.n]).sort(), [
    ['Qwen2.5-14B-Instruct', 'aime24', 2],
    ['gemma-2-27b-it', 'amc23', 2],
  ]);
  assert.match(r.stderr, /model <- folder "gemma-2-27b-it", task <- folder "amc23" \(generic harness file name\)/);
});

test('P3: score[i] parallel to code[i] and human-eval passed are the source verdict; task_id groups', () => {
  const recs = read(QWEN);
  assert.deepEqual(
    recs.map((r) => r.headers.source_verdict),
    ['true', 'false'],
  );
  const r = cli('calibrate', QWEN, '--bootstrap', '20', '--json');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /reading fields \(jsonl\): .*source verdict <- score\[i\]/);
  const groups = JSON.parse(r.stdout).groups as Group[];
  assert.deepEqual(
    groups.map((g) => [g.agreement?.compared, g.agreement?.agree]),
    [[2, 2]],
  );
  // verl's score (one reward per line) stays a plain header.
  const verl = jsonlToRecords(JSON.stringify({ input: 'Calculate 12 * 34.', output: '408', gts: '408', score: 1 }) + '\n').records[0];
  assert.equal(verl.headers.source_verdict, undefined);
  assert.equal(verl.headers.score, '1');

  const he = read(`${F}/humaneval-results.jsonl`);
  assert.deepEqual(
    he.map((x) => [x.group, x.headers.source_verdict]),
    [
      ['HumanEval/0', 'false'],
      ['HumanEval/0', 'true'],
      ['HumanEval/1', 'false'],
    ],
  );
  const imp = cli('segment', `${F}/humaneval-results.jsonl`, '--json');
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stderr, /reading fields \(jsonl\): response <- completion, source verdict <- passed, group <- task_id/);
});
