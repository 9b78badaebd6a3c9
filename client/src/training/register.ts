// "Run GRPO" and its companions: Stop Training, Resume Training Run, Open Training Run.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listRunsRequest, readRunRequest } from '../../../protocol/methods.js';
import type { RunSummary } from '../../../protocol/runs.js';
import { requestServer } from '../languageClient.js';
import { pickLaunch } from './launchPicker.js';
import { TrainingSession, type Outcome } from './session.js';
import { runOnVerl, type VerlRunPreset } from './verl.js';

/** New runs go to <workspace>/.reflection-lens/runs (next to the user's work, so they can be opened and calibrated), else to the extension's storage. */
function runsRoot(context: vscode.ExtensionContext): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? join(folder.uri.fsPath, '.reflection-lens', 'runs') : join(context.globalStorageUri.fsPath, 'runs');
}

/** A run directory: the one clicked in the explorer, else a pick among known runs or a folder dialog. */
async function pickRun(
  context: vscode.ExtensionContext,
  title: string,
  clicked: unknown,
  filter: (r: RunSummary) => boolean = () => true,
): Promise<string | undefined> {
  if (clicked instanceof vscode.Uri) return clicked.fsPath;
  // Read by the language server: a folder of long runs takes a while (bench/extensionHost.bench.ts).
  const runs = (await requestServer(listRunsRequest, { root: runsRoot(context) })).filter(filter);
  const last = TrainingSession.lastRun(context);
  type Item = vscode.QuickPickItem & { dir?: string };
  const items: Item[] = runs.map((r) => ({
    label: r.name,
    description: `${r.policy} · ${r.status ? `${r.status.state} at step ${r.status.step}` : 'no status'}${r.dir === last ? ' · last run' : ''}`,
    detail: r.dir,
    dir: r.dir,
  }));
  items.push({ label: '$(folder-opened) Browse for a run folder…' });
  const chosen = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  if (!chosen) return undefined;
  if (chosen.dir) return chosen.dir;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Open run',
    title,
  });
  return picked?.[0]?.fsPath;
}

function checkRunDir(dir: string): boolean {
  if (existsSync(join(dir, 'config.json'))) return true;
  void vscode.window.showErrorMessage(`Reflection Lens: ${dir} is not a training run (no config.json).`);
  return false;
}

/**
 * Arguments for running without the quick pick (keybindings, tasks, tests): the run config and
 * where to put the run, or `verl` to run on verl (resolves to the command line sent to the terminal).
 */
type RunGrpoArgs = { config: Record<string, unknown>; runsRoot?: string } | { verl: VerlRunPreset };

async function runGrpo(context: vscode.ExtensionContext, args?: unknown): Promise<Outcome | string | undefined> {
  if (args && typeof args === 'object' && 'verl' in args) return runOnVerl(context, (args as { verl: VerlRunPreset }).verl ?? {});
  const given = args && typeof args === 'object' && 'config' in args ? (args as Extract<RunGrpoArgs, { config: unknown }>) : undefined;
  const choice = given ? { kind: 'local' as const, config: given.config } : await pickLaunch();
  if (!choice) return undefined;
  if (choice.kind === 'verl') return void (await runOnVerl(context));
  return TrainingSession.start(context, { config: choice.config, runsRoot: given?.runsRoot ?? runsRoot(context) }).finished;
}

async function resumeTraining(context: vscode.ExtensionContext, clicked: unknown): Promise<Outcome | undefined> {
  // A run that failed at step 0 has nothing to resume from.
  const dir = await pickRun(
    context,
    'Resume a training run',
    clicked,
    (r) => r.status?.state !== 'running' && !(r.status?.state === 'failed' && r.status.step === 0),
  );
  if (!dir || !checkRunDir(dir)) return undefined;
  const { status } = await requestServer(readRunRequest, { dir, metrics: false });
  let steps: number | undefined;
  if (status?.state === 'completed') {
    // A completed run continues only if it is given more steps.
    const more = await vscode.window.showInputBox({
      title: `${basename(dir)} completed ${status.step} steps`,
      prompt: 'Continue to how many steps in total?',
      value: String(status.step * 2),
      validateInput: (v) => (/^\d+$/.test(v) && Number(v) > status.step ? undefined : `a whole number above ${status.step}`),
    });
    if (!more) return undefined;
    steps = Number(more);
  }
  return TrainingSession.start(context, { resume: dir, steps }).finished;
}

/** Opens each run selected in the explorer in its own panel (side by side to compare), or one picked run. */
async function openRuns(context: vscode.ExtensionContext, clicked: unknown, selected: unknown): Promise<void> {
  const uris = Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
  if (uris.length > 1) {
    for (const u of uris) await openRun(context, u);
    return;
  }
  await openRun(context, clicked);
}

async function openRun(context: vscode.ExtensionContext, clicked: unknown): Promise<void> {
  const dir = await pickRun(context, 'Open a training run', clicked);
  if (!dir || !checkRunDir(dir)) return;
  const live = [...TrainingSession.active].find((s) => s.runDir === dir);
  if (live) return void vscode.window.showInformationMessage(`Reflection Lens: ${basename(dir)} is running; its panel shows it live.`);
  const { records, bad, status, config } = await requestServer(readRunRequest, { dir });
  const panel = TrainingSession.newPanel(context);
  panel.showRun({
    runDir: dir,
    name: basename(dir),
    policy: String(config.policy ?? 'unknown'),
    steps: Number(config.steps ?? records.length),
    live: false,
  });
  panel.addMetrics(records);
  panel.setState(
    status?.state === 'running' ? 'stopped' : (status?.state ?? 'stopped'),
    bad.length ? `${bad.length} unreadable metrics line(s) skipped (first: line ${bad[0].line}, ${bad[0].reason})` : undefined,
  );
}

export function registerTraining(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('reflectionLens.runGrpo', (args?: unknown) => runGrpo(context, args)),
    vscode.commands.registerCommand('reflectionLens.stopTraining', () => {
      if (TrainingSession.active.size === 0) return void vscode.window.showInformationMessage('Reflection Lens: no training is running.');
      for (const s of TrainingSession.active) s.stop();
    }),
    vscode.commands.registerCommand('reflectionLens.resumeTraining', (clicked?: unknown) => resumeTraining(context, clicked)),
    vscode.commands.registerCommand('reflectionLens.openRun', (clicked?: unknown, selected?: unknown) =>
      openRuns(context, clicked, selected),
    ),
    {
      dispose: () => {
        for (const s of TrainingSession.active) s.stop();
      },
    },
  );
}
