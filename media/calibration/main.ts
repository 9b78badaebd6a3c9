// Entry of the calibration view bundle (dist/media/calibration.js): the same code runs in the
// VS Code webview and in the offline HTML report.
import type { CalibrationResult } from '../../protocol/calibration.js';
import { registerCharts } from '../shared/charts.js';
import { watchTheme } from '../shared/theme.js';
import { createHost } from './host.js';
import { CalibrationView } from './view.js';

declare global {
  interface Window {
    /** Read by the browser tests: the live charts and how often the page rendered. */
    __reflectionLens?: { view: CalibrationView; charts: CalibrationView['charts'] };
  }
}

registerCharts();
const host = createHost();
const view = new CalibrationView(document.getElementById('app') ?? document.body, host);
window.__reflectionLens = { view, charts: view.charts };

host.onMessage((m) => {
  if (m.type === 'result') view.show(m.result, m.meta);
  else if (m.type === 'progress') view.status(m.message);
  else if (m.type === 'error') view.error(m.message);
});
watchTheme(() => view.render());

const embedded = document.getElementById('calibration-data');
if (embedded?.textContent) view.show(JSON.parse(embedded.textContent) as CalibrationResult);
else view.render();
host.post({ type: 'ready' });
