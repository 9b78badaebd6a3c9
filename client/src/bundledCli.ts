// Where this extension's bundled CLI (`dist/cli.js`) is, for the commands that run engine work in
// a child process (cliProcess.ts), also when called with a bare context (the extension's tests).
import { join } from 'node:path';
import * as vscode from 'vscode';

export function bundledCli(context: vscode.ExtensionContext): string {
  const root = context.extensionPath ?? vscode.extensions.getExtension('reflection-lens.reflection-lens')?.extensionPath;
  if (!root) throw new Error('cannot find the extension folder (for dist/cli.js)');
  return join(root, 'dist', 'cli.js');
}
