// The Reflection Lens language server: `node dist/server.js --stdio` (or --node-ipc). Thin
// wiring of the per-feature modules over the pure engine. It never dies on input: every handler
// is guarded, and a record that fails to analyse only reports itself.
// First: V8's inlining budget, before the engine's code is compiled (trace/engineFlags.ts).
import '../trace/engineFlags.js';
import {
  createConnection,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  Message,
  type RequestMessage,
  type SemanticTokens,
} from 'vscode-languageserver/node';
import { LABEL_COMMAND, type LabelArgs, type LabelResult } from '../../../protocol/labels.js';
import { capDiagnostics } from './diagnosticCap.js';
import { exitOnStdioFramingError } from './framingGuard.js';
import { GoldFileError } from './goldStore.js';
import { goldTraceUri, sameFile } from './goldLabels.js';
import { asPlainHover } from './hover.js';
import { featuresOf, openDocument, type OpenDocument } from './openDocument.js';
import { TraceDocument } from './traceDocument.js';
import { registerCalibrationRequest } from './calibrationRequest.js';
import { registerRunRequests } from './runRequests.js';
import { documentStatsRequest, type DocumentStats } from '../../../protocol/methods.js';
import { registerRolloutFollow } from './rolloutFollow.js';
import { analysisQueue } from './analysisQueue.js';
import { analysisCount } from './recordAnalysis.js';
import { semanticTokensLegend } from './semanticTokens.js';
import { defaultSettings, summaryOptionsOf } from './settings.js';
import { WorkspaceSettings, type ResolvedSettings } from './workspaceSettings.js';

/**
 * LSP lifecycle, one guard for every request handler (here and in the modules that register
 * their own): a request before `initialize` is answered ServerNotInitialized (-32002), one after
 * `shutdown` (a second shutdown included) InvalidRequest (-32600). The refused request is
 * rerouted to LIFECYCLE_REFUSED, whose handler answers the error under the request's own id.
 */
const LIFECYCLE_REFUSED = '$/reflectionLens/lifecycleRefused';
const lifecycle = { initializeSeen: false, shutdownSeen: false };
const messageStrategy = {
  handleMessage(message: Message, next: (message: Message) => void): void {
    if (!Message.isRequest(message)) return next(message);
    const refuse = (code: number, why: string): void =>
      next({ ...message, method: LIFECYCLE_REFUSED, params: { code, why } } as RequestMessage);
    if (message.method === 'initialize') lifecycle.initializeSeen = true;
    else if (!lifecycle.initializeSeen)
      return refuse(ErrorCodes.ServerNotInitialized, `${message.method}: the server is not initialized yet`);
    if (lifecycle.shutdownSeen)
      return refuse(ErrorCodes.InvalidRequest, `${message.method}: the server is shut down (only exit is accepted)`);
    if (message.method === 'shutdown') lifecycle.shutdownSeen = true;
    next(message);
  },
};
const connection: Connection = createConnection(ProposedFeatures.all, { messageStrategy });
connection.onRequest(LIFECYCLE_REFUSED, (p: { code: number; why: string }) => {
  throw new ResponseError(p.code, p.why);
});
/** Characters above which opening a document publishes its syntax diagnostics before analysing it. */
const LARGE_DOCUMENT = 1_000_000;
/** Open documents: `.jsonl` rollout files and .trace files (openDocument.ts). */
const documents = new Map<string, OpenDocument>();
const settings = new WorkspaceSettings(connection);
/**
 * Server-side cost of the last change and of the diagnostics pass that followed, per document
 * (documentStats): wall milliseconds, and CPU milliseconds, which a busy machine inflates less.
 * Publishing is analysing and assembling the diagnostics (CPU includes requests answered between
 * analysis slices); the JSON-RPC writer serialises them afterwards.
 */
