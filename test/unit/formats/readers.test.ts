// Every fixture under test/fixtures/formats (scripts/make-format-fixtures.ts) read by the engine:
// the records each format gives, the mapping detected for it, the source verdicts and truncation
// kept, and one precise diagnostic for each awkward case while the other rows still load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResolvedSource } from '../../../server/src/trace/formats/source.js';
import { jsonlRecordToTrace, type JsonlRecord } from '../../../server/src/trace/jsonl.js';
import { cutOffReason } from '../../../server/src/trace/segment.js';
import { peekMapping, streamJsonlRecords, streamTraceFile } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic } from '../../../server/src/trace/types.js';

const F = 'test/fixtures/formats';

async function read(
  file: string,
  source?: { format?: 'openr1' | 'chat' | 'lm-eval' | 'inspect' | 'openai'; map?: string },
): Promise<{ records: JsonlRecord[]; diagnostics: TraceDiagnostic[]; mapping?: ResolvedSource }> {
  const records: JsonlRecord[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  let mapping: ResolvedSource | undefined;
  for await (const r of streamJsonlRecords(file, {
    source,
    onDiagnostic: (d) => diagnostics.push(d),
    onMapping: (m) => {
      assert.equal(mapping, undefined, 'the mapping is reported once');
      mapping = m;
    },
  }))
    records.push(r);
  return { records, diagnostics, mapping };
}
const summary = (r: JsonlRecord): string[] => [
  String(r.id),
  r.headers.answer as string,
  String(r.headers.source_verdict),
  String(r.headers.truncated),
];
const codes = (ds: TraceDiagnostic[]): string[] => ds.map((d) => `${d.line + 1}:${d.severity}:${d.code}`);

test('OpenR1 Parquet: one record per generation; empty generations, null verdicts, finish_reason length, unclosed <think>', async () => {
  const { records, diagnostics, mapping } = await read(`${F}/openr1/train-00000-of-00001.parquet`);
  assert.equal(
    mapping?.description,
    'openr1 (parquet): prompt <- problem, response <- generations[i], answer <- answer, source verdict <- correctness_math_verify[i], truncated <- finish_reasons[i] == "length", id <- uuid, model <- file name "train-00000-of-00001"',
  );
  assert.deepEqual(records.map(summary), [
    ['a1.1', '156', 'true', 'false'],
    ['a1.2', '156', 'true', 'false'],
    ['a2.1', '\\frac{\\sqrt{2}}{2}', 'true', 'false'],
    ['a2.2', '\\frac{\\sqrt{2}}{2}', 'true', 'false'],
    ['a4', '15', 'none', 'false'],
    ['a5.1', '9801', 'false', 'true'],
    ['a5.2', '9801', 'none', 'false'],
    // Its <think> never closes: said, with the reason; calibrate reads the block itself (no truncated: true written, stop 38).
    ['a6.1', '6', 'false', 'undefined'],
  ]);
  assert.deepEqual(codes(diagnostics), ['3:error:no-response', '6:warning:unclosed-think', '6:error:empty-response']);
  assert.match(diagnostics[1].message, /generations\[0\]: its thinking block \(<think>\) is never closed: read as cut off/);
  assert.equal(cutOffReason(jsonlRecordToTrace(records[7], 0, 0)), 'its thinking block (<think>) is never closed');
  assert.match(diagnostics[0].message, /^row 3: no response: generations is an empty list$/);
  assert.equal(records[0].headers.query, 'What is 12 * 13?');
  assert.equal(records[5].headers.finish_reason, 'length');
  assert.equal(records[0].headers.problem_type, 'Algebra', 'short scalar columns ride along');
  assert.equal(records[0].headers.messages, undefined, 'list columns do not');
});

test('chat JSONL: the last assistant turn, <think> kept, unclosed <think> read as cut off, broken lines reported', async () => {
  const { records, diagnostics, mapping } = await read(`${F}/chat/mixture-of-thoughts.jsonl`);
  assert.match(
    mapping!.description,
    /^chat \(jsonl\): prompt <- messages\[role=user\]\[0\]\.content, response <- messages\[role=assistant\]\[-1\]\.content, answer <- answer/,
  );
  assert.deepEqual(
    records.map((r) => [r.id, r.headers.truncated]),
    [
      ['1', undefined],
      ['2', undefined],
      ['3', undefined],
    ],
  );
  assert.match(records[1].body, /I was wrong: \$\\boxed\{42\}\$/, 'the last of several assistant turns');
  assert.equal(records[1].headers.query, 'What is 15 + 27?', 'the first user turn');
  assert.deepEqual(codes(diagnostics), ['3:warning:unclosed-think', '4:error:bad-json', '5:error:no-response']);
  // One record per assistant turn, when asked.
  const turns = await read(`${F}/chat/mixture-of-thoughts.jsonl`, { map: 'response=messages[role=assistant][i].content' });
  assert.deepEqual(
    turns.records.map((r) => r.id),
    ['1', '2.1', '2.2', '3'],
  );
});

test('chat as a JSON document (ShareGPT human/gpt) and as Parquet (a LIST of structs)', async () => {
  const doc = await read(`${F}/chat/sharegpt.json`);
  assert.equal(doc.mapping?.container, 'json');
  assert.match(doc.mapping!.description, /response <- conversations\[from=gpt\]\[-1\]\.value/);
  assert.deepEqual(
    doc.records.map((r) => [r.id, r.headers.answer, r.sourceLine]),
    [
      ['s1', '121', 1],
      ['s2', '56', 15],
    ],
  );
  const pq = await read(`${F}/chat/openthoughts.parquet`);
  assert.match(
    pq.mapping!.description,
    /^chat \(parquet\): prompt <- conversations\[from=user\]\[0\]\.value, response <- conversations\[from=assistant\]\[-1\]\.value/,
  );
  assert.deepEqual(
    pq.records.map((r) => [r.id, r.headers.answer, r.headers.system]),
    [
      ['1', '42', 'Think step by step.'],
      ['2', '100', 'Think step by step.'],
    ],
  );
  assert.deepEqual(pq.diagnostics, []);
});

test('lm-eval samples: one filter read, the metric as verdict, model and task from folder and file name', async () => {
  const { records, diagnostics, mapping } = await read(`${F}/lm-eval/Qwen__Qwen2.5-Math-7B/samples_gsm8k_2025-01-15T10-20-30.123456.jsonl`);
  assert.match(
    mapping!.description,
    /source verdict <- exact_match, id <- doc_id, only rows where filter == "strict-match", model <- folder name "Qwen__Qwen2.5-Math-7B", task <- file name "gsm8k"; the harness writes each sample once per filter/,
  );
  assert.deepEqual(
    records.map((r) => [r.id, r.headers.answer, r.headers.source_verdict, r.headers.model, r.headers.task]),
    [
      ['0', '72', 'true', 'Qwen__Qwen2.5-Math-7B', 'gsm8k'],
      ['1', '10', 'false', 'Qwen__Qwen2.5-Math-7B', 'gsm8k'],
    ],
  );
  assert.deepEqual(codes(diagnostics), ['3:error:bad-response', '4:error:bad-json']);
  assert.match(diagnostics[0].message, /resps\[0\]\[0\] is a list, not text/);
  const other = await read(`${F}/lm-eval/Qwen__Qwen2.5-Math-7B/samples_gsm8k_2025-01-15T10-20-30.123456.jsonl`, {
    map: 'where=filter == "flexible-extract"',
  });
  assert.deepEqual(
    other.records.map((r) => [r.id, r.headers.source_verdict]),
    [
      ['0', 'true'],
      ['1', 'true'],
    ],
  );
});

test('lm-eval details Parquet: resps as a LIST of LISTs, a majority metric kept only for a single response', async () => {
  const { records, diagnostics } = await read(`${F}/lm-eval/details_gsm8k.parquet`);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    records.map((r) => [r.id, r.headers.source_verdict]),
    [
      ['0.1', 'none'],
      ['0.2', 'none'],
      ['1', 'true'],
    ],
  );
  assert.match(records[1].body, /96/);
});

