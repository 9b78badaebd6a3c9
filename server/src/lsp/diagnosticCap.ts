// At most `max` diagnostics per document go to the client. VS Code's extension host keeps 1,000
// per file and drops the rest (errors first, then warnings, infos, hints; it says how many it
// dropped), so publishing 20,000 findings of a big rollout file only cost time: every edit
// re-sent and re-decoded all of them. The same choice is made here, before serialisation, and
// the note says where the rest are (the CLI lists every diagnostic).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';

const severityNames: Record<number, [string, string]> = {
  1: ['error', 'errors'],
  2: ['warning', 'warnings'],
  3: ['information', 'information'],
  4: ['hint', 'hints'],
};

/**
 * The diagnostics to publish: all of them when they fit, else the `max - 1` most severe (document
 * order within a severity, kept in document order) and one information note on the first line.
 */
export function capDiagnostics(all: Diagnostic[], max: number): Diagnostic[] {
  if (all.length <= max) return all;
  const keep = Math.max(0, max - 1);
  // Count per severity to find the cut: every diagnostic more severe than `cutSeverity` is kept,
  // and the first `takeAtCut` of that severity.
  const counts = [0, 0, 0, 0, 0];
  for (const d of all) counts[rank(d)]++;
  let cutSeverity = 1;
  let room = keep;
  while (cutSeverity < 4 && counts[cutSeverity] <= room) room -= counts[cutSeverity++];
  const takeAtCut = room;
  const out: Diagnostic[] = [];
  const dropped = [0, 0, 0, 0, 0];
  let taken = 0;
  for (const d of all) {
    const r = rank(d);
    if (r < cutSeverity || (r === cutSeverity && taken++ < takeAtCut)) out.push(d);
    else dropped[r]++;
  }
  const hidden = all.length - out.length;
  const parts = dropped.flatMap((n, r) => (n > 0 ? [`${n.toLocaleString('en-US')} ${severityNames[r][n === 1 ? 0 : 1]}`] : []));
  out.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'diagnostics-capped',
    source: 'reflection-lens',
    message:
      `${hidden.toLocaleString('en-US')} further diagnostics not shown (${parts.join(', ')}): the editor shows at most ${max.toLocaleString('en-US')} per file ` +
      '(reflectionLens.maxDiagnostics; VS Code itself keeps 1,000). `reflection-lens segment --findings FILE` lists them all.',
  });
  return out;
}

/** 1 (error) .. 4 (hint); a diagnostic without severity counts as an error, as LSP clients read it. */
const rank = (d: Diagnostic): number => (d.severity && d.severity >= 1 && d.severity <= 4 ? d.severity : 1);
