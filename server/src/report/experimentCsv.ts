// The Table 1 experiment as CSV: table1.csv (per arm and task, pooled over seeds: Table 1's and
// Figure 1's numbers with their intervals, transitions, echo rate) and per-seed.csv (the same
// statistics per seed). Fractions in [0, 1]; empty cells where a statistic is undefined.
import type { Estimate } from '../analysis/types.js';
import type { Table1Report } from '../training/experiment/report.js';

const csvCell = (v: string | number | boolean | null | undefined): string => {
  const s = v === undefined || v === null || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (cells: (string | number | boolean | null | undefined)[]): string => cells.map(csvCell).join(',');
const triple = (e: Estimate): number[] => [e.value, e.lo, e.hi];
const heads = (names: string[]): string[] => names.flatMap((m) => [m, `${m}_lo`, `${m}_hi`]);

export function table1Csv(r: Table1Report): string {
  const head = [
    'arm',
    'task',
    'ood',
    'n',
    ...heads(['accuracy', 'p', 'delta1', 'delta2', 'predicted', 'predicted_infinite']),
    'K',
    'TT',
    'TF',
    'FT',
    'FFecho',
    'FFnew',
    'echo_rate',
    'accuracy_seed_sd',
    'delta2_seed_sd',
  ];
  const rows = r.arms.flatMap((a) =>
    a.tasks.map((t) =>
      line([
        a.name,
        t.task,
        t.ood,
        t.n,
        ...triple(t.accuracy),
        ...triple(t.p),
        ...triple(t.delta1),
        ...triple(t.delta2),
        ...triple(t.predicted),
        ...triple(t.predictedInfinite),
        t.predicted.K,
        t.transitions.TT,
        t.transitions.TF,
        t.transitions.FT,
        t.transitions.FFecho,
        t.transitions.FFnew,
        t.echoRate,
        t.spread.accuracy?.sd,
        t.spread.delta2?.sd,
      ]),
    ),
  );
  return [line(head), ...rows].join('\n') + '\n';
}

export function perSeedCsv(r: Table1Report): string {
  const head = ['arm', 'task', 'ood', 'seed', 'n', ...heads(['accuracy', 'p', 'delta1', 'delta2', 'predicted']), 'echo_rate'];
  const rows = r.arms.flatMap((a) =>
    a.tasks.flatMap((t) =>
      t.perSeed.map((s) =>
        line([
          a.name,
          t.task,
          t.ood,
          s.seed,
          s.n,
          ...triple(s.accuracy),
          ...triple(s.p),
          ...triple(s.delta1),
          ...triple(s.delta2),
          ...triple(s.predicted),
          s.echoRate,
        ]),
      ),
    ),
  );
  return [line(head), ...rows].join('\n') + '\n';
}