test('Inspect .eval: entries read one by one in id/epoch order, one corrupt entry reported, the others loaded', async () => {
  const { records, diagnostics, mapping } = await read(`${F}/inspect/gsm8k.eval`);
  assert.match(
    mapping!.description,
    /^inspect \(eval\): prompt <- input, response <- output\.choices\[i\]\.message\.content, answer <- target, source verdict <- scores\.match\.value/,
  );
  assert.deepEqual(
    records.map((r) => [r.id, r.headers.group, r.headers.source_verdict, r.headers.truncated, r.headers.model, r.headers.task]),
    [
      ['1_epoch_1', '1', 'true', 'false', 'openai/gpt-4o-mini', 'gsm8k'],
      ['1_epoch_2', '1', 'false', 'false', 'openai/gpt-4o-mini', 'gsm8k'],
      ['2_epoch_1', '2', 'true', 'false', 'openai/gpt-4o-mini', 'gsm8k'],
      ['2_epoch_2', '2', 'false', 'true', 'openai/gpt-4o-mini', 'gsm8k'],
      ['10_epoch_1', '10', 'true', 'false', 'openai/gpt-4o-mini', 'gsm8k'],
    ],
  );
  assert.deepEqual(codes(diagnostics), ['5:error:bad-entry']);
  assert.match(diagnostics[0].message, /^entry samples\/3_epoch_1\.json: .*; the other samples are read$/);
  assert.match(records[0].body, /^<think>\n6 \* 7 = 42\./, 'reasoning content parts become a <think> block');
  assert.match(records[2].body, /9 \* 9 = 81, so the answer/, 'attachments are resolved');
  assert.equal(records[2].headers.query, 'What is 9 * 9?', 'the user turn of a message list');
});

