// The `segment` and `import` commands as users run them: the built dist/cli.js in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { RULE_CONFIDENCE } from '../../server/src/trace/segment.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

export function cli(
  args: string[],
  timeout = 180_000,
): { status: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', timeout, maxBuffer: 256 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

const TRACE = [
  '=== 1',
  'query: Calculate 12 * 34.',
  'answer: 408',
  '---',
  '12 * 34 = 418',
  'Wait, 12 * 30 = 360 and 12 * 4 = 48.',
  '360 + 48 = 408',
  '=== 2',
  'answer: 5',
  'this is not a header',
  '---',
  'x = 5',
  '',
].join('\n');

test('segment --json: the documented shape, 1-based lines', () => {
  const file = join(dir, 'a.trace');
  writeFileSync(file, TRACE);
  const r = cli(['segment', file, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 2);
  // A candidate the learned stage judges (the default reader) would carry its probability; these two
  // are never judged: the first states the result of the asked computation ("12 * 34 = 418", stop 37's
  // tinyfix37), the last is the last. Each carries its rule's measured confidence
  // (docs/segmentation-eval.md, "Stop 26", "Stop 37: the learned stage on the tool's own rollouts").
  const judged = out[0].steps[0].confidence;
  assert.equal(judged, RULE_CONFIDENCE.equals);
  assert.deepEqual(out[0], {
    file,
    id: '1',
    model: 'a',
    task: '2x2',
    answer: '408',
    final: '408',
    correct: true,
    steps: [
      { kind: 'sample', answer: '418', rule: 'equals', confidence: judged, correct: false, tokens: 4, line: 5, endLine: 5 },
      { kind: 'decision', action: 'RESAMPLE', marker: 'Wait', echo: false, line: 6 },
      { kind: 'sample', answer: '408', rule: 'equals', confidence: RULE_CONFIDENCE.equals, correct: true, tokens: 13, line: 6, endLine: 7 },
      { kind: 'decision', action: 'STOP', marker: null, echo: false, line: 7 },
    ],
  });
  assert.equal(out[1].final, '5');
  // The malformed header is reported with file:line:col; the record is still printed.
  assert.match(
    r.stderr,
    new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:1: error: Malformed header line.*\\[bad-header\\] \\(record 2\\)`),
  );
});

test('segment table output, findings on request, unreadable file gives exit 1 but the rest is printed', () => {
  const file = join(dir, 'b.trace');
  writeFileSync(file, `${TRACE}=== 3\n---\nnothing to see\n`);
  const r = cli(['segment', join(dir, 'missing.trace'), file, '--findings']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing\.trace: cannot read: ENOENT/);
  assert.match(r.stdout, /418\u2717 RESAMPLE 408\u2713 STOP/);
  assert.match(r.stderr, /b\.trace:13:1: info: Record 3 has no ground truth/);
  assert.match(r.stderr, /b\.trace:13:1: warning: No candidate answer found in record 3/);
  const usage = cli(['segment']);
  assert.equal(usage.status, 2);
});

test('segment reads JSONL directly; findings point at the JSON line', () => {
  const file = join(dir, 'r.jsonl');
  writeFileSync(file, ['{"input":"Calculate 2 * 3.","output":"2 * 3 = 5","gts":"6"}', '{"input": nope}', ''].join('\n'));
  const r = cli(['segment', file, '--json', '--findings']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(
    out.map((o: { final: string; correct: boolean }) => [o.final, o.correct]),
    [['5', false]],
  );
  assert.match(r.stderr, /r\.jsonl:2:12: error: Invalid JSON: Unexpected token 'o'/);
  assert.match(r.stderr, /r\.jsonl:1:1: warning: Missed correction/);
});

test('segment --findings says whether a missed correction re-checked, and that an answerless response was cut off (--max-tokens) (findings36)', () => {
  const file = join(dir, 'f36.jsonl');
  const row = (o: object) => JSON.stringify({ input: 'Calculate 12 * 12.', gts: '144', ...o });
  writeFileSync(
    file,
    [
      row({ output: '12 * 12 = 124' }),
      row({ output: '12 * 12 = 124\nHmm, is that right?\nYes: 12 * 12 = 124' }),
      row({ output: 'I am thinking about', finish_reason: 'length' }),
      row({ output: 'I am thinking. '.repeat(2200) }),
      '',
    ].join('\n'),
  );
  const r = cli(['segment', file, '--findings']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /f36\.jsonl:1:1: warning: Missed correction: stopped on a wrong answer 124 without re-checking it \(ground truth 144\): one attempt, no RESAMPLE\./,
  );
  assert.match(
    r.stderr,
    /f36\.jsonl:2:1: warning: Missed correction: re-checked 1 time and stopped on a wrong answer 124 \(ground truth 144\)\./,
  );
  assert.match(
    r.stderr,
    /f36\.jsonl:3:1: warning: No candidate answer found in record \d+: the response was cut off \(truncated\) before stating one: its [^\n]*\[no-answer\]/,
  );
  assert.match(
    r.stderr,
    /f36\.jsonl:4:1: warning: No candidate answer found in record \d+: the response was cut off \(truncated\) before stating one: about 8250 tokens \(4 characters a token\), over the 8192-token limit\./,
  );
  // The limit is calibrate's --max-tokens: under a higher one the long response is not cut off.
  const higher = cli(['segment', file, '--findings', '--max-tokens', '10000']);
  assert.equal(higher.status, 0, higher.stderr);
  assert.match(higher.stderr, /f36\.jsonl:4:1: warning: No candidate answer found in record \d+: expected \\boxed/);
  const bad = cli(['segment', file, '--max-tokens', '0']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-tokens must be a positive integer, got 0/);
});

test('import: JSONL to .trace, atomically, never over the input; the result segments like the JSONL', () => {
  const data = '../shared/data/skyt1-short-amc23.jsonl';
  const input = existsSync(data) ? data : join(dir, 'in.jsonl');
  if (!existsSync(data)) writeFileSync(input, '{"idx":0,"question":"q","code":["so \\\\boxed{3}"],"gt":"3","pred":["3"],"score":[true]}\n');
  const out = join(dir, 'sub', 'out.trace');
  const r = cli(['import', input, '-o', out, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.equal(res.out, out);
  assert.equal(res.sidecar, null);
  const a = JSON.parse(cli(['segment', out, '--json']).stdout);
  const b = JSON.parse(cli(['segment', input, '--json']).stdout);
  assert.equal(a.length, res.records);
  assert.deepEqual(
    a.map((x: { final: string; steps: unknown[] }) => [x.final, x.steps]),
    b.map((x: { final: string; steps: unknown[] }) => [x.final, x.steps]),
    'same steps and the same lines as when read from JSONL',
  );
  const self = cli(['import', out, '-o', out]);
  assert.equal(self.status, 1);
  assert.match(self.stderr, /refusing to overwrite the input/);
  assert.equal(readFileSync(out, 'utf8').startsWith('=== '), true);
});

test('import keeps log-probs in a sidecar and reports broken lines', () => {
  const input = join(dir, 'lp.jsonl');
  writeFileSync(
    input,
    ['{"input":"a","output":"x = 1","gts":"1","logprobs":[-0.5,-0.25],"ref_logprobs":[-0.4,-0.3]}', '{broken'].join('\n'),
  );
  const out = join(dir, 'lp.trace');
  const r = cli(['import', input, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /lp\.jsonl:2:2: error: Invalid JSON/);
  assert.match(readFileSync(out, 'utf8'), /tokens: 2/);
  assert.deepEqual(JSON.parse(readFileSync(`${out}.logprobs.jsonl`, 'utf8')), {
    id: '1',
    logprobs: [-0.5, -0.25],
    ref_logprobs: [-0.4, -0.3],
  });
});

test('generated corpus: every record printed', () => {
  const file = join(dir, 'gen.trace');
  const text = generateMultiplicationTraceText({
    seed: 2,
    models: [{ name: 'g', tasks: [{ task: '3x3', p: 0.5, delta1: 0.7, delta2: 0.7, n: 50 }] }],
  });
  writeFileSync(file, text);
  const out = JSON.parse(cli(['segment', file, '--json']).stdout);
  assert.equal(out.length, 50);
  assert.ok(
    out.every((o: { model: string; task: string; final: string | null }) => o.model === 'g' && o.task === '3x3' && o.final !== null),
  );
});
