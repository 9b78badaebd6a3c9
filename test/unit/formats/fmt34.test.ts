// Real evaluation outputs of producers an outside tester imported (fmt34; the fixtures are cut
// from the producers' files, SOURCES.md in each folder): BIG-Bench-Hard's {canary, outputs: [...]}
// read with [i] in every path, MathVista's multiple-choice references written as an option's
// content, MathVista's object keyed by pid, Reflexion's `solution`, a --map path that matches
// nothing, the diagnostics of a file-wide problem, the fields AlpacaEval, BBH and PAL name their
// prompt, reference and response, and the ids of a pretty-printed JSON list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonlRecordToTrace } from '../../../server/src/trace/jsonl.js';
import { jsonDocumentElements, type JsonDocumentScan } from '../../../server/src/trace/formats/jsonDocument.js';
import { parseMapOverrides } from '../../../server/src/trace/formats/mapping.js';
import type { SourceOptions } from '../../../server/src/trace/formats/source.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { streamTraceFile } from '../../../server/src/trace/stream.js';
import type { TraceDiagnostic, TraceRecord } from '../../../server/src/trace/types.js';

const F = 'test/fixtures/formats';
const RULES = { ...defaultSegmentOptions, reader: 'rules' as const };

async function read(file: string, source?: SourceOptions): Promise<{ recs: TraceRecord[]; diagnostics: TraceDiagnostic[] }> {
  const recs: TraceRecord[] = [];
  const diagnostics: TraceDiagnostic[] = [];
  for await (const rec of streamTraceFile(file, { source, onDiagnostic: (d) => diagnostics.push(d) })) recs.push(rec);
  return { recs, diagnostics };
}

function withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'fmt34-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test("F1: BBH {canary, outputs}: [i] in the prompt and answer paths is the response's index, not element 0", async () => {
  const map = 'response=outputs[i].prediction,prompt=outputs[i].input,answer=outputs[i].target';
  const { recs, diagnostics } = await read(`${F}/bbh/multistep_arithmetic_two_outputs_0-5.json`, { map });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    recs.map((r) => r.answer),
    ['24', '63', '-50', '-11520', '58', '-33'],
  );
  // Each record its own question (the few-shot prompt ends with the record's expression).
  assert.equal(new Set(recs.map((r) => r.query)).size, 6);
  assert.ok(recs[1].query?.includes('((-9 * 7 * 7 * -9) + (4 * -9 - 8 - -4)) ='), recs[1].query?.slice(-200));
  assert.deepEqual(
    recs.map((r) => segmentRecord(r, RULES).correct),
    [true, false, false, false, false, true],
  );
  // The group is each record's own question: six problems, not one.
  assert.equal(new Set(recs.map((r) => r.headers.group)).size, 6);
});

test('F1: [i] under a nested list, an id per element, and lists of another length say so once per row', async () => {
  await withTemp(async (dir) => {
    const nested = join(dir, 'nested_i.jsonl');
    writeFileSync(
      nested,
      `${JSON.stringify({
        o: [
          { q: 'What is 1+1?', r: 'The answer is 2.', t: '2', id: 'a' },
          { q: 'What is 2+2?', r: 'The answer is 5.', t: '4', id: 'b' },
        ],
      })}\n`,
    );
    const { recs } = await read(nested, { map: 'response=o[i].r,prompt=o[i].q,answer=o[i].t,id=o[i].id' });
    assert.deepEqual(
      recs.map((r) => [r.id, r.query, r.answer, segmentRecord(r, RULES).correct]),
      [
        ['a', 'What is 1+1?', '2', true],
        ['b', 'What is 2+2?', '4', false],
      ],
    );
    const uneven = join(dir, 'uneven.jsonl');
    writeFileSync(uneven, `${JSON.stringify({ r: ['It is 1.', 'It is 2.'], q: ['x', 'y', 'z'], t: ['1'] })}\n`);
    const { recs: u, diagnostics } = await read(uneven, { map: 'response=r[i],prompt=q[i],answer=t[i]' });
    assert.deepEqual(
      u.map((r) => [r.id, r.query, r.answer]),
      [
        ['1.1', 'x', '1'],
        ['1.2', 'y', undefined],
      ],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.line]),
      [
        ['fanout-length', 'warning', 0],
        ['fanout-length', 'warning', 0],
      ],
    );
    assert.match(diagnostics[0].message, /prompt <- q\[i\]: q has 3 elements but the response's r has 2; .*element 3 of q is not read/);
    assert.match(
      diagnostics[1].message,
      /answer <- t\[i\]: t has 1 element but the response's r has 2; .*record 2 of the row has no answer/,
    );
  });
});

