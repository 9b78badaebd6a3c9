// Runs the extension's mocha suite (out/test/extension/index.cjs) inside code-server's real
// extension host: the workflow @vscode/test-electron uses, through the smoke-test driver's
// payload. The workbench reports the suite's output through codeAutomationLog and its result
// through codeAutomationExit (0: all passed).
import { join } from 'node:path';
import { format } from 'node:util';
import { repoRoot, type Session } from './session.js';

export async function runExtensionTests(session: Session, timeoutMs = 300_000): Promise<{ code: number; log: string[] }> {
  const log: string[] = [];
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => {
    resolveExit = r;
  });
  const page = await session.openWorkbench({
    payload: [['extensionTestsPath', session.remoteUri(join(repoRoot, 'out', 'test', 'extension', 'index.cjs'))]],
    waitFor: false,
    beforeLoad: async (p) => {
      await p.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        // The host forwards console calls with their printf-style arguments (mocha's reporter uses them).
        log.push(`[${type}] ${format(...(Array.isArray(args) ? args : [args]))}`);
      });
      await p.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((r) => {
    timer = setTimeout(() => r(-1), timeoutMs);
  });
  try {
    const code = await Promise.race([exited, timedOut]);
    if (code === -1) log.push(`[harness] no codeAutomationExit within ${timeoutMs} ms`);
    return { code, log };
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => {});
  }
}
