// Hover on any step of a trace: what the step is and what the two objectives do to it — the
// immediate KL penalty r, the KL Q-value (Theorem 3.2), the surrogate Q-value from the GRPO
// advantage within the record's group in this document (Theorem 3.1), the gradient contribution
// — and the whole trace's attribution ratio.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { attributeSegmented } from '../analysis/attribution.js';
import type { AttributedStep, TraceAttribution } from '../analysis/types.js';
import type { SegmentedRecord, Step } from '../trace/types.js';
import { spanContains, toRange } from './positions.js';
import { analyseEntry, groupAdvantageOf, type GroupAdvantage } from './recordAnalysis.js';
import type { RecordSet } from './rolloutGroups.js';
import { attributionOptionsOf, type LensSettings } from './settings.js';
import type { TraceDocument } from './traceDocument.js';

export function hover(doc: TraceDocument, position: Position, settings: LensSettings, key: string): Hover | null {
  const index = doc.entryAt(position.line);
  if (index < 0) return null;
  const entry = doc.entries[index];
  const analysed = attributedInGroup(doc, index, settings, key);
  if (!analysed) return null;
  const { seg, group, attribution } = analysed;
  const stepIndex = stepAt(seg, entry.base, position);
  const parts = [recordLine(seg, group)];
  if (stepIndex >= 0 && attribution) parts.push(stepTable(seg, stepIndex, attribution.steps[stepIndex]));
  parts.push(attribution ? ratioLine(attribution) : '_No candidate answer was found, so there are no steps to attribute._');
  const span = stepIndex >= 0 ? seg.steps[stepIndex].span : null;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') },
    range: span ? toRange(span, entry.base) : undefined,
  };
}

export interface GroupAttributed {
  seg: SegmentedRecord;
  group: GroupAdvantage;
  /** Attribution with the group's advantage; null when the record has no steps. */
  attribution: TraceAttribution | null;
}

/** Record `index` segmented and attributed with the GRPO advantage of its group in the document. */
export function attributedInGroup(doc: RecordSet, index: number, settings: LensSettings, key: string): GroupAttributed | null {
  const { seg } = analyseEntry(doc.entries[index], settings, key);
  if (!seg) return null;
  const group = groupAdvantageOf(doc, index, settings, key);
  const attribution = seg.steps.length ? attributeSegmented(seg, group.advantage, attributionOptionsOf(settings)) : null;
  return { seg, group, attribution };
}

/**
 * A decision marker wins over the attempt around it; otherwise the attempt whose lines hold the
 * position, or the one before it (blank lines between an answer and the next marker).
 */
function stepAt(seg: SegmentedRecord, base: number, pos: Position): number {
  const decision = seg.steps.findIndex((s) => s.kind === 'decision' && spanContains(s.span, base, pos.line, pos.character));
  if (decision >= 0) return decision;
  const line = pos.line - base;
  if (line < seg.record.bodyStartLine) return -1;
  let found = -1;
  seg.steps.forEach((s, i) => {
    if (s.kind === 'sample' && s.span.line <= line) found = i;
  });
  return found;
}

export function recordLine(seg: SegmentedRecord, g: GroupAdvantage): string {
  const r = seg.record;
  const groupText =
    g.known > 1 ? `group of ${g.size} rollouts (mean reward ${fmt(g.meanReward)}), GRPO advantage A = ${fmt(g.advantage)}` : `group of ${g.size} (no group statistics: A = ${fmt(g.advantage)})`;
  return `**Record \`${r.id}\`** · model \`${r.model}\` · task \`${r.task || '—'}\` · final answer ${code(seg.final)} (${judge(seg.correct)})  \n${groupText}`;
}

function stepTable(seg: SegmentedRecord, i: number, a: AttributedStep | undefined): string {
  const step: Step = seg.steps[i];
  const attempts = seg.steps.filter((s) => s.kind === 'sample').length;
  const title =
    step.kind === 'sample'
      ? `**Step ${i + 1} of ${seg.steps.length}: sample (attempt ${step.attempt + 1} of ${attempts})**`
      : `**Step ${i + 1} of ${seg.steps.length}: decision ${step.action} (after attempt ${step.attempt + 1} of ${attempts})**`;
  const rows: [string, string][] = [['action', step.kind === 'sample' ? 'sample' : step.action]];
  if (step.kind === 'sample') {
    rows.push(['tokens (L)', String(step.tokens)]);
    rows.push(['candidate answer', `${code(step.answer)} (${judge(step.correct)})`]);
    rows.push(['found by', `${step.rule} (confidence ${step.confidence.toFixed(2)})`]);
  } else {
    const sample = seg.steps[i - 1];
    rows.push(['tokens', '1']);
    if (step.marker) rows.push(['marker', `"${step.marker}"`]);
    if (sample?.kind === 'sample') rows.push(['candidate answer', `${code(sample.answer)} (${judge(sample.correct)})${step.echo ? ', echoed by the next attempt' : ''}`]);
  }
  if (a) {
    rows.push(['immediate KL penalty r', fmt(a.r)]);
    rows.push(['KL Q-value', fmt(a.q)]);
    rows.push(['surrogate Q-value', fmt(a.qSurrogate)]);
    rows.push(['gradient contribution (KL)', fmt(a.contribution)]);
  }
  return `${title}\n\n| | |\n|:--|--:|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}`;
}

export function ratioLine(a: TraceAttribution): string {
  return (
    `Attribution ratio of this trace (|KL drag on sampling| / |KL drag on decisions|): **${fmtRatio(a.ratio)}** · ` +
    `surrogate ratio ${fmtRatio(a.surrogateRatio)}  \nKL drag: sampling ${fmt(a.drag.sampling)}, decisions ${fmt(a.drag.decision)} · ` +
    `surrogate push: sampling ${fmt(a.push.sampling)}, decisions ${fmt(a.push.decision)}`
  );
}

export const judge = (c: boolean | null): string => (c === true ? 'correct' : c === false ? 'wrong' : 'unknown');
export const code = (s: string | null): string => (s === null ? '_none_' : `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|')}\``);

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'n/a' : x > 0 ? '∞' : '-∞';
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(3);
  return x.toFixed(4);
}

const fmtRatio = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : Number.isNaN(x) ? 'n/a' : '∞');
