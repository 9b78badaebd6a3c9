// The HTML shell of the training view: strict CSP (nothing but our nonce'd script and style),
// the bundle dist/media/training.js loaded by URL (the webview's origin, `cspSource`).
import { contentSecurityPolicy, escapeHtml } from '../shared/csp.js';
import { trainingCss } from './style.js';

export interface TrainingPageOptions {
  nonce: string;
  cspSource: string;
  scriptSrc: string;
  title?: string;
}

export function trainingPageHtml(o: TrainingPageOptions): string {
  const n = escapeHtml(o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.nonce, o.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title ?? 'Reflection Lens — Training')}</title>
<style nonce="${n}">${trainingCss}</style>
</head>
<body>
<main id="app"></main>
<script nonce="${n}" src="${escapeHtml(o.scriptSrc)}"></script>
</body>
</html>
`;
}
