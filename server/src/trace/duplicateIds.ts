// Record ids should name one record each: gold labels, --ids and links find records by id. A file
// that repeats an id is still read whole (both records), with a warning on the later one that
// points at the first.
import type { TraceDiagnostic } from './types.js';

export class DuplicateIds {
  private readonly first = new Map<string, number>();

  /** A warning when `id` was seen before (0-based `line`), else undefined and the id is remembered. */
  check(id: string, line: number, column: number, endColumn: number): TraceDiagnostic | undefined {
    const at = this.first.get(id);
    if (at === undefined) {
      this.first.set(id, line);
      return undefined;
    }
    return {
      line,
      column,
      endLine: line,
      endColumn,
      severity: 'warning',
      code: 'duplicate-id',
      message: `Duplicate id "${id}", first at line ${at + 1}: both records are read, but labels and lookups by id cannot tell them apart.`,
    };
  }
}
