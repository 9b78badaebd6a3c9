// The phrasing families (test/phrasing/families/*.ts, written from docs/annotation-guide.md by
// people who had not read the engine's rules) as `.trace` text plus gold labels, so the engine
// is measured on them through the same path a user's traces take (parse -> segment).
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GoldRecord } from '../../server/src/trace/gold.js';
import type { PhrasingFamily, PhrasingRecord, PhrasingSplit } from './families/types.js';

/** The families tuned on (both halves of their phrasings are development data since the rotation in docs/segmentation-eval.md). */
export const FAMILIES_DIR = fileURLToPath(new URL('./families/', import.meta.url));
/** The second authors' families: held out when written (stop 18), development data since the next set came. */
export const SECOND_FAMILIES_DIR = fileURLToPath(new URL('./families-b/', import.meta.url));
/** The third authors' families: held out when written (stop 18), development data since the fourth set came (stop 19). */
export const THIRD_FAMILIES_DIR = fileURLToPath(new URL('./families-c/', import.meta.url));
/**
 * The fifth authors' families (stop 22), written from the guide and the names of the fourth
 * authors' genres only: development data (their 'dev' phrasings; the 'heldout' phrasings are kept
 * apart as a same-author check).
 */
export const FIFTH_FAMILIES_DIR = fileURLToPath(new URL('./families-e/', import.meta.url));
/**
 * The sixth authors' families (stop 23), written from the guide and genre names only, in the
 * genres where the held-out families read worst: development data ('dev' phrasings; 'heldout'
 * phrasings kept apart as a same-author check).
 */
export const SIXTH_FAMILIES_DIR = fileURLToPath(new URL('./families-f/', import.meta.url));
/**
 * The seventh authors' families (stop 24), written from the guide and genre names only, in the
 * answer kinds and languages of real responses the reading missed (Chinese exam solutions,
 * symbolic answers, word and multi-select answers, R1-style competition traces): held out, both
 * splits, when written; no rule was tuned on them.
 */
export const SEVENTH_FAMILIES_DIR = fileURLToPath(new URL('./families-g/', import.meta.url));
/**
 * The eighth authors' families (stop 33), written from the guide only, in code-output prediction
 * (CRUXEval / LiveCodeBench style: a short Python function and a call, the answer its returned
 * value as Python writes it): development data ('dev' phrasings; 'heldout' kept apart as a
 * same-author check).
 */
export const EIGHTH_FAMILIES_DIR = fileURLToPath(new URL('./families-h/', import.meta.url));
/**
 * The ninth authors' families (stop 37), written from the guide and the family interface only:
 * multiple choice in channel formats (gpt-oss harmony, a thought channel), verdict lists (true/false,
 * yes/no, statement pairs, "which of I, II, III"), closed-form derivations, answers with units and
 * words. Development data ('dev' phrasings, from stop 37's pass 78); 'heldout' phrasings, of
 * disjoint phrasing banks, held out.
 */
export const NINTH_FAMILIES_DIR = fileURLToPath(new URL('./families-i/', import.meta.url));
/** Families by later authors that nobody tuned on: every record they generate is held out. */
export const HELDOUT_FAMILIES_DIR = fileURLToPath(new URL('./families-d/', import.meta.url));

export async function loadFamilies(familiesDir = FAMILIES_DIR): Promise<PhrasingFamily[]> {
  const files = readdirSync(familiesDir)
    .filter((f) => f.endsWith('.ts') && f !== 'types.ts')
    .sort();
  return Promise.all(files.map(async (f) => (await import(pathToFileURL(familiesDir + f).href)) as PhrasingFamily));
}

/** A record as `.trace` text; body lines starting with `===` are escaped as the format says. */
export function toTraceText(r: PhrasingRecord, model: string): string {
  const headers = Object.entries({ model, ...r.headers }).map(([k, v]) => `${k}: ${String(v).replace(/\n/g, ' ')}`);
  const body = r.body
    .split('\n')
    .map((l) => (l.startsWith('===') ? `\\${l}` : l))
    .join('\n');
  return `=== ${r.id}\n${headers.join('\n')}\n---\n${body}\n`;
}

export const toGold = (r: PhrasingRecord): GoldRecord => ({
  id: r.id,
  candidates: r.candidates.map((c) => ({ value: c.value, offset: c.offset })),
  final: r.final,
  source: 'generator',
});

export function familyCorpus(f: PhrasingFamily, seed: number, count: number, split: PhrasingSplit): { text: string; gold: GoldRecord[] } {
  const records = f.generate(seed, count, split).map((r, i) => ({ ...r, id: `${split}-${i + 1}` }));
  return { text: records.map((r) => toTraceText(r, f.family)).join(''), gold: records.map(toGold) };
}
