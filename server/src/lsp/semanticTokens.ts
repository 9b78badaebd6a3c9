// Semantic tokens for what needs analysis: decision markers (any lexicon, including the user's
// own), and candidate answers judged against the ground truth: correct / wrong / unknown, an
// echo of the previous answer, and the final answer that stands.
import { SemanticTokensBuilder, type Range, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { Span } from '../trace/types.js';
import { memo } from './entryCache.js';
import { analyseEntry } from './recordAnalysis.js';
import type { LensSettings } from './settings.js';
import type { RecordEntry, TraceDocument } from './traceDocument.js';

// Declared in package.json `semanticTokenTypes` / `semanticTokenModifiers`.
export const tokenTypes = ['decisionMarker', 'answer'] as const;
export const tokenModifiers = ['correct', 'wrong', 'unknown', 'echo', 'final'] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

const MARKER = 0;
const ANSWER = 1;
const mod = (m: (typeof tokenModifiers)[number]): number => 1 << tokenModifiers.indexOf(m);

/** [line, character, length, type, modifiers] relative to the entry's base, sorted. */
export type Token = [number, number, number, number, number];

function entryTokens(entry: RecordEntry, settings: LensSettings, key: string): Token[] {
  return memo(entry.cache, 'tokens', key, () => computeTokens(entry, settings, key));
}

function computeTokens(entry: RecordEntry, settings: LensSettings, key: string): Token[] {
  const tokens: Token[] = [];
  const seg = analyseEntry(entry, settings, key).seg;
  if (seg) {
    for (const m of seg.markers) pushSpan(tokens, m.span, MARKER, 0);
    let lastSample = -1;
    seg.steps.forEach((s, i) => {
      if (s.kind === 'sample') lastSample = i;
    });
    seg.steps.forEach((s, i) => {
      if (s.kind !== 'sample' || !s.answerSpan) return;
      let mods = s.correct === true ? mod('correct') : s.correct === false ? mod('wrong') : mod('unknown');
      const before = seg.steps[i - 1];
      if (before?.kind === 'decision' && before.echo) mods |= mod('echo');
      if (i === lastSample) mods |= mod('final');
      pushSpan(tokens, s.answerSpan, ANSWER, mods);
    });
    tokens.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }
  return tokens;
}

/** Semantic tokens are single-line: a span over several lines is cut at its first line. */
function pushSpan(out: Token[], span: Span, type: number, mods: number): void {
  const length = span.endLine === span.line ? span.endColumn - span.column : 1;
  if (length > 0) out.push([span.line, span.column, length, type, mods]);
}

export function semanticTokens(doc: TraceDocument, settings: LensSettings, key: string, range?: Range): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const from = range ? Math.max(doc.entryAt(range.start.line), 0) : 0;
  for (let i = from; i < doc.entries.length; i++) {
    const entry = doc.entries[i];
    if (range && doc.startOf(i) > range.end.line) break;
    for (const [line, character, length, type, mods] of entryTokens(entry, settings, key)) {
      builder.push(line + entry.base, character, length, type, mods);
    }
  }
  return builder.build();
}
