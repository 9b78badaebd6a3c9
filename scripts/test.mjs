// Runs every test: builds dist/ (protocol, browser and editor tests exercise the real bundles),
// then node's test runner over test/**/*.test.ts. Extra arguments narrow the run to paths
// (`npm test -- test/unit`). Ends with one summary line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) { console.log('test: build failed\n0 passed, 1 failed'); process.exit(1); }

function collect(p, out) {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) collect(join(p, e), out);
  else if (p.endsWith('.test.ts')) out.push(p);
  return out;
}
const files = (roots.length ? roots : ['test']).flatMap((r) => collect(r, []));
mkdirSync('test-artifacts', { recursive: true });
const tap = 'test-artifacts/results.tap';
const run = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files,
], { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR } });
const text = readFileSync(tap, 'utf8');
const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
const failed = count('fail') + count('cancelled');
console.log(`\n${count('pass')} passed, ${failed} failed, ${count('skipped')} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