test('Inspect .json log: samples streamed from the document with the eval spec, a broken element reported by line', async () => {
  const { records, diagnostics, mapping } = await read(`${F}/inspect/gsm8k.json`);
  assert.equal(mapping?.container, 'json');
  assert.deepEqual(
    records.map((r) => [r.id, r.headers.model]),
    [
      ['1_epoch_1', 'openai/gpt-4o-mini'],
      ['1_epoch_2', 'openai/gpt-4o-mini'],
      ['2_epoch_1', 'openai/gpt-4o-mini'],
      ['2_epoch_2', 'openai/gpt-4o-mini'],
    ],
  );
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'bad-json');
  assert.match(diagnostics[0].message, /^element 5 \(line \d+\) is not valid JSON/);
});

test('OpenAI completions: reasoning_content as <think>, n choices, content null when cut off, a failed batch request', async () => {
  const vllm = await read(`${F}/openai/vllm-dump.jsonl`);
  assert.match(
    vllm.mapping!.description,
    /^openai \(jsonl\): prompt <- messages, response <- choices\[i\]\.message\.content, reasoning <- choices\[i\]\.message\.reasoning_content/,
  );
  assert.deepEqual(
    vllm.records.map((r) => [r.id, r.headers.truncated, r.headers.answer]),
    [
      ['chatcmpl-1.1', 'false', '60'],
      ['chatcmpl-1.2', 'false', '60'],
      ['chatcmpl-2', 'true', '5535'],
    ],
  );
  assert.match(vllm.records[0].body, /^<think>\n15 \* 4 = 60\.\nWait, 4 \* 15 = 60\. Yes\.\n<\/think>\n\nThe answer is/);
  assert.ok(!vllm.records[2].body.includes('</think>'), 'cut off while reasoning: the block stays open');
  const batch = await read(`${F}/openai/batch-output.jsonl`);
  assert.deepEqual(
    batch.records.map((r) => [r.id, r.headers.model]),
    [['q-1', 'gpt-4o-mini']],
  );
  assert.deepEqual(codes(batch.diagnostics), ['2:error:no-response']);
  assert.match(batch.diagnostics[0].message, /the row's error: The server had an error/);
});

test('streamTraceFile reads every format (what segment, calibrate and attribution use); peekMapping stops at the first row', async () => {
  for (const file of [
    'openr1/train-00000-of-00001.parquet',
    'chat/mixture-of-thoughts.jsonl',
    'chat/sharegpt.json',
    'inspect/gsm8k.eval',
    'openai/vllm-dump.jsonl',
  ]) {
    const ids: string[] = [];
    for await (const rec of streamTraceFile(`${F}/${file}`, { onDiagnostic: () => undefined })) {
      assert.deepEqual(
        rec.diagnostics.filter((d) => d.severity === 'error'),
        [],
        `${file} ${rec.id}`,
      );
      ids.push(rec.id);
    }
    assert.ok(ids.length >= 2, file);
    assert.ok((await peekMapping(`${F}/${file}`))?.description, file);
  }
  assert.equal(await peekMapping('examples/grpo.trace'), undefined);
});

test('a preset forced with --format reads a file detection would not', async () => {
  const { records, mapping } = await read(`${F}/openr1/train-00000-of-00001.parquet`, {
    format: 'openr1',
    map: 'verdict=correctness_llama[i]',
  });
  assert.match(mapping!.description, /source verdict <- correctness_llama\[i\]/);
  assert.ok(
    records.every((r) => r.headers.source_verdict === 'none'),
    'correctness_llama is null in these rows',
  );
});
