// The LanguageClient for .trace files and JSONL rollouts: runs dist/server.js in a Node child process over IPC and
// keeps the `reflectionLens` settings in sync (the server pulls them per file on each change).
import * as path from 'node:path';
import type * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type RequestParam,
  type RequestType,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The running client, for commands that talk to the server (e.g. custom requests); undefined before activation. */
export function getLanguageClient(): LanguageClient | undefined {
  return client;
}

/** The language client once it runs; waits while it is still starting (the command may come first). */
export async function runningClient(getClient: () => LanguageClient | undefined = getLanguageClient): Promise<LanguageClient | undefined> {
  const c = getClient();
  if (!c || c.isRunning()) return c;
  if (c.state !== State.Starting) return undefined;
  await new Promise<void>((resolve) => {
    const sub = c.onDidChangeState((e) => {
      if (e.newState !== State.Starting) {
        sub.dispose();
        resolve();
      }
    });
  });
  return c.isRunning() ? c : undefined;
}

/**
 * One request to the language server (protocol/methods.ts), for commands whose work reads files
 * or loads engine modules: it runs there, never on the extension host. Throws a readable error
 * when the server is not running.
 */
export async function requestServer<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
  const c = await runningClient();
  if (!c) throw new Error('the Reflection Lens language server is not running (see the "Reflection Lens" output channel)');
  // P is generic here, so the library's conditional parameter type (RequestParam<P>) needs the cast.
  return c.sendRequest(type, params as RequestParam<P>);
}

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // JSONL rollouts by file pattern: VS Code's language id for them differs between versions.
    documentSelector: [{ language: 'trace' }, { scheme: 'file', pattern: '**/*.jsonl' }],
    synchronize: { configurationSection: 'reflectionLens' },
  };
  client = new LanguageClient('reflectionLens', 'Reflection Lens', serverOptions, clientOptions);
  await client.start();
  return client;
}

export async function stopLanguageClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.isRunning()) await c.stop();
}
