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
