// Bundles every entry point with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };
// Node-side programs (ESM). Heavy optional native/GPU packages stay external: they are loaded
// at run time only when present, so the bundle does not require them.
const external = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'webgpu', 'playwright-core'];
const builds = [
  { ...common, entryPoints: { server: 'server/src/lsp/server.ts' }, format: 'esm', external },
  // Split so that each subcommand loads only its own code (calibrate does not pay for TensorFlow.js).
  {
    ...common,
    entryPoints: { cli: 'server/src/cli.ts' },
    format: 'esm',
    external,
    banner: { js: '#!/usr/bin/env node' },
    splitting: true,
    chunkNames: 'cli-[name]-[hash]',
  },
  { ...common, entryPoints: { scanWorker: 'server/src/trace/scanWorker.ts' }, format: 'esm', external },
  { ...common, entryPoints: { calibrateWorker: 'server/src/analysis/calibrateWorker.ts' }, format: 'esm', external },
  { ...common, entryPoints: { trainer: 'server/src/training/trainer.ts' }, format: 'esm', external },
  // VS Code loads extensions as CommonJS; minified, since every window loads it at startup (the
  // linked source map keeps stack traces readable). The engine is not in it: engine work runs in
  // the language server or the CLI as a child process.
  {
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    external: ['vscode'],
    minify: !watch,
  },
  // Webview bundles run in the browser.
  {
    ...common,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    entryPoints: { 'media/calibration': 'media/calibration/main.ts', 'media/training': 'media/training/main.ts' },
  },
  // The extension's mocha suite, run inside a real extension host (test/e2e, npm run test:electron); not shipped.
  {
    ...common,
    entryPoints: { 'test/extension/index': 'test/extension/index.ts' },
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    external: ['vscode', 'mocha'],
    outdir: 'out',
  },
];
// ESM bundles of CommonJS dependencies need a real `require`.
const requireShim = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
mkdirSync('dist', { recursive: true });
// Chunk names carry content hashes: drop the previous build's so stale ones are not shipped.
for (const f of readdirSync('dist')) if (/^cli-.*\.js(\.map)?$/.test(f)) rmSync(`dist/${f}`);
const ctxs = [];
for (const b of builds) {
  const entries = Object.fromEntries(Object.entries(b.entryPoints).filter(([, p]) => existsSync(p)));
  if (Object.keys(entries).length === 0) continue;
  const opts = { outdir: 'dist', ...b, entryPoints: entries };
  if (b.format === 'esm') opts.banner = { js: (b.banner?.js ? b.banner.js + '\n' : '') + requireShim };
  if (watch) {
    const ctx = await esbuild.context(opts);
    await ctx.watch();
    ctxs.push(ctx);
  } else await esbuild.build(opts);
}
if (!watch) console.log('build: dist/ written');
