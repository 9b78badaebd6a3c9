// "Reflection Lens: Open as Trace" on a corpus that is not a .trace file (a Parquet dataset, an
// Inspect .eval / .json log, chat or evaluation-harness JSONL): the bundled CLI imports it in a
// child process (progress, cancel; the mapping it chose is shown), and the result opens as a
// read-only trace document, so the language server gives it the same highlighting, diagnostics,
// hover and outline as a .trace file. "Save as .trace" writes it where the user says. The mapping
// comes from the per-folder settings `reflectionLens.import.format` / `reflectionLens.import.map`.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { bundledCli } from './bundledCli.js';
import { mappingLine, parseSummary, refusedPatternsMessage, runImport } from './importProcess.js';
import { readingSettings } from './readingSettings.js';
import { writeAtomically } from './writeAtomically.js';

export const TRACE_VIEW_SCHEME = 'reflection-lens-view';
/** Past this size the view is not opened (an editor holds the whole text); the calibration view streams any size. */
const VIEW_LIMIT_BYTES = 64 * 1024 * 1024;

/** Each open view's text, by its URI's path: the source corpus's path + ".trace" (the editor may re-encode the rest of a URI). */
const views = new Map<string, string>();

class TraceViewProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    return views.get(uri.path) ?? '';
  }
}

export function registerTraceView(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(TRACE_VIEW_SCHEME, new TraceViewProvider()),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === TRACE_VIEW_SCHEME) views.delete(d.uri.path);
    }),
    // Both resolve to the URI they opened or wrote (for keybindings, tasks and tests); a second
    // argument to Save as .trace is the target, which skips the dialog.
    vscode.commands.registerCommand('reflectionLens.openAsTrace', (clicked?: unknown) =>
      run(() => openAsTrace(context, clicked instanceof vscode.Uri ? clicked : undefined)),
    ),
    vscode.commands.registerCommand('reflectionLens.saveAsTrace', (clicked?: unknown, target?: unknown) =>
      run(() => saveAsTrace(clicked instanceof vscode.Uri ? clicked : undefined, target instanceof vscode.Uri ? target : undefined)),
    ),
  );
}

async function run<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (err) {
    void vscode.window.showErrorMessage(`Reflection Lens: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** Imports `input` (or the active / a picked file) and opens the result as a read-only trace; resolves to its URI. */
async function openAsTrace(context: vscode.ExtensionContext, clicked: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const input =
    clicked ??
    vscode.window.activeTextEditor?.document.uri ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: 'Open as Trace',
        filters: { Corpora: ['parquet', 'eval', 'json', 'jsonl'] },
      })
    )?.[0];
  if (!input) return undefined;
  if (input.scheme !== 'file') throw new Error(`can only read local files (${input.toString()} is not one)`);
  const settings = vscode.workspace.getConfiguration('reflectionLens.import', input);
  const format = settings.get<string>('format', 'auto');
  const map = settings.get<string>('map', '').trim();
  const tmp = mkdtempSync(join(tmpdir(), 'rl-view-'));
  try {
    const out = join(tmp, `${basename(input.fsPath)}.trace`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reflection Lens: reading ${basename(input.fsPath)}`, cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return runImport(bundledCli(context), input.fsPath, out, (message) => progress.report({ message }), abort.signal, {
          format: format === 'auto' ? undefined : format,
          map: map || undefined,
          reading: readingSettings(input),
        });
      },
    );
    if (result.cancelled) return undefined;
    if (result.code !== 0)
      throw new Error(
        `could not read ${basename(input.fsPath)}: ${result.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${result.code}`}`,
      );
    const refused = refusedPatternsMessage(result);
    if (refused) void vscode.window.showWarningMessage(refused);
    if (statSync(out).size > VIEW_LIMIT_BYTES) {
      const calibrate = 'Show Calibration';
      const choice = await vscode.window.showWarningMessage(
        `Reflection Lens: ${basename(input.fsPath)} reads as ${(statSync(out).size / 1e6).toFixed(0)} MB of traces, too large for an editor; the calibration view reads it streaming.`,
        calibrate,
      );
      if (choice === calibrate) await vscode.commands.executeCommand('reflectionLens.showCalibration', input);
      return undefined;
    }
    const uri = vscode.Uri.from({ scheme: TRACE_VIEW_SCHEME, path: `${input.path}.trace` });
    views.set(uri.path, readFileSync(out, 'utf8'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'trace');
    await vscode.window.showTextDocument(doc, { preview: false });
    const summary = parseSummary(result.stdout);
    const notes = summary?.diagnostics
      ? `; ${summary.diagnostics} row(s) could not be read (see the output of \`reflection-lens import\`)`
      : '';
    void vscode.window.showInformationMessage(
      `Reflection Lens: ${summary?.records ?? 'the'} records, read-only. ${mappingLine(result.stderr) ?? ''}${notes}`,
    );
    return uri;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes a read-only trace view (the clicked one or the active editor's) to a .trace file the user picks. */
async function saveAsTrace(clicked: vscode.Uri | undefined, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = clicked ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== TRACE_VIEW_SCHEME) throw new Error('"Save as .trace" works on a corpus opened with "Open as Trace"');
  const text = views.get(uri.path);
  if (text === undefined) throw new Error('this view is closed; open the corpus again');
  const source = vscode.Uri.file(uri.path.replace(/\.trace$/, '')).fsPath;
  const out =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(dirname(source), `${basename(source).replace(/\.(parquet|eval|json|jsonl)$/i, '')}.trace`)),
      filters: { Trace: ['trace'] },
      saveLabel: 'Save',
    }));
  if (!out) return undefined;
  if (out.scheme !== 'file') throw new Error('the .trace file must be written to a local folder');
  if (out.fsPath === source) throw new Error('that would overwrite the source corpus; choose another name');
  await writeAtomically(out, Buffer.from(text, 'utf8'));
  return out;
}
