// "Reflection Lens: Evaluate Reading Against Gold Labels" in code-server: a copy of eight records of
// examples/sft.trace with a gold file written by hand beside it (test/fixtures/e2e/evaluate: six
// labels the engine is scored on, two of them disagreeing with its reading, and one stale label the
// CLI reports and leaves out). The command runs the bundled CLI, the panel shows the records
// labelled, the disagreements and the warning, a disagreement's link puts the cursor at its
// line:col, and a second run refreshes the same panel; without a gold file it says how to label;
// with two labelled traces and no editor it asks which, and pools them. "Choose Records to Label at
// Random" lists the records the CLI's --sample chooses and opens one at its line. Screenshots:
// test-artifacts/e2e/evaluate-*.png.
// `node --import tsx --test test/e2e/evaluateReading.test.ts`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingPrerequisite, repoRoot, startSession, type Session } from './harness/session.js';
import { Workbench } from './harness/workbench.js';

const skip = missingPrerequisite() ?? (existsSync(join(repoRoot, 'dist', 'cli.js')) ? undefined : 'dist/ is not built (npm run build)');
if (skip) console.log(`# e2e evaluate-reading test skipped: ${skip}`);

const COMMAND = 'Reflection Lens: Evaluate Reading Against Gold Labels';
const TITLE = /Reading vs Gold Labels/;