test('F2: MathVista: a reference written as an option\'s content ("145°", "6cm", "8") is that option\'s letter', async () => {
  const keyed = JSON.parse(readFileSync(`${F}/mathvista/output_gpt4_2shot_solution_keyed.json`, 'utf8')) as Record<string, unknown>;
  await withTemp(async (dir) => {
    const file = join(dir, 'mathvista.jsonl');
    writeFileSync(
      file,
      Object.values(keyed)
        .map((v) => `${JSON.stringify(v)}\n`)
        .join(''),
    );
    for (const map of ['verdict=true_false,id=pid', 'verdict=true_false,id=pid,prompt=question + choices']) {
      const { recs } = await read(file, { map });
      const seg = recs.map((r) => segmentRecord(r, RULES));
      assert.deepEqual(
        recs.map((r, k) => [r.id, r.answer, seg[k].correct, r.headers.source_verdict]),
        [
          ['1', '1.2', false, 'false'],
          ['3', '145°', true, 'true'],
          ['6', '6cm', true, 'true'],
          ['9', '8', true, 'true'],
          ['30', '70°', true, 'true'],
        ],
        map,
      );
    }
    // The final of pid 6 is the letter A (the options shown), judged against the reference 6cm.
    const { recs } = await read(file, { map: 'verdict=true_false,id=pid,prompt=question + choices' });
    assert.deepEqual(
      recs.map((r) => segmentRecord(r, RULES).final),
      ['1.3', '145°', 'A', 'D', '70°'],
    );
  });
  // And the other way: a reference letter, a candidate left as the option's content.
  const rec = (answer: string, body: string): TraceRecord =>
    jsonlRecordToTrace(
      { id: 'x', headers: { query: 'Find the angle C.\n\nA) 60°\nB) 70°\nC) 80°\nD) 85°', answer }, body, sourceLine: 0 },
      0,
      0,
    );
  assert.equal(segmentRecord(rec('70°', 'So the answer is B.'), RULES).correct, true);
  assert.equal(segmentRecord(rec('80°', 'So the answer is B.'), RULES).correct, false);
  assert.equal(segmentRecord(rec('B', 'So the answer is B.'), RULES).correct, true);
});

