// Extension entry point (bundled to dist/extension.cjs): starts the language server for .trace
// files and registers the calibration, training, import, trace-view, experiment and evaluation commands.
import type * as vscode from 'vscode';
import { registerCalibration } from './calibration/register.js';
import { registerEvaluateReading } from './evaluation/command.js';
import { registerSampleRecords } from './evaluation/sampleCommand.js';
import { registerExperiment } from './experiment.js';
import { registerImportJsonl } from './importJsonl.js';
import { getLanguageClient, startLanguageClient, stopLanguageClient } from './languageClient.js';
import { registerTraceView } from './traceView.js';
import { registerTraining } from './training/register.js';

export { getLanguageClient };

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Commands first: they must work even if the language server cannot start.
  registerCalibration(context);
  registerTraining(context);
  registerImportJsonl(context);
  registerTraceView(context);
  registerExperiment(context);
  registerEvaluateReading(context);
  registerSampleRecords(context);
  await startLanguageClient(context);
}

export function deactivate(): Promise<void> {
  return stopLanguageClient();
}
