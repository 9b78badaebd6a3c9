// The full pass (scan.ts) reads import's log-prob sidecar as attribution does (tail35, item 1):
// its drag and push come from the sidecar's log-probs, and a line it cannot use counts as
// bad-logprobs, never dropped silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { scanFile } from '../../../server/src/trace/scan.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { defaultAttributionOptions } from '../../../server/src/analysis/attribution.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-scansc-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const opts = { segment: defaultSegmentOptions, attribution: defaultAttributionOptions, workers: 0 };
const rec = (id: string, group: string, final: string): string =>
  `=== ${id}\nquery: Calculate 12 * 3.\nanswer: 36\nmodel: m\ngroup: ${group}\ntokens: 40\n---\n12 * 3 = 36.\nSo the answer is 38.\nWait, let me recompute.\n12 * 3 = 36, so the answer is ${final}.\n`;
const lp = (id: string, a: number, b: number): string =>
  JSON.stringify({ id, logprobs: Array.from({ length: 40 }, () => a), ref_logprobs: Array.from({ length: 40 }, () => b) });

test('the full pass attributes from the log-prob sidecar and counts its bad lines', async () => {
  const trace = join(dir, 's.trace');
  writeFileSync(trace, rec('r1', 'g', '36') + rec('r2', 'g', '35'));
  const without = await scanFile(trace, opts);
  writeFileSync(`${trace}.logprobs.jsonl`, `${lp('r1', -0.5, -3)}\n${lp('r2', -0.5, -3)}\nnot json\n`);
  const withLp = await scanFile(trace, opts);
  assert.equal(withLp.records, 2);
  assert.equal(withLp.attributed, without.attributed);
  assert.notDeepEqual(withLp.drag, without.drag, 'the sidecar log-probs change the KL terms');
  assert.equal(withLp.diagnostics['bad-logprobs'], 1, JSON.stringify(withLp.diagnostics));
  assert.equal(without.diagnostics['bad-logprobs'], undefined);
  // Listed as segment lists them, not only counted (tail36, item 4).
  assert.equal(withLp.sidecarProblems.count, 1);
  assert.deepEqual(withLp.sidecarProblems.listed, [
    `${trace}.logprobs.jsonl:3: warning: not a JSON object {id, logprobs, ref_logprobs} [bad-logprobs]`,
  ]);
  assert.deepEqual(without.sidecarProblems, { count: 0, listed: [] });
});

test('the full pass lists the first 100 sidecar problems, in the words segment uses, and counts the rest', async () => {
  const trace = join(dir, 'many.trace');
  writeFileSync(trace, rec('r1', 'g', '36'));
  writeFileSync(`${trace}.logprobs.jsonl`, `${lp('r1', -0.5, -3)}\n${Array.from({ length: 150 }, (_, i) => `not json ${i}`).join('\n')}\n`);
  const s = await scanFile(trace, opts);
  assert.equal(s.sidecarProblems.count, 150);
  assert.equal(s.sidecarProblems.listed.length, 100);
  const r = spawnSync(process.execPath, ['dist/cli.js', 'segment', trace], { encoding: 'utf8' });
  const segmentLines = r.stderr.split('\n').filter((l) => l.endsWith('[bad-logprobs]'));
  assert.deepEqual(s.sidecarProblems.listed, segmentLines);
  // segment lists as many, then counts the rest (it printed all 150 before).
  assert.ok(r.stderr.includes(`${trace}.logprobs.jsonl: 50 more log-prob problems not listed\n`), r.stderr.slice(-300));
});
