// Gold labels written from the editor (docs/segmentation-eval.md): the code actions on a candidate
// answer run this command through `workspace/executeCommand`; the server writes the label to the
// gold file beside the trace, never to the trace.

/** `workspace/executeCommand` of the gold-label code actions: writes one label to the trace's gold file. */
export const LABEL_COMMAND = 'reflectionLens.label';
/**
 * - `not-answer`: the value at `offset` is not a candidate answer (removed from the label);
 * - `answer`: the candidate at `offset` answers the question here (added, or confirmed when it was
 *   copied from the engine's reading);
 * - `mark`: any value at `offset` (a number, a selected word or expression) is a candidate answer;
 * - `final`: `value` at `offset` is the answer the response ends on (the label's `final`);
 * - `truncated`: `value` "true" or "false": the response was cut off at the generation limit;
 * - `remove`: the record's label is deleted (its line removed from the gold file): unlabelled again.
 */
export type LabelOp = 'not-answer' | 'answer' | 'mark' | 'final' | 'truncated' | 'remove';
export interface LabelArgs {
  uri: string;
  /** The record. */
  id: string;
  op: LabelOp;
  value: string;
  /** Body offset of the value (0 for `truncated` and `remove`). */
  offset: number;
  /**
   * The document's version when the action was offered: an action offered before an edit is
   * refused after it (its offsets may no longer be the value's). Absent: not checked.
   */
  version?: number;
}
export interface LabelResult {
  /** The gold file written. */
  goldFile: string;
}
