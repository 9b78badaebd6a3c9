// The calibration webview panel: shows the view bundle, asks the language server for the
// numbers (with a progress notification that can cancel), re-asks when trace files change, and
// answers the view's requests (save an export, open the traces behind a point).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State, WorkDoneProgress } from 'vscode-languageclient/node';
import { calibrationPageHtml } from '../../../media/calibration/page.js';
import type { HostToView, ResultMeta, ViewToHost } from '../../../media/calibration/messages.js';
import { makeNonce } from '../../../media/shared/csp.js';
import {
  CALIBRATE_METHOD,
  type CalibrateParams,
  type CalibrateResponse,
  type TraceFilter,
} from '../../../server/src/lsp/calibrationProtocol.js';
import { openTraces } from './openTraces.js';
import { saveExport } from './saveExport.js';

/** What to calibrate: every .trace file of the workspace, or what the user selected in the explorer. */
export type CalibrationSource = { kind: 'workspace' } | { kind: 'selection'; uris: vscode.Uri[] };

const FILTERS: readonly TraceFilter[] = ['all', 'firstWrong', 'abandonedCorrect', 'missedCorrection', 'finalWrong', 'TT', 'TF', 'FT', 'FFecho', 'FFnew'];

function sourceLabel(source: CalibrationSource): string {
  if (source.kind === 'workspace') return 'workspace';
  const [first] = source.uris;
  return source.uris.length === 1 && first ? vscode.workspace.asRelativePath(first) : `${source.uris.length} selected items`;
}

