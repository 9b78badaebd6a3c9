// The JSONL import command's child process (client/src/importProcess.ts) with the real bundled
// CLI: a complete run writes the .trace and reports its records; a cancelled run leaves neither
// the output nor a temp file behind, and the input is unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mappingLine, runImport } from '../../client/src/importProcess.js';
import { parseTrace } from '../../server/src/trace/parse.js';
import { writeFakeRolloutStep } from '../../server/src/training/verl/fakeRollouts.js';
import { withDeadline } from '../deadline.js';

const cli = resolve('dist/cli.js');

test('a complete import writes the .trace with one record per rollout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-import-'));
  try {
    const { path, lines } = writeFakeRolloutStep(dir, 3, { rollouts: 40, tasks: ['3x3'] });
    const out = join(dir, '3.trace');
    const ac = new AbortController();
    const r = await withDeadline(
      runImport(cli, path, out, () => undefined, ac.signal),
      120_000,
      'the import to finish',
      () => ac.abort(),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.cancelled, false);
    assert.equal(JSON.parse(r.stdout).records, lines);
    assert.equal(parseTrace(readFileSync(out, 'utf8')).records.length, lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cancelling an import kills it and leaves no output or temp file; the input is untouched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-import-'));
  try {
    // Large enough that the import is still running when its temp file appears.
    const { path } = writeFakeRolloutStep(dir, 7, { rollouts: 4000, tasks: ['3x3', '3x4'], outputBytes: 8000 });
    const before = statSync(path);
    const out = join(dir, '7.trace');
    const abort = new AbortController();
    const poll = setInterval(() => {
      if (readdirSync(dir).some((f) => f.startsWith('.7.trace.') && f.endsWith('.tmp'))) abort.abort();
    }, 5);
    const r = await withDeadline(
      runImport(cli, path, out, () => undefined, abort.signal),
      120_000,
      'the import to end (cancelled once its temp file appears)',
      () => abort.abort(),
    ).finally(() => clearInterval(poll));
    assert.equal(r.cancelled, true, `the import ended before it could be cancelled (exit ${r.code})`);
    assert.ok(!existsSync(out), 'no output');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temp file left',
    );
    const after = statSync(path);
    assert.deepEqual([after.size, after.mtimeMs], [before.size, before.mtimeMs], 'input unchanged');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('"Open as Trace"\'s import: a Parquet dataset read with the mapping the CLI detects and prints, or the one the settings give', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-import-view-'));
  try {
    const parquet = resolve('test/fixtures/formats/openr1/train-00000-of-00001.parquet');
    const ac = new AbortController();
    const auto = await withDeadline(
      runImport(cli, parquet, join(dir, 'a.trace'), () => undefined, ac.signal),
      120_000,
      'the import to finish',
      () => ac.abort(),
    );
    assert.equal(auto.code, 0, auto.stderr);
    assert.match(mappingLine(auto.stderr) ?? '', /^reading openr1 \(parquet\): prompt <- problem, response <- generations\[i\]/);
    // The per-folder setting reflectionLens.import.map arrives as --map: the verdict column changes.
    const mapped = await withDeadline(
      runImport(cli, parquet, join(dir, 'b.trace'), () => undefined, ac.signal, { format: 'openr1', map: 'verdict=correctness_llama[i]' }),
      120_000,
      'the import to finish',
      () => ac.abort(),
    );
    assert.equal(mapped.code, 0, mapped.stderr);
    assert.match(mappingLine(mapped.stderr) ?? '', /source verdict <- correctness_llama\[i\]/);
    assert.equal(
      parseTrace(readFileSync(join(dir, 'b.trace'), 'utf8')).records.length,
      parseTrace(readFileSync(join(dir, 'a.trace'), 'utf8')).records.length,
    );
    const bad = await withDeadline(
      runImport(cli, parquet, join(dir, 'c.trace'), () => undefined, ac.signal, { format: 'no-such-format' }),
      120_000,
      'the import to finish',
      () => ac.abort(),
    );
    assert.notEqual(bad.code, 0, 'an unknown format is refused');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
