// The attribution summary, one per group of rollouts (same `group:` header, else same query):
// GRPO normalises rewards within a group, so that is the unit a user compares; and one diagnostic
// per record flooded large files (half of a synthetic file's records) and every edit republishes
// them all. The group's ratio is its summed |KL drag on sampling| over its summed |drag on
// decisions|; the summary sits on the member with the strongest ratio of its own. A group's
// summary is kept until its membership or the settings change, so an edit re-sums one group.
import type { TraceDiagnostic } from '../trace/types.js';
import { analyseEntry } from './recordAnalysis.js';
import { groupIndexOf, type GroupIndex, type RecordSet } from './rolloutGroups.js';
import type { LensSettings } from './settings.js';
import type { RecordEntry } from './traceDocument.js';

export interface GroupSummary {
  /** The member the summary is attached to. */
  entry: RecordEntry;
  /** On the entry's record line, relative to the entry's base. */
  diagnostic: TraceDiagnostic;
}

interface SummaryCache {
  key: string;
  index: GroupIndex;
  byGroup: Map<string, { changedAt: number; summary: GroupSummary | null }>;
}
const caches = new WeakMap<RecordSet, SummaryCache>();

export function attributionSummaries(doc: RecordSet, settings: LensSettings, key: string): GroupSummary[] {
  const index = groupIndexOf(doc);
  let cache = caches.get(doc);
  // A rebuilt index (a new object) or other settings: every group is summed again.
  // (Also when groups that edits removed pile up in it.)
  if (!cache || cache.key !== key || cache.index !== index || cache.byGroup.size > 2 * index.groups.size + 64)
    caches.set(doc, (cache = { key, index, byGroup: new Map() }));
  const out: GroupSummary[] = [];
  for (const [group, members] of index.groups) {
    const changedAt = index.changedAt.get(group) ?? 0;
    let hit = cache.byGroup.get(group);
    if (!hit || hit.changedAt !== changedAt)
      cache.byGroup.set(group, (hit = { changedAt, summary: groupSummary(group, members, settings, key) }));
    if (hit.summary) out.push(hit.summary);
  }
  // Document order, whatever order the groups were (re)inserted in.
  return out.sort((a, b) => a.entry.record.index - b.entry.record.index);
}

function groupSummary(group: string, members: RecordEntry[], settings: LensSettings, key: string): GroupSummary | null {
  const threshold = settings.ratioThreshold;
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
  if (!strongest || !(ratio > threshold) || !Number.isFinite(ratio)) return null;
  const line = strongest.record.startLine;
  const who =
    members.length === 1
      ? ''
      : `Group ${JSON.stringify(group.length > 60 ? `${group.slice(0, 57)}...` : group)} (${members.length} rollouts, ${over} over the threshold; this one ${strongestRatio.toFixed(1)}x): `;
  return {
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
  };
}
