// The HTML shell of the calibration view, shared by the VS Code webview (script loaded by URL,
// data sent by message) and the offline report (script and data inlined).
import { escapeHtml, jsonForScript, scriptForInline } from './csp.js';
import { webviewPageHtml } from './page.js';
import { calibrationCss } from './calibrationCss.js';

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
  const script =
    'src' in o.script
      ? `<script nonce="${n}" src="${escapeHtml(o.script.src)}"></script>`
      : `<script nonce="${n}">${scriptForInline(o.script.text)}</script>`;
  return webviewPageHtml({
    nonce: o.nonce,
    cspSource: o.cspSource,
    title: o.title ?? 'Reflection Lens — Calibration',
    css: calibrationCss,
    scripts: `${data}${script}`,
  });
}
