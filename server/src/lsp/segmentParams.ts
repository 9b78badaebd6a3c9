// The segmentation settings a request carries (`markers`, `answerPatterns`, `reader`: the
// `reflectionLens.*` settings the client read), checked and turned into SegmentOptions the same way
// for `reflectionLens/calibrate` and `reflectionLens/followRollouts`.
import { defaultSegmentOptions } from '../trace/options.js';
import { compileAnswerPatterns } from '../trace/statements.js';
import type { ReaderKind, SegmentOptions } from '../trace/types.js';

export interface SegmentParams {
  markers?: string[];
  answerPatterns?: string[];
  reader?: ReaderKind;
}

/** What is wrong with a request's segmentation settings (empty when nothing). */
export function segmentParamProblems(p: SegmentParams | undefined): string[] {
  const problems: string[] = [];
  const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
  if (!strings(p?.markers) || !strings(p?.answerPatterns)) problems.push('markers and answerPatterns must be arrays of strings');
  else if (p?.answerPatterns)
    for (const bad of compileAnswerPatterns(p.answerPatterns).errors)
      problems.push(`answerPatterns: ${JSON.stringify(bad.source)} is not accepted (${bad.message})`);
  if (p?.reader !== undefined && p.reader !== 'rules' && p.reader !== 'learned') problems.push('reader must be "rules" or "learned"');
  return problems;
}

/** The request's settings, the engine's defaults where absent (checked by segmentParamProblems first). */
export const segmentOptionsOfParams = (p: SegmentParams): SegmentOptions => ({
  // No phrase: the default lexicon, as the server does for an empty reflectionLens.markers (settings.ts).
  markers: p.markers && p.markers.some((m) => m.trim().length > 0) ? p.markers : defaultSegmentOptions.markers,
  answerPatterns: p.answerPatterns ?? defaultSegmentOptions.answerPatterns,
  ...(p.reader ? { reader: p.reader } : {}),
});
