// Diagnostics of a whole document, assembled from per-record caches: after an edit only the
// re-parsed records are analysed again, the others reuse their converted diagnostics; the
// attribution summaries (one per rollout group) are assembled from the cached analyses.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TraceDiagnostic } from '../trace/types.js';
import { attributionSummaries } from './attributionSummary.js';
import { memo } from './entryCache.js';
import { toRange } from './positions.js';
import { analyseEntry } from './recordAnalysis.js';
import type { LensSettings } from './settings.js';
import type { TraceDocument } from './traceDocument.js';

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function toLspDiagnostic(d: TraceDiagnostic, base: number): Diagnostic {
  return {
    range: toRange(d, base),
    severity: severities[d.severity] ?? DiagnosticSeverity.Information,
    code: d.code,
    source: 'reflection-lens',
    message: d.message,
  };
}

export function documentDiagnostics(doc: TraceDocument, settings: LensSettings, key: string): Diagnostic[] {
  const out: Diagnostic[] = doc.preamble.map((d) => toLspDiagnostic(d, 0));
  for (const entry of doc.entries) {
    const converted = memo(entry.cache, 'diagnostics', `${key}@${entry.base}`, () =>
      analyseEntry(entry, settings, key).diagnostics.map((d) => toLspDiagnostic(d, entry.base)),
    );
    for (const d of converted) out.push(d);
  }
  for (const { entry, diagnostic } of attributionSummaries(doc, settings, key)) out.push(toLspDiagnostic(diagnostic, entry.base));
  return out;
}

/** Malformed-input diagnostics only (no analysis): what a large file shows while it is analysed. */
export function syntaxDiagnostics(doc: TraceDocument): Diagnostic[] {
  const out: Diagnostic[] = doc.preamble.map((d) => toLspDiagnostic(d, 0));
  for (const entry of doc.entries) for (const d of entry.record.diagnostics) out.push(toLspDiagnostic(d, entry.base));
  return out;
}
