// The Table 1 experiment's result as one object: what `--json` prints and report.json holds
// (docs/experiment.md): per arm and task the pooled statistics with per-seed values, the
// verdicts, the design checks, the paper's Table 1 beside ours, and the time it took.
import { collectTable1, type ArmResult, type RunTiming } from './results.js';
import { PAPER_TABLE1, type PaperTable1 } from './paper.js';
import type { Table1Plan } from './plan.js';
import { readExperimentState, type RunRecord } from './runner.js';
import { designChecks, gateVerdicts, verdicts, type DesignCheck, type Verdict } from './verdicts.js';

export interface Table1Report {
  experiment: 'table1';
  /** When the report was made (ISO time). */
  createdAt: string;
  out: string;
  plan: Table1Plan;
  seeds: number[];
  arms: ArmResult[];
  verdicts: Verdict[];
  designChecks: DesignCheck[];
  paper: PaperTable1;
  timing: {
    /** Wall-clock seconds of every invocation that worked on the folder (experiment.json), and the most runs any of them trained at once. */
    wallSeconds: number | null;
    jobs: number | null;
    /** Sum of the runs' wall-clock seconds (every invocation, evaluation included; above wallSeconds when runs trained at once). */
    trainingSeconds: number;
    /** Training tokens per second over all runs' steps. */
    tokensPerSec: number | null;
    runs: RunTiming[];
  };
}

export async function buildTable1Report(out: string, plan: Table1Plan, runs: readonly RunRecord[]): Promise<Table1Report> {
  const numbers = await collectTable1(out, plan, runs);
  const checks = designChecks(numbers.arms);
  const stepSeconds = numbers.timing.reduce((a, r) => a + r.stepSeconds, 0);
  const tokens = numbers.timing.reduce((a, r) => a + (r.tokensPerSec ?? 0) * r.stepSeconds, 0);
  const invocations = readExperimentState(out)?.invocations ?? [];
  return {
    experiment: 'table1',
    createdAt: new Date().toISOString(),
    out,
    plan,
    seeds: numbers.seeds,
    arms: numbers.arms,
    verdicts: gateVerdicts(verdicts(numbers.arms), checks),
    designChecks: checks,
    paper: PAPER_TABLE1,
    timing: {
      wallSeconds: invocations.length ? invocations.reduce((a, i) => a + i.seconds, 0) : null,
      jobs: invocations.length ? Math.max(...invocations.map((i) => i.jobs)) : null,
      trainingSeconds: numbers.timing.reduce((a, r) => a + r.seconds, 0),
      tokensPerSec: stepSeconds > 0 ? tokens / stepSeconds : null,
      runs: numbers.timing,
    },
  };
}
