// At most `max` diagnostics per document go to the client. VS Code's extension host keeps 1,000
// per file and drops the rest (errors first, then warnings, infos, hints; it says how many it
// dropped), so publishing 20,000 findings of a big rollout file only cost time: every edit
// re-sent and re-decoded all of them. The same choice is made here, before serialisation, and
// the note says where the rest are (the CLI lists every diagnostic). The choice depends only on
// the counts per severity, so a document that keeps those counts (diagnostics.ts) picks what to
// publish without listing every diagnostic: `capPlan` and `capNote` are that choice's two halves.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TraceDiagnostic } from '../trace/types.js';

const severityNames: Record<number, [string, string]> = {
  1: ['error', 'errors'],
  2: ['warning', 'warnings'],
  3: ['information', 'information'],
  4: ['hint', 'hints'],
};

/** Diagnostics per severity rank: index 1 (error) .. 4 (hint); index 0 unused. */
export type SeverityCounts = number[];
export const noCounts = (): SeverityCounts => [0, 0, 0, 0, 0];

/** Which diagnostics a capped list keeps: every one more severe than `cutSeverity`, and the first `takeAtCut` of that severity. */
export interface CapPlan {
  cutSeverity: number;
  takeAtCut: number;
}

/** The cut for `counts` under `max`; null when everything fits (publish the list as it is). */
export function capPlan(counts: SeverityCounts, max: number): CapPlan | null {
  if (counts[1] + counts[2] + counts[3] + counts[4] <= max) return null;
  let cutSeverity = 1;
  let room = Math.max(0, max - 1);
  while (cutSeverity < 4 && counts[cutSeverity] <= room) room -= counts[cutSeverity++];
  return { cutSeverity, takeAtCut: room };
}

/** The information note ending a capped list: how many were left out (`dropped`, per severity), and where to find them. */
export function capNote(dropped: SeverityCounts, max: number): Diagnostic {
  const hidden = dropped.reduce((a, b) => a + b, 0);
  const parts = dropped.flatMap((n, r) => (n > 0 ? [`${n.toLocaleString('en-US')} ${severityNames[r][n === 1 ? 0 : 1]}`] : []));
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'diagnostics-capped',
    source: 'reflection-lens',
    message:
      `${hidden.toLocaleString('en-US')} further diagnostics not shown (${parts.join(', ')}): the editor shows at most ${max.toLocaleString('en-US')} per file ` +
      '(reflectionLens.maxDiagnostics; VS Code itself keeps 1,000). `reflection-lens segment --findings FILE` lists them all.',
  };
}

/**
 * The diagnostics to publish: all of them when they fit, else the `max - 1` most severe (document
 * order within a severity, kept in document order) and one information note on the first line.
 */
export function capDiagnostics(all: Diagnostic[], max: number): Diagnostic[] {
  const counts = noCounts();
  for (const d of all) counts[rank(d)]++;
  const plan = capPlan(counts, max);
  if (!plan) return all;
  const out: Diagnostic[] = [];
  const dropped = noCounts();
  let taken = 0;
  for (const d of all) {
    const r = rank(d);
    if (r < plan.cutSeverity || (r === plan.cutSeverity && taken++ < plan.takeAtCut)) out.push(d);
    else dropped[r]++;
  }
  out.push(capNote(dropped, max));
  return out;
}

/** 1 (error) .. 4 (hint); a diagnostic without severity counts as an error, as LSP clients read it. */
export const rank = (d: Diagnostic): number => (d.severity && d.severity >= 1 && d.severity <= 4 ? d.severity : 1);

/** The rank of an engine diagnostic once converted (diagnostics.ts toLspDiagnostic): error 1, warning 2, anything else information. */
export const severityRank = (d: TraceDiagnostic): number => (d.severity === 'error' ? 1 : d.severity === 'warning' ? 2 : 3);
