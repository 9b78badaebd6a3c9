// Every fixture format through the commands users run (the CLI from source, in a child process):
// `import` writes a .trace with the mapping printed on stderr, and the .trace reads back as the
// same records; `calibrate` reads the original file directly, prints the mapping, and reports the
// agreement between the source's verdicts and the engine's, listing the disagreeing records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { encoding: 'utf8' });

const F = 'test/fixtures/formats';
const FIXTURES: { file: string; format: string; records: number }[] = [
  { file: `${F}/openr1/train-00000-of-00001.parquet`, format: 'openr1 (parquet)', records: 8 },
  { file: `${F}/chat/mixture-of-thoughts.jsonl`, format: 'chat (jsonl)', records: 3 },
  { file: `${F}/chat/sharegpt.json`, format: 'chat (json)', records: 2 },
  { file: `${F}/chat/openthoughts.parquet`, format: 'chat (parquet)', records: 2 },
  { file: `${F}/lm-eval/Qwen__Qwen2.5-Math-7B/samples_gsm8k_2025-01-15T10-20-30.123456.jsonl`, format: 'lm-eval (jsonl)', records: 2 },
  { file: `${F}/lm-eval/details_gsm8k.parquet`, format: 'lm-eval (parquet)', records: 3 },
  { file: `${F}/inspect/gsm8k.eval`, format: 'inspect (eval)', records: 5 },
  { file: `${F}/inspect/gsm8k.json`, format: 'inspect (json)', records: 4 },
  { file: `${F}/openai/vllm-dump.jsonl`, format: 'openai (jsonl)', records: 3 },
  { file: `${F}/openai/batch-output.jsonl`, format: 'openai (jsonl)', records: 1 },
];

interface SegJson {
  id: string;
  model: string;
  task: string;
  answer: string | null;
  final: string | null;
  correct: boolean | null;
}
const key = (s: SegJson): string => JSON.stringify([s.id, s.model, s.task, s.answer, s.final, s.correct]);

