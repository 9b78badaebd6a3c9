// `reflection-lens verl export`: one folder holding everything a verl GRPO run needs: the
// dataset (train.parquet, test.parquet), the reward function, the editable launch config and the
// launch scripts generated from it, plus the two folders verl will dump rollouts into. An edited
// verl-config.json is kept (unless forced) and the scripts are regenerated from it. The export
// is all-or-nothing: checked first, staged, published at the end (exportVerlBundle).
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Rng, sampleProblem } from '../multiplication.js';
import { toVerlRows, type PromptWithAnswer, type VerlRow } from './dataset.js';
import { verlParquetBuffer } from './parquet.js';
import { rewardFunctionSource } from './rewardFunction.js';
import { launchScript, paperGrpoConfig, parseLaunchConfig, type VerlLaunchConfig } from './launchConfig.js';
import { processAlive } from '../../util/processAlive.js';

export { DEFAULT_TEST_TASKS, DEFAULT_TRAIN_TASKS } from './defaults.js';

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
    const train = shuffle(
      multiplicationItems(source.trainTasks, evenSplit(source.nTrain, source.trainTasks.length), new Rng(source.seed)),
      new Rng(source.seed + 1),
    );
    const test = multiplicationItems(
      source.testTasks,
      source.testTasks.map(() => source.nTestPerTask),
      new Rng(source.seed + 2),
    );
    return { train: toVerlRows(train, 'train', 'multiplication'), test: toVerlRows(test, 'test', 'multiplication') };
  }
  if (source.items.length < 2)
    throw new Error(`the corpus has ${source.items.length} prompt(s) with a ground truth; a train and a test split need at least 2`);
  const items = shuffle([...source.items], new Rng(source.seed));
  const nTest = Math.min(items.length - 1, Math.max(1, Math.round(items.length * source.testFraction)));
  return { train: toVerlRows(items.slice(nTest), 'train', 'corpus'), test: toVerlRows(items.slice(0, nTest), 'test', 'corpus') };
}

/** The files of a bundle, by role, as names inside the export folder. */
const BUNDLE_FILES = {
  train: 'train.parquet',
  test: 'test.parquet',
  reward: 'reflection_lens_reward.py',
  config: 'verl-config.json',
  runScript: 'run_grpo.sh',
  rayScript: 'submit_ray.sh',
} as const;

const STAGING_PREFIX = '.verl-export-';

/** Staging folders an export killed midway (SIGKILL, power loss) left in `dir`: `.verl-export-<pid>-...` of a process that is gone. */
function removeStaleStaging(dir: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid))
      rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Where a bundle file is published: the path itself, or, for a symlink, the file it points to
 * (written through: the link stays a link). Anything that is not a regular file (a folder, a
 * device, a FIFO, a dangling link) is refused before anything is written.
 */
function publishTarget(path: string): string {
  let st;
  try {
    st = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw err;
  }
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (err) {
      throw new Error(
        `${path} is a symbolic link to ${readlinkSync(path)}, which cannot be resolved (${(err as NodeJS.ErrnoException).code ?? String(err)}); remove the link or point it at a file`,
        { cause: err },
      );
    }
    if (!statSync(real).isFile())
      throw new Error(`${path} links to ${real}, which is not a regular file; move it away or re-export into another folder`);
    return real;
  }
  if (!st.isFile())
    throw new Error(
      `${path} exists and is not a regular file (${st.isDirectory() ? 'a folder' : 'a special file'}); move it away or re-export into another folder`,
    );
  return path;
}

/** A folder verl will dump into: must be a folder or not exist yet (it is created after the files are staged). */
function checkDumpFolder(key: string, path: string): void {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new Error(`${key}=${path}: a parent of it is a file, not a folder`, { cause: err });
    throw err;
  }
  if (!st.isDirectory())
    throw new Error(`${key}=${path} exists and is not a folder; move it away or point ${key} in verl-config.json elsewhere`);
}

/**
 * Publishes staged files: each `[name in staging, target]` is renamed over its target in order
 * (a target that is a symlink is written through to the file it points to; an existing target
 * keeps its permission bits, a staged script stays executable). If any step fails,
 * every target already replaced gets its previous content back (a target that did not exist is
 * removed again) and the error is rethrown. The previous versions are kept as hard links (or
 * copies) inside `staging` until the end, so the caller removes `staging` afterwards.
 */
export function publishStaged(staging: string, files: readonly (readonly [string, string])[]): void {
  const done: { target: string; backup: string | null }[] = [];
  try {
    files.forEach(([name, target], i) => {
      const real = publishTarget(target);
      const staged = join(staging, name);
      let backup: string | null = null;
      if (existsSync(real)) {
        // An existing file keeps its permission bits (a script stays executable where readable).
        const keep = statSync(real).mode & 0o7777;
        chmodSync(staged, statSync(staged).mode & 0o111 ? keep | ((keep & 0o444) >> 2) : keep);
        backup = join(staging, `.previous-${i}-${basename(real)}`);
        try {
          linkSync(real, backup);
        } catch {
          copyFileSync(real, backup);
        }
      }
      if (real === target) {
        renameSync(staged, real);
      } else {
        // The link's target may be on another file system: stage beside it, then rename.
        const tmp = join(dirname(real), `.${basename(real)}.${process.pid}.verl-export.tmp`);
        try {
          copyFileSync(staged, tmp);
          chmodSync(tmp, statSync(staged).mode & 0o7777);
          renameSync(tmp, real);
        } catch (err) {
          rmSync(tmp, { force: true });
          throw err;
        }
      }
      done.push({ target: real, backup });
    });
  } catch (err) {
    for (const { target, backup } of done.reverse()) {
      try {
        if (!backup) rmSync(target, { force: true });
        else {
          try {
            renameSync(backup, target);
          } catch {
            copyFileSync(backup, target); // a link's target on another file system
          }
        }
      } catch {
        // Nothing more to try: the previous version stays in the staging folder's backup only.
      }
    }
    throw err;
  }
}

