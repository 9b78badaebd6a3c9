// Packaging: `npm run package` (vsce) makes a lean .vsix that installs into code-server.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisite } from './harness/session.js';
import { runCodeServerCli } from '../../scripts/code-server.mjs';

const skip = missingPrerequisite();
if (skip) console.log(`# vsix install test skipped: ${skip}`);

describe('the .vsix package', { skip }, () => {
  const home = mkdtempSync(join(tmpdir(), 'rl-vsix-'));
  after(() => rmSync(home, { recursive: true, force: true }));

  it('is lean, bundles what runs, and installs into code-server', { timeout: 300_000 }, async () => {
    const vsix = join(home, 'reflection-lens.vsix');
    const pack = spawnSync(process.execPath, ['scripts/package.mjs', vsix], { encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stdout + pack.stderr);
    const sizeMb = statSync(vsix).size / 1024 / 1024;
    console.log(`# vsix: ${sizeMb.toFixed(2)} MB`);
    const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    // vsce renames README.md/CHANGELOG.md to lower case and LICENSE to LICENSE.txt.
    const has = (p: string) => list.some((f) => f.toLowerCase() === `extension/${p}`.toLowerCase());
    for (const f of [
      'package.json',
      'dist/extension.cjs',
      'dist/server.js',
      'dist/cli.js',
      'syntaxes/trace.tmLanguage.json',
      'language-configuration.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE.txt',
    ]) {
      assert.ok(has(f), `the package holds ${f}`);
    }
    assert.ok(
      list.some((f) => /^extension\/examples\/.*\.trace$/.test(f)),
      'bundled examples',
    );
    assert.ok(has('dist/tfjs-backend-wasm-simd.wasm'), 'the wasm backend binary the trainer loads');
    const leaked = list.filter((f) => /node_modules\/|^extension\/(server|client|test|bench|scripts|\.cache)\/|\.map$|\.ts$/.test(f));
    assert.deepEqual(leaked, [], 'no sources, tests, maps or node_modules');
    assert.ok(sizeMb < 15, `lean: ${sizeMb.toFixed(2)} MB`);

    const dirs = { home, extensionsDir: join(home, 'ext'), userDataDir: join(home, 'data') };
    const install = await runCodeServerCli(['--install-extension', vsix, '--force'], dirs);
    assert.equal(install.code, 0, install.output);
    const listed = await runCodeServerCli(['--list-extensions', '--show-versions'], dirs);
    assert.match(listed.output, /reflection-lens\.reflection-lens@0\.1\.0/, listed.output);
    const installed = readdirSync(dirs.extensionsDir).find((d) => d.startsWith('reflection-lens.reflection-lens'));
    assert.ok(installed, 'unpacked into the extensions dir');
    assert.ok(statSync(join(dirs.extensionsDir, installed, 'dist', 'server.js')).size > 0);
  });
});
