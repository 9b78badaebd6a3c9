// The hover's objective rows (setting reflectionLens.objective, Appendix D) and KL placement
// (reflectionLens.klMode), checked against the engine on the protocol tests' fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { attributeSegmented } from '../../server/src/analysis/attribution.js';
import { groupAdvantages, outcomeReward } from '../../server/src/analysis/grpo.js';
import { attributeObjective, segmentedSteps, type ObjectiveName } from '../../server/src/analysis/objectives.js';
import { hover } from '../../server/src/lsp/hover.js';
import { JsonlDocument } from '../../server/src/lsp/jsonlDocument.js';
import { jsonlHover } from '../../server/src/lsp/jsonlFeatures.js';
import { checkSettings, settingsKey } from '../../server/src/lsp/settings.js';
import { TraceDocument } from '../../server/src/lsp/traceDocument.js';
import { parseTrace } from '../../server/src/trace/parse.js';
import { segmentRecord } from '../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';

const text = readFileSync('test/fixtures/lsp/multi.trace', 'utf8');
const lines = text.split('\n');
const doc = new TraceDocument('file:///fixture/multi.trace', 1, text);
const segs = parseTrace(text, { fileName: 'multi.trace' }).records.map((r) => segmentRecord(r, defaultSegmentOptions));
const g1 = segs.filter((x) => x.record.group === 'g1');
const a2 = g1.findIndex((x) => x.record.id === 'a2');
const advantage = groupAdvantages(g1.map((x) => outcomeReward(x.correct)))[a2];
// Step 3 of a2: the second attempt, the correct 408.
const position = { line: lines.findIndex((l, i) => i > lines.indexOf('=== a2') && l.includes('answer is 408')), character: 3 };

function hoverText(raw: Record<string, unknown>): string {
  const { settings, problems } = checkSettings(raw);
  assert.deepEqual(problems, []);
  const h = hover(doc, position, settings, settingsKey(settings));
  assert.ok(h);
  return (h.contents as { value: string }).value;
}
const row = (md: string, name: string): string => {
  const m = md.match(new RegExp(`\\| ${name.replace(/[()+]/g, '\\$&')} \\| ([^|]+) \\|`));
  assert.ok(m, `row "${name}" in\n${md}`);
  return m[1];
};
const close = (shown: string, want: number, what: string): void => {
  const got = Number(shown);
  assert.ok(Math.abs(got - want) <= Math.max(5e-5, 1e-3 * Math.abs(want)), `${what}: ${shown} vs ${want}`);
};

test("hover: the selected objective's per-step contribution and its verdict, as the engine computes them", () => {
  assert.ok(advantage > 0);
  const base = { beta: 0.001, eps: 0.05, gamma: 1, kl: 'k1' as const };
  for (const objective of ['surrogate', 'kl', 'sft', 'dft'] as ObjectiveName[]) {
    const md = hoverText({ objective });
    const want = attributeObjective(objective, segmentedSteps(g1[a2]), { advantage, ...base, klMode: 'reward' });
    const label = { surrogate: 'surrogate', kl: 'KL', sft: 'SFT', dft: 'DFT' }[objective];
    if (!want.available) {
      // The fixture carries no log-probs: SFT (1/pi per token) cannot be computed, and the hover says why.
      assert.equal(objective, 'sft');
      assert.match(row(md, `${label} objective: contribution`), /^n\/a: needs the policy's per-token log-probs/);
      assert.match(md, /SFT objective \(`reflectionLens\.objective`\): not available for this record/);
      continue;
    }
    close(row(md, `${label} objective: contribution`), want.steps[2].contribution, `${objective} contribution`);
    if (objective !== 'surrogate') close(row(md, `${label} objective: Q`), want.steps[2].q, `${objective} Q`);
    assert.match(
      md,
      new RegExp(
        `${label} objective \\(\`reflectionLens\\.objective\`\\): sampling -?[\\d.e-]+, decisions -?[\\d.e-]+, ratio \\S+ · Appendix D verdict: \\*\\*${want.attribution}\\*\\*`,
      ),
    );
  }
  // The default objective is the surrogate: its contribution is Q x 1 (no policy model), the advantage.
  close(row(hoverText({}), 'surrogate objective: contribution'), advantage, 'default objective');
});

test('hover: with reflectionLens.klMode "loss" the KL has no Q-value and drags by its pathwise term', () => {
  const md = hoverText({ klMode: 'loss', klEstimator: 'k3', objective: 'kl' });
  const want = attributeSegmented(g1[a2], advantage, { beta: 0.001, eps: 0.05, gamma: 1, kl: 'k3', klMode: 'loss' }).steps[2];
  assert.equal(row(md, 'KL'), 'k3 as a loss (verl use_kl_loss)');
  assert.equal(Number(row(md, 'KL Q-value')), 0);
  close(row(md, 'KL pathwise term'), want.pathwise, 'pathwise');
  close(row(md, 'gradient contribution (KL)'), want.contribution, 'contribution');
  close(row(md, 'KL objective: Q + pathwise'), want.pathwise, 'the kl objective is the KL column');
  assert.ok(want.pathwise < 0 && want.q === 0);
  // The editor's default placement is the reward (Theorem 3.2).
  assert.equal(row(hoverText({}), 'KL'), 'k1 in the reward (Theorem 3.2)');
});

test("JSONL hover: the selected objective's contribution per step and its verdict line, as the engine computes them", () => {
  const jsonl =
    [
      JSON.stringify({
        prompt: 'Calculate 12 * 34.',
        response: '12 * 34 = 418.\nWait, let me recompute: 12 * 30 = 360 and 12 * 4 = 48, so 12 * 34 = 408.',
        answer: '408',
        group: 'g',
      }),
      JSON.stringify({ prompt: 'Calculate 12 * 34.', response: '12 * 34 = 408', answer: '408', group: 'g' }),
    ].join('\n') + '\n';
  const jdoc = new JsonlDocument('file:///fixture/r.jsonl', 1, jsonl);
  const { settings, problems } = checkSettings({ objective: 'kl' });
  assert.deepEqual(problems, []);
  const h = jsonlHover(jdoc, { line: 0, character: 2 }, settings, settingsKey(settings));
  assert.ok(h);
  const md = (h.contents as { value: string }).value;
  assert.match(md, /\| step \| \| r \| KL Q \| surrogate Q \| kl contribution \|/);
  // Every step row ends with its contribution (418, RESAMPLE, 408, STOP).
  const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
  assert.equal(rows.length, 4);
  for (const r of rows) assert.match(r, /\| -?[\d.]+(?:e[-+]\d+)? \|$/);
  assert.match(md, /KL objective \(`reflectionLens.objective`\)/);
  const { settings: plain } = checkSettings({});
  const md2 = (jsonlHover(jdoc, { line: 0, character: 2 }, plain, settingsKey(plain))!.contents as { value: string }).value;
  assert.match(md2, /surrogate contribution \|/, 'the default objective is the surrogate');
});
