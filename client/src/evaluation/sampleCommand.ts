// "Reflection Lens: Choose Records to Label at Random": N records of the active trace chosen at
// random by the bundled CLI (`eval-segmentation FILE --sample N --seed S`), listed in a quick pick
// that stays open while each chosen record is opened in turn, the labelled ones marked. Labelling
// these, not the records that look misread, keeps eval-segmentation's corrected rates valid
// (docs/editor.md, "Evaluating the reading against the labels").
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { bundledCli } from '../bundledCli.js';
import { runCli } from '../cliProcess.js';
import { DEFAULT_SAMPLE, parseSample, sampleArgs, sampleCountProblem, type Sample } from './sample.js';

interface Given {
  file?: string;
  count?: number;
  seed?: number;
}

export function registerSampleRecords(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    // From the palette (the active trace), the explorer (the clicked file) or with `{file, count, seed}` (tests, keybindings).
    vscode.commands.registerCommand('reflectionLens.sampleRecordsToLabel', async (given?: unknown) => {
      try {
        return await sampleRecords(context, given);
      } catch (err) {
        void vscode.window.showErrorMessage(
          `Reflection Lens: choosing records failed: ${err instanceof Error ? err.message : String(err)}`,
        );
        return undefined;
      }
    }),
  );
}

function traceOf(given: unknown): string | undefined {
  if (given instanceof vscode.Uri) return given.scheme === 'file' ? given.fsPath : undefined;
  const asked = given && typeof given === 'object' ? (given as Given).file : undefined;
  if (typeof asked === 'string') return asked;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' && /\.(trace|jsonl)$/i.test(doc.uri.fsPath) && !/\.gold\.jsonl$/i.test(doc.uri.fsPath)
    ? doc.uri.fsPath
    : undefined;
}

async function sampleRecords(context: vscode.ExtensionContext, given: unknown): Promise<Sample | undefined> {
  const file = traceOf(given);
  if (!file) {
    void vscode.window.showInformationMessage('Reflection Lens: open a .trace or .jsonl file to choose records to label from.');
    return undefined;
  }
  const asked = given && typeof given === 'object' && !(given instanceof vscode.Uri) ? (given as Given) : {};
  let count = asked.count;
  if (count === undefined) {
    const typed = await vscode.window.showInputBox({
      title: `How many records of ${basename(file)} to label?`,
      prompt: 'Chosen at random, so that the corrected p / delta1 / delta2 hold (40 leave about ±0.1 on p)',
      value: String(DEFAULT_SAMPLE),
      validateInput: sampleCountProblem,
    });
    if (typed === undefined) return undefined;
    count = Number(typed.trim());
  }
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Reflection Lens: choosing ${count} records of ${basename(file)}`,
      cancellable: true,
    },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runCli(bundledCli(context), sampleArgs(file, count, asked.seed ?? 1), () => undefined, abort.signal);
    },
  );
  if (result.cancelled) return undefined;
  const sample = parseSample(result.stdout);
  if (!sample) {
    const why = result.stderr.trim().split('\n').slice(0, 2).join(' ');
    void vscode.window.showErrorMessage(`Reflection Lens: eval-segmentation --sample failed: ${why || `exit ${result.code}`}`);
    return undefined;
  }
  showSample(sample);
  return sample;
}

/** The chosen records in a quick pick that stays open: Enter or a click opens one, the pick stays for the next. */
function showSample(sample: Sample): void {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { index: number }>();
  pick.title = sample.summary;
  pick.placeholder = 'Enter opens a record (the list stays open); Escape closes it';
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.items = sample.records.map((r, index) => ({
    label: `${r.labelled ? '$(check) ' : ''}record ${r.id}`,
    description: `${vscode.workspace.asRelativePath(r.file)}:${r.line}${r.labelled ? ' · labelled' : ''}`,
    index,
  }));
  pick.onDidAccept(async () => {
    const chosen = pick.activeItems[0];
    if (!chosen) return;
    const r = sample.records[chosen.index];
    const at = new vscode.Position(Math.max(0, r.line - 1), 0);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(r.file));
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preserveFocus: true, preview: false });
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}
