// The LanguageClient for .trace files and JSONL rollouts: runs dist/server.js in a Node child process over IPC and
// keeps the `reflectionLens` settings in sync (the server pulls them per file on each change).
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The running client, for commands that talk to the server (e.g. custom requests); undefined before activation. */
export function getLanguageClient(): LanguageClient | undefined {
  return client;
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