/**
 * Writes the bundle all-or-nothing: every input is checked (the kept config parsed and
 * validated, the rows built, the scripts generated, each target and dump folder checked) before
 * anything is written; the files are then written into a staging folder and published at the
 * end. A new folder is staged beside it and renamed into place whole; in an existing one the
 * files are staged in a hidden sub-folder and renamed over the old ones, which are put back if
 * a rename fails. On any failure the previous bundle is left exactly as it was.
 */
export function exportVerlBundle(opts: ExportOptions): ExportResult {
  const outDir = resolve(opts.outDir);
  const files = {
    train: join(outDir, BUNDLE_FILES.train),
    test: join(outDir, BUNDLE_FILES.test),
    reward: join(outDir, BUNDLE_FILES.reward),
    config: join(outDir, BUNDLE_FILES.config),
    runScript: join(outDir, BUNDLE_FILES.runScript),
    rayScript: join(outDir, BUNDLE_FILES.rayScript),
  };

  // 1. Check and compute everything; nothing is written yet.
  const outExists = existsSync(outDir);
  if (outExists && !statSync(outDir).isDirectory()) throw new Error(`--out ${outDir} exists and is not a folder`);
  const configKept = outExists && existsSync(files.config) && !opts.force;
  const config = configKept
    ? parseLaunchConfig(readFileSync(publishTarget(files.config), 'utf8'), files.config)
    : paperGrpoConfig(
        {
          trainFiles: files.train,
          valFiles: files.test,
          rewardPath: files.reward,
          rolloutDir: join(outDir, 'rollouts'),
          validationDir: join(outDir, 'validation'),
        },
        opts.model,
        opts.verlVersion,
      );
  // An edited config may point verl's dumps elsewhere (a shared filesystem): report those.
  const rolloutDir = resolve(outDir, String(config.overrides['trainer.rollout_data_dir'] ?? 'rollouts'));
  const validationDir = resolve(outDir, String(config.overrides['trainer.validation_data_dir'] ?? 'validation'));
  checkDumpFolder('trainer.rollout_data_dir', rolloutDir);
  checkDumpFolder('trainer.validation_data_dir', validationDir);
  const { train, test } = buildRows(opts.source);
  const contents: [keyof typeof BUNDLE_FILES, string | Uint8Array][] = [
    ['train', new Uint8Array(verlParquetBuffer(train))],
    ['test', new Uint8Array(verlParquetBuffer(test))],
    ['reward', rewardFunctionSource],
    ...(configKept ? [] : [['config', JSON.stringify(config, null, 2) + '\n'] as [keyof typeof BUNDLE_FILES, string]]),
    ['runScript', launchScript(config, 'local')],
    ['rayScript', launchScript(config, 'ray')],
  ];
  if (outExists) for (const [role] of contents) publishTarget(files[role]);

  // 2. Stage, 3. publish.
  const stagingRoot = outExists ? outDir : dirname(outDir);
  const prefix = outExists ? STAGING_PREFIX : `.${basename(outDir)}${STAGING_PREFIX}`;
  mkdirSync(stagingRoot, { recursive: true });
  removeStaleStaging(stagingRoot, prefix);
  // mkdir, not mkdtemp: a new export folder gets the usual permissions (mkdtemp's are 0700).
  const staging = join(stagingRoot, `${prefix}${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging);
  try {
    for (const [role, data] of contents) {
      const file = join(staging, BUNDLE_FILES[role]);
      writeFileSync(file, data);
      if (role === 'runScript' || role === 'rayScript') chmodSync(file, 0o755);
    }
    // The dump folders: inside a new export folder they are staged with it; elsewhere they are
    // created before anything is published (an empty folder is all a failure can leave there).
    for (const dir of [rolloutDir, validationDir]) {
      const inside = relative(outDir, dir);
      const staged = !outExists && inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
      mkdirSync(staged ? join(staging, inside) : dir, { recursive: true });
    }
    if (outExists)
      publishStaged(
        staging,
        contents.map(([role]) => [BUNDLE_FILES[role], files[role]] as const),
      );
    else renameSync(staging, outDir); // a new folder appears whole, at once
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  const tasks: ExportResult['tasks'] = {};
  for (const [rows, split] of [
    [train, 'train'],
    [test, 'test'],
  ] as const) {
    for (const r of rows) (tasks[r.extra_info.task] ??= { train: 0, test: 0 })[split]++;
  }
  return { outDir, files, rolloutDir, validationDir, rows: { train: train.length, test: test.length }, tasks, configKept, config };
}
