// Calibration results for the view's browser tests.
import { readFileSync } from 'node:fs';
import type { CalibrationResult } from '../../server/src/analysis/types.js';

function fixture(name: string): CalibrationResult {
  return JSON.parse(readFileSync(`test/fixtures/${name}`, 'utf8')) as CalibrationResult;
}

/** Two models on six tasks. */
export async function calibratedCorpus(): Promise<CalibrationResult> {
  return fixture('calibration-result.json');
}

/** Two models on three tasks at four training steps. */
export async function calibratedStepCorpus(): Promise<CalibrationResult> {
  return fixture('calibration-steps.json');
}
