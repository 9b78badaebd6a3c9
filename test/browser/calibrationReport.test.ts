// The calibration view in a real Chromium, as the offline HTML report shows it: charts with the
// right number of points and ink on the canvas, a screenshot, exports as downloads, and the
// message for an empty or unusable corpus.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CalibrationResult } from '../../server/src/analysis/types.js';
import { renderCalibrationHtml } from '../../server/src/report/html.js';
import { modelsOf, stepsOf, groupsAtStep } from '../../media/calibration/data.js';
import { ARTIFACTS, browserSkipReason, inkedPixels, launchChromium, openHtml, pointCounts, waitForRender } from './calibrationPage.js';
import { calibratedCorpus, calibratedStepCorpus, emptyCorpus, unusableCorpus } from './calibrationCorpus.js';

const skip = browserSkipReason();
if (skip) console.log(`# skipping calibration browser tests: ${skip}`);

/** What the view must draw for `result`: per chart, points per dataset. */
function expectedCounts(result: CalibrationResult): Record<string, number[]> {
  const steps = stepsOf(result.groups);
  const groups = groupsAtStep(result.groups, steps.at(-1)).filter((g) => g.n > 0);
  const models = modelsOf(groups);
  const fin = (v: number) => Number.isFinite(v);
  const per = (f: (g: (typeof groups)[number]) => boolean) => models.map((m) => groups.filter((g) => g.model === m && f(g)).length);
  const out: Record<string, number[]> = {
    'metric-p': per((g) => fin(g.p.value)),
    'metric-delta1': per((g) => fin(g.delta1.value)),
    'metric-delta2': per((g) => fin(g.delta2.value)),
    predicted: [
      2,
      ...models.flatMap((m) => [
        groups.filter((g) => g.model === m && fin(g.predicted.value) && fin(g.accuracy.value)).length,
        groups.filter((g) => g.model === m && fin(g.predictedK.value) && fin(g.accuracy.value)).length,
      ]),
    ],
    transitions: Array(5).fill(groups.length),
    echo: per((g) => fin(g.echoRate)),
  };
  if (steps.length > 0) {
    const withStep = result.groups.filter((g) => g.n > 0 && g.step !== undefined);
    const series = [...new Set(withStep.map((g) => JSON.stringify([g.model, g.task])))];
    for (const metric of ['accuracy', 'p', 'delta1', 'delta2'] as const) {
      const counts = series.map((s) => withStep.filter((g) => JSON.stringify([g.model, g.task]) === s && fin(g[metric].value)).length);
      out[`steps-${metric}`] = counts.sort((a, b) => a - b);
    }
  }
  return out;
}

