// What the language server shows in a real editor on test/fixtures/e2e/decisions.trace:
// record 1 samples 418 (wrong), RESAMPLEs at "Wait" (line 8), samples 408 (correct), STOPs;
// record 2 STOPs on a wrong 1045 (a missed correction); record 3 is correct at once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openFixtureCopy, semanticTokens, waitFor } from './util.js';

describe('language features on a .trace file', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    doc = (await openFixtureCopy('decisions.trace')).document;
  });

  it('reports the missed correction in record 2 and nothing alarming in records 1 and 3', async () => {
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length > 0 ? d : undefined;
    });
    const inLines = (a: number, b: number) => diags.filter((d) => d.range.start.line >= a && d.range.start.line <= b);
    const missed = inLines(10, 17).filter((d) => /missed|wrong/i.test(d.message));
    assert.ok(
      missed.length >= 1,
      `a missed-correction diagnostic in record 2; got ${JSON.stringify(diags.map((d) => [d.range.start.line, d.message]))}`,
    );
    const serious = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(
      serious(inLines(18, 25)).map((d) => d.message),
      [],
      'record 3 (correct, STOP) has no warnings',
    );
  });

  it('gives decision markers and correct/wrong answers their own semantic tokens', async () => {
    const tokens = await waitFor('semantic tokens', async () => {
      const t = await semanticTokens(doc);
      return t && t.length > 0 ? t : undefined;
    });
    const marker = tokens.find((t) => t.line === 8 && t.text === 'Wait');
    assert.equal(
      marker?.type,
      'decisionMarker',
      `"Wait" on line 9 is a decision marker; tokens: ${JSON.stringify(tokens.filter((t) => t.line === 8))}`,
    );
    const wrong = tokens.find((t) => t.line === 7 && t.text.includes('418'));
    assert.equal(wrong?.type, 'answer');
    assert.ok(wrong?.modifiers.includes('wrong'), `418 is wrong: ${JSON.stringify(wrong)}`);
    const right = tokens.find((t) => t.line === 9 && t.text.includes('408'));
    assert.equal(right?.type, 'answer');
    assert.ok(right?.modifiers.includes('correct'), `408 is correct: ${JSON.stringify(right)}`);
  });

  it('shows the decision and its Q-values on hover over a marker', async () => {
    const hovers = await waitFor('hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(8, 1));
      return h && h.length > 0 ? h : undefined;
    });
    const text = hoverText(hovers);
    assert.match(text, /RESAMPLE/);
    assert.match(text, /Q/);
    assert.match(text, /-?\d+\.\d+/, 'numeric values are shown');
  });

  it('outlines one symbol per record and folds records', async () => {
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return s && s.length > 0 ? s : undefined;
    });
    assert.equal(symbols.length, 3, `three records: ${symbols.map((s) => s.name).join(', ')}`);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    assert.ok(
      folds.some((f) => f.start === 0),
      'record 1 folds from its === line',
    );
  });
});
