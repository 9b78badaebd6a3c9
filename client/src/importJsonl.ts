// "Reflection Lens: Import JSONL Rollouts as .trace": converts a JSONL file (explorer selection,
// active editor, or a picked file) with the bundled CLI (`dist/cli.js import`) in a child process,
// so a large file never blocks the extension host; a notification shows progress and can cancel.
// The CLI writes atomically and refuses to overwrite its input; this command asks for a target
// that is not the input either, and opens the result.
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { bundledCli } from './bundledCli.js';
import { parseSummary, refusedPatternsMessage, runImport } from './importProcess.js';
import { readingSettings } from './readingSettings.js';

export function registerImportJsonl(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('reflectionLens.importJsonl', async (clicked?: unknown) => {
      try {
        await importJsonl(context, clicked instanceof vscode.Uri ? clicked : undefined);
      } catch (err) {
        void vscode.window.showErrorMessage(`Reflection Lens: import failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
  );
}

async function importJsonl(context: vscode.ExtensionContext, clicked: vscode.Uri | undefined): Promise<void> {
  const input = clicked ?? activeJsonl() ?? (await pickJsonl());
  if (!input) return;
  if (input.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Reflection Lens: can only import local files (${input.toString()} is not one).`);
    return;
  }
  const proposed = vscode.Uri.file(join(dirname(input.fsPath), `${basename(input.fsPath).replace(/\.jsonl$/i, '')}.trace`));
  const out = await vscode.window.showSaveDialog({
    defaultUri: proposed,
    filters: { Trace: ['trace'] },
    saveLabel: 'Import',
    title: `Import ${basename(input.fsPath)} as .trace`,
  });
  if (!out) return;
  if (out.scheme !== 'file') {
    void vscode.window.showErrorMessage('Reflection Lens: the .trace file must be written to a local folder.');
    return;
  }
  if (out.fsPath === input.fsPath) {
    void vscode.window.showErrorMessage('Reflection Lens: the output would overwrite the JSONL input; choose another file name.');
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reflection Lens: importing ${basename(input.fsPath)}`, cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runImport(bundledCli(context), input.fsPath, out.fsPath, (message) => progress.report({ message }), abort.signal, {
        reading: readingSettings(input),
      });
    },
  );
  if (result.cancelled) return;
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`Reflection Lens: import failed: ${lastLines(result.stderr) || `exit ${result.code}`}`);
    return;
  }
  const refused = refusedPatternsMessage(result);
  if (refused) void vscode.window.showWarningMessage(refused);
  const summary = parseSummary(result.stdout);
  const notes = summary?.diagnostics ? ` ${summary.diagnostics} line(s) could not be imported (see the JSONL file's diagnostics).` : '';
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(out));
  void vscode.window.showInformationMessage(
    `Reflection Lens: ${summary?.records ?? 'the'} records written to ${basename(out.fsPath)}.${notes}`,
  );
}

function activeJsonl(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && /\.jsonl$/i.test(uri.path) ? uri : undefined;
}

async function pickJsonl(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'JSONL rollouts': ['jsonl'] },
    openLabel: 'Import',
  });
  return picked?.[0];
}

const lastLines = (s: string): string => s.trim().split('\n').slice(-3).join(' ');
