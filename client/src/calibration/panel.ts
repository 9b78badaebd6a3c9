// The calibration webview panel: shows the view bundle, asks the language server for the
// numbers (with a progress notification that can cancel), re-asks when trace files change, and
// answers the view's requests (save an export, open the traces behind a point). A selection of
// verl rollout directories is followed live instead: the server pushes one summary per step as
// the job writes it (each step file read once), and the panel merges them.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import { statSync } from 'node:fs';
import { isTraceFilter, parseGrouping, walkSkipsPath, type CalibrateParams } from '../../../protocol/calibration.js';
import {
  calibrateRequest,
  followRolloutsRequest,
  rolloutFollowEndedNotification,
  rolloutStepNotification,
  unfollowRolloutsRequest,
} from '../../../protocol/methods.js';
import { calibrationPageHtml } from '../../../protocol/pages/calibrationPage.js';
import { makeNonce } from '../../../protocol/pages/csp.js';
import { endsWithNewline, isRolloutDir, rolloutRunName, type FollowRolloutsParams } from '../../../protocol/rollouts.js';
import type { HostToView, ResultMeta, ViewToHost } from '../../../protocol/webview/calibration.js';
import { runningClient } from '../languageClient.js';
import { LiveCalibration } from './liveResult.js';
import { openTraces } from './openTraces.js';
import { saveExport } from './saveExport.js';

/** What to calibrate: every .trace file of the workspace, or what the user selected in the explorer. */
export type CalibrationSource = { kind: 'workspace' } | { kind: 'selection'; uris: vscode.Uri[] };

/** Calibration settings the server reads itself (they are not sent with the request). */
const TRUNCATION_SETTINGS = ['reflectionLens.includeTruncated', 'reflectionLens.tokenLimit'];

/** What the workspace search leaves out before the walk's own check (fewer files listed). */
const WORKSPACE_EXCLUDE = '{**/node_modules/**,**/.*/**}';

/** Whether the workspace view reads `uri`: not under a hidden folder or node_modules of its workspace folder (walkSkipsPath). */
function inWorkspaceWalk(uri: vscode.Uri): boolean {
  return !walkSkipsPath(vscode.workspace.asRelativePath(uri, false));
}

function sourceLabel(source: CalibrationSource): string {
  if (source.kind === 'workspace') return 'workspace';
  const [first] = source.uris;
  return source.uris.length === 1 && first ? vscode.workspace.asRelativePath(first) : `${source.uris.length} selected items`;
}

/** The selected folders when every selected item is a local verl rollout directory (`{step}.jsonl` files). */
function rolloutDirsOf(source: CalibrationSource): vscode.Uri[] {
  if (source.kind !== 'selection') return [];
  return source.uris.every((u) => u.scheme === 'file' && isRolloutDir(u.fsPath)) ? source.uris : [];
}

function isMidWrite(path: string): boolean {
  try {
    const { size } = statSync(path);
    return size > 0 && !endsWithNewline(path, size);
  } catch {
    return false; // deleted: the refresh drops it
  }
}

/** A live subscription set: the server's subscription ids and the result merged from their steps. */
interface Following {
  client: LanguageClient;
  ids: Set<string>;
  result: LiveCalibration;
  listeners: vscode.Disposable[];
  postTimer?: ReturnType<typeof setTimeout>;
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
      if (['png', 'csv', 'json'].includes(msg.kind as string) && typeof msg.name === 'string' && typeof msg.data === 'string')
        return msg as ViewToHost;
      return undefined;
    case 'openTraces': {
      const q = msg.query as Record<string, unknown> | undefined;
      if (
        q &&
        typeof q.model === 'string' &&
        typeof q.task === 'string' &&
        isTraceFilter(q.filter) &&
        (q.step === undefined || typeof q.step === 'number')
      )
        return msg as ViewToHost;
      return undefined;
    }
    default:
      return undefined;
  }
}

export class CalibrationPanel implements vscode.Disposable {
  private static current: CalibrationPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private last: HostToView | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private settingsTimer: ReturnType<typeof setTimeout> | undefined;
  /** Changed verl step files (`{step}.jsonl`) not yet calibrated: a refresh waits while one is mid-write. */
  private readonly changedStepFiles = new Set<string>();
  private requests = 0;
  private following: Following | undefined;

