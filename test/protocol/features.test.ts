// The language server's features over a real JSON-RPC connection to the bundled dist/server.js,
// on a multi-record fixture whose every finding is known: semantic tokens, diagnostics, hover
// (Q-values checked against the engine computed here), symbols, folding and inlay hints.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, SemanticTokens } from 'vscode-languageserver-protocol';
import { attributeSegmented } from '../../server/src/analysis/attribution.js';
import { groupAdvantages, outcomeReward } from '../../server/src/analysis/grpo.js';
import { parseTrace } from '../../server/src/trace/parse.js';
import { segmentRecord } from '../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';
import type { SegmentedRecord } from '../../server/src/trace/types.js';
import { decodeTokens, LspSession } from './lspSession.js';

const fixture = resolve('test/fixtures/lsp/multi.trace');
const text = readFileSync(fixture, 'utf8');
const uri = pathToFileURL(fixture).href;
const doc = { textDocument: { uri } };
const lines = text.split('\n');
/** Line of the first occurrence of `needle` at or after line `from`. */
const lineOf = (needle: string, from = 0): number => lines.findIndex((l, i) => i >= from && l.includes(needle));
const rec = (id: string): number => lines.indexOf(`=== ${id}`);

describe('language server features on a multi-record file', () => {
  let s: LspSession;
  let diagnostics: Diagnostic[];
  let legend: { tokenTypes: string[]; tokenModifiers: string[] };

  before(async () => {
    s = new LspSession();
    const init = await s.initialize();
    legend = init.capabilities.semanticTokensProvider!.legend;
    await s.open(uri, text);
    diagnostics = await s.diagnosticsFor(uri, 1);
  });
  after(() => s.close());

  test('initialize declares incremental sync and the token legend of package.json', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.deepEqual(
      legend.tokenTypes,
      manifest.contributes.semanticTokenTypes.map((t: { id: string }) => t.id),
    );
    assert.deepEqual(
      legend.tokenModifiers,
      manifest.contributes.semanticTokenModifiers.map((t: { id: string }) => t.id),
    );
    assert.ok(
      s.configRequests.some((c) => c.scopeUri === uri && c.section === 'reflectionLens'),
      'settings are pulled for the document (scopeUri)',
    );
  });

  test('semantic tokens: markers and answers judged correct / wrong / echo / final at their positions', async () => {
    const t: SemanticTokens = await s.conn.sendRequest('textDocument/semanticTokens/full', doc);
    const tokens = decodeTokens(t.data, legend.tokenTypes, legend.tokenModifiers);
    const at = (line: number, word: string, from = 0) => tokens.find((k) => k.line === line && k.char === lines[line].indexOf(word, from));
    // a2: wrong 418, "Wait", correct final 408.
    const a2wrong = lineOf('answer is 418', rec('a2'));
    assert.deepEqual(at(a2wrong, '418'), {
      line: a2wrong,
      char: lines[a2wrong].indexOf('418'),
      length: 3,
      type: 'answer',
      mods: ['wrong'],
    });
    assert.deepEqual(at(a2wrong + 1, 'Wait'), { line: a2wrong + 1, char: 0, length: 4, type: 'decisionMarker', mods: [] });
    assert.deepEqual(at(a2wrong + 2, '408')?.mods, ['correct', 'final']);
    // a3: the boxed repeat of a wrong answer is an echo and stands.
    const a3echo = lineOf('boxed{418}', rec('a3'));
    assert.deepEqual(at(a3echo, '418', lines[a3echo].indexOf('boxed'))?.mods, ['wrong', 'echo', 'final']);
    assert.equal(at(a3echo, 'Let me double-check')?.length, 'Let me double-check'.length);
    // b1: "Hmm" and "let me verify" are both markers (case-insensitive).
    const b1m = lineOf('Hmm', rec('b1'));
    assert.equal(at(b1m, 'Hmm')?.type, 'decisionMarker');
    assert.equal(at(b1m, 'let me verify')?.type, 'decisionMarker');
    // Records without an answer produce no answer token; tokens never start inside a header.
    for (const k of tokens) assert.ok(k.line > lineOf('---', 0), `token at ${k.line}`);
    assert.equal(tokens.filter((k) => k.type === 'answer').length, 7);
  });

  test('semantic tokens for a range cover only that range', async () => {
    const range = { start: { line: rec('a3'), character: 0 }, end: { line: rec('b1') - 1, character: 0 } };
    const t: SemanticTokens = await s.conn.sendRequest('textDocument/semanticTokens/range', { ...doc, range });
    const tokens = decodeTokens(t.data, legend.tokenTypes, legend.tokenModifiers);
    assert.equal(tokens.length, 3);
    for (const k of tokens) assert.ok(k.line >= range.start.line && k.line <= range.end.line);
  });

  test('diagnostics: findings per record at the right place, with codes', () => {
    const codes = (from: number, to: number) =>
      diagnostics
        .filter((d) => d.range.start.line >= from && d.range.start.line < to)
        .map((d) => d.code)
        .sort();
    const findings = (from: number, to: number) => codes(from, to).filter((c) => c !== 'unbalanced-attribution');
    assert.deepEqual(findings(rec('a1'), rec('a2')), []);
    assert.deepEqual(findings(rec('a2'), rec('a3')), []);
    assert.deepEqual(findings(rec('a3'), rec('b1')), ['echo', 'missed-correction']);
    assert.deepEqual(findings(rec('b1'), rec('c1')), ['resample-after-correct']);
    assert.deepEqual(codes(rec('c1'), rec('d1')), ['no-answer', 'no-ground-truth']);
    assert.deepEqual(codes(rec('d1'), lines.length), ['no-answer']);
    const missed = diagnostics.find((d) => d.code === 'missed-correction')!;
    const l = lineOf('boxed{418}');
    const c = lines[l].indexOf('418', lines[l].indexOf('boxed'));
    assert.deepEqual(missed.range, { start: { line: l, character: c }, end: { line: l, character: c + 3 } });
    assert.equal(missed.severity, 2);
    assert.equal(diagnostics.find((d) => d.code === 'no-ground-truth')!.severity, 3, 'no ground truth is information');
    assert.equal(diagnostics.find((d) => d.code === 'resample-after-correct')!.range.start.line, lineOf('Hmm'));
  });

  test('attribution summary: one per rollout group over the threshold, on its most unbalanced member', async () => {
    // The fixture plus a group whose rollouts answer at once (all drag on sampling) and one that resamples.
    const direct = (id: string, work: string, answer: string) =>
      `=== ${id}\nquery: Calculate 23 * 45.\nanswer: 1035\ngroup: g2\n---\n${work}\nSo the answer is ${answer}.\n`;
    // And a group that re-checks after a long first attempt: most of its drag is on sampling.
    const late = (id: string) =>
      `=== ${id}\nquery: Calculate 23 * 45.\nanswer: 1035\ngroup: g3\n---\n${'23 * 45 is 23 * 40 plus 23 * 5. '.repeat(40)}\n23 * 45 = 1025.\nWait, let me recompute.\n23 * 45 = 1035, so the answer is 1035.\n`;
    const withGroup = `${text}${direct('e1', '23 * 45 = 23 * 40 + 23 * 5 = 920 + 115.', '1035')}${direct('e2', '23 * 45 = 1000 + 35.', '1035')}${direct('e3', '23 * 45 = 900 + 125.', '1025')}${late('f1')}${late('f2')}`;
    const lines = withGroup.split('\n');
    const rec = (id: string): number => lines.indexOf(`=== ${id}`);
    const groupUri = 'file:///groups/summary.trace';
    await s.open(groupUri, withGroup);
    const diagnostics = await s.diagnosticsFor(groupUri, 1);
    const segs = parseTrace(withGroup, { fileName: 'summary.trace' }).records.map((r) => segmentRecord(r, defaultSegmentOptions));
    const groups = new Map<string, SegmentedRecord[]>();
    for (const x of segs) groups.set(x.record.group, [...(groups.get(x.record.group) ?? []), x]);
    const want: { line: number; ratio: string }[] = [];
    for (const members of groups.values()) {
      const kls = members
        .filter((x) => x.steps.length > 0)
        .map((x) => ({ x, kl: attributeSegmented(x, 0, { beta: 0.001, eps: 0.05, gamma: 1, kl: 'k1' }) }));
      if (!kls.length) continue;
      const ratio = kls.reduce((a, k) => a + Math.abs(k.kl.drag.sampling), 0) / kls.reduce((a, k) => a + Math.abs(k.kl.drag.decision), 0);
      const strongest = kls.reduce((a, b) => (b.kl.ratio > a.kl.ratio ? b : a));
      // A group none of whose rollouts resamples (one sample, one STOP each) gets none: its ratio is the length.
      if (!kls.some((k) => k.x.steps.length > 2)) continue;
      if (ratio > 10) want.push({ line: rec(strongest.x.record.id), ratio: ratio.toFixed(1) });
    }
    const got = diagnostics.filter((d) => d.code === 'unbalanced-attribution');
    assert.ok(want.length > 0, 'the fixture has an unbalanced group');
    assert.deepEqual(got.map((d) => d.range.start.line).sort(), want.map((w) => w.line).sort());
    for (const w of want)
      assert.match(
        got.find((d) => d.range.start.line === w.line)!.message as string,
        new RegExp(`is ${w.ratio.replace('.', '\\.')}x the drag on decisions \\(threshold 10\\)`),
      );
    // g2's rollouts answer at once: each ratio is its length + 1 (the estimator's O(L) against the
    // STOP's one token), which says nothing of the text; no summary (findings36).
    assert.ok(!got.some((d) => d.range.start.line >= rec('e1') && d.range.start.line < rec('f1')), 'g2 answers at once: no summary');
    assert.match(
      got.find((d) => d.range.start.line >= rec('f1'))!.message as string,
      /^Group "g3" of model "[^"]*" \(2 rollouts, 2 over the threshold; this one [\d.]+x\): /,
    );
    assert.ok(!got.some((d) => d.range.start.line < rec('b1')), 'g1 resamples: its drag on decisions keeps it under the threshold');
    assert.ok(got.every((d) => d.severity === 3));
  });

  test('hover on a step shows its Q-values, consistent with the engine and the GRPO group advantage', async () => {
    const parsed = parseTrace(text, { fileName: 'multi.trace' });
    const segs = parsed.records.map((r) => segmentRecord(r, defaultSegmentOptions));
    const g1 = segs.filter((x) => x.record.group === 'g1');
    const advantages = groupAdvantages(g1.map((x) => outcomeReward(x.correct)));
    const a2 = g1.findIndex((x) => x.record.id === 'a2');
    const expected = attributeSegmented(g1[a2], advantages[a2], { beta: 0.001, eps: 0.05, gamma: 1, kl: 'k1' });
    const line = lineOf('answer is 408', rec('a2'));
    const h: Hover = await s.conn.sendRequest('textDocument/hover', { ...doc, position: { line, character: 3 } });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /Step 3 of 4: sample \(attempt 2 of 2\)/);
    assert.match(md, /candidate answer \| `408` \(correct\)/);
    const row = (name: string) => Number(md.match(new RegExp(`\\| ${name} \\| ([^|]+) \\|`))![1]);
    const close = (got: number, want: number, what: string) =>
      assert.ok(Math.abs(got - want) <= Math.max(5e-5, 1e-3 * Math.abs(want)), `${what}: ${got} vs ${want}`);
    close(row('immediate KL penalty r'), expected.steps[2].r, 'r');
    close(row('KL Q-value'), expected.steps[2].q, 'KL Q');
    close(row('surrogate Q-value'), expected.steps[2].qSurrogate, 'surrogate Q');
    close(row('gradient contribution \\(KL\\)'), expected.steps[2].contribution, 'contribution');
    assert.equal(row('tokens \\(L\\)'), g1[a2].steps[2].kind === 'sample' ? g1[a2].steps[2].tokens : NaN);
    assert.ok(advantages[a2] > 0, 'a correct rollout in a group with a wrong one has a positive advantage');
    assert.match(md, new RegExp(`GRPO advantage A = ${advantages[a2].toFixed(4)}`));
    assert.match(md, new RegExp(`\\*\\*${expected.ratio.toFixed(2)}\\*\\*`));
  });

  test('hover on a decision marker shows the decision', async () => {
    const line = lineOf('Wait', rec('a2'));
    const h: Hover = await s.conn.sendRequest('textDocument/hover', { ...doc, position: { line, character: 2 } });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /decision RESAMPLE \(after attempt 1 of 2\)/);
    assert.match(md, /marker \| "Wait"/);
    assert.match(md, /KL Q-value \| -?\d/);
    assert.deepEqual(h.range, { start: { line, character: 0 }, end: { line, character: 4 } });
  });

  test('document symbols: records with their attempts', async () => {
    const symbols: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', doc);
    assert.deepEqual(
      symbols.map((x) => x.name),
      ['=== a1', '=== a2', '=== a3', '=== b1', '=== c1', '=== d1'],
    );
    const a2 = symbols[1];
    assert.deepEqual(
      a2.children!.map((c) => c.name),
      ['attempt 1: 418 ✗', 'attempt 2: 408 ✓'],
    );
    assert.deepEqual(
      a2.children!.map((c) => c.detail),
      ['→ RESAMPLE', '→ STOP'],
    );
    assert.equal(a2.range.start.line, rec('a2'));
    assert.equal(a2.range.end.line, rec('a3') - 1);
    for (const sym of symbols)
      for (const c of sym.children ?? []) assert.ok(c.range.start.line >= sym.range.start.line && c.range.end.line <= sym.range.end.line);
    assert.deepEqual(symbols[5].children, []);
  });

  test('folding: one range per record and per multi-line attempt', async () => {
    const ranges: FoldingRange[] = await s.conn.sendRequest('textDocument/foldingRange', doc);
    for (const id of ['a1', 'a2', 'a3', 'b1', 'c1'])
      assert.ok(
        ranges.some((r) => r.startLine === rec(id)),
        `record ${id}`,
      );
    // a2's first attempt runs over two lines (work + answer).
    assert.ok(ranges.some((r) => r.startLine === rec('a2') + 5 && r.endLine === rec('a2') + 6));
  });

  test('inlay hints: one per decision, saying STOP/RESAMPLE and whether the answer was correct', async () => {
    const hints: InlayHint[] = await s.conn.sendRequest('textDocument/inlayHint', {
      ...doc,
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    });
    const labels = hints.map((h) => `${h.position.line}:${h.label}`);
    assert.deepEqual(labels, [
      `${lineOf('answer is 408')}:STOP ✓`,
      `${lineOf('Wait')}:RESAMPLE ✗`,
      `${lineOf('answer is 408', rec('a2'))}:STOP ✓`,
      `${lineOf('double-check')}:RESAMPLE ✗ echo`,
      `${lineOf('double-check')}:STOP ✗`,
      `${lineOf('Hmm')}:RESAMPLE ✓ echo`,
      `${lineOf('Hmm')}:STOP ✓`,
    ]);
    const some: InlayHint[] = await s.conn.sendRequest('textDocument/inlayHint', {
      ...doc,
      range: { start: { line: rec('b1'), character: 0 }, end: { line: lines.length, character: 0 } },
    });
    assert.equal(some.length, 2);
  });
});