interface Timing {
  updateMs: number;
  updateCpuMs: number;
  publishMs: number;
  publishCpuMs: number;
}
const timings = new Map<string, Timing>();
const timingOf = (uri: string): Timing =>
  timings.get(uri) ?? (timings.set(uri, { updateMs: 0, updateCpuMs: 0, publishMs: 0, publishCpuMs: 0 }), timings.get(uri)!);
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Runs `fn`; returns its result with its wall and CPU milliseconds. */
function measure<T>(fn: () => T): [T, number, number] {
  const t0 = performance.now();
  const c0 = cpuMs();
  const value = fn();
  return [value, performance.now() - t0, cpuMs() - c0];
}

function report(where: string, e: unknown): void {
  connection.console.error(`reflection-lens: ${where} failed: ${(e as Error)?.stack ?? String(e)}`);
}

/** Runs a request handler for an open document; any failure is logged and answered with `fallback`. */
function withDocument<T>(where: string, uri: string, fallback: T, fn: (doc: OpenDocument, s: ResolvedSettings) => T): Promise<T> {
  const doc = documents.get(uri);
  if (!doc) return Promise.resolve(fallback);
  return settings.get(uri).then(
    (s) => {
      // The document may have changed, or closed, while the settings were being fetched.
      const current = documents.get(uri);
      if (!current) return fallback;
      try {
        return fn(current, s);
      } catch (e) {
        report(where, e);
        return fallback;
      }
    },
    (e) => {
      report(where, e);
      return fallback;
    },
  );
}

// Diagnostics are published once per burst of changes: edits that arrive together are applied
// first, then one set goes out for the latest version.
const pending = new Set<string>();
function schedulePublish(uri: string): void {
  if (pending.has(uri)) return;
  pending.add(uri);
  setImmediate(() => {
    pending.delete(uri);
    void publish(uri).catch((e) => report('diagnostics', e));
  });
}

/** Time slice of analysis between two looks at the message queue. */
const SLICE_MS = 15;

async function publish(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const s = await settings.get(uri);
  const t0 = performance.now();
  const c0 = cpuMs();
  // Records not analysed yet are analysed in slices, so hovers and other requests are answered
  // while a large file is analysed; a change (or close) meanwhile abandons this pass, since the
  // change has scheduled its own.
  const revision = doc.revision;
  const queue = analysisQueue(doc, s.settings, s.key);
  for (let more = true; more;) {
    const until = performance.now() + SLICE_MS;
    while ((more = queue.step()) && performance.now() < until);
    if (more) {
      await new Promise((resolve) => setImmediate(resolve));
      if (documents.get(uri) !== doc || doc.revision !== revision || !queue.current) return;
    }
  }
  const diagnostics = featuresOf(doc).diagnostics(s.settings, s.key, s.settings.maxDiagnostics);
  const t = timingOf(uri);
  [t.publishMs, t.publishCpuMs] = [performance.now() - t0, cpuMs() - c0];
  void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
}

let initializeSeen = false;
/** What the client announced (initialize), for the answers that depend on it. */
const client = {
  semanticTokensRefresh: false,
  inlayHintRefresh: false,
  codeActionLiterals: false,
  plainHover: false,
  /** `textDocument.codeAction.disabledSupport`: a label action that would be refused is offered disabled, with the reason. */
  disabledSupport: false,
  /** `workspace.didChangeWatchedFiles.dynamicRegistration`: the server asks to be told when gold files change. */
  watchedFilesRegistration: false,
};
connection.onInitialize((params): InitializeResult => {
  // LSP: initialize is sent once; a second one is refused, the first session's settings stay.
  if (initializeSeen) throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received: the server is initialized once');
  initializeSeen = true;
  const caps = params.capabilities;
  settings.canPull = caps.workspace?.configuration === true;
  settings.initial(params.initializationOptions);
  client.semanticTokensRefresh = caps.workspace?.semanticTokens?.refreshSupport === true;
  client.inlayHintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
  client.codeActionLiterals = caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  client.disabledSupport = caps.textDocument?.codeAction?.disabledSupport === true;
  client.watchedFilesRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  // contentFormat lists the client's formats, preferred first: plain text unless markdown is among them.
  const formats = caps.textDocument?.hover?.contentFormat;
  client.plainHover = Array.isArray(formats) && formats.length > 0 && !formats.includes(MarkupKind.Markdown);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: true },
      hoverProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      inlayHintProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      executeCommandProvider: { commands: [LABEL_COMMAND] },
    },
    serverInfo: { name: 'reflection-lens' },
  };
});

