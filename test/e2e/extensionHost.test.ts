// Scenario 5: the extension's own mocha suite (test/extension/) inside code-server's real
// extension host, the same suite `npm run test:electron` runs in desktop VS Code. The exit code
// the workbench reports is mocha's result; the suite's output goes to test-artifacts/e2e/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, missingPrerequisite, repoRoot, startSession, type Session } from './harness/session.js';
import { runExtensionTests } from './harness/extensionTests.js';

const skip = missingPrerequisite();
if (skip) console.log(`# e2e extension-host tests skipped: ${skip}`);

describe('extension test suite in the real extension host (code-server)', { skip }, () => {
  let session: Session;
  before(async () => {
    session = await startSession('exthost', ['examples']);
  });
  after(async () => {
    await session?.close();
  });

  it('runs test/extension with mocha and every test passes', { timeout: 420_000 }, async () => {
    assert.ok(existsSync(join(repoRoot, 'out', 'test', 'extension', 'index.cjs')), 'the build wrote out/test/extension/index.cjs');
    const { code, log } = await runExtensionTests(session);
    writeFileSync(join(artifactsDir, 'extension-host-mocha.log'), log.join('\n') + '\n');
    // Mocha's own lines (not the workbench's noise) show in the test output.
    const mocha = log.filter((l) => /✔|passing|failing|pending|^\[info\]\s+\d+\)|Error|^\[info\] {2,}\S/.test(l));
    console.log(mocha.join('\n'));
    assert.equal(code, 0, `mocha in the extension host exited ${code}; full log: test-artifacts/e2e/extension-host-mocha.log`);
    assert.ok(
      log.some((l) => /\d+ passing/.test(l)),
      'mocha reported passing tests',
    );
  });
});
