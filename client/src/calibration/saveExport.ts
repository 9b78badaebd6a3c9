// Saves an export from the calibration view where the user says, atomically.
import * as vscode from 'vscode';
import type { ExportKind } from '../../../protocol/webview/calibration.js';
import { writeAtomically } from '../writeAtomically.js';

const FILTERS: Record<ExportKind, Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  csv: { CSV: ['csv'] },
  json: { JSON: ['json'] },
};

/** Asks for a location (proposing `name` in the first workspace folder) and writes the file. */
export async function saveExport(kind: ExportKind, name: string, data: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const safeName = name.replace(/[^\w.-]+/g, '_');
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, safeName) : undefined,
    filters: FILTERS[kind],
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  const bytes = kind === 'png' ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
  await writeAtomically(target, bytes);
  return target;
}
