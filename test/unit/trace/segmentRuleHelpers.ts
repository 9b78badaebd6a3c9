// What the rule-pass tests (segmentRules12..14.test.ts) share: a one-record trace, its candidates'
// values, and the slowest segmentation of bodies built from a pass's own pattern pieces.
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

export function record(query: string, body: string, answer?: string) {
  return parseTrace(`=== 1\nquery: ${query}\n${answer !== undefined ? `answer: ${answer}\n` : ''}---\n${body}\n`).records[0];
}

/** Each candidate's value in the body of one record with this question and body. */
export function values(query: string, body: string): string[] {
  return segmentAttempts(record(query, body), defaultSegmentOptions).attempts.map((a) => a.candidate.value);
}

/** `piece` repeated to exactly n characters. */
export const repeatTo = (piece: string, n: number): string => piece.repeat(Math.ceil(n / piece.length)).slice(0, n);

/** The slowest segmentation, in milliseconds, of the records whose bodies `body` builds from each piece. */
export function slowestSegmentationMs(query: string, pieces: readonly string[], body: (piece: string) => string): number {
  let worst = 0;
  for (const piece of pieces) {
    const rec = record(query, body(piece));
    const t0 = performance.now();
    segmentAttempts(rec, defaultSegmentOptions);
    worst = Math.max(worst, performance.now() - t0);
  }
  return worst;
}
