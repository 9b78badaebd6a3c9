// What an outsider found importing real evaluation outputs (stop 38, importfix38), through the CLI
// as users run it (dist/cli.js in a child). Inputs are written here, or are a few lines of the
// outsider's files (named where they are).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { dir, write: writeFlat } = scratchDir('rl-import38-');
/** A file in the scratch folder, its folders made (the layouts' tests name nested paths). */
const write = (name: string, data: string): string => {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  return writeFlat(name, data);
};

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

interface CalibrateJson {
  groups: { model: string; task: string; n: number }[];
  skipped: { reason: string; line?: number }[];
  warnings?: { counts: Record<string, number>; listed: { file: string; line: number; column: number; code: string; message: string }[] };
}
const calibrateJson = (args: string[]): CalibrateJson => {
  const c = runCli(['calibrate', '--json', ...args]);
  assertNoStack(c, 'calibrate');
  assert.equal(c.status, 0, c.stderr);
  return JSON.parse(c.stdout) as CalibrateJson;
};
const groupsOf = (j: CalibrateJson): string[] => j.groups.map((g) => `${g.model}|${g.task}|${g.n}`).sort();

/** An evalscope review row (reviews/<model>/<dataset>.jsonl): index, target, messages (the outsider's data/evalscope, shortened). */
const reviewRow = (index: number, answer: string, said: string): string =>
  JSON.stringify({
    index,
    target: answer,
    messages: [
      { role: 'user', content: `What is ${answer} + 0?` },
      { role: 'assistant', content: `${answer} + 0 = ${said}.\n\nANSWER: ${said}` },
    ],
  });

test("evalscope's and OpenCompass's predictions/<model>/<dataset> layouts take the model from the folder, the task from the file name (item 3)", () => {
  const a = write('es/run1/reviews/qwen-plus/gsm8k_main.jsonl', `${reviewRow(1, '3', '3')}\n${reviewRow(2, '7', '7')}\n`);
  const b = write('es/run1/reviews/qwen3-max/gsm8k_main.jsonl', `${reviewRow(1, '3', '3')}\n${reviewRow(2, '7', '8')}\n`);
  const c = runCli(['calibrate', a, b]);
  assert.match(
    c.stderr,
    /model <- folder name "qwen-plus" \(reviews\/<model>\/<benchmark>: evalscope, OpenCompass\), task <- file name "gsm8k_main"/,
  );
  // One row per model (it was one row, model "gsm8k_main", n 4).
  assert.deepEqual(groupsOf(calibrateJson([a, b])), ['qwen-plus|gsm8k_main|2', 'qwen3-max|gsm8k_main|2']);
  // llama-stack-evals: <model>/<YYYYMMDD-HHMM-run>/<benchmark>.json; a generic file name (results.jsonl): its folder.
  const rows = (said: string): string => JSON.stringify([{ question: 'What is 3 + 0?', response: `So it is ${said}.`, answer: '3' }]);
  const l1 = write('Llama-A/20250519-0335-llama-a/gpqa.json', rows('3'));
  const l2 = write('Llama-B/20250519-0400-llama-b/gpqa.json', rows('4'));
  assert.deepEqual(groupsOf(calibrateJson([l1, l2])), ['Llama-A|gpqa|1', 'Llama-B|gpqa|1']);
  const flat = (said: string): string => `${JSON.stringify({ question: 'What is 3 + 0?', response: `So it is ${said}.`, answer: '3' })}\n`;
  const r1 = write('run-a/results.jsonl', flat('3'));
  const r2 = write('run-b/results.jsonl', flat('4'));
  assert.deepEqual(groupsOf(calibrateJson([r1, r2])), ['run-a||1', 'run-b||1']);
});

