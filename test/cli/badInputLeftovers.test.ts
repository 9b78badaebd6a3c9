// The bad-input findings stop 34's fixes left (outsider fuzz34), each through the CLI as users run
// it (dist/cli.js in a child with a timeout): nothing may crash or lose a record that is fine;
// every malformed value gets a diagnostic with line, column and what was expected; nothing is
// silently ignored or replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoStack, runCli, scratchDir, type CliRun } from './cliScratch.js';

const { dir, write } = scratchDir('rl-leftovers-');
const cli = runCli;
const noStack = assertNoStack;

const trace = write('one.trace', '=== 1\nanswer: 6\n---\nSo x = 6.\n');

test('attribution: --beta / --eps out of range are refused with the flag and its range (1e308 printed null)', () => {
  const cases: [string[], RegExp][] = [
    [['--beta', '1e308'], /--beta must be a number from 0 to 1000, got 1e\+308/],
    [['--eps', '1e308'], /--eps must be a number from 0 to 100, got 1e\+308/],
    [['--beta', '-1'], /--beta must be a number from 0 to 1000, got -1/],
    [['--eps', '101'], /--eps must be a number from 0 to 100, got 101/],
    [['--gamma', '2'], /--gamma must be in \[0, 1\]/],
  ];
  for (const [flags, message] of cases) {
    const r = cli(['attribution', trace, '--json', ...flags]);
    noStack(r, flags.join(' '));
    assert.equal(r.status, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
  const ex = cli(['attribution', '--example', 'appendix-c', '--beta', '1e308']);
  assert.equal(ex.status, 2, ex.stderr);
  assert.match(ex.stderr, /--beta must be a number from 0 to 1000/);
  // In range: finite numbers only, no null.
  const ok = cli(['attribution', trace, '--json', '--beta', '1000', '--eps', '100']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.doesNotMatch(ok.stdout, /null|Infinity|NaN/);
});

test('import -o /dev/stdout into a pipe, or -o a FIFO: written directly (a temp file beside /proc/self/fd/1 was ENOENT)', () => {
  const rows = [1, 2, 3].map((i) => JSON.stringify({ idx: i, input: 'q', output: `The answer is ${i}.`, gts: String(i) })).join('\n');
  const jsonl = write('rows.jsonl', `${rows}\n`);
  const piped = spawnSync('sh', ['-c', `"${process.execPath}" dist/cli.js import "${jsonl}" -o /dev/stdout | cat`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(piped.status, 0, piped.stderr);
  assert.doesNotMatch(piped.stderr, /ENOENT|\.tmp/);
  assert.equal((piped.stdout.match(/^=== /gm) ?? []).length, 3, piped.stdout);
  assert.match(piped.stderr, /import: 3 records written to \/dev\/stdout/);
  // Log-probs have no sidecar beside a pipe: said, not dropped silently.
  const lp = write(
    'lp.jsonl',
    `${JSON.stringify({ idx: 1, input: 'q', output: 'The answer is 1.', gts: '1', logprobs: [-1, -1], ref_logprobs: [-1, -1] })}\n`,
  );
  const withLp = spawnSync('sh', ['-c', `"${process.execPath}" dist/cli.js import "${lp}" -o /dev/stdout | cat`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(withLp.status, 0, withLp.stderr);
  assert.match(withLp.stderr, /the per-token log-probs of 1 record were not written: -o \/dev\/stdout is standard output \(a pipe\)/);
  // --json also prints on standard output: refused.
  const both = spawnSync('sh', ['-c', `"${process.execPath}" dist/cli.js import "${jsonl}" -o /dev/stdout --json | cat`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.match(both.stderr, /where --json prints its result too: choose one/);
  // A FIFO with a reader: the records arrive there.
  const fifo = join(dir, 'out.fifo');
  spawnSync('mkfifo', [fifo]);
  const r = spawnSync(
    'sh',
    ['-c', `cat "${fifo}" > "${fifo}.got" & "${process.execPath}" dist/cli.js import "${jsonl}" -o "${fifo}"; wait`],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /3 records written to/);
  assert.equal((readFileSync(`${fifo}.got`, 'utf8').match(/^=== /gm) ?? []).length, 3);
  // A regular file is still replaced atomically, and its sidecar written.
  const file = join(dir, 'lp.trace');
  const f = cli(['import', lp, '-o', file]);
  assert.equal(f.status, 0, f.stderr);
  assert.match(readFileSync(`${file}.logprobs.jsonl`, 'utf8'), /"logprobs":\[-1,-1\]/);
});

test('a JSONL id that is an object or array is a warning at its column; the line number stays the id, and the message says so', () => {
  const row = (id: string): string => `{${id}"output": "The answer is 5.", "gts": "5"}`;
  const file = write(
    'ids.jsonl',
    [row('"idx": {"a": 1}, '), row('"idx": [1, 2], '), row('"id": {"a": 1}, '), row('"idx": 7, ')].join('\n') + '\n',
  );
  const r = cli(['segment', file, '--json']);
  noStack(r, 'segment');
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /ids\.jsonl:1:9: warning: Expected a string or number for "idx", got an object: the record's id is its line number, 1\. \[bad-id\]/,
  );
  assert.match(
    r.stderr,
    /ids\.jsonl:2:9: warning: Expected a string or number for "idx", got an array of 2 values: the record's id is its line number, 2\./,
  );
  assert.match(r.stderr, /ids\.jsonl:3:8: warning: Expected a string or number for "id", got an object/);
  assert.deepEqual(
    (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id),
    ['1', '2', '3', '7'],
  );
  // A mapped format (chat rows) says it too.
  const chat = write(
    'chat-id.jsonl',
    `${JSON.stringify({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'The answer is 5.' },
      ],
      answer: '5',
      id: { x: 1 },
    })}\n`,
  );
  const c = cli(['segment', chat]);
  assert.equal(c.status, 0, c.stderr);
  // At the id's value in the line (tail36: it was column 1).
  const chatLine = readFileSync(chat, 'utf8');
  assert.match(
    c.stderr,
    new RegExp(
      `chat-id\\.jsonl:1:${chatLine.indexOf('{"x"') + 1}: warning: id <- id is an object: expected a string or number; the record's id is its row number, 1 \\[bad-id\\]`,
    ),
  );
});

test("a gold file's bad lines are reported at the column that is wrong (always column 1 before)", () => {
  const sub = join(dir, 'gold-columns');
  mkdirSync(sub);
  const t = join(sub, 'a.trace');
  writeFileSync(t, '=== 1\nanswer: 6\n---\nSo x = 6.\n');
  writeFileSync(
    `${t}.gold.jsonl`,
    [
      '{"id": "1", "candidates": [{"value": "6", "offset": 7}], "final": "6"}',
      '{"id": "2", "candidates": [{"value": "6", "offset": 7},}',
      '   {"id": {"x": 1}, "candidates": []}',
      '{"id": "3", "candidates": [{"value": "6", "offset": 0}, {"value": "6", "offset": -1}]}',
      '{"id": "4", "candidates": "none"}',
      '{"id": "1", "candidates": []}',
    ].join('\n') + '\n',
  );
  const r = cli(['eval-segmentation', t]);
  noStack(r, 'eval-segmentation');
  const diags = r.stderr.split('\n').filter((l) => l.includes('[bad-gold]'));
  assert.deepEqual(
    diags.map((l) => /gold\.jsonl:(\d+:\d+): error: (.{0,30})/.exec(l)!.slice(1, 3).join(' ')),
    [
      `2:56 Invalid JSON (Unexpected token`,
      '3:11 Expected "id" (string or numbe',
      '4:82 candidates[1]: expected "offse',
      '5:27 Expected "candidates": an arra',
      '6:8 Record id "1" is labelled twic',
    ],
    r.stderr,
  );
});

/** The fuzzer's tokens_header.trace, plus truncated values that say neither yes nor no. */
const headerValuesTrace = [
  ['1', 'tokens: 99999'],
  ['2', 'tokens: 1e400'],
  ['3', 'tokens: -99999'],
  ['4', 'tokens: 100,000'],
  ['5', 'tokens: 99999 tokens'],
  ['6', 'tokens: 0x20000'],
  ['7', 'truncated: maybe'],
  ['8', 'truncated: TRUE'],
  ['9', 'tokens: 1,5'],
  ['10', 'tokens: 0'],
  ['11', 'tokens: 120'],
]
  .map(([id, header]) => `=== ${id}\nanswer: 3\n${header}\n---\nThe answer is 3.\n`)
  .join('');

test('malformed tokens / truncated header values are errors at their column (1e400, -99999 and "99999 tokens" were ignored silently)', () => {
  const file = write('headers.trace', headerValuesTrace);
  const seg = cli(['segment', file, '--json']);
  noStack(seg, 'segment');
  assert.equal(seg.status, 0, seg.stderr);
  const diags = seg.stderr.split('\n').filter((l) => l.includes('[bad-header-value]') && l.includes('Malformed'));
  assert.deepEqual(
    diags.map((l) => /headers\.trace:(\d+:\d+): error: .*got (".*"|nothing)/.exec(l)?.slice(1, 3).join(' ') ?? l),
    ['8:9 "1e400"', '13:9 "-99999"', '23:9 "99999 tokens"', '28:9 "0x20000"', '33:12 "maybe"', '43:9 "1,5"'],
    seg.stderr,
  );
  assert.match(
    seg.stderr,
    /headers\.trace:48:9: error: "tokens: 0" for a response of 16 characters: expected its length in tokens, at least 1; it is not used\. \[bad-header-value\] \(record 10\)/,
  );
  assert.match(
    seg.stderr,
    /expected the response's length in tokens, a whole number in digits \(1532, or 1,532 with thousands separators\)/,
  );
  assert.match(seg.stderr, /Malformed "truncated" value: expected true or false \(also yes\/no, 1\/0\), got "maybe"/);
  // Every record is still segmented; a good count is used, "100,000" is 100000: the one sample's
  // L is 99999, the STOP being the response's last token (tokenSplit.ts splitTokens).
  const out = JSON.parse(seg.stdout) as { id: string; steps: { tokens?: number }[] }[];
  assert.equal(out.length, 11);
  assert.equal(out.find((r) => r.id === '4')!.steps[0].tokens, 100000 - 1);
  assert.equal(out.find((r) => r.id === '11')!.steps[0].tokens, 120 - 1);
  // calibrate lists each with its line and column; the good records are calibrated.
  const cal = cli(['calibrate', file, '--json']);
  assert.equal(cal.status, 0, cal.stderr);
  const result = JSON.parse(cal.stdout) as { groups: { n: number }[]; skipped: { line?: number; reason: string }[] };
  const reasons = result.skipped.map((s) => `${s.line}: ${s.reason.slice(0, 40)}`);
  assert.ok(reasons.includes('8: record 2 not used: column 9: Malformed "'), reasons.join('\n'));
  assert.ok(reasons.includes('33: record 7 not used: column 12: Malformed '), reasons.join('\n'));
  // 1 (99999), 4 (100,000) and 8 (TRUE) are cut off; 11 is calibrated.
  assert.equal(result.groups[0].n, 1);
});

test("import: a row's tokens / truncated field the engine cannot read is said at its column and written as is", () => {
  const rows = [
    { idx: 1, output: 'The answer is 5.', gts: '5', truncated: 'maybe' },
    { idx: 2, output: 'The answer is 5.', gts: '5', tokens: '1e400' },
    { idx: 3, output: 'The answer is 5.', gts: '5', truncated: true, tokens: 12 },
  ];
  const file = write('fields.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const out = join(dir, 'fields.trace');
  const r = cli(['import', file, '-o', out]);
  noStack(r, 'import');
  assert.equal(r.status, 0, r.stderr);
  const col = (i: number, key: string): number => JSON.stringify(rows[i]).indexOf(`"${key}"`) + key.length + 4;
  assert.match(
    r.stderr,
    new RegExp(`fields\\.jsonl:1:${col(0, 'truncated')}: warning: record 1: Malformed "truncated" value: .*got "maybe"; written as is`),
  );
  assert.match(
    r.stderr,
    new RegExp(`fields\\.jsonl:2:${col(1, 'tokens')}: warning: record 2: Malformed "tokens" value: .*got "1e400"; written as is`),
  );
  assert.match(readFileSync(out, 'utf8'), /truncated: maybe/);
  // Read back (or read directly), the record is left out of calibration with the reason, at the
  // header's column in the .trace, at the field's in the JSONL.
  for (const [input, c1, c2] of [
    [out, 12, 9],
    [file, col(0, 'truncated'), col(1, 'tokens')],
  ] as const) {
    const cal = cli(['calibrate', input, '--json']);
    const skipped = (JSON.parse(cal.stdout) as { skipped: { reason: string }[] }).skipped.map((s) => s.reason);
    assert.ok(
      skipped.some((s) => s.startsWith(`record 1 not used: column ${c1}: Malformed "truncated" value`) && s.includes('"maybe"')),
      `${input}: ${skipped.join('\n')}`,
    );
    assert.ok(
      skipped.some((s) => s.startsWith(`record 2 not used: column ${c2}: Malformed "tokens" value`) && s.includes('"1e400"')),
      `${input}: ${skipped.join('\n')}`,
    );
  }
  const seg = cli(['segment', file]);
  assert.match(seg.stderr, new RegExp(`fields\\.jsonl:1:${col(0, 'truncated')}: error: Malformed "truncated" value`));
});

test('malformed per-token log-probs are a warning at the bad element and not used; no null, Infinity or NaN in any output', () => {
  const row = (i: number, lp: string, ref: string): string =>
    `{"idx": ${i}, "input": "q", "output": "The answer is 5.", "gts": "5", "logprobs": ${lp}, "ref_logprobs": ${ref}}`;
  const lines = [
    row(1, '[-1, -1]', '[-0.5, -0.5]'),
    row(2, '[-1, -1, -1]', '[-0.5, -0.5]'),
    row(3, '["-1", -1]', '[-0.5, -0.5]'),
    row(4, '[1e+308, 1e+308]', '[-1e+308, -1e+308]'),
    row(5, '[]', '[]'),
    row(6, '[null, null]', '[null, null]'),
    row(7, '[-1, 1e400]', '[-1, -1]'),
  ];
  const file = write('logprobs.jsonl', lines.join('\n') + '\n');
  const col = (n: number, needle: string, from = 0): number => lines[n - 1].indexOf(needle, from) + 1;
  const r = cli(['attribution', file, '--json']);
  noStack(r, 'attribution');
  assert.equal(r.status, 0, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => l.includes('[bad-logprobs]'));
  assert.deepEqual(
    warnings.map((l) => /logprobs\.jsonl:(\d+:\d+): warning: (.*?);/.exec(l)!.slice(1, 3).join(' ')),
    [
      `2:${col(2, '[-0.5')} "logprobs" has 3 entries but "ref_logprobs" 2: expected one log-probability per token in each`,
      `3:${col(3, '"-1"')} "logprobs"[0] is the string "-1": expected a number from -1000000 to 0 (a log-probability)`,
      `4:${col(4, '1e+308')} "logprobs"[0] is 1e+308: expected a number from -1000000 to 0 (a log-probability)`,
      `5:${col(5, '[]')} "logprobs" is empty but the response is not: expected one log-probability per token`,
      `6:${col(6, 'null')} "logprobs"[0] is null: expected a number from -1000000 to 0 (a log-probability)`,
      `7:${col(7, '1e400')} "logprobs"[1] is Infinity: expected a number from -1000000 to 0 (a log-probability)`,
    ],
    r.stderr,
  );
  assert.match(warnings[0], /not used \(nor written to import's log-prob sidecar\): attribution estimates its KL terms/);
  assert.doesNotMatch(r.stdout, /null|Infinity|NaN/);
  const traces = (JSON.parse(r.stdout) as { traces: { id: string; ratio: number }[] }).traces;
  assert.deepEqual(
    traces.map((t) => t.id),
    ['1', '2', '3', '4', '5', '6', '7'],
  );
  // Row 1 uses its log-probs (ratio 2 from them); the others the estimate, as a row without any (ratio 5).
  assert.deepEqual(
    traces.map((t) => t.ratio),
    [2, 5, 5, 5, 5, 5, 5],
  );
  const table = cli(['attribution', file]);
  assert.doesNotMatch(table.stdout, /Infinity|NaN|null/);
  // segment and import say it too; import writes only the good row's log-probs.
  const seg = cli(['segment', file]);
  assert.equal(seg.stderr.split('\n').filter((l) => l.includes('[bad-logprobs]')).length, 6);
  const out = join(dir, 'logprobs.trace');
  const imp = cli(['import', file, '-o', out]);
  assert.equal(imp.status, 0, imp.stderr);
  assert.equal(imp.stderr.split('\n').filter((l) => l.includes('[bad-logprobs]')).length, 6);
  assert.deepEqual(
    readFileSync(`${out}.logprobs.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id),
    ['1'],
  );
});

test('a JSON document with text after its closing "]", or without its "]": the rows read are kept, the damage is an error at its line and column', () => {
  const rows = [0, 1, 2].map((i) => ({
    messages: [
      { role: 'user', content: `Calculate ${i} * 3.` },
      { role: 'assistant', content: `<think>hmm</think>The answer is ${i * 3}.` },
    ],
    answer: String(i * 3),
  }));
  const pretty = JSON.stringify(rows, null, 1);
  const lineCount = pretty.split('\n').length;
  const cases: [string, string, RegExp][] = [
    [
      'trailing.json',
      `${pretty}\n}}}garbage`,
      new RegExp(
        `trailing\\.json:${lineCount + 1}:1: error: text after the end of the JSON document \\(its "\\[" at line 1 closed before\\): expected nothing but white space after the closing "\\]"; it is not read, the rows before it are \\[json-trailing-text\\]`,
      ),
    ],
    [
      'trailing-same-line.json',
      `${pretty} x`,
      new RegExp(`trailing-same-line\\.json:${lineCount}:3: error: text after the end of the JSON document`),
    ],
    [
      'unclosed.json',
      `${pretty.slice(0, pretty.lastIndexOf(']'))}`,
      new RegExp(
        `unclosed\\.json:${lineCount}:1: error: the JSON document ends before its closing "\\]" \\(it opened with "\\[" at line 1\\): expected "\\]" after the last element; the 3 elements before are read \\[json-unclosed\\]`,
      ),
    ],
  ];
  for (const [name, text, message] of cases) {
    const file = write(name, text);
    const seg = cli(['segment', file, '--json']);
    noStack(seg, name);
    assert.equal(seg.status, 0, `${name}: ${seg.stderr}`);
    assert.match(seg.stderr, message, name);
    assert.deepEqual(
      (JSON.parse(seg.stdout) as { final: string }[]).map((r) => r.final),
      ['0', '3', '6'],
      name,
    );
    const imp = cli(['import', file, '-o', join(dir, `${name}.trace`)]);
    assert.equal(imp.status, 0, imp.stderr);
    assert.match(imp.stderr, /3 records written/);
    assert.match(imp.stderr, message, name);
  }
  // A whole document is still read without a word.
  const clean = cli(['segment', write('clean.json', `${pretty}\n\n`)]);
  assert.doesNotMatch(clean.stderr, /error/);
});

test('a JSON document through a pipe, FIFO or stdin is read as a document, up to 256 MiB, with a clear message past it; a FIFO .jsonl no longer hangs calibrate', () => {
  const rows = [0, 1].map((i) => ({
    messages: [
      { role: 'user', content: `Calculate ${i} * 3.` },
      { role: 'assistant', content: `The answer is ${i * 3}.` },
    ],
    answer: String(i * 3),
  }));
  const pretty = JSON.stringify(rows, null, 1);
  // Standard input: was read as a .trace file ("text outside any record").
  const viaStdin = cli(['segment', '-', '--json'], { input: pretty });
  assert.equal(viaStdin.status, 0, viaStdin.stderr);
  assert.deepEqual(
    (JSON.parse(viaStdin.stdout) as { final: string }[]).map((r) => r.final),
    ['0', '3'],
  );
  assert.doesNotMatch(viaStdin.stderr, /error|warning/);
  // A FIFO named .json: was read as JSON Lines (every line bad-json); calibrate: a FIFO .jsonl hung (peeked, then waited).
  const sh = (cmd: string): CliRun => {
    const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  };
  const doc = write('doc-src.json', pretty);
  const fifo = join(dir, 'piped.json');
  spawnSync('mkfifo', [fifo]);
  const seg = sh(`cat "${doc}" > "${fifo}" & "${process.execPath}" dist/cli.js segment "${fifo}" --json; wait`);
  noStack(seg, 'segment fifo');
  assert.equal(seg.status, 0, seg.stderr);
  assert.equal((JSON.parse(seg.stdout) as unknown[]).length, 2);
  assert.doesNotMatch(seg.stderr, /bad-json/);
  const jsonl = write('rows-src.jsonl', `${JSON.stringify({ idx: 1, output: 'The answer is 5.', gts: '5' })}\n`);
  const fifoJsonl = join(dir, 'piped.jsonl');
  spawnSync('mkfifo', [fifoJsonl]);
  const cal = sh(`cat "${jsonl}" > "${fifoJsonl}" & "${process.execPath}" dist/cli.js calibrate "${fifoJsonl}" --json; wait`);
  noStack(cal, 'calibrate fifo');
  assert.equal(cal.status, 0, cal.stderr);
  assert.equal((JSON.parse(cal.stdout) as { groups: { n: number }[] }).groups[0].n, 1);
  // Past the bound: one clear message, no crash.
  const big = sh(`(printf '['; head -c 270000000 /dev/zero | tr '\\0' ' ') | "${process.execPath}" dist/cli.js segment -`);
  noStack(big, 'big pipe');
  assert.equal(big.status, 1, big.stderr);
  assert.match(
    big.stderr,
    /-: cannot read: a JSON document read through a pipe is held in memory to be read, and this one is larger than 256 MiB: not read further/,
  );
});