/** Accepts only well-formed messages: the page is ours, but its data comes from trace files. */
function parseMessage(m: unknown): ViewToHost | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const msg = m as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
    case 'refresh':
      return { type: msg.type };
    case 'save':
      if (['png', 'csv', 'json'].includes(msg.kind as string) && typeof msg.name === 'string' && typeof msg.data === 'string') return msg as ViewToHost;
      return undefined;
    case 'openTraces': {
      const q = msg.query as Record<string, unknown> | undefined;
      if (q && typeof q.model === 'string' && typeof q.task === 'string' && FILTERS.includes(q.filter as TraceFilter)
        && (q.step === undefined || typeof q.step === 'number')) return msg as ViewToHost;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The language client once it runs; waits while it is still starting (the command may come first). */
async function runningClient(getClient: () => LanguageClient | undefined): Promise<LanguageClient | undefined> {
  const client = getClient();
  if (!client || client.isRunning()) return client;
  if (client.state !== State.Starting) return undefined;
  await new Promise<void>((resolve) => {
    const sub = client.onDidChangeState((e) => { if (e.newState !== State.Starting) { sub.dispose(); resolve(); } });
  });
  return client.isRunning() ? client : undefined;
}

export class CalibrationPanel implements vscode.Disposable {
  private static current: CalibrationPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private last: HostToView | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private requests = 0;

  /** Shows the panel for `source` (reusing the open one) and calibrates. */
  static show(context: vscode.ExtensionContext, source: CalibrationSource, getClient: () => LanguageClient | undefined): void {
    const existing = CalibrationPanel.current;
    if (existing) {
      existing.source = source;
      existing.panel.reveal(undefined, false);
      void existing.calibrate(true);
      return;
    }
    CalibrationPanel.current = new CalibrationPanel(context, source, getClient);
    void CalibrationPanel.current.calibrate(true);
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(context: vscode.ExtensionContext, private source: CalibrationSource, private readonly getClient: () => LanguageClient | undefined) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'dist', 'media');
    this.panel = vscode.window.createWebviewPanel('reflectionLens.calibration', 'Calibration', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    const webview = this.panel.webview;
    webview.html = calibrationPageHtml({
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      script: { src: webview.asWebviewUri(vscode.Uri.joinPath(media, 'calibration.js')).toString() },
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m) => this.onMessage(m)),
      this.panel.onDidDispose(() => this.dispose()),
    );
    // Trace files changed on disk: calibrate again; the server re-reads only the changed files.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{trace,jsonl}');
    const changed = (uri: vscode.Uri) => { if (this.covers(uri)) this.scheduleRefresh(); };
    this.disposables.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }

  private covers(uri: vscode.Uri): boolean {
    if (this.source.kind === 'workspace') return uri.path.endsWith('.trace');
    return this.source.uris.some((u) => uri.toString() === u.toString() || uri.path.startsWith(u.path.endsWith('/') ? u.path : `${u.path}/`));
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    // A burst of writes (a training run dumping rollouts) triggers one calibration.
    this.refreshTimer = setTimeout(() => { this.refreshTimer = undefined; void this.calibrate(false); }, 750);
  }

  private post(m: HostToView): void {
    if (m.type !== 'progress') this.last = m;
    void this.panel.webview.postMessage(m);
  }

  private async params(): Promise<Omit<CalibrateParams, 'workDoneToken'>> {
    const cfg = vscode.workspace.getConfiguration('reflectionLens');
    const uris = this.source.kind === 'workspace'
      ? (await vscode.workspace.findFiles('**/*.trace', '**/node_modules/**')).map((u) => u.toString())
      : this.source.uris.map((u) => u.toString());
    return {
      uris,
      bootstrap: cfg.get<number>('calibration.bootstrap', 1000),
      seed: cfg.get<number>('calibration.seed', 1),
      horizon: cfg.get<number>('calibration.horizon', 4),
      by: cfg.get<'auto' | 'task' | 'step'>('calibration.by', 'auto'),
      markers: cfg.get<string[]>('markers'),
      answerPatterns: cfg.get<string[]>('answerPatterns'),
    };
  }

  /** Asks the server; `explicit` runs show a cancellable notification, refreshes on file changes only the status bar. */
  private async calibrate(explicit: boolean): Promise<void> {
    const client = await runningClient(this.getClient);
    if (!client) {
      this.post({ type: 'error', message: 'The Reflection Lens language server is not running, so the traces cannot be calibrated. Open a .trace file to start it, or see the "Reflection Lens" output channel.' });
      return;
    }
    this.running?.cancel();
    const own = new vscode.CancellationTokenSource();
    this.running = own;
    const params = await this.params();
    const source = sourceLabel(this.source);
    const location = explicit ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
    await vscode.window.withProgress({ location, title: 'Reflection Lens: calibrating', cancellable: explicit }, async (progress, token) => {
      token.onCancellationRequested(() => own.cancel());
      const workDoneToken = `reflectionLens/calibrate/${++this.requests}`;
      let shown = 0;
      const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        if (v.kind === 'end') return;
        const pct = v.percentage ?? shown;
        progress.report({ message: v.message, increment: Math.max(0, pct - shown) });
        shown = Math.max(shown, pct);
        if (v.message) this.post({ type: 'progress', message: `Calibrating: ${v.message}` });
      });
      try {
        const res = await client.sendRequest<CalibrateResponse>(CALIBRATE_METHOD, { ...params, workDoneToken }, own.token);
        const meta: ResultMeta = { files: res.files, filesRead: res.filesRead, source };
        this.post({ type: 'result', result: res.result, meta });
      } catch (e) {
        if (own.token.isCancellationRequested) {
          if (this.running === own) this.post({ type: 'progress', message: 'Calibration cancelled.' });
        } else this.post({ type: 'error', message: (e as Error)?.message ?? String(e) });
      } finally {
        listening.dispose();
        if (this.running === own) this.running = undefined;
        own.dispose();
      }
    });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parseMessage(raw);
    if (!m) return;
    try {
      if (m.type === 'ready') {
        if (this.last) void this.panel.webview.postMessage(this.last);
      } else if (m.type === 'refresh') await this.calibrate(true);
      else if (m.type === 'save') {
        const saved = await saveExport(m.kind, m.name, m.data);
        if (saved) void vscode.window.showInformationMessage(`Reflection Lens: saved ${vscode.workspace.asRelativePath(saved)}`);
      } else if (m.type === 'openTraces') {
        const client = await runningClient(this.getClient);
        if (!client) throw new Error('the language server is not running');
        await openTraces(client, await this.params(), m.query);
      }
    } catch (e) {
      void vscode.window.showErrorMessage(`Reflection Lens: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  dispose(): void {
    if (CalibrationPanel.current === this) CalibrationPanel.current = undefined;
    this.running?.cancel();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