test('two folders whose files give one model name: a pooled-model warning naming both; --map model=@folder / @path[N] reads the path (item 3)', () => {
  const flat = (said: string): string => `${JSON.stringify({ question: 'What is 3 + 0?', response: `So it is ${said}.`, answer: '3' })}\n`;
  const a = write('m1/gsm8k.jsonl', flat('3'));
  const b = write('m2/gsm8k.jsonl', flat('4'));
  const pooled = calibrateJson([a, b]);
  assert.deepEqual(groupsOf(pooled), ['gsm8k||2']);
  const w = pooled.warnings!.listed.filter((x) => x.code === 'pooled-model');
  assert.equal(w.length, 1);
  assert.equal(w[0].file, b);
  assert.ok(w[0].message.includes(a) && w[0].message.includes(b), w[0].message);
  assert.match(w[0].message, /pooled into one row; name the model with --map model=@folder/);
  const c = runCli(['calibrate', a, b]);
  assert.match(c.stderr, /gsm8k\.jsonl:1:1: warning: model "gsm8k" comes from the file name of both .*\[pooled-model\]/);
  // The folder as the model, the file as the task.
  const mapped = calibrateJson([a, b, '--map', 'model=@folder,task=@file']);
  assert.deepEqual(groupsOf(mapped), ['m1|gsm8k|1', 'm2|gsm8k|1']);
  assert.equal(mapped.warnings?.counts['pooled-model'], undefined);
  const deep = calibrateJson([a, b, '--map', 'model=@path[-2]']);
  assert.deepEqual(groupsOf(deep), ['m1||1', 'm2||1']);
  // .trace files without a model header take their file name, whatever the folder (results.trace is "results").
  const t1 = write('t1/results.trace', '=== 1\nanswer: 3\n---\nSo it is 3.\n');
  const t2 = write('t2/results.trace', '=== 1\nanswer: 3\n---\nSo it is 4.\n');
  const traces = calibrateJson([t1, t2]);
  assert.deepEqual(groupsOf(traces), ['results||2']);
  assert.equal(traces.warnings?.counts['pooled-model'], 1);
  // A bad @ path is a usage error that says what is expected.
  const bad = runCli(['calibrate', a, '--map', 'model=@dir']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /"@dir": expected @file .*@folder .*@path\[N\]/);
});

/** An evalscope prediction row (its prediction cache: model_output with stop_reason and usage), with the target added. */
const predictionRow = (index: number, stop: string, tokens: number): string =>
  JSON.stringify({
    index,
    model: 'qwen-plus',
    model_output: {
      model: 'qwen-plus',
      choices: [{ message: { role: 'assistant', content: 'So 3 + 0 = 3.\n\nANSWER: 3' }, stop_reason: stop }],
      usage: { input_tokens: 20, output_tokens: tokens, total_tokens: 20 + tokens },
    },
    messages: [
      { role: 'user', content: 'What is 3 + 0?' },
      { role: 'assistant', content: 'So 3 + 0 = 3.\n\nANSWER: 3' },
    ],
    target: '3',
  });

test("evalscope predictions: model_output.choices[0].stop_reason max_tokens / length is cut off, usage.output_tokens is the response's tokens (item 4)", () => {
  const f = write(
    'es_pred.jsonl',
    [predictionRow(1, 'max_tokens', 102), predictionRow(2, 'length', 116), predictionRow(3, 'stop', 120)].join('\n') + '\n',
  );
  const c = runCli(['calibrate', f]);
  assert.match(
    c.stderr,
    /truncated <- model_output\.choices\[0\]\.stop_reason == "max_tokens" \| "model_length" \| "length", tokens <- model_output\.usage\.output_tokens, id <- index/,
  );
  const j = calibrateJson([f]);
  assert.deepEqual(groupsOf(j), ['qwen-plus||1']);
  assert.match(j.skipped[0].reason, /^2 records cut off at the generation limit/);
  assert.equal(calibrateJson([f, '--include-truncated']).groups[0].n, 3);
  const out = f.replace(/\.jsonl$/, '.trace');
  assert.equal(runCli(['import', f, '-o', out]).status, 0);
  const trace = readFileSync(out, 'utf8');
  assert.match(trace, /=== 1\n(?:.*\n)*?truncated: true\nfinish_reason: max_tokens\ntokens: 102\n/);
  assert.match(trace, /=== 3\n(?:.*\n)*?truncated: false\nfinish_reason: stop\ntokens: 120\n/);
  // A row that says it stopped but counts more tokens than the analysis's limit (--max-tokens, the
  // paper's 8,192) is cut off too: the limit is the analysis's, not the source's (README).
  const g = write('es_pred_long.jsonl', [predictionRow(1, 'stop', 120), predictionRow(2, 'stop', 99999)].join('\n') + '\n');
  const k = calibrateJson([g]);
  assert.equal(k.groups[0].n, 1);
  assert.match(k.skipped[0].reason, /^1 record cut off at the generation limit/);
  assert.equal(calibrateJson([g, '--max-tokens', '100000']).groups[0].n, 2);
});

