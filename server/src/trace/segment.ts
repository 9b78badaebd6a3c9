// Splits a record's body into sampling and decision actions (DESIGN.md section 4):
// split at decision markers; a segment that holds a candidate answer is an attempt (its answer is
// its last candidate); segments without one merge into the next; after the last attempt comes
// STOP, after every other one RESAMPLE, opened by the marker that starts the next attempt.
// In a segment, the most explicit candidate kind wins (see RANK). Text after the last answer
// (a verification that restates nothing new, or a truncated tail) stays part of the last
// attempt, so the last answer stands.
import { compileAnswerPatterns, concludingCandidate, extractCandidates, normalizeAnswer, normalizedEqual, type Candidate, type CandidateRule } from './answers.js';
import { compileMarkers, type MarkerMatch, type MarkerMatcher } from './markers.js';
import type { DecisionStep, SampleStep, SegmentedRecord, SegmentOptions, Span, Step, TraceDiagnostic, TraceRecord } from './types.js';

export interface CompiledSegmentOptions {
  matcher: MarkerMatcher;
  patterns: RegExp[];
  /** Answer patterns that are not valid regular expressions (reported by callers, then ignored). */
  patternErrors: { source: string; message: string }[];
}

const byObject = new WeakMap<SegmentOptions, CompiledSegmentOptions>();
let cacheKey = '';
let cached: CompiledSegmentOptions | undefined;

/** Compiles the lexicon and answer patterns, once per options object and while their content is unchanged. */
export function compileSegmentOptions(options: SegmentOptions): CompiledSegmentOptions {
  const hit = byObject.get(options);
  if (hit) return hit;
  const key = `${options.markers.join('\u0000')}\u0001${options.answerPatterns.join('\u0000')}`;
  if (!cached || key !== cacheKey) {
    const { patterns, errors } = compileAnswerPatterns(options.answerPatterns);
    cached = { matcher: compileMarkers(options.markers), patterns, patternErrors: errors };
    cacheKey = key;
  }
  byObject.set(options, cached);
  return cached;
}

/**
 * Token count L_t of a piece of a response. Exact counts need the model's tokenizer, which a
 * trace does not carry, so: when the record says how many tokens the whole response has (header
 * `tokens`, written on import from the per-token log-probs), the piece gets its share by
 * characters; otherwise one token per 4 characters (the usual rule of thumb for BPE tokenizers on
 * English and arithmetic), at least 1.
 */
export function estimateTokens(chars: number, record?: TraceRecord): number {
  const total = record ? Number(record.headers.tokens) : NaN;
  if (Number.isFinite(total) && total > 0 && record!.body.length > 0) return Math.max(1, Math.round((total * chars) / record!.body.length));
  return Math.max(1, Math.ceil(chars / 4));
}

