// Record ids name one record each: gold labels, --ids and links find records by id.
//
// Rollouts of one GRPO group share their problem id (`uid`, `idx`) in verl-style JSONL dumps, one
// rollout per line. `RolloutIds` numbers them as a file is read in order: a record whose id an
// earlier record of the same file already had gets `<id>.<n>`, n its occurrence (2, 3, ...), so a
// group of 8 reads `u`, `u.2`, ..., `u.8` and keeps `u` as its `group` header. An id no earlier
// record had stays as it is (gold sets are keyed by those). It needs only the lines before, in
// order: every whole-file read gets the same ids (jsonlToRecords, the streamed read, import, the
// language server); a byte range of a JSONL file cannot, so no path splits JSONL into ranges
// (calibrate and scan share out .trace ranges only; the ids import writes are then plain text).
//
// An id that is still repeated after that (a .trace whose author repeated an id; a JSONL line
// whose own id is one the numbering gave an earlier record) is read whole (both records), with a
// warning on the later one that points at the first. A file that repeats ids throughout (a block
// copied many times) gets the first MAX_LISTED warnings and one line saying the rest are not
// listed; past MAX_TRACKED distinct ids both stop tracking, so memory stays bounded.
import type { TraceDiagnostic } from './types.js';

export const MAX_LISTED = 100;
export const MAX_TRACKED = 1_000_000;

export class RolloutIds {
  private readonly seen = new Map<string, number>();

  /** The id a record with id `id` takes at this point of its file. */
  assign(id: string): string {
    const n = this.seen.get(id);
    if (n === undefined) {
      if (this.seen.size < MAX_TRACKED) this.seen.set(id, 1);
      return id;
    }
    this.seen.set(id, n + 1);
    return `${id}.${n + 1}`;
  }
}

export class DuplicateIds {
  private readonly first = new Map<string, number>();
  private listed = 0;

  /** A warning when `id` was seen before (0-based `line`), else undefined and the id is remembered. */
  check(id: string, line: number, column: number, endColumn: number): TraceDiagnostic | undefined {
    const at = this.first.get(id);
    if (at === undefined) {
      if (this.first.size < MAX_TRACKED) this.first.set(id, line);
      return undefined;
    }
    if (this.listed > MAX_LISTED) return undefined;
    const more = ++this.listed > MAX_LISTED;
    return {
      line,
      column,
      endLine: line,
      endColumn,
      severity: 'warning',
      code: 'duplicate-id',
      message: more
        ? `Duplicate id "${id}", first at line ${at + 1}; more than ${MAX_LISTED} ids repeat in this file: the rest are not listed (every record is read).`
        : `Duplicate id "${id}", first at line ${at + 1}: both records are read, but labels and lookups by id cannot tell them apart.`,
    };
  }
}
