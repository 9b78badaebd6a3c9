// "Open as Trace" on a corpus that is not a .trace file (the OpenR1-schema Parquet fixture) in a
// real extension host: the bundled CLI reads it, a read-only trace document opens, the language
// server analyses it like a .trace file (diagnostics, hover, outline), and "Save as .trace"
// writes exactly what the view shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TRACE_VIEW_SCHEME } from '../../client/src/traceView.js';
import { hoverText, waitFor } from './util.js';

const repoRoot = resolve(__dirname, '..', '..', '..');

describe('a Parquet dataset opened as a read-only trace', () => {
  let uri: vscode.Uri;
  before(async () => {
    const parquet = vscode.Uri.file(join(repoRoot, 'test', 'fixtures', 'formats', 'openr1', 'train-00000-of-00001.parquet'));
    // Through the extension's own command: its content provider holds the view's text.
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>('reflectionLens.openAsTrace', parquet);
    assert.ok(opened, 'a view was opened');
    uri = opened;
  });

  it('opens as a trace document in its own read-only scheme', () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(doc, 'the view is an open document');
    assert.equal(doc.uri.scheme, TRACE_VIEW_SCHEME);
    assert.equal(doc.languageId, 'trace');
    assert.match(doc.getText(), /^=== /m, `records in the .trace format; the view starts ${JSON.stringify(doc.getText().slice(0, 300))}`);
    assert.match(doc.getText(), /^source_verdict: /m, "the dataset's own verdicts are kept");
  });

  it("gets the language server's outline and hover like a .trace file", async () => {
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      return s && s.length > 0 ? s : undefined;
    });
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    const records = doc
      .getText()
      .split('\n')
      .filter((l) => l.startsWith('=== ')).length;
    assert.equal(symbols.length, records, 'one symbol per record');
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('=== '));
    const hovers = await waitFor('hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line + 1, 0));
      return h && h.length > 0 ? h : undefined;
    });
    assert.match(hoverText(hovers), /attempt|answer|Record/i);
  });

  it('"Save as .trace" writes what the view shows', async () => {
    const target = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'rl-view-save-')), 'openr1.trace'));
    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('reflectionLens.saveAsTrace', uri, target);
    assert.equal(saved?.fsPath, target.fsPath);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    assert.equal(readFileSync(target.fsPath, 'utf8'), doc.getText());
  });
});
