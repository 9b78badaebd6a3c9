// Default segmentation settings. The marker lexicon must stay equal to the default of the
// `reflectionLens.markers` setting in package.json (a unit test checks it), so the CLI, the
// language server and the editor agree when the user changed nothing.
import type { SegmentOptions } from './types.js';

export const defaultMarkers: readonly string[] = [
  "I'll go back and check",
  'Let me recompute',
  'I made a mistake',
  'Wait',
  'Let me double-check',
  'Let me double check',
  'Let me verify',
  'Let me check',
  'Let me re-check',
  'Let me reconsider',
  'Alternatively',
  'Hmm',
  'But wait',
  'Hold on',
  'On second thought',
  'Let me re-examine',
  'Actually',
  'To double-check',
  'Double-check',
  'Let me redo',
  'Let me re-add',
  'Let me recalculate',
  'Recalculating',
  'Recomputing',
  'Let me go over',
  'Let me go through',
  'Let me try a different',
  'Let me try another',
  'Another way',
  'Let me confirm',
  'To confirm',
  'To verify',
  'Let me recheck',
  'Let me look at',
  'Let me think again',
  'No, wait',
  'Oops',
  'Verification',
  'Check:',
];

export const defaultSegmentOptions: SegmentOptions = { markers: [...defaultMarkers], answerPatterns: [] };
