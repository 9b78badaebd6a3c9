// Real evaluation files of producers an outside tester ran the CLI on (fmt33; the fixtures are cut
// from its repro files, SOURCES.md in each folder): ZeroEval's "# 18" reference, generator and
// dataset; openai/grade-school-math's "A: 18" solutions and a --map key that starts with a digit;
// MixEval's multiple-choice answers (two options, the letter with its option's content, the
// option index as the reference); FastChat / LiveBench answer rows (choices[].turns[]);
// calibrate's skipped count and import --json on failure. Engine readings decided on the rules alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeAnswer } from '../../../server/src/trace/answers.js';
import { jsonlRecordToTrace } from '../../../server/src/trace/jsonl.js';
import { parsePath, PathSyntaxError } from '../../../server/src/trace/formats/path.js';
import { detectPreset } from '../../../server/src/trace/formats/presets.js';
import { answerText, optionTarget } from '../../../server/src/trace/formats/records.js';
import type { SourceOptions } from '../../../server/src/trace/formats/source.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts, segmentRecord } from '../../../server/src/trace/segment.js';
import { streamTraceFile } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic, TraceRecord } from '../../../server/src/trace/types.js';

const F = 'test/fixtures/formats';
const RULES = { ...defaultSegmentOptions, reader: 'rules' as const };
const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { encoding: 'utf8' });