connection.onDidOpenTextDocument(({ textDocument: t }) => {
  try {
    const timing = timingOf(t.uri);
    const [doc, ms, cpu] = measure(() => openDocument(t.uri, t.version, t.text, t.languageId));
    if (!doc) {
      // Not a language the server reads (openDocument.ts): no model, no diagnostics.
      timings.delete(t.uri);
      documents.delete(t.uri);
      return;
    }
    [timing.updateMs, timing.updateCpuMs] = [ms, cpu];
    documents.set(t.uri, doc);
    // A large file shows its malformed lines at once; the findings follow when analysis is done.
    // (Capped at the default: this document's settings may not have arrived yet.)
    if (t.text.length > LARGE_DOCUMENT) {
      const syntax = featuresOf(doc).syntaxDiagnostics();
      void connection.sendDiagnostics({
        uri: t.uri,
        version: t.version,
        diagnostics: capDiagnostics(syntax, defaultSettings.maxDiagnostics),
      });
    }
    schedulePublish(t.uri);
  } catch (e) {
    report('open', e);
  }
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return;
  try {
    const timing = timingOf(textDocument.uri);
    [, timing.updateMs, timing.updateCpuMs] = measure(() => doc.update(contentChanges, textDocument.version));
  } catch (e) {
    // A failed update may leave records and text out of step: rebuild the model from its own text.
    report('change', e);
    const format = doc instanceof TraceDocument ? 'trace' : 'jsonl';
    documents.set(textDocument.uri, openDocument(doc.uri, textDocument.version, doc.getText(), format)!);
  }
  schedulePublish(textDocument.uri);
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  documents.delete(textDocument.uri);
  timings.delete(textDocument.uri);
  settings.forget(textDocument.uri);
  void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
});

