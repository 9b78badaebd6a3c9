// Edits in the editor reach the language server (incremental sync): diagnostics follow the
// text, and a malformed header is reported precisely while the other records keep working.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixtureCopy, semanticTokens, waitFor } from './util.js';

describe('editing a .trace file', () => {
  it('clears the missed correction when record 2 is corrected, and reports a malformed header precisely', async () => {
    const editor = await openFixtureCopy('decisions.trace');
    const doc = editor.document;
    const missedIn = (ds: readonly vscode.Diagnostic[]) =>
      ds.filter((d) => d.range.start.line >= 10 && d.range.start.line <= 17 && /missed|wrong/i.test(d.message));
    await waitFor('missed correction before the edit', () =>
      missedIn(vscode.languages.getDiagnostics(doc.uri)).length ? true : undefined,
    );

    // Make record 2's only answer the ground truth: the missed correction must go away.
    const line17 = doc.lineAt(17);
    assert.match(line17.text, /1045/);
    await editor.edit((e) => e.replace(line17.range, 'So the answer is \\boxed{1035}.'));
    await waitFor('missed correction to clear', () => (missedIn(vscode.languages.getDiagnostics(doc.uri)).length === 0 ? true : undefined));

    // Break record 3's header (line 20 `answer: 682` -> a line without a key).
    await editor.edit((e) => e.replace(doc.lineAt(20).range, 'this line is not a header'));
    const error = await waitFor('header error', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => d.range.start.line === 20 && d.severity === vscode.DiagnosticSeverity.Error),
    );
    assert.match(error.message, /header|expected|key/i, `a precise message: ${error.message}`);

    // Record 1 still carries its annotations.
    const tokens = await waitFor('tokens after the error', async () => {
      const t = await semanticTokens(doc);
      return t?.some((x) => x.line === 8 && x.type === 'decisionMarker') ? t : undefined;
    });
    assert.ok(
      tokens.some((t) => t.line === 9 && t.modifiers.includes('correct')),
      'record 1 keeps its correct answer token',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
