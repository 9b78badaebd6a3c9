// Helpers for the calibration view's browser tests: a real Chromium (Debian's, via
// playwright-core) and what the page exposes for assertions.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = resolve('test-artifacts');

/** Why browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (!existsSync('dist/media/calibration.js')) return 'dist/media/calibration.js is not built (npm run build)';
  return undefined;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Writes `html` under test-artifacts/ and opens it; collects page errors and CSP violations. */
/** `init` is script text run before the page's own (text, not a function: tsx rewrites functions). */
export async function openHtml(browser: Browser, name: string, html: string, init?: string): Promise<{ page: Page; problems: string[] }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, name);
  writeFileSync(file, html);
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  // The page is offline by design: anything but the file itself, data: and blob: URLs is a problem.
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) problems.push(`network request: ${r.url()}`);
  });
  if (init) await page.addInitScript({ content: init });
  await page.goto(pathToFileURL(file).href);
  return { page, problems };
}

export async function waitForRender(page: Page, renders = 1): Promise<void> {
  await page.waitForFunction((n) => (window.__reflectionLens?.view.renders ?? 0) >= n, renders);
}

/** Per chart id: the number of drawn points per dataset (finite y only). */
export function pointCounts(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const out: Record<string, number[]> = {};
    for (const [id, c] of Object.entries(window.__reflectionLens!.charts)) {
      out[id] = c.data.datasets.map(
        (d, i) =>
          c.getDatasetMeta(i).data.filter((_el, j) => {
            const v = d.data[j];
            const y = typeof v === 'object' && v !== null ? (v as { y: number }).y : v;
            return typeof y === 'number' && Number.isFinite(y);
          }).length,
      );
    }
    return out;
  });
}

/** Per chart id: how many canvas pixels differ from the background (a blank chart has ~0). */
export function inkedPixels(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const [id, c] of Object.entries(window.__reflectionLens!.charts)) {
      const canvas = c.canvas;
      const img = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const [r0, g0, b0] = [img[0]!, img[1]!, img[2]!];
      let n = 0;
      for (let i = 0; i < img.length; i += 4) {
        if (Math.abs(img[i]! - r0) + Math.abs(img[i + 1]! - g0) + Math.abs(img[i + 2]! - b0) > 30) n++;
      }
      out[id] = n;
    }
    return out;
  });
}
