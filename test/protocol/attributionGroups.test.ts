// An outsider's re-implementation of the attribution (stop 35, qval35), over a real JSON-RPC
// connection to dist/server.js: the editor reads the log-prob sidecar of a .trace (the hover's r is
// the CLI's with log-probs; a stale sidecar is a warning), groups rollouts by model as well as by
// group, and says how many members of a group have a known reward.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspSession } from './lspSession.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-attrgroups-'));

const TWO = '12 * 3 = 36.\nSo the answer is 38.\nWait, let me recompute.\n12 * 3 = 36, so the answer is 36.';
const lps = (n: number, seed: number): { logprobs: number[]; ref_logprobs: number[] } => ({
  logprobs: Array.from({ length: n }, (_, i) => -0.1 - ((i * 7 + seed) % 13) / 10),
  ref_logprobs: Array.from({ length: n }, (_, i) => -0.2 - ((i * 5 + seed) % 11) / 10),
});

const hoverText = async (s: LspSession, uri: string, line: number): Promise<string> => {
  const h: Hover | null = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 0 } });
  assert.ok(h, `hover on line ${line + 1}`);
  return (h.contents as { value: string }).value;
};
const row = (md: string, name: string): string => new RegExp(`\\| ${name} \\| ([^|]+) \\|`).exec(md)?.[1] ?? '';

