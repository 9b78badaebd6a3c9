// "Reflection Lens: Import JSONL Rollouts as .trace": converts a JSONL file (explorer selection,
// active editor, or a picked file) with the bundled CLI (`dist/cli.js import`) in a child process,
// so a large file never blocks the extension host; a notification shows progress and can cancel.
// The CLI writes atomically and refuses to overwrite its input; this command asks for a target
// that is not the input either, and opens the result.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';

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
  const out = await vscode.window.showSaveDialog({ defaultUri: proposed, filters: { Trace: ['trace'] }, saveLabel: 'Import', title: `Import ${basename(input.fsPath)} as .trace` });
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
    (progress, token) => runImport(context.asAbsolutePath(join('dist', 'cli.js')), input.fsPath, out.fsPath, progress, token),
  );
  if (result.cancelled) return;
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`Reflection Lens: import failed: ${lastLines(result.stderr) || `exit ${result.code}`}`);
    return;
  }
  const summary = parseSummary(result.stdout);
  const notes = summary?.diagnostics ? ` ${summary.diagnostics} line(s) could not be imported (see the JSONL file's diagnostics).` : '';
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(out));
  void vscode.window.showInformationMessage(`Reflection Lens: ${summary?.records ?? 'the'} records written to ${basename(out.fsPath)}.${notes}`);
}

function activeJsonl(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && /\.jsonl$/i.test(uri.path) ? uri : undefined;
}

async function pickJsonl(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'JSONL rollouts': ['jsonl'] }, openLabel: 'Import' });
  return picked?.[0];
}

interface ImportResult {
  code: number | null;
  cancelled: boolean;
  stdout: string;
  stderr: string;
}

function runImport(cli: string, input: string, out: string, progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<ImportResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'import', input, '-o', out, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Inside VS Code the executable is Electron: run it as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8000);
      // The CLI's progress lines: "import FILE: 12 / 80 MB, 3400 records".
      const m = [...d.toString().matchAll(/(\d+) \/ (\d+) MB, (\d+) records/g)].pop();
      if (m) progress.report({ message: `${m[1]} of ${m[2]} MB, ${m[3]} records` });
    });
    const cancel = token.onCancellationRequested(() => {
      cancelled = true;
      child.kill('SIGTERM');
    });
    const finish = (code: number | null) => {
      cancel.dispose();
      // A killed CLI leaves its temp files (".OUT.<pid>.<time>.tmp", also for the sidecar) behind; the target is untouched.
      if (cancelled && child.pid !== undefined) removeTempFiles(out, child.pid);
      resolve({ code, cancelled, stdout, stderr });
    };
    child.on('exit', finish);
    child.on('error', (err) => {
      stderr += err.message;
      finish(-1);
    });
  });
}

function removeTempFiles(out: string, pid: number): void {
  const dir = dirname(out);
  const prefixes = [basename(out), `${basename(out)}.logprobs.jsonl`].map((n) => `.${n}.${pid}.`);
  try {
    for (const f of readdirSync(dir)) if (f.endsWith('.tmp') && prefixes.some((p) => f.startsWith(p))) rmSync(join(dir, f), { force: true });
  } catch {
    // Nothing to clean up if the folder cannot be read.
  }
}

function parseSummary(stdout: string): { records: number; diagnostics: number } | undefined {
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '');
  } catch {
    return undefined;
  }
}

const lastLines = (s: string): string => s.trim().split('\n').slice(-3).join(' ');
