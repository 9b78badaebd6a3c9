// The HTML shell of the training view: strict CSP (nothing but our nonce'd script and style),
// the bundle dist/media/training.js loaded by URL (the webview's origin, `cspSource`).
import { escapeHtml } from './csp.js';
import { webviewPageHtml } from './page.js';
import { trainingCss } from './trainingCss.js';

export interface TrainingPageOptions {
  nonce: string;
  cspSource: string;
  scriptSrc: string;
  title?: string;
}

export function trainingPageHtml(o: TrainingPageOptions): string {
  return webviewPageHtml({
    nonce: o.nonce,
    cspSource: o.cspSource,
    title: o.title ?? 'Reflection Lens — Training',
    css: trainingCss,
    scripts: `<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptSrc)}"></script>`,
  });
}
