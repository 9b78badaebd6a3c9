import type * as vscode from 'vscode';
// Placeholder until the calibration view lands.
export function registerCalibration(_context: vscode.ExtensionContext): void {}
