// Entry of the training view bundle (dist/media/training.js), run inside the VS Code webview.
import { Chart, LogarithmicScale } from 'chart.js';
import { applyChartDefaults, registerCharts } from '../shared/charts.js';
import { readTheme, watchTheme } from '../shared/theme.js';
import type { HostToView, ViewToHost } from '../../protocol/webview/training.js';
import { MAX_DRAWN_POINTS, TrainingView } from './view.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare global {
  interface Window {
    /** Read by the browser tests: the live charts, how often the view rendered, the drawn-points bound. */
    __reflectionLensTraining?: { view: TrainingView; charts: TrainingView['charts']; maxDrawnPoints: number };
  }
}

registerCharts();
Chart.register(LogarithmicScale);
applyChartDefaults(readTheme());
const api: VsCodeApi | undefined =
  typeof (globalThis as { acquireVsCodeApi?: () => VsCodeApi }).acquireVsCodeApi === 'function'
    ? (globalThis as unknown as { acquireVsCodeApi: () => VsCodeApi }).acquireVsCodeApi()
    : undefined;
const post = (m: ViewToHost): void => api?.postMessage(m);
const view = new TrainingView(document.getElementById('app') ?? document.body, post);
window.__reflectionLensTraining = { view, charts: view.charts, maxDrawnPoints: MAX_DRAWN_POINTS };

window.addEventListener('message', (e: MessageEvent<HostToView>) => {
  const m = e.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'run') view.showRun(m.run);
  else if (m.type === 'metrics' && Array.isArray(m.records)) view.addMetrics(m.records);
  else if (m.type === 'state') view.setState(m.state, m.message, m.resumable);
  else if (m.type === 'log') view.log(m.message);
});
watchTheme(() => {
  applyChartDefaults(readTheme());
  view.render();
});
post({ type: 'ready' });