test("F3: an object keyed by id (MathVista's output json) is read member by member, the key as the id", async () => {
  const file = `${F}/mathvista/output_gpt4_2shot_solution_keyed.json`;
  const text = readFileSync(file, 'utf8').split('\n');
  const { recs, diagnostics } = await read(file, { map: 'verdict=true_false,prompt=question + choices' });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    recs.map((r) => [r.id, r.answer, r.headers.source_verdict, segmentRecord(r, RULES).correct]),
    [
      ['1', '1.2', 'false', false],
      ['3', '145°', 'true', true],
      ['6', '6cm', 'true', true],
      ['9', '8', 'true', true],
      ['30', '70°', 'true', true],
    ],
  );
  // Each record points back at its member's line.
  assert.deepEqual(
    recs.map((r) => text[r.sourceLine!].trim()),
    ['"1": {', '"3": {', '"6": {', '"9": {', '"30": {'],
  );
  await withTemp(async (dir) => {
    // A member that is no row is reported, the others are read.
    const mixed = join(dir, 'keyed.json');
    const row = (q: string, a: string): object => ({ question: q, response: `The answer is ${a}.`, answer: a });
    writeFileSync(mixed, JSON.stringify({ a1: row('1+1?', '2'), note: 'x', a2: row('2+2?', '4') }, null, 2));
    const { recs: m, diagnostics: d } = await read(mixed);
    assert.deepEqual(
      m.map((r) => [r.id, r.answer]),
      [
        ['a1', '2'],
        ['a2', '4'],
      ],
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.line, x.message]),
      [['not-an-object', 6, 'member "note" is not a JSON object (a row); the other members are read']],
    );
    // An object whose first member is a field (or whose first member is no row) is one row, as before.
    const one = join(dir, 'one.json');
    writeFileSync(one, JSON.stringify({ metadata: { source: 'x' }, question: '1+1?', output: 'The answer is 2.', answer: '2' }, null, 2));
    const { recs: o } = await read(one);
    assert.deepEqual(
      o.map((r) => [r.query, r.answer, r.body]),
      [['1+1?', '2', 'The answer is 2.']],
    );
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ config: { seed: 1 }, outputs: [{ input: '1+1?', prediction: 'It is 2.', target: '2' }] }, null, 2),
    );
    const { recs: c } = await read(config, { map: 'response=outputs[i].prediction,answer=outputs[i].target' });
    assert.deepEqual(
      c.map((r) => [r.id, r.answer]),
      [['1', '2']],
    );
  });
});

test('F3: the members of a keyed object read the same whatever the chunk boundaries', async () => {
  const file = `${F}/mathvista/output_gpt4_2shot_solution_keyed.json`;
  const members = async (chunkSize: number): Promise<unknown[]> => {
    const out: unknown[] = [];
    const scan: JsonDocumentScan = { shape: 'empty', members: {} };
    for await (const el of jsonDocumentElements(file, scan, { chunkSize, members: true })) out.push([el.key, el.line, el.value]);
    return out;
  };
  const whole = await members(1 << 20);
  assert.equal(whole.length, 5);
  for (const size of [1, 2, 3, 7, 64, 1000]) assert.deepEqual(await members(size), whole, `chunk ${size}`);
});

test("F4: Reflexion --map response=solution: the answer is not taken from the response's own field", async () => {
  const file = `${F}/reflexion/reflexion_humaneval_py_pass_at_1_3lines.jsonl`;
  let described = '';
  const recs: TraceRecord[] = [];
  for await (const r of streamTraceFile(file, {
    source: { map: 'response=solution,verdict=is_solved,id=task_id' },
    onMapping: (m) => (described = m.description),
  }))
    recs.push(r);
  assert.match(described, /response <- solution, source verdict <- is_solved, id <- task_id/);
  assert.doesNotMatch(described, /answer <-/);
  assert.deepEqual(
    recs.map((r) => [r.id, r.answer, r.headers.source_verdict]),
    [
      ['HumanEval/0', undefined, 'true'],
      ['HumanEval/1', undefined, 'true'],
      ['HumanEval/2', undefined, 'true'],
    ],
  );
  // The user's own answer (or prompt) at the response's field is refused, with the reason.
  assert.throws(() => parseMapOverrides('response=solution,answer=solution'), /answer=solution reads the response's field/);
  assert.throws(() => parseMapOverrides('response=code[i],prompt=code'), /prompt=code reads the response's field/);
  // A detected response, the user's answer at its field: each row says why it is not read.
  await withTemp(async (dir) => {
    const flat = join(dir, 'flat.jsonl');
    writeFileSync(flat, `${JSON.stringify({ question: '1+1?', output: 'It is 2.', answer: '2' })}\n`);
    const { recs: none, diagnostics } = await read(flat, { map: 'answer=output' });
    assert.equal(none.length, 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message]),
      [['no-mapping', "--map answer=output reads the response's field output: the answer must be another field"]],
    );
  });
});

