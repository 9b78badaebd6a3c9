// The language server on a verl `{step}.jsonl` rollout dump (the fake rollout generator's lines,
// plus a broken line and an evaluation-harness line with several responses), over a real JSON-RPC
// connection to dist/server.js: per-line diagnostics, hover with Q-values, inlay hints summarising
// the decisions, symbols per line, and an edit that re-reads only the touched line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, DocumentSymbol, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { attributeSegmented } from '../../server/src/analysis/attribution.js';
import { jsonlLineToRecords, jsonlRecordToTrace } from '../../server/src/trace/jsonl.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';
import { segmentRecord } from '../../server/src/trace/segment.js';
import type { SegmentedRecord } from '../../server/src/trace/types.js';
import { fakeRolloutLines } from '../../server/src/training/verl/fakeRollouts.js';
import { LspSession } from './lspSession.js';
import { documentStatsRequest } from '../../protocol/methods.js';

const verl = [...fakeRolloutLines(12, { rollouts: 24, tasks: ['3x3', '3x4'], groupSize: 4, seed: 3 })];
const BROKEN = 5;
const brokenLine = '{"input": "What is 12 * 34?", "output": "The answer is 408", "gts": 408,, "score": 1.0}';
const evalLine = JSON.stringify({
  question: 'What is 21 * 3?',
  responses: ['21*3 = 63. The answer is 63.', 'The answer is 62. Wait, 21*3 = 63. The answer is 63.'],
  gt: '63',
});
const lines = [...verl.slice(0, BROKEN), brokenLine, ...verl.slice(BROKEN), evalLine];
const text = `${lines.join('\n')}\n`;
const uri = 'file:///rollouts/12.jsonl';
const doc = { textDocument: { uri } };

/** The engine's reading of line n: its segmented records, as the server should see them. */
const segsOf = (n: number): SegmentedRecord[] =>
  jsonlLineToRecords(lines[n], n, { fileName: '12.jsonl' }).records.map((r) =>
    segmentRecord(jsonlRecordToTrace(r, 0, 0, '12.jsonl'), defaultSegmentOptions),
  );
const mark = (c: boolean | null | undefined) => (c === true ? '✓' : c === false ? '✗' : '?');
/** The inlay label the test expects, built from the engine's steps here. */
function expectedSummary(seg: SegmentedRecord): string {
  const attempts = seg.steps.filter((s) => s.kind === 'sample').length;
  if (attempts === 0) return 'no answer';
  const decisions = seg.steps.flatMap((s, k) => {
    const prev = seg.steps[k - 1];
    return s.kind === 'decision' ? [`${s.action} ${mark(prev?.kind === 'sample' ? prev.correct : null)}${s.echo ? ' echo' : ''}`] : [];
  });
  return `${attempts} attempt${attempts === 1 ? '' : 's'}: ${decisions.join(' → ')}`;
}

