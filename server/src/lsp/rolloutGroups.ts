// Rollout groups of an open document: members by model and `group` (its header, else its query),
// in document order (a GRPO group is rollouts of one policy: two models answering one query are
// two groups, as in the CLI). GRPO advantages and attribution summaries are per group, and a change to one
// record must not cost a pass over every record of a 40,000-record file: when the document
// reports which entries its last change replaced, the index is patched (and says which groups
// the patch touched), else rebuilt.
import type { RecordEntry } from './traceDocument.js';

/** One change to a document's entries: those it removed and those it put in their place. */
export interface EntryChange {
  revision: number;
  removed: readonly RecordEntry[];
  added: readonly RecordEntry[];
}

/** The records of an open document (.trace or JSONL) and a counter that moves when they change. */
export interface RecordSet {
  entries: RecordEntry[];
  revision: number;
  /** The change that made `revision`, when it was small enough to patch indexes with. */
  lastChange?: EntryChange;
  /**
   * The changes since `revision`, oldest first, when the document still has them all (each small
   * enough to patch with); undefined otherwise. Absent: the document keeps no changes.
   */
  changesSince?(revision: number): readonly EntryChange[] | undefined;
}

/** A member a patch took out of its group (-1) or put in (+1), and the document revision that did it. */
export interface MemberChange {
  entry: RecordEntry;
  sign: 1 | -1;
  revision: number;
}

export interface GroupIndex {
  revision: number;
  groups: Map<string, RecordEntry[]>;
  /**
   * Groups whose membership patches changed since the attribution summaries last looked
   * (attributionSummary.ts takes them and clears the set); a rebuilt index starts empty.
   */
  dirty: Set<string>;
  /**
   * For each group in `dirty`, the members the patches took out (-) and put in (+), in order, so
   * per-group sums can be updated by the members that changed instead of re-summed over the group.
   */
  memberChanges: Map<string, MemberChange[]>;
}

/** A change touching more entries than this is not worth patching (nor keeping its removed entries for). */
export const MAX_PATCH = 1000;

const indexes = new WeakMap<RecordSet, GroupIndex>();

/** The key of a record's rollout group: its model and its group (header, else query). */
export const groupKeyOf = (record: { model: string; group: string }): string => `${record.model}\u0000${record.group}`;

export function groupIndexOf(doc: RecordSet): GroupIndex {
  const hit = indexes.get(doc);
  if (hit && hit.revision === doc.revision) return hit;
  if (hit && patch(hit, doc)) return hit;
  const index: GroupIndex = { revision: doc.revision, groups: new Map(), dirty: new Set(), memberChanges: new Map() };
  for (const e of doc.entries) {
    const key = groupKeyOf(e.record);
    const members = index.groups.get(key);
    if (members) members.push(e);
    else index.groups.set(key, [e]);
  }
  indexes.set(doc, index);
  return index;
}

export const groupsOf = (doc: RecordSet): Map<string, RecordEntry[]> => groupIndexOf(doc).groups;

/**
 * Applies the document's one change since `index` was current. False (the index is then
 * rebuilt) for anything else: several changes in between (their record ordinals are only
 * final after the last one), a large change (not recorded), or an entry the index lacks.
 */
function patch(index: GroupIndex, doc: RecordSet): boolean {
  const change = doc.lastChange;
  if (!change || change.revision !== doc.revision || doc.revision !== index.revision + 1) return false;
  const { groups, dirty, memberChanges } = index;
  const note = (g: string, entry: RecordEntry, sign: 1 | -1): void => {
    dirty.add(g);
    const list = memberChanges.get(g);
    const c = { entry, sign, revision: doc.revision };
    if (list) list.push(c);
    else memberChanges.set(g, [c]);
  };
  // The removed entries keep their old ordinals (the first is where the change starts); members
  // before it keep theirs and the members after it have ordinals at least as large: a binary
  // search finds where a group's removed members sit, so a 300,000-member group is not walked.
  const from = change.removed.length > 0 ? change.removed[0].record.index : 0;
  for (const e of change.removed) {
    const g = groupKeyOf(e.record);
    const members = groups.get(g);
    if (!members) return false;
    let i = firstAtOrAfter(members, from);
    if (members[i] !== e) i = members.indexOf(e);
    if (i < 0) return false;
    members.splice(i, 1);
    if (members.length === 0) groups.delete(g);
    note(g, e, -1);
  }
  for (const e of change.added) {
    const g = groupKeyOf(e.record);
    const members = groups.get(g);
    // Document order: after the last member that comes before it (ordinals are current here).
    if (!members) groups.set(g, [e]);
    else members.splice(firstAtOrAfter(members, e.record.index), 0, e);
    note(g, e, 1);
  }
  index.revision = doc.revision;
  return true;
}

/** The first position in `members` (in document order) whose ordinal is at least `ordinal`. */
function firstAtOrAfter(members: readonly RecordEntry[], ordinal: number): number {
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (members[mid].record.index < ordinal) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
