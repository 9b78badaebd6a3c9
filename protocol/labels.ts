// Gold labels written from the editor (docs/segmentation-eval.md): the code actions on a candidate
// answer run this command through `workspace/executeCommand`; the server writes the label to the
// gold file beside the trace, never to the trace.

/** `workspace/executeCommand` of the gold-label code actions: writes one label to the trace's gold file. */
export const LABEL_COMMAND = 'reflectionLens.label';
export type LabelOp = 'not-answer' | 'answer' | 'mark';
export interface LabelArgs {
  uri: string;
  /** The record. */
  id: string;
  op: LabelOp;
  value: string;
  /** Body offset of the value. */
  offset: number;
}
export interface LabelResult {
  /** The gold file written. */
  goldFile: string;
}
