// Pure helpers over a CalibrationResult: ordering, selection by step, number formatting and
// the CSV export. No DOM, so the CLI and unit tests can use them too.
import type { CalibrationGroup, CalibrationResult, Estimate } from '../../protocol/calibration.js';

export type Metric = 'p' | 'delta1' | 'delta2';
export const METRICS: readonly Metric[] = ['p', 'delta1', 'delta2'];
export const METRIC_LABEL: Record<Metric | 'accuracy', string> = {
  p: 'p — first-attempt accuracy',
  delta1: 'δ1 — P(STOP | correct)',
  delta2: 'δ2 — P(RESAMPLE | wrong)',
  accuracy: 'observed accuracy',
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Difficulty order: "AxB" tasks by digit counts (3x4 before 3x10 before 4x4), others naturally. */
export function compareTasks(a: string, b: string): number {
  const ma = /^(\d+)x(\d+)$/.exec(a);
  const mb = /^(\d+)x(\d+)$/.exec(b);
  if (ma && mb) {
    const sa = Number(ma[1]) + Number(ma[2]);
    const sb = Number(mb[1]) + Number(mb[2]);
    return sa - sb || Number(ma[1]) - Number(mb[1]) || 0;
  }
  if (ma) return -1;
  if (mb) return 1;
  return collator.compare(a, b);
}

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

export function tasksOf(groups: readonly CalibrationGroup[]): string[] {
  return [...new Set(groups.map((g) => g.task))].sort(compareTasks);
}

export function modelsOf(groups: readonly CalibrationGroup[]): string[] {
  return [...new Set(groups.map((g) => g.model))].sort(compareNames);
}

/** "1 file", "2 files". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A task as the page shows it: the empty task (records without one) is "(no task)". */
export function taskLabel(task: string): string {
  return task === '' ? '(no task)' : task;
}

/**
 * The series a group belongs to over training steps: its model, or the run for a model named
 * `<run>@step-N` at step N (ds3 and tiny-lm rollouts name each step's weights so, keeping runs
 * and steps apart when calibrated together).
 */
export function seriesNameOf(g: Pick<CalibrationGroup, 'model' | 'step'>): string {
  const suffix = `@step-${g.step}`;
  return g.step !== undefined && g.model.endsWith(suffix) && g.model.length > suffix.length ? g.model.slice(0, -suffix.length) : g.model;
}

/** Steps present in the result, ascending; empty when no group carries a step. */
export function stepsOf(groups: readonly CalibrationGroup[]): number[] {
  const steps = new Set<number>();
  for (const g of groups) if (g.step !== undefined) steps.add(g.step);
  return [...steps].sort((a, b) => a - b);
}

/** Groups shown in the per-task views: those of one step when the result has steps. */
export function groupsAtStep(groups: readonly CalibrationGroup[], step: number | undefined): CalibrationGroup[] {
  return step === undefined ? [...groups] : groups.filter((g) => g.step === step);
}

/** A result is usable when at least one group has a judged trace. */
export function isUsable(result: CalibrationResult): boolean {
  return result.groups.some((g) => g.n > 0);
}

export function finite(v: number | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A fraction as a percentage with one decimal ("74.0"); a dash when undefined. */
export function pct(v: number): string {
  return finite(v) ? (v * 100).toFixed(1) : '–';
}

/** Table 1 style: "74.0 (65.4, 82.6)". */
export function formatEstimate(e: Estimate): string {
  if (!finite(e.value)) return '–';
  return `${pct(e.value)} (${pct(e.lo)}, ${pct(e.hi)})`;
}

function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const ESTIMATES = ['accuracy', 'p', 'delta1', 'delta2', 'predicted', 'predictedK'] as const;

/** One row per group; rates as fractions like the JSON (empty cell where undefined). */
export function calibrationCsv(result: CalibrationResult): string {
  const header = ['model', 'task', 'step', 'n'];
  for (const k of ESTIMATES) header.push(k, `${k}_lo`, `${k}_hi`);
  header.push(
    'K',
    'TT',
    'TF',
    'FT',
    'FF_echo',
    'FF_new',
    'echo_rate',
    'correct_final',
    'first_correct',
    'stop_after_correct',
    'decisions_after_correct',
    'resample_after_wrong',
    'decisions_after_wrong',
  );
  const rows = [header.join(',')];
  const sorted = [...result.groups].sort(
    (a, b) => compareNames(a.model, b.model) || compareTasks(a.task, b.task) || (a.step ?? 0) - (b.step ?? 0),
  );
  for (const g of sorted) {
    const row: (string | number | undefined)[] = [g.model, g.task, g.step, g.n];
    for (const k of ESTIMATES) row.push(g[k].value, g[k].lo, g[k].hi);
    const t = g.transitions;
    const c = g.counts;
    row.push(
      g.predictedK.K,
      t.TT,
      t.TF,
      t.FT,
      t.FFecho,
      t.FFnew,
      g.echoRate,
      c.correctFinal,
      c.firstCorrect,
      c.stopAfterCorrect,
      c.decisionsAfterCorrect,
      c.resampleAfterWrong,
      c.decisionsAfterWrong,
    );
    rows.push(row.map(csvField).join(','));
  }
  return rows.join('\n') + '\n';
}

/**
 * What a result is of, for the view to tell a new data set from new steps of the same one: the
 * source and its series (runs, models) and tasks. A live run's new steps or a refresh keep it.
 */
export function dataSetKey(result: Pick<CalibrationResult, 'groups'>, meta?: { source: string }): string {
  const series = [...new Set(result.groups.map(seriesNameOf))].sort();
  const tasks = [...new Set(result.groups.map((g) => g.task))].sort();
  return JSON.stringify([meta?.source ?? '', series, tasks]);
}
