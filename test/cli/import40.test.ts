// Importer leftovers of stop 39 (importfix40), through the CLI as users run it (dist/cli.js in a
// child): options that are no usable list said on every row, Parquet read through a pipe (rows,
// not lines), options that differ only in case, and a key's lettered lines beating the options.
// Inputs are written here, or are rows of the outsider's files (named where used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-import40-');

test('a Parquet file read from standard input (or a file whose name does not say Parquet) is read as Parquet, its positions rows (item 2)', () => {
  const pq = 'test/fixtures/formats/openr1/train-00000-of-00001.parquet';
  const bytes = readFileSync(pq).toString('latin1');
  // Through `-`: its bytes were read as JSONL, 63 bad-json "lines"; now its rows are read, as from the file.
  const fromFile = write('file.trace', '');
  assert.equal(runCli(['import', pq, '-o', fromFile]).status, 0);
  const out = write('stdin.trace', '');
  const r = runCliBytes(['import', '-', '-o', out], pq);
  assertNoStack(r, 'import -');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^-: reading openr1 \(parquet\): prompt <- problem, response <- generations\[i\]/m);
  assert.match(r.stderr, /import: 8 records written to .*, 3 rows reported/);
  assert.doesNotMatch(r.stderr, /bad-json|\blines?\b/);
  assert.equal(
    readFileSync(out, 'utf8').replace(/^model: stdin$/gm, 'model: x'),
    readFileSync(fromFile, 'utf8').replace(/^model: train-00000-of-00001$/gm, 'model: x'),
  );
  // The repeated message and the count of a read that fails say rows.
  const bad = runCliBytes(['import', '-', '-o', write('bad.trace', ''), '--map', 'response=nothere[i]'], pq);
  assert.match(bad.stderr, /^-: the same \[no-response\] message on 5 more rows \(rows 2-6\), not listed$/m);
  assert.match(bad.stderr, /no record could be read from - \(7 rows reported\)/);
  assert.doesNotMatch(bad.stderr, /\blines?\b/);
  // segment: its table's first column is headed row, its summary counts rows.
  const s = runCliBytes(['segment', '-', '--map', 'response=nothere[i]'], pq);
  assert.match(s.stderr, /no record could be read \(7 rows reported\)/);
  assert.match(s.stdout, /^ {4}row {2}id /m);
  assert.doesNotMatch(s.stderr, /\blines?\b/);
  // A regular file named without .parquet: its magic bytes "PAR1" say it.
  const noext = write('results', Buffer.from(bytes, 'latin1'));
  const n = runCli(['segment', noext]);
  assert.equal(n.status, 0, n.stderr);
  assert.match(n.stderr, /reading openr1 \(parquet\)/);
  assert.match(n.stdout, /^ {4}row {2}id /m);
  // A .trace through `-` is read as before: its table counts lines.
  const t = runCliBytes(['segment', '-'], 'examples/grpo.trace');
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /^ {3}line {2}id /m);
});

/** runCli with a file's bytes on standard input (binary, as a shell's `< file` gives them). */
function runCliBytes(args: string[], file: string): ReturnType<typeof runCli> {
  return runCli(args, { input: readFileSync(file) });
}
