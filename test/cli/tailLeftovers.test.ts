// The small leftovers of stop 35's bad-input and attribution fixes (tail35), through the CLI as
// users run it (dist/cli.js in a child).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, scratchDir } from './cliScratch.js';

const { dir, write } = scratchDir('rl-tail35-');
const cli = runCli;
const TWO = '12 * 3 = 36.\nSo the answer is 38.\nWait, let me recompute.\n12 * 3 = 36, so the answer is 36.';

test('segment reads the log-prob sidecar of a .trace: its findings and its bad lines (item 1)', () => {
  const trace = write('seg.trace', `=== u1\nquery: Calculate 12 * 3.\nanswer: 36\n---\n${TWO}\n`);
  write('seg.trace.logprobs.jsonl', `${JSON.stringify({ id: 'u1', logprobs: [-1, -1, -1], ref_logprobs: [-1, -1, -1] })}\ngarbage\n`);
  const r = cli(['segment', '--findings', trace]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /seg\.trace:1:1: warning: Record u1: 3 tokens of log-probs for 2 attempts.*\[bad-logprobs\]/);
  assert.match(r.stderr, /seg\.trace\.logprobs\.jsonl:2: warning: not a JSON object.*\[bad-logprobs\]/);
});

test("attribution's table says where each trace's KL came from: lp or est (item 2)", () => {
  const row = (lp: boolean, response: string): string =>
    JSON.stringify({
      uid: 'u1',
      prompt: 'Calculate 12 * 3.',
      response,
      answer: '36',
      ...(lp ? { logprobs: [-1, -1, -1, -1, -1, -1], ref_logprobs: [-2, -2, -2, -2, -2, -2] } : {}),
    });
  const file = write('kl.jsonl', `${row(true, TWO)}\n${row(false, '12 * 3 = 35.\nSo the answer is 35.')}\n`);
  const r = cli(['attribution', file]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines.find((l) => l.startsWith('trace')) ?? '', /surr\. ratio +KL$/);
  assert.match(lines.find((l) => l.includes('#u1 ')) ?? '', / lp$/);
  assert.match(lines.find((l) => l.includes('#u1.2')) ?? '', / est$/);
});

