// What the engine says about a .trace text, computed outside the editor by a separately spawned
// language server (dist/server.js over JSON-RPC): the reference the real editor must match.
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { decodeTokens, LspSession } from '../../protocol/lspSession.js';

export interface EngineView {
  diagnostics: Diagnostic[];
  tokens: { line: number; char: number; length: number; type: string; mods: string[] }[];
}

export async function engineView(text: string, path = '/tmp/engine-reference.trace'): Promise<EngineView> {
  const lsp = new LspSession();
  try {
    const init = await lsp.initialize();
    const legend = init.capabilities.semanticTokensProvider?.legend;
    if (!legend) throw new Error('the language server offers no semantic tokens');
    const uri = pathToFileURL(path).href;
    await lsp.open(uri, text, 1);
    const diagnostics = await lsp.diagnosticsFor(uri, 1, 60_000);
    const st = (await lsp.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] };
    return { diagnostics, tokens: decodeTokens(st.data, legend.tokenTypes, legend.tokenModifiers) };
  } finally {
    await lsp.close();
  }
}

/** Counts per severity, as the status bar shows them (1 error, 2 warning, 3 info). */
export function severityCounts(ds: Diagnostic[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: ds.filter((d) => d.severity === 1).length,
    warnings: ds.filter((d) => d.severity === 2).length,
    infos: ds.filter((d) => d.severity === 3 || d.severity === 4).length,
  };
}
