// Terminal escape sequences in trace content (a `model:` header, a record id, the body, a broken
// JSONL line, a file name) must never reach the terminal raw: every command's tables,
// diagnostics, skipped lists, --findings and error messages show control characters escaped
// (\u001b), while --json stays lossless (JSON escapes them and parses back to the same text).
// Runs the built dist/cli.js as users do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'rl-cli-esc-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const OSC = '\u001b]0;pwned\u0007'; // sets the terminal's title
const SGR = '\u001b[31m'; // red
const C1 = '\u009b31m'; // CSI as one C1 character
const EVIL = `${OSC}${SGR}${C1}\u007f\u0008`;
/** Control characters a terminal acts on: C0 except tab and line feed, DEL, C1. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const TRACE = [
  `=== 1${OSC}`,
  'query: Calculate 12 * 34.',
  'answer: 408',
  `task: 2x2${SGR}`,
  `model: grpo${EVIL}`,
  '---',
  `12 * 34 = 418 ${OSC} ${SGR} \u000b\u000c\r`,
  'Wait, 12 * 30 = 360 and 12 * 4 = 48.',
  '360 + 48 = 408',
  `=== 2${SGR}`,
  'answer: 5',
  `not a header ${OSC}`,
  '---',
  'x = 5',
  '=== 3',
  'query: Calculate 2 * 3.',
  `model: grpo${EVIL}`,
  '---',
  `no ground truth ${SGR} so the answer is 6`,
  '',
].join('\n');

const JSONL = [
  JSON.stringify({
    prompt: 'Calculate 12 * 34.',
    response: `12 * 34 = 408 ${OSC}\r${SGR}`,
    gts: '408',
    task: `2x2${OSC}`,
    model: `m${EVIL}\r`,
  }),
  `{"prompt": "Calculate 2 * 3.", "response": ${OSC}${SGR} broken`,
  JSON.stringify({ prompt: 'Calculate 2 * 3.', gts: '6', note: `no response ${OSC}` }),
  '',
].join('\n');

/** Asserts no raw control character in what a command printed; returns both streams. */
function clean(what: string, r: { stdout: string; stderr: string }): string {
  for (const [name, text] of [
    ['stdout', r.stdout],
    ['stderr', r.stderr],
  ] as const) {
    const m = RAW.exec(text);
    assert.equal(
      m,
      null,
      `${what}: raw U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} on ${name} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 20))}`,
    );
  }
  return r.stdout + r.stderr;
}

test('CLI: escape sequences from traces are printed escaped in tables, diagnostics, findings, skipped lists and errors', () => {
  const data = join(dir, `corpus${SGR}`);
  mkdirSync(data);
  const trace = join(data, `t${OSC}.trace`);
  const jsonl = join(data, 'r.jsonl');
  writeFileSync(trace, TRACE);
  writeFileSync(jsonl, JSONL);

  const seg = cli(['segment', trace, '--findings']);
  assert.equal(seg.status, 0, seg.stderr);
  const segOut = clean('segment --findings', seg);
  // Shown, escaped, not dropped: the file name, the record ids, the broken header line's record.
  assert.ok(segOut.includes('\\u001b]0;pwned\\u0007'), segOut);
  assert.match(seg.stderr, /bad-header/);
  assert.match(seg.stdout, /grpo\\u001b/);

  const segJsonl = cli(['segment', jsonl]);
  const jsonlOut = clean('segment r.jsonl', segJsonl);
  assert.match(segJsonl.stderr, /bad-json/);
  assert.ok(jsonlOut.includes('pwned'), 'the broken line is still quoted');

  const calib = cli(['calibrate', data, '--bootstrap', '20']);
  assert.equal(calib.status, 0, calib.stderr);
  const calibOut = clean('calibrate (table)', calib);
  assert.match(calibOut, /Skipped \(\d+\):/);
  assert.match(calib.stdout, /grpo\\u001b\]0;pwned\\u0007\\u001b\[31m\\u009b31m\\u007f\\u0008/);

  clean('calibrate --csv', cli(['calibrate', data, '--bootstrap', '20', '--csv']));
  clean('attribution', cli(['attribution', trace]));
  clean('import', cli(['import', jsonl, '-o', join(dir, 'imported.trace')]));
  clean('calibrate (missing path)', cli(['calibrate', join(dir, `missing${OSC}.trace`)]));

  // verl watch on a rollout folder whose step file has the same lines.
  const rollouts = join(dir, 'rollouts');
  mkdirSync(rollouts);
  writeFileSync(join(rollouts, '1.jsonl'), JSONL);
  const watch = cli(['verl', 'watch', rollouts, '--once', '--bootstrap', '20']);
  assert.equal(watch.status, 0, watch.stderr);
  clean('verl watch', watch);
});

test('CLI: --json output escapes every control character and parses back to the exact text', () => {
  const trace = join(dir, 'json.trace');
  writeFileSync(trace, TRACE);
  for (const args of [
    ['segment', trace, '--json'],
    ['calibrate', trace, '--json', '--bootstrap', '20'],
  ]) {
    const r = cli(args);
    clean(args.join(' '), r);
    const out = JSON.parse(r.stdout);
    const models: string[] = Array.isArray(out)
      ? out.map((x: { model: string }) => x.model)
      : out.groups.map((g: { model: string }) => g.model);
    assert.ok(models.includes(`grpo${EVIL}`), `${args[0]}: ${JSON.stringify(models)}`);
  }
});
