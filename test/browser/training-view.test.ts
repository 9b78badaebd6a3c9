// The training view in a real Chromium, as the VS Code webview runs it: the page shell with the
// built bundle under the nonce CSP, a stand-in for acquireVsCodeApi, and metrics from a real ds3
// run posted the way the panel forwards the trainer's events.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { trainingPageHtml } from '../../protocol/pages/trainingPage.js';
import type { MetricsRecord } from '../../protocol/webview/training.js';
import { makeNonce } from '../../protocol/pages/csp.js';
import { ARTIFACTS, CHROMIUM, launchChromium, openHtml } from './calibrationPage.js';
import { runTraining } from '../../server/src/training/runner.js';
import { readMetrics } from '../../server/src/training/runDir.js';

const BUNDLE = resolve('dist/media/training.js');
const skip = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing (apt-get install -y chromium)`
  : !existsSync(BUNDLE)
    ? 'dist/media/training.js is not built (npm run build)'
    : undefined;
if (skip) console.log(`# skipping training view tests: ${skip}`);

const fakeVsCode = `
  window.__posted = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))) });
`;
type Posted = { type: string };
const posted = (page: Page): Promise<Posted[]> => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);

const renders = (page: Page): Promise<number> => page.evaluate(() => window.__reflectionLensTraining!.view.renders);
async function rendered(page: Page, after: number): Promise<void> {
  await page.waitForFunction((n) => window.__reflectionLensTraining!.view.renders > n, after);
}

/** Per chart: the number of points per dataset that have a value (gaps excluded). */
function pointCounts(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const out: Record<string, number[]> = {};
    for (const [id, c] of Object.entries(window.__reflectionLensTraining!.charts)) {
      out[id] = c.data.datasets.map((d) => (d.data as { y: number | null }[]).filter((p) => p.y !== null).length);
    }
    return out;
  });
}

