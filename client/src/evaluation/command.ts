// "Reflection Lens: Evaluate Reading Against Gold Labels": the engine's reading of the labelled
// records against their gold labels (NAME.trace.gold.jsonl beside the trace, written by the
// labelling code actions), in the editor. Runs the bundled CLI (`eval-segmentation FILES... --json
// --all`) as a child process under a cancellable notification and shows the result in one webview
// panel, refreshed on each run; a disagreement's row opens the trace at its place. The pure part
// (CLI call, stderr, JSON, HTML) is report.ts.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { makeNonce } from '../../../protocol/pages/csp.js';
import { bundledCli } from '../bundledCli.js';
import { runCli } from '../cliProcess.js';
import { readingSettings } from '../readingSettings.js';
import {
  evaluationArgs,
  evaluationPage,
  GOLD_SUFFIX,
  jsonlRecordLine,
  parseCliMessages,
  parseEvaluationProgress,
  parseOpenMessage,
  readEvaluation,
  readingLines,
  refusedPatterns,
  traceOfGold,
  type Target,
  type Truncation,
} from './report.js';

/** What the command returns (for tests and keybindings): the files read and the records labelled, or undefined when nothing ran. */
export interface EvaluationRun {
  files: string[];
  records: number | null;
  disagreements: number;
  warnings: number;
}

