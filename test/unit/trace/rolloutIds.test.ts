// Ids for the rollouts of one GRPO group (server/src/trace/duplicateIds.ts): verl-style dumps
// write one rollout per line and repeat the problem id (`uid`) on every rollout of its group. A
// record whose id an earlier record of the file had becomes `<id>.<n>`; every path that reads the
// file gives the same ids (whole-text read, streamed read, what import writes read back whole and
// in byte ranges, the language server's document), no duplicate-id warning is left on such a dump,
// and ids that were already distinct are unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrateFiles } from '../../../server/src/analysis/parallel.js';
import { JsonlDocument } from '../../../server/src/lsp/jsonlDocument.js';
import { TraceDocument } from '../../../server/src/lsp/traceDocument.js';
import { formatTrace } from '../../../server/src/trace/format.js';
import { jsonlLineToRecords, jsonlToRecords } from '../../../server/src/trace/jsonl.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { splitRanges } from '../../../server/src/trace/scan.js';
import { streamJsonlRecords, streamTraceFile } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic } from '../../../server/src/trace/types.js';
import { fakeRolloutLines } from '../../../server/src/training/verl/fakeRollouts.js';

const GROUP = 4;
/** A verl-style step dump: one rollout per line, the group's problem id in `uid` on each. */
const verl = [...fakeRolloutLines(7, { rollouts: 48, tasks: ['3x3', '4x4'], groupSize: GROUP, seed: 5 })].map((l, i) =>
  l.replace(/^\{/, `{"uid": "p${Math.floor(i / GROUP)}", `),
);
const verlText = `${verl.join('\n')}\n`;
const expectedIds = verl.map((_, i) => {
  const g = `p${Math.floor(i / GROUP)}`;
  return i % GROUP === 0 ? g : `${g}.${(i % GROUP) + 1}`;
});
const expectedGroups = verl.map((_, i) => `p${Math.floor(i / GROUP)}`);

test('whole-text read: a group of 4 reads p, p.2, p.3, p.4 with group p; no duplicate-id warning', () => {
  const { records, diagnostics } = jsonlToRecords(verlText, { fileName: '7.jsonl' });
  assert.deepEqual(
    records.map((r) => r.id),
    expectedIds,
  );
  assert.deepEqual(
    records.map((r) => r.headers.group),
    expectedGroups,
  );
  assert.deepEqual(diagnostics, []);
});

test('the streamed read, the import stream, the written .trace (whole and in byte ranges) and calibrate with any worker count agree', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-rollout-ids-'));
  try {
    const jsonl = join(dir, '7.jsonl');
    writeFileSync(jsonl, verlText);
    const diags: TraceDiagnostic[] = [];
    const streamed: string[] = [];
    const groups: string[] = [];
    for await (const r of streamTraceFile(jsonl, { onDiagnostic: (d) => diags.push(d) })) {
      streamed.push(r.id);
      groups.push(r.group ?? '');
    }
    assert.deepEqual(streamed, expectedIds);
    assert.deepEqual(groups, expectedGroups);
    assert.deepEqual(diags, []);
    // What import writes: the records of streamJsonlRecords as .trace text.
    const inputs = [];
    for await (const r of streamJsonlRecords(jsonl)) inputs.push(r);
    assert.deepEqual(
      inputs.map((r) => r.id),
      expectedIds,
    );
    const traceText = formatTrace(inputs);
    const trace = join(dir, '7.trace');
    writeFileSync(trace, traceText);
    const parsed = parseTrace(traceText);
    assert.deepEqual(
      parsed.records.map((r) => r.id),
      expectedIds,
    );
    assert.deepEqual(
      parsed.records.map((r) => r.group),
      expectedGroups,
    );
    assert.deepEqual(parsed.diagnostics, [], 'no duplicate-id on the imported .trace');
    // calibrate --workers N reads a .trace in byte ranges: each range sees the ids as written.
    for (const parts of [2, 3, 7]) {
      const ids: string[] = [];
      for (const [start, end] of splitRanges(traceText.length, parts))
        for await (const r of streamTraceFile(trace, { start, end, chunkSize: 997 })) ids.push(r.id);
      assert.deepEqual(ids, expectedIds, `${parts} ranges`);
    }
    const one = await calibrateFiles([trace], { workers: 0, bootstrap: 50, seed: 2 });
    const two = await calibrateFiles([trace], { workers: 2, rangeBytes: 4_000, bootstrap: 50, seed: 2 });
    assert.deepEqual(two.result, one.result);
    assert.equal(one.records, verl.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the language server's .jsonl document numbers the same way, also after an edit; its imported .trace warns on nothing", () => {
  const doc = new JsonlDocument('file:///run/7.jsonl', 1, verlText);
  assert.deepEqual(
    doc.entries.map((e) => e.record.id),
    expectedIds,
  );
  assert.deepEqual(
    doc.lines.flatMap((l) => l.diagnostics),
    [],
  );
  // A fifth rollout of p0 appended: it becomes p0.5; every other id stays.
  const end = { line: verl.length, character: 0 };
  doc.update([{ range: { start: end, end }, text: `${verl[0]}\n` }], 2);
  assert.deepEqual(
    doc.entries.map((e) => e.record.id),
    [...expectedIds, 'p0.5'],
  );
  assert.deepEqual(
    doc.entries.map((e) => e.record.id).sort(),
    jsonlToRecords(doc.getText())
      .records.map((r) => String(r.id))
      .sort(),
  );
  const trace = new TraceDocument('file:///run/7.trace', 1, formatTrace(jsonlToRecords(verlText).records));
  assert.deepEqual(
    trace.entries.map((e) => e.record.id),
    expectedIds,
  );
  assert.deepEqual(trace.fileDiagnostics(), []);
});

test('a hand-written .trace that repeats an id: the editor warns on the later record over the whole document, also after edits elsewhere', () => {
  const text = ['=== a', '---', 'x = 1', '=== b', '---', 'y = 2', '=== a', '---', 'z = 3', ''].join('\n');
  const doc = new TraceDocument('file:///hand.trace', 1, text);
  const dups = () => doc.fileDiagnostics().map((d) => [d.code, d.line, d.column, d.endColumn, d.message.split(':')[0]]);
  assert.deepEqual(dups(), [['duplicate-id', 6, 0, 5, 'Duplicate id "a", first at line 1']]);
  // Editing only the second record (a region without either "a") keeps the warning.
  doc.update([{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 5 } }, text: 'y = 20' }], 2);
  assert.deepEqual(dups(), [['duplicate-id', 6, 0, 5, 'Duplicate id "a", first at line 1']]);
  // Renaming the later record clears it.
  doc.update([{ range: { start: { line: 6, character: 4 }, end: { line: 6, character: 5 } }, text: 'c' }], 3);
  assert.deepEqual(dups(), []);
});

