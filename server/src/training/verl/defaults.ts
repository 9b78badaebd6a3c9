// The multiplication export's default task sizes (protocol/runDefaults.ts, where the editor reads
// them without loading the export and its Parquet writer).
import { VERL_TEST_TASKS, VERL_TRAIN_TASKS } from '../../../../protocol/runDefaults.js';

export const DEFAULT_TRAIN_TASKS: readonly string[] = VERL_TRAIN_TASKS;
export const DEFAULT_TEST_TASKS: readonly string[] = VERL_TEST_TASKS;