test('every format round-trips through import: the .trace holds the same records, the mapping is printed', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-formats-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [k, f] of FIXTURES.entries()) {
    const out = join(dir, `${k}.trace`);
    const r = cli('import', f.file, '-o', out, '--json');
    assert.equal(r.status, 0, `${f.file}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).records, f.records, f.file);
    assert.ok(r.stderr.includes(`${f.file}: reading ${f.format}: `), `${f.file}: mapping printed\n${r.stderr}`);
    const direct = JSON.parse(cli('segment', f.file, '--json').stdout) as SegJson[];
    const back = JSON.parse(cli('segment', out, '--json').stdout) as SegJson[];
    assert.equal(direct.length, f.records);
    assert.deepEqual(back.map(key), direct.map(key), `${f.file}: the imported .trace reads as the file itself`);
    const text = readFileSync(out, 'utf8');
    if (/openr1|inspect|lm-eval/.test(f.format)) assert.match(text, /^source_verdict: (true|false|none)$/m, f.file);
  }
});

test('calibrate reads each format directly, prints the mapping, and reports agreement with the source verdicts', () => {
  for (const f of FIXTURES) {
    const r = cli('calibrate', f.file, '--bootstrap', '20', '--json');
    assert.ok(r.stderr.includes(`${f.file}: reading ${f.format}: `), `${f.file}: mapping printed\n${r.stderr}`);
    // The batch output has no ground truth: nothing to calibrate (exit 1), said in "skipped".
    if (f.file.includes('batch-output')) {
      assert.equal(r.status, 1);
      continue;
    }
    assert.equal(r.status, 0, `${f.file}: ${r.stderr}`);
    assert.ok(JSON.parse(r.stdout).groups.length > 0, f.file);
  }
  const openr1 = JSON.parse(cli('calibrate', FIXTURES[0].file, '--bootstrap', '20', '--json').stdout);
  const agreement = openr1.groups.map((g: { task: string; agreement: unknown }) => [g.task, g.agreement]);
  // a2.1 boxes \frac{1}{\sqrt{2}} for \frac{\sqrt{2}}{2}: equal closed forms, so the engine agrees
  // with the source's "correct" (it disagreed before closed forms were compared by value).
  assert.deepEqual(agreement, [
    ['', { compared: 2, agree: 2, rate: 1, sourceOnly: 0, engineOnly: 0, noVerdict: 1, disagreements: [], unlisted: 0 }],
    ['2x2', { compared: 2, agree: 2, rate: 1, sourceOnly: 0, engineOnly: 0, noVerdict: 1, disagreements: [], unlisted: 0 }],
  ]);
  const skipped = openr1.skipped.map((s: { line: number; reason: string }) => `${s.line}: ${s.reason}`).join('\n');
  assert.match(skipped, /^3: row 3: no response: generations is an empty list$/m);
  assert.match(skipped, /2 records cut off at the generation limit/);
  const inspect = JSON.parse(cli('calibrate', `${F}/inspect/gsm8k.eval`, '--bootstrap', '20', '--json').stdout);
  // 10_epoch_1 answers "twelve" for 12, which Inspect's scorer marked correct: the engine disagreed
  // until stop 36's leftovers (number words are their numbers), and agrees now.
  assert.deepEqual(
    inspect.groups[0].agreement.disagreements.map((d: { id: string }) => d.id),
    [],
  );
  const lmEval = JSON.parse(cli('calibrate', FIXTURES[4].file, '--bootstrap', '20', '--json').stdout);
  assert.deepEqual(
    lmEval.groups[0].agreement.disagreements.map((d: { id: string; source: boolean; engine: boolean }) => [d.id, d.source, d.engine]),
    [['1', false, true]],
  );
});

test('calibrate: the table shows agreement, a .trace from import carries it too, --csv has its columns', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-formats-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const table = cli('calibrate', FIXTURES[0].file, '--bootstrap', '20');
  assert.match(table.stdout, /Agreement with the source's own verdicts/);
  assert.match(
    table.stdout,
    /2\/2 agree \(100\.0%\)\s+source correct, engine wrong 0\s+engine correct, source wrong 0\s+\(1 without a verdict\)/,
  );
  const out = join(dir, 'openr1.trace');
  assert.equal(cli('import', FIXTURES[0].file, '-o', out).status, 0);
  const fromTrace = JSON.parse(cli('calibrate', out, '--bootstrap', '20', '--json').stdout);
  const direct = JSON.parse(cli('calibrate', FIXTURES[0].file, '--bootstrap', '20', '--json').stdout);
  const strip = (r: { groups: { model: string; n: number; agreement: { compared: number; agree: number } }[] }): unknown =>
    r.groups.map((g) => [g.n, g.agreement.compared, g.agreement.agree]);
  assert.deepEqual(strip(fromTrace), strip(direct));
  const csv = cli('calibrate', FIXTURES[0].file, '--bootstrap', '20', '--csv').stdout.split('\n');
  assert.match(csv[0], /,echoRate,source_compared,source_agree,source_only,engine_only$/);
  assert.match(csv[1], /,2,2,0,0$/);
});

test('--format and --map on the command line; bad values are usage errors that say what was expected', () => {
  const turns = cli('segment', FIXTURES[1].file, '--json', '--map', 'response=messages[role=assistant][i].content');
  assert.deepEqual(
    (JSON.parse(turns.stdout) as SegJson[]).map((s) => s.id),
    ['1', '2.1', '2.2', '3'],
  );
  assert.match(turns.stderr, /response <- messages\[role=assistant\]\[i\]\.content/);
  const bad = cli('calibrate', FIXTURES[0].file, '--map', 'respons=x');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--map: unknown key "respons" \(keys: prompt, response/);
  const syntax = cli('import', FIXTURES[0].file, '-o', '/dev/null', '--map', 'response=generations[');
  assert.equal(syntax.status, 2);
  assert.match(syntax.stderr, /--map response: "generations\[" at column 12: expected a closing "\]"/);
  assert.equal(cli('segment', FIXTURES[0].file, '--format', 'parquet').status, 2);
  const attribution = cli('attribution', FIXTURES[6].file, '--json');
  assert.equal(attribution.status, 0, attribution.stderr);
  assert.match(attribution.stderr, /reading inspect \(eval\)/);
  assert.equal(JSON.parse(attribution.stdout).traces.length, 5);
});

test('--help texts name the formats and the mapping flags', () => {
  for (const cmd of ['import', 'segment', 'calibrate', 'attribution']) {
    const help = cli(cmd, '--help').stdout;
    assert.match(help, /--format NAME/, cmd);
    assert.match(help, /--map key=path/, cmd);
    assert.match(help, /Parquet/, cmd);
  }
});
