// What README, --help and the CHANGELOG promise about inputs and exits, checked on the built
// dist/cli.js for every command that reads files (an outsider's report, round 33): a device or
// socket is skipped with the reason, a file given twice (or through a link) is read once with a
// note, `verl watch | head` ends cleanly, ChatML / [INST] prompts name their task, an unclosed
// <think> without a finish reason is cut off in flat JSONL, attribution of nothing read exits 1,
// verl export names each problem's line, and the help texts say what the code does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'rl-cli-doc-'));
const cliPath = join(process.cwd(), 'dist/cli.js');
const skip = existsSync(cliPath) ? undefined : 'dist/cli.js is not built (node scripts/build.mjs)';
const noZero = skip ?? (existsSync('/dev/zero') ? undefined : 'no /dev/zero');

// The timeout is a hang guard (a command reading /dev/zero never ends), not a timing assertion.
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    cwd: dir,
    env: { ...process.env, REFLECTION_LENS_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const jsonl = join(dir, 'f.jsonl');
writeFileSync(
  jsonl,
  [
    { prompt: 'Calculate 2 * 3.', response: '2 * 3 = 6. The answer is 6.', answer: '6' },
    { prompt: 'Calculate 2 * 4.', response: '2 * 4 = 8. The answer is 8.', answer: '8' },
  ]
    .map((o) => JSON.stringify(o) + '\n')
    .join(''),
);
const link = join(dir, 'link.jsonl');
symlinkSync(jsonl, link);

let server: Server | undefined;
const socket = join(dir, 'sock');
test.before(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server!.listen(socket, resolve));
});
test.after(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const DEVICE = /\/dev\/zero: a character device, not a regular file: not read \(it can be endless\)/;
const SOCKET = /sock: a socket, not a regular file: not read/;

for (const [name, args] of [
  ['segment', ['segment']],
  ['segment --json', ['segment', '--json']],
  ['attribution', ['attribution']],
  ['eval-segmentation', ['eval-segmentation']],
] as const) {
  test(`${name}: a device or a socket is skipped with the reason (exit 1, as an unreadable file)`, { skip: noZero }, () => {
    for (const [path, reason] of [
      ['/dev/zero', DEVICE],
      [socket, SOCKET],
    ] as const) {
      const r = cli([...args, path]);
      assert.equal(r.status, 1, `${path}: ${r.stderr}`);
      assert.match(r.stdout + r.stderr, reason);
      assert.doesNotMatch(r.stderr, /ENXIO/);
    }
  });
}

test('import: a device or a socket is not read, OUT not written', { skip: noZero }, () => {
  for (const [path, reason] of [
    ['/dev/zero', DEVICE],
    [socket, SOCKET],
  ] as const) {
    const out = join(dir, 'z.trace');
    const r = cli(['import', path, '-o', out]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, reason);
    assert.match(r.stderr, /z\.trace not written/);
    assert.ok(!existsSync(out));
  }
});

test('a device among good files: the rest is read', { skip: noZero }, () => {
  const r = cli(['segment', '--json', '/dev/zero', jsonl]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal((JSON.parse(r.stdout) as unknown[]).length, 2);
  const a = cli(['attribution', '--json', '/dev/zero', jsonl]);
  assert.equal(a.status, 0, a.stderr);
  const out = JSON.parse(a.stdout) as { traces: unknown[]; skipped: { file: string; reason: string }[] };
  assert.equal(out.traces.length, 2);
  assert.deepEqual(
    out.skipped.map((s) => s.file),
    ['/dev/zero'],
  );
});

test('segment: a file given twice, or through a link, is read once with a note', { skip }, () => {
  const r = cli(['segment', '--json', jsonl, jsonl, link]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as unknown[]).length, 2);
  assert.match(r.stderr, /f\.jsonl: given more than once: read once/);
  assert.match(r.stderr, /link\.jsonl: the same file as .*f\.jsonl: read once/);
});

test('attribution: a file given twice is read once, the repeat listed under skipped', { skip }, () => {
  const r = cli(['attribution', '--json', jsonl, jsonl]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { traces: unknown[]; skipped: { file: string; reason: string }[] };
  assert.equal(out.traces.length, 2);
  assert.equal(out.skipped.length, 1);
  assert.match(out.skipped[0].reason, /given more than once: read once/);
});

test('eval-segmentation: a trace file given twice counts its records once', { skip }, () => {
  const trace = join(dir, 'g.trace');
  writeFileSync(trace, '=== 1\nquery: Calculate 2 * 3.\nanswer: 6\n---\n2 * 3 = 6\n');
  writeFileSync(`${trace}.gold.jsonl`, JSON.stringify({ id: '1', candidates: [{ value: '6', offset: 8 }], final: '6' }) + '\n');
  const r = cli(['eval-segmentation', '--json', trace, trace]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { records: number }).records, 1);
  assert.match(r.stderr, /g\.trace: given more than once: read once/);
});

test('attribution: exit 1 when not one record could be read (every line malformed), 0 for an empty file', { skip }, () => {
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, 'not json\n{"also": "no response"}\n');
  const r = cli(['attribution', bad]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const empty = join(dir, 'empty.jsonl');
  writeFileSync(empty, '');
  assert.equal(cli(['attribution', empty]).status, 0);
});

test('verl watch | head: the closed pipe ends the run cleanly (exit 0, no stack trace)', { skip }, () => {
  const rollouts = join(dir, 'rollouts');
  const sim = cli(['verl', 'simulate', rollouts, '--steps', '6', '--rollouts', '256', '--every-ms', '0']);
  assert.equal(sim.status, 0, sim.stderr);
  for (const json of [['--json'], []]) {
    const err = join(dir, 'watch.err');
    const p = spawnSync(
      'bash',
      [
        '-c',
        `"$1" "$2" verl watch "$3" --once ${json.join(' ')} 2>"$4" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "$4"`,
        'bash',
        process.execPath,
        cliPath,
        rollouts,
        err,
      ],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, REFLECTION_LENS_DEBUG: '' } },
    );
    const [rc, ...rest] = p.stdout.split('\n');
    assert.equal(rc, '0', p.stdout);
    assert.doesNotMatch(rest.join('\n'), /EPIPE|at .*\.js:\d+/);
  }
});

