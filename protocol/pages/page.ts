// The HTML shell every Reflection Lens page shares: a strict CSP that admits only our nonce'd
// script and style, the theme's viewport, and a body: one <main id="app"> a bundle fills, or a
// static page's own (the experiment report).
import { contentSecurityPolicy, escapeHtml } from './csp.js';

export interface WebviewPageOptions {
  nonce: string;
  /** The webview's origin (webview.cspSource); absent for offline pages. */
  cspSource?: string;
  title: string;
  css: string;
  /** Script (and data) elements after <main>, already carrying the nonce. */
  scripts?: string;
  /** The body's content; default `<main id="app"></main>`. */
  body?: string;
}

export function webviewPageHtml(o: WebviewPageOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.nonce, o.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<style nonce="${escapeHtml(o.nonce)}">${o.css}</style>
</head>
<body>
${o.body ?? '<main id="app"></main>'}
${o.scripts ?? ''}
</body>
</html>
`;
}
