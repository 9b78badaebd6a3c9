// An outsider's re-implementation of the attribution (stop 35, qval35): the log-prob sidecar that
// `import` writes is read back, log-probs that cannot be used are said and never switch a trace to
// the estimate silently, and the L that segment shows is the one attribution sums. Through the CLI
// as users run it (dist/cli.js in a child).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratchDir, type CliRun } from './cliScratch.js';

const { dir, write } = scratchDir('rl-attrlp-');
const cli = runCli;
interface Step {
  action: string;
  r: number;
  q: number;
  pathwise: number;
  contribution: number;
}
interface Trace {
  id: string;
  klFrom: string;
  steps: Step[];
  ratio: number | null;
  ratioIs?: string;
}
const traces = (r: CliRun): Trace[] => (JSON.parse(r.stdout) as { traces: Trace[] }).traces;

// Deterministic log-probs (no Math.random): a token's policy and reference log-probs.
const lps = (n: number, seed: number): { logprobs: number[]; ref_logprobs: number[] } => ({
  logprobs: Array.from({ length: n }, (_, i) => -0.1 - ((i * 7 + seed) % 13) / 10),
  ref_logprobs: Array.from({ length: n }, (_, i) => -0.2 - ((i * 5 + seed) % 11) / 10),
});
const row = (uid: string, response: string, n: number, seed: number): string =>
  JSON.stringify({ uid, prompt: 'Calculate 12 * 3.', response, answer: '36', ...lps(n, seed) });
const THREE =
  '12 * 3 = 12 + 12 + 12.\nSo the answer is 38.\nWait, let me recompute.\n12 * 3 = 36.\nSo the answer is 36.\nWait, let me check.\n3 * 12 = 36.\nSo the answer is 36.';
const TWO = '12 * 3 = 36.\nSo the answer is 38.\nWait, let me recompute.\n12 * 3 = 36, so the answer is 36.';
const rows = [row('u1', TWO, 40, 1), row('u1', THREE, 60, 2), row('u1', TWO, 25, 3), row('u2', THREE, 90, 4)];
const jsonl = write('lp.jsonl', rows.join('\n') + '\n');

test('import writes a log-prob sidecar; attribution of the .trace reads it and matches the JSONL (qval35 finding 1)', () => {
  const out = join(dir, 'lp.trace');
  const imp = cli(['import', jsonl, '-o', out]);
  assert.equal(imp.status, 0, imp.stderr);
  assert.ok(readFileSync(`${out}.logprobs.jsonl`, 'utf8').length > 0);
  const fromTrace = cli(['attribution', out, '--json', '--kl', 'k3', '--kl-mode', 'loss']);
  const fromJsonl = cli(['attribution', jsonl, '--json', '--kl', 'k3', '--kl-mode', 'loss']);
  assert.equal(fromTrace.status, 0, fromTrace.stderr);
  const a = traces(fromTrace);
  const b = traces(fromJsonl);
  assert.equal(a.length, 4);
  assert.deepEqual(
    a.map((t) => t.klFrom),
    ['log-probs', 'log-probs', 'log-probs', 'log-probs'],
  );
  // The same numbers to the last bit (it used the eps estimate: r -0.00085 against -0.000338).
  assert.deepEqual(
    a.map((t) => t.steps),
    b.map((t) => t.steps),
  );
  assert.doesNotMatch(fromTrace.stderr, /bad-logprobs/);
});

