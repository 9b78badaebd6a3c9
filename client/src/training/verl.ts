// "Run GRPO" -> "on verl": the same experiment at scale. Picks (or creates) an export folder
// (dataset parquet, reward function, verl-config.json), then runs the launch command built from
// that config in a VS Code terminal, on this machine or through `ray job submit`, and offers the
// calibration view on the rollout folder verl dumps into. The command itself is built by the
// engine (server/src/training/verl), asked through the language server (reflectionLens/verlLaunch),
// so the CLI, the scripts and this client run the same thing. The export itself (Parquet
// writing, 0.3-0.7 s) runs in the bundled CLI as a child process, so the extension host never
// blocks on it.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verlLaunchRequest } from '../../../protocol/methods.js';
import { VERL_TEST_TASKS, VERL_TRAIN_TASKS } from '../../../protocol/runDefaults.js';
import type { VerlLaunchMode as LaunchMode } from '../../../protocol/runs.js';
import { bundledCli } from '../bundledCli.js';
import { runCli } from '../cliProcess.js';
import { requestServer } from '../languageClient.js';

export interface VerlRunPreset {
  /** Folder with (or for) the export; skips the folder question. */
  exportDir?: string;
  /** Skips the local / Ray question. */
  mode?: LaunchMode;
  /** Ray dashboard address; default: the config's `rayAddress`. */
  rayAddress?: string;
}

const CONFIG = 'verl-config.json';

async function pickExportDir(): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const existing = await vscode.workspace.findFiles(`**/${CONFIG}`, '**/node_modules/**', 20);
  type Item = vscode.QuickPickItem & { dir?: string; create?: boolean };
  const items: Item[] = [
    ...existing.map((u) => ({
      label: `$(folder) ${vscode.workspace.asRelativePath(vscode.Uri.joinPath(u, '..'))}`,
      description: 'existing export (its verl-config.json as edited)',
      dir: vscode.Uri.joinPath(u, '..').fsPath,
    })),
    {
      label: '$(add) New export of the multiplication task...',
      description: `train ${VERL_TRAIN_TASKS.join(', ')}; test ${VERL_TEST_TASKS.join(', ')}`,
      create: true,
    },
  ];
  const picked =
    items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Run GRPO on verl: which dataset and config?' });
  if (!picked) return undefined;
  if (picked.dir) return picked.dir;
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Export here',
    defaultUri: folder?.uri,
    title: 'Folder for the verl export (dataset, reward function, launch config)',
  });
  return chosen?.[0]?.fsPath;
}

async function pickMode(rayAddress: string): Promise<{ mode: LaunchMode; address: string } | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: '$(terminal) On this machine',
        description: 'python3 -m verl.trainer.main_ppo (verl and GPUs here)',
        mode: 'local' as const,
      },
      {
        label: '$(cloud-upload) On a Ray cluster',
        description: 'ray job submit --address ... -- python3 -m verl.trainer.main_ppo',
        mode: 'ray' as const,
      },
    ],
    { title: 'Run GRPO on verl: where?' },
  );
  if (!picked) return undefined;
  if (picked.mode === 'local') return { mode: 'local', address: rayAddress };
  const address = await vscode.window.showInputBox({
    title: 'Ray dashboard address',
    value: rayAddress,
    prompt: "The job's trainer.rollout_data_dir must be on a file system this editor can read to watch the run live.",
  });
  return address ? { mode: 'ray', address } : undefined;
}

/**
 * Runs the verl launch of an export folder in a terminal, creating the export first when the
 * folder has none. Resolves to the command line sent to the terminal (undefined when cancelled).
 */
export async function runOnVerl(context: vscode.ExtensionContext, preset: VerlRunPreset = {}): Promise<string | undefined> {
  try {
    const dir = preset.exportDir ?? (await pickExportDir());
    if (!dir) return undefined;
    const configPath = join(dir, CONFIG);
    if (!existsSync(configPath)) {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Reflection Lens: exporting the multiplication task for verl',
          cancellable: true,
        },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          // The CLI's defaults are the editor's: VERL_TRAIN_TASKS / VERL_TEST_TASKS, 20,000 problems, seed 1.
          return runCli(bundledCli(context), ['verl', 'export', '--out', dir, '--json'], () => undefined, abort.signal);
        },
      );
      if (result.cancelled) return undefined;
      if (result.code !== 0) throw new Error(result.stderr.trim().split('\n').slice(-3).join(' ') || `export exited with ${result.code}`);
    }
    // Read first (no mode): a broken verl-config.json is reported before any question.
    const config = await requestServer(verlLaunchRequest, { dir });
    const where = preset.mode ? { mode: preset.mode, address: preset.rayAddress ?? config.rayAddress } : await pickMode(config.rayAddress);
    if (!where) return undefined;
    const { command, rollouts } = await requestServer(verlLaunchRequest, { dir, mode: where.mode, rayAddress: where.address });
    const terminal = vscode.window.createTerminal({ name: `verl GRPO (${where.mode === 'ray' ? 'Ray' : 'local'})`, cwd: dir });
    terminal.show();
    terminal.sendText(command);
    const open = 'Show Calibration of the Rollouts';
    const edit = 'Edit verl-config.json';
    // Not awaited: the run is started whether or not the message is ever answered.
    void vscode.window
      .showInformationMessage(`verl is starting in the terminal. Its rollouts land in ${rollouts}, one file per step.`, open, edit)
      .then(async (choice) => {
        if (choice === open) await vscode.commands.executeCommand('reflectionLens.showCalibration', vscode.Uri.file(rollouts));
        else if (choice === edit) await vscode.window.showTextDocument(vscode.Uri.file(configPath));
      });
    return command;
  } catch (err) {
    void vscode.window.showErrorMessage(`Reflection Lens: verl: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
