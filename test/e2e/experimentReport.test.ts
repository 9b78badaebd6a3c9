// "Reproduce the Paper's Experiment" in code-server, with screenshots of its report: runs only
// test/extension/experiment.suite.ts in the real extension host (a bundle of that one suite, so it
// takes about a minute instead of the whole suite's), and when the suite says the report panel is
// open, screenshots the workbench with the report's webview (its top, then Figure 1) into
// test-artifacts/e2e/experiment-*.png before the suite ends. `npm test -- test/e2e/experimentReport.test.ts`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { artifactsDir, missingPrerequisite, repoRoot, startSession, type Session } from './harness/session.js';
import { Workbench } from './harness/workbench.js';

const skip = missingPrerequisite() ?? (existsSync(join(repoRoot, 'dist', 'cli.js')) ? undefined : 'dist/ is not built (npm run build)');
if (skip) console.log(`# e2e experiment report test skipped: ${skip}`);

// Next to out/test/extension/index.cjs, so that the suite's helpers find the repository the same way.
const BUNDLE = join(repoRoot, 'out', 'test', 'extension', 'experiment-only.cjs');
const ENTRY = `
import type MochaClass from 'mocha';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as typeof MochaClass;
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'reflection-lens-experiment-test', mocha);
  await import('./experiment.suite.js');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(\`\${failures} extension test(s) failed\`);
}
`;

describe('the experiment command and its report in code-server', { skip }, () => {
  let session: Session;
  const shotDir = mkdtempSync(join(tmpdir(), 'rl-e2e-experiment-shot-'));
  before(async () => {
    // The same options as scripts/build.mjs's test bundle, with only the experiment suite.
    await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: join(repoRoot, 'test', 'extension'), sourcefile: 'experiment-only.ts', loader: 'ts' },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode', 'mocha'],
      outfile: BUNDLE,
      logLevel: 'warning',
    });
    // code-server's extension host inherits this: the suite waits for the screenshots.
    process.env.REFLECTION_LENS_E2E_SHOT_DIR = shotDir;
    session = await startSession('experiment', ['examples']);
  });
  after(async () => {
    await session?.close();
    delete process.env.REFLECTION_LENS_E2E_SHOT_DIR;
  });

  it('the command resolves to report.html, leaves ordinary runs and shows the report in a webview', { timeout: 420_000 }, async () => {
    const log: string[] = [];
    const shots: string[] = [];
    let shotError: unknown;
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((r) => {
      resolveExit = r;
    });
    const screenshots = async (page: Page) => {
      try {
        const wb = new Workbench(page, 'experiment');
        const frame = await wb.webviewFrame('Table 1 / Figure 1', 'h1');
        await frame.locator('svg.chart').first().waitFor({ state: 'attached' });
        await page.waitForTimeout(1000);
        shots.push(await wb.screenshot('report-top'));
        await frame.locator('svg.chart').first().scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
        shots.push(await wb.screenshot('report-figure1'));
      } catch (e) {
        shotError = e;
      } finally {
        writeFileSync(join(shotDir, 'done'), '');
      }
    };
    const page = await session.openWorkbench({
      payload: [['extensionTestsPath', session.remoteUri(BUNDLE)]],
      waitFor: false,
      beforeLoad: async (p) => {
        await p.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
          const line = `[${type}] ${format(...(Array.isArray(args) ? args : [args]))}`;
          log.push(line);
          if (line.includes('experiment-report-panel-open')) void screenshots(p);
        });
        await p.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
      },
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const code = await Promise.race([
        exited,
        new Promise<number>((r) => {
          timer = setTimeout(() => r(-1), 360_000);
        }),
      ]);
      writeFileSync(join(artifactsDir, 'experiment-mocha.log'), log.join('\n') + '\n');
      console.log(
        log.filter((l) => /✔|passing|failing|pending|experiment command|Error|^\[info\]\s+\d+\)|^\[info\] {2,}\S/.test(l)).join('\n'),
      );
      assert.equal(code, 0, `mocha in the extension host exited ${code}; log: test-artifacts/e2e/experiment-mocha.log`);
      assert.ok(
        log.some((l) => /1 passing/.test(l)),
        'the experiment suite passed',
      );
      assert.equal(shotError, undefined, `screenshots: ${String(shotError)}`);
      assert.equal(shots.length, 2);
      for (const s of shots) assert.ok(existsSync(s), s);
    } finally {
      clearTimeout(timer);
      await page.close().catch(() => {});
    }
  });
});
