import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAttributionOptions } from '../../../server/src/analysis/attribution.js';
import { generateMultiplicationTraceText } from '../../../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { scanFile, scanRange, splitRanges } from '../../../server/src/trace/scan.js';
import { streamTraceFile } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic, TraceRecord } from '../../../server/src/trace/types.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-stream-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const corpus = generateMultiplicationTraceText({
  seed: 4,
  groupSize: 4,
  models: [
    {
      name: 'm',
      echoRate: 0.3,
      tasks: [
        { task: '3x3', p: 0.6, delta1: 0.7, delta2: 0.6, n: 60 },
        { task: '4x5', p: 0.4, delta1: 0.7, delta2: 0.6, n: 60 },
      ],
    },
  ],
});

async function collect(
  path: string,
  opts: Parameters<typeof streamTraceFile>[1] = {},
): Promise<{ records: TraceRecord[]; diagnostics: TraceDiagnostic[] }> {
  const records: TraceRecord[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  for await (const r of streamTraceFile(path, { ...opts, onDiagnostic: (d) => diagnostics.push(d) })) records.push(r);
  return { records, diagnostics };
}

test('streamed records equal parseTrace on the whole text, for any chunk size, with CRLF, BOM, preamble, bad bytes', async () => {
  const variants: Record<string, Buffer> = {
    plain: Buffer.from(corpus),
    crlf: Buffer.from('\ufeffnotes\r\n' + corpus.replace(/\n/g, '\r\n')),
    broken: Buffer.concat([
      Buffer.from('=== x\nanswer: 1\nno separator\n'),
      Buffer.from([0xff, 0xc3, 0x00, 0x0a]),
      Buffer.from(corpus.slice(0, 5000)),
      Buffer.from('\n=== cut\nanswer: 9\n---\nhalf a rec'),
    ]),
  };
  for (const [name, bytes] of Object.entries(variants)) {
    const path = join(dir, `${name}.trace`);
    writeFileSync(path, bytes);
    const whole = parseTrace(bytes.toString('utf8'), { fileName: path });
    for (const chunkSize of [5, 64, 4096, 1 << 20]) {
      const got = await collect(path, { chunkSize });
      assert.deepEqual(got.records, whole.records, `${name} @ ${chunkSize}`);
      assert.deepEqual(got.diagnostics, whole.diagnostics, `${name} @ ${chunkSize}`);
    }
  }
});

test('byte ranges partition the records exactly', async () => {
  const path = join(dir, 'ranges.trace');
  writeFileSync(path, corpus);
  const whole = parseTrace(corpus).records.map((r) => r.id);
  for (const parts of [2, 3, 7]) {
    const ids: string[] = [];
    for (const [start, end] of splitRanges(corpus.length, parts))
      for await (const r of streamTraceFile(path, { start, end, chunkSize: 777 })) ids.push(r.id);
    assert.deepEqual(ids, whole, `${parts} ranges`);
  }
});

test('JSONL streaming: records in order, broken lines reported with line/column, trace positions as import writes them', async () => {
  const path = join(dir, 'r.jsonl');
  writeFileSync(
    path,
    ['{"input":"a","output":"x = 1","gts":"1"}', '{"input": bad}', '{"question":"b","code":["y = 2","y = 3"],"gt":"2"}'].join('\r\n'),
  );
  const { records, diagnostics } = await collect(path, { chunkSize: 7 });
  assert.deepEqual(
    records.map((r) => [r.id, r.query, r.answer, r.sourceLine, r.startLine]),
    [
      ['1', 'a', '1', 0, 0],
      ['3.1', 'b', '2', 2, 7],
      ['3.2', 'b', '2', 2, 14],
    ],
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.line, d.column]),
    [['bad-json', 1, 10]],
  );
});

test('abort stops the stream', async () => {
  const path = join(dir, 'abort.trace');
  writeFileSync(path, corpus);
  const ac = new AbortController();
  let n = 0;
  await assert.rejects(
    async () => {
      for await (const _ of streamTraceFile(path, { signal: ac.signal, chunkSize: 1024 })) if (++n === 3) ac.abort();
    },
    { name: 'AbortError' },
  );
  assert.equal(n, 3);
});

test('full pass: worker threads give the same totals as one thread', async () => {
  const path = join(dir, 'scan.trace');
  // Repeat to pass the size below which no worker is started.
  writeFileSync(path, corpus.repeat(Math.ceil((9 << 20) / corpus.length)));
  const opts = { segment: defaultSegmentOptions, attribution: defaultAttributionOptions };
  const one = await scanRange(path, 0, Number.MAX_SAFE_INTEGER, opts);
  const two = await scanFile(path, { ...opts, workers: 2 });
  for (const k of ['records', 'samples', 'resamples', 'echoes', 'withTruth', 'correctFinal', 'noAnswer', 'attributed'] as const)
    assert.equal(two[k], one[k], k);
  assert.deepEqual(two.diagnostics, one.diagnostics);
  assert.ok(one.records > 1000 && one.samples > one.records && one.resamples > 0 && one.echoes > 0);
  assert.ok(Math.abs(two.drag.sampling - one.drag.sampling) < 1e-6 * Math.abs(one.drag.sampling) + 1e-9);
});

test('a BOM right before the first record is not a line of its own', async () => {
  const path = join(dir, 'bom.trace');
  writeFileSync(path, '\ufeff=== 1\nanswer: 2\n---\nx = 2\n=== 2\n---\ny\n');
  const { records, diagnostics } = await collect(path, { chunkSize: 2 });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    records.map((r) => [r.id, r.startLine, r.bodyStartLine]),
    [
      ['1', 0, 3],
      ['2', 4, 6],
    ],
  );
});
