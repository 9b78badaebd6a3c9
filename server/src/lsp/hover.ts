// Hover on any step of a trace: what the step is and what the objectives do to it — the KL term
// r, the KL Q-value (Theorem 3.2; 0 when the KL is a loss), its pathwise term, the surrogate
// Q-value from the GRPO advantage within the record's group in this document (Theorem 3.1), the
// KL's gradient contribution, and the per-step contribution of the objective chosen in
// `reflectionLens.objective` (Appendix D) — and the whole trace's attribution ratio.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { alignLogProbs, attributeSegmented, klModeOf } from '../analysis/attribution.js';
import { attributeObjective, segmentedSteps, type ObjectiveActionAttribution, type ObjectiveAttribution } from '../analysis/objectives.js';
import type { AttributedStep, AttributionOptions, TraceAttribution } from '../analysis/types.js';
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
  const options = attributionOptionsOf(settings);
  const objective = attribution ? selectedObjective(seg, group, settings) : null;
  const stepIndex = stepAt(seg, entry.base, position);
  const parts = [recordLine(seg, group)];
  if (stepIndex >= 0 && attribution) parts.push(stepTable(seg, stepIndex, attribution.steps[stepIndex], options, objective));
  parts.push(attribution ? ratioLine(attribution) : '_No candidate answer was found, so there are no steps to attribute._');
  if (objective) parts.push(objectiveLine(objective));
  const span = stepIndex >= 0 ? seg.steps[stepIndex].span : null;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') },
    range: span ? toRange(span, entry.base) : undefined,
  };
}

/** The objective chosen in `reflectionLens.objective`, attributed over a record's steps. */
export function selectedObjective(seg: SegmentedRecord, group: GroupAdvantage, settings: LensSettings): ObjectiveAttribution {
  return attributeObjective(settings.objective, segmentedSteps(seg), { advantage: group.advantage, ...attributionOptionsOf(settings) });
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
  // The mean and std are over the members with a known reward (ground truth and an answer): said
  // when that is not all of them (qval35: "group of 4 rollouts (mean reward 0.3333)" was over 3).
  const members = `group of ${g.size}${g.known > 1 ? ' rollouts' : ''}${g.known < g.size ? `, ${g.known} with a known reward` : ''}`;
  const groupText =
    g.known > 1
      ? `${members} (mean reward ${fmt(g.meanReward)}), GRPO advantage A = ${fmt(g.advantage)}`
      : g.known === 1 && seg.correct !== null
        ? // verl's group of one: mean 0, std 1, so A = R / (1 + 1e-6) (0.999999 for R = 1, not 1).
          `${g.size === 1 ? '' : `${members}, `}a group of one: A = R / (1 + 1e-6) = ${Number(g.advantage.toPrecision(6))}`
        : `${members} (no group statistics: A = ${fmt(g.advantage)})`;
  return `**Record \`${r.id}\`** · model \`${r.model}\` · task \`${r.task || '—'}\` · final answer ${code(seg.final)} (${judge(seg.correct)})  \n${groupText}`;
}

/** Where a record's KL terms come from: its per-token log-probs, or the estimate (eps per token). */
export const klFrom = (seg: SegmentedRecord, options: AttributionOptions): string =>
  alignLogProbs(seg) ? 'per-token log-probs' : `estimate (eps = ${options.eps} per token)`;

function stepTable(
  seg: SegmentedRecord,
  i: number,
  a: AttributedStep | undefined,
  options: AttributionOptions,
  objective: ObjectiveAttribution | null,
): string {
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
    if (sample?.kind === 'sample')
      rows.push([
        'candidate answer',
        `${code(sample.answer)} (${judge(sample.correct)})${step.echo ? ', echoed by the next attempt' : ''}`,
      ]);
  }
  if (a) {
    const loss = klModeOf(options) === 'loss';
    rows.push(['KL', `${options.kl} ${loss ? 'as a loss (verl use_kl_loss)' : 'in the reward (Theorem 3.2)'}`]);
    // Which KL the numbers come from: the record's per-token log-probs or the estimate.
    rows.push(['KL from', klFrom(seg, options)]);
    rows.push(['immediate KL penalty r', fmt(a.r)]);
    rows.push(['KL Q-value', fmt(a.q)]);
    if (loss || a.pathwise !== 0) rows.push(['KL pathwise term', fmt(a.pathwise)]);
    rows.push(['surrogate Q-value', fmt(a.qSurrogate)]);
    rows.push(['gradient contribution (KL)', fmt(a.contribution)]);
  }
  if (objective) rows.push(...objectiveRows(objective, objective.available ? objective.steps[i] : undefined));
  return `${title}\n\n| | |\n|:--|--:|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}`;
}

const OBJECTIVE_LABELS: Record<ObjectiveAttribution['objective'], string> = { surrogate: 'surrogate', kl: 'KL', sft: 'SFT', dft: 'DFT' };

/**
 * The selected objective's rows for one step: its Q (plus the KL's pathwise term) and its
 * contribution. The surrogate's Q is already the `surrogate Q-value` row.
 */
function objectiveRows(o: ObjectiveAttribution, s: ObjectiveActionAttribution | undefined): [string, string][] {
  const name = `${OBJECTIVE_LABELS[o.objective]} objective`;
  if (!s) return [[`${name}: contribution`, `n/a: ${(o.reason ?? 'not available').replace(/\|/g, '\\|')}`]];
  const rows: [string, string][] = [];
  if (o.objective !== 'surrogate') rows.push([`${name}: ${s.pathwise !== 0 ? 'Q + pathwise' : 'Q'}`, fmt(s.q + s.pathwise)]);
  rows.push([`${name}: contribution`, fmt(s.contribution)]);
  return rows;
}

/** The selected objective over the whole trace: sampling vs decision sums, ratio and the measured Appendix D verdict. */
export function objectiveLine(o: ObjectiveAttribution): string {
  const name = `${OBJECTIVE_LABELS[o.objective]} objective (\`reflectionLens.objective\`)`;
  if (!o.available) return `${name}: not available for this record: ${o.reason ?? 'unknown reason'}.`;
  return `${name}: sampling ${fmt(o.sampling)}, decisions ${fmt(o.decision)}, ratio ${fmtRatio(o.ratio)} · Appendix D verdict: **${o.attribution}**`;
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

/**
 * The hover as plain text, for a client whose hover.contentFormat leaves markdown out: bold,
 * italics and code marks dropped, escapes undone, each table row as "name: value".
 */
export function asPlainHover(h: Hover): Hover {
  const c = h.contents;
  if (typeof c !== 'object' || Array.isArray(c) || !('kind' in c) || c.kind !== MarkupKind.Markdown) return h;
  return { ...h, contents: { kind: MarkupKind.PlainText, value: markdownToPlain(c.value) } };
}

export function markdownToPlain(md: string): string {
  const inline = (s: string): string =>
    s
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/(^|\s)_(\S(?:.*?\S)?)_(?=$|[\s.,;:)])/g, '$1$2')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
      .replace(/ {2,}$/, '');
  const out: string[] = [];
  for (const line of md.split('\n')) {
    const row = /^\|(.*)\|\s*$/.exec(line);
    if (!row) {
      out.push(inline(line));
      continue;
    }
    // Cells split on unescaped bars; the header row (empty here) and the alignment row go.
    const cells = row[1].split(/(?<!\\)\|/).map((x) => inline(x.trim()));
    if (cells.every((x) => x === '' || /^:?-+:?$/.test(x))) continue;
    out.push(cells.length === 2 ? `${cells[0]}: ${cells[1]}` : cells.join('  '));
  }
  return out.join('\n');
}
