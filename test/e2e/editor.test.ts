// Reflection Lens in a real VS Code (code-server 4.139 = VS Code 1.139, Chromium, offline), driven
// like a user: one editor for every scenario of this file. Screenshots: test-artifacts/e2e/editor-*.png.
// The reference for what the editor must show is the engine itself, asked outside the editor
// (a separately spawned dist/server.js, see harness/engine.ts).
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { missingPrerequisite, startSession, type Session } from './harness/session.js';
import { Workbench } from './harness/workbench.js';
import { engineView, severityCounts, type EngineView } from './harness/engine.js';
import { processAlive } from '../../server/src/util/processAlive.js';

const skip = missingPrerequisite();
if (skip) console.log(`# e2e editor tests skipped: ${skip}`);

const EXAMPLE = 'sft.trace';

describe('Reflection Lens in a real VS Code (code-server)', { skip }, () => {
  let session: Session;
  let wb: Workbench;
  let text: string;
  let ref: EngineView;

  before(async () => {
    text = readFileSync(join('examples', EXAMPLE), 'utf8');
    ref = await engineView(text);
    session = await startSession('editor', ['examples']);
    wb = new Workbench(await session.openWorkbench(), 'editor');
  });
  afterEach(async (t) => {
    await wb?.screenshot(`end-of-${t.name.slice(0, 1)}`).catch(() => {});
  });
  after(async () => {
    await session?.close();
  });

  it('1. a bundled .trace file: semantic highlighting, Problems = engine, hover with Q-values', { timeout: 420_000 }, async () => {
    await wb.openFile(`examples/${EXAMPLE}`);
    await wb.screenshot('opened');
    const want = severityCounts(ref.diagnostics);
    assert.ok(ref.diagnostics.length > 0, 'the engine finds something to report in the example');
    const status = await wb.settle(
      () => wb.statusBarProblems(),
      (s) => s.warnings === want.warnings && s.errors === want.errors && s.infos === want.infos,
    );
    assert.deepEqual(status, want, 'status bar counts = engine diagnostics by severity');
    const problems = await wb.settle(
      () => wb.problems(),
      (p) => p.total === ref.diagnostics.length,
    );
    await wb.screenshot('problems');
    assert.equal(problems.total, ref.diagnostics.length, 'Problems panel total = engine total');
    assert.ok(problems.rows.length >= 5, `the panel renders rows (${problems.rows.length})`);
    const sev = ['', 'Error', 'Warning', 'Info', 'Info'];
    for (const row of problems.rows) {
      const match = ref.diagnostics.find(
        (d) =>
          d.range.start.line + 1 === row.line &&
          d.range.start.character + 1 === row.character &&
          d.message === row.message &&
          sev[d.severity ?? 0] === row.severity,
      );
      assert.ok(match, `Problems row ${JSON.stringify(row)} is one of the engine's diagnostics`);
    }

    // Semantic tokens: the marker and the correct/wrong answers each get their own style.
    const marker = ref.tokens.find((t) => t.type === 'decisionMarker');
    const correct = ref.tokens.find((t) => t.type === 'answer' && t.mods.includes('correct'));
    const wrong = ref.tokens.find((t) => t.type === 'answer' && t.mods.includes('wrong'));
    assert.ok(marker && correct && wrong, 'the example has a marker, a correct and a wrong answer');
    const inspect = async (t: { line: number; char: number }, name: string) => {
      await wb.gotoLine(t.line + 1, t.char + 1);
      const r = await wb.inspectToken();
      await wb.screenshot(name);
      await wb.page.keyboard.press('Escape');
      return r;
    };
    const m = await inspect(marker, 'inspect-marker');
    assert.equal(m.semanticType, 'decisionMarker', m.text);
    const c = await inspect(correct, 'inspect-correct');
    assert.equal(c.semanticType, 'answer', c.text);
    assert.ok(c.modifiers.includes('correct'), c.text);
    const w = await inspect(wrong, 'inspect-wrong');
    assert.equal(w.semanticType, 'answer', w.text);
    assert.ok(w.modifiers.includes('wrong'), w.text);
    assert.ok(m.foreground && c.foreground && w.foreground, 'each token has a rendered foreground');
    assert.equal(
      new Set([m.foreground, c.foreground, w.foreground]).size,
      3,
      `three distinct colours: marker ${m.foreground}, correct ${c.foreground}, wrong ${w.foreground}`,
    );

    // Hover on the decision: its action and Q-values.
    await wb.gotoLine(marker.line + 1, marker.char + 2);
    const hover = await wb.hoverAtCursor(/Q-value/);
    await wb.screenshot('hover-decision');
    assert.match(hover, /RESAMPLE|STOP/);
    assert.match(hover, /KL Q-value\s+-?\d/);
    assert.match(hover, /surrogate Q-value\s+-?\d/);
    await wb.page.keyboard.press('Escape');
  });

  it(
    '2. edits: diagnostics follow; a malformed header gets a precise error, the other records keep their annotations',
    { timeout: 420_000 },
    async () => {
      await wb.openFile(`examples/${EXAMPLE}`);
      const lines = text.split('\n');
      // Correct a missed correction: type the ground truth over the wrong final answer.
      const missed = ref.diagnostics.find((d) => d.code === 'missed-correction');
      assert.ok(missed, 'the example has a missed correction');
      const message = String(missed.message);
      const truth = /ground truth ([^)]+)\)/.exec(message)?.[1];
      assert.ok(truth, message);
      const { start, end } = missed.range;
      assert.equal(start.line, end.line);
      lines[start.line] = lines[start.line].slice(0, start.character) + truth + lines[start.line].slice(end.character);
      const afterFix = await engineView(lines.join('\n'));
      assert.ok(afterFix.diagnostics.length < ref.diagnostics.length, 'the engine drops the missed correction');
      await wb.replaceAt(start.line + 1, start.character + 1, end.character - start.character, truth);
      let problems = await wb.settle(
        () => wb.problems(),
        (p) => p.total === afterFix.diagnostics.length,
      );
      await wb.screenshot('after-fix');
      assert.equal(problems.total, afterFix.diagnostics.length, 'Problems total follows the edit');
      assert.ok(
        !problems.rows.some((r) => r.line === start.line + 1 && /Missed correction/i.test(r.message)),
        'the fixed record no longer reports a missed correction',
      );

      // Break the header of a record that comes after a decision marker's record.
      const markers = afterFix.tokens.filter((t) => t.type === 'decisionMarker');
      const later = markers[Math.floor(markers.length / 2)];
      let headerLine = later.line;
      while (headerLine > 0 && !lines[headerLine].startsWith('task:')) headerLine--;
      assert.ok(lines[headerLine].startsWith('task:'), 'found a header line');
      lines[headerLine] = 'this line is not a header';
      const afterBreak = await engineView(lines.join('\n'));
      const engineError = afterBreak.diagnostics.find((d) => d.severity === 1);
      assert.ok(engineError, 'the engine reports the malformed header as an error');
      assert.equal(engineError.range.start.line, headerLine);
      await wb.replaceLine(headerLine + 1, 'this line is not a header');
      problems = await wb.settle(
        () => wb.problems(),
        (p) => p.total === afterBreak.diagnostics.length && p.rows[0]?.severity === 'Error',
      );
      await wb.screenshot('malformed-header');
      assert.equal(problems.total, afterBreak.diagnostics.length);
      const shown = problems.rows[0];
      assert.equal(shown?.severity, 'Error', 'errors sort first');
      assert.equal(shown.line, headerLine + 1, 'on the broken line');
      assert.equal(shown.character, engineError.range.start.character + 1, "at the engine's column");
      assert.equal(shown.message, engineError.message);
      assert.match(shown.message, /expected/i, 'says what was expected');

      // Records before and after the broken one keep their semantic tokens.
      const other = afterBreak.tokens.filter((t) => t.type === 'decisionMarker').find((t) => t.line > headerLine + 20) ?? markers[0];
      await wb.gotoLine(other.line + 1, other.char + 1);
      const still = await wb.inspectToken();
      await wb.screenshot('other-record-still-annotated');
      assert.equal(still.semanticType, 'decisionMarker', still.text);
      await wb.page.keyboard.press('Escape');
      await wb.runCommand('File: Revert File');
    },
  );

  it('3. Show Calibration: the webview draws its charts and exports a file', { timeout: 420_000 }, async () => {
    await wb.runCommand('Reflection Lens: Show Calibration');
    const frame = await wb.webviewFrame(/Calibration/, '#export-csv');
    // Every chart canvas has pixels drawn on it (not a blank canvas).
    const ink = await wb.settle(
      () => canvasInk(frame),
      ({ total, inked }) => total > 0 && inked === total,
      120_000,
    );
    assert.ok(ink.total > 0 && ink.inked === ink.total, `every chart canvas is drawn (${ink.inked} of ${ink.total})`);
    await wb.screenshot('calibration');
    assert.ok(ink.total >= 2, 'at least the two main charts are drawn');
    // Export: the CSV button asks where to save (VS Code's own dialog), then writes the file.
    const csv = join(session.workspace, 'calibration-e2e.csv');
    await frame.locator('#export-csv').click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    // The simple file dialog fills in its default name asynchronously: type our path until it
    // holds, or Enter accepts the default (seen: calibration.csv written instead).
    for (let i = 0; i < 10 && (await input.inputValue()) !== csv; i++) {
      await input.fill(csv);
      await wb.page.waitForTimeout(500);
    }
    assert.equal(await input.inputValue(), csv, 'the save dialog holds the export path');
    await wb.page.keyboard.press('Enter');
    const deadline = Date.now() + 30_000;
    while (!existsSync(csv) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    await wb.screenshot('calibration-exported');
    assert.ok(existsSync(csv), `export wrote ${csv}`);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    assert.ok(rows.length >= 2, 'a header and at least one row');
    assert.match(rows[0], /model/i);
  });

  it(
    '4. Run GRPO (ds3): the training view updates live, Cancel stops it, the run directory is complete',
    { timeout: 420_000 },
    async () => {
      const runsBefore = listRuns(session.workspace);
      await wb.runCommand('Reflection Lens: Run GRPO');
      // ds3 with custom settings: a million steps (ds3 runs ~100 steps/s), so Cancel is what ends it.
      await wb.pickQuickInput('ds3 (local)');
      await wb.pickQuickInput('Custom');
      // The settings input box opens prefilled with the defaults as JSON.
      const json = wb.page.locator('.quick-input-widget input');
      await wb.settle(
        () => json.inputValue().catch(() => ''),
        (v) => v.startsWith('{'),
        30_000,
      );
      await json.fill('{"steps": 1000000}');
      await wb.page.keyboard.press('Enter');
      const frame = await wb.webviewFrame(/Training/, '#state');
      const stepOf = async () =>
        Number(
          /step (\d+)\//.exec(
            await frame
              .locator('#summary')
              .innerText()
              .catch(() => ''),
          )?.[1] ?? -1,
        );
      const first = await wb.settle(stepOf, (s) => s >= 2);
      const second = await wb.settle(stepOf, (s) => s > first);
      await wb.screenshot('training-live');
      assert.ok(second > first, `the view advances while training (step ${first} -> ${second})`);
      const { inked: drawn } = await canvasInk(frame);
      assert.ok(drawn >= 3, `the live charts are drawn (${drawn} canvases with pixels)`);

      // Cancel on the progress notification.
      const toast = wb.page.locator('.notification-toast', { hasText: 'Reflection Lens: training' });
      if (!(await toast.isVisible())) await wb.runCommand('Notifications: Show Notifications');
      const notification = wb.page.locator('.notification-list-item', { hasText: 'Reflection Lens: training' }).first();
      await notification.hover();
      await wb.screenshot('training-notification');
      await notification.locator('.monaco-button', { hasText: 'Cancel' }).click();

      // The trainer stops: its run directory says so and stops growing.
      const runs = listRuns(session.workspace).filter((r) => !runsBefore.includes(r));
      assert.equal(runs.length, 1, `one new run directory: ${runs.join(', ')}`);
      const dir = runs[0];
      const readStatus = () => JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')) as { state: string; step: number; pid?: number };
      const status = await wb.settle(
        async () => readStatus(),
        (st) => st.state === 'stopped',
        60_000,
      );
      assert.equal(status.state, 'stopped', 'Cancel stopped the trainer');
      const lines = () => readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n');
      const n1 = lines().length;
      // Only the trainer process (status.json's pid) writes metrics: once it is gone, none can follow.
      const { pid } = status;
      assert.ok(pid, 'status.json names the trainer process');
      const gone = await wb.settle(
        async () => !processAlive(pid),
        (g) => g,
        30_000,
      );
      assert.ok(gone, `the trainer (pid ${pid}) exited after the stop`);
      assert.equal(lines().length, n1, 'no metrics after the stop');

      // The run directory is complete and resumable.
      const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
      assert.equal(config.policy, 'ds3');
      assert.equal(config.steps, 1000000);
      const metrics = lines().map((l) => JSON.parse(l));
      assert.ok(metrics.length >= 2 && metrics.length < 1000000, `metrics up to the cancel (${metrics.length} lines)`);
      for (const k of ['step', 'backend', 'p', 'delta1', 'delta2', 'reward', 'theta', 'push', 'drag', 'ratio'])
        assert.ok(k in metrics[0], `metrics carry ${k}`);
      const checkpoints = readdirSync(join(dir, 'checkpoints')).sort();
      assert.equal(
        checkpoints.at(-1),
        `step-${String(status.step).padStart(6, '0')}`,
        `a checkpoint at the stopping step (${checkpoints.at(-1)})`,
      );

      // The Training panel shows the stop too.
      const state = await wb.settle(
        () => frame.locator('#state').innerText(),
        (t) => t === 'stopped',
      );
      const shownStep = await stepOf();
      await wb.screenshot('training-cancelled');
      assert.equal(
        state,
        'stopped',
        `the Training panel shows the stop (it shows step ${shownStep}; the trainer stopped at ${status.step})`,
      );

      // Reloading the view (a fresh page) replays what the panel kept: the same run, step and state, charts drawn.
      await wb.runCommand('Developer: Reload Webviews');
      const replayed = await wb.settle(
        async () => {
          const f = await wb.webviewFrame(/Training/, '#state').catch(() => undefined);
          const text = f
            ? `${await f
                .locator('#state')
                .innerText({ timeout: 2000 })
                .catch(() => '')} ${await f
                .locator('#summary')
                .innerText({ timeout: 2000 })
                .catch(() => '')}`
            : '';
          return { f, text };
        },
        ({ text }) => text.startsWith('stopped') && text.includes(`step ${shownStep}/`),
        60_000,
      );
      await wb.screenshot('training-reloaded');
      assert.match(
        replayed.text,
        new RegExp(`^stopped .*step ${shownStep}/`),
        `after a reload the view shows the stop again: ${replayed.text}`,
      );
      assert.ok(replayed.f);
      const { inked: redrawn } = await canvasInk(replayed.f);
      assert.ok(redrawn >= 3, `the replayed charts are drawn (${redrawn} canvases with pixels)`);
    },
  );
});

/** The canvases of a webview page, and how many have more than 500 painted pixels. */
function canvasInk(frame: Frame): Promise<{ total: number; inked: number }> {
  return frame.evaluate(() => {
    const cs = Array.from(document.querySelectorAll('canvas'));
    const inked = cs.filter((c) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return false;
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) n++;
      return n > 500;
    });
    return { total: cs.length, inked: inked.length };
  });
}

/** Run directories (holding config.json) anywhere under the workspace. */
function listRuns(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 4) return;
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (!statSync(p).isDirectory()) continue;
      if (existsSync(join(p, 'config.json')) && existsSync(join(p, 'metrics.jsonl'))) out.push(p);
      else walk(p, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
