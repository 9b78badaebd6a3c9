// The attribution summary, one per group of rollouts (same model and `group:` header, else query):
// GRPO normalises rewards within a group, so that is the unit a user compares; and one diagnostic
// per record flooded large files (half of a synthetic file's records) and every edit republishes
// them all. The group's ratio is its summed |KL drag on sampling| over its summed |drag on
// decisions|, over the members that resample (one that answers once is left out: groupSummary);
// the summary sits on the one of those with the strongest ratio of its own. A group's
// summary is kept until its membership or the settings change, and the summaries stay sorted in
// document order: an edit re-sums the groups it touched (the index's `dirty` set) and moves their
// summaries, without a look at the other groups.
import type { SegmentedRecord, TraceDiagnostic } from '../trace/types.js';
import { analyseEntry } from './recordAnalysis.js';
import { groupIndexOf, type GroupIndex, type MemberChange, type RecordSet } from './rolloutGroups.js';
import type { LensSettings } from './settings.js';
import type { RecordEntry } from './traceDocument.js';

export interface GroupSummary {
  /** The member the summary is attached to. */
  entry: RecordEntry;
  /** On the entry's record line, relative to the entry's base. */
  diagnostic: TraceDiagnostic;
}

/**
 * A group's running sums: what groupSummary needs from its members, kept so that an edit adds the
 * new members' share and subtracts the removed ones' (a 300,000-member group is not re-summed per
 * keystroke). The sums are re-taken over the members (in document order, as a fresh summary
 * takes them) when the strongest member leaves, after as many updates as the group has members,
 * and whenever the rounding of the patched sums could show: near the threshold or a printed digit.
 */
interface GroupSums {
  sampling: number;
  decision: number;
  over: number;
  /** Members with steps to attribute (a candidate answer). */
  attributed: number;
  /** Members with a known reward (ground truth and a candidate answer): the group statistics' (as the hover says). */
  known: number;
  /**
   * Attributed members with more than one attempt (a RESAMPLE): the only ones `sampling`,
   * `decision`, `over` and `strongest` count (groupSummary says why); none, no summary.
   */
  reflecting: number;
  /** The first reflecting member (document order) with the largest ratio of its own. */
  strongest: RecordEntry | undefined;
  strongestRatio: number;
  /** Updates since the sums were last taken over the members. */
  updates: number;
  /** The largest `sampling` and `decision` since then: a sum far below its peak has lost precision to cancellation. */
  peakSampling: number;
  peakDecision: number;
}

interface SummaryCache {
  key: string;
  index: GroupIndex;
  /** Every group of the index with its summary (null: none). */
  byGroup: Map<string, GroupSummary | null>;
  /** Every group's running sums. */
  sums: Map<string, GroupSums>;
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
    const sums = new Map<string, GroupSums>();
    for (const [group, members] of index.groups) {
      const s = sumMembers(members, settings, key);
      sums.set(group, s);
      byGroup.set(group, groupSummary(members, s, settings));
    }
    const sorted = [...byGroup.values()]
      .filter((x): x is GroupSummary => x !== null)
      .sort((a, b) => a.entry.record.index - b.entry.record.index);
    caches.set(doc, { key, index, byGroup, sums, sorted });
    index.dirty.clear();
    index.memberChanges.clear();
    return sorted;
  }
  if (index.dirty.size === 0) return cache.sorted;
  const { byGroup, sums, sorted } = cache;
  // Take out the touched groups' summaries first: every summary left sits on a live entry, so
  // the entries' ordinals order them and the new summaries go in by binary search.
  const fresh: GroupSummary[] = [];
  for (const group of index.dirty) {
    const old = byGroup.get(group);
    if (old) sorted.splice(sorted.indexOf(old), 1);
    const members = index.groups.get(group);
    if (!members) {
      byGroup.delete(group);
      sums.delete(group);
      continue;
    }
    const s = updatedSums(sums.get(group), index.memberChanges.get(group), members, settings, key);
    sums.set(group, s);
    const summary = groupSummary(members, s, settings);
    byGroup.set(group, summary);
    if (summary) fresh.push(summary);
  }
  index.dirty.clear();
  index.memberChanges.clear();
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

/** Whether a record has a RESAMPLE: more steps than one sample and its STOP. */
const resamples = (seg: SegmentedRecord | null): boolean => (seg?.steps.length ?? 0) > 2;

let visits = 0;
/** Members summed over since the server started (a pass over a group counts each member): an edit's cost must not grow with its group. */
export const summedMembers = (): number => visits;

/** The sums over `members`, in document order (what a fresh summary takes). */
function sumMembers(members: readonly RecordEntry[], settings: LensSettings, key: string): GroupSums {
  visits += members.length;
  const threshold = settings.ratioThreshold;
  const s: GroupSums = {
    sampling: 0,
    decision: 0,
    over: 0,
    attributed: 0,
    known: 0,
    reflecting: 0,
    strongest: undefined,
    strongestRatio: -Infinity,
    updates: 0,
    peakSampling: 0,
    peakDecision: 0,
  };
  for (const e of members) {
    const { kl, seg } = analyseEntry(e, settings, key);
    if (!kl) continue;
    s.attributed++;
    if ((seg?.correct ?? null) !== null) s.known++;
    // A member that answers once is left out of the drag (groupSummary says why).
    if (!resamples(seg)) continue;
    s.reflecting++;
    s.sampling += Math.abs(kl.drag.sampling);
    s.decision += Math.abs(kl.drag.decision);
    if (kl.ratio > threshold) s.over++;
    if (kl.ratio > s.strongestRatio) [s.strongest, s.strongestRatio] = [e, kl.ratio];
  }
  s.peakSampling = s.sampling;
  s.peakDecision = s.decision;
  return s;
}

