// Diagnostics of a whole document, assembled from per-record caches: after an edit only the
// re-parsed records are analysed again, the others reuse their converted diagnostics; the
// attribution summaries (one per rollout group) are kept sorted by attributionSummary.ts.
//
// What is published is the document's list as capDiagnostics (diagnosticCap.ts) would cut it,
// in the order: the file's own (text before the first record, repeated ids), each record's own diagnostics in document order,
// the attribution summaries, then the gold-label notes (never cut). The cut depends only on the totals per
// severity, which are kept as records come and go (analysisQueue.ts), so a capped publish walks
// the records only until it has what it keeps (on a file of small records, the first few
// thousand) and converts only those, however many diagnostics the file has.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TraceDiagnostic } from '../trace/types.js';
import { recordCounts } from './analysisQueue.js';
import { attributionSummaries } from './attributionSummary.js';
import { capNote, capPlan, noCounts, rank, severityRank } from './diagnosticCap.js';
import { toRange } from './positions.js';
import { analyseEntry } from './recordAnalysis.js';
import type { LensSettings } from './settings.js';
import type { RecordEntry, TraceDocument } from './traceDocument.js';

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

/** A record's own diagnostics as LSP diagnostics at its current place (cached until it moves or the settings change). */
function recordDiagnostics(entry: RecordEntry, settings: LensSettings, key: string): Diagnostic[] {
  const hit = entry.cache.diagnostics;
  if (hit && hit.key === key && hit.base === entry.base) return hit.value;
  const value = analyseEntry(entry, settings, key).diagnostics.map((d) => toLspDiagnostic(d, entry.base));
  entry.cache.diagnostics = { key, base: entry.base, value };
  return value;
}

/**
 * The diagnostics to publish for a .trace document, at most `max` (capDiagnostics of the whole
 * list) and then `extra` (the gold-label notes), outside the cap: a researcher labelling a file
 * with many findings still sees every label. Analyses every record not analysed yet.
 */
export function publishedDiagnostics(
  doc: TraceDocument,
  settings: LensSettings,
  key: string,
  max: number,
  extra: Diagnostic[] = [],
): Diagnostic[] {
  const counts = [...recordCounts(doc, settings, key)];
  // Records without a single diagnostic (a clean 300,000-record file) need no walk per publish.
  const recordsHaveAny = counts.some((n) => n > 0);
  const fileLevel = doc.fileDiagnostics();
  for (const d of fileLevel) counts[severityRank(d)]++;
  const summaries = attributionSummaries(doc, settings, key);
  counts[3] += summaries.length;
  const plan = capPlan(counts, max);
  if (!plan) {
    const out: Diagnostic[] = fileLevel.map((d) => toLspDiagnostic(d, 0));
    if (recordsHaveAny) for (const entry of doc.entries) for (const d of recordDiagnostics(entry, settings, key)) out.push(d);
    for (const { entry, diagnostic } of summaries) out.push(toLspDiagnostic(diagnostic, entry.base));
    for (const d of extra) out.push(d);
    return out;
  }
  // Keep every diagnostic more severe than the cut and the first `takeAtCut` at it, in list order.
  const { cutSeverity, takeAtCut } = plan;
  const wanted = counts.map((n, r) => (r < cutSeverity ? n : r === cutSeverity ? takeAtCut : 0));
  let missing = wanted.reduce((a, b) => a + b, 0);
  const taken = noCounts();
  const out: Diagnostic[] = [];
  const offer = (d: Diagnostic, r: number) => {
    if (taken[r] < wanted[r]) {
      taken[r]++;
      missing--;
      out.push(d);
    }
  };
  for (const d of fileLevel) offer(toLspDiagnostic(d, 0), severityRank(d));
  for (let i = 0; i < doc.entries.length && missing > 0; i++) {
    const entry = doc.entries[i];
    const own = analyseEntry(entry, settings, key).counts;
    let useful = false;
    for (let r = 1; r <= cutSeverity; r++) if (own[r] > 0 && taken[r] < wanted[r]) useful = true;
    if (useful) for (const d of recordDiagnostics(entry, settings, key)) offer(d, rank(d));
  }
  if (taken[3] < wanted[3])
    for (let i = 0; i < summaries.length && taken[3] < wanted[3]; i++)
      offer(toLspDiagnostic(summaries[i].diagnostic, summaries[i].entry.base), 3);
  out.push(
    capNote(
      counts.map((n, r) => n - taken[r]),
      max,
    ),
  );
  for (const d of extra) out.push(d);
  return out;
}

/** Malformed-input diagnostics only (no analysis): what a large file shows while it is analysed. */
export function syntaxDiagnostics(doc: TraceDocument): Diagnostic[] {
  const out: Diagnostic[] = doc.fileDiagnostics().map((d) => toLspDiagnostic(d, 0));
  for (const entry of doc.entries) for (const d of entry.record.diagnostics) out.push(toLspDiagnostic(d, entry.base));
  return out;
}
