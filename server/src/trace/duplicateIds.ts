// Record ids should name one record each: gold labels, --ids and links find records by id. A file
// that repeats an id is still read whole (both records), with a warning on the later one that
// points at the first. A file that repeats ids throughout (a block copied many times) gets the
// first MAX_LISTED warnings and one line saying the rest are not listed, so that its diagnostics
// stay readable; past MAX_TRACKED distinct ids the check stops, so memory stays bounded.
import type { TraceDiagnostic } from './types.js';

export const MAX_LISTED = 100;
export const MAX_TRACKED = 1_000_000;

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
