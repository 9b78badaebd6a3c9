// Chart.js configurations for the calibration view, built from a CalibrationResult. Each builder
// also returns, per dataset and point, the trace query a click on that point opens.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { RATE_FILTERS, type CalibrationGroup, type TraceFilter, type TraceQuery } from '../../protocol/calibration.js';
import type { IntervalPoint } from '../shared/charts.js';
import { SeriesSlots, type SeriesStyle, type Theme } from '../shared/theme.js';
import { compareNames, finite, METRIC_LABEL, modelsOf, pct, seriesNameOf, taskLabel, tasksOf, type Metric } from './data.js';

/** A point with its interval, tooltip text and the traces a click opens. */
export interface ViewPoint extends IntervalPoint {
  info: string;
  query?: TraceQuery;
}

export interface BuiltChart {
  config: ChartConfiguration;
  /** queries[dataset][index]: what a click on that element opens. */
  queries: (TraceQuery | undefined)[][];
  /** Why the chart has nothing to draw, when it has not (shown over the empty plot). */
  empty?: string;
}

/** Series in a legend at most; the rest are named in their points' tooltips (the title says how many). */
export const LEGEND_MAX = 12;

/** A legend of at most LEGEND_MAX entries (all of them would leave no room for the plot), and the title line saying so. */
function boundedLegend(count: number, title: string, labels: object = {}) {
  const cut = count > LEGEND_MAX;
  return {
    title: {
      display: true,
      text: cut ? [title, `legend: ${LEGEND_MAX} of ${count} series (hover a point for its series)`] : title,
    },
    legend: { labels: { ...labels, filter: (item: { datasetIndex?: number }) => (item.datasetIndex ?? 0) < LEGEND_MAX } },
  };
}

/** A rate with its interval for a tooltip: "74.0% (65.4, 82.6)", or "–" when undefined. */
function rateText(e: { value: number; lo: number; hi: number }): string {
  return finite(e.value) ? `${pct(e.value)}% (${pct(e.lo)}, ${pct(e.hi)})` : '–';
}