test('a malformed step: header is a bad-header-value warning at its column; the record is still read (item 3)', () => {
  const trace = write('400.trace', `=== r1\nstep: twelve\nanswer: 36\n---\n12 * 3 = 36. The answer is 36.\n`);
  const r = cli(['segment', trace]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /400\.trace:2:7: warning: Malformed "step" value: expected the training step, a whole number in digits.*got "twelve".*\[bad-header-value\]/,
  );
  assert.match(r.stdout, /r1 /);
  const c = cli(['calibrate', '--json', '--by', 'step', trace]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal((JSON.parse(c.stdout) as { groups: { n: number }[] }).groups[0].n, 1);
});

test('import: a step field the engine cannot read and unknown finish_reason values are said, the latter once with a count (item 3)', () => {
  const base = { prompt: 'Calculate 12 * 3.', response: '12 * 3 = 36. The answer is 36.', answer: '36' };
  const lines = [
    JSON.stringify({ uid: 'a', ...base, finish_reason: 'stop' }),
    JSON.stringify({ uid: 'b', ...base, finish_reason: 'max_tokens', step: 'x12' }),
    JSON.stringify({ uid: 'c', ...base, finish_reason: 'MAX_TOKENS' }),
  ];
  const file = write('fr.jsonl', lines.join('\n') + '\n');
  const r = cli(['import', file, '-o', join(dir, 'fr.trace')]);
  assert.equal(r.status, 0, r.stderr);
  const col = (line: string, field: string): number => line.indexOf(`"${field}"`) + field.length + 4;
  assert.match(
    r.stderr,
    new RegExp(`fr\\.jsonl:2:${col(lines[1], 'step')}: warning: record b: Malformed "step" value.*\\[bad-header-value\\]`),
  );
  const finish = r.stderr.split('\n').filter((l) => l.includes('[unknown-finish-reason]'));
  assert.equal(finish.length, 1, r.stderr);
  assert.match(
    finish[0],
    new RegExp(
      `^.*fr\\.jsonl:2:${col(lines[1], 'finish_reason')}: warning: 2 records have a "finish_reason" the engine does not know \\(the first here: "max_tokens"\\)`,
    ),
  );
  // Said whether a record is cut off (--map truncated=...): no warning.
  const m = cli(['import', file, '-o', join(dir, 'fr2.trace'), '--map', 'truncated=finish_reason == "max_tokens"']);
  assert.equal(m.status, 0, m.stderr);
  assert.doesNotMatch(m.stderr, /unknown-finish-reason/);
  // A chat row: the preset reads truncated as finish_reason == "length", so an unknown reason is said, at its field.
  const chatLine = JSON.stringify({
    messages: [
      { role: 'user', content: 'Calculate 12 * 3.' },
      { role: 'assistant', content: '12 * 3 = 36. The answer is 36.' },
    ],
    answer: '36',
    finish_reason: 'max_tokens',
  });
  const chat = cli(['import', write('chatfr.jsonl', `${chatLine}\n`), '-o', join(dir, 'chatfr.trace')]);
  assert.match(
    chat.stderr,
    new RegExp(
      `chatfr\\.jsonl:1:${chatLine.indexOf('"max_tokens"') + 1}: warning: 1 record has a "finish_reason" the engine does not know`,
    ),
  );
});

test('a second BOM at the start of a JSONL file is an extra-bom warning at column 2, the line read (item 4)', () => {
  const row = (uid: string): string =>
    JSON.stringify({ uid, prompt: 'Calculate 12 * 3.', response: '12 * 3 = 36. The answer is 36.', answer: '36' });
  const flat = write('bom2.jsonl', `\ufeff\ufeff${row('a')}\n${row('b')}\n`);
  const r = cli(['segment', '--json', flat]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id),
    ['a', 'b'],
  );
  assert.match(
    r.stderr,
    /bom2\.jsonl:1:2: warning: A second byte-order mark \(U\+FEFF\) after the first: ignored, the JSON line is read.*\[extra-bom\]/,
  );
  assert.doesNotMatch(r.stderr, /bad-json/);
  const chat = write(
    'bom2chat.jsonl',
    `\ufeff\ufeff\ufeff${JSON.stringify({
      messages: [
        { role: 'user', content: 'Calculate 12 * 3.' },
        { role: 'assistant', content: '12 * 3 = 36. The answer is 36.' },
      ],
      answer: '36',
    })}\n`,
  );
  const c = cli(['segment', '--json', chat]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal((JSON.parse(c.stdout) as unknown[]).length, 1);
  assert.match(c.stderr, /bom2chat\.jsonl:1:2: warning: 2 more byte-order marks.*\[extra-bom\]/);
});

test('chat rows: a truncated or step value the engine cannot read is reported at its field in the line, not column 1 (item 5)', () => {
  const line = JSON.stringify({
    messages: [
      { role: 'user', content: 'Calculate 12 * 3.' },
      { role: 'assistant', content: '12 * 3 = 36. The answer is 36.' },
    ],
    answer: '36',
    meta: { flags: [true, 'maybe'], step: 'x' },
    cut: [1, 2],
  });
  const file = write('chatbad.jsonl', `${line}\n`);
  const col = (needle: string): number => line.indexOf(needle) + 1;
  const imp = cli(['import', file, '-o', join(dir, 'chatbad.trace'), '--map', 'truncated=meta.flags[1],step=meta.step']);
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stderr, new RegExp(`chatbad\\.jsonl:1:${col('"maybe"')}: warning: record 1: Malformed "truncated" value`));
  assert.match(imp.stderr, new RegExp(`chatbad\\.jsonl:1:${col('"x"')}: warning: record 1: Malformed "step" value`));
  const seg = cli(['segment', file, '--map', 'truncated=meta.flags[1]']);
  assert.match(seg.stderr, new RegExp(`chatbad\\.jsonl:1:${col('"maybe"')}: error: Malformed "truncated" value`));
  const list = cli(['segment', file, '--map', 'truncated=cut']);
  assert.match(
    list.stderr,
    new RegExp(`chatbad\\.jsonl:1:${col('[1,2]')}: warning: truncated <- cut is an array of 2 values.*\\[bad-truncated\\]`),
  );
});

test('positive per-token log-probs ([5, 5]: a probability above 1) are bad-logprobs and the estimate is used (item 6)', () => {
  const line = JSON.stringify({
    uid: 'u1',
    prompt: 'Calculate 12 * 3.',
    response: TWO,
    answer: '36',
    logprobs: [5, 5, 5, 5, 5, 5],
    ref_logprobs: [-1, -1, -1, -1, -1, -1],
  });
  const file = write('pos.jsonl', `${line}\n`);
  const r = cli(['attribution', '--json', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `pos\\.jsonl:1:${line.indexOf('[5,') + 2}: warning: "logprobs"\\[0\\] is 5, above 0: a log-probability is at most 0.*\\[bad-logprobs\\]`,
    ),
  );
  assert.equal((JSON.parse(r.stdout) as { traces: { klFrom: string }[] }).traces[0].klFrom, 'estimate');
  // Rounding just above 0 (float32 log_softmax) is a log-prob.
  const tiny = write('tiny.jsonl', `${line.replace('[5,5,5,5,5,5]', '[1e-7,-1,-1,-1,-1,-1]')}\n`);
  const t = cli(['attribution', '--json', tiny]);
  assert.doesNotMatch(t.stderr, /bad-logprobs/);
  assert.equal((JSON.parse(t.stdout) as { traces: { klFrom: string }[] }).traces[0].klFrom, 'log-probs');
});

test("a chat row's own truncated field is read (it was dropped silently and the record calibrated as complete)", () => {
  const row = (truncated: boolean): string =>
    JSON.stringify({
      messages: [
        { role: 'user', content: 'Calculate 12 * 3.' },
        { role: 'assistant', content: '12 * 3 = 36. The answer is 36.' },
      ],
      answer: '36',
      truncated,
    });
  const file = write('chattr.jsonl', `${row(true)}\n${row(false)}\n`);
  const r = cli(['calibrate', '--json', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /truncated <- truncated/);
  assert.equal((JSON.parse(r.stdout) as { groups: { n: number }[] }).groups[0].n, 1);
});
