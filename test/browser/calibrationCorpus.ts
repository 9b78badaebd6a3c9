// Calibration results for the view's browser tests, computed by the real engine the way the
// language server does it (CalibrationCorpus + calibrateSnapshot) from generated traces with
// known parameters, plus one malformed file so the skipped list is not empty.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CalibrationGrouping, CalibrationResult } from '../../server/src/analysis/types.js';
import { CalibrationCorpus, calibrateSnapshot } from '../../server/src/lsp/calibrationCorpus.js';
import { generateMultiplicationTraceText, type GenerateModelSpec } from '../../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';

const TASKS = ['3x3', '3x4', '4x4', '4x5', '5x5', '5x6'];
/** Shaped like the paper's Figure 1: p falls with difficulty; RL keeps delta2, SFT echoes. */
const RL = { p: [0.8, 0.7, 0.55, 0.4, 0.25, 0.15], delta1: 0.95, delta2: 0.55, echoRate: 0.2 };
const SFT = { p: [0.75, 0.6, 0.4, 0.25, 0.12, 0.05], delta1: 0.97, delta2: 0.15, echoRate: 0.8 };

function spec(name: string, m: typeof RL, tasks: string[], n: number, step?: number, drift = 0): GenerateModelSpec {
  return {
    name,
    step,
    echoRate: m.echoRate,
    tasks: tasks.map((task, i) => ({
      task,
      p: Math.min(0.95, m.p[i]! + drift),
      delta1: m.delta1,
      delta2: Math.min(0.9, Math.max(0.02, m.delta2 + drift)),
      n,
    })),
  };
}

async function calibrate(models: GenerateModelSpec[], by: CalibrationGrouping): Promise<CalibrationResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-view-'));
  try {
    for (const [i, m] of models.entries()) {
      writeFileSync(join(dir, `${m.name}-${m.step ?? 0}.trace`), generateMultiplicationTraceText({ seed: 100 + i, models: [m] }));
    }
    writeFileSync(join(dir, 'broken.trace'), '=== 1\nquery: Calculate 12 * 34.\nnot a header line\n---\nThe answer is 408.\n');
    const snap = await new CalibrationCorpus().load([dir], defaultSegmentOptions);
    const result = calibrateSnapshot(snap, { bootstrap: 200, seed: 1, horizon: 4, by });
    // Paths of a temporary folder would differ per run: show them relative to it.
    for (const s of result.skipped) s.file = s.file.slice(dir.length + 1);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Two models on six tasks, 100 traces each. */
export function calibratedCorpus(): Promise<CalibrationResult> {
  return calibrate([spec('grpo', RL, TASKS, 100), spec('sft-reflection', SFT, TASKS, 100)], 'model-task');
}

/** Two models on three tasks at four training steps (the models improve, SFT's delta2 decays). */
export function calibratedStepCorpus(): Promise<CalibrationResult> {
  return calibrate(
    [0, 100, 200, 300].flatMap((step) => [
      spec('grpo', RL, TASKS.slice(0, 3), 60, step, step / 1000),
      spec('sft-reflection', { ...SFT, delta2: SFT.delta2 - step / 3000 }, TASKS.slice(0, 3), 60, step, step / 2000),
    ]),
    'step',
  );
}

/** Files the engine cannot calibrate: records without ground truth, without an answer, and binary data. */
export async function unusableCorpus(): Promise<CalibrationResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-view-bad-'));
  try {
    const noTruth = generateMultiplicationTraceText({ seed: 1, models: [spec('grpo', RL, ['3x3'], 3)] }).replace(/^answer: .*\n/gm, '');
    writeFileSync(join(dir, 'no-truth.trace'), noTruth);
    writeFileSync(
      join(dir, 'cut-off.trace'),
      '=== 1\nquery: Calculate 12 * 34.\nanswer: 408\ntruncated: true\n---\nI am not sure how to do th\n',
    );
    writeFileSync(join(dir, 'image.trace'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a, 0x00, 0xff]));
    const snap = await new CalibrationCorpus().load([dir], defaultSegmentOptions);
    const result = calibrateSnapshot(snap, { bootstrap: 200, seed: 1, horizon: 4, by: 'model-task' });
    for (const s of result.skipped) s.file = s.file.slice(dir.length + 1);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A folder with no trace files at all. */
export async function emptyCorpus(): Promise<CalibrationResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-view-empty-'));
  try {
    const snap = await new CalibrationCorpus().load([dir], defaultSegmentOptions);
    return calibrateSnapshot(snap, { bootstrap: 200, seed: 1, horizon: 4, by: 'model-task' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