describe('language server on a verl JSONL rollout file', () => {
  let s: LspSession;
  let diagnostics: Diagnostic[];

  before(async () => {
    s = new LspSession();
    await s.initialize();
    await s.open(uri, text);
    diagnostics = await s.diagnosticsFor(uri, 1);
  });
  after(() => s.close());

  test('the broken line gets bad-json at the column of the error; every other line keeps its findings', () => {
    const bad = diagnostics.filter((d) => d.code === 'bad-json');
    assert.equal(bad.length, 1);
    assert.equal(bad[0].range.start.line, BROKEN);
    assert.equal(bad[0].range.start.character, brokenLine.indexOf(',,') + 1);
    assert.equal(bad[0].severity, 1);
    // Findings per line equal the engine's segmentation of that line's records.
    let findings = 0;
    lines.forEach((_, n) => {
      if (n === BROKEN) return;
      const want = segsOf(n)
        .flatMap((seg) => seg.diagnostics.map((d) => d.code))
        .sort();
      const got = diagnostics
        .filter((d) => d.range.start.line === n && d.code !== 'unbalanced-attribution')
        .map((d) => d.code)
        .sort();
      assert.deepEqual(got, want, `line ${n}`);
      findings += want.length;
    });
    assert.ok(findings > 0, 'the generated rollouts have findings (missed corrections, echoes)');
    assert.ok(diagnostics.some((d) => d.code === 'missed-correction'));
    for (const d of diagnostics)
      if (d.code !== 'bad-json') assert.equal(d.range.end.character, lines[d.range.start.line].length, 'findings span their JSON line');
  });

  test("hover on a line shows the record, its steps with answers and verdicts, and the engine's Q-values", async () => {
    const n = lines.findIndex(
      (_, i) => i !== BROKEN && i < verl.length && segsOf(i)[0]?.steps.some((st) => st.kind === 'decision' && st.action === 'RESAMPLE'),
    );
    assert.ok(n >= 0, 'some rollout resamples');
    const [seg] = segsOf(n);
    const h: Hover = await s.conn.sendRequest('textDocument/hover', { ...doc, position: { line: n, character: 10 } });
    const md = (h.contents as { value: string }).value;
    assert.match(md, new RegExp(`\\*\\*Record \`${seg.record.id}\`\\*\\*`));
    const a = attributeSegmented(seg, 0, { beta: 0.001, eps: 0.05, gamma: 1, kl: 'k1' });
    seg.steps.forEach((st, i) => {
      const row = md.split('\n').find((l) => l.startsWith(`| ${i + 1} | `));
      assert.ok(row, `row of step ${i + 1}`);
      const cells = row.split('|').map((c) => c.trim());
      if (st.kind === 'sample') assert.ok(cells[2].includes(`\`${st.answer}\` (${st.correct ? 'correct' : 'wrong'})`), cells[2]);
      else assert.ok(cells[2].startsWith(st.action), cells[2]);
      assert.ok(
        Math.abs(Number(cells[4]) - a.steps[i].q) <= Math.max(5e-5, 1e-3 * Math.abs(a.steps[i].q)),
        `KL Q of step ${i + 1}: ${cells[4]} vs ${a.steps[i].q}`,
      );
    });
    assert.deepEqual(h.range, { start: { line: n, character: 0 }, end: { line: n, character: lines[n].length } });
    const none = await s.conn.sendRequest('textDocument/hover', { ...doc, position: { line: BROKEN, character: 3 } });
    assert.equal(none, null, 'a broken line has no record to show');
  });

  test('inlay hints: one per line at its end, summarising the decisions as the engine segments them', async () => {
    const hints: InlayHint[] = await s.conn.sendRequest('textDocument/inlayHint', {
      ...doc,
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    });
    assert.equal(hints.length, lines.length - 1, 'every line but the broken one');
    for (const h of hints) {
      const n = h.position.line;
      assert.equal(h.position.character, lines[n].length);
      assert.equal(h.label, segsOf(n).map(expectedSummary).join(' | '), `line ${n}`);
    }
    const evalHint = hints.find((h) => h.position.line === lines.length - 1)!;
    assert.equal(evalHint.label, '1 attempt: STOP ✓ | 2 attempts: RESAMPLE ✗ → STOP ✓');
  });

  test('document symbols: one per record, on its line, with its attempts', async () => {
    const symbols: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', doc);
    assert.equal(symbols.length, verl.length + 2, 'one per verl line, two for the evaluation line with two responses');
    const last = symbols.filter((x) => x.range.start.line === lines.length - 1);
    assert.deepEqual(
      last.map((x) => x.children!.map((c) => c.name)),
      [['attempt 1: 63 ✓'], ['attempt 1: 62 ✗', 'attempt 2: 63 ✓']],
    );
    assert.ok(!symbols.some((x) => x.range.start.line === BROKEN));
  });

  test('fixing the broken line re-reads only that line and clears its diagnostic', async () => {
    const col = brokenLine.indexOf(',,');
    await s.change(uri, 2, [{ range: { start: { line: BROKEN, character: col }, end: { line: BROKEN, character: col + 1 } }, text: '' }]);
    const after = await s.diagnosticsFor(uri, 2);
    assert.ok(!after.some((d) => d.code === 'bad-json'));
    const stats = (await s.conn.sendRequest(documentStatsRequest, { uri }))!;
    assert.equal(stats.reparsedByLastChange, 1);
    assert.equal(stats.records, verl.length + 3);
  });
});

describe('language server on rollouts that share their group uid, and on a .trace that repeats an id', () => {
  let s: LspSession;
  const GROUP = 4;
  const grouped = verl.slice(0, 12).map((l, i) => l.replace(/^\{/, `{"uid": "g${Math.floor(i / GROUP)}", `));
  const groupedUri = 'file:///rollouts/13.jsonl';
  const handUri = 'file:///rollouts/hand.trace';

  before(async () => {
    s = new LspSession();
    await s.initialize();
  });
  after(() => s.close());

  test('a .jsonl dump: every rollout its own id (g0, g0.2, ...), no duplicate-id', async () => {
    await s.open(groupedUri, `${grouped.join('\n')}\n`);
    const diags = await s.diagnosticsFor(groupedUri, 1);
    assert.ok(!diags.some((d) => d.code === 'duplicate-id'));
    const symbols: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: groupedUri } });
    assert.deepEqual(
      symbols.map((x) => x.name),
      grouped.map((_, i) => `line ${i + 1}: g${Math.floor(i / GROUP)}${i % GROUP === 0 ? '' : `.${(i % GROUP) + 1}`}`),
    );
  });

  test('a hand-written .trace repeating an id: one warning on the later record, at its id', async () => {
    await s.open(handUri, '=== a\n---\nx = 1\n=== b\n---\ny = 2\n=== a\n---\nz = 3\n');
    const diags = (await s.diagnosticsFor(handUri, 1)).filter((d) => d.code === 'duplicate-id');
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity, String(d.message).split(':')[0]]),
      [[6, 0, 5, 2, 'Duplicate id "a", first at line 1']],
    );
  });
});
