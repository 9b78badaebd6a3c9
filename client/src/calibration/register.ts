// "Reflection Lens: Show Calibration": on the workspace (command palette) or on what is selected
// in the explorer (files and folders, folders of JSONL rollouts included).
import * as vscode from 'vscode';
import { getLanguageClient } from '../languageClient.js';
import { CalibrationPanel, type CalibrationSource } from './panel.js';

export function registerCalibration(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('reflectionLens.showCalibration', (clicked?: unknown, selected?: unknown) => {
      // Explorer context menus pass the clicked resource and the whole selection.
      const uris = (Array.isArray(selected) && selected.length > 0 ? selected : clicked instanceof vscode.Uri ? [clicked] : []).filter(
        (u): u is vscode.Uri => u instanceof vscode.Uri,
      );
      const source: CalibrationSource = uris.length > 0 ? { kind: 'selection', uris } : { kind: 'workspace' };
      CalibrationPanel.show(context, source, getLanguageClient);
    }),
  );
}
