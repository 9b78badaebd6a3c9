// Chart.js configurations for the calibration view, built from a CalibrationResult. Each builder
// also returns, per dataset and point, the trace query a click on that point opens.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { RATE_FILTERS, type CalibrationGroup, type TraceFilter, type TraceQuery } from '../../protocol/calibration.js';
import type { IntervalPoint } from '../shared/charts.js';
import { seriesStyle, type Theme } from '../shared/theme.js';
import { finite, METRIC_LABEL, modelsOf, pct, tasksOf, type Metric } from './data.js';

/** A point with its interval, tooltip text and the traces a click opens. */
export interface ViewPoint extends IntervalPoint {
  info: string;
  query?: TraceQuery;
}

export interface BuiltChart {
  config: ChartConfiguration;
  /** queries[dataset][index]: what a click on that element opens. */
  queries: (TraceQuery | undefined)[][];
}

const percentTicks = { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` };

function query(g: CalibrationGroup, filter: TraceFilter): TraceQuery {
  return g.step === undefined ? { model: g.model, task: g.task, filter } : { model: g.model, task: g.task, step: g.step, filter };
}

function pointTooltip(item: TooltipItem<'line' | 'scatter' | 'bar'>): string {
  const raw = item.raw as Partial<ViewPoint> | number;
  return typeof raw === 'object' && raw && raw.info ? raw.info : String(item.formattedValue);
}

function lineDataset(label: string, data: ViewPoint[], color: string, dash: number[], extra: object = {}) {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderDash: dash,
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
    ticks: { autoSkip: false, callback: (v: string | number) => tasks[Number(v)] ?? '' },
  };
}

/** One of p, delta1, delta2 per task, a series per model, bootstrap whiskers. */
export function metricChart(groups: CalibrationGroup[], metric: Metric, theme: Theme): BuiltChart {
  const tasks = tasksOf(groups);
  const models = modelsOf(groups);
  const queries: (TraceQuery | undefined)[][] = [];
  const datasets = models.map((model, m) => {
    const { color, dash } = seriesStyle(theme, m);
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
        info: `${model} · ${task}: ${pct(e.value)}% (${pct(e.lo)}, ${pct(e.hi)}), n=${g.n}`,
        query: query(g, RATE_FILTERS[metric]),
      });
    }
    queries.push(data.map((d) => d.query));
    return lineDataset(model, data, color, dash);
  });
  return {
    queries,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        plugins: {
          title: { display: true, text: METRIC_LABEL[metric] },
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

/** Figure 1: predicted (x) vs observed (y) accuracy, both predictions, intervals on both axes. */
export function predictedChart(groups: CalibrationGroup[], theme: Theme): BuiltChart {
  const models = modelsOf(groups);
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
  for (const [m, model] of models.entries()) {
    const { color } = seriesStyle(theme, m);
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
          info: `${model} · ${g.task}: predicted ${pct(pr.value)}% (${pct(pr.lo)}, ${pct(pr.hi)}), observed ${pct(acc.value)}% (${pct(acc.lo)}, ${pct(acc.hi)})`,
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
        pointStyle: which === 'predicted' ? 'circle' : 'triangle',
        pointRadius: 5,
        pointHoverRadius: 7,
        borderWidth: 1.5,
        clip: 8,
      });
    }
  }
  return {
    queries,
    config: {
      type: 'scatter',
      data: { datasets },
      options: {
        plugins: {
          title: { display: true, text: 'Predicted vs observed accuracy' },
          legend: { labels: { usePointStyle: true } },
          tooltip: { callbacks: { label: pointTooltip, title: () => '' }, filter: (i: TooltipItem<'scatter'>) => i.datasetIndex > 0 },
        },
        scales: {
          x: { min: 0, max: 1, ticks: percentTicks, title: { display: true, text: 'predicted accuracy (bootstrap interval)' } },
          y: { min: 0, max: 1, ticks: percentTicks, title: { display: true, text: 'observed accuracy (Wilson interval)' } },
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
    config: {
      type: 'bar',
      data: { labels: columns.map((g) => [g.task, g.model]), datasets },
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
export function echoChart(groups: CalibrationGroup[], theme: Theme): BuiltChart {
  const tasks = tasksOf(groups);
  const models = modelsOf(groups);
  const queries: (TraceQuery | undefined)[][] = [];
  const datasets = models.map((model, m) => {
    const mine = groups.filter((g) => g.model === model);
    const echo = mine.reduce((s, g) => s + g.transitions.FFecho, 0);
    const ff = mine.reduce((s, g) => s + g.transitions.FFecho + g.transitions.FFnew, 0);
    const cells = tasks.map((task) => mine.find((g) => g.task === task));
    queries.push(cells.map((g) => (g ? query(g, 'FFecho') : undefined)));
    return {
      label: `${model} (pooled ${ff > 0 ? pct(echo / ff) + '%' : '–'})`,
      data: cells.map((g) => (g && finite(g.echoRate) ? g.echoRate : null)),
      backgroundColor: seriesStyle(theme, m).color,
      borderWidth: 0,
    };
  });
  return {
    queries,
    config: {
      type: 'bar',
      data: { labels: tasks, datasets },
      options: {
        plugins: { title: { display: true, text: 'Echo rate per model' } },
        scales: {
          x: { title: { display: true, text: 'task (difficulty)' } },
          y: { min: 0, max: 1, ticks: percentTicks, title: { display: true, text: 'echo / (echo + new)' } },
        },
      },
    } as ChartConfiguration,
  };
}

/** A metric over training steps: a series per model and task (groups that carry a step). */
export function stepChart(groups: CalibrationGroup[], metric: Metric | 'accuracy', theme: Theme): BuiltChart {
  const withStep = groups.filter((g) => g.step !== undefined);
  const series: { model: string; task: string }[] = [];
  for (const model of modelsOf(withStep))
    for (const task of tasksOf(withStep)) {
      if (withStep.some((g) => g.model === model && g.task === task)) series.push({ model, task });
    }
  const queries: (TraceQuery | undefined)[][] = [];
  const datasets = series.map(({ model, task }, s) => {
    const { color, dash } = seriesStyle(theme, s);
    const data: ViewPoint[] = withStep
      .filter((g) => g.model === model && g.task === task && finite(g[metric].value))
      .sort((a, b) => a.step! - b.step!)
      .map((g) => ({
        x: g.step!,
        y: g[metric].value,
        yLo: g[metric].lo,
        yHi: g[metric].hi,
        info: `${model} · ${task} · step ${g.step}: ${pct(g[metric].value)}% (${pct(g[metric].lo)}, ${pct(g[metric].hi)}), n=${g.n}`,
        query: query(g, metric === 'accuracy' ? 'finalWrong' : RATE_FILTERS[metric]),
      }));
    queries.push(data.map((d) => d.query));
    return lineDataset(`${model} · ${task}`, data, color, dash, { pointRadius: 3 });
  });
  return {
    queries,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        plugins: {
          title: { display: true, text: `${METRIC_LABEL[metric]} over training steps` },
          legend: { labels: { boxWidth: 12, font: { size: 11 } } },
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