/** The sums after the member changes (in order), or taken again over `members` when that is cheaper or safer. */
function updatedSums(
  old: GroupSums | undefined,
  changes: readonly MemberChange[] | undefined,
  members: readonly RecordEntry[],
  settings: LensSettings,
  key: string,
): GroupSums {
  if (!old || !changes || old.updates + changes.length > members.length) return sumMembers(members, settings, key);
  const threshold = settings.ratioThreshold;
  const s = { ...old };
  // The strongest member's ratio when it left (it is then looked for among the new members).
  let left: number | undefined;
  for (const { entry, sign } of changes) {
    const { kl, seg } = analyseEntry(entry, settings, key);
    if (!kl) continue;
    s.attributed += sign;
    if ((seg?.correct ?? null) !== null) s.known += sign;
    if (!resamples(seg)) continue;
    s.reflecting += sign;
    s.sampling += sign * Math.abs(kl.drag.sampling);
    s.decision += sign * Math.abs(kl.drag.decision);
    if (kl.ratio > threshold) s.over += sign;
    if (sign < 0) {
      if (entry === s.strongest) {
        left ??= s.strongestRatio;
        [s.strongest, s.strongestRatio] = [undefined, -Infinity];
      }
    } else if (
      kl.ratio > s.strongestRatio ||
      (kl.ratio === s.strongestRatio && s.strongest !== undefined && entry.record.index < s.strongest.record.index)
    )
      [s.strongest, s.strongestRatio] = [entry, kl.ratio];
  }
  // The strongest member left. When one change replaced it (an edit of that record), the members
  // before it had smaller ratios and those after it at most its ratio: a new member with at least
  // its ratio, the first such, is the strongest. Else only a pass over the members finds it.
  if (left !== undefined && !(s.strongest && s.strongestRatio >= left && changes.every((c) => c.revision === changes[0].revision)))
    return sumMembers(members, settings, key);
  s.updates += changes.length;
  s.peakSampling = Math.max(s.peakSampling, s.sampling);
  s.peakDecision = Math.max(s.peakDecision, s.decision);
  // Patched sums carry rounding a fresh sum would not: re-take them where it could change what is
  // shown. A sum that never left 0 is exactly 0 (all its terms were 0) and needs no re-take.
  const lost = (v: number, peak: number): boolean => peak > 0 && !(v >= 1e-6 * peak);
  const ratio = s.sampling / s.decision;
  const tenths = ratio * 10 - Math.floor(ratio * 10);
  if (
    lost(s.sampling, s.peakSampling) ||
    lost(s.decision, s.peakDecision) ||
    (Number.isFinite(ratio) && (Math.abs(ratio - threshold) <= 1e-7 * Math.max(1, ratio) || Math.abs(tenths - 0.5) < 1e-6))
  )
    return sumMembers(members, settings, key);
  return s;
}

function groupSummary(members: RecordEntry[], sums: GroupSums, settings: LensSettings): GroupSummary | null {
  const threshold = settings.ratioThreshold;
  const { sampling, decision, over, attributed, known, reflecting, strongest, strongestRatio } = sums;
  const ratio = sampling / decision;
  // With no decision drag (beta = 0, or eps = 0) there is nothing to compare. A rollout that
  // answers once (one sample, one STOP; docs/design.md section 5) is in no sum: its ratio is the
  // response's KL over its one STOP token's, L + 1 under the eps estimate, whatever the text does
  // (the estimator's O(L) against O(1), which every response longer than the threshold shows, not
  // a place where the text reflects). Summed in, three such 1,008-token members put a group
  // whose one re-checking member is at 2.2x at 102.9x, the summary on one of them. So the ratio,
  // `over` and the member it sits on are the re-checking members' only, and a group with none
  // gets no summary.
  if (!strongest || reflecting === 0 || !(ratio > threshold) || !Number.isFinite(ratio)) return null;
  const line = strongest.record.startLine;
  // Keyed by model and group (rolloutGroups.ts groupKeyOf): the message names both (one group
  // name answered by two models is two groups, and two summaries that must be told apart).
  const { group: name, model } = members[0].record;
  const short = (x: string): string => JSON.stringify(x.length > 60 ? `${x.slice(0, 57)}...` : x);
  // As the hover: how many have a known reward (the group statistics are over those), and, when
  // the drag is summed over other members than those, over which: the re-checking ones when some
  // answer once, else (candidates without ground truth) those with a candidate answer.
  const summedOver =
    reflecting < attributed
      ? `, drag summed over the ${reflecting} that resample (${attributed - reflecting} answer once)`
      : attributed > known
        ? `, drag summed over the ${attributed} with a candidate answer`
        : '';
  const counts = `${known < members.length ? `, ${known} with a known reward` : ''}${summedOver}`;
  // A group of one (every record of an imported file without a group column) is named as such:
  // its advantage is verl's group of one, and its ratio is the record's own.
  const who =
    members.length === 1
      ? `Group ${short(name)} of model ${short(model)} (a group of one${known === 0 ? ', its reward unknown' : ''}): `
      : `Group ${short(name)} of model ${short(model)} (${members.length} rollouts${counts}, ${over} over the threshold; this one ${strongestRatio.toFixed(1)}x): `;
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
