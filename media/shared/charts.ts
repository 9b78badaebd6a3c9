// Chart.js setup shared by the Reflection Lens webviews: only the parts we use are registered
// (smaller bundle), defaults follow the theme, and two small plugins of our own draw interval
// whiskers and paint an opaque background (so exported PNGs are readable outside the editor).
import {
  Chart,
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type Plugin,
} from 'chart.js';
import type { Theme } from './theme.js';

/** A data point with an optional interval on either axis (drawn as whiskers with caps). */
export interface IntervalPoint {
  x: number;
  y: number;
  xLo?: number;
  xHi?: number;
  yLo?: number;
  yHi?: number;
}

function hasInterval(v: unknown): v is IntervalPoint {
  return typeof v === 'object' && v !== null && ('yLo' in v || 'xLo' in v);
}

const CAP = 4;

/** Draws the intervals carried by IntervalPoint data, in the dataset's colour, clipped to the plot. */
export const whiskerPlugin: Plugin = {
  id: 'rlWhiskers',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    const xs = scales.x;
    const ys = scales.y;
    if (!xs || !ys) return;
    ctx.save();
    ctx.beginPath();
    // Horizontally a little beyond the plot, so whiskers of points on the first or last x still
    // show; vertically exact, so an unclipped Wald bound above 100% (the training experiment's
    // Table 1, the paper's interval) ends at the frame.
    ctx.rect(chartArea.left - 8, chartArea.top, chartArea.right - chartArea.left + 16, chartArea.bottom - chartArea.top);
    ctx.clip();
    chart.data.datasets.forEach((ds, d) => {
      if (!chart.isDatasetVisible(d)) return;
      const meta = chart.getDatasetMeta(d);
      ctx.strokeStyle = String(ds.borderColor ?? '#888');
      ctx.lineWidth = 1.25;
      ctx.setLineDash([]);
      ds.data.forEach((raw, i) => {
        if (!hasInterval(raw)) return;
        const el = meta.data[i];
        if (!el || (el as unknown as { skip?: boolean }).skip || !Number.isFinite(raw.y) || !Number.isFinite(raw.x)) return;
        const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
        ctx.beginPath();
        if (raw.yLo !== undefined && raw.yHi !== undefined && Number.isFinite(raw.yLo) && Number.isFinite(raw.yHi)) {
          const lo = ys.getPixelForValue(raw.yLo);
          const hi = ys.getPixelForValue(raw.yHi);
          ctx.moveTo(x, lo);
          ctx.lineTo(x, hi);
          ctx.moveTo(x - CAP, lo);
          ctx.lineTo(x + CAP, lo);
          ctx.moveTo(x - CAP, hi);
          ctx.lineTo(x + CAP, hi);
        }
        if (raw.xLo !== undefined && raw.xHi !== undefined && Number.isFinite(raw.xLo) && Number.isFinite(raw.xHi)) {
          const lo = xs.getPixelForValue(raw.xLo);
          const hi = xs.getPixelForValue(raw.xHi);
          ctx.moveTo(lo, y);
          ctx.lineTo(hi, y);
          ctx.moveTo(lo, y - CAP);
          ctx.lineTo(lo, y + CAP);
          ctx.moveTo(hi, y - CAP);
          ctx.lineTo(hi, y + CAP);
        }
        ctx.stroke();
      });
    });
    ctx.restore();
  },
};

/** Fills the canvas with the theme background before drawing (the default canvas is transparent). */
export const backgroundPlugin: Plugin<'line' | 'bar' | 'scatter', { color?: string }> = {
  id: 'rlBackground',
  beforeDraw(chart, _args, options) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = options.color ?? '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

let registered = false;

/** Registers what our charts use, once. */
export function registerCharts(): void {
  if (registered) return;
  registered = true;
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    Legend,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    ScatterController,
    Title,
    Tooltip,
    whiskerPlugin,
    backgroundPlugin as Plugin,
  );
}

/** Points the global chart defaults at the theme (fonts, text and grid colours, background). */
export function applyChartDefaults(theme: Theme): void {
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.font;
  Chart.defaults.font.size = 12;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  (Chart.defaults.plugins as unknown as Record<string, unknown>)['rlBackground'] = { color: theme.background };
}

export { Chart };
