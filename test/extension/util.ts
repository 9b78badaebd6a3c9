// Helpers shared by the extension-host suites: a private copy of the fixture (tests edit it
// without touching the repository) and polling for results the language server sends later.
import * as vscode from 'vscode';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// out/test/extension/index.cjs -> repository root
const repoRoot = resolve(__dirname, '..', '..', '..');
export const EXTENSION_ID = 'reflection-lens.reflection-lens';

/** Opens a fresh copy of test/fixtures/e2e/<name> in an editor. */
export async function openFixtureCopy(name: string): Promise<vscode.TextEditor> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-ext-test-'));
  const copy = join(dir, name);
  copyFileSync(join(repoRoot, 'test', 'fixtures', 'e2e', name), copy);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(copy));
  return vscode.window.showTextDocument(doc);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface DecodedToken {
  line: number;
  char: number;
  length: number;
  type: string;
  modifiers: string[];
  text: string;
}

/** Semantic tokens of a document, decoded with the provider's legend. */
export async function semanticTokens(doc: vscode.TextDocument): Promise<DecodedToken[] | undefined> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>(
    'vscode.provideDocumentSemanticTokensLegend',
    doc.uri,
  );
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri);
  if (!legend || !tokens) return undefined;
  const out: DecodedToken[] = [];
  let line = 0;
  let char = 0;
  const d = tokens.data;
  for (let i = 0; i + 4 < d.length; i += 5) {
    line += d[i];
    char = d[i] === 0 ? char + d[i + 1] : d[i + 1];
    const modifiers = legend.tokenModifiers.filter((_, bit) => (d[i + 4] >> bit) & 1);
    const text = doc.lineAt(line).text.slice(char, char + d[i + 2]);
    out.push({ line, char, length: d[i + 2], type: legend.tokenTypes[d[i + 3]], modifiers, text });
  }
  return out;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
