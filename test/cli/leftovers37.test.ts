// Leftovers of stop 36 (left37), through the CLI as users run it (dist/cli.js in a child).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-left37-');

test('a response cut off inside an unclosed thinking block under the token limit is cut off for the no-answer finding and calibrate (item 2)', () => {
  const trace = write(
    'unclosed.trace',
    [
      '=== cut1\nanswer: 36\n---\n<think>\nOkay, so I need to multiply twelve by three. Let me think about this step by step\n',
      '=== cut2\nanswer: 36\n---\n<|begin_of_thought|>\nTwelve times three. Let me think about this step by step\n',
      // Said to have ended normally: not cut off, whatever its text.
      '=== ended\nanswer: 36\ntruncated: false\n---\n<think>\nLet me think about this step by step\n',
      '=== done\nanswer: 36\n---\n<think>\n12 * 3 = 36.\n</think>\nThe answer is \\boxed{36}.\n',
      '=== done2\nanswer: 36\n---\n<think>\n12 * 3 = 35.\n</think>\nThe answer is \\boxed{35}.\n',
    ].join(''),
  );
  const s = runCli(['segment', '--findings', trace]);
  assertNoStack(s, 'segment');
  const noAnswer = s.stderr.split('\n').filter((l) => l.includes('[no-answer]'));
  assert.equal(noAnswer.length, 3, s.stderr);
  assert.match(
    noAnswer[0],
    /unclosed\.trace:1:1: warning: No candidate answer found in record cut1: the response was cut off \(truncated\) before stating one: its thinking block \(<think>\) is never closed\. \[no-answer\]/,
  );
  assert.match(
    noAnswer[1],
    /record cut2: the response was cut off \(truncated\) before stating one: its thinking block \(<\|begin_of_thought\|>\) is never closed\./,
  );
  assert.match(noAnswer[2], /record ended: expected \\boxed/);
  // Calibration leaves the two out as cut off (it counted them as wrong answers: n 5, accuracy 20%).
  const c = runCli(['calibrate', '--json', trace]);
  assertNoStack(c, 'calibrate');
  assert.equal(c.status, 0, c.stderr);
  const out = JSON.parse(c.stdout) as { groups: { n: number; accuracy: { value: number } }[]; skipped: { reason: string }[] };
  assert.equal(out.groups[0].n, 3);
  assert.equal(out.groups[0].accuracy.value, 1 / 3);
  assert.deepEqual(
    out.skipped.map((x) => x.reason),
    ['2 records cut off at the generation limit (truncated; --include-truncated counts them), not calibrated (first at line 1)'],
  );
});

test("calibrate on a .trace points the unknown-finish_reason warning at the first such record's === line (item 3)", () => {
  // The record's === line (6), not its finish_reason header line (8), nor the file's first line.
  const trace = write(
    'fr.trace',
    '# a comment line\n=== r0\nanswer: 6\n---\nSo x = 6.\n=== r1\nanswer: 6\nfinish_reason: max_tokens\n---\nSo x = 6.\n=== r2\nanswer: 6\nfinish_reason: MAX_TOKENS\n---\nSo x = 5.\n',
  );
  const c = runCli(['calibrate', '--json', trace]);
  assertNoStack(c, 'calibrate');
  const w = (JSON.parse(c.stdout) as { warnings: { listed: { line: number; column: number; code: string; record?: string }[] } }).warnings;
  assert.deepEqual(
    w.listed.filter((x) => x.code === 'unknown-finish-reason').map((x) => `${x.line}:${x.column}`),
    ['6:1'],
  );
  const s = runCli(['segment', trace]);
  assert.match(s.stderr, /fr\.trace:6:1: warning: 2 records have a "finish_reason" the engine does not know/);
});

test('the 6m rule outside the judge: no echo from 6 to 6m where m is a variable; eval-segmentation matches with the question (item 4)', () => {
  const trace = write(
    'sixm.trace',
    [
      '=== v1\nquery: Simplify 2m + 4m + 2m.\nanswer: 8m\n---\n2 + 4 = 6, so the answer is 6.\nWait, I forgot the variable. Let me recompute: 2m + 4m = 6m. So the answer is 6m.\n',
      '=== v2\nquery: Simplify 2m + 4m + 2m.\nanswer: 8m\n---\n2 + 4 = 6, so the answer is 6.\nWait, let me recompute: 2 + 4 = 6. So the answer is 6.\n',
    ].join(''),
  );
  const s = runCli(['segment', '--findings', trace]);
  assertNoStack(s, 'segment');
  const echoes = s.stderr.split('\n').filter((l) => l.includes('[echo]'));
  assert.deepEqual(
    echoes.map((l) => l.replace(/^.*\(record (\w+)\)$/, '$1')),
    ['v2'],
  );
  assert.match(s.stdout, /6✗ RESAMPLE 6m✗ STOP/);
  const c = runCli(['calibrate', '--json', trace]);
  const t = (JSON.parse(c.stdout) as { groups: { transitions: Record<string, number> }[] }).groups[0].transitions;
  assert.deepEqual([t.FFecho, t.FFnew], [1, 1]);
  // A gold 8m where the engine reads 8: not one answer where m is a variable.
  const body = '2 + 4 + 2 = 8, so the answer is 8.';
  const e = write('evalm.trace', `=== v3\nquery: Simplify 2m + 4m + 2m.\nanswer: 8m\n---\n${body}\n`);
  write(
    'evalm.trace.gold.jsonl',
    JSON.stringify({ id: 'v3', candidates: [{ value: '8m', offset: body.lastIndexOf('8') }], final: '8m' }) + '\n',
  );
  const ev = runCli(['eval-segmentation', e]);
  assertNoStack(ev, 'eval-segmentation');
  assert.match(ev.stdout, /candidates +gold 1, engine 1, matched 0/);
});