test('a stale sidecar (other token counts, other ids) is a bad-logprobs warning and the estimate, said per trace', () => {
  const out = join(dir, 'stale.trace');
  assert.equal(cli(['import', jsonl, '-o', out]).status, 0);
  const side = `${out}.logprobs.jsonl`;
  const lines = readFileSync(side, 'utf8').trim().split('\n');
  // Line 1 one token short; line 2's id another import's; the others as written.
  const first = JSON.parse(lines[0]) as { id: string; logprobs: number[]; ref_logprobs: number[] };
  lines[0] = JSON.stringify({ ...first, logprobs: first.logprobs.slice(1), ref_logprobs: first.ref_logprobs.slice(1) });
  lines[1] = lines[1].replace('"id":"u1.2"', '"id":"zz9"');
  writeFileSync(side, lines.join('\n') + '\n');
  const r = cli(['attribution', out, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /stale\.trace\.logprobs\.jsonl:1: warning: 39 log-probs for record u1, whose "tokens" header says 40: the sidecar does not match the trace.*\[bad-logprobs\]/,
  );
  assert.match(
    r.stderr,
    /stale\.trace\.logprobs\.jsonl:2: warning: 1 line of the log-prob sidecar names no record of the trace \(the first: line 2, id zz9\).*\[bad-logprobs\]/,
  );
  // Lines are matched by id (as in the editor): the lines after the stale ones still count.
  assert.deepEqual(
    traces(r).map((t) => [t.id, t.klFrom]),
    [
      ['u1', 'estimate'],
      ['u1.2', 'estimate'],
      ['u1.3', 'log-probs'],
      ['u2', 'log-probs'],
    ],
  );
});

test('sidecar lines are matched to records by id, as in the editor: a removed record, reordered lines, an extra line, a repeated id (qval35b finding 1)', () => {
  const out = join(dir, 'byid.trace');
  assert.equal(cli(['import', jsonl, '-o', out]).status, 0);
  const side = `${out}.logprobs.jsonl`;
  const fresh = traces(cli(['attribution', out, '--json']));
  const lines = readFileSync(side, 'utf8').trim().split('\n');
  // Reordered (u2 first), a line of another import on top, u1.2's line twice (the first is used:
  // the second is a copy with one token too few, which would be a stale-count warning if read).
  const u12 = JSON.parse(lines[1]) as { id: string; logprobs: number[]; ref_logprobs: number[] };
  const short = JSON.stringify({ ...u12, logprobs: u12.logprobs.slice(1), ref_logprobs: u12.ref_logprobs.slice(1) });
  const extra = JSON.stringify({ id: 'zzz', logprobs: [-1, -1], ref_logprobs: [-1, -1] });
  writeFileSync(side, [extra, lines[3], lines[2], lines[1], lines[0], short].join('\n') + '\n');
  const r = cli(['attribution', out, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const got = traces(r);
  assert.deepEqual(
    got.map((t) => t.klFrom),
    ['log-probs', 'log-probs', 'log-probs', 'log-probs'],
  );
  assert.deepEqual(
    got.map((t) => t.steps),
    fresh.map((t) => t.steps),
  );
  assert.match(
    r.stderr,
    /byid\.trace\.logprobs\.jsonl:6: warning: names record u1\.2 again \(line 4 has its log-probs, and is used\).*\[bad-logprobs\]/,
  );
  assert.match(
    r.stderr,
    /byid\.trace\.logprobs\.jsonl:1: warning: 1 line of the log-prob sidecar names no record of the trace \(the first: line 1, id zzz\)/,
  );
  // A record removed from the trace: its line names no record; the records after it keep theirs.
  const text = readFileSync(out, 'utf8');
  const at = text.indexOf('=== u1.2');
  writeFileSync(out, text.slice(0, at) + text.slice(text.indexOf('=== ', at + 4)));
  const removed = cli(['attribution', out, '--json']);
  assert.deepEqual(
    traces(removed).map((t) => [t.id, t.klFrom]),
    [
      ['u1', 'log-probs'],
      ['u1.3', 'log-probs'],
      ['u2', 'log-probs'],
    ],
  );
  assert.match(removed.stderr, /2 lines of the log-prob sidecar name no record of the trace \(the first: line 1, id zzz\)/);
});

test('log-probs that cannot be used are never dropped silently: fewer tokens than 2 x attempts, one list alone (qval35 finding 2)', () => {
  const file = write(
    'few.jsonl',
    [
      row('n1', TWO, 3, 1),
      row('n2', TWO, 4, 1),
      JSON.stringify({ uid: 'm1', prompt: 'q', response: TWO, answer: '36', logprobs: lps(20, 1).logprobs }),
    ].join('\n') + '\n',
  );
  const r = cli(['attribution', file, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /few\.jsonl:1: warning: Record n1: 3 tokens of log-probs for 2 attempts: each attempt needs a sample token and a decision token \(at least 4\).*\[bad-logprobs\]/,
  );
  assert.match(r.stderr, /few\.jsonl:3: warning: Record m1: log-probs without reference log-probs.*\[bad-logprobs\]/);
  assert.doesNotMatch(r.stderr, /Record n2/);
  assert.deepEqual(
    traces(r).map((t) => [t.id, t.klFrom]),
    [
      ['n1', 'estimate'],
      ['n2', 'log-probs'],
      ['m1', 'estimate'],
    ],
  );
  // segment says it too (and the editor, from the same finding).
  assert.match(cli(['segment', file, '--findings']).stderr, /Record n1: 3 tokens of log-probs for 2 attempts.*\[bad-logprobs\]/);
});

test("the L segment shows is the L attribution sums: log-probs of a constant ratio eps give the estimate's numbers (qval35 finding 3)", () => {
  // Per-token log ratio 0.05 everywhere: k1 summed over an action's slice is 0.05 x its tokens, the
  // estimate with --eps 0.05 is 0.05 x L: equal only when the slices are the L segment shows
  // (and a decision is one token of the response).
  const n = 60;
  const constant = JSON.stringify({
    uid: 'c1',
    prompt: 'q',
    response: THREE,
    answer: '36',
    logprobs: Array.from({ length: n }, () => -0.25),
    ref_logprobs: Array.from({ length: n }, () => -0.3),
  });
  const estimate = JSON.stringify({ uid: 'c1', prompt: 'q', response: THREE, answer: '36', tokens: n });
  const withLp = write('const.jsonl', constant + '\n');
  const without = write('est.jsonl', estimate + '\n');
  const seg = JSON.parse(cli(['segment', withLp, '--json']).stdout) as { steps: { kind: string; tokens?: number }[] }[];
  const L = seg[0].steps.filter((s) => s.kind === 'sample').map((s) => s.tokens!);
  assert.equal(L.reduce((a, b) => a + b, 0) + L.length, n, `L = ${L.join(', ')}`);
  const a = traces(cli(['attribution', withLp, '--json', '--beta', '1']))[0];
  const b = traces(cli(['attribution', without, '--json', '--beta', '1', '--eps', '0.05']))[0];
  assert.equal(a.klFrom, 'log-probs');
  assert.equal(b.klFrom, 'estimate');
  a.steps.forEach((s, i) => assert.ok(Math.abs(s.r - b.steps[i].r) < 1e-12, `step ${i}: ${s.r} vs ${b.steps[i].r}`));
  // Samples' r are -0.05 x L.
  L.forEach((l, k) => assert.ok(Math.abs(a.steps[2 * k].r + 0.05 * l) < 1e-12));
});

test('a ratio JSON prints as null says whether it is x/0 ("infinite") or 0/0 ("undefined") (qval35 finding 6)', () => {
  // k3 as a loss: each token's dk/dlogp is 0 where the clamp at 20 is active (ref - logp >= 20
  // from token 29 of 30 on, STOP's included) and not before: drag on sampling, none on decisions.
  const n = 30;
  const file = write(
    'ratio.jsonl',
    JSON.stringify({
      uid: 'x4',
      prompt: 'q',
      response: '12 * 3 = 12 + 12 + 12.\nSo the answer is 38.\nWait, let me recompute.\n12 * 3 = 36.\nSo the answer is 36.',
      answer: '36',
      logprobs: Array.from({ length: n }, (_, i) => -3 - 0.5 * i),
      ref_logprobs: Array.from({ length: n }, () => -0.5),
    }) + '\n',
  );
  const inf = traces(cli(['attribution', file, '--json', '--kl', 'k3', '--kl-mode', 'loss']))[0] as Trace & {
    drag: { sampling: number; decision: number };
    surrogateRatioIs?: string;
  };
  assert.ok(inf.drag.sampling !== 0 && inf.drag.decision === 0, JSON.stringify(inf.drag));
  assert.equal(inf.ratio, null);
  assert.equal(inf.ratioIs, 'infinite');
  assert.equal(inf.surrogateRatioIs, undefined);
  const undef = traces(cli(['attribution', file, '--json', '--beta', '0']))[0];
  assert.equal(undef.ratio, null);
  assert.equal(undef.ratioIs, 'undefined');
  // A finite ratio has no such field.
  const finite = traces(cli(['attribution', file, '--json']))[0];
  assert.equal(typeof finite.ratio, 'number');
  assert.ok(!('ratioIs' in finite));
});

test('a malformed "tokens" value is reported but the record is attributed with the fallback split, as segment and the hover do (qval35b finding 2)', () => {
  const rec = (id: string, tokens: string | undefined, final: number): string =>
    `=== ${id}\nquery: Calculate 12 * 3.\nanswer: 36\nmodel: m\ngroup: BAD\n${tokens === undefined ? '' : `tokens: ${tokens}\n`}---\nSo the answer is ${final}.\n`;
  for (const bad of ['12a', '0', '-3', '4.5']) {
    const file = write(
      'badtok.trace',
      [rec('b1', undefined, 36), rec('b2', bad, 35), rec('b3', undefined, 36), rec('b4', undefined, 35)].join(''),
    );
    const r = cli(['attribution', file, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { traces: (Trace & { advantage: number })[]; skipped: unknown[] };
    assert.deepEqual(doc.skipped, [], bad);
    // A group of 4 (rewards 1, 0, 1, 0): A = +-0.8660; with b2 skipped it was a group of 3 (b1 +0.5774).
    assert.deepEqual(
      doc.traces.map((t) => [t.id, t.advantage.toFixed(4)]),
      [
        ['b1', '0.8660'],
        ['b2', '-0.8660'],
        ['b3', '0.8660'],
        ['b4', '-0.8660'],
      ],
      bad,
    );
    // The error is still said, and the header is not used: b2's split is the one of no header.
    assert.match(r.stderr, /badtok\.trace:8: error: record b2: .*"tokens.*it is not used\. \[bad-header-value\]/, bad);
    const none = write(
      'notok.trace',
      [rec('b1', undefined, 36), rec('b2', undefined, 35), rec('b3', undefined, 36), rec('b4', undefined, 35)].join(''),
    );
    assert.deepEqual(traces(r)[1].steps, traces(cli(['attribution', none, '--json']))[1].steps, bad);
  }
});

test('import leaves unusable log-probs out of its sidecar and says so; one list alone gives no token count (qval35b findings 4, 6)', () => {
  const lines = [
    row('n1', TWO, 3, 1),
    JSON.stringify({ uid: 'm1', prompt: 'q', response: TWO, answer: '36', logprobs: lps(20, 1).logprobs }),
    JSON.stringify({ uid: 'm1b', prompt: 'q', response: TWO, answer: '36', ref_logprobs: lps(20, 1).ref_logprobs }),
    JSON.stringify({ uid: 'm1c', prompt: 'q', response: TWO, answer: '36' }),
    row('ok', TWO, 20, 1),
  ];
  const file = write('lpe.jsonl', lines.join('\n') + '\n');
  const out = join(dir, 'lpe.trace');
  const imp = cli(['import', file, '-o', out]);
  assert.equal(imp.status, 0, imp.stderr);
  // At the log-probs field's value (the policy's list, else the reference's), as the other field
  // diagnostics; it said column 1.
  const col = (i: number, key: string): number => lines[i].indexOf(`"${key}":`) + key.length + 4;
  assert.ok(col(0, 'logprobs') > 1 && col(2, 'ref_logprobs') > 1);
  assert.match(
    imp.stderr,
    new RegExp(
      `lpe\\.jsonl:1:${col(0, 'logprobs')}: warning: record n1: 3 tokens of log-probs for 2 attempts.*not written to the log-prob sidecar.*\\[bad-logprobs\\]`,
    ),
  );
  assert.match(
    imp.stderr,
    new RegExp(`lpe\\.jsonl:2:${col(1, 'logprobs')}: warning: record m1: log-probs without reference log-probs.*\\[bad-logprobs\\]`),
  );
  assert.match(
    imp.stderr,
    new RegExp(
      `lpe\\.jsonl:3:${col(2, 'ref_logprobs')}: warning: record m1b: reference log-probs without the policy's log-probs.*\\[bad-logprobs\\]`,
    ),
  );
  // Only the usable line is written (before: five, two with null for the missing list).
  assert.deepEqual(
    readFileSync(`${out}.logprobs.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id),
    ['ok'],
  );
  // m1 (policy log-probs alone) gives no N: split as m1b and m1c (no log-probs), not with N = 20.
  const a = traces(cli(['attribution', file, '--json']));
  const steps = (id: string): Step[] => a.find((t) => t.id === id)!.steps;
  assert.deepEqual(steps('m1'), steps('m1c'));
  assert.deepEqual(steps('m1b'), steps('m1c'));
  assert.doesNotMatch(readFileSync(out, 'utf8').split('=== m1\n')[1].split('===')[0], /tokens:/);
  // A sidecar line with null for a list says "null" (it said "is object").
  writeFileSync(`${out}.logprobs.jsonl`, JSON.stringify({ id: 'ok', logprobs: lps(20, 1).logprobs, ref_logprobs: null }) + '\n');
  assert.match(cli(['attribution', out, '--json']).stderr, /"ref_logprobs" is null: expected a list of numbers/);
});