/** Asks the client to re-request tokens and hints, where it announced that it can (refreshSupport). */
function refreshViews(): void {
  if (client.semanticTokensRefresh) connection.languages.semanticTokens.refresh().catch(() => undefined);
  if (client.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
}

connection.onDidChangeConfiguration(({ settings: pushed }) => {
  settings.changed(pushed);
  for (const uri of documents.keys()) schedulePublish(uri);
  refreshViews();
});
// A configuration answer that came after its timeout and changed the settings (workspaceSettings.ts).
settings.onLateAnswer = (uri) => {
  schedulePublish(uri);
  refreshViews();
};

const emptyTokens: SemanticTokens = { data: [] };
connection.languages.semanticTokens.on((p) =>
  withDocument('semanticTokens', p.textDocument.uri, emptyTokens, (d, s) => featuresOf(d).semanticTokens(s.settings, s.key)),
);
connection.languages.semanticTokens.onRange((p) =>
  withDocument('semanticTokens/range', p.textDocument.uri, emptyTokens, (d, s) => featuresOf(d).semanticTokens(s.settings, s.key, p.range)),
);
connection.onHover((p) =>
  withDocument('hover', p.textDocument.uri, null, (d, s) => {
    const h = featuresOf(d).hover(p.position, s.settings, s.key);
    return h && client.plainHover ? asPlainHover(h) : h;
  }),
);
connection.onCodeAction((p) =>
  withDocument('codeAction', p.textDocument.uri, [], (d, s) => {
    // Only quick fixes are offered: none for a request that asks for other kinds only.
    const only = p.context?.only;
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
    const actions = featuresOf(d).codeActions(p.range, s.settings, s.key, { disabledSupport: client.disabledSupport });
    // A client without codeActionLiteralSupport takes Command[] (LSP 3.x before 3.8).
    return client.codeActionLiterals ? actions : actions.flatMap((a) => (a.command ? [a.command] : []));
  }),
);
// Labelling writes the gold file beside the trace (never the trace) and re-publishes, so the
// record's "Labelled" note appears at once. A label refused or not written is shown to the user
// (window/showMessage, naming the path and the reason) and answered with an error, never success.
connection.onExecuteCommand(async (p) => {
  if (p.command !== LABEL_COMMAND) return null;
  const args = p.arguments?.[0] as LabelArgs | undefined;
  if (!args || typeof args !== 'object' || typeof args.uri !== 'string') return null;
  const fail = (message: string): ResponseError<void> => {
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Error,
      message: `Reflection Lens: label not written: ${message}`,
    });
    connection.console.error(`reflection-lens: label not written: ${message}`);
    return new ResponseError(ErrorCodes.InvalidRequest, `label not written: ${message}`);
  };
  const doc = documents.get(args.uri);
  if (!doc) throw fail(`${args.uri} is not open`);
  let goldFile: string;
  try {
    const s = await settings.get(args.uri);
    goldFile = await featuresOf(documents.get(args.uri) ?? doc).label(args, s.settings, s.key);
  } catch (e) {
    throw fail(e instanceof GoldFileError ? e.message : String((e as Error)?.message ?? e));
  }
  schedulePublish(args.uri);
  return { goldFile } satisfies LabelResult;
});
// Gold files written by another window (another server) or by hand: the client tells us through
// the watcher registered at `initialized` (where it supports dynamic registration), and the
// trace beside each changed gold file is published again with its labels as they now are.
connection.onInitialized(() => {
  if (!client.watchedFilesRegistration) return;
  connection.client
    .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.gold.jsonl' }] })
    .catch((e) => report('registering the gold-file watcher', e));
});
connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const { uri } of changes) {
    const trace = goldTraceUri(uri);
    for (const open of documents.keys()) if (trace !== undefined && sameFile(open, trace)) schedulePublish(open);
  }
});
connection.onDocumentSymbol((p) =>
  withDocument('documentSymbol', p.textDocument.uri, [], (d, s) => featuresOf(d).symbols(s.settings, s.key)),
);
connection.onFoldingRanges((p) =>
  withDocument('foldingRange', p.textDocument.uri, [], (d, s) => featuresOf(d).foldingRanges(s.settings, s.key)),
);
connection.languages.inlayHint.on((p) =>
  withDocument('inlayHint', p.textDocument.uri, [], (d, s) => featuresOf(d).inlayHints(p.range, s.settings, s.key)),
);

// How much work the last change caused: tests check incrementality by counts, the benchmark reads the timings.
connection.onRequest(documentStatsRequest, (p): Promise<DocumentStats | null> =>
  withDocument('documentStats', p.uri, null, (d) => ({
    records: d.entries.length,
    lineCount: d.lineCount,
    textLength: d.textLength,
    reparsedByLastChange: d.lastReparsed,
    analysesSoFar: analysisCount(),
    ...timingOf(p.uri),
  })),
);

// Corpus calibration for the calibration view (runs here, off the extension host). Which records
// cut off at the generation limit count is a setting (reflectionLens.includeTruncated, .tokenLimit),
// read for the first calibrated item's scope (the workspace's when there is none).
const calibrationSummary = (uris: readonly string[]) => settings.get(uris[0] ?? '').then((s) => summaryOptionsOf(s.settings));
registerCalibrationRequest(connection, undefined, calibrationSummary);
registerRolloutFollow(connection, calibrationSummary); // live verl rollout dirs for the calibration view
registerRunRequests(connection); // run folders, run configs and the verl launch for the training commands

// A broken frame on stdin leaves the stream out of step for good: exit, so the client restarts us.
exitOnStdioFramingError();
process.on('uncaughtException', (e) => report('uncaught exception', e));
process.on('unhandledRejection', (e) => report('unhandled rejection', e));

connection.listen();