describe('calibration report in Chromium', { skip }, () => {
  let browser: Browser;
  let result: CalibrationResult;
  before(async () => {
    browser = await launchChromium();
    result = await calibratedCorpus();
  });
  after(async () => {
    await browser?.close();
  });

  test('draws every chart with one point per finite estimate, and no CSP violation', async () => {
    const { page, problems } = await openHtml(browser, 'calibration-report.html', renderCalibrationHtml(result));
    await waitForRender(page);
    const counts = await pointCounts(page);
    const want = expectedCounts(result);
    assert.deepEqual(Object.keys(counts).sort(), Object.keys(want).sort());
    for (const id of Object.keys(want)) assert.deepEqual(counts[id], want[id], `points of chart ${id}`);
    assert.ok(want['metric-p']!.reduce((a, b) => a + b, 0) >= 6, 'the corpus has several groups to draw');
    const ink = await inkedPixels(page);
    for (const [id, n] of Object.entries(ink)) assert.ok(n > 2000, `chart ${id} has ink (${n} pixels)`);
    const cells = await page.locator('#accuracy-table tbody td').allTextContents();
    const g = result.groups[0]!;
    const pct = (v: number) => (v * 100).toFixed(1);
    assert.ok(
      cells.some((c) => c.includes(`${pct(g.accuracy.value)}(${pct(g.accuracy.lo)}, ${pct(g.accuracy.hi)})`)),
      `table shows ${g.model} ${g.task} with its modified Wilson interval`,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'calibration-report.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('export buttons download PNG, CSV and JSON', async () => {
    const { page } = await openHtml(browser, 'calibration-report.html', renderCalibrationHtml(result));
    await waitForRender(page);
    const grab = async (selector: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      const path = join(ARTIFACTS, `download-${download.suggestedFilename()}`);
      await download.saveAs(path);
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const csv = await grab('#export-csv');
    assert.equal(csv.name, 'calibration.csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    assert.match(lines[0]!, /^model,task,step,n,accuracy,accuracy_lo,accuracy_hi,p,/);
    assert.equal(lines.length, result.groups.length + 1);
    const json = await grab('#export-json');
    assert.equal(json.name, 'calibration.json');
    assert.deepEqual(JSON.parse(json.bytes.toString('utf8')), JSON.parse(JSON.stringify(result)));
    for (const id of ['metric-delta2', 'predicted', 'transitions']) {
      const png = await grab(`[data-export="${id}"]`);
      assert.equal(png.name, `calibration-${id}.png`);
      assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
      assert.ok(png.bytes.length > 5000, `${id}.png has content (${png.bytes.length} bytes)`);
    }
    await page.context().close();
  });

  test('groups with a training step get charts over steps and a step picker', async () => {
    const stepped = await calibratedStepCorpus();
    const { page, problems } = await openHtml(browser, 'calibration-steps.html', renderCalibrationHtml(stepped));
    await waitForRender(page);
    const counts = await pointCounts(page);
    const want = expectedCounts(stepped);
    for (const id of Object.keys(want)) {
      const got = id.startsWith('steps-') ? [...counts[id]!].sort((a, b) => a - b) : counts[id];
      assert.deepEqual(got, want[id], `points of chart ${id}`);
    }
    const steps = stepsOf(stepped.groups);
    assert.ok(steps.length >= 3);
    assert.deepEqual(
      await page.locator('#step option').allTextContents(),
      steps.map((s) => `step ${s}`),
    );
    // Picking the first step redraws the per-task charts from that step's groups.
    await page.selectOption('#step', String(steps[0]));
    await waitForRender(page, 2);
    const first = stepped.groups.filter((g) => g.step === steps[0]);
    const shown = await page.evaluate(() =>
      window.__reflectionLens!.charts['metric-p']!.data.datasets.flatMap((d) => d.data.map((p) => (p as { y: number }).y)),
    );
    assert.deepEqual(
      shown.sort(),
      first
        .map((g) => g.p.value)
        .filter(Number.isFinite)
        .sort(),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'calibration-steps.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('an unusable corpus shows a message and the skipped files, not blank charts', async () => {
    const unusable = await unusableCorpus();
    assert.equal(unusable.groups.length, 0);
    const { page, problems } = await openHtml(browser, 'calibration-empty.html', renderCalibrationHtml(unusable));
    await waitForRender(page);
    assert.equal(await page.locator('#empty h2').textContent(), 'No usable traces');
    const items = await page.locator('#skipped li').allTextContents();
    assert.equal(items.length, 3);
    assert.match(
      items.find((i) => i.startsWith('image.trace:1 — '))!,
      /binary/,
    );
    assert.match(
      items.find((i) => i.startsWith('cut-off.trace:1 — '))!,
      /cut off at the generation limit/,
    );
    assert.match(
      items.find((i) => i.startsWith('no-truth.trace:1 — '))!,
      /3 records without ground truth/,
    );
    assert.equal(await page.locator('canvas').count(), 0);
    await page.screenshot({ path: join(ARTIFACTS, 'calibration-empty.png'), fullPage: true });
    // Thousands of skipped inputs: the first 200 are listed, then a count.
    const many = { ...unusable, skipped: Array.from({ length: 1234 }, (_, i) => ({ file: `f${i}.trace`, reason: 'binary' })) };
    const long = await openHtml(browser, 'calibration-many-skipped.html', renderCalibrationHtml(many));
    await waitForRender(long.page);
    assert.equal(await long.page.locator('#skipped li').count(), 201);
    assert.match((await long.page.locator('#skipped li').last().textContent())!, /and 1034 more/);
    await long.page.context().close();
    const none = await openHtml(browser, 'calibration-none.html', renderCalibrationHtml(await emptyCorpus()));
    await waitForRender(none.page);
    assert.equal(await none.page.locator('#empty h2').textContent(), 'No traces found');
    assert.equal(await none.page.locator('canvas').count(), 0);
    assert.deepEqual([...problems, ...none.problems], []);
    await page.context().close();
    await none.page.context().close();
  });

  test(
    'the CLI writes the same report offline (calibrate --html, bundle found next to dist/cli.js)',
    { skip: existsSync('dist/cli.js') ? undefined : 'dist/cli.js is not built' },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rl-cli-html-'));
      try {
        const out = join(dir, 'report.html');
        const run = spawnSync(process.execPath, ['dist/cli.js', 'calibrate', 'examples', '--bootstrap', '200', '--html', out], {
          encoding: 'utf8',
        });
        assert.equal(run.status, 0, run.stderr);
        const json = spawnSync(process.execPath, ['dist/cli.js', 'calibrate', 'examples', '--bootstrap', '200', '--json'], {
          encoding: 'utf8',
        });
        assert.equal(json.status, 0, json.stderr);
        const want = JSON.parse(json.stdout) as CalibrationResult;
        const { page, problems } = await openHtml(browser, 'calibration-cli.html', readFileSync(out, 'utf8'));
        await waitForRender(page);
        const shown = await page.evaluate(() => JSON.parse(JSON.stringify(window.__reflectionLens!.view.result)));
        assert.deepEqual(shown, JSON.parse(JSON.stringify(want)), 'the report carries the same numbers as --json');
        const counts = await pointCounts(page);
        const expected = expectedCounts(want);
        for (const id of Object.keys(expected)) assert.deepEqual(counts[id], expected[id], `points of chart ${id}`);
        await page.screenshot({ path: join(ARTIFACTS, 'calibration-cli.png'), fullPage: true });
        assert.deepEqual(problems, []);
        await page.context().close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test('data that would close the script element stays data', async () => {
    const hostile = structuredClone(result);
    hostile.groups[0]!.model = '</script><script>window.__pwned = 1</script><!--';
    const { page } = await openHtml(browser, 'calibration-hostile.html', renderCalibrationHtml(hostile));
    await waitForRender(page);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.ok((await page.locator('#accuracy-table tbody th').allTextContents()).includes(hostile.groups[0]!.model));
    await page.context().close();
  });
});