describe('Evaluate Reading Against Gold Labels in code-server', { skip }, () => {
  let session: Session;
  let wb: Workbench;
  before(async () => {
    session = await startSession('evaluate', ['test/fixtures/e2e/evaluate']);
    wb = new Workbench(await session.openWorkbench(), 'evaluate');
  });
  after(async () => {
    await session?.close();
  });
  /** The panel's "N records labelled" once it reads `expected` (a run refreshes the panel a moment after the command returns). */
  const recordsLabelled = (expected: string, timeoutMs: number): Promise<string> =>
    wb.settle(
      async () =>
        (
          await (
            await wb.webviewFrame(TITLE, '#records')
          )
            .locator('#records')
            .innerText()
            .catch(() => '')
        ).trim(),
      (t) => t === expected,
      timeoutMs,
    );

  it(
    'no labels: how to label; the active trace against its gold file: counts, disagreements, the stale label; a row opens the trace at its line:col',
    { timeout: 420_000 },
    async () => {
      // No gold file anywhere: an information message saying how to label, no panel.
      const gold = join(session.workspace, 'evaluate', 'labelled.trace.gold.jsonl');
      renameSync(gold, `${gold}.away`);
      await wb.runCommand(COMMAND);
      // In the notification centre: a toast can hide before it is read.
      const item = wb.page.locator('.notification-list-item', { hasText: 'no gold labels to evaluate against' }).first();
      const info = await wb.settle(
        async () => {
          if (!(await item.isVisible())) await wb.runCommand('Notifications: Show Notifications');
          return item.innerText().catch(() => '');
        },
        (t) => t.includes('no gold labels'),
        60_000,
      );
      await wb.screenshot('no-labels');
      assert.match(info, /code actions/);
      assert.equal(await wb.page.locator('.tabs-container .tab', { hasText: TITLE }).count(), 0, 'no panel without labels');
      renameSync(`${gold}.away`, gold);
      await wb.page.keyboard.press('Escape');

      await wb.openFile('evaluate/labelled.trace');
      await wb.runCommand(COMMAND);
      let frame = await wb.webviewFrame(TITLE, '#records');
      await frame.locator('#disagreements').waitFor();
      await wb.page.waitForTimeout(500);
      await wb.screenshot('panel');

      // The numbers eval-segmentation gives on the fixture (the CLI's own test reads them too).
      assert.equal((await frame.locator('#records').innerText()).trim(), '6 records labelled');
      assert.match(await frame.locator('#precision').innerText(), /90\.9% \(10\/11\)\s+\[52\.2, 98\.9\]/);
      assert.match(await frame.locator('#derived-p').innerText(), /0\.167 \(1\/6\).*0\.333 \(2\/6\).*-0\.167/s);
      // The rates over all 8 records corrected with the 6 labelled (eval-segmentation's `corrected`).
      const corrected = await frame.locator('#corrected').innerText();
      assert.match(corrected, /Over all 8 records \(6 labelled\)/);
      assert.match(corrected, /\bdelta2\b/);
      const rows = await frame.locator('#disagreements tbody tr').allInnerTexts();
      assert.equal(rows.length, 5, rows.join('\n'));
      const missed = rows.find((r) => /\b96:42\b/.test(r));
      assert.ok(missed, `a row at 96:42: ${rows.join(' | ')}`);
      assert.match(missed, /^47\s+96:42\s+missed\s+527\s+-$/);
      // stderr's warning, at its gold line and column, is in the panel, not lost.
      const warnings = await frame.locator('#warnings li').allInnerTexts();
      assert.ok(
        warnings.some((w) => w.includes('labelled.trace.gold.jsonl:7:51') && w.includes('[gold-stale]')),
        `the stale label's warning: ${warnings.join(' | ')}`,
      );

      // The row's link opens the trace at that line and column.
      const cursor = wb.page.locator('[id="status.editor.selection"]');
      /**
       * Clicks a link of the panel and waits for the editor's cursor. The panel's tab is clicked
       * first: a click into the webview while another group was active missed in 2 of 8 runs here
       * (none in 10 since); still tried up to three times, and how many clicks it took is printed.
       */
      const follow = async (section: string, text: string, want: RegExp): Promise<string> => {
        let at = '';
        let clicks = 0;
        while (clicks < 3 && !want.test(at)) {
          clicks++;
          await wb.page.locator('.tabs-container .tab', { hasText: TITLE }).first().click();
          const f = await wb.webviewFrame(TITLE, '#records');
          await f.locator(`${section} a`, { hasText: text }).click();
          at = await wb.settle(
            () => cursor.innerText().catch(() => ''),
            (t) => want.test(t),
            10_000,
          );
        }
        console.log(`link ${text}: the cursor at "${at}" after ${clicks} click(s)`);
        return at;
      };
      const at = await follow('#disagreements', '96:42', /Ln 96, Col 42/);
      await wb.page.waitForTimeout(300);
      await wb.screenshot('link-opened');
      assert.match(at, /Ln 96, Col 42/);
      const line = await wb.page.locator('.part.editor .editor-instance .monaco-editor .view-overlays .current-line').count();
      assert.ok(line >= 1, 'the editor shows its current line');

      // The warning's link opens the gold file at the stale label's offset.
      const atGold = await follow('#warnings', 'labelled.trace.gold.jsonl:7:51', /Ln 7, Col 51/);
      await wb.screenshot('gold-link-opened');
      assert.match(atGold, /Ln 7, Col 51/);
      await wb.page.locator('.tabs-container .tab.active', { hasText: 'labelled.trace.gold.jsonl' }).first().waitFor({ timeout: 30_000 });

      // The label relabelled on disk ("2,208" is at offset 165 of record 63's response), then the
      // command run again (from the trace, its tab active again): the one panel refreshes, with the
      // record counted and no warning left.
      writeFileSync(gold, readFileSync(gold, 'utf8').replace('"offset":82,"text":"2,208"', '"offset":165,"text":"2,208"'));
      await wb.page
        .locator('.tabs-container .tab', { hasText: /^labelled\.trace(?!\.gold)/ })
        .last()
        .click();
      await wb.runCommand(COMMAND);
      const records = await recordsLabelled('7 records labelled', 30_000);
      await wb.screenshot('rerun');
      assert.equal(records, '7 records labelled');
      frame = await wb.webviewFrame(TITLE, '#records');
      assert.equal(await frame.locator('#warnings').count(), 0, 'no warning once the label is fixed');
      assert.equal(await wb.page.locator('.tabs-container .tab', { hasText: TITLE }).count(), 1, 'one panel, reused');

      // The reading settings go to the CLI: an answer pattern it refuses (nested quantifiers) is
      // left out and said in the panel, and the evaluation runs without it.
      mkdirSync(join(session.workspace, '.vscode'), { recursive: true });
      writeFileSync(join(session.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'reflectionLens.answerPatterns': ['(a+)+b'] }));
      const refused = await wb.settle(
        async () => {
          await wb.page
            .locator('.tabs-container .tab', { hasText: /^labelled\.trace(?!\.gold)/ })
            .last()
            .click();
          await wb.runCommand(COMMAND);
          await wb.page.waitForTimeout(1500);
          const f = await wb.webviewFrame(TITLE, '#records');
          return (
            await f
              .locator('#warnings li')
              .allInnerTexts()
              .catch(() => [] as string[])
          ).join(' | ');
        },
        (t) => t.includes('refused by the CLI'),
        90_000,
      );
      await wb.screenshot('pattern-refused');
      assert.match(
        refused,
        /reflectionLens\.answerPatterns refused by the CLI, evaluated without them: "\(a\+\)\+b": .*nested quantifiers/,
      );
      assert.equal((await (await wb.webviewFrame(TITLE, '#records')).locator('#records').innerText()).trim(), '7 records labelled');

      // Two labelled traces and no editor open: a quick pick with both checked; Enter takes both,
      // pooled (ids "file#id"), and a row of the second opens that file at its place.
      rmSync(join(session.workspace, '.vscode'), { recursive: true, force: true });
      for (const ext of ['', '.gold.jsonl'])
        copyFileSync(
          join(session.workspace, 'evaluate', `labelled.trace${ext}`),
          join(session.workspace, 'evaluate', `second.trace${ext}`),
        );
      await wb.runCommand('View: Close All Editors');
      await wb.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 30_000 });
      await wb.runCommand(COMMAND);
      await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'second.trace' }).first().waitFor({ timeout: 60_000 });
      const picks = await wb.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
      await wb.screenshot('two-traces-pick');
      assert.deepEqual(
        picks.map((t) => t.trim()),
        ['evaluate/labelled.trace', 'evaluate/second.trace'],
      );
      await wb.page.keyboard.press('Enter');
      const pooled = await recordsLabelled('14 records labelled', 60_000);
      assert.equal(pooled, '14 records labelled');
      frame = await wb.webviewFrame(TITLE, '#records');
      const pooledRows = await frame.locator('#disagreements tbody tr').allInnerTexts();
      await wb.screenshot('two-traces');
      assert.equal(pooledRows.length, 10, pooledRows.join('\n'));
      assert.ok(
        pooledRows.some((r) => /^evaluate\/second\.trace#48\s+133:42\s+spurious/.test(r)),
        `a row of second.trace: ${pooledRows.join(' | ')}`,
      );
      const wrapped = await wb.page.locator('.tabs-container .tab', { hasText: TITLE }).first().innerText();
      assert.match(wrapped, /2 traces/);
      await frame.locator('#disagreements a', { hasText: 'second.trace#48' }).first().click();
      await wb.page.locator('.tabs-container .tab.active', { hasText: 'second.trace' }).first().waitFor({ timeout: 30_000 });
      const atSecond = await wb.settle(
        () => cursor.innerText().catch(() => ''),
        (t) => /Ln 133, Col 42/.test(t),
        30_000,
      );
      await wb.screenshot('two-traces-link');
      assert.match(atSecond, /Ln 133, Col 42/);
    },
  );

  it(
    'Choose Records to Label at Random: the count asked, three records chosen by the CLI listed (the labelled marked), one opened at its === line with the list still open',
    { timeout: 300_000 },
    async () => {
      await wb.openFile('evaluate/labelled.trace');
      await wb.runCommand('Reflection Lens: Choose Records to Label at Random');
      const input = wb.page.locator('.quick-input-widget input');
      await wb.page
        .locator('.quick-input-widget', { hasText: 'How many records of labelled.trace to label?' })
        .waitFor({ timeout: 60_000 });
      await input.fill('3');
      await wb.page.keyboard.press('Enter');
      // eval-segmentation --sample 3 (seed 1) on the fixture's eight records: records 1, 2 and 21, at lines 1, 13 and 53.
      await wb.page.locator('.quick-input-widget', { hasText: '3 of 8 records chosen at random (seed 1)' }).waitFor({ timeout: 60_000 });
      const rows = (await wb.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
      await wb.screenshot('sample-pick');
      assert.equal(rows.length, 3, rows.join(' | '));
      assert.match(rows[0], /record 1 ?evaluate\/labelled\.trace:1 · labelled/);
      assert.match(rows[1], /record 2 ?evaluate\/labelled\.trace:13$/);
      assert.match(rows[2], /record 21 ?evaluate\/labelled\.trace:53 · labelled/);
      await wb.pickQuickInput('labelled.trace:13');
      const cursor = wb.page.locator('[id="status.editor.selection"]');
      const at = await wb.settle(
        () => cursor.innerText().catch(() => ''),
        (t) => /Ln 13, Col 1\b/.test(t),
        30_000,
      );
      await wb.screenshot('sample-opened');
      assert.match(at, /Ln 13, Col 1\b/);
      assert.ok(await wb.page.locator('.quick-input-widget', { hasText: 'records chosen at random' }).isVisible(), 'the list stays open');
      await wb.page.keyboard.press('Escape');
    },
  );
});
