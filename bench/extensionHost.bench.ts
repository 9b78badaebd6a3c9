// The extension host's longest event-loop stall while the editor does engine work for the user
// (issue: no engine work on the extension host; goal under 50 ms). A stall freezes every extension
// in the window, so what counts is the longest one, not the total time.
//   - verl export of the default multiplication task: in process (how the client did it before,
//     the baseline) vs the bundled CLI as a child process (client/src/cliProcess.ts, what it does now);
//   - the run listing behind "Open Training Run" / "Resume Training Run" over RUNS runs, one of
//     them with a METRICS-step metrics.jsonl, and opening that run's metrics: synchronous in
//     process (listRuns / readMetrics, the first baseline), streamed in process (listRunsAsync /
//     readMetricsAsync, the previous release), and asked of the language server over JSON-RPC
//     (reflectionLens/listRuns, readRun: what the client does now; the answer's JSON is still
//     parsed on the extension host).
// Sizes: EH_BENCH_RUNS (default 200), EH_BENCH_METRICS (default 20000). Needs `npm run build`
// (`npm run bench -- extensionHost` builds first). Run: node --import tsx bench/extensionHost.bench.ts
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../client/src/cliProcess.js';
import { exportVerlBundle, DEFAULT_TEST_TASKS, DEFAULT_TRAIN_TASKS } from '../server/src/training/verl/exportBundle.js';
import { listRuns, listRunsAsync, readMetrics, readMetricsAsync } from '../server/src/training/runDir.js';
import { listRunsRequest, readRunRequest } from '../protocol/methods.js';
import { LspSession } from '../test/protocol/lspSession.js';

const RUNS = Number(process.env.EH_BENCH_RUNS ?? 200);
const METRICS = Number(process.env.EH_BENCH_METRICS ?? 20000);
const GOAL_MS = 50;

/**
 * Runs `work` and returns the longest event-loop stall (ms) seen while it ran, and its wall time:
 * a 1 ms ticker records the longest gap between its ticks (a synchronous call blocks it whole).
 */
async function stall(work: () => unknown): Promise<{ maxMs: number; wallMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 20));
  maxGap = 0;
  last = performance.now();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  // One more tick, so a stall at the very end is seen.
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(ticker);
  return { maxMs: maxGap, wallMs };
}

const root = mkdtempSync(join(tmpdir(), 'rl-ehbench-'));
try {
  const source = {
    kind: 'multiplication' as const,
    trainTasks: DEFAULT_TRAIN_TASKS,
    testTasks: DEFAULT_TEST_TASKS,
    nTrain: 20000,
    nTestPerTask: 100,
    seed: 1,
  };
  const rows: [string, { maxMs: number; wallMs: number }][] = [];
  // Warm both paths once (module loading, the CLI's first start).
  exportVerlBundle({ outDir: join(root, 'warm-in'), source });
  await runCli('dist/cli.js', ['verl', 'export', '--out', join(root, 'warm-cli'), '--json'], () => undefined, new AbortController().signal);
  const before = await stall(() => exportVerlBundle({ outDir: join(root, 'in-process'), source }));
  const now = await stall(async () => {
    const r = await runCli(
      'dist/cli.js',
      ['verl', 'export', '--out', join(root, 'child'), '--json'],
      () => undefined,
      new AbortController().signal,
    );
    if (r.code !== 0) throw new Error(`verl export failed: ${r.stderr}`);
  });
  rows.push(['verl export, in process (before)', before], ['verl export, CLI child process (now)', now]);

  // RUNS run directories, each with a config, a status, a checkpoint folder and 200 metric lines.
  const runs = join(root, 'runs');
  const metricLine = (step: number): string =>
    JSON.stringify({
      step,
      policy: 'ds3',
      p: 0.6,
      delta1: 0.9,
      delta2: 0.8,
      accuracy: 0.87,
      reward: 0.84,
      ratio: { surrogate: 1.07, kl: 7.2 },
    });
  for (let i = 0; i < RUNS; i++) {
    const d = join(runs, `run-${i}`);
    mkdirSync(join(d, 'checkpoints'), { recursive: true });
    writeFileSync(join(d, 'config.json'), JSON.stringify({ policy: 'ds3', steps: 200, seed: i }));
    writeFileSync(join(d, 'status.json'), JSON.stringify({ state: 'completed', step: 200, startedAt: new Date(1e12 + i).toISOString() }));
    writeFileSync(join(d, 'metrics.jsonl'), Array.from({ length: 200 }, (_, s) => metricLine(s)).join('\n') + '\n');
  }
  const big = join(runs, 'run-0');
  writeFileSync(join(big, 'metrics.jsonl'), Array.from({ length: METRICS }, (_, s) => metricLine(s)).join('\n') + '\n');
  const counts: number[] = [];
  const lsp = new LspSession();
  await lsp.initialize();
  try {
    await lsp.conn.sendRequest(listRunsRequest, { root: runs }); // warm the server's modules
    rows.push([
      `run listing, ${RUNS} runs, sync (before)`,
      await stall(() => {
        counts.push(listRuns(runs).length);
      }),
    ]);
    rows.push([
      `run listing, ${RUNS} runs, async in process`,
      await stall(async () => {
        counts.push((await listRunsAsync(runs)).length);
      }),
    ]);
    rows.push([
      `run listing, ${RUNS} runs, language server (now)`,
      await stall(async () => {
        counts.push((await lsp.conn.sendRequest(listRunsRequest, { root: runs })).length);
      }),
    ]);
    rows.push([
      `open a run, ${METRICS} metric lines, sync (before)`,
      await stall(() => {
        counts.push(readMetrics(big).records.length);
      }),
    ]);
    rows.push([
      `open a run, ${METRICS} metric lines, async in process`,
      await stall(async () => {
        counts.push((await readMetricsAsync(big)).records.length);
      }),
    ]);
    rows.push([
      `open a run, ${METRICS} lines, language server (now)`,
      await stall(async () => {
        counts.push((await lsp.conn.sendRequest(readRunRequest, { dir: big })).records.length);
      }),
    ]);
  } finally {
    await lsp.close();
  }
  if (counts.join() !== [RUNS, RUNS, RUNS, METRICS, METRICS, METRICS].join())
    throw new Error(`counts ${counts.join()}, expected ${RUNS} x3, ${METRICS} x3`);
  copyFileSync(join(big, 'metrics.jsonl'), join(root, 'metrics-size.jsonl'));
  const mb = readFileSync(join(root, 'metrics-size.jsonl')).length / 1e6;

  console.log(`extension host: longest event-loop stall (goal under ${GOAL_MS} ms); metrics file ${mb.toFixed(1)} MB`);
  for (const [name, r] of rows)
    console.log(
      `  ${name.padEnd(48)} stall ${r.maxMs.toFixed(1).padStart(7)} ms   wall ${r.wallMs.toFixed(0).padStart(6)} ms   ${r.maxMs < GOAL_MS ? 'ok' : 'OVER'}`,
    );
  const ratio = (a: number, b: number): string => `${(rows[a][1].maxMs / rows[b][1].maxMs).toFixed(1)}x`;
  console.log(`ratios, longest stall before/now: verl export ${ratio(0, 1)}, run listing ${ratio(2, 4)}, opening a run ${ratio(5, 7)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