/** Index of the body line that holds a body offset (binary search over line starts). */
function bodyLineOf(record: TraceRecord, offset: number): number {
  const offs = record.bodyLineOffsets;
  let lo = 0;
  let hi = offs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offs[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Document position of a body offset. */
export function bodyPosition(record: TraceRecord, offset: number): { line: number; column: number } {
  if (record.bodyLineOffsets.length === 0) return { line: record.bodyStartLine, column: 0 };
  const k = bodyLineOf(record, offset);
  return { line: record.bodyStartLine + k, column: offset - record.bodyLineOffsets[k] + record.bodyLineShift[k] };
}

function bodySpan(record: TraceRecord, start: number, end: number): Span {
  if (record.bodyLineOffsets.length === 0) return { line: record.bodyStartLine, column: 0, endLine: record.bodyStartLine, endColumn: 0 };
  const a = bodyLineOf(record, start);
  const b = end === start ? a : bodyLineOf(record, end);
  const offs = record.bodyLineOffsets;
  const shift = record.bodyLineShift;
  return { line: record.bodyStartLine + a, column: start - offs[a] + shift[a], endLine: record.bodyStartLine + b, endColumn: end - offs[b] + shift[b] };
}

/**
 * Within one segment the answer is the last candidate of the most explicit kind: a \boxed{} (or
 * a user pattern) over "the answer is X" over "= X" / **X**, over the concluding-sentence number.
 * So arithmetic written after a boxed answer without a marker ("Verifying: 3 x 7 = 21") does not
 * replace it.
 */
const RANK: Record<CandidateRule, number> = { boxed: 3, pattern: 3, 'answer-is': 2, equals: 1, bold: 1, concluding: 0 };

interface Attempt {
  start: number;
  end: number;
  candidate: Candidate;
  /** Index of the marker right after this attempt (opens the next one), -1 at the end. */
  nextMarker: number;
}

/**
 * What segmentation decides about a record, before any position or message is worked out:
 * segmentRecord builds steps and findings from it, and the full pass (scan.ts), which needs
 * only counts, uses it as it is.
 */
export interface Segmentation {
  markers: MarkerMatch[];
  attempts: Attempt[];
  /** Per attempt: its normalized answer, correctness against the ground truth, token count. */
  normalized: string[];
  correct: (boolean | null)[];
  tokens: number[];
}

export function segmentAttempts(record: TraceRecord, options: SegmentOptions): Segmentation {
  const { matcher, patterns } = compileSegmentOptions(options);
  const body = record.body;
  const found = matcher.findAll(body);
  // Weak (concluding-sentence) candidates only matter in segments without another one, so they
  // are looked for there only (concludingCandidate), not before every marker.
  const candidates = extractCandidates(body, { patterns });

  // Segment j runs from boundary j to boundary j+1; boundary 0 is the body start, boundary j>0 is marker j-1.
  const attempts: Attempt[] = [];
  let pendingStart = 0;
  let ci = 0;
  for (let j = 0; j <= found.length; j++) {
    const segEnd = j < found.length ? found[j].start : body.length;
    let candidate: Candidate | undefined;
    for (; ci < candidates.length && candidates[ci].start < segEnd; ci++) {
      if (!candidate || RANK[candidates[ci].rule] >= RANK[candidate.rule]) candidate = candidates[ci];
    }
    candidate ??= concludingCandidate(body, j === 0 ? 0 : found[j - 1].start, segEnd);
    if (!candidate) continue;
    attempts.push({ start: pendingStart, end: segEnd, candidate, nextMarker: j < found.length ? j : -1 });
    pendingStart = segEnd;
  }
  if (attempts.length > 0) attempts[attempts.length - 1].end = body.length;

  const truth = record.answer;
  const truthNorm = truth === undefined ? '' : normalizeAnswer(truth);
  const normalized = new Array<string>(attempts.length);
  const correct = new Array<boolean | null>(attempts.length);
  const tokens = new Array<number>(attempts.length);
  for (let k = 0; k < attempts.length; k++) {
    const a = attempts[k];
    normalized[k] = normalizeAnswer(a.candidate.value);
    correct[k] = truth === undefined ? null : normalizedEqual(normalized[k], truthNorm);
    tokens[k] = estimateTokens(a.end - a.start, record);
  }
  return { markers: found, attempts, normalized, correct, tokens };
}

/** An echo: the RESAMPLE after attempt k leads to the same normalized answer. */
export const isEcho = (s: Segmentation, k: number): boolean => k + 1 < s.attempts.length && s.normalized[k + 1] === s.normalized[k];

export type FindingCode = 'no-ground-truth' | 'no-answer' | 'resample-after-correct' | 'echo' | 'missed-correction';

/**
 * The findings about the reasoning, in the order segmentRecord reports them: `attempt` is the
 * attempt the finding is about (the one before the marker, the repeated one, the final one), -1
 * for the record as a whole.
 */
export function forEachFinding(record: TraceRecord, s: Segmentation, report: (code: FindingCode, attempt: number) => void): void {
  const n = s.attempts.length;
  if (record.answer === undefined) report('no-ground-truth', -1);
  if (n === 0) report('no-answer', -1);
  for (let k = 0; k + 1 < n; k++) {
    if (s.correct[k] === true) report('resample-after-correct', k);
    if (s.correct[k] === false && isEcho(s, k)) report('echo', k + 1);
  }
  if (n > 0 && s.correct[n - 1] === false) report('missed-correction', n - 1);
}

export function segmentRecord(record: TraceRecord, options: SegmentOptions): SegmentedRecord {
  const s = segmentAttempts(record, options);
  const { attempts, markers: found } = s;
  const body = record.body;
  const steps: Step[] = [];
  const samples: SampleStep[] = [];
  const decisions: DecisionStep[] = [];
  for (let k = 0; k < attempts.length; k++) {
    const a = attempts[k];
    let end = a.end;
    while (end > a.start && isSpace(body.charCodeAt(end - 1))) end--;
    const sample: SampleStep = {
      kind: 'sample',
      attempt: k,
      answer: a.candidate.value,
      normalized: s.normalized[k],
      correct: s.correct[k],
      tokens: s.tokens[k],
      span: bodySpan(record, a.start, end),
      answerSpan: bodySpan(record, a.candidate.start, a.candidate.end),
    };
    samples.push(sample);
    steps.push(sample);
    const last = k === attempts.length - 1;
    const marker = last ? undefined : found[a.nextMarker];
    const decision: DecisionStep = {
      kind: 'decision',
      attempt: k,
      action: last ? 'STOP' : 'RESAMPLE',
      marker: marker ? marker.phrase : null,
      echo: isEcho(s, k),
      span: marker ? bodySpan(record, marker.start, marker.end) : { line: sample.span.endLine, column: sample.span.endColumn, endLine: sample.span.endLine, endColumn: sample.span.endColumn },
    };
    decisions.push(decision);
    steps.push(decision);
  }

  // Findings about the reasoning, each where the user should look.
  const recordLine: Span = { line: record.startLine, column: 0, endLine: record.startLine, endColumn: 3 };
  const diagnostics: TraceDiagnostic[] = [];
  forEachFinding(record, s, (code, k) => {
    switch (code) {
      case 'no-ground-truth':
        diagnostics.push(at(recordLine, 'info', code, `Record ${record.id} has no ground truth ("answer:" header): correctness is unknown.`));
        break;
      case 'no-answer':
        diagnostics.push(at(recordLine, 'warning', code,
          `No candidate answer found in record ${record.id}: expected \\boxed{...}, "the answer is X", "= X" at the end of a line, **X**, or a configured answer pattern.`));
        break;
      case 'resample-after-correct':
        diagnostics.push(at(decisions[k].span, 'warning', code, `RESAMPLE after a correct answer (${samples[k].answer}): "${decisions[k].marker}" reopens a solved problem.`));
        break;
      case 'echo':
        diagnostics.push(at(samples[k].answerSpan!, 'warning', code, `Echo: attempt ${k + 1} repeats the wrong answer ${samples[k - 1].answer} of attempt ${k} instead of correcting it.`));
        break;
      case 'missed-correction':
        diagnostics.push(at(samples[k].answerSpan!, 'warning', code,
          `Missed correction: STOP on a wrong answer ${samples[k].answer} (ground truth ${record.answer}).`));
        break;
    }
  });

  const final = samples.length > 0 ? samples[samples.length - 1] : undefined;
  return {
    record,
    steps,
    final: final ? final.answer : null,
    correct: final ? final.correct : null,
    markers: found.map((m) => ({ phrase: m.phrase, span: bodySpan(record, m.start, m.end) })),
    diagnostics,
  };
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0;

function at(span: Span, severity: TraceDiagnostic['severity'], code: string, message: string): TraceDiagnostic {
  return { line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn, severity, code, message };
}
