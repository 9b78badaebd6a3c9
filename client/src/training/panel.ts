// The training webview panel: hosts media/training (dist/media/training.js) and forwards a run's
// metrics to it; replays what it kept when the view (re)loads.
import * as vscode from 'vscode';
import { makeNonce } from '../../../protocol/pages/csp.js';
import { trainingPageHtml } from '../../../protocol/pages/trainingPage.js';
import { StridedSeries } from '../../../protocol/webview/stridedSeries.js';
import type { HostToView, MetricsRecord, RunInfo, RunState, ViewToHost } from '../../../protocol/webview/training.js';

/**
 * Metrics lines kept for a reload of the view: evenly strided over the run, the latest exact.
 * The view draws at most 2,000 points per series anyway, and keeping every line of a
 * million-step ds3 run would hold about 0.8 GB in the extension host (841 bytes per parsed line).
 */
const REPLAYED_LINES = 4000;

export class TrainingPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private run: RunInfo | undefined;
  private records = new StridedSeries<MetricsRecord>(REPLAYED_LINES);
  private state: { state: RunState; message?: string; resumable?: boolean } | undefined;
  private ready = false;
  private disposed = false;

  constructor(
    context: vscode.ExtensionContext,
    title: string,
    private readonly onRequest: (m: ViewToHost) => void,
    column: vscode.ViewColumn = vscode.ViewColumn.Beside,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'dist', 'media');
    this.panel = vscode.window.createWebviewPanel('reflectionLens.training', title, column, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [media],
    });
    const webview = this.panel.webview;
    webview.html = trainingPageHtml({
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      scriptSrc: webview.asWebviewUri(vscode.Uri.joinPath(media, 'training.js')).toString(),
      title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        const type = (m as { type?: unknown })?.type;
        if (type === 'ready') {
          this.ready = true;
          this.replay();
        } else if (type === 'stop' || type === 'resume') this.onRequest({ type });
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The run the panel shows. */
  get runDir(): string | undefined {
    return this.run?.runDir;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The editor column the panel is in (undefined once closed). */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.disposed ? undefined : this.panel.viewColumn;
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  showRun(run: RunInfo): void {
    this.run = run;
    this.records.clear();
    this.state = undefined;
    this.panel.title = `Training: ${run.name}`;
    this.post({ type: 'run', run });
  }

  addMetrics(records: MetricsRecord[]): void {
    for (const r of records) this.records.add(r);
    this.post({ type: 'metrics', records });
  }

  setState(state: RunState, message?: string, resumable?: boolean): void {
    // A run that never started (a config the trainer refused) has no run to show: the title says so.
    if (!this.run && state === 'failed') this.panel.title = 'Training: failed to start';
    this.state = { state, message, ...(resumable === undefined ? {} : { resumable }) };
    this.post({ type: 'state', ...this.state });
  }

  log(message: string): void {
    this.post({ type: 'log', message });
  }

  private replay(): void {
    // The state also without a run: a trainer that fails before its first event (a bad config)
    // usually does so before the view is ready, and the view must not wait for a run forever.
    if (this.run) {
      this.post({ type: 'run', run: this.run });
      if (this.records.points.length) this.post({ type: 'metrics', records: this.records.points });
    }
    if (this.state) this.post({ type: 'state', ...this.state });
  }

  private post(m: HostToView): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
