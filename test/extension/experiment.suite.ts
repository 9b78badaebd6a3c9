// "Reproduce the Paper's Experiment" inside the real extension host: the registered command runs
// the bundled CLI on a tiny plan (one seed, a few steps: well under a minute), resolves to the
// report's path, leaves four ordinary training runs and the report files, and opens the report
// in a webview panel. With REFLECTION_LENS_E2E_SHOT_DIR set (test/e2e/experimentReport.test.ts),
// the suite keeps the panel open until the harness has taken its screenshot.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, readMetrics, readStatus } from '../../server/src/training/runDir.js';
import { EXTENSION_ID, waitFor } from './util.js';

const ARMS = ['base', 'sft-no-reflection', 'sft-reflection', 'rl'];
const PANEL_TITLE = 'Table 1 / Figure 1 (tiny-lm)';

/** A plan over --quick small enough for CI (the unit tests' TINY_PLAN). */
const TINY_PLAN = {
  base: { steps: 6, batchSize: 16, lrWarmupSteps: 2, instructSteps: 2 },
  post: { steps: 3, promptsPerStep: 2, groupSize: 4, miniBatches: 2, lrWarmupSteps: 1 },
  model: { dModel: 16, heads: 2, layers: 1 },
  evalSize: 6,
  bootstrap: 50,
};

function reportTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('reflectionLens.experiment'));
}

describe("Reproduce the Paper's Experiment (editor command) in the extension host", () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('runs a tiny plan through the CLI, resolves to report.html, leaves ordinary runs and opens the report', async function () {
    this.timeout(180_000);
    const root = mkdtempSync(join(tmpdir(), 'rl-ext-experiment-'));
    const out = join(root, 'table1');
    const config = join(root, 'plan.json');
    writeFileSync(config, JSON.stringify(TINY_PLAN));
    const html = await vscode.commands.executeCommand<string | undefined>('reflectionLens.reproduceExperiment', {
      quick: true,
      out,
      config,
      seeds: 1,
    });

    assert.equal(html, join(out, 'report.html'), "the command resolves to the report's path");
    assert.ok(existsSync(join(out, 'report.html')));
    assert.ok(existsSync(join(out, 'report.json')));
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      arms: { name: string; tasks: unknown[] }[];
      verdicts: unknown[];
      plan: { seeds: number };
    };
    assert.deepEqual(
      report.arms.map((a) => a.name),
      ARMS,
    );
    assert.equal(report.plan.seeds, 1);
    assert.ok(
      report.arms.every((a) => a.tasks.length === 7),
      'seven tasks per arm',
    );
    assert.ok(report.verdicts.length > 0);
    assert.match(readFileSync(html!, 'utf8'), /<svg/, 'the report draws Figure 1');

    // Every arm is an ordinary training run: config.json, metrics.jsonl, a completed status.
    for (const arm of ARMS) {
      const dir = join(out, 'seed-1', arm);
      assert.ok(existsSync(join(dir, 'config.json')), `${arm}: config.json`);
      assert.ok(existsSync(join(dir, 'metrics.jsonl')), `${arm}: metrics.jsonl`);
      const cfg = readConfig(dir);
      assert.equal(cfg.policy, 'tiny-lm');
      assert.equal(cfg.steps, arm === 'base' ? TINY_PLAN.base.steps : TINY_PLAN.post.steps);
      if (arm !== 'base') assert.equal(cfg.lrWarmupSteps, TINY_PLAN.post.lrWarmupSteps, `${arm}: the post-training warm-up`);
      const { records, bad } = readMetrics(dir);
      assert.deepEqual(bad, []);
      assert.equal(records.length, Number(cfg.steps), `${arm}: one metrics line per step`);
      assert.equal(readStatus(dir)?.state, 'completed', arm);
    }

    // The report's webview panel is open (and active: it opens in the active column).
    const tab = await waitFor("the report's webview tab", () => reportTab(), 10_000);
    assert.equal(tab.label, PANEL_TITLE);
    assert.ok(tab.isActive, 'the report panel is the active tab of its group');

    const shotDir = process.env.REFLECTION_LENS_E2E_SHOT_DIR;
    if (shotDir) {
      // The e2e harness screenshots the workbench on this line, then writes `done`.
      console.log(`experiment-report-panel-open ${html}`);
      await waitFor("the e2e harness's screenshot", () => (existsSync(join(shotDir, 'done')) ? true : undefined), 90_000);
    }
  });
});