test('verl watch --bootstrap out of range is refused before "following"', { skip }, () => {
  const r = cli(['verl', 'watch', dir, '--once', '--bootstrap', '100001']);
  assert.equal(r.status, 2);
  assert.doesNotMatch(r.stderr, /following/);
});

test('a ChatML, Llama or [INST] prompt names its multiplication task', { skip }, () => {
  const file = join(dir, 'chat.jsonl');
  const prompts = [
    '<|im_start|>user\nCalculate 12 * 34. Think step by step.<|im_end|>\n<|im_start|>assistant\n',
    '<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nCalculate 12 * 34. Think step by step.<|im_end|>\n<|im_start|>assistant\n',
    '[INST] Calculate 12 * 34. Think step by step. [/INST]',
    '<s>[INST] Calculate 12 * 34. Think step by step.[/INST]',
    '<|start_header_id|>user<|end_header_id|>\n\nCalculate 12 * 34. Think step by step.<|eot_id|>',
    '<\uff5cUser\uff5c>Calculate 12 * 34. Think step by step.<\uff5cAssistant\uff5c>',
  ];
  writeFileSync(file, prompts.map((prompt) => JSON.stringify({ prompt, response: '408', answer: '408' }) + '\n').join(''));
  const r = cli(['segment', '--json', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    (JSON.parse(r.stdout) as { task: string }[]).map((s) => s.task),
    prompts.map(() => '2x2'),
  );
  const out = join(dir, 'chat.trace');
  assert.equal(cli(['import', file, '-o', out]).status, 0);
  const seg = JSON.parse(cli(['segment', '--json', out]).stdout) as { task: string }[];
  assert.deepEqual(
    seg.map((s) => s.task),
    prompts.map(() => '2x2'),
  );
});

test(
  'flat JSONL: an unclosed <think> with no finish reason is cut off (not calibrated); with finish_reason stop it counts',
  { skip },
  () => {
    const file = join(dir, 'think.jsonl');
    writeFileSync(
      file,
      [
        { prompt: 'Calculate 2 * 3.', response: '<think>2*3 = 6', answer: '6' },
        { prompt: 'Calculate 2 * 4.', response: '<think>2*4 = 8', answer: '8', finish_reason: 'stop' },
        { prompt: 'Calculate 2 * 5.', response: '<think>2*5 = 10</think> 10', answer: '10' },
      ]
        .map((o) => JSON.stringify(o) + '\n')
        .join(''),
    );
    const r = cli(['calibrate', file, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { groups: { n: number }[]; skipped: { line?: number; reason: string }[] };
    assert.equal(
      out.groups.reduce((s, g) => s + g.n, 0),
      2,
    );
    assert.deepEqual(
      out.skipped.map((s) => s.line),
      [1],
    );
    assert.match(out.skipped[0].reason, /cut off/);
    const seg = cli(['segment', file]);
    assert.match(seg.stderr, /think\.jsonl:1:\d+: warning: .*its thinking block \(<think>\) is never closed: read as cut off/);
  },
);

test('calibrate: the footer names the interval the code computes (the hull)', { skip }, () => {
  const r = cli(['calibrate', jsonl]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /for p, delta1, delta2 the hull of Wilson and the percentile bootstrap over traces/);
  assert.doesNotMatch(r.stdout, /wider of/);
});

test('segment --help: the synopsis README gives', { skip }, () => {
  const r = cli(['segment', '--help']);
  assert.match(
    r.stdout,
    /^Usage: reflection-lens segment FILE\.\.\. \[--json\] \[--findings\] \[--max-tokens N\] \[--format NAME\] \[--map key=path,\.\.\.\]$/m,
  );
});

test('top-level --help: every summary starts in one column', { skip }, () => {
  const r = cli(['--help']);
  const rows = r.stdout.split('\n').filter((l) => /^ {2}[a-z-]+ {2,}\S/.test(l));
  assert.equal(rows.length, 8, r.stdout);
  const columns = new Set(rows.map((l) => /^ {2}[a-z-]+ +/.exec(l)![0].length));
  assert.equal(columns.size, 1, r.stdout);
});

test('verl export --from: each kind of problem with the line of its first record', { skip }, () => {
  const from = join(dir, 'from.jsonl');
  writeFileSync(
    from,
    [
      { prompt: 'Calculate 2 * 3.', response: '6', answer: '6' },
      { prompt: 'Calculate 2 * 3.', response: '6', answer: '7' },
      { prompt: 'Calculate 2 * 4.', response: '8', answer: '8' },
      { response: '8', answer: '8' },
    ]
      .map((o) => JSON.stringify(o) + '\n')
      .join(''),
  );
  const r = cli(['verl', 'export', '--out', join(dir, 'bundle'), '--from', from]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /from\.jsonl:2: 1 record\(s\) whose ground truth differs/);
  assert.match(r.stderr, /from\.jsonl:4: 1 record\(s\) without a prompt/);
});

test('an Inspect log written as one line of JSON is labelled json, as the pretty-printed one', { skip }, () => {
  const doc = {
    version: 2,
    eval: { task: 'gsm8k', model: 'm' },
    samples: [
      {
        id: 1,
        epoch: 1,
        input: 'Calculate 2 * 3.',
        target: '6',
        output: { choices: [{ message: { content: 'The answer is 6.' } }] },
        scores: { match: { value: 'C' } },
      },
    ],
  };
  for (const [name, text] of [
    ['one.json', JSON.stringify(doc) + '\n'],
    ['pretty.json', JSON.stringify(doc, null, 2) + '\n'],
  ]) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = cli(['segment', '--json', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`${name}: reading inspect \\(json\\): `));
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1);
  }
});
