// The multiplication export's default task sizes, in a module of their own so that the editor can
// show them without loading the export (and its Parquet writer) into the extension host.

/** Defaults of this tool (the paper's task symbols did not survive extraction): two training sizes, harder ones held out. */
export const DEFAULT_TRAIN_TASKS = ['2x3', '3x3'];
export const DEFAULT_TEST_TASKS = ['2x3', '3x3', '3x4', '4x4', '4x5', '5x5', '5x6', '6x6'];
