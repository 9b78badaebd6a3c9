// Bad input never crashes a reader: a JSON document split at every possible chunk boundary reads
// the same; truncated, garbled or foreign files give a message (or one diagnostic per bad row or
// entry) and everything readable still loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonDocumentElements, isJsonDocument, type JsonDocumentScan } from '../../../server/src/trace/formats/jsonDocument.js';
import { ZipReader } from '../../../server/src/trace/formats/zip.js';
import { streamJsonlRecords } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic } from '../../../server/src/trace/types.js';
import { zipBuffer, zipEntryDataOffset } from '../../../scripts/fixture-writers.js';

const F = 'test/fixtures/formats';

async function elements(path: string, chunkSize: number): Promise<{ out: unknown[]; scan: JsonDocumentScan }> {
  const scan: JsonDocumentScan = { shape: 'empty', members: {} };
  const out: unknown[] = [];
  for await (const el of jsonDocumentElements(path, scan, { chunkSize }))
    out.push(el.error ? { error: el.index, line: el.line } : { value: el.value, line: el.line });
  return { out, scan };
}

async function readAll(path: string): Promise<{ ids: string[]; diagnostics: TraceDiagnostic[]; error?: string }> {
  const ids: string[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  try {
    for await (const r of streamJsonlRecords(path, { onDiagnostic: (d) => diagnostics.push(d) })) ids.push(String(r.id));
  } catch (err) {
    return { ids, diagnostics, error: err instanceof Error ? err.message : String(err) };
  }
  return { ids, diagnostics };
}

test('a JSON document reads the same whatever the chunk boundaries (strings, escapes, UTF-8, nesting)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-jsondoc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const doc = {
    'v\u00e9rsion': 2,
    eval: { task: 't', model: 'm "quoted" [x] {y}' },
    plan: { steps: [[1, [2, { samples: [] }]], 'samples'] },
    samples: [
      { id: 1, text: 'br}ack]ets, "quotes" \\ back\\slash \u00fcnicode \ud83d\ude00', n: [1, [2, [3]]] },
      { id: 2, empty: {}, list: [] },
      { id: 3, s: ',,,' },
    ],
    after: { samples: 'not these' },
  };
  const path = join(dir, 'log.json');
  writeFileSync(path, JSON.stringify(doc, null, 2));
  const whole = await elements(path, 1 << 20);
  assert.equal(whole.scan.shape, 'samples');
  assert.deepEqual(whole.scan.members.eval, doc.eval);
  assert.deepEqual(
    whole.out.map((e) => (e as { value: unknown }).value),
    doc.samples,
  );
  for (let size = 1; size <= 23; size++) assert.deepEqual(await elements(path, size), whole, `chunk size ${size}`);
  // A top-level array, with a scalar element among objects; and JSON Lines are not a document.
  const arr = join(dir, 'arr.json');
  writeFileSync(arr, '[{"a": 1}, 7, "x,y", {"b": [1, 2]}]');
  assert.deepEqual(
    (await elements(arr, 3)).out.map((e) => (e as { value: unknown }).value),
    [{ a: 1 }, 7, 'x,y', { b: [1, 2] }],
  );
  assert.equal(await isJsonDocument(arr), true);
  const lines = join(dir, 'lines.json');
  writeFileSync(lines, '{"a": 1}\n{"a": 2}\n');
  assert.equal(await isJsonDocument(lines), false);
  assert.equal(await isJsonDocument(path), true);
});

test('a JSON document cut off mid-element: the complete elements load, the last is reported', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-jsondoc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const text = readFileSync(`${F}/chat/sharegpt.json`, 'utf8');
  const cut = join(dir, 'cut.json');
  writeFileSync(cut, text.slice(0, text.indexOf('"s2"') + 10));
  const r = await readAll(cut);
  assert.deepEqual(r.ids, ['s1']);
  assert.equal(r.diagnostics.length, 1);
  assert.match(r.diagnostics[0].message, /element 2 \(line \d+\) is cut off: the document ends inside it/);
});

