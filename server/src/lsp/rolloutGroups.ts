// Rollout groups of an open document: members by `group` (its header, else its query), in
// document order. GRPO advantages and attribution summaries are per group, and a change to one
// record must not cost a pass over every record of a 40,000-record file: when the document
// reports which entries its last change replaced, the index is patched, else rebuilt.
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
}

export interface GroupIndex {
  revision: number;
  groups: Map<string, RecordEntry[]>;
  /** Revision at which a group's membership last changed (absent: unchanged since the index was built). */
  changedAt: Map<string, number>;
}

/** A change touching more entries than this is not worth patching (nor keeping its removed entries for). */
export const MAX_PATCH = 1000;

const indexes = new WeakMap<RecordSet, GroupIndex>();

export function groupIndexOf(doc: RecordSet): GroupIndex {
  const hit = indexes.get(doc);
  if (hit && hit.revision === doc.revision) return hit;
  if (hit && patch(hit, doc)) return hit;
  const index: GroupIndex = { revision: doc.revision, groups: new Map(), changedAt: new Map() };
  for (const e of doc.entries) {
    const members = index.groups.get(e.record.group);
    if (members) members.push(e);
    else index.groups.set(e.record.group, [e]);
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
  const { groups, changedAt } = index;
  for (const e of change.removed) {
    const g = e.record.group;
    const members = groups.get(g);
    const i = members ? members.indexOf(e) : -1;
    if (!members || i < 0) return false;
    members.splice(i, 1);
    if (members.length === 0) groups.delete(g);
    changedAt.set(g, change.revision);
  }
  for (const e of change.added) {
    const g = e.record.group;
    const members = groups.get(g);
    if (!members) groups.set(g, [e]);
    else {
      // Document order: after the last member that comes before it.
      let at = members.length;
      while (at > 0 && members[at - 1].record.index > e.record.index) at--;
      members.splice(at, 0, e);
    }
    changedAt.set(g, change.revision);
  }
  index.revision = doc.revision;
  return true;
}
