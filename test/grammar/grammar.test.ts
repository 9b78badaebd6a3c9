// Runs the TextMate grammar through vscode-tmgrammar-test (real vscode-textmate + oniguruma
// tokenization) over every *.test.trace case in this folder. The negative control proves the
// runner actually fails on a wrong scope, so a passing run means something.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist', 'unit.js');

function runCases(files: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [cli, '--compact', ...files], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('grammar cases in test/grammar pass (every scope asserted)', () => {
  const cases = readdirSync('test/grammar')
    .filter((f) => f.endsWith('.test.trace'))
    .map((f) => join('test/grammar', f));
  assert.ok(cases.length >= 2, 'expected grammar test cases');
  const { status, output } = runCases(cases);
  assert.equal(status, 0, output);
  for (const c of cases) assert.match(output, new RegExp(c.replace(/[.\\/]/g, '\\$&')));
});

test('a wrong scope assertion makes the runner fail (negative control)', () => {
  const { status, output } = runCases(['test/fixtures/grammar/wrong-scope.test.trace']);
  assert.notEqual(status, 0, output);
  assert.match(output, /keyword\.control\.decision\.trace/);
});
