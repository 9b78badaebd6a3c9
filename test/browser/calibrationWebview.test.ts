// The calibration view as the VS Code webview runs it, in a real Chromium: the page shell with
// the bundle loaded by URL under the nonce CSP, a stand-in for VS Code's acquireVsCodeApi that
// records what the view posts, and results, progress and theme changes sent the way VS Code does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { CalibrationResult } from '../../server/src/analysis/types.js';
import { calibrationPageHtml } from '../../protocol/pages/calibrationPage.js';
import { makeNonce } from '../../protocol/pages/csp.js';
import { browserSkipReason, launchChromium, openHtml, waitForRender } from './calibrationPage.js';
import { calibratedCorpus } from './calibrationCorpus.js';

const skip = browserSkipReason();
if (skip) console.log(`# skipping calibration webview tests: ${skip}`);

type Posted = { type: string; [k: string]: unknown };

/** VS Code's webview API as the view sees it; what the view posts lands in window.__posted. */
const fakeVsCode = `
  window.__posted = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))) });
`;

const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
/** Runs `action`, then waits for the message of `type` it makes the view post. */
async function postedBy(page: Page, type: string, action: () => Promise<unknown>): Promise<Posted> {
  const count = (await posted(page)).filter((m) => m.type === type).length;
  await action();
  await page.waitForFunction(([t, n]) => (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === t).length > n, [
    type,
    count,
  ] as const);
  return (await posted(page)).filter((m) => m.type === type).at(-1)!;
}

describe('calibration webview in Chromium', { skip }, () => {
  let browser: Browser;
  let result: CalibrationResult;
  let page: Page;
  let problems: string[];
  before(async () => {
    browser = await launchChromium();
    result = await calibratedCorpus();
    const html = calibrationPageHtml({
      nonce: makeNonce(),
      cspSource: 'file:',
      script: { src: pathToFileURL(resolve('dist/media/calibration.js')).href },
    });
    ({ page, problems } = await openHtml(browser, 'calibration-webview.html', html, fakeVsCode));
    await waitForRender(page);
  });
  after(async () => {
    await browser?.close();
  });

  test('says it is ready, shows progress, then the result with its file counts', async () => {
    assert.deepEqual(
      (await posted(page)).filter((m) => m.type === 'ready'),
      [{ type: 'ready' }],
    );
    assert.equal(await page.locator('canvas').count(), 0);
    await page.evaluate(() => window.postMessage({ type: 'progress', message: 'Reading 3 of 12 files' }, '*'));
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Reading 3 of 12 files');
    const before = await page.evaluate(() => window.__reflectionLens!.view.renders);
    await page.evaluate(
      (r) => window.postMessage({ type: 'result', result: r, meta: { files: 12, filesRead: 2, source: 'workspace' } }, '*'),
      result,
    );
    await waitForRender(page, before + 1);
    assert.match((await page.locator('#summary').textContent())!, /^workspace · 12 files \(2 read, 10 cached\) · /);
    assert.equal(await page.locator('#status').textContent(), '');
    assert.ok((await page.locator('canvas').count()) >= 6);
  });

  test('exports are posted to the extension: text for CSV and JSON, base64 PNG', async () => {
    const csv = await postedBy(page, 'save', () => page.click('#export-csv'));
    assert.equal(csv.kind, 'csv');
    assert.equal(csv.name, 'calibration.csv');
    assert.equal(String(csv.data).trim().split('\n').length, result.groups.length + 1);
    const json = await postedBy(page, 'save', () => page.click('#export-json'));
    assert.equal(json.kind, 'json');
    assert.deepEqual(JSON.parse(String(json.data)), JSON.parse(JSON.stringify(result)));
    const png = await postedBy(page, 'save', () => page.click('[data-export="metric-p"]'));
    assert.equal(png.kind, 'png');
    assert.equal(png.name, 'calibration-metric-p.png');
    assert.deepEqual([...Buffer.from(String(png.data), 'base64').subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  test('a table cell opens all traces of its group; a delta2 point opens its missed corrections', async () => {
    const g = result.groups.find((x) => x.n > 0)!;
    const cell = await postedBy(page, 'openTraces', () =>
      page.click(`#accuracy-table td[data-model="${g.model}"][data-task="${g.task}"] button`),
    );
    assert.deepEqual(cell.query, { model: g.model, task: g.task, filter: 'all' });
    // Click the pixel where chart.js drew the delta2 point of the second dataset's third task.
    const at = await page.evaluate(() => {
      const c = window.__reflectionLens!.charts['metric-delta2']!;
      const el = c.getDatasetMeta(1).data[2]!;
      c.canvas.scrollIntoView();
      const box = c.canvas.getBoundingClientRect();
      const raw = c.data.datasets[1]!.data[2] as unknown as { query: unknown };
      return { x: box.left + el.x, y: box.top + el.y, query: raw.query };
    });
    const open = await postedBy(page, 'openTraces', () => page.mouse.click(at.x, at.y));
    assert.deepEqual(open.query, at.query);
    assert.equal((open.query as { filter: string }).filter, 'missedCorrection');
  });

  test('follows the VS Code theme: a dark theme repaints the chart background', async () => {
    const bg = () =>
      page.evaluate(() => {
        const c = window.__reflectionLens!.charts['metric-p']!.canvas;
        return [...c.getContext('2d')!.getImageData(2, 2, 1, 1).data.subarray(0, 3)];
      });
    const light = await bg();
    assert.ok(
      light.every((v) => v > 200),
      `light background ${light}`,
    );
    const renders = await page.evaluate(() => window.__reflectionLens!.view.renders);
    await page.evaluate(() => {
      // As VS Code does it: CSSOM (allowed under the CSP), not a style attribute (blocked).
      document.documentElement.style.setProperty('--vscode-editor-background', '#1e1e1e');
      document.documentElement.style.setProperty('--vscode-editor-foreground', '#cccccc');
      document.body.className = 'vscode-dark';
    });
    await waitForRender(page, renders + 1);
    assert.deepEqual(await bg(), [0x1e, 0x1e, 0x1e]);
  });

  test('shows an error from the extension instead of stale charts', async () => {
    await page.evaluate(() => window.postMessage({ type: 'error', message: 'The language server is not running.' }, '*'));
    await page.waitForSelector('.message.error');
    assert.match((await page.locator('.message.error').textContent())!, /language server is not running/);
    assert.deepEqual(problems, []);
  });
});
