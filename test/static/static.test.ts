// The code as a whole: strict TypeScript over every project (tsc -b), ESLint and Prettier's check
// run as part of `npm test`, so CI fails on any of them; and the walls between the parts (protocol/, the engine, the
// client, the webviews) hold: a cross-wall import fails both the compiler and the linter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

function run(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
const tsc = (): ReturnType<typeof run> => run(['node_modules/typescript/bin/tsc', '-b']);
const eslint = (...paths: string[]): ReturnType<typeof run> => run(['node_modules/eslint/bin/eslint.js', ...paths]);

test('TypeScript strict type check of every project (tsc -b) has no errors', () => {
  const r = tsc();
  assert.equal(r.status, 0, r.out);
});

test('ESLint has no findings', () => {
  const r = eslint('.');
  assert.equal(r.status, 0, r.out);
});

test('Prettier finds nothing to reformat (npm run format)', () => {
  const r = run(['node_modules/prettier/bin/prettier.cjs', '--check', '.']);
  assert.equal(r.status, 0, r.out);
});

/** One import across each wall, in a scratch file of the folder it starts from. */
const probes = [
  {
    file: 'client/src/__wallProbe.ts',
    text: "import { defaultMarkers } from '../../server/src/trace/options.js';\nexport const x = defaultMarkers;\n",
    wall: /extension host talks to the rest through protocol/,
  },
  {
    file: 'media/__wallProbe.ts',
    text: "import type { CalibrationResult } from '../server/src/analysis/types.js';\nexport type X = CalibrationResult;\n",
    wall: /Webviews run in a browser/,
  },
  {
    file: 'server/src/analysis/__wallProbe.ts',
    text: "import type { LensSettings } from '../lsp/settings.js';\nexport type X = LensSettings;\n",
    wall: /The engine .* imports nothing above it/,
  },
  {
    file: 'protocol/__wallProbe.ts',
    text: "import type { Estimate } from '../server/src/analysis/types.js';\nexport type X = Estimate;\n",
    wall: /protocol\/ is the contract/,
  },
];

test('a cross-wall import fails the linter (each wall) and the compiler', (t) => {
  t.after(() => {
    for (const p of probes) rmSync(p.file, { force: true });
  });
  for (const p of probes) writeFileSync(p.file, p.text);
  const lint = eslint(...probes.map((p) => p.file));
  assert.notEqual(lint.status, 0, 'eslint accepted cross-wall imports');
  for (const p of probes) {
    const own = lint.out.split(/\n(?=\/)/).find((block) => block.includes(p.file)) ?? '';
    assert.match(own, /no-restricted-imports/, `${p.file}: no wall reported`);
    assert.match(own, p.wall, `${p.file}: the wall's message`);
  }
  const compiled = tsc();
  assert.notEqual(compiled.status, 0, 'tsc -b accepted cross-wall imports');
  // Declarations go to out/tsc/ even for files a probe pulled in across a wall, never beside the sources.
  const stray = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', '--', '*.d.ts'], { encoding: 'utf8' }).stdout.trim();
  assert.equal(stray, '', 'declaration files written into the source tree');
  // TS6307: the imported file is not in the importing project (its references do not reach it).
  for (const p of probes)
    assert.match(compiled.out, new RegExp(`${p.file.replace(/[./]/g, '\\$&')}\\(\\d+,\\d+\\): error TS6307`), `${p.file}: compiler wall`);
});
