// The HTML shell of the calibration view, shared by the VS Code webview (script loaded by URL,
// data sent by message) and the offline report (script and data inlined).
import { contentSecurityPolicy, escapeHtml, jsonForScript, scriptForInline } from '../shared/csp.js';
import { calibrationCss } from './style.js';

export interface CalibrationPageOptions {
  nonce: string;
  /** The webview's origin (webview.cspSource); absent for the offline report. */
  cspSource?: string;
  /** The bundle dist/media/calibration.js: by URL (webview) or as text (report). */
  script: { src: string } | { text: string };
  /** A CalibrationResult to show at once (report); the webview gets it by message. */
  data?: unknown;
  title?: string;
}

export function calibrationPageHtml(o: CalibrationPageOptions): string {
  const n = escapeHtml(o.nonce);
  const data = o.data === undefined ? '' : `<script type="application/json" id="calibration-data">${jsonForScript(o.data)}</script>\n`;
  const script = 'src' in o.script
    ? `<script nonce="${n}" src="${escapeHtml(o.script.src)}"></script>`
    : `<script nonce="${n}">${scriptForInline(o.script.text)}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.nonce, o.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title ?? 'Reflection Lens — Calibration')}</title>
<style nonce="${n}">${calibrationCss}</style>
</head>
<body>
<main id="app"></main>
${data}${script}
</body>
</html>
`;
}
