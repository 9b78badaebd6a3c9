// A broken LSP frame on stdin (garbage bytes, a bad or missing Content-Length) leaves the byte
// stream out of step: no later message can be read. The server then exits non-zero, with a
// message on stderr, so the client restarts it, instead of staying alive but deaf. A well-framed
// message whose body is not JSON keeps the stream in step: the server stays and answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const initialize = (id: number): string =>
  frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));

interface Server {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startServer(): Server {
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.on('error', () => undefined); // the server may be gone when a test writes
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The exit code, or 'alive' when the server is still running after `ms`. */
async function exitWithin(s: Server, ms: number): Promise<number | null | 'alive'> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    s.exited,
    new Promise<'alive'>((resolve) => {
      timer = setTimeout(() => resolve('alive'), ms);
    }),
  ]);
  clearTimeout(timer);
  if (result === 'alive') s.child.kill();
  return result;
}

async function answered(s: Server, id: number, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (s.stdout().includes(`"id":${id}`)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const broken: [string, string][] = [
  ['garbage bytes before a message', 'hello, this is not LSP\n' + initialize(1)],
  ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}' + initialize(1)],
  ['a negative Content-Length', 'Content-Length: -5\r\n\r\n' + initialize(1)],
  ['a header block without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}' + initialize(1)],
  ['a header line without a colon', 'Content-Length 52\r\n\r\n' + initialize(1)],
  ['garbage without any header end (100 KB)', 'x'.repeat(100_000)],
];

for (const [name, bytes] of broken) {
  test(`framing error (${name}): the server exits non-zero with a message`, async () => {
    const s = startServer();
    s.child.stdin.write(bytes);
    const code = await exitWithin(s, 10_000);
    assert.notEqual(code, 'alive', `the server stayed alive after ${name}; stderr: ${s.stderr()}`);
    assert.notEqual(code, 0);
    assert.match(s.stderr(), /framing/i);
  });
}

test('framing error after a working session: the server exits instead of going deaf', async () => {
  const s = startServer();
  s.child.stdin.write(initialize(1));
  assert.ok(await answered(s, 1), 'initialize answered');
  s.child.stdin.write('Content-Length: 12x\r\nbogus\r\n\r\n' + initialize(2));
  const code = await exitWithin(s, 10_000);
  assert.notEqual(code, 'alive', `stderr: ${s.stderr()}`);
  assert.notEqual(code, 0);
});

test('a well-framed body that is not JSON keeps the stream in step: the server stays and answers', async () => {
  const s = startServer();
  s.child.stdin.write(frame('{ this is not json') + frame('') + initialize(3));
  assert.ok(await answered(s, 3), `initialize answered after a bad body; stderr: ${s.stderr()}`);
  assert.equal(await exitWithin(s, 500), 'alive');
});
