// The attribution summary, one per group of rollouts (same `group:` header, else same query):
// GRPO normalises rewards within a group, so that is the unit a user compares; and one diagnostic
// per record flooded large files (half of a synthetic file's records) and every edit republishes
// them all. The group's ratio is its summed |KL drag on sampling| over its summed |drag on
// decisions|; the summary sits on the member with the strongest ratio of its own. A group's
// summary is kept until its membership or the settings change, and the summaries stay sorted in
// document order: an edit re-sums the groups it touched (the index's `dirty` set) and moves their
// summaries, without a look at the other groups.
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
  /** Every group of the index with its summary (null: none). */
  byGroup: Map<string, GroupSummary | null>;
  /** The non-null summaries, in document order (their entries' ordinals). */
  sorted: GroupSummary[];
}
const caches = new WeakMap<RecordSet, SummaryCache>();

/** The attribution summaries of a document, in document order (do not modify the array). */
export function attributionSummaries(doc: RecordSet, settings: LensSettings, key: string): readonly GroupSummary[] {
  const index = groupIndexOf(doc);
  const cache = caches.get(doc);
  // A rebuilt index (a new object) or other settings: every group is summed again.
  if (!cache || cache.key !== key || cache.index !== index) {
    const byGroup = new Map<string, GroupSummary | null>();
    for (const [group, members] of index.groups) byGroup.set(group, groupSummary(group, members, settings, key));
    const sorted = [...byGroup.values()]
      .filter((x): x is GroupSummary => x !== null)
      .sort((a, b) => a.entry.record.index - b.entry.record.index);
    caches.set(doc, { key, index, byGroup, sorted });
    index.dirty.clear();
    return sorted;
  }
  if (index.dirty.size === 0) return cache.sorted;
  const { byGroup, sorted } = cache;
  // Take out the touched groups' summaries first: every summary left sits on a live entry, so
  // the entries' ordinals order them and the new summaries go in by binary search.
  const fresh: GroupSummary[] = [];
  for (const group of index.dirty) {
    const old = byGroup.get(group);
    if (old) sorted.splice(sorted.indexOf(old), 1);
    const members = index.groups.get(group);
    if (!members) {
      byGroup.delete(group);
      continue;
    }
    const summary = groupSummary(group, members, settings, key);
    byGroup.set(group, summary);
    if (summary) fresh.push(summary);
  }
  index.dirty.clear();
  for (const summary of fresh) {
    const at = summary.entry.record.index;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].entry.record.index < at) lo = mid + 1;
      else hi = mid;
    }
    sorted.splice(lo, 0, summary);
  }
  return sorted;
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
