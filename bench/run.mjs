// `npm run bench [NAME...]`: builds, then runs each bench/*.bench.ts (or only the named ones:
// `npm run bench engine`) with tsx, one after another, so they do not compete for the cores.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2).map((a) => a.replace(/\.bench\.ts$/, '').replace(/^bench\//, ''));
const all = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const chosen = wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.bench\.ts$/, ''))) : all;
const unknown = wanted.filter((w) => !all.includes(`${w}.bench.ts`));
if (unknown.length) {
  console.error(`bench: no bench/${unknown.join('.bench.ts, bench/')}.bench.ts (have: ${all.join(', ')})`);
  process.exit(2);
}

if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);
let failed = 0;
for (const f of chosen) {
  console.log(`\n=== bench/${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${f} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
