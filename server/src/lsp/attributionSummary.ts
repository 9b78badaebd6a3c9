// The attribution summary, one per group of rollouts (same `group:` header, else same query):
// GRPO normalises rewards within a group, so that is the unit a user compares; and one diagnostic
// per record flooded large files (half of a synthetic file's records) and every edit republishes
// them all. The group's ratio is its summed |KL drag on sampling| over its summed |drag on
// decisions|; the summary sits on the member with the strongest ratio of its own.
import type { TraceDiagnostic } from '../trace/types.js';
import { analyseEntry, groupsOf, type RecordSet } from './recordAnalysis.js';
import type { LensSettings } from './settings.js';
import type { RecordEntry } from './traceDocument.js';

export interface GroupSummary {
  /** The member the summary is attached to. */
  entry: RecordEntry;
  /** On the entry's record line, relative to the entry's base. */
  diagnostic: TraceDiagnostic;
}

export function attributionSummaries(doc: RecordSet, settings: LensSettings, key: string): GroupSummary[] {
  const out: GroupSummary[] = [];
  const threshold = settings.ratioThreshold;
  for (const [group, members] of groupsOf(doc)) {
    let sampling = 0;
    let decision = 0;
    let over = 0;
    let strongest: RecordEntry | undefined;
    let strongestRatio = -Infinity;
    for (const e of members) {
      const kl = analyseEntry(e, settings, key).kl;
      if (!kl) continue;
      sampling += Math.abs(kl.drag.sampling);
      decision += Math.abs(kl.drag.decision);
      if (kl.ratio > threshold) over++;
      if (kl.ratio > strongestRatio) [strongest, strongestRatio] = [e, kl.ratio];
    }
    const ratio = sampling / decision;
    // With no decision drag (beta = 0, or eps = 0) there is nothing to compare.
    if (!strongest || !(ratio > threshold) || !Number.isFinite(ratio)) continue;
    const line = strongest.record.startLine;
    const who =
      members.length === 1
        ? ''
        : `Group ${JSON.stringify(group.length > 60 ? `${group.slice(0, 57)}...` : group)} (${members.length} rollouts, ${over} over the threshold; this one ${strongestRatio.toFixed(1)}x): `;
    out.push({
      entry: strongest,
      diagnostic: {
        line,
        column: 0,
        endLine: line,
        endColumn: 3,
        severity: 'info',
        code: 'unbalanced-attribution',
        message: `${who}KL drag on sampling is ${ratio.toFixed(1)}x the drag on decisions (threshold ${threshold}); the GRPO surrogate weighs both alike.`,
      },
    });
  }
  return out;
}