test("F5: a --map path that matches nothing in any row (a typo) is a warning naming the path and the row's keys", async () => {
  const file = `${F}/reflexion/reflexion_humaneval_py_pass_at_1_3lines.jsonl`;
  const { recs, diagnostics } = await read(file, { map: 'response=solution,verdict=is_solvd,id=task_id' });
  assert.equal(recs.length, 3);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.line, d.message]),
    [
      [
        'unmatched-path',
        'warning',
        0,
        '--map verdict=is_solvd matches nothing in any row: the row has no "is_solvd" (it has task_id, prompt, entry_point, canonical_solution, test, solution, is_solved, reflections)',
      ],
    ],
  );
  // A path that matches in some row is no warning (here only the third row has "extra"); nor is a detected field.
  await withTemp(async (dir) => {
    const sparse = join(dir, 'sparse.jsonl');
    const rows = [
      { q: '1+1?', r: 'It is 2.' },
      { q: '2+2?', r: 'It is 4.' },
      { q: '3+3?', r: 'It is 6.', extra: 'x' },
    ];
    writeFileSync(sparse, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
    assert.deepEqual((await read(sparse, { map: 'response=r,prompt=q,task=extra' })).diagnostics, []);
    assert.deepEqual(
      (await read(sparse, { map: 'response=r,prompt=q,task=extra.name | extr' })).diagnostics.map((d) => d.message),
      ['--map task=extra.name | extr matches nothing in any row (the first row has q, r)'],
    );
    // In a JSON document too, at its first element.
    const doc = join(dir, 'doc.json');
    writeFileSync(doc, JSON.stringify(rows, null, 2));
    assert.deepEqual(
      (await read(doc, { map: 'response=r,verdict=ok' })).diagnostics.map((d) => [d.line, d.message]),
      [[1, 'element 1: --map verdict=ok matches nothing in any row: the row has no "ok" (it has q, r)']],
    );
  });
});

const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], { encoding: 'utf8' });

test('F6: a problem every row has is listed once with a count; no-response names the keys; import --json carries messages and the mapping', async () => {
  await withTemp(async (dir) => {
    const file = `${F}/reflexion/reflexion_humaneval_py_pass_at_1_3lines.jsonl`;
    const r = cli('import', file, '-o', join(dir, 'r.trace'));
    assert.equal(r.status, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 3, r.stderr);
    assert.match(
      lines[0],
      /_3lines\.jsonl:1:1: error: No response field: .*; the line has task_id, prompt, entry_point, canonical_solution, test, solution, is_solved, reflections; --map response=PATH/,
    );
    assert.match(lines[1], /_3lines\.jsonl: the same \[no-response\] message on 2 more lines \(lines 2, 3\), not listed$/);
    assert.match(lines[2], /no record could be read .* \(3 lines reported\)/);
    // --json: the mapping and the diagnostics' messages, on success and on exit 1.
    const ok = cli('import', file, '-o', join(dir, 'ok.trace'), '--map', 'response=solution,verdict=is_solvd', '--json');
    assert.equal(ok.status, 0, ok.stderr);
    const result = JSON.parse(ok.stdout) as {
      records: number;
      diagnostics: number;
      mapping: { format: string; container: string; description: string };
      messages: { line: number; column: number; severity: string; code: string; message: string }[];
    };
    assert.equal(result.records, 3);
    assert.equal(result.diagnostics, 1);
    assert.deepEqual([result.mapping.format, result.mapping.container], ['fields', 'jsonl']);
    assert.match(result.mapping.description, /response <- solution, source verdict <- is_solvd/);
    assert.deepEqual(
      result.messages.map((m) => [m.line, m.column, m.severity, m.code]),
      [[1, 1, 'warning', 'unmatched-path']],
    );
    const bad = cli('import', file, '-o', join(dir, 'bad.trace'), '--json');
    const failed = JSON.parse(bad.stdout) as { out: null; mapping: null; messages: { code: string; message: string }[] };
    assert.equal(bad.status, 1);
    assert.equal(failed.mapping, null);
    assert.deepEqual(
      failed.messages.map((m) => m.code),
      ['no-response', 'no-response', 'no-response'],
    );
  });
});