export function registerEvaluateReading(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    // From the palette (the active trace, else the workspace's labelled traces), the explorer (the
    // clicked trace or gold file), or with `{files: [paths]}` (tests, keybindings).
    vscode.commands.registerCommand('reflectionLens.evaluateReading', async (given?: unknown) => {
      try {
        return await evaluate(context, given);
      } catch (err) {
        void vscode.window.showErrorMessage(`Reflection Lens: the evaluation failed: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }),
  );
}

/** A local trace (.trace or .jsonl, not a gold file) with its gold file beside it, as the trace's path. */
function labelledTrace(uri: vscode.Uri | undefined): string | undefined {
  if (!uri || uri.scheme !== 'file') return undefined;
  const path = uri.fsPath;
  const trace = path.endsWith(GOLD_SUFFIX) ? traceOfGold(path) : /\.(trace|jsonl)$/i.test(path) ? path : undefined;
  return trace && existsSync(trace) && existsSync(trace + GOLD_SUFFIX) ? trace : undefined;
}

/** Every trace of the workspace with a gold file beside it. */
async function workspaceLabelledTraces(): Promise<string[]> {
  const golds = await vscode.workspace.findFiles(`**/*${GOLD_SUFFIX}`, '**/node_modules/**');
  const traces = golds
    .filter((u) => u.scheme === 'file')
    .map((u) => traceOfGold(u.fsPath))
    .filter((t): t is string => t !== undefined && existsSync(t));
  return [...new Set(traces)].sort();
}

const HOW_TO_LABEL =
  'Reflection Lens: no gold labels to evaluate against. Label records with the code actions on a candidate answer in a .trace file ' +
  '(Ctrl+.: "answers the question here", "is not an answer", "mark as a candidate answer"): they write NAME.trace.gold.jsonl beside it.';

async function chooseTraces(given: unknown): Promise<string[] | undefined> {
  const asked = given && typeof given === 'object' && !(given instanceof vscode.Uri) ? (given as { files?: unknown }).files : undefined;
  if (Array.isArray(asked)) return asked.filter((f): f is string => typeof f === 'string');
  if (given instanceof vscode.Uri) {
    const trace = labelledTrace(given);
    if (!trace) {
      void vscode.window.showInformationMessage(`${HOW_TO_LABEL} (${basename(given.fsPath)} has no ${GOLD_SUFFIX} file beside it.)`);
      return undefined;
    }
    return [trace];
  }
  const active = labelledTrace(vscode.window.activeTextEditor?.document.uri);
  if (active) return [active];
  // Run again from the panel itself (no text editor is active then): the same traces.
  const again = EvaluationPanel.activeFiles();
  if (again) return again;
  const all = await workspaceLabelledTraces();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(HOW_TO_LABEL);
    return undefined;
  }
  if (all.length === 1) return all;
  // Several labelled traces: all of them by default (one pooled result), or fewer.
  const items = all.map((f) => ({ label: vscode.workspace.asRelativePath(f), picked: true, file: f }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: `Evaluate the reading on which labelled traces? (${all.length}; Enter: all, pooled)`,
    placeHolder: 'Traces with a .gold.jsonl file beside them',
  });
  if (!picked || picked.length === 0) return undefined;
  return picked.map((p) => p.file);
}

/** reflectionLens.includeTruncated and tokenLimit for the first file, as calibration reads them. */
function truncationSettings(file: string): Truncation {
  const cfg = vscode.workspace.getConfiguration('reflectionLens', vscode.Uri.file(file));
  return { includeTruncated: cfg.get<boolean>('includeTruncated', false), tokenLimit: cfg.get<number>('tokenLimit') };
}

/** The reading settings of the first file as CLI flags (files written to `dir()`, which the caller removes). */
function readerFlags(file: string, dir: () => string, withPatterns: boolean): string[] {
  const { markers, patterns, reader } = readingLines(readingSettings(vscode.Uri.file(file)));
  const flags: string[] = [];
  if (markers.length > 0) {
    const path = join(dir(), 'markers.txt');
    writeFileSync(path, `${markers.join('\n')}\n`);
    flags.push('--markers', path);
  }
  if (withPatterns && patterns.length > 0) {
    const path = join(dir(), 'patterns.txt');
    writeFileSync(path, `${patterns.join('\n')}\n`);
    flags.push('--answer-patterns', path);
  }
  if (reader) flags.push('--reader', reader);
  return flags;
}

async function evaluate(context: vscode.ExtensionContext, given: unknown): Promise<EvaluationRun | undefined> {
  const files = await chooseTraces(given);
  if (!files || files.length === 0) return undefined;
  let dir: string | undefined;
  const scratch = () => (dir ??= mkdtempSync(join(tmpdir(), 'rl-evaluate-reader-')));
  const name = files.length === 1 ? basename(files[0]) : `${files.length} traces`;
  let result;
  // All of stderr (runCli keeps a tail): every warning is shown, however many records are stale.
  let stderr = '';
  // Answer patterns the CLI refuses (one that could run for ever): evaluated without them, and said.
  let refused: string | undefined;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reflection Lens: evaluating the reading of ${name}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        progress.report({ message: 'reading the labelled records…' });
        const run = (withPatterns: boolean) => {
          stderr = '';
          return runCli(
            bundledCli(context),
            [...evaluationArgs(files, truncationSettings(files[0])), ...readerFlags(files[0], scratch, withPatterns)],
            (chunk) => {
              if (stderr.length < 4_000_000) stderr += chunk;
              const message = parseEvaluationProgress(chunk);
              if (message) progress.report({ message });
            },
            abort.signal,
          );
        };
        const first = await run(true);
        refused = refusedPatterns(first.code, first.stderr);
        return refused === undefined || first.cancelled ? first : run(false);
      },
    );
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  if (result.cancelled) {
    void vscode.window.showInformationMessage('Reflection Lens: evaluation cancelled.');
    return undefined;
  }
  const evaluation = readEvaluation(result.stdout);
  const { messages, other } = parseCliMessages(stderr);
  if (refused !== undefined) other.unshift(`reflectionLens.answerPatterns refused by the CLI, evaluated without them: ${refused}`);
  if (!evaluation) {
    const tail = result.stderr.trim().split('\n').slice(0, 3).join(' ');
    void vscode.window.showErrorMessage(`Reflection Lens: eval-segmentation failed: ${tail || `exit ${result.code}`}`);
    return undefined;
  }
  EvaluationPanel.show(context, {
    files,
    render: (nonce, cspSource) =>
      evaluationPage({
        nonce,
        cspSource,
        evaluation,
        files,
        messages,
        other,
        exitCode: result.code,
        label: (f) => vscode.workspace.asRelativePath(f),
      }),
  });
  return { files, records: evaluation.records, disagreements: evaluation.disagreements.length, warnings: messages.length + other.length };
}

interface Shown {
  files: string[];
  render: (nonce: string, cspSource: string) => { html: string; targets: Target[] };
}

/** One panel for every run: a new run refreshes it. */
class EvaluationPanel {
  private static current: EvaluationPanel | undefined;
  private targets: Target[] = [];
  private readonly panel: vscode.WebviewPanel;
  private files: string[] = [];

  /** The traces of the panel when it is the active editor tab. */
  static activeFiles(): string[] | undefined {
    const p = EvaluationPanel.current;
    return p?.panel.active ? p.files : undefined;
  }

  static show(context: vscode.ExtensionContext, shown: Shown): void {
    const panel = (EvaluationPanel.current ??= new EvaluationPanel(context));
    panel.update(shown);
    panel.panel.reveal(undefined, false);
  }

  private constructor(context: vscode.ExtensionContext) {
    this.panel = vscode.window.createWebviewPanel('reflectionLens.evaluation', 'Reading vs Gold Labels', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    const subs = [
      this.panel.webview.onDidReceiveMessage((m) => {
        const target = parseOpenMessage(m, this.targets);
        if (target) void openTarget(target, this.panel.viewColumn);
      }),
      this.panel.onDidDispose(() => {
        EvaluationPanel.current = undefined;
        for (const s of subs) s.dispose();
      }),
    ];
    context.subscriptions.push(this.panel);
  }

  private update(shown: Shown): void {
    const page = shown.render(makeNonce(), this.panel.webview.cspSource);
    this.targets = page.targets;
    this.files = shown.files;
    this.panel.title = `Reading vs Gold Labels: ${shown.files.length === 1 ? basename(shown.files[0]) : `${shown.files.length} traces`}`;
    this.panel.webview.html = page.html;
  }
}

/**
 * Opens a link's target: in the editor group that already shows the file (not the panel's), else
 * in the group beside the panel, so that rows clicked one after another open in one place.
 */
async function openTarget(t: Target, panelColumn: vscode.ViewColumn | undefined): Promise<void> {
  const uri = vscode.Uri.file(t.file);
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (err) {
    void vscode.window.showErrorMessage(`Reflection Lens: cannot open ${t.file}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  let at: vscode.Position;
  if ('line' in t) at = new vscode.Position(Math.max(0, t.line - 1), Math.max(0, t.column - 1));
  else {
    const line = jsonlRecordLine(doc.getText(), t.record);
    at = new vscode.Position(line ?? 0, 0);
    if (line === undefined)
      void vscode.window.showInformationMessage(
        `Reflection Lens: record ${t.record} not found in ${basename(t.file)}; offset ${t.offset} of its response.`,
      );
  }
  const showing = vscode.window.visibleTextEditors.find(
    (e) => e.document.uri.toString() === doc.uri.toString() && e.viewColumn !== undefined && e.viewColumn !== panelColumn,
  );
  const column = showing?.viewColumn ?? (panelColumn === undefined ? vscode.ViewColumn.Beside : Math.min(9, panelColumn + 1));
  const range = new vscode.Range(at, at);
  const editor = await vscode.window.showTextDocument(doc, { selection: range, preview: true, viewColumn: column });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
