// Labelling in the editor over a real JSON-RPC connection: code actions on a candidate and on a
// plain number, the command writing the gold file beside the trace (the trace untouched), and the
// labelled record's note with the engine's agreement.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { parseGoldFile } from '../../server/src/trace/gold.js';
import { labelTrace } from './labelTrace.js';
import { LspSession } from './lspSession.js';

const text = labelTrace;

describe('gold labels from the editor', () => {
  let s: LspSession;
  const dir = mkdtempSync(join(tmpdir(), 'rl-label-'));
  const file = join(dir, 'runs.trace');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const gold = `${file}.gold.jsonl`;
  const actionsAt = (line: number, character: number): Promise<CodeAction[]> =>
    s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character }, end: { line, character } },
      context: { diagnostics: [] },
    });
  const labelNotes = (ds: Diagnostic[]) =>
    ds.filter((d) => String(d.code).startsWith('gold-')).map((d) => [d.range.start.line, d.code, d.message]);

  before(async () => {
    s = new LspSession();
    const init = await s.initialize();
    assert.ok(init.capabilities.codeActionProvider);
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands, ['reflectionLens.label']);
    await s.open(uri, text);
    await s.diagnosticsFor(uri, 1);
  });
  after(() => s.close());

  test('a candidate offers "not an answer" and "answers the question here"; a plain number offers "mark as candidate"', async () => {
    const onCandidate = await actionsAt(5, 'So the answer is '.length + 1);
    assert.deepEqual(
      onCandidate.map((a) => a.command?.arguments?.[0].op),
      ['not-answer', 'answer'],
    );
    assert.match(onCandidate[0].title, /"418" is not an answer/);
    const onNumber = await actionsAt(12, 'Seven eights: '.length);
    assert.deepEqual(
      onNumber.map((a) => [a.command?.arguments?.[0].op, a.command?.arguments?.[0].value]),
      [['mark', '56']],
    );
    // A header line offers only the record's own label: truncated.
    assert.deepEqual(
      (await actionsAt(1, 3)).map((a) => a.command?.arguments?.[0].op),
      ['truncated'],
    );
  });

  test('the command writes the label beside the trace, never the trace; the record then shows its label', async () => {
    const [notAnswer] = await actionsAt(5, 'So the answer is '.length + 1);
    const published = s.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'gold-disagrees'));
    const result = await s.conn.sendRequest('workspace/executeCommand', {
      command: notAnswer.command!.command,
      arguments: notAnswer.command!.arguments,
    });
    assert.deepEqual(result, { goldFile: gold });
    assert.equal(readFileSync(file, 'utf8'), text, 'the trace is untouched');
    const labels = parseGoldFile(readFileSync(gold, 'utf8'));
    assert.deepEqual(labels.diagnostics, []);
    // Seeded from the engine's reading (418, 408), minus the candidate the user rejected; the
    // copied one is marked unconfirmed (labellingActions.test.ts).
    assert.deepEqual(
      labels.records.get('1')?.candidates.map((c) => [c.value, c.unconfirmed]),
      [['408', true]],
    );
    assert.equal(labels.records.get('1')?.source, 'editor');
    const notes = labelNotes((await published).diagnostics);
    assert.deepEqual(
      notes.map(([line, code]) => [line, code]),
      [[0, 'gold-disagrees']],
    );
    assert.match(String(notes[0][2]), /candidates 408; the engine reads 418, 408 \(1 of 1 labelled candidates found, 1 extra\)/);

    const [mark] = await actionsAt(12, 'Seven eights: '.length);
    const second = s.diagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'gold-label' || (d.code === 'gold-disagrees' && d.range.start.line === 8)),
    );
    await s.conn.sendRequest('workspace/executeCommand', { command: mark.command!.command, arguments: mark.command!.arguments });
    const after2 = parseGoldFile(readFileSync(gold, 'utf8'));
    assert.equal(after2.records.size, 2, 'the other record keeps its label');
    assert.deepEqual(after2.records.get('2')?.candidates, [{ value: '56', offset: 'Seven eights: '.length, text: '56' }]);
    const notes2 = labelNotes((await second).diagnostics);
    assert.equal(notes2.length, 2);
    assert.ok(!existsSync(`${file}.tmp`));
  });
});

describe('a labelled option letter', () => {
  test("agrees with the engine's reading of that option's value at the same place (as eval-segmentation matches)", async () => {
    const mc = [
      '=== mc',
      'query: Which of these equals 3 * 4? A. 10 B. 12 C. 14 D. 16',
      'answer: B',
      '---',
      'Three fours: 3 * 4 = 12.',
      'So the answer is 12.',
      '',
    ].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'rl-label-mc-'));
    const file = join(dir, 'mc.trace');
    writeFileSync(file, mc);
    const offset = 'Three fours: 3 * 4 = 12.\nSo the answer is '.length;
    writeFileSync(`${file}.gold.jsonl`, JSON.stringify({ id: 'mc', candidates: [{ value: 'B', offset }], final: 'B' }) + '\n');
    const uri = pathToFileURL(file).href;
    const s = new LspSession();
    try {
      await s.initialize();
      const published = s.diagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('gold-')));
      await s.open(uri, mc);
      const notes = (await published).diagnostics.filter((d) => String(d.code).startsWith('gold-'));
      assert.deepEqual(
        notes.map((d) => [d.code, d.message]),
        [['gold-label', 'Labelled (gold): candidates B; the engine reads the same.']],
      );
    } finally {
      await s.close();
    }
  });
});