describe('attribution in the editor: sidecar log-probs, groups by model, known rewards', () => {
  let s: LspSession;
  before(async () => {
    s = new LspSession();
    await s.initialize();
  });
  after(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a .trace's log-prob sidecar is read: the hover's r is the CLI's from the log-probs; a stale one is a warning", async () => {
    const jsonl = join(dir, 'lp.jsonl');
    writeFileSync(
      jsonl,
      [40, 30]
        .map((n, k) => JSON.stringify({ uid: 'u1', prompt: 'Calculate 12 * 3.', response: TWO, answer: '36', ...lps(n, k) }))
        .join('\n') + '\n',
    );
    const trace = join(dir, 'lp.trace');
    assert.equal(spawnSync(process.execPath, ['dist/cli.js', 'import', jsonl, '-o', trace], { encoding: 'utf8' }).status, 0);
    const cli = JSON.parse(spawnSync(process.execPath, ['dist/cli.js', 'attribution', jsonl, '--json'], { encoding: 'utf8' }).stdout) as {
      traces: { steps: { r: number }[] }[];
    };
    const text = readFileSync(trace, 'utf8');
    const uri = pathToFileURL(trace).href;
    await s.open(uri, text);
    const ds = await s.diagnosticsFor(uri, 1);
    assert.deepEqual(
      ds.filter((d) => d.code === 'bad-logprobs'),
      [],
    );
    const firstSample = text.split('\n').indexOf('---') + 1;
    const md = await hoverText(s, uri, firstSample);
    assert.equal(row(md, 'KL from'), 'per-token log-probs');
    // fmt prints 4 significant digits: the CLI's r (from the log-probs) to that precision.
    const r = Number(row(md, 'immediate KL penalty r'));
    assert.ok(Math.abs(r - cli.traces[0].steps[0].r) <= 5e-4 * Math.abs(cli.traces[0].steps[0].r), `${r} vs ${cli.traces[0].steps[0].r}`);
    // The same trace beside another import's sidecar: one line a token short, one of an id no record has.
    const stale = join(dir, 'stale.trace');
    writeFileSync(stale, text);
    const lines = readFileSync(`${trace}.logprobs.jsonl`, 'utf8').trim().split('\n');
    const first = JSON.parse(lines[0]) as { id: string; logprobs: number[]; ref_logprobs: number[] };
    lines[0] = JSON.stringify({ ...first, logprobs: first.logprobs.slice(1), ref_logprobs: first.ref_logprobs.slice(1) });
    lines[1] = lines[1].replace('"id":"u1.2"', '"id":"zz9"');
    writeFileSync(`${stale}.logprobs.jsonl`, lines.join('\n') + '\n');
    const staleUri = pathToFileURL(stale).href;
    await s.open(staleUri, text);
    const sd = (await s.diagnosticsFor(staleUri, 1)).filter((d) => d.code === 'bad-logprobs');
    assert.equal(sd.length, 2, JSON.stringify(sd, null, 1));
    assert.ok(
      sd.some((d) => /39 log-probs for record u1, whose "tokens" header says 40/.test(String(d.message)) && d.range.start.line === 0),
    );
    // The CLI's words (one rule, by id, on both surfaces: qval35b finding 1).
    assert.ok(
      sd.some((d) => /1 line of the log-prob sidecar names no record of the trace \(the first: line 2, id zz9\)/.test(String(d.message))),
      JSON.stringify(sd, null, 1),
    );
    assert.match(row(await hoverText(s, staleUri, firstSample), 'KL from'), /^estimate \(eps = 0.05 per token\)$/);
    // A repeated id: the first line naming it is used (as the CLI does), the later one is a warning.
    const dup = join(dir, 'dup.trace');
    writeFileSync(dup, text);
    const fresh = readFileSync(`${trace}.logprobs.jsonl`, 'utf8').trim().split('\n');
    writeFileSync(`${dup}.logprobs.jsonl`, [fresh[0], fresh[1], lines[0]].join('\n') + '\n');
    const dupUri = pathToFileURL(dup).href;
    await s.open(dupUri, text);
    const dd = (await s.diagnosticsFor(dupUri, 1)).filter((d) => d.code === 'bad-logprobs');
    assert.equal(dd.length, 1, JSON.stringify(dd, null, 1));
    assert.match(String(dd[0].message), /line 3: names record u1 again \(line 1 has its log-probs, and is used\)/);
    assert.equal(row(await hoverText(s, dupUri, firstSample), 'KL from'), 'per-token log-probs');
  });

  test('groups are keyed by model and group: G6 (mA, mA, mB, mB, mA) is two GRPO groups, as the CLI reads two models', async () => {
    const rec = (id: string, model: string, final: number): string =>
      `=== ${id}\nmodel: ${model}\ngroup: G6\nanswer: 36\n---\n12 * 3 = ${final}. The answer is ${final}.\n`;
    const text = [rec('a', 'mA', 36), rec('b', 'mA', 35), rec('c', 'mB', 36), rec('d', 'mB', 35), rec('e', 'mA', 36)].join('');
    const uri = 'file:///qval35/g6.trace';
    await s.open(uri, text);
    await s.diagnosticsFor(uri, 1);
    const lines = text.split('\n');
    const adv = async (id: string): Promise<string> => {
      const md = await hoverText(s, uri, lines.indexOf(`=== ${id}`));
      return /group of (\d+) rollouts \(mean reward ([\d.]+)\), GRPO advantage A = (-?[\d.]+)/.exec(md)!.slice(1).join(' ');
    };
    // mA: rewards 1, 0, 1 (mean 2/3, std 0.5774): A = 0.5774, -1.1547; mB: 1, 0: A = 0.7071, -0.7071.
    // Pooled (before) all five were one group: A = 0.7303 and -1.0954.
    assert.equal(await adv('a'), '3 0.6667 0.5773');
    assert.equal(await adv('b'), '3 0.6667 -1.1547');
    assert.equal(await adv('c'), '2 0.5000 0.7071');
    assert.equal(await adv('d'), '2 0.5000 -0.7071');
  });

  test('a group with unknown rewards says how many are known (the mean is over them), in the hover and the summary', async () => {
    const rec = (id: string, body: string, answer = 'answer: 36\n'): string => `=== ${id}\ngroup: G8\n${answer}---\n${body}\n`;
    const text = [
      rec('w', '12 * 3 = 36. The answer is 36.'),
      rec('x', '12 * 3 = 35. The answer is 35.'),
      rec('y', '12 * 3 = 35. The answer is 35.'),
      rec('z', 'I do not know.'),
    ].join('');
    const uri = 'file:///qval35/g8.trace';
    await s.open(uri, text);
    await s.diagnosticsFor(uri, 1);
    const md = await hoverText(s, uri, 0);
    assert.match(md, /group of 4 rollouts, 3 with a known reward \(mean reward 0\.3333\), GRPO advantage A = 1\.1547/);
    // Large drag on sampling (a long first attempt, a short re-check: a record that answers once
    // gets no summary, findings36): the summary fires and counts the members it sums.
    const long = 'x'.repeat(4000);
    const big = [
      rec('w', `${long}\n12 * 3 = 35. The answer is 35.\nWait, let me recompute.\n12 * 3 = 36. The answer is 36.`),
      rec('z', 'I do not know.'),
    ].join('');
    const bigUri = 'file:///qval35/g8big.trace';
    await s.open(bigUri, big);
    const ds = await s.diagnosticsFor(bigUri, 1);
    const summary = ds.find((d) => d.code === 'unbalanced-attribution');
    assert.ok(summary, JSON.stringify(ds, null, 1));
    // One notion with the hover (qval35b finding 5): a known reward (it said "1 with a candidate answer").
    assert.match(String(summary.message), /Group "G8" of model "[^"]*" \(2 rollouts, 1 with a known reward, 1 over the threshold/);
    // Candidates without ground truth are summed but have no known reward: both counts are said.
    const noTruth = (id: string): string =>
      `=== ${id}\ngroup: G10\n---\n${long}\n12 * 3 = 35. The answer is 35.\nWait, let me recompute.\n12 * 3 = 36. The answer is 36.\n`;
    const ntUri = 'file:///qval35/g10.trace';
    await s.open(ntUri, [noTruth('p'), noTruth('q'), '=== r\ngroup: G10\n---\nI do not know.\n'].join(''));
    const nt = (await s.diagnosticsFor(ntUri, 1)).find((d) => d.code === 'unbalanced-attribution');
    assert.ok(nt);
    assert.match(
      String(nt.message),
      /Group "G10" of model "[^"]*" \(3 rollouts, 0 with a known reward, drag summed over the 2 with a candidate answer, 2 over the threshold/,
    );
  });

  test("a lone known member's hover gives verl's group of one: A = R / (1 + 1e-6) = 0.999999 (it said 1.0000, no group statistics)", async () => {
    const uri = 'file:///qval35/one.trace';
    await s.open(
      uri,
      '=== a\ngroup: G1\nanswer: 36\n---\n12 * 3 = 36. The answer is 36.\n=== b\ngroup: G2\nanswer: 36\n---\nI do not know.\n',
    );
    await s.diagnosticsFor(uri, 1);
    assert.match(await hoverText(s, uri, 0), /\na group of one: A = R \/ \(1 \+ 1e-6\) = 0\.999999\n/);
    assert.match(await hoverText(s, uri, 5), /\ngroup of 1, 0 with a known reward \(no group statistics: A = 0\.0000\)/);
  });

  test('one group name answered by two models gives two attribution summaries, each naming its model (tail35)', async () => {
    const long = 'x'.repeat(4000);
    const body = `${long}\n12 * 3 = 35. The answer is 35.\nWait, let me recompute.\n12 * 3 = 36. The answer is 36.`;
    const rec = (id: string, model: string): string => `=== ${id}\nmodel: ${model}\ngroup: G9\nanswer: 36\n---\n${body}\n`;
    const uri = 'file:///tail35/g9.trace';
    await s.open(uri, [rec('a', 'mA'), rec('b', 'mA'), rec('c', 'mB'), rec('d', 'mB')].join(''));
    const ds = await s.diagnosticsFor(uri, 1);
    const summaries = ds.filter((d) => d.code === 'unbalanced-attribution').map((d) => String(d.message));
    assert.equal(summaries.length, 2, JSON.stringify(ds, null, 1));
    assert.match(summaries[0], /^Group "G9" of model "mA" \(2 rollouts/);
    assert.match(summaries[1], /^Group "G9" of model "mB" \(2 rollouts/);
  });
});
