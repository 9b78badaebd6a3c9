// A SegmentedRecord built by hand for attribution tests: alternating samples and decisions, the
// last attempt a STOP, each sample's answer its index.
import type { SegmentedRecord, Step, TraceRecord } from '../../../server/src/trace/types.js';

export function segmented(samples: { correct: boolean | null; tokens: number }[]): SegmentedRecord {
  const span = { line: 0, column: 0, endLine: 0, endColumn: 0 };
  const steps: Step[] = [];
  samples.forEach((s, i) => {
    steps.push({
      kind: 'sample',
      attempt: i,
      answer: String(i),
      rule: 'equals',
      confidence: 1,
      normalized: String(i),
      correct: s.correct,
      tokens: s.tokens,
      span,
      answerSpan: span,
    });
    const last = i === samples.length - 1;
    steps.push({ kind: 'decision', attempt: i, action: last ? 'STOP' : 'RESAMPLE', marker: last ? null : 'Wait', echo: false, span });
  });
  return {
    record: {} as TraceRecord,
    steps,
    final: String(samples.length - 1),
    correct: samples[samples.length - 1].correct,
    finalSpan: null,
    markers: [],
    diagnostics: [],
  };
}