test('ids that were already distinct are unchanged (several responses per line, distinct problem ids, lines without ids)', () => {
  const lines = [
    JSON.stringify({ id: 'q1', question: 'What is 2 * 3?', responses: ['6', '5. Wait, 6.'], gt: '6' }),
    JSON.stringify({ id: 'q2', question: 'What is 2 * 4?', response: 'The answer is 8.', gt: '8' }),
    JSON.stringify({ question: 'What is 2 * 5?', response: 'The answer is 10.', gt: '10' }),
    JSON.stringify({ idx: 3, question: 'What is 2 * 6?', responses: ['12', '12'], gt: '12' }),
  ];
  const alone = lines.flatMap((l, i) => jsonlLineToRecords(l, i).records.map((r) => String(r.id)));
  assert.deepEqual(alone, ['q1.1', 'q1.2', 'q2', '3', '3.1', '3.2']);
  assert.deepEqual(
    jsonlToRecords(lines.join('\n')).records.map((r) => r.id),
    alone,
  );
  // A line with several responses repeated: its records number on (q1.1.2, q1.2.2), still distinct.
  const again = jsonlToRecords([lines[0], lines[0]].join('\n'));
  assert.deepEqual(
    again.records.map((r) => r.id),
    ['q1.1', 'q1.2', 'q1.1.2', 'q1.2.2'],
  );
  assert.deepEqual(again.diagnostics, []);
});
