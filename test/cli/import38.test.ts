// What an outsider found importing real evaluation outputs (stop 38, importfix38), through the CLI
// as users run it (dist/cli.js in a child). Inputs are written here, or are a few lines of the
// outsider's files (named where they are).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-import38-');

interface SegmentRow {
  id: string;
  model: string;
  answer: string;
  final: string;
}

test('U+2028 / U+2029 / a lone CR in any header field: import writes a .trace that reads back as the same records (item 1)', () => {
  const breaks = ['\u2028', '\u2029', '\r', '\r\n'];
  const lines = breaks.map((b, k) =>
    JSON.stringify({
      id: `p${k}${b === '\u2028' ? '\u2028x' : ''}`,
      question: `What is 2+3?${b}More.`,
      response: 'The answer is 5.',
      answer: `5${b}`,
      model: `m${b}x`,
      source: `src${b}y`,
    }),
  );
  const jsonl = write('breaks.jsonl', `${lines.join('\n')}\n`);
  const out = jsonl.replace(/\.jsonl$/, '.trace');
  const imp = runCli(['import', jsonl, '-o', out]);
  assertNoStack(imp, 'import');
  assert.equal(imp.status, 0, imp.stderr);
  const trace = readFileSync(out, 'utf8');
  // Every header is one line: no U+2028 / U+2029 / CR left in a header (the body keeps its text).
  for (const header of trace.split('\n').filter((l) => /^(query|answer|model|source|group):/.test(l)))
    assert.doesNotMatch(header, /[\u2028\u2029\r]/, header);
  assert.match(trace, /^query: What is 2\+3\? More\.$/m);
  assert.match(trace, /^model: m x$/m);
  assert.match(trace, /^source: src y$/m);
  // The .trace reads back without a diagnostic, as the same records the JSONL gives directly.
  const fromTrace = runCli(['segment', '--json', out]);
  const fromJsonl = runCli(['segment', '--json', jsonl]);
  assert.doesNotMatch(fromTrace.stderr, /bad-header|error/, fromTrace.stderr);
  const pick = (r: SegmentRow): string => JSON.stringify([r.id, r.model, r.answer, r.final]);
  const a = (JSON.parse(fromTrace.stdout) as SegmentRow[]).map(pick);
  const b = (JSON.parse(fromJsonl.stdout) as SegmentRow[]).map(pick);
  assert.equal(a.length, 4);
  assert.deepEqual(a, b);
  assert.equal(JSON.parse(a[0])[0], 'p0\u2028x');
  // calibrate counts them all, from either file (it skipped the record as "Malformed header line").
  for (const f of [out, jsonl]) {
    const c = runCli(['calibrate', '--json', f]);
    assertNoStack(c, 'calibrate');
    const j = JSON.parse(c.stdout) as { groups: { n: number }[]; skipped: unknown[] };
    assert.equal(
      j.groups.reduce((s, g) => s + g.n, 0),
      4,
      c.stdout,
    );
  }
});

test('a .trace written by hand with U+2028 in a header value reads it (item 1)', () => {
  const f = write('raw2028.trace', '=== a\nquery: What is 2+3?\u2028More.\nanswer: 5\n---\nThe answer is 5.\n');
  const s = runCli(['segment', '--json', f]);
  assert.doesNotMatch(s.stderr, /bad-header/, s.stderr);
  const rows = JSON.parse(s.stdout) as SegmentRow[];
  assert.equal(rows[0].answer, '5');
});
