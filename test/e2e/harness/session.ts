// One real VS Code for a test file: code-server (from .cache/, see scripts/install-code-server.mjs)
// in a throw-away home, driven by Debian's Chromium through playwright-core. Everything started
// here is stopped by `close()`, by the test's `after` hook, and on process exit.
import { chromium, type Browser, type Page } from 'playwright-core';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isCodeServerInstalled, paths, startCodeServer, type RunningCodeServer } from '../../../scripts/code-server.mjs';

export const repoRoot = paths.repoRoot;
export const artifactsDir = resolve(repoRoot, 'test-artifacts', 'e2e');
const CHROMIUM = '/usr/bin/chromium';

/** Why the real-editor tests cannot run here, or undefined when they can. In CI a missing piece is a failure. */
export function missingPrerequisite(): string | undefined {
  const missing = !isCodeServerInstalled()
    ? 'code-server is not installed (run: node scripts/install-code-server.mjs)'
    : !existsSync(CHROMIUM)
      ? `${CHROMIUM} is missing (apt-get install chromium)`
      : undefined;
  if (missing && process.env.CI) throw new Error(`CI is set and ${missing}`);
  return missing;
}

export const editorSettings = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'editor.semanticHighlighting.enabled': true,
  'files.autoSave': 'off',
  'git.openRepositoryInParentFolders': 'never',
};

export interface Session {
  server: RunningCodeServer;
  browser: Browser;
  home: string;
  workspace: string;
  /** vscode-remote:// URI of an absolute path on this machine, as the workbench payload needs it. */
  remoteUri(absPath: string): string;
  /** Opens a workbench page on the workspace with the extension under development loaded. */
  openWorkbench(opts?: { payload?: [string, string][]; beforeLoad?: (page: Page) => Promise<void>; waitFor?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Copies `files` (repository paths) into a fresh workspace folder and starts the editor on it. */
export async function startSession(name: string, files: string[]): Promise<Session> {
  mkdirSync(artifactsDir, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), `rl-e2e-${name}-`));
  const workspace = join(home, 'workspace');
  mkdirSync(workspace);
  for (const f of files) cpSync(resolve(repoRoot, f), join(workspace, f.split('/').pop()!), { recursive: true });
  const server = await startCodeServer({ home, settings: editorSettings, smokeTestDriver: true });
  let browser: Browser;
  try {
    browser = await chromium.launch({
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
  } catch (e) {
    await server.stop();
    throw e;
  }
  const host = `127.0.0.1:${server.port}`;
  const remoteUri = (p: string) => `vscode-remote://${host}${p}`;
  let closed = false;
  return {
    server,
    browser,
    home,
    workspace,
    remoteUri,
    async openWorkbench({ payload = [], beforeLoad, waitFor = true } = {}) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      // No wait without an end: a missing button fails the test instead of hanging it.
      page.setDefaultTimeout(60_000);
      await beforeLoad?.(page);
      const all = [['extensionDevelopmentPath', remoteUri(repoRoot)], ...payload];
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(all))}`, {
        timeout: 120_000,
      });
      if (waitFor) await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 120_000 });
      return page;
    },
    async close() {
      if (closed) return;
      closed = true;
      await browser.close().catch(() => {});
      await server.stop();
      if (!process.env.KEEP_E2E_HOME) rmSync(home, { recursive: true, force: true });
    },
  };
}
