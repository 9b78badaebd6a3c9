// A real LSP client for the protocol tests and the benchmark: spawns `node dist/server.js --stdio`
// and speaks JSON-RPC to it (vscode-languageserver-protocol), answering workspace/configuration
// from a settings object the test can change.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export type Settings = Record<string, unknown>;

export class LspSession {
  readonly conn: ProtocolConnection;
  readonly child: ChildProcessWithoutNullStreams;
  /** What the server answers for section `reflectionLens`, per scopeUri (or '*' for any). */
  settings: Map<string, Settings> = new Map([['*', {}]]);
  readonly configRequests: { scopeUri?: string; section?: string }[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** Diagnostics notifications received per document. */
  readonly published = new Map<string, number>();
  private readonly waiters: {
    uri: string;
    pred: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  /** window/showMessage notifications received (what a user is shown). */
  readonly messages: { type: number; message: string }[] = [];
  stderr = '';
  exited = false;

  constructor(serverPath = 'dist/server.js') {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.on('exit', () => (this.exited = true));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => {
        this.configRequests.push(item);
        return item.section === 'reflectionLens' ? (this.settings.get(item.scopeUri ?? '') ?? this.settings.get('*')) : null;
      }),
    );
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      this.published.set(p.uri, (this.published.get(p.uri) ?? 0) + 1);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && w.pred(p)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    // Server-side logs are not the subject of these tests; window messages are kept for those that check them.
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', (p: { type: number; message: string }) => void this.messages.push(p));
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.onRequest('workspace/semanticTokens/refresh', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.listen();
  }

  /** The client's initialize request: VS Code's capabilities, or `capabilities` (a client of another editor) in their place. */
  async initialize(init: { capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: init.capabilities ?? {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: false },
          semanticTokens: { refreshSupport: true },
          inlayHint: { refreshSupport: true },
        },
        textDocument: {
          synchronization: { didSave: false },
          semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } } },
        },
      },
      initializationOptions: init.initializationOptions,
      workspaceFolders: null,
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (or the latest ones already received). */
  diagnostics(
    uri: string,
    pred: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 30000,
  ): Promise<PublishDiagnosticsParams> {
    const have = this.latest.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`)),
        timeoutMs,
      );
      this.waiters.push({ uri, pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** Diagnostics published for `version` of the document. */
  diagnosticsFor(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.diagnostics(uri, (p) => p.version === version, timeoutMs).then((p) => p.diagnostics);
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'trace', version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  changeSettings(settings: Settings): Promise<void> {
    this.settings.set('*', settings);
    return this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async close(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
        await this.conn.sendNotification(ExitNotification.type);
      } catch {
        // Already gone: nothing to shut down.
      }
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => (this.child.kill(), resolve()), 3000);
      this.child.once('exit', () => (clearTimeout(t), resolve()));
    });
    this.conn.dispose();
  }
}

/** Decodes LSP relative semantic tokens into absolute [line, char, length, type, modifiers[]]. */
export function decodeTokens(
  data: number[],
  types: string[],
  modifiers: string[],
): { line: number; char: number; length: number; type: string; mods: string[] }[] {
  const out = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = modifiers.filter((_, k) => (data[i + 4] >> k) & 1);
    out.push({ line, char, length: data[i + 2], type: types[data[i + 3]], mods });
  }
  return out;
}
