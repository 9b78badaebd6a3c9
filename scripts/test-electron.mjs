#!/usr/bin/env node
// `npm run test:electron`: the extension's mocha suite (test/extension/) in desktop VS Code,
// downloaded by @vscode/test-electron (needs internet on first run; cached in .vscode-test/).
// Offline, the same suite runs inside code-server: test/e2e/extensionHost.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..');
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// A throw-away copy of the examples: the suite opens and edits files.
const workspace = mkdtempSync(join(tmpdir(), 'rl-electron-'));
cpSync(join(root, 'examples'), workspace, { recursive: true });
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'extension', 'index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('test:electron: all extension tests passed');
} catch (e) {
  const msg = e instanceof Error ? e.message : String(e);
  console.error(`test:electron: ${msg}`);
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT/.test(msg)) {
    console.error(
      'test:electron: downloading VS Code needs internet; offline, the same suite runs in code-server: npm test -- test/e2e/extensionHost.test.ts',
    );
  }
  process.exit(1);
}
