// Which records of an open document still need analysing under its settings, and the totals per
// severity of the diagnostics of those that are done. Publishing after an edit must not visit
// every record of a 40,000-record file: the document reports which entries its changes replaced
// (traceDocument.ts), so the removed ones' counts are subtracted, the new ones queued, and the
// rest is not looked at. Without that report (a large change, a JSONL document, other settings)
// every record is queued again; records already analysed under these settings are then only
// counted (their analysis is memoised on the entry).
import { noCounts, type SeverityCounts } from './diagnosticCap.js';
import { analyseEntry } from './recordAnalysis.js';
import type { EntryChange, RecordSet } from './rolloutGroups.js';
import type { LensSettings } from './settings.js';
import type { RecordEntry } from './traceDocument.js';

interface Progress {
  key: string;
  /** The document revision that `pending` and `counts` describe (with the entries counted so far). */
  revision: number;
  /** Entries of that revision not analysed and counted yet. */
  pending: Set<RecordEntry>;
  /**
   * Where the analysis is in `pending` (a Set's iterator skips the entries deleted since and sees
   * those added; starting a new one at every step would walk over the deleted ones again).
   */
  cursor: Iterator<RecordEntry>;
  /** Diagnostics per severity of the entries analysed and counted. */
  counts: SeverityCounts;
}

const progress = new WeakMap<RecordSet, Progress>();

/** Analysis of a document's records one at a time (so the server can yield between slices). */
export interface AnalysisQueue {
  /** Analyses and counts one more record; false when none is left or the queue was superseded. */
  step(): boolean;
  /** False once another pass (other settings, or the document changed) took over. */
  readonly current: boolean;
}

export function analysisQueue(doc: RecordSet, settings: LensSettings, key: string): AnalysisQueue {
  const p = sync(doc, settings, key);
  return {
    step() {
      if (progress.get(doc) !== p || p.revision !== doc.revision) return false;
      let next = p.cursor.next();
      // A finished iterator stays finished: entries queued after it ended need a new one.
      if (next.done && p.pending.size > 0) next = (p.cursor = p.pending.values()).next();
      if (next.done) return false;
      p.pending.delete(next.value);
      add(p.counts, analyseEntry(next.value, settings, key).counts, 1);
      return true;
    },
    get current() {
      return progress.get(doc) === p && p.revision === doc.revision;
    },
  };
}

/** Diagnostics per severity over all of the document's records (analysing those not analysed yet). Do not modify. */
export function recordCounts(doc: RecordSet, settings: LensSettings, key: string): SeverityCounts {
  const queue = analysisQueue(doc, settings, key);
  while (queue.step());
  return progress.get(doc)!.counts;
}

/** The progress of `doc` brought up to its current revision and `key`. */
function sync(doc: RecordSet, settings: LensSettings, key: string): Progress {
  const p = progress.get(doc);
  if (p && p.key === key) {
    if (p.revision === doc.revision) return p;
    const changes = doc.changesSince?.(p.revision);
    if (changes) {
      const { removed, added } = netChange(changes);
      // A removed entry was counted unless it was still pending; its analysis under `key` is
      // memoised on it (or, if another pass replaced it meanwhile, computed again: it is the same).
      for (const e of removed) if (!p.pending.delete(e)) add(p.counts, analyseEntry(e, settings, key).counts, -1);
      for (const e of added) p.pending.add(e);
      p.revision = doc.revision;
      return p;
    }
  }
  const pending = new Set(doc.entries);
  const fresh: Progress = { key, revision: doc.revision, pending, cursor: pending.values(), counts: noCounts() };
  progress.set(doc, fresh);
  return fresh;
}

/**
 * What a run of changes did in all: the entries that were there before it and are gone, and the
 * entries that are there after it and were not before (an entry added by one change and removed
 * by a later one is in neither). Entries are never re-inserted: a re-parse makes new ones.
 */
export function netChange(changes: readonly EntryChange[]): { removed: RecordEntry[]; added: RecordEntry[] } {
  const added = new Set<RecordEntry>();
  const removed: RecordEntry[] = [];
  for (const c of changes) {
    for (const e of c.removed) if (!added.delete(e)) removed.push(e);
    for (const e of c.added) added.add(e);
  }
  return { removed, added: [...added] };
}

function add(into: SeverityCounts, counts: SeverityCounts, sign: 1 | -1): void {
  for (let r = 1; r < into.length; r++) into[r] += sign * counts[r];
}