describe('training view in Chromium', { skip }, () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let metrics: MetricsRecord[];
  let tmp: string;
  const STEPS = 40;
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'training-view-'));
    const dir = join(tmp, 'run');
    await runTraining({
      config: [{ policy: 'ds3', steps: STEPS, groups: 16 }],
      out: dir,
      signal: new AbortController().signal,
      onEvent() {},
    });
    metrics = readMetrics(dir).records;
    browser = await launchChromium();
    const html = trainingPageHtml({ nonce: makeNonce(), cspSource: 'file:', scriptSrc: pathToFileURL(BUNDLE).href });
    ({ page, problems } = await openHtml(browser, 'training-view.html', html, fakeVsCode));
    await page.waitForFunction(() => window.__reflectionLensTraining !== undefined);
  });
  after(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('a run that fails before it starts (a config the trainer refuses) says so instead of waiting', async () => {
    const html = trainingPageHtml({ nonce: makeNonce(), cspSource: 'file:', scriptSrc: pathToFileURL(BUNDLE).href });
    const fresh = await openHtml(browser, 'training-view-failed.html', html, fakeVsCode);
    await fresh.page.waitForFunction(() => window.__reflectionLensTraining !== undefined);
    await fresh.page.evaluate(() =>
      window.postMessage({ type: 'state', state: 'failed', message: 'ds3 config: lr must be a number >= 0, got -1' }, '*'),
    );
    await fresh.page.waitForFunction(() => document.querySelector('#state')?.textContent === 'failed');
    assert.equal(
      await fresh.page.locator('#charts [role=alert]').textContent(),
      'The run did not start: ds3 config: lr must be a number >= 0, got -1',
    );
    // Nothing to resume: the run was never created.
    assert.equal(await fresh.page.locator('#resume').isHidden(), true);
    assert.deepEqual(fresh.problems, []);
    await fresh.page.close();
  });

  test('says it is ready; a live ds3 run fills the six Figure 3 charts point by point', async () => {
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    await page.evaluate(
      (steps) => window.postMessage({ type: 'run', run: { runDir: '/runs/ds3-a', name: 'ds3-a', policy: 'ds3', steps, live: true } }, '*'),
      STEPS,
    );
    await page.waitForSelector('#chart-ratio');
    assert.deepEqual(Object.keys(await pointCounts(page)), ['logits', 'probabilities', 'push', 'drag', 'net', 'ratio']);
    // Live: one message per metrics line, as the trainer streams them.
    for (const m of metrics.slice(0, 25)) await page.evaluate((r) => window.postMessage({ type: 'metrics', records: [r] }, '*'), m);
    await page.waitForFunction(() => window.__reflectionLensTraining!.charts.logits.data.datasets[0].data.length === 25);
    const before = await renders(page);
    await page.evaluate((rs) => window.postMessage({ type: 'metrics', records: rs }, '*'), metrics.slice(25));
    await rendered(page, before);
    const counts = await pointCounts(page);
    const n = metrics.length;
    // The reference resets at steps 10, 20, 30: no KL there, so no ratio points.
    const resets = metrics.filter((m) => m.refReset).length;
    assert.equal(resets, 3);
    assert.deepEqual(counts.logits, [n, n, n, n, n, n]);
    assert.deepEqual(counts.probabilities, [n, n, n, n]);
    assert.deepEqual(counts.push, [n, n, n]);
    assert.deepEqual(counts.drag, [n, n, n]);
    assert.deepEqual(counts.net, [n, n, n]);
    const surrogateDefined = metrics.filter(
      (m) => typeof (m.ratio as { surrogate: unknown }).surrogate === 'number' && (m.ratio as { surrogate: number }).surrogate > 0,
    ).length;
    assert.deepEqual(counts.ratio, [n - resets, surrogateDefined, n]);
    // The charted values are the metrics' values.
    const y = await page.evaluate(() => (window.__reflectionLensTraining!.charts.drag.data.datasets[0].data as { y: number }[])[0].y);
    assert.equal(y, (metrics[0].drag as { s: number }).s);
    assert.match(
      (await page.locator('#summary').textContent())!,
      new RegExp(`^step ${STEPS}/${STEPS}  ·  backend js-exact  ·  p 0\\.\\d{3}`),
    );
    assert.equal(await page.locator('#stop').isVisible(), true);
    await page.locator('figure').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'training-view-ds3.png'), fullPage: true });
  });

  test('Stop posts a stop request; a stopped state offers Resume', async () => {
    await page.locator('#stop').click();
    assert.equal((await posted(page)).at(-1)?.type, 'stop');
    await page.evaluate(() =>
      window.postMessage({ type: 'state', state: 'stopped', message: 'stopped after step 39; checkpoint saved' }, '*'),
    );
    await page.waitForSelector('#resume:not([hidden])');
    assert.equal(await page.locator('#stop').isHidden(), true);
    await page.locator('#resume').click();
    assert.equal((await posted(page)).at(-1)?.type, 'resume');
    assert.match((await page.locator('#log').textContent())!, /checkpoint saved/);
    // A run that failed at step 0 has no step to resume from: no Resume; one that failed later has.
    await page.evaluate(() => window.postMessage({ type: 'state', state: 'failed', message: 'boom at step 0', resumable: false }, '*'));
    await page.waitForSelector('#resume[hidden]', { state: 'attached' });
    await page.evaluate(() => window.postMessage({ type: 'state', state: 'failed', message: 'boom at step 7', resumable: true }, '*'));
    await page.waitForSelector('#resume:not([hidden])');
  });

  test('a long live run arrives in batches: the view takes them all, draws a bounded number of points, ends on the last step, then the stop', async () => {
    // 20,000 steps (under a minute of ds3) in 150 ms batches of ~60 lines, as the panel sends
    // them; each line is a real ds3 line with its step renumbered.
    const LONG = 20_000;
    await page.evaluate(() =>
      window.postMessage(
        { type: 'run', run: { runDir: '/runs/ds3-long', name: 'ds3-long', policy: 'ds3', steps: 1_000_000, live: true } },
        '*',
      ),
    );
    await page.waitForSelector('#chart-ratio');
    const lines: MetricsRecord[] = Array.from({ length: LONG }, (_, i) => ({ ...metrics[i % metrics.length], step: i }));
    await page.evaluate((all) => {
      for (let i = 0; i < all.length; i += 60) window.postMessage({ type: 'metrics', records: all.slice(i, i + 60) }, '*');
      window.postMessage({ type: 'state', state: 'stopped', message: `stopped at step ${all.length}/1000000` }, '*');
    }, lines);
    await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'stopped');
    // The charts' redraw for the last batch is the next animation frame.
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    const last = lines.at(-1)!;
    assert.match(
      (await page.locator('#summary').textContent())!,
      new RegExp(`^step ${LONG}/1000000  ·  backend js-exact  ·  p ${(last.p as number).toFixed(3)}`),
    );
    assert.match((await page.locator('#log').textContent())!, new RegExp(`stopped at step ${LONG}/`));
    const shown = await page.evaluate(() =>
      Object.values(window.__reflectionLensTraining!.charts)
        .map((c) =>
          c.data.datasets.map((d) => {
            const data = d.data as { x: number; y: number | null }[];
            return { n: data.length, first: data[0]?.x, lastX: data.at(-1)?.x, lastY: data.at(-1)?.y };
          }),
        )
        .flat(),
    );
    const max = await page.evaluate(() => window.__reflectionLensTraining!.maxDrawnPoints);
    for (const d of shown) {
      assert.ok(d.n <= max && d.n > max / 2, `${d.n} points drawn of ${LONG} (bound ${max})`);
      assert.equal(d.first, 0, 'the series starts at the first step');
      assert.equal(d.lastX, LONG - 1, 'the series ends at the last step, exactly');
    }
    const lastTheta = await page.evaluate(
      () => (window.__reflectionLensTraining!.charts.logits.data.datasets[0].data.at(-1) as { y: number }).y,
    );
    assert.equal(lastTheta, (last.theta as { s: number }).s, "the last point carries the last line's value");
    // The page is still responsive and drew the charts (pixels on the canvases).
    const drawn = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('canvas')).filter((c) => {
          const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) n++;
          return n > 500;
        }).length,
    );
    assert.equal(drawn, 6);
    await page.screenshot({ path: join(ARTIFACTS, 'training-view-ds3-long.png'), fullPage: true });
  });

  test('follows the VS Code theme: a dark theme repaints the chart background', async () => {
    const bg = (): Promise<number[]> =>
      page.evaluate(() => {
        const c = window.__reflectionLensTraining!.charts.ratio.canvas;
        return [...c.getContext('2d')!.getImageData(2, 2, 1, 1).data.subarray(0, 3)];
      });
    assert.ok((await bg()).every((v) => v > 200));
    const before = await renders(page);
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-editor-background', '#1e1e1e');
      document.documentElement.style.setProperty('--vscode-editor-foreground', '#cccccc');
      document.body.className = 'vscode-dark';
    });
    await rendered(page, before);
    assert.deepEqual(await bg(), [0x1e, 0x1e, 0x1e]);
    await page.screenshot({ path: join(ARTIFACTS, 'training-view-ds3-dark.png'), fullPage: true });
  });

  test('a tiny-lm run gets reward/accuracy, calibration and loss charts; a new run clears the old one', async () => {
    await page.evaluate(() =>
      window.postMessage({ type: 'run', run: { runDir: '/runs/t', name: 't', policy: 'tiny-lm', steps: 30, live: false } }, '*'),
    );
    await page.waitForSelector('#chart-loss');
    const records = Array.from({ length: 30 }, (_, i) => ({
      step: i,
      phase: i < 10 ? 'sft' : 'grpo',
      backend: 'wasm',
      reward: 0.2 + i / 60,
      p: 0.3,
      delta1: 0.8,
      delta2: 0.5,
      loss: 2 - i / 20,
      ...(i >= 10 ? { kl: 0.01 * (i - 10) } : {}),
      ...(i === 0
        ? { backendDetail: 'SIMD, single thread', backendNotUsed: ['tfjs-node-gpu: not installed', 'webgpu: no GPU adapter found'] }
        : {}),
      ...((i + 1) % 10 === 0
        ? { eval: { id: { reward: 0.5, p: 0.4, delta1: 0.9, delta2: 0.6 }, ood: { reward: 0.1, p: 0.1, delta1: 0.7, delta2: 0.4 } } }
        : {}),
    }));
    const before = await renders(page);
    await page.evaluate((rs) => window.postMessage({ type: 'metrics', records: rs }, '*'), records);
    await rendered(page, before);
    assert.deepEqual(await pointCounts(page), { reward: [30, 3, 3], calibration: [30, 30, 30, 3, 3], loss: [30, 20] });
    assert.equal(await page.locator('canvas').count(), 3);
    assert.equal(await page.locator('#state').textContent(), 'completed');
    assert.match((await page.locator('#summary').textContent())!, /^step 30\/30 {2}· {2}backend wasm/);
    assert.equal(await page.locator('#log').textContent(), '', "the previous run's message is gone");
    assert.equal(
      await page.locator('#backend').textContent(),
      'Backend wasm (SIMD, single thread); not used: tfjs-node-gpu: not installed; webgpu: no GPU adapter found',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'training-view-tiny-lm.png'), fullPage: true });
    assert.deepEqual(problems, []);
  });
});
