// Lists the traces behind a point or a table cell of the calibration view and opens the chosen
// one at its record.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CalibrateParams, TraceFilter, TraceQuery } from '../../../protocol/calibration.js';
import { calibrationTracesRequest } from '../../../protocol/methods.js';

const FILTER_LABEL: Record<TraceFilter, string> = {
  all: 'all traces',
  firstWrong: 'wrong first attempts (lower p)',
  abandonedCorrect: 'correct answers abandoned by a RESAMPLE (lower δ1)',
  missedCorrection: 'missed corrections: STOP on a wrong answer (lower δ2)',
  finalWrong: 'wrong final answers',
  TT: 'transitions T→T',
  TF: 'transitions T→F',
  FT: 'transitions F→T',
  FFecho: 'echoes: F→F repeating the same wrong answer',
  FFnew: 'transitions F→F to a new wrong answer',
};

export async function openTraces(client: LanguageClient, params: Omit<CalibrateParams, 'workDoneToken'>, query: TraceQuery): Promise<void> {
  const where = `${query.model} · ${query.task}${query.step === undefined ? '' : ` · step ${query.step}`}`;
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Finding ${FILTER_LABEL[query.filter]}` },
    () => client.sendRequest(calibrationTracesRequest, { ...params, query }),
  );
  if (found.length === 0) {
    void vscode.window.showInformationMessage(`Reflection Lens: no ${FILTER_LABEL[query.filter]} for ${where}.`);
    return;
  }
  const items = found.map((t) => {
    const uri = vscode.Uri.parse(t.uri);
    return {
      label: `=== ${t.id}`,
      description: `${vscode.workspace.asRelativePath(uri)}:${t.line + 1}`,
      detail: t.detail,
      uri,
      line: t.line,
    };
  });
  const pick =
    items.length === 1
      ? items[0]
      : await vscode.window.showQuickPick(items, {
          title: `${where}: ${FILTER_LABEL[query.filter]} (${items.length})`,
          matchOnDescription: true,
          matchOnDetail: true,
          placeHolder: 'Open a trace at its record',
        });
  if (!pick) return;
  const at = new vscode.Range(pick.line, 0, pick.line, 0);
  // Beside the panel, so the charts stay in view while traces are read one after another.
  const editor = await vscode.window.showTextDocument(pick.uri, { selection: at, preview: true, viewColumn: vscode.ViewColumn.Beside });
  editor.revealRange(at, vscode.TextEditorRevealType.AtTop);
}
