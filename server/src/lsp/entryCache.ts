// What the editor features keep per record (RecordEntry.cache), typed: each slot holds a value
// with the settings key that produced it, and the entry (with its cache) is dropped when the
// record is re-parsed. `memo` is the one way to read a slot: the value when its key still
// matches, else computed and stored.
import type { Diagnostic } from 'vscode-languageserver';
import type { RecordAnalysis } from './recordAnalysis.js';
import type { Token } from './semanticTokens.js';

interface Keyed<T> {
  key: string;
  value: T;
}

export interface EntryCache {
  /** Segmentation, correctness and attribution of the record (recordAnalysis.ts). */
  analysis?: Keyed<RecordAnalysis>;
  /** LSP diagnostics of a .trace record at `base`, the record's base line when they were converted (diagnostics.ts). */
  diagnostics?: Keyed<Diagnostic[]> & { base: number };
  /** LSP diagnostics of a JSONL record, placed on its line. */
  jsonlDiagnostics?: Keyed<Diagnostic[]>;
  /** Semantic tokens relative to the record's base line. */
  tokens?: Keyed<Token[]>;
}

type ValueOf<S extends keyof EntryCache> = NonNullable<EntryCache[S]>['value'];

export function memo<S extends keyof EntryCache>(cache: EntryCache, slot: S, key: string, compute: () => ValueOf<S>): ValueOf<S> {
  const hit = cache[slot] as Keyed<ValueOf<S>> | undefined;
  if (hit && hit.key === key) return hit.value;
  const value = compute();
  (cache[slot] as Keyed<ValueOf<S>> | undefined) = { key, value };
  return value;
}
