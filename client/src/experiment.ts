// "Reflection Lens: Reproduce the Paper's Experiment": the Table 1 / Figure 1 experiment with
// tiny-lm (four arms, several seeds) in the bundled CLI as a child process, with a cancellable
// progress notification; the same folder resumes where a cancelled run stopped. When it is done,
// the report (report.html in the experiment folder) opens in a webview, and in the browser on request.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { reportVerdicts, runExperimentCli } from './experimentProcess.js';

/** <workspace>/.reflection-lens/experiments/<name>, else the extension's storage: a fixed folder, so running again resumes. */
function experimentDir(context: vscode.ExtensionContext, quick: boolean): string {
  const name = quick ? 'table1-quick' : 'table1';
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder
    ? join(folder.uri.fsPath, '.reflection-lens', 'experiments', name)
    : join(context.globalStorageUri.fsPath, 'experiments', name);
}

export function registerExperiment(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    // For keybindings, tasks and tests: `{quick, out, config, seeds}` skip the quick pick (config: a plan JSON file).
    vscode.commands.registerCommand('reflectionLens.reproduceExperiment', async (given?: Given) => {
      try {
        return await reproduce(context, given);
      } catch (err) {
        void vscode.window.showErrorMessage(`Reflection Lens: the experiment failed: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }),
  );
}

interface Given {
  quick?: boolean;
  out?: string;
  config?: string;
  seeds?: number;
}

async function reproduce(context: vscode.ExtensionContext, given?: Given): Promise<string | undefined> {
  let quick = given?.quick;
  if (quick === undefined) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: 'Quick', description: 'one seed, fewer steps and problems: minutes', quick: true },
        { label: 'Full', description: '3 seeds, 4 arms, 7 tasks, 100 problems per task: under an hour on a laptop CPU', quick: false },
      ],
      { title: "Reproduce the paper's Table 1 and Figure 1 with tiny-lm" },
    );
    if (!choice) return undefined;
    quick = choice.quick;
  }
  const out = given?.out ?? experimentDir(context, quick);
  const backend = vscode.workspace.getConfiguration('reflectionLens').get<string>('training.backend', 'auto');
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Reflection Lens: ${quick ? 'quick ' : ''}Table 1 experiment`,
      cancellable: true,
    },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let shown = 0;
      progress.report({ message: existsSync(join(out, 'experiment.json')) ? 'resuming…' : 'starting…' });
      return runExperimentCli(
        context.asAbsolutePath(join('dist', 'cli.js')),
        { out, quick: quick!, backend, config: given?.config, seeds: given?.seeds },
        (p) => {
          progress.report({ message: p.message, increment: Math.max(0, p.percent - shown) });
          shown = Math.max(shown, p.percent);
        },
        abort.signal,
      );
    },
  );
  if (result.cancelled) {
    void vscode.window.showInformationMessage(
      'Reflection Lens: experiment stopped after its current step; run the command again to resume.',
    );
    return undefined;
  }
  const html = join(out, 'report.html');
  if (result.code !== 0 || !existsSync(html)) {
    void vscode.window.showErrorMessage(
      `Reflection Lens: the experiment failed: ${result.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${result.code}`}`,
    );
    return undefined;
  }
  showReport(html);
  const verdicts = reportVerdicts(result.stdout);
  const summary = verdicts.length ? verdicts.map((v) => v.verdict).join(', ') : 'done';
  void vscode.window.showInformationMessage(`Reflection Lens: Table 1 experiment: ${summary}.`, 'Open in Browser').then((pick) => {
    if (pick) void vscode.env.openExternal(vscode.Uri.file(html));
  });
  return html;
}

/** The report in a webview: the file is static HTML and SVG with its own CSP (no script). */
function showReport(file: string): void {
  const panel = vscode.window.createWebviewPanel('reflectionLens.experiment', 'Table 1 / Figure 1 (tiny-lm)', vscode.ViewColumn.Active, {
    enableScripts: false,
  });
  panel.webview.html = readFileSync(file, 'utf8');
}
