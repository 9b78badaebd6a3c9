// The training view: a header (run, state, step, backend, Stop/Resume) and one chart per
// ChartSpec. Metric lines arrive in batches while a run is live (the panel coalesces them), or all
// at once when a run is reopened; points are appended to strided series (a bounded number drawn,
// the last one exact) and the charts redraw at most once per animation frame.
import { Chart } from '../shared/charts.js';
import { readTheme, seriesStyle, type Theme } from '../shared/theme.js';
import type { MetricsRecord, RunInfo, RunState, ViewToHost } from '../../protocol/webview/training.js';
import { StridedSeries } from '../../protocol/webview/stridedSeries.js';
import { chartsFor, pick, type ChartSpec } from './series.js';

type Point = { x: number; y: number | null };

/** Points drawn per series at most: far more than a chart is pixels wide, few enough to redraw quickly at any run length. */
export const MAX_DRAWN_POINTS = 2000;

/** Axis text and grid colours are resolved once per chart by Chart.js: set them explicitly so a theme switch reaches them. */
function paintAxes(chart: Chart<'line', Point[]>, theme: Theme): void {
  const scales = chart.options.scales as Record<string, { ticks: { color: string }; grid: { color: string }; title: { color: string } }>;
  for (const scale of Object.values(scales)) {
    scale.ticks.color = theme.foreground;
    scale.grid.color = theme.grid;
    scale.title.color = theme.foreground;
  }
  (chart.options.plugins as { legend: { labels: { color: string } } }).legend.labels.color = theme.foreground;
}

const fmt = (v: number | null, d = 3): string => (v === null ? '–' : Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(d));

