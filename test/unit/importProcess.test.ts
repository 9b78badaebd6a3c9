// The JSONL import command's child process (client/src/importProcess.ts) with the real bundled
// CLI: a complete run writes the .trace and reports its records; a cancelled run leaves neither
// the output nor a temp file behind, and the input is unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mappingLine, refusedPatternsMessage, runImport } from '../../client/src/importProcess.js';
import { jsonlToRecords } from '../../server/src/trace/jsonl.js';
import { parseTrace } from '../../server/src/trace/parse.js';
import { fakeRolloutLines, writeFakeRolloutStep } from '../../server/src/training/verl/fakeRollouts.js';
import { withDeadline } from '../deadline.js';

const cli = resolve('dist/cli.js');

/** One import run to its end (a deadline aborts it, so a hang fails the test instead of stalling it). */
function importToEnd(path: string, out: string): ReturnType<typeof runImport> {
  const ac = new AbortController();
  return withDeadline(
    runImport(cli, path, out, () => undefined, ac.signal),
    120_000,
    'the import to finish',
    () => ac.abort(),
  );
}

test('a complete import writes the .trace with one record per rollout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-import-'));
  try {
    const { path, lines } = writeFakeRolloutStep(dir, 3, { rollouts: 40, tasks: ['3x3'] });
    const out = join(dir, '3.trace');
    const r = await importToEnd(path, out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.cancelled, false);
    assert.equal(JSON.parse(r.stdout).records, lines);
    assert.equal(parseTrace(readFileSync(out, 'utf8')).records.length, lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('importing a verl-style dump whose group rollouts share a uid: distinct ids u, u.2, ... as the JSONL reads them, no duplicate-id; a hand-written repeat warns with line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-import-'));
  try {
    const lines = [...fakeRolloutLines(5, { rollouts: 32, tasks: ['3x3'], groupSize: 8, seed: 4 })].map((l, i) =>
      l.replace(/^\{/, `{"uid": "u${Math.floor(i / 8)}", `),
    );
    const path = join(dir, '5.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const out = join(dir, '5.trace');
    const r = await importToEnd(path, out);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /duplicate-id/);
    const written = parseTrace(readFileSync(out, 'utf8'));
    const ids = written.records.map((x) => x.id);
    assert.deepEqual(
      ids,
      jsonlToRecords(readFileSync(path, 'utf8')).records.map((x) => String(x.id)),
    );
    assert.deepEqual(ids.slice(0, 9), ['u0', 'u0.2', 'u0.3', 'u0.4', 'u0.5', 'u0.6', 'u0.7', 'u0.8', 'u1']);
    assert.equal(new Set(ids).size, lines.length);
    assert.deepEqual(written.diagnostics, []);
    // The CLI reading the JSONL and the imported .trace: no duplicate-id either way.
    for (const file of [path, out]) {
      const seg = spawnSync(process.execPath, [cli, 'segment', file, '--json'], { encoding: 'utf8' });
      assert.equal(seg.status, 0, seg.stderr);
      assert.doesNotMatch(seg.stderr, /duplicate-id/, file);
    }
    // A .trace whose author repeated an id: one warning, on the later record, with its line and column.
    const hand = join(dir, 'hand.trace');
    writeFileSync(hand, '=== a\n---\nx = 1\n=== b\n---\ny = 2\n=== a\n---\nz = 3\n');
    const seg = spawnSync(process.execPath, [cli, 'segment', hand, '--json'], { encoding: 'utf8' });
    assert.equal(seg.status, 0, seg.stderr);
    assert.deepEqual(
      seg.stderr.split('\n').filter((l) => l.includes('[duplicate-id]')),
      [
        `${hand}:7:1: warning: Duplicate id "a", first at line 1: both records are read, but labels and lookups by id cannot tell them apart. [duplicate-id]`,
      ],
    );
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

test("the editor's import passes the settings' reader (markers, answer patterns, reader): the log-probs' 2T check counts attempts as the editor's attribution will (tail36)", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-import-'));
  try {
    const lp = { logprobs: [-1, -1, -1], ref_logprobs: [-1, -1, -1] };
    const body = (marker: string): string => `12 * 34 = 418\n${marker}, 12 * 30 = 360 and 12 * 4 = 48.\n360 + 48 = 408`;
    const path = join(dir, 'lp.jsonl');
    writeFileSync(
      path,
      [
        { idx: 1, input: 'Calculate 12 * 34.', output: body('Wait'), gts: '408', ...lp },
        { idx: 2, input: 'Calculate 12 * 34.', output: body('Banana'), gts: '408', ...lp },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    const sidecarIds = (out: string): string[] =>
      readFileSync(`${out}.logprobs.jsonl`, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id);
    // The real CLI behind a wrapper that logs the --answer-patterns file of each run.
    const log = join(dir, 'patterns.log');
    const wrapper = join(dir, 'cli.mjs');
    writeFileSync(
      wrapper,
      [
        "import { appendFileSync, readFileSync } from 'node:fs';",
        "const i = process.argv.indexOf('--answer-patterns');",
        `appendFileSync(${JSON.stringify(log)}, JSON.stringify(i < 0 ? null : readFileSync(process.argv[i + 1], 'utf8')) + '\\n');`,
        `await import(${JSON.stringify(pathToFileURL(cli).href)});`,
      ].join('\n'),
    );
    const runs = (): (string | null)[] =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as string | null)
        : [];
    const run = (out: string, reading: Parameters<typeof runImport>[5]) => {
      const ac = new AbortController();
      return withDeadline(
        runImport(wrapper, path, out, () => undefined, ac.signal, reading),
        60_000,
        'the import',
        () => ac.abort(),
      );
    };
    const plain = await run(join(dir, 'plain.trace'), {});
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(sidecarIds(join(dir, 'plain.trace')), ['2']);
    assert.equal(plain.refusedPatterns, undefined);
    // A pattern that does not compile is left out; the ones the CLI refuses as unsafe make it run
    // again without them, and only them (it ran with no pattern at all), and are said.
    const custom = await run(join(dir, 'custom.trace'), {
      reading: { markers: ['Banana'], answerPatterns: ['(', '(a+)+$', ' zork (\\d+) ', '(b*)*c'], reader: 'rules' },
    });
    assert.equal(custom.code, 0, custom.stderr);
    assert.deepEqual(sidecarIds(join(dir, 'custom.trace')), ['1']);
    assert.match(custom.stderr, /record 2: 3 tokens of log-probs for 2 attempts/);
    assert.deepEqual(runs().slice(-2), ['(a+)+$\nzork (\\d+)\n(b*)*c\n', 'zork (\\d+)\n']);
    assert.deepEqual(
      custom.refusedPatterns?.map((r) => r.pattern),
      ['(a+)+$', '(b*)*c'],
    );
    assert.ok(
      custom.refusedPatterns?.every((r) => r.reason.length > 0 && !r.reason.includes('"')),
      JSON.stringify(custom.refusedPatterns),
    );
    assert.match(refusedPatternsMessage(custom) ?? '', /refuses 2 answer patterns .*"\(a\+\)\+\$" \(.+\); "\(b\*\)\*c" \(.+\)/);
    assert.equal(refusedPatternsMessage(plain), undefined);
    assert.deepEqual(
      readdirSync(tmpdir()).filter((f) => f.startsWith('rl-import-reader-') && statSync(join(tmpdir(), f)).mtimeMs > Date.now() - 60_000),
      [],
      'the reader files are removed',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
