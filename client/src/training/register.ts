import type * as vscode from 'vscode';
// Placeholder until Run GRPO lands.
export function registerTraining(_context: vscode.ExtensionContext): void {}
