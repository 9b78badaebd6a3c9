// Reduces a segmented record to the counts calibration needs (docs/design.md section 4): first-attempt
// and final correctness, decisions after correct and after wrong answers, and the transitions
// between consecutive attempts (Kang et al. 2025).
import { basename, extname } from 'node:path';
import { forcedStopValue, stepValue } from '../trace/headerValues.js';
import { cutOffReason, DEFAULT_TOKEN_LIMIT } from '../trace/segment.js';
import type { SegmentedRecord } from '../trace/types.js';
import type { TraceSummary, Transitions } from './types.js';

export function emptyTransitions(): Transitions {
  return { TT: 0, TF: 0, FT: 0, FFecho: 0, FFnew: 0 };
}

/**
 * Records cut off at the generation limit (docs/segmentation-eval.md): a `truncated: true` header,
 * `finish_reason: length` (written on import), more tokens than the limit (the paper's
 * Appendix E generates at most 8,192), or a thinking block opened and never closed (as the reading
 * takes it, thinking.ts cutOffResponse). Calibration leaves them out unless asked. The rule is
 * trace/segment.ts cutOffReason, which the no-answer finding also reads (it names the reason).
 */
export { DEFAULT_TOKEN_LIMIT };

export interface SummaryOptions {
  includeTruncated?: boolean;
  tokenLimit?: number;
}

// A source that says the response ended normally (import writes `truncated: false` from its finish
// reason) is believed over the length estimate: a long complete response is not cut off. (A
// malformed value is an error diagnostic of the record, which calibration leaves out.) Nor is an
// unclosed thinking block then cut off.
const isTruncated = (seg: SegmentedRecord, tokenLimit = DEFAULT_TOKEN_LIMIT): boolean => cutOffReason(seg.record, tokenLimit) !== undefined;

export function traceSummary(seg: SegmentedRecord, file: string, options: SummaryOptions = {}): TraceSummary {
  const rec = seg.record;
  const s: TraceSummary = {
    model: rec.model,
    task: rec.task,
    file,
    // JSONL records point at their JSON line, .trace records at their `===` line.
    line: (rec.sourceLine ?? rec.startLine) + 1,
    id: rec.id,
    firstCorrect: false,
    finalCorrect: false,
    stopAfterCorrect: 0,
    decisionsAfterCorrect: 0,
    resampleAfterWrong: 0,
    decisionsAfterWrong: 0,
    transitions: emptyTransitions(),
  };
  const step = stepOf(rec.headers.step, file);
  if (step !== undefined) s.step = step;
  const verdict = rec.headers.source_verdict;
  if (verdict !== undefined) s.sourceVerdict = /^true$/i.test(verdict) ? true : /^false$/i.test(verdict) ? false : null;
  if (rec.answer === undefined) return { ...s, unusable: 'no-ground-truth' };
  if (!options.includeTruncated && isTruncated(seg, options.tokenLimit)) return { ...s, unusable: 'truncated' };
  // No candidate answer: wrong, as the paper's Table 1 counts it (nothing is filtered), with no
  // decision to count; reported as "no answer".
  if (seg.correct === null) return { ...s, noAnswer: true };

  s.finalCorrect = seg.correct;
  // A `forced_stop: true` header (tiny-lm's rollouts at the maxAttempts-th attempt, ds3's cut-off
  // trajectories): the record's last decision, a STOP, was not the policy's choice. The paper's
  // K-attempt model takes no decision at the K-th answer, so it is not counted (the answer still
  // stands: accuracy unchanged); the record says so (forcedStop) and calibrate counts them per group.
  let forced = -1;
  if (forcedStopValue(rec.headers.forced_stop) === true)
    for (let i = seg.steps.length - 1; i >= 0; i--) {
      const st = seg.steps[i];
      if (st.kind !== 'decision') continue;
      if (st.action === 'STOP') forced = i;
      break;
    }
  let previous: boolean | null = null;
  let first = true;
  for (let i = 0; i < seg.steps.length; i++) {
    const st = seg.steps[i];
    if (st.kind === 'sample') {
      if (first) s.firstCorrect = st.correct === true;
      first = false;
      previous = st.correct;
      continue;
    }
    if (previous === null) continue;
    if (i === forced) {
      s.forcedStop = true;
      continue;
    }
    if (previous) {
      s.decisionsAfterCorrect++;
      if (st.action === 'STOP') s.stopAfterCorrect++;
    } else {
      s.decisionsAfterWrong++;
      if (st.action === 'RESAMPLE') s.resampleAfterWrong++;
    }
  }
  // Transitions between attempt k and k+1; the decision between them knows whether k+1 echoes k.
  const samples = seg.steps.filter((x) => x.kind === 'sample');
  const decisions = seg.steps.filter((x) => x.kind === 'decision');
  for (let k = 0; k + 1 < samples.length; k++) {
    const a = samples[k].correct;
    const b = samples[k + 1].correct;
    if (a === null || b === null) continue;
    if (a && b) s.transitions.TT++;
    else if (a) s.transitions.TF++;
    else if (b) s.transitions.FT++;
    else if (decisions[k].echo) s.transitions.FFecho++;
    else s.transitions.FFnew++;
  }
  return s;
}

function stepOf(header: string | undefined, file: string): number | undefined {
  // A malformed value is a bad-header-value warning where the record is parsed (headerValues.ts).
  const stated = stepValue(header);
  if (stated !== undefined) return stated;
  const name = basename(file, extname(file));
  return /^\d+$/.test(name) ? Number(name) : undefined;
}
