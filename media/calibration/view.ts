// The calibration page: header and exports, a clear message when nothing is usable, the charts,
// the Table 1 style accuracy table and the list of skipped inputs. Rebuilt on every new result
// or theme change (charts are cheap; the result is small: one entry per model x task x step).
import type { CalibrationGroup, CalibrationResult } from '../../protocol/calibration.js';
import { applyChartDefaults, Chart } from '../shared/charts.js';
import { readTheme, SeriesSlots } from '../shared/theme.js';
import { echoChart, metricChart, predictedChart, stepChart, stepSeries, transitionsChart, type BuiltChart } from './charts.js';
import {
  calibrationCsv,
  dataSetKey,
  formatEstimate,
  groupsAtStep,
  isUsable,
  METRICS,
  modelsOf,
  pct,
  plural,
  seriesNameOf,
  stepsOf,
  taskLabel,
  tasksOf,
} from './data.js';
import type { Host } from './host.js';
import type { ResultMeta } from '../../protocol/webview/calibration.js';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

const SKIPPED_LISTED = 200;

export class CalibrationView {
  /** Live charts by id (the test hook reads their data). */
  readonly charts: Record<string, Chart> = {};
  result: CalibrationResult | undefined;
  meta: ResultMeta | undefined;
  /** The step shown by the per-task views when the result has steps. */
  step: number | undefined;
  /** The user picked the step; otherwise a live run's views move on to each new step. */
  private stepPicked = false;
  /** What the shown result is of (dataSetKey): a new data set resets the step. */
  private dataSet: string | undefined;
  /** How many times the page was rendered (tests wait for it). */
  renders = 0;
  private statusText = '';
  /**
   * Series styles of the per-task charts (by model, a `<run>@step-N` model by its run) and of the
   * step charts (by series), for the content shown: distinct within a chart, kept while the same
   * series are shown or one is added, independent of what the panel showed before.
   */
  private slots: { colors: number; task: SeriesSlots; step: SeriesSlots } | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: Host,
  ) {}

  show(result: CalibrationResult, meta?: ResultMeta): void {
    const data = dataSetKey(result, meta);
    if (data !== this.dataSet) {
      // Another folder or selection: its views start at its latest step, not at the step picked before.
      this.dataSet = data;
      this.step = undefined;
      this.stepPicked = false;
    }
    this.result = result;
    this.meta = meta;
    const steps = stepsOf(result.groups);
    if (steps.length === 0) this.step = undefined;
    else if (this.step === undefined || !steps.includes(this.step) || (meta?.live && !this.stepPicked)) this.step = steps[steps.length - 1];
    this.statusText = '';
    this.render();
  }

  status(text: string): void {
    this.statusText = text;
    const s = this.root.querySelector('#status');
    if (s) s.textContent = text;
    else this.render();
  }

  error(text: string): void {
    this.statusText = '';
    this.render(text);
  }

  render(errorText?: string): void {
    for (const [id, c] of Object.entries(this.charts)) {
      c.destroy();
      delete this.charts[id];
    }
    const theme = readTheme();
    applyChartDefaults(theme);
    if (this.slots?.colors !== theme.palette.length) {
      const colors = theme.palette.length;
      this.slots = { colors, task: new SeriesSlots(colors), step: new SeriesSlots(colors) };
    }
    const slots = this.slots.task;
    const stepSlots = this.slots.step;
    this.root.replaceChildren();
    const r = this.result;
    this.root.append(this.header(r));
    this.root.append(el('div', { id: 'status', role: 'status', 'aria-live': 'polite' }, this.statusText));
    if (errorText)
      this.root.append(el('div', { class: 'message error', role: 'alert' }, el('h2', {}, 'Calibration failed'), el('p', {}, errorText)));
    if (!r) {
      if (!errorText && !this.statusText) this.root.append(el('p', { class: 'muted' }, 'Waiting for data…'));
      this.renders++;
      return;
    }
    if (!isUsable(r)) {
      this.root.append(this.emptyMessage(r));
      this.renders++;
      return;
    }
    const steps = stepsOf(r.groups);
    if (steps.length > 0) this.root.append(this.stepPicker(steps));
    const groups = groupsAtStep(r.groups, this.step).filter((g) => g.n > 0);
    const runOf = new Map(groups.map((g) => [g.model, seriesNameOf(g)]));
    slots.show(modelsOf(groups), (m) => runOf.get(m) ?? m);
    stepSlots.show(stepSeries(r.groups).map((s) => s.label));
    if (this.host.inVsCode)
      this.root.append(el('p', { class: 'muted hint' }, 'Click a point, a bar or a table cell to list the traces behind it.'));

    this.root.append(
      this.section(
        'Calibrated parameters',
        '95% intervals: the hull of Wilson and the percentile bootstrap over traces (Wilson keeps its width at 0/n and n/n).',
        this.grid(METRICS.map((m) => this.card(`metric-${m}`, metricChart(groups, m, theme, slots)))),
      ),
    );
    this.root.append(
      this.section(
        'Predicted vs observed accuracy',
        this.formulaNote(groups),
        this.card('predicted', predictedChart(groups, theme, slots), 'tall'),
      ),
    );
    this.root.append(
      this.section(
        'Accuracy per model and task',
        'Percent, 95% modified Wilson interval (Brown, Cai & DasGupta: Wilson with a Poisson bound within 3 of 0 or n; within 0–100%, unlike the paper’s Wald interval).',
        this.table(groups),
      ),
    );
    this.root.append(
      this.section(
        'Transitions and echoes',
        'Between consecutive answers of a trace: T = correct, F = wrong; an echo repeats the same wrong answer.',
        this.grid([this.card('transitions', transitionsChart(groups, theme), 'wide'), this.card('echo', echoChart(groups, theme, slots))]),
      ),
    );
    if (steps.length > 0) {
      this.root.append(
        this.section(
          'Over training steps',
          'Every step, a series per model (a run for models named RUN@step-N) and task.',
          this.grid(
            (['accuracy', ...METRICS] as const).map((m) => this.card(`steps-${m}`, stepChart(r.groups, m, theme, stepSlots), 'step')),
          ),
        ),
      );
    }
    if (r.skipped.length > 0) this.root.append(this.skippedList(r, false));
    this.renders++;
  }

  private header(r: CalibrationResult | undefined): HTMLElement {
    const h = el('header', {}, el('h1', {}, 'Reflection Lens — Calibration'));
    if (r) {
      const groups = r.groups.filter((g) => g.n > 0);
      const traces = groups.reduce((s, g) => s + g.n, 0);
      const noAnswer = groups.reduce((s, g) => s + g.counts.noAnswer, 0);
      const skipped = r.skipped.reduce((s, x) => s + (x.count ?? 1), 0);
      const parts = [
        plural(traces, 'trace') + (noAnswer > 0 ? ` (${noAnswer} with no answer, counted wrong)` : ''),
        plural(modelsOf(groups).length, 'model'),
        plural(tasksOf(groups).length, 'task'),
        ...(skipped > 0 ? [`${skipped} skipped`] : []),
        `bootstrap B=${r.bootstrap.B}, seed ${r.bootstrap.seed}`,
      ];
      const live = this.meta?.live;
      if (live) {
        const reading = live.reading.length > 0 ? ` · reading step ${live.reading.join(', ')}` : '';
        const last = live.lastStep === undefined ? '' : ` · last step ${live.lastStep}`;
        const reads =
          live.reads === live.files
            ? ', each read once'
            : `, ${plural(live.reads, 'read')} of ${plural(live.files, 'file')} (rewritten steps are read again)`;
        parts.unshift(`following ${this.meta!.source} live`, `${plural(live.steps, 'step file')}${reads}${last}${reading}`);
      } else if (this.meta)
        parts.unshift(
          this.meta.source,
          `${plural(this.meta.files, 'file')} (${this.meta.filesRead} read, ${this.meta.files - this.meta.filesRead} cached)`,
        );
      h.append(el('p', { class: 'muted', id: 'summary' }, parts.join(' · ')));
      const tools = el(
        'div',
        { class: 'toolbar' },
        button('Export CSV', () => this.host.save('csv', 'calibration.csv', calibrationCsv(r)), { id: 'export-csv' }),
        button('Export JSON', () => this.host.save('json', 'calibration.json', JSON.stringify(r, null, 2) + '\n'), { id: 'export-json' }),
      );
      if (this.host.inVsCode) tools.append(button('Refresh', () => this.host.post({ type: 'refresh' }), { id: 'refresh' }));
      h.append(tools);
    }
    return h;
  }

  private emptyMessage(r: CalibrationResult): HTMLElement {
    const nothing = r.groups.length === 0 && r.skipped.length === 0;
    if (nothing && this.meta?.files === 0)
      return el(
        'div',
        { class: 'message', id: 'empty', role: 'alert' },
        el('h2', {}, 'No trace files found'),
        el(
          'p',
          {},
          this.meta.source === 'workspace'
            ? 'The workspace has no .trace files and no verl step dumps (a .jsonl file named by its step, 120.jsonl) outside hidden folders and node_modules. Other .jsonl, .parquet and .eval files are read when selected: right-click them or their folder in the explorer → Show Calibration.'
            : `${this.meta.source} holds no .trace, .jsonl, .parquet or .eval file (hidden folders and node_modules are not searched).`,
        ),
      );
    if (nothing)
      return el(
        'div',
        { class: 'message', id: 'empty', role: 'alert' },
        el('h2', {}, 'No traces found'),
        el(
          'p',
          {},
          `The ${this.meta ? plural(this.meta.files, 'file') + (this.meta.files === 1 ? ' holds' : ' hold') : 'input holds'} no trace records.`,
        ),
      );
    const box = el(
      'div',
      { class: 'message', id: 'empty', role: 'alert' },
      el('h2', {}, 'No usable traces'),
      el(
        'p',
        {},
        'Calibration needs traces with a ground-truth answer (an ',
        el('code', {}, 'answer:'),
        ' header, or a gt / answer / label field in JSONL rollouts) that were not cut off at the generation limit (',
        el('code', {}, 'truncated: true'),
        ', or longer than the token limit); a response with no candidate answer counts as wrong.',
      ),
    );
    if (r.skipped.length > 0) box.append(this.skippedList(r, true));
    return box;
  }

  private skippedList(r: CalibrationResult, open: boolean): HTMLElement {
    const d = el('details', { id: 'skipped' });
    d.open = open;
    d.append(el('summary', {}, `${r.skipped.length} ${r.skipped.length === 1 ? 'input' : 'inputs'} skipped`));
    const ul = el('ul');
    // A huge corpus can skip thousands of inputs; the page lists the first ones, the exports hold all.
    for (const s of r.skipped.slice(0, SKIPPED_LISTED)) {
      const where = s.line === undefined ? s.file : `${s.file}:${s.line}`;
      ul.append(el('li', {}, el('code', {}, where), ' — ', s.reason));
    }
    if (r.skipped.length > SKIPPED_LISTED)
      ul.append(el('li', { class: 'muted' }, `… and ${r.skipped.length - SKIPPED_LISTED} more (Export JSON lists them all)`));
    d.append(ul);
    return d;
  }

  private stepPicker(steps: number[]): HTMLElement {
    const select = el('select', { id: 'step' });
    for (const s of steps) {
      const o = el('option', { value: String(s) }, `step ${s}`);
      o.selected = s === this.step;
      select.append(o);
    }
    select.addEventListener('change', () => {
      this.step = Number(select.value);
      this.stepPicked = true;
      this.render();
    });
    return el('label', { class: 'step-picker' }, 'Per-task views at ', select);
  }

  private formulaNote(groups: CalibrationGroup[]): HTMLElement {
    const K = groups[0]?.predictedK.K ?? '?';
    return el(
      'span',
      {},
      'Filled circles: infinite horizon, Acc = pδ1 / (pδ1 + (1−p)(1−δ2)). ',
      `Open triangles: at most K=${K} attempts, the last answer stands, `,
      'Acc_K = pδ1(1−r^(K−1))/(1−r) + p·r^(K−1), r = p(1−δ1) + (1−p)δ2. ',
      'Points on the dashed diagonal are predicted exactly. ',
      'Whiskers, 95%: predicted, the hull of the percentile bootstrap over traces and a Jeffreys posterior of the formula (never zero width); observed, the modified Wilson interval.',
    );
  }

  private section(title: string, note: string | HTMLElement, body: HTMLElement): HTMLElement {
    return el('section', {}, el('h2', {}, title), el('p', { class: 'muted note' }, note), body);
  }

  private grid(cards: HTMLElement[]): HTMLElement {
    return el('div', { class: 'grid' }, ...cards);
  }

  private card(id: string, built: BuiltChart, size = ''): HTMLElement {
    const title = (built.config.options?.plugins?.title as { text?: string } | undefined)?.text ?? id;
    const canvas = el('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': title });
    const box = el('div', { class: `chart-box ${size}` }, canvas);
    const tools = el('div', { class: 'card-tools' });
    const card = el('div', { class: `card ${size}`, 'data-chart': id }, tools, box);
    if (built.empty) card.insertBefore(el('p', { class: 'muted chart-empty', role: 'note' }, built.empty), box);
    const chart = new Chart(canvas, {
      ...built.config,
      options: {
        ...built.config.options,
        onClick: (_e, elements) => {
          const hit = elements[0];
          const q = hit && built.queries[hit.datasetIndex]?.[hit.index];
          if (q) this.host.openTraces(q);
        },
        onHover: (e, elements) => {
          const target = e.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = this.host.inVsCode && elements.length > 0 ? 'pointer' : 'default';
        },
      },
    });
    this.charts[id] = chart;
    tools.append(
      button('PNG', () => this.host.save('png', `calibration-${id}.png`, chart.toBase64Image('image/png', 1)), {
        class: 'small',
        'data-export': id,
        title: 'Export this chart as PNG',
      }),
    );
    return card;
  }

  private table(groups: CalibrationGroup[]): HTMLElement {
    const tasks = tasksOf(groups);
    const models = modelsOf(groups);
    const head = el('tr', {}, el('th', { scope: 'col' }, 'Model'), ...tasks.map((t) => el('th', { scope: 'col' }, taskLabel(t))));
    const body = models.map((model) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, model),
        ...tasks.map((task) => {
          const g = groups.find((x) => x.model === model && x.task === task);
          if (!g) return el('td', { class: 'na' }, '–');
          const [value, interval] = formatEstimate(g.accuracy).split(' (');
          const content = [el('span', { class: 'value' }, value ?? ''), el('span', { class: 'interval' }, interval ? `(${interval}` : '')];
          const rate = (v: number) => (Number.isFinite(v) ? `${pct(v)}%` : '–');
          const none = g.counts.noAnswer > 0 ? `, ${g.counts.noAnswer} with no answer (counted wrong)` : '';
          const title = `${model} · ${taskLabel(task)}: ${g.counts.correctFinal} of ${g.n} correct${none}; p ${rate(g.p.value)}, δ1 ${rate(g.delta1.value)}, δ2 ${rate(g.delta2.value)}`;
          const cell = el('td', { title, 'data-model': model, 'data-task': task });
          if (this.host.inVsCode) {
            const q =
              g.step === undefined ? { model, task, filter: 'all' as const } : { model, task, step: g.step, filter: 'all' as const };
            cell.append(button('', () => this.host.openTraces(q), { class: 'cell' }));
            cell.firstElementChild!.append(...content);
          } else cell.append(...content);
          return cell;
        }),
      ),
    );
    return el('div', { class: 'table-wrap' }, el('table', { id: 'accuracy-table' }, el('thead', {}, head), el('tbody', {}, ...body)));
  }
}
