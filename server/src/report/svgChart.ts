// A small static SVG line chart with interval bars, for reports that must work without scripts
// (the experiment report: a file opened in any browser, or a webview with a strict CSP). Colours
// come from CSS classes (`.c1`...`.c6`), so the page's theme decides them; every text is escaped.
import { escapeHtml } from '../../../protocol/pages/csp.js';

export interface ChartPoint {
  value: number;
  lo?: number;
  hi?: number;
}

export interface ChartSeries {
  name: string;
  /** Colour class, 1-6. */
  colour: number;
  points: (ChartPoint | null)[];
  marker?: 'circle' | 'diamond' | 'square';
  dashed?: boolean;
  /** Hollow markers (e.g. predicted beside observed). */
  hollow?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabels: string[];
  series: ChartSeries[];
  /** Draw a vertical divider before this x index (e.g. where out-of-distribution tasks begin). */
  divider?: { at: number; left: string; right: string };
  width?: number;
  height?: number;
  /** Text for screen readers. */
  description?: string;
}

const fmt = (x: number): string => (Math.round(x * 10) / 10).toString();

/** Values in [0, 1] (rates, accuracies) on a 0-100% axis; points outside are clamped to the frame. */
export function lineChartSvg(o: LineChartOptions): string {
  const W = o.width ?? 460,
    H = o.height ?? 260;
  // The top margin holds the title and, above the plot (where no data point is), the divider's labels.
  const m = { left: 40, right: 10, top: 36, bottom: 64 };
  const iw = W - m.left - m.right,
    ih = H - m.top - m.bottom;
  const n = o.xLabels.length;
  const x = (i: number): number => m.left + (n <= 1 ? iw / 2 : (i + 0.5) * (iw / n));
  const y = (v: number): number => m.top + ih * (1 - Math.max(0, Math.min(1, v)));
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(o.description ?? o.title)}">`,
  );
  parts.push(`<text class="chart-title" x="${m.left}" y="16">${escapeHtml(o.title)}</text>`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line class="grid" x1="${m.left}" x2="${W - m.right}" y1="${fmt(y(t))}" y2="${fmt(y(t))}"/>`);
    parts.push(`<text class="tick" x="${m.left - 4}" y="${fmt(y(t) + 3)}" text-anchor="end">${t * 100}%</text>`);
  }
  if (o.divider && o.divider.at > 0 && o.divider.at < n) {
    const dx = fmt((x(o.divider.at - 1) + x(o.divider.at)) / 2);
    parts.push(`<line class="divider" x1="${dx}" x2="${dx}" y1="${m.top}" y2="${m.top + ih}"/>`);
    parts.push(`<text class="tick" x="${Number(dx) - 4}" y="${m.top - 5}" text-anchor="end">${escapeHtml(o.divider.left)}</text>`);
    parts.push(`<text class="tick" x="${Number(dx) + 4}" y="${m.top - 5}">${escapeHtml(o.divider.right)}</text>`);
  }
  o.xLabels.forEach((l, i) =>
    parts.push(`<text class="tick" x="${fmt(x(i))}" y="${m.top + ih + 14}" text-anchor="middle">${escapeHtml(l)}</text>`),
  );
  // Series side by side within a task, so interval bars do not hide each other.
  const k = o.series.length;
  const offset = (s: number): number => (k <= 1 ? 0 : (s - (k - 1) / 2) * Math.min(7, iw / Math.max(n, 1) / (k + 1)));
  o.series.forEach((s, si) => {
    const pts = s.points.map((p, i) => (p && Number.isFinite(p.value) ? { i, p } : null));
    const line: string[] = [];
    for (const q of pts) {
      if (!q) continue;
      line.push(`${line.length ? 'L' : 'M'}${fmt(x(q.i) + offset(si))},${fmt(y(q.p.value))}`);
    }
    const cls = `c${s.colour}`;
    if (line.length > 1) parts.push(`<path class="series ${cls}${s.dashed ? ' dashed' : ''}" d="${line.join(' ')}"/>`);
    for (const q of pts) {
      if (!q) continue;
      const cx = x(q.i) + offset(si),
        cy = y(q.p.value);
      if (q.p.lo !== undefined && q.p.hi !== undefined && Number.isFinite(q.p.lo) && Number.isFinite(q.p.hi)) {
        parts.push(`<line class="bar ${cls}" x1="${fmt(cx)}" x2="${fmt(cx)}" y1="${fmt(y(q.p.lo))}" y2="${fmt(y(q.p.hi))}"/>`);
      }
      const fill = s.hollow ? 'hollow' : 'filled';
      const title = `<title>${escapeHtml(`${s.name}, ${o.xLabels[q.i]}: ${(100 * q.p.value).toFixed(1)}%${q.p.lo !== undefined && q.p.hi !== undefined ? ` (${(100 * q.p.lo).toFixed(1)}, ${(100 * q.p.hi).toFixed(1)})` : ''}`)}</title>`;
      if (s.marker === 'diamond')
        parts.push(
          `<path class="mark ${cls} ${fill}" d="M${fmt(cx)},${fmt(cy - 4.5)} L${fmt(cx + 4.5)},${fmt(cy)} L${fmt(cx)},${fmt(cy + 4.5)} L${fmt(cx - 4.5)},${fmt(cy)} Z">${title}</path>`,
        );
      else if (s.marker === 'square')
        parts.push(`<rect class="mark ${cls} ${fill}" x="${fmt(cx - 3.5)}" y="${fmt(cy - 3.5)}" width="7" height="7">${title}</rect>`);
      else parts.push(`<circle class="mark ${cls} ${fill}" cx="${fmt(cx)}" cy="${fmt(cy)}" r="3.5">${title}</circle>`);
    }
  });
  // Legend under the axis labels, wrapped in rows.
  let lx = m.left,
    ly = m.top + ih + 34;
  for (const s of o.series) {
    const w = 22 + s.name.length * 6.2;
    if (lx + w > W - m.right) {
      lx = m.left;
      ly += 15;
    }
    parts.push(`<line class="series c${s.colour}${s.dashed ? ' dashed' : ''}" x1="${lx}" x2="${lx + 14}" y1="${ly - 4}" y2="${ly - 4}"/>`);
    parts.push(`<text class="legend" x="${lx + 18}" y="${ly}">${escapeHtml(s.name)}</text>`);
    lx += w;
  }
  parts.push('</svg>');
  return parts.join('');
}
