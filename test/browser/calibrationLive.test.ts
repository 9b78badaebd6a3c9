// The calibration webview following a verl run live, in a real Chromium: per-step summaries of a
// fake rollout dir (the project's generator, read by the engine's followRolloutSteps) are merged
// the way the panel merges the server's notifications (LiveCalibration) and posted one by one;
// the charts over training steps gain a point per step as steps arrive, the header says it is
// following live and which step is still being read. Screenshot: test-artifacts/calibration-live.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { calibrationPageHtml } from '../../protocol/pages/calibrationPage.js';
import { makeNonce } from '../../protocol/pages/csp.js';
import type { HostToView } from '../../protocol/webview/calibration.js';
import { LiveCalibration } from '../../client/src/calibration/liveResult.js';
import { writeFakeRolloutStep } from '../../server/src/training/verl/fakeRollouts.js';
import { followRolloutSteps, type StepSummary } from '../../server/src/training/verl/liveSteps.js';
import { ARTIFACTS, browserSkipReason, launchChromium, openHtml, pointCounts, waitForRender, inkedPixels } from './calibrationPage.js';

const skip = browserSkipReason();
if (skip) console.log(`# skipping live calibration webview test: ${skip}`);

const fakeVsCode = `window.acquireVsCodeApi = () => ({ postMessage: () => {} });`;
const STEPS = [1, 2, 3, 4, 5, 6];
const TASKS = ['2x3', '3x4', '5x5'];
const STEP_CHARTS = ['steps-accuracy', 'steps-p', 'steps-delta1', 'steps-delta2'];

describe('live calibration webview in Chromium', { skip }, () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let root: string;
  const summaries: StepSummary[] = [];
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'rl-live-view-'));
    const dir = join(root, 'grpo-live');
    // Steps far apart on the learning schedule, so the lines visibly move.
    for (const step of STEPS) writeFakeRolloutStep(dir, step * 10, { rollouts: 192, tasks: TASKS, groupSize: 8 });
    for await (const s of followRolloutSteps(dir, { once: true, settleMs: 0, bootstrap: 100, partialEveryMs: 0 })) summaries.push(s);
    browser = await launchChromium();
    const html = calibrationPageHtml({
      nonce: makeNonce(),
      cspSource: 'file:',
      script: { src: pathToFileURL(resolve('dist/media/calibration.js')).href },
    });
    ({ page, problems } = await openHtml(browser, 'calibration-live.html', html, fakeVsCode));
    await waitForRender(page);
  });
  after(async () => {
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('each step update adds a point per series to the step charts', async () => {
    // Interim summaries too (partialEveryMs 0): a step shows up before it is fully read.
    assert.ok(
      summaries.some((s) => !s.complete),
      'no interim summaries',
    );
    const live = new LiveCalibration({ B: 100, seed: 1 });
    const seen = new Set<number>();
    for (const s of summaries) {
      live.apply(s, 1);
      seen.add(s.step);
      const before = await page.evaluate(() => window.__reflectionLens!.view.renders);
      const meta = { files: seen.size, filesRead: seen.size, source: 'grpo-live', live: live.meta() };
      const msg: HostToView = { type: 'result', result: live.result(), meta };
      await page.evaluate((m) => window.postMessage(m, '*'), msg);
      await waitForRender(page, before + 1);

      const header = (await page.locator('#summary').textContent())!;
      const n = live.meta().steps;
      assert.match(
        header,
        new RegExp(`^following grpo-live live · ${n} step file${n === 1 ? '' : 's'}, each read once · last step ${s.step}`),
      );
      assert.equal(header.includes(`reading step ${s.step}`), !s.complete, header);
      if (seen.size === 1) continue; // one step: no line yet, the charts over steps need two
      const counts = await pointCounts(page);
      const groups = msg.result.groups;
      for (const id of STEP_CHARTS) {
        const metric = id.slice('steps-'.length) as 'accuracy' | 'p' | 'delta1' | 'delta2';
        // A point per step where the task has a number; an interim summary may not have reached every task yet.
        const expected = TASKS.map((task) => groups.filter((g) => g.task === task && Number.isFinite(g[metric].value)).length);
        assert.deepEqual(counts[id], expected, `${id} after step ${s.step}${s.complete ? '' : ' (interim)'}`);
        if (s.complete)
          assert.deepEqual(
            expected,
            TASKS.map(() => seen.size),
            `${id}: every task has a point at every step`,
          );
      }
      assert.deepEqual(
        await page.locator('#step option').allTextContents(),
        [...seen].map((x) => `step ${x}`),
      );
    }
    // The per-task views follow the newest step; the lines move with the run (delta2 rises).
    assert.equal(await page.locator('#step').inputValue(), String(STEPS.at(-1)! * 10));
    const d2 = await page.evaluate(() =>
      window.__reflectionLens!.charts['steps-delta2']!.data.datasets.map((d) => (d.data as unknown as { y: number }[]).map((p) => p.y)),
    );
    for (const series of d2) assert.ok(series.at(-1)! > series[0]! + 0.2, `delta2 over steps ${series}`);
    const ink = await inkedPixels(page);
    for (const id of STEP_CHARTS) assert.ok(ink[id]! > 500, `${id} looks blank (${ink[id]} inked pixels)`);
    // A resumed job rewrites the last step: the server reads it again, and the header says so.
    const rewritten = { ...summaries.at(-1)!, changed: true };
    live.apply(rewritten, 2);
    const renders = await page.evaluate(() => window.__reflectionLens!.view.renders);
    const again: HostToView = {
      type: 'result',
      result: live.result(),
      meta: { files: STEPS.length, filesRead: STEPS.length + 1, source: 'grpo-live', live: live.meta() },
    };
    await page.evaluate((m) => window.postMessage(m, '*'), again);
    await waitForRender(page, renders + 1);
    assert.match(
      (await page.locator('#summary').textContent())!,
      /^following grpo-live live · 6 step files, 7 reads of 6 files \(rewritten steps are read again\) · last step 60/,
    );
    await page.locator('section', { hasText: 'Over training steps' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'calibration-live.png'), fullPage: true });
    assert.deepEqual(problems, []);
  });
});
