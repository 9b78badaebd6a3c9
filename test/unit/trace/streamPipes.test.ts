// stream.ts on sources without a size: a named FIFO is read front to back until its writer
// closes it, giving exactly what the regular file gives; byte ranges are refused there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAttributionOptions } from '../../../server/src/analysis/attribution.js';
import { generateMultiplicationTraceText } from '../../../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { scanFile } from '../../../server/src/trace/scan.js';
import { streamTraceFile, type StreamOptions } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic, TraceRecord } from '../../../server/src/trace/types.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-fifo-'));
const writers: ChildProcess[] = [];
test.after(() => {
  for (const w of writers) if (w.exitCode === null) w.kill();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
/** A FIFO that a child process fills from `file` in two parts, with a pause between them. */
function fifoOf(file: string): string {
  const fifo = join(dir, `f${++n}`);
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const w = spawn('bash', ['-c', 'exec 3>"$2"; head -c 1000 "$1" >&3; sleep 0.2; tail -c +1001 "$1" >&3', 'w', file, fifo], {
    stdio: 'ignore',
  });
  w.unref();
  writers.push(w);
  return fifo;
}

async function collect(path: string, opts: StreamOptions = {}): Promise<{ records: TraceRecord[]; diagnostics: TraceDiagnostic[] }> {
  const records: TraceRecord[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  for await (const r of streamTraceFile(path, { ...opts, onDiagnostic: (d) => diagnostics.push(d) })) records.push(r);
  return { records, diagnostics };
}

const corpus = generateMultiplicationTraceText({
  seed: 5,
  groupSize: 4,
  models: [{ name: 'm', echoRate: 0.3, tasks: [{ task: '3x3', p: 0.6, delta1: 0.7, delta2: 0.6, n: 30 }] }],
});

test('a FIFO gives the records of the file, for any chunk size, up to a record line at the very end', async () => {
  for (const [name, text] of [
    ['plain', corpus],
    ['preamble-crlf', 'notes\r\n' + corpus.replace(/\n/g, '\r\n')],
    ['ends-with-record-line', corpus + '=== last'],
  ]) {
    const file = join(dir, `${name}.trace`);
    writeFileSync(file, text);
    const whole = parseTrace(text, { fileName: 'x' });
    for (const chunkSize of [7, 4096, 1 << 20]) {
      const got = await collect(fifoOf(file), { chunkSize, fileName: 'x' });
      assert.equal(got.records.length, whole.records.length, `${name} @ ${chunkSize}`);
      assert.deepEqual(got.records, whole.records, `${name} @ ${chunkSize}`);
      assert.deepEqual(got.diagnostics, whole.diagnostics, `${name} @ ${chunkSize}`);
    }
  }
});

test('a FIFO without a .jsonl name holding JSON lines is read as JSONL; progress counts bytes with an unknown total', async () => {
  const file = join(dir, 'rollouts.jsonl');
  const lines = Array.from({ length: 50 }, (_, i) =>
    JSON.stringify({ prompt: `Calculate ${i} * 3.`, response: `${i} * 3 = ${3 * i}`, answer: String(3 * i) }),
  );
  writeFileSync(file, '\n' + lines.join('\n') + '\n');
  const expected = await collect(file, { fileName: 'x' });
  const progress: [number, number][] = [];
  const got = await collect(fifoOf(file), { fileName: 'x', chunkSize: 100, onProgress: (done, total) => progress.push([done, total]) });
  assert.equal(got.records.length, 50);
  assert.deepEqual(got.records, expected.records);
  assert.ok(progress.every(([, total]) => total === 0));
  assert.equal(progress.at(-1)?.[0], Buffer.byteLength('\n' + lines.join('\n') + '\n'));
});

test('byte ranges of a pipe are refused; the full pass reads a FIFO on this thread', async () => {
  const file = join(dir, 'scan.trace');
  writeFileSync(file, corpus);
  await assert.rejects(collect(fifoOf(file), { start: 10, end: 100 }), /byte range can only be read from a regular file/);
  const opts = { segment: defaultSegmentOptions, attribution: defaultAttributionOptions, workers: 2 };
  const fromFile = await scanFile(file, opts);
  const fromFifo = await scanFile(fifoOf(file), opts);
  assert.ok(fromFile.records > 0);
  assert.deepEqual(fromFifo, fromFile);
});
