// Drives the VS Code workbench the way a user does: command palette, quick open, go to line,
// hovers, the Problems panel. Selectors are VS Code's own DOM (1.139).
import type { Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { artifactsDir } from './session.js';

export interface ProblemRow {
  severity: string;
  message: string;
  line: number;
  character: number;
  source: string;
}

export class Workbench {
  private shot = 0;
  constructor(
    readonly page: Page,
    private readonly prefix: string,
  ) {}

  /** Writes test-artifacts/e2e/<prefix>-NN-<name>.png. */
  async screenshot(name: string): Promise<string> {
    const path = join(artifactsDir, `${this.prefix}-${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * Runs a command by its palette title ("Reflection Lens: Show Calibration"). The palette lists
   * an extension's commands only once the extension host has scanned it: reopen until it does.
   */
  async runCommand(title: string, timeoutMs = 120_000): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // All of it inside the retry: a webview taking focus back closes the palette at any point,
      // which then opens again instead of leaving a step waiting for an input that is gone.
      try {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('F1');
        await input.fill(`>${title}`, { timeout: 10_000 });
        await row.click({ timeout: 10_000 });
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
  }

  /** Clicks the row of the open quick pick whose text contains `text`. */
  async pickQuickInput(text: string): Promise<void> {
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
    try {
      await row.waitFor({ timeout: 60_000 });
      await row.click({ timeout: 30_000 });
    } catch (e) {
      await this.screenshot(`quick-pick-failed-${text.replace(/\W+/g, '-')}`).catch(() => undefined);
      throw e;
    }
  }

  /** Opens a workspace file (path relative to the workspace folder) by clicking through the Explorer. */
  async openFile(relPath: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.runCommand('View: Show Explorer');
    const parts = relPath.split('/');
    for (const [i, part] of parts.entries()) {
      const row = this.page
        .locator('.explorer-folders-view .monaco-list-row')
        .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
        .first();
      await row.waitFor({ timeout: 30_000 });
      const folder = i < parts.length - 1;
      if (!folder || (await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    }
    const name = parts[parts.length - 1];
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).first().waitFor({ timeout: 60_000 });
    // The text arrives from the remote file system after the tab: wait until lines render.
    await this.page.locator('.part.editor .monaco-editor .view-lines .view-line').first().waitFor({ timeout: 120_000 });
  }

  /** Puts the cursor at a 1-based line and column of the active editor. */
  async gotoLine(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.waitForTimeout(200);
  }

  /** The "Inspect Editor Tokens and Scopes" widget for the token at the cursor, once its semantic part has arrived. */
  async inspectToken(): Promise<{ text: string; semanticType?: string; modifiers: string[]; foreground?: string }> {
    await this.runCommand('Developer: Inspect Editor Tokens and Scopes');
    const widget = this.page.locator('.token-inspect-widget');
    await widget.waitFor({ timeout: 10_000 });
    let text = '';
    for (let i = 0; i < 50; i++) {
      text = await widget.innerText();
      if (!text.includes('Loading') && /semantic token type/.test(text)) break;
      await this.page.waitForTimeout(200);
    }
    return {
      text,
      semanticType: /semantic token type\s+(\S+)/.exec(text)?.[1],
      modifiers: (/\bmodifiers\s+([^\n]+)/.exec(text)?.[1] ?? '').trim().split(/\s+/).filter(Boolean),
      foreground: /foreground\s+(#[0-9A-Fa-f]{6,8})/.exec(text)?.[1]?.toUpperCase(),
    };
  }

  /**
   * Shows the hover at the cursor (editor.action.showHover) and returns its text once it matches
   * `until`: a diagnostic's part can render before the language server's hover arrives.
   */
  async hoverAtCursor(until: RegExp = /./): Promise<string> {
    await this.page.keyboard.press('Escape');
    await this.runCommand('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await hover.waitFor({ timeout: 15_000 });
    return this.settle(
      () => hover.innerText().catch(() => ''),
      (t) => until.test(t),
      30_000,
    );
  }

  /** The Problems panel: its per-file total ("245 problems in file x.trace") and the rows it renders. */
  async problems(): Promise<{ total: number | undefined; rows: ProblemRow[] }> {
    await this.page.keyboard.press('Escape');
    if (!(await this.page.locator('.markers-panel').isVisible())) {
      await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await this.page.locator('.markers-panel').waitFor();
    }
    const labels = await this.page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    let total: number | undefined;
    const rows: ProblemRow[] = [];
    for (const label of labels) {
      const file = /^(\d+) problems? in file/.exec(label);
      if (file) total = Number(file[1]);
      // "Warning: Missed correction: ... at line 268 and character 18. generated by reflection-lens"
      const m = /^(Error|Warning|Info)[^:]*:\s*(.*) at line (\d+) and character (\d+)\. generated by (.*)$/s.exec(label);
      if (m) rows.push({ severity: m[1], message: m[2].trim(), line: Number(m[3]), character: Number(m[4]), source: m[5] });
    }
    return { total, rows };
  }

  /** Error / warning / info counts in the status bar (its label reads "Errors: 1, Warnings: 81, Infos: 164"). */
  async statusBarProblems(): Promise<{ errors: number; warnings: number; infos: number }> {
    const item = this.page.locator('[id="status.problems"]');
    const label = (await item.count()) > 0 ? ((await item.first().getAttribute('aria-label')) ?? '') : '';
    const n = (k: string) => Number(new RegExp(`${k}: (\\d+)`).exec(label)?.[1] ?? 0);
    return { errors: n('Errors'), warnings: n('Warnings'), infos: n('Infos') };
  }

  /** Replaces `length` characters at a 1-based position of the active editor with `text`, by typing. */
  async replaceAt(line: number, column: number, length: number, text: string): Promise<void> {
    await this.gotoLine(line, column);
    for (let i = 0; i < length; i++) await this.page.keyboard.press('Shift+ArrowRight');
    await this.page.keyboard.type(text);
  }

  /** Replaces the whole of a 1-based line of the active editor, by typing. */
  async replaceLine(line: number, text: string): Promise<void> {
    await this.gotoLine(line, 1);
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Shift+End');
    await this.page.keyboard.type(text);
  }

  /** Polls `probe` until `done` holds for its value; returns the last value either way (the test asserts on it). */
  async settle<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let v = await probe();
    while (!done(v) && Date.now() < deadline) {
      await this.page.waitForTimeout(500);
      v = await probe();
    }
    return v;
  }

  /**
   * The extension's own document inside the webview panel titled `title`: VS Code nests it as
   * iframe.webview.ready -> iframe#active-frame. `marker` is a selector only that page has
   * (several webviews can be visible side by side).
   */
  async webviewFrame(title: string | RegExp, marker: string): Promise<Frame> {
    await this.page.locator('.tabs-container .tab', { hasText: title }).first().waitFor({ timeout: 60_000 });
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      for (const el of await this.page.locator('iframe.webview.ready').elementHandles()) {
        // A webview being reloaded or closed detaches its frames under our feet: look again.
        try {
          if (!(await el.isVisible())) continue;
          const inner = await (await (await el.contentFrame())?.$('iframe#active-frame'))?.contentFrame();
          if (inner && (await inner.$(marker))) return inner;
        } catch {
          continue;
        }
      }
      await this.page.waitForTimeout(300);
    }
    throw new Error(`no visible webview for ${String(title)} holding ${marker}`);
  }
}
