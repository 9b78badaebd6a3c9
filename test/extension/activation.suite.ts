import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixtureCopy } from './util.js';

describe('extension activation', () => {
  it('activates on a .trace file and registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    const editor = await openFixtureCopy('decisions.trace');
    assert.equal(editor.document.languageId, 'trace');
    await ext.activate();
    assert.equal(ext.isActive, true);
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 6, 'the manifest contributes the Reflection Lens commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'every command in package.json has a handler');
  });
});
