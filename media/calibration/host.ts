// Where the view runs: inside a VS Code webview (files are saved by the extension, clicks open
// traces there) or in the standalone HTML report (files are downloaded by the browser).
import type { TraceQuery } from '../../protocol/calibration.js';
import type { ExportKind, HostToView, ViewToHost } from '../../protocol/webview/calibration.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare global {
  // Defined by VS Code in webviews only.
  function acquireVsCodeApi(): VsCodeApi;
}

export interface Host {
  readonly inVsCode: boolean;
  /** Saves an export: text for CSV/JSON, a data: URL for PNG. */
  save(kind: ExportKind, name: string, content: string): void;
  /** Opens the traces behind a point or cell (VS Code only). */
  openTraces(query: TraceQuery): void;
  post(message: ViewToHost): void;
  onMessage(handler: (message: HostToView) => void): void;
}

const MIME: Record<ExportKind, string> = { png: 'image/png', csv: 'text/csv', json: 'application/json' };

function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

export function createHost(): Host {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  if (api) {
    const post = (m: ViewToHost) => api.postMessage(m);
    return {
      inVsCode: true,
      post,
      save: (kind, name, content) =>
        post({ type: 'save', kind, name, data: kind === 'png' ? content.slice(content.indexOf(',') + 1) : content }),
      openTraces: (query) => post({ type: 'openTraces', query }),
      onMessage: (handler) => window.addEventListener('message', (e: MessageEvent<HostToView>) => handler(e.data)),
    };
  }
  return {
    inVsCode: false,
    post: () => {},
    save(kind, name, content) {
      if (kind === 'png') return download(name, content);
      const url = URL.createObjectURL(new Blob([content], { type: MIME[kind] }));
      download(name, url);
      // The download has started from the object URL by the time the click returns; free it later.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    openTraces: () => {},
    onMessage: () => {},
  };
}