test('.eval archives: truncated, not a ZIP, garbled entries, a broken header: messages and diagnostics, never a crash', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-eval-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const good = readFileSync(`${F}/inspect/gsm8k.eval`);
  const truncated = join(dir, 'truncated.eval');
  writeFileSync(truncated, good.subarray(0, good.length - 30));
  // Cut short: the samples are read from their local headers, with a note saying why.
  const cut = await readAll(truncated);
  assert.equal(cut.error, undefined);
  assert.ok(cut.ids.length > 0);
  assert.match(cut.diagnostics[0]?.message ?? '', /not a ZIP archive|central directory|truncated/);
  assert.match(cut.diagnostics[0]?.message ?? '', /read from their local headers instead/);
  const text = join(dir, 'text.eval');
  writeFileSync(text, 'this is not an archive');
  assert.match((await readAll(text)).error ?? '', /not a ZIP archive/);

  const sample = (id: number): string =>
    JSON.stringify({
      id,
      epoch: 1,
      input: `What is ${id} + ${id}?`,
      target: String(2 * id),
      output: { choices: [{ message: { role: 'assistant', content: `\\boxed{${2 * id}}` }, stop_reason: 'stop' }] },
      scores: { s: { value: 'C' } },
    });
  const entries = [
    { name: 'header.json', data: '{"eval": ' },
    ...[1, 2, 3, 4, 5].map((id) => ({ name: `samples/${id}_epoch_1.json`, data: sample(id) })),
    { name: 'samples/6_epoch_1.json', data: '[1, 2]' },
    { name: 'samples/7_epoch_1.json', data: '{"id": 7,' },
  ];
  const zip = zipBuffer(entries);
  // Garble entry 2's compressed bytes and entry 4's local header signature.
  const at2 = zipEntryDataOffset(zip, 'samples/2_epoch_1.json');
  for (let k = 0; k < 6; k++) zip[at2 + k] ^= 0xff;
  const at4 = zipEntryDataOffset(zip, 'samples/4_epoch_1.json') - 30 - 'samples/4_epoch_1.json'.length;
  zip[at4] = 0;
  const bad = join(dir, 'bad.eval');
  writeFileSync(bad, zip);
  const r = await readAll(bad);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.ids, ['1_epoch_1', '3_epoch_1', '5_epoch_1']);
  const messages = r.diagnostics.map((d) => d.message);
  assert.ok(
    messages.some((m) => /^entry header\.json: .*task and model are taken from the samples/.test(m)),
    messages.join('\n'),
  );
  assert.ok(messages.some((m) => /^entry samples\/2_epoch_1\.json: /.test(m)));
  assert.ok(messages.some((m) => /^entry samples\/4_epoch_1\.json: no local header at byte \d+/.test(m)));
  assert.ok(messages.some((m) => /^entry samples\/6_epoch_1\.json: expected a JSON object/.test(m)));
  assert.ok(messages.some((m) => /^entry samples\/7_epoch_1\.json: not valid JSON/.test(m)));

  // Random damage anywhere in the good fixture: some entries may fail, the reader never throws
  // anything but a message about the archive as a whole.
  let seed = 7;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let round = 0; round < 40; round++) {
    const copy = Buffer.from(good);
    for (let k = 0; k < 4; k++) copy[rand() % copy.length] = rand() & 0xff;
    const path = join(dir, `fuzz${round}.eval`);
    writeFileSync(path, copy);
    const f = await readAll(path);
    assert.ok(f.error === undefined || typeof f.error === 'string');
  }
  const zr = await ZipReader.open(`${F}/inspect/gsm8k.eval`);
  assert.ok(zr.entries.some((e) => e.name === 'samples/10_epoch_1.json'));
  await zr.close();
});

test('Parquet: a file that is not Parquet, or cut short, is one message; an unknown schema is one diagnostic', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-pq-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fake = join(dir, 'fake.parquet');
  writeFileSync(fake, 'PAR1 not really');
  assert.match((await readAll(fake)).error ?? '', /not a readable Parquet file/);
  const good = readFileSync(`${F}/openr1/train-00000-of-00001.parquet`);
  const cut = join(dir, 'cut.parquet');
  writeFileSync(cut, good.subarray(0, good.length >> 1));
  assert.match((await readAll(cut)).error ?? '', /not a readable Parquet file/);
  // A dataset with no response column: the columns are named, and the fix.
  const { parquetBuffer, str } = await import('../../../scripts/fixture-writers.js');
  const odd = join(dir, 'odd.parquet');
  writeFileSync(
    odd,
    parquetBuffer(
      [{ name: 'schema', num_children: 2 }, str('title'), str('body')],
      [
        { name: 'title', data: ['a', 'b'] },
        { name: 'body', data: ['x', 'y'] },
      ],
      10,
    ),
  );
  const r = await readAll(odd);
  assert.deepEqual(r.ids, []);
  assert.equal(r.diagnostics.length, 1);
  assert.match(
    r.diagnostics[0].message,
    /^row 1: cannot tell the format: the first row has title, body; expected one of --format openr1\|chat\|lm-eval\|inspect\|openai\|fastchat\|llama-stack-evals, or --map response=PATH$/,
  );
  const mapped: string[] = [];
  for await (const rec of streamJsonlRecords(odd, { source: { map: 'response=body,prompt=title' } }))
    mapped.push(`${rec.headers.query}:${rec.body}`);
  assert.deepEqual(mapped, ['a:x', 'b:y']);
});

