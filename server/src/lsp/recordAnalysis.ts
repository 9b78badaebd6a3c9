// Analysis of one record for the editor, cached on its entry under the settings that produced
// it: segmentation (engine), the KL side of the attribution, and the record's own diagnostics.
// A record whose analysis throws gets an error diagnostic; the others are untouched.
import { attributeSegmented } from '../analysis/attribution.js';
import { advantageOf, outcomeReward, rewardStats, type RewardStats } from '../analysis/grpo.js';
import type { TraceAttribution } from '../analysis/types.js';
import { segmentRecord } from '../trace/segment.js';
import type { SegmentedRecord, TraceDiagnostic } from '../trace/types.js';
import { noCounts, severityRank, type SeverityCounts } from './diagnosticCap.js';
import { memo } from './entryCache.js';
import { groupKeyOf, groupsOf, type RecordSet } from './rolloutGroups.js';
import { attributionOptionsOf, segmentOptionsOf, type LensSettings } from './settings.js';
import type { RecordEntry } from './traceDocument.js';

export interface RecordAnalysis {
  seg: SegmentedRecord | null;
  /**
   * Attribution with advantage 0: its KL side (r, KL Q, drag, ratio) does not depend on the
   * group, so it can be cached per record; hover recomputes the surrogate side with the group's A.
   */
  kl: TraceAttribution | null;
  /** Parse problems and engine findings, relative to the entry's base (the attribution summary is per group: attributionSummary.ts). */
  diagnostics: TraceDiagnostic[];
  /** How many of `diagnostics` there are per LSP severity (diagnosticCap.ts), so a document can keep its totals. */
  counts: SeverityCounts;
}

export function analyseEntry(entry: RecordEntry, settings: LensSettings, key: string): RecordAnalysis {
  return memo(entry.cache, 'analysis', key, () => analyse(entry, settings));
}

let analyses = 0;
/** Records analysed since the server started (each re-analysis counts). */
export const analysisCount = (): number => analyses;

function analyse(entry: RecordEntry, settings: LensSettings): RecordAnalysis {
  analyses++;
  const { record } = entry;
  const diagnostics: TraceDiagnostic[] = [...record.diagnostics];
  try {
    // The token limit only words the no-answer finding of a cut-off response (segment.ts cutOffReason).
    const seg = segmentRecord(record, segmentOptionsOf(settings), { tokenLimit: settings.tokenLimit });
    diagnostics.push(...seg.diagnostics);
    let kl: TraceAttribution | null = null;
    if (seg.steps.length > 0) kl = attributeSegmented(seg, 0, attributionOptionsOf(settings));
    return { seg, kl, diagnostics, counts: countSeverities(diagnostics) };
  } catch (e) {
    diagnostics.push({
      ...recordLineSpan(entry),
      severity: 'error',
      code: 'analysis-failed',
      message: `This record could not be analysed (${(e as Error)?.message ?? String(e)}); the other records are not affected.`,
    });
    return { seg: null, kl: null, diagnostics, counts: countSeverities(diagnostics) };
  }
}

function countSeverities(diagnostics: readonly TraceDiagnostic[]): SeverityCounts {
  const counts = noCounts();
  for (const d of diagnostics) counts[severityRank(d)]++;
  return counts;
}

function recordLineSpan(entry: RecordEntry): Pick<TraceDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const line = entry.record.startLine;
  return { line, column: 0, endLine: line, endColumn: 3 };
}

export interface GroupAdvantage {
  advantage: number;
  /** Records in the group (same `group` header, or same query). */
  size: number;
  /** Members whose reward is known (ground truth and an answer). */
  known: number;
  meanReward: number;
}

/** GRPO advantage of entry `index` within its group of rollouts in this document. */
export function groupAdvantageOf(doc: RecordSet, index: number, settings: LensSettings, key: string): GroupAdvantage {
  const entry = doc.entries[index];
  const members = groupsOf(doc).get(groupKeyOf(entry.record)) ?? [entry];
  const stats = groupStats(members, doc.revision, settings, key);
  return {
    advantage: advantageOf(rewardOf(entry, settings, key), stats),
    size: members.length,
    known: stats.known,
    meanReward: stats.known ? stats.sum / stats.known : NaN,
  };
}

// A group's reward statistics, kept per members array (the group index patches it in place) until
// the document or the settings change: each hover in a 300,000-record group re-read every member.
const statsCache = new WeakMap<readonly RecordEntry[], { revision: number; key: string; stats: RewardStats }>();

function groupStats(members: readonly RecordEntry[], revision: number, settings: LensSettings, key: string): RewardStats {
  const hit = statsCache.get(members);
  if (hit && hit.revision === revision && hit.key === key) return hit.stats;
  const rewards = new Float64Array(members.length);
  for (let i = 0; i < members.length; i++) rewards[i] = rewardOf(members[i], settings, key);
  const stats = rewardStats(rewards);
  statsCache.set(members, { revision, key, stats });
  return stats;
}

/** The record's outcome reward, NaN when unknown (rewardStats's convention). */
function rewardOf(entry: RecordEntry, settings: LensSettings, key: string): number {
  return outcomeReward(analyseEntry(entry, settings, key).seg?.correct ?? null) ?? NaN;
}
