// Show Calibration in a real VS Code (code-server + Chromium, see docs/e2e.md): the command
// calibrates the workspace in the language server, a table cell lists its traces in a quick pick
// that opens the chosen one at its record, and a trace file changed on disk updates the panel
// with only that file read again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { CalibrationResult } from '../../server/src/analysis/types.js';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { missingPrerequisite, startSession, type Session } from '../e2e/harness/session.js';
import { Workbench } from '../e2e/harness/workbench.js';

const skip = missingPrerequisite() ?? (existsSync('dist/extension.cjs') ? undefined : 'dist/extension.cjs is not built');
if (skip) console.log(`# skipping Show Calibration in VS Code: ${skip}`);

const result = (frame: Frame) =>
  frame.evaluate(() => JSON.parse(JSON.stringify(window.__reflectionLens?.view.result ?? null)) as CalibrationResult | null);
const summary = async (frame: Frame) => (await frame.locator('#summary').textContent()) ?? '';

describe('Show Calibration in a real VS Code', { skip }, () => {
  let session: Session;
  let wb: Workbench;
  let frame: Frame;
  before(async () => {
    session = await startSession('calibration', ['examples']);
    wb = new Workbench(await session.openWorkbench(), 'calibration');
  });
  after(async () => {
    await session?.close();
  });

  test('the workspace is calibrated; a table cell opens one of its traces at the record', async () => {
    // The extension under development loads after the workbench; on a busy machine its commands
    // can take a while to reach the palette.
    for (let attempt = 1; ; attempt++) {
      try {
        await wb.runCommand('Reflection Lens: Show Calibration');
        break;
      } catch (e) {
        if (attempt === 6) throw e;
        await wb.page.keyboard.press('Escape');
      }
    }
    frame = await wb.webviewFrame(/Calibration/, '#export-csv');
    await frame.waitForFunction(() => (window.__reflectionLens?.view.result?.groups.length ?? 0) > 0, undefined, { timeout: 120_000 });
    const first = await summary(frame);
    assert.match(first, /^workspace · (\d+) files \(\1 read, 0 cached\)/);
    await wb.screenshot('panel');

    const r = (await result(frame))!;
    const g = r.groups.find((x) => x.model === 'sft' && x.task === '3x3')!;
    await frame.locator(`#accuracy-table td[data-model="sft"][data-task="3x3"] button`).click();
    const title = wb.page.locator('.quick-input-widget .quick-input-title');
    await title.waitFor({ timeout: 30_000 });
    assert.equal(await title.textContent(), `sft · 3x3: all traces (${g.n})`);
    const row = wb.page.locator('.quick-input-widget .monaco-list-row').first();
    const label = (await row.locator('.label-name').first().textContent())!.trim();
    const where = (await row.locator('.label-description').first().textContent())!.trim();
    await wb.screenshot('traces-quick-pick');
    const m = /^(.*):(\d+)$/.exec(where)!;
    assert.ok(m, where);
    await row.click();
    // The document opens with the cursor on the record's `===` line.
    const name = m[1]!.split('/').pop()!;
    await wb.page.locator(`.tabs-container .tab[aria-label^="${name}"]`).first().waitFor({ timeout: 30_000 });
    // The status bar item can appear late on a loaded machine: poll for it (a missing item reads '').
    const ln = await wb.settle(
      async () =>
        (await wb.page
          .locator('#status\\.editor\\.selection')
          .textContent({ timeout: 2_000 })
          .catch(() => '')) ?? '',
      (t) => t.includes(`Ln ${m[2]},`),
    );
    assert.match(ln, new RegExp(`Ln ${m[2]}, Col 1`));
    const text = readFileSync(join(session.workspace, m[1]!), 'utf8').split('\n');
    assert.equal(text[Number(m[2]) - 1], label);
    await wb.screenshot('trace-opened');
  });

  test('a trace file changed on disk updates the panel, reading only that file', async () => {
    await wb.page.locator('.tabs-container .tab', { hasText: 'Calibration' }).first().click();
    frame = await wb.webviewFrame(/Calibration/, '#export-csv');
    await frame.waitForFunction(() => (window.__reflectionLens?.view.result?.groups.length ?? 0) > 0, undefined, { timeout: 60_000 });
    const before = (await result(frame))!;
    const n = before.groups.find((x) => x.model === 'grpo' && x.task === '2x2')!.n;
    const more = generateMultiplicationTraceText({
      seed: 4,
      firstId: 90_000,
      models: [{ name: 'grpo', tasks: [{ task: '2x2', p: 0.9, delta1: 0.9, delta2: 0.5, n: 5 }] }],
    });
    appendFileSync(join(session.workspace, 'examples', 'grpo.trace'), more);
    await frame.waitForFunction(
      (want) => window.__reflectionLens?.view.result?.groups.find((x) => x.model === 'grpo' && x.task === '2x2')?.n === want,
      n + 5,
      { timeout: 120_000 },
    );
    assert.match(await summary(frame), /^workspace · (\d+) files \(1 read, \d+ cached\)/);
    await wb.screenshot('after-change');
  });
});