test("JSONL: rows of an unknown shape keep jsonl.ts's diagnostics; flat rollouts are read exactly as before", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-jsonl-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const flat = join(dir, 'roll.jsonl');
  writeFileSync(
    flat,
    [
      JSON.stringify({ input: 'What is 2 * 3?', output: '\\boxed{6}', gts: '6', score: 1 }),
      '{"messages": [{"role": "user", "content": "x"}]}',
      '[1]',
    ].join('\n'),
  );
  const r = await readAll(flat);
  assert.deepEqual(r.ids, ['1']);
  assert.deepEqual(
    r.diagnostics.map((d) => d.code),
    ['no-response', 'not-an-object'],
  );
  const unknown = join(dir, 'unknown.jsonl');
  writeFileSync(unknown, '{"title": "a"}\n');
  assert.match((await readAll(unknown)).diagnostics[0].message, /No response field: expected one of output, response/);
});

test('Parquet: a damaged first row group costs its own rows, not the file; a footer of length 0 is said in words', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-pq-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { parquetBuffer, str } = await import('../../../scripts/fixture-writers.js');
  const { parquetMetadata } = await import('hyparquet');
  const n = 9;
  const good = Buffer.from(
    parquetBuffer(
      [{ name: 'schema', num_children: 2 }, str('title'), str('body')],
      [
        { name: 'title', data: Array.from({ length: n }, (_, i) => `q${i}`) },
        { name: 'body', data: Array.from({ length: n }, (_, i) => `The answer is ${i}.`) },
      ],
      3,
    ),
  );
  const meta = parquetMetadata(good.buffer.slice(good.byteOffset, good.byteOffset + good.length));
  assert.equal(meta.row_groups.length, 3);
  const source = { map: 'response=body,prompt=title' };
  const read = async (path: string) => {
    const bodies: string[] = [];
    const diagnostics: TraceDiagnostic[] = [];
    for await (const r of streamJsonlRecords(path, { source, onDiagnostic: (d) => diagnostics.push(d) })) bodies.push(r.body);
    return { bodies, diagnostics };
  };
  // Row group 1's first page header overwritten: that group's 3 rows are reported, the 6 others read.
  const bad = Buffer.from(good);
  const page = Number(meta.row_groups[0].columns[0].meta_data!.data_page_offset);
  bad.fill(0xff, page, page + 6);
  const damaged = join(dir, 'rg1.parquet');
  writeFileSync(damaged, bad);
  const r = await read(damaged);
  assert.deepEqual(
    r.bodies,
    [3, 4, 5, 6, 7, 8].map((i) => `The answer is ${i}.`),
  );
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.line]),
    [['bad-row-group', 0]],
  );
  assert.match(r.diagnostics[0].message, /^row group 1 \(rows 1-3\) cannot be decoded: .*; its rows are not read$/);
  // Footer length 0: a message in words (it was hyparquet's "Cannot read properties of undefined").
  const zero = Buffer.from(good);
  zero.writeUInt32LE(0, zero.length - 8);
  const zeroPath = join(dir, 'footer0.parquet');
  writeFileSync(zeroPath, zero);
  const err = (await readAll(zeroPath)).error ?? '';
  assert.match(err, /not a readable Parquet file: the footer's length is 0/);
  assert.doesNotMatch(err, /Cannot read properties/);
});

test('Inspect .eval cut short (by 1 byte, or mid-entry): the entries before the cut are read from their local headers, with a note', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-evalcut-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const sample = (id: number) =>
    JSON.stringify({
      id,
      epoch: 1,
      input: `What is ${id} + ${id}?`,
      target: String(2 * id),
      output: { choices: [{ message: { role: 'assistant', content: `\\boxed{${2 * id}}` }, stop_reason: 'stop' }] },
      scores: { s: { value: 'C' } },
    });
  const ids = [1, 2, 3, 4, 5, 6];
  const zip = zipBuffer([
    { name: 'header.json', data: JSON.stringify({ eval: { task: 'add', model: 'm' } }) },
    ...ids.map((id) => ({ name: `samples/${id}_epoch_1.json`, data: sample(id) })),
  ]);
  const oneByte = join(dir, 'one-byte.eval');
  writeFileSync(oneByte, zip.subarray(0, zip.length - 1));
  const r = await readAll(oneByte);
  assert.equal(r.error, undefined);
  assert.deepEqual(
    r.ids,
    ids.map((id) => `${id}_epoch_1`),
  );
  assert.match(
    r.diagnostics.map((d) => d.message).join('\n'),
    /no end-of-central-directory record; 7 entries read from their local headers instead; the log is cut or damaged/,
  );
  // Cut inside sample 5's data: samples 1-4 load, sample 5 is reported as cut, sample 6 is gone.
  const mid = join(dir, 'mid.eval');
  writeFileSync(mid, zip.subarray(0, zipEntryDataOffset(zip, 'samples/5_epoch_1.json') + 10));
  const m = await readAll(mid);
  assert.equal(m.error, undefined);
  assert.deepEqual(m.ids, ['1_epoch_1', '2_epoch_1', '3_epoch_1', '4_epoch_1']);
  assert.ok(m.diagnostics.some((d) => /^entry samples\/5_epoch_1\.json: entry data runs past the end of the archive/.test(d.message)));
});
