// `reflection-lens verl export`: one folder holding everything a verl GRPO run needs: the
// dataset (train.parquet, test.parquet), the reward function, the editable launch config and the
// launch scripts generated from it, plus the two folders verl will dump rollouts into. An edited
// verl-config.json is kept (unless forced) and the scripts are regenerated from it.
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { Rng, sampleProblem } from '../multiplication.js';
import { toVerlRows, type PromptWithAnswer, type VerlRow } from './dataset.js';
import { writeVerlParquet } from './parquet.js';
import { rewardFunctionSource } from './rewardFunction.js';
import { launchScript, paperGrpoConfig, parseLaunchConfig, type VerlLaunchConfig } from './launchConfig.js';

/** Defaults of this tool (the paper's task symbols did not survive extraction): two training sizes, harder ones held out. */
export const DEFAULT_TRAIN_TASKS = ['2x3', '3x3'];
export const DEFAULT_TEST_TASKS = ['2x3', '3x3', '3x4', '4x4', '4x5', '5x5', '5x6', '6x6'];

export interface MultiplicationSource {
  kind: 'multiplication';
  trainTasks: readonly string[];
  testTasks: readonly string[];
  /** Training problems in all, split evenly over trainTasks (paper: 20,000). */
  nTrain: number;
  /** Test problems per test task (paper: 100). */
  nTestPerTask: number;
  seed: number;
}

export interface CorpusSource {
  kind: 'corpus';
  /** Distinct prompts with ground truths (see corpusPrompts). */
  items: PromptWithAnswer[];
  /** Share of prompts held out for test.parquet. */
  testFraction: number;
  seed: number;
}

export interface ExportOptions {
  outDir: string;
  source: MultiplicationSource | CorpusSource;
  model?: string;
  /** Overwrite an existing (possibly edited) verl-config.json. */
  force?: boolean;
  /** The verl release of a newly written config (default DEFAULT_VERL_VERSION); a kept config keeps its own. */
  verlVersion?: string;
}

export interface ExportResult {
  outDir: string;
  files: { train: string; test: string; reward: string; config: string; runScript: string; rayScript: string };
  rolloutDir: string;
  validationDir: string;
  rows: { train: number; test: number };
  /** Rows per task and split, so a caller can show the in-/out-of-distribution layout. */
  tasks: Record<string, { train: number; test: number }>;
  /** true when an existing verl-config.json was left as the user edited it. */
  configKept: boolean;
  config: VerlLaunchConfig;
}

export const MULTIPLICATION_QUERY = (a: number, b: number): string => `Calculate ${a} * ${b}. Think step by step.`;

function multiplicationItems(tasks: readonly string[], perTask: number[], rng: Rng): PromptWithAnswer[] {
  const items: PromptWithAnswer[] = [];
  tasks.forEach((task, i) => {
    for (let k = 0; k < perTask[i]; k++) {
      const p = sampleProblem(task, rng);
      items.push({ query: MULTIPLICATION_QUERY(p.a, p.b), answer: String(p.product), task });
    }
  });
  return items;
}

/** Splits n as evenly as possible over k parts (the first parts get the remainder). */
const evenSplit = (n: number, k: number): number[] => Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));

function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function buildRows(source: MultiplicationSource | CorpusSource): { train: VerlRow[]; test: VerlRow[] } {
  if (source.kind === 'multiplication') {
    if (source.trainTasks.length === 0 || source.testTasks.length === 0) throw new Error('need at least one train task and one test task');
    if (source.nTrain < 1 || source.nTestPerTask < 1) throw new Error('--n and --n-test must be at least 1');
    // Separate streams so changing the test tasks leaves the training set as it was.
    const train = shuffle(multiplicationItems(source.trainTasks, evenSplit(source.nTrain, source.trainTasks.length), new Rng(source.seed)), new Rng(source.seed + 1));
    const test = multiplicationItems(source.testTasks, source.testTasks.map(() => source.nTestPerTask), new Rng(source.seed + 2));
    return { train: toVerlRows(train, 'train', 'multiplication'), test: toVerlRows(test, 'test', 'multiplication') };
  }
  if (source.items.length < 2) throw new Error(`the corpus has ${source.items.length} prompt(s) with a ground truth; a train and a test split need at least 2`);
  const items = shuffle([...source.items], new Rng(source.seed));
  const nTest = Math.min(items.length - 1, Math.max(1, Math.round(items.length * source.testFraction)));
  return { train: toVerlRows(items.slice(nTest), 'train', 'corpus'), test: toVerlRows(items.slice(0, nTest), 'test', 'corpus') };
}

export function exportVerlBundle(opts: ExportOptions): ExportResult {
  const outDir = resolve(opts.outDir);
  const files = {
    train: join(outDir, 'train.parquet'),
    test: join(outDir, 'test.parquet'),
    reward: join(outDir, 'reflection_lens_reward.py'),
    config: join(outDir, 'verl-config.json'),
    runScript: join(outDir, 'run_grpo.sh'),
    rayScript: join(outDir, 'submit_ray.sh'),
  };
  const { train, test } = buildRows(opts.source);

  writeVerlParquet(files.train, train);
  writeVerlParquet(files.test, test);
  writeFileAtomic(files.reward, rewardFunctionSource);

  const configKept = existsSync(files.config) && !opts.force;
  const config = configKept
    ? parseLaunchConfig(readFileSync(files.config, 'utf8'), files.config)
    : paperGrpoConfig({ trainFiles: files.train, valFiles: files.test, rewardPath: files.reward, rolloutDir: join(outDir, 'rollouts'), validationDir: join(outDir, 'validation') }, opts.model, opts.verlVersion);
  // An edited config may point verl's dumps elsewhere (a shared filesystem): report those.
  const rolloutDir = resolve(outDir, String(config.overrides['trainer.rollout_data_dir'] ?? 'rollouts'));
  const validationDir = resolve(outDir, String(config.overrides['trainer.validation_data_dir'] ?? 'validation'));
  if (!configKept) writeFileAtomic(files.config, JSON.stringify(config, null, 2) + '\n');
  writeFileAtomic(files.runScript, launchScript(config, 'local'));
  writeFileAtomic(files.rayScript, launchScript(config, 'ray'));
  chmodSync(files.runScript, 0o755);
  chmodSync(files.rayScript, 0o755);
  mkdirSync(rolloutDir, { recursive: true });
  mkdirSync(validationDir, { recursive: true });

  const tasks: ExportResult['tasks'] = {};
  for (const [rows, split] of [[train, 'train'], [test, 'test']] as const) {
    for (const r of rows) (tasks[r.extra_info.task] ??= { train: 0, test: 0 })[split]++;
  }
  return { outDir, files, rolloutDir, validationDir, rows: { train: train.length, test: test.length }, tasks, configKept, config };
}