  /** Shows the panel for `source` (reusing the open one) and calibrates. */
  static show(context: vscode.ExtensionContext, source: CalibrationSource, getClient: () => LanguageClient | undefined): void {
    const existing = CalibrationPanel.current;
    if (existing) {
      existing.source = source;
      existing.panel.reveal(undefined, false);
      void existing.start();
      return;
    }
    CalibrationPanel.current = new CalibrationPanel(context, source, getClient);
    void CalibrationPanel.current.start();
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    context: vscode.ExtensionContext,
    private source: CalibrationSource,
    private readonly getClient: () => LanguageClient | undefined,
  ) {
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
    const changed = (uri: vscode.Uri) => {
      if (this.following || !this.covers(uri)) return;
      if (uri.scheme === 'file' && rolloutRunName(uri.path) !== undefined) this.changedStepFiles.add(uri.fsPath);
      this.scheduleRefresh();
    };
    this.disposables.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    // Which cut-off records count is read by the server for each calibration: a change recalibrates
    // (a followed run starts over). After a pause, so the language client has told the server first.
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!TRUNCATION_SETTINGS.some((k) => e.affectsConfiguration(k))) return;
        if (this.settingsTimer) clearTimeout(this.settingsTimer);
        this.settingsTimer = setTimeout(() => {
          this.settingsTimer = undefined;
          if (this.following) void this.start();
          else void this.calibrate(false);
        }, 750);
      }),
    );
  }

  private covers(uri: vscode.Uri): boolean {
    if (this.source.kind === 'workspace')
      return (uri.path.endsWith('.trace') || rolloutRunName(uri.path) !== undefined) && inWorkspaceWalk(uri);
    return this.source.uris.some(
      (u) => uri.toString() === u.toString() || uri.path.startsWith(u.path.endsWith('/') ? u.path : `${u.path}/`),
    );
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    // A burst of writes (a training run dumping rollouts) triggers one calibration.
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      // verl writes a step file in place: one without its final newline is still being written
      // and would be read now and again when complete. Its next change event brings the refresh.
      if ([...this.changedStepFiles].some((p) => isMidWrite(p))) return;
      this.changedStepFiles.clear();
      void this.calibrate(false);
    }, 750);
  }

  private post(m: HostToView): void {
    if (m.type !== 'progress') this.last = m;
    void this.panel.webview.postMessage(m);
  }

  private async params(): Promise<Omit<CalibrateParams, 'workDoneToken'>> {
    const cfg = vscode.workspace.getConfiguration('reflectionLens');
    // The workspace: .trace files, and the .jsonl files that are verl step dumps (`{step}.jsonl`);
    // other .jsonl files are datasets or logs as often as traces, so they are calibrated only on request.
    // Hidden folders (`.reflection-lens/runs`, the training runs: calibrate those from the run or
    // their rollouts folder) and node_modules are skipped as `reflection-lens calibrate DIR` skips them.
    const uris =
      this.source.kind === 'workspace'
        ? [
            ...(await vscode.workspace.findFiles('**/*.trace', WORKSPACE_EXCLUDE)),
            ...(await vscode.workspace.findFiles('**/*.jsonl', WORKSPACE_EXCLUDE)).filter((u) => rolloutRunName(u.path) !== undefined),
          ]
            .filter((u) => inWorkspaceWalk(u))
            .map((u) => u.toString())
        : this.source.uris.map((u) => u.toString());
    return {
      uris,
      bootstrap: cfg.get<number>('calibration.bootstrap', 1000),
      seed: cfg.get<number>('calibration.seed', 1),
      horizon: cfg.get<number>('calibration.horizon', 4),
      by: parseGrouping(cfg.get<string>('calibration.by', 'auto')) ?? 'auto',
      markers: cfg.get<string[]>('markers'),
      answerPatterns: cfg.get<string[]>('answerPatterns'),
      reader: cfg.get<'rules' | 'learned'>('reader'),
    };
  }

  /** Follows the source live when it is a set of verl rollout directories, else calibrates it once. */
  private async start(): Promise<void> {
    await this.stopFollowing();
    const dirs = rolloutDirsOf(this.source);
    if (dirs.length > 0) await this.follow(dirs);
    else await this.calibrate(true);
  }

  private async follow(dirs: vscode.Uri[]): Promise<void> {
    const client = await runningClient(this.getClient);
    if (!client) {
      this.post({
        type: 'error',
        message:
          'The Reflection Lens language server is not running, so the rollouts cannot be followed. See the "Reflection Lens" output channel.',
      });
      return;
    }
    const base = await this.params();
    const source = sourceLabel(this.source);
    const f: Following = { client, ids: new Set(), result: new LiveCalibration({ B: base.bootstrap, seed: base.seed }), listeners: [] };
    this.following = f;
    this.panel.title = `Calibration — following ${dirs.map((d) => d.path.split('/').pop()).join(', ')} (live)`;
    this.post({ type: 'progress', message: `Following ${source} live: waiting for the first step file…` });
    f.listeners.push(
      client.onNotification(rolloutStepNotification, (p) => {
        if (this.following !== f || !f.ids.has(p.id)) return;
        f.result.apply(p.summary, p.reads);
        // A job catching up (many steps already there) sends a burst: one render per 250 ms.
        f.postTimer ??= setTimeout(() => {
          f.postTimer = undefined;
          if (this.following !== f) return;
          const live = f.result.meta();
          this.post({ type: 'result', result: f.result.result(), meta: { files: live.files, filesRead: live.reads, source, live } });
        }, 250);
      }),
      client.onNotification(rolloutFollowEndedNotification, (p) => {
        if (this.following === f && f.ids.has(p.id)) this.post({ type: 'error', message: `Following the rollouts stopped: ${p.error}` });
      }),
    );
    try {
      for (const dir of dirs) {
        const params: FollowRolloutsParams = {
          dir: dir.toString(),
          bootstrap: base.bootstrap,
          seed: base.seed,
          horizon: base.horizon,
          markers: base.markers,
          answerPatterns: base.answerPatterns,
          reader: base.reader,
          partialEveryMs: 1000,
        };
        const { id } = await client.sendRequest(followRolloutsRequest, params);
        if (this.following === f) f.ids.add(id);
        else void client.sendRequest(unfollowRolloutsRequest, { id }).catch(() => undefined);
      }
    } catch (e) {
      this.post({ type: 'error', message: (e as Error)?.message ?? String(e) });
    }
  }

  /** Ends the live subscriptions (closing the panel, another source, Refresh). */
  private async stopFollowing(): Promise<void> {
    const f = this.following;
    if (!f) return;
    this.following = undefined;
    if (f.postTimer) clearTimeout(f.postTimer);
    for (const l of f.listeners) l.dispose();
    if (!this.disposed) this.panel.title = 'Calibration';
    await Promise.all([...f.ids].map((id) => f.client.sendRequest(unfollowRolloutsRequest, { id }).catch(() => undefined)));
  }

  /** Asks the server; `explicit` runs show a cancellable notification, refreshes on file changes only the status bar. */
  private async calibrate(explicit: boolean): Promise<void> {
    const client = await runningClient(this.getClient);
    if (!client) {
      this.post({
        type: 'error',
        message:
          'The Reflection Lens language server is not running, so the traces cannot be calibrated. Open a .trace file to start it, or see the "Reflection Lens" output channel.',
      });
      return;
    }
    this.running?.cancel();
    const own = new vscode.CancellationTokenSource();
    this.running = own;
    const params = await this.params();
    const source = sourceLabel(this.source);
    const location = explicit ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
    await vscode.window.withProgress(
      { location, title: 'Reflection Lens: calibrating', cancellable: explicit },
      async (progress, token) => {
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
          const res = await client.sendRequest(calibrateRequest, { ...params, workDoneToken }, own.token);
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
      },
    );
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parseMessage(raw);
    if (!m) return;
    try {
      if (m.type === 'ready') {
        if (this.last) void this.panel.webview.postMessage(this.last);
      } else if (m.type === 'refresh') await this.start();
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

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (CalibrationPanel.current === this) CalibrationPanel.current = undefined;
    void this.stopFollowing();
    this.running?.cancel();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.settingsTimer) clearTimeout(this.settingsTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
