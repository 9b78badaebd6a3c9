// Which charts the training view draws for a policy, and how each series reads a metrics line.
// ds3 follows the paper's Figure 3: logits, probabilities, surrogate push and KL drag per
// parameter, the net update, and the attribution ratio of each objective.
import type { MetricsRecord } from '../../protocol/webview/training.js';

export interface SeriesSpec {
  label: string;
  get(m: MetricsRecord): number | null;
  /** Dashed (references, thresholds). */
  dashed?: boolean;
  /** Palette index (default: the series index), so a reference can share its parameter's colour. */
  color?: number;
  /** Present on a few steps only (evaluations): drawn as points joined across the steps between. */
  sparse?: boolean;
}

export interface ChartSpec {
  id: string;
  title: string;
  note: string;
  series: SeriesSpec[];
  logY?: boolean;
}

/** Reads a finite number at a dotted path, else null (gaps stay gaps, not zeros). */
export function pick(m: unknown, path: string): number | null {
  let v: unknown = m;
  for (const k of path.split('.')) {
    if (typeof v !== 'object' || v === null) return null;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const at = (path: string) => (m: MetricsRecord) => pick(m, path);
const PARAMS: [string, string][] = [
  ['s', 'θ_s (sampling)'],
  ['stop', 'θ_stop (STOP | correct)'],
  ['resample', 'θ_resample (RESAMPLE | wrong)'],
];
const perParameter = (key: string): SeriesSpec[] => PARAMS.map(([k, label]) => ({ label, get: at(`${key}.${k}`) }));

export const ds3Charts: ChartSpec[] = [
  {
    id: 'logits',
    title: 'Logits',
    note: 'policy (solid) and reference (dashed; resets every M steps)',
    series: [
      ...perParameter('theta'),
      ...PARAMS.map(([k, label], i) => ({ label: `ref ${label.split(' ')[0]}`, get: at(`reference.${k}`), dashed: true, color: i })),
    ],
  },
  {
    id: 'probabilities',
    title: 'p, δ1, δ2',
    note: 'P(correct sample), P(STOP | correct), P(RESAMPLE | wrong); accuracy = p·δ1 / (p·δ1 + (1−p)(1−δ2))',
    series: [
      { label: 'p', get: at('p') },
      { label: 'δ1', get: at('delta1') },
      { label: 'δ2', get: at('delta2') },
      { label: 'accuracy', get: at('accuracy'), dashed: true },
    ],
  },
  {
    id: 'push',
    title: 'Surrogate push per parameter',
    note: 'Σ A·γ^(T−t)·∂log π/∂θ (Theorem 3.1: the same Q for sampling and decisions)',
    series: perParameter('push'),
  },
  {
    id: 'drag',
    title: 'KL drag per parameter',
    note: "Σ Q_KL·∂log π/∂θ (Theorem 3.2: a sample's penalty weighs its L tokens, a decision one)",
    series: perParameter('drag'),
  },
  { id: 'net', title: 'Net gradient', note: 'push + drag: what the update applies', series: perParameter('net') },
  {
    id: 'ratio',
    title: 'Attribution ratio sampling : decision',
    note: '|g_s| / (|g_stop| + |g_resample|), log scale; none on reset steps (KL = 0)',
    logY: true,
    series: [
      { label: 'KL drag', get: at('ratio.kl') },
      { label: 'surrogate push', get: at('ratio.surrogate') },
      { label: '2 : 1', get: () => 2, dashed: true, color: 4 },
    ],
  },
];

export const tinyLmCharts: ChartSpec[] = [
  {
    id: 'reward',
    title: 'Reward and accuracy',
    note: 'training reward; evaluation accuracy in and out of distribution',
    series: [
      { label: 'train reward', get: at('reward') },
      { label: 'eval ID', get: at('eval.id.reward'), sparse: true },
      { label: 'eval OOD', get: at('eval.ood.reward'), sparse: true },
    ],
  },
  {
    id: 'calibration',
    title: 'p, δ1, δ2',
    note: 'from the sampled attempts; dashed: out of distribution',
    series: [
      { label: 'p', get: at('p') },
      { label: 'δ1', get: at('delta1') },
      { label: 'δ2', get: at('delta2') },
      { label: 'p OOD', get: at('eval.ood.p'), dashed: true, color: 0, sparse: true },
      { label: 'δ2 OOD', get: at('eval.ood.delta2'), dashed: true, color: 2, sparse: true },
    ],
  },
  {
    id: 'loss',
    title: 'Loss and KL',
    note: 'objective value per step; KL to the reference in GRPO',
    series: [
      { label: 'loss', get: at('loss') },
      { label: 'KL', get: at('kl') },
    ],
  },
];

export function chartsFor(policy: string): ChartSpec[] {
  return policy === 'ds3' ? ds3Charts : tinyLmCharts;
}