async function read(file: string, source?: SourceOptions): Promise<{ recs: TraceRecord[]; diagnostics: TraceDiagnostic[] }> {
  const recs: TraceRecord[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  for await (const rec of streamTraceFile(file, { source, onDiagnostic: (d) => diagnostics.push(d) })) recs.push(rec);
  return { recs, diagnostics };
}
const finals = (recs: TraceRecord[]): (string | null)[] => recs.map((r) => segmentRecord(r, RULES).final);

test('P1: ZeroEval: the reference "# 18" is 18, generator is the model, dataset the task; "answer": "-$10,000" is read', async () => {
  const { recs } = await read(`${F}/zeroeval/zeroeval_hash_answer.json`);
  assert.deepEqual(
    recs.map((r) => [r.answer, r.model, r.task]),
    [
      ['18', 'meta-llama/Meta-Llama-3-8B-Instruct', 'gsm'],
      ['70000', 'meta-llama/Meta-Llama-3-8B-Instruct', 'gsm'],
      ['64', 'meta-llama/Meta-Llama-3-8B-Instruct', 'gsm'],
    ],
  );
  const seg = recs.map((r) => segmentRecord(r, RULES));
  assert.deepEqual(
    seg.map((s) => s.final && normalizeAnswer(s.final)),
    ['18', '-10000', '64'],
  );
  assert.deepEqual(
    seg.map((s) => s.correct),
    [true, false, true],
  );
  // Only a whole reference of hashes and a number; "#### x" anywhere as before.
  assert.equal(answerText('# 18'), '18');
  assert.equal(answerText('## -3.5'), '-3.5');
  assert.equal(answerText('#### 1,000'), '1,000');
  assert.equal(answerText('Step one.\n#### 18'), '18');
  assert.equal(answerText('# 18 apples'), '# 18 apples');
  assert.equal(answerText('see # 18'), 'see # 18');
});

test('a flat JSON Lines row: generator is its model and dataset its task, before a folder name (stop 45: the .jsonl reader took the folder)', async () => {
  const d = mkdtempSync(join(tmpdir(), 'rl-fmt33-'));
  const file = join(d, 'zero', 'results.jsonl');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(d, 'zero'));
  writeFileSync(
    file,
    [
      { id: 'r1', input: 'Calculate 2 * 3.', output: 'The answer is 6.', gts: '6', generator: 'zeroM', dataset: 'zeroD' },
      {
        id: 'r2',
        input: 'Calculate 2 * 3.',
        output: 'The answer is 6.',
        gts: '6',
        generator: 'zeroM',
        model: 'own',
        task: 'mine',
        dataset: 'zeroD',
      },
      { id: 'r3', input: 'Calculate 2 * 3.', output: 'The answer is 6.', gts: '6', generator: ' ' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  const { recs } = await read(file);
  rmSync(d, { recursive: true, force: true });
  assert.deepEqual(
    recs.map((r) => [r.model, r.headers.task]),
    [
      ['zeroM', 'zeroD'],
      ['own', 'mine'],
      ['zero', undefined],
    ],
  );
});

test('P2: grade-school-math: a solution ending "A: 18" is 18; a response\'s last line "A: 10" is its final answer; an unquoted key may start with a digit', async () => {
  const map = 'prompt=question,response=175b_verification.solution,verdict=175b_verification.is_correct,answer=ground_truth';
  const { recs, diagnostics } = await read(`${F}/grade-school-math/gsm8k_A_colon_answer.jsonl`, { map });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    recs.map((r) => r.answer),
    ['18', '10', '1'],
  );
  assert.deepEqual(finals(recs), ['18', '10', '17']);
  assert.deepEqual(
    recs.map((r) => [segmentRecord(r, RULES).correct, r.headers.source_verdict]),
    [
      [true, 'true'],
      [true, 'true'],
      [false, 'false'],
    ],
  );
  // "A: x" as the reference only on a worked solution's last line.
  assert.equal(answerText('A: 18'), 'A: 18');
  assert.equal(answerText('Work.\nA: 18\nMore.'), 'Work. A: 18 More.');
  // In a question with options, "A:" on the last line is an option's label, not "the answer is".
  const rec = (query: string, body: string): TraceRecord =>
    jsonlRecordToTrace({ id: '1', headers: { query }, body, sourceLine: 0 }, 0, 0, 'x.jsonl');
  const values = (query: string, body: string): string[] => segmentAttempts(rec(query, body), RULES).attempts.map((a) => a.candidate.value);
  assert.deepEqual(values('He works 9 hours. How many are left?', 'So 8 hours.\nA: 17'), ['17']);
  assert.deepEqual(values('Which is it?\n\nA) 10\nB) 12\nC) 14\nD) 16', 'The options:\nA: 10'), []);
  assert.deepEqual(values('He works 9 hours. How many are left?', 'A: 17\nThen more work follows.'), []);
  // The path language: a key that starts with a digit needs no quotes; one of digits alone does.
  assert.deepEqual(parsePath('175b_verification.solution'), parsePath('"175b_verification".solution'));
  assert.throws(
    () => parsePath('a.12'),
    (e: Error) => e instanceof PathSyntaxError && /digits alone is quoted/.test(e.message),
  );
});

test('P3: MixEval multiple choice: two options, the letter with its option content after it, the option index as the reference', async () => {
  const file = `${F}/mixeval/mixeval_mc_correct_answer_is.jsonl`;
  // Without the reference (its form must not decide the reading): "The correct answer is A." of
  // PIQA's two options, "The correct answer is C. George Orwell's 1984." of four.
  const bare = await read(file, { map: 'prompt=prompt + options' });
  assert.deepEqual(finals(bare.recs), ['C', 'A', 'D']);
  for (const answer of ['target[0]', 'target']) {
    const { recs } = await read(file, { map: `prompt=prompt + options,answer=${answer}` });
    assert.deepEqual(
      recs.map((r) => r.answer),
      ['C', 'A', 'D'],
      answer,
    );
    assert.deepEqual(
      recs.map((r) => segmentRecord(r, RULES).correct),
      [true, true, true],
    );
  }
  // MixEval writes the index as a number in a list of one ([2]); a digit in a string stays the answer.
  assert.equal(optionTarget([2], ['a', 'b', 'c']), 'C');
  assert.equal(optionTarget(['2'], ['a', 'b', 'c']), '2');
  assert.deepEqual(optionTarget([0, 1], ['a', 'b', 'c']), [0, 1], 'several indexes: not one option');
  // The response is the option itself: "C. Vitamin C", "B. Yes", "The correct answer is:\n\nB. Smaller than Earth".
  const entry = await read(`${F}/mixeval/mixeval_mc_option_entry.jsonl`, { map: 'prompt=prompt + options,answer=target' });
  assert.deepEqual(finals(entry.recs), ['C', 'B', 'B']);
  assert.deepEqual(
    entry.recs.map((r) => r.answer),
    ['D', 'B', 'B'],
  );
  // A letter followed by another option's content is no such line ("C. Vitamin A").
  const q = 'Which vitamin?\n\nA) Vitamin A\nB) Folic acid\nC) Vitamin C\nD) Vitamin D';
  const one = (body: string): string | null =>
    segmentRecord(jsonlRecordToTrace({ id: '1', headers: { query: q }, body, sourceLine: 0 }, 0, 0, 'x.jsonl'), RULES).final;
  assert.equal(one('C. Vitamin A'), null);
  assert.equal(one('The answer is C. It is the one.'), 'C');
});

test('P4: FastChat / LiveBench answer rows are read (one record per turn); --format openai names what is missing', async () => {
  const live = await read(`${F}/fastchat/livebench_choices_turns.jsonl`);
  assert.deepEqual(live.diagnostics, []);
  assert.deepEqual(
    live.recs.map((r) => [r.id, r.model]),
    [
      ['017a695f2234c3e36c6fc73d6764b0f713ec9bdedb07f021d63f59a5d2c07181', 'zft-community-8b-bs4'],
      ['1876935a385c9070d25204e4cca86829fc15d6a5ab602b1dc48d4bd33988ac11', 'zft-community-8b-bs4'],
    ],
  );
  const mt = await read(`${F}/fastchat/mtbench_reference_answer_2lines.jsonl`);
  assert.deepEqual(
    mt.recs.map((r) => r.id),
    ['101.1', '101.2', '102.1', '102.2'],
  );
  const arena = await read(`${F}/fastchat/arenahard_1line.jsonl`);
  assert.equal(arena.recs.length, 1);
  assert.match(arena.recs[0].body, /SCIM/);
  assert.equal(detectPreset({ question_id: 1, choices: [{ index: 0, message: { content: 'x' } }] }), 'openai');
  const forced = await read(`${F}/fastchat/livebench_choices_turns.jsonl`, { format: 'openai' });
  assert.equal(forced.recs.length, 0);
  assert.match(forced.diagnostics[0].message, /choices\[0\] has no "message" \(it has index, turns\)/);
  assert.doesNotMatch(forced.diagnostics[0].message, /is null/);
});

test('P4: calibrate counts every skipped line (the "N more" line stands for N) and lists 100 per file, as README says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-fmt33-'));
  try {
    const bad = (n: number): string => Array.from({ length: n }, (_, i) => JSON.stringify({ question_id: i, text: 'x' })).join('\n') + '\n';
    writeFileSync(join(dir, 'a.jsonl'), bad(22));
    const a = cli('calibrate', join(dir, 'a.jsonl'));
    assert.equal(a.status, 1);
    assert.match(a.stdout, /Skipped \(22\):/);
    assert.match(a.stderr, /; 22 skipped \(listed in the output; the first: \S*a\.jsonl:1: No response field/);
    assert.match(a.stdout, /--map response=PATH reads another/);
    writeFileSync(join(dir, 'b.jsonl'), bad(130));
    const b = cli('calibrate', join(dir, 'b.jsonl'));
    assert.match(b.stdout, /Skipped \(130\):/);
    assert.match(b.stdout, /b\.jsonl: 30 more malformed records or lines not listed/);
    assert.equal(b.stdout.split('\n').filter((l) => /b\.jsonl:\d+: /.test(l)).length, 100);
    // import --json answers on stdout also when it exits 1.
    const imp = cli('import', join(dir, 'a.jsonl'), '-o', join(dir, 'a.trace'), '--json');
    assert.equal(imp.status, 1);
    const result = JSON.parse(imp.stdout) as { records: number; out: null; diagnostics: number; error: string };
    assert.deepEqual([result.records, result.out, result.diagnostics], [0, null, 22]);
    assert.match(result.error, /no record could be read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