export class TrainingView {
  readonly charts: Record<string, Chart<'line', Point[]>> = {};
  renders = 0;
  private specs: ChartSpec[] = [];
  /** Per chart id, one series per dataset; a render hands the charts copies of their points. */
  private series: Record<string, StridedSeries<Point>[]> = {};
  private run: RunInfo | undefined;
  private last: MetricsRecord | undefined;
  private pending = false;
  private readonly grid: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly post: (m: ViewToHost) => void,
  ) {
    root.innerHTML = `<header>
  <h1 id="title">Training</h1>
  <span id="state" class="state">waiting</span>
  <button id="stop" type="button" hidden>Stop</button>
  <button id="resume" type="button" hidden>Resume</button>
  <p id="summary" class="muted"></p>
  <p id="backend" class="muted"></p>
  <p id="log"></p>
</header>
<section id="charts" class="grid"><p class="empty muted">Waiting for the first metrics…</p></section>`;
    this.grid = root.querySelector('#charts')!;
    root.querySelector('#stop')!.addEventListener('click', () => this.post({ type: 'stop' }));
    root.querySelector('#resume')!.addEventListener('click', () => this.post({ type: 'resume' }));
  }

  /** Starts over for a run: one empty chart per spec of its policy. */
  showRun(run: RunInfo): void {
    this.run = run;
    this.last = undefined;
    for (const c of Object.values(this.charts)) c.destroy();
    for (const k of Object.keys(this.charts)) delete this.charts[k];
    this.series = {};
    this.specs = chartsFor(run.policy);
    this.log('');
    (this.root.querySelector('#backend') as HTMLElement).textContent =
      run.policy === 'ds3' ? 'Backend js-exact: closed-form gradients in plain JS (no TensorFlow.js needed)' : '';
    this.grid.innerHTML = '';
    const theme = readTheme();
    for (const spec of this.specs) {
      const fig = document.createElement('figure');
      fig.innerHTML = `<figcaption></figcaption><div class="plot"><canvas></canvas></div>`;
      const cap = fig.querySelector('figcaption')!;
      cap.textContent = spec.title + ' ';
      const note = document.createElement('span');
      note.className = 'muted';
      note.textContent = `— ${spec.note}`;
      cap.append(note);
      fig.querySelector('canvas')!.id = `chart-${spec.id}`;
      this.grid.append(fig);
      this.series[spec.id] = spec.series.map(() => new StridedSeries<Point>(MAX_DRAWN_POINTS));
      this.charts[spec.id] = this.makeChart(fig.querySelector('canvas')!, spec, theme);
    }
    this.setState(run.live ? 'running' : 'completed');
    (this.root.querySelector('#title') as HTMLElement).textContent = `${run.policy} · ${run.name}`;
    this.renderHeader();
  }

  private makeChart(canvas: HTMLCanvasElement, spec: ChartSpec, theme: Theme): Chart<'line', Point[]> {
    const chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: {
        datasets: spec.series.map((s, i) => {
          const { color } = seriesStyle(theme, s.color ?? i);
          return {
            label: s.label,
            data: [],
            borderColor: color,
            backgroundColor: color,
            borderDash: s.dashed ? [6, 4] : [],
            borderWidth: 1.6,
            pointRadius: s.sparse ? 3 : 0,
            spanGaps: s.sparse === true,
            parsing: false,
          };
        }),
      },
      options: {
        // Live data: no animations, and x values already sorted (Chart.js skips its checks).
        animation: false,
        normalized: true,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' }, ticks: {}, grid: {} },
          y: { type: spec.logY ? 'logarithmic' : 'linear', title: { display: false }, ticks: {}, grid: {} },
        },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 2 } } },
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
      },
    });
    paintAxes(chart, theme);
    return chart;
  }

  /** Appends metric lines to every chart. */
  addMetrics(records: MetricsRecord[]): void {
    if (!this.run || records.length === 0) return;
    for (const m of records) {
      for (const spec of this.specs) {
        const series = this.series[spec.id];
        spec.series.forEach((s, i) => {
          let y = s.get(m);
          if (spec.logY && y !== null && y <= 0) y = null;
          // A sparse series (evaluations) keeps only its values: spanGaps joins them anyway, and
          // striding must not drop the few steps that have one.
          if (y === null && s.sparse) return;
          series[i].add({ x: m.step, y });
        });
      }
      this.last = m;
      // The trainer says once which backend runs and why each faster one did not load.
      if (typeof m.backend === 'string' && (typeof m.backendDetail === 'string' || Array.isArray(m.backendNotUsed))) {
        const notUsed = Array.isArray(m.backendNotUsed) ? m.backendNotUsed.map(String) : [];
        (this.root.querySelector('#backend') as HTMLElement).textContent =
          `Backend ${m.backend}${typeof m.backendDetail === 'string' && m.backendDetail ? ` (${m.backendDetail})` : ''}${notUsed.length ? `; not used: ${notUsed.join('; ')}` : ''}`;
      }
    }
    this.schedule();
  }

  setState(state: RunState, message?: string, resumable?: boolean): void {
    const el = this.root.querySelector('#state') as HTMLElement;
    el.textContent = state;
    el.className = `state ${state}`;
    (this.root.querySelector('#stop') as HTMLElement).hidden = !(state === 'running' || state === 'starting');
    // A run that failed before it started, or before its first step (resumable false), has nothing to resume.
    (this.root.querySelector('#resume') as HTMLElement).hidden =
      (state !== 'stopped' && state !== 'failed') || !this.run || (state === 'failed' && resumable === false);
    if (message) this.log(message);
    if (state === 'failed' && !this.run) {
      const p = document.createElement('p');
      p.className = 'empty error';
      p.setAttribute('role', 'alert');
      p.textContent = `The run did not start${message ? `: ${message}` : '.'}`;
      this.grid.replaceChildren(p);
    }
    this.renderHeader();
  }

  log(message: string): void {
    (this.root.querySelector('#log') as HTMLElement).textContent = message;
  }

  private renderHeader(): void {
    const m = this.last;
    const parts: string[] = [];
    // A metrics line's step is the 0-based index of the update it reports.
    if (this.run) parts.push(`step ${m ? m.step + 1 : 0}/${this.run.steps}`);
    if (m) {
      if (typeof m.backend === 'string') parts.push(`backend ${m.backend}`);
      parts.push(
        `p ${fmt(pick(m, 'p'))}`,
        `δ1 ${fmt(pick(m, 'delta1'))}`,
        `δ2 ${fmt(pick(m, 'delta2'))}`,
        `reward ${fmt(pick(m, 'reward'))}`,
      );
      if (pick(m, 'ratio.kl') !== null || pick(m, 'ratio.surrogate') !== null)
        parts.push(`ratio KL ${fmt(pick(m, 'ratio.kl'), 2)} · surrogate ${fmt(pick(m, 'ratio.surrogate'), 2)}`);
      if (pick(m, 'loss') !== null) parts.push(`loss ${fmt(pick(m, 'loss'), 4)}`);
    }
    if (this.run) parts.push(this.run.runDir);
    (this.root.querySelector('#summary') as HTMLElement).textContent = parts.join('  ·  ');
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.render();
    });
  }

  /** Redraws every chart (also after a theme change: colours are re-read). */
  render(): void {
    const theme = readTheme();
    for (const [id, chart] of Object.entries(this.charts)) {
      const spec = this.specs.find((s) => s.id === id)!;
      paintAxes(chart, theme);
      chart.data.datasets.forEach((d, i) => {
        // A copy: Chart.js patches a dataset's array to track single pushes and pops, which
        // thinning (truncating in place) would leave out of step; a fresh array is re-read whole.
        d.data = this.series[id][i].points.slice();
        const { color } = seriesStyle(theme, spec.series[i].color ?? i);
        d.borderColor = color;
        d.backgroundColor = color;
        d.borderDash = spec.series[i].dashed ? [6, 4] : [];
      });
      chart.update('none');
    }
    this.renderHeader();
    this.renders++;
  }
}
