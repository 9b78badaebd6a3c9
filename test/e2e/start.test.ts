// `npm start` without a desktop `code`: one command builds, serves code-server with the extension
// linked in, and prints a URL where a .trace file of the examples is analysed.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { artifactsDir, missingPrerequisite } from './harness/session.js';
import { freePort } from '../../scripts/code-server.mjs';

const skip = missingPrerequisite();
if (skip) console.log(`# npm start test skipped: ${skip}`);

describe('npm start (code-server)', { skip }, () => {
  const home = mkdtempSync(join(tmpdir(), 'rl-start-'));
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  const stopAll = () => {
    if (child?.pid)
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  };
  process.on('exit', stopAll);
  after(async () => {
    await browser?.close().catch(() => {});
    if (child?.pid)
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    await new Promise((r) => setTimeout(r, 1500));
    stopAll();
    rmSync(home, { recursive: true, force: true });
  });

  it('prints a URL where the examples open with the extension active', { timeout: 420_000 }, async () => {
    const port = await freePort();
    // Its own process group, like a user's terminal: stopping it stops code-server and its children.
    child = spawn(process.execPath, ['scripts/start.mjs', '--code-server', '--port', String(port), '--home', home], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 180 s:\n${out}`)), 180_000);
      const onData = (d: Buffer) => {
        out += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.on('exit', (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
    });
    assert.ok(url.includes(`:${port}/`), url);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url, { timeout: 120_000 });
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 120_000 });
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'grpo.trace' }).first();
    await file.waitFor({ timeout: 60_000 });
    await file.click();
    // The language mode comes from the linked extension's manifest; problems from its language server.
    await page.locator('[id="status.editor.mode"]', { hasText: 'Reasoning Trace' }).waitFor({ timeout: 60_000 });
    let problems = '';
    for (let i = 0; i < 120 && !/[1-9]/.test(problems); i++) {
      problems = await page.locator('[id="status.problems"]').first().innerText();
      await page.waitForTimeout(500);
    }
    await page.screenshot({ path: join(artifactsDir, 'start-01-examples.png') });
    assert.match(problems, /[1-9]/, `the language server reported on grpo.trace (status bar: ${problems.replace(/\s+/g, ' ')})`);
  });
});
