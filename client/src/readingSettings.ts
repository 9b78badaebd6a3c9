// The reader of the settings (reflectionLens.markers, answerPatterns, reader) for a file, as the
// CLI's import takes it (importProcess.ts): it counts the attempts of the log-probs' 2T check.
import * as vscode from 'vscode';
import type { ImportMapping } from './importProcess.js';

export function readingSettings(resource: vscode.Uri): NonNullable<ImportMapping['reading']> {
  const cfg = vscode.workspace.getConfiguration('reflectionLens', resource);
  return {
    markers: cfg.get<string[]>('markers'),
    answerPatterns: cfg.get<string[]>('answerPatterns'),
    reader: cfg.get<string>('reader'),
  };
}
