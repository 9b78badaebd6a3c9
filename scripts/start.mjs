#!/usr/bin/env node
// `npm start`: builds, then opens a real VS Code with Reflection Lens loaded on examples/.
// - `code` on PATH (desktop VS Code): `code --extensionDevelopmentPath=<repo> examples`.
// - otherwise: code-server (installed into .cache/ on first use) on 127.0.0.1 with the extension
//   linked into its own extensions dir; prints the URL and serves until Ctrl+C.
// Options: --code-server (skip the desktop `code`), --port N (default: $PORT or 8080, else a free
// one), --home DIR (code-server's state; default .cache/start-home).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, isCodeServerInstalled, paths, startCodeServer } from './code-server.mjs';

const argv = process.argv.slice(2);
const root = paths.repoRoot;
const examples = join(root, 'examples');

function step(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step(process.execPath, ['scripts/build.mjs']);

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
if (!argv.includes('--code-server') && onPath('code')) {
  console.log(`start: opening VS Code on ${examples} with the extension from ${root}`);
  const child = spawn('code', [`--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  await serveInCodeServer();
}

async function serveInCodeServer() {
  if (!isCodeServerInstalled()) {
    console.log('start: no `code` on PATH; installing code-server into .cache/ (once, a few minutes)');
    step(process.execPath, ['scripts/install-code-server.mjs']);
  }
  const home = argv.includes('--home') ? argv[argv.indexOf('--home') + 1] : join(paths.cacheDir, 'start-home');
  const extensionsDir = join(home, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  // The extension is this checkout, linked as an installed extension: rebuilds show after a reload.
  const { publisher, name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const link = join(extensionsDir, `${publisher}.${name}-${version}`);
  if (existsSync(link) || isLink(link)) rmSync(link, { recursive: true, force: true });
  symlinkSync(root, link, 'dir');
  // extensions.json is VS Code's list of installed extensions; without it the dir is rescanned.
  rmSync(join(extensionsDir, 'extensions.json'), { force: true });
  const wanted = Number(argv[argv.indexOf('--port') + 1]) || Number(process.env.PORT) || 8080;
  const port = (await isFree(wanted)) ? wanted : await freePort();
  const server = await startCodeServer({
    home,
    port,
    folder: examples,
    extensionsDir,
    settings: {
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.startupEditor': 'none',
      'git.openRepositoryInParentFolders': 'never',
    },
  });
  console.log(
    `\nReflection Lens is running in VS Code (code-server) at:\n\n  ${server.url}/?folder=${encodeURIComponent(examples)}\n\n` +
      `Open it in a browser; the bundled examples are in the explorer. Ctrl+C stops it. (log: ${server.logPath})`,
  );
  // Ctrl+C: scripts/code-server.mjs stops the whole process group on the way out.
  await new Promise(() => {});
}

function isLink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

async function isFree(port) {
  const { createServer } = await import('node:net');
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}
