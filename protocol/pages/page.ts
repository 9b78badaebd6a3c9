// The HTML shell every Reflection Lens webview shares: a strict CSP that admits only our
// nonce'd script and style, the theme's viewport, and one <main id="app"> the bundle fills.
import { contentSecurityPolicy, escapeHtml } from './csp.js';

export interface WebviewPageOptions {
  nonce: string;
  /** The webview's origin (webview.cspSource); absent for offline pages. */
  cspSource?: string;
  title: string;
  css: string;
  /** Script (and data) elements after <main>, already carrying the nonce. */
  scripts: string;
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
<main id="app"></main>
${o.scripts}
</body>
</html>
`;
}