test('Inspect\'s stop_reason "length" is cut off: no truncated: false beside finish_reason: length (items 4, 8)', () => {
  // After inspect_ai's tests/log/test_eval_log/log_length_stop_reason.txt (shortened).
  const log = {
    version: 2,
    status: 'success',
    eval: { task: 'hello_world', model: 'anthropic/claude-3-5-sonnet-20240620' },
    samples: [
      {
        id: 1,
        epoch: 1,
        input: 'Just reply with Hello World',
        target: 'Hello World',
        output: { choices: [{ message: { role: 'assistant', content: 'Hello' }, stop_reason: 'length' }] },
        scores: { exact: { value: 'I' } },
      },
    ],
  };
  const f = write('log_length.json', JSON.stringify(log, null, 2));
  const out = write('log_length.trace', '');
  const imp = runCli(['import', f, '-o', out]);
  assert.equal(imp.status, 0, imp.stderr);
  const trace = readFileSync(out, 'utf8');
  assert.match(trace, /^truncated: true\nfinish_reason: length$/m);
  assert.doesNotMatch(trace, /truncated: false/);
});

test('wrong-type fields in mapped rows are warnings at their line and column, not dropped silently (item 5)', () => {
  const chat = (id: number, target: unknown): string =>
    JSON.stringify({
      id,
      messages: [
        { role: 'user', content: 'Pick one: A or B?' },
        { role: 'assistant', content: 'The answer is A.' },
      ],
      target,
    });
  // es_wrongtype.jsonl line 6's target {"value": "460"}; mp_wrongtype.json's answer ["A", "B"] (it became A).
  const f = write('wrongtype.jsonl', [chat(1, 'A'), chat(2, { value: 'A' }), chat(3, ['A', 'B']), chat(4, ['A', 'A'])].join('\n') + '\n');
  const s = runCli(['segment', '--json', f]);
  assertNoStack(s, 'segment');
  const col = (line: number): number => readFileSync(f, 'utf8').split('\n')[line - 1].indexOf('"target"') + 10;
  assert.match(
    s.stderr,
    new RegExp(
      `wrongtype\\.jsonl:2:${col(2)}: warning: answer <- target is an object: expected a string or number; the record is read without this ground truth .*\\[bad-answer\\]`,
    ),
  );
  assert.match(
    s.stderr,
    new RegExp(
      `wrongtype\\.jsonl:3:${col(3)}: warning: answer <- target is an array of 2 values: expected a string or number.*\\[bad-answer\\]`,
    ),
  );
  const rows = JSON.parse(s.stdout) as SegmentRow[];
  // Records 2 and 3 have no ground truth (record 3's was "A"); a list repeating one value is that value.
  const none = rows[1].answer;
  assert.notEqual(none, 'A');
  assert.deepEqual(
    rows.map((r) => r.answer),
    ['A', none, none, 'A'],
  );
  // Options that are no list; a prompt that is no text (an object without text, numbers).
  const g = write(
    'flat.jsonl',
    [
      { id: 1, question: 'Pick one.', options: ['x', 'y'], out: 'The answer is A.', answer: 'A' },
      { id: 2, question: 'Pick one.', options: 'not a list', out: 'The answer is A.', answer: 'A' },
      { id: 3, question: { n: 5 }, options: ['x', 'y'], out: 'The answer is A.', answer: 'A' },
      { id: 4, question: [1, 2], out: 'The answer is A.', answer: 'A' },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n') + '\n',
  );
  const t = runCli(['segment', g, '--map', 'response=out,prompt=question + options']);
  assert.match(
    t.stderr,
    /flat\.jsonl:2:\d+: warning: options <- options is a string \("not a list"; one text is not split into options\): expected a list of 2 to 26 strings .*; the query is read without them \[bad-options\]/,
  );
  assert.match(
    t.stderr,
    /flat\.jsonl:3:\d+: warning: prompt <- question is an object: expected text .*; the record is read without a query \[bad-prompt\]/,
  );
  assert.match(t.stderr, /flat\.jsonl:4:\d+: warning: prompt <- question is an array of 2 values: expected text/);
});

test("a prompt of OpenCompass's [{role: HUMAN, prompt}] turns is the user turns' text (item 5)", () => {
  // work/oc_listprompt.json's shape: OpenCompass predictions keyed by id, origin_prompt as turns.
  const f = write(
    'oc.json',
    JSON.stringify(
      {
        '0': { origin_prompt: [{ role: 'HUMAN', prompt: 'What is 2+3?' }], prediction: 'The answer is 5.', gold: '5' },
        '1': {
          origin_prompt: [
            { role: 'SYSTEM', prompt: 'Be brief.' },
            { role: 'HUMAN', prompt: 'What is 2+4?' },
          ],
          prediction: '6',
          gold: '6',
        },
      },
      null,
      2,
    ),
  );
  const out = write('oc.trace', '');
  const imp = runCli(['import', f, '-o', out, '--map', 'prompt=origin_prompt,answer=gold']);
  assert.equal(imp.status, 0, imp.stderr);
  assert.doesNotMatch(imp.stderr, /bad-prompt/);
  const trace = readFileSync(out, 'utf8');
  assert.match(trace, /^query: What is 2\+3\?$/m);
  assert.match(trace, /^query: What is 2\+4\?$/m);
});

test('list[role=X].field reads the first element with that role, as the help lists it (item 6)', () => {
  // repro_role_filter.jsonl
  const f = write(
    'role.jsonl',
    [
      { id: 1, turns: [{ role: 'user', prompt: 'What is 2+3?' }], response: 'The answer is 5.', answer: '5' },
      {
        id: 2,
        turns: [
          { role: 'system', prompt: 'Be brief.' },
          { role: 'user', prompt: 'What is 2+4?' },
          { role: 'user', prompt: 'Again?' },
        ],
        response: 'The answer is 6.',
        answer: '6',
      },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n') + '\n',
  );
  const out = write('role.trace', '');
  const imp = runCli(['import', f, '-o', out, '--map', 'prompt=turns[role=user].prompt']);
  assert.equal(imp.status, 0, imp.stderr);
  assert.doesNotMatch(imp.stderr, /unmatched-path/);
  const queries = readFileSync(out, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('query: '));
  assert.deepEqual(queries, ['query: What is 2+3?', 'query: What is 2+4?']);
  const help = runCli(['import', '--help']);
  assert.match(help.stdout, /list\[role=user\]\.text: the first such element's text/);
});

test('NaN / Infinity (Python json.dump) in a field that is not the response: the record is read, a warning at the value (item 7)', () => {
  // repro_nan.jsonl
  const lines = [
    '{"id":1,"question":"2+3?","response":"The answer is 5.","answer":"5","score":1.0}',
    '{"id":2,"question":"2+3?","response":"The answer is 5.","answer":"5","score":NaN}',
    '{"id":3,"question":"2+3?","response":"The answer is 5.","answer":"5","score":-Infinity, "note": "NaN stays text"}',
  ];
  const f = write('nan.jsonl', lines.join('\n') + '\n');
  const s = runCli(['segment', '--json', f]);
  assertNoStack(s, 'segment');
  assert.equal((JSON.parse(s.stdout) as SegmentRow[]).length, 3);
  assert.match(
    s.stderr,
    new RegExp(
      `nan\\.jsonl:2:${lines[1].indexOf('NaN') + 1}: warning: NaN is not JSON .*read as missing \\(null\\).*\\[non-finite-number\\]`,
    ),
  );
  assert.match(s.stderr, new RegExp(`nan\\.jsonl:3:${lines[2].indexOf('-Infinity') + 1}: warning: -Infinity is not JSON`));
  assert.doesNotMatch(s.stderr, /bad-json/);
  // In a chat row (mapped), a JSON list's element, and a sample-less Inspect log (its position was 1:1).
  const chat = '{"messages":[{"role":"user","content":"2+3?"},{"role":"assistant","content":"The answer is 5."}],"answer":"5","score":NaN}';
  const c = runCli(['segment', '--json', write('nanchat.jsonl', chat + '\n')]);
  assert.equal((JSON.parse(c.stdout) as SegmentRow[]).length, 1, c.stderr);
  assert.match(c.stderr, new RegExp(`nanchat\\.jsonl:1:${chat.indexOf('NaN') + 1}: warning: NaN is not JSON`));
  const doc =
    '[\n  {"question": "2+3?", "response": "The answer is 5.", "answer": "5"},\n  {"question": "2+3?", "response": "The answer is 5.",\n   "answer": "5", "score": NaN}\n]\n';
  const d = runCli(['segment', '--json', write('nandoc.json', doc)]);
  assert.equal((JSON.parse(d.stdout) as SegmentRow[]).length, 2, d.stderr);
  assert.match(d.stderr, /nandoc\.json:4:28: warning: element 2: NaN is not JSON/);
  const log =
    '{\n  "version": 2,\n  "status": "success",\n  "eval": {"task": "t", "model": "m"},\n  "results": {\n    "scores": [{"value": NaN}]\n  }\n}\n';
  const l = runCli(['import', write('nolog.json', log), '-o', write('nolog.trace', '')]);
  assertNoStack(l, 'import');
  assert.match(l.stderr, /nolog\.json:6:26: warning: NaN is not JSON/);
  assert.match(l.stderr, /nolog\.json:1:1: error: an Inspect log without "samples" .*\[no-samples\]/);
});

test('a Parquet refusal counts rows, and a value of Parquet INT64 is "an integer" (item 8)', () => {
  const pq = 'test/fixtures/formats/openr1/train-00000-of-00001.parquet';
  const r = runCli(['import', pq, '-o', write('pq.trace', ''), '--map', 'response=nothere[i]']);
  assertNoStack(r, 'import');
  assert.match(r.stderr, /no record could be read from .*\(7 rows reported\)/);
  assert.doesNotMatch(r.stderr, /lines? reported/);
  // A number where text is expected (mp_wrongtype.json's generated_text: it said "is number"; Parquet's INT64 "is bigint").
  const j = write(
    'num.json',
    JSON.stringify(
      [
        { question: 'q', generated_text: 'The answer is 5.' },
        { question: 'q', generated_text: 5 },
      ],
      null,
      2,
    ),
  );
  const n = runCli(['segment', j, '--map', 'response=generated_text']);
  assert.match(n.stderr, /element 2: generated_text is an integer, not text/);
});

test("the importers' unclosed-thinking warning is calibrate's rule: every thinking tag, a known finish reason ends it, no truncated: true written (lead)", () => {
  const rows = [
    { id: 'a', question: 'What is 2+3?', response: '<|begin_of_thought|>\nSo 2+3 is 5, let me check', answer: '5' },
    { id: 'b', question: 'What is 2+3?', response: '<think>\nSo 2+3 is 5, let me check', answer: '5', finish_reason: 'stop' },
    { id: 'c', question: 'What is 2+3?', response: '<think>\nSo 2+3 = 5.\n</think>\nThe answer is 5.', answer: '5' },
  ];
  const f = write('think.jsonl', rows.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const out = write('think.trace', '');
  const imp = runCli(['import', f, '-o', out]);
  assert.equal(imp.status, 0, imp.stderr);
  const warned = imp.stderr.split('\n').filter((l) => l.includes('[unclosed-think]'));
  assert.equal(warned.length, 1, imp.stderr);
  assert.match(
    warned[0],
    /think\.jsonl:1:\d+: warning: Response of field "response": its thinking block \(<\|begin_of_thought\|>\) is never closed: read as cut off/,
  );
  assert.doesNotMatch(readFileSync(out, 'utf8'), /truncated: true/);
  // calibrate leaves out a (cut off, with the thinking block as the reason), counts b and c, from the JSONL and the .trace alike.
  for (const input of [f, out]) {
    const j = calibrateJson([input]);
    assert.equal(j.groups[0].n, 2, input);
    assert.match(j.skipped[0].reason, /^1 record cut off at the generation limit/);
  }
});
