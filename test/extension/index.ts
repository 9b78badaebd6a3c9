// Entry point of the extension's own test suite inside a real extension host: loaded through
// `extensionTestsPath` by VS Code (`npm run test:electron`) or code-server (test/e2e). The host
// calls `run()`; a rejected promise is a failed run. Bundled to out/test/extension/index.cjs.
import type MochaClass from 'mocha';

// mocha's package entry is ESM; its CommonJS build loads in every extension host's Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as typeof MochaClass;

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // The suites call describe/it at load time: give them mocha's globals before importing them.
  mocha.suite.emit('pre-require', globalThis, 'reflection-lens-extension-tests', mocha);
  await import('./activation.suite.js');
  await import('./languageFeatures.suite.js');
  await import('./editing.suite.js');
  await import('./training.suite.js');
  await import('./verl.suite.js');
  await import('./traceView.suite.js');
  await import('./experiment.suite.js');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
