// The bad-input leftovers of stop 35 (its note, section 7), through the CLI as users run it
// (dist/cli.js in a child with a timeout): every malformed value is said, with line:column and
// what was expected, on every surface; nothing is dropped silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNoStack, runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-tail36-');

interface Warnings {
  total: number;
  counts: Record<string, number>;
  listed: { file: string; line: number; column: number; code: string; message: string; record?: string }[];
}

test('calibrate says the warnings of what it reads: counts per kind, the first few at file:line:col, and --json a warnings field (item 1)', () => {
  const trace = write('step.trace', '=== 1\nanswer: 6\nstep: abc\n---\nSo x = 6.\n=== 2\nanswer: 6\n---\nSo x = 5. Wait, x = 6.\n');
  const lines = [
    JSON.stringify({ idx: 1, input: 'q', output: 'The answer is 5.', gts: '5', finish_reason: 'max_tokens' }),
    JSON.stringify({ idx: 2, input: 'q', output: 'The answer is 5.', gts: '5', logprobs: [-1, 'x'], ref_logprobs: [-1, -1] }),
    JSON.stringify({ idx: 3, input: 'q', output: 'The answer is 5.', gts: '5', finish_reason: 'MAX_TOKENS' }),
  ];
  const jsonl = write('fr.jsonl', lines.join('\n') + '\n');
  const r = runCli(['calibrate', trace, jsonl]);
  assertNoStack(r, 'calibrate');
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /calibrate: 4 warnings in the input \(unknown-finish-reason 2, bad-header-value 1, bad-logprobs 1\); the lines and records are still read:/,
  );
  assert.match(
    r.stderr,
    /step\.trace:3:7: warning: Malformed "step" value: expected the training step.*got "abc".*\[bad-header-value\] \(record 1\)/,
  );
  assert.match(
    r.stderr,
    new RegExp(`fr\\.jsonl:2:${lines[1].indexOf('"x"') + 1}: warning: "logprobs"\\[1\\] is the string "x".*\\[bad-logprobs\\]`),
  );
  assert.match(
    r.stderr,
    new RegExp(
      `fr\\.jsonl:1:${lines[0].indexOf('"max_tokens"') + 1}: warning: 2 records have a "finish_reason" the engine does not know \\(the first here: "max_tokens"\\).*\\[unknown-finish-reason\\]`,
    ),
  );
  // --json: the same, as a field; the exit code and the groups are unchanged.
  const j = runCli(['calibrate', '--json', trace, jsonl]);
  assert.equal(j.status, 0, j.stderr);
  const w = (JSON.parse(j.stdout) as { warnings: Warnings }).warnings;
  assert.equal(w.total, 4);
  assert.deepEqual(w.counts, { 'bad-header-value': 1, 'bad-logprobs': 1, 'unknown-finish-reason': 2 });
  assert.deepEqual(
    w.listed.map((x) => `${x.file.replace(/^.*\//, '')}:${x.line}:${x.column} ${x.code}`),
    [
      'step.trace:3:7 bad-header-value',
      `fr.jsonl:2:${lines[1].indexOf('"x"') + 1} bad-logprobs`,
      `fr.jsonl:1:${lines[0].indexOf('"max_tokens"') + 1} unknown-finish-reason`,
    ],
  );
  // Segment says the unknown finish_reason too, once with its count.
  const s = runCli(['segment', jsonl]);
  assert.equal(s.stderr.split('\n').filter((l) => l.includes('[unknown-finish-reason]')).length, 1, s.stderr);
  // Bounded: 30 malformed steps list 10 and count the rest.
  const many = write('many.trace', Array.from({ length: 30 }, (_, i) => `=== ${i + 1}\nanswer: 6\nstep: s${i}\n---\nSo x = 6.\n`).join(''));
  const m = runCli(['calibrate', many]);
  assert.equal(m.status, 0, m.stderr);
  assert.match(m.stderr, /calibrate: 30 warnings in the input \(bad-header-value 30\)/);
  assert.equal(m.stderr.split('\n').filter((l) => l.includes('[bad-header-value]')).length, 10);
  assert.match(m.stderr, /20 more not listed \(--json lists the first 10; segment FILE lists each file's\)/);
  // No warnings: nothing more on stderr, and warnings.total 0 in --json.
  const clean = write('clean.trace', '=== 1\nanswer: 6\n---\nSo x = 6.\n');
  const c = runCli(['calibrate', clean]);
  assert.equal(c.stderr, '');
  const cj = runCli(['calibrate', '--json', clean]);
  assert.deepEqual((JSON.parse(cj.stdout) as { warnings: Warnings }).warnings, { total: 0, counts: {}, listed: [] });
});

test("a chat row's top-level tokens column is the record's token count, checked as the tokens: header; other columns the mapping drops are said once per file (item 2)", () => {
  const messages = [
    { role: 'user', content: 'q' },
    { role: 'assistant', content: 'The answer is 5.' },
  ];
  const rows = [
    { messages, answer: '5', id: 'a', tokens: 12, group: 'g0' },
    { messages, answer: '5', id: 'b', tokens: '1e400' },
    { messages, answer: '5', id: 'c', tokens: [1, 2] },
    { messages, answer: '5', id: 'd', tokens: 9000 },
    { messages, answer: '5', id: 'e', tokens: [3, 4], epoch: 2, query: 'q2', group: 'g1' },
    { messages, answer: '5', id: 'f', epoch: 3, query: 'q3', group: 'g2' },
  ].map((r) => JSON.stringify(r));
  const file = write('chat-tokens.jsonl', rows.join('\n') + '\n');
  const at = (line: number, text: string): string => `${line}:${rows[line - 1].indexOf(text) + 1}`;
  const out = write('chat-tokens.trace', '');
  const imp = runCli(['import', file, '-o', out]);
  assertNoStack(imp, 'import');
  assert.equal(imp.status, 0, imp.stderr);
  const written = readFileSync(out, 'utf8');
  assert.match(written, /=== a\n(?:.*\n)*?tokens: 12\n/);
  assert.match(written, /=== d\n(?:.*\n)*?tokens: 9000\n/);
  assert.match(written, /=== e\n(?:.*\n)*?group: g1\n/);
  assert.match(imp.stderr, /chat \(jsonl\): .*group <- group/);
  assert.match(imp.stderr, new RegExp(`chat-tokens\\.jsonl:${at(2, '"1e400"')}: warning: record b: Malformed "tokens" value`));
  const ignored = imp.stderr.split('\n').filter((l) => l.includes('[ignored-column]'));
  assert.deepEqual(
    ignored.map((l) => l.replace(/^.*chat-tokens\.jsonl:/, '')),
    [
      `${at(3, '[1, 2]'.replace(/ /g, ''))}: warning: column "tokens" is not read: a list of 2 values for 1 response: expected the response's length in tokens [ignored-column]`,
      `${at(5, '2,"query"')}: warning: column "epoch" is not read: the mapping has no epoch (--map epoch=epoch reads this column) [ignored-column]`,
      `${at(5, '"q2"')}: warning: column "query" is not read: the mapping reads prompt <- messages[role=user][0].content (--map prompt=query reads this column) [ignored-column]`,
    ],
    imp.stderr,
  );
  // segment: the malformed value is an error at its column; calibrate leaves out b (malformed) and d (over the limit).
  const seg = runCli(['segment', file]);
  assert.match(
    seg.stderr,
    new RegExp(`chat-tokens\\.jsonl:${at(2, '"1e400"')}: error: Malformed "tokens" value.*\\[bad-header-value\\] \\(record b\\)`),
  );
  const cal = runCli(['calibrate', '--json', file]);
  assert.equal(cal.status, 0, cal.stderr);
  const res = JSON.parse(cal.stdout) as { groups: { n: number }[]; skipped: { line?: number; reason: string }[]; warnings: Warnings };
  assert.equal(res.groups[0].n, 4);
  assert.deepEqual(
    res.skipped.map((s) => s.line),
    [2, 4],
    JSON.stringify(res.skipped),
  );
  assert.equal(res.warnings.counts['ignored-column'], 3);
});

test('a field of a JSON document, of a sample inside a JSONL line, of a Parquet row: said at its line:column, or with the row and column name (item 3)', async () => {
  const messages = [
    { role: 'user', content: 'q' },
    { role: 'assistant', content: 'The answer is 5.' },
  ];
  // A pretty-printed JSON document: the value's own line and column (was the element's first line, column 1).
  const doc = JSON.stringify(
    [
      { messages, answer: '5', id: 'a', tokens: 12, step: 3 },
      { messages, answer: '5', id: 'b', tokens: '1e400', step: 'x12' },
    ],
    null,
    2,
  );
  const docFile = write('rows.json', doc + '\n');
  const docLines = doc.split('\n');
  const where = (text: string): string => {
    const line = docLines.findIndex((l) => l.includes(text));
    return `${line + 1}:${docLines[line].indexOf(text) + 1}`;
  };
  const seg = runCli(['segment', docFile]);
  assertNoStack(seg, 'segment json');
  assert.equal(seg.status, 0, seg.stderr);
  assert.match(seg.stderr, new RegExp(`rows\\.json:${where('"1e400"')}: error: Malformed "tokens" value.*\\(record b\\)`));
  assert.match(seg.stderr, new RegExp(`rows\\.json:${where('"x12"')}: warning: Malformed "step" value.*\\(record b\\)`));
  const cal = runCli(['calibrate', docFile]);
  assert.match(cal.stderr, new RegExp(`rows\\.json:${where('"x12"')}: warning: Malformed "step" value`));
  assert.match(
    cal.stdout,
    new RegExp(
      `rows\\.json:${where('"1e400"').split(':')[0]}: record b not used: column ${where('"1e400"').split(':')[1]}: Malformed "tokens"`,
    ),
  );
  const imp = runCli(['import', docFile, '-o', write('rows.trace', '')]);
  assert.match(imp.stderr, new RegExp(`rows\\.json:${where('"1e400"')}: warning: record b: Malformed "tokens" value`));

  // An Inspect log written on one JSONL line: sample k's field, in the line (was column 1).
  const sample = (id: number, tokens: string): Record<string, unknown> => ({
    id,
    epoch: 1,
    input: 'q',
    target: '5',
    output: { choices: [{ message: { content: 'The answer is 5.' }, stop_reason: 'stop' }] },
    scores: { s: { value: 'C' } },
    tokens,
  });
  const line = JSON.stringify({ eval: { task: 't', model: 'm' }, samples: [sample(1, '12'), 'not a sample', sample(2, '0x20')] });
  const log = write('log.jsonl', line + '\n');
  const l = runCli(['segment', log]);
  assertNoStack(l, 'segment nested');
  assert.match(
    l.stderr,
    new RegExp(`log\\.jsonl:1:${line.indexOf('"0x20"') + 1}: error: Malformed "tokens" value.*got "0x20".*\\(record 2_epoch_1\\)`),
  );

  // Parquet: no text to point at; the message names the row and the column.
  const { parquetBuffer, str } = await import('../../scripts/fixture-writers.js');
  const pq = write(
    'flat.parquet',
    Buffer.from(
      parquetBuffer(
        [{ name: 'schema', num_children: 5 }, str('prompt'), str('response'), str('answer'), str('tokens'), str('step')],
        [
          { name: 'prompt', data: ['q', 'q', 'q'] },
          { name: 'response', data: ['The answer is 5.', 'The answer is 5.', 'The answer is 5.'] },
          { name: 'answer', data: ['5', '5', '5'] },
          { name: 'tokens', data: ['12', '1e400', '30'] },
          { name: 'step', data: ['3', '4', 'x12'] },
        ],
        10,
      ),
    ),
  );
  const p = runCli(['segment', pq]);
  assertNoStack(p, 'segment parquet');
  assert.match(p.stderr, /flat\.parquet:2:1: error: row 2, column tokens: Malformed "tokens" value/);
  assert.match(p.stderr, /flat\.parquet:3:1: warning: row 3, column step: Malformed "step" value/);
});

test("import's 2T check of log-probs counts attempts with the reader it is given (--markers), as attribution does (item 5)", () => {
  const lp = { logprobs: [-1, -1, -1], ref_logprobs: [-1, -1, -1] };
  const body = (marker: string): string => `12 * 34 = 418\n${marker}, 12 * 30 = 360 and 12 * 4 = 48.\n360 + 48 = 408`;
  const rows = [
    // Two attempts under the default lexicon ("Wait"), one under --markers Banana: 3 tokens are enough for one.
    { idx: 1, input: 'Calculate 12 * 34.', output: body('Wait'), gts: '408', ...lp },
    // One attempt by default, two under --markers Banana: 3 tokens are too few.
    { idx: 2, input: 'Calculate 12 * 34.', output: body('Banana'), gts: '408', ...lp },
  ];
  const file = write('lp.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  // The warning is at the "logprobs" value's column (tail36b).
  const lpCol = (k: number): number => JSON.stringify(rows[k]).indexOf('"logprobs":') + '"logprobs":'.length + 1;
  const markers = write('banana.txt', 'Banana\n');
  const out = write('lp.trace', '');
  const imp = runCli(['import', file, '-o', out, '--markers', markers]);
  assertNoStack(imp, 'import --markers');
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stderr, new RegExp(`lp\\.jsonl:2:${lpCol(1)}: warning: record 2: 3 tokens of log-probs for 2 attempts`));
  assert.doesNotMatch(imp.stderr, /record 1: /);
  const sidecar = readFileSync(`${out}.logprobs.jsonl`, 'utf8').trim().split('\n');
  assert.deepEqual(
    sidecar.map((l) => (JSON.parse(l) as { id: string }).id),
    ['1'],
  );
  // What import wrote is what attribution with the same reader uses: no warning, record 1 from its log-probs.
  const att = runCli(['attribution', out, '--json', '--markers', markers]);
  assert.equal(att.status, 0, att.stderr);
  assert.doesNotMatch(att.stderr, /bad-logprobs|log-probs/);
  assert.deepEqual(
    (JSON.parse(att.stdout) as { traces: { id: string; klFrom: string }[] }).traces.map((t) => `${t.id} ${t.klFrom}`),
    ['1 log-probs', '2 estimate'],
  );
  // Without flags, the default lexicon's count, as before.
  const plain = runCli(['import', file, '-o', write('lp2.trace', '')]);
  assert.match(plain.stderr, new RegExp(`lp\\.jsonl:1:${lpCol(0)}: warning: record 1: 3 tokens of log-probs for 2 attempts`));
  assert.equal(runCli(['import', file, '-o', write('lp3.trace', ''), '--reader', 'nope']).status, 2);
});