test('F7: instruction (AlpacaEval) is the prompt, target (BBH) the reference, prediction (BBH) and generated_answer (PAL) the response, where no better field is there', async () => {
  const alpaca = await read(`${F}/alpaca_eval/model_outputs_0-2.json`);
  assert.deepEqual(alpaca.diagnostics, []);
  assert.deepEqual(
    alpaca.recs.map((r) => [r.query?.slice(0, 40), r.model, r.task]),
    [
      ['What are the names of some famous actors', 'gpt4', 'helpful_base'],
      ['How did US states get their names?', 'gpt4', 'helpful_base'],
      ['Hi, my sister and her girlfriends want m', 'gpt4', 'helpful_base'],
    ],
  );
  const bbh = await read(`${F}/bbh/multistep_arithmetic_two_0-5.jsonl`);
  assert.deepEqual(bbh.diagnostics, []);
  assert.deepEqual(
    bbh.recs.map((r) => [r.answer, segmentRecord(r, RULES).correct]),
    [
      ['24', true],
      ['63', false],
      ['-50', false],
      ['-11520', false],
      ['58', false],
      ['-33', true],
    ],
  );
  assert.ok(bbh.recs.every((r) => r.query?.startsWith('Solve multi-step arithmetic problems.')));
  // (PAL's `question` repeats the file's first question on every line: the file's own content.)
  const pal = await read(`${F}/pal/aqua_pal_outputs_3lines.jsonl`);
  assert.deepEqual(pal.diagnostics, []);
  assert.deepEqual(
    pal.recs.map((r) => [r.answer, r.body.trimStart().slice(0, 16), r.query?.slice(0, 20)]),
    [
      ['(a)', 'def solution():\n', 'Question: How many k'],
      ['(e)', 'def solution():\n', 'Question: How many k'],
      ['(a)', 'def solution():\n', 'Question: How many k'],
    ],
  );
  // A row a preset reads keeps its preset when it also has a `prediction` (an extracted answer).
  await withTemp(async (dir) => {
    const chat = join(dir, 'chat.jsonl');
    const messages = [
      { role: 'user', content: 'What is 1+1?' },
      { role: 'assistant', content: 'It is 2.' },
    ];
    writeFileSync(chat, `${JSON.stringify({ messages, prediction: '2', answer: '2' })}\n`);
    let format = '';
    const recs: TraceRecord[] = [];
    for await (const r of streamTraceFile(chat, { onMapping: (m) => (format = m.format) })) recs.push(r);
    assert.equal(format, 'chat');
    assert.deepEqual(
      recs.map((r) => [r.query, r.body]),
      [['What is 1+1?', 'It is 2.']],
    );
  });
});

test('F8: the rows of a pretty-printed JSON list are numbered by their place in it, not by their line', async () => {
  const file = `${F}/alpaca_eval/model_outputs_0-2.json`;
  let described = '';
  const recs: TraceRecord[] = [];
  for await (const r of streamTraceFile(file, { onMapping: (m) => (described = m.description) })) recs.push(r);
  assert.deepEqual(
    recs.map((r) => [r.id, r.sourceLine]),
    [
      ['1', 1],
      ['2', 7],
      ['3', 13],
    ],
  );
  assert.match(described, /id <- the element's number/);
  // An id field still wins.
  await withTemp(async (dir) => {
    const doc = join(dir, 'ids.json');
    writeFileSync(doc, JSON.stringify([{ id: 'q7', question: '1+1?', output: 'It is 2.' }], null, 2));
    assert.deepEqual(
      (await read(doc)).recs.map((r) => r.id),
      ['q7'],
    );
  });
});
