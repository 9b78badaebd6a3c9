// Bad input through the CLI as users run it (dist/cli.js in a child with a timeout): random
// bytes, truncated records, a 1 MB line, CRLF/BOM, invalid UTF-8, NUL bytes, and a 200 MB file
// read as a stream. Nothing may crash or hang; diagnostics must be exact; other records intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { parseTrace } from '../../server/src/trace/parse.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-fuzz-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}
function segment(file: string, timeout = 120_000, extra: string[] = ['--json']): Run {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'segment', file, ...extra], { encoding: 'utf8', timeout, maxBuffer: 256 << 20 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
function assertClean(r: Run, what: string): void {
  assert.equal(r.signal, null, `${what}: killed (hang?)`);
  assert.equal(r.status, 0, `${what}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, `${what}: a stack trace on stderr`);
}
const write = (name: string, data: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

let seed = 99;
const rnd = (k: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k;
const corpus = generateMultiplicationTraceText({
  seed: 8,
  models: [{ name: 'm', echoRate: 0.3, tasks: [{ task: '3x4', p: 0.5, delta1: 0.7, delta2: 0.7, n: 40 }] }],
});
const clean = JSON.parse(segment(write('clean.trace', corpus)).stdout) as { id: string; final: string; steps: unknown[] }[];

test('random bytes: no crash, valid JSON out', () => {
  for (let k = 0; k < 4; k++) {
    const bytes = Buffer.alloc(64 << 10);
    for (let i = 0; i < bytes.length; i++) bytes[i] = rnd(256);
    // Sprinkle record lines so some random "records" exist.
    for (let i = 0; i < 20; i++) bytes.write('\n=== r\n', rnd(bytes.length - 8), 'latin1');
    const r = segment(write(`random${k}.trace`, bytes));
    assertClean(r, `random${k}`);
    const out = JSON.parse(r.stdout) as unknown[];
    assert.equal(out.length, parseTrace(bytes.toString('utf8')).records.length);
  }
});

test('truncated records: the cut record is reported, every other record is unchanged', () => {
  for (let k = 0; k < 6; k++) {
    const cut = 200 + rnd(corpus.length - 400);
    const text = corpus.slice(0, cut);
    const r = segment(write(`cut${k}.trace`, text));
    assertClean(r, `cut at ${cut}`);
    const out = JSON.parse(r.stdout) as typeof clean;
    assert.equal(out.length, parseTrace(text).records.length);
    // All records before the cut one are identical to the uncut run.
    for (let i = 0; i < out.length - 1; i++) assert.deepEqual({ ...out[i], file: '' }, { ...clean[i], file: '' });
  }
});

test('a single 1 MB line', () => {
  const r = segment(write('long.trace', `=== 1\nanswer: 42\n---\n${'blah '.repeat(210_000)}so x = 42\n=== 2\nanswer: 1\n---\n1 = 1\n`));
  assertClean(r, '1 MB line');
  const out = JSON.parse(r.stdout);
  assert.deepEqual(
    out.map((o: { final: string; correct: boolean }) => [o.final, o.correct]),
    [
      ['42', true],
      ['1', true],
    ],
  );
});

// Restatements with nothing between them: every later one is compared with the work since the
// previous candidate, which once read the whole record again each time (400 KB of "Wait, so the
// answer is 42." took 28 s, a boxed line per line 2 s for 800 KB). Each record here is about 1 MB.
test('records of nothing but restatements of one answer, about 1 MB each', () => {
  const lines = [
    'Wait, so the answer is 42.',
    'So p(8) = 42.',
    'Hmm. \\boxed{42}',
    'Therefore, the answer is 42. Let me check: 6 * 7 = 42.',
    'x = 42',
  ];
  const text = lines
    .map(
      (line, i) => `=== r${i}\nquery: What is 6 times 7?\nanswer: 42\n---\n${`${line}\n`.repeat(Math.ceil(1_000_000 / (line.length + 1)))}`,
    )
    .join('');
  const r = segment(write('restated.trace', text));
  assertClean(r, 'restatements');
  const out = JSON.parse(r.stdout) as { final: string; correct: boolean }[];
  assert.deepEqual(
    out.map((o) => [o.final, o.correct]),
    lines.map(() => ['42', true]),
  );
});

test('CRLF and BOM: the same records, steps and lines as LF', () => {
  const r = segment(write('crlf.trace', '\ufeff' + corpus.replace(/\n/g, '\r\n')));
  assertClean(r, 'crlf');
  const out = JSON.parse(r.stdout) as typeof clean;
  assert.deepEqual(
    out.map((o) => [o.id, o.final, o.steps]),
    clean.map((o) => [o.id, o.final, o.steps]),
  );
});

test('invalid UTF-8 and NUL bytes: exact diagnostics, the other records intact', () => {
  const recs = corpus.split(/(?==== )/);
  const secondStart = recs[0].split('\n').length; // 1-based line of record 2's first line... minus the trailing empty piece
  const bad = Buffer.concat([
    Buffer.from(recs[0]),
    Buffer.from(`=== bad\nanswer: 1\n---\nab`),
    Buffer.from([0xc3, 0x28, 0x00]),
    Buffer.from(' x = 1\n'),
    Buffer.from(recs.slice(1).join('')),
  ]);
  const file = write('badbytes.trace', bad);
  const r = segment(file);
  assertClean(r, 'bad bytes');
  const line = secondStart + 3; // "=== bad", "answer: 1", "---", then the body line
  // "ab", U+FFFD for the lone 0xC3, "(", then the NUL: columns 3 and 5.
  assert.match(r.stderr, new RegExp(`badbytes\\.trace:${line}:5: error: NUL byte`));
  assert.match(r.stderr, new RegExp(`badbytes\\.trace:${line}:3: warning: Invalid UTF-8`));
  const out = JSON.parse(r.stdout) as typeof clean;
  assert.equal(out.length, clean.length + 1);
  assert.deepEqual(
    out.filter((o) => o.id !== 'bad').map((o) => [o.id, o.final]),
    clean.map((o) => [o.id, o.final]),
  );
  assert.equal(out.find((o) => o.id === 'bad')!.final, '1');
});

test('a 200 MB file is streamed: exact diagnostics for the malformed records, every record printed', async () => {
  const block = corpus;
  const blockRecords = clean.length;
  const file = join(dir, 'big.trace');
  const fd = openSync(file, 'w');
  const copies = Math.ceil(200e6 / Buffer.byteLength(block));
  const half = Math.floor(copies / 2);
  let lines = 0;
  const expected: string[] = [];
  const put = (s: string): void => {
    writeSync(fd, s);
    lines += s.split('\n').length - 1;
  };
  for (let c = 0; c < copies; c++) {
    if (c === 1) {
      expected.push(`big.trace:${lines + 3}:1: error: Malformed header`);
      put('=== h\nanswer: 5\nnot a header\n---\nso 5 = 5\n');
    }
    if (c === half) {
      expected.push(`big.trace:${lines + 3}:1: error: Missing "---"`);
      put('=== s\nanswer: 5\nso x = 5\n');
    }
    put(block);
  }
  expected.push(`big.trace:${lines + 4}:3: warning: Invalid UTF-8`);
  put('=== u\nanswer: 5\n---\n');
  writeSync(fd, Buffer.from([0x61, 0x62, 0xff, 0x0a]));
  lines++;
  put('x = 5\n');
  closeSync(fd);
  const outFile = join(dir, 'big.json');
  const outFd = openSync(outFile, 'w');
  const r = spawnSync(process.execPath, ['dist/cli.js', 'segment', file, '--json'], {
    stdio: ['ignore', outFd, 'pipe'],
    encoding: 'utf8',
    timeout: 900_000,
  });
  closeSync(outFd);
  assert.equal(r.signal, null, 'killed: hang or too slow');
  assert.equal(r.status, 0, r.stderr);
  // The block is copied many times, so its ids repeat: the first duplicate-id warnings, capped.
  const diags = r.stderr.split('\n').filter((l) => /: (error|warning|info): /.test(l) && !l.includes('[duplicate-id]'));
  const dups = r.stderr.split('\n').filter((l) => l.includes('[duplicate-id]'));
  assert.equal(dups.length, 101, 'duplicate ids: the first 100 and one line saying the rest are not listed');
  assert.match(dups[100], /more than 100 ids repeat in this file: the rest are not listed/);
  assert.equal(diags.length, expected.length, r.stderr);
  expected.forEach((e, i) => assert.ok(diags[i].includes(e), `${diags[i]} should include ${e}`));
  let records = 0;
  let last = '';
  for await (const l of createInterface({ input: createReadStream(outFile) }))
    if (l.startsWith('{')) {
      records++;
      last = l;
    }
  assert.equal(records, copies * blockRecords + 3);
  assert.equal(JSON.parse(last.replace(/,$/, '')).final, '5');
});
