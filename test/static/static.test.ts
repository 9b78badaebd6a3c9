// The code as a whole: strict TypeScript and ESLint (which also keeps the pure engine free of
// vscode / LSP imports) run as part of `npm test`, so CI fails on either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

function run(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('TypeScript strict type check (tsc --noEmit) has no errors', () => {
  const r = run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
  assert.equal(r.status, 0, r.out);
});

test('ESLint has no findings', () => {
  const r = run(['node_modules/eslint/bin/eslint.js', '.']);
  assert.equal(r.status, 0, r.out);
});