const percentTicks = { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` };

function query(g: CalibrationGroup, filter: TraceFilter): TraceQuery {
  return g.step === undefined ? { model: g.model, task: g.task, filter } : { model: g.model, task: g.task, step: g.step, filter };
}

function pointTooltip(item: TooltipItem<'line' | 'scatter' | 'bar'>): string {
  const raw = item.raw as Partial<ViewPoint> | number;
  return typeof raw === 'object' && raw && raw.info ? raw.info : String(item.formattedValue);
}

function lineDataset(label: string, data: ViewPoint[], style: SeriesStyle, extra: object = {}) {
  return {
    label,
    data,
    borderColor: style.color,
    backgroundColor: style.color,
    borderDash: style.dash,
    pointStyle: style.pointStyle,
    pointRadius: 4,
    pointHoverRadius: 6,
    borderWidth: 1.5,
    spanGaps: true,
    clip: 8,
    ...extra,
  };
}

/** x positions: task i, models spread a little around it so their whiskers do not overlap. */
function taskX(i: number, model: number, models: number): number {
  const spread = Math.min(0.12, 0.6 / Math.max(1, models));
  return i + (model - (models - 1) / 2) * spread;
}

function taskAxis(tasks: string[]) {
  return {
    type: 'linear' as const,
    min: -0.5,
    max: tasks.length - 0.5,
    title: { display: true, text: 'task (difficulty)' },
    grid: { display: false },
    afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
      axis.ticks = tasks.map((_, i) => ({ value: i }));
    },
    ticks: { autoSkip: false, callback: (v: string | number) => (tasks[Number(v)] === undefined ? '' : taskLabel(tasks[Number(v)]!)) },
  };
}

/** A model's line stops where it has no point for a task (x near task i: Math.round gives i), rather than spanning it. */
const noLineAcrossGaps = {
  segment: {
    borderColor: (ctx: { p0: { parsed: { x: number } }; p1: { parsed: { x: number } } }) =>
      Math.round(ctx.p1.parsed.x) - Math.round(ctx.p0.parsed.x) > 1 ? 'transparent' : undefined,
  },
};

/** Why a rate chart is empty: the rate is undefined for every group (no decision of its kind). */
const EMPTY_RATE: Record<Metric | 'accuracy', string> = {
  p: 'No judged first attempt: p is undefined.',
  delta1: 'No decision after a correct answer (every correct answer ended its trace): δ1 = P(STOP | correct) is undefined.',
  delta2: 'No decision after a wrong answer (no wrong answers, or each ended its trace): δ2 = P(RESAMPLE | wrong) is undefined.',
  accuracy: 'No judged trace.',
};

/** The style of a model's series, kept for the page's life (a new model does not recolour the others). */
function slotsFor(theme: Theme, slots?: SeriesSlots): SeriesSlots {
  return slots ?? new SeriesSlots(theme.palette.length);
}

/** One of p, delta1, delta2 per task, a series per model, bootstrap whiskers. */
export function metricChart(groups: CalibrationGroup[], metric: Metric, theme: Theme, slots?: SeriesSlots): BuiltChart {
  const tasks = tasksOf(groups);
  const models = modelsOf(groups);
  const styles = slotsFor(theme, slots);
  const queries: (TraceQuery | undefined)[][] = [];
  const datasets = models.map((model, m) => {
    const data: ViewPoint[] = [];
    for (const [i, task] of tasks.entries()) {
      const g = groups.find((x) => x.model === model && x.task === task);
      if (!g || !finite(g[metric].value)) continue;
      const e = g[metric];
      data.push({
        x: taskX(i, m, models.length),
        y: e.value,
        yLo: e.lo,
        yHi: e.hi,
        info: `${model} · ${taskLabel(task)}: ${rateText(e)}, n=${g.n}`,
        query: query(g, RATE_FILTERS[metric]),
      });
    }
    queries.push(data.map((d) => d.query));
    return lineDataset(model, data, styles.style(theme, model), noLineAcrossGaps);
  });
  return {
    queries,
    empty: datasets.every((d) => d.data.length === 0) ? EMPTY_RATE[metric] : undefined,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        plugins: {
          ...boundedLegend(datasets.length, METRIC_LABEL[metric], { usePointStyle: true }),
          tooltip: { callbacks: { label: pointTooltip, title: () => '' } },
        },
        scales: {
          x: taskAxis(tasks),
          y: { min: 0, max: 1, ticks: percentTicks, title: { display: true, text: metric } },
        },
      },
    } as ChartConfiguration,
  };
}

/** The predicted chart's legend: the diagonal and both entries of as many models as fit in LEGEND_MAX entries; the title says how many. */
function predictedLegend(models: number) {
  const fit = Math.floor((LEGEND_MAX - 1) / 2);
  const cut = models > fit;
  const title = 'Predicted vs observed accuracy';
  return {
    title: { display: true, text: cut ? [title, `legend: ${fit} of ${models} models (hover a point for its model)`] : title },
    legend: { labels: { usePointStyle: true, filter: (item: { datasetIndex?: number }) => (item.datasetIndex ?? 0) <= 2 * fit } },
  };
}

/** Figure 1: predicted (x) vs observed (y) accuracy, both predictions, intervals on both axes. */
export function predictedChart(groups: CalibrationGroup[], theme: Theme, slots?: SeriesSlots): BuiltChart {
  const models = modelsOf(groups);
  const styles = slotsFor(theme, slots);
  const K = groups.find((g) => g.predictedK)?.predictedK.K;
  const queries: (TraceQuery | undefined)[][] = [[]];
  const datasets: object[] = [
    {
      type: 'line',
      label: 'predicted = observed',
      data: [
        { x: 0, y: 0, info: '' },
        { x: 1, y: 1, info: '' },
      ],
      borderColor: theme.muted,
      borderDash: [4, 4],
      borderWidth: 1,
      pointRadius: 0,
      pointHoverRadius: 0,
      pointStyle: 'line',
    },
  ];
  for (const model of models) {
    // The first colours: filled circles and open triangles; a model that shares its colour with
    // an earlier one (more models than colours) draws both with its own marker, filled and open.
    const { color, pointStyle } = styles.style(theme, model);
    const shared = styles.slot(model) >= theme.palette.length;
    for (const which of ['predicted', 'predictedK'] as const) {
      const data: ViewPoint[] = [];
      for (const g of groups.filter((x) => x.model === model)) {
        const pr = g[which];
        const acc = g.accuracy;
        if (!finite(pr.value) || !finite(acc.value)) continue;
        data.push({
          x: pr.value,
          y: acc.value,
          xLo: pr.lo,
          xHi: pr.hi,
          yLo: acc.lo,
          yHi: acc.hi,
          info: `${model} · ${taskLabel(g.task)}: predicted (${which === 'predicted' ? 'K=∞' : `K=${g.predictedK.K}`}) ${rateText(pr)}, observed ${rateText(acc)}`,
          query: query(g, 'finalWrong'),
        });
      }
      queries.push(data.map((d) => d.query));
      const label = which === 'predicted' ? `${model} · infinite horizon` : `${model} · K=${K} attempts`;
      datasets.push({
        type: 'scatter',
        label,
        data,
        borderColor: color,
        backgroundColor: which === 'predicted' ? color : 'transparent',
        pointStyle: shared ? pointStyle : which === 'predicted' ? 'circle' : 'triangle',
        pointRadius: 5,
        pointHoverRadius: 7,
        borderWidth: 1.5,
        clip: 8,
      });
    }
  }
  return {
    queries,
    empty: datasets.slice(1).every((d) => (d as { data: unknown[] }).data.length === 0)
      ? 'No group has p, δ1 and δ2 all defined: the predicted accuracy needs the three (see the rate charts).'
      : undefined,
    config: {
      type: 'scatter',
      data: { datasets },
      options: {
        plugins: {
          // The diagonal and two entries per model: the models that fit in LEGEND_MAX entries.
          ...predictedLegend(models.length),
          tooltip: { callbacks: { label: pointTooltip, title: () => '' }, filter: (i: TooltipItem<'scatter'>) => i.datasetIndex > 0 },
        },
        scales: {
          x: { min: 0, max: 1, ticks: percentTicks, title: { display: true, text: 'predicted accuracy (bootstrap / posterior hull)' } },
          y: { min: 0, max: 1, ticks: percentTicks, title: { display: true, text: 'observed accuracy (modified Wilson interval)' } },
        },
      },
    } as ChartConfiguration,
  };
}

const TRANSITIONS = [
  { key: 'TT', label: 'T→T', color: 2 },
  { key: 'TF', label: 'T→F', color: 4 },
  { key: 'FT', label: 'F→T', color: 0 },
  { key: 'FFecho', label: 'F→F echo', color: 3 },
  { key: 'FFnew', label: 'F→F new', color: 1 },
] as const;

/** Transitions between consecutive answers: stacked shares per model and task (counts in the tooltip). */
export function transitionsChart(groups: CalibrationGroup[], theme: Theme): BuiltChart {
  // Five fixed categories: the theme's first colours (the palette has more than five).
  const tasks = tasksOf(groups);
  const models = modelsOf(groups);
  const columns: CalibrationGroup[] = [];
  for (const model of models)
    for (const task of tasks) {
      const g = groups.find((x) => x.model === model && x.task === task);
      if (g) columns.push(g);
    }
  const totals = columns.map((g) => TRANSITIONS.reduce((s, t) => s + g.transitions[t.key], 0));
  const queries = TRANSITIONS.map((t) => columns.map((g) => query(g, t.key)));
  const datasets = TRANSITIONS.map((t) => ({
    label: t.label,
    data: columns.map((g, i) => (totals[i]! > 0 ? g.transitions[t.key] / totals[i]! : 0)),
    counts: columns.map((g) => g.transitions[t.key]),
    backgroundColor: theme.palette[t.color],
    borderWidth: 0,
  }));
  return {
    queries,
    empty: totals.every((t) => t === 0)
      ? 'No trace has a second answer: transitions need two consecutive answers (one answer per trace, or none).'
      : undefined,
    config: {
      type: 'bar',
      data: { labels: columns.map((g) => [taskLabel(g.task), g.model]), datasets },
      options: {
        plugins: {
          title: { display: true, text: 'Transitions between consecutive answers' },
          tooltip: {
            callbacks: {
              label: (item: TooltipItem<'bar'>) => {
                const n = (item.dataset as unknown as { counts: number[] }).counts[item.dataIndex];
                return `${item.dataset.label}: ${n} of ${totals[item.dataIndex]} (${pct(Number(item.raw))}%)`;
              },
            },
          },
        },
        scales: {
          x: { stacked: true, ticks: { autoSkip: false } },
          y: { stacked: true, min: 0, max: 1, ticks: percentTicks, title: { display: true, text: 'share of transitions' } },
        },
      },
    } as ChartConfiguration,
  };
}

/** Echo rate FF echo / (FF echo + FF new) per task, a bar per model; pooled rate in the legend. */
export function echoChart(groups: CalibrationGroup[], theme: Theme, slots?: SeriesSlots): BuiltChart {
  const tasks = tasksOf(groups);
  const models = modelsOf(groups);
  const styles = slotsFor(theme, slots);
  const queries: (TraceQuery | undefined)[][] = [];
  const datasets = models.map((model) => {
    const mine = groups.filter((g) => g.model === model);
    const echo = mine.reduce((s, g) => s + g.transitions.FFecho, 0);
    const ff = mine.reduce((s, g) => s + g.transitions.FFecho + g.transitions.FFnew, 0);
    const cells = tasks.map((task) => mine.find((g) => g.task === task));
    queries.push(cells.map((g) => (g ? query(g, 'FFecho') : undefined)));
    return {
      label: `${model} (pooled ${ff > 0 ? pct(echo / ff) + '%' : '–'})`,
      data: cells.map((g) => (g && finite(g.echoRate) ? g.echoRate : null)),
      backgroundColor: styles.style(theme, model).color,
      borderWidth: 0,
    };
  });
  return {
    queries,
    empty: datasets.every((d) => d.data.every((v) => v === null))
      ? 'No wrong answer was followed by another wrong answer (F→F): the echo rate is undefined.'
      : undefined,
    config: {
      type: 'bar',
      data: { labels: tasks.map(taskLabel), datasets },
      options: {
        plugins: { ...boundedLegend(datasets.length, 'Echo rate per model') },
        scales: {
          x: { title: { display: true, text: 'task (difficulty)' } },
          y: { min: 0, max: 1, ticks: percentTicks, title: { display: true, text: 'echo / (echo + new)' } },
        },
      },
    } as ChartConfiguration,
  };
}

/** The series of the step charts, in their order: a run (or model) and task each, labelled by the run alone when there is one task. */
export function stepSeries(groups: readonly CalibrationGroup[]): { name: string; task: string; key: string; label: string }[] {
  const withStep = groups.filter((g) => g.step !== undefined);
  const keys = new Set(withStep.map((g) => JSON.stringify([seriesNameOf(g), g.task])));
  const names = [...new Set(withStep.map(seriesNameOf))].sort(compareNames);
  const tasks = tasksOf(withStep);
  const series: { name: string; task: string; key: string; label: string }[] = [];
  for (const name of names)
    for (const task of tasks) {
      const key = JSON.stringify([name, task]);
      if (keys.has(key)) series.push({ name, task, key, label: tasks.length === 1 ? name : `${name} · ${taskLabel(task)}` });
    }
  return series;
}

/**
 * A metric over training steps: a series per run (or model) and task. A model named
 * `<run>@step-N` at step N (the rollouts of ds3 and tiny-lm runs) is its run's point at step N,
 * so a run is one line over the steps, not a one-point series per step.
 */
export function stepChart(groups: CalibrationGroup[], metric: Metric | 'accuracy', theme: Theme, slots?: SeriesSlots): BuiltChart {
  const withStep = groups.filter((g) => g.step !== undefined);
  const styles = slotsFor(theme, slots);
  const keyOf = (g: CalibrationGroup) => JSON.stringify([seriesNameOf(g), g.task]);
  const queries: (TraceQuery | undefined)[][] = [];
  const datasets = stepSeries(groups).map(({ task, key, label }) => {
    const data: ViewPoint[] = withStep
      .filter((g) => keyOf(g) === key && finite(g[metric].value))
      .sort((a, b) => a.step! - b.step!)
      .map((g) => ({
        x: g.step!,
        y: g[metric].value,
        yLo: g[metric].lo,
        yHi: g[metric].hi,
        info: `${g.model} · ${taskLabel(task)} · step ${g.step}: ${rateText(g[metric])}, n=${g.n}`,
        query: query(g, metric === 'accuracy' ? 'finalWrong' : RATE_FILTERS[metric]),
      }));
    queries.push(data.map((d) => d.query));
    return lineDataset(label, data, styles.style(theme, label), { pointRadius: 3 });
  });
  return {
    queries,
    empty: datasets.every((d) => d.data.length === 0) ? EMPTY_RATE[metric] : undefined,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        plugins: {
          ...boundedLegend(datasets.length, `${METRIC_LABEL[metric]} over training steps`, {
            boxWidth: 12,
            font: { size: 11 },
            usePointStyle: true,
          }),
          tooltip: { callbacks: { label: pointTooltip, title: () => '' } },
        },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' } },
          y: { min: 0, max: 1, ticks: percentTicks, title: { display: true, text: metric } },
        },
      },
    } as ChartConfiguration,
  };
}