describe('a large document', () => {
  test('shows its malformed lines at once, then the findings of the analysis', async () => {
    const { generateMultiplicationTraceText } = await import('../../server/src/trace/generate.js');
    const big = generateMultiplicationTraceText({
      seed: 2,
      models: [{ name: 'm', tasks: [{ task: '3x4', p: 0.4, delta1: 0.8, delta2: 0.7, n: 2500 }] }],
    });
    assert.ok(big.length > 1_000_000);
    const text = big.replace('\nquery:', '\nnot a header\nquery:');
    const s = new LspSession();
    try {
      await s.initialize();
      const uri = 'file:///big/big.trace';
      await s.open(uri, text);
      const first = await s.diagnostics(uri, () => (s.published.get(uri) ?? 0) >= 1, 120000);
      assert.deepEqual(
        first.diagnostics.map((d) => d.code),
        ['bad-header'],
      );
      assert.equal(first.diagnostics[0].range.start.line, 1);
      const full = await s.diagnostics(uri, () => (s.published.get(uri) ?? 0) >= 2, 120000);
      assert.equal(full.version, 1);
      assert.ok(full.diagnostics.some((d) => d.code === 'bad-header'));
      assert.ok(full.diagnostics.some((d) => d.code === 'missed-correction'));
    } finally {
      await s.close();
    }
  });
});
